#include "internal/csv.h"

namespace echotrace::internal {

Result<std::vector<CsvRecord>> parse_csv(std::string_view text, std::string_view source_name) {
  std::vector<CsvRecord> records;
  std::size_t line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto error = [&](std::size_t at_line, const std::string& what) {
    return parse_error(std::string(source_name) + ":" + std::to_string(at_line) + ": " + what);
  };
  while (i < n) {
    CsvRecord rec;
    rec.line = line;
    std::string field;
    bool any = false;  // the record has content (not a blank line)
    while (true) {
      if (i < n && text[i] == '"') {
        any = true;
        const std::size_t quote_line = line;
        ++i;
        while (true) {
          if (i >= n) return error(quote_line, "unterminated quoted field");
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= n || text[i + 1] != '\n'))) ++line;
          field.push_back(text[i++]);
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return error(line, "unexpected character after closing quote");
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') return error(line, "quote inside an unquoted field");
          field.push_back(text[i++]);
          any = true;
        }
      }
      rec.fields.push_back(std::move(field));
      field.clear();
      if (i < n && text[i] == ',') {
        any = true;
        ++i;
        continue;
      }
      break;
    }
    // A record ends at "\n", "\r\n" or a lone "\r".
    if (i < n && text[i] == '\r') {
      ++i;
      if (i < n && text[i] == '\n') ++i;
      ++line;
    } else if (i < n && text[i] == '\n') {
      ++i;
      ++line;
    }
    if (any) records.push_back(std::move(rec));
  }
  return records;
}

std::string csv_escape(std::string_view field, char separator) {
  const char special[] = {separator, '"', '\n', '\r'};
  if (field.find_first_of(std::string_view(special, sizeof special)) == std::string_view::npos) {
    return std::string(field);
  }
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace echotrace::internal
