// The flattened corpus of the phrase stage: the word types flatten() counts
// as it lays out the positions agree with each position's word and original
// text read back one by one, runs and sentence ends follow the text between
// words, and the distinct-hash merge does not depend on how positions are cut
// into chunks.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <echotrace/text.h>

#include "internal/distinct_hashes.h"
#include "internal/hash.h"
#include "internal/phrase_corpus.h"

namespace echotrace {
namespace {

// Whether original text starts with an upper-case letter, for the letters
// these tests use: ASCII and "É".
bool starts_upper(std::string_view s) { return (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') || s.starts_with("\xC3\x89"); }

TEST(PhraseCorpus, CountedWordsMatchEachPosition) {
  std::vector<Document> docs = {
      {.id = "a", .outlet = "A", .text = "The price-cap talks, said \xC3\x89lys\xC3\xA9" "e. New-York mayor"},
      {.id = "b", .outlet = "B", .text = "the price\u2010cap talks; \xC3\xA9lys\xC3\xA9" "e said so-called"},
      {.id = "c", .outlet = "A", .text = ""},
      {.id = "d", .outlet = "C", .text = "a-b-c -x y- Price Cap price cap"},
  };
  // Enough copies that the positions span several chunks.
  const std::vector<Document> seeds = docs;
  for (int k = 0; k < 60000; ++k) {
    std::string text = seeds[static_cast<std::size_t>(k % 4)].text;
    text.append(" w").append(std::to_string(k % 50));
    docs.push_back({.id = std::string("x").append(std::to_string(k)), .outlet = "D", .text = std::move(text)});
  }
  std::vector<TokenizedText> tokens;
  for (const Document& d : docs) tokens.push_back(tokenize(d.text));
  for (int threads : {1, 3}) {
    internal::WordChunks words;
    const internal::PhraseCorpus c = internal::flatten(docs, tokens, threads, &words);
    ASSERT_GT(words.chunks.size(), 1u);
    ASSERT_EQ(words.chunk_begin.back(), c.cls.size());
    const internal::DistinctHashes d = internal::merge_chunks(words.chunks, threads);
    std::map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> expected;  // hash -> (count, capitalised)
    for (std::size_t k = 0; k < words.chunks.size(); ++k) {
      for (std::uint32_t p = words.chunk_begin[k]; p < words.chunk_begin[k + 1]; ++p) {
        std::uint64_t h = internal::xxh3_64(c.word(p), 0);
        h = h == 0 ? 1 : h;
        ASSERT_EQ(d.value[words.chunks[k].global[c.cls[p]]], h) << p;
        const auto [begin, end] = c.bytes(p);
        auto& [count, upper] = expected[h];
        ++count;
        upper += starts_upper(std::string_view(c.docs[c.doc_of[p]].text).substr(begin)) ? 1 : 0;
      }
    }
    ASSERT_EQ(d.value.size(), expected.size());
    std::size_t t = 0;
    for (const auto& [h, e] : expected) {
      EXPECT_EQ(d.value[t], h);
      EXPECT_EQ(d.count[t], e.first);
      EXPECT_EQ(d.flagged[t], e.second) << c.word(d.first[t]);
      std::uint64_t first = internal::xxh3_64(c.word(d.first[t]), 0);
      EXPECT_EQ(first == 0 ? 1 : first, h);
      ++t;
    }
  }
}

TEST(PhraseCorpus, HyphenPartsRunsAndSentenceEnds) {
  const std::vector<Document> docs = {
      {.id = "a", .outlet = "A", .text = "The price-cap talks, said \xC3\x89lys\xC3\xA9" "e. New\u2011York mayor"},
  };
  const std::vector<TokenizedText> tokens = {tokenize(docs[0].text)};
  internal::WordChunks words;
  const internal::PhraseCorpus c = internal::flatten(docs, tokens, 1, &words);
  const std::vector<std::string> word = {"the", "price", "cap", "talks", "said", "\xC3\xA9lys\xC3\xA9" "e", "new", "york", "mayor"};
  ASSERT_EQ(c.cls.size(), word.size());
  for (std::uint32_t p = 0; p < word.size(); ++p) EXPECT_EQ(c.word(p), word[p]) << p;
  EXPECT_EQ(std::vector<std::uint8_t>(c.part_of.begin(), c.part_of.end()),
            (std::vector<std::uint8_t>{0, 1, 2, 0, 0, 0, 1, 2, 0}));
  // "The price-cap talks, said Élysée" runs on across a comma; ". " breaks.
  EXPECT_EQ(std::vector<std::uint32_t>(c.run.begin(), c.run.end()),
            (std::vector<std::uint32_t>{6, 5, 4, 3, 2, 1, 3, 2, 1}));
  EXPECT_EQ(std::vector<std::uint8_t>(c.sentence_end.begin(), c.sentence_end.end()),
            (std::vector<std::uint8_t>{0, 0, 0, 0, 0, 1, 0, 0, 1}));
  EXPECT_EQ(docs[0].text.substr(c.begin(7), c.end(7) - c.begin(7)), "York");
}

// Tokens are found from positions through each document's hyphen parts:
// several documents, hyphenated tokens at the start, middle and end.
TEST(PhraseCorpus, WordsAndBytesOfEveryPositionAcrossDocuments) {
  const std::vector<Document> docs = {
      {.id = "a", .outlet = "A", .text = "Ceasefire-zone talks on a de-escalation-zone deal"},
      {.id = "b", .outlet = "B", .text = "No hyphen here at all"},
      {.id = "c", .outlet = "C", .text = "Rebels met in the north-west of Idlib, said pro-government media"},
  };
  std::vector<TokenizedText> tokens;
  for (const Document& d : docs) tokens.push_back(tokenize(d.text));
  const internal::PhraseCorpus c = internal::flatten(docs, tokens, 2);
  const std::vector<std::string> word = {"ceasefire", "zone", "talks", "on", "a", "de", "escalation", "zone", "deal",
                                         "no", "hyphen", "here", "at", "all",
                                         "rebels", "met", "in", "the", "north", "west", "of", "idlib", "said", "pro",
                                         "government", "media"};
  ASSERT_EQ(c.cls.size(), word.size());
  for (std::uint32_t p = 0; p < word.size(); ++p) {
    EXPECT_EQ(c.word(p), word[p]) << p;
    const auto [begin, end] = c.bytes(p);
    std::string original = docs[c.doc_of[p]].text.substr(begin, end - begin);
    std::transform(original.begin(), original.end(), original.begin(), [](unsigned char ch) { return std::tolower(ch); });
    EXPECT_EQ(original, word[p]) << p;
  }
  EXPECT_EQ(c.span(5, 3), "de-escalation-zone");
}

TEST(DistinctHashes, ChunkCutsDoNotMatter) {
  std::mt19937_64 rng(11);
  const std::size_t n = 300000;
  std::vector<std::uint64_t> values(3000);
  for (auto& v : values) v = rng() | 1;
  std::vector<std::uint64_t> hashes(n);
  std::vector<std::uint8_t> flags(n);
  for (std::size_t i = 0; i < n; ++i) {
    hashes[i] = values[rng() % (i % 2 == 0 ? 30 : values.size())];
    flags[i] = rng() % 3 == 0;
  }
  const internal::DistinctHashes whole = internal::DistinctHashes::build(hashes, flags, 2);
  // Uneven cuts, counted out of order.
  std::vector<std::size_t> cut = {0};
  while (cut.back() < n) cut.push_back(std::min(n, cut.back() + 1 + rng() % 40000));
  std::vector<internal::DistinctChunk> chunks(cut.size() - 1);
  std::vector<std::uint32_t> local(n);
  internal::DistinctCounter counter;
  for (std::size_t k = chunks.size(); k-- > 0;) {
    counter.start(chunks[k]);
    for (std::size_t i = cut[k]; i < cut[k + 1]; ++i) {
      local[i] = counter.add(hashes[i], flags[i] != 0, static_cast<std::uint32_t>(i));
    }
  }
  for (int threads : {1, 4}) {
    std::vector<internal::DistinctChunk> copy = chunks;
    const internal::DistinctHashes merged = internal::merge_chunks(copy, threads);
    EXPECT_EQ(merged.value, whole.value);
    EXPECT_EQ(merged.first, whole.first);
    EXPECT_EQ(merged.count, whole.count);
    EXPECT_EQ(merged.flagged, whole.flagged);
    for (std::size_t k = 0; k < copy.size(); ++k) {
      for (std::size_t i = cut[k]; i < cut[k + 1]; ++i) ASSERT_EQ(copy[k].global[local[i]], whole.index_of[i]) << i;
    }
  }
}

}  // namespace
}  // namespace echotrace
