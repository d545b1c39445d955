// Variant classes of word types: tokens that are the same word for phrase
// matching. Two types are one class when their keys agree (key = American
// spelling of the token, then its Snowball English stem: "shields" and
// "shield", "demilitarised" and "demilitarized"), or when both are name-like
// and near-identical transliterations of each other ("Hmeymim", "Hmeimim",
// "Hmeymin"; "Recep", "Rejep"), joined by single linkage strongest pair
// first, while the two sets' most frequent spellings stay loosely alike; or
// when a lower-case word is another of at least 6 letters with one letter
// dropped, the other is at least 10 times as frequent and written in lower
// case in at least one use in 10, and the word is not in the spelling
// dictionary, if one is given (a typo).
//
// Thread-safety: variant_classes() is pure; a built VariantClasses is
// immutable except that find() needs a caller-owned Stemmer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "internal/stemmer.h"

namespace echotrace {
class WordList;
}

namespace echotrace::internal {

// One distinct normalised token of a corpus and how it is written there.
struct WordType {
  std::string text;               // normalised token
  std::uint64_t count = 0;        // occurrences
  std::uint64_t capitalised = 0;  // occurrences starting with an upper-case letter in the original text
};

// The word-level typo rule (VariantClasses): a word with one letter dropped
// from a word of at least kTypoMinWordLetters letters that is at least
// kTypoRatio times as frequent is that word misspelled.
inline constexpr std::uint64_t kTypoRatio = 10;
inline constexpr std::size_t kTypoMinWordLetters = 6;

struct TransliterationOptions {
  double min_similarity = 0.65;  // padded character-bigram Dice
  int min_chars = 5;             // shortest name compared, in code points
};

// Dice coefficient 2|A∩B| / (|A| + |B|) of the multisets of character bigrams
// of `a` and `b`, each padded with a boundary mark at both ends ("rec" →
// #r re ec c#). In [0, 1]; 1 for equal strings. Code points, not bytes.
double bigram_dice(std::string_view a, std::string_view b);

// The matching key of one token: american_spelling() then the stem. `token`
// is lower-cased (ASCII) first, so keys ignore case.
std::string variant_key(std::string_view token, Stemmer& stemmer);

// Whether `a` and `b` may be transliterations of one name: each at least
// options.min_chars code points of letters (hyphens and apostrophes allowed
// inside), same first two code points, lengths within one, neither a prefix
// of the other, and bigram_dice >= options.min_similarity.
bool transliteration_pair(std::string_view a, std::string_view b, const TransliterationOptions& options);

class VariantClasses {
 public:
  // Classes of `types`. The keys of name-like types (capitalised in more
  // than half of their occurrences, not stop words) are compared with
  // transliteration_pair() within blocks of equal first two letters, so a
  // possessive or plural never counts as a different spelling. Class ids are dense, ordered by
  // the key of each class's representative (its most frequent type, ties by
  // text), so they do not depend on `threads`. A word of `dictionary` (when
  // not null) is never joined as a typo.
  static VariantClasses build(std::span<const WordType> types, const TransliterationOptions& options,
                              int threads, const WordList* dictionary = nullptr);

  std::size_t classes() const { return representative_.size(); }
  // Class of type `t` (index into the types given to build()).
  std::uint32_t class_of(std::size_t t) const { return class_of_[t]; }
  // The most frequent type of class `c`.
  std::uint32_t representative(std::uint32_t c) const { return representative_[c]; }
  // The class a token written elsewhere (a watchlist phrase) belongs to: by
  // key, else the most similar name-like type passing transliteration_pair();
  // nullopt when none.
  std::optional<std::uint32_t> find(std::string_view token, Stemmer& stemmer) const;

  // A name-like key prepared for comparison.
  struct Name {
    std::string key;
    std::string prefix;       // first two code points
    std::uint32_t chars = 0;  // code points
    std::uint32_t type = 0;
    std::vector<std::uint64_t> bigrams;  // padded, sorted
  };
  static Name make_name(std::string key, std::uint32_t type);
  // transliteration_pair() on prepared names (shape already checked).
  static bool similar(const Name& a, const Name& b, const TransliterationOptions& options);

 private:
  TransliterationOptions options_;
  std::vector<std::uint32_t> class_of_;
  std::vector<std::uint32_t> representative_;
  std::unordered_map<std::string, std::uint32_t> class_by_key_;
  // Name-like keys sorted by (prefix, chars, key).
  std::vector<Name> names_;
};

}  // namespace echotrace::internal
