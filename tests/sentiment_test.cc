// Sentiment: the shipped model on passages written for this test, per-sentence scores with their
// offsets, the article label (mixed included), training from labelled texts and the TSV reader.

#include "greenlight/sentiment.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "greenlight/error.h"
#include "greenlight/tokenizer.h"

namespace greenlight {
namespace {

const Tokenizer& tokenizer() {
  static const Tokenizer t;
  return t;
}

const SentimentScorer& scorer() {
  static const SentimentScorer s = SentimentScorer::load_default();
  return s;
}

SentimentResult score(const std::string& text) { return scorer().score(tokenizer().tokenize(text)); }

TEST(Sentiment, DefaultModelReadsClearPraiseAndPans) {
  const SentimentResult praise = score(
      "Critics adored the second season. The animation is gorgeous and the writing is warm, funny and "
      "deeply moving. It is one of the best shows of the year.");
  EXPECT_EQ(praise.label, "positive");
  EXPECT_GT(praise.score, 0.3);
  const SentimentResult pan = score(
      "The reboot is a tedious mess. The jokes fall flat, the plot is incoherent and the acting is "
      "painfully wooden. Viewers were bored and angry.");
  EXPECT_EQ(pan.label, "negative");
  EXPECT_LT(pan.score, -0.3);
}

TEST(Sentiment, NegationTurnsTheScore) {
  const double good = score("The finale was good.").score;
  const double not_good = score("The finale was not good.").score;
  EXPECT_GT(good, 0);
  EXPECT_LT(not_good, good);
}

TEST(Sentiment, FactsScoreCloserToZeroThanOpinions) {
  const SentimentResult facts = score(
      "The series premiered on Netflix on April 19, 2019. The second season has eight episodes of "
      "eleven minutes each.");
  const SentimentResult opinion = score("The series is a wonderful, heartwarming delight.");
  EXPECT_LT(std::abs(facts.score), std::abs(opinion.score));
}

TEST(Sentiment, SentencesCarryOffsetsAndScoresInRange) {
  const std::string text = "A brilliant pilot. A dreadful finale. It airs on Fridays.";
  const Document doc = tokenizer().tokenize(text);
  const SentimentResult r = scorer().score(doc);
  ASSERT_EQ(r.sentences.size(), 3u);
  EXPECT_EQ(text.substr(r.sentences[0].begin, r.sentences[0].end - r.sentences[0].begin), "A brilliant pilot.");
  EXPECT_EQ(text.substr(r.sentences[1].begin, r.sentences[1].end - r.sentences[1].begin), "A dreadful finale.");
  EXPECT_GT(r.sentences[0].score, 0);
  EXPECT_LT(r.sentences[1].score, 0);
  for (const SentenceSentiment& s : r.sentences) {
    EXPECT_GE(s.score, -1.0);
    EXPECT_LE(s.score, 1.0);
  }
  EXPECT_GE(r.score, -1.0);
  EXPECT_LE(r.score, 1.0);
}

TEST(Sentiment, StrongOpinionsOnBothSidesAreMixed) {
  const SentimentResult r = score(
      "The voice cast is superb and the animation is breathtaking. Sadly the story is a boring, "
      "incoherent mess and the ending is awful.");
  EXPECT_EQ(r.label, "mixed");
}

TEST(Sentiment, EmptyTextIsNeutral) {
  const SentimentResult r = score("");
  EXPECT_EQ(r.label, "neutral");
  EXPECT_EQ(r.score, 0);
  EXPECT_TRUE(r.sentences.empty());
}

TEST(Sentiment, LabelSpellingsOfThePublicSets) {
  EXPECT_EQ(normalize_sentiment_label("0"), "negative");
  EXPECT_EQ(normalize_sentiment_label("1"), "positive");
  EXPECT_EQ(normalize_sentiment_label("pos"), "positive");
  EXPECT_EQ(normalize_sentiment_label("neutral"), "neutral");
  EXPECT_THROW(normalize_sentiment_label("5"), Error);
}

class SentimentFiles : public ::testing::Test {
 protected:
  std::string path(const std::string& name) {
    const std::string p = (std::filesystem::temp_directory_path() /
                           ("greenlight_sentiment_" + std::to_string(::getpid()) + "_" + name))
                              .string();
    made_.push_back(p);
    return p;
  }
  void TearDown() override {
    for (const std::string& p : made_) std::remove(p.c_str());
  }
  std::vector<std::string> made_;
};

TEST_F(SentimentFiles, TrainSaveLoadAndScore) {
  const std::string tsv = path("train.tsv");
  {
    std::ofstream out(tsv);
    out << "1\tA charming, funny and warm season.\n"
        << "positive\tThe cast is wonderful and the story is moving.\n"
        << "1\tGorgeous animation, a delight.\n"
        << "0\tA dull, lazy and tedious season.\n"
        << "negative\tThe cast is wasted and the story is boring.\n"
        << "0\tUgly animation, a chore.\n";
  }
  const std::vector<LabeledText> train = read_labeled_texts(tsv);
  ASSERT_EQ(train.size(), 6u);
  EXPECT_EQ(train[1].label, "positive");
  const LinearModel model = train_sentiment(train, nullptr, SentimentTrainOptions{});
  EXPECT_EQ(model.labels(), (std::vector<std::string>{"negative", "positive"}));
  EXPECT_EQ(model.task(), "sentiment");
  const std::string glm = path("model.glm");
  model.save(glm);
  const SentimentScorer loaded = SentimentScorer::load(glm);
  EXPECT_GT(loaded.score(tokenizer().tokenize("A charming delight.")).score, 0);
  EXPECT_LT(loaded.score(tokenizer().tokenize("A tedious chore.")).score, 0);
  EXPECT_EQ(loaded.classify(tokenizer().tokenize("wonderful and moving")), "positive");
}

TEST_F(SentimentFiles, BadLinesNameTheFileAndLine) {
  const std::string tsv = path("bad.tsv");
  std::ofstream(tsv) << "1\tfine\nno tab here\n";
  try {
    read_labeled_texts(tsv);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(tsv + ":2: expected label<TAB>text"), std::string::npos) << e.what();
  }
  std::ofstream(tsv) << "7\tan unknown label\n";
  EXPECT_THROW(read_labeled_texts(tsv), Error);
}

TEST(Sentiment, ModelWithoutPolarityLabelsIsRejected) {
  Dataset d;
  d.rows = {{{1, 1.0f}}, {{2, 1.0f}}};
  d.labels = {0, 1};
  const LinearModel model = LinearModel::train(d, nullptr, {"renewed", "cancelled"}, FeatureOptions{});
  EXPECT_THROW(SentimentScorer{model}, Error);
}

}  // namespace
}  // namespace greenlight
