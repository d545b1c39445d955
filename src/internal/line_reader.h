// Reads a text file line by line, transparently decompressing zstd when the
// path ends in ".zst". Memory: one decompression buffer plus the longest line.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <echotrace/status.h>

namespace echotrace::internal {

class LineReader {
 public:
  // NotFound if `path` does not exist, IoError if it cannot be opened.
  static Result<std::unique_ptr<LineReader>> open(const std::filesystem::path& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Reads the next line (without its '\n' or "\r\n") into `line`; the view
  // stays valid until the next call. Returns false at end of file, or an
  // IoError / ParseError (corrupt zstd frame) naming the path and line.
  Result<bool> next(std::string_view& line);
  // 1-based number of the line last returned.
  std::size_t line_number() const { return line_no_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  LineReader() = default;
  // Appends more decompressed bytes to buf_; false at end of input.
  Result<bool> fill();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  struct ZstdState;
  std::unique_ptr<ZstdState> zstd_;
  std::string buf_;
  std::size_t pos_ = 0;   // start of unread data in buf_
  std::size_t line_no_ = 0;
  bool eof_ = false;
};

}  // namespace echotrace::internal
