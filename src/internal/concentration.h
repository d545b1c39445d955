// Time concentration of the mining's n-grams from the runs that hold them
// (segments.h): once per run, for a group of several runs on demand, and
// for a level's groups at once. phrase_mining.h documents the measure
// (time_concentration()); phrases.h the factor it gives the score.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "internal/ngram_groups.h"
#include "internal/phrase_mining.h"
#include "internal/segments.h"

namespace echotrace::internal {

// The time concentration of each segment's documents (empty when no
// document is dated): what set_concentration() gives every group whose
// records all lie in that segment, computed once.
std::vector<double> segment_concentrations(const MiningInput& in, const Segments& seg, int threads);

// Time concentration of an n-gram from the runs (segments) holding its
// occurrences, as set_concentration() computes it: the dates of the runs'
// distinct documents, of every (df / 256)-th dated one above 256
// documents, in corpus order. Keeps scratch space: one per thread.
class ConcentrationCounter {
 public:
  // REQUIRES: in.doc_time is not empty; seg_concentration from segment_concentrations().
  ConcentrationCounter(const MiningInput& in, const Segments& seg, std::span<const double> seg_concentration);
  // `runs`: the segment of each occurrence in a first copy (not empty);
  // `df`: the n-gram's documents.
  double operator()(std::span<const std::uint32_t> runs, std::uint32_t df);

 private:
  const MiningInput& in_;
  const Segments& seg_;
  std::span<const double> seg_concentration_;
  double dated_docs_;
  std::vector<double> times_;
  std::vector<std::uint32_t> gathered_;
  // Documents listed so far, as bits: read back in order when there are
  // many, else sorted and cleared one by one.
  std::vector<std::uint64_t> listed_;
};

// Upper bounds on the time concentration ConcentrationCounter gives an
// n-gram of several runs, from each run's own spread in time, without
// reading the documents: the deviations of a set's dates from its median sum
// to at least those of any part of it from the part's own median, so the
// runs' sums, less one for each document counted twice, bound the n-gram's
// from below. Only where every dated document is read (df below 512, twice
// the sample); 1 elsewhere.
class ConcentrationBound {
 public:
  // REQUIRES: in.doc_time is not empty.
  ConcentrationBound(const MiningInput& in, const Segments& seg, int threads);
  // At least ConcentrationCounter(...)(runs, df) for the same runs and df.
  double operator()(std::span<const std::uint32_t> runs, std::uint32_t df) const;

 private:
  // Of each segment: Σ |t − median| over its distinct dated documents, and
  // its distinct documents (together: one cache line read per run).
  struct Run {
    double deviation, documents;
  };
  double dated_docs_;
  std::vector<Run> runs_;
};

// Sets the time concentration of each group of `groups` that is neither
// subsumed, redundant nor all stop words, from its occurrences in `occ`: the
// dates of its documents as ConcentrationCounter reads them.
// `seg_concentration` is segment_concentrations()'s.
void set_concentration(const MiningInput& in, const Segments& seg, std::span<const double> seg_concentration,
                       std::span<NgramGroup> groups, std::span<const NgramOccurrence> occ, int threads);

}  // namespace echotrace::internal
