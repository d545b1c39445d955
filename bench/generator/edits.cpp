#include "generator/edits.h"

#include <algorithm>
#include <cmath>

#include "internal/assert.h"

namespace echotrace::bench {
namespace {

enum class State : std::uint8_t { kKept, kTouched, kDeleted, kMoved };

// Sentences kept between an insertion and a removal (see gap_ok, removable).
constexpr std::size_t kSeparation = 2;

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> words;
  std::size_t b = 0;
  while (b < s.size()) {
    std::size_t e = s.find(' ', b);
    if (e == std::string::npos) e = s.size();
    if (e > b) words.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return words;
}

// Length of the letters a word consists of when it is one plain token: ASCII
// letters optionally followed by one of ",.;:" (0 when it is not such a word).
std::size_t plain_word_core(const std::string& w) {
  std::size_t n = 0;
  while (n < w.size() && is_ascii_letter(w[n])) ++n;
  if (n == 0) return 0;
  if (n == w.size()) return n;
  if (n + 1 == w.size() && std::string_view(",.;:").find(w[n]) != std::string_view::npos) return n;
  return 0;
}

bool same_folded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

class CopyEditor {
 public:
  CopyEditor(std::span<const TextUnit> source, const SentencePool& pool, std::span<const TextUnit> chrome, Rng& rng)
      : source_(source), pool_(pool), chrome_(chrome), rng_(rng), state_(source.size(), State::kKept),
        words_(source.size()), substituted_(source.size()), gaps_(source.size() + 1) {}

  CopyEdit run(double rate) {
    CopyEdit out;
    for (const TextUnit& u : source_) out.source_tokens += u.tokens;
    const std::size_t budget =
        std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(rate * static_cast<double>(out.source_tokens))));
    remaining_ = budget;
    for (std::size_t guard = 0; remaining_ > 0 && guard < 64 + 8 * budget; ++guard) {
      const double u = rng_.unit();
      bool done = u < 0.40   ? substitute()
                  : u < 0.55 ? insert_sentence()
                  : u < 0.70 ? delete_sentence()
                  : u < 0.85 ? move_sentence()
                             : add_chrome();
      if (!done) done = substitute();
      if (!done) done = insert_sentence() || add_chrome() || delete_sentence();
      if (!done) break;
    }
    out.ops = ops_;
    for (std::size_t g = 0; g <= source_.size(); ++g) {
      for (TextUnit& u : gaps_[g].units) out.units.push_back(std::move(u));
      if (g == source_.size()) break;
      if (state_[g] == State::kKept) out.units.push_back(source_[g]);
      if (state_[g] == State::kTouched) {
        std::string text;
        for (const std::string& w : words_[g]) text += (text.empty() ? "" : " ") + w;
        out.units.push_back({std::move(text), source_[g].tokens, false});
      }
    }
    return out;
  }

 private:
  struct Gap {
    bool used = false;
    std::vector<TextUnit> units;
  };

  bool present(std::size_t i) const { return state_[i] == State::kKept || state_[i] == State::kTouched; }
  // An insertion may go into gap g (between sentences g-1 and g) when it is
  // free and both neighbours are still in place.
  // Sentences within kSeparation of the gap must all be in place, so that what
  // is inserted cannot be aligned against what was removed.
  bool gap_ok(std::size_t g) const {
    if (gaps_[g].used) return false;
    const std::size_t lo = g >= kSeparation ? g - kSeparation : 0;
    const std::size_t hi = std::min(source_.size(), g + kSeparation);
    for (std::size_t i = lo; i < hi; ++i) {
      if (!present(i)) return false;
    }
    return true;
  }
  // Sentence i can be deleted or moved: untouched, with every sentence within
  // kSeparation of it in place and nothing inserted into the gaps between.
  bool removable(std::size_t i) const {
    if (state_[i] != State::kKept || source_[i].tokens == 0) return false;
    const std::size_t lo = i >= kSeparation ? i - kSeparation : 0;
    const std::size_t hi = std::min(source_.size() - 1, i + kSeparation);
    for (std::size_t k = lo; k <= hi; ++k) {
      if (!present(k)) return false;
    }
    for (std::size_t g = i + 1 >= kSeparation ? i + 1 - kSeparation : 0; g <= hi + 1; ++g) {
      if (gaps_[g].used) return false;
    }
    return true;
  }
  std::size_t present_count() const {
    return static_cast<std::size_t>(std::count_if(state_.begin(), state_.end(), [](State s) {
      return s == State::kKept || s == State::kTouched;
    }));
  }
  template <typename Pred>
  bool pick_gap(Pred&& extra, std::size_t& g) {
    std::vector<std::size_t> candidates;
    for (std::size_t k = 0; k <= source_.size(); ++k) {
      if (gap_ok(k) && extra(k)) candidates.push_back(k);
    }
    if (candidates.empty()) return false;
    g = candidates[rng_.below(candidates.size())];
    return true;
  }

  bool substitute() {
    std::vector<std::size_t> sentences;
    for (std::size_t i = 0; i < source_.size(); ++i) {
      if (present(i)) sentences.push_back(i);
    }
    for (int attempt = 0; attempt < 8 && !sentences.empty(); ++attempt) {
      const std::size_t i = sentences[rng_.below(sentences.size())];
      if (words_[i].empty()) {
        words_[i] = split_words(source_[i].text);
        substituted_[i].assign(words_[i].size(), false);
      }
      std::vector<std::size_t> positions;
      for (std::size_t w = 0; w < words_[i].size(); ++w) {
        if (!substituted_[i][w] && plain_word_core(words_[i][w]) > 0) positions.push_back(w);
      }
      if (positions.empty()) continue;
      const std::size_t w = positions[rng_.below(positions.size())];
      std::string& word = words_[i][w];
      const std::size_t core = plain_word_core(word);
      std::string replacement;
      if (!draw_word(std::string_view(word).substr(0, core), replacement)) continue;
      if (word[0] >= 'A' && word[0] <= 'Z' && replacement[0] >= 'a') replacement[0] = static_cast<char>(replacement[0] - 32);
      word = replacement + word.substr(core);
      substituted_[i][w] = true;
      state_[i] = State::kTouched;
      ++ops_.substituted_words;
      remaining_ -= 1;
      return true;
    }
    return false;
  }

  // A plain lower-case word from a random pool sentence that differs from `old`.
  bool draw_word(std::string_view old, std::string& out) {
    for (int attempt = 0; attempt < 16; ++attempt) {
      const std::vector<std::string> words = split_words(pool_.sentences[rng_.below(pool_.size())]);
      const std::string& w = words[rng_.below(words.size())];
      const std::size_t core = plain_word_core(w);
      if (core < 2) continue;
      std::string candidate = w.substr(0, core);
      for (char& c : candidate) c = lower(c);
      if (same_folded(candidate, old)) continue;
      out = std::move(candidate);
      return true;
    }
    return false;
  }

  bool insert_sentence() {
    for (int attempt = 0; attempt < 8; ++attempt) {
      const std::size_t s = rng_.below(pool_.size());
      const std::uint32_t tokens = pool_.token_counts[s];
      if (tokens == 0 || tokens > remaining_) continue;
      std::size_t g;
      if (!pick_gap([](std::size_t) { return true; }, g)) return false;
      gaps_[g].used = true;
      gaps_[g].units.push_back({pool_.sentences[s], tokens, false});
      ++ops_.inserted_sentences;
      ops_.inserted_words += tokens;
      remaining_ -= tokens;
      return true;
    }
    return false;
  }

  bool add_chrome() {
    std::vector<std::size_t> fitting;
    for (std::size_t c = 0; c < chrome_.size(); ++c) {
      if (chrome_[c].tokens > 0 && chrome_[c].tokens <= remaining_) fitting.push_back(c);
    }
    if (fitting.empty()) return false;
    const TextUnit& line = chrome_[fitting[rng_.below(fitting.size())]];
    const std::size_t m = source_.size();
    const bool edge = rng_.chance(0.6);
    std::size_t g;
    if (!pick_gap([&](std::size_t k) { return !edge || k == 0 || k == m; }, g)) return false;
    gaps_[g].used = true;
    gaps_[g].units.push_back(line);
    ++ops_.chrome_lines;
    ops_.chrome_words += line.tokens;
    remaining_ -= line.tokens;
    return true;
  }

  bool delete_sentence() {
    if (present_count() <= 3) return false;
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < source_.size(); ++i) {
      if (removable(i) && source_[i].tokens <= remaining_) candidates.push_back(i);
    }
    if (candidates.empty()) return false;
    const std::size_t i = candidates[rng_.below(candidates.size())];
    state_[i] = State::kDeleted;
    ++ops_.deleted_sentences;
    ops_.deleted_words += source_[i].tokens;
    remaining_ -= source_[i].tokens;
    return true;
  }

  bool move_sentence() {
    if (present_count() <= 3) return false;
    const std::size_t m = source_.size();
    std::vector<std::pair<std::size_t, std::size_t>> candidates;  // (sentence, destination gap)
    for (std::size_t i = 0; i < m; ++i) {
      if (!removable(i) || 2 * static_cast<std::size_t>(source_[i].tokens) > remaining_) continue;
      for (std::size_t g = 0; g <= m; ++g) {
        if (g + kSeparation > i && g < i + 1 + kSeparation) continue;  // too close to where it was
        if (!gap_ok(g)) continue;
        std::size_t between = 0;
        for (std::size_t k = std::min(g, i + 1); k < std::max(g, i); ++k) between += source_[k].tokens;
        if (between >= source_[i].tokens) candidates.push_back({i, g});
      }
    }
    if (candidates.empty()) return false;
    const auto [i, g] = candidates[rng_.below(candidates.size())];
    state_[i] = State::kMoved;
    gaps_[g].used = true;
    gaps_[g].units.push_back(source_[i]);
    ++ops_.moved_sentences;
    ops_.moved_words += source_[i].tokens;
    remaining_ -= 2 * static_cast<std::size_t>(source_[i].tokens);
    return true;
  }

  std::span<const TextUnit> source_;
  const SentencePool& pool_;
  std::span<const TextUnit> chrome_;
  Rng& rng_;
  std::vector<State> state_;
  std::vector<std::vector<std::string>> words_;
  std::vector<std::vector<bool>> substituted_;
  std::vector<Gap> gaps_;
  EditOps ops_;
  std::size_t remaining_ = 0;
};

}  // namespace

CopyEdit edit_copy(std::span<const TextUnit> source, double rate, const SentencePool& pool,
                   std::span<const TextUnit> chrome, Rng& rng) {
  ECHOTRACE_ASSERT(rate > 0 && rate <= 1 && pool.size() > 0 && !chrome.empty());
  return CopyEditor(source, pool, chrome, rng).run(rate);
}

std::string layout_text(std::span<const TextUnit> units, Rng& rng) {
  std::string text;
  std::size_t in_paragraph = 0;
  std::size_t target = rng.between(2, 5);
  for (const TextUnit& u : units) {
    const bool new_paragraph = u.chrome || in_paragraph == 0 || in_paragraph >= target;
    if (!text.empty()) text += new_paragraph ? "\n\n" : " ";
    if (new_paragraph && in_paragraph >= target) target = rng.between(2, 5);
    text += u.text;
    in_paragraph = (u.chrome || new_paragraph) ? (u.chrome ? target : 1) : in_paragraph + 1;
  }
  return text;
}

}  // namespace echotrace::bench
