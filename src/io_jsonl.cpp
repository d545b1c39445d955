// JsonlReader: one JSON object per line, streamed (io.h).
#include <echotrace/io.h>
#include <simdjson.h>

#include <cstring>

#include "internal/ascii_scan.h"
#include "internal/document_checks.h"
#include "internal/line_reader.h"
#include "internal/utf8.h"

namespace echotrace {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of the escape "\uXXXX" at `i`, or -1 if there is none.
int escaped_unit(std::string_view s, std::size_t i) {
  if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return -1;
  int v = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    const int h = hex_value(s[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// Rewrites each "\uD800".."\uDFFF" escape that is not half of a valid
// surrogate pair to "\uFFFD" (same length), in place; returns how many.
// Python's json.dumps writes such escapes for strings holding lone
// surrogates, and simdjson would reject the whole line for one of them.
std::size_t repair_lone_surrogates(std::string& json) {
  if (json.find("\\u") == std::string::npos) return 0;
  std::size_t repaired = 0;
  for (std::size_t i = 0; i + 1 < json.size(); ++i) {
    if (json[i] != '\\') continue;
    const int unit = escaped_unit(json, i);
    if (unit < 0) {
      ++i;  // another escape such as "\\" or "\n": skip its second character
      continue;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const int low = escaped_unit(json, i + 6);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        i += 11;  // a valid pair
        continue;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      json.replace(i + 2, 4, "FFFD");
      ++repaired;
    }
    i += 5;
  }
  return repaired;
}

// Whether `json` holds an escape "\\uD800".."\\uDFFF" (half of a surrogate
// pair, valid or not): lines with one take the repairing path.
bool has_surrogate_escape(std::string_view json) {
  // Most lines hold no "\\u" at all but many other escapes ("\\n"): one
  // vector scan rules them out before the escape-by-escape walk below.
  if (!internal::contains_byte_pair(json.data(), json.size(), '\\', 'u')) return false;
  std::size_t i = 0;
  while (i < json.size()) {
    const void* at = std::memchr(json.data() + i, '\\', json.size() - i);
    if (at == nullptr) return false;
    i = static_cast<std::size_t>(static_cast<const char*>(at) - json.data());
    const int unit = escaped_unit(json, i);
    if (unit >= 0xD800 && unit <= 0xDFFF) return true;
    i += 2;  // past the escape's second character
  }
  return false;
}

class JsonlReaderImpl final : public JsonlReader {
 public:
  JsonlReaderImpl(std::unique_ptr<internal::LineReader> lines, ReadOptions options)
      : lines_(std::move(lines)), options_(options) {}

  Result<std::optional<Document>> next() override {
    std::optional<Document> doc(std::in_place);
    Result<bool> got = next_into(*doc);
    if (!got.is_ok()) return got.status();
    if (!*got) doc.reset();
    return doc;
  }

  Result<bool> next_into(Document& doc) override {
    std::string_view line;
    while (true) {
      Result<bool> got = lines_->next(line);
      if (!got.is_ok()) return got.status();
      if (!*got) return false;
      std::string problem;
      if (lines_->overlong()) {
        problem = internal::too_large_message("line", lines_->overlong_bytes(), options_.max_doc_bytes);
      } else if (line.find_first_not_of(" \t") == std::string_view::npos) {
        continue;  // blank line
      } else if (parse(line, doc, problem)) {
        return true;
      }
      // Built only for a bad line: a good one costs no message strings.
      const std::string where = lines_->path().string() + ":" + std::to_string(lines_->line_number());
      if (options_.strict) return parse_error(where + ": " + problem);
      diagnostics_.push_back({where, "skipped: " + problem});
      ++counts_.skipped;
    }
  }

  const std::vector<Diagnostic>& diagnostics() const override { return diagnostics_; }
  const ReadCounts& counts() const override { return counts_; }

 private:
  // Parses one JSON object into `doc` (every field overwritten, its
  // capacity reused); on failure returns false and sets `problem`.
  bool parse(std::string_view line, Document& doc, std::string& problem) {
    // Fast path: parse the line where it lies (the reader leaves slack after
    // it). It gives the same Document as the repairing path below whenever it
    // succeeds: simdjson has then validated the whole line as UTF-8, and no
    // surrogate escape or byte-order mark was there to repair.
    static_assert(internal::LineReader::kLineSlack >= simdjson::SIMDJSON_PADDING);
    if (line.size() <= options_.max_doc_bytes && !line.starts_with("\xEF\xBB\xBF") &&
        !has_surrogate_escape(line)) {
      if (parse_object(line.data(), line.size(), line.size() + internal::LineReader::kLineSlack, doc, problem)) {
        return true;
      }
    }
    padded_.assign(line);  // reused buffer
    // Repair before parsing: simdjson rejects a whole line with ill-formed
    // UTF-8, but one bad byte in a scraped article should not lose it.
    const std::size_t repaired = internal::repair_utf8(padded_) + repair_lone_surrogates(padded_);
    const std::size_t size = padded_.size();
    // Each ill-formed byte becomes 3 bytes of U+FFFD: the limit holds for the
    // repaired line too, so no document ever exceeds it.
    if (size > options_.max_doc_bytes) {
      problem = internal::too_large_message("line after UTF-8 repair", size, options_.max_doc_bytes);
      return false;
    }
    padded_.resize(size + simdjson::SIMDJSON_PADDING);  // the parser reads past the end
    if (!parse_object(padded_.data(), size, padded_.size(), doc, problem)) return false;
    internal::note_utf8_repairs(doc, repaired, diagnostics_, counts_);
    return true;
  }

  // Parses the JSON object in [data, data + size), with `capacity` readable
  // bytes at `data`, into `doc`; on failure returns false and sets `problem`.
  bool parse_object(const char* data, std::size_t size, std::size_t capacity, Document& doc, std::string& problem) {
    simdjson::ondemand::document json;
    auto err = parser_.iterate(data, size, capacity).get(json);
    if (err) {
      problem = std::string("malformed JSON: ") + simdjson::error_message(err);
      return false;
    }
    simdjson::ondemand::object obj;
    if ((err = json.get_object().get(obj))) {
      problem = "line is not a JSON object";
      return false;
    }
    for (std::string* field : {&doc.id, &doc.outlet, &doc.date, &doc.title, &doc.url, &doc.text}) field->clear();
    doc.origin.assign(lines_->path().native());
    doc.origin += ':';
    doc.origin += std::to_string(lines_->line_number());
    bool has_text = false;
    for (auto field : obj) {
      std::string_view key;
      if ((err = field.unescaped_key().get(key))) {
        problem = std::string("malformed JSON: ") + simdjson::error_message(err);
        return false;
      }
      std::string* target = nullptr;
      if (key == "id")
        target = &doc.id;
      else if (key == "outlet")
        target = &doc.outlet;
      else if (key == "date")
        target = &doc.date;
      else if (key == "title")
        target = &doc.title;
      else if (key == "url")
        target = &doc.url;
      else if (key == "text")
        target = &doc.text;
      if (target == nullptr) continue;  // other fields are ignored (and skipped lazily)
      simdjson::ondemand::value v;
      if ((err = field.value().get(v))) {
        problem = std::string("malformed JSON: ") + simdjson::error_message(err);
        return false;
      }
      simdjson::ondemand::json_type type;
      if ((err = v.type().get(type))) {
        problem = std::string("malformed JSON: ") + simdjson::error_message(err);
        return false;
      }
      if (type == simdjson::ondemand::json_type::null) {
        target->clear();
        if (target == &doc.text) has_text = false;
        continue;
      }
      if (type == simdjson::ondemand::json_type::number && key == "id") {
        std::string_view raw = v.raw_json_token();
        while (!raw.empty() &&
               (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r' || raw.back() == '\n')) {
          raw.remove_suffix(1);
        }
        doc.id.assign(raw);
        continue;
      }
      if (type != simdjson::ondemand::json_type::string) {
        problem = "field '" + std::string(key) + "' must be a string";
        return false;
      }
      std::string_view s;
      if ((err = v.get_string().get(s))) {
        problem = std::string("malformed JSON string in '") + std::string(key) +
                  "': " + simdjson::error_message(err);
        return false;
      }
      target->assign(s);
      if (target == &doc.text) has_text = true;
    }
    // The object must end where the line does: simdjson's on-demand parser
    // stops at the closing brace, and current_location() only succeeds while
    // tokens remain ({"text":"a"}{"text":"b"} would otherwise pass). Fields
    // other than the six above are skipped without full validation.
    const char* rest = nullptr;
    if (!json.current_location().get(rest)) {
      problem = "malformed JSON: unexpected content after the object";
      return false;
    }
    if (!has_text) {
      problem = "missing 'text' field";
      return false;
    }
    if (doc.id.empty()) doc.id = "line-" + std::to_string(lines_->line_number());
    if (std::string why = internal::binary_problem(doc.text); !why.empty()) {
      problem = "document '" + doc.id + "' holds " + why;
      return false;
    }
    return true;
  }

  std::unique_ptr<internal::LineReader> lines_;
  ReadOptions options_;
  simdjson::ondemand::parser parser_;
  std::string padded_;
  std::vector<Diagnostic> diagnostics_;
  ReadCounts counts_;
};

}  // namespace

Result<std::unique_ptr<JsonlReader>> JsonlReader::open(const std::filesystem::path& path,
                                                       const ReadOptions& options) {
  if (options.max_doc_bytes < 1 || options.max_doc_bytes > kMaxDocBytesLimit) {
    return invalid_argument("max_doc_bytes must be in [1, " + std::to_string(kMaxDocBytesLimit) + "], got " +
                            std::to_string(options.max_doc_bytes));
  }
  auto lines = internal::LineReader::open(path, options.max_doc_bytes);
  if (!lines.is_ok()) return lines.status();
  return std::unique_ptr<JsonlReader>(new JsonlReaderImpl(std::move(*lines), options));
}

}  // namespace echotrace
