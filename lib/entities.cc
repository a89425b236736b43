// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/entities.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "embedded.h"
#include "greenlight/error.h"
#include "renewal_cues.h"

namespace greenlight {

namespace {

// Names that are also ordinary words: taken only with evidence around them.
const std::unordered_set<std::string> kAmbiguous = {
    "max", "peacock", "apple", "apple tv", "you", "bones", "trigger", "shaft", "sunrise", "madhouse", "orange",
    "sky", "fox", "history", "nick", "mx", "tx", "via", "sentai", "dwarf", "pierrot", "hit", "bravo", "lifetime",
    "crave", "stan", "starz", "amc", "abc", "cbs", "nbc", "tbs", "ytv", "hulu", "sister", "i.g", "olm",
    "viz", "spt", "wbtv", "nhk e", "bet", "epix", "emmys", "working title", "higher ground", "pony canyon"};
// Words after which an ambiguous name is an outlet: "on Max", "to Peacock", "Apple's".
const std::unordered_set<std::string> kOutletContext = {"on", "at", "to", "from", "with", "via", "by", "and", "or",
                                                        "'s", "original", "originals", "series", "subscribers",
                                                        "app", "service", "streamer", "network", "studio", "+"};

const std::unordered_set<std::string> kNotNameStarts = {
    "the", "a", "an", "in", "on", "at", "season", "seasons", "episode", "episodes", "part", "chapter", "volume",
    "netflix", "it", "this", "that", "these", "those", "there", "they", "we", "he", "she", "his", "her", "its",
    "our", "their", "my", "your", "what", "when", "where", "why", "how", "who", "will", "but", "and", "or", "so",
    "if", "as", "for", "with", "by", "from", "to", "of", "after", "before", "meanwhile", "however", "also", "fans",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "release", "date",
    "cast", "trailer", "news", "update", "here", "everything", "we", "no", "yes", "not", "anime", "manga",
    "japanese", "english", "american", "british", "korean", "director", "creator", "showrunner", "writer",
    "producer", "author", "star", "stars", "mr", "mrs", "ms", "dr", "studio", "streaming", "where", "watch"};

const std::unordered_set<std::string> kOrgSuffixStudio = {"studio", "studios", "animation", "animations", "works"};
const std::unordered_set<std::string> kOrgSuffixCompany = {"productions", "production", "pictures", "entertainment",
                                                           "television", "films", "media", "company", "inc.",
                                                           "ltd.", "records", "publishing", "comics", "press"};
const std::unordered_set<std::string> kSpeechVerbs = {"said", "says", "told", "tweeted", "wrote", "explained",
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
    {"co-star", "cast"}, {"cast members", "cast"}, {"cast member", "cast"}, {"created for", "author"}};

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

// The gazetteer indexed by normalized token sequence.
struct GazetteerIndex {
  std::vector<GazetteerEntry> entries;
  std::unordered_map<std::string, int> keys;  // normalized token sequence -> entry
  std::unordered_set<std::string> lowercase_names;  // keys whose name is written in lower case ("ufotable")
  std::size_t max_tokens = 1;
  Tokenizer tokenizer;

  void add(const GazetteerEntry& e) {
    const int index = static_cast<int>(entries.size());
    entries.push_back(e);
    std::vector<std::string> names = e.aliases;
    names.insert(names.begin(), e.name);
    for (const std::string& name : names) {
      if (name.empty()) continue;
      const Document doc = tokenizer.tokenize(name);
      std::string key;
      for (const Token& t : doc.tokens()) key += (key.empty() ? "" : " ") + std::string(doc.normalized(t));
      if (key.empty()) continue;
      keys.emplace(key, index);  // the first entry with a name wins
      max_tokens = std::max(max_tokens, doc.tokens().size());
      if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') lowercase_names.insert(key);
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

class Scanner {
 public:
  Scanner(const GazetteerIndex& g, const Document& doc) : g_(g), doc_(doc), tokens_(doc.tokens()) {
    for (const Token& t : tokens_) norms_.push_back(doc.normalized(t));
    sentence_start_.assign(tokens_.size(), false);
    token_taken_.assign(tokens_.size(), false);
    for (const Sentence& s : doc.sentences()) sentence_start_[s.first_token] = true;
  }

  EntityResult run(std::optional<std::string_view> headline) {
    find_shows(headline);
    find_organizations();
    find_people();
    link_repeats();
    EntityResult r;
    std::sort(mentions_.begin(), mentions_.end(),
              [](const EntityMention& a, const EntityMention& b) { return a.begin != b.begin ? a.begin < b.begin : a.end > b.end; });
    for (EntityMention& m : mentions_) {
      if (!r.mentions.empty() && m.begin < r.mentions.back().end) continue;  // overlaps an earlier, longer one
      if (m.type == "person") {
        auto it = roles_.find(m.canonical);
        if (it != roles_.end()) m.role = it->second;
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
  bool cap(std::size_t i) const {
    return i < tokens_.size() && tokens_[i].kind == TokenKind::kWord && tokens_[i].has(kCapitalized);
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

  // Every occurrence of `title` in the text, on token boundaries.
  std::vector<std::pair<std::size_t, std::size_t>> occurrences(const std::string& title) const {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    const std::string_view t = doc_.text();
    for (std::size_t at = t.find(title); at != std::string_view::npos; at = t.find(title, at + 1)) {
      auto b = std::lower_bound(tokens_.begin(), tokens_.end(), static_cast<std::uint32_t>(at),
                                [](const Token& tok, std::uint32_t o) { return tok.begin < o; });
      if (b == tokens_.end() || b->begin != at) continue;
      auto e = b;
      while (e != tokens_.end() && e->end < at + title.size()) ++e;
      if (e == tokens_.end() || e->end != at + title.size()) continue;
      out.emplace_back(b - tokens_.begin(), e - tokens_.begin() + 1);
    }
    return out;
  }

  void find_shows(std::optional<std::string_view> headline) {
    std::optional<std::string> title;
    std::optional<std::string_view> line = headline;
    if (!line) {
      // The document's own headline: a first paragraph of one line without a final period.
      const int h = find_headline_sentence(doc_);
      if (h >= 0) line = doc_.text_of(doc_.sentences()[h]);
    }
    if (line) title = show_from_headline(*line);
    // Else the first quoted title or "the anime/series X".
    if (!title) title = first_quoted_title();
    if (title) {
      const auto occ = occurrences(*title);
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
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (n(i) != "\"" || !cap(i + 1)) continue;
      std::size_t e = i + 1;
      while (e < tokens_.size() && e - i <= 8 && n(e) != "\"") ++e;
      if (e >= tokens_.size() || n(e) != "\"" || e - i < 2) continue;
      const std::string t = text(i + 1, e);
      if (taken(i + 1, e) || (main_show_ && t == main_show_->title)) continue;
      // A quotation ends in punctuation or runs long; a title does not.
      const std::string_view last = n(e - 1);
      if (last == "." || last == "," || last == "!" || last == "?" || e - i > 7) continue;
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
      if ((n(i) == "anime" || n(i) == "series" || n(i) == "drama" || n(i) == "show") && i > 0 && n(i - 1) == "the" &&
          cap(i + 1) && !sentence_start_[i + 1]) {
        std::size_t e = i + 1;
        while (e < tokens_.size() && (cap(e) || n(e) == "of" || n(e) == "and" || n(e) == "the") && e - i <= 6) ++e;
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
      int entry = -1;
      std::string best_key;
      std::string key;
      for (std::size_t len = 1; len <= g_.max_tokens && i + len <= tokens_.size(); ++len) {
        key += (len == 1 ? "" : " ") + std::string(n(i + len - 1));
        auto it = g_.keys.find(key);
        if (it != g_.keys.end()) {
          best = len;
          entry = it->second;
          best_key = key;
        }
      }
      if (entry >= 0 && !taken(i, i + best) && org_evidence(i, best, best_key)) {
        const GazetteerEntry& e = g_.entries[entry];
        add(i, i + best, e.kind, e.name);
        i += best - 1;
        continue;
      }
      // Pattern: a capitalized sequence ending in a studio or company word.
      if (cap(i) && !taken(i, i + 1)) {
        std::size_t e = i;
        while (e < tokens_.size() && e - i < 6 && (cap(e) || n(e) == "&" || tokens_[e].kind == TokenKind::kNumber)) ++e;
        if (e - i >= 2) {
          const std::string last(n(e - 1));
          const bool studio = kOrgSuffixStudio.count(last) > 0;
          const bool company = kOrgSuffixCompany.count(last) > 0;
          if ((studio || company) && !kNotNameStarts.count(std::string(n(i))) && !taken(i, e)) {
            add(i, e, studio ? "studio" : "production_company", text(i, e));
            i = e - 1;
            continue;
          }
        }
      }
      // Contexts for unknown names: "animated by X", "streaming on X", "airs on X".
      const bool animated = n(i) == "animated" && n(i + 1) == "by";
      const bool streaming = (n(i) == "streaming" || n(i) == "streams" || n(i) == "available") && n(i + 1) == "on";
      const bool airs = (n(i) == "airs" || n(i) == "aired" || n(i) == "broadcast") && n(i + 1) == "on";
      if ((animated || streaming || airs) && cap(i + 2) && !taken(i + 2, i + 3)) {
        std::size_t e = i + 2;
        while (e < tokens_.size() && e - i < 6 && (cap(e) || n(e) == "+")) ++e;
        add(i + 2, e, animated ? "studio" : streaming ? "streaming" : "network", text(i + 2, e));
        i = e - 1;
      }
    }
  }

  // Is a gazetteer match at [i, i+len) really the organization?
  bool org_evidence(std::size_t i, std::size_t len, const std::string& key) const {
    const bool lower_name = g_.lowercase_names.count(key) > 0;
    if (!lower_name && !(cap(i) || tokens_[i].has(kAllCaps) || tokens_[i].kind != TokenKind::kWord)) return false;
    if (!kAmbiguous.count(key)) return true;
    const std::string_view prev = i > 0 ? n(i - 1) : std::string_view();
    const std::string_view next = n(i + len);
    const bool context = kOutletContext.count(std::string(prev)) || kOutletContext.count(std::string(next)) ||
                         next == "'s" || next == "\xE2\x80\x99s";
    // Off the start of a sentence the capital letter says "name"; with a context it says "outlet".
    return context && (!sentence_start_[i] || next == "'s" || kOutletContext.count(std::string(next)));
  }

  // A capitalized name sequence starting at i: 2 to 4 words, not an organization or show.
  std::size_t name_at(std::size_t i) const {
    if (!cap(i) || kNotNameStarts.count(std::string(n(i))) || taken(i, i + 1)) return 0;
    std::size_t e = i;
    while (e < tokens_.size() && e - i < 4 && cap(e) && !taken(e, e + 1) && !tokens_[e].has(kAllCaps)) ++e;
    // A single word can be a name only when it is a known person's surname (see link_repeats).
    if (e - i < 2) return 0;
    for (std::size_t k = i; k < e; ++k)
      if (n(k) == "season" || n(k) == "studio" || n(k) == "netflix") return 0;
    return e;
  }

  void find_people() {
    const std::size_t count = tokens_.size();
    for (std::size_t i = 0; i < count; ++i) {
      // Role cue before names: "directed by A", "showrunner A", "starring A, B and C".
      std::string_view role;
      std::size_t after = 0;
      static const std::vector<std::pair<std::vector<std::string>, std::string_view>> cues = [] {
        std::vector<std::pair<std::vector<std::string>, std::string_view>> out;
        for (const RoleCue& cue : kRoleCues) out.emplace_back(split_words(cue.words), cue.role);
        return out;
      }();
      for (const auto& [words, cue_role] : cues) {
        if (i + words.size() > count || n(i) != words[0]) continue;
        bool ok = true;
        for (std::size_t k = 0; k < words.size() && ok; ++k) ok = n(i + k) == words[k];
        if (ok && (after == 0 || words.size() > after - i)) {
          role = cue_role;
          after = i + words.size();
        }
      }
      if (!role.empty()) {
        std::size_t k = after;
        if (n(k) == ":" || n(k) == ",") ++k;
        for (int guard = 0; guard < 8; ++guard) {
          const std::size_t e = name_at(k);
          if (!e) break;
          add_person(k, e, std::string(role));
          k = e;
          if (n(k) == "(" ) {  // "A (Kaoru)"
            while (k < count && n(k) != ")") ++k;
            ++k;
          }
          if (n(k) == "," && n(k + 1) == "and") k += 2;
          else if (n(k) == "," || n(k) == "and" || n(k) == "&") ++k;
          else break;
        }
        continue;
      }
      // Name followed by a role or a speech verb: "A, who voices Z", "A as Z", "A said".
      if (const std::size_t e = name_at(i); e && !(i > 0 && n(i - 1) == "by" && !sentence_start_[i - 1])) {
        std::size_t k = e;
        if (n(k) == "," && n(k + 1) == "who" && (n(k + 2) == "voices" || n(k + 2) == "plays" || n(k + 2) == "stars" ||
                                                  n(k + 2) == "voiced" || n(k + 2) == "played")) {
          add_person(i, e, "cast");
          add_character_at(k + 3);
          i = e - 1;
        } else if ((n(k) == "as" && cap(k + 1)) ||
                   ((n(k) == "appears" || n(k) == "stars" || n(k) == "returns" || n(k) == "plays" ||
                     n(k) == "voices" || n(k) == "joins") && (n(k + 1) == "as" ? cap(k + 2) : cap(k + 1)))) {
          // "A as Z", "A appears as Z", "A voices Z"
          add_person(i, e, "cast");
          add_character_at(n(k) == "as" ? k + 1 : n(k + 1) == "as" ? k + 2 : k + 1);
          i = e - 1;
        } else if (n(k) == "created" || n(k) == "creates" || n(k) == "wrote" || n(k) == "directed" ||
                   n(k) == "composed" || n(k) == "produced" || n(k) == "illustrated") {
          // "the character Aki Kondo created", "Jane Doe wrote the pilot"
          std::string verb_role = n(k) == "wrote" ? "writer" : n(k) == "directed" ? "director"
                                : n(k) == "composed" ? "composer" : n(k) == "produced" ? "producer"
                                : n(k) == "illustrated" ? "author" : "creator";
          for (std::size_t back = i; back > 0 && i - back < 4; --back) {
            const std::string_view w = n(back - 1);
            if (w == "character" || w == "manga" || w == "novel" || w == "comic" || w == "book" || w == "mascot")
              verb_role = "author";
          }
          add_person(i, e, verb_role);
          i = e - 1;
        } else if (i > 0 && n(i - 1) == "by" && sentence_start_[i - 1]) {
          add_person(i, e, "other");  // a byline: "By Hana Mori | June 15, 2020"
          i = e - 1;
        } else if (kSpeechVerbs.count(std::string(n(k))) || (n(k) == "," && kSpeechVerbs.count(std::string(n(k + 1)))) ||
                   (i > 0 && kSpeechVerbs.count(std::string(n(i - 1))))) {
          add_person(i, e, "");
          i = e - 1;
        }
      }
    }
  }

  void add_person(std::size_t b, std::size_t e, const std::string& role) {
    const std::string name = text(b, e);
    if (taken(b, e)) return;
    add(b, e, "person", name);
    if (!role.empty() && !roles_.count(name)) roles_[name] = role;
    people_.insert(name);
  }

  void add_character_at(std::size_t k) {
    std::size_t e = k;
    while (e < tokens_.size() && e - k < 3 && cap(e)) ++e;
    if (e > k && !taken(k, e)) {
      const std::string name = text(k, e);
      add(k, e, "character", name);
      characters_.insert(name);
    }
  }

  // Later mentions: full names again, and a surname alone for a person ("Kobayashi").
  void link_repeats() {
    std::map<std::string, std::string> surname_to_person;
    for (const std::string& p : people_) {
      const auto words = split_words(p);
      if (words.size() >= 2) surname_to_person.emplace(words.back(), p);
    }
    for (const std::set<std::string>* names : {&people_, &characters_}) {
      const bool person = names == &people_;
      for (const std::string& name : *names)
        for (auto [b, e] : occurrences(name))
          if (!taken(b, e)) add(b, e, person ? "person" : "character", name);
    }
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (!cap(i) || taken(i, i + 1)) continue;
      auto it = surname_to_person.find(std::string(doc_.text_of(tokens_[i])));
      if (it != surname_to_person.end() && !cap(i + 1)) add(i, i + 1, "person", it->second);
    }
  }

  const GazetteerIndex& g_;
  const Document& doc_;
  std::span<const Token> tokens_;
  std::vector<std::string_view> norms_;
  std::vector<bool> sentence_start_;
  std::vector<EntityMention> mentions_;
  std::vector<bool> token_taken_;  // tokens inside an entity already found
  std::map<std::string, std::string> roles_;
  std::set<std::string> people_, characters_;
  std::optional<ShowTitle> main_show_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> main_spans_, other_show_spans_;
};

}  // namespace

EntityResult EntityExtractor::extract(const Document& doc, std::optional<std::string_view> headline) const {
  return Scanner(*impl_, doc).run(headline);
}

}  // namespace greenlight
