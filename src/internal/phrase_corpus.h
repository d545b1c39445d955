// The flattened corpus the phrase stage works on, shared by its source files:
// every token position of every document in one array, with its variant class
// and how far a phrase may run from it. Private to src/phrases*.cpp.
#pragma once

#include <echotrace/io.h>
#include <echotrace/phrases.h>
#include <echotrace/text.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "internal/dates.h"
#include "internal/distinct_hashes.h"
#include "internal/hash.h"
#include "internal/overwrite_vector.h"
#include "internal/phrase_matcher.h"

namespace echotrace::internal {

// Positions are words: a hyphenated token ("price-cap", "de-escalation")
// counts as its parts, so "price-cap" and "price cap" are the same two words
// to the mining; its parts join as tightly as words separated by a space.
// The arrays over positions are sized by flatten() without zeroing and
// filled by its parallel loops (cls by classify() in phrases.cpp).
struct PhraseCorpus {
  std::span<const Document> docs;
  std::span<const TokenizedText> tokens;
  std::vector<std::uint32_t> doc_begin;        // first position of each document; size docs + 1
  OverwriteVector<std::uint8_t> part_of;       // 0: the whole token; k >= 1: its k-th hyphen-separated part
  // The positions of second and later parts of hyphenated tokens (a few in a
  // hundred), ascending, document d's at [extra_begin[d], extra_begin[d + 1]):
  // a position's token is its place in its document less those before it.
  std::vector<std::uint32_t> extra_begin;
  OverwriteVector<std::uint32_t> extra_pos;
  OverwriteVector<std::uint32_t> cls;          // variant class per position
  OverwriteVector<std::uint32_t> run;          // tokens from here to the next phrase break, inclusive
  OverwriteVector<std::uint8_t> sentence_end;  // 1: a sentence, a line or the document ends after this token
  OverwriteVector<std::uint32_t> doc_of;       // document per position
  std::vector<std::string> outlets;            // outlet keys, ascending
  std::vector<std::uint32_t> outlet_of_doc;

  // Index of position `p`'s token in tokens[doc_of[p]].
  std::uint32_t token_of(std::uint32_t p) const;
  // The normalised word at position `p`; the view lives as long as `tokens`.
  std::string_view word(std::uint32_t p) const;
  // Byte span [begin, end) of position `p` in its document's original text.
  std::pair<std::size_t, std::size_t> bytes(std::uint32_t p) const;
  std::size_t begin(std::uint32_t p) const;
  std::size_t end(std::uint32_t p) const;
  // The normalised text of positions [p, p + count) of one document, spaces
  // and hyphens between them as written ("price-cap talks").
  // REQUIRES: count >= 1 and all of them in one document.
  std::string_view span(std::uint32_t p, std::uint32_t count) const;
};

// Largest number of parts a hyphenated token is split into; longer chains
// stay one word.
inline constexpr std::size_t kMaxHyphenParts = 255;

// How many hyphen-separated parts a token counts as: its normalised form
// `normalized` split at '-' and its `original` text split at '-', U+2010 or
// U+2011 must give the same number of non-empty parts (else the token is
// one word). 1 for a token without hyphens or with more than kMaxHyphenParts.
std::size_t hyphen_parts(std::string_view normalized, std::string_view original);

// Byte range [first, second) of part `k` (0-based) of `word` split at
// hyphens: '-' and, when `original`, also U+2010 and U+2011.
// REQUIRES: k < the number of parts.
std::pair<std::size_t, std::size_t> hyphen_part(std::string_view word, std::size_t k, bool original);

// A word's key among the word types: the XXH3 hash (seed 0) of its
// normalised text, 1 in place of 0 (0 marks an empty slot in the counters).
inline std::uint64_t word_key(std::string_view word) {
  const std::uint64_t h = xxh3_64(word, 0);
  return h == 0 ? 1 : h;
}

// The word types of a flattened corpus, counted by flatten() while it lays
// out the positions: each word's word_key() of its normalised text, flagged when its original text starts with an upper-case
// or title-case letter, counted chunk by chunk of consecutive documents
// (merge_chunks() in distinct_hashes.h gives the corpus's types).
struct WordChunks {
  std::vector<DistinctChunk> chunks;
  std::vector<std::uint32_t> chunk_begin;  // first position of each chunk; size chunks + 1
};

// Word positions of `docs` (hyphenated tokens split into their parts), their
// documents, phrase runs, sentence ends and outlets. `cls` is sized and left
// for the caller, or, with `words`, holds each position's index among its
// chunk's keys in words->chunks. Keeps views of `docs` and `tokens`, which
// must outlive it.
PhraseCorpus flatten(std::span<const Document> docs, std::span<const TokenizedText> tokens, int threads,
                     WordChunks* words = nullptr);

// Each document's date as its mid-rank quantile among the dated documents:
// (dated documents before its day + half of those on its day) / dated
// documents, in [0, 1]; NaN when undated.
std::vector<double> date_quantiles(std::span<const Document> docs);

// Every occurrence of each target (index-aligned with `targets`; class ids
// below `classes`), by document then position, with voice and
// keyword-in-context filled in.
std::vector<std::vector<Occurrence>> find_occurrences(const PhraseCorpus& corpus,
                                                      std::span<const PhraseTarget> targets,
                                                      std::uint32_t classes, std::size_t context_bytes,
                                                      int threads);

// Fills variants, canonical, outlets, documents, quotations and timeline of
// `tp` from its occurrences.
void describe(TalkingPoint& tp, const PhraseCorpus& corpus);

}  // namespace echotrace::internal
