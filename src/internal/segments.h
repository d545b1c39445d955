// The distinct phrase runs of a corpus ("segments"), for the n-gram counting
// (ngram_groups.h). An n-gram never crosses the end of a phrase run, and
// copied text repeats whole runs, so the groups are built over the first copy
// of each distinct run only; a group's documents, sources and occurrence
// count are read from the copies' document lists. On generated 100k-document
// corpora about one run position in six is a first copy. Works on plain ids,
// like phrase_mining.h; the same for any thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "internal/hash.h"
#include "internal/overwrite_vector.h"
#include "internal/phrase_mining.h"

namespace echotrace::internal {

inline constexpr std::uint32_t kNoSegment = UINT32_MAX;

// Distinct documents, distinct sources and fingerprint (the sum of
// mix64(doc + 1) over the distinct documents) of documents given one at a
// time, repeats allowed: what Segments keeps of a run, and the n-gram groups
// (ngram_groups.h) of several runs. Keeps stamps over documents and sources:
// one per thread.
class DocumentTally {
 public:
  explicit DocumentTally(const MiningInput& in);
  void reset();  // forgets the documents given so far
  void add(std::uint32_t doc) {
    if (doc_stamp_[doc] == serial_) return;
    doc_stamp_[doc] = serial_;
    ++df;
    fingerprint += mix64(std::uint64_t{doc} + 1);
    std::uint32_t& s = source_stamp_[source_of_doc_[doc]];
    if (s != serial_) {
      s = serial_;
      ++sources;
    }
  }

  std::uint32_t df = 0, sources = 0;
  std::uint64_t fingerprint = 0;

 private:
  std::span<const std::uint32_t> source_of_doc_;
  std::vector<std::uint32_t> doc_stamp_, source_stamp_;
  std::uint32_t serial_ = 0;
};

struct Segments {
  // Segment of each position of a run's first copy, for runs of at least two
  // tokens; kNoSegment at every other position.
  OverwriteVector<std::uint32_t> of;
  // Documents of segment s's copies, ascending (a document holding two copies
  // is listed twice): docs[doc_begin[s], doc_begin[s + 1]).
  std::vector<std::uint32_t> doc_begin;
  std::vector<std::uint32_t> docs;
  std::vector<std::uint32_t> copy_pos;  // where each of those copies starts, aligned with `docs`
  std::vector<std::uint32_t> first;  // position of each segment's first copy
  // Of each segment: distinct documents, distinct sources, and the sum of
  // mix64(doc + 1) over its distinct documents.
  std::vector<std::uint32_t> df, sources;
  std::vector<std::uint64_t> fingerprint;

  std::size_t size() const { return df.size(); }
  std::uint32_t copies(std::uint32_t s) const { return doc_begin[s + 1] - doc_begin[s]; }
  std::span<const std::uint32_t> docs_of(std::uint32_t s) const {
    return std::span<const std::uint32_t>(docs).subspan(doc_begin[s], copies(s));
  }
  // Corpus positions where segment s's copies start, ascending.
  std::span<const std::uint32_t> copy_starts(std::uint32_t s) const {
    return std::span<const std::uint32_t>(copy_pos).subspan(doc_begin[s], copies(s));
  }

  // The runs of `in` (in.cls, in.run, in.doc_of, in.source_of_doc), equal
  // when their class ids are (compared in full, not only by hash). Without
  // `positions`, `of` is left empty (FirstCopies::build() needs only `first`).
  static Segments build(const MiningInput& in, int threads, bool positions = true);
};

// The first copies of a corpus's segments, back to back: every position the
// n-gram counting reads (the others repeat one of them or hold no run of two
// tokens), about one in six at 100k generated documents. The mining works on
// them by rank, in arrays that fit the caches better, and maps its phrases'
// positions back with `pos`.
struct FirstCopies {
  std::vector<std::uint32_t> pos;  // corpus position of each rank, ascending
  // The corpus's input over ranks: cls, run, doc_of and sentence_end (and
  // part, type_of when the corpus has them) gathered, the rest shared.
  MiningInput input;
  Segments seg;  // the corpus's segments, `of` and `first` by rank

  // Of `in`, whose segments are `seg` (Segments::build(in), with or without
  // positions).
  static FirstCopies build(const MiningInput& in, Segments seg, int threads);

  FirstCopies() = default;
  FirstCopies(FirstCopies&&) = default;  // `input` views the moved arrays, which keep their storage
  FirstCopies& operator=(FirstCopies&&) = default;
  FirstCopies(const FirstCopies&) = delete;
  FirstCopies& operator=(const FirstCopies&) = delete;

 private:
  OverwriteVector<std::uint32_t> cls_, run_, doc_of_, type_of_;
  OverwriteVector<std::uint8_t> sentence_end_, part_;
};

}  // namespace echotrace::internal
