// Sort-based grouping of positions by a 64-bit hash: the counting engine behind
// phrase mining. Records are partitioned by the top bits of their hash into
// buckets of a few thousand, then each bucket is sorted by (hash, position), so
// equal hashes form one contiguous run (a group) whose positions ascend. The
// result is the same for any thread count. Knows nothing about text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "internal/overwrite_vector.h"

namespace echotrace::internal {

// (No member initialisers: the records are sized without zeroing, and the
// parallel scatter of rebuild() is the first to touch their pages.)
struct HashRecord {
  std::uint64_t hash;
  std::uint32_t pos;  // index into the input arrays
  std::uint32_t aux;  // carried along from the input `aux` (0 when none given)
};

class HashGroups {
 public:
  // Groups every index i with hashes[i] != 0 (0 means "no record"); the
  // record of i carries aux[i]. `aux` is empty or as long as `hashes`.
  // REQUIRES: hashes.size() < 2^32.
  static HashGroups build(std::span<const std::uint64_t> hashes, std::span<const std::uint32_t> aux, int threads);
  // The same as build(), into this object: its storage is reused, so a
  // caller grouping level after level does not fault in fresh pages each time.
  void rebuild(std::span<const std::uint64_t> hashes, std::span<const std::uint32_t> aux, int threads);
  // The same with the hash of index i given by `hash_at(i)`, i < n (0: no
  // record), called twice per index from several threads: no array of
  // hashes to fill first. `aux` is empty or n long. Defined in
  // hash_groups_build.h (OpenMP pragmas: library sources only).
  template <typename HashAt>
  void rebuild_with(std::size_t n, HashAt hash_at, std::span<const std::uint32_t> aux, int threads);

  std::size_t buckets() const { return begin_.size() - 1; }
  std::size_t size() const { return records_.size(); }
  // Bucket `b`'s records sorted by (hash, pos). REQUIRES: b < buckets().
  std::span<const HashRecord> bucket(std::size_t b) const {
    return std::span<const HashRecord>(records_).subspan(begin_[b], begin_[b + 1] - begin_[b]);
  }
  // Every record, bucket after bucket.
  std::span<const HashRecord> bucket_records() const { return records_; }
  // Offset of bucket `b`'s first record among all records (buckets in order).
  std::size_t bucket_offset(std::size_t b) const { return begin_[b]; }

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 18;  // indices per counting chunk
  static int bucket_bits(std::size_t n);
  // Turns the per-chunk bucket counts into write offsets; sizes the records.
  std::size_t lay_out(std::vector<std::size_t>& offsets, std::size_t chunks, int bits);
  void sort_buckets(int bits, int threads);

  OverwriteVector<HashRecord> records_;
  std::vector<std::size_t> begin_{0};
};

// Length of the run of records with the same hash starting at `i`.
inline std::size_t group_size(std::span<const HashRecord> records, std::size_t i) {
  std::size_t j = i + 1;
  while (j < records.size() && records[j].hash == records[i].hash) ++j;
  return j - i;
}

}  // namespace echotrace::internal
