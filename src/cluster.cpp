#include <echotrace/cluster.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "internal/assert.h"

namespace echotrace {
namespace {

constexpr std::uint32_t kNone = 0xffffffffu;

// Numbers clusters in order of their smallest member, given each document's root.
void number_clusters(std::span<const std::uint32_t> root, Clustering& c) {
  const std::size_t n = root.size();
  std::vector<std::uint32_t> id_of_root(n, kNone);
  c.cluster.assign(n, 0);
  c.cluster_count = 0;
  for (std::size_t d = 0; d < n; ++d) {
    std::uint32_t& id = id_of_root[root[d]];
    if (id == kNone) id = c.cluster_count++;
    c.cluster[d] = id;
  }
}

std::vector<SimilarPair> strongest_first(std::span<const SimilarPair> edges) {
  std::vector<SimilarPair> e(edges.begin(), edges.end());
  std::sort(e.begin(), e.end(), [](const SimilarPair& x, const SimilarPair& y) {
    return std::tie(y.score, x.a, x.b) < std::tie(x.score, y.a, y.b);
  });
  return e;
}

}  // namespace

std::vector<SimilarPair> jaccard_edges(std::span<const ScoredPair> pairs, double threshold) {
  std::vector<SimilarPair> edges;
  for (const ScoredPair& p : pairs) {
    const double j = std::isnan(p.jaccard) ? p.minhash : p.jaccard;
    if (j >= threshold) edges.push_back({p.a, p.b, j});
  }
  return edges;
}

Clustering connected_components(std::size_t n, std::span<const SimilarPair> edges) {
  std::vector<std::uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const SimilarPair& e : edges) {
    ECHOTRACE_ASSERT(e.a < e.b && e.b < n);
    const std::uint32_t ra = find(e.a), rb = find(e.b);
    if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);  // the root is the smallest index
  }
  Clustering c;
  std::vector<std::uint32_t> root(n);
  for (std::size_t d = 0; d < n; ++d) root[d] = find(static_cast<std::uint32_t>(d));
  number_clusters(root, c);
  c.centre = root;
  c.score.assign(n, 0.0);
  for (std::size_t d = 0; d < n; ++d) {
    if (root[d] == d) c.score[d] = 1.0;
  }
  for (const SimilarPair& e : edges) {
    if (root[e.b] == e.a) c.score[e.b] = std::max(c.score[e.b], e.score);
  }
  return c;
}

Clustering centre_clusters(std::size_t n, std::span<const SimilarPair> edges) {
  std::vector<std::uint32_t> centre(n, kNone);
  std::vector<double> score(n, 0.0);
  for (const SimilarPair& e : strongest_first(edges)) {
    ECHOTRACE_ASSERT(e.a < e.b && e.b < n);
    const bool a_free = centre[e.a] == kNone, b_free = centre[e.b] == kNone;
    if (a_free && b_free) {
      centre[e.a] = e.a;
      score[e.a] = 1.0;
      centre[e.b] = e.a;
      score[e.b] = e.score;
    } else if (b_free && centre[e.a] == e.a) {
      centre[e.b] = e.a;
      score[e.b] = e.score;
    } else if (a_free && centre[e.b] == e.b) {
      centre[e.a] = e.b;
      score[e.a] = e.score;
    }
  }
  for (std::size_t d = 0; d < n; ++d) {
    if (centre[d] == kNone) {
      centre[d] = static_cast<std::uint32_t>(d);
      score[d] = 1.0;
    }
  }
  Clustering c;
  number_clusters(centre, c);
  c.centre = std::move(centre);
  c.score = std::move(score);
  return c;
}

Result<KeepRule> parse_keep_rule(const std::string& name) {
  if (name == "earliest") return KeepRule::kEarliestDate;
  if (name == "longest") return KeepRule::kLongestText;
  if (name == "first") return KeepRule::kFirstInInput;
  return invalid_argument("unknown keep rule '" + name + "' (expected earliest, longest or first)");
}

std::vector<std::uint32_t> representatives(const Clustering& c, KeepRule rule, std::span<const std::string> dates,
                                           std::span<const std::uint64_t> lengths) {
  const std::size_t n = c.cluster.size();
  ECHOTRACE_ASSERT(dates.size() == n && lengths.size() == n);
  std::vector<std::uint32_t> best(c.cluster_count, kNone);
  // True when document x should be kept rather than y.
  auto better = [&](std::uint32_t x, std::uint32_t y) {
    switch (rule) {
      case KeepRule::kEarliestDate:
        if (dates[x].empty() != dates[y].empty()) return !dates[x].empty();
        if (dates[x] != dates[y]) return dates[x] < dates[y];
        return x < y;
      case KeepRule::kLongestText:
        if (lengths[x] != lengths[y]) return lengths[x] > lengths[y];
        return x < y;
      case KeepRule::kFirstInInput:
        return x < y;
    }
    return x < y;
  };
  for (std::size_t d = 0; d < n; ++d) {
    std::uint32_t& b = best[c.cluster[d]];
    if (b == kNone || better(static_cast<std::uint32_t>(d), b)) b = static_cast<std::uint32_t>(d);
  }
  std::sort(best.begin(), best.end());
  return best;
}

}  // namespace echotrace
