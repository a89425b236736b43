// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/features.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <iterator>
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
constexpr std::string_view kNegators[] = {
    "not", "no", "never", "n't", "cannot", "nothing", "nobody", "none", "nor", "neither", "without",
    "nowhere", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "couldnt",
    "wont", "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "aint"};

bool ends_clause(std::string_view w) {
  if (w.size() == 1) {
    const char c = w[0];
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
  }
  return w == "..." || w == "…";
}

// Continues the FNV-1a states `h[0..N)` over the same bytes at once: the chains are independent,
// so the multiplies overlap instead of waiting for each other.
template <int N>
inline void fnv_continue_all(std::uint64_t* h, std::string_view bytes) {
  std::uint64_t s[N];
  for (int k = 0; k < N; ++k) s[k] = h[k];
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    for (int k = 0; k < N; ++k) s[k] = (s[k] ^ b) * kFnvPrime;
  }
  for (int k = 0; k < N; ++k) h[k] = s[k];
}

void fnv_continue_all(std::uint64_t* h, int n, std::string_view bytes) {
  switch (n) {
    case 1: return fnv_continue_all<1>(h, bytes);
    case 2: return fnv_continue_all<2>(h, bytes);
    case 3: return fnv_continue_all<3>(h, bytes);
    case 4: return fnv_continue_all<4>(h, bytes);
    case 5: return fnv_continue_all<5>(h, bytes);
    case 6: return fnv_continue_all<6>(h, bytes);
  }
  for (int k = 0; k < n; ++k) h[k] = fnv_continue(h[k], bytes);
}

// Sorts buckets (< 2^bits). A sentence has a few dozen n-grams and their buckets are hash values,
// spread evenly: one counting pass by their top bits into two to four times as many bins as
// values leaves most bins with one value or none, and an insertion sort then finishes with few
// moves. Far fewer mispredicted branches than std::sort, and far less counting than a full radix
// sort.
void sort_buckets(std::vector<std::uint32_t>& v, std::vector<std::uint32_t>& scratch, int bits) {
  const std::size_t n = v.size();
  constexpr int kMaxBinBits = 12;
  if (n > (std::size_t{8} << kMaxBinBits)) {  // a long document: bins would fill up
    std::sort(v.begin(), v.end());
    return;
  }
  if (n > 16) {
    const int bin_bits = std::min({static_cast<int>(std::bit_width(n)) + 1, kMaxBinBits, bits});
    const int shift = bits - bin_bits;
    std::uint32_t count[(1u << kMaxBinBits) + 1];
    const std::size_t bins = std::size_t{1} << bin_bits;
    std::fill(count, count + bins + 1, 0u);
    for (const std::uint32_t x : v) ++count[(x >> shift) + 1];
    for (std::size_t b = 1; b <= bins; ++b) count[b] += count[b - 1];
    scratch.resize(n);
    for (const std::uint32_t x : v) scratch[count[x >> shift]++] = x;
    v.swap(scratch);
  }
  for (std::size_t i = 1; i < n; ++i) {
    const std::uint32_t x = v[i];
    std::size_t j = i;
    for (; j > 0 && v[j - 1] > x; --j) v[j] = v[j - 1];
    v[j] = x;
  }
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

// The words extract() looks up, keyed by the feature hash of the word so the lookup reuses the
// hash it computes anyway: the negators and (when compiled in and wanted) the VADER lexicon. An
// open-addressing table of 16-byte slots: one probe touches one cache line, where a node-based map
// costs a division and a pointer chase.
struct FeatureExtractor::Lexicon {
  static constexpr std::uint8_t kUsed = 1, kValence = 2, kNegator = 4;
  struct Slot {
    std::uint64_t key = 0;  // feature_hash(word)
    float valence = 0;
    std::uint8_t flags = 0;
  };
  std::vector<Slot> slots;
  int shift = 64;
  // One bit per 2^-16 of the key space, set where a word lies: most words of a text are in
  // neither list, and this 8 KB says so without touching the table.
  static constexpr int kFilterBits = 16;
  std::vector<std::uint64_t> filter = std::vector<std::uint64_t>((std::size_t{1} << kFilterBits) / 64);

  static std::uint64_t mix(std::uint64_t key) { return key * 0x9E3779B97F4A7C15ull; }  // Fibonacci hashing
  std::size_t home(std::uint64_t key) const { return static_cast<std::size_t>(mix(key) >> shift); }
  static std::size_t filter_bit(std::uint64_t key) { return static_cast<std::size_t>(mix(key) >> (64 - kFilterBits)); }
  const Slot* find(std::uint64_t key) const {
    const std::size_t f = filter_bit(key);
    if (!(filter[f >> 6] >> (f & 63) & 1)) return nullptr;
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = home(key);; i = (i + 1) & mask) {
      const Slot& s = slots[i];
      if (s.key == key && s.flags) return &s;
      if (!s.flags) return nullptr;
    }
  }
  Slot& insert(std::uint64_t key) {
    const std::size_t f = filter_bit(key);
    filter[f >> 6] |= std::uint64_t{1} << (f & 63);
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = home(key);; i = (i + 1) & mask) {
      Slot& s = slots[i];
      if (!s.flags || s.key == key) {
        s.key = key;
        s.flags |= kUsed;
        return s;
      }
    }
  }
  void build(const std::vector<std::pair<std::uint64_t, float>>& valences) {
    std::size_t capacity = 64;
    while (capacity < 2 * (valences.size() + std::size(kNegators))) capacity <<= 1;
    slots.assign(capacity, Slot());
    shift = 64 - std::countr_zero(capacity);
    for (const std::string_view w : kNegators) insert(feature_hash(w)).flags |= kNegator;
    for (const auto& [key, v] : valences) {  // a later line for the same word wins
      Slot& s = insert(key);
      s.valence = v;
      s.flags |= kValence;
    }
  }

  static std::shared_ptr<const Lexicon> load(bool vader) {
    static const std::shared_ptr<const Lexicon> kNegatorsOnly = [] {
      auto lexicon = std::make_shared<Lexicon>();
      lexicon->build({});
      return lexicon;
    }();
    if (!vader) return kNegatorsOnly;
    static const std::shared_ptr<const Lexicon> kLexicon = [] {
      auto lexicon = std::make_shared<Lexicon>();
      const auto bytes = embedded_file("data/lexicon/vader.tsv");
      if (!bytes) throw Error("data/lexicon/vader.tsv: not compiled into the library");
      std::vector<std::pair<std::uint64_t, float>> valences;
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
        valences.emplace_back(feature_hash(line.substr(0, tab)), v);
      }
      lexicon->build(valences);
      return lexicon;
    }();
    return kLexicon;
  }

  // Whether `word`, whose entry (by its feature hash) is `s`, opens a negation scope. The hash
  // only narrows the search; the word itself decides.
  bool is_negator(const Slot* s, std::string_view word) const {
    if (!s || !(s->flags & kNegator)) return false;
    for (const std::string_view k : kNegators)
      if (word == k) return true;
    return false;
  }
};

FeatureExtractor::FeatureExtractor(FeatureOptions options, CueHook cue_hook)
    : options_(options), cue_hook_(std::move(cue_hook)) {
  if (options_.hash_bits < 8 || options_.hash_bits > 30)
    throw Error("FeatureOptions::hash_bits is " + std::to_string(options_.hash_bits) + "; expected 8..30");
  if (options_.max_ngram < 1 || options_.max_ngram > 5)
    throw Error("FeatureOptions::max_ngram is " + std::to_string(options_.max_ngram) + "; expected 1..5");
  mask_ = (std::uint64_t{1} << options_.hash_bits) - 1;
  lexicon_ = Lexicon::load(options_.lexicon);
}

SparseRow FeatureExtractor::extract(const Document& doc, FeatureNames* names) const {
  return extract(doc, 0, static_cast<std::uint32_t>(doc.tokens().size()), names);
}

SparseRow FeatureExtractor::extract(const Document& doc, const Sentence& sentence, FeatureNames* names) const {
  return extract(doc, sentence.first_token, sentence.end_token, names);
}

SparseRow FeatureExtractor::extract(const Document& doc, std::uint32_t first_token, std::uint32_t end_token,
                                    FeatureNames* names) const {
  SparseRow row;
  extract(doc, first_token, end_token, row, names);
  return row;
}

namespace {

struct Unit {
  std::string_view word;  // normalized token
  bool negated = false;
  bool starts_chain = false;  // first unit of a sentence: n-grams do not reach back across it
};

// Buffers of one extract() call. Each thread keeps one set across calls, so scoring sentence after
// sentence allocates nothing once they have grown; a cue hook that extracts again on the same
// thread gets fresh ones.
struct Scratch {
  std::vector<Unit> units;  // only kept when names are recorded
  std::vector<std::uint32_t> grams, sort_scratch;
  std::vector<std::pair<std::uint32_t, float>> other;
  std::vector<std::uint32_t> gram_buckets;  // with names: units x max_ngram, by first unit
};

class ScratchUse {
 public:
  ScratchUse() : scratch_(in_use_ ? local_ : shared_), outer_(!in_use_) { in_use_ = true; }
  ~ScratchUse() {
    if (outer_) in_use_ = false;
  }
  ScratchUse(const ScratchUse&) = delete;
  ScratchUse& operator=(const ScratchUse&) = delete;
  Scratch& operator*() { return scratch_; }

 private:
  static thread_local Scratch shared_;
  static thread_local bool in_use_;
  Scratch local_;
  Scratch& scratch_;
  bool outer_;
};
thread_local Scratch ScratchUse::shared_;
thread_local bool ScratchUse::in_use_ = false;

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

void FeatureExtractor::extract(const Document& doc, std::uint32_t first_token, std::uint32_t end_token, SparseRow& row,
                               FeatureNames* names) const {
  const auto tokens = doc.tokens();
  end_token = std::min<std::uint32_t>(end_token, static_cast<std::uint32_t>(tokens.size()));
  const int max_ngram = options_.max_ngram;
  ScratchUse use;
  Scratch& scratch = *use;
  std::vector<Unit>& units = scratch.units;
  std::vector<std::uint32_t>& grams = scratch.grams;
  std::vector<std::pair<std::uint32_t, float>>& other = scratch.other;
  std::vector<std::uint32_t>& gram_buckets = scratch.gram_buckets;
  units.clear();
  grams.clear();
  other.clear();
  std::size_t unit_count = 0;

  // One pass over the tokens. Each unit's bytes are hashed once for every feature they end: the
  // unit alone (with and without NOT_), and the longer n-grams, each continuing the hash of the
  // (n-1)-gram ending at the unit before (FNV-1a is computed byte by byte, so the state after
  // "the finale" goes on into " was" for "the finale was").
  const std::uint64_t not_state = fnv_continue(kFnvOffset, kNegationPrefix);
  std::uint64_t open[5];  // hashes of the 1..n_open-grams ending at the previous unit
  int n_open = 0;
  float pos = 0, neg = 0;
  bool present[9] = {};
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
    if (u.starts_chain) n_open = 0;

    // h: [0] the word alone, [1..n_open] the n-grams it extends, [last] NOT_word when negated.
    std::uint64_t h[7];
    h[0] = kFnvOffset;
    for (int k = 0; k < n_open; ++k) {
      h[k + 1] = (open[k] ^ static_cast<unsigned char>(' ')) * kFnvPrime;
      if (u.negated) h[k + 1] = fnv_continue(h[k + 1], kNegationPrefix);
    }
    int n = n_open + 1;
    if (u.negated) h[n++] = not_state;
    fnv_continue_all(h, n, w);
    const std::uint64_t own = u.negated ? h[n - 1] : h[0];

    grams.push_back(static_cast<std::uint32_t>(own & mask_));
    for (int k = 1; k <= n_open; ++k) grams.push_back(static_cast<std::uint32_t>(h[k] & mask_));
    if (names) {
      const std::size_t at = unit_count;
      gram_buckets.resize((at + 1) * max_ngram);
      gram_buckets[at * max_ngram] = static_cast<std::uint32_t>(own & mask_);
      for (int k = 1; k <= n_open; ++k) gram_buckets[(at - k) * max_ngram + k] = static_cast<std::uint32_t>(h[k] & mask_);
    }
    // Grams ending here that a later unit may extend: lengths 1..max_ngram-1.
    const int keep = std::min(n_open + 1, max_ngram - 1);
    for (int k = keep - 1; k >= 1; --k) open[k] = h[k];
    if (keep > 0) open[0] = own;
    n_open = keep;

    const Lexicon::Slot* entry = lexicon_->find(h[0]);
    if (options_.lexicon && entry && (entry->flags & Lexicon::kValence)) {
      // VADER's own damping of a negated valence.
      const float v = u.negated ? -0.74f * entry->valence : entry->valence;
      if (v > 0) pos += v;
      else neg -= v;
      const int r = static_cast<int>(std::lround(std::clamp(v, -4.0f, 4.0f)));
      if (r != 0) present[r + 4] = true;
    }
    ++unit_count;
    if (names) units.push_back(u);
    if (options_.negation && lexicon_->is_negator(entry, w)) in_negation = true;
  }

  if (names) {  // in the order of the n-grams' first units, shorter first, as names keeps the first few
    std::string name;
    for (std::size_t i = 0; i < units.size(); ++i) {
      name.assign(units[i].negated ? kNegationPrefix : std::string_view());
      name.append(units[i].word);
      names->add(gram_buckets[i * max_ngram], name);
      for (int n = 2; n <= max_ngram && i + n - 1 < units.size(); ++n) {
        const Unit& next = units[i + n - 1];
        if (next.starts_chain) break;
        name += ' ';
        if (next.negated) name.append(kNegationPrefix);
        name.append(next.word);
        names->add(gram_buckets[i * max_ngram + n - 1], name);
      }
    }
  }
  sort_buckets(grams, scratch.sort_scratch, options_.hash_bits);

  // Features that are not n-grams: lexicon and cues. Their values add up.
  auto add_other = [&](std::string_view feature, float value) {
    const std::uint32_t b = bucket(feature);
    other.emplace_back(b, value);
    if (names) names->add(b, feature);
  };
  if (options_.lexicon) {
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

  row.clear();
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
}

}  // namespace greenlight
