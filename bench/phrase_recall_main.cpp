// echotrace_phrase_recall: how many of a generated corpus's planted talking
// points (echotrace_gen's truth file) the phrase stage ranks in its top K, and
// whether it names the outlet that used each one first. Runs the stage as
// `echotrace phrases` does (cleaning on, default options, Debian's word lists
// as its spelling dictionary unless --no-dictionary) and prints JSON.
// generator/phrase_recall.h defines the matching.
#include <echotrace/background.h>
#include <echotrace/io.h>
#include <echotrace/pipeline.h>
#include <echotrace/word_list.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "generator/phrase_recall.h"

namespace {

int run(const std::string& corpus_path, const std::string& truth_path, std::size_t top, int threads,
        bool list, const std::string& background, bool no_dictionary) {
  const auto fail = [](const echotrace::Status& s) {
    std::cerr << "echotrace_phrase_recall: " << s.to_string() << "\n";
    return 1;
  };
  auto truth = echotrace::bench::read_truth_talking_points(truth_path);
  if (!truth.is_ok()) return fail(truth.status());
  auto corpus = echotrace::read_corpus(corpus_path);
  if (!corpus.is_ok()) return fail(corpus.status());
  echotrace::PipelineOptions o;
  o.threads = threads;
  if (!background.empty()) {
    auto table = echotrace::BackgroundTable::load(background);
    if (!table.is_ok()) return fail(table.status());
    o.phrases.background = std::make_shared<const echotrace::BackgroundTable>(std::move(table).value());
  }
  if (!no_dictionary) {
    auto words = echotrace::WordList::load_default();
    if (!words.is_ok()) return fail(words.status());
    o.phrases.dictionary = std::make_shared<const echotrace::WordList>(std::move(words).value());
  }
  o.phrases.max_talking_points = std::max<std::size_t>(top, o.phrases.max_talking_points);
  const auto start = std::chrono::steady_clock::now();
  auto phrases = echotrace::analyze_phrases(*corpus, o);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!phrases.is_ok()) return fail(phrases.status());
  const echotrace::bench::PhraseRecall r =
      echotrace::bench::phrase_recall(*truth, phrases->report, corpus->documents, top, o.phrases.min_outlets);
  nlohmann::ordered_json out;
  out["corpus"] = corpus_path;
  out["documents"] = corpus->documents.size();
  out["top"] = top;
  if (!background.empty()) {
    out["background"] = {{"file", background},
                         {"source", o.phrases.background->source()},
                         {"documents", o.phrases.background->documents()},
                         {"ngrams", o.phrases.background->size()}};
  }
  if (o.phrases.dictionary != nullptr) {
    out["dictionary"] = {{"files", o.phrases.dictionary->files()}, {"words", o.phrases.dictionary->size()}};
  }
  out["planted"] = r.planted;
  out["eligible"] = r.eligible;
  out["found_in_top"] = r.found;
  out["recall_in_top"] = r.recall();
  out["found_anywhere_in_list"] = r.found_any;
  out["first_outlet_correct"] = r.first_outlet_correct;
  out["first_outlet_accuracy"] = r.first_outlet_accuracy();
  out["top_slots_planted"] = r.top_slots_planted;
  out["ranks"] = r.ranks;
  out["phrase_stage_seconds"] = seconds;
  if (list) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < std::min(top, phrases->report.talking_points.size()); ++k) {
      const auto& tp = phrases->report.talking_points[k];
      rows.push_back({{"rank", k + 1},
                      {"phrase", tp.canonical},
                      {"score", tp.score.score},
                      {"outlets", tp.outlets.size()},
                      {"documents", tp.documents},
                      {"cohesion", tp.score.cohesion},
                      {"distinctiveness", tp.score.distinctiveness},
                      {"originality", tp.score.originality},
                      {"timing", tp.score.timing}});
    }
    out["top_list"] = rows;
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"echotrace_phrase_recall: recall of planted talking points in the top of the ranking"};
  std::string corpus, truth;
  std::size_t top = 100;
  int threads = 0;
  bool list = false;
  std::string background;
  app.add_option("corpus", corpus, "Generated corpus (.jsonl or .jsonl.zst)")->required();
  app.add_option("truth", truth, "Its ground truth (.truth.json from echotrace_gen)")->required();
  app.add_option("--top", top, "K of the top K")->capture_default_str();
  app.add_option("-t,--threads", threads, "Threads (0 = all cores)");
  app.add_flag("--list", list, "Also print the top K talking points");
  app.add_option("--background", background, "Background frequency table (echotrace background) for distinctiveness");
  bool no_dictionary = false;
  app.add_flag("--no-dictionary", no_dictionary,
               "No spelling dictionary (as echotrace phrases --no-dictionary)");
  CLI11_PARSE(app, argc, argv);
  return run(corpus, truth, top, threads, list, background, no_dictionary);
}
