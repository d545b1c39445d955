// Corpus readers: turn a folder of .txt files (with an optional manifest.csv) or
// a JSON-lines file (plain or zstd-compressed) into Documents. Every error names
// the file and line it came from. Readers compute nothing about the text beyond
// repairing its encoding.
//
// Text as loaded: a UTF-8 byte-order mark is dropped and ill-formed UTF-8 bytes
// are replaced by U+FFFD, as are JSON escapes of lone UTF-16 surrogates
// ("\ud800", which Python writes for undecodable bytes); each replacement is
// counted in the diagnostics and Corpus::counts. Nothing else changes, so
// byte offsets reported by later stages index Document::text exactly. Ids read
// from file names are repaired the same way.
//
// Hostile input: nothing a corpus holds makes a reader crash or stay silent.
// Each input is either read, or skipped with a Diagnostic naming its file and
// line and counted in Corpus::counts, or (with ReadOptions::strict, and for
// problems no skip can fix) refused with a Status naming file and line:
//   - a malformed JSON line, a line that is not an object, a missing "text",
//     a field of the wrong type: skipped;
//   - a document whose text holds a NUL byte (a binary file, UTF-16 text):
//     skipped;
//   - a .txt file or JSON line longer than ReadOptions::max_doc_bytes: skipped
//     without being held in memory;
//   - duplicate ids: InvalidArgument naming both origins, or renamed "id#2",
//     "id#3", ... with ReadOptions::dedupe_ids;
//   - a missing path, a manifest naming a missing file, a malformed manifest:
//     NotFound / ParseError, always.
// Empty and whitespace-only documents are kept (they have no words; the
// pipeline reports them), so a folder's files map one to one onto documents.
//
// Thread-safety: readers are single-threaded objects; distinct readers may run
// on distinct threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <echotrace/status.h>

namespace echotrace {

struct Document {
  std::string id;      // unique within a corpus
  std::string outlet;  // publisher; empty when unknown
  std::string date;    // as given (ISO 8601 expected); empty when unknown
  std::string title;
  std::string url;
  std::string text;    // UTF-8 article text
  std::string origin;  // "path" or "path:line" it was read from, for messages
};

// The key a document's outlet is counted under. A document without an outlet
// is an outlet of its own ("?<id>"): unknown outlets are never merged.
std::string outlet_key(const Document& doc);

// A warning about input that was read anyway or skipped: where and what.
struct Diagnostic {
  std::string where;    // "path:line" or document id
  std::string message;  // what happened, e.g. "skipped: malformed JSON (...)"
};

// Largest value ReadOptions::max_doc_bytes accepts (1 GiB): later stages index
// text with 32-bit offsets.
inline constexpr std::size_t kMaxDocBytesLimit = std::size_t{1} << 30;

struct ReadOptions {
  // Turn every skip (a malformed JSON line, a missing text field, a binary or
  // over-long document) into a ParseError naming file and line.
  bool strict = false;
  // Largest document read, in bytes of input: a .txt file's size or a JSON
  // line's length, both also after UTF-8 repair (which turns each bad byte
  // into 3), so no Document::text is longer. Larger ones are skipped with a
  // warning (an error when strict) and never held in memory, so peak memory
  // follows the documents kept, not the largest input. In [1, kMaxDocBytesLimit].
  std::size_t max_doc_bytes = std::size_t{50} << 20;
  // Rename a repeated id to "id#2", "id#3", ... (the first suffix that no
  // document uses) instead of failing with InvalidArgument.
  bool dedupe_ids = false;
};

// What a reader dropped or changed, for run.json and the CLI's summary. All
// zero for clean input.
struct ReadCounts {
  std::size_t skipped = 0;        // inputs not turned into documents (see io.h header)
  std::size_t utf8_repaired = 0;  // ill-formed UTF-8 sequences replaced by U+FFFD
  std::size_t ids_renamed = 0;    // duplicate ids renamed (ReadOptions::dedupe_ids)
};

struct Corpus {
  std::vector<Document> documents;  // in input order
  std::vector<Diagnostic> diagnostics;
  ReadCounts counts;
  std::string source;               // the path read
};

// A source of Documents read one at a time, in input order.
class DocumentStream {
 public:
  virtual ~DocumentStream() = default;
  // The next document, std::nullopt at the end. Errors name the file and line.
  virtual Result<std::optional<Document>> next() = 0;
  // The same, into `doc` (every field overwritten); false at the end. A
  // reader may reuse the strings' capacity, so a loop that passes the same
  // Document allocates nothing per document once it has warmed up.
  virtual Result<bool> next_into(Document& doc);
  // Warnings about input read anyway or skipped, so far.
  virtual const std::vector<Diagnostic>& diagnostics() const = 0;
};

// Streams Documents from one JSON-lines file (".zst" suffix: zstd-compressed).
// One JSON object per line with string fields id, outlet, date, title, url,
// text (id may also be a number); other fields are ignored; null counts as
// missing; blank lines are skipped. A missing or empty id becomes "line-N".
// Lines end at "\n", "\r\n" or a lone "\r" (a raw CR cannot occur inside a
// JSON string, so this never splits a valid one-line object). Memory: one line
// at a time, at most options.max_doc_bytes.
class JsonlReader : public DocumentStream {
 public:
  // NotFound if `path` does not exist, IoError if it cannot be opened.
  static Result<std::unique_ptr<JsonlReader>> open(const std::filesystem::path& path,
                                                   const ReadOptions& options = {});
  // ParseError (strict mode) or IoError name the file and line; in lenient
  // mode bad lines are skipped and reported in diagnostics().
  // What was skipped or repaired so far (ids_renamed stays 0: renaming needs
  // the whole corpus, see read_corpus).
  virtual const ReadCounts& counts() const = 0;
};

// Reads a whole corpus from `path`: a directory of *.txt files (ids are file
// names without ".txt", order is by file name; subfolders are not read;
// manifest.csv with columns file,outlet,date,title[,url] supplies metadata), or
// any other file as JSON lines (.jsonl, .jsonl.zst, .json, .zst, ...). Returns
// NotFound for a missing path or a file named by the manifest that does not
// exist, ParseError for malformed input (file and line), InvalidArgument for a
// single .txt file (not a corpus), bad options, or duplicate document ids
// (naming both origins; see ReadOptions::dedupe_ids). An input with no
// documents at all is not an error here (the pipeline refuses it).
Result<Corpus> read_corpus(const std::filesystem::path& path, const ReadOptions& options = {});

// A stream over `path`: a JSON-lines file is read line by line (memory: one
// line); a directory is read whole (folders of .txt files are small) and then
// handed out. Duplicate ids are the caller's to detect in a stream.
Result<std::unique_ptr<DocumentStream>> open_documents(const std::filesystem::path& path,
                                                       const ReadOptions& options = {});

}  // namespace echotrace
