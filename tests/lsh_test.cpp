#include <echotrace/lsh.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace echotrace {
namespace {

// Reference values from the same objective computed independently in Python
// (numpy trapezoid integration over 2,000 steps, the search datasketch does).
TEST(Lsh, ChoosesBandsAndRowsLikeDatasketch) {
  LshOptions balanced;
  balanced.false_positive_weight = 0.5;
  balanced.false_negative_weight = 0.5;
  balanced.threshold = 0.5;
  EXPECT_EQ(choose_lsh_params(balanced, 128).bands, 25);
  EXPECT_EQ(choose_lsh_params(balanced, 128).rows, 5);
  balanced.threshold = 0.8;
  EXPECT_EQ(choose_lsh_params(balanced, 128).bands, 9);
  EXPECT_EQ(choose_lsh_params(balanced, 128).rows, 13);
  LshOptions recall;  // defaults: 0.02 / 0.98
  recall.threshold = 0.5;
  EXPECT_EQ(choose_lsh_params(recall, 128).bands, 34);
  EXPECT_EQ(choose_lsh_params(recall, 128).rows, 3);
  recall.threshold = 0.8;
  EXPECT_EQ(choose_lsh_params(recall, 128).bands, 17);
  EXPECT_EQ(choose_lsh_params(recall, 128).rows, 7);
  LshOptions fixed;
  fixed.bands = 4;
  fixed.rows = 2;
  EXPECT_EQ(choose_lsh_params(fixed, 128).bands, 4);
}

TEST(Lsh, ValidatesOptions) {
  LshOptions o;
  o.bands = 20;
  o.rows = 10;
  EXPECT_EQ(validate(o, 128).code(), StatusCode::kInvalidArgument);
  o = {};
  o.threshold = 1.0;
  EXPECT_EQ(validate(o, 128).code(), StatusCode::kInvalidArgument);
  o = {};
  o.bands = 3;
  EXPECT_EQ(validate(o, 128).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(validate(LshOptions{}, 128).is_ok());
}

// Pairs of random sets at a chosen Jaccard similarity become candidates at the
// rate of the S-curve 1 − (1 − J^r)^b. With 400 pairs per level, the observed
// rate's standard deviation is at most 0.025; we allow 4 of them (0.1), since
// the MinHash bins only approximate independent J-coin flips.
TEST(Lsh, CandidateRateFollowsTheBandingCurve) {
  std::mt19937_64 rng(99);
  const MinHasher hasher({.num_perm = 128, .seed = 3}, {});
  const LshParams p{16, 4};
  for (double target : {0.2, 0.4, 0.5, 0.6, 0.8}) {
    SignatureSet sigs(hasher.params());
    double j_sum = 0;
    const int pairs = 400;
    for (int i = 0; i < pairs; ++i) {
      const std::size_t uni = 600, shared = static_cast<std::size_t>(std::lround(target * uni));
      std::vector<std::uint64_t> a, b;
      for (std::size_t s = 0; s < shared; ++s) {
        const auto v = rng();
        a.push_back(v);
        b.push_back(v);
      }
      for (std::size_t s = shared; s < uni; ++s) (s % 2 ? a : b).push_back(rng());
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      j_sum += exact_jaccard(a, b);
      sigs.push_back(hasher.sketch(a));
      sigs.push_back(hasher.sketch(b));
    }
    const auto cands = candidate_pairs(sigs, p, 0, 2);
    int hits = 0;
    for (const auto& [x, y] : cands) hits += (y == x + 1 && x % 2 == 0);
    const double expected = candidate_probability(j_sum / pairs, p);
    EXPECT_NEAR(static_cast<double>(hits) / pairs, expected, 0.1) << "J = " << j_sum / pairs;
  }
}

TEST(Lsh, CandidatesAreSortedDistinctAndThreadIndependent) {
  std::mt19937_64 rng(5);
  const MinHasher hasher({}, {});
  SignatureSet sigs(hasher.params());
  std::vector<std::uint64_t> base;
  for (int i = 0; i < 300; ++i) base.push_back(rng());
  for (int d = 0; d < 200; ++d) {
    std::vector<std::uint64_t> s = base;
    for (int e = 0; e < d % 40; ++e) s[static_cast<std::size_t>(rng() % s.size())] = rng();
    sigs.push_back(hasher.sketch(s));
  }
  sigs.push_back(hasher.sketch({}));  // empty: never a candidate
  const LshParams p = choose_lsh_params({}, 128);
  const auto one = candidate_pairs(sigs, p, 0, 1);
  EXPECT_EQ(one, candidate_pairs(sigs, p, 0, 8));
  ASSERT_FALSE(one.empty());
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_LT(one[i].first, one[i].second);
    EXPECT_NE(one[i].second, 200u);
    if (i > 0) {
      EXPECT_LT(one[i - 1], one[i]);
    }
  }
}

TEST(Lsh, OversizedBucketsBecomeStars) {
  const MinHasher hasher({}, {});
  const std::vector<std::uint64_t> same{1, 2, 3, 4, 5, 6, 7, 8};
  SignatureSet sigs(hasher.params());
  for (int i = 0; i < 50; ++i) sigs.push_back(hasher.sketch(same));
  CandidateStats stats;
  const auto all = candidate_pairs(sigs, {8, 16}, 0, 2, &stats);
  EXPECT_EQ(all.size(), 50u * 49 / 2);
  EXPECT_EQ(stats.oversized_buckets, 0u);
  const auto star = candidate_pairs(sigs, {8, 16}, 10, 2, &stats);
  EXPECT_EQ(star.size(), 49u);  // document 0 with each other one
  EXPECT_EQ(stats.oversized_buckets, 8u);
  for (const auto& [a, b] : star) EXPECT_EQ(a, 0u);
}

}  // namespace
}  // namespace echotrace
