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

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "greenlight/renewal.h"
#include "greenlight/tokenizer.h"
#include "word_hash.h"

namespace greenlight {

struct CueFeature {
  std::string name;
  float value = 1;
  int sentence = -1;  // sentence index the feature came from; -1 for document-level features
};

// All cue features of a document, in sentence order, ending with the document-level ones
// ("bias", "no_cue_sentences").
std::vector<CueFeature> renewal_cue_features(const Document& doc, const RenewalSubject& subject);

// Receives a sentence's features one at a time; `name` is valid only during the call.
// Word features ("o:", "w:", "b:") come through add_words with each word's hash (word_hash), so
// a scorer can combine hashes instead of building and hashing a string per word: they are most
// of an article's features. The default add_words builds the name and calls add.
// A sentence's words as the word features see them: its tokens (from `first_token` of `doc`),
// their ids in the CueWordTable the sentence was read with, and which features each can take
// (kUseAlone: an "o:" feature in a sentence without cues; kUseInCue: a "w:" feature and the pair
// with the next token in a cue sentence).
class CueWordTable;
struct SentenceWords {
  static constexpr std::uint8_t kUseAlone = 1, kUseInCue = 2;
  const Document* doc = nullptr;
  std::size_t first_token = 0;
  const CueWordTable* table = nullptr;
  const std::uint32_t* ids = nullptr;
  const std::uint8_t* use = nullptr;
  std::size_t size = 0;
  bool cue_sentence = false;
};


// One cue as read: its class and modifiers. Its features ("renew|neg|mod", "renew|main|neg",
// "headline:renew|q", ...) are named by kCueTemplates templates, each a function of the class,
// negation, modality, question, subject and kind of negation; some apply only to some cues (the
// headline's, a rumour's). A scorer can thus map (template, class and modifiers) to its feature
// once, instead of building a name per cue.
struct CueRead {
  static constexpr int kSubjects = 4;  // subject: 0 none, 1 main show, 2 another show, 3 pronoun
  static constexpr int kNegKinds = 4;  // neg_kind: 0 not negated, 1 decisive, 2 pending, 3 other
  int cls = 0;                         // index into cue_classes()
  bool negated = false, modal = false, question = false;
  int subject = 0;
  int neg_kind = 0;
  bool headline = false, lede = false, past = false, rumour = false;
};
constexpr int kCueTemplates = 10;
// The cue classes ("renew", "cancel", "final", ...), in a fixed order.
const std::vector<std::string_view>& cue_classes();
// Whether template `t` applies to the cue, and its name for the cue (into `out`).
bool cue_template_applies(int t, const CueRead& cue);
void cue_template_name(int t, const CueRead& cue, std::string& out);
// The templates' names depend on these fields only: a number for them, below kCueKeys.
inline int cue_key(const CueRead& c) {
  return ((((c.cls * 2 + c.negated) * 2 + c.modal) * 2 + c.question) * CueRead::kSubjects + c.subject) *
             CueRead::kNegKinds +
         c.neg_kind;
}
int cue_keys();  // the number of keys: all combinations of classes and modifiers

class CueSink {
 public:
  virtual void add(std::string_view name, float value) = 0;
  // A cue's features (value 1 each); the default names each applying template and calls add.
  virtual void add_cue(const CueRead& cue);
  // All of a sentence's word features at once; the default calls add_words for each.
  virtual void add_sentence_words(const SentenceWords& words);
  // `kind` is 'o' (a word of a sentence without cues), 'w' (a word of a cue sentence) or 'b' (a
  // pair of neighbouring words of a cue sentence); the feature is named "o:word", "w:word",
  // "b:word next". `second` is empty (hash 0) except for pairs.
  virtual void add_words(char kind, std::string_view first, std::uint64_t first_hash,
                         std::string_view second, std::uint64_t second_hash, float value);

 protected:
  ~CueSink() = default;
};

// What a word is to the cue reader, looked up once per token: the patterns that start with it
// and its roles as a modifier. Scans over the clause then test bits instead of comparing strings.
enum WordFlag : std::uint16_t {
  kNegator = 1 << 0,
  kModal = 1 << 1,
  kPending = 1 << 2,
  kDecisive = 1 << 3,
  kDecided = 1 << 4,
  kSeasonWord = 1 << 5,
  kClauseBreak = 1 << 6,
  kPastPerfect = 1 << 7,  // "had", "'d"
  kRumourWord = 1 << 8,   // "reportedly", "sources"; or a rumour prefix ("rumours", "leaked")
  kPronounStart = 1 << 9,  // first word of a pronoun subject
  kAfterAnyWord = 1 << 10,  // second word of a pattern that starts with any word ("* and final")
  kFunctionWord = 1 << 11,  // "the", "of", "its": no word feature of its own
  kPatternsResolved = 1 << 12,  // `patterns` holds every pattern that can start at the word,
                                // those starting with a prefix of it ("renew*") too
};

struct WordInfo {
  const std::vector<int>* patterns = nullptr;  // patterns whose first word is this word
  std::uint16_t flags = 0;
};

// Words by word_hash: each word's id (nonzero; 0 for a word not in the table) and what it is to
// the cue reader (its WordInfo, with the patterns resolved: kPatternsResolved). cue_word_table()
// holds the cue reader's words; a scorer builds one that holds its own words too, so that one
// probe per token serves the cue reader and the scorer's word features.
class CueWordTable {
 public:
  // A word as the table holds it: a cell of the hash table, so that a probe reads one cache line
  // for the word's hash and all it carries. A scorer's table also gives each word the scorer's
  // features for it ("o:" and "w:" feature indexes, -1 for none; whether a pair feature begins or
  // ends with it), which reach the scorer through CueTokens and SentenceWords without a lookup of
  // their own. 32 bytes, aligned, so that no cell straddles two cache lines.
  struct alignas(32) Entry {
    std::uint64_t hash = 0;                      // the word's; 0 for an empty cell
    const std::vector<int>* patterns = nullptr;  // WordInfo::patterns
    std::int32_t seen_alone = -1, in_cue_sentence = -1;
    std::uint16_t flags = 0;                     // WordInfo::flags
    // What the word alone decides of a token's CueTokens::use: the word features it can take
    // (by its size and kFunctionWord) and, in a scorer's table, whether a pair feature begins or
    // ends with it; and the sentence-ending mark it is ('?', '.', '!'; 0 for none). A token in the
    // table is then prepared from its cell without reading its bytes.
    std::uint8_t use = 0;
    char mark = 0;
  };

  // `extra_words` (a scorer's) and the cue reader's words.
  explicit CueWordTable(const std::vector<std::string_view>& extra_words = {});

  // A word's id is its cell: open addressing, at most two thirds full, cell 0 kept for the words
  // not in the table.
  std::uint32_t find(std::uint64_t hash) const {
    for (std::size_t at = hash & mask_; cells_[at].hash != 0; at = (at + 1) & mask_)
      if (cells_[at].hash == hash) return static_cast<std::uint32_t>(at);
    return 0;
  }
  std::uint32_t id(std::string_view word) const { return find(word_hash(word)); }
  const Entry& entry(std::uint32_t id) const { return cells_[id]; }
  Entry& entry(std::uint32_t id) { return cells_[id]; }
  std::uint32_t size() const { return words_; }
  // Ids fit in this many bits.
  int id_bits() const { return id_bits_; }
  // The id of the word a pattern word tests for exactly (the table holds every such word), by the
  // pattern word's number; 0 for a prefix ("renew*") or any word ("*").
  std::uint32_t exact_id(int pattern_word) const { return exact_ids_[pattern_word]; }

 private:
  std::vector<Entry> cells_;
  std::size_t mask_ = 0;
  int id_bits_ = 0;
  std::uint32_t words_ = 0;
  std::vector<std::uint32_t> exact_ids_;
};
const CueWordTable& cue_word_table();

// The tokens of a run of sentences as the cue reader sees them, found once: each token's id in
// a CueWordTable, its flags (WordFlag; a word outside the table may still be a rumour prefix),
// which word features it can take (SentenceWords::kUseAlone, kUseInCue), and whether the next
// sentence-ending mark after it in its sentence is "?"; the tokens where a pattern may start; and
// per sentence whether it passes on a rumour. A document is prepared a run at a time, so that
// memory stays small for any length; 8 bytes a token, so that a run stays in cache.
struct CueTokens {
  // In `use` (and a scorer's Entry::use): a pair feature begins, or ends, with the word.
  static constexpr std::uint8_t kBeginsPair = 8, kEndsPair = 16;
  const CueWordTable* table = nullptr;
  std::size_t first_token = 0;     // the document's token at index 0 here
  std::size_t first_sentence = 0;  // the run's first sentence
  std::vector<std::uint32_t> ids;
  std::vector<std::uint16_t> flags;
  std::vector<std::uint8_t> use, asked;
  // Per sentence of the run: where its tokens that may start a cue begin in `starts` (one more
  // entry at the end), and whether a word in it passes on a rumour (kRumourWord).
  std::vector<std::uint32_t> starts, sentence_starts;
  std::vector<std::uint8_t> sentence_rumour;
};
// Where a run that starts at `first_sentence` ends: a few thousand tokens, at least one sentence.
std::size_t cue_run_end(const Document& doc, std::size_t first_sentence);
// Prepares sentences [first_sentence, end_sentence) with `words`.
void prepare_cue_tokens(const Document& doc, std::size_t first_sentence, std::size_t end_sentence,
                        const CueWordTable& words, CueTokens& out);

// The hash of a word (a token's normalized form), and of a feature name. A word feature's hash is
// composed from its words' hashes: feature_name_hash("b:fans want") ==
// word_feature_hash("b:", word_hash("fans"), word_hash("want")). Word pairs are named with a space
// between the words, which no token contains.
std::uint64_t word_feature_hash(char kind, std::uint64_t first_hash, std::uint64_t second_hash);
std::uint64_t feature_name_hash(std::string_view name);

inline std::uint64_t word_feature_hash(char kind, std::uint64_t first_hash, std::uint64_t second_hash) {
  // Each kind its own seed.
  const std::uint64_t seed = static_cast<unsigned char>(kind) * 0xe7037ed1a0b428dbull;
  // The second word rotated, so that "b:a b" and "b:b a" differ.
  const std::uint64_t second = (second_hash << 29 | second_hash >> 35) * 0xc2b2ae3d27d4eb4full;
  return hash_mix(seed ^ (first_hash * 0x9e3779b97f4a7c15ull) ^ second);
}

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

// The cue features of one sentence of a document, whose tokens `tokens` holds (prepared by
// prepare_cue_tokens); returns whether the sentence holds a cue. `headline_index` as find_headline_sentence gives it. Events of the
// sentence are recorded in `events` when given.
bool sentence_cue_features(const Document& doc, const CueTokens& tokens, const RenewalSubject& subject,
                           int headline_index, std::size_t si, CueSink& sink, CueEvents* events = nullptr);

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
