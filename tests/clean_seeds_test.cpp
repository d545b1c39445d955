// Cleaning against ground truth: the hand-labelled lines of the five seed
// articles (tests/data/cleaning, rule in LABELS.md) and a corpus without chrome.
#include <echotrace/clean.h>
#include <echotrace/pipeline.h>
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "test_util.h"

namespace echotrace {
namespace {

struct LineLabel {
  std::size_t begin = 0, end = 0;  // bytes of the line in the seed text
  std::string label;               // body | chrome | blank
};

// Lines of every seed, keyed by document id ("000_0027b050ed44bd7a").
std::map<std::string, std::vector<LineLabel>> seed_labels(const Corpus& corpus) {
  std::map<std::string, std::vector<LineLabel>> out;
  std::ifstream in(testing::source_dir() / "tests/data/cleaning/seed_line_labels.tsv");
  std::string row;
  std::getline(in, row);  // header
  std::map<std::string, std::map<std::size_t, std::string>> labels;
  while (std::getline(in, row)) {
    std::stringstream ss(row);
    std::string file, line, label;
    std::getline(ss, file, '\t');
    std::getline(ss, line, '\t');
    std::getline(ss, label, '\t');
    labels[file.substr(0, file.size() - 4)][std::stoul(line)] = label;
  }
  for (const Document& d : corpus.documents) {
    std::size_t start = 0, number = 0;
    while (start <= d.text.size()) {
      std::size_t nl = d.text.find('\n', start);
      if (nl == std::string::npos) nl = d.text.size();
      out[d.id].push_back({start, nl, labels[d.id][++number]});
      start = nl + 1;
    }
    EXPECT_EQ(out[d.id].size(), labels[d.id].size()) << d.id << ": label file and seed disagree on lines";
  }
  return out;
}

// A line counts as kept when most of its non-space bytes survive the mask.
bool kept(const std::string& text, const std::string& masked, const LineLabel& l) {
  std::size_t bytes = 0, survive = 0;
  for (std::size_t i = l.begin; i < l.end; ++i) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) continue;
    ++bytes;
    survive += masked[i] == text[i];
  }
  return 2 * survive > bytes;
}

class SeedCleaning : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Corpus> c = read_corpus(testing::source_dir() / "corpus/seeds");
    ASSERT_TRUE(c.is_ok()) << c.status().to_string();
    corpus_ = std::move(c).value();
    Result<std::vector<Cleaning>> cl = clean_corpus(corpus_, {}, 2);
    ASSERT_TRUE(cl.is_ok());
    cleaning_ = std::move(cl).value();
    labels_ = seed_labels(corpus_);
  }
  Corpus corpus_;
  std::vector<Cleaning> cleaning_;
  std::map<std::string, std::vector<LineLabel>> labels_;
};

TEST_F(SeedCleaning, BodyLinePrecisionAndRecallAreAtLeast95Percent) {
  std::size_t true_pos = 0, false_pos = 0, false_neg = 0;
  for (std::size_t d = 0; d < corpus_.documents.size(); ++d) {
    const std::string& text = corpus_.documents[d].text;
    const std::string masked = mask_removed(text, cleaning_[d].removed);
    for (const LineLabel& l : labels_[corpus_.documents[d].id]) {
      if (l.label == "blank") continue;
      ASSERT_TRUE(l.label == "body" || l.label == "chrome") << l.label;
      const bool body = l.label == "body";
      const bool keep = kept(text, masked, l);
      true_pos += keep && body;
      false_pos += keep && !body;
      false_neg += !keep && body;
      EXPECT_TRUE(keep || !body) << corpus_.documents[d].id
                                 << " lost body line: " << text.substr(l.begin, l.end - l.begin);
    }
  }
  const double precision = static_cast<double>(true_pos) / static_cast<double>(true_pos + false_pos);
  const double recall = static_cast<double>(true_pos) / static_cast<double>(true_pos + false_neg);
  RecordProperty("precision", std::to_string(precision));
  RecordProperty("recall", std::to_string(recall));
  EXPECT_GE(precision, 0.95);
  EXPECT_GE(recall, 0.95);
}

// Text between quotation marks (“ ” « » or straight double quotes) on body lines.
std::vector<std::pair<std::size_t, std::size_t>> quotations(const std::string& text, const LineLabel& l) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const std::string_view line(text.data() + l.begin, l.end - l.begin);
  const struct {
    std::string_view open, close;
  } marks[] = {{"\u201C", "\u201D"}, {"\u00AB", "\u00BB"}, {"\"", "\""}};
  for (const auto& [open, close] : marks) {
    std::size_t at = 0;
    while ((at = line.find(open, at)) != std::string_view::npos) {
      const std::size_t end = line.find(close, at + open.size());
      if (end == std::string_view::npos) break;
      out.push_back({l.begin + at + open.size(), l.begin + end});
      at = end + close.size();
    }
  }
  return out;
}

TEST_F(SeedCleaning, EveryQuotationOfTheArticlesIsKept) {
  std::size_t quotes = 0;
  for (std::size_t d = 0; d < corpus_.documents.size(); ++d) {
    const std::string& text = corpus_.documents[d].text;
    const std::string masked = mask_removed(text, cleaning_[d].removed);
    for (const LineLabel& l : labels_[corpus_.documents[d].id]) {
      if (l.label != "body") continue;
      for (const auto& [begin, end] : quotations(text, l)) {
        ++quotes;
        EXPECT_EQ(masked.substr(begin, end - begin), text.substr(begin, end - begin))
            << corpus_.documents[d].id;
      }
    }
  }
  EXPECT_GE(quotes, 25u);  // the seeds quote a lot; an empty scan would prove nothing
}

TEST_F(SeedCleaning, RemovesTheChromeTheIssueNames) {
  // Seed 001's registration, privacy and comment-rules tail is most of its bytes.
  std::map<std::string, std::size_t> removed;
  for (std::size_t d = 0; d < corpus_.documents.size(); ++d) {
    removed[corpus_.documents[d].id] = cleaning_[d].removed_bytes();
  }
  EXPECT_GT(removed["001_8f4123800503ebd0"], 5000u);
  EXPECT_GT(removed["004_b6aeb56565f6fc7e"], 500u);
  for (const char* chrome :
       {"Get short URL", "READ MORE:", "Listen Live", "- Advertisement -", "Newsfeed", "loader",
        "log in or register", "Subscribe to our newsletter", "\u00A9 AFP 2018 / Anas AL-DYAB"}) {
    bool found = false;
    for (std::size_t d = 0; d < corpus_.documents.size(); ++d) {
      const std::string& text = corpus_.documents[d].text;
      const std::size_t at = text.find(chrome);
      if (at == std::string::npos) continue;
      found = true;
      EXPECT_EQ(mask_removed(text, cleaning_[d].removed).substr(at, 3), "   ") << chrome;
    }
    EXPECT_TRUE(found) << chrome;
  }
}

TEST_F(SeedCleaning, TokenOffsetsStillIndexTheOriginalText) {
  for (std::size_t d = 0; d < corpus_.documents.size(); ++d) {
    const std::string& text = corpus_.documents[d].text;
    const TokenizedText masked = tokenize(mask_removed(text, cleaning_[d].removed));
    const TokenizedText original = tokenize(text);
    EXPECT_LT(masked.size(), original.size() + 1);
    for (std::size_t i = 0; i < masked.size(); ++i) {
      const Token& t = masked.tokens[i];
      // The same bytes tokenized alone give the same normalised word.
      const TokenizedText alone = tokenize(std::string_view(text).substr(t.begin, t.end - t.begin));
      ASSERT_EQ(alone.size(), 1u);
      EXPECT_EQ(alone.token(0), masked.token(i));
    }
  }
}

TEST(CleanCorpora, CloughAnswersWithoutChromeLoseLessThanOnePercent) {
  const auto path = testing::source_dir() / "../shared/corpora/clough_reuse_docs.jsonl";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  Result<Corpus> c = read_corpus(path);
  ASSERT_TRUE(c.is_ok()) << c.status().to_string();
  Result<std::vector<Cleaning>> cl = clean_corpus(*c, {}, 2);
  ASSERT_TRUE(cl.is_ok());
  std::size_t total = 0, removed = 0;
  for (std::size_t d = 0; d < c->documents.size(); ++d) {
    total += c->documents[d].text.size();
    removed += (*cl)[d].removed_bytes();
  }
  RecordProperty("removed_percent",
                 std::to_string(100.0 * static_cast<double>(removed) / static_cast<double>(total)));
  EXPECT_GT(total, 100000u);
  EXPECT_LT(static_cast<double>(removed), 0.01 * static_cast<double>(total));
}

}  // namespace
}  // namespace echotrace
