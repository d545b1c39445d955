// Locality-sensitive hashing of MinHash signatures: b bands of r rows each;
// two documents become a candidate pair when all r values of at least one band
// agree, which happens with probability 1 − (1 − J^r)^b for Jaccard J (the
// banding S-curve). Choosing (b, r) from a Jaccard threshold and listing
// candidate pairs is all this module does; checking candidates (estimate or
// exact Jaccard) is the caller's job.
//
// Candidates come from sorting (band hash, document) keys band by band: cache
// friendly, one band per thread, and deterministic — the output is sorted and
// does not depend on the thread count.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include <echotrace/minhash.h>
#include <echotrace/status.h>

namespace echotrace {

struct LshOptions {
  // Jaccard similarity the banding is tuned for.
  double threshold = 0.5;
  // Weights of the false-positive area (S-curve below the threshold) and the
  // false-negative area (above it) that the chosen (b, r) minimises, as in
  // datasketch. The default favours recall: pairs above the threshold are
  // rarely missed and verification removes the extra candidates.
  double false_positive_weight = 0.02;
  double false_negative_weight = 0.98;
  // Set both to override the optimisation. REQUIRES: bands · rows <= num_perm.
  int bands = 0;
  int rows = 0;
  // A bucket holding more documents than this (e.g. thousands of identical
  // documents) contributes a star — its first document paired with each other
  // one — instead of all m(m−1)/2 pairs; connected components are unchanged.
  // 0 means no limit.
  std::uint32_t max_bucket_pairs_size = 2000;
};

struct LshParams {
  int bands = 0;
  int rows = 0;
};

// Checks ranges; InvalidArgument names the field.
Status validate(const LshOptions& options, int num_perm);

// (b, r) with b · r <= num_perm minimising
//   fp_weight · ∫₀ᵗ P(s) ds + fn_weight · ∫ₜ¹ (1 − P(s)) ds,  P(s) = 1 − (1 − s^r)^b,
// or the explicit bands/rows when both are set. REQUIRES: validate() is OK.
LshParams choose_lsh_params(const LshOptions& options, int num_perm);

// Probability that a pair of Jaccard `s` becomes a candidate under `p`.
double candidate_probability(double s, LshParams p);

// A candidate pair of document indices, first < second.
using DocPair = std::pair<std::uint32_t, std::uint32_t>;

struct CandidateStats {
  std::uint64_t pairs = 0;             // distinct candidate pairs returned
  std::uint64_t oversized_buckets = 0;  // buckets reduced to a star (see max_bucket_pairs_size)
};

// All candidate pairs of `signatures` under `params`, sorted ascending, no
// duplicates. Documents with an empty shingle set never become candidates.
// REQUIRES: all signatures share one SketchParams with num_perm >= bands·rows.
// Memory: n keys per band at a time per thread, plus the pairs.
std::vector<DocPair> candidate_pairs(const SignatureSet& signatures, LshParams params,
                                     std::uint32_t max_bucket_pairs_size, int threads,
                                     CandidateStats* stats = nullptr);

}  // namespace echotrace
