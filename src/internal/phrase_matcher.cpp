#include "internal/phrase_matcher.h"

#include <algorithm>

namespace echotrace::internal {

PhraseMatcher::PhraseMatcher(std::span<const PhraseTarget> targets, std::uint32_t classes)
    : classes_(classes) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> class_length;
  length_of_.resize(targets.size());
  for (std::uint32_t k = 0; k < targets.size(); ++k) {
    const PhraseTarget& t = targets[k];
    length_of_[k] = t.length;
    if (t.hash == 0 || t.length == 0 || t.first_class >= classes) continue;
    table_.emplace_back(t.hash, k);
    class_length.emplace_back(t.first_class, t.length);
    if (t.length >= 2) pairs_.add(t.first_class, t.second_class);
  }
  std::sort(table_.begin(), table_.end());
  std::size_t slots = 16;
  while (slots < 2 * table_.size()) slots *= 2;
  mask_ = slots - 1;
  index_.assign(slots, {0, 0});
  for (std::uint32_t j = 0; j < table_.size(); ++j) {
    if (j > 0 && table_[j].first == table_[j - 1].first) continue;
    std::size_t at = table_[j].first & mask_;
    while (index_[at].first != 0) at = (at + 1) & mask_;
    index_[at] = {table_[j].first, j};
  }
  std::sort(class_length.begin(), class_length.end());
  class_length.erase(std::unique(class_length.begin(), class_length.end()), class_length.end());
  first_.assign(std::size_t{classes} + 1, 0);
  for (const auto& [c, len] : class_length) ++first_[c + 1];
  for (std::uint32_t c = 0; c < classes; ++c) first_[c + 1] += first_[c];
  lengths_.reserve(class_length.size());
  for (const auto& cl : class_length) lengths_.push_back(cl.second);
}

}  // namespace echotrace::internal
