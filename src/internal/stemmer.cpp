#include "internal/stemmer.h"

#include <libstemmer.h>

#include "internal/assert.h"

namespace echotrace::internal {

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")) { ECHOTRACE_ASSERT(stemmer_ != nullptr); }

Stemmer::~Stemmer() { sb_stemmer_delete(stemmer_); }

std::string Stemmer::stem(std::string_view word) {
  const sb_symbol* out =
      sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (out == nullptr) return std::string(word);  // out of memory inside libstemmer
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace echotrace::internal
