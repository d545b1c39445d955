#include <echotrace/shingle.h>
#include <gtest/gtest.h>

namespace echotrace {
namespace {

// Known answers checked against two independent implementations: `xxhsum -H3`
// (Debian package xxhash, seed 0 only) and python3-xxhash's xxh3_64_intdigest.
TEST(Shingle, Xxh3KnownAnswers) {
  EXPECT_EQ(hash_shingle("a b c d e", 0), 0x707dbfab86d980daULL);
  EXPECT_EQ(hash_shingle("a b c d e", 42), 0x101080dfd201caceULL);
  EXPECT_EQ(hash_shingle("syria s national territory is", 0), 0x38fe2d39be1ec147ULL);
  EXPECT_EQ(hash_shingle("de-escalation zone in idlib and", 7), 0xe776ba39335bacddULL);
  EXPECT_EQ(shingle_hash_name(), "xxh3-64");
}

TEST(Shingle, HashesNormalisedWordsJoinedBySingleSpaces) {
  const TokenizedText t = tokenize("A  b,\tC d\u2014E  f");
  const std::vector<std::uint64_t> h = shingle_hashes(t, {.k = 5, .seed = 0});
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0], 0x707dbfab86d980daULL);
  EXPECT_EQ(h[1], hash_shingle("b c d e f", 0));
}

TEST(Shingle, ShortDocumentHasNoShingles) {
  const TokenizedText t = tokenize("only four words here");
  EXPECT_TRUE(shingle_hashes(t, {.k = 5}).empty());
  EXPECT_EQ(shingle_hashes(t, {.k = 4}).size(), 1u);
}

TEST(Shingle, SetIsSortedAndDistinct) {
  const TokenizedText t = tokenize("x y x y x y x y");
  const auto all = shingle_hashes(t, {.k = 2});
  EXPECT_EQ(all.size(), 7u);
  const auto set = shingle_set(t, {.k = 2});
  ASSERT_EQ(set.size(), 2u);  // "x y" and "y x"
  EXPECT_LT(set[0], set[1]);
}

TEST(ExactJaccard, CountsIntersectionOverUnion) {
  const std::vector<std::uint64_t> a{1, 2, 3, 4}, b{3, 4, 5}, empty;
  EXPECT_DOUBLE_EQ(exact_jaccard(a, b), 2.0 / 5.0);
  EXPECT_DOUBLE_EQ(exact_jaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(exact_jaccard(a, empty), 0.0);
  EXPECT_DOUBLE_EQ(exact_jaccard(empty, empty), 0.0);
}

}  // namespace
}  // namespace echotrace
