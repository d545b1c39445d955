#include <echotrace/similarity.h>
#include <echotrace/io.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

namespace echotrace {
namespace {

TEST(Similarity, MatricesAreSymmetricWithUnitDiagonal) {
  const std::vector<std::string> texts{
      "one two three four five six seven eight", "one two three four five six seven nine",
      "completely different words in this short text", "tiny"};
  std::vector<TokenizedText> tokens;
  std::vector<std::vector<std::uint64_t>> sets;
  const MinHasher hasher({}, {});
  SignatureSet sigs(hasher.params());
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

namespace echotrace {
namespace {

std::vector<SimilarPair> brute_force_cosine(const SparseRows& rows, double t) {
  std::vector<SimilarPair> out;
  for (std::size_t a = 0; a < static_cast<std::size_t>(rows.rows()); ++a) {
    for (std::size_t b = a + 1; b < static_cast<std::size_t>(rows.rows()); ++b) {
      const double s = std::min(sparse_dot(rows, a, b), 1.0);
      if (s >= t) out.push_back({static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), s});
    }
  }
  return out;
}

void expect_same_pairs(const std::vector<SimilarPair>& x, const std::vector<SimilarPair>& y) {
  ASSERT_EQ(x.size(), y.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(x[i].a, y[i].a);
    EXPECT_EQ(x[i].b, y[i].b);
    EXPECT_EQ(x[i].score, y[i].score);  // bit-identical: the same canonical dot product
  }
}

// Documents drawn from a small Zipf-like vocabulary, with near-copies, so many
// pairs sit near every threshold.
std::vector<TokenizedText> synthetic_docs(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  for (std::size_t d = 0; d < n; ++d) {
    if (d > 0 && rng() % 4 == 0) {  // a near-copy of an earlier document
      std::string t = texts[rng() % texts.size()];
      t += " w" + std::to_string(rng() % 50);
      texts.push_back(t);
      continue;
    }
    std::string t;
    const std::size_t len = 5 + rng() % 60;
    for (std::size_t w = 0; w < len; ++w) {
      const double u = std::uniform_real_distribution<double>(0, 1)(rng);
      t += " w" + std::to_string(static_cast<int>(std::pow(300.0, u)));
    }
    texts.push_back(t);
  }
  std::vector<TokenizedText> out;
  for (const auto& t : texts) out.push_back(tokenize(t));
  return out;
}

TEST(CosinePairs, EqualBruteForceAtEveryThreshold) {
  const auto docs = synthetic_docs(600, 11);
  const SparseRows rows = TfidfModel::fit(docs, {})->transform(docs);
  for (double t : {0.1, 0.3, 0.5, 0.8, 0.95, 1.0}) {
    SCOPED_TRACE(t);
    const auto fast = cosine_pairs(rows, t, 2);
    ASSERT_NO_FATAL_FAILURE(expect_same_pairs(fast, brute_force_cosine(rows, t)));
    ASSERT_NO_FATAL_FAILURE(expect_same_pairs(fast, cosine_pairs(rows, t, 1)));
  }
}

TEST(CosinePairs, EqualBruteForceOnFiveThousandRealDocuments) {
  const auto path = std::filesystem::path(ECHOTRACE_SOURCE_DIR) / "../shared/corpora/scale_news.jsonl.zst";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "corpus not present: " << path;
  auto reader = JsonlReader::open(path);
  ASSERT_TRUE(reader.is_ok());
  std::vector<TokenizedText> docs;
  while (docs.size() < 5000) {
    auto d = (*reader)->next();
    ASSERT_TRUE(d.is_ok());
    if (!d->has_value()) break;
    docs.push_back(tokenize((**d).text));
  }
  const SparseRows rows = TfidfModel::fit(docs, {})->transform(docs, 2);
  const auto fast = cosine_pairs(rows, 0.5, 2);
  EXPECT_GT(fast.size(), 10u);
  ASSERT_NO_FATAL_FAILURE(expect_same_pairs(fast, brute_force_cosine(rows, 0.5)));
}

}  // namespace
}  // namespace echotrace
