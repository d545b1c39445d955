#include <echotrace/similarity.h>

#include <algorithm>
#include <cmath>
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

DenseMatrix minhash_matrix(std::span<const Signature> signatures, int threads) {
  return symmetric_matrix(signatures.size(), threads, [&](std::size_t i, std::size_t j) {
    return estimate_jaccard_unchecked(signatures[i], signatures[j]);
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

  // Split every row into an unindexed prefix (in term order) and an indexed suffix.
  struct Posting {
    std::uint32_t doc;
    double weight;
  };
  std::vector<std::vector<Posting>> index(terms);
  std::vector<double> prefix_norm(n, 0.0);
  std::vector<std::pair<std::uint32_t, std::int64_t>> by_rank;
  for (std::size_t d = 0; d < n; ++d) {
    by_rank.clear();
    for (std::int64_t k = outer[d]; k < outer[d + 1]; ++k) by_rank.emplace_back(rank[static_cast<std::size_t>(inner[k])], k);
    std::sort(by_rank.begin(), by_rank.end());
    double bound = 0.0, prefix_sq = 0.0;
    for (const auto& [r, k] : by_rank) {
      const std::size_t term = static_cast<std::size_t>(inner[k]);
      bound += value[k] * max_weight[term];
      if (bound < threshold) {
        prefix_sq += value[k] * value[k];
      } else {
        index[term].push_back({static_cast<std::uint32_t>(d), value[k]});
      }
    }
    prefix_norm[d] = std::sqrt(prefix_sq);
  }

  // Query every row against the index for partners after it; rows are
  // independent, so each writes its own slot.
  std::vector<std::vector<SimilarPair>> found(n);
  const std::int64_t n_rows = static_cast<std::int64_t>(n);
  constexpr double kSlack = 1e-9;  // the bound is checked before the exact dot product
#pragma omp parallel num_threads(internal::resolve_threads(threads))
  {
    std::vector<double> acc(n, 0.0);
    std::vector<std::uint32_t> touched;
#pragma omp for schedule(dynamic, 64)
    for (std::int64_t xi = 0; xi < n_rows; ++xi) {
      const std::uint32_t x = static_cast<std::uint32_t>(xi);
      touched.clear();
      for (std::int64_t k = outer[x]; k < outer[x + 1]; ++k) {
        const std::vector<Posting>& list = index[static_cast<std::size_t>(inner[k])];
        auto it = std::upper_bound(list.begin(), list.end(), x,
                                   [](std::uint32_t doc, const Posting& p) { return doc < p.doc; });
        for (; it != list.end(); ++it) {
          if (acc[it->doc] == 0.0) touched.push_back(it->doc);
          acc[it->doc] += value[k] * it->weight;
        }
      }
      std::sort(touched.begin(), touched.end());
      for (std::uint32_t y : touched) {
        if (acc[y] + prefix_norm[y] >= threshold - kSlack) {
          const double s = sparse_dot(rows, x, y);
          if (s >= threshold) found[x].push_back({x, y, std::min(s, 1.0)});
        }
        acc[y] = 0.0;
      }
    }
  }
  std::vector<SimilarPair> out;
  std::size_t total = 0;
  for (const auto& f : found) total += f.size();
  out.reserve(total);
  for (const auto& f : found) out.insert(out.end(), f.begin(), f.end());
  return out;
}

}  // namespace echotrace
