// Hostile input through the whole analyzer: each case in the README's "Hostile input" table has a
// test here. Time limits are not asserted (machines are noisy); linear time is measured by
// bench/scaling_bench.cc.

#include <gtest/gtest.h>

#include <string>

#include "greenlight/analyzer.h"
#include "greenlight/error.h"
#include "greenlight/html_report.h"
#include "greenlight/report.h"
#include "json_reader.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define GREENLIGHT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define GREENLIGHT_SANITIZED 1
#endif
#endif

namespace greenlight {
namespace {

// The report must serialize to valid JSON whatever went in.
void ExpectValidReport(const Analyzer& analyzer, const std::string& text) {
  const ArticleReport report = analyzer.analyze(text);
  EXPECT_EQ(report.stats.bytes, text.size());
  EXPECT_NO_THROW(parse_json(to_json(report)));
}

TEST(HostileInput, InvalidUtf8AndNulBytes) {
  const Analyzer analyzer;
  std::string text = "Netflix \xC0\xAF renewed \xED\xA0\x80 it";
  text.push_back('\0');
  text += " on \xF4\x90\x80\x80 April 19, 2019.\xFF";
  ExpectValidReport(analyzer, text);
}

TEST(HostileInput, AHundredMegabyteArticleIsRejectedByDefaultWithAClearError) {
  const Analyzer analyzer;  // default limit: 64 MiB
  const std::string text(100u << 20, 'a');
  try {
    analyzer.analyze(text);
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("exceeds the limit"), std::string::npos);
  }
}

TEST(HostileInput, AHundredMegabyteArticleWithARaisedLimit) {
#ifdef GREENLIGHT_SANITIZED
  GTEST_SKIP() << "too large for a sanitizer build";
#endif
  AnalyzerOptions options;
  options.max_article_bytes = 128u << 20;
  const Analyzer analyzer(options);
  std::string text;
  const std::string paragraph = "Netflix renewed the show for a second season on April 19, 2019. Fans cheered.\n\n";
  while (text.size() < (100u << 20)) text += paragraph;
  const ArticleReport report = analyzer.analyze(text);
  EXPECT_EQ(report.stats.bytes, text.size());
  EXPECT_GT(report.stats.sentences, 2'000'000u);
}

TEST(HostileInput, AMillionOneCharacterLines) {
  const Analyzer analyzer;
  std::string text;
  for (int i = 0; i < 1'000'000; ++i) text += (i % 3 == 0 ? "a\n" : i % 3 == 1 ? ".\n" : "A\n");
  ExpectValidReport(analyzer, text);
}

TEST(HostileInput, RepeatedPatternsAndVeryLongTokens) {
  const Analyzer analyzer;
  for (const std::string unit : {"Season 2 ", "April ", "19, ", "2019-", "Netflix's ", "(", "\"", "--", "1/", "https://x.com/",
                                 "renewed ", "Mr. ", "@", "#a"}) {
    std::string text;
    while (text.size() < 300'000) text += unit;
    ExpectValidReport(analyzer, text);
  }
  ExpectValidReport(analyzer, std::string(2'000'000, 'x'));  // one two-megabyte "word"
}

TEST(HostileInput, MixedScriptsRightToLeftAndEmojiSequences) {
  const Analyzer analyzer;
  ExpectValidReport(analyzer,
                    "Netflix\xE2\x80\x99s \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 "
                    "\xE2\x80\x8F\xE2\x80\xAE reversed \xE2\x80\xAC \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE "
                    "\xE3\x82\xA2\xE3\x83\x8B\xE3\x83\xA1 \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
                    "\xF0\x9F\x91\xA7 \xF0\x9F\x87\xAF\xF0\x9F\x87\xB5 Season 2 \xF0\x9F\x8E\x89");
}

TEST(HostileInput, ImpossibleReferenceDateIsRejectedAtTheBoundary) {
  EXPECT_THROW(CivilDate::parse("2021-02-29"), Error);
  EXPECT_THROW(CivilDate::parse("0000-01-01"), Error);
  EXPECT_THROW(CivilDate::parse("2021-13-01"), Error);
  EXPECT_THROW(CivilDate::parse("20210101"), Error);
  EXPECT_NO_THROW(CivilDate::parse("2024-02-29"));
  // A caller building one by hand still gets a report, not a crash.
  const Analyzer analyzer;
  ArticleOptions article;
  article.reference_date = CivilDate{2021, 2, 31};
  EXPECT_NO_THROW(analyzer.analyze("It returns next year, on October 26.", article));
}

// Found by the date fuzzer: a date modifier as the very last token ("early", "late", "the end
// of") looked for its date one past the end of the tokens.
TEST(HostileInput, TextEndingInADateModifier) {
  const Analyzer analyzer;
  for (const char* text : {"It premiered in early", "Season 2: Release Date\n\nIt returns in late", "by the end of"}) {
    const ArticleReport report = analyzer.analyze(text);
    EXPECT_TRUE(report.dates.empty()) << text;
  }
}

}  // namespace
}  // namespace greenlight
