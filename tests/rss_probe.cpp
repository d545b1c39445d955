// echotrace_rss_probe REPORT PROGRAM [ARGS...]: runs PROGRAM and writes its
// peak resident memory in kB (wait4's ru_maxrss) to the file REPORT; exits
// with PROGRAM's exit code, or 128 + the signal that killed it.
//
// Why a separate process: on Linux a child started with posix_spawn (vfork)
// execs from its parent's memory map, and the kernel carries that map's
// high-water mark into the child's ru_maxrss. A test process that has grown
// (every test in one gtest process) would then see its own peak in the CLI's.
// This probe is small, so what it reports is the program's own peak.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s REPORT PROGRAM [ARGS...]\n", argv[0]);
    return 2;
  }
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("echotrace_rss_probe: fork");
    return 2;
  }
  if (pid == 0) {
    execv(argv[2], argv + 2);
    std::perror("echotrace_rss_probe: exec");
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  if (wait4(pid, &status, 0, &usage) != pid) {
    std::perror("echotrace_rss_probe: wait4");
    return 2;
  }
  std::FILE* report = std::fopen(argv[1], "w");
  if (report == nullptr || std::fprintf(report, "%ld\n", usage.ru_maxrss) < 0 || std::fclose(report) != 0) {
    std::perror("echotrace_rss_probe: report");
    return 2;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
