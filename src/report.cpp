#include <echotrace/report.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <tuple>
#include <cstdio>
#include <cstring>

#include "internal/assert.h"
#include "internal/atomic_file.h"
#include "internal/csv.h"
#include "internal/report_parts.h"

namespace echotrace {
namespace {

// Fixed 6-decimal formatting; "-0.000000" never appears since scores are >= 0.
void append_score(std::string& out, double v) {
  char buf[32];
  const int len = std::snprintf(buf, sizeof buf, "%.6f", v);
  out.append(buf, static_cast<std::size_t>(len));
}

// A one-line excerpt of `span`: white space runs folded to one space, '\\'
// doubled, at most `max_points` code points ("..." marks a cut).
std::string excerpt(std::string_view span, std::size_t max_points) {
  std::string out;
  std::size_t points = 0;
  bool pending_space = false;
  for (const char c : span) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = !out.empty();
      continue;
    }
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {  // a code point starts
      if (points + (pending_space ? 2 : 1) > max_points) return out + "...";
      if (pending_space) {
        out += ' ';
        ++points;
        pending_space = false;
      }
      ++points;
    }
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

Status write_matrix_market(const std::filesystem::path& path, std::size_t n, std::span<const ScoredPair> pairs,
                           int score, const std::vector<bool>& diagonal_ones) {
  ECHOTRACE_ASSERT(score >= 0 && score <= 2 && diagonal_ones.size() == n);
  auto value = [score](const ScoredPair& p) { return score == 0 ? p.minhash : score == 1 ? p.jaccard : p.cosine; };
  // Lower-triangle entries (row > column), ordered by (row, column), then the diagonal.
  std::vector<const ScoredPair*> kept;
  for (const ScoredPair& p : pairs) {
    if (value(p) > 0.0) kept.push_back(&p);  // NaN compares false: skipped
  }
  std::sort(kept.begin(), kept.end(), [](const ScoredPair* x, const ScoredPair* y) {
    return std::tie(x->b, x->a) < std::tie(y->b, y->a);
  });
  std::size_t entries = kept.size();
  for (bool d : diagonal_ones) entries += d ? 1 : 0;
  auto file = internal::AtomicFile::create(path);
  if (!file.is_ok()) return file.status();
  std::string line = "%%MatrixMarket matrix coordinate real symmetric\n% echotrace similarity; documents in input order\n" +
                     std::to_string(n) + " " + std::to_string(n) + " " + std::to_string(entries) + "\n";
  (*file)->write(line);
  for (const ScoredPair* p : kept) {
    line = std::to_string(p->b + 1) + " " + std::to_string(p->a + 1) + " ";
    append_score(line, value(*p));
    line += '\n';
    (*file)->write(line);
  }
  for (std::size_t d = 0; d < n; ++d) {
    if (!diagonal_ones[d]) continue;
    line = std::to_string(d + 1) + " " + std::to_string(d + 1) + " 1.000000\n";
    (*file)->write(line);
  }
  return (*file)->commit();
}

Status write_clusters_tsv(const std::filesystem::path& path, const Clustering& centres, const Clustering& components,
                          std::span<const std::string> labels) {
  const std::size_t n = labels.size();
  ECHOTRACE_ASSERT(centres.cluster.size() == n && components.cluster.size() == n);
  std::vector<std::uint32_t> size(centres.cluster_count, 0);
  for (std::uint32_t c : centres.cluster) ++size[c];
  auto file = internal::AtomicFile::create(path);
  if (!file.is_ok()) return file.status();
  (*file)->write("id\tcluster\tcentre\tscore\tcomponent\tcluster_size\n");
  std::string line;
  for (std::size_t d = 0; d < n; ++d) {
    line = labels[d] + '\t' + std::to_string(centres.cluster[d]) + '\t' + labels[centres.centre[d]] + '\t';
    append_score(line, centres.score[d]);
    line += '\t' + std::to_string(components.cluster[d]) + '\t' + std::to_string(size[centres.cluster[d]]) + '\n';
    (*file)->write(line);
  }
  return (*file)->commit();
}

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
  (*file)->write("id_a\tid_b\tminhash_jaccard\texact_jaccard\tcosine\tfound_by\n");
  std::string line;
  for (const ScoredPair& p : pairs) {
    ECHOTRACE_ASSERT(p.a < labels.size() && p.b < labels.size());
    line = internal::csv_escape(labels[p.a], '\t');
    line += '\t';
    line += internal::csv_escape(labels[p.b], '\t');
    for (double v : {p.minhash, p.jaccard, p.cosine}) {
      line += '\t';
      if (!std::isnan(v)) append_score(line, v);
    }
    line += '\t';
    line += internal::pair_source_name(p.source);
    line += '\n';
    (*file)->write(line);
  }
  return (*file)->commit();
}

Status write_cleaning_tsv(const std::filesystem::path& path, std::span<const Document> documents,
                          std::span<const Cleaning> cleaning) {
  ECHOTRACE_ASSERT(documents.size() == cleaning.size());
  auto file = internal::AtomicFile::create(path);
  if (!file.is_ok()) return file.status();
  (*file)->write("id\tbegin\tend\tbytes\treason\texcerpt\n");
  std::string line;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    const std::string_view text = documents[d].text;
    for (const RemovedSpan& r : cleaning[d].removed) {
      ECHOTRACE_ASSERT(r.begin <= r.end && r.end <= text.size());
      line = documents[d].id;
      line += '\t' + std::to_string(r.begin) + '\t' + std::to_string(r.end) + '\t' + std::to_string(r.end - r.begin) + '\t';
      line += to_string(r.reason);
      if (r.reason == CleanReason::kRule) line += ':' + std::to_string(r.rule_line);
      line += '\t';
      line += excerpt(text.substr(r.begin, r.end - r.begin), 60);
      line += '\n';
      (*file)->write(line);
    }
  }
  return (*file)->commit();
}

}  // namespace echotrace
