// The spelling dictionary: loading word lists, case, repeats, errors.
#include <echotrace/word_list.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace echotrace {
namespace {

using testing::TempDir;
using testing::write_file;

TEST(WordList, LoadsWordsOfSeveralFilesInLowerCase) {
  TempDir dir;
  write_file(dir.path() / "a.txt", "Aaron\ncolor\r\n\nrivers  \n");
  write_file(dir.path() / "b.txt", "colour\ncolor\n");
  const std::vector<std::filesystem::path> files = {dir.path() / "a.txt", dir.path() / "b.txt"};
  const Result<WordList> list = WordList::load(files);
  ASSERT_TRUE(list.is_ok()) << list.status().to_string();
  EXPECT_EQ(list->size(), 4u);  // aaron, color, colour, rivers
  for (const char* w : {"aaron", "color", "colour", "rivers"}) EXPECT_TRUE(list->contains(w)) << w;
  EXPECT_FALSE(list->contains("Aaron"));  // words are looked up normalised (lower case)
  EXPECT_FALSE(list->contains("river"));
  EXPECT_FALSE(list->contains(""));
  EXPECT_EQ(list->files(), (std::vector<std::string>{files[0].string(), files[1].string()}));
  // The checksum is of the words, not of how they were split into files.
  EXPECT_EQ(list->checksum(), WordList::of({"rivers", "COLOUR", "color", "aaron"}).checksum());
  EXPECT_NE(list->checksum(), WordList::of({"rivers", "colour", "color"}).checksum());
}

// A word with accents is listed as the tokenizer spells it (NFKC, case
// folded) and without its accents, as news written in ASCII spells it.
TEST(WordList, AccentedWordsAreListedWithAndWithoutAccents) {
  const WordList list = WordList::of({"fiancé", "\u00C9lys\u00E9e", "Dvora\u0301k", "colour"});
  for (const char* w :
       {"fiancé", "fiance", "\u00E9lys\u00E9e", "elysee", "dvor\u00E1k", "dvorak", "colour"}) {
    EXPECT_TRUE(list.contains(w)) << w;
  }
  EXPECT_FALSE(list.contains("\u00C9lys\u00E9e"));  // looked up normalised: case folded
  EXPECT_FALSE(list.contains("Dvora\u0301k"));      // and composed (NFKC)
  EXPECT_EQ(list.size(), 7u);
  // The checksum is of the normal forms: the same list however it was written.
  EXPECT_EQ(list.checksum(),
            WordList::of({"colour", "FIANCÉ", "dvor\u00E1k", "\u00E9lys\u00E9e"}).checksum());
}

TEST(WordList, AMissingFileIsNamed) {
  TempDir dir;
  const std::vector<std::filesystem::path> files = {dir.path() / "absent.txt"};
  const Result<WordList> list = WordList::load(files);
  ASSERT_FALSE(list.is_ok());
  EXPECT_EQ(list.status().code(), StatusCode::kNotFound);
  EXPECT_NE(list.status().message().find("absent.txt"), std::string::npos) << list.status().to_string();
}

}  // namespace
}  // namespace echotrace
