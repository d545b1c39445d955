#include "internal/originality.h"

#include <algorithm>

#include "internal/assert.h"
#include "internal/english.h"
#include "internal/hash.h"
#include "internal/phrase_matcher.h"

namespace echotrace::internal {

namespace {

// (phrase, position) pairs per block of positions, blocks in order.
using Found = std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>>;

// The occurrences of the phrases of `pool` (whose positions are in
// `corpus`) among the positions of `scan` (the corpus's first copies,
// segments.h), positions there ascending within each block.
Found scan_for(const MiningInput& corpus, const MiningInput& scan, std::span<const MinedPhrase> pool, int threads) {
  ECHOTRACE_ASSERT(corpus.cls.empty() || !corpus.class_count.empty());
  std::vector<PhraseTarget> targets(pool.size());
  for (std::size_t k = 0; k < pool.size(); ++k) {
    const MinedPhrase& p = pool[k];
    targets[k] = {p.hash, p.length, corpus.cls[p.rep],
                  corpus.cls[p.rep + 1]};  // every candidate has >= 2 tokens
  }
  const PhraseMatcher matcher(targets, static_cast<std::uint32_t>(corpus.class_count.size()));
  const std::size_t n = scan.cls.size();
  constexpr std::size_t kBlock = 1 << 16;
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  Found found(blocks);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t b = 0; b < static_cast<std::int64_t>(blocks); ++b) {
    const std::size_t end = std::min(n, (static_cast<std::size_t>(b) + 1) * kBlock);
    for (std::size_t p = static_cast<std::size_t>(b) * kBlock; p < end; ++p) {
      if (scan.run[p] < 2) continue;  // the run, read in order, first
      matcher.at(&scan.cls[p], scan.run[p], [&](std::uint32_t k) {
        found[static_cast<std::size_t>(b)].emplace_back(k, static_cast<std::uint32_t>(p));
      });
    }
  }
  return found;
}

// `found` laid out by phrase (of `phrases`), in the order found.
Starts by_phrase(const Found& found, std::size_t phrases) {
  Starts out;
  out.offset.assign(phrases + 1, 0);
  std::vector<std::size_t>& count = out.offset;
  for (const auto& list : found) {
    for (const auto& [k, p] : list) ++count[k + 1];
  }
  for (std::size_t k = 0; k < phrases; ++k) count[k + 1] += count[k];
  out.starts.resize(count.back());
  std::vector<std::size_t> at(count.begin(), count.end() - 1);
  for (const auto& list : found) {
    for (const auto& [k, p] : list) out.starts[at[k]++] = p;
  }
  return out;
}

}  // namespace

Starts find_starts(const MiningInput& corpus, const FirstCopies& first, std::span<const MinedPhrase> pool,
                   int threads) {
  if (pool.empty()) return Starts{std::vector<std::size_t>(1, 0), {}};
  // Each occurrence in a first copy, repeated at the same offset in every
  // copy of its run.
  Found found = scan_for(corpus, first.input, pool, threads);
  const Segments& seg = first.seg;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t b = 0; b < static_cast<std::int64_t>(found.size()); ++b) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>>& list = found[static_cast<std::size_t>(b)];
    const std::size_t in_first = list.size();
    for (std::size_t i = 0; i < in_first; ++i) {
      const auto [k, r] = list[i];
      const std::uint32_t s = seg.of[r];
      const std::uint32_t offset = first.pos[r] - first.pos[seg.first[s]];
      const std::span<const std::uint32_t> copies = seg.copy_starts(s);
      list[i].second = copies[0] + offset;  // the first copy's
      for (std::size_t c = 1; c < copies.size(); ++c) list.emplace_back(k, copies[c] + offset);
    }
  }
  Starts out = by_phrase(found, pool.size());
#pragma omp parallel for schedule(dynamic, 64) num_threads(threads)
  for (std::int64_t k = 0; k < static_cast<std::int64_t>(pool.size()); ++k) {
    std::sort(out.starts.begin() + static_cast<std::ptrdiff_t>(out.offset[static_cast<std::size_t>(k)]),
              out.starts.begin() + static_cast<std::ptrdiff_t>(out.offset[static_cast<std::size_t>(k) + 1]));
  }
  return out;
}

void apply_originality(const MiningInput& in, std::span<MinedPhrase> pool, const Starts& s, std::size_t begin,
                       std::size_t end, int threads) {
  const auto b = static_cast<std::int64_t>(begin), e = static_cast<std::int64_t>(end);
#pragma omp parallel num_threads(threads)
  {
    OriginalityCounter originality;
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t k = b; k < e; ++k) {
      MinedPhrase& p = pool[k];
      const std::span<const std::uint32_t> mine(s.starts.data() + s.offset[k], s.offset[k + 1] - s.offset[k]);
      p.originality = originality(in, mine, p.length);
      p.score *= p.originality;
    }
  }
}

double OriginalityCounter::operator()(const MiningInput& in, std::span<const std::uint32_t> starts,
                                       std::uint32_t length) {
  const std::size_t m = starts.size();
  if (m <= 1) return 1.0;
  const std::size_t n = in.cls.size();
  parent_.resize(m);
  for (std::uint32_t k = 0; k < m; ++k) parent_[k] = k;
  const auto find = [&](std::uint32_t k) {
    while (parent_[k] != k) k = parent_[k] = parent_[parent_[k]];
    return k;
  };
  // Context positions on each side within the sentence: [from, from + count).
  struct Side {
    std::size_t from = 0, count = 0;
  };
  const auto left_of = [&](std::uint32_t p) {
    const std::uint32_t d = in.doc_of[p];
    std::size_t count = 0;
    while (count < kContextTokens && p >= count + 1 && in.doc_of[p - count - 1] == d &&
           !in.sentence_end[p - count - 1]) {
      ++count;
    }
    return Side{p - count, count};
  };
  const auto right_of = [&](std::uint32_t p) {
    const std::uint32_t d = in.doc_of[p];
    const std::size_t from = std::size_t{p} + length;
    std::size_t count = 0;
    if (!in.sentence_end[from - 1]) {
      while (count < kContextTokens && from + count < n && in.doc_of[from + count] == d) {
        ++count;
        if (in.sentence_end[from + count - 1]) break;
      }
    }
    return Side{from, count};
  };
  const auto hash_of = [&](const Side& s) {
    return s.count == 0 ? std::uint64_t{0} : ngram_hash(&in.cls[s.from], s.count);
  };
  // Wider windows, for copies edited near the phrase: the classes of up to
  // kWindowWords content words on each side (stop words skipped, at most
  // kWindowScan tokens away), sketched by kWindowBands pairs of minimum
  // hashes; two occurrences whose windows agree on a whole pair join.
  const auto window_keys = [&](std::uint32_t p, int side, std::uint64_t* out) {
    const std::uint32_t d = in.doc_of[p];
    std::uint64_t words[kWindowWords];
    std::size_t got = 0;
    for (std::size_t step = 1; step <= kWindowScan && got < kWindowWords; ++step) {
      std::size_t q = 0;
      if (side == 0) {
        if (p < step) break;
        q = p - step;
      } else {
        q = std::size_t{p} + length - 1 + step;
        if (q >= n) break;
      }
      if (in.doc_of[q] != d) break;
      if (in.class_flags[in.cls[q]] & kStopWord) continue;
      if (!in.part.empty() && in.part[q] > 1) continue;  // a hyphenated token is one word here
      words[got++] = in.class_hash.empty() ? in.cls[q] : in.class_hash[in.cls[q]];
    }
    if (got < kWindowMinWords) return false;
    for (std::size_t band = 0; band < kWindowBands; ++band) {
      std::uint64_t a = UINT64_MAX, b = UINT64_MAX;
      for (std::size_t w = 0; w < got; ++w) {
        a = std::min(a, mix64(words[w] + 0x9E3779B97F4A7C15ull * (2 * band + 1)));
        b = std::min(b, mix64(words[w] + 0x9E3779B97F4A7C15ull * (2 * band + 2)));
      }
      out[band] = mix64(a ^ mix64(b + band * 2 + static_cast<std::uint64_t>(side))) | 1;
    }
    return true;
  };
  constexpr int kKinds = 3 + 2 * static_cast<int>(kWindowBands);
  std::vector<std::uint64_t> windows(2 * kWindowBands * m, 0);
  for (std::uint32_t k = 0; k < m; ++k) {
    for (int side = 0; side < 2; ++side) window_keys(starts[k], side, &windows[(2 * k + side) * kWindowBands]);
  }
  for (int kind = 0; kind < kKinds; ++kind) {  // full left, full right, both cut, then window bands
    keys_.clear();
    for (std::uint32_t k = 0; k < m; ++k) {
      std::uint64_t key = 0;
      if (kind < 3) {
        const Side left = left_of(starts[k]), right = right_of(starts[k]);
        const bool full_left = left.count == kContextTokens, full_right = right.count == kContextTokens;
        if (kind == 0 && full_left) key = hash_of(left);
        if (kind == 1 && full_right) key = hash_of(right);
        if (kind == 2 && !full_left && !full_right) key = mix64(hash_of(left) ^ mix64(hash_of(right) + left.count)) | 1;
      } else {
        key = windows[2 * k * kWindowBands + static_cast<std::size_t>(kind - 3)];
      }
      if (key != 0) keys_.emplace_back(key, k);
    }
    std::sort(keys_.begin(), keys_.end());
    for (std::size_t j = 1; j < keys_.size(); ++j) {
      if (keys_[j].first != keys_[j - 1].first) continue;
      const std::uint32_t a = find(keys_[j].second), b = find(keys_[j - 1].second);
      if (a != b) parent_[std::max(a, b)] = std::min(a, b);
    }
  }
  std::size_t clusters = 0;
  for (std::uint32_t k = 0; k < m; ++k) clusters += find(k) == k ? 1 : 0;
  return static_cast<double>(clusters) / static_cast<double>(m);
}

}  // namespace echotrace::internal
