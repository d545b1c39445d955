#include <echotrace/pipeline.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

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
  o.dense_limit = 4;  // no longer an error: the sparse path, with a diagnostic
  const auto big = analyze(seeds(), o);
  ASSERT_TRUE(big.is_ok());
  EXPECT_FALSE(big->dense);
  EXPECT_NE(big->diagnostics.at(0).message.find("dense-matrix limit"), std::string::npos);
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

namespace echotrace {
namespace {

// The same corpus through the dense path and the sparse (LSH + all-pairs
// cosine) path: the sparse pairs are exactly the dense pairs at or above a
// threshold (LSH could in principle miss a pair; with this fixed seed and
// these near-copies it does not), with identical scores.
TEST(Pipeline, SparseModeFindsTheThresholdedDensePairs) {
  Corpus c;
  const std::string base =
      "Russia will never put up with the presence of terrorists in Idlib governorate as there can be no truce "
      "with them the deputy foreign minister said in an interview on Saturday";
  const char* edits[] = {"", " yesterday", " and added more", " x y z", " quite different closing words here"};
  for (int i = 0; i < 5; ++i) {
    c.documents.push_back({.id = "copy" + std::to_string(i), .text = base + edits[i], .origin = "t"});
  }
  c.documents.push_back({.id = "other", .text = "Turkey is responsible for the ceasefire agreed in Sochi", .origin = "t"});
  c.documents.push_back({.id = "other2", .text = "Turkey is responsible for the ceasefire agreed in Sochi in May", .origin = "t"});
  PipelineOptions dense, sparse;
  dense.all_pairs_limit = 0;  // thresholded pair list in dense mode too
  sparse.dense_limit = 3;
  const Result<Analysis> d = analyze(c, dense), s = analyze(c, sparse);
  ASSERT_TRUE(d.is_ok() && s.is_ok());
  EXPECT_TRUE(d->dense);
  EXPECT_FALSE(s->dense);
  EXPECT_GT(s->candidates.pairs, 0u);
  ASSERT_EQ(d->pairs.size(), s->pairs.size());
  for (std::size_t i = 0; i < d->pairs.size(); ++i) {
    EXPECT_EQ(d->pairs[i].a, s->pairs[i].a);
    EXPECT_EQ(d->pairs[i].b, s->pairs[i].b);
    EXPECT_EQ(d->pairs[i].jaccard, s->pairs[i].jaccard);
    EXPECT_EQ(d->pairs[i].minhash, s->pairs[i].minhash);
    EXPECT_NEAR(d->pairs[i].cosine, s->pairs[i].cosine, 1e-12);
  }
  EXPECT_EQ(s->clusters.cluster, d->clusters.cluster);
  EXPECT_EQ(s->clusters.cluster[0], s->clusters.cluster[1]);
  EXPECT_NE(s->clusters.cluster[0], s->clusters.cluster[5]);

  TempDir dir;
  ASSERT_TRUE(write_analysis(*s, c, sparse, dir.path()).is_ok());
  for (const char* f : {"minhash_jaccard.mtx", "exact_jaccard.mtx", "tfidf_cosine.mtx", "pairs.tsv", "clusters.tsv"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.path() / f)) << f;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "exact_jaccard.csv"));
  // Matrix Market loads with scipy and holds the listed pairs' scores.
  const std::string py = std::string("'") + ECHOTRACE_PYTHON + "' -c \"import scipy.io; m = scipy.io.mmread('" +
                         (dir.path() / "exact_jaccard.mtx").string() + "').tocsr(); print(m.shape, round(m[1, 0], 6), m[0, 0])\"";
  const auto r = testing::run_command(py);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  char expected[64];
  std::snprintf(expected, sizeof expected, "(7, 7) %.6f 1.0\n", d->jaccard.at(0, 1));
  EXPECT_EQ(r.output, expected);
}

TEST(Pipeline, DedupStreamsAndKeepsOnePerCluster) {
  Corpus c;
  const std::string base = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
  c.documents.push_back({.id = "late", .date = "2020-03-01", .text = base, .origin = "t:1"});
  c.documents.push_back({.id = "early", .date = "2020-01-01", .text = base + " fifteen", .origin = "t:2"});
  c.documents.push_back({.id = "alone", .date = "2020-02-01", .text = "nothing in common with the others at all here", .origin = "t:3"});
  c.documents.push_back({.id = "tiny", .text = "too short", .origin = "t:4"});
  testing::TempDir dir;
  std::string jsonl;
  for (const Document& d : c.documents) {
    jsonl += "{\"id\":\"" + d.id + "\",\"date\":\"" + d.date + "\",\"text\":\"" + d.text + "\"}\n";
  }
  testing::write_file(dir.path() / "c.jsonl", jsonl);
  auto stream = open_documents(dir.path() / "c.jsonl");
  ASSERT_TRUE(stream.is_ok());
  PipelineOptions o;
  o.batch_size = 2;  // several batches
  const Result<DedupResult> r = dedup(**stream, "c.jsonl", o);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  ASSERT_EQ(r->documents.size(), 4u);
  ASSERT_EQ(r->pairs.size(), 1u);
  EXPECT_EQ(r->pairs[0].a, 0u);
  EXPECT_EQ(r->pairs[0].b, 1u);
  EXPECT_TRUE(std::isnan(r->pairs[0].jaccard));
  EXPECT_EQ(r->keep, (std::vector<std::uint32_t>{1, 2, 3}));  // "early" kept over "late"
  ASSERT_EQ(r->diagnostics.size(), 1u);  // "tiny" is reported
  EXPECT_EQ(r->diagnostics[0].where, (dir.path() / "c.jsonl").string() + ":4");
  ASSERT_TRUE(write_dedup(*r, o, dir.path() / "out").is_ok());
  EXPECT_EQ(read_file(dir.path() / "out" / "keep.txt"), "early\nalone\ntiny\n");

  // Duplicate ids in a stream are an error naming the line.
  testing::write_file(dir.path() / "dup.jsonl", "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n");
  auto dup = open_documents(dir.path() / "dup.jsonl");
  const Result<DedupResult> bad = dedup(**dup, "dup.jsonl", o);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("dup.jsonl:2"), std::string::npos);
  // Across batches (two per batch here), before a malformed line that follows.
  testing::write_file(dir.path() / "dup2.jsonl",
                      "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n"
                      "{\"id\":\"a\",\"text\":\"z\"}\n{\"id\":\"c\",\"text\":\"w\"}\n{broken\n");
  auto dup2 = open_documents(dir.path() / "dup2.jsonl", {.strict = true});
  const Result<DedupResult> bad2 = dedup(**dup2, "dup2.jsonl", o);
  ASSERT_FALSE(bad2.is_ok());
  EXPECT_NE(bad2.status().message().find("duplicate document id 'a' at " + (dir.path() / "dup2.jsonl").string() + ":3"),
            std::string::npos)
      << bad2.status().message();
}

}  // namespace
}  // namespace echotrace

namespace echotrace {
namespace {

// Issue 6 with cleaning on: no talking point comes from removed chrome. Every
// occurrence's bytes lie outside every span cleaning removed from its document,
// and the Sputnik page chrome "get the latest news" is no longer a talking point.
TEST(Pipeline, TalkingPointsNeverComeFromRemovedChrome) {
  const Corpus corpus = seeds();
  const Result<Analysis> a = analyze(corpus, {});
  ASSERT_TRUE(a.is_ok());
  ASSERT_EQ(a->cleaning.size(), corpus.documents.size());
  std::size_t removed_spans = 0, occurrences = 0;
  for (const Cleaning& c : a->cleaning) removed_spans += c.removed.size();
  ASSERT_GT(removed_spans, 0u);
  for (const TalkingPoint& tp : a->phrases.report.talking_points) {
    EXPECT_EQ(tp.canonical.find("latest news"), std::string::npos) << tp.canonical;
    for (const Occurrence& o : tp.occurrences) {
      ++occurrences;
      for (const RemovedSpan& r : a->cleaning[o.doc].removed) {
        EXPECT_TRUE(o.end <= r.begin || o.begin >= r.end)
            << tp.canonical << " in " << corpus.documents[o.doc].id << " at " << o.begin << " overlaps removed ["
            << r.begin << ", " << r.end << ")";
      }
    }
  }
  EXPECT_GT(occurrences, 20u);
}

}  // namespace
}  // namespace echotrace
