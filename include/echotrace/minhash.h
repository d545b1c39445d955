// MinHash signatures: a fixed-length sketch of a shingle set whose agreement
// with another signature estimates the two sets' Jaccard similarity. Banding
// into buckets is lsh.h's job.
//
// Algorithm: one-permutation hashing (Li, Owen and Zhang 2012) with optimal
// densification (Shrivastava 2017). Each shingle hash h is mixed with the seed
// by a bijective 64-bit mixer into x; x's top bits pick one of K bins
// (x·K >> 64) and each bin keeps its smallest x. A bin that no shingle reached
// copies the value of a non-empty bin chosen by a probe sequence that depends
// only on (seed, bin, attempt), so two documents probe the same way and the
// estimator stays unbiased. Cost: one mix and one compare per shingle (about
// 1 ns), plus O(K²/m) probes for a set of m < K shingles.
//
// Estimator: Ĵ = (bins with equal values) / K. It is unbiased; its variance is
// at most about J(1−J)/K, the variance of K independent permutations (sampling
// bins without replacement makes it slightly smaller for large sets). With the
// default K = 128, σ ≤ 0.045 at J = 0.5.
//
// Thread-safety: a MinHasher is immutable after construction and a Signature is
// an immutable value; both may be shared across threads without locks.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <echotrace/shingle.h>
#include <echotrace/status.h>

namespace echotrace {

struct MinHashOptions {
  // K, the signature length. Standard error of the estimate ≈ sqrt(J(1−J)/K).
  int num_perm = 128;
  // Seed of the permutation; signatures with different seeds do not compare.
  std::uint64_t seed = 1;
};

// Everything that must agree for two signatures to be comparable.
struct SketchParams {
  std::uint32_t num_perm = 0;
  std::uint32_t shingle_k = 0;
  std::uint64_t shingle_seed = 0;
  std::uint64_t minhash_seed = 0;
  bool operator==(const SketchParams&) const = default;
};

// Name of the sketching algorithm recorded in outputs.
inline constexpr const char* kMinHashAlgorithm = "oph-optimal-densification";

// The MinHash signature of one document: K 64-bit bin minima plus the
// parameters that produced them.
class Signature {
 public:
  Signature() = default;
  Signature(SketchParams params, std::vector<std::uint64_t> values, bool empty_set)
      : params_(params), values_(std::move(values)), empty_set_(empty_set) {}

  const SketchParams& params() const { return params_; }
  std::span<const std::uint64_t> values() const { return values_; }
  // True when built from an empty shingle set (a document shorter than k words).
  bool empty_set() const { return empty_set_; }

 private:
  SketchParams params_;
  std::vector<std::uint64_t> values_;
  bool empty_set_ = true;
};

// Builds signatures; immutable once constructed.
class MinHasher {
 public:
  // REQUIRES: options.num_perm >= 1 and shingles.k >= 1.
  MinHasher(const MinHashOptions& options, const ShingleOptions& shingles);

  const SketchParams& params() const { return params_; }

  // Signature of the set of `shingle_hashes` (repeats allowed; order ignored).
  // An empty input gives an empty-set signature.
  Signature sketch(std::span<const std::uint64_t> shingle_hashes) const;

 private:
  SketchParams params_;
  std::uint64_t mix_key_;
  std::uint64_t probe_key_;
  // The first probes of densification for each bin (kCachedProbes per bin,
  // row-major), fixed by the seed and num_perm: looked up, not re-hashed.
  std::vector<std::uint32_t> probes_;
};

// Checks that two signatures were made with the same parameters.
// Returns Incompatible, naming the differing parameter, otherwise OK.
Status check_compatible(const SketchParams& a, const SketchParams& b);

// Estimated Jaccard similarity of the two documents' shingle sets, in [0, 1];
// 0 when either set is empty. Returns Incompatible if the parameters differ.
Result<double> estimate_jaccard(const Signature& a, const Signature& b);

// Same as estimate_jaccard for signatures already known to be compatible.
// REQUIRES: a.params() == b.params().
double estimate_jaccard_unchecked(const Signature& a, const Signature& b);

}  // namespace echotrace
