// What renewal scoring adds to the analysis of an article: the bundled articles (data/samples and
// data/eval/articles) analyzed by the full Analyzer and by one without the renewal component,
// a pass over all of them by one and then by the other, so that machine noise falls on both
// alike, each timed in the thread's CPU time (other processes on a busy machine do not count).
// Reports both throughputs and `overhead` = full time / time without renewal - 1 (the target
// is <= 0.20).
// A second benchmark splits the same passes by component (where the time goes), a third times
// RenewalScorer::score alone on tokenized articles.
//
//   build/bench/renewal_bench
//   GREENLIGHT_RENEWAL_MODEL=other.tsv build/bench/renewal_bench --benchmark_filter='InSitu|ScoreOnly'

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "bundled_articles.h"
#include "greenlight/analyzer.h"
#include "greenlight/dates.h"
#include "greenlight/entities.h"
#include "greenlight/media_facts.h"
#include "greenlight/renewal.h"
#include "greenlight/sentiment.h"
#include "greenlight/tokenizer.h"

namespace {

// The renewal model the component benchmarks score with: the built-in one, or the file that
// GREENLIGHT_RENEWAL_MODEL names (to time another model, e.g. one trained with other options).
greenlight::RenewalScorer renewal_model() {
  const char* path = std::getenv("GREENLIGHT_RENEWAL_MODEL");
  return path && *path ? greenlight::RenewalScorer::load(path) : greenlight::RenewalScorer::load_default();
}

const std::vector<std::string>& articles() {
  static const std::vector<std::string> texts = greenlight_bench::bundled_articles();
  return texts;
}

std::size_t total_bytes() {
  std::size_t n = 0;
  for (const std::string& a : articles()) n += a.size();
  return n;
}

// The calling thread's CPU time.
struct Clock {
  using duration = std::chrono::nanoseconds;
  static std::chrono::nanoseconds now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
  }
};

void BM_RenewalOverhead(benchmark::State& state) {
  const greenlight::Analyzer full;
  greenlight::AnalyzerOptions options;
  options.renewal = false;
  const greenlight::Analyzer without_renewal(options);
  Clock::duration with_time{}, without_time{};
  // Each analyzer holds its own tables, so whole passes alternate, as a program analyzes one
  // article after another with one analyzer: switching analyzers at every article would find
  // each one's tables evicted by the other's and time cache misses no program pays. The order
  // alternates too: the first pass after a switch pays for warming the cache.
  bool full_first = true;
  for (auto _ : state) {
    for (int turn = 0; turn < 2; ++turn) {
      const bool full_turn = (turn == 0) == full_first;
      const greenlight::Analyzer& analyzer = full_turn ? full : without_renewal;
      const auto t0 = Clock::now();
      for (const std::string& text : articles()) benchmark::DoNotOptimize(analyzer.analyze(text));
      (full_turn ? with_time : without_time) += Clock::now() - t0;
    }
    full_first = !full_first;
  }
  const double with_s = std::chrono::duration<double>(with_time).count();
  const double without_s = std::chrono::duration<double>(without_time).count();
  const double mb = static_cast<double>(state.iterations() * total_bytes()) / 1e6;
  state.counters["full_MB/s"] = mb / with_s;
  state.counters["no_renewal_MB/s"] = mb / without_s;
  state.counters["overhead"] = with_s / without_s - 1;
}
BENCHMARK(BM_RenewalOverhead)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// The components the analyzer runs, in its order, each timed per article, over passes with and
// without renewal (alternating, as above). Counters, in ms per pass over the bundled articles:
// each component's time in the passes with renewal; `rest_without` (the other components when
// renewal does not run); `renewal_again` (the same article scored again right after: warm caches
// and branch predictors, a floor no article meets in situ); and the two shares of the overhead:
// `renewal_share` = renewal / rest_without, `rest_slowdown` = rest / rest_without - 1.
void BM_RenewalInSitu(benchmark::State& state) {
  const greenlight::Tokenizer tokenizer;
  const greenlight::DateExtractor dates;
  const greenlight::EntityExtractor entities;
  const greenlight::SentimentScorer sentiment = greenlight::SentimentScorer::load_default();
  const greenlight::RenewalScorer renewal = renewal_model();
  enum { kTokenize, kDates, kEntities, kSentiment, kRenewal, kAgain, kParts };
  Clock::duration with[kParts]{}, rest_without{};
  bool full_first = true;
  for (auto _ : state) {
    for (int turn = 0; turn < 2; ++turn) {
      const bool full_turn = (turn == 0) == full_first;
      for (const std::string& text : articles()) {
        Clock::duration took[kParts]{};
        auto t = Clock::now();
        auto lap = [&](int part) {
          const auto now = Clock::now();
          took[part] = now - t;
          t = now;
        };
        const greenlight::Document doc = tokenizer.tokenize(text);
        lap(kTokenize);
        benchmark::DoNotOptimize(dates.extract(doc, dates.find_dateline(doc)));
        benchmark::DoNotOptimize(greenlight::extract_media_facts(doc));
        lap(kDates);
        const greenlight::EntityResult found = entities.extract(doc);
        lap(kEntities);
        benchmark::DoNotOptimize(sentiment.score(doc));
        lap(kSentiment);
        if (full_turn) {
          greenlight::RenewalSubject subject;
          subject.main_show = found.main_show_spans;
          subject.other_shows = found.other_show_spans;
          benchmark::DoNotOptimize(renewal.score(doc, subject));
          lap(kRenewal);
          benchmark::DoNotOptimize(renewal.score(doc, subject));
          lap(kAgain);
          for (int part = 0; part < kParts; ++part) with[part] += took[part];
        } else {
          for (int part = kTokenize; part <= kSentiment; ++part) rest_without += took[part];
        }
      }
    }
    full_first = !full_first;
  }
  const auto ms = [&](Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count() / static_cast<double>(state.iterations());
  };
  static constexpr const char* kNames[kParts] = {"tokenize", "dates", "entities", "sentiment", "renewal", "renewal_again"};
  double rest = 0;
  for (int part = 0; part < kParts; ++part) {
    state.counters[kNames[part]] = ms(with[part]);
    if (part <= kSentiment) rest += ms(with[part]);
  }
  state.counters["rest_without"] = ms(rest_without);
  state.counters["renewal_share"] = ms(with[kRenewal]) / ms(rest_without);
  state.counters["rest_slowdown"] = rest / ms(rest_without) - 1;
}
BENCHMARK(BM_RenewalInSitu)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_RenewalScoreOnly(benchmark::State& state) {
  const greenlight::Tokenizer tokenizer;
  const greenlight::EntityExtractor entities;
  const greenlight::RenewalScorer scorer = renewal_model();
  std::vector<greenlight::Document> docs;
  std::vector<greenlight::RenewalSubject> subjects;
  for (const std::string& text : articles()) {
    docs.push_back(tokenizer.tokenize(text));
    const greenlight::EntityResult found = entities.extract(docs.back());
    greenlight::RenewalSubject subject;
    subject.main_show = found.main_show_spans;
    subject.other_shows = found.other_show_spans;
    subjects.push_back(subject);
  }
  for (auto _ : state)
    for (std::size_t i = 0; i < docs.size(); ++i) benchmark::DoNotOptimize(scorer.score(docs[i], subjects[i]));
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_RenewalScoreOnly)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
