#include "internal/concentration.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "internal/assert.h"

namespace echotrace::internal {
namespace {

// Time concentration reads the dates of at most about this many documents:
// every stride()-th dated one of `df`.
constexpr std::uint32_t kTimingSample = 256;
std::uint32_t stride(std::uint32_t df) { return df > kTimingSample ? df / kTimingSample : 1; }

// Dated documents of the corpus.
double dated_documents(const MiningInput& in) {
  double dated = 0;
  for (double t : in.doc_time) dated += std::isnan(t) ? 0.0 : 1.0;
  return dated;
}

// The dates of every `every`-th dated document of those listed ascending in
// `docs` (a document may repeat; each counts once), into `times`. Returns
// how many of them are dated.
std::uint32_t dated_times(const MiningInput& in, std::span<const std::uint32_t> docs, std::uint32_t every,
                          std::vector<double>& times) {
  times.clear();
  std::uint32_t last_doc = kNoGroup, dated = 0;
  for (const std::uint32_t d : docs) {
    if (d == last_doc) continue;
    last_doc = d;
    if (std::isnan(in.doc_time[d])) continue;
    if (dated++ % every == 0) times.push_back(in.doc_time[d]);
  }
  return dated;
}

// Time concentration of `df` distinct documents listed ascending in `docs`
// (a document may repeat): the dates of every stride(df)-th dated one, in
// corpus order. `times` is scratch.
double docs_concentration(const MiningInput& in, std::span<const std::uint32_t> docs, std::uint32_t df,
                          double dated_docs, std::vector<double>& times) {
  const std::uint32_t dated = dated_times(in, docs, stride(df), times);
  // A phrase used in most dated documents cannot be tighter in time than
  // the corpus: the deviation counts by the share it left out.
  const double left_out = dated_docs == 0 ? 0.0 : 1.0 - static_cast<double>(dated) / dated_docs;
  return 1.0 - (1.0 - time_concentration(times)) * left_out;
}

}  // namespace

std::vector<double> segment_concentrations(const MiningInput& in, const Segments& seg, int threads) {
  std::vector<double> out(in.doc_time.empty() ? 0 : seg.size(), 1.0);
  if (out.empty()) return out;
  const double dated_docs = dated_documents(in);
  const auto count = static_cast<std::int64_t>(out.size());
#pragma omp parallel num_threads(threads)
  {
    std::vector<double> times;
#pragma omp for schedule(dynamic, 4096)
    for (std::int64_t k = 0; k < count; ++k) {
      const auto s = static_cast<std::uint32_t>(k);
      out[s] = docs_concentration(in, seg.docs_of(s), seg.df[s], dated_docs, times);
    }
  }
  return out;
}

ConcentrationCounter::ConcentrationCounter(const MiningInput& in, const Segments& seg,
                                           std::span<const double> seg_concentration)
    : in_(in),
      seg_(seg),
      seg_concentration_(seg_concentration),
      dated_docs_(dated_documents(in)),
      listed_((in.source_of_doc.size() + 63) / 64, 0) {
  ECHOTRACE_ASSERT(!in.doc_time.empty() && seg_concentration.size() == seg.size());
}

double ConcentrationCounter::operator()(std::span<const std::uint32_t> runs, std::uint32_t df) {
  const std::uint32_t first = runs.front();
  if (std::all_of(runs.begin(), runs.end(), [first](std::uint32_t s) { return s == first; })) {
    return seg_concentration_[first];  // the run's documents, computed once for all of its n-grams
  }
  // Several runs: their distinct documents in corpus order. The runs lie
  // anywhere: their lists are asked for all at once, so the misses overlap.
  for (const std::uint32_t s : runs) __builtin_prefetch(&seg_.doc_begin[s]);
  for (const std::uint32_t s : runs) __builtin_prefetch(&seg_.docs[seg_.doc_begin[s]]);
  gathered_.clear();
  for (const std::uint32_t s : runs) {
    for (const std::uint32_t d : seg_.docs_of(s)) {
      std::uint64_t& word = listed_[d / 64];
      const std::uint64_t bit = std::uint64_t{1} << (d % 64);
      if ((word & bit) != 0) continue;
      word |= bit;
      gathered_.push_back(d);
    }
  }
  if (gathered_.size() * 8 >= listed_.size()) {
    gathered_.clear();
    for (std::size_t w = 0; w < listed_.size(); ++w) {
      for (std::uint64_t word = listed_[w]; word != 0; word &= word - 1) {
        gathered_.push_back(
            static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(word))));
      }
      listed_[w] = 0;
    }
  } else {
    std::sort(gathered_.begin(), gathered_.end());
    for (const std::uint32_t d : gathered_) listed_[d / 64] = 0;
  }
  return docs_concentration(in_, gathered_, df, dated_docs_, times_);
}

ConcentrationBound::ConcentrationBound(const MiningInput& in, const Segments& seg, int threads)
    : dated_docs_(dated_documents(in)), runs_(seg.size(), Run{0.0, 0.0}) {
  ECHOTRACE_ASSERT(!in.doc_time.empty());
  const auto count = static_cast<std::int64_t>(seg.size());
#pragma omp parallel num_threads(threads)
  {
    std::vector<double> times;
#pragma omp for schedule(dynamic, 4096)
    for (std::int64_t k = 0; k < count; ++k) {
      dated_times(in, seg.docs_of(static_cast<std::uint32_t>(k)), 1, times);
      Run& run = runs_[static_cast<std::size_t>(k)];
      run.documents = seg.df[static_cast<std::size_t>(k)];
      if (times.size() < 2) continue;
      const auto mid = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
      std::nth_element(times.begin(), mid, times.end());
      double sum = 0;
      for (double t : times) sum += std::abs(t - *mid);
      run.deviation = sum;
    }
  }
}

double ConcentrationBound::operator()(std::span<const std::uint32_t> runs, std::uint32_t df) const {
  if (df < 2 || stride(df) > 1) return 1.0;  // sampled: no bound
  // Deviations of the distinct dated documents from their median: at least
  // the runs' own sums, less one (the largest deviation) per document that
  // more than one run holds (sum of the runs' documents less df).
  double lower = 0, listed = 0;
  std::uint32_t last = kNoGroup;
  for (const std::uint32_t s : runs) {
    if (s == last) continue;  // a run listed twice only weakens the bound; skipped when adjacent
    last = s;
    lower += runs_[s].deviation;
    listed += runs_[s].documents;
  }
  lower -= listed - static_cast<double>(df);
  if (lower <= 0) return 1.0;
  // At most df dated documents: the mean deviation is at least lower / df,
  // and its expectation (growing with the count) at most that of df.
  const double k = df;
  const double tight = std::max(0.0, 1.0 - lower / (k * expected_deviation(df)));
  const double left_out = dated_docs_ == 0 ? 0.0 : std::max(0.0, 1.0 - k / dated_docs_);
  // A margin over rounding: the bound must not fall below the computed value.
  return std::min(1.0, 1.0 - (1.0 - tight) * left_out + 1e-9);
}

void set_concentration(const MiningInput& in, const Segments& seg, std::span<const double> seg_concentration,
                       std::span<NgramGroup> groups, std::span<const NgramOccurrence> occ, int threads) {
  if (in.doc_time.empty()) return;  // concentration stays 1
  const auto count = static_cast<std::int64_t>(groups.size());
#pragma omp parallel num_threads(threads)
  {
    ConcentrationCounter concentration(in, seg, seg_concentration);
    std::vector<std::uint32_t> runs;
#pragma omp for schedule(dynamic, 1024)
    for (std::int64_t k = 0; k < count; ++k) {
      NgramGroup& g = groups[static_cast<std::size_t>(k)];
      if (g.subsumed || g.redundant || g.all_stop) continue;
      runs.clear();
      for (std::size_t r = g.first_record; r < g.first_record + g.records; ++r) runs.push_back(occ[r].seg);
      g.concentration = concentration(runs, g.df);
    }
  }
}

}  // namespace echotrace::internal
