// Talking-point files: the writers of phrase_report.h and the CLI commands
// that produce them (echotrace phrases, echotrace analyze).
#include <echotrace/phrase_report.h>
#include <echotrace/pipeline.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace echotrace {
namespace {

using testing::read_file;
using testing::run_cli;
using testing::source_dir;
using testing::TempDir;

// Runs python3 (Debian's, with numpy) on `script`, returning its output.
testing::CommandResult python(const std::string& script) {
  return testing::run_command(std::string("'") + ECHOTRACE_PYTHON + "' -c \"" + script + "\"");
}

TEST(PhraseReport, CliWritesEveryFileAndFindsTheWatchedFramings) {
  TempDir dir;
  testing::write_file(dir.path() / "watch.txt", "human shield\nnest of terrorism\n");
  const auto out = dir.path() / "out";
  const auto r = run_cli("phrases '" + (source_dir() / "corpus/seeds").string() + "' -o '" + out.string() +
                         "' --watch '" + (dir.path() / "watch.txt").string() + "' --threads 2");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* f : {"talking_points.json", "talking_points.csv", "occurrences.csv", "outlet_talking_points.csv",
                        "outlet_talking_points.npy", "outlet_similarity.csv", "outlet_similarity.npy", "run.json"}) {
    EXPECT_TRUE(std::filesystem::exists(out / f)) << f;
  }
  const std::string csv = read_file(out / "talking_points.csv");
  EXPECT_TRUE(csv.starts_with("rank,canonical,variants,tokens,score,"));
  EXPECT_NE(csv.find(",demilitarized zone,demilitarized zone:5;demilitarised zone:3,2,"), std::string::npos);
  const std::string occ = read_file(out / "occurrences.csv");
  EXPECT_NE(occ.find(",human shield,000_0027b050ed44bd7a,TASS,2020-02-22,"), std::string::npos) << occ.substr(0, 300);
  EXPECT_NE(occ.find(",quotation,nest of terrorism,nest of terrorism,"), std::string::npos);
  // The JSON parses, ranks from 1, and its occurrences carry exact text.
  const auto j = python(
      "import json; d = json.load(open('" + (out / "talking_points.json").string() +
      "')); t = d['talking_points']; w = [x for x in t if x['canonical'] == 'human shield'][0]; "
      "o = w['occurrences'][0]; "
      "print(d['documents'], t[0]['rank'], w['mined'], w['watch'], o['voice'], o['text'], o['end'] - o['begin'])");
  ASSERT_EQ(j.exit_code, 0) << j.output;
  EXPECT_EQ(j.output, "5 1 False ['human shield'] quotation human shield 12\n");
  // The outlet matrices load as 3 x 3 float32 arrays.
  const auto npy = python("import numpy as np; a = np.load('" + (out / "outlet_talking_points.npy").string() +
                          "'); s = np.load('" + (out / "outlet_similarity.npy").string() +
                          "'); print(a.shape, a.dtype, (a == a.T).all(), s.shape, bool(np.isnan(s[0, 0])))");
  ASSERT_EQ(npy.exit_code, 0) << npy.output;
  EXPECT_EQ(npy.output, "(3, 3) float32 True (3, 3) True\n");
  EXPECT_NE(read_file(out / "run.json").find("\"min_outlets\": 2"), std::string::npos);
}

// `echotrace phrases` on the seeds into `out`, with `flag value` added.
testing::CommandResult phrases_on_seeds(const std::filesystem::path& out, const std::string& flag,
                                        const std::string& value) {
  return run_cli("phrases '" + (source_dir() / "corpus/seeds").string() + "' -o '" + out.string() + "' " +
                 flag + " " + value);
}

TEST(PhraseReport, FilesAreByteIdenticalForAnyThreadCount) {
  TempDir dir;
  for (const char* threads : {"1", "3"}) {
    const auto r = phrases_on_seeds(dir.path() / threads, "--threads", threads);
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  for (const char* f : {"talking_points.json", "talking_points.csv", "occurrences.csv", "outlet_talking_points.csv",
                        "outlet_similarity.npy"}) {
    EXPECT_EQ(read_file(dir.path() / "1" / f), read_file(dir.path() / "3" / f)) << f;
  }
}

// The outlet similarity needs no n × n matrix: a corpus over --dense-limit
// documents (but not outlets) gets the same matrix.
TEST(PhraseReport, OutletSimilarityIsWrittenForCorporaOverTheDenseLimit) {
  TempDir dir;
  for (const char* limit : {"5000", "3"}) {
    const auto r = phrases_on_seeds(dir.path() / limit, "--dense-limit", limit);
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  // --no-cosine skips TF-IDF: the talking-point matrix only.
  const auto off = phrases_on_seeds(dir.path() / "off", "--no-cosine", "");
  ASSERT_EQ(off.exit_code, 0) << off.output;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "off" / "outlet_talking_points.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "off" / "outlet_similarity.csv"));
  EXPECT_EQ(read_file(dir.path() / "off" / "run.json").find("\"tfidf\""), std::string::npos);
  const std::string small = read_file(dir.path() / "5000" / "outlet_similarity.csv");
  EXPECT_NE(small.find("Sputnik,"), std::string::npos) << small;
  EXPECT_EQ(read_file(dir.path() / "3" / "outlet_similarity.csv"), small);
  EXPECT_EQ(read_file(dir.path() / "3" / "outlet_similarity.npy"),
            read_file(dir.path() / "5000" / "outlet_similarity.npy"));
}

TEST(PhraseReport, AnalyzeRunsThePhraseStageUnlessTurnedOff) {
  TempDir dir;
  const std::string seeds = (source_dir() / "corpus/seeds").string();
  const auto on = run_cli("analyze '" + seeds + "' -o '" + (dir.path() / "on").string() + "' --min-outlets 3");
  ASSERT_EQ(on.exit_code, 0) << on.output;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "on" / "talking_points.json"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "on" / "tfidf_cosine.csv"));
  const std::string run = read_file(dir.path() / "on" / "run.json");
  EXPECT_NE(run.find("\"min_outlets\": 3"), std::string::npos);
  EXPECT_NE(run.find("\"phrases\":"), std::string::npos);
  // With three outlets required every mined talking point names all three.
  const std::string csv = read_file(dir.path() / "on" / "talking_points.csv");
  EXPECT_EQ(csv.find(",2,?002"), std::string::npos);
  const auto off = run_cli("analyze '" + seeds + "' -o '" + (dir.path() / "off").string() + "' --no-phrases");
  ASSERT_EQ(off.exit_code, 0) << off.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "off" / "talking_points.json"));
  const auto bad = run_cli("phrases '" + seeds + "' --watch '" + (dir.path() / "absent.txt").string() + "'");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;  // CLI11 checks the file exists: a usage error
}

TEST(PhraseReport, CsvEscapesFieldsAndJsonHandlesAnEmptyReport) {
  TempDir dir;
  Corpus c;
  c.documents = {{.id = "a,1", .outlet = "O\"x", .text = "alpha beta, gamma"}};
  TalkingPointReport r;
  r.documents = 1;
  TalkingPoint tp;
  tp.canonical = "alpha beta";
  tp.variants = {{"alpha beta", 1}};
  tp.tokens = 2;
  tp.outlets = {"O\"x"};
  tp.documents = 1;
  Occurrence o;
  o.begin = 0;
  o.end = 10;
  o.length = 2;
  o.after = ", gamma";
  tp.occurrences = {o};
  r.talking_points = {tp};
  ASSERT_TRUE(write_occurrences_csv(dir.path() / "o.csv", r, c.documents).is_ok());
  EXPECT_EQ(read_file(dir.path() / "o.csv"),
            "rank,canonical,document,outlet,date,begin,end,voice,variant,text,before,after\n"
            "1,alpha beta,\"a,1\",\"O\"\"x\",,0,10,own,alpha beta,alpha beta,,\", gamma\"\n");
  ASSERT_TRUE(write_talking_points_json(dir.path() / "e.json", TalkingPointReport{}, {}).is_ok());
  EXPECT_NE(read_file(dir.path() / "e.json").find("\"talking_points\": []"), std::string::npos);
}

}  // namespace
}  // namespace echotrace
