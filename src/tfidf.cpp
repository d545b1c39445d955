#include <echotrace/tfidf.h>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "internal/assert.h"
#include "internal/threads.h"

namespace echotrace {
namespace {

// Calls `fn(view)` for every n-gram of `doc` in the options' range.
template <typename Fn>
void for_each_term(const TokenizedText& doc, const TfidfOptions& o, Fn&& fn) {
  for (int n = o.ngram_min; n <= o.ngram_max; ++n) {
    const std::size_t len = static_cast<std::size_t>(n);
    if (doc.size() < len) break;
    for (std::size_t i = 0; i + len <= doc.size(); ++i) fn(doc.span(i, len));
  }
}

}  // namespace

Status validate(const TfidfOptions& o) {
  if (o.min_df < 1) return invalid_argument("tfidf min_df must be >= 1, got " + std::to_string(o.min_df));
  if (!(o.max_df > 0.0 && o.max_df <= 1.0)) {
    return invalid_argument("tfidf max_df must be in (0, 1], got " + std::to_string(o.max_df));
  }
  if (o.ngram_min < 1 || o.ngram_max < o.ngram_min) {
    return invalid_argument("tfidf n-gram range must satisfy 1 <= min <= max, got (" +
                            std::to_string(o.ngram_min) + ", " + std::to_string(o.ngram_max) + ")");
  }
  return Status::ok();
}

Result<TfidfModel> TfidfModel::fit(std::span<const TokenizedText> docs, const TfidfOptions& options) {
  ECHOTRACE_RETURN_IF_ERROR(validate(options));
  std::unordered_map<std::string_view, std::int64_t> df;
  std::vector<std::string_view> seen;
  for (const TokenizedText& doc : docs) {
    seen.clear();
    for_each_term(doc, options, [&](std::string_view t) { seen.push_back(t); });
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (std::string_view t : seen) ++df[t];
  }

  const double n = static_cast<double>(docs.size());
  // scikit-learn: max_doc_count = max_df * n_samples for a float max_df.
  const double max_count = options.max_df * n;
  std::vector<std::pair<std::string_view, std::int64_t>> kept;
  kept.reserve(df.size());
  for (const auto& [term, count] : df) {
    if (count >= options.min_df && static_cast<double>(count) <= max_count) kept.emplace_back(term, count);
  }
  std::sort(kept.begin(), kept.end());

  TfidfModel model;
  model.options_ = options;
  model.terms_.reserve(kept.size());
  model.idf_.reserve(kept.size());
  model.index_.reserve(kept.size());
  for (const auto& [term, count] : kept) {
    const double d = static_cast<double>(count);
    const double idf = options.smooth_idf ? std::log((1.0 + n) / (1.0 + d)) + 1.0 : std::log(n / d) + 1.0;
    model.index_.emplace(std::string(term), static_cast<std::int64_t>(model.terms_.size()));
    model.terms_.emplace_back(term);
    model.idf_.push_back(idf);
  }
  return model;
}

std::optional<std::int64_t> TfidfModel::column(std::string_view term) const {
  auto it = index_.find(term);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

SparseRows TfidfModel::transform(std::span<const TokenizedText> docs, int threads) const {
  using Entry = std::pair<std::int64_t, double>;
  std::vector<std::vector<Entry>> rows(docs.size());
  const std::int64_t n_docs = static_cast<std::int64_t>(docs.size());

#pragma omp parallel for schedule(dynamic, 16) num_threads(internal::resolve_threads(threads))
  for (std::int64_t d = 0; d < n_docs; ++d) {
    std::vector<std::int64_t> cols;
    for_each_term(docs[d], options_, [&](std::string_view t) {
      auto it = index_.find(t);
      if (it != index_.end()) cols.push_back(it->second);
    });
    std::sort(cols.begin(), cols.end());
    std::vector<Entry>& row = rows[d];
    for (std::size_t i = 0; i < cols.size();) {
      std::size_t j = i;
      while (j < cols.size() && cols[j] == cols[i]) ++j;
      const double count = static_cast<double>(j - i);
      const double tf = options_.sublinear_tf ? 1.0 + std::log(count) : count;
      row.emplace_back(cols[i], tf * idf_[cols[i]]);
      i = j;
    }
    if (options_.l2_normalize) {
      double sq = 0.0;
      for (const Entry& e : row) sq += e.second * e.second;
      if (sq > 0.0) {
        const double inv = 1.0 / std::sqrt(sq);
        for (Entry& e : row) e.second *= inv;
      }
    }
  }

  SparseRows m(n_docs, static_cast<std::int64_t>(terms_.size()));
  std::int64_t nnz = 0;
  for (const auto& r : rows) nnz += static_cast<std::int64_t>(r.size());
  m.reserve(nnz);
  for (std::int64_t d = 0; d < n_docs; ++d) {
    m.startVec(d);
    for (const Entry& e : rows[d]) m.insertBack(d, e.first) = e.second;
  }
  m.finalize();
  return m;
}

}  // namespace echotrace
