// Quotation regions of a text: the byte ranges between quotation marks, so a
// phrase can be told apart as quoted speech or the writer's own words.
// Recognised marks: straight " and ', curly “ ” ‘ ’, low „ ‚, guillemets « » ‹ ›
// and CJK 「 」 『 』. Whether a mark opens or closes is read from its
// neighbours (an opener is followed by a non-space and preceded by a space,
// an opening bracket, a dash or the start; a closer the reverse), falling back
// on the mark's usual role; a straight double quote with no telling context
// closes an open quotation and opens otherwise. A ' or ’ between two letters
// is an apostrophe; an unmatched closing single mark (the plural possessive
// "terrorists’ ") is ignored. Quotations nest (single inside double, or any
// mark inside another), may run over several sentences, and end at the end of
// their line at the latest: a quotation left open there (the convention for a
// quote running over several paragraphs, each opened again) covers the rest
// of the line. Knows nothing about documents or phrases.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace echotrace::internal {

struct QuoteSpan {
  std::size_t begin = 0;  // byte offset of the opening mark
  std::size_t end = 0;    // one past the closing mark (or the line end)
  int depth = 0;          // 0 outermost, 1 nested inside another, ...
};

// Every quotation of `text`, sorted by begin (outer before inner).
std::vector<QuoteSpan> quotation_spans(std::string_view text);

// Whether the byte range [begin, end) lies inside one of `spans` (as returned
// by quotation_spans).
bool inside_quotation(const std::vector<QuoteSpan>& spans, std::size_t begin, std::size_t end);

}  // namespace echotrace::internal
