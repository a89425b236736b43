// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Analyzer: one call from article text to an ArticleReport.
//
//   greenlight::Analyzer analyzer;  // default options: embedded models, every component
//   greenlight::ArticleOptions article;
//   article.reference_date = greenlight::CivilDate::parse("2020-06-15");
//   greenlight::ArticleReport report = analyzer.analyze(text, article);
//   std::cout << greenlight::to_json(report) << "\n";
//
// An Analyzer is loaded once and is immutable afterwards: analyze() and analyze_batch() are const
// and safe to call from many threads at once.

#ifndef GREENLIGHT_ANALYZER_H_
#define GREENLIGHT_ANALYZER_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "greenlight/calendar.h"
#include "greenlight/entities.h"
#include "greenlight/report.h"
#include "greenlight/tokenizer.h"

namespace greenlight {

struct AnalyzerOptions {
  TokenizerOptions tokenizer;
  // Components to run. Each uses the model compiled into the library.
  bool renewal = true;
  bool dates = true;  // dates, seasons, episode counts, runtimes
  bool entities = true;
  bool sentiment = true;  // article and sentence sentiment
  EntityOptions entity_options;  // gazetteer additions
  // Largest article accepted by analyze(); larger input gets a greenlight::Error.
  std::size_t max_article_bytes = 64u << 20;
};

struct ArticleOptions {
  std::string source;                       // file name or id, copied into the report
  std::optional<CivilDate> reference_date;  // publication date; resolves "next year"
  std::optional<std::string> title;         // headline when the text does not start with one
};

// One result or one error per input of analyze_batch().
using ArticleResult = std::variant<ArticleReport, std::string /* error message */>;

class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Throws greenlight::Error if the text is larger than options().max_article_bytes.
  ArticleReport analyze(std::string_view text, const ArticleOptions& article = {}) const;

  // Analyzes many articles on `threads` threads (0: hardware concurrency). results[i] belongs to
  // texts[i]; an input that fails yields its error message, never a missing entry.
  std::vector<ArticleResult> analyze_batch(const std::vector<std::string_view>& texts,
                                           const std::vector<ArticleOptions>& articles,
                                           unsigned threads = 0) const;

  const AnalyzerOptions& options() const;
  const Tokenizer& tokenizer() const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace greenlight

#endif  // GREENLIGHT_ANALYZER_H_
