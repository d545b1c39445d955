// The sentences the corpus generator builds documents from: real sentences
// split out of a news corpus (so vocabulary, sentence lengths and stock phrases
// are realistic), or a synthetic fallback of English-like sentences so that
// tests and benchmarks run without any corpus on disk.
//
// Thread-safety: a built SentencePool is immutable; share it freely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <echotrace/status.h>

namespace echotrace::bench {

struct SentencePool {
  // Whitespace-normalised sentences (single spaces, no line breaks), distinct,
  // in the order first met.
  std::vector<std::string> sentences;
  // echotrace tokens (text.h, default options) per sentence.
  std::vector<std::uint32_t> token_counts;
  // Sorted, distinct hashes of every pair of adjacent words inside a sentence,
  // words as the phrase stage counts them (a hyphenated token as its parts)
  // keyed as it groups them (background_word_key(): American spelling and
  // Snowball stem). A phrase with a pair missing here occurs in no pool
  // sentence, in no inflection or spelling: "average posted" is not new when
  // a sentence says "average post-tax".
  std::vector<std::uint64_t> bigrams;
  // The corpus path the sentences came from, or "synthetic".
  std::string source;

  std::size_t size() const { return sentences.size(); }
  // True if normalised words `a` `b` (no hyphens), in any inflection or
  // spelling, occur next to each other inside a pool sentence.
  bool has_bigram(std::string_view a, std::string_view b) const;
};

// Hash of the keys of two adjacent words, as stored in SentencePool::bigrams.
std::uint64_t bigram_hash(std::uint64_t a, std::uint64_t b);

struct PoolOptions {
  // Sentences shorter or longer than this many tokens are dropped.
  std::size_t min_tokens = 6;
  std::size_t max_tokens = 50;
  // Stop after this many accepted sentences; 0 keeps every one.
  std::size_t max_sentences = 0;
};

// Splits running text into sentences: whitespace runs (hard line wraps
// included) become one space; a sentence ends at '.', '!' or '?' (plus closing
// quotes or brackets) followed by a space and a capital letter or opening
// quote, unless the word before is an abbreviation ("Mr.", "U.S.", "Jan.").
std::vector<std::string> split_sentences(std::string_view text);

// True for a sentence that reads like news prose: starts with a capital letter,
// ends with terminal punctuation, is mostly letters, and holds no markup,
// e-mail, URL, quoting or table characters and no all-capitals headline.
bool is_prose_sentence(std::string_view sentence);

// Builds the pool from the documents of a JSON-lines corpus (plain or .zst,
// read with io.h's JsonlReader): every prose sentence with an accepted token
// count, deduplicated. Deterministic for a given file. NotFound / IoError /
// ParseError come from the reader; InvalidArgument if no sentence survives.
Result<SentencePool> pool_from_corpus(const std::filesystem::path& path, const PoolOptions& options = {});

// `count` synthetic sentences (8 to 28 words: English function words mixed
// with Zipf-distributed invented words), fully determined by `seed`.
SentencePool synthetic_pool(std::uint64_t seed, std::size_t count = 50000);

// Builds a pool from given sentences (already split), applying the token-count
// filter and deduplication; `source` names where they came from.
SentencePool pool_from_sentences(std::span<const std::string> sentences, std::string source,
                                 const PoolOptions& options = {});

}  // namespace echotrace::bench
