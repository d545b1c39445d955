// echotrace_gen: writes a deterministic news-like benchmark corpus with planted
// near-duplicates and talking points, plus its ground truth (bench/generator/).
#include <CLI/CLI.hpp>

#include <chrono>
#include <exception>
#include <iostream>

#include "generator/generator.h"

namespace {

namespace fs = std::filesystem;
using echotrace::bench::GeneratorOptions;

// "corpus/x.jsonl.zst" -> "corpus/x.truth.json".
fs::path default_truth_path(const fs::path& corpus) {
  std::string name = corpus.filename().string();
  for (const char* ext : {".zst", ".jsonl", ".json"}) {
    const std::string e = ext;
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) name.resize(name.size() - e.size());
  }
  return corpus.parent_path() / (name + ".truth.json");
}

int run(const GeneratorOptions& options, const std::string& out, std::string truth, const std::string& sentences,
        int zstd_level) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  std::string source = sentences;
  if (source == "auto") source = fs::exists(ECHOTRACE_DEFAULT_SENTENCES) ? ECHOTRACE_DEFAULT_SENTENCES : "synthetic";
  echotrace::bench::SentencePool pool;
  if (source == "synthetic") {
    pool = echotrace::bench::synthetic_pool(options.seed);
  } else {
    auto built = echotrace::bench::pool_from_corpus(source);
    if (!built.is_ok()) {
      std::cerr << "echotrace_gen: " << built.status().to_string() << "\n";
      return 1;
    }
    pool = std::move(built).value();
  }
  const auto t1 = Clock::now();
  std::cerr << "echotrace_gen: " << pool.size() << " sentences from " << pool.source << " ("
            << std::chrono::duration<double>(t1 - t0).count() << " s)\n";
  if (truth.empty()) truth = default_truth_path(out).string();
  // The phrase stage's default dictionary, so that no planted misspelling is
  // a word the stage rightly keeps apart.
  auto dictionary = echotrace::WordList::load_default();
  if (!dictionary.is_ok()) {
    std::cerr << "echotrace_gen: " << dictionary.status().to_string() << "\n";
    return 1;
  }
  GeneratorOptions with_dictionary = options;
  with_dictionary.dictionary = &*dictionary;
  auto result = echotrace::bench::generate_files(with_dictionary, pool, out, truth, zstd_level);
  if (!result.is_ok()) {
    std::cerr << "echotrace_gen: " << result.status().to_string() << "\n";
    return 1;
  }
  std::size_t copies = 0, occurrences = 0;
  for (const auto& f : result->families) copies += f.copies.size();
  for (const auto& p : result->talking_points) occurrences += p.occurrences.size();
  std::cerr << "echotrace_gen: wrote " << result->documents << " documents (" << result->text_bytes
            << " bytes of text; " << result->families.size() << " families with " << copies << " copies; "
            << result->talking_points.size() << " talking points in " << occurrences << " documents) to " << out
            << " and " << truth << " in " << std::chrono::duration<double>(Clock::now() - t1).count() << " s\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    CLI::App app{"echotrace_gen: deterministic news-like benchmark corpora with planted near-duplicates and "
                 "talking points, plus a ground-truth JSON"};
    GeneratorOptions o;
    std::string out = "corpus/generated/news.jsonl.zst";
    std::string truth;
    std::string sentences = "auto";
    int zstd_level = 3;
    app.add_option("-n,--documents", o.documents, "Documents in the corpus, copies included")->capture_default_str();
    app.add_option("--seed", o.seed, "Seed; the same seed and sentence source give a byte-identical corpus")
        ->capture_default_str();
    app.add_option("-o,--out", out, "Corpus file (JSON lines; zstd-compressed when it ends in .zst)")
        ->capture_default_str();
    app.add_option("--truth", truth, "Ground-truth JSON (default: the corpus path with .truth.json)");
    app.add_option("--sentences", sentences,
                   "Where sentences come from: a JSON-lines news corpus (.jsonl/.jsonl.zst), 'synthetic', or 'auto' "
                   "(../shared/corpora/scale_news.jsonl.zst when present, else synthetic)")
        ->capture_default_str();
    app.add_option("--copy-share", o.copy_share, "Share of documents that are near-duplicate copies")
        ->capture_default_str()->check(CLI::Range(0.0, 0.5));
    app.add_option("--max-copies", o.max_copies, "Most copies of one source")->capture_default_str()->check(CLI::PositiveNumber);
    app.add_option("--min-edit-rate", o.min_edit_rate, "Smallest planted edit rate of a copy")->capture_default_str();
    app.add_option("--max-edit-rate", o.max_edit_rate, "Largest planted edit rate of a copy")->capture_default_str();
    app.add_option("--outlets", o.outlets, "Number of outlets")->capture_default_str()->check(CLI::Range(2, 65535));
    app.add_option("--days", o.days, "Days from 2024-01-01 the documents are dated within")->capture_default_str();
    app.add_option("--talking-points", o.talking_points_per_document, "Talking points planted per document")
        ->capture_default_str();
    app.add_option("--min-sentences", o.min_sentences, "Fewest sentences per document")->capture_default_str();
    app.add_option("--max-sentences", o.max_sentences, "Most sentences per document")->capture_default_str();
    app.add_option("--zstd-level", zstd_level, "zstd compression level for .zst output")
        ->capture_default_str()->check(CLI::Range(1, 19));
    app.add_option("-t,--threads", o.threads, "Worker threads (0 = all cores); the output does not depend on it")
        ->capture_default_str()->check(CLI::Range(0, 1024));
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      const int rc = app.exit(e);
      return rc == 0 ? 0 : 2;
    }
    if (const auto s = echotrace::bench::validate(o); !s.is_ok()) {
      std::cerr << "echotrace_gen: " << s.to_string() << "\n";
      return 2;
    }
    return run(o, out, truth, sentences, zstd_level);
  } catch (const std::exception& e) {
    std::cerr << "echotrace_gen: internal error: " << e.what() << "\n";
    return 1;
  }
}
