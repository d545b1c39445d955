// render_report_html(): one self-contained page. Tables and SVG are drawn
// here, so the page reads without JavaScript; the inline script adds the
// measure switch, hover details and the side-by-side viewer, from a JSON block
// holding the embedded texts and aligned spans.
#include <echotrace/report.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "internal/assert.h"
#include "internal/report_assets.h"
#include "internal/report_parts.h"

namespace echotrace {

Status validate(const ReportOptions& o) {
  if (o.top_pairs > 100000) return invalid_argument("report top pairs must be at most 100000");
  if (o.heatmap_limit > 5000) {
    return invalid_argument("heatmap limit must be at most 5000 documents (25 million cells), got " +
                            std::to_string(o.heatmap_limit));
  }
  return Status();
}

namespace {

using json = nlohmann::ordered_json;
using internal::fixed;
using internal::xml_escape;

// Byte offset → UTF-16 offset for every byte offset of `text` (size + 1 entries).
std::vector<std::uint32_t> utf16_offsets(std::string_view text) {
  std::vector<std::uint32_t> at(text.size() + 1);
  std::uint32_t u = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    at[i] = u;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) u += c >= 0xF0 ? 2 : 1;  // a 4-byte sequence is a surrogate pair
  }
  at[text.size()] = u;
  return at;
}

// "(unattributed: id)" for the phrase stage's per-document outlet keys "?id".
std::string outlet_display(const std::string& key) {
  return !key.empty() && key[0] == '?' ? "(unattributed: " + key.substr(1) + ")" : key;
}

std::string percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? "0%" : fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + "%";
}

class Page {
 public:
  explicit Page(const ReportInput& in) : in_(in), corpus_(*in.corpus), outlets_(internal::index_outlets(*in.corpus)) {
    offsets_.resize(corpus_.documents.size());
  }

  std::string render() {
    choose_embedded();
    const std::string overview_html = overview();  // reads the version
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>echotrace report: " + xml_escape(corpus_.source) + "</title><style>" + internal::kReportStyle + "</style></head>\n";
    h += "<body data-render=\"pending\">\n<header><h1>echotrace report</h1><p>" + xml_escape(corpus_.source) + " · " +
         std::to_string(corpus_.documents.size()) + " documents · " + std::to_string(outlets_.names.size()) +
         " outlets · echotrace " + xml_escape(version_) + "</p></header>\n";
    h += "<nav><a href=\"#overview\">Overview</a><a href=\"#heatmap\">Heatmap</a><a href=\"#pairs\">Top pairs</a>"
         "<a href=\"#talking-points\">Talking points</a><a href=\"#timeline\">Timeline</a></nav>\n";
    h += overview_html;
    h += heatmap();
    h += pairs();
    h += talking_points();
    h += timeline();
    h += "<div id=\"tooltip\"></div><div id=\"js-errors\" hidden></div>\n";
    std::string blob = data().dump(-1, ' ', false, json::error_handler_t::replace);
    // Keep "</script>" (and "<!--") out of the data block.
    std::string safe;
    safe.reserve(blob.size());
    for (std::size_t i = 0; i < blob.size(); ++i) {
      if (blob[i] == '<') {
        safe += "\\u003c";
      } else {
        safe += blob[i];
      }
    }
    h += "<script type=\"application/json\" id=\"echotrace-data\">" + safe + "</script>\n";
    h += std::string("<script>") + internal::kReportScript + "</script>\n</body></html>\n";
    return h;
  }

 private:
  // Documents whose text the page embeds: both sides of the top pairs, then
  // documents with occurrences of the listed talking points, within the budget.
  void choose_embedded() {
    std::size_t budget = in_.options.text_budget;
    auto take = [&](std::uint32_t d) {
      if (embedded_.count(d)) return;
      const std::size_t bytes = corpus_.documents[d].text.size();
      if (bytes > budget) return;
      budget -= bytes;
      embedded_.insert(d);
      offsets_[d] = utf16_offsets(corpus_.documents[d].text);
    };
    for (const PairExplanation& e : in_.explained) {
      take(e.scores.a);
      take(e.scores.b);
    }
    if (in_.talking_points == nullptr) return;
    std::size_t rows = 0;
    for (const TalkingPoint& tp : in_.talking_points->talking_points) {
      if (rows++ >= in_.options.talking_points) break;
      std::size_t listed = 0;
      for (const Occurrence& o : tp.occurrences) {
        if (listed++ >= in_.options.occurrences) break;
        take(o.doc);
      }
    }
  }

  std::uint32_t u16(std::uint32_t doc, std::size_t byte) const { return offsets_[doc][byte]; }

  std::string doc_cell(std::uint32_t d) const {
    const Document& doc = corpus_.documents[d];
    return "<td><span class=\"chip\" style=\"background:" + internal::outlet_colour(outlets_.of_doc[d]) + "\">" +
           xml_escape(internal::report_outlet(doc)) + "</span> " + xml_escape(doc.id) +
           (doc.date.empty() ? "" : " <span class=\"note\">" + xml_escape(doc.date) + "</span>") + "</td>";
  }

  std::string overview() {
    json facts = json::parse(in_.overview_json, nullptr, false);
    if (facts.is_discarded() || !facts.is_object()) facts = json::object();
    if (facts.contains("version") && facts["version"].is_string()) version_ = facts["version"].get<std::string>();
    std::string h = "<section id=\"overview\"><h2>Overview</h2>";
    // Per outlet: documents, dates, bytes.
    struct Row {
      std::size_t docs = 0, bytes = 0, removed = 0, undated = 0;
      std::string first, last;
    };
    std::vector<Row> rows(outlets_.names.size());
    Row total;
    for (std::size_t d = 0; d < corpus_.documents.size(); ++d) {
      const Document& doc = corpus_.documents[d];
      const std::size_t removed = d < in_.cleaning.size() ? in_.cleaning[d].removed_bytes() : 0;
      for (Row* r : {&rows[outlets_.of_doc[d]], &total}) {
        ++r->docs;
        r->bytes += doc.text.size();
        r->removed += removed;
        if (doc.date.empty()) {
          ++r->undated;
          continue;
        }
        if (r->first.empty() || doc.date < r->first) r->first = doc.date;
        if (r->last.empty() || doc.date > r->last) r->last = doc.date;
      }
    }
    auto row_html = [&](const std::string& name, const Row& r, const std::string& colour) {
      return "<tr><td>" +
             (colour.empty() ? "<b>" + xml_escape(name) + "</b>"
                             : "<span class=\"chip\" style=\"background:" + colour + "\">" + xml_escape(name) + "</span>") +
             "</td><td class=\"num\">" + std::to_string(r.docs) + "</td><td>" +
             (r.first.empty() ? std::string("—") : xml_escape(r.first) + " … " + xml_escape(r.last)) +
             "</td><td class=\"num\">" + std::to_string(r.undated) + "</td><td class=\"num\">" +
             std::to_string(r.bytes) + "</td><td class=\"num\">" + std::to_string(r.removed) + " (" +
             percent(r.removed, r.bytes) + ")</td></tr>";
    };
    h += "<table class=\"outlets\"><tr><th>Outlet</th><th>Documents</th><th>Dates</th><th>Undated</th>"
         "<th>Bytes</th><th>Removed by cleaning</th></tr>";
    for (std::size_t o = 0; o < rows.size(); ++o) {
      if (o >= 200) {
        h += "<tr><td colspan=\"6\" class=\"note\">… " + std::to_string(rows.size() - 200) +
             " more outlets (run.json lists every document)</td></tr>";
        break;
      }
      h += row_html(outlets_.names[o], rows[o], internal::outlet_colour(o));
    }
    h += row_html("All", total, "") + "</table>";
    // Parameters, flattened ("shingle.k").
    if (facts.contains("options")) {
      h += "<details><summary>Parameters</summary><table class=\"params\">";
      const json flat = facts["options"].flatten();
      for (const auto& [key, value] : flat.items()) {
        std::string name = key.substr(1);
        std::replace(name.begin(), name.end(), '/', '.');
        h += "<tr><td>" + xml_escape(name) + "</td><td>" + xml_escape(value.dump()) + "</td></tr>";
      }
      h += "</table></details>";
    }
    // Run facts, in words.
    auto get = [&](std::initializer_list<const char*> path) -> std::string {
      const json* at = &facts;
      for (const char* key : path) {
        if (!at->is_object() || !at->contains(key)) return "";
        at = &(*at)[key];
      }
      return at->is_string() ? at->get<std::string>() : at->dump();
    };
    const std::pair<const char*, std::string> rows_of_facts[] = {
        {"Mode", get({"mode"}) == "\"dense\"" || get({"mode"}) == "dense"
                     ? "dense: n × n matrices of all three measures"
                     : "sparse: LSH candidates verified by exact Jaccard, exact all-pairs cosine"},
        {"Pairs listed", get({"pairs_listed"})},
        {"Near-duplicate clusters", get({"clusters", "clusters_with_duplicates"}) + " with more than one document (" +
                                        get({"clusters", "documents_in_them"}) + " documents)"},
        {"TF-IDF vocabulary", get({"vocabulary_size"}) + " terms"},
        {"Input", get({"input", "path"}) + ", " + get({"input", "bytes"}) + " bytes, XXH3 " + get({"input", "xxh3"}) +
                      ", " + get({"input", "skipped"}) + " skipped"},
        {"Unicode", "ICU " + get({"environment", "icu"}) + ", Unicode " + get({"environment", "unicode"})},
    };
    h += "<table class=\"facts\">";
    for (const auto& [name, value] : rows_of_facts) {
      h += "<tr><th>" + std::string(name) + "</th><td>" + xml_escape(value) + "</td></tr>";
    }
    h += "</table>";
    h += "</section>\n";
    return h;
  }

  std::string heatmap() {
    std::string h = "<section id=\"heatmap\"><h2>Similarity heatmap</h2><div class=\"controls\">";
    const bool has_cosine = !in_.dense || in_.cosine != nullptr;
    default_measure_ = has_cosine ? 2 : 1;
    static constexpr const char* kLabels[3] = {"MinHash estimate", "exact Jaccard", "TF-IDF cosine"};
    for (int m = 0; m < 3; ++m) {
      if (m == 2 && !has_cosine) continue;
      h += "<label><input type=\"radio\" name=\"measure\" value=\"" + std::to_string(m) + "\"" +
           (m == default_measure_ ? " checked" : "") + "> " + kLabels[m] + "</label>";
    }
    const bool documents = in_.dense && corpus_.documents.size() <= in_.options.heatmap_limit;
    if (documents) {
      h += " &nbsp; Group by <label><input type=\"radio\" name=\"group\" value=\"outlet\" checked> outlet</label>"
           "<label><input type=\"radio\" name=\"group\" value=\"cluster\"> near-duplicate cluster</label>";
    }
    h += "</div>";
    if (!documents) {
      h += "<p class=\"note\">" + std::to_string(corpus_.documents.size()) +
           " documents exceed the document heatmap's limit of " + std::to_string(in_.options.heatmap_limit) +
           " (--heatmap-limit): outlets are shown instead" +
           (in_.dense ? ", each cell the mean score over their document pairs"
                      : ", each cell the number of pairs listed at or above the threshold") +
           "; the top pairs are listed below.</p>";
    }
    h += heatmap_svg(in_, default_measure_, true);
    for (int m = 0; m < 3; ++m) titles_.push_back(internal::heatmap_title(in_, m, outlets_.names.size()));
    h += "<p class=\"note\">Hover a cell for the documents and all three scores. heatmap.svg beside this file "
         "is the same picture for papers.</p></section>\n";
    return h;
  }

  std::string pairs() {
    std::string h = "<section id=\"pairs\"><h2>Top pairs</h2>";
    if (in_.explained.empty()) {
      h += "<p class=\"note\">No pair of documents shares anything at the thresholds used.</p></section>\n";
      return h;
    }
    h += "<p class=\"note\">The " + std::to_string(in_.explained.size()) +
         " strongest pairs (by exact Jaccard, then cosine); click a row for the side-by-side text "
         "(shared passages of at least one shingle highlighted, chrome removed by cleaning greyed). "
         "pairs.tsv lists every pair; <code>echotrace explain ID_A ID_B</code> prints the same record.</p>";
    h += "<table class=\"pairs\"><tr><th>#</th><th>Document A</th><th>Document B</th><th>MinHash</th>"
         "<th>Jaccard</th><th>Cosine</th><th>Shared passages</th><th>Found by</th></tr>";
    for (std::size_t k = 0; k < in_.explained.size(); ++k) {
      const PairExplanation& e = in_.explained[k];
      const ScoredPair& p = e.scores;
      h += "<tr class=\"pair\" data-pair=\"" + std::to_string(k) + "\"><td class=\"num\">" + std::to_string(k + 1) +
           "</td>" + doc_cell(p.a) + doc_cell(p.b) + "<td class=\"num\">" + fixed(p.minhash, 3) +
           "</td><td class=\"num\">" + fixed(p.jaccard, 3) + "</td><td class=\"num\">" + fixed(p.cosine, 3) +
           "</td><td class=\"num\">" + std::to_string(e.spans.size()) + " (" + std::to_string(e.shared_tokens_a) +
           " words)</td><td>" + internal::pair_source_name(p.source) + "</td></tr>";
    }
    h += "</table><div id=\"viewer\"><div class=\"viewer-title\"></div><div class=\"viewer-extra\"></div>"
         "<div class=\"panes\"><div class=\"pane\"><div class=\"pane-head\"></div><div class=\"doc\"></div></div>"
         "<div class=\"pane\"><div class=\"pane-head\"></div><div class=\"doc\"></div></div></div></div>";
    h += "</section>\n";
    return h;
  }

  std::string talking_points() {
    std::string h = "<section id=\"talking-points\"><h2>Talking points</h2>";
    if (in_.talking_points == nullptr) {
      return h + "<p class=\"note\">The talking-point stage was off (--no-phrases).</p></section>\n";
    }
    const TalkingPointReport& r = *in_.talking_points;
    const std::size_t shown = std::min(r.talking_points.size(), in_.options.talking_points);
    h += "<p class=\"note\">Phrases shared by documents of different outlets, ranked by score (README: Talking "
         "points). Showing " + std::to_string(shown) + " of " + std::to_string(r.talking_points.size()) +
         "; talking_points.csv and occurrences.csv hold all. Open a row for its occurrences in context; "
         "<i>open</i> shows the text beside another outlet's use.</p>";
    h += "<table class=\"talking-points\"><tr><th>#</th><th>Talking point</th><th>Score</th><th>Outlets</th>"
         "<th>Documents</th><th>Quoted</th><th>First appearance</th><th>Later</th></tr>";
    for (std::size_t k = 0; k < shown; ++k) {
      const TalkingPoint& tp = r.talking_points[k];
      h += "<tr class=\"tp\" data-canonical=\"" + xml_escape(tp.canonical) + "\"><td class=\"num\">" +
           std::to_string(k + 1) + "</td><td><b class=\"canonical\">" + xml_escape(tp.canonical) + "</b>";
      if (!tp.watch.empty()) h += " <span class=\"note\">(watched)</span>";
      if (tp.variants.size() > 1) {
        h += "<div class=\"variants\">variants: ";
        for (std::size_t v = 0; v < tp.variants.size(); ++v) {
          h += (v ? ", " : "") + xml_escape(tp.variants[v].text) + " (" + std::to_string(tp.variants[v].count) + ")";
        }
        h += "</div>";
      }
      h += occurrences(tp);
      const PhraseScore& sc = tp.score;
      h += "</td><td class=\"num\" title=\"spread " + fixed(sc.spread, 3) + " × cohesion " + fixed(sc.cohesion, 3) +
           " × distinctiveness " + fixed(sc.distinctiveness, 3) + " × originality " + fixed(sc.originality, 3) +
           " × timing " + fixed(sc.timing, 3) + " × penalty " + fixed(sc.penalty, 3) + "\">" +
           (tp.mined ? fixed(sc.score, 3) : std::string("watched")) + "</td><td class=\"outlets\">";
      for (const std::string& o : tp.outlets) h += "<span class=\"outlet\">" + xml_escape(outlet_display(o)) + "</span><br>";
      h += "</td><td class=\"num\">" + std::to_string(tp.documents) + "</td><td class=\"num\">" +
           percent(tp.quotations, tp.occurrences.size()) + "</td><td>";
      if (tp.timeline.first) {
        const OutletFirst& f = *tp.timeline.first;
        h += xml_escape(f.date) + "<br>" + xml_escape(outlet_display(f.outlet)) + "<br><span class=\"note\">" +
             xml_escape(corpus_.documents[f.doc].id) + "</span>";
      } else {
        h += "<span class=\"note\">no dated use</span>";
      }
      h += "</td><td>";
      for (const OutletFirst& f : tp.timeline.later) {
        h += xml_escape(outlet_display(f.outlet)) + " +" + std::to_string(f.lag_days) + "d<br>";
      }
      if (!tp.timeline.undated_docs.empty()) {
        h += "<span class=\"note\">" + std::to_string(tp.timeline.undated_docs.size()) + " undated</span>";
      }
      h += "</td></tr>";
    }
    h += "</table></section>\n";
    return h;
  }

  std::string occurrences(const TalkingPoint& tp) {
    const std::size_t shown = std::min(tp.occurrences.size(), in_.options.occurrences);
    std::string h = "<details><summary>" + std::to_string(tp.occurrences.size()) + " occurrence" +
                    (tp.occurrences.size() == 1 ? "" : "s") +
                    (shown < tp.occurrences.size() ? " (first " + std::to_string(shown) + ")" : std::string()) +
                    "</summary><table class=\"kwic\" data-phrase=\"" + xml_escape(tp.canonical) + "\">";
    for (std::size_t k = 0; k < shown; ++k) {
      const Occurrence& o = tp.occurrences[k];
      const Document& doc = corpus_.documents[o.doc];
      const bool open = embedded_.count(o.doc) > 0;
      h += "<tr data-outlet=\"" + xml_escape(outlet_key(doc)) + "\"";
      if (open) {
        h += " data-doc=\"" + std::to_string(o.doc) + "\" data-b=\"" + std::to_string(u16(o.doc, o.begin)) +
             "\" data-e=\"" + std::to_string(u16(o.doc, o.end)) + "\"";
      }
      h += "><td>" + xml_escape(internal::report_outlet(doc)) + "</td><td>" + xml_escape(doc.date) + "</td><td>" +
           xml_escape(doc.id) + "</td><td class=\"voice-" + voice_name(o.voice) + "\">" + voice_name(o.voice) +
           "</td><td class=\"before\">" + xml_escape(o.before) + "</td><td><mark>" +
           xml_escape(std::string_view(doc.text).substr(o.begin, o.end - o.begin)) + "</mark>" + xml_escape(o.after) +
           "</td><td>" + (open ? "<a class=\"open\" href=\"#viewer\">open</a>" : "") + "</td></tr>";
    }
    return h + "</table></details>";
  }

  std::string timeline() {
    std::string h = "<section id=\"timeline\"><h2>Timeline</h2>";
    const std::string svg = internal::timeline_svg(in_, outlets_);
    if (svg.empty()) {
      return h + "<p class=\"note\">No talking point has a dated first appearance.</p></section>\n";
    }
    h += "<p class=\"note\">Each talking point's first dated use (large dot) and every later outlet's first use; "
         "hover a dot for outlet, date and document. Undated documents are counted, never placed.</p>";
    h += svg + "<div>";
    for (std::size_t o = 0; o < outlets_.names.size() && o < 50; ++o) {
      h += "<span class=\"chip\" style=\"background:" + internal::outlet_colour(o) + "\">" +
           xml_escape(outlets_.names[o]) + "</span>";
    }
    return h + "</div></section>\n";
  }

  json data() const {
    json d;
    d["measure_names"] = {"MinHash estimate", "exact Jaccard", "TF-IDF cosine"};
    d["default_measure"] = default_measure_;
    d["heatmap_titles"] = titles_;
    json stops = json::array();
    for (int i = 0; i <= 8; ++i) {
      const std::string c = internal::score_colour(i / 8.0);
      stops.push_back({std::stoi(c.substr(1, 2), nullptr, 16), std::stoi(c.substr(3, 2), nullptr, 16),
                       std::stoi(c.substr(5, 2), nullptr, 16)});
    }
    d["stops"] = stops;
    // Metadata of every document the page refers to (heatmap, pairs).
    json meta = json::object();
    std::set<std::uint32_t> referred(embedded_.begin(), embedded_.end());
    if (in_.dense && corpus_.documents.size() <= in_.options.heatmap_limit) {
      for (std::uint32_t i = 0; i < corpus_.documents.size(); ++i) referred.insert(i);
    }
    for (std::uint32_t i : referred) {
      const Document& doc = corpus_.documents[i];
      meta[std::to_string(i)] = {{"id", doc.id}, {"outlet", internal::report_outlet(doc)}, {"date", doc.date},
                                 {"title", doc.title}};
    }
    d["meta"] = meta;
    json docs = json::object();
    for (std::uint32_t i : embedded_) {
      const Document& doc = corpus_.documents[i];
      json removed = json::array();
      if (i < in_.cleaning.size()) {
        for (const RemovedSpan& s : in_.cleaning[i].removed) removed.push_back({u16(i, s.begin), u16(i, s.end)});
      }
      docs[std::to_string(i)] = {{"text", doc.text}, {"removed", removed}};
    }
    d["docs"] = docs;
    json pairs = json::array();
    for (const PairExplanation& e : in_.explained) {
      const std::uint32_t a = e.scores.a, b = e.scores.b;
      const bool both = embedded_.count(a) && embedded_.count(b);
      json spans = json::array();
      if (both) {
        for (const AlignedSpan& s : e.spans) {
          spans.push_back({u16(a, s.a_begin), u16(a, s.a_end), u16(b, s.b_begin), u16(b, s.b_end)});
        }
      }
      json terms = json::array();
      for (const SharedTerm& t : e.terms) terms.push_back({t.term, fixed(t.contribution, 4)});
      pairs.push_back({{"a", a}, {"b", b}, {"spans", spans}, {"terms", terms}});
    }
    d["pairs"] = pairs;
    return d;
  }

  const ReportInput& in_;
  const Corpus& corpus_;
  internal::OutletIndex outlets_;
  std::set<std::uint32_t> embedded_;
  std::vector<std::vector<std::uint32_t>> offsets_;
  std::vector<std::string> titles_;
  std::string version_;
  int default_measure_ = 2;
};

}  // namespace

std::string render_report_html(const ReportInput& input) {
  ECHOTRACE_ASSERT(input.corpus != nullptr);
  return Page(input).render();
}

}  // namespace echotrace
