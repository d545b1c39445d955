// The built-in word lists of the cleaning stage: English stop words (for
// jusText's stop-word density), site vocabulary (words that talk about the web
// site rather than the news: account, privacy, comments...) and the phrases
// that make up whole chrome lines ("Get short URL", "- Advertisement -").
// All lists are fixed constants; a Vocabulary only indexes them. Immutable
// after construction, so threads may share one.
#pragma once

#include <echotrace/clean.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "internal/hash.h"
#include "internal/string_table.h"

namespace echotrace::internal {

// A lower-case ASCII word of at most 16 bytes packed into two integers
// (little-endian, zero padded), so looking it up costs no string compare.
static_assert(std::endian::native == std::endian::little, "PackedWord::lower loads words little-endian");
struct PackedWord {
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
  std::uint32_t size = 0;  // bytes; > 16 means "too long to pack"

  static constexpr std::uint32_t kCapacity = 16;
  // Appends byte `c` (not 0).
  void push(char c) {
    if (size < kCapacity) {
      const std::uint64_t b = static_cast<unsigned char>(c);
      (size < 8 ? lo : hi) |= b << (8 * (size & 7));
    }
    ++size;
  }
  bool packed() const { return size > 0 && size <= kCapacity; }
  static constexpr PackedWord of(std::string_view w) {
    PackedWord p;
    for (char c : w) {
      if (p.size < kCapacity) {
        const std::uint64_t b = static_cast<unsigned char>(c);
        (p.size < 8 ? p.lo : p.hi) |= b << (8 * (p.size & 7));
      }
      ++p.size;
    }
    return p;
  }
  // The `size` ASCII letters and digits at `p`, lower-cased (OR 0x20 lower-cases
  // letters and leaves digits as they are). Bytes up to `end` may be read.
  static PackedWord lower(const char* p, std::size_t size, const char* end) {
    PackedWord w;
    w.size = static_cast<std::uint32_t>(size);
    if (size == 0 || size > kCapacity) return w;
    if (end - p >= 16) {
      std::memcpy(&w.lo, p, 8);
      std::memcpy(&w.hi, p + 8, 8);
    } else {
      char buf[kCapacity] = {};
      std::memcpy(buf, p, size);
      std::memcpy(&w.lo, buf, 8);
      std::memcpy(&w.hi, buf + 8, 8);
    }
    constexpr std::uint64_t kCase = 0x2020202020202020ULL;
    const std::uint64_t lo_mask = size >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * size)) - 1;
    const std::uint64_t hi_mask = size <= 8    ? 0
                                  : size == 16 ? ~std::uint64_t{0}
                                               : (std::uint64_t{1} << (8 * (size - 8))) - 1;
    w.lo = (w.lo | kCase) & lo_mask;
    w.hi = (w.hi | kCase) & hi_mask;
    return w;
  }
  bool operator==(const PackedWord& o) const { return lo == o.lo && hi == o.hi && size == o.size; }
  // The bytes back as text. REQUIRES: packed().
  void append_to(std::string& out) const {
    for (std::uint32_t i = 0; i < size; ++i)
      out += static_cast<char>(((i < 8 ? lo : hi) >> (8 * (i & 7))) & 0xFF);
  }
};

class Vocabulary {
 public:
  Vocabulary();

  // Facts about one lower-case ASCII word (letters and digits only).
  struct Word {
    bool stop = false;                // an English stop word
    std::optional<CleanReason> site;  // a site word and what it is about
    bool pair_head = false;           // the first word of a site pair ("log", "sign")
  };
  // `h` is hash(w).
  Word word(const PackedWord& w, std::uint64_t h) const {
    if (!w.packed()) return {};
    if (((filter_[(h >> 58)] >> ((h >> 52) & 63)) & 1) == 0) return {};  // most words: not listed
    const std::size_t mask = words_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const WordSlot& s = words_[i];
      if (s.value == 0) return {};
      if (s.lo == w.lo && s.hi == w.hi) {
        Word out;
        out.stop = (s.value & kStopBit) != 0;
        out.pair_head = (s.value & kPairHeadBit) != 0;
        if ((s.value >> 8) != 0) out.site = static_cast<CleanReason>((s.value >> 8) - 1);
        return out;
      }
    }
  }
  // The hash words are looked up (and unit keys chained) by.
  static std::uint64_t hash(const PackedWord& w) { return mix64(w.lo + w.hi * 0x9E3779B97F4A7C15ULL); }
  // A two-word site expression ("log in", "personal data"): `pair` is the
  // two lower-case words joined by one space.
  std::optional<CleanReason> site_pair(std::string_view pair) const { return lookup(pairs_, pair); }
  // A unit that consists of exactly this phrase (lower-case words joined by
  // single spaces) is chrome: "all news", "get short url", "advertisement".
  std::optional<CleanReason> phrase(std::string_view words) const { return lookup(phrases_, words); }
  // A unit starting with these one or two words followed by ':' (or '|', '>',
  // '»') is chrome: "read more: ...", "tags: ...", "photo: ...".
  std::optional<CleanReason> prefix(std::string_view words) const { return lookup(prefixes_, words); }

 private:
  static constexpr std::uint32_t kStopBit = 1;
  static constexpr std::uint32_t kPairHeadBit = 2;
  struct WordSlot {
    std::uint64_t lo = 0;
    std::uint64_t hi = 0;
    std::uint32_t value = 0;  // 0: empty; else flag bits, site reason + 1 in bits 8..15
  };
  void add_word(std::string_view w, std::uint32_t bits);
  static std::optional<CleanReason> lookup(const StringTable& t, std::string_view key) {
    const std::uint32_t v = t.find(key);
    if (v == StringTable::kAbsent) return std::nullopt;
    return static_cast<CleanReason>(v);
  }
  std::vector<WordSlot> words_;             // open addressing, power-of-two size, at most half full
  std::array<std::uint64_t, 64> filter_{};  // one bit per listed word's hash (bits 52..63)
  StringTable pairs_;
  StringTable phrases_;
  StringTable prefixes_;
};

}  // namespace echotrace::internal
