// write_analysis() and write_dedup(): output files and run.json of pipeline.h.
#include <echotrace/pipeline.h>
#include <echotrace/report.h>

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>
#include <unicode/uversion.h>


#include "internal/hash.h"
#include "internal/output_dir.h"
#include "internal/phrase_stage.h"
#include "internal/threads.h"

namespace echotrace {
namespace {

using json = nlohmann::ordered_json;

const char* keep_rule_name(KeepRule r) {
  switch (r) {
    case KeepRule::kEarliestDate: return "earliest";
    case KeepRule::kLongestText: return "longest";
    case KeepRule::kFirstInInput: return "first";
  }
  return "?";
}

json options_json(const PipelineOptions& o) {
  return {
      {"read",
       {{"strict", o.read.strict}, {"max_doc_bytes", o.read.max_doc_bytes}, {"dedupe_ids", o.read.dedupe_ids}}},
      {"clean",
       {{"enabled", o.clean.enabled},
        {"rules", o.clean.rules_path},
        {"use_title", o.clean.use_title},
        {"min_outlet_docs", o.clean.min_outlet_docs},
        {"min_outlet_share", o.clean.min_outlet_share},
        {"max_repeated_prose", o.clean.max_repeated_prose},
        {"short_length", o.clean.short_length},
        {"long_length", o.clean.long_length},
        {"stopwords", {o.clean.stopwords_low, o.clean.stopwords_high}},
        {"max_heading_distance", o.clean.max_heading_distance}}},
      {"text", {{"fold_case", o.text.fold_case}, {"nfkc", true}}},
      {"shingle", {{"k", o.shingle.k}, {"hash", std::string(shingle_hash_name())}, {"seed", o.shingle.seed}}},
      {"minhash", {{"algorithm", kMinHashAlgorithm}, {"num_perm", o.minhash.num_perm}, {"seed", o.minhash.seed}}},
      {"tfidf",
       {{"enabled", o.cosine},
        {"sublinear_tf", o.tfidf.sublinear_tf},
        {"smooth_idf", o.tfidf.smooth_idf},
        {"min_df", o.tfidf.min_df},
        {"max_df", o.tfidf.max_df},
        {"ngram_range", {o.tfidf.ngram_min, o.tfidf.ngram_max}},
        {"norm", o.tfidf.l2_normalize ? "l2" : "none"}}},
      {"lsh",
       {{"threshold", o.lsh.threshold},
        {"false_positive_weight", o.lsh.false_positive_weight},
        {"false_negative_weight", o.lsh.false_negative_weight},
        {"bands", o.lsh.bands},
        {"rows", o.lsh.rows},
        {"max_bucket_pairs_size", o.lsh.max_bucket_pairs_size}}},
      {"phrases", internal::phrase_options_json(o.phrases)},
      {"cosine_threshold", o.cosine_threshold},
      {"dense_limit", o.dense_limit},
      {"all_pairs_limit", o.all_pairs_limit},
      {"keep", keep_rule_name(o.keep)},
  };
}

json diagnostics_json(std::initializer_list<const std::vector<Diagnostic>*> lists) {
  json out = json::array();
  for (const auto* list : lists) {
    for (const Diagnostic& d : *list) out.push_back({{"where", d.where}, {"message", d.message}});
  }
  return out;
}

json timings_json(const std::vector<StageTiming>& timings) {
  json out = json::object();
  for (const StageTiming& t : timings) out[t.stage] = t.seconds;
  return out;
}

json clusters_summary(const Clustering& centres, const Clustering& components) {
  std::size_t in_clusters = 0;
  std::vector<std::uint32_t> size(centres.cluster_count, 0);
  for (std::uint32_t c : centres.cluster) ++size[c];
  std::size_t multi = 0;
  for (std::uint32_t s : size) {
    if (s > 1) {
      ++multi;
      in_clusters += s;
    }
  }
  return {{"clusters_with_duplicates", multi},
          {"documents_in_them", in_clusters},
          {"centre_clusters", centres.cluster_count},
          {"connected_components", components.cluster_count}};
}

json lsh_json(const LshParams& p, const CandidateStats& s) {
  return {{"bands", p.bands}, {"rows", p.rows}, {"candidate_pairs", s.pairs}, {"oversized_buckets", s.oversized_buckets}};
}

// Ids and paths were repaired to UTF-8 on reading; replace, never throw, if one slipped through.
Status write_run_json(const std::filesystem::path& out_dir, const json& run) {
  return write_text_file(out_dir / "run.json", run.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

// report.html and heatmap.svg. The report's overview shows `run` without what
// differs between identical runs (timings, threads) or is long (per-document
// rows, diagnostics), so equal inputs give equal reports.
Status write_report(const Analysis& a, const Corpus& corpus, std::span<const Cleaning> cleaning,
                    const PipelineOptions& o, const json& run, const std::filesystem::path& out_dir) {
  json overview = run;
  for (const char* key : {"timings", "threads", "documents", "diagnostics", "notes"}) overview.erase(key);
  ReportInput in;
  in.corpus = &corpus;
  in.cleaning = cleaning;
  in.dense = a.dense;
  in.minhash = a.dense ? &a.minhash : nullptr;
  in.jaccard = a.dense ? &a.jaccard : nullptr;
  in.cosine = a.dense && o.cosine ? &a.cosine : nullptr;
  in.pairs = a.pairs;
  in.jaccard_threshold = o.lsh.threshold;
  in.cosine_threshold = o.cosine_threshold;
  in.clusters = &a.clusters;
  in.explained = a.explained;
  in.talking_points = o.phrases.enabled ? &a.phrases.report : nullptr;
  in.overview_json = overview.dump(-1, ' ', false, json::error_handler_t::replace);
  in.options = o.report;
  ECHOTRACE_RETURN_IF_ERROR(write_text_file(out_dir / "report.html", render_report_html(in)));
  return write_text_file(out_dir / "heatmap.svg", heatmap_svg(in, 2));
}

// Writes every output file of analyze() into `out_dir`, run.json last.
Status write_outputs(const Analysis& a, const Corpus& corpus, const PipelineOptions& o,
                     const std::filesystem::path& out_dir) {
  json outputs = json::array();
  const struct {
    const char* name;
    const DenseMatrix* m;
    int score;  // for write_matrix_market
    bool enabled;
  } measures[] = {{"minhash_jaccard", &a.minhash, 0, true},
                  {"exact_jaccard", &a.jaccard, 1, true},
                  {"tfidf_cosine", &a.cosine, 2, o.cosine}};
  std::vector<bool> nonempty(a.ids.size());
  for (std::size_t i = 0; i < a.ids.size(); ++i) nonempty[i] = a.shingle_counts[i] > 0;
  for (const auto& m : measures) {
    if (!m.enabled) continue;
    const std::string name = m.name;
    if (a.dense) {
      ECHOTRACE_RETURN_IF_ERROR(write_matrix_csv(out_dir / (name + ".csv"), *m.m, a.ids));
      ECHOTRACE_RETURN_IF_ERROR(write_matrix_npy(out_dir / (name + ".npy"), *m.m));
      outputs.push_back(name + ".csv");
      outputs.push_back(name + ".npy");
    } else {
      ECHOTRACE_RETURN_IF_ERROR(write_matrix_market(out_dir / (name + ".mtx"), a.ids.size(), a.pairs, m.score, nonempty));
      outputs.push_back(name + ".mtx");
    }
  }
  ECHOTRACE_RETURN_IF_ERROR(write_pairs_tsv(out_dir / "pairs.tsv", a.pairs, a.ids));
  ECHOTRACE_RETURN_IF_ERROR(write_clusters_tsv(out_dir / "clusters.tsv", a.clusters, a.components, a.ids));
  outputs.push_back("pairs.tsv");
  outputs.push_back("clusters.tsv");
  // An Analysis built without the clean stage counts as nothing removed.
  const std::vector<Cleaning> none(a.cleaning.size() == corpus.documents.size() ? 0 : corpus.documents.size());
  const std::span<const Cleaning> cleaning = none.empty() ? std::span<const Cleaning>(a.cleaning) : none;
  ECHOTRACE_RETURN_IF_ERROR(write_cleaning_tsv(out_dir / "cleaning.tsv", corpus.documents, cleaning));
  outputs.push_back("cleaning.tsv");
  if (o.phrases.enabled) {
    Result<std::vector<std::string>> names = internal::write_phrase_files(a.phrases, corpus, out_dir);
    if (!names.is_ok()) return names.status();
    for (const std::string& name : *names) outputs.push_back(name);
  }

  json run;
  run["tool"] = "echotrace";
  run["command"] = "analyze";
  run["version"] = version();
  run["input"] = {{"path", corpus.source}, {"documents", corpus.documents.size()}};
  std::uint64_t digest = 0;
  std::size_t total_bytes = 0, removed_bytes = 0;
  json docs = json::array();
  const bool list_documents = corpus.documents.size() <= o.dense_limit;
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    const Document& d = corpus.documents[i];
    digest = internal::xxh3_64(d.text, internal::xxh3_64(d.id, digest));
    total_bytes += d.text.size();
    const std::size_t removed = cleaning[i].removed_bytes();
    removed_bytes += removed;
    if (!list_documents) continue;
    docs.push_back({{"id", d.id},
                    {"outlet", d.outlet},
                    {"date", d.date},
                    {"bytes", d.text.size()},
                    {"kept_bytes", d.text.size() - removed},
                    {"removed_bytes", removed},
                    {"tokens", a.token_counts[i]},
                    {"shingles", a.shingle_counts[i]},
                    {"xxh3", internal::hex64(internal::xxh3_64(d.text, 0))}});
  }
  run["input"]["bytes"] = total_bytes;
  run["input"]["xxh3"] = internal::hex64(digest);
  run["input"]["removed_bytes"] = removed_bytes;
  run["input"]["skipped"] = corpus.counts.skipped;
  run["input"]["utf8_repaired"] = corpus.counts.utf8_repaired;
  run["input"]["ids_renamed"] = corpus.counts.ids_renamed;
  // Tokenization follows the Unicode tables of the ICU it runs with.
  run["environment"] = {{"icu", U_ICU_VERSION}, {"unicode", U_UNICODE_VERSION}};
  run["options"] = options_json(o);
  run["threads"] = internal::resolve_threads(o.threads);
  run["mode"] = a.dense ? "dense" : "sparse";
  if (!a.dense) run["lsh"] = lsh_json(a.lsh, a.candidates);
  run["pairs_listed"] = a.pairs.size();
  run["clusters"] = clusters_summary(a.clusters, a.components);
  run["vocabulary_size"] = a.vocabulary_size;
  if (list_documents) run["documents"] = docs;
  run["diagnostics"] = diagnostics_json({&corpus.diagnostics, &a.diagnostics});
  run["warnings"] = run["diagnostics"].size();
  run["notes"] = diagnostics_json({&a.phrases.report.diagnostics, &a.phrases.diagnostics});
  run["timings"] = timings_json(a.timings);
  if (o.report.enabled) {
    ECHOTRACE_RETURN_IF_ERROR(write_report(a, corpus, cleaning, o, run, out_dir));
    outputs.push_back("report.html");
    outputs.push_back("heatmap.svg");
  }
  outputs.push_back("run.json");
  run["outputs"] = outputs;
  return write_run_json(out_dir, run);
}

// Writes every output file of dedup() into `out_dir`, run.json last.
Status write_dedup_outputs(const DedupResult& r, const PipelineOptions& o, const std::filesystem::path& out_dir) {
  std::vector<std::string> ids(r.documents.size());
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = r.documents[i].id;
  std::string keep;
  for (std::uint32_t d : r.keep) keep += ids[d] + '\n';
  ECHOTRACE_RETURN_IF_ERROR(write_text_file(out_dir / "keep.txt", keep));
  ECHOTRACE_RETURN_IF_ERROR(write_clusters_tsv(out_dir / "clusters.tsv", r.clusters, r.components, ids));
  ECHOTRACE_RETURN_IF_ERROR(write_pairs_tsv(out_dir / "pairs.tsv", r.pairs, ids));

  json run;
  run["tool"] = "echotrace";
  run["command"] = "dedup";
  run["version"] = version();
  run["input"] = {{"path", r.source}, {"documents", r.documents.size()}, {"bytes", r.input_bytes},
                  {"xxh3", internal::hex64(r.input_digest)}};
  run["options"] = options_json(o);
  run["threads"] = internal::resolve_threads(o.threads);
  run["lsh"] = lsh_json(r.lsh, r.candidates);
  run["pairs_listed"] = r.pairs.size();
  run["clusters"] = clusters_summary(r.clusters, r.components);
  run["kept"] = r.keep.size();
  run["removed"] = r.documents.size() - r.keep.size();
  run["diagnostics"] = diagnostics_json({&r.diagnostics});
  run["timings"] = timings_json(r.timings);
  run["outputs"] = {"keep.txt", "clusters.tsv", "pairs.tsv", "run.json"};
  return write_run_json(out_dir, run);
}

}  // namespace

// Both replace `out_dir` as a whole: outputs go into a hidden staging folder
// that is swapped in with one atomic rename (internal/output_dir.h).
Status write_analysis(const Analysis& a, const Corpus& corpus, const PipelineOptions& o,
                      const std::filesystem::path& out_dir) {
  auto stage = internal::OutputStage::begin(out_dir);
  if (!stage.is_ok()) return stage.status();
  ECHOTRACE_RETURN_IF_ERROR(write_outputs(a, corpus, o, (*stage)->path()));
  return (*stage)->commit("run.json");
}

Status write_dedup(const DedupResult& r, const PipelineOptions& o, const std::filesystem::path& out_dir) {
  auto stage = internal::OutputStage::begin(out_dir);
  if (!stage.is_ok()) return stage.status();
  ECHOTRACE_RETURN_IF_ERROR(write_dedup_outputs(r, o, (*stage)->path()));
  return (*stage)->commit("run.json");
}

}  // namespace echotrace
