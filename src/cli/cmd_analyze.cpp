#include <iostream>
#include <memory>

#include "cli/commands.h"

namespace echotrace::cli {
namespace {

struct AnalyzeArgs {
  std::string input = "corpus/seeds";
  std::string out_dir = "results/seeds";
  std::string watch_file;
  bool strict = false;
  PipelineOptions pipeline;
};

int run_analyze(AnalyzeArgs& args) {
  Status watch = load_watchlist(args.watch_file, args.pipeline.phrases);
  if (!watch.is_ok()) {
    std::cerr << "echotrace: " << watch.to_string() << "\n";
    return 1;
  }
  ReadOptions read;
  read.strict = args.strict;
  Result<Corpus> corpus = read_corpus(args.input, read);
  if (!corpus.is_ok()) {
    std::cerr << "echotrace: " << corpus.status().to_string() << "\n";
    return 1;
  }
  Result<Analysis> analysis = analyze(*corpus, args.pipeline);
  if (!analysis.is_ok()) {
    std::cerr << "echotrace: " << analysis.status().to_string() << "\n";
    return 1;
  }
  std::vector<Diagnostic> all = corpus->diagnostics;
  for (const auto* list : {&analysis->diagnostics, &analysis->phrases.report.diagnostics,
                           &analysis->phrases.diagnostics}) {
    all.insert(all.end(), list->begin(), list->end());
  }
  print_diagnostics(all);
  Status written = write_analysis(*analysis, *corpus, args.pipeline, args.out_dir);
  if (!written.is_ok()) {
    std::cerr << "echotrace: " << written.to_string() << "\n";
    return 1;
  }
  std::cerr << "echotrace: analysed " << corpus->documents.size() << " documents, wrote " << args.out_dir << "\n";
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
      "clusters.tsv (near-duplicate clusters at --threshold) and run.json.");
  cmd->add_option("input", args->input,
                  "A folder of .txt articles (optional manifest.csv: file,outlet,date,title) or a JSON-lines file "
                  "(.jsonl, .jsonl.zst) with fields id, outlet, date, title, url, text")
      ->capture_default_str();
  cmd->add_option("-o,--out", args->out_dir, "Output folder (created if missing; files are replaced atomically)")
      ->capture_default_str();
  cmd->add_flag("--strict", args->strict, "Fail on a malformed JSON line instead of skipping it with a warning");
  add_pipeline_options(*cmd, args->pipeline);
  add_phrase_options(*cmd, args->pipeline.phrases, args->watch_file);
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
  cmd->final_callback([args, &exit_code] { exit_code = run_analyze(*args); });
}

}  // namespace echotrace::cli
