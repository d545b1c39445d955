// Where given phrases start in an array of class ids: the one scan behind a
// talking point's occurrences (phrase_occurrences.cpp) and the occurrences
// its originality is computed from (originality.cpp). A phrase is the
// ngram_hash() of its class ids and its length. Cheapest tests first at each
// position: its class (does any phrase start with it), the pair of its first
// two classes (a one-hash Bloom filter that fits a core's cache), then one
// hash per length of the phrases that start with the class, looked up by open
// addressing. Immutable once built: share it between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "internal/hash.h"
#include "internal/phrase_mining.h"

namespace echotrace::internal {

// A set of (class, next class) pairs as 2^20 bits, one hash per pair (a
// one-hash Bloom filter): PhraseMatcher tests a position's first two classes
// against the phrases it looks for before hashing whole n-grams.
// No false negatives; a false positive only costs the full lookup.
class ClassPairFilter {
 public:
  ClassPairFilter() : bits_(kBits / 64, 0) {}
  void add(std::uint32_t a, std::uint32_t b) {
    const std::uint64_t k = bit(a, b);
    bits_[k / 64] |= std::uint64_t{1} << (k % 64);
  }
  bool may_contain(std::uint32_t a, std::uint32_t b) const {
    const std::uint64_t k = bit(a, b);
    return (bits_[k / 64] >> (k % 64) & 1) != 0;
  }

 private:
  static constexpr std::size_t kBits = std::size_t{1} << 20;
  static std::uint64_t bit(std::uint32_t a, std::uint32_t b) {
    return mix64(std::uint64_t{a} << 32 | b) & (kBits - 1);
  }
  std::vector<std::uint64_t> bits_;
};

// A phrase to look for: the hash of its class ids and its length.
struct PhraseTarget {
  std::uint64_t hash = 0;          // 0: cannot occur (a word the corpus lacks)
  std::uint32_t length = 0;        // >= 1
  std::uint32_t first_class = 0;   // class of its first token
  std::uint32_t second_class = 0;  // class of its second token (when length >= 2)
};

class PhraseMatcher {
 public:
  // Looks for `targets` among class ids below `classes` (a target starting
  // with another class never matches).
  PhraseMatcher(std::span<const PhraseTarget> targets, std::uint32_t classes);

  // Calls found(k) for each target k that starts at cls[0], lengths
  // ascending, k ascending within a length. `run` is how many ids from cls[0]
  // a phrase may span (MiningInput::run): cls[0, run) must be readable.
  template <typename Found>
  void at(const std::uint32_t* cls, std::uint32_t run, Found&& found) const {
    const std::uint32_t c = cls[0];
    if (c >= classes_) return;
    std::uint32_t j = first_[c];
    const std::uint32_t end = first_[c + 1];
    if (j == end) return;
    if (lengths_[j] == 1) {
      match(cls, 1, found);
      ++j;
    }
    if (j == end || run < 2 || !pairs_.may_contain(c, cls[1])) return;
    for (; j < end && lengths_[j] <= run; ++j) match(cls, lengths_[j], found);
  }

 private:
  template <typename Found>
  void match(const std::uint32_t* cls, std::uint32_t len, Found& found) const {
    const std::uint64_t h = ngram_hash(cls, len);
    std::size_t slot = h & mask_;
    while (index_[slot].first != 0 && index_[slot].first != h) slot = (slot + 1) & mask_;
    if (index_[slot].first == 0) return;
    for (std::size_t t = index_[slot].second; t < table_.size() && table_[t].first == h; ++t) {
      if (length_of_[table_[t].second] == len) found(table_[t].second);
    }
  }

  std::uint32_t classes_ = 0;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> table_;  // (hash, target), ascending
  std::vector<std::uint32_t> length_of_;                        // of each target
  // Open addressing from a hash to its first entry in `table_` (hashes are
  // never 0, so 0 marks an empty slot).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> index_;
  std::size_t mask_ = 0;
  // The distinct lengths of the targets starting with class c, ascending:
  // lengths_[first_[c], first_[c + 1]).
  std::vector<std::uint32_t> first_, lengths_;
  ClassPairFilter pairs_;  // first two classes of the targets of >= 2 tokens
};

}  // namespace echotrace::internal
