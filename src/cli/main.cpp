// echotrace: near-duplicate and narrative-overlap detection for news articles.
#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  try {
    CLI::App app{"echotrace " + std::string(echotrace::version()) +
                 ": find near-copies among news articles and the framings that travel between outlets"};
    app.set_version_flag("--version", std::string(echotrace::version()));
    app.require_subcommand(1);
    int exit_code = 0;
    echotrace::cli::add_analyze_command(app, exit_code);
    echotrace::cli::add_dedup_command(app, exit_code);
    echotrace::cli::add_tokenize_command(app, exit_code);
    echotrace::cli::add_phrases_command(app, exit_code);
    echotrace::cli::add_explain_command(app, exit_code);
    echotrace::cli::add_background_command(app, exit_code);
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      const int rc = app.exit(e);
      return rc == 0 ? 0 : 2;  // --help and --version exit 0; usage errors 2
    }
    return exit_code;
  } catch (const std::exception& e) {
    std::cerr << "echotrace: internal error: " << e.what() << "\n";
    return 1;
  }
}
