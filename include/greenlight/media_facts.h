// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Season and episode facts: the season numbers an article mentions, its episode count, the
// runtime per episode, and how many seasons the show has run.
//
//   const greenlight::MediaFacts facts = greenlight::extract_media_facts(doc);
//   // "Season 2 ... the second season ... S2 ... seasons 1-3"    -> facts.seasons {1, 2, 3}
//   // "a 13-episode order", "thirteen episodes"                    -> facts.episodes 13
//   // "11 minutes per episode", "half-hour", "hour-long"           -> facts.runtime_minutes 11 / 30 / 60
//   // "ran for three seasons", "after two seasons"                 -> facts.seasons_so_far 3 / 2

#ifndef GREENLIGHT_MEDIA_FACTS_H_
#define GREENLIGHT_MEDIA_FACTS_H_

#include <optional>
#include <vector>

#include "greenlight/tokenizer.h"

namespace greenlight {

struct MediaFacts {
  std::vector<int> seasons;  // sorted, unique
  std::optional<int> episodes;         // the first episode count stated
  std::optional<int> runtime_minutes;  // the first per-episode runtime stated
  std::optional<int> seasons_so_far;   // "ran for three seasons"
};

MediaFacts extract_media_facts(const Document& doc);

}  // namespace greenlight

#endif  // GREENLIGHT_MEDIA_FACTS_H_
