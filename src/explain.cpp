#include <echotrace/explain.h>

#include <algorithm>
#include <utility>

#include "internal/assert.h"
#include "internal/hash.h"

namespace echotrace {

std::vector<AlignedSpan> align_passages(const TokenizedText& a, const TokenizedText& b, int min_tokens,
                                        std::size_t max_candidates) {
  ECHOTRACE_ASSERT(min_tokens >= 1);
  const std::size_t k = static_cast<std::size_t>(min_tokens);
  std::vector<AlignedSpan> spans;
  if (a.size() < k || b.size() < k || max_candidates == 0) return spans;

  // B's runs of k tokens by hash, then position: equal hashes are adjacent
  // and their positions ascend, so the earliest match in B is tried first.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> index;
  index.reserve(b.size() - k + 1);
  for (std::size_t j = 0; j + k <= b.size(); ++j) {
    index.emplace_back(internal::xxh3_64(b.span(j, k), 0), static_cast<std::uint32_t>(j));
  }
  std::sort(index.begin(), index.end());

  std::size_t i = 0;
  while (i + k <= a.size()) {
    const std::uint64_t h = internal::xxh3_64(a.span(i, k), 0);
    auto it = std::lower_bound(index.begin(), index.end(), std::make_pair(h, std::uint32_t{0}));
    std::size_t best_len = 0, best_j = 0;
    for (std::size_t tried = 0; it != index.end() && it->first == h && tried < max_candidates; ++it, ++tried) {
      const std::size_t j = it->second;
      std::size_t len = 0;
      while (i + len < a.size() && j + len < b.size() && a.token(i + len) == b.token(j + len)) ++len;
      if (len > best_len) {  // strictly longer: ties keep the earliest j
        best_len = len;
        best_j = j;
      }
    }
    if (best_len < k) {  // a hash collision or no match
      ++i;
      continue;
    }
    AlignedSpan s;
    s.a_token = static_cast<std::uint32_t>(i);
    s.b_token = static_cast<std::uint32_t>(best_j);
    s.tokens = static_cast<std::uint32_t>(best_len);
    s.a_begin = a.tokens[i].begin;
    s.a_end = a.tokens[i + best_len - 1].end;
    s.b_begin = b.tokens[best_j].begin;
    s.b_end = b.tokens[best_j + best_len - 1].end;
    spans.push_back(s);
    i += best_len;
  }
  return spans;
}

std::vector<SharedTerm> top_shared_terms(const SparseRows& rows, const TfidfModel& model, std::size_t a,
                                         std::size_t b, std::size_t top) {
  ECHOTRACE_ASSERT(a < static_cast<std::size_t>(rows.rows()) && b < static_cast<std::size_t>(rows.rows()));
  std::vector<SharedTerm> shared;
  SparseRows::InnerIterator ia(rows, static_cast<std::int64_t>(a));
  SparseRows::InnerIterator ib(rows, static_cast<std::int64_t>(b));
  while (ia && ib) {  // columns ascend within a row
    if (ia.col() < ib.col()) {
      ++ia;
    } else if (ib.col() < ia.col()) {
      ++ib;
    } else {
      ECHOTRACE_ASSERT(static_cast<std::size_t>(ia.col()) < model.terms().size());
      shared.push_back({model.terms()[static_cast<std::size_t>(ia.col())], ia.value(), ib.value(),
                        ia.value() * ib.value()});
      ++ia;
      ++ib;
    }
  }
  auto stronger = [](const SharedTerm& x, const SharedTerm& y) {
    if (x.contribution != y.contribution) return x.contribution > y.contribution;
    return x.term < y.term;
  };
  if (shared.size() > top) {
    std::partial_sort(shared.begin(), shared.begin() + static_cast<std::ptrdiff_t>(top), shared.end(), stronger);
    shared.resize(top);
  } else {
    std::sort(shared.begin(), shared.end(), stronger);
  }
  return shared;
}

}  // namespace echotrace
