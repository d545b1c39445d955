// explain.h: aligned passages checked against a brute-force oracle, shared
// terms against the cosine they decompose, and pipeline explain() against the
// scores analyze() lists for the same pair.
#include <echotrace/explain.h>
#include <echotrace/pipeline.h>

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "test_util.h"

namespace echotrace {
namespace {

TokenizedText words(const std::string& s) { return tokenize(s); }

TEST(Align, SharedPassageWithOffsetsInBothTexts) {
  const std::string a = "Alpha beta. The gang of terrorists has taken advantage of the zone, he said.";
  const std::string b = "Gamma: the gang of terrorists has taken advantage of the truce.";
  const std::vector<AlignedSpan> spans = align_passages(words(a), words(b), 3);
  ASSERT_EQ(spans.size(), 1u);
  const AlignedSpan& s = spans[0];
  EXPECT_EQ(s.tokens, 9u);  // the gang of terrorists has taken advantage of the
  EXPECT_EQ(a.substr(s.a_begin, s.a_end - s.a_begin), "The gang of terrorists has taken advantage of the");
  EXPECT_EQ(b.substr(s.b_begin, s.b_end - s.b_begin), "the gang of terrorists has taken advantage of the");
  EXPECT_EQ(s.a_token, 2u);
  EXPECT_EQ(s.b_token, 1u);
}

TEST(Align, NothingSharedAndTooShort) {
  EXPECT_TRUE(align_passages(words("one two three four"), words("five six seven eight"), 2).empty());
  EXPECT_TRUE(align_passages(words("one two"), words("one two"), 3).empty());
  const std::vector<AlignedSpan> whole = align_passages(words("one two three"), words("one two three"), 3);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0].tokens, 3u);
}

// Random texts over a tiny vocabulary, so k-grams repeat and collide often.
std::string random_text(std::mt19937_64& rng, std::size_t n, int vocabulary) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) s += ' ';
    s += static_cast<char>('a' + rng() % static_cast<unsigned>(vocabulary));
  }
  return s;
}

TEST(Align, MatchesBruteForceOnRandomTexts) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    const int k = 1 + static_cast<int>(rng() % 4);
    const TokenizedText a = words(random_text(rng, 5 + rng() % 60, 3 + static_cast<int>(rng() % 4)));
    const TokenizedText b = words(random_text(rng, 5 + rng() % 60, 3 + static_cast<int>(rng() % 4)));
    // Unbounded candidates: the oracle's claims hold exactly.
    const std::vector<AlignedSpan> spans = align_passages(a, b, k, 1 << 20);
    // Brute force: which k-grams of A occur in B.
    std::set<std::string> b_grams;
    for (std::size_t j = 0; j + k <= b.size(); ++j) b_grams.insert(std::string(b.span(j, k)));
    std::vector<bool> covered(a.size(), false);
    std::size_t next_free = 0;
    for (const AlignedSpan& s : spans) {
      ASSERT_GE(s.tokens, static_cast<std::uint32_t>(k));
      ASSERT_GE(s.a_token, next_free) << "spans overlap or are out of order";
      next_free = s.a_token + s.tokens;
      ASSERT_LE(next_free, a.size());
      ASSERT_LE(s.b_token + s.tokens, b.size());
      for (std::uint32_t t = 0; t < s.tokens; ++t) {
        ASSERT_EQ(a.token(s.a_token + t), b.token(s.b_token + t));
        covered[s.a_token + t] = true;
      }
      // Maximal forward: the next tokens differ (or a text ends).
      const std::size_t ea = s.a_token + s.tokens, eb = s.b_token + s.tokens;
      if (ea < a.size() && eb < b.size()) {
        // Another start in B might extend further, but not this one.
        EXPECT_NE(a.token(ea), b.token(eb));
      }
    }
    // Complete: every k-gram of A found in B starts inside some span.
    for (std::size_t i = 0; i + k <= a.size(); ++i) {
      if (b_grams.count(std::string(a.span(i, k)))) {
        EXPECT_TRUE(covered[i]) << "round " << round << " at " << i;
      }
    }
  }
}

TEST(Align, RepeatedWordStaysBounded) {
  std::string same;
  for (int i = 0; i < 20000; ++i) same += "war ";
  const TokenizedText a = words(same);
  const std::vector<AlignedSpan> spans = align_passages(a, a, 5);
  ASSERT_EQ(spans.size(), 1u);  // the first candidate already runs to the end
  EXPECT_EQ(spans[0].tokens, 20000u);
}

TEST(SharedTerms, ContributionsSumToTheCosine) {
  const std::vector<TokenizedText> docs = {words("the rebels shelled the town near idlib"),
                                           words("rebels near idlib shelled a base"), words("markets rallied today")};
  Result<TfidfModel::Fitted> fitted = TfidfModel::fit_transform(docs, TfidfOptions{});
  ASSERT_TRUE(fitted.is_ok());
  const std::vector<SharedTerm> all = top_shared_terms(fitted->rows, fitted->model, 0, 1, 100);
  ASSERT_EQ(all.size(), 4u);  // rebels, shelled, near, idlib
  double sum = 0;
  for (const SharedTerm& t : all) {
    EXPECT_DOUBLE_EQ(t.contribution, t.weight_a * t.weight_b);
    sum += t.contribution;
  }
  EXPECT_NEAR(sum, sparse_dot(fitted->rows, 0, 1), 1e-12);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i - 1].contribution, all[i].contribution);
  const std::vector<SharedTerm> top = top_shared_terms(fitted->rows, fitted->model, 0, 1, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].term, all[0].term);
  EXPECT_EQ(top[1].term, all[1].term);
  EXPECT_TRUE(top_shared_terms(fitted->rows, fitted->model, 0, 2, 10).empty());
}

Corpus seeds() {
  Result<Corpus> c = read_corpus(testing::source_dir() / "corpus/seeds");
  EXPECT_TRUE(c.is_ok()) << c.status().to_string();
  return std::move(c).value();
}

TEST(Explain, AgreesWithAnalyzeOnEverySeedPair) {
  const Corpus corpus = seeds();
  PipelineOptions o;
  o.threads = 2;
  o.report.top_pairs = 100;
  Result<Analysis> a = analyze(corpus, o);
  ASSERT_TRUE(a.is_ok()) << a.status().to_string();
  ASSERT_EQ(a->explained.size(), 10u);  // every pair of the five seeds shares something
  for (const PairExplanation& listed : a->explained) {
    const std::string& ia = corpus.documents[listed.scores.a].id;
    const std::string& ib = corpus.documents[listed.scores.b].id;
    // Either order of the ids names the same pair.
    Result<PairExplanation> e = explain(corpus, o, ib, ia);
    ASSERT_TRUE(e.is_ok()) << e.status().to_string();
    EXPECT_EQ(e->scores.a, listed.scores.a);
    EXPECT_EQ(e->scores.b, listed.scores.b);
    EXPECT_DOUBLE_EQ(e->scores.minhash, listed.scores.minhash);
    EXPECT_DOUBLE_EQ(e->scores.jaccard, listed.scores.jaccard);
    EXPECT_NEAR(e->scores.cosine, listed.scores.cosine, 1e-12);
    EXPECT_EQ(e->shared_shingles, listed.shared_shingles);
    // |A ∩ B| / |A ∪ B| is the exact Jaccard.
    EXPECT_DOUBLE_EQ(static_cast<double>(e->shared_shingles) /
                         static_cast<double>(e->shingles_a + e->shingles_b - e->shared_shingles),
                     e->scores.jaccard);
    ASSERT_EQ(e->spans.size(), listed.spans.size());
    for (std::size_t k = 0; k < e->spans.size(); ++k) {
      EXPECT_EQ(e->spans[k].a_begin, listed.spans[k].a_begin);
      EXPECT_EQ(e->spans[k].b_end, listed.spans[k].b_end);
    }
    ASSERT_EQ(e->terms.size(), listed.terms.size());
    if (!e->terms.empty()) {
      EXPECT_EQ(e->terms[0].term, listed.terms[0].term);
    }
  }
  // The Sputnik/unattributed pair shares "the de-escalation in Idlib"-like passages of >= 5 words.
  bool any_span = false;
  for (const PairExplanation& p : a->explained) any_span = any_span || !p.spans.empty();
  EXPECT_TRUE(any_span);
}

TEST(Explain, ErrorsNameTheId) {
  const Corpus corpus = seeds();
  Result<PairExplanation> missing = explain(corpus, PipelineOptions{}, "000_0027b050ed44bd7a", "nope");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("'nope'"), std::string::npos);
  Result<PairExplanation> twice = explain(corpus, PipelineOptions{}, "000_0027b050ed44bd7a", "000_0027b050ed44bd7a");
  ASSERT_FALSE(twice.is_ok());
  EXPECT_EQ(twice.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace echotrace
