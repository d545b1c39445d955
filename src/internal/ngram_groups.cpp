#include "internal/ngram_groups.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <iterator>

#include "internal/assert.h"
#include "internal/hash.h"
#include "internal/hash_groups_build.h"

namespace echotrace::internal {
namespace {

// Parents refined per work item, and the longest key list sorted by insertion.
constexpr std::size_t kParentsPerChunk = 1024;
constexpr std::size_t kPartsPerParent = 8;
constexpr std::size_t kInsertionKeys = 24;
// Key lists of at least kRadixKeys are sorted by radix, kRadixBits at a time
// (kWideRadixBits from kWideRadixKeys on).
constexpr std::size_t kRadixKeys = 192;
constexpr int kRadixBits = 8;
constexpr std::size_t kWideRadixKeys = 2048;
constexpr int kWideRadixBits = 11;
constexpr std::size_t kMaxRadixBuckets = std::size_t{1} << kWideRadixBits;
// Records ahead whose next group id is prefetched.
constexpr std::size_t kPrefetch = 64;
// Records ahead whose run's documents are prefetched while counting.
constexpr std::size_t kRunsAhead = 8;

// Occurrences, documents, sources and fingerprint of a group from its
// records' segments: every copy of a segment is an occurrence.
class SourceCounter {
 public:
  SourceCounter(const MiningInput& in, const Segments& seg) : seg_(seg), tally_(in) {}

  // Fills g.tf, g.df, g.sources and g.fingerprint from the segments
  // `seg_at(k)`, k < size (size >= 1).
  template <typename SegAt>
  void count(std::size_t size, SegAt seg_at, NgramGroup& g) {
    const std::uint32_t first = seg_at(0);
    std::uint32_t tf = 0;
    bool one = true;
    // The records' runs lie anywhere: ask for them ahead of use.
    for (std::size_t k = 0; k < std::min(size, kRunsAhead); ++k) __builtin_prefetch(&seg_.doc_begin[seg_at(k)]);
    for (std::size_t k = 0; k < size; ++k) {
      if (k + kRunsAhead < size) __builtin_prefetch(&seg_.doc_begin[seg_at(k + kRunsAhead)]);
      const std::uint32_t s = seg_at(k);
      tf += seg_.copies(s);
      one = one && s == first;
    }
    g.tf = tf;
    if (one) {  // all in one run (copied text, mostly): the run's documents
      g.df = seg_.df[first];
      g.sources = seg_.sources[first];
      g.fingerprint = seg_.fingerprint[first];
      return;
    }
    tally_.reset();
    // The first runs' lists asked for at once (their misses overlap), then
    // each next one kRunsAhead ahead of use.
    for (std::size_t k = 0; k < std::min(size, kRunsAhead); ++k) __builtin_prefetch(&seg_.docs[seg_.doc_begin[seg_at(k)]]);
    for (std::size_t k = 0; k < size; ++k) {
      if (k + kRunsAhead < size) __builtin_prefetch(&seg_.docs[seg_.doc_begin[seg_at(k + kRunsAhead)]]);
      for (const std::uint32_t d : seg_.docs_of(seg_at(k))) tally_.add(d);
    }
    g.df = tally_.df;
    g.sources = tally_.sources;
    g.fingerprint = tally_.fingerprint;
  }

 private:
  const Segments& seg_;
  DocumentTally tally_;
};

// Sorts `keys` ascending. They arrive with their low halves (record indices)
// ascending, so above kRadixKeys a stable radix sort on the high halves does.
void sort_keys(std::vector<std::uint64_t>& keys, std::vector<std::uint64_t>& scratch) {
  // Most often already sorted: copied text extends every occurrence of an
  // n-gram the same way, so the high halves are all equal.
  if (std::is_sorted(keys.begin(), keys.end())) return;
  if (keys.size() >= kRadixKeys) {
    std::uint64_t top = 0;
    for (std::uint64_t k : keys) top = std::max(top, k >> 32);
    const int bits = static_cast<int>(std::bit_width(top));
    const int digit = keys.size() >= kWideRadixKeys ? kWideRadixBits : kRadixBits;
    const std::size_t buckets = std::size_t{1} << digit;
    std::size_t count[kMaxRadixBuckets + 1];
    scratch.resize(keys.size());
    for (int shift = 32; shift < 32 + bits; shift += digit) {
      std::fill(count, count + buckets + 1, 0);
      for (std::uint64_t k : keys) ++count[((k >> shift) & (buckets - 1)) + 1];
      for (std::size_t b = 0; b < buckets; ++b) count[b + 1] += count[b];
      for (std::uint64_t k : keys) scratch[count[(k >> shift) & (buckets - 1)]++] = k;
      keys.swap(scratch);
    }
    return;
  }
  if (keys.size() > kInsertionKeys) {
    std::sort(keys.begin(), keys.end());
    return;
  }
  for (std::size_t i = 1; i < keys.size(); ++i) {
    const std::uint64_t x = keys[i];
    std::size_t j = i;
    for (; j > 0 && keys[j - 1] > x; --j) keys[j] = keys[j - 1];
    keys[j] = x;
  }
}

void fill_none(std::span<std::uint32_t> gid, int threads) {
  const auto n = static_cast<std::int64_t>(gid.size());
#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::int64_t i = 0; i < n; ++i) gid[static_cast<std::size_t>(i)] = kNoGroup;
}

}  // namespace

GroupVector group_by_hash(const MiningInput& in, const Segments& seg, std::span<const std::uint64_t> hashes,
                          int min_sources, int min_records, std::span<std::uint32_t> gid,
                          std::span<NgramOccurrence> occ, HashGroups& groups, int threads) {
  ECHOTRACE_ASSERT(gid.size() == hashes.size() && occ.size() == hashes.size() && seg.of.size() == hashes.size());
  const auto first_copy_hash = [&](std::size_t i) { return seg.of[i] == kNoSegment ? 0 : hashes[i]; };
  groups.rebuild_with(hashes.size(), first_copy_hash, seg.of, threads);
  return keep_shared_groups(in, seg, groups, min_sources, min_records, gid, occ, threads);
}

GroupVector keep_shared_groups(const MiningInput& in, const Segments& seg, const HashGroups& groups,
                               int min_sources, int min_records, std::span<std::uint32_t> gid,
                               std::span<NgramOccurrence> occ, int threads) {
  const auto nb = static_cast<std::int64_t>(groups.buckets());
  std::vector<GroupVector> kept(groups.buckets());
#pragma omp parallel num_threads(threads)
  {
    SourceCounter counter(in, seg);
#pragma omp for schedule(dynamic, 8)
    for (std::int64_t b = 0; b < nb; ++b) {
      const std::span<const HashRecord> recs = groups.bucket(static_cast<std::size_t>(b));
      const std::size_t offset = groups.bucket_offset(static_cast<std::size_t>(b));
      for (std::size_t i = 0; i < recs.size();) {
        const std::size_t size = group_size(recs, i);
        if (size < static_cast<std::size_t>(min_records)) {
          i += size;
          continue;
        }
        NgramGroup g = new_group();
        counter.count(size, [&](std::size_t k) { return recs[i + k].aux; }, g);
        if (g.sources >= static_cast<std::uint32_t>(min_sources)) {
          g.rep = recs[i].pos;
          g.records = static_cast<std::uint32_t>(size);
          g.first_record = static_cast<std::uint32_t>(offset + i);  // in `groups` until renumbered
          kept[static_cast<std::size_t>(b)].push_back(g);
        }
        i += size;
      }
    }
  }
  // Group ids in the order of the groups' first positions, so that the
  // passes over a level read the corpus arrays mostly in order.
  std::vector<std::size_t> base(kept.size() + 1, 0);
  for (std::size_t b = 0; b < kept.size(); ++b) base[b + 1] = base[b] + kept[b].size();
  std::vector<std::uint64_t> order(base.back());  // (rep << 32) | index in bucket order
#pragma omp parallel for schedule(dynamic, 8) num_threads(threads)
  for (std::int64_t b = 0; b < nb; ++b) {
    const auto ub = static_cast<std::size_t>(b);
    for (std::size_t j = 0; j < kept[ub].size(); ++j) {
      order[base[ub] + j] = std::uint64_t{kept[ub][j].rep} << 32 | (base[ub] + j);
    }
  }
  ECHOTRACE_ASSERT(order.size() < (std::size_t{1} << 32));
  std::vector<std::uint64_t> scratch;
  sort_keys(order, scratch);
  GroupVector out(order.size());
  const auto total = static_cast<std::int64_t>(order.size());
#pragma omp parallel for schedule(static, 4096) num_threads(threads)
  for (std::int64_t k = 0; k < total; ++k) {
    const auto flat = static_cast<std::size_t>(order[static_cast<std::size_t>(k)] & UINT32_MAX);
    const std::size_t b = static_cast<std::size_t>(std::upper_bound(base.begin(), base.end(), flat) - base.begin()) - 1;
    out[static_cast<std::size_t>(k)] = kept[b][flat - base[b]];
  }
  if (!gid.empty()) fill_none(gid, threads);
  // Occurrences in group order, so that the next level reads them as one stream.
  std::vector<std::uint32_t> source(out.size());  // where each group's records are in `groups`
  std::size_t at = 0;
  for (std::size_t k = 0; k < out.size(); ++k) {
    source[k] = out[k].first_record;
    out[k].first_record = static_cast<std::uint32_t>(at);
    at += out[k].records;
  }
  const std::span<const HashRecord> all = groups.bucket_records();
  const auto count = static_cast<std::int64_t>(out.size());
#pragma omp parallel for schedule(static, 4096) num_threads(threads)
  for (std::int64_t k = 0; k < count; ++k) {
    NgramGroup& g = out[static_cast<std::size_t>(k)];
    const auto id = static_cast<std::uint32_t>(k);
    for (std::uint32_t r = 0; r < g.records; ++r) {
      const HashRecord& rec = all[source[static_cast<std::size_t>(k)] + r];
      occ[g.first_record + r] = {rec.pos, rec.aux};
      if (!gid.empty()) gid[rec.pos] = id;
    }
  }
  return out;
}

GroupVector refine_groups(const MiningInput& in, const Segments& seg, std::span<const NgramGroup> prev,
                          std::span<const std::uint32_t> prev_gid, std::span<const NgramOccurrence> prev_occ,
                          int min_sources, int min_records, std::span<std::uint32_t> gid,
                          std::span<NgramOccurrence> occ, std::vector<GroupVector>& scratch, int threads) {
  GroupVector out;
  std::vector<std::uint32_t> shifts;
  refine_groups(in, seg, prev, prev_gid, prev_occ, min_sources, min_records, gid, occ, out, shifts, scratch,
                threads);
  return out;
}

void refine_groups(const MiningInput& in, const Segments& seg, std::span<const NgramGroup> prev,
                   std::span<const std::uint32_t> prev_gid, std::span<const NgramOccurrence> prev_occ,
                   int min_sources, int min_records, std::span<std::uint32_t> gid,
                   std::span<NgramOccurrence> occ, GroupVector& out, std::vector<std::uint32_t>& shifts,
                   std::vector<GroupVector>& kept, int threads) {
  ECHOTRACE_ASSERT(prev_gid.size() == gid.size() && prev_occ.size() == occ.size());
  ECHOTRACE_ASSERT(shifts.empty() || shifts.size() == prev.size());
  const std::size_t chunks = (prev.size() + kParentsPerChunk - 1) / kParentsPerChunk;
  const auto min_size = static_cast<std::uint32_t>(min_sources);
  if (kept.size() < chunks) kept.resize(chunks);
  // Of each parent: its part that takes all of its occurrences (kNoGroup:
  // none), as an index into its chunk's list, later as an id.
  OverwriteVector<std::uint32_t> full_part(prev.size());
#pragma omp parallel num_threads(threads)
  {
    SourceCounter counter(in, seg);
    std::vector<std::uint64_t> keys;  // (next group id << 32) | record index within the parent
    std::vector<std::uint64_t> scratch;
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
      const std::size_t from = static_cast<std::size_t>(c) * kParentsPerChunk;
      const std::size_t to = std::min(prev.size(), from + kParentsPerChunk);
      GroupVector& mine = kept[static_cast<std::size_t>(c)];
      mine.clear();
      // Room for a few parts per parent at once: growing by doubling would
      // fault in fresh pages for every copy (untouched reserved pages cost nothing).
      if (mine.capacity() < kPartsPerParent * (to - from)) mine.reserve(kPartsPerParent * (to - from));
      for (std::size_t parent = from; parent < to; ++parent) {
        const NgramGroup& pg = prev[parent];
        const NgramOccurrence* recs = prev_occ.data() + pg.first_record;
        full_part[parent] = kNoGroup;
        if (const std::uint32_t next = shifts.empty() ? kNoGroup : shifts[parent]; next != kNoGroup) {
          // Known from the level below: every occurrence extends by `next`
          // (copied text), so one part with all of them, in order, and the
          // parent's documents (it spans >= min_sources sources).
          NgramGroup g = new_group();
          g.df = pg.df;
          g.sources = pg.sources;
          g.fingerprint = pg.fingerprint;
          g.rep = recs[0].pos;
          g.tf = pg.tf;
          g.records = pg.records;
          g.left = static_cast<std::uint32_t>(parent);
          g.right = next;
          g.first_cls = pg.first_cls;
          g.first_record = pg.first_record;
          std::copy(recs, recs + pg.records, occ.begin() + pg.first_record);
          full_part[parent] = static_cast<std::uint32_t>(mine.size());
          mine.push_back(g);
          continue;
        }
        keys.clear();
        // The n-gram at p + 1 exists only inside p's phrase run (the parent
        // spans at least 2 tokens), so a shared one there extends p by a token.
        for (std::uint32_t k = 0; k < pg.records; ++k) {
          // Records of the following parents come next in `prev_occ`.
          const std::size_t ahead = std::size_t{pg.first_record} + k + kPrefetch;
          if (ahead < prev_occ.size()) __builtin_prefetch(&prev_gid[prev_occ[ahead].pos + 1]);
          const std::uint32_t next = prev_gid[recs[k].pos + 1];
          if (next != kNoGroup) keys.push_back(std::uint64_t{next} << 32 | k);
        }
        if (keys.size() < static_cast<std::size_t>(min_records)) continue;
        sort_keys(keys, scratch);
        std::uint32_t write = pg.first_record;
        for (std::size_t i = 0; i < keys.size();) {
          std::size_t j = i + 1;
          while (j < keys.size() && keys[j] >> 32 == keys[i] >> 32) ++j;
          const std::size_t size = j - i;
          if (size < static_cast<std::size_t>(min_records)) {
            i = j;
            continue;
          }
          const auto rec_of = [&](std::size_t k) -> const NgramOccurrence& {
            return recs[static_cast<std::uint32_t>(keys[i + k])];
          };
          NgramGroup g = new_group();
          if (size == pg.records) {
            // Every occurrence of the parent extends the same way (copied
            // text): the same documents, so the parent's counts.
            g.tf = pg.tf;
            g.df = pg.df;
            g.sources = pg.sources;
            g.fingerprint = pg.fingerprint;
          } else {
            counter.count(size, [&](std::size_t k) { return rec_of(k).seg; }, g);
          }
          if (g.sources >= min_size) {
            g.rep = rec_of(0).pos;
            g.records = static_cast<std::uint32_t>(size);
            g.left = static_cast<std::uint32_t>(parent);
            g.right = static_cast<std::uint32_t>(keys[i] >> 32);
            g.first_cls = pg.first_cls;
            g.first_record = write;
            if (size == pg.records) {
              std::copy(recs, recs + size, occ.begin() + write);  // keys are sorted: records in order
            } else {
              for (std::size_t k = 0; k < size; ++k) occ[write + k] = rec_of(k);
            }
            write += static_cast<std::uint32_t>(size);
            if (size == pg.records) full_part[parent] = static_cast<std::uint32_t>(mine.size());
            mine.push_back(g);
          }
          i = j;
        }
      }
    }
  }
  std::vector<std::size_t> base(chunks + 1, 0);
  for (std::size_t c = 0; c < chunks; ++c) base[c + 1] = base[c] + kept[c].size();
  // The chunks' groups one after the other, copied in parallel into `out`'s
  // storage (kept when large enough: its pages are already mapped).
  const std::size_t total = base[chunks];
  if (out.capacity() < total) {
    out = GroupVector();
    out.reserve(total + total / 2);  // room for a later, larger level; untouched pages cost nothing
  }
  out.resize(total);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
    const GroupVector& part = kept[static_cast<std::size_t>(c)];
    std::copy(part.begin(), part.end(), out.begin() + static_cast<std::ptrdiff_t>(base[static_cast<std::size_t>(c)]));
  }
  // The parts' shifts: every occurrence of a part, one position later, is an
  // occurrence of its right part R; when R passed all of its occurrences to
  // one part R', they are all occurrences of R'.
  const auto nparents = static_cast<std::int64_t>(prev.size());
#pragma omp parallel for schedule(static, 65536) num_threads(threads)
  for (std::int64_t p = 0; p < nparents; ++p) {
    std::uint32_t& part = full_part[static_cast<std::size_t>(p)];
    if (part != kNoGroup) part += static_cast<std::uint32_t>(base[static_cast<std::size_t>(p) / kParentsPerChunk]);
  }
  shifts.resize(total);
#pragma omp parallel for schedule(static, 65536) num_threads(threads)
  for (std::int64_t k = 0; k < static_cast<std::int64_t>(total); ++k) {
    shifts[static_cast<std::size_t>(k)] = full_part[out[static_cast<std::size_t>(k)].right];
  }
  fill_none(gid, threads);
  const auto count = static_cast<std::int64_t>(out.size());
#pragma omp parallel for schedule(static, 4096) num_threads(threads)
  for (std::int64_t k = 0; k < count; ++k) {
    const NgramGroup& g = out[static_cast<std::size_t>(k)];
    for (std::size_t r = g.first_record; r < g.first_record + g.records; ++r) {
      if (r + kPrefetch < occ.size()) __builtin_prefetch(&gid[occ[r + kPrefetch].pos], 1);
      gid[occ[r].pos] = static_cast<std::uint32_t>(k);
    }
  }
}

CompactLevel compact_level(const MiningInput& in, std::span<const double> seg_concentration,
                           std::span<const NgramGroup> groups, std::span<const NgramOccurrence> occ, int min_tokens,
                           int threads) {
  constexpr std::size_t kChunk = 1 << 16;
  const std::size_t n = groups.size();
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  const bool dated = !in.doc_time.empty();
  CompactLevel out;
  out.subsumed.resize(n);
  std::vector<std::vector<CompactGroup>> found(chunks);
  std::vector<std::vector<std::uint32_t>> found_segs(chunks);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
    const std::size_t end = std::min(n, (static_cast<std::size_t>(c) + 1) * kChunk);
    std::vector<std::uint32_t>& segs = found_segs[static_cast<std::size_t>(c)];
    for (std::size_t k = static_cast<std::size_t>(c) * kChunk; k < end; ++k) {
      const NgramGroup& g = groups[k];
      out.subsumed[k] = g.subsumed;
      if (g.subsumed || g.redundant || g.all_stop || g.length < static_cast<std::uint32_t>(min_tokens)) continue;
      CompactGroup cg{static_cast<std::uint32_t>(k), g.rep, g.tf, g.df, g.sources, kNoGroup, g.cohesion,
                      g.concentration};
      if (dated) {
        const std::uint32_t first = occ[g.first_record].seg;
        bool one = true;
        for (std::size_t r = g.first_record + 1; r < g.first_record + g.records && one; ++r) {
          one = occ[r].seg == first;
        }
        if (one) {
          cg.concentration = seg_concentration[first];
        } else {
          cg.pending = static_cast<std::uint32_t>(segs.size());  // within the chunk until merged
          cg.concentration = 1;
          segs.push_back(g.records);
          for (std::size_t r = g.first_record; r < g.first_record + g.records; ++r) segs.push_back(occ[r].seg);
        }
      }
      found[static_cast<std::size_t>(c)].push_back(cg);
    }
  }
  // The chunks' lists one after the other, copied in parallel.
  std::vector<std::size_t> at(chunks + 1, 0), seg_at(chunks + 1, 0);
  for (std::size_t c = 0; c < chunks; ++c) {
    at[c + 1] = at[c] + found[c].size();
    seg_at[c + 1] = seg_at[c] + found_segs[c].size();
  }
  ECHOTRACE_ASSERT(seg_at[chunks] < kNoGroup);
  out.candidates.resize(at[chunks]);
  out.pending_segs.resize(seg_at[chunks]);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
    const auto uc = static_cast<std::size_t>(c);
    const auto base = static_cast<std::uint32_t>(seg_at[uc]);
    std::size_t w = at[uc];
    for (CompactGroup g : found[uc]) {
      if (g.pending != kNoGroup) g.pending += base;
      out.candidates[w++] = g;
    }
    std::copy(found_segs[uc].begin(), found_segs[uc].end(), out.pending_segs.begin() + static_cast<std::ptrdiff_t>(base));
  }
  out.done = true;
  return out;
}

}  // namespace echotrace::internal
