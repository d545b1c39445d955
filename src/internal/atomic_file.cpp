#include "internal/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace echotrace::internal {

Result<std::unique_ptr<AtomicFile>> AtomicFile::create(const std::filesystem::path& path) {
  std::string templ = path.string() + ".tmp.XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  const int fd = ::mkstemp(buf.data());
  if (fd < 0) return io_error(path.string() + ": cannot create temporary file: " + std::strerror(errno));
  ::fchmod(fd, 0644);
  std::unique_ptr<AtomicFile> f(new AtomicFile());
  f->path_ = path;
  f->tmp_ = std::filesystem::path(buf.data());
  f->file_ = ::fdopen(fd, "wb");
  if (f->file_ == nullptr) {
    ::close(fd);
    ::unlink(buf.data());
    return io_error(path.string() + ": cannot open temporary file: " + std::strerror(errno));
  }
  return f;
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    ::unlink(tmp_.c_str());
  }
}

void AtomicFile::write(std::string_view bytes) {
  if (failed_ || bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) failed_ = true;
}

Status AtomicFile::commit() {
  std::FILE* f = file_;
  file_ = nullptr;
  bool ok = !failed_ && std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
  const int saved = errno;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    ::unlink(tmp_.c_str());
    return io_error(path_.string() + ": write failed: " + std::strerror(saved));
  }
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
    const int e = errno;
    ::unlink(tmp_.c_str());
    return io_error(path_.string() + ": cannot rename into place: " + std::strerror(e));
  }
  return Status::ok();
}

Status write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  auto f = AtomicFile::create(path);
  if (!f.is_ok()) return f.status();
  (*f)->write(bytes);
  return (*f)->commit();
}

}  // namespace echotrace::internal
