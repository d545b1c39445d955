// The HTML report and heatmap.svg as written by analyze on the seeds, and the
// explain record. The rendered page is checked in a real browser by
// tests/browser/report_browser_test.py; these tests check the markup itself.
#include <echotrace/pipeline.h>
#include <echotrace/report.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace echotrace {
namespace {

using testing::cat;

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

Corpus seeds() {
  Result<Corpus> c = read_corpus(testing::source_dir() / "corpus/seeds");
  EXPECT_TRUE(c.is_ok()) << c.status().to_string();
  return std::move(c).value();
}

ReportInput input_for(const Analysis& a, const Corpus& corpus, const PipelineOptions& o) {
  ReportInput in;
  in.corpus = &corpus;
  in.cleaning = a.cleaning;
  in.dense = a.dense;
  in.minhash = a.dense ? &a.minhash : nullptr;
  in.jaccard = a.dense ? &a.jaccard : nullptr;
  in.cosine = a.dense ? &a.cosine : nullptr;
  in.pairs = a.pairs;
  in.clusters = &a.clusters;
  in.explained = a.explained;
  in.talking_points = &a.phrases.report;
  in.options = o.report;
  return in;
}

// The JSON data block of a report page.
nlohmann::json page_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"echotrace-data\">";
  const std::size_t from = html.find(open);
  EXPECT_NE(from, std::string::npos);
  const std::size_t begin = from + open.size();
  return nlohmann::json::parse(html.substr(begin, html.find("</script>", begin) - begin));
}

class SeedReport : public ::testing::Test {
 protected:
  void SetUp() override {
    o_.threads = 2;
    Result<Analysis> a = analyze(corpus_, o_);
    ASSERT_TRUE(a.is_ok()) << a.status().to_string();
    analysis_ = std::move(a).value();
  }
  Corpus corpus_ = seeds();
  PipelineOptions o_;
  Analysis analysis_;
};

TEST_F(SeedReport, DocumentHeatmapHasOneCellPerPairWithAllThreeScores) {
  const ReportInput in = input_for(analysis_, corpus_, o_);
  const std::string svg = heatmap_svg(in, 2, true);
  EXPECT_EQ(count(svg, "<rect class=\"cell\""), 25u);
  EXPECT_EQ(count(svg, "data-s=\""), 25u);
  // Diagonal cells score 1 on every measure.
  EXPECT_EQ(count(svg, "data-s=\"1.0000,1.0000,1.0000\""), 5u);
  // The standalone picture carries a tooltip per cell and its legend.
  const std::string paper = heatmap_svg(in, 1, false);
  EXPECT_EQ(count(paper, "<title>"), 25u + 5u);  // cells and outlet bands
  EXPECT_NE(paper.find("exact Jaccard: 5 documents grouped by outlet"), std::string::npos);
  EXPECT_NE(paper.find("linearGradient id=\"viridis\""), std::string::npos);
  EXPECT_EQ(paper, heatmap_svg(in, 1, false));
}

TEST_F(SeedReport, AboveTheLimitTheHeatmapIsOutletByOutlet) {
  ReportInput in = input_for(analysis_, corpus_, o_);
  in.options.heatmap_limit = 4;  // five seeds: outlets instead (TASS, Sputnik, unattributed)
  const std::string svg = heatmap_svg(in, 2, true);
  EXPECT_EQ(count(svg, "<rect class=\"cell\""), 9u);
  EXPECT_NE(svg.find("mean TF-IDF cosine: 3 outlets"), std::string::npos);
  // TASS × TASS is the mean cosine of seeds 000 and 003 (the diagonal of
  // documents is left out).
  const double tass = analysis_.cosine.at(0, 3);
  EXPECT_NE(svg.find(cat("data-a=\"TASS\" data-b=\"TASS\" data-s=\"")), std::string::npos);
  const std::size_t at = svg.find("data-a=\"TASS\" data-b=\"TASS\" data-s=\"");
  const std::string scores = svg.substr(at + 37, 30);
  const std::string cosine = scores.substr(scores.rfind(',', scores.find('"')) + 1, 6);
  EXPECT_NEAR(std::stod(cosine), tass, 1e-4) << scores;
}

TEST_F(SeedReport, PageIsSelfContainedDeterministicAndCarriesEverySection) {
  const ReportInput in = input_for(analysis_, corpus_, o_);
  const std::string html = render_report_html(in);
  EXPECT_EQ(html, render_report_html(in));
  for (const char* outside : {"src=", "href=\"http", "url(http", "@import", "<link"}) {
    EXPECT_EQ(html.find(outside), std::string::npos) << outside;
  }
  for (const char* section : {"id=\"overview\"", "id=\"heatmap\"", "id=\"pairs\"", "id=\"talking-points\"",
                              "id=\"timeline\"", "<svg", "class=\"timeline\""}) {
    EXPECT_NE(html.find(section), std::string::npos) << section;
  }
  EXPECT_NE(html.find("data-canonical=\"de-escalation zone\""), std::string::npos);
  EXPECT_EQ(count(html, "<tr class=\"pair\""), analysis_.explained.size());
  // One data block, closed once: no "</" of the texts escapes it.
  EXPECT_EQ(count(html, "</script>"), 2u);
  const nlohmann::json data = page_data(html);
  EXPECT_EQ(data["pairs"].size(), analysis_.explained.size());
  EXPECT_EQ(data["docs"].size(), 5u);  // 5 small seeds fit the text budget
  // Texts round-trip exactly, chrome spans included.
  EXPECT_EQ(data["docs"]["0"]["text"].get<std::string>(), corpus_.documents[0].text);
  EXPECT_EQ(data["docs"]["1"]["removed"].size(), analysis_.cleaning[1].removed.size());
}

TEST_F(SeedReport, TextBudgetLeavesTextsOutButThePageStillRenders) {
  ReportInput in = input_for(analysis_, corpus_, o_);
  in.options.text_budget = 0;
  const std::string html = render_report_html(in);
  EXPECT_TRUE(page_data(html)["docs"].empty());
  EXPECT_EQ(html.find("class=\"open\""), std::string::npos);  // no viewer links without text
  EXPECT_NE(html.find("data-canonical=\"de-escalation zone\""), std::string::npos);
}

TEST(ReportOffsets, SpansAreInUtf16UnitsForTheBrowser) {
  // "€" is 3 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
  Corpus corpus;
  corpus.source = "mem";
  corpus.documents.push_back({"a", "X", "2020-01-01", "", "", "€ 😀 the shared words here now", "mem:1"});
  corpus.documents.push_back({"b", "Y", "2020-01-02", "", "", "the shared words here now", "mem:2"});
  PipelineOptions o;
  o.phrases.enabled = false;
  o.shingle.k = 3;
  Result<Analysis> a = analyze(corpus, o);
  ASSERT_TRUE(a.is_ok()) << a.status().to_string();
  ASSERT_EQ(a->explained.size(), 1u);
  ASSERT_EQ(a->explained[0].spans.size(), 1u);
  EXPECT_EQ(a->explained[0].spans[0].a_begin, 9u);  // bytes: 3 + 1 + 4 + 1
  ReportInput in = input_for(*a, corpus, o);
  in.talking_points = nullptr;
  const nlohmann::json data = page_data(render_report_html(in));
  const nlohmann::json span = data["pairs"][0]["spans"][0];
  EXPECT_EQ(span[0].get<int>(), 5);   // units: 1 + 1 + 2 + 1
  EXPECT_EQ(span[1].get<int>(), 5 + 25);
  EXPECT_EQ(span[2].get<int>(), 0);
}

TEST(ReportEscaping, MarkupInIdsTitlesAndTextsStaysText) {
  const std::string evil = "<img src=x onerror=alert(1)> \"quoted\" & 'single'";
  Corpus corpus;
  corpus.source = "mem";
  corpus.documents.push_back({evil, evil, "2020-01-01", evil,
                              "", "</script><script>alert(1)</script> the shared words run here now", "mem:1"});
  corpus.documents.push_back({"b", "Y", "2020-01-02", "", "", "the shared words run here now <!-- x", "mem:2"});
  PipelineOptions o;
  o.shingle.k = 3;
  Result<Analysis> a = analyze(corpus, o);
  ASSERT_TRUE(a.is_ok()) << a.status().to_string();
  const std::string html = render_report_html(input_for(*a, corpus, o));
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<!-- x"), std::string::npos);
  EXPECT_EQ(count(html, "</script>"), 2u);  // the data block's and the script's own
  EXPECT_EQ(count(html, "<script"), 2u);
  // The texts still round-trip through the data block.
  EXPECT_EQ(page_data(html)["docs"]["0"]["text"].get<std::string>(), corpus.documents[0].text);
}

TEST(ExplainRecord, JsonAndTextCarryScoresTermsAndPassages) {
  const Corpus corpus = seeds();
  PipelineOptions o;
  Result<PairExplanation> e = explain(corpus, o, "001_8f4123800503ebd0", "002_5c4f401af33235dc");
  ASSERT_TRUE(e.is_ok()) << e.status().to_string();
  ASSERT_FALSE(e->spans.empty());
  const nlohmann::json j = nlohmann::json::parse(explanation_json(*e, corpus));
  EXPECT_EQ(j["a"]["id"], "001_8f4123800503ebd0");
  EXPECT_EQ(j["b"]["outlet"], "");
  EXPECT_NEAR(j["scores"]["cosine"].get<double>(), e->scores.cosine, 1e-6);
  EXPECT_EQ(j["spans"].size(), e->spans.size());
  for (const nlohmann::json& s : j["spans"]) {
    const std::size_t b = s["a_begin"], end = s["a_end"];
    EXPECT_EQ(s["text"].get<std::string>(), corpus.documents[1].text.substr(b, end - b));
  }
  EXPECT_EQ(j["top_terms"].size(), o.report.terms);
  const std::string text = explanation_text(*e, corpus);
  EXPECT_NE(text.find("exact Jaccard " + std::string(j["scores"]["exact_jaccard"].dump()).substr(0, 5)),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Shared passages: " + std::to_string(e->spans.size())), std::string::npos);
}

TEST(ExplainCli, PrintsTheRecordAndNamesAMissingId) {
  const std::string seeds_dir = (testing::source_dir() / "corpus/seeds").string();
  const auto r = testing::run_cli("explain 001_8f4123800503ebd0 002_5c4f401af33235dc -i '" + seeds_dir + "' --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const nlohmann::json j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["b"]["id"], "002_5c4f401af33235dc");
  const auto t = testing::run_cli("explain 001_8f4123800503ebd0 002_5c4f401af33235dc -i '" + seeds_dir + "'");
  ASSERT_EQ(t.exit_code, 0) << t.output;
  EXPECT_NE(t.output.find("Top shared terms"), std::string::npos);
  const auto missing = testing::run_cli("explain 001_8f4123800503ebd0 nope -i '" + seeds_dir + "'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.output.find("no document with id 'nope'"), std::string::npos) << missing.output;
}

}  // namespace
}  // namespace echotrace
