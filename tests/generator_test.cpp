// The benchmark corpus generator (bench/generator/): determinism, and that its
// ground truth describes the corpus it wrote. Corpora here stay at a few
// hundred documents so the suite stays fast.
#include <echotrace/io.h>
#include <echotrace/text.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "generator/generator.h"
#include "generator/talking_points.h"
#include "internal/english.h"
#include "test_util.h"

namespace echotrace::bench {
namespace {

using testing::TempDir;

struct Generated {
  std::string corpus;  // JSON lines
  GroundTruth truth;
};

GeneratorOptions small_options(std::uint64_t seed) {
  GeneratorOptions o;
  o.documents = 400;
  o.seed = seed;
  o.copy_share = 0.3;  // many copies to check
  o.talking_points_per_document = 0.02;
  o.threads = 1;
  return o;
}

Generated generate_string(const GeneratorOptions& o, const SentencePool& pool) {
  Generated g;
  Result<GroundTruth> t = generate(o, pool, [&](std::string_view line) {
    g.corpus.append(line);
    g.corpus.push_back('\n');
  });
  EXPECT_TRUE(t.is_ok()) << t.status().to_string();
  if (t.is_ok()) g.truth = std::move(t).value();
  return g;
}

// The corpus read back through echotrace's own reader, by id.
std::map<std::string, Document> read_back(const std::string& corpus) {
  TempDir dir;
  testing::write_file(dir.path() / "c.jsonl", corpus);
  Result<Corpus> c = read_corpus(dir.path() / "c.jsonl", {.strict = true});
  EXPECT_TRUE(c.is_ok()) << c.status().to_string();
  std::map<std::string, Document> by_id;
  if (c.is_ok()) {
    for (Document& d : c->documents) by_id.emplace(d.id, std::move(d));
  }
  return by_id;
}

std::vector<std::string> words(std::string_view text) {
  const TokenizedText t = tokenize(text);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < t.size(); ++i) out.emplace_back(t.token(i));
  return out;
}

// Word-level Levenshtein distance (unit-cost insert, delete, substitute),
// written here independently of the generator's bookkeeping.
std::size_t levenshtein(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool contains_sequence(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

// A small synthetic pool: fast to build, and no corpus needed on disk.
SentencePool pool() { return synthetic_pool(11, 5000); }

TEST(GeneratorTest, SameSeedGivesByteIdenticalOutputForAnyThreadCount) {
  const Generated a = generate_string(small_options(7), pool());
  GeneratorOptions threaded = small_options(7);
  threaded.threads = 3;
  const Generated b = generate_string(threaded, pool());
  EXPECT_EQ(a.corpus, b.corpus);
  EXPECT_EQ(truth_to_json(a.truth), truth_to_json(b.truth));
  EXPECT_EQ(std::count(a.corpus.begin(), a.corpus.end(), '\n'), 400);

  const Generated c = generate_string(small_options(8), pool());
  EXPECT_NE(a.corpus, c.corpus);
  EXPECT_NE(truth_to_json(a.truth), truth_to_json(c.truth));
}

TEST(GeneratorTest, PlantedCopiesHaveTheirStatedEditRates) {
  const Generated g = generate_string(small_options(3), pool());
  const auto docs = read_back(g.corpus);
  ASSERT_EQ(docs.size(), small_options(3).documents);
  std::size_t copies = 0, on_target = 0;
  double lo = 1, hi = 0, sum_gap = 0;
  for (const Family& f : g.truth.families) {
    ASSERT_TRUE(docs.count(f.source)) << f.source;
    const Document& src = docs.at(f.source);
    EXPECT_EQ(src.outlet, f.outlet);
    EXPECT_EQ(src.date, f.date);
    const std::vector<std::string> a = words(src.text);
    for (const PlantedCopy& c : f.copies) {
      ASSERT_TRUE(docs.count(c.id)) << c.id;
      const Document& copy = docs.at(c.id);
      EXPECT_EQ(copy.outlet, c.outlet);
      EXPECT_NE(copy.outlet, src.outlet) << c.id;
      EXPECT_GE(copy.date, src.date);
      EXPECT_EQ(a.size(), c.source_tokens) << c.id;
      const double measured = static_cast<double>(levenshtein(a, words(copy.text))) / static_cast<double>(a.size());
      const double planted = c.edit_rate;
      EXPECT_LE(measured, planted + kEditRateTolerance.absolute) << c.id;
      EXPECT_GE(measured, planted - kEditRateTolerance.absolute - kEditRateTolerance.relative * planted) << c.id;
      // The planted rate is the drawn target, rounded to whole tokens.
      on_target += std::abs(planted - c.target_rate) <= 0.5 / static_cast<double>(a.size()) + 1e-9;
      sum_gap += planted - measured;
      lo = std::min(lo, planted);
      hi = std::max(hi, planted);
      ++copies;
    }
  }
  EXPECT_EQ(copies, 120u);  // 30 % of 400
  EXPECT_GE(on_target, copies * 95 / 100);
  EXPECT_LT(sum_gap / static_cast<double>(copies), 0.01);  // on average the charge is what is measured
  EXPECT_LT(lo, 0.04);  // the planted rates span the 1-30 % range
  EXPECT_GT(hi, 0.26);
}

TEST(GeneratorTest, TalkingPointsOccurExactlyWhereTheTruthSays) {
  const Generated g = generate_string(small_options(5), pool());
  const auto docs = read_back(g.corpus);
  ASSERT_GE(g.truth.talking_points.size(), 4u);
  std::map<std::string, std::vector<std::string>> tokens;
  for (const auto& [id, d] : docs) tokens[id] = words(d.text);
  std::size_t quoted = 0, variant_uses = 0;
  for (const TalkingPoint& tp : g.truth.talking_points) {
    ASSERT_GE(tp.occurrences.size(), 3u);
    EXPECT_EQ(tp.first_outlet, tp.occurrences.front().outlet);
    EXPECT_EQ(tp.first_date, tp.occurrences.front().date);
    std::vector<std::string> forms{tp.phrase};
    forms.insert(forms.end(), tp.variants.begin(), tp.variants.end());
    for (const std::string& form : forms) {
      std::set<std::string> expected;
      for (const Occurrence& o : tp.occurrences) {
        if (o.form == form) expected.insert(o.id);
      }
      std::set<std::string> found;
      const std::vector<std::string> needle = words(form);
      for (const auto& [id, t] : tokens) {
        if (contains_sequence(t, needle)) found.insert(id);
      }
      EXPECT_EQ(found, expected) << form;
    }
    for (std::size_t k = 0; k < tp.occurrences.size(); ++k) {
      const Occurrence& o = tp.occurrences[k];
      ASSERT_TRUE(docs.count(o.id));
      const Document& d = docs.at(o.id);
      EXPECT_EQ(d.outlet, o.outlet);
      EXPECT_EQ(d.date, o.date);
      if (k > 0) {
        EXPECT_GT(o.date, tp.first_date) << "only the origin is on the first date";
      }
      if (o.quoted) {
        ++quoted;
        EXPECT_TRUE(d.text.find("\"" + o.form + "\"") != std::string::npos ||
                    d.text.find("\xE2\x80\x9C" + o.form + "\xE2\x80\x9D") != std::string::npos)
            << o.id;
      }
      variant_uses += o.form != tp.phrase;
    }
    const std::size_t n_words = static_cast<std::size_t>(std::count(tp.phrase.begin(), tp.phrase.end(), ' ')) + 1;
    EXPECT_GE(n_words, 2u);
    EXPECT_LE(n_words, 6u);
  }
  EXPECT_GT(quoted, 0u);
  EXPECT_GT(variant_uses, 0u);
}

// The generator plants British/American spellings as variants of one talking
// point; the truth then asks the stage to join them. Every respelling must be
// one the stage's rules (american_spelling, written from real pairs) map back
// to the same word, and words without a real -ize/-ise ending get none.
TEST(GeneratorTest, RespellingsAreRealBritishAmericanPairs) {
  const std::pair<std::string, std::string> pairs[] = {
      {"stabilize", "stabilise"}, {"realised", "realized"}, {"organizers", "organisers"},
      {"analyze", "analyse"},     {"analyzed", "analysed"}, {"labor", "labour"},
      {"favour", "favor"},        {"center", "centre"},     {"advertises", "advertizes"}};
  for (const auto& [word, respelt] : pairs) {
    EXPECT_EQ(bench::respell(word), respelt) << word;
    EXPECT_EQ(internal::american_spelling(respelt), internal::american_spelling(word)) << word;
  }
  // Too short before the ending, or no such ending: no respelling.
  for (const std::string word :
       {"maize", "seize", "prize", "raise", "noise", "citizen", "citizens", "water", "analyzer", "sizes"}) {
    EXPECT_EQ(bench::respell(word), "") << word;
  }
  // Every respelling of a word list the stage joins to the word.
  std::size_t respelt = 0;
  for (const std::string word :
       {"authorized", "minimize", "criticise", "exercise", "compromised", "paralyze", "catalyzes", "harbor",
        "humour", "neighbor", "theater", "meter", "promises", "televised", "emphasizes", "moisturizers"}) {
    const std::string r = bench::respell(word);
    if (r.empty()) continue;
    ++respelt;
    EXPECT_EQ(internal::american_spelling(r), internal::american_spelling(word)) << word << " -> " << r;
  }
  EXPECT_GE(respelt, 14u);
}


// A letter dropped from "driving" can make "diving", a word the stage never
// takes for a misspelling, so the truth would ask for a join the stage must
// not make. With the dictionary such a variant is never planted; without it,
// the same draws plant it (so the check can fail).
TEST(GeneratorTest, DroppedLetterVariantsAreNoDictionaryWords) {
  const std::string phrase = "elephants slipped driving";
  const WordList dictionary = WordList::of({"diving", "elephants", "slipped", "driving"});
  std::size_t diving_plain = 0, diving_checked = 0, other_drops = 0;
  for (std::uint64_t seed = 0; seed < 400; ++seed) {
    Rng plain(seed), checked(seed);
    for (const std::string& v : make_variants(phrase, 2, plain)) {
      diving_plain += v.find("diving") != std::string::npos ? 1 : 0;
    }
    for (const std::string& v : make_variants(phrase, 2, checked, &dictionary)) {
      diving_checked += v.find("diving") != std::string::npos ? 1 : 0;
      // Misspellings that are no word ("elephnts") are still planted.
      other_drops += v.size() + 1 == phrase.size() && v.find('-') == std::string::npos ? 1 : 0;
    }
  }
  EXPECT_GT(diving_plain, 0u);
  EXPECT_EQ(diving_checked, 0u);
  EXPECT_GT(other_drops, 0u);
}
TEST(GeneratorTest, WritesZstdCorpusAndTruthThatReadBack) {
  TempDir dir;
  GeneratorOptions o = small_options(9);
  o.documents = 120;
  const auto truth = generate_files(o, pool(), dir.path() / "gen/c.jsonl.zst", dir.path() / "gen/c.truth.json");
  ASSERT_TRUE(truth.is_ok()) << truth.status().to_string();
  Result<Corpus> c = read_corpus(dir.path() / "gen/c.jsonl.zst", {.strict = true});
  ASSERT_TRUE(c.is_ok()) << c.status().to_string();
  ASSERT_EQ(c->documents.size(), 120u);
  EXPECT_EQ(c->documents[0].id, "g0000000");
  for (const Document& d : c->documents) {
    EXPECT_FALSE(d.outlet.empty());
    EXPECT_EQ(d.date.size(), 10u);
    EXPECT_FALSE(d.title.empty());
    EXPECT_GE(tokenize(d.text).size(), 6u);
  }
  const auto json = nlohmann::json::parse(testing::read_file(dir.path() / "gen/c.truth.json"));
  EXPECT_EQ(json["documents"], 120);
  EXPECT_EQ(json["families"].size(), truth->families.size());
  EXPECT_EQ(json["talking_points"].size(), truth->talking_points.size());
  EXPECT_EQ(json["edit_rate"]["relative"], kEditRateTolerance.relative);
}

TEST(SentencePool, SplitsWrappedNewsTextAndKeepsProseOnly) {
  const auto s = split_sentences(
      "Mr. Smith said the U.S. Treasury would\nact on Jan. 5. Prices rose 5.2 pct\nin March!  \"We are ready,\" he said. "
      "SHARES FELL SHARPLY ON THE EXCHANGE TODAY. See http://example.com for details.");
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0], "Mr. Smith said the U.S. Treasury would act on Jan. 5.");
  EXPECT_EQ(s[1], "Prices rose 5.2 pct in March!");
  EXPECT_EQ(s[2], "\"We are ready,\" he said.");
  EXPECT_TRUE(is_prose_sentence(s[0]));
  EXPECT_TRUE(is_prose_sentence(s[2]));
  EXPECT_FALSE(is_prose_sentence(s[3]));  // all-capitals headline
  EXPECT_FALSE(is_prose_sentence(s[4]));  // URL
  EXPECT_FALSE(is_prose_sentence("> quoted reply from someone on the list, said he."));
}

TEST(SentencePool, BuildsFromAJsonLinesCorpus) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 30; ++i) {
    lines += "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"The minister met officials number " +
             std::to_string(i) + " in the capital on Monday.\\nTalks on the budget continued for a " +
             "second day without agreement. Short one. The talks ended. Its average post-tax " +
             "profit fell in the third quarter.\"}\n";
  }
  testing::write_file(dir.path() / "news.jsonl", lines);
  const Result<SentencePool> pool = pool_from_corpus(dir.path() / "news.jsonl");
  ASSERT_TRUE(pool.is_ok()) << pool.status().to_string();
  // 30 distinct first sentences plus two shared ones; the short ones drop out.
  EXPECT_EQ(pool->size(), 32u);
  EXPECT_EQ(pool->source, (dir.path() / "news.jsonl").string());
  EXPECT_TRUE(pool->has_bigram("budget", "continued"));
  EXPECT_FALSE(pool->has_bigram("continued", "budget"));
  // Pairs as the phrase stage sees them: other inflections, hyphen parts.
  EXPECT_TRUE(pool->has_bigram("budgets", "continue"));
  EXPECT_TRUE(pool->has_bigram("average", "posted"));
  EXPECT_TRUE(pool->has_bigram("post", "tax"));
  EXPECT_FALSE(pool->has_bigram("average", "tax"));
  GeneratorOptions o;
  o.documents = 40;
  o.min_sentences = 4;
  o.max_sentences = 8;
  o.talking_points_per_document = 0;
  const Result<GroundTruth> t = generate(o, *pool, [](std::string_view) {});
  ASSERT_TRUE(t.is_ok()) << t.status().to_string();
  EXPECT_EQ(t->pool_sentences, 32u);
  EXPECT_EQ(pool_from_corpus(dir.path() / "missing.jsonl").status().code(), StatusCode::kNotFound);
}

TEST(Generator, RejectsBadOptions) {
  const SentencePool pool = synthetic_pool(1, 200);
  GeneratorOptions o;
  o.copy_share = 0.8;
  EXPECT_EQ(generate(o, pool, [](std::string_view) {}).status().code(), StatusCode::kInvalidArgument);
  o = {};
  o.min_edit_rate = 0.4;
  o.max_edit_rate = 0.2;
  EXPECT_EQ(validate(o).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(generate({}, SentencePool{}, [](std::string_view) {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(date_after_start(0), "2024-01-01");
  EXPECT_EQ(date_after_start(59), "2024-02-29");
  EXPECT_EQ(date_after_start(366), "2025-01-01");
}

TEST(GeneratorCli, WritesCorpusAndTruthAndRejectsBadUsage) {
  TempDir dir;
  const std::string out = (dir.path() / "c.jsonl").string();
  const auto ok = testing::run_command(std::string("'") + ECHOTRACE_GEN + "' -n 60 --sentences synthetic -t 1 -o '" + out + "'");
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "c.truth.json"));
  const Result<Corpus> c = read_corpus(out);
  ASSERT_TRUE(c.is_ok());
  EXPECT_EQ(c->documents.size(), 60u);
  const auto bad = testing::run_command(std::string("'") + ECHOTRACE_GEN + "' --copy-share 2 -o '" + out + "'");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
}

}  // namespace
}  // namespace echotrace::bench
