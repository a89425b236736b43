// HTML reports: structure, highlighting and escaping.

#include "greenlight/html_report.h"

#include <gtest/gtest.h>

namespace greenlight {
namespace {

ArticleReport sample_report() {
  ArticleReport r;
  r.source = "sample.txt";
  r.title = "Show <Season 2>";
  r.show = ShowMention{"Show", 0, 4};
  r.entities.push_back({"Netflix", 11, 18, "streaming", "Netflix", std::nullopt});
  r.entities.push_back({"Aki Kondo", 44, 53, "person", "Aki Kondo", std::string("author")});
  r.dates.push_back({"April 19, 2019", 25, 39, "2019-04-19", std::nullopt, "day", "2019-04-19", "2019-04-19", "premiere"});
  r.renewal = RenewalReport{"unconfirmed", 0.41, std::string("unclear"), {{0, 40, "Show is on Netflix since April 19, 2019.", -1.3}}};
  r.sentiment = SentimentReport{"positive", 0.4, {{0, 40, 0.5}, {41, 72, -0.2}}};
  return r;
}

const std::string kText = "Show is on Netflix since April 19, 2019. By Aki Kondo <script>x</script>";

TEST(HtmlReport, HighlightsEntitiesDatesAndSentences) {
  const std::string page = to_html(sample_report(), kText);
  EXPECT_NE(page.find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_NE(page.find("<mark class=\"ent\""), std::string::npos);
  EXPECT_NE(page.find(">Netflix<span class=\"t\">streaming</span></mark>"), std::string::npos);
  EXPECT_NE(page.find("<span class=\"date\" title=\"2019-04-19"), std::string::npos);
  EXPECT_NE(page.find("id=\"s0\""), std::string::npos);
  EXPECT_NE(page.find("href=\"#s0\""), std::string::npos);  // evidence links into the text
  EXPECT_NE(page.find("<svg"), std::string::npos);           // the gauge
  EXPECT_NE(page.find("Aki Kondo <small>(author)</small>"), std::string::npos);
}

TEST(HtmlReport, EscapesEverythingTakenFromTheText) {
  ArticleReport r = sample_report();
  r.entities.push_back({"<b>", 60, 63, "other_org", "<img src=x onerror=alert(1)>", std::nullopt});
  const std::string page = to_html(r, kText + "\xFF");
  EXPECT_EQ(page.find("<script>x"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("Show &lt;Season 2&gt;"), std::string::npos);
  EXPECT_NE(page.find("\xEF\xBF\xBD"), std::string::npos);  // ill-formed byte replaced
}

TEST(HtmlReport, OverlappingAndOutOfRangeSpansDoNotBreakNesting) {
  ArticleReport r = sample_report();
  r.entities.push_back({"x", 12, 20, "studio", "x", std::nullopt});     // overlaps Netflix: dropped
  r.entities.push_back({"y", 38, 43, "studio", "y", std::nullopt});     // crosses a sentence edge: dropped
  r.entities.push_back({"z", 500, 600, "studio", "z", std::nullopt});   // out of range: dropped
  const std::string page = to_html(r, kText);
  std::size_t opens = 0, closes = 0;
  for (std::size_t at = page.find("<mark"); at != std::string::npos; at = page.find("<mark", at + 1)) ++opens;
  for (std::size_t at = page.find("</mark>"); at != std::string::npos; at = page.find("</mark>", at + 1)) ++closes;
  EXPECT_EQ(opens, closes);
  EXPECT_EQ(opens, 2u);
}

TEST(HtmlReport, IndexListsEveryInputIncludingFailures) {
  const ArticleReport r = sample_report();
  const std::string page = html_index({{"1-sample.html", &r, ""}, {"broken.txt", nullptr, "cannot open"}});
  EXPECT_NE(page.find("href=\"1-sample.html\""), std::string::npos);
  EXPECT_NE(page.find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace greenlight
