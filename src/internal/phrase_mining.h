// Mining of shared n-grams over a flattened corpus of class ids: grouping
// level by level with Apriori pruning over the first copies of distinct
// phrase runs (segments.h, ngram_groups.h), n-grams of one run tracked
// without groups (lone_ngrams.h),
// maximality, chaining of overlapping longest n-grams, and the score of each
// maximal phrase (its originality factor: originality.h). phrases.h documents
// the formulas. Works on plain ids:
// "documents" and "sources" (outlets) are indices here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "internal/hash.h"

namespace echotrace {
class BackgroundTable;
}

namespace echotrace::internal {

// Positions are the tokens of all documents, one document after the other.
struct MiningInput {
  std::span<const std::uint32_t> cls;     // variant class of each position
  std::span<const std::uint32_t> run;     // tokens from here to the next phrase break, inclusive (>= 1)
  std::span<const std::uint32_t> doc_of;  // document of each position
  std::span<const std::uint8_t> sentence_end;  // 1: a sentence ends after this position
  std::span<const std::uint32_t> source_of_doc;  // source (outlet) id of each document
  std::size_t sources = 0;                      // number of distinct source ids
  std::span<const std::uint64_t> class_count;   // occurrences of each class
  std::span<const std::uint8_t> class_flags;    // WordFlag bits of each class
  // A hash of each class's text (not its id, which depends on the whole
  // vocabulary), for the originality windows. Empty: the class ids are used.
  std::span<const std::uint64_t> class_hash;
  // Of each position: 0 a whole token, k >= 1 the k-th part of a hyphenated
  // one. Empty: every position is a whole token.
  std::span<const std::uint8_t> part;
  // Date of each document as its quantile among the corpus's dated documents
  // (mid-rank, in [0, 1]); NaN when undated. Empty: no document is dated.
  std::span<const double> doc_time;
  // With MiningOptions::background only: the word type of each position and
  // each type's background_word_key (background_key.h). A phrase is looked up
  // by the words of its representative occurrence, not by its classes (a
  // transliteration class may hold several words of general text).
  std::span<const std::uint32_t> type_of;
  std::span<const std::uint64_t> type_key;
};

struct MiningOptions {
  int min_tokens = 2;
  int max_tokens = 8;
  int min_sources = 2;
  std::size_t max_results = 500;  // 0: all
  double background_rate = 1e-3;
  double background_weight = 100.0;
  // Distinctiveness from this table's document rates instead of the corpus's
  // (phrases.h); null: the corpus's. Not owned.
  const BackgroundTable* background = nullptr;
  // Lone n-grams (lone_ngrams.h) tracked without grouping them; false
  // groups every shared n-gram: slower, the same result (for tests).
  bool lone_ngrams = true;
};

struct MinedPhrase {
  std::uint64_t hash = 0;   // ngram_hash of its class ids
  std::uint32_t rep = 0;    // a position where it starts
  std::uint32_t length = 0;
  std::uint32_t tf = 0;     // occurrences
  std::uint32_t df = 0;     // documents
  std::uint32_t sources = 0;
  double score = 0, spread = 0, cohesion = 0, distinctiveness = 0, originality = 0, timing = 0, penalty = 0;
};

struct MiningResult {
  std::vector<MinedPhrase> phrases;  // by score descending, then length descending, then hash
  std::size_t shared_groups = 0;     // groups meeting min_sources, every length
  std::size_t scored = 0;            // maximal phrases with a positive score
};

// XXH3-64 of `len` class ids starting at `cls`; never 0.
std::uint64_t ngram_hash(const std::uint32_t* cls, std::size_t len);

// How much tighter in time a phrase's documents are than as many documents
// drawn like the corpus: 1 − MAD / E[MAD], where MAD is the mean absolute
// deviation from the median of their date quantiles and E[MAD] its
// expectation for k uniform quantiles (m(m+1)/((k+1)k) for k = 2m+1,
// m²/((k+1)k) for k = 2m), clamped to [0, 1]; 1 with fewer than two dated
// documents. `times` are the dated documents' quantiles (reordered).
double time_concentration(std::span<double> times);

// E[MAD] of time_concentration() for k >= 1 uniform quantiles.
double expected_deviation(std::size_t k);

// Penalty factor of a phrase whose tokens have the WordFlag bits `flags`.
double phrase_penalty(std::span<const std::uint8_t> flags);

// REQUIRES: the spans of `input` are consistent; options.min_tokens >= 2,
// max_tokens >= min_tokens, min_sources >= 1.
MiningResult mine_phrases(const MiningInput& input, const MiningOptions& options, int threads);

}  // namespace echotrace::internal
