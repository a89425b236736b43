// Entities: gazetteer matches with aliases, patterns for unknown organizations, ambiguous names,
// people with roles, repeated names, characters and the main show.

#include "greenlight/entities.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace greenlight
