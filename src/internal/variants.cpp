#include "internal/variants.h"

#include <echotrace/word_list.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <numeric>
#include <optional>
#include <string>

#include "internal/assert.h"
#include "internal/english.h"
#include "internal/hash.h"

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

// Dice at or above which the representatives of two sets joined by a
// transliteration pair must still be.
constexpr double kLooseSimilarity = 0.5;

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

// Typos: a type one letter shorter than a type at least kTypoRatio times as
// frequent, with that one letter dropped ("recomendations"), is the same word
// misspelled, when the longer word has at least kTypoMinWordLetters letters
// (ASCII letters only, no stop word). The typo is written in lower case in
// most of its uses, so that no name is taken for one; the word it misspells
// in at least one use in kTypoRatio, so that a common noun often written as
// part of a name ("Department") still has its typos ("departmnt") while a
// name ("Carter") has none ("carte").
bool ascii_word(const WordType& w) {
  if ((word_flags(w.text) & kStopWord) != 0) return false;
  return std::all_of(w.text.begin(), w.text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}
bool typo_candidate(const WordType& w) { return 2 * w.capitalised <= w.count && ascii_word(w); }
bool misspelt_candidate(const WordType& w) {
  return w.count >= kTypoRatio && w.text.size() >= kTypoMinWordLetters &&
         kTypoRatio * (w.count - w.capitalised) >= w.count && ascii_word(w);
}

// Whether `s` is `word` with its byte `i` dropped.
bool is_deletion(std::string_view word, std::size_t i, std::string_view s) {
  return s.size() + 1 == word.size() && word.substr(0, i) == s.substr(0, i) && word.substr(i + 1) == s.substr(i);
}

// The words with one letter dropped of the frequent typo candidates, each
// mapped to the word it comes from (the most frequent such word; ties by
// text): open addressing by the XXH3 of the shortened word, which is never
// built as a string of its own; equal hashes are told apart by comparing the
// text, so the result is that of a map from strings.
class Misspellings {
 public:
  explicit Misspellings(std::span<const WordType> types) : types_(types) {}

  void reserve(std::size_t n) {
    std::size_t slots = 16;
    while (slots < 2 * n) slots *= 2;
    slots_.assign(slots, Slot{});
  }
  // Adds word `t` with its byte `i` dropped.
  void add(std::uint32_t t, std::uint32_t i, std::string& scratch) {
    const std::string& w = types_[t].text;
    scratch.assign(w, 0, i);
    scratch.append(w, i + 1);
    if (2 * (used_ + 1) > slots_.size()) grow();
    const std::uint64_t h = xxh3_64(scratch, 0);
    Slot* s = find(h, scratch);
    if (s->type == kNone) {
      *s = Slot{h, t, i};
      ++used_;
      return;
    }
    const WordType& old = types_[s->type];
    const WordType& now = types_[t];
    if (now.count > old.count || (now.count == old.count && now.text < old.text)) {
      s->type = t;
      s->at = i;
    }
  }
  // The word that `s` is a misspelling of, if any.
  std::optional<std::uint32_t> word_of(std::string_view s) const {
    if (slots_.empty()) return std::nullopt;
    const Slot* slot = find(xxh3_64(s, 0), s);
    if (slot->type == kNone) return std::nullopt;
    return slot->type;
  }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t type = kNone;
    std::uint32_t at = 0;  // the byte dropped from the type's text
  };

  // The slot holding `s` (hashed to `h`), or the empty slot where it belongs.
  Slot* find(std::uint64_t h, std::string_view s) {
    return const_cast<Slot*>(static_cast<const Misspellings*>(this)->find(h, s));
  }
  const Slot* find(std::uint64_t h, std::string_view s) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = h & mask;; at = (at + 1) & mask) {
      const Slot& slot = slots_[at];
      if (slot.type == kNone) return &slot;
      if (slot.hash == h && is_deletion(types_[slot.type].text, slot.at, s)) return &slot;
    }
  }
  void grow() {
    std::vector<Slot> old(2 * slots_.size(), Slot{});
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.type == kNone) continue;
      std::size_t at = slot.hash & mask;
      while (slots_[at].type != kNone) at = (at + 1) & mask;
      slots_[at] = slot;
    }
  }

  std::span<const WordType> types_;
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

// Joins each typo to the set of the word it misspells (the most frequent
// such word; ties by text). No word of `dictionary` is a typo.
void join_typos(std::span<const WordType> types, UnionFind& sets, const WordList* dictionary) {
  std::vector<std::uint8_t> candidate(types.size()), word(types.size());  // may be a typo; may be misspelt
  std::size_t deletions = 0;
  for (std::uint32_t t = 0; t < types.size(); ++t) {
    const WordType& w = types[t];
    candidate[t] = w.text.size() + 1 >= kTypoMinWordLetters && typo_candidate(w) ? 1 : 0;
    word[t] = misspelt_candidate(w) ? 1 : 0;
    if (word[t]) deletions += w.text.size();
  }
  Misspellings misspelt(types);  // a word with one letter dropped -> the word
  misspelt.reserve(deletions);
  std::string scratch;
  for (std::uint32_t t = 0; t < types.size(); ++t) {
    const WordType& w = types[t];
    if (!word[t]) continue;
    for (std::size_t i = 0; i < w.text.size(); ++i) {
      if (i > 0 && w.text[i] == w.text[i - 1]) continue;  // same string as dropping i - 1
      misspelt.add(t, static_cast<std::uint32_t>(i), scratch);
    }
  }
  for (std::uint32_t t = 0; t < types.size(); ++t) {
    if (!candidate[t]) continue;
    const std::optional<std::uint32_t> right = misspelt.word_of(types[t].text);
    if (!right || types[*right].count < kTypoRatio * types[t].count) continue;
    if (dictionary == nullptr || !dictionary->contains(types[t].text)) sets.join(*right, t);
  }
}

// Padded character bigrams of `cps`, sorted (0 is the boundary mark).
std::vector<std::uint64_t> sorted_bigrams(const std::vector<std::uint32_t>& cps) {
  std::vector<std::uint64_t> out;
  out.reserve(cps.size() + 1);
  std::uint64_t prev = 0;
  for (std::uint32_t c : cps) {
    out.push_back(prev << 32 | (std::uint64_t{c} + 1));
    prev = std::uint64_t{c} + 1;
  }
  out.push_back(prev << 32);
  std::sort(out.begin(), out.end());
  return out;
}

double dice(const std::vector<std::uint64_t>& x, const std::vector<std::uint64_t>& y) {
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

}  // namespace

double bigram_dice(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  return dice(sorted_bigrams(code_points(a)), sorted_bigrams(code_points(b)));
}

std::string variant_key(std::string_view token, Stemmer& stemmer) {
  std::string lower(token);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return stemmer.stem(american_spelling(lower));
}

VariantClasses::Name VariantClasses::make_name(std::string key, std::uint32_t type) {
  const std::vector<std::uint32_t> cps = code_points(key);
  Name n;
  n.prefix = prefix2(key);
  n.chars = static_cast<std::uint32_t>(cps.size());
  n.bigrams = sorted_bigrams(cps);
  n.key = std::move(key);
  n.type = type;
  return n;
}

bool VariantClasses::similar(const Name& a, const Name& b, const TransliterationOptions& options) {
  if (a.key == b.key || a.prefix != b.prefix) return false;
  if ((a.chars > b.chars ? a.chars - b.chars : b.chars - a.chars) > 1) return false;
  if (a.key.starts_with(b.key) || b.key.starts_with(a.key)) return false;
  return dice(a.bigrams, b.bigrams) >= options.min_similarity;
}

bool transliteration_pair(std::string_view a, std::string_view b, const TransliterationOptions& options) {
  if (!name_shaped(code_points(a), options.min_chars) || !name_shaped(code_points(b), options.min_chars)) return false;
  return VariantClasses::similar(VariantClasses::make_name(std::string(a), 0),
                                 VariantClasses::make_name(std::string(b), 0), options);
}

VariantClasses VariantClasses::build(std::span<const WordType> types, const TransliterationOptions& options,
                                     int threads, const WordList* dictionary) {
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
  join_typos(types, sets, dictionary);

  VariantClasses vc;
  vc.options_ = options;
  // Name-like types (one per key), sorted by first two code points, length
  // and key: candidates for a pair sit next to each other.
  std::vector<std::uint32_t> name_types;
  for (std::uint32_t t = 0; t < n; ++t) {
    const WordType& w = types[t];
    if (2 * w.capitalised <= w.count || (word_flags(w.text) & kStopWord) != 0) continue;
    if (!name_shaped(code_points(keys[t]), options.min_chars)) continue;
    name_types.push_back(t);
  }
  std::sort(name_types.begin(), name_types.end(), [&](std::uint32_t x, std::uint32_t y) { return keys[x] < keys[y]; });
  name_types.erase(std::unique(name_types.begin(), name_types.end(),
                               [&](std::uint32_t x, std::uint32_t y) { return keys[x] == keys[y]; }),
                   name_types.end());
  vc.names_.resize(name_types.size());
  const auto nnames = static_cast<std::int64_t>(name_types.size());
#pragma omp parallel for schedule(static, 1024) num_threads(threads)
  for (std::int64_t k = 0; k < nnames; ++k) vc.names_[k] = make_name(keys[name_types[k]], name_types[k]);
  std::sort(vc.names_.begin(), vc.names_.end(), [](const Name& x, const Name& y) {
    if (x.prefix != y.prefix) return x.prefix < y.prefix;
    return x.chars != y.chars ? x.chars < y.chars : x.key < y.key;
  });
  // Pairs are found in parallel, then joined strongest first. Single linkage
  // is checked against drift: two sets join only if their representatives
  // (most frequent types) are themselves loosely alike, so "hmeimim" and
  // "hmeymin" meet through "hmeymim" but a chain of typos cannot join
  // "africa" and "african".
  struct Pair {
    double dice;
    std::uint32_t a, b;
  };
  std::vector<std::vector<Pair>> found(vc.names_.size());
#pragma omp parallel for schedule(dynamic, 256) num_threads(threads)
  for (std::int64_t i = 0; i < nnames; ++i) {
    const Name& a = vc.names_[i];
    for (std::size_t j = static_cast<std::size_t>(i) + 1; j < vc.names_.size(); ++j) {
      const Name& b = vc.names_[j];
      if (b.prefix != a.prefix || b.chars > a.chars + 1) break;
      if (similar(a, b, options)) found[i].push_back({dice(a.bigrams, b.bigrams), a.type, b.type});
    }
  }
  std::vector<Pair> pairs;
  for (const auto& list : found) pairs.insert(pairs.end(), list.begin(), list.end());
  std::sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) {
    return x.dice != y.dice ? x.dice > y.dice : (x.a != y.a ? x.a < y.a : x.b < y.b);
  });
  // Representative of each set: most frequent type, ties by text.
  const auto better = [&](std::uint32_t t, std::uint32_t b) {
    return b == UINT32_MAX || types[t].count > types[b].count ||
           (types[t].count == types[b].count && types[t].text < types[b].text);
  };
  std::vector<std::uint32_t> best(n, UINT32_MAX);
  for (std::uint32_t t = 0; t < n; ++t) {
    const std::uint32_t root = sets.find(t);
    if (better(t, best[root])) best[root] = t;
  }
  TransliterationOptions loose = options;
  loose.min_similarity = kLooseSimilarity;
  for (const Pair& p : pairs) {
    const std::uint32_t ra = sets.find(p.a), rb = sets.find(p.b);
    if (ra == rb) continue;
    const Name x = make_name(keys[best[ra]], 0), y = make_name(keys[best[rb]], 0);
    const bool alike = x.key == y.key || (x.prefix == y.prefix &&
                                          (x.chars > y.chars ? x.chars - y.chars : y.chars - x.chars) <= 2 &&
                                          !x.key.starts_with(y.key) && !y.key.starts_with(x.key) &&
                                          dice(x.bigrams, y.bigrams) >= loose.min_similarity);
    if (!alike) continue;
    const std::uint32_t winner = better(best[ra], best[rb]) ? best[ra] : best[rb];
    sets.join(ra, rb);
    best[sets.find(ra)] = winner;
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
  const Name probe = make_name(key, 0);
  auto it_name = std::lower_bound(names_.begin(), names_.end(), probe.prefix,
                                  [](const Name& x, const std::string& prefix) { return x.prefix < prefix; });
  std::optional<std::uint32_t> found;
  double best = 0;
  for (; it_name != names_.end() && it_name->prefix == probe.prefix; ++it_name) {
    if (!similar(probe, *it_name, options_)) continue;
    const double d = dice(probe.bigrams, it_name->bigrams);
    if (d > best) {
      best = d;
      found = class_of_[it_name->type];
    }
  }
  return found;
}

}  // namespace echotrace::internal
