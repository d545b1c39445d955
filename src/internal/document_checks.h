// Checks every reader applies to a loaded document before keeping it: binary
// content, size, and the record of UTF-8 repairs. Knows nothing of file
// formats.
#pragma once

#include <echotrace/io.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace echotrace::internal {

// Why `text` is not article text ("binary data (NUL byte at offset 12)", "UTF-16
// text ..."), or an empty string when it is. Looks at raw bytes, before repair.
std::string binary_problem(std::string_view text);

// Records that `replaced` ill-formed sequences of `doc` became U+FFFD: a
// Diagnostic at doc.origin and the count in `counts` (nothing when 0).
void note_utf8_repairs(const Document& doc, std::size_t replaced, std::vector<Diagnostic>& diagnostics,
                       ReadCounts& counts);

// The message for a document larger than `limit` bytes.
std::string too_large_message(std::string_view what, std::size_t bytes, std::size_t limit);

}  // namespace echotrace::internal
