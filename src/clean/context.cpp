#include "clean/context.h"

namespace echotrace::internal {
namespace {

// jusText's neighbours, for every unit at once (linear time): the class of
// the nearest unit before (`before`) and after (`after`) it for which
// `counts(verdict)` holds; the document's edges count as kBad.
template <class Counts>
void neighbours(const std::vector<Verdict>& v, Counts counts, std::vector<Cls>& before,
                std::vector<Cls>& after) {
  const std::size_t n = v.size();
  before.assign(n, Cls::kBad);
  after.assign(n, Cls::kBad);
  Cls last = Cls::kBad;
  for (std::size_t i = 0; i < n; ++i) {
    before[i] = last;
    if (counts(v[i])) last = v[i].cls;
  }
  last = Cls::kBad;
  for (std::size_t i = n; i-- > 0;) {
    after[i] = last;
    if (counts(v[i])) last = v[i].cls;
  }
}
bool good_or_bad(const Verdict& u) { return u.cls == Cls::kGood || u.cls == Cls::kBad; }
bool not_short(const Verdict& u) { return u.cls != Cls::kShort; }

// Whether good prose starts within `max_distance` code points after unit `i`.
bool good_follows(const std::vector<Verdict>& v, const std::vector<UnitFeatures>& f, std::size_t i,
                  std::uint32_t max_distance) {
  std::size_t distance = 0;
  for (std::size_t j = i + 1; j < v.size() && distance <= max_distance; ++j) {
    if (v[j].cls == Cls::kGood) return true;
    distance += f[j].chars;
  }
  return false;
}

}  // namespace

void revise_by_context(std::vector<Verdict>& v, const std::vector<UnitFeatures>& f,
                       const std::vector<Unit>& units, std::size_t title, const CleanOptions& o) {
  const std::size_t n = v.size();

  // Leading run: everything before the title line, unless long prose precedes it.
  if (title < n) {
    bool prose_before = false;
    for (std::size_t i = 0; i < title; ++i) prose_before |= v[i].initial == Cls::kGood && !v[i].suspect;
    for (std::size_t i = 0; i < title && !prose_before; ++i) {
      if (!v[i].fixed) remove(v[i], CleanReason::kLeading, true);
    }
  }
  // Sub-headings (jusText): a short stand-alone line followed by good prose.
  for (std::size_t i = 0; i < n; ++i) {
    v[i].heading_ok = units[i].standalone && v[i].initial == Cls::kShort && !v[i].fixed;
    if (v[i].heading_ok && good_follows(v, f, i, o.max_heading_distance)) v[i].cls = Cls::kNearGood;
  }
  // Suspect prose stays only between good prose on both sides.
  std::vector<Cls> next(n, Cls::kBad), before, after, before_any, after_any;
  neighbours(
      v, [](const Verdict& u) { return good_or_bad(u) && !(u.suspect && !u.fixed); }, before, after);
  for (std::size_t i = 0; i < n; ++i) {
    if (!v[i].suspect || v[i].fixed) continue;
    v[i].cls = before[i] == Cls::kGood && after[i] == Cls::kGood ? Cls::kGood : Cls::kBad;
    if (v[i].cls == Cls::kBad) v[i].reason = f[i].site_reason;
    v[i].fixed = true;
  }
  // Short units take their neighbours' class.
  neighbours(v, good_or_bad, before, after);
  neighbours(v, not_short, before_any, after_any);
  for (std::size_t i = 0; i < n; ++i) {
    next[i] = v[i].cls;
    if (v[i].cls != Cls::kShort) continue;
    if (before[i] == Cls::kGood && after[i] == Cls::kGood) {
      next[i] = Cls::kGood;
    } else if (before[i] == Cls::kBad && after[i] == Cls::kBad) {
      next[i] = Cls::kBad;
    } else if ((before[i] == Cls::kBad && before_any[i] == Cls::kNearGood) ||
               (after[i] == Cls::kBad && after_any[i] == Cls::kNearGood)) {
      next[i] = Cls::kGood;
    } else {
      next[i] = Cls::kBad;
    }
  }
  for (std::size_t i = 0; i < n; ++i) v[i].cls = next[i];
  // Near-good units stay unless chrome surrounds them.
  neighbours(v, good_or_bad, before, after);
  for (std::size_t i = 0; i < n; ++i) {
    if (v[i].cls != Cls::kNearGood) continue;
    v[i].cls = before[i] == Cls::kBad && after[i] == Cls::kBad ? Cls::kBad : Cls::kGood;
  }
  // A sub-heading lost to its neighbours comes back when good prose follows it.
  for (std::size_t i = 0; i < n; ++i) {
    if (v[i].heading_ok && v[i].cls == Cls::kBad && good_follows(v, f, i, o.max_heading_distance)) {
      v[i].cls = Cls::kGood;
    }
  }
}

}  // namespace echotrace::internal
