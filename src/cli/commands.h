// Subcommands of the echotrace CLI. Each adds itself to the app and, when
// chosen, stores its exit code (0 success, 1 runtime failure) in `exit_code`.
#pragma once

#include <optional>

#include <CLI/CLI.hpp>

#include <echotrace/pipeline.h>

namespace echotrace::cli {

// Help text of the input argument every corpus command takes.
inline constexpr const char* kInputHelp =
    "A folder of .txt articles (optional manifest.csv: file,outlet,date,title) or a JSON-lines file "
    "(.jsonl, .jsonl.zst) with fields id, outlet, date, title, url, text";

void add_analyze_command(CLI::App& app, int& exit_code);
void add_tokenize_command(CLI::App& app, int& exit_code);
void add_dedup_command(CLI::App& app, int& exit_code);
void add_explain_command(CLI::App& app, int& exit_code);

// What a command tells stderr about its input and stages: warnings (problems
// with the input, counted; the first kShown printed, every one is in
// run.json) and notes (facts such as undated documents, not counted).
class Warnings {
 public:
  static constexpr std::size_t kShown = 20;

  void warn(const std::vector<Diagnostic>& list);
  void note(const std::vector<Diagnostic>& list);
  // After the run: how many warnings were not shown and where they all are.
  void finish(const std::string& out_dir) const;
  std::size_t count() const { return count_; }

 private:
  std::size_t count_ = 0;
};
void add_phrases_command(CLI::App& app, int& exit_code);
void add_background_command(CLI::App& app, int& exit_code);

// --background TABLE (group "Phrases"): the path lands in `file`, to be read
// by load_background() once parsing is done.
void add_background_option(CLI::App& cmd, std::string& file);
// Loads the table at `file` (if not empty) into options.background.
Status load_background(const std::string& file, PhraseOptions& options);

// --strict, --max-doc-bytes and --dedupe-ids: how bad input is treated.
void add_read_options(CLI::App& cmd, ReadOptions& read);

// -t,--threads (0 = all cores); `output` names what does not depend on it.
void add_threads_option(CLI::App& cmd, int& threads, const std::string& output = "outputs do not");

// The option group shared by every command that runs the pipeline.
void add_pipeline_options(CLI::App& cmd, PipelineOptions& options);
// --no-clean and --clean-rules (part of add_pipeline_options).
void add_clean_options(CLI::App& cmd, CleanOptions& options);

// The talking-point options (group "Phrases"); `--watch FILE` lands in
// `watch_file`, to be read by load_watchlist() once parsing is done.
void add_phrase_options(CLI::App& cmd, PhraseOptions& options, std::string& watch_file);

// Prints `status` on stderr as "echotrace: <code>: <message>" and returns
// `exit_code` (1, a runtime failure, unless given).
int fail(const Status& status, int exit_code = 1);

// Reads the corpus at `input` and passes its read warnings to `warnings`;
// on an error prints it (fail()) and returns nullopt.
std::optional<Corpus> read_input(const std::string& input, const ReadOptions& read, Warnings& warnings);

// Reads `watch_file` (if not empty) into options.watch.
Status load_watchlist(const std::string& watch_file, PhraseOptions& options);

// The spelling dictionary of the phrase stage: --dictionary FILE (repeatable)
// or --no-dictionary; Debian's word lists when neither is given.
struct DictionaryArgs {
  std::vector<std::string> files;
  bool none = false;
};
void add_dictionary_options(CLI::App& cmd, DictionaryArgs& args);
// Loads the dictionary `args` name into options.dictionary (nothing with
// --no-dictionary); a missing default list names the Debian packages.
Status load_dictionary(const DictionaryArgs& args, PhraseOptions& options);

}  // namespace echotrace::cli
