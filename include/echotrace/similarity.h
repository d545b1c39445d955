// Pairwise similarity between documents, three ways: MinHash-estimated Jaccard,
// exact Jaccard of shingle sets, and TF-IDF cosine. This module computes; it
// neither reads nor formats (report.h writes the results).
//
// Shapes: for n documents a DenseMatrix is n × n, row-major, symmetric, with
// scores in [0, 1]. The diagonal is 1.0 except for a document with an empty
// shingle set or an all-zero TF-IDF row, whose similarity to anything, itself
// included, is 0. Dense matrices cost O(n²) memory and time: they are meant for
// small corpora (the pipeline caps n at PipelineOptions::dense_limit).
//
// Determinism: every cell is computed by a fixed sequence of operations that
// does not depend on `threads`, so results are bit-identical for any count.
// `threads` <= 0 means all cores.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <echotrace/minhash.h>
#include <echotrace/tfidf.h>

namespace echotrace {

struct DenseMatrix {
  std::size_t n = 0;
  std::vector<double> values;  // n * n, row-major

  double at(std::size_t i, std::size_t j) const { return values[i * n + j]; }
};

// Estimated Jaccard for every pair of `signatures`.
// REQUIRES: all signatures share one SketchParams (check with check_compatible).
DenseMatrix minhash_matrix(const SignatureSet& signatures, int threads);

// Exact Jaccard for every pair of sorted, duplicate-free shingle hash sets.
DenseMatrix exact_jaccard_matrix(std::span<const std::vector<std::uint64_t>> sets, int threads);

// Cosine similarity (dot product of unit rows) for every pair of rows of
// `rows`. Computed row by row through an inverted index, so the cost is the
// number of (document, document, shared term) triples, not n² · terms.
// REQUIRES: rows are L2-normalised or all zero.
DenseMatrix cosine_matrix(const SparseRows& rows, int threads);

// Dot product of rows `a` and `b` of `rows`, by one merge of the two rows in
// column order: the canonical summation order, so every caller (dense
// matrices aside) gets bit-identical scores for the same pair.
double sparse_dot(const SparseRows& rows, std::size_t a, std::size_t b);

// A pair of documents a < b and one score.
struct SimilarPair {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  double score = 0.0;
};

// Every pair of rows whose cosine is at least `threshold`, exactly (the same
// pairs and scores, via sparse_dot, as checking all n(n−1)/2 pairs), sorted by
// (a, b). Without forming the n × n product: AllPairs (Bayardo, Ma & Srikant
// 2007) with an L2 bound as in L2AP (Anastasiu & Karypis 2014). Terms are
// ordered from most to least frequent; each row indexes only the suffix past
// the point where its prefix could still reach `threshold` against any row
// (sum of weight × the term's largest weight), so frequent terms mostly stay
// out of the index; candidates whose indexed score plus the L2 norm of their
// unindexed prefix stays below `threshold` are dropped unchecked. Each query
// scans the index only while a new partner could still be admitted, then
// completes its live candidates from their own rows. Memory: the index holds
// 8 bytes per indexed entry, and each thread O(n + terms) scratch.
// REQUIRES: rows L2-normalised (or zero), weights >= 0, 0 < threshold <= 1.
std::vector<SimilarPair> cosine_pairs(const SparseRows& rows, double threshold, int threads);

// How a pair came to be listed (bits; a pair may be found both ways).
enum PairSource : std::uint8_t {
  kFromDense = 1,   // every pair of a dense (n × n) analysis
  kFromLsh = 2,     // an LSH candidate verified against the Jaccard threshold
  kFromCosine = 4,  // found by cosine_pairs() at or above the cosine threshold
};

// One unordered pair of documents with its three scores. A score that was not
// computed (exact Jaccard when shingle sets were not kept) is NaN.
struct ScoredPair {
  std::uint32_t a = 0;  // index of the first document, a < b
  std::uint32_t b = 0;
  double minhash = 0.0;
  double jaccard = 0.0;
  double cosine = 0.0;
  std::uint8_t source = 0;  // PairSource bits
};

// Sorts strongest first: by exact Jaccard (the estimate where it is NaN), then
// cosine, then MinHash estimate, descending; ties by (a, b) ascending.
void sort_strongest_first(std::vector<ScoredPair>& pairs);

// Pairs a < b of the three equally sized matrices, strongest first. With
// `keep_all`, every pair; otherwise only pairs with exact Jaccard >=
// `min_jaccard` or cosine >= `min_cosine`. REQUIRES: the matrices have one n.
std::vector<ScoredPair> all_pairs(const DenseMatrix& minhash, const DenseMatrix& jaccard, const DenseMatrix& cosine,
                                  bool keep_all = true, double min_jaccard = 1.0, double min_cosine = 1.0);

}  // namespace echotrace
