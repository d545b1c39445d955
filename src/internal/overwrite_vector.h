// A std::vector whose resize() leaves new elements of trivial types
// uninitialised, for arrays over every corpus position that a parallel loop
// fills right after sizing them: the loop's threads are then the first to
// touch (and fault in) the pages, instead of one thread zeroing them first.
// Elements are still value-initialised when given explicit arguments.
#pragma once

#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace echotrace::internal {

template <typename T>
class OverwriteAllocator : public std::allocator<T> {
 public:
  using value_type = T;
  template <typename U>
  struct rebind {
    using other = OverwriteAllocator<U>;
  };
  OverwriteAllocator() noexcept = default;
  template <typename U>
  OverwriteAllocator(const OverwriteAllocator<U>&) noexcept {}  // NOLINT: allocator conversion

  // Default-initialises: no zeroing for trivial types.
  template <typename U>
  void construct(U* p) noexcept(noexcept(::new (static_cast<void*>(p)) U)) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <typename T>
using OverwriteVector = std::vector<T, OverwriteAllocator<T>>;

}  // namespace echotrace::internal
