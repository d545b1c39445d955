// BENCHMARK BASELINES ONLY: the classic MinHash schemes that echotrace's
// one-permutation hashing (minhash.h) is measured against. echotrace never
// uses these; they exist so that BM_minhash_* can report what the choice of
// algorithm buys on this machine.
//
//   K independent multiply-add hashes  h_i(x) = a_i·x + b_i mod 2^64 (a_i odd,
//                                       a bijection of 64-bit values); signature
//                                       value i = min over shingles of h_i(x).
//   Mersenne-prime universal hashing   h_i(x) = (a_i·x + b_i) mod (2^61 − 1),
//                                       as in datasketch and many papers.
// Both cost K hash evaluations per shingle, against one for OPH.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "generator/rng.h"

namespace echotrace::bench {

class MultiplyAddMinHash {
 public:
  MultiplyAddMinHash(std::size_t k, std::uint64_t seed) : a_(k), b_(k) {
    Rng rng(seed);
    for (std::size_t i = 0; i < k; ++i) {
      a_[i] = rng.next() | 1;
      b_[i] = rng.next();
    }
  }
  std::vector<std::uint64_t> sketch(std::span<const std::uint64_t> shingles) const {
    std::vector<std::uint64_t> mins(a_.size(), std::numeric_limits<std::uint64_t>::max());
    for (std::uint64_t x : shingles) {
      for (std::size_t i = 0; i < a_.size(); ++i) {
        const std::uint64_t h = a_[i] * x + b_[i];
        mins[i] = h < mins[i] ? h : mins[i];
      }
    }
    return mins;
  }

 private:
  std::vector<std::uint64_t> a_, b_;
};

class Mersenne61MinHash {
 public:
  static constexpr std::uint64_t kPrime = (std::uint64_t{1} << 61) - 1;

  Mersenne61MinHash(std::size_t k, std::uint64_t seed) : a_(k), b_(k) {
    Rng rng(seed);
    for (std::size_t i = 0; i < k; ++i) {
      a_[i] = 1 + rng.below(kPrime - 1);
      b_[i] = rng.below(kPrime);
    }
  }
  std::vector<std::uint64_t> sketch(std::span<const std::uint64_t> shingles) const {
    std::vector<std::uint64_t> mins(a_.size(), std::numeric_limits<std::uint64_t>::max());
    for (std::uint64_t raw : shingles) {
      const std::uint64_t x = reduce(raw);
      for (std::size_t i = 0; i < a_.size(); ++i) {
        const internal::Uint128 p = static_cast<internal::Uint128>(a_[i]) * x + b_[i];
        const std::uint64_t h = reduce128(p);
        mins[i] = h < mins[i] ? h : mins[i];
      }
    }
    return mins;
  }

 private:
  static std::uint64_t reduce(std::uint64_t x) {
    x = (x & kPrime) + (x >> 61);
    return x >= kPrime ? x - kPrime : x;
  }
  static std::uint64_t reduce128(internal::Uint128 p) {
    const std::uint64_t lo = static_cast<std::uint64_t>(p) & kPrime;
    const std::uint64_t hi = static_cast<std::uint64_t>(p >> 61);
    return reduce(lo + hi);
  }
  std::vector<std::uint64_t> a_, b_;
};

}  // namespace echotrace::bench
