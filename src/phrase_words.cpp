// Words of the phrase stage's flattened corpus: hyphenated tokens counted as
// their parts, and where each part lies in the normalised and original text
// (internal/phrase_corpus.h).
#include "internal/assert.h"
#include "internal/phrase_corpus.h"

namespace echotrace::internal {
namespace {

// Bytes of the hyphen starting at `s[i]`, or 0: '-' always, U+2010 and
// U+2011 (UTF-8 E2 80 90/91) in original text.
std::size_t hyphen_at(std::string_view s, std::size_t i, bool original) {
  if (s[i] == '-') return 1;
  if (original && i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' && (s[i + 2] == '\x90' || s[i + 2] == '\x91')) {
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

std::string_view PhraseCorpus::word(std::uint32_t p) const {
  const TokenizedText& t = tokens[doc_of[p]];
  const std::string_view whole = t.token(token_of[p]);
  if (part_of[p] == 0) return whole;
  const auto [a, b] = hyphen_part(whole, part_of[p] - 1u, false);
  return whole.substr(a, b - a);
}

std::size_t PhraseCorpus::begin(std::uint32_t p) const {
  const std::uint32_t d = doc_of[p];
  const Token& tok = tokens[d].tokens[token_of[p]];
  if (part_of[p] == 0) return tok.begin;
  const std::string_view original = std::string_view(docs[d].text).substr(tok.begin, tok.end - tok.begin);
  return tok.begin + hyphen_part(original, part_of[p] - 1u, true).first;
}

std::size_t PhraseCorpus::end(std::uint32_t p) const {
  const std::uint32_t d = doc_of[p];
  const Token& tok = tokens[d].tokens[token_of[p]];
  if (part_of[p] == 0) return tok.end;
  const std::string_view original = std::string_view(docs[d].text).substr(tok.begin, tok.end - tok.begin);
  return tok.begin + hyphen_part(original, part_of[p] - 1u, true).second;
}

std::string_view PhraseCorpus::span(std::uint32_t p, std::uint32_t count) const {
  ECHOTRACE_ASSERT(count >= 1 && doc_of[p] == doc_of[p + count - 1]);
  const std::string_view first = word(p), last = word(p + count - 1);
  return std::string_view(first.data(), static_cast<std::size_t>(last.data() + last.size() - first.data()));
}

}  // namespace echotrace::internal
