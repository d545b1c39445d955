#include "cli/commands.h"

namespace echotrace::cli {

void add_clean_options(CLI::App& cmd, CleanOptions& o) {
  cmd.add_flag("!--no-clean", o.enabled,
               "Keep site chrome (menus, credits, related links, ads, sign-up, legal and comment text); "
               "by default it is removed before tokenizing and listed in cleaning.tsv")
      ->group("Cleaning");
  cmd.add_option("--clean-rules", o.rules_path,
                 "File of 'keep: PATTERN' / 'remove: PATTERN' lines (literal, or /regex/ or /regex/i) that "
                 "override the built-in cleaning rules")
      ->check(CLI::ExistingFile)->group("Cleaning");
}

void add_pipeline_options(CLI::App& cmd, PipelineOptions& o) {
  add_clean_options(cmd, o.clean);
  cmd.add_option("-k,--shingle-size", o.shingle.k, "Words per shingle")
      ->capture_default_str()->check(CLI::Range(1, 64))->group("Sketching");
  cmd.add_option("--num-perm", o.minhash.num_perm,
                 "MinHash signature length K; standard error of the Jaccard estimate is about sqrt(J(1-J)/K)")
      ->capture_default_str()->check(CLI::Range(1, 65536))->group("Sketching");
  cmd.add_option("--seed", o.minhash.seed, "Seed of the MinHash permutation; same seed, same signatures")
      ->capture_default_str()->group("Sketching");
  cmd.add_option("--shingle-seed", o.shingle.seed, "Seed of the XXH3-64 shingle hash")
      ->capture_default_str()->group("Sketching");
  cmd.add_flag("!--no-case-fold", o.text.fold_case, "Keep letter case (default: Unicode case folding)")
      ->group("Text");
  cmd.add_flag("--sublinear-tf", o.tfidf.sublinear_tf, "TF-IDF: use 1 + ln(count) instead of raw counts")
      ->group("TF-IDF");
  cmd.add_option("--min-df", o.tfidf.min_df, "TF-IDF: keep terms in at least this many documents")
      ->capture_default_str()->check(CLI::PositiveNumber)->group("TF-IDF");
  cmd.add_option("--max-df", o.tfidf.max_df, "TF-IDF: keep terms in at most this share of documents, in (0, 1]")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0))->group("TF-IDF");
  cmd.add_option("--ngram-min", o.tfidf.ngram_min, "TF-IDF: shortest word n-gram used as a term")
      ->capture_default_str()->check(CLI::PositiveNumber)->group("TF-IDF");
  cmd.add_option("--ngram-max", o.tfidf.ngram_max, "TF-IDF: longest word n-gram used as a term")
      ->capture_default_str()->check(CLI::PositiveNumber)->group("TF-IDF");
  cmd.add_option("-t,--threads", o.threads, "Worker threads (0 = all cores); outputs do not depend on it")
      ->capture_default_str()->check(CLI::Range(0, 1024));
  cmd.add_option("--dense-limit", o.dense_limit, "Largest corpus for which n x n matrices are written")
      ->capture_default_str();
}

}  // namespace echotrace::cli
