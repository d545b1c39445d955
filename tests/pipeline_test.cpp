#include <echotrace/pipeline.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace echotrace {
namespace {

using testing::read_file;
using testing::TempDir;

Corpus seeds() {
  Result<Corpus> c = read_corpus(testing::source_dir() / "corpus/seeds");
  EXPECT_TRUE(c.is_ok());
  return std::move(c).value();
}

TEST(Pipeline, MatricesAreBitIdenticalForAnyThreadCount) {
  const Corpus corpus = seeds();
  PipelineOptions one;
  one.threads = 1;
  const Result<Analysis> a = analyze(corpus, one);
  ASSERT_TRUE(a.is_ok()) << a.status().to_string();
  for (int threads : {2, 8}) {
    PipelineOptions o;
    o.threads = threads;
    const Result<Analysis> b = analyze(corpus, o);
    ASSERT_TRUE(b.is_ok());
    EXPECT_EQ(a->minhash.values, b->minhash.values);
    EXPECT_EQ(a->jaccard.values, b->jaccard.values);
    EXPECT_EQ(a->cosine.values, b->cosine.values);
  }
}

TEST(Pipeline, OutputsAreByteIdenticalAcrossRunsAndThreadCounts) {
  const Corpus corpus = seeds();
  TempDir dir;
  const char* files[] = {"minhash_jaccard.csv", "minhash_jaccard.npy", "exact_jaccard.csv", "exact_jaccard.npy",
                         "tfidf_cosine.csv",    "tfidf_cosine.npy",    "pairs.tsv"};
  for (int threads : {1, 2, 8}) {
    PipelineOptions o;
    o.threads = threads;
    const Result<Analysis> a = analyze(corpus, o);
    ASSERT_TRUE(a.is_ok());
    const auto out = dir.path() / std::to_string(threads);
    ASSERT_TRUE(write_analysis(*a, corpus, o, out).is_ok());
    ASSERT_TRUE(std::filesystem::exists(out / "run.json"));
    if (threads == 1) continue;
    for (const char* f : files) EXPECT_EQ(read_file(out / f), read_file(dir.path() / "1" / f)) << f;
  }
}

TEST(Pipeline, SeedMatricesHaveTheExpectedShapeAndRange) {
  const Corpus corpus = seeds();
  const Result<Analysis> a = analyze(corpus, {});
  ASSERT_TRUE(a.is_ok());
  ASSERT_EQ(a->ids.size(), 5u);
  EXPECT_EQ(a->pairs.size(), 10u);
  for (const DenseMatrix* m : {&a->minhash, &a->jaccard, &a->cosine}) {
    ASSERT_EQ(m->n, 5u);
    for (double v : m->values) {
      EXPECT_GE(v, 0.0);
      EXPECT_LE(v, 1.0);
    }
  }
  // The estimate stays within 4 sigma of exact Jaccard (sigma <= 0.045 at K=128).
  for (std::size_t i = 0; i < 25; ++i) EXPECT_NEAR(a->minhash.values[i], a->jaccard.values[i], 0.18);
}

TEST(Pipeline, RejectsEmptyCorporaAndBadOptions) {
  Corpus empty;
  empty.source = "nothing";
  EXPECT_EQ(analyze(empty, {}).status().code(), StatusCode::kInvalidArgument);
  PipelineOptions o;
  o.shingle.k = 0;
  EXPECT_EQ(analyze(seeds(), o).status().code(), StatusCode::kInvalidArgument);
  o = {};
  o.dense_limit = 4;
  const auto big = analyze(seeds(), o);
  ASSERT_FALSE(big.is_ok());
  EXPECT_NE(big.status().message().find("dense-matrix limit"), std::string::npos);
}

TEST(Pipeline, ShortDocumentsAreReported) {
  Corpus c;
  c.documents.push_back({.id = "long", .text = "one two three four five six", .origin = "x:1"});
  c.documents.push_back({.id = "short", .text = "one two", .origin = "x:2"});
  const Result<Analysis> a = analyze(c, {});
  ASSERT_TRUE(a.is_ok());
  ASSERT_EQ(a->diagnostics.size(), 1u);
  EXPECT_EQ(a->diagnostics[0].where, "x:2");
  EXPECT_DOUBLE_EQ(a->jaccard.at(1, 1), 0.0);
  EXPECT_DOUBLE_EQ(a->jaccard.at(0, 0), 1.0);
}

}  // namespace
}  // namespace echotrace
