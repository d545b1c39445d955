#include <echotrace/phrase_report.h>

#include <nlohmann/json.hpp>

#include <cstdio>

#include <echotrace/report.h>

#include "internal/atomic_file.h"
#include "internal/csv.h"

namespace echotrace {
namespace {

using json = nlohmann::ordered_json;

std::string fixed6(double v) {
  char buf[32];
  const int len = std::snprintf(buf, sizeof buf, "%.6f", v);
  return std::string(buf, static_cast<std::size_t>(len));
}

// Rounded to 6 decimals for JSON, so equal inputs print equal text.
double round6(double v) { return std::stod(fixed6(v)); }

std::string join(const std::vector<std::string>& parts, char sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += internal::csv_escape(fields[i]);
  }
  line += '\n';
  return line;
}

json first_json(const std::optional<OutletFirst>& f, std::span<const Document> docs) {
  if (!f) return nullptr;
  return {{"date", f->date}, {"outlet", f->outlet}, {"document", docs[f->doc].id}};
}

}  // namespace

Status write_talking_points_json(const std::filesystem::path& path, const TalkingPointReport& report,
                                 std::span<const Document> docs) {
  json out;
  out["documents"] = report.documents;
  out["outlets"] = report.outlets;
  out["shared_ngrams"] = report.shared_ngrams;
  out["scored_phrases"] = report.scored_phrases;
  json list = json::array();
  for (std::size_t r = 0; r < report.talking_points.size(); ++r) {
    const TalkingPoint& tp = report.talking_points[r];
    json variants = json::array();
    for (const Variant& v : tp.variants) variants.push_back({{"text", v.text}, {"count", v.count}});
    json later = json::array();
    for (const OutletFirst& f : tp.timeline.later) {
      later.push_back({{"outlet", f.outlet}, {"date", f.date}, {"document", docs[f.doc].id}, {"lag_days", f.lag_days}});
    }
    json undated = json::array();
    for (std::uint32_t d : tp.timeline.undated_docs) undated.push_back(docs[d].id);
    json occurrences = json::array();
    for (const Occurrence& o : tp.occurrences) {
      const Document& d = docs[o.doc];
      occurrences.push_back({{"document", d.id},
                             {"outlet", outlet_key(d)},
                             {"date", d.date},
                             {"begin", o.begin},
                             {"end", o.end},
                             {"voice", voice_name(o.voice)},
                             {"variant", tp.variants.empty() ? std::string() : tp.variants[o.variant].text},
                             {"text", d.text.substr(o.begin, o.end - o.begin)},
                             {"before", o.before},
                             {"after", o.after}});
    }
    list.push_back({{"rank", r + 1},
                    {"canonical", tp.canonical},
                    {"variants", variants},
                    {"tokens", tp.tokens},
                    {"score", round6(tp.score.score)},
                    {"spread", round6(tp.score.spread)},
                    {"cohesion", round6(tp.score.cohesion)},
                    {"distinctiveness", round6(tp.score.distinctiveness)},
                    {"originality", round6(tp.score.originality)},
                    {"timing", round6(tp.score.timing)},
                    {"penalty", round6(tp.score.penalty)},
                    {"outlets", tp.outlets},
                    {"documents", tp.documents},
                    {"occurrence_count", tp.occurrences.size()},
                    {"quotations", tp.quotations},
                    {"mined", tp.mined},
                    {"watch", tp.watch},
                    {"first", first_json(tp.timeline.first, docs)},
                    {"later", later},
                    {"undated", undated},
                    {"occurrences", occurrences}});
  }
  out["talking_points"] = list;
  return write_text_file(path, out.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

Status write_talking_points_csv(const std::filesystem::path& path, const TalkingPointReport& report,
                                std::span<const Document> docs) {
  auto file = internal::AtomicFile::create(path);
  if (!file.is_ok()) return file.status();
  (*file)->write(
      "rank,canonical,variants,tokens,score,spread,cohesion,distinctiveness,originality,timing,penalty,outlet_count,"
      "outlets,"
      "documents,occurrences,quotations,first_date,first_outlet,first_document,later,undated_documents,mined,"
      "watch\n");
  for (std::size_t r = 0; r < report.talking_points.size(); ++r) {
    const TalkingPoint& tp = report.talking_points[r];
    std::vector<std::string> variants, later, undated;
    for (const Variant& v : tp.variants) variants.push_back(v.text + ":" + std::to_string(v.count));
    for (const OutletFirst& f : tp.timeline.later) later.push_back(f.outlet + ":+" + std::to_string(f.lag_days));
    for (std::uint32_t d : tp.timeline.undated_docs) undated.push_back(docs[d].id);
    const auto& first = tp.timeline.first;
    (*file)->write(csv_row({std::to_string(r + 1), tp.canonical, join(variants, ';'), std::to_string(tp.tokens),
                            fixed6(tp.score.score), fixed6(tp.score.spread), fixed6(tp.score.cohesion),
                            fixed6(tp.score.distinctiveness), fixed6(tp.score.originality),
                            fixed6(tp.score.timing), fixed6(tp.score.penalty),
                            std::to_string(tp.outlets.size()), join(tp.outlets, ';'), std::to_string(tp.documents),
                            std::to_string(tp.occurrences.size()), std::to_string(tp.quotations),
                            first ? first->date : "", first ? first->outlet : "", first ? docs[first->doc].id : "",
                            join(later, ';'), join(undated, ';'), tp.mined ? "1" : "0", join(tp.watch, ';')}));
  }
  return (*file)->commit();
}

Status write_occurrences_csv(const std::filesystem::path& path, const TalkingPointReport& report,
                             std::span<const Document> docs) {
  auto file = internal::AtomicFile::create(path);
  if (!file.is_ok()) return file.status();
  (*file)->write("rank,canonical,document,outlet,date,begin,end,voice,variant,text,before,after\n");
  for (std::size_t r = 0; r < report.talking_points.size(); ++r) {
    const TalkingPoint& tp = report.talking_points[r];
    for (const Occurrence& o : tp.occurrences) {
      const Document& d = docs[o.doc];
      (*file)->write(csv_row({std::to_string(r + 1), tp.canonical, d.id, outlet_key(d), d.date,
                              std::to_string(o.begin), std::to_string(o.end), voice_name(o.voice),
                              tp.variants.empty() ? std::string() : tp.variants[o.variant].text,
                              d.text.substr(o.begin, o.end - o.begin), o.before, o.after}));
    }
  }
  return (*file)->commit();
}

Result<std::vector<std::string>> write_outlet_matrix(const std::filesystem::path& out_dir, const OutletMatrix& m) {
  std::vector<std::string> written;
  const struct {
    const char* name;
    const DenseMatrix* matrix;
  } parts[] = {{"outlet_talking_points", &m.shared}, {"outlet_similarity", &m.similarity}};
  for (const auto& [name, matrix] : parts) {
    if (matrix->n == 0 && !m.outlets.empty()) continue;
    const std::string base(name);
    ECHOTRACE_RETURN_IF_ERROR(write_matrix_csv(out_dir / (base + ".csv"), *matrix, m.outlets));
    ECHOTRACE_RETURN_IF_ERROR(write_matrix_npy(out_dir / (base + ".npy"), *matrix));
    written.push_back(base + ".csv");
    written.push_back(base + ".npy");
  }
  return written;
}

}  // namespace echotrace
