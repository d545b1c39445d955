// Hostile inputs too large or too numerous to commit, generated at run time
// into a temporary folder: a 100 MB line, a 1 MB token, 10,000 identical
// documents, a flood of warnings, file names that are not UTF-8 or hold tabs.
// The small cases live in tests/data/hostile/cases.tsv.
#include <gtest/gtest.h>

#include <algorithm>

#include <fstream>

#include "process_util.h"

namespace echotrace {
namespace {

namespace fs = std::filesystem;
using testing::cat;
using testing::read_file;
using testing::run_cli_measured;
using testing::TempDir;
using testing::write_file;

// AddressSanitizer keeps freed memory in quarantine and adds shadow memory, so
// resident-memory bounds only hold in a normal build.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

constexpr const char* kArticle =
    "Russia will never put up with the presence of terrorists in Idlib, the deputy foreign minister said "
    "on Tuesday after talks in Moscow.";
constexpr const char* kOther =
    "Turkey is responsible for guaranteeing the ceasefire agreed in Sochi last year, the ministry said.";

std::string jsonl_line(const std::string& id, const std::string& text) {
  return cat("{\"id\":\"", id, "\",\"text\":\"", text, "\"}\n");
}

// Appends `count` copies of `unit` to `out`, in chunks.
void append_repeated(std::ofstream& out, const std::string& unit, std::size_t count) {
  std::string chunk;
  const std::size_t per_chunk = std::max<std::size_t>(1, (1 << 20) / unit.size());
  for (std::size_t i = 0; i < per_chunk; ++i) chunk += unit;
  for (std::size_t done = 0; done < count; done += per_chunk) {
    const std::size_t n = std::min(per_chunk, count - done);
    out.write(chunk.data(), static_cast<std::streamsize>(n * unit.size()));
  }
}

std::vector<std::string> analyze_args(const fs::path& input, const fs::path& out,
                                      std::vector<std::string> extra = {}) {
  std::vector<std::string> a{"analyze", input.string(), "-o", out.string()};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

TEST(HostileGenerated, A100MegabyteLineIsSkippedWithoutBeingHeld) {
  TempDir tmp;
  const fs::path input = tmp.path() / "huge.jsonl";
  {
    std::ofstream out(input, std::ios::binary);
    out << jsonl_line("a", kArticle) << "{\"id\":\"huge\",\"text\":\"";
    append_repeated(out, "word ", 20u << 20);  // 100 MiB of text on one line
    out << "\"}\n" << jsonl_line("b", kOther);
  }
  ASSERT_GT(fs::file_size(input), 100u << 20);
  const auto r = run_cli_measured(analyze_args(input, tmp.path() / "out"), tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(
                cat(input.string(), ":2: skipped: line of 104857623 bytes exceeds max_doc_bytes = 52428800")),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("analysed 2 documents (1 skipped"), std::string::npos) << r.output;
  EXPECT_NE(read_file(tmp.path() / "out" / "run.json").find("\"skipped\": 1"), std::string::npos);
  // The line is dropped chunk by chunk: memory stays near the 50 MiB limit,
  // far below the line's 100 MiB.
  std::cout << "peak RSS reading a 100 MiB line: " << r.max_rss_kb / 1024 << " MiB\n";
  ASSERT_GT(r.max_rss_kb, 0) << r.output;
  if (!kSanitized) {
    EXPECT_LT(r.max_rss_kb, 96 * 1024) << "peak RSS " << r.max_rss_kb << " kB";
  }

  const auto strict = run_cli_measured(analyze_args(input, tmp.path() / "out2", {"--strict"}), tmp.path());
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.output.find(cat("ParseError: ", input.string(), ":2: line of 104857623 bytes")),
            std::string::npos)
      << strict.output;
  EXPECT_FALSE(fs::exists(tmp.path() / "out2"));
}

TEST(HostileGenerated, AnOversizedTextFileIsSkippedUnread) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "corpus";
  fs::create_directories(dir);
  write_file(dir / "a.txt", kArticle);
  write_file(dir / "b.txt", kOther);
  {
    std::ofstream out(dir / "huge.txt", std::ios::binary);
    append_repeated(out, "word ", 24u << 20);  // 120 MiB
  }
  const auto r = run_cli_measured(analyze_args(dir, tmp.path() / "out"), tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("huge.txt: skipped: file of 125829120 bytes exceeds max_doc_bytes"),
            std::string::npos)
      << r.output;
  ASSERT_GT(r.max_rss_kb, 0) << r.output;
  if (!kSanitized) {
    EXPECT_LT(r.max_rss_kb, 64 * 1024) << "peak RSS " << r.max_rss_kb << " kB";
  }
}

TEST(HostileGenerated, AOneMegabyteTokenIsOneWord) {
  TempDir tmp;
  const fs::path input = tmp.path() / "token.jsonl";
  // ASCII and Cyrillic (2 bytes a letter, through ICU normalisation) giants.
  const std::string ascii(1 << 20, 'x');
  std::string cyrillic;
  for (int i = 0; i < (1 << 19); ++i) cyrillic += "\u0416";
  write_file(input, jsonl_line("plain", kArticle) + jsonl_line("ascii", cat(kArticle, " ", ascii)) +
                        jsonl_line("cyrillic", cat(cyrillic, " ", kArticle)));
  const auto r = run_cli_measured(analyze_args(input, tmp.path() / "out", {"--threads", "2"}), tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string run = read_file(tmp.path() / "out" / "run.json");
  // kArticle has 23 words and 19 shingles; each giant adds exactly one word
  // and one shingle (and its bytes).
  // (Cleaning removes nothing here: kept_bytes equals bytes.)
  EXPECT_NE(run.find("\"bytes\": 133,\n      \"kept_bytes\": 133,\n      \"removed_bytes\": 0,\n      "
                     "\"tokens\": 23,\n      \"shingles\": 19"),
            std::string::npos)
      << run;
  const std::string giant =
      "\"bytes\": 1048710,\n      \"kept_bytes\": 1048710,\n      \"removed_bytes\": 0,\n      "
      "\"tokens\": 24,\n      \"shingles\": 20";
  EXPECT_NE(run.find(giant), std::string::npos);
  EXPECT_NE(run.rfind(giant), run.find(giant));  // both giants
  // Shared shingles: 19 of 20 with plain (0.95); 19 of 21 between the giants,
  // one at the end and one at the start of the article (0.904762).
  const std::string pairs = read_file(tmp.path() / "out" / "pairs.tsv");
  EXPECT_NE(pairs.find("plain\tascii\t"), std::string::npos);
  EXPECT_NE(pairs.find("plain\tcyrillic\t"), std::string::npos);
  EXPECT_NE(pairs.find("\t0.950000\t"), std::string::npos) << pairs;
  EXPECT_NE(pairs.find("ascii\tcyrillic\t"), std::string::npos);
  EXPECT_NE(pairs.find("\t0.904762\t"), std::string::npos) << pairs;
}

// Above --dense-limit the sparse path runs: the 10,000 identical documents
// share every LSH bucket, each bucket becomes a star (max_bucket_pairs_size),
// and all of them form one near-duplicate cluster. Cosine and phrases are off:
// exact all-pairs cosine would rightly list all 50 million pairs.
TEST(HostileGenerated, TenThousandIdenticalDocumentsFormOneCluster) {
  TempDir tmp;
  const fs::path input = tmp.path() / "same.jsonl";
  std::string body;
  for (int i = 0; i < 10000; ++i) body += jsonl_line(cat("d", std::to_string(i)), kArticle);
  write_file(input, body);
  const auto r = run_cli_measured(analyze_args(input, tmp.path() / "out", {"--no-cosine", "--no-phrases"}),
                                  tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("10000 documents exceed the dense-matrix limit of 5000"), std::string::npos) << r.output;
  const std::string clusters = read_file(tmp.path() / "out" / "clusters.tsv");
  EXPECT_EQ(std::count(clusters.begin(), clusters.end(), '\n'), 10001);
  EXPECT_NE(clusters.find("d9999\t0\td0\t1.000000\t0\t10000\n"), std::string::npos);
  const std::string run = read_file(tmp.path() / "out" / "run.json");
  EXPECT_NE(run.find("\"clusters_with_duplicates\": 1,"), std::string::npos) << run;
  EXPECT_EQ(run.find("\"oversized_buckets\": 0"), std::string::npos);
}

TEST(HostileGenerated, IdenticalDocumentsScoreOneEverywhere) {
  TempDir tmp;
  const fs::path input = tmp.path() / "same.jsonl";
  constexpr int kDocs = 300;
  std::string body;
  for (int i = 0; i < kDocs; ++i) body += jsonl_line(cat("d", std::to_string(i)), kArticle);
  write_file(input, body);
  const auto r = run_cli_measured(analyze_args(input, tmp.path() / "out", {"--threads", "2"}), tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string pairs = read_file(tmp.path() / "out" / "pairs.tsv");
  std::size_t rows = 0;
  std::size_t pos = pairs.find('\n') + 1;  // after the header
  while (pos < pairs.size()) {
    const std::size_t end = pairs.find('\n', pos);
    const std::string row = pairs.substr(pos, end - pos);
    ASSERT_NE(row.find("\t1.000000\t1.000000\t1.000000"), std::string::npos) << row;
    ++rows;
    pos = end + 1;
  }
  EXPECT_EQ(rows, static_cast<std::size_t>(kDocs * (kDocs - 1) / 2));
  // The first pairs by index, ties broken by (a, b).
  EXPECT_EQ(pairs.substr(0, pairs.find('\n', pairs.find('\n') + 1) + 1),
            "id_a\tid_b\tminhash_jaccard\texact_jaccard\tcosine\tfound_by\n"
            "d0\td1\t1.000000\t1.000000\t1.000000\tdense\n");
}

TEST(HostileGenerated, AFloodOfWarningsIsCappedOnStderrButListedInFull) {
  TempDir tmp;
  const fs::path input = tmp.path() / "noisy.jsonl";
  std::string body = jsonl_line("a", kArticle) + jsonl_line("b", kOther);
  for (int i = 0; i < 30; ++i) body += "{broken\n";
  write_file(input, body);
  const auto r = run_cli_measured(analyze_args(input, tmp.path() / "out"), tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::size_t shown = 0;
  for (std::size_t at = r.output.find("warning:"); at != std::string::npos;
       at = r.output.find("warning:", at + 1)) {
    ++shown;
  }
  EXPECT_EQ(shown, 20u) << r.output;
  EXPECT_NE(r.output.find(
                cat("... and 10 more warnings, all listed in ", (tmp.path() / "out").string(), "/run.json")),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("analysed 2 documents (30 skipped, 30 warnings)"), std::string::npos) << r.output;
  const std::string run = read_file(tmp.path() / "out" / "run.json");
  EXPECT_NE(run.find("\"warnings\": 30"), std::string::npos);
  EXPECT_NE(run.find(cat(input.string(), ":32")), std::string::npos);  // the last one
}

TEST(HostileGenerated, FileNamesThatAreNotUtf8OrHoldTabsMakeValidOutputs) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "corpus";
  fs::create_directories(dir);
  write_file(dir / "caf\xE9.txt", kArticle);
  write_file(dir / "tab\there, comma.txt", kArticle);
  write_file(dir / "plain.txt", kOther);
  const auto r = run_cli_measured(analyze_args(dir, tmp.path() / "out"), tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("file name is not valid UTF-8: id 'caf\uFFFD'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 ill-formed UTF-8 sequence replaced"), std::string::npos) << r.output;
  // Python's csv module reads the ids back from pairs.tsv and the CSV, and
  // run.json is valid JSON.
  const std::string check =
      cat("import csv, json, sys\n"
          "d = sys.argv[1]\n"
          "rows = list(csv.reader(open(d + '/pairs.tsv', newline='', encoding='utf-8'), delimiter='\\t'))\n"
          "assert rows[1][:2] == ['caf\\ufffd', 'tab\\there, comma'], rows[1]\n"
          "head = next(csv.reader(open(d + '/exact_jaccard.csv', newline='', encoding='utf-8')))\n"
          "assert head == ['id', 'caf\\ufffd', 'plain', 'tab\\there, comma'], head\n"
          "ids = [doc['id'] for doc in json.load(open(d + '/run.json', encoding='utf-8'))['documents']]\n"
          "assert ids == head[1:], ids\n");
  write_file(tmp.path() / "check.py", check);
  const auto py = testing::run_command(cat("'", ECHOTRACE_PYTHON, "' '", (tmp.path() / "check.py").string(),
                                           "' '", (tmp.path() / "out").string(), "'"));
  EXPECT_EQ(py.exit_code, 0) << py.output;
}

TEST(HostileGenerated, TokenizeRefusesAFolderAndReadsBinaryBytesSafely) {
  TempDir tmp;
  const auto folder = run_cli_measured({"tokenize", tmp.path().string()}, tmp.path());
  EXPECT_EQ(folder.exit_code, 1);
  EXPECT_NE(folder.output.find("is a folder; tokenize reads one text file"), std::string::npos)
      << folder.output;
  write_file(tmp.path() / "bytes.bin", std::string("a\0b \xFF\xFE c\xC3", 9));
  const auto binary = run_cli_measured({"tokenize", (tmp.path() / "bytes.bin").string()}, tmp.path());
  EXPECT_EQ(binary.exit_code, 0);
  EXPECT_EQ(binary.output, "begin\tend\ttoken\n0\t1\ta\n2\t3\tb\n7\t8\tc\n");
}

}  // namespace
}  // namespace echotrace
