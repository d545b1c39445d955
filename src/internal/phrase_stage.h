// The phrase stage as the pipeline composes it, shared by analyze() and
// analyze_phrases() (src/pipeline_phrases.cpp). Private to the pipeline.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <echotrace/pipeline.h>

namespace echotrace::internal {

// Talking points of `corpus` from its `tokens`, and the outlet matrices when
// there are at most options.dense_limit outlets, with the mean TF-IDF cosine
// per outlet pair when options.cosine: from `rows`, the documents'
// unit-length TF-IDF rows, or when null from rows it fits itself after the
// talking points. Appends its stage timings.
Result<PhraseAnalysis> run_phrase_stage(const Corpus& corpus, std::span<const TokenizedText> tokens,
                                        const SparseRows* rows, const PipelineOptions& options);

// Writes the phrase files into an existing `out_dir`; returns their names.
Result<std::vector<std::string>> write_phrase_files(const PhraseAnalysis& phrases, const Corpus& corpus,
                                                    const std::filesystem::path& out_dir);

// The phrase options as recorded in run.json.
nlohmann::ordered_json phrase_options_json(const PhraseOptions& options);

}  // namespace echotrace::internal
