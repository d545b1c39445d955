#include "internal/line_reader.h"

#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace echotrace::internal {

struct LineReader::ZstdState {
  ZSTD_DCtx* ctx = nullptr;
  std::vector<char> in;
  ZSTD_inBuffer input{nullptr, 0, 0};
  std::size_t last_ret = 0;  // 0 when the last frame ended cleanly
  ~ZstdState() { ZSTD_freeDCtx(ctx); }
};

Result<std::unique_ptr<LineReader>> LineReader::open(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return not_found(path.string() + ": no such file");
  if (std::filesystem::is_directory(path, ec)) return io_error(path.string() + ": is a directory");
  std::unique_ptr<LineReader> r(new LineReader());
  r->path_ = path;
  r->file_ = std::fopen(path.c_str(), "rb");
  if (r->file_ == nullptr) return io_error(path.string() + ": cannot open: " + std::strerror(errno));
  if (path.extension() == ".zst") {
    r->zstd_ = std::make_unique<ZstdState>();
    r->zstd_->ctx = ZSTD_createDCtx();
    r->zstd_->in.resize(ZSTD_DStreamInSize());
  }
  return r;
}

LineReader::~LineReader() {
  if (file_ != nullptr) std::fclose(file_);
}

Result<bool> LineReader::fill() {
  if (eof_) return false;
  constexpr std::size_t kChunk = 1 << 20;
  const std::size_t old = buf_.size();
  if (!zstd_) {
    buf_.resize(old + kChunk);
    const std::size_t got = std::fread(buf_.data() + old, 1, kChunk, file_);
    buf_.resize(old + got);
    if (got == 0) {
      if (std::ferror(file_)) return io_error(path_.string() + ": read error");
      eof_ = true;
      return false;
    }
    return true;
  }
  ZstdState& z = *zstd_;
  while (true) {
    if (z.input.pos == z.input.size) {
      const std::size_t got = std::fread(z.in.data(), 1, z.in.size(), file_);
      if (got == 0) {
        if (std::ferror(file_)) return io_error(path_.string() + ": read error");
        eof_ = true;
        if (z.last_ret != 0) {
          return parse_error(path_.string() + ": truncated zstd stream after line " + std::to_string(line_no_));
        }
        return false;
      }
      z.input = ZSTD_inBuffer{z.in.data(), got, 0};
    }
    buf_.resize(old + kChunk);
    ZSTD_outBuffer output{buf_.data() + old, kChunk, 0};
    const std::size_t ret = ZSTD_decompressStream(z.ctx, &output, &z.input);
    buf_.resize(old + output.pos);
    if (ZSTD_isError(ret)) {
      return parse_error(path_.string() + ": corrupt zstd data after line " + std::to_string(line_no_) + ": " +
                         ZSTD_getErrorName(ret));
    }
    z.last_ret = ret;
    if (output.pos > 0) return true;
  }
}

Result<bool> LineReader::next(std::string_view& line) {
  std::size_t scanned = pos_;
  while (true) {
    const std::size_t nl = buf_.find('\n', scanned);
    if (nl != std::string::npos) {
      std::size_t end = nl;
      if (end > pos_ && buf_[end - 1] == '\r') --end;
      line = std::string_view(buf_).substr(pos_, end - pos_);
      pos_ = nl + 1;
      ++line_no_;
      return true;
    }
    // Drop consumed bytes, then append more; everything held has been scanned.
    buf_.erase(0, pos_);
    pos_ = 0;
    scanned = buf_.size();
    Result<bool> more = fill();
    if (!more.is_ok()) return more.status();
    if (!*more) {
      if (pos_ >= buf_.size()) return false;
      std::size_t end = buf_.size();
      if (buf_[end - 1] == '\r') --end;
      line = std::string_view(buf_).substr(pos_, end - pos_);
      pos_ = buf_.size();
      ++line_no_;
      return true;
    }
  }
}

}  // namespace echotrace::internal
