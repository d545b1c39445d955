// The per-unit verdicts of the cleaner and jusText's context revision over
// them: short and borderline units take their neighbours' class, short
// stand-alone lines followed by prose are sub-headings, prose full of site
// vocabulary stays only between good prose. Linear in the number of units.
#pragma once

#include <echotrace/clean.h>

#include <cstdint>
#include <vector>

#include "clean/units.h"

namespace echotrace::internal {

// jusText's classes: chrome, short (its neighbours decide), near-good (kept
// unless chrome surrounds it) and good prose.
enum class Cls : std::uint8_t { kBad, kShort, kNearGood, kGood };

// What the classifier knows about one unit.
struct Verdict {
  Cls cls = Cls::kBad;
  Cls initial = Cls::kBad;
  bool fixed = false;       // the class no longer changes
  bool strong = false;      // removed on strong evidence (kept even if the document would be empty)
  bool suspect = false;     // prose full of site words: kept only between good prose
  bool prose = false;       // initially good or near-good, not suspect
  bool sentence = false;    // prose, or a short unit that reads as a sentence
  bool heading_ok = false;  // may be a sub-heading: stand-alone and short
  bool repeated = false;    // in enough documents of this outlet and in no other outlet
  bool title = false;
  bool keep_rule = false;
  CleanReason reason = CleanReason::kContext;
  std::uint32_t rule_line = 0;
};

// Marks `v` as chrome for `reason`, for good.
inline void remove(Verdict& v, CleanReason reason, bool strong) {
  v.cls = Cls::kBad;
  v.fixed = true;
  v.strong = strong;
  v.reason = reason;
}

// Sets every verdict's final class from the initial ones: the leading run
// before unit `title` (units.size() when there is none), sub-headings,
// suspect prose, short and near-good units (jusText's revision).
// REQUIRES: v, f and units have the same size.
void revise_by_context(std::vector<Verdict>& v, const std::vector<UnitFeatures>& f,
                       const std::vector<Unit>& units, std::size_t title, const CleanOptions& options);

}  // namespace echotrace::internal
