#include "internal/lone_ngrams.h"

#include <algorithm>

#include "internal/assert.h"
#include "internal/english.h"
#include "internal/select_in_order.h"

namespace echotrace::internal {

LoneRanks LoneRanks::build(const MiningInput& in, const Segments& seg, int min_sources, bool none, int threads) {
  LoneRanks r;
  r.shared.assign(seg.size(), 0);
  r.run_rank.push_back(0);
  if (none) return r;
  for (std::uint32_t s = 0; s < seg.size(); ++s) r.shared[s] = seg.sources[s] >= static_cast<std::uint32_t>(min_sources);
  // The positions of shared runs' first copies, ascending: `in` holds first
  // copies only (FirstCopies), so a scan of it finds them in order; then,
  // among them, the runs' first positions.
  select_in_order(
      in.cls.size(), threads, [&](std::size_t p) { return r.shared[seg.of[p]] != 0; },
      [&](std::size_t total) {
        ECHOTRACE_ASSERT(total < kLoneRef);
        r.pos.resize(total);
      },
      [&](std::size_t p, std::size_t k) { r.pos[k] = static_cast<std::uint32_t>(p); });
  select_in_order(
      r.pos.size(), threads, [&](std::size_t k) { return seg.first[seg.of[r.pos[k]]] == r.pos[k]; },
      [&](std::size_t runs) {
        r.run_rank.resize(runs + 1);
        r.run_copies.resize(runs);
        r.run_df.resize(runs);
      },
      [&](std::size_t k, std::size_t run) {
        const std::uint32_t s = seg.of[r.pos[k]];
        r.run_rank[run] = static_cast<std::uint32_t>(k);
        r.run_copies[run] = seg.copies(s);
        r.run_df[run] = seg.df[s];
      });
  r.run_rank.back() = static_cast<std::uint32_t>(r.pos.size());
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

std::size_t LoneLevel::fill(const LonePass& pass, std::uint32_t length, int threads) {
  const MiningInput& in = pass.in;
  const LoneRanks& lone = pass.lone;
  const LoneLevel& lprev = pass.prev_lone;
  const auto nruns = static_cast<std::int64_t>(lone.runs());
  std::size_t lone_count = 0;
#pragma omp parallel for schedule(dynamic, 256) num_threads(threads) reduction(+ : lone_count)
  for (std::int64_t k = 0; k < nruns; ++k) {
    // One shared run: ranks [first_rank, end_rank), positions from `first`.
    const std::uint32_t first_rank = lone.run_rank[static_cast<std::size_t>(k)];
    const std::uint32_t end_rank = lone.run_rank[static_cast<std::size_t>(k) + 1];
    const std::uint32_t first = lone.pos[first_rank];
    const std::uint32_t copies = lone.run_copies[static_cast<std::size_t>(k)];
    const std::uint32_t df = lone.run_df[static_cast<std::size_t>(k)];
    if (length > 2) {  // the parts' groups lie anywhere in the level below: asked for at once
      for (std::uint32_t q = first; q < first + (end_rank - first_rank); ++q) {
        if (const std::uint32_t id = pass.prev_gid[q]; id != kNoGroup) __builtin_prefetch(&pass.prev[id]);
      }
    }
    for (std::uint32_t r = first_rank; r < end_rank; ++r) {
      const std::uint32_t p = first + (r - first_rank);
      if (end_rank - r < length || pass.gid[p] != kNoGroup) {
        state[r] = 0;
        continue;
      }
      ++lone_count;
      auto lone_base_level = static_cast<std::uint8_t>(length);
      std::uint32_t lone_base = r | kLoneRef;
      bool redundant = false, all_stop = false;
      std::uint32_t left = 0, right = 0;  // the parts' occurrences, for the cohesion of candidates
      const std::uint32_t first_cls = in.cls[p], last_cls = in.cls[p + length - 1];
      const bool stop_last = (in.class_flags[last_cls] & kStopWord) != 0;
      if (length == 2) {
        all_stop = stop_last && (in.class_flags[first_cls] & kStopWord) != 0;
      } else {
        // Its parts: a group, or lone n-grams of the same run (ranks r, r + 1).
        struct Part {
          std::uint32_t df;
          std::uint32_t tf;
          bool all_stop;
          std::uint8_t base_level;
          std::uint32_t base;
          std::uint8_t* subsumed;
        };
        const auto part_at = [&](std::uint32_t q, std::uint32_t rank) -> Part {
          if (const std::uint32_t id = pass.prev_gid[q]; id != kNoGroup) {
            NgramGroup& g = pass.prev[id];
            return {g.df, g.tf, g.all_stop != 0, g.base_level, g.base, &g.subsumed};
          }
          return {df,
                  copies,
                  (lprev.state[rank] & kAllStop) != 0,
                  lprev.base_level[rank],
                  lprev.base[rank],
                  &pass.prev_lone.subsumed[rank]};
        };
        const Part left_part = part_at(p, r), right_part = part_at(p + 1, r + 1);
        all_stop = stop_last && left_part.all_stop;
        const struct {
          const Part& part;
          std::uint32_t added;
        } sides[] = {{left_part, last_cls}, {right_part, first_cls}};
        for (const auto& [part, added] : sides) {
          if (df != part.df) continue;
          if (in.class_flags[added] & kStopWord) {
            redundant = true;
            if (lone_base_level == length) {
              lone_base_level = part.base_level;
              lone_base = part.base;
            }
          } else {
            mark_subsumed(*part.subsumed);
            mark_subsumed(pass.subsumed_flag(part.base_level, part.base));
          }
        }
        left = left_part.tf;
        right = right_part.tf;
      }
      state[r] =
          static_cast<std::uint8_t>(kExists | (redundant ? kRedundant : 0) | (all_stop ? kAllStop : 0));
      base_level[r] = lone_base_level;
      base[r] = lone_base;
      left_tf[r] = left;
      right_tf[r] = right;
    }
  }
  return lone_count;
}

void LoneLevel::compact(std::uint32_t length, int min_tokens, int threads,
                        const std::function<double(std::uint32_t)>& cohesion_of) {
  // Only n-grams of min_tokens or more are candidates.
  const std::size_t n = length >= static_cast<std::uint32_t>(min_tokens) ? state.size() : 0;
  select_in_order(
      n, threads,
      [&](std::size_t r) {
        return state[r] == kExists && !subsumed[r];
      },  // not redundant, not all stop words
      [&](std::size_t total) { candidates.resize(total); },
      [&](std::size_t r, std::size_t k) {
        candidates[k] = {static_cast<std::uint32_t>(r), cohesion_of(static_cast<std::uint32_t>(r))};
      });
  done = true;
}

}  // namespace echotrace::internal
