// Progress on stderr (documents per second, bytes, ETA when the input size is
// known), only when stderr is a terminal; silent otherwise.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>

#include <echotrace/pipeline.h>

namespace echotrace::cli {

// A ProgressFn that prints at most every 0.5 s. `total_bytes` (0 if unknown,
// e.g. compressed input) enables an ETA.
inline ProgressFn terminal_progress(std::uint64_t total_bytes) {
  if (!::isatty(STDERR_FILENO)) return nullptr;
  const auto start = std::chrono::steady_clock::now();
  auto last = start;
  return [=](std::size_t docs, std::uint64_t bytes) mutable {
    const auto now = std::chrono::steady_clock::now();
    if (now - last < std::chrono::milliseconds(500)) return;
    last = now;
    const double s = std::chrono::duration<double>(now - start).count();
    std::fprintf(stderr, "\r\033[Kechotrace: %zu documents, %.1f MB, %.0f docs/s, %.1f MB/s", docs, bytes / 1e6,
                 docs / s, bytes / 1e6 / s);
    if (total_bytes > bytes && bytes > 0) std::fprintf(stderr, ", ETA %.0f s", s * (total_bytes - bytes) / bytes);
    std::fflush(stderr);
  };
}

// Ends the progress line, if one was printed.
inline void end_progress() {
  if (::isatty(STDERR_FILENO)) std::fprintf(stderr, "\r\033[K");
}

}  // namespace echotrace::cli
