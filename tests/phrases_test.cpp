// Talking points on the seed corpus (corpus/seeds: TASS, Sputnik and one
// unattributed site) through the public API.
#include <echotrace/phrases.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "test_util.h"

namespace echotrace {
namespace {

struct Seeds {
  Corpus corpus;
  std::vector<TokenizedText> tokens;
};

const Seeds& seeds() {
  static const Seeds s = [] {
    Seeds out;
    Result<Corpus> c = read_corpus(testing::source_dir() / "corpus/seeds");
    EXPECT_TRUE(c.is_ok());
    out.corpus = std::move(c).value();
    for (const Document& d : out.corpus.documents) out.tokens.push_back(tokenize(d.text));
    return out;
  }();
  return s;
}

TalkingPointReport run(const PhraseOptions& options, int threads = 2) {
  Result<TalkingPointReport> r = find_talking_points(seeds().corpus.documents, seeds().tokens, options, {}, threads);
  EXPECT_TRUE(r.is_ok()) << r.status().to_string();
  return std::move(r).value();
}

// The mined talking point one of whose variants is `text`, or null.
const TalkingPoint* with_variant(const TalkingPointReport& r, const std::string& text) {
  for (const TalkingPoint& tp : r.talking_points) {
    if (!tp.mined) continue;
    for (const Variant& v : tp.variants) {
      if (v.text == text) return &tp;
    }
  }
  return nullptr;
}

bool has_variant(const TalkingPoint& tp, const std::string& text) {
  return std::any_of(tp.variants.begin(), tp.variants.end(), [&](const Variant& v) { return v.text == text; });
}

const std::string& doc_id(std::uint32_t d) { return seeds().corpus.documents[d].id; }

TEST(PhrasesSeeds, DeEscalationZoneIsSharedByTassSputnikAndTheUnattributedSite) {
  const TalkingPointReport r = run({});
  const TalkingPoint* tp = with_variant(r, "de-escalation zone");
  ASSERT_NE(tp, nullptr);
  EXPECT_EQ(tp->canonical, "de-escalation zone");
  EXPECT_EQ(tp->outlets, (std::vector<std::string>{"?002_5c4f401af33235dc", "Sputnik", "TASS"}));
  EXPECT_EQ(tp->documents, 5u);
  EXPECT_TRUE(has_variant(*tp, "de-escalation zones"));  // inflection joins the same talking point
  EXPECT_GT(tp->score.score, 0.0);
  // Ranked among the first ten on the seeds.
  const auto rank = tp - r.talking_points.data();
  EXPECT_LT(rank, 10);
  // Timeline: Sputnik first (2018-09-10), the unattributed site 264 days
  // later (2019-06-01), TASS 530 days later (2020-02-22); 003 has no date.
  ASSERT_TRUE(tp->timeline.first.has_value());
  EXPECT_EQ(tp->timeline.first->outlet, "Sputnik");
  EXPECT_EQ(doc_id(tp->timeline.first->doc), "001_8f4123800503ebd0");
  ASSERT_EQ(tp->timeline.later.size(), 2u);
  EXPECT_EQ(tp->timeline.later[0].outlet, "?002_5c4f401af33235dc");
  EXPECT_EQ(tp->timeline.later[0].lag_days, 264);
  EXPECT_EQ(tp->timeline.later[1].outlet, "TASS");
  EXPECT_EQ(tp->timeline.later[1].lag_days, 530);
  ASSERT_EQ(tp->timeline.undated_docs.size(), 1u);
  EXPECT_EQ(doc_id(tp->timeline.undated_docs[0]), "003_87209e9a13a6b30e");
  // Every occurrence points at the words themselves.
  for (const Occurrence& o : tp->occurrences) {
    std::string surface = seeds().corpus.documents[o.doc].text.substr(o.begin, o.end - o.begin);
    std::transform(surface.begin(), surface.end(), surface.begin(), [](unsigned char c) { return std::tolower(c); });
    EXPECT_TRUE(surface.starts_with("de-escalation zone")) << surface;
  }
}

TEST(PhrasesSeeds, BritishAndAmericanSpellingsAreOneTalkingPoint) {
  const TalkingPointReport r = run({});
  const TalkingPoint* tp = with_variant(r, "demilitarized zone");
  ASSERT_NE(tp, nullptr);
  EXPECT_TRUE(has_variant(*tp, "demilitarised zone"));
  EXPECT_EQ(tp->canonical, "demilitarized zone");  // 5 uses against 3
  EXPECT_EQ(tp->outlets.size(), 3u);               // only Sputnik writes "demilitarised"
  EXPECT_EQ(with_variant(r, "demilitarised zone"), tp);
}

TEST(PhrasesSeeds, TransliterationsOfErdogansNameAreOneTalkingPoint) {
  const TalkingPointReport r = run({});
  const TalkingPoint* tp = with_variant(r, "recep tayyip erdogan");
  ASSERT_NE(tp, nullptr);
  EXPECT_TRUE(has_variant(*tp, "rejep tayyip erdogan"));
  EXPECT_EQ(tp->canonical, "recep tayyip erdogan");
  EXPECT_EQ(tp->outlets, (std::vector<std::string>{"?002_5c4f401af33235dc", "Sputnik", "TASS"}));
}

TEST(PhrasesSeeds, WatchlistFindsQuotedFramingsInTass) {
  PhraseOptions o;
  o.watch = {"human shield", "Nest of Terrorism", "kiev regime"};
  const TalkingPointReport r = run(o);
  const Document& tass = seeds().corpus.documents[0];
  ASSERT_EQ(tass.outlet, "TASS");
  for (const char* phrase : {"human shield", "nest of terrorism"}) {
    const auto it = std::find_if(r.talking_points.begin(), r.talking_points.end(), [&](const TalkingPoint& tp) {
      return tp.canonical == phrase;
    });
    ASSERT_NE(it, r.talking_points.end()) << phrase;
    EXPECT_FALSE(it->mined);  // one outlet only: reported because it is watched
    ASSERT_EQ(it->occurrences.size(), 1u) << phrase;
    const Occurrence& occ = it->occurrences[0];
    EXPECT_EQ(occ.doc, 0u);
    EXPECT_EQ(occ.voice, Voice::kQuotation) << phrase;
    EXPECT_EQ(tass.text.substr(occ.begin, occ.end - occ.begin), phrase);
    EXPECT_EQ(it->outlets, std::vector<std::string>{"TASS"});
  }
  // Exact offsets of "human shield" in seed 000 (bytes, curly quotes count 3).
  const std::size_t at = tass.text.find("They are a human shield for terrorists.");
  ASSERT_NE(at, std::string::npos);
  const auto hs = std::find_if(r.talking_points.begin(), r.talking_points.end(),
                               [](const TalkingPoint& tp) { return tp.canonical == "human shield"; });
  EXPECT_EQ(hs->occurrences[0].begin, at + 11);
  EXPECT_EQ(hs->occurrences[0].end, at + 23);
  EXPECT_EQ(hs->watch, std::vector<std::string>{"human shield"});
  // A watched phrase nobody uses is still listed, with no occurrence.
  const TalkingPoint& kiev = r.talking_points.back();
  EXPECT_EQ(kiev.watch, std::vector<std::string>{"kiev regime"});
  EXPECT_TRUE(kiev.occurrences.empty());
}

TEST(PhrasesSeeds, WatchingAMinedPhraseMarksItInsteadOfDuplicatingIt) {
  PhraseOptions o;
  o.watch = {"De-escalation zones"};
  const TalkingPointReport r = run(o);
  const TalkingPoint* tp = with_variant(r, "de-escalation zone");
  ASSERT_NE(tp, nullptr);
  EXPECT_EQ(tp->watch, std::vector<std::string>{"De-escalation zones"});
  EXPECT_TRUE(std::all_of(r.talking_points.begin(), r.talking_points.end(), [](const TalkingPoint& t) { return t.mined; }));
}

TEST(PhrasesSeeds, PhrasesNeverSpanPunctuationOrQuotes) {
  const TalkingPointReport r = run({});
  ASSERT_GT(r.talking_points.size(), 20u);
  for (const TalkingPoint& tp : r.talking_points) {
    for (const Occurrence& o : tp.occurrences) {
      const std::string s = seeds().corpus.documents[o.doc].text.substr(o.begin, o.end - o.begin);
      EXPECT_EQ(s.find_first_of(".;:!?\"()\n"), std::string::npos) << s;
    }
  }
}

TEST(PhrasesSeeds, ResultIsIdenticalForAnyThreadCount) {
  const TalkingPointReport a = run({}, 1);
  for (int threads : {2, 5}) {
    const TalkingPointReport b = run({}, threads);
    ASSERT_EQ(a.talking_points.size(), b.talking_points.size());
    EXPECT_EQ(a.shared_ngrams, b.shared_ngrams);
    for (std::size_t k = 0; k < a.talking_points.size(); ++k) {
      EXPECT_EQ(a.talking_points[k].canonical, b.talking_points[k].canonical);
      EXPECT_EQ(a.talking_points[k].score.score, b.talking_points[k].score.score);
      EXPECT_EQ(a.talking_points[k].occurrences.size(), b.talking_points[k].occurrences.size());
    }
  }
}

TEST(PhrasesSeeds, OutletMatrixCountsSharedTalkingPoints) {
  const TalkingPointReport r = run({});
  const OutletMatrix m = outlet_matrix(r, seeds().corpus.documents, nullptr);
  ASSERT_EQ(m.outlets, (std::vector<std::string>{"?002_5c4f401af33235dc", "Sputnik", "TASS"}));
  ASSERT_EQ(m.shared.n, 3u);
  std::size_t sputnik_tass = 0, used_by_tass = 0;
  for (const TalkingPoint& tp : r.talking_points) {
    const bool s = std::count(tp.outlets.begin(), tp.outlets.end(), "Sputnik") > 0;
    const bool t = std::count(tp.outlets.begin(), tp.outlets.end(), "TASS") > 0;
    sputnik_tass += s && t;
    used_by_tass += t;
  }
  EXPECT_EQ(m.shared.at(1, 2), static_cast<double>(sputnik_tass));
  EXPECT_EQ(m.shared.at(2, 1), static_cast<double>(sputnik_tass));
  EXPECT_EQ(m.shared.at(2, 2), static_cast<double>(used_by_tass));
  EXPECT_EQ(m.similarity.n, 0u);  // no TF-IDF rows given
}

// The outlet similarity comes from each outlet's sum of TF-IDF rows; the
// oracle is the mean of the cosines of every document pair, computed pair by
// pair. An empty document (a zero row) counts as cosine 0 with every other.
TEST(PhrasesSeeds, OutletSimilarityIsTheMeanCosineOfTheirDocumentPairs) {
  std::vector<Document> docs(seeds().corpus.documents.begin(), seeds().corpus.documents.end());
  std::vector<TokenizedText> tokens(seeds().tokens.begin(), seeds().tokens.end());
  Document empty;
  empty.id = "empty";
  empty.outlet = "TASS";
  empty.date = "2020-03-01";
  docs.push_back(empty);
  tokens.push_back(tokenize(""));
  Result<TfidfModel::Fitted> fitted = TfidfModel::fit_transform(tokens, {}, 1);
  ASSERT_TRUE(fitted.is_ok());
  const SparseRows& rows = fitted->rows;
  const OutletMatrix m = outlet_matrix(run({}), docs, &rows);
  ASSERT_EQ(m.outlets, (std::vector<std::string>{"?002_5c4f401af33235dc", "Sputnik", "TASS"}));
  ASSERT_EQ(m.similarity.n, 3u);
  EXPECT_TRUE(m.note.empty());
  const auto outlet = [&](std::size_t d) {
    return static_cast<std::size_t>(std::find(m.outlets.begin(), m.outlets.end(), outlet_key(docs[d])) -
                                    m.outlets.begin());
  };
  double sum[3][3] = {}, pairs[3][3] = {};
  for (std::size_t i = 0; i < docs.size(); ++i) {
    for (std::size_t j = i + 1; j < docs.size(); ++j) {
      const std::size_t a = std::min(outlet(i), outlet(j)), b = std::max(outlet(i), outlet(j));
      sum[a][b] += sparse_dot(rows, i, j);
      pairs[a][b] += 1;
    }
  }
  for (std::size_t a = 0; a < 3; ++a) {
    for (std::size_t b = a; b < 3; ++b) {
      if (pairs[a][b] == 0) {
        EXPECT_TRUE(std::isnan(m.similarity.at(a, b))) << a << "," << b;  // one document: no pair within
        continue;
      }
      EXPECT_NEAR(m.similarity.at(a, b), sum[a][b] / pairs[a][b], 1e-12) << a << "," << b;
      EXPECT_EQ(m.similarity.at(a, b), m.similarity.at(b, a));
    }
  }
  EXPECT_GT(m.similarity.at(1, 2), 0.0);  // Sputnik and TASS share words
  // Above the budget of multiply-adds the similarity is left out, and says why.
  const OutletMatrix capped = outlet_matrix(run({}), docs, &rows, 1.0);
  EXPECT_EQ(capped.similarity.n, 0u);
  EXPECT_NE(capped.note.find("outlet similarity not computed"), std::string::npos) << capped.note;
}

TEST(PhrasesSeeds, RejectsBadOptionsAndMismatchedInput) {
  PhraseOptions o;
  o.min_tokens = 1;
  EXPECT_EQ(find_talking_points(seeds().corpus.documents, seeds().tokens, o, {}, 1).status().code(),
            StatusCode::kInvalidArgument);
  o = {};
  o.max_tokens = 1;
  EXPECT_FALSE(validate(o).is_ok());
  EXPECT_EQ(find_talking_points(seeds().corpus.documents, std::span(seeds().tokens).first(2), {}, {}, 1)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST(PhrasesSeeds, WatchlistFileSkipsCommentsAndBlankLines) {
  testing::TempDir dir;
  testing::write_file(dir.path() / "w.txt", "human shield\r\n\n# a comment\n  nest of terrorism  \n");
  Result<std::vector<std::string>> w = read_watchlist(dir.path() / "w.txt");
  ASSERT_TRUE(w.is_ok());
  EXPECT_EQ(*w, (std::vector<std::string>{"human shield", "nest of terrorism"}));
  EXPECT_EQ(read_watchlist(dir.path() / "absent.txt").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace echotrace
