// The linear model: its loss and gradient, training on data the test writes, explanations that
// add up, determinism, and a model file that round-trips and fails loudly when damaged.

#include "greenlight/linear_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>
#include <unistd.h>

#include "greenlight/error.h"
#include "greenlight/tokenizer.h"
#include "logistic_loss.h"

namespace greenlight {
namespace {

TEST(LogisticLoss, GradientMatchesFiniteDifferences) {
  // A small random problem: 12 rows, 7 features, 3 classes, uneven row weights.
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<Eigen::Triplet<double>> t;
  for (int i = 0; i < 12; ++i)
    for (int j = 0; j < 7; ++j)
      if ((i + 2 * j) % 3 != 0) t.emplace_back(i, j, u(rng));
  TrainMatrix x(12, 7);
  x.setFromTriplets(t.begin(), t.end());
  std::vector<int> y;
  for (int i = 0; i < 12; ++i) y.push_back(i % 3);
  LogisticProblem p;
  p.x = &x;
  p.y = &y;
  p.k = 3;
  p.l2 = 0.3;
  p.c = Eigen::VectorXd::LinSpaced(12, 1, 2);
  p.c /= p.c.sum();
  Eigen::VectorXd theta(p.num_parameters());
  for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = u(rng);
  Eigen::VectorXd grad;
  logistic_loss(p, theta, &grad);
  ASSERT_EQ(grad.size(), theta.size());
  const double h = 1e-6;
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    Eigen::VectorXd a = theta, b = theta;
    a[i] += h;
    b[i] -= h;
    const double numeric = (logistic_loss(p, a, nullptr) - logistic_loss(p, b, nullptr)) / (2 * h);
    EXPECT_NEAR(grad[i], numeric, 1e-7) << "parameter " << i;
  }
}

// Reviews of TV episodes written for this test: positive ones praise, negative ones pan.
struct Corpus {
  Dataset data;
  FeatureNames names;
  std::vector<std::string> texts;
};

Corpus make_corpus(const FeatureExtractor& fx) {
  static const char* kPositive[] = {
      "A brilliant finale with superb acting.", "The writing is sharp and the cast is wonderful.",
      "Gorgeous animation and a moving story.", "I loved every episode of this charming season.",
      "The pilot is funny, warm and beautifully shot.", "A delightful return that fans will adore.",
      "Superb pacing and a brilliant ending.", "Charming, funny and wonderful from start to finish."};
  static const char* kNegative[] = {
      "A dull finale with wooden acting.", "The writing is lazy and the cast is wasted.",
      "Ugly animation and a boring story.", "I hated every episode of this tedious season.",
      "The pilot is flat, cold and poorly shot.", "A miserable return that fans will regret.",
      "Sluggish pacing and a boring ending.", "Tedious, dull and lazy from start to finish."};
  static const Tokenizer tokenizer;
  Corpus c;
  for (int label = 0; label < 2; ++label)
    for (const char* text : label == 1 ? kPositive : kNegative) {
      const Document doc = tokenizer.tokenize(text);
      c.data.rows.push_back(fx.extract(doc, &c.names));
      c.data.labels.push_back(label);
      c.texts.push_back(text);
    }
  return c;
}

SparseRow features_of(const FeatureExtractor& fx, const std::string& text) {
  static const Tokenizer tokenizer;
  return fx.extract(tokenizer.tokenize(text));
}

TEST(LinearModel, LearnsASeparableSetWithEitherSolver) {
  FeatureOptions fo;
  fo.lexicon = false;  // words alone must separate these
  const FeatureExtractor fx(fo);
  const Corpus c = make_corpus(fx);
  for (const auto solver : {TrainOptions::Solver::kLbfgs, TrainOptions::Solver::kAdagrad}) {
    TrainOptions o;
    o.solver = solver;
    o.l2 = 1e-3;
    o.max_iterations = solver == TrainOptions::Solver::kLbfgs ? 200 : 50;
    const LinearModel model = LinearModel::train(c.data, nullptr, {"negative", "positive"}, fo, o, &c.names);
    for (std::size_t i = 0; i < c.data.rows.size(); ++i)
      EXPECT_EQ(model.predict(c.data.rows[i]), c.data.labels[i]) << c.texts[i];
    // Unseen sentences built from the same cue words.
    EXPECT_EQ(model.labels()[model.predict(features_of(fx, "A wonderful, brilliant episode."))], "positive");
    EXPECT_EQ(model.labels()[model.predict(features_of(fx, "A boring, tedious episode."))], "negative");
    const std::vector<double> p = model.predict_proba(features_of(fx, "superb"));
    EXPECT_NEAR(p[0] + p[1], 1.0, 1e-9);
    EXPECT_GT(p[1], 0.5);
  }
}

TEST(LinearModel, ThreeClassesAndClassWeights) {
  FeatureOptions fo;
  fo.lexicon = false;
  const FeatureExtractor fx(fo);
  Dataset d;
  const char* kTexts[3][3] = {{"awful and dreadful", "dreadful mess", "awful episode"},
                              {"it airs on friday", "the episode airs friday", "it airs weekly"},
                              {"lovely and joyful", "joyful finale", "lovely episode"}};
  for (int label = 0; label < 3; ++label)
    for (const char* t : kTexts[label]) {
      d.rows.push_back(features_of(fx, t));
      d.labels.push_back(label);
    }
  TrainOptions o;
  o.l2 = 1e-3;
  const LinearModel model = LinearModel::train(d, nullptr, {"negative", "neutral", "positive"}, fo, o);
  EXPECT_EQ(model.predict(features_of(fx, "dreadful")), 0);
  EXPECT_EQ(model.predict(features_of(fx, "airs on monday")), 1);
  EXPECT_EQ(model.predict(features_of(fx, "joyful")), 2);
  // A heavy weight on one class moves an uninformative input towards it.
  o.class_weights = {1, 1, 20};
  const LinearModel tilted = LinearModel::train(d, nullptr, {"negative", "neutral", "positive"}, fo, o);
  EXPECT_GT(tilted.predict_proba(features_of(fx, "zzz"))[2], model.predict_proba(features_of(fx, "zzz"))[2]);
}

TEST(LinearModel, ContributionsAddUpToTheLogit) {
  const FeatureExtractor fx;
  const Corpus c = make_corpus(fx);
  TrainOptions o;
  o.nb_scaling = true;
  const LinearModel model = LinearModel::train(c.data, &c.data, {"negative", "positive"}, fx.options(), o, &c.names);
  const SparseRow x = features_of(fx, "The acting is superb but the ending is boring.");
  for (int label = 0; label < 2; ++label) {
    const Explanation all = model.explain(x, SIZE_MAX, label);
    double sum = all.bias;
    for (const Contribution& k : all.contributions) sum += k.value;
    EXPECT_EQ(all.rest, 0.0);
    EXPECT_NEAR(sum, all.logit, 1e-9);
    const std::vector<double> z = model.logits(x);
    EXPECT_NEAR(all.logit, z[label] - z[1 - label], 1e-5);
    // Truncated: the rest carries what is not listed.
    const Explanation top = model.explain(x, 2, label);
    ASSERT_LE(top.contributions.size(), 2u);
    double partial = top.bias + top.rest;
    for (const Contribution& k : top.contributions) partial += k.value;
    EXPECT_NEAR(partial, top.logit, 1e-9);
  }
  // Names are readable.
  const Explanation e = model.explain(features_of(fx, "superb"), 3, 1);
  const auto superb = std::find_if(e.contributions.begin(), e.contributions.end(),
                                   [](const Contribution& k) { return k.name == "superb"; });
  ASSERT_NE(superb, e.contributions.end());
  EXPECT_GT(superb->value, 0);
}

TEST(LinearModel, ProbabilitiesIntoACallersBuffer) {
  FeatureOptions fo;
  fo.lexicon = false;
  const FeatureExtractor fx(fo);
  const Corpus c = make_corpus(fx);
  const LinearModel model = LinearModel::train(c.data, nullptr, {"negative", "positive"}, fo);
  double p[2];
  for (const char* text : {"A wonderful, brilliant episode.", "A boring, tedious episode.", "zzz"}) {
    const SparseRow x = features_of(fx, text);
    model.predict_proba(x, p);
    EXPECT_EQ(std::vector<double>(p, p + 2), model.predict_proba(x)) << text;
  }
  double three[3];
  EXPECT_THROW(model.predict_proba(features_of(fx, "superb"), three), Error);
}

// Models over a small hash space look buckets up in a rank directory, those over a large one in a
// hash table: the same weights give the same predictions and explanations either way.
TEST(LinearModel, SmallAndLargeHashSpacesPredictAlike) {
  FeatureOptions small;
  small.lexicon = false;
  const FeatureExtractor fx(small);
  const Corpus c = make_corpus(fx);
  FeatureOptions large = small;
  large.hash_bits = 28;  // the same rows: their buckets fit either space
  TrainOptions o;
  o.l2 = 1e-3;
  const LinearModel a = LinearModel::train(c.data, nullptr, {"negative", "positive"}, small, o, &c.names);
  const LinearModel b = LinearModel::train(c.data, nullptr, {"negative", "positive"}, large, o, &c.names);
  ASSERT_EQ(a.num_features(), b.num_features());
  for (const char* text : {"A wonderful, brilliant episode.", "A boring, tedious episode.", "It airs Friday."}) {
    const SparseRow x = features_of(fx, text);
    EXPECT_EQ(a.logits(x), b.logits(x)) << text;
    const Explanation ea = a.explain(x, 5), eb = b.explain(x, 5);
    ASSERT_EQ(ea.contributions.size(), eb.contributions.size()) << text;
    for (std::size_t i = 0; i < ea.contributions.size(); ++i) {
      EXPECT_EQ(ea.contributions[i].name, eb.contributions[i].name);
      EXPECT_EQ(ea.contributions[i].value, eb.contributions[i].value);
    }
  }
  // A bucket outside the model's space is simply not a feature of it.
  EXPECT_EQ(a.logits({{0xFFFFFFF0u, 1.0f}}), a.logits({}));
}

TEST(LinearModel, SameSeedSameModel) {
  const FeatureExtractor fx;
  const Corpus c = make_corpus(fx);
  TrainOptions o;
  o.solver = TrainOptions::Solver::kAdagrad;
  o.max_iterations = 10;
  o.seed = 42;
  const std::string a = LinearModel::train(c.data, nullptr, {"negative", "positive"}, fx.options(), o).to_bytes();
  const std::string b = LinearModel::train(c.data, nullptr, {"negative", "positive"}, fx.options(), o).to_bytes();
  EXPECT_EQ(a, b);
  o.seed = 43;
  const std::string other = LinearModel::train(c.data, nullptr, {"negative", "positive"}, fx.options(), o).to_bytes();
  EXPECT_NE(a, other);  // the order of updates depends on the seed
}

TEST(LinearModel, L1MakesWeightsSparse) {
  const FeatureExtractor fx;
  const Corpus c = make_corpus(fx);
  TrainOptions o;
  o.l2 = 1e-4;
  const LinearModel dense = LinearModel::train(c.data, nullptr, {"negative", "positive"}, fx.options(), o);
  o.l1 = 0.01;
  const LinearModel sparse = LinearModel::train(c.data, nullptr, {"negative", "positive"}, fx.options(), o);
  EXPECT_LT(sparse.num_features(), dense.num_features() / 2);
  for (std::size_t i = 0; i < c.data.rows.size(); ++i) EXPECT_EQ(sparse.predict(c.data.rows[i]), c.data.labels[i]);
}

class ModelFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const FeatureExtractor fx;
    const Corpus c = make_corpus(fx);
    TrainOptions o;
    o.task = "sentiment";
    model_bytes_ = LinearModel::train(c.data, &c.data, {"negative", "positive"}, fx.options(), o, &c.names).to_bytes();
    path_ = (std::filesystem::temp_directory_path() / ("greenlight_lm_" + std::to_string(::getpid()) + ".glm")).string();
  }
  void TearDown() override { std::remove(path_.c_str()); }
  void write(const std::string& bytes) { std::ofstream(path_, std::ios::binary) << bytes; }
  std::string load_error(const std::string& bytes) {
    write(bytes);
    try {
      LinearModel::load(path_);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
  std::string model_bytes_;
  std::string path_;
};

TEST_F(ModelFile, RoundTripKeepsEveryPrediction) {
  const LinearModel original = LinearModel::from_bytes(model_bytes_);
  original.save(path_);
  const LinearModel loaded = LinearModel::load(path_);
  EXPECT_EQ(loaded.to_bytes(), model_bytes_);
  EXPECT_EQ(loaded.labels(), original.labels());
  EXPECT_EQ(loaded.task(), "sentiment");
  EXPECT_EQ(loaded.feature_options(), original.feature_options());
  EXPECT_EQ(loaded.temperature(), original.temperature());
  const FeatureExtractor fx(loaded.feature_options());
  for (const char* text : {"A brilliant, moving finale.", "Dull and lazy.", "It airs Friday."}) {
    const SparseRow x = features_of(fx, text);
    EXPECT_EQ(loaded.predict_proba(x), original.predict_proba(x)) << text;
    const Explanation a = loaded.explain(x, 3), b = original.explain(x, 3);
    ASSERT_EQ(a.contributions.size(), b.contributions.size());
    for (std::size_t i = 0; i < a.contributions.size(); ++i) EXPECT_EQ(a.contributions[i].name, b.contributions[i].name);
  }
}

TEST_F(ModelFile, TruncatedFileIsRejected) {
  for (const std::size_t keep : {std::size_t{0}, std::size_t{5}, std::size_t{12}, model_bytes_.size() / 2, model_bytes_.size() - 1}) {
    const std::string error = load_error(model_bytes_.substr(0, keep));
    EXPECT_NE(error.find(path_), std::string::npos) << error;
    EXPECT_TRUE(error.find("truncated") != std::string::npos || error.find("not a greenlight linear model") != std::string::npos)
        << "kept " << keep << ": " << error;
  }
}

TEST_F(ModelFile, CorruptedFileIsRejected) {
  std::string bytes = model_bytes_;
  bytes[bytes.size() / 2] ^= 0x40;
  EXPECT_NE(load_error(bytes).find("checksum mismatch"), std::string::npos);
  std::string magic = model_bytes_;
  magic[0] = 'X';
  EXPECT_NE(load_error(magic).find("not a greenlight linear model"), std::string::npos);
}

TEST_F(ModelFile, WrongVersionIsRejected) {
  std::string bytes = model_bytes_;
  bytes[8] = 7;  // the version follows the 8-byte magic
  const std::string error = load_error(bytes);
  EXPECT_NE(error.find("format version 7 is not supported"), std::string::npos) << error;
  EXPECT_NE(error.find("version 1"), std::string::npos) << error;
}

TEST(LinearModel, BadTrainingInputIsRejected) {
  Dataset d;
  EXPECT_THROW(LinearModel::train(d, nullptr, {"a", "b"}, {}), Error);
  d.rows.push_back({{1, 1.0f}});
  d.labels.push_back(2);
  EXPECT_THROW(LinearModel::train(d, nullptr, {"a", "b"}, {}), Error);
  d.labels = {0};
  EXPECT_THROW(LinearModel::train(d, nullptr, {"a"}, {}), Error);
}

}  // namespace
}  // namespace greenlight
