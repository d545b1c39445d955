// Subcommands of the echotrace CLI. Each adds itself to the app and, when
// chosen, stores its exit code (0 success, 1 runtime failure) in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

#include <echotrace/pipeline.h>

namespace echotrace::cli {

void add_analyze_command(CLI::App& app, int& exit_code);
void add_tokenize_command(CLI::App& app, int& exit_code);

// The option group shared by every command that runs the pipeline.
void add_pipeline_options(CLI::App& cmd, PipelineOptions& options);
// --no-clean and --clean-rules (part of add_pipeline_options).
void add_clean_options(CLI::App& cmd, CleanOptions& options);

}  // namespace echotrace::cli
