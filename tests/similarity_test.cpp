#include <echotrace/similarity.h>
#include <gtest/gtest.h>

namespace echotrace {
namespace {

TEST(Similarity, MatricesAreSymmetricWithUnitDiagonal) {
  const std::vector<std::string> texts{
      "one two three four five six seven eight", "one two three four five six seven nine",
      "completely different words in this short text", "tiny"};
  std::vector<TokenizedText> tokens;
  std::vector<std::vector<std::uint64_t>> sets;
  std::vector<Signature> sigs;
  const MinHasher hasher({}, {});
  for (const auto& t : texts) {
    tokens.push_back(tokenize(t));
    sets.push_back(shingle_set(tokens.back(), {}));
    sigs.push_back(hasher.sketch(sets.back()));
  }
  const DenseMatrix jac = exact_jaccard_matrix(sets, 2);
  const DenseMatrix est = minhash_matrix(sigs, 2);
  const DenseMatrix cos = cosine_matrix(TfidfModel::fit(tokens, {})->transform(tokens), 2);
  for (const DenseMatrix* m : {&jac, &est, &cos}) {
    ASSERT_EQ(m->n, 4u);
    for (std::size_t i = 0; i < 4; ++i) {
      for (std::size_t j = 0; j < 4; ++j) EXPECT_EQ(m->at(i, j), m->at(j, i));
    }
    EXPECT_DOUBLE_EQ(m->at(0, 0), 1.0);
  }
  // Shingles of 0 and 1: 4 each, 3 shared -> 3 / 5.
  EXPECT_DOUBLE_EQ(jac.at(0, 1), 3.0 / 5.0);
  EXPECT_DOUBLE_EQ(jac.at(0, 2), 0.0);
  // "tiny" has no 5-shingle: 0 everywhere in the Jaccard matrices, itself included.
  EXPECT_DOUBLE_EQ(jac.at(3, 3), 0.0);
  EXPECT_DOUBLE_EQ(est.at(3, 3), 0.0);
  EXPECT_NEAR(cos.at(3, 3), 1.0, 1e-12);  // but it has a word, so a TF-IDF vector
}

TEST(Similarity, AllPairsStrongestFirst) {
  DenseMatrix est{3, {1, .2, .9, .2, 1, .5, .9, .5, 1}};
  DenseMatrix jac{3, {1, .1, .8, .1, 1, .1, .8, .1, 1}};
  DenseMatrix cos{3, {1, .3, .7, .3, 1, .6, .7, .6, 1}};
  const auto pairs = all_pairs(est, jac, cos);
  ASSERT_EQ(pairs.size(), 3u);
  EXPECT_EQ(pairs[0].a, 0u);
  EXPECT_EQ(pairs[0].b, 2u);
  // Equal Jaccard: the higher cosine comes first.
  EXPECT_EQ(pairs[1].a, 1u);
  EXPECT_EQ(pairs[1].b, 2u);
  EXPECT_DOUBLE_EQ(pairs[2].cosine, 0.3);
}

}  // namespace
}  // namespace echotrace
