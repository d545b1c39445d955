#include "internal/distinct_hashes.h"

#include <algorithm>
#include <bit>

#include "internal/assert.h"

namespace echotrace::internal {
namespace {

// Positions per chunk in build(); the counters' tables start at kLocalSlots
// slots and double when half full.
constexpr std::size_t kChunk = std::size_t{1} << 18;
constexpr std::size_t kLocalSlots = std::size_t{1} << 12;

// Partitions of the hash range that merge_chunks() gives out to threads, by
// the top kPartitionBits bits: each partition's values sort on their own,
// and the partitions in order give all values ascending.
constexpr int kPartitionBits = 6;
constexpr std::size_t kPartitions = std::size_t{1} << kPartitionBits;

std::size_t partition_of(std::uint64_t hash) { return static_cast<std::size_t>(hash >> (64 - kPartitionBits)); }

}  // namespace

DistinctCounter::DistinctCounter() : keys_(kLocalSlots, 0), index_(kLocalSlots, 0) {}

void DistinctCounter::start(DistinctChunk& chunk) {
  chunk_ = &chunk;
  chunk.keys.clear();
  chunk.first.clear();
  chunk.count.clear();
  chunk.flagged.clear();
  std::fill(keys_.begin(), keys_.end(), 0);
}

std::uint32_t DistinctCounter::insert(std::size_t at, std::uint64_t hash, bool flag, std::uint32_t position) {
  ECHOTRACE_ASSERT(hash != 0);
  const auto i = static_cast<std::uint32_t>(chunk_->keys.size());
  keys_[at] = hash;
  index_[at] = i;
  chunk_->keys.push_back(hash);
  chunk_->first.push_back(position);
  chunk_->count.push_back(1);
  chunk_->flagged.push_back(flag ? 1 : 0);
  return i;
}

void DistinctCounter::grow() {
  keys_.assign(2 * keys_.size(), 0);
  index_.resize(keys_.size());
  const std::size_t mask = keys_.size() - 1;
  for (std::uint32_t i = 0; i < chunk_->keys.size(); ++i) {
    std::size_t at = chunk_->keys[i] & mask;
    while (keys_[at] != 0) at = (at + 1) & mask;
    keys_[at] = chunk_->keys[i];
    index_[at] = i;
  }
}

DistinctHashes DistinctHashes::build(std::span<const std::uint64_t> hashes, std::span<const std::uint8_t> flags,
                                     int threads) {
  ECHOTRACE_ASSERT(flags.size() == hashes.size() && hashes.size() < (std::size_t{1} << 32));
  const std::size_t n = hashes.size();
  const std::size_t nchunks = (n + kChunk - 1) / kChunk;
  std::vector<DistinctChunk> chunks(nchunks);
  std::vector<std::uint32_t> index_of(n);  // the local index meanwhile
#pragma omp parallel num_threads(threads)
  {
    DistinctCounter counter;
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t c = 0; c < static_cast<std::int64_t>(nchunks); ++c) {
      counter.start(chunks[static_cast<std::size_t>(c)]);
      const std::size_t end = std::min(n, static_cast<std::size_t>(c + 1) * kChunk);
      for (std::size_t i = static_cast<std::size_t>(c) * kChunk; i < end; ++i) {
        index_of[i] = counter.add(hashes[i], flags[i] != 0, static_cast<std::uint32_t>(i));
      }
    }
  }
  DistinctHashes out = merge_chunks(chunks, threads);
#pragma omp parallel for schedule(static, 1) num_threads(threads)
  for (std::int64_t c = 0; c < static_cast<std::int64_t>(nchunks); ++c) {
    const std::vector<std::uint32_t>& global = chunks[static_cast<std::size_t>(c)].global;
    const std::size_t end = std::min(n, static_cast<std::size_t>(c + 1) * kChunk);
    for (std::size_t i = static_cast<std::size_t>(c) * kChunk; i < end; ++i) index_of[i] = global[index_of[i]];
  }
  out.index_of = std::move(index_of);
  return out;
}

DistinctHashes merge_chunks(std::span<DistinctChunk> chunks, int threads) {
  const auto nchunks = static_cast<std::int64_t>(chunks.size());
  // Each chunk's keys copied out grouped by partition (a counting sort), so
  // that a partition reads its part of every chunk in one run.
  struct Entry {
    std::uint64_t key;
    std::uint32_t first, count, flagged;
    std::uint32_t key_index;  // in its chunk
    std::uint32_t part_index;  // of its value in its partition, in order of first sight
  };
  std::vector<std::vector<Entry>> sorted(chunks.size());
  std::vector<std::vector<std::uint32_t>> bounds(chunks.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t c = 0; c < nchunks; ++c) {
    const DistinctChunk& l = chunks[static_cast<std::size_t>(c)];
    std::vector<std::uint32_t>& from = bounds[static_cast<std::size_t>(c)];
    from.assign(kPartitions + 1, 0);
    for (std::uint64_t h : l.keys) ++from[partition_of(h) + 1];
    for (std::size_t q = 0; q < kPartitions; ++q) from[q + 1] += from[q];
    std::vector<std::uint32_t> at(from.begin(), from.end() - 1);
    std::vector<Entry>& out = sorted[static_cast<std::size_t>(c)];
    out.resize(l.keys.size());
    for (std::uint32_t k = 0; k < l.keys.size(); ++k) {
      out[at[partition_of(l.keys[k])]++] = {l.keys[k], l.first[k], l.count[k], l.flagged[k], k, 0};
    }
  }
  // Each partition on its own: its distinct values with their totals, in
  // order of first sight, then ascending.
  struct Partition {
    std::vector<std::uint64_t> value;
    std::vector<std::uint32_t> first;
    std::vector<std::uint64_t> count, flagged;
    std::vector<std::uint32_t> rank;  // index in order of first sight -> index ascending
  };
  std::vector<Partition> parts(kPartitions);
#pragma omp parallel num_threads(threads)
  {
    DistinctCounter table;
    DistinctChunk seen;
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t qq = 0; qq < static_cast<std::int64_t>(kPartitions); ++qq) {
      const auto q = static_cast<std::size_t>(qq);
      Partition& part = parts[q];
      table.start(seen);
      for (std::size_t c = 0; c < chunks.size(); ++c) {
        for (std::uint32_t j = bounds[c][q]; j < bounds[c][q + 1]; ++j) {
          Entry& e = sorted[c][j];
          const std::uint32_t t = table.add(e.key, false, e.first);
          if (t == part.count.size()) {
            part.first.push_back(e.first);
            part.count.push_back(0);
            part.flagged.push_back(0);
          }
          part.first[t] = std::min(part.first[t], e.first);
          part.count[t] += e.count;
          part.flagged[t] += e.flagged;
          e.part_index = t;
        }
      }
      const std::size_t m = seen.keys.size();
      std::vector<std::uint32_t> by_value(m);
      for (std::uint32_t t = 0; t < m; ++t) by_value[t] = t;
      std::sort(by_value.begin(), by_value.end(),
                [&](std::uint32_t x, std::uint32_t y) { return seen.keys[x] < seen.keys[y]; });
      part.rank.resize(m);
      part.value.resize(m);
      std::vector<std::uint32_t> first(m);
      std::vector<std::uint64_t> count(m), flagged(m);
      for (std::uint32_t r = 0; r < m; ++r) {
        const std::uint32_t t = by_value[r];
        part.rank[t] = r;
        part.value[r] = seen.keys[t];
        first[r] = part.first[t];
        count[r] = part.count[t];
        flagged[r] = part.flagged[t];
      }
      part.first = std::move(first);
      part.count = std::move(count);
      part.flagged = std::move(flagged);
    }
  }
  // The partitions in order, and each chunk key's index among all values.
  std::vector<std::uint32_t> offset(kPartitions + 1, 0);
  for (std::size_t q = 0; q < kPartitions; ++q) {
    offset[q + 1] = offset[q] + static_cast<std::uint32_t>(parts[q].value.size());
  }
  DistinctHashes out;
  const std::size_t types = offset[kPartitions];
  out.value.resize(types);
  out.first.resize(types);
  out.count.resize(types);
  out.flagged.resize(types);
  for (std::size_t q = 0; q < kPartitions; ++q) {
    const Partition& part = parts[q];
    std::copy(part.value.begin(), part.value.end(), out.value.begin() + offset[q]);
    std::copy(part.first.begin(), part.first.end(), out.first.begin() + offset[q]);
    std::copy(part.count.begin(), part.count.end(), out.count.begin() + offset[q]);
    std::copy(part.flagged.begin(), part.flagged.end(), out.flagged.begin() + offset[q]);
  }
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t c = 0; c < nchunks; ++c) {
    DistinctChunk& l = chunks[static_cast<std::size_t>(c)];
    const std::vector<Entry>& entries = sorted[static_cast<std::size_t>(c)];
    const std::vector<std::uint32_t>& from = bounds[static_cast<std::size_t>(c)];
    l.global.resize(l.keys.size());
    for (std::size_t q = 0; q < kPartitions; ++q) {
      for (std::uint32_t j = from[q]; j < from[q + 1]; ++j) {
        l.global[entries[j].key_index] = offset[q] + parts[q].rank[entries[j].part_index];
      }
    }
  }
  return out;
}

}  // namespace echotrace::internal
