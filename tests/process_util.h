// Running the echotrace CLI as a child process without a shell, for tests that
// must signal it or measure it: spawn, wait, peak memory, capture output.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

extern char** environ;

namespace echotrace::testing {

// Starts `argv` (argv[0] the program's path); stdout and stderr go to
// `output_path` (or are discarded when it is empty). Returns the pid, or -1.
inline pid_t spawn_process(std::vector<std::string> argv_s, const std::string& output_path = "") {
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string sink = output_path.empty() ? "/dev/null" : output_path;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, sink.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

// Starts the CLI with `args`, output as spawn_process().
inline pid_t spawn_cli(const std::vector<std::string>& args, const std::string& output_path = "") {
  std::vector<std::string> argv{ECHOTRACE_CLI};
  argv.insert(argv.end(), args.begin(), args.end());
  return spawn_process(std::move(argv), output_path);
}

struct MeasuredRun {
  int exit_code = -1;   // 128 + signal when killed
  std::string output;   // stdout and stderr together
  long max_rss_kb = 0;  // peak resident memory of the CLI process itself; 0 when the probe reported none
};

// Runs the CLI with `args` to completion; `scratch` is a folder for its output.
// The CLI runs under echotrace_rss_probe (tests/rss_probe.cpp), which reports
// its peak memory: wait4() on a child spawned from this process would count
// this process's own high-water mark as well.
inline MeasuredRun run_cli_measured(const std::vector<std::string>& args,
                                    const std::filesystem::path& scratch) {
  MeasuredRun r;
  const std::string log = (scratch / "cli_output.txt").string();
  const std::string report = (scratch / "cli_rss.txt").string();
  std::vector<std::string> argv{ECHOTRACE_RSS_PROBE, report, ECHOTRACE_CLI};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = spawn_process(std::move(argv), log);
  if (pid < 0) return r;
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  const std::string rss = read_file(report);  // empty when the probe wrote no report
  const char* end = rss.data() + rss.size();
  if (std::from_chars(rss.data(), end, r.max_rss_kb).ec != std::errc()) r.max_rss_kb = 0;
  r.output = read_file(log);
  if (r.max_rss_kb <= 0) {
    r.output += "\n[run_cli_measured: no peak memory in " + report + ": '" + rss + "']\n";
  }
  std::filesystem::remove(log);
  std::filesystem::remove(report);
  return r;
}

}  // namespace echotrace::testing
