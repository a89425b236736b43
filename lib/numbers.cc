// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/numbers.h"

#include <cstdlib>
#include <string>

namespace greenlight {

namespace {

struct Word {
  std::string_view word;
  int value;
};

constexpr Word kUnits[] = {{"zero", 0},      {"one", 1},        {"two", 2},        {"three", 3},
                           {"four", 4},      {"five", 5},       {"six", 6},        {"seven", 7},
                           {"eight", 8},     {"nine", 9},       {"ten", 10},       {"eleven", 11},
                           {"twelve", 12},   {"thirteen", 13},  {"fourteen", 14},  {"fifteen", 15},
                           {"sixteen", 16},  {"seventeen", 17}, {"eighteen", 18},  {"nineteen", 19}};
constexpr Word kTens[] = {{"twenty", 20}, {"thirty", 30},  {"forty", 40},  {"fifty", 50},
                          {"sixty", 60},  {"seventy", 70}, {"eighty", 80}, {"ninety", 90}};
constexpr Word kOrdinalUnits[] = {{"zeroth", 0},       {"first", 1},       {"second", 2},       {"third", 3},
                                  {"fourth", 4},       {"fifth", 5},       {"sixth", 6},        {"seventh", 7},
                                  {"eighth", 8},       {"ninth", 9},       {"tenth", 10},       {"eleventh", 11},
                                  {"twelfth", 12},     {"thirteenth", 13}, {"fourteenth", 14},  {"fifteenth", 15},
                                  {"sixteenth", 16},   {"seventeenth", 17}, {"eighteenth", 18}, {"nineteenth", 19}};
constexpr Word kOrdinalTens[] = {{"twentieth", 20}, {"thirtieth", 30}, {"fortieth", 40}, {"fiftieth", 50},
                                 {"sixtieth", 60},  {"seventieth", 70}, {"eightieth", 80}, {"ninetieth", 90}};
constexpr Word kScales[] = {{"hundred", 100}, {"thousand", 1000}, {"million", 1000000}, {"billion", 1000000000}};

template <std::size_t N>
std::optional<int> lookup(std::string_view w, const Word (&table)[N]) {
  // (The first byte rules out most entries without a call to compare the rest.)
  for (const Word& x : table)
    if (x.word.size() == w.size() && x.word[0] == w[0] && x.word == w) return x.value;
  return std::nullopt;
}

std::optional<double> parse_numeral(std::string_view s) {
  if (s.empty() || s.size() > 24) return std::nullopt;
  std::string digits;
  bool seen_point = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == ',' && !seen_point && i > 0 && i + 1 < s.size()) {
      continue;  // thousands separator
    } else if (c == '.' && !seen_point && i > 0 && i + 1 < s.size()) {
      seen_point = true;
      digits.push_back('.');
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits == ".") return std::nullopt;
  return std::strtod(digits.c_str(), nullptr);
}

}  // namespace

std::optional<double> parse_cardinal(std::string_view w) {
  if (w.empty()) return std::nullopt;
  if (w[0] >= '0' && w[0] <= '9') return parse_numeral(w);
  if (auto v = lookup(w, kUnits)) return *v;
  if (auto v = lookup(w, kTens)) return *v;
  const std::size_t hyphen = w.find('-');
  if (hyphen != std::string_view::npos) {
    const auto tens = lookup(w.substr(0, hyphen), kTens);
    const auto unit = lookup(w.substr(hyphen + 1), kUnits);
    if (tens && unit && *unit > 0 && *unit < 10) return *tens + *unit;
  }
  if (w == "dozen") return 12;
  return std::nullopt;
}

std::optional<int> parse_ordinal(std::string_view w) {
  if (w.empty()) return std::nullopt;
  if (w[0] >= '0' && w[0] <= '9') {
    std::size_t k = 0;
    int v = 0;
    while (k < w.size() && w[k] >= '0' && w[k] <= '9' && k < 6) v = v * 10 + (w[k++] - '0');
    const std::string_view suffix = w.substr(k);
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") return v;
    return std::nullopt;
  }
  // Every ordinal word ends as its numeral does ("first", "second", "third", "twenty-fourth"): this
  // rules out most words before the tables are searched.
  if (w.size() < 2) return std::nullopt;
  if (const std::string_view end = w.substr(w.size() - 2); end != "st" && end != "nd" && end != "rd" && end != "th")
    return std::nullopt;
  if (auto v = lookup(w, kOrdinalUnits)) return *v;
  if (auto v = lookup(w, kOrdinalTens)) return *v;
  const std::size_t hyphen = w.find('-');
  if (hyphen != std::string_view::npos) {
    const auto tens = lookup(w.substr(0, hyphen), kTens);
    const auto unit = lookup(w.substr(hyphen + 1), kOrdinalUnits);
    if (tens && unit && *unit > 0 && *unit < 10) return *tens + *unit;
  }
  return std::nullopt;
}

std::optional<NumberMatch> match_number(const Document& doc, std::size_t index) {
  const auto tokens = doc.tokens();
  if (index >= tokens.size()) return std::nullopt;
  const std::string_view w = doc.normalized(tokens[index]);
  NumberMatch m;
  if (w == "a" || w == "an") {
    // "a dozen", "a hundred", "a million"
    if (index + 1 >= tokens.size()) return std::nullopt;
    const std::string_view next = doc.normalized(tokens[index + 1]);
    if (next == "dozen") return NumberMatch{12, 2, false};
    if (auto s = lookup(next, kScales)) return NumberMatch{static_cast<double>(*s), 2, false};
    return std::nullopt;
  }
  if (auto v = parse_cardinal(w)) {
    m.value = *v;
    m.tokens = 1;
  } else if (auto o = parse_ordinal(w)) {
    return NumberMatch{static_cast<double>(*o), 1, true};
  } else {
    return std::nullopt;
  }
  if (index + 1 < tokens.size()) {
    const std::string_view next = doc.normalized(tokens[index + 1]);
    if (auto s = lookup(next, kScales)) {
      m.value *= *s;
      m.tokens = 2;
    } else if (next == "dozen") {
      m.value *= 12;
      m.tokens = 2;
    }
  }
  return m;
}

}  // namespace greenlight
