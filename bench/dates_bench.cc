// The dates + media facts pass over article text: on a tokenized Document (the pass alone) and
// with tokenization, at 1x, 10x and 100x the input size (time per byte should stay flat).
//
//   build/bench/dates_bench

#include <benchmark/benchmark.h>

#include <string>

#include "bundled_articles.h"
#include "greenlight/dates.h"
#include "greenlight/media_facts.h"

namespace {

void DatesPass(benchmark::State& state) {
  const std::string text = greenlight_bench::bundled_text(static_cast<std::size_t>(state.range(0)));
  const greenlight::Tokenizer tokenizer;
  const greenlight::Document doc = tokenizer.tokenize(text);
  const greenlight::DateExtractor dates;
  const greenlight::CivilDate reference{2020, 6, 15};
  for (auto _ : state) {
    auto found = dates.extract(doc, reference);
    auto facts = greenlight::extract_media_facts(doc);
    benchmark::DoNotOptimize(found);
    benchmark::DoNotOptimize(facts);
  }
  state.SetBytesProcessed(state.iterations() * text.size());
  state.SetComplexityN(state.range(0));
}
BENCHMARK(DatesPass)->RangeMultiplier(10)->Range(100'000, 10'000'000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

void TokenizeAndDates(benchmark::State& state) {
  const std::string text = greenlight_bench::bundled_text(static_cast<std::size_t>(state.range(0)));
  const greenlight::Tokenizer tokenizer;
  const greenlight::DateExtractor dates;
  const greenlight::CivilDate reference{2020, 6, 15};
  for (auto _ : state) {
    const greenlight::Document doc = tokenizer.tokenize(text);
    auto found = dates.extract(doc, reference);
    auto facts = greenlight::extract_media_facts(doc);
    benchmark::DoNotOptimize(found);
    benchmark::DoNotOptimize(facts);
  }
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(TokenizeAndDates)->Arg(10'000'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
