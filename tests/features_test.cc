// Sparse text features: n-grams over normalized tokens, negation scopes, lexicon features, the
// stable hash, readable names and task cue hooks.

#include "greenlight/features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>

#include "greenlight/error.h"
#include "greenlight/tokenizer.h"

namespace greenlight {
namespace {

// Every feature name of a text, as recorded while extracting.
std::set<std::string> names_of(const std::string& text, FeatureOptions options = {}) {
  static const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize(text);
  const FeatureExtractor fx(options);
  FeatureNames names;
  const SparseRow row = fx.extract(doc, &names);
  std::set<std::string> out;
  for (const auto& [bucket, value] : row)
    for (const std::string& n : names.map().at(bucket)) out.insert(n);
  return out;
}

TEST(Features, WordNgramsUpToThreeOverNormalizedTokens) {
  const auto names = names_of("The Finale AIRED Friday.");
  for (const char* expected : {"the", "finale", "aired", "friday", "the finale", "finale aired", "aired friday",
                               "the finale aired", "finale aired friday"})
    EXPECT_TRUE(names.count(expected)) << expected;
  EXPECT_FALSE(names.count("the finale aired friday"));  // no 4-grams by default
  EXPECT_FALSE(names.count("."));                        // clause punctuation is left out
}

TEST(Features, NegationMarksTokensUpToClausePunctuation) {
  const auto names = names_of("The reboot was not funny or clever, but the cast shines.");
  EXPECT_TRUE(names.count("not"));
  EXPECT_TRUE(names.count("NOT_funny"));
  EXPECT_TRUE(names.count("NOT_clever"));
  EXPECT_TRUE(names.count("not NOT_funny"));
  EXPECT_FALSE(names.count("funny"));
  EXPECT_TRUE(names.count("shines"));  // after the comma: outside the scope
  EXPECT_FALSE(names.count("NOT_shines"));
  // Split clitics open a scope too.
  EXPECT_TRUE(names_of("It doesn't work.").count("NOT_work"));
}

TEST(Features, NegationCanBeTurnedOff) {
  FeatureOptions o;
  o.negation = false;
  const auto names = names_of("It was not funny.", o);
  EXPECT_TRUE(names.count("funny"));
  EXPECT_FALSE(names.count("NOT_funny"));
}

TEST(Features, LexiconFeaturesFollowValenceAndNegation) {
  const auto positive = names_of("A wonderful, moving season.");
  EXPECT_TRUE(positive.count("lex:pos"));
  EXPECT_FALSE(positive.count("lex:neg"));
  const auto negated = names_of("The season was not wonderful.");
  EXPECT_TRUE(negated.count("lex:neg"));
  EXPECT_FALSE(negated.count("lex:pos"));
  FeatureOptions o;
  o.lexicon = false;
  EXPECT_FALSE(names_of("A wonderful season.", o).count("lex:pos"));
}

TEST(Features, RowsAreSortedUniqueAndBinaryByDefault) {
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize("great great great show");
  const FeatureExtractor fx;
  const SparseRow row = fx.extract(doc);
  ASSERT_FALSE(row.empty());
  for (std::size_t i = 1; i < row.size(); ++i) EXPECT_LT(row[i - 1].first, row[i].first);
  const std::uint32_t great = fx.bucket("great");
  const auto it = std::find_if(row.begin(), row.end(), [&](const auto& e) { return e.first == great; });
  ASSERT_NE(it, row.end());
  EXPECT_FLOAT_EQ(it->second, 1.0f);

  FeatureOptions counts;
  counts.binary = false;
  counts.lexicon = false;
  const FeatureExtractor counting(counts);
  const SparseRow counted = counting.extract(doc);
  const auto c = std::find_if(counted.begin(), counted.end(), [&](const auto& e) { return e.first == great; });
  ASSERT_NE(c, counted.end());
  EXPECT_FLOAT_EQ(c->second, 3.0f);
}

TEST(Features, HashIsStableFnv1a64) {
  // Reference values of FNV-1a 64: a model file depends on them never changing.
  EXPECT_EQ(feature_hash(""), 14695981039346656037ull);
  EXPECT_EQ(feature_hash("a"), 0xaf63dc4c8601ec8cull);
  FeatureOptions o;
  o.hash_bits = 16;
  const FeatureExtractor fx(o);
  EXPECT_EQ(fx.bucket("renewed"), feature_hash("renewed") & 0xFFFF);
}

TEST(Features, NgramsDoNotCrossSentences) {
  const auto names = names_of("It ended. Fans wept.");
  EXPECT_TRUE(names.count("it ended"));
  EXPECT_TRUE(names.count("fans wept"));
  EXPECT_FALSE(names.count("ended fans"));
}

TEST(Features, SentenceAndRangeExtraction) {
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize("Critics loved it. Viewers did not.");
  const FeatureExtractor fx;
  ASSERT_EQ(doc.sentences().size(), 2u);
  FeatureNames names;
  const SparseRow second = fx.extract(doc, doc.sentences()[1], &names);
  EXPECT_TRUE(names.contains(fx.bucket("viewers did not")));
  EXPECT_FALSE(names.contains(fx.bucket("critics")));
  EXPECT_FALSE(second.empty());
}

TEST(Features, CueHookAddsTaskFeatures) {
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize("Netflix renewed the series for a third season.");
  const FeatureExtractor fx({}, [](const Document& d, std::uint32_t first, std::uint32_t end, FeatureSink& sink) {
    for (std::uint32_t i = first; i < end; ++i)
      if (d.normalized(d.tokens()[i]) == "renewed") sink.add("cue:renew", 2.0f);
  });
  FeatureNames names;
  const SparseRow row = fx.extract(doc, &names);
  const std::uint32_t cue = fx.bucket("cue:renew");
  const auto it = std::find_if(row.begin(), row.end(), [&](const auto& e) { return e.first == cue; });
  ASSERT_NE(it, row.end());
  EXPECT_FLOAT_EQ(it->second, 2.0f);
  EXPECT_EQ(names.name(cue), "cue:renew");
}

TEST(Features, EveryNegatorOpensAScopeAndLexiconWordsStillCount) {
  EXPECT_TRUE(names_of("It arrived without warning.").count("NOT_warning"));
  EXPECT_TRUE(names_of("Nobody watched it.").count("NOT_watched"));
  EXPECT_TRUE(names_of("I dont care.").count("NOT_care"));  // the apostrophe dropped, as in reviews
  EXPECT_FALSE(names_of("Nowadays it airs late.").count("NOT_airs"));  // starts like a negator, is not one
  // "no" opens a scope and is a negative word of the lexicon.
  const auto no = names_of("No surprises here.");
  EXPECT_TRUE(no.count("NOT_surprises"));
  EXPECT_TRUE(no.count("lex:neg"));
}

TEST(Features, ExtractingIntoOneRowMatchesFreshRows) {
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize(
      "The pilot was slow. It never found its footing, and the jokes did not land! Still, the cast is superb.");
  const FeatureExtractor fx;
  SparseRow row = {{7, 7.0f}};  // whatever was there is replaced
  for (const Sentence& s : doc.sentences()) {
    fx.extract(doc, s.first_token, s.end_token, row);
    EXPECT_EQ(row, fx.extract(doc, s));
  }
  fx.extract(doc, 0, static_cast<std::uint32_t>(doc.tokens().size()), row);
  EXPECT_EQ(row, fx.extract(doc));
}

// Rows of a sentence, of a few paragraphs and of a long document (tens of thousands of n-grams)
// hold every n-gram once, in bucket order, with its count.
TEST(Features, RowsOfAnyLengthAreSortedWithExactCounts) {
  const char* kSentences[] = {"The first season drew strong reviews from critics",
                              "Viewers stayed for the second season despite a slower start",
                              "The network renewed the drama for a third season in May",
                              "Production moved to a new city after the finale aired"};
  FeatureOptions o;
  o.binary = false;
  o.lexicon = false;
  const FeatureExtractor fx(o);
  const Tokenizer tokenizer;
  for (const int repeats : {1, 8, 1000}) {
    std::string text;
    std::size_t expected_grams = 0, expected_season = 0;
    for (int r = 0; r < repeats; ++r)
      for (const char* s : kSentences) {
        text += s;
        text += ". ";
        const std::size_t words = static_cast<std::size_t>(std::count(s, s + std::char_traits<char>::length(s), ' ')) + 1;
        expected_grams += words + (words - 1) + (words - 2);
        expected_season += std::string_view(s).find("season") != std::string_view::npos;
      }
    const SparseRow row = fx.extract(tokenizer.tokenize(text));
    double total = 0;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) ASSERT_LT(row[i - 1].first, row[i].first) << repeats;
      total += row[i].second;
    }
    EXPECT_EQ(total, static_cast<double>(expected_grams)) << repeats;
    const std::uint32_t season = fx.bucket("season");
    const auto it = std::find_if(row.begin(), row.end(), [&](const auto& e) { return e.first == season; });
    ASSERT_NE(it, row.end());
    EXPECT_EQ(it->second, static_cast<float>(expected_season)) << repeats;
  }
}

// A cue hook may extract features itself (here: the size of a plain row of the same range), and
// the outer row keeps every feature it had.
TEST(Features, CueHookMayExtractAgain) {
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize("The revival was not what fans hoped for, but the ratings held up.");
  const FeatureExtractor plain;
  const FeatureExtractor fx({}, [&](const Document& d, std::uint32_t first, std::uint32_t end, FeatureSink& sink) {
    sink.add("cue:inner_size", static_cast<float>(plain.extract(d, first, end).size()));
  });
  const SparseRow outer = fx.extract(doc);
  const SparseRow expected = plain.extract(doc);
  const std::uint32_t cue = fx.bucket("cue:inner_size");
  SparseRow without_cue;
  float cue_value = 0;
  for (const auto& e : outer) {
    if (e.first == cue) cue_value = e.second;
    else without_cue.push_back(e);
  }
  EXPECT_EQ(without_cue, expected);
  EXPECT_EQ(cue_value, static_cast<float>(expected.size()));
}

TEST(Features, BadOptionsAreRejected) {
  FeatureOptions o;
  o.hash_bits = 40;
  EXPECT_THROW(FeatureExtractor{o}, Error);
  o.hash_bits = 20;
  o.max_ngram = 0;
  EXPECT_THROW(FeatureExtractor{o}, Error);
}

}  // namespace
}  // namespace greenlight
