// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// The extractor walks each sentence's normalized tokens and tries, at each position, the
// grammars below from the most to the least specific (ranges, full dates, numeric dates, months
// with years, seasons, quarters, halves, decades, TV seasons, early/mid/late, relative
// expressions, partial dates, bare years). A match yields a Point (a calendar unit with what is
// known of it), which is resolved against the sentence's stated year and the reference date,
// then written as a TIMEX3-style value with its interval. Small tables, no regular expressions.

#include "greenlight/dates.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string_view>
#include <tuple>
#include <vector>

#include "greenlight/numbers.h"

namespace greenlight {

namespace {

// A word against a string literal: the sizes, then the bytes, with the literal's length known at
// compile time. (std::string_view's own == goes through compare(), which GCC leaves as a call in
// functions as large as the ones below, then to memcmp; the rules test words this way a few
// hundred times per date-like token.) Preferred by overload resolution over the standard one,
// which needs a conversion, for every `word == "literal"` and `!=` in this file.
template <std::size_t N>
[[gnu::always_inline]] inline bool operator==(std::string_view w, const char (&literal)[N]) {
  return w.size() == N - 1 && std::memcmp(w.data(), literal, N - 1) == 0;
}

enum class Unit { kDay, kWeek, kMonth, kSeason, kQuarter, kHalf, kYear, kDecade };

// A date as far as the text says it. year == 0: not stated.
struct Point {
  Unit unit = Unit::kYear;
  int year = 0, month = 0, day = 0;
  int sub = 0;  // season 1..4 (WI, SP, SU, FA), quarter 1..4, half 1..2, ISO week, decade start
  std::optional<std::string> mod;
};

struct Match {
  std::size_t end = 0;  // token index past the expression
  Point from;
  std::optional<Point> to;  // ranges
  std::string form;
  bool relative = false;
  std::string special;  // FUTURE_REF / PAST_REF / UNRESOLVED
  int relative_direction = 0;  // partial dates: -1 past, +1 future, 0 unknown
};

constexpr std::string_view kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                        "july",    "august",   "september", "october", "november", "december"};
constexpr std::string_view kMonthAbbrevs[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                              "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::string_view kWeekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                          "sunday", "mon",     "tue",       "tues",     "wed",    "thu",
                                          "thurs",  "fri",     "sat",       "sun"};

int month_of(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  for (int i = 0; i < 12; ++i)
    if (w == kMonths[i] || w == kMonthAbbrevs[i]) return i + 1;
  if (w == "sept") return 9;
  return 0;
}

// Season of the year: 1 winter, 2 spring, 3 summer, 4 fall.
int season_of(std::string_view w) {
  if (w == "winter") return 1;
  if (w == "spring") return 2;
  if (w == "summer") return 3;
  if (w == "fall" || w == "autumn") return 4;
  return 0;
}

constexpr std::string_view kSeasonCodes[] = {"", "WI", "SP", "SU", "FA"};

int year_of(std::string_view w) {
  if (w.size() != 4) return 0;
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v >= 1900 && v <= 2099 ? v : 0;
}

int day_of(std::string_view w) {
  if (w.empty() || w[0] < '0' || w[0] > '9') return 0;
  int v = 0;
  std::size_t k = 0;
  while (k < w.size() && w[k] >= '0' && w[k] <= '9' && k < 3) v = v * 10 + (w[k++] - '0');
  const std::string_view rest = w.substr(k);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  return v >= 1 && v <= 31 ? v : 0;
}

int small_number(std::string_view w) {
  if (w == "a" || w == "an") return 1;
  if (w == "couple") return 2;
  if (w == "few" || w == "several") return -1;
  if (auto v = parse_cardinal(w); v && *v >= 1 && *v <= 100 && *v == static_cast<int>(*v)) return static_cast<int>(*v);
  return 0;
}

// The century of a two-digit decade ("the '20s"): this one when it has begun by the reference
// year (by 2029 without one), else the last one.
int two_digit_decade(char tens, int reference_year) {
  const int recent = 2000 + (tens - '0') * 10;
  return recent <= (reference_year ? reference_year : 2029) ? recent : recent - 100;
}

// Decade start of "1990s", or of "90s" after an apostrophe; 0 otherwise.
int decade_of(std::string_view d, bool apostrophe, int reference_year) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!apostrophe && d.size() == 5 && d[4] == 's' && d[3] == '0' && year_of(d.substr(0, 4))) return year_of(d.substr(0, 4));
  if (apostrophe && d.size() == 3 && d[2] == 's' && d[1] == '0' && digit(d[0])) return two_digit_decade(d[0], reference_year);
  return 0;
}

// "the nineties": 1990; 0 for other words.
constexpr std::string_view kDecadeWords[] = {"twenties", "thirties", "forties", "fifties",
                                             "sixties",  "seventies", "eighties", "nineties"};

int word_decade(std::string_view w) {
  for (int k = 0; k < 8; ++k)
    if (w == kDecadeWords[k]) return 1920 + 10 * k;
  return 0;
}

// Nouns for an event on a calendar, which make "its June premiere" or "the 2019 series" temporal.
constexpr std::string_view kEventNouns[] = {
    "premiere", "premieres", "debut",  "release", "releases", "finale",   "launch",  "slate",   "lineup",
    "line-up",  "schedule",  "return", "rollout", "broadcast", "opening", "bow",     "run",     "window",
    "series",   "film",      "movie",  "anime",   "remake",   "revival",  "reboot",  "adaptation", "original",
    "version",  "show",      "special", "pilot",  "edition",  "earnings", "results", "report"};

// Words that point a date without a year forward ("will return on", "premieres on") or back
// ("premiered on", "two years ago"). Regular past tenses are recognized by their "-ed".
constexpr std::string_view kFutureCues[] = {
    "will",    "'ll",      "shall",   "set",     "slated",  "scheduled", "expected", "planned", "plans",
    "plan",    "hopes",    "hope",    "aims",    "targeting", "targets", "penciled", "pencilled", "booked",
    "coming",  "upcoming", "due",     "next",    "soon",    "returns",   "premieres", "debuts",  "arrives",
    "airs",    "streams",  "drops",   "lands",   "launches", "opens",    "begins",   "starts",  "hits",
    "kicks",   "comes",    "bows",    "concludes", "ends",  "resumes",   "continues", "follows", "wraps",
    "ahead",   "would",    "should",  "could",   "might",   "must",      "runs"};

constexpr std::string_view kPastIrregular[] = {
    "was",   "were",   "had",   "did",   "ago",    "last",   "since", "began", "begun", "ran",  "went",
    "came",  "took",   "made",  "got",   "shot",   "saw",    "said",  "told",  "left",  "held", "won",
    "became", "fell",  "rose",  "grew",  "drew",   "wrote",  "spent", "sold",  "cut",   "bought", "brought",
    "led",   "met",    "gave",  "kept",  "lost",   "paid",   "sent",  "broke", "spoke", "found", "previously"};
// "-ed" verbs, but not the adjectives and future-pointing participles that share the ending.
constexpr std::string_view kNotPast[] = {
    "scheduled", "slated",   "expected", "planned",  "rumored",   "rumoured", "supposed", "anticipated",
    "animated",  "scripted", "unscripted", "limited", "based",    "related",  "united",   "hundred",
    "interested", "excited", "beloved",  "acclaimed", "talented", "celebrated", "titled", "untitled",
    "need",      "feed",     "speed",    "seed",     "indeed",    "red",      "bed",      "penciled",
    "pencilled", "booked",   "delayed",  "dubbed",   "subbed",    "named",    "called",   "aged"};

// Verbs that move a date: "pushed from October to January" names two dates, not a span.
constexpr std::string_view kMovingVerbs[] = {"pushed", "moved", "delayed", "postponed", "shifted", "bumped",
                                             "pushing", "moving", "delaying", "push", "move", "delay",
                                             "postpone", "shift", "rescheduled", "changed"};

// Words that can begin a temporal expression besides months, weekdays, numbers and hyphenated
// words: most words cannot, and skipping them keeps the pass fast.
constexpr std::string_view kStartWords[] = {
    "sept", "winter", "spring", "summer", "fall", "autumn", "the", "early", "earlier", "late", "later", "mid",
    "middle", "by", "at", "end", "q1", "q2", "q3", "q4", "h1", "h2", "next", "this", "last", "coming", "past",
    "previous", "in", "within", "over", "a", "an", "few", "several", "couple", "recently", "soon", "yesterday",
    "today", "tomorrow", "tonight", "between", "from", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "first", "second", "third", "fourth", "back", "latter", "front"};

// Words that can be a role cue themselves (see may_be_cue()).
constexpr std::string_view kCueWords[] = {
    "air", "aired", "airing", "airs", "animation", "available", "back", "began", "begin", "begins", "bowed",
    "bows", "bumped", "cameras", "canceled", "cancellation", "cancelled", "casting", "clip", "comes", "coming",
    "committed", "concluded", "concludes", "dated", "deal", "delayed", "drop", "dropped", "dropping", "drops",
    "due", "earnings", "end", "ended", "ends", "episode", "expect", "expected", "expects", "filmed", "filming",
    "finale", "follow", "followed", "following", "follows", "footage", "halted", "hit", "hits", "interview",
    "kick", "kicked", "kicks", "land", "landed", "landing", "lands", "launch", "launched", "launches",
    "launching", "licence", "license", "lined", "lineup", "live", "livestream", "moved", "nominations", "open",
    "opened", "opens", "order", "ordered", "orders", "out", "panel", "paused", "penciled", "pencilled",
    "photography", "pick", "picked", "picks", "pickup", "planned", "post-production", "poster", "posters",
    "postponed", "pre-production", "presentation", "production", "pushed", "ran", "recording", "release",
    "rescued", "resume", "resumed", "resumes", "reveal", "revealed", "reveals", "rights", "rolled", "rolls",
    "run", "running", "runs", "said", "says", "schedule", "scheduled", "screeners", "set", "shifted", "shooting",
    "shot", "shutdown", "signed", "signs", "slate", "slated", "slipped", "slotted", "start", "started", "starts",
    "streamer", "streamers", "strike", "strikes", "subscriber", "subscribers", "targeting", "targets", "teaser",
    "teasers", "told", "trailer", "trailers", "unveil", "unveiled", "unveils", "upfront", "visual", "walkout",
    "window", "wrap", "wrapped", "wrapping", "wraps", "writing"};

// Promotional material and business news have dates of their own: "dropped the trailer three
// weeks ago", "the Q2 earnings call", "the cancellation followed in December".
constexpr std::string_view kOtherNouns[] = {
    "trailer", "trailers", "teaser", "teasers", "visual", "poster", "posters", "footage", "clip",
    "screeners", "earnings", "nominations", "interview", "cancellation", "cancelled", "canceled",
    "subscribers", "subscriber", "livestream", "strike", "strikes", "walkout", "panel",
    "presentation", "upfront", "rights", "deal", "license", "licence"};

// Index of a full weekday name, 0 Monday; -1 for other words.
int weekday_index(std::string_view w) {
  for (int d = 0; d < 7; ++d)
    if (w == kWeekdays[d]) return d;
  return -1;
}

// Which of the word lists above hold a word. Bits marked "less a final period" hold the word
// without one ("Oct." is "oct"), as month_of() reads it.
enum WordBit : std::uint32_t {
  kMonthWord = 1u << 0,    // month names and abbreviations (less a final period)
  kWeekdayWord = 1u << 1,  // kWeekdays (less a final period)
  kStartWord = 1u << 2,    // months, weekdays, kStartWords (less a final period)
  kSeasonWord = 1u << 3,
  kEventNoun = 1u << 4,
  kFutureCue = 1u << 5,
  kPastIrregularWord = 1u << 6,
  kNotPastWord = 1u << 7,
  kMovingVerb = 1u << 8,
  kCueWord = 1u << 9,
  kOtherNoun = 1u << 10,
  kDecadeWord = 1u << 11,
  // Not list membership: set on Lex::bits from the rules that use the lists.
  kMayStart = 1u << 12,  // the token can begin a temporal expression
  kPastCue = 1u << 13,   // a past-tense cue (see lex_of)
};
constexpr std::uint32_t kStrippedBits = kMonthWord | kWeekdayWord | kStartWord;

// Word -> WordBit set, open addressing. Every token of an article is looked up once, so this is a
// small table with a cheap hash rather than one std::unordered_set per list.
class WordTable {
 public:
  WordTable() {
    auto add_all = [&](auto const& words, std::uint32_t bit) {
      for (std::string_view w : words) add(w, bit);
    };
    add_all(kMonths, kMonthWord | kStartWord);
    add_all(kMonthAbbrevs, kMonthWord | kStartWord);
    add("sept", kMonthWord);
    add_all(kWeekdays, kWeekdayWord | kStartWord);
    add_all(kStartWords, kStartWord);
    for (std::string_view w : {"winter", "spring", "summer", "fall", "autumn"}) add(w, kSeasonWord);
    add_all(kEventNouns, kEventNoun);
    add_all(kFutureCues, kFutureCue);
    add_all(kPastIrregular, kPastIrregularWord);
    add_all(kNotPast, kNotPastWord);
    add_all(kMovingVerbs, kMovingVerb);
    add_all(kCueWords, kCueWord);
    add_all(kOtherNouns, kOtherNoun);
    add_all(kDecadeWords, kDecadeWord);
  }

  std::uint32_t find(std::string_view w) const {
    // Most words are ruled out by their first byte and length alone.
    if (w.empty() || w.size() >= 32) return 0;
    if (!(lengths_[static_cast<unsigned char>(w[0])] >> w.size() & 1)) return 0;
    for (std::uint32_t h = hash(w);; h = (h + 1) & kMask) {
      const Slot& s = slots_[h];
      if (!s.bits) return 0;
      if (s.word.size() == w.size() && std::equal(w.begin(), w.end(), s.word.begin())) return s.bits;
    }
  }

 private:
  static constexpr int kBits = 10;
  static constexpr std::uint32_t kSize = 1u << kBits, kMask = kSize - 1;  // at most half full
  struct Slot {
    std::string_view word;
    std::uint32_t bits = 0;
  };

  // The length and three bytes tell the listed words apart well enough for a table this sparse.
  static std::uint32_t hash(std::string_view w) {
    auto byte = [](char c) { return static_cast<std::uint32_t>(static_cast<unsigned char>(c)); };
    const std::uint32_t key = byte(w[0]) | byte(w[w.size() / 2]) << 8 | byte(w.back()) << 16 |
                              static_cast<std::uint32_t>(w.size()) << 24;
    return (key * 2654435761u) >> (32 - kBits);
  }

  void add(std::string_view w, std::uint32_t bits) {
    lengths_[static_cast<unsigned char>(w[0])] |= 1u << w.size();
    for (std::uint32_t h = hash(w);; h = (h + 1) & kMask) {
      Slot& s = slots_[h];
      if (!s.bits || s.word == w) {
        s.word = w;
        s.bits |= bits;
        return;
      }
    }
  }

  std::array<Slot, kSize> slots_{};
  std::array<std::uint32_t, 256> lengths_{};  // by first byte, bit n: a word of n bytes (all are under 32)
};

// What the rules ask of one token, worked out once: each field is the function of the same name
// on the token's normalized form.
struct Lex {
  std::uint32_t bits = 0;  // WordBit
  std::int16_t year = 0;   // year_of
  std::int8_t month = 0;   // month_of
  std::int8_t day = 0;     // day_of
  std::int8_t season = 0;  // season_of
  std::int8_t weekday = -1;  // weekday_index
};

// Fills x in place (returning the small struct cost a stall per token).
void lex_of(std::string_view w, TokenKind kind, Lex& x) {
  static const WordTable kTable;
  x = Lex();
  if (w.empty()) return;
  std::string_view key = w;
  const bool period = key.back() == '.';  // "Oct."
  if (period) key.remove_suffix(1);
  const std::uint32_t found = kTable.find(key);
  // No list holds a word with a final period, so the other lists only match when there is none.
  const std::uint32_t bits = period ? (found & kStrippedBits) : found;
  x.bits = bits & ~(kPastIrregularWord | kNotPastWord);
  if (bits & kMonthWord) x.month = static_cast<std::int8_t>(month_of(w));
  if (bits & kSeasonWord) x.season = static_cast<std::int8_t>(season_of(w));
  if (bits & kWeekdayWord) x.weekday = static_cast<std::int8_t>(weekday_index(w));
  if (w[0] >= '0' && w[0] <= '9') {
    x.year = static_cast<std::int16_t>(year_of(w));
    x.day = static_cast<std::int8_t>(day_of(w));
  }
  // Past tense: the irregular verbs, and "-ed" words but kNotPast ("long-rumored" is an adjective).
  const bool hyphen = std::find(w.begin(), w.end(), '-') != w.end();
  if ((bits & kPastIrregularWord) ||
      (w.size() >= 5 && w.substr(w.size() - 2) == "ed" && !(bits & kNotPastWord) && !hyphen))
    x.bits |= kPastCue;
  if (kind == TokenKind::kNumber || (w[0] >= '0' && w[0] <= '9') || w[0] == '\'' || hyphen ||
      (bits & kStartWord))  // "mid-2021", "April-June", "twenty-four"
    x.bits |= kMayStart;
}

// ISO 8601 week number and its year.
std::pair<int, int> iso_week(const CivilDate& d) {
  const int wd = d.day_of_week();  // 0 Monday
  const CivilDate thursday = d.add_days(3 - wd);
  const CivilDate jan1{thursday.year, 1, 1};
  return {thursday.year, static_cast<int>((thursday.to_days() - jan1.to_days()) / 7 + 1)};
}

// The normalized forms of a sentence's tokens and their lex_of(), into norms and lex.
void lex_sentence(const Document& doc, const Sentence& s, std::vector<std::string_view>& norms, std::vector<Lex>& lex) {
  const auto tokens = doc.tokens(s);
  norms.resize(tokens.size());
  lex.resize(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    norms[i] = doc.normalized(tokens[i]);
    lex_of(norms[i], tokens[i].kind, lex[i]);
  }
}

class SentenceParser {
 public:
  // norms and lex: the normalized forms of the sentence's tokens and their lex_of().
  SentenceParser(const Document& doc, const Sentence& s, std::span<const std::string_view> norms,
                 std::span<const Lex> lex, const std::optional<CivilDate>& reference, const DateOptions& options)
      : doc_(doc), tokens_(doc.tokens(s)), norms_(norms), lex_(lex), reference_(reference), options_(options) {}

  // Appends the sentence's temporal expressions to out.
  void run(std::vector<TemporalExpression>& out) {
    for (std::size_t i = 0; i < norms_.size();) {
      std::optional<Match> m = match_at(i);
      if (!m) {
        ++i;
        continue;
      }
      const bool dated = m->from.year != 0 && !m->to && m->special.empty();
      out.push_back(finish(i, *m));
      last_end_ = m->end + 1;  // where a date joined by "and" or "or" would start
      if (dated) anchors_.push_back({i, m->end, m->from});
      i = m->end;
    }
  }

 private:
  std::string_view n(std::size_t i) const { return i < norms_.size() ? norms_[i] : std::string_view(); }

  // lex_of(n(i)): past the end, that of the empty word.
  const Lex& lex(std::size_t i) const {
    static constexpr Lex kNone;
    return i < lex_.size() ? lex_[i] : kNone;
  }
  int month_at(std::size_t i) const { return lex(i).month; }
  int year_at(std::size_t i) const { return lex(i).year; }
  int day_at(std::size_t i) const { return lex(i).day; }
  int season_at(std::size_t i) const { return lex(i).season; }
  int weekday_at(std::size_t i) const { return lex(i).weekday; }
  bool weekday_word_at(std::size_t i) const { return lex(i).bits & kWeekdayWord; }
  bool event_noun_at(std::size_t i) const { return lex(i).bits & kEventNoun; }
  bool moving_verb_at(std::size_t i) const { return lex(i).bits & kMovingVerb; }
  int decade_word_at(std::size_t i) const { return lex(i).bits & kDecadeWord ? word_decade(n(i)) : 0; }

  // The year stated for a date without one at tokens [i, end): the nearest before it in its
  // clause, else one right after it ("July and September 2021"). A ";" ends the clause, and "now"
  // turns from an old plan to the present ("originally slated for October 15, 2021, will now
  // stream on July 3"), so the year before it does not carry.
  int sentence_year(std::size_t i, std::size_t end, std::size_t* at = nullptr) const {
    for (std::size_t k = i; k-- > 0;) {
      if (n(k) == ";" || n(k) == "now") break;
      if (int y = year_at(k); y && is_date_year(k)) {
        if (at) *at = k;
        return y;
      }
    }
    for (std::size_t k = end; k < norms_.size() && k < end + 4; ++k) {
      if (n(k) == ";" || n(k) == ".") break;
      if (int y = year_at(k); y && is_date_year(k)) return y;
    }
    return 0;
  }

  // A year token that belongs to a date (not "1899" the show or "2019 fans").
  bool is_date_year(std::size_t k) const {
    if (k == 0) return false;
    const std::string_view p = n(k - 1);
    if (month_at(k - 1) || season_at(k - 1)) return true;
    if (p.size() == 2 && (p[0] == 'q' || p[0] == 'h') && p[1] >= '1' && p[1] <= '4') return true;
    return one_of(p, ",", "in", "of", "since", "by", "until", "early", "late", "mid", "from", "to", "through",
                  "between", "during", "into");
  }

  std::optional<Point> month_day_year(std::size_t i, std::size_t* end) const {
    // [weekday ,] Month Day [,] [Year]   |   Day Month [,] [Year]   |   the Day of Month
    std::size_t k = i;
    if (weekday_word_at(k)) {
      ++k;
      if (n(k) == ",") ++k;
    }
    Point p;
    p.unit = Unit::kDay;
    if (int m = month_at(k); m && day_at(k + 1) && !(k + 2 < norms_.size() && n(k + 2) == ":")) {
      p.month = m;
      p.day = day_at(k + 1);
      k += 2;
    } else if (int d = day_at(k); d && month_word(k + 1)) {
      p.day = d;
      p.month = month_word(k + 1);
      k += 2;
    } else if (n(k) == "the" && day_at(k + 1) && n(k + 2) == "of" && month_at(k + 3)) {
      p.day = day_at(k + 1);
      p.month = month_at(k + 3);
      k += 4;
    } else {
      return std::nullopt;
    }
    std::size_t y = k;
    if (n(y) == "," || n(y) == "of") ++y;
    if (int year = year_at(y)) {
      p.year = year;
      k = y + 1;
    }
    if (!CivilDate::valid(p.year ? p.year : 2000, p.month, p.day)) return std::nullopt;
    *end = k;
    return p;
  }

  bool capitalized(std::size_t i) const { return i < tokens_.size() && tokens_[i].has(kCapitalized); }

  // A month name that is a date here: "may" and "march" are also a verb, so they need a capital.
  int month_word(std::size_t i) const {
    const int mo = month_at(i);
    if (!mo || ((n(i) == "may" || n(i) == "march") && !capitalized(i))) return 0;
    return mo;
  }

  // A decade at i: "the 1990s", "1990s", "the nineties", and "'90s" after "the", "of", "and"...
  // (not in a title such as "That '70s Show"). Returns the first year and sets *end.
  int reference_year() const { return reference_ ? reference_->year : 0; }

  int decade_at(std::size_t i, std::size_t* end) const {
    // Every form starts with a digit, an apostrophe or (after "the") a decade word: most tokens
    // are none of these.
    {
      const bool the = n(i) == "the";
      const std::string_view d = n(the ? i + 1 : i);
      if (d.empty() || !((d[0] >= '0' && d[0] <= '9') || d == "'" || (the && (lex(i + 1).bits & kDecadeWord))))
        return 0;
    }
    // "in their early 20s", "his mid 80's": ages, not decades.
    for (std::size_t b = i; b-- > 0 && i - b <= 4;) {
      const std::string_view w = n(b);
      if (w == "the" || w == "." || w == ",") break;
      if (w == "their" || w == "his" || w == "her" || w == "my" || w == "your" || w == "our") return 0;
    }
    std::size_t k = i;
    const bool the = n(k) == "the";
    if (the) ++k;
    if (int d = decade_of(n(k), false, reference_year())) {
      *end = k + 1;
      return d;
    }
    // "the 1960's", "the early 1980's", "the 80's" (not "2010's biggest hits").
    // (The tokenizer splits "1960's" into "1960", "'", "s".)
    const bool apostrophe_s = n(k + 1) == "'" && n(k + 2) == "s" && tokens_.size() > k + 2 &&
                              tokens_[k + 1].begin == tokens_[k].end && tokens_[k + 2].begin == tokens_[k + 1].end;
    if (const std::string_view y = n(k); apostrophe_s && !y.empty() && y.back() == '0') {
      const std::string_view prev = i > 0 ? n(i - 1) : std::string_view();
      const bool context = the || prev == "early" || prev == "mid" || prev == "late" ||
                           ((prev == "and" || prev == "or" || prev == "&") && last_end_ == i);
      int d = year_of(y);
      if (!d && y.size() == 2 && y[0] >= '0' && y[0] <= '9') d = two_digit_decade(y[0], reference_year());
      if (d && context) {
        *end = k + 3;
        return d;
      }
    }
    if (n(k) == "'") {
      const std::string_view prev = i > 0 ? n(i - 1) : std::string_view();
      bool context = the;
      context = context ||
                one_of(prev, "of", "and", "or", "in", "early", "late", "mid", "from", "to", "since", "&", "during");
      if (int d = decade_of(n(k + 1), true, reference_year()); d && context) {
        *end = k + 2;
        return d;
      }
    }
    if (the) {
      if (int d = decade_word_at(k)) {
        *end = k + 1;
        return d;
      }
    }
    return 0;
  }

  // The reference date's weekday-relative day: dir < 0 the latest on or before it (strictly
  // before when strict: "last Friday"), dir >= 0 the next on or after it.
  std::optional<CivilDate> weekday_date(int weekday, int dir, bool strict) const {
    if (!reference_) return std::nullopt;
    const int r = reference_->day_of_week();
    if (dir < 0) {
      int back = (r - weekday + 7) % 7;
      if (strict && back == 0) back = 7;
      return reference_->add_days(-back);
    }
    int ahead = (weekday - r + 7) % 7;
    if (strict && ahead == 0) ahead = 7;
    return reference_->add_days(ahead);
  }

  Match relative_point(const CivilDate& d, std::size_t end) const {
    Match m;
    m.relative = true;
    m.form = "relative";
    m.from.unit = Unit::kDay;
    m.from.year = d.year;
    m.from.month = d.month;
    m.from.day = d.day;
    m.end = end;
    return m;
  }

  // A year after "of" in "the second half of 2021 / of next year / of the year": the year, 0
  // for "the year" (resolved like a date without a year), -1 when none; *relative is set for
  // "next year", *end past the words.
  int year_after_of(std::size_t k, std::size_t* end, bool* relative, bool* unresolved) const {
    if (int y = year_at(k)) {
      *end = k + 1;
      return y;
    }
    if (n(k) == "the" && n(k + 1) == "year") {
      *end = k + 2;
      return 0;
    }
    const std::string_view a = n(k);
    if ((a == "next" || a == "last" || a == "this" || a == "the") && n(k + 1) == "year") {
      *relative = true;
      *end = k + 2;
      if (!reference_) {
        *unresolved = true;
        return 0;
      }
      return reference_->year + (a == "next" ? 1 : a == "last" ? -1 : 0);
    }
    return -1;
  }

  // A single point at i (no ranges): returns the point and its form.
  std::optional<Match> point_at(std::size_t i) const {
    if (i >= tokens_.size()) return std::nullopt;  // "early" as the last token
    Match m;
    std::size_t end = 0;
    const std::string_view w = n(i);
    const std::string_view prev = i > 0 ? n(i - 1) : std::string_view();
    // Modifiers: early / mid / late / the end of / the beginning of. "later" and "earlier" ("later
    // this year") only point at the rest of a period: the value keeps no modifier.
    std::optional<std::string> mod;
    bool rest_of = false;
    std::size_t k = i;
    const std::size_t s0 = (w == "the" && (n(i + 1) == "early" || n(i + 1) == "late" || n(i + 1) == "mid")) ? i + 1 : i;
    const std::string_view mw = n(s0);
    if (mw == "early") { mod = "START"; k = s0 + 1; }
    else if (mw == "late") { mod = "END"; k = s0 + 1; }
    else if (w == "later" || w == "earlier") { mod = w == "later" ? "END" : "START"; rest_of = true; k = i + 1; }
    else if (mw == "mid" || w == "middle") { mod = "MID"; k = s0 + 1; if (n(k) == "-") ++k; if (n(k) == "of") ++k; }
    else if ((w == "the" || w == "by" || w == "at") && (n(i + 1) == "end" || n(i + 1) == "beginning" || n(i + 1) == "start" ||
                                          n(i + 1) == "middle") && n(i + 2) == "of") {
      mod = n(i + 1) == "end" ? "END" : n(i + 1) == "middle" ? "MID" : "START";
      k = i + 3;
    } else if (w == "end" && n(i + 1) == "of") { mod = "END"; k = i + 2; }
    else if (w.size() > 4 && (w.substr(0, 4) == "mid-" || w.substr(0, 6) == "early-" || w.substr(0, 5) == "late-")) {
      // "mid-2021" is one hyphenated token.
      const std::size_t hy = w.find('-');
      const std::string_view rest = w.substr(hy + 1);
      if (int y = year_of(rest)) {
        m.from.unit = Unit::kYear;
        m.from.year = y;
        m.from.mod = w[0] == 'm' ? "MID" : w[0] == 'e' ? "START" : "END";
        m.form = "early_mid_late";
        m.end = i + 1;
        return m;
      }
      if (int mo = month_of(rest)) {
        m.from.unit = Unit::kMonth;
        m.from.month = mo;
        m.from.mod = w[0] == 'm' ? "MID" : w[0] == 'e' ? "START" : "END";
        if (int y = year_at(i + 1)) { m.from.year = y; m.end = i + 2; } else { m.end = i + 1; }
        m.form = "early_mid_late";
        return m;
      }
    }
    if (mod) {
      if (n(k) == "in") ++k;  // "later in 2021"
      m.form = "early_mid_late";
      if (int y = year_at(k); y && n(k + 1) != "-" && !(n(k + 1) == "'" && n(k + 2) == "s")) {  // "late 2021": a year after a modifier needs no other context
        m.from.unit = Unit::kYear;
        m.from.year = y;
        if (!rest_of) m.from.mod = mod;
        m.end = k + 1;
        return m;
      }
      if (std::size_t e = 0; int d = decade_at(k, &e)) {  // "the early 1990s", "the late '90s"
        m.from.unit = Unit::kDecade;
        m.from.year = d;
        if (!rest_of) m.from.mod = mod;
        m.end = e;
        return m;
      }
      if (int mo = month_word(k); mo && !day_at(k + 1)) {  // "early April", "the end of October"
        m.from.unit = Unit::kMonth;
        m.from.month = mo;
        if (!rest_of) m.from.mod = mod;
        m.end = k + 1;
        if (int y = year_at(k + 1)) { m.from.year = y; m.end = k + 2; }
        return m;
      }
      // "the end of the month", "the middle of the year": the current one.
      if (!rest_of && n(k) == "the" && (n(k + 1) == "month" || n(k + 1) == "year")) {
        m.relative = true;
        m.from.mod = mod;
        m.end = k + 2;
        if (n(k + 1) == "year") {
          m.from.unit = Unit::kYear;  // the year from the sentence, else the reference's
          return m;
        }
        if (!reference_) { m.special = "UNRESOLVED"; return m; }
        m.from.unit = Unit::kMonth;
        m.from.year = reference_->year;
        m.from.month = reference_->month;
        return m;
      }
      std::optional<Match> inner = point_at(k);
      if (!inner || inner->to || inner->from.mod) return std::nullopt;
      if (inner->relative) {
        // "early next year" is modified; "later this year" is the rest of it.
        if (!rest_of && inner->special.empty()) {
          inner->from.mod = mod;
          inner->form = "early_mid_late";
        }
        return inner;
      }
      if (!inner->special.empty()) return std::nullopt;
      if (inner->from.unit == Unit::kYear || inner->from.unit == Unit::kMonth || inner->from.unit == Unit::kSeason) {
        if (!rest_of) inner->from.mod = mod;
        if (inner->form == "year" || inner->form == "month_year" || inner->form == "season" || inner->form == "partial_date")
          inner->form = "early_mid_late";
        return inner;
      }
      return std::nullopt;
    }
    if (auto p = month_day_year(i, &end)) {
      m.from = *p;
      m.end = end;
      m.form = p->year ? "full_date" : "partial_date";
      return m;
    }
    // Numeric and ISO dates are single tokens; an ISO date with a time ("2024-03-21T07:00:00Z")
    // takes the time's tokens along.
    // (Both separators are the same '/', '-' or '.': a token without two of one is not a date,
    // and most numbers are not, so they skip the costly sscanf.)
    auto two_of = [&](char c) { return std::count(w.begin(), w.end(), c) >= 2; };
    if ((tokens_[i].kind == TokenKind::kNumber || (w.size() > 11 && w[10] == 't')) &&
        (two_of('/') || two_of('-') || two_of('.'))) {
      int a = 0, b = 0, c = 0, used = 0;
      char s1 = 0, s2 = 0;
      const std::string token(w);
      if (std::sscanf(token.c_str(), "%d%c%d%c%d%n", &a, &s1, &b, &s2, &c, &used) == 5 && s1 == s2 &&
          (s1 == '/' || s1 == '-' || s1 == '.') && a >= 0 && b >= 0 && c >= 0) {
        const std::string_view rest = w.substr(used);
        const bool iso = a >= 1000 && s1 == '-';
        if (rest.empty() || (iso && rest[0] == 't')) {
          Point p;
          p.unit = Unit::kDay;
          if (a >= 1000) {
            p.year = a; p.month = b; p.day = c;
            m.form = iso ? "iso_date" : "numeric_date";
          } else {
            // Two-digit years: this century up to ten years past the reference ("03/27/20"), else
            // the last one ("12/15/66").
            const int pivot = (reference_ ? reference_->year % 100 : 30) + 10;
            p.year = c >= 100 ? c : c <= pivot ? 2000 + c : 1900 + c;
            p.month = options_.us_numeric_order ? a : b;
            p.day = options_.us_numeric_order ? b : a;
            // "29/09/2023" can only be day first, "09/29/2023" only month first.
            if (!CivilDate::valid(p.year, p.month, p.day) && CivilDate::valid(p.year, p.day, p.month))
              std::swap(p.month, p.day);
            m.form = "numeric_date";
          }
          if (CivilDate::valid(p.year, p.month, p.day)) {
            m.from = p;
            m.end = i + 1;
            if (!rest.empty()) {
              // The time's tokens touch each other: "T07", ":", "00", ":", "00Z" (a "." or ":" only
              // before more digits).
              auto digit_at = [&](std::size_t t) {
                return t < tokens_.size() && tokens_[t].begin == tokens_[t - 1].end && !n(t).empty() &&
                       n(t)[0] >= '0' && n(t)[0] <= '9';
              };
              while (m.end < tokens_.size() && tokens_[m.end].begin == tokens_[m.end - 1].end &&
                     (((n(m.end) == ":" || n(m.end) == ".") && digit_at(m.end + 1)) || digit_at(m.end)))
                ++m.end;
            }
            return m;
          }
        }
      }
    }
    // Month [of] Year
    if (int mo = month_at(i)) {
      std::size_t y = i + 1;
      if (n(y) == "of" || n(y) == ",") ++y;
      if (int year = year_at(y)) {
        m.from.unit = Unit::kMonth;
        m.from.month = mo;
        m.from.year = year;
        m.end = y + 1;
        m.form = "month_year";
        return m;
      }
      // "September of last year", "in March next year".
      if (const std::string_view a = n(y); (a == "last" || a == "next" || a == "this") && n(y + 1) == "year" &&
                                           (month_word(i) || y > i + 1)) {
        m.relative = true;
        m.form = "relative";
        m.end = y + 2;
        if (!reference_) {
          m.special = "UNRESOLVED";
          return m;
        }
        m.from.unit = Unit::kMonth;
        m.from.month = mo;
        m.from.year = reference_->year + (a == "next" ? 1 : a == "last" ? -1 : 0);
        return m;
      }
      // A bare month is a date after a temporal preposition ("in April", "pushed to July") or
      // before an event ("its June premiere").
      if (month_word(i)) {
        bool temporal = event_noun_at(i + 1) && capitalized(i);
        temporal = temporal || one_of(prev, "in", "until", "till", "since", "by", "through", "from", "before",
                                      "after", "during", "for", "to", "between", "into");
        // "the month of October", "the last week of May"; not "Born on the Fourth of July".
        if (prev == "of" && i > 1) {
          temporal = temporal || one_of(n(i - 2), "month", "week", "weeks", "part", "half", "rest", "start", "end",
                                        "beginning", "middle", "days");
        }
        if ((prev == "and" || prev == "or") && i > 1 && month_at(i - 2)) temporal = true;
        if (temporal) {
          m.from.unit = Unit::kMonth;
          m.from.month = mo;
          m.end = i + 1;
          m.form = "partial_date";
          return m;
        }
      }
    }
    // Season [of] Year
    if (int se = season_at(i)) {
      std::size_t y = i + 1;
      if (n(y) == "of") ++y;
      if (int year = year_at(y)) {
        m.from.unit = Unit::kSeason;
        m.from.sub = se;
        m.from.year = year;
        m.end = y + 1;
        m.form = "season";
        return m;
      }
    }
    // A season without a year after a preposition ("by spring", "in the fall"): the next one
    // (the current one included), or the latest one in the past tense.
    {
      const std::size_t s = w == "the" ? i + 1 : i;
      bool anchored = false;
      anchored = anchored ||
                 one_of(prev, "in", "by", "until", "till", "for", "since", "through", "during", "before", "after");
      if (const int se = season_at(s); se && anchored && n(s + 1) != "of" && !year_at(s + 1)) {
        m.relative = true;
        m.form = "relative";
        m.end = s + 1;
        if (!reference_) {
          m.special = "UNRESOLVED";
          return m;
        }
        const int current = (reference_->month - 1) / 3 + 1;
        const int dir = direction_near(i, s + 1);
        m.from.unit = Unit::kSeason;
        m.from.sub = se;
        m.from.year = reference_->year + (dir >= 0 && se < current ? 1 : dir < 0 && se > current ? -1 : 0);
        return m;
      }
    }
    // Quarters and halves: "Q3 2021", "H2 2021"; without a year after a preposition or a
    // determiner ("its Q2 earnings", "coming in H2"), the year is the sentence's or the reference's.
    if (w.size() == 2 && ((w[0] == 'q' && w[1] >= '1' && w[1] <= '4') || (w[0] == 'h' && (w[1] == '1' || w[1] == '2')))) {
      m.from.unit = w[0] == 'q' ? Unit::kQuarter : Unit::kHalf;
      m.from.sub = w[1] - '0';
      m.form = w[0] == 'q' ? "quarter" : "half";
      if (int year = year_at(i + 1)) {
        m.from.year = year;
        m.end = i + 2;
        return m;
      }
      bool anchored = event_noun_at(i + 1);
      anchored = anchored || one_of(prev, "in", "for", "by", "during", "its", "the", "their", "of", "since", "until",
                                    "a", "before", "after", "from", "to", "through", "and", "'s");
      if (anchored) {
        m.end = i + 1;
        return m;
      }
    }
    // "the third quarter of 2020", "the first half of next year", "the second half of the year";
    // "the fourth quarter" alone is the sentence's or the reference's.
    {
      std::size_t s = i;
      if (w == "the") ++s;
      const std::string_view which = n(s);
      const bool part = n(s + 1) == "quarter" || n(s + 1) == "half";
      const auto ord = part ? parse_ordinal(which) : std::nullopt;  // (only when it can matter)
      if ((ord || which == "back" || which == "latter" || which == "front") && part) {
        const bool half = n(s + 1) == "half";
        const int sub = ord ? *ord : (which == "front" ? 1 : 2);
        if (sub >= 1 && sub <= (half ? 2 : 4)) {
          m.from.unit = half ? Unit::kHalf : Unit::kQuarter;
          m.from.sub = sub;
          m.form = half ? "half" : "quarter";
          if (n(s + 2) == "of") {
            bool relative = false, unresolved = false;
            const int year = year_after_of(s + 3, &m.end, &relative, &unresolved);
            if (year >= 0) {
              m.from.year = year;
              m.relative = relative;
              if (unresolved) m.special = "UNRESOLVED";
              return m;
            }
          } else if (!half && w == "the") {
            m.end = s + 2;
            return m;
          }
        }
      }
    }
    // Decades: the 1990s, the '90s, the nineties
    if (std::size_t e = 0; int d = decade_at(i, &e)) {
      m.from.unit = Unit::kDecade;
      m.from.year = d;
      m.end = e;
      m.form = "decade";
      return m;
    }
    // US TV seasons (the 2019-20 season, the 2019-2020 TV season) and spans of years (2014-2016).
    if (int y1 = year_at(i); y1 && n(i + 1) == "-") {
      const std::string_view second = n(i + 2);
      int y2 = year_of(second);
      if (!y2 && second.size() == 2 && std::isdigit(static_cast<unsigned char>(second[0])) &&
          std::isdigit(static_cast<unsigned char>(second[1]))) {
        y2 = (y1 / 100) * 100 + std::atoi(std::string(second).c_str());
        if (y2 < y1) y2 += 100;
      }
      std::size_t s = i + 3;
      if (n(s) == "tv" || n(s) == "broadcast" || n(s) == "television") ++s;
      if (y2 == y1 + 1 && n(s) == "season") {
        m.from.unit = Unit::kMonth;
        m.from.year = y1;
        m.from.month = 9;
        Point to;
        to.unit = Unit::kMonth;
        to.year = y2;
        to.month = 5;
        m.to = to;
        m.end = s + 1;
        m.form = "tv_season";
        return m;
      }
      if (y2 > y1 && n(i + 3) != "season" && n(i + 3) != "seasons") {
        m.from.unit = Unit::kYear;
        m.from.year = y1;
        Point to;
        to.unit = Unit::kYear;
        to.year = y2;
        m.to = to;
        m.end = i + 3;
        m.form = "range";
        return m;
      }
    }
    if (auto r = relative_at(i)) return r;
    // A weekday after "on", "since", "by"...: the last one in the past tense, else the next.
    // Not a title ("Saturday Night Live") nor a slot that recurs ("on Sunday nights").
    if (const int wd = weekday_at(i); wd >= 0 && capitalized(i) && !(capitalized(i + 1) && n(i + 1) == "night") &&
                                         n(i + 1) != "nights" && n(i + 1) != "mornings" && n(i + 1) != "evenings" &&
                                         n(i + 1) != "afternoons") {
      bool anchored = false;
      anchored = anchored || one_of(prev, "on", "since", "by", "until", "till", "before", "after", "from");
      if (anchored) {
        const int dir = direction_near(i, i + 1);
        if (const auto d = weekday_date(wd, dir > 0 ? 1 : -1, false)) return relative_point(*d, i + 1);
        m.relative = true;
        m.form = "relative";
        m.special = "UNRESOLVED";
        m.end = i + 1;
        return m;
      }
    }
    // Bare years, when temporal.
    if (int y = year_at(i)) {
      const std::string_view next = n(i + 1);
      bool temporal_before = false;
      temporal_before = temporal_before || one_of(prev, "in", "since", "by", "until", "till", "of", "from", "during",
                                                  "before", "after", "through", "around", "circa", "(", "year", "to",
                                                  "into", "for", "between");
      // "in 2018 and 2019" joins dates; "1899 and 1923 are period dramas" joins titles.
      if ((prev == "and" || prev == "or") && last_end_ == i) temporal_before = true;
      // "the 2019 series", "its 2022 debut", "the 2003 Fullmetal Alchemist anime".
      bool temporal_after = false;
      if (prev == "the" || prev == "its" || prev == "their" || prev == "his" || prev == "her" || prev == "a" || prev == "an") {
        for (std::size_t k2 = i + 1; k2 < norms_.size() && k2 <= i + 5; ++k2) {
          if (event_noun_at(k2)) {
            temporal_after = true;
            break;
          }
          if (!(capitalized(k2) || n(k2) == "x" || n(k2) == "of" || n(k2) == ":") || (k2 == i + 1 && !capitalized(k2))) break;
        }
      }
      const bool not_a_date = next == "season" || next == "episode" || next == "episodes" || next == "fans" ||
                              next == "viewers" || next == "people" || next == "votes" || next == "minutes" ||
                              next == "seasons" || next == "copies" || next == "subscribers";
      if ((temporal_before || temporal_after) && !not_a_date) {
        m.from.unit = Unit::kYear;
        m.from.year = y;
        m.end = i + 1;
        m.form = "year";
        return m;
      }
    }
    return std::nullopt;
  }

  bool time_unit_at(std::size_t k) const {
    const std::string_view unit = n(k);
    return unit == "year" || unit == "years" || unit == "month" || unit == "months" || unit == "week" ||
           unit == "weeks" || unit == "day" || unit == "days";
  }

  std::optional<Match> relative_at(std::size_t i) const {
    Match m;
    m.relative = true;
    m.form = "relative";
    const std::string_view w = n(i);
    std::size_t k = i;
    if (w == "later" || w == "earlier" || w == "early" || w == "late") ++k;  // "later this year"
    const std::string_view a = n(k), b = n(k + 1);
    const bool direction_word = a == "next" || a == "this" || a == "last" || a == "coming" || a == "past" || a == "previous";
    if (direction_word) {
      const int dir = a == "next" || a == "coming" ? 1 : (a == "last" || a == "past" || a == "previous") ? -1 : 0;
      // "this Friday", "last Tuesday", "next Monday".
      if (const int wd = weekday_at(k + 1); wd >= 0 && (a == "this" || a == "last" || a == "next")) {
        const int tense = a == "this" ? (direction_near(k, k + 2) < 0 ? -1 : 1) : dir;
        if (const auto d = weekday_date(wd, tense, a != "this")) return relative_point(*d, k + 2);
        m.special = "UNRESOLVED";
        m.end = k + 2;
        return m;
      }
      if (b == "year" || b == "month" || b == "week" || season_at(k + 1)) {
        if (!reference_) {
          m.special = "UNRESOLVED";
        } else {
          const CivilDate& r = *reference_;
          if (b == "year") { m.from.unit = Unit::kYear; m.from.year = r.year + dir; }
          else if (b == "month") {
            int mo = r.month + dir, y = r.year;
            if (mo == 0) { mo = 12; --y; }
            if (mo == 13) { mo = 1; ++y; }
            m.from.unit = Unit::kMonth; m.from.year = y; m.from.month = mo;
          } else if (b == "week") {
            const auto [y, wk] = iso_week(r.add_days(7 * dir));
            m.from.unit = Unit::kWeek; m.from.year = y; m.from.sub = wk;
          } else {
            // Seasons: "next spring" is the first spring starting after the reference date;
            // "this fall" the one of the reference year; "last winter" the latest one before.
            const int se = season_at(k + 1);
            const int current = (r.month - 1) / 3 + 1;  // WI=1 (Jan-Mar) ... FA=4
            int year = r.year;
            if (dir > 0 && se <= current) ++year;
            if (dir < 0 && se >= current) --year;
            m.from.unit = Unit::kSeason; m.from.sub = se; m.from.year = year;
          }
        }
        m.end = k + 2;
        return m;
      }
    }
    // N years/months/weeks/days ago; in N years; N weeks from now; vague ones ("in a few
    // months", "in the coming weeks", "a few years ago", "in recent months"). "over two years"
    // and "within a week" are durations.
    {
      std::size_t s = i;
      const bool lead_in = w == "in" || w == "within" || w == "over";
      if (lead_in) ++s;
      int vague_dir = 0;  // +1 "the next", "the coming"; -1 "the past", "recent"
      if (lead_in && n(s) == "the" && (n(s + 1) == "next" || n(s + 1) == "coming")) { s += 2; vague_dir = 1; }
      else if (lead_in && n(s) == "the" && (n(s + 1) == "past" || n(s + 1) == "last")) { s += 2; vague_dir = -1; }
      else if (lead_in && n(s) == "coming") { s += 1; vague_dir = 1; }
      else if (lead_in && n(s) == "recent") { s += 1; vague_dir = -1; }
      int count = 0;  // -1: a vague number
      if (n(s) == "a" && n(s + 1) == "few") { count = -1; s += 2; }
      else if (n(s) == "a" && n(s + 1) == "couple" && n(s + 2) == "of") { count = 2; s += 3; }
      else if (n(s) == "few" || n(s) == "several") { count = -1; s += 1; }
      else if (n(s) == "couple" && n(s + 1) == "of") { count = 2; s += 2; }
      // (A number only counts before a unit: without one, nothing below fires either way.)
      else if (int c = time_unit_at(s + 1) ? small_number(n(s)) : 0; c > 0) { count = c; s += 1; }
      else if (vague_dir != 0) count = -1;
      const std::string_view unit = n(s);
      const bool unit_ok = time_unit_at(s);
      const bool ago = !lead_in && n(s + 1) == "ago";
      const bool from_now = !lead_in && n(s + 1) == "from" && n(s + 2) == "now";
      const bool ahead = lead_in && (w == "in" || vague_dir != 0);
      // In the past tense "in a month" is how long something took ("took it away in a month").
      // (Asked last: the tense is the costly part.)
      auto duration = [&] { return ahead && vague_dir == 0 && direction_near(i, s + 1) < 0; };
      if (count != 0 && unit_ok && (ahead || ago || from_now) && !duration()) {
        m.end = ago ? s + 2 : from_now ? s + 3 : s + 1;
        if (count < 0 || vague_dir != 0) {
          m.special = vague_dir < 0 || ago ? "PAST_REF" : "FUTURE_REF";
          return m;
        }
        if (!reference_) {
          m.special = "UNRESOLVED";
          return m;
        }
        const int signed_count = ago ? -count : count;
        const CivilDate& r = *reference_;
        if (unit[0] == 'y') { m.from.unit = Unit::kYear; m.from.year = r.year + signed_count; }
        else if (unit[0] == 'm') {
          int total = r.year * 12 + (r.month - 1) + signed_count;
          m.from.unit = Unit::kMonth; m.from.year = total / 12; m.from.month = total % 12 + 1;
        } else if (unit[0] == 'w') {
          const auto [y, wk] = iso_week(r.add_days(7 * signed_count));
          m.from.unit = Unit::kWeek; m.from.year = y; m.from.sub = wk;
        } else {
          const CivilDate d = r.add_days(signed_count);
          m.from.unit = Unit::kDay; m.from.year = d.year; m.from.month = d.month; m.from.day = d.day;
        }
        return m;
      }
    }
    if (w == "recently" || (w == "in" && n(i + 1) == "the" && n(i + 2) == "past" && !(n(i + 3) == "year"))) {
      m.special = "PAST_REF";
      m.end = w == "recently" ? i + 1 : i + 3;
      return m;
    }
    // "soon", but not "as soon as" or "soon after the premiere" (relative to an event).
    if (w == "soon" && n(i - 1) != "as" && n(i + 1) != "as" && n(i + 1) != "after" && n(i + 1) != "enough") {
      m.special = "FUTURE_REF";
      m.end = i + 1;
      return m;
    }
    if (w == "yesterday" || w == "today" || w == "tomorrow" || w == "tonight") {
      if (!reference_) { m.special = "UNRESOLVED"; m.end = i + 1; return m; }
      const CivilDate d = reference_->add_days(w == "yesterday" ? -1 : w == "tomorrow" ? 1 : 0);
      return relative_point(d, i + 1);
    }
    return std::nullopt;
  }

  std::optional<Match> match_at(std::size_t i) const {
    if (i >= tokens_.size()) return std::nullopt;
    const std::string_view w = n(i);
    if (!(lex(i).bits & kMayStart)) return std::nullopt;
    // Ranges: between X and Y, from X to Y, X-Y (months, days).
    // "pushed from the second half of 2020 to the first half of next year" moves a date: two dates.
    bool moved = false;
    if (w == "between" || w == "from")
      for (std::size_t k = i; k-- > 0 && i - k <= 3;) moved = moved || moving_verb_at(k);
    if ((w == "between" || w == "from") && !moved) {
      std::optional<Match> a = point_at(i + 1);
      if (!a) {
        if (int year = year_at(i + 1)) {  // "between 2006 and 2011": the year needs no other context here
          Match am;
          am.from.unit = Unit::kYear;
          am.from.year = year;
          am.end = i + 2;
          a = am;
        }
      }
      if (a && !a->to && a->special.empty()) {
        const std::string_view joiner = n(a->end);
        if ((w == "between" && joiner == "and") ||
            (w == "from" && (joiner == "to" || joiner == "through" || joiner == "until" || joiner == "-"))) {
          std::optional<Match> b = point_at(a->end + 1);
          // A bare month or year after the joiner: "between July and September 2021".
          if (!b) {
            if (int mo = month_at(a->end + 1)) {
              Match bm;
              bm.from.unit = Unit::kMonth;
              bm.from.month = mo;
              std::size_t y = a->end + 2;
              if (int year = year_at(y)) { bm.from.year = year; bm.end = y + 1; } else { bm.end = a->end + 2; }
              bm.form = "month_year";
              b = bm;
            } else if (int year = year_at(a->end + 1)) {
              Match bm;
              bm.from.unit = Unit::kYear;
              bm.from.year = year;
              bm.end = a->end + 2;
              b = bm;
            }
          }
          if (b && !b->to && b->special.empty()) {
            Match r = *a;
            r.to = b->from;
            r.end = b->end;
            r.form = "range";
            return r;
          }
        }
      }
      // "between July and September 2021" where the first part is a bare month.
      if (int mo = month_at(i + 1); mo && (n(i + 2) == "and" || n(i + 2) == "to" || n(i + 2) == "-" || n(i + 2) == "through")) {
        Match first;
        first.from.unit = Unit::kMonth;
        first.from.month = mo;
        first.end = i + 2;
        if (auto b = point_at(i + 3); b && !b->to && b->special.empty() && b->from.unit == Unit::kMonth) {
          Match r = first;
          r.to = b->from;
          r.end = b->end;
          r.form = "range";
          return r;
        }
        if (int mo2 = month_at(i + 3)) {
          Match r = first;
          Point to;
          to.unit = Unit::kMonth;
          to.month = mo2;
          std::size_t end = i + 4;
          if (int y = year_at(end)) { to.year = y; ++end; }
          r.to = to;
          r.end = end;
          r.form = "range";
          return r;
        }
      }
    }
    // Month D-D, YYYY and Month-Month YYYY
    if (int mo = month_at(i)) {
      if (int d1 = day_at(i + 1); d1 && n(i + 2) == "-" && day_at(i + 3)) {
        const int d2 = day_at(i + 3);
        std::size_t y = i + 4;
        if (n(y) == ",") ++y;
        Match r;
        r.from.unit = Unit::kDay; r.from.month = mo; r.from.day = d1;
        Point to = r.from;
        to.day = d2;
        if (int year = year_at(y)) { r.from.year = to.year = year; r.end = y + 1; } else { r.end = i + 4; }
        r.to = to;
        r.form = "range";
        if (d2 > d1) return r;
      }
      if (n(i + 1) == "-" && month_at(i + 2)) {
        Match r;
        r.from.unit = Unit::kMonth; r.from.month = mo;
        Point to;
        to.unit = Unit::kMonth; to.month = month_at(i + 2);
        if (int year = year_at(i + 3)) { r.from.year = to.year = year; r.end = i + 4; } else { r.end = i + 3; }
        r.to = to;
        r.form = "range";
        return r;
      }
    }
    // "April-June" as one token.
    if (const std::size_t dash = w.find('-'); dash != std::string_view::npos && month_of(w.substr(0, dash)) &&
                                                 month_of(w.substr(dash + 1)) && capitalized(i)) {
      Match r;
      r.from.unit = Unit::kMonth;
      r.from.month = month_of(w.substr(0, dash));
      Point to;
      to.unit = Unit::kMonth;
      to.month = month_of(w.substr(dash + 1));
      r.end = i + 1;
      if (int year = year_at(i + 1)) { r.from.year = to.year = year; r.end = i + 2; }
      r.to = to;
      r.form = "range";
      return r;
    }
    auto m = point_at(i);
    // Two dates with their years joined by "through", "to", "until" or a dash ("10/18/2019
    // through 10/20/2019"): a range even without "from".
    if (m && !m->to && m->special.empty() && m->from.year && (m->from.unit == Unit::kDay || m->from.unit == Unit::kMonth)) {
      const std::string_view joiner = n(m->end);
      if (joiner == "through" || joiner == "to" || joiner == "until" || joiner == "-" || joiner == "thru") {
        if (auto b = point_at(m->end + 1); b && !b->to && b->special.empty() && b->from.year && b->from.unit == m->from.unit) {
          Match r = *m;
          r.to = b->from;
          r.end = b->end;
          r.form = "range";
          return r;
        }
      }
    }
    return m;
  }

  static std::string two(int v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d", v);
    return b;
  }

  // Whether a resolved point contradicts the tense: a past event after the reference date, a
  // future one wholly before it.
  bool against_tense(const Point& p, int direction) const {
    if (!reference_ || direction == 0) return false;
    if (p.unit == Unit::kDay && !CivilDate::valid(p.year, p.month, p.day)) return false;
    const auto [b, e] = interval_of(p);
    return (direction < 0 && b > *reference_) || (direction > 0 && e < *reference_);
  }

  // Events joined by "and" are told in order: "agreed to buy it in December 2020, and the deal
  // closed in August" is the August after. A date whose year comes from an earlier dated day or
  // month, and which would fall before it, moves to the next year, unless the words between
  // order the events otherwise ("after", "before", "since"...).
  void follow_narrative_order(Point& p, std::size_t source, std::size_t at) const {
    const Point* anchor = nullptr;
    std::size_t anchor_end = 0;
    for (const auto& [b, e, q] : anchors_)
      if (b <= source && source < e) {
        anchor = &q;
        anchor_end = e;
      }
    if (!anchor || (anchor->unit != Unit::kDay && anchor->unit != Unit::kMonth) || anchor->year != p.year) return;
    if (p.unit != Unit::kDay && p.unit != Unit::kMonth) return;
    if (p.unit == Unit::kDay && !CivilDate::valid(p.year, p.month, p.day)) return;
    bool joined = false;
    for (std::size_t k = anchor_end; k < at; ++k) {
      const std::string_view w = n(k);
      if (w == "and" || w == "then") joined = true;
      if (one_of(w, "after", "before", "since", "until", "following", "when", "while", "as", "because", "originally",
                 "initially", "previously"))
        return;
    }
    if (joined && interval_of(p).second < interval_of(*anchor).first) ++p.year;
  }

  // Fills a point's unknown year: from the sentence unless that contradicts the tense ("the
  // surprise of Fall 2024, and its second season is lined up for July", published in 2025), else
  // the reference year, moved one back or forward when the tense says so.
  void resolve_year(Point& p, std::size_t at, std::size_t end, int direction, bool* unresolved) const {
    if (p.year) return;
    std::size_t source = norms_.size();
    if (int y = sentence_year(at, end, &source)) {
      p.year = y;
      if (source < at) follow_narrative_order(p, source, at);
      if (!against_tense(p, direction)) return;
    }
    if (!reference_) {
      *unresolved = true;
      p.year = 0;
      return;
    }
    p.year = reference_->year;
    if (p.unit == Unit::kDay && p.month == 2 && p.day == 29) return;
    // Only days and months move with the tense: "its Q2 numbers, due later this month" are this
    // year's second quarter even in July.
    if ((p.unit == Unit::kDay || p.unit == Unit::kMonth) && against_tense(p, direction)) p.year += direction;
  }

  // Value and interval of a resolved point.
  static std::string value_of(const Point& p) {
    const std::string y = std::to_string(p.year);
    switch (p.unit) {
      case Unit::kDay: return y + "-" + two(p.month) + "-" + two(p.day);
      case Unit::kWeek: return y + "-W" + two(p.sub);
      case Unit::kMonth: return y + "-" + two(p.month);
      case Unit::kSeason: return y + "-" + std::string(kSeasonCodes[p.sub]);
      case Unit::kQuarter: return y + "-Q" + std::to_string(p.sub);
      case Unit::kHalf: return y + "-H" + std::to_string(p.sub);
      case Unit::kYear: return y;
      case Unit::kDecade: return y.substr(0, 3);
    }
    return y;
  }

  static std::pair<CivilDate, CivilDate> interval_of(const Point& p) {
    auto month_span = [&](int from, int to) {
      return std::pair{CivilDate{p.year, from, 1}, CivilDate{p.year, to, CivilDate::days_in_month(p.year, to)}};
    };
    std::pair<CivilDate, CivilDate> span;
    switch (p.unit) {
      case Unit::kDay: span = {CivilDate{p.year, p.month, p.day}, CivilDate{p.year, p.month, p.day}}; break;
      case Unit::kWeek: {
        // Monday of ISO week sub: the week holding January 4 is week 1.
        const CivilDate jan4{p.year, 1, 4};
        const CivilDate monday = jan4.add_days(-jan4.day_of_week() + 7 * (p.sub - 1));
        span = {monday, monday.add_days(6)};
        break;
      }
      case Unit::kMonth: span = month_span(p.month, p.month); break;
      case Unit::kSeason: span = month_span(3 * p.sub - 2, 3 * p.sub); break;
      case Unit::kQuarter: span = month_span(3 * p.sub - 2, 3 * p.sub); break;
      case Unit::kHalf: span = month_span(6 * p.sub - 5, 6 * p.sub); break;
      case Unit::kYear: span = month_span(1, 12); break;
      case Unit::kDecade: {
        const int start = p.year - p.year % 10;
        span = {CivilDate{start, 1, 1}, CivilDate{start + 9, 12, 31}};
        break;
      }
    }
    if (p.mod && p.unit == Unit::kYear) {
      // START, MID, END of a year: January-April, May-August, September-December.
      const int first = *p.mod == "START" ? 1 : *p.mod == "MID" ? 5 : 9;
      span = month_span(first, first + 3);
    } else if (p.mod && span.second.to_days() - span.first.to_days() >= 2) {
      // START, MID, END: the first, middle or last third of the interval (a single day, "early
      // tomorrow", keeps its day).
      const std::int64_t a = span.first.to_days(), b = span.second.to_days(), third = (b - a + 1) / 3;
      if (*p.mod == "START") span.second = CivilDate::from_days(a + third - 1);
      else if (*p.mod == "MID") span = {CivilDate::from_days(a + third), CivilDate::from_days(b - third)};
      else span.first = CivilDate::from_days(b - third + 1);
    }
    return span;
  }

  static std::string granularity_of(Unit u) {
    switch (u) {
      case Unit::kDay: return "day";
      case Unit::kWeek: return "week";
      case Unit::kMonth: return "month";
      case Unit::kSeason: return "season";
      case Unit::kQuarter: return "quarter";
      case Unit::kHalf: return "half";
      case Unit::kYear: return "year";
      case Unit::kDecade: return "decade";
    }
    return "year";
  }

  // The tense around a date without a year: -1 past ("premiered on"), +1 future ("will return
  // on", "premieres on"), 0 unknown. "for July" and "pushed to July" name a target ahead;
  // otherwise the nearest cue before the date in its clause decides, else one after it ("On
  // Sunday, the network announced"). "originally due" is a plan of the past.
  int direction_near(std::size_t i, std::size_t end) const {
    std::size_t p = i;
    if (p > 0 && (n(p - 1) == "on" || n(p - 1) == "in")) --p;
    if (p > 0 && n(p - 1) == "for") return 1;
    // "moved the premiere up a day to September 1": the new date is ahead.
    if (p > 1 && (n(p - 1) == "to" || n(p - 1) == "until" || n(p - 1) == "into")) {
      for (std::size_t k = p - 1; k-- > 0 && p - k <= 12;)
        if (moving_verb_at(k)) return 1;
    }
    auto cue_at = [&](std::size_t k) {
      if (tokens_[k].has(kCapitalized) && k > 0) return 0;  // names: "Ted", "Next"
      if (lex(k).bits & kFutureCue) {
        for (std::size_t b = k; b-- > 0 && k - b <= 2;)
          if (n(b) == "originally" || n(b) == "initially" || n(b) == "previously" || n(b) == "once") return -1;
        return 1;
      }
      // A participle after "is" or "be" is passive or adjectival: "is led by", "should be finished".
      if ((lex(k).bits & kPastCue) && !(k > 0 && (n(k - 1) == "is" || n(k - 1) == "are" || n(k - 1) == "be" || n(k - 1) == "being")))
        return -1;
      return 0;
    };
    for (std::size_t k = i; k-- > 0 && i - k <= 15;) {
      if (n(k) == ";") break;
      if (const int c = cue_at(k)) return c;
    }
    for (std::size_t k = end; k < norms_.size() && k - end <= 6; ++k) {
      if (n(k) == ";" || n(k) == ".") break;
      if (const int c = cue_at(k)) return c;
    }
    return 0;
  }

  // What a date is the date of. The words that say so are cues: verbs ("premiered on", "will be
  // released", "renewed on", "filming began") and nouns ("its June premiere", "the release date,
  // October 6"). A cue governs the dates of its own clause, so the search stops where another
  // clause begins (", and", ";", "that", "after"...). In order:
  //   1. a noun right after the date names its event ("its 2022 debut", "the Q2 release");
  //   2. the nearest strong cue before the date in its clause (the governing verb, or the noun of
  //      an apposition: "the premiere, on March 3");
  //   3. a strong cue after it in its clause ("On June 1, Netflix confirmed...");
  //   4. a scheduling word with no event named ("slated for", "pushed to", "due") is a release;
  //   5. else other.
  enum class Role { kNone, kPremiere, kRelease, kRenewal, kProduction, kOther };
  struct Cue {
    Role role = Role::kNone;
    bool strong = false;
  };

  static std::string role_name(Role r) {
    switch (r) {
      case Role::kPremiere: return "premiere";
      case Role::kRelease: return "release";
      case Role::kRenewal: return "renewal_announcement";
      case Role::kProduction: return "production";
      default: return "other";
    }
  }

  // Whether w is one of the words (string literals: each comparison is inlined).
  template <std::size_t... N>
  static bool one_of(std::string_view w, const char (&... words)[N]) {
    return ((w == words) || ...);
  }

  // A streaming service or a brand just before a verb: services launch, shows premiere
  // ("Quibi launched on April 6", "Disney+ is expected to launch later this year").
  bool service_before(std::size_t k) const {
    for (std::size_t b = k; b-- > 0 && k - b <= 4;) {
      const std::string_view w = n(b);
      if (w == "," || w == ";" || w == "which" || w == "that") break;
      if (one_of(w, "+", "quibi", "peacock", "netflix", "hulu", "crunchyroll", "funimation", "service", "app",
                     "platform", "streamer"))
        return true;
    }
    return false;
  }

  // The subject of a release or announcement verb is promotional material ("The first trailer
  // for the series dropped on May 16").
  bool promo_before(std::size_t k) const {
    for (std::size_t b = k; b-- > 0 && k - b <= 6;) {
      const std::string_view w = n(b);
      if (w == "," || w == ";" || w == "and") break;
      if (lex(b).bits & kOtherNoun) return true;
    }
    return false;
  }

  // Whether the word at k can be a cue at all: most words are not, and ruling them out keeps the
  // role search cheap. kCueWords holds every word cue_at() tests as the cue itself (not the words
  // around it); the prefixes are those cue_at() tests with starts().
  bool may_be_cue(std::size_t k) const {
    if (lex(k).bits & kCueWord) return true;
    const std::string_view w = n(k);
    for (std::string_view p : {"premier", "debut", "shoot", "renew", "announc", "confirm", "greenl", "commission",
                               "releas", "arriv", "stream", "simulcast", "return"})
      if (w.substr(0, p.size()) == p) return true;
    return false;
  }

  // The cue at token k, for a date at [begin, end) (range: the date is a span).
  Cue cue_at(std::size_t k, std::size_t begin, bool range) const {
    const std::string_view w = n(k);
    if (!may_be_cue(k)) return {};
    const std::string_view prev = k ? n(k - 1) : std::string_view(), next = n(k + 1);
    auto starts = [&](std::string_view p) { return w.substr(0, p.size()) == p; };
    auto strong = [](Role r) { return Cue{r, true}; };
    if (lex(k).bits & kOtherNoun) return strong(Role::kOther);
    // "a listing dated 2020-06-12": the date of a document.
    if (w == "dated" && k + 1 == begin) return strong(Role::kOther);
    // Premiere.
    if (starts("premier") || starts("debut") || w == "bowed" || w == "bows") return strong(Role::kPremiere);
    if (one_of(w, "kicked", "kicks", "kick") && next == "off") return strong(Role::kPremiere);
    if (w == "airing" && one_of(prev, "begin", "began", "begins", "start", "started", "starts", "beginning"))
      return strong(Role::kPremiere);
    if (w == "episode" && prev == "first") return strong(Role::kPremiere);
    if (one_of(w, "launched", "launch", "launches", "launching"))
      return strong(service_before(k) ? Role::kOther : Role::kPremiere);
    if (one_of(w, "rolls", "rolled") && next == "out") return strong(service_before(k) ? Role::kOther : Role::kRelease);
    // A run, not an event: "ran on NBC from 1994 to 2004", "aired between 2015 and 2022".
    if (range && one_of(w, "ran", "run", "runs", "running", "aired", "airing")) return strong(Role::kOther);
    // Production.
    if (one_of(w, "filming", "filmed", "production", "post-production", "pre-production", "casting", "writing",
                   "recording", "animation", "cameras", "photography", "shutdown", "halted", "paused", "resumed",
                   "resume", "resumes") ||
        starts("shoot"))
      return strong(Role::kProduction);
    if (w == "shot" && !one_of(next, "back", "up", "to", "into")) return strong(Role::kProduction);
    if (one_of(w, "wrapped", "wraps", "wrap", "wrapping")) {
      // "filming wrapped" is production; "the season wrapped", "wrapped its run" end a run.
      Role r = Role::kProduction;
      for (std::size_t a = k >= 3 ? k - 3 : 0; a <= k + 4 && a < norms_.size(); ++a) {
        const std::string_view x = n(a);
        if (a > k && (x == "," || x == "and" || a >= begin)) break;
        if (one_of(x, "filming", "production", "shooting", "photography", "cameras")) return strong(Role::kProduction);
        if (one_of(x, "run", "season", "series", "finale", "episodes", "episode")) r = Role::kRelease;
      }
      return strong(r);
    }
    // Renewals, orders and announcements.
    if (starts("renew") || starts("announc") || starts("confirm") || starts("greenl") || starts("commission") ||
        one_of(w, "ordered", "order", "orders", "revealed", "reveal", "reveals", "unveiled", "unveil", "unveils",
                   "rescued", "pickup", "committed") ||
        (one_of(w, "picked", "picks", "pick") && next == "up"))
      return strong(promo_before(k) ? Role::kOther : Role::kRenewal);
    // "said on Tuesday that...": the date of the statement.
    if (one_of(w, "said", "says", "told") && (k + 1 == begin || (k + 2 == begin && one_of(next, "on", "in"))))
      return strong(Role::kRenewal);
    // Release.
    if (w == "release" && prev == "press") return {};
    const bool release_verb =
        starts("releas") || starts("arriv") || (starts("stream") && w != "streamer" && w != "streamers") ||
        starts("simulcast") ||
        one_of(w, "drop", "drops", "dropped", "dropping", "land", "lands", "landed", "landing", "airs", "aired",
                   "airing") ||
        (w == "air" && prev != "the") ||  // "will air in 2024", not "on the air"
        (one_of(w, "hit", "hits") && k + 1 < tokens_.size() && tokens_[k + 1].has(kCapitalized) && next != "no");
    if (release_verb) {
      if (promo_before(k)) return strong(Role::kOther);
      // "first aired", "first arrived on Netflix": the premiere.
      // ("the first part arriving on November 16", "its first season dropped" are releases.)
      if (prev == "first") return strong(Role::kPremiere);
      return strong(Role::kRelease);
    }
    if (starts("return") || one_of(w, "available", "finale", "ended", "ends", "concluded", "concludes") ||
        (w == "end" && one_of(prev, "will", "to", "would")) || (one_of(w, "signed", "signs") && next == "off") ||
        (w == "live" && one_of(prev, "went", "go", "goes", "going")) ||
        ((w == "back" || w == "out") &&
         one_of(prev, "be", "is", "are", "was", "were", "come", "comes", "came", "coming", "bring", "brings",
                       "brought", "expected", "brought")))
      return strong(Role::kRelease);
    // Scheduling words without an event.
    if (one_of(w, "set", "slated", "scheduled", "planned", "due", "expected", "expect", "expects", "targeting",
                   "targets", "slotted", "penciled", "pencilled", "lined", "slate", "lineup", "window", "schedule",
                   "begins", "begin", "starts", "start", "started", "began", "pushed", "moved", "delayed", "postponed",
                   "slipped", "shifted", "bumped", "follow", "follows", "followed", "coming", "comes", "open", "opens",
                   "opened") ||  // "opened in theaters", but "casting opened in January" is production
        (w == "following" && one_of(next, "in", "on")))  // not "following its fifth season"
      return {Role::kRelease, false};
    return {};
  }

  // Where a clause ends, looking from a date: the cue of another clause does not govern it.
  bool clause_break(std::size_t k) const {
    const std::string_view w = n(k);
    if (w == ":" && k > 0 && n(k - 1) == "date") return false;  // "release date: 2025-04-23"
    if (one_of(w, ".", ";", ":", "—", "(", ")", "that", "which", "who", "whether", "because", "while", "though",
                   "although", "whereas", "but", "after", "before", "if", "unless", "when"))
      return true;
    // ", and", ", with"; and a subject after a comma: "even if it were ordered tomorrow, we would not
    // expect it before late 2021".
    return one_of(w, "and", "with", "as", "so", "yet", "even", "we", "it", "they", "he", "she", "i", "you") &&
           k > 0 && n(k - 1) == ",";
  }

  // A noun the date modifies: "its June premiere", "the 2019 series", "the film's Q2 release", "a
  // 7/10/2020 release date", "the 2003 Fullmetal Alchemist anime".
  Role noun_after(std::size_t end) const {
    std::size_t k = end;
    if (n(k) == "'s") ++k;
    bool title = false;
    for (std::size_t skip = 0; skip < 3 && k < tokens_.size() && tokens_[k].has(kCapitalized); ++skip, ++k) title = true;
    const std::string_view w = n(k);
    if (one_of(w, "premiere", "debut", "bow", "series", "film", "movie", "adaptation", "remake", "original", "version",
                   "pilot") ||
        (title && w == "anime"))
      return Role::kPremiere;
    if (one_of(w, "release", "return", "slate", "lineup", "line-up", "window", "schedule", "rollout", "finale",
                   "broadcast", "arrival", "simulcast", "drop"))
      return Role::kRelease;
    if (one_of(w, "renewal", "pickup", "order", "announcement")) return Role::kRenewal;
    if (one_of(w, "shoot", "production", "filming")) return Role::kProduction;
    if (one_of(w, "earnings", "results", "call", "report", "strike", "strikes")) return Role::kOther;
    return Role::kNone;
  }

  std::string role_near(std::size_t begin, std::size_t end, const Match& m) const {
    if (m.from.unit == Unit::kDecade) return "other";  // a period of history, never the date of an event
    if (Role r = noun_after(end); r != Role::kNone) return role_name(r);
    const bool range = m.to.has_value();
    // A TV season is the period of a schedule; only a cue that names an event makes it one ("renewed
    // for the 2021-22 season", "will be back for the 2021-22 season").
    const bool tv_season = m.form == "tv_season";
    // "on the air since October 20, 1999", "running since 2005": the start of the run.
    if (begin > 0 && n(begin - 1) == "since") {
      for (std::size_t k = begin - 1; k-- > 0 && begin - k <= 5;)
        if (one_of(n(k), "running", "air", "airing")) return "premiere";
    }
    // The date's preposition: "for" and "through" name a target ("renewed for the 2021-22 season").
    std::size_t p = begin;
    if (p > 0 && n(p - 1) == "the") --p;
    const bool target = p > 0 && one_of(n(p - 1), "for", "through", "until");
    auto settle = [&](Role r) { return role_name(r == Role::kRenewal && target ? Role::kRelease : r); };
    Role weak = Role::kNone;
    for (std::size_t k = begin; k-- > 0 && begin - k <= 20;) {
      const Cue c = cue_at(k, begin, range);
      if (c.strong) return settle(c.role);
      if (c.role != Role::kNone && weak == Role::kNone) weak = c.role;
      // "after March", "before the 2019 season": the preposition of the date itself.
      if (clause_break(k) && !(begin - k <= 2 && one_of(n(k), "after", "before"))) break;
    }
    // A date that opens the sentence ("On June 1, Netflix confirmed...") belongs to the main verb.
    bool fronted = true;
    for (std::size_t k = 0; k < begin; ++k)
      if (!one_of(n(k), "on", "in", "by", "since", "until", "back", "as", "of", "early", "late", "earlier", "later"))
        fronted = false;
    if (!tv_season) {
      for (std::size_t k = end; k < norms_.size() && k - end <= 8; ++k) {
        if (clause_break(k) || (n(k) == "," && !(fronted && k == end)) || n(k) == "and") break;
        const Cue c = cue_at(k, begin, range);
        if (c.strong) return settle(c.role);
        if (c.role != Role::kNone && weak == Role::kNone) weak = c.role;
      }
    }
    return role_name(tv_season ? Role::kNone : weak);
  }

  TemporalExpression finish(std::size_t i, Match& m) const {
    TemporalExpression t;
    t.begin = tokens_[i].begin;
    t.end = tokens_[m.end - 1].end;
    t.text = std::string(doc_.text().substr(t.begin, t.end - t.begin));
    t.form = m.form;
    t.relative = m.relative;
    t.role = role_near(i, m.end, m);
    if (!m.special.empty()) {
      t.value = m.special;
      t.granularity = "year";
      return t;
    }
    bool unresolved = false;
    const int direction = direction_near(i, m.end);
    // A year stated once carries through a range.
    if (m.to) {
      if (!m.from.year) m.from.year = m.to->year;
      if (!m.to->year) m.to->year = m.from.year;
    }
    const bool to_year_stated = m.to && m.to->year;
    resolve_year(m.from, i, m.end, direction, &unresolved);
    if (m.to) {
      // Both ends without a year: the end takes the start's, and crosses into the next year when
      // it would otherwise come first ("December 20 - January 5").
      if (!m.to->year) m.to->year = m.from.year;
      resolve_year(*m.to, i, m.end, direction, &unresolved);
      if (!to_year_stated && m.to->year && m.from.year && (m.to->month < m.from.month ||
          (m.to->month == m.from.month && m.to->unit == Unit::kDay && m.to->day < m.from.day)))
        ++m.to->year;
    }
    t.mod = m.from.mod;
    t.granularity = granularity_of(m.from.unit);
    if (unresolved) {
      t.relative = true;
      if (m.from.unit == Unit::kDay) t.value = "XXXX-" + two(m.from.month) + "-" + two(m.from.day);
      else if (m.from.unit == Unit::kMonth) t.value = "XXXX-" + two(m.from.month);
      else t.value = "UNRESOLVED";
      return t;
    }
    if (m.from.unit == Unit::kDay && !CivilDate::valid(m.from.year, m.from.month, m.from.day)) {
      t.value = "XXXX-" + two(m.from.month) + "-" + two(m.from.day);
      return t;
    }
    auto [b, e] = interval_of(m.from);
    t.value = value_of(m.from);
    if (m.to) {
      if (m.to->unit == Unit::kDay && !CivilDate::valid(m.to->year, m.to->month, m.to->day)) return t;
      const CivilDate to_end = interval_of(*m.to).second;
      if (to_end < b) return t;  // an end before the start: keep the start alone
      t.value += "/" + value_of(*m.to);
      e = to_end;
    }
    t.begin_date = b;
    t.end_date = e;
    return t;
  }

  const Document& doc_;
  std::vector<std::tuple<std::size_t, std::size_t, Point>> anchors_;  // dates with a stated year: tokens, point
  std::size_t last_end_ = static_cast<std::size_t>(-1);  // one past the joiner after the last date found
  std::span<const Token> tokens_;
  std::span<const std::string_view> norms_;
  std::span<const Lex> lex_;
  const std::optional<CivilDate>& reference_;
  const DateOptions& options_;
};

}  // namespace

DateExtractor::DateExtractor(DateOptions options) : options_(options) {}

std::vector<TemporalExpression> DateExtractor::extract(const Document& doc, std::optional<CivilDate> reference) const {
  if (reference && !CivilDate::valid(reference->year, reference->month, reference->day)) reference.reset();
  std::vector<TemporalExpression> out;
  std::vector<std::string_view> norms;  // reused from sentence to sentence
  std::vector<Lex> lex;
  for (const Sentence& s : doc.sentences()) {
    lex_sentence(doc, s, norms, lex);
    SentenceParser(doc, s, norms, lex, reference, options_).run(out);
  }
  return out;
}

std::optional<CivilDate> DateExtractor::find_dateline(const Document& doc) const {
  // A short paragraph among the first three holding a full date, next to a byline word or alone.
  const auto paragraphs = doc.paragraphs();
  for (std::size_t p = 0; p < paragraphs.size() && p < 3; ++p) {
    const Paragraph& para = paragraphs[p];
    if (para.end - para.begin > 160) continue;
    for (std::uint32_t si = para.first_sentence; si < para.end_sentence; ++si) {
      const Sentence& s = doc.sentences()[si];
      std::vector<std::string_view> norms;
      std::vector<Lex> lex;
      lex_sentence(doc, s, norms, lex);
      bool byline = false;
      for (const std::string_view w : norms)
        if (w == "by" || w == "published" || w == "posted" || w == "updated" || w == "|" || w == "on") byline = true;
      std::vector<TemporalExpression> found;
      SentenceParser(doc, s, norms, lex, std::nullopt, options_).run(found);
      for (const TemporalExpression& t : found) {
        if (t.granularity != "day" || !t.begin_date || t.value.find('/') != std::string::npos) continue;
        if (byline || found.size() == 1) return t.begin_date;
      }
    }
  }
  return std::nullopt;
}

}  // namespace greenlight
