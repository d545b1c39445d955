#include "generator/talking_points.h"

#include <algorithm>
#include <span>

#include "internal/english.h"

namespace echotrace::bench {
namespace {

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::size_t b = 0;
  while (b < s.size()) {
    std::size_t e = s.find(' ', b);
    if (e == std::string_view::npos) e = s.size();
    if (e > b) words.emplace_back(s.substr(b, e - b));
    b = e + 1;
  }
  return words;
}

std::string join(const std::vector<std::string>& words, std::size_t hyphen_after = std::string::npos) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += (i == hyphen_after + 1) ? "-" : " ";
    out += words[i];
  }
  return out;
}

// A lower-case word of at least five ASCII letters from a random pool sentence
// (trailing ",.;:" dropped), or empty. Stop words ("their", "would") and date
// words ("march", "today") are no content words: a framing an outlet coins is
// made of content words, and the phrase stage rightly scores phrases that
// start or end with a stop word down (internal/english.h's lists, so the
// generator and the stage agree on what a stop word is).
std::string content_word(const SentencePool& pool, Rng& rng) {
  const std::vector<std::string> words = split_words(pool.sentences[rng.below(pool.size())]);
  std::string w = words[rng.below(words.size())];
  while (!w.empty() && std::string_view(",.;:").find(w.back()) != std::string_view::npos) w.pop_back();
  if (w.size() < 5) return {};
  for (char c : w) {
    if (c < 'a' || c > 'z') return {};
  }
  if (internal::word_flags(w) & (internal::kStopWord | internal::kDateWord)) return {};
  return w;
}

}  // namespace

std::string respell(const std::string& w) {
  // What may follow the changed part: -ize/-ise also before -d, -s, -r, -rs
  // ("realised", "organisers"), -yze before -d, -s ("analysed").
  static constexpr std::string_view kIzeEndings[] = {"", "d", "s", "r", "rs"};
  static constexpr std::string_view kYzeEndings[] = {"", "d", "s"};
  static constexpr std::string_view kEnd[] = {""};
  struct Rule {
    std::string_view from, to;
    std::span<const std::string_view> endings;
  };
  static constexpr Rule kRules[] = {{"ize", "ise", kIzeEndings}, {"ise", "ize", kIzeEndings},
                                    {"yze", "yse", kYzeEndings}, {"our", "or", kEnd},
                                    {"or", "our", kEnd},         {"ter", "tre", kEnd}};
  for (const auto& [from, to, endings] : kRules) {
    const std::size_t at = w.rfind(from);
    // Three letters at least before the changed ending, as in real pairs
    // ("stabil-ize"; not "ma-ize" or "se-ize").
    if (at == std::string::npos || at < kRespellStem) continue;
    const std::string_view rest = std::string_view(w).substr(at + from.size());
    // An ending only: "citizen" has no -ize ending.
    if (std::find(endings.begin(), endings.end(), rest) == endings.end()) continue;
    return w.substr(0, at) + std::string(to) + std::string(rest);
  }
  return {};
}

std::string make_phrase(const SentencePool& pool, const std::set<std::string>& taken, Rng& rng) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    const std::size_t len = rng.between(2, 6);
    std::vector<std::string> words;
    for (int tries = 0; words.size() < len && tries < 200; ++tries) {
      std::string w = content_word(pool, rng);
      if (!w.empty() && std::find(words.begin(), words.end(), w) == words.end()) words.push_back(std::move(w));
    }
    if (words.size() < len) continue;
    bool novel = false;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) novel = novel || !pool.has_bigram(words[i], words[i + 1]);
    std::string phrase = join(words);
    if (novel && !taken.count(phrase)) return phrase;
  }
  return {};
}

std::vector<std::string> make_variants(std::string_view phrase, std::size_t count, Rng& rng,
                                       const WordList* dictionary) {
  const std::vector<std::string> words = split_words(phrase);
  std::vector<std::string> candidates;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) candidates.push_back(join(words, i));
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::vector<std::string> w = words;
    if (std::string r = respell(w[i]); !r.empty()) {
      w[i] = r;
      candidates.push_back(join(w));
    }
    w = words;
    if (w[i].size() >= 6) {
      w[i].erase(rng.between(1, w[i].size() - 2), 1);
      if (dictionary == nullptr || !dictionary->contains(w[i])) candidates.push_back(join(w));
    }
  }
  std::vector<std::string> out;
  while (out.size() < count && !candidates.empty()) {
    const std::size_t k = rng.below(candidates.size());
    std::string v = std::move(candidates[k]);
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(k));
    if (v != phrase && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  }
  return out;
}

std::string insert_phrase(std::string_view sentence, std::string_view form, bool quoted, Rng& rng) {
  std::vector<std::string> words = split_words(sentence);
  std::string piece(form);
  if (quoted) piece = rng.chance(0.5) ? "\xE2\x80\x9C" + piece + "\xE2\x80\x9D" : "\"" + piece + "\"";
  const std::size_t at = words.size() >= 2 ? rng.between(1, words.size() - 1) : words.size();
  words.insert(words.begin() + static_cast<std::ptrdiff_t>(at), piece);
  return join(words);
}

}  // namespace echotrace::bench
