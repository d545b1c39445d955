#include <echotrace/io.h>

#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "internal/csv.h"
#include "internal/line_reader.h"
#include "internal/utf8.h"

namespace echotrace {
namespace fs = std::filesystem;

std::string outlet_key(const Document& doc) {
  if (!doc.outlet.empty()) return doc.outlet;
  return "?" + doc.id;
}

namespace {

void note_repairs(Document& doc, std::vector<Diagnostic>& diags) {
  const std::size_t replaced = internal::repair_utf8(doc.text);
  if (replaced > 0) {
    diags.push_back({doc.origin, "replaced " + std::to_string(replaced) +
                                     " ill-formed UTF-8 sequence(s) with U+FFFD in document '" + doc.id + "'"});
  }
}

Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error(path.string() + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return io_error(path.string() + ": read error");
  return std::move(ss).str();
}

class JsonlReaderImpl final : public JsonlReader {
 public:
  JsonlReaderImpl(std::unique_ptr<internal::LineReader> lines, ReadOptions options)
      : lines_(std::move(lines)), options_(options) {}

  Result<std::optional<Document>> next() override {
    std::string_view line;
    while (true) {
      Result<bool> got = lines_->next(line);
      if (!got.is_ok()) return got.status();
      if (!*got) return std::optional<Document>();
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      const std::string where = lines_->path().string() + ":" + std::to_string(lines_->line_number());
      std::string problem;
      std::optional<Document> doc = parse(line, where, problem);
      if (doc) return doc;
      if (options_.strict) return parse_error(where + ": " + problem);
      diagnostics_.push_back({where, "skipped: " + problem});
    }
  }

  const std::vector<Diagnostic>& diagnostics() const override { return diagnostics_; }

 private:
  // Parses one JSON object; on failure returns nullopt and sets `problem`.
  std::optional<Document> parse(std::string_view line, const std::string& where, std::string& problem) {
    padded_.assign(line);  // reused buffer
    // Repair before parsing: simdjson rejects a whole line with ill-formed
    // UTF-8, but one bad byte in a scraped article should not lose it.
    const std::size_t repaired = internal::repair_utf8(padded_);
    const std::size_t size = padded_.size();
    padded_.resize(size + simdjson::SIMDJSON_PADDING);  // the parser reads past the end
    simdjson::ondemand::document json;
    auto err = parser_.iterate(padded_.data(), size, padded_.size()).get(json);
    if (err) {
      problem = std::string("malformed JSON: ") + simdjson::error_message(err);
      return std::nullopt;
    }
    simdjson::ondemand::object obj;
    if ((err = json.get_object().get(obj))) {
      problem = "line is not a JSON object";
      return std::nullopt;
    }
    Document doc;
    doc.origin = where;
    bool has_text = false;
    for (auto field : obj) {
      std::string_view key;
      if ((err = field.unescaped_key().get(key))) {
        problem = std::string("malformed JSON: ") + simdjson::error_message(err);
        return std::nullopt;
      }
      std::string* target = nullptr;
      if (key == "id") target = &doc.id;
      else if (key == "outlet") target = &doc.outlet;
      else if (key == "date") target = &doc.date;
      else if (key == "title") target = &doc.title;
      else if (key == "url") target = &doc.url;
      else if (key == "text") target = &doc.text;
      if (target == nullptr) continue;  // other fields are ignored (and skipped lazily)
      simdjson::ondemand::value v;
      if ((err = field.value().get(v))) {
        problem = std::string("malformed JSON: ") + simdjson::error_message(err);
        return std::nullopt;
      }
      simdjson::ondemand::json_type type;
      if ((err = v.type().get(type))) {
        problem = std::string("malformed JSON: ") + simdjson::error_message(err);
        return std::nullopt;
      }
      if (type == simdjson::ondemand::json_type::null) continue;
      if (type == simdjson::ondemand::json_type::number && key == "id") {
        std::string_view raw = v.raw_json_token();
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
        doc.id.assign(raw);
        continue;
      }
      if (type != simdjson::ondemand::json_type::string) {
        problem = "field '" + std::string(key) + "' must be a string";
        return std::nullopt;
      }
      std::string_view s;
      if ((err = v.get_string().get(s))) {
        problem = std::string("malformed JSON string in '") + std::string(key) + "': " + simdjson::error_message(err);
        return std::nullopt;
      }
      target->assign(s);
      if (target == &doc.text) has_text = true;
    }
    if (!has_text) {
      problem = "missing 'text' field";
      return std::nullopt;
    }
    if (doc.id.empty()) doc.id = "line-" + std::to_string(lines_->line_number());
    if (repaired > 0) {
      diagnostics_.push_back({where, "replaced " + std::to_string(repaired) +
                                         " ill-formed UTF-8 sequence(s) with U+FFFD in document '" + doc.id + "'"});
    }
    return doc;
  }

  std::unique_ptr<internal::LineReader> lines_;
  ReadOptions options_;
  simdjson::ondemand::parser parser_;
  std::string padded_;
  std::vector<Diagnostic> diagnostics_;
};

struct ManifestEntry {
  std::string outlet, date, title, url;
  std::size_t line = 0;
};

Result<std::unordered_map<std::string, ManifestEntry>> read_manifest(const fs::path& path) {
  Result<std::string> text = read_file(path);
  if (!text.is_ok()) return text.status();
  std::string body = std::move(*text);
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

Result<Corpus> read_directory(const fs::path& dir) {
  Corpus corpus;
  corpus.source = dir.string();
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  if (ec) return io_error(dir.string() + ": cannot list directory: " + ec.message());
  std::sort(files.begin(), files.end());

  std::unordered_map<std::string, ManifestEntry> manifest;
  const fs::path manifest_path = dir / "manifest.csv";
  if (fs::exists(manifest_path)) {
    auto m = read_manifest(manifest_path);
    if (!m.is_ok()) return m.status();
    manifest = std::move(*m);
    // Every file the manifest names must exist, in manifest order for a stable message.
    std::vector<std::pair<std::size_t, std::string>> named;
    for (const auto& [file, e] : manifest) named.emplace_back(e.line, file);
    std::sort(named.begin(), named.end());
    for (const auto& [line, file] : named) {
      if (!fs::is_regular_file(dir / file)) {
        return not_found(manifest_path.string() + ":" + std::to_string(line) + ": names '" + file +
                         "', which does not exist in " + dir.string());
      }
    }
  }

  for (const fs::path& f : files) {
    Document doc;
    doc.id = f.stem().string();
    doc.origin = f.string();
    auto text = read_file(f);
    if (!text.is_ok()) return text.status();
    doc.text = std::move(*text);
    if (auto it = manifest.find(f.filename().string()); it != manifest.end()) {
      doc.outlet = it->second.outlet;
      doc.date = it->second.date;
      doc.title = it->second.title;
      doc.url = it->second.url;
    }
    note_repairs(doc, corpus.diagnostics);
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
  return corpus;
}

}  // namespace

Result<std::unique_ptr<JsonlReader>> JsonlReader::open(const fs::path& path, const ReadOptions& options) {
  auto lines = internal::LineReader::open(path);
  if (!lines.is_ok()) return lines.status();
  return std::unique_ptr<JsonlReader>(new JsonlReaderImpl(std::move(*lines), options));
}

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
  std::error_code ec;
  if (!fs::exists(path, ec)) return not_found(path.string() + ": no such file or directory");
  Result<Corpus> corpus = fs::is_directory(path, ec) ? read_directory(path) : read_jsonl(path, options);
  if (!corpus.is_ok()) return corpus;
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < corpus->documents.size(); ++i) {
    const Document& d = corpus->documents[i];
    auto [it, inserted] = seen.emplace(d.id, i);
    if (!inserted) {
      return invalid_argument("duplicate document id '" + d.id + "' at " + d.origin + " (first at " +
                              corpus->documents[it->second].origin + ")");
    }
  }
  return corpus;
}

}  // namespace echotrace
