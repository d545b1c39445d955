#include <echotrace/minhash.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace echotrace {
namespace {

std::vector<std::uint64_t> values(const Signature& s) { return {s.values().begin(), s.values().end()}; }

struct SetPair {
  std::vector<std::uint64_t> a, b;
  double jaccard;  // exact, from exact_jaccard()
};

// Two random sets with a chosen overlap: `shared` common elements plus
// `only_a` and `only_b` private ones, drawn as random 64-bit values.
SetPair make_pair(std::mt19937_64& rng, std::size_t shared, std::size_t only_a, std::size_t only_b) {
  SetPair p;
  for (std::size_t i = 0; i < shared; ++i) {
    const std::uint64_t v = rng();
    p.a.push_back(v);
    p.b.push_back(v);
  }
  for (std::size_t i = 0; i < only_a; ++i) p.a.push_back(rng());
  for (std::size_t i = 0; i < only_b; ++i) p.b.push_back(rng());
  std::sort(p.a.begin(), p.a.end());
  std::sort(p.b.begin(), p.b.end());
  p.jaccard = exact_jaccard(p.a, p.b);
  return p;
}

struct Accuracy {
  double mae = 0;            // mean |estimate - J|
  double expected_mae = 0;   // mean of sqrt(2/pi) * sigma, sigma = sqrt(J(1-J)/K)
  double bias = 0;           // mean (estimate - J)
  double bias_sd = 0;        // standard deviation of that mean
  double beyond_3sigma = 0;  // share of pairs with 0 < J < 1 outside J ± 3 sigma
};

Accuracy measure(std::size_t pairs, std::size_t min_union, std::size_t max_union, int k, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const MinHasher hasher({.num_perm = k, .seed = seed}, {});
  Accuracy acc;
  double var_sum = 0;
  std::size_t interior = 0, outside = 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    const std::size_t u = min_union + rng() % (max_union - min_union + 1);
    const std::size_t shared = rng() % (u + 1);
    const std::size_t only_a = (u - shared) == 0 ? 0 : rng() % (u - shared + 1);
    const SetPair p = make_pair(rng, shared, only_a, u - shared - only_a);
    const double est = *estimate_jaccard(hasher.sketch(p.a), hasher.sketch(p.b));
    const double var = p.jaccard * (1 - p.jaccard) / k;
    const double err = est - p.jaccard;
    acc.mae += std::abs(err);
    acc.expected_mae += std::sqrt(2 / M_PI) * std::sqrt(var);
    acc.bias += err;
    var_sum += var;
    if (p.jaccard > 0 && p.jaccard < 1) {
      ++interior;
      if (std::abs(err) > 3 * std::sqrt(var)) ++outside;
    }
  }
  const double n = static_cast<double>(pairs);
  acc.mae /= n;
  acc.expected_mae /= n;
  acc.bias /= n;
  acc.bias_sd = std::sqrt(var_sum) / n;
  acc.beyond_3sigma = static_cast<double>(outside) / static_cast<double>(interior);
  return acc;
}

// 2,000 pairs of sets of 512..4,096 elements (at least 4K, the regime of news
// articles of a few hundred words and more), J spread over [0, 1], K = 128.
// Bounds, with sigma = sqrt(J(1-J)/K), the standard deviation of K independent
// permutations, which one-permutation hashing matches or beats:
//  - MAE <= 1.15 x its normal-theory expectation sqrt(2/pi)·sigma: the sample
//    MAE of 2,000 pairs has a relative spread of about 1.7 %, so 15 % is far
//    outside chance yet catches a variance that is 30 % too large;
//  - share beyond 3 sigma <= 1 % (0.27 % for a normal; binomial tails at
//    extreme J are a little heavier);
//  - |mean error| <= 4 standard deviations of the mean: the estimator is unbiased.
TEST(MinHash, EstimatesMatchExactJaccardOnLargeSets) {
  const Accuracy acc = measure(2000, 512, 4096, 128, 20261124);
  EXPECT_LE(acc.mae, 1.15 * acc.expected_mae) << "expected about " << acc.expected_mae;
  EXPECT_LE(acc.beyond_3sigma, 0.01);
  EXPECT_LE(std::abs(acc.bias), 4 * acc.bias_sd);
  EXPECT_GT(acc.mae, 0.5 * acc.expected_mae);  // an estimator this good would be suspicious
}

// Short documents (10..100 shingles, fewer than K = 128) fill most bins by
// densification: still unbiased, with a variance allowed to be up to 1.5x
// larger (MAE up to 1.5 x the independent-permutation expectation).
TEST(MinHash, DensifiedEstimatesOfSmallSetsAreUnbiased) {
  const Accuracy acc = measure(2000, 10, 100, 128, 7);
  EXPECT_LE(acc.mae, 1.5 * acc.expected_mae) << "expected about " << acc.expected_mae;
  EXPECT_LE(std::abs(acc.bias), 4 * acc.bias_sd);
}

TEST(MinHash, IdenticalAndDisjointSets) {
  std::mt19937_64 rng(1);
  const MinHasher hasher({}, {});
  const SetPair same = make_pair(rng, 300, 0, 0);
  EXPECT_DOUBLE_EQ(*estimate_jaccard(hasher.sketch(same.a), hasher.sketch(same.b)), 1.0);
  const SetPair disjoint = make_pair(rng, 0, 300, 300);
  EXPECT_LE(*estimate_jaccard(hasher.sketch(disjoint.a), hasher.sketch(disjoint.b)), 0.03);
  // Order and repeats do not matter: a set, not a sequence.
  std::vector<std::uint64_t> shuffled = same.a;
  shuffled.insert(shuffled.end(), same.a.begin(), same.a.begin() + 50);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  EXPECT_EQ(values(hasher.sketch(shuffled)), values(hasher.sketch(same.a)));
}

TEST(MinHash, EmptySetResemblesNothing) {
  const MinHasher hasher({}, {});
  const Signature empty = hasher.sketch({});
  const std::vector<std::uint64_t> one{42};
  EXPECT_TRUE(empty.empty_set());
  EXPECT_DOUBLE_EQ(*estimate_jaccard(empty, empty), 0.0);
  EXPECT_DOUBLE_EQ(*estimate_jaccard(empty, hasher.sketch(one)), 0.0);
  EXPECT_DOUBLE_EQ(*estimate_jaccard(hasher.sketch(one), hasher.sketch(one)), 1.0);
}

TEST(MinHash, IncompatibleSignaturesAreRefused) {
  const std::vector<std::uint64_t> s{1, 2, 3};
  const Signature a = MinHasher({.num_perm = 64, .seed = 1}, {}).sketch(s);
  const Signature b = MinHasher({.num_perm = 64, .seed = 2}, {}).sketch(s);
  const Signature c = MinHasher({.num_perm = 32, .seed = 1}, {}).sketch(s);
  const Signature d = MinHasher({.num_perm = 64, .seed = 1}, {.k = 3}).sketch(s);
  for (const Signature* other : {&b, &c, &d}) {
    const Result<double> r = estimate_jaccard(a, *other);
    ASSERT_FALSE(r.is_ok());
    EXPECT_EQ(r.status().code(), StatusCode::kIncompatible);
  }
}

// Pinned signature of a fixed sentence: changes only on purpose (a new
// algorithm or mixer), in its own commit.
TEST(MinHash, GoldenSignature) {
  const TokenizedText t = tokenize(
      "MOSCOW, February 22. /TASS/. Russia will never put up with the presence of terrorists in "
      "Syria\u2019s Idlib governorate as there can be no truce with them");
  const Signature sig = MinHasher({.num_perm = 8, .seed = 1}, {.k = 5, .seed = 0}).sketch(shingle_set(t, {}));
  const std::vector<std::uint64_t> expected{0x006920c700e8540aULL, 0x21900aa110547866ULL, 0x49480e3279dacef5ULL,
                                            0x69e818db17ce679dULL, 0x8851a7c9738ec411ULL, 0x49480e3279dacef5ULL,
                                            0xcf03d087b1f357b3ULL, 0xe6ab827fe9011f66ULL};
  EXPECT_EQ(values(sig), expected);
}

}  // namespace
}  // namespace echotrace
