// The Analyzer: one call per article, reports as values, many threads through one instance.

#include "greenlight/analyzer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "greenlight/error.h"
#include "test_util.h"

namespace greenlight {
namespace {

std::string sample() { return testing::read_file(testing::source_path("data/samples/rilakkuma-and-kaoru-season-2.txt")); }

TEST(Analyzer, ReportsTitleAndStatsOfTheSample) {
  const Analyzer analyzer;
  const std::string text = sample();
  ArticleOptions article;
  article.source = "sample";
  const ArticleReport report = analyzer.analyze(text, article);
  EXPECT_EQ(report.source, "sample");
  ASSERT_TRUE(report.title.has_value());
  EXPECT_EQ(report.title->rfind("Rilakkuma and Kaoru Season 2", 0), 0u);
  EXPECT_EQ(report.stats.bytes, text.size());
  EXPECT_GT(report.stats.sentences, 15u);
}

TEST(Analyzer, RenewalEvidenceNamesTheFeaturesBehindEachSentence) {
  const Analyzer analyzer;
  const std::string text = sample();
  const ArticleReport report = analyzer.analyze(text);
  ASSERT_TRUE(report.renewal.has_value());
  EXPECT_EQ(report.renewal->status, "unconfirmed");
  ASSERT_FALSE(report.renewal->evidence.empty());
  for (const Evidence& e : report.renewal->evidence) {
    EXPECT_EQ(e.text, text.substr(e.begin, e.end - e.begin));
    ASSERT_FALSE(e.features.empty()) << e.text;
    EXPECT_LE(e.features.size(), 4u);
    // Strongest first.
    for (std::size_t i = 1; i < e.features.size(); ++i)
      EXPECT_GE(std::abs(e.features[i - 1].second), std::abs(e.features[i].second));
  }
  const std::string json = to_json(report);
  EXPECT_NE(json.find("\"features\":[{\"name\":"), std::string::npos);
}

TEST(Analyzer, TitleHintWins) {
  const Analyzer analyzer;
  ArticleOptions article;
  article.title = "Given title";
  EXPECT_EQ(analyzer.analyze("Some body text. More text.", article).title, "Given title");
  EXPECT_FALSE(analyzer.analyze("A body sentence that ends in a period.").title.has_value());
}

TEST(Analyzer, EmptyAndHostileInputGiveEmptyReportsNotCrashes) {
  const Analyzer analyzer;
  EXPECT_EQ(analyzer.analyze("").stats.tokens, 0u);
  EXPECT_EQ(analyzer.analyze(std::string(1000, '\n')).stats.sentences, 0u);
  EXPECT_GT(analyzer.analyze(std::string("\xFF\xFE\0\x01 x", 6)).stats.tokens, 0u);
}

TEST(Analyzer, TooLargeInputIsAClearError) {
  AnalyzerOptions options;
  options.max_article_bytes = 100;
  const Analyzer analyzer(options);
  try {
    analyzer.analyze(std::string(101, 'a'));
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("exceeds the limit of 100 bytes"), std::string::npos) << e.what();
  }
}

TEST(Analyzer, BatchKeepsOrderAndGivesOneResultOrErrorPerInput) {
  AnalyzerOptions options;
  options.max_article_bytes = 5000;
  const Analyzer analyzer(options);
  const std::string text = sample();
  const std::string too_big(6000, 'x');
  std::vector<std::string_view> texts;
  for (int i = 0; i < 50; ++i) texts.push_back(i % 10 == 3 ? std::string_view(too_big) : std::string_view(text));
  const auto results = analyzer.analyze_batch(texts, {}, 2);
  ASSERT_EQ(results.size(), texts.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i % 10 == 3) {
      ASSERT_TRUE(std::holds_alternative<std::string>(results[i])) << i;
    } else {
      ASSERT_TRUE(std::holds_alternative<ArticleReport>(results[i])) << i;
      EXPECT_EQ(std::get<ArticleReport>(results[i]).stats.bytes, text.size());
    }
  }
}

// Many threads through one Analyzer give the single-threaded answers (run under TSan in CI).
TEST(AnalyzerThreads, ManyThreadsShareOneAnalyzer) {
  const Analyzer analyzer;
  const std::string text = sample();
  const std::string expected = to_json(analyzer.analyze(text));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        if (to_json(analyzer.analyze(text)) != expected) ++mismatches[t];
    });
  }
  for (auto& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace greenlight

namespace greenlight {
namespace {

TEST(Analyzer, SentimentOfTheArticleAndItsSentences) {
  const Analyzer analyzer;
  const std::string text = sample();
  const ArticleReport report = analyzer.analyze(text);
  ASSERT_TRUE(report.sentiment.has_value());
  EXPECT_TRUE(report.sentiment->label == "positive" || report.sentiment->label == "negative" ||
              report.sentiment->label == "neutral" || report.sentiment->label == "mixed");
  EXPECT_GE(report.sentiment->score, -1.0);
  EXPECT_LE(report.sentiment->score, 1.0);
  ASSERT_FALSE(report.sentiment->sentences.empty());
  for (const SentenceScore& s : report.sentiment->sentences) {
    EXPECT_LT(s.begin, s.end);
    EXPECT_LE(s.end, text.size());
  }
  AnalyzerOptions off;
  off.sentiment = false;
  EXPECT_FALSE(Analyzer(off).analyze(text).sentiment.has_value());
}

}  // namespace
}  // namespace greenlight
