// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/features.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "embedded.h"
#include "greenlight/error.h"

namespace greenlight {

namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

inline std::uint64_t fnv_continue(std::uint64_t h, std::string_view bytes) {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return h;
}

constexpr std::string_view kNegationPrefix = "NOT_";

// Words that open a negation scope. The unsplit forms ("dont", "isnt") are common in user
// reviews that drop the apostrophe.
bool is_negator(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "not", "no", "never", "n't", "cannot", "nothing", "nobody", "none", "nor", "neither", "without",
      "nowhere", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "couldnt",
      "wont", "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "aint"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return false;
}

bool ends_clause(std::string_view w) {
  return w == "," || w == "." || w == ";" || w == ":" || w == "!" || w == "?" || w == "..." || w == "…";
}

}  // namespace

std::uint64_t feature_hash(std::string_view name) { return fnv_continue(kFnvOffset, name); }

void FeatureNames::add(std::uint32_t bucket, std::string_view name) {
  std::vector<std::string>& v = names_[bucket];
  if (v.size() >= kNamesPerBucket) return;
  for (const std::string& s : v)
    if (s == name) return;
  v.emplace_back(name);
}

std::string FeatureNames::name(std::uint32_t bucket) const {
  const auto it = names_.find(bucket);
  if (it == names_.end() || it->second.empty()) return "#" + std::to_string(bucket);
  std::string out = it->second.front();
  for (std::size_t i = 1; i < it->second.size(); ++i) out += "|" + it->second[i];
  return out;
}

// The VADER lexicon keyed by the feature hash of the word, so lookups reuse the token hash.
struct FeatureExtractor::Lexicon {
  std::unordered_map<std::uint64_t, float> valence;

  static std::shared_ptr<const Lexicon> load_default() {
    static const std::shared_ptr<const Lexicon> kLexicon = [] {
      auto lexicon = std::make_shared<Lexicon>();
      const auto bytes = embedded_file("data/lexicon/vader.tsv");
      if (!bytes) throw Error("data/lexicon/vader.tsv: not compiled into the library");
      std::string_view rest = *bytes;
      std::size_t line_number = 0;
      while (!rest.empty()) {
        const std::size_t nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        ++line_number;
        if (line.empty() || line.front() == '#') continue;
        const std::size_t tab = line.find('\t');
        float v = 0;
        const auto [end, ec] = tab == std::string_view::npos
                                   ? std::from_chars_result{line.data(), std::errc::invalid_argument}
                                   : std::from_chars(line.data() + tab + 1, line.data() + line.size(), v);
        if (ec != std::errc() || end != line.data() + line.size())
          throw Error("data/lexicon/vader.tsv:" + std::to_string(line_number) + ": expected token<TAB>valence");
        lexicon->valence[feature_hash(line.substr(0, tab))] = v;
      }
      return lexicon;
    }();
    return kLexicon;
  }
};

FeatureExtractor::FeatureExtractor(FeatureOptions options, CueHook cue_hook)
    : options_(options), cue_hook_(std::move(cue_hook)) {
  if (options_.hash_bits < 8 || options_.hash_bits > 30)
    throw Error("FeatureOptions::hash_bits is " + std::to_string(options_.hash_bits) + "; expected 8..30");
  if (options_.max_ngram < 1 || options_.max_ngram > 5)
    throw Error("FeatureOptions::max_ngram is " + std::to_string(options_.max_ngram) + "; expected 1..5");
  mask_ = (std::uint64_t{1} << options_.hash_bits) - 1;
  if (options_.lexicon) lexicon_ = Lexicon::load_default();
}

SparseRow FeatureExtractor::extract(const Document& doc, FeatureNames* names) const {
  return extract(doc, 0, static_cast<std::uint32_t>(doc.tokens().size()), names);
}

SparseRow FeatureExtractor::extract(const Document& doc, const Sentence& sentence, FeatureNames* names) const {
  return extract(doc, sentence.first_token, sentence.end_token, names);
}

namespace {

struct Unit {
  std::string_view word;  // normalized token
  bool negated = false;
  bool starts_chain = false;  // first unit of a sentence: n-grams do not reach back across it
  std::uint64_t hash = 0;     // feature hash of the unit's own name (NOT_ prefix included)
};

class VectorSink : public FeatureSink {
 public:
  VectorSink(const FeatureExtractor& fx, std::vector<std::pair<std::uint32_t, float>>& out, FeatureNames* names)
      : fx_(fx), out_(out), names_(names) {}
  void add(std::string_view name, float value) override {
    const std::uint32_t b = fx_.bucket(name);
    out_.emplace_back(b, value);
    if (names_) names_->add(b, name);
  }

 private:
  const FeatureExtractor& fx_;
  std::vector<std::pair<std::uint32_t, float>>& out_;
  FeatureNames* names_;
};

}  // namespace

SparseRow FeatureExtractor::extract(const Document& doc, std::uint32_t first_token, std::uint32_t end_token,
                                    FeatureNames* names) const {
  const auto tokens = doc.tokens();
  end_token = std::min<std::uint32_t>(end_token, static_cast<std::uint32_t>(tokens.size()));
  thread_local std::vector<Unit> units;
  units.clear();
  bool in_negation = false;
  bool chain_break = true;
  for (std::uint32_t i = first_token; i < end_token; ++i) {
    const Token& t = tokens[i];
    if (t.has(kSentenceInitial)) {
      in_negation = false;
      chain_break = true;
    }
    if (t.kind == TokenKind::kInvalid) continue;
    const std::string_view w = doc.normalized(t);
    if (w.empty()) continue;
    if (t.kind == TokenKind::kPunctuation) {
      if (ends_clause(w)) in_negation = false;
      if (options_.skip_punctuation && w != "!" && w != "?") continue;
    }
    Unit u;
    u.word = w;
    u.negated = options_.negation && in_negation;
    u.starts_chain = chain_break;
    chain_break = false;
    u.hash = fnv_continue(u.negated ? fnv_continue(kFnvOffset, kNegationPrefix) : kFnvOffset, w);
    units.push_back(u);
    if (options_.negation && is_negator(w)) in_negation = true;
  }

  thread_local std::vector<std::uint32_t> grams;
  grams.clear();
  std::string name;
  for (std::size_t i = 0; i < units.size(); ++i) {
    std::uint64_t h = units[i].hash;
    grams.push_back(static_cast<std::uint32_t>(h & mask_));
    if (names) {
      name.assign(units[i].negated ? kNegationPrefix : std::string_view());
      name.append(units[i].word);
      names->add(grams.back(), name);
    }
    for (int n = 2; n <= options_.max_ngram && i + n - 1 < units.size(); ++n) {
      const Unit& next = units[i + n - 1];
      if (next.starts_chain) break;
      h = fnv_continue(h, " ");
      if (next.negated) h = fnv_continue(h, kNegationPrefix);
      h = fnv_continue(h, next.word);
      grams.push_back(static_cast<std::uint32_t>(h & mask_));
      if (names) {
        name += ' ';
        if (next.negated) name.append(kNegationPrefix);
        name.append(next.word);
        names->add(grams.back(), name);
      }
    }
  }
  std::sort(grams.begin(), grams.end());

  // Features that are not n-grams: lexicon and cues. Their values add up.
  std::vector<std::pair<std::uint32_t, float>> other;
  auto add_other = [&](std::string_view feature, float value) {
    const std::uint32_t b = bucket(feature);
    other.emplace_back(b, value);
    if (names) names->add(b, feature);
  };
  if (lexicon_) {
    float pos = 0, neg = 0;
    bool present[9] = {};
    for (const Unit& u : units) {
      const auto it = lexicon_->valence.find(fnv_continue(kFnvOffset, u.word));
      if (it == lexicon_->valence.end()) continue;
      // VADER's own damping of a negated valence.
      const float v = u.negated ? -0.74f * it->second : it->second;
      if (v > 0) pos += v;
      else neg -= v;
      const int r = static_cast<int>(std::lround(std::clamp(v, -4.0f, 4.0f)));
      if (r != 0) present[r + 4] = true;
    }
    if (pos > 0) add_other("lex:pos", std::log1p(pos));
    if (neg > 0) add_other("lex:neg", std::log1p(neg));
    static constexpr std::string_view kBins[9] = {"lex:-4", "lex:-3", "lex:-2", "lex:-1", "",
                                                  "lex:+1", "lex:+2", "lex:+3", "lex:+4"};
    for (int r = 0; r < 9; ++r)
      if (present[r]) add_other(kBins[r], 1.0f);
  }
  if (cue_hook_) {
    VectorSink sink(*this, other, names);
    cue_hook_(doc, first_token, end_token, sink);
  }
  std::sort(other.begin(), other.end());

  SparseRow row;
  row.reserve(grams.size() + other.size());
  std::size_t oi = 0;
  for (std::size_t i = 0; i < grams.size();) {
    std::size_t j = i;
    while (j < grams.size() && grams[j] == grams[i]) ++j;
    while (oi < other.size() && other[oi].first < grams[i]) {
      if (!row.empty() && row.back().first == other[oi].first) row.back().second += other[oi].second;
      else row.push_back(other[oi]);
      ++oi;
    }
    const float count = options_.binary ? 1.0f : static_cast<float>(j - i);
    if (!row.empty() && row.back().first == grams[i]) row.back().second += count;
    else row.emplace_back(grams[i], count);
    i = j;
  }
  for (; oi < other.size(); ++oi) {
    if (!row.empty() && row.back().first == other[oi].first) row.back().second += other[oi].second;
    else row.push_back(other[oi]);
  }
  return row;
}

}  // namespace greenlight
