// The Snowball English stemmer (Debian libstemmer) behind a small RAII class.
// One Stemmer is not thread-safe (libstemmer keeps per-instance buffers): give
// each thread its own.
#pragma once

#include <string>
#include <string_view>

struct sb_stemmer;

namespace echotrace::internal {

class Stemmer {
 public:
  Stemmer();  // the "english" algorithm over UTF-8
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // The stem of one lower-case word ("shields" → "shield", "demilitarized" →
  // "demilitar"). Words the stemmer cannot process are returned unchanged.
  std::string stem(std::string_view word);

 private:
  sb_stemmer* stemmer_ = nullptr;
};

}  // namespace echotrace::internal
