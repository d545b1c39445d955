// BM_tfidf_*: fitting the vocabulary and idf on n tokenized documents and
// transforming them to unit rows; bytes of the documents' text per second and
// documents per second. One thread.
#include <benchmark/benchmark.h>

#include <echotrace/tfidf.h>

#include "bench_input.h"

namespace echotrace::bench {
namespace {

struct Tokenized {
  std::vector<TokenizedText> docs;
  std::size_t bytes = 0;
};

Tokenized tokenized(const BenchInput& input, std::size_t n) {
  Tokenized t;
  for (const std::string& text : input.documents(n)) {
    t.docs.push_back(tokenize(text));
    t.bytes += text.size();
  }
  return t;
}

}  // namespace

void register_tfidf_benchmarks(const BenchInput& input) {
  benchmark::RegisterBenchmark("BM_tfidf_fit", [&input](benchmark::State& state) {
    const Tokenized t = tokenized(input, static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
      Result<TfidfModel> model = TfidfModel::fit(t.docs, {});
      benchmark::DoNotOptimize(model.is_ok());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * t.bytes));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * t.docs.size()));
  })->RangeMultiplier(10)->Range(100, 10000)->Unit(benchmark::kMillisecond);

  benchmark::RegisterBenchmark("BM_tfidf_transform", [&input](benchmark::State& state) {
    const Tokenized t = tokenized(input, static_cast<std::size_t>(state.range(0)));
    const Result<TfidfModel> model = TfidfModel::fit(t.docs, {});
    for (auto _ : state) benchmark::DoNotOptimize(model->transform(t.docs, 1).nonZeros());
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * t.bytes));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * t.docs.size()));
  })->RangeMultiplier(10)->Range(100, 10000)->Unit(benchmark::kMillisecond);
}

}  // namespace echotrace::bench
