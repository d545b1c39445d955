// The phrase stage's flattened corpus (internal/phrase_corpus.h): word
// positions, hyphenated tokens counted as their parts, where each part lies in
// the normalised and original text, and how far a phrase may run.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "internal/assert.h"
#include "internal/hash.h"
#include "internal/phrase_corpus.h"

namespace echotrace::internal {
namespace {

// Whether a phrase may run across the text between two tokens: nothing but
// up to three bytes of spaces, tabs or no-break spaces and at most one comma,
// after an optional apostrophe closing the first word ("terrorists’ attacks").
bool joinable_gap(std::string_view gap) {
  if (gap.starts_with('\'')) {
    gap.remove_prefix(1);
  } else if (gap.starts_with("\xE2\x80\x99")) {
    gap.remove_prefix(3);
  }
  if (gap.size() > 3) return false;
  int commas = 0;
  for (std::size_t i = 0; i < gap.size(); ++i) {
    const char c = gap[i];
    if (c == ' ' || c == '\t') continue;
    if (c == ',' && ++commas == 1) continue;
    if (c == '\xC2' && i + 1 < gap.size() && gap[i + 1] == '\xA0') {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

// Whether the text between two tokens ends a sentence: it holds '.', '!',
// '?', ';', ':' or a line break.
bool sentence_gap(std::string_view gap) {
  return gap.find_first_of(".!?;:\n\r") != std::string_view::npos;
}

// Bytes of the hyphen starting at `s[i]`, or 0: '-' always, U+2010 and
// U+2011 (UTF-8 E2 80 90/91) in original text.
std::size_t hyphen_at(std::string_view s, std::size_t i, bool original) {
  if (s[i] == '-') return 1;
  if (original && i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' &&
      (s[i + 2] == '\x90' || s[i + 2] == '\x91')) {
    return 3;
  }
  return 0;
}

// Parts of `s` split at hyphens, or 0 when one of them is empty.
std::size_t count_parts(std::string_view s, bool original) {
  std::size_t parts = 1, part_bytes = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (const std::size_t h = hyphen_at(s, i, original); h > 0) {
      if (part_bytes == 0) return 0;
      ++parts;
      part_bytes = 0;
      i += h;
    } else {
      ++part_bytes;
      ++i;
    }
  }
  return part_bytes == 0 ? 0 : parts;
}

}  // namespace

std::size_t hyphen_parts(std::string_view normalized, std::string_view original) {
  if (normalized.find('-') == std::string_view::npos) return 1;
  const std::size_t n = count_parts(normalized, false);
  if (n < 2 || n > kMaxHyphenParts || count_parts(original, true) != n) return 1;
  return n;
}

std::pair<std::size_t, std::size_t> hyphen_part(std::string_view word, std::size_t k, bool original) {
  std::size_t part = 0, from = 0;
  for (std::size_t i = 0; i < word.size();) {
    const std::size_t h = hyphen_at(word, i, original);
    if (h == 0) {
      ++i;
      continue;
    }
    if (part == k) return {from, i};
    ++part;
    i += h;
    from = i;
  }
  ECHOTRACE_ASSERT(part == k);
  return {from, word.size()};
}

std::uint32_t PhraseCorpus::token_of(std::uint32_t p) const {
  const std::uint32_t d = doc_of[p];
  const auto first = extra_pos.begin() + extra_begin[d], last = extra_pos.begin() + extra_begin[d + 1];
  const auto extras = static_cast<std::uint32_t>(std::upper_bound(first, last, p) - first);
  return p - doc_begin[d] - extras;
}

std::string_view PhraseCorpus::word(std::uint32_t p) const {
  const TokenizedText& t = tokens[doc_of[p]];
  const std::string_view whole = t.token(token_of(p));
  if (part_of[p] == 0) return whole;
  const auto [a, b] = hyphen_part(whole, part_of[p] - 1u, false);
  return whole.substr(a, b - a);
}

std::pair<std::size_t, std::size_t> PhraseCorpus::bytes(std::uint32_t p) const {
  const std::uint32_t d = doc_of[p];
  const Token& tok = tokens[d].tokens[token_of(p)];
  if (part_of[p] == 0) return {tok.begin, tok.end};
  const std::string_view original = std::string_view(docs[d].text).substr(tok.begin, tok.end - tok.begin);
  const auto [a, b] = hyphen_part(original, part_of[p] - 1u, true);
  return {tok.begin + a, tok.begin + b};
}

std::size_t PhraseCorpus::begin(std::uint32_t p) const { return bytes(p).first; }

std::size_t PhraseCorpus::end(std::uint32_t p) const { return bytes(p).second; }

std::string_view PhraseCorpus::span(std::uint32_t p, std::uint32_t count) const {
  ECHOTRACE_ASSERT(count >= 1 && doc_of[p] == doc_of[p + count - 1]);
  const std::string_view first = word(p), last = word(p + count - 1);
  return std::string_view(first.data(), static_cast<std::size_t>(last.data() + last.size() - first.data()));
}

namespace {

// Positions per chunk of documents that flatten() counts word types in (a
// chunk ends with the first document that reaches it).
constexpr std::size_t kChunkPositions = std::size_t{1} << 18;

// Whether `text` at byte `at` starts with an upper-case or title-case letter.
bool starts_upper(std::string_view text, std::size_t at) {
  if (at < text.size() && static_cast<unsigned char>(text[at]) < 0x80) {
    return text[at] >= 'A' && text[at] <= 'Z';  // ASCII: ICU's only upper-case letters, and no title case
  }
  const auto n = static_cast<std::int32_t>(text.size());
  auto i = static_cast<std::int32_t>(at);
  UChar32 c;
  U8_NEXT(text.data(), i, n, c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

// The first '-' in `t.normalized` at or after byte `from`, or its size.
std::size_t next_hyphen(const TokenizedText& t, std::size_t from) {
  if (from >= t.normalized.size()) return t.normalized.size();
  const void* at = std::memchr(t.normalized.data() + from, '-', t.normalized.size() - from);
  return at == nullptr ? t.normalized.size() : static_cast<std::size_t>(static_cast<const char*>(at) - t.normalized.data());
}

// How many words token `i` of `t` counts as: 1, or the parts of a hyphenated
// token. `hyphen` is the first '-' in the normalised text not before the
// token's start (next_hyphen()); it moves on past the token when inside it.
std::size_t parts_of_token(const std::string& text, const TokenizedText& t, std::size_t i, std::size_t& hyphen) {
  const Token& tok = t.tokens[i];
  ECHOTRACE_ASSERT(tok.end <= text.size());
  if (hyphen < tok.norm_begin) hyphen = next_hyphen(t, tok.norm_begin);
  const std::size_t token_end = std::size_t{tok.norm_begin} + tok.norm_size;
  if (hyphen >= token_end) return 1;
  hyphen = next_hyphen(t, token_end);
  return hyphen_parts(t.token(i), std::string_view(text).substr(tok.begin, tok.end - tok.begin));
}

// Words of a document: hyphenated tokens counted as their parts. Only the
// tokens holding a '-' are looked at, found by bisection.
std::size_t count_words(const TokenizedText& t, const std::string& text) {
  std::size_t words = t.size();
  for (std::size_t hyphen = next_hyphen(t, 0); hyphen < t.normalized.size();) {
    // The last token starting at or before the hyphen.
    const auto it = std::upper_bound(t.tokens.begin(), t.tokens.end(), hyphen,
                                     [](std::size_t at, const Token& tok) { return at < tok.norm_begin; });
    if (it == t.tokens.begin()) {
      hyphen = next_hyphen(t, hyphen + 1);
      continue;
    }
    const auto i = static_cast<std::size_t>(it - t.tokens.begin()) - 1;
    std::size_t at = hyphen;
    words += parts_of_token(text, t, i, at) - 1;
    hyphen = at > hyphen ? at : next_hyphen(t, hyphen + 1);  // past the token, or past a hyphen outside tokens
  }
  return words;
}

// Fills the positions of document `d` (part_of, extra_pos, doc_of, run,
// sentence_end) and, with a `counter`, counts its words and puts each
// position's index among the counter's keys in cls. Runs end where a token
// does not join the next (the parts of one token always join; between tokens
// the text decides), and are filled back to their start then.
void flatten_document(PhraseCorpus& c, std::size_t d, DistinctCounter* counter) {
  const TokenizedText& t = c.tokens[d];
  const std::string& text = c.docs[d].text;
  std::uint32_t p = c.doc_begin[d];
  std::uint32_t extra = c.extra_begin[d];
  std::uint32_t run_start = p;
  std::size_t hyphen = next_hyphen(t, 0);
  const auto doc = static_cast<std::uint32_t>(d);
  // Each whole token's key (word_key()) is taken one token ahead and its
  // table slot asked for meanwhile (the table is larger than a core's caches).
  std::uint64_t next_hash = counter != nullptr && t.size() > 0 ? word_key(t.token(0)) : 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::uint64_t hash = next_hash;
    if (counter != nullptr && i + 1 < t.size()) {
      next_hash = word_key(t.token(i + 1));
      counter->prefetch(next_hash);
    }
    const std::size_t parts = parts_of_token(text, t, i, hyphen);
    const Token& tok = t.tokens[i];
    if (parts == 1) {
      c.part_of[p] = 0;
      c.doc_of[p] = doc;
      if (counter != nullptr) c.cls[p] = counter->add(hash, starts_upper(text, tok.begin), p);
      ++p;
    } else {
      const std::string_view whole = t.token(i);
      const std::string_view original = std::string_view(text).substr(tok.begin, tok.end - tok.begin);
      for (std::size_t k = 0; k < parts; ++k, ++p) {
        if (k > 0) c.extra_pos[extra++] = p;
        c.part_of[p] = static_cast<std::uint8_t>(k + 1);
        c.doc_of[p] = doc;
        c.sentence_end[p] = 0;
        if (counter != nullptr) {
          const auto [a, b] = hyphen_part(whole, k, false);
          c.cls[p] = counter->add(word_key(whole.substr(a, b - a)),
                                  starts_upper(text, tok.begin + hyphen_part(original, k, true).first), p);
        }
      }
    }
    bool joins = false, ends = i + 1 == t.size();
    if (!ends) {
      const std::string_view gap = std::string_view(text).substr(tok.end, t.tokens[i + 1].begin - tok.end);
      if (gap.size() == 1 && gap[0] == ' ') {
        joins = true;  // most gaps: one space, as joinable_gap() and sentence_gap() would say
      } else {
        joins = joinable_gap(gap);
        ends = sentence_gap(gap);
      }
    }
    c.sentence_end[p - 1] = ends ? 1 : 0;
    if (!joins) {
      for (std::uint32_t q = run_start; q < p; ++q) c.run[q] = p - q;
      run_start = p;
    }
  }
}

}  // namespace

PhraseCorpus flatten(std::span<const Document> docs, std::span<const TokenizedText> tokens, int threads,
                     WordChunks* words) {
  PhraseCorpus c;
  c.docs = docs;
  c.tokens = tokens;
  c.doc_begin.resize(docs.size() + 1, 0);
  const auto nd = static_cast<std::int64_t>(docs.size());
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
  for (std::int64_t d = 0; d < nd; ++d) {
    const std::size_t n = count_words(tokens[d], docs[d].text);
    c.doc_begin[d + 1] = static_cast<std::uint32_t>(std::min<std::size_t>(n, UINT32_MAX));
  }
  std::size_t total = 0, extras = 0;
  c.extra_begin.resize(docs.size() + 1, 0);
  for (std::size_t d = 0; d < docs.size(); ++d) {
    total += c.doc_begin[d + 1];
    extras += c.doc_begin[d + 1] - tokens[d].size();  // a token of k parts adds k - 1 positions
    ECHOTRACE_ASSERT(total < UINT32_MAX);
    c.doc_begin[d + 1] = static_cast<std::uint32_t>(total);
    c.extra_begin[d + 1] = static_cast<std::uint32_t>(extras);
  }
  c.run.resize(total);
  c.sentence_end.resize(total);
  c.doc_of.resize(total);
  c.cls.resize(total);
  c.extra_pos.resize(extras);
  c.part_of.resize(total);
  // Chunks of consecutive documents, cut by position counts only.
  std::vector<std::size_t> chunk_doc{0};  // first document of each chunk, then docs.size()
  for (std::size_t d = 0; d < docs.size(); ++d) {
    if (c.doc_begin[d + 1] - c.doc_begin[chunk_doc.back()] >= kChunkPositions) chunk_doc.push_back(d + 1);
  }
  if (chunk_doc.back() != docs.size()) chunk_doc.push_back(docs.size());
  const std::size_t chunks = chunk_doc.size() - 1;
  if (words != nullptr) {
    words->chunks.assign(chunks, {});
    words->chunk_begin.resize(chunks + 1);
    for (std::size_t k = 0; k <= chunks; ++k) words->chunk_begin[k] = c.doc_begin[chunk_doc[k]];
  }
#pragma omp parallel num_threads(threads)
  {
    std::optional<DistinctCounter> counter;
    if (words != nullptr) counter.emplace();
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t k = 0; k < static_cast<std::int64_t>(chunks); ++k) {
      if (counter) counter->start(words->chunks[static_cast<std::size_t>(k)]);
      for (std::size_t d = chunk_doc[static_cast<std::size_t>(k)]; d < chunk_doc[static_cast<std::size_t>(k) + 1]; ++d) {
        flatten_document(c, d, counter ? &*counter : nullptr);
      }
    }
  }
  // Outlets ascending: each distinct key numbered as first seen, then sorted.
  std::unordered_map<std::string, std::uint32_t> seen;
  std::vector<std::string> keys;
  c.outlet_of_doc.resize(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const auto [it, fresh] = seen.try_emplace(outlet_key(docs[d]), static_cast<std::uint32_t>(keys.size()));
    if (fresh) keys.push_back(it->first);
    c.outlet_of_doc[d] = it->second;
  }
  std::vector<std::uint32_t> order(keys.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
  std::vector<std::uint32_t> rank(keys.size());
  c.outlets.resize(keys.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = r;
    c.outlets[r] = std::move(keys[order[r]]);
  }
  for (std::uint32_t& k : c.outlet_of_doc) k = rank[k];
  return c;
}

}  // namespace echotrace::internal
