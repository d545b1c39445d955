// Outlet-aware cleaning: tells an article (title, standfirst, dateline, body
// paragraphs, quotations, sub-headings) from the site chrome a scraper keeps
// around it (navigation, photo credits and captions, related links, ads,
// sign-up, account, legal and comment text). It owns line and paragraph
// classification and corpus-level repetition; tokenizing is text.h's job, and
// it reads no file but a user rules file.
//
// Text is never rewritten. Cleaning a document yields the byte spans of
// Document::text that are chrome, each with a reason; later stages tokenize
// mask_removed(text, spans), which keeps every byte offset valid.
//
// How a document is cleaned:
//  1. Units. A document is split into lines; hard-wrapped text (nine in ten
//     lines at most 100 bytes, most at least 40, most followed by another
//     line) is split into blank-line separated paragraphs. Units are removed
//     whole, never in part, so a kept sentence is kept entirely.
//  2. Evidence a unit is chrome by itself: known chrome phrases and openings
//     ("Get short URL", "- Advertisement -", "READ MORE: ..."), "©" credits, a
//     trailing " - <outlet>" tag, a short line full of site vocabulary
//     (register, log in, privacy, comments, newsletter, e-mail addresses),
//     the units before the title line (Document::title), a user rule, and
//     repetition: a unit in several documents of its outlet and of no other
//     outlet (RepetitionIndex).
//  3. Only in a document with chrome of its own (anything in 2. but
//     repetition), jusText's classification from plain-text features (length,
//     stop-word density, terminal punctuation, share of capitalised words,
//     site vocabulary in prose) and its context revision: short and
//     borderline units take the class of their neighbours, short stand-alone
//     lines followed by prose are sub-headings, the document's edges count as
//     chrome. Text without chrome of its own (newswire, essays) loses only
//     repeated units, and cleaning never empties a document on that evidence.
//  4. User rules (CleanRules) override everything.
//
// Two passes over a corpus: RepetitionIndex::add(outlet_key(doc),
// cleaner.unit_keys(doc)) for every document (memory: one slot per distinct
// unit key, never text), then cleaner.clean(doc, &index) for each one.
// clean_corpus() does both. Cost: linear in the text; units whose features
// cannot change the outcome (long units of documents without chrome) are only
// scanned for patterns and hashed.
//
// Thread-safety: CleanRules, Cleaner and a RepetitionIndex that is no longer
// being added to are immutable and may be shared by any number of threads;
// RepetitionIndex::add() must not run concurrently with anything else on the
// same index.
#pragma once

#include <echotrace/io.h>
#include <echotrace/status.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace echotrace {

struct CleanOptions {
  // Run the cleaning stage before tokenizing (--no-clean turns it off).
  bool enabled = true;
  // A rules file of "keep: ..." / "remove: ..." lines (see CleanRules) whose
  // matches override the built-in classification; empty for none.
  std::string rules_path;
  // Look for a line equal to Document::title (ignoring case, spaces and
  // punctuation): it is kept, and the units before it are a leading run of
  // chrome unless one of them is long prose.
  bool use_title = true;
  // A unit found in at least this many documents of one outlet (outlet_key)
  // and in no other outlet is chrome. Units shared by different outlets are
  // wire copy or talking points: never removed for repeating, and prose among
  // them is never removed by context either.
  std::uint32_t min_outlet_docs = 2;
  // A repeated sentence (prose, or a short line that reads as a sentence:
  // terminal punctuation, four or more words, a stop word) is chrome only
  // when it is also in at least this share of its outlet's documents, like a
  // footer on every page: a sentence a few of an outlet's articles share is
  // reuse, which echotrace measures. In [0, 1].
  double min_outlet_share = 0.5;
  // When such repeated sentences make up more than this share of a
  // document's text, the document is a re-publication of an article, not
  // chrome around one: its repeated sentences are kept. In [0, 1].
  double max_repeated_prose = 0.5;
  // Units shorter than this (Unicode code points) are "short": kept or removed
  // with their neighbours (jusText's length_low). They are keyed for
  // repetition by their words (case and punctuation ignored), longer units by
  // their exact bytes.
  std::uint32_t short_length = 70;
  // Prose units at least this long with enough stop words are "good" and
  // anchor their neighbours (jusText's length_high).
  std::uint32_t long_length = 200;
  // Stop-word density (English stop words per word) below which a long unit
  // is not prose, and at or above which it is good prose. 0 <= low <= high <= 1.
  double stopwords_low = 0.25;
  double stopwords_high = 0.30;
  // A short stand-alone line is a sub-heading when good prose follows within
  // this many code points (jusText's max_heading_distance).
  std::uint32_t max_heading_distance = 200;
};

// InvalidArgument naming the offending option.
Status validate(const CleanOptions& options);

// Why a span was removed. Stable names (to_string) appear in cleaning.tsv.
enum class CleanReason : std::uint8_t {
  kRule,           // "rule": a remove: line of the user's rules file
  kLeading,        // "leading": before the title line
  kNavigation,     // "navigation": menu words, section labels, share buttons
  kCredit,         // "credit": "©" credits, "Photo:" lines
  kRelated,        // "related": "READ MORE:", "Related:", "Tags:" and their links
  kAdvertisement,  // "advertisement": ad markers, sponsored content
  kSignUp,         // "sign-up": register, log in, subscribe, newsletter, account
  kLegal,          // "legal": privacy, cookies, GDPR, terms, copyright
  kComments,       // "comments": comment buttons, rules and counters
  kOutletTag,      // "outlet-tag": a caption ending in " - <outlet name>"
  kSiteText,       // "site-text": prose about the web site itself (accounts, e-mail, links)
  kRepeated,       // "repeated": repeats in other documents of this outlet only
  kNoText,         // "no-text": no letters (counters, separators)
  kLowContent,     // "low-content": long but few stop words (tag lists, captions, tables)
  kContext,        // "context": short or borderline unit among chrome
};
const char* to_string(CleanReason reason);

// One removed byte range of Document::text: whole lines, possibly with the
// blank lines between them.
struct RemovedSpan {
  std::size_t begin = 0;  // byte offset of the first removed byte
  std::size_t end = 0;    // one past the last removed byte
  CleanReason reason = CleanReason::kContext;
  std::uint32_t rule_line = 0;  // kRule: 1-based line of the rules file; else 0

  bool operator==(const RemovedSpan&) const = default;
};

// The result of cleaning one document: removed spans in ascending order,
// disjoint and not touching the text's last byte past its length.
struct Cleaning {
  std::vector<RemovedSpan> removed;
  // Sum of the spans' lengths.
  std::size_t removed_bytes() const;
};

// `text` with every byte inside `removed` replaced by ' ', except '\n' bytes,
// which stay: same length, so every offset into the result is an offset into
// `text`, and line numbers are unchanged. REQUIRES: spans ascending, disjoint
// and within text.
std::string mask_removed(std::string_view text, std::span<const RemovedSpan> removed);

// A user's keep/remove patterns, one per line:
//   keep: Reuters staff      a literal, matched case-insensitively (ASCII) anywhere in a unit
//   remove: /^Photo: .*$/i   an ICU regular expression between slashes (trailing i: ignore case)
// Blank lines and lines starting with '#' are ignored. A unit matching a keep
// rule is kept whatever else matches; otherwise one matching a remove rule is
// removed (reason kRule, rule_line = that line). Otherwise the built-in
// classification decides.
class CleanRules {
 public:
  CleanRules();
  ~CleanRules();
  CleanRules(const CleanRules&);
  CleanRules& operator=(const CleanRules&);
  CleanRules(CleanRules&&) noexcept;
  CleanRules& operator=(CleanRules&&) noexcept;

  // Parses rules from `text`. ParseError names `origin` and the line (unknown
  // directive, empty pattern, invalid regular expression).
  static Result<CleanRules> parse(std::string_view text, std::string_view origin);
  // Reads and parses `path`. NotFound / IoError name the path; ParseError the
  // path and line.
  static Result<CleanRules> load(const std::filesystem::path& path);

  struct Match {
    bool keep = false;       // a keep: rule (else remove:)
    std::uint32_t line = 0;  // 1-based line in the rules file
  };
  // The deciding rule for `unit` (keep rules first, then remove rules, each in
  // file order), or nullopt. Cost: one scan per literal, one regex search per
  // regular expression.
  std::optional<Match> match(std::string_view unit) const;
  std::size_t size() const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// How widely one unit hash occurs in a corpus.
struct UnitSpread {
  std::uint32_t documents = 0;         // documents holding it (each counted once)
  bool several_outlets = false;        // held by documents of two or more outlets
  std::uint32_t outlet_documents = 0;  // documents of its outlet (when !several_outlets)
};

// Corpus-level repetition, built as a stream: add() each document's unit keys
// (Cleaner::unit_keys) once, then query. Keys are 64-bit hashes of normalised
// units (words lower-cased, spacing and punctuation ignored; units over 1 KiB
// by their exact bytes), counted once per document under outlet_key(doc).
// Memory: about 32 bytes per distinct unit plus 40 per outlet; no text is kept.
class RepetitionIndex {
 public:
  RepetitionIndex();
  // Counts `unit_keys` (distinct, non-zero: Cleaner::unit_keys) as one
  // document of `outlet_key`. Not thread-safe.
  void add(std::string_view outlet_key, std::span<const std::uint64_t> unit_keys);

  UnitSpread spread(std::uint64_t unit_hash) const;
  std::size_t documents() const { return documents_; }
  std::size_t distinct_units() const { return used_; }
  // Makes room for `distinct_units` keys, so that adding them allocates once.
  void reserve(std::size_t distinct_units);
  // Starts loading the memory spread(unit_hash) will read (a hint; no effect
  // on results), so that a batch of look-ups overlaps its cache misses.
  void prefetch(std::uint64_t unit_hash) const;

 private:
  struct Slot {
    std::uint64_t key = 0;        // unit hash; 0 marks an empty slot
    std::uint32_t outlet = 0;     // index of the first outlet seen (outlet_documents_)
    std::uint32_t documents = 0;  // top bit: seen in several outlets
  };
  static constexpr std::uint32_t kSeveralOutlets = 0x80000000u;
  void grow(std::size_t size);
  std::vector<Slot> slots_;
  std::unordered_map<std::uint64_t, std::uint32_t> outlet_ids_;  // outlet hash -> index
  std::vector<std::uint32_t> outlet_documents_;                  // documents per outlet index
  std::size_t used_ = 0;
  std::size_t documents_ = 0;
};

// The per-document classifier. Holds the options, the rules and the built-in
// vocabulary (stop words, site words, chrome phrases); immutable.
class Cleaner {
 public:
  // Loads options.rules_path when set (errors as CleanRules::load) and checks
  // the options (InvalidArgument).
  static Result<Cleaner> create(const CleanOptions& options);
  // REQUIRES: validate(options) is OK.
  Cleaner(const CleanOptions& options, CleanRules rules);
  ~Cleaner();
  Cleaner(Cleaner&&) noexcept;
  Cleaner& operator=(Cleaner&&) noexcept;

  // The distinct keys of `doc`'s units, ascending: what RepetitionIndex::add
  // counts for it (first pass over a stream of documents).
  std::vector<std::uint64_t> unit_keys(const Document& doc) const;
  // The chrome of `doc`. `index` (may be null: no repetition evidence) holds
  // the corpus's unit counts and must outlive the call. Deterministic: the
  // same document, index and options give the same spans. Cost: linear in the
  // text. A document is never emptied on weak evidence: when no body but the
  // title would remain, units removed only for context, missing letters or low
  // content are kept.
  Cleaning clean(const Document& doc, const RepetitionIndex* index) const;

  const CleanOptions& options() const;

 private:
  friend Result<std::vector<Cleaning>> clean_corpus(const Corpus&, const CleanOptions&, int);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Cleans every document of `corpus` (both passes; `threads` <= 0 means all
// cores). Returns one Cleaning per document, in corpus order, identical for
// any thread count and equal to the two streaming passes (unit_keys/add over
// the corpus, then clean per document); all empty when !options.enabled. Each
// document is measured once: its unit features (about 70 bytes per line or
// paragraph, no text) are kept between the passes. Errors as Cleaner::create.
Result<std::vector<Cleaning>> clean_corpus(const Corpus& corpus, const CleanOptions& options, int threads);

}  // namespace echotrace
