// Writes a file so that readers only ever see the old complete file or the new
// complete one: bytes go to a temporary file in the same directory, which is
// flushed, fsync'ed and renamed over the target on commit(). An AtomicFile
// destroyed without commit() removes its temporary file.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string_view>

#include <echotrace/status.h>

namespace echotrace::internal {

class AtomicFile {
 public:
  // Creates "<path>.tmp.XXXXXX" beside `path`. IoError names the path.
  static Result<std::unique_ptr<AtomicFile>> create(const std::filesystem::path& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Buffered write; errors surface at commit().
  void write(std::string_view bytes);
  // Flushes, syncs and renames into place. IoError names the path.
  Status commit();

 private:
  AtomicFile() = default;
  std::filesystem::path path_;
  std::filesystem::path tmp_;
  std::FILE* file_ = nullptr;
  bool failed_ = false;
};

// Writes all of `bytes` to `path` atomically.
Status write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace echotrace::internal
