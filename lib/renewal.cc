// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/renewal.h"

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "embedded.h"
#include "greenlight/entities.h"
#include "greenlight/error.h"
#include "json_reader.h"
#include "renewal_cues.h"

namespace greenlight {

namespace {

// The six classes of the status model: the three official outcomes and the three outlooks of an
// unconfirmed article.
constexpr std::array<std::string_view, 6> kClasses = {"renewed", "cancelled", "ended",
                                                      "unconfirmed/likely", "unconfirmed/unlikely",
                                                      "unconfirmed/unclear"};
constexpr std::string_view kFormat = "greenlight-renewal-model";
constexpr int kFormatVersion = 1;

int class_index(const std::string& status, const std::string& outlook) {
  if (status == "renewed") return 0;
  if (status == "cancelled") return 1;
  if (status == "ended") return 2;
  if (status == "unconfirmed") {
    if (outlook == "likely") return 3;
    if (outlook == "unlikely") return 4;
    return 5;
  }
  return -1;
}

// log1p of a feature's sum. Feature values are 1, 0.5 and 0.25, so sums are quarters and
// nearly all of them small: those come from a table (the same values as std::log1p).
double dampen(double sum) {
  static const std::array<double, 1024> kQuarters = [] {
    std::array<double, 1024> t{};
    for (std::size_t k = 0; k < t.size(); ++k) t[k] = std::log1p(static_cast<double>(k) / 4);
    return t;
  }();
  const double quarters = sum * 4;
  if (quarters >= 0 && quarters < static_cast<double>(kQuarters.size())) {
    const auto k = static_cast<std::size_t>(quarters);
    if (static_cast<double>(k) == quarters) return kQuarters[k];
  }
  return std::log1p(sum);
}

// Cue features of a document summed per name.
std::unordered_map<std::string, double> feature_sums(const std::vector<CueFeature>& cues) {
  std::unordered_map<std::string, double> sums;
  for (const CueFeature& c : cues) sums[c.name] += c.value;
  return sums;
}

// A document's feature values over the model's vocabulary (features outside it are dropped
// first, as scoring never sees them): each sum dampened (log1p) so one repeated phrase does not
// dominate, then scaled to unit length (the bias apart), so a long article is not more certain
// than a short passage for saying the same thing more often.
std::vector<std::pair<int, double>> feature_values(const std::unordered_map<std::string, double>& sums,
                                                   const std::unordered_map<std::string, int>& vocabulary) {
  std::vector<std::pair<int, double>> values;
  double norm = 0;
  int bias = -1;
  for (const auto& [name, sum] : sums) {
    auto it = vocabulary.find(name);
    if (it == vocabulary.end()) continue;
    values.emplace_back(it->second, dampen(sum));
    if (name == "bias") bias = it->second;
    else norm += values.back().second * values.back().second;
  }
  norm = std::sqrt(norm);
  if (norm > 0)
    for (auto& [feature, value] : values)
      if (feature != bias) value /= norm;
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

struct RenewalScorer::Model {
  std::vector<std::string> features;                 // index -> name
  std::unordered_map<std::string, int> index;        // name -> index
  // Row-major: scoring reads a feature's six weights together.
  Eigen::Matrix<double, Eigen::Dynamic, 6, Eigen::RowMajor> status_weights;  // features x 6
  Eigen::VectorXd likelihood_weights;                // features
  double likelihood_temperature = 1.0;               // logit scale fitted on held-out folds

  // Features other than words' are looked up by a 64-bit hash of the name, so scoring never
  // builds the strings: 8-byte slots of (upper 32 bits of the hash, index + 1), with open
  // addressing from the lower bits, at most half full.
  std::vector<std::uint64_t> slots;
  // The weights scoring reads, packed per feature into one 32-byte block (aligned, so that a
  // feature's weights are one cache line's read, not two): six status weights,
  // the likelihood weight (temperature applied), padding.
  static constexpr int kPacked = 8;
  struct alignas(32) PackedWeights {
    float w[kPacked];
  };
  std::vector<PackedWeights> packed;

  void build_index() {
    index.clear();
    std::size_t size = 1024;
    while (size < 2 * features.size()) size *= 2;
    slots.assign(size, 0);
    for (std::size_t i = 0; i < features.size(); ++i) {
      index[features[i]] = static_cast<int>(i);
      const std::uint64_t h = feature_name_hash(features[i]);
      std::size_t at = h & (size - 1);
      for (; slots[at] != 0; at = (at + 1) & (size - 1))
        if ((slots[at] >> 32) == (h >> 32))
          throw Error("renewal model: features '" + features[i] + "' and '" +
                      features[(slots[at] & 0xffffffffu) - 1] + "' have the same hash");
      slots[at] = (h >> 32 << 32) | (i + 1);
    }
    build_word_index();
    build_cue_index();
  }
  // A cue's features by its template and key (cue_key), -1 where the model lacks the feature:
  // reading a cue then costs a table look-up per template instead of a name.
  std::vector<int> cue_features;
  void build_cue_index() {
    cue_features.assign(static_cast<std::size_t>(cue_keys()) * kCueTemplates, -1);
    std::string name;
    CueRead c;
    for (c.cls = 0; c.cls < static_cast<int>(cue_classes().size()); ++c.cls)
      for (int neg = 0; neg < 2; ++neg)
        for (int mod = 0; mod < 2; ++mod)
          for (int q = 0; q < 2; ++q)
            for (c.subject = 0; c.subject < CueRead::kSubjects; ++c.subject)
              for (c.neg_kind = 0; c.neg_kind < CueRead::kNegKinds; ++c.neg_kind) {
                c.negated = neg, c.modal = mod, c.question = q;
                for (int t = 0; t < kCueTemplates; ++t) {
                  cue_template_name(t, c, name);
                  cue_features[static_cast<std::size_t>(cue_key(c)) * kCueTemplates + t] = lookup(feature_name_hash(name));
                }
              }
  }
  void pack_weights() {
    packed.assign(features.size(), PackedWeights{});
    for (std::size_t i = 0; i < features.size(); ++i) {
      float* w = packed[i].w;
      for (int c = 0; c < 6; ++c) w[c] = static_cast<float>(status_weights(static_cast<Eigen::Index>(i), c));
      w[6] = static_cast<float>(likelihood_weights[static_cast<Eigen::Index>(i)] * likelihood_temperature);
    }
  }
  // An article looks up every token, so the words of the model's word features ("o:", "w:", "b:")
  // join the cue reader's words in one table (one probe per token serves both), and a word's
  // features are found by its id there: its "o:" and "w:" features directly, a pair's ("b:")
  // from the two ids, without hashing the pair's name.
  std::unique_ptr<CueWordTable> word_table;
  // Pair features by the ids of their words: slots of (first << id_bits | second) << 32 |
  // (feature + 1), open addressing, at most two thirds full (0: empty).
  std::vector<std::uint64_t> pair_slots;
  static std::size_t pair_slot(std::uint32_t key, std::size_t mask) { return (key * 0x9e3779b97f4a7c15ull >> 40) & mask; }
  std::uint32_t pair_key(std::uint32_t first, std::uint32_t second) const {
    return first << word_table->id_bits() | second;
  }

  void build_word_index() {
    // The words of the word features, those in the most features first: a fixed order, so that
    // words that collide in the table get the same cells in every build.
    std::unordered_map<std::string_view, int> uses;
    for (const std::string& name : features) {
      const std::string_view kind = std::string_view(name).substr(0, 2);
      if (kind == "o:" || kind == "w:") ++uses[std::string_view(name).substr(2)];
      const std::size_t space = name.find(' ', 2);
      if (kind == "b:" && space != std::string::npos) {
        ++uses[std::string_view(name).substr(2, space - 2)];
        ++uses[std::string_view(name).substr(space + 1)];
      }
    }
    std::vector<std::string_view> model_words;
    for (const auto& [word, count] : uses) model_words.push_back(word);
    std::sort(model_words.begin(), model_words.end(), [&](std::string_view a, std::string_view b) {
      return uses[a] != uses[b] ? uses[a] > uses[b] : a < b;
    });
    word_table = std::make_unique<CueWordTable>(model_words);
    if (2 * word_table->id_bits() > 32) throw Error("renewal model: too many words in its word features");
    std::vector<std::pair<std::uint32_t, int>> pairs;  // pair_key, feature
    for (std::size_t i = 0; i < features.size(); ++i) {
      const std::string_view name = features[i];
      const std::string_view kind = name.substr(0, 2);
      if (kind == "o:") word_table->entry(word_table->id(name.substr(2))).seen_alone = static_cast<int>(i);
      if (kind == "w:") word_table->entry(word_table->id(name.substr(2))).in_cue_sentence = static_cast<int>(i);
      const std::size_t space = name.find(' ', 2);
      if (kind == "b:" && space != std::string_view::npos) {
        const std::uint32_t first = word_table->id(name.substr(2, space - 2));
        const std::uint32_t second = word_table->id(name.substr(space + 1));
        word_table->entry(first).use |= CueTokens::kBeginsPair;
        word_table->entry(second).use |= CueTokens::kEndsPair;
        pairs.emplace_back(pair_key(first, second), static_cast<int>(i));
      }
    }
    std::size_t size = 1024;
    while (2 * size < 3 * pairs.size()) size *= 2;
    pair_slots.assign(size, 0);
    for (const auto& [key, feature] : pairs) {
      std::size_t at = pair_slot(key, size - 1);
      while (pair_slots[at] != 0) at = (at + 1) & (size - 1);
      pair_slots[at] = std::uint64_t{key} << 32 | static_cast<std::uint32_t>(feature + 1);
    }
  }
  // The pair feature of two words by their ids, or -1.
  int pair_feature(std::uint32_t first, std::uint32_t second) const {
    if (second == 0) return -1;
    const std::uint32_t key = pair_key(first, second);
    const std::size_t mask = pair_slots.size() - 1;
    for (std::size_t at = pair_slot(key, mask); pair_slots[at] != 0; at = (at + 1) & mask)
      if (pair_slots[at] >> 32 == key) return static_cast<int>(pair_slots[at] & 0xffffffffu) - 1;
    return -1;
  }
  // Calls add(feature) for each model feature of a cue, in the order of CueSink::add_cue.
  template <class Add>
  void cue_read_features(const CueRead& cue, Add&& add) const {
    const int* f = &cue_features[static_cast<std::size_t>(cue_key(cue)) * kCueTemplates];
    for (int t = 0; t < kCueTemplates; ++t)
      if (f[t] >= 0 && cue_template_applies(t, cue)) add(f[t]);
  }
  // Calls add(feature, value) for each word feature of a sentence, in the order of
  // CueSink::add_sentence_words.
  template <class Add>
  void sentence_word_features(const SentenceWords& s, Add&& add) const {
    const CueWordTable& table = *word_table;
    if (!s.cue_sentence) {
      for (std::size_t i = 0; i < s.size; ++i)
        if (s.use[i] & SentenceWords::kUseAlone) add(table.entry(s.ids[i]).seen_alone, 0.25f);
      return;
    }
    // A pair is looked up only where one can be (a word that begins one, then a word that ends
    // one), and its slots are asked for first, all at once, so that their cache misses overlap.
    auto may_pair = [&](std::size_t i) {
      return i + 1 < s.size && (s.use[i] & CueTokens::kBeginsPair) && (s.use[i + 1] & CueTokens::kEndsPair);
    };
    const std::size_t mask = pair_slots.size() - 1;
    for (std::size_t i = 0; i < s.size; ++i)
      if ((s.use[i] & SentenceWords::kUseInCue) && may_pair(i))
        __builtin_prefetch(&pair_slots[pair_slot(pair_key(s.ids[i], s.ids[i + 1]), mask)]);
    for (std::size_t i = 0; i < s.size; ++i) {
      if (!(s.use[i] & SentenceWords::kUseInCue)) continue;
      add(table.entry(s.ids[i]).in_cue_sentence, 0.5f);
      if (may_pair(i)) add(pair_feature(s.ids[i], s.ids[i + 1]), 0.5f);
    }
  }

  int lookup(std::uint64_t hash) const {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t at = hash & mask; slots[at] != 0; at = (at + 1) & mask)
      if ((slots[at] >> 32) == (hash >> 32)) return static_cast<int>(slots[at] & 0xffffffffu) - 1;
    return -1;
  }
};

RenewalScorer::RenewalScorer(std::shared_ptr<const Model> model) : model_(std::move(model)) {}
RenewalScorer::RenewalScorer(RenewalScorer&&) noexcept = default;
RenewalScorer& RenewalScorer::operator=(RenewalScorer&&) noexcept = default;
RenewalScorer::~RenewalScorer() = default;

RenewalSubject RenewalScorer::subject_from_title(const Document& doc, std::string_view title) {
  RenewalSubject subject;
  if (title.empty()) return subject;
  const std::string_view text = doc.text();
  for (std::size_t at = text.find(title); at != std::string_view::npos; at = text.find(title, at + 1))
    subject.main_show.emplace_back(static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + title.size()));
  return subject;
}

RenewalSubject RenewalScorer::subject_for_passage(const Document& doc, std::string_view title) {
  RenewalSubject subject = subject_from_title(doc, title);
  static const EntityExtractor extractor;
  const EntityResult found = extractor.extract(doc);
  // Every show the extractor finds that is not the labelled one (its main show may be another).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> shows = found.main_show_spans;
  shows.insert(shows.end(), found.other_show_spans.begin(), found.other_show_spans.end());
  std::sort(shows.begin(), shows.end());
  for (const auto& span : shows) {
    const bool main = std::any_of(subject.main_show.begin(), subject.main_show.end(), [&](const auto& m) {
      return m.first < span.second && span.first < m.second;
    });
    if (main || (!subject.other_shows.empty() && subject.other_shows.back().second > span.first)) continue;
    subject.other_shows.push_back(span);
  }
  return subject;
}

namespace {

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

Eigen::VectorXd softmax(const Eigen::VectorXd& z) {
  const Eigen::VectorXd e = (z.array() - z.maxCoeff()).exp();
  return e / e.sum();
}

struct Dataset {
  Eigen::SparseMatrix<double, Eigen::RowMajor> x;  // passages x features
  std::vector<int> y;                              // class index
  std::vector<double> soft;                        // binary model only: target probability
};

// Full-batch Adam on the L2-regularized softmax (k classes) or logistic (k == 1) loss.
// Deterministic: no sampling, weights start at zero.
Eigen::MatrixXd fit(const Dataset& data, int k, const RenewalTrainOptions& o) {
  const Eigen::Index d = data.x.cols();
  const Eigen::Index n = data.x.rows();
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(d, k);
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(d, k), v = Eigen::MatrixXd::Zero(d, k);
  Eigen::MatrixXd target = Eigen::MatrixXd::Zero(n, k);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (k == 1) target(i, 0) = data.soft.empty() ? data.y[i] : data.soft[i];
    else target(i, data.y[i]) = 1;
  }
  const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
  for (int t = 1; t <= o.epochs; ++t) {
    Eigen::MatrixXd z = data.x * w;  // n x k
    Eigen::MatrixXd p(n, k);
    if (k == 1) {
      p = z.unaryExpr([](double a) { return sigmoid(a); });
    } else {
      for (Eigen::Index i = 0; i < n; ++i) p.row(i) = softmax(z.row(i).transpose()).transpose();
    }
    Eigen::MatrixXd grad = data.x.transpose() * (p - target) + o.l2 * w;
    m = b1 * m + (1 - b1) * grad;
    v = b2 * v + (1 - b2) * grad.cwiseProduct(grad);
    const double lr = o.learning_rate * std::sqrt(1 - std::pow(b2, t)) / (1 - std::pow(b1, t));
    w -= lr * (m.array() / (v.array().sqrt() + eps)).matrix();
  }
  return w;
}

}  // namespace

namespace {

// The model features of one article, numbered in the order first seen, with their sums. An
// open-addressing table from feature to number, kept by the thread: entries of earlier articles
// are told apart by a generation count, so starting an article costs nothing.
class ArticleFeatures {
 public:
  void clear() {
    features_.clear();
    sums_.clear();
    if (slots_.empty()) {
      slots_.resize(1024);
      mask_ = slots_.size() - 1;
    }
    if (++generation_ == 0) {  // wrapped: forget every entry
      std::fill(slots_.begin(), slots_.end(), Slot{});
      generation_ = 1;
    }
  }
  // Adds `value` to feature f's sum, numbering f if it is new; returns its number.
  std::uint32_t add(int f, float value) {
    Slot* slots = slots_.data();
    for (std::size_t at = slot_of(f);; at = (at + 1) & mask_) {
      Slot& s = slots[at];
      if (s.generation != generation_) return add_new(s, f, value);
      if (s.feature == f) {
        sums_[s.number] += value;
        return s.number;
      }
    }
  }
  // The number of a feature already added.
  std::uint32_t find(int f) const {
    for (std::size_t at = slot_of(f);; at = (at + 1) & mask_)
      if (slots_[at].generation == generation_ && slots_[at].feature == f) return slots_[at].number;
  }
  const std::vector<int>& features() const { return features_; }  // by number
  const std::vector<double>& sums() const { return sums_; }         // by number

 private:
  struct Slot {
    std::uint32_t generation = 0;
    int feature = 0;
    std::uint32_t number = 0;
  };
  std::size_t slot_of(int f) const { return (static_cast<std::uint32_t>(f) * 0x9e3779b1u >> 8) & mask_; }
  std::uint32_t add_new(Slot& s, int f, float value) {
    const auto number = static_cast<std::uint32_t>(features_.size());
    s = {generation_, f, number};
    features_.push_back(f);
    sums_.push_back(value);
    if (2 * features_.size() > slots_.size()) grow();
    return number;
  }
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.generation != generation_) continue;
      std::size_t at = slot_of(s.feature);
      while (slots_[at].generation == generation_) at = (at + 1) & mask_;
      slots_[at] = s;
    }
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::uint32_t generation_ = 0;
  std::vector<int> features_;
  std::vector<double> sums_;
};

}  // namespace

RenewalScorer RenewalScorer::train(const std::vector<RenewalExample>& examples, const RenewalTrainOptions& options) {
  if (examples.empty()) throw Error("renewal training: no examples");
  const Tokenizer tokenizer;
  std::vector<std::unordered_map<std::string, double>> docs;  // feature sums
  std::vector<int> labels;
  std::map<std::string, int> document_frequency;
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const RenewalExample& e = examples[i];
    const int label = class_index(e.status, e.outlook);
    if (label < 0) throw Error("renewal training: example " + std::to_string(i) + " has unknown status '" + e.status + "'");
    const Document doc = tokenizer.tokenize(e.text);
    docs.push_back(feature_sums(renewal_cue_features(doc, subject_for_passage(doc, e.show))));
    labels.push_back(label);
    for (const auto& [name, value] : docs.back()) ++document_frequency[name];
  }
  auto model = std::make_shared<Model>();
  for (const auto& [name, count] : document_frequency)
    if (count >= options.min_feature_count || name == "bias") model->features.push_back(name);
  model->build_index();
  Dataset data;
  data.x.resize(static_cast<Eigen::Index>(docs.size()), static_cast<Eigen::Index>(model->features.size()));
  std::vector<Eigen::Triplet<double>> triplets;
  for (std::size_t i = 0; i < docs.size(); ++i)
    for (const auto& [feature, value] : feature_values(docs[i], model->index))
      triplets.emplace_back(static_cast<int>(i), feature, value);
  data.x.setFromTriplets(triplets.begin(), triplets.end());
  data.y = labels;
  model->status_weights = fit(data, static_cast<int>(kClasses.size()), options);
  // The likelihood of another season, learned from soft targets: an official renewal is near
  // certain, an unconfirmed article's outlook says how the evidence leans, and an official
  // cancellation or final season leaves little chance (revivals happen, rarely).
  Dataset binary = data;
  static constexpr double kTarget[6] = {0.99, 0.01, 0.01, 0.9, 0.05, 0.2};
  for (std::size_t i = 0; i < binary.y.size(); ++i) binary.soft.push_back(kTarget[binary.y[i]]);
  model->likelihood_weights = fit(binary, 1, options).col(0);
  model->pack_weights();
  return RenewalScorer(std::move(model));
}

RenewalResult RenewalScorer::score(const Document& doc, const RenewalSubject& subject) const {
  const Model& m = *model_;
  // Two passes over the sentences, so that memory stays small for any article length: the first
  // sums the features, the second splits each feature's contribution over its sentences. Both
  // see features by the hash of their name (as feature_values() sees them by name in training).
  const int headline_index = subject.headline_sentence == -2 ? find_headline_sentence(doc) : subject.headline_sentence;
  // The article's model features, numbered in the order first seen: sums and contributions live
  // in short arrays by that number (an article has a few hundred features, which in arrays as long
  // as the model would each cost a cache miss). Reused by the thread.
  thread_local ArticleFeatures seen;
  thread_local std::vector<double> contribution;
  seen.clear();
  // Model features as they occur (by their number in `seen`), kept for the second pass unless
  // the article is huge (then the second pass reads the sentences again, so memory stays
  // bounded). Features outside the model are dropped at once: they carry no weight and, as in
  // training, do not count in the norm.
  struct Occurrence {
    std::uint32_t feature;
    float value;
    std::uint32_t sentence;
  };
  constexpr std::size_t kMaxCachedBytes = 8u << 20;
  const bool cache = doc.text().size() <= kMaxCachedBytes;
  thread_local std::vector<Occurrence> occurrences;  // reused: a long article's list is large
  occurrences.clear();
  struct SumSink final : CueSink {
    const Model& m;
    // The thread's tallies, found once here rather than at every feature (a thread_local in a
    // shared library is a function call away).
    ArticleFeatures& seen;
    std::vector<Occurrence>* occurrences;
    std::uint32_t sentence = 0;
    SumSink(const Model& model, ArticleFeatures& a, std::vector<Occurrence>* o) : m(model), seen(a), occurrences(o) {}
    void add(int f, float value) {
      if (f < 0) return;
      // Its weights are read at the end: asked for now, they arrive while the article is read.
      __builtin_prefetch(&m.packed[static_cast<std::size_t>(f)]);
      const std::uint32_t k = seen.add(f, value);
      if (occurrences) occurrences->push_back({k, value, sentence});
    }
    void add(std::string_view name, float value) override { add(m.lookup(feature_name_hash(name)), value); }
    void add_cue(const CueRead& cue) override {
      m.cue_read_features(cue, [this](int f) { add(f, 1); });
    }
    void add_sentence_words(const SentenceWords& s) override {
      m.sentence_word_features(s, [this](int f, float value) { add(f, value); });
    }
  } sum_sink(m, seen, cache ? &occurrences : nullptr);
  thread_local CueTokens tokens;  // reused
  int cue_sentences = 0;
  CueEvents events;
  for (std::size_t si = 0, run_end = 0; si < doc.sentences().size(); ++si) {
    if (si == run_end) {
      run_end = cue_run_end(doc, si);
      prepare_cue_tokens(doc, si, run_end, *m.word_table, tokens);
    }
    sum_sink.sentence = static_cast<std::uint32_t>(si);
    cue_sentences += sentence_cue_features(doc, tokens, subject, headline_index, si, sum_sink, &events);
  }
  // Event features are evidence of the sentence holding the event: their occurrences go in
  // sentence order with the others.
  const std::size_t sentence_occurrences = occurrences.size();
  for (const EventFeature& f : event_features(events)) {
    sum_sink.sentence = static_cast<std::uint32_t>(f.sentence);
    sum_sink.add(f.name, 1);
  }
  if (occurrences.size() > sentence_occurrences) {
    const auto by_sentence = [](const Occurrence& a, const Occurrence& b) { return a.sentence < b.sentence; };
    const auto middle = occurrences.begin() + static_cast<std::ptrdiff_t>(sentence_occurrences);
    std::stable_sort(middle, occurrences.end(), by_sentence);
    std::inplace_merge(occurrences.begin(), middle, occurrences.end(), by_sentence);
  }
  sum_sink.occurrences = nullptr;  // the remaining document-level features are not evidence
  const int bias = m.lookup(feature_name_hash("bias"));
  sum_sink.add(bias, 1);
  if (cue_sentences == 0) sum_sink.add(m.lookup(feature_name_hash("no_cue_sentences")), 1);
  const std::vector<int>& features = seen.features();  // by number
  const std::vector<double>& sums = seen.sums();
  const std::size_t n = features.size();
  // feature_values(): log1p of each sum, scaled to unit length apart from the bias. The dampened
  // values wait in `contribution` until the norm is known.
  contribution.resize(n);
  double norm = 0;
  for (std::size_t k = 0; k < n; ++k) {
    contribution[k] = dampen(sums[k]);
    if (features[k] != bias) norm += contribution[k] * contribution[k];
  }
  norm = std::sqrt(norm);

  Eigen::Matrix<double, 6, 1> status_logits = Eigen::Matrix<double, 6, 1>::Zero();
  double likelihood_logit = 0;
  for (std::size_t k = 0; k < n; ++k) {
    double value = contribution[k];
    if (features[k] != bias && norm > 0) value /= norm;
    const float* w = m.packed[static_cast<std::size_t>(features[k])].w;
    for (int c = 0; c < 6; ++c) status_logits[c] += value * w[c];
    contribution[k] = value * w[6];
    likelihood_logit += contribution[k];
  }
  const Eigen::Matrix<double, 6, 1> e = (status_logits.array() - status_logits.maxCoeff()).exp().matrix();
  const Eigen::Matrix<double, 6, 1> p = e / e.sum();  // softmax
  RenewalResult r;
  r.status_probabilities = {p[0], p[1], p[2], p[3] + p[4] + p[5]};
  const int status = static_cast<int>(std::max_element(r.status_probabilities.begin(), r.status_probabilities.end()) -
                                      r.status_probabilities.begin());
  static constexpr std::array<std::string_view, 4> kStatus = {"renewed", "cancelled", "ended", "unconfirmed"};
  r.status = std::string(kStatus[status]);
  r.likelihood = sigmoid(likelihood_logit);
  if (status == 3) {
    const int outlook = p[3] >= p[4] && p[3] >= p[5] ? 3 : (p[4] >= p[5] ? 4 : 5);
    r.outlook = std::string(kClasses[outlook].substr(std::string_view("unconfirmed/").size()));
  }
  // Evidence: each feature's contribution split over the sentences it came from, in proportion:
  // a sentence's share is the feature's contribution per unit of its sum times the sentence's
  // value. (Sums are positive: every feature value is.)
  for (std::size_t k = 0; k < n; ++k) contribution[k] /= sums[k];
  constexpr std::size_t kMaxEvidence = 6;
  // Without the cache, a sentence's model features are found again.
  struct SentenceSink final : CueSink {
    const Model& m;
    const ArticleFeatures& seen;
    std::vector<Occurrence>& out;
    std::uint32_t sentence = 0;
    SentenceSink(const Model& model, const ArticleFeatures& a, std::vector<Occurrence>& o) : m(model), seen(a), out(o) {}
    void add(std::string_view name, float value) override { add(m.lookup(feature_name_hash(name)), value); }
    void add_cue(const CueRead& cue) override {
      m.cue_read_features(cue, [this](int f) { add(f, 1); });
    }
    void add_sentence_words(const SentenceWords& s) override {
      m.sentence_word_features(s, [this](int f, float value) { add(f, value); });
    }
    void add(int f, float value) {
      if (f >= 0) out.push_back({seen.find(f), value, sentence});
    }
  };
  std::vector<Occurrence> found_again;
  SentenceSink sentence_sink(m, seen, found_again);
  // A sentence's model features: from the cache, else found again.
  auto features_of = [&](std::size_t si, std::size_t cached_from, std::size_t cached_to) {
    if (cache) return std::make_pair(occurrences.data() + cached_from, occurrences.data() + cached_to);
    found_again.clear();
    sentence_sink.sentence = static_cast<std::uint32_t>(si);
    prepare_cue_tokens(doc, si, si + 1, *m.word_table, tokens);
    sentence_cue_features(doc, tokens, subject, headline_index, si, sentence_sink);
    return std::make_pair(found_again.data(), found_again.data() + found_again.size());
  };
  // The strongest sentences first (by weight alone), then their features.
  struct Candidate {
    std::size_t sentence, from, to;  // occurrences [from, to) when cached
    double weight;
  };
  thread_local std::vector<Candidate> strongest;  // by |weight|, at most kMaxEvidence (reused)
  strongest.clear();
  double attributed = 0;
  std::size_t next_occurrence = 0;
  for (std::size_t si = 0; si < doc.sentences().size(); ++si) {
    const std::size_t from = next_occurrence;
    double weight = 0;
    if (cache) {
      for (; next_occurrence < occurrences.size() && occurrences[next_occurrence].sentence == si; ++next_occurrence)
        weight += contribution[occurrences[next_occurrence].feature] * occurrences[next_occurrence].value;
    } else {
      const auto [first, last] = features_of(si, from, from);
      for (const Occurrence* o = first; o != last; ++o) weight += contribution[o->feature] * o->value;
    }
    attributed += weight;
    if (std::fabs(weight) < 0.05) continue;
    if (strongest.size() == kMaxEvidence && std::fabs(weight) <= std::fabs(strongest.back().weight)) continue;
    if (strongest.size() == kMaxEvidence) strongest.pop_back();
    auto at = std::find_if(strongest.begin(), strongest.end(),
                           [&](const Candidate& c) { return std::fabs(c.weight) < std::fabs(weight); });
    strongest.insert(at, {si, from, next_occurrence, weight});
  }
  thread_local std::vector<std::pair<int, double>> by_feature;  // model feature -> share (reused)
  thread_local std::vector<int> position;          // by number: the feature's entry in by_feature
  position.assign(n, -1);
  for (const Candidate& c : strongest) {
    RenewalEvidenceItem item;
    const Sentence& s = doc.sentences()[c.sentence];
    item.begin = s.begin;
    item.end = s.end;
    item.text = std::string(doc.text_of(s));
    item.weight = c.weight;
    // Shares summed per feature in the order first seen.
    by_feature.clear();
    const auto [first, last] = features_of(c.sentence, c.from, c.to);
    for (const Occurrence* o = first; o != last; ++o) {
      const double share = contribution[o->feature] * o->value;
      int& at = position[o->feature];
      if (at < 0) {
        at = static_cast<int>(by_feature.size());
        by_feature.emplace_back(features[o->feature], share);
      } else {
        by_feature[at].second += share;
      }
    }
    for (const Occurrence* o = first; o != last; ++o) position[o->feature] = -1;
    const std::size_t shown = std::min<std::size_t>(by_feature.size(), 4);
    std::partial_sort(by_feature.begin(), by_feature.begin() + static_cast<std::ptrdiff_t>(shown), by_feature.end(),
                      [&](const auto& a, const auto& b) {
                        if (std::fabs(a.second) != std::fabs(b.second)) return std::fabs(a.second) > std::fabs(b.second);
                        return m.features[a.first] < m.features[b.first];
                      });
    for (std::size_t k = 0; k < shown; ++k) item.features.emplace_back(m.features[by_feature[k].first], by_feature[k].second);
    r.evidence.push_back(std::move(item));
  }
  r.bias = likelihood_logit - attributed;
  return r;
}

std::string RenewalResult::explain(std::size_t max_items) const {
  char head[64];
  std::snprintf(head, sizeof head, "%s, %.2f", status.c_str(), likelihood);
  std::string out = head;
  if (outlook) out += " (" + *outlook + ")";
  for (std::size_t i = 0; i < evidence.size() && i < max_items; ++i) {
    std::string text = evidence[i].text;
    for (char& c : text)
      if (c == '\n') c = ' ';
    if (text.size() > 90) text = text.substr(0, 87) + "...";
    char weight[32];
    std::snprintf(weight, sizeof weight, "%+.1f", evidence[i].weight);
    out += (i == 0 ? ": '" : ", '") + text + "' (" + weight + ")";
  }
  return out;
}

// Model file: a header line, then one line per feature: name, six status weights, likelihood
// weight, tab-separated. Text, so a diff of a retrained model is readable.
std::string RenewalScorer::to_string() const {
  const Model& m = *model_;
  std::ostringstream out;
  out.precision(6);
  out << kFormat << "\t" << kFormatVersion << "\t" << m.features.size() << "\t" << m.likelihood_temperature << "\n";
  for (std::size_t i = 0; i < m.features.size(); ++i) {
    out << m.features[i];
    for (Eigen::Index c = 0; c < m.status_weights.cols(); ++c) out << "\t" << m.status_weights(i, c);
    out << "\t" << m.likelihood_weights[i] << "\n";
  }
  return out.str();
}

void RenewalScorer::save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw Error(path + ": cannot open for writing");
  out << to_string();
  if (!out) throw Error(path + ": write failed");
}

RenewalScorer RenewalScorer::from_string(std::string_view contents, const std::string& name) {
  auto model = std::make_shared<Model>();
  std::size_t line_start = 0, line_number = 0, expected = 0;
  auto fail = [&](const std::string& what) -> Error {
    return Error(name + ":" + std::to_string(line_number) + ": " + what);
  };
  std::vector<double> status, likelihood;
  while (line_start < contents.size()) {
    std::size_t end = contents.find('\n', line_start);
    if (end == std::string_view::npos) end = contents.size();
    const std::string line(contents.substr(line_start, end - line_start));
    line_start = end + 1;
    ++line_number;
    std::vector<std::string> cols;
    std::size_t a = 0;
    for (std::size_t b = line.find('\t'); ; b = line.find('\t', a)) {
      cols.push_back(line.substr(a, b == std::string::npos ? std::string::npos : b - a));
      if (b == std::string::npos) break;
      a = b + 1;
    }
    if (line_number == 1) {
      if (cols.size() != 4 || cols[0] != kFormat) throw fail("not a greenlight renewal model (bad header)");
      if (cols[1] != std::to_string(kFormatVersion))
        throw fail("model format version " + cols[1] + ", this library reads version " + std::to_string(kFormatVersion));
      expected = std::strtoul(cols[2].c_str(), nullptr, 10);
      model->likelihood_temperature = std::strtod(cols[3].c_str(), nullptr);
      continue;
    }
    if (cols.size() != 8) throw fail("expected 8 tab-separated columns, found " + std::to_string(cols.size()));
    model->features.push_back(cols[0]);
    for (int c = 1; c <= 6; ++c) {
      char* endp = nullptr;
      status.push_back(std::strtod(cols[c].c_str(), &endp));
      if (endp == cols[c].c_str() || !std::isfinite(status.back())) throw fail("bad weight '" + cols[c] + "'");
    }
    char* endp = nullptr;
    likelihood.push_back(std::strtod(cols[7].c_str(), &endp));
    if (endp == cols[7].c_str() || !std::isfinite(likelihood.back())) throw fail("bad weight '" + cols[7] + "'");
  }
  if (line_number == 0) throw Error(name + ": empty model file");
  if (model->features.size() != expected)
    throw Error(name + ": truncated: header says " + std::to_string(expected) + " features, file has " +
                std::to_string(model->features.size()));
  const Eigen::Index d = static_cast<Eigen::Index>(model->features.size());
  model->status_weights = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, 6, Eigen::RowMajor>>(status.data(), d, 6);
  model->likelihood_weights = Eigen::Map<Eigen::VectorXd>(likelihood.data(), d);
  model->build_index();
  model->pack_weights();
  return RenewalScorer(std::move(model));
}

RenewalScorer RenewalScorer::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open");
  std::stringstream s;
  s << in.rdbuf();
  return from_string(s.str(), path);
}

RenewalScorer RenewalScorer::load_default() {
  const auto bytes = embedded_file("models/renewal.tsv");
  if (!bytes) throw Error("no renewal model was built into this library (models/renewal.tsv)");
  return from_string(*bytes, "models/renewal.tsv");
}

std::vector<RenewalExample> load_renewal_examples(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open");
  std::vector<RenewalExample> out;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(line_number);
    JsonValue v;
    try {
      v = parse_json(line);
    } catch (const Error& e) {
      throw Error(where + ": " + e.what());
    }
    RenewalExample e;
    const JsonValue* text = v.find("text");
    const JsonValue* status = v.find("status");
    if (!text || !text->is_string() || !status || !status->is_string())
      throw Error(where + ": needs string fields \"text\" and \"status\"");
    e.text = text->str();
    e.status = status->str();
    if (const JsonValue* o = v.find("outlook"); o && o->is_string()) e.outlook = o->str();
    if (const JsonValue* s = v.find("show"); s && s->is_string()) e.show = s->str();
    if (class_index(e.status, e.outlook) < 0) throw Error(where + ": unknown status '" + e.status + "'");
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace greenlight
