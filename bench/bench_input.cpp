#include "bench_input.h"

#include <unistd.h>

#include <echotrace/io.h>

#include "generator/generator.h"

namespace echotrace::bench {

std::string BenchInput::text_of_size(std::size_t size) const {
  std::string out;
  for (std::size_t i = 0; out.size() < size; i = (i + 1) % texts.size()) {
    if (!out.empty()) out += "\n\n";
    out += texts[i];
  }
  const std::size_t cut = out.rfind(' ', size);
  out.resize(cut == std::string::npos || cut == 0 ? size : cut);
  return out;
}

std::vector<std::string> BenchInput::documents(std::size_t n) const {
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(texts[i % texts.size()]);
  return out;
}

Result<BenchInput> load_bench_input(const std::filesystem::path& corpus, const ScratchDir& scratch,
                                    std::size_t max_documents, std::size_t stride) {
  std::filesystem::path path = corpus;
  BenchInput input;
  input.source = corpus.string();
  if (corpus.empty() || !std::filesystem::exists(corpus)) {
    GeneratorOptions o;
    o.documents = max_documents;
    path = scratch.path() / "generated.jsonl";
    Result<GroundTruth> truth = generate_files(o, synthetic_pool(o.seed), path, scratch.path() / "generated.truth.json");
    if (!truth.is_ok()) return truth.status();
    input.source = "generated (synthetic sentences)";
    stride = 1;
  }
  Result<std::unique_ptr<JsonlReader>> reader = JsonlReader::open(path);
  if (!reader.is_ok()) return reader.status();
  for (std::size_t line = 0; input.texts.size() < max_documents; ++line) {
    Result<std::optional<Document>> doc = (*reader)->next();
    if (!doc.is_ok()) return doc.status();
    if (!doc->has_value()) break;
    if (line % stride != 0 || (*doc)->text.size() < 200) continue;
    input.texts.push_back(std::move((*doc)->text));
  }
  if (input.texts.empty()) return invalid_argument(path.string() + ": no documents to benchmark on");
  for (const std::string& t : input.texts) input.bytes += t.size();
  return input;
}

ScratchDir::ScratchDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "echotrace_bench_XXXXXX").string();
  if (::mkdtemp(templ.data()) != nullptr) path_ = templ;  // else empty: writes fail and report it
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

}  // namespace echotrace::bench
