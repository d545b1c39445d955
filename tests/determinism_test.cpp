// Same inputs, options and seed give byte-identical outputs, whatever the
// thread count and however often the CLI runs; and run.json alone is enough to
// run it again and get the same bytes.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "process_util.h"

namespace echotrace {
namespace {

namespace fs = std::filesystem;
using testing::cat;
using testing::read_file;
using testing::run_cli_measured;
using testing::TempDir;

using Outputs = testing::OutputFiles;
using testing::output_files;

// A corpus with near-copies, short and unusual documents and a skipped line,
// so diagnostics and repairs are part of what must be reproduced.
fs::path write_corpus(const fs::path& dir) {
  std::string body;
  const std::string article =
      "Russia will never put up with the presence of terrorists in Idlib the deputy foreign minister said on "
      "Tuesday after talks in Moscow with his Turkish counterpart";
  for (int i = 0; i < 60; ++i) {
    std::string text = article;
    for (int w = 0; w < i % 7; ++w) text += cat(" extra", std::to_string((i * 31 + w) % 11));
    if (i % 9 == 0) text = cat("Breaking: ", text, " \xD0\x98\xD0\xB4\xD0\xBB\xD0\xB8\xD0\xB1 \xFF");
    if (i % 13 == 0) text = "too short";
    body += cat("{\"id\":\"d", std::to_string(i), "\",\"outlet\":\"o", std::to_string(i % 4),
                "\",\"text\":\"", text, "\"}\n");
    if (i == 30) body += "{not json}\n";
  }
  const fs::path p = dir / "corpus.jsonl";
  testing::write_file(p, body);
  return p;
}

TEST(Determinism, CliOutputsAreByteIdenticalForAnyThreadCountAndRun) {
  TempDir tmp;
  const fs::path corpus = write_corpus(tmp.path());
  std::map<std::string, Outputs> runs;
  for (const char* threads : {"1", "2", "8", "8"}) {
    const fs::path out = tmp.path() / cat("out", std::to_string(runs.size()));
    const auto r = run_cli_measured({"analyze", corpus.string(), "-o", out.string(), "--threads", threads,
                                     "--ngram-max", "2", "--sublinear-tf", "-k", "4"},
                                    tmp.path());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    runs[out.filename().string()] = output_files(out);
  }
  const Outputs& first = runs.begin()->second;
  ASSERT_EQ(first.size(), 19u);  // every output of analyze (run.json lists them)
  EXPECT_NE(first.at("run.json").find("skipped: malformed JSON"), std::string::npos);
  for (const auto& [name, o] : runs) {
    ASSERT_EQ(o.size(), first.size()) << name;
    for (const auto& [file, bytes] : first)
      EXPECT_TRUE(o.at(file) == bytes) << name << "/" << file << " differs";
  }
}

// Turns the options recorded in run.json back into CLI arguments.
std::vector<std::string> arguments_from(const nlohmann::json& run) {
  const nlohmann::json& o = run.at("options");
  std::vector<std::string> a{"analyze", run.at("input").at("path").get<std::string>()};
  auto add = [&](const char* flag, const nlohmann::json& v) {
    a.push_back(flag);
    a.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  };
  if (o.at("read").at("strict").get<bool>()) a.push_back("--strict");
  if (o.at("read").at("dedupe_ids").get<bool>()) a.push_back("--dedupe-ids");
  add("--max-doc-bytes", o.at("read").at("max_doc_bytes"));
  if (!o.at("text").at("fold_case").get<bool>()) a.push_back("--no-case-fold");
  add("-k", o.at("shingle").at("k"));
  add("--shingle-seed", o.at("shingle").at("seed"));
  add("--num-perm", o.at("minhash").at("num_perm"));
  add("--seed", o.at("minhash").at("seed"));
  if (o.at("tfidf").at("sublinear_tf").get<bool>()) a.push_back("--sublinear-tf");
  add("--min-df", o.at("tfidf").at("min_df"));
  add("--max-df", o.at("tfidf").at("max_df"));
  add("--ngram-min", o.at("tfidf").at("ngram_range").at(0));
  add("--ngram-max", o.at("tfidf").at("ngram_range").at(1));
  add("--dense-limit", o.at("dense_limit"));
  return a;
}

TEST(Determinism, RunJsonAloneReproducesTheOutputs) {
  TempDir tmp;
  const fs::path corpus = write_corpus(tmp.path());
  const fs::path first = tmp.path() / "first";
  const auto r = run_cli_measured({"analyze",
                                   corpus.string(),
                                   "-o",
                                   first.string(),
                                   "--threads",
                                   "2",
                                   "-k",
                                   "3",
                                   "--num-perm",
                                   "64",
                                   "--seed",
                                   "99",
                                   "--shingle-seed",
                                   "7",
                                   "--no-case-fold",
                                   "--sublinear-tf",
                                   "--min-df",
                                   "2",
                                   "--max-df",
                                   "0.9",
                                   "--ngram-max",
                                   "2",
                                   "--dedupe-ids",
                                   "--max-doc-bytes",
                                   "1MB",
                                   "--dense-limit",
                                   "100"},
                                  tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const nlohmann::json run = nlohmann::json::parse(read_file(first / "run.json"));
  std::vector<std::string> args = arguments_from(run);
  const fs::path again = tmp.path() / "again";
  args.insert(args.end(), {"-o", again.string(), "--threads", "1"});
  const auto r2 = run_cli_measured(args, tmp.path());
  ASSERT_EQ(r2.exit_code, 0) << r2.output;
  const Outputs a = output_files(first);
  const Outputs b = output_files(again);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [file, bytes] : a) EXPECT_TRUE(b.at(file) == bytes) << file << " differs";
}

}  // namespace
}  // namespace echotrace
