#include "internal/english.h"

#include <algorithm>
#include <array>

namespace echotrace::internal {
namespace {

// Snowball English stop words (snowballstem.org, algorithms/english/stop.txt),
// with ASCII apostrophes as text.h produces them, plus the modals will, can,
// shall, may, might, must. Sorted for binary search.
constexpr std::string_view kStopWords[] = {
    "a",        "about",   "above",    "after",     "again",    "against",    "all",     "am",
    "an",       "and",     "any",      "are",       "aren't",   "as",         "at",      "be",
    "because",  "been",    "before",   "being",     "below",    "between",    "both",    "but",
    "by",       "can",     "can't",    "cannot",    "could",    "couldn't",   "did",     "didn't",
    "do",       "does",    "doesn't",  "doing",     "don't",    "down",       "during",  "each",
    "few",      "for",     "from",     "further",   "had",      "hadn't",     "has",     "hasn't",
    "have",     "haven't", "having",   "he",        "he'd",     "he'll",      "he's",    "her",
    "here",     "here's",  "hers",     "herself",   "him",      "himself",    "his",     "how",
    "how's",    "i",       "i'd",      "i'll",      "i'm",      "i've",       "if",      "in",
    "into",     "is",      "isn't",    "it",        "it's",     "its",        "itself",  "let's",
    "may",      "me",      "might",    "more",      "most",     "must",       "mustn't", "my",
    "myself",   "no",      "nor",      "not",       "of",       "off",        "on",      "once",
    "only",     "or",      "other",    "ought",     "our",      "ours",       "ourselves", "out",
    "over",     "own",     "same",     "shall",     "shan't",   "she",        "she'd",   "she'll",
    "she's",    "should",  "shouldn't", "so",       "some",     "such",       "than",    "that",
    "that's",   "the",     "their",    "theirs",    "them",     "themselves", "then",    "there",
    "there's",  "these",   "they",     "they'd",    "they'll",  "they're",    "they've", "this",
    "those",    "through", "to",       "too",       "under",    "until",      "up",      "very",
    "was",      "wasn't",  "we",       "we'd",      "we'll",    "we're",      "we've",   "were",
    "weren't",  "what",    "what's",   "when",      "when's",   "where",      "where's", "which",
    "while",    "who",     "who's",    "whom",      "why",      "why's",      "will",    "with",
    "won't",    "would",   "wouldn't", "you",       "you'd",    "you'll",     "you're",  "you've",
    "your",     "yours",   "yourself", "yourselves",
};

constexpr std::string_view kDateWords[] = {
    "apr",      "april",    "aug",     "august",  "dec",       "december", "feb",      "february",
    "friday",   "jan",      "january", "jul",     "july",      "jun",      "june",     "mar",
    "march",    "may",      "monday",  "nov",     "november",  "oct",      "october",  "saturday",
    "sep",      "sept",     "september", "sunday", "thursday", "today",    "tomorrow", "tuesday",
    "wednesday", "yesterday", "wed",
};

// Number words: cardinals up to the tens, scale words and the newswire
// abbreviations of million and billion ("214 mln", "2.02 billion"). Sorted.
constexpr std::string_view kNumberWords[] = {
    "billion",  "billions",  "bln",      "bn",        "eight",    "eighteen",  "eighty",
    "eleven",   "fifteen",   "fifty",    "five",      "forty",    "four",      "fourteen",
    "hundred",  "hundreds",  "million",  "millions",  "mln",      "nine",      "nineteen",
    "ninety",   "one",       "seven",    "seventeen", "seventy",  "six",       "sixteen",
    "sixty",    "ten",       "thirteen", "thirty",    "thousand", "thousands", "three",
    "trillion", "trillions", "twelve",   "twenty",    "two",      "zero",
};

template <std::size_t N>
bool contains(const std::string_view (&sorted_list)[N], std::string_view w) {
  return std::binary_search(std::begin(sorted_list), std::end(sorted_list), w);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool is_letter(char c) { return c >= 'a' && c <= 'z'; }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// British word starts and their American forms; the rest of the word is kept.
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kStemSwaps = {{
    {"acknowledgement", "acknowledgment"}, {"ageing", "aging"},       {"aluminium", "aluminum"},
    {"analogu", "analog"},                 {"artefact", "artifact"},  {"catalogu", "catalog"},
    {"defenc", "defens"},                  {"dialogu", "dialog"},     {"grey", "gray"},
    {"jewellery", "jewelry"},              {"judgement", "judgment"}, {"licenc", "licens"},
    {"manoeuvr", "maneuver"},              {"mould", "mold"},         {"offenc", "offens"},
    {"plough", "plow"},                    {"pretenc", "pretens"},    {"programme", "program"},
    {"sceptic", "skeptic"},                {"travell", "travel"},
}};

constexpr std::string_view kOurSuffixes[] = {
    "", "s", "ed", "ing", "ite", "ites", "able", "ably", "er", "ers", "ful", "hood", "hoods", "less", "ist",
    "ists", "ism"};

}  // namespace

std::uint8_t word_flags(std::string_view w) {
  std::uint8_t flags = 0;
  if (contains(kStopWords, w)) flags |= kStopWord;
  if (contains(kDateWords, w)) flags |= kDateWord;
  if (contains(kNumberWords, w)) flags |= kNumber;
  std::size_t digits = 0;
  while (digits < w.size() && is_digit(w[digits])) ++digits;
  if (digits > 0) {
    const std::string_view rest = w.substr(digits);
    if (rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th") flags |= kNumber;
    if (rest.empty() && digits == 4) {
      const int year = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
      if (year >= 1800 && year <= 2100) flags |= kDateWord;
    }
  }
  return flags;
}

std::string american_spelling(std::string_view token) {
  std::string w(token);
  for (const auto& [from, to] : kStemSwaps) {
    if (w.starts_with(from)) {
      w = std::string(to) + w.substr(from.size());
      break;
    }
  }
  // -isation(s) → -ization(s); -ise/-ised/-ises/-ising/-iser(s) → iz; -yse → -yz.
  for (std::string_view suffix : {"isations", "isation", "ise", "ised", "ises", "ising", "iser", "isers"}) {
    if (ends_with(w, suffix) && w.size() >= suffix.size() + 3) {
      w[w.size() - suffix.size() + 1] = 'z';
      return w;
    }
  }
  for (std::string_view suffix : {"yse", "ysed", "yses", "ysing"}) {
    if (ends_with(w, suffix) && w.size() >= suffix.size() + 3) {
      w[w.size() - suffix.size() + 1] = 'z';
      return w;
    }
  }
  // -our → -or after three letters, at the end or before a known suffix.
  const std::size_t our = w.find("our", 3);
  if (our != std::string::npos) {
    const std::string_view rest = std::string_view(w).substr(our + 3);
    if (std::find(std::begin(kOurSuffixes), std::end(kOurSuffixes), rest) != std::end(kOurSuffixes)) {
      w.erase(our + 1, 1);
      return w;
    }
  }
  // consonant (not r) + -re / -res → -er / -ers in words of five or more letters.
  for (std::string_view suffix : {"re", "res"}) {
    if (w.size() >= 5 && ends_with(w, suffix)) {
      const std::size_t at = w.size() - suffix.size();  // index of 'r'
      const char c = w[at - 1];
      if (is_letter(c) && !is_vowel(c) && c != 'r' && c != 'y') {
        w[at] = 'e';
        w[at + 1] = 'r';
        return w;
      }
    }
  }
  // -elled/-alled/-elling/-alling/-eller(s) → one l after three or more letters.
  for (std::string_view suffix : {"lled", "lling", "ller", "llers"}) {
    if (ends_with(w, suffix) && w.size() >= suffix.size() + 4) {
      const std::size_t at = w.size() - suffix.size();
      if (w[at - 1] == 'e' || w[at - 1] == 'a') {
        w.erase(at, 1);
        return w;
      }
    }
  }
  return w;
}

}  // namespace echotrace::internal
