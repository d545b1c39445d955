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
// Bits of the second (in-bucket) counting pass, and the longest run sorted by
// insertion.
constexpr int kMaxSubBits = 16;
constexpr std::size_t kInsertionRun = 16;

// Stable insertion sort by hash: records in position order end in (hash, pos) order.
void insertion_sort(std::span<HashRecord> r) {
  for (std::size_t i = 1; i < r.size(); ++i) {
    const HashRecord x = r[i];
    std::size_t j = i;
    for (; j > 0 && r[j - 1].hash > x.hash; --j) r[j] = r[j - 1];
    r[j] = x;
  }
}

bool hash_pos_less(const HashRecord& x, const HashRecord& y) {
  return x.hash != y.hash ? x.hash < y.hash : x.pos < y.pos;
}

// Sorts one bucket (records in position order, sharing the top `bits` bits of
// their hash) by (hash, pos): a stable counting pass on the next bits of the
// hash into runs of one or two records on average, then each run by
// insertion (stable, by hash) or, above kInsertionRun records (a frequent
// hash), by (hash, pos).
void sort_bucket(std::span<HashRecord> bucket, int bits, std::vector<HashRecord>& scratch,
                 std::vector<std::uint32_t>& start) {
  const std::size_t m = bucket.size();
  if (m <= kInsertionRun) {
    insertion_sort(bucket);
    return;
  }
  const int sub_bits = std::min(kMaxSubBits, static_cast<int>(std::bit_width(m)) - 1);
  const int shift = 64 - bits - sub_bits;
  const std::uint64_t sub_mask = (std::uint64_t{1} << sub_bits) - 1;
  const auto sub_of = [&](std::uint64_t h) { return static_cast<std::size_t>((h >> shift) & sub_mask); };
  const std::size_t runs = std::size_t{1} << sub_bits;
  start.assign(runs + 1, 0);
  for (const HashRecord& r : bucket) ++start[sub_of(r.hash) + 1];
  for (std::size_t k = 0; k < runs; ++k) start[k + 1] += start[k];
  scratch.resize(m);
  for (const HashRecord& r : bucket) scratch[start[sub_of(r.hash)]++] = r;
  // start[k] is now the end of run k.
  std::size_t from = 0;
  for (std::size_t k = 0; k < runs; ++k) {
    const std::size_t to = start[k];
    const std::span<HashRecord> run = std::span<HashRecord>(scratch).subspan(from, to - from);
    if (run.size() <= kInsertionRun) {
      insertion_sort(run);
    } else if (std::all_of(run.begin(), run.end(), [&](const HashRecord& r) { return r.hash == run[0].hash; })) {
      // One frequent hash: the counting pass kept its records in position order.
    } else {
      std::sort(run.begin(), run.end(), hash_pos_less);
    }
    from = to;
  }
  std::copy(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(m), bucket.begin());
}

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
#pragma omp parallel num_threads(threads)
  {
    std::vector<HashRecord> scratch;
    std::vector<std::uint32_t> start;
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t b = 0; b < nbuckets; ++b) {
      const std::span<HashRecord> bucket =
          std::span<HashRecord>(g.records_).subspan(g.begin_[b], g.begin_[b + 1] - g.begin_[b]);
      sort_bucket(bucket, bits, scratch, start);
    }
  }
}

}  // namespace echotrace::internal
