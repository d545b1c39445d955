// BM_io_*: reading JSON-lines corpora with io.h's streaming JsonlReader, plain
// and zstd-compressed; bytes of uncompressed JSON per second.
#include <benchmark/benchmark.h>

#include <echotrace/io.h>

#include "bench_input.h"
#include "generator/corpus_writer.h"

namespace echotrace::bench {
namespace {

// About `bytes` of JSON lines made from the sample; deterministic.
std::vector<std::string> sample_lines(const BenchInput& input, std::size_t bytes) {
  std::vector<std::string> lines;
  for (std::size_t i = 0, total = 0; total < bytes; ++i) {
    std::string line = "{\"id\":\"d" + std::to_string(i) + "\",\"outlet\":\"Bench\",\"date\":\"2024-01-01\",\"text\":";
    append_json_string(line, input.texts[i % input.texts.size()]);
    line += "}";
    total += line.size() + 1;
    lines.push_back(std::move(line));
  }
  return lines;
}

void read_benchmark(benchmark::State& state, const BenchInput& input, const std::filesystem::path& path) {
  const std::vector<std::string> lines = sample_lines(input, static_cast<std::size_t>(state.range(0)) << 20);
  std::size_t bytes = 0;
  for (const std::string& l : lines) bytes += l.size() + 1;
  if (!std::filesystem::exists(path)) {  // written once, read by every later run of this benchmark
    auto writer = CorpusWriter::create(path);
    if (!writer.is_ok()) {
      state.SkipWithError(writer.status().to_string().c_str());
      return;
    }
    for (const std::string& l : lines) (*writer)->write_line(l);
    if (Status s = (*writer)->commit(); !s.is_ok()) {
      state.SkipWithError(s.to_string().c_str());
      return;
    }
  }
  std::size_t docs = 0;
  for (auto _ : state) {
    auto reader = JsonlReader::open(path);
    docs = 0;
    while (reader.is_ok()) {
      auto doc = (*reader)->next();
      if (!doc.is_ok() || !doc->has_value()) break;
      ++docs;
    }
  }
  if (docs != lines.size()) state.SkipWithError("read back a different number of documents");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * docs));
}

}  // namespace

void register_io_benchmarks(const BenchInput& input, const ScratchDir& scratch) {
  benchmark::RegisterBenchmark("BM_io_read_jsonl", [&input, &scratch](benchmark::State& state) {
    read_benchmark(state, input, scratch.path() / ("sample-" + std::to_string(state.range(0)) + ".jsonl"));
  })->Arg(4)->Arg(32)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_io_read_jsonl_zst", [&input, &scratch](benchmark::State& state) {
    read_benchmark(state, input, scratch.path() / ("sample-" + std::to_string(state.range(0)) + ".jsonl.zst"));
  })->Arg(4)->Arg(32)->Unit(benchmark::kMillisecond);
}

}  // namespace echotrace::bench
