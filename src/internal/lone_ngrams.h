// Lone n-grams: shared n-grams with a single occurrence among the first
// copies of phrase runs (segments.h), i.e. found in one distinct run only.
// They are most n-grams of copied text (about four in five at 100k generated
// documents), and everything about one follows from its run: occurrences =
// the run's copies, documents, sources, fingerprint and time concentration =
// the run's, and its parts and extensions are lone or grouped n-grams at
// known positions. So they are not grouped (ngram_groups.h groups the
// n-grams with two or more records); LoneLevel keeps, level by level, the
// flags a group would have and sets them by the same rules as the mining's
// pass over groups (phrase_mining.cpp). A lone n-gram is named by its length
// and the rank of its first position among the positions of shared runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "internal/ngram_groups.h"
#include "internal/overwrite_vector.h"
#include "internal/phrase_mining.h"
#include "internal/segments.h"

namespace echotrace::internal {

// Set in a reference to an n-gram (NgramGroup::base): the rest is the rank
// of a lone n-gram, not the index of a group.
inline constexpr std::uint32_t kLoneRef = UINT32_MAX / 2 + 1;

// The first-copy positions of shared runs (at least min_sources sources).
struct LoneRanks {
  std::vector<std::uint32_t> pos;       // by rank: ascending positions, a run's positions adjacent
  std::vector<std::uint32_t> run_rank;  // rank of each shared run's first position, then size()
  // Of each shared run, its segment's copies and documents (read in rank
  // order by every level's pass, not at random through the segment).
  std::vector<std::uint32_t> run_copies, run_df;
  std::vector<std::uint8_t> shared;     // of each segment: 1 when shared

  // No run is shared when `none`. REQUIRES: `in` and `seg` are a
  // FirstCopies's (every position in a run's first copy); fewer than
  // kLoneRef positions in shared runs.
  static LoneRanks build(const MiningInput& in, const Segments& seg, int min_sources, bool none, int threads);
  // Rank of position `p`. REQUIRES: p is a first-copy position of a shared run.
  std::uint32_t rank_of(std::uint32_t p) const;
  std::size_t size() const { return pos.size(); }
  std::size_t runs() const { return run_rank.size() - 1; }
};

struct LoneLevel;

// What LoneLevel::fill() reads of the mining: this level's group ids and
// the level below (its groups, ids and lone n-grams), and the subsumed flag
// of any n-gram a base may name (level, group index or kLoneRef | rank).
struct LonePass {
  const MiningInput& in;
  const Segments& seg;
  const LoneRanks& lone;
  std::span<const std::uint32_t> gid, prev_gid;
  std::span<NgramGroup> prev;
  LoneLevel& prev_lone;
  std::function<std::uint8_t&(std::uint8_t, std::uint32_t)> subsumed_flag;
};

// Lone n-grams of one length, by rank (entries of ranks without one are
// only `state` 0). The arrays are sized without zeroing and filled by the
// mining's pass over the level.
struct LoneLevel {
  static constexpr std::uint8_t kExists = 1, kRedundant = 2, kAllStop = 4;
  OverwriteVector<std::uint8_t> state;
  OverwriteVector<std::uint8_t> base_level;
  OverwriteVector<std::uint32_t> base;  // as NgramGroup::base; kLoneRef set for a lone one
  // Occurrences of its two parts (length >= 3), for its cohesion: computed
  // only for the ones that may be scored, and at the top level.
  OverwriteVector<std::uint32_t> left_tf, right_tf;
  std::vector<std::uint8_t> subsumed;  // kept when the rest is compacted away
  // After compact(): the possibly scorable ones (as compact_level()'s
  // candidates), by rank, with their cohesion.
  bool done = false;
  std::vector<std::pair<std::uint32_t, double>> candidates;

  // Sizes the arrays for `ranks` ranks, taking over the storage of `spare`
  // (a compacted level's, whose pages are already mapped) when it has any.
  void resize(std::size_t ranks, LoneLevel& spare);
  // The lone n-grams of length `length` (>= 2), after resize(): a position
  // of a shared run where no group of this length starts. Sets their flags
  // by the rules of the mining's pass over groups (phrase_mining.cpp), marks
  // their parts (grouped or lone) and those parts' bases subsumed where they
  // add a content word with the same documents, and keeps their parts'
  // occurrence counts for the cohesion. Returns how many there are.
  std::size_t fill(const LonePass& pass, std::uint32_t length, int threads);
  // Keeps the subsumed flags and the candidates (exists, not subsumed, not
  // redundant, not all stop words, length >= min_tokens) with their
  // cohesion `cohesion_of(rank)`; leaves the rest for resize() to reuse.
  void compact(std::uint32_t length, int min_tokens, int threads,
               const std::function<double(std::uint32_t)>& cohesion_of);
};

}  // namespace echotrace::internal
