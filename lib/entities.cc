// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/entities.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <span>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "embedded.h"
#include "greenlight/error.h"
#include "renewal_cues.h"
#include "word_hash.h"

namespace greenlight {

namespace {

// Names that are also ordinary words: taken only with evidence around them.
const std::unordered_set<std::string_view> kAmbiguous = {
    "max", "peacock", "apple", "apple tv", "you", "bones", "trigger", "shaft", "sunrise", "madhouse", "orange",
    "sky", "fox", "history", "nick", "mx", "tx", "via", "sentai", "dwarf", "pierrot", "hit", "bravo", "lifetime",
    "crave", "stan", "starz", "amc", "abc", "cbs", "nbc", "tbs", "ytv", "hulu", "sister", "i.g", "olm",
    "viz", "spt", "wbtv", "nhk e", "bet", "epix", "emmys", "working title", "higher ground", "pony canyon",
    "x", "threads", "pop", "feel", "meta", "masterpiece", "khara", "passione", "discord", "gaumont", "wiip",
    "steam", "billboard", "dark horse", "annecy", "seven seas", "young animal", "feel young", "afternoon",
    "morning", "pocket magazine", "comic days", "flying dog", "shirogumi", "vertical", "drive"};
// Words after which an ambiguous name is an outlet: "on Max", "to Peacock", "Apple's".
const std::unordered_set<std::string_view> kOutletContext = {"on", "at", "to", "from", "with", "via", "by", "and", "or",
                                                        "'s", "original", "originals", "series", "subscribers",
                                                        "app", "service", "streamer", "network", "studio", "+", "open",
                                                        "watch", "stream", "streaming", "exclusively", "our",
                                                        "official", "account", "accounts", "server"};

const std::unordered_set<std::string_view> kNotNameStarts = {
    "the", "a", "an", "in", "on", "at", "season", "seasons", "episode", "episodes", "part", "chapter", "volume",
    "netflix", "it", "this", "that", "these", "those", "there", "they", "we", "he", "she", "his", "her", "its",
    "our", "their", "my", "your", "what", "when", "where", "why", "how", "who", "will", "but", "and", "or", "so",
    "if", "as", "for", "with", "by", "from", "to", "of", "after", "before", "meanwhile", "however", "also", "fans",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "release", "date",
    "cast", "trailer", "news", "update", "here", "everything", "we", "no", "yes", "not", "anime", "manga",
    "japanese", "english", "american", "british", "korean", "director", "creator", "showrunner", "writer",
    "producer", "author", "star", "stars", "mr", "mrs", "ms", "dr", "studio", "streaming", "where", "watch"};

const std::unordered_set<std::string_view> kOrgSuffixStudio = {"studio", "studios", "animation", "animations", "works", "toons"};
const std::unordered_set<std::string_view> kOrgSuffixCompany = {"productions", "production", "pictures", "entertainment",
                                                           "television", "films", "media", "company", "inc.",
                                                           "ltd.", "records", "publishing", "comics", "press"};
const std::unordered_set<std::string_view> kSpeechVerbs = {"said", "says", "told", "tweeted", "wrote", "explained",
                                                      "added", "confirmed", "posted", "shared", "revealed",
                                                      "announced", "noted", "admitted", "teased"};

// Role cues before a name ("created by X") and titles before a name ("showrunner X").
struct RoleCue {
  std::string_view words;  // space-separated normalized tokens
  std::string_view role;
};
constexpr RoleCue kRoleCues[] = {
    {"created by", "creator"}, {"co-created by", "creator"}, {"developed by", "creator"},
    {"directed by", "director"}, {"helmed by", "director"}, {"written by", "writer"},
    {"penned by", "writer"}, {"scripted by", "writer"}, {"screenplay by", "writer"},
    {"series composition by", "writer"}, {"executive produced by", "producer"}, {"produced by", "producer"},
    {"composed by", "composer"}, {"music by", "composer"}, {"score by", "composer"}, {"scored by", "composer"},
    {"voiced by", "cast"}, {"played by", "cast"}, {"portrayed by", "cast"}, {"starring", "cast"},
    {"stars", "cast"}, {"co-starring", "cast"}, {"co-stars", "cast"}, {"featuring", "cast"}, {"alongside", "cast"},
    {"manga by", "author"}, {"novel by", "author"}, {"novels by", "author"}, {"books by", "author"},
    {"comic by", "author"}, {"comics by", "author"}, {"book by", "author"}, {"light novel by", "author"},
    {"series by", "author"}, {"illustrated by", "author"}, {"mangaka", "author"}, {"author", "author"},
    {"novelist", "author"}, {"manga artist", "author"}, {"cartoonist", "author"}, {"illustrator", "author"},
    {"showrunner", "showrunner"}, {"showrunners", "showrunner"}, {"run by", "showrunner"}, {"creator", "creator"},
    {"creators", "creator"}, {"co-creator", "creator"}, {"director", "director"}, {"writer", "writer"},
    {"head writer", "writer"}, {"screenwriter", "writer"}, {"producer", "producer"},
    {"executive producer", "producer"}, {"composer", "composer"}, {"star", "cast"}, {"actor", "cast"},
    {"actress", "cast"}, {"voice actor", "cast"}, {"voice actress", "cast"}, {"seiyuu", "cast"},
    {"co-star", "cast"}, {"cast members", "cast"}, {"cast member", "cast"}, {"created for", "author"},
    {"series from", "creator"}, {"show from", "creator"}, {"drama from", "creator"}, {"comedy from", "creator"},
    {"anime from", "creator"}, {"songs by", "composer"}, {"theme by", "composer"}, {"original work by", "author"},
    {"original story by", "author"}, {"character designs by", "other"}, {"based on the manga by", "author"},
    // Plural and co- titles: "composers A and B", "co-showrunner X".
    {"co-showrunner", "showrunner"}, {"co-showrunners", "showrunner"}, {"directors", "director"},
    {"co-director", "director"}, {"co-directors", "director"}, {"writers", "writer"}, {"co-writer", "writer"},
    {"co-writers", "writer"}, {"screenwriters", "writer"}, {"producers", "producer"},
    {"executive producers", "producer"}, {"co-producer", "producer"}, {"composers", "composer"},
    {"series composer", "writer"}, {"original creator", "author"}, {"original creators", "author"},
    {"original author", "author"}, {"authors", "author"}, {"mangaka", "author"},
    {"character designer", "other"}, {"character design by", "other"}, {"designed by", "other"},
    {"scripts by", "writer"}, {"script by", "writer"}, {"series composition and scripts by", "writer"},
    {"songs from", "composer"}, {"music from", "composer"}, {"music comes from", "composer"},
    {"performed by", "composer"}, {"sung by", "composer"}, {"song by", "composer"}, {"opening theme by", "composer"},
    {"ending theme by", "composer"}, {"theme song by", "composer"}, {"soundtrack by", "composer"},
    {"the manga by", "author"}, {"created by manga artist", "author"}, {"manga artist", "author"},
    // Staff lists, one credit a line: "Series Composition: Hiroshi Seko". The colon is part of
    // the cue so that a credit that merely ends in a role word ("Art Director") is not "director".
    {"director :", "director"}, {"chief director :", "director"}, {"series director :", "director"},
    {"assistant director :", "other"}, {"art director :", "other"}, {"sound director :", "other"},
    {"animation director :", "other"}, {"chief animation director :", "other"},
    {"director of photography :", "other"}, {"cgi director :", "other"}, {"3d director :", "other"},
    {"series composition :", "writer"}, {"script :", "writer"}, {"scripts :", "writer"},
    {"screenplay :", "writer"}, {"scenario :", "writer"}, {"character design :", "other"},
    {"character designs :", "other"}, {"music :", "composer"}, {"composer :", "composer"},
    {"original creator :", "author"}, {"original work :", "author"}, {"original story :", "author"},
    {"original manga :", "author"}, {"original author :", "author"}, {"author :", "author"},
    {"art :", "author"}, {"story :", "author"}, {"story and art :", "author"}, {"cast :", "cast"},
    {"voice cast :", "cast"}, {"opening theme :", "composer"}, {"ending theme :", "composer"},
    {"theme song :", "composer"}, {"producer :", "producer"}, {"producers :", "producer"},
    {"storyboards :", "other"}, {"color design :", "other"}, {"art design :", "other"},
    {"mechanical design :", "other"}, {"editing :", "other"}, {"sound effects :", "other"}};

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t a = 0;
  while (a < s.size()) {
    std::size_t b = s.find(' ', a);
    if (b == std::string_view::npos) b = s.size();
    out.emplace_back(s.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

// The number of words split_words(s) gives, and the first and last of them, without building them.
struct WordEnds {
  std::size_t count = 0;
  std::string_view first, last;
};
WordEnds word_ends(std::string_view s) {
  WordEnds out;
  std::size_t a = 0;
  while (a < s.size()) {
    std::size_t b = s.find(' ', a);
    if (b == std::string_view::npos) b = s.size();
    const std::string_view word = s.substr(a, b - a);
    if (out.count++ == 0) out.first = word;
    out.last = word;
    a = b + 1;
  }
  return out;
}

// Hashes std::string and std::string_view alike, so a map keyed by std::string is searched with a
// token's string_view without building a string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};


// The word lists a word belongs to, as bits of GazetteerIndex::Word::sets: a token's lists are
// found with its one lookup in the word table, not by a hash lookup per list and test.
enum WordSet : std::uint16_t {
  kOrgSuffixStudioWord = 1 << 0,   // kOrgSuffixStudio
  kOrgSuffixCompanyWord = 1 << 1,  // kOrgSuffixCompany
  kSpeechVerb = 1 << 2,            // kSpeechVerbs
  kOutletContextWord = 1 << 3,     // kOutletContext
  kParticle = 1 << 4,              // kParticles
  kMagazineVerb = 1 << 5,          // kMagazineVerbs
  kMangaWord = 1 << 6,             // kManga
  kWorkWord = 1 << 7,              // kWork
  kSourceWord = 1 << 8,            // kSource
  kDeterminer = 1 << 9,            // kDeterminers
  kAuxiliary = 1 << 10,            // kAuxiliaries
  kCreditVerb = 1 << 11,           // kCreditVerbs
  kSongWord = 1 << 12,             // kSongWords
  kOrgContextVerb = 1 << 13,       // kOrgContextVerbs
};

// Whether the n bytes at a and b are equal, inlined: the strings compared are words, a few bytes
// long, for which a call to memcmp costs more than the comparison.
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
  }
  if (n >= 4) {  // the last 4 to 7 bytes as two 4-byte words that may overlap
    std::uint32_t x, y, x2, y2;
    std::memcpy(&x, a, 4);
    std::memcpy(&y, b, 4);
    std::memcpy(&x2, a + n - 4, 4);
    std::memcpy(&y2, b + n - 4, 4);
    return x == y && x2 == y2;
  }
  for (std::size_t k = 0; k < n; ++k)
    if (a[k] != b[k]) return false;
  return true;
}

// The gazetteer indexed by normalized token sequence.
struct GazetteerIndex {
  // What the extractor knows about one normalized word: a document looks each token up once.
  // 16 bytes: a document keeps a copy per token.
  struct Word {
    std::int32_t id = -1;          // in the gazetteer's names, else -1
    std::uint32_t root_child = 0;  // the trie's node for the one-word prefix of names, else 0
    std::uint16_t sets = 0;        // WordSet bits: the word lists it is in
    std::uint8_t cue_list = 0;     // for a cue's first word, the index of its cues in cue_lists
    std::uint8_t sentence_role : 4 = 0;  // kSentenceRoleWords's role as an index into kRoleNames, else 0
    std::uint8_t role_noun : 4 = 0;      // kRoleNouns's role, likewise
    bool given_name : 1 = false;         // in given_names.tsv
    bool cue : 1 = false;                // the first word of a role cue (kRoleCues)
    bool not_name_start : 1 = false;     // in kNotNameStarts
    bool name_stop : 1 = false;          // in kNameStops
    bool not_person : 1 = false;         // in kNotPersonWords or a company suffix: never in a person's name
  };
  static_assert(sizeof(Word) == 16);
  // A node of the trie of gazetteer names over word ids; node 0 is the root.
  struct Node {
    int entry = -1;          // the entry whose name ends here (the first one added), or -1
    bool lowercase = false;  // some name ending here is written in lower case ("ufotable")
    bool ambiguous = false;  // the name is also an ordinary word (kAmbiguous)
    std::string key;         // normalized tokens, space-separated
  };

  std::vector<GazetteerEntry> entries;
  std::unordered_map<std::string, int> keys;  // normalized token sequence -> entry
  // The words, in an open-addressing table searched with a hash the caller computes once per
  // token (a document's tokens are looked up one by one). The probed slots are 8 bytes and the
  // keys lie in one string, so that a lookup touches little memory.
  struct WordSlot {
    std::uint32_t tag = 0;    // the hash's high half
    std::uint32_t index = 0;  // 1 + the word's index in word_info, 0 for an empty slot
  };
  std::vector<WordSlot> word_slots = std::vector<WordSlot>(1024);
  std::string word_chars;                                       // the words' bytes, one after another
  std::vector<std::pair<std::uint32_t, std::uint32_t>> word_spans;  // per word, (offset, size) in word_chars
  std::vector<Word> word_info;
  std::vector<Node> nodes = std::vector<Node>(1);
  std::unordered_map<std::uint64_t, std::uint32_t> edges;  // (node << 32 | word id) -> child node
  std::int32_t word_count = 0;
  // Role cues (kRoleCues) by their first word, in kRoleCues order: each cue's words and role.
  std::vector<std::vector<std::pair<std::vector<std::string>, std::string_view>>> cue_lists;
  Tokenizer tokenizer;

  GazetteerIndex();  // the fixed word lists' flags (below, with the lists)

  bool word_is(std::uint32_t index, std::string_view normalized) const {
    const auto [offset, size] = word_spans[index];
    return size == normalized.size() && same_bytes(word_chars.data() + offset, normalized.data(), size);
  }
  const Word* word(std::string_view normalized, std::uint64_t hash) const {
    const std::size_t mask = word_slots.size() - 1;
    const std::uint32_t tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t k = hash & mask; word_slots[k].index != 0; k = (k + 1) & mask)
      if (word_slots[k].tag == tag && word_is(word_slots[k].index - 1, normalized))
        return &word_info[word_slots[k].index - 1];
    return nullptr;
  }
  const Word* word(std::string_view normalized) const { return word(normalized, word_hash(normalized)); }
  // The entry for a word, added when new.
  Word& add_word(std::string_view normalized) {
    const std::uint64_t hash = word_hash(normalized);
    const std::uint32_t tag = static_cast<std::uint32_t>(hash >> 32);
    std::size_t mask = word_slots.size() - 1;
    for (std::size_t k = hash & mask; word_slots[k].index != 0; k = (k + 1) & mask)
      if (word_slots[k].tag == tag && word_is(word_slots[k].index - 1, normalized))
        return word_info[word_slots[k].index - 1];
    if (2 * (word_info.size() + 1) > word_slots.size()) {  // keep the table at most half full
      std::vector<WordSlot> old(word_slots.size() * 2);
      old.swap(word_slots);
      mask = word_slots.size() - 1;
      for (std::uint32_t w = 0; w < word_info.size(); ++w) {
        const auto [offset, size] = word_spans[w];
        const std::uint64_t h = word_hash(std::string_view(word_chars).substr(offset, size));
        std::size_t k = h & mask;
        while (word_slots[k].index != 0) k = (k + 1) & mask;
        word_slots[k] = {static_cast<std::uint32_t>(h >> 32), w + 1};
      }
    }
    std::size_t k = hash & mask;
    while (word_slots[k].index != 0) k = (k + 1) & mask;
    word_spans.emplace_back(static_cast<std::uint32_t>(word_chars.size()), static_cast<std::uint32_t>(normalized.size()));
    word_chars += normalized;
    word_info.emplace_back();
    word_slots[k] = {tag, static_cast<std::uint32_t>(word_info.size())};
    return word_info.back();
  }
  // The child of `node` along word `w` (a word of some name), or 0.
  std::uint32_t child(std::uint32_t node, const Word& w) const {
    if (node == 0) return w.root_child;
    const auto it = edges.find(static_cast<std::uint64_t>(node) << 32 | static_cast<std::uint32_t>(w.id));
    return it == edges.end() ? 0 : it->second;
  }

  void add_given_names(std::string_view tsv) {
    std::size_t start = tsv.find('\n');  // past the header
    while (start != std::string_view::npos && start < tsv.size()) {
      ++start;
      std::size_t end = tsv.find('\n', start);
      std::string_view row = tsv.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      row = row.substr(0, row.find('\t'));
      if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
      if (!row.empty()) {
        const Document doc = tokenizer.tokenize(row);
        if (doc.tokens().size() == 1) add_word(doc.normalized(doc.tokens()[0])).given_name = true;
      }
      start = end;
    }
  }

  void add(const GazetteerEntry& e) {
    const int index = static_cast<int>(entries.size());
    entries.push_back(e);
    std::vector<std::string> names = e.aliases;
    names.insert(names.begin(), e.name);
    for (const std::string& name : names) {
      if (name.empty()) continue;
      const Document doc = tokenizer.tokenize(name);
      std::string key;
      for (const Token& t : doc.tokens()) {
        if (!key.empty()) key += ' ';
        key += doc.normalized(t);
      }
      if (key.empty()) continue;
      keys.emplace(key, index);  // the first entry with a name wins
      std::uint32_t node = 0;
      for (const Token& t : doc.tokens()) {
        Word& w = add_word(doc.normalized(t));
        if (w.id < 0) w.id = word_count++;
        const std::uint64_t edge = static_cast<std::uint64_t>(node) << 32 | static_cast<std::uint32_t>(w.id);
        auto it = edges.find(edge);
        if (it == edges.end()) {
          it = edges.emplace(edge, static_cast<std::uint32_t>(nodes.size())).first;
          nodes.emplace_back();
        }
        if (node == 0) w.root_child = it->second;
        node = it->second;
      }
      Node& end = nodes[node];
      if (end.entry < 0) end.entry = index;
      end.key = key;
      end.ambiguous = kAmbiguous.count(key) > 0;
      if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') end.lowercase = true;
    }
  }
};


}  // namespace

std::optional<std::string> show_from_headline(std::string_view headline) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\'' || s.back() == ',' ||
                          s.back() == ':' || s.back() == '?' || s.back() == '!'))
      s.remove_suffix(1);
    // Curly quotes.
    for (std::string_view q : {"\xE2\x80\x9C", "\xE2\x80\x98"})
      if (s.substr(0, q.size()) == q) s.remove_prefix(q.size());
    for (std::string_view q : {"\xE2\x80\x9D", "\xE2\x80\x99"})
      if (s.size() >= q.size() && s.substr(s.size() - q.size()) == q) s.remove_suffix(q.size());
    return s;
  };
  for (std::string_view prefix : {"Will There Be a ", "Will There Be An ", "Will There Ever Be a ", "Will There Ever Be ",
                                  "Will There Be ", "When Will ", "When Does ", "When Is ", "Is ", "Why ", "Will "}) {
    if (headline.substr(0, prefix.size()) == prefix) {
      headline.remove_prefix(prefix.size());
      break;
    }
  }
  if (headline.substr(0, 7) == "Season ") {
    const std::size_t at = headline.find(" of ");
    if (at != std::string_view::npos) return std::string(trim(headline.substr(at + 4)));
  }
  // "Netflix Renews X for Season 2", "HBO Cancels X After Two Seasons"
  for (std::string_view verb : {" Renews ", " Cancels ", " Axes ", " Orders ", " Picks Up ", " Ends ", " Revives ",
                                " renews ", " cancels ", " axes "}) {
    const std::size_t at = headline.find(verb);
    if (at != std::string_view::npos && at < 30) {
      std::string_view rest = headline.substr(at + verb.size());
      std::size_t cut = rest.size();
      for (std::string_view stop : {" for ", " For ", " After ", " after ", " at ", " At ", " Season", ",", ":"}) {
        const std::size_t s = rest.find(stop);
        if (s != std::string_view::npos && s < cut) cut = s;
      }
      const std::string_view title = trim(rest.substr(0, cut));
      if (!title.empty() && title.size() <= 80) return std::string(title);
    }
  }
  std::size_t cut = std::string_view::npos;
  for (std::string_view marker : {" Season ", " season ", " Renewed", " renewed", " Cancelled", " cancelled",
                                  " Canceled", " canceled", " Ending", " Final ", " Returns", " Is ", " Has ",
                                  " Will ", ": "}) {
    const std::size_t at = headline.find(marker);
    if (at != std::string_view::npos && at < cut) cut = at;
  }
  if (cut == std::string_view::npos || cut == 0) return std::nullopt;
  std::string_view title = trim(headline.substr(0, cut));
  if (title.size() > 2 && title.substr(title.size() - 2) == "'s") title.remove_suffix(2);
  if (title.size() > 4 && title.substr(title.size() - 4) == "\xE2\x80\x99s") title.remove_suffix(4);
  if (title.empty() || title.size() > 80) return std::nullopt;
  return std::string(title);
}

std::vector<GazetteerEntry> EntityExtractor::parse_gazetteer(std::string_view tsv, const std::string& source) {
  std::vector<GazetteerEntry> out;
  std::size_t start = 0, line = 0;
  static const std::set<std::string> kKinds = {"studio", "production_company", "network", "streaming", "other_org"};
  while (start < tsv.size()) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string row(tsv.substr(start, end - start));
    start = end + 1;
    ++line;
    if (!row.empty() && row.back() == '\r') row.pop_back();
    if (line == 1 || row.empty()) continue;  // header
    std::vector<std::string> cols;
    std::size_t a = 0;
    for (;;) {
      const std::size_t b = row.find('\t', a);
      cols.push_back(row.substr(a, b == std::string::npos ? std::string::npos : b - a));
      if (b == std::string::npos) break;
      a = b + 1;
    }
    if (cols.size() < 2 || cols[0].empty())
      throw Error(source + ":" + std::to_string(line) + ": expected name<TAB>kind<TAB>aliases<TAB>country");
    if (!kKinds.count(cols[1]))
      throw Error(source + ":" + std::to_string(line) + ": unknown kind '" + cols[1] +
                  "' (studio, production_company, network, streaming, other_org)");
    GazetteerEntry e{cols[0], cols[1], {}, cols.size() > 3 ? cols[3] : ""};
    if (cols.size() > 2 && !cols[2].empty()) {
      std::size_t x = 0;
      for (;;) {
        const std::size_t y = cols[2].find('|', x);
        e.aliases.push_back(cols[2].substr(x, y == std::string::npos ? std::string::npos : y - x));
        if (y == std::string::npos) break;
        x = y + 1;
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

struct EntityExtractor::Impl : GazetteerIndex {};

EntityExtractor::EntityExtractor(EntityOptions options) {
  auto impl = std::make_unique<Impl>();
  if (options.builtin_gazetteer) {
    const auto bytes = embedded_file("data/gazetteer/orgs.tsv");
    if (!bytes) throw Error("no gazetteer was built into this library (data/gazetteer/orgs.tsv)");
    for (const auto& e : parse_gazetteer(*bytes, "data/gazetteer/orgs.tsv")) impl->add(e);
    if (const auto names = embedded_file("data/gazetteer/given_names.tsv")) impl->add_given_names(*names);
  }
  if (!options.extra_gazetteer_tsv.empty()) {
    std::ifstream in(options.extra_gazetteer_tsv, std::ios::binary);
    if (!in) throw Error(options.extra_gazetteer_tsv + ": cannot open");
    std::stringstream s;
    s << in.rdbuf();
    for (const auto& e : parse_gazetteer(s.str(), options.extra_gazetteer_tsv)) impl->add(e);
  }
  for (const auto& e : options.extra_entries) impl->add(e);
  impl_ = std::move(impl);
}

EntityExtractor::~EntityExtractor() = default;
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;
EntityExtractor& EntityExtractor::operator=(EntityExtractor&&) noexcept = default;
std::size_t EntityExtractor::gazetteer_size() const { return impl_->entries.size(); }

namespace {

// Lower-case words that join the parts of a name: "Guillermo del Toro", "Cristobal Tapia de Veer".
const std::unordered_set<std::string_view> kParticles = {"de", "del", "della", "der", "van", "von", "da", "di",
                                                         "du", "dos", "das", "le", "la", "bin", "al", "ter"};
// Capitalized words that end a name: title-case headlines capitalize every word.
const std::unordered_set<std::string_view> kNameStops = {
    "the", "of", "and", "in", "on", "for", "to", "with", "is", "are", "was", "be", "at", "by", "from", "a", "an",
    "as", "or", "but", "not", "no", "yes", "after", "before", "season", "seasons", "series", "episode",
    "episodes", "part", "volume", "chapter", "finale", "premiere", "trailer", "renewed", "cancelled", "canceled",
    "it", "its", "this", "that", "will", "has", "have", "gets", "got", "says", "returns", "ends", "new",
    "netflix", "studio", "studios", "show", "anime", "film", "movie", "now", "more", "why", "how", "what", "who",
    "we", "there", "they", "he", "she", "announced", "confirmed", "revealed"};
// Words for places, events and things that look like names: never in a person's name.
const std::unordered_set<std::string_view> kNotPersonWords = {
    "street", "avenue", "road", "city", "county", "state", "states", "island", "islands", "river", "lake",
    "mountain", "square", "hotel", "center", "centre", "award", "awards", "festival",
    "league", "cup", "games", "guild", "academy", "university", "college", "school", "church", "prize",
    "day", "week", "weekend", "night", "year", "christmas", "halloween", "emmy", "emmys", "oscar", "oscars",
    "globe", "globes", "tv", "channel", "network", "video", "plus", "originals", "original", "records", "music",
    "comics", "books", "press", "news", "times", "post", "magazine", "journal", "reporter", "variety",
    "deadline", "york", "angeles", "london", "tokyo", "paris", "america", "american", "british", "japanese",
    "english", "korean", "french", "german", "spanish", "italian", "chinese", "canadian", "australian",
    "europe", "european", "asia", "kingdom", "empire", "world", "earth", "universe", "galaxy", "war", "wars",
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "god", "gods",
    "arc", "arcs", "scene", "castle", "village", "recap"};
// Role words in a sentence, for a person the text names without a direct cue.
const std::unordered_map<std::string_view, std::string_view> kSentenceRoleWords = {
    {"cast", "cast"}, {"stars", "cast"}, {"star", "cast"}, {"starring", "cast"}, {"starred", "cast"},
    {"plays", "cast"}, {"played", "cast"}, {"playing", "cast"}, {"voices", "cast"}, {"voiced", "cast"},
    {"voice", "cast"}, {"actor", "cast"}, {"actress", "cast"}, {"actors", "cast"}, {"ensemble", "cast"},
    {"portrays", "cast"}, {"portrayed", "cast"}, {"role", "cast"}, {"roles", "cast"}, {"co-star", "cast"},
    {"co-stars", "cast"}, {"reprise", "cast"}, {"reprises", "cast"}, {"lead", "cast"}, {"leads", "cast"},
    {"performance", "cast"}, {"performances", "cast"}, {"creator", "creator"}, {"created", "creator"},
    {"creators", "creator"}, {"co-creator", "creator"}, {"co-creators", "creator"}, {"developed", "creator"},
    {"co-developed", "creator"}, {"director", "director"},
    {"directed", "director"}, {"directs", "director"}, {"writer", "writer"}, {"wrote", "writer"},
    {"written", "writer"}, {"writers", "writer"}, {"showrunner", "showrunner"}, {"showrunners", "showrunner"},
    {"producer", "producer"}, {"producers", "producer"}, {"produces", "producer"}, {"produced", "producer"},
    {"composer", "composer"}, {"score", "composer"}, {"composed", "composer"}, {"songs", "composer"},
    {"author", "author"}, {"mangaka", "author"}, {"novelist", "author"}};
// Nouns after "X as" or "X's" that give X's role: "Adam McKay as executive producer", "Britell's score".
const std::unordered_map<std::string_view, std::string_view> kRoleNouns = {
    {"creator", "creator"}, {"co-creator", "creator"}, {"director", "director"}, {"writer", "writer"},
    {"head", "writer"}, {"showrunner", "showrunner"}, {"producer", "producer"}, {"executive", "producer"},
    {"composer", "composer"}, {"score", "composer"}, {"music", "composer"}, {"songs", "composer"},
    {"author", "author"}, {"manga", "author"}, {"novel", "author"}, {"novels", "author"}, {"books", "author"},
    {"star", "cast"}, {"lead", "cast"}, {"performance", "cast"}, {"voice", "cast"}, {"character", "cast"},
    {"role", "cast"}, {"portrayal", "cast"}, {"direction", "director"}, {"script", "writer"},
    {"scripts", "writer"}};

// Verbs of a serialization before "in X" / "on X" (magazine_start).
const std::unordered_set<std::string_view> kMagazineVerbs = {
    "serialized", "serialised", "serializes", "serialises", "serializing", "serialising", "serialization",
    "serialisation", "runs", "ran", "running", "run", "published", "publishes", "launched", "debuted",
    "began", "started", "wrapped", "ended", "concluded", "finished"};
// Words of a sentence about a manga (manga_sentence).
const std::unordered_set<std::string_view> kManga = {
    "manga", "magazine", "chapter", "chapters", "volume", "volumes", "tankobon", "webcomic", "web", "comic",
    "comics", "serialized", "serialised", "serialization", "serialisation", "mangaka", "light", "novel",
    "novels", "publisher", "four-panel", "yonkoma", "webtoon", "manhwa"};
// Words for a work a creator makes (work_noun_after).
const std::unordered_set<std::string_view> kWork = {
    "series", "show", "drama", "comedy", "anthology", "thriller", "sitcom", "dramedy", "satire", "saga",
    "creation", "brainchild", "miniseries", "limited", "adaptation", "mystery", "western", "procedural",
    "reimagining", "take", "vision"};
// Words for a source work an author writes (work_noun_after).
const std::unordered_set<std::string_view> kSource = {
    "manga", "novel", "novels", "comic", "comics", "webcomic", "webtoon", "manhwa", "book", "books",
    "yonkoma"};
// Determiners before a staff noun (staff_noun_at).
const std::unordered_set<std::string_view> kDeterminers = {
    "the", "a", "an", "its", "his", "her", "their", "all", "both", "every", "some", "this", "that"};
// Auxiliaries between a name and its credit (role_after_name).
const std::unordered_set<std::string_view> kAuxiliaries = {
    "has", "had", "have", "is", "was", "will", "also", "again", "still", "once", "returns", "returning",
    "returned", "back", "be", "been", "previously", "now", "both", "once", "then", "later"};
// Verbs that give a credit after a name (role_after_name).
const std::unordered_set<std::string_view> kCreditVerbs = {
    "on", "handling", "handles", "handled", "handle", "oversees", "oversaw", "overseeing", "provides",
    "provided", "providing", "does", "did", "doing", "heads", "headed", "heading", "supplies", "supplied",
    "supplying", "takes", "took", "taking", "writing", "writes", "wrote", "penned", "pens", "penning"};
// Words of a sentence about songs (find_song_artists).
const std::unordered_set<std::string_view> kSongWords = {
    "opening", "ending", "theme", "themes", "song", "songs", "single", "track", "tracks", "opened",
    "closed", "performed", "sang", "sings", "insert", "soundtrack", "op", "ed", "openings", "endings"};

// The verbs of find_organizations's contexts for unknown names ("animated by X", "streaming on
// X", "airs on X"): a token not among them is passed over on one test.
const std::unordered_set<std::string_view> kOrgContextVerbs = {"animated", "streaming", "streams", "available",
                                                               "airs", "aired", "broadcast"};

// The roles the role-word tables give, for a word's index into them (GazetteerIndex::Word).
constexpr std::string_view kRoleNames[] = {"", "cast", "creator", "director", "writer", "showrunner",
                                           "producer", "composer", "author"};
std::uint8_t role_index(std::string_view role) {
  for (std::uint8_t r = 1; r < std::size(kRoleNames); ++r)
    if (kRoleNames[r] == role) return r;
  throw Error("entities: no index for role '" + std::string(role) + "'");
}

GazetteerIndex::GazetteerIndex() {
  for (const RoleCue& cue : kRoleCues) {
    std::vector<std::string> words = split_words(cue.words);
    Word& first = add_word(words[0]);
    if (!first.cue) {
      if (cue_lists.size() > 255) throw Error("entities: more than 256 first words of role cues");
      first.cue = true;
      first.cue_list = static_cast<std::uint8_t>(cue_lists.size());
      cue_lists.emplace_back();
    }
    cue_lists[first.cue_list].emplace_back(std::move(words), cue.role);
  }
  for (std::string_view w : kNotNameStarts) add_word(w).not_name_start = true;
  for (std::string_view w : kNameStops) add_word(w).name_stop = true;
  for (const auto* list : {&kNotPersonWords, &kOrgSuffixStudio, &kOrgSuffixCompany})
    for (std::string_view w : *list) add_word(w).not_person = true;
  const std::pair<const std::unordered_set<std::string_view>*, std::uint16_t> sets[] = {
      {&kOrgSuffixStudio, kOrgSuffixStudioWord}, {&kOrgSuffixCompany, kOrgSuffixCompanyWord},
      {&kSpeechVerbs, kSpeechVerb}, {&kOutletContext, kOutletContextWord}, {&kParticles, kParticle},
      {&kMagazineVerbs, kMagazineVerb}, {&kManga, kMangaWord}, {&kWork, kWorkWord}, {&kSource, kSourceWord},
      {&kDeterminers, kDeterminer}, {&kAuxiliaries, kAuxiliary}, {&kCreditVerbs, kCreditVerb},
      {&kSongWords, kSongWord}, {&kOrgContextVerbs, kOrgContextVerb}};
  for (const auto& [list, bit] : sets)
    for (std::string_view w : *list) add_word(w).sets |= bit;
  for (const auto& [w, role] : kSentenceRoleWords) add_word(w).sentence_role = role_index(role);
  for (const auto& [w, role] : kRoleNouns) add_word(w).role_noun = role_index(role);
}

// Credits named by a noun after a name, a possessive or a verb, longest first: "X on series
// composition", "X's character designs", "X handling the music", "X wrote the songs".
struct StaffNoun {
  std::string_view words;  // space-separated normalized tokens
  std::string_view role;
};
constexpr StaffNoun kStaffNouns[] = {
    {"series composition", "writer"}, {"series composer", "writer"}, {"scripts", "writer"},
    {"script", "writer"}, {"screenplay", "writer"}, {"screenplays", "writer"}, {"teleplay", "writer"},
    {"scenario", "writer"}, {"music", "composer"}, {"score", "composer"}, {"scores", "composer"},
    {"soundtrack", "composer"}, {"songs", "composer"}, {"song", "composer"}, {"theme song", "composer"},
    {"theme songs", "composer"}, {"opening theme", "composer"}, {"ending theme", "composer"},
    {"lyrics", "composer"}, {"character designs", "other"}, {"character design", "other"},
    {"character designer", "other"}, {"the characters", "other"}, {"characters", "other"},
    {"chief animation direction", "other"}, {"animation direction", "other"}, {"art direction", "other"},
    {"sound direction", "other"}, {"storyboards", "other"}, {"cinematography", "other"},
    {"mechanical designs", "other"}, {"mechanical design", "other"}, {"costume design", "other"},
    {"costume designs", "other"}, {"production design", "other"}, {"direction", "director"},
    {"directing duties", "director"}, {"directing", "director"}};

// Whether `s` is the word `lit`: with the literal's size known, the comparison is inlined (the
// scanner compares tokens with word literals thousands of times per article).
template <std::size_t N>
inline bool eq(std::string_view s, const char (&lit)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

class Scanner {
 public:
  Scanner(const GazetteerIndex& g, const Document& doc) : g_(g), doc_(doc), tokens_(doc.tokens()) {
    norms_.reserve(tokens_.size());
    words_.reserve(tokens_.size());
    text_hashes_.reserve(tokens_.size());
    const std::uint64_t* word_hashes = doc.word_hashes().data();
    for (const Token& t : tokens_) {
      const std::string_view text = doc.text_of(t), norm = doc.normalized(t);
      const std::uint64_t norm_hash = word_hashes[&t - tokens_.data()];
      // Most words are written as they normalize: one hash serves both.
      const bool same = t.norm == Token::kNormIsText ||
                        (text.size() == norm.size() && (text.empty() || text.front() == norm.front()) && text == norm);
      text_hashes_.push_back(same ? norm_hash : word_hash(text));
      norms_.push_back(norm);
      const GazetteerIndex::Word* w = g_.word(norm, norm_hash);
      words_.push_back(w ? *w : GazetteerIndex::Word());
      if (eq(norm, "\"")) quotes_.push_back(static_cast<std::uint32_t>(&t - tokens_.data()));
    }
    sentence_start_.assign(tokens_.size(), false);
    sentence_of_.assign(tokens_.size(), 0);
    token_taken_.assign(tokens_.size(), false);
    for (std::size_t s = 0; s < doc.sentences().size(); ++s) {
      const Sentence& sentence = doc.sentences()[s];
      if (sentence.first_token < tokens_.size()) sentence_start_[sentence.first_token] = true;
      for (std::uint32_t k = sentence.first_token; k < sentence.end_token && k < tokens_.size(); ++k) sentence_of_[k] = static_cast<std::uint32_t>(s);
    }
  }

  EntityResult run(std::optional<std::string_view> headline) {
    find_shows(headline);
    find_organizations();
    find_people();
    link_repeats();
    find_people_by_given_name();
    link_surnames();
    EntityResult r;
    // The mentions in text order, longest first at one place. (Sorted by index: the same
    // comparisons, and so the same order, without moving the mentions' strings around.)
    std::vector<std::uint32_t> order(mentions_.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [this](std::uint32_t x, std::uint32_t y) {
      const EntityMention& a = mentions_[x];
      const EntityMention& b = mentions_[y];
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    r.mentions.reserve(mentions_.size());
    for (const std::uint32_t k : order) {
      EntityMention& m = mentions_[k];
      if (!r.mentions.empty() && m.begin < r.mentions.back().end) continue;  // overlaps an earlier, longer one
      if (m.type == "person") {
        auto it = roles_.find(m.canonical);
        if (it != roles_.end() && !it->second.empty()) m.role = it->second;
        else m.role = "other";
      }
      r.mentions.push_back(std::move(m));
    }
    r.main_show = main_show_;
    r.main_show_spans = main_spans_;
    r.other_show_spans = other_show_spans_;
    return r;
  }

 private:
  std::string_view n(std::size_t i) const { return i < norms_.size() ? norms_[i] : std::string_view(); }
  // Whether token i's word is in the word lists of `set` (WordSet bits); false past the end.
  bool in(std::size_t i, std::uint32_t set) const { return i < words_.size() && (words_[i].sets & set) != 0; }
  bool not_name_start(std::size_t i) const { return i < words_.size() && words_[i].not_name_start; }
  bool name_stop(std::size_t i) const { return i < words_.size() && words_[i].name_stop; }
  // n(i) == lit.
  template <std::size_t N>
  bool is(std::size_t i, const char (&lit)[N]) const {
    return eq(n(i), lit);
  }
  bool cap(std::size_t i) const {
    return i < tokens_.size() && tokens_[i].kind == TokenKind::kWord && tokens_[i].has(kCapitalized);
  }
  bool same_sentence(std::size_t a, std::size_t b) const {
    return a < tokens_.size() && b < tokens_.size() && sentence_of_[a] == sentence_of_[b];
  }
  std::string text(std::size_t b, std::size_t e) const {
    return std::string(doc_.text().substr(tokens_[b].begin, tokens_[e - 1].end - tokens_[b].begin));
  }
  bool taken(std::size_t b, std::size_t e) const {
    for (std::size_t k = b; k < e && k < token_taken_.size(); ++k)
      if (token_taken_[k]) return true;
    return false;
  }
  void add(std::size_t b, std::size_t e, std::string type, std::string canonical) {
    EntityMention m;
    m.begin = tokens_[b].begin;
    m.end = tokens_[e - 1].end;
    m.text = text(b, e);
    m.type = std::move(type);
    m.canonical = std::move(canonical);
    for (std::size_t k = b; k < e; ++k) token_taken_[k] = true;
    mentions_.push_back(std::move(m));
  }

  // The occurrences of each phrase of a list, in text order: matches[p] for phrase p.
  struct PhraseMatches {
    std::vector<std::pair<std::size_t, std::size_t>> spans;  // token spans, phrase after phrase
    std::vector<std::uint32_t> starts;                       // phrase p's are spans[starts[p], starts[p + 1])
    std::span<const std::pair<std::size_t, std::size_t>> operator[](std::size_t p) const {
      return std::span<const std::pair<std::size_t, std::size_t>>(spans).subspan(starts[p], starts[p + 1] - starts[p]);
    }
  };

  // Phrases as their tokens' text and the hashes of those, one phrase after another.
  struct PhraseList {
    std::vector<std::string_view> words;
    std::vector<std::uint64_t> hashes;        // word_hash of each word
    std::vector<std::uint32_t> starts = {0};  // phrase p is words[starts[p], starts[p + 1])
    std::size_t size() const { return starts.size() - 1; }
    void add_word(std::string_view w, std::uint64_t hash) {
      words.push_back(w);
      hashes.push_back(hash);
    }
    void end_phrase() { starts.push_back(static_cast<std::uint32_t>(words.size())); }
    void reserve(std::size_t phrases, std::size_t words_in_all) {
      starts.reserve(phrases + 1);
      words.reserve(words_in_all);
      hashes.reserve(words_in_all);
    }
  };

  // Every token-aligned occurrence of each phrase (compared on the tokens' own text, so case
  // matters), from token `from` on, in one pass over the document: linear in its size whatever
  // the number of phrases.
  PhraseMatches find_phrases(
      const std::vector<std::string_view>& phrases, std::size_t from = 0) const {
    PhraseList list;
    std::vector<std::string_view> words;
    for (const std::string_view phrase : phrases) {
      // Most phrases are names of ASCII letters and single spaces ("Masahito Kobayashi"), whose
      // tokens are the words between the spaces: split without tokenizing.
      words.clear();
      if (!split_letter_words(phrase, words)) {
        words.clear();
        const Document doc = g_.tokenizer.tokenize(phrase);
        for (const Token& t : doc.tokens()) words.push_back(doc.text_of(t));  // views of `phrase`
      }
      for (std::string_view w : words) list.add_word(w, word_hash(w));
      list.end_phrase();
    }
    return find_phrase_words(list, from);
  }

  // Splits `s` at its spaces into `words` when it is words of ASCII letters joined by single
  // spaces (the tokenizer's tokens for such text); false for any other text.
  static bool split_letter_words(std::string_view s, std::vector<std::string_view>& words) {
    std::size_t start = 0;
    for (std::size_t k = 0; k <= s.size(); ++k) {
      if (k == s.size() || s[k] == ' ') {
        if (k == start) return false;  // an empty word: a leading, trailing or double space
        words.push_back(s.substr(start, k - start));
        start = k + 1;
        continue;
      }
      const char c = s[k];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    }
    return !words.empty();
  }

  // find_phrases for phrases given as their tokens' text.
  PhraseMatches find_phrase_words(const PhraseList& list, std::size_t from) const {
    const std::size_t count = list.size();
    // The phrases sorted by the hash of their first word, and a bit per hash value modulo
    // kFilterBits so that most tokens are passed over on one test.
    constexpr std::size_t kFilterBits = 1 << 14;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_first;
    by_first.reserve(count);
    std::uint64_t filter[kFilterBits / 64] = {};
    for (std::size_t p = 0; p < count; ++p) {
      if (list.starts[p] == list.starts[p + 1]) continue;  // no words
      const std::uint64_t h = list.hashes[list.starts[p]];
      by_first.emplace_back(h, static_cast<std::uint32_t>(p));
      filter[h % kFilterBits / 64] |= std::uint64_t{1} << (h % 64);
    }
    std::sort(by_first.begin(), by_first.end());
    // The matches in text order, then grouped by phrase (a stable counting sort).
    std::vector<std::pair<std::uint32_t, std::pair<std::size_t, std::size_t>>> found;  // (phrase, span)
    PhraseMatches out;
    out.starts.assign(count + 1, 0);
    if (by_first.empty()) return out;
    for (std::size_t i = from; i < tokens_.size(); ++i) {
      const std::uint64_t h = text_hashes_[i];
      if (!(filter[h % kFilterBits / 64] >> (h % 64) & 1)) continue;
      auto it = std::lower_bound(by_first.begin(), by_first.end(), std::pair<std::uint64_t, std::uint32_t>(h, 0));
      for (; it != by_first.end() && it->first == h; ++it) {
        const std::size_t p = it->second;
        const std::size_t size = list.starts[p + 1] - list.starts[p];
        if (i + size > tokens_.size()) continue;
        const std::string_view* w = list.words.data() + list.starts[p];
        const std::uint64_t* wh = list.hashes.data() + list.starts[p];
        bool ok = true;
        for (std::size_t k = 0; k < size && ok; ++k)
          ok = text_hashes_[i + k] == wh[k] && tokens_[i + k].size() == w[k].size() &&
               same_bytes(doc_.text().data() + tokens_[i + k].begin, w[k].data(), w[k].size());
        if (ok) found.push_back({static_cast<std::uint32_t>(p), {i, i + size}});
      }
    }
    for (const auto& [p, span] : found) ++out.starts[p + 1];
    for (std::size_t p = 0; p < count; ++p) out.starts[p + 1] += out.starts[p];
    out.spans.resize(found.size());
    std::vector<std::uint32_t> next = out.starts;  // where phrase p's next span goes
    for (const auto& [p, span] : found) out.spans[next[p]++] = span;
    return out;
  }

  // The headline: the caller's, else a first paragraph of one short line not ending in a period.
  std::optional<std::string_view> headline_line(std::optional<std::string_view> headline) const {
    if (headline) return headline;
    if (doc_.paragraphs().empty()) return std::nullopt;
    const Paragraph& p = doc_.paragraphs().front();
    const std::string_view t = doc_.text().substr(p.begin, p.end - p.begin);
    if (t.empty() || t.size() > 300 || t.find('\n') != std::string_view::npos) return std::nullopt;
    if (t.back() == '.' && !(t.size() > 2 && t[t.size() - 2] == '.')) return std::nullopt;
    if (doc_.paragraphs().size() < 2) return std::nullopt;  // a one-line text is not a headline and body
    return t;
  }

  // The show a headline is about, checked against the body: a quoted title; the words before
  // "Season N" (the longest ending that the body repeats: "Our Case for Blue Eye Samurai Season
  // 2" is about Blue Eye Samurai); the headline phrase the body repeats most; the verb patterns
  // of show_from_headline.
  std::optional<std::string> choose_main_show(std::string_view headline) const {
    const Document hd = g_.tokenizer.tokenize(headline);
    const auto ht = hd.tokens();
    const std::size_t count = ht.size();
    // Per headline token: its normalized form, what the word table knows of it, its text's hash.
    std::vector<std::string_view> hnorm(count);
    std::vector<const GazetteerIndex::Word*> hword(count);
    std::vector<std::uint64_t> htext_hash(count);
    for (std::size_t i = 0; i < count; ++i) {
      hnorm[i] = hd.normalized(ht[i]);
      hword[i] = g_.word(hnorm[i]);
      htext_hash[i] = word_hash(hd.text_of(ht[i]));
    }
    auto hn = [&](std::size_t i) { return i < count ? hnorm[i] : std::string_view(); };
    auto hcap = [&](std::size_t i) {
      return i < count && (ht[i].kind == TokenKind::kNumber ||
                           (ht[i].kind == TokenKind::kWord && ht[i].has(kCapitalized)));
    };
    auto htext = [&](std::size_t b, std::size_t e) {
      return std::string(headline.substr(ht[b].begin, ht[e - 1].end - ht[b].begin));
    };
    auto is_quote = [&](std::size_t i) { return eq(hn(i), "'") || eq(hn(i), "\""); };
    // Where the body starts: past the headline when the text begins with it.
    std::size_t body = 0;
    if (doc_.text().substr(0, headline.size()) == headline)
      while (body < tokens_.size() && tokens_[body].begin < headline.size()) ++body;

    // Candidates as spans of headline tokens.
    using Span = std::pair<std::size_t, std::size_t>;
    std::vector<Span> quoted, season_suffixes, phrases;
    for (std::size_t i = 0; i < count; ++i) {
      if (!is_quote(i) || (i > 0 && !ht[i].has(kSpaceBefore)) || !hcap(i + 1) || ht[i + 1].has(kSpaceBefore)) continue;
      std::size_t j = i + 1;
      while (j < count && j - i <= 12 && !(hn(j) == hn(i) && !ht[j].has(kSpaceBefore))) ++j;
      if (j >= count || j - i > 12) continue;
      std::size_t e = j;
      while (e > i + 1 && (eq(hn(e - 1), ".") || eq(hn(e - 1), ",") || eq(hn(e - 1), "!") || eq(hn(e - 1), "?"))) --e;
      if (e > i + 1) quoted.emplace_back(i + 1, e);
      i = j;
    }
    for (std::size_t k = 1; k < count; ++k) {
      if (!((eq(hn(k), "season") || eq(hn(k), "seasons") || eq(hn(k), "series") || eq(hn(k), "part") || eq(hn(k), "volume")) &&
            (ht[k + 1 < count ? k + 1 : k].kind == TokenKind::kNumber || eq(hn(k + 1), "finale") ||
             eq(hn(k + 1), "premiere") || eq(hn(k + 1), "renewal") || eq(hn(k + 1), "release") ||
             eq(hn(k + 1), "cast") || eq(hn(k + 1), "trailer") || eq(hn(k + 1), "?") || eq(hn(k + 1), ":"))))
        continue;
      std::size_t b = k;
      while (b > 0 && !(eq(hn(b - 1), "?") || eq(hn(b - 1), "!") || eq(hn(b - 1), ";") || eq(hn(b - 1), "|") ||
                        is_quote(b - 1) || eq(hn(b - 1), "(") || eq(hn(b - 1), ")") || eq(hn(b - 1), "final") ||
                        eq(hn(b - 1), "new")))
        --b;
      for (std::size_t s = b; s < k; ++s)
        if (hcap(s) && !eq(hn(s), "'s")) season_suffixes.emplace_back(s, k);
      break;
    }
    for (std::size_t b = 0; b < count; ++b) {
      if (!hcap(b) || (hword[b] && hword[b]->not_name_start && !eq(hn(b), "the"))) continue;
      std::uint32_t node = 0;  // the gazetteer's trie along hn(b..e)
      for (std::size_t e = b + 1; e <= count && e - b <= 8; ++e) {
        if (node != 0 || e == b + 1) {
          const GazetteerIndex::Word* w = hword[e - 1];
          node = w && w->id >= 0 ? g_.child(node, *w) : 0;
        }
        const std::string_view last = hn(e - 1);
        if (eq(last, "?") || eq(last, "!") || eq(last, ";") || eq(last, "|") || is_quote(e - 1)) break;
        if (!hcap(e - 1) || (hword[e - 1] && hword[e - 1]->name_stop) || eq(last, "season") || eq(last, "seasons"))
          continue;
        if (e - b == 1 && eq(hn(b), "the")) continue;
        if (node != 0 && g_.nodes[node].entry >= 0) continue;  // an organization
        bool words = false;
        for (std::size_t k = b; k < e; ++k) words = words || (ht[k].kind == TokenKind::kWord && ht[k].has(kCapitalized));
        if (!words) continue;  // "3": numbers are titles only when quoted ("'1899'")
        phrases.emplace_back(b, e);
      }
    }
    std::vector<Span> all = quoted;
    all.insert(all.end(), season_suffixes.begin(), season_suffixes.end());
    all.insert(all.end(), phrases.begin(), phrases.end());
    PhraseList all_words;
    std::size_t words_in_all = 0;
    for (const Span& span : all) words_in_all += span.second - span.first;
    all_words.reserve(all.size(), words_in_all);
    for (const Span& span : all) {
      for (std::size_t k = span.first; k < span.second; ++k) all_words.add_word(hd.text_of(ht[k]), htext_hash[k]);
      all_words.end_phrase();
    }
    const auto found = find_phrase_words(all_words, body);
    auto occurrences_of = [&](std::size_t index, bool mid_sentence_only) {
      std::size_t c = 0;
      for (auto [b, e] : found[index])
        if (!mid_sentence_only || !sentence_start_[b]) ++c;
      return c;
    };
    auto text_of = [&](const Span& span) { return htext(span.first, span.second); };
    for (std::size_t q = 0; q < quoted.size(); ++q)
      if (occurrences_of(q, false) > 0) return text_of(quoted[q]);
    // The longest ending the body repeats (the suffixes are listed longest first).
    for (std::size_t s = 0; s < season_suffixes.size(); ++s)
      if (occurrences_of(quoted.size() + s, false) > 0) return text_of(season_suffixes[s]);
    double best_score = 0;
    std::optional<std::string> best;
    for (std::size_t p = 0; p < phrases.size(); ++p) {
      const std::size_t index = quoted.size() + season_suffixes.size() + p;
      std::size_t words = 0;
      for (std::size_t k = phrases[p].first; k < phrases[p].second; ++k)
        words += ht[k].kind == TokenKind::kWord || ht[k].kind == TokenKind::kNumber;
      const double c = static_cast<double>(occurrences_of(index, words == 1));
      // A longer phrase the body repeats is more likely the title than a word inside it
      // ("Doctor Who" over "the Doctor").
      const double score = c * (1.0 + 1.5 * static_cast<double>(words - 1));
      if (c > 0 && score > best_score) {
        best_score = score;
        best = text_of(phrases[p]);
      }
    }
    if (best) return best;
    // A text that is all headline (a post, a tweet) names no show unless it quotes one.
    if (body >= tokens_.size())
      return quoted.empty() ? std::nullopt : std::optional<std::string>(text_of(quoted.front()));
    if (!quoted.empty()) return text_of(quoted.front());
    if (!season_suffixes.empty()) {
      const std::string run = text_of(season_suffixes.front());
      const std::size_t colon = run.rfind(": ");
      return colon == std::string::npos ? run : run.substr(colon + 2);
    }
    return show_from_headline(headline);
  }

  void find_shows(std::optional<std::string_view> headline) {
    std::optional<std::string> title;
    if (const auto line = headline_line(headline)) title = choose_main_show(*line);
    // Else the first "the anime/series X".
    if (!title) title = first_quoted_title();
    if (title) {
      const auto title_matches = find_phrases({std::string_view(*title)});
      std::vector<std::pair<std::size_t, std::size_t>> occ(title_matches[0].begin(), title_matches[0].end());
      // "Bocchi the Rock!": an exclamation mark the body always writes after the title is part of it.
      bool bang = !occ.empty();
      for (auto [b, e] : occ) bang = bang && is(e, "!") && !tokens_[e].has(kSpaceBefore);
      if (bang) {
        *title += "!";
        for (auto& span : occ) ++span.second;
      }
      if (!occ.empty()) {
        main_show_ = ShowTitle{*title, tokens_[occ[0].first].begin, tokens_[occ[0].second - 1].end};
        for (auto [b, e] : occ) {
          add(b, e, "show", *title);
          main_spans_.emplace_back(tokens_[b].begin, tokens_[e - 1].end);
        }
      } else if (headline) {
        main_show_ = ShowTitle{*title, 0, 0};
      }
    }
    // Other shows: quoted capitalized titles.
    for (const std::size_t i : quotes_) {
      if (!cap(i + 1)) continue;
      std::size_t e = i + 1;
      while (e < tokens_.size() && e - i <= 8 && !is(e, "\"")) ++e;
      if (e >= tokens_.size() || !is(e, "\"") || e - i < 2) continue;
      const std::string t = text(i + 1, e);
      if (taken(i + 1, e) || (main_show_ && t == main_show_->title)) continue;
      // A quotation ends in punctuation or runs long; a title does not.
      const std::string_view last = n(e - 1);
      if (eq(last, ".") || eq(last, ",") || eq(last, "!") || eq(last, "?") || e - i > 7) continue;
      bool all_caps_words = true;
      for (std::size_t k = i + 1; k < e; ++k)
        if (tokens_[k].kind == TokenKind::kWord && !cap(k) && n(k).size() > 3) all_caps_words = false;
      if (!all_caps_words) continue;
      add(i + 1, e, "show", t);
      other_show_spans_.emplace_back(tokens_[i + 1].begin, tokens_[e - 1].end);
    }
  }

  std::optional<std::string> first_quoted_title() const {
    for (std::size_t i = 0; i + 2 < tokens_.size(); ++i) {
      if ((is(i, "anime") || is(i, "series") || is(i, "drama") || is(i, "show")) && i > 0 && is(i - 1, "the") &&
          cap(i + 1) && !sentence_start_[i + 1]) {
        std::size_t e = i + 1;
        while (e < tokens_.size() && (cap(e) || is(e, "of") || is(e, "and") || is(e, "the")) && e - i <= 6) ++e;
        while (e > i + 1 && !cap(e - 1)) --e;
        if (e > i + 1) return text(i + 1, e);
      }
    }
    return std::nullopt;
  }

  void find_organizations() {
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].kind == TokenKind::kPunctuation) continue;
      // Longest gazetteer match.
      std::size_t best = 0;
      const GazetteerIndex::Node* match = nullptr;
      std::uint32_t node = 0;
      for (std::size_t len = 1; i + len <= tokens_.size() && words_[i + len - 1].id >= 0; ++len) {
        node = g_.child(node, words_[i + len - 1]);
        if (node == 0) break;
        if (g_.nodes[node].entry >= 0) {
          best = len;
          match = &g_.nodes[node];
        }
      }
      if (match && !taken(i, i + best) && org_evidence(i, best, *match)) {
        const GazetteerEntry& e = g_.entries[match->entry];
        add(i, i + best, e.kind, e.name);
        i += best - 1;
        continue;
      }
      // Pattern: a capitalized sequence on one line ending in a studio or company word; a
      // company word after "studio" is a studio's name ("his own studio, E&H Production").
      if (cap(i) && !taken(i, i + 1)) {
        std::size_t e = i;
        while (e < tokens_.size() && e - i < 6 && (e == i || !tokens_[e].has(kNewlineBefore)) &&
               (cap(e) || is(e, "&") || tokens_[e].kind == TokenKind::kNumber))
          ++e;
        if (e - i >= 2) {
          const std::string_view last = n(e - 1);
          const bool studio = in(e - 1, kOrgSuffixStudioWord) || (studio_context_before(i) && !eq(last, "inc.") &&
                                                                   !eq(last, "ltd.") && !eq(last, "press"));
          const bool company = in(e - 1, kOrgSuffixCompanyWord);
          // "Animation Production: MAPPA" is a credit's label, not a name.
          const bool label = is(e, ":") && in(i, kOrgSuffixStudioWord | kOrgSuffixCompanyWord);
          if ((in(e - 1, kOrgSuffixStudioWord) || company) && !not_name_start(i) && !taken(i, e) && !label) {
            add(i, e, studio ? "studio" : "production_company", text(i, e));
            i = e - 1;
            continue;
          }
        }
      }
      // An unknown name in a studio's context: "animation studio X", "Animation Production: X",
      // "produced at X", "X is animating", "X animates the series".
      if (cap(i) && (studio_context_before(i) || (is(i - 1, "at") && (is(i - 2, "produced") || is(i - 2, "animated")))) &&
          !taken(i, i + 1) && !words_[i].not_name_start && !words_[i].not_person) {
        const std::size_t e = org_name_end(i);
        if (e > i) {
          add(i, e, "studio", text(i, e));
          i = e - 1;
          continue;
        }
      }
      if (cap(i) && !sentence_start_[i] && !taken(i, i + 1) && !words_[i].not_name_start && !words_[i].given_name &&
          animating_after_caps(i)) {
        const std::size_t e = org_name_end(i);
        if (e > i && (is(e, "animates") || (is(e, "is") && is(e + 1, "animating")) ||
                      (is(e, "will") && is(e + 1, "animate")))) {
          add(i, e, "studio", text(i, e));
          i = e - 1;
          continue;
        }
      }
      // Contexts for unknown names: "animated by X", "streaming on X", "airs on X".
      if (!in(i, kOrgContextVerb)) continue;  // none of the verbs below
      const bool animated = is(i, "animated") && is(i + 1, "by");
      const bool streaming = (is(i, "streaming") || is(i, "streams") || is(i, "available")) && is(i + 1, "on");
      const bool airs = (is(i, "airs") || is(i, "aired") || is(i, "broadcast")) && is(i + 1, "on");
      if ((animated || streaming || airs) && cap(i + 2) && !taken(i + 2, i + 3)) {
        std::size_t e = i + 2;
        while (e < tokens_.size() && e - i < 6 && (cap(e) || is(e, "+"))) ++e;
        add(i + 2, e, animated ? "studio" : streaming ? "streaming" : "network", text(i + 2, e));
        i = e - 1;
      }
    }
    // Manga magazines not in the list: "serialized in X", "runs in Publisher's X", once the
    // publishers are found.
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (const std::size_t b = magazine_start(i)) {
        const std::size_t e = org_name_end(b);
        if (e > b) {
          add(b, e, "other_org", text(b, e));
          i = e - 1;
        }
      }
    }
  }

  // Whether the capitalized words from i are followed by "animates", "is animating" or "will
  // animate" (a cheap test before org_name_end).
  bool animating_after_caps(std::size_t i) const {
    std::size_t j = i;
    while (j < tokens_.size() && j - i < 6 && (cap(j) || tokens_[j].has(kAllCaps) || is(j, "&") || is(j, "+"))) ++j;
    const std::string_view w = n(j);
    return eq(w, "animates") || (eq(w, "is") && is(j + 1, "animating")) || (eq(w, "will") && is(j + 1, "animate"));
  }

  // Words before token i that say a studio's name follows: "animation studio", "anime studio",
  // "Animation Production:", "animation production by", "studio," (an apposition).
  bool studio_context_before(std::size_t i) const {
    if (i < 2) return false;
    const std::string_view p1 = n(i - 1), p2 = n(i - 2), p3 = i >= 3 ? n(i - 3) : std::string_view();
    if ((eq(p1, "studio") || eq(p1, "studios")) && (eq(p2, "animation") || eq(p2, "anime"))) return true;
    if ((eq(p1, ":") || eq(p1, "by")) && eq(p2, "production") && eq(p3, "animation")) return true;
    if (eq(p1, ",") && (eq(p2, "studio") || eq(p2, "studios")) && !sentence_start_[i - 2]) return true;
    return false;
  }

  // The end of an organization's name starting at b: capitalized words (numbers, "&", "+" and a
  // joining "of" inside) on one line, at most five; b itself when there is none.
  std::size_t org_name_end(std::size_t b) const {
    std::size_t e = b;
    while (e < tokens_.size() && e - b < 5 && (e == b || (!tokens_[e].has(kNewlineBefore) && same_sentence(b, e))) &&
           !taken(e, e + 1)) {
      if (cap(e) || tokens_[e].has(kAllCaps) || (e > b && (is(e, "&") || is(e, "+") ||
                                                          tokens_[e].kind == TokenKind::kNumber))) {
        ++e;
      } else if (e > b && is(e, "of") && cap(e + 1)) {
        e += 2;
      } else {
        break;
      }
    }
    // "Shonen Jump+": a plus sign glued to the name.
    if (e < tokens_.size() && is(e, "+") && !tokens_[e].has(kSpaceBefore)) ++e;
    while (e > b && (name_stop(e - 1) || is(e - 1, "of") || is(e - 1, "&"))) --e;
    return e;
  }

  // Where a magazine's name starts when token i begins a serialization context ("serialized in",
  // "runs in", "ran in", "running in", "published in", "launched in", with "on" for web
  // platforms), past a publisher's possessive ("in Shueisha's"); 0 when i does not.
  std::size_t magazine_start(std::size_t i) const {
    const std::string_view v = n(i);
    if (!in(i, kMagazineVerb) || (!is(i + 1, "in") && !is(i + 1, "on"))) return 0;
    // Verbs other than "serialized" speak of a magazine only in a sentence about the manga.
    if (v.substr(0, 6) != "serial" && !manga_sentence(i)) return 0;
    std::size_t b = i + 2;
    if (is(b, "the")) ++b;
    if (!cap(b) || !same_sentence(i, b)) return 0;
    // "Shueisha's Weekly Shonen Jump": skip the publisher (found already when it is known).
    if (is(b + 1, "'s") || is(b + 1, "\xE2\x80\x99s")) b += 2;
    else if (taken(b, b + 1) && (is(b + 1, "'s") || is(b + 1, "\xE2\x80\x99s"))) b += 2;
    if (!cap(b) || taken(b, b + 1) || not_name_start(b) || words_[b].not_person) return 0;
    return b;
  }

  // Does token i's sentence speak of a manga or comic?
  bool manga_sentence(std::size_t i) const {
    const Sentence& s = doc_.sentences()[sentence_of_[i]];
    for (std::size_t k = s.first_token; k < s.end_token && k < tokens_.size(); ++k)
      if (in(k, kMangaWord)) return true;
    return false;
  }

  // Is a gazetteer match at [i, i+len) really the organization?
  bool org_evidence(std::size_t i, std::size_t len, const GazetteerIndex::Node& name) const {
    if (!name.lowercase && !(cap(i) || tokens_[i].has(kAllCaps) || tokens_[i].kind != TokenKind::kWord)) return false;
    if (!name.ambiguous) return true;
    // Acronyms in capitals ("ABC", "AMC") are the networks; in lower case they are words.
    if (len == 1 && tokens_[i].has(kAllCaps) && doc_.text_of(tokens_[i]).size() <= 4) return true;
    // "Nick Mohammed", "Max Greenfield": a capitalized word after the name continues a person's name.
    if (name_word(i + len) && !tokens_[i + len].has(kNewlineBefore) && same_sentence(i, i + len)) return false;
    const std::string_view next = n(i + len);
    // A studio's own verbs and appositions: "Madhouse animated", "another studio, Madhouse".
    if (g_.entries[name.entry].kind == "studio" &&
        (eq(next, "animated") || eq(next, "animates") || (eq(next, "is") && is(i + len + 1, "animating")) ||
         eq(next, "made") || eq(next, "produced") || eq(next, "produces") || eq(next, "handled") || eq(next, "staff") ||
         eq(next, "staffers") || eq(next, "alumni") || studio_context_before(i)))
      return true;
    const bool context = (i > 0 && in(i - 1, kOutletContextWord)) || in(i + len, kOutletContextWord) ||
                         eq(next, "'s") || eq(next, "\xE2\x80\x99s");
    // Off the start of a sentence the capital letter says "name"; with a context it says "outlet".
    return context && (!sentence_start_[i] || eq(next, "'s") || in(i + len, kOutletContextWord));
  }

  // A word that can be part of a name: capitalized, and not all capitals unless an initial ("J.K.").
  bool name_word(std::size_t i) const {
    if (!cap(i) || taken(i, i + 1)) return false;
    if (!tokens_[i].has(kAllCaps)) return true;
    const std::string_view t = doc_.text_of(tokens_[i]);
    return t.find('.') != std::string_view::npos && t.size() <= 5;
  }

  // A capitalized name sequence starting at i on one line: 2 to 5 words, particles ("del") and
  // initials inside, not an organization or show already found, no place or event word.
  std::size_t name_at(std::size_t i) const {
    if (!name_word(i)) return 0;
    // "Will Sharpe", "Mark Mylod": words that start sentences are names in mid-sentence.
    const bool name_too = !sentence_start_[i] && words_[i].given_name;
    if ((words_[i].not_name_start || words_[i].name_stop) && !name_too) return 0;
    std::size_t e = i + 1;
    while (e < tokens_.size() && e - i < 5 && !tokens_[e].has(kNewlineBefore) && same_sentence(i, e)) {
      if (name_word(e) && !words_[e].name_stop) {
        ++e;
      } else if (in(e, kParticle) && !cap(e) && name_word(e + 1) && !tokens_[e + 1].has(kNewlineBefore)) {
        e += 2;
      } else {
        break;
      }
    }
    if (e - i < 2) return 0;
    for (std::size_t k = i; k < e; ++k)
      if (words_[k].not_person) return 0;
    return e;
  }

  // The role cue that ends just before token i ("directed by", "showrunner"), longest first.
  std::pair<std::string_view, std::size_t> cue_at(std::size_t i) const {
    std::string_view role;
    std::size_t after = 0;
    if (i >= words_.size() || !words_[i].cue) return {role, after};
    // The cues that start with this word, in kRoleCues order.
    for (const auto& [words, cue_role] : g_.cue_lists[words_[i].cue_list]) {
      if (i + words.size() > tokens_.size()) continue;
      bool ok = true;
      for (std::size_t k = 1; k < words.size() && ok; ++k) ok = n(i + k) == words[k] && !sentence_start_[i + k];
      if (ok && (after == 0 || words.size() > after - i)) {
        role = cue_role;
        after = i + words.size();
      }
    }
    return {role, after};
  }

  // A word for a work within a few words after k, and the role it gives its maker: "acid-tongued
  // anthology", "sci-fi drama" (creator); "four-panel manga", "light novels" (author); "series"
  // in a sentence about a manga ("X's series has been running in Weekly Shonen Sunday") is the
  // manga. Empty when there is none.
  std::string_view work_noun_after(std::size_t k) const {
    for (std::size_t j = k; j < tokens_.size() && j < k + 4 && !cap(j) && same_sentence(k, j); ++j) {
      if (in(j, kSourceWord)) return "author";
      if (in(j, kWorkWord)) return is(j, "series") && manga_sentence(j) ? "author" : "creator";
    }
    return {};
  }

  // A quoted title at k followed by a word for a work: '"Jujutsu Kaisen" manga' gives its maker
  // the role work_noun_after gives. Empty when none.
  std::string_view quoted_work_role(std::size_t k) const {
    if (!is(k, "\"")) return {};
    std::size_t j = k + 1;
    while (j < tokens_.size() && j - k <= 12 && !is(j, "\"") && same_sentence(k, j)) ++j;
    if (j >= tokens_.size() || !is(j, "\"") || j == k + 1) return {};
    return work_noun_after(j + 1);
  }

  // The credit a staff noun at k names ("series composition", "the score", "soft character
  // designs"): determiners and up to two lower-case words are passed over. Empty when none.
  std::string_view staff_noun_at(std::size_t k) const {
    static const std::vector<std::pair<std::vector<std::string>, std::string_view>> nouns = [] {
      std::vector<std::pair<std::vector<std::string>, std::string_view>> out;
      for (const StaffNoun& noun : kStaffNouns) out.emplace_back(split_words(noun.words), noun.role);
      return out;
    }();
    const std::size_t first = k;
    while (k < tokens_.size() && in(k, kDeterminer) && same_sentence(first, k)) ++k;
    for (std::size_t skip = 0; skip <= 2; ++skip, ++k) {
      if (k >= tokens_.size() || !same_sentence(first, k) || tokens_[k].kind != TokenKind::kWord || cap(k)) break;
      std::size_t best = 0;
      std::string_view role;
      for (const auto& [words, noun_role] : nouns) {
        if (words.size() <= best || k + words.size() > tokens_.size()) continue;
        bool ok = true;
        for (std::size_t w = 0; w < words.size() && ok; ++w) ok = n(k + w) == words[w];
        if (ok) {
          best = words.size();
          role = noun_role;
        }
      }
      if (!role.empty()) return role;
      if (is(k, "and") || is(k, "or")) break;
    }
    return {};
  }

  // A credit given after a name ending before token e: "X on series composition", "X, who handled
  // the character designs", "X handling music", "X returns as director", "X directing", "X
  // composes the score", "X wrote the songs". Empty when none.
  std::string_view role_after_name(std::size_t e) const {
    std::size_t k = e;
    if (is(k, ",") && is(k + 1, "who")) k += 2;
    for (int guard = 0; guard < 3 && in(k, kAuxiliary); ++guard) ++k;
    if (k >= tokens_.size() || !same_sentence(e, k)) return {};
    const std::string_view v = n(k);
    if (in(k, kCreditVerb)) {
      const std::string_view role = staff_noun_at(k + 1);
      if (!role.empty()) return role;
      if (eq(v, "writing")) return "writer";
      return {};
    }
    if (eq(v, "in") && is(k + 1, "charge") && is(k + 2, "of")) return staff_noun_at(k + 3);
    if (eq(v, "as")) {
      if (described_character(k + 1) != k + 1) return {};  // "as writer Diane Nguyen": a character
      const std::string_view role = staff_noun_at(k + 1);
      return role.empty() ? role_noun_at(k + 1) : role;
    }
    if (eq(v, "directing") || eq(v, "directs")) return "director";
    if (eq(v, "composing") || eq(v, "composes") || eq(v, "scoring") || eq(v, "scores") || eq(v, "scored")) return "composer";
    if (eq(v, "designing") || eq(v, "designs") || eq(v, "designed")) return "other";
    if (eq(v, "illustrating") || eq(v, "illustrates")) return "author";
    return {};
  }

  // "X is the creator", "X was a producer": a role noun after a copula (not an actor's: "X is
  // the star" says too little). Empty when none.
  std::string_view copula_role(std::size_t e) const {
    if (!is(e, "is") && !is(e, "was")) return {};
    std::size_t k = e + 1;
    if (is(k, "also") || is(k, "still")) ++k;
    if (!is(k, "the") && !is(k, "a") && !is(k, "an") && !is(k, "its") && !is(k, "their")) return {};
    const std::string_view role = role_noun_at(k);
    return role == "cast" ? std::string_view() : role;
  }

  // "X created ...", "X, who directed ...": a credit verb after a name. Empty when none.
  std::string_view verb_role(std::size_t e) const {
    const std::string_view v = is(e, ",") && is(e + 1, "who") ? n(e + 2) : n(e);
    if (eq(v, "created") || eq(v, "creates") || eq(v, "developed") || eq(v, "co-created")) return "creator";
    if (eq(v, "directed") || eq(v, "directs")) return "director";
    if (eq(v, "wrote") || eq(v, "writes")) return "writer";
    if (eq(v, "composed") || eq(v, "composes") || eq(v, "scored") || eq(v, "scores")) return "composer";
    if (eq(v, "produced") || eq(v, "produces")) return "producer";
    if (eq(v, "illustrated") || eq(v, "illustrates")) return "author";
    return {};
  }

  // A byline: "by" on a short line that starts "Posted", "Published", "Written" or "By".
  bool byline_by(std::size_t by) const {
    std::size_t b = by;
    while (b > 0 && by - b < 16 && !tokens_[b].has(kNewlineBefore)) --b;
    if (b > 0 && !tokens_[b].has(kNewlineBefore)) return false;
    const std::string_view w = n(b);
    return b == by || eq(w, "posted") || eq(w, "published") || eq(w, "written") || eq(w, "updated");
  }

  // Adds the person [b, e) with `role`, and the names listed just before it in the same sentence
  // ("Yoshiki Usa and Masahiko Otsuka wrote the scripts", "A, B and C's drama").
  void add_person_list(std::size_t b, std::size_t e, const std::string& role) {
    add_person(b, e, role);
    while (b >= 2 && (is(b - 1, "and") || is(b - 1, ",") || is(b - 1, "&"))) {
      std::size_t end = b - 1;
      if (is(end, "and") && is(end - 1, ",")) --end;
      std::size_t start = end;
      while (start > 0 && end - start < 5 && cap(start - 1) && same_sentence(start - 1, b)) --start;
      std::size_t found = 0;
      for (std::size_t s = start; s + 1 < end && !found; ++s)
        if (name_at(s) == end) found = s;
      if (!found) break;
      add_person(found, end, role);
      b = found;
    }
  }

  // The role a noun phrase at k gives ("executive producer", "the score"), or empty.
  std::string_view role_noun_at(std::size_t k) const {
    while (is(k, "a") || is(k, "an") || is(k, "the") || is(k, "its") || is(k, "their") || is(k, "co-"))
      ++k;
    return k < words_.size() ? kRoleNames[words_[k].role_noun] : std::string_view();
  }

  // The start of a character's name described after "as" or "plays": "as principal Ava Coleman",
  // "as the needy heiress Tanya McQuoid", "as Susie's jailbird dad, Bobby Glass". Returns the
  // token where the name starts, or `k` when no name follows a short description.
  std::size_t described_character(std::size_t k) const {
    std::size_t j = k;
    while (j < tokens_.size() && j - k < 7 && same_sentence(k, j) && !cap(j) &&
           (tokens_[j].kind == TokenKind::kWord || is(j, ",") || is(j, "-")) && !is(j, "and") && !is(j, "who") &&
           !is(j, "with") && !is(j, "in") && !is(j, "on"))
      ++j;
    if (j > k && cap(j) && !taken(j, j + 1) && (!is(j - 1, ",") || j - k > 1)) return j;
    // "Susie's jailbird dad, Bobby Glass": a possessive before the description.
    if (j == k && cap(k) && (is(k + 1, "'s") || is(k + 1, "\xE2\x80\x99s"))) {
      const std::size_t after = described_character(k + 2);
      if (after != k + 2 && is(after - 1, ",")) return after;
    }
    return k;
  }

  // A character's name at k: one to three capitalized words not already taken.
  std::size_t character_end(std::size_t k) const {
    if (!cap(k) || taken(k, k + 1) || words_[k].not_name_start || words_[k].name_stop) return 0;
    std::size_t e = k;
    while (e < tokens_.size() && e - k < 3 && cap(e) && !taken(e, e + 1) && !words_[e].name_stop &&
           !tokens_[e].has(kNewlineBefore) && same_sentence(k, e))
      ++e;
    return e > k ? e : 0;
  }

  void find_people() {
    find_song_artists();
    const std::size_t count = tokens_.size();
    for (std::size_t i = 0; i < count; ++i) {
      // Role cue before names: "directed by A", "showrunner A", "starring A, B and C".
      auto [role, after] = cue_at(i);
      // "serves as executive producer alongside A and B": the role of the words before.
      if (is(i, "alongside") && !role.empty()) {
        const std::string_view before = role_before(i);
        if (!before.empty()) role = before;
      }
      if (!role.empty()) {
        std::size_t k = after;
        if (is(k, ":") || is(k, ",")) ++k;
        // "performed by the rock band X": a short description before an artist's name.
        if (role == "composer") {
          std::size_t d = k;
          while (d < count && d - k < 4 && tokens_[d].kind == TokenKind::kWord && !cap(d) && same_sentence(k, d) &&
                 !is(d, "and"))
            ++d;
          if (d > k && cap(d) && (is(d - 1, "band") || is(d - 1, "group") || is(d - 1, "unit") ||
                                  is(d - 1, "singer") || is(d - 1, "artist") || is(d - 1, "duo") ||
                                  is(d - 1, "musician") || is(d - 1, "composer") || is(d - 1, "collective")))
            k = d;
          // Artists go by names of every shape ("YOASOBI", "King Gnu", "Ado").
          if (!name_at(k) && (is(i, "performed") || is(i, "sung") || is(i, "song") || is(i, "songs") ||
                              is(i, "opening") || is(i, "ending") || is(i, "theme") || is(i, "music"))) {
            if (const std::size_t ae = artist_end(k)) add_person(k, ae, "composer");
          }
        }
        for (int guard = 0; guard < 8; ++guard) {
          const std::size_t e = name_at(k);
          if (!e) {
            // A surname alone ("written by Armstrong", "created by Bill Lawrence, Segel and ..."):
            // its person is known once every full name is found (link_surnames).
            if (cap(k) && !taken(k, k + 1) && !tokens_[k].has(kAllCaps) && !not_name_start(k) &&
                !name_stop(k) && !cap(k + 1)) {
              surname_roles_.emplace_back(std::string(doc_.text_of(tokens_[k])), std::string(role));
              k = k + 1;
              if (is(k, ",") && is(k + 1, "and")) k += 2;
              else if (is(k, ",") || is(k, "and") || is(k, "&")) ++k;
              else break;
              continue;
            }
            break;
          }
          // A later name in the list with a credit of its own ("director A, B on music") has that one.
          const std::string_view own = guard > 0 ? role_after_name(e) : std::string_view();
          add_person(k, e, std::string(own.empty() ? role : own));
          if (!own.empty()) break;
          k = e;
          if (is(k, "(")) {  // "A (Kaoru)"
            if (const std::size_t c = character_end(k + 1); c && is(c, ")")) add_character(k + 1, c);
            while (k < count && !is(k, ")") && same_sentence(e, k)) ++k;
            ++k;
          } else if (is(k, "as") && role == "cast") {  // "starring A as Kaoru"
            if (const std::size_t c = character_end(k + 1)) {
              add_character(k + 1, c);
              k = c;
            }
          }
          if (is(k, ",") && is(k + 1, "and")) k += 2;
          else if (is(k, ",") || is(k, "and") || is(k, "&")) ++k;
          else break;
        }
        continue;
      }
      // Below, a name or a surname: a capitalized word (most tokens are passed over here).
      if (!cap(i)) continue;
      const std::size_t e = name_at(i);
      if (!e) {
        // "Lyonne plays Charlie Cale": a surname alone that plays someone.
        const std::string_view v = n(i + 1);
        if (cap(i) && (eq(v, "plays") || eq(v, "voices") || eq(v, "portrays") || eq(v, "played") || eq(v, "voiced")) && cap(i + 2))
          if (const std::size_t ce = character_end(i + 2)) add_character(i + 2, ce);
        // "Kurata has handled scripts", "Covell, who created the show", "Medrano is the creator":
        // a surname alone with a credit, for the person once every full name is known.
        if (cap(i) && !taken(i, i + 1) && !tokens_[i].has(kAllCaps) && !words_[i].not_name_start &&
            !words_[i].name_stop && !cap(i + 1) && (i == 0 || !cap(i - 1) || tokens_[i].has(kNewlineBefore))) {
          std::string_view role = role_after_name(i + 1);
          if (role.empty()) role = copula_role(i + 1);
          if (role.empty()) role = verb_role(i + 1);
          if (!role.empty()) surname_roles_.emplace_back(std::string(doc_.text_of(tokens_[i])), std::string(role));
        }
        continue;
      }
      if (i > 0 && is(i - 1, "by") && byline_by(i - 1)) {
        add_person(i, e, "other");  // a byline: "Posted on May 12, 2018 by Hana Mori"
        i = e - 1;
        continue;
      }
      if (i > 0 && is(i - 1, "by") && !sentence_start_[i - 1]) continue;  // after a cue we do not know
      if (const std::string_view credit = role_after_name(e); !credit.empty()) {
        add_person_list(i, e, std::string(credit));
        i = e - 1;
        continue;
      }
      if (const std::string_view credit = copula_role(e); !credit.empty()) {
        add_person(i, e, std::string(credit));  // "Dan Erickson is the creator"
        i = e - 1;
        continue;
      }
      std::size_t k = e;
      const std::string_view verb = is(k, ",") && is(k + 1, "who") ? n(k + 2) : n(k);
      const std::size_t object = is(k, ",") && is(k + 1, "who") ? k + 3 : k + 1;
      if (eq(verb, "voices") || eq(verb, "plays") || eq(verb, "portrays") || eq(verb, "voiced") || eq(verb, "played") ||
          eq(verb, "portrayed") || eq(verb, "stars") || eq(verb, "starred") || eq(verb, "reprises") || eq(verb, "joins") ||
          eq(verb, "returns") || eq(verb, "appears")) {
        // "A, who voices Z", "A plays Z", "A appears as Z", "Jeremy Strong plays that final stretch"
        add_person(i, e, "cast");
        std::size_t c = is(object, "as") ? object + 1 : object;
        if (eq(verb, "joins") || eq(verb, "returns") || eq(verb, "appears") || eq(verb, "stars") || eq(verb, "starred"))
          c = is(object, "as") ? object + 1 : count;  // the object is not a character
        if (c < count && (is(c, "her") || is(c, "his") || is(c, "their"))) ++c;
        if (c < count && is(c, "role") && is(c + 1, "as")) c += 2;
        if (c < count && !cap(c)) c = described_character(c);
        if (const std::size_t ce = c < count ? character_end(c) : 0) add_character(c, ce);
        i = e - 1;
      } else if (is(k, "as") && described_character(k + 1) != k + 1) {
        // "Janelle James as principal Ava Coleman", "Alison Brie as writer Diane Nguyen"
        add_person(i, e, "cast");
        const std::size_t c = described_character(k + 1);
        if (const std::size_t ce = character_end(c)) add_character(c, ce);
        i = e - 1;
      } else if (is(k, "as") && (cap(k + 1) || !role_noun_at(k + 1).empty())) {
        // "A as Z" (a cast list line), "Adam McKay as executive producer"
        const std::string_view noun_role = role_noun_at(k + 1);
        add_person(i, e, noun_role.empty() ? "cast" : std::string(noun_role));
        if (noun_role.empty())
          if (const std::size_t ce = character_end(k + 1)) add_character(k + 1, ce);
        i = e - 1;
      } else if ((is(k, "'s") || is(k, "\xE2\x80\x99s")) && !staff_noun_at(k + 1).empty()) {
        // "Tomohiro Suzuki's series composition", "Evan Call's gorgeous score"
        add_person_list(i, e, std::string(staff_noun_at(k + 1)));
        i = e - 1;
      } else if ((is(k, "'s") || is(k, "\xE2\x80\x99s")) && !quoted_work_role(k + 1).empty()) {
        // "Gege Akutami's "Jujutsu Kaisen" manga", "Aka Akasaka and Mengo Yokoyari's "Oshi no Ko" manga"
        add_person_list(i, e, std::string(quoted_work_role(k + 1)));
        i = e - 1;
      } else if ((is(k, "'s") || is(k, "\xE2\x80\x99s")) && !work_noun_after(k + 1).empty()) {
        // "Mike White's acid-tongued anthology", "Jonathan Nolan and Lisa Joy's sci-fi drama",
        // "Aki Hamaji's four-panel manga"
        add_person_list(i, e, std::string(work_noun_after(k + 1)));
        i = e - 1;
      } else if ((is(k, "'s") || is(k, "\xE2\x80\x99s")) && !role_noun_at(k + 1).empty()) {
        // "Nicholas Britell's score"
        add_person(i, e, std::string(role_noun_at(k + 1)));
        i = e - 1;
      } else if ((is(k, "'s") || is(k, "\xE2\x80\x99s")) && character_end(k + 1) && words_[i].given_name) {
        // "Kieran Culkin's Roman", "Brian Cox's Logan Roy": an actor's character.
        add_person(i, e, "cast");
        add_character(k + 1, character_end(k + 1));
        i = e - 1;
      } else if (is(k, "(") && name_at(k + 1) && is(name_at(k + 1), ")")) {
        // "Rosa Diaz (Stephanie Beatriz)": the character, then the actor.
        const std::size_t pe = name_at(k + 1);
        if (!people_.count(text(i, e)) && !actor_first_sentences_.count(sentence_of_[i])) {
          add_character(i, e);
          add_person(k + 1, pe, "cast");
        } else {
          add_person(i, e, "cast");
          add_character(k + 1, pe);
        }
        i = pe;
      } else if (is(k, "(") && character_end(k + 1) && is(character_end(k + 1), ")") &&
                 character_end(k + 1) == k + 2) {
        // "Jeremy Strong (Kendall)": a one-word name in brackets is the character, unless it is
        // the surname of a person named elsewhere ("Jimmy Laird (Segel)"): decided once every
        // full name is known (link_surnames).
        bracket_pairs_.push_back({i, e, k + 1});
        actor_first_sentences_.insert(sentence_of_[i]);
        i = k + 2;
      } else if (is(k, "created") || is(k, "creates") || is(k, "wrote") || is(k, "writes") ||
                 is(k, "directed") || is(k, "directs") || is(k, "composed") || is(k, "produced") ||
                 is(k, "produces") || is(k, "illustrated") || is(k, "developed") ||
                 (is(k, ",") && is(k + 1, "who") &&
                  (is(k + 2, "created") || is(k + 2, "wrote") || is(k + 2, "directed") || is(k + 2, "produced") ||
                   is(k + 2, "composed") || is(k + 2, "developed")))) {
        // "Dan Erickson created the series", "Jane Doe wrote the pilot", "A, who directed ..."
        const std::string_view v = is(k, ",") ? n(k + 2) : n(k);
        std::string verb_role = eq(v, "wrote") || eq(v, "writes") ? "writer"
                              : eq(v, "directed") || eq(v, "directs") ? "director"
                              : eq(v, "composed") ? "composer"
                              : eq(v, "produced") || eq(v, "produces") ? "producer"
                              : eq(v, "illustrated") ? "author" : "creator";
        for (std::size_t back = i; back > 0 && i - back < 4; --back) {
          const std::string_view w = n(back - 1);
          if (eq(w, "character") || eq(w, "manga") || eq(w, "novel") || eq(w, "comic") || eq(w, "book") || eq(w, "mascot"))
            verb_role = "author";
        }
        add_person(i, e, verb_role);
        i = e - 1;
      } else if (i > 0 && is(i - 1, "by") && sentence_start_[i - 1]) {
        add_person(i, e, "other");  // a byline: "By Hana Mori | June 15, 2020"
        i = e - 1;
      } else if (in(k, kSpeechVerb) || (is(k, ",") && in(k + 1, kSpeechVerb)) || (i > 0 && in(i - 1, kSpeechVerb))) {
        add_person(i, e, "other");
        i = e - 1;
      }
    }
  }

  void add_person(std::size_t b, std::size_t e, const std::string& role) {
    if (taken(b, e)) return;
    const std::string name = text(b, e);
    if (characters_.count(name)) return;
    add(b, e, "person", name);
    auto& r = roles_[name];
    if (r.empty() || (r == "other" && role != "other")) r = role;
    people_.insert(name);
  }

  // Changes the type of the mention starting at token b (a name first taken for a person).
  void retype(std::size_t b, const std::string& type, const std::string& canonical) {
    for (EntityMention& m : mentions_)
      if (m.begin == tokens_[b].begin) {
        m.type = type;
        m.canonical = canonical;
      }
  }

  void add_character(std::size_t k, std::size_t e) {
    if (e <= k || taken(k, e)) return;
    const std::string name = text(k, e);
    if (people_.count(name)) return;
    add(k, e, "character", name);
    characters_.insert(name);
  }

  // Later mentions of the people, characters and other shows found so far, in one pass.
  void link_repeats() {
    // The names as views of people_ and characters_ (not changed here) and of a copy of the shows'
    // names (mentions_ grows below). A show mentioned again is listed once: a second search for it
    // would find every occurrence taken by the first.
    // (Few distinct shows, so a linear search.)
    std::vector<std::string> shows;
    for (const auto& m : mentions_)
      if (m.type == "show" && (!main_show_ || m.canonical != main_show_->title) &&
          std::find(shows.begin(), shows.end(), m.canonical) == shows.end())
        shows.push_back(m.canonical);
    std::vector<std::string_view> names;
    std::vector<std::string_view> types;
    names.reserve(people_.size() + characters_.size() + shows.size());
    types.reserve(names.capacity());
    for (const std::string& p : people_) names.push_back(p), types.push_back("person");
    for (const std::string& c : characters_) names.push_back(c), types.push_back("character");
    for (const std::string& show : shows) names.push_back(show), types.push_back("show");
    const auto found = find_phrases(names);
    for (std::size_t p = 0; p < names.size(); ++p)
      for (auto [b, e] : found[p])
        if (!taken(b, e)) {
          add(b, e, std::string(types[p]), std::string(names[p]));
          if (types[p] == "show") other_show_spans_.emplace_back(tokens_[b].begin, tokens_[e - 1].end);
        }
  }

  // People named without a cue: a name sequence whose first word is a known given name. The
  // role comes from the nearest role word in the sentence ("the ensemble is led by ...").
  void find_people_by_given_name() {
    // The people linked already by link_repeats, in order (views of people_, which only grows here).
    const std::vector<std::string_view> known(people_.begin(), people_.end());
    const int headline = find_headline_sentence(doc_);
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (headline >= 0 && sentence_of_[i] == static_cast<std::size_t>(headline)) continue;
      if (!words_[i].given_name) continue;
      const std::size_t e = name_at(i);
      if (!e) continue;
      // "Kieran Culkin's Roman" and the like were handled; here a name alone.
      // With no role word around, "cast": most people an article names without saying why are
      // its actors (the people behind the camera come with a cue: "created by", "showrunner").
      std::string role(role_after_name(e));
      if (role.empty() && (is(e, "'s") || is(e, "\xE2\x80\x99s"))) role = staff_noun_at(e + 1);
      if (role.empty()) role = sentence_role(i, e);
      const std::string name = text(i, e);
      if (!taken(i, e) && !people_.count(name)) weak_roles_.insert(name);
      add_person(i, e, role.empty() ? "cast" : role);
      i = e - 1;
    }
    // And the later mentions of the people found here.
    std::vector<std::string_view> names;
    for (const std::string& p : people_)
      if (!std::binary_search(known.begin(), known.end(), std::string_view(p))) names.push_back(p);
    const auto found = find_phrases(names);
    for (std::size_t p = 0; p < names.size(); ++p)
      for (auto [b, e] : found[p])
        if (!taken(b, e)) add(b, e, "person", std::string(names[p]));
  }

  // The role word nearest before token i in its sentence ("developed the series, alongside").
  std::string_view role_before(std::size_t i) const {
    const Sentence& s = doc_.sentences()[sentence_of_[i]];
    for (std::size_t k = i; k > s.first_token; --k) {
      if (words_[k - 1].sentence_role) return kRoleNames[words_[k - 1].sentence_role];
    }
    return {};
  }

  // The end of an artist's name at b, whatever its shape: capitalized or all-capital words,
  // numbers and "&" on one line, at most five tokens; 0 when none.
  std::size_t artist_end(std::size_t b) const {
    if (b >= tokens_.size() || !cap(b) || taken(b, b + 1) || (is(b, "the") && !cap(b + 1))) return 0;
    std::size_t e = b;
    while (e < tokens_.size() && e - b < 5 && (e == b || (!tokens_[e].has(kNewlineBefore) && same_sentence(b, e))) &&
           !taken(e, e + 1) &&
           (cap(e) || tokens_[e].has(kAllCaps) || (e > b && (is(e, "&") || tokens_[e].kind == TokenKind::kNumber))))
      ++e;
    while (e > b && name_stop(e - 1) && e - 1 > b) --e;
    return e > b ? e : 0;
  }

  // Theme song artists: '"Idol" by YOASOBI', 'Ado's "Kura Kura"', 'Kenshi Yonezu's opening "Kick
  // Back"', in a sentence about songs. Their names take any shape, so only this context finds them.
  void find_song_artists() {
    auto song_sentence = [&](std::size_t i) {
      const Sentence& s = doc_.sentences()[sentence_of_[i]];
      for (std::size_t k = s.first_token; k < s.end_token && k < tokens_.size(); ++k)
        if (in(k, kSongWord)) return true;
      return false;
    };
    auto possessive = [&](std::size_t k) { return is(k, "'s") || is(k, "\xE2\x80\x99s"); };
    std::size_t next = 1;  // the first token not passed over
    for (std::size_t i : quotes_) {
      if (i < next) continue;
      if (i + 2 >= tokens_.size()) break;
      if (!cap(i + 1) || tokens_[i + 1].has(kSpaceBefore)) continue;
      std::size_t j = i + 1;
      while (j < tokens_.size() && j - i <= 10 && !is(j, "\"") && same_sentence(i, j)) ++j;
      if (j >= tokens_.size() || !is(j, "\"") || !song_sentence(i)) continue;
      // '"Idol" by YOASOBI', '"Mugen," by ...'
      if (is(j + 1, "by"))
        if (const std::size_t ae = artist_end(j + 2)) add_person(j + 2, ae, "composer");
      // 'Ado's "Kura Kura"', 'Kenshi Yonezu's opening "Kick Back"'
      std::size_t end = i;
      if (end >= 2 && (is(end - 1, "opening") || is(end - 1, "ending") || is(end - 1, "theme") ||
                       is(end - 1, "song") || is(end - 1, "single")))
        --end;
      // 'the Official Hige Dandism opening "Cry Baby"'
      if (end < i && end >= 2 && cap(end - 1) && !possessive(end - 1)) {
        std::size_t b = end;
        while (b > 0 && end - b < 5 && same_sentence(b - 1, end - 1) && !taken(b - 1, b) &&
               (cap(b - 1) || tokens_[b - 1].has(kAllCaps)))
          --b;
        if (b < end && b > 0 && is(b - 1, "the") && !words_[b].not_name_start) add_person(b, end, "composer");
      }
      if (end >= 2 && possessive(end - 1)) {
        std::size_t b = end - 1;
        while (b > 0 && end - 1 - b < 5 && same_sentence(b - 1, end - 1) && !taken(b - 1, b) &&
               (cap(b - 1) || tokens_[b - 1].has(kAllCaps) || is(b - 1, "&") ||
                tokens_[b - 1].kind == TokenKind::kNumber))
          --b;
        while (b < end - 1 && (words_[b].not_name_start || words_[b].name_stop)) ++b;
        if (b < end - 1 && cap(b)) add_person(b, end - 1, "composer");
      }
      next = j + 1;
    }
  }

  std::string sentence_role(std::size_t b, std::size_t e) const {
    if (tokens_.empty()) return "";
    const Sentence& s = doc_.sentences()[sentence_of_[b]];
    std::string_view best;
    std::size_t best_distance = 0;
    for (std::size_t k = s.first_token; k < s.end_token; ++k) {
      if (k >= b && k < e) continue;
      if (k >= words_.size() || !words_[k].sentence_role) continue;
      const std::string_view role = kRoleNames[words_[k].sentence_role];
      const std::size_t distance = k < b ? b - k : k - e;
      if (best.empty() || distance < best_distance) {
        best = role;
        best_distance = distance;
      }
    }
    return std::string(best);
  }

  // A surname alone for a person ("Kobayashi" after "Masahito Kobayashi"), a first name alone
  // for a character ("Kendall" after "Kendall Roy").
  void link_surnames() {
    std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> surname_to_person, first_to_character;
    for (const std::string& p : people_) {
      const WordEnds words = word_ends(p);
      if (words.count >= 2) surname_to_person.emplace(std::string(words.last), p);
    }
    for (const BracketPair& pair : bracket_pairs_) {
      const std::string inner(doc_.text_of(tokens_[pair.inner]));
      const std::string outer = text(pair.outer_begin, pair.outer_end);
      if (surname_to_person.count(inner) && surname_to_person[inner] != outer) {
        retype(pair.outer_begin, "character", outer);
        if (people_.erase(outer)) {
          const std::string last(word_ends(outer).last);
          if (surname_to_person[last] == outer) surname_to_person.erase(last);
        }
        if (!taken(pair.outer_begin, pair.outer_end)) add_character(pair.outer_begin, pair.outer_end);
        characters_.insert(outer);
      } else {
        if (!taken(pair.outer_begin, pair.outer_end)) add_person(pair.outer_begin, pair.outer_end, "cast");
        if (!taken(pair.inner, pair.inner + 1)) add_character(pair.inner, pair.inner + 1);
      }
    }
    for (const auto& [word, role] : surname_roles_) {
      auto it = surname_to_person.find(word);
      if (it == surname_to_person.end()) continue;
      std::string& r = roles_[it->second];
      // A cue on the surname ("Covell, who created the show") says more than a role guessed from
      // the words around the full name.
      if (r.empty() || r == "other" || weak_roles_.count(it->second)) r = role;
    }
    for (const std::string& c : characters_) {
      const WordEnds words = word_ends(c);
      if (words.count >= 2 && !surname_to_person.count(words.first))
        first_to_character.emplace(std::string(words.first), c);
    }
    // A bit per key's hash (as text_hashes_ has it), so that most words are passed over on one test.
    std::uint64_t filter = 0;
    for (const auto* map : {&surname_to_person, &first_to_character})
      for (const auto& [key, value] : *map) filter |= std::uint64_t{1} << (word_hash(key) % 64);
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (!(filter >> (text_hashes_[i] % 64) & 1)) continue;
      if (!cap(i) || taken(i, i + 1) || (i + 1 < tokens_.size() && cap(i + 1) && !tokens_[i + 1].has(kNewlineBefore)))
        continue;
      const std::string_view word = doc_.text_of(tokens_[i]);
      if (auto it = surname_to_person.find(word); it != surname_to_person.end()) {
        add(i, i + 1, "person", it->second);
        // "Lyonne plays Charlie Cale"
        const std::string_view verb = n(i + 1);
        if (eq(verb, "plays") || eq(verb, "voices") || eq(verb, "played") || eq(verb, "voiced") || eq(verb, "portrays") ||
            eq(verb, "portrayed")) {
          const std::size_t c = cap(i + 2) ? i + 2 : described_character(i + 2);
          if (const std::size_t ce = character_end(c)) add_character(c, ce);
        }
      } else if (auto c = first_to_character.find(word); c != first_to_character.end()) {
        add(i, i + 1, "character", c->second);
      }
    }
  }

  const GazetteerIndex& g_;
  const Document& doc_;
  std::span<const Token> tokens_;
  std::vector<std::string_view> norms_;
  std::vector<GazetteerIndex::Word> words_;  // per token, what the gazetteer knows of its word
  std::vector<std::uint32_t> quotes_;                // the tokens that are a straight double quote
  std::vector<std::uint64_t> text_hashes_;   // per token, the hash of its text (find_phrases)
  std::vector<std::uint8_t> sentence_start_;  // bytes, not bits: tested for most tokens
  std::vector<std::uint32_t> sentence_of_;
  std::vector<EntityMention> mentions_;
  std::vector<std::uint8_t> token_taken_;  // tokens inside an entity already found
  std::map<std::string, std::string> roles_;
  std::set<std::string> people_, characters_;
  std::set<std::string> weak_roles_;  // people whose role was guessed from the words around them
  std::vector<std::pair<std::string, std::string>> surname_roles_;  // (surname, role) from cues
  struct BracketPair {
    std::size_t outer_begin, outer_end, inner;
  };
  std::vector<BracketPair> bracket_pairs_;          // "Name (Word)", decided in link_surnames
  std::unordered_set<std::size_t> actor_first_sentences_;  // sentences listing "Actor (Character)"
  std::optional<ShowTitle> main_show_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> main_spans_, other_show_spans_;
};

}  // namespace

EntityResult EntityExtractor::extract(const Document& doc, std::optional<std::string_view> headline) const {
  return Scanner(*impl_, doc).run(headline);
}

}  // namespace greenlight
