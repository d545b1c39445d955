// Parallel selection that keeps order: the indices i < n for which a
// predicate holds, found chunk by chunk in two passes (counted, then
// written), so that each lands at its rank among the selected ones without
// a serial pass or a merge.
//
// Thread-safety: the callables run on `threads` threads at once; `select`
// must be safe to call concurrently, `write` is called with distinct ranks.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace echotrace::internal {

// Calls write(i, k) for each i < n with select(i) true, k its rank among
// them, after size(total) (which sizes the output; called once, between the
// passes). select(i) is evaluated twice per index.
template <typename Select, typename Size, typename Write>
void select_in_order(std::size_t n, int threads, Select select, Size size, Write write) {
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  const auto nchunks = static_cast<std::int64_t>(chunks);
  std::vector<std::size_t> at(chunks + 1, 0);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t c = 0; c < nchunks; ++c) {
    const std::size_t end = std::min(n, (static_cast<std::size_t>(c) + 1) * kChunk);
    std::size_t found = 0;
    for (std::size_t i = static_cast<std::size_t>(c) * kChunk; i < end; ++i) found += select(i) ? 1 : 0;
    at[static_cast<std::size_t>(c) + 1] = found;
  }
  for (std::size_t c = 0; c < chunks; ++c) at[c + 1] += at[c];
  size(at[chunks]);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t c = 0; c < nchunks; ++c) {
    const std::size_t end = std::min(n, (static_cast<std::size_t>(c) + 1) * kChunk);
    std::size_t k = at[static_cast<std::size_t>(c)];
    for (std::size_t i = static_cast<std::size_t>(c) * kChunk; i < end; ++i) {
      if (select(i)) write(i, k++);
    }
  }
}

}  // namespace echotrace::internal
