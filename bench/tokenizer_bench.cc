// Tokenizer throughput beside ICU's word BreakIterator walking the same UTF-8 text (UText), in
// one run, with the ratio printed at the end. The text is the IMDB reviews of the public data
// (about 64 MB) when present, else a generated English text of the same shape.
//
//   build/bench/tokenizer_bench                 # all benchmarks, then the ratio line
//   build/bench/tokenizer_bench --benchmark_min_time=2

#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "greenlight/tokenizer.h"

namespace {

std::string load_text() {
  const std::string path = std::string(GREENLIGHT_SHARED_DATA) + "/sentiment/imdb/imdb_50k.tsv.gz";
  std::string text;
  if (std::filesystem::exists(path)) {
    FILE* pipe = popen(("gzip -dc '" + path + "'").c_str(), "r");
    char buf[1 << 16];
    std::size_t n;
    std::string tsv;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) tsv.append(buf, n);
    pclose(pipe);
    // Keep the review column (the fifth), one review per line.
    std::size_t line = tsv.find('\n') + 1;
    while (line < tsv.size()) {
      std::size_t end = tsv.find('\n', line);
      if (end == std::string::npos) end = tsv.size();
      std::size_t col = line;
      for (int i = 0; i < 4 && col < end; ++i) col = tsv.find('\t', col) + 1;
      text.append(tsv, col, end - col);
      text.push_back('\n');
      line = end + 1;
    }
    std::fprintf(stderr, "text: IMDB reviews, %.1f MB\n", text.size() / 1e6);
    return text;
  }
  // Generated: sentences from a small vocabulary, with the punctuation, numbers and contractions of
  // real reviews.
  const char* words[] = {"the", "show", "Netflix", "season", "was", "renewed", "for", "a", "second",
                         "doesn't", "fans", "it's", "1,500", "2019", "and", "but", "Kaoru", "episode",
                         "13-episode", "stop-motion", "U.S.", "really", "good", "story", "café"};
  std::mt19937 rng(7);
  while (text.size() < (48u << 20)) {
    const int n = 8 + rng() % 16;
    for (int i = 0; i < n; ++i) {
      text += words[rng() % (sizeof words / sizeof *words)];
      text += (rng() % 10 == 0) ? ", " : " ";
    }
    text += (rng() % 5 == 0) ? "!\n" : ". ";
  }
  std::fprintf(stderr, "text: generated, %.1f MB\n", text.size() / 1e6);
  return text;
}

const std::string& text() {
  static const std::string t = load_text();
  return t;
}

void BM_IcuWordIterator(benchmark::State& state) {
  const std::string& t = text();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  std::size_t segments = 0;
  for (auto _ : state) {
    UText* ut = utext_openUTF8(nullptr, t.data(), t.size(), &status);
    bi->setText(ut, status);
    segments = 0;
    for (std::int32_t b = bi->first(); b != icu::BreakIterator::DONE; b = bi->next()) ++segments;
    utext_close(ut);
    benchmark::DoNotOptimize(segments);
  }
  state.SetBytesProcessed(state.iterations() * t.size());
  state.counters["segments/s"] = benchmark::Counter(static_cast<double>(segments * state.iterations()),
                                                    benchmark::Counter::kIsRate);
}

void BM_GreenlightTokenize(benchmark::State& state) {
  const std::string& t = text();
  const greenlight::Tokenizer tokenizer;
  std::size_t tokens = 0, memory = 0;
  for (auto _ : state) {
    greenlight::Document doc = tokenizer.tokenize(t);
    tokens = doc.tokens().size();
    memory = doc.memory_bytes();
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(state.iterations() * t.size());
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens * state.iterations()),
                                                  benchmark::Counter::kIsRate);
  state.counters["doc_bytes_per_input_byte"] = static_cast<double>(memory) / t.size();
}

// Captures seconds per iteration of each benchmark to print the ratio after the table. Both clocks:
// wall time is what a user waits for, CPU time is steadier on a machine shared with other work.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      if (r.iterations == 0 || r.run_type != Run::RT_Iteration) continue;
      seconds_[r.run_name.function_name] = r.real_accumulated_time / r.iterations;
      cpu_seconds_[r.run_name.function_name] = r.cpu_accumulated_time / r.iterations;
      const auto memory = r.counters.find("doc_bytes_per_input_byte");
      if (memory != r.counters.end()) doc_bytes_per_input_byte_ = memory->second.value;
    }
  }
  std::map<std::string, double> seconds_, cpu_seconds_;
  double doc_bytes_per_input_byte_ = 0;
};

}  // namespace

BENCHMARK(BM_IcuWordIterator)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_GreenlightTokenize)->Unit(benchmark::kMillisecond)->MinTime(1.0);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  text();
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double mb = text().size() / 1e6;
  for (const auto* clock : {&reporter.seconds_, &reporter.cpu_seconds_}) {
    const auto icu = clock->find("BM_IcuWordIterator");
    const auto ours = clock->find("BM_GreenlightTokenize");
    if (icu == clock->end() || ours == clock->end()) continue;
    std::printf("%s: ICU word iterator %.1f MB/s; greenlight tokenizer (whole Document) %.1f MB/s; ratio %.2fx\n",
                clock == &reporter.seconds_ ? "wall time" : "CPU time", mb / icu->second, mb / ours->second,
                icu->second / ours->second);
  }
  if (reporter.doc_bytes_per_input_byte_ > 0)
    std::printf("Document memory: %.2f bytes per input byte\n", reporter.doc_bytes_per_input_byte_);
  benchmark::Shutdown();
  return 0;
}
