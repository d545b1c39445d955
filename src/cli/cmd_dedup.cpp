#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/progress.h"

namespace echotrace::cli {
namespace {

struct DedupArgs {
  std::string input;
  std::string out_dir = "results/dedup";
  std::string keep = "earliest";
  PipelineOptions pipeline;
};

int run_dedup(DedupArgs& args) {
  Result<KeepRule> rule = parse_keep_rule(args.keep);
  if (!rule.is_ok()) return fail(rule.status(), 2);
  args.pipeline.keep = *rule;
  Result<std::unique_ptr<DocumentStream>> stream = open_documents(args.input, args.pipeline.read);
  if (!stream.is_ok()) return fail(stream.status());
  std::error_code ec;
  const auto size = std::filesystem::is_regular_file(args.input, ec) && args.input.ends_with(".zst")
                        ? 0
                        : std::filesystem::file_size(args.input, ec);
  Result<DedupResult> result = dedup(**stream, args.input, args.pipeline, terminal_progress(ec ? 0 : size));
  end_progress();
  if (!result.is_ok()) return fail(result.status());
  Warnings warnings;
  warnings.warn(result->diagnostics);
  warnings.finish(args.out_dir);
  Status written = write_dedup(*result, args.pipeline, args.out_dir);
  if (!written.is_ok()) return fail(written);
  std::cerr << "echotrace: " << result->documents.size() << " documents, " << result->pairs.size()
            << " near-duplicate pairs, kept " << result->keep.size() << ", wrote " << args.out_dir << "\n";
  return 0;
}

}  // namespace

void add_dedup_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<DedupArgs>();
  CLI::App* cmd = app.add_subcommand(
      "dedup",
      "Find near-duplicate clusters in a corpus of any size (streamed; only signatures stay in memory) and write\n"
      "keep.txt (one document per cluster), clusters.tsv, pairs.tsv (MinHash-verified) and run.json.");
  cmd->add_option("input", args->input, kInputHelp)
      ->required();
  cmd->add_option("-o,--out", args->out_dir, "Output folder")->capture_default_str();
  cmd->add_option("--keep", args->keep,
                  "Which document of a cluster to keep: earliest (date; undated lose), longest (text), first (in input)")
      ->capture_default_str()->check(CLI::IsMember({"earliest", "longest", "first"}));
  add_read_options(*cmd, args->pipeline.read);
  add_pipeline_options(*cmd, args->pipeline);
  cmd->final_callback([args, &exit_code] { exit_code = run_dedup(*args); });
}

}  // namespace echotrace::cli
