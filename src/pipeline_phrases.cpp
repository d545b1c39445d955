// The phrase stage of the pipeline (pipeline.h): analyze_phrases(),
// write_phrase_analysis() and the pieces analyze() shares with them.
#include <nlohmann/json.hpp>

#include <echotrace/phrase_report.h>
#include <echotrace/pipeline.h>
#include <echotrace/report.h>

#include <optional>

#include "internal/hash.h"
#include "internal/phrase_stage.h"
#include "internal/pipeline_stages.h"
#include "internal/stopwatch.h"
#include "internal/threads.h"

namespace echotrace {
namespace internal {

Result<PhraseAnalysis> run_phrase_stage(const Corpus& corpus, std::span<const TokenizedText> tokens,
                                        const SparseRows* rows, const PipelineOptions& options) {
  PhraseAnalysis out;
  Stopwatch clock;
  Result<TalkingPointReport> report =
      find_talking_points(corpus.documents, tokens, options.phrases, options.text, options.threads);
  if (!report.is_ok()) return report.status();
  out.report = std::move(report).value();
  out.timings.push_back({"phrases", clock.lap()});
  if (out.report.outlets <= options.dense_limit) {
    // Without rows from the caller, TF-IDF is fitted here, after the
    // talking points have given their memory back, and dropped after use.
    std::optional<SparseRows> own_rows;
    if (rows == nullptr && options.cosine) {
      Result<TfidfModel::Fitted> fitted =
          TfidfModel::fit_transform(tokens, options.tfidf, resolve_threads(options.threads));
      if (!fitted.is_ok()) return fitted.status();
      own_rows = std::move(fitted->rows);
      rows = &*own_rows;
      out.timings.push_back({"tfidf", clock.lap()});
    }
    out.outlets = outlet_matrix(out.report, corpus.documents, rows);
    if (!out.outlets.note.empty()) out.diagnostics.push_back({corpus.source, out.outlets.note});
  } else {
    out.diagnostics.push_back({corpus.source, std::to_string(out.report.outlets) +
                                                  " outlets exceed the dense-matrix limit of " +
                                                  std::to_string(options.dense_limit) +
                                                  ": outlet matrices not written"});
  }
  out.timings.push_back({"outlet_matrix", clock.lap()});
  return out;
}

Result<std::vector<std::string>> write_phrase_files(const PhraseAnalysis& p, const Corpus& corpus,
                                                    const std::filesystem::path& out_dir) {
  const auto& docs = corpus.documents;
  ECHOTRACE_RETURN_IF_ERROR(write_talking_points_json(out_dir / "talking_points.json", p.report, docs));
  ECHOTRACE_RETURN_IF_ERROR(write_talking_points_csv(out_dir / "talking_points.csv", p.report, docs));
  ECHOTRACE_RETURN_IF_ERROR(write_occurrences_csv(out_dir / "occurrences.csv", p.report, docs));
  std::vector<std::string> names = {"talking_points.json", "talking_points.csv", "occurrences.csv"};
  if (!p.outlets.outlets.empty()) {
    Result<std::vector<std::string>> m = write_outlet_matrix(out_dir, p.outlets);
    if (!m.is_ok()) return m.status();
    names.insert(names.end(), m->begin(), m->end());
  }
  return names;
}

nlohmann::ordered_json phrase_options_json(const PhraseOptions& o) {
  nlohmann::ordered_json j = {{"enabled", o.enabled},
          {"ngram_range", {o.min_tokens, o.max_tokens}},
          {"min_outlets", o.min_outlets},
          {"max_talking_points", o.max_talking_points},
          {"stemmer", "snowball-english"},
          {"transliteration_similarity", o.transliteration_similarity},
          {"transliteration_min_chars", o.transliteration_min_chars},
          {"background_rate", o.background_rate},
          {"background_weight", o.background_weight},
          {"context_bytes", o.context_bytes},
          {"watch", o.watch}};
  if (o.dictionary != nullptr) {
    j["dictionary"] = {{"files", o.dictionary->files()},
                       {"words", o.dictionary->size()},
                       {"checksum", hex64(o.dictionary->checksum())}};
  }
  if (o.background != nullptr) {  // absent without a table, so such run.json files stay as they were
    const BackgroundTable& b = *o.background;
    j["background"] = {{"file", b.file()},
                       {"source", b.source()},
                       {"documents", b.documents()},
                       {"ngram_range", {b.min_tokens(), b.max_tokens()}},
                       {"min_documents", b.min_documents()},
                       {"unwrap_lines", b.unwrap_lines()},
                       {"ngrams", b.size()},
                       {"checksum", hex64(b.checksum())}};
  }
  return j;
}

}  // namespace internal

Result<PhraseAnalysis> analyze_phrases(const Corpus& corpus, const PipelineOptions& options) {
  ECHOTRACE_RETURN_IF_ERROR(validate(options));
  const std::size_t n = corpus.documents.size();
  if (n == 0) return invalid_argument(corpus.source + ": no documents to analyse");
  const int threads = internal::resolve_threads(options.threads);
  std::vector<Cleaning> cleaning;
  std::vector<StageTiming> first_stages;
  Result<std::vector<TokenizedText>> tokenized =
      internal::clean_and_tokenize(corpus, options, threads, cleaning, first_stages);
  if (!tokenized.is_ok()) return tokenized.status();
  const std::vector<TokenizedText> tokens = std::move(tokenized).value();
  Result<PhraseAnalysis> out = internal::run_phrase_stage(corpus, tokens, nullptr, options);
  if (!out.is_ok()) return out.status();
  out->timings.insert(out->timings.begin(), first_stages.begin(), first_stages.end());
  return out;
}

Status write_phrase_analysis(const PhraseAnalysis& p, const Corpus& corpus, const PipelineOptions& o,
                             const std::filesystem::path& out_dir, bool with_run_json) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return io_error(out_dir.string() + ": cannot create output directory: " + ec.message());
  Result<std::vector<std::string>> names = internal::write_phrase_files(p, corpus, out_dir);
  if (!names.is_ok()) return names.status();
  if (!with_run_json) return Status::ok();
  using json = nlohmann::ordered_json;
  json run;
  run["tool"] = "echotrace phrases";
  run["version"] = version();
  run["input"] = {{"path", corpus.source}, {"documents", corpus.documents.size()}, {"outlets", p.report.outlets}};
  run["options"] = {{"text", {{"fold_case", o.text.fold_case}, {"nfkc", true}}},
                    {"phrases", internal::phrase_options_json(o.phrases)},
                    {"dense_limit", o.dense_limit}};
  run["threads"] = internal::resolve_threads(o.threads);
  run["shared_ngrams"] = p.report.shared_ngrams;
  run["scored_phrases"] = p.report.scored_phrases;
  json diags = json::array();
  for (const auto* list : {&corpus.diagnostics, &p.report.diagnostics, &p.diagnostics}) {
    for (const Diagnostic& d : *list) diags.push_back({{"where", d.where}, {"message", d.message}});
  }
  run["diagnostics"] = diags;
  json timings = json::object();
  for (const StageTiming& t : p.timings) timings[t.stage] = t.seconds;
  run["timings"] = timings;
  run["outputs"] = *names;
  return write_text_file(out_dir / "run.json", run.dump(2) + "\n");
}

}  // namespace echotrace
