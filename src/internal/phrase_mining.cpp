#include "internal/phrase_mining.h"

#include <algorithm>
#include <atomic>
#include <cmath>

#include "internal/assert.h"
#include "internal/english.h"
#include "internal/hash.h"
#include "internal/hash_groups.h"

namespace echotrace::internal {
namespace {

constexpr std::uint32_t kNone = UINT32_MAX;

// Penalty factors (phrases.h documents them).
constexpr double kStopEdgePenalty = 0.3;
constexpr double kNumberOrDatePenalty = 0.05;
constexpr double kDateWordPenalty = 0.5;
// Share of its weight a phrase keeps when its documents are spread in time
// exactly like the corpus (time concentration 0).
constexpr double kTimingFloor = 0.1;

// One group of equal n-grams meeting min_sources.
struct Group {
  std::uint64_t hash = 0;
  std::uint64_t fingerprint = 0;  // sum of mix64(doc + 1) over its documents
  std::uint32_t rep = 0;          // first position
  std::uint32_t length = 0;
  std::uint32_t tf = 0, df = 0, sources = 0;
  std::uint32_t first_record = 0;  // offset of its records in the HashGroups
  double cohesion = 0;     // NPMI in [-1, 1] (the smallest over its splits)
  double originality = 1;  // independent uses / occurrences
  double concentration = 1;  // time concentration of its documents
  std::uint8_t subsumed = 0;   // a longer n-gram with the same documents adds a content word
  std::uint8_t redundant = 0;  // it only adds stop words to a shorter n-gram with the same documents
  // The n-gram this one only adds stop words to (itself when none): subsumed
  // along with it, so "x of p" with p's documents removes p as well.
  std::uint8_t base_level = 0;
  std::uint32_t base = 0;
};

void mark_subsumed(std::uint8_t& flag) { std::atomic_ref<std::uint8_t>(flag).store(1, std::memory_order_relaxed); }

// Normalised PMI of phrase ab against its parts a and b, over n positions.
double npmi(double ab, double a, double b, double n) {
  const double denom = std::log(n / ab);
  if (denom <= 0) return 1.0;
  return std::log(ab * n / (a * b)) / denom;
}

// Groups every position with a non-zero hash, keeps those whose documents
// span at least min_sources sources, and writes each kept group's id into
// `gid` for all of its positions (kNone elsewhere). Each record carries its
// document, so counting reads no scattered memory.
// `lengths` gives the n-gram length at each position (one length for all
// when it holds a single value).
std::vector<Group> count_groups(const MiningInput& in, std::span<const std::uint64_t> hashes, int min_sources,
                                std::span<const std::uint32_t> lengths, std::vector<std::uint32_t>& gid,
                                int threads) {
  const HashGroups groups = HashGroups::build(hashes, in.doc_of, threads);
  double dated_docs = 0;
  for (double t : in.doc_time) dated_docs += std::isnan(t) ? 0.0 : 1.0;
  const auto nb = static_cast<std::int64_t>(groups.buckets());
  std::vector<std::vector<Group>> kept(groups.buckets());
#pragma omp parallel num_threads(threads)
  {
    std::vector<std::uint32_t> stamp(in.sources, 0);
    std::uint32_t serial = 0;
    OriginalityCounter originality;
    std::vector<std::uint32_t> starts;
    std::vector<double> times;
#pragma omp for schedule(dynamic, 8)
    for (std::int64_t b = 0; b < nb; ++b) {
      const std::span<const HashRecord> recs = groups.bucket(static_cast<std::size_t>(b));
      for (std::size_t i = 0; i < recs.size();) {
        const std::size_t size = group_size(recs, i);
        if (++serial == 0) {  // wrapped: forget old stamps
          std::fill(stamp.begin(), stamp.end(), 0);
          serial = 1;
        }
        std::uint32_t df = 0, sources = 0, last_doc = kNone;
        std::uint64_t fingerprint = 0;
        for (std::size_t k = i; k < i + size; ++k) {
          const std::uint32_t d = recs[k].aux;  // the document
          if (d == last_doc) continue;
          last_doc = d;
          ++df;
          fingerprint += mix64(std::uint64_t{d} + 1);
          std::uint32_t& s = stamp[in.source_of_doc[d]];
          if (s != serial) {
            s = serial;
            ++sources;
          }
        }
        if (sources >= static_cast<std::uint32_t>(min_sources)) {
          Group g;
          starts.clear();
          times.clear();
          last_doc = kNone;
          for (std::size_t k = i; k < i + size; ++k) {
            starts.push_back(recs[k].pos);
            const std::uint32_t d = recs[k].aux;
            if (d == last_doc) continue;
            last_doc = d;
            if (!in.doc_time.empty() && !std::isnan(in.doc_time[d])) times.push_back(in.doc_time[d]);
          }
          const std::uint32_t length = lengths.size() == 1 ? lengths[0] : lengths[recs[i].pos];
          g.originality = originality(in, starts, length);
          // A phrase used in most dated documents cannot be tighter in time
          // than the corpus: the deviation counts by the share it left out.
          const double left_out = dated_docs == 0 ? 0.0 : 1.0 - static_cast<double>(times.size()) / dated_docs;
          g.concentration = 1.0 - (1.0 - time_concentration(times)) * left_out;
          g.hash = recs[i].hash;
          g.fingerprint = fingerprint;
          g.rep = recs[i].pos;
          g.tf = static_cast<std::uint32_t>(size);
          g.df = df;
          g.sources = sources;
          g.first_record = static_cast<std::uint32_t>(groups.bucket_offset(static_cast<std::size_t>(b)) + i);
          kept[static_cast<std::size_t>(b)].push_back(g);
        }
        i += size;
      }
    }
  }
  std::vector<std::size_t> base(kept.size() + 1, 0);
  for (std::size_t b = 0; b < kept.size(); ++b) base[b + 1] = base[b] + kept[b].size();
  std::vector<Group> out(base.back());
  std::fill(gid.begin(), gid.end(), kNone);
#pragma omp parallel for schedule(dynamic, 8) num_threads(threads)
  for (std::int64_t b = 0; b < nb; ++b) {
    const auto ub = static_cast<std::size_t>(b);
    const std::span<const HashRecord> recs = groups.bucket(ub);
    const std::size_t offset = groups.bucket_offset(ub);
    for (std::size_t k = 0; k < kept[ub].size(); ++k) {
      const Group& g = kept[ub][k];
      const auto id = static_cast<std::uint32_t>(base[ub] + k);
      for (std::size_t r = g.first_record - offset; r < g.first_record - offset + g.tf; ++r) gid[recs[r].pos] = id;
      out[id] = g;
    }
  }
  return out;
}

class Scorer {
 public:
  Scorer(const MiningInput& in, const MiningOptions& o, std::size_t documents) : in_(in), o_(o), docs_(documents) {}

  MinedPhrase score(const Group& g) const {
    MinedPhrase p;
    p.hash = g.hash;
    p.rep = g.rep;
    p.length = g.length;
    p.tf = g.tf;
    p.df = g.df;
    p.sources = g.sources;
    p.spread = std::log2(1.0 + g.sources) + 0.5 * std::log2(1.0 + g.df - g.sources);
    p.cohesion = (1.0 + std::clamp(g.cohesion, -1.0, 1.0)) / 2.0;
    const double a = o_.background_weight, p0 = o_.background_rate;
    const double rate = (g.df + a * p0) / (static_cast<double>(docs_) + a);
    p.distinctiveness = std::min(1.0, std::log(1.0 / rate) / std::log(1.0 / p0));
    std::uint8_t flags[256];
    const std::size_t n = std::min<std::size_t>(g.length, sizeof flags);
    for (std::size_t k = 0; k < n; ++k) flags[k] = in_.class_flags[in_.cls[g.rep + k]];
    if (g.length > n) flags[n - 1] = in_.class_flags[in_.cls[g.rep + g.length - 1]];
    p.penalty = phrase_penalty(std::span<const std::uint8_t>(flags, n));
    p.originality = g.originality;
    p.timing = kTimingFloor + (1.0 - kTimingFloor) * g.concentration;
    p.score = p.spread * p.cohesion * p.distinctiveness * p.originality * p.timing * p.penalty;
    return p;
  }

 private:
  const MiningInput& in_;
  const MiningOptions& o_;
  std::size_t docs_;
};

bool ranks_before(const MinedPhrase& x, const MinedPhrase& y) {
  if (x.score != y.score) return x.score > y.score;
  if (x.length != y.length) return x.length > y.length;
  return x.hash < y.hash;
}

// Keeps the best `limit` of `pool` (all when limit is 0).
void prune(std::vector<MinedPhrase>& pool, std::size_t limit) {
  if (limit == 0 || pool.size() <= limit) return;
  std::nth_element(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(limit), pool.end(), ranks_before);
  pool.resize(limit);
}

}  // namespace

std::uint64_t ngram_hash(const std::uint32_t* cls, std::size_t len) {
  const std::uint64_t h =
      xxh3_64(std::string_view(reinterpret_cast<const char*>(cls), len * sizeof(std::uint32_t)), 0);
  return h == 0 ? 1 : h;
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
  for (int side = 0; side < 2; ++side) {
    keys_.clear();
    for (std::uint32_t k = 0; k < m; ++k) {
      const std::uint32_t p = starts[k];
      const std::uint32_t d = in.doc_of[p];
      std::size_t from = 0, count = 0;  // the context's positions [from, from + count)
      if (side == 0) {
        while (count < kContextTokens && p >= count + 1 && in.doc_of[p - count - 1] == d) ++count;
        from = p - count;
      } else {
        from = std::size_t{p} + length;
        while (count < kContextTokens && from + count < n && in.doc_of[from + count] == d) ++count;
      }
      if (count == 0) continue;
      keys_.emplace_back(ngram_hash(&in.cls[from], count) ^ count, k);
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

double time_concentration(std::span<double> times) {
  const std::size_t k = times.size();
  if (k < 2) return 1.0;
  std::sort(times.begin(), times.end());
  const std::size_t m = k / 2;
  const double median = k % 2 == 1 ? times[m] : 0.5 * (times[m - 1] + times[m]);
  double mad = 0;
  for (double t : times) mad += std::abs(t - median);
  mad /= static_cast<double>(k);
  const double dk = static_cast<double>(k), dm = static_cast<double>(m);
  const double expected = (k % 2 == 1 ? dm * (dm + 1) : dm * dm) / ((dk + 1) * dk);
  return std::clamp(1.0 - mad / expected, 0.0, 1.0);
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

MiningResult mine_phrases(const MiningInput& in, const MiningOptions& o, int threads) {
  ECHOTRACE_ASSERT(o.min_tokens >= 2 && o.max_tokens >= o.min_tokens && o.min_sources >= 1);
  const std::size_t n = in.cls.size();
  ECHOTRACE_ASSERT(in.run.size() == n && in.doc_of.size() == n && n < kNone);
  const auto count = static_cast<std::int64_t>(n);
  const double total = static_cast<double>(std::max<std::size_t>(n, 1));
  const Scorer scorer(in, o, in.source_of_doc.size());
  MiningResult result;
  std::vector<MinedPhrase> pool;
  const auto finalize = [&](const std::vector<Group>& groups) {
    for (const Group& g : groups) {
      if (g.subsumed || g.redundant || g.length < static_cast<std::uint32_t>(o.min_tokens)) continue;
      const MinedPhrase p = scorer.score(g);
      if (p.score <= 0) continue;
      ++result.scored;
      pool.push_back(p);
    }
    if (o.max_results != 0 && pool.size() > 4 * o.max_results) prune(pool, o.max_results);
  };

  // levels[L] holds the groups of L-grams; all are kept, since an n-gram can
  // be shown not maximal by one several tokens longer (through stop words).
  std::vector<std::vector<Group>> levels(static_cast<std::size_t>(o.max_tokens) + 1);
  const auto base_of = [&](const Group& g) -> Group& { return levels[g.base_level][g.base]; };
  std::vector<std::uint64_t> hashes(n);
  std::vector<std::uint32_t> gid_prev(n, kNone), gid_cur(n, kNone);
  int last_level = 1;
  for (int level = 2; level <= o.max_tokens; ++level) {
    const auto len = static_cast<std::uint32_t>(level);
    std::vector<Group>& prev = levels[static_cast<std::size_t>(level - 1)];
#pragma omp parallel for schedule(static, 65536) num_threads(threads)
    for (std::int64_t i = 0; i < count; ++i) {
      const bool valid = in.run[i] >= len && (level == 2 || (gid_prev[i] != kNone && gid_prev[i + 1] != kNone));
      hashes[i] = valid ? ngram_hash(&in.cls[i], len) : 0;
    }
    const std::uint32_t level_length[] = {len};
    std::vector<Group> cur = count_groups(in, hashes, o.min_sources, level_length, gid_cur, threads);
    if (cur.empty()) break;
    last_level = level;
    const auto ncur = static_cast<std::int64_t>(cur.size());
#pragma omp parallel for schedule(static, 4096) num_threads(threads)
    for (std::int64_t k = 0; k < ncur; ++k) {
      Group& g = cur[k];
      g.length = len;
      g.base_level = static_cast<std::uint8_t>(level);
      g.base = static_cast<std::uint32_t>(k);
      const std::uint32_t p = g.rep;
      const std::uint32_t first_cls = in.cls[p], last_cls = in.cls[p + len - 1];
      const double c_first = static_cast<double>(in.class_count[first_cls]);
      const double c_last = static_cast<double>(in.class_count[last_cls]);
      if (level == 2) {
        g.cohesion = npmi(g.tf, c_first, c_last, total);
        continue;
      }
      Group& left = prev[gid_prev[p]];
      Group& right = prev[gid_prev[p + 1]];
      g.cohesion = std::min(npmi(g.tf, left.tf, c_last, total), npmi(g.tf, c_first, right.tf, total));
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
          mark_subsumed(base_of(part).subsumed);
        }
      }
    }
    result.shared_groups += cur.size();
    levels[static_cast<std::size_t>(level)] = std::move(cur);
    std::swap(gid_prev, gid_cur);
  }

  // Chains: overlapping max-length n-grams in the same documents form longer spans.
  std::vector<Group>& top = levels[static_cast<std::size_t>(o.max_tokens)];
  const auto max_len = static_cast<std::uint32_t>(o.max_tokens);
  std::vector<Group> chains;
  if (last_level == o.max_tokens) {
    std::vector<std::uint8_t> link(n, 0);
#pragma omp parallel for schedule(static, 65536) num_threads(threads)
    for (std::int64_t i = 0; i < count; ++i) {
      const std::uint32_t a = gid_prev[i];
      if (a == kNone || in.run[i] <= max_len) continue;
      const std::uint32_t b = gid_prev[i + 1];
      link[i] = b != kNone && top[b].df == top[a].df && top[b].fingerprint == top[a].fingerprint;
    }
    std::vector<std::uint32_t> lengths(n, 0);
#pragma omp parallel for schedule(static, 65536) num_threads(threads)
    for (std::int64_t i = 0; i < count; ++i) {
      hashes[i] = 0;
      if (!link[i] || (i > 0 && link[i - 1])) continue;
      std::uint32_t k = 0;
      while (link[i + k]) ++k;
      lengths[i] = max_len + k;
      hashes[i] = ngram_hash(&in.cls[i], max_len + k);
    }
    chains = count_groups(in, hashes, o.min_sources, lengths, gid_cur, threads);
    for (Group& g : chains) g.length = lengths[g.rep];
  }
  for (Group& g : chains) {
    g.cohesion = 1.0;
    for (std::uint32_t j = 0; j + max_len <= g.length; ++j) {
      Group& member = top[gid_prev[g.rep + j]];
      g.cohesion = std::min(g.cohesion, member.cohesion);
      if (member.df != g.df) continue;
      member.subsumed = 1;
      base_of(member).subsumed = 1;
    }
  }
  result.shared_groups += chains.size();
  for (const std::vector<Group>& level : levels) finalize(level);
  finalize(chains);
  prune(pool, o.max_results);
  std::sort(pool.begin(), pool.end(), ranks_before);
  result.phrases = std::move(pool);
  return result;
}

}  // namespace echotrace::internal
