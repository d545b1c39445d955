// The file format of background tables (background.h): save() and load().
#include <echotrace/background.h>

#include <cstring>
#include <fstream>

#include "internal/atomic_file.h"
#include "internal/background_key.h"

namespace echotrace {
namespace {

constexpr char kMagic[8] = {'E', 'C', 'H', 'O', 'B', 'G', 'T', '\0'};
constexpr std::uint32_t kFoldCase = 1;    // flags bit: tokens were case-folded
constexpr std::uint32_t kUnwrapLines = 2;  // flags bit: hard line wraps counted as spaces
// Fixed part of the header: magic, version, key scheme, documents, min and
// max tokens, min documents, flags, entries, checksum, source length.
constexpr std::size_t kFixedHeader = 8 + 4 + 4 + 8 + 4 + 4 + 4 + 4 + 8 + 8 + 4;

template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));  // little-endian hosts only (background.cpp asserts it)
  out.append(bytes, sizeof(T));
}

// Reads fixed-size values from a byte buffer, failing once it runs out.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool get(T& value) {
    if (bytes_.size() - at_ < sizeof(T)) return false;
    std::memcpy(&value, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return true;
  }
  bool get_bytes(std::size_t n, std::string_view& out) {
    if (bytes_.size() - at_ < n) return false;
    out = bytes_.substr(at_, n);
    at_ += n;
    return true;
  }
  std::size_t left() const { return bytes_.size() - at_; }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

}  // namespace

Status BackgroundTable::save(const std::filesystem::path& path) const {
  std::string header;
  header.append(kMagic, sizeof kMagic);
  put<std::uint32_t>(header, kVersion);
  put<std::uint32_t>(header, internal::kBackgroundKeyScheme);
  put<std::uint64_t>(header, documents_);
  put<std::uint32_t>(header, static_cast<std::uint32_t>(min_tokens_));
  put<std::uint32_t>(header, static_cast<std::uint32_t>(max_tokens_));
  put<std::uint32_t>(header, min_documents_);
  put<std::uint32_t>(header, (fold_case_ ? kFoldCase : 0) | (unwrap_lines_ ? kUnwrapLines : 0));
  put<std::uint64_t>(header, keys_.size());
  put<std::uint64_t>(header, checksum_);
  put<std::uint32_t>(header, static_cast<std::uint32_t>(source_.size()));
  header += source_;
  Result<std::unique_ptr<internal::AtomicFile>> file = internal::AtomicFile::create(path);
  if (!file.is_ok()) return file.status();
  (*file)->write(header);
  (*file)->write(std::string_view(reinterpret_cast<const char*>(keys_.data()), keys_.size() * sizeof(std::uint64_t)));
  (*file)->write(std::string_view(reinterpret_cast<const char*>(df_.data()), df_.size() * sizeof(std::uint32_t)));
  return (*file)->commit();
}

Result<BackgroundTable> BackgroundTable::load(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return not_found(name + ": background table not found");
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error(name + ": cannot open background table");
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return io_error(name + ": cannot read background table size: " + ec.message());
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return io_error(name + ": read failed");
  Cursor c(bytes);
  std::string_view magic;
  if (!c.get_bytes(sizeof kMagic, magic) || magic != std::string_view(kMagic, sizeof kMagic)) {
    return parse_error(name + ": not an echotrace background table (bad magic; build one with 'echotrace background')");
  }
  std::uint32_t version = 0, scheme = 0, min_tokens = 0, max_tokens = 0, min_documents = 0, flags = 0, source_size = 0;
  std::uint64_t documents = 0, entries = 0, checksum = 0;
  if (!c.get(version)) return parse_error(name + ": background table truncated in its header");
  if (version != kVersion) {
    return incompatible(name + ": background table version " + std::to_string(version) + ", this build reads version " +
                        std::to_string(kVersion) + "; rebuild it with 'echotrace background'");
  }
  if (!c.get(scheme) || !c.get(documents) || !c.get(min_tokens) || !c.get(max_tokens) || !c.get(min_documents) ||
      !c.get(flags) || !c.get(entries) || !c.get(checksum) || !c.get(source_size)) {
    return parse_error(name + ": background table truncated in its header");
  }
  if (scheme != internal::kBackgroundKeyScheme) {
    return incompatible(name + ": background table key scheme " + std::to_string(scheme) + ", this build uses " +
                        std::to_string(internal::kBackgroundKeyScheme) + "; rebuild it with 'echotrace background'");
  }
  if (min_tokens < 2 || max_tokens < min_tokens || max_tokens > 64 || min_documents < 1 || (flags & ~(kFoldCase | kUnwrapLines)) != 0) {
    return parse_error(name + ": background table header out of range (n-gram range " + std::to_string(min_tokens) +
                       ".." + std::to_string(max_tokens) + ")");
  }
  std::string_view source;
  if (!c.get_bytes(source_size, source)) return parse_error(name + ": background table truncated in its header");
  if (entries > c.left() / 12 || c.left() != entries * 12) {
    return parse_error(name + ": background table body has " + std::to_string(c.left()) + " bytes, expected " +
                       std::to_string(entries) + " n-grams × 12 (truncated or not a table)");
  }
  BackgroundTable t;
  t.documents_ = documents;
  t.min_tokens_ = static_cast<int>(min_tokens);
  t.max_tokens_ = static_cast<int>(max_tokens);
  t.min_documents_ = min_documents;
  t.fold_case_ = (flags & kFoldCase) != 0;
  t.unwrap_lines_ = (flags & kUnwrapLines) != 0;
  t.source_ = std::string(source);
  t.file_ = name;
  t.keys_.resize(entries);
  t.df_.resize(entries);
  std::string_view body;
  (void)c.get_bytes(entries * 8, body);
  std::memcpy(t.keys_.data(), body.data(), body.size());
  (void)c.get_bytes(entries * 4, body);
  std::memcpy(t.df_.data(), body.data(), body.size());
  t.seal();
  if (t.checksum_ != checksum) return parse_error(name + ": background table checksum mismatch (file damaged)");
  for (std::size_t k = 1; k < t.keys_.size(); ++k) {
    if (t.keys_[k] <= t.keys_[k - 1]) return parse_error(name + ": background table keys out of order");
  }
  return t;
}

}  // namespace echotrace
