#include "internal/phrase_mining.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>

#include "internal/assert.h"
#include "internal/concentration.h"
#include "internal/english.h"
#include "internal/hash.h"
#include "internal/hash_groups.h"
#include "internal/hash_groups_build.h"
#include "internal/lone_ngrams.h"
#include "internal/ngram_groups.h"
#include "internal/originality.h"
#include "internal/phrase_score.h"
#include "internal/segments.h"

namespace echotrace::internal {
namespace {

constexpr std::uint32_t kNone = kNoGroup;

// Penalty factors (phrases.h documents them).
constexpr double kStopEdgePenalty = 0.3;
constexpr double kNumberOrDatePenalty = 0.05;
constexpr double kDateWordPenalty = 0.5;
// Candidates kept by the score without originality, and the batch in which
// originality is computed for them, in multiples of `max_results`.
constexpr std::size_t kCandidateFactor = 64;
constexpr std::size_t kBatchFactor = 8;
// Groups ahead whose parts are prefetched in the passes over a level.
constexpr std::int64_t kAhead = 8;

using Group = NgramGroup;

// Asks for both cache lines a group record may straddle (72 bytes).
void prefetch_group(const Group& g) {
  __builtin_prefetch(&g);
  __builtin_prefetch(reinterpret_cast<const char*>(&g) + sizeof(Group) - 1);
}

}  // namespace

std::uint64_t ngram_hash(const std::uint32_t* cls, std::size_t len) {
  const std::uint64_t h =
      xxh3_64(std::string_view(reinterpret_cast<const char*>(cls), len * sizeof(std::uint32_t)), 0);
  return h == 0 ? 1 : h;
}

double time_concentration(std::span<double> times) {
  const std::size_t k = times.size();
  if (k < 2) return 1.0;
  const std::size_t m = k / 2;
  std::nth_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(m), times.end());
  const double upper = times[m];
  const auto lower_half_end = times.begin() + static_cast<std::ptrdiff_t>(m);
  const double median = k % 2 == 1 ? upper : 0.5 * (*std::max_element(times.begin(), lower_half_end) + upper);
  double mad = 0;
  for (double t : times) mad += std::abs(t - median);
  mad /= static_cast<double>(k);
  return std::clamp(1.0 - mad / expected_deviation(k), 0.0, 1.0);
}

double expected_deviation(std::size_t k) {
  const double dk = static_cast<double>(k), dm = static_cast<double>(k / 2);
  return (k % 2 == 1 ? dm * (dm + 1) : dm * dm) / ((dk + 1) * dk);
}

double phrase_penalty(std::span<const std::uint8_t> flags) {
  if (flags.empty()) return 0.0;
  bool all_stop = true, all_number_date = true, any_date = false;
  for (std::uint8_t f : flags) {
    all_stop = all_stop && (f & kStopWord) != 0;
    all_number_date = all_number_date && (f & (kStopWord | kNumber | kDateWord)) != 0;
    any_date = any_date || (f & kDateWord) != 0;
  }
  if (all_stop) return 0.0;
  if (all_number_date) return kNumberOrDatePenalty;
  double p = 1.0;
  if (flags.front() & kStopWord) p *= kStopEdgePenalty;
  if (flags.back() & kStopWord) p *= kStopEdgePenalty;
  if (any_date) p *= kDateWordPenalty;
  return p;
}

MiningResult mine_phrases(const MiningInput& corpus, const MiningOptions& o, int threads) {
  ECHOTRACE_ASSERT(o.min_tokens >= 2 && o.max_tokens >= o.min_tokens && o.min_sources >= 1);
  const std::size_t positions = corpus.cls.size();
  ECHOTRACE_ASSERT(corpus.run.size() == positions && corpus.doc_of.size() == positions &&
                   corpus.sentence_end.size() == positions && positions < kNone);
  ECHOTRACE_ASSERT(corpus.doc_time.empty() || corpus.doc_time.size() == corpus.source_of_doc.size());
  const double total = static_cast<double>(std::max<std::size_t>(positions, 1));
  // Groups are built over the first copy of each distinct phrase run, by
  // rank among those positions (`in`); originality reads the whole corpus.
  const FirstCopies first_copies = FirstCopies::build(corpus, Segments::build(corpus, threads, false), threads);
  const MiningInput& in = first_copies.input;
  const Segments& seg = first_copies.seg;
  const std::size_t n = in.cls.size();
  const auto count = static_cast<std::int64_t>(n);
  const Scorer scorer(in, o, in.source_of_doc.size());
  const std::vector<double> seg_concentration = segment_concentrations(in, seg, threads);
  // N-grams of one shared run's first copy only are not grouped (lone_ngrams.h).
  const LoneRanks lone = LoneRanks::build(in, seg, o.min_sources, !o.lone_ngrams, threads);
  const int min_records = o.lone_ngrams ? 2 : 1;  // groups of one record: lone n-grams
  MiningResult result;
  // Phrases with their full score but for originality, the best `keep` of
  // them kept (all when max_results is 0).
  std::vector<MinedPhrase> pool;
  const std::size_t keep = kCandidateFactor * o.max_results;
  // Scores the groups group_at(k), k < size, in parallel, chunk by chunk,
  // and hands the phrases with a positive score to take(k, phrase) in order.
  std::vector<std::vector<std::pair<std::uint32_t, MinedPhrase>>> scored_parts;
  const auto score_groups = [&](std::size_t size, auto group_at, auto take) {
    constexpr std::size_t kChunk = 1 << 14;
    const std::size_t chunks = (size + kChunk - 1) / kChunk;
    if (scored_parts.size() < chunks) scored_parts.resize(chunks);
#pragma omp parallel num_threads(threads)
    {
      const Scorer mine = scorer;  // one per thread: a scorer may keep scratch space
#pragma omp for schedule(dynamic, 1)
      for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
        auto& part = scored_parts[static_cast<std::size_t>(c)];
        part.clear();
        const std::size_t end = std::min(size, (static_cast<std::size_t>(c) + 1) * kChunk);
        for (std::size_t k = static_cast<std::size_t>(c) * kChunk; k < end; ++k) {
          const Group g = group_at(k);
          if (g.subsumed || g.redundant || g.length < static_cast<std::uint32_t>(o.min_tokens)) continue;
          const MinedPhrase p = mine.score(g);
          if (p.score <= 0) continue;
          part.emplace_back(static_cast<std::uint32_t>(k), p);
        }
      }
    }
    for (std::size_t c = 0; c < chunks; ++c) {
      result.scored += scored_parts[c].size();
      for (const auto& [k, p] : scored_parts[c]) take(k, p);
    }
  };
  const auto add = [&](const MinedPhrase& p) {
    pool.push_back(p);
    if (keep != 0 && pool.size() > 2 * keep) prune(pool, keep);
  };
  const auto finalize = [&](std::span<const Group> groups) {
    score_groups(groups.size(), [&](std::size_t k) { return groups[k]; },
                 [&](std::uint32_t, const MinedPhrase& p) { add(p); });
  };
  // Phrases whose time concentration is pending (compact_level()): scored
  // with concentration 1, a bound on their score.
  struct Bounded {
    MinedPhrase phrase;
    std::uint32_t level, pending;
  };
  std::vector<Bounded> bounded;

  // levels[L] holds the groups of L-grams while they are read in full (the
  // level being built and the one below it). An n-gram can still be shown
  // not maximal by one several tokens longer (through stop words), so an
  // older level keeps its subsumed flags and its scorable groups (compact_level()).
  std::vector<GroupVector> levels(static_cast<std::size_t>(o.max_tokens) + 1);
  std::vector<CompactLevel> compacted(levels.size());  // done: no longer in `levels`
  std::vector<LoneLevel> lone_levels(levels.size());
  // Cohesion of the lone n-gram of length `level` at rank `r`, as the pass
  // over groups computes it, from its parts' occurrences kept by the pass.
  const auto lone_cohesion = [&](std::size_t level, std::uint32_t r) {
    const LoneLevel& l = lone_levels[level];
    const std::uint32_t p = lone.pos[r];
    const double tf = seg.copies(seg.of[p]);
    const double c_first = static_cast<double>(in.class_count[in.cls[p]]);
    const double c_last = static_cast<double>(in.class_count[in.cls[p + level - 1]]);
    if (level == 2) return npmi(tf, c_first, c_last, total);
    return npmi_min(tf, l.left_tf[r], c_last, c_first, l.right_tf[r], total);
  };
  const auto subsumed_flag = [&](std::uint8_t level, std::uint32_t index) -> std::uint8_t& {
    if ((index & kLoneRef) != 0) return lone_levels[level].subsumed[index & ~kLoneRef];
    CompactLevel& c = compacted[level];
    return c.done ? c.subsumed[index] : levels[level][index].subsumed;
  };
  const auto base_subsumed = [&](const Group& g) -> std::uint8_t& {
    return subsumed_flag(g.base_level, g.base);
  };
  GroupVector spare;  // storage of a compacted level, for the next one
  // Arrays over every position, each written before it is read: left
  // uninitialised, so that the parallel loops are the first to touch them.
  const auto gid_buf = std::make_unique_for_overwrite<std::uint32_t[]>(2 * n);
  const auto occ_buf = std::make_unique_for_overwrite<NgramOccurrence[]>(2 * n);
  std::span<std::uint32_t> gid_prev(gid_buf.get(), n), gid_cur(gid_buf.get() + n, n);
  // Occurrences of the previous level's groups and of this level's.
  std::span<NgramOccurrence> occ_prev(occ_buf.get(), n), occ_cur(occ_buf.get() + n, n);
  HashGroups grouping;
  std::vector<GroupVector> parts;     // refine_groups() scratch
  std::vector<std::uint32_t> shifts;  // what refine_groups() knows of the last level's copied text
  int last_level = 1;
  for (int level = 2; level <= o.max_tokens; ++level) {
    const auto len = static_cast<std::uint32_t>(level);
    GroupVector& prev = levels[static_cast<std::size_t>(level - 1)];
    GroupVector cur;
    if (level == 2) {
      // A bigram is its two classes; mix64 spreads the pair over the hash
      // range for the grouping.
      const auto bigram_hash = [&in, &seg, len](std::size_t i) -> std::uint64_t {
        if (seg.of[i] == kNoSegment || in.run[i] < len) return 0;  // run >= 2 also means i + 1 < n
        const std::uint64_t h = mix64(std::uint64_t{in.cls[i]} << 32 | in.cls[i + 1]);
        return h == 0 ? 1 : h;
      };
      grouping.rebuild_with(n, bigram_hash, seg.of, threads);
      cur = keep_shared_groups(in, seg, grouping, o.min_sources, min_records, gid_cur, occ_cur, threads);
      grouping = HashGroups();  // the chains need far less
    } else {
      cur = std::move(spare);
      // Every id is written: a position without one starts a lone n-gram or none.
      refine_groups(in, seg, prev, gid_prev, occ_prev, o.min_sources, min_records, gid_cur, occ_cur, cur,
                    shifts, parts, threads);
    }
    const bool top_level = level == o.max_tokens;
    // Lone n-grams of this length: the rules of the pass over the groups
    // below, for an n-gram whose documents are its run's.
    LoneLevel& lcur = lone_levels[static_cast<std::size_t>(level)];
    lcur.resize(lone.size(), level > 3 ? lone_levels[static_cast<std::size_t>(level - 2)] : lcur);
    const std::size_t lone_count =
        lcur.fill({in, seg, lone, gid_cur, gid_prev, prev, lone_levels[static_cast<std::size_t>(level - 1)],
                   subsumed_flag},
                  static_cast<std::uint32_t>(level), threads);
    if (cur.empty() && lone_count == 0) {
      lcur = LoneLevel();
      break;
    }
    last_level = level;
    const auto ncur = static_cast<std::int64_t>(cur.size());
#pragma omp parallel for schedule(static, 4096) num_threads(threads)
    for (std::int64_t k = 0; k < ncur; ++k) {
      // The parts are read at random: ask for them (and, one step later, for
      // the right part's base) ahead of use.
      if (level > 2 && k + 2 * kAhead < ncur) prefetch_group(prev[cur[k + 2 * kAhead].right]);
      if (level > 2 && k + kAhead < ncur) {
        const Group& ahead = prev[cur[k + kAhead].right];
        __builtin_prefetch(&base_subsumed(ahead));
        __builtin_prefetch(&in.class_count[ahead.last_cls]);
      }
      Group& g = cur[k];
      g.length = len;
      g.base_level = static_cast<std::uint8_t>(level);
      g.base = static_cast<std::uint32_t>(k);
      const std::uint32_t p = g.rep;
      if (level == 2) {
        g.first_cls = in.cls[p];
        g.last_cls = in.cls[p + 1];
      }
      if (level > 2) g.last_cls = prev[g.right].last_cls;
      const std::uint32_t first_cls = g.first_cls, last_cls = g.last_cls;
      const bool stop_last = (in.class_flags[last_cls] & kStopWord) != 0;
      g.all_stop =
          stop_last && (level == 2 ? (in.class_flags[first_cls] & kStopWord) != 0 : prev[g.left].all_stop);
      const double c_first = static_cast<double>(in.class_count[first_cls]);
      const double c_last = static_cast<double>(in.class_count[last_cls]);
      // Cohesion is read by the score and, at the top level, by the chains:
      // below the top, a group of stop words only or one that only adds a
      // stop word is never scored, and keeps cohesion 0.
      if (level == 2) {
        if (top_level || !g.all_stop) g.cohesion = npmi(g.tf, c_first, c_last, total);
        continue;
      }
      Group& left = prev[g.left];
      Group& right = prev[g.right];
      const struct {
        Group& part;
        std::uint32_t added;
      } sides[] = {{left, last_cls}, {right, first_cls}};
      for (const auto& [part, added] : sides) {
        if (g.df != part.df) continue;
        if (in.class_flags[added] & kStopWord) {
          g.redundant = 1;
          if (g.base_level == level) {
            g.base_level = part.base_level;
            g.base = part.base;
          }
        } else {
          mark_subsumed(part.subsumed);
          mark_subsumed(base_subsumed(part));
        }
      }
      if (top_level || !(g.all_stop || g.redundant))
        g.cohesion = npmi_min(g.tf, left.tf, c_last, c_first, right.tf, total);
    }
    result.shared_groups += cur.size() + lone_count;
    levels[static_cast<std::size_t>(level)] = std::move(cur);
    // The level below is read no more in full: its groups are as maximal as
    // they will be found here (longer n-grams only subsume more), and their
    // occurrences are still at hand for the runs behind their dates.
    if (level > 2) {
      const auto below = static_cast<std::size_t>(level - 1);
      compacted[below] = compact_level(in, seg_concentration, levels[below], occ_prev, o.min_tokens, threads);
      lone_levels[below].compact(static_cast<std::uint32_t>(below), o.min_tokens, threads,
                                 [&](std::uint32_t r) { return lone_cohesion(below, r); });
      spare = std::move(levels[below]);
      levels[below] = GroupVector();
    }
    std::swap(gid_prev, gid_cur);
    std::swap(occ_prev, occ_cur);
  }

  // Chains: overlapping max-length n-grams in the same documents form longer spans.
  GroupVector& top = levels[static_cast<std::size_t>(o.max_tokens)];
  LoneLevel& lone_top = lone_levels[static_cast<std::size_t>(o.max_tokens)];
  const auto max_len = static_cast<std::uint32_t>(o.max_tokens);
  // Documents (count and fingerprint) of the max-length n-gram at position
  // i: its group's, its run's when lone; df 0 when there is none.
  const auto top_documents = [&](std::size_t i) -> std::pair<std::uint32_t, std::uint64_t> {
    if (const std::uint32_t id = gid_prev[i]; id != kNone) return {top[id].df, top[id].fingerprint};
    const std::uint32_t s = seg.of[i];
    if (s == kNoSegment || !lone.shared[s] || in.run[i] < max_len) return {0, 0};
    return {seg.df[s], seg.fingerprint[s]};
  };
  GroupVector chains;
  if (last_level == o.max_tokens) {
    // Links lie where a max-length n-gram has another after it in its run
    // (every position here is in a first copy): one pass in order.
    const auto link = std::make_unique_for_overwrite<std::uint8_t[]>(n);
#pragma omp parallel for schedule(static, 65536) num_threads(threads)
    for (std::int64_t k = 0; k < count; ++k) {
      const auto i = static_cast<std::size_t>(k);
      std::uint8_t linked = 0;
      if (in.run[i] > max_len) {
        const auto a = top_documents(i);
        linked = a.first != 0 && top_documents(i + 1) == a ? 1 : 0;
      }
      link[i] = linked;
    }
    // A chain starts where a link does not continue one: its hash covers
    // the max-length n-grams up to the last link.
    const auto chain_hash = [&in, &link, max_len](std::size_t i) -> std::uint64_t {
      if (!link[i] || (i > 0 && link[i - 1])) return 0;
      std::uint32_t k = 0;
      while (link[i + k]) ++k;
      return ngram_hash(&in.cls[i], max_len + k);
    };
    grouping.rebuild_with(n, chain_hash, seg.of, threads);
    chains = keep_shared_groups(in, seg, grouping, o.min_sources, 1, {}, occ_cur, threads);  // no ids needed
    const auto nchains = static_cast<std::int64_t>(chains.size());
#pragma omp parallel for schedule(static, 4096) num_threads(threads)
    for (std::int64_t c = 0; c < nchains; ++c) {
      Group& g = chains[static_cast<std::size_t>(c)];
      std::uint32_t k = 0;
      while (link[g.rep + k]) ++k;
      g.length = max_len + k;
    }
    set_concentration(in, seg, seg_concentration, chains, occ_cur, threads);
  }
  const auto nchains = static_cast<std::int64_t>(chains.size());
#pragma omp parallel for schedule(static, 1024) num_threads(threads)
  for (std::int64_t c = 0; c < nchains; ++c) {
    Group& g = chains[static_cast<std::size_t>(c)];
    g.cohesion = 1.0;
    std::uint32_t first_rank = kNone;  // rank of g.rep, once a member is lone
    for (std::uint32_t j = 0; j + max_len <= g.length; ++j) {
      const std::uint32_t q = g.rep + j;
      if (const std::uint32_t id = gid_prev[q]; id != kNone) {
        Group& member = top[id];
        g.cohesion = std::min(g.cohesion, member.cohesion);
        if (member.df != g.df) continue;
        mark_subsumed(member.subsumed);
        mark_subsumed(base_subsumed(member));
        continue;
      }
      // A lone member: its run's documents; the chain lies in one run.
      if (first_rank == kNone) first_rank = lone.rank_of(g.rep);
      const std::uint32_t r = first_rank + j;
      g.cohesion = std::min(g.cohesion, lone_cohesion(o.max_tokens, r));
      if (seg.df[seg.of[q]] != g.df) continue;
      mark_subsumed(lone_top.subsumed[r]);
      mark_subsumed(subsumed_flag(lone_top.base_level[r], lone_top.base[r]));
    }
  }
  if (last_level >= 2) {  // the last level is scored as the ones below: a group of several runs pending
    const auto last = static_cast<std::size_t>(last_level);
    compacted[last] = compact_level(in, seg_concentration, levels[last], occ_prev, o.min_tokens, threads);
    levels[last] = GroupVector();
  }
  result.shared_groups += chains.size();
  // A lone n-gram as the group scoring reads.
  const auto lone_group = [&](std::size_t level, std::uint32_t rank, double cohesion) {
    Group g = new_group();
    g.rep = lone.pos[rank];
    const std::uint32_t s = seg.of[g.rep];
    g.length = static_cast<std::uint32_t>(level);
    g.tf = seg.copies(s);
    g.df = seg.df[s];
    g.sources = seg.sources[s];
    g.cohesion = cohesion;
    g.concentration = seg_concentration.empty() ? 1.0 : seg_concentration[s];
    return g;
  };
  std::size_t pending = 0;  // room for every bound at once: no copies of a growing list
  for (const CompactLevel& c : compacted) {
    for (const CompactGroup& g : c.candidates) pending += g.pending != kNoGroup ? 1 : 0;
  }
  bounded.reserve(pending);
  for (std::size_t level = 0; level < levels.size(); ++level) {
    if (!compacted[level].done) {
      finalize(levels[level]);
    } else {
      // Scored where they lie: a pending one (bound) aside.
      const CompactLevel& c = compacted[level];
      const std::span<const CompactGroup> candidates = c.candidates;
      score_groups(
          candidates.size(),
          [&](std::size_t k) {
            Group g = candidates[k].group(static_cast<std::uint32_t>(level));
            g.subsumed = c.subsumed[candidates[k].index];
            return g;
          },
          [&](std::uint32_t k, const MinedPhrase& p) {
            if (candidates[k].pending == kNoGroup) {
              add(p);
            } else {
              bounded.push_back({p, static_cast<std::uint32_t>(level), candidates[k].pending});
            }
          });
    }
    const LoneLevel& l = lone_levels[level];
    const auto take = [&](std::uint32_t, const MinedPhrase& p) { add(p); };
    if (l.done) {
      score_groups(
          l.candidates.size(),
          [&](std::size_t k) {
            const auto [rank, cohesion] = l.candidates[k];
            Group g = lone_group(level, rank, cohesion);
            g.subsumed = l.subsumed[rank];
            return g;
          },
          take);
    } else if (level >= static_cast<std::size_t>(o.min_tokens)) {
      score_groups(  // the top level's, still in full
          l.state.size(),
          [&](std::size_t r) {
            const auto rank = static_cast<std::uint32_t>(r);
            if (l.state[r] != LoneLevel::kExists || l.subsumed[r]) {
              Group none = new_group();
              none.subsumed = 1;
              return none;
            }
            return lone_group(level, rank, lone_cohesion(level, rank));
          },
          take);
    }
  }
  finalize(chains);
  // The pending concentrations, best bound first, until the pool's worst
  // full score beats every bound left: the pool is then the best `keep`.
  if (keep != 0) prune(pool, keep);
  const auto worst_first = [](const MinedPhrase& a, const MinedPhrase& b) { return ranks_before(a, b); };
  std::make_heap(pool.begin(), pool.end(), worst_first);  // front: the worst kept
  const auto out_already = [&](const Bounded& b) { return !ranks_before(b.phrase, pool.front()); };
  if (keep != 0 && pool.size() == keep) {  // a bound that cannot beat the worst kept is out already
    std::erase_if(bounded, out_already);
    // The rest get a tighter bound from their runs' own spread in time
    // (ConcentrationBound), multiplied in as the full score will be.
    if (!in.doc_time.empty() && !bounded.empty()) {
      const ConcentrationBound concentration_bound(in, seg, threads);
      const auto nbounded = static_cast<std::int64_t>(bounded.size());
#pragma omp parallel for schedule(static, 1024) num_threads(threads)
      for (std::int64_t k = 0; k < nbounded; ++k) {
        Bounded& b = bounded[static_cast<std::size_t>(k)];
        set_timing(b.phrase, concentration_bound(compacted[b.level].runs_of(b.pending), b.phrase.df));
      }
      std::erase_if(bounded, out_already);
    }
  }
  std::sort(bounded.begin(), bounded.end(),
            [](const Bounded& a, const Bounded& b) { return ranks_before(a.phrase, b.phrase); });
  constexpr std::size_t kResolveBatch = 4096;
  for (std::size_t at = 0; at < bounded.size(); at += kResolveBatch) {
    const std::size_t end = std::min(bounded.size(), at + kResolveBatch);
    if (keep != 0 && pool.size() == keep && !ranks_before(bounded[at].phrase, pool.front())) break;
#pragma omp parallel num_threads(threads)
    {
      ConcentrationCounter concentration(in, seg, seg_concentration);
#pragma omp for schedule(dynamic, 64)
      for (std::int64_t k = static_cast<std::int64_t>(at); k < static_cast<std::int64_t>(end); ++k) {
        Bounded& b = bounded[static_cast<std::size_t>(k)];
        if (k + 2 < static_cast<std::int64_t>(end)) {  // a later one's runs lie anywhere: asked for ahead
          const Bounded& ahead = bounded[static_cast<std::size_t>(k) + 2];
          __builtin_prefetch(&compacted[ahead.level].pending_segs[ahead.pending]);
        }
        set_timing(b.phrase, concentration(compacted[b.level].runs_of(b.pending), b.phrase.df));
      }
    }
    for (std::size_t k = at; k < end; ++k) {
      const MinedPhrase& p = bounded[k].phrase;
      if (keep == 0 || pool.size() < keep) {
        pool.push_back(p);
        std::push_heap(pool.begin(), pool.end(), worst_first);
      } else if (ranks_before(p, pool.front())) {
        std::pop_heap(pool.begin(), pool.end(), worst_first);
        pool.back() = p;
        std::push_heap(pool.begin(), pool.end(), worst_first);
      }
    }
  }
  bounded = {};
  for (MinedPhrase& p : pool) p.rep = first_copies.pos[p.rep];  // a corpus position from here on
  // Originality is at most 1, so the score without it bounds the full score:
  // take candidates best bound first, a batch at a time, until the last
  // full score kept beats every bound left.
  std::sort(pool.begin(), pool.end(), ranks_before);
  if (o.max_results == 0) {
    const Starts starts = find_starts(corpus, first_copies, pool, threads);
    apply_originality(corpus, pool, starts, 0, pool.size(), threads);
  } else {
    const std::size_t batch = kBatchFactor * o.max_results;
    std::size_t at = 0;
    Starts found;  // occurrences of pool[found_begin, found_end)
    std::size_t found_begin = 0, found_end = 0;
    for (; at < pool.size(); at += batch) {
      if (at >= o.max_results) {
        std::vector<double> scores;
        for (std::size_t k = 0; k < at; ++k) scores.push_back(pool[k].score);
        std::nth_element(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(o.max_results - 1), scores.end(),
                         std::greater<>());
        if (scores[o.max_results - 1] >= pool[at].score) break;  // no bound left can reach the list
      }
      const std::size_t end = std::min(at + batch, pool.size());
      if (end > found_end) {
        // Each scan reads every first copy, whatever the candidates: the
        // first looks for two batches (enough at 100k documents), a second
        // for every candidate left.
        found_begin = at;
        found_end = found_end == 0 ? std::min(at + 2 * batch, pool.size()) : pool.size();
        found = find_starts(corpus, first_copies,
                            std::span<const MinedPhrase>(pool).subspan(found_begin, found_end - found_begin),
                            threads);
      }
      apply_originality(corpus, std::span<MinedPhrase>(pool).subspan(found_begin, found_end - found_begin),
                        found, at - found_begin, end - found_begin, threads);
    }
    pool.resize(std::min(pool.size(), at));
  }
  prune(pool, o.max_results);
  std::sort(pool.begin(), pool.end(), ranks_before);
  result.phrases = std::move(pool);
  return result;
}

}  // namespace echotrace::internal
