// Stages shared by the pipeline's entry points (analyze(), analyze_phrases()),
// so each is written once. Private to the pipeline.
#pragma once

#include <vector>

#include <echotrace/pipeline.h>

namespace echotrace::internal {

// Cleans `corpus` (when options.clean.enabled) into `cleaning` and tokenizes
// each document with its removed bytes blanked, so token offsets index
// Document::text. Appends the "clean" and "tokenize" stage timings. Errors
// from loading the cleaning rules are passed on.
Result<std::vector<TokenizedText>> clean_and_tokenize(const Corpus& corpus, const PipelineOptions& options,
                                                      int threads, std::vector<Cleaning>& cleaning,
                                                      std::vector<StageTiming>& timings);

}  // namespace echotrace::internal
