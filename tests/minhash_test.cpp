#include <echotrace/minhash.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace echotrace {
namespace {

std::vector<std::uint32_t> values(const Signature& s) { return {s.values().begin(), s.values().end()}; }

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
  // The low 32 bits of the 64-bit minima pinned before signatures kept 32 bits
  // (0x006920c700e8540a, 0x21900aa110547866, ...): the bins themselves did not change.
  const std::vector<std::uint32_t> expected{0x00e8540aU, 0x10547866U, 0x79dacef5U, 0x17ce679dU,
                                            0x738ec411U, 0x79dacef5U, 0xb1f357b3U, 0xe9011f66U};
  EXPECT_EQ(values(sig), expected);
}


// The AVX-512 bin update (used where the CPU has it) gives the same
// signatures as the scalar loop, for any length (the vector loop's tail
// included) and any K, also K not a power of two.
TEST(MinHash, VectorUnitGivesTheScalarSignatures) {
  std::mt19937_64 rng(23);
  for (int k : {1, 7, 128, 300}) {
    const MinHasher wide({.num_perm = k, .seed = 5, .vector_unit = true}, {});
    const MinHasher scalar({.num_perm = k, .seed = 5, .vector_unit = false}, {});
    for (std::size_t n : {0, 1, 7, 8, 9, 15, 16, 17, 100, 1001}) {
      std::vector<std::uint64_t> h(n);
      for (auto& v : h) v = rng();
      if (n > 3) h[n - 1] = ~std::uint64_t{0};  // extreme values too
      if (n > 4) h[n - 2] = 0;
      EXPECT_EQ(values(wide.sketch(h)), values(scalar.sketch(h))) << "k " << k << " n " << n;
    }
  }
}

// A SignatureSet's rows are the signatures sketch() makes, across block
// boundaries (512 values per row: 512 rows per 2 MiB block) and for empty sets.
TEST(SignatureSet, SketchIntoEqualsSketchAcrossBlocks) {
  std::mt19937_64 rng(17);
  const MinHasher hasher({.num_perm = 512, .seed = 9}, {});
  SignatureSet set(hasher.params());
  std::vector<Signature> expected;
  const std::size_t n = 1300;
  set.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::uint64_t> h(i % 7 == 0 ? 0 : 1 + i % 300);
    for (auto& v : h) v = rng();
    hasher.sketch_into(h, set, i);
    expected.push_back(hasher.sketch(h));
  }
  ASSERT_EQ(set.size(), n);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_EQ(set.empty_set(i), i % 7 == 0) << i;
    EXPECT_EQ(values(set.at(i)), values(expected[i])) << i;
  }
  for (std::size_t a = 0; a + 1 < n; a += 97) {
    EXPECT_EQ(estimate_jaccard_unchecked(set, a, a + 1), estimate_jaccard_unchecked(expected[a], expected[a + 1]));
  }
}

TEST(SignatureSet, RegrownRowsAreEmptyZerosAndCopiesAreDeep) {
  const MinHasher hasher({.num_perm = 16, .seed = 2}, {});
  SignatureSet set(hasher.params());
  for (int i = 0; i < 5; ++i) set.push_back(hasher.sketch(std::vector<std::uint64_t>{1, 2, 3, std::uint64_t(i)}));
  const SignatureSet copy = set;
  set.resize(2);
  set.resize(5);
  for (std::size_t i = 2; i < 5; ++i) {
    EXPECT_TRUE(set.empty_set(i));
    for (std::uint64_t v : set.values(i)) EXPECT_EQ(v, 0u);
    EXPECT_FALSE(copy.empty_set(i));
    EXPECT_EQ(values(copy.at(i)), values(hasher.sketch(std::vector<std::uint64_t>{1, 2, 3, i})));
  }
  EXPECT_EQ(values(copy.at(0)), values(set.at(0)));
}

}  // namespace
}  // namespace echotrace
