#include <echotrace/tfidf.h>

#include <omp.h>

#include <algorithm>
#include <bit>
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

// Appends the runs of equal values of `sorted` to `out` as (value bits,
// run length) entries: a document's terms counted, by hash or by column.
template <typename T>
void append_runs(const std::vector<T>& sorted, std::vector<Entry>& out) {
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) distinct += i == 0 || sorted[i] != sorted[i - 1] ? 1 : 0;
  out.reserve(out.size() + distinct);
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    out.emplace_back(std::bit_cast<std::int64_t>(sorted[i]), static_cast<double>(j - i));
    i = j;
  }
}

// The rows as one sparse matrix, each row's entries copied by the thread
// that takes it (`rows` is emptied on the way, to give its memory back).
SparseRows assemble(std::vector<std::vector<Entry>>& rows, std::size_t terms, int threads) {
  const std::int64_t n_docs = static_cast<std::int64_t>(rows.size());
  SparseRows m(n_docs, static_cast<std::int64_t>(terms));
  std::int64_t* outer = m.outerIndexPtr();  // a new matrix is compressed: n_docs + 1 offsets
  outer[0] = 0;
  for (std::int64_t d = 0; d < n_docs; ++d) {
    outer[d + 1] = outer[d] + static_cast<std::int64_t>(rows[static_cast<std::size_t>(d)].size());
  }
  m.resizeNonZeros(outer[n_docs]);
  std::int64_t* inner = m.innerIndexPtr();
  double* values = m.valuePtr();
#pragma omp parallel for schedule(dynamic, 64) num_threads(threads)
  for (std::int64_t d = 0; d < n_docs; ++d) {
    std::vector<Entry>& row = rows[static_cast<std::size_t>(d)];
    std::int64_t k = outer[d];
    for (const Entry& e : row) {
      inner[k] = e.first;
      values[k++] = e.second;
    }
    row = {};
  }
  return m;
}

// Terms by the XXH3 hash of their text, with the number of documents that
// hold each and the first of them: open addressing (a slot is empty while
// its df is 0), for counting a corpus's terms without a node per term.
struct TermSlot {
  std::uint64_t hash;
  std::uint32_t df;
  std::uint32_t first_doc;
};

class TermTable {
 public:
  TermTable() : slots_(std::size_t{1} << 12, TermSlot{0, 0, 0}) {}

  // Adds `df` documents holding `hash`, the first of them `doc`.
  void add(std::uint64_t hash, std::uint32_t df, std::uint32_t doc) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    TermSlot& s = slots_[find(hash)];
    if (s.df == 0) {
      s = {hash, df, doc};
      ++size_;
      return;
    }
    s.df += df;
    s.first_doc = std::min(s.first_doc, doc);
  }
  // Slot of `hash`, or the empty slot where it would go.
  std::size_t find(std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = hash & mask;  // XXH3 bits are uniform
    while (slots_[at].df != 0 && slots_[at].hash != hash) at = (at + 1) & mask;
    return at;
  }
  const std::vector<TermSlot>& slots() const { return slots_; }

 private:
  void grow() {
    std::vector<TermSlot> old(2 * slots_.size(), TermSlot{0, 0, 0});
    old.swap(slots_);
    for (const TermSlot& s : old) {
      if (s.df != 0) slots_[find(s.hash)] = s;
    }
  }

  std::vector<TermSlot> slots_;
  std::size_t size_ = 0;
};

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

  // Per document: its distinct term hashes (their bits as the column) with
  // counts, sorted by hash; turned into its row in place further down.
  std::vector<std::vector<Entry>> rows(n);
#pragma omp parallel num_threads(workers)
  {
    std::vector<std::uint64_t> hashes;
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t d = 0; d < n_docs; ++d) {
      hashes.clear();
      for_each_term(docs[d], options, [&](std::string_view t) { hashes.push_back(internal::xxh3_64(t, 0)); });
      std::sort(hashes.begin(), hashes.end());
      append_runs(hashes, rows[static_cast<std::size_t>(d)]);
    }
  }

  // Document frequencies and the first document of each term: one table per
  // thread over a contiguous range of documents, then merged (sums and
  // minima, the same for any split).
  std::vector<TermTable> tables(static_cast<std::size_t>(workers));
#pragma omp parallel num_threads(workers)
  {
    const auto t = static_cast<std::size_t>(omp_get_thread_num());
    const std::size_t parts = static_cast<std::size_t>(omp_get_num_threads());
    for (std::size_t d = n * t / parts; d < n * (t + 1) / parts; ++d) {
      for (const Entry& e : rows[d]) {
        tables[t].add(std::bit_cast<std::uint64_t>(e.first), 1, static_cast<std::uint32_t>(d));
      }
    }
  }
  TermTable& terms = tables[0];
  for (std::size_t t = 1; t < tables.size(); ++t) {
    for (const TermSlot& slot : tables[t].slots()) {
      if (slot.df != 0) terms.add(slot.hash, slot.df, slot.first_doc);
    }
    tables[t] = TermTable();
  }
  const std::vector<TermSlot>& slots = terms.slots();

  // One spelling per term: its first occurrence, in the first document that
  // holds it. Only those documents are read again, each by one thread, which
  // alone writes the spellings of the terms it holds first.
  std::vector<std::string_view> spelling(slots.size());
  std::vector<std::uint8_t> holds_first(n, 0);
  for (const TermSlot& slot : slots) {
    if (slot.df != 0) holds_first[slot.first_doc] = 1;
  }
#pragma omp parallel for schedule(dynamic, 16) num_threads(workers)
  for (std::int64_t d = 0; d < n_docs; ++d) {
    if (!holds_first[static_cast<std::size_t>(d)]) continue;
    for_each_term(docs[d], options, [&](std::string_view t) {
      const std::size_t at = terms.find(internal::xxh3_64(t, 0));
      if (slots[at].first_doc == static_cast<std::uint32_t>(d) && spelling[at].data() == nullptr) {
        spelling[at] = t;
      }
    });
  }

  const double nd = static_cast<double>(n);
  // scikit-learn: max_doc_count = max_df * n_samples for a float max_df.
  const double max_count = options.max_df * nd;
  std::vector<std::pair<std::string_view, std::uint64_t>> kept;  // (spelling, slot)
  for (std::size_t at = 0; at < slots.size(); ++at) {
    const std::uint32_t count = slots[at].df;
    if (count != 0 && count >= static_cast<std::uint32_t>(options.min_df) &&
        static_cast<double>(count) <= max_count) {
      kept.emplace_back(spelling[at], at);
    }
  }
  // Columns in byte order of the terms (ties, two hashes of one spelling: by hash).
  std::sort(kept.begin(), kept.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : slots[a.second].hash < slots[b.second].hash;
  });

  Fitted out;
  TfidfModel& model = out.model;
  model.options_ = options;
  model.terms_.reserve(kept.size());
  model.idf_.reserve(kept.size());
  model.index_.reserve(kept.size());
  std::vector<std::int64_t> column_of(slots.size(), -1);
  for (const auto& [term, at] : kept) {
    const double d = static_cast<double>(slots[at].df);
    const double idf = options.smooth_idf ? std::log((1.0 + nd) / (1.0 + d)) + 1.0 : std::log(nd / d) + 1.0;
    const auto col = static_cast<std::int64_t>(model.terms_.size());
    column_of[at] = col;
    model.index_.emplace(std::string(term), col);
    model.terms_.emplace_back(term);
    model.idf_.push_back(idf);
  }

  // Each document's hashes become columns (terms outside the vocabulary
  // dropped), then tf·idf weights.
#pragma omp parallel for schedule(dynamic, 16) num_threads(workers)
  for (std::int64_t d = 0; d < n_docs; ++d) {
    std::vector<Entry>& row = rows[static_cast<std::size_t>(d)];
    for (Entry& e : row) e.first = column_of[terms.find(std::bit_cast<std::uint64_t>(e.first))];
    std::erase_if(row, [](const Entry& e) { return e.first < 0; });
    std::sort(row.begin(), row.end());
    weigh_row(row, model.idf_, options);
  }
  out.rows = assemble(rows, model.terms_.size(), workers);
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
    append_runs(cols, row);
    weigh_row(row, idf_, options_);
  }
  return assemble(rows, terms_.size(), internal::resolve_threads(threads));
}

}  // namespace echotrace
