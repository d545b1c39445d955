// Outlet × outlet summaries of a talking-point report (phrases.h).
#include <echotrace/phrases.h>

#include <algorithm>
#include <limits>

#include "internal/assert.h"

namespace echotrace {

OutletMatrix outlet_matrix(const TalkingPointReport& report, std::span<const Document> documents,
                           const DenseMatrix* doc_similarity) {
  ECHOTRACE_ASSERT(doc_similarity == nullptr || doc_similarity->n == documents.size());
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
  if (doc_similarity == nullptr) return m;
  std::vector<std::size_t> outlet_of(documents.size());
  for (std::size_t d = 0; d < documents.size(); ++d) outlet_of[d] = index(keys[d]);
  std::vector<double> sum(n * n, 0.0), pairs(n * n, 0.0);
  for (std::size_t i = 0; i < documents.size(); ++i) {
    for (std::size_t j = i + 1; j < documents.size(); ++j) {
      const std::size_t a = outlet_of[i], b = outlet_of[j];
      const double s = doc_similarity->at(i, j);
      sum[a * n + b] += s;
      pairs[a * n + b] += 1;
      if (a != b) {
        sum[b * n + a] += s;
        pairs[b * n + a] += 1;
      }
    }
  }
  m.similarity.n = n;
  m.similarity.values.resize(n * n);
  for (std::size_t k = 0; k < n * n; ++k) {
    m.similarity.values[k] = pairs[k] > 0 ? sum[k] / pairs[k] : std::numeric_limits<double>::quiet_NaN();
  }
  return m;
}

}  // namespace echotrace
