// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// The extractor walks each sentence's normalized tokens and tries, at each position, the
// grammars below from the most to the least specific (ranges, full dates, numeric dates, months
// with years, seasons, quarters, halves, decades, TV seasons, early/mid/late, relative
// expressions, partial dates, bare years). A match yields a Point (a calendar unit with what is
// known of it), which is resolved against the sentence's stated year and the reference date,
// then written as a TIMEX3-style value with its interval. Small tables, no regular expressions.

#include "greenlight/dates.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "greenlight/numbers.h"

namespace greenlight {

namespace {

enum class Unit { kDay, kWeek, kMonth, kSeason, kQuarter, kHalf, kYear, kDecade };

// A date as far as the text says it. year == 0: not stated.
struct Point {
  Unit unit = Unit::kYear;
  int year = 0, month = 0, day = 0;
  int sub = 0;  // season 1..4 (WI, SP, SU, FA), quarter 1..4, half 1..2, ISO week, decade start
  std::optional<std::string> mod;
};

struct Match {
  std::size_t end = 0;  // token index past the expression
  Point from;
  std::optional<Point> to;  // ranges
  std::string form;
  bool relative = false;
  std::string special;  // FUTURE_REF / PAST_REF / UNRESOLVED
  int relative_direction = 0;  // partial dates: -1 past, +1 future, 0 unknown
};

constexpr std::string_view kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                        "july",    "august",   "september", "october", "november", "december"};
constexpr std::string_view kMonthAbbrevs[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                              "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::string_view kWeekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                          "sunday", "mon",     "tue",       "tues",     "wed",    "thu",
                                          "thurs",  "fri",     "sat",       "sun"};

int month_of(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  for (int i = 0; i < 12; ++i)
    if (w == kMonths[i] || w == kMonthAbbrevs[i]) return i + 1;
  if (w == "sept") return 9;
  return 0;
}

bool is_weekday(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  for (std::string_view d : kWeekdays)
    if (w == d) return true;
  return false;
}

// Season of the year: 1 winter, 2 spring, 3 summer, 4 fall.
int season_of(std::string_view w) {
  if (w == "winter") return 1;
  if (w == "spring") return 2;
  if (w == "summer") return 3;
  if (w == "fall" || w == "autumn") return 4;
  return 0;
}

constexpr std::string_view kSeasonCodes[] = {"", "WI", "SP", "SU", "FA"};

int year_of(std::string_view w) {
  if (w.size() != 4) return 0;
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v >= 1900 && v <= 2099 ? v : 0;
}

int day_of(std::string_view w) {
  if (w.empty() || w[0] < '0' || w[0] > '9') return 0;
  int v = 0;
  std::size_t k = 0;
  while (k < w.size() && w[k] >= '0' && w[k] <= '9' && k < 3) v = v * 10 + (w[k++] - '0');
  const std::string_view rest = w.substr(k);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  return v >= 1 && v <= 31 ? v : 0;
}

int small_number(std::string_view w) {
  if (w == "a" || w == "an") return 1;
  if (w == "couple") return 2;
  if (w == "few" || w == "several") return -1;
  if (auto v = parse_cardinal(w); v && *v >= 1 && *v <= 100 && *v == static_cast<int>(*v)) return static_cast<int>(*v);
  return 0;
}

// ISO 8601 week number and its year.
std::pair<int, int> iso_week(const CivilDate& d) {
  const int wd = d.day_of_week();  // 0 Monday
  const CivilDate thursday = d.add_days(3 - wd);
  const CivilDate jan1{thursday.year, 1, 1};
  return {thursday.year, static_cast<int>((thursday.to_days() - jan1.to_days()) / 7 + 1)};
}

class SentenceParser {
 public:
  SentenceParser(const Document& doc, const Sentence& s, const std::optional<CivilDate>& reference, const DateOptions& options)
      : doc_(doc), tokens_(doc.tokens(s)), reference_(reference), options_(options) {
    for (const Token& t : tokens_) norms_.push_back(doc.normalized(t));
  }

  std::vector<TemporalExpression> run() {
    std::vector<TemporalExpression> out;
    for (std::size_t i = 0; i < norms_.size();) {
      std::optional<Match> m = match_at(i);
      if (!m) {
        ++i;
        continue;
      }
      out.push_back(finish(i, *m));
      i = m->end;
    }
    return out;
  }

 private:
  std::string_view n(std::size_t i) const { return i < norms_.size() ? norms_[i] : std::string_view(); }

  // The year stated nearest before (else after) token i in this sentence, for partial dates.
  int sentence_year(std::size_t i) const {
    for (std::size_t k = i; k-- > 0;)
      if (int y = year_of(n(k)); y && is_date_year(k)) return y;
    for (std::size_t k = i; k < norms_.size(); ++k)
      if (int y = year_of(n(k)); y && is_date_year(k)) return y;
    return 0;
  }

  // A year token that belongs to a date (not "1899" the show or "2019 fans").
  bool is_date_year(std::size_t k) const {
    if (k > 0 && (month_of(n(k - 1)) || season_of(n(k - 1)) || n(k - 1) == "," || n(k - 1) == "in" ||
                  n(k - 1) == "of" || n(k - 1) == "since" || n(k - 1) == "by" || n(k - 1) == "until"))
      return true;
    return false;
  }

  std::optional<Point> month_day_year(std::size_t i, std::size_t* end) const {
    // [weekday ,] Month Day [,] [Year]   |   Day Month [,] [Year]   |   the Day of Month
    std::size_t k = i;
    if (is_weekday(n(k))) {
      ++k;
      if (n(k) == ",") ++k;
    }
    Point p;
    p.unit = Unit::kDay;
    if (int m = month_of(n(k)); m && day_of(n(k + 1)) && !(k + 2 < norms_.size() && n(k + 2) == ":")) {
      p.month = m;
      p.day = day_of(n(k + 1));
      k += 2;
    } else if (int d = day_of(n(k)); d && month_of(n(k + 1))) {
      p.day = d;
      p.month = month_of(n(k + 1));
      k += 2;
    } else if (n(k) == "the" && day_of(n(k + 1)) && n(k + 2) == "of" && month_of(n(k + 3))) {
      p.day = day_of(n(k + 1));
      p.month = month_of(n(k + 3));
      k += 4;
    } else {
      return std::nullopt;
    }
    std::size_t y = k;
    if (n(y) == ",") ++y;
    if (int year = year_of(n(y))) {
      p.year = year;
      k = y + 1;
    }
    if (!CivilDate::valid(p.year ? p.year : 2000, p.month, p.day)) return std::nullopt;
    *end = k;
    return p;
  }

  // A single point at i (no ranges): returns the point and its form.
  std::optional<Match> point_at(std::size_t i) const {
    Match m;
    std::size_t end = 0;
    const std::string_view w = n(i);
    // Modifiers: early / mid / late / the end of / the beginning of.
    std::optional<std::string> mod;
    std::size_t k = i;
    if (w == "early" || w == "earlier") { mod = "START"; k = i + 1; }
    else if (w == "late" || w == "later") { mod = "END"; k = i + 1; }
    else if (w == "mid" || w == "middle") { mod = "MID"; k = i + 1; if (n(k) == "-") ++k; if (n(k) == "of") ++k; }
    else if ((w == "the" || w == "by") && (n(i + 1) == "end" || n(i + 1) == "beginning" || n(i + 1) == "start" ||
                                          n(i + 1) == "middle") && n(i + 2) == "of") {
      mod = n(i + 1) == "end" ? "END" : n(i + 1) == "middle" ? "MID" : "START";
      k = i + 3;
    } else if (w == "end" && n(i + 1) == "of") { mod = "END"; k = i + 2; }
    else if (w.size() > 4 && (w.substr(0, 4) == "mid-" || w.substr(0, 6) == "early-" || w.substr(0, 5) == "late-")) {
      // "mid-2021" is one hyphenated token.
      const std::size_t hy = w.find('-');
      const std::string_view rest = w.substr(hy + 1);
      if (int y = year_of(rest)) {
        m.from.unit = Unit::kYear;
        m.from.year = y;
        m.from.mod = w[0] == 'm' ? "MID" : w[0] == 'e' ? "START" : "END";
        m.form = "early_mid_late";
        m.end = i + 1;
        return m;
      }
      if (int mo = month_of(rest)) {
        m.from.unit = Unit::kMonth;
        m.from.month = mo;
        m.from.mod = w[0] == 'm' ? "MID" : w[0] == 'e' ? "START" : "END";
        if (int y = year_of(n(i + 1))) { m.from.year = y; m.end = i + 2; } else { m.end = i + 1; }
        m.form = "early_mid_late";
        return m;
      }
    }
    if (mod) {
      if (n(k) == "in") ++k;  // "later in 2021"
      if (int y = year_of(n(k))) {  // "late 2021": a year after a modifier needs no other context
        m.from.unit = Unit::kYear;
        m.from.year = y;
        m.from.mod = mod;
        m.end = k + 1;
        m.form = "early_mid_late";
        return m;
      }
      std::optional<Match> inner = point_at(k);
      if (inner && !inner->to && inner->special.empty() && !inner->from.mod &&
          (inner->from.unit == Unit::kYear || inner->from.unit == Unit::kMonth || inner->from.unit == Unit::kSeason)) {
        inner->from.mod = mod;
        if (inner->form == "year" || inner->form == "month_year" || inner->form == "season") inner->form = "early_mid_late";
        return inner;
      }
      // "later this year", "earlier this month": the relative expression with its modifier kept in the text.
      if (inner && inner->relative) return inner;
      return std::nullopt;
    }
    if (auto p = month_day_year(i, &end)) {
      m.from = *p;
      m.end = end;
      m.form = p->year ? "full_date" : "partial_date";
      return m;
    }
    // Numeric and ISO dates are single tokens.
    if (tokens_[i].kind == TokenKind::kNumber) {
      int a = 0, b = 0, c = 0;
      char s1 = 0, s2 = 0;
      if (std::sscanf(std::string(w).c_str(), "%d%c%d%c%d", &a, &s1, &b, &s2, &c) == 5 && s1 == s2 &&
          (s1 == '/' || s1 == '-' || s1 == '.')) {
        Point p;
        p.unit = Unit::kDay;
        if (a >= 1000) { p.year = a; p.month = b; p.day = c; m.form = s1 == '-' ? "iso_date" : "numeric_date"; }
        else {
          p.year = c < 100 ? 2000 + c : c;
          p.month = options_.us_numeric_order ? a : b;
          p.day = options_.us_numeric_order ? b : a;
          m.form = "numeric_date";
        }
        if (CivilDate::valid(p.year, p.month, p.day)) {
          m.from = p;
          m.end = i + 1;
          return m;
        }
      }
    }
    // Month [of] Year
    if (int mo = month_of(w)) {
      std::size_t y = i + 1;
      if (n(y) == "of" || n(y) == ",") ++y;
      if (int year = year_of(n(y))) {
        m.from.unit = Unit::kMonth;
        m.from.month = mo;
        m.from.year = year;
        m.end = y + 1;
        m.form = "month_year";
        return m;
      }
      // A bare month is a date only with a temporal preposition ("in April"), and "may" is a verb.
      if (w != "may" && w != "march" && i > 0 && (n(i - 1) == "in" || n(i - 1) == "until" || n(i - 1) == "since" ||
                                                   n(i - 1) == "by" || n(i - 1) == "through")) {
        m.from.unit = Unit::kMonth;
        m.from.month = mo;
        m.end = i + 1;
        m.form = "partial_date";
        return m;
      }
    }
    // Season [of] Year
    {
      const std::size_t s = i;
      if (int se = season_of(n(s))) {
        std::size_t y = s + 1;
        if (n(y) == "of") ++y;
        if (int year = year_of(n(y))) {
          m.from.unit = Unit::kSeason;
          m.from.sub = se;
          m.from.year = year;
          m.end = y + 1;
          m.form = "season";
          return m;
        }
      }
    }
    // Quarters: Q3 2021, the third quarter of 2021
    if (w.size() == 2 && w[0] == 'q' && w[1] >= '1' && w[1] <= '4') {
      if (int year = year_of(n(i + 1))) {
        m.from.unit = Unit::kQuarter;
        m.from.sub = w[1] - '0';
        m.from.year = year;
        m.end = i + 2;
        m.form = "quarter";
        return m;
      }
    }
    if (w.size() == 2 && w[0] == 'h' && (w[1] == '1' || w[1] == '2')) {
      if (int year = year_of(n(i + 1))) {
        m.from.unit = Unit::kHalf;
        m.from.sub = w[1] - '0';
        m.from.year = year;
        m.end = i + 2;
        m.form = "half";
        return m;
      }
    }
    {
      std::size_t s = i;
      if (w == "the") ++s;
      const auto ord = parse_ordinal(n(s));
      std::string_view which = n(s);
      if ((ord || which == "back" || which == "latter" || which == "front") &&
          (n(s + 1) == "quarter" || n(s + 1) == "half") && n(s + 2) == "of") {
        const bool half = n(s + 1) == "half";
        int sub = ord ? *ord : (which == "front" ? 1 : 2);
        if (int year = year_of(n(s + 3)); year && sub >= 1 && sub <= (half ? 2 : 4)) {
          m.from.unit = half ? Unit::kHalf : Unit::kQuarter;
          m.from.sub = sub;
          m.from.year = year;
          m.end = s + 4;
          m.form = half ? "half" : "quarter";
          return m;
        }
      }
    }
    // Decades: the 1990s, the '90s
    if (w == "the") {
      std::string_view d = n(i + 1);
      std::size_t end_token = i + 2;
      if (d == "'" ) { d = n(i + 2); end_token = i + 3; }
      if (d.size() == 5 && d.back() == 's' && year_of(d.substr(0, 4)) && d[3] == '0') {
        m.from.unit = Unit::kDecade;
        m.from.year = year_of(d.substr(0, 4));
        m.end = end_token;
        m.form = "decade";
        return m;
      }
      if (d.size() == 3 && d.back() == 's' && d[1] == '0' && d[0] >= '0' && d[0] <= '9') {
        m.from.unit = Unit::kDecade;
        m.from.year = (d[0] >= '3' ? 1900 : 2000) + (d[0] - '0') * 10;
        m.end = end_token;
        m.form = "decade";
        return m;
      }
    }
    // US TV seasons: the 2019-20 season, the 2019-2020 TV season
    if (int y1 = year_of(w); y1 && n(i + 1) == "-") {
      const std::string_view second = n(i + 2);
      int y2 = year_of(second);
      if (!y2 && second.size() == 2 && std::isdigit(static_cast<unsigned char>(second[0])) &&
          std::isdigit(static_cast<unsigned char>(second[1])))
        y2 = (y1 / 100) * 100 + std::atoi(std::string(second).c_str());
      std::size_t s = i + 3;
      if (n(s) == "tv" || n(s) == "broadcast" || n(s) == "television") ++s;
      if (y2 == y1 + 1 && n(s) == "season") {
        m.from.unit = Unit::kMonth;
        m.from.year = y1;
        m.from.month = 9;
        Point to;
        to.unit = Unit::kMonth;
        to.year = y2;
        to.month = 5;
        m.to = to;
        m.end = s + 1;
        m.form = "tv_season";
        return m;
      }
    }
    if (auto r = relative_at(i)) return r;
    // Bare years, when temporal.
    if (int y = year_of(w)) {
      const std::string_view prev = i > 0 ? n(i - 1) : std::string_view();
      const std::string_view next = n(i + 1);
      const bool temporal_before = prev == "in" || prev == "since" || prev == "by" || prev == "until" || prev == "till" ||
                                   prev == "of" || prev == "from" || prev == "during" || prev == "before" ||
                                   prev == "after" || prev == "through" || prev == "around" || prev == "circa" ||
                                   prev == "(" || prev == "year" || prev == "to" || prev == "and" || prev == "or";
      const bool temporal_after = next == "series" || next == "film" || next == "movie" || next == "anime" ||
                                  next == "remake" || next == "revival" || next == "reboot" || next == "premiere" ||
                                  next == "release" || next == "debut" || next == "adaptation" || next == "original";
      const bool not_a_date = next == "season" || next == "episode" || next == "episodes" || next == "fans" ||
                              next == "viewers" || next == "people" || next == "votes" || next == "minutes";
      if ((temporal_before || (prev == "the" && temporal_after)) && !not_a_date) {
        m.from.unit = Unit::kYear;
        m.from.year = y;
        m.end = i + 1;
        m.form = "year";
        return m;
      }
    }
    return std::nullopt;
  }

  std::optional<Match> relative_at(std::size_t i) const {
    Match m;
    m.relative = true;
    m.form = "relative";
    const std::string_view w = n(i);
    std::size_t k = i;
    if (w == "later" || w == "earlier" || w == "early" || w == "late") ++k;  // "later this year"
    const std::string_view a = n(k), b = n(k + 1);
    const bool direction_word = a == "next" || a == "this" || a == "last" || a == "coming" || a == "past" || a == "previous";
    if (direction_word) {
      const int dir = a == "next" || a == "coming" ? 1 : (a == "last" || a == "past" || a == "previous") ? -1 : 0;
      if (b == "year" || b == "month" || b == "week" || season_of(b)) {
        if (!reference_) {
          m.special = "UNRESOLVED";
        } else {
          const CivilDate& r = *reference_;
          if (b == "year") { m.from.unit = Unit::kYear; m.from.year = r.year + dir; }
          else if (b == "month") {
            int mo = r.month + dir, y = r.year;
            if (mo == 0) { mo = 12; --y; }
            if (mo == 13) { mo = 1; ++y; }
            m.from.unit = Unit::kMonth; m.from.year = y; m.from.month = mo;
          } else if (b == "week") {
            const auto [y, wk] = iso_week(r.add_days(7 * dir));
            m.from.unit = Unit::kWeek; m.from.year = y; m.from.sub = wk;
          } else {
            // Seasons: "next spring" is the first spring starting after the reference date;
            // "this fall" the one of the reference year; "last winter" the latest one before.
            const int se = season_of(b);
            const int current = (r.month - 1) / 3 + 1;  // WI=1 (Jan-Mar) ... FA=4
            int year = r.year;
            if (dir > 0 && se <= current) ++year;
            if (dir < 0 && se >= current) --year;
            m.from.unit = Unit::kSeason; m.from.sub = se; m.from.year = year;
          }
        }
        if (w == "later" || w == "late") m.from.mod = std::nullopt;
        m.end = k + 2;
        return m;
      }
    }
    // N years/months/weeks ago; in N years
    {
      std::size_t s = i;
      const bool in_future = w == "in";
      if (in_future) ++s;
      if (n(s) == "a" && n(s + 1) == "couple" && n(s + 2) == "of") s += 2;
      const int count = small_number(n(s));
      const std::string_view unit = n(s + 1);
      const bool unit_ok = unit == "year" || unit == "years" || unit == "month" || unit == "months" ||
                           unit == "week" || unit == "weeks";
      if (count != 0 && unit_ok && (in_future || n(s + 2) == "ago")) {
        m.end = in_future ? s + 2 : s + 3;
        if (count < 0 || !reference_) {
          m.special = count < 0 ? (in_future ? "FUTURE_REF" : "PAST_REF") : "UNRESOLVED";
          return m;
        }
        const int signed_count = in_future ? count : -count;
        const CivilDate& r = *reference_;
        if (unit[0] == 'y') { m.from.unit = Unit::kYear; m.from.year = r.year + signed_count; }
        else if (unit[0] == 'm') {
          int total = r.year * 12 + (r.month - 1) + signed_count;
          m.from.unit = Unit::kMonth; m.from.year = total / 12; m.from.month = total % 12 + 1;
        } else {
          const auto [y, wk] = iso_week(r.add_days(7 * signed_count));
          m.from.unit = Unit::kWeek; m.from.year = y; m.from.sub = wk;
        }
        return m;
      }
    }
    if (w == "in" && (n(i + 1) == "the") && (n(i + 2) == "coming" || n(i + 2) == "next") &&
        (n(i + 3) == "months" || n(i + 3) == "weeks" || n(i + 3) == "years")) {
      m.special = "FUTURE_REF";
      m.end = i + 4;
      return m;
    }
    if (w == "recently" || (w == "in" && n(i + 1) == "the" && n(i + 2) == "past" && !(n(i + 3) == "year"))) {
      m.special = "PAST_REF";
      m.end = w == "recently" ? i + 1 : i + 3;
      return m;
    }
    if (w == "yesterday" || w == "today" || w == "tomorrow") {
      if (!reference_) { m.special = "UNRESOLVED"; m.end = i + 1; return m; }
      const CivilDate d = reference_->add_days(w == "yesterday" ? -1 : w == "tomorrow" ? 1 : 0);
      m.from.unit = Unit::kDay; m.from.year = d.year; m.from.month = d.month; m.from.day = d.day;
      m.end = i + 1;
      return m;
    }
    return std::nullopt;
  }

  std::optional<Match> match_at(std::size_t i) const {
    const std::string_view w = n(i);
    // Ranges: between X and Y, from X to Y, X-Y (months, days).
    if (w == "between" || w == "from") {
      if (auto a = point_at(i + 1); a && !a->to && a->special.empty()) {
        const std::string_view joiner = n(a->end);
        if ((w == "between" && joiner == "and") ||
            (w == "from" && (joiner == "to" || joiner == "through" || joiner == "until" || joiner == "-"))) {
          std::optional<Match> b = point_at(a->end + 1);
          // A bare month or year after the joiner: "between July and September 2021".
          if (!b) {
            if (int mo = month_of(n(a->end + 1))) {
              Match bm;
              bm.from.unit = Unit::kMonth;
              bm.from.month = mo;
              std::size_t y = a->end + 2;
              if (int year = year_of(n(y))) { bm.from.year = year; bm.end = y + 1; } else { bm.end = a->end + 2; }
              bm.form = "month_year";
              b = bm;
            } else if (int year = year_of(n(a->end + 1))) {
              Match bm;
              bm.from.unit = Unit::kYear;
              bm.from.year = year;
              bm.end = a->end + 2;
              b = bm;
            }
          }
          if (b && !b->to && b->special.empty()) {
            Match r = *a;
            r.to = b->from;
            r.end = b->end;
            r.form = "range";
            return r;
          }
        }
      }
      // "between July and September 2021" where the first part is a bare month.
      if (int mo = month_of(n(i + 1)); mo && (n(i + 2) == "and" || n(i + 2) == "to" || n(i + 2) == "-" || n(i + 2) == "through")) {
        Match first;
        first.from.unit = Unit::kMonth;
        first.from.month = mo;
        first.end = i + 2;
        if (auto b = point_at(i + 3); b && !b->to && b->special.empty() && b->from.unit == Unit::kMonth) {
          Match r = first;
          r.to = b->from;
          r.end = b->end;
          r.form = "range";
          return r;
        }
        if (int mo2 = month_of(n(i + 3))) {
          Match r = first;
          Point to;
          to.unit = Unit::kMonth;
          to.month = mo2;
          std::size_t end = i + 4;
          if (int y = year_of(n(end))) { to.year = y; ++end; }
          r.to = to;
          r.end = end;
          r.form = "range";
          return r;
        }
      }
    }
    // Month D-D, YYYY and Month-Month YYYY
    if (int mo = month_of(w)) {
      if (int d1 = day_of(n(i + 1)); d1 && n(i + 2) == "-" && day_of(n(i + 3))) {
        const int d2 = day_of(n(i + 3));
        std::size_t y = i + 4;
        if (n(y) == ",") ++y;
        Match r;
        r.from.unit = Unit::kDay; r.from.month = mo; r.from.day = d1;
        Point to = r.from;
        to.day = d2;
        if (int year = year_of(n(y))) { r.from.year = to.year = year; r.end = y + 1; } else { r.end = i + 4; }
        r.to = to;
        r.form = "range";
        if (d2 > d1) return r;
      }
      if (n(i + 1) == "-" && month_of(n(i + 2))) {
        Match r;
        r.from.unit = Unit::kMonth; r.from.month = mo;
        Point to;
        to.unit = Unit::kMonth; to.month = month_of(n(i + 2));
        if (int year = year_of(n(i + 3))) { r.from.year = to.year = year; r.end = i + 4; } else { r.end = i + 3; }
        r.to = to;
        r.form = "range";
        return r;
      }
    }
    auto m = point_at(i);
    if (m) return m;
    return std::nullopt;
  }

  static std::string two(int v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d", v);
    return b;
  }

  // Fills a point's unknown year: from the sentence, else the reference date and the tense.
  void resolve_year(Point& p, std::size_t at, int direction, bool* unresolved) const {
    if (p.year) return;
    if (int y = sentence_year(at)) {
      p.year = y;
      return;
    }
    if (!reference_) {
      *unresolved = true;
      return;
    }
    const CivilDate& r = *reference_;
    p.year = r.year;
    if (p.unit == Unit::kDay || p.unit == Unit::kMonth) {
      const int day = p.day ? p.day : 1;
      const CivilDate candidate{r.year, p.month, std::min(day, CivilDate::days_in_month(r.year, p.month))};
      if (direction < 0 && candidate > r) p.year = r.year - 1;
      if (direction > 0 && candidate < r && !(p.unit == Unit::kMonth && p.month == r.month)) p.year = r.year + 1;
    }
  }

  // Value and interval of a resolved point.
  static std::string value_of(const Point& p) {
    const std::string y = std::to_string(p.year);
    switch (p.unit) {
      case Unit::kDay: return y + "-" + two(p.month) + "-" + two(p.day);
      case Unit::kWeek: return y + "-W" + two(p.sub);
      case Unit::kMonth: return y + "-" + two(p.month);
      case Unit::kSeason: return y + "-" + std::string(kSeasonCodes[p.sub]);
      case Unit::kQuarter: return y + "-Q" + std::to_string(p.sub);
      case Unit::kHalf: return y + "-H" + std::to_string(p.sub);
      case Unit::kYear: return y;
      case Unit::kDecade: return y.substr(0, 3);
    }
    return y;
  }

  static std::pair<CivilDate, CivilDate> interval_of(const Point& p) {
    auto month_span = [&](int from, int to) {
      return std::pair{CivilDate{p.year, from, 1}, CivilDate{p.year, to, CivilDate::days_in_month(p.year, to)}};
    };
    std::pair<CivilDate, CivilDate> span;
    switch (p.unit) {
      case Unit::kDay: span = {CivilDate{p.year, p.month, p.day}, CivilDate{p.year, p.month, p.day}}; break;
      case Unit::kWeek: {
        // Monday of ISO week sub: the week holding January 4 is week 1.
        const CivilDate jan4{p.year, 1, 4};
        const CivilDate monday = jan4.add_days(-jan4.day_of_week() + 7 * (p.sub - 1));
        span = {monday, monday.add_days(6)};
        break;
      }
      case Unit::kMonth: span = month_span(p.month, p.month); break;
      case Unit::kSeason: span = month_span(3 * p.sub - 2, 3 * p.sub); break;
      case Unit::kQuarter: span = month_span(3 * p.sub - 2, 3 * p.sub); break;
      case Unit::kHalf: span = month_span(6 * p.sub - 5, 6 * p.sub); break;
      case Unit::kYear: span = month_span(1, 12); break;
      case Unit::kDecade: {
        const int start = p.year - p.year % 10;
        span = {CivilDate{start, 1, 1}, CivilDate{start + 9, 12, 31}};
        break;
      }
    }
    if (p.mod && p.unit == Unit::kYear) {
      // START, MID, END of a year: January-April, May-August, September-December.
      const int first = *p.mod == "START" ? 1 : *p.mod == "MID" ? 5 : 9;
      span = month_span(first, first + 3);
    } else if (p.mod) {
      // START, MID, END: the first, middle or last third of the interval.
      const std::int64_t a = span.first.to_days(), b = span.second.to_days(), third = (b - a + 1) / 3;
      if (*p.mod == "START") span.second = CivilDate::from_days(a + third - 1);
      else if (*p.mod == "MID") span = {CivilDate::from_days(a + third), CivilDate::from_days(b - third)};
      else span.first = CivilDate::from_days(b - third + 1);
    }
    return span;
  }

  static std::string granularity_of(Unit u) {
    switch (u) {
      case Unit::kDay: return "day";
      case Unit::kWeek: return "week";
      case Unit::kMonth: return "month";
      case Unit::kSeason: return "season";
      case Unit::kQuarter: return "quarter";
      case Unit::kHalf: return "half";
      case Unit::kYear: return "year";
      case Unit::kDecade: return "decade";
    }
    return "year";
  }

  // The tense around a partial date: -1 past ("premiered on"), +1 future ("will return on").
  int direction_near(std::size_t i) const {
    for (std::size_t k = i; k-- > 0 && i - k <= 8;) {
      const std::string_view w = n(k);
      if (w == "will" || w == "'ll" || w == "set" || w == "slated" || w == "scheduled" || w == "coming" ||
          w == "upcoming" || w == "returns" || w == "premieres" || w == "debuts" || w == "arrives" || w == "expected" ||
          w == "due" || w == "until" || w == "next")
        return 1;
      if (w == "was" || w == "were" || w == "had" || w == "premiered" || w == "aired" || w == "debuted" ||
          w == "released" || w == "announced" || w == "confirmed" || w == "renewed" || w == "ended" ||
          w == "began" || w == "started" || w == "wrapped" || w == "returned" || w == "since" || w == "last" ||
          w == "ago" || w == "dropped" || w == "launched")
        return -1;
    }
    return 0;
  }

  std::string role_near(std::size_t begin, std::size_t end) const {
    // The nearest cue before the date in its sentence, else after it.
    auto role_of = [](std::string_view w) -> std::string_view {
      auto starts = [&](std::string_view p) { return w.substr(0, p.size()) == p; };
      if (starts("premier") || starts("debut") || w == "launched" || w == "launch" || w == "aired" ||
          w == "bowed" || w == "opened")
        return "premiere";
      if (starts("renew") || starts("announc") || starts("confirm") || starts("greenl") || w == "ordered" ||
          w == "order" || w == "revealed" || w == "unveiled")
        return "renewal_announcement";
      if (starts("film") || starts("shoot") || w == "production" || w == "shot" || w == "wrapped" ||
          w == "casting" || w == "writing" || starts("animat") || w == "recording")
        return "production";
      if (starts("releas") || starts("return") || starts("arriv") || w == "drops" || w == "dropped" ||
          w == "drop" || w == "streaming" || w == "available" || w == "hits" || w == "lands" || w == "back" ||
          w == "coming" || w == "comes" || w == "out" || w == "airs" || w == "air" || w == "expect" ||
          w == "expected" || w == "due")
        return "release";
      return "";
    };
    for (std::size_t k = begin; k-- > 0 && begin - k <= 10;) {
      if (n(k) == "." || n(k) == ";") break;
      if (auto r = role_of(n(k)); !r.empty()) {
        // "first aired" as premiere.
        if (r == "premiere" || k == 0 || n(k - 1) != "first") return std::string(r);
        return "premiere";
      }
    }
    for (std::size_t k = end; k < norms_.size() && k - end <= 6; ++k)
      if (auto r = role_of(n(k)); !r.empty()) return std::string(r);
    return "other";
  }

  TemporalExpression finish(std::size_t i, Match& m) const {
    TemporalExpression t;
    t.begin = tokens_[i].begin;
    t.end = tokens_[m.end - 1].end;
    t.text = std::string(doc_.text().substr(t.begin, t.end - t.begin));
    t.form = m.form;
    t.relative = m.relative;
    t.role = role_near(i, m.end);
    if (!m.special.empty()) {
      t.value = m.special;
      t.granularity = "year";
      return t;
    }
    bool unresolved = false;
    const int direction = direction_near(i);
    // A year stated once carries through a range.
    if (m.to) {
      if (!m.from.year) m.from.year = m.to->year;
      if (!m.to->year) m.to->year = m.from.year;
    }
    resolve_year(m.from, i, direction, &unresolved);
    if (m.to) resolve_year(*m.to, i, direction, &unresolved);
    t.mod = m.from.mod;
    t.granularity = granularity_of(m.from.unit);
    if (unresolved) {
      t.relative = true;
      if (m.from.unit == Unit::kDay) t.value = "XXXX-" + two(m.from.month) + "-" + two(m.from.day);
      else if (m.from.unit == Unit::kMonth) t.value = "XXXX-" + two(m.from.month);
      else t.value = "UNRESOLVED";
      return t;
    }
    if (m.from.unit == Unit::kDay && !CivilDate::valid(m.from.year, m.from.month, m.from.day)) {
      t.value = "XXXX-" + two(m.from.month) + "-" + two(m.from.day);
      return t;
    }
    auto [b, e] = interval_of(m.from);
    t.value = value_of(m.from);
    if (m.to) {
      if (m.to->unit == Unit::kDay && !CivilDate::valid(m.to->year, m.to->month, m.to->day)) return t;
      t.value += "/" + value_of(*m.to);
      e = interval_of(*m.to).second;
    }
    t.begin_date = b;
    t.end_date = e;
    return t;
  }

  const Document& doc_;
  std::span<const Token> tokens_;
  std::vector<std::string_view> norms_;
  const std::optional<CivilDate>& reference_;
  const DateOptions& options_;
};

}  // namespace

DateExtractor::DateExtractor(DateOptions options) : options_(options) {}

std::vector<TemporalExpression> DateExtractor::extract(const Document& doc, std::optional<CivilDate> reference) const {
  if (reference && !CivilDate::valid(reference->year, reference->month, reference->day)) reference.reset();
  std::vector<TemporalExpression> out;
  for (const Sentence& s : doc.sentences()) {
    auto found = SentenceParser(doc, s, reference, options_).run();
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  return out;
}

std::optional<CivilDate> DateExtractor::find_dateline(const Document& doc) const {
  // A short paragraph among the first three holding a full date, next to a byline word or alone.
  const auto paragraphs = doc.paragraphs();
  for (std::size_t p = 0; p < paragraphs.size() && p < 3; ++p) {
    const Paragraph& para = paragraphs[p];
    if (para.end - para.begin > 160) continue;
    for (std::uint32_t si = para.first_sentence; si < para.end_sentence; ++si) {
      const Sentence& s = doc.sentences()[si];
      bool byline = false;
      for (const Token& t : doc.tokens(s)) {
        const std::string_view w = doc.normalized(t);
        if (w == "by" || w == "published" || w == "posted" || w == "updated" || w == "|" || w == "on") byline = true;
      }
      const auto found = SentenceParser(doc, s, std::nullopt, options_).run();
      for (const TemporalExpression& t : found) {
        if (t.granularity != "day" || !t.begin_date || t.value.find('/') != std::string::npos) continue;
        if (byline || found.size() == 1) return t.begin_date;
      }
    }
  }
  return std::nullopt;
}

}  // namespace greenlight
