#include "internal/utf8.h"

#include <simdjson.h>
#include <unicode/utf8.h>

#include "internal/assert.h"

namespace echotrace::internal {

std::size_t repair_utf8(std::string& text) {
  ECHOTRACE_ASSERT(text.size() < (std::size_t{1} << 31));  // U8_NEXT takes int32 offsets
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (simdjson::validate_utf8(text.data(), text.size())) return 0;
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t replaced = 0;
  const std::int32_t n = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
      ++replaced;
    } else {
      out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    }
  }
  text.swap(out);
  return replaced;
}

}  // namespace echotrace::internal
