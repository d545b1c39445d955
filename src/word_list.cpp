#include <echotrace/word_list.h>

#include <algorithm>
#include <fstream>

#include "internal/hash.h"

namespace echotrace {
namespace {

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

}  // namespace echotrace
