#include <echotrace/text.h>
#include <gtest/gtest.h>

#include <string>
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
