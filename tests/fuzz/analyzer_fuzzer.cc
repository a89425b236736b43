// Fuzz target: the whole analyzer, then its JSON and HTML renderings, on arbitrary bytes. The
// first byte picks a reference date (or none), so date resolution is exercised too.

#include <cstdint>
#include <string_view>

#include "greenlight/analyzer.h"
#include "greenlight/html_report.h"
#include "greenlight/report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > (1u << 15)) return 0;
  static const greenlight::Analyzer analyzer;
  greenlight::ArticleOptions article;
  if (data[0] & 1) article.reference_date = greenlight::CivilDate{2000 + data[0] / 4, 1 + data[0] % 12, 1 + data[0] % 28};
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const greenlight::ArticleReport report = analyzer.analyze(text, article);
  const std::string json = greenlight::to_json(report);
  const std::string html = greenlight::to_html(report, text);
  if (json.empty() || html.empty()) __builtin_trap();
  return 0;
}
