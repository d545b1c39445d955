// Text made fit for one line of output: white space folded, long strings cut
// at a code point. Used by the talking points' context snippets and the
// report writers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace echotrace::internal {

// `s` with every run of ASCII white space (space, tab, line breaks, form
// feed, vertical tab) turned into one space, none at the start or end.
std::string collapse_space(std::string_view s);

// At most `max_points` code points of `s` (UTF-8), "…" marking a cut.
std::string truncate_points(std::string_view s, std::size_t max_points);

}  // namespace echotrace::internal
