#include "internal/document_checks.h"


namespace echotrace::internal {

std::string binary_problem(std::string_view text) {
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    return "UTF-16 text (byte-order mark " + std::string(text[0] == '\xFF' ? "FF FE" : "FE FF") +
           "); convert it to UTF-8";
  }
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos) return "binary data (NUL byte at offset " + std::to_string(nul) + ")";
  return std::string();
}

void note_utf8_repairs(const Document& doc, std::size_t replaced, std::vector<Diagnostic>& diagnostics,
                       ReadCounts& counts) {
  if (replaced == 0) return;
  counts.utf8_repaired += replaced;
  diagnostics.push_back({doc.origin, "replaced " + std::to_string(replaced) +
                                         " ill-formed UTF-8 sequence(s) with U+FFFD in document '" + doc.id + "'"});
}

std::string too_large_message(std::string_view what, std::size_t bytes, std::size_t limit) {
  return std::string(what) + " of " + std::to_string(bytes) +
         " bytes exceeds max_doc_bytes = " + std::to_string(limit) + " (--max-doc-bytes)";
}

}  // namespace echotrace::internal
