#include <echotrace/lsh.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "internal/assert.h"
#include "internal/hash.h"
#include "internal/threads.h"

namespace echotrace {
namespace {

// ∫ f over [a, b] by Simpson's rule; the integrands are smooth polynomials.
template <typename F>
double integrate(F f, double a, double b) {
  constexpr int kSteps = 256;  // even
  const double h = (b - a) / kSteps;
  double sum = f(a) + f(b);
  for (int i = 1; i < kSteps; ++i) sum += f(a + i * h) * (i % 2 == 1 ? 4.0 : 2.0);
  return sum * h / 3.0;
}

}  // namespace

Status validate(const LshOptions& o, int num_perm) {
  if (!(o.threshold > 0.0 && o.threshold < 1.0)) {
    return invalid_argument("LSH threshold must be in (0, 1), got " + std::to_string(o.threshold));
  }
  if (o.false_positive_weight < 0 || o.false_negative_weight < 0 ||
      o.false_positive_weight + o.false_negative_weight <= 0) {
    return invalid_argument("LSH weights must be non-negative and not both zero");
  }
  if ((o.bands > 0) != (o.rows > 0)) return invalid_argument("set both LSH bands and rows, or neither");
  if (o.bands < 0 || o.rows < 0) return invalid_argument("LSH bands and rows must be positive");
  if (o.bands > 0 && static_cast<long>(o.bands) * o.rows > num_perm) {
    return invalid_argument("LSH bands x rows (" + std::to_string(o.bands) + " x " + std::to_string(o.rows) +
                            ") exceeds num_perm " + std::to_string(num_perm));
  }
  return Status::ok();
}

double candidate_probability(double s, LshParams p) {
  return 1.0 - std::pow(1.0 - std::pow(s, p.rows), p.bands);
}

LshParams choose_lsh_params(const LshOptions& o, int num_perm) {
  if (o.bands > 0 && o.rows > 0) return {o.bands, o.rows};
  LshParams best{1, 1};
  double best_error = std::numeric_limits<double>::infinity();
  const double t = o.threshold;
  for (int b = 1; b <= num_perm; ++b) {
    for (int r = 1; r <= num_perm / b; ++r) {
      const LshParams p{b, r};
      const double fp = integrate([&](double s) { return candidate_probability(s, p); }, 0.0, t);
      const double fn = integrate([&](double s) { return 1.0 - candidate_probability(s, p); }, t, 1.0);
      const double error = o.false_positive_weight * fp + o.false_negative_weight * fn;
      if (error < best_error) {
        best_error = error;
        best = p;
      }
    }
  }
  return best;
}

std::vector<DocPair> candidate_pairs(const SignatureSet& signatures, LshParams params,
                                     std::uint32_t max_bucket_pairs_size, int threads, CandidateStats* stats) {
  ECHOTRACE_ASSERT(params.bands >= 1 && params.rows >= 1);
  const std::size_t n = signatures.size();
  ECHOTRACE_ASSERT(n < std::numeric_limits<std::uint32_t>::max());
  const std::size_t rows = static_cast<std::size_t>(params.rows);
  std::vector<std::vector<std::uint64_t>> per_band(static_cast<std::size_t>(params.bands));
  std::vector<std::uint64_t> oversized(per_band.size(), 0);

#pragma omp parallel num_threads(internal::resolve_threads(threads))
  {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keys;
#pragma omp for schedule(dynamic, 1)
    for (int band = 0; band < params.bands; ++band) {
      keys.clear();
      keys.reserve(n);
      const std::size_t first = static_cast<std::size_t>(band) * rows;
      for (std::size_t d = 0; d < n; ++d) {
        if (signatures.empty_set(d)) continue;
        ECHOTRACE_ASSERT(signatures.params().num_perm >= first + rows);
        const auto v = signatures.values(d).subspan(first, rows);
        const std::uint64_t h = internal::xxh3_64(
            std::string_view(reinterpret_cast<const char*>(v.data()), v.size_bytes()), static_cast<std::uint64_t>(band));
        keys.emplace_back(h, static_cast<std::uint32_t>(d));
      }
      std::sort(keys.begin(), keys.end());
      std::vector<std::uint64_t>& out = per_band[static_cast<std::size_t>(band)];
      for (std::size_t i = 0; i < keys.size();) {
        std::size_t j = i + 1;
        while (j < keys.size() && keys[j].first == keys[i].first) ++j;
        const std::size_t m = j - i;
        const bool star = max_bucket_pairs_size > 0 && m > max_bucket_pairs_size;
        if (star) ++oversized[static_cast<std::size_t>(band)];
        for (std::size_t x = i; x < j; ++x) {
          const std::size_t y_end = star ? (x == i ? j : x) : j;
          for (std::size_t y = x + 1; y < y_end; ++y) {
            out.push_back(static_cast<std::uint64_t>(keys[x].second) << 32 | keys[y].second);
          }
        }
        i = j;
      }
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    }
  }

  std::size_t total = 0;
  for (const auto& b : per_band) total += b.size();
  std::vector<std::uint64_t> all;
  all.reserve(total);
  for (auto& b : per_band) {
    all.insert(all.end(), b.begin(), b.end());
    std::vector<std::uint64_t>().swap(b);
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  std::vector<DocPair> pairs;
  pairs.reserve(all.size());
  for (std::uint64_t k : all) pairs.emplace_back(static_cast<std::uint32_t>(k >> 32), static_cast<std::uint32_t>(k));
  if (stats != nullptr) {
    stats->pairs = pairs.size();
    stats->oversized_buckets = 0;
    for (std::uint64_t o : oversized) stats->oversized_buckets += o;
  }
  return pairs;
}

}  // namespace echotrace
