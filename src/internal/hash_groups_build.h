// The body of HashGroups::rebuild_with() (hash_groups.h). It holds OpenMP
// pragmas, so only sources compiled with OpenMP (the library's) include it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "internal/hash_groups.h"

namespace echotrace::internal {

template <typename HashAt>
void HashGroups::rebuild_with(std::size_t n, HashAt hash_at, std::span<const std::uint32_t> aux, int threads) {
  const int bits = bucket_bits(n);
  const std::size_t nb = std::size_t{1} << bits;
  const auto bucket_of = [bits](std::uint64_t h) -> std::size_t {
    return bits == 0 ? 0 : static_cast<std::size_t>(h >> (64 - bits));
  };
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  const auto nchunks = static_cast<std::int64_t>(chunks);
  std::vector<std::size_t> offsets(chunks * nb, 0);
  // Calls visit(i, h, row) for every position i of every chunk whose hash h
  // is not 0, `row` being that chunk's bucket counters (then offsets); the
  // chunks are spread over the threads, the same way in both passes.
  const auto each_chunk = [&](auto visit) {
#pragma omp parallel for schedule(static) num_threads(threads)
    for (std::int64_t c = 0; c < nchunks; ++c) {
      std::size_t* row = &offsets[static_cast<std::size_t>(c) * nb];
      const std::size_t end = std::min(n, static_cast<std::size_t>(c + 1) * kChunk);
      for (std::size_t i = static_cast<std::size_t>(c) * kChunk; i < end; ++i) {
        const std::uint64_t h = hash_at(i);
        if (h != 0) visit(i, h, row);
      }
    }
  };
  each_chunk([&](std::size_t, std::uint64_t h, std::size_t* row) { ++row[bucket_of(h)]; });
  lay_out(offsets, chunks, bits);
  each_chunk([&](std::size_t i, std::uint64_t h, std::size_t* row) {
    records_[row[bucket_of(h)]++] = HashRecord{h, static_cast<std::uint32_t>(i), aux.empty() ? 0u : aux[i]};
  });
  sort_buckets(bits, threads);
}

}  // namespace echotrace::internal
