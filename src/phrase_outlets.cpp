// Outlet × outlet summaries of a talking-point report (phrases.h).
#include <echotrace/phrases.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "internal/assert.h"

namespace echotrace {

OutletMatrix outlet_matrix(const TalkingPointReport& report, std::span<const Document> documents,
                           const SparseRows* rows, double max_products) {
  ECHOTRACE_ASSERT(rows == nullptr || static_cast<std::size_t>(rows->rows()) == documents.size());
  OutletMatrix m;
  std::vector<std::string> keys(documents.size());
  for (std::size_t d = 0; d < documents.size(); ++d) keys[d] = outlet_key(documents[d]);
  m.outlets = keys;
  std::sort(m.outlets.begin(), m.outlets.end());
  m.outlets.erase(std::unique(m.outlets.begin(), m.outlets.end()), m.outlets.end());
  const std::size_t n = m.outlets.size();
  const auto index = [&](const std::string& key) {
    return static_cast<std::size_t>(std::lower_bound(m.outlets.begin(), m.outlets.end(), key) - m.outlets.begin());
  };
  m.shared.n = n;
  m.shared.values.assign(n * n, 0.0);
  for (const TalkingPoint& tp : report.talking_points) {
    if (!tp.mined) continue;
    std::vector<std::size_t> ids;
    for (const std::string& o : tp.outlets) ids.push_back(index(o));
    for (std::size_t a : ids) {
      for (std::size_t b : ids) m.shared.values[a * n + b] += 1.0;
    }
  }
  if (rows == nullptr) return m;
  // Each outlet's sum of rows: S = P · rows, P the outlets × documents indicator.
  std::vector<double> docs_of(n, 0.0), self(n, 0.0);  // documents, and the sum of |row|² of each outlet
  std::vector<Eigen::Triplet<double, std::int64_t>> ones;
  ones.reserve(documents.size());
  for (std::size_t d = 0; d < documents.size(); ++d) {
    const std::size_t a = index(keys[d]);
    docs_of[a] += 1;
    self[a] += rows->row(static_cast<std::int64_t>(d)).squaredNorm();
    ones.emplace_back(static_cast<std::int64_t>(a), static_cast<std::int64_t>(d), 1.0);
  }
  SparseRows indicator(static_cast<std::int64_t>(n), static_cast<std::int64_t>(documents.size()));
  indicator.setFromTriplets(ones.begin(), ones.end());
  const SparseRows sums = indicator * *rows;
  // The product S · Sᵀ costs Σ_t c_t² multiply-adds: checked before it is run.
  std::vector<double> outlets_of_term(static_cast<std::size_t>(sums.cols()), 0.0);
  for (std::int64_t k = 0; k < sums.nonZeros(); ++k) {
    outlets_of_term[static_cast<std::size_t>(sums.innerIndexPtr()[k])] += 1;
  }
  double products = 0;
  for (double c : outlets_of_term) products += c * c;
  if (products > max_products) {
    m.note = "outlet similarity not computed: " + std::to_string(n) +
             " outlets share so many terms that it would take " +
             std::to_string(static_cast<long long>(products)) + " multiply-adds (limit " +
             std::to_string(static_cast<long long>(max_products)) + ")";
    return m;
  }
  const SparseRows dots = sums * SparseRows(sums.transpose());
  const auto pairs_of = [&](std::size_t a, std::size_t b) {
    return a == b ? docs_of[a] * (docs_of[a] - 1) / 2 : docs_of[a] * docs_of[b];
  };
  m.similarity.n = n;
  m.similarity.values.resize(n * n);
  for (std::size_t a = 0; a < n; ++a) {  // 0 where no term is shared, NaN where there is no pair
    for (std::size_t b = 0; b < n; ++b) {
      m.similarity.values[a * n + b] = pairs_of(a, b) > 0 ? 0.0 : std::numeric_limits<double>::quiet_NaN();
    }
  }
  for (std::size_t a = 0; a < n; ++a) {
    for (SparseRows::InnerIterator it(dots, static_cast<std::int64_t>(a)); it; ++it) {
      const auto b = static_cast<std::size_t>(it.col());
      // The upper triangle, mirrored: the matrix is symmetric to the bit.
      if (b < a || pairs_of(a, b) == 0) continue;
      const double sum = a == b ? (it.value() - self[a]) / 2 : it.value();
      m.similarity.values[a * n + b] = m.similarity.values[b * n + a] = sum / pairs_of(a, b);
    }
  }
  return m;
}

}  // namespace echotrace
