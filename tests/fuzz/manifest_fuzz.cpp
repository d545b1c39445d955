// libFuzzer target: the manifest reader. The bytes are parsed as CSV directly
// and then read as manifest.csv of a folder holding a.txt, b.txt and
// "c, d.txt". Nothing may crash; a manifest either fails with a message that
// names it, or every document keeps its file-name id.
#include <echotrace/io.h>

#include "fuzz_util.h"
#include "internal/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace echotrace;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  const Result<std::vector<internal::CsvRecord>> rows = internal::parse_csv(bytes, "m.csv");
  if (rows.is_ok()) {
    std::size_t last = 1;
    for (const internal::CsvRecord& r : *rows) {
      ECHOTRACE_FUZZ_CHECK(r.line >= last);  // records start on ascending lines
      ECHOTRACE_FUZZ_CHECK(!r.fields.empty());
      last = r.line;
    }
  } else {
    ECHOTRACE_FUZZ_CHECK(rows.status().message().rfind("m.csv:", 0) == 0);
  }

  static const std::filesystem::path dir = [] {
    const auto d = fuzz::scratch_dir() / "folder";
    std::filesystem::create_directories(d);
    fuzz::write_bytes(d / "a.txt", "Russia will never put up with terrorists in Idlib, the minister said.");
    fuzz::write_bytes(d / "b.txt", "Turkey guarantees the ceasefire agreed in Sochi.");
    fuzz::write_bytes(d / "c, d.txt", "");
    return d;
  }();
  fuzz::write_bytes(dir / "manifest.csv", bytes);
  const Result<Corpus> corpus = read_corpus(dir);
  if (!corpus.is_ok()) {
    ECHOTRACE_FUZZ_CHECK(corpus.status().message().find("manifest.csv") != std::string::npos);
    return 0;
  }
  ECHOTRACE_FUZZ_CHECK(corpus->documents.size() == 3);
  ECHOTRACE_FUZZ_CHECK(corpus->documents[0].id == "a");
  ECHOTRACE_FUZZ_CHECK(corpus->documents[2].id == "c, d");
  for (const Document& d : corpus->documents) {
    ECHOTRACE_FUZZ_CHECK(fuzz::valid_utf8(d.outlet) && fuzz::valid_utf8(d.date) && fuzz::valid_utf8(d.title));
  }
  return 0;
}
