#include <echotrace/io.h>
#include <echotrace/text.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "test_util.h"

namespace echotrace {
namespace {

std::vector<std::string> words(std::string_view text, TextOptions o = {}) {
  const TokenizedText t = tokenize(text, o);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < t.size(); ++i) out.emplace_back(t.token(i));
  return out;
}

using W = std::vector<std::string>;

TEST(Tokenize, KeepsWordInternalHyphensAndApostrophes) {
  EXPECT_EQ(words("The de-escalation zone in Syria's Idlib"),
            (W{"the", "de-escalation", "zone", "in", "syria's", "idlib"}));
  // Typographic apostrophe and non-breaking hyphen unify with the ASCII forms.
  EXPECT_EQ(words("Syria\u2019s de\u2011escalation"), (W{"syria's", "de-escalation"}));
  // Not between two word characters: punctuation, not part of a word.
  EXPECT_EQ(words("'quoted' -dash- ten\u2013fifteen"), (W{"quoted", "dash", "ten", "fifteen"}));
}

TEST(Tokenize, NormalisesNfkcAndFoldsCase) {
  EXPECT_EQ(words("\uFB01nance \uFF21\uFF22\uFF23 STRASSE Stra\u00DFe"), (W{"finance", "abc", "strasse", "strasse"}));
  TextOptions keep;
  keep.fold_case = false;
  EXPECT_EQ(words("Idlib IDLIB", keep), (W{"Idlib", "IDLIB"}));
}

TEST(Tokenize, CyrillicArabicAndCjk) {
  EXPECT_EQ(words("Заголовок открываемого материала"), (W{"заголовок", "открываемого", "материала"}));
  // Arabic letters with a combining mark (shadda) stay one word.
  EXPECT_EQ(words("إدلب سوريّة"), (W{"إدلب", "سوريّة"}));
  // No spaces in Chinese or Japanese: one token per ideograph or kana.
  EXPECT_EQ(words("伊德利卜省"), (W{"伊", "德", "利", "卜", "省"}));
  EXPECT_EQ(words("emoji 🙂 between"), (W{"emoji", "between"}));
}

TEST(Tokenize, DigitsAreWordsAndPunctuationSeparates) {
  EXPECT_EQ(words("On 22.02.2020, 8 drones"), (W{"on", "22", "02", "2020", "8", "drones"}));
}

TEST(Tokenize, IllFormedUtf8SeparatesTokens) {
  EXPECT_EQ(words(std::string("ab\xFF" "cd \xC3")), (W{"ab", "cd"}));
}

// Every token's span must cut the original bytes of that word out of the text,
// and re-tokenizing that cut must give the same normalised token.
void expect_offsets_round_trip(const std::string& text) {
  const TokenizedText t = tokenize(text);
  ASSERT_GT(t.size(), 0u);
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Token& tok = t.tokens[i];
    ASSERT_LE(previous_end, tok.begin);
    ASSERT_LT(tok.begin, tok.end);
    ASSERT_LE(tok.end, text.size());
    const TokenizedText again = tokenize(std::string_view(text).substr(tok.begin, tok.end - tok.begin));
    ASSERT_EQ(again.size(), 1u) << "token " << i << " '" << t.token(i) << "'";
    EXPECT_EQ(again.token(0), t.token(i));
    previous_end = tok.end;
  }
}

TEST(Tokenize, OffsetsMapBackToOriginalBytes) {
  ASSERT_NO_FATAL_FAILURE(
      expect_offsets_round_trip("MOSCOW, February 22. /TASS/. Russia\u2019s \u201Cnest of terrorism\u201D — de-escalation"));
  ASSERT_NO_FATAL_FAILURE(expect_offsets_round_trip("Заголовок открываемого материала, إدلب 伊德利卜 \uFB01nance"));
  for (const char* seed : {"000_0027b050ed44bd7a.txt", "001_8f4123800503ebd0.txt", "004_b6aeb56565f6fc7e.txt"}) {
    ASSERT_NO_FATAL_FAILURE(expect_offsets_round_trip(testing::read_file(testing::source_dir() / "corpus/seeds" / seed)));
  }
}

// tokenize() writes ASCII words itself and sends only the others through ICU:
// every token must still be exactly ICU's normal form of its original bytes,
// and `normalized` exactly the tokens joined by single spaces.
void expect_tokens_are_icu_normal_forms(std::string_view text, std::size_t* compared = nullptr) {
  for (bool fold : {true, false}) {
    const TextOptions o{.fold_case = fold};
    const TokenizedText t = tokenize(text, o);
    std::string joined;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const Token& k = t.tokens[i];
      ASSERT_EQ(t.token(i), normalize(text.substr(k.begin, k.end - k.begin), o))
          << "token " << i << " at byte " << k.begin << ", fold_case " << fold;
      if (i > 0) joined += ' ';
      joined += t.token(i);
    }
    if (compared != nullptr) *compared += t.size();
    ASSERT_EQ(t.normalized, joined) << "fold_case " << fold;
  }
}

TEST(Tokenize, AsciiWordsEqualIcuNormalForms) {
  for (const char* seed : {"000_0027b050ed44bd7a.txt", "001_8f4123800503ebd0.txt", "004_b6aeb56565f6fc7e.txt"}) {
    SCOPED_TRACE(seed);
    ASSERT_NO_FATAL_FAILURE(
        expect_tokens_are_icu_normal_forms(testing::read_file(testing::source_dir() / "corpus/seeds" / seed)));
  }
  // Random mixtures of the characters the word rule and the normaliser care
  // about: ASCII letters of both cases, digits, joiners, separators, accented
  // and decomposed letters, ligatures, fullwidth and typographic forms, soft
  // hyphen, CJK, and ill-formed bytes.
  const std::vector<std::string> pieces = {
      "a", "Z", "q", "M", "7", "0", "'", "-", " ", "  ", ",", ".", "\n", "/", "_", "\"",
      "\u00E9", "e\u0301", "\u00C9", "\uFB01", "\uFF21", "\uFF07", "\u2019", "\u2011", "\u2014", "\u00AD",
      "\u0416", "\u0436", "\u4F0A", "\u30AB", "\u00DF", "\u0130", "\u212B", "\u00BD", "\xff", "\xc3", "\x80"};
  std::mt19937_64 rng(4);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t len = 1 + rng() % 40;
    for (std::size_t k = 0; k < len; ++k) text += pieces[rng() % pieces.size()];
    SCOPED_TRACE(text);
    ASSERT_NO_FATAL_FAILURE(expect_tokens_are_icu_normal_forms(text));
  }
}

TEST(Tokenize, AsciiWordsEqualIcuNormalFormsOnRealArticles) {
  const auto path = testing::source_dir() / "../shared/corpora/scale_news.jsonl.zst";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "corpus not present: " << path;
  auto reader = JsonlReader::open(path);
  ASSERT_TRUE(reader.is_ok());
  std::size_t compared = 0;
  for (int docs = 0; docs < 300; ++docs) {
    auto d = (*reader)->next();
    ASSERT_TRUE(d.is_ok());
    if (!d->has_value()) break;
    SCOPED_TRACE((**d).id);
    ASSERT_NO_FATAL_FAILURE(expect_tokens_are_icu_normal_forms((**d).text, &compared));
  }
  EXPECT_GT(compared, 10000u);
}

// Long texts take the tokenizer's 64-byte path, texts under 65 bytes never do:
// a long text cut at spaces into short pieces must give the same tokens
// piece by piece (offsets shifted), whatever the mix of ASCII and other bytes.
TEST(Tokenize, LongTextsSplitLikeTheirShortPieces) {
  const std::vector<std::string> pieces = {
      "a", "Z", "q", "M",  "7",      "0",       "word",   "Longer", "'",      "-",      "--",   " ",     " ",
      " ", ",", ".", "\n", "\u00E9", "e\u0301", "\u2019", "\u2014", "\u4F0A", "\u0416", "\xff", "\u00AD"};
  std::mt19937_64 rng(64);
  std::size_t long_texts = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t len = 20 + rng() % 200;
    const std::size_t ascii_only = rng() % 2;  // half the texts pure ASCII
    for (std::size_t k = 0; k < len; ++k) text += pieces[rng() % (ascii_only ? 17 : pieces.size())];
    if (text.size() < 65) continue;
    // Cut before a space, each piece under 65 bytes.
    std::vector<std::size_t> cuts{0};
    bool ok = true;
    while (text.size() - cuts.back() >= 65) {
      const std::size_t space = text.rfind(' ', cuts.back() + 63);
      if (space == std::string::npos || space <= cuts.back()) {
        ok = false;
        break;
      }
      cuts.push_back(space);
    }
    if (!ok) continue;
    cuts.push_back(text.size());
    ++long_texts;
    for (bool fold : {true, false}) {
      const TextOptions o{.fold_case = fold};
      const TokenizedText whole = tokenize(text, o);
      std::vector<std::tuple<std::size_t, std::size_t, std::string>> expected, got;
      for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
        const TokenizedText part = tokenize(std::string_view(text).substr(cuts[c], cuts[c + 1] - cuts[c]), o);
        for (std::size_t i = 0; i < part.size(); ++i) {
          expected.emplace_back(part.tokens[i].begin + cuts[c], part.tokens[i].end + cuts[c], part.token(i));
        }
      }
      for (std::size_t i = 0; i < whole.size(); ++i)
        got.emplace_back(whole.tokens[i].begin, whole.tokens[i].end, whole.token(i));
      ASSERT_EQ(got, expected) << text << " fold_case " << fold;
    }
  }
  EXPECT_GT(long_texts, 1000u);
}

TEST(Tokenize, NormalizedTextIsTokensJoinedBySpaces) {
  const TokenizedText t = tokenize("Nest  of\n\nTERRORISM!");
  EXPECT_EQ(t.normalized, "nest of terrorism");
  EXPECT_EQ(t.span(0, 3), "nest of terrorism");
  EXPECT_EQ(t.span(1, 2), "of terrorism");
}

TEST(Normalize, UnifiesQuotesAndDashes) {
  EXPECT_EQ(normalize("\u201CNest\u201D \u00ABof\u00BB \u2018T\u2019 \u2014 x\u2013y"), "\"nest\" \"of\" 't' - x-y");
}

}  // namespace
}  // namespace echotrace
