// BM_text_*: Unicode normalisation and word tokenization, bytes of input text per second.
#include <benchmark/benchmark.h>

#include <echotrace/text.h>

#include "bench_input.h"

namespace echotrace::bench {

void register_text_benchmarks(const BenchInput& input) {
  benchmark::RegisterBenchmark("BM_text_normalize", [&input](benchmark::State& state) {
    const std::string text = input.text_of_size(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(normalize(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  })->RangeMultiplier(16)->Range(4 << 10, 1 << 20);

  benchmark::RegisterBenchmark("BM_text_tokenize", [&input](benchmark::State& state) {
    const std::string text = input.text_of_size(static_cast<std::size_t>(state.range(0)));
    std::size_t tokens = 0;
    for (auto _ : state) {
      const TokenizedText t = tokenize(text);
      tokens = t.size();
      benchmark::DoNotOptimize(t.tokens.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tokens));  // tokens/s
  })->RangeMultiplier(16)->Range(4 << 10, 1 << 20);
}

}  // namespace echotrace::bench
