// The one composition of echotrace's stages, used by the CLI, tests and
// benchmarks alike: documents → tokens → shingles → MinHash signatures and
// TF-IDF vectors → similarity matrices and pairs → output files. Kernels live in
// their modules; this file only orders them, times them and names the outputs.
//
// Thread-safety: analyze() is reentrant; its `threads` option bounds the
// threads it starts. Outputs are identical for any thread count.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <echotrace/io.h>
#include <echotrace/minhash.h>
#include <echotrace/shingle.h>
#include <echotrace/similarity.h>
#include <echotrace/status.h>
#include <echotrace/text.h>
#include <echotrace/tfidf.h>

namespace echotrace {

// The library version, e.g. "0.1.0".
const char* version();

struct PipelineOptions {
  ReadOptions read;  // how read_corpus() treats bad input; recorded in run.json
  TextOptions text;
  ShingleOptions shingle;
  MinHashOptions minhash;
  TfidfOptions tfidf;
  // Worker threads for every parallel stage; <= 0 means all cores.
  int threads = 0;
  // Largest corpus for which the n × n matrices are built (they cost 8·n² bytes
  // each in memory); above it analyze() returns InvalidArgument.
  std::size_t dense_limit = 5000;
};

// Checks every option's range; InvalidArgument names the offending option.
Status validate(const PipelineOptions& options);

struct StageTiming {
  std::string stage;   // "tokenize", "shingle", "minhash", ...
  double seconds = 0;  // wall-clock
};

// Everything analyze() computes for one corpus, indexed like corpus.documents.
struct Analysis {
  std::vector<std::string> ids;
  std::vector<std::size_t> token_counts;
  std::vector<std::size_t> shingle_counts;  // distinct shingles per document
  std::vector<Signature> signatures;
  DenseMatrix minhash;  // estimated Jaccard
  DenseMatrix jaccard;  // exact Jaccard
  DenseMatrix cosine;   // TF-IDF cosine
  std::vector<ScoredPair> pairs;  // strongest first (see all_pairs)
  std::size_t vocabulary_size = 0;
  std::vector<StageTiming> timings;
  std::vector<Diagnostic> diagnostics;  // e.g. documents shorter than one shingle
};

// Runs every stage on `corpus`. InvalidArgument for bad options, an empty
// corpus, or more documents than options.dense_limit. Documents with no
// shingle, or no term left in the TF-IDF vocabulary, are kept and reported in
// Analysis::diagnostics (their scores are 0).
Result<Analysis> analyze(const Corpus& corpus, const PipelineOptions& options);

// Writes the analysis into `out_dir` (created if missing): minhash_jaccard,
// exact_jaccard and tfidf_cosine as .csv and .npy, pairs.tsv and run.json.
// The folder is replaced as a whole: files are written into a hidden staging
// folder beside it which is then swapped in with one atomic rename, so a run
// killed at any moment leaves either the previous complete outputs or the new
// ones (files in `out_dir` that the run does not write are kept; details and
// the fallback for folders that cannot be swapped in src/internal/output_dir.h).
// run.json records the version, ICU/Unicode versions, every option, the
// input's checksums and read counts, document count, diagnostics and stage
// timings; it is the only output that differs between identical runs (in
// "timings" and "threads").
Status write_analysis(const Analysis& analysis, const Corpus& corpus, const PipelineOptions& options,
                      const std::filesystem::path& out_dir);

}  // namespace echotrace
