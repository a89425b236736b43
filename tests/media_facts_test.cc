// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Season numbers, episode counts and runtimes as entertainment news states them.

#include "greenlight/media_facts.h"

#include <gtest/gtest.h>

#include <string>

#include "greenlight/tokenizer.h"

namespace greenlight {
namespace {

MediaFacts facts_of(const std::string& text) {
  static const Tokenizer tokenizer;
  return extract_media_facts(tokenizer.tokenize(text));
}

TEST(MediaFacts, EpisodeCountsWithWordsBetweenTheCountAndEpisodes) {
  EXPECT_EQ(facts_of("Season 2 will have 13 eleven-minute episodes.").episodes, 13);
  EXPECT_EQ(facts_of("Netflix ordered eight hour-long episodes.").episodes, 8);
  EXPECT_EQ(facts_of("The second cour adds 12 new episodes.").episodes, 12);
  EXPECT_EQ(facts_of("It ran 13 11-minute episodes.").runtime_minutes, 11);
}

TEST(MediaFacts, RuntimesStatedWithARunningVerbOrRuntime) {
  EXPECT_EQ(facts_of("Season 2 will have 13 episodes, each running 11 minutes.").runtime_minutes, 11);
  EXPECT_EQ(facts_of("Every episode runs about 24 minutes.").runtime_minutes, 24);
  EXPECT_EQ(facts_of("The finale has a runtime of 68 minutes.").runtime_minutes, 68);
  EXPECT_EQ(facts_of("Episodes clock in at 22 minutes.").runtime_minutes, 22);
}

TEST(MediaFacts, MinutesWithoutAnEpisodeAreNotARuntime) {
  EXPECT_FALSE(facts_of("The panel ran late and fans waited for 45 minutes.").runtime_minutes);
  EXPECT_FALSE(facts_of("The episode aired. Fans lined up for 90 minutes at the panel.").runtime_minutes);
}

}  // namespace
}  // namespace greenlight
