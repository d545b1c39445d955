// Writers for what echotrace computes: similarity matrices as labelled CSV and
// float32 NumPy .npy, the pair list and the cleaning audit as TSV. Every file is written under a
// temporary name in its directory and renamed into place, so a reader (or a run
// killed midway) sees either the previous complete file or the new one.
// Formatting is fixed (6 decimals, '\n' line ends), so equal inputs give
// byte-identical files.
//
// Thread-safety: functions are independent; do not write one path from two
// threads at once.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include <echotrace/cluster.h>
#include <echotrace/clean.h>
#include <echotrace/io.h>
#include <echotrace/similarity.h>
#include <echotrace/status.h>

namespace echotrace {

// n × n matrix as CSV: header "id,<id_0>,...,<id_n-1>", then one row per
// document starting with its id. Values with 6 decimals. Ids holding a comma,
// quote or line break are quoted (RFC 4180).
// REQUIRES: labels.size() == m.n. IoError names the path.
Status write_matrix_csv(const std::filesystem::path& path, const DenseMatrix& m,
                        std::span<const std::string> labels);

// n × n matrix as a NumPy .npy (format 1.0, little-endian float32 '<f4', C
// order): numpy.load(path) gives an (n, n) float32 array.
Status write_matrix_npy(const std::filesystem::path& path, const DenseMatrix& m);

// One row per pair: id_a, id_b, minhash_jaccard, exact_jaccard, cosine,
// found_by (dense, lsh, cosine or lsh+cosine), tab separated, header first, in
// the order given; a NaN score is an empty cell. An id holding a tab, a double
// quote or a line break is written in double quotes with inner quotes doubled
// (as in CSV), which Python's csv module and pandas read back; other ids are
// written as they are. REQUIRES: pair indices < labels.size().
Status write_pairs_tsv(const std::filesystem::path& path, std::span<const ScoredPair> pairs,
                       std::span<const std::string> labels);

// The symmetric sparse matrix of one score of `pairs` over `n` documents as a
// Matrix Market file (coordinate real symmetric, 1-based, lower triangle;
// loads with scipy.io.mmread): an entry per pair whose score is a positive
// number, plus 1.0 on the diagonal for each document in `diagonal_ones`.
// `score` picks the measure: 0 MinHash estimate, 1 exact Jaccard, 2 cosine.
Status write_matrix_market(const std::filesystem::path& path, std::size_t n, std::span<const ScoredPair> pairs,
                           int score, const std::vector<bool>& diagonal_ones);

// One row per document: id, cluster (centre clustering), centre id, score
// (similarity to the centre), component (connected component), cluster_size;
// in input order. REQUIRES: both clusterings and `labels` have one size.
Status write_clusters_tsv(const std::filesystem::path& path, const Clustering& centres, const Clustering& components,
                          std::span<const std::string> labels);
// The spans cleaning removed, one row each: id, begin, end, bytes, reason,
// excerpt (tab separated, header first), documents in the order given, spans
// ascending. begin/end are byte offsets into Document::text; reason is
// to_string(reason), "rule:N" for line N of the rules file; the excerpt is the
// span's first 60 code points with white space runs folded to one space and
// '\' doubled ("..." marks a cut). REQUIRES: cleaning.size() == documents.size().
Status write_cleaning_tsv(const std::filesystem::path& path, std::span<const Document> documents,
                          std::span<const Cleaning> cleaning);

// Writes `bytes` to `path` atomically (temporary file, fsync, rename).
Status write_text_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace echotrace
