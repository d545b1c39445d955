// The clean module on small made-up documents: masking, line features,
// corpus-level repetition, streaming, user rules and the guards that keep
// clean text intact.
#include <echotrace/clean.h>
#include <echotrace/text.h>
#include <gtest/gtest.h>

#include "clean/units.h"
#include "test_util.h"

namespace echotrace {
namespace {

Document doc(std::string id, std::string outlet, std::string text, std::string title = "") {
  Document d;
  d.id = std::move(id);
  d.outlet = std::move(outlet);
  d.text = std::move(text);
  d.title = std::move(title);
  return d;
}

// What survives cleaning, with removed lines dropped and blanks squeezed.
std::string kept_text(const Document& d, const Cleaning& c) {
  const std::string masked = mask_removed(d.text, c.removed);
  std::string out, line;
  std::stringstream ss(masked);
  while (std::getline(ss, line)) {
    if (line.find_first_not_of(' ') == std::string::npos) continue;
    out += line.substr(line.find_first_not_of(' ')) + "\n";
  }
  return out;
}

std::vector<Cleaning> clean_all(const std::vector<Document>& docs, const CleanOptions& options = {}) {
  Corpus c;
  c.source = "test";
  c.documents = docs;
  Result<std::vector<Cleaning>> r = clean_corpus(c, options, 2);
  EXPECT_TRUE(r.is_ok()) << r.status().to_string();
  return r.is_ok() ? std::move(r).value() : std::vector<Cleaning>(docs.size());
}

// Paragraphs of article prose, each longer than CleanOptions::long_length.
const std::string kBody1 =
    "The foreign minister said on Tuesday that the talks with the delegation would continue in the capital "
    "next week, and that both sides had agreed on a timetable for the withdrawal of heavy weapons from the "
    "zone.\n\n";
const std::string kBody2 =
    "According to the ministry, the ceasefire has been violated several times since it came into force, and "
    "the observers have recorded the shelling of two villages near the line of contact over the weekend.\n\n";
const std::string kBody3 =
    "Analysts say that the agreement is fragile and that its success will depend on whether the armed groups "
    "in the region accept the terms that were negotiated by their foreign backers in the spring of this "
    "year.\n\n";

TEST(MaskRemoved, BlanksRemovedBytesButKeepsNewlinesAndLength) {
  const std::string text = "keep\nDROP this\nkeep too";
  const std::vector<RemovedSpan> spans = {{5, 14, CleanReason::kNavigation, 0}};
  const std::string masked = mask_removed(text, spans);
  EXPECT_EQ(masked, "keep\n         \nkeep too");
  const std::vector<RemovedSpan> across = {{2, 12, CleanReason::kContext, 0}};
  EXPECT_EQ(mask_removed(text, across), "ke  \n       is\nkeep too");
  EXPECT_EQ(mask_removed(text, {}), text);
  Cleaning c;
  c.removed = {{0, 4, CleanReason::kContext, 0}, {5, 14, CleanReason::kContext, 0}};
  EXPECT_EQ(c.removed_bytes(), 13u);
}

TEST(CleanReasons, HaveStableNames) {
  EXPECT_STREQ(to_string(CleanReason::kCredit), "credit");
  EXPECT_STREQ(to_string(CleanReason::kRepeated), "repeated");
  EXPECT_STREQ(to_string(CleanReason::kSignUp), "sign-up");
  EXPECT_STREQ(to_string(CleanReason::kOutletTag), "outlet-tag");
}

TEST(CleanOptionsCheck, RejectsOutOfRangeValues) {
  EXPECT_TRUE(validate(CleanOptions{}).is_ok());
  CleanOptions o;
  o.min_outlet_docs = 1;
  EXPECT_EQ(validate(o).code(), StatusCode::kInvalidArgument);
  o = {};
  o.stopwords_low = 0.5;
  o.stopwords_high = 0.4;
  EXPECT_EQ(validate(o).code(), StatusCode::kInvalidArgument);
  o = {};
  o.max_repeated_prose = 1.5;
  EXPECT_NE(validate(o).message().find("max_repeated_prose"), std::string::npos);
}

TEST(Units, LinesOfWebTextParagraphsOfWrappedText) {
  const std::string web = "Menu\n\nA first paragraph on one long line.\nCaption under it\n\nLast";
  const auto units = internal::segment_units(web);
  ASSERT_EQ(units.size(), 4u);
  EXPECT_TRUE(units[0].standalone);
  EXPECT_FALSE(units[1].standalone);  // a line follows directly
  EXPECT_EQ(web.substr(units[2].begin, units[2].end - units[2].begin), "Caption under it");
  std::string wrapped;
  for (int p = 0; p < 2; ++p) {
    for (int l = 0; l < 4; ++l)
      wrapped += "a hard-wrapped line of newswire text that goes on and on for long\n";
    wrapped += "\n";
  }
  EXPECT_EQ(internal::segment_units(wrapped).size(), 2u);
}

TEST(Units, KeysIgnoreCaseSpacingAndPunctuation) {
  internal::Vocabulary vocabulary;
  internal::UnitMeter meter(vocabulary, 70);
  const internal::PackedWord none;
  const auto key = [&](std::string_view s) { return meter.measure(s, none, false).key; };
  EXPECT_EQ(key("All news"), key("  ALL   NEWS!  "));
  EXPECT_EQ(key("Syria\u2019s Idlib - senior diplomat"), key("Syria's Idlib: senior diplomat"));
  EXPECT_NE(key("All news"), key("All new"));
  EXPECT_EQ(key("0 51"), key("0  51"));
  EXPECT_EQ(key("  ...  "), 0u);
  // A quick measurement keys a unit exactly as a full one.
  const std::string long_line(kBody1.substr(0, kBody1.find('\n')));
  EXPECT_EQ(meter.measure(long_line, none, false).key, meter.measure(long_line, none, true).key);
  EXPECT_FALSE(meter.measure(long_line, none, false).complete);
}

TEST(Units, FeaturesOfChromeAndProse) {
  internal::Vocabulary vocabulary;
  internal::UnitMeter meter(vocabulary, 70);
  const internal::PackedWord sputnik = internal::PackedWord::of("sputnik");
  const auto m = [&](std::string_view s) { return meter.measure(s, sputnik, true); };
  EXPECT_EQ(m("READ MORE: Professor Estimates US Reaction").pattern, CleanReason::kRelated);
  EXPECT_EQ(m("\u00A9 AFP 2018 / Anas AL-DYAB").pattern, CleanReason::kCredit);
  EXPECT_EQ(m("- Advertisement -").pattern, CleanReason::kAdvertisement);
  EXPECT_EQ(m("Get short URL").pattern, CleanReason::kNavigation);
  EXPECT_FALSE(m("Contact with Turkey").pattern.has_value());
  EXPECT_TRUE(m("A convoy near Idlib, Feb. 12, 2020 - Sputnik International").outlet_tag);
  EXPECT_TRUE(m("- Sputnik International").outlet_tag);
  EXPECT_FALSE(m("(an extremist organization - TASS) and its modifications controlling a part").outlet_tag);
  const internal::UnitFeatures login = m("Log inPrivacy Policy");  // words glued by the scraper
  EXPECT_EQ(login.words, 4u);
  EXPECT_GE(login.site_hits, 2u);
  const internal::UnitFeatures prose = m(kBody1.substr(0, kBody1.find('\n')));
  EXPECT_TRUE(prose.terminal);
  EXPECT_GT(prose.stopwords * 10, prose.words * 3);  // over 30 % stop words
  EXPECT_EQ(prose.site_hits, 0u);
  const internal::UnitFeatures mail = m("To contact the moderators, write to moderator@sputniknews.com");
  EXPECT_GE(mail.address_hits, 2u);  // the address and the domain
}

TEST(Clean, KeepsTitleBodyAndSubheadingsRemovesChrome) {
  const Document d =
      doc("a", "Sputnik",
          "Register\nListen Live\n\nTalks on Idlib to continue\n\n" + kBody1 + "Contact with Turkey\n\n" +
              kBody2 + "READ MORE: Another Story Entirely\n\n" + kBody3 + "Newsfeed\n0\nlog in or register\n",
          "Talks on Idlib to continue");
  const std::vector<Cleaning> c = clean_all({d});
  const std::string kept = kept_text(d, c[0]);
  for (const char* body : {"Talks on Idlib to continue", "Contact with Turkey", "The foreign minister",
                           "According to the ministry", "Analysts say"}) {
    EXPECT_NE(kept.find(body), std::string::npos) << body << "\n" << kept;
  }
  for (const char* chrome : {"Register", "Listen Live", "READ MORE", "Newsfeed", "log in"}) {
    EXPECT_EQ(kept.find(chrome), std::string::npos) << chrome << "\n" << kept;
  }
}

TEST(Clean, NeverEmptiesADocumentAndLeavesChromeFreeTextAlone) {
  // One short paragraph: jusText alone would drop it (edges count as chrome).
  const Document tiny = doc("t", "", "Idlib ceasefire holds.");
  const Document plain = doc("p", "", kBody1 + "A short closing line.\n\n- a list item\n- another item\n");
  const std::vector<Cleaning> c = clean_all({tiny, plain});
  EXPECT_TRUE(c[0].removed.empty());
  EXPECT_TRUE(c[1].removed.empty());  // no chrome of its own: context removes nothing
}

TEST(Clean, RepetitionWithinOneOutletIsChromeAcrossOutletsIsNot) {
  const std::string footer = "Follow our channel for daily updates\n";
  std::vector<Document> docs = {doc("a1", "A", kBody1 + footer),
                                doc("a2", "A", kBody2 + footer),
                                doc("a3", "A", kBody3 + footer),
                                doc("b1", "B", kBody1 + "Shared Talking Point Here\n"),
                                doc("b2", "B", kBody2 + "Shared Talking Point Here\n"),
                                doc("c1", "C", kBody3 + "Shared Talking Point Here\n")};
  const std::vector<Cleaning> c = clean_all(docs);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(c[i].removed.size(), 1u) << docs[i].id;
    EXPECT_EQ(c[i].removed[0].reason, CleanReason::kRepeated);
    EXPECT_EQ(docs[i].text.substr(c[i].removed[0].begin, c[i].removed[0].end - c[i].removed[0].begin),
              footer.substr(0, footer.size() - 1));
  }
  // The same line in outlets B and C is wire copy or a talking point: kept;
  // so are body paragraphs shared by outlets A and B.
  for (int i = 3; i < 6; ++i) EXPECT_TRUE(c[i].removed.empty()) << docs[i].id;
}

TEST(Clean, UnattributedDocumentsAreOutletsOfTheirOwn) {
  const std::string footer = "Follow our channel for daily updates\n";
  const std::vector<Cleaning> c = clean_all({doc("x", "", kBody1 + footer), doc("y", "", kBody2 + footer)});
  EXPECT_TRUE(c[0].removed.empty());
  EXPECT_TRUE(c[1].removed.empty());
}

TEST(Clean, RepeatedSentencesNeedMostOfTheOutletAndSpareRepublications) {
  const std::string boiler =
      "The views expressed in this article are those of the author and do not reflect ours.\n";
  std::vector<Document> docs;
  for (int i = 0; i < 4; ++i)
    docs.push_back(doc("o" + std::to_string(i), "O", (i % 2 ? kBody1 : kBody2) + boiler));
  // A fifth article of the outlet re-publishes another one word for word.
  docs.push_back(doc("r1", "O", kBody3));
  docs.push_back(doc("r2", "O", kBody3));
  const std::vector<Cleaning> c = clean_all(docs);
  // The disclaimer is in 4 of 6 documents: chrome. kBody1/kBody2 repeat in 2
  // of 6 (below min_outlet_share): reuse, kept.
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(c[i].removed.size(), 1u) << i;
    EXPECT_EQ(c[i].removed[0].reason, CleanReason::kRepeated);
  }
  EXPECT_TRUE(c[4].removed.empty());
  EXPECT_TRUE(c[5].removed.empty());
  CleanOptions everything;
  everything.min_outlet_share = 0.0;
  const std::vector<Cleaning> all = clean_all(docs, everything);
  EXPECT_TRUE(all[4].removed.empty());  // a re-publication keeps its repeated prose
}

TEST(Clean, StreamingPassesEqualCleanCorpusForAnyThreadCount) {
  std::vector<Document> docs;
  const std::string chrome = "Subscribe\nGet short URL\n";
  for (int i = 0; i < 30; ++i) {
    std::string text = chrome;
    text += i % 2 ? kBody1 : kBody2;
    text += kBody3;
    text += "Related:\nSome Other Headline Here\n";
    docs.push_back(doc(std::to_string(i), i % 3 ? "Sputnik" : "", text));
  }
  Result<Cleaner> cleaner = Cleaner::create({});
  ASSERT_TRUE(cleaner.is_ok());
  RepetitionIndex index;
  for (const Document& d : docs) index.add(outlet_key(d), cleaner->unit_keys(d));
  EXPECT_EQ(index.documents(), docs.size());
  Corpus corpus;
  corpus.documents = docs;
  for (int threads : {1, 3}) {
    Result<std::vector<Cleaning>> all = clean_corpus(corpus, {}, threads);
    ASSERT_TRUE(all.is_ok());
    for (std::size_t i = 0; i < docs.size(); ++i) {
      EXPECT_EQ(cleaner->clean(docs[i], &index).removed, (*all)[i].removed) << i;
      EXPECT_FALSE((*all)[i].removed.empty());
    }
  }
  CleanOptions off;
  off.enabled = false;
  Result<std::vector<Cleaning>> none = clean_corpus(corpus, off, 2);
  ASSERT_TRUE(none.is_ok());
  for (const Cleaning& c : *none) EXPECT_TRUE(c.removed.empty());
}

TEST(CleanRules, ParseLiteralsAndRegexesAndNameTheLineOfAnError) {
  Result<CleanRules> r =
      CleanRules::parse("# comment\n\nkeep: Reuters Staff\nremove: /^Photo: .*$/i\n", "rules.txt");
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r->size(), 2u);
  ASSERT_TRUE(r->match("by reuters staff").has_value());
  EXPECT_TRUE(r->match("by reuters staff")->keep);
  ASSERT_TRUE(r->match("PHOTO: AFP").has_value());
  EXPECT_EQ(r->match("PHOTO: AFP")->line, 4u);
  EXPECT_FALSE(r->match("A photo: not at the start").has_value());
  const Result<CleanRules> bad = CleanRules::parse("keep: fine\ndrop: what\n", "my.rules");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kParseError);
  EXPECT_NE(bad.status().message().find("my.rules:2"), std::string::npos) << bad.status().message();
  const Result<CleanRules> regex = CleanRules::parse("remove: /([unclosed/\n", "r");
  ASSERT_FALSE(regex.is_ok());
  EXPECT_NE(regex.status().message().find("r:1"), std::string::npos);
  EXPECT_EQ(CleanRules::parse("remove:   \n", "r").status().code(), StatusCode::kParseError);
  EXPECT_EQ(CleanRules::load("/nonexistent/rules.txt").status().code(), StatusCode::kNotFound);
}

TEST(CleanRules, OverrideTheBuiltInClassification) {
  testing::TempDir dir;
  const auto path = dir.path() / "rules.txt";
  testing::write_file(path, "keep: READ MORE: Keep This\nremove: /closing line/\n");
  CleanOptions o;
  o.rules_path = path.string();
  const Document d =
      doc("r", "", "READ MORE: Keep This\n\nREAD MORE: Drop That\n\n" + kBody1 + "A closing line.\n");
  const std::vector<Cleaning> c = clean_all({d}, o);
  const std::string kept = kept_text(d, c[0]);
  EXPECT_NE(kept.find("Keep This"), std::string::npos);
  EXPECT_EQ(kept.find("Drop That"), std::string::npos);
  EXPECT_EQ(kept.find("closing line"), std::string::npos);
  bool rule = false;
  for (const RemovedSpan& s : c[0].removed) rule |= s.reason == CleanReason::kRule && s.rule_line == 2;
  EXPECT_TRUE(rule);
  o.rules_path = (dir.path() / "missing.txt").string();
  Corpus corpus;
  corpus.documents = {d};
  EXPECT_EQ(clean_corpus(corpus, o, 1).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace echotrace
