// echotrace_stages: stage-by-stage timings of echotrace's kernels on a whole
// corpus file, for the corpus benchmark (scripts/bench_corpus.sh).
//
//   echotrace_stages sketch CORPUS   streams the corpus in blocks: read (one
//                                    thread), then tokenize, shingle and MinHash
//                                    each block in parallel, keeping only the
//                                    signatures; memory stays bounded at any N.
//   echotrace_stages tfidf CORPUS    loads every document, tokenizes, fits and
//                                    transforms TF-IDF, builds the cosine matrix
//                                    when n <= --matrix-limit, and writes the
//                                    cosine of chosen pairs (for comparing with
//                                    scikit-learn, bench/py/peer_sklearn.py).
// Prints one JSON object on stdout. Exit codes: 0 success, 1 failure, 2 usage.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <sys/resource.h>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <unordered_map>

#include <echotrace/io.h>
#include <echotrace/minhash.h>
#include <echotrace/report.h>
#include <echotrace/similarity.h>
#include <echotrace/tfidf.h>

#include "generator/rng.h"
#include "internal/threads.h"

namespace {

using namespace echotrace;
using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point& t) {
  const auto now = Clock::now();
  const double s = std::chrono::duration<double>(now - t).count();
  t = now;
  return s;
}

// User plus system CPU time of the whole process (all threads), in seconds:
// less sensitive than wall time to other jobs on a shared machine.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

struct Common {
  std::string corpus;
  int threads = 0;
};

struct SketchArgs {
  Common common;
  std::size_t block = 8192;
  int num_perm = 128;
  bool serial = false;
};

struct TfidfArgs {
  Common common;
  std::size_t matrix_limit = 10000;
  std::size_t sample = 20000;
  std::string pairs_in;
  std::string pairs_out;
  double cosine_threshold = 0.0;  // > 0: time cosine_pairs() at this threshold
  int repeat = 1;
};

int fail(const Status& s) {
  std::cerr << "echotrace_stages: " << s.to_string() << "\n";
  return 1;
}

// End to end on one thread, document by document, with dedup()'s kernels
// (tokenize_into, shingle_hashes_into, MinHasher::sketch) and reused buffers:
// the single-thread sketching throughput from the compressed file.
int run_sketch_serial(const SketchArgs& args) {
  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  auto reader = JsonlReader::open(args.common.corpus);
  if (!reader.is_ok()) return fail(reader.status());
  const MinHasher hasher({.num_perm = args.num_perm, .seed = 1}, {});
  SignatureSet signatures(hasher.params());
  TokenizedText t;
  std::vector<std::uint64_t> shingles;
  std::size_t bytes = 0, tokens = 0;
  Document doc;
  while (true) {
    auto more = (*reader)->next_into(doc);
    if (!more.is_ok()) return fail(more.status());
    if (!*more) break;
    tokenize_into(doc.text, {}, t);
    shingle_hashes_into(t, {}, shingles);
    signatures.resize(signatures.size() + 1);
    hasher.sketch_into(shingles, signatures, signatures.size() - 1);
    bytes += doc.text.size();
    tokens += t.size();
  }
  const double total = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = cpu_seconds() - cpu_start;
  json out{{"mode", "sketch-serial"},
           {"corpus", args.common.corpus},
           {"documents", signatures.size()},
           {"text_bytes", bytes},
           {"tokens", tokens},
           {"num_perm", args.num_perm},
           {"threads", 1},
           {"simdjson", simdjson::get_active_implementation()->name()},
           {"seconds", {{"total", total}, {"cpu", cpu}}},
           {"text_mb_per_s", static_cast<double>(bytes) / total / 1e6},
           {"text_mb_per_cpu_s", static_cast<double>(bytes) / cpu / 1e6}};
  std::cout << out.dump(2) << "\n";
  return 0;
}

int run_sketch(const SketchArgs& args) {
  if (args.serial) return run_sketch_serial(args);
  const int threads = internal::resolve_threads(args.common.threads);
  auto reader = JsonlReader::open(args.common.corpus);
  if (!reader.is_ok()) return fail(reader.status());
  const MinHasher hasher({.num_perm = args.num_perm, .seed = 1}, {});
  SignatureSet signatures(hasher.params());
  double t_read = 0, t_tok = 0, t_shingle = 0, t_minhash = 0;
  std::size_t docs = 0, bytes = 0, tokens = 0, shingles = 0;
  const auto start = Clock::now();
  std::vector<Document> block;
  while (true) {
    auto t = Clock::now();
    block.clear();
    while (block.size() < args.block) {
      auto doc = (*reader)->next();
      if (!doc.is_ok()) return fail(doc.status());
      if (!doc->has_value()) break;
      block.push_back(std::move(**doc));
    }
    t_read += since(t);
    if (block.empty()) break;
    const auto n = static_cast<std::int64_t>(block.size());
    std::vector<TokenizedText> toks(block.size());
    std::vector<std::vector<std::uint64_t>> sets(block.size());
    const std::size_t first = signatures.size();
    signatures.resize(first + block.size());
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
    for (std::int64_t i = 0; i < n; ++i) toks[i] = tokenize(block[i].text);
    t_tok += since(t);
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
    for (std::int64_t i = 0; i < n; ++i) sets[i] = shingle_set(toks[i], {});
    t_shingle += since(t);
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
    for (std::int64_t i = 0; i < n; ++i) hasher.sketch_into(sets[i], signatures, first + static_cast<std::size_t>(i));
    t_minhash += since(t);
    for (std::size_t i = 0; i < block.size(); ++i) {
      bytes += block[i].text.size();
      tokens += toks[i].size();
      shingles += sets[i].size();
    }
    docs += block.size();
  }
  const double total = std::chrono::duration<double>(Clock::now() - start).count();
  json out{{"mode", "sketch"},
           {"corpus", args.common.corpus},
           {"documents", docs},
           {"text_bytes", bytes},
           {"tokens", tokens},
           {"distinct_shingles", shingles},
           {"num_perm", args.num_perm},
           {"threads", threads},
           {"seconds", {{"read", t_read}, {"tokenize", t_tok}, {"shingle", t_shingle}, {"minhash", t_minhash}, {"total", total}}}};
  std::cout << out.dump(2) << "\n";
  return 0;
}

// Pairs to report: those listed in `path` (TSV "id_a<TAB>id_b", a header line
// starting with "id_a" skipped) plus `sample` random distinct pairs (seed 1).
Result<std::vector<std::pair<std::uint32_t, std::uint32_t>>> choose_pairs(const std::vector<Document>& docs,
                                                                         const std::string& path, std::size_t sample) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  if (!path.empty()) {
    std::unordered_map<std::string, std::uint32_t> index;
    for (std::size_t i = 0; i < docs.size(); ++i) index.emplace(docs[i].id, static_cast<std::uint32_t>(i));
    std::ifstream in(path);
    if (!in) return io_error(path + ": cannot open");
    std::string line;
    for (std::size_t no = 1; std::getline(in, line); ++no) {
      if (line.empty() || line.rfind("id_a", 0) == 0) continue;
      const std::size_t tab = line.find('\t');
      const std::size_t tab2 = line.find('\t', tab + 1);
      const auto a = index.find(line.substr(0, tab));
      const auto b = index.find(tab == std::string::npos ? "" : line.substr(tab + 1, tab2 - tab - 1));
      if (a == index.end() || b == index.end()) return parse_error(path + ":" + std::to_string(no) + ": unknown document id");
      pairs.emplace_back(std::min(a->second, b->second), std::max(a->second, b->second));
    }
  }
  echotrace::bench::Rng rng(1);
  for (std::size_t k = 0; k < sample && docs.size() >= 2; ++k) {
    const auto a = static_cast<std::uint32_t>(rng.below(docs.size()));
    auto b = static_cast<std::uint32_t>(rng.below(docs.size() - 1));
    if (b >= a) ++b;
    pairs.emplace_back(std::min(a, b), std::max(a, b));
  }
  return pairs;
}

int run_tfidf(const TfidfArgs& args) {
  const int threads = internal::resolve_threads(args.common.threads);
  auto t = Clock::now();
  auto corpus = read_corpus(args.common.corpus);
  if (!corpus.is_ok()) return fail(corpus.status());
  const std::vector<Document>& docs = corpus->documents;
  json seconds{{"read", since(t)}};
  const auto n = static_cast<std::int64_t>(docs.size());
  std::vector<TokenizedText> toks(docs.size());
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
  for (std::int64_t i = 0; i < n; ++i) toks[i] = tokenize(docs[i].text);
  seconds["tokenize"] = since(t);
  auto model = TfidfModel::fit(toks, {});
  if (!model.is_ok()) return fail(model.status());
  seconds["fit"] = since(t);
  const SparseRows rows = model->transform(toks, threads);
  seconds["transform"] = since(t);
  DenseMatrix matrix;
  if (docs.size() <= args.matrix_limit) {
    matrix = cosine_matrix(rows, threads);
    seconds["cosine_matrix"] = since(t);
  } else {
    seconds["cosine_matrix"] = nullptr;
  }
  json cosine = nullptr;
  if (args.cosine_threshold > 0.0) {
    std::vector<double> runs, cpu;
    std::size_t found = 0;
    for (int r = 0; r < args.repeat; ++r) {
      const double cpu0 = cpu_seconds();
      since(t);
      found = cosine_pairs(rows, args.cosine_threshold, threads).size();
      runs.push_back(since(t));
      cpu.push_back(cpu_seconds() - cpu0);
    }
    std::vector<double> sorted = runs;
    std::sort(sorted.begin(), sorted.end());
    cosine = {{"threshold", args.cosine_threshold}, {"pairs", found}, {"seconds", runs}, {"cpu_seconds", cpu},
              {"median", sorted[sorted.size() / 2]}};
  }
  std::size_t bytes = 0, tokens = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    bytes += docs[i].text.size();
    tokens += toks[i].size();
  }
  if (!args.pairs_out.empty()) {
    auto pairs = choose_pairs(docs, args.pairs_in, args.sample);
    if (!pairs.is_ok()) return fail(pairs.status());
    std::string tsv = "id_a\tid_b\tcosine\n";
    char buf[64];
    for (const auto& [a, b] : *pairs) {
      const double c = matrix.n != 0 ? matrix.at(a, b) : std::clamp(rows.row(a).dot(rows.row(b)), 0.0, 1.0);
      std::snprintf(buf, sizeof buf, "\t%.12f\n", c);
      tsv += docs[a].id + "\t" + docs[b].id + buf;
    }
    if (Status s = write_text_file(args.pairs_out, tsv); !s.is_ok()) return fail(s);
  }
  json out{{"mode", "tfidf"},
           {"corpus", args.common.corpus},
           {"documents", docs.size()},
           {"text_bytes", bytes},
           {"tokens", tokens},
           {"vocabulary", model->terms().size()},
           {"nonzeros", rows.nonZeros()},
           {"threads", threads},
           {"seconds", seconds},
           {"cosine_pairs", cosine}};
  std::cout << out.dump(2) << "\n";
  return 0;
}

void add_common(CLI::App& cmd, Common& c) {
  cmd.add_option("corpus", c.corpus, "JSON-lines corpus (.jsonl or .jsonl.zst)")->required();
  cmd.add_option("-t,--threads", c.threads, "Worker threads (0 = all cores)")->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    CLI::App app{"echotrace_stages: stage timings of echotrace's kernels on a corpus file (JSON on stdout)"};
    app.require_subcommand(1);
    SketchArgs sketch;
    TfidfArgs tfidf;
    CLI::App* s = app.add_subcommand("sketch", "Stream the corpus: read, tokenize, shingle (k = 5) and MinHash");
    add_common(*s, sketch.common);
    s->add_option("--block", sketch.block, "Documents per parallel block")->capture_default_str()->check(CLI::PositiveNumber);
    s->add_flag("--serial", sketch.serial,
                "One thread, document by document (read, tokenize, shingle, MinHash): dedup's kernels end to end");
    s->add_option("--num-perm", sketch.num_perm, "MinHash signature length K")->capture_default_str()->check(CLI::Range(1, 65536));
    CLI::App* f = app.add_subcommand("tfidf", "Load the corpus and time TF-IDF fit, transform and the cosine matrix");
    add_common(*f, tfidf.common);
    f->add_option("--matrix-limit", tfidf.matrix_limit, "Build the n x n cosine matrix only up to this n")->capture_default_str();
    f->add_option("--sample", tfidf.sample, "Random pairs whose cosine is written to --pairs-out")->capture_default_str();
    f->add_option("--pairs", tfidf.pairs_in, "TSV of id_a, id_b pairs whose cosine is also written");
    f->add_option("--pairs-out", tfidf.pairs_out, "Write id_a, id_b, cosine of the chosen pairs here");
    f->add_option("--cosine-pairs", tfidf.cosine_threshold, "Also time cosine_pairs() at this threshold (0 = skip)")
        ->capture_default_str()->check(CLI::Range(0.0, 1.0));
    f->add_option("--repeat", tfidf.repeat, "Runs of cosine_pairs() (each timed; the median is reported)")
        ->capture_default_str()->check(CLI::Range(1, 100));
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      const int rc = app.exit(e);
      return rc == 0 ? 0 : 2;
    }
    return s->parsed() ? run_sketch(sketch) : run_tfidf(tfidf);
  } catch (const std::exception& e) {
    std::cerr << "echotrace_stages: internal error: " << e.what() << "\n";
    return 1;
  }
}
