#include <echotrace/minhash.h>

#include <limits>

#include "internal/assert.h"
#include "internal/hash.h"

namespace echotrace {
namespace {
constexpr std::uint64_t kEmptyBin = std::numeric_limits<std::uint64_t>::max();
// Domain separators so the mixing and probing streams are independent.
constexpr std::uint64_t kMixDomain = 0x6d696e68617368ULL;    // "minhash"
constexpr std::uint64_t kProbeDomain = 0x70726f6265ULL;      // "probe"
// Probes per bin kept in MinHasher::probes_; with a few empty bins, almost
// every search ends within them (later probes are computed as before).
constexpr std::uint32_t kCachedProbes = 4;

// Bin probed at `attempt` (1, 2, ...) when bin `i` of `k` is empty.
std::uint32_t probe(std::uint64_t probe_key, std::uint32_t i, std::uint64_t attempt, std::uint32_t k) {
  return internal::fast_range(internal::mix64(probe_key ^ (static_cast<std::uint64_t>(i) << 32 | attempt)),
                              k);
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
  const std::uint32_t k = params_.num_perm;
  probes_.resize(static_cast<std::size_t>(k) * kCachedProbes);
  for (std::uint32_t i = 0; i < k; ++i) {
    for (std::uint32_t a = 0; a < kCachedProbes; ++a)
      probes_[i * kCachedProbes + a] = probe(probe_key_, i, a + 1, k);
  }
}

Signature MinHasher::sketch(std::span<const std::uint64_t> shingle_hashes) const {
  const std::uint32_t k = params_.num_perm;
  std::vector<std::uint64_t> bins(k, kEmptyBin);
  // kEmptyBin doubles as "empty"; a real x equal to it (probability 2^-64) would
  // merely be densified over, which leaves the estimator unbiased.
  for (std::uint64_t h : shingle_hashes) {
    const std::uint64_t x = internal::mix64(h ^ mix_key_);
    const std::uint32_t b = internal::fast_range(x, k);
    // Unconditional store of the minimum (a conditional move): with a couple
    // of shingles per bin, "is x smaller?" is a coin flip the branch
    // predictor keeps losing.
    const std::uint64_t old = bins[b];
    bins[b] = x < old ? x : old;
  }
  if (shingle_hashes.empty()) return Signature(params_, std::vector<std::uint64_t>(k, 0), true);

  // Optimal densification: each empty bin i probes bins j = P(i, 1), P(i, 2), ...
  // (a sequence fixed by the seed alone) and copies the first bin that was
  // non-empty before densification began (tracked in `filled`).
  // Byte flags, not std::vector<bool>: these two passes over all K bins cost
  // more than the probes themselves when packed into bits.
  // The empty bins are listed without a branch per bin (which bins are empty
  // is a coin toss the predictor loses), and each takes the first filled bin
  // among its cached probes without a branch per probe.
  std::vector<std::uint8_t> filled(k);
  std::vector<std::uint32_t> empties(k);
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
  return Signature(params_, std::move(bins), false);
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

double estimate_jaccard_unchecked(const Signature& a, const Signature& b) {
  ECHOTRACE_ASSERT(a.values().size() == b.values().size());
  if (a.empty_set() || b.empty_set()) return 0.0;
  const auto va = a.values();
  const auto vb = b.values();
  std::size_t equal = 0;
  for (std::size_t i = 0; i < va.size(); ++i) equal += (va[i] == vb[i]);
  return static_cast<double>(equal) / static_cast<double>(va.size());
}

}  // namespace echotrace
