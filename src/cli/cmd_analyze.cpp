#include <iostream>
#include <memory>

#include "cli/commands.h"

namespace echotrace::cli {
namespace {

struct AnalyzeArgs {
  std::string input = "corpus/seeds";
  std::string out_dir = "results/seeds";
  std::string watch_file;
  std::string background_file;
  DictionaryArgs dictionary;
  PipelineOptions pipeline;
};

// "1 document", "2 documents".
std::string count(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// " (2 skipped, 3 ill-formed UTF-8 sequences replaced, 5 warnings)" or "".
std::string summary(const ReadCounts& c, std::size_t warnings) {
  std::string s;
  auto add = [&](std::size_t n, const std::string& what) {
    if (n == 0) return;
    s += s.empty() ? " (" : ", ";
    s += what;
  };
  add(c.skipped, std::to_string(c.skipped) + " skipped");
  add(c.utf8_repaired, count(c.utf8_repaired, "ill-formed UTF-8 sequence") + " replaced");
  add(c.ids_renamed, count(c.ids_renamed, "duplicate id") + " renamed");
  add(warnings, count(warnings, "warning"));
  return s.empty() ? s : s + ")";
}

int run_analyze(AnalyzeArgs& args) {
  Status watch = load_watchlist(args.watch_file, args.pipeline.phrases);
  if (!watch.is_ok()) return fail(watch);
  Status background = load_background(args.background_file, args.pipeline.phrases);
  if (!background.is_ok()) return fail(background);
  if (args.pipeline.phrases.enabled) {
    Status dictionary = load_dictionary(args.dictionary, args.pipeline.phrases);
    if (!dictionary.is_ok()) return fail(dictionary);
  }
  Warnings warnings;
  std::optional<Corpus> corpus = read_input(args.input, args.pipeline.read, warnings);
  if (!corpus) return 1;
  Result<Analysis> analysis = analyze(*corpus, args.pipeline);
  if (!analysis.is_ok()) return fail(analysis.status());
  warnings.warn(analysis->diagnostics);
  // Facts about the phrase stage (undated documents, outlet matrices left out)
  // are notes, not problems with the input.
  warnings.note(analysis->phrases.report.diagnostics);
  warnings.note(analysis->phrases.diagnostics);
  warnings.finish(args.out_dir);
  Status written = write_analysis(*analysis, *corpus, args.pipeline, args.out_dir);
  if (!written.is_ok()) return fail(written);
  std::cerr << "echotrace: analysed " << count(corpus->documents.size(), "document")
            << summary(corpus->counts, warnings.count()) << ", wrote " << args.out_dir << "\n";
  return 0;
}

}  // namespace

void add_analyze_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "analyze",
      "Compare every pair of articles: MinHash Jaccard estimate, exact Jaccard of word shingles and TF-IDF cosine.\n"
      "Writes minhash_jaccard, exact_jaccard and tfidf_cosine as .csv and .npy (up to --dense-limit documents;\n"
      "above it, thresholded sparse .mtx files found by LSH and exact all-pairs cosine), pairs.tsv,\n"
      "clusters.tsv (near-duplicate clusters at --threshold), the talking-point files, report.html (one offline\n"
      "page: heatmap, top pairs side by side, talking points, timeline), heatmap.svg and run.json.");
  cmd->add_option("input", args->input,
                  kInputHelp)
      ->capture_default_str();
  cmd->add_option("-o,--out", args->out_dir,
                  "Output folder (created if missing; replaced as a whole, so an interrupted run leaves the previous "
                  "outputs; other files in it are kept)")
      ->capture_default_str();
  add_read_options(*cmd, args->pipeline.read);
  add_pipeline_options(*cmd, args->pipeline);
  add_phrase_options(*cmd, args->pipeline.phrases, args->watch_file);
  add_background_option(*cmd, args->background_file);
  add_dictionary_options(*cmd, args->dictionary);
  PipelineOptions& o = args->pipeline;
  cmd->add_option("--cosine-threshold", o.cosine_threshold,
                  "Cosine at or above which pairs are listed when the corpus is too large for dense matrices")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0))->group("TF-IDF");
  cmd->add_flag("!--no-cosine", o.cosine, "Skip TF-IDF and cosine similarity")->group("TF-IDF");
  cmd->add_option("--dense-limit", o.dense_limit,
                  "Largest corpus for which n x n matrices (.csv, .npy) are written; above it, sparse .mtx files")
      ->capture_default_str();
  cmd->add_option("--all-pairs-limit", o.all_pairs_limit,
                  "Largest corpus for which pairs.tsv lists every pair; above it, pairs at or above a threshold")
      ->capture_default_str();
  cmd->add_flag("!--no-report", o.report.enabled, "Skip report.html and heatmap.svg")->group("Report");
  cmd->add_option("--heatmap-limit", o.report.heatmap_limit,
                  "Largest corpus drawn as a document x document heatmap; above it, outlet x outlet")
      ->capture_default_str()->check(CLI::Range(0, 5000))->group("Report");
  cmd->add_option("--report-pairs", o.report.top_pairs, "Pairs shown side by side in the report, strongest first")
      ->capture_default_str()->check(CLI::Range(0, 100000))->group("Report");
  cmd->add_option("--report-talking-points", o.report.talking_points, "Rows of the report's talking-point table")
      ->capture_default_str()->group("Report");
  cmd->final_callback([args, &exit_code] { exit_code = run_analyze(*args); });
}

}  // namespace echotrace::cli
