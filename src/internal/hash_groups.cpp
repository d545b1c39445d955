#include "internal/hash_groups.h"

#include <algorithm>
#include <bit>

#include "internal/assert.h"
#include "internal/hash_groups_build.h"

namespace echotrace::internal {
namespace {

// The target number of records per bucket.
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
  ECHOTRACE_ASSERT(aux.empty() || aux.size() == hashes.size());
  rebuild_with(hashes.size(), [hashes](std::size_t i) { return hashes[i]; }, aux, threads);
}

int HashGroups::bucket_bits(std::size_t n) {
  ECHOTRACE_ASSERT(n < (std::size_t{1} << 32));
  return std::min(kMaxBucketBits, static_cast<int>(std::bit_width(n / kRecordsPerBucket)));
}

std::size_t HashGroups::lay_out(std::vector<std::size_t>& offsets, std::size_t chunks, int bits) {
  const std::size_t nb = std::size_t{1} << bits;
  begin_.assign(nb + 1, 0);
  std::size_t total = 0;
  for (std::size_t b = 0; b < nb; ++b) {
    begin_[b] = total;
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::size_t count = offsets[c * nb + b];
      offsets[c * nb + b] = total;
      total += count;
    }
  }
  begin_[nb] = total;
  records_.resize(total);
  return total;
}

void HashGroups::sort_buckets(int bits, int threads) {
  const auto nbuckets = static_cast<std::int64_t>(buckets());
#pragma omp parallel num_threads(threads)
  {
    std::vector<HashRecord> scratch;
    std::vector<std::uint32_t> start;
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t b = 0; b < nbuckets; ++b) {
      const std::span<HashRecord> bucket =
          std::span<HashRecord>(records_).subspan(begin_[b], begin_[b + 1] - begin_[b]);
      sort_bucket(bucket, bits, scratch, start);
    }
  }
}

}  // namespace echotrace::internal
