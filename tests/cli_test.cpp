// End to end: the echotrace binary on tests/data, compared with expected files.
#include <gtest/gtest.h>

#include "test_util.h"

namespace echotrace {
namespace {

using testing::read_file;
using testing::run_cli;
using testing::source_dir;
using testing::TempDir;

TEST(Cli, AnalyzeTinyCorpusProducesTheExpectedFiles) {
  TempDir dir;
  const auto r = run_cli("analyze '" + (source_dir() / "tests/data/tiny/corpus.jsonl").string() + "' -o '" +
                         dir.path().string() + "' --threads 2");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // The 4-word document is reported on stderr, not silently scored.
  EXPECT_NE(r.output.find("'short' has 3 words"), std::string::npos) << r.output;
  for (const char* f : {"minhash_jaccard.csv", "minhash_jaccard.npy", "exact_jaccard.csv", "exact_jaccard.npy",
                        "tfidf_cosine.csv", "tfidf_cosine.npy", "pairs.tsv", "run.json"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.path() / f)) << f;
  }
  // wire/copy: 16 words, the last differs -> 11 of 12 shingles shared, 11/13.
  const std::string pairs = read_file(dir.path() / "pairs.tsv");
  EXPECT_NE(pairs.find("wire\tcopy\t"), std::string::npos);
  EXPECT_NE(pairs.find("\t0.846154\t"), std::string::npos) << pairs;
  EXPECT_EQ(pairs, read_file(source_dir() / "tests/golden/tiny/pairs.tsv"));
  EXPECT_EQ(read_file(dir.path() / "exact_jaccard.csv"), read_file(source_dir() / "tests/golden/tiny/exact_jaccard.csv"));
  EXPECT_EQ(read_file(dir.path() / "tfidf_cosine.csv"), read_file(source_dir() / "tests/golden/tiny/tfidf_cosine.csv"));
  const std::string run = read_file(dir.path() / "run.json");
  EXPECT_NE(run.find("\"num_perm\": 128"), std::string::npos);
  EXPECT_NE(run.find("\"documents\": 4"), std::string::npos);
}

TEST(Cli, ExitCodesAndMessages) {
  const auto help = run_cli("analyze --help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* opt : {"--shingle-size", "--num-perm", "--seed", "--threads", "--min-df", "--sublinear-tf"}) {
    EXPECT_NE(help.output.find(opt), std::string::npos) << opt;
  }
  const auto usage = run_cli("analyze --num-perm 0");
  EXPECT_EQ(usage.exit_code, 2) << usage.output;
  const auto unknown = run_cli("frobnicate");
  EXPECT_EQ(unknown.exit_code, 2);
  TempDir dir;
  const auto missing = run_cli("analyze '" + (dir.path() / "absent").string() + "' -o '" + dir.path().string() + "'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.output.find("NotFound"), std::string::npos) << missing.output;
  EXPECT_NE(missing.output.find("absent"), std::string::npos);
}

// phrases and analyze load Debian's word lists as their spelling dictionary
// unless told otherwise, and run.json says which words were used.
TEST(Cli, TheSpellingDictionaryIsRecordedAndCanBeChangedOrLeftOut) {
  TempDir dir;
  // "<verb> CORPUS -o DIR/<out> <extra>", appended piece by piece.
  const auto command = [&](const char* verb, const char* out, const std::string& extra) {
    std::string c = verb;
    c.append(" '").append((source_dir() / "tests/data/tiny/corpus.jsonl").string()).append("' -o '");
    c.append((dir.path() / out).string()).append("' ").append(extra);
    return c;
  };
  const auto defaults = run_cli(command("phrases", "a", ""));
  ASSERT_EQ(defaults.exit_code, 0) << defaults.output;
  const std::string run_a = read_file(dir.path() / "a" / "run.json");
  EXPECT_NE(run_a.find("/usr/share/dict/american-english"), std::string::npos) << run_a;
  EXPECT_NE(run_a.find("/usr/share/dict/british-english"), std::string::npos);

  const std::filesystem::path words = dir.path() / "words.txt";
  testing::write_file(words, "crimes\ncries\n");
  const auto custom = run_cli(command("phrases", "b", "--dictionary '" + words.string() + "'"));
  ASSERT_EQ(custom.exit_code, 0) << custom.output;
  const std::string run_b = read_file(dir.path() / "b" / "run.json");
  EXPECT_NE(run_b.find(words.string()), std::string::npos) << run_b;
  EXPECT_NE(run_b.find("\"words\": 2"), std::string::npos) << run_b;

  const auto none = run_cli(command("analyze", "c", "--no-dictionary"));
  ASSERT_EQ(none.exit_code, 0) << none.output;
  EXPECT_EQ(read_file(dir.path() / "c" / "run.json").find("\"dictionary\""), std::string::npos);

  const std::filesystem::path absent = dir.path() / "absent.txt";
  const auto missing = run_cli(command("phrases", "d", "--dictionary '" + absent.string() + "'"));
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("absent.txt"), std::string::npos) << missing.output;
}

TEST(Cli, TokenizePrintsSpans) {
  TempDir dir;
  testing::write_file(dir.path() / "t.txt", "Syria\u2019s de-escalation");
  const auto r = run_cli("tokenize '" + (dir.path() / "t.txt").string() + "'");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "begin\tend\ttoken\n0\t9\tsyria's\n10\t23\tde-escalation\n");
}

}  // namespace
}  // namespace echotrace
