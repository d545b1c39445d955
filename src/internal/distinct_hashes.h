// The distinct values of an array of 64-bit hashes, ascending, with the index
// of each position's value among them: grouping by hash with hash tables, for
// arrays with few distinct values (the word types of a corpus), where
// sorting every position (hash_groups.h) would cost more. Positions are
// counted chunk by chunk (each a run of consecutive positions), each position
// looked up once in a small table of its chunk's values; the chunks are then
// merged into the global values. A caller that produces the hashes itself
// (flatten() in phrase_corpus.h) counts its chunks as it goes, so the hashes
// are never stored. The result is the same for any thread count and any cut
// into chunks. Knows nothing about text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace echotrace::internal {

struct DistinctHashes {
  std::vector<std::uint64_t> value;      // distinct hashes, ascending
  std::vector<std::uint32_t> first;      // first position holding each value
  std::vector<std::uint64_t> count;      // positions holding each value
  std::vector<std::uint64_t> flagged;    // of those, positions whose flag is set
  std::vector<std::uint32_t> index_of;   // per position: index of its hash in `value`

  // REQUIRES: flags.size() == hashes.size() < 2^32; no hash is 0.
  static DistinctHashes build(std::span<const std::uint64_t> hashes, std::span<const std::uint8_t> flags,
                              int threads);
};

// The distinct hashes of one chunk of positions, in order of first sight.
struct DistinctChunk {
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> first;    // first position holding each key
  std::vector<std::uint32_t> count;    // positions holding each key
  std::vector<std::uint32_t> flagged;  // of those, positions whose flag is set
  std::vector<std::uint32_t> global;   // index of each key in DistinctHashes::value, set by merge_chunks()
};

// Counts the positions of one chunk at a time into a DistinctChunk; one per
// thread, reused chunk after chunk (its table keeps its memory).
class DistinctCounter {
 public:
  DistinctCounter();
  // Starts counting into `chunk`, which must outlive the counting.
  void start(DistinctChunk& chunk);
  // Counts `hash` at `position` and returns its index in the chunk's keys.
  // REQUIRES: start() called; hash != 0; positions ascending within a chunk.
  // Asks for the slot `hash` would probe first (a later add() of it then
  // rarely waits on memory).
  void prefetch(std::uint64_t hash) const {
    const std::size_t at = hash & (keys_.size() - 1);
    __builtin_prefetch(&keys_[at]);
    __builtin_prefetch(&index_[at]);
  }
  std::uint32_t add(std::uint64_t hash, bool flag, std::uint32_t position) {
    if (2 * (chunk_->keys.size() + 1) > keys_.size()) grow();
    const std::size_t mask = keys_.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      const std::uint64_t k = keys_[at];
      if (k == hash) {
        const std::uint32_t i = index_[at];
        ++chunk_->count[i];
        chunk_->flagged[i] += flag ? 1 : 0;
        return i;
      }
      if (k == 0) return insert(at, hash, flag, position);
    }
  }

 private:
  std::uint32_t insert(std::size_t at, std::uint64_t hash, bool flag, std::uint32_t position);
  void grow();

  DistinctChunk* chunk_ = nullptr;
  std::vector<std::uint64_t> keys_;  // open addressing, 0: empty slot
  std::vector<std::uint32_t> index_;
};

// The distinct hashes of all `chunks` (value, first, count and flagged; not
// index_of), and each chunk's `global`. The chunks may be cut anywhere and
// come in any order: the result does not depend on it, nor on `threads`.
DistinctHashes merge_chunks(std::span<DistinctChunk> chunks, int threads);

}  // namespace echotrace::internal
