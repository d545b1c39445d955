// Keys of background.h's table, shared by the table and the phrase stage so
// both hash words and n-grams the same way: a word by its variant key
// (variants.h), an n-gram by its words' keys. Corpus-independent: no class ids.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "internal/hash.h"
#include "internal/stemmer.h"
#include "internal/variants.h"

namespace echotrace::internal {

// Version of the scheme below, recorded in table files.
inline constexpr std::uint32_t kBackgroundKeyScheme = 1;

// XXH3-64 of variant_key(word); never 0.
inline std::uint64_t background_word_key(std::string_view word, Stemmer& stemmer) {
  const std::uint64_t h = xxh3_64(variant_key(word, stemmer), 0);
  return h == 0 ? 1 : h;
}

// XXH3-64 of `n` word keys (their bytes, host order) under seed `n`, with
// the lowest bit set (never 0).
inline std::uint64_t background_ngram_key(const std::uint64_t* words, std::size_t n) {
  return xxh3_64(std::string_view(reinterpret_cast<const char*>(words), n * sizeof(std::uint64_t)), n) | 1;
}

}  // namespace echotrace::internal
