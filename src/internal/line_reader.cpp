#include "internal/line_reader.h"

// ZSTD_createDCtx_advanced (a custom allocator) is in zstd's
// "experimental" section, exported by the shared library since 1.3.
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#include "internal/huge_pages.h"

namespace echotrace::internal {
namespace {
// zstd's allocations: its window buffer (up to 8 MiB for level 19 files, 128
// MiB with --long) comes from huge-page blocks, so the kernel faults it in
// 2 MiB at a time instead of 4 KiB; small ones from malloc.
constexpr std::size_t kHugeAllocation = std::size_t{1} << 20;

struct ZstdMemory {
  std::vector<HugeBlock> blocks;
};

void* zstd_alloc(void* opaque, std::size_t size) {
  if (size < kHugeAllocation) return std::malloc(size);
  auto* memory = static_cast<ZstdMemory*>(opaque);
  try {
    memory->blocks.emplace_back(size);
  } catch (const std::bad_alloc&) {
    return nullptr;  // zstd reports its own allocation error
  }
  return memory->blocks.back().data();
}

void zstd_free(void* opaque, void* address) {
  if (address == nullptr) return;
  auto* memory = static_cast<ZstdMemory*>(opaque);
  const auto it = std::find_if(memory->blocks.begin(), memory->blocks.end(),
                               [&](const HugeBlock& b) { return b.data() == address; });
  if (it == memory->blocks.end()) {
    std::free(address);
  } else {
    memory->blocks.erase(it);
  }
}
}  // namespace

struct LineReader::ZstdState {
  ZstdMemory memory;  // outlives ctx (declared first, destroyed last)
  ZSTD_DCtx* ctx = nullptr;
  std::vector<char> in;
  ZSTD_inBuffer input{nullptr, 0, 0};
  std::size_t last_ret = 0;  // 0 when the last frame ended cleanly
  ~ZstdState() { ZSTD_freeDCtx(ctx); }
};

Result<std::unique_ptr<LineReader>> LineReader::open(const std::filesystem::path& path,
                                                     std::size_t max_line_bytes) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return not_found(path.string() + ": no such file");
  if (std::filesystem::is_directory(path, ec)) return io_error(path.string() + ": is a directory");
  std::unique_ptr<LineReader> r(new LineReader());
  r->path_ = path;
  r->max_line_bytes_ = max_line_bytes;
  r->buf_.resize(kLineSlack);
  r->file_ = std::fopen(path.c_str(), "rb");
  if (r->file_ == nullptr) return io_error(path.string() + ": cannot open: " + std::strerror(errno));
  if (path.extension() == ".zst") {
    r->zstd_ = std::make_unique<ZstdState>();
    r->zstd_->ctx = ZSTD_createDCtx_advanced(ZSTD_customMem{zstd_alloc, zstd_free, &r->zstd_->memory});
    if (r->zstd_->ctx == nullptr) throw std::bad_alloc();
    r->zstd_->in.resize(ZSTD_DStreamInSize());
  }
  return r;
}

LineReader::~LineReader() {
  if (file_ != nullptr) std::fclose(file_);
}

char* LineReader::reserve(std::size_t bytes) {
  // Grows only when a line outgrows the buffer, so there is no per-chunk
  // zero-filling, and only to the size needed (the vector's capacity grows
  // geometrically, but untouched capacity costs no memory).
  if (buf_.size() < end_ + bytes + kLineSlack) buf_.resize(end_ + bytes + kLineSlack);
  return buf_.data() + end_;
}

Result<bool> LineReader::fill() {
  if (eof_) return false;
  // One zstd block (128 KiB) per call, so zstd's own copy to the output
  // happens in large pieces.
  constexpr std::size_t kChunk = 1 << 17;
  if (!zstd_) {
    char* at = reserve(kChunk);
    const std::size_t got = std::fread(at, 1, kChunk, file_);
    end_ += got;
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
    ZSTD_outBuffer output{reserve(kChunk), kChunk, 0};
    const std::size_t ret = ZSTD_decompressStream(z.ctx, &output, &z.input);
    end_ += output.pos;
    if (ZSTD_isError(ret)) {
      return parse_error(path_.string() + ": corrupt zstd data after line " + std::to_string(line_no_) + ": " +
                         ZSTD_getErrorName(ret));
    }
    z.last_ret = ret;
    if (output.pos > 0) return true;
  }
}

void LineReader::take(std::size_t end, std::size_t next, std::string_view& line) {
  const std::size_t length = dropped_ + (end - pos_);
  if (length > max_line_bytes_) {
    overlong_bytes_ = length;
    line = std::string_view();
  } else {
    line = std::string_view(buf_.data() + pos_, end - pos_);
  }
  dropped_ = 0;
  pos_ = next;
  ++line_no_;
}

Result<bool> LineReader::next(std::string_view& line) {
  overlong_bytes_ = 0;
  std::size_t scanned = pos_;  // bytes before this offset hold no terminator
  while (true) {
    const char* base = buf_.data();
    const std::size_t size = end_;
    // The first terminator: a '\n', or a '\r' before it.
    const void* nl_at = std::memchr(base + scanned, '\n', size - scanned);
    const std::size_t nl =
        nl_at != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl_at) - base) : size;
    const void* cr_at = std::memchr(base + scanned, '\r', nl - scanned);
    bool waiting_cr = false;  // a '\r' is the last byte held: is it "\r\n"?
    if (cr_at != nullptr) {
      const std::size_t cr = static_cast<std::size_t>(static_cast<const char*>(cr_at) - base);
      if (cr + 1 < size) {
        take(cr, buf_[cr + 1] == '\n' ? cr + 2 : cr + 1, line);
        return true;
      }
      if (eof_) {
        take(cr, cr + 1, line);
        return true;
      }
      waiting_cr = true;
      scanned = cr;
    } else if (nl_at != nullptr) {
      take(nl, nl + 1, line);
      return true;
    } else if (eof_) {
      if (pos_ >= size && dropped_ == 0) return false;
      take(size, size, line);  // a last line without terminator
      return true;
    } else {
      scanned = size;
    }
    // No complete line held: drop consumed bytes, and the bytes of a line
    // already over the limit (keeping a trailing '\r'), then read more.
    std::size_t cut = pos_;
    if (dropped_ > 0 || size - pos_ > max_line_bytes_) {
      cut = waiting_cr ? size - 1 : size;
      dropped_ += cut - pos_;
    }
    // Only the unfinished line moves to the front.
    if (cut > 0) {
      std::memmove(buf_.data(), buf_.data() + cut, end_ - cut);
      end_ -= cut;
    }
    scanned -= cut;
    pos_ = 0;
    Result<bool> more = fill();
    if (!more.is_ok()) return more.status();
  }
}

}  // namespace echotrace::internal
