#include <echotrace/similarity.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "internal/assert.h"
#include "internal/threads.h"

namespace echotrace {
namespace {

// Fills the upper triangle (diagonal included) row by row with `score(i, j)`
// and mirrors it; rows are independent, so any schedule gives the same bits.
template <typename Score>
DenseMatrix symmetric_matrix(std::size_t n, int threads, Score&& score) {
  DenseMatrix m{n, std::vector<double>(n * n, 0.0)};
  const std::int64_t rows = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(dynamic, 1) num_threads(internal::resolve_threads(threads))
  for (std::int64_t ii = 0; ii < rows; ++ii) {
    const std::size_t i = static_cast<std::size_t>(ii);
    for (std::size_t j = i; j < n; ++j) {
      const double s = score(i, j);
      m.values[i * n + j] = s;
      m.values[j * n + i] = s;
    }
  }
  return m;
}

}  // namespace

DenseMatrix minhash_matrix(const SignatureSet& signatures, int threads) {
  return symmetric_matrix(signatures.size(), threads, [&](std::size_t i, std::size_t j) {
    return estimate_jaccard_unchecked(signatures, i, j);
  });
}

DenseMatrix exact_jaccard_matrix(std::span<const std::vector<std::uint64_t>> sets, int threads) {
  return symmetric_matrix(sets.size(), threads,
                          [&](std::size_t i, std::size_t j) { return exact_jaccard(sets[i], sets[j]); });
}

DenseMatrix cosine_matrix(const SparseRows& rows, int threads) {
  const std::size_t n = static_cast<std::size_t>(rows.rows());
  // Column-major copy: postings[t] lists (document, weight) in document order.
  const Eigen::SparseMatrix<double, Eigen::ColMajor, std::int64_t> by_term(rows);
  DenseMatrix m{n, std::vector<double>(n * n, 0.0)};
  const std::int64_t n_rows = static_cast<std::int64_t>(n);
#pragma omp parallel num_threads(internal::resolve_threads(threads))
  {
    std::vector<double> acc(n);
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t i = 0; i < n_rows; ++i) {
      std::fill(acc.begin() + i, acc.end(), 0.0);
      for (SparseRows::InnerIterator t(rows, i); t; ++t) {
        for (decltype(by_term)::InnerIterator p(by_term, t.col()); p; ++p) {
          if (p.row() >= i) acc[static_cast<std::size_t>(p.row())] += t.value() * p.value();
        }
      }
      const std::size_t ui = static_cast<std::size_t>(i);
      for (std::size_t j = ui; j < n; ++j) {
        const double s = std::clamp(acc[j], 0.0, 1.0);
        m.values[ui * n + j] = s;
        m.values[j * n + ui] = s;
      }
    }
  }
  return m;
}

void sort_strongest_first(std::vector<ScoredPair>& pairs) {
  auto key = [](const ScoredPair& p) { return std::isnan(p.jaccard) ? p.minhash : p.jaccard; };
  std::sort(pairs.begin(), pairs.end(), [&](const ScoredPair& x, const ScoredPair& y) {
    const double kx = key(x), ky = key(y);
    return std::tie(ky, y.cosine, y.minhash, x.a, x.b) < std::tie(kx, x.cosine, x.minhash, y.a, y.b);
  });
}

std::vector<ScoredPair> all_pairs(const DenseMatrix& minhash, const DenseMatrix& jaccard, const DenseMatrix& cosine,
                                  bool keep_all, double min_jaccard, double min_cosine) {
  ECHOTRACE_ASSERT(minhash.n == jaccard.n && jaccard.n == cosine.n);
  const std::size_t n = minhash.n;
  std::vector<ScoredPair> pairs;
  if (keep_all) pairs.reserve(n * (n - (n > 0 ? 1 : 0)) / 2);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = a + 1; b < n; ++b) {
      const double j = jaccard.at(a, b), c = cosine.at(a, b);
      if (!keep_all && j < min_jaccard && c < min_cosine) continue;
      pairs.push_back(ScoredPair{static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), minhash.at(a, b), j, c,
                                 kFromDense});
    }
  }
  sort_strongest_first(pairs);
  return pairs;
}

}  // namespace echotrace

namespace echotrace {

double sparse_dot(const SparseRows& rows, std::size_t a, std::size_t b) {
  const auto* outer = rows.outerIndexPtr();
  const auto* inner = rows.innerIndexPtr();
  const double* value = rows.valuePtr();
  std::int64_t i = outer[a], i_end = outer[a + 1];
  std::int64_t j = outer[b], j_end = outer[b + 1];
  double sum = 0.0;
  while (i < i_end && j < j_end) {
    if (inner[i] < inner[j]) {
      ++i;
    } else if (inner[j] < inner[i]) {
      ++j;
    } else {
      sum += value[i++] * value[j++];
    }
  }
  return sum;
}

std::vector<SimilarPair> cosine_pairs(const SparseRows& rows, double threshold, int threads) {
  ECHOTRACE_ASSERT(threshold > 0.0 && threshold <= 1.0);
  ECHOTRACE_ASSERT(rows.isCompressed());
  const std::size_t n = static_cast<std::size_t>(rows.rows());
  const std::size_t terms = static_cast<std::size_t>(rows.cols());
  const auto* outer = rows.outerIndexPtr();
  const auto* inner = rows.innerIndexPtr();
  const double* value = rows.valuePtr();

  // Term order: most frequent first (ties by column), and each term's largest weight.
  std::vector<std::uint32_t> df(terms, 0);
  std::vector<double> max_weight(terms, 0.0);
  for (std::int64_t k = 0; k < outer[n]; ++k) {
    ++df[static_cast<std::size_t>(inner[k])];
    max_weight[static_cast<std::size_t>(inner[k])] = std::max(max_weight[static_cast<std::size_t>(inner[k])], value[k]);
  }
  std::vector<std::uint32_t> order(terms);
  for (std::size_t t = 0; t < terms; ++t) order[t] = static_cast<std::uint32_t>(t);
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    return df[x] != df[y] ? df[x] > df[y] : x < y;
  });
  std::vector<std::uint32_t> rank(terms);
  for (std::size_t r = 0; r < terms; ++r) rank[order[r]] = static_cast<std::uint32_t>(r);

  // Every row's entries in term order (most frequent term first): a counting
  // sort through the column-major copy, no comparisons.
  struct Entry {
    std::uint32_t term;
    std::uint32_t rank;  // rank[term], kept here so that walking a row reads one array
    double weight;
  };
  std::vector<Entry> ordered(static_cast<std::size_t>(outer[n]));
  {
    const Eigen::SparseMatrix<double, Eigen::ColMajor, std::int64_t> by_term(rows);
    std::vector<std::int64_t> fill(outer, outer + n);
    for (std::uint32_t r = 0; r < terms; ++r) {
      const std::uint32_t t = order[r];
      for (decltype(by_term)::InnerIterator it(by_term, t); it; ++it) {
        ordered[static_cast<std::size_t>(fill[static_cast<std::size_t>(it.row())]++)] = {t, r, it.value()};
      }
    }
  }

  // Split each row into an unindexed prefix and an indexed suffix. A prefix
  // term stays out of the index while both bounds on what the prefix can add
  // to a dot product stay below the threshold: the sum of weight × the term's
  // largest weight (AllPairs) and the prefix's L2 norm (Cauchy–Schwarz against
  // a unit row, L2AP).
  std::vector<std::size_t> prefix_end(n, 0);  // row d's prefix: ordered[outer[d] .. prefix_end[d])
  std::vector<double> prefix_norm(n, 0.0);
  std::vector<std::size_t> list_begin(terms + 1, 0);
  for (std::size_t d = 0; d < n; ++d) {
    const std::size_t first = static_cast<std::size_t>(outer[d]), last = static_cast<std::size_t>(outer[d + 1]);
    double bound = 0.0, prefix_sq = 0.0;
    std::size_t e = first;
    for (; e < last; ++e) {
      bound += ordered[e].weight * max_weight[ordered[e].term];
      const double sq = prefix_sq + ordered[e].weight * ordered[e].weight;
      if (std::min(bound, std::sqrt(sq)) >= threshold) break;
      prefix_sq = sq;
    }
    prefix_end[d] = e;
    prefix_norm[d] = std::sqrt(prefix_sq);
    for (; e < last; ++e) ++list_begin[ordered[e].term + 1];
  }
  for (std::size_t t = 0; t < terms; ++t) list_begin[t + 1] += list_begin[t];

  // The index: per term, the rows whose suffix holds it, in row order.
  // 8 bytes, weights in 16-bit fixed point rounded up: the accumulated scores
  // only ever over-estimate (by at most 2^-16 per term and query weight), so
  // every bound stays a bound; float sums add a relative error ~6e-8 per term,
  // which every check absorbs with kSlack. Reported scores are recomputed
  // exactly in double.
  struct Posting {
    std::uint32_t doc;
    std::uint16_t weight;       // in units of kUnit, rounded up
    std::uint16_t before_norm;  // ||row doc restricted to terms ranked before this one||, kUnit, rounded up
  };
  constexpr double kUnitsPerOne = 65535.0;
  constexpr double kUnit = 1.0 / kUnitsPerOne;
  // Rounding up keeps every bound built from the index an upper bound.
  auto units = [&](double v) {
    return static_cast<std::uint16_t>(std::clamp(std::ceil(v * kUnitsPerOne), 0.0, kUnitsPerOne));
  };
  std::vector<Posting> postings(list_begin[terms]);
  {
    std::vector<std::size_t> fill(list_begin.begin(), list_begin.end() - 1);
    for (std::size_t d = 0; d < n; ++d) {
      double before_sq = prefix_norm[d] * prefix_norm[d];
      for (std::size_t e = prefix_end[d]; e < static_cast<std::size_t>(outer[d + 1]); ++e) {
        postings[fill[ordered[e].term]++] = {static_cast<std::uint32_t>(d), units(ordered[e].weight),
                                             units(std::sqrt(before_sq))};
        before_sq += ordered[e].weight * ordered[e].weight;
      }
    }
  }

  // Query every row x against the index for partners y < x (the list prefix
  // before x); rows are independent, so each writes its own slot. The query's
  // terms are taken rarest first; once the bound on what its remaining (more
  // frequent) terms can contribute falls below the threshold, no new
  // candidate is admitted — a partner reachable only through those terms, or
  // through its own unindexed prefix, cannot reach the threshold (AllPairs'
  // argument, with both rows in the same term order), so the scan stops there.
  // A candidate's score is its indexed part met during the scan (accumulated)
  // plus the rest of its row — its prefix and the indexed terms the scan did
  // not reach — dotted with the query row held densely; pairs that reach the
  // threshold are rescored canonically.
  std::vector<std::vector<SimilarPair>> found(n);
  const std::int64_t n_rows = static_cast<std::int64_t>(n);
  // Float weights and float accumulators (each sum rounded once per term,
  // relative error ~6e-8 each) err far less than this in any bound.
  constexpr double kSlack = 1e-4;
  // A candidate's accumulator doubles as its state during one query: 0 until
  // it is first met, then its score so far (kept >= kLiveFloor so it never
  // reads as unmet), kDead (< 0) once it cannot reach the threshold. One
  // 4-byte slot per row keeps the randomly accessed state small (n = 100k:
  // 400 KB, within a core's L2 cache).
  constexpr float kDead = -1.0f;
  constexpr float kLiveFloor = std::numeric_limits<float>::min();
  const float cut = static_cast<float>(threshold - kSlack);
#pragma omp parallel num_threads(internal::resolve_threads(threads))
  {
    std::vector<float> acc(n, 0.0f);
    std::vector<double> query(terms, 0.0);
    std::vector<std::uint32_t> touched(n + 1);  // a row enters once per query
    std::vector<double> cum_sq;          // cum_sq[i]: squared norm of the query's first i entries
    std::vector<std::uint32_t> x_ranks;  // ranks of the query's entries, ascending
#pragma omp for schedule(dynamic, 64)
    for (std::int64_t xi = 0; xi < n_rows; ++xi) {
      const std::uint32_t x = static_cast<std::uint32_t>(xi);
      const std::size_t first = static_cast<std::size_t>(outer[x]), last = static_cast<std::size_t>(outer[x + 1]);
      double rem_bound = 0.0, rem_sq = 0.0;
      cum_sq.assign(1, 0.0);
      x_ranks.clear();
      for (std::size_t e = first; e < last; ++e) {
        query[ordered[e].term] = ordered[e].weight;
        rem_bound += ordered[e].weight * max_weight[ordered[e].term];
        rem_sq += ordered[e].weight * ordered[e].weight;
        cum_sq.push_back(rem_sq);
        x_ranks.push_back(ordered[e].rank);
      }
      std::size_t n_touched = 0;
      // Query entries [first, stop) are never scanned: ranked at or below
      // stop_rank, they are met from the candidates' side below.
      std::size_t stop = first;
      for (std::size_t e = last; e-- > first;) {
        const Entry& q = ordered[e];
        if (std::min(rem_bound, std::sqrt(std::max(rem_sq, 0.0))) < threshold - kSlack) {
          stop = e + 1;
          break;
        }
        rem_bound -= q.weight * max_weight[q.term];
        rem_sq -= q.weight * q.weight;
        // What the query's terms ranked before this one can still add.
        const float rest = static_cast<float>(std::sqrt(std::max(rem_sq, 0.0)) * kUnit);
        const float q_weight = static_cast<float>(q.weight * kUnit);
        // Branch-free: whether a posting is new, live or dead is unpredictable.
        for (std::size_t p = list_begin[q.term]; p < list_begin[q.term + 1]; ++p) {
          const Posting& post = postings[p];
          if (post.doc >= x) break;
          float& slot = acc[post.doc];
          const float so_far = slot;
          touched[n_touched] = post.doc;
          n_touched += so_far == 0.0f;
          const float a = so_far + q_weight * static_cast<float>(post.weight);
          // Every term of the candidate ranked at or after this one is
          // indexed and already counted; the rest is bounded by
          // Cauchy–Schwarz on the two rows' earlier parts (L2AP).
          const bool live = (so_far >= 0.0f) & (a + rest * static_cast<float>(post.before_norm) >= cut);
          slot = live ? std::max(a, kLiveFloor) : kDead;
        }
      }
      // Entries of a candidate ranked at or below this are not in its score yet.
      const std::uint32_t stop_rank = stop > first ? ordered[stop - 1].rank : 0;
      for (std::size_t k = 0; k < n_touched; ++k) {
        const std::uint32_t y = touched[k];
        double s = acc[y];
        acc[y] = 0.0f;
        if (s < 0.0) continue;  // dead
        // y's entries not counted yet: its prefix, plus (when the scan
        // stopped early) its indexed entries ranked at or below stop_rank.
        const std::size_t y_last = static_cast<std::size_t>(outer[y + 1]);
        std::size_t end = prefix_end[y];
        double missing_sq = prefix_norm[y] * prefix_norm[y];
        if (stop > first) {
          for (; end < y_last && ordered[end].rank <= stop_rank; ++end) {
            missing_sq += ordered[end].weight * ordered[end].weight;
          }
        }
        const double missing = std::sqrt(missing_sq);
        if (s + missing < threshold - kSlack) continue;
        // They meet only query terms ranked before y's first counted entry:
        // Cauchy–Schwarz on those two parts.
        const std::uint32_t counted_rank = end < y_last ? ordered[end].rank : std::numeric_limits<std::uint32_t>::max();
        const std::size_t before = static_cast<std::size_t>(
            std::lower_bound(x_ranks.begin(), x_ranks.end(), counted_rank) - x_ranks.begin());
        if (s + missing * std::sqrt(cum_sq[before]) < threshold - kSlack) continue;
        for (std::size_t p = static_cast<std::size_t>(outer[y]); p < end; ++p) {
          s += query[ordered[p].term] * ordered[p].weight;
        }
        if (s < threshold - kSlack) continue;
        const double exact = sparse_dot(rows, y, x);
        if (exact >= threshold) found[x].push_back({y, x, std::min(exact, 1.0)});
      }
      for (std::size_t e = first; e < last; ++e) query[ordered[e].term] = 0.0;
    }
  }
  std::vector<SimilarPair> out;
  std::size_t total = 0;
  for (const auto& f : found) total += f.size();
  out.reserve(total);
  for (auto& f : found) {
    out.insert(out.end(), f.begin(), f.end());
    std::vector<SimilarPair>().swap(f);
  }
  std::sort(out.begin(), out.end(), [](const SimilarPair& p, const SimilarPair& q) {
    return p.a != q.a ? p.a < q.a : p.b < q.b;
  });
  return out;
}

}  // namespace echotrace
