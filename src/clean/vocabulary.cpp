#include "clean/vocabulary.h"

#include <array>
#include <utility>

namespace echotrace::internal {
namespace {

using R = CleanReason;

// English function words, the role jusText's stop lists play: prose has many
// of them (about a third of its words), menus, captions and tag lists few.
// Contractions are looked up by the part before the apostrophe ("don't" ->
// "don").
constexpr std::string_view kStopWords[] = {
    "a",       "about",    "above",      "according", "after",    "again",    "against",   "ago",
    "all",     "almost",   "along",      "already",   "also",     "although", "always",    "am",
    "among",   "an",       "and",        "another",   "any",      "are",      "aren",      "around",
    "as",      "at",       "be",         "because",   "been",     "before",   "being",     "below",
    "between", "both",     "but",        "by",        "can",      "cannot",   "could",     "couldn",
    "did",     "didn",     "do",         "does",      "doesn",    "doing",    "don",       "down",
    "during",  "each",     "either",     "else",      "enough",   "even",     "ever",      "every",
    "few",     "for",      "from",       "further",   "had",      "hadn",     "has",       "hasn",
    "have",    "haven",    "having",     "he",        "her",      "here",     "hers",      "herself",
    "him",     "himself",  "his",        "how",       "however",  "i",        "if",        "in",
    "into",    "is",       "isn",        "it",        "its",      "itself",   "just",      "least",
    "less",    "like",     "many",       "may",       "me",       "might",    "more",      "most",
    "much",    "must",     "my",         "myself",    "neither",  "never",    "no",        "nor",
    "not",     "now",      "of",         "off",       "often",    "on",       "once",      "one",
    "only",    "or",       "other",      "others",    "our",      "ours",     "ourselves", "out",
    "over",    "own",      "per",        "perhaps",   "quite",    "rather",   "really",    "said",
    "same",    "says",     "several",    "shall",     "she",      "should",   "shouldn",   "since",
    "so",      "some",     "still",      "such",      "than",     "that",     "the",       "their",
    "theirs",  "them",     "themselves", "then",      "there",    "these",    "they",      "this",
    "those",   "though",   "through",    "thus",      "to",       "too",      "toward",    "towards",
    "under",   "until",    "up",         "upon",      "us",       "very",     "was",       "wasn",
    "we",      "were",     "weren",      "what",      "whatever", "when",     "where",     "whether",
    "which",   "while",    "who",        "whom",      "whose",    "why",      "will",      "with",
    "within",  "without",  "won",        "would",     "wouldn",   "yet",      "you",       "your",
    "yours",   "yourself", "yourselves",
};

// Words that talk about the web site, not the news. One alone proves nothing
// ("users" of a network, a "comment" by a minister); several in one unit do.
constexpr std::pair<std::string_view, R> kSiteWords[] = {
    {"account", R::kSignUp},
    {"accounts", R::kSignUp},
    {"register", R::kSignUp},
    {"registered", R::kSignUp},
    {"registering", R::kSignUp},
    {"registration", R::kSignUp},
    {"login", R::kSignUp},
    {"logins", R::kSignUp},
    {"signup", R::kSignUp},
    {"subscribe", R::kSignUp},
    {"subscribed", R::kSignUp},
    {"subscriber", R::kSignUp},
    {"subscribers", R::kSignUp},
    {"subscription", R::kSignUp},
    {"subscriptions", R::kSignUp},
    {"unsubscribe", R::kSignUp},
    {"newsletter", R::kSignUp},
    {"newsletters", R::kSignUp},
    {"password", R::kSignUp},
    {"passwords", R::kSignUp},
    {"username", R::kSignUp},
    {"inbox", R::kSignUp},
    {"notification", R::kSignUp},
    {"notifications", R::kSignUp},
    {"captcha", R::kSignUp},
    {"avatar", R::kSignUp},
    {"privacy", R::kLegal},
    {"cookie", R::kLegal},
    {"cookies", R::kLegal},
    {"gdpr", R::kLegal},
    {"copyright", R::kLegal},
    {"disclaimer", R::kLegal},
    {"comment", R::kComments},
    {"comments", R::kComments},
    {"commenting", R::kComments},
    {"commenter", R::kComments},
    {"commenters", R::kComments},
    {"moderator", R::kComments},
    {"moderators", R::kComments},
    {"moderation", R::kComments},
    {"advertisement", R::kAdvertisement},
    {"advertisements", R::kAdvertisement},
    {"advertising", R::kAdvertisement},
    {"advert", R::kAdvertisement},
    {"adverts", R::kAdvertisement},
    {"sponsored", R::kAdvertisement},
    {"website", R::kSiteText},
    {"websites", R::kSiteText},
    {"webpage", R::kSiteText},
    {"homepage", R::kSiteText},
    {"email", R::kSiteText},
    {"emails", R::kSiteText},
    {"user", R::kSiteText},
    {"users", R::kSiteText},
    {"browser", R::kSiteText},
    {"javascript", R::kSiteText},
    {"url", R::kSiteText},
};

// Two-word site expressions (words split at hyphens, so "e-mail" is "e mail").
constexpr std::pair<std::string_view, R> kSitePairs[] = {
    {"log in", R::kSignUp},
    {"sign in", R::kSignUp},
    {"sign up", R::kSignUp},
    {"log out", R::kSignUp},
    {"sign out", R::kSignUp},
    {"e mail", R::kSiteText},
    {"click here", R::kSiteText},
    {"contact us", R::kSiteText},
    {"follow us", R::kNavigation},
    {"share this", R::kNavigation},
    {"personal data", R::kLegal},
    {"personal information", R::kLegal},
    {"data protection", R::kLegal},
    {"rights reserved", R::kLegal},
    {"terms of", R::kLegal},
    {"community standards", R::kComments},
    {"community guidelines", R::kComments},
};

// Whole units that are chrome: menus, buttons, section labels, markers.
constexpr std::pair<std::string_view, R> kPhrases[] = {
    {"all news", R::kNavigation},
    {"news", R::kNavigation},
    {"latest news", R::kNavigation},
    {"top news", R::kNavigation},
    {"home", R::kNavigation},
    {"home page", R::kNavigation},
    {"menu", R::kNavigation},
    {"main menu", R::kNavigation},
    {"search", R::kNavigation},
    {"world", R::kNavigation},
    {"listen live", R::kNavigation},
    {"live", R::kNavigation},
    {"get short url", R::kNavigation},
    {"short url", R::kNavigation},
    {"newsfeed", R::kNavigation},
    {"news feed", R::kNavigation},
    {"loader", R::kNavigation},
    {"loading", R::kNavigation},
    {"chats", R::kNavigation},
    {"chat", R::kNavigation},
    {"recommended", R::kNavigation},
    {"multimedia", R::kNavigation},
    {"video", R::kNavigation},
    {"videos", R::kNavigation},
    {"photo", R::kNavigation},
    {"photos", R::kNavigation},
    {"gallery", R::kNavigation},
    {"more", R::kNavigation},
    {"more news", R::kNavigation},
    {"next", R::kNavigation},
    {"previous", R::kNavigation},
    {"next article", R::kNavigation},
    {"previous article", R::kNavigation},
    {"back to top", R::kNavigation},
    {"print", R::kNavigation},
    {"share", R::kNavigation},
    {"share this article", R::kNavigation},
    {"share on facebook", R::kNavigation},
    {"share on twitter", R::kNavigation},
    {"tweet", R::kNavigation},
    {"close", R::kNavigation},
    {"ok", R::kNavigation},
    {"yes", R::kNavigation},
    {"no", R::kNavigation},
    {"yes no", R::kNavigation},
    {"accept", R::kNavigation},
    {"refuse", R::kNavigation},
    {"accept refuse", R::kNavigation},
    {"cancel", R::kNavigation},
    {"trending", R::kNavigation},
    {"trending now", R::kNavigation},
    {"most read", R::kNavigation},
    {"most popular", R::kNavigation},
    {"popular", R::kNavigation},
    {"top stories", R::kNavigation},
    {"skip to content", R::kNavigation},
    {"skip to main content", R::kNavigation},
    {"about us", R::kNavigation},
    {"load more", R::kNavigation},
    {"show more", R::kNavigation},
    {"see more", R::kNavigation},
    {"read more", R::kRelated},
    {"read also", R::kRelated},
    {"see also", R::kRelated},
    {"continue reading", R::kRelated},
    {"related", R::kRelated},
    {"related articles", R::kRelated},
    {"related stories", R::kRelated},
    {"related news", R::kRelated},
    {"related content", R::kRelated},
    {"related posts", R::kRelated},
    {"related topics", R::kRelated},
    {"tags", R::kRelated},
    {"topics", R::kRelated},
    {"you may also like", R::kRelated},
    {"you might also like", R::kRelated},
    {"more stories", R::kRelated},
    {"more on this story", R::kRelated},
    {"read next", R::kRelated},
    {"recommended for you", R::kRelated},
    {"editors picks", R::kRelated},
    {"editor s picks", R::kRelated},
    {"register", R::kSignUp},
    {"registration", R::kSignUp},
    {"log in", R::kSignUp},
    {"login", R::kSignUp},
    {"log out", R::kSignUp},
    {"logout", R::kSignUp},
    {"sign in", R::kSignUp},
    {"sign out", R::kSignUp},
    {"sign up", R::kSignUp},
    {"subscribe", R::kSignUp},
    {"subscribe now", R::kSignUp},
    {"unsubscribe", R::kSignUp},
    {"newsletter", R::kSignUp},
    {"subscribe to our newsletter", R::kSignUp},
    {"sign up for our newsletter", R::kSignUp},
    {"password recovery", R::kSignUp},
    {"forgot your password", R::kSignUp},
    {"delete account", R::kSignUp},
    {"my account", R::kSignUp},
    {"create account", R::kSignUp},
    {"create an account", R::kSignUp},
    {"log in or register", R::kSignUp},
    {"to participate in the discussion", R::kComments},
    {"push notifications", R::kSignUp},
    {"notifications", R::kSignUp},
    {"captcha", R::kSignUp},
    {"avatar", R::kSignUp},
    {"comment", R::kComments},
    {"comments", R::kComments},
    {"add comment", R::kComments},
    {"add a comment", R::kComments},
    {"leave a comment", R::kComments},
    {"post a comment", R::kComments},
    {"show comments", R::kComments},
    {"view comments", R::kComments},
    {"discussion", R::kComments},
    {"join the discussion", R::kComments},
    {"join the conversation", R::kComments},
    {"community standards", R::kComments},
    {"community guidelines", R::kComments},
    {"advertisement", R::kAdvertisement},
    {"advertising", R::kAdvertisement},
    {"advert", R::kAdvertisement},
    {"ad", R::kAdvertisement},
    {"ads", R::kAdvertisement},
    {"sponsored", R::kAdvertisement},
    {"sponsored content", R::kAdvertisement},
    {"promoted", R::kAdvertisement},
    {"promoted content", R::kAdvertisement},
    {"paid content", R::kAdvertisement},
    {"partner content", R::kAdvertisement},
    {"story continues below advertisement", R::kAdvertisement},
    {"privacy", R::kLegal},
    {"privacy policy", R::kLegal},
    {"cookie policy", R::kLegal},
    {"cookies", R::kLegal},
    {"terms of use", R::kLegal},
    {"terms of service", R::kLegal},
    {"terms and conditions", R::kLegal},
    {"all rights reserved", R::kLegal},
    {"copyright", R::kLegal},
};

// Unit openings that mark a link, credit or label when ':' (or '|', '>', '»')
// follows them: "READ MORE: <headline>", "Photo: <agency>".
constexpr std::pair<std::string_view, R> kPrefixes[] = {
    {"read more", R::kRelated},
    {"read also", R::kRelated},
    {"also read", R::kRelated},
    {"see also", R::kRelated},
    {"more", R::kRelated},
    {"related", R::kRelated},
    {"tags", R::kRelated},
    {"tag", R::kRelated},
    {"topics", R::kRelated},
    {"watch", R::kNavigation},
    {"video", R::kNavigation},
    {"listen", R::kNavigation},
    {"photo", R::kCredit},
    {"photos", R::kCredit},
    {"image", R::kCredit},
    {"picture", R::kCredit},
    {"credit", R::kCredit},
    {"credits", R::kCredit},
    {"advertisement", R::kAdvertisement},
    {"sponsored", R::kAdvertisement},
    {"subscribe", R::kSignUp},
    {"sign up", R::kSignUp},
    {"newsletter", R::kSignUp},
};

}  // namespace

void Vocabulary::add_word(std::string_view w, std::uint32_t bits) {
  const PackedWord p = PackedWord::of(w);
  if (!p.packed()) return;  // never looked up
  const std::uint64_t h = hash(p);
  filter_[h >> 58] |= std::uint64_t{1} << ((h >> 52) & 63);
  const std::size_t mask = words_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    WordSlot& s = words_[i];
    if (s.value == 0) {
      s = {p.lo, p.hi, bits};
      return;
    }
    if (s.lo == p.lo && s.hi == p.hi) {
      s.value |= bits;
      return;
    }
  }
}

Vocabulary::Vocabulary() : words_(1024) {
  for (std::string_view w : kStopWords) add_word(w, kStopBit);
  for (const auto& [w, reason] : kSiteWords) add_word(w, (static_cast<std::uint32_t>(reason) + 1) << 8);
  for (const auto& [p, reason] : kSitePairs) {
    pairs_.insert(p, static_cast<std::uint32_t>(reason));
    add_word(p.substr(0, p.find(' ')), kPairHeadBit);
  }
  for (const auto& [p, reason] : kPhrases) phrases_.insert(p, static_cast<std::uint32_t>(reason));
  for (const auto& [p, reason] : kPrefixes) prefixes_.insert(p, static_cast<std::uint32_t>(reason));
}

}  // namespace echotrace::internal
