// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/sentiment.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <span>
#include <thread>

#include "embedded.h"
#include "greenlight/error.h"

namespace greenlight {

namespace {

// Weight of a neutral sentence relative to a fully polar one in the article's score.
constexpr double kNeutralWeight = 0.25;

int label_index(const LinearModel& m, std::string_view name) {
  for (std::size_t i = 0; i < m.labels().size(); ++i)
    if (m.labels()[i] == name) return static_cast<int>(i);
  return -1;
}

}  // namespace

SentimentScorer::SentimentScorer(LinearModel model, SentimentOptions options)
    : model_(std::move(model)), features_(model_.feature_options()), options_(options) {
  positive_ = label_index(model_, "positive");
  negative_ = label_index(model_, "negative");
  if (positive_ < 0 || negative_ < 0)
    throw Error("sentiment model: labels must include \"negative\" and \"positive\"");
}

SentimentScorer SentimentScorer::load_default(SentimentOptions options) {
  const auto bytes = embedded_file("models/sentiment.glm");
  if (!bytes) throw Error("models/sentiment.glm: not compiled into the library");
  return SentimentScorer(LinearModel::from_bytes(*bytes, "models/sentiment.glm"), options);
}

SentimentScorer SentimentScorer::load(const std::string& path, SentimentOptions options) {
  return SentimentScorer(LinearModel::load(path), options);
}

double SentimentScorer::score(const Document& doc, std::uint32_t first_token, std::uint32_t end_token) const {
  // Called once per sentence: the row and the probabilities live in buffers reused across calls.
  thread_local SparseRow row;
  features_.extract(doc, first_token, end_token, row);
  double small[8];
  thread_local std::vector<double> large;
  const std::size_t k = model_.labels().size();
  if (k > std::size(small)) large.resize(k);
  const std::span<double> p(k > std::size(small) ? large.data() : small, k);
  model_.predict_proba(row, p);
  return std::clamp(p[positive_] - p[negative_], -1.0, 1.0);
}

std::string SentimentScorer::classify(const Document& doc) const {
  return model_.labels()[model_.predict(features_.extract(doc))];
}

SentimentResult SentimentScorer::score(const Document& doc) const {
  SentimentResult r;
  r.sentences.reserve(doc.sentences().size());
  double weighted = 0, total = 0, positive = 0, negative = 0;
  for (const Sentence& s : doc.sentences()) {
    std::uint32_t words = 0;
    for (const Token& t : doc.tokens(s)) words += t.kind == TokenKind::kWord;
    if (words == 0) continue;
    const double v = score(doc, s.first_token, s.end_token);
    r.sentences.push_back({s.begin, s.end, v});
    const double w = words * (kNeutralWeight + std::abs(v));
    weighted += w * v;
    total += w;
    if (v >= options_.strong) positive += w;
    if (v <= -options_.strong) negative += w;
  }
  r.score = total > 0 ? std::clamp(weighted / total, -1.0, 1.0) : 0.0;
  const double polar = positive + negative;
  if (positive > 0 && negative > 0 && positive >= options_.mixed_share * polar && negative >= options_.mixed_share * polar)
    r.label = "mixed";
  else if (std::abs(r.score) < options_.neutral_band)
    r.label = "neutral";
  else
    r.label = r.score > 0 ? "positive" : "negative";
  return r;
}

std::string normalize_sentiment_label(std::string_view label) {
  if (label == "0" || label == "neg" || label == "negative" || label == "-1") return "negative";
  if (label == "1" || label == "pos" || label == "positive" || label == "+1") return "positive";
  if (label == "neutral" || label == "neu") return "neutral";
  throw Error("unknown sentiment label \"" + std::string(label) + "\" (expected 0/1, neg/pos, negative/neutral/positive)");
}

std::vector<LabeledText> read_labeled_texts(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open: " + std::strerror(errno));
  std::vector<LabeledText> out;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) throw Error(path + ":" + std::to_string(n) + ": expected label<TAB>text");
    try {
      out.push_back({normalize_sentiment_label(std::string_view(line).substr(0, tab)), line.substr(tab + 1)});
    } catch (const Error& e) {
      throw Error(path + ":" + std::to_string(n) + ": " + e.what());
    }
  }
  if (in.bad()) throw Error(path + ": read error");
  return out;
}

namespace {

// Features of many texts on two threads (tokenizing dominates).
std::vector<SparseRow> extract_all(const std::vector<LabeledText>& texts, const FeatureExtractor& fx,
                                   FeatureNames* names) {
  std::vector<SparseRow> rows(texts.size());
  const Tokenizer tokenizer;
  if (names) {  // FeatureNames is not thread-safe: one pass.
    for (std::size_t i = 0; i < texts.size(); ++i) rows[i] = fx.extract(tokenizer.tokenize(texts[i].text), names);
    return rows;
  }
  const unsigned threads = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (std::size_t i = t; i < texts.size(); i += threads) rows[i] = fx.extract(tokenizer.tokenize(texts[i].text));
    });
  for (auto& th : pool) th.join();
  return rows;
}

}  // namespace

LinearModel train_sentiment(const std::vector<LabeledText>& train, const std::vector<LabeledText>* dev,
                            const SentimentTrainOptions& options, const std::vector<float>* weights) {
  if (train.empty()) throw Error("train_sentiment: no training texts");
  bool present[3] = {};
  static const char* kOrder[3] = {"negative", "neutral", "positive"};
  auto index_of = [](const std::string& l) { return l == "negative" ? 0 : l == "neutral" ? 1 : 2; };
  for (const LabeledText& t : train) present[index_of(normalize_sentiment_label(t.label))] = true;
  if (!present[0] || !present[2]) throw Error("train_sentiment: the training texts need both negative and positive labels");
  std::vector<std::string> labels;
  int remap[3];
  for (int i = 0; i < 3; ++i) {
    remap[i] = static_cast<int>(labels.size());
    if (present[i]) labels.push_back(kOrder[i]);
  }
  const FeatureExtractor fx(options.features);
  FeatureNames names;
  Dataset train_set;
  train_set.rows = extract_all(train, fx, options.keep_names ? &names : nullptr);
  for (const LabeledText& t : train) train_set.labels.push_back(remap[index_of(normalize_sentiment_label(t.label))]);
  if (weights) train_set.weights = *weights;
  Dataset dev_set;
  if (dev) {
    dev_set.rows = extract_all(*dev, fx, nullptr);
    for (const LabeledText& t : *dev) {
      const int i = index_of(normalize_sentiment_label(t.label));
      if (!present[i]) throw Error("train_sentiment: dev label \"" + t.label + "\" is not in the training set");
      dev_set.labels.push_back(remap[i]);
    }
  }
  return LinearModel::train(train_set, dev ? &dev_set : nullptr, labels, options.features, options.train, &names);
}

}  // namespace greenlight
