// The score of a mined phrase from its group (phrases.h documents the
// formula) and the order of candidates: the parts of phrase mining
// (phrase_mining.cpp) that rate a phrase rather than count it.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "internal/ngram_groups.h"
#include "internal/phrase_mining.h"

namespace echotrace::internal {

// Share of its weight a phrase keeps when its documents are spread in time
// exactly like the corpus (time concentration 0).
inline constexpr double kTimingFloor = 0.1;

// Sets the timing factor of `p` from a time concentration and its score as
// the product of its factors, always multiplied in the same order (so that a
// score with a bound on the concentration bounds the resolved one exactly).
inline void set_timing(MinedPhrase& p, double concentration) {
  p.timing = kTimingFloor + (1.0 - kTimingFloor) * concentration;
  p.score = p.spread * p.cohesion * p.distinctiveness * p.originality * p.timing * p.penalty;
}

// Normalised PMI of phrase ab against its parts a and b, over n positions.
inline double npmi(double ab, double a, double b, double n) {
  const double denom = std::log(n / ab);
  if (denom <= 0) return 1.0;
  return std::log(ab * n / (a * b)) / denom;
}

// min(npmi(ab, a1, b1, n), npmi(ab, a2, b2, n)), the shared logarithm taken once.
inline double npmi_min(double ab, double a1, double b1, double a2, double b2, double n) {
  const double denom = std::log(n / ab);
  if (denom <= 0) return 1.0;
  return std::min(std::log(ab * n / (a1 * b1)) / denom, std::log(ab * n / (a2 * b2)) / denom);
}

// Scores groups of `in` under `o`, `documents` being the corpus's. Keeps
// scratch space: one per thread.
class Scorer {
 public:
  Scorer(const MiningInput& in, const MiningOptions& o, std::size_t documents)
      : in_(in), o_(o), docs_(documents) {}

  // Every factor but originality (1 until apply_originality()).
  MinedPhrase score(const NgramGroup& g) const;

 private:
  // ln(1/p_b) / ln(1/p_min) of the phrase's background document rate (phrases.h).
  double background_distinctiveness(const NgramGroup& g) const;

  const MiningInput& in_;
  const MiningOptions& o_;
  std::size_t docs_;
  // Scratch of background_distinctiveness().
  mutable std::vector<std::uint64_t> words_;
};

// The candidates' order: score descending, then length descending, then hash.
bool ranks_before(const MinedPhrase& x, const MinedPhrase& y);

// Keeps the best `limit` of `pool` (all when limit is 0).
void prune(std::vector<MinedPhrase>& pool, std::size_t limit);

}  // namespace echotrace::internal
