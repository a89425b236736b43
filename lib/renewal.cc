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

// Cue features of a document summed per name, dampened (log1p) so one repeated phrase does not
// dominate.
// Then scaled to unit length (the bias apart), so a long article is not more certain than a
// short passage for saying the same thing more often.
std::unordered_map<std::string, double> feature_values(const std::vector<CueFeature>& cues) {
  std::unordered_map<std::string, double> sums;
  for (const CueFeature& c : cues) sums[c.name] += c.value;
  double norm = 0;
  for (auto& [name, value] : sums) {
    value = std::log1p(value);
    if (name != "bias") norm += value * value;
  }
  norm = std::sqrt(norm);
  if (norm > 0)
    for (auto& [name, value] : sums)
      if (name != "bias") value /= norm;
  return sums;
}

}  // namespace

struct RenewalScorer::Model {
  std::vector<std::string> features;                 // index -> name
  std::unordered_map<std::string, int> index;        // name -> index
  Eigen::MatrixXd status_weights;                    // features x 6
  Eigen::VectorXd likelihood_weights;                // features
  double likelihood_temperature = 1.0;               // logit scale fitted on held-out folds

  void build_index() {
    index.clear();
    for (std::size_t i = 0; i < features.size(); ++i) index[features[i]] = static_cast<int>(i);
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

RenewalScorer RenewalScorer::train(const std::vector<RenewalExample>& examples, const RenewalTrainOptions& options) {
  if (examples.empty()) throw Error("renewal training: no examples");
  const Tokenizer tokenizer;
  std::vector<std::unordered_map<std::string, double>> docs;
  std::vector<int> labels;
  std::map<std::string, int> document_frequency;
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const RenewalExample& e = examples[i];
    const int label = class_index(e.status, e.outlook);
    if (label < 0) throw Error("renewal training: example " + std::to_string(i) + " has unknown status '" + e.status + "'");
    const Document doc = tokenizer.tokenize(e.text);
    docs.push_back(feature_values(renewal_cue_features(doc, subject_from_title(doc, e.show))));
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
    for (const auto& [name, value] : docs[i])
      if (auto it = model->index.find(name); it != model->index.end())
        triplets.emplace_back(static_cast<int>(i), it->second, value);
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
  return RenewalScorer(std::move(model));
}

RenewalResult RenewalScorer::score(const Document& doc, const RenewalSubject& subject) const {
  const Model& m = *model_;
  // Two passes over the sentences, so that memory stays small for any article length: the first
  // sums the features, the second splits each feature's contribution over its sentences.
  const int headline_index = subject.headline_sentence == -2 ? find_headline_sentence(doc) : subject.headline_sentence;
  std::vector<CueFeature> sentence_features;
  std::unordered_map<std::string, double> raw;
  int cue_sentences = 0;
  for (std::size_t si = 0; si < doc.sentences().size(); ++si) {
    sentence_features.clear();
    cue_sentences += sentence_cue_features(doc, subject, headline_index, si, sentence_features);
    for (const CueFeature& c : sentence_features) raw[c.name] += c.value;
  }
  std::vector<CueFeature> document_features = {{"bias", 1, -1}};
  if (cue_sentences == 0) document_features.push_back({"no_cue_sentences", 1, -1});
  for (const CueFeature& c : document_features) raw[c.name] += c.value;
  std::vector<CueFeature> all;
  all.reserve(raw.size());
  for (const auto& [name, value] : raw) all.push_back({name, static_cast<float>(value), -1});
  const auto values = feature_values(all);

  Eigen::VectorXd status_logits = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(kClasses.size()));
  double likelihood_logit = 0;
  std::unordered_map<std::string, double> contribution;  // feature -> contribution to the likelihood logit
  for (const auto& [name, value] : values) {
    auto it = m.index.find(name);
    if (it == m.index.end()) continue;
    status_logits += value * m.status_weights.row(it->second).transpose();
    const double c = value * m.likelihood_weights[it->second] * m.likelihood_temperature;
    likelihood_logit += c;
    contribution[name] = c;
  }
  const Eigen::VectorXd p = softmax(status_logits);
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
  // Evidence: each feature's contribution split over the sentences it came from, in proportion.
  constexpr std::size_t kMaxEvidence = 6;
  double attributed = 0;
  for (std::size_t si = 0; si < doc.sentences().size(); ++si) {
    sentence_features.clear();
    sentence_cue_features(doc, subject, headline_index, si, sentence_features);
    if (sentence_features.empty()) continue;
    std::map<std::string, double> by_feature;
    double weight = 0;
    for (const CueFeature& c : sentence_features) {
      auto it = contribution.find(c.name);
      if (it == contribution.end()) continue;
      const double share = it->second * c.value / raw[c.name];
      by_feature[c.name] += share;
      weight += share;
    }
    attributed += weight;
    if (std::fabs(weight) < 0.05) continue;
    if (r.evidence.size() == kMaxEvidence && std::fabs(weight) <= std::fabs(r.evidence.back().weight)) continue;
    RenewalEvidenceItem item;
    const Sentence& s = doc.sentences()[si];
    item.begin = s.begin;
    item.end = s.end;
    item.text = std::string(doc.text_of(s));
    item.weight = weight;
    item.features.assign(by_feature.begin(), by_feature.end());
    std::sort(item.features.begin(), item.features.end(),
              [](const auto& a, const auto& b) { return std::fabs(a.second) > std::fabs(b.second); });
    if (item.features.size() > 4) item.features.resize(4);
    r.evidence.push_back(std::move(item));
    std::sort(r.evidence.begin(), r.evidence.end(),
              [](const RenewalEvidenceItem& a, const RenewalEvidenceItem& b) { return std::fabs(a.weight) > std::fabs(b.weight); });
    if (r.evidence.size() > kMaxEvidence) r.evidence.pop_back();
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
