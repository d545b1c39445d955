#include "clean/units.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "internal/hash.h"

namespace echotrace::internal {
namespace {

// Fixed constants of segmentation and measurement.
constexpr std::uint32_t kWrapWidth = 100;         // hard-wrapped lines are at most this many bytes...
constexpr std::uint32_t kWrapMinLine = 40;        // ...and most at least this long
constexpr std::size_t kMaxPhraseWords = 8;        // longest whole-unit chrome phrase
constexpr std::size_t kMaxOutletTagWords = 5;     // " - Sputnik International": tail length
constexpr std::size_t kMaxTagTailBytes = 80;      // the separator is looked for in the last bytes...
constexpr std::size_t kMaxTaggedBytes = 600;      // ...of units (captions, alt texts) at most this long
constexpr std::uint64_t kKeySeed = 0xc1ea4e7;     // seed of word-chained unit keys
constexpr std::uint64_t kRawKeySeed = 0xc1ea4e8;  // seed of byte-exact unit key hashes

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && is_space(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && is_space(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::uint32_t code_points(std::string_view s) {
  std::uint32_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool ascii_alnum(UChar32 c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool ascii_upper(UChar32 c) { return c >= 'A' && c <= 'Z'; }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

bool word_char(UChar32 c) {
  if (c < 0x80) return c >= 0 && ascii_alnum(c);
  return u_isalnum(c) != 0;
}
bool letter(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_isalpha(c) != 0;
}
bool upper(UChar32 c) { return c < 0x80 ? ascii_upper(c) : u_isupper(c) != 0; }
bool closing_mark(UChar32 c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0x00BB ||
         c == 0x203A;
}
bool terminal_mark(UChar32 c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':' || c == ';';
}

UChar32 decode(std::string_view s, std::size_t& i) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  auto j = static_cast<std::int32_t>(i);
  UChar32 c;
  U8_NEXT(p, j, n, c);
  i = static_cast<std::size_t>(j);
  return c;
}

// The code point ending at byte `end` (exclusive) of `s`, moving `end` back.
UChar32 decode_back(std::string_view s, std::size_t& end) {
  std::size_t b = end - 1;
  while (b > 0 && end - b < 4 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  std::size_t i = b;
  const UChar32 c = decode(s.substr(0, end), i);
  end = i == end ? b : end - 1;  // an ill-formed tail steps back one byte
  return c;
}

bool ends_with_terminal(std::string_view t) {
  std::size_t e = t.size();
  while (e > 0) {
    const UChar32 c = decode_back(t, e);
    if (closing_mark(c)) continue;
    return terminal_mark(c);
  }
  return false;
}

bool top_level_domain(const PackedWord& w) {
  static constexpr PackedWord kDomains[] = {
      PackedWord::of("com"),  PackedWord::of("org"), PackedWord::of("net"),
      PackedWord::of("ru"),   PackedWord::of("uk"),  PackedWord::of("io"),
      PackedWord::of("info"), PackedWord::of("gov"), PackedWord::of("edu")};
  for (const PackedWord& d : kDomains) {
    if (w == d) return true;
  }
  return false;
}

// Character classes of ASCII bytes, for the measuring loop.
constexpr std::uint8_t kAlnumBit = 1, kUpperBit = 2, kLowerBit = 4, kDigitBit = 8;
constexpr std::array<std::uint8_t, 128> make_ascii_classes() {
  std::array<std::uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if (c >= 'A' && c <= 'Z') t[c] = kAlnumBit | kUpperBit;
    if (c >= 'a' && c <= 'z') t[c] = kAlnumBit | kLowerBit;
    if (c >= '0' && c <= '9') t[c] = kAlnumBit | kDigitBit;
  }
  return t;
}
constexpr std::array<std::uint8_t, 128> kAscii = make_ascii_classes();
// The same for every byte value; bytes of multi-byte characters have no class.
constexpr std::array<std::uint8_t, 256> make_byte_classes() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 128; ++c) t[c] = kAscii[c];
  return t;
}
constexpr std::array<std::uint8_t, 256> kByte = make_byte_classes();

// Whether a letter or digit starts at byte `i` of `t`.
bool starts_word(std::string_view t, std::size_t i) {
  const auto b = static_cast<unsigned char>(t[i]);
  if (b < 0x80) return (kAscii[b] & kAlnumBit) != 0;
  return word_char(decode(t, i));
}

// " - Sputnik International" ending a unit (or "- Sputnik International" as the
// whole unit): the tail after the last separator (" - ", " | ", " – ", " — ")
// has at most kMaxOutletTagWords words, one of them `outlet`.
bool has_outlet_tag(std::string_view t, const PackedWord& outlet) {
  if (!outlet.packed() || t.size() < 3 || t.size() > kMaxTaggedBytes) return false;
  const std::size_t lo = t.size() > kMaxTagTailBytes ? t.size() - kMaxTagTailBytes : 0;
  // The last separator: the last byte of '-', '|', U+2013 or U+2014 with a
  // space (or the unit's start) before its character and a space after it.
  std::size_t tail = std::string_view::npos;
  for (const char c : {'-', '|', '\x93', '\x94'}) {
    std::size_t end = t.size() - 1;  // the separator is never the last byte
    while (end > lo) {
      const void* hit = memrchr(t.data() + lo, c, end - lo);
      if (hit == nullptr) break;
      const std::size_t p = static_cast<std::size_t>(static_cast<const char*>(hit) - t.data());
      end = p;
      if (t[p + 1] != ' ' || (tail != std::string_view::npos && p + 2 <= tail)) continue;
      const bool dash = c == '\x93' || c == '\x94';
      if (dash && !(p >= 2 && t[p - 1] == '\x80' && t[p - 2] == '\xE2')) continue;
      const std::size_t start = dash ? p - 2 : p;  // where the separator's character starts
      if (start == 0 || t[start - 1] == ' ') {
        tail = p + 2;
        break;
      }
    }
  }
  if (tail == std::string_view::npos) return false;
  std::size_t words = 0;
  bool named = false;
  std::size_t i = tail;
  while (i < t.size()) {
    while (i < t.size() && !(kByte[static_cast<unsigned char>(t[i])] & kAlnumBit)) ++i;
    const std::size_t b = i;
    while (i < t.size() && (kByte[static_cast<unsigned char>(t[i])] & kAlnumBit)) ++i;
    if (i == b) break;
    ++words;
    named |= PackedWord::lower(t.data() + b, i - b, t.data() + t.size()) == outlet;
  }
  return named && words <= kMaxOutletTagWords;
}

// The key of a unit too long to normalise cheaply: its bytes as they are.
std::uint64_t raw_key(std::string_view t) {
  const std::uint64_t h = xxh3_64(t, kRawKeySeed);
  return h == 0 ? 1 : h;
}

// Counts site hits by kind and reports the most frequent one.
class SiteTally {
 public:
  void add(CleanReason r) {
    ++total_;
    ++counts_[static_cast<std::size_t>(r)];
  }
  std::uint32_t total() const { return total_; }
  CleanReason top() const {
    std::size_t best = static_cast<std::size_t>(CleanReason::kSiteText);
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      if (counts_[i] > counts_[best]) best = i;
    }
    return static_cast<CleanReason>(best);
  }

 private:
  std::array<std::uint32_t, 16> counts_{};
  std::uint32_t total_ = 0;
};

}  // namespace

void segment_units(std::string_view text, std::vector<Unit>& units, std::vector<Line>& lines) {
  lines.clear();
  units.clear();
  std::size_t nonblank = 0, narrow = 0, wide = 0, followed = 0;
  const char* const base = text.data();
  const char* p = base;
  const char* const end = base + text.size();
  bool previous = false;  // the previous line is not blank
  while (true) {
    const void* hit = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    const char* e = hit != nullptr ? static_cast<const char*>(hit) : end;
    const char* b = p;
    const char* te = e;
    while (b < te && is_space(static_cast<unsigned char>(*b))) ++b;
    while (te > b && is_space(static_cast<unsigned char>(te[-1]))) --te;
    const auto length = static_cast<std::size_t>(te - b);
    lines.push_back({static_cast<std::size_t>(p - base), static_cast<std::size_t>(e - base), length});
    if (length > 0) {
      ++nonblank;
      narrow += length <= kWrapWidth;
      wide += length >= kWrapMinLine;
      followed += previous;  // lines preceded by a non-blank line: as many as are followed by one
    }
    previous = length > 0;
    if (e == end) break;
    p = e + 1;
  }
  const bool wrapped =
      nonblank >= 3 && narrow * 10 >= nonblank * 9 && wide * 2 >= nonblank && followed * 2 >= nonblank;

  // One unit per line, or per paragraph of a wrapped text.
  units.reserve(nonblank);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].length == 0) continue;
    const bool blank_before = i == 0 || lines[i - 1].length == 0;
    if (wrapped) {
      std::size_t j = i;
      while (j + 1 < lines.size() && lines[j + 1].length > 0) ++j;
      units.push_back({lines[i].begin, lines[j].end, true});
      i = j;
    } else {
      const bool blank_after = i + 1 == lines.size() || lines[i + 1].length == 0;
      units.push_back({lines[i].begin, lines[i].end, blank_before && blank_after});
    }
  }
}

std::vector<Unit> segment_units(std::string_view text) {
  std::vector<Unit> units;
  std::vector<Line> lines;
  segment_units(text, units, lines);
  return units;
}

UnitMeter::UnitMeter(const Vocabulary& vocabulary, std::uint32_t full_below)
    : vocabulary_(vocabulary), full_below_(full_below) {}

UnitFeatures UnitMeter::measure(std::string_view unit, const PackedWord& outlet, bool full) {
  UnitFeatures f;
  const std::string_view t = trim(unit);
  if (t.empty()) return f;
  f.chars = code_points(t);
  f.terminal = ends_with_terminal(t);
  if (t.find("\u00A9") != std::string_view::npos) f.pattern = CleanReason::kCredit;
  f.outlet_tag = has_outlet_tag(t, outlet);
  f.complete = full || f.chars < full_below_;

  // Word features come from the first kMeasureBytes (cut at a space): enough
  // words for stable densities, and a bounded cost for very long units. A
  // quick measurement reads the first two words only.
  const bool sampled = t.size() > kMeasureBytes;
  std::string_view s = t;
  if (sampled) {
    std::size_t cut = t.find(' ', kMeasureBytes);
    if (cut == std::string_view::npos || cut > kMeasureBytes + 64) {
      cut = kMeasureBytes;
      while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
    }
    s = t.substr(0, cut);
  }
  const std::uint32_t max_words = f.complete ? ~std::uint32_t{0} : 2;
  SiteTally site;
  std::uint64_t key = kKeySeed;           // chained over the words' segments
  phrase_.clear();                        // the first words, lower case, joined by spaces
  PackedWord pair_head;                   // the previous word when it may start a site pair
  std::array<std::size_t, 2> word_end{};  // byte offsets where the first two words end
  static constexpr PackedWord kHttp = PackedWord::of("http"), kHttps = PackedWord::of("https"),
                              kWww = PackedWord::of("www");
  const std::size_t n = s.size();
  const char* const data = s.data();
  std::size_t i = 0;
  while (i < n && f.words < max_words) {
    // Between words: skip to the next letter or digit.
    auto b = static_cast<unsigned char>(data[i]);
    UChar32 first = b;
    if (b < 0x80) {
      if ((kAscii[b] & kAlnumBit) == 0) {
        ++i;
        continue;
      }
    } else {
      std::size_t k = i;
      first = decode(s, k);
      if (!word_char(first)) {
        i = k;
        continue;
      }
    }
    // One word: runs of letters and digits, joined by an apostrophe before a
    // letter ("Syria's" is looked up as "syria"), ended by anything else or a
    // lower-to-upper case change ("standardsDiscussion").
    f.letter_words += letter(first);
    f.capitalised += upper(first);
    // The word is keyed by its apostrophe-separated segments: lower-case
    // packed ASCII, or the bytes as they are for anything else.
    std::size_t segment = i;
    bool segment_ascii = true;
    bool first_segment = true;
    PackedWord word;  // the first segment, looked up in the vocabulary
    std::uint64_t word_hash = 0;
    auto close_segment = [&](std::size_t end) {
      PackedWord packed;
      std::uint64_t h;
      if (segment_ascii && end - segment <= PackedWord::kCapacity) {
        packed = PackedWord::lower(data + segment, end - segment, data + n);
        h = Vocabulary::hash(packed);
      } else {
        h = xxh3_64(s.substr(segment, end - segment), kKeySeed);
      }
      key = (key ^ h) * 0x9E3779B97F4A7C15ULL;  // `h` is mixed already; finished with mix64 below
      if (first_segment) {
        word = packed;
        word_hash = h;
        first_segment = false;
      }
    };
    while (i < n) {
      // An ASCII run: the common case, one table look-up per byte.
      const std::size_t run = i;
      std::uint8_t seen = 0;  // classes after the run's first byte: an upper-case letter there is rare
      std::uint8_t cls;
      if (kByte[static_cast<unsigned char>(data[i])] & kAlnumBit) ++i;
      while (i < n && ((cls = kByte[static_cast<unsigned char>(data[i])]) & kAlnumBit)) {
        seen |= cls;
        ++i;
      }
      if (seen & kUpperBit) {
        // A case change inside the run ends the word there.
        std::size_t j = run + 1;
        while (j < i && !((kByte[static_cast<unsigned char>(data[j - 1])] & kLowerBit) &&
                          (kByte[static_cast<unsigned char>(data[j])] & kUpperBit))) {
          ++j;
        }
        if (j < i) {
          i = j;
          break;
        }
      }
      if (i == n) break;
      const auto b2 = static_cast<unsigned char>(data[i]);
      if (b2 < 0x80) {
        if (b2 == '\'' && i + 1 < n && starts_word(s, i + 1)) {
          close_segment(i);
          segment = ++i;
          segment_ascii = true;
          continue;
        }
        break;
      }
      std::size_t k = i;
      const UChar32 c = decode(s, k);
      if (word_char(c)) {
        segment_ascii = false;
        i = k;
        continue;
      }
      if ((c == 0x2019 || c == 0x02BC) && k < n && starts_word(s, k)) {
        close_segment(i);
        segment = i = k;
        segment_ascii = true;
        continue;
      }
      break;
    }
    close_segment(i);
    // E-mail addresses, URLs and domain names next to the word.
    if (i + 1 < n) {
      const char next = data[i];
      if (next == '@' && starts_word(s, i + 1)) {
        ++f.address_hits;
      } else if (next == ':' && (word == kHttp || word == kHttps) && s.substr(i + 1, 2) == "//") {
        ++f.address_hits;
      } else if (next == '.' && static_cast<unsigned char>(data[i + 1]) < 0x80 &&
                 (kAscii[static_cast<unsigned char>(data[i + 1])] & kAlnumBit)) {
        std::size_t k = i + 1;
        while (k < n && static_cast<unsigned char>(data[k]) < 0x80 &&
               (kAscii[static_cast<unsigned char>(data[k])] & kAlnumBit)) {
          ++k;
        }
        if (word == kWww || top_level_domain(PackedWord::lower(data + i + 1, k - i - 1, data + n))) {
          ++f.address_hits;  // "www.", "sputniknews.com"
        }
      }
    }
    // Count it.
    ++f.words;
    if (f.words <= 2) word_end[f.words - 1] = i;
    const bool usable = word.packed();
    PackedWord next_head;
    if (usable) {
      const Vocabulary::Word info = vocabulary_.word(word, word_hash);
      f.stopwords += info.stop;
      if (info.site) site.add(*info.site);
      if (pair_head.size > 0) {
        pair_.clear();
        pair_head.append_to(pair_);
        pair_ += ' ';
        word.append_to(pair_);
        if (auto r = vocabulary_.site_pair(pair_)) site.add(*r);
      }
      if (info.pair_head) next_head = word;
    }
    pair_head = next_head;
    if (f.words <= kMaxPhraseWords) {
      if (!phrase_.empty()) phrase_ += ' ';
      if (usable)
        word.append_to(phrase_);
      else
        phrase_ += '\x01';  // never matches a listed phrase
    }
  }
  f.site_hits = site.total() + f.address_hits;
  f.site_reason = site.top();
  // Short units are keyed by their words (case, spacing and punctuation do not
  // matter); longer ones, by their exact bytes.
  if (f.chars >= full_below_) {
    f.key = raw_key(t);
  } else if (f.words > 0) {
    key = mix64(key);
    f.key = key == 0 ? 1 : key;
  }
  if (!f.pattern && f.chars < full_below_ && f.words > 0 && f.words <= kMaxPhraseWords) {
    f.pattern = vocabulary_.phrase(phrase_);
  }
  if (!f.pattern && f.words >= 2) {
    // "READ MORE: ...", "Photo: ...": one or two opening words, then a delimiter.
    const std::size_t cut1 = phrase_.find(' ');
    const std::size_t cut2 = phrase_.find(' ', cut1 + 1);
    for (int words : {2, 1}) {
      std::size_t k = word_end[static_cast<std::size_t>(words - 1)];
      while (k < n && is_space(static_cast<unsigned char>(t[k]))) ++k;
      const std::string_view after = t.substr(k);
      if (!(after.starts_with(':') || after.starts_with('|') || after.starts_with('>') ||
            after.starts_with("\u00BB"))) {
        continue;
      }
      const std::string_view head = std::string_view(phrase_).substr(0, words == 2 ? cut2 : cut1);
      if (const std::optional<CleanReason> r = vocabulary_.prefix(head)) {
        f.pattern = r;
        break;
      }
    }
  }
  return f;
}

std::string normalized_key(std::string_view text) {
  std::string key;
  append_normalized(text, key);
  return key;
}

void append_normalized(std::string_view text, std::string& key) {
  const std::size_t base = key.size();
  key.resize(base + text.size());  // the key is never longer than the text
  char* out = key.data() + base;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {  // branch-free: write always, advance only for letters and digits
      const std::uint8_t cls = kAscii[b];
      *out = static_cast<char>(b | ((cls & kUpperBit) ? 0x20 : 0));
      out += cls & kAlnumBit;
      ++i;
      continue;
    }
    const std::size_t at = i;
    if (word_char(decode(text, i))) {
      for (std::size_t k = at; k < i; ++k) *out++ = text[k];
    }
  }
  key.resize(static_cast<std::size_t>(out - key.data()));
}

bool normalized_prefix_match(std::string_view text, std::string_view key, std::size_t min_common) {
  std::size_t j = 0;  // bytes of `key` matched
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t at = i;
    if (b < 0x80) {
      ++i;
      if ((kAscii[b] & kAlnumBit) == 0) continue;
      if (j == key.size()) return true;
      if (key[j++] != static_cast<char>(b | ((kAscii[b] & kUpperBit) ? 0x20 : 0))) return false;
      continue;
    }
    if (!word_char(decode(text, i))) continue;
    for (; at < i; ++at) {
      if (j == key.size()) return true;
      if (key[j++] != text[at]) return false;
    }
  }
  return j == key.size() || j >= min_common;
}

std::string outlet_word(std::string_view outlet) {
  std::size_t i = 0;
  while (i < outlet.size()) {
    while (i < outlet.size() && !ascii_alnum(static_cast<unsigned char>(outlet[i]))) ++i;
    std::size_t j = i;
    while (j < outlet.size() && ascii_alnum(static_cast<unsigned char>(outlet[j]))) ++j;
    bool letters = j - i >= 3;
    for (std::size_t k = i; k < j && letters; ++k) letters = !(outlet[k] >= '0' && outlet[k] <= '9');
    if (letters) {
      std::string w(outlet.substr(i, j - i));
      for (char& c : w) c = to_lower(c);
      return w;
    }
    i = j;
  }
  return {};
}

}  // namespace echotrace::internal
