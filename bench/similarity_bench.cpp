// BM_similarity_*: the dense n x n kernels of similarity.h, pairs per second
// (n(n-1)/2 pairs per matrix). One thread.
#include <benchmark/benchmark.h>

#include <echotrace/similarity.h>

#include "bench_input.h"

namespace echotrace::bench {
namespace {

struct Prepared {
  std::vector<TokenizedText> tokens;
  std::vector<std::vector<std::uint64_t>> sets;
  SignatureSet signatures;
};

Prepared prepare(const BenchInput& input, std::size_t n) {
  Prepared p;
  const MinHasher hasher({}, {});
  p.signatures = SignatureSet(hasher.params());
  for (const std::string& text : input.documents(n)) {
    p.tokens.push_back(tokenize(text));
    p.sets.push_back(shingle_set(p.tokens.back(), {}));
    p.signatures.push_back(hasher.sketch(p.sets.back()));
  }
  return p;
}

void set_pairs(benchmark::State& state, std::size_t n) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n * (n - 1) / 2));
}

}  // namespace

void register_similarity_benchmarks(const BenchInput& input) {
  benchmark::RegisterBenchmark("BM_similarity_cosine_matrix", [&input](benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const Prepared p = prepare(input, n);
    const SparseRows rows = TfidfModel::fit(p.tokens, {})->transform(p.tokens, 1);
    for (auto _ : state) benchmark::DoNotOptimize(cosine_matrix(rows, 1).values.data());
    set_pairs(state, n);
  })->RangeMultiplier(4)->Range(128, 2048)->Unit(benchmark::kMillisecond);

  benchmark::RegisterBenchmark("BM_similarity_minhash_matrix", [&input](benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const Prepared p = prepare(input, n);
    for (auto _ : state) benchmark::DoNotOptimize(minhash_matrix(p.signatures, 1).values.data());
    set_pairs(state, n);
  })->RangeMultiplier(4)->Range(128, 2048)->Unit(benchmark::kMillisecond);

  benchmark::RegisterBenchmark("BM_similarity_exact_jaccard_matrix", [&input](benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const Prepared p = prepare(input, n);
    for (auto _ : state) benchmark::DoNotOptimize(exact_jaccard_matrix(p.sets, 1).values.data());
    set_pairs(state, n);
  })->RangeMultiplier(4)->Range(128, 2048)->Unit(benchmark::kMillisecond);
}

}  // namespace echotrace::bench
