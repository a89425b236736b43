// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Sparse text features shared by the linear models (sentiment, renewal likelihood).
//
//   greenlight::FeatureExtractor features;              // word 1-3-grams, negation, VADER lexicon
//   const greenlight::Document doc = tokenizer.tokenize("The finale was not good.");
//   greenlight::SparseRow row = features.extract(doc);  // sorted (bucket, value) pairs
//
// Features are named by strings and hashed into 2^hash_bits buckets:
//   - word n-grams over normalized tokens (Document::normalized), joined by one space:
//     "finale", "the finale", "the finale was";
//   - negation scope: tokens after not, no, never, n't, ... up to the next clause punctuation
//     (, . ; : ! ?) are prefixed "NOT_" in every n-gram they take part in: "not NOT_good";
//   - lexicon features (FeatureOptions::lexicon): "lex:pos" and "lex:neg" carry log(1 + summed
//     valence) of the words found in the VADER lexicon (sign flipped inside a negation scope), and
//     "lex:+3" ... "lex:-3" mark the presence of a word of that rounded valence;
//   - features added by a task-specific cue hook (FeatureExtractor::CueHook).
//
// The hash is stable across platforms and releases: bucket = FNV-1a-64(UTF-8 feature name) &
// (2^hash_bits - 1). A model file stores the FeatureOptions it was trained with, so the same text
// always lands in the same buckets. Collisions are rare at the default 2^22 buckets and harmless
// (two features share a weight); FeatureNames keeps a few names per bucket for explanations.
//
// Rows are plain sorted vectors of (bucket, value), without Eigen in the public API; LinearModel
// turns batches into row-major Eigen sparse matrices internally.
//
// A FeatureExtractor is immutable after construction; extract() is const and thread-safe.

#ifndef GREENLIGHT_FEATURES_H_
#define GREENLIGHT_FEATURES_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "greenlight/tokenizer.h"

namespace greenlight {

// One sparse feature vector: (bucket, value) pairs sorted by bucket, each bucket at most once.
using SparseRow = std::vector<std::pair<std::uint32_t, float>>;

struct FeatureOptions {
  int hash_bits = 22;     // 2^hash_bits buckets, 8..30
  int max_ngram = 3;      // word n-grams of 1..max_ngram tokens
  bool negation = true;   // mark tokens in a negation scope with "NOT_"
  bool lexicon = true;    // VADER lexicon features (data/lexicon/vader.tsv, compiled in)
  bool binary = true;     // n-gram value 1 for presence; false counts occurrences
  // Punctuation tokens other than ! and ? are left out of n-grams (they still end negation scopes).
  bool skip_punctuation = true;

  bool operator==(const FeatureOptions&) const = default;
};

// A few feature names per bucket, collected while extracting training data, so an explanation
// can say "not NOT_good" rather than "bucket 1834221".
class FeatureNames {
 public:
  static constexpr std::size_t kNamesPerBucket = 2;

  void add(std::uint32_t bucket, std::string_view name);
  // "name" or "name|other name" for a bucket with several; "#bucket" when none was recorded.
  std::string name(std::uint32_t bucket) const;
  bool contains(std::uint32_t bucket) const { return names_.count(bucket) != 0; }
  const std::unordered_map<std::uint32_t, std::vector<std::string>>& map() const { return names_; }
  std::size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::uint32_t, std::vector<std::string>> names_;
};

// Receives the features of a cue hook.
class FeatureSink {
 public:
  virtual ~FeatureSink() = default;
  virtual void add(std::string_view name, float value) = 0;
};

// The stable feature hash: FNV-1a 64 of the name's bytes.
std::uint64_t feature_hash(std::string_view name);

class FeatureExtractor {
 public:
  // Adds task-specific features for tokens [first_token, end_token) of a document.
  using CueHook = std::function<void(const Document& doc, std::uint32_t first_token, std::uint32_t end_token,
                                     FeatureSink& sink)>;

  // Throws greenlight::Error if hash_bits is outside 8..30 or max_ngram outside 1..5.
  explicit FeatureExtractor(FeatureOptions options = {}, CueHook cue_hook = nullptr);

  // Features of the whole document, of one sentence, or of a token range. When `names` is given,
  // the name of every feature is recorded there (slower; for training).
  SparseRow extract(const Document& doc, FeatureNames* names = nullptr) const;
  SparseRow extract(const Document& doc, const Sentence& sentence, FeatureNames* names = nullptr) const;
  SparseRow extract(const Document& doc, std::uint32_t first_token, std::uint32_t end_token,
                    FeatureNames* names = nullptr) const;
  // The same into `row`, whose contents are replaced and whose capacity is reused: a caller that
  // scores sentence after sentence into one row allocates nothing once the row has grown.
  void extract(const Document& doc, std::uint32_t first_token, std::uint32_t end_token, SparseRow& row,
               FeatureNames* names = nullptr) const;

  std::uint32_t bucket(std::string_view name) const {
    return static_cast<std::uint32_t>(feature_hash(name) & mask_);
  }
  const FeatureOptions& options() const { return options_; }

 private:
  struct Lexicon;
  FeatureOptions options_;
  CueHook cue_hook_;
  std::uint64_t mask_;
  std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace greenlight

#endif  // GREENLIGHT_FEATURES_H_
