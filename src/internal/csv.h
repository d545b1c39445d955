// RFC 4180 CSV: comma-separated fields, double-quoted fields may hold commas,
// quotes ("") and line breaks. Used for manifest.csv; knows nothing of news.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <echotrace/status.h>

namespace echotrace::internal {

struct CsvRecord {
  std::size_t line = 0;  // 1-based line on which the record starts
  std::vector<std::string> fields;
};

// Parses all records of `text`; blank lines are skipped. ParseError names
// `source_name` and the line of an unterminated quote or stray quote.
Result<std::vector<CsvRecord>> parse_csv(std::string_view text, std::string_view source_name);

// `field` quoted for output when it holds `separator`, a quote or a line break
// ("a,b" -> "\"a,b\""; inner quotes doubled). With separator '\t' this is the
// quoting of tab-separated files that Python's csv module and pandas read back.
std::string csv_escape(std::string_view field, char separator = ',');

}  // namespace echotrace::internal
