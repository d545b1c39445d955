#include <echotrace/tfidf.h>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "internal/assert.h"
#include "internal/hash.h"
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

namespace {

using Entry = std::pair<std::int64_t, double>;  // column, weight

// Turns sorted (column, count) pairs into tf·idf weights, L2-normalised if asked.
void weigh_row(std::vector<Entry>& row, const std::vector<double>& idf, const TfidfOptions& o) {
  for (Entry& e : row) {
    const double tf = o.sublinear_tf ? 1.0 + std::log(e.second) : e.second;
    e.second = tf * idf[static_cast<std::size_t>(e.first)];
  }
  if (!o.l2_normalize) return;
  double sq = 0.0;
  for (const Entry& e : row) sq += e.second * e.second;
  if (sq > 0.0) {
    const double inv = 1.0 / std::sqrt(sq);
    for (Entry& e : row) e.second *= inv;
  }
}

SparseRows assemble(const std::vector<std::vector<Entry>>& rows, std::size_t terms) {
  const std::int64_t n_docs = static_cast<std::int64_t>(rows.size());
  SparseRows m(n_docs, static_cast<std::int64_t>(terms));
  std::int64_t nnz = 0;
  for (const auto& r : rows) nnz += static_cast<std::int64_t>(r.size());
  m.reserve(nnz);
  for (std::int64_t d = 0; d < n_docs; ++d) {
    m.startVec(d);
    for (const Entry& e : rows[static_cast<std::size_t>(d)]) m.insertBack(d, e.first) = e.second;
  }
  m.finalize();
  return m;
}

}  // namespace

Result<TfidfModel> TfidfModel::fit(std::span<const TokenizedText> docs, const TfidfOptions& options) {
  Result<Fitted> fitted = fit_transform(docs, options, 1);
  if (!fitted.is_ok()) return fitted.status();
  return std::move(fitted->model);
}

Result<TfidfModel::Fitted> TfidfModel::fit_transform(std::span<const TokenizedText> docs, const TfidfOptions& options,
                                                     int threads) {
  ECHOTRACE_RETURN_IF_ERROR(validate(options));
  const std::size_t n = docs.size();
  const std::int64_t n_docs = static_cast<std::int64_t>(n);
  const int workers = internal::resolve_threads(threads);

  // Per document: its distinct term hashes with counts, sorted by hash.
  std::vector<std::vector<std::pair<std::uint64_t, std::uint32_t>>> counts(n);
#pragma omp parallel num_threads(workers)
  {
    std::vector<std::uint64_t> hashes;
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t d = 0; d < n_docs; ++d) {
      hashes.clear();
      for_each_term(docs[d], options, [&](std::string_view t) { hashes.push_back(internal::xxh3_64(t, 0)); });
      std::sort(hashes.begin(), hashes.end());
      auto& c = counts[static_cast<std::size_t>(d)];
      for (std::size_t i = 0; i < hashes.size();) {
        std::size_t j = i;
        while (j < hashes.size() && hashes[j] == hashes[i]) ++j;
        c.emplace_back(hashes[i], static_cast<std::uint32_t>(j - i));
        i = j;
      }
    }
  }

  // Document frequencies, and one spelling per hash (its first occurrence).
  std::unordered_map<std::uint64_t, std::pair<std::int64_t, std::string_view>> df;
  for (std::size_t d = 0; d < n; ++d) {
    for (const auto& [h, c] : counts[d]) ++df[h].first;
  }
  for (std::size_t d = 0; d < n; ++d) {
    for_each_term(docs[d], options, [&](std::string_view t) {
      auto& slot = df.find(internal::xxh3_64(t, 0))->second;
      if (slot.second.data() == nullptr) slot.second = t;
    });
  }

  const double nd = static_cast<double>(n);
  // scikit-learn: max_doc_count = max_df * n_samples for a float max_df.
  const double max_count = options.max_df * nd;
  std::vector<std::pair<std::string_view, std::uint64_t>> kept;
  kept.reserve(df.size());
  for (const auto& [h, entry] : df) {
    const auto count = entry.first;
    if (count >= options.min_df && static_cast<double>(count) <= max_count) kept.emplace_back(entry.second, h);
  }
  std::sort(kept.begin(), kept.end());

  Fitted out;
  TfidfModel& model = out.model;
  model.options_ = options;
  model.terms_.reserve(kept.size());
  model.idf_.reserve(kept.size());
  model.index_.reserve(kept.size());
  std::unordered_map<std::uint64_t, std::int64_t> column_of;
  column_of.reserve(kept.size());
  for (const auto& [term, h] : kept) {
    const double d = static_cast<double>(df[h].first);
    const double idf = options.smooth_idf ? std::log((1.0 + nd) / (1.0 + d)) + 1.0 : std::log(nd / d) + 1.0;
    const auto col = static_cast<std::int64_t>(model.terms_.size());
    column_of.emplace(h, col);
    model.index_.emplace(std::string(term), col);
    model.terms_.emplace_back(term);
    model.idf_.push_back(idf);
  }

  std::vector<std::vector<Entry>> rows(n);
#pragma omp parallel for schedule(dynamic, 16) num_threads(workers)
  for (std::int64_t d = 0; d < n_docs; ++d) {
    std::vector<Entry>& row = rows[static_cast<std::size_t>(d)];
    for (const auto& [h, c] : counts[static_cast<std::size_t>(d)]) {
      auto it = column_of.find(h);
      if (it != column_of.end()) row.emplace_back(it->second, static_cast<double>(c));
    }
    std::sort(row.begin(), row.end());
    weigh_row(row, model.idf_, options);
  }
  out.rows = assemble(rows, model.terms_.size());
  return out;
}

std::optional<std::int64_t> TfidfModel::column(std::string_view term) const {
  auto it = index_.find(term);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

SparseRows TfidfModel::transform(std::span<const TokenizedText> docs, int threads) const {
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
    std::vector<Entry>& row = rows[static_cast<std::size_t>(d)];
    for (std::size_t i = 0; i < cols.size();) {
      std::size_t j = i;
      while (j < cols.size() && cols[j] == cols[i]) ++j;
      row.emplace_back(cols[i], static_cast<double>(j - i));
      i = j;
    }
    weigh_row(row, idf_, options_);
  }
  return assemble(rows, terms_.size());
}

}  // namespace echotrace
