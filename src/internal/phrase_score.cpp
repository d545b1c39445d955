#include "internal/phrase_score.h"

#include <echotrace/background.h>

namespace echotrace::internal {

MinedPhrase Scorer::score(const NgramGroup& g) const {
  MinedPhrase p;
  p.hash = ngram_hash(&in_.cls[g.rep], g.length);
  p.rep = g.rep;
  p.length = g.length;
  p.tf = g.tf;
  p.df = g.df;
  p.sources = g.sources;
  p.spread = std::log2(1.0 + g.sources) + 0.5 * std::log2(1.0 + g.df - g.sources);
  p.cohesion = (1.0 + std::clamp(g.cohesion, -1.0, 1.0)) / 2.0;
  const double a = o_.background_weight, p0 = o_.background_rate;
  if (o_.background == nullptr) {
    const double rate = (g.df + a * p0) / (static_cast<double>(docs_) + a);
    p.distinctiveness = std::min(1.0, std::log(1.0 / rate) / std::log(1.0 / p0));
  } else {
    p.distinctiveness = background_distinctiveness(g);
  }
  std::uint8_t flags[256];
  const std::size_t n = std::min<std::size_t>(g.length, sizeof flags);
  for (std::size_t k = 0; k < n; ++k) flags[k] = in_.class_flags[in_.cls[g.rep + k]];
  if (g.length > n) flags[n - 1] = in_.class_flags[in_.cls[g.rep + g.length - 1]];
  p.penalty = phrase_penalty(std::span<const std::uint8_t>(flags, n));
  p.originality = 1.0;  // set for the best candidates by apply_originality()
  set_timing(p, g.concentration);
  return p;
}

double Scorer::background_distinctiveness(const NgramGroup& g) const {
  words_.resize(g.length);
  for (std::uint32_t k = 0; k < g.length; ++k) words_[k] = in_.type_key[in_.type_of[g.rep + k]];
  const double df = o_.background->document_frequency(words_);
  const double docs = static_cast<double>(o_.background->documents()) + o_.background_weight;
  const double pseudo = o_.background_weight * o_.background_rate;
  return std::clamp(std::log(docs / (df + pseudo)) / std::log(docs / pseudo), 0.0, 1.0);
}

bool ranks_before(const MinedPhrase& x, const MinedPhrase& y) {
  if (x.score != y.score) return x.score > y.score;
  if (x.length != y.length) return x.length > y.length;
  return x.hash < y.hash;
}

void prune(std::vector<MinedPhrase>& pool, std::size_t limit) {
  if (limit == 0 || pool.size() <= limit) return;
  std::nth_element(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(limit), pool.end(), ranks_before);
  pool.resize(limit);
}

}  // namespace echotrace::internal
