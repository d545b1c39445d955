// Background frequency tables (background.h) and their use in the phrase
// stage's distinctiveness (phrases.h).
#include <echotrace/background.h>
#include <echotrace/phrases.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <memory>

#include "test_util.h"

namespace echotrace {
namespace {

Document doc(const std::string& id, const std::string& outlet, const std::string& date, const std::string& text) {
  Document d;
  d.id = id;
  d.outlet = outlet;
  d.date = date;
  d.text = text;
  return d;
}

// A reference corpus: "human shields" in three documents (once hyphenated),
// "general assembly" in two, "rare phrase" in one (below min_documents).
std::vector<Document> reference() {
  return {
      doc("r1", "", "", "Militants used human shields in the town. The general assembly met on Monday."),
      doc("r2", "", "", "Officials said the human shields were released.\nThe general\nassembly voted."),
      doc("r3", "", "", "Reports of human-shields spread. A rare phrase appears here once."),
      doc("r4", "", "", "Nothing in common with the others at all."),
  };
}

// The reference documents as a JSON-lines file at `path`.
void write_reference_jsonl(const std::filesystem::path& path) {
  std::string lines;
  for (const Document& d : reference()) {
    lines += nlohmann::json({{"id", d.id}, {"text", d.text}}).dump();
    lines += "\n";
  }
  testing::write_file(path, lines);
}

TEST(Background, CountsDocumentsThroughVariantKeysAndHyphenParts) {
  const BackgroundTable t = BackgroundTable::build(reference(), {}, 1, "reference");
  EXPECT_EQ(t.documents(), 4u);
  EXPECT_EQ(t.min_tokens(), 2);
  EXPECT_EQ(t.max_tokens(), 8);
  // "human shield" (singular) matches "human shields" and "human-shields".
  EXPECT_EQ(t.document_frequency("human shield"), 3u);
  EXPECT_EQ(t.document_frequency("Human Shields"), 3u);
  EXPECT_EQ(t.document_frequency("human-shield"), 3u);
  // A single line break inside a paragraph is unwrapped by default.
  EXPECT_EQ(t.document_frequency("general assembly"), 2u);
  EXPECT_EQ(t.document_frequency("rare phrase"), 0u);  // one document: not stored
  EXPECT_EQ(t.document_frequency("shield general"), 0u);  // never adjacent within a sentence
  EXPECT_EQ(t.document_frequency("human"), 0u);           // shorter than min_tokens
  // Without unwrapping, the line break between "general" and "assembly" ends the phrase.
  BackgroundOptions keep;
  keep.unwrap_lines = false;
  EXPECT_EQ(BackgroundTable::build(reference(), keep, 1).document_frequency("general assembly"), 0u);
}

TEST(Background, LongerPhrasesUseTheirRarestWindow) {
  std::vector<Document> docs;
  for (int k = 0; k < 3; ++k) docs.push_back(doc(testing::cat("d", std::to_string(k)), "", "", "alpha bravo charlie delta echo."));
  docs.push_back(doc("d3", "", "", "alpha bravo charlie foxtrot."));
  BackgroundOptions o;
  o.max_tokens = 3;
  const BackgroundTable t = BackgroundTable::build(docs, o, 1);
  EXPECT_EQ(t.document_frequency("alpha bravo charlie"), 4u);
  EXPECT_EQ(t.document_frequency("alpha bravo charlie delta echo"), 3u);  // min over its 3-word windows
  EXPECT_EQ(t.document_frequency("alpha bravo charlie delta foxtrot"), 0u);
}

TEST(Background, SaveLoadRoundTrip) {
  testing::TempDir dir;
  const BackgroundTable t = BackgroundTable::build(reference(), {}, 2, "reference.jsonl");
  const auto path = dir.path() / "ref.bg";
  ASSERT_TRUE(t.save(path).is_ok());
  Result<BackgroundTable> u = BackgroundTable::load(path);
  ASSERT_TRUE(u.is_ok()) << u.status().to_string();
  EXPECT_EQ(u->documents(), t.documents());
  EXPECT_EQ(u->size(), t.size());
  EXPECT_GT(u->size(), 0u);
  EXPECT_EQ(u->checksum(), t.checksum());
  EXPECT_EQ(u->min_tokens(), t.min_tokens());
  EXPECT_EQ(u->max_tokens(), t.max_tokens());
  EXPECT_EQ(u->min_documents(), t.min_documents());
  EXPECT_EQ(u->fold_case(), t.fold_case());
  EXPECT_EQ(u->unwrap_lines(), t.unwrap_lines());
  EXPECT_EQ(u->source(), "reference.jsonl");
  EXPECT_EQ(u->file(), path.string());
  for (const char* phrase : {"human shield", "general assembly", "rare phrase", "used human shields"}) {
    EXPECT_EQ(u->document_frequency(phrase), t.document_frequency(phrase)) << phrase;
  }
  // No temporary file left beside it.
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) files += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 1u);
}

TEST(Background, BuildsFromAJsonLinesFileIndependentlyOfThreads) {
  testing::TempDir dir;
  write_reference_jsonl(dir.path() / "ref.jsonl");
  BackgroundOptions small_batches;
  small_batches.batch_documents = 1;
  Result<BackgroundTable> a = BackgroundTable::build(dir.path() / "ref.jsonl", small_batches, 1);
  Result<BackgroundTable> b = BackgroundTable::build(dir.path() / "ref.jsonl", {}, 4);
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  EXPECT_EQ(a->checksum(), b->checksum());
  EXPECT_EQ(a->checksum(), BackgroundTable::build(reference(), {}, 3).checksum());
  EXPECT_EQ(a->document_frequency("human shield"), 3u);
  Result<BackgroundTable> missing = BackgroundTable::build(dir.path() / "nope.jsonl", {}, 1);
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("nope.jsonl"), std::string::npos);
}

TEST(Background, LoadErrorsNameTheFile) {
  testing::TempDir dir;
  const auto path = dir.path() / "table.bg";
  ASSERT_TRUE(BackgroundTable::build(reference(), {}, 1).save(path).is_ok());
  const std::string good = testing::read_file(path);

  Result<BackgroundTable> missing = BackgroundTable::load(dir.path() / "absent.bg");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("absent.bg"), std::string::npos);

  testing::write_file(dir.path() / "text.bg", "id,text\n1,hello\n");
  Result<BackgroundTable> magic = BackgroundTable::load(dir.path() / "text.bg");
  ASSERT_FALSE(magic.is_ok());
  EXPECT_EQ(magic.status().code(), StatusCode::kParseError);
  EXPECT_NE(magic.status().message().find("text.bg"), std::string::npos);
  EXPECT_NE(magic.status().message().find("magic"), std::string::npos);

  std::string future = good;
  const std::uint32_t version = 99;
  std::memcpy(future.data() + 8, &version, sizeof version);  // the version follows the 8-byte magic
  testing::write_file(dir.path() / "future.bg", future);
  Result<BackgroundTable> newer = BackgroundTable::load(dir.path() / "future.bg");
  ASSERT_FALSE(newer.is_ok());
  EXPECT_EQ(newer.status().code(), StatusCode::kIncompatible);
  EXPECT_NE(newer.status().message().find("future.bg"), std::string::npos);
  EXPECT_NE(newer.status().message().find("version 99"), std::string::npos);

  testing::write_file(dir.path() / "cut.bg", good.substr(0, good.size() - 5));
  Result<BackgroundTable> cut = BackgroundTable::load(dir.path() / "cut.bg");
  ASSERT_FALSE(cut.is_ok());
  EXPECT_EQ(cut.status().code(), StatusCode::kParseError);
  EXPECT_NE(cut.status().message().find("cut.bg"), std::string::npos);

  std::string flipped = good;
  flipped.back() = static_cast<char>(flipped.back() ^ 1);  // a document frequency changed
  testing::write_file(dir.path() / "flipped.bg", flipped);
  Result<BackgroundTable> damaged = BackgroundTable::load(dir.path() / "flipped.bg");
  ASSERT_FALSE(damaged.is_ok());
  EXPECT_NE(damaged.status().message().find("checksum"), std::string::npos);
  EXPECT_NE(damaged.status().message().find("flipped.bg"), std::string::npos);
}

// Two phrases in the same position in mirrored documents of two outlets:
// "quantum harbor" and "velvet lantern" (each word used once per document),
// surrounded by different filler words, so that without a table both get the
// same score.
struct Mirrored {
  std::vector<Document> docs;
  std::vector<TokenizedText> tokens;
};

Mirrored mirrored() {
  Mirrored m;
  m.docs = {
      doc("a1", "Alpha", "2024-01-01", "Officials described the quantum harbor plan today. Critics doubted it."),
      doc("b1", "Beta", "2024-01-02", "Ministers praised the quantum harbor idea again. Voters shrugged loudly."),
      doc("a2", "Alpha", "2024-01-01", "Analysts examined the velvet lantern scheme closely. Skeptics laughed."),
      doc("b2", "Beta", "2024-01-02", "Senators debated the velvet lantern proposal twice. Readers yawned."),
  };
  for (const Document& d : m.docs) m.tokens.push_back(tokenize(d.text));
  return m;
}

const TalkingPoint* find(const TalkingPointReport& r, const std::string& canonical, std::size_t* rank = nullptr) {
  for (std::size_t k = 0; k < r.talking_points.size(); ++k) {
    if (r.talking_points[k].canonical == canonical) {
      if (rank != nullptr) *rank = k;
      return &r.talking_points[k];
    }
  }
  return nullptr;
}

TEST(BackgroundScore, APhraseCommonInGeneralTextRanksBelowAnEqualAbsentOne) {
  const Mirrored m = mirrored();
  PhraseOptions o;
  Result<TalkingPointReport> plain = find_talking_points(m.docs, m.tokens, o, {}, 1);
  ASSERT_TRUE(plain.is_ok());
  const TalkingPoint* q0 = find(*plain, "quantum harbor");
  const TalkingPoint* v0 = find(*plain, "velvet lantern");
  ASSERT_TRUE(q0 != nullptr && v0 != nullptr);
  EXPECT_DOUBLE_EQ(q0->score.score, v0->score.score);  // otherwise equal

  // General text uses "quantum harbors" (inflected) in 40 of 1,000 documents.
  std::vector<Document> ref;
  for (int k = 0; k < 1000; ++k) {
    ref.push_back(doc(testing::cat("r", std::to_string(k)), "", "",
                      k < 40 ? std::string("The quantum harbors opened.")
                             : testing::cat("Weather item number ", std::to_string(k), ".")));
  }
  o.background = std::make_shared<const BackgroundTable>(BackgroundTable::build(ref, {}, 1));
  ASSERT_EQ(o.background->document_frequency("quantum harbor"), 40u);
  Result<TalkingPointReport> keyed = find_talking_points(m.docs, m.tokens, o, {}, 1);
  ASSERT_TRUE(keyed.is_ok()) << keyed.status().to_string();
  std::size_t q_rank = 0, v_rank = 0;
  const TalkingPoint* q = find(*keyed, "quantum harbor", &q_rank);
  const TalkingPoint* v = find(*keyed, "velvet lantern", &v_rank);
  ASSERT_TRUE(q != nullptr && v != nullptr);
  EXPECT_DOUBLE_EQ(v->score.distinctiveness, 1.0);  // absent from the background: maximally distinctive
  // ln(1/p_b) / ln(1/p_min), p_b = (40 + 0.1) / 1100, p_min = 0.1 / 1100.
  EXPECT_NEAR(q->score.distinctiveness, std::log(1100 / 40.1) / std::log(1100 / 0.1), 1e-12);
  EXPECT_LT(q->score.score, v->score.score);
  EXPECT_GT(q_rank, v_rank);
  EXPECT_DOUBLE_EQ(q->score.cohesion, q0->score.cohesion);  // only distinctiveness changed
  EXPECT_DOUBLE_EQ(q->score.spread, q0->score.spread);
}

TEST(BackgroundScore, WithoutATableDistinctivenessComesFromTheCorpus) {
  const Mirrored m = mirrored();
  PhraseOptions o;
  Result<TalkingPointReport> r = find_talking_points(m.docs, m.tokens, o, {}, 1);
  ASSERT_TRUE(r.is_ok());
  const TalkingPoint* q = find(*r, "quantum harbor");
  ASSERT_NE(q, nullptr);
  // min(1, ln(1/p) / ln(1/p0)), p = (df + α·p0) / (D + α): 2 of 4 documents.
  const double p = (2 + 100 * 1e-3) / (4 + 100.0);
  EXPECT_NEAR(q->score.distinctiveness, std::min(1.0, std::log(1 / p) / std::log(1 / 1e-3)), 1e-12);
  EXPECT_LT(q->score.distinctiveness, 1.0);
}

TEST(BackgroundScore, SameReportForAnyThreadCount) {
  testing::TempDir dir;
  Result<Corpus> seeds = read_corpus(testing::source_dir() / "corpus/seeds");
  ASSERT_TRUE(seeds.is_ok());
  std::vector<TokenizedText> tokens;
  for (const Document& d : seeds->documents) tokens.push_back(tokenize(d.text));
  // A background of the first half of each seed document, twice: phrases of
  // the first halves are found in it, those only in second halves are not.
  std::vector<Document> ref;
  for (const Document& d : seeds->documents) {
    for (int copy = 0; copy < 2; ++copy) ref.push_back(doc("x", "", "", d.text.substr(0, d.text.size() / 2)));
  }
  PhraseOptions o;
  o.background = std::make_shared<const BackgroundTable>(BackgroundTable::build(ref, {}, 1));
  ASSERT_GT(o.background->size(), 100u);
  const auto summary = [&](int threads) {
    Result<TalkingPointReport> r = find_talking_points(seeds->documents, tokens, o, {}, threads);
    EXPECT_TRUE(r.is_ok());
    std::string s;
    for (const TalkingPoint& tp : r->talking_points) {
      s += testing::cat(tp.canonical, " ", std::to_string(tp.score.score), " ", std::to_string(tp.score.distinctiveness),
                        "\n");
    }
    return s;
  };
  const std::string one = summary(1);
  EXPECT_EQ(one, summary(2));
  EXPECT_EQ(one, summary(4));
  EXPECT_NE(one.find(" 1.000000\n"), std::string::npos);  // some phrases absent from the background
  EXPECT_NE(one.find(" 0."), std::string::npos);         // and some found in it
}

TEST(BackgroundScore, RejectsATableOfOtherTextOptions) {
  const Mirrored m = mirrored();
  PhraseOptions o;
  BackgroundOptions cased;
  cased.text.fold_case = false;
  o.background = std::make_shared<const BackgroundTable>(BackgroundTable::build(reference(), cased, 1));
  Result<TalkingPointReport> r = find_talking_points(m.docs, m.tokens, o, {}, 1);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIncompatible);
  BackgroundOptions long_only;
  long_only.min_tokens = 3;
  o.background = std::make_shared<const BackgroundTable>(BackgroundTable::build(reference(), long_only, 1));
  EXPECT_FALSE(validate(o).is_ok());
}

TEST(BackgroundCli, BuildsATableAndRecordsItInRunJson) {
  testing::TempDir dir;
  write_reference_jsonl(dir.path() / "ref.jsonl");
  const std::string table = (dir.path() / "ref.bg").string();
  testing::CommandResult built =
      testing::run_cli(testing::cat("background '", (dir.path() / "ref.jsonl").string(), "' -o '", table, "' -t 2"));
  ASSERT_EQ(built.exit_code, 0) << built.output;
  EXPECT_NE(built.output.find("of 4 documents"), std::string::npos) << built.output;
  const std::string seeds = (testing::source_dir() / "corpus/seeds").string();
  const std::string out = (dir.path() / "out").string();
  testing::CommandResult ran =
      testing::run_cli(testing::cat("phrases '", seeds, "' -o '", out, "' -t 2 --background '", table, "'"));
  ASSERT_EQ(ran.exit_code, 0) << ran.output;
  const nlohmann::json run = nlohmann::json::parse(testing::read_file(dir.path() / "out/run.json"));
  const nlohmann::json& bg = run["options"]["phrases"]["background"];
  EXPECT_EQ(bg["file"], table);
  EXPECT_EQ(bg["documents"], 4);
  EXPECT_EQ(bg["checksum"].get<std::string>().size(), 16u);
  // Without --background run.json has no background entry.
  testing::CommandResult plain = testing::run_cli(testing::cat("phrases '", seeds, "' -o '", out, "' -t 2"));
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  const nlohmann::json run2 = nlohmann::json::parse(testing::read_file(dir.path() / "out/run.json"));
  EXPECT_FALSE(run2["options"]["phrases"].contains("background"));
  // A file that is not a table: a runtime error naming it.
  testing::write_file(dir.path() / "bad.bg", "not a table");
  testing::CommandResult bad = testing::run_cli(
      testing::cat("phrases '", seeds, "' -o '", out, "' --background '", (dir.path() / "bad.bg").string(), "'"));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.output.find("bad.bg"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace echotrace
