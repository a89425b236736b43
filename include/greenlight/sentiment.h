// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Sentiment: a score in [-1, 1] per sentence and for the whole article, and a label.
//
//   const greenlight::SentimentScorer scorer = greenlight::SentimentScorer::load_default();
//   const greenlight::Document doc = tokenizer.tokenize(text);
//   greenlight::SentimentResult r = scorer.score(doc);
//   // r.label == "positive", r.score == 0.42, r.sentences[i].score per sentence
//
// A sentence's score is P(positive) - P(negative) under a linear model (linear_model.h) over word
// 1-3-grams with negation scopes and VADER lexicon features (features.h). The article's score is
// the mean of its sentence scores weighted by length and by how polar each sentence is, so a few
// clear opinions are not drowned by many neutral sentences of fact:
//   w_i = words_i * (kNeutralWeight + |s_i|),   score = sum w_i s_i / sum w_i.
// Label: "mixed" when strongly positive and strongly negative sentences (|s| >= 0.5) both hold at
// least a quarter of the polar weight; else "neutral" when |score| < neutral_band; else the sign.
//
// The default model (models/sentiment.glm, compiled in) is trained by scripts/train_sentiment_model
// on public review and news-snippet sets; docs/sentiment.md says which and why.
//
// A SentimentScorer is immutable; score() is const and thread-safe.

#ifndef GREENLIGHT_SENTIMENT_H_
#define GREENLIGHT_SENTIMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "greenlight/linear_model.h"
#include "greenlight/tokenizer.h"

namespace greenlight {

struct SentenceSentiment {
  std::uint32_t begin = 0, end = 0;  // byte offsets of the sentence
  double score = 0;                  // [-1, 1]
};

struct SentimentResult {
  std::string label;  // negative | neutral | positive | mixed
  double score = 0;   // [-1, 1]
  std::vector<SentenceSentiment> sentences;
};

struct SentimentOptions {
  double neutral_band = 0.15;  // |score| below this is neutral
  double strong = 0.5;         // a sentence this polar counts towards "mixed"
  double mixed_share = 0.25;   // each side's share of the polar weight for "mixed"
};

// One labelled text: `label` is negative, neutral or positive.
struct LabeledText {
  std::string label;
  std::string text;
};

class SentimentScorer {
 public:
  // The model compiled into the library. Throws greenlight::Error if it was not built in.
  static SentimentScorer load_default(SentimentOptions options = {});
  // A model file from `greenlight train --task sentiment`. Throws greenlight::Error on a bad file
  // or a model without "negative" and "positive" labels.
  static SentimentScorer load(const std::string& path, SentimentOptions options = {});
  explicit SentimentScorer(LinearModel model, SentimentOptions options = {});

  SentimentResult score(const Document& doc) const;
  // The score of tokens [first_token, end_token), e.g. one sentence or a whole short text.
  double score(const Document& doc, std::uint32_t first_token, std::uint32_t end_token) const;
  // The label of a text as a whole (the model's most probable label), for evaluation.
  std::string classify(const Document& doc) const;

  const LinearModel& model() const { return model_; }
  const FeatureExtractor& features() const { return features_; }

 private:
  LinearModel model_;
  FeatureExtractor features_;
  SentimentOptions options_;
  int positive_ = -1, negative_ = -1;
};

// "negative", "neutral" or "positive" for the label spellings of the public sets (0/1, neg/pos,
// -1/0/+1 with an explicit sign); throws greenlight::Error for anything else.
std::string normalize_sentiment_label(std::string_view label);

// Reads label<TAB>text lines. Throws greenlight::Error naming the file and line of a bad line.
std::vector<LabeledText> read_labeled_texts(const std::string& path);

struct SentimentTrainOptions {
  FeatureOptions features;
  TrainOptions train;
  bool keep_names = true;  // record feature names for explanations (slower on large sets)
  SentimentTrainOptions() {
    train.nb_scaling = true;
    train.task = "sentiment";
  }
};

// Trains a sentiment model on labelled texts (each text is one example, features of the whole
// text). Labels present in the data become the model's labels, in the order negative, neutral,
// positive. `weights` (optional, one per example) scale each example's loss.
LinearModel train_sentiment(const std::vector<LabeledText>& train, const std::vector<LabeledText>* dev,
                            const SentimentTrainOptions& options, const std::vector<float>* weights = nullptr);

}  // namespace greenlight

#endif  // GREENLIGHT_SENTIMENT_H_
