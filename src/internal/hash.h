// The one wrapper around xxHash (and the small integer mixers used with it), so
// that the hash function can be named, versioned and swapped in one place.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace echotrace::internal {

// Name recorded in signatures and run.json for the shingle hash below.
inline constexpr std::string_view kShingleHashName = "xxh3-64";

// XXH3-64 of `bytes` under `seed`. Stable across platforms and versions of
// xxHash (XXH3 output is frozen since 0.8.0).
inline std::uint64_t xxh3_64(std::string_view bytes, std::uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

// A 64-bit digest as the 16 lower-case hex digits run.json records.
inline std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// A bijective 64-bit mixer (the SplitMix64 / Stafford "Mix13" finaliser): every
// input maps to a distinct output, so mixing never adds collisions.
inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Maps a uniform 64-bit value onto [0, n) without division (Lemire's fastrange).
__extension__ typedef unsigned __int128 Uint128;
inline std::uint32_t fast_range(std::uint64_t x, std::uint32_t n) {
  return static_cast<std::uint32_t>((static_cast<Uint128>(x) * n) >> 64);
}

}  // namespace echotrace::internal
