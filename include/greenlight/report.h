// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// ArticleReport: everything greenlight found in one article, as plain values, and its JSON form
// (schema "greenlight.article/1", documented in schema/article.schema.json).
//
//   greenlight::ArticleReport report = analyzer.analyze(text);
//   if (report.renewal) std::cout << report.renewal->status << "\n";
//   std::cout << greenlight::to_json(report) << "\n";
//
// Offsets (begin, end) are bytes into the analyzed text. Components that did not run leave their
// field empty (std::nullopt or an empty list); JSON then carries null or [].

#ifndef GREENLIGHT_REPORT_H_
#define GREENLIGHT_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace greenlight {

struct ShowMention {
  std::string title;
  std::uint32_t begin = 0, end = 0;
};

struct Evidence {
  std::uint32_t begin = 0, end = 0;  // a sentence, usually
  std::string text;
  double weight = 0;  // contribution to the logit of the reported status or likelihood
  // The sentence's strongest features and their contributions (feature names are described in
  // docs/renewal.md: "cancel|neg", "season_ref|q", "w:renewed" ...).
  std::vector<std::pair<std::string, double>> features;
};

struct RenewalReport {
  std::string status;                  // renewed | cancelled | ended | unconfirmed
  double likelihood = 0;               // calibrated probability of another season
  std::optional<std::string> outlook;  // likely | unlikely | unclear, for unconfirmed only
  std::vector<Evidence> evidence;
};

struct SentenceScore {
  std::uint32_t begin = 0, end = 0;
  double score = 0;  // [-1, 1]
};

struct SentimentReport {
  std::string label;  // positive | negative | neutral | mixed
  double score = 0;   // [-1, 1]
  std::vector<SentenceScore> sentences;
};

struct EntityReport {
  std::string text;
  std::uint32_t begin = 0, end = 0;
  std::string type;  // studio | production_company | network | streaming | person | show | character | other_org
  std::string canonical;
  std::optional<std::string> role;  // people: creator | director | writer | showrunner | producer | cast | author | composer | other
};

struct DateReport {
  std::string text;
  std::uint32_t begin = 0, end = 0;
  std::string value;               // TIMEX3-style: 2019-04-19, 2019-04, 2022-FA, 2021-Q3, 2019/2021...
  std::optional<std::string> mod;  // START | MID | END
  std::string granularity;         // day | month | season | quarter | half | year | decade
  std::optional<std::string> begin_date, end_date;  // the interval, YYYY-MM-DD, when resolved
  std::string role;                // premiere | release | renewal_announcement | production | other
};

struct ArticleStats {
  std::uint64_t bytes = 0;
  std::uint64_t tokens = 0;
  std::uint64_t sentences = 0;
  std::uint64_t paragraphs = 0;
};

struct ArticleReport {
  std::string source;  // file name or id given by the caller
  std::optional<std::string> title;
  std::optional<ShowMention> show;
  std::optional<RenewalReport> renewal;
  std::optional<SentimentReport> sentiment;
  std::vector<EntityReport> entities;
  std::vector<DateReport> dates;
  std::vector<int> seasons;
  std::optional<int> episodes;
  std::optional<int> runtime_minutes;
  ArticleStats stats;
};

// One line of JSON (no trailing newline). Strings are valid UTF-8: ill-formed bytes from the
// input are written as U+FFFD.
std::string to_json(const ArticleReport& report);

// The JSON error record written for an input that could not be analyzed:
// {"schema": "greenlight.article/1", "source": "...", "error": "..."}
std::string error_json(const std::string& source, const std::string& message);

}  // namespace greenlight

#endif  // GREENLIGHT_REPORT_H_
