// internal/ascii_scan.h: every 16-byte kernel agrees with its scalar twin.
#include "internal/ascii_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace echotrace::internal {
namespace {

// Texts that stress block edges: every byte value, runs of letters and of
// separators crossing 16-byte boundaries, and random bytes.
std::vector<std::string> inputs() {
  std::vector<std::string> out;
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  out.push_back(all);
  out.push_back(std::string(40, 'Q') + ", " + std::string(33, '7') + "\xc3\xa9" + std::string(17, ' ') + "tail");
  std::mt19937_64 rng(16);
  const std::string alphabet = "aZm09 ,.'-\n\x80\xff\xc3";
  for (int k = 0; k < 300; ++k) {
    std::string s;
    const std::size_t len = rng() % 70;
    for (std::size_t j = 0; j < len; ++j) {
      s += (rng() % 4 == 0) ? static_cast<char>(rng() & 0xff) : alphabet[rng() % alphabet.size()];
    }
    out.push_back(s);
  }
  return out;
}

TEST(AsciiScan, BytePairSearchMatchesScalarAtEveryStartAndLength) {
  std::size_t found = 0, checked = 0;
  for (const std::string& s : inputs()) {
    for (std::size_t i = 0; i <= s.size(); ++i) {
      for (std::size_t n : {s.size() - i, (s.size() - i) / 2, std::size_t{17}, std::size_t{18}}) {
        if (i + n > s.size()) continue;
        const bool vec = contains_byte_pair(s.data() + i, n, 'a', 'Z');
        ASSERT_EQ(vec, contains_byte_pair_scalar(s.data() + i, n, 'a', 'Z')) << i << " " << n;
        found += vec;
        ++checked;
      }
    }
  }
  EXPECT_GT(found, 100u);  // the inputs do hold the pair, so both answers are exercised
  EXPECT_GT(checked, found);
  // A pair split across a 16-byte block boundary, and one in the last two bytes.
  std::string edge(40, '.');
  edge[15] = '\\';
  edge[16] = 'u';
  EXPECT_TRUE(contains_byte_pair(edge.data(), edge.size(), '\\', 'u'));
  EXPECT_FALSE(contains_byte_pair(edge.data(), 16, '\\', 'u'));
  std::string tail(33, '.');
  tail[31] = '\\';
  tail[32] = 'u';
  EXPECT_TRUE(contains_byte_pair(tail.data(), tail.size(), '\\', 'u'));
}

TEST(AsciiScan, BlockMasksMatchScalar) {
  std::size_t checked = 0;
  for (const std::string& s : inputs()) {
    for (std::size_t i = 0; i + 64 <= s.size(); ++i) {
      const AsciiBlockMasks a = ascii_block_masks(s.data() + i), b = ascii_block_masks_scalar(s.data() + i);
      ASSERT_EQ(a.alnum, b.alnum) << i;
      ASSERT_EQ(a.high, b.high) << i;
      ASSERT_EQ(a.joiner, b.joiner) << i;
      ++checked;
    }
  }
  EXPECT_GT(checked, 200u);
}

TEST(AsciiScan, SkipsMatchScalarAtEveryStart) {
  std::size_t checked = 0;
  for (const std::string& s : inputs()) {
    for (std::size_t i = 0; i <= s.size(); ++i) {
      ASSERT_EQ(skip_ascii_alnum(s.data(), i, s.size()), skip_ascii_alnum_scalar(s.data(), i, s.size())) << i;
      ASSERT_EQ(skip_ascii_other(s.data(), i, s.size()), skip_ascii_other_scalar(s.data(), i, s.size())) << i;
      ++checked;
    }
  }
  EXPECT_GT(checked, 10000u);
}

TEST(AsciiScan, FoldCopyMatchesScalarAndLowercasesOnlyAsciiCapitals) {
  for (const std::string& s : inputs()) {
    for (std::size_t n = 0; n <= s.size(); ++n) {
      std::string src = s;
      src.resize(fold_block_bytes(s.size()), '#');  // readable through the last block
      std::string fast(fold_block_bytes(n), '\0'), slow(n, '\0');
      copy_fold_ascii(src.data(), fast.data(), n);
      copy_fold_ascii_scalar(src.data(), slow.data(), n);
      ASSERT_EQ(fast.substr(0, n), slow) << n;
    }
  }
  std::string out(16, '\0');
  copy_fold_ascii("AZaz@[`{09\xc3\x89\xff-'Q", out.data(), 16);
  EXPECT_EQ(out, "azaz@[`{09\xc3\x89\xff-'q");
}

}  // namespace
}  // namespace echotrace::internal
