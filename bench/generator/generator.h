// echotrace's benchmark corpus generator: deterministic news-like corpora of N
// documents with a ground truth of what was planted in them.
//
// A corpus is JSON lines {"id","outlet","date","title","text"} (read by io.h's
// read_corpus). Documents are built from sentences of a SentencePool (real news
// sentences or the synthetic fallback) and come in four roles:
//   singleton  sentences drawn at random, related to nothing;
//   source     a singleton that has near-duplicate copies;
//   copy       a source edited at a planted rate (edits.h) and published by a
//              different outlet 0-3 days later, with the same title (sometimes
//              prefixed "UPDATE 1-");
//   carrier    a singleton into which one talking point was inserted.
// Talking points are invented phrases of 2-6 content words that no pool sentence
// contains, in any inflection or spelling. Each starts at one outlet on one date and spreads to 1-5 other
// outlets over the next 30 days; later uses may be spelling variants
// (hyphenated, British/American spelling, a dropped letter) and some stand in
// quotation marks.
//
// Determinism: the output is a function of (options, pool) alone; the thread
// count changes only the speed. Memory: a plan of a few dozen bytes per document
// plus one block of generated lines; documents stream out in id order.
//
// Thread-safety: generate() is reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <echotrace/status.h>
#include <echotrace/word_list.h>

#include "generator/edits.h"
#include "generator/sentence_pool.h"

namespace echotrace::bench {

struct GeneratorOptions {
  // Documents in the corpus, copies included.
  std::size_t documents = 1000;
  // Fixes every random choice; the same seed and pool give a byte-identical corpus.
  std::uint64_t seed = 1;
  // Share of documents that are near-duplicate copies of another document.
  double copy_share = 0.15;
  // Copies per family (one source and its copies), drawn from [1, max_copies].
  int max_copies = 4;
  // Planted edit rate of each copy, drawn uniformly from [min, max] (edits.h).
  double min_edit_rate = 0.01;
  double max_edit_rate = 0.30;
  // Publishers; copies always come from a different outlet than their source.
  int outlets = 24;
  // Documents are dated within `days` days from 2024-01-01.
  int days = 365;
  // Talking points planted per document of the corpus (0.01: 10 per 1,000).
  double talking_points_per_document = 0.01;
  // Documents that carry each talking point, drawn from [min, max].
  int min_occurrences = 3;
  int max_occurrences = 10;
  // Sentences per document, drawn from [min, max].
  int min_sentences = 6;
  int max_sentences = 30;
  // Worker threads; <= 0 means all cores. The output does not depend on it.
  int threads = 0;
  // The phrase stage's spelling dictionary (phrases.h), or null: a variant
  // with a letter dropped that makes a word of it is not planted, since the
  // stage rightly keeps such a spelling apart. Not owned.
  const WordList* dictionary = nullptr;
};

// Checks the ranges above; InvalidArgument names the offending option.
Status validate(const GeneratorOptions& options);

struct PlantedCopy {
  std::string id;
  std::string outlet;
  std::string date;
  double target_rate = 0;     // drawn from [min_edit_rate, max_edit_rate]
  double edit_rate = 0;       // planted: ops.cost() / source_tokens
  std::size_t source_tokens = 0;
  EditOps ops;
};

struct Family {
  std::string source;  // id of the original
  std::string outlet;
  std::string date;
  std::vector<PlantedCopy> copies;
};

struct Occurrence {
  std::string id;
  std::string outlet;
  std::string date;
  std::string form;  // the phrase or one of its variants, as inserted
  bool quoted = false;
};

struct TalkingPoint {
  std::string phrase;                 // canonical form, lower case
  std::vector<std::string> variants;  // other spellings used
  std::string first_outlet;           // outlet and date of the earliest use
  std::string first_date;
  std::vector<Occurrence> occurrences;  // earliest first, then by date
};

struct GroundTruth {
  GeneratorOptions options;
  std::string sentence_source;  // SentencePool::source
  std::size_t pool_sentences = 0;
  std::size_t documents = 0;
  std::size_t text_bytes = 0;  // total bytes of all "text" fields
  std::vector<std::string> outlets;
  std::vector<Family> families;            // by source id
  std::vector<TalkingPoint> talking_points;  // by first date, then phrase
};

// Receives each JSON line (without '\n') in document order.
using LineSink = std::function<void(std::string_view line)>;

// Generates the corpus into `sink` and returns its ground truth.
// InvalidArgument for bad options or an empty pool.
Result<GroundTruth> generate(const GeneratorOptions& options, const SentencePool& pool, const LineSink& sink);

// The ground truth as JSON: options, the edit-rate definition and tolerance,
// outlets, families (one per line) and talking points (one per line).
std::string truth_to_json(const GroundTruth& truth);

// Generates into `corpus_path` (zstd-compressed when it ends in ".zst", at
// `zstd_level`) and writes the ground truth JSON to `truth_path`; both files are
// replaced atomically. IoError names the path.
Result<GroundTruth> generate_files(const GeneratorOptions& options, const SentencePool& pool,
                                   const std::filesystem::path& corpus_path, const std::filesystem::path& truth_path,
                                   int zstd_level = 3);

// "2024-01-01" plus `day` days, as YYYY-MM-DD.
std::string date_after_start(int day);

}  // namespace echotrace::bench
