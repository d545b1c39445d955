// dedup(): the streaming near-duplicate path of pipeline.h.
#include <echotrace/pipeline.h>

#include <future>
#include <limits>
#include <span>
#include <unordered_set>

#include "internal/hash.h"
#include "internal/stopwatch.h"
#include "internal/threads.h"

namespace echotrace {
namespace {
// Text capacity a reused batch slot keeps between batches (most articles are
// shorter; at most 2 × batch_size × this much is held for reuse).
constexpr std::size_t kKeepTextBytes = 16 << 10;
}  // namespace

Result<DedupResult> dedup(DocumentStream& input, const std::string& source, const PipelineOptions& options,
                          const ProgressFn& progress) {
  ECHOTRACE_RETURN_IF_ERROR(validate(options));
  const int threads = internal::resolve_threads(options.threads);
  const MinHasher hasher(options.minhash, options.shingle);
  DedupResult r;
  r.source = source;
  r.signatures = SignatureSet(hasher.params());
  internal::Stopwatch clock;
  std::unordered_set<std::string> ids;

  // A batch of documents read ahead. The Documents stay allocated from batch
  // to batch and the reader overwrites them, so reading allocates nothing per
  // document once the strings have grown to fit.
  struct Batch {
    std::vector<Document> docs;
    std::size_t size = 0;  // docs[0, size) hold this batch
  };
  // Reads up to batch_size documents into `out` (touches only the stream).
  auto read_batch = [&](Batch& out) -> Status {
    out.size = 0;
    while (out.size < options.batch_size) {
      if (out.size == out.docs.size()) out.docs.emplace_back();
      Document& d = out.docs[out.size];
      Result<bool> more = input.next_into(d);
      if (!more.is_ok()) return more.status();
      if (!*more) break;
      ++out.size;
    }
    return Status::ok();
  };

  // Checks the batch's ids, sketches it in parallel into pre-sized slots,
  // then drops its text. The ids are checked here, not by the reader, to
  // keep the reader thread (decompressing and parsing) the lighter one.
  auto flush = [&](Batch& b) -> Status {
    const std::span<Document> batch(b.docs.data(), b.size);
    for (const Document& d : batch) {
      if (!ids.insert(d.id).second) return invalid_argument("duplicate document id '" + d.id + "' at " + d.origin);
    }
    const std::size_t base = r.signatures.size();
    const std::int64_t count = static_cast<std::int64_t>(batch.size());
    r.signatures.resize(base + batch.size());
    r.documents.resize(base + batch.size());
#pragma omp parallel num_threads(threads)
    {
      TokenizedText t;  // reused per thread: no allocation per document
      std::vector<std::uint64_t> shingles;
#pragma omp for schedule(dynamic, 16)
      for (std::int64_t i = 0; i < count; ++i) {
        tokenize_into(batch[static_cast<std::size_t>(i)].text, options.text, t);
        shingle_hashes_into(t, options.shingle, shingles);
        hasher.sketch_into(shingles, r.signatures, base + static_cast<std::size_t>(i));
        r.documents[base + i].tokens = static_cast<std::uint32_t>(std::min<std::size_t>(t.size(), 0xffffffffu));
      }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      Document& d = batch[i];
      DocumentInfo& info = r.documents[base + i];
      info.bytes = d.text.size();
      r.input_bytes += d.text.size();
      r.input_digest = internal::xxh3_64(d.text, internal::xxh3_64(d.id, r.input_digest));
      if (r.signatures.empty_set(base + i)) {
        r.diagnostics.push_back({d.origin, "document '" + d.id + "' has " + std::to_string(info.tokens) +
                                               " words, fewer than one shingle of " +
                                               std::to_string(options.shingle.k) + ": it is never a duplicate"});
      }
      info.id = d.id;
      info.date = d.date;
      // A slot keeps its text's capacity for the next batch, but not a long
      // one: otherwise every slot would end up holding the longest text it
      // ever saw, and the batches' memory would grow with the corpus's tail.
      if (d.text.capacity() > kKeepTextBytes) std::string().swap(d.text);
    }
    b.size = 0;
    if (progress) progress(r.documents.size(), r.input_bytes);
    return Status::ok();
  };

  // One reader thread fills the next batch while the workers sketch this one;
  // batches keep input order, so the result does not depend on the timing.
  Batch current, upcoming;
  ECHOTRACE_RETURN_IF_ERROR(read_batch(current));
  while (current.size > 0) {
    std::future<Status> reading = std::async(std::launch::async, [&] { return read_batch(upcoming); });
    // A duplicate id in this batch comes before any error of the next one;
    // returning waits for the reader (the future's destructor).
    ECHOTRACE_RETURN_IF_ERROR(flush(current));
    ECHOTRACE_RETURN_IF_ERROR(reading.get());
    std::swap(current, upcoming);
  }
  std::unordered_set<std::string>().swap(ids);
  const std::vector<Diagnostic>& read_diags = input.diagnostics();
  r.diagnostics.insert(r.diagnostics.begin(), read_diags.begin(), read_diags.end());
  const std::size_t n = r.documents.size();
  if (n == 0) return invalid_argument(source + ": no documents to de-duplicate");
  if (n >= std::numeric_limits<std::uint32_t>::max()) return invalid_argument("too many documents");
  r.timings.push_back({"read+sketch", clock.lap()});

  r.lsh = choose_lsh_params(options.lsh, options.minhash.num_perm);
  const std::vector<DocPair> candidates =
      candidate_pairs(r.signatures, r.lsh, options.lsh.max_bucket_pairs_size, threads, &r.candidates);
  r.timings.push_back({"lsh", clock.lap()});

  const std::int64_t count = static_cast<std::int64_t>(candidates.size());
  std::vector<double> estimate(candidates.size());
#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::int64_t i = 0; i < count; ++i) {
    const auto [a, b] = candidates[static_cast<std::size_t>(i)];
    estimate[static_cast<std::size_t>(i)] = estimate_jaccard_unchecked(r.signatures, a, b);
  }
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (estimate[i] >= options.lsh.threshold) {
      r.pairs.push_back({candidates[i].first, candidates[i].second, estimate[i], kNaN, kNaN, kFromLsh});
    }
  }
  sort_strongest_first(r.pairs);
  r.timings.push_back({"verify", clock.lap()});

  const std::vector<SimilarPair> edges = jaccard_edges(r.pairs, options.lsh.threshold);
  r.clusters = centre_clusters(n, edges);
  r.components = connected_components(n, edges);
  std::vector<std::string> dates(n);
  std::vector<std::uint64_t> lengths(n);
  for (std::size_t i = 0; i < n; ++i) {
    dates[i] = r.documents[i].date;
    lengths[i] = r.documents[i].bytes;
  }
  r.keep = representatives(r.clusters, options.keep, dates, lengths);
  r.timings.push_back({"cluster", clock.lap()});
  return r;
}

}  // namespace echotrace
