// The clean stage inside analyze() and the CLI: on by default, --no-clean,
// --clean-rules, cleaning.tsv and the byte counts in run.json.
#include <echotrace/pipeline.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace echotrace {
namespace {

using testing::read_file;
using testing::run_cli;
using testing::source_dir;
using testing::TempDir;

Corpus seeds() {
  Result<Corpus> c = read_corpus(source_dir() / "corpus/seeds");
  EXPECT_TRUE(c.is_ok());
  return std::move(c).value();
}

TEST(PipelineCleaning, RunsBeforeTokenizingAndIsRecorded) {
  const Corpus corpus = seeds();
  const Result<Analysis> on = analyze(corpus, {});
  ASSERT_TRUE(on.is_ok()) << on.status().to_string();
  PipelineOptions off_options;
  off_options.clean.enabled = false;
  const Result<Analysis> off = analyze(corpus, off_options);
  ASSERT_TRUE(off.is_ok());
  ASSERT_EQ(on->cleaning.size(), corpus.documents.size());
  EXPECT_EQ(on->timings.front().stage, "clean");
  EXPECT_EQ(on->timings[1].stage, "tokenize");
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    EXPECT_TRUE(off->cleaning[i].removed.empty());
    EXPECT_LE(on->token_counts[i], off->token_counts[i]);
  }
  // Seed 001 loses its registration and comment-rules tail: most of its words.
  EXPECT_LT(2 * on->token_counts[1], off->token_counts[1]);

  TempDir dir;
  ASSERT_TRUE(write_analysis(*on, corpus, {}, dir.path()).is_ok());
  const std::string tsv = read_file(dir.path() / "cleaning.tsv");
  EXPECT_EQ(tsv.substr(0, tsv.find('\n')), "id\tbegin\tend\tbytes\treason\texcerpt");
  EXPECT_NE(tsv.find("001_8f4123800503ebd0\t333\t350\t17\tnavigation\tGet short URL\n"), std::string::npos)
      << tsv;
  const auto run = nlohmann::json::parse(read_file(dir.path() / "run.json"));
  std::size_t removed = 0;
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    const auto& d = run["documents"][i];
    EXPECT_EQ(d["kept_bytes"].get<std::size_t>() + d["removed_bytes"].get<std::size_t>(),
              d["bytes"].get<std::size_t>());
    EXPECT_EQ(d["removed_bytes"].get<std::size_t>(), on->cleaning[i].removed_bytes());
    removed += d["removed_bytes"].get<std::size_t>();
  }
  EXPECT_GT(removed, 7000u);
  EXPECT_EQ(run["options"]["clean"]["enabled"], true);
  EXPECT_TRUE(run["timings"].contains("clean"));
  // One row per removed span, plus the header.
  std::size_t spans = 0;
  for (const Cleaning& c : on->cleaning) spans += c.removed.size();
  EXPECT_EQ(static_cast<std::size_t>(std::count(tsv.begin(), tsv.end(), '\n')), spans + 1);
}

TEST(PipelineCleaning, BadRulesFailTheRunWithFileAndLine) {
  TempDir dir;
  const auto rules = dir.path() / "bad.rules";
  testing::write_file(rules, "keep: ok\nsometimes: maybe\n");
  PipelineOptions o;
  o.clean.rules_path = rules.string();
  const Result<Analysis> a = analyze(seeds(), o);
  ASSERT_FALSE(a.is_ok());
  EXPECT_EQ(a.status().code(), StatusCode::kParseError);
  EXPECT_NE(a.status().message().find("bad.rules:2"), std::string::npos) << a.status().message();
  o.clean.min_outlet_docs = 0;
  EXPECT_EQ(validate(o).code(), StatusCode::kInvalidArgument);
}

TEST(CliCleaning, FlagsReachThePipeline) {
  const auto help = run_cli("analyze --help");
  EXPECT_NE(help.output.find("--no-clean"), std::string::npos);
  EXPECT_NE(help.output.find("--clean-rules"), std::string::npos);

  TempDir dir;
  const std::string seeds_dir = (source_dir() / "corpus/seeds").string();
  const auto plain =
      run_cli("analyze '" + seeds_dir + "' -o '" + (dir.path() / "off").string() + "' --no-clean");
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  EXPECT_EQ(read_file(dir.path() / "off/cleaning.tsv"), "id\tbegin\tend\tbytes\treason\texcerpt\n");

  const auto rules = dir.path() / "keep.rules";
  testing::write_file(rules, "keep: Get short URL\n");
  const auto kept = run_cli("analyze '" + seeds_dir + "' -o '" + (dir.path() / "kept").string() +
                            "' --clean-rules '" + rules.string() + "'");
  ASSERT_EQ(kept.exit_code, 0) << kept.output;
  const std::string tsv = read_file(dir.path() / "kept/cleaning.tsv");
  EXPECT_EQ(tsv.find("Get short URL"), std::string::npos);
  EXPECT_NE(tsv.find("Listen Live"), std::string::npos);

  testing::write_file(rules, "remove: /(/\n");
  const auto broken = run_cli("analyze '" + seeds_dir + "' -o '" + dir.path().string() + "' --clean-rules '" +
                              rules.string() + "'");
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.output.find("keep.rules:1"), std::string::npos) << broken.output;
  const auto missing =
      run_cli("analyze '" + seeds_dir + "' --clean-rules '" + (dir.path() / "nope").string() + "'");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
}

TEST(CliCleaning, TokenizeSkipsChromeUnlessAskedNotTo) {
  TempDir dir;
  const auto file = dir.path() / "page.txt";
  testing::write_file(
      file,
      "Get short URL\n\nThe minister said that the talks would go on next week in the capital, "
      "and that both sides had agreed on the timetable for the withdrawal.\n");
  const auto cleaned = run_cli("tokenize '" + file.string() + "'");
  ASSERT_EQ(cleaned.exit_code, 0) << cleaned.output;
  EXPECT_EQ(cleaned.output.find("\tshort\n"), std::string::npos) << cleaned.output;
  EXPECT_NE(cleaned.output.find("\tminister\n"), std::string::npos);
  const auto raw = run_cli("tokenize --no-clean '" + file.string() + "'");
  EXPECT_NE(raw.output.find("4\t9\tshort\n"), std::string::npos) << raw.output;
}

}  // namespace
}  // namespace echotrace
