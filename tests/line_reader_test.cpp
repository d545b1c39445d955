// internal::LineReader: every line-end convention, and over-long lines.
#include "internal/line_reader.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace echotrace::internal {
namespace {

using testing::TempDir;
using testing::write_file;

struct Line {
  std::string text;
  std::size_t number = 0;
  std::size_t overlong = 0;  // length when over-long, else 0
  bool operator==(const Line&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Line& l) {
  return os << "{" << l.number << ": '" << l.text.substr(0, 20) << "' overlong " << l.overlong << "}";
}

std::vector<Line> read_lines(const std::filesystem::path& path,
                             std::size_t max_line = std::numeric_limits<std::size_t>::max()) {
  auto r = LineReader::open(path, max_line);
  EXPECT_TRUE(r.is_ok());
  std::vector<Line> out;
  std::string_view line;
  while (true) {
    Result<bool> got = (*r)->next(line);
    EXPECT_TRUE(got.is_ok()) << got.status().to_string();
    if (!got.is_ok() || !*got) break;
    out.push_back({std::string(line), (*r)->line_number(), (*r)->overlong() ? (*r)->overlong_bytes() : 0});
  }
  return out;
}

TEST(LineReader, EveryLineEndSplitsTheSameWay) {
  TempDir tmp;
  write_file(tmp.path() / "mixed", "unix\nwindows\r\nmac\rlast");
  EXPECT_EQ(read_lines(tmp.path() / "mixed"),
            (std::vector<Line>{{"unix", 1}, {"windows", 2}, {"mac", 3}, {"last", 4}}));
  write_file(tmp.path() / "cr_end", "a\r\r\n\r");
  EXPECT_EQ(read_lines(tmp.path() / "cr_end"), (std::vector<Line>{{"a", 1}, {"", 2}, {"", 3}}));
  write_file(tmp.path() / "empty", "");
  EXPECT_TRUE(read_lines(tmp.path() / "empty").empty());
}

TEST(LineReader, CrLfSplitAcrossReadChunksIsOneLineEnd) {
  TempDir tmp;
  // The reader fills 64 KiB at a time: put a '\r' last in a chunk, once in
  // the first and once in a later one.
  for (std::size_t length : {(std::size_t{1} << 16) - 1, (std::size_t{1} << 20) - 1}) {
    write_file(tmp.path() / "f", std::string(length, 'a') + "\r\nnext\r");
    const auto lines = read_lines(tmp.path() / "f");
    ASSERT_EQ(lines.size(), 2u) << length;
    EXPECT_EQ(lines[0].text.size(), length);
    EXPECT_EQ(lines[1], (Line{"next", 2}));
  }
}

TEST(LineReader, OverlongLinesComeBackEmptyWithTheirLength) {
  TempDir tmp;
  const std::string big(3 << 20, 'x');  // spans several read chunks
  write_file(tmp.path() / "f", "short\n" + big + "\r\nok\n" + big);
  EXPECT_EQ(read_lines(tmp.path() / "f", 1 << 20),
            (std::vector<Line>{{"short", 1}, {"", 2, big.size()}, {"ok", 3}, {"", 4, big.size()}}));
  // The limit is inclusive.
  EXPECT_EQ(read_lines(tmp.path() / "f", 5)[0], (Line{"short", 1}));
  EXPECT_EQ(read_lines(tmp.path() / "f", 4)[0], (Line{"", 1, 5}));
}

TEST(LineReader, OverlongLineInsideZstd) {
  TempDir tmp;
  const std::string big(5 << 20, 'y');
  write_file(tmp.path() / "f.jsonl", "a\n" + big + "\nb\n");
  const auto zst = testing::run_command("zstd -q -f '" + (tmp.path() / "f.jsonl").string() + "'");
  ASSERT_EQ(zst.exit_code, 0) << zst.output;
  EXPECT_EQ(read_lines(tmp.path() / "f.jsonl.zst", 1 << 20),
            (std::vector<Line>{{"a", 1}, {"", 2, big.size()}, {"b", 3}}));
}

}  // namespace
}  // namespace echotrace::internal
