// BM_minhash_*: building K = 128 signatures from shingle sets, ns per shingle,
// for echotrace's one-permutation hashing and two classic baselines
// (minhash_baselines.h); and comparing two signatures.
#include <benchmark/benchmark.h>

#include <echotrace/minhash.h>
#include <echotrace/shingle.h>

#include "bench_input.h"
#include "minhash_baselines.h"

namespace echotrace::bench {
namespace {

constexpr int kNumPerm = 128;

benchmark::Counter ns_per(double items_per_iteration) {
  return benchmark::Counter(items_per_iteration * 1e-9,
                            benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// About `n` distinct shingle hashes of real text.
std::vector<std::uint64_t> shingles_of(const BenchInput& input, std::size_t n) {
  std::vector<std::uint64_t> set = shingle_set(tokenize(input.text_of_size(n * 7)), {});
  while (set.size() < n) set.push_back(hash_shingle(std::to_string(set.size()), 1));
  set.resize(n);
  return set;
}

template <typename Sketch>
void run_sketch(benchmark::State& state, const std::vector<std::uint64_t>& shingles, Sketch&& sketch) {
  for (auto _ : state) benchmark::DoNotOptimize(sketch(shingles));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * shingles.size()));
  state.counters["ns_per_shingle"] = ns_per(static_cast<double>(shingles.size()));
  state.counters["K"] = kNumPerm;
}

}  // namespace

void register_minhash_benchmarks(const BenchInput& input) {
  benchmark::RegisterBenchmark("BM_minhash_oph", [&input](benchmark::State& state) {
    const auto shingles = shingles_of(input, static_cast<std::size_t>(state.range(0)));
    const MinHasher hasher({.num_perm = kNumPerm, .seed = 1}, {});
    run_sketch(state, shingles, [&](const auto& s) { return hasher.sketch(s); });
  })->RangeMultiplier(8)->Range(64, 32768);

  benchmark::RegisterBenchmark("BM_minhash_baseline_multiply_add", [&input](benchmark::State& state) {
    const auto shingles = shingles_of(input, static_cast<std::size_t>(state.range(0)));
    const MultiplyAddMinHash hasher(kNumPerm, 1);
    run_sketch(state, shingles, [&](const auto& s) { return hasher.sketch(s); });
  })->RangeMultiplier(8)->Range(64, 32768);

  benchmark::RegisterBenchmark("BM_minhash_baseline_mersenne61", [&input](benchmark::State& state) {
    const auto shingles = shingles_of(input, static_cast<std::size_t>(state.range(0)));
    const Mersenne61MinHash hasher(kNumPerm, 1);
    run_sketch(state, shingles, [&](const auto& s) { return hasher.sketch(s); });
  })->RangeMultiplier(8)->Range(64, 32768);

  // Estimated Jaccard of two signatures: K comparisons.
  benchmark::RegisterBenchmark("BM_minhash_estimate", [&input](benchmark::State& state) {
    const MinHasher hasher({.num_perm = kNumPerm, .seed = 1}, {});
    const auto a = shingles_of(input, 400);
    auto b = a;
    for (std::size_t i = 0; i < b.size(); i += 3) b[i] ^= 1;  // about half the union shared
    const Signature sa = hasher.sketch(a), sb = hasher.sketch(b);
    for (auto _ : state) benchmark::DoNotOptimize(estimate_jaccard_unchecked(sa, sb));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));  // pairs/s
  });
}

}  // namespace echotrace::bench
