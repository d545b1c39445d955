// Occurrences of talking points: where each one is used, in which voice, with
// what context, its variants and its timeline (phrases.h).
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

#include "internal/display_text.h"
#include "internal/phrase_corpus.h"
#include "internal/phrase_mining.h"
#include "internal/quotes.h"

namespace echotrace::internal {
namespace {

// Whether text between two tokens holds letters or digits: text the
// tokenizer was not given (removed before tokenizing).
bool holds_words(std::string_view gap) {
  const auto n = static_cast<std::int32_t>(gap.size());
  std::int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(gap.data(), i, n, c);
    if (c >= 0 && u_isalnum(c)) return true;
  }
  return false;
}

// `o.before` and `o.after`: whole words within `context` bytes of the
// occurrence, positions [first, last) being its document's.
void add_context(Occurrence& o, const PhraseCorpus& c, std::uint32_t first_pos, std::uint32_t last_pos,
                 std::size_t context) {
  const std::string& text = c.docs[o.doc].text;
  const auto gap = [&](std::uint32_t p) {  // text between positions p and p + 1
    return std::string_view(text).substr(c.end(p), c.begin(p + 1) - c.end(p));
  };
  std::uint32_t first = first_pos + o.token;
  while (first > first_pos && o.begin - c.begin(first - 1) <= context && !holds_words(gap(first - 1))) --first;
  std::uint32_t last = first_pos + o.token + o.length - 1;
  while (last + 1 < last_pos && c.end(last + 1) - o.end <= context && !holds_words(gap(last))) ++last;
  o.before = collapse_space(std::string_view(text).substr(c.begin(first), o.begin - c.begin(first)));
  o.after = collapse_space(std::string_view(text).substr(o.end, c.end(last) - o.end));
}

}  // namespace

std::vector<double> date_quantiles(std::span<const Document> docs) {
  std::vector<double> out(docs.size(), std::numeric_limits<double>::quiet_NaN());
  std::vector<std::pair<std::int64_t, std::uint32_t>> dated;
  for (std::uint32_t d = 0; d < docs.size(); ++d) {
    if (const std::optional<std::int64_t> day = day_number(docs[d].date)) dated.emplace_back(*day, d);
  }
  std::sort(dated.begin(), dated.end());
  const auto total = static_cast<double>(dated.size());
  for (std::size_t i = 0; i < dated.size();) {
    std::size_t j = i;
    while (j < dated.size() && dated[j].first == dated[i].first) ++j;
    const double q = (static_cast<double>(i) + 0.5 * static_cast<double>(j - i)) / total;
    for (std::size_t k = i; k < j; ++k) out[dated[k].second] = q;
    i = j;
  }
  return out;
}

std::vector<std::vector<Occurrence>> find_occurrences(const PhraseCorpus& c,
                                                      std::span<const PhraseTarget> targets,
                                                      std::uint32_t classes, std::size_t context,
                                                      int threads) {
  const PhraseMatcher matcher(targets, classes);
  const std::size_t nd = c.docs.size();
  std::vector<std::vector<std::pair<std::uint32_t, Occurrence>>> per_doc(nd);
  const auto count = static_cast<std::int64_t>(nd);
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
  for (std::int64_t d = 0; d < count; ++d) {
    const std::uint32_t base = c.doc_begin[d], words = c.doc_begin[d + 1] - base;
    auto& hits = per_doc[d];
    for (std::uint32_t j = 0; j < words; ++j) {
      const std::uint32_t g = base + j;
      matcher.at(&c.cls[g], c.run[g], [&](std::uint32_t k) {
        Occurrence o;
        o.doc = static_cast<std::uint32_t>(d);
        o.token = j;
        o.length = targets[k].length;
        o.begin = c.begin(g);
        o.end = c.end(g + o.length - 1);
        hits.emplace_back(k, std::move(o));
      });
    }
    if (hits.empty()) continue;
    const std::string& text = c.docs[d].text;
    const std::vector<QuoteSpan> quotes = quotation_spans(text);
    for (auto& [k, o] : hits) {
      o.voice = inside_quotation(quotes, o.begin, o.end) ? Voice::kQuotation : Voice::kOwn;
      add_context(o, c, base, base + words, context);
    }
  }
  std::vector<std::vector<Occurrence>> out(targets.size());
  for (auto& hits : per_doc) {
    for (auto& [k, o] : hits) out[k].push_back(std::move(o));
  }
  return out;
}

void describe(TalkingPoint& tp, const PhraseCorpus& c) {
  std::map<std::string, std::size_t> counts;
  for (const Occurrence& o : tp.occurrences) ++counts[std::string(c.span(c.doc_begin[o.doc] + o.token, o.length))];
  tp.variants.clear();
  for (const auto& [text, n] : counts) tp.variants.push_back({text, n});
  std::stable_sort(tp.variants.begin(), tp.variants.end(),
                   [](const Variant& a, const Variant& b) { return a.count > b.count; });
  if (!tp.variants.empty()) tp.canonical = tp.variants.front().text;
  std::vector<std::uint32_t> outlet_ids, docs;
  tp.quotations = 0;
  for (Occurrence& o : tp.occurrences) {
    const std::string_view surface = c.span(c.doc_begin[o.doc] + o.token, o.length);
    for (std::uint32_t v = 0; v < tp.variants.size(); ++v) {
      if (tp.variants[v].text == surface) o.variant = v;
    }
    if (o.voice == Voice::kQuotation) ++tp.quotations;
    if (docs.empty() || docs.back() != o.doc) docs.push_back(o.doc);
    outlet_ids.push_back(c.outlet_of_doc[o.doc]);
  }
  std::sort(outlet_ids.begin(), outlet_ids.end());
  outlet_ids.erase(std::unique(outlet_ids.begin(), outlet_ids.end()), outlet_ids.end());
  tp.outlets.clear();
  for (std::uint32_t k : outlet_ids) tp.outlets.push_back(c.outlets[k]);
  tp.documents = docs.size();

  // Timeline: each outlet's first dated document; undated documents listed.
  tp.timeline = {};
  std::vector<std::pair<std::int64_t, std::uint32_t>> dated;  // (day, doc)
  for (std::uint32_t d : docs) {
    const std::optional<std::int64_t> day = day_number(c.docs[d].date);
    if (day) {
      dated.emplace_back(*day, d);
    } else {
      tp.timeline.undated_docs.push_back(d);
    }
  }
  std::sort(dated.begin(), dated.end());
  std::vector<std::uint8_t> seen(c.outlets.size(), 0);
  for (const auto& [day, d] : dated) {
    const std::uint32_t outlet = c.outlet_of_doc[d];
    if (seen[outlet]) continue;
    seen[outlet] = 1;
    OutletFirst f{c.outlets[outlet], d, c.docs[d].date, 0};
    if (!tp.timeline.first) {
      tp.timeline.first = f;
    } else {
      f.lag_days = day - dated.front().first;
      tp.timeline.later.push_back(std::move(f));
    }
  }
}

}  // namespace echotrace::internal
