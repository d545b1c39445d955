// Reads a text file line by line, transparently decompressing zstd when the
// path ends in ".zst". A line ends at "\n", "\r\n" or a lone "\r" (old Mac
// files), so JSON-lines files from any platform split the same way; the
// terminator is not part of the line.
//
// Memory: one decompression buffer plus the current line, bounded by
// `max_line_bytes`: the bytes of a longer line are dropped as they are read
// and the line is reported as over-long, so one huge line never has to fit.
// Decompressed bytes land in that buffer directly and lines are views into
// it, so a line is never copied; kLineSlack readable bytes always follow a
// returned line, so a parser that reads past the end (simdjson) can work on
// the view in place.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <echotrace/status.h>

namespace echotrace::internal {

class LineReader {
 public:
  // Readable bytes that always follow the end of a line returned by next().
  static constexpr std::size_t kLineSlack = 64;

  // NotFound if `path` does not exist, IoError if it cannot be opened.
  // Lines longer than `max_line_bytes` are not kept (see next()).
  static Result<std::unique_ptr<LineReader>> open(
      const std::filesystem::path& path,
      std::size_t max_line_bytes = std::numeric_limits<std::size_t>::max());
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Reads the next line (without its terminator) into `line`; the view stays
  // valid until the next call, and at least kLineSlack bytes after its end are
  // readable (their contents are unspecified). A line longer than `max_line_bytes` comes back
  // empty with overlong() true and its length in overlong_bytes(). Returns
  // false at end of file, or an IoError / ParseError (corrupt zstd frame)
  // naming the path and line.
  Result<bool> next(std::string_view& line);
  // 1-based number of the line last returned.
  std::size_t line_number() const { return line_no_; }
  // Whether the line last returned was longer than `max_line_bytes` (and so
  // was returned empty), and how long it was.
  bool overlong() const { return overlong_bytes_ > 0; }
  std::size_t overlong_bytes() const { return overlong_bytes_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  LineReader() = default;
  // Appends more decompressed bytes to buf_ (after end_); false at end of input.
  Result<bool> fill();
  // Makes room for `bytes` more bytes after end_, plus the slack.
  char* reserve(std::size_t bytes);
  // Returns the line [pos_, end) and moves past its terminator at `next`.
  void take(std::size_t end, std::size_t next, std::string_view& line);

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  struct ZstdState;
  std::unique_ptr<ZstdState> zstd_;
  std::vector<char> buf_;  // data is [0, end_); never shorter than end_ + kLineSlack
  std::size_t end_ = 0;
  std::size_t pos_ = 0;  // start of unread data in buf_
  std::size_t line_no_ = 0;
  std::size_t max_line_bytes_ = 0;
  std::size_t dropped_ = 0;         // bytes of the current line already discarded
  std::size_t overlong_bytes_ = 0;  // length of the last line if it was over-long
  bool eof_ = false;
};

}  // namespace echotrace::internal
