// read_corpus on hostile input at the library level: renaming duplicate ids,
// counting repairs and skips, option checks. The CLI-level matrix is
// hostile_input_test.cpp.
#include <echotrace/io.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace echotrace {
namespace {

using testing::TempDir;
using testing::write_file;

std::vector<std::string> ids(const Corpus& c) {
  std::vector<std::string> out;
  for (const Document& d : c.documents) out.push_back(d.id);
  return out;
}

TEST(ReadHostile, DuplicateIdsAreRenamedToUnusedNamesInInputOrder) {
  TempDir tmp;
  const auto path = tmp.path() / "dup.jsonl";
  write_file(path,
             "{\"id\":\"a\",\"text\":\"1\"}\n{\"id\":\"a\",\"text\":\"2\"}\n{\"id\":\"a#2\",\"text\":\"3\"}\n"
             "{\"id\":\"a\",\"text\":\"4\"}\n{\"id\":\"a#2\",\"text\":\"5\"}\n");
  const Result<Corpus> c = read_corpus(path, {.dedupe_ids = true});
  ASSERT_TRUE(c.is_ok()) << c.status().to_string();
  EXPECT_EQ(ids(*c), (std::vector<std::string>{"a", "a#3", "a#2", "a#4", "a#2#2"}));
  EXPECT_EQ(c->counts.ids_renamed, 3u);
  ASSERT_EQ(c->diagnostics.size(), 3u);
  EXPECT_EQ(c->diagnostics[0].where, path.string() + ":2");
  EXPECT_EQ(c->diagnostics[0].message,
            "renamed duplicate id 'a' to 'a#3' (first at " + path.string() + ":1)");

  const Result<Corpus> strict = read_corpus(path);
  ASSERT_FALSE(strict.is_ok());
  EXPECT_EQ(strict.status().code(), StatusCode::kInvalidArgument);
}

TEST(ReadHostile, RepairsAndSkipsAreCounted) {
  TempDir tmp;
  const auto path = tmp.path() / "c.jsonl";
  write_file(path,
             "{\"id\":\"a\",\"text\":\"bad \xFF byte\"}\n"
             "{\"id\":\"b\",\"text\":\"two \xC3 \xE2\x82 bad\"}\n"
             "not json\n"
             "{\"id\":\"c\",\"text\":\"nul \\u0000 inside\"}\n"
             "{\"id\":\"d\",\"text\":\"fine\"}\n");
  auto reader = JsonlReader::open(path);
  ASSERT_TRUE(reader.is_ok());
  std::size_t docs = 0;
  while (true) {
    auto d = (*reader)->next();
    ASSERT_TRUE(d.is_ok());
    if (!d->has_value()) break;
    ++docs;
  }
  EXPECT_EQ(docs, 3u);
  EXPECT_EQ((*reader)->counts().skipped, 2u);
  EXPECT_EQ((*reader)->counts().utf8_repaired, 3u);
  const Result<Corpus> c = read_corpus(path);
  ASSERT_TRUE(c.is_ok());
  EXPECT_EQ(c->counts.skipped, 2u);
  EXPECT_EQ(c->counts.utf8_repaired, 3u);
  EXPECT_EQ(c->documents[1].text, "two \uFFFD \uFFFD bad");
}

TEST(ReadHostile, LoneSurrogateEscapesBecomeReplacementCharacters) {
  TempDir tmp;
  const auto path = tmp.path() / "s.jsonl";
  // A lone high, a lone low, a valid pair, and an escaped backslash before "ud800".
  write_file(path, "{\"id\":\"x\",\"text\":\"a\\ud800b \\udc00 \\ud83d\\ude00 \\\\ud800\"}\n");
  const Result<Corpus> c = read_corpus(path);
  ASSERT_TRUE(c.is_ok()) << c.status().to_string();
  ASSERT_EQ(c->documents.size(), 1u);
  EXPECT_EQ(c->documents[0].text, "a\uFFFDb \uFFFD \U0001F600 \\ud800");
  EXPECT_EQ(c->counts.utf8_repaired, 2u);
  EXPECT_EQ(c->counts.skipped, 0u);
}

// Most lines are parsed where the line reader holds them; a line with a
// byte-order mark, ill-formed UTF-8 or a surrogate escape (even in a field
// that is not read) is repaired first, and counted, exactly as before.
TEST(ReadHostile, LinesNeedingRepairAreRepairedWhateverTheirNeighbours) {
  TempDir tmp;
  const auto path = tmp.path() / "r.jsonl";
  write_file(path,
             "\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"bom\"}\n"
             "{\"id\":\"b\",\"note\":\"\\udc00\",\"text\":\"ignored field\"}\n"
             "{\"id\":\"c\",\"text\":\"in \\\"place\\\"\"}\n"
             "{\"id\":\"d\",\"text\":\"bad \xFF\"}");
  const Result<Corpus> c = read_corpus(path);
  ASSERT_TRUE(c.is_ok()) << c.status().to_string();
  ASSERT_EQ(c->documents.size(), 4u);
  EXPECT_EQ(c->documents[0].text, "bom");
  EXPECT_EQ(c->documents[1].text, "ignored field");
  EXPECT_EQ(c->documents[2].text, "in \"place\"");
  EXPECT_EQ(c->documents[3].text, "bad \uFFFD");
  EXPECT_EQ(c->counts.utf8_repaired, 2u);
  EXPECT_EQ(c->counts.skipped, 0u);
}

TEST(ReadHostile, MaxDocBytesIsChecked) {
  TempDir tmp;
  write_file(tmp.path() / "a.txt", "text");
  EXPECT_EQ(read_corpus(tmp.path(), {.max_doc_bytes = 0}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(read_corpus(tmp.path(), {.max_doc_bytes = kMaxDocBytesLimit + 1}).status().code(),
            StatusCode::kInvalidArgument);
  // The limit is inclusive: a 4-byte file fits max_doc_bytes = 4.
  const Result<Corpus> fits = read_corpus(tmp.path(), {.max_doc_bytes = 4});
  ASSERT_TRUE(fits.is_ok());
  EXPECT_EQ(fits->documents.size(), 1u);
  const Result<Corpus> over = read_corpus(tmp.path(), {.max_doc_bytes = 3});
  ASSERT_TRUE(over.is_ok());
  EXPECT_TRUE(over->documents.empty());
  EXPECT_EQ(over->counts.skipped, 1u);
}

TEST(ReadHostile, ManifestRowsForFilesThatAreNotDocumentsAreReported) {
  TempDir tmp;
  write_file(tmp.path() / "a.txt", "text");
  write_file(tmp.path() / "notes.md", "not an article");
  write_file(tmp.path() / "manifest.csv", "file,outlet,date,title\na.txt,TASS,,\nnotes.md,RT,,\n");
  const Result<Corpus> c = read_corpus(tmp.path());
  ASSERT_TRUE(c.is_ok()) << c.status().to_string();
  ASSERT_EQ(c->diagnostics.size(), 1u);
  EXPECT_EQ(c->diagnostics[0].where, (tmp.path() / "manifest.csv").string() + ":3");
  EXPECT_NE(c->diagnostics[0].message.find("not a .txt file"), std::string::npos);
}

TEST(ReadHostile, ATxtEntryThatIsNotAFileIsSkipped) {
  TempDir tmp;
  write_file(tmp.path() / "a.txt", "text");
  std::filesystem::create_directory(tmp.path() / "folder.txt");
  std::filesystem::create_symlink(tmp.path() / "nowhere", tmp.path() / "dangling.txt");
  const Result<Corpus> c = read_corpus(tmp.path());
  ASSERT_TRUE(c.is_ok()) << c.status().to_string();
  EXPECT_EQ(ids(*c), (std::vector<std::string>{"a"}));
  EXPECT_EQ(c->counts.skipped, 2u);
  EXPECT_EQ(read_corpus(tmp.path(), {.strict = true}).status().code(), StatusCode::kParseError);
}

}  // namespace
}  // namespace echotrace
