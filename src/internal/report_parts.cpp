#include "internal/report_parts.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace echotrace {
namespace internal {

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fixed(double v, int decimals) {
  if (std::isnan(v)) return "n/a";
  char buf[64];
  const int len = std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return std::string(buf, static_cast<std::size_t>(len));
}

std::string score_colour(double v) {
  if (std::isnan(v)) return "#cccccc";
  // Viridis at nine evenly spaced points, linearly interpolated.
  static constexpr unsigned char kStops[9][3] = {{68, 1, 84},    {71, 45, 123},  {59, 82, 139},
                                                 {44, 114, 142}, {33, 145, 140}, {40, 174, 128},
                                                 {94, 201, 98},  {173, 220, 48}, {253, 231, 37}};
  const double x = std::clamp(v, 0.0, 1.0) * 8.0;
  const int i = std::min(static_cast<int>(x), 7);
  const double f = x - i;
  char buf[8];
  int rgb[3];
  for (int c = 0; c < 3; ++c) {
    rgb[c] = static_cast<int>(std::lround(kStops[i][c] + f * (kStops[i + 1][c] - kStops[i][c])));
  }
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  return buf;
}

std::string outlet_colour(std::size_t index) {
  static constexpr const char* kPalette[10] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                               "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  return kPalette[index % 10];
}

const char* pair_source_name(std::uint8_t source) {
  if (source & kFromDense) return "dense";
  if ((source & kFromLsh) && (source & kFromCosine)) return "lsh+cosine";
  if (source & kFromLsh) return "lsh";
  if (source & kFromCosine) return "cosine";
  return "";
}

std::string report_outlet(const Document& doc) { return doc.outlet.empty() ? "(unattributed)" : doc.outlet; }

OutletIndex index_outlets(const Corpus& corpus) {
  OutletIndex out;
  std::map<std::string, std::uint32_t> ids;
  for (const Document& d : corpus.documents) ids.emplace(report_outlet(d), 0);
  for (auto& [name, id] : ids) {
    id = static_cast<std::uint32_t>(out.names.size());
    out.names.push_back(name);
  }
  out.of_doc.reserve(corpus.documents.size());
  for (const Document& d : corpus.documents) out.of_doc.push_back(ids.at(report_outlet(d)));
  return out;
}

}  // namespace internal

}  // namespace echotrace
