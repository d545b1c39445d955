#include <iostream>
#include <memory>

#include <echotrace/phrase_report.h>

#include "cli/commands.h"

namespace echotrace::cli {
namespace {

struct PhrasesArgs {
  std::string input = "corpus/seeds";
  std::string out_dir = "results/seeds";
  std::string watch_file;
  std::string background_file;
  DictionaryArgs dictionary;
  PipelineOptions pipeline;
};

int run_phrases(PhrasesArgs& args) {
  Status watch = load_watchlist(args.watch_file, args.pipeline.phrases);
  if (!watch.is_ok()) return fail(watch);
  Status background = load_background(args.background_file, args.pipeline.phrases);
  if (!background.is_ok()) return fail(background);
  Status dictionary = load_dictionary(args.dictionary, args.pipeline.phrases);
  if (!dictionary.is_ok()) return fail(dictionary);
  Warnings warnings;
  std::optional<Corpus> corpus = read_input(args.input, args.pipeline.read, warnings);
  if (!corpus) return 1;
  Result<PhraseAnalysis> phrases = analyze_phrases(*corpus, args.pipeline);
  if (!phrases.is_ok()) return fail(phrases.status());
  warnings.note(phrases->report.diagnostics);
  warnings.note(phrases->diagnostics);
  warnings.finish(args.out_dir);
  Status written = write_phrase_analysis(*phrases, *corpus, args.pipeline, args.out_dir);
  if (!written.is_ok()) return fail(written);
  std::size_t mined = 0;
  for (const TalkingPoint& tp : phrases->report.talking_points) mined += tp.mined ? 1 : 0;
  std::cerr << "echotrace: " << mined << " talking points in " << corpus->documents.size() << " documents from "
            << phrases->report.outlets << " outlets, wrote " << args.out_dir << "\n";
  return 0;
}

}  // namespace

void add_phrases_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<PhrasesArgs>();
  CLI::App* cmd = app.add_subcommand(
      "phrases",
      "Find talking points: phrases shared by several outlets, grouped with their spelling variants, with every\n"
      "occurrence, its voice (quotation or own text) and which outlet used it first.\n"
      "Writes talking_points.json/.csv, occurrences.csv, outlet_talking_points and outlet_similarity (.csv, .npy)\n"
      "and run.json.");
  cmd->add_option("input", args->input,
                  kInputHelp)
      ->capture_default_str();
  cmd->add_option("-o,--out", args->out_dir, "Output folder (created if missing; files are replaced atomically)")
      ->capture_default_str();
  add_read_options(*cmd, args->pipeline.read);
  add_phrase_options(*cmd, args->pipeline.phrases, args->watch_file);
  add_background_option(*cmd, args->background_file);
  add_dictionary_options(*cmd, args->dictionary);
  cmd->add_flag("!--no-case-fold", args->pipeline.text.fold_case, "Keep letter case (default: Unicode case folding)")
      ->group("Text");
  add_threads_option(*cmd, args->pipeline.threads);
  cmd->add_option("--dense-limit", args->pipeline.dense_limit,
                  "Largest number of outlets for which the outlet matrices are written")
      ->capture_default_str();
  cmd->add_flag("!--no-cosine", args->pipeline.cosine,
                "Skip TF-IDF and the outlet similarity matrix (mean document cosine per outlet pair)");
  cmd->final_callback([args, &exit_code] { exit_code = run_phrases(*args); });
}

}  // namespace echotrace::cli
