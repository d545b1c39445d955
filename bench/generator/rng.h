// The generator's random numbers: a SplitMix64 stream with bounded draws that
// are fully specified here (std::uniform_int_distribution is not the same on
// every standard library), so a seed gives the same corpus everywhere.
//
// Thread-safety: an Rng is a small value; give each thread or document its own,
// derived with Rng::derive from the corpus seed and an index.
#pragma once

#include <cstddef>
#include <cstdint>

#include "internal/hash.h"

namespace echotrace::bench {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  // An independent stream for item `index` under `seed` (e.g. one per document).
  static Rng derive(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
    return Rng(internal::mix64(internal::mix64(seed ^ 0x67656e657261746fULL) ^ (stream << 40) ^ index));
  }

  // The next 64 uniform bits (SplitMix64).
  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return internal::mix64(state_);
  }
  // Uniform integer in [0, n). REQUIRES: n >= 1.
  std::size_t below(std::size_t n) {
    return static_cast<std::size_t>((static_cast<internal::Uint128>(next()) * n) >> 64);
  }
  // Uniform integer in [lo, hi]. REQUIRES: lo <= hi.
  std::size_t between(std::size_t lo, std::size_t hi) { return lo + below(hi - lo + 1); }
  // Uniform double in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // True with probability `p`.
  bool chance(double p) { return unit() < p; }

 private:
  std::uint64_t state_;
};

}  // namespace echotrace::bench
