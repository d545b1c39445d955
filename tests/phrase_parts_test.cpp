// The pieces of the phrase stage: spelling rules, variant classes, quotation
// detection, penalties, and a synthetic mini-corpus for variants, voice and
// timeline lags.
#include <echotrace/phrases.h>
#include <echotrace/word_list.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "internal/english.h"
#include "internal/phrase_matcher.h"
#include "internal/phrase_mining.h"
#include "internal/quotes.h"
#include "internal/stemmer.h"
#include "internal/variants.h"

namespace echotrace {
namespace {

using internal::american_spelling;
using internal::quotation_spans;

TEST(English, BritishSpellingsBecomeAmerican) {
  EXPECT_EQ(american_spelling("demilitarised"), "demilitarized");
  EXPECT_EQ(american_spelling("organisation"), "organization");
  EXPECT_EQ(american_spelling("analyse"), "analyze");
  EXPECT_EQ(american_spelling("colour"), "color");
  EXPECT_EQ(american_spelling("favourite"), "favorite");
  EXPECT_EQ(american_spelling("behaviour"), "behavior");
  EXPECT_EQ(american_spelling("centres"), "centers");
  EXPECT_EQ(american_spelling("defence"), "defense");
  EXPECT_EQ(american_spelling("programme"), "program");
  EXPECT_EQ(american_spelling("travelled"), "traveled");
  EXPECT_EQ(american_spelling("labelling"), "labeling");
  for (const char* same : {"rise", "your", "hour", "figure", "entire", "called", "filled", "resources", "demilitarized"}) {
    EXPECT_EQ(american_spelling(same), same);
  }
}

TEST(English, WordFlags) {
  using internal::kDateWord, internal::kNumber, internal::kStopWord;
  EXPECT_EQ(internal::word_flags("the"), kStopWord);
  EXPECT_EQ(internal::word_flags("don't"), kStopWord);
  EXPECT_EQ(internal::word_flags("zone"), 0);
  EXPECT_EQ(internal::word_flags("2018"), kNumber | kDateWord);
  EXPECT_EQ(internal::word_flags("17th"), kNumber);
  EXPECT_EQ(internal::word_flags("billion"), kNumber);
  EXPECT_EQ(internal::word_flags("mln"), kNumber);
  EXPECT_EQ(internal::word_flags("twelve"), kNumber);
  EXPECT_EQ(internal::word_flags("billionaire"), 0);
  EXPECT_EQ(internal::word_flags("february"), kDateWord);
  EXPECT_EQ(internal::word_flags("may"), kStopWord | kDateWord);
}

TEST(Variants, StemsAndKeys) {
  internal::Stemmer stemmer;
  EXPECT_EQ(stemmer.stem("shields"), stemmer.stem("shield"));
  EXPECT_EQ(internal::variant_key("Demilitarised", stemmer), internal::variant_key("demilitarized", stemmer));
  EXPECT_EQ(internal::variant_key("syria's", stemmer), internal::variant_key("syria", stemmer));
}

TEST(Variants, TransliterationPairs) {
  EXPECT_DOUBLE_EQ(internal::bigram_dice("recep", "rejep"), 8.0 / 12.0);
  EXPECT_DOUBLE_EQ(internal::bigram_dice("hmeymim", "hmeimim"), 12.0 / 16.0);
  const internal::TransliterationOptions o;
  EXPECT_TRUE(internal::transliteration_pair("recep", "rejep", o));
  EXPECT_TRUE(internal::transliteration_pair("hmeymim", "hmeimim", o));
  EXPECT_TRUE(internal::transliteration_pair("hmeymim", "hmeymin", o));
  EXPECT_TRUE(internal::transliteration_pair("sergei", "sergey", o));
  EXPECT_FALSE(internal::transliteration_pair("hmeimim", "hmeymin", o));  // two letters apart: only via hmeymim
  EXPECT_FALSE(internal::transliteration_pair("iran", "iraq", o));        // too short
  EXPECT_FALSE(internal::transliteration_pair("syria", "syrian", o));     // a prefix: a derived word
  EXPECT_FALSE(internal::transliteration_pair("obama", "osama", o));      // second letter differs
  EXPECT_FALSE(internal::transliteration_pair("moscow", "london", o));
}

TEST(Variants, ClassesJoinInflectionsSpellingsAndTransliterationsByLinkage) {
  const std::vector<internal::WordType> types = {
      {"hmeymim", 3, 3}, {"hmeimim", 1, 1}, {"hmeymin", 1, 1}, {"shields", 2, 0}, {"shield", 5, 0},
      {"recep", 4, 4},   {"rejep", 1, 1},   {"caterer", 2, 0}, {"materer", 1, 0}, {"colour", 1, 0}, {"color", 1, 0}};
  const internal::VariantClasses vc = internal::VariantClasses::build(types, {}, 2);
  EXPECT_EQ(vc.class_of(0), vc.class_of(1));
  EXPECT_EQ(vc.class_of(0), vc.class_of(2));  // hmeimim–hmeymim–hmeymin, single linkage
  EXPECT_EQ(vc.class_of(3), vc.class_of(4));
  EXPECT_EQ(vc.class_of(5), vc.class_of(6));
  EXPECT_NE(vc.class_of(7), vc.class_of(8));  // lower-case words are not names
  EXPECT_EQ(vc.class_of(9), vc.class_of(10));
  EXPECT_EQ(vc.representative(vc.class_of(1)), 0u);  // the most frequent spelling
  internal::Stemmer stemmer;
  EXPECT_EQ(vc.find("hmeimin", stemmer), vc.class_of(0));  // unseen spelling, one letter from hmeimim
  EXPECT_EQ(vc.find("shield", stemmer), vc.class_of(3));
  EXPECT_FALSE(vc.find("kiev", stemmer).has_value());
}

// The typo rule joins a word one letter short of one used ten times as
// often, unless a spelling dictionary lists it: "cries" is a word of its own,
// not "crimes" misspelled; "recomendations" is no word.
TEST(Variants, ADictionaryWordIsNoTypo) {
  const std::vector<internal::WordType> types = {
      {"crimes", 100, 0}, {"cries", 5, 0}, {"recommendations", 100, 0}, {"recomendations", 3, 0}};
  const internal::VariantClasses without = internal::VariantClasses::build(types, {}, 2);
  EXPECT_EQ(without.class_of(0), without.class_of(1));
  EXPECT_EQ(without.class_of(2), without.class_of(3));
  const WordList dictionary = WordList::of({"Crimes", "cries", "recommendations"});
  const internal::VariantClasses with = internal::VariantClasses::build(types, {}, 2, &dictionary);
  EXPECT_NE(with.class_of(0), with.class_of(1));
  EXPECT_EQ(with.class_of(2), with.class_of(3));
  // A word the list spells with an accent is listed without it too: "fiance"
  // is no typo of "finance".
  const std::vector<internal::WordType> accents = {{"finance", 100, 0}, {"fiance", 5, 0}};
  const internal::VariantClasses plain = internal::VariantClasses::build(accents, {}, 2);
  EXPECT_EQ(plain.class_of(0), plain.class_of(1));
  const WordList accented = WordList::of({"finance", "fiancé"});
  const internal::VariantClasses listed = internal::VariantClasses::build(accents, {}, 2, &accented);
  EXPECT_NE(listed.class_of(0), listed.class_of(1));
}

// A word mostly written as part of names still has its typos when it is
// written in lower case at least one use in ten ("the department said"); a
// name has none ("carte" is not "Carter" misspelled).
TEST(Variants, TyposOfWordsOftenCapitalisedButNotOfNames) {
  const std::vector<internal::WordType> types = {
      {"department", 100, 80}, {"departmnt", 3, 0}, {"carter", 100, 99}, {"carte", 5, 0}};
  const internal::VariantClasses vc = internal::VariantClasses::build(types, {}, 2);
  EXPECT_EQ(vc.class_of(0), vc.class_of(1));
  EXPECT_NE(vc.class_of(2), vc.class_of(3));
}

// The matcher reports every target starting at a position, one-token ones
// included, and no n-gram that only shares a first class or a hash prefix
// with one; a target is not found past the end of the run.
TEST(PhraseMatcher, FindsEveryTargetStartingAtAPosition) {
  using internal::ngram_hash;
  const std::vector<std::uint32_t> cls = {3, 1, 4, 1, 5, 3, 1, 4, 2};
  const std::vector<internal::PhraseTarget> targets = {
      {ngram_hash(&cls[0], 2), 2, 3, 1},  // 0: "3 1"
      {ngram_hash(&cls[0], 3), 3, 3, 1},  // 1: "3 1 4"
      {ngram_hash(&cls[0], 1), 1, 3, 0},  // 2: "3"
      {ngram_hash(&cls[4], 2), 2, 5, 3},  // 3: "5 3"
      {0, 2, 3, 1},                       // 4: cannot occur
      {ngram_hash(&cls[0], 2), 2, 3, 1},  // 5: "3 1" again (a watched phrase and a mined one)
  };
  const internal::PhraseMatcher matcher(targets, 6);
  const auto found_at = [&](std::size_t p, std::uint32_t run) {
    std::vector<std::uint32_t> out;
    matcher.at(&cls[p], run, [&](std::uint32_t k) { out.push_back(k); });
    return out;
  };
  EXPECT_EQ(found_at(0, 9), (std::vector<std::uint32_t>{2, 0, 5, 1}));  // lengths ascending
  EXPECT_EQ(found_at(5, 4), (std::vector<std::uint32_t>{2, 0, 5, 1}));
  EXPECT_EQ(found_at(5, 2), (std::vector<std::uint32_t>{2, 0, 5}));  // "3 1 4" crosses the run's end
  EXPECT_EQ(found_at(0, 1), (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(found_at(4, 5), (std::vector<std::uint32_t>{3}));
  EXPECT_TRUE(found_at(1, 8).empty());  // "1 4": no target starts with class 1
  EXPECT_TRUE(found_at(8, 1).empty());
  // A class id beyond the matcher's classes matches nothing.
  const std::vector<std::uint32_t> beyond = {7, 1};
  std::size_t calls = 0;
  matcher.at(beyond.data(), 2, [&](std::uint32_t) { ++calls; });
  EXPECT_EQ(calls, 0u);
}

// The text inside each span of `s`.
std::vector<std::string> quoted(const std::string& s) {
  std::vector<std::string> out;
  for (const internal::QuoteSpan& q : quotation_spans(s)) out.push_back(s.substr(q.begin, q.end - q.begin));
  return out;
}

TEST(Quotes, StraightCurlyAngleAndNested) {
  EXPECT_EQ(quoted("He said \"one. Two.\" Then left."), std::vector<std::string>{"\"one. Two.\""});
  EXPECT_EQ(quoted("a \u201Ccurly\u201D b \u00ABangle\u00BB c \u2018single\u2019 d"),
            (std::vector<std::string>{"\u201Ccurly\u201D", "\u00ABangle\u00BB", "\u2018single\u2019"}));
  const std::string nested = "He said: \"They told us 'it is coming' and left.\" Fine.";
  const auto spans = quotation_spans(nested);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(nested.substr(spans[0].begin, spans[0].end - spans[0].begin),
            "\"They told us 'it is coming' and left.\"");
  EXPECT_EQ(spans[0].depth, 0);
  EXPECT_EQ(nested.substr(spans[1].begin, spans[1].end - spans[1].begin), "'it is coming'");
  EXPECT_EQ(spans[1].depth, 1);
  EXPECT_EQ(quoted("\u201EGerman\u201C style"), std::vector<std::string>{"\u201EGerman\u201C"});
  EXPECT_EQ(quoted("\u00BBDanish\u00AB style"), std::vector<std::string>{"\u00BBDanish\u00AB"});
}

TEST(Quotes, ApostrophesAndPossessivesAreNotQuotes) {
  EXPECT_TRUE(quotation_spans("Syria\u2019s terrorists\u2019 attacks don't stop, it's 'rock 'n' roll").size() <= 1);
  EXPECT_TRUE(quotation_spans("Syria\u2019s terrorists\u2019 attacks don't stop").empty());
  EXPECT_EQ(quoted("\"We can't stop,\" he said; the rebels' base"), std::vector<std::string>{"\"We can't stop,\""});
}

TEST(Quotes, QuotationsRunOverSentencesAndEndAtTheLineAtTheLatest) {
  const std::string s = "\"First sentence. Second one.\nNew paragraph \"still open\nlast line";
  const auto q = quoted(s);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0], "\"First sentence. Second one.");
  EXPECT_EQ(q[1], "\"still open");
  const std::string text = "x \"a b c\" y";
  const auto spans = quotation_spans(text);
  EXPECT_TRUE(internal::inside_quotation(spans, 3, 8));
  EXPECT_FALSE(internal::inside_quotation(spans, 10, 11));
}

TEST(Penalty, StopWordsNumbersAndDates) {
  using internal::kDateWord, internal::kNumber, internal::kStopWord;
  const auto p = [](std::vector<std::uint8_t> f) { return internal::phrase_penalty(f); };
  EXPECT_DOUBLE_EQ(p({0, 0}), 1.0);
  EXPECT_DOUBLE_EQ(p({kStopWord, 0}), 0.3);
  EXPECT_DOUBLE_EQ(p({kStopWord, 0, kStopWord}), 0.09);
  EXPECT_DOUBLE_EQ(p({kStopWord, kStopWord}), 0.0);
  EXPECT_DOUBLE_EQ(p({kDateWord, kNumber}), 0.05);                 // "february 22"
  EXPECT_DOUBLE_EQ(p({kStopWord, kDateWord}), 0.05);               // "on wednesday"
  EXPECT_DOUBLE_EQ(p({0, kStopWord, kDateWord | kNumber}), 0.5);   // "memorandum of 2018"
}

// A mini-corpus: one framing in four outlets over ten days, written three
// ways, quoted (nested, and inside a multi-sentence quote) or not.
Corpus mini_corpus() {
  Corpus c;
  c.source = "mini";
  c.documents = {
      {.id = "a1", .outlet = "Alpha", .date = "2021-03-01",
       .text = "Analysts warned of a colour revolution in the region. \"We will not stop. The Hmeymim airbase is "
               "safe. Nobody doubts it,\" the general said."},
      {.id = "b1", .outlet = "Beta", .date = "2021-03-04T08:00:00Z",
       .text = "He said: \"They told us 'the color revolution is coming' and left.\" Drones attacked the Hmeimim "
               "airbase again."},
      {.id = "g1", .outlet = "Gamma", .date = "2021-03-11",
       .text = "The colour revolutions failed, critics say. Officials praised the Hmeymim airbase."},
      {.id = "d1", .outlet = "Delta", .date = "",
       .text = "Another colour revolution was feared."},
      {.id = "a0", .outlet = "Alpha", .date = "2021-02-01", .text = "Unrelated text about the weather."},
  };
  return c;
}

Result<TalkingPointReport> mine(const Corpus& c, const PhraseOptions& o) {
  std::vector<TokenizedText> tokens;
  for (const Document& d : c.documents) tokens.push_back(tokenize(d.text));
  return find_talking_points(c.documents, tokens, o, {}, 2);
}

const TalkingPoint& find(const TalkingPointReport& r, const std::string& canonical) {
  const auto it = std::find_if(r.talking_points.begin(), r.talking_points.end(),
                               [&](const TalkingPoint& tp) { return tp.canonical == canonical; });
  EXPECT_NE(it, r.talking_points.end()) << canonical;
  return it == r.talking_points.end() ? r.talking_points.front() : *it;
}

TEST(PhrasesMini, VariantsVoiceAndTimeline) {
  const Corpus c = mini_corpus();
  const Result<TalkingPointReport> r = mine(c, {});
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  ASSERT_GE(r->talking_points.size(), 2u);

  const TalkingPoint& colour = find(*r, "colour revolution");
  ASSERT_EQ(colour.variants.size(), 3u);
  EXPECT_EQ(colour.variants[0].text, "colour revolution");
  EXPECT_EQ(colour.variants[0].count, 2u);
  EXPECT_EQ(colour.variants[1].text, "color revolution");      // ties by byte order
  EXPECT_EQ(colour.variants[2].text, "colour revolutions");
  EXPECT_EQ(colour.outlets, (std::vector<std::string>{"Alpha", "Beta", "Delta", "Gamma"}));
  ASSERT_EQ(colour.occurrences.size(), 4u);
  const Voice expected_voice[] = {Voice::kOwn, Voice::kQuotation, Voice::kOwn, Voice::kOwn};  // b1: nested quote
  for (std::size_t k = 0; k < 4; ++k) EXPECT_EQ(colour.occurrences[k].voice, expected_voice[k]) << k;
  EXPECT_EQ(colour.quotations, 1u);
  ASSERT_TRUE(colour.timeline.first.has_value());
  EXPECT_EQ(colour.timeline.first->outlet, "Alpha");
  EXPECT_EQ(colour.timeline.first->date, "2021-03-01");
  ASSERT_EQ(colour.timeline.later.size(), 2u);
  EXPECT_EQ(colour.timeline.later[0].outlet, "Beta");
  EXPECT_EQ(colour.timeline.later[0].lag_days, 3);
  EXPECT_EQ(colour.timeline.later[1].outlet, "Gamma");
  EXPECT_EQ(colour.timeline.later[1].lag_days, 10);
  EXPECT_EQ(colour.timeline.undated_docs, std::vector<std::uint32_t>{3});  // Delta: listed, never placed
  const Occurrence& b = colour.occurrences[1];
  EXPECT_EQ(c.documents[1].text.substr(b.begin, b.end - b.begin), "color revolution");
  // Context: whole tokens within 60 bytes, white space trimmed.
  EXPECT_EQ(b.before, "He said: \"They told us 'the");
  EXPECT_EQ(b.after, "is coming' and left.\" Drones attacked the Hmeimim airbase");

  const TalkingPoint& base = find(*r, "hmeymim airbase");
  ASSERT_EQ(base.variants.size(), 2u);
  EXPECT_EQ(base.variants[1].text, "hmeimim airbase");
  ASSERT_EQ(base.occurrences.size(), 3u);
  EXPECT_EQ(base.occurrences[0].voice, Voice::kQuotation);  // second sentence of a three-sentence quote
  EXPECT_EQ(base.occurrences[1].voice, Voice::kOwn);
  EXPECT_EQ(base.timeline.later[0].lag_days, 3);
  // "the hmeymim airbase" has the same documents and only adds a stop word.
  for (const TalkingPoint& tp : r->talking_points) EXPECT_NE(tp.canonical, "the hmeymim airbase");
}

TEST(PhrasesMini, MinOutletsAndSingleOutletWatch) {
  const Corpus c = mini_corpus();
  PhraseOptions o;
  o.min_outlets = 5;
  o.watch = {"weather", "colour revolution"};
  const Result<TalkingPointReport> r = mine(c, o);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->talking_points.size(), 2u);  // nothing reaches 5 outlets; both watched phrases listed
  EXPECT_FALSE(r->talking_points[0].mined);
  EXPECT_EQ(r->talking_points[0].canonical, "weather");
  EXPECT_EQ(r->talking_points[0].outlets, std::vector<std::string>{"Alpha"});
  EXPECT_EQ(r->talking_points[1].occurrences.size(), 4u);
}

TEST(PhrasesMini, LongSharedSpansAreChainedIntoOnePhrase) {
  Corpus c;
  const std::string copy = "the ministry accused western sponsors of staging provocations near the border zone today";
  c.documents = {{.id = "x", .outlet = "X", .text = "First. " + copy + ". End."},
                 {.id = "y", .outlet = "Y", .text = "Other. " + copy + ". Stop."}};
  PhraseOptions o;
  o.max_tokens = 4;
  const Result<TalkingPointReport> r = mine(c, o);
  ASSERT_TRUE(r.is_ok());
  ASSERT_FALSE(r->talking_points.empty());
  // The maximal shared span, 13 words, is reported and its 4-word pieces are not.
  EXPECT_EQ(r->talking_points[0].canonical, copy);
  EXPECT_EQ(r->talking_points[0].tokens, 13u);
  for (const TalkingPoint& tp : r->talking_points) EXPECT_EQ(tp.tokens, 13u) << tp.canonical;
}

// A hyphenated token counts as its words: "price-cap" in one outlet and
// "price cap" in others are one talking point, each occurrence's offsets on
// the words as written (a Unicode hyphen included), and a watch phrase with
// a hyphen finds the spaced spelling too. A word that is only ever written
// hyphenated ("so-called") is no talking point.
TEST(PhrasesMini, HyphenatedAndSpacedSpellingsAreOneTalkingPoint) {
  Corpus c;
  c.documents = {
      {.id = "a", .outlet = "A", .date = "2022-12-01", .text = "Ministers agreed a price-cap deal on so-called oil."},
      {.id = "b", .outlet = "B", .date = "2022-12-02", .text = "Critics of the price cap deal spoke. Weather."},
      {.id = "c", .outlet = "C", .date = "2022-12-03",
       .text = "The price\u2010cap deal failed, so-called experts say."},
  };
  PhraseOptions o;
  o.watch = {"price-cap"};
  const Result<TalkingPointReport> r = mine(c, o);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  const TalkingPoint& tp = find(*r, "price-cap deal");
  EXPECT_EQ(tp.tokens, 3u);
  EXPECT_EQ(tp.outlets, (std::vector<std::string>{"A", "B", "C"}));
  ASSERT_EQ(tp.occurrences.size(), 3u);
  const char* surface[] = {"price-cap deal", "price cap deal", "price\u2010cap deal"};
  for (std::size_t k = 0; k < 3; ++k) {
    const Occurrence& o2 = tp.occurrences[k];
    EXPECT_EQ(c.documents[o2.doc].text.substr(o2.begin, o2.end - o2.begin), surface[k]) << k;
  }
  EXPECT_EQ(tp.occurrences[1].before, "Critics of the");
  EXPECT_TRUE(std::any_of(tp.variants.begin(), tp.variants.end(),
                          [](const Variant& v) { return v.text == "price cap deal"; }));
  for (const TalkingPoint& t : r->talking_points) {
    EXPECT_TRUE(t.canonical != "so-called" || !t.mined) << "one hyphenated word is not a phrase";
  }
  const auto watched = std::find_if(r->talking_points.begin(), r->talking_points.end(),
                                    [](const TalkingPoint& t) { return !t.watch.empty(); });
  ASSERT_NE(watched, r->talking_points.end());
  EXPECT_EQ(watched->tokens, 2u);
  EXPECT_EQ(watched->occurrences.size(), 3u);  // "price-cap", "price cap" and "price‐cap"
}

// A talking point one letter short of another is its misspelling only when
// the letter is missing from a long word ("recomendations"), not when one
// short word stands for another ("to countries" is not "two countries").
TEST(PhrasesMini, DroppedLettersJoinLongWordsOnly) {
  Corpus c;
  c.documents = {
      {.id = "a",
       .outlet = "A",
       .date = "2023-01-02",
       .text = "The two countries signed the expert recommendations. He flew to countries far away."},
      {.id = "b",
       .outlet = "B",
       .date = "2023-01-03",
       .text = "Later the two countries met. She sent aid to countries in need. The expert recommendations "
               "stand."},
      {.id = "c",
       .outlet = "C",
       .date = "2023-01-04",
       .text = "Both said the expert recomendations were late."},
      {.id = "d",
       .outlet = "D",
       .date = "2023-01-05",
       .text = "Nobody read the expert recomendations today."},
      {.id = "e", .outlet = "E", .date = "2023-01-06", .text = "Few followed the expert recommendations."},
  };
  const Result<TalkingPointReport> r = mine(c, {});
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  const TalkingPoint& two = find(*r, "two countries");
  EXPECT_EQ(two.variants.size(), 1u);
  EXPECT_EQ(find(*r, "to countries").variants.size(), 1u);
  const TalkingPoint& expert = find(*r, "expert recommendations");
  ASSERT_EQ(expert.variants.size(), 2u);
  EXPECT_EQ(expert.variants[1].text, "expert recomendations");
  EXPECT_EQ(expert.outlets, (std::vector<std::string>{"A", "B", "C", "D", "E"}));
}

// Two talking points one letter apart join as a misspelling unless the
// letter makes another real word: "diner" is no typo of "dinner".
TEST(PhrasesMini, TalkingPointsOneRealWordApartStaySeparateWithADictionary) {
  Corpus c;
  c.documents = {
      {.id = "a", .outlet = "A", .date = "2023-01-02", .text = "They held a formal dinner party at noon."},
      {.id = "b", .outlet = "B", .date = "2023-01-03", .text = "Nobody liked the formal dinner party there."},
      {.id = "c",
       .outlet = "C",
       .date = "2023-01-04",
       .text = "Critics mocked the formal dinner party again."},
      {.id = "d",
       .outlet = "D",
       .date = "2023-01-05",
       .text = "Locals planned a formal diner party instead."},
      {.id = "e", .outlet = "E", .date = "2023-01-06", .text = "Few came to the formal diner party then."},
  };
  Result<TalkingPointReport> r = mine(c, {});
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(find(*r, "formal dinner party").variants.size(), 2u);  // without a dictionary: one point
  PhraseOptions o;
  o.dictionary = std::make_shared<const WordList>(WordList::of({"diner", "dinner", "formal", "party"}));
  r = mine(c, o);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(find(*r, "formal dinner party").variants.size(), 1u);
  EXPECT_EQ(find(*r, "formal diner party").variants.size(), 1u);
}

// The canonical form is the most used spelling unless the corpus shows it to
// be a misspelling of another: here "expert recomendations" outnumbers
// "expert recommendations" three to two, but "recommendations" is used more
// than ten times as often as "recomendations". An inflection is no
// misspelling: "human shields" stays the canonical form of its talking point
// however often "shield" is used.
TEST(PhrasesMini, CanonicalFormIsNoMisspellingTheCorpusKnows) {
  Corpus c;
  c.documents = {
      {.id = "a",
       .outlet = "A",
       .date = "2023-01-02",
       .text = "Both said the expert recomendations came late."},
      {.id = "b",
       .outlet = "B",
       .date = "2023-01-03",
       .text = "Nobody read the expert recomendations today."},
      {.id = "c", .outlet = "C", .date = "2023-01-04", .text = "Few read expert recomendations at all."},
      {.id = "d", .outlet = "D", .date = "2023-01-05", .text = "Some followed the expert recommendations."},
      {.id = "e", .outlet = "E", .date = "2023-01-06", .text = "Others ignored the expert recommendations."},
      {.id = "f", .outlet = "A", .date = "2023-01-07", .text = "They hid behind human shields again."},
      {.id = "g", .outlet = "B", .date = "2023-01-08", .text = "Civilians became human shields there."},
      {.id = "h", .outlet = "C", .date = "2023-01-09", .text = "Fighters used human shields once more."},
      {.id = "i", .outlet = "D", .date = "2023-01-10", .text = "Nobody wants a human shield here."},
      {.id = "j", .outlet = "E", .date = "2023-01-11", .text = "He refused to be a human shield."},
  };
  // Without evidence from the rest of the corpus, the majority spelling stands.
  Result<TalkingPointReport> r = mine(c, {});
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(find(*r, "expert recomendations").variants.size(), 2u);
  EXPECT_EQ(find(*r, "human shields").variants.size(), 2u);

  std::string words;
  for (int k = 0; k < 30; ++k) words += "Recommendations and shield. ";
  c.documents.push_back({.id = "k", .outlet = "F", .date = "2023-01-12", .text = words});
  r = mine(c, {});
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  const TalkingPoint& expert = find(*r, "expert recommendations");
  ASSERT_EQ(expert.variants.size(), 2u);
  EXPECT_EQ(expert.variants[0].text, "expert recomendations");  // variants stay by count
  EXPECT_EQ(expert.variants[0].count, 3u);
  const TalkingPoint& shields = find(*r, "human shields");
  ASSERT_EQ(shields.variants.size(), 2u);
  EXPECT_EQ(shields.variants[1].text, "human shield");
}

// A shorter phrase inside a longer talking point is not listed when its
// other uses could not make a talking point (one outlet), and is listed when
// they reach an outlet the longer one does not.
TEST(PhrasesMini, PartsWithFewUsesOutsideTheirContainerAreNested) {
  Corpus c;
  const std::string framing = "sovereign drone corridor agreement";
  c.documents = {
      {.id = "a", .outlet = "A", .date = "2022-12-01", .text = "Officials praised the " + framing + " yesterday."},
      {.id = "b", .outlet = "B", .date = "2022-12-02", .text = "Nobody doubts the " + framing + " now."},
      {.id = "c", .outlet = "C", .date = "2022-12-03", .text = "Critics attacked the " + framing + " again."},
      {.id = "a2", .outlet = "A", .date = "2022-12-04", .text = "A drone corridor opened in the north."},
  };
  Result<TalkingPointReport> r = mine(c, {});
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  for (const TalkingPoint& tp : r->talking_points) EXPECT_NE(tp.canonical, "drone corridor");
  c.documents.push_back({.id = "d", .outlet = "D", .date = "2022-12-05", .text = "Another drone corridor, said D."});
  r = mine(c, {});
  ASSERT_TRUE(r.is_ok());
  const TalkingPoint& part = find(*r, "drone corridor");
  EXPECT_EQ(part.outlets, (std::vector<std::string>{"A", "B", "C", "D"}));
}

// δ-covered: a part whose documents are mostly (at least 1 − δ = 70 %) its
// container's is nested even when its few other uses reach new outlets; with
// more uses of its own it is a talking point again.
TEST(PhrasesMini, PartsMostlyInsideTheirContainerAreNestedEvenInNewOutlets) {
  Corpus c;
  const std::string framing = "sovereign drone corridor agreement";
  const std::string verbs[] = {"praised", "attacked", "doubted", "welcomed", "questioned", "signed", "cited"};
  const std::string after[] = {"yesterday", "again", "loudly", "twice", "today", "quietly", "anyway"};
  const std::string outside[] = {"Pilots flew a drone corridor near Kars.", "Farmers fear any drone corridor.",
                                 "Each drone corridor needs radar.", "Engineers mapped one drone corridor west."};
  for (int k = 0; k < 7; ++k) {
    const std::string outlet(1, static_cast<char>('A' + k));
    c.documents.push_back({.id = "in" + std::to_string(k), .outlet = outlet, .date = "2022-12-0" + std::to_string(k + 1),
                           .text = "Officials " + verbs[k] + " the " + framing + " " + after[k] + "."});
  }
  auto add_outside = [&](int k) {
    const std::string outlet = "N" + std::to_string(k);
    c.documents.push_back({.id = "out" + std::to_string(k), .outlet = outlet, .date = "2022-12-1" + std::to_string(k),
                           .text = outside[k]});
  };
  add_outside(0);
  add_outside(1);  // 7 of 9 documents inside: covered
  Result<TalkingPointReport> r = mine(c, {});
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(find(*r, framing).outlets.size(), 7u);
  for (const TalkingPoint& tp : r->talking_points) EXPECT_NE(tp.canonical, "drone corridor");
  add_outside(2);
  add_outside(3);  // 7 of 11: its own uses now make it a talking point
  r = mine(c, {});
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(find(*r, "drone corridor").outlets.size(), 11u);
}

}  // namespace
}  // namespace echotrace
