#include "internal/lone_ngrams.h"

#include <algorithm>

#include "internal/assert.h"

namespace echotrace::internal {

LoneRanks LoneRanks::build(const MiningInput& in, const Segments& seg, int min_sources, bool none) {
  LoneRanks r;
  r.shared.assign(seg.size(), 0);
  r.run_rank.push_back(0);
  if (none) return r;
  std::vector<std::uint32_t> firsts;
  for (std::uint32_t s = 0; s < seg.size(); ++s) {
    if (seg.sources[s] < static_cast<std::uint32_t>(min_sources)) continue;
    r.shared[s] = 1;
    firsts.push_back(seg.first[s]);
  }
  std::sort(firsts.begin(), firsts.end());
  r.run_rank.clear();
  for (const std::uint32_t p : firsts) {
    r.run_rank.push_back(static_cast<std::uint32_t>(r.pos.size()));
    for (std::uint32_t k = 0; k < in.run[p]; ++k) r.pos.push_back(p + k);
  }
  r.run_rank.push_back(static_cast<std::uint32_t>(r.pos.size()));
  ECHOTRACE_ASSERT(r.pos.size() < kLoneRef);
  return r;
}

std::uint32_t LoneRanks::rank_of(std::uint32_t p) const {
  const auto it = std::lower_bound(pos.begin(), pos.end(), p);
  ECHOTRACE_ASSERT(it != pos.end() && *it == p);
  return static_cast<std::uint32_t>(it - pos.begin());
}

void LoneLevel::resize(std::size_t ranks, LoneLevel& spare) {
  if (&spare != this) {
    state = std::move(spare.state);
    base_level = std::move(spare.base_level);
    base = std::move(spare.base);
    left_tf = std::move(spare.left_tf);
    right_tf = std::move(spare.right_tf);
  }
  state.resize(ranks);
  base_level.resize(ranks);
  base.resize(ranks);
  left_tf.resize(ranks);
  right_tf.resize(ranks);
  subsumed.assign(ranks, 0);
}

std::size_t LoneLevel::count() const {
  std::size_t n = 0;
  for (const std::uint8_t s : state) n += (s & kExists) != 0 ? 1 : 0;
  return n;
}

void LoneLevel::compact(std::uint32_t length, int min_tokens, int threads,
                        const std::function<double(std::uint32_t)>& cohesion_of) {
  constexpr std::size_t kChunk = 1 << 16;
  const std::size_t n = state.size();
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  // Counted, then written in place: each chunk's candidates after the ones before.
  std::vector<std::size_t> at(chunks + 1, 0);
  const bool long_enough = length >= static_cast<std::uint32_t>(min_tokens);
  const auto each_candidate = [&](std::size_t c, auto visit) {
    const std::size_t end = std::min(n, (c + 1) * kChunk);
    for (std::size_t r = c * kChunk; r < end; ++r) {
      if (state[r] == kExists && !subsumed[r]) visit(r);  // not redundant, not all stop words
    }
  };
  if (long_enough) {
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
      std::size_t found = 0;
      each_candidate(static_cast<std::size_t>(c), [&](std::size_t) { ++found; });
      at[static_cast<std::size_t>(c) + 1] = found;
    }
  }
  for (std::size_t c = 0; c < chunks; ++c) at[c + 1] += at[c];
  candidates.resize(at[chunks]);
  if (long_enough) {
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
      std::size_t w = at[static_cast<std::size_t>(c)];
      each_candidate(static_cast<std::size_t>(c), [&](std::size_t r) {
        candidates[w++] = {static_cast<std::uint32_t>(r), cohesion_of(static_cast<std::uint32_t>(r))};
      });
    }
  }
  done = true;
}

}  // namespace echotrace::internal
