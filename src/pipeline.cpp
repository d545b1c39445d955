#include <echotrace/pipeline.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>

#include "internal/phrase_stage.h"
#include "internal/pipeline_stages.h"
#include "internal/stopwatch.h"
#include "internal/threads.h"

namespace echotrace {

const char* version() { return ECHOTRACE_VERSION; }

Status validate(const PipelineOptions& o) {
  if (o.shingle.k < 1 || o.shingle.k > 64) {
    return invalid_argument("shingle size must be in [1, 64], got " + std::to_string(o.shingle.k));
  }
  if (o.minhash.num_perm < 1 || o.minhash.num_perm > 65536) {
    return invalid_argument("num_perm must be in [1, 65536], got " + std::to_string(o.minhash.num_perm));
  }
  if (o.threads > 1024) return invalid_argument("threads must be at most 1024, got " + std::to_string(o.threads));
  if (!(o.cosine_threshold > 0.0 && o.cosine_threshold <= 1.0)) {
    return invalid_argument("cosine threshold must be in (0, 1], got " + std::to_string(o.cosine_threshold));
  }
  if (o.batch_size < 1) return invalid_argument("batch size must be at least 1");
  ECHOTRACE_RETURN_IF_ERROR(validate(o.report));
  ECHOTRACE_RETURN_IF_ERROR(validate(o.lsh, o.minhash.num_perm));
  ECHOTRACE_RETURN_IF_ERROR(validate(o.phrases));
  ECHOTRACE_RETURN_IF_ERROR(validate(o.clean));
  if (o.read.max_doc_bytes < 1 || o.read.max_doc_bytes > kMaxDocBytesLimit) {
    return invalid_argument("max_doc_bytes must be in [1, " + std::to_string(kMaxDocBytesLimit) + "], got " +
                            std::to_string(o.read.max_doc_bytes));
  }
  return validate(o.tfidf);
}

namespace {

// Verified sparse pairs: LSH candidates whose exact Jaccard reaches the
// threshold, united with the cosine pairs; every pair gets all three scores.
std::vector<ScoredPair> sparse_pairs(const std::vector<DocPair>& candidates,
                                     const std::vector<std::vector<std::uint64_t>>& sets,
                                     const SignatureSet& signatures, const SparseRows* rows,
                                     const PipelineOptions& o, int threads) {
  const std::int64_t count = static_cast<std::int64_t>(candidates.size());
  std::vector<ScoredPair> verified(candidates.size());
  std::vector<char> keep(candidates.size(), 0);
#pragma omp parallel for schedule(dynamic, 256) num_threads(threads)
  for (std::int64_t i = 0; i < count; ++i) {
    const auto [a, b] = candidates[static_cast<std::size_t>(i)];
    const double j = exact_jaccard(sets[a], sets[b]);
    if (j < o.lsh.threshold) continue;
    keep[i] = 1;
    verified[i] = {a, b, estimate_jaccard_unchecked(signatures, a, b), j,
                   rows != nullptr ? std::min(sparse_dot(*rows, a, b), 1.0) : std::numeric_limits<double>::quiet_NaN(),
                   kFromLsh};
  }
  std::vector<ScoredPair> out;
  for (std::size_t i = 0; i < verified.size(); ++i) {
    if (keep[i]) out.push_back(verified[i]);
  }
  if (rows != nullptr) {
    // Merge the cosine pairs (sorted by (a, b), as are the LSH pairs).
    const std::vector<SimilarPair> cos = cosine_pairs(*rows, o.cosine_threshold, threads);
    std::vector<ScoredPair> merged;
    merged.reserve(out.size() + cos.size());
    std::size_t i = 0;
    for (const SimilarPair& c : cos) {
      while (i < out.size() && std::make_pair(out[i].a, out[i].b) < std::make_pair(c.a, c.b)) merged.push_back(out[i++]);
      if (i < out.size() && out[i].a == c.a && out[i].b == c.b) {
        out[i].source |= kFromCosine;
        merged.push_back(out[i++]);
        continue;
      }
      merged.push_back({c.a, c.b, estimate_jaccard_unchecked(signatures, c.a, c.b),
                        exact_jaccard(sets[c.a], sets[c.b]), c.score, kFromCosine});
    }
    while (i < out.size()) merged.push_back(out[i++]);
    out = std::move(merged);
  }
  sort_strongest_first(out);
  return out;
}

// The explanation of documents `a` < `b` with the given scores.
PairExplanation explain_pair(const ScoredPair& scores, const std::vector<TokenizedText>& tokens,
                             const std::vector<std::vector<std::uint64_t>>& sets, const SparseRows* rows,
                             const TfidfModel* model, const PipelineOptions& o) {
  PairExplanation e;
  e.scores = scores;
  const std::vector<std::uint64_t>& sa = sets[scores.a];
  const std::vector<std::uint64_t>& sb = sets[scores.b];
  e.shingles_a = sa.size();
  e.shingles_b = sb.size();
  std::vector<std::uint64_t> common;
  std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(common));
  e.shared_shingles = common.size();
  if (rows != nullptr && model != nullptr) e.terms = top_shared_terms(*rows, *model, scores.a, scores.b, o.report.terms);
  e.spans = align_passages(tokens[scores.a], tokens[scores.b], o.shingle.k);
  for (const AlignedSpan& s : e.spans) e.shared_tokens_a += s.tokens;
  return e;
}

// Explanations of the first `top` pairs with a positive score.
std::vector<PairExplanation> explain_strongest(const std::vector<ScoredPair>& pairs,
                                               const std::vector<TokenizedText>& tokens,
                                               const std::vector<std::vector<std::uint64_t>>& sets,
                                               const SparseRows* rows, const TfidfModel* model,
                                               const PipelineOptions& o, int threads) {
  std::vector<const ScoredPair*> chosen;
  for (const ScoredPair& p : pairs) {
    if (chosen.size() >= o.report.top_pairs) break;
    if (p.jaccard > 0 || p.cosine > 0 || p.minhash > 0) chosen.push_back(&p);
  }
  std::vector<PairExplanation> out(chosen.size());
  const std::int64_t count = static_cast<std::int64_t>(chosen.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t i = 0; i < count; ++i) out[i] = explain_pair(*chosen[i], tokens, sets, rows, model, o);
  return out;
}

}  // namespace

namespace internal {

Result<std::vector<TokenizedText>> clean_and_tokenize(const Corpus& corpus, const PipelineOptions& options,
                                                      int threads, std::vector<Cleaning>& cleaning,
                                                      std::vector<StageTiming>& timings) {
  Stopwatch clock;
  Result<std::vector<Cleaning>> cleaned = clean_corpus(corpus, options.clean, threads);
  if (!cleaned.is_ok()) return cleaned.status();
  cleaning = std::move(cleaned).value();
  timings.push_back({"clean", clock.lap()});
  const std::int64_t count = static_cast<std::int64_t>(corpus.documents.size());
  // Removed bytes are blanked, not cut, so token offsets index Document::text.
  std::vector<TokenizedText> tokens(corpus.documents.size());
#pragma omp parallel for schedule(dynamic, 8) num_threads(threads)
  for (std::int64_t i = 0; i < count; ++i) {
    const std::string& text = corpus.documents[i].text;
    const std::vector<RemovedSpan>& removed = cleaning[i].removed;
    tokens[i] = removed.empty() ? tokenize(text, options.text) : tokenize(mask_removed(text, removed), options.text);
  }
  timings.push_back({"tokenize", clock.lap()});
  return tokens;
}

}  // namespace internal

Result<Analysis> analyze(const Corpus& corpus, const PipelineOptions& options) {
  ECHOTRACE_RETURN_IF_ERROR(validate(options));
  const std::size_t n = corpus.documents.size();
  if (n == 0) {
    std::string why;
    if (corpus.counts.skipped > 0) {
      why = " (all " + std::to_string(corpus.counts.skipped) + " skipped; see the warnings)";
    }
    return invalid_argument(corpus.source + ": no documents to analyse" + why);
  }
  if (n >= std::numeric_limits<std::uint32_t>::max()) return invalid_argument("too many documents");
  const int threads = internal::resolve_threads(options.threads);
  const std::int64_t count = static_cast<std::int64_t>(n);
  Analysis a;
  internal::Stopwatch clock;

  Result<std::vector<TokenizedText>> tokenized =
      internal::clean_and_tokenize(corpus, options, threads, a.cleaning, a.timings);
  if (!tokenized.is_ok()) return tokenized.status();
  const std::vector<TokenizedText> tokens = std::move(tokenized).value();
  clock.lap();

  std::vector<std::vector<std::uint64_t>> sets(n);
#pragma omp parallel for schedule(dynamic, 8) num_threads(threads)
  for (std::int64_t i = 0; i < count; ++i) sets[i] = shingle_set(tokens[i], options.shingle);
  a.timings.push_back({"shingle", clock.lap()});

  const MinHasher hasher(options.minhash, options.shingle);
  a.signatures = SignatureSet(hasher.params());
  a.signatures.resize(n);
#pragma omp parallel for schedule(dynamic, 8) num_threads(threads)
  for (std::int64_t i = 0; i < count; ++i) hasher.sketch_into(sets[i], a.signatures, static_cast<std::size_t>(i));
  a.timings.push_back({"minhash", clock.lap()});

  SparseRows rows;
  std::optional<TfidfModel> model;
  if (options.cosine) {
    Result<TfidfModel::Fitted> fitted = TfidfModel::fit_transform(tokens, options.tfidf, threads);
    if (!fitted.is_ok()) return fitted.status();
    rows = std::move(fitted->rows);
    model = std::move(fitted->model);
    a.vocabulary_size = model->terms().size();
    a.timings.push_back({"tfidf", clock.lap()});
  }

  a.dense = n <= options.dense_limit;
  if (a.dense) {
    a.minhash = minhash_matrix(a.signatures, threads);
    a.jaccard = exact_jaccard_matrix(sets, threads);
    a.cosine = options.cosine ? cosine_matrix(rows, threads)
                              : DenseMatrix{n, std::vector<double>(n * n, std::numeric_limits<double>::quiet_NaN())};
    a.pairs = all_pairs(a.minhash, a.jaccard, a.cosine, n <= options.all_pairs_limit, options.lsh.threshold,
                        options.cosine ? options.cosine_threshold : 2.0);
    a.timings.push_back({"similarity", clock.lap()});
  } else {
    a.diagnostics.push_back({corpus.source, std::to_string(n) + " documents exceed the dense-matrix limit of " +
                                                std::to_string(options.dense_limit) +
                                                ": writing thresholded sparse similarities (.mtx) instead of n x n "
                                                "matrices (raise the limit with --dense-limit)"});
    a.lsh = choose_lsh_params(options.lsh, options.minhash.num_perm);
    const std::vector<DocPair> candidates =
        candidate_pairs(a.signatures, a.lsh, options.lsh.max_bucket_pairs_size, threads, &a.candidates);
    a.timings.push_back({"lsh", clock.lap()});
    a.pairs = sparse_pairs(candidates, sets, a.signatures, options.cosine ? &rows : nullptr, options, threads);
    a.timings.push_back({"verify", clock.lap()});
  }

  if (options.report.enabled) {
    a.explained = explain_strongest(a.pairs, tokens, sets, options.cosine ? &rows : nullptr,
                                    model ? &*model : nullptr, options, threads);
    a.timings.push_back({"explain", clock.lap()});
  }

  if (options.phrases.enabled) {
    Result<PhraseAnalysis> phrases =
        internal::run_phrase_stage(corpus, tokens, options.cosine ? &rows : nullptr, options);
    if (!phrases.is_ok()) return phrases.status();
    a.phrases = std::move(phrases).value();
    for (const StageTiming& t : a.phrases.timings) a.timings.push_back(t);
    clock.lap();
  }

  const std::vector<SimilarPair> edges = jaccard_edges(a.pairs, options.lsh.threshold);
  a.clusters = centre_clusters(n, edges);
  a.components = connected_components(n, edges);
  a.timings.push_back({"cluster", clock.lap()});

  for (std::size_t i = 0; i < n; ++i) {
    const Document& d = corpus.documents[i];
    a.ids.push_back(d.id);
    a.token_counts.push_back(tokens[i].size());
    a.shingle_counts.push_back(sets[i].size());
    if (sets[i].empty()) {
      a.diagnostics.push_back({d.origin, "document '" + d.id + "' has " + std::to_string(tokens[i].size()) +
                                             " words, fewer than one shingle of " +
                                             std::to_string(options.shingle.k) + ": its Jaccard scores are 0"});
    }
    if (options.cosine && !tokens[i].tokens.empty() && rows.outerIndexPtr()[i + 1] == rows.outerIndexPtr()[i]) {
      a.diagnostics.push_back({d.origin, "document '" + d.id +
                                             "' has no term left in the TF-IDF vocabulary (min_df/max_df): "
                                             "its cosine scores are 0"});
    }
  }
  return a;
}

Result<PairExplanation> explain(const Corpus& corpus, const PipelineOptions& options, const std::string& id_a,
                                const std::string& id_b) {
  ECHOTRACE_RETURN_IF_ERROR(validate(options));
  if (id_a == id_b) return invalid_argument("explain needs two different documents, got '" + id_a + "' twice");
  std::optional<std::uint32_t> ia, ib;
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    if (corpus.documents[i].id == id_a) ia = static_cast<std::uint32_t>(i);
    if (corpus.documents[i].id == id_b) ib = static_cast<std::uint32_t>(i);
  }
  for (const auto& [found, id] : {std::pair{ia, &id_a}, std::pair{ib, &id_b}}) {
    if (!found) return not_found(corpus.source + ": no document with id '" + *id + "'");
  }
  const int threads = internal::resolve_threads(options.threads);
  std::vector<Cleaning> cleaning;
  std::vector<StageTiming> timings;
  Result<std::vector<TokenizedText>> tokenized = internal::clean_and_tokenize(corpus, options, threads, cleaning, timings);
  if (!tokenized.is_ok()) return tokenized.status();
  const std::vector<TokenizedText>& tokens = *tokenized;
  // Shingle sets of the two documents only; the others stay empty.
  std::vector<std::vector<std::uint64_t>> sets(corpus.documents.size());
  const MinHasher hasher(options.minhash, options.shingle);
  ScoredPair p;
  p.a = std::min(*ia, *ib);
  p.b = std::max(*ia, *ib);
  sets[p.a] = shingle_set(tokens[p.a], options.shingle);
  sets[p.b] = shingle_set(tokens[p.b], options.shingle);
  p.minhash = estimate_jaccard_unchecked(hasher.sketch(sets[p.a]), hasher.sketch(sets[p.b]));
  p.jaccard = exact_jaccard(sets[p.a], sets[p.b]);
  p.cosine = std::numeric_limits<double>::quiet_NaN();
  if (!options.cosine) return explain_pair(p, tokens, sets, nullptr, nullptr, options);
  Result<TfidfModel::Fitted> fitted = TfidfModel::fit_transform(tokens, options.tfidf, threads);
  if (!fitted.is_ok()) return fitted.status();
  p.cosine = std::min(sparse_dot(fitted->rows, p.a, p.b), 1.0);
  return explain_pair(p, tokens, sets, &fitted->rows, &fitted->model, options);
}

}  // namespace echotrace
