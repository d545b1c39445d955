// TF-IDF: a vocabulary fitted on a corpus and the transform of token lists into
// sparse, row-normalised term-weight vectors. Defaults equal scikit-learn's
// TfidfVectorizer given the same tokens (norm='l2', use_idf=True,
// smooth_idf=True, sublinear_tf=False):
//   tf(t, d)  = raw count of term t in d      (1 + ln(count) if sublinear_tf)
//   idf(t)    = ln((1 + n) / (1 + df(t))) + 1 (ln(n / df(t)) + 1 without smoothing)
//   w(t, d)   = tf · idf, then each row scaled to unit L2 norm.
// Terms are the normalised word n-grams of text.h joined by single spaces.
// Reading files is io.h's job; comparing vectors is similarity.h's.
//
// Thread-safety: a fitted TfidfModel is immutable; transform() may run from
// many threads at once.
#pragma once

#include <Eigen/SparseCore>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <echotrace/status.h>
#include <echotrace/text.h>

namespace echotrace {

// Documents × terms, row-major, one unit-L2 row per document (an all-zero row
// for a document with no term in the vocabulary). Column indices ascending.
using SparseRows = Eigen::SparseMatrix<double, Eigen::RowMajor, std::int64_t>;

struct TfidfOptions {
  // Replace raw counts by 1 + ln(count).
  bool sublinear_tf = false;
  // Add one to document frequencies and n, as if one extra document held every term.
  bool smooth_idf = true;
  // Keep terms found in at least this many documents.
  int min_df = 1;
  // Keep terms found in at most this share of documents, in (0, 1].
  double max_df = 1.0;
  // Word n-gram range, inclusive: (1, 1) is single words, (1, 2) adds bigrams.
  int ngram_min = 1;
  int ngram_max = 1;
  // Scale each row to unit Euclidean length (cosine is then a dot product).
  bool l2_normalize = true;
};

// Checks the ranges above; InvalidArgument names the offending field.
Status validate(const TfidfOptions& options);

class TfidfModel {
 public:
  // Fits the vocabulary and idf weights on `docs`. Returns InvalidArgument for
  // bad options. Deterministic: columns are the kept terms in byte order.
  static Result<TfidfModel> fit(std::span<const TokenizedText> docs, const TfidfOptions& options);

  // fit() and transform() of the same documents in one pass over their terms
  // (each n-gram hashed once with XXH3-64: two distinct terms sharing a 64-bit
  // hash, probability ~V²/2^65, would merge). The rows equal transform()'s.
  struct Fitted;
  static Result<Fitted> fit_transform(std::span<const TokenizedText> docs, const TfidfOptions& options,
                                      int threads = 1);

  // One row per document of `docs`, in order. Terms outside the vocabulary are ignored.
  // `threads` <= 0 means all cores; the result is identical for any value.
  SparseRows transform(std::span<const TokenizedText> docs, int threads = 1) const;

  const TfidfOptions& options() const { return options_; }
  // Column j's term.
  const std::vector<std::string>& terms() const { return terms_; }
  // Column j's idf weight.
  const std::vector<double>& idf() const { return idf_; }
  // Column of `term`, if it is in the vocabulary.
  std::optional<std::int64_t> column(std::string_view term) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  TfidfOptions options_;
  std::vector<std::string> terms_;
  std::vector<double> idf_;
  std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> index_;
};

struct TfidfModel::Fitted {
  TfidfModel model;
  SparseRows rows;
};

}  // namespace echotrace
