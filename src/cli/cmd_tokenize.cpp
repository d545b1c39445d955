#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"

namespace echotrace::cli {
namespace {

struct TokenizeArgs {
  std::string file;
  TextOptions text;
};

int run_tokenize(const TokenizeArgs& args) {
  std::error_code ec;
  if (std::filesystem::is_directory(args.file, ec)) {
    std::cerr << "echotrace: InvalidArgument: " << args.file << ": is a folder; tokenize reads one text file\n";
    return 1;
  }
  std::ifstream in(args.file, std::ios::binary);
  if (!in) {
    std::cerr << "echotrace: NotFound: " << args.file << ": cannot open\n";
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    std::cerr << "echotrace: IoError: " << args.file << ": read error\n";
    return 1;
  }
  const std::string text = ss.str();
  const TokenizedText t = tokenize(text, args.text);
  std::cout << "begin\tend\ttoken\n";
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::cout << t.tokens[i].begin << '\t' << t.tokens[i].end << '\t' << t.token(i) << '\n';
  }
  return 0;
}

}  // namespace

void add_tokenize_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TokenizeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "tokenize", "Print the normalised word tokens of a text file with their byte spans (begin, end) in the file.");
  cmd->add_option("file", args->file, "UTF-8 text file")->required();
  cmd->add_flag("!--no-case-fold", args->text.fold_case, "Keep letter case");
  cmd->final_callback([args, &exit_code] { exit_code = run_tokenize(*args); });
}

}  // namespace echotrace::cli
