#include "generator/generator.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

#include <echotrace/report.h>
#include <echotrace/text.h>

#include "generator/corpus_writer.h"
#include "generator/talking_points.h"
#include "internal/hash.h"
#include "internal/threads.h"

namespace echotrace::bench {
namespace {

// Random streams, one per purpose, so that adding a draw to one part of the
// generator leaves the others unchanged.
constexpr std::uint64_t kStreamPlan = 1;
constexpr std::uint64_t kStreamBase = 2;
constexpr std::uint64_t kStreamLayout = 3;
constexpr std::uint64_t kStreamCopy = 4;
constexpr std::uint64_t kStreamCarrier = 5;
// Documents generated in parallel before being written in order.
constexpr std::size_t kBlock = 4096;

constexpr const char* kOutletNames[] = {
    "The Northern Ledger", "Daily Meridian",      "Harbor City Times",   "Capital Wire",
    "The Evening Sentinel", "Valley Post",        "Global Dispatch",     "The Morning Chronicle",
    "Riverside Gazette",   "Metro Observer",      "The Coastal Herald",  "Continental Review",
    "Lakeside Tribune",    "The Civic Record",    "Summit News",         "Frontier Journal",
    "The Plains Courier",  "Bayview Press",       "The Republic Bulletin", "Highland Examiner",
    "The Union Monitor",   "Eastern Star Online", "Westbrook Daily",     "The Open Newsroom"};

// Boilerplate lines a copying outlet adds; "{}" is the outlet's name.
constexpr const char* kChrome[] = {
    "Advertisement",
    "Share this article",
    "Sign up for the {} newsletter to get the day's top stories.",
    "Copyright 2024 {}. All rights reserved.",
    "This story was first published by {}.",
    "Reporting by staff writers; editing by the {} news desk.",
    "Read more: the latest headlines from {}",
    "Follow {} on social media for live updates."};

enum class Role : std::uint8_t { kSingleton, kSource, kCopy, kCarrier };

struct DocPlan {
  Role role = Role::kSingleton;
  std::uint16_t outlet = 0;
  std::uint32_t day = 0;
  std::uint32_t ref = 0;   // copy: source document; carrier: its occurrence
  std::uint32_t slot = 0;  // copy: index of its PlantedCopy
  float target_rate = 0;   // copy: drawn edit rate
};

struct PlannedOccurrence {
  std::uint32_t point = 0;
  std::uint32_t doc = 0;
  std::uint32_t form = 0;  // 0: the phrase, k: variant k-1
  bool quoted = false;
};

struct PlannedPoint {
  std::string phrase;
  std::vector<std::string> variants;
};

struct Plan {
  std::vector<DocPlan> docs;
  std::vector<std::vector<std::uint32_t>> families;  // source first, then copies
  std::vector<PlannedPoint> points;
  std::vector<PlannedOccurrence> occurrences;
  std::vector<std::string> outlets;
  std::vector<std::vector<TextUnit>> chrome;  // per outlet
};

std::string doc_id(std::size_t i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "g%07zu", i);
  return buf;
}

std::string replace_braces(std::string_view templ, std::string_view value) {
  std::string s(templ);
  const std::size_t at = s.find("{}");
  if (at != std::string::npos) s.replace(at, 2, value);
  return s;
}

Plan make_plan(const GeneratorOptions& o, const SentencePool& pool) {
  Plan plan;
  Rng rng = Rng::derive(o.seed, kStreamPlan, 0);
  const std::size_t n = o.documents;
  const std::size_t n_outlets = static_cast<std::size_t>(o.outlets);
  for (std::size_t k = 0; k < n_outlets; ++k) {
    plan.outlets.push_back(k < std::size(kOutletNames) ? kOutletNames[k] : "Outlet " + std::to_string(k + 1));
    std::vector<TextUnit> lines;
    for (const char* templ : kChrome) {
      std::string line = replace_braces(templ, plan.outlets.back());
      const auto tokens = static_cast<std::uint32_t>(tokenize(line).size());
      lines.push_back({std::move(line), tokens, true});
    }
    plan.chrome.push_back(std::move(lines));
  }

  plan.docs.resize(n);
  for (DocPlan& d : plan.docs) {
    // A few outlets publish more: half the documents go to the first third.
    d.outlet = static_cast<std::uint16_t>(rng.chance(0.5) ? rng.below(n_outlets) : rng.below((n_outlets + 2) / 3));
    d.day = static_cast<std::uint32_t>(rng.below(static_cast<std::size_t>(o.days)));
  }
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);

  // Families: a source followed by 1..max_copies copies.
  std::size_t copies_left = static_cast<std::size_t>(std::llround(o.copy_share * static_cast<double>(n)));
  std::size_t next = 0, slot = 0;
  while (copies_left > 0 && next + 2 <= n) {
    const std::size_t c = std::min({rng.between(1, static_cast<std::size_t>(o.max_copies)), copies_left, n - next - 1});
    const std::uint32_t source = order[next++];
    DocPlan& src = plan.docs[source];
    src.role = Role::kSource;
    std::vector<std::uint32_t> family{source};
    std::vector<std::uint16_t> used{src.outlet};
    for (std::size_t k = 0; k < c; ++k) {
      DocPlan& d = plan.docs[order[next]];
      d.role = Role::kCopy;
      d.ref = source;
      d.slot = static_cast<std::uint32_t>(slot++);
      d.day = src.day + static_cast<std::uint32_t>(rng.between(0, 3));
      d.target_rate = static_cast<float>(o.min_edit_rate + rng.unit() * (o.max_edit_rate - o.min_edit_rate));
      do {
        d.outlet = static_cast<std::uint16_t>(rng.below(n_outlets));
      } while (std::find(used.begin(), used.end(), d.outlet) != used.end() && used.size() < n_outlets);
      used.push_back(d.outlet);
      family.push_back(order[next++]);
    }
    copies_left -= c;
    plan.families.push_back(std::move(family));
  }

  // Talking points, each carried by singletons (at most half of them in all).
  const std::size_t singletons = n - next;
  const auto n_points = static_cast<std::size_t>(std::llround(o.talking_points_per_document * static_cast<double>(n)));
  std::set<std::string> taken;
  const std::size_t start_days = std::max<std::size_t>(1, static_cast<std::size_t>(o.days) * 7 / 10);
  for (std::size_t p = 0; p < n_points; ++p) {
    const std::size_t k =
        rng.between(static_cast<std::size_t>(o.min_occurrences), static_cast<std::size_t>(o.max_occurrences));
    if (next + k > n - singletons / 2) break;
    std::string phrase = make_phrase(pool, taken, rng);
    if (phrase.empty()) break;
    const double u = rng.unit();
    PlannedPoint point{phrase, make_variants(phrase, u < 0.5 ? 0 : (u < 0.85 ? 1 : 2), rng, o.dictionary)};
    std::erase_if(point.variants, [&](const std::string& v) { return taken.count(v) > 0; });
    taken.insert(phrase);
    taken.insert(point.variants.begin(), point.variants.end());
    const auto origin = static_cast<std::uint16_t>(rng.below(n_outlets));
    std::vector<std::uint16_t> group{origin};
    const std::size_t spread = rng.between(1, std::min<std::size_t>(5, n_outlets - 1));
    while (group.size() < spread + 1) {
      const auto x = static_cast<std::uint16_t>(rng.below(n_outlets));
      if (std::find(group.begin(), group.end(), x) == group.end()) group.push_back(x);
    }
    const auto day0 = static_cast<std::uint32_t>(rng.below(start_days));
    for (std::size_t j = 0; j < k; ++j) {
      PlannedOccurrence occ;
      occ.point = static_cast<std::uint32_t>(plan.points.size());
      occ.doc = order[next++];
      occ.quoted = rng.chance(0.4);
      DocPlan& d = plan.docs[occ.doc];
      d.role = Role::kCarrier;
      d.ref = static_cast<std::uint32_t>(plan.occurrences.size());
      if (j == 0) {
        d.outlet = origin;
        d.day = day0;
      } else {
        d.outlet = group[rng.below(group.size())];
        d.day = day0 + static_cast<std::uint32_t>(rng.between(1, 30));
        if (!point.variants.empty() && rng.chance(0.4)) {
          occ.form = static_cast<std::uint32_t>(1 + rng.below(point.variants.size()));
        }
      }
      plan.occurrences.push_back(occ);
    }
    plan.points.push_back(std::move(point));
  }
  return plan;
}

// The sentences and title a document starts from (before edits or phrases).
std::vector<TextUnit> base_units(const GeneratorOptions& o, const SentencePool& pool, std::size_t i,
                                 std::string& title) {
  Rng rng = Rng::derive(o.seed, kStreamBase, i);
  const std::size_t count = rng.between(static_cast<std::size_t>(o.min_sentences), static_cast<std::size_t>(o.max_sentences));
  std::vector<TextUnit> units;
  units.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t s = rng.below(pool.size());
    units.push_back({pool.sentences[s], pool.token_counts[s], false});
  }
  const std::string& headline = pool.sentences[rng.below(pool.size())];
  const std::size_t words = rng.between(5, 10);
  std::size_t end = 0;
  for (std::size_t w = 0; w < words && end != std::string::npos; ++w) end = headline.find(' ', end + (w > 0));
  title = headline.substr(0, end);
  while (!title.empty() && std::string_view(",.;:!?\"'").find(title.back()) != std::string_view::npos) title.pop_back();
  return units;
}

struct Generated {
  std::string line;
  std::size_t text_bytes = 0;
};

Generated make_document(const GeneratorOptions& o, const SentencePool& pool, const Plan& plan, std::size_t i,
                        std::vector<PlantedCopy>& copies) {
  const DocPlan& d = plan.docs[i];
  std::string title;
  std::vector<TextUnit> units;
  if (d.role == Role::kCopy) {
    const std::vector<TextUnit> source = base_units(o, pool, d.ref, title);
    Rng rng = Rng::derive(o.seed, kStreamCopy, i);
    CopyEdit edit = edit_copy(source, d.target_rate, pool, plan.chrome[d.outlet], rng);
    if (rng.chance(0.2)) title = "UPDATE 1-" + title;
    PlantedCopy& c = copies[d.slot];
    c.id = doc_id(i);
    c.outlet = plan.outlets[d.outlet];
    c.date = date_after_start(static_cast<int>(d.day));
    c.target_rate = static_cast<double>(d.target_rate);
    c.source_tokens = edit.source_tokens;
    c.ops = edit.ops;
    c.edit_rate = static_cast<double>(edit.ops.cost()) / static_cast<double>(std::max<std::size_t>(1, edit.source_tokens));
    units = std::move(edit.units);
  } else {
    units = base_units(o, pool, i, title);
  }
  if (d.role == Role::kCarrier) {
    const PlannedOccurrence& occ = plan.occurrences[d.ref];
    const PlannedPoint& point = plan.points[occ.point];
    const std::string& form = occ.form == 0 ? point.phrase : point.variants[occ.form - 1];
    Rng rng = Rng::derive(o.seed, kStreamCarrier, i);
    TextUnit& u = units[rng.below(units.size())];
    u.text = insert_phrase(u.text, form, occ.quoted, rng);
  }
  Rng layout = Rng::derive(o.seed, kStreamLayout, i);
  const std::string text = layout_text(units, layout);
  Generated g;
  g.text_bytes = text.size();
  g.line.reserve(text.size() + title.size() + 96);
  g.line += "{\"id\":";
  append_json_string(g.line, doc_id(i));
  g.line += ",\"outlet\":";
  append_json_string(g.line, plan.outlets[d.outlet]);
  g.line += ",\"date\":";
  append_json_string(g.line, date_after_start(static_cast<int>(d.day)));
  g.line += ",\"title\":";
  append_json_string(g.line, title);
  g.line += ",\"text\":";
  append_json_string(g.line, text);
  g.line += "}";
  return g;
}

GroundTruth make_truth(const GeneratorOptions& o, const SentencePool& pool, const Plan& plan,
                       std::vector<PlantedCopy> copies) {
  GroundTruth t;
  t.options = o;
  t.sentence_source = pool.source;
  t.pool_sentences = pool.size();
  t.documents = o.documents;
  t.outlets = plan.outlets;
  for (const auto& members : plan.families) {
    const DocPlan& src = plan.docs[members[0]];
    Family f{doc_id(members[0]), plan.outlets[src.outlet], date_after_start(static_cast<int>(src.day)), {}};
    for (std::size_t k = 1; k < members.size(); ++k) f.copies.push_back(std::move(copies[plan.docs[members[k]].slot]));
    std::sort(f.copies.begin(), f.copies.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    t.families.push_back(std::move(f));
  }
  std::sort(t.families.begin(), t.families.end(), [](const auto& a, const auto& b) { return a.source < b.source; });
  std::vector<TalkingPoint> points(plan.points.size());
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    points[p].phrase = plan.points[p].phrase;
    points[p].variants = plan.points[p].variants;
  }
  for (const PlannedOccurrence& occ : plan.occurrences) {
    const DocPlan& d = plan.docs[occ.doc];
    const PlannedPoint& point = plan.points[occ.point];
    points[occ.point].occurrences.push_back({doc_id(occ.doc), plan.outlets[d.outlet], date_after_start(static_cast<int>(d.day)),
                                             occ.form == 0 ? point.phrase : point.variants[occ.form - 1], occ.quoted});
  }
  for (TalkingPoint& p : points) {
    // The first planned occurrence is the origin; it alone has the earliest date.
    std::stable_sort(p.occurrences.begin() + 1, p.occurrences.end(),
                     [](const Occurrence& a, const Occurrence& b) { return std::tie(a.date, a.id) < std::tie(b.date, b.id); });
    p.first_outlet = p.occurrences.front().outlet;
    p.first_date = p.occurrences.front().date;
  }
  std::sort(points.begin(), points.end(),
            [](const auto& a, const auto& b) { return std::tie(a.first_date, a.phrase) < std::tie(b.first_date, b.phrase); });
  t.talking_points = std::move(points);
  return t;
}

}  // namespace

std::string date_after_start(int day) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{year{2024} / January / 1} + days{day}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

Status validate(const GeneratorOptions& o) {
  auto bad = [](const std::string& what) { return invalid_argument("generator option " + what); };
  if (o.documents < 1 || o.documents > 9'999'999) return bad("documents must be in [1, 9999999]");
  if (!(o.copy_share >= 0 && o.copy_share <= 0.5)) return bad("copy_share must be in [0, 0.5]");
  if (o.max_copies < 1) return bad("max_copies must be at least 1");
  if (!(o.min_edit_rate > 0 && o.min_edit_rate <= o.max_edit_rate && o.max_edit_rate <= 0.9)) {
    return bad("edit rates must satisfy 0 < min_edit_rate <= max_edit_rate <= 0.9");
  }
  if (o.outlets < 2 || o.outlets > 65535) return bad("outlets must be in [2, 65535]");
  if (o.days < 1 || o.days > 36500) return bad("days must be in [1, 36500]");
  if (!(o.talking_points_per_document >= 0 && o.talking_points_per_document <= 0.1)) {
    return bad("talking_points_per_document must be in [0, 0.1]");
  }
  if (o.min_occurrences < 2 || o.min_occurrences > o.max_occurrences || o.max_occurrences > 1000) {
    return bad("occurrences must satisfy 2 <= min_occurrences <= max_occurrences <= 1000");
  }
  if (o.min_sentences < 1 || o.min_sentences > o.max_sentences || o.max_sentences > 1000) {
    return bad("sentences must satisfy 1 <= min_sentences <= max_sentences <= 1000");
  }
  return Status::ok();
}

Result<GroundTruth> generate(const GeneratorOptions& options, const SentencePool& pool, const LineSink& sink) {
  ECHOTRACE_RETURN_IF_ERROR(validate(options));
  if (pool.size() == 0) return invalid_argument("generator: the sentence pool is empty");
  const Plan plan = make_plan(options, pool);
  std::size_t n_copies = 0;
  for (const auto& f : plan.families) n_copies += f.size() - 1;
  std::vector<PlantedCopy> copies(n_copies);
  const int threads = internal::resolve_threads(options.threads);
  const std::size_t n = options.documents;
  std::vector<Generated> block(std::min(n, kBlock));
  std::size_t text_bytes = 0;
  for (std::size_t start = 0; start < n; start += kBlock) {
    const auto count = static_cast<std::int64_t>(std::min(kBlock, n - start));
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
    for (std::int64_t k = 0; k < count; ++k) {
      block[static_cast<std::size_t>(k)] = make_document(options, pool, plan, start + static_cast<std::size_t>(k), copies);
    }
    for (std::int64_t k = 0; k < count; ++k) {
      sink(block[static_cast<std::size_t>(k)].line);
      text_bytes += block[static_cast<std::size_t>(k)].text_bytes;
    }
  }
  GroundTruth truth = make_truth(options, pool, plan, std::move(copies));
  truth.text_bytes = text_bytes;
  return truth;
}

std::string truth_to_json(const GroundTruth& t) {
  using json = nlohmann::ordered_json;
  const GeneratorOptions& o = t.options;
  json head;
  head["generator"] = "echotrace_gen";
  head["format"] = 1;
  head["options"] = {{"documents", o.documents},
                     {"seed", o.seed},
                     {"copy_share", o.copy_share},
                     {"max_copies", o.max_copies},
                     {"min_edit_rate", o.min_edit_rate},
                     {"max_edit_rate", o.max_edit_rate},
                     {"outlets", o.outlets},
                     {"days", o.days},
                     {"talking_points_per_document", o.talking_points_per_document},
                     {"min_occurrences", o.min_occurrences},
                     {"max_occurrences", o.max_occurrences},
                     {"min_sentences", o.min_sentences},
                     {"max_sentences", o.max_sentences}};
  if (o.dictionary != nullptr) {  // absent without one, so such truth files stay as they were
    head["options"]["dictionary"] = {{"files", o.dictionary->files()},
                                     {"words", o.dictionary->size()},
                                     {"checksum", internal::hex64(o.dictionary->checksum())}};
  }
  head["sentence_source"] = t.sentence_source;
  head["pool_sentences"] = t.pool_sentences;
  head["documents"] = t.documents;
  head["text_bytes"] = t.text_bytes;
  head["edit_rate"] = {
      {"definition",
       "word-level Levenshtein distance between the source's and the copy's echotrace tokens "
       "(text.h defaults), divided by the source's token count; a moved sentence is charged twice its tokens"},
      {"tolerance", "planted - (absolute + relative * planted) <= measured <= planted + absolute"},
      {"absolute", kEditRateTolerance.absolute},
      {"relative", kEditRateTolerance.relative}};
  head["outlets"] = t.outlets;
  std::string out = head.dump(2);
  out.pop_back();  // reopen the object: "\n}" -> "\n"
  out.pop_back();
  out += ",\n  \"families\": [";
  for (std::size_t f = 0; f < t.families.size(); ++f) {
    const Family& fam = t.families[f];
    json j{{"source", fam.source}, {"outlet", fam.outlet}, {"date", fam.date}, {"copies", json::array()}};
    for (const PlantedCopy& c : fam.copies) {
      const EditOps& e = c.ops;
      j["copies"].push_back({{"id", c.id},
                             {"outlet", c.outlet},
                             {"date", c.date},
                             {"target_rate", c.target_rate},
                             {"edit_rate", c.edit_rate},
                             {"source_tokens", c.source_tokens},
                             {"ops",
                              {{"substituted_words", e.substituted_words},
                               {"inserted_sentences", e.inserted_sentences},
                               {"inserted_words", e.inserted_words},
                               {"deleted_sentences", e.deleted_sentences},
                               {"deleted_words", e.deleted_words},
                               {"moved_sentences", e.moved_sentences},
                               {"moved_words", e.moved_words},
                               {"chrome_lines", e.chrome_lines},
                               {"chrome_words", e.chrome_words}}}});
    }
    out += (f == 0 ? "\n    " : ",\n    ") + j.dump();
  }
  out += t.families.empty() ? "],\n  \"talking_points\": [" : "\n  ],\n  \"talking_points\": [";
  for (std::size_t p = 0; p < t.talking_points.size(); ++p) {
    const TalkingPoint& tp = t.talking_points[p];
    json j{{"phrase", tp.phrase},
           {"variants", tp.variants},
           {"first_outlet", tp.first_outlet},
           {"first_date", tp.first_date},
           {"occurrences", json::array()}};
    for (const Occurrence& occ : tp.occurrences) {
      j["occurrences"].push_back(
          {{"id", occ.id}, {"outlet", occ.outlet}, {"date", occ.date}, {"form", occ.form}, {"quoted", occ.quoted}});
    }
    out += (p == 0 ? "\n    " : ",\n    ") + j.dump();
  }
  out += t.talking_points.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

Result<GroundTruth> generate_files(const GeneratorOptions& options, const SentencePool& pool,
                                   const std::filesystem::path& corpus_path, const std::filesystem::path& truth_path,
                                   int zstd_level) {
  Result<std::unique_ptr<CorpusWriter>> writer = CorpusWriter::create(corpus_path, zstd_level);
  if (!writer.is_ok()) return writer.status();
  CorpusWriter& w = **writer;
  Result<GroundTruth> truth = generate(options, pool, [&](std::string_view line) { w.write_line(line); });
  if (!truth.is_ok()) return truth.status();
  ECHOTRACE_RETURN_IF_ERROR(w.commit());
  if (truth_path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(truth_path.parent_path(), ec);
  }
  ECHOTRACE_RETURN_IF_ERROR(write_text_file(truth_path, truth_to_json(*truth)));
  return truth;
}

}  // namespace echotrace::bench
