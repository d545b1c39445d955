// Calendar dates as given in Document::date ("YYYY-MM-DD", optionally followed
// by 'T' or ' ' and a time) turned into day numbers, for lags and timelines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace echotrace::internal {

// Days since 1970-01-01 of a date starting "YYYY-MM-DD" (a real calendar
// day); nullopt for anything else.
std::optional<std::int64_t> day_number(std::string_view date);

// "YYYY-MM-DD" of a day number (the inverse of day_number).
std::string iso_date(std::int64_t day);

}  // namespace echotrace::internal
