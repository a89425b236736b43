// Linear model speed on MR (rt-polarity, 10,662 sentences) from ../shared/data:
//   BM_PredictMR: the whole path from raw sentence to label (tokenize, features, predict) with the
//     shipped sentiment model; counter sentences_per_second (fastText's unigram model does about
//     170k sentences/s on this machine).
//   BM_TrainMRFold: training on the nine training folds of fold 0 (9,595 sentences), from raw text
//     (tokenize, features, NB scaling, L-BFGS), default options without a prior.
//   BM_LoadDefaultModel: parsing the embedded model; counter model_bytes is its size.
// Without the data the MR benchmarks report an error and skip.
// Sentence scoring as the Analyzer does it, on the bundled articles (bench/bundled_articles.h),
// tokenized once before timing; bytes_per_second counts the articles' text:
//   BM_SentimentScoreArticles: SentimentScorer::score(doc), every sentence of every article;
//   BM_ExtractArticleSentences: FeatureExtractor::extract alone, per sentence, the part of the
//     above that is not the model.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "bundled_articles.h"
#include "embedded.h"
#include "greenlight/linear_model.h"
#include "greenlight/sentiment.h"
#include "greenlight/tokenizer.h"

namespace {

std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

const std::string kMr = std::string(GREENLIGHT_SHARED_DATA) + "/sentiment/mr/";

void BM_PredictMR(benchmark::State& state) {
  std::vector<std::string> lines = read_lines(kMr + "rt-polarity.pos");
  const std::vector<std::string> neg = read_lines(kMr + "rt-polarity.neg");
  lines.insert(lines.end(), neg.begin(), neg.end());
  if (lines.empty()) {
    state.SkipWithError("MR not found under ../shared/data");
    return;
  }
  const greenlight::Tokenizer tokenizer;
  const greenlight::SentimentScorer scorer = greenlight::SentimentScorer::load_default();
  std::size_t positive = 0;
  for (auto _ : state) {
    for (const std::string& line : lines) {
      const greenlight::Document doc = tokenizer.tokenize(line);
      positive += scorer.model().predict(scorer.features().extract(doc)) == 2;
    }
  }
  benchmark::DoNotOptimize(positive);
  state.counters["sentences_per_second"] =
      benchmark::Counter(static_cast<double>(lines.size()) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PredictMR)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TrainMRFold(benchmark::State& state) {
  std::ifstream folds(kMr + "folds10_seed1.tsv");
  const std::vector<std::string> pos = read_lines(kMr + "rt-polarity.pos");
  const std::vector<std::string> neg = read_lines(kMr + "rt-polarity.neg");
  std::vector<greenlight::LabeledText> train;
  std::string header, file, line, label, fold;
  std::getline(folds, header);
  while (std::getline(folds, file, '\t') && std::getline(folds, line, '\t') && std::getline(folds, label, '\t') &&
         std::getline(folds, fold)) {
    if (fold == "0") continue;
    const auto& lines = file == "rt-polarity.pos" ? pos : neg;
    train.push_back({label == "1" ? "positive" : "negative", lines.at(std::stoul(line) - 1)});
  }
  if (train.empty()) {
    state.SkipWithError("MR folds not found under ../shared/data");
    return;
  }
  greenlight::SentimentTrainOptions o;
  o.keep_names = false;
  o.train.l2 = 3e-4;
  std::size_t features = 0;
  for (auto _ : state) features = greenlight::train_sentiment(train, nullptr, o).num_features();
  state.counters["sentences"] = static_cast<double>(train.size());
  state.counters["features"] = static_cast<double>(features);
}
BENCHMARK(BM_TrainMRFold)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(3);

void BM_LoadDefaultModel(benchmark::State& state) {
  const auto bytes = greenlight::embedded_file("models/sentiment.glm");
  if (!bytes) {
    state.SkipWithError("models/sentiment.glm not compiled in");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(greenlight::LinearModel::from_bytes(*bytes).num_features());
  state.counters["model_bytes"] = static_cast<double>(bytes->size());
}
BENCHMARK(BM_LoadDefaultModel)->Unit(benchmark::kMillisecond);

struct TokenizedArticles {
  std::vector<std::string> texts;
  std::vector<greenlight::Document> docs;
  std::int64_t bytes = 0;
};

const TokenizedArticles& tokenized_articles() {
  static const TokenizedArticles kArticles = [] {
    TokenizedArticles a;
    a.texts = greenlight_bench::bundled_articles();
    const greenlight::Tokenizer tokenizer;
    for (const std::string& t : a.texts) {
      a.docs.push_back(tokenizer.tokenize(t));
      a.bytes += static_cast<std::int64_t>(t.size());
    }
    return a;
  }();
  return kArticles;
}

void BM_SentimentScoreArticles(benchmark::State& state) {
  const TokenizedArticles& articles = tokenized_articles();
  const greenlight::SentimentScorer scorer = greenlight::SentimentScorer::load_default();
  double sum = 0;
  for (auto _ : state)
    for (const greenlight::Document& doc : articles.docs) sum += scorer.score(doc).score;
  benchmark::DoNotOptimize(sum);
  state.SetBytesProcessed(state.iterations() * articles.bytes);
}
BENCHMARK(BM_SentimentScoreArticles)->Unit(benchmark::kMillisecond);

void BM_ExtractArticleSentences(benchmark::State& state) {
  const TokenizedArticles& articles = tokenized_articles();
  const greenlight::SentimentScorer scorer = greenlight::SentimentScorer::load_default();
  std::size_t features = 0;
  for (auto _ : state)
    for (const greenlight::Document& doc : articles.docs)
      for (const greenlight::Sentence& s : doc.sentences())
        features += scorer.features().extract(doc, s).size();
  benchmark::DoNotOptimize(features);
  state.SetBytesProcessed(state.iterations() * articles.bytes);
}
BENCHMARK(BM_ExtractArticleSentences)->Unit(benchmark::kMillisecond);

}  // namespace
BENCHMARK_MAIN();
