// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Renewal cue features (private to the renewal scorer). A sentence's cues are phrases that bear
// on another season ("has been renewed", "axed", "final season", "no official word", "ratings
// are strong"), each read with the modifiers that change what it means:
//   negation   "hasn't been renewed", "no official confirmation", "yet to be renewed"
//   modality   "could be renewed", "if it is renewed", "fans hope", "likely to return"
//   question   "Will X be renewed?"
//   subject    the article's main show, a pronoun for it ("the series"), or another show
//   headline   the cue is in the article's headline
// Features are named strings, so a model's explanation reads as "renew|neg|modal" rather than
// a bucket number, and each is tied to the sentence it came from (for evidence).

#ifndef GREENLIGHT_LIB_RENEWAL_CUES_H_
#define GREENLIGHT_LIB_RENEWAL_CUES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "greenlight/renewal.h"
#include "greenlight/tokenizer.h"

namespace greenlight {

struct CueFeature {
  std::string name;
  float value = 1;
  int sentence = -1;  // sentence index the feature came from; -1 for document-level features
};

// All cue features of a document, in sentence order, ending with the document-level ones
// ("bias", "no_cue_sentences").
std::vector<CueFeature> renewal_cue_features(const Document& doc, const RenewalSubject& subject);

// Receives a sentence's features one at a time; `name` is valid only during the call. Scoring
// hashes the names as they come instead of building a string per feature.
class CueSink {
 public:
  virtual void add(std::string_view name, float value) = 0;

 protected:
  ~CueSink() = default;
};

// The cue features of one sentence (for streaming over long documents); returns whether the
// sentence holds a cue. `headline_index` as find_headline_sentence gives it.
bool sentence_cue_features(const Document& doc, const RenewalSubject& subject, int headline_index, std::size_t si,
                           CueSink& sink);
// The same, appended to `out`.
bool sentence_cue_features(const Document& doc, const RenewalSubject& subject, int headline_index, std::size_t si,
                           std::vector<CueFeature>& out);

// The headline sentence of a document: the first paragraph when it is one sentence without
// final period (the tokenizer makes a headline line its own sentence), else -1.
int find_headline_sentence(const Document& doc);

}  // namespace greenlight

#endif  // GREENLIGHT_LIB_RENEWAL_CUES_H_
