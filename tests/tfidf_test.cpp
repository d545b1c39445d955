#include <echotrace/similarity.h>
#include <echotrace/tfidf.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "internal/csv.h"
#include "test_util.h"

namespace echotrace {
namespace {

std::vector<TokenizedText> seed_tokens(std::vector<std::string>* ids) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(testing::source_dir() / "corpus/seeds")) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<TokenizedText> out;
  for (const auto& f : files) {
    ids->push_back(f.stem().string());
    out.push_back(tokenize(testing::read_file(f)));
  }
  return out;
}

// Compares with scikit-learn's TfidfVectorizer on the raw seeds; see
// tests/golden/tfidf/make_golden.py for the exact settings and tokenizer.
void expect_matches_sklearn(const std::string& golden_name, const TfidfOptions& options) {
  std::vector<std::string> ids;
  const std::vector<TokenizedText> docs = seed_tokens(&ids);
  const Result<TfidfModel> model = TfidfModel::fit(docs, options);
  ASSERT_TRUE(model.is_ok()) << model.status().to_string();
  const DenseMatrix cos = cosine_matrix(model->transform(docs), 1);

  const std::string path = (testing::source_dir() / "tests/golden/tfidf" / golden_name).string();
  const auto rows = internal::parse_csv(testing::read_file(path), path);
  ASSERT_TRUE(rows.is_ok());
  ASSERT_EQ(rows->size(), ids.size() + 1);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto& f = (*rows)[i + 1].fields;
    ASSERT_EQ(f[0], ids[i]);
    EXPECT_EQ(std::stoul(f[1]), model->terms().size()) << "vocabulary size";
    for (std::size_t j = 0; j < ids.size(); ++j) {
      EXPECT_NEAR(cos.at(i, j), std::stod(f[2 + j]), 1e-6) << ids[i] << " x " << ids[j];
    }
  }
}

TEST(Tfidf, SeedCosineEqualsScikitLearnDefaults) {
  ASSERT_NO_FATAL_FAILURE(expect_matches_sklearn("seeds_default.csv", {}));
}

TEST(Tfidf, SeedCosineEqualsScikitLearnWithBigramsSublinearAndDfLimits) {
  TfidfOptions o;
  o.ngram_min = 1;
  o.ngram_max = 2;
  o.sublinear_tf = true;
  o.min_df = 2;
  o.max_df = 0.9;
  ASSERT_NO_FATAL_FAILURE(expect_matches_sklearn("seeds_options.csv", o));
}

TEST(Tfidf, WeightsFollowTheSmoothIdfFormula) {
  const std::vector<TokenizedText> docs{tokenize("a a b"), tokenize("b c")};
  const Result<TfidfModel> m = TfidfModel::fit(docs, {});
  ASSERT_TRUE(m.is_ok());
  EXPECT_EQ(m->terms(), (std::vector<std::string>{"a", "b", "c"}));
  const double idf_a = std::log(3.0 / 2.0) + 1, idf_b = 1.0;  // ln((1+n)/(1+df)) + 1
  EXPECT_DOUBLE_EQ(m->idf()[0], idf_a);
  EXPECT_DOUBLE_EQ(m->idf()[1], idf_b);
  const SparseRows x = m->transform(docs);
  const double norm = std::sqrt(4 * idf_a * idf_a + idf_b * idf_b);
  EXPECT_NEAR(x.coeff(0, 0), 2 * idf_a / norm, 1e-12);
  EXPECT_NEAR(x.coeff(0, 1), idf_b / norm, 1e-12);
  EXPECT_EQ(x.coeff(0, 2), 0.0);
}

TEST(Tfidf, RejectsBadOptions) {
  TfidfOptions o;
  o.max_df = 0;
  EXPECT_EQ(TfidfModel::fit({}, o).status().code(), StatusCode::kInvalidArgument);
  o = {};
  o.ngram_min = 3;
  o.ngram_max = 2;
  EXPECT_EQ(TfidfModel::fit({}, o).status().code(), StatusCode::kInvalidArgument);
}

TEST(Tfidf, TransformIsIdenticalForAnyThreadCount) {
  std::vector<std::string> ids;
  const std::vector<TokenizedText> docs = seed_tokens(&ids);
  const Result<TfidfModel> m = TfidfModel::fit(docs, {});
  ASSERT_TRUE(m.is_ok());
  const SparseRows one = m->transform(docs, 1), many = m->transform(docs, 8);
  ASSERT_EQ(one.nonZeros(), many.nonZeros());
  EXPECT_TRUE(one.isApprox(many, 0.0));
  EXPECT_EQ(std::memcmp(one.valuePtr(), many.valuePtr(), sizeof(double) * one.nonZeros()), 0);
}

}  // namespace
}  // namespace echotrace

namespace echotrace {
namespace {

// Document frequencies are counted in one table per thread and merged, and
// spellings read back by the thread that holds each term's first document:
// the vocabulary, its order and every weight must not depend on the split.
TEST(Tfidf, FitTransformIsIdenticalForAnyThreadCount) {
  std::vector<std::string> ids;
  const std::vector<TokenizedText> docs = seed_tokens(&ids);
  const TfidfOptions o{.min_df = 2, .ngram_max = 2};
  const Result<TfidfModel::Fitted> one = TfidfModel::fit_transform(docs, o, 1);
  ASSERT_TRUE(one.is_ok());
  for (int threads : {2, 3, 8}) {
    const Result<TfidfModel::Fitted> many = TfidfModel::fit_transform(docs, o, threads);
    ASSERT_TRUE(many.is_ok());
    EXPECT_EQ(one->model.terms(), many->model.terms()) << threads;
    EXPECT_EQ(one->model.idf(), many->model.idf()) << threads;
    ASSERT_EQ(one->rows.nonZeros(), many->rows.nonZeros()) << threads;
    EXPECT_EQ(std::memcmp(one->rows.valuePtr(), many->rows.valuePtr(), sizeof(double) * one->rows.nonZeros()),
              0);
    EXPECT_EQ(std::memcmp(one->rows.outerIndexPtr(), many->rows.outerIndexPtr(),
                          sizeof(std::int64_t) * (docs.size() + 1)),
              0);
  }
  EXPECT_GT(one->model.terms().size(), 100u);
  EXPECT_TRUE(std::is_sorted(one->model.terms().begin(), one->model.terms().end()));
}

TEST(Tfidf, FitTransformEqualsFitThenTransform) {
  std::vector<std::string> ids;
  const std::vector<TokenizedText> docs = seed_tokens(&ids);
  for (const TfidfOptions& o : {TfidfOptions{}, TfidfOptions{.sublinear_tf = true, .min_df = 2, .ngram_max = 2}}) {
    const Result<TfidfModel> m = TfidfModel::fit(docs, o);
    const Result<TfidfModel::Fitted> f = TfidfModel::fit_transform(docs, o, 2);
    ASSERT_TRUE(m.is_ok() && f.is_ok());
    EXPECT_EQ(m->terms(), f->model.terms());
    EXPECT_EQ(m->idf(), f->model.idf());
    const SparseRows x = m->transform(docs);
    ASSERT_EQ(x.nonZeros(), f->rows.nonZeros());
    EXPECT_EQ(std::memcmp(x.valuePtr(), f->rows.valuePtr(), sizeof(double) * x.nonZeros()), 0);
    EXPECT_EQ(std::memcmp(x.innerIndexPtr(), f->rows.innerIndexPtr(), sizeof(std::int64_t) * x.nonZeros()), 0);
  }
}

}  // namespace
}  // namespace echotrace
