// End-to-end throughput of the Analyzer on the bundled articles (data/samples and
// data/eval/articles) replicated to at least 50 MB: one thread, then two threads through one
// Analyzer (analyze_batch), with the speed-up printed at the end.
//
//   build/bench/analyzer_bench

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "bundled_articles.h"
#include "greenlight/analyzer.h"

namespace {

const std::vector<std::string>& corpus() {
  static const std::vector<std::string> articles = [] {
    const std::vector<std::string> originals = greenlight_bench::bundled_articles();
    std::vector<std::string> out;
    std::size_t bytes = 0;
    while (bytes < (50u << 20) && !originals.empty()) {
      for (const std::string& a : originals) {
        out.push_back(a);
        bytes += a.size();
      }
    }
    std::fprintf(stderr, "corpus: %zu distinct articles replicated to %zu articles, %.1f MB\n", originals.size(),
                 out.size(), bytes / 1e6);
    return out;
  }();
  return articles;
}

std::size_t corpus_bytes() {
  std::size_t n = 0;
  for (const std::string& a : corpus()) n += a.size();
  return n;
}

void BM_AnalyzeCorpus(benchmark::State& state) {
  const greenlight::Analyzer analyzer;
  const std::vector<std::string_view> texts(corpus().begin(), corpus().end());
  const unsigned threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    auto results = analyzer.analyze_batch(texts, {}, threads);
    benchmark::DoNotOptimize(results);
  }
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
  state.counters["MB/s/thread"] = benchmark::Counter(static_cast<double>(state.iterations() * corpus_bytes()) / 1e6 / threads,
                                                     benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AnalyzeCorpus)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs)
      if (r.iterations > 0) seconds_[r.run_name.args] = r.real_accumulated_time / r.iterations;
  }
  std::map<std::string, double> seconds_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  corpus();
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  if (reporter.seconds_.count("1") && reporter.seconds_.count("2")) {
    const double mb = corpus_bytes() / 1e6;
    std::printf("1 thread %.1f MB/s; 2 threads %.1f MB/s; speed-up %.2fx\n", mb / reporter.seconds_["1"],
                mb / reporter.seconds_["2"], reporter.seconds_["1"] / reporter.seconds_["2"]);
  }
  benchmark::Shutdown();
  return 0;
}
