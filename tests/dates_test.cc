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

// Forms beyond the basics, against the same reference date (Monday, 2020-06-15).
INSTANTIATE_TEST_SUITE_P(
    MoreForms, DateForms,
    ::testing::Values(
        // Weekdays: the last one in the past tense, the next one otherwise.
        Case{"The network posted the trailer on Saturday.", "Saturday", "2020-06-13"},
        Case{"The special airs on Friday on ABC.", "Friday", "2020-06-19"},
        Case{"The finale streams this Friday.", "this Friday", "2020-06-19"},
        Case{"The show was renewed last Tuesday.", "last Tuesday", "2020-06-09"},
        Case{"The reunion airs tonight.", "tonight", "2020-06-15"},
        // Bare months after a preposition or before an event noun ("May" and "March" need a capital).
        Case{"Filming resumed in May after the lockdown.", "May", "2020-05"},
        Case{"The sequel was pushed to July.", "July", "2020-07"},
        Case{"Its August premiere is still on.", "August", "2020-08"},
        Case{"The second cour is slated for October.", "October", "2020-10"},
        Case{"The dub lands in early August.", "early August", "2020-08"},
        Case{"The shoot should wrap by the end of September.", "the end of September", "2020-09"},
        // Decades with and without "the", in words, with a modifier.
        Case{"It recalls the cartoons of the nineties.", "the nineties", "199"},
        Case{"Fans of 1980s cartoons will love it.", "1980s", "198"},
        Case{"It was a staple of Saturday mornings in the '80s and '90s.", "'90s", "199"},
        Case{"It aired in the early 2000s.", "the early 2000s", "200"},
        // Quarters and halves without a year, and of a relative year.
        Case{"The studio expects the deal to close in the third quarter.", "the third quarter", "2020-Q3"},
        Case{"Subscriptions jumped in Q1, the company said.", "Q1", "2020-Q1"},
        Case{"The service launches in the second half of next year.", "the second half of next year", "2021-H2"},
        Case{"Sales slowed in the first half of the year.", "the first half of the year", "2020-H1"},
        // Spans of years and of dated days.
        Case{"The show ran between 2003 and 2007.", "between 2003 and 2007", "2003/2007"},
        Case{"The 2011–2015 run ended quietly.", "2011–2015", "2011/2015"},
        Case{"Passes are valid 7/1/2020 through 7/3/2020.", "7/1/2020 through 7/3/2020", "2020-07-01/2020-07-03"},
        Case{"Its April-June numbers were strong.", "April-June", "2020-04/2020-06"},
        // A numeric date that can only be day first; an ISO date with a time.
        Case{"It aired on 25/12/2019 in the UK.", "25/12/2019", "2019-12-25"},
        Case{"The listing reads 2020-06-01T09:30:00Z.", "2020-06-01T09:30:00Z", "2020-06-01"},
        // Bare years before a title and an event noun, or after "into" and "for".
        Case{"The 2003 Fullmetal Alchemist anime strayed from the manga.", "2003", "2003"},
        Case{"After its 2019 debut, the show grew fast.", "2019", "2019"},
        Case{"The premiere slipped into 2021.", "2021", "2021"},
        Case{"A sequel is penciled in for 2023.", "2023", "2023"},
        // Relative: counts in days and weeks, "from now", vague ones.
        Case{"It was announced three days ago.", "three days ago", "2020-06-12"},
        Case{"Two weeks from now, the dub debuts.", "Two weeks from now", "2020-W27"},
        Case{"An English dub follows in a few months.", "in a few months", "FUTURE_REF"},
        Case{"A teaser is due in the next few weeks.", "in the next few weeks", "FUTURE_REF"},
        Case{"Ratings have climbed in recent months.", "in recent months", "PAST_REF"},
        Case{"A decision should come soon.", "soon", "FUTURE_REF"},
        Case{"Work should be finished by winter.", "winter", "2021-WI"},
        // Decades written with "'s", a month of a relative year, "of" before the year.
        Case{"The film is set in the mid 1960's.", "the mid 1960's", "196"},
        Case{"It became a hit in the 80's.", "the 80's", "198"},
        Case{"It has streamed since September of last year.", "September of last year", "2019-09"},
        Case{"It first aired on May 31st of 1996.", "May 31st of 1996", "1996-05-31"},
        // Two-digit years: this century up to ten years past the reference, else the last one.
        Case{"Gamera the Invincible (12/15/66) is on the list.", "12/15/66", "1966-12-15"},
        Case{"The reboot aired on 3/27/20.", "3/27/20", "2020-03-27"},
        Case{"Gangster films of the 30's and 40's are back.", "40's", "194"},
        // Years joined by "and" after a date.
        Case{"It aired in 2018 and 2019.", "2019", "2019"}));

// The year of a date that states none: the sentence's unless the tense contradicts it, else
// the reference's, moved by the tense.
TEST(Dates, TenseAndContextDecideTheMissingYear) {
  const CivilDate march_2019{2019, 3, 10};
  // "long-rumored" is an adjective, not a past tense: the future "will" decides.
  EXPECT_EQ(find("Apple will unveil its long-rumored service at an event on March 25.", march_2019).at(0).value,
            "2019-03-25");
  // "ahead of" points forward even after a past verb.
  EXPECT_EQ(find("The network picked up three dramas ahead of its presentation in May.", march_2019).back().value,
            "2019-05");
  // A date that a move points to lies ahead.
  EXPECT_EQ(find("Amazon moved the premiere of the series up a day to September 1.", CivilDate{2022, 8, 10}).at(0).value,
            "2022-09-01");
  // A stated year that would put a planned date in the past belongs to another event.
  EXPECT_EQ(find("It was the hit of Fall 2024, and its sequel is lined up for July.", CivilDate{2025, 2, 14}).back().value,
            "2025-07");
  // "now" leaves the old plan and its year behind.
  EXPECT_EQ(find("Originally slated for October 15, 2021, the film will now stream starting July 3.").back().value,
            "2020-07-03");
  // Events joined by "and" are told in order; "after" orders them the other way.
  EXPECT_EQ(find("Sony agreed to buy it in December 2020, and the deal closed in August.", CivilDate{2021, 9, 1})
                .back().value,
            "2021-08");
  EXPECT_EQ(find("Filming resumed in October 2020 after a pause in March.", CivilDate{2021, 9, 1}).back().value,
            "2020-03");
  // A present tense of release is a schedule; a passive participle is no past tense.
  EXPECT_EQ(find("The second season started in January and runs through the end of March.", CivilDate{2025, 2, 14})
                .back().value,
            "2025-03");
  EXPECT_EQ(find("This spring's lineup is led by two remakes, both premiering in early April.", march_2019).back().value,
            "2019-04");
  // A bare quarter keeps the reference year whatever the tense.
  EXPECT_EQ(find("Netflix's Q2 numbers, due later this month, should show gains.", CivilDate{2023, 7, 1}).at(0).value,
            "2023-Q2");
  // A weekday in the past tense is the last one, on a weekday it is that day.
  EXPECT_EQ(find("The finale aired on Sunday.").at(0).value, "2020-06-14");
  EXPECT_EQ(find("The network confirmed the renewal on Monday.").at(0).value, "2020-06-15");
}

TEST(Dates, MovedDatesAreTwoDatesNotARange) {
  const auto found = find("The spinoff has been pushed from the second half of 2020 to the first half of next year.");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, "2020-H2");
  EXPECT_EQ(found[1].value, "2021-H1");
}

TEST(Dates, LaterAndEarlierKeepNoModifierEarlyAndLateDo) {
  EXPECT_EQ(find("It arrives later this year.").at(0).mod, std::nullopt);
  EXPECT_EQ(find("It was announced earlier in June.").at(0).mod, std::nullopt);
  EXPECT_EQ(find("Shooting starts early next year.").at(0).mod, "START");
  EXPECT_EQ(find("Shooting starts early next year.").at(0).value, "2021");
  EXPECT_EQ(find("It leaves Hulu at the end of the month.").at(0).value, "2020-06");
  EXPECT_EQ(find("It leaves Hulu at the end of the month.").at(0).mod, "END");
  EXPECT_EQ(find("Toonami aired it in the late '90s.").at(0).mod, "END");
}

TEST(Dates, RecurringSlotsDurationsAndTitlesAreNotDates) {
  for (const char* sentence : {"The drama airs on Sunday nights.", "She hosted Saturday Night Live once.",
                               "They finished the whole season in a month.", "New episodes drop every Friday.",
                               "Season 1 may return in some form.", "The petition hit 5,000 signatures within a week.",
                               "The channel aired That '70s Show reruns.", "It ran for 11 minutes over two years.",
                               "1899 and 1923 are both period dramas.", "She starred in Born on the Fourth of July."}) {
    const auto found = find(sentence);
    EXPECT_TRUE(found.empty()) << sentence << " -> " << (found.empty() ? "" : found[0].text);
  }
}

TEST(Dates, TwoDigitDecadesAndAges) {
  // "the '20s" is this century's once it has begun, else the last.
  EXPECT_EQ(find("Fashion of the '20s is back.", CivilDate{2024, 1, 1}).at(0).value, "202");
  EXPECT_EQ(find("Fashion of the '20s is back.", CivilDate{2010, 1, 1}).at(0).value, "192");
  // After a possessive, a number of years is an age.
  EXPECT_TRUE(find("The leads, in their early to mid 20's, play teenagers.").empty());
  EXPECT_TRUE(find("He is in his mid 80s now.").empty());
}

TEST(Dates, RolesOfEndsOfRunsAndDecades) {
  EXPECT_EQ(find("Its final episode aired on May 19, 2019.").at(0).role, "release");
  EXPECT_EQ(find("The drama wrapped up its run on May 19, 2019.").at(0).role, "release");
  EXPECT_EQ(find("Filming wrapped on May 19, 2019.").at(0).role, "production");
  EXPECT_EQ(find("The show first aired in 1998.").at(0).role, "premiere");
  EXPECT_EQ(find("Many anime premiered in the 1990s.").at(0).role, "other");
}

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

// The role of the expression `text` in `sentence` ("" when it is not found as a date).
std::string role_of(const std::string& sentence, const std::string& text, std::optional<CivilDate> reference = kReference) {
  for (const Found& f : find(sentence, reference))
    if (f.text == text) return f.role;
  return "";
}

TEST(DateRoles, VerbsNameTheEvent) {
  EXPECT_EQ(role_of("The comedy premiered on March 4, 2019.", "March 4, 2019"), "premiere");
  EXPECT_EQ(role_of("The docuseries debuted on HBO in May 2018.", "May 2018"), "premiere");
  EXPECT_EQ(role_of("Spaced first aired on Channel 4 in September 1999.", "September 1999"), "premiere");
  EXPECT_EQ(role_of("The new anime kicked off the season on October 2.", "October 2"), "premiere");
  EXPECT_EQ(role_of("The adaptation is expected to begin airing in January 2021.", "January 2021"), "premiere");
  EXPECT_EQ(role_of("Its first episode is slated for October.", "October"), "premiere");
  EXPECT_EQ(role_of("The second season will be released on August 20.", "August 20"), "release");
  EXPECT_EQ(role_of("The sequel arrives on Netflix on July 9.", "July 9"), "release");
  EXPECT_EQ(role_of("All eight episodes drop on Friday, July 10.", "Friday, July 10"), "release");
  EXPECT_EQ(role_of("The fourth season hits Netflix on September 3.", "September 3"), "release");
  EXPECT_EQ(role_of("The remastered edition streams from July 1 on Hulu.", "July 1"), "release");
  EXPECT_EQ(role_of("The drama returns on October 12 with a double bill.", "October 12"), "release");
  EXPECT_EQ(role_of("The sitcom is set to return on January 8.", "January 8"), "release");
  EXPECT_EQ(role_of("The procedural will be back in the fall of 2020.", "fall of 2020"), "release");
  EXPECT_EQ(role_of("The sitcom signed off in May 2019 after seven seasons.", "May 2019"), "release");
  EXPECT_EQ(role_of("The thriller was renewed on April 2, 2020.", "April 2, 2020"), "renewal_announcement");
  EXPECT_EQ(role_of("The network confirmed in May that more episodes are coming.", "May"), "renewal_announcement");
  EXPECT_EQ(role_of("Peacock ordered the pilot to series in July 2019.", "July 2019"), "renewal_announcement");
  EXPECT_EQ(role_of("The broadcaster picked up two new comedies last week.", "last week"), "renewal_announcement");
  EXPECT_EQ(role_of("Filming began in Atlanta in November 2019.", "November 2019"), "production");
  EXPECT_EQ(role_of("Production wrapped in early March.", "early March"), "production");
  EXPECT_EQ(role_of("Shooting starts in August, weather permitting.", "August"), "production");
  EXPECT_EQ(role_of("Casting for the leads opened in January 2020.", "January 2020"), "production");
  EXPECT_EQ(role_of("Cameras will start rolling on the spinoff in Toronto in September.", "September"), "production");
}

TEST(DateRoles, ANounAfterTheDateNamesItsEvent) {
  EXPECT_EQ(role_of("Critics praised its 2017 debut.", "2017"), "premiere");
  EXPECT_EQ(role_of("Fans still prefer the 1996 series.", "1996"), "premiere");
  EXPECT_EQ(role_of("The studio cancelled the film's Q4 release.", "Q4"), "release");
  EXPECT_EQ(role_of("A 9/15/2020 release date appeared on the store page.", "9/15/2020"), "release");
  EXPECT_EQ(role_of("The streamer's Q3 2020 slate is its busiest.", "Q3 2020"), "release");
  EXPECT_EQ(role_of("Subscriber growth slowed in the Q2 2020 earnings report.", "Q2 2020"), "other");
  EXPECT_EQ(role_of("A week before its March 8 premiere, the show was renewed.", "March 8"), "premiere");
}

TEST(DateRoles, ACueGovernsTheDatesOfItsOwnClause) {
  // The announcement and the event it announces have dates of their own.
  const std::string announced = "ABC announced on March 2 that the drama would premiere on May 5.";
  EXPECT_EQ(role_of(announced, "March 2"), "renewal_announcement");
  EXPECT_EQ(role_of(announced, "May 5"), "premiere");
  const std::string renewed = "The comedy was renewed in 2019 and returns in 2021 with ten episodes.";
  EXPECT_EQ(role_of(renewed, "2019"), "renewal_announcement");
  EXPECT_EQ(role_of(renewed, "2021"), "release");
  // ", and" starts another clause: the renewal does not reach back to the release date.
  EXPECT_EQ(role_of("The series landed on Hulu on 3/6/2020, and Hulu renewed it two months later.", "3/6/2020"),
            "release");
  // "after" starts another clause: the premiere does not reach forward to the season.
  EXPECT_EQ(role_of("It was the surprise of the summer 2019 season after premiering on July 4.", "summer 2019"), "other");
  // A clause before a comma and a new subject is another clause.
  EXPECT_EQ(role_of("Even if the sequel were greenlit tomorrow, it would not arrive before mid-2022.", "mid-2022"),
            "release");
  // One verb governs dates joined by "and".
  EXPECT_EQ(role_of("It premiered in Japan on 2 April 2019 and in Europe on April 9.", "April 9"), "premiere");
}

TEST(DateRoles, AppositionsAndFrontedDates) {
  EXPECT_EQ(role_of("The premiere, on March 3, drew a record audience.", "March 3"), "premiere");
  EXPECT_EQ(role_of("The release date, September 18, leaked on Tuesday.", "September 18"), "release");
  EXPECT_EQ(role_of("On June 2, HBO renewed the drama for a fourth season.", "June 2"), "renewal_announcement");
  EXPECT_EQ(role_of("In February 2020, cameras stopped as filming was halted.", "February 2020"), "production");
  EXPECT_EQ(role_of("The studio said on Monday that the film is finished.", "Monday"), "renewal_announcement");
  EXPECT_EQ(role_of("Its release date: 2021-05-14.", "2021-05-14"), "release");
}

TEST(DateRoles, SchedulingWordsWithoutAnEventAreReleases) {
  EXPECT_EQ(role_of("The third season is slated for next spring.", "next spring"), "release");
  EXPECT_EQ(role_of("The finale was pushed to July because of the shutdown.", "July"), "release");
  // A named event wins over the scheduling word nearer the date.
  EXPECT_EQ(role_of("Production on the sequel is expected to begin in Q1 2021.", "Q1 2021"), "production");
  EXPECT_EQ(role_of("The streamer is targeting the second half of 2021 for a premiere.", "the second half of 2021"),
            "premiere");
}

TEST(DateRoles, ServicesLaunchAndShowsPremiere) {
  EXPECT_EQ(role_of("Peacock launched on July 15, 2020.", "July 15, 2020"), "other");
  EXPECT_EQ(role_of("Apple TV+ is expected to launch later this year.", "later this year"), "other");
  EXPECT_EQ(role_of("The drama launched on ABC in September 2004.", "September 2004"), "premiere");
}

TEST(DateRoles, PromotionAndBusinessHaveDatesOfTheirOwn) {
  EXPECT_EQ(role_of("The first trailer dropped on May 3.", "May 3"), "other");
  EXPECT_EQ(role_of("The studio dropped a teaser last week.", "last week"), "other");
  EXPECT_EQ(role_of("The writers' strike began on May 2, 2023.", "May 2, 2023"), "other");
  EXPECT_EQ(role_of("Netflix bought the streaming rights in 2018.", "2018"), "other");
  EXPECT_EQ(role_of("A memo dated 2020-03-12 described the delay.", "2020-03-12"), "other");
  EXPECT_EQ(role_of("Hulu confirmed the pickup in a press release on 5/1/20.", "5/1/20"), "renewal_announcement");
  EXPECT_EQ(role_of("The livestream of the panel was pulled on Sunday.", "Sunday"), "other");
}

TEST(DateRoles, RunsSpansAndSeasonsOfTheSchedule) {
  EXPECT_EQ(role_of("The sitcom ran from 2005 to 2013.", "from 2005 to 2013"), "other");
  EXPECT_EQ(role_of("New episodes will stream from October 4 through December 20.", "from October 4 through December 20"),
            "release");
  EXPECT_EQ(role_of("The soap has been on the air since 1997.", "1997"), "premiere");
  EXPECT_EQ(role_of("CBS renewed the procedural for the 2021-22 season.", "2021-22 season"), "release");
  EXPECT_EQ(role_of("Ratings slipped across the 2018-19 season.", "2018-19 season"), "other");
  EXPECT_EQ(role_of("The fan favourite stays on the air this year.", "this year"), "other");
  // The end of a run is its last release; filming that wraps is production.
  EXPECT_EQ(role_of("The season wrapped on 4 June with a cliffhanger.", "4 June"), "release");
  EXPECT_EQ(role_of("The series wrapped filming in April 2024.", "April 2024"), "production");
  // "first" makes a premiere only right before the verb.
  EXPECT_EQ(role_of("The first part arrives on November 16.", "November 16"), "release");
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

namespace greenlight {
namespace {

// Found by the date fuzzer: the two ends of a range without a year took their years separately
// and the end could come out before the start.
TEST(Dates, ARangeWithoutAYearHasItsEndAfterItsStart) {
  const std::vector<Found> ran = find("The festival ran April 18-20.", CivilDate{2020, 6, 15});
  ASSERT_EQ(ran.size(), 1u);
  EXPECT_EQ(ran[0].value, "2020-04-18/2020-04-20");
  const std::vector<Found> crossing = find("The marathon streams from December 28 to January 3.", CivilDate{2020, 12, 1});
  ASSERT_FALSE(crossing.empty());
  EXPECT_EQ(crossing[0].value, "2020-12-28/2021-01-03");
}

}  // namespace
}  // namespace greenlight

namespace greenlight {
namespace {

// Found by the date fuzzer: "early" on a single day cut the day into thirds of zero days and
// ended the interval before it began.
TEST(Dates, AModifiedSingleDayKeepsItsDay) {
  static const Tokenizer tokenizer;
  static const DateExtractor extractor;
  const auto found = extractor.extract(tokenizer.tokenize("The trailer drops early tomorrow."), CivilDate{2021, 4, 4});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, "2021-04-05");
  ASSERT_TRUE(found[0].begin_date && found[0].end_date);
  EXPECT_EQ(found[0].begin_date->to_string(), "2021-04-05");
  EXPECT_EQ(found[0].end_date->to_string(), "2021-04-05");
}

}  // namespace
}  // namespace greenlight
