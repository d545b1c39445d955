#include "generator/sentence_pool.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include <echotrace/background.h>
#include <echotrace/io.h>
#include <echotrace/text.h>

#include "generator/rng.h"
#include "internal/background_key.h"
#include "internal/hash.h"
#include "internal/phrase_corpus.h"

namespace echotrace::bench {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_letter(char c) { return is_upper(c) || is_lower(c); }
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v'; }

// Words that end in a period without ending a sentence.
constexpr std::array<std::string_view, 36> kAbbreviations = {
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Gov", "Gen",
    "Sen", "Rep", "Rev", "Prof", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "No", "vs", "etc", "approx", "Mt", "Ft", "Col"};

// True if the word ending just before `dot` is an abbreviation.
bool abbreviation_before(std::string_view s, std::size_t dot) {
  std::size_t b = dot;
  while (b > 0 && !is_space(s[b - 1])) --b;
  const std::string_view word = s.substr(b, dot - b);
  if (word.empty()) return false;
  if (word.find('.') != std::string_view::npos) return true;    // "U.S", "a.m"
  if (word.size() == 1 && is_upper(word[0])) return true;        // initials: "J. Smith"
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

bool is_closer(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

}  // namespace

std::uint64_t bigram_hash(std::uint64_t a, std::uint64_t b) {
  return internal::mix64(internal::mix64(a ^ 0x626967) ^ internal::mix64(b ^ 0x72616d));
}

bool SentencePool::has_bigram(std::string_view a, std::string_view b) const {
  return std::binary_search(bigrams.begin(), bigrams.end(),
                            bigram_hash(background_word_key(a), background_word_key(b)));
}

std::vector<std::string> split_sentences(std::string_view text) {
  std::string s;
  s.reserve(text.size());
  for (char c : text) {
    if (is_space(c)) {
      if (!s.empty() && s.back() != ' ') s.push_back(' ');
    } else {
      s.push_back(c);
    }
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();

  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c != '.' && c != '!' && c != '?') continue;
    std::size_t j = i + 1;
    while (j < s.size() && is_closer(s[j])) ++j;
    bool end = false;
    if (j == s.size()) {
      end = true;
    } else if (s[j] == ' ' && j + 1 < s.size() && (is_upper(s[j + 1]) || s[j + 1] == '"')) {
      end = !(c == '.' && abbreviation_before(s, i));
    }
    if (!end) continue;
    out.emplace_back(s.substr(start, j - start));
    start = j + 1;
    i = j;
  }
  if (start < s.size()) out.emplace_back(s.substr(start));
  return out;
}

bool is_prose_sentence(std::string_view s) {
  if (s.size() < 20 || s.size() > 400) return false;
  if (!is_upper(s[0]) && !(s[0] == '"' && is_upper(s[1]))) return false;
  std::size_t last = s.size() - 1;
  while (last > 0 && is_closer(s[last])) --last;
  if (s[last] != '.' && s[last] != '!' && s[last] != '?') return false;
  std::size_t letters = 0, upper = 0, plain = 0;
  for (char c : s) {
    if (is_letter(c)) {
      ++letters;
      upper += is_upper(c);
    }
    if (is_letter(c) || c == ' ' || c == ',' || c == '.' || c == '\'' || c == '"' || c == '-') ++plain;
    if (std::string_view("@<>|_=*#{}[]^~\\/\t").find(c) != std::string_view::npos) return false;
  }
  if (s.find("http") != std::string_view::npos || s.find("www.") != std::string_view::npos) return false;
  for (std::string_view junk : {"  ", "--", " %", "%%", "..", ",,"}) {
    if (s.find(junk) != std::string_view::npos) return false;  // quoting marks, rules, ellipses
  }
  if (plain * 100 < s.size() * 90) return false;  // mostly letters and plain punctuation
  return upper * 100 <= letters * 25;             // not an all-capitals headline
}

SentencePool pool_from_sentences(std::span<const std::string> sentences, std::string source,
                                 const PoolOptions& options) {
  SentencePool pool;
  pool.source = std::move(source);
  std::unordered_set<std::uint64_t> seen;
  // The words of a sentence as the phrase stage counts them: a hyphenated
  // token as its parts, each by its variant key (cached per spelling).
  internal::Stemmer stemmer;
  std::unordered_map<std::string, std::uint64_t> key_of;
  const auto key = [&](std::string_view word) {
    auto [it, fresh] = key_of.try_emplace(std::string(word), 0);
    if (fresh) it->second = internal::background_word_key(word, stemmer);
    return it->second;
  };
  std::vector<std::uint64_t> words;
  for (const std::string& s : sentences) {
    if (options.max_sentences != 0 && pool.size() >= options.max_sentences) break;
    const TokenizedText t = tokenize(s);
    if (t.size() < options.min_tokens || t.size() > options.max_tokens) continue;
    if (!seen.insert(internal::xxh3_64(s, 0)).second) continue;
    pool.sentences.push_back(s);
    pool.token_counts.push_back(static_cast<std::uint32_t>(t.size()));
    words.clear();
    for (std::size_t i = 0; i < t.size(); ++i) {
      const std::string_view word = t.token(i);
      const std::size_t parts = internal::hyphen_parts(
          word, std::string_view(s).substr(t.tokens[i].begin, t.tokens[i].end - t.tokens[i].begin));
      for (std::size_t k = 0; k < parts; ++k) {
        const auto [a, b] = parts == 1 ? std::pair<std::size_t, std::size_t>{0, word.size()}
                                       : internal::hyphen_part(word, k, false);
        words.push_back(key(word.substr(a, b - a)));
      }
    }
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      pool.bigrams.push_back(bigram_hash(words[i], words[i + 1]));
    }
  }
  std::sort(pool.bigrams.begin(), pool.bigrams.end());
  pool.bigrams.erase(std::unique(pool.bigrams.begin(), pool.bigrams.end()), pool.bigrams.end());
  return pool;
}

Result<SentencePool> pool_from_corpus(const std::filesystem::path& path, const PoolOptions& options) {
  Result<std::unique_ptr<JsonlReader>> reader = JsonlReader::open(path);
  if (!reader.is_ok()) return reader.status();
  std::vector<std::string> sentences;
  while (true) {
    Result<std::optional<Document>> doc = (*reader)->next();
    if (!doc.is_ok()) return doc.status();
    if (!doc->has_value()) break;
    for (std::string& s : split_sentences((*doc)->text)) {
      if (is_prose_sentence(s)) sentences.push_back(std::move(s));
    }
    if (options.max_sentences != 0 && sentences.size() >= 2 * options.max_sentences) break;
  }
  SentencePool pool = pool_from_sentences(sentences, path.string(), options);
  if (pool.size() == 0) return invalid_argument(path.string() + ": no prose sentences found to build documents from");
  return pool;
}

SentencePool synthetic_pool(std::uint64_t seed, std::size_t count) {
  static constexpr std::array<std::string_view, 64> kCommon = {
      "the", "of", "and", "to", "in", "a", "that", "for", "on", "said", "with", "as", "was", "by", "it", "at",
      "from", "be", "has", "have", "are", "an", "its", "will", "were", "which", "but", "not", "this", "had",
      "after", "they", "been", "also", "more", "their", "would", "who", "year", "new", "than", "over",
      "about", "two", "percent", "government", "officials", "last", "told", "minister", "people", "week",
      "could", "market", "state", "city", "report", "police", "company", "president", "talks", "since",
      "under", "against"};
  static constexpr std::array<std::string_view, 24> kSyllables = {
      "ka", "lo", "mi", "ren", "tor", "va", "sel", "dun", "pra", "qui", "bel", "nor",
      "vis", "tam", "el", "ur", "os", "an", "dre", "fi", "gan", "lis", "mor", "te"};
  Rng rng = Rng::derive(seed, 1, 0);
  constexpr std::size_t kInvented = 8000;
  std::vector<std::string> words(kInvented);
  std::vector<double> cdf(kInvented);
  double total = 0;
  for (std::size_t i = 0; i < kInvented; ++i) {
    const std::size_t syllables = rng.between(2, 4);
    for (std::size_t k = 0; k < syllables; ++k) words[i] += kSyllables[rng.below(kSyllables.size())];
    total += 1.0 / static_cast<double>(i + 1);  // Zipf, exponent 1
    cdf[i] = total;
  }
  std::vector<std::string> sentences;
  sentences.reserve(count);
  for (std::size_t n = 0; n < count; ++n) {
    std::string s;
    const std::size_t len = rng.between(8, 28);
    for (std::size_t w = 0; w < len; ++w) {
      std::string word;
      if (rng.chance(0.45)) {
        word = kCommon[rng.below(rng.chance(0.5) ? 12 : kCommon.size())];
      } else {
        const double u = rng.unit() * total;
        word = words[static_cast<std::size_t>(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin()) %
                     kInvented];
      }
      if (w == 0) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      if (w > 0) s += (w > 2 && w + 2 < len && rng.chance(0.06)) ? ", " : " ";
      s += word;
    }
    s += '.';
    sentences.push_back(std::move(s));
  }
  return pool_from_sentences(sentences, "synthetic", {});
}

}  // namespace echotrace::bench
