#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"

namespace echotrace::cli {

void Warnings::warn(const std::vector<Diagnostic>& list) {
  for (const Diagnostic& d : list) {
    if (count_++ < kShown) std::cerr << "echotrace: warning: " << d.where << ": " << d.message << "\n";
  }
}

void Warnings::note(const std::vector<Diagnostic>& list) {
  for (const Diagnostic& d : list) std::cerr << "echotrace: note: " << d.where << ": " << d.message << "\n";
}

void Warnings::finish(const std::string& out_dir) const {
  if (count_ > kShown) {
    std::cerr << "echotrace: ... and " << count_ - kShown << " more warnings, all listed in " << out_dir
              << "/run.json\n";
  }
}

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

void add_read_options(CLI::App& cmd, ReadOptions& read) {
  cmd.add_flag("--strict", read.strict,
                "Fail on input that would be skipped with a warning (a malformed JSON line, a missing text field, a "
                "binary or over-long document)")
      ->group("Input");
  cmd.add_option("--max-doc-bytes", read.max_doc_bytes,
                  "Skip (with a warning) any .txt file or JSON line larger than this many bytes; units such as 50MB "
                  "or 1GB (1kB = 1024 bytes); at most 1GB")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(std::size_t{1}, kMaxDocBytesLimit))
      ->default_str("50MB")
      ->group("Input");
  cmd.add_flag("--dedupe-ids", read.dedupe_ids,
                "Rename a repeated document id to id#2, id#3, ... (with a warning) instead of failing")
      ->group("Input");
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
  cmd.add_option("--threshold", o.lsh.threshold,
                 "Jaccard threshold: pairs at or above it are listed (large corpora) and clustered as near-duplicates")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0))->group("Near-duplicates");
  cmd.add_option("--lsh-fn-weight", o.lsh.false_negative_weight,
                 "Weight of missed pairs (vs extra candidates, 1 - this) when choosing LSH bands x rows")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0))->group("Near-duplicates")
      ->each([&o](const std::string&) { o.lsh.false_positive_weight = 1.0 - o.lsh.false_negative_weight; });
  cmd.add_option("--bands", o.lsh.bands, "LSH bands (set with --rows to override the automatic choice)")
      ->check(CLI::PositiveNumber)->group("Near-duplicates");
  cmd.add_option("--rows", o.lsh.rows, "LSH rows per band")->check(CLI::PositiveNumber)->group("Near-duplicates");
  add_threads_option(cmd, o.threads);
}

void add_threads_option(CLI::App& cmd, int& threads, const std::string& output) {
  cmd.add_option("-t,--threads", threads, "Worker threads (0 = all cores); " + output + " depend on it")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
}

void add_phrase_options(CLI::App& cmd, PhraseOptions& o, std::string& watch_file) {
  cmd.add_option("--min-outlets", o.min_outlets, "A talking point is used by documents of at least this many outlets")
      ->capture_default_str()->check(CLI::PositiveNumber)->group("Phrases");
  cmd.add_option("--phrase-min", o.min_tokens, "Shortest phrase in words")
      ->capture_default_str()->check(CLI::Range(2, 64))->group("Phrases");
  cmd.add_option("--phrase-max", o.max_tokens, "Longest n-gram counted in words (longer shared spans are chained)")
      ->capture_default_str()->check(CLI::Range(2, 64))->group("Phrases");
  cmd.add_option("--max-talking-points", o.max_talking_points, "Length of the ranked list (0 = every scored phrase)")
      ->capture_default_str()->group("Phrases");
  cmd.add_option("--watch", watch_file, "File of phrases to track (one per line), reported even for a single outlet")
      ->check(CLI::ExistingFile)->group("Phrases");
  cmd.add_option("--transliteration-similarity", o.transliteration_similarity,
                 "Character-bigram Dice at which two names are spellings of one name")
      ->capture_default_str()->check(CLI::Range(0.01, 1.0))->group("Phrases");
  cmd.add_option("--context-bytes", o.context_bytes, "Keyword-in-context: bytes of text kept on each side")
      ->capture_default_str()->group("Phrases");
  cmd.add_flag("!--no-phrases", o.enabled, "analyze: skip the talking-point stage")->group("Phrases");
}

int fail(const Status& status, int exit_code) {
  std::cerr << "echotrace: " << status.to_string() << "\n";
  return exit_code;
}

std::optional<Corpus> read_input(const std::string& input, const ReadOptions& read, Warnings& warnings) {
  Result<Corpus> corpus = read_corpus(input, read);
  if (!corpus.is_ok()) {
    fail(corpus.status());
    return std::nullopt;
  }
  warnings.warn(corpus->diagnostics);
  return std::move(corpus).value();
}

void add_dictionary_options(CLI::App& cmd, DictionaryArgs& args) {
  cmd.add_option(
         "--dictionary", args.files,
         "Spelling dictionary: word lists, one word per line; a listed word is never taken for a typo of "
         "another (default: /usr/share/dict/american-english and british-english, Debian's wamerican and "
         "wbritish)")
      ->check(CLI::ExistingFile)
      ->group("Phrases");
  cmd.add_flag(
         "--no-dictionary", args.none,
         "No spelling dictionary: any word one letter off a word used ten times as often may be its typo")
      ->group("Phrases");
}

Status load_dictionary(const DictionaryArgs& args, PhraseOptions& options) {
  if (args.none) return Status::ok();
  const std::vector<std::filesystem::path> files(args.files.begin(), args.files.end());
  Result<WordList> list = files.empty() ? WordList::load_default() : WordList::load(files);
  if (!list.is_ok()) {
    if (!files.empty()) return list.status();
    return Status(list.status().code(), list.status().message() + "; --no-dictionary runs without a dictionary");
  }
  options.dictionary = std::make_shared<const WordList>(std::move(list).value());
  return Status::ok();
}

Status load_watchlist(const std::string& watch_file, PhraseOptions& options) {
  if (watch_file.empty()) return Status::ok();
  Result<std::vector<std::string>> phrases = read_watchlist(watch_file);
  if (!phrases.is_ok()) return phrases.status();
  options.watch = std::move(phrases).value();
  return Status::ok();
}

}  // namespace echotrace::cli
