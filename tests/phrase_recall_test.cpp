// Ranking of talking points on a generated corpus with planted ones
// (bench/generator), and the parts of the score that tell a travelling
// framing from reused text: originality and time concentration.
#include "generator/phrase_recall.h"

#include <echotrace/io.h>
#include <echotrace/pipeline.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "generator/generator.h"
#include "internal/english.h"
#include "internal/originality.h"
#include "internal/phrase_mining.h"
#include "test_util.h"

namespace echotrace {
namespace {

using testing::TempDir;

struct Planted {
  Corpus corpus;
  bench::GroundTruth truth;
};

Planted generate(std::uint64_t seed, std::size_t documents) {
  bench::GeneratorOptions o;
  o.documents = documents;
  o.seed = seed;
  o.threads = 1;
  std::string lines;
  Result<bench::GroundTruth> t =
      bench::generate(o, bench::synthetic_pool(seed, 20000), [&](std::string_view line) {
        lines.append(line);
        lines.push_back('\n');
      });
  EXPECT_TRUE(t.is_ok()) << t.status().to_string();
  TempDir dir;
  testing::write_file(dir.path() / "c.jsonl", lines);
  Result<Corpus> c = read_corpus(dir.path() / "c.jsonl", {.strict = true});
  EXPECT_TRUE(c.is_ok()) << c.status().to_string();
  return {std::move(c).value(), std::move(t).value()};
}

// Planted talking points (invented phrases carried by 3-10 documents of 2-6
// outlets within 30 days, some spelled differently) must stand out from
// sentences the generator reuses across outlets all year and from planted
// near-duplicate copies. Tolerance: on two seeds, at least 90% of the
// planted phrases shared by two outlets rank in the top 100, and at least
// 90% of those name the outlet that used the phrase first.
TEST(PhraseRecall, PlantedTalkingPointsRankInTheTop100) {
  for (std::uint64_t seed : {3u, 4u}) {
    const Planted g = generate(seed, 3000);
    PipelineOptions o;
    o.threads = 2;
    Result<PhraseAnalysis> a = analyze_phrases(g.corpus, o);
    ASSERT_TRUE(a.is_ok()) << a.status().to_string();
    const bench::PhraseRecall r = bench::phrase_recall(g.truth, a->report, g.corpus.documents, 100, 2);
    ASSERT_GE(r.eligible, 20u) << "seed " << seed;
    EXPECT_GE(r.recall(), 0.9) << "seed " << seed << ": " << r.found << " of " << r.eligible;
    EXPECT_GE(r.first_outlet_accuracy(), 0.9) << "seed " << seed;
  }
}

TEST(PhraseScoreParts, TimeConcentrationIsHighForABurstAndLowForSpreadDocuments) {
  std::vector<double> burst{0.50, 0.51, 0.52, 0.53, 0.55};
  EXPECT_GT(internal::time_concentration(burst), 0.8);
  std::vector<double> spread{0.1, 0.3, 0.5, 0.7, 0.9};
  EXPECT_LT(internal::time_concentration(spread), 0.2);
  std::vector<double> one{0.4};
  EXPECT_EQ(internal::time_concentration(one), 1.0);
}

// Positions of a toy corpus: class ids, one document per vector.
struct Toy {
  std::vector<std::uint32_t> cls, run, doc_of, source;
  std::vector<std::uint8_t> sentence_end, flags;
  std::vector<std::uint64_t> counts;
  std::vector<std::uint32_t> starts;  // where class 1000, 1001 (the phrase) starts
  internal::MiningInput input() const {
    internal::MiningInput in;
    in.cls = cls;
    in.run = run;
    in.doc_of = doc_of;
    in.sentence_end = sentence_end;
    in.source_of_doc = source;
    in.sources = source.size();
    in.class_count = counts;
    in.class_flags = flags;
    return in;
  }
};

Toy toy(const std::vector<std::vector<std::uint32_t>>& docs) {
  Toy t;
  for (std::uint32_t d = 0; d < docs.size(); ++d) {
    for (std::size_t i = 0; i < docs[d].size(); ++i) {
      if (docs[d][i] == 1000) t.starts.push_back(static_cast<std::uint32_t>(t.cls.size()));
      t.cls.push_back(docs[d][i]);
      t.run.push_back(static_cast<std::uint32_t>(docs[d].size() - i));
      t.doc_of.push_back(d);
      t.sentence_end.push_back(i + 1 == docs[d].size() ? 1 : 0);
    }
    t.source.push_back(d);
  }
  t.counts.assign(1002, 1);
  t.flags.assign(1002, 0);
  return t;
}

TEST(PhraseScoreParts, CopiesOfOneSentenceAreOneUseAndFreshContextsAreMany) {
  // The phrase (1000 1001) inside the same words in three documents: copied.
  const Toy copied =
      toy({{1, 2, 3, 1000, 1001, 4, 5, 6}, {1, 2, 3, 1000, 1001, 4, 5, 6}, {9, 2, 3, 1000, 1001, 4, 5, 7}});
  internal::OriginalityCounter originality;
  EXPECT_NEAR(originality(copied.input(), copied.starts, 2), 1.0 / 3.0, 1e-12);
  // The phrase among different words each time: three independent uses.
  const Toy fresh = toy({{1, 2, 3, 1000, 1001, 4, 5, 6},
                         {11, 12, 13, 1000, 1001, 14, 15, 16},
                         {21, 22, 23, 1000, 1001, 24, 25, 26}});
  EXPECT_EQ(originality(fresh.input(), fresh.starts, 2), 1.0);
  // A whole sentence copied between different neighbours is still one use.
  Toy whole = toy({{1000, 1001}, {1000, 1001}});
  EXPECT_NEAR(originality(whole.input(), whole.starts, 2), 0.5, 1e-12);
}

}  // namespace
}  // namespace echotrace
