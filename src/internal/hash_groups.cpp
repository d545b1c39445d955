#include "internal/hash_groups.h"

#include <algorithm>
#include <bit>

#include "internal/assert.h"

namespace echotrace::internal {
namespace {

// Positions per counting chunk and the target number of records per bucket.
constexpr std::size_t kChunk = std::size_t{1} << 18;
constexpr std::size_t kRecordsPerBucket = 8192;
constexpr int kMaxBucketBits = 14;

}  // namespace

HashGroups HashGroups::build(std::span<const std::uint64_t> hashes, std::span<const std::uint32_t> aux,
                             int threads) {
  HashGroups g;
  g.rebuild(hashes, aux, threads);
  return g;
}

void HashGroups::rebuild(std::span<const std::uint64_t> hashes, std::span<const std::uint32_t> aux, int threads) {
  HashGroups& g = *this;
  ECHOTRACE_ASSERT(hashes.size() < (std::size_t{1} << 32));
  ECHOTRACE_ASSERT(aux.empty() || aux.size() == hashes.size());
  const std::size_t n = hashes.size();
  const int bits = std::min(kMaxBucketBits, static_cast<int>(std::bit_width(n / kRecordsPerBucket)));
  const std::size_t nb = std::size_t{1} << bits;
  const auto bucket_of = [bits](std::uint64_t h) -> std::size_t {
    return bits == 0 ? 0 : static_cast<std::size_t>(h >> (64 - bits));
  };
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  const auto nchunks = static_cast<std::int64_t>(chunks);

  std::vector<std::size_t> offsets(chunks * nb, 0);
#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::int64_t c = 0; c < nchunks; ++c) {
    std::size_t* row = &offsets[static_cast<std::size_t>(c) * nb];
    const std::size_t end = std::min(n, static_cast<std::size_t>(c + 1) * kChunk);
    for (std::size_t i = static_cast<std::size_t>(c) * kChunk; i < end; ++i) {
      if (hashes[i] != 0) ++row[bucket_of(hashes[i])];
    }
  }
  g.begin_.assign(nb + 1, 0);
  std::size_t total = 0;
  for (std::size_t b = 0; b < nb; ++b) {
    g.begin_[b] = total;
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::size_t count = offsets[c * nb + b];
      offsets[c * nb + b] = total;
      total += count;
    }
  }
  g.begin_[nb] = total;
  g.records_.resize(total);
#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::int64_t c = 0; c < nchunks; ++c) {
    std::size_t* row = &offsets[static_cast<std::size_t>(c) * nb];
    const std::size_t end = std::min(n, static_cast<std::size_t>(c + 1) * kChunk);
    for (std::size_t i = static_cast<std::size_t>(c) * kChunk; i < end; ++i) {
      const std::uint64_t h = hashes[i];
      if (h == 0) continue;
      g.records_[row[bucket_of(h)]++] =
          HashRecord{h, static_cast<std::uint32_t>(i), aux.empty() ? 0u : aux[i]};
    }
  }
  const auto nbuckets = static_cast<std::int64_t>(nb);
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
  for (std::int64_t b = 0; b < nbuckets; ++b) {
    // Positions are unique, so (hash, pos) is a total order: an unstable
    // sort gives the same result as a stable one by hash, without its buffer.
    std::sort(g.records_.begin() + static_cast<std::ptrdiff_t>(g.begin_[b]),
              g.records_.begin() + static_cast<std::ptrdiff_t>(g.begin_[b + 1]),
              [](const HashRecord& x, const HashRecord& y) { return x.hash != y.hash ? x.hash < y.hash : x.pos < y.pos; });
  }
}

}  // namespace echotrace::internal
