// The distinct values of an array of 64-bit hashes, ascending, with the index
// of each position's value among them: grouping by hash with hash tables, for
// arrays with few distinct values (the word types of a corpus), where
// sorting every position (hash_groups.h) would cost more. Each position is
// looked up once, in a small table of its chunk's values, and positions are
// read and written in order. The result is the same for any
// thread count. Knows nothing about text.
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

}  // namespace echotrace::internal
