#include "generator/corpus_writer.h"

#include <zstd.h>

#include <vector>

#include "internal/atomic_file.h"

namespace echotrace::bench {
namespace {

class PlainWriter final : public CorpusWriter {
 public:
  explicit PlainWriter(std::unique_ptr<internal::AtomicFile> file) : file_(std::move(file)) {}
  void write_line(std::string_view line) override {
    file_->write(line);
    file_->write("\n");
    bytes_ += line.size() + 1;
  }
  Status commit() override { return file_->commit(); }
  std::size_t bytes() const override { return bytes_; }

 private:
  std::unique_ptr<internal::AtomicFile> file_;
  std::size_t bytes_ = 0;
};

class ZstdWriter final : public CorpusWriter {
 public:
  ZstdWriter(std::unique_ptr<internal::AtomicFile> file, std::filesystem::path path, int level)
      : file_(std::move(file)), path_(std::move(path)), cctx_(ZSTD_createCCtx()), out_(ZSTD_CStreamOutSize()) {
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
  }
  ~ZstdWriter() override { ZSTD_freeCCtx(cctx_); }
  ZstdWriter(const ZstdWriter&) = delete;
  ZstdWriter& operator=(const ZstdWriter&) = delete;

  void write_line(std::string_view line) override {
    pending_.append(line);
    pending_.push_back('\n');
    bytes_ += line.size() + 1;
    if (pending_.size() >= (1u << 20)) flush(ZSTD_e_continue);
  }
  Status commit() override {
    flush(ZSTD_e_end);
    if (!error_.empty()) return io_error(path_.string() + ": zstd compression failed: " + error_);
    return file_->commit();
  }
  std::size_t bytes() const override { return bytes_; }

 private:
  void flush(ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{pending_.data(), pending_.size(), 0};
    while (error_.empty()) {
      ZSTD_outBuffer out{out_.data(), out_.size(), 0};
      const std::size_t left = ZSTD_compressStream2(cctx_, &out, &in, mode);
      if (ZSTD_isError(left)) {
        error_ = ZSTD_getErrorName(left);
        break;
      }
      file_->write(std::string_view(out_.data(), out.pos));
      const bool finished = mode == ZSTD_e_end ? left == 0 : in.pos == in.size;
      if (finished) break;
    }
    pending_.clear();
  }

  std::unique_ptr<internal::AtomicFile> file_;
  std::filesystem::path path_;
  ZSTD_CCtx* cctx_;
  std::vector<char> out_;
  std::string pending_;
  std::string error_;
  std::size_t bytes_ = 0;
};

}  // namespace

Result<std::unique_ptr<CorpusWriter>> CorpusWriter::create(const std::filesystem::path& path, int zstd_level) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return io_error(path.parent_path().string() + ": cannot create directory: " + ec.message());
  Result<std::unique_ptr<internal::AtomicFile>> file = internal::AtomicFile::create(path);
  if (!file.is_ok()) return file.status();
  if (path.extension() == ".zst") {
    return std::unique_ptr<CorpusWriter>(std::make_unique<ZstdWriter>(std::move(file).value(), path, zstd_level));
  }
  return std::unique_ptr<CorpusWriter>(std::make_unique<PlainWriter>(std::move(file).value()));
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

}  // namespace echotrace::bench
