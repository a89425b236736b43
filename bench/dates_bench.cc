// The dates + media facts pass over article text: on a tokenized Document (the pass alone) and
// with tokenization, at 1x, 10x and 100x the input size (time per byte should stay flat).
//
//   build/bench/dates_bench

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "greenlight/dates.h"
#include "greenlight/media_facts.h"

namespace {

std::string article_text(std::size_t size) {
  std::string unit;
  for (const char* dir : {"data/samples", "data/eval/articles"}) {
    const auto path = std::filesystem::path(GREENLIGHT_SOURCE_DIR) / dir;
    if (!std::filesystem::exists(path)) continue;
    for (const auto& e : std::filesystem::directory_iterator(path)) {
      if (e.path().extension() != ".txt") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      unit += s.str() + "\n\n";
    }
  }
  std::string text;
  while (text.size() < size) text += unit;
  return text;
}

void DatesPass(benchmark::State& state) {
  const std::string text = article_text(static_cast<std::size_t>(state.range(0)));
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
  const std::string text = article_text(static_cast<std::size_t>(state.range(0)));
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
