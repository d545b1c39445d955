#include "internal/variants.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <numeric>

#include "internal/assert.h"
#include "internal/english.h"

namespace echotrace::internal {
namespace {

std::vector<std::uint32_t> code_points(std::string_view s) {
  std::vector<std::uint32_t> out;
  out.reserve(s.size());
  std::int32_t i = 0;
  const auto n = static_cast<std::int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c < 0 ? 0xFFFDu : static_cast<std::uint32_t>(c));
  }
  return out;
}

// Letters with inner hyphens or apostrophes, at least `min_chars` code points.
bool name_shaped(const std::vector<std::uint32_t>& cps, int min_chars) {
  if (cps.size() < static_cast<std::size_t>(min_chars)) return false;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const std::uint32_t c = cps[i];
    const bool joiner = c == '-' || c == '\'';
    if (joiner && i > 0 && i + 1 < cps.size()) continue;
    if (!u_isalpha(static_cast<UChar32>(c))) return false;
  }
  return true;
}

// First two code points as UTF-8 bytes: the blocking key.
std::string prefix2(std::string_view s) {
  std::int32_t i = 0;
  const auto n = static_cast<std::int32_t>(s.size());
  for (int k = 0; k < 2 && i < n; ++k) U8_FWD_1(s.data(), i, n);
  return std::string(s.substr(0, static_cast<std::size_t>(i)));
}

struct UnionFind {
  std::vector<std::uint32_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

double bigram_dice(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  const auto bigrams = [](std::string_view s) {
    std::vector<std::uint32_t> cps = code_points(s);
    std::vector<std::uint64_t> out;
    out.reserve(cps.size() + 1);
    std::uint64_t prev = 0;  // boundary mark
    for (std::uint32_t c : cps) {
      out.push_back(prev << 32 | (std::uint64_t{c} + 1));
      prev = std::uint64_t{c} + 1;
    }
    out.push_back(prev << 32);
    std::sort(out.begin(), out.end());
    return out;
  };
  const std::vector<std::uint64_t> x = bigrams(a), y = bigrams(b);
  std::size_t i = 0, j = 0, common = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] < y[j]) {
      ++i;
    } else if (y[j] < x[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(x.size() + y.size());
}

std::string variant_key(std::string_view token, Stemmer& stemmer) {
  std::string lower(token);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return stemmer.stem(american_spelling(lower));
}

bool transliteration_pair(std::string_view a, std::string_view b, const TransliterationOptions& options) {
  if (a == b) return false;
  const std::vector<std::uint32_t> ca = code_points(a), cb = code_points(b);
  if (!name_shaped(ca, options.min_chars) || !name_shaped(cb, options.min_chars)) return false;
  if (ca[0] != cb[0] || ca[1] != cb[1]) return false;
  const std::size_t la = ca.size(), lb = cb.size();
  if ((la > lb ? la - lb : lb - la) > 1) return false;
  if (a.starts_with(b) || b.starts_with(a)) return false;
  return bigram_dice(a, b) >= options.min_similarity;
}

VariantClasses VariantClasses::build(std::span<const WordType> types, const TransliterationOptions& options,
                                     int threads) {
  const std::size_t n = types.size();
  const auto count = static_cast<std::int64_t>(n);
  std::vector<std::string> keys(n);
#pragma omp parallel num_threads(threads)
  {
    Stemmer stemmer;
#pragma omp for schedule(dynamic, 256)
    for (std::int64_t t = 0; t < count; ++t) keys[t] = variant_key(types[t].text, stemmer);
  }
  // Types sharing a key start in one set; the set's id is its first type in key order.
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    return keys[x] != keys[y] ? keys[x] < keys[y] : types[x].text < types[y].text;
  });
  UnionFind sets(n);
  for (std::size_t i = 1; i < n; ++i) {
    if (keys[order[i]] == keys[order[i - 1]]) sets.join(order[i - 1], order[i]);
  }

  VariantClasses vc;
  vc.options_ = options;
  // Name-like types, blocked by their first two code points.
  for (std::uint32_t t = 0; t < n; ++t) {
    const WordType& w = types[t];
    if (2 * w.capitalised <= w.count || (word_flags(w.text) & kStopWord) != 0) continue;
    if (!name_shaped(code_points(keys[t]), options.min_chars)) continue;
    vc.names_by_prefix_[prefix2(keys[t])].emplace_back(keys[t], t);
  }
  std::vector<std::string> prefixes;
  for (const auto& [prefix, list] : vc.names_by_prefix_) prefixes.push_back(prefix);
  std::sort(prefixes.begin(), prefixes.end());
  for (const std::string& prefix : prefixes) {
    auto& list = vc.names_by_prefix_[prefix];
    std::sort(list.begin(), list.end(), [](const auto& x, const auto& y) {
      return x.first.size() != y.first.size() ? x.first.size() < y.first.size() : x.first < y.first;
    });
    for (std::size_t i = 0; i < list.size(); ++i) {
      for (std::size_t j = i + 1; j < list.size() && list[j].first.size() <= list[i].first.size() + 4; ++j) {
        if (transliteration_pair(list[i].first, list[j].first, options)) sets.join(list[i].second, list[j].second);
      }
    }
  }

  // Representative of each set: most frequent type, ties by text.
  std::vector<std::uint32_t> best(n, UINT32_MAX);
  for (std::uint32_t t = 0; t < n; ++t) {
    const std::uint32_t root = sets.find(t);
    const std::uint32_t b = best[root];
    if (b == UINT32_MAX || types[t].count > types[b].count ||
        (types[t].count == types[b].count && types[t].text < types[b].text)) {
      best[root] = t;
    }
  }
  std::vector<std::uint32_t> reps;
  for (std::uint32_t t = 0; t < n; ++t) {
    if (sets.find(t) == t) reps.push_back(best[t]);
  }
  std::sort(reps.begin(), reps.end(), [&](std::uint32_t x, std::uint32_t y) {
    return keys[x] != keys[y] ? keys[x] < keys[y] : types[x].text < types[y].text;
  });
  std::vector<std::uint32_t> id_of_root(n, UINT32_MAX);
  for (std::uint32_t c = 0; c < reps.size(); ++c) id_of_root[sets.find(reps[c])] = c;
  vc.representative_ = std::move(reps);
  vc.class_of_.resize(n);
  for (std::uint32_t t = 0; t < n; ++t) {
    vc.class_of_[t] = id_of_root[sets.find(t)];
    vc.class_by_key_.emplace(keys[t], vc.class_of_[t]);
  }
  return vc;
}

std::optional<std::uint32_t> VariantClasses::find(std::string_view token, Stemmer& stemmer) const {
  const std::string key = variant_key(token, stemmer);
  const auto it = class_by_key_.find(key);
  if (it != class_by_key_.end()) return it->second;
  const auto block = names_by_prefix_.find(prefix2(key));
  if (block == names_by_prefix_.end()) return std::nullopt;
  std::optional<std::uint32_t> found;
  double best = 0;
  for (const auto& [other, type] : block->second) {
    if (!transliteration_pair(key, other, options_)) continue;
    const double d = bigram_dice(key, other);
    if (d > best) {
      best = d;
      found = class_of_[type];
    }
  }
  return found;
}

}  // namespace echotrace::internal
