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
DenseMatrix minhash_matrix(std::span<const Signature> signatures, int threads);

// Exact Jaccard for every pair of sorted, duplicate-free shingle hash sets.
DenseMatrix exact_jaccard_matrix(std::span<const std::vector<std::uint64_t>> sets, int threads);

// Cosine similarity (dot product of unit rows) for every pair of rows of
// `rows`. Computed row by row through an inverted index, so the cost is the
// number of (document, document, shared term) triples, not n² · terms.
// REQUIRES: rows are L2-normalised or all zero.
DenseMatrix cosine_matrix(const SparseRows& rows, int threads);

// One unordered pair of documents with its three scores.
struct ScoredPair {
  std::uint32_t a = 0;  // index of the first document, a < b
  std::uint32_t b = 0;
  double minhash = 0.0;
  double jaccard = 0.0;
  double cosine = 0.0;
};

// Every pair a < b of the three equally sized matrices, strongest first: by
// exact Jaccard, then cosine, then MinHash estimate, descending; ties by (a, b)
// ascending. REQUIRES: the three matrices have the same n.
std::vector<ScoredPair> all_pairs(const DenseMatrix& minhash, const DenseMatrix& jaccard,
                                  const DenseMatrix& cosine);

}  // namespace echotrace
