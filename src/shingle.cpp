#include <echotrace/shingle.h>

#include <algorithm>

#include "internal/assert.h"
#include "internal/hash.h"

namespace echotrace {

std::string_view shingle_hash_name() { return internal::kShingleHashName; }

std::uint64_t hash_shingle(std::string_view words, std::uint64_t seed) {
  return internal::xxh3_64(words, seed);
}

std::vector<std::uint64_t> shingle_hashes(const TokenizedText& text, const ShingleOptions& options) {
  std::vector<std::uint64_t> out;
  shingle_hashes_into(text, options, out);
  return out;
}

void shingle_hashes_into(const TokenizedText& text, const ShingleOptions& options, std::vector<std::uint64_t>& out) {
  ECHOTRACE_ASSERT(options.k >= 1);
  const std::size_t k = static_cast<std::size_t>(options.k);
  if (text.size() < k) {
    out.clear();
    return;
  }
  // Every slot is overwritten below: resizing from the previous length (not
  // from zero) zero-fills only the slots `out` gains.
  out.resize(text.size() - k + 1);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = internal::xxh3_64(text.span(i, k), options.seed);
}

std::vector<std::uint64_t> shingle_set(const TokenizedText& text, const ShingleOptions& options) {
  std::vector<std::uint64_t> s = shingle_hashes(text, options);
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s;
}

double exact_jaccard(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b) {
  if (a.empty() || b.empty()) return 0.0;
  std::size_t i = 0, j = 0, inter = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++inter;
      ++i;
      ++j;
    }
  }
  const std::size_t uni = a.size() + b.size() - inter;
  return static_cast<double>(inter) / static_cast<double>(uni);
}

}  // namespace echotrace
