// Talking points for the corpus generator: invented phrases of 2-6 words that
// occur in no pool sentence, their spelling variants, and how one is worked
// into a sentence. The planning (which outlet, when) is generator.cpp's.
//
// Thread-safety: pure functions of their arguments (the Rng is the caller's).
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <echotrace/word_list.h>

#include "generator/rng.h"
#include "generator/sentence_pool.h"

namespace echotrace::bench {

// A phrase of 2-6 lower-case content words of at least five letters (no stop
// word or date word), drawn from pool sentences in proportion to their frequency, such that some pair of adjacent
// words never occurs in the pool in any inflection or spelling
// (SentencePool::has_bigram(), so no pool sentence contains the phrase as the
// phrase stage reads words) and that is not in `taken`. Empty if none was found in a bounded number of attempts.
std::string make_phrase(const SentencePool& pool, const std::set<std::string>& taken, Rng& rng);

// Letters a word keeps before the ending respell() changes.
inline constexpr std::size_t kRespellStem = 3;

// The British/American respelling of lower-case word `w` ("stabilize" <->
// "stabilise", "analyze" -> "analyse", "labor" <-> "labour", "center" ->
// "centre"), or empty when no rule applies. A rule changes an ending only,
// after at least kRespellStem letters, as real pairs do: "maize", "seize" and
// "citizen" have none.
std::string respell(const std::string& w);

// Up to `count` distinct spellings of `phrase` other than itself: two adjacent
// words joined by a hyphen ("price cap" -> "price-cap"), a British/American
// spelling ("stabilize" <-> "stabilise", "labor" <-> "labour"), or a word with
// one interior letter dropped, as careless copying does, unless the shorter
// word is in `dictionary` (when not null): the phrase stage never takes a
// listed word for a misspelling ("driving" -> "diving" is another word).
std::vector<std::string> make_variants(std::string_view phrase, std::size_t count, Rng& rng,
                                       const WordList* dictionary = nullptr);

// `sentence` with `form` inserted between two of its words (after the first
// word, before the last), optionally in quotation marks (typographic or ASCII,
// drawn from `rng`).
std::string insert_phrase(std::string_view sentence, std::string_view form, bool quoted, Rng& rng);

}  // namespace echotrace::bench
