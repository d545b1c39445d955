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
  CleanOptions clean;
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
  Document doc;
  doc.id = args.file;
  doc.text = ss.str();
  Corpus corpus;
  corpus.source = args.file;
  corpus.documents.push_back(std::move(doc));
  Result<std::vector<Cleaning>> cleaning = clean_corpus(corpus, args.clean, 1);
  if (!cleaning.is_ok()) return fail(cleaning.status());
  const std::string& text = corpus.documents[0].text;
  const TokenizedText t = tokenize(mask_removed(text, (*cleaning)[0].removed), args.text);
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
      "tokenize",
      "Print the normalised word tokens of a text file with their byte spans (begin, end) in the file; "
      "site chrome is skipped unless --no-clean.");
  cmd->add_option("file", args->file, "UTF-8 text file")->required();
  cmd->add_flag("!--no-case-fold", args->text.fold_case, "Keep letter case");
  add_clean_options(*cmd, args->clean);
  cmd->final_callback([args, &exit_code] { exit_code = run_tokenize(*args); });
}

}  // namespace echotrace::cli
