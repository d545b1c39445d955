// Background frequency tables: how many documents of a reference corpus
// ("general text") use each word n-gram, so the phrase stage (phrases.h) can
// tell a framing coined for the occasion from a set phrase, a name or a code
// that is common in news anyway (keyness against a reference corpus). This
// module reads a JSON-lines corpus, counts document frequencies and saves or
// loads them; it neither scores phrases (phrases.h) nor formats reports.
//
// Words are made comparable with the phrase stage's own corpus-independent
// normalisation: the tokenizer of text.h (with the recorded TextOptions), a
// hyphenated token counted as its parts ("price-cap" = "price cap"), phrase
// breaks at sentence and clause punctuation, quotation marks, brackets and
// line breaks, exactly as in phrases.h, and every word replaced by its
// variant key (British spelling made American by rule, then the Snowball
// English stem), so "human shields" here counts for "human shield" there.
// An n-gram's key is an XXH3-64 hash of its words' key hashes, never an id
// that depends on a corpus's vocabulary. Transliteration joins, which do
// depend on the corpus, are not applied.
//
// Stored: n-grams of `min_tokens`..`max_tokens` words used in at least
// `min_documents` documents (an n-gram's document frequency is counted once
// per document). N-grams are counted level by level: an n-gram is counted only
// where both of its (n−1)-word parts reach `min_documents` (they must, if it
// does), so memory while building is about 23 bytes per word of the reference
// corpus plus 16 bytes per counted n-gram occurrence of the current level
// (scale_news, 42k documents: 0.63 GB peak, 6 s on 2 threads), and the table
// itself 12 bytes per stored n-gram plus a 4-byte bucket offset per one to two
// n-grams (scale_news: 4.1 million n-grams, a 49 MB file). A phrase the table lacks was used in fewer than `min_documents`
// reference documents: lookups return 0 for it.
//
// File format (little-endian), version 1: magic "ECHOBGT\0", version,
// key scheme, documents, n range, min_documents, text options (fold_case,
// unwrap_lines), the
// source path, the number of n-grams and an XXH3-64 checksum of the body
// (sorted keys, then their document frequencies). load() checks all of it.
//
// Thread-safety: a built or loaded table is immutable and may be shared by any
// number of threads; build functions are reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <echotrace/io.h>
#include <echotrace/status.h>
#include <echotrace/text.h>

namespace echotrace {

struct BackgroundOptions {
  // Shortest and longest n-gram stored, in words. 2..8 matches the phrase
  // stage's default n-gram range (PhraseOptions::min_tokens, max_tokens);
  // single words are not stored, since no talking point is one word.
  int min_tokens = 2;
  int max_tokens = 8;
  // N-grams used in fewer documents are not stored (they count as 0): at 2,
  // the n-grams of a single document, most of any corpus, are left out.
  std::uint32_t min_documents = 2;
  // Tokenizer settings; must match those of the corpus the table is used on.
  TextOptions text;
  // A line break inside a paragraph (white space holding exactly one line
  // break) counts as a space, so hard-wrapped reference text (newswire, mail)
  // is counted as running text; a blank line still ends a phrase. Off: every
  // line break ends a phrase, as in the phrase stage.
  bool unwrap_lines = true;
  // How the reference corpus is read (bad lines skipped with a warning unless strict).
  ReadOptions read;
  // Documents tokenized per batch (memory for text is one batch).
  std::size_t batch_documents = 4096;
};

// Checks every option's range; InvalidArgument names the offending field.
Status validate(const BackgroundOptions& options);

class BackgroundTable {
 public:
  // Version written by save() and required by load().
  static constexpr std::uint32_t kVersion = 1;

  BackgroundTable() = default;

  // Counts the n-grams of the JSON-lines corpus at `corpus` (.jsonl or
  // .jsonl.zst), read one document at a time. Errors of the reader (NotFound,
  // IoError, ParseError in strict mode) name the file; skipped lines are in
  // `diagnostics` when it is not null; InvalidArgument for bad options or a
  // corpus of more than 2^32 − 2 words. Identical for any `threads`.
  static Result<BackgroundTable> build(const std::filesystem::path& corpus, const BackgroundOptions& options,
                                       int threads, std::vector<Diagnostic>* diagnostics = nullptr);
  // The same over documents in memory; `source` is recorded as the table's source.
  // REQUIRES: validate(options) is ok; fewer than 2^32 − 2 words.
  static BackgroundTable build(std::span<const Document> documents, const BackgroundOptions& options, int threads,
                               std::string source = "");

  // Writes the table to `path` atomically. IoError names the path.
  Status save(const std::filesystem::path& path) const;
  // Reads a table written by save(). NotFound, IoError; ParseError for a file
  // that is not a table, truncated, or fails its checksum; Incompatible for
  // another version or key scheme. Every message names `path`.
  static Result<BackgroundTable> load(const std::filesystem::path& path);

  std::uint64_t documents() const { return documents_; }
  int min_tokens() const { return min_tokens_; }
  int max_tokens() const { return max_tokens_; }
  std::uint32_t min_documents() const { return min_documents_; }
  bool fold_case() const { return fold_case_; }
  bool unwrap_lines() const { return unwrap_lines_; }
  // The corpus the table was built from, as given to build().
  const std::string& source() const { return source_; }
  // The file load() read it from; empty for a table built in memory.
  const std::string& file() const { return file_; }
  // Stored n-grams.
  std::size_t size() const { return keys_.size(); }
  // XXH3-64 of the stored n-grams and frequencies (what the file's checksum covers).
  std::uint64_t checksum() const { return checksum_; }

  // Reference documents that use `phrase` (tokenized with the table's text
  // options and normalised as above); 0 when it is not stored. A phrase
  // longer than max_tokens() gets the smallest frequency of its
  // max_tokens()-word windows (an upper bound); one shorter than
  // min_tokens() or without words gets 0.
  std::uint32_t document_frequency(std::string_view phrase) const;
  // The same by the phrase's word keys (background_word_key() of each word).
  std::uint32_t document_frequency(std::span<const std::uint64_t> word_keys) const;

 private:
  static BackgroundTable assemble(std::vector<std::pair<std::uint64_t, std::uint32_t>> entries,
                                  std::uint64_t documents, const BackgroundOptions& options, std::string source);
  static std::uint64_t body_checksum(std::span<const std::uint64_t> keys, std::span<const std::uint32_t> df);
  std::uint32_t lookup(std::uint64_t key) const;
  void seal();  // sets checksum_ and bucket_ from keys_ and df_

  std::uint64_t documents_ = 0;
  int min_tokens_ = 2;
  int max_tokens_ = 8;
  std::uint32_t min_documents_ = 2;
  bool fold_case_ = true;
  bool unwrap_lines_ = true;
  std::string source_;
  std::string file_;
  std::uint64_t checksum_ = 0;
  std::vector<std::uint64_t> keys_;  // ascending
  std::vector<std::uint32_t> df_;    // of keys_[k]
  int bucket_shift_ = 64;
  std::vector<std::uint32_t> bucket_;  // first key of each top-bits bucket; size buckets + 1
};

// The corpus-independent key of one normalised word (a token, or a part of a
// hyphenated one): XXH3-64 of its variant key (American spelling, Snowball
// stem, ASCII lower case); never 0.
std::uint64_t background_word_key(std::string_view word);

}  // namespace echotrace
