// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// RenewalScorer: will there be another season of the article's main show, and why.
//
//   const greenlight::RenewalScorer scorer = greenlight::RenewalScorer::load_default();
//   const greenlight::Document doc = tokenizer.tokenize(text);
//   greenlight::RenewalSubject subject;                // where the main show is mentioned
//   subject.main_show = {{0, 19}};
//   greenlight::RenewalResult r = scorer.score(doc, subject);
//   // r.status == "unconfirmed", r.likelihood == 0.41, r.outlook == "unclear",
//   // r.evidence[0].text == "Neither Netflix nor Dwarf Studio has said anything ...", weight -1.3
//
// Status: renewed (a further season officially ordered), cancelled (officially cancelled or not
// renewed, or a renewal revoked), ended (ordered or announced as the final season, or concluded
// as planned), unconfirmed (no official word). The likelihood of another season is a calibrated
// probability; the outlook (likely, unlikely, unclear) is given for unconfirmed articles only.
//
// Two linear models over cue features (renewal_cues.h: cue phrases read with their negation,
// modality, question form, subject, attribution and headline position, the order of the main
// show's official events, plus the words of cue-bearing sentences): a six-way model for the status and outlook, and a binary model for the likelihood.
// Each sentence's evidence weight is the sum of its features' contributions to the likelihood
// logit, so the evidence explains the number shown. See docs/renewal.md.
//
// A RenewalScorer is immutable after loading; score() is const and thread-safe.

#ifndef GREENLIGHT_RENEWAL_H_
#define GREENLIGHT_RENEWAL_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "greenlight/tokenizer.h"

namespace greenlight {

// Where the article's main show and other shows are mentioned (byte spans into the text).
struct RenewalSubject {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> main_show;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> other_shows;
  int headline_sentence = -2;  // -2: find it from the document; -1: none
};

struct RenewalEvidenceItem {
  std::uint32_t begin = 0, end = 0;  // the sentence
  std::string text;
  double weight = 0;  // contribution to the likelihood logit
  std::vector<std::pair<std::string, double>> features;  // its strongest features and their contributions
};

struct RenewalResult {
  std::string status;                  // renewed | cancelled | ended | unconfirmed
  double likelihood = 0;               // P(another season), calibrated
  std::optional<std::string> outlook;  // likely | unlikely | unclear (unconfirmed only)
  std::array<double, 4> status_probabilities{};  // renewed, cancelled, ended, unconfirmed
  std::vector<RenewalEvidenceItem> evidence;     // strongest first
  double bias = 0;                     // likelihood logit not attributed to any sentence

  // "unconfirmed, 0.41: 'Neither Netflix ...' (-1.3), 'The ratings ...' (+0.6)"
  std::string explain(std::size_t max_items = 3) const;
};

// One labelled passage for training.
struct RenewalExample {
  std::string text;
  std::string status;   // renewed | cancelled | ended | unconfirmed
  std::string outlook;  // likely | unlikely | unclear for unconfirmed, else empty
  std::string show;     // the main show's title as written in the text, if known
};

struct RenewalTrainOptions {
  double l2 = 0.001;          // L2 penalty per weight (on the summed loss); chosen by cross-validation
  int epochs = 200;           // full-batch Adam steps (few enough to act as early stopping)
  double learning_rate = 0.05;
  int min_feature_count = 2;  // features seen in fewer training passages are dropped
};

class RenewalScorer {
 public:
  // The model compiled into the library (models/renewal.tsv). Throws greenlight::Error if absent.
  static RenewalScorer load_default();
  // A model file written by save(). Throws greenlight::Error naming the file and line on a bad file.
  static RenewalScorer load(const std::string& path);
  static RenewalScorer from_string(std::string_view contents, const std::string& name);

  static RenewalScorer train(const std::vector<RenewalExample>& examples, const RenewalTrainOptions& options = {});

  void save(const std::string& path) const;
  std::string to_string() const;

  RenewalResult score(const Document& doc, const RenewalSubject& subject) const;

  // Subject spans for a passage whose main show title is known: every occurrence of the title.
  static RenewalSubject subject_from_title(const Document& doc, std::string_view title);
  // The same, plus the other shows the built-in entity extractor finds, as the analyzer sees an
  // article: training and evaluation read labelled passages this way.
  static RenewalSubject subject_for_passage(const Document& doc, std::string_view title);

  RenewalScorer(RenewalScorer&&) noexcept;
  RenewalScorer& operator=(RenewalScorer&&) noexcept;
  ~RenewalScorer();

 private:
  struct Model;
  explicit RenewalScorer(std::shared_ptr<const Model> model);
  std::shared_ptr<const Model> model_;
};

// Loads labelled passages from a JSONL file of {"text", "status", "outlook", "show"} objects.
// Throws greenlight::Error naming the file and line of a bad record.
std::vector<RenewalExample> load_renewal_examples(const std::string& path);

}  // namespace greenlight

#endif  // GREENLIGHT_RENEWAL_H_
