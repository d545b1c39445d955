#include <echotrace/cluster.h>
#include <gtest/gtest.h>

namespace echotrace {
namespace {

// A chain 0-1-2-3 (each link 0.6) and a separate pair 4-5 (0.9); 6 alone.
const std::vector<SimilarPair> kChain{{0, 1, 0.6}, {1, 2, 0.61}, {2, 3, 0.6}, {4, 5, 0.9}};

TEST(Cluster, ConnectedComponentsChain) {
  const Clustering c = connected_components(7, kChain);
  EXPECT_EQ(c.cluster_count, 3u);
  EXPECT_EQ(c.cluster, (std::vector<std::uint32_t>{0, 0, 0, 0, 1, 1, 2}));
  EXPECT_EQ(c.centre, (std::vector<std::uint32_t>{0, 0, 0, 0, 4, 4, 6}));
  EXPECT_DOUBLE_EQ(c.score[1], 0.6);
  EXPECT_DOUBLE_EQ(c.score[3], 0.0);  // in the component, not adjacent to its root
}

TEST(Cluster, CentreClustersDoNotChain) {
  const Clustering c = centre_clusters(7, kChain);
  // Strongest first: 4-5 (4 centre), 1-2 (1 centre, 2 member), 0-1 (0 joins centre 1),
  // 2-3: 2 is a member, 3 unassigned -> 3 stays alone.
  EXPECT_EQ(c.centre, (std::vector<std::uint32_t>{1, 1, 1, 3, 4, 4, 6}));
  EXPECT_EQ(c.cluster_count, 4u);
  EXPECT_EQ(c.cluster[0], c.cluster[2]);
  EXPECT_NE(c.cluster[2], c.cluster[3]);
  // Every member is within the threshold of its centre: it shares an edge with it.
  for (std::size_t d = 0; d < 7; ++d) {
    if (c.centre[d] == d) continue;
    bool adjacent = false;
    for (const SimilarPair& e : kChain) {
      adjacent |= (e.a == d && e.b == c.centre[d]) || (e.b == d && e.a == c.centre[d]);
    }
    EXPECT_TRUE(adjacent) << d;
  }
}

TEST(Cluster, RepresentativesFollowTheRule) {
  const Clustering c = connected_components(7, kChain);
  const std::vector<std::string> dates{"2020-02-03", "2020-01-05", "", "2020-01-05", "", "", "2019-01-01"};
  const std::vector<std::uint64_t> lengths{10, 20, 30, 5, 7, 9, 1};
  EXPECT_EQ(representatives(c, KeepRule::kEarliestDate, dates, lengths), (std::vector<std::uint32_t>{1, 4, 6}));
  EXPECT_EQ(representatives(c, KeepRule::kLongestText, dates, lengths), (std::vector<std::uint32_t>{2, 5, 6}));
  EXPECT_EQ(representatives(c, KeepRule::kFirstInInput, dates, lengths), (std::vector<std::uint32_t>{0, 4, 6}));
  EXPECT_FALSE(parse_keep_rule("newest").is_ok());
  EXPECT_EQ(*parse_keep_rule("longest"), KeepRule::kLongestText);
}

}  // namespace
}  // namespace echotrace
