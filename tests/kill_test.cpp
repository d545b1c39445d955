// A run killed with SIGKILL at any moment leaves the output folder holding
// either the previous complete outputs or the new complete outputs, never a
// mix (pipeline.h, write_analysis; src/internal/output_dir.h).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <map>
#include <random>
#include <thread>

#include "process_util.h"

namespace echotrace {
namespace {

namespace fs = std::filesystem;
using testing::cat;
using testing::spawn_cli;
using testing::TempDir;

using Snapshot = testing::OutputFiles;  // every file of an output folder with its content
using testing::output_files;

// A corpus whose dense outputs take a moment to write: `n` documents of 80
// words drawn from 400, every fifth a near-copy of the one before.
void write_corpus(const fs::path& path, int n) {
  std::mt19937_64 rng(42);
  std::string out, previous;
  for (int d = 0; d < n; ++d) {
    std::string text;
    if (d % 5 == 4) {
      text = cat(previous, " extra words");
    } else {
      for (int w = 0; w < 80; ++w) text += cat("w", std::to_string(rng() % 400), " ");
    }
    previous = text;
    out += cat("{\"id\":\"d", std::to_string(d), "\",\"text\":\"", text, "\"}\n");
  }
  testing::write_file(path, out);
}

ino_t inode(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// Whether a staging folder of `out` exists beside it: one of process `pid`
// (that run is writing), or of any process when `pid` is 0.
bool staging_exists(const fs::path& out, pid_t pid = 0) {
  const std::string prefix =
      cat(".", out.filename().string(), ".echotrace-", pid > 0 ? cat(std::to_string(pid), "-") : "");
  for (const auto& e : fs::directory_iterator(out.parent_path())) {
    if (e.path().filename().string().rfind(prefix, 0) == 0) return true;
  }
  return false;
}

TEST(Kill, SigkillLeavesThePreviousOrTheNewCompleteOutputs) {
  TempDir tmp;
  const fs::path corpus = tmp.path() / "corpus.jsonl";
  write_corpus(corpus, 300);
  const fs::path out = tmp.path() / "out";
  // Two option sets whose every output file differs.
  const std::vector<std::vector<std::string>> options = {{"-k", "3", "--seed", "1"},
                                                         {"-k", "4", "--seed", "2", "--sublinear-tf"}};
  auto args_for = [&](int which, const fs::path& dir) {
    std::vector<std::string> a{"analyze", corpus.string(), "-o", dir.string(), "--threads", "1"};
    a.insert(a.end(), options[which].begin(), options[which].end());
    return a;
  };
  std::vector<Snapshot> expected;
  for (int which : {0, 1}) {
    const fs::path ref = tmp.path() / cat("ref", std::to_string(which));
    const int status = wait_for(spawn_cli(args_for(which, ref)));
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    expected.push_back(output_files(ref));
    ASSERT_EQ(expected.back().size(), 19u);  // every output of analyze (run.json lists them)
  }
  // The two sets must differ so that a mix would show. Shingle size and
  // sublinear tf change every similarity output; cleaning.tsv and the
  // talking points do not depend on them.
  for (const char* file : {"minhash_jaccard.csv", "exact_jaccard.csv", "tfidf_cosine.npy", "pairs.tsv", "report.html",
                           "heatmap.svg", "run.json"}) {
    ASSERT_NE(expected[0].at(file), expected[1].at(file)) << file;
  }

  // The folder starts as a complete set A; each killed run writes the other
  // set. A run's writing phase (staging folder present) is timed once, only to
  // spread the kills over it.
  auto start_and_wait_for_writing = [&](int which, pid_t& pid) {
    pid = spawn_cli(args_for(which, out));
    for (int polls = 0; polls < 400000; ++polls) {
      if (staging_exists(out, pid)) return true;
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;  // finished before we saw it write
        return false;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(25));
    }
    return false;
  };
  ASSERT_EQ(wait_for(spawn_cli(args_for(0, out))), 0);
  pid_t pid = -1;
  ASSERT_TRUE(start_and_wait_for_writing(1, pid));
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(wait_for(pid), 0);
  const double write_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
  int state = 1;
  int in_write = 0;
  int left_previous = 0;
  int left_new = 0;
  // A negative fraction: kill as soon as the folder changes (run.json is a new
  // file), i.e. after the swap while the previous folder is being deleted.
  const double fractions[] = {0.0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95, -1, -1};
  for (double fraction : fractions) {
    const int next = 1 - state;
    if (start_and_wait_for_writing(next, pid)) {
      if (fraction >= 0) {
        std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long>(fraction * write_us)));
      } else {
        const ino_t before = inode(out / "run.json");
        for (int polls = 0; polls < 400000 && inode(out / "run.json") == before; ++polls) {
          std::this_thread::sleep_for(std::chrono::microseconds(10));
        }
      }
      if (staging_exists(out, pid)) ++in_write;
      ::kill(pid, SIGKILL);
      wait_for(pid);
    }
    const Snapshot now = output_files(out);
    if (now == expected[state]) {
      ++left_previous;
    } else if (now == expected[next]) {
      ++left_new;
      state = next;
    } else {
      std::string files;
      for (const auto& [file, bytes] : now) {
        const char* origin = bytes == expected[state].at(file)  ? "(previous)"
                             : bytes == expected[next].at(file) ? "(new)"
                                                                : "(other)";
        files += cat(" ", file, origin);
      }
      FAIL() << "after a kill at " << fraction << " of the writing phase the folder holds a mix:" << files;
    }
  }
  std::cout << "writing phase: " << write_us / 1000 << " ms; kills: " << std::size(fractions)
            << ", while writing: " << in_write << ", left previous: " << left_previous
            << ", left new: " << left_new << "\n";
  // The kills must have hit the window that matters (a run writing or
  // swapping) at least once.
  EXPECT_GT(in_write, 0);
  // A later run removes what killed runs left behind.
  ASSERT_EQ(wait_for(spawn_cli(args_for(0, out))), 0);
  EXPECT_EQ(output_files(out), expected[0]);
  EXPECT_FALSE(staging_exists(out));
}

}  // namespace
}  // namespace echotrace
