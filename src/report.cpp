#include <echotrace/report.h>

#include <bit>
#include <cstdio>
#include <cstring>

#include "internal/assert.h"
#include "internal/atomic_file.h"
#include "internal/csv.h"

namespace echotrace {
namespace {

// Fixed 6-decimal formatting; "-0.000000" never appears since scores are >= 0.
void append_score(std::string& out, double v) {
  char buf[32];
  const int len = std::snprintf(buf, sizeof buf, "%.6f", v);
  out.append(buf, static_cast<std::size_t>(len));
}

}  // namespace

Status write_text_file(const std::filesystem::path& path, std::string_view bytes) {
  return internal::write_file_atomically(path, bytes);
}

Status write_matrix_csv(const std::filesystem::path& path, const DenseMatrix& m,
                        std::span<const std::string> labels) {
  ECHOTRACE_ASSERT(labels.size() == m.n);
  auto file = internal::AtomicFile::create(path);
  if (!file.is_ok()) return file.status();
  std::string line = "id";
  for (const std::string& l : labels) {
    line += ',';
    line += internal::csv_escape(l);
  }
  line += '\n';
  (*file)->write(line);
  for (std::size_t i = 0; i < m.n; ++i) {
    line = internal::csv_escape(labels[i]);
    for (std::size_t j = 0; j < m.n; ++j) {
      line += ',';
      append_score(line, m.at(i, j));
    }
    line += '\n';
    (*file)->write(line);
  }
  return (*file)->commit();
}

Status write_matrix_npy(const std::filesystem::path& path, const DenseMatrix& m) {
  static_assert(std::endian::native == std::endian::little, ".npy writer assumes a little-endian host");
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(m.n) + ", " +
                       std::to_string(m.n) + "), }";
  // Magic (6) + version (2) + header length (2) + header, padded with spaces
  // and ended by '\n' to a multiple of 64 bytes.
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  auto file = internal::AtomicFile::create(path);
  if (!file.is_ok()) return file.status();
  std::string pre = "\x93NUMPY";
  pre += '\x01';
  pre += '\x00';
  const auto hlen = static_cast<std::uint16_t>(header.size());
  pre += static_cast<char>(hlen & 0xff);
  pre += static_cast<char>(hlen >> 8);
  (*file)->write(pre);
  (*file)->write(header);
  std::vector<float> row(m.n);
  for (std::size_t i = 0; i < m.n; ++i) {
    for (std::size_t j = 0; j < m.n; ++j) row[j] = static_cast<float>(m.at(i, j));
    (*file)->write(std::string_view(reinterpret_cast<const char*>(row.data()), row.size() * sizeof(float)));
  }
  return (*file)->commit();
}

Status write_pairs_tsv(const std::filesystem::path& path, std::span<const ScoredPair> pairs,
                       std::span<const std::string> labels) {
  auto file = internal::AtomicFile::create(path);
  if (!file.is_ok()) return file.status();
  (*file)->write("id_a\tid_b\tminhash_jaccard\texact_jaccard\tcosine\n");
  std::string line;
  for (const ScoredPair& p : pairs) {
    ECHOTRACE_ASSERT(p.a < labels.size() && p.b < labels.size());
    line = internal::csv_escape(labels[p.a], '\t');
    line += '\t';
    line += internal::csv_escape(labels[p.b], '\t');
    for (double v : {p.minhash, p.jaccard, p.cosine}) {
      line += '\t';
      append_score(line, v);
    }
    line += '\n';
    (*file)->write(line);
  }
  return (*file)->commit();
}

}  // namespace echotrace
