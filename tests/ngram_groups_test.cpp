// The counting behind phrase mining: DistinctHashes against a map, and the
// level-by-level n-gram groups (bigrams by hash, longer ones by refinement)
// against a brute-force Apriori count over a random corpus of class ids.
#include "internal/ngram_groups.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <tuple>
#include <vector>

#include "internal/concentration.h"
#include "internal/distinct_hashes.h"
#include "internal/english.h"
#include "internal/hash.h"
#include "internal/originality.h"
#include "internal/segments.h"

namespace echotrace {
namespace {

TEST(DistinctHashes, MatchesAMapForAnyThreadCount) {
  std::mt19937_64 rng(7);
  const std::size_t n = 700000;  // several chunks
  std::vector<std::uint64_t> values(5000);
  for (auto& v : values) v = rng() | 1;
  std::vector<std::uint64_t> hashes(n);
  std::vector<std::uint8_t> flags(n);
  for (std::size_t i = 0; i < n; ++i) {
    hashes[i] = values[rng() % (i % 3 == 0 ? 40 : values.size())];  // a few frequent values
    flags[i] = rng() % 4 == 0;
  }
  struct Expected {
    std::uint32_t first = UINT32_MAX;
    std::uint64_t count = 0, flagged = 0;
  };
  std::map<std::uint64_t, Expected> expected;
  for (std::size_t i = 0; i < n; ++i) {
    Expected& e = expected[hashes[i]];
    e.first = std::min(e.first, static_cast<std::uint32_t>(i));
    ++e.count;
    e.flagged += flags[i];
  }
  for (int threads : {1, 3}) {
    const internal::DistinctHashes d = internal::DistinctHashes::build(hashes, flags, threads);
    ASSERT_EQ(d.value.size(), expected.size());
    std::size_t t = 0;
    for (const auto& [value, e] : expected) {
      EXPECT_EQ(d.value[t], value);
      EXPECT_EQ(d.first[t], e.first);
      EXPECT_EQ(d.count[t], e.count);
      EXPECT_EQ(d.flagged[t], e.flagged);
      ++t;
    }
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(d.value[d.index_of[i]], hashes[i]);
  }
}

// A random corpus of class ids with copied passages, so that n-grams of
// every length are shared; phrase runs break now and then, and inside a
// passage always at the same places, so that its copies repeat whole runs.
struct Corpus {
  std::vector<std::uint32_t> cls, run, doc_of, source_of_doc;
  std::vector<std::uint8_t> sentence_end, class_flags, joins;
  std::vector<std::uint64_t> class_count;
  std::vector<double> doc_time;
  std::size_t sources = 5;

  internal::MiningInput input() const {
    return {.cls = cls, .run = run, .doc_of = doc_of, .sentence_end = sentence_end, .source_of_doc = source_of_doc,
            .sources = sources, .class_count = class_count, .class_flags = class_flags, .doc_time = doc_time};
  }
};

// `classes` word classes; a word is one of classes 0-2 with probability
// `low_share` (the tests' stop words), else any class. Half the documents
// copy one of `passages` passages.
Corpus make_corpus(std::uint64_t seed, std::size_t classes = 12, double low_share = 0,
                   std::size_t passages = 1) {
  std::mt19937_64 rng(seed);
  Corpus c;
  const std::size_t docs = 300;
  const auto word = [&] {
    const bool low = static_cast<double>(rng() % 1000) < 1000 * low_share;
    return static_cast<std::uint32_t>(low ? rng() % 3 : rng() % classes);
  };
  std::vector<std::vector<std::uint32_t>> texts(passages, std::vector<std::uint32_t>(40));
  for (auto& text : texts) {
    for (auto& v : text) v = word();
  }
  for (std::size_t d = 0; d < docs; ++d) {
    c.source_of_doc.push_back(static_cast<std::uint32_t>(rng() % c.sources));
    c.doc_time.push_back(static_cast<double>(rng() % 100) / 100.0);
    const std::size_t length = 20 + rng() % 40;
    const std::vector<std::uint32_t>& passage = texts[rng() % passages];
    const std::size_t copy_at = rng() % 2 == 0 ? rng() % length : length;
    for (std::size_t k = 0; k < length; ++k) {
      const bool copied = k >= copy_at && k - copy_at < passage.size();
      c.cls.push_back(copied ? passage[k - copy_at] : word());
      c.doc_of.push_back(static_cast<std::uint32_t>(d));
      c.sentence_end.push_back(k + 1 == length);
      // Whether a phrase may run on to the next token: inside a passage, up to
      // its fixed breaks (after its tokens 14 and 29) and its end.
      const std::size_t at = k - copy_at;
      c.joins.push_back(copied ? at + 1 < passage.size() && at != 14 && at != 29 : k + 1 != copy_at && rng() % 25 != 0);
    }
  }
  const std::size_t n = c.cls.size();
  c.run.assign(n, 1);
  for (std::size_t i = n - 1; i-- > 0;) {
    const bool joins = c.doc_of[i] == c.doc_of[i + 1] && c.joins[i];
    c.run[i] = joins ? c.run[i + 1] + 1 : 1;
  }
  c.class_count.assign(classes, 0);
  for (std::uint32_t v : c.cls) ++c.class_count[v];
  c.class_flags.assign(classes, 0);
  return c;
}

using Gram = std::vector<std::uint32_t>;

// Start of each position's phrase run.
std::vector<std::uint32_t> run_starts(const Corpus& c) {
  std::vector<std::uint32_t> start(c.cls.size());
  for (std::size_t i = 0; i < c.cls.size(); ++i) {
    start[i] = i > 0 && c.run[i - 1] != 1 ? start[i - 1] : static_cast<std::uint32_t>(i);
  }
  return start;
}

// Whether each position lies in the first copy of its phrase run (runs of
// at least two tokens with the same classes are copies).
std::vector<bool> in_first_copy(const Corpus& c) {
  const std::vector<std::uint32_t> start = run_starts(c);
  std::map<Gram, std::uint32_t> first;
  std::vector<bool> out(c.cls.size(), false);
  for (std::size_t i = 0; i < c.cls.size(); ++i) {
    if (start[i] != i || c.run[i] < 2) continue;
    const Gram run(c.cls.begin() + static_cast<std::ptrdiff_t>(i), c.cls.begin() + static_cast<std::ptrdiff_t>(i + c.run[i]));
    first.emplace(run, static_cast<std::uint32_t>(i));
  }
  for (const auto& [run, at] : first) std::fill(out.begin() + at, out.begin() + at + static_cast<std::ptrdiff_t>(run.size()), true);
  return out;
}

struct Summary {
  std::uint32_t rep = 0, tf = 0, df = 0, sources = 0;
  std::uint64_t fingerprint = 0;
  std::uint32_t records = 0;  // occurrences in first copies of their runs
  bool operator==(const Summary&) const = default;
};

// Brute force: level L keeps the L-grams (within a phrase run) whose two
// (L-1)-gram parts were kept, whose documents span >= min_sources sources
// and that occur at least min_records times in first copies of runs.
std::vector<std::map<Gram, Summary>> brute_force(const Corpus& c, int max_len, int min_sources,
                                                 int min_records) {
  std::vector<std::map<Gram, Summary>> kept(static_cast<std::size_t>(max_len) + 1);
  const std::vector<bool> first_copy = in_first_copy(c);
  const std::size_t n = c.cls.size();
  for (int len = 2; len <= max_len; ++len) {
    std::map<Gram, std::vector<std::uint32_t>> positions;
    for (std::size_t i = 0; i < n; ++i) {
      if (c.run[i] < static_cast<std::uint32_t>(len)) continue;
      Gram g(c.cls.begin() + static_cast<std::ptrdiff_t>(i), c.cls.begin() + static_cast<std::ptrdiff_t>(i) + len);
      if (len > 2) {
        const auto& below = kept[static_cast<std::size_t>(len - 1)];
        if (!below.count(Gram(g.begin(), g.end() - 1)) || !below.count(Gram(g.begin() + 1, g.end()))) continue;
      }
      positions[g].push_back(static_cast<std::uint32_t>(i));
    }
    for (const auto& [g, list] : positions) {
      std::vector<std::uint32_t> docs, srcs;
      for (std::uint32_t p : list) docs.push_back(c.doc_of[p]);
      docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
      Summary s{list.front(), static_cast<std::uint32_t>(list.size()), static_cast<std::uint32_t>(docs.size()), 0, 0, 0};
      for (std::uint32_t p : list) s.records += first_copy[p] ? 1 : 0;
      for (std::uint32_t d : docs) {
        srcs.push_back(c.source_of_doc[d]);
        s.fingerprint += internal::mix64(std::uint64_t{d} + 1);
      }
      std::sort(srcs.begin(), srcs.end());
      s.sources = static_cast<std::uint32_t>(std::unique(srcs.begin(), srcs.end()) - srcs.begin());
      if (s.sources >= static_cast<std::uint32_t>(min_sources) &&
          s.records >= static_cast<std::uint32_t>(min_records)) {
        kept[static_cast<std::size_t>(len)][g] = s;
      }
    }
  }
  return kept;
}

TEST(Segments, OneSegmentPerDistinctRunWithEveryCopysDocument) {
  const Corpus c = make_corpus(11);
  const internal::MiningInput in = c.input();
  const std::vector<std::uint32_t> start = run_starts(c);
  const std::vector<bool> first_copy = in_first_copy(c);
  // Expected: each distinct run's documents (one per copy, ascending).
  std::map<Gram, std::vector<std::uint32_t>> docs;
  for (std::size_t i = 0; i < c.cls.size(); ++i) {
    if (start[i] != i || c.run[i] < 2) continue;
    const Gram run(c.cls.begin() + static_cast<std::ptrdiff_t>(i), c.cls.begin() + static_cast<std::ptrdiff_t>(i + c.run[i]));
    docs[run].push_back(c.doc_of[i]);
  }
  std::size_t repeated = 0;
  for (const auto& [run, list] : docs) repeated += list.size() > 1 ? 1 : 0;
  ASSERT_GT(repeated, 3u);  // the passages' runs
  for (int threads : {1, 3}) {
    const internal::Segments seg = internal::Segments::build(in, threads);
    ASSERT_EQ(seg.size(), docs.size());
    std::vector<bool> seen(seg.size(), false);
    for (std::size_t i = 0; i < c.cls.size(); ++i) {
      ASSERT_EQ(seg.of[i] != internal::kNoSegment, static_cast<bool>(first_copy[i])) << "position " << i;
      if (!first_copy[i]) continue;
      const std::uint32_t s = seg.of[i];
      ASSERT_EQ(seg.of[start[i]], s);  // one segment along the run
      if (start[i] != i || seen[s]) continue;
      seen[s] = true;
      const Gram run(c.cls.begin() + static_cast<std::ptrdiff_t>(i), c.cls.begin() + static_cast<std::ptrdiff_t>(i + c.run[i]));
      const std::vector<std::uint32_t>& want = docs.at(run);
      const std::span<const std::uint32_t> got = seg.docs_of(s);
      ASSERT_TRUE(std::equal(got.begin(), got.end(), want.begin(), want.end())) << "segment " << s;
      std::vector<std::uint32_t> distinct(want), sources;
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      std::uint64_t fingerprint = 0;
      for (std::uint32_t d : distinct) {
        fingerprint += internal::mix64(std::uint64_t{d} + 1);
        sources.push_back(c.source_of_doc[d]);
      }
      std::sort(sources.begin(), sources.end());
      sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
      EXPECT_EQ(seg.df[s], distinct.size());
      EXPECT_EQ(seg.sources[s], sources.size());
      EXPECT_EQ(seg.fingerprint[s], fingerprint);
    }
    EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](bool b) { return b; }));
  }
}

// The mining's compact corpus: exactly the first-copy positions, ascending,
// each with its corpus arrays and segment, and each segment's first
// position as its rank; everything per document shared.
TEST(FirstCopies, ListsEveryFirstCopyPositionWithItsArraysAndSegment) {
  const Corpus c = make_corpus(11);
  const internal::MiningInput in = c.input();
  const std::vector<bool> first_copy = in_first_copy(c);
  for (int threads : {1, 3}) {
    const internal::Segments seg = internal::Segments::build(in, threads);
    internal::Segments copy = internal::Segments::build(in, threads);
    const internal::FirstCopies f = internal::FirstCopies::build(in, std::move(copy), threads);
    std::vector<std::uint32_t> want;
    for (std::size_t i = 0; i < c.cls.size(); ++i) {
      if (first_copy[i]) want.push_back(static_cast<std::uint32_t>(i));
    }
    ASSERT_GT(want.size(), 10u);
    ASSERT_LT(want.size(), c.cls.size());  // copies and one-word runs left out
    ASSERT_EQ(f.pos, want);
    ASSERT_EQ(f.input.cls.size(), want.size());
    ASSERT_EQ(f.input.run.size(), want.size());
    ASSERT_EQ(f.seg.of.size(), want.size());
    for (std::size_t r = 0; r < want.size(); ++r) {
      const std::uint32_t p = want[r];
      ASSERT_EQ(f.input.cls[r], in.cls[p]) << "rank " << r;
      ASSERT_EQ(f.input.run[r], in.run[p]) << "rank " << r;
      ASSERT_EQ(f.input.doc_of[r], in.doc_of[p]) << "rank " << r;
      ASSERT_EQ(f.input.sentence_end[r], in.sentence_end[p]) << "rank " << r;
      ASSERT_EQ(f.seg.of[r], seg.of[p]) << "rank " << r;
    }
    ASSERT_EQ(f.seg.size(), seg.size());
    for (std::uint32_t s = 0; s < seg.size(); ++s) {
      EXPECT_EQ(f.pos[f.seg.first[s]], seg.first[s]) << "segment " << s;
      EXPECT_EQ(f.seg.df[s], seg.df[s]);
      EXPECT_EQ(f.seg.copies(s), seg.copies(s));
    }
    EXPECT_EQ(f.input.source_of_doc.data(), in.source_of_doc.data());
    EXPECT_EQ(f.input.class_count.data(), in.class_count.data());
    // The same from segments built without their position array.
    const internal::Segments bare = internal::Segments::build(in, threads, false);
    EXPECT_TRUE(bare.of.empty());
    const internal::FirstCopies g = internal::FirstCopies::build(in, internal::Segments::build(in, threads, false), threads);
    EXPECT_EQ(g.pos, f.pos);
    EXPECT_TRUE(std::equal(g.seg.of.begin(), g.seg.of.end(), f.seg.of.begin(), f.seg.of.end()));
    EXPECT_EQ(g.seg.first, f.seg.first);
  }
}

// The originality scan over first copies finds every occurrence in the
// corpus, ascending, as a brute force over all positions does.
TEST(FirstCopies, OccurrenceScanFindsEveryOccurrenceInTheCorpus) {
  const Corpus c = make_corpus(11);
  const internal::MiningInput in = c.input();
  // Every n-gram of 2 to 5 tokens inside a run, at its first position.
  std::map<Gram, std::vector<std::uint32_t>> where;
  for (std::uint32_t i = 0; i < c.cls.size(); ++i) {
    for (std::uint32_t len = 2; len <= 5 && len <= c.run[i]; ++len) {
      where[Gram(c.cls.begin() + i, c.cls.begin() + i + len)].push_back(i);
    }
  }
  std::vector<internal::MinedPhrase> pool;
  std::vector<std::vector<std::uint32_t>> want;
  std::size_t copied = 0;
  for (const auto& [gram, at] : where) {
    internal::MinedPhrase p;
    p.rep = at.front();
    p.length = static_cast<std::uint32_t>(gram.size());
    p.hash = internal::ngram_hash(gram.data(), gram.size());
    pool.push_back(p);
    want.push_back(at);
    copied += at.size() > 2 ? 1 : 0;
  }
  ASSERT_GT(pool.size(), 100u);
  ASSERT_GT(copied, 10u);
  for (int threads : {1, 3}) {
    const internal::FirstCopies f =
        internal::FirstCopies::build(in, internal::Segments::build(in, threads), threads);
    const internal::Starts firsts = internal::find_starts(in, f, pool, threads);
    ASSERT_EQ(firsts.offset.size(), pool.size() + 1);
    ASSERT_EQ(firsts.offset.back(), firsts.starts.size());
    for (std::size_t k = 0; k < pool.size(); ++k) {
      const std::vector<std::uint32_t> got(firsts.starts.begin() + static_cast<std::ptrdiff_t>(firsts.offset[k]),
                                           firsts.starts.begin() + static_cast<std::ptrdiff_t>(firsts.offset[k + 1]));
      ASSERT_EQ(got, want[k]) << "phrase " << k;
    }
  }
}

// The bound that spares most pending dates never falls below the
// concentration it stands for, and is below 1 often enough to matter: random
// sets of runs (adjacent repeats, runs sharing documents, undated documents).
TEST(ConcentrationBound, NeverBelowTheConcentrationOfTheRuns) {
  for (const bool undated : {false, true}) {
    Corpus c = make_corpus(23, 12, 0, 4);
    if (undated) {
      for (std::size_t d = 0; d < c.doc_time.size(); d += 7) c.doc_time[d] = std::nan("");
    }
    const internal::MiningInput in = c.input();
    const internal::Segments seg = internal::Segments::build(in, 2);
    const std::vector<double> seg_concentration = internal::segment_concentrations(in, seg, 2);
    internal::ConcentrationCounter counter(in, seg, seg_concentration);
    const internal::ConcentrationBound bound(in, seg, 3);
    std::mt19937_64 rng(5);
    std::size_t below_one = 0;
    std::vector<std::uint32_t> runs;
    for (int trial = 0; trial < 3000; ++trial) {
      runs.clear();
      const std::size_t count = 2 + rng() % (trial % 10 == 0 ? 60 : 8);
      for (std::size_t k = 0; k < count; ++k) {
        runs.push_back(static_cast<std::uint32_t>(rng() % seg.size()));
        if (rng() % 5 == 0) runs.push_back(runs.back());  // a run listed twice
      }
      std::vector<std::uint32_t> docs;
      for (std::uint32_t s : runs) {
        for (std::uint32_t d : seg.docs_of(s)) docs.push_back(d);
      }
      std::sort(docs.begin(), docs.end());
      const auto df = static_cast<std::uint32_t>(std::unique(docs.begin(), docs.end()) - docs.begin());
      const double exact = counter(runs, df);
      const double upper = bound(runs, df);
      ASSERT_GE(upper, exact) << "trial " << trial << ", " << runs.size() << " runs, " << df << " documents";
      ASSERT_LE(upper, 1.0);
      below_one += upper < 1.0 ? 1 : 0;
    }
    EXPECT_GT(below_one, 300u) << "undated " << undated;  // not a bound of 1 everywhere
  }
}

class NgramGroupsRecords : public ::testing::TestWithParam<int> {};

// With min_records 1 every shared n-gram is grouped; with 2 (the mining's),
// n-grams of one run's first copy are left out (lone_ngrams.h).
TEST_P(NgramGroupsRecords, RefinementMatchesBruteForceAprioriForAnyThreadCount) {
  const int min_records = GetParam();
  const Corpus c = make_corpus(11);
  const internal::MiningInput in = c.input();
  const std::size_t n = c.cls.size();
  constexpr int kMaxLen = 6, kMinSources = 2;
  const auto expected = brute_force(c, kMaxLen, kMinSources, min_records);
  ASSERT_GT(expected[kMaxLen].size(), 3u);  // copies make long shared n-grams
  std::size_t copied = 0;  // groups with occurrences outside first copies
  for (const auto& [gram, sum] : expected[kMaxLen]) copied += sum.records < sum.tf ? 1 : 0;
  ASSERT_GT(copied, 3u);
  if (min_records == 1) {  // shared n-grams in one run's copies only
    std::size_t lone = 0;
    for (const auto& level : expected) {
      for (const auto& [gram, sum] : level) lone += sum.records == 1 ? 1 : 0;
    }
    EXPECT_GT(lone, 3u);
  }
  for (int threads : {1, 2, 5}) {
    const internal::Segments seg = internal::Segments::build(in, threads);
    std::vector<std::uint64_t> hashes(n, 0);
    for (std::size_t i = 0; i + 1 < n; ++i) {
      if (c.run[i] < 2) continue;
      const std::uint64_t h = internal::mix64(std::uint64_t{c.cls[i]} << 32 | c.cls[i + 1]);
      hashes[i] = h == 0 ? 1 : h;
    }
    std::vector<std::uint32_t> gid_prev(n), gid_cur(n);
    std::vector<internal::NgramOccurrence> occ_prev(n), occ_cur(n);
    std::vector<internal::GroupVector> scratch;
    internal::HashGroups grouping;
    internal::GroupVector prev;
    // A level handed back for reuse, its stale groups still in it: refining
    // into it must give the same groups as into a fresh vector.
    internal::GroupVector recycled;
    // The shifts each refinement passes to the next (copied text), used by
    // the recycled refinement only: the groups must not change.
    std::vector<std::uint32_t> shifts;
    std::size_t shifted = 0;
    for (int len = 2; len <= kMaxLen; ++len) {
      internal::GroupVector cur;
      if (len == 2) {
        cur = internal::group_by_hash(in, seg, hashes, kMinSources, min_records, gid_cur, occ_cur, grouping,
                                      threads);
      } else {
        cur = internal::refine_groups(in, seg, prev, gid_prev, occ_prev, kMinSources, min_records, gid_cur,
                                      occ_cur, scratch, threads);
        const std::vector<internal::NgramOccurrence> occ_fresh(occ_cur);
        internal::refine_groups(in, seg, prev, gid_prev, occ_prev, kMinSources, min_records, gid_cur, occ_cur,
                                recycled, shifts, scratch, threads);
        ASSERT_EQ(shifts.size(), recycled.size());
        for (std::size_t k = 0; k < recycled.size(); ++k) {
          if (shifts[k] == internal::kNoGroup) continue;
          ++shifted;
          // Every occurrence, one position later, is an occurrence of the shift.
          const internal::NgramGroup& g = recycled[k];
          for (std::uint32_t r = g.first_record; r < g.first_record + g.records; ++r) {
            EXPECT_EQ(gid_cur[occ_cur[r].pos + 1], shifts[k]) << "length " << len << ", group " << k;
          }
        }
        ASSERT_EQ(recycled.size(), cur.size());
        for (std::size_t k = 0; k < cur.size(); ++k) {
          const auto fields = [](const internal::NgramGroup& g) {
            return std::make_tuple(g.fingerprint, g.rep, g.length, g.tf, g.df, g.sources, g.first_record, g.records, g.left,
                                   g.right, g.first_cls, g.last_cls, g.cohesion, g.concentration, g.subsumed,
                                   g.redundant, g.all_stop, g.base_level, g.base);
          };
          EXPECT_EQ(fields(recycled[k]), fields(cur[k])) << "group " << k;
        }
        EXPECT_TRUE(std::equal(occ_fresh.begin(), occ_fresh.end(), occ_cur.begin(),
                               [](const internal::NgramOccurrence& a, const internal::NgramOccurrence& b) {
                                 return a.pos == b.pos && a.seg == b.seg;
                               }));
      }
      const auto& want = expected[static_cast<std::size_t>(len)];
      ASSERT_EQ(cur.size(), want.size()) << "length " << len << ", threads " << threads;
      for (std::uint32_t id = 0; id < cur.size(); ++id) {
        const internal::NgramGroup& g = cur[id];
        const Gram gram(c.cls.begin() + g.rep, c.cls.begin() + g.rep + len);
        const auto it = want.find(gram);
        ASSERT_NE(it, want.end());
        EXPECT_EQ((Summary{g.rep, g.tf, g.df, g.sources, g.fingerprint, g.records}), it->second);
        for (std::uint32_t r = g.first_record; r < g.first_record + g.records; ++r) {
          const std::uint32_t p = occ_cur[r].pos;
          EXPECT_EQ(gid_cur[p], id);
          EXPECT_EQ(occ_cur[r].seg, seg.of[p]);
          EXPECT_TRUE(std::equal(gram.begin(), gram.end(), c.cls.begin() + p));
          if (r > g.first_record) {
            EXPECT_LT(occ_cur[r - 1].pos, p);  // positions ascend
          }
        }
        if (len > 2) {  // its parts: the group itself minus its last token, and minus its first
          EXPECT_EQ(g.left, gid_prev[g.rep]);
          EXPECT_EQ(g.right, gid_prev[g.rep + 1]);
        }
      }
      std::size_t grouped = 0;
      for (std::uint32_t v : gid_cur) grouped += v != internal::kNoGroup ? 1 : 0;
      std::size_t want_positions = 0;
      for (const auto& [gram, s] : want) want_positions += s.records;
      EXPECT_EQ(grouped, want_positions);
      if (len == kMaxLen) {
        EXPECT_GT(shifted, 0u);  // copies make shifts known
      }
      for (auto& g : cur) g.first_cls = c.cls[g.rep];
      if (len > 2) recycled = std::move(prev);  // stale groups of an older level, as the mining hands back
      prev = std::move(cur);
      std::swap(gid_prev, gid_cur);
      std::swap(occ_prev, occ_cur);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(MinRecords, NgramGroupsRecords, ::testing::Values(1, 2));

// Lone n-grams tracked without groups must give the mining the same result
// as grouping every shared n-gram: same phrases, counts, flags and scores.
// Classes 0-2 are stop words, so that parts are redundant and subsumed
// through their bases across lone and grouped n-grams.
TEST(LoneNgrams, MiningGivesTheSameResultAsGroupingEverything) {
  std::size_t long_ones = 0;   // chains through copied runs
  std::size_t lone_total = 0;  // shared n-grams in one run's copies only, over all runs
  for (std::uint64_t seed : {11, 12, 13}) {
    Corpus c = make_corpus(seed, 80, 0.3, 20);
    for (std::uint32_t k = 0; k < 3; ++k) c.class_flags[k] = internal::kStopWord;
    const internal::MiningInput in = c.input();
    for (int max_tokens : {4, 6}) {
      for (int threads : {1, 3}) {
        internal::MiningOptions o;
        o.max_tokens = max_tokens;
        o.max_results = 0;  // every scored phrase
        const internal::MiningResult lone = internal::mine_phrases(in, o, threads);
        o.lone_ngrams = false;
        const internal::MiningResult grouped = internal::mine_phrases(in, o, threads);
        ASSERT_GT(grouped.phrases.size(), 20u);
        EXPECT_EQ(lone.shared_groups, grouped.shared_groups);
        const auto lone_levels = brute_force(c, max_tokens, o.min_sources, 1);
        for (const auto& level : lone_levels) {
          for (const auto& [gram, sum] : level) lone_total += sum.records == 1 ? 1 : 0;
        }
        EXPECT_EQ(lone.scored, grouped.scored);
        ASSERT_EQ(lone.phrases.size(), grouped.phrases.size()) << "seed " << seed << ", max " << max_tokens;
        for (std::size_t k = 0; k < lone.phrases.size(); ++k) {
          const internal::MinedPhrase& a = lone.phrases[k];
          const internal::MinedPhrase& b = grouped.phrases[k];
          const auto fields = [](const internal::MinedPhrase& p) {
            return std::make_tuple(p.hash, p.rep, p.length, p.tf, p.df, p.sources, p.score, p.spread,
                                   p.cohesion, p.distinctiveness, p.originality, p.timing, p.penalty);
          };
          EXPECT_EQ(fields(a), fields(b)) << "phrase " << k;
          long_ones += a.length > static_cast<std::uint32_t>(max_tokens) ? 1 : 0;
        }
      }
    }
  }
  EXPECT_GT(long_ones, 0u);
  EXPECT_GT(lone_total, 500u);
}

TEST(NgramGroups, CompactLevelKeepsFlagsAndScorableGroupsInOrder) {
  // 200,000 groups (several work chunks), every fourth one scorable.
  constexpr std::uint32_t kGroups = 200000;
  internal::GroupVector groups(kGroups);
  for (std::uint32_t k = 0; k < kGroups; ++k) {
    internal::NgramGroup g = internal::new_group();
    g.rep = 3 * k;
    g.length = k % 7 == 0 ? 1 : 4;  // shorter than min_tokens: never a candidate
    g.tf = k + 2;
    g.df = k + 1;
    g.sources = 2;
    g.cohesion = 0.25;
    g.concentration = 0.5;
    g.subsumed = k % 4 == 1;
    g.redundant = k % 4 == 2;
    g.all_stop = k % 4 == 3;
    groups[k] = g;
  }
  for (int threads : {1, 2, 4}) {
    const internal::CompactLevel c = internal::compact_level({}, {}, groups, {}, 2, threads);  // no dates
    ASSERT_TRUE(c.done);
    ASSERT_EQ(c.subsumed.size(), kGroups);
    std::vector<std::uint32_t> want;
    for (std::uint32_t k = 0; k < kGroups; ++k) {
      EXPECT_EQ(c.subsumed[k], groups[k].subsumed);
      if (k % 4 == 0 && k % 7 != 0) want.push_back(k);
    }
    ASSERT_EQ(c.candidates.size(), want.size()) << "threads " << threads;
    for (std::size_t i = 0; i < want.size(); ++i) {
      const internal::CompactGroup& g = c.candidates[i];
      ASSERT_EQ(g.index, want[i]);
      const internal::NgramGroup back = g.group(4);
      EXPECT_EQ(back.rep, 3 * want[i]);
      EXPECT_EQ(back.tf, want[i] + 2);
      EXPECT_EQ(back.df, want[i] + 1);
      EXPECT_EQ(back.sources, 2u);
      EXPECT_EQ(back.length, 4u);
      EXPECT_EQ(back.cohesion, 0.25);
      EXPECT_EQ(back.concentration, 0.5);
      EXPECT_EQ(back.subsumed + back.redundant + back.all_stop, 0);
    }
  }
}

}  // namespace
}  // namespace echotrace
