// Byte scans that find ASCII word boundaries 16 bytes at a time (SSE2, part of
// every x86-64 CPU), with scalar twins that define the behaviour and serve
// other CPUs; tests assert the two agree. Knows nothing about news.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace echotrace::internal {

inline bool is_ascii_alnum(unsigned char c) {
  return static_cast<unsigned char>(c - '0') < 10 || static_cast<unsigned char>((c | 0x20) - 'a') < 26;
}

// First index in [i, n) whose byte is not an ASCII letter or digit, else n.
inline std::size_t skip_ascii_alnum_scalar(const char* p, std::size_t i, std::size_t n) {
  while (i < n && is_ascii_alnum(static_cast<unsigned char>(p[i]))) ++i;
  return i;
}

// First index in [i, n) whose byte is an ASCII letter or digit or a non-ASCII
// byte (>= 0x80), else n.
inline std::size_t skip_ascii_other_scalar(const char* p, std::size_t i, std::size_t n) {
  while (i < n) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c >= 0x80 || is_ascii_alnum(c)) break;
    ++i;
  }
  return i;
}

// Whether byte `a` is immediately followed by byte `b` somewhere in [p, p + n).
inline bool contains_byte_pair_scalar(const char* p, std::size_t n, char a, char b) {
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (p[i] == a && p[i + 1] == b) return true;
  }
  return false;
}

// Rounds `n` up to whole 16-byte blocks: how far copy_fold_ascii() may read
// and write.
inline std::size_t fold_block_bytes(std::size_t n) { return (n + 15) & ~std::size_t{15}; }

// Copies bytes [0, n) of `from` to `to`, mapping 'A'..'Z' to 'a'..'z' and
// leaving every other byte as it is.
inline void copy_fold_ascii_scalar(const char* from, char* to, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) {
    const char c = from[j];
    to[j] = static_cast<char>(c | (static_cast<unsigned char>(c - 'A') < 26 ? 0x20 : 0));  // no branch
  }
}

// Classes of 64 bytes at once, one bit per byte (bit k for p[k]).
struct AsciiBlockMasks {
  std::uint64_t alnum = 0;   // ASCII letters and digits
  std::uint64_t high = 0;    // bytes >= 0x80 (parts of non-ASCII characters)
  std::uint64_t joiner = 0;  // '\'' and '-'
};

// REQUIRES: 64 bytes readable at `p`.
inline AsciiBlockMasks ascii_block_masks_scalar(const char* p) {
  AsciiBlockMasks m;
  for (int k = 0; k < 64; ++k) {
    const auto c = static_cast<unsigned char>(p[k]);
    const std::uint64_t bit = std::uint64_t{1} << k;
    if (is_ascii_alnum(c)) m.alnum |= bit;
    if (c >= 0x80) m.high |= bit;
    if (c == '\'' || c == '-') m.joiner |= bit;
  }
  return m;
}

#if defined(__SSE2__)
// Same as copy_fold_ascii_scalar() 16 bytes at a time. Bytes [n,
// fold_block_bytes(n)) of `to` receive garbage.
// REQUIRES: fold_block_bytes(n) bytes readable at `from` and writable at `to`.
inline void copy_fold_ascii(const char* from, char* to, std::size_t n) {
  const __m128i below_a = _mm_set1_epi8('A' - 1), above_z = _mm_set1_epi8('Z' + 1), bit = _mm_set1_epi8(0x20);
  for (std::size_t j = 0; j < n; j += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + j));
    // Signed compares: bytes >= 0x80 are negative, so never upper case.
    const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, below_a), _mm_cmplt_epi8(v, above_z));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to + j), _mm_or_si128(v, _mm_and_si128(upper, bit)));
  }
}

// Bit k set when byte k of `v` is an ASCII letter or digit.
inline std::uint32_t alnum_mask(__m128i v) {
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
  const __m128i alpha =
      _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
  return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(digit, alpha)));
}

// Same as ascii_block_masks_scalar(), 16 bytes at a time.
inline AsciiBlockMasks ascii_block_masks(const char* p) {
  AsciiBlockMasks m;
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const auto joiner =
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
    m.alnum |= std::uint64_t{alnum_mask(v)} << (16 * k);
    m.high |= std::uint64_t{static_cast<std::uint32_t>(_mm_movemask_epi8(v))} << (16 * k);
    m.joiner |= std::uint64_t{static_cast<std::uint32_t>(_mm_movemask_epi8(joiner))} << (16 * k);
  }
  return m;
}

// Same as contains_byte_pair_scalar(), 16 byte positions at a time.
inline bool contains_byte_pair(const char* p, std::size_t n, char a, char b) {
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
  auto pairs_at = [&](std::size_t at) {
    const __m128i first = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)), va);
    const __m128i second = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at + 1)), vb);
    return _mm_and_si128(first, second);
  };
  std::size_t i = 0;
  // 64 positions per test while they last (the pair is rare), then 16.
  for (; i + 65 <= n; i += 64) {
    const __m128i any = _mm_or_si128(_mm_or_si128(pairs_at(i), pairs_at(i + 16)),
                                     _mm_or_si128(pairs_at(i + 32), pairs_at(i + 48)));
    if (_mm_movemask_epi8(any) != 0) return true;
  }
  for (; i + 17 <= n; i += 16) {
    if (_mm_movemask_epi8(pairs_at(i)) != 0) return true;
  }
  return contains_byte_pair_scalar(p + i, n - i, a, b);
}

inline std::size_t skip_ascii_alnum(const char* p, std::size_t i, std::size_t n) {
  while (i + 16 <= n) {
    const std::uint32_t stop = ~alnum_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i))) & 0xffffu;
    if (stop != 0) return i + static_cast<std::size_t>(__builtin_ctz(stop));
    i += 16;
  }
  return skip_ascii_alnum_scalar(p, i, n);
}

inline std::size_t skip_ascii_other(const char* p, std::size_t i, std::size_t n) {
  while (i + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const std::uint32_t stop = alnum_mask(v) | static_cast<std::uint32_t>(_mm_movemask_epi8(v));
    if (stop != 0) return i + static_cast<std::size_t>(__builtin_ctz(stop));
    i += 16;
  }
  return skip_ascii_other_scalar(p, i, n);
}
#else
inline bool contains_byte_pair(const char* p, std::size_t n, char a, char b) {
  return contains_byte_pair_scalar(p, n, a, b);
}
inline AsciiBlockMasks ascii_block_masks(const char* p) { return ascii_block_masks_scalar(p); }
inline void copy_fold_ascii(const char* from, char* to, std::size_t n) { copy_fold_ascii_scalar(from, to, n); }
inline std::size_t skip_ascii_alnum(const char* p, std::size_t i, std::size_t n) {
  return skip_ascii_alnum_scalar(p, i, n);
}
inline std::size_t skip_ascii_other(const char* p, std::size_t i, std::size_t n) {
  return skip_ascii_other_scalar(p, i, n);
}
#endif

}  // namespace echotrace::internal
