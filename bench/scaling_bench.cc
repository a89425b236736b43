// Linear time: the whole analyzer over inputs of 1x, 10x and 100x the size, for ordinary article
// text and for hostile repetitions (long hyphen chains, one huge token, a million short lines,
// deep punctuation runs). Time per byte should stay flat; Google Benchmark's complexity fit
// (BigO, RMS) is printed for each family.
//
//   build/bench/scaling_bench

#include <benchmark/benchmark.h>

#include <string>

#include "greenlight/analyzer.h"

namespace {

std::string repeat(const std::string& unit, std::size_t size) {
  std::string text;
  text.reserve(size + unit.size());
  while (text.size() < size) text += unit;
  return text;
}

const std::string kArticleParagraph =
    "Netflix has not said whether Rilakkuma and Kaoru will return for a second season, but the stop-motion "
    "series from Dwarf Studio premiered on April 19, 2019 with 13 episodes of about 11 minutes each. Fans "
    "keep asking; director Masahito Kobayashi hasn't commented since. Could it come back in late 2021?\n\n";

void Analyze(benchmark::State& state, const std::string& unit) {
  const std::string text = repeat(unit, static_cast<std::size_t>(state.range(0)));
  greenlight::AnalyzerOptions options;
  options.max_article_bytes = text.size() + 1;
  const greenlight::Analyzer analyzer(options);
  for (auto _ : state) benchmark::DoNotOptimize(analyzer.analyze(text));
  state.SetBytesProcessed(state.iterations() * text.size());
  state.SetComplexityN(state.range(0));
}

#define SCALING(name, unit)                                                                     \
  BENCHMARK_CAPTURE(Analyze, name, unit)->RangeMultiplier(10)->Range(100'000, 10'000'000)    \
      ->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN)

SCALING(article_text, kArticleParagraph);
SCALING(hyphen_chain, std::string("2019-"));
SCALING(one_huge_token, std::string("x"));
SCALING(short_lines, std::string("a\n"));
SCALING(punctuation_run, std::string("(\"'--.!?"));
SCALING(date_like, std::string("April 19, 2019, "));
SCALING(season_like, std::string("Season 2 "));

}  // namespace

BENCHMARK_MAIN();
