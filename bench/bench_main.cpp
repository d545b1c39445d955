// echotrace_bench: Google Benchmark micro-benchmarks of echotrace's kernels.
//   echotrace_bench [--corpus=PATH] [Google Benchmark flags]
// PATH (JSON lines, plain or .zst) supplies the text; default
// ../shared/corpora/scale_news.jsonl.zst, else generated text. Every kernel
// runs on one thread. scripts/bench_micro.sh runs it and keeps the JSON.
#include <benchmark/benchmark.h>

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <echotrace/pipeline.h>

#include "bench_input.h"

int main(int argc, char** argv) {
  std::string corpus = ECHOTRACE_DEFAULT_CORPUS;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--corpus=", 9) == 0) {
      corpus = argv[i] + 9;
    } else {
      args.push_back(argv[i]);
    }
  }
  echotrace::bench::ScratchDir scratch;
  auto input = echotrace::bench::load_bench_input(corpus, scratch);
  if (!input.is_ok()) {
    std::cerr << "echotrace_bench: " << input.status().to_string() << "\n";
    return 1;
  }
  benchmark::AddCustomContext("echotrace_version", echotrace::version());
  benchmark::AddCustomContext("echotrace_input", input->source);
  benchmark::AddCustomContext("echotrace_input_documents", std::to_string(input->texts.size()));
  benchmark::AddCustomContext("echotrace_input_bytes", std::to_string(input->bytes));
  echotrace::bench::register_text_benchmarks(*input);
  echotrace::bench::register_shingle_benchmarks(*input);
  echotrace::bench::register_minhash_benchmarks(*input);
  echotrace::bench::register_tfidf_benchmarks(*input);
  echotrace::bench::register_similarity_benchmarks(*input);
  echotrace::bench::register_io_benchmarks(*input, scratch);
  echotrace::bench::register_scale_benchmarks(*input);
  // Phrase mining and cleaning register here when their modules land.

  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
