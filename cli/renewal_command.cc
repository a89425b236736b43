// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// greenlight renewal train --out MODEL DATA.jsonl...     train the renewal models
// greenlight renewal cv [--folds 5] DATA.jsonl...        k-fold cross-validation with figures
// greenlight renewal eval [--model MODEL] DATA.jsonl...  figures of a trained model on held-out data
//
// DATA files hold one labelled passage per line: {"text", "status", "outlook", "show"}.

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <random>
#include <sstream>

#include "cli.h"
#include "command_line.h"
#include "greenlight/error.h"
#include "greenlight/renewal.h"
#include "greenlight/tokenizer.h"

namespace po = boost::program_options;

namespace greenlight::cli {

namespace {

constexpr const char* kStatuses[] = {"renewed", "cancelled", "ended", "unconfirmed"};

int status_index(const std::string& s) {
  for (int i = 0; i < 4; ++i)
    if (s == kStatuses[i]) return i;
  return -1;
}

struct Prediction {
  int gold_status, predicted_status;
  bool gold_positive;  // renewed, or unconfirmed with a likely outlook
  double likelihood;
  std::string gold_outlook, predicted_outlook;
};

Prediction predict(const RenewalScorer& scorer, const Tokenizer& tokenizer, const RenewalExample& e) {
  const Document doc = tokenizer.tokenize(e.text);
  const RenewalResult r = scorer.score(doc, RenewalScorer::subject_for_passage(doc, e.show));
  return {status_index(e.status), status_index(r.status),
          e.status == "renewed" || (e.status == "unconfirmed" && e.outlook == "likely"), r.likelihood, e.outlook,
          r.outlook.value_or("")};
}

double auc(const std::vector<Prediction>& p) {
  std::vector<std::pair<double, bool>> v;
  for (const auto& x : p) v.emplace_back(x.likelihood, x.gold_positive);
  std::sort(v.begin(), v.end());
  double rank_sum = 0, positives = 0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i;
    while (j < v.size() && v[j].first == v[i].first) ++j;
    const double rank = (i + j + 1) / 2.0;  // average rank of ties, 1-based
    for (std::size_t k = i; k < j; ++k)
      if (v[k].second) {
        rank_sum += rank;
        ++positives;
      }
    i = j;
  }
  const double negatives = v.size() - positives;
  if (positives == 0 || negatives == 0) return NAN;
  return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

struct Figures {
  double accuracy, macro_f1, auc, brier, outlook_accuracy;
};

Figures report(const std::vector<Prediction>& p, std::ostream& out) {
  int confusion[4][4] = {};
  int correct = 0;
  double brier = 0;
  int outlook_total = 0, outlook_correct = 0;
  for (const auto& x : p) {
    ++confusion[x.gold_status][x.predicted_status];
    correct += x.gold_status == x.predicted_status;
    brier += std::pow(x.likelihood - (x.gold_positive ? 1.0 : 0.0), 2);
    if (x.gold_status == 3 && x.predicted_status == 3) {
      ++outlook_total;
      outlook_correct += x.gold_outlook == x.predicted_outlook;
    }
  }
  double f1_sum = 0;
  out << "status       precision  recall     F1   gold\n";
  for (int c = 0; c < 4; ++c) {
    int tp = confusion[c][c], predicted = 0, gold = 0;
    for (int k = 0; k < 4; ++k) {
      predicted += confusion[k][c];
      gold += confusion[c][k];
    }
    const double precision = predicted ? double(tp) / predicted : 0, recall = gold ? double(tp) / gold : 0;
    const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    f1_sum += f1;
    char line[128];
    std::snprintf(line, sizeof line, "%-12s %9.3f %7.3f %6.3f %6d\n", kStatuses[c], precision, recall, f1, gold);
    out << line;
  }
  out << "confusion (rows gold, columns predicted: renewed cancelled ended unconfirmed)\n";
  for (int r = 0; r < 4; ++r) {
    char line[128];
    std::snprintf(line, sizeof line, "  %-12s %5d %5d %5d %5d\n", kStatuses[r], confusion[r][0], confusion[r][1],
                  confusion[r][2], confusion[r][3]);
    out << line;
  }
  out << "reliability (likelihood bins: mean predicted, observed rate of 'renewed or likely', count)\n";
  for (int b = 0; b < 10; ++b) {
    double sum = 0, hits = 0;
    int n = 0;
    for (const auto& x : p) {
      const int bin = std::min(9, static_cast<int>(x.likelihood * 10));
      if (bin != b) continue;
      sum += x.likelihood;
      hits += x.gold_positive;
      ++n;
    }
    char line[128];
    if (n) std::snprintf(line, sizeof line, "  [%.1f, %.1f)  %.3f  %.3f  %d\n", b / 10.0, (b + 1) / 10.0, sum / n, hits / n, n);
    else std::snprintf(line, sizeof line, "  [%.1f, %.1f)      -      -  0\n", b / 10.0, (b + 1) / 10.0);
    out << line;
  }
  Figures f{double(correct) / p.size(), f1_sum / 4, auc(p), brier / p.size(),
            outlook_total ? double(outlook_correct) / outlook_total : NAN};
  char line[256];
  std::snprintf(line, sizeof line,
                "status_accuracy=%.4f macro_f1=%.4f auc=%.4f brier=%.4f outlook_accuracy=%.4f n=%zu\n", f.accuracy,
                f.macro_f1, f.auc, f.brier, f.outlook_accuracy, p.size());
  out << line;
  return f;
}

std::vector<RenewalExample> load_all(const std::vector<std::string>& paths) {
  std::vector<RenewalExample> all;
  for (const std::string& p : paths) {
    auto e = load_renewal_examples(p);
    all.insert(all.end(), std::make_move_iterator(e.begin()), std::make_move_iterator(e.end()));
  }
  return all;
}

}  // namespace

int renewal_main(const std::vector<std::string>& args) {
  po::options_description visible(
      "usage: greenlight renewal train --out MODEL DATA.jsonl...\n"
      "       greenlight renewal cv [--folds 5] [--train-only EXTRA.jsonl] DATA.jsonl...\n"
      "       greenlight renewal eval [--model MODEL] DATA.jsonl...\noptions");
  visible.add_options()("help,h", "show this help")("out,o", po::value<std::string>(), "train: model file to write")(
      "model,m", po::value<std::string>(), "eval: model file (default: the built-in model)")(
      "folds", po::value<int>()->default_value(5), "cv: number of folds")(
      "seed", po::value<unsigned>()->default_value(1), "cv: shuffle seed for the folds")(
      "min-macro-f1", po::value<double>(), "fail (exit 1) below this status macro-F1")(
      "min-auc", po::value<double>(), "fail below this AUC")("errors", "cv, eval: print misclassified passages to stderr")(
      "l2", po::value<double>()->default_value(RenewalTrainOptions{}.l2), "L2 penalty")(
      "epochs", po::value<int>()->default_value(RenewalTrainOptions{}.epochs), "training steps")(
      "min-count", po::value<int>()->default_value(RenewalTrainOptions{}.min_feature_count), "drop rarer features")("max-brier", po::value<double>(), "fail above this Brier score")(
      "train-only", po::value<std::vector<std::string>>(),
      "cv: passages added to every training fold and never tested (repeatable): what extra data adds to the others");
  po::variables_map vm;
  if (!parse_command_line(args, visible, {{"mode", 1}, {"data", -1}}, vm)) return 0;
  auto usage = [&](const std::string& message) { return usage_error(message, visible); };
  if (!vm.count("mode")) throw usage("expected a mode: train, cv or eval");
  if (!vm.count("data")) throw usage("expected at least one DATA.jsonl");
  const std::string mode = vm["mode"].as<std::string>();
  const auto examples = load_all(vm["data"].as<std::vector<std::string>>());
  const Tokenizer tokenizer;
  RenewalTrainOptions train_options;
  train_options.l2 = vm["l2"].as<double>();
  train_options.epochs = vm["epochs"].as<int>();
  train_options.min_feature_count = vm["min-count"].as<int>();
  auto check = [&](const Figures& f) {
    bool ok = true;
    if (vm.count("min-macro-f1") && !(f.macro_f1 >= vm["min-macro-f1"].as<double>())) ok = false;
    if (vm.count("min-auc") && !(f.auc >= vm["min-auc"].as<double>())) ok = false;
    if (vm.count("max-brier") && !(f.brier <= vm["max-brier"].as<double>())) ok = false;
    if (!ok) std::cout << "FAILED: below the floor\n";
    return ok ? 0 : 1;
  };
  if (mode == "train") {
    if (!vm.count("out")) throw usage("train needs --out MODEL");
    const RenewalScorer scorer = RenewalScorer::train(examples, train_options);
    scorer.save(vm["out"].as<std::string>());
    std::cerr << "trained on " << examples.size() << " passages; wrote " << vm["out"].as<std::string>() << "\n";
    return 0;
  }
  if (mode == "eval") {
    const RenewalScorer scorer =
        vm.count("model") ? RenewalScorer::load(vm["model"].as<std::string>()) : RenewalScorer::load_default();
    std::vector<Prediction> p;
    for (const auto& e : examples) {
      p.push_back(predict(scorer, tokenizer, e));
      if (vm.count("errors") && p.back().gold_status != p.back().predicted_status)
        std::cerr << "gold " << e.status << " predicted " << kStatuses[p.back().predicted_status] << ": "
                  << e.text.substr(0, 400) << "\n\n";
    }
    return check(report(p, std::cout));
  }
  if (mode == "cv") {
    const int folds = vm["folds"].as<int>();
    if (folds < 2) throw usage("--folds must be at least 2");
    std::vector<std::size_t> order(examples.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937 rng(vm["seed"].as<unsigned>());
    std::shuffle(order.begin(), order.end(), rng);
    const std::vector<RenewalExample> extra =
        vm.count("train-only") ? load_all(vm["train-only"].as<std::vector<std::string>>()) : std::vector<RenewalExample>{};
    std::vector<Prediction> p;
    for (int f = 0; f < folds; ++f) {
      std::vector<RenewalExample> train = extra, test;
      for (std::size_t r = 0; r < order.size(); ++r)
        (static_cast<int>(r % folds) == f ? test : train).push_back(examples[order[r]]);
      const RenewalScorer scorer = RenewalScorer::train(train, train_options);
      for (const auto& e : test) {
        p.push_back(predict(scorer, tokenizer, e));
        if (vm.count("errors") && p.back().gold_status != p.back().predicted_status)
          std::cerr << "gold " << e.status << " predicted " << kStatuses[p.back().predicted_status] << ": "
                    << e.text.substr(0, 400) << "\n\n";
      }
    }
    std::cout << folds << "-fold cross-validation over " << examples.size() << " passages";
    if (!extra.empty()) std::cout << " (" << extra.size() << " more passages in every training fold)";
    std::cout << "\n";
    return check(report(p, std::cout));
  }
  throw usage("unknown mode '" + mode + "' (train, cv or eval)");
}

}  // namespace greenlight::cli
