// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// DateExtractor: temporal expressions in an article, normalized to TIMEX3-style values with a
// granularity, an interval, and what each is the date of.
//
//   const greenlight::DateExtractor dates;
//   const greenlight::Document doc = tokenizer.tokenize("Season 2 returns next spring.");
//   for (const greenlight::TemporalExpression& t : dates.extract(doc, greenlight::CivilDate{2020, 6, 15}))
//     std::cout << t.text << " " << t.value << " " << t.role << "\n";   // next spring 2021-SP release
//
// Values: day "2018-10-26"; month "2019-04"; year "2019"; decade "199" (the 1990s); seasons of
// the year "2022-FA" (fall/autumn: Oct-Dec), "2021-SP" (Apr-Jun), "2020-SU" (Jul-Sep), "2020-WI"
// (winter 2020: Jan-Mar, the anime-season convention); quarters "2021-Q3"; halves "2021-H2"; ISO
// weeks "2020-W26"; intervals "2021-07/2021-09", "2019/2021"; US TV seasons "2019-09/2020-05".
// Modifiers: early/mid/late give mod START/MID/END and narrow the interval to its first, middle
// or last third ("later this year" is the rest of the year: no mod). Partial dates ("October 26",
// "in May", "Q2", "the fourth quarter") take the year from their clause, unless it contradicts the
// tense, else from the reference date and the tense ("premiered on October 26" is the last October
// 26 on or before it, "will return on October 26" the next one). Relative expressions ("next
// year", "this fall", "two years ago", "on Sunday", "three weeks from now") are resolved against
// the reference date: the caller's, else a date line in the article's header ("By X | June 15,
// 2020"). Without one they are kept, marked relative, with value "UNRESOLVED" (or "XXXX-10-26"
// for a date without a year). Vague ones are "FUTURE_REF" ("in a few months", "soon") and
// "PAST_REF" ("recently", "in recent weeks"). docs/dates.md lists every form.
//
// Roles from the cue that governs the date in its clause: premiere ("premiered on", "its 2022
// debut"), release ("release date", "returns", "arrives on Netflix", "slated for"),
// renewal_announcement ("renewed in", "announced on March 2 that..."), production ("filming
// began"), other (trailers, earnings, a service's launch, a run "from 2005 to 2013").
// docs/dates.md lists the rules.
//
// Not dates: "Season 2", "the first season", "for 11 minutes", "now", "every day", "24/7",
// "2,019 fans", a show titled "1899", "every Friday", "on Sunday nights", "Saturday Night Live".
//
// A DateExtractor is immutable; extract() is const and thread-safe.

#ifndef GREENLIGHT_DATES_H_
#define GREENLIGHT_DATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "greenlight/calendar.h"
#include "greenlight/tokenizer.h"

namespace greenlight {

struct TemporalExpression {
  std::uint32_t begin = 0, end = 0;  // bytes into the text
  std::string text;
  std::string value;
  std::optional<std::string> mod;  // START | MID | END
  std::string granularity;         // day | week | month | season | quarter | half | year | decade
  std::optional<CivilDate> begin_date, end_date;
  std::string role;                // premiere | release | renewal_announcement | production | other
  std::string form;                // full_date, numeric_date, iso_date, month_year, year, season, quarter,
                                   // half, early_mid_late, decade, tv_season, partial_date, relative, range
  bool relative = false;           // resolved against a reference date (or could not be)
};

struct DateOptions {
  bool us_numeric_order = true;  // 10/11/2018 is October 11 (false: 10 November)
};

class DateExtractor {
 public:
  explicit DateExtractor(DateOptions options = {});

  std::vector<TemporalExpression> extract(const Document& doc, std::optional<CivilDate> reference) const;

  // The publication date from a date line in the first paragraphs ("By Dana Reyes | March 3,
  // 2021", "Published: 2021-03-03", "Posted on June 15, 2020 by ..."), if there is one.
  std::optional<CivilDate> find_dateline(const Document& doc) const;

 private:
  DateOptions options_;
};

}  // namespace greenlight

#endif  // GREENLIGHT_DATES_H_
