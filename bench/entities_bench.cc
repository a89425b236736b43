// Entity extraction over article text: the gold articles (data/eval/articles) replicated to 1, 10
// and 100 x 100 kB (time per byte should stay flat), with and without tokenization, and the time
// to build an extractor (gazetteer and given names parsed and indexed).
//
//   build/bench/entities_bench

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bundled_articles.h"
#include "greenlight/entities.h"

namespace {

void EntitiesPass(benchmark::State& state) {
  const std::string text = greenlight_bench::bundled_text(static_cast<std::size_t>(state.range(0)));
  const greenlight::Tokenizer tokenizer;
  const greenlight::Document doc = tokenizer.tokenize(text);
  const greenlight::EntityExtractor entities;
  for (auto _ : state) {
    auto found = entities.extract(doc);
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(state.iterations() * text.size());
  state.SetComplexityN(state.range(0));
}
BENCHMARK(EntitiesPass)->RangeMultiplier(10)->Range(100'000, 10'000'000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

// Article by article, as the analyzer calls it.
void EntitiesPerArticle(benchmark::State& state) {
  const greenlight::Tokenizer tokenizer;
  const greenlight::EntityExtractor entities;
  std::vector<greenlight::Document> docs;
  std::size_t bytes = 0;
  const std::vector<std::string> texts = greenlight_bench::bundled_articles();
  for (const auto& t : texts) {
    docs.push_back(tokenizer.tokenize(t));
    bytes += t.size();
  }
  for (auto _ : state)
    for (const auto& d : docs) {
      auto found = entities.extract(d);
      benchmark::DoNotOptimize(found);
    }
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(EntitiesPerArticle)->Unit(benchmark::kMillisecond);

void TokenizeAndEntities(benchmark::State& state) {
  const std::string text = greenlight_bench::bundled_text(static_cast<std::size_t>(state.range(0)));
  const greenlight::Tokenizer tokenizer;
  const greenlight::EntityExtractor entities;
  for (auto _ : state) {
    const greenlight::Document doc = tokenizer.tokenize(text);
    auto found = entities.extract(doc);
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(TokenizeAndEntities)->Arg(10'000'000)->Unit(benchmark::kMillisecond);

// Building an extractor: the built-in gazetteer and given names parsed and indexed.
void GazetteerLoad(benchmark::State& state) {
  for (auto _ : state) {
    greenlight::EntityExtractor entities;
    benchmark::DoNotOptimize(entities.gazetteer_size());
  }
}
BENCHMARK(GazetteerLoad)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
