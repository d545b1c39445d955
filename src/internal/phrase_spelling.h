// Spellings of talking points, shared by src/phrases.cpp: which mined
// talking points are only spellings of a better-ranked one (joined into it),
// and which of a talking point's spellings names it. Private to
// src/phrases*.cpp.
#pragma once

#include <echotrace/phrases.h>
#include <echotrace/word_list.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace echotrace::internal {

// How often the corpus uses each word (a hyphenated token's parts counted
// as words), by its word_key().
class WordCounts {
 public:
  WordCounts() = default;
  // `hash` ascending (the word types' keys), `count` aligned with it.
  WordCounts(std::vector<std::uint64_t> hash, std::vector<std::uint64_t> count);
  // Uses of normalised word `word` (0 if the corpus lacks it).
  std::uint64_t of(std::string_view word) const;

 private:
  std::vector<std::uint64_t> hash_;
  std::vector<std::uint64_t> count_;
};

// For each of the first `mined` talking points, the better-ranked one it is a
// spelling variant of (or itself): the same letters once spaces and hyphens
// are dropped ("price-cap" / "price cap"), or, when those letters number at
// least 10, one letter more or fewer inside a word of at least
// kTypoMinWordLetters (6) letters ("recommendations" / "recomendations"), as
// careless copying does; not a short word for another ("two countries" / "to
// countries"), as the word-level typo rule (variants.cpp) does not either,
// nor one word of `dictionary` (when not null) for another ("formal diner
// party" / "formal dinner party").
std::vector<std::uint32_t> spelling_parents(const TalkingPointReport& report, std::size_t mined,
                                            const WordList* dictionary);

// Sets the canonical form of each of `points` with two or more spellings:
// its most frequent spelling (ties: byte order) that misspells no other
// (phrases.h). `dictionary` may be null.
void choose_canonical_forms(std::span<TalkingPoint> points, const WordCounts& counts,
                            const WordList* dictionary);

}  // namespace echotrace::internal
