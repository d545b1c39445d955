// Large zeroed memory blocks for arrays that grow with the corpus (MinHash
// signatures): each block is mapped on its own, aligned to 2 MiB and advised
// for transparent huge pages where the kernel offers them (Linux, THP
// "madvise" or "always"), so the kernel faults it in 2 MiB at a time instead
// of 4 KiB. A block never moves, so threads may fill disjoint parts of it.
// Elsewhere the advice is simply not given; the memory is the same.
#pragma once

#include <cstddef>

namespace echotrace::internal {

// Bytes per huge page on x86-64 and aarch64 Linux; blocks are aligned to it.
inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

class HugeBlock {
 public:
  HugeBlock() = default;
  // `bytes` of zeroed memory, rounded up to whole huge pages. Throws
  // std::bad_alloc when the system has no memory left, like operator new.
  explicit HugeBlock(std::size_t bytes);
  HugeBlock(HugeBlock&& other) noexcept;
  HugeBlock& operator=(HugeBlock&& other) noexcept;
  HugeBlock(const HugeBlock&) = delete;
  HugeBlock& operator=(const HugeBlock&) = delete;
  ~HugeBlock();

  void* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace echotrace::internal
