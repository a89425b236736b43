// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// greenlight train --task sentiment --train FILE [--dev FILE] --out MODEL   train a linear model
// greenlight eval --model MODEL --data FILE                                 accuracy, macro-F1, confusion
//
// FILE holds label<TAB>text per line (labels 0/1, neg/pos or negative/neutral/positive).

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "cli.h"
#include "command_line.h"
#include "greenlight/error.h"
#include "greenlight/linear_model.h"
#include "greenlight/sentiment.h"
#include "greenlight/tokenizer.h"

namespace po = boost::program_options;

namespace greenlight::cli {

namespace {

std::vector<LabeledText> read_all(const std::vector<std::string>& paths) {
  std::vector<LabeledText> out;
  for (const std::string& p : paths) {
    auto part = read_labeled_texts(p);
    out.insert(out.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  return out;
}

// Each sentence of each text, with the text's label: a document-level set made to look like
// sentence-level data (noisy labels, the right length).
std::vector<LabeledText> split_sentences(const std::vector<LabeledText>& texts) {
  const Tokenizer tokenizer;
  std::vector<LabeledText> out;
  for (const LabeledText& t : texts) {
    const Document doc = tokenizer.tokenize(t.text);
    for (const Sentence& s : doc.sentences()) {
      int words = 0;
      for (const Token& token : doc.tokens(s)) words += token.kind == TokenKind::kWord;
      if (words >= 3) out.push_back({t.label, std::string(doc.text_of(s))});
    }
  }
  return out;
}

}  // namespace

int train_main(const std::vector<std::string>& args) {
  const SentimentTrainOptions defaults;
  po::options_description visible(
      "usage: greenlight train --task sentiment --train FILE [--dev FILE] --out MODEL\n"
      "FILE: label<TAB>text per line\noptions");
  visible.add_options()("help,h", "show this help")("task", po::value<std::string>()->default_value("sentiment"),
                                                   "the task (sentiment)")(
      "train", po::value<std::vector<std::string>>(), "training file (repeatable)")(
      "dev", po::value<std::string>(), "dev file: early stopping and temperature")(
      "extra", po::value<std::vector<std::string>>(), "more training data from another source (repeatable)")(
      "extra-weight", po::value<double>()->default_value(1.0), "weight of each --extra example")(
      "out,o", po::value<std::string>(), "model file to write")(
      "prior", po::value<std::string>(), "model trained on related data to start from and regularize towards")(
      "prior-scale", po::value<double>()->default_value(1.0), "multiply the prior's weights by this")(
      "l2", po::value<double>()->default_value(defaults.train.l2), "L2 penalty on the mean loss")(
      "l1", po::value<double>()->default_value(0.0), "L1 penalty")(
      "solver", po::value<std::string>()->default_value("lbfgs"), "lbfgs or adagrad")(
      "iterations", po::value<int>()->default_value(defaults.train.max_iterations), "L-BFGS iterations or AdaGrad epochs")(
      "learning-rate", po::value<double>()->default_value(defaults.train.learning_rate), "AdaGrad step")(
      "seed", po::value<std::uint64_t>()->default_value(1), "AdaGrad order seed")(
      "ngrams", po::value<int>()->default_value(defaults.features.max_ngram), "longest word n-gram")(
      "hash-bits", po::value<int>()->default_value(defaults.features.hash_bits), "2^bits feature buckets")(
      "min-count", po::value<int>()->default_value(1), "drop features in fewer training texts")(
      "max-features", po::value<std::size_t>()->default_value(0), "keep this many strongest features (0: all)")(
      "max-names", po::value<std::size_t>(), "store names of this many strongest features")(
      "balanced", "weight classes inversely to their frequency")("no-nb", "no NB log-count-ratio scaling")("no-lexicon", "no VADER lexicon features")(
      "no-negation", "no negation scopes")("counts", "n-gram counts instead of presence")(
      "sentences", "train on the sentences of each text (3 words or more), each with the text's label")(
      "no-names", "do not record feature names (faster on large sets)")("verbose,v", "training progress on stderr");
  po::variables_map vm;
  if (!parse_command_line(args, visible, {}, vm)) return 0;
  if (vm["task"].as<std::string>() != "sentiment")
    throw usage_error("unknown task '" + vm["task"].as<std::string>() + "' (expected sentiment)", visible);
  if (!vm.count("train")) throw usage_error("--train FILE is required", visible);
  if (!vm.count("out")) throw usage_error("--out MODEL is required", visible);
  SentimentTrainOptions o;
  o.features.max_ngram = vm["ngrams"].as<int>();
  o.features.hash_bits = vm["hash-bits"].as<int>();
  o.features.lexicon = !vm.count("no-lexicon");
  o.features.negation = !vm.count("no-negation");
  o.features.binary = !vm.count("counts");
  o.train.l2 = vm["l2"].as<double>();
  o.train.l1 = vm["l1"].as<double>();
  const std::string solver = vm["solver"].as<std::string>();
  if (solver == "adagrad") o.train.solver = TrainOptions::Solver::kAdagrad;
  else if (solver != "lbfgs") throw usage_error("--solver must be lbfgs or adagrad", visible);
  o.train.max_iterations = vm["iterations"].as<int>();
  o.train.learning_rate = vm["learning-rate"].as<double>();
  o.train.seed = vm["seed"].as<std::uint64_t>();
  o.train.nb_scaling = !vm.count("no-nb");
  o.train.min_count = vm["min-count"].as<int>();
  o.train.max_features = vm["max-features"].as<std::size_t>();
  if (vm.count("max-names")) o.train.max_names = vm["max-names"].as<std::size_t>();
  o.keep_names = !vm.count("no-names");
  if (vm.count("verbose")) o.train.log = &std::cerr;

  const auto start = std::chrono::steady_clock::now();
  std::vector<LabeledText> train = read_all(vm["train"].as<std::vector<std::string>>());
  if (vm.count("sentences")) train = split_sentences(train);
  std::vector<float> weights;
  if (vm.count("extra")) {
    weights.assign(train.size(), 1.0f);
    const auto extra = read_all(vm["extra"].as<std::vector<std::string>>());
    train.insert(train.end(), extra.begin(), extra.end());
    weights.resize(train.size(), static_cast<float>(vm["extra-weight"].as<double>()));
  }
  if (vm.count("balanced")) {
    // Weights per class in the order train_sentiment gives the labels: negative, neutral, positive.
    std::map<std::string, double> count;
    for (const LabeledText& t : train) ++count[t.label];
    for (const char* label : {"negative", "neutral", "positive"})
      if (count.count(label)) o.train.class_weights.push_back(train.size() / (count.size() * count[label]));
  }
  std::vector<LabeledText> dev;
  if (vm.count("dev")) dev = read_labeled_texts(vm["dev"].as<std::string>());
  std::optional<LinearModel> prior;
  if (vm.count("prior")) {
    prior.emplace(LinearModel::load(vm["prior"].as<std::string>()));
    o.train.prior = &*prior;
    o.train.prior_scale = vm["prior-scale"].as<double>();
    // The prior fixes the feature options.
    o.features = prior->feature_options();
  }
  const LinearModel model = train_sentiment(train, vm.count("dev") ? &dev : nullptr, o, weights.empty() ? nullptr : &weights);
  const std::string out = vm["out"].as<std::string>();
  model.save(out);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("trained on %zu texts in %.2f s: %zu features, temperature %.3f, %zu bytes written to %s\n", train.size(),
              seconds, model.num_features(), model.temperature(), model.to_bytes().size(), out.c_str());
  return 0;
}

int eval_main(const std::vector<std::string>& args) {
  po::options_description visible(
      "usage: greenlight eval [--model MODEL] --data FILE\n"
      "FILE: label<TAB>text per line; prints accuracy, macro-F1, the confusion matrix, then accuracy=...\noptions");
  visible.add_options()("help,h", "show this help")("model,m", po::value<std::string>(),
                                                   "model file (default: the built-in sentiment model)")(
      "data", po::value<std::string>(), "labelled file")("min-accuracy", po::value<double>(),
                                                         "exit 1 below this accuracy");
  po::variables_map vm;
  if (!parse_command_line(args, visible, {}, vm)) return 0;
  if (!vm.count("data")) throw usage_error("--data FILE is required", visible);
  const SentimentScorer scorer =
      vm.count("model") ? SentimentScorer::load(vm["model"].as<std::string>()) : SentimentScorer::load_default();
  const std::vector<LabeledText> data = read_labeled_texts(vm["data"].as<std::string>());
  if (data.empty()) throw Error(vm["data"].as<std::string>() + ": no labelled texts");
  // Classes: the model's labels plus any gold label it lacks (always wrong).
  std::vector<std::string> classes = scorer.model().labels();
  auto index = [&](const std::string& l) {
    for (std::size_t i = 0; i < classes.size(); ++i)
      if (classes[i] == l) return i;
    classes.push_back(l);
    return classes.size() - 1;
  };
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  // gold, predicted
  const Tokenizer tokenizer;
  for (const LabeledText& t : data) {
    const std::size_t gold = index(t.label);
    pairs.emplace_back(gold, index(scorer.classify(tokenizer.tokenize(t.text))));
  }
  const std::size_t k = classes.size();
  std::vector<std::vector<std::size_t>> confusion(k, std::vector<std::size_t>(k, 0));
  std::size_t correct = 0;
  for (const auto& [g, p] : pairs) {
    ++confusion[g][p];
    correct += g == p;
  }
  double f1_sum = 0;
  std::size_t f1_classes = 0;
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t tp = confusion[c][c], gold = 0, predicted = 0;
    for (std::size_t j = 0; j < k; ++j) gold += confusion[c][j], predicted += confusion[j][c];
    if (gold == 0 && predicted == 0) continue;
    f1_sum += gold + predicted ? 2.0 * tp / (gold + predicted) : 0.0;
    ++f1_classes;
  }
  const double accuracy = static_cast<double>(correct) / pairs.size();
  std::printf("texts: %zu\naccuracy: %.4f\nmacro-F1: %.4f\nconfusion (rows gold, columns predicted):\n", pairs.size(),
              accuracy, f1_classes ? f1_sum / f1_classes : 0.0);
  std::printf("%10s", "");
  for (const std::string& c : classes) std::printf(" %10s", c.c_str());
  std::printf("\n");
  for (std::size_t g = 0; g < k; ++g) {
    std::printf("%10s", classes[g].c_str());
    for (std::size_t p = 0; p < k; ++p) std::printf(" %10zu", confusion[g][p]);
    std::printf("\n");
  }
  std::printf("accuracy=%.4f\n", accuracy);
  if (vm.count("min-accuracy") && accuracy < vm["min-accuracy"].as<double>()) return 1;
  return 0;
}

}  // namespace greenlight::cli
