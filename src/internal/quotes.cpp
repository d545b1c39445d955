#include "internal/quotes.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace echotrace::internal {
namespace {

enum class Kind { kDouble, kSingle, kCorner, kWhiteCorner, kAngle, kSingleAngle };
enum class Role { kOpen, kClose, kEither };

struct Mark {
  Kind kind;
  Role usual;
};

// The quotation mark at code point `c`, if it is one.
bool mark_of(UChar32 c, Mark& m) {
  switch (c) {
    case '"': m = {Kind::kDouble, Role::kEither}; return true;
    case '\'': m = {Kind::kSingle, Role::kEither}; return true;
    case 0x201C: m = {Kind::kDouble, Role::kOpen}; return true;   // “
    case 0x201D: m = {Kind::kDouble, Role::kClose}; return true;  // ”
    case 0x201E: m = {Kind::kDouble, Role::kOpen}; return true;   // „
    case 0x2018: m = {Kind::kSingle, Role::kOpen}; return true;   // ‘
    case 0x2019: m = {Kind::kSingle, Role::kClose}; return true;  // ’
    case 0x201A: m = {Kind::kSingle, Role::kOpen}; return true;   // ‚
    case 0x00AB: m = {Kind::kAngle, Role::kOpen}; return true;    // «
    case 0x00BB: m = {Kind::kAngle, Role::kClose}; return true;   // »
    case 0x2039: m = {Kind::kSingleAngle, Role::kOpen}; return true;   // ‹
    case 0x203A: m = {Kind::kSingleAngle, Role::kClose}; return true;  // ›
    case 0x300C: m = {Kind::kCorner, Role::kOpen}; return true;   // 「
    case 0x300D: m = {Kind::kCorner, Role::kClose}; return true;  // 」
    case 0x300E: m = {Kind::kWhiteCorner, Role::kOpen}; return true;   // 『
    case 0x300F: m = {Kind::kWhiteCorner, Role::kClose}; return true;  // 』
    default: return false;
  }
}

bool is_space(UChar32 c) { return c < 0 || u_isUWhiteSpace(c); }
bool is_word(UChar32 c) { return c >= 0 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK); }
// Characters after which a quotation may open: opening brackets, dashes, colon.
bool opens_context(UChar32 c) {
  return c == '(' || c == '[' || c == '{' || c == ':' || c == '-' || c == '/' || c == 0x2013 || c == 0x2014;
}

struct Open {
  Kind kind;
  std::size_t begin;
};

}  // namespace

std::vector<QuoteSpan> quotation_spans(std::string_view text) {
  std::vector<QuoteSpan> spans;
  std::vector<Open> stack;
  const auto n = static_cast<std::int32_t>(text.size());
  const auto close_line = [&](std::size_t at) {
    // Double-type quotations left open run to the line end; single marks that
    // never closed were apostrophes.
    for (std::size_t k = 0; k < stack.size(); ++k) {
      if (stack[k].kind != Kind::kSingle && stack[k].kind != Kind::kSingleAngle) {
        spans.push_back({stack[k].begin, at, 0});
      }
    }
    stack.clear();
  };
  UChar32 prev = -1;  // -1: start of text or line
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t at = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c == '\n' || c == '\r') {
      close_line(static_cast<std::size_t>(at));
      prev = -1;
      continue;
    }
    Mark m;
    if (!mark_of(c, m)) {
      prev = c;
      continue;
    }
    UChar32 next = -1;
    if (i < n) {
      std::int32_t k = i;
      U8_NEXT(text.data(), k, n, next);
    }
    const bool before_open = prev < 0 || is_space(prev) || opens_context(prev);
    const bool after_open = next < 0 || is_space(next);
    const bool left = !after_open && before_open;   // looks like an opener
    const bool right = !(prev < 0 || is_space(prev)) && (after_open || !is_word(next));  // a closer
    const bool single = m.kind == Kind::kSingle;
    if (single && is_word(prev) && is_word(next)) {  // apostrophe inside a word
      prev = c;
      continue;
    }
    Role role = m.usual;
    if (left && !right) role = Role::kOpen;
    if (right && !left) role = Role::kClose;
    const auto open_it = std::find_if(stack.rbegin(), stack.rend(), [&](const Open& o) { return o.kind == m.kind; });
    if (role == Role::kEither) role = open_it != stack.rend() ? Role::kClose : Role::kOpen;
    if (role == Role::kOpen) {
      stack.push_back({m.kind, static_cast<std::size_t>(at)});
    } else if (open_it != stack.rend()) {
      const std::size_t keep = static_cast<std::size_t>(stack.rend() - open_it) - 1;
      spans.push_back({stack[keep].begin, static_cast<std::size_t>(i), 0});
      stack.resize(keep);  // inner marks never closed were apostrophes
    }
    prev = c;
  }
  close_line(text.size());
  std::sort(spans.begin(), spans.end(), [](const QuoteSpan& a, const QuoteSpan& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  // Depth: how many earlier spans contain this one.
  std::vector<std::size_t> open_ends;
  for (QuoteSpan& s : spans) {
    while (!open_ends.empty() && open_ends.back() <= s.begin) open_ends.pop_back();
    s.depth = static_cast<int>(open_ends.size());
    open_ends.push_back(s.end);
  }
  return spans;
}

bool inside_quotation(const std::vector<QuoteSpan>& spans, std::size_t begin, std::size_t end) {
  for (const QuoteSpan& s : spans) {
    if (s.begin > begin) break;
    if (s.begin < begin && end <= s.end) return true;
  }
  return false;
}

}  // namespace echotrace::internal
