#include <echotrace/io.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "internal/csv.h"
#include "internal/document_checks.h"
#include "internal/utf8.h"

namespace echotrace {
namespace fs = std::filesystem;

std::string outlet_key(const Document& doc) {
  if (!doc.outlet.empty()) return doc.outlet;
  return "?" + doc.id;
}

namespace {

// Reads at most `limit` bytes of `path` into `out`; `whole` tells whether that
// was the entire file.
Status read_file(const fs::path& path, std::size_t limit, std::string& out, bool& whole) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return io_error(path.string() + ": cannot open: " + std::strerror(errno));
  out.clear();
  // The first read asks for the whole file as stat'ed (plus the byte that
  // tells an over-long or growing file); later ones for 64 KiB more.
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  std::size_t chunk =
      ec ? std::size_t{1} << 16 : static_cast<std::size_t>(std::min<std::uintmax_t>(size, limit)) + 1;
  whole = false;
  while (true) {
    const std::size_t room = limit + 1 - out.size();  // one byte more tells an over-long file
    if (room == 0) break;
    const std::size_t old = out.size();
    const std::size_t want = std::min(chunk, room);
    chunk = std::size_t{1} << 16;
    out.resize(old + want);
    const std::size_t got = std::fread(out.data() + old, 1, want, f);
    out.resize(old + got);
    if (got < want) {
      whole = !std::ferror(f);
      break;
    }
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return io_error(path.string() + ": read error");
  if (out.size() > limit) whole = false;
  return Status::ok();
}

struct ManifestEntry {
  std::string outlet, date, title, url;
  std::size_t line = 0;
};

Result<std::unordered_map<std::string, ManifestEntry>> read_manifest(const fs::path& path) {
  std::string body;
  bool whole = false;
  ECHOTRACE_RETURN_IF_ERROR(read_file(path, kMaxDocBytesLimit, body, whole));
  if (!whole) {
    return parse_error(path.string() + ": manifest larger than " + std::to_string(kMaxDocBytesLimit) +
                       " bytes");
  }
  internal::repair_utf8(body);
  Result<std::vector<internal::CsvRecord>> rows = internal::parse_csv(body, path.string());
  if (!rows.is_ok()) return rows.status();
  if (rows->empty()) return parse_error(path.string() + ":1: empty manifest (expected a header file,outlet,date,title)");
  const auto& header = rows->front().fields;
  auto col = [&](std::string_view name) -> int {
    for (std::size_t i = 0; i < header.size(); ++i) if (header[i] == name) return static_cast<int>(i);
    return -1;
  };
  const int c_file = col("file");
  if (c_file < 0) return parse_error(path.string() + ":1: manifest header has no 'file' column");
  const int c_outlet = col("outlet"), c_date = col("date"), c_title = col("title"), c_url = col("url");
  std::unordered_map<std::string, ManifestEntry> out;
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const internal::CsvRecord& rec = (*rows)[r];
    if (rec.fields.size() != header.size()) {
      return parse_error(path.string() + ":" + std::to_string(rec.line) + ": expected " +
                         std::to_string(header.size()) + " fields, found " + std::to_string(rec.fields.size()));
    }
    auto get = [&](int c) { return c >= 0 ? rec.fields[static_cast<std::size_t>(c)] : std::string(); };
    const std::string file = get(c_file);
    if (file.empty()) return parse_error(path.string() + ":" + std::to_string(rec.line) + ": empty 'file' field");
    ManifestEntry e{get(c_outlet), get(c_date), get(c_title), get(c_url), rec.line};
    if (!out.emplace(file, e).second) {
      return parse_error(path.string() + ":" + std::to_string(rec.line) + ": file '" + file + "' listed twice");
    }
  }
  return out;
}

// Records a skipped input, or fails with it when strict.
Status skip(Corpus& corpus, const ReadOptions& options, const std::string& where, const std::string& problem) {
  if (options.strict) return parse_error(where + ": " + problem);
  corpus.diagnostics.push_back({where, "skipped: " + problem});
  ++corpus.counts.skipped;
  return Status::ok();
}

Result<Corpus> read_directory(const fs::path& dir, const ReadOptions& options) {
  Corpus corpus;
  corpus.source = dir.string();
  std::vector<fs::path> files;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->path().extension() != ".txt") continue;
    if (!it->is_regular_file(ec)) {
      ECHOTRACE_RETURN_IF_ERROR(skip(corpus, options, it->path().string(), "not a regular file"));
      ec.clear();
      continue;
    }
    files.push_back(it->path());
  }
  if (ec) return io_error(dir.string() + ": cannot list directory: " + ec.message());
  std::sort(files.begin(), files.end());

  std::unordered_map<std::string, ManifestEntry> manifest;
  const fs::path manifest_path = dir / "manifest.csv";
  if (fs::exists(manifest_path, ec)) {
    auto m = read_manifest(manifest_path);
    if (!m.is_ok()) return m.status();
    manifest = std::move(*m);
    // Every file the manifest names must exist, in manifest order for a stable message.
    std::vector<std::pair<std::size_t, std::string>> named;
    for (const auto& [file, e] : manifest) named.emplace_back(e.line, file);
    std::sort(named.begin(), named.end());
    for (const auto& [line, file] : named) {
      const std::string where = manifest_path.string() + ":" + std::to_string(line);
      if (!fs::exists(dir / file, ec)) {
        return not_found(where + ": names '" + file + "', which does not exist in " + dir.string());
      }
      if (!std::binary_search(files.begin(), files.end(), dir / file)) {
        corpus.diagnostics.push_back(
            {where, "names '" + file + "', which is not a .txt file in " + dir.string() + ": row ignored"});
      }
    }
  }

  for (const fs::path& f : files) {
    Document doc;
    doc.origin = f.string();
    doc.id = f.stem().string();
    if (const std::size_t bad = internal::repair_utf8(doc.id); bad > 0) {
      corpus.counts.utf8_repaired += bad;
      corpus.diagnostics.push_back({doc.origin, "file name is not valid UTF-8: id '" + doc.id + "'"});
    }
    // Over-long files are skipped unread; read_file's own limit covers a file
    // that grows meanwhile.
    const std::uintmax_t size = fs::file_size(f, ec);
    bool whole = !ec && size <= options.max_doc_bytes;
    if (whole) ECHOTRACE_RETURN_IF_ERROR(read_file(f, options.max_doc_bytes, doc.text, whole));
    if (!whole) {
      doc.text = std::string();  // release the partial read
      ECHOTRACE_RETURN_IF_ERROR(skip(
          corpus, options, doc.origin,
          internal::too_large_message("file", ec ? options.max_doc_bytes + 1 : size, options.max_doc_bytes)));
      ec.clear();
      continue;
    }
    if (std::string why = internal::binary_problem(doc.text); !why.empty()) {
      ECHOTRACE_RETURN_IF_ERROR(skip(corpus, options, doc.origin, why));
      continue;
    }
    if (auto m = manifest.find(f.filename().string()); m != manifest.end()) {
      doc.outlet = m->second.outlet;
      doc.date = m->second.date;
      doc.title = m->second.title;
      doc.url = m->second.url;
    }
    // Each ill-formed byte becomes 3 bytes of U+FFFD: the limit holds for the
    // repaired text too, so no document ever exceeds it.
    const std::size_t replaced = internal::repair_utf8(doc.text);
    if (doc.text.size() > options.max_doc_bytes) {
      ECHOTRACE_RETURN_IF_ERROR(skip(corpus, options, doc.origin,
                                     internal::too_large_message("text after UTF-8 repair", doc.text.size(),
                                                                 options.max_doc_bytes)));
      continue;
    }
    internal::note_utf8_repairs(doc, replaced, corpus.diagnostics, corpus.counts);
    corpus.documents.push_back(std::move(doc));
  }
  return corpus;
}

Result<Corpus> read_jsonl(const fs::path& path, const ReadOptions& options) {
  auto reader = JsonlReader::open(path, options);
  if (!reader.is_ok()) return reader.status();
  Corpus corpus;
  corpus.source = path.string();
  while (true) {
    auto doc = (*reader)->next();
    if (!doc.is_ok()) return doc.status();
    if (!doc->has_value()) break;
    corpus.documents.push_back(std::move(**doc));
  }
  corpus.diagnostics = (*reader)->diagnostics();
  corpus.counts = (*reader)->counts();
  return corpus;
}

// Fails on a repeated id, or renames repeats to "id#2", "id#3", ... skipping
// every name already in use, so the result is unique and depends only on
// input order.
Status resolve_duplicate_ids(Corpus& corpus, bool dedupe) {
  std::unordered_map<std::string, std::size_t> first;  // id -> index of its first document
  std::vector<std::size_t> repeats;
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    const Document& d = corpus.documents[i];
    auto [it, inserted] = first.emplace(d.id, i);
    if (inserted) continue;
    if (!dedupe) {
      return invalid_argument("duplicate document id '" + d.id + "' at " + d.origin + " (first at " +
                              corpus.documents[it->second].origin + "); rename one, or pass --dedupe-ids");
    }
    repeats.push_back(i);
  }
  std::unordered_map<std::string, std::size_t> next_suffix;
  for (std::size_t i : repeats) {
    Document& d = corpus.documents[i];
    const std::size_t original = first.at(d.id);
    std::size_t& k = next_suffix.emplace(d.id, 2).first->second;
    std::string name;
    do {
      name = d.id + "#" + std::to_string(k++);
    } while (first.count(name) > 0);
    first.emplace(name, i);
    corpus.diagnostics.push_back({d.origin, "renamed duplicate id '" + d.id + "' to '" + name +
                                                "' (first at " + corpus.documents[original].origin + ")"});
    d.id = std::move(name);
    ++corpus.counts.ids_renamed;
  }
  return Status::ok();
}

}  // namespace

namespace {

// Hands out the documents of a corpus already in memory.
class CorpusStream final : public DocumentStream {
 public:
  explicit CorpusStream(Corpus corpus) : corpus_(std::move(corpus)) {}
  Result<std::optional<Document>> next() override {
    if (next_ >= corpus_.documents.size()) return std::optional<Document>();
    return std::optional<Document>(std::move(corpus_.documents[next_++]));
  }
  const std::vector<Diagnostic>& diagnostics() const override { return corpus_.diagnostics; }

 private:
  Corpus corpus_;
  std::size_t next_ = 0;
};

}  // namespace

Result<bool> DocumentStream::next_into(Document& doc) {
  Result<std::optional<Document>> got = next();
  if (!got.is_ok()) return got.status();
  if (!got->has_value()) return false;
  doc = std::move(**got);
  return true;
}

Result<std::unique_ptr<DocumentStream>> open_documents(const fs::path& path, const ReadOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return not_found(path.string() + ": no such file or directory");
  if (!fs::is_directory(path, ec)) {
    auto reader = JsonlReader::open(path, options);
    if (!reader.is_ok()) return reader.status();
    return std::unique_ptr<DocumentStream>(std::move(*reader));
  }
  auto corpus = read_corpus(path, options);
  if (!corpus.is_ok()) return corpus.status();
  return std::unique_ptr<DocumentStream>(new CorpusStream(std::move(*corpus)));
}

Result<Corpus> read_corpus(const fs::path& path, const ReadOptions& options) {
  if (options.max_doc_bytes < 1 || options.max_doc_bytes > kMaxDocBytesLimit) {
    return invalid_argument("max_doc_bytes must be in [1, " + std::to_string(kMaxDocBytesLimit) + "], got " +
                            std::to_string(options.max_doc_bytes));
  }
  std::error_code ec;
  if (!fs::exists(path, ec)) return not_found(path.string() + ": no such file or directory");
  const bool is_dir = fs::is_directory(path, ec);
  if (!is_dir && path.extension() == ".txt") {
    return invalid_argument(path.string() +
                            ": a single .txt file is not a corpus; pass the folder that holds it, "
                            "or a JSON-lines file");
  }
  Result<Corpus> corpus = is_dir ? read_directory(path, options) : read_jsonl(path, options);
  if (!corpus.is_ok()) return corpus;
  ECHOTRACE_RETURN_IF_ERROR(resolve_duplicate_ids(*corpus, options.dedupe_ids));
  return corpus;
}

}  // namespace echotrace
