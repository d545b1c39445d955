#include <echotrace/minhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <limits>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "internal/assert.h"
#include "internal/hash.h"
#include "internal/huge_pages.h"

namespace echotrace {
namespace {
constexpr std::uint64_t kEmptyBin = std::numeric_limits<std::uint64_t>::max();
// Domain separators so the mixing and probing streams are independent.
constexpr std::uint64_t kMixDomain = 0x6d696e68617368ULL;    // "minhash"
constexpr std::uint64_t kProbeDomain = 0x70726f6265ULL;      // "probe"
// Probes per bin kept in MinHasher::probes_; with a few empty bins, almost
// every search ends within them (later probes are computed as before).
constexpr std::uint32_t kCachedProbes = 4;

// Densification's per-bin scratch lives on the stack up to this many bins.
constexpr std::uint32_t kStackBins = 1024;

// Bin probed at `attempt` (1, 2, ...) when bin `i` of `k` is empty.
std::uint32_t probe(std::uint64_t probe_key, std::uint32_t i, std::uint64_t attempt, std::uint32_t k) {
  return internal::fast_range(internal::mix64(probe_key ^ (static_cast<std::uint64_t>(i) << 32 | attempt)),
                              k);
}

// The bin update for every shingle: bins[b(x)] = min(bins[b(x)], x) with
// x = mix64(h ^ key) and b(x) = fast_range(x, k). Scalar version.
void update_bins_scalar(std::span<const std::uint64_t> hashes, std::uint64_t key, std::span<std::uint64_t> bins) {
  const auto k = static_cast<std::uint32_t>(bins.size());
  for (std::uint64_t h : hashes) {
    const std::uint64_t x = internal::mix64(h ^ key);
    const std::uint32_t b = internal::fast_range(x, k);
    // Unconditional store of the minimum (a conditional move): with a couple
    // of shingles per bin, "is x smaller?" is a coin flip the branch
    // predictor keeps losing.
    const std::uint64_t old = bins[b];
    bins[b] = x < old ? x : old;
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
// The same update with x and b computed for eight shingles at a time (AVX-512
// 64-bit multiplies); the minima are still taken one by one, since two of the
// eight may land in one bin. Bit-identical to update_bins_scalar: the same mix64,
// and fast_range's high 64 bits of x·k rebuilt from 32-bit products
// (k < 2^32): (x_hi·k + (x_lo·k >> 32)) >> 32.
// GCC 12's AVX-512 intrinsics start from an "undefined" register, which
// -Wmaybe-uninitialized reports inside the system header; nothing here is.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
__attribute__((target("avx512f,avx512dq"))) void update_bins_avx512(std::span<const std::uint64_t> hashes,
                                                                     std::uint64_t key,
                                                                     std::span<std::uint64_t> bins) {
  const auto k = static_cast<std::uint32_t>(bins.size());
  const __m512i vkey = _mm512_set1_epi64(static_cast<long long>(key));
  const __m512i c1 = _mm512_set1_epi64(static_cast<long long>(0xbf58476d1ce4e5b9ULL));
  const __m512i c2 = _mm512_set1_epi64(static_cast<long long>(0x94d049bb133111ebULL));
  const __m512i vk = _mm512_set1_epi64(k);
  alignas(64) std::uint64_t xs[8];
  alignas(64) std::uint64_t bs[8];
  std::size_t i = 0;
  const std::size_t n = hashes.size();
  for (; i + 8 <= n; i += 8) {
    __m512i x = _mm512_xor_si512(_mm512_loadu_si512(hashes.data() + i), vkey);
    x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 30));
    x = _mm512_mullo_epi64(x, c1);
    x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 27));
    x = _mm512_mullo_epi64(x, c2);
    x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 31));
    const __m512i lo = _mm512_mul_epu32(x, vk);                         // x_lo · k
    const __m512i hi = _mm512_mul_epu32(_mm512_srli_epi64(x, 32), vk);  // x_hi · k
    const __m512i b = _mm512_srli_epi64(_mm512_add_epi64(hi, _mm512_srli_epi64(lo, 32)), 32);
    _mm512_store_si512(xs, x);
    _mm512_store_si512(bs, b);
    for (int j = 0; j < 8; ++j) {
      const std::uint64_t old = bins[bs[j]];
      bins[bs[j]] = xs[j] < old ? xs[j] : old;
    }
  }
  update_bins_scalar(hashes.subspan(i), key, bins);
}
#pragma GCC diagnostic pop

bool cpu_has_avx512() { return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq"); }
#else
bool cpu_has_avx512() { return false; }
#endif

// The bin update, eight shingles at a time when `wide` (the CPU has AVX-512).
void update_bins(bool wide, std::span<const std::uint64_t> hashes, std::uint64_t key, std::span<std::uint64_t> bins) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (wide) {
    update_bins_avx512(hashes, key, bins);
    return;
  }
#endif
  (void)wide;
  update_bins_scalar(hashes, key, bins);
}

// k elements of scratch: in `stack` when they fit, else in `heap`.
template <typename T>
std::span<T> scratch(std::array<T, kStackBins>& stack, std::vector<T>& heap, std::uint32_t k) {
  if (k <= kStackBins) return {stack.data(), k};
  heap.resize(k);
  return heap;
}

}  // namespace

MinHasher::MinHasher(const MinHashOptions& options, const ShingleOptions& shingles) {
  ECHOTRACE_ASSERT(options.num_perm >= 1 && shingles.k >= 1);
  params_.num_perm = static_cast<std::uint32_t>(options.num_perm);
  params_.shingle_k = static_cast<std::uint32_t>(shingles.k);
  params_.shingle_seed = shingles.seed;
  params_.minhash_seed = options.seed;
  mix_key_ = internal::mix64(options.seed ^ kMixDomain);
  probe_key_ = internal::mix64(options.seed ^ kProbeDomain);
  wide_ = options.vector_unit && cpu_has_avx512();
  const std::uint32_t k = params_.num_perm;
  probes_.resize(static_cast<std::size_t>(k) * kCachedProbes);
  for (std::uint32_t i = 0; i < k; ++i) {
    for (std::uint32_t a = 0; a < kCachedProbes; ++a)
      probes_[i * kCachedProbes + a] = probe(probe_key_, i, a + 1, k);
  }
}

Signature MinHasher::sketch(std::span<const std::uint64_t> shingle_hashes) const {
  std::vector<std::uint32_t> values(params_.num_perm);
  const bool filled = sketch_values(shingle_hashes, values);
  return Signature(params_, std::move(values), !filled);
}

void MinHasher::sketch_into(std::span<const std::uint64_t> shingle_hashes, SignatureSet& out,
                            std::size_t row) const {
  ECHOTRACE_ASSERT(out.params() == params_ && row < out.size());
  out.set_empty_set(row, !sketch_values(shingle_hashes, out.mutable_values(row)));
}

bool MinHasher::sketch_values(std::span<const std::uint64_t> shingle_hashes, std::span<std::uint32_t> out) const {
  const std::uint32_t k = params_.num_perm;
  ECHOTRACE_ASSERT(out.size() == k);
  if (shingle_hashes.empty()) {
    std::fill(out.begin(), out.end(), 0);
    return false;
  }
  // The bins hold full 64-bit minima while they are formed; the signature
  // keeps their low 32 bits.
  std::array<std::uint64_t, kStackBins> bins_stack;
  std::vector<std::uint64_t> bins_heap;
  const std::span<std::uint64_t> bins = scratch(bins_stack, bins_heap, k);
  std::fill(bins.begin(), bins.end(), kEmptyBin);
  // kEmptyBin doubles as "empty"; a real x equal to it (probability 2^-64) would
  // merely be densified over, which leaves the estimator unbiased.
  update_bins(wide_, shingle_hashes, mix_key_, bins);

  // Optimal densification: each empty bin i probes bins j = P(i, 1), P(i, 2), ...
  // (a sequence fixed by the seed alone) and copies the first bin that was
  // non-empty before densification began (tracked in `filled`).
  // Byte flags, not std::vector<bool>: these two passes over all K bins cost
  // more than the probes themselves when packed into bits.
  // The empty bins are listed without a branch per bin (which bins are empty
  // is a coin toss the predictor loses), and each takes the first filled bin
  // among its cached probes without a branch per probe.
  std::array<std::uint8_t, kStackBins> filled_stack;
  std::array<std::uint32_t, kStackBins> empties_stack;
  std::vector<std::uint8_t> filled_heap;
  std::vector<std::uint32_t> empties_heap;
  const std::span<std::uint8_t> filled = scratch(filled_stack, filled_heap, k);
  const std::span<std::uint32_t> empties = scratch(empties_stack, empties_heap, k);
  std::uint32_t empty = 0;
  for (std::uint32_t i = 0; i < k; ++i) {
    const std::uint8_t f = bins[i] != kEmptyBin;
    filled[i] = f;
    empties[empty] = i;
    empty += 1u - f;
  }
  for (std::uint32_t e = 0; e < empty; ++e) {
    const std::uint32_t i = empties[e];
    const std::uint32_t* cached = probes_.data() + static_cast<std::size_t>(i) * kCachedProbes;
    std::uint32_t hits = 0;  // bit a: probe a + 1 lands on a filled bin
    for (std::uint32_t a = 0; a < kCachedProbes; ++a) hits |= std::uint32_t{filled[cached[a]]} << a;
    if (hits != 0) {
      bins[i] = bins[cached[__builtin_ctz(hits)]];
      continue;
    }
    for (std::uint64_t attempt = kCachedProbes + 1;; ++attempt) {
      const std::uint32_t j = probe(probe_key_, i, attempt, k);
      if (filled[j]) {
        bins[i] = bins[j];
        break;
      }
    }
  }
  for (std::uint32_t i = 0; i < k; ++i) out[i] = static_cast<std::uint32_t>(bins[i]);
  return true;
}

// ---- SignatureSet ----

struct SignatureSet::Block {
  internal::HugeBlock memory;
};

SignatureSet::SignatureSet() = default;

SignatureSet::SignatureSet(SketchParams params) : params_(params) {
  if (params_.num_perm == 0) return;
  // As many rows per block as fit in one huge page (a power of two, at least one).
  const std::size_t row_bytes = std::size_t{params_.num_perm} * sizeof(std::uint32_t);
  const std::size_t rows = std::max<std::size_t>(1, internal::kHugePageBytes / row_bytes);
  shift_ = static_cast<unsigned>(std::bit_width(rows) - 1);
  mask_ = (std::size_t{1} << shift_) - 1;
}

SignatureSet::SignatureSet(const SignatureSet& other) : SignatureSet(other.params_) {
  resize(other.size_);
  for (std::size_t i = 0; i < size_; ++i) std::ranges::copy(other.values(i), mutable_values(i).begin());
  empty_ = other.empty_;
}

SignatureSet& SignatureSet::operator=(const SignatureSet& other) {
  if (this != &other) *this = SignatureSet(other);
  return *this;
}

SignatureSet::SignatureSet(SignatureSet&& other) noexcept = default;
SignatureSet& SignatureSet::operator=(SignatureSet&& other) noexcept = default;
SignatureSet::~SignatureSet() = default;

void SignatureSet::resize(std::size_t n) {
  ECHOTRACE_ASSERT(params_.num_perm >= 1);
  const std::size_t rows_per_block = mask_ + 1;
  const std::size_t block_bytes = rows_per_block * params_.num_perm * sizeof(std::uint32_t);
  while (blocks_.size() * rows_per_block < n) {
    auto block = std::make_unique<Block>(Block{internal::HugeBlock(block_bytes)});
    base_.push_back(static_cast<std::uint32_t*>(block->memory.data()));
    blocks_.push_back(std::move(block));
  }
  // Rows below the high-water mark were written before a shrink: zero them
  // again, so a grown set reads as fresh rows do.
  for (std::size_t i = size_; i < std::min(n, high_water_); ++i) {
    std::ranges::fill(mutable_values(i), 0);
  }
  high_water_ = std::max(high_water_, n);
  size_ = n;
  empty_.resize(n, 1);
}

void SignatureSet::push_back(const Signature& s) {
  ECHOTRACE_ASSERT(s.params() == params_);
  resize(size_ + 1);
  std::ranges::copy(s.values(), mutable_values(size_ - 1).begin());
  set_empty_set(size_ - 1, s.empty_set());
}

Signature SignatureSet::at(std::size_t i) const {
  ECHOTRACE_ASSERT(i < size_);
  const auto v = values(i);
  return Signature(params_, std::vector<std::uint32_t>(v.begin(), v.end()), empty_set(i));
}

Status check_compatible(const SketchParams& a, const SketchParams& b) {
  auto differ = [](const char* what, std::uint64_t x, std::uint64_t y) {
    return incompatible(std::string("signatures differ in ") + what + " (" + std::to_string(x) +
                        " vs " + std::to_string(y) + ")");
  };
  if (a.num_perm != b.num_perm) return differ("num_perm", a.num_perm, b.num_perm);
  if (a.shingle_k != b.shingle_k) return differ("shingle size", a.shingle_k, b.shingle_k);
  if (a.shingle_seed != b.shingle_seed) return differ("shingle seed", a.shingle_seed, b.shingle_seed);
  if (a.minhash_seed != b.minhash_seed) return differ("minhash seed", a.minhash_seed, b.minhash_seed);
  return Status::ok();
}

Result<double> estimate_jaccard(const Signature& a, const Signature& b) {
  ECHOTRACE_RETURN_IF_ERROR(check_compatible(a.params(), b.params()));
  return estimate_jaccard_unchecked(a, b);
}

namespace {
double agreement(std::span<const std::uint32_t> va, std::span<const std::uint32_t> vb) {
  ECHOTRACE_ASSERT(va.size() == vb.size());
  std::size_t equal = 0;
  for (std::size_t i = 0; i < va.size(); ++i) equal += (va[i] == vb[i]);
  return static_cast<double>(equal) / static_cast<double>(va.size());
}
}  // namespace

double estimate_jaccard_unchecked(const Signature& a, const Signature& b) {
  if (a.empty_set() || b.empty_set()) return 0.0;
  return agreement(a.values(), b.values());
}

double estimate_jaccard_unchecked(const SignatureSet& signatures, std::size_t a, std::size_t b) {
  ECHOTRACE_ASSERT(a < signatures.size() && b < signatures.size());
  if (signatures.empty_set(a) || signatures.empty_set(b)) return 0.0;
  return agreement(signatures.values(a), signatures.values(b));
}

}  // namespace echotrace
