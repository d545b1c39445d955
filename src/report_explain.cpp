// explanation_json() and explanation_text(): one pair's explanation.
#include <echotrace/report.h>

#include <nlohmann/json.hpp>

#include <cmath>

#include "internal/assert.h"
#include "internal/report_parts.h"

namespace echotrace {
namespace {

using json = nlohmann::ordered_json;

// Rounded to 6 decimals so equal inputs print equal text; null for NaN.
json score6(double v) {
  if (std::isnan(v)) return nullptr;
  return std::stod(internal::fixed(v, 6));
}

json document_json(const Document& d) {
  return {{"id", d.id}, {"outlet", d.outlet}, {"date", d.date}, {"title", d.title}, {"bytes", d.text.size()}};
}

std::string passage(const Document& d, std::size_t begin, std::size_t end) {
  return d.text.substr(begin, end - begin);
}

}  // namespace

std::string explanation_json(const PairExplanation& e, const Corpus& corpus) {
  ECHOTRACE_ASSERT(e.scores.a < corpus.documents.size() && e.scores.b < corpus.documents.size());
  const Document& a = corpus.documents[e.scores.a];
  const Document& b = corpus.documents[e.scores.b];
  json out;
  out["a"] = document_json(a);
  out["b"] = document_json(b);
  out["scores"] = {{"minhash", score6(e.scores.minhash)},
                   {"exact_jaccard", score6(e.scores.jaccard)},
                   {"cosine", score6(e.scores.cosine)}};
  out["shingles"] = {{"a", e.shingles_a}, {"b", e.shingles_b}, {"shared", e.shared_shingles}};
  json terms = json::array();
  for (const SharedTerm& t : e.terms) {
    terms.push_back({{"term", t.term},
                     {"weight_a", score6(t.weight_a)},
                     {"weight_b", score6(t.weight_b)},
                     {"contribution", score6(t.contribution)}});
  }
  out["top_terms"] = terms;
  json spans = json::array();
  for (const AlignedSpan& s : e.spans) {
    spans.push_back({{"tokens", s.tokens},
                     {"a_begin", s.a_begin},
                     {"a_end", s.a_end},
                     {"b_begin", s.b_begin},
                     {"b_end", s.b_end},
                     {"text", passage(a, s.a_begin, s.a_end)}});
  }
  out["spans"] = spans;
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string explanation_text(const PairExplanation& e, const Corpus& corpus, std::size_t max_passage_points) {
  ECHOTRACE_ASSERT(e.scores.a < corpus.documents.size() && e.scores.b < corpus.documents.size());
  const Document& a = corpus.documents[e.scores.a];
  const Document& b = corpus.documents[e.scores.b];
  using internal::fixed;
  std::string t;
  for (const auto& [label, d] : {std::pair{"A", &a}, std::pair{"B", &b}}) {
    t += std::string(label) + "  " + d->id + " (" + (d->outlet.empty() ? "no outlet" : d->outlet) +
         (d->date.empty() ? "" : ", " + d->date) + ")" + (d->title.empty() ? "" : "  " + d->title) + "\n";
  }
  t += "MinHash estimate " + fixed(e.scores.minhash, 6) + "   exact Jaccard " + fixed(e.scores.jaccard, 6) +
       "   TF-IDF cosine " + fixed(e.scores.cosine, 6) + "\n";
  t += "Shingles: " + std::to_string(e.shingles_a) + " in A, " + std::to_string(e.shingles_b) + " in B, " +
       std::to_string(e.shared_shingles) + " shared\n";
  if (!e.terms.empty()) {
    t += "\nTop shared terms (weight in A × weight in B = share of the cosine):\n";
    for (const SharedTerm& s : e.terms) {
      t += "  " + s.term + std::string(s.term.size() < 24 ? 24 - s.term.size() : 1, ' ') + fixed(s.contribution, 6) +
           "  (A " + fixed(s.weight_a, 4) + ", B " + fixed(s.weight_b, 4) + ")\n";
    }
  }
  t += "\nShared passages: " + std::to_string(e.spans.size()) + ", " + std::to_string(e.shared_tokens_a) +
       " words of A\n";
  for (const AlignedSpan& s : e.spans) {
    t += "  A " + std::to_string(s.a_begin) + "-" + std::to_string(s.a_end) + "  B " + std::to_string(s.b_begin) +
         "-" + std::to_string(s.b_end) + "  " + std::to_string(s.tokens) + " words: \"" +
         internal::truncate_points(internal::collapse_space(passage(a, s.a_begin, s.a_end)), max_passage_points) + "\"\n";
  }
  return t;
}

}  // namespace echotrace
