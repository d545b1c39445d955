// The flattened corpus the phrase stage works on, shared by its source files:
// every token position of every document in one array, with its variant class
// and how far a phrase may run from it. Private to src/phrases*.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <span>
#include <string>
#include <vector>

#include <echotrace/io.h>
#include <echotrace/phrases.h>
#include <echotrace/text.h>

#include "internal/dates.h"

namespace echotrace::internal {

struct PhraseCorpus {
  std::span<const Document> docs;
  std::span<const TokenizedText> tokens;
  std::vector<std::uint32_t> doc_begin;  // first position of each document; size docs + 1
  std::vector<std::uint32_t> cls;        // variant class per position
  std::vector<std::uint32_t> run;        // tokens from here to the next phrase break, inclusive
  std::vector<std::uint8_t> sentence_end;  // 1: a sentence or line ends after this token (or the document does)
  std::vector<std::uint32_t> doc_of;     // document per position
  std::vector<std::string> outlets;      // outlet keys, ascending
  std::vector<std::uint32_t> outlet_of_doc;
};

// Each document's date as its mid-rank quantile among the dated documents:
// (dated documents before its day + half of those on its day) / dated
// documents, in [0, 1]; NaN when undated.
std::vector<double> date_quantiles(std::span<const Document> docs);

// A phrase to look for: the hash of its class ids and its length.
struct PhraseTarget {
  std::uint64_t hash = 0;         // 0: cannot occur (a word the corpus lacks)
  std::uint32_t length = 0;
  std::uint32_t first_class = 0;  // class of its first token
  std::uint32_t second_class = 0;  // class of its second token (when length >= 2)
};

// Every occurrence of each target (index-aligned with `targets`), by document
// then position, with voice and keyword-in-context filled in.
std::vector<std::vector<Occurrence>> find_occurrences(const PhraseCorpus& corpus,
                                                      std::span<const PhraseTarget> targets,
                                                      std::size_t context_bytes, int threads);

// Fills variants, canonical, outlets, documents, quotations and timeline of
// `tp` from its occurrences.
void describe(TalkingPoint& tp, const PhraseCorpus& corpus);

}  // namespace echotrace::internal
