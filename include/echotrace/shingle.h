// Word shingles: every run of k consecutive tokens of a TokenizedText, hashed to
// a seeded 64-bit value with XXH3-64 over the normalised tokens joined by single
// spaces ("de-escalation zone in idlib and"). Strings are never kept; the hash
// is the shingle's identity (two distinct 64-bit shingles collide with
// probability about n²/2^65, negligible for any corpus).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <echotrace/text.h>

namespace echotrace {

struct ShingleOptions {
  // Words per shingle. 5 suits news near-duplicates: long enough that shared
  // stock phrases ("the foreign ministry said") rarely match, short enough that
  // a few edits leave most shingles intact.
  int k = 5;
  // Seed of the XXH3-64 hash; shingle sets with different seeds do not compare.
  std::uint64_t seed = 0;
};

// Name of the shingle hash function ("xxh3-64"), recorded in outputs.
std::string_view shingle_hash_name();

// Hash of the one shingle `words` (tokens already joined by single spaces).
std::uint64_t hash_shingle(std::string_view words, std::uint64_t seed);

// Hashes of all size()-k+1 shingles of `text`, in text order, repeats included.
// A text with fewer than k tokens has no shingles (an empty result).
// REQUIRES: options.k >= 1.
std::vector<std::uint64_t> shingle_hashes(const TokenizedText& text, const ShingleOptions& options);

// Same as shingle_hashes(), into `out` (cleared first), reusing its capacity.
void shingle_hashes_into(const TokenizedText& text, const ShingleOptions& options, std::vector<std::uint64_t>& out);

// The distinct shingle hashes of `text`, sorted ascending: the shingle set that
// exact Jaccard is computed on.
std::vector<std::uint64_t> shingle_set(const TokenizedText& text, const ShingleOptions& options);

// Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted, duplicate-free hash
// sets, in [0, 1]. Defined as 0 when either set is empty (a document too short
// to have a shingle resembles nothing, itself included). Cost O(|A| + |B|).
double exact_jaccard(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b);

}  // namespace echotrace
