// Entities: gazetteer matches with aliases, patterns for unknown organizations, ambiguous names,
// people with roles, repeated names, characters and the main show.

#include "greenlight/entities.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>

#include "greenlight/error.h"

namespace greenlight {
namespace {

struct Entity {
  std::string type, canonical, role;
  bool operator<(const Entity& o) const {
    return std::tie(type, canonical, role) < std::tie(o.type, o.canonical, o.role);
  }
  bool operator==(const Entity& o) const = default;
};

std::set<Entity> entities(const std::string& text) {
  static const Tokenizer tokenizer;
  static const EntityExtractor extractor;
  const Document doc = tokenizer.tokenize(text);
  std::set<Entity> out;
  for (const auto& m : extractor.extract(doc).mentions) out.insert({m.type, m.canonical, m.role.value_or("")});
  return out;
}

bool has(const std::set<Entity>& s, const std::string& type, const std::string& canonical, const std::string& role = "") {
  return s.count({type, canonical, role}) > 0;
}

TEST(Entities, GazetteerAliasesResolveToOneName) {
  const auto e = entities("The show moved from HBO Max to Prime Video, then to Crunchyroll and Funimation.");
  EXPECT_TRUE(has(e, "streaming", "Max"));
  EXPECT_TRUE(has(e, "streaming", "Amazon Prime Video"));
  EXPECT_TRUE(has(e, "streaming", "Crunchyroll"));
  EXPECT_TRUE(has(e, "streaming", "Funimation"));
}

TEST(Entities, JapaneseStudiosAndNetworks) {
  const auto e = entities("The anime is animated by MAPPA and airs on TV Tokyo, with Toho producing.");
  EXPECT_TRUE(has(e, "studio", "MAPPA"));
  EXPECT_TRUE(has(e, "network", "TV Tokyo"));
  EXPECT_TRUE(has(e, "production_company", "Toho"));
}

TEST(Entities, PatternsForOrganizationsNotInTheList) {
  const auto e = entities("Nightjar Animation made the pilot for Harbor Lane Productions. It is streaming on Lumen.");
  EXPECT_TRUE(has(e, "studio", "Nightjar Animation"));
  EXPECT_TRUE(has(e, "production_company", "Harbor Lane Productions"));
  EXPECT_TRUE(has(e, "streaming", "Lumen"));
}

TEST(Entities, AmbiguousNamesNeedEvidence) {
  EXPECT_FALSE(has(entities("Max was tired. You could see it."), "streaming", "Max"));
  EXPECT_TRUE(has(entities("The series premieres on Max in June."), "streaming", "Max"));
  EXPECT_FALSE(has(entities("An apple a day. Peacock feathers are blue."), "streaming", "Peacock"));
  EXPECT_TRUE(has(entities("It streams on Peacock."), "streaming", "Peacock"));
  EXPECT_FALSE(has(entities("He broke two bones."), "studio", "Bones"));
}

TEST(Entities, PeopleWithRoles) {
  const auto e = entities(
      "The series was created by Lena Hardy, directed by Tom Reyes and written by Ana Pratt. "
      "It stars Maya Lin, Omar Said and Jo Park. Showrunner Dana Cole said more is coming. "
      "The anime adapts the manga by Hiro Tanaka, with music by Yuki Sato.");
  EXPECT_TRUE(has(e, "person", "Lena Hardy", "creator"));
  EXPECT_TRUE(has(e, "person", "Tom Reyes", "director"));
  EXPECT_TRUE(has(e, "person", "Ana Pratt", "writer"));
  EXPECT_TRUE(has(e, "person", "Maya Lin", "cast"));
  EXPECT_TRUE(has(e, "person", "Omar Said", "cast"));
  EXPECT_TRUE(has(e, "person", "Jo Park", "cast"));
  EXPECT_TRUE(has(e, "person", "Dana Cole", "showrunner"));
  EXPECT_TRUE(has(e, "person", "Hiro Tanaka", "author"));
  EXPECT_TRUE(has(e, "person", "Yuki Sato", "composer"));
}

TEST(Entities, VoiceCastAndCharacters) {
  const auto e = entities("Mikako Tabe, who voices Kaoru, returns. Later, Ren Aoi appears as Kiiroitori.");
  EXPECT_TRUE(has(e, "person", "Mikako Tabe", "cast"));
  EXPECT_TRUE(has(e, "character", "Kaoru"));
  EXPECT_TRUE(has(e, "person", "Ren Aoi", "cast"));
  EXPECT_TRUE(has(e, "character", "Kiiroitori"));
}

TEST(Entities, ASurnameLaterIsTheSamePerson) {
  static const Tokenizer tokenizer;
  static const EntityExtractor extractor;
  const std::string text = "The series was directed by Masahito Kobayashi. Kobayashi spent years on it.";
  const Document doc = tokenizer.tokenize(text);
  const auto result = extractor.extract(doc);
  int mentions = 0;
  for (const auto& m : result.mentions)
    if (m.canonical == "Masahito Kobayashi") {
      ++mentions;
      EXPECT_EQ(m.role, "director");
    }
  EXPECT_EQ(mentions, 2);
}

TEST(Entities, MainShowFromTheHeadline) {
  EXPECT_EQ(show_from_headline("Rilakkuma and Kaoru Season 2: Release Date, Cast and More"), "Rilakkuma and Kaoru");
  EXPECT_EQ(show_from_headline("Will There Be a Season 3 of The Bear?"), "The Bear");
  EXPECT_EQ(show_from_headline("Will There Ever Be Rilakkuma and Kaoru Season 2?"), "Rilakkuma and Kaoru");
  EXPECT_EQ(show_from_headline("Netflix Renews Wednesday for Season 2"), "Wednesday");
  EXPECT_EQ(show_from_headline("Severance Renewed for Season 3 at Apple TV+"), "Severance");
  EXPECT_FALSE(show_from_headline("Everything we know").has_value());
  static const Tokenizer tokenizer;
  static const EntityExtractor extractor;
  const std::string text = "Will There Ever Be Rilakkuma and Kaoru Season 2?\n\nRilakkuma and Kaoru is on Netflix.";
  const Document doc = tokenizer.tokenize(text);
  const auto result = extractor.extract(doc);
  ASSERT_TRUE(result.main_show.has_value());
  EXPECT_EQ(result.main_show->title, "Rilakkuma and Kaoru");
  EXPECT_EQ(result.main_show_spans.size(), 2u);
  for (const auto& m : result.mentions) EXPECT_NE(m.canonical, "Will") << "a headline word taken for a person";
}

TEST(Entities, GazetteerCanBeExtendedAndBadRowsAreNamed) {
  EntityOptions options;
  options.extra_entries.push_back({"Lumiere Works", "studio", {"Lumiere"}, "FR"});
  const EntityExtractor extractor(options);
  static const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize("It was made at Lumiere in Paris.");
  const auto result = extractor.extract(doc);
  ASSERT_FALSE(result.mentions.empty());
  EXPECT_EQ(result.mentions[0].canonical, "Lumiere Works");
  try {
    EntityExtractor::parse_gazetteer("name\tkind\taliases\tcountry\nAcme\tcartoon\t\tUS\n", "extra.tsv");
    FAIL() << "accepted an unknown kind";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("extra.tsv:2"), std::string::npos) << e.what();
  }
}


std::optional<std::string> main_show(const std::string& text) {
  static const Tokenizer tokenizer;
  static const EntityExtractor extractor;
  const Document doc = tokenizer.tokenize(text);
  const auto result = extractor.extract(doc);
  if (!result.main_show) return std::nullopt;
  return result.main_show->title;
}

TEST(Entities, MainShowIsTheQuotedTitleTheBodyRepeats) {
  EXPECT_EQ(main_show("FX Orders Fourth Season of 'The Bear' After Emmy Sweep\n\n"
                      "FX has renewed The Bear. The Bear follows a chef who returns to Chicago."),
            "The Bear");
}

TEST(Entities, MainShowIsTheEndingBeforeSeasonThatTheBodyRepeats) {
  EXPECT_EQ(main_show("Why We Need It: Our Case for Andor Season 3\n\n"
                      "Andor ended after two seasons on Disney+. Tony Gilroy said Andor was always two seasons."),
            "Andor");
  EXPECT_EQ(main_show("Frieren: Beyond Journey's End Season 2 Is Coming\n\n"
                      "Madhouse returns for Frieren: Beyond Journey's End, which aired on Nippon TV."),
            "Frieren: Beyond Journey's End");
}

TEST(Entities, MainShowIsTheHeadlinePhraseTheBodyRepeatsMost) {
  EXPECT_EQ(main_show("Goodbye, Moira: We Finally Said Farewell to Schitt's Creek\n\n"
                      "Schitt's Creek ended on Pop TV in 2020. Moira was there. Fans still rewatch Schitt's Creek "
                      "every winter, and Schitt's Creek keeps winning new ones."),
            "Schitt's Creek");
  // A number is a title only when quoted.
  EXPECT_EQ(main_show("Severance Gets Seasons 3 and 4\n\nSeverance returns. Seasons 3 and 4 are coming; "
                      "the writers of Severance have 3 scripts done and 4 outlined."),
            "Severance");
  // A line with no body names no show unless it quotes one.
  EXPECT_FALSE(main_show("Going to the store with Mike Ross later Tonight").has_value());
}

TEST(Entities, PeopleFromGivenNamesTakeTheRoleOfTheSentence) {
  const auto e = entities(
      "The ensemble is led by Adam Scott and Patricia Arquette. The score was composed with help from Karen "
      "Lindqvist, who joined the composer team.");
  EXPECT_TRUE(has(e, "person", "Adam Scott", "cast"));
  EXPECT_TRUE(has(e, "person", "Patricia Arquette", "cast"));
  // A name word that starts sentences is a name in mid-sentence.
  EXPECT_TRUE(has(entities("The returning cast includes Aubrey Plaza and Will Sharpe."), "person", "Will Sharpe", "cast"));
  // Places are not people.
  EXPECT_FALSE(has(entities("Filming moved from Baker Street to New York City."), "person", "Baker Street", "cast"));
}

TEST(Entities, CharactersDescribedAfterAsOrPlays) {
  const auto e = entities(
      "Janelle James stars as principal Ava Coleman, opposite Alison Brie as writer Diane Nguyen. "
      "Natasha Lyonne returns. Lyonne plays Charlie Cale, a casino worker.");
  EXPECT_TRUE(has(e, "person", "Janelle James", "cast"));
  EXPECT_TRUE(has(e, "character", "Ava Coleman"));
  EXPECT_TRUE(has(e, "person", "Alison Brie", "cast"));
  EXPECT_TRUE(has(e, "character", "Diane Nguyen"));
  EXPECT_TRUE(has(e, "character", "Charlie Cale"));
  EXPECT_FALSE(has(e, "person", "Charlie Cale", "cast"));
}

TEST(Entities, BracketsPairActorsAndCharacters) {
  // One word in brackets after a full name is the character...
  auto e = entities("Jeremy Strong (Kendall) and Sarah Snook (Shiv) lead the final season.");
  EXPECT_TRUE(has(e, "person", "Jeremy Strong", "cast"));
  EXPECT_TRUE(has(e, "character", "Kendall"));
  // ...unless it is the surname of a person the article names.
  e = entities("Created by Bill Lawrence and Jason Segel, the comedy follows Jimmy Laird (Segel), a therapist.");
  EXPECT_TRUE(has(e, "person", "Jason Segel", "creator"));
  EXPECT_TRUE(has(e, "character", "Jimmy Laird"));
  // A list that puts actors first keeps that order for full names in brackets.
  e = entities("Rupert Graves (Lestrade), Louise Brealey (Molly Hooper) and Andrew Scott (Moriarty) may return.");
  EXPECT_TRUE(has(e, "person", "Louise Brealey", "cast"));
  EXPECT_TRUE(has(e, "character", "Molly Hooper"));
}

TEST(Entities, RolesFromPossessivesAndSurnamesInCues) {
  const auto e = entities(
      "The network renewed Mike White's acid-tongued anthology. It ended Jonathan Nolan and Lisa Joy's sci-fi "
      "drama. Jesse Armstrong told reporters it was over. The finale was written by Armstrong. "
      "Nicholas Britell's score returns, with Adam McKay as executive producer.");
  EXPECT_TRUE(has(e, "person", "Mike White", "creator"));
  EXPECT_TRUE(has(e, "person", "Jonathan Nolan", "creator"));
  EXPECT_TRUE(has(e, "person", "Lisa Joy", "creator"));
  EXPECT_TRUE(has(e, "person", "Jesse Armstrong", "writer"));
  EXPECT_TRUE(has(e, "person", "Nicholas Britell", "composer"));
  EXPECT_TRUE(has(e, "person", "Adam McKay", "producer"));
}

TEST(Entities, AmbiguousOutletsFollowedByANameOrInCapitals) {
  // "Nick" before a surname is a person's first name, not Nickelodeon.
  auto e = entities("There is no word yet on Nick Mohammed and his character.");
  EXPECT_FALSE(has(e, "network", "Nickelodeon"));
  // Capital acronyms are the networks even at the start of a sentence.
  e = entities("ABC renewed the comedy for a fifth season.");
  EXPECT_TRUE(has(e, "network", "ABC"));
  e = entities("Go open Max and watch it.");
  EXPECT_TRUE(has(e, "streaming", "Max"));
}

TEST(Entities, GazetteerCoversStudiosProducersAndPlatforms) {
  const auto e = entities(
      "The series is animated by ShadowMachine and Blue Spirit for Tornante, and Fifth Season produces it. "
      "Fans on Instagram and TikTok cheered, and Warner Bros. Discovery declined to comment.");
  EXPECT_TRUE(has(e, "studio", "ShadowMachine"));
  EXPECT_TRUE(has(e, "studio", "Blue Spirit"));
  EXPECT_TRUE(has(e, "production_company", "Tornante"));
  EXPECT_TRUE(has(e, "production_company", "Fifth Season"));
  EXPECT_TRUE(has(e, "other_org", "Instagram"));
  EXPECT_TRUE(has(e, "other_org", "TikTok"));
  EXPECT_TRUE(has(e, "other_org", "Warner Bros. Discovery"));
  // "Toons" names a studio like "Animation" does.
  EXPECT_TRUE(has(entities("Animation comes from Medrano's own Lanternfish Toons."), "studio", "Lanternfish Toons"));
}

TEST(Entities, StaffListLinesGiveOneCreditEach) {
  const auto e = entities(
      "Lantern Girl Season 2 Staff Announced\n\n"
      "The production committee confirmed the returning staff.\n\n"
      "Director: Kaname Oshiro\n"
      "Series Composition: Fuyumi Taketani\n"
      "Character Design: Sekiya Moro, Unari Kanda\n"
      "Art Director: Doi Masanobu\n"
      "Music: Raizo Ebina\n"
      "Animation Production: Hoshikuzu Nine\n");
  EXPECT_TRUE(has(e, "person", "Kaname Oshiro", "director"));
  EXPECT_TRUE(has(e, "person", "Fuyumi Taketani", "writer"));
  EXPECT_TRUE(has(e, "person", "Sekiya Moro", "other"));
  EXPECT_TRUE(has(e, "person", "Unari Kanda", "other"));
  // A credit that ends in a role word is not that role.
  EXPECT_TRUE(has(e, "person", "Doi Masanobu", "other"));
  EXPECT_TRUE(has(e, "person", "Raizo Ebina", "composer"));
  EXPECT_TRUE(has(e, "studio", "Hoshikuzu Nine"));
  // The label is not a company, and a name does not run on into the next line.
  EXPECT_FALSE(has(e, "production_company", "Animation Production"));
  EXPECT_FALSE(has(e, "production_company", "Raizo Ebina\nAnimation Production"));
}

TEST(Entities, CreditsGivenAfterAName) {
  auto e = entities(
      "Under director Kaname Oshiro, Fuyumi Taketani is on series composition, Sekiya Moro is handling the "
      "character designs and Raizo Ebina is composing the score.");
  EXPECT_TRUE(has(e, "person", "Kaname Oshiro", "director"));
  EXPECT_TRUE(has(e, "person", "Fuyumi Taketani", "writer"));
  EXPECT_TRUE(has(e, "person", "Sekiya Moro", "other"));
  EXPECT_TRUE(has(e, "person", "Raizo Ebina", "composer"));
  e = entities(
      "Tomoe Arashi, who handled series composition on the first season, is back. Mio Sakane and Juri Otomo "
      "wrote the scripts, and Nagi Kurusu returns on music.");
  EXPECT_TRUE(has(e, "person", "Tomoe Arashi", "writer"));
  EXPECT_TRUE(has(e, "person", "Mio Sakane", "writer"));
  EXPECT_TRUE(has(e, "person", "Juri Otomo", "writer"));
  EXPECT_TRUE(has(e, "person", "Nagi Kurusu", "composer"));
  // Songs written are a composer's work; "as" before a role noun gives that role.
  e = entities("Ada Pruitt and Lev Moran, who wrote the songs, stay on. Walt Ibsen returns as director.");
  EXPECT_TRUE(has(e, "person", "Lev Moran", "composer"));
  EXPECT_TRUE(has(e, "person", "Walt Ibsen", "director"));
}

TEST(Entities, PossessiveCredits) {
  const auto e = entities(
      "Fuyumi Taketani's tight series composition, Sekiya Moro's soft character designs and Raizo Ebina's "
      "sweeping score carried the season. The anime adapts Ren Amano and Kei Otori's \"Glass Orchard\" manga, "
      "and Sora Minase's four-panel manga got a short of its own.");
  EXPECT_TRUE(has(e, "person", "Fuyumi Taketani", "writer"));
  EXPECT_TRUE(has(e, "person", "Sekiya Moro", "other"));
  EXPECT_TRUE(has(e, "person", "Raizo Ebina", "composer"));
  EXPECT_TRUE(has(e, "person", "Ren Amano", "author"));
  EXPECT_TRUE(has(e, "person", "Kei Otori", "author"));
  EXPECT_TRUE(has(e, "person", "Sora Minase", "author"));
}

TEST(Entities, AlongsideTakesTheRoleNamedBeforeIt) {
  auto e = entities("The series was developed by Jason Katims, alongside Tara Vance and Ollie Brandt.");
  EXPECT_TRUE(has(e, "person", "Tara Vance", "creator"));
  EXPECT_TRUE(has(e, "person", "Ollie Brandt", "creator"));
  e = entities("Dana Holt is an executive producer alongside Rufus Penn.");
  EXPECT_TRUE(has(e, "person", "Rufus Penn", "producer"));
  // With no role word before it, the people alongside are cast.
  e = entities("In the new trailer, Ren Kaido appears alongside Mina Oda.");
  EXPECT_TRUE(has(e, "person", "Mina Oda", "cast"));
}

TEST(Entities, ThemeSongArtistsWhateverTheirNames) {
  const auto e = entities(
      "The opening theme, \"Blue Hour\" by NOVA LINE, topped the charts, and Sakurako's \"Tide\" closed the "
      "season. The second opening was performed by the vocal group Kite Runners, and fans loved the Paper "
      "Moths opening \"Wired\".");
  EXPECT_TRUE(has(e, "person", "NOVA LINE", "composer"));
  EXPECT_TRUE(has(e, "person", "Sakurako", "composer"));
  EXPECT_TRUE(has(e, "person", "Kite Runners", "composer"));
  EXPECT_TRUE(has(e, "person", "Paper Moths", "composer"));
  // Out of a song context a one-word name in a possessive is not taken.
  EXPECT_FALSE(has(entities("Everyone loved Sakurako's \"Tide\" speech."), "person", "Sakurako", "composer"));
}

TEST(Entities, MangaMagazinesAndPublishers) {
  const auto e = entities(
      "Ryo Fujimaki's manga has been serialized in Kodansha's Monthly Lantern since 2019, while the spin-off "
      "ran in Weekly Shonen Jump and the sequel runs on Shonen Jump+. Houbunsha publishes the four-panel "
      "comedy in Manga Time Kirara Max.");
  EXPECT_TRUE(has(e, "person", "Ryo Fujimaki", "author"));
  EXPECT_TRUE(has(e, "production_company", "Kodansha"));
  EXPECT_TRUE(has(e, "other_org", "Monthly Lantern"));
  EXPECT_TRUE(has(e, "other_org", "Weekly Shonen Jump"));
  EXPECT_TRUE(has(e, "other_org", "Shonen Jump+"));
  EXPECT_TRUE(has(e, "production_company", "Houbunsha"));
  EXPECT_TRUE(has(e, "other_org", "Manga Time Kirara Max"));
  // "ran in" away from a manga is not a magazine.
  EXPECT_FALSE(has(entities("The drama ran in Japan Today for weeks."), "other_org", "Japan Today"));
}

TEST(Entities, StudiosNamedByTheirContext) {
  const auto e = entities(
      "The film comes from animation studio Kumo Gakkou, and another studio, Madhouse, made the pilot. "
      "Meanwhile, Kitsune Frame is animating the sequel at the director's own studio, Oboro Production. "
      "Mushi Production made the first adaptation in 1969.");
  EXPECT_TRUE(has(e, "studio", "Kumo Gakkou"));
  EXPECT_TRUE(has(e, "studio", "Madhouse"));
  EXPECT_TRUE(has(e, "studio", "Kitsune Frame"));
  EXPECT_TRUE(has(e, "studio", "Oboro Production"));
  EXPECT_TRUE(has(e, "studio", "Mushi Production"));
  // "madhouse" as a word is not the studio.
  EXPECT_FALSE(has(entities("The finale was a madhouse of cameos."), "studio", "Madhouse"));
}

TEST(Entities, BylinesAndSurnameCredits) {
  auto e = entities("Posted on March 3, 2024 by Dana Whitfield\n\nThe comedy returns in the fall.");
  EXPECT_TRUE(has(e, "person", "Dana Whitfield", "other"));
  // A cue on the surname alone replaces a role guessed from the words around the full name.
  e = entities(
      "Season 2 News\n\nThe first teaser features Kenta Mizuhara.\n\nBEHIND THE SCENES\n"
      "Mizuhara is the creator of the original web series.");
  EXPECT_TRUE(has(e, "person", "Kenta Mizuhara", "creator"));
  e = entities("The first teaser shows Ryan Holloway. Holloway, who directed the short it grew from, narrates.");
  EXPECT_TRUE(has(e, "person", "Ryan Holloway", "director"));
}

}  // namespace
}  // namespace greenlight
