// Groups of equal n-grams shared by at least `min_sources` sources, level by
// level: the counting behind phrase mining (phrase_mining.h). Bigrams are
// grouped by hash (hash_groups.h); every longer level refines the groups of
// the level below by the group of the (L-1)-gram that starts one position
// later, so an L-gram group is a part of one (L-1)-gram group and positions
// whose (L-1)-gram was not shared drop out (Apriori). Works on plain ids, like
// phrase_mining.h; the output is the same for any thread count.
//
// Only first copies of phrase runs are grouped (segments.h): a group's
// records are the occurrences in first copies, and its occurrence count,
// documents and sources are those of every copy.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "internal/hash_groups.h"
#include "internal/overwrite_vector.h"
#include "internal/phrase_mining.h"
#include "internal/segments.h"

namespace echotrace::internal {

inline constexpr std::uint32_t kNoGroup = UINT32_MAX;

// One occurrence of an n-gram in the first copy of a phrase run: its first
// position and its segment (segments.h), whose copies are its documents.
// (No member initialisers: arrays of them are allocated for overwrite.)
struct NgramOccurrence {
  std::uint32_t pos;
  std::uint32_t seg;
};

// One group of equal n-grams meeting min_sources. Its occurrences in first
// copies are records [first_record, first_record + records) of the level's
// occurrence array, positions ascending; tf counts every copy. (No member initialisers, so that arrays of groups can
// be sized without zeroing and filled by parallel loops; new_group() gives
// one with every field zero and concentration 1.)
struct NgramGroup {
  std::uint64_t fingerprint;  // sum of mix64(doc + 1) over its documents
  std::uint32_t rep;          // first position
  std::uint32_t length;
  std::uint32_t tf, df, sources;
  std::uint32_t first_record, records;
  // Ids of its two (length - 1)-gram parts in the level below (refine_groups() only).
  std::uint32_t left, right;
  std::uint32_t first_cls, last_cls;  // classes of its first and last tokens
  double cohesion;       // NPMI in [-1, 1] (the smallest over its splits)
  double concentration;  // time concentration of its documents (set_concentration())
  std::uint8_t subsumed;   // a longer n-gram with the same documents adds a content word
  std::uint8_t redundant;  // it only adds stop words to a shorter n-gram with the same documents
  std::uint8_t all_stop;   // every token is a stop word: never scored
  // The n-gram this one only adds stop words to (itself when none): subsumed
  // along with it, so "x of p" with p's documents removes p as well.
  std::uint8_t base_level;
  std::uint32_t base;
};

// Sets a subsumed flag that other threads may set too.
inline void mark_subsumed(std::uint8_t& flag) {
  std::atomic_ref<std::uint8_t>(flag).store(1, std::memory_order_relaxed);
}

inline NgramGroup new_group() {
  NgramGroup g{};
  g.concentration = 1;
  return g;
}

// The groups of one level, sized without zeroing.
using GroupVector = OverwriteVector<NgramGroup>;

// Groups every position with a non-zero `hashes` entry by hash and keeps the
// groups whose documents span at least `min_sources` sources and that have
// at least `min_records` records (occurrences in first copies: with 2, an
// n-gram of one run's first copy only is left to lone_ngrams.h). Writes each
// kept group's id into `gid` for all of its positions (kNoGroup elsewhere)
// and its occurrences into `occ` (records of other positions are left as
// they were), group after group. Group ids follow the groups' first
// positions. Hashes at positions outside first copies (seg.of) are not read.
// `grouping` is scratch storage, reused between calls. REQUIRES: gid and
// occ as long as hashes.
GroupVector group_by_hash(const MiningInput& in, const Segments& seg, std::span<const std::uint64_t> hashes,
                          int min_sources, int min_records, std::span<std::uint32_t> gid,
                          std::span<NgramOccurrence> occ, HashGroups& grouping, int threads);

// The same for positions already grouped by `groups` (HashGroups::rebuild()
// or rebuild_with(), of first-copy positions only, with seg.of as aux): a
// caller that computes each position's hash on the fly needs no array of
// hashes. `gid` may be empty: no ids are written.
// REQUIRES: occ (and gid unless empty) as long as the corpus.
GroupVector keep_shared_groups(const MiningInput& in, const Segments& seg, const HashGroups& groups,
                               int min_sources, int min_records, std::span<std::uint32_t> gid,
                               std::span<NgramOccurrence> occ, int threads);

// The groups of the next level: each group of `prev` (occurrences in
// `prev_occ`, ids in `prev_gid`) split by the group of the n-gram one
// position later, keeping the parts that still span `min_sources` sources
// and have `min_records` records. A part's occurrences go to `occ` within its parent's record range; `gid`
// is rewritten for every position (kNoGroup where no group). Group ids follow
// the parents' ids, then the next group's id; each part gets its `left`,
// `right` and `first_cls` (its `last_cls` is its right part's). `scratch` is storage reused between
// calls. REQUIRES: the n-grams of `prev` are at least 2 tokens long and have
// their classes set; spans as long as the corpus.
GroupVector refine_groups(const MiningInput& in, const Segments& seg, std::span<const NgramGroup> prev,
                          std::span<const std::uint32_t> prev_gid, std::span<const NgramOccurrence> prev_occ,
                          int min_sources, int min_records, std::span<std::uint32_t> gid,
                          std::span<NgramOccurrence> occ, std::vector<GroupVector>& scratch, int threads);
// The same, into `out`, whose storage is reused when large enough (its old
// contents are overwritten): a caller refining level after level can hand
// back a level it no longer needs instead of faulting in fresh pages.
// `shifts` carries what one level tells the next about copied text: on
// input, empty or, for each group of `prev`, the group of `prev` that holds
// all of its occurrences shifted by one position, when known (kNoGroup when
// not); such a group is extended without reading `prev_gid`. On output, the
// same for the groups in `out`, as far as this call could tell.
void refine_groups(const MiningInput& in, const Segments& seg, std::span<const NgramGroup> prev,
                   std::span<const std::uint32_t> prev_gid, std::span<const NgramOccurrence> prev_occ,
                   int min_sources, int min_records, std::span<std::uint32_t> gid,
                   std::span<NgramOccurrence> occ, GroupVector& out, std::vector<std::uint32_t>& shifts,
                   std::vector<GroupVector>& scratch, int threads);

// What scoring needs of a group whose level is no longer kept in full.
struct CompactGroup {
  std::uint32_t index;  // in its level
  std::uint32_t rep, tf, df, sources;
  // kNoGroup, or where its runs are listed in CompactLevel::pending_segs:
  // its concentration is then not computed yet (and reads 1).
  std::uint32_t pending;
  double cohesion, concentration;

  // The group again, as far as scoring reads it (every other field as new_group()'s).
  NgramGroup group(std::uint32_t length) const {
    NgramGroup g = new_group();
    g.rep = rep;
    g.length = length;
    g.tf = tf;
    g.df = df;
    g.sources = sources;
    g.cohesion = cohesion;
    g.concentration = concentration;
    return g;
  }
};

// A level of groups reduced to what later levels and scoring still need:
// every group's subsumed flag (a longer n-gram may still set it, through its
// base), and the groups that may still be scored, by index ascending.
struct CompactLevel {
  bool done = false;  // filled by compact_level()
  OverwriteVector<std::uint8_t> subsumed;
  OverwriteVector<CompactGroup> candidates;
  // For each pending candidate, from its `pending`: the number of its runs,
  // then their segments (segments.h).
  OverwriteVector<std::uint32_t> pending_segs;

  // The runs of the candidate whose `pending` this is.
  std::span<const std::uint32_t> runs_of(std::uint32_t pending) const {
    return std::span<const std::uint32_t>(pending_segs).subspan(pending + 1, pending_segs[pending]);
  }
};

// `groups` (occurrences in `occ`) compacted: the candidates are the groups
// that are not subsumed (so far), not redundant, not all stop words and at
// least `min_tokens` long (a superset of those with a positive score). A
// candidate whose records lie in one run gets its time concentration from
// `seg_concentration` (segment_concentrations()); one in several runs is left
// pending, its runs listed, so that the mining computes it
// (ConcentrationCounter) only if its score may reach the list. Without dated
// documents each keeps the group's concentration. The same for any thread count.
CompactLevel compact_level(const MiningInput& in, std::span<const double> seg_concentration,
                           std::span<const NgramGroup> groups, std::span<const NgramOccurrence> occ, int min_tokens,
                           int threads);

}  // namespace echotrace::internal
