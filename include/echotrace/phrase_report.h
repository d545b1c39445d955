// Writers for the talking points of phrases.h: the ranked list as JSON and CSV,
// every occurrence as CSV, and the outlet × outlet matrices as CSV and .npy.
// Like report.h, every file is written under a temporary name and renamed into
// place, numbers have 6 decimals, line ends are '\n', and equal inputs give
// byte-identical files. Computing belongs to phrases.h.
//
// Thread-safety: functions are independent; do not write one path from two
// threads at once.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <echotrace/io.h>
#include <echotrace/phrases.h>
#include <echotrace/status.h>

namespace echotrace {

// talking_points.json: {"documents", "outlets", "shared_ngrams",
// "scored_phrases", "talking_points": [{"rank", "canonical", "variants":
// [{"text", "count"}], "tokens", "score", "spread", "cohesion",
// "distinctiveness", "originality", "timing", "penalty", "outlets", "documents", "occurrence_count",
// "quotations", "mined", "watch", "first": {"date", "outlet", "document"} or
// null, "later": [{"outlet", "date", "document", "lag_days"}], "undated":
// [document ids], "occurrences": [{"document", "outlet", "date", "begin",
// "end", "voice", "variant", "text", "before", "after"}]}]}.
// `documents` are the documents the report was computed on. IoError names the path.
Status write_talking_points_json(const std::filesystem::path& path, const TalkingPointReport& report,
                                 std::span<const Document> documents);

// talking_points.csv, one row per talking point in rank order: rank,
// canonical, variants ("text:count" joined by ';'), tokens, score, spread,
// cohesion, distinctiveness, originality, timing, penalty, outlet_count, outlets (';'), documents,
// occurrences, quotations, first_date, first_outlet, first_document, later
// ("outlet:+days" joined by ';'), undated_documents (';'), mined (0/1), watch (';').
Status write_talking_points_csv(const std::filesystem::path& path, const TalkingPointReport& report,
                                std::span<const Document> documents);

// occurrences.csv, one row per occurrence, talking points in rank order:
// rank, canonical, document, outlet, date, begin, end (bytes in the document's
// text), voice (own/quotation), variant, text (the exact bytes), before, after.
Status write_occurrences_csv(const std::filesystem::path& path, const TalkingPointReport& report,
                             std::span<const Document> documents);

// outlet_talking_points.csv/.npy and, when matrix.similarity is not empty,
// outlet_similarity.csv/.npy (NaN, "nan" in CSV, where no document pair
// exists) in `out_dir`. Returns the names written, in order.
Result<std::vector<std::string>> write_outlet_matrix(const std::filesystem::path& out_dir,
                                                     const OutletMatrix& matrix);

}  // namespace echotrace
