// BM_lsh_*, BM_clean_*, BM_phrases_*: the corpus-level stages, per document.
// Cleaning is timed beside tokenizing the same documents (issue 3 asks that it
// cost less), phrase mining beside sketching them (issue 6: at most 5x).
#include <benchmark/benchmark.h>

#include <echotrace/clean.h>
#include <echotrace/lsh.h>
#include <echotrace/phrases.h>

#include "bench_input.h"

namespace echotrace::bench {
namespace {

Corpus corpus_of(const BenchInput& input, std::size_t n) {
  Corpus c;
  c.source = input.source;
  const std::vector<std::string> texts = input.documents(n);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    // A handful of outlets, so repetition and spread have something to count.
    Document d;
    d.id = std::to_string(i);
    d.outlet = std::to_string(i % 7);
    d.outlet.insert(0, "outlet");
    d.date = std::to_string(10 + i % 20);
    d.date.insert(0, "2024-01-");
    d.text = texts[i];
    c.documents.push_back(std::move(d));
  }
  return c;
}

std::int64_t text_bytes(const Corpus& c) {
  std::int64_t bytes = 0;
  for (const Document& d : c.documents) bytes += static_cast<std::int64_t>(d.text.size());
  return bytes;
}

}  // namespace

void register_scale_benchmarks(const BenchInput& input) {
  benchmark::RegisterBenchmark("BM_lsh_candidates", [&input](benchmark::State& state) {
    const MinHasher hasher({}, {});
    SignatureSet sigs(hasher.params());
    for (const std::string& t : input.documents(static_cast<std::size_t>(state.range(0)))) {
      sigs.push_back(hasher.sketch(shingle_set(tokenize(t), {})));
    }
    const LshParams p = choose_lsh_params({}, 128);
    for (auto _ : state) benchmark::DoNotOptimize(candidate_pairs(sigs, p, 2000, 1));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * sigs.size()));  // documents/s
  })->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

  benchmark::RegisterBenchmark("BM_clean_corpus", [&input](benchmark::State& state) {
    const Corpus c = corpus_of(input, static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(clean_corpus(c, {}, 1));
    state.SetBytesProcessed(state.iterations() * text_bytes(c));
  })->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

  benchmark::RegisterBenchmark("BM_clean_tokenize_same_documents", [&input](benchmark::State& state) {
    const Corpus c = corpus_of(input, static_cast<std::size_t>(state.range(0)));
    TokenizedText t;
    for (auto _ : state) {
      for (const Document& d : c.documents) {
        tokenize_into(d.text, {}, t);
        benchmark::DoNotOptimize(t.tokens.data());
      }
    }
    state.SetBytesProcessed(state.iterations() * text_bytes(c));
  })->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

  benchmark::RegisterBenchmark("BM_phrases_mine", [&input](benchmark::State& state) {
    const Corpus c = corpus_of(input, static_cast<std::size_t>(state.range(0)));
    std::vector<TokenizedText> tokens;
    for (const Document& d : c.documents) tokens.push_back(tokenize(d.text));
    for (auto _ : state) benchmark::DoNotOptimize(find_talking_points(c.documents, tokens, {}, {}, 1));
    state.SetBytesProcessed(state.iterations() * text_bytes(c));
  })->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

  benchmark::RegisterBenchmark("BM_phrases_sketch_same_documents", [&input](benchmark::State& state) {
    const Corpus c = corpus_of(input, static_cast<std::size_t>(state.range(0)));
    const MinHasher hasher({}, {});
    TokenizedText t;
    std::vector<std::uint64_t> shingles;
    for (auto _ : state) {
      for (const Document& d : c.documents) {
        tokenize_into(d.text, {}, t);
        shingle_hashes_into(t, {}, shingles);
        benchmark::DoNotOptimize(hasher.sketch(shingles));
      }
    }
    state.SetBytesProcessed(state.iterations() * text_bytes(c));
  })->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
}

}  // namespace echotrace::bench
