#include "internal/distinct_hashes.h"

#include <algorithm>
#include <atomic>
#include <bit>

#include "internal/assert.h"

namespace echotrace::internal {
namespace {

// Positions per chunk in build(); the counters' tables start at kLocalSlots
// slots and double when half full.
constexpr std::size_t kChunk = std::size_t{1} << 18;
constexpr std::size_t kLocalSlots = std::size_t{1} << 12;

// Open addressing set of hashes (0: empty slot) filled by several threads at once.
class SharedSet {
 public:
  explicit SharedSet(std::size_t expected) {
    std::size_t slots = 16;
    while (slots < 2 * expected) slots *= 2;
    keys_.assign(slots, 0);
    mask_ = slots - 1;
  }
  void insert(std::uint64_t key) {
    for (std::size_t at = key & mask_;; at = (at + 1) & mask_) {
      std::atomic_ref<std::uint64_t> slot(keys_[at]);
      std::uint64_t seen = slot.load(std::memory_order_relaxed);
      if (seen == 0 && slot.compare_exchange_strong(seen, key, std::memory_order_relaxed)) return;
      if (seen == key) return;
    }
  }
  // Slot of a key that was inserted.
  std::size_t find(std::uint64_t key) const {
    std::size_t at = key & mask_;
    while (keys_[at] != key) at = (at + 1) & mask_;
    return at;
  }
  std::span<const std::uint64_t> slots() const { return keys_; }

 private:
  std::vector<std::uint64_t> keys_;
  std::size_t mask_ = 0;
};

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
  DistinctHashes out;
  // All chunks' hashes in one shared set, then ascending.
  std::size_t local_total = 0;
  for (const DistinctChunk& l : chunks) local_total += l.keys.size();
  SharedSet set(local_total);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t c = 0; c < nchunks; ++c) {
    for (std::uint64_t h : chunks[static_cast<std::size_t>(c)].keys) set.insert(h);
  }
  for (std::uint64_t h : set.slots()) {
    if (h != 0) out.value.push_back(h);
  }
  std::sort(out.value.begin(), out.value.end());
  const std::size_t types = out.value.size();
  std::vector<std::uint32_t> index_at(set.slots().size(), 0);  // index of the value in each used slot
#pragma omp parallel for schedule(static, 4096) num_threads(threads)
  for (std::int64_t t = 0; t < static_cast<std::int64_t>(types); ++t) {
    index_at[set.find(out.value[static_cast<std::size_t>(t)])] = static_cast<std::uint32_t>(t);
  }
  out.first.assign(types, UINT32_MAX);
  out.count.assign(types, 0);
  out.flagged.assign(types, 0);
  // Each chunk's keys to global indices, its counts added once per value.
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t c = 0; c < nchunks; ++c) {
    DistinctChunk& l = chunks[static_cast<std::size_t>(c)];
    l.global.resize(l.keys.size());
    for (std::size_t k = 0; k < l.keys.size(); ++k) {
      const std::uint32_t t = index_at[set.find(l.keys[k])];
      l.global[k] = t;
      std::atomic_ref<std::uint64_t>(out.count[t]).fetch_add(l.count[k], std::memory_order_relaxed);
      std::atomic_ref<std::uint64_t>(out.flagged[t]).fetch_add(l.flagged[k], std::memory_order_relaxed);
      std::atomic_ref<std::uint32_t> at(out.first[t]);
      std::uint32_t seen = at.load(std::memory_order_relaxed);
      while (l.first[k] < seen && !at.compare_exchange_weak(seen, l.first[k], std::memory_order_relaxed)) {
      }
    }
  }
  return out;
}

}  // namespace echotrace::internal
