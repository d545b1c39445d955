// Mining of shared n-grams over a flattened corpus of class ids: counting by
// hashing and sorting (hash_groups.h), Apriori pruning level by level,
// maximality, chaining of overlapping longest n-grams, and the score of each
// maximal phrase. phrases.h documents the formulas. Works on plain ids:
// "documents" and "sources" (outlets) are indices here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace echotrace::internal {

// Positions are the tokens of all documents, one document after the other.
struct MiningInput {
  std::span<const std::uint32_t> cls;     // variant class of each position
  std::span<const std::uint32_t> run;     // tokens from here to the next phrase break, inclusive (>= 1)
  std::span<const std::uint32_t> doc_of;  // document of each position
  std::span<const std::uint32_t> source_of_doc;  // source (outlet) id of each document
  std::size_t sources = 0;                      // number of distinct source ids
  std::span<const std::uint64_t> class_count;   // occurrences of each class
  std::span<const std::uint8_t> class_flags;    // WordFlag bits of each class
};

struct MiningOptions {
  int min_tokens = 2;
  int max_tokens = 8;
  int min_sources = 2;
  std::size_t max_results = 500;  // 0: all
  double background_rate = 1e-3;
  double background_weight = 100.0;
};

struct MinedPhrase {
  std::uint64_t hash = 0;   // ngram_hash of its class ids
  std::uint32_t rep = 0;    // a position where it starts
  std::uint32_t length = 0;
  std::uint32_t tf = 0;     // occurrences
  std::uint32_t df = 0;     // documents
  std::uint32_t sources = 0;
  double score = 0, spread = 0, cohesion = 0, distinctiveness = 0, penalty = 0;
};

struct MiningResult {
  std::vector<MinedPhrase> phrases;  // by score descending, then length descending, then hash
  std::size_t shared_groups = 0;     // groups meeting min_sources, every length
  std::size_t scored = 0;            // maximal phrases with a positive score
};

// XXH3-64 of `len` class ids starting at `cls`; never 0.
std::uint64_t ngram_hash(const std::uint32_t* cls, std::size_t len);

// Penalty factor of a phrase whose tokens have the WordFlag bits `flags`.
double phrase_penalty(std::span<const std::uint8_t> flags);

// REQUIRES: the spans of `input` are consistent; options.min_tokens >= 2,
// max_tokens >= min_tokens, min_sources >= 1.
MiningResult mine_phrases(const MiningInput& input, const MiningOptions& options, int threads);

}  // namespace echotrace::internal
