#include <echotrace/text.h>
#include <echotrace/word_list.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>

#include "internal/assert.h"
#include "internal/hash.h"

namespace echotrace {
namespace {

// `word` without its accents: decomposed (NFD), combining marks dropped, and
// composed again ("fiancé" → "fiance", "düsseldorf" → "dusseldorf").
std::string without_accents(std::string_view word) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  ECHOTRACE_ASSERT(U_SUCCESS(err));
  const icu::UnicodeString decomposed = nfd->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size()))), err);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
    i += U16_LENGTH(c);
  }
  std::string out;
  nfc->normalize(bare, err).toUTF8String(out);
  ECHOTRACE_ASSERT(U_SUCCESS(err));
  return out;
}

// Adds the forms a corpus may spell the non-ASCII words of `words` in to
// `extra`, and drops those words (views into other storage): each one's
// normal form as the tokenizer gives it (NFKC, case folded: "Élysée" →
// "élysée"), and that form without accents ("elysee"), since news written
// in ASCII drops them: "fiance" is then no typo of "finance".
void add_normal_forms(std::vector<std::string_view>& words, std::vector<std::string>& extra) {
  std::vector<std::string_view> kept;
  kept.reserve(words.size());
  for (std::string_view w : words) {
    if (std::all_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
      kept.push_back(w);
      continue;
    }
    const TokenizedText t = tokenize(w);
    if (t.size() != 1) {  // not one word to the tokenizer: kept as written
      kept.push_back(w);
      continue;
    }
    extra.emplace_back(t.token(0));
    extra.push_back(without_accents(extra.back()));
  }
  words = std::move(kept);
}

// The lines of `text`, trailing spaces, tabs and carriage returns dropped,
// blank ones skipped, lower-cased in place.
void split_lines(std::string& text, std::vector<std::string_view>& out) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::size_t last = end;
    while (last > at && (text[last - 1] == '\r' || text[last - 1] == ' ' || text[last - 1] == '\t')) --last;
    if (last > at) out.emplace_back(text.data() + at, last - at);
    at = end + 1;
  }
}

}  // namespace

Result<WordList> WordList::load(std::span<const std::filesystem::path> files) {
  WordList list;
  std::vector<std::string> texts;
  texts.reserve(files.size());
  for (const std::filesystem::path& file : files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return not_found(file.string() + ": no such word list");
    std::ifstream in(file, std::ios::binary);
    if (!in) return io_error(file.string() + ": cannot open word list");
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec || size >= UINT32_MAX)
      return io_error(file.string() + ": cannot read word list (or 4 GB or more)");
    std::string& text = texts.emplace_back(static_cast<std::size_t>(size), '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(size)))
      return io_error(file.string() + ": read failed");
    list.files_.push_back(file.string());
  }
  std::size_t bytes = 0;
  for (const std::string& text : texts) bytes += text.size() + 1;
  if (bytes >= UINT32_MAX) return invalid_argument("word lists of 4 GB or more are not supported");
  std::vector<std::string_view> words;
  for (std::string& text : texts) split_lines(text, words);
  list.finish(std::move(words));
  return list;
}

WordList WordList::of(std::vector<std::string> words) {
  WordList list;
  std::string text;
  for (const std::string& w : words) text.append(w).push_back('\n');
  std::vector<std::string_view> views;
  split_lines(text, views);
  list.finish(std::move(views));
  return list;
}

void WordList::finish(std::vector<std::string_view> words) {
  std::vector<std::string> extra;  // the non-ASCII words' normal forms, which `words` then views
  add_normal_forms(words, extra);
  for (const std::string& w : extra) words.emplace_back(w);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::size_t bytes = 0;
  for (std::string_view w : words) bytes += w.size() + 1;
  text_.clear();
  text_.reserve(bytes);
  begin_.clear();
  begin_.reserve(words.size() + 1);
  for (std::string_view w : words) {
    begin_.push_back(static_cast<std::uint32_t>(text_.size()));
    text_.append(w).push_back('\n');
  }
  begin_.push_back(static_cast<std::uint32_t>(text_.size()));
  checksum_ = internal::xxh3_64(text_, 0);
}

bool WordList::contains(std::string_view word) const {
  std::size_t lo = 0, hi = size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (this->word(mid) < word) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < size() && this->word(lo) == word;
}

std::vector<std::filesystem::path> default_word_list_files() {
  return {"/usr/share/dict/american-english", "/usr/share/dict/british-english"};
}

Result<WordList> WordList::load_default() {
  const std::vector<std::filesystem::path> files = default_word_list_files();
  Result<WordList> list = load(files);
  if (list.is_ok()) return list;
  return Status(list.status().code(),
                list.status().message() + " (Debian's wamerican and wbritish install them)");
}

}  // namespace echotrace
