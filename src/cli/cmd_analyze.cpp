#include <iostream>
#include <memory>

#include "cli/commands.h"

namespace echotrace::cli {
namespace {

// Warnings printed to stderr before the rest are only counted (run.json lists all).
constexpr std::size_t kWarningsShown = 20;

struct AnalyzeArgs {
  std::string input = "corpus/seeds";
  std::string out_dir = "results/seeds";
  PipelineOptions pipeline;
};

// Prints the warnings of `list` while fewer than kWarningsShown were printed.
void print_warnings(const std::vector<Diagnostic>& list, std::size_t& shown) {
  for (const Diagnostic& d : list) {
    if (shown++ < kWarningsShown) std::cerr << "echotrace: warning: " << d.where << ": " << d.message << "\n";
  }
}

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

int run_analyze(const AnalyzeArgs& args) {
  Result<Corpus> corpus = read_corpus(args.input, args.pipeline.read);
  if (!corpus.is_ok()) {
    std::cerr << "echotrace: " << corpus.status().to_string() << "\n";
    return 1;
  }
  std::size_t shown = 0;
  print_warnings(corpus->diagnostics, shown);
  Result<Analysis> analysis = analyze(*corpus, args.pipeline);
  if (!analysis.is_ok()) {
    std::cerr << "echotrace: " << analysis.status().to_string() << "\n";
    return 1;
  }
  print_warnings(analysis->diagnostics, shown);
  if (shown > kWarningsShown) {
    std::cerr << "echotrace: ... and " << shown - kWarningsShown << " more warnings, all listed in "
              << args.out_dir << "/run.json\n";
  }
  Status written = write_analysis(*analysis, *corpus, args.pipeline, args.out_dir);
  if (!written.is_ok()) {
    std::cerr << "echotrace: " << written.to_string() << "\n";
    return 1;
  }
  std::cerr << "echotrace: analysed " << count(corpus->documents.size(), "document")
            << summary(corpus->counts, shown) << ", wrote " << args.out_dir << "\n";
  return 0;
}

}  // namespace

void add_analyze_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "analyze",
      "Compare every pair of articles: MinHash Jaccard estimate, exact Jaccard of word shingles and TF-IDF cosine.\n"
      "Writes minhash_jaccard, exact_jaccard and tfidf_cosine as .csv and .npy, pairs.tsv and run.json.");
  cmd->add_option("input", args->input,
                  "A folder of .txt articles (optional manifest.csv: file,outlet,date,title) or a JSON-lines file "
                  "(.jsonl, .jsonl.zst) with fields id, outlet, date, title, url, text")
      ->capture_default_str();
  cmd->add_option("-o,--out", args->out_dir,
                  "Output folder (created if missing; replaced as a whole, so an interrupted run leaves the previous "
                  "outputs; other files in it are kept)")
      ->capture_default_str();
  ReadOptions& read = args->pipeline.read;
  cmd->add_flag("--strict", read.strict,
                "Fail on input that would be skipped with a warning (a malformed JSON line, a missing text field, a "
                "binary or over-long document)")
      ->group("Input");
  cmd->add_option("--max-doc-bytes", read.max_doc_bytes,
                  "Skip (with a warning) any .txt file or JSON line larger than this many bytes; units such as 50MB "
                  "or 1GB (1kB = 1024 bytes); at most 1GB")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(std::size_t{1}, kMaxDocBytesLimit))
      ->default_str("50MB")
      ->group("Input");
  cmd->add_flag("--dedupe-ids", read.dedupe_ids,
                "Rename a repeated document id to id#2, id#3, ... (with a warning) instead of failing")
      ->group("Input");
  add_pipeline_options(*cmd, args->pipeline);
  cmd->final_callback([args, &exit_code] { exit_code = run_analyze(*args); });
}

}  // namespace echotrace::cli
