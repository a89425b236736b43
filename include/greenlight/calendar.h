// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// CivilDate: a proleptic Gregorian calendar date, the value type for reference dates and
// normalized date intervals.
//
//   auto d = greenlight::CivilDate::parse("2020-06-15");   // throws greenlight::Error if invalid
//   d.add_days(200).to_string();                           // "2021-01-01"

#ifndef GREENLIGHT_CALENDAR_H_
#define GREENLIGHT_CALENDAR_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace greenlight {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..days_in_month(year, month)

  // Parses "YYYY-MM-DD" exactly; throws greenlight::Error naming the problem otherwise.
  static CivilDate parse(std::string_view iso);
  // Same, without throwing.
  static std::optional<CivilDate> try_parse(std::string_view iso);
  // Valid calendar date with a year in [1, 9999]?
  static bool valid(int year, int month, int day);
  static int days_in_month(int year, int month);

  // Days since 1970-01-01 and back.
  std::int64_t to_days() const;
  static CivilDate from_days(std::int64_t days);

  CivilDate add_days(std::int64_t n) const { return from_days(to_days() + n); }
  int day_of_week() const;  // 0 = Monday .. 6 = Sunday (ISO)

  std::string to_string() const;  // "YYYY-MM-DD"

  auto operator<=>(const CivilDate&) const = default;
};

}  // namespace greenlight

#endif  // GREENLIGHT_CALENDAR_H_
