// The one composition of echotrace's stages, used by the CLI, tests and
// benchmarks alike. Kernels live in their modules; this file only orders them,
// times them and names the outputs. Two entry points share those modules:
//
//  - analyze(): a corpus in memory → tokens → shingles → MinHash signatures
//    and TF-IDF vectors → similarities → clusters. Up to `dense_limit`
//    documents it builds the three n × n matrices; above it, LSH candidates
//    verified by exact Jaccard plus exact all-pairs cosine above a threshold
//    (sub-quadratic), written as sparse Matrix Market files.
//  - dedup(): a stream of any length → signatures only (the text is dropped
//    after sketching) → LSH → verification by the MinHash estimate →
//    clusters and a keep-list. Memory per document: its signature (4·K bytes)
//    plus id, date and length.
//
// Thread-safety: both are reentrant; `threads` bounds the threads they start.
// Outputs are identical for any thread count.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <echotrace/cluster.h>
#include <echotrace/clean.h>
#include <echotrace/explain.h>
#include <echotrace/io.h>
#include <echotrace/lsh.h>
#include <echotrace/minhash.h>
#include <echotrace/phrases.h>
#include <echotrace/report.h>
#include <echotrace/shingle.h>
#include <echotrace/similarity.h>
#include <echotrace/status.h>
#include <echotrace/text.h>
#include <echotrace/tfidf.h>

namespace echotrace {

// The library version, e.g. "0.1.0".
const char* version();

struct PipelineOptions {
  CleanOptions clean;  // site chrome removed before tokenizing (on by default)
  ReadOptions read;  // how read_corpus() treats bad input; recorded in run.json
  TextOptions text;
  ShingleOptions shingle;
  MinHashOptions minhash;
  TfidfOptions tfidf;
  // Banding for candidate pairs; lsh.threshold is also the Jaccard threshold
  // at which pairs are listed (sparse mode) and documents are clustered.
  LshOptions lsh;
  // Cosine at or above which pairs are listed in sparse mode.
  double cosine_threshold = 0.5;
  // Compute TF-IDF vectors and cosine similarities (analyze), and the mean
  // cosine per outlet pair (analyze and phrases).
  bool cosine = true;
  // Talking points shared across outlets (phrases.h); analyze() runs them when enabled.
  PhraseOptions phrases;
  // Worker threads for every parallel stage; <= 0 means all cores.
  int threads = 0;
  // Largest corpus for which the n × n matrices are built (8·n² bytes each).
  std::size_t dense_limit = 5000;
  // Largest dense corpus for which pairs.tsv lists every pair; above it, only
  // pairs at or above one of the thresholds.
  std::size_t all_pairs_limit = 1000;
  // Representative kept per cluster by dedup().
  KeepRule keep = KeepRule::kEarliestDate;
  // Documents sketched per parallel batch in dedup() (memory: the batch's text).
  std::size_t batch_size = 4096;
  // The HTML report and heatmap.svg written by write_analysis().
  ReportOptions report;
};

// Checks every option's range; InvalidArgument names the offending option.
Status validate(const PipelineOptions& options);

struct StageTiming {
  std::string stage;   // "clean", "tokenize", "shingle", "minhash", ...
  double seconds = 0;  // wall-clock
};

// The phrase stage's results: talking points and the outlet × outlet matrices.
struct PhraseAnalysis {
  TalkingPointReport report;
  // Outlet matrices; not computed (no outlets) when the corpus has more
  // outlets than dense_limit. `similarity` is the mean TF-IDF cosine, present
  // when options.cosine is on, for corpora of any size (outlet_matrix()).
  OutletMatrix outlets;
  std::vector<StageTiming> timings;
  std::vector<Diagnostic> diagnostics;
};

// Everything analyze() computes for one corpus, indexed like corpus.documents.
struct Analysis {
  std::vector<std::string> ids;
  // Spans removed as chrome from each Document::text (empty when cleaning is
  // off); later stages tokenized mask_removed(text, spans).
  std::vector<Cleaning> cleaning;
  std::vector<std::size_t> token_counts;
  std::vector<std::size_t> shingle_counts;  // distinct shingles per document
  SignatureSet signatures;
  bool dense = false;   // the n × n matrices below were built
  DenseMatrix minhash;  // estimated Jaccard (dense only)
  DenseMatrix jaccard;  // exact Jaccard (dense only)
  DenseMatrix cosine;   // TF-IDF cosine (dense only, when options.cosine)
  std::vector<ScoredPair> pairs;  // strongest first (see sort_strongest_first)
  LshParams lsh;                  // sparse mode: the banding used
  CandidateStats candidates;      // sparse mode: candidate pairs before verification
  Clustering clusters;            // centre clustering at lsh.threshold
  Clustering components;          // connected components at lsh.threshold
  std::size_t vocabulary_size = 0;
  std::vector<StageTiming> timings;
  std::vector<Diagnostic> diagnostics;  // e.g. documents shorter than one shingle
  PhraseAnalysis phrases;               // when options.phrases.enabled
  // The strongest pairs explained (shared terms, aligned passages): the first
  // options.report.top_pairs pairs with a positive score, when the report is enabled.
  std::vector<PairExplanation> explained;
};

// Runs every stage on `corpus`: cleaning (clean.h; removed bytes are blanked
// before tokenizing, so offsets index Document::text), tokens, shingles,
// signatures, TF-IDF, similarities, talking points and clusters.
// InvalidArgument for bad options or an empty corpus; errors loading
// options.clean.rules_path (NotFound, IoError, ParseError). Documents with no
// shingle, or no term left in the TF-IDF vocabulary, are kept and reported in
// Analysis::diagnostics (their scores are 0).
Result<Analysis> analyze(const Corpus& corpus, const PipelineOptions& options);

// Writes the analysis into `out_dir` (created if missing): dense mode —
// minhash_jaccard, exact_jaccard and tfidf_cosine as .csv and .npy; sparse
// mode — the same three as Matrix Market .mtx; always pairs.tsv,
// clusters.tsv, cleaning.tsv (write_cleaning_tsv), the phrase files of
// write_phrase_analysis() when phrases are enabled, and run.json (with kept
// and removed bytes per document). The folder is replaced as a whole: files
// are written into a hidden staging folder beside it which is then swapped in
// with one atomic rename, so a run killed at any moment leaves either the
// previous complete outputs or the new ones (files in `out_dir` that the run
// does not write are kept; details and the fallback for folders that cannot
// be swapped in src/internal/output_dir.h). run.json records the version,
// ICU/Unicode versions, every option, the input's checksums and read counts,
// document count, diagnostics and stage timings; it is the only output that
// differs between identical runs (in "timings" and "threads").
Status write_analysis(const Analysis& analysis, const Corpus& corpus, const PipelineOptions& options,
                      const std::filesystem::path& out_dir);

// Explains one pair of documents of `corpus`, named by id: the same three
// scores analyze() lists for them (cosine NaN when options.cosine is off), the
// top options.report.terms shared TF-IDF terms and the aligned passages of at
// least options.shingle.k tokens. Runs cleaning, tokenizing and the TF-IDF fit
// over the whole corpus, since the chrome rules and the IDF weights are
// corpus-wide: cost linear in the corpus. NotFound names an id missing from
// the corpus; InvalidArgument for bad options or an id given twice.
Result<PairExplanation> explain(const Corpus& corpus, const PipelineOptions& options, const std::string& id_a,
                                const std::string& id_b);

// Called after each batch with documents and text bytes sketched so far.
using ProgressFn = std::function<void(std::size_t documents, std::uint64_t bytes)>;

// What dedup() keeps of each document.
struct DocumentInfo {
  std::string id;
  std::string date;
  std::uint64_t bytes = 0;
  std::uint32_t tokens = 0;
};

struct DedupResult {
  std::string source;
  std::vector<DocumentInfo> documents;
  SignatureSet signatures;
  std::vector<ScoredPair> pairs;  // verified (estimate >= threshold), strongest first; jaccard and cosine NaN
  LshParams lsh;
  CandidateStats candidates;
  Clustering clusters;    // centre clustering
  Clustering components;  // connected components
  std::vector<std::uint32_t> keep;  // one document per cluster, ascending
  std::uint64_t input_digest = 0;   // XXH3 over ids and texts in input order
  std::uint64_t input_bytes = 0;
  std::vector<StageTiming> timings;
  std::vector<Diagnostic> diagnostics;
};

// Streams `input`, sketches each document and finds near-duplicate clusters.
// One extra thread reads the next batch while `threads` workers sketch the
// current one.
// InvalidArgument for bad options, duplicate ids or no documents; errors of
// the stream are passed on.
Result<DedupResult> dedup(DocumentStream& input, const std::string& source, const PipelineOptions& options,
                          const ProgressFn& progress = nullptr);

// Writes keep.txt (ids kept, input order), clusters.tsv, pairs.tsv and run.json.
Status write_dedup(const DedupResult& result, const PipelineOptions& options, const std::filesystem::path& out_dir);

// The phrase stage alone (echotrace phrases): tokenize, talking points, TF-IDF
// rows (for the outlet similarity matrix, when options.cosine), outlet
// matrices. No n × n matrix is computed, so it runs on corpora of any size.
// InvalidArgument for bad options or an empty corpus.
Result<PhraseAnalysis> analyze_phrases(const Corpus& corpus, const PipelineOptions& options);

// Writes talking_points.json, talking_points.csv, occurrences.csv and the
// outlet matrices (phrase_report.h) into `out_dir` (created if missing), and
// with `with_run_json` a run.json recording the version, input, options,
// diagnostics, timings and outputs.
Status write_phrase_analysis(const PhraseAnalysis& phrases, const Corpus& corpus, const PipelineOptions& options,
                             const std::filesystem::path& out_dir, bool with_run_json = true);

}  // namespace echotrace
