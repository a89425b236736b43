// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Numbers in English text: numerals and number words, cardinal and ordinal.
//
//   greenlight::parse_cardinal("thirteen");     // 13
//   greenlight::parse_cardinal("twenty-four");  // 24
//   greenlight::parse_cardinal("1,500");        // 1500
//   greenlight::parse_ordinal("second");        // 2
//   greenlight::parse_ordinal("13th");          // 13
//   // Over tokens: "1.5 million" -> 1500000 (2 tokens), "a dozen" -> 12 (2 tokens).
//   auto n = greenlight::match_number(doc, i);  // n->value, n->tokens, n->ordinal
//
// Inputs are normalized token forms (lower case), as Document::normalized gives them.

#ifndef GREENLIGHT_NUMBERS_H_
#define GREENLIGHT_NUMBERS_H_

#include <cstddef>
#include <optional>
#include <string_view>

#include "greenlight/tokenizer.h"

namespace greenlight {

// One token: "13", "1,500", "1.5", "thirteen", "twenty-four", "dozen".
std::optional<double> parse_cardinal(std::string_view normalized);

// "second", "2nd", "twenty-first", "13th".
std::optional<int> parse_ordinal(std::string_view normalized);

struct NumberMatch {
  double value = 0;
  std::size_t tokens = 0;  // how many tokens the number spans
  bool ordinal = false;
};

// The number starting at token `index`: a cardinal or ordinal, with a following scale word
// ("1.5 million", "two thousand") or after "a" ("a dozen", "a hundred").
std::optional<NumberMatch> match_number(const Document& doc, std::size_t index);

}  // namespace greenlight

#endif  // GREENLIGHT_NUMBERS_H_
