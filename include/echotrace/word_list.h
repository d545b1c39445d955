// A spelling dictionary: the words of plain word lists, one per line, such as
// the ones Debian's wamerican and wbritish packages install under
// /usr/share/dict. The phrase stage (phrases.h) never takes a listed word for
// a misspelling of another: "cries" is not "crimes" with a letter dropped,
// nor "rivers" "drivers", however much more often the corpus uses the other.
// It only says whether a word is listed; it knows nothing about corpora.
//
// Words are compared in the tokenizer's normal form (text.h): ASCII letters
// lowered, so "Aaron" and "aaron" are one entry; a word with other letters
// NFKC-normalised and case folded ("Élysée" → "élysée") and listed without
// its accents as well ("elysee", "fiance"), since news text in ASCII drops
// them.
//
// Thread-safety: a loaded list is immutable and may be shared by any number of
// threads.
#pragma once

#include <echotrace/status.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace echotrace {

class WordList {
 public:
  WordList() = default;
  // The words of `files` together (blank lines skipped, trailing spaces and
  // carriage returns dropped). NotFound or IoError name the file.
  static Result<WordList> load(std::span<const std::filesystem::path> files);
  // A list of the given words, for tests and callers with a list in memory.
  static WordList of(std::vector<std::string> words);
  // The lists of default_word_list_files(); a failure says which Debian
  // packages install them.
  static Result<WordList> load_default();

  // Whether `word` (normalised: lower case) is listed.
  bool contains(std::string_view word) const;
  std::size_t size() const { return begin_.empty() ? 0 : begin_.size() - 1; }
  // The files it was loaded from (empty for of()).
  const std::vector<std::string>& files() const { return files_; }
  // XXH3-64 of the distinct words in order, one '\n' after each: the same
  // for the same words, however they were split into files.
  std::uint64_t checksum() const { return checksum_; }

 private:
  // Lays out `words` (ASCII letters lowered; a non-ASCII word is replaced by
  // its normal forms) sorted and distinct; sets the checksum.
  void finish(std::vector<std::string_view> words);
  std::string_view word(std::size_t k) const {
    return std::string_view(text_).substr(begin_[k], begin_[k + 1] - begin_[k] - 1);
  }

  // The words, lower case, ascending and distinct, each followed by '\n'
  // (about 1 MB for Debian's two lists), and where each one starts.
  std::string text_;
  std::vector<std::uint32_t> begin_;
  std::vector<std::string> files_;
  std::uint64_t checksum_ = 0;
};

// Debian's word lists of American and British English (packages wamerican
// and wbritish): the dictionary `phrases` and `analyze` load by default.
std::vector<std::filesystem::path> default_word_list_files();

}  // namespace echotrace
