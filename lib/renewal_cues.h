// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Renewal cue features (private to the renewal scorer). A sentence's cues are phrases that bear
// on another season ("has been renewed", "axed", "final season", "no official word", "ratings
// are strong"), each read with the modifiers that change what it means:
//   negation   "hasn't been renewed", "no official confirmation", "yet to be renewed"; pending
//              ("has not", "yet to") or decisive ("will not", "decided not to")
//   modality   "could be renewed", "if it is renewed", "fans hope", "likely to return"
//   question   "Will X be renewed?"
//   subject    the article's main show, a pronoun for it ("the series"), or another show
//   headline   the cue is in the article's headline
//   rumour     the sentence passes on a rumour or report ("reportedly", "sources say")
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

// The official events told about the main show, in text order: an order ("renew"), a
// cancellation or a decisive "won't return" ("cancel"), a final season ("final"), a pick-up
// elsewhere ("revive"), a withdrawn order ("revoke"). Cues that are hedged, asked, pending
// ("hasn't been renewed") or about another show are not events. Stories that tell a show's
// history put the outcome last ("renewed in March ... the order was withdrawn in August"), and
// background is dated or in the past perfect ("which ABC had cancelled in 2018"), so the
// document features name the first event, the last, and the last one that is not background.
struct CueEvents {
  std::string_view first, last, last_current;  // event classes; empty when there is none
  int first_sentence = -1, last_sentence = -1, last_current_sentence = -1;
};

// The cue features of one sentence (for streaming over long documents); returns whether the
// sentence holds a cue. `headline_index` as find_headline_sentence gives it. Events of the
// sentence are recorded in `events` when given.
bool sentence_cue_features(const Document& doc, const RenewalSubject& subject, int headline_index, std::size_t si,
                           CueSink& sink, CueEvents* events = nullptr);
// The same, appended to `out`.
bool sentence_cue_features(const Document& doc, const RenewalSubject& subject, int headline_index, std::size_t si,
                           std::vector<CueFeature>& out, CueEvents* events = nullptr);

// Document-level features of the events ("ev_last:cancel", "ev_seq:renew>cancel"), each tied to
// the sentence that holds its event (for evidence).
struct EventFeature {
  std::string name;
  int sentence;
};
std::vector<EventFeature> event_features(const CueEvents& events);

// The headline sentence of a document: the first paragraph when it is one sentence without
// final period (the tokenizer makes a headline line its own sentence), else -1.
int find_headline_sentence(const Document& doc);

}  // namespace greenlight

#endif  // GREENLIGHT_LIB_RENEWAL_CUES_H_
