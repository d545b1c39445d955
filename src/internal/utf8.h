// UTF-8 repair for loaded text: drops a leading byte-order mark and replaces
// each ill-formed sequence by U+FFFD.
#pragma once

#include <cstddef>
#include <string>

namespace echotrace::internal {

// Repairs `text` in place; returns how many ill-formed sequences were replaced.
// REQUIRES: text.size() < 2 GiB.
std::size_t repair_utf8(std::string& text);

}  // namespace echotrace::internal
