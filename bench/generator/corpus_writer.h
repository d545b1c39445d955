// Streams JSON lines into a file, zstd-compressed when the path ends in ".zst",
// through internal::AtomicFile (temporary file renamed into place on commit()),
// so a killed run never leaves a truncated corpus under the final name.
//
// Thread-safety: one writer per thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <echotrace/status.h>

namespace echotrace::bench {

class CorpusWriter {
 public:
  // Opens `path` for writing (its directory is created if missing); `zstd_level`
  // is used when the path ends in ".zst". IoError names the path.
  static Result<std::unique_ptr<CorpusWriter>> create(const std::filesystem::path& path, int zstd_level = 3);
  virtual ~CorpusWriter() = default;
  // Appends `line` and a '\n'. Errors surface at commit().
  virtual void write_line(std::string_view line) = 0;
  // Finishes the stream and renames the file into place. IoError names the path.
  virtual Status commit() = 0;
  // Uncompressed bytes written so far.
  virtual std::size_t bytes() const = 0;
};

// Appends `s` to `out` as a JSON string literal (quotes included): '"', '\\'
// and control characters escaped, UTF-8 passed through.
void append_json_string(std::string& out, std::string_view s);

}  // namespace echotrace::bench
