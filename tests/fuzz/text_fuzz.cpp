// libFuzzer target: normalisation and tokenization (text.h), then shingling
// and a MinHash sketch of the result. The first byte picks case folding.
// Token spans must lie inside the input, in order and without overlap, each
// with a non-empty normalised form, and all normalised text must be UTF-8.
#include <echotrace/minhash.h>
#include <echotrace/shingle.h>
#include <echotrace/text.h>

#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace echotrace;
  if (size == 0) return 0;
  TextOptions options;
  options.fold_case = (data[0] & 1) != 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  const TokenizedText t = tokenize(text, options);
  ECHOTRACE_FUZZ_CHECK(fuzz::valid_utf8(t.normalized));
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Token& tok = t.tokens[i];
    ECHOTRACE_FUZZ_CHECK(tok.begin < tok.end && tok.end <= text.size());
    ECHOTRACE_FUZZ_CHECK(tok.begin >= previous_end);
    previous_end = tok.end;
    ECHOTRACE_FUZZ_CHECK(tok.norm_size > 0);
    ECHOTRACE_FUZZ_CHECK(std::size_t{tok.norm_begin} + tok.norm_size <= t.normalized.size());
    ECHOTRACE_FUZZ_CHECK(fuzz::valid_utf8(t.token(i)));
  }
  ECHOTRACE_FUZZ_CHECK(fuzz::valid_utf8(normalize(text, options)));

  const ShingleOptions shingles{.k = 2, .seed = 0};
  const std::vector<std::uint64_t> set = shingle_set(t, shingles);
  ECHOTRACE_FUZZ_CHECK(set.size() + 1 <= std::max<std::size_t>(t.size(), 1));
  const MinHasher hasher(MinHashOptions{.num_perm = 16, .seed = 1}, shingles);
  const Signature sig = hasher.sketch(set);
  const double self = estimate_jaccard_unchecked(sig, sig);
  ECHOTRACE_FUZZ_CHECK(self == (set.empty() ? 0.0 : 1.0));  // an empty set resembles nothing
  return 0;
}
