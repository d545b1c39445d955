// Background frequency tables (background.h): counting n-gram document
// frequencies of a reference corpus, lookups. Reading and writing the file
// format is in background_file.cpp.
#include <echotrace/background.h>

#include <algorithm>
#include <bit>
#include <unordered_map>

#include "internal/assert.h"
#include "internal/background_key.h"
#include "internal/hash.h"
#include "internal/phrase_corpus.h"
#include "internal/stemmer.h"
#include "internal/threads.h"

namespace echotrace {
namespace {

static_assert(std::endian::native == std::endian::little, "background keys hash word keys in little-endian order");

// The reference corpus's words, one entry per position (phrase_corpus.h):
// key, how many words a phrase may run from here (capped at max_tokens) and
// the document.
struct Positions {
  std::vector<std::uint64_t> key;
  std::vector<std::uint8_t> run;
  std::vector<std::uint32_t> doc;
  std::uint64_t documents = 0;
};

bool horizontal_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

// Turns every run of white space that holds exactly one line break into
// spaces (a hard wrap inside a paragraph); a blank line stays a break.
void unwrap_lines(std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    std::size_t a = i, b = i;
    while (a > 0 && horizontal_space(text[a - 1])) --a;
    int breaks = 0;
    for (; b < text.size() && (horizontal_space(text[b]) || text[b] == '\n' || text[b] == '\r'); ++b) {
      if (text[b] == '\n' || (text[b] == '\r' && (b + 1 == text.size() || text[b + 1] != '\n'))) ++breaks;
    }
    if (breaks == 1) {
      for (std::size_t j = a; j < b; ++j) text[j] = ' ';
    }
    i = b - 1;
  }
}

// Positions are indexed with 32 bits.
constexpr std::size_t kMaxPositions = UINT32_MAX - 1;

// Adds the words of `docs`; false (nothing added) when they would exceed kMaxPositions.
bool add_batch(std::span<const Document> docs, const BackgroundOptions& o, int threads, Positions& out) {
  std::vector<TokenizedText> tokens(docs.size());
  std::vector<Document> unwrapped(o.unwrap_lines ? docs.size() : 0);
  const auto nd = static_cast<std::int64_t>(docs.size());
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
  for (std::int64_t d = 0; d < nd; ++d) {
    const auto k = static_cast<std::size_t>(d);
    if (o.unwrap_lines) {
      unwrapped[k].text = docs[k].text;
      unwrap_lines(unwrapped[k].text);
    }
    tokenize_into(o.unwrap_lines ? unwrapped[k].text : docs[k].text, o.text, tokens[k]);
  }
  const internal::PhraseCorpus c =
      internal::flatten(o.unwrap_lines ? std::span<const Document>(unwrapped) : docs, tokens, threads);
  const std::size_t n = c.run.size();
  const std::size_t base = out.key.size();
  if (base + n > kMaxPositions || out.documents + docs.size() > kMaxPositions) return false;
  out.key.resize(base + n);
  out.run.resize(base + n);
  out.doc.resize(base + n);
  const auto first_doc = static_cast<std::uint32_t>(out.documents);
  const auto cap = static_cast<std::uint32_t>(o.max_tokens);
#pragma omp parallel num_threads(threads)
  {
    internal::Stemmer stemmer;
    std::unordered_map<std::uint64_t, std::uint64_t> cache;  // word hash → key: stem each word once
#pragma omp for schedule(static, 4096)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
      const auto p = static_cast<std::uint32_t>(i);
      const std::string_view word = c.word(p);
      const std::uint64_t h = internal::xxh3_64(word, 0);
      auto [it, fresh] = cache.try_emplace(h, 0);
      if (fresh) it->second = internal::background_word_key(word, stemmer);
      out.key[base + p] = it->second;
      out.run[base + p] = static_cast<std::uint8_t>(std::min(c.run[p], cap));
      out.doc[base + p] = first_doc + c.doc_of[p];
    }
  }
  out.documents += docs.size();
  return true;
}

// Level by level (2, 3, ... words), the n-grams in at least min_documents
// documents, as (key, document frequency) ascending by key. An n-gram is
// counted only where both of its (n−1)-word parts were kept.
std::vector<std::pair<std::uint64_t, std::uint32_t>> count(const Positions& pos, const BackgroundOptions& o,
                                                           int threads) {
  const std::size_t n = pos.key.size();
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
  std::vector<std::uint8_t> alive(n, 1), next(n, 0);  // the (len − 1)-gram at each position was kept
  std::vector<std::uint64_t> keys(n);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> occ;  // (key, position)
  for (int len = 2; len <= o.max_tokens; ++len) {
    const auto l = static_cast<std::size_t>(len);
#pragma omp parallel for schedule(static, 65536) num_threads(threads)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
      const auto p = static_cast<std::size_t>(i);
      keys[p] = 0;
      if (pos.run[p] < len || !alive[p] || !alive[p + 1]) continue;  // run >= 2 means p + 1 < n
      keys[p] = internal::background_ngram_key(&pos.key[p], l);
    }
    occ.clear();
    for (std::size_t p = 0; p < n; ++p) {
      if (keys[p] != 0) occ.emplace_back(keys[p], static_cast<std::uint32_t>(p));
    }
    if (occ.empty()) break;
    std::sort(occ.begin(), occ.end());
    std::fill(next.begin(), next.end(), 0);
    for (std::size_t a = 0; a < occ.size();) {
      std::size_t b = a + 1;
      std::uint32_t df = 1;
      for (; b < occ.size() && occ[b].first == occ[a].first; ++b) {
        df += pos.doc[occ[b].second] != pos.doc[occ[b - 1].second] ? 1 : 0;  // positions ascend, so documents do
      }
      if (df >= o.min_documents) {
        if (len >= o.min_tokens) entries.emplace_back(occ[a].first, df);
        for (std::size_t j = a; j < b; ++j) next[occ[j].second] = 1;
      }
      a = b;
    }
    std::swap(alive, next);
  }
  std::sort(entries.begin(), entries.end());
  // Two n-grams with one key (a 64-bit collision): keep the larger frequency.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> unique;
  unique.reserve(entries.size());
  for (const auto& e : entries) {
    if (!unique.empty() && unique.back().first == e.first) {
      unique.back().second = std::max(unique.back().second, e.second);
    } else {
      unique.push_back(e);
    }
  }
  return unique;
}

}  // namespace

Status validate(const BackgroundOptions& o) {
  if (o.min_tokens < 2 || o.min_tokens > 64) {
    return invalid_argument("background min_tokens must be in [2, 64], got " + std::to_string(o.min_tokens));
  }
  if (o.max_tokens < o.min_tokens || o.max_tokens > 64) {
    return invalid_argument("background max_tokens must be in [min_tokens, 64], got " + std::to_string(o.max_tokens));
  }
  if (o.min_documents < 1) return invalid_argument("background min_documents must be at least 1");
  if (o.batch_documents < 1) return invalid_argument("background batch_documents must be at least 1");
  return Status::ok();
}

BackgroundTable BackgroundTable::build(std::span<const Document> documents, const BackgroundOptions& o,
                                       int threads_requested, std::string source) {
  ECHOTRACE_ASSERT(validate(o).is_ok());
  const int threads = internal::resolve_threads(threads_requested);
  Positions pos;
  for (std::size_t at = 0; at < documents.size(); at += o.batch_documents) {
    const bool added =
        add_batch(documents.subspan(at, std::min(o.batch_documents, documents.size() - at)), o, threads, pos);
    ECHOTRACE_ASSERT(added);
  }
  return assemble(count(pos, o, threads), pos.documents, o, std::move(source));
}

Result<BackgroundTable> BackgroundTable::build(const std::filesystem::path& corpus, const BackgroundOptions& o,
                                               int threads_requested, std::vector<Diagnostic>* diagnostics) {
  ECHOTRACE_RETURN_IF_ERROR(validate(o));
  const int threads = internal::resolve_threads(threads_requested);
  Result<std::unique_ptr<DocumentStream>> stream = open_documents(corpus, o.read);
  if (!stream.is_ok()) return stream.status();
  Positions pos;
  std::vector<Document> batch(o.batch_documents);
  for (;;) {
    std::size_t got = 0;
    while (got < batch.size()) {
      Result<bool> more = (*stream)->next_into(batch[got]);
      if (!more.is_ok()) return more.status();
      if (!*more) break;
      ++got;
    }
    if (got == 0) break;
    if (!add_batch(std::span<const Document>(batch.data(), got), o, threads, pos)) {
      return invalid_argument(corpus.string() + ": reference corpus too large for a background table (more than " +
                              std::to_string(kMaxPositions) + " words)");
    }
    if (got < batch.size()) break;
  }
  if (diagnostics != nullptr) *diagnostics = (*stream)->diagnostics();
  return assemble(count(pos, o, threads), pos.documents, o, corpus.string());
}

BackgroundTable BackgroundTable::assemble(std::vector<std::pair<std::uint64_t, std::uint32_t>> entries,
                                          std::uint64_t documents, const BackgroundOptions& o, std::string source) {
  BackgroundTable t;
  t.documents_ = documents;
  t.min_tokens_ = o.min_tokens;
  t.max_tokens_ = o.max_tokens;
  t.min_documents_ = o.min_documents;
  t.fold_case_ = o.text.fold_case;
  t.unwrap_lines_ = o.unwrap_lines;
  t.source_ = std::move(source);
  t.keys_.reserve(entries.size());
  t.df_.reserve(entries.size());
  for (const auto& [k, df] : entries) {
    t.keys_.push_back(k);
    t.df_.push_back(df);
  }
  t.seal();
  return t;
}

void BackgroundTable::seal() {
  checksum_ = body_checksum(keys_, df_);
  // Keys are uniform hashes: buckets of their top bits hold about two each.
  int bits = 1;
  while (bits < 40 && (std::size_t{1} << bits) < keys_.size() / 2) ++bits;
  bucket_shift_ = 64 - bits;
  const std::size_t buckets = std::size_t{1} << bits;
  bucket_.assign(buckets + 1, 0);
  for (std::uint64_t k : keys_) ++bucket_[(k >> bucket_shift_) + 1];
  for (std::size_t b = 0; b < buckets; ++b) bucket_[b + 1] += bucket_[b];
}

std::uint64_t BackgroundTable::body_checksum(std::span<const std::uint64_t> keys, std::span<const std::uint32_t> df) {
  const std::uint64_t k = internal::xxh3_64(
      std::string_view(reinterpret_cast<const char*>(keys.data()), keys.size_bytes()), 0);
  return internal::xxh3_64(std::string_view(reinterpret_cast<const char*>(df.data()), df.size_bytes()), k);
}

std::uint32_t BackgroundTable::lookup(std::uint64_t key) const {
  if (keys_.empty()) return 0;
  const std::size_t b = key >> bucket_shift_;
  const auto first = keys_.begin() + bucket_[b], last = keys_.begin() + bucket_[b + 1];
  const auto it = std::lower_bound(first, last, key);
  return it != last && *it == key ? df_[static_cast<std::size_t>(it - keys_.begin())] : 0;
}

std::uint32_t BackgroundTable::document_frequency(std::span<const std::uint64_t> words) const {
  const std::size_t n = words.size();
  const auto lo = static_cast<std::size_t>(min_tokens_), hi = static_cast<std::size_t>(max_tokens_);
  if (n < lo || n == 0) return 0;
  if (n <= hi) return lookup(internal::background_ngram_key(words.data(), n));
  std::uint32_t df = UINT32_MAX;
  for (std::size_t j = 0; j + hi <= n && df > 0; ++j) {
    df = std::min(df, lookup(internal::background_ngram_key(words.data() + j, hi)));
  }
  return df;
}

std::uint32_t BackgroundTable::document_frequency(std::string_view phrase) const {
  const TokenizedText t = tokenize(phrase, TextOptions{fold_case_});
  internal::Stemmer stemmer;
  std::vector<std::uint64_t> words;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::string_view token = t.token(i);
    const std::size_t parts = internal::hyphen_parts(token, token);
    for (std::size_t k = 0; k < parts; ++k) {
      const auto [a, b] =
          parts == 1 ? std::pair<std::size_t, std::size_t>{0, token.size()} : internal::hyphen_part(token, k, false);
      words.push_back(internal::background_word_key(token.substr(a, b - a), stemmer));
    }
  }
  return document_frequency(words);
}

std::uint64_t background_word_key(std::string_view word) {
  internal::Stemmer stemmer;
  return internal::background_word_key(word, stemmer);
}

}  // namespace echotrace
