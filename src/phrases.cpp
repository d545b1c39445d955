#include <echotrace/phrases.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <optional>
#include <tuple>

#include "internal/assert.h"
#include "internal/background_key.h"
#include "internal/distinct_hashes.h"
#include "internal/english.h"
#include "internal/hash.h"
#include "internal/phrase_corpus.h"
#include "internal/phrase_mining.h"
#include "internal/phrase_spelling.h"
#include "internal/threads.h"
#include "internal/variants.h"

namespace echotrace {
namespace {

using internal::PhraseCorpus;

// How errors name a background table: its file, if it was loaded from one.
std::string background_name(const BackgroundTable& table) {
  return table.file().empty() ? std::string("background table") : table.file();
}

// What a background table's lookups need (internal::MiningInput::type_of, type_key).
struct BackgroundKeys {
  std::vector<std::uint32_t> type_of;
  std::vector<std::uint64_t> type_key;
};

// Word types of the corpus (counted by flatten() into `words`), their variant
// classes, and each position's class in c.cls (which holds its index among
// its chunk's words until then). Fills class counts, flags and text hashes,
// the word counts, and `background` when not null.
internal::VariantClasses classify(PhraseCorpus& c, internal::WordChunks words, const PhraseOptions& o,
                                  std::vector<std::uint64_t>& class_count,
                                  std::vector<std::uint8_t>& class_flags,
                                  std::vector<std::uint64_t>& class_hash, internal::WordCounts& word_counts,
                                  BackgroundKeys* background, int threads) {
  // Word types ascending by hash, each spelled as at its first position.
  const internal::DistinctHashes distinct = internal::merge_chunks(words.chunks, threads);
  std::vector<internal::WordType> types(distinct.value.size());
  const auto ntypes = static_cast<std::int64_t>(types.size());
#pragma omp parallel for schedule(static, 1024) num_threads(threads)
  for (std::int64_t k = 0; k < ntypes; ++k) {
    const auto t = static_cast<std::size_t>(k);
    types[t].text = std::string(c.word(distinct.first[t]));
    types[t].count = distinct.count[t];
    types[t].capitalised = distinct.flagged[t];
  }
  internal::VariantClasses vc = internal::VariantClasses::build(
      types, {o.transliteration_similarity, o.transliteration_min_chars}, threads, o.dictionary.get());
  // Each chunk's words to their classes (and types, for a background table).
  if (background != nullptr) background->type_of.resize(c.cls.size());
  const auto nchunks = static_cast<std::int64_t>(words.chunks.size());
#pragma omp parallel num_threads(threads)
  {
    std::vector<std::uint32_t> class_of_key;
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t k = 0; k < nchunks; ++k) {
      const std::vector<std::uint32_t>& global = words.chunks[static_cast<std::size_t>(k)].global;
      class_of_key.resize(global.size());
      for (std::size_t j = 0; j < global.size(); ++j) class_of_key[j] = vc.class_of(global[j]);
      const std::uint32_t end = words.chunk_begin[static_cast<std::size_t>(k) + 1];
      for (std::uint32_t p = words.chunk_begin[static_cast<std::size_t>(k)]; p < end; ++p) {
        if (background != nullptr) background->type_of[p] = global[c.cls[p]];
        c.cls[p] = class_of_key[c.cls[p]];
      }
    }
  }
  class_count.assign(vc.classes(), 0);
  class_flags.assign(vc.classes(), 0);
  for (std::size_t t = 0; t < types.size(); ++t) class_count[vc.class_of(t)] += types[t].count;
  class_hash.assign(vc.classes(), 0);
  for (std::uint32_t k = 0; k < vc.classes(); ++k) {
    class_flags[k] = internal::word_flags(types[vc.representative(k)].text);
    class_hash[k] = internal::xxh3_64(types[vc.representative(k)].text, 0);
  }
  if (background != nullptr) {  // for a background table: each word type's variant key, each position's type
    background->type_key.assign(types.size(), 0);
#pragma omp parallel num_threads(threads)
    {
      internal::Stemmer stemmer;
#pragma omp for schedule(static, 1024)
      for (std::int64_t k = 0; k < ntypes; ++k) {
        const auto t = static_cast<std::size_t>(k);
        background->type_key[t] = internal::background_word_key(types[t].text, stemmer);
      }
    }
  }
  word_counts = internal::WordCounts(distinct.value, distinct.count);
  return vc;
}

// Which of the first `mined` talking points are nested: their words are a
// part of a longer mined talking point (by class ids) whose spelling group
// (`parent`) covers them, so they are no framing of their own. It covers them
// when it is used in every document that uses them, or, when it neither
// starts nor ends with a stop word (a framing, not a fragment such as "zone
// in"), when every outlet that uses them uses it and the documents that use
// them without using it span fewer than `min_outlets` outlets: those uses
// alone would not make a talking point (the part's words turn up once more
// elsewhere, or one outlet's copies spell the rest of the phrase
// differently). A part that reaches an outlet the longer phrase does not is
// kept: its spread is news. A watched phrase is never nested.
// A framing container also covers a part when it is in at least 1 − δ of the
// part's documents (δ-covered patterns, Xin, Han, Yan and Cheng 2005,
// "Mining compressed frequent-pattern sets"): the part's support is then
// mostly the longer phrase's, and its few other uses, even in a new outlet,
// are the part's words meeting by chance rather than a framing that travels.
constexpr double kCoverDelta = 0.3;

std::vector<std::uint8_t> nested_points(const TalkingPointReport& report,
                                        std::span<const internal::MinedPhrase> mined,
                                        std::span<const std::uint32_t> parent, const PhraseCorpus& c,
                                        std::span<const std::uint8_t> class_flags, int min_tokens,
                                        int min_outlets) {
  std::vector<std::uint8_t> framing(mined.size(), 0);  // no stop word at either end
  std::vector<std::pair<std::uint64_t, std::uint32_t>> parts;  // (hash of a shorter part, container)
  for (std::uint32_t u = 0; u < mined.size(); ++u) {
    const internal::MinedPhrase& p = mined[u];
    framing[u] = ((class_flags[c.cls[p.rep]] | class_flags[c.cls[p.rep + p.length - 1]]) & internal::kStopWord) == 0;
    for (std::uint32_t len = static_cast<std::uint32_t>(min_tokens); len < p.length; ++len) {
      for (std::uint32_t j = 0; j + len <= p.length; ++j) {
        parts.emplace_back(internal::ngram_hash(&c.cls[p.rep + j], len), parent[u]);
      }
    }
  }
  std::sort(parts.begin(), parts.end());
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  std::vector<std::uint8_t> nested(mined.size(), 0);
  std::vector<std::uint8_t> in_container(c.docs.size(), 0);
  std::vector<std::uint8_t> outlet_seen(c.outlets.size(), 0), outlet_used(c.outlets.size(), 0);
  std::vector<std::uint32_t> outside;  // outlets of the uses outside the container
  for (std::uint32_t t = 0; t < mined.size(); ++t) {
    const TalkingPoint& tp = report.talking_points[t];
    if (parent[t] != t || !tp.watch.empty()) continue;
    auto it = std::lower_bound(parts.begin(), parts.end(), std::make_pair(mined[t].hash, std::uint32_t{0}));
    for (; it != parts.end() && it->first == mined[t].hash && !nested[t]; ++it) {
      if (it->second == t) continue;
      const std::vector<Occurrence>& container = report.talking_points[it->second].occurrences;
      for (const Occurrence& o : container) {
        in_container[o.doc] = 1;
        outlet_used[c.outlet_of_doc[o.doc]] = 1;
      }
      outside.clear();
      bool new_outlet = false;
      std::size_t docs_inside = 0;  // occurrences come grouped by document
      for (std::size_t i = 0; i < tp.occurrences.size(); ++i) {
        const Occurrence& o = tp.occurrences[i];
        if (i == 0 || tp.occurrences[i - 1].doc != o.doc) docs_inside += in_container[o.doc];
        const std::uint32_t k = c.outlet_of_doc[o.doc];
        new_outlet = new_outlet || !outlet_used[k];
        if (in_container[o.doc] || outlet_seen[k]) continue;
        outlet_seen[k] = 1;
        outside.push_back(k);
      }
      const bool all_inside = outside.empty();
      const bool few_outside = !new_outlet && outside.size() < static_cast<std::size_t>(min_outlets);
      // δ-covered (Xin et al. 2005): the container is in at least 1 − δ of
      // the part's documents, so the part's support is mostly the container's.
      const bool covered = static_cast<double>(docs_inside) >= (1.0 - kCoverDelta) * static_cast<double>(tp.documents);
      nested[t] = all_inside || (framing[it->second] && (few_outside || covered)) ? 1 : 0;
      for (std::uint32_t k : outside) outlet_seen[k] = 0;
      for (const Occurrence& o : container) {
        in_container[o.doc] = 0;
        outlet_used[c.outlet_of_doc[o.doc]] = 0;
      }
    }
  }
  return nested;
}

// Whether every spelling of a talking point is a single hyphenated token
// ("nay-sayers", "mar-a-lago"): a word, not a phrase.
bool one_word(const TalkingPoint& tp) {
  return std::none_of(tp.variants.begin(), tp.variants.end(),
                      [](const Variant& v) { return v.text.find(' ') != std::string::npos; });
}

}  // namespace

const char* voice_name(Voice voice) { return voice == Voice::kQuotation ? "quotation" : "own"; }

Status validate(const PhraseOptions& o) {
  if (o.min_tokens < 2 || o.min_tokens > 64) {
    return invalid_argument("phrase min_tokens must be in [2, 64], got " + std::to_string(o.min_tokens));
  }
  if (o.max_tokens < o.min_tokens || o.max_tokens > 64) {
    return invalid_argument("phrase max_tokens must be in [min_tokens, 64], got " + std::to_string(o.max_tokens));
  }
  if (o.min_outlets < 1) return invalid_argument("min_outlets must be at least 1, got " + std::to_string(o.min_outlets));
  if (!(o.transliteration_similarity > 0 && o.transliteration_similarity <= 1)) {
    return invalid_argument("transliteration_similarity must be in (0, 1], got " +
                            std::to_string(o.transliteration_similarity));
  }
  if (o.transliteration_min_chars < 2) {
    return invalid_argument("transliteration_min_chars must be at least 2, got " +
                            std::to_string(o.transliteration_min_chars));
  }
  if (!(o.background_rate > 0 && o.background_rate < 1) || !(o.background_weight >= 0)) {
    return invalid_argument("background_rate must be in (0, 1) and background_weight >= 0");
  }
  if (o.background != nullptr) {
    const std::string name = background_name(*o.background);
    if (!(o.background_weight > 0)) return invalid_argument("background_weight must be > 0 with a background table");
    if (o.background->min_tokens() > o.min_tokens) {
      return invalid_argument(name + ": its shortest n-gram (" + std::to_string(o.background->min_tokens()) +
                              " words) is longer than phrase min_tokens " + std::to_string(o.min_tokens));
    }
  }
  return Status::ok();
}

Result<std::vector<std::string>> read_watchlist(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return not_found(path.string() + ": watchlist not found");
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error(path.string() + ": cannot open watchlist");
  std::vector<std::string> phrases;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t a = line.find_first_not_of(" \t");
    if (a == std::string::npos || line[a] == '#') continue;
    const std::size_t b = line.find_last_not_of(" \t");
    phrases.push_back(line.substr(a, b - a + 1));
  }
  if (in.bad()) return io_error(path.string() + ": read failed");
  return phrases;
}

Result<TalkingPointReport> find_talking_points(std::span<const Document> documents,
                                               std::span<const TokenizedText> tokens, const PhraseOptions& o,
                                               const TextOptions& text, int threads_requested) {
  ECHOTRACE_RETURN_IF_ERROR(validate(o));
  if (documents.size() != tokens.size()) {
    return invalid_argument("find_talking_points: " + std::to_string(documents.size()) + " documents but " +
                            std::to_string(tokens.size()) + " token lists");
  }
  const int threads = internal::resolve_threads(threads_requested);
  internal::WordChunks word_chunks;
  PhraseCorpus corpus = internal::flatten(documents, tokens, threads, &word_chunks);
  std::vector<std::uint64_t> class_count;
  std::vector<std::uint8_t> class_flags;
  std::vector<std::uint64_t> class_hash;
  BackgroundKeys background_keys;
  if (o.background != nullptr && o.background->fold_case() != text.fold_case) {
    return incompatible(background_name(*o.background) +
                        ": built with case folding " + (o.background->fold_case() ? "on" : "off") +
                        ", but the corpus is tokenized with it " + (text.fold_case ? "on" : "off"));
  }
  internal::WordCounts word_counts;
  const internal::VariantClasses classes =
      classify(corpus, std::move(word_chunks), o, class_count, class_flags, class_hash, word_counts,
               o.background != nullptr ? &background_keys : nullptr, threads);

  const std::vector<double> doc_time = internal::date_quantiles(documents);
  internal::MiningInput in;
  in.doc_time = doc_time;
  in.cls = corpus.cls;
  in.run = corpus.run;
  in.sentence_end = corpus.sentence_end;
  in.doc_of = corpus.doc_of;
  in.source_of_doc = corpus.outlet_of_doc;
  in.sources = corpus.outlets.size();
  in.class_count = class_count;
  in.class_flags = class_flags;
  in.part = corpus.part_of;
  in.class_hash = class_hash;
  in.type_of = background_keys.type_of;
  in.type_key = background_keys.type_key;
  internal::MiningOptions mo;
  mo.min_tokens = o.min_tokens;
  mo.max_tokens = o.max_tokens;
  mo.min_sources = o.min_outlets;
  mo.max_results = o.max_talking_points;
  mo.background_rate = o.background_rate;
  mo.background_weight = o.background_weight;
  mo.background = o.background.get();
  const internal::MiningResult mined = internal::mine_phrases(in, mo, threads);

  TalkingPointReport report;
  report.documents = documents.size();
  report.outlets = corpus.outlets.size();
  report.shared_ngrams = mined.shared_groups;
  report.scored_phrases = mined.scored;
  std::vector<internal::PhraseTarget> targets;
  for (const internal::MinedPhrase& p : mined.phrases) {
    TalkingPoint tp;
    tp.tokens = p.length;
    tp.mined = true;
    tp.score = {p.score, p.spread, p.cohesion, p.distinctiveness, p.penalty, p.originality, p.timing};
    report.talking_points.push_back(std::move(tp));
    targets.push_back({p.hash, p.length, corpus.cls[p.rep], corpus.cls[p.rep + 1]});
  }

  // Watchlist phrases through the same classes; one that matches a mined
  // talking point (or an earlier watch line) joins it.
  internal::Stemmer stemmer;
  for (const std::string& phrase : o.watch) {
    const TokenizedText t = tokenize(phrase, text);
    if (t.size() == 0) {
      report.diagnostics.push_back({"watchlist", "'" + phrase + "' has no words; ignored"});
      continue;
    }
    // Its words as the corpus's: hyphenated tokens as their parts.
    std::vector<std::string_view> words;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const std::string_view token = t.token(i);
      const std::size_t parts = internal::hyphen_parts(token, token);
      for (std::size_t k = 0; k < parts; ++k) {
        const auto [a, b] = parts == 1 ? std::pair<std::size_t, std::size_t>{0, token.size()}
                                       : internal::hyphen_part(token, k, false);
        words.push_back(token.substr(a, b - a));
      }
    }
    std::vector<std::uint32_t> ids;
    for (std::string_view w : words) {
      const std::optional<std::uint32_t> k = classes.find(w, stemmer);
      if (!k) break;
      ids.push_back(*k);
    }
    // A word the corpus never uses: the phrase cannot occur; report it empty.
    const bool known = ids.size() == words.size();
    const std::uint64_t h = known ? internal::ngram_hash(ids.data(), ids.size()) : 0;
    const auto length = static_cast<std::uint32_t>(words.size());
    std::size_t k = 0;
    while (k < targets.size() && !(known && targets[k].hash == h && targets[k].length == length)) ++k;
    if (k == targets.size()) {
      TalkingPoint tp;
      tp.tokens = words.size();
      tp.canonical = std::string(t.span(0, t.size()));
      report.talking_points.push_back(std::move(tp));
      targets.push_back({h, length, known ? ids[0] : 0, known && length >= 2 ? ids[1] : 0});
    }
    report.talking_points[k].watch.push_back(phrase);
  }

  std::vector<std::vector<Occurrence>> occ =
      internal::find_occurrences(corpus, targets, classes.classes(), o.context_bytes, threads);
  for (std::size_t k = 0; k < report.talking_points.size(); ++k) {
    TalkingPoint& tp = report.talking_points[k];
    tp.occurrences = std::move(occ[k]);
    internal::describe(tp, corpus);
  }
  // Join spelling variants into the better-ranked spelling (which keeps its
  // score), then drop nested talking points (their longer containers stay).
  const std::vector<std::uint32_t> parent =
      internal::spelling_parents(report, mined.phrases.size(), o.dictionary.get());
  std::vector<std::uint8_t> joined(parent.size(), 0);
  for (std::size_t k = 0; k < parent.size(); ++k) {
    if (parent[k] == k) continue;
    joined[parent[k]] = 1;
    TalkingPoint& into = report.talking_points[parent[k]];
    for (Occurrence& use : report.talking_points[k].occurrences) into.occurrences.push_back(std::move(use));
    report.talking_points[k].occurrences.clear();
  }
  for (std::size_t k = 0; k < parent.size(); ++k) {
    if (!joined[k]) continue;
    TalkingPoint& tp = report.talking_points[k];
    std::sort(tp.occurrences.begin(), tp.occurrences.end(), [](const Occurrence& a, const Occurrence& b) {
      return std::tie(a.doc, a.token, a.length) < std::tie(b.doc, b.token, b.length);
    });
    tp.occurrences.erase(std::unique(tp.occurrences.begin(), tp.occurrences.end(),
                                     [](const Occurrence& a, const Occurrence& b) {
                                       return a.doc == b.doc && a.token == b.token && a.length == b.length;
                                     }),
                         tp.occurrences.end());
    internal::describe(tp, corpus);
  }
  const std::vector<std::uint8_t> nested =
      nested_points(report, mined.phrases, parent, corpus, class_flags, o.min_tokens, o.min_outlets);
  std::size_t mined_kept = 0;
  {
    std::vector<TalkingPoint> kept;
    kept.reserve(report.talking_points.size());
    for (std::size_t k = 0; k < report.talking_points.size(); ++k) {
      const bool is_mined = k < parent.size();
      if (is_mined && (nested[k] || parent[k] != k || one_word(report.talking_points[k]))) continue;
      TalkingPoint& tp = report.talking_points[k];
      mined_kept += is_mined ? 1 : 0;
      kept.push_back(std::move(tp));
    }
    report.talking_points = std::move(kept);
  }
  internal::choose_canonical_forms(report.talking_points, word_counts, o.dictionary.get());
  // Mined phrases keep the ranking of mining, with ties now broken by text.
  const auto mined_end = report.talking_points.begin() + static_cast<std::ptrdiff_t>(mined_kept);
  std::stable_sort(report.talking_points.begin(), mined_end, [](const TalkingPoint& a, const TalkingPoint& b) {
    if (a.score.score != b.score.score) return a.score.score > b.score.score;
    if (a.tokens != b.tokens) return a.tokens > b.tokens;
    return a.canonical < b.canonical;
  });
  std::size_t undated = 0;
  for (const Document& d : documents) undated += d.date.empty() ? 1 : 0;
  if (undated > 0) {
    report.diagnostics.push_back({"phrases", std::to_string(undated) +
                                                 " document(s) without a date: timelines list them as undated"});
  }
  return report;
}

}  // namespace echotrace
