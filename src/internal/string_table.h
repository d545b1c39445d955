// A small immutable map from strings to 32-bit values (open addressing over
// XXH3 hashes), for fixed word lists looked up millions of times. Keys are
// string_views: the caller keeps their bytes alive as long as the table (string
// literals do).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "internal/hash.h"

namespace echotrace::internal {

class StringTable {
 public:
  // Adds or replaces `key`. REQUIRES: `value` != kAbsent.
  void insert(std::string_view key, std::uint32_t value) {
    if ((count_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 64 : slots_.size() * 2);
    put(key, value);
  }
  // The value stored for `key`, or kAbsent.
  std::uint32_t find(std::string_view key) const {
    if (slots_.empty()) return kAbsent;
    const std::uint64_t h = xxh3_64(key, kSeed);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kAbsent) return kAbsent;
      if (s.hash == h && s.key == key) return s.value;
    }
  }
  std::size_t size() const { return count_; }

  static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;

 private:
  static constexpr std::uint64_t kSeed = 0x5eed7ab1e;
  struct Slot {
    std::uint64_t hash = 0;
    std::string_view key;
    std::uint32_t value = kAbsent;
  };
  void put(std::string_view key, std::uint32_t value) {
    const std::uint64_t h = xxh3_64(key, kSeed);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == kAbsent) {
        s = {h, key, value};
        ++count_;
        return;
      }
      if (s.hash == h && s.key == key) {
        s.value = value;
        return;
      }
    }
  }
  void rehash(std::size_t size) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    count_ = 0;
    for (const Slot& s : old) {
      if (s.value != kAbsent) put(s.key, s.value);
    }
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

}  // namespace echotrace::internal
