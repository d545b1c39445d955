// Replaces an output folder as a whole, so that a run killed at any moment
// leaves either the previous complete set of outputs or the new complete set,
// never a mix. Files are written into a staging folder beside the target
// (".<name>.echotrace-<pid>-XXXXXX", hidden), and commit() swaps it in with
// one atomic rename: rename(2) when the target does not exist yet, otherwise
// renameat2(RENAME_EXCHANGE), after which the previous folder is deleted.
//
// Entries of the previous folder that the run does not write itself (notes, a
// README, outputs of other tools, subfolders) are carried over as hard links,
// so nothing is copied and nothing is lost.
//
// Fallback, for a target that cannot be swapped (the current directory or one
// of its ancestors, a mount point, a filesystem without RENAME_EXCHANGE, an
// entry that cannot be hard-linked): the new files are renamed into the target
// one by one, each atomically, and the commit record (run.json) is deleted
// first and renamed in last, so a folder without its record is visibly
// incomplete.
//
// A killed run leaves only its hidden staging folder behind; begin() deletes
// staging folders of the same target whose process no longer exists.
//
// Thread-safety: one OutputStage per thread; two processes committing the same
// target concurrently each leave a complete set (the last swap wins).
#pragma once

#include <echotrace/status.h>

#include <filesystem>
#include <memory>
#include <string>

namespace echotrace::internal {

class OutputStage {
 public:
  enum class Mode {
    kSwap,     // exchange the folders, falling back to kInPlace when impossible
    kInPlace,  // rename files into the target one by one, the record last
  };

  // Prepares a staging folder for `out_dir` (created with its parents if
  // missing). IoError names the path; InvalidArgument when `out_dir` exists
  // and is not a folder, or names the filesystem root.
  static Result<std::unique_ptr<OutputStage>> begin(const std::filesystem::path& out_dir);
  // Removes the staging folder unless commit() succeeded.
  ~OutputStage();
  OutputStage(const OutputStage&) = delete;
  OutputStage& operator=(const OutputStage&) = delete;

  // Where to write the outputs.
  const std::filesystem::path& path() const { return staging_; }
  // The folder the outputs will replace (symbolic links resolved).
  const std::filesystem::path& target() const { return target_; }

  // Makes the staged files the content of target(). `record` is the file
  // whose presence marks a complete set (see kInPlace). IoError names the path.
  Status commit(const std::string& record, Mode mode = Mode::kSwap);
  // The mode commit() ended up using.
  Mode used_mode() const { return used_; }

 private:
  OutputStage() = default;
  Status commit_in_place(const std::string& record);

  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool committed_ = false;
  Mode used_ = Mode::kSwap;
};

}  // namespace echotrace::internal
