// internal::OutputStage: an output folder replaced as a whole.
#include "internal/output_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal/atomic_file.h"
#include "test_util.h"

namespace echotrace::internal {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

// Names in `dir`, sorted.
std::vector<std::string> names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

ino_t inode(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_ino;
}

TEST(OutputStage, CreatesAMissingFolderInOneRename) {
  TempDir tmp;
  const fs::path out = tmp.path() / "a" / "out";
  auto stage = OutputStage::begin(out);
  ASSERT_TRUE(stage.is_ok()) << stage.status().to_string();
  EXPECT_EQ((*stage)->path().parent_path(), out.parent_path());
  EXPECT_FALSE(fs::exists(out));  // nothing visible before commit
  ASSERT_TRUE(write_file_atomically((*stage)->path() / "run.json", "{}").is_ok());
  ASSERT_TRUE((*stage)->commit("run.json").is_ok());
  EXPECT_EQ((*stage)->used_mode(), OutputStage::Mode::kSwap);
  EXPECT_EQ(names(out), (std::vector<std::string>{"run.json"}));
  EXPECT_EQ(names(out.parent_path()), (std::vector<std::string>{"out"}));  // no staging left
}

TEST(OutputStage, SwapsAnExistingFolderAndKeepsFilesItDidNotWrite) {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  fs::create_directories(out / "sub");
  write_file(out / "pairs.tsv", "old pairs");
  write_file(out / "run.json", "old run");
  write_file(out / "NOTES.md", "mine");
  write_file(out / "sub" / "x", "nested");
  const ino_t notes = inode(out / "NOTES.md");
  auto stage = OutputStage::begin(out);
  ASSERT_TRUE(stage.is_ok());
  ASSERT_TRUE(write_file_atomically((*stage)->path() / "pairs.tsv", "new pairs").is_ok());
  ASSERT_TRUE(write_file_atomically((*stage)->path() / "run.json", "new run").is_ok());
  EXPECT_EQ(read_file(out / "pairs.tsv"), "old pairs");  // untouched until commit
  ASSERT_TRUE((*stage)->commit("run.json").is_ok());
  EXPECT_EQ((*stage)->used_mode(), OutputStage::Mode::kSwap);
  EXPECT_EQ(read_file(out / "pairs.tsv"), "new pairs");
  EXPECT_EQ(read_file(out / "run.json"), "new run");
  EXPECT_EQ(read_file(out / "NOTES.md"), "mine");
  EXPECT_EQ(inode(out / "NOTES.md"), notes);  // carried over as a link, not copied
  EXPECT_EQ(read_file(out / "sub" / "x"), "nested");
  EXPECT_EQ(names(tmp.path()), (std::vector<std::string>{"out"}));
}

TEST(OutputStage, AbandonedStageLeavesTheFolderAsItWas) {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  fs::create_directories(out);
  write_file(out / "run.json", "old run");
  {
    auto stage = OutputStage::begin(out);
    ASSERT_TRUE(stage.is_ok());
    ASSERT_TRUE(write_file_atomically((*stage)->path() / "run.json", "new run").is_ok());
  }  // a failed run: no commit
  EXPECT_EQ(read_file(out / "run.json"), "old run");
  EXPECT_EQ(names(tmp.path()), (std::vector<std::string>{"out"}));
}

TEST(OutputStage, InPlaceModeMovesTheRecordLast) {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  fs::create_directories(out);
  write_file(out / "a.csv", "old a");
  write_file(out / "run.json", "old run");
  write_file(out / "keep.txt", "keep");
  auto stage = OutputStage::begin(out);
  ASSERT_TRUE(stage.is_ok());
  for (const char* f : {"a.csv", "b.csv", "run.json"}) {
    ASSERT_TRUE(write_file_atomically((*stage)->path() / f, std::string("new ") + f).is_ok());
  }
  ASSERT_TRUE((*stage)->commit("run.json", OutputStage::Mode::kInPlace).is_ok());
  EXPECT_EQ((*stage)->used_mode(), OutputStage::Mode::kInPlace);
  EXPECT_EQ(names(out), (std::vector<std::string>{"a.csv", "b.csv", "keep.txt", "run.json"}));
  EXPECT_EQ(read_file(out / "a.csv"), "new a.csv");
  EXPECT_EQ(read_file(out / "run.json"), "new run.json");
  EXPECT_EQ(names(tmp.path()), (std::vector<std::string>{"out"}));
}

TEST(OutputStage, TheWorkingDirectoryIsUpdatedInPlace) {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  fs::create_directories(out / "deeper");
  const fs::path before = fs::current_path();
  fs::current_path(out / "deeper");  // swapping `out` would strand the working directory
  auto stage = OutputStage::begin(out);
  ASSERT_TRUE(stage.is_ok());
  ASSERT_TRUE(write_file_atomically((*stage)->path() / "run.json", "new").is_ok());
  const Status s = (*stage)->commit("run.json");
  const bool cwd_alive = fs::exists(fs::current_path() / ".");
  fs::current_path(before);
  ASSERT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ((*stage)->used_mode(), OutputStage::Mode::kInPlace);
  EXPECT_TRUE(cwd_alive);
  EXPECT_EQ(read_file(out / "run.json"), "new");
}

TEST(OutputStage, RemovesStagingFoldersOfDeadProcessesOnly) {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  const fs::path dead = tmp.path() / ".out.echotrace-999999999-abcdef";  // above any pid_max
  const fs::path alive = tmp.path() / (".out.echotrace-" + std::to_string(::getpid()) + "-abcdef");
  const fs::path other = tmp.path() / ".other.echotrace-999999999-abcdef";  // another target's
  for (const fs::path& p : {dead, alive, other}) fs::create_directories(p / "x");
  auto stage = OutputStage::begin(out);
  ASSERT_TRUE(stage.is_ok());
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(alive));
  EXPECT_TRUE(fs::exists(other));
}

TEST(OutputStage, RefusesAFileAndTheRoot) {
  TempDir tmp;
  write_file(tmp.path() / "f", "x");
  auto file = OutputStage::begin(tmp.path() / "f");
  ASSERT_FALSE(file.is_ok());
  EXPECT_EQ(file.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(file.status().message().find("is not a folder"), std::string::npos);
  EXPECT_EQ(OutputStage::begin("/").status().code(), StatusCode::kInvalidArgument);
}

TEST(OutputStage, FollowsASymbolicLinkToTheFolder) {
  TempDir tmp;
  fs::create_directories(tmp.path() / "real");
  write_file(tmp.path() / "real" / "run.json", "old");
  fs::create_directory_symlink("real", tmp.path() / "link");
  auto stage = OutputStage::begin(tmp.path() / "link" / "");  // trailing slash too
  ASSERT_TRUE(stage.is_ok()) << stage.status().to_string();
  ASSERT_TRUE(write_file_atomically((*stage)->path() / "run.json", "new").is_ok());
  ASSERT_TRUE((*stage)->commit("run.json").is_ok());
  EXPECT_TRUE(fs::is_symlink(tmp.path() / "link"));
  EXPECT_EQ(read_file(tmp.path() / "real" / "run.json"), "new");
}

}  // namespace
}  // namespace echotrace::internal
