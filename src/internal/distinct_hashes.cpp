#include "internal/distinct_hashes.h"

#include <algorithm>
#include <atomic>
#include <bit>

#include "internal/assert.h"

namespace echotrace::internal {
namespace {

// Positions per work item; the local tables start at kLocalSlots slots and
// double when half full.
constexpr std::size_t kChunk = std::size_t{1} << 18;
constexpr std::size_t kLocalSlots = std::size_t{1} << 12;
constexpr std::uint32_t kEmpty = UINT32_MAX;

// Open addressing from a hash to a small index (the order of first sight
// within one chunk of positions). Reused chunk after chunk by one thread.
class LocalTable {
 public:
  void clear() {
    keys_.clear();
    slots_.assign(kLocalSlots, kEmpty);
  }
  // Index of `key`, inserting it (as the next index) when new.
  std::uint32_t find_or_insert(std::uint64_t key) {
    if (2 * (keys_.size() + 1) > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = key & mask;; at = (at + 1) & mask) {
      const std::uint32_t k = slots_[at];
      if (k == kEmpty) {
        slots_[at] = static_cast<std::uint32_t>(keys_.size());
        keys_.push_back(key);
        return slots_[at];
      }
      if (keys_[k] == key) return k;
    }
  }
  std::span<const std::uint64_t> keys() const { return keys_; }

 private:
  void grow() {
    slots_.assign(2 * slots_.size(), kEmpty);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t k = 0; k < keys_.size(); ++k) {
      std::size_t at = keys_[k] & mask;
      while (slots_[at] != kEmpty) at = (at + 1) & mask;
      slots_[at] = k;
    }
  }

  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> slots_;
};

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

DistinctHashes DistinctHashes::build(std::span<const std::uint64_t> hashes, std::span<const std::uint8_t> flags,
                                     int threads) {
  ECHOTRACE_ASSERT(flags.size() == hashes.size() && hashes.size() < (std::size_t{1} << 32));
  const std::size_t n = hashes.size();
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  const auto nchunks = static_cast<std::int64_t>(chunks);
  // Each chunk's distinct hashes in order of first sight, with their counts,
  // flags and first positions; index_of holds the local index meanwhile.
  struct Local {
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> first, count, flagged;
  };
  std::vector<Local> local(chunks);
  DistinctHashes out;
  out.index_of.resize(n);
#pragma omp parallel num_threads(threads)
  {
    LocalTable table;
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t c = 0; c < nchunks; ++c) {
      Local& l = local[static_cast<std::size_t>(c)];
      table.clear();
      const std::size_t end = std::min(n, static_cast<std::size_t>(c + 1) * kChunk);
      for (std::size_t i = static_cast<std::size_t>(c) * kChunk; i < end; ++i) {
        const std::uint32_t k = table.find_or_insert(hashes[i]);
        if (k == l.first.size()) {
          l.first.push_back(static_cast<std::uint32_t>(i));
          l.count.push_back(0);
          l.flagged.push_back(0);
        }
        ++l.count[k];
        l.flagged[k] += flags[i] != 0 ? 1 : 0;
        out.index_of[i] = k;
      }
      l.keys.assign(table.keys().begin(), table.keys().end());
    }
  }
  // All chunks' hashes in one shared set, then ascending.
  std::size_t local_total = 0;
  for (const Local& l : local) local_total += l.keys.size();
  SharedSet set(local_total);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t c = 0; c < nchunks; ++c) {
    for (std::uint64_t h : local[static_cast<std::size_t>(c)].keys) set.insert(h);
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
  // Each chunk again: local indices to global ones, its counts added once per value.
#pragma omp parallel num_threads(threads)
  {
    std::vector<std::uint32_t> global;
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t c = 0; c < nchunks; ++c) {
      const Local& l = local[static_cast<std::size_t>(c)];
      global.resize(l.keys.size());
      for (std::size_t k = 0; k < l.keys.size(); ++k) {
        const std::uint32_t t = index_at[set.find(l.keys[k])];
        global[k] = t;
        std::atomic_ref<std::uint64_t>(out.count[t]).fetch_add(l.count[k], std::memory_order_relaxed);
        std::atomic_ref<std::uint64_t>(out.flagged[t]).fetch_add(l.flagged[k], std::memory_order_relaxed);
        std::atomic_ref<std::uint32_t> at(out.first[t]);
        std::uint32_t seen = at.load(std::memory_order_relaxed);
        while (l.first[k] < seen && !at.compare_exchange_weak(seen, l.first[k], std::memory_order_relaxed)) {
        }
      }
      const std::size_t end = std::min(n, static_cast<std::size_t>(c + 1) * kChunk);
      for (std::size_t i = static_cast<std::size_t>(c) * kChunk; i < end; ++i) out.index_of[i] = global[out.index_of[i]];
    }
  }
  return out;
}

}  // namespace echotrace::internal
