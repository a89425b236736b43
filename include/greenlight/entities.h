// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// EntityExtractor: studios, production companies, networks, streamers, people with their roles,
// shows and characters, as typed and deduplicated facts.
//
//   const greenlight::EntityExtractor entities;     // the built-in gazetteer (data/gazetteer/)
//   const greenlight::EntityResult r = entities.extract(doc, "Rilakkuma and Kaoru Season 2: ...");
//   for (const greenlight::EntityMention& m : r.mentions)
//     std::cout << m.type << " " << m.canonical << " " << m.role.value_or("") << "\n";
//   // streaming Netflix; studio Dwarf Studio; production_company San-X;
//   // person Aki Kondo author; person Masahito Kobayashi director; show Rilakkuma and Kaoru ...
//   if (r.main_show) std::cout << r.main_show->title << "\n";
//
// How:
//   - organizations from the gazetteer (longest match over normalized tokens; aliases resolve to
//     one canonical name: "Prime Video" is Amazon Prime Video, "HBO Max" is Max), and from
//     patterns for those it lacks ("X Studio(s)", "X Animation", "X Productions", "X Pictures",
//     "X Entertainment", "X Television", "animated by X", "streaming on X", "airs on X");
//     names that are also words (Max, Peacock, Apple, Bones, Trigger...) need evidence: a
//     capital letter off the start of a sentence, or a context such as "on", "'s", "streaming";
//   - people from capitalized name sequences in role contexts ("created by", "directed by A and
//     written by B", "showrunner X", "the manga by X", "starring A, B and C", "X, who voices
//     Z", "voiced by X", "X said"), Japanese names included; a later surname alone ("Kobayashi")
//     is the same person;
//   - characters where the text says so ("who voices Z", "X as Z");
//   - the main show from the headline ("X Season 2: ...", "Will There Be a Season 3 of X?",
//     "Netflix Renews X") or the first quoted or "the anime X" title; other shows from quoted
//     titles and "X Season N".
//
// An EntityExtractor is immutable after construction; extract() is const and thread-safe.

#ifndef GREENLIGHT_ENTITIES_H_
#define GREENLIGHT_ENTITIES_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenlight/tokenizer.h"

namespace greenlight {

struct EntityMention {
  std::uint32_t begin = 0, end = 0;  // bytes into the text
  std::string text;
  std::string type;       // studio | production_company | network | streaming | person | show | character | other_org
  std::string canonical;  // one name per entity: the gazetteer's, or the first full mention's
  std::optional<std::string> role;  // people: creator | director | writer | showrunner | producer | cast | author | composer | other
};

struct ShowTitle {
  std::string title;
  std::uint32_t begin = 0, end = 0;  // first mention
};

struct EntityResult {
  std::vector<EntityMention> mentions;  // in text order; every mention of an entity, same canonical
  std::optional<ShowTitle> main_show;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> main_show_spans;   // every mention of the main show
  std::vector<std::pair<std::uint32_t, std::uint32_t>> other_show_spans;  // mentions of other shows
};

struct GazetteerEntry {
  std::string name;  // canonical
  std::string kind;  // studio | production_company | network | streaming | other_org
  std::vector<std::string> aliases;
  std::string country;
};

struct EntityOptions {
  bool builtin_gazetteer = true;
  std::vector<GazetteerEntry> extra_entries;
  std::string extra_gazetteer_tsv;  // path to a TSV in data/gazetteer/orgs.tsv's format, or empty
};

class EntityExtractor {
 public:
  explicit EntityExtractor(EntityOptions options = {});
  ~EntityExtractor();
  EntityExtractor(EntityExtractor&&) noexcept;
  EntityExtractor& operator=(EntityExtractor&&) noexcept;

  // `headline`: the article's title when known (else the first line is tried).
  EntityResult extract(const Document& doc, std::optional<std::string_view> headline = std::nullopt) const;

  // Parses gazetteer TSV (header name, kind, aliases, country). Throws greenlight::Error naming
  // `source` and the line of a malformed row.
  static std::vector<GazetteerEntry> parse_gazetteer(std::string_view tsv, const std::string& source);

  std::size_t gazetteer_size() const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

// The show a headline names, by its common patterns: "X Season 2: ...", "Will There Be a Season 3
// of X?", "X Renewed for ...", "Netflix Renews X for ...", "X: Release Date ...".
std::optional<std::string> show_from_headline(std::string_view headline);

}  // namespace greenlight

#endif  // GREENLIGHT_ENTITIES_H_
