// Pieces shared by the report writers (report.cpp, report_svg.cpp,
// report_html.cpp): escaping, number formatting, colours, and the
// talking-point timeline.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <echotrace/report.h>

#include "internal/display_text.h"

namespace echotrace::internal {

// `s` with & < > " ' escaped for XML/HTML text and attribute values.
std::string xml_escape(std::string_view s);

// `v` with `decimals` decimals ("%.Nf"); "n/a" for NaN.
std::string fixed(double v, int decimals);

// "#rrggbb" of a score in [0, 1] on the viridis scale; grey for NaN.
std::string score_colour(double v);

// A categorical colour for the outlet at `index` in a sorted outlet list.
std::string outlet_colour(std::size_t index);

// "dense", "lsh", "cosine" or "lsh+cosine": how a pair was found (PairSource bits).
const char* pair_source_name(std::uint8_t source);

// The outlet key a document is shown under in the report: its outlet, or
// "(unattributed)" for every document without one.
std::string report_outlet(const Document& doc);

// The report's outlets, sorted, and each document's index into them.
struct OutletIndex {
  std::vector<std::string> names;
  std::vector<std::uint32_t> of_doc;
};
OutletIndex index_outlets(const Corpus& corpus);

// The heatmap's title for `measure` (0 MinHash, 1 Jaccard, 2 cosine), as
// heatmap_svg() draws it, unescaped; `outlets` is the size of the corpus's
// OutletIndex (used above the document limit).
std::string heatmap_title(const ReportInput& input, int measure, std::size_t outlets);

// Timeline of the first `options.timeline_points` talking points that have a
// dated first appearance: one row each, days on the x axis, a dot per outlet
// at its first use (the first outlet drawn larger), coloured as in
// `outlets`. Empty string when no talking point has a date.
std::string timeline_svg(const ReportInput& input, const OutletIndex& outlets);

}  // namespace echotrace::internal
