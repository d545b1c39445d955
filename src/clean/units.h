// The units the cleaner classifies and the plain-text features it measures on
// each: one line, or for hard-wrapped text one blank-line-separated paragraph.
// Pure functions over a text; the Vocabulary supplies the word lists.
#pragma once

#include <echotrace/clean.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clean/vocabulary.h"

namespace echotrace::internal {

// Units longer than this (bytes, trimmed) have their word features measured
// on their first kMeasureBytes only, and are keyed by their exact bytes.
inline constexpr std::size_t kMeasureBytes = 1024;

struct Unit {
  // Bytes [begin, end) of the text: from the start of the unit's first line to
  // the end of its last line, '\n' excluded, surrounding spaces included.
  std::size_t begin = 0;
  std::size_t end = 0;
  // A blank line (or the text's edge) before and after it.
  bool standalone = false;
};

// Splits `text` into units in text order. Lines holding only white space are
// no unit. Hard-wrapped text (at least three non-blank lines, nine in ten at
// most 100 bytes, most of them at least 40, and most followed by
// another non-blank line) gives one unit per paragraph; anything else one per
// line.
std::vector<Unit> segment_units(std::string_view text);

// One line of a text, for segment_units.
struct Line {
  std::size_t begin = 0, end = 0;  // bytes, '\n' excluded
  std::size_t length = 0;          // bytes without surrounding white space; 0 for a blank line
};
// The same into `units`, with `lines` as scratch space (both are cleared):
// no allocation once they have grown.
void segment_units(std::string_view text, std::vector<Unit>& units, std::vector<Line>& lines);

// Plain-text features of one unit's text (white space trimmed).
struct UnitFeatures {
  std::uint32_t chars = 0;  // code points (white space inside counts once per byte)
  std::uint32_t words = 0;  // runs of letters and digits (split at hyphens and lower-to-upper case changes)
  std::uint32_t stopwords = 0;     // English stop words among them
  std::uint32_t letter_words = 0;  // words starting with a letter
  std::uint32_t capitalised = 0;   // words starting with an upper-case letter
  std::uint32_t site_hits = 0;     // site words, site word pairs, e-mail addresses, URLs, domain names
  std::uint32_t address_hits = 0;  // of which e-mail addresses, URLs and domain names
  CleanReason site_reason =
      CleanReason::kSiteText;          // the most frequent kind of site word (kSiteText if none)
  bool terminal = false;               // ends with . ! ? … : ; (closing quotes and brackets skipped)
  std::optional<CleanReason> pattern;  // a known chrome pattern: credit, chrome phrase or prefix
  bool outlet_tag = false;             // ends in " - <outlet>" (or " | ", " – ", " — ")
  bool complete = false;               // every field measured (see UnitMeter::measure)
  // What RepetitionIndex counts the unit under, never 0 but for a short unit
  // without letters or digits. Short units (under the meter's full_below code
  // points): a hash chained over their words, lower-cased, split at
  // apostrophes, so case, spacing and punctuation do not matter ("All news" =
  // "ALL NEWS!"). Longer ones: a hash of their trimmed bytes (long chrome
  // repeats byte for byte).
  std::uint64_t key = 0;
};

// Measures units. Keeps scratch buffers between calls, so use one meter per
// thread.
class UnitMeter {
 public:
  // `vocabulary` must outlive the meter. Units shorter than `full_below` code
  // points are always measured in full (CleanOptions::short_length).
  UnitMeter(const Vocabulary& vocabulary, std::uint32_t full_below);
  // The features of `unit` (its text, not trimmed). `outlet`: the lower-case
  // first word of the document's outlet (outlet_word()), or empty.
  // Unless `full`, a unit of `full_below` code points or more is measured
  // quickly: chars, terminal, pattern, outlet_tag and key only (complete is
  // false); the other fields are then meaningless. A full measurement of the
  // same unit gives the same values for those fields.
  UnitFeatures measure(std::string_view unit, const PackedWord& outlet, bool full);

 private:
  const Vocabulary& vocabulary_;
  std::uint32_t full_below_;
  std::string phrase_;
  std::string pair_;
};

// The normalised form titles are compared by when truncated: lower-case ASCII
// letters and digits and every other letter or digit as is, all else dropped
// ("Syria’s Idlib - senior diplomat" -> "syriasidlibseniordiplomat").
std::string normalized_key(std::string_view text);
// Appends normalized_key(text) to `key`.
void append_normalized(std::string_view text, std::string& key);
// Whether normalized_key(text) starts with `key`, or is a prefix of `key` at
// least `min_common` bytes long; normalises only as far as needed.
bool normalized_prefix_match(std::string_view text, std::string_view key, std::size_t min_common);

// The lower-case first run of at least three ASCII letters of `outlet`, or "".
std::string outlet_word(std::string_view outlet);

}  // namespace echotrace::internal
