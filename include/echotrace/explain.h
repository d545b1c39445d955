// Why two documents are similar: the passages they share, aligned token for
// token, and the TF-IDF terms that contribute most to their cosine. This is
// what `echotrace explain` prints and what the HTML report highlights in its
// side-by-side view. Scores themselves come from minhash.h, shingle.h and
// similarity.h; this module only explains them.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <echotrace/similarity.h>
#include <echotrace/text.h>
#include <echotrace/tfidf.h>

namespace echotrace {

// A passage of document A that reappears word for word (after normalisation)
// in document B.
struct AlignedSpan {
  std::uint32_t a_token = 0;  // first token in A
  std::uint32_t b_token = 0;  // first token in B
  std::uint32_t tokens = 0;   // length in tokens (>= the min_tokens asked for)
  std::size_t a_begin = 0;    // byte span [a_begin, a_end) in A's original text
  std::size_t a_end = 0;
  std::size_t b_begin = 0;    // byte span [b_begin, b_end) in B's original text
  std::size_t b_end = 0;
};

// Passages of at least `min_tokens` tokens shared by `a` and `b`, found the
// way shared shingles are: every run of `min_tokens` tokens of A is looked up
// among B's, and a hit is extended forward token by token into a maximal run.
// A is scanned left to right and a passage, once taken, is skipped, so spans
// are disjoint in A and ascending by a_token; the same passage of B may match
// several passages of A (B repeating itself is fine). Among equally long
// matches the earliest in B wins. At most `max_candidates` positions of B are
// tried per lookup, which bounds the cost at O((|A| + |B|) · max_candidates ·
// span length) even for texts that repeat one word.
// REQUIRES: min_tokens >= 1.
std::vector<AlignedSpan> align_passages(const TokenizedText& a, const TokenizedText& b, int min_tokens,
                                        std::size_t max_candidates = 64);

// A term both documents use, with its share of their cosine.
struct SharedTerm {
  std::string term;
  double weight_a = 0;      // TF-IDF weight in A's (normalised) vector
  double weight_b = 0;
  double contribution = 0;  // weight_a · weight_b: the terms' contributions sum to the cosine
};

// The `top` terms with the largest weight_a · weight_b among the terms of rows
// `a` and `b` of `rows` (columns named by `model`), largest first, ties by term
// in byte order. REQUIRES: a, b < rows.rows(); rows built by `model`.
std::vector<SharedTerm> top_shared_terms(const SparseRows& rows, const TfidfModel& model, std::size_t a,
                                         std::size_t b, std::size_t top);

// Everything echotrace says about one pair of documents.
struct PairExplanation {
  ScoredPair scores;                 // a, b, the three scores (cosine NaN without TF-IDF)
  std::size_t shared_shingles = 0;   // |A ∩ B| of the shingle sets
  std::size_t shingles_a = 0;        // |A|
  std::size_t shingles_b = 0;        // |B|
  std::vector<SharedTerm> terms;     // top_shared_terms
  std::vector<AlignedSpan> spans;    // align_passages with min_tokens = the shingle size
  std::size_t shared_tokens_a = 0;   // tokens of A inside spans
};

}  // namespace echotrace
