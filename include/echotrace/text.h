// Text normalisation and word tokenization: the one place where raw article text
// becomes comparable words. It owns Unicode handling (NFKC, case folding,
// typographic punctuation) and the word rule; hashing belongs to shingle.h.
//
// Word rule: a token is a maximal run of letters, digits and combining marks of
// any script; an apostrophe (' U+2019 U+02BC) or hyphen (- U+2010 U+2011) between
// two word characters stays inside the token ("Syria's", "de-escalation").
// Ideographic characters (Han) and kana have no spaces between words, so each is
// a token of its own; shingles over them are character k-grams. Ill-formed UTF-8
// bytes separate tokens and are never part of one.
//
// Each token keeps its byte span in the original text, so every later stage can
// point back at the exact bytes a user sees.
//
// Thread-safety: all functions are pure; call them from any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace echotrace {

struct TextOptions {
  // Unicode case folding (full folding, so "STRASSE" and "straße" meet). NFKC
  // compatibility normalisation and punctuation unification are always applied.
  bool fold_case = true;
};

// One word: where it sits in the original text and where its normalised form
// sits in TokenizedText::normalized.
struct Token {
  std::size_t begin = 0;       // byte offset of the first byte in the original text
  std::size_t end = 0;         // one past the last byte in the original text
  std::uint32_t norm_begin = 0;  // offset into TokenizedText::normalized
  std::uint32_t norm_size = 0;   // bytes of the normalised token
};

// The words of one text. `normalized` holds the normalised tokens joined by
// single spaces, so the k tokens starting at i form one contiguous view: shingles
// are hashed without copying.
struct TokenizedText {
  std::string normalized;
  std::vector<Token> tokens;

  std::size_t size() const { return tokens.size(); }
  // The normalised text of token `i`. REQUIRES: i < size(). The view lives as
  // long as this object is unchanged.
  std::string_view token(std::size_t i) const {
    return std::string_view(normalized.data() + tokens[i].norm_begin, tokens[i].norm_size);
  }
  // Tokens [first, first + count) joined by single spaces.
  // REQUIRES: count >= 1 and first + count <= size().
  std::string_view span(std::size_t first, std::size_t count) const {
    const Token& a = tokens[first];
    const Token& b = tokens[first + count - 1];
    // Built from the offsets directly: a bounds-checked substr() here cost
    // a third of a shingle's hash in the sketching loop.
    return std::string_view(normalized.data() + a.norm_begin, b.norm_begin + b.norm_size - a.norm_begin);
  }
};

// Splits `text` (UTF-8) into normalised words with their byte spans.
// Cost: linear in the text; ASCII words skip ICU entirely.
// REQUIRES: text.size() < 2 GiB (ICU's UTF-8 macros take 32-bit signed
// offsets; readers cap documents at 1 GiB, see io.h kMaxDocBytesLimit).
TokenizedText tokenize(std::string_view text, const TextOptions& options = {});

// Same as tokenize(), into `out` (cleared first), reusing its capacity: for
// loops over many documents.
void tokenize_into(std::string_view text, const TextOptions& options, TokenizedText& out);

// The whole text normalised for display or phrase matching: NFKC, optional case
// folding, typographic quotes (“ ” „ « » ‘ ’ ‚ ʼ) turned into ASCII ' and ",
// dashes (‐ ‑ ‒ – — ― −) into '-'. Ill-formed UTF-8 becomes U+FFFD. Offsets
// are not preserved; use tokenize() when positions matter.
// REQUIRES: text.size() < 2 GiB.
std::string normalize(std::string_view text, const TextOptions& options = {});

}  // namespace echotrace
