#include "generator/phrase_recall.h"

#include <echotrace/text.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

namespace echotrace::bench {
namespace {

std::vector<std::string> words(std::string_view text) {
  const TokenizedText t = tokenize(text);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < t.size(); ++i) out.emplace_back(t.token(i));
  return out;
}

bool is_run_of(const std::vector<std::string>& part, const std::vector<std::string>& whole) {
  return part.size() >= 2 && std::search(whole.begin(), whole.end(), part.begin(), part.end()) != whole.end();
}

}  // namespace

PhraseRecall phrase_recall(const GroundTruth& truth, const TalkingPointReport& report,
                           std::span<const Document> documents, std::size_t top, int min_outlets) {
  PhraseRecall r;
  r.top = top;
  r.planted = truth.talking_points.size();
  std::unordered_map<std::string, std::uint32_t> doc_index;
  for (std::uint32_t d = 0; d < documents.size(); ++d) doc_index.emplace(documents[d].id, d);

  struct Planted {
    std::vector<std::vector<std::string>> forms;
    std::set<std::uint32_t> docs;
    std::string first_outlet;
    bool eligible = false;
  };
  std::vector<Planted> planted(truth.talking_points.size());
  for (std::size_t p = 0; p < planted.size(); ++p) {
    const TalkingPoint& tp = truth.talking_points[p];
    planted[p].forms.push_back(words(tp.phrase));
    for (const std::string& v : tp.variants) planted[p].forms.push_back(words(v));
    std::set<std::string> outlets;
    for (const Occurrence& o : tp.occurrences) {
      outlets.insert(o.outlet);
      if (auto it = doc_index.find(o.id); it != doc_index.end()) planted[p].docs.insert(it->second);
    }
    planted[p].first_outlet = tp.first_outlet;
    planted[p].eligible = outlets.size() >= static_cast<std::size_t>(min_outlets);
  }

  // The best rank and its first outlet for each planted phrase.
  std::vector<std::size_t> best(planted.size(), 0);
  std::vector<std::string> best_first(planted.size());
  for (std::size_t k = 0; k < report.talking_points.size(); ++k) {
    const echotrace::TalkingPoint& tp = report.talking_points[k];
    if (!tp.mined) continue;
    std::vector<std::vector<std::string>> spellings;
    for (const Variant& v : tp.variants) spellings.push_back(words(v.text));
    std::vector<std::uint32_t> docs;
    for (const echotrace::Occurrence& o : tp.occurrences) {
      if (docs.empty() || docs.back() != o.doc) docs.push_back(o.doc);
    }
    bool counted = false;
    for (std::size_t p = 0; p < planted.size(); ++p) {
      std::size_t inside = 0;
      for (std::uint32_t d : docs) inside += planted[p].docs.count(d);
      if (docs.empty() || 2 * inside < docs.size()) continue;
      bool matches = false;
      for (const auto& s : spellings) {
        for (const auto& f : planted[p].forms) matches = matches || is_run_of(s, f);
      }
      if (!matches) continue;
      if (k < top && !counted) {
        ++r.top_slots_planted;
        counted = true;
      }
      if (best[p] == 0) {
        best[p] = k + 1;
        best_first[p] = tp.timeline.first ? tp.timeline.first->outlet : std::string();
      }
    }
  }
  for (std::size_t p = 0; p < planted.size(); ++p) {
    if (!planted[p].eligible) continue;
    ++r.eligible;
    r.ranks.push_back(best[p]);
    if (best[p] == 0) continue;
    ++r.found_any;
    if (best[p] > top) continue;
    ++r.found;
    if (best_first[p] == planted[p].first_outlet) ++r.first_outlet_correct;
  }
  return r;
}

Result<GroundTruth> read_truth_talking_points(const std::string& path) {
  std::ifstream in(path);
  if (!in) return not_found(path + ": cannot open truth file");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
    GroundTruth t;
    for (const auto& tp : j.at("talking_points")) {
      TalkingPoint p;
      p.phrase = tp.at("phrase").get<std::string>();
      p.variants = tp.at("variants").get<std::vector<std::string>>();
      p.first_outlet = tp.at("first_outlet").get<std::string>();
      p.first_date = tp.at("first_date").get<std::string>();
      for (const auto& o : tp.at("occurrences")) {
        p.occurrences.push_back({o.at("id").get<std::string>(), o.at("outlet").get<std::string>(),
                                 o.at("date").get<std::string>(), o.at("form").get<std::string>(),
                                 o.at("quoted").get<bool>()});
      }
      t.talking_points.push_back(std::move(p));
    }
    return t;
  } catch (const nlohmann::json::exception& e) {
    return parse_error(path + ": " + e.what());
  }
}

}  // namespace echotrace::bench
