// Writers for what echotrace computes: similarity matrices as labelled CSV and
// float32 NumPy .npy, the pair list as TSV. Every file is written under a
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

// One row per pair: id_a, id_b, minhash_jaccard, exact_jaccard, cosine (tab
// separated, header first), in the order given. An id holding a tab, a double
// quote or a line break is written in double quotes with inner quotes doubled
// (as in CSV), which Python's csv module and pandas read back; other ids are
// written as they are. REQUIRES: pair indices < labels.size().
Status write_pairs_tsv(const std::filesystem::path& path, std::span<const ScoredPair> pairs,
                       std::span<const std::string> labels);

// Writes `bytes` to `path` atomically (temporary file, fsync, rename).
Status write_text_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace echotrace
