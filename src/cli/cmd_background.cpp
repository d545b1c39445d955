#include <filesystem>
#include <iostream>
#include <memory>

#include <echotrace/background.h>

#include "cli/commands.h"

namespace echotrace::cli {
namespace {

struct BackgroundArgs {
  std::string input;
  std::string out;
  BackgroundOptions options;
  int threads = 0;
};

int run_background(const BackgroundArgs& args) {
  std::vector<Diagnostic> diagnostics;
  Result<BackgroundTable> table = BackgroundTable::build(args.input, args.options, args.threads, &diagnostics);
  if (!table.is_ok()) return fail(table.status());
  Warnings warnings;
  warnings.warn(diagnostics);
  warnings.finish(args.out);
  Status saved = table->save(args.out);
  if (!saved.is_ok()) return fail(saved);
  std::error_code ec;
  const std::uintmax_t bytes = std::filesystem::file_size(args.out, ec);
  std::cerr << "echotrace: " << table->size() << " n-grams (" << table->min_tokens() << "-" << table->max_tokens()
            << " words, in at least " << table->min_documents() << " documents) of " << table->documents()
            << " documents, wrote " << args.out << " (" << (ec ? 0 : bytes) << " bytes)\n";
  return 0;
}

}  // namespace

void add_background_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<BackgroundArgs>();
  CLI::App* cmd = app.add_subcommand(
      "background",
      "Build a background frequency table: how many documents of a reference corpus (general news) use each\n"
      "word n-gram, normalised as the phrase stage does (spelling variants, stems, hyphen parts). Pass it to\n"
      "'phrases' or 'analyze' with --background, so that phrases common in general text rank lower.");
  cmd->add_option("corpus", args->input, "Reference corpus: a JSON-lines file (.jsonl, .jsonl.zst) with a text field")
      ->required();
  cmd->add_option("-o,--out", args->out, "Table file to write (replaced atomically)")->required();
  BackgroundOptions& o = args->options;
  cmd->add_option("--min-tokens", o.min_tokens, "Shortest n-gram stored, in words")
      ->capture_default_str()->check(CLI::Range(2, 64));
  cmd->add_option("--max-tokens", o.max_tokens, "Longest n-gram stored, in words (use the phrase stage's --phrase-max)")
      ->capture_default_str()->check(CLI::Range(2, 64));
  cmd->add_option("--min-documents", o.min_documents, "Store only n-grams used in at least this many documents")
      ->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_flag("!--no-case-fold", o.text.fold_case, "Keep letter case (must match the corpora it is used on)")
      ->group("Text");
  cmd->add_flag("!--keep-line-breaks", o.unwrap_lines,
                "Let every line break end a phrase (default: a single line break inside a paragraph counts as a "
                "space, for hard-wrapped text such as newswire)")
      ->group("Text");
  add_read_options(*cmd, o.read);
  add_threads_option(*cmd, args->threads, "the table does not");
  cmd->final_callback([args, &exit_code] { exit_code = run_background(*args); });
}

void add_background_option(CLI::App& cmd, std::string& file) {
  cmd.add_option("--background", file,
                 "Background frequency table ('echotrace background'): distinctiveness from general text instead of "
                 "the corpus itself")
      ->check(CLI::ExistingFile)->group("Phrases");
}

Status load_background(const std::string& file, PhraseOptions& options) {
  if (file.empty()) return Status::ok();
  Result<BackgroundTable> table = BackgroundTable::load(file);
  if (!table.is_ok()) return table.status();
  options.background = std::make_shared<const BackgroundTable>(std::move(table).value());
  return Status::ok();
}

}  // namespace echotrace::cli
