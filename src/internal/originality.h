// Originality of a talking point: how many of its occurrences are
// independent uses rather than copies of the same surrounding text, and the
// corpus scan that finds the occurrences of the candidates it is computed
// for. Part of the phrase stage's mining (phrase_mining.h), which multiplies
// it into the score; phrases.h documents the formula.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "internal/phrase_mining.h"
#include "internal/segments.h"

namespace echotrace::internal {

// Fraction of a phrase's occurrences that are independent uses rather than
// copies of the same surrounding text. The context of an occurrence on each
// side is up to `kContextTokens` tokens of its own sentence. Occurrences are
// joined (transitively) when their full-length contexts before, or after,
// are the same classes, or when both sides are cut short by the sentence's
// ends and the two short contexts agree (the same sentence, or clause,
// copied whole). The result is clusters / occurrences, in (0, 1]. Keeps
// scratch space between calls; one per thread.
inline constexpr std::size_t kContextTokens = 3;
// Occurrences are also joined when the content words near them agree: up to
// kWindowWords content words (not stop words) within kWindowScan tokens on
// each side (a hyphenated token counted once, by its first part), at least
// kWindowMinWords of them, sketched by kWindowBands pairs
// of minimum hashes (MinHash with 2 rows per band: two windows of Jaccard
// similarity J share a band with probability 1 − (1 − J²)^kWindowBands), so
// copies edited right at the phrase's edges still count as one use.
inline constexpr std::size_t kWindowWords = 8;
inline constexpr std::size_t kWindowScan = 16;
inline constexpr std::size_t kWindowMinWords = 3;
inline constexpr std::size_t kWindowBands = 4;

class OriginalityCounter {
 public:
  // `starts`: the first positions of the occurrences, each `length` long.
  double operator()(const MiningInput& in, std::span<const std::uint32_t> starts, std::uint32_t length);

 private:
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keys_;
  std::vector<std::uint32_t> parent_;
};

// Every occurrence of the phrases of `pool` in the corpus: phrase k starts at
// starts[offset[k]] .. starts[offset[k + 1] - 1], ascending.
struct Starts {
  std::vector<std::size_t> offset;
  std::vector<std::uint32_t> starts;
};
// Found by one scan of the first copies of `corpus`'s runs (`first`,
// FirstCopies::build() of it), each occurrence there repeated in the run's
// other copies (an n-gram lies inside one run). The phrases' positions (rep)
// are `corpus`'s.
Starts find_starts(const MiningInput& corpus, const FirstCopies& first, std::span<const MinedPhrase> pool,
                   int threads);

// Sets the originality of pool[begin, end) (and multiplies it into the score);
// `s` is find_starts() of `pool`.
void apply_originality(const MiningInput& in, std::span<MinedPhrase> pool, const Starts& s, std::size_t begin,
                       std::size_t end, int threads);

}  // namespace echotrace::internal
