// Running the echotrace CLI as a child process without a shell, for tests that
// must signal it or measure it: spawn, wait with resource usage, capture output.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "test_util.h"

extern char** environ;

namespace echotrace::testing {

// Starts the CLI with `args`; stdout and stderr go to `output_path` (or are
// discarded when it is empty). Returns the pid, or -1.
inline pid_t spawn_cli(const std::vector<std::string>& args, const std::string& output_path = "") {
  std::vector<std::string> argv_s{ECHOTRACE_CLI};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
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

struct MeasuredRun {
  int exit_code = -1;   // 128 + signal when killed
  std::string output;   // stdout and stderr together
  long max_rss_kb = 0;  // peak resident memory of the CLI process itself
};

// Runs the CLI with `args` to completion; `scratch` is a folder for its output.
inline MeasuredRun run_cli_measured(const std::vector<std::string>& args,
                                    const std::filesystem::path& scratch) {
  MeasuredRun r;
  const std::string log = (scratch / "cli_output.txt").string();
  const pid_t pid = spawn_cli(args, log);
  if (pid < 0) return r;
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.max_rss_kb = usage.ru_maxrss;
  r.output = read_file(log);
  std::filesystem::remove(log);
  return r;
}

}  // namespace echotrace::testing
