#include <echotrace/clean.h>

#include <algorithm>

#include "clean/context.h"
#include "clean/units.h"
#include "clean/vocabulary.h"
#include "internal/assert.h"
#include "internal/hash.h"
#include "internal/threads.h"

namespace echotrace {

using internal::Cls;
using internal::Unit;
using internal::UnitFeatures;
using internal::Verdict;

namespace {

// Fixed constants of the classifier (the tunable ones are in CleanOptions).
constexpr std::uint32_t kHeadlineCapitalPercent = 60;  // Title Case: this share of words capitalised
constexpr std::uint32_t kShortSiteWordsPerHit = 4;     // a short unit with a site word per 4 words is chrome
constexpr std::uint32_t kProseSiteWordsPerHit = 15;    // prose with a site word per 15 words is suspect
constexpr std::uint32_t kSentenceMinWords = 4;         // a short sentence has at least this many words
constexpr std::size_t kTitleSearchUnits = 60;          // the title is looked for among the first units
constexpr std::size_t kTitleMinKey = 12;               // shorter titles are too ambiguous to look for
constexpr std::size_t kTitlePrefixKey = 30;            // truncated titles are matched from this length

}  // namespace

const char* to_string(CleanReason reason) {
  switch (reason) {
    case CleanReason::kRule:
      return "rule";
    case CleanReason::kLeading:
      return "leading";
    case CleanReason::kNavigation:
      return "navigation";
    case CleanReason::kCredit:
      return "credit";
    case CleanReason::kRelated:
      return "related";
    case CleanReason::kAdvertisement:
      return "advertisement";
    case CleanReason::kSignUp:
      return "sign-up";
    case CleanReason::kLegal:
      return "legal";
    case CleanReason::kComments:
      return "comments";
    case CleanReason::kOutletTag:
      return "outlet-tag";
    case CleanReason::kSiteText:
      return "site-text";
    case CleanReason::kRepeated:
      return "repeated";
    case CleanReason::kNoText:
      return "no-text";
    case CleanReason::kLowContent:
      return "low-content";
    case CleanReason::kContext:
      return "context";
  }
  return "unknown";
}

Status validate(const CleanOptions& o) {
  if (o.min_outlet_docs < 2) {
    return invalid_argument("clean: min_outlet_docs must be at least 2, got " +
                            std::to_string(o.min_outlet_docs));
  }
  if (!(o.min_outlet_share >= 0.0 && o.min_outlet_share <= 1.0)) {
    return invalid_argument("clean: min_outlet_share must be in [0, 1], got " +
                            std::to_string(o.min_outlet_share));
  }
  if (!(o.max_repeated_prose >= 0.0 && o.max_repeated_prose <= 1.0)) {
    return invalid_argument("clean: max_repeated_prose must be in [0, 1], got " +
                            std::to_string(o.max_repeated_prose));
  }
  if (!(o.stopwords_low >= 0.0 && o.stopwords_low <= o.stopwords_high && o.stopwords_high <= 1.0)) {
    return invalid_argument("clean: stop-word densities must satisfy 0 <= low <= high <= 1");
  }
  if (o.short_length > o.long_length)
    return invalid_argument("clean: short_length must not exceed long_length");
  return Status::ok();
}

std::size_t Cleaning::removed_bytes() const {
  std::size_t n = 0;
  for (const RemovedSpan& s : removed) n += s.end - s.begin;
  return n;
}

std::string mask_removed(std::string_view text, std::span<const RemovedSpan> removed) {
  std::string out(text);
  std::size_t last = 0;
  for (const RemovedSpan& s : removed) {
    ECHOTRACE_ASSERT(s.begin >= last && s.begin <= s.end && s.end <= text.size());
    for (std::size_t i = s.begin; i < s.end; ++i) {
      if (out[i] != '\n') out[i] = ' ';
    }
    last = s.end;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Cleaner

namespace {

// A document's units and their features: the only per-document state kept
// between measuring and deciding.
struct MeasuredDocument {
  std::vector<Unit> units;
  std::vector<UnitFeatures> features;
  std::uint64_t title_key = 0;  // the key a unit equal to the title has; 0 when not looked for
  internal::PackedWord outlet;  // the first word of the outlet's name, lower case
};

// One thread's reusable state: a meter and the per-document scratch vectors.
struct Workspace {
  explicit Workspace(const internal::Vocabulary& vocabulary, std::uint32_t full_below)
      : meter(vocabulary, full_below) {}
  internal::UnitMeter meter;
  std::vector<internal::Line> lines;
  std::vector<UnitSpread> spread;
  std::vector<Verdict> verdicts;
};

}  // namespace

struct Cleaner::Impl {
  CleanOptions options;
  CleanRules rules;
  internal::Vocabulary vocabulary;

  MeasuredDocument measure(const Document& doc, Workspace& work) const;
  Cleaning decide(const Document& doc, MeasuredDocument& measured, const RepetitionIndex* index,
                  Workspace& work) const;
  void initial_verdicts(const Document& doc, const MeasuredDocument& m, const std::vector<UnitSpread>& spread,
                        std::size_t title, std::vector<Verdict>& v) const;

  std::size_t find_title(const Document& doc, std::string_view text, const MeasuredDocument& m) const;
};

Result<Cleaner> Cleaner::create(const CleanOptions& options) {
  ECHOTRACE_RETURN_IF_ERROR(validate(options));
  CleanRules rules;
  if (!options.rules_path.empty()) {
    Result<CleanRules> loaded = CleanRules::load(options.rules_path);
    if (!loaded.is_ok()) return loaded.status();
    rules = std::move(loaded).value();
  }
  return Cleaner(options, std::move(rules));
}

Cleaner::Cleaner(const CleanOptions& options, CleanRules rules) : impl_(std::make_unique<Impl>()) {
  ECHOTRACE_ASSERT(validate(options).is_ok());
  impl_->options = options;
  impl_->rules = std::move(rules);
}
Cleaner::~Cleaner() = default;
Cleaner::Cleaner(Cleaner&&) noexcept = default;
Cleaner& Cleaner::operator=(Cleaner&&) noexcept = default;

const CleanOptions& Cleaner::options() const { return impl_->options; }

std::size_t Cleaner::Impl::find_title(const Document& doc, std::string_view text,
                                      const MeasuredDocument& m) const {
  const std::size_t n = m.units.size();
  if (m.title_key == 0 || doc.title.size() < kTitleMinKey) return n;
  const std::size_t limit = std::min(n, kTitleSearchUnits);
  for (std::size_t i = 0; i < limit; ++i) {
    if (m.features[i].key == m.title_key) return i;
  }
  // A truncated title, or a title line with a few more words: compare keys.
  if (doc.title.size() < kTitlePrefixKey) return n;
  std::string title;
  for (std::size_t i = 0; i < limit; ++i) {
    const UnitFeatures& x = m.features[i];
    const Unit& u = m.units[i];
    const std::size_t bytes = u.end - u.begin;
    if (bytes < kTitlePrefixKey || x.chars > 2 * doc.title.size()) continue;
    if (title.empty()) {
      title = internal::normalized_key(doc.title);
      if (title.size() < kTitlePrefixKey) return n;
    }
    if (internal::normalized_prefix_match(text.substr(u.begin, bytes), title, kTitlePrefixKey)) return i;
  }
  return n;
}

std::vector<std::uint64_t> Cleaner::unit_keys(const Document& doc) const {
  Workspace work(impl_->vocabulary, impl_->options.short_length);
  const MeasuredDocument m = impl_->measure(doc, work);
  std::vector<std::uint64_t> keys;
  for (const UnitFeatures& x : m.features) {
    if (x.key != 0) keys.push_back(x.key);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

Cleaning Cleaner::clean(const Document& doc, const RepetitionIndex* index) const {
  Workspace work(impl_->vocabulary, impl_->options.short_length);
  MeasuredDocument m = impl_->measure(doc, work);
  return impl_->decide(doc, m, index, work);
}

MeasuredDocument Cleaner::Impl::measure(const Document& doc, Workspace& work) const {
  MeasuredDocument m;
  const std::string_view text = doc.text;
  internal::UnitMeter& meter = work.meter;
  internal::segment_units(text, m.units, work.lines);
  m.features.resize(m.units.size());
  m.outlet = internal::PackedWord::of(internal::outlet_word(doc.outlet));
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    m.features[i] =
        meter.measure(text.substr(m.units[i].begin, m.units[i].end - m.units[i].begin), m.outlet, false);
  }
  if (options.use_title && !doc.title.empty()) m.title_key = meter.measure(doc.title, {}, false).key;
  return m;
}

void Cleaner::Impl::initial_verdicts(const Document& doc, const MeasuredDocument& m,
                                     const std::vector<UnitSpread>& spread, std::size_t title,
                                     std::vector<Verdict>& v) const {
  const CleanOptions& o = options;
  const std::string_view text = doc.text;
  const std::size_t n = m.units.size();
  v.assign(n, Verdict{});
  for (std::size_t i = 0; i < n; ++i) {
    Verdict& u = v[i];
    const UnitFeatures& x = m.features[i];
    if (rules.size() > 0) {
      std::string_view body = text.substr(m.units[i].begin, m.units[i].end - m.units[i].begin);
      body.remove_prefix(std::min(body.find_first_not_of(" \t\r"), body.size()));
      if (const auto r = rules.match(body.substr(0, body.find_last_not_of(" \t\r") + 1))) {
        u.keep_rule = r->keep;
        u.rule_line = r->line;
        if (r->keep) {
          u.cls = u.initial = Cls::kGood;
          u.fixed = true;
        } else {
          internal::remove(u, CleanReason::kRule, true);
        }
        continue;
      }
    }
    if (i == title) {
      u.title = true;
      u.cls = u.initial = Cls::kGood;
      u.fixed = true;
      continue;
    }
    if (x.pattern) {
      internal::remove(u, *x.pattern, true);
    } else if (x.outlet_tag) {
      internal::remove(u, CleanReason::kOutletTag, true);
    } else if (!x.complete) {
      u.cls = u.initial = Cls::kGood;  // only measured quickly: nothing but context could remove it
      continue;
    } else if (x.letter_words == 0) {
      u.cls = u.initial = Cls::kBad;
      u.reason = CleanReason::kNoText;
    } else if (x.chars < o.short_length && x.site_hits > 0 &&
               x.site_hits * kShortSiteWordsPerHit >= x.words) {
      // Site words make it chrome; an address alone (a signature, "x@y writes:") is weaker evidence.
      internal::remove(u, x.site_reason, x.site_hits > x.address_hits);
    } else {
      const bool headline = !x.terminal && x.letter_words >= 2 &&
                            x.capitalised * 100 >= x.letter_words * kHeadlineCapitalPercent;
      const double density = static_cast<double>(x.stopwords) / x.words;
      if (x.chars < o.short_length || headline) {
        u.cls = Cls::kShort;
      } else if (density >= o.stopwords_high) {
        u.cls = x.chars >= o.long_length ? Cls::kGood : Cls::kNearGood;
      } else if (density >= o.stopwords_low) {
        u.cls = Cls::kNearGood;
      } else {
        u.cls = Cls::kBad;
        u.reason = CleanReason::kLowContent;
      }
      u.initial = u.cls;
      const bool prose = u.cls == Cls::kGood || u.cls == Cls::kNearGood;
      u.suspect = prose && x.site_hits >= 2 && x.site_hits * kProseSiteWordsPerHit >= x.words;
      if (u.suspect) u.cls = Cls::kNearGood;
      u.prose = prose && !u.suspect;
      u.sentence = prose || (!headline && x.terminal && x.words >= kSentenceMinWords && x.stopwords > 0);
    }
    if (spread.empty()) continue;
    const UnitSpread& s = spread[i];
    if (s.several_outlets && u.sentence && !u.suspect) {
      u.cls = Cls::kGood;  // wire copy or a talking point: never chrome by context
      u.fixed = true;
    } else if (!s.several_outlets && s.documents >= o.min_outlet_docs) {
      if (!u.sentence) {
        if (!u.fixed) internal::remove(u, CleanReason::kRepeated, true);
      } else {
        u.repeated = s.documents >= o.min_outlet_share * s.outlet_documents;
      }
    }
  }
  // Repeated sentences are chrome, unless they are most of the document's
  // text: then the document is a re-publication of an article.
  std::size_t text_bytes = 0, repeated_bytes = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (m.features[i].key == 0) continue;
    text_bytes += m.units[i].end - m.units[i].begin;
    if (v[i].repeated && !v[i].fixed) repeated_bytes += m.units[i].end - m.units[i].begin;
  }
  if (repeated_bytes > 0 &&
      static_cast<double>(repeated_bytes) <= o.max_repeated_prose * static_cast<double>(text_bytes)) {
    for (Verdict& u : v) {
      if (u.repeated && !u.fixed) internal::remove(u, CleanReason::kRepeated, true);
    }
  }
}

Cleaning Cleaner::Impl::decide(const Document& doc, MeasuredDocument& measured, const RepetitionIndex* index,
                               Workspace& work) const {
  const CleanOptions& o = options;
  const std::string_view text = doc.text;
  const std::vector<Unit>& units = measured.units;
  std::vector<UnitFeatures>& f = measured.features;
  const std::size_t n = units.size();
  auto complete = [&](std::size_t i) {
    if (!f[i].complete) {
      f[i] = work.meter.measure(text.substr(units[i].begin, units[i].end - units[i].begin), measured.outlet,
                                true);
    }
  };

  // Units quickly measured are measured in full where their features can
  // matter: when they repeat in the outlet, precede the title, or the
  // document turns out to carry chrome of its own.
  const std::size_t title = find_title(doc, text, measured);
  if (title < n) {
    for (std::size_t i = 0; i < title; ++i) complete(i);
  }
  std::vector<UnitSpread>& spread = work.spread;
  spread.clear();
  if (index != nullptr) {
    spread.resize(n);
    for (std::size_t i = 0; i < n; ++i) index->prefetch(f[i].key);
    for (std::size_t i = 0; i < n; ++i) {
      spread[i] = index->spread(f[i].key);
      if (!spread[i].several_outlets && spread[i].documents >= o.min_outlet_docs) complete(i);
    }
  }
  std::vector<Verdict>& v = work.verdicts;
  initial_verdicts(doc, measured, spread, title, v);
  // Chrome of its own: a pattern, a site-vocabulary line, an outlet tag, a
  // remove rule, or a leading run before the title.
  bool anchored = false, prose_before = false;
  for (std::size_t i = 0; i < n; ++i) {
    anchored |= v[i].cls == Cls::kBad && v[i].strong && v[i].reason != CleanReason::kRepeated;
    if (i < title) prose_before |= v[i].initial == Cls::kGood && !v[i].suspect;
  }
  anchored |= title < n && title > 0 && !prose_before;
  if (anchored) {
    bool partial = false;
    for (std::size_t i = 0; i < n; ++i) {
      partial |= !f[i].complete;
      complete(i);
    }
    if (partial) initial_verdicts(doc, measured, spread, title, v);
    internal::revise_by_context(v, f, units, title, options);
  }

  // Context alone never removes text from a document without chrome of its
  // own, nor empties a document.
  bool body = false;
  for (std::size_t i = 0; i < n; ++i) body |= v[i].cls == Cls::kGood && !v[i].title && f[i].key != 0;
  if (!body || !anchored) {
    for (Verdict& u : v) {
      if (u.cls == Cls::kBad && !u.strong) u.cls = Cls::kGood;
    }
  }

  Cleaning out;
  for (std::size_t i = 0; i < n; ++i) {
    if (v[i].cls != Cls::kBad) continue;
    const bool joins = !out.removed.empty() && i > 0 && v[i - 1].cls == Cls::kBad &&
                       out.removed.back().reason == v[i].reason &&
                       out.removed.back().rule_line == v[i].rule_line;
    if (joins) {
      out.removed.back().end = units[i].end;
    } else {
      out.removed.push_back({units[i].begin, units[i].end, v[i].reason, v[i].rule_line});
    }
  }
  return out;
}

Result<std::vector<Cleaning>> clean_corpus(const Corpus& corpus, const CleanOptions& options, int threads) {
  const std::size_t n = corpus.documents.size();
  if (!options.enabled) return std::vector<Cleaning>(n);
  Result<Cleaner> cleaner = Cleaner::create(options);
  if (!cleaner.is_ok()) return cleaner.status();
  const int t = internal::resolve_threads(threads);
  const auto count = static_cast<std::int64_t>(n);

  // Pass 1: measure every document in parallel (features are kept, text is
  // not copied), then count unit keys in corpus order.
  const Cleaner::Impl& impl = *cleaner->impl_;
  std::vector<MeasuredDocument> measured(n);
  std::vector<std::vector<std::uint64_t>> keys(n);
#pragma omp parallel num_threads(t)
  {
    Workspace work(impl.vocabulary, impl.options.short_length);
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t i = 0; i < count; ++i) {
      measured[i] = impl.measure(corpus.documents[i], work);
      std::vector<std::uint64_t>& k = keys[i];
      k.reserve(measured[i].features.size());
      for (const UnitFeatures& x : measured[i].features) {
        if (x.key != 0) k.push_back(x.key);
      }
      std::sort(k.begin(), k.end());
      k.erase(std::unique(k.begin(), k.end()), k.end());
    }
  }
  RepetitionIndex index;
  std::size_t units = 0;
  for (const std::vector<std::uint64_t>& k : keys) units += k.size();
  index.reserve(units);
  for (std::size_t i = 0; i < n; ++i) {
    index.add(outlet_key(corpus.documents[i]), keys[i]);
    std::vector<std::uint64_t>().swap(keys[i]);
  }
  // Pass 2: classify each document.
  std::vector<Cleaning> out(n);
#pragma omp parallel num_threads(t)
  {
    Workspace work(impl.vocabulary, impl.options.short_length);
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t i = 0; i < count; ++i) {
      out[i] = impl.decide(corpus.documents[i], measured[i], &index, work);
      std::vector<Unit>().swap(measured[i].units);
      std::vector<UnitFeatures>().swap(measured[i].features);
    }
  }
  return out;
}

}  // namespace echotrace
