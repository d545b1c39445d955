// Spellings of talking points (internal/phrase_spelling.h): which talking
// points are spellings of a better-ranked one, and which spelling names one.
#include "internal/phrase_spelling.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <unordered_map>

#include "internal/phrase_corpus.h"
#include "internal/stemmer.h"
#include "internal/variants.h"

namespace echotrace::internal {
namespace {

// Calls fn(word) for each word of a canonical form: the runs of bytes
// between spaces and hyphens (hyphenated parts count separately).
template <typename Fn>
void each_word(std::string_view canonical, Fn fn) {
  for (std::size_t w = 0; w < canonical.size();) {
    if (canonical[w] == ' ' || canonical[w] == '-') {
      ++w;
      continue;
    }
    std::size_t end = w;
    while (end < canonical.size() && canonical[end] != ' ' && canonical[end] != '-') ++end;
    fn(canonical.substr(w, end - w));
    w = end;
  }
}

// A talking point's letters: its canonical form without spaces and hyphens.
std::string letters_key(std::string_view canonical) {
  std::string key;
  each_word(canonical, [&](std::string_view word) { key.append(word); });
  return key;
}

// The words of a canonical form, hyphenated parts separately.
std::vector<std::string_view> words_of(std::string_view canonical) {
  std::vector<std::string_view> words;
  each_word(canonical, [&](std::string_view w) { words.push_back(w); });
  return words;
}

// Code points of `word` (UTF-8 bytes that are not continuation bytes).
std::size_t code_points(std::string_view word) {
  return static_cast<std::size_t>(std::count_if(
      word.begin(), word.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// What tells a misspelling from the right word: the corpus's use of each
// word, the spelling dictionary (may be null) and the variant keys.
class Spelling {
 public:
  Spelling(const WordCounts& counts, const WordList* dictionary) : counts_(counts), dictionary_(dictionary) {}

  // Whether `wrong` is `right` misspelled by one letter more or fewer: the
  // two differ by one ASCII letter, the longer has at least
  // kTypoMinWordLetters code points, `right` is used at least kTypoRatio
  // times as often (the word-level typo rule's terms, in either direction:
  // "recomendations" and "recommmendations" both misspell "recommendations"),
  // `wrong` is no word of the dictionary, and they are not one word inflected
  // or spelled two ways ("houses" / "house", the same variant key).
  bool misspells(std::string_view wrong, std::string_view right) {
    if (wrong.size() + 1 != right.size() && right.size() + 1 != wrong.size()) return false;
    const std::string_view longer = wrong.size() > right.size() ? wrong : right;
    const std::string_view shorter = wrong.size() > right.size() ? right : wrong;
    std::size_t i = 0;
    while (i < shorter.size() && shorter[i] == longer[i]) ++i;
    const char dropped = longer[i];
    if (!((dropped >= 'a' && dropped <= 'z') || (dropped >= 'A' && dropped <= 'Z'))) return false;
    if (longer.substr(i + 1) != shorter.substr(i)) return false;
    if (code_points(longer) < kTypoMinWordLetters) return false;
    if (counts_.of(right) < kTypoRatio * std::max<std::uint64_t>(1, counts_.of(wrong))) return false;
    if (dictionary_ != nullptr && dictionary_->contains(wrong)) return false;
    return variant_key(wrong, stemmer_) != variant_key(right, stemmer_);
  }

  // Whether spelling `wrong` of a talking point is spelling `right` with
  // words misspelled: the same number of words, and every word that differs
  // misspells the other's.
  bool misspelled_variant(std::string_view wrong, std::string_view right) {
    const std::vector<std::string_view> a = words_of(wrong), b = words_of(right);
    if (a.size() != b.size()) return false;
    bool differs = false;
    for (std::size_t k = 0; k < a.size(); ++k) {
      if (a[k] == b[k]) continue;
      if (!misspells(a[k], b[k])) return false;
      differs = true;
    }
    return differs;
  }

  // The canonical form of a talking point: its most frequent spelling (ties:
  // byte order) that is no misspelling of another of its spellings. Planted
  // or careless typos can outnumber the right spelling within one phrase
  // ("books grding:5; books grading:4"); the corpus's use of each word
  // decides then.
  std::string canonical(const TalkingPoint& tp) {
    for (const Variant& v : tp.variants) {
      const bool wrong = std::any_of(tp.variants.begin(), tp.variants.end(), [&](const Variant& u) {
        return &u != &v && misspelled_variant(v.text, u.text);
      });
      if (!wrong) return v.text;
    }
    return tp.canonical;
  }

 private:
  const WordCounts& counts_;
  const WordList* dictionary_;
  Stemmer stemmer_;
};

// At least this many letters (spaces and hyphens aside) before two talking
// points one letter apart are spellings of one (spelling_parents()).
constexpr std::size_t kTypoMinLetters = 10;

// Whether two spellings of as many words `x` and `y` differ in a word that
// is, in both, a word of `dictionary`: two real words, not a word and its
// misspelling.
bool differ_by_real_words(std::span<const std::string_view> x, std::span<const std::string_view> y,
                          const WordList& dictionary) {
  for (std::size_t k = 0; k < x.size(); ++k) {
    if (x[k] != y[k] && dictionary.contains(x[k]) && dictionary.contains(y[k])) return true;
  }
  return false;
}

}  // namespace

std::vector<std::uint32_t> spelling_parents(const TalkingPointReport& report, std::size_t mined,
                                            const WordList* dictionary) {
  std::unordered_map<std::string, std::uint32_t> keys, deletions;
  std::vector<std::uint32_t> parent(mined);
  // Calls fn(key less one letter) for each letter of a word of the canonical
  // form long enough to be misspelled by dropping it.
  const auto each_deletion = [](std::string_view canonical, const std::string& key, auto&& fn) {
    std::size_t i = 0;  // where the next word starts in key
    each_word(canonical, [&](std::string_view word) {
      const std::size_t from = i;
      i += word.size();
      if (code_points(word) < kTypoMinWordLetters) return;
      for (std::size_t k = from; k < i; ++k) {
        const auto ch = static_cast<unsigned char>(key[k]);
        if (ch < 0x80 && !std::isalpha(ch)) continue;
        if (k > from && key[k] == key[k - 1]) continue;  // the same string as deleting k - 1
        fn(key.substr(0, k) + key.substr(k + 1));
      }
    });
  };
  for (std::uint32_t t = 0; t < mined; ++t) {
    parent[t] = t;
    const std::string key = letters_key(report.talking_points[t].canonical);
    const bool typos = key.size() >= kTypoMinLetters;
    std::optional<std::uint32_t> found;
    if (auto it = keys.find(key); it != keys.end()) found = it->second;
    if (!found && typos) {
      if (auto it = deletions.find(key); it != deletions.end()) found = it->second;
      each_deletion(report.talking_points[t].canonical, key, [&](const std::string& d) {
        if (auto it = keys.find(d); !found && it != keys.end()) found = it->second;
      });
    }
    if (found) {
      const std::vector<std::string_view> a = words_of(report.talking_points[*found].canonical);
      const std::vector<std::string_view> b = words_of(report.talking_points[t].canonical);
      // A letter more or fewer, not a word ("a de-escalation zone"); nor two
      // real words ("diner" / "dinner").
      if (a.size() != b.size() || (dictionary != nullptr && differ_by_real_words(a, b, *dictionary))) {
        found.reset();
      }
    }
    if (found && report.talking_points[t].watch.empty()) {
      parent[t] = *found;
      continue;
    }
    keys.emplace(key, t);
    if (typos) {
      each_deletion(report.talking_points[t].canonical, key,
                    [&](const std::string& d) { deletions.emplace(d, t); });
    }
  }
  return parent;
}

WordCounts::WordCounts(std::vector<std::uint64_t> hash, std::vector<std::uint64_t> count)
    : hash_(std::move(hash)), count_(std::move(count)) {}

std::uint64_t WordCounts::of(std::string_view word) const {
  const std::uint64_t key = word_key(word);
  const auto it = std::lower_bound(hash_.begin(), hash_.end(), key);
  return it != hash_.end() && *it == key ? count_[static_cast<std::size_t>(it - hash_.begin())] : 0;
}

void choose_canonical_forms(std::span<TalkingPoint> points, const WordCounts& counts,
                            const WordList* dictionary) {
  Spelling spelling(counts, dictionary);
  for (TalkingPoint& tp : points) {
    if (tp.variants.size() > 1) tp.canonical = spelling.canonical(tp);
  }
}

}  // namespace echotrace::internal
