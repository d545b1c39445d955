// RepetitionIndex (declared in clean.h): unit keys counted per outlet in an
// open-addressing table.
#include <echotrace/clean.h>

#include "internal/assert.h"
#include "internal/hash.h"

namespace echotrace {

RepetitionIndex::RepetitionIndex() : slots_(1024) {}

void RepetitionIndex::add(std::string_view outlet_key, std::span<const std::uint64_t> unit_hashes) {
  const std::uint64_t outlet_hash = internal::xxh3_64(outlet_key, 0);
  const auto [it, fresh] =
      outlet_ids_.try_emplace(outlet_hash, static_cast<std::uint32_t>(outlet_documents_.size()));
  if (fresh) outlet_documents_.push_back(0);
  const std::uint32_t outlet = it->second;
  ++outlet_documents_[outlet];
  ++documents_;
  if ((used_ + unit_hashes.size()) * 2 > slots_.size()) reserve(used_ + unit_hashes.size());
  for (std::uint64_t h : unit_hashes) prefetch(h);
  for (std::uint64_t h : unit_hashes) {
    ECHOTRACE_ASSERT(h != 0);
    if ((used_ + 1) * 2 > slots_.size()) grow(slots_.size() * 2);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = internal::mix64(h) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.key == 0) {
        s = {h, outlet, 1};
        ++used_;
        break;
      }
      if (s.key == h) {
        if ((s.documents & ~kSeveralOutlets) != ~kSeveralOutlets) ++s.documents;  // saturates
        if (s.outlet != outlet) s.documents |= kSeveralOutlets;
        break;
      }
    }
  }
}

void RepetitionIndex::prefetch(std::uint64_t unit_hash) const {
  __builtin_prefetch(&slots_[internal::mix64(unit_hash) & (slots_.size() - 1)]);
}

void RepetitionIndex::reserve(std::size_t distinct_units) {
  std::size_t size = slots_.size();
  while (size < 2 * distinct_units) size *= 2;
  if (size > slots_.size()) grow(size);
}

void RepetitionIndex::grow(std::size_t size) {
  std::vector<Slot> old(size);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.key == 0) continue;
    std::size_t i = internal::mix64(s.key) & mask;
    while (slots_[i].key != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

UnitSpread RepetitionIndex::spread(std::uint64_t unit_hash) const {
  if (unit_hash == 0) return {};
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = internal::mix64(unit_hash) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.key == 0) return {};
    if (s.key == unit_hash) {
      const std::uint32_t docs = s.documents & ~kSeveralOutlets;
      if (s.documents & kSeveralOutlets) return {docs, true, 0};
      return {docs, false, outlet_documents_[s.outlet]};
    }
  }
}

}  // namespace echotrace
