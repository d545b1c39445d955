// Talking points: phrases that travel between outlets. This module finds word
// n-grams shared by documents of at least `min_outlets` distinct outlets,
// groups their spelling variants into one talking point, scores them, and lists
// every occurrence with its voice (quotation or the outlet's own text) and the
// order in which outlets picked the phrase up. It never tokenizes on its own:
// it takes each document's TokenizedText from the caller (text.h), so whatever
// produced those tokens (a cleaning stage that blanks out page chrome, say)
// decides which text can form a phrase. Writing files is phrase_report.h's job.
//
// Mining. A hyphenated token counts as its parts, so "price-cap" and "price
// cap" are the same two words (variants keep the spelling as written). Each
// distinct word is mapped to a variant class: British spellings
// become American by rule (-ise/-isation → -ize/-ization, -yse → -yze, -our →
// -or, consonant + -re → -er, -elled/-alled → -eled/-aled, and a short word
// list: defence, programme, catalogue, ...), then the Snowball English stemmer
// (libstemmer) removes inflection, and name-like tokens (capitalised in most of
// their occurrences) whose keys (spelling + stem) have at least
// `transliteration_min_chars` letters, the same first two letters, lengths
// within one, neither a prefix of the other, and a padded character-bigram
// Dice similarity of at least `transliteration_similarity` are joined by
// single linkage, strongest pair first, as long as the two groups' most
// frequent spellings stay alike (Dice >= 0.5, not prefixes of each other), so
// typos cannot chain "Africa" to "African" ("Hmeymim"/"Hmeimim"/"Hmeymin",
// "Recep"/"Rejep").
// N-grams of class ids, `min_tokens`..`max_tokens` long, are grouped level
// by level: bigrams by sorting the corpus's class pairs, then each shared
// L-gram's occurrences are split by the shared L-gram that starts one token
// later, so an (L+1)-gram is counted only where both of its L-gram parts are
// shared (Apriori pruning) and each level costs a pass over the previous
// level's occurrences, not a sort of the corpus; a phrase's identity is the
// XXH3 of its class ids. A phrase never spans a line
// break, a quotation mark, a bracket, sentence or clause punctuation other than
// a single comma, nor any text between two tokens that itself holds letters or
// digits (text the tokenizer was not given, e.g. removed by cleaning).
// An n-gram is dropped when a one-token-longer n-gram occurs in exactly the same
// documents and adds a content word (it is not maximal), and an n-gram that
// only adds a stop word to such a shorter one ("the demilitarized zone") is not
// reported. Shared `max_tokens`-grams that overlap in the same documents are
// chained into maximal spans of any length.
//
// Score (every quantity counted in the corpus itself, except
// distinctiveness when a background table is given):
//   score = spread × cohesion × distinctiveness × originality × timing × penalty
//   spread = log2(1 + outlets) + 0.5 · log2(1 + documents − outlets)
//   cohesion = (1 + NPMI) / 2, NPMI the smallest over the splits (first L−1
//              tokens | last token) and (first token | last L−1 tokens),
//              where for a split (a | b) of phrase ab, with occurrence counts
//              c(·) and N tokens, NPMI = ln(c(ab)·N / (c(a)·c(b))) / ln(N / c(ab));
//              a chained span takes the smallest NPMI of its max-length n-grams
//   distinctiveness = min(1, ln(1/p) / ln(1/p0)),  p = (df + α·p0) / (D + α):
//              the phrase's document frequency df among D documents, shrunk
//              towards the background rate p0 = `background_rate` with weight
//              α = `background_weight` pseudo-documents, so a small corpus
//              cannot call its own topic common;
//              with a background table (PhraseOptions::background, D_b
//              reference documents; background.h) it is instead
//              ln(1/p_b) / ln(1/p_min) in (0, 1], p_b = (df_b + α·p0) / (D_b + α),
//              p_min = α·p0 / (D_b + α): df_b the number of reference
//              documents using the phrase (the words of one of its
//              occurrences, matched through their variant keys, without
//              transliteration joins; 0 when the table lacks it, so a phrase absent
//              from general text is maximally distinctive; a phrase longer
//              than the table's n-grams takes the smallest df_b of its
//              windows of that length)
//   originality = independent uses / occurrences: uses are one when they sit
//              in copied text, i.e. share their 3 tokens of sentence before
//              or after, are both bounded by their sentence's ends with the
//              same words between, or share a MinHash band (2 rows, 4 bands)
//              of the up to 8 content words within 16 tokens on a side
//              (reused sentences and near-duplicate copies are text reuse,
//              not a framing)
//   timing = 0.1 + 0.9 · concentration, concentration = 1 − MAD / E[MAD]
//              clamped to [0, 1]: MAD the mean absolute deviation from the
//              median of the phrase's documents' date quantiles among the
//              corpus's dated documents, E[MAD] its value for as many
//              uniform quantiles, the shortfall weighted by the share of
//              dated documents the phrase leaves out (1 without two dated
//              documents; above 256 documents, the dates of every
//              (documents / 256)-th in corpus order): talking points
//              spread in a burst
//   penalty = 0.3 if the first token is a stop word, × 0.3 if the last one is;
//             0.05 if every token is a number (digits, a digit ordinal or a
//             number word: "twelve", "billion", "mln"), a date word (month,
//             weekday, year, day number) or a stop word; else × 0.5 if any token is a
//             month, weekday or year; 0 if every token is a stop word.
// Originality is computed, in batches, for the phrases best by the score
// without it (an upper bound) until no bound left can reach the list, among
// the best 64 × `max_talking_points` by that bound.
// Spellings of one talking point: besides the variant classes above, a
// lower-case word one dropped letter away from a word (6 or more letters) at
// least 10 times as frequent and written in lower case in one use in 10 or
// more is that word, unless the spelling dictionary lists it; and talking
// points whose letters
// are equal apart from spaces and hyphens ("price-cap" / "price cap"), or,
// from 10 letters on, one letter more or fewer with as many words (not two
// words of the dictionary: "diner" / "dinner"), join the better-ranked one,
// which keeps its score. The canonical form is the most
// used spelling that misspells no other: a spelling misspells another when
// each word where they differ is one letter away from the other's (6 or more
// letters), is not the same word inflected, and is used by the corpus at
// most a tenth as often ("books grding:5; books grading:4" shows "books
// grading"). A mined phrase that is part of a longer talking point used in
// every document it is used in is not listed.
// Stop words are Snowball's English stop-word list.
//
// Thread-safety: find_talking_points() is reentrant; `threads` bounds the
// threads it starts and the result is identical for any thread count.
#pragma once

#include <echotrace/background.h>
#include <echotrace/io.h>
#include <echotrace/similarity.h>
#include <echotrace/status.h>
#include <echotrace/text.h>
#include <echotrace/word_list.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace echotrace {

struct PhraseOptions {
  // Run the phrase stage inside analyze().
  bool enabled = true;
  // Shortest and longest n-gram counted, in tokens. Shared spans longer than
  // `max_tokens` are still found by chaining overlapping max-length n-grams.
  int min_tokens = 2;
  int max_tokens = 8;
  // A phrase is a talking point when documents of at least this many distinct
  // outlets use it (an unattributed document is an outlet of its own).
  int min_outlets = 2;
  // Length of the ranked list; 0 keeps every scored phrase (can be millions
  // on a large corpus). Watchlist phrases are reported in addition.
  std::size_t max_talking_points = 500;
  // Transliteration variants: padded character-bigram Dice similarity at or
  // above which two name-like tokens are one token. 0.65 admits one changed
  // letter in names of 5 or more letters and two from 11 letters on.
  double transliteration_similarity = 0.65;
  // Shortest name (in characters) considered for transliteration matching.
  int transliteration_min_chars = 5;
  // Background for distinctiveness: the document rate p0 of a typical phrase
  // and the weight α (in pseudo-documents) with which it is mixed in.
  double background_rate = 1e-3;
  double background_weight = 100.0;
  // A background frequency table (background.h) of a reference corpus: when
  // set, distinctiveness comes from the phrase's document rate there instead
  // of in the corpus itself (see the Score above). Null: the corpus itself.
  // Its text options must match the corpus's; its shortest n-gram must not
  // exceed `min_tokens`. Shared, never modified.
  std::shared_ptr<const BackgroundTable> background;
  // A spelling dictionary (word_list.h): a listed word is never taken for a
  // misspelling of another, neither by the word-level typo rule nor when the
  // canonical form is chosen. Null: every word one letter off a word used ten
  // times as often may be its typo ("cries" for "crimes"). Shared, never
  // modified; `phrases` and `analyze` load Debian's lists by default.
  std::shared_ptr<const WordList> dictionary;
  // Keyword-in-context: bytes of context kept on each side of an occurrence.
  std::size_t context_bytes = 60;
  // Phrases to track whatever their spread (one per entry, matched through
  // the same variant classes); reported even when one outlet or none uses them.
  std::vector<std::string> watch;
};

// Checks every option's range; InvalidArgument names the offending field.
Status validate(const PhraseOptions& options);

// Reads a watchlist: one phrase per line, UTF-8; blank lines and lines starting
// with '#' are skipped. NotFound or IoError name the path.
Result<std::vector<std::string>> read_watchlist(const std::filesystem::path& path);

enum class Voice : std::uint8_t {
  kOwn,        // the outlet's own text
  kQuotation,  // inside quotation marks (any depth)
};

// "own" or "quotation".
const char* voice_name(Voice voice);

// One use of a talking point in one document.
struct Occurrence {
  std::uint32_t doc = 0;       // index into the documents given
  // First word and words, counted in the document's tokens with a hyphenated
  // token counting as its parts ("price-cap" is two words).
  std::uint32_t token = 0;
  std::uint32_t length = 0;
  std::size_t begin = 0;       // byte span [begin, end) in Document::text
  std::size_t end = 0;
  std::uint32_t variant = 0;   // index into TalkingPoint::variants
  Voice voice = Voice::kOwn;
  // Keyword in context: up to `context_bytes` of the original text on each
  // side, cut at token boundaries, runs of white space shown as one space
  // and none at either end.
  // Context stops early at text between two tokens that holds letters or
  // digits the tokenizer was not given (text removed before tokenizing).
  std::string before;
  std::string after;
};

// A surface form of a talking point (normalised tokens joined by spaces) and
// how many occurrences have it.
struct Variant {
  std::string text;
  std::size_t count = 0;
};

// Where a phrase showed up in one outlet: its first dated document there.
struct OutletFirst {
  std::string outlet;          // outlet key (see outlet_key)
  std::uint32_t doc = 0;       // document index
  std::string date;            // Document::date as given
  std::int64_t lag_days = 0;   // days after the first appearance (0 for the first)
};

// The spread of one talking point over time. Dates are the first 10 bytes of
// Document::date read as YYYY-MM-DD; a document whose date is missing or not
// of that form is undated and never placed in time.
struct Timeline {
  std::optional<OutletFirst> first;  // the earliest dated occurrence (ties: corpus order)
  std::vector<OutletFirst> later;    // every other outlet's first dated use, by date
  std::vector<std::uint32_t> undated_docs;  // documents using it without a date, ascending
};

struct PhraseScore {
  double score = 0;            // spread × cohesion × distinctiveness × originality × timing × penalty
  double spread = 0;
  double cohesion = 0;         // in [0, 1]
  double distinctiveness = 0;  // in [0, 1]
  double penalty = 0;          // in [0, 1]
  double originality = 0;      // in (0, 1]: independent uses / occurrences
  double timing = 0;           // in [0.1, 1]: from the time concentration of its documents
};

struct TalkingPoint {
  std::string canonical;           // the most frequent variant (ties: byte order) misspelling no other
  std::vector<Variant> variants;   // most frequent first, then byte order
  std::size_t tokens = 0;          // length of the phrase in words (hyphenated parts counted)
  std::vector<std::string> outlets;  // outlet keys using it, ascending
  std::size_t documents = 0;       // distinct documents using it
  std::size_t quotations = 0;      // occurrences with voice kQuotation
  PhraseScore score;               // zero for a watchlist phrase that mining did not report
  bool mined = false;              // reported by mining (else only watched)
  std::vector<std::string> watch;  // watchlist entries that matched it, in list order
  std::vector<Occurrence> occurrences;  // by document, then position
  Timeline timeline;
};

struct TalkingPointReport {
  // Mined talking points by descending score (ties: longer first, then by
  // canonical form), then watchlist phrases not among them, in watchlist order.
  std::vector<TalkingPoint> talking_points;
  std::size_t documents = 0;
  std::size_t outlets = 0;                 // distinct outlet keys
  std::size_t shared_ngrams = 0;           // n-gram groups meeting min_outlets, all lengths
  std::size_t scored_phrases = 0;          // of those, maximal phrases with a positive score
  std::vector<Diagnostic> diagnostics;     // e.g. a watchlist line without words, undated documents
};

// Finds the talking points of `documents`, whose tokens are `tokens` (same
// order; token spans must index Document::text). `text` are the options the
// tokens were made with; watchlist phrases are tokenized with them.
// InvalidArgument for bad options or mismatched spans. Cost: O(N log N) in the
// number of token positions N, memory about 40 bytes per position.
Result<TalkingPointReport> find_talking_points(std::span<const Document> documents,
                                               std::span<const TokenizedText> tokens,
                                               const PhraseOptions& options, const TextOptions& text,
                                               int threads);

// Outlet × outlet summaries of a report. Outlets are the keys of all
// documents, ascending. `shared` holds, for each pair, how many talking points
// (mined ones; watch-only ones are left out) both outlets use, and on its
// diagonal how many the outlet uses. `similarity` holds the mean cosine of
// the documents' unit-length TF-IDF rows over every pair of documents (one
// from each outlet; for the diagonal every pair of distinct documents of the
// outlet), NaN where there is no such pair; it is empty (n = 0) when `rows`
// is null, or when computing it would take more than `max_products`
// multiply-adds (`note` then says so). The means come from each outlet's sum
// of rows S_a, without comparing documents: the cosines of a × b sum to
// S_a · S_b, those within a to (S_a · S_a − Σ |row|²) / 2, so the matrix
// exists for corpora of any size. Cost: O(nnz(rows) + Σ_t c_t²) time, c_t the number of outlets whose
// documents use term t; 16 · outlets² bytes besides the sums.
struct OutletMatrix {
  std::vector<std::string> outlets;
  DenseMatrix shared;
  DenseMatrix similarity;
  std::string note;  // why `similarity` is empty although rows were given
};

// Most multiply-adds outlet_matrix() spends on the similarity by default
// (Σ_t c_t²): a few seconds; reached only with thousands of outlets that
// share much of their vocabulary.
inline constexpr double kMaxOutletProducts = 4e9;

// REQUIRES: rows is null or has one row per document, each of unit length
// or empty (TfidfModel with l2_normalize).
OutletMatrix outlet_matrix(const TalkingPointReport& report, std::span<const Document> documents,
                           const SparseRows* rows, double max_products = kMaxOutletProducts);

}  // namespace echotrace
