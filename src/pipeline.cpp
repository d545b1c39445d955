#include <echotrace/pipeline.h>

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>
#include <unicode/uversion.h>

#include <chrono>
#include <cstdio>

#include <echotrace/report.h>

#include "internal/hash.h"
#include "internal/output_dir.h"
#include "internal/threads.h"

namespace echotrace {
namespace {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  // Seconds since construction or the previous lap.
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - start_).count();
    start_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

const char* version() { return ECHOTRACE_VERSION; }

Status validate(const PipelineOptions& o) {
  if (o.shingle.k < 1 || o.shingle.k > 64) {
    return invalid_argument("shingle size must be in [1, 64], got " + std::to_string(o.shingle.k));
  }
  if (o.minhash.num_perm < 1 || o.minhash.num_perm > 65536) {
    return invalid_argument("num_perm must be in [1, 65536], got " + std::to_string(o.minhash.num_perm));
  }
  if (o.threads > 1024) return invalid_argument("threads must be at most 1024, got " + std::to_string(o.threads));
  if (o.read.max_doc_bytes < 1 || o.read.max_doc_bytes > kMaxDocBytesLimit) {
    return invalid_argument("max_doc_bytes must be in [1, " + std::to_string(kMaxDocBytesLimit) + "], got " +
                            std::to_string(o.read.max_doc_bytes));
  }
  return validate(o.tfidf);
}

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
  if (n > options.dense_limit) {
    return invalid_argument(corpus.source + ": " + std::to_string(n) +
                            " documents exceed the dense-matrix limit of " + std::to_string(options.dense_limit) +
                            " (raise it with --dense-limit; n x n matrices need 24 n^2 bytes)");
  }
  const int threads = internal::resolve_threads(options.threads);
  const std::int64_t count = static_cast<std::int64_t>(n);
  Analysis a;
  Stopwatch clock;

  std::vector<TokenizedText> tokens(n);
#pragma omp parallel for schedule(dynamic, 8) num_threads(threads)
  for (std::int64_t i = 0; i < count; ++i) tokens[i] = tokenize(corpus.documents[i].text, options.text);
  a.timings.push_back({"tokenize", clock.lap()});

  std::vector<std::vector<std::uint64_t>> sets(n);
#pragma omp parallel for schedule(dynamic, 8) num_threads(threads)
  for (std::int64_t i = 0; i < count; ++i) sets[i] = shingle_set(tokens[i], options.shingle);
  a.timings.push_back({"shingle", clock.lap()});

  const MinHasher hasher(options.minhash, options.shingle);
  a.signatures.resize(n);
#pragma omp parallel for schedule(dynamic, 8) num_threads(threads)
  for (std::int64_t i = 0; i < count; ++i) a.signatures[i] = hasher.sketch(sets[i]);
  a.timings.push_back({"minhash", clock.lap()});

  Result<TfidfModel> model = TfidfModel::fit(tokens, options.tfidf);
  if (!model.is_ok()) return model.status();
  const SparseRows rows = model->transform(tokens, threads);
  a.vocabulary_size = model->terms().size();
  a.timings.push_back({"tfidf", clock.lap()});

  a.minhash = minhash_matrix(a.signatures, threads);
  a.jaccard = exact_jaccard_matrix(sets, threads);
  a.cosine = cosine_matrix(rows, threads);
  a.pairs = all_pairs(a.minhash, a.jaccard, a.cosine);
  a.timings.push_back({"similarity", clock.lap()});

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
    if (!tokens[i].tokens.empty() && rows.outerIndexPtr()[i + 1] == rows.outerIndexPtr()[i]) {
      a.diagnostics.push_back({d.origin, "document '" + d.id +
                                             "' has no term left in the TF-IDF vocabulary (min_df/max_df): "
                                             "its cosine scores are 0"});
    }
  }
  return a;
}

namespace {

// Writes every output file into `out_dir`, run.json last.
Status write_outputs(const Analysis& a, const Corpus& corpus, const PipelineOptions& o,
                     const std::filesystem::path& out_dir) {
  const struct {
    const char* name;
    const DenseMatrix* m;
  } matrices[] = {{"minhash_jaccard", &a.minhash}, {"exact_jaccard", &a.jaccard}, {"tfidf_cosine", &a.cosine}};
  nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
  for (const auto& [name, m] : matrices) {
    ECHOTRACE_RETURN_IF_ERROR(write_matrix_csv(out_dir / (std::string(name) + ".csv"), *m, a.ids));
    ECHOTRACE_RETURN_IF_ERROR(write_matrix_npy(out_dir / (std::string(name) + ".npy"), *m));
    outputs.push_back(std::string(name) + ".csv");
    outputs.push_back(std::string(name) + ".npy");
  }
  ECHOTRACE_RETURN_IF_ERROR(write_pairs_tsv(out_dir / "pairs.tsv", a.pairs, a.ids));
  outputs.push_back("pairs.tsv");

  using json = nlohmann::ordered_json;
  json run;
  run["tool"] = "echotrace";
  run["version"] = version();
  run["input"] = {{"path", corpus.source}, {"documents", corpus.documents.size()}};
  std::uint64_t corpus_digest = 0;
  std::size_t total_bytes = 0;
  json docs = json::array();
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    const Document& d = corpus.documents[i];
    const std::uint64_t h = internal::xxh3_64(d.text, 0);
    corpus_digest = internal::xxh3_64(d.id + '\n' + hex64(h), corpus_digest);
    total_bytes += d.text.size();
    docs.push_back({{"id", d.id},
                    {"outlet", d.outlet},
                    {"date", d.date},
                    {"bytes", d.text.size()},
                    {"tokens", a.token_counts[i]},
                    {"shingles", a.shingle_counts[i]},
                    {"xxh3", hex64(h)}});
  }
  run["input"]["bytes"] = total_bytes;
  run["input"]["xxh3"] = hex64(corpus_digest);
  run["input"]["skipped"] = corpus.counts.skipped;
  run["input"]["utf8_repaired"] = corpus.counts.utf8_repaired;
  run["input"]["ids_renamed"] = corpus.counts.ids_renamed;
  // Tokenization follows the Unicode tables of the ICU it runs with.
  run["environment"] = {{"icu", U_ICU_VERSION}, {"unicode", U_UNICODE_VERSION}};
  run["options"] = {
      {"read",
       {{"strict", o.read.strict}, {"max_doc_bytes", o.read.max_doc_bytes}, {"dedupe_ids", o.read.dedupe_ids}}},
      {"text", {{"fold_case", o.text.fold_case}, {"nfkc", true}}},
      {"shingle", {{"k", o.shingle.k}, {"hash", std::string(shingle_hash_name())}, {"seed", o.shingle.seed}}},
      {"minhash", {{"algorithm", kMinHashAlgorithm}, {"num_perm", o.minhash.num_perm}, {"seed", o.minhash.seed}}},
      {"tfidf",
       {{"sublinear_tf", o.tfidf.sublinear_tf},
        {"smooth_idf", o.tfidf.smooth_idf},
        {"min_df", o.tfidf.min_df},
        {"max_df", o.tfidf.max_df},
        {"ngram_range", {o.tfidf.ngram_min, o.tfidf.ngram_max}},
        {"norm", o.tfidf.l2_normalize ? "l2" : "none"}}},
      {"dense_limit", o.dense_limit},
  };
  run["threads"] = internal::resolve_threads(o.threads);
  run["vocabulary_size"] = a.vocabulary_size;
  run["documents"] = docs;
  json diags = json::array();
  for (const auto* list : {&corpus.diagnostics, &a.diagnostics}) {
    for (const Diagnostic& d : *list) diags.push_back({{"where", d.where}, {"message", d.message}});
  }
  run["warnings"] = diags.size();
  run["diagnostics"] = diags;
  json timings = json::object();
  for (const StageTiming& t : a.timings) timings[t.stage] = t.seconds;
  run["timings"] = timings;
  run["outputs"] = outputs;
  // Ids and paths were repaired to UTF-8 on reading; replace, never throw, if one slipped through.
  return write_text_file(out_dir / "run.json",
                         run.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

}  // namespace

Status write_analysis(const Analysis& a, const Corpus& corpus, const PipelineOptions& o,
                      const std::filesystem::path& out_dir) {
  auto stage = internal::OutputStage::begin(out_dir);
  if (!stage.is_ok()) return stage.status();
  ECHOTRACE_RETURN_IF_ERROR(write_outputs(a, corpus, o, (*stage)->path()));
  return (*stage)->commit("run.json");
}

}  // namespace echotrace
