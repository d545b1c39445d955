#include "internal/output_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "internal/assert.h"

namespace echotrace::internal {
namespace fs = std::filesystem;
namespace {

// Flushes a folder's entries (new names, renames) to disk; best effort.
void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string staging_prefix(const fs::path& target) {
  std::string prefix(1, '.');  // built by appending: GCC 12 misreports "." + s (-Wrestrict)
  prefix.append(target.filename().string());
  prefix.append(".echotrace-");
  return prefix;
}

// Deletes staging folders of `target` left by processes that no longer exist.
void remove_stale_staging(const fs::path& target) {
  const std::string prefix = staging_prefix(target);
  std::error_code ec;
  std::vector<fs::path> stale;
  for (fs::directory_iterator it(target.parent_path(), ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::size_t dash = name.find('-', prefix.size());
    if (dash == std::string::npos) continue;
    const std::string digits = name.substr(prefix.size(), dash - prefix.size());
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
      continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) stale.push_back(it->path());
  }
  for (const fs::path& p : stale) fs::remove_all(p, ec);
}

// Whether the process's working directory is `dir` or lies inside it (then
// swapping `dir` would strand the working directory in the deleted copy).
bool holds_working_directory(const fs::path& dir) {
  std::error_code ec;
  const fs::path cwd = fs::canonical(fs::current_path(ec), ec);
  if (ec) return true;
  const fs::path d = fs::canonical(dir, ec);
  if (ec) return false;
  auto [d_end, cwd_at] = std::mismatch(d.begin(), d.end(), cwd.begin(), cwd.end());
  return d_end == d.end();
}

// The names directly inside `dir`, sorted.
std::vector<std::string> list_names(const fs::path& dir, std::error_code& ec) {
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

Result<std::unique_ptr<OutputStage>> OutputStage::begin(const fs::path& out_dir) {
  std::error_code ec;
  fs::path target = fs::absolute(out_dir, ec).lexically_normal();
  if (ec) return io_error(out_dir.string() + ": cannot resolve path: " + ec.message());
  if (!target.has_filename()) target = target.parent_path();  // "a/b/" names "a/b"
  if (fs::is_symlink(target, ec)) {
    target = fs::canonical(target, ec);
    if (ec) return io_error(out_dir.string() + ": cannot resolve symbolic link: " + ec.message());
  }
  if (!target.has_filename() || target == target.root_path()) {
    return invalid_argument(out_dir.string() + ": cannot use the filesystem root as output folder");
  }
  const fs::file_status status = fs::status(target, ec);
  const bool exists = fs::exists(status);
  if (exists && !fs::is_directory(status)) {
    return invalid_argument(out_dir.string() + ": exists and is not a folder");
  }
  fs::create_directories(target.parent_path(), ec);
  if (ec) return io_error(target.parent_path().string() + ": cannot create folder: " + ec.message());
  remove_stale_staging(target);

  std::string templ =
      (target.parent_path() / (staging_prefix(target) + std::to_string(::getpid()) + "-XXXXXX")).string();
  if (::mkdtemp(templ.data()) == nullptr) {
    return io_error(out_dir.string() + ": cannot create staging folder " + templ + ": " +
                    std::strerror(errno));
  }
  std::unique_ptr<OutputStage> stage(new OutputStage());
  stage->target_ = target;
  stage->staging_ = templ;
  // mkdtemp makes it private (0700); give it the previous folder's mode, or 0755.
  struct stat st {};
  const mode_t mode = exists && ::stat(target.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0755;
  ::chmod(templ.c_str(), mode);
  return stage;
}

OutputStage::~OutputStage() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

Status OutputStage::commit(const std::string& record, Mode mode) {
  ECHOTRACE_ASSERT(!committed_);
  if (mode == Mode::kInPlace || holds_working_directory(target_)) return commit_in_place(record);
  std::error_code ec;
  const bool exists = fs::exists(target_, ec);
  if (exists) {
    // Carry over what the run did not write, as hard links.
    const auto names = list_names(target_, ec);
    if (ec) return io_error(target_.string() + ": cannot list folder: " + ec.message());
    for (const std::string& name : names) {
      if (fs::exists(fs::symlink_status(staging_ / name, ec))) continue;  // replaced by this run
      fs::copy(
          target_ / name, staging_ / name,
          fs::copy_options::recursive | fs::copy_options::copy_symlinks | fs::copy_options::create_hard_links,
          ec);
      if (ec) return commit_in_place(record);  // e.g. a mount point or a special file inside
    }
  }
  sync_directory(staging_);
  if (!exists) {
    if (::rename(staging_.c_str(), target_.c_str()) == 0) {
      sync_directory(target_.parent_path());
      committed_ = true;
      return Status::ok();
    }
    if (errno != EEXIST && errno != ENOTEMPTY) {
      return io_error(target_.string() + ": cannot move outputs into place: " + std::strerror(errno));
    }
    // Created meanwhile by someone else: swap with it below.
  }
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
    const int e = errno;
    if (e == EINVAL || e == ENOSYS || e == ENOTSUP || e == EBUSY || e == EXDEV || e == EPERM) {
      return commit_in_place(record);
    }
    return io_error(target_.string() + ": cannot swap in the new outputs: " + std::strerror(e));
  }
  committed_ = true;
  sync_directory(target_.parent_path());
  fs::remove_all(staging_, ec);  // now the previous folder; a leftover is removed by a later begin()
  return Status::ok();
}

Status OutputStage::commit_in_place(const std::string& record) {
  used_ = Mode::kInPlace;
  std::error_code ec;
  fs::create_directories(target_, ec);
  if (ec) return io_error(target_.string() + ": cannot create folder: " + ec.message());
  // Only what this run wrote: carried-over links are already in the target.
  std::vector<std::string> names = list_names(staging_, ec);
  if (ec) return io_error(staging_.string() + ": cannot list folder: " + ec.message());
  const bool has_record = std::find(names.begin(), names.end(), record) != names.end();
  if (has_record) {
    fs::remove(target_ / record, ec);
    if (ec) return io_error((target_ / record).string() + ": cannot remove: " + ec.message());
    sync_directory(target_);
  }
  std::stable_partition(names.begin(), names.end(), [&](const std::string& n) { return n != record; });
  for (const std::string& name : names) {
    const fs::path from = staging_ / name;
    const fs::path to = target_ / name;
    if (name == record) sync_directory(target_);  // every other file is in place first
    if (fs::is_directory(fs::symlink_status(to, ec))) fs::remove_all(to, ec);
    if (::rename(from.c_str(), to.c_str()) != 0) {
      return io_error(to.string() + ": cannot move into place: " + std::strerror(errno));
    }
  }
  sync_directory(target_);
  committed_ = true;
  fs::remove_all(staging_, ec);
  return Status::ok();
}

}  // namespace echotrace::internal
