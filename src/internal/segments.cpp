#include "internal/segments.h"

#include <algorithm>

#include "internal/assert.h"
#include "internal/hash.h"
#include "internal/hash_groups.h"
#include "internal/hash_groups_build.h"
#include "internal/select_in_order.h"

namespace echotrace::internal {
namespace {

// Copies ahead whose classes or document are prefetched while the segments are built.
constexpr std::size_t kCopiesAhead = 16;

}  // namespace

DocumentTally::DocumentTally(const MiningInput& in)
    : source_of_doc_(in.source_of_doc), doc_stamp_(in.source_of_doc.size(), 0), source_stamp_(in.sources, 0) {
  reset();
}

void DocumentTally::reset() {
  df = 0;
  sources = 0;
  fingerprint = 0;
  if (++serial_ == 0) {  // wrapped: forget old stamps
    std::fill(doc_stamp_.begin(), doc_stamp_.end(), 0);
    std::fill(source_stamp_.begin(), source_stamp_.end(), 0);
    serial_ = 1;
  }
}

Segments Segments::build(const MiningInput& in, int threads, bool positions) {
  const std::size_t n = in.cls.size();
  ECHOTRACE_ASSERT(in.run.size() == n && in.doc_of.size() == n && n < kNoSegment);
  // A run starts after a position whose run ends there (run 1); only runs of
  // two or more tokens can hold an n-gram. The starts, in position order,
  // with the hash of their run's classes.
  const auto is_start = [&in](std::size_t i) { return (i == 0 || in.run[i - 1] == 1) && in.run[i] >= 2; };
  OverwriteVector<std::uint32_t> start;
  OverwriteVector<std::uint64_t> start_hash;
  select_in_order(
      n, threads, is_start,
      [&](std::size_t total) {
        start.resize(total);
        start_hash.resize(total);
      },
      [&](std::size_t i, std::size_t k) {
        start[k] = static_cast<std::uint32_t>(i);
        start_hash[k] = ngram_hash(&in.cls[i], in.run[i]);
      });
  // Grouped by hash: a record's pos is the start's index (so positions
  // ascend within a group), its aux the start's position.
  HashGroups grouping;
  grouping.rebuild_with(start.size(), [&start_hash](std::size_t k) { return start_hash[k]; }, start, threads);
  const auto nb = static_cast<std::int64_t>(grouping.buckets());
  const auto same_run = [&in](std::uint32_t a, std::uint32_t b) {
    return in.run[a] == in.run[b] && std::equal(&in.cls[a], &in.cls[a] + in.run[a], &in.cls[b]);
  };
  // Each bucket's segments: first copies of its hash groups, split where a
  // hash collides. A segment's copies are listed as the bucket's records
  // [at[k], at[k + 1]) in `copies` (ascending positions).
  struct Bucket {
    std::vector<std::uint32_t> copies;  // positions, segment after segment
    std::vector<std::uint32_t> at;      // start of each segment in `copies`, then copies.size()
  };
  std::vector<Bucket> buckets(static_cast<std::size_t>(nb));
#pragma omp parallel for schedule(dynamic, 8) num_threads(threads)
  for (std::int64_t b = 0; b < nb; ++b) {
    const std::span<const HashRecord> recs = grouping.bucket(static_cast<std::size_t>(b));
    Bucket& out = buckets[static_cast<std::size_t>(b)];
    out.copies.reserve(recs.size());
    std::vector<std::uint32_t> rest;
    for (std::size_t i = 0; i < recs.size();) {
      const std::size_t size = group_size(recs, i);
      rest.clear();
      for (std::size_t k = i; k < i + size; ++k) {
        if (k + kCopiesAhead < recs.size()) {  // copies lie anywhere: their classes asked for ahead
          __builtin_prefetch(&in.cls[recs[k + kCopiesAhead].aux]);
          __builtin_prefetch(&in.run[recs[k + kCopiesAhead].aux]);
        }
        rest.push_back(recs[k].aux);
      }
      while (!rest.empty()) {  // one pass per distinct run of this hash: one, unless hashes collide
        out.at.push_back(static_cast<std::uint32_t>(out.copies.size()));
        const std::uint32_t first = rest.front();
        std::size_t kept = 0;
        for (std::uint32_t p : rest) {
          if (same_run(first, p)) {
            out.copies.push_back(p);
          } else {
            rest[kept++] = p;
          }
        }
        rest.resize(kept);
      }
      i += size;
    }
    out.at.push_back(static_cast<std::uint32_t>(out.copies.size()));
  }
  std::vector<std::size_t> first_id(buckets.size() + 1, 0), first_copy(buckets.size() + 1, 0);
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    first_id[b + 1] = first_id[b] + buckets[b].at.size() - 1;
    first_copy[b + 1] = first_copy[b] + buckets[b].copies.size();
  }
  const std::size_t count = first_id.back();
  ECHOTRACE_ASSERT(count < kNoSegment && first_copy.back() < kNoSegment);
  Segments s;
  if (positions) s.of.resize(n);
  s.doc_begin.resize(count + 1);
  s.docs.resize(first_copy.back());
  s.copy_pos.resize(first_copy.back());
  s.first.resize(count);
  s.df.resize(count);
  s.sources.resize(count);
  s.fingerprint.resize(count);
  const auto all = static_cast<std::int64_t>(s.of.size());
#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::int64_t i = 0; i < all; ++i) s.of[static_cast<std::size_t>(i)] = kNoSegment;
  s.doc_begin[count] = static_cast<std::uint32_t>(first_copy.back());
#pragma omp parallel num_threads(threads)
  {
    DocumentTally tally(in);
#pragma omp for schedule(dynamic, 8)
    for (std::int64_t b = 0; b < nb; ++b) {
      const Bucket& bucket = buckets[static_cast<std::size_t>(b)];
      for (std::size_t k = 0; k + 1 < bucket.at.size(); ++k) {
        const auto id = static_cast<std::uint32_t>(first_id[static_cast<std::size_t>(b)] + k);
        const std::size_t from = bucket.at[k], to = bucket.at[k + 1];
        const std::uint32_t first = bucket.copies[from];
        if (positions) std::fill(&s.of[first], &s.of[first] + in.run[first], id);
        s.first[id] = first;
        const std::size_t base = first_copy[static_cast<std::size_t>(b)];
        s.doc_begin[id] = static_cast<std::uint32_t>(base + from);
        tally.reset();
        for (std::size_t c = from; c < to; ++c) {
          // Copies lie anywhere in the corpus: their documents asked for ahead.
          if (c + kCopiesAhead < bucket.copies.size()) __builtin_prefetch(&in.doc_of[bucket.copies[c + kCopiesAhead]]);
          const std::uint32_t d = in.doc_of[bucket.copies[c]];
          s.docs[base + c] = d;
          s.copy_pos[base + c] = bucket.copies[c];
          tally.add(d);
        }
        s.df[id] = tally.df;
        s.sources[id] = tally.sources;
        s.fingerprint[id] = tally.fingerprint;
      }
    }
  }
  return s;
}

FirstCopies FirstCopies::build(const MiningInput& in, Segments seg, int threads) {
  // The segments in order of their first copies, whose positions follow one
  // another from rank 0 on: each run's ranks begin after the runs before.
  const std::size_t count = seg.size();
  std::vector<std::uint32_t> order(count);
  for (std::uint32_t s = 0; s < count; ++s) order[s] = s;
  std::sort(order.begin(), order.end(), [&seg](std::uint32_t a, std::uint32_t b) { return seg.first[a] < seg.first[b]; });
  std::vector<std::uint32_t> rank_begin(count + 1, 0);  // by order
  for (std::size_t k = 0; k < count; ++k) {
    const std::uint64_t next = std::uint64_t{rank_begin[k]} + in.run[seg.first[order[k]]];
    ECHOTRACE_ASSERT(next < kNoSegment);
    rank_begin[k + 1] = static_cast<std::uint32_t>(next);
  }
  FirstCopies f;
  const std::size_t ranks = rank_begin[count];
  f.pos.resize(ranks);
  OverwriteVector<std::uint32_t> of(ranks);
  f.cls_.resize(ranks);
  f.run_.resize(ranks);
  f.doc_of_.resize(ranks);
  f.sentence_end_.resize(ranks);
  if (!in.part.empty()) f.part_.resize(ranks);
  if (!in.type_of.empty()) f.type_of_.resize(ranks);
  std::vector<std::uint32_t> first(count);
  const auto n = static_cast<std::int64_t>(count);
#pragma omp parallel for schedule(dynamic, 1024) num_threads(threads)
  for (std::int64_t k = 0; k < n; ++k) {
    const std::uint32_t s = order[static_cast<std::size_t>(k)];
    const std::uint32_t from = seg.first[s];
    std::uint32_t r = rank_begin[static_cast<std::size_t>(k)];
    first[s] = r;
    for (std::uint32_t i = from; i < from + in.run[from]; ++i, ++r) {
      f.pos[r] = i;
      of[r] = s;
      f.cls_[r] = in.cls[i];
      f.run_[r] = in.run[i];
      f.doc_of_[r] = in.doc_of[i];
      f.sentence_end_[r] = in.sentence_end[i];
      if (!in.part.empty()) f.part_[r] = in.part[i];
      if (!in.type_of.empty()) f.type_of_[r] = in.type_of[i];
    }
  }
  seg.of = std::move(of);
  seg.first = std::move(first);
  f.seg = std::move(seg);
  f.input = in;
  f.input.cls = f.cls_;
  f.input.run = f.run_;
  f.input.doc_of = f.doc_of_;
  f.input.sentence_end = f.sentence_end_;
  f.input.part = f.part_;
  f.input.type_of = f.type_of_;
  return f;
}

}  // namespace echotrace::internal
