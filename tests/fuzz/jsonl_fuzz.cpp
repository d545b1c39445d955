// libFuzzer target: the JSON-lines reader (read_corpus on a .jsonl or .zst
// file) on arbitrary bytes. The first byte picks options; the rest is the
// file. Whatever the bytes, reading must not crash, and what it returns must
// hold: UTF-8 text without NUL bytes, unique ids, skips counted.
#include <echotrace/io.h>

#include <set>

#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace echotrace;
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  ReadOptions options;
  options.strict = (mode & 1) != 0;
  options.dedupe_ids = (mode & 2) != 0;
  if ((mode & 4) != 0) options.max_doc_bytes = 64;  // exercise over-long lines
  const auto path = fuzz::scratch_dir() / ((mode & 8) != 0 ? "input.jsonl.zst" : "input.jsonl");
  fuzz::write_bytes(path, bytes);

  const Result<Corpus> corpus = read_corpus(path, options);
  if (!corpus.is_ok()) {
    ECHOTRACE_FUZZ_CHECK(!corpus.status().message().empty());
    return 0;
  }
  std::set<std::string> ids;
  std::size_t skipped = 0;
  for (const Diagnostic& d : corpus->diagnostics) {
    if (d.message.rfind("skipped: ", 0) == 0) ++skipped;
    ECHOTRACE_FUZZ_CHECK(d.where.rfind(path.string(), 0) == 0);
  }
  ECHOTRACE_FUZZ_CHECK(skipped == corpus->counts.skipped);
  ECHOTRACE_FUZZ_CHECK(!options.strict || skipped == 0);
  for (const Document& d : corpus->documents) {
    ECHOTRACE_FUZZ_CHECK(fuzz::valid_utf8(d.text));
    ECHOTRACE_FUZZ_CHECK(d.text.find('\0') == std::string::npos);
    ECHOTRACE_FUZZ_CHECK(d.text.size() <= options.max_doc_bytes);
    ECHOTRACE_FUZZ_CHECK(!d.id.empty());
    ECHOTRACE_FUZZ_CHECK(ids.insert(d.id).second);
  }
  return 0;
}
