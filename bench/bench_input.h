// Input for the micro-benchmarks: news text sampled from a real corpus
// (../shared/corpora/scale_news.jsonl.zst by default) or, when it is absent,
// documents from the corpus generator's synthetic sentences. Also the list of
// benchmark families, registered explicitly from main() so that each captures
// its input by reference instead of through static state.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <echotrace/status.h>

namespace echotrace::bench {

struct BenchInput {
  std::vector<std::string> texts;  // document texts, in corpus order
  std::string source;              // corpus path, or "generated (synthetic sentences)"
  std::size_t bytes = 0;           // sum of texts' sizes

  // Documents joined by blank lines until at least `bytes` bytes (cycling
  // through the sample if needed), then cut at a space: one long article.
  std::string text_of_size(std::size_t bytes) const;
  // The first `n` documents (cycling if the sample has fewer).
  std::vector<std::string> documents(std::size_t n) const;
};

// Scratch files benchmarks write (e.g. corpora to read back); removed by the
// destructor.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Reads every `stride`-th document of at least 200 bytes from `corpus` (JSON
// lines, plain or .zst) up to `max_documents`. When `corpus` is empty or
// missing, generates that many documents from synthetic sentences into
// `scratch` and reads those instead. Errors come from the reader.
Result<BenchInput> load_bench_input(const std::filesystem::path& corpus, const ScratchDir& scratch,
                                    std::size_t max_documents = 12000, std::size_t stride = 3);

// One function per module: registers its BM_<module>_<operation> benchmarks.
void register_text_benchmarks(const BenchInput& input);
void register_shingle_benchmarks(const BenchInput& input);
void register_minhash_benchmarks(const BenchInput& input);
void register_tfidf_benchmarks(const BenchInput& input);
void register_similarity_benchmarks(const BenchInput& input);
void register_io_benchmarks(const BenchInput& input, const ScratchDir& scratch);
// LSH banding, cleaning beside tokenizing, phrase mining beside sketching.
void register_scale_benchmarks(const BenchInput& input);

}  // namespace echotrace::bench
