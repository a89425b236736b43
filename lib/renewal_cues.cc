// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "renewal_cues.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "greenlight/error.h"

namespace greenlight {

namespace {

// A cue pattern: tokens of normalized text, each matched exactly or, with a final '*', as a
// prefix. `near_season` requires a season word ("season", "episodes", "sequel", ...) within a few
// tokens, for verbs that are only cues in that company ("ordered", "announced", "confirmed").
struct Pattern {
  std::string_view cls;
  std::string_view text;
  bool near_season = false;
};

constexpr Pattern kPatterns[] = {
    // Another season ordered.
    {"renew", "renew*"}, {"renew", "re-up*"}, {"renew", "greenlit"}, {"renew", "green-lit"},
    {"renew", "greenlight*", true}, {"renew", "green light*", true}, {"renew", "green-light*", true},
    {"renew", "pick* up", true}, {"renew", "order*", true}, {"renew", "commission*", true},
    {"renew", "sequel"}, {"renew", "continuation"}, {"renew", "second cour"},
    {"confirm", "confirm*", true}, {"confirm", "announc*", true}, {"confirm", "officially", true},
    {"confirm", "unveil*", true}, {"confirm", "revealed", true},
    {"return", "return*"}, {"return", "coming back"}, {"return", "come back"}, {"return", "comes back"},
    {"return", "be back"}, {"return", "is back"}, {"return", "are back"}, {"return", "bring* back"},
    {"return", "brought back"}, {"return", "is happening"},
    {"return", "be a * season"}, {"return", "be another season"}, {"return", "get* a * season"},
    {"return", "get* another season"}, {"return", "more seasons"}, {"return", "more episodes"},
    {"production", "filming"}, {"production", "film* began"}, {"production", "production"},
    {"production", "writers ' room"}, {"production", "writers room"}, {"production", "shooting"},
    {"production", "casting"}, {"production", "key visual"}, {"production", "teaser"},
    {"production", "trailer"}, {"production", "in the works"}, {"production", "in development"},
    {"date", "release date"}, {"date", "premiere date"}, {"date", "air date"}, {"date", "premier*"},
    {"date", "debut*"}, {"date", "arriv*"}, {"date", "launch*", true}, {"date", "drop*", true},
    // No further season.
    {"cancel", "cancel*"}, {"cancel", "axe"}, {"cancel", "axed"}, {"cancel", "axing"},
    {"cancel", "scrap*"}, {"cancel", "pull* the plug"}, {"cancel", "pulled the plug"},
    {"cancel", "shelved"}, {"cancel", "shut down"}, {"cancel", "pass* on"},
    {"cancel", "end of the road"}, {"cancel", "dropped"}, {"cancel", "declined to"},
    {"cancel", "decided against"}, {"cancel", "chopping block"}, {"cancel", "one-and-done"},
    {"cancel", "one and done"}, {"cancel", "close its doors"}, {"cancel", "no plans"},
    {"cancel", "torn down"}, {"cancel", "sets dismantled"}, {"cancel", "is over"},
    {"proceed", "move forward"}, {"proceed", "moving forward"}, {"proceed", "go ahead"},
    {"proceed", "go forward"}, {"proceed", "proceed*"}, {"proceed", "resum*"}, {"proceed", "continu*"},
    {"run_length", "after * seasons"}, {"run_length", "after * season"}, {"run_length", "after just * season*"},
    {"run_length", "after only * season*"}, {"run_length", "ran for * season*"}, {"run_length", "one-season"},
    {"run_length", "single season"},
    // The end of a story told, not of the series: "an open ending", "its own ending".
    {"finale", "season finale"}, {"finale", "final episode"}, {"finale", "last episode"},
    {"finale", "finale"}, {"finale", "cliffhanger"}, {"finale", "penultimate"},
    {"cancel", "call* off"}, {"cancel", "called off"}, {"cancel", "let go"}, {"cancel", "let * go"},
    {"cancel", "killed"}, {"cancel", "kill*", true}, {"cancel", "not be returning"},
    {"final", "final season"}, {"final", "last season"}, {"final", "final chapter"}, {"final", "final series"},
    {"final", "last series"}, {"final", "* and final"}, {"final", "by design"}, {"final", "always planned"},
    {"final", "planned ending"}, {"final", "story ended"}, {"final", "story is over"}, {"final", "is complete"},
    {"final", "final installment"}, {"final", "final episodes"}, {"final", "final run"},
    {"final", "final cour"}, {"final", "final arc"}, {"final", "its last"}, {"final", "be the last"},
    {"final", "the last one"}, {"final", "last arc"}, {"final", "final part"}, {"final", "swan song"}, {"final", "conclud*"},
    {"final", "conclusion"}, {"final", "wrap* up"}, {"final", "series finale"}, {"final", "farewell"},
    {"final", "come to an end"}, {"final", "came to an end"}, {"final", "comes to an end"},
    {"final", "limited series"}, {"final", "closing chapter"}, {"final", "sign* off"},
    {"final", "end* its run"}, {"final", "ending"}, {"final", "goodbye*"}, {"final", "complete"},
    {"revive", "reviv*"}, {"revive", "new home"}, {"revive", "rescu*"}, {"revive", "saved"},
    {"revive", "picked up by"}, {"revive", "lands at"}, {"revive", "moves to"}, {"revive", "resurrect*"},
    {"revoke", "revers*"}, {"revoke", "backtrack*"}, {"revoke", "rescind*"}, {"revoke", "walk* back"},
    {"revoke", "u-turn"}, {"revoke", "about-face"}, {"revoke", "reconsider*"}, {"revoke", "change of heart"},
    {"revoke", "undo*"}, {"revoke", "undid"}, {"revoke", "takes back"}, {"revoke", "took back"},
    {"revoke", "pulled"}, {"revoke", "reversal"}, {"revoke", "after all"}, {"revoke", "withdr*"},
    // Who says so.
    {"rumour", "rumo*"}, {"rumour", "reportedly"}, {"rumour", "insider*"}, {"rumour", "sources"},
    {"rumour", "leak*"}, {"rumour", "specul*"}, {"rumour", "allegedly"}, {"rumour", "scoop"},
    {"rumour", "unconfirmed"}, {"rumour", "gossip"}, {"rumour", "theor*"}, {"rumour", "claim*"},
    {"rumour", "screenshot*"}, {"rumour", "made the rounds"}, {"rumour", "circulat*"},
    {"deny", "denied"}, {"deny", "denies"}, {"deny", "deny*"}, {"deny", "debunk*"}, {"deny", "false"},
    {"deny", "untrue"}, {"deny", "shot down"}, {"deny", "dismiss*"}, {"deny", "no truth"},
    {"silence", "no official"}, {"silence", "nothing official"}, {"silence", "yet to"},
    {"silence", "no word"}, {"silence", "no news"}, {"silence", "no update*"}, {"silence", "remains to be seen"},
    {"silence", "unclear"}, {"silence", "unknown"}, {"silence", "silent"}, {"silence", "silence"},
    {"silence", "tight-lipped"}, {"silence", "mum"}, {"silence", "no confirmation"},
    {"silence", "no announcement"}, {"silence", "waiting"}, {"silence", "limbo"},
    {"silence", "up in the air"}, {"silence", "undecided"}, {"silence", "fate"}, {"silence", "not yet"},
    {"silence", "has n't said"}, {"silence", "have n't said"}, {"silence", "nothing yet"},
    {"silence", "not said"}, {"silence", "n't said"}, {"silence", "not commented"}, {"silence", "n't commented"},
    {"silence", "no comment"}, {"silence", "declined to comment"}, {"silence", "not indicated"},
    {"silence", "n't indicated"}, {"silence", "stopped short of"}, {"silence", "nothing to share"},
    {"silence", "no information"}, {"silence", "nobody knows"}, {"silence", "no one knows"},
    {"silence", "await*"}, {"silence", "nothing since"}, {"silence", "since then"},
    {"silence", "no decision"}, {"silence", "not decided"}, {"silence", "n't decided"}, {"silence", "yet to decide"},
    {"official", "official"}, {"official", "statement"}, {"official", "press release"},
    {"official", "said in"}, {"official", "told"}, {"official", "tweet*"}, {"official", "via"},
    {"hope", "hope*"}, {"hope", "wish*"}, {"hope", "petition*"}, {"hope", "campaign*"},
    {"hope", "demand*"}, {"hope", "fans want"}, {"hope", "clamo*"}, {"hope", "fingers crossed"},
    {"hope", "would love"}, {"hope", "eager"}, {"hope", "keen"}, {"hope", "begging"},
    // Indicators.
    {"success", "ratings"}, {"success", "viewership"}, {"success", "viewers"}, {"success", "views"},
    {"success", "audience*"}, {"success", "top 10"}, {"success", "top ten"}, {"success", "chart*"},
    {"success", "sales"}, {"success", "blu-ray*"}, {"success", "acclaim*"}, {"success", "popular*"},
    {"success", "hit"}, {"success", "success*"}, {"success", "record*"}, {"success", "most-watched"},
    {"success", "most watched"}, {"success", "smash"}, {"success", "trending"}, {"success", "award*"},
    {"success", "emmy*"}, {"success", "well received"}, {"success", "well-received"},
    {"success", "hours viewed"}, {"success", "streams"}, {"success", "critics"}, {"success", "reviews"},
    {"struggle", "low ratings"}, {"struggle", "poor"}, {"struggle", "declin*"}, {"struggle", "flop*"},
    {"struggle", "underperform*"}, {"struggle", "disappoint*"}, {"struggle", "lukewarm"},
    {"struggle", "dismal"}, {"struggle", "struggl*"}, {"struggle", "expensive"}, {"struggle", "costly"},
    {"struggle", "mixed reviews"}, {"struggle", "panned"}, {"struggle", "tepid"}, {"struggle", "soft"},
    {"struggle", "slump*"}, {"struggle", "dwindl*"}, {"struggle", "fell"}, {"struggle", "dropped off"},
    {"source", "source material"}, {"source", "volumes"}, {"source", "chapters"}, {"source", "manga"},
    {"source", "light novel*"}, {"source", "novels"}, {"source", "books"}, {"source", "adapt*"},
    {"source", "ongoing"}, {"source", "plenty of"}, {"source", "enough material"},
    {"source_done", "caught up"}, {"source_done", "ran out"}, {"source_done", "run out"},
    {"source_done", "no more material"}, {"source_done", "entire story"}, {"source_done", "whole story"},
    {"source_done", "story is complete"}, {"source_done", "finished the"}, {"source_done", "exhaust*"},
    {"cast_busy", "moved on"}, {"cast_busy", "other projects"}, {"cast_busy", "busy"},
    {"cast_busy", "schedul*"}, {"cast_busy", "contracts"}, {"cast_busy", "departure"},
    {"cast_busy", "exit*"}, {"cast_busy", "left the"}, {"cast_busy", "options"},
    {"gap", "hiatus"}, {"gap", "years since"}, {"gap", "dormant"}, {"gap", "long wait"},
    {"gap", "long gap"}, {"gap", "years later"}, {"gap", "decade"},
    // A further season talked about, with no verb saying what happens to it: read through its
    // modifiers ("No Season 2 for X", "there won't be a second season", "Season 3?").
    {"season_ref", "season"}, {"season_ref", "seasons"},
    {"commit", "signed on"}, {"commit", "committed"}, {"commit", "attached"}, {"commit", "plans for"},
    {"commit", "already writing"}, {"commit", "mapped out"}, {"commit", "planned"}, {"commit", "vision"},
};

constexpr std::string_view kSeasonWords[] = {"season", "seasons", "episodes", "series", "sequel", "installment",
                                             "chapter", "cour", "run", "batch", "part", "2", "3", "4", "5"};

// Words that negate a cue later in the same clause.
constexpr std::string_view kNegators[] = {"not", "n't", "no", "never", "without", "neither", "nor", "yet",
                                          "hardly", "refused", "refuses", "declined", "instead", "nobody",
                                          "none", "nothing", "denied", "against"};

// Before a negated cue, words that leave the decision open ("has not been renewed", "still
// hasn't", "yet to") or that tell a decision ("will not", "won't", "was not", "didn't",
// "decided not to"). Pending wins when both appear ("has decided" aside, "has" marks waiting).
constexpr std::string_view kPendingWords[] = {"has", "have", "yet", "still", "so", "currently"};
constexpr std::string_view kDecisiveWords[] = {"is", "are", "was", "were", "did", "there"};
// Decisions that outweigh "has" ("has decided not to renew", "will not").
constexpr std::string_view kDecidedWords[] = {"will", "wo", "'ll", "decided", "chose", "opted", "going", "longer"};

// Words that make a cue hypothetical, hedged or hoped-for.
constexpr std::string_view kModals[] = {"could", "might", "may", "would", "should", "possibly", "possible",
                                        "potential", "potentially", "perhaps", "maybe", "if", "whether",
                                        "hope", "hopes", "hoping", "chance", "chances", "likely", "unlikely",
                                        "expect", "expected", "expects", "probably", "wish", "want", "wants",
                                        "odds", "can", "unless", "speculate", "rumored", "rumoured", "reportedly",
                                        "suppose", "supposing", "hypothetically", "hypothetical", "imagine",
                                        "assuming", "pretend", "bet", "wonder", "think", "believe", "guess",
                                        "predict", "reckon", "talks", "considering", "weighing", "mulling"};

constexpr std::string_view kPronounSubjects[] = {"it", "the show", "the series", "the anime", "the drama",
                                                 "the sitcom", "the comedy", "this show", "this series"};

// One word of a pattern, tested against a token without comparing strings: an exact word by its
// hash (word_hash), a prefix ("renew*") by the token's first eight bytes (and the rest of the
// prefix when it is longer), "*" by nothing.
struct WordTest {
  std::string_view prefix;  // the literal part
  bool is_prefix = false;
  std::uint64_t hash = 0;   // exact words
  std::uint64_t head = 0, head_mask = 0;

  bool operator()(std::string_view token, std::uint64_t token_hash, std::uint64_t token_head) const {
    if (!is_prefix) return token_hash == hash;
    return (token_head & head_mask) == head && token.size() >= prefix.size() &&
           (prefix.size() <= 8 || token.substr(8, prefix.size() - 8) == prefix.substr(8));
  }
};

WordTest compile_word(std::string_view word) {
  WordTest t;
  t.is_prefix = !word.empty() && word.back() == '*';
  if (t.is_prefix) word.remove_suffix(1);
  t.prefix = word;
  t.hash = word_hash(word);
  const std::string_view first8 = word.substr(0, 8);
  t.head = word_head(first8);
  t.head_mask = first8.size() == 8 ? ~0ull : (1ull << (8 * first8.size())) - 1;
  return t;
}

// Pattern words, split once.
struct CompiledPattern {
  std::string_view cls;
  std::vector<std::string_view> tokens;
  std::vector<WordTest> tests;
  bool near_season;
  int cls_id = 0;      // index into cue_classes()
  int first_word = 0;  // its words' numbers in pattern_words(): first_word, first_word + 1, ...
};

// The classes of kPatterns in order of first appearance.
const std::vector<std::string_view>& pattern_classes() {
  static const std::vector<std::string_view> classes = [] {
    std::vector<std::string_view> out;
    for (const Pattern& p : kPatterns)
      if (std::find(out.begin(), out.end(), p.cls) == out.end()) out.push_back(p.cls);
    return out;
  }();
  return classes;
}

const std::vector<CompiledPattern>& compiled_patterns() {
  static const std::vector<CompiledPattern> patterns = [] {
    std::vector<CompiledPattern> out;
    for (const Pattern& p : kPatterns) {
      CompiledPattern c{p.cls, {}, {}, p.near_season};
      c.cls_id = static_cast<int>(std::find(pattern_classes().begin(), pattern_classes().end(), p.cls) -
                                  pattern_classes().begin());
      std::string_view t = p.text;
      while (!t.empty()) {
        const std::size_t space = t.find(' ');
        c.tokens.push_back(t.substr(0, space));
        c.tests.push_back(compile_word(c.tokens.back()));
        if (space == std::string_view::npos) break;
        t.remove_prefix(space + 1);
      }
      c.first_word = out.empty() ? 0 : out.back().first_word + static_cast<int>(out.back().tests.size());
      out.push_back(std::move(c));
    }
    return out;
  }();
  return patterns;
}

// Every pattern's words in one array, by number (CompiledPattern::first_word).
const std::vector<WordTest>& pattern_words() {
  static const std::vector<WordTest> words = [] {
    std::vector<WordTest> out;
    for (const CompiledPattern& p : compiled_patterns()) out.insert(out.end(), p.tests.begin(), p.tests.end());
    return out;
  }();
  return words;
}

// What the reader needs of a pattern while trying it, in one small array.
struct PatternHead {
  std::uint16_t first_word;
  std::uint8_t size;
  bool near_season;
};
const std::vector<PatternHead>& pattern_heads() {
  static const std::vector<PatternHead> heads = [] {
    std::vector<PatternHead> out;
    for (const CompiledPattern& p : compiled_patterns())
      out.push_back({static_cast<std::uint16_t>(p.first_word), static_cast<std::uint8_t>(p.tests.size()), p.near_season});
    return out;
  }();
  return heads;
}

// Patterns that can start at a token: those whose first word is the token itself (one hash
// lookup), plus those whose first word is a prefix ("renew*", found by the token's first byte and
// tested by its first eight bytes at once), plus those whose first word is any word ("* and
// final", tried only before a word that can follow). A token tries a handful of patterns instead
// of all of them, and rejects most of those with one comparison.
struct PatternIndex {
  struct PrefixHead {
    std::uint64_t head, mask;
    std::size_t size;
    int pattern;
  };
  std::unordered_map<std::string_view, std::vector<int>> exact;
  std::array<std::vector<PrefixHead>, 257> prefix_by_first_byte;
  // Which first two bytes (little-endian) some prefix pattern can start with: most tokens are
  // turned away by one bit.
  std::array<std::uint64_t, 1024> first_two_bytes{};
  bool may_start_prefix(std::uint64_t head) const {
    const std::uint32_t key = head & 0xffff;
    return first_two_bytes[key >> 6] >> (key & 63) & 1;
  }
  std::vector<int> any_first_word;                // "* and final": tried when the next word fits
  std::vector<std::string_view> any_first_second;  // their second words, exact
  std::vector<int> any_first_always;              // wildcards followed by a prefix: always tried
};

const PatternIndex& pattern_index() {
  static const PatternIndex index = [] {
    PatternIndex out;
    const auto& patterns = compiled_patterns();
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      const CompiledPattern& p = patterns[i];
      const std::string_view first = p.tokens[0];
      const int pi = static_cast<int>(i);
      if (first == "*" || first.empty()) {
        if (p.tokens.size() > 1 && !p.tokens[1].empty() && p.tokens[1].back() != '*') {
          out.any_first_word.push_back(pi);
          out.any_first_second.push_back(p.tokens[1]);
        } else {
          out.any_first_always.push_back(pi);
        }
      } else if (first.back() == '*') {
        const WordTest& t = p.tests[0];
        out.prefix_by_first_byte[static_cast<unsigned char>(first[0])].push_back({t.head, t.head_mask, t.prefix.size(), pi});
        const auto mark = [&](std::uint32_t key) { out.first_two_bytes[key >> 6] |= 1ull << (key & 63); };
        if (t.prefix.size() >= 2) {
          mark(t.head & 0xffff);
        } else {
          for (std::uint32_t second = 0; second < 256; ++second) mark((t.head & 0xff) | (second << 8));
        }
      } else {
        out.exact[first].push_back(pi);
      }
    }
    return out;
  }();
  return index;
}

// Pattern lists, each kept once for the life of the process (tables point into them).
const std::vector<int>* intern_pattern_list(std::vector<int> list) {
  if (list.empty()) return nullptr;
  static std::mutex mutex;
  static std::set<std::vector<int>> lists;
  const std::lock_guard<std::mutex> lock(mutex);
  return &*lists.insert(std::move(list)).first;
}

// A word's patterns: those whose first word is the word, and those whose first word is a prefix
// of it ("renew*").
void resolve_patterns(std::string_view word, WordInfo& info) {
  std::vector<int> list;
  if (info.patterns) list = *info.patterns;
  if (!word.empty()) {
    const auto& patterns = compiled_patterns();
    const std::uint64_t hash = word_hash(word), head = word_head(word);
    for (const PatternIndex::PrefixHead& h : pattern_index().prefix_by_first_byte[static_cast<unsigned char>(word[0])])
      if (patterns[h.pattern].tests[0](word, hash, head)) list.push_back(h.pattern);
  }
  info.patterns = intern_pattern_list(std::move(list));
  info.flags |= kPatternsResolved;
}

// The words the cue reader knows by name, with their exact patterns and flags.
const std::unordered_map<std::string_view, WordInfo>& cue_word_flags() {
  static const std::unordered_map<std::string_view, WordInfo> words = [] {
    std::unordered_map<std::string_view, WordInfo> out;
    for (const auto& [word, patterns] : pattern_index().exact) out[word].patterns = &patterns;
    auto mark = [&](const auto& list, std::uint16_t flag) {
      for (std::string_view w : list) out[w].flags |= flag;
    };
    mark(kNegators, kNegator);
    mark(kModals, kModal);
    mark(kPendingWords, kPending);
    mark(kDecisiveWords, kDecisive);
    mark(kDecidedWords, kDecided);
    mark(kSeasonWords, kSeasonWord);
    constexpr std::string_view kBreaks[] = {",", ";", ":", ".", "!", "?", "but", "-", "(", ")", "\"", "although",
                                            "though", "while", "whereas", "and"};
    mark(kBreaks, kClauseBreak);
    constexpr std::string_view kPast[] = {"had", "'d"};
    mark(kPast, kPastPerfect);
    constexpr std::string_view kRumour[] = {"reportedly", "report", "reports", "sources", "allegedly", "scoop",
                                            "whispers", "gossip"};
    mark(kRumour, kRumourWord);
    constexpr std::string_view kFunction[] = {
        "the", "a", "an", "of", "to", "in", "on", "at", "for", "from", "by", "with", "about", "as", "into",
        "and", "or", "but", "so", "than", "that", "this", "these", "those", "which", "who", "whom", "whose",
        "it", "its", "it's", "he", "she", "they", "them", "their", "his", "her", "we", "our", "you", "your",
        "i", "me", "my", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "has",
        "have", "had", "there", "here", "what", "when", "where", "how", "all", "any", "some", "each", "just",
        "also", "very", "too", "up", "out", "over", "then", "more", "most", "such", "own", "same", "other",
        "'s", "s", ",", ".", ":", ";", "(", ")", "\"", "'", "-", "--", "!"};
    mark(kFunction, kFunctionWord);
    for (std::string_view p : kPronounSubjects) out[p.substr(0, p.find(' '))].flags |= kPronounStart;
    mark(pattern_index().any_first_second, kAfterAnyWord);
    return out;
  }();
  return words;
}

// Rumour words by prefix ("rumours", "insiders", "leaked", "claimed", "speculation"), tested on
// the word's first eight bytes.
bool is_rumour_prefix(std::uint64_t head) {
  // The first byte turns away nearly every word before the five tests.
  const char first = static_cast<char>(head & 0xff);
  if (first != 'r' && first != 'i' && first != 'l' && first != 'c' && first != 's') return false;
  static const std::array<WordTest, 5> kPrefixes = {compile_word("rumo*"), compile_word("insider*"),
                                                     compile_word("leak*"), compile_word("claim*"),
                                                     compile_word("specul*")};
  for (const WordTest& t : kPrefixes)
    if ((head & t.head_mask) == t.head) return true;
  return false;
}

// The word features a token of `word` can take: every word of two bytes or more, and "?", in a
// cue sentence; content words of two bytes or more in the others.
std::uint8_t word_use(std::string_view word, std::uint16_t flags) {
  if (word.size() >= 2) return SentenceWords::kUseInCue | (flags & kFunctionWord ? 0 : SentenceWords::kUseAlone);
  return word == "?" ? SentenceWords::kUseInCue : 0;
}

}  // namespace

CueWordTable::CueWordTable(const std::vector<std::string_view>& extra_words) {
  std::vector<std::pair<std::string_view, WordInfo>> words;
  std::unordered_map<std::uint64_t, std::string_view> seen;
  auto add = [&](std::string_view word, WordInfo info) {
    const auto [it, added] = seen.emplace(word_hash(word), word);
    if (!added) {
      if (it->second != word)
        throw Error("renewal word table: '" + std::string(word) + "' and '" + std::string(it->second) +
                                 "' have the same hash");
      return;
    }
    if (is_rumour_prefix(word_head(word))) info.flags |= kRumourWord;
    resolve_patterns(word, info);
    words.emplace_back(word, info);
  };
  const auto info_of = [](std::string_view w) {
    const auto it = cue_word_flags().find(w);
    return it != cue_word_flags().end() ? it->second : WordInfo{};
  };
  for (const std::string_view w : extra_words) add(w, info_of(w));
  // The cue reader's other words, and the words patterns test for exactly, in a fixed order (the
  // map's is not), so that ids do not depend on the library's build.
  std::vector<std::string_view> own;
  for (const auto& [word, info] : cue_word_flags()) own.push_back(word);
  for (const WordTest& t : pattern_words())
    if (!t.is_prefix) own.push_back(t.prefix);
  std::sort(own.begin(), own.end());
  for (const std::string_view w : own) add(w, info_of(w));
  std::size_t size = 1024;
  while (2 * size < 3 * (words.size() + 1)) size *= 2;
  id_bits_ = std::countr_zero(size);
  if (id_bits_ > 24) throw Error("renewal word table: more than 11 million words");
  cells_.assign(size, Entry{});
  mask_ = size - 1;
  // Cell 0 is the words not in the table: never empty, so probes pass over it, and never matched.
  constexpr std::uint64_t kNotAWord = ~std::uint64_t{0};
  cells_[0].hash = kNotAWord;
  for (const auto& [word, info] : words) {
    const std::uint64_t h = word_hash(word);
    if (h == 0 || h == kNotAWord) throw Error("renewal word table: '" + std::string(word) + "' has a reserved hash");
    std::size_t at = h & mask_;
    while (cells_[at].hash != 0) at = (at + 1) & mask_;
    Entry& e = cells_[at];
    e.hash = h;
    e.patterns = info.patterns;
    e.flags = info.flags;
    e.use = word_use(word, info.flags);
    if (word == "?" || word == "." || word == "!") e.mark = word[0];
  }
  words_ = static_cast<std::uint32_t>(words.size());
  for (const WordTest& t : pattern_words()) exact_ids_.push_back(t.is_prefix ? 0 : find(t.hash));
}

const CueWordTable& cue_word_table() {
  static const CueWordTable table;
  return table;
}

namespace {

// Spans are in text order and do not overlap, so their ends are sorted too: a binary search
// finds the first span ending after b (an article naming its show a million times stays linear).
bool overlaps(std::uint32_t b, std::uint32_t e, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans) {
  auto it = std::lower_bound(spans.begin(), spans.end(), b,
                             [](const std::pair<std::uint32_t, std::uint32_t>& s, std::uint32_t x) { return s.second <= x; });
  return it != spans.end() && it->first < e;
}

// Cues whose decisive negation means no further season ("won't be renewed", "will not return").
bool is_continuation(std::string_view cls) {
  return cls == "renew" || cls == "return" || cls == "proceed" || cls == "confirm";
}

bool is_event(std::string_view cls) {
  return cls == "renew" || cls == "cancel" || cls == "final" || cls == "revive" || cls == "revoke";
}

// A word that dates an event to the past: a year, "ago", "back in", "previously", "last year".
template <class Norm>
bool is_dating_word(Norm&& norms, std::size_t n, std::size_t k) {
  const std::string_view w = norms(k);
  if (w.size() == 4 && (w.substr(0, 2) == "19" || w.substr(0, 2) == "20") &&
      std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return true;
  if (w == "ago" || w == "previously" || w == "originally" || w == "initially" || w == "once") return true;
  if (k + 1 < n) {
    const std::string_view next = norms(k + 1);
    if (w == "back" && next == "in") return true;
    if (w == "last" && (next == "year" || next == "spring" || next == "summer" || next == "fall" || next == "autumn" ||
                        next == "winter" || next == "month"))
      return true;
  }
  return false;
}

}  // namespace

std::uint64_t feature_name_hash(std::string_view name) {
  if (name.size() >= 2 && name[1] == ':') {
    const char kind = name[0];
    if (kind == 'o' || kind == 'w') return word_feature_hash(kind, word_hash(name.substr(2)), 0);
    const std::size_t space = name.find(' ', 2);
    if (kind == 'b' && space != std::string_view::npos)
      return word_feature_hash(kind, word_hash(name.substr(2, space - 2)), word_hash(name.substr(space + 1)));
  }
  return hash_mix(word_hash(name) ^ 0x5bd1e9955bd1e995ull);  // any other name
}

std::size_t cue_run_end(const Document& doc, std::size_t first_sentence) {
  constexpr std::size_t kRunTokens = 128;
  const auto sentences = doc.sentences();
  std::size_t end = first_sentence + 1;
  while (end < sentences.size() && sentences[end].end_token - sentences[first_sentence].first_token <= kRunTokens) ++end;
  return std::min(end, sentences.size());
}

void prepare_cue_tokens(const Document& doc, std::size_t first_sentence, std::size_t end_sentence,
                        const CueWordTable& words, CueTokens& out) {
  const auto sentences = doc.sentences();
  const auto tokens = doc.tokens();
  const std::size_t first = first_sentence < end_sentence ? sentences[first_sentence].first_token : 0;
  const std::size_t end = first_sentence < end_sentence ? sentences[end_sentence - 1].end_token : 0;
  const std::size_t n = end - first;
  out.table = &words;
  out.first_token = first;
  out.first_sentence = first_sentence;
  out.ids.resize(n);
  out.flags.resize(n);
  out.use.resize(n);
  out.asked.resize(n);
  out.starts.clear();
  out.sentence_starts.clear();
  out.sentence_rumour.clear();
  const PatternIndex& index = pattern_index();
  const bool any_word_starts = !index.any_first_always.empty();
  // Raw pointers: the stores below cannot then make the compiler reload the vectors.
  std::uint32_t* ids = out.ids.data();
  std::uint16_t* flags = out.flags.data();
  std::uint8_t* uses = out.use.data();
  std::uint8_t* asked = out.asked.data();
  const Token* token = tokens.data() + first;
  // Every token's id first, in a loop of its own: its probes are independent of each other, so
  // the processor overlaps their cache misses, and each cell read below is then in cache.
  const std::uint64_t* hashes = doc.word_hashes().data() + first;
  for (std::size_t i = 0; i < n; ++i) ids[i] = words.find(hashes[i]);
  for (std::size_t si = first_sentence; si < end_sentence; ++si) {
    const std::size_t sentence_begin = sentences[si].first_token - first;
    const std::size_t sentence_end = sentences[si].end_token - first;
    out.sentence_starts.push_back(static_cast<std::uint32_t>(out.starts.size()));
    std::uint16_t sentence_flags = 0;
    // Tokens before the next sentence-ending mark: asked when the mark is "?" (headlines put
    // questions mid-line: "Season 2: Will Netflix Bring It Back? Everything We Know").
    std::size_t unmarked = sentence_begin;
    for (std::size_t i = sentence_begin; i < sentence_end; ++i) {
      const std::uint32_t id = ids[i];
      const CueWordTable::Entry& entry = words.entry(id);
      std::uint16_t f = entry.flags;
      std::uint8_t use = entry.use;
      // A word in the table is all in its cell. A word outside it can take the word features of a
      // content word, and only its prefixes can tell something more (a rumour, a pattern).
      bool may_start = entry.patterns != nullptr;
      if (id == 0) {
        const std::string_view w = doc.normalized(token[i]);
        use = word_use(w, f);
        const std::uint64_t head = word_head(w);
        if (is_rumour_prefix(head)) f |= kRumourWord;
        may_start = !w.empty() && index.may_start_prefix(head);
      }
      flags[i] = f;
      sentence_flags |= f;
      if (entry.mark != 0) {
        std::memset(asked + unmarked, entry.mark == '?', i + 1 - unmarked);
        unmarked = i + 1;
      }
      // "* and final": a pattern may start before a word that can follow its wildcard.
      if ((f & kAfterAnyWord) && i > sentence_begin && (out.starts.empty() || out.starts.back() != i - 1))
        out.starts.push_back(static_cast<std::uint32_t>(i - 1));
      if (may_start || any_word_starts) out.starts.push_back(static_cast<std::uint32_t>(i));
      uses[i] = use;
    }
    std::memset(asked + unmarked, 0, sentence_end - unmarked);
    out.sentence_rumour.push_back((sentence_flags & kRumourWord) != 0);
  }
  out.sentence_starts.push_back(static_cast<std::uint32_t>(out.starts.size()));
}

const std::vector<std::string_view>& cue_classes() { return pattern_classes(); }

int cue_keys() { return cue_key(CueRead{static_cast<int>(cue_classes().size()), false, false, false, 0, 0}); }

bool cue_template_applies(int t, const CueRead& c) {
  switch (t) {
    case 5: return c.headline;
    case 6: return c.lede;
    case 7: return c.past;
    case 8: return c.negated;
    case 9: {
      const std::string_view base = cue_classes()[c.cls];
      return c.rumour && (is_event(base) || is_continuation(base) || base == "season_ref");
    }
    default: return t >= 0 && t < 5;
  }
}

void cue_template_name(int t, const CueRead& c, std::string& out) {
  static constexpr std::string_view kSubjects[CueRead::kSubjects] = {"none", "main", "other", "pron"};
  static constexpr std::string_view kNegKinds[CueRead::kNegKinds] = {"", "|neg:dec", "|neg:pend", "|neg:other"};
  const std::string_view base = cue_classes()[c.cls];
  const std::string_view neg = c.negated ? "|neg" : "";
  const std::string_view mod = c.modal ? "|mod" : "";
  const std::string_view q = c.question ? "|q" : "";
  out.clear();
  auto append = [&](auto... parts) { (out.append(parts), ...); };
  using namespace std::string_view_literals;
  switch (t) {
    case 0: append(base); break;
    case 1: append(base, neg); break;
    case 2: append(base, neg, mod); break;
    case 3: append(base, neg, mod, q); break;
    case 4: append(base, "|"sv, kSubjects[c.subject], neg, mod); break;
    case 5: append("headline:"sv, base, neg, q); break;
    case 6: append("lede:"sv, base, neg, mod); break;
    case 7: append(base, "|past"sv, neg); break;
    case 8: append(base, kNegKinds[c.neg_kind]); break;
    case 9: append(base, "|src:rumour"sv, neg); break;
  }
}

void CueSink::add_cue(const CueRead& cue) {
  thread_local std::string name;  // reused: no allocation per feature
  for (int t = 0; t < kCueTemplates; ++t) {
    if (!cue_template_applies(t, cue)) continue;
    cue_template_name(t, cue, name);
    add(name, 1);
  }
}

void CueSink::add_sentence_words(const SentenceWords& s) {
  const auto tokens = s.doc->tokens();
  const auto hashes = s.doc->word_hashes();
  auto word = [&](std::size_t i) { return s.doc->normalized(tokens[s.first_token + i]); };
  auto hash = [&](std::size_t i) { return hashes[s.first_token + i]; };
  for (std::size_t i = 0; i < s.size; ++i) {
    if (!s.cue_sentence && (s.use[i] & SentenceWords::kUseAlone)) add_words('o', word(i), hash(i), {}, 0, 0.25f);
    if (s.cue_sentence && (s.use[i] & SentenceWords::kUseInCue)) {
      add_words('w', word(i), hash(i), {}, 0, 0.5f);
      if (i + 1 < s.size) add_words('b', word(i), hash(i), word(i + 1), hash(i + 1), 0.5f);
    }
  }
}

void CueSink::add_words(char kind, std::string_view first, std::uint64_t, std::string_view second, std::uint64_t,
                        float value) {
  std::string name(1, kind);
  name += ':';
  name += first;
  if (kind == 'b') {
    name += ' ';
    name += second;
  }
  add(name, value);
}

std::vector<EventFeature> event_features(const CueEvents& e) {
  std::vector<EventFeature> out;
  if (e.last.empty()) return out;
  // The sequence when it changes, and the latest event that is not background. (The first and
  // last events alone did not help in cross-validation across files.)
  if (e.first != e.last)
    out.push_back({"ev_seq:" + std::string(e.first) + ">" + std::string(e.last), e.last_sentence});
  if (!e.last_current.empty()) out.push_back({"ev_cur:" + std::string(e.last_current), e.last_current_sentence});
  return out;
}

int find_headline_sentence(const Document& doc) {
  if (doc.paragraphs().empty()) return -1;
  const Paragraph& p = doc.paragraphs().front();
  if (p.end_sentence - p.first_sentence != 1) return -1;
  const Sentence& s = doc.sentences()[p.first_sentence];
  const std::string_view text = doc.text_of(s);
  if (text.empty() || text.size() > 300 || text.find('\n') != std::string_view::npos) return -1;
  if (text.back() == '.' && !(text.size() > 2 && text[text.size() - 2] == '.')) return -1;
  return static_cast<int>(p.first_sentence);
}

bool sentence_cue_features(const Document& doc, const CueTokens& tokens, const RenewalSubject& subject,
                           int headline_index, std::size_t si, CueSink& sink, CueEvents* events) {
  const auto& patterns = compiled_patterns();
  {
    const Sentence& s = doc.sentences()[si];
    const std::size_t n = s.end_token - s.first_token;
    if (n == 0) return false;
    const std::size_t at = s.first_token - tokens.first_token;
    const CueWordTable& table = *tokens.table;
    const std::uint32_t* ids = tokens.ids.data() + at;
    const std::uint16_t* flags = tokens.flags.data() + at;
    const std::uint8_t* use = tokens.use.data() + at;
    const std::uint8_t* asked = tokens.asked.data() + at;
    // A token's normalized form, when a test needs it (most need only ids and flags).
    const Token* sentence_tokens = doc.tokens().data() + s.first_token;
    auto norm = [&](std::size_t k) { return doc.normalized(sentence_tokens[k]); };
    const bool headline = static_cast<int>(si) == headline_index;
    // The lede: the first sentence after the headline, where news writing puts the news.
    const bool lede = static_cast<int>(si) == headline_index + 1;
    // Read at the first cue: whether the sentence passes on a rumour or report ("reportedly",
    // "sources say", "a leak"), as an order or cancellation told that way is not official; and
    // the sentence's subject.
    const std::size_t run_sentence = si - tokens.first_sentence;
    const bool rumour = tokens.sentence_rumour[run_sentence];
    int subject_id = -1;  // CueRead::subject
    auto read_sentence = [&] {
      subject_id = 0;
      if (overlaps(s.begin, s.end, subject.main_show)) {
        subject_id = 1;
      } else if (overlaps(s.begin, s.end, subject.other_shows)) {
        subject_id = 2;
      } else {
        // The pronoun subjects split once into their words ("the", "series").
        static const std::vector<std::pair<std::string_view, std::string_view>> kPronouns = [] {
          std::vector<std::pair<std::string_view, std::string_view>> out;
          for (std::string_view p : kPronounSubjects) {
            const std::size_t space = p.find(' ');
            out.emplace_back(p.substr(0, space), space == std::string_view::npos ? "" : p.substr(space + 1));
          }
          return out;
        }();
        bool pronoun = false;
        for (std::size_t i = 0; i < n && !pronoun; ++i) {
          if (!(flags[i] & kPronounStart)) continue;
          const std::string_view w = norm(i);
          for (const auto& [first, second] : kPronouns) {
            if (w != first || (!second.empty() && !(i + 1 < n && norm(i + 1) == second))) continue;
            subject_id = 3;
            pronoun = true;
            break;
          }
        }
      }
    };
    bool any_cue = false;
    const PatternIndex& index = pattern_index();
    const std::vector<PatternHead>& heads = pattern_heads();
    const std::vector<WordTest>& words = pattern_words();
    // Longer patterns first at each position, so "final season" wins over "final".
    const std::uint32_t* next_start = tokens.starts.data() + tokens.sentence_starts[run_sentence];
    const std::uint32_t* starts_end = tokens.starts.data() + tokens.sentence_starts[run_sentence + 1];
    for (; next_start != starts_end; ++next_start) {
      const std::size_t i = *next_start - at;
      std::size_t best_len = 0;
      int best_index = -1;
      const CompiledPattern* best = nullptr;
      auto try_pattern = [&](int pi) {
        const PatternHead& p = heads[pi];
        if (p.size < best_len || i + p.size > n) return;
        // Exact words by id, prefixes by the token's bytes.
        for (std::size_t k = 0; k < p.size; ++k) {
          const int word = p.first_word + static_cast<int>(k);
          const std::uint32_t exact = table.exact_id(word);
          if (exact != 0) {
            if (ids[i + k] != exact) return;
          } else if (const WordTest& t = words[word]; !t.prefix.empty()) {
            const std::string_view w = norm(i + k);
            if (!t(w, 0, word_head(w))) return;
          }
        }
        if (p.near_season) {
          bool near = false;
          const std::size_t from = i >= 6 ? i - 6 : 0, to = std::min<std::size_t>(n, i + p.size + 6);
          for (std::size_t k = from; k < to && !near; ++k) near = flags[k] & kSeasonWord;
          if (!near) return;
        }
        // Longest wins; among equals, the first in the table (as when all were tried in order).
        if (p.size > best_len || (p.size == best_len && pi < best_index)) {
          best = &patterns[pi];
          best_len = p.size;
          best_index = pi;
        }
      };
      if (const std::vector<int>* starting = table.entry(ids[i]).patterns)
        for (const int pi : *starting) try_pattern(pi);
      if (!(flags[i] & kPatternsResolved)) {
        const std::string_view w = norm(i);
        const std::uint64_t head = word_head(w);
        if (!w.empty() && index.may_start_prefix(head))
          for (const PatternIndex::PrefixHead& h : index.prefix_by_first_byte[static_cast<unsigned char>(w[0])])
            if ((head & h.mask) == h.head && w.size() >= h.size) try_pattern(h.pattern);
      }
      if (i + 1 < n && (flags[i + 1] & kAfterAnyWord))
        for (const int pi : index.any_first_word) try_pattern(pi);
      for (const int pi : index.any_first_always) try_pattern(pi);
      if (!best) continue;
      if (subject_id < 0) read_sentence();
      // Modifiers from the clause before the cue (and "not" right after an auxiliary).
      bool negated = false, modal = false, past = false, pending = false, decisive = false, decided = false;
      for (std::size_t k = i; k-- > 0;) {
        const std::uint16_t f = flags[k];
        if (f & kClauseBreak) break;
        if (i - k > 8) break;
        // Past perfect ("had confirmed", "had been renewed") tells background, not the news.
        past = past || (f & kPastPerfect);
        negated = negated || (f & kNegator);
        modal = modal || (f & kModal);
        pending = pending || (f & kPending);
        decisive = decisive || (f & kDecisive);
        decided = decided || (f & kDecided);
      }
      for (std::size_t k = i + best_len; k < n && k < i + best_len + 2; ++k)
        if ((flags[k] & kNegator) && (norm(k) == "not" || norm(k) == "n't")) negated = true;  // "renewal is not happening"
      // A negation is pending ("hasn't been renewed", "yet to be renewed": no decision) or
      // decisive ("won't return", "was not picked up", "decided not to renew": a decision).
      const std::string_view neg_kind = !negated  ? ""
                                        : decided ? "|neg:dec"
                                        : pending ? "|neg:pend"
                                        : decisive ? "|neg:dec"
                                                   : "|neg:other";
      // A decisive "no" to another season is a cancellation event.
      const std::string_view event = !negated ? (is_event(best->cls) ? best->cls : "")
                                     : neg_kind == "|neg:dec" && is_continuation(best->cls) ? "cancel" : "";
      const bool question = asked[i];
      if (events && !modal && !question && subject_id != 2 && !event.empty()) {
        // Background: the past perfect, or a date in the clause ("cancelled in 2018", "back in May").
        bool background = past;
        for (std::size_t k = i; k-- > 0 && !background;) {
          if ((flags[k] & kClauseBreak) || i - k > 8) break;
          background = is_dating_word(norm, n, k);
        }
        for (std::size_t k = i + best_len; k < n && k < i + best_len + 8 && !background; ++k) {
          if ((flags[k] & kClauseBreak) && norm(k) != "and") break;
          background = is_dating_word(norm, n, k);
        }
        if (events->first.empty()) {
          events->first = event;
          events->first_sentence = static_cast<int>(si);
        }
        events->last = event;
        events->last_sentence = static_cast<int>(si);
        if (!background) {
          events->last_current = event;
          events->last_current_sentence = static_cast<int>(si);
        }
      }
      CueRead cue;
      cue.cls = best->cls_id;
      cue.negated = negated;
      cue.modal = modal;
      cue.question = question;
      cue.subject = subject_id;
      cue.neg_kind = !negated ? 0 : neg_kind == "|neg:dec" ? 1 : neg_kind == "|neg:pend" ? 2 : 3;
      cue.headline = headline;
      cue.lede = lede;
      cue.past = past;
      cue.rumour = rumour;
      sink.add_cue(cue);
      any_cue = true;
      // The cue's words start no other cue.
      while (next_start + 1 != starts_end && next_start[1] - at < i + best_len) ++next_start;
    }
    // Words of cue-bearing sentences, as a backstop for phrasings the cue table lacks; the content
    // words of the others.
    sink.add_sentence_words({&doc, s.first_token, &table, ids, use, n, any_cue});
    return any_cue;
  }
}

std::vector<CueFeature> renewal_cue_features(const Document& doc, const RenewalSubject& subject) {
  std::vector<CueFeature> out;
  const int headline_index = subject.headline_sentence == -2 ? find_headline_sentence(doc) : subject.headline_sentence;
  struct VectorSink final : CueSink {
    std::vector<CueFeature>& out;
    int sentence = 0;
    explicit VectorSink(std::vector<CueFeature>& o) : out(o) {}
    void add(std::string_view name, float value) override { out.push_back({std::string(name), value, sentence}); }
  } sink(out);
  CueTokens tokens;
  int cue_sentences = 0;
  CueEvents events;
  for (std::size_t si = 0, run_end = 0; si < doc.sentences().size(); ++si) {
    if (si == run_end) {
      run_end = cue_run_end(doc, si);
      prepare_cue_tokens(doc, si, run_end, cue_word_table(), tokens);
    }
    sink.sentence = static_cast<int>(si);
    cue_sentences += sentence_cue_features(doc, tokens, subject, headline_index, si, sink, &events);
  }
  for (EventFeature& f : event_features(events)) out.push_back({std::move(f.name), 1, f.sentence});
  out.push_back({"bias", 1, -1});
  if (cue_sentences == 0) out.push_back({"no_cue_sentences", 1, -1});
  return out;
}

}  // namespace greenlight
