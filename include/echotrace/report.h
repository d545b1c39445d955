// Writers for what echotrace computes: similarity matrices as labelled CSV and
// float32 NumPy .npy, the pair list and the cleaning audit as TSV. Every file is written under a
// temporary name in its directory and renamed into place, so a reader (or a run
// killed midway) sees either the previous complete file or the new one.
// Formatting is fixed (6 decimals, '\n' line ends), so equal inputs give
// byte-identical files.
//
// Thread-safety: functions are independent; do not write one path from two
// threads at once.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include <echotrace/cluster.h>
#include <echotrace/clean.h>
#include <echotrace/explain.h>
#include <echotrace/io.h>
#include <echotrace/phrases.h>
#include <echotrace/similarity.h>
#include <echotrace/status.h>

namespace echotrace {

// What the HTML report shows (write_report_html). Limits keep a report of a
// large corpus small enough to open in a browser; every list it cuts is
// complete in the CSV/TSV outputs.
struct ReportOptions {
  // Write report.html and heatmap.svg beside the other outputs of analyze.
  bool enabled = true;
  // Largest corpus drawn as a document × document heatmap (n² cells); above
  // it the heatmap is outlet × outlet.
  std::size_t heatmap_limit = 100;
  // Pairs shown with their scores and side-by-side text, strongest first.
  std::size_t top_pairs = 20;
  // Shared TF-IDF terms listed per pair.
  std::size_t terms = 10;
  // Rows of the talking-point table (ranked), and of its timeline (first ones).
  std::size_t talking_points = 100;
  std::size_t timeline_points = 20;
  // Occurrences listed per talking point (occurrences.csv has all of them).
  std::size_t occurrences = 50;
  // Bytes of article text embedded for the side-by-side views; documents
  // beyond it show their occurrences' context only.
  std::size_t text_budget = std::size_t{4} << 20;
};

// Checks ReportOptions' ranges; InvalidArgument names the option.
Status validate(const ReportOptions& options);

// n × n matrix as CSV: header "id,<id_0>,...,<id_n-1>", then one row per
// document starting with its id. Values with 6 decimals. Ids holding a comma,
// quote or line break are quoted (RFC 4180).
// REQUIRES: labels.size() == m.n. IoError names the path.
Status write_matrix_csv(const std::filesystem::path& path, const DenseMatrix& m,
                        std::span<const std::string> labels);

// n × n matrix as a NumPy .npy (format 1.0, little-endian float32 '<f4', C
// order): numpy.load(path) gives an (n, n) float32 array.
Status write_matrix_npy(const std::filesystem::path& path, const DenseMatrix& m);

// One row per pair: id_a, id_b, minhash_jaccard, exact_jaccard, cosine,
// found_by (dense, lsh, cosine or lsh+cosine), tab separated, header first, in
// the order given; a NaN score is an empty cell. An id holding a tab, a double
// quote or a line break is written in double quotes with inner quotes doubled
// (as in CSV), which Python's csv module and pandas read back; other ids are
// written as they are. REQUIRES: pair indices < labels.size().
Status write_pairs_tsv(const std::filesystem::path& path, std::span<const ScoredPair> pairs,
                       std::span<const std::string> labels);

// The symmetric sparse matrix of one score of `pairs` over `n` documents as a
// Matrix Market file (coordinate real symmetric, 1-based, lower triangle;
// loads with scipy.io.mmread): an entry per pair whose score is a positive
// number, plus 1.0 on the diagonal for each document in `diagonal_ones`.
// `score` picks the measure: 0 MinHash estimate, 1 exact Jaccard, 2 cosine.
Status write_matrix_market(const std::filesystem::path& path, std::size_t n, std::span<const ScoredPair> pairs,
                           int score, const std::vector<bool>& diagonal_ones);

// One row per document: id, cluster (centre clustering), centre id, score
// (similarity to the centre), component (connected component), cluster_size;
// in input order. REQUIRES: both clusterings and `labels` have one size.
Status write_clusters_tsv(const std::filesystem::path& path, const Clustering& centres, const Clustering& components,
                          std::span<const std::string> labels);
// The spans cleaning removed, one row each: id, begin, end, bytes, reason,
// excerpt (tab separated, header first), documents in the order given, spans
// ascending. begin/end are byte offsets into Document::text; reason is
// to_string(reason), "rule:N" for line N of the rules file; the excerpt is the
// span's first 60 code points with white space runs folded to one space and
// '\' doubled ("..." marks a cut). REQUIRES: cleaning.size() == documents.size().
Status write_cleaning_tsv(const std::filesystem::path& path, std::span<const Document> documents,
                          std::span<const Cleaning> cleaning);

// Writes `bytes` to `path` atomically (temporary file, fsync, rename).
Status write_text_file(const std::filesystem::path& path, std::string_view bytes);

// What the HTML report draws: views into the results of analyze, which must
// outlive the call. Every document-indexed span has corpus->documents.size()
// entries.
struct ReportInput {
  const Corpus* corpus = nullptr;
  std::span<const Cleaning> cleaning;  // chrome removed per document (may be empty spans)
  // The three n × n matrices when `dense`; `cosine` is nullptr without TF-IDF.
  bool dense = false;
  const DenseMatrix* minhash = nullptr;
  const DenseMatrix* jaccard = nullptr;
  const DenseMatrix* cosine = nullptr;
  // Listed pairs, strongest first, and the thresholds they were listed at.
  std::span<const ScoredPair> pairs;
  double jaccard_threshold = 0.5;
  double cosine_threshold = 0.5;
  const Clustering* clusters = nullptr;  // centre clustering (heatmap order by cluster)
  std::span<const PairExplanation> explained;  // the top pairs, strongest first
  const TalkingPointReport* talking_points = nullptr;  // nullptr when phrases were off
  // Facts for the overview (version, options, input counts) as a JSON object;
  // keep run-dependent values (timings, threads) out so reports are
  // byte-identical between runs.
  std::string overview_json = "{}";
  ReportOptions options;
};

// The similarity heatmap as an SVG document. Up to options.heatmap_limit
// documents (and when `dense`): one cell per document pair, documents grouped
// by outlet (then date, then input order), with outlet bands, labels and a
// colour legend (0 to 1, perceptually uniform). Above the limit, or in sparse
// mode: outlet × outlet cells (documents without an outlet pooled as
// "(unattributed)"; the heatmap_limit largest outlets), each the mean score
// over document pairs (dense) or the number of pairs listed at or above the
// threshold (sparse). `measure`: 0 MinHash estimate, 1 exact Jaccard, 2 cosine
// (falls back to 1 when `cosine` is nullptr). With `interactive`, cells carry
// all three scores as data attributes for the report's measure switch.
// Deterministic: equal inputs give equal bytes.
std::string heatmap_svg(const ReportInput& input, int measure, bool interactive = false);

// The whole report as one self-contained HTML page (inline CSS, JavaScript,
// SVG and data; nothing loaded from the network): overview, heatmap with a
// measure switch and hover details, the top pairs with side-by-side text
// (shared passages highlighted, removed chrome greyed), the talking points
// with their occurrences, and a timeline. Deterministic.
std::string render_report_html(const ReportInput& input);

// One pair's explanation (pipeline.h explain()) as JSON: {"a": {"id",
// "outlet", "date", "title", "bytes"}, "b": {...}, "scores": {"minhash",
// "exact_jaccard", "cosine"} (null when not computed), "shingles": {"a", "b",
// "shared"}, "top_terms": [{"term", "weight_a", "weight_b", "contribution"}],
// "spans": [{"tokens", "a_begin", "a_end", "b_begin", "b_end", "text"}]}
// with byte offsets into each document's text and the passage as A has it.
// Numbers have 6 decimals. REQUIRES: the pair's indices < corpus.documents.size().
std::string explanation_json(const PairExplanation& explanation, const Corpus& corpus);

// The same record as text for a terminal: scores, shingle counts, the shared
// terms and each shared passage with its offsets (passages longer than
// `max_passage_points` code points are cut, marked "…").
std::string explanation_text(const PairExplanation& explanation, const Corpus& corpus,
                             std::size_t max_passage_points = 160);

}  // namespace echotrace
