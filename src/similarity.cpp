#include <echotrace/similarity.h>

#include <algorithm>
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

std::vector<ScoredPair> all_pairs(const DenseMatrix& minhash, const DenseMatrix& jaccard,
                                  const DenseMatrix& cosine) {
  ECHOTRACE_ASSERT(minhash.n == jaccard.n && jaccard.n == cosine.n);
  const std::size_t n = minhash.n;
  std::vector<ScoredPair> pairs;
  pairs.reserve(n * (n - (n > 0 ? 1 : 0)) / 2);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = a + 1; b < n; ++b) {
      pairs.push_back(ScoredPair{static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b),
                                 minhash.at(a, b), jaccard.at(a, b), cosine.at(a, b)});
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return std::tie(y.jaccard, y.cosine, y.minhash, x.a, x.b) <
           std::tie(x.jaccard, x.cosine, x.minhash, y.a, y.b);
  });
  return pairs;
}

}  // namespace echotrace
