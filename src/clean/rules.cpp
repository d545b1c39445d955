// CleanRules: the user's keep/remove patterns (declared in clean.h).
#include <echotrace/clean.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <fstream>
#include <sstream>

namespace echotrace {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

std::string_view trim(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

bool contains_ci(std::string_view hay, std::string_view lower_needle) {
  if (hay.size() < lower_needle.size()) return false;
  for (std::size_t i = 0; i + lower_needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < lower_needle.size() && lower(hay[i + k]) == lower_needle[k]) ++k;
    if (k == lower_needle.size()) return true;
  }
  return false;
}

}  // namespace

struct CleanRules::Impl {
  struct Rule {
    bool keep = false;
    std::uint32_t line = 0;
    std::string literal;                       // lower case; used when regex is null
    std::unique_ptr<icu::RegexPattern> regex;  // immutable, shareable between threads
  };
  std::vector<Rule> rules;  // keep rules first, then remove rules, each in file order

  bool matches(const Rule& r, std::string_view unit, icu::UnicodeString& wide, bool& converted) const {
    if (!r.regex) return contains_ci(unit, r.literal);
    if (!converted) {
      wide =
          icu::UnicodeString::fromUTF8(icu::StringPiece(unit.data(), static_cast<std::int32_t>(unit.size())));
      converted = true;
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(r.regex->matcher(wide, status));
    if (U_FAILURE(status)) return false;
    const bool found = m->find(status) != 0;
    return U_SUCCESS(status) && found;
  }
};

CleanRules::CleanRules() : impl_(std::make_shared<const Impl>()) {}
CleanRules::~CleanRules() = default;
CleanRules::CleanRules(const CleanRules&) = default;
CleanRules& CleanRules::operator=(const CleanRules&) = default;
CleanRules::CleanRules(CleanRules&&) noexcept = default;
CleanRules& CleanRules::operator=(CleanRules&&) noexcept = default;

Result<CleanRules> CleanRules::parse(std::string_view text, std::string_view origin) {
  auto impl = std::make_shared<Impl>();
  std::vector<Impl::Rule> removes;
  std::uint32_t line_no = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = trim(text.substr(start, nl - start));
    start = nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const std::string where = std::string(origin) + ":" + std::to_string(line_no) + ": ";
    const std::size_t colon = line.find(':');
    std::string directive(trim(line.substr(0, colon == std::string_view::npos ? line.size() : colon)));
    for (char& c : directive) c = lower(c);
    if (colon == std::string_view::npos || (directive != "keep" && directive != "remove")) {
      return parse_error(where + "expected 'keep: PATTERN' or 'remove: PATTERN', got '" + std::string(line) +
                         "'");
    }
    const std::string_view value = trim(line.substr(colon + 1));
    Impl::Rule rule;
    rule.keep = directive == "keep";
    rule.line = line_no;
    const bool ignore_case = value.size() >= 3 && value.front() == '/' && value.ends_with("/i");
    if (value.size() >= 2 && value.front() == '/' && (value.back() == '/' || ignore_case)) {
      const std::string_view body = value.substr(1, value.size() - (ignore_case ? 3 : 2));
      if (body.empty()) return parse_error(where + "empty regular expression");
      UErrorCode status = U_ZERO_ERROR;
      UParseError pe{};
      const icu::UnicodeString pattern =
          icu::UnicodeString::fromUTF8(icu::StringPiece(body.data(), static_cast<std::int32_t>(body.size())));
      rule.regex.reset(
          icu::RegexPattern::compile(pattern, ignore_case ? UREGEX_CASE_INSENSITIVE : 0, pe, status));
      if (U_FAILURE(status)) {
        return parse_error(where + "invalid regular expression /" + std::string(body) +
                           "/: " + u_errorName(status) + " at offset " + std::to_string(pe.offset));
      }
    } else {
      if (value.empty()) return parse_error(where + "empty pattern");
      for (char c : value) rule.literal += lower(c);
    }
    (rule.keep ? impl->rules : removes).push_back(std::move(rule));
  }
  for (Impl::Rule& r : removes) impl->rules.push_back(std::move(r));
  CleanRules rules;
  rules.impl_ = std::move(impl);
  return rules;
}

Result<CleanRules> CleanRules::load(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return not_found(path.string() + ": rules file not found");
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error(path.string() + ": cannot open rules file");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return io_error(path.string() + ": cannot read rules file");
  return parse(ss.str(), path.string());
}

std::optional<CleanRules::Match> CleanRules::match(std::string_view unit) const {
  icu::UnicodeString wide;
  bool converted = false;
  for (const Impl::Rule& r : impl_->rules) {
    if (impl_->matches(r, unit, wide, converted)) return Match{r.keep, r.line};
  }
  return std::nullopt;
}

std::size_t CleanRules::size() const { return impl_->rules.size(); }

}  // namespace echotrace
