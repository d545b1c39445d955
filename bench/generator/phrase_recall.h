// Recall of planted talking points: how many of the phrases the generator
// planted (its ground truth) a talking-point report ranks near the top, and
// whether it names the outlet that used each one first.
//
// A reported talking point stands for a planted phrase when (a) one of its
// spellings, as tokens, is a run of at least two consecutive tokens of one of
// the phrase's planted forms (so "counts virtually" stands for "counts
// virtually could because", whose stop-word tail the miner drops), and (b) at
// least half of the documents it occurs in carry that phrase. A planted phrase
// is eligible when its carriers span at least `min_outlets` outlets (the
// generator can place every use in the origin outlet; such a phrase is not
// shared and no miner should report it).
//
// Thread-safety: a pure function of its arguments.
#pragma once

#include <echotrace/io.h>
#include <echotrace/phrases.h>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "generator/generator.h"

namespace echotrace::bench {

struct PhraseRecall {
  std::size_t top = 0;                   // the K of "top K"
  std::size_t planted = 0;               // planted phrases
  std::size_t eligible = 0;              // planted in at least min_outlets outlets
  std::size_t found = 0;                 // eligible ones matched by a talking point ranked within the top K
  std::size_t found_any = 0;             // eligible ones matched anywhere in the report
  std::size_t first_outlet_correct = 0;  // of `found`: the best-ranked match names the planted first outlet
  std::size_t top_slots_planted = 0;  // of the top K talking points, those standing for some planted phrase
  std::vector<std::size_t>
      ranks;  // per eligible phrase (truth order): 1-based rank of its best match, 0 if none
  double recall() const {
    return eligible == 0 ? 1.0 : static_cast<double>(found) / static_cast<double>(eligible);
  }
  double first_outlet_accuracy() const {
    return found == 0 ? 0.0 : static_cast<double>(first_outlet_correct) / static_cast<double>(found);
  }
};

// REQUIRES: `documents` are the documents the report was made from (same order).
PhraseRecall phrase_recall(const GroundTruth& truth, const TalkingPointReport& report,
                           std::span<const Document> documents, std::size_t top, int min_outlets);

// The talking points of a ground-truth JSON file (truth_to_json's format):
// phrase, variants, first outlet and date, occurrences. ParseError names the path.
Result<GroundTruth> read_truth_talking_points(const std::string& path);

}  // namespace echotrace::bench
