// Shared helpers for echotrace's tests: temporary folders, file I/O and
// running the CLI. No test logic lives here.
#pragma once

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace echotrace::testing {

inline std::filesystem::path source_dir() { return ECHOTRACE_SOURCE_DIR; }

// A fresh empty folder under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "echotrace_test_XXXXXX").string();
    path_ = ::mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Concatenates strings by appending. GCC 12 wrongly reports -Wrestrict for
// some "literal" + std::string expressions under -O2; this sidesteps it.
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string s;
  (s.append(parts), ...);
  return s;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// An output folder's files: name -> bytes, with run.json's "timings" and
// "threads" removed (the only fields that differ between identical runs; a
// run.json that does not parse is kept as it is, so a comparison fails
// cleanly). Empty when `dir` does not exist.
using OutputFiles = std::map<std::string, std::string>;
inline OutputFiles output_files(const std::filesystem::path& dir) {
  OutputFiles files;
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string bytes = read_file(e.path());
    if (e.path().filename() == "run.json") {
      nlohmann::ordered_json run = nlohmann::ordered_json::parse(bytes, nullptr, false);
      if (!run.is_discarded()) {
        run.erase("timings");
        run.erase("threads");
        bytes = run.dump(2);
      }
    }
    files[e.path().filename().string()] = bytes;
  }
  return files;
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command line, capturing its combined output.
inline CommandResult run_command(const std::string& command) {
  CommandResult r;
  std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t got;
  while ((got = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), got);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

// Runs the echotrace CLI with `args` (already shell-quoted).
inline CommandResult run_cli(const std::string& args) {
  return run_command(std::string("'") + ECHOTRACE_CLI + "' " + args);
}

}  // namespace echotrace::testing
