// heatmap_svg() and the timeline: SVG drawn as text, deterministic.
#include <echotrace/report.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>

#include "internal/assert.h"
#include "internal/dates.h"
#include "internal/report_parts.h"

namespace echotrace {
namespace {

using internal::fixed;
using internal::xml_escape;

constexpr const char* kMeasureNames[3] = {"MinHash Jaccard estimate", "exact Jaccard", "TF-IDF cosine"};

double score_of(const ScoredPair& p, int measure) {
  return measure == 0 ? p.minhash : measure == 1 ? p.jaccard : p.cosine;
}

const DenseMatrix* matrix_of(const ReportInput& in, int measure) {
  return measure == 0 ? in.minhash : measure == 1 ? in.jaccard : in.cosine;
}

// The legend: a vertical colour bar from 0 (bottom) to `top_label` (top).
void append_legend(std::string& svg, double x, double y, double height, const std::string& top_label,
                   const std::string& bottom_label) {
  svg += "<defs><linearGradient id=\"viridis\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">";
  for (int i = 0; i <= 8; ++i) {
    svg += "<stop offset=\"" + fixed(i / 8.0, 3) + "\" stop-color=\"" + internal::score_colour(i / 8.0) + "\"/>";
  }
  svg += "</linearGradient></defs>";
  svg += "<g class=\"legend\"><rect x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y, 1) + "\" width=\"14\" height=\"" +
         fixed(height, 1) + "\" fill=\"url(#viridis)\" stroke=\"#666\" stroke-width=\"0.5\"/>";
  svg += "<text x=\"" + fixed(x + 18, 1) + "\" y=\"" + fixed(y + 8, 1) + "\" class=\"legend-top\">" +
         xml_escape(top_label) + "</text>";
  svg += "<text x=\"" + fixed(x + 18, 1) + "\" y=\"" + fixed(y + height, 1) + "\">" + xml_escape(bottom_label) +
         "</text></g>";
}

std::string svg_open(double width, double height, const std::string& cls) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + cls + "\" width=\"" + fixed(width, 0) +
         "\" height=\"" + fixed(height, 0) + "\" viewBox=\"0 0 " + fixed(width, 0) + " " + fixed(height, 0) +
         "\" font-family=\"sans-serif\" font-size=\"11\">";
}

// Document × document heatmap.
std::string document_heatmap(const ReportInput& in, int measure, bool interactive) {
  const Corpus& corpus = *in.corpus;
  const std::size_t n = corpus.documents.size();
  const internal::OutletIndex outlets = internal::index_outlets(corpus);
  // Grouped by outlet (unattributed last, as "(" sorts first but reads worst), then date, then input order.
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  auto group = [&](std::uint32_t d) {
    return std::make_tuple(corpus.documents[d].outlet.empty(), outlets.of_doc[d], corpus.documents[d].date, d);
  };
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) { return group(x) < group(y); });
  std::vector<std::uint32_t> by_cluster(order);
  if (in.clusters != nullptr && in.clusters->cluster.size() == n) {
    std::stable_sort(by_cluster.begin(), by_cluster.end(), [&](std::uint32_t x, std::uint32_t y) {
      return in.clusters->cluster[x] < in.clusters->cluster[y];
    });
  }
  std::vector<std::uint32_t> pos(n);
  for (std::uint32_t p = 0; p < n; ++p) pos[order[p]] = p;

  const double cell = std::clamp(560.0 / static_cast<double>(std::max<std::size_t>(n, 1)), 5.0, 56.0);
  const bool column_labels = cell >= 9.0;
  const double left = 230, top = column_labels ? 130 : 40;
  const double grid = cell * static_cast<double>(n);
  const double width = left + grid + 90, height = top + grid + 30;
  std::string svg = svg_open(width, height, "heatmap");
  svg += "<text x=\"4\" y=\"16\" font-size=\"14\" class=\"heatmap-title\">" +
         xml_escape(internal::heatmap_title(in, measure, outlets.names.size())) + "</text>";
  if (interactive) {
    auto join = [](const std::vector<std::uint32_t>& v) {
      std::string s;
      for (std::uint32_t x : v) {
        if (!s.empty()) s += ',';
        s += std::to_string(x);
      }
      return s;
    };
    svg += "<g class=\"heatmap-grid\" data-left=\"" + fixed(left, 1) + "\" data-top=\"" + fixed(top, 1) +
           "\" data-cell=\"" + fixed(cell, 3) + "\" data-order-outlet=\"" + join(order) +
           "\" data-order-cluster=\"" + join(by_cluster) + "\">";
  } else {
    svg += "<g class=\"heatmap-grid\">";
  }
  // Row labels with an outlet band, column labels.
  for (std::uint32_t d = 0; d < n; ++d) {
    const Document& doc = corpus.documents[d];
    const double y = top + pos[d] * cell;
    const std::string colour = internal::outlet_colour(outlets.of_doc[d]);
    svg += "<rect class=\"band\" data-doc=\"" + std::to_string(d) + "\" x=\"" + fixed(left - 8, 1) + "\" y=\"" +
           fixed(y, 2) + "\" width=\"6\" height=\"" + fixed(cell, 2) + "\" fill=\"" + colour + "\"><title>" +
           xml_escape(internal::report_outlet(doc)) + "</title></rect>";
    if (cell >= 7.0) {
      svg += "<text class=\"row-label\" data-doc=\"" + std::to_string(d) + "\" x=\"" + fixed(left - 12, 1) +
             "\" y=\"" + fixed(y + cell / 2 + 4, 2) + "\" text-anchor=\"end\">" +
             xml_escape(internal::truncate_points(doc.id, 22) + " · " +
                        internal::truncate_points(internal::report_outlet(doc), 12)) +
             "</text>";
    }
    if (column_labels) {
      const double x = left + pos[d] * cell + cell / 2 + 4;
      svg += "<text class=\"col-label\" data-doc=\"" + std::to_string(d) + "\" transform=\"translate(" + fixed(x, 2) +
             "," + fixed(top - 6, 1) + ") rotate(-60)\">" + xml_escape(internal::truncate_points(doc.id, 18)) +
             "</text>";
    }
  }
  const DenseMatrix* shown = matrix_of(in, measure);
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::uint32_t j = 0; j < n; ++j) {
      const double v = shown->at(i, j);
      svg += "<rect class=\"cell\" x=\"" + fixed(left + pos[j] * cell, 2) + "\" y=\"" + fixed(top + pos[i] * cell, 2) +
             "\" width=\"" + fixed(cell, 2) + "\" height=\"" + fixed(cell, 2) + "\" fill=\"" +
             internal::score_colour(v) + "\"";
      if (interactive) {
        std::string scores;
        for (int m = 0; m < 3; ++m) {
          const DenseMatrix* mm = matrix_of(in, m);
          if (m > 0) scores += ',';
          scores += mm != nullptr ? fixed(mm->at(i, j), 4) : std::string("n/a");
        }
        svg += " data-i=\"" + std::to_string(i) + "\" data-j=\"" + std::to_string(j) + "\" data-s=\"" + scores +
               "\"/>";
      } else {
        svg += "><title>" + xml_escape(corpus.documents[i].id + " × " + corpus.documents[j].id + ": " + fixed(v, 3)) +
               "</title></rect>";
      }
    }
  }
  // Lines between outlet groups.
  for (std::uint32_t p = 1; p < n; ++p) {
    if (outlets.of_doc[order[p]] == outlets.of_doc[order[p - 1]]) continue;
    const double at = p * cell;
    svg += "<line class=\"outlet-only\" x1=\"" + fixed(left, 1) + "\" y1=\"" + fixed(top + at, 2) + "\" x2=\"" +
           fixed(left + grid, 1) + "\" y2=\"" + fixed(top + at, 2) + "\" stroke=\"#fff\" stroke-width=\"1.5\"/>";
    svg += "<line class=\"outlet-only\" x1=\"" + fixed(left + at, 2) + "\" y1=\"" + fixed(top, 1) + "\" x2=\"" +
           fixed(left + at, 2) + "\" y2=\"" + fixed(top + grid, 1) + "\" stroke=\"#fff\" stroke-width=\"1.5\"/>";
  }
  svg += "</g>";
  append_legend(svg, left + grid + 20, top, std::max(grid, 80.0), "1", "0");
  svg += "</svg>\n";
  return svg;
}

// Outlet × outlet heatmap: mean score over document pairs (dense) or pairs
// listed at or above the threshold (sparse).
std::string outlet_heatmap(const ReportInput& in, int measure, bool interactive) {
  const Corpus& corpus = *in.corpus;
  const internal::OutletIndex all = internal::index_outlets(corpus);
  std::vector<std::size_t> docs(all.names.size(), 0);
  for (std::uint32_t o : all.of_doc) ++docs[o];
  // The heatmap_limit largest outlets, shown in name order.
  std::vector<std::uint32_t> shown(all.names.size());
  std::iota(shown.begin(), shown.end(), 0u);
  std::stable_sort(shown.begin(), shown.end(), [&](std::uint32_t x, std::uint32_t y) { return docs[x] > docs[y]; });
  const std::size_t k = std::min(shown.size(), std::max<std::size_t>(in.options.heatmap_limit, 1));
  shown.resize(k);
  std::sort(shown.begin(), shown.end());
  std::vector<std::int64_t> slot(all.names.size(), -1);
  for (std::size_t s = 0; s < k; ++s) slot[shown[s]] = static_cast<std::int64_t>(s);

  // Three measures × k × k sums and counts.
  std::vector<double> sum(3 * k * k, 0.0);
  std::vector<double> pairs(k * k, 0.0);
  const std::size_t n = corpus.documents.size();
  const bool mean = in.dense;
  if (mean) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t si = slot[all.of_doc[i]];
      if (si < 0) continue;
      for (std::size_t j = 0; j < n; ++j) {
        const std::int64_t sj = slot[all.of_doc[j]];
        if (sj < 0 || i == j) continue;
        const std::size_t c = static_cast<std::size_t>(si) * k + static_cast<std::size_t>(sj);
        pairs[c] += 1;
        for (int m = 0; m < 3; ++m) {
          const DenseMatrix* mm = matrix_of(in, m);
          if (mm != nullptr) sum[m * k * k + c] += mm->at(i, j);
        }
      }
    }
  } else {
    for (const ScoredPair& p : in.pairs) {
      const std::int64_t sa = slot[all.of_doc[p.a]], sb = slot[all.of_doc[p.b]];
      if (sa < 0 || sb < 0) continue;
      for (int m = 0; m < 3; ++m) {
        const double v = score_of(p, m);
        const double t = m == 2 ? in.cosine_threshold : in.jaccard_threshold;
        if (!(v >= t)) continue;
        sum[m * k * k + static_cast<std::size_t>(sa) * k + static_cast<std::size_t>(sb)] += 1;
        if (sa != sb) sum[m * k * k + static_cast<std::size_t>(sb) * k + static_cast<std::size_t>(sa)] += 1;
      }
    }
  }
  auto value = [&](int m, std::size_t c) {
    if (mean) return pairs[c] > 0 ? sum[m * k * k + c] / pairs[c] : std::nan("");
    return sum[m * k * k + c];
  };
  // Colour scale: scores as they are (dense); counts relative to the largest (sparse).
  std::vector<double> largest(3, 1.0);
  if (!mean) {
    for (int m = 0; m < 3; ++m) {
      for (std::size_t c = 0; c < k * k; ++c) largest[m] = std::max(largest[m], sum[m * k * k + c]);
    }
  }
  const int m0 = measure;
  const double cell = std::clamp(560.0 / static_cast<double>(std::max<std::size_t>(k, 1)), 5.0, 48.0);
  const bool column_labels = cell >= 9.0;
  const double left = 200, top = column_labels ? 130 : 40;
  const double grid = cell * static_cast<double>(k);
  std::string svg = svg_open(left + grid + 120, top + grid + 30, "heatmap outlet-heatmap");
  svg += "<text x=\"4\" y=\"16\" font-size=\"14\" class=\"heatmap-title\">" +
         xml_escape(internal::heatmap_title(in, m0, all.names.size())) + "</text>";
  svg += "<g class=\"heatmap-grid\" data-mode=\"outlet\"" +
         std::string(mean ? "" : " data-counts=\"1\"") + ">";
  for (std::size_t s = 0; s < k; ++s) {
    const std::string name = all.names[shown[s]] + " (" + std::to_string(docs[shown[s]]) + ")";
    svg += "<text class=\"row-label\" x=\"" + fixed(left - 6, 1) + "\" y=\"" + fixed(top + s * cell + cell / 2 + 4, 2) +
           "\" text-anchor=\"end\">" + xml_escape(internal::truncate_points(name, 30)) + "</text>";
    if (column_labels) {
      svg += "<text class=\"col-label\" transform=\"translate(" + fixed(left + s * cell + cell / 2 + 4, 2) + "," +
             fixed(top - 6, 1) + ") rotate(-60)\">" + xml_escape(internal::truncate_points(all.names[shown[s]], 18)) +
             "</text>";
    }
  }
  for (std::size_t r = 0; r < k; ++r) {
    for (std::size_t c = 0; c < k; ++c) {
      const std::size_t at = r * k + c;
      const double v = value(m0, at);
      const double shade = mean ? v : v / largest[m0];
      svg += "<rect class=\"cell\" x=\"" + fixed(left + c * cell, 2) + "\" y=\"" + fixed(top + r * cell, 2) +
             "\" width=\"" + fixed(cell, 2) + "\" height=\"" + fixed(cell, 2) + "\" fill=\"" +
             internal::score_colour(shade) + "\"";
      if (interactive) {
        std::string scores, shades;
        for (int m = 0; m < 3; ++m) {
          const double vm = value(m, at);
          if (m > 0) {
            scores += ',';
            shades += ',';
          }
          scores += matrix_of(in, m) || !mean ? fixed(vm, mean ? 4 : 0) : std::string("n/a");
          shades += fixed(mean ? vm : vm / largest[m], 4);
        }
        svg += " data-a=\"" + xml_escape(all.names[shown[r]]) + "\" data-b=\"" + xml_escape(all.names[shown[c]]) +
               "\" data-s=\"" + scores + "\" data-c=\"" + shades + "\"/>";
      } else {
        svg += "><title>" + xml_escape(all.names[shown[r]] + " × " + all.names[shown[c]] + ": " + fixed(v, mean ? 3 : 0)) +
               "</title></rect>";
      }
    }
  }
  svg += "</g>";
  append_legend(svg, left + grid + 20, top, std::max(grid, 80.0), mean ? "1" : fixed(largest[m0], 0) + " pairs", "0");
  svg += "</svg>\n";
  return svg;
}

bool document_mode(const ReportInput& in) {
  return in.dense && in.minhash != nullptr && in.jaccard != nullptr &&
         in.corpus->documents.size() <= in.options.heatmap_limit;
}

}  // namespace

std::string heatmap_svg(const ReportInput& in, int measure, bool interactive) {
  ECHOTRACE_ASSERT(in.corpus != nullptr && measure >= 0 && measure <= 2);
  if (measure == 2 && in.cosine == nullptr && in.dense) measure = 1;
  return document_mode(in) ? document_heatmap(in, measure, interactive) : outlet_heatmap(in, measure, interactive);
}

namespace internal {

std::string heatmap_title(const ReportInput& in, int measure, std::size_t outlets) {
  if (document_mode(in)) {
    return std::string(kMeasureNames[measure]) + ": " + std::to_string(in.corpus->documents.size()) +
           " documents grouped by outlet";
  }
  const std::size_t k = std::min(outlets, std::max<std::size_t>(in.options.heatmap_limit, 1));
  std::string what = in.dense ? std::string("mean ") + kMeasureNames[measure]
                              : std::string("pairs listed with ") + kMeasureNames[measure] + " ≥ " +
                                    fixed(measure == 2 ? in.cosine_threshold : in.jaccard_threshold, 2);
  return what + ": " + std::to_string(k) + " outlets" +
         (k < outlets ? " (largest of " + std::to_string(outlets) + ")" : std::string());
}

std::string timeline_svg(const ReportInput& in, const OutletIndex& outlets) {
  if (in.talking_points == nullptr) return "";
  const Corpus& corpus = *in.corpus;
  struct Row {
    const TalkingPoint* tp;
    std::int64_t first_day;
  };
  std::vector<Row> rows;
  std::int64_t lo = 0, hi = 0;
  for (const TalkingPoint& tp : in.talking_points->talking_points) {
    if (rows.size() >= in.options.timeline_points) break;
    if (!tp.timeline.first) continue;
    const std::optional<std::int64_t> day = day_number(tp.timeline.first->date);
    if (!day) continue;
    std::int64_t last = *day;
    for (const OutletFirst& f : tp.timeline.later) last = std::max(last, *day + f.lag_days);
    lo = rows.empty() ? *day : std::min(lo, *day);
    hi = rows.empty() ? last : std::max(hi, last);
    rows.push_back({&tp, *day});
  }
  if (rows.empty()) return "";
  const double left = 260, right = 40, top = 30, row_h = 22, plot_w = 620;
  const double span = static_cast<double>(std::max<std::int64_t>(hi - lo, 1));
  auto x_of = [&](std::int64_t day) { return left + plot_w * static_cast<double>(day - lo) / span; };
  const double height = top + row_h * static_cast<double>(rows.size()) + 40;
  std::string svg = svg_open(left + plot_w + right, height, "timeline");
  // Axis: first and last day, and three between.
  const double axis_y = top + row_h * static_cast<double>(rows.size()) + 6;
  svg += "<line x1=\"" + fixed(left, 1) + "\" y1=\"" + fixed(axis_y, 1) + "\" x2=\"" + fixed(left + plot_w, 1) +
         "\" y2=\"" + fixed(axis_y, 1) + "\" stroke=\"#888\"/>";
  const int ticks = hi > lo ? 4 : 0;
  for (int t = 0; t <= ticks; ++t) {
    const std::int64_t day = lo + (hi - lo) * t / std::max(ticks, 1);
    svg += "<text x=\"" + fixed(x_of(day), 1) + "\" y=\"" + fixed(axis_y + 16, 1) + "\" text-anchor=\"middle\">" +
           iso_date(day) + "</text>";
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const TalkingPoint& tp = *rows[r].tp;
    const double y = top + row_h * static_cast<double>(r) + row_h / 2;
    std::string label = truncate_points(tp.canonical, 34);
    if (!tp.timeline.undated_docs.empty()) label += " (+" + std::to_string(tp.timeline.undated_docs.size()) + " undated)";
    svg += "<g class=\"timeline-row\"><text x=\"" + fixed(left - 10, 1) + "\" y=\"" + fixed(y + 4, 1) +
           "\" text-anchor=\"end\">" + xml_escape(label) + "</text>";
    std::int64_t last = rows[r].first_day;
    for (const OutletFirst& f : tp.timeline.later) last = std::max(last, rows[r].first_day + f.lag_days);
    svg += "<line x1=\"" + fixed(x_of(rows[r].first_day), 1) + "\" y1=\"" + fixed(y, 1) + "\" x2=\"" +
           fixed(x_of(last), 1) + "\" y2=\"" + fixed(y, 1) + "\" stroke=\"#bbb\" stroke-width=\"2\"/>";
    auto dot = [&](const OutletFirst& f, std::int64_t day, double radius, const std::string& what) {
      const std::string colour = outlet_colour(outlets.of_doc[f.doc]);
      svg += "<circle cx=\"" + fixed(x_of(day), 1) + "\" cy=\"" + fixed(y, 1) + "\" r=\"" + fixed(radius, 1) +
             "\" fill=\"" + colour + "\" stroke=\"#333\" stroke-width=\"0.5\"><title>" +
             xml_escape(tp.canonical + " — " + report_outlet(corpus.documents[f.doc]) + ", " + f.date + ", " +
                        corpus.documents[f.doc].id + " (" + what + ")") +
             "</title></circle>";
    };
    // Later outlets first so the first appearance is drawn on top.
    for (auto it = tp.timeline.later.rbegin(); it != tp.timeline.later.rend(); ++it) {
      dot(*it, rows[r].first_day + it->lag_days, 5, std::string("+") + std::to_string(it->lag_days) + " days");
    }
    dot(*tp.timeline.first, rows[r].first_day, 7, "first");
    svg += "</g>";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace internal
}  // namespace echotrace
