// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// LinearModel: multinomial logistic regression over hashed sparse features (features.h).
//
//   greenlight::FeatureExtractor features(options);
//   greenlight::Dataset train;                       // rows and class indices
//   for (...) { train.rows.push_back(features.extract(doc)); train.labels.push_back(y); }
//   greenlight::TrainOptions o;
//   o.nb_scaling = true;
//   auto model = greenlight::LinearModel::train(train, &dev, {"negative", "positive"}, options, o);
//   model.save("sentiment.glm");
//   std::vector<double> p = model.predict_proba(features.extract(doc));
//   greenlight::Explanation e = model.explain(row, 5);  // e.bias + sum of contributions == e.logit
//
// Training minimizes the weighted mean cross-entropy plus l2/2 ||W||^2 (+ l1 ||W||_1), by L-BFGS
// (OWL-QN when l1 > 0) over the whole set, or by AdaGrad SGD in shuffled order. Both are
// deterministic for a given seed. The intercept is not penalized.
//
// NB scaling (Wang & Manning 2012, "NBSVM"): before training, each feature j is multiplied by
// s_j = max over classes k of |log((p_kj / |p_k|) / (q_kj / |q_k|))|, where p_kj (q_kj) is alpha
// plus the number of training rows of class k (of the other classes) holding feature j. Features
// that separate the classes then cost less to use under the same penalty. The stored weights
// already include s_j, so prediction and explanation need no extra step.
//
// With a dev set, training keeps the weights of the iteration with the best dev accuracy (early
// stopping) and fits a temperature T on dev (logits are divided by T before the softmax).
//
// Model file ("greenlight linear model", all integers and floats little-endian):
//   magic "GLLINMOD" | u32 format version (kFormatVersion)
//   feature options: u32 hash_bits, u32 max_ngram, u8 negation, u8 lexicon, u8 binary, u8 skip_punctuation
//   task: u32 size + bytes | u32 K, then K labels as u32 size + bytes
//   f64 temperature | f32[K] intercepts | u32 n, u32[n] buckets (strictly increasing),
//   f32[n*K] weights (feature-major) | u32 m names, each u32 bucket + u16 size + bytes
//   u64 checksum: FNV-1a 64 over the little-endian 64-bit words of every byte before it (the
//   last word zero-padded).
// load() checks every size against the bytes left and the checksum, and names the file, the
// field and the byte offset of the first problem.
//
// A LinearModel is immutable; its const methods are thread-safe. Copies share the weights.

#ifndef GREENLIGHT_LINEAR_MODEL_H_
#define GREENLIGHT_LINEAR_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "greenlight/features.h"

namespace greenlight {

struct Dataset {
  std::vector<SparseRow> rows;
  std::vector<int> labels;     // class index per row, 0..K-1
  std::vector<float> weights;  // per-row weight; empty means 1 for every row
};

class LinearModel;

struct TrainOptions {
  enum class Solver { kLbfgs, kAdagrad };
  Solver solver = Solver::kLbfgs;
  double l2 = 1e-4;  // penalty on the mean loss
  double l1 = 0;     // > 0 makes the weights sparse (OWL-QN for L-BFGS, proximal step for AdaGrad)
  int max_iterations = 300;      // L-BFGS iterations, or AdaGrad epochs
  int lbfgs_memory = 10;
  double tolerance = 1e-7;       // L-BFGS stops when the relative decrease of the loss is below this
  double learning_rate = 0.2;    // AdaGrad
  std::uint64_t seed = 1;        // AdaGrad example order
  std::vector<double> class_weights;  // per class; empty means 1 each
  bool nb_scaling = false;
  double nb_alpha = 1.0;
  int min_count = 1;             // features held by fewer training rows are left out
  // With a dev set: check dev accuracy every `eval_every` iterations, stop after `patience` checks
  // without improvement, keep the best weights; then fit the temperature on dev.
  bool early_stopping = true;
  int eval_every = 5;
  int patience = 4;
  bool calibrate = true;
  // Size of the saved model: keep the `max_features` features of largest weight (0: all nonzero),
  // and names for the `max_names` strongest of them (explanations of others show "#bucket").
  std::size_t max_features = 0;
  std::size_t max_names = SIZE_MAX;
  // A model trained on related data (same feature options; classes matched by name, a class it
  // lacks starts from zero): the penalty pulls the
  // weights towards it, l2/2 ||W - W_prior||^2, instead of towards zero, and its features this
  // data lacks are kept as they are (Chelba & Acero 2006). Not owned.
  const LinearModel* prior = nullptr;
  // The prior's weights are multiplied by this first: a model fitted on long documents gives
  // weak logits on single sentences.
  double prior_scale = 1.0;
  std::string task;              // stored in the file, e.g. "sentiment"
  std::ostream* log = nullptr;   // progress lines, if given
};

struct Contribution {
  std::uint32_t bucket = 0;
  std::string name;  // from FeatureNames, or "#bucket"
  double value = 0;  // feature value times weight, divided by the temperature
};

struct Explanation {
  int label = 0;
  // For a two-class model, the log-odds of `label` against the other class; otherwise the
  // label's softmax input. Both calibrated (divided by the temperature).
  double logit = 0;
  double bias = 0;                          // the intercepts' part of the logit
  std::vector<Contribution> contributions;  // the top_k largest in magnitude
  double rest = 0;                          // the sum of the contributions not listed
  // bias + rest + sum of contributions == logit.
};

class LinearModel {
 public:
  static constexpr std::uint32_t kFormatVersion = 1;

  // Throws greenlight::Error on an empty set, a label outside 0..labels.size()-1 or mismatched
  // sizes. `names` (optional) supplies readable feature names for explanations.
  static LinearModel train(const Dataset& train, const Dataset* dev, std::vector<std::string> labels,
                           const FeatureOptions& features, const TrainOptions& options = {},
                           const FeatureNames* names = nullptr);

  // Throws greenlight::Error naming the file and what is wrong with it.
  static LinearModel load(const std::string& path);
  static LinearModel from_bytes(std::string_view bytes, const std::string& name = "<model>");
  void save(const std::string& path) const;
  std::string to_bytes() const;

  // Calibrated logits (one per label), probabilities, the most probable label's index.
  std::vector<double> logits(const SparseRow& x) const;
  std::vector<double> predict_proba(const SparseRow& x) const;
  // The same into `out`, which must hold labels().size() values (throws greenlight::Error if not):
  // nothing is allocated, for callers scoring many rows.
  void predict_proba(const SparseRow& x, std::span<double> out) const;
  int predict(const SparseRow& x) const;

  // Contributions of x's features to the logit of `label` (-1: the predicted label).
  Explanation explain(const SparseRow& x, std::size_t top_k = 10, int label = -1) const;

  const std::vector<std::string>& labels() const;
  const FeatureOptions& feature_options() const;
  const std::string& task() const;
  double temperature() const;
  std::size_t num_features() const;  // buckets with a stored weight

  LinearModel(const LinearModel&) = default;
  LinearModel& operator=(const LinearModel&) = default;
  LinearModel(LinearModel&&) noexcept = default;
  LinearModel& operator=(LinearModel&&) noexcept = default;
  ~LinearModel();

 private:
  struct Impl;
  explicit LinearModel(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace greenlight

#endif  // GREENLIGHT_LINEAR_MODEL_H_
