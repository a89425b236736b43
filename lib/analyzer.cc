// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/analyzer.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "greenlight/dates.h"
#include "greenlight/entities.h"
#include "greenlight/error.h"
#include "greenlight/media_facts.h"
#include "greenlight/renewal.h"
#include "greenlight/sentiment.h"
#include "renewal_cues.h"

namespace greenlight {

struct Analyzer::Impl {
  explicit Impl(AnalyzerOptions o) : options(std::move(o)), tokenizer(options.tokenizer) {
    if (options.renewal) renewal.emplace(RenewalScorer::load_default());
    if (options.entities) entities.emplace(options.entity_options);
    if (options.sentiment) sentiment.emplace(SentimentScorer::load_default());
  }
  AnalyzerOptions options;
  Tokenizer tokenizer;
  std::optional<RenewalScorer> renewal;
  DateExtractor dates;
  std::optional<EntityExtractor> entities;
  std::optional<SentimentScorer> sentiment;
};

Analyzer::Analyzer(AnalyzerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

const AnalyzerOptions& Analyzer::options() const { return impl_->options; }
const Tokenizer& Analyzer::tokenizer() const { return impl_->tokenizer; }

namespace {

// The headline: a first paragraph of one short line without final punctuation, or ending in "?".
std::optional<std::string> find_title(const Document& doc) {
  if (doc.paragraphs().empty()) return std::nullopt;
  const Paragraph& p = doc.paragraphs().front();
  const std::string_view text = doc.text().substr(p.begin, p.end - p.begin);
  if (text.find('\n') != std::string_view::npos || text.size() > 300) return std::nullopt;
  if (p.end_sentence - p.first_sentence != 1) return std::nullopt;
  const char last = text.back();
  if (last == '.' && text.size() > 1 && text[text.size() - 2] != '.') return std::nullopt;
  return std::string(text);
}

RenewalReport to_report(RenewalResult&& r) {
  RenewalReport out;
  out.status = std::move(r.status);
  out.likelihood = r.likelihood;
  out.outlook = std::move(r.outlook);
  out.evidence.reserve(r.evidence.size());
  for (RenewalEvidenceItem& e : r.evidence)
    out.evidence.push_back({e.begin, e.end, std::move(e.text), e.weight, std::move(e.features)});
  return out;
}

}  // namespace

ArticleReport Analyzer::analyze(std::string_view text, const ArticleOptions& article) const {
  if (text.size() > impl_->options.max_article_bytes)
    throw Error("article of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                std::to_string(impl_->options.max_article_bytes) + " bytes (AnalyzerOptions::max_article_bytes)");
  const Document doc = impl_->tokenizer.tokenize(text);
  ArticleReport report;
  report.source = article.source;
  report.title = article.title ? article.title : find_title(doc);
  report.stats.bytes = text.size();
  report.stats.tokens = doc.tokens().size();
  report.stats.sentences = doc.sentences().size();
  report.stats.paragraphs = doc.paragraphs().size();
  if (impl_->options.dates) {
    // The reference date: the caller's, else the article's own date line.
    const std::optional<CivilDate> reference =
        article.reference_date ? article.reference_date : impl_->dates.find_dateline(doc);
    for (TemporalExpression& t : impl_->dates.extract(doc, reference)) {
      DateReport d;
      d.text = std::move(t.text);
      d.begin = t.begin;
      d.end = t.end;
      d.value = std::move(t.value);
      d.mod = std::move(t.mod);
      d.granularity = std::move(t.granularity);
      if (t.begin_date) d.begin_date = t.begin_date->to_string();
      if (t.end_date) d.end_date = t.end_date->to_string();
      d.role = std::move(t.role);
      report.dates.push_back(std::move(d));
    }
    const MediaFacts facts = extract_media_facts(doc);
    report.seasons = facts.seasons;
    report.episodes = facts.episodes;
    report.runtime_minutes = facts.runtime_minutes;
  }
  RenewalSubject subject;
  if (impl_->entities) {
    EntityResult found = impl_->entities->extract(doc, report.title);
    if (found.main_show) report.show = ShowMention{found.main_show->title, found.main_show->begin, found.main_show->end};
    subject.main_show = found.main_show_spans;
    subject.other_shows = found.other_show_spans;
    for (EntityMention& m : found.mentions)
      report.entities.push_back({std::move(m.text), m.begin, m.end, std::move(m.type), std::move(m.canonical), std::move(m.role)});
  } else if (report.title) {
    if (const auto show = show_from_headline(*report.title)) subject = RenewalScorer::subject_from_title(doc, *show);
  }
  if (impl_->sentiment) {
    SentimentResult s = impl_->sentiment->score(doc);
    SentimentReport& out = report.sentiment.emplace();
    out.label = std::move(s.label);
    out.score = s.score;
    for (const SentenceSentiment& x : s.sentences) out.sentences.push_back({x.begin, x.end, x.score});
  }
  if (impl_->renewal) report.renewal = to_report(impl_->renewal->score(doc, subject));
  return report;
}

std::vector<ArticleResult> Analyzer::analyze_batch(const std::vector<std::string_view>& texts,
                                                   const std::vector<ArticleOptions>& articles,
                                                   unsigned threads) const {
  if (!articles.empty() && articles.size() != texts.size())
    throw Error("analyze_batch: " + std::to_string(texts.size()) + " texts but " +
                std::to_string(articles.size()) + " article options");
  std::vector<ArticleResult> results(texts.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, texts.size())));
  std::atomic<std::size_t> next{0};
  const ArticleOptions no_options;
  auto work = [&] {
    for (std::size_t i = next++; i < texts.size(); i = next++) {
      try {
        results[i] = analyze(texts[i], articles.empty() ? no_options : articles[i]);
      } catch (const std::exception& e) {
        results[i] = std::string(e.what());
      }
    }
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  return results;
}

}  // namespace greenlight
