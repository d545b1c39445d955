// English word knowledge used to judge and match phrases: stop words, number
// and date words, and British → American spelling rules. Pure functions over
// normalised (case-folded) tokens; knows nothing about documents.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace echotrace::internal {

enum WordFlag : std::uint8_t {
  // Snowball's English stop-word list plus the modals.
  kStopWord = 1,
  // Digits only, a digit ordinal ("17", "2018", "31st"), or a number word
  // ("twelve", "million", "mln").
  kNumber = 2,
  // Month or weekday name, today/yesterday/tomorrow, a year 1800-2100.
  kDateWord = 4,
};

// Bit set of WordFlag for one normalised token ("the" → kStopWord).
std::uint8_t word_flags(std::string_view token);

// `token` (lower case) in American spelling where a rule applies:
// -ise/-isation/-yse → -ize/-ization/-yze after three or more letters, -our → -or
// after three or more letters (at the end or before a suffix such as -s, -ed,
// -ite, -able, -hood), consonant + -re(s) → -er(s) in words of five or more
// letters, -elled/-alled/-elling/-alling/-eller → single l after three or more
// letters, and word starts such as defenc → defens, programme → program,
// catalogu → catalog. Rules apply to every token alike, so a word that merely
// looks British ("precise") maps to the same key in every document.
std::string american_spelling(std::string_view token);

}  // namespace echotrace::internal
