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
// A signature keeps the low 32 bits of each bin's minimum (b-bit minwise
// hashing with b = 32, Li and König 2010): the minimum is still taken over
// all 64 bits, and two different minima agree in their low bits with
// probability 2^-32 (the top bits, which pick the bin, are not used), so the
// estimate moves by less than 10^-9 while a signature takes 4·K bytes.
//
// Estimator: Ĵ = (bins with equal values) / K. It is unbiased; its variance is
// at most about J(1−J)/K, the variance of K independent permutations (sampling
// bins without replacement makes it slightly smaller for large sets). With the
// default K = 128, σ ≤ 0.045 at J = 0.5.
//
// Thread-safety: a MinHasher is immutable after construction and a Signature is
// an immutable value; both may be shared across threads without locks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
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
  // Compute the shingles' bins eight at a time with AVX-512 where the CPU has
  // it (checked at run time). The signatures are bit-identical either way;
  // false forces the scalar loop (tests compare the two).
  bool vector_unit = true;
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

// The MinHash signature of one document: K bin minima (low 32 bits) plus the
// parameters that produced them.
class Signature {
 public:
  Signature() = default;
  Signature(SketchParams params, std::vector<std::uint32_t> values, bool empty_set)
      : params_(params), values_(std::move(values)), empty_set_(empty_set) {}

  const SketchParams& params() const { return params_; }
  std::span<const std::uint32_t> values() const { return values_; }
  // True when built from an empty shingle set (a document shorter than k words).
  bool empty_set() const { return empty_set_; }

 private:
  SketchParams params_;
  std::vector<std::uint32_t> values_;
  bool empty_set_ = true;
};

// The signatures of many documents (row i is document i's K values), kept in
// large blocks rather than one heap vector each: a million 128-value
// signatures are 1 GB, which as a million allocations the kernel would fault
// in 4 KiB at a time. Blocks are zeroed when mapped, 2 MiB-aligned and
// advised for transparent huge pages (src/internal/huge_pages.h). Rows never
// move once they exist, so after resize() threads may fill distinct rows
// concurrently (MinHasher::sketch_into). Copies are deep.
class SignatureSet {
 public:
  SignatureSet();
  explicit SignatureSet(SketchParams params);
  SignatureSet(const SignatureSet& other);
  SignatureSet& operator=(const SignatureSet& other);
  SignatureSet(SignatureSet&& other) noexcept;
  SignatureSet& operator=(SignatureSet&& other) noexcept;
  ~SignatureSet();

  const SketchParams& params() const { return params_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Document i's K bin values. REQUIRES: i < size().
  std::span<const std::uint32_t> values(std::size_t i) const {
    return {base_[i >> shift_] + (i & mask_) * params_.num_perm, params_.num_perm};
  }
  // True when row i was sketched from an empty shingle set, or not yet written.
  bool empty_set(std::size_t i) const { return empty_[i] != 0; }
  // A copy of row i as a stand-alone Signature.
  Signature at(std::size_t i) const;

  // Grows or shrinks to n rows; rows added read as empty sets of zeros until
  // written. REQUIRES: params().num_perm >= 1.
  void resize(std::size_t n);
  // Appends a copy of `s`. REQUIRES: s.params() == params().
  void push_back(const Signature& s);
  // Where row i's values are written, and its empty-set flag. Writers of
  // distinct rows do not race. REQUIRES: i < size().
  std::span<std::uint32_t> mutable_values(std::size_t i) {
    return {base_[i >> shift_] + (i & mask_) * params_.num_perm, params_.num_perm};
  }
  void set_empty_set(std::size_t i, bool empty) { empty_[i] = empty ? 1 : 0; }

 private:
  struct Block;  // one mapped block of rows (minhash.cpp)
  SketchParams params_;
  std::size_t size_ = 0;
  std::size_t high_water_ = 0;  // rows ever handed out; those above are still zero
  unsigned shift_ = 0;          // log2 of the rows per block
  std::size_t mask_ = 0;        // rows per block − 1
  std::vector<std::unique_ptr<Block>> blocks_;
  std::vector<std::uint32_t*> base_;  // base_[b]: the first row of blocks_[b]
  std::vector<std::uint8_t> empty_;
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
  // The same signature, written into row `row` of `out` without allocating.
  // REQUIRES: out.params() == params() and row < out.size().
  void sketch_into(std::span<const std::uint64_t> shingle_hashes, SignatureSet& out, std::size_t row) const;

 private:
  SketchParams params_;
  std::uint64_t mix_key_;
  std::uint64_t probe_key_;
  bool wide_ = false;  // AVX-512 bin update (options.vector_unit and the CPU has it)
  // The first probes of densification for each bin (kCachedProbes per bin,
  // row-major), fixed by the seed and num_perm: looked up, not re-hashed.
  std::vector<std::uint32_t> probes_;

  // Writes the K bin values into `bins`; returns false for an empty input
  // (bins all zero).
  bool sketch_values(std::span<const std::uint64_t> shingle_hashes, std::span<std::uint32_t> out) const;
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
// The same for rows a and b of one set. REQUIRES: a, b < signatures.size().
double estimate_jaccard_unchecked(const SignatureSet& signatures, std::size_t a, std::size_t b);

}  // namespace echotrace
