// Dates, numbers and media facts: each form, each false positive, each relative rule.

#include "greenlight/dates.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "greenlight/media_facts.h"
#include "greenlight/numbers.h"

namespace greenlight {
namespace {

const CivilDate kReference{2020, 6, 15};

struct Found {
  std::string text, value, role;
  std::optional<std::string> mod;
};

std::vector<Found> find(const std::string& sentence, std::optional<CivilDate> reference = kReference) {
  static const Tokenizer tokenizer;
  static const DateExtractor extractor;
  const Document doc = tokenizer.tokenize(sentence);
  std::vector<Found> out;
  for (const auto& t : extractor.extract(doc, reference)) out.push_back({t.text, t.value, t.role, t.mod});
  return out;
}

struct Case {
  const char* sentence;
  const char* text;
  const char* value;
};

class DateForms : public ::testing::TestWithParam<Case> {};

TEST_P(DateForms, NormalizesTheExpression) {
  const Case& c = GetParam();
  const auto found = find(c.sentence);
  bool ok = false;
  for (const Found& f : found) ok = ok || (f.text == c.text && f.value == c.value);
  std::string got;
  for (const Found& f : found) got += "[" + f.text + " -> " + f.value + "] ";
  EXPECT_TRUE(ok) << c.sentence << "\n  expected [" << c.text << " -> " << c.value << "], got " << got;
}

INSTANTIATE_TEST_SUITE_P(
    AllForms, DateForms,
    ::testing::Values(
        // Full dates.
        Case{"The series premiered on October 26, 2018 on Netflix.", "October 26, 2018", "2018-10-26"},
        Case{"It first aired on 26 October 2018 in Japan.", "26 October 2018", "2018-10-26"},
        Case{"The trailer dropped Oct. 26, 2018.", "Oct. 26, 2018", "2018-10-26"},
        Case{"It returns on Thursday, October 26, 2023.", "Thursday, October 26, 2023", "2023-10-26"},
        // Numeric and ISO.
        Case{"The date was 10/26/2018, per the studio.", "10/26/2018", "2018-10-26"},
        Case{"Listed as 2018-10-26 in the catalogue.", "2018-10-26", "2018-10-26"},
        // Month and year; bare years.
        Case{"The show arrives in April 2019.", "April 2019", "2019-04"},
        Case{"Filming began in 2019.", "2019", "2019"},
        Case{"Fans loved the 2019 series.", "2019", "2019"},
        // Seasons, quarters, halves, early/mid/late, decades, TV seasons.
        Case{"Season 2 is planned for fall 2022.", "fall 2022", "2022-FA"},
        Case{"It is part of the Spring 2021 anime season.", "Spring 2021", "2021-SP"},
        Case{"The sequel premiered in winter 2020.", "winter 2020", "2020-WI"},
        Case{"The studio expects delivery in Q3 2021.", "Q3 2021", "2021-Q3"},
        Case{"It should land in the second half of 2021.", "the second half of 2021", "2021-H2"},
        Case{"It should land in H2 2021.", "H2 2021", "2021-H2"},
        Case{"Expect it in early 2021.", "early 2021", "2021"},
        Case{"Expect it by mid-2021.", "mid-2021", "2021"},
        Case{"Expect it by the end of 2021.", "the end of 2021", "2021"},
        Case{"A cult hit of the 1990s.", "the 1990s", "199"},
        Case{"It was the top comedy of the 2019-20 season.", "2019-20 season", "2019-09/2020-05"},
        // Ranges with a year carried through.
        Case{"Production runs between July and September 2021.", "between July and September 2021", "2021-07/2021-09"},
        Case{"It aired from 2019 to 2021.", "from 2019 to 2021", "2019/2021"},
        Case{"The festival runs October 1-3, 2020.", "October 1-3, 2020", "2020-10-01/2020-10-03"},
        // Partial dates resolved by tense against the reference date (2020-06-15).
        Case{"It premiered on October 26.", "October 26", "2019-10-26"},
        Case{"It will return on October 26.", "October 26", "2020-10-26"},
        Case{"Season 2 premiered on May 3.", "May 3", "2020-05-03"},
        Case{"In 2017, it premiered on October 26.", "October 26", "2017-10-26"},
        // Relative.
        Case{"Season 3 is coming next year.", "next year", "2021"},
        Case{"It arrives later this year.", "later this year", "2020"},
        Case{"The sequel returns next spring.", "next spring", "2021-SP"},
        Case{"It was renewed last month.", "last month", "2020-05"},
        Case{"It was cancelled two years ago.", "two years ago", "2018"},
        Case{"The finale airs this fall.", "this fall", "2020-FA"},
        Case{"New episodes drop next week.", "next week", "2020-W26"},
        Case{"An update should come in the coming months.", "in the coming months", "FUTURE_REF"}));

TEST(Dates, FalsePositivesAreNotDates) {
  for (const char* sentence : {"Season 2 is the best season yet.", "The first season had 13 episodes.",
                               "Each episode runs for 11 minutes.", "Fans are streaming it now, every day.",
                               "The service is available 24/7.", "More than 2,019 fans signed the petition.",
                               "Netflix cancelled 1899 after one season.", "The 1899 season 2 was scrapped.",
                               "Season one was great."}) {
    EXPECT_TRUE(find(sentence).empty()) << sentence << " -> " << (find(sentence).empty() ? "" : find(sentence)[0].text);
  }
}

TEST(Dates, RolesComeFromTheWordsAround) {
  EXPECT_EQ(find("The series premiered on April 19, 2019.").at(0).role, "premiere");
  EXPECT_EQ(find("Season 2 will be released in April 2021.").at(0).role, "release");
  EXPECT_EQ(find("Netflix renewed it in March 2020.").at(0).role, "renewal_announcement");
  EXPECT_EQ(find("Filming began in January 2020.").at(0).role, "production");
  EXPECT_EQ(find("The author was born in 1975.").at(0).role, "other");
}

TEST(Dates, ModifiersAndIntervals) {
  static const Tokenizer tokenizer;
  const DateExtractor extractor;
  const Document doc = tokenizer.tokenize("Expect it in early 2021, or in fall 2022.");
  const auto found = extractor.extract(doc, kReference);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].mod, "START");
  EXPECT_EQ(found[0].begin_date->to_string(), "2021-01-01");
  EXPECT_EQ(found[0].end_date->to_string(), "2021-04-30");
  EXPECT_EQ(found[1].granularity, "season");
  EXPECT_EQ(found[1].begin_date->to_string(), "2022-10-01");
  EXPECT_EQ(found[1].end_date->to_string(), "2022-12-31");
}

TEST(Dates, WithoutAReferenceRelativeOnesStayUnresolved) {
  const auto found = find("It returns next year, on October 26.", std::nullopt);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, "UNRESOLVED");
  EXPECT_EQ(found[1].value, "XXXX-10-26");
}

TEST(Dates, DatelineInTheHeaderIsTheReference) {
  static const Tokenizer tokenizer;
  const DateExtractor extractor;
  const Document doc = tokenizer.tokenize("Show Season 2: Release Date\n\nBy Hana Mori | June 15, 2020\n\nIt returns next spring.");
  const auto dateline = extractor.find_dateline(doc);
  ASSERT_TRUE(dateline.has_value());
  EXPECT_EQ(dateline->to_string(), "2020-06-15");
}

TEST(Dates, UsOrderIsConfigurable) {
  static const Tokenizer tokenizer;
  const DateExtractor european(DateOptions{false});
  const Document doc = tokenizer.tokenize("It aired on 10/11/2018.");
  EXPECT_EQ(european.extract(doc, kReference).at(0).value, "2018-11-10");
}

TEST(Numbers, CardinalsAndOrdinals) {
  EXPECT_EQ(parse_cardinal("thirteen"), 13);
  EXPECT_EQ(parse_cardinal("twenty-four"), 24);
  EXPECT_EQ(parse_cardinal("1,500"), 1500);
  EXPECT_EQ(parse_cardinal("1.5"), 1.5);
  EXPECT_FALSE(parse_cardinal("season").has_value());
  EXPECT_EQ(parse_ordinal("second"), 2);
  EXPECT_EQ(parse_ordinal("2nd"), 2);
  EXPECT_EQ(parse_ordinal("13th"), 13);
  EXPECT_EQ(parse_ordinal("twenty-first"), 21);
  static const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize("1.5 million viewers and a dozen episodes");
  EXPECT_EQ(match_number(doc, 0)->value, 1.5e6);
  EXPECT_EQ(match_number(doc, 0)->tokens, 2u);
  EXPECT_EQ(match_number(doc, 4)->value, 12);
}

TEST(MediaFacts, SeasonsEpisodesAndRuntimes) {
  static const Tokenizer tokenizer;
  auto facts = [&](const std::string& text) { return extract_media_facts(tokenizer.tokenize(text)); };
  EXPECT_EQ(facts("Season 2 follows the second season of the manga; S3 is rumoured.").seasons, (std::vector<int>{2, 3}));
  EXPECT_EQ(facts("Seasons 1-3 are streaming; season two is the best.").seasons, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(facts("It got a third and final season.").seasons, (std::vector<int>{3}));
  EXPECT_EQ(facts("The first season runs thirteen episodes.").episodes, 13);
  EXPECT_EQ(facts("Netflix placed a 12-episode order.").episodes, 12);
  EXPECT_EQ(facts("Each runs 11 minutes per episode.").runtime_minutes, 11);
  EXPECT_EQ(facts("It is a half-hour comedy.").runtime_minutes, 30);
  EXPECT_EQ(facts("The hour-long drama ran for three seasons.").runtime_minutes, 60);
  EXPECT_EQ(facts("The hour-long drama ran for three seasons.").seasons_so_far, 3);
  EXPECT_FALSE(facts("He spent 11 minutes on the phone.").runtime_minutes.has_value());
}

}  // namespace
}  // namespace greenlight
