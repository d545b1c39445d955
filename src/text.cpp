#include <echotrace/text.h>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "internal/ascii_scan.h"
#include "internal/assert.h"

namespace echotrace {
namespace {

enum class CharClass : std::uint8_t { kOther, kWord, kJoiner, kIdeograph };

constexpr std::array<CharClass, 128> make_ascii_classes() {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    t[c] = alnum ? CharClass::kWord : CharClass::kOther;
  }
  t['\''] = CharClass::kJoiner;
  t['-'] = CharClass::kJoiner;
  return t;
}
constexpr std::array<CharClass, 128> kAsciiClass = make_ascii_classes();

CharClass classify_non_ascii(UChar32 c) {
  if (c < 0) return CharClass::kOther;  // ill-formed UTF-8
  switch (c) {
    case 0x2019: case 0x02BC: case 0xFF07:  // apostrophes
    case 0x2010: case 0x2011:               // hyphens
      return CharClass::kJoiner;
    case 0x00AD: case 0x200C: case 0x200D:  // soft hyphen, ZWNJ, ZWJ: inside words
      return CharClass::kWord;
    default: break;
  }
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return CharClass::kIdeograph;
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &err);
  if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) return CharClass::kIdeograph;
  if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) return CharClass::kWord;
  int8_t type = u_charType(c);
  if (type == U_DECIMAL_DIGIT_NUMBER || type == U_NON_SPACING_MARK ||
      type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK) {
    return CharClass::kWord;
  }
  return CharClass::kOther;
}

struct Decoded {
  UChar32 cp;
  CharClass cls;
  std::size_t next;  // offset after this code point
};

inline Decoded decode_at(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, kAsciiClass[b], i + 1};
  std::int32_t pos = static_cast<std::int32_t>(i);
  UChar32 cp;
  U8_NEXT(s.data(), pos, static_cast<std::int32_t>(s.size()), cp);
  return {cp, classify_non_ascii(cp), static_cast<std::size_t>(pos)};
}

const icu::Normalizer2& normalizer(const TextOptions& options) {
  UErrorCode err = U_ZERO_ERROR;
  // ICU owns these instances; they are immutable and thread-safe.
  const icu::Normalizer2* n = options.fold_case ? icu::Normalizer2::getNFKCCasefoldInstance(err)
                                                : icu::Normalizer2::getNFKCInstance(err);
  ECHOTRACE_ASSERT(U_SUCCESS(err) && n != nullptr);
  return *n;
}

// Maps typographic quotes and dashes to ASCII, in place.
void unify_punctuation(icu::UnicodeString& s) {
  for (int32_t i = 0; i < s.length(); ++i) {
    switch (s.charAt(i)) {
      case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
      case 0x2033: case 0x301D: case 0x301E:
        s.setCharAt(i, u'"');
        break;
      case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
      case 0x2039: case 0x203A:
        s.setCharAt(i, u'\'');
        break;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
      case 0x2212:
        s.setCharAt(i, u'-');
        break;
      default: break;
    }
  }
}

void normalize_into(std::string_view utf8, const icu::Normalizer2& norm, std::string& out) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  unify_punctuation(u);
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString n = norm.normalize(u, err);
  ECHOTRACE_ASSERT(U_SUCCESS(err));
  unify_punctuation(n);  // NFKC can produce e.g. U+2010 from U+2011
  n.toUTF8String(out);
}

// One non-ASCII word's normal form into `scratch` (cleared first), fetching
// the normaliser on first use. Out of line: rare, and it keeps ICU's stack
// frame out of the tokenizer's ASCII loop.
[[gnu::noinline]] void normalize_word(std::string_view word, const TextOptions& options,
                                      const icu::Normalizer2*& norm, std::string& scratch) {
  if (norm == nullptr) norm = &normalizer(options);
  scratch.clear();
  normalize_into(word, *norm, scratch);
}

// Grows `s` to at least `bytes`, geometrically. Out of line: rare.
[[gnu::noinline]] void grow(std::string& s, std::size_t bytes) { s.resize(std::max(2 * s.size(), bytes)); }

}  // namespace

TokenizedText tokenize(std::string_view text, const TextOptions& options) {
  ECHOTRACE_ASSERT(text.size() < (std::size_t{1} << 31));  // decode_at's int32 offsets
  TokenizedText out;
  tokenize_into(text, options, out);
  return out;
}

void tokenize_into(std::string_view text, const TextOptions& options, TokenizedText& out) {
  out.tokens.clear();
  out.tokens.reserve(text.size() / 6 + 1);
  // ASCII tokens joined by single spaces never outgrow the text they come
  // from (plus one byte, see emit_ascii), so `normalized` is sized once and
  // written through a pointer (no per-token append); only an NFKC expansion
  // can make it grow. `used` bytes are valid; the rest is cut off at the end.
  // The string keeps its length from the call before, so only the bytes it
  // gains are zero-filled.
  std::string& buf = out.normalized;
  if (buf.size() < text.size() + 1) buf.resize(text.size() + 1);
  // The hot state lives in locals, not behind `out` or `options`: stores
  // through a char pointer may alias anything in memory, and would force
  // the compiler to reload those after every byte written.
  char* base = buf.data();
  std::size_t cap = buf.size();
  std::size_t used = 0;
  const bool fold = options.fold_case;
  std::string scratch;  // one non-ASCII token's normal form
  const icu::Normalizer2* norm = nullptr;
  const char* const data = text.data();
  const std::size_t n = text.size();

  auto reserve_bytes = [&](std::size_t bytes) __attribute__((always_inline)) {
    if (used + bytes > cap) [[unlikely]] {
      grow(buf, used + bytes);
      base = buf.data();
      cap = buf.size();
    }
  };
  auto push = [&](std::size_t begin, std::size_t end, std::size_t sep, std::size_t size) __attribute__((always_inline)) {
    const std::size_t nb = used + sep;
    used = nb + size;
    ECHOTRACE_ASSERT(used < (std::size_t{1} << 32));
    out.tokens.push_back(Token{begin, end, static_cast<std::uint32_t>(nb), static_cast<std::uint32_t>(size)});
  };
  // An ASCII word: copied (case-folded) straight from the text. Inlined into
  // the scanning loops; ICU stays out of it. The separator is written
  // without a branch and kept only after the first word (the first word
  // overwrites it).
  auto emit_ascii = [&](std::size_t begin, std::size_t end) __attribute__((always_inline)) {
    const std::size_t sep = used != 0 ? 1 : 0;
    const std::size_t size = end - begin;
    const char* from = data + begin;
    // Whole 16-byte blocks where the text has them; the bytes written past
    // the word are overwritten by the next one or cut off at the end.
    const std::size_t block = internal::fold_block_bytes(size);
    const bool whole = fold && begin + block <= n;
    reserve_bytes(1 + (whole ? block : size));
    char* p = base + used;
    *p = ' ';
    p += sep;
    if (whole) {
      internal::copy_fold_ascii(from, p, size);
    } else if (fold) {
      internal::copy_fold_ascii_scalar(from, p, size);
    } else {
      std::memcpy(p, from, size);
    }
    push(begin, end, sep, size);
  };
  auto emit = [&](std::size_t begin, std::size_t end, bool ascii) __attribute__((always_inline)) {
    if (ascii) {
      emit_ascii(begin, end);
      return;
    }
    normalize_word(text.substr(begin, end - begin), options, norm, scratch);
    if (scratch.empty()) return;  // normalised to nothing (e.g. a lone soft hyphen)
    const std::size_t sep = used != 0 ? 1 : 0;
    reserve_bytes(sep + scratch.size());
    char* p = base + used;
    if (sep != 0) *p++ = ' ';
    std::memcpy(p, scratch.data(), scratch.size());
    push(begin, end, sep, scratch.size());
  };

  std::size_t i = 0;
  std::size_t no_block_before = 0;  // where the 64-byte path last gave up
  while (i < n) {
    // Fastest path: the ASCII words of the next 64 bytes from their class
    // masks, with the rules of the loop below: a word is a run of letters and
    // digits, continued across a joiner ('\'' or '-') followed by one. Only
    // words that end (with an ASCII byte) at least two bytes before the first
    // non-ASCII byte are taken, so that what follows them is in the block;
    // the rest goes through the loop below.
    if (i + 64 < n && i >= no_block_before) {
      const internal::AsciiBlockMasks m = internal::ascii_block_masks(data + i);
      const unsigned high = m.high != 0 ? static_cast<unsigned>(__builtin_ctzll(m.high)) : 64;
      // Byte i is never inside a word here (each path below stops at a
      // word's end or start), so bit 0 has no word before it.
      const std::uint64_t next_alnum =
          internal::is_ascii_alnum(static_cast<unsigned char>(data[i + 64])) ? 1 : 0;
      const std::uint64_t word =
          m.alnum | (m.joiner & (m.alnum << 1) & ((m.alnum >> 1) | (next_alnum << 63)));
      std::uint64_t starts =
          word & ~(word << 1) & (high == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << high) - 1);
      std::size_t resume = high >= 1 ? high - 1 : 0;
      while (starts != 0) {
        const unsigned s = static_cast<unsigned>(__builtin_ctzll(starts));
        const std::uint64_t rest = ~(word >> s);  // zero when the word fills the block
        const unsigned e = rest != 0 ? s + static_cast<unsigned>(__builtin_ctzll(rest)) : 64;
        if (e + 2 > high) {
          resume = s;
          break;
        }
        emit_ascii(i + s, i + e);
        starts &= starts - 1;
      }
      if (resume > 0) {
        i += resume;
        continue;
      }
      no_block_before = i + 64;
    }
    // Fast path: skip ASCII separators 16 bytes at a time.
    i = internal::skip_ascii_other(data, i, n);
    if (i >= n) break;
    Decoded d = decode_at(text, i);
    if (d.cls == CharClass::kIdeograph) {
      emit(i, d.next, false);
      i = d.next;
      continue;
    }
    if (d.cls != CharClass::kWord) {
      i = d.next;
      continue;
    }
    const std::size_t start = i;
    bool ascii = d.cp < 0x80;
    i = d.next;
    while (i < n) {
      // Fast path: ASCII letters and digits 16 bytes at a time.
      i = internal::skip_ascii_alnum(data, i, n);
      if (i >= n) break;
      Decoded e = decode_at(text, i);
      if (e.cls == CharClass::kWord) {
        ascii = ascii && e.cp < 0x80;
        i = e.next;
        continue;
      }
      if (e.cls == CharClass::kJoiner && e.next < n) {
        Decoded f = decode_at(text, e.next);
        if (f.cls == CharClass::kWord) {
          ascii = ascii && e.cp < 0x80 && f.cp < 0x80;
          i = f.next;
          continue;
        }
      }
      break;
    }
    emit(start, i, ascii);
  }
  buf.resize(used);
}

std::string normalize(std::string_view text, const TextOptions& options) {
  ECHOTRACE_ASSERT(text.size() < (std::size_t{1} << 31));  // ICU's int32 lengths
  std::string out;
  out.reserve(text.size());
  normalize_into(text, normalizer(options), out);
  return out;
}

}  // namespace echotrace
