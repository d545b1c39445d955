// Corpus readers: turn a folder of .txt files (with an optional manifest.csv) or
// a JSON-lines file (plain or zstd-compressed) into Documents. Every error names
// the file and line it came from. Readers compute nothing about the text beyond
// repairing its encoding.
//
// Text as loaded: a UTF-8 byte-order mark is dropped and ill-formed UTF-8 bytes
// are replaced by U+FFFD (counted in the diagnostics); nothing else changes, so
// byte offsets reported by later stages index Document::text exactly.
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

struct ReadOptions {
  // Turn recoverable problems (a malformed JSON line, a missing text field)
  // into errors instead of skipped documents.
  bool strict = false;
};

struct Corpus {
  std::vector<Document> documents;  // in input order
  std::vector<Diagnostic> diagnostics;
  std::string source;               // the path read
};

// A source of Documents read one at a time, in input order.
class DocumentStream {
 public:
  virtual ~DocumentStream() = default;
  // The next document, std::nullopt at the end. Errors name the file and line.
  virtual Result<std::optional<Document>> next() = 0;
  // Warnings about input read anyway or skipped, so far.
  virtual const std::vector<Diagnostic>& diagnostics() const = 0;
};

// Streams Documents from one JSON-lines file (".zst" suffix: zstd-compressed).
// One JSON object per line with string fields id, outlet, date, title, url,
// text; other fields are ignored; blank lines are skipped. A missing id becomes
// "line-N". Memory: one line at a time.
class JsonlReader : public DocumentStream {
 public:
  // NotFound if `path` does not exist, IoError if it cannot be opened.
  static Result<std::unique_ptr<JsonlReader>> open(const std::filesystem::path& path,
                                                   const ReadOptions& options = {});
  // ParseError (strict mode) or IoError name the file and line; in lenient
  // mode bad lines are skipped and reported in diagnostics().
};

// Reads a whole corpus from `path`: a directory of *.txt files (ids are file
// names without ".txt", order is by file name; manifest.csv with columns
// file,outlet,date,title[,url] supplies metadata), or a .jsonl / .jsonl.zst /
// .json / .zst file. Returns NotFound for a missing path or a file named by the
// manifest that does not exist, ParseError for malformed input (file and
// line), InvalidArgument for duplicate document ids (naming both origins).
Result<Corpus> read_corpus(const std::filesystem::path& path, const ReadOptions& options = {});

// A stream over `path`: a JSON-lines file is read line by line (memory: one
// line); a directory is read whole (folders of .txt files are small) and then
// handed out. Duplicate ids are the caller's to detect in a stream.
Result<std::unique_ptr<DocumentStream>> open_documents(const std::filesystem::path& path,
                                                       const ReadOptions& options = {});

}  // namespace echotrace
