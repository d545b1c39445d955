// Duplicate clusters from verified similar pairs (graph edges), and the choice
// of one representative per cluster for de-duplication. Edges come from
// similarity.h or lsh.h after verification; this module neither compares
// documents nor reads them.
//
// Two clusterings:
//  - connected components: every document reachable through edges; can chain
//    (A~B, B~C puts A and C together even if A and C are far apart);
//  - centre clustering (Haveliwala et al. 2000; Hassanzadeh et al. 2009):
//    edges taken from strongest to weakest; an edge between two unassigned
//    documents makes the first a centre and the second its member; an edge
//    between a centre and an unassigned document adds the document. Every
//    member is then within the edge threshold of its centre: no chaining.
// Singletons (documents without edges) are clusters of one.
//
// Determinism: ties are broken by document index, so equal inputs give equal
// clusters. Cost: O(E log E + n).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <echotrace/similarity.h>
#include <echotrace/status.h>

namespace echotrace {

// Cluster membership of n documents.
struct Clustering {
  // cluster[d]: cluster id of document d; ids are 0.. in order of each
  // cluster's smallest document index.
  std::vector<std::uint32_t> cluster;
  // centre[d]: the centre document of d's cluster (d itself for a centre or a
  // singleton; for connected components, the smallest index in the component).
  std::vector<std::uint32_t> centre;
  // score[d]: edge weight between d and its centre (1 for the centre itself;
  // for connected components, 0 when d is not adjacent to the centre).
  std::vector<double> score;
  std::uint32_t cluster_count = 0;
};

// Clustering edges: the pairs whose Jaccard similarity (exact, or the MinHash
// estimate where exact is NaN) is at least `threshold`, in the order given.
std::vector<SimilarPair> jaccard_edges(std::span<const ScoredPair> pairs, double threshold);

// Connected components of the graph on `n` documents with `edges`.
// REQUIRES: every edge has a < b < n.
Clustering connected_components(std::size_t n, std::span<const SimilarPair> edges);

// Centre clustering of the graph on `n` documents with `edges`.
// REQUIRES: every edge has a < b < n.
Clustering centre_clusters(std::size_t n, std::span<const SimilarPair> edges);

// How dedup picks the document to keep in each cluster.
enum class KeepRule {
  kEarliestDate,  // smallest ISO date; undated documents lose; ties: first in input
  kLongestText,   // most bytes; ties: first in input
  kFirstInInput,  // smallest index
};

// Parses "earliest", "longest" or "first"; InvalidArgument otherwise.
Result<KeepRule> parse_keep_rule(const std::string& name);

// One representative per cluster under `rule`, as sorted document indices.
// `dates` and `lengths` are indexed by document. REQUIRES: sizes equal
// clustering.cluster.size().
std::vector<std::uint32_t> representatives(const Clustering& clustering, KeepRule rule,
                                           std::span<const std::string> dates,
                                           std::span<const std::uint64_t> lengths);

}  // namespace echotrace
