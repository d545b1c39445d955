// BM_shingle_*: k = 5 word shingles hashed with XXH3-64; bytes of the original
// text per second, shingles per second and ns per shingle.
#include <benchmark/benchmark.h>

#include <echotrace/shingle.h>
#include <echotrace/text.h>

#include "bench_input.h"

namespace echotrace::bench {
namespace {

// "ns_per_item": seconds per item scaled to nanoseconds (Google Benchmark
// divides the counter by the time and inverts it).
benchmark::Counter ns_per(double items_per_iteration) {
  return benchmark::Counter(items_per_iteration * 1e-9,
                            benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

void register_shingle_benchmarks(const BenchInput& input) {
  // Hashing only: the text is tokenized once outside the loop.
  benchmark::RegisterBenchmark("BM_shingle_hash", [&input](benchmark::State& state) {
    const std::string text = input.text_of_size(static_cast<std::size_t>(state.range(0)));
    const TokenizedText tokens = tokenize(text);
    const ShingleOptions options;
    std::size_t shingles = 0;
    for (auto _ : state) {
      const std::vector<std::uint64_t> h = shingle_hashes(tokens, options);
      shingles = h.size();
      benchmark::DoNotOptimize(h.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * shingles));
    state.counters["ns_per_shingle"] = ns_per(static_cast<double>(shingles));
  })->RangeMultiplier(16)->Range(4 << 10, 1 << 20);

  // From raw article text to each article's sorted distinct shingle set
  // (tokenize + hash + sort), over n real documents: the pipeline's per-document
  // work before MinHash.
  benchmark::RegisterBenchmark("BM_shingle_documents_to_sets", [&input](benchmark::State& state) {
    const std::vector<std::string> docs = input.documents(static_cast<std::size_t>(state.range(0)));
    std::size_t bytes = 0, shingles = 0;
    for (const std::string& d : docs) bytes += d.size();
    const ShingleOptions options;
    for (auto _ : state) {
      shingles = 0;
      for (const std::string& d : docs) {
        const std::vector<std::uint64_t> set = shingle_set(tokenize(d), options);
        shingles += set.size();
        benchmark::DoNotOptimize(set.data());
      }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * shingles));
    state.counters["ns_per_shingle"] = ns_per(static_cast<double>(shingles));
  })->RangeMultiplier(10)->Range(10, 1000);

  // Exact Jaccard of two documents' shingle sets (a sorted merge).
  benchmark::RegisterBenchmark("BM_shingle_exact_jaccard", [&input](benchmark::State& state) {
    const auto size = static_cast<std::size_t>(state.range(0));
    const std::string a = input.text_of_size(size);
    const std::string b = input.text_of_size(size + size / 2).substr(size / 2);  // half overlapping
    const auto sa = shingle_set(tokenize(a), {});
    const auto sb = shingle_set(tokenize(b), {});
    for (auto _ : state) benchmark::DoNotOptimize(exact_jaccard(sa, sb));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * (sa.size() + sb.size())));
    state.counters["jaccard"] = exact_jaccard(sa, sb);
  })->RangeMultiplier(16)->Range(4 << 10, 256 << 10);
}

}  // namespace echotrace::bench
