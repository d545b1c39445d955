// libFuzzer target: the cleaner (clean.h) on a two-document corpus cut from the
// input (the first byte picks outlets and where the cut falls), so both the
// per-line features and the corpus-level repetition index run. Removed spans
// must lie inside their document, ascending and disjoint; masking keeps the
// length and every '\n'; tokens of the masked text lie outside every span.
#include <echotrace/clean.h>
#include <echotrace/text.h>

#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace echotrace;
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::size_t cut = input.size() * (data[0] & 0x0f) / 16;
  Corpus corpus;
  corpus.source = "fuzz";
  for (const std::string_view part : {input.substr(0, cut), input.substr(cut)}) {
    Document d;
    d.id = std::to_string(corpus.documents.size());
    d.outlet = (data[0] & 0x10) ? "same" : d.id;
    d.text.assign(part);
    corpus.documents.push_back(std::move(d));
  }
  const Result<std::vector<Cleaning>> cleaning = clean_corpus(corpus, {}, 1);
  ECHOTRACE_FUZZ_CHECK(cleaning.is_ok());
  ECHOTRACE_FUZZ_CHECK(cleaning->size() == corpus.documents.size());
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    const std::string& text = corpus.documents[i].text;
    const std::vector<RemovedSpan>& removed = (*cleaning)[i].removed;
    std::size_t previous_end = 0;
    for (const RemovedSpan& r : removed) {
      ECHOTRACE_FUZZ_CHECK(r.begin >= previous_end && r.begin < r.end && r.end <= text.size());
      previous_end = r.end;
    }
    const std::string masked = mask_removed(text, removed);
    ECHOTRACE_FUZZ_CHECK(masked.size() == text.size());
    for (std::size_t b = 0; b < text.size(); ++b) ECHOTRACE_FUZZ_CHECK((text[b] == '\n') == (masked[b] == '\n'));
    const TokenizedText t = tokenize(masked);
    for (const Token& tok : t.tokens) {
      for (const RemovedSpan& r : removed) ECHOTRACE_FUZZ_CHECK(tok.end <= r.begin || tok.begin >= r.end);
    }
  }
  return 0;
}
