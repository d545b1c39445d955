// Helpers shared by the libFuzzer targets: a private scratch folder per
// process, and the UTF-8 check every reader and the tokenizer must satisfy.
#pragma once

#include <unicode/utf8.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace echotrace::fuzz {

// A folder that lives as long as the fuzzing process (removed at exit), in
// memory (/dev/shm) when possible: every execution writes its input there.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::error_code ec;
    const std::filesystem::path base = ::access("/dev/shm", W_OK) == 0
                                           ? std::filesystem::path("/dev/shm")
                                           : std::filesystem::temp_directory_path(ec);
    std::string templ = (base / "echotrace_fuzz_XXXXXX").string();
    std::filesystem::path made = ::mkdtemp(templ.data());
    static const std::filesystem::path to_remove = made;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(to_remove, ec);
    });
    return made;
  }();
  return dir;
}

inline void write_bytes(const std::filesystem::path& p, std::string_view bytes) {
  std::FILE* f = std::fopen(p.c_str(), "wb");
  if (f == nullptr) std::abort();
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) std::abort();
  std::fclose(f);
}

inline bool valid_utf8(std::string_view s) {
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// Fails the run (libFuzzer reports the input) when `cond` is false.
#define ECHOTRACE_FUZZ_CHECK(cond)                                                            \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (0)

}  // namespace echotrace::fuzz
