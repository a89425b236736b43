// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/media_facts.h"

#include <algorithm>
#include <string>

#include "greenlight/numbers.h"

namespace greenlight {

namespace {

std::optional<int> whole(std::optional<double> v) {
  if (!v || *v < 0 || *v > 10000 || *v != static_cast<int>(*v)) return std::nullopt;
  return static_cast<int>(*v);
}

std::optional<int> number_or_ordinal(std::string_view w) {
  if (auto v = whole(parse_cardinal(w))) return v;
  if (auto o = parse_ordinal(w)) return *o;
  return std::nullopt;
}

bool is_season_word(std::string_view w) { return w == "season" || w == "seasons"; }

// Words between a count and "episodes" that describe the episodes: "13 new episodes", "eight
// hour-long episodes", "13 11-minute episodes".
bool is_episode_modifier(std::string_view w) {
  if (w == "new" || w == "more" || w == "additional" || w == "further" || w == "total" || w == "half-hour" ||
      w == "hour-long" || w == "one-hour" || w == "hourlong" || w == "animated" || w == "remaining")
    return true;
  for (std::string_view suffix : {std::string_view("-minute"), std::string_view("-minute-long")})
    if (w.size() > suffix.size() && w.substr(w.size() - suffix.size()) == suffix) return true;
  return false;
}

// Words that make "N minutes" an episode's runtime when they come shortly before it: "each
// running 11 minutes", "every episode runs about 24 minutes", "a runtime of 45 minutes".
bool is_runtime_context(std::string_view w) {
  return w == "episode" || w == "episodes" || w == "each" || w == "runtime" || w == "run-time" || w == "runs" ||
         w == "running" || w == "clock" || w == "clocks" || w == "clocking" || w == "installment" ||
         w == "installments";
}

}  // namespace

MediaFacts extract_media_facts(const Document& doc) {
  MediaFacts facts;
  const auto tokens = doc.tokens();
  const std::size_t count = tokens.size();
  auto n = [&](std::size_t i) -> std::string_view { return i < count ? doc.normalized(tokens[i]) : std::string_view(); };
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view w = n(i);
    // Season N, season two, seasons 1-3, seasons one and two
    if (is_season_word(w)) {
      if (auto a = number_or_ordinal(n(i + 1)); a && *a > 0 && *a < 100 && !parse_ordinal(n(i + 1))) {
        facts.seasons.push_back(*a);
        if ((n(i + 2) == "-" || n(i + 2) == "to" || n(i + 2) == "through") && number_or_ordinal(n(i + 3))) {
          const int b = *number_or_ordinal(n(i + 3));
          for (int s = *a + 1; s <= b && s < 100; ++s) facts.seasons.push_back(s);
        } else if ((n(i + 2) == "and" || n(i + 2) == ",") && whole(parse_cardinal(n(i + 3)))) {
          facts.seasons.push_back(*whole(parse_cardinal(n(i + 3))));
        }
      }
      // second season, third and final season
      if (i > 0) {
        std::size_t k = i - 1;
        if (n(k) == "final" || n(k) == "last" || n(k) == "new") {
          if (k >= 2 && n(k - 1) == "and") k -= 2;
        }
        if (auto o = parse_ordinal(n(k)); o && *o > 0 && *o < 100) facts.seasons.push_back(*o);
      }
      // "ran for three seasons", "after two seasons"
      if (w == "seasons" && i > 0 && !facts.seasons_so_far) {
        if (auto v = whole(parse_cardinal(n(i - 1))); v && i >= 2 &&
            (n(i - 2) == "for" || n(i - 2) == "after" || n(i - 2) == "over" || n(i - 2) == "its"))
          facts.seasons_so_far = *v;
      }
    }
    // S2 (a season code), S02E05
    if (w.size() >= 2 && w.size() <= 7 && w[0] == 's' && std::isdigit(static_cast<unsigned char>(w[1]))) {
      std::size_t k = 1;
      int v = 0;
      while (k < w.size() && std::isdigit(static_cast<unsigned char>(w[k])) && k < 4) v = v * 10 + (w[k++] - '0');
      if (v > 0 && v < 100 && (k == w.size() || w[k] == 'e')) facts.seasons.push_back(v);
    }
    // N episodes, an N-episode order
    if ((w == "episodes" || w == "installments") && i > 0 && !facts.episodes) {
      std::size_t k = i - 1;
      if (k > 0 && is_episode_modifier(n(k))) --k;
      if (auto v = whole(parse_cardinal(n(k))); v && *v > 0 && *v < 2000) facts.episodes = *v;
    }
    if (!facts.episodes && w.size() > 8 && w.substr(w.size() - 8) == "-episode") {
      if (auto v = whole(parse_cardinal(w.substr(0, w.size() - 8))); v && *v > 0) facts.episodes = *v;
    }
    // Runtime: N minutes per episode / each / long; N-minute episodes; half-hour; hour-long
    if (!facts.runtime_minutes) {
      if ((w == "minutes" || w == "minute" || w == "mins") && i > 0) {
        const std::string_view next = n(i + 1), next2 = n(i + 2);
        const bool per_episode = next == "each" || next == "long" || (next == "per" && next2 == "episode") ||
                                 next == "apiece" || (next == "an" && next2 == "episode") ||
                                 (i >= 2 && (n(i - 2) == "about" || n(i - 2) == "around") && (next == "each" || next == "per"));
        std::size_t k = i - 1;
        bool in_context = false;  // an episode or runtime word within the six tokens before, same sentence
        for (std::size_t j = k; j-- > 0 && k - j <= 6;) {
          const std::string_view before = n(j);
          if (before == "." || before == "!" || before == "?" || before == ";") break;
          if (is_runtime_context(before)) in_context = true;
        }
        if (auto v = whole(parse_cardinal(n(k))); v && (per_episode || in_context) && *v > 0 && *v < 300)
          facts.runtime_minutes = *v;
      }
      if (w.size() > 7 && w.substr(w.size() - 7) == "-minute" && (n(i + 1) == "episodes" || n(i + 1) == "episode")) {
        if (auto v = whole(parse_cardinal(w.substr(0, w.size() - 7)))) facts.runtime_minutes = *v;
      }
      if (w == "half-hour" || w == "half-hour-long") facts.runtime_minutes = 30;
      if (w == "hour-long" || w == "hourlong" || w == "one-hour") facts.runtime_minutes = 60;
    }
  }
  std::sort(facts.seasons.begin(), facts.seasons.end());
  facts.seasons.erase(std::unique(facts.seasons.begin(), facts.seasons.end()), facts.seasons.end());
  return facts;
}

}  // namespace greenlight
