#include <echotrace/io.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace echotrace {
namespace {

using testing::TempDir;
using testing::write_file;

TEST(ReadCorpus, SeedFolderWithManifest) {
  const Result<Corpus> c = read_corpus(testing::source_dir() / "corpus/seeds");
  ASSERT_TRUE(c.is_ok()) << c.status().to_string();
  ASSERT_EQ(c->documents.size(), 5u);
  const Document& d0 = c->documents[0];
  EXPECT_EQ(d0.id, "000_0027b050ed44bd7a");
  EXPECT_EQ(d0.outlet, "TASS");
  EXPECT_EQ(d0.date, "2020-02-22");
  const Document& d2 = c->documents[2];
  EXPECT_EQ(d2.outlet, "");  // unattributed
  EXPECT_EQ(d2.title, "Russia: Amidst an eroding situation, it's Turkey's Job to Guarantee Idlib Ceasefire");
  EXPECT_EQ(c->documents[3].date, "");
  EXPECT_EQ(outlet_key(d0), "TASS");
  EXPECT_EQ(outlet_key(d2), "?002_5c4f401af33235dc");  // an outlet of its own
  EXPECT_TRUE(c->diagnostics.empty());
}

TEST(ReadCorpus, JsonLinesPlainAndZstd) {
  TempDir dir;
  const std::string jsonl =
      "{\"id\":\"a\",\"outlet\":\"TASS\",\"date\":\"2020-01-02\",\"text\":\"Hello \\u201cworld\\u201d\",\"extra\":[1,2]}\n"
      "\n"
      "{\"id\":7,\"text\":\"numeric id\",\"title\":null}\r\n"
      "{\"text\":\"no id\"}";
  write_file(dir.path() / "c.jsonl", jsonl);
  const Result<Corpus> c = read_corpus(dir.path() / "c.jsonl");
  ASSERT_TRUE(c.is_ok()) << c.status().to_string();
  ASSERT_EQ(c->documents.size(), 3u);
  EXPECT_EQ(c->documents[0].text, "Hello \u201cworld\u201d");
  EXPECT_EQ(c->documents[0].outlet, "TASS");
  EXPECT_EQ(c->documents[1].id, "7");
  EXPECT_EQ(c->documents[2].id, "line-4");
  EXPECT_EQ(c->documents[2].origin, (dir.path() / "c.jsonl").string() + ":4");

  const auto zst = testing::run_command("zstd -q -f '" + (dir.path() / "c.jsonl").string() + "' -o '" +
                                        (dir.path() / "c.jsonl.zst").string() + "'");
  ASSERT_EQ(zst.exit_code, 0) << zst.output;
  const Result<Corpus> z = read_corpus(dir.path() / "c.jsonl.zst");
  ASSERT_TRUE(z.is_ok()) << z.status().to_string();
  ASSERT_EQ(z->documents.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(z->documents[i].text, c->documents[i].text);
}

TEST(ReadCorpus, BadJsonLineIsSkippedWithItsLineOrFailsWhenStrict) {
  TempDir dir;
  const auto path = dir.path() / "bad.jsonl";
  write_file(path,
             "{\"id\":\"a\",\"text\":\"fine\"}\n"
             "{\"id\":\"b\",\"text\":\"broken\"\n"
             "{\"id\":\"c\",\"title\":\"no text\"}\n"
             "{\"id\":\"d\",\"text\":42}\n"
             "[1,2]\n"
             "{\"id\":\"e\",\"text\":\"also fine\"}\n");
  const Result<Corpus> lenient = read_corpus(path);
  ASSERT_TRUE(lenient.is_ok());
  ASSERT_EQ(lenient->documents.size(), 2u);
  EXPECT_EQ(lenient->documents[1].id, "e");
  ASSERT_EQ(lenient->diagnostics.size(), 4u);
  EXPECT_EQ(lenient->diagnostics[0].where, path.string() + ":2");
  EXPECT_NE(lenient->diagnostics[1].message.find("missing 'text'"), std::string::npos);
  EXPECT_NE(lenient->diagnostics[2].message.find("'text' must be a string"), std::string::npos);
  EXPECT_EQ(lenient->diagnostics[3].where, path.string() + ":5");

  const Result<Corpus> strict = read_corpus(path, {.strict = true});
  ASSERT_FALSE(strict.is_ok());
  EXPECT_EQ(strict.status().code(), StatusCode::kParseError);
  EXPECT_NE(strict.status().message().find("bad.jsonl:2:"), std::string::npos) << strict.status().message();
}

TEST(ReadCorpus, ErrorsNameTheFileAndLine) {
  TempDir dir;
  const Result<Corpus> missing = read_corpus(dir.path() / "nope");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("nope"), std::string::npos);

  write_file(dir.path() / "dup.jsonl", "{\"id\":\"x\",\"text\":\"a\"}\n{\"id\":\"x\",\"text\":\"b\"}\n");
  const Result<Corpus> dup = read_corpus(dir.path() / "dup.jsonl");
  ASSERT_FALSE(dup.is_ok());
  EXPECT_NE(dup.status().message().find("dup.jsonl:2"), std::string::npos) << dup.status().message();
  EXPECT_NE(dup.status().message().find("dup.jsonl:1"), std::string::npos);

  const auto folder = dir.path() / "articles";
  std::filesystem::create_directory(folder);
  write_file(folder / "a.txt", "text");
  write_file(folder / "manifest.csv", "file,outlet,date,title\na.txt,TASS,,\nb.txt,RT,,\n");
  const Result<Corpus> gone = read_corpus(folder);
  ASSERT_FALSE(gone.is_ok());
  EXPECT_EQ(gone.status().code(), StatusCode::kNotFound);
  EXPECT_NE(gone.status().message().find("manifest.csv:3"), std::string::npos) << gone.status().message();

  write_file(folder / "manifest.csv", "file,outlet,date,title\na.txt,\"TASS,2020\n");
  const Result<Corpus> quote = read_corpus(folder);
  ASSERT_FALSE(quote.is_ok());
  EXPECT_EQ(quote.status().code(), StatusCode::kParseError);
  EXPECT_NE(quote.status().message().find("manifest.csv:2"), std::string::npos) << quote.status().message();
}

TEST(ReadCorpus, RepairsEncodingAndCountsIt) {
  TempDir dir;
  write_file(dir.path() / "a.txt", "\xEF\xBB\xBFok \xFF\xFE bytes");
  const Result<Corpus> c = read_corpus(dir.path());
  ASSERT_TRUE(c.is_ok());
  EXPECT_EQ(c->documents[0].text, "ok \uFFFD\uFFFD bytes");
  ASSERT_EQ(c->diagnostics.size(), 1u);
  EXPECT_NE(c->diagnostics[0].message.find("replaced 2"), std::string::npos);
}

// A reused Document must come back exactly as a fresh one: fields a line
// lacks are cleared, not left from the line before, and a line repaired on
// the slow path (a lone surrogate escape, a byte-order mark) reads the same.
TEST(JsonlReader, NextIntoReusedDocumentEqualsNext) {
  TempDir dir;
  const auto path = dir.path() / "reuse.jsonl";
  write_file(path,
             "{\"id\":\"a\",\"outlet\":\"TASS\",\"date\":\"2020-01-02\",\"title\":\"T\",\"url\":\"u\",\"text\":\"long first text\"}\n"
             "{\"text\":\"bare\"}\n"
             "{\"id\":\"c\",\"text\":\"lone \\ud800 escape, pair \\ud83d\\ude00, \\\\ud800 not one\"}\n"
             "{\"id\":\"d\",\"outlet\":\"RT\",\"text\":\"broken\"\n"
             "\xEF\xBB\xBF{\"id\":\"e\",\"title\":null,\"text\":\"after a bad line\"}\n");
  auto by_next = JsonlReader::open(path);
  auto by_into = JsonlReader::open(path);
  ASSERT_TRUE(by_next.is_ok() && by_into.is_ok());
  Document reused;
  std::size_t read = 0;
  while (true) {
    Result<std::optional<Document>> fresh = (*by_next)->next();
    Result<bool> more = (*by_into)->next_into(reused);
    ASSERT_TRUE(fresh.is_ok() && more.is_ok());
    ASSERT_EQ(fresh->has_value(), *more);
    if (!*more) break;
    const Document& f = **fresh;
    EXPECT_EQ(reused.id, f.id);
    EXPECT_EQ(reused.outlet, f.outlet);
    EXPECT_EQ(reused.date, f.date);
    EXPECT_EQ(reused.title, f.title);
    EXPECT_EQ(reused.url, f.url);
    EXPECT_EQ(reused.text, f.text);
    EXPECT_EQ(reused.origin, f.origin);
    ++read;
  }
  EXPECT_EQ(read, 4u);  // the unterminated object is skipped by both
  EXPECT_EQ((*by_into)->diagnostics().size(), (*by_next)->diagnostics().size());
}

}  // namespace
}  // namespace echotrace
