#include <iostream>
#include <memory>

#include "cli/commands.h"

namespace echotrace::cli {
namespace {

struct ExplainArgs {
  std::string input = "corpus/seeds";
  std::string id_a;
  std::string id_b;
  bool json = false;
  PipelineOptions pipeline;
};

int run_explain(const ExplainArgs& args) {
  Warnings warnings;
  std::optional<Corpus> corpus = read_input(args.input, args.pipeline.read, warnings);
  if (!corpus) return 1;
  Result<PairExplanation> e = explain(*corpus, args.pipeline, args.id_a, args.id_b);
  if (!e.is_ok()) return fail(e.status());
  std::cout << (args.json ? explanation_json(*e, *corpus) : explanation_text(*e, *corpus));
  return 0;
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Explain why two articles are similar: their MinHash estimate, exact Jaccard and TF-IDF cosine (as analyze\n"
      "computes them, with the same options), the shared TF-IDF terms that make up the cosine, and every shared\n"
      "passage of at least one shingle with its byte offsets in both texts. Text by default, JSON with --json.");
  cmd->add_option("id_a", args->id_a, "Id of the first document")->required();
  cmd->add_option("id_b", args->id_b, "Id of the second document")->required();
  cmd->add_option("-i,--input", args->input, kInputHelp)->capture_default_str();
  cmd->add_flag("--json", args->json, "Print the record as JSON (the fields are listed in report.h)");
  add_read_options(*cmd, args->pipeline.read);
  add_pipeline_options(*cmd, args->pipeline);
  cmd->add_option("--terms", args->pipeline.report.terms, "Shared TF-IDF terms listed")
      ->capture_default_str()->check(CLI::Range(0, 100000));
  cmd->add_flag("!--no-cosine", args->pipeline.cosine, "Skip TF-IDF and cosine similarity")->group("TF-IDF");
  cmd->final_callback([args, &exit_code] { exit_code = run_explain(*args); });
}

}  // namespace echotrace::cli
