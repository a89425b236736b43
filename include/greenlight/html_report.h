// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// HTML reports: a self-contained page per article (no scripts or files fetched from anywhere) with
// the text, entities and dates highlighted by type, sentences shaded by sentiment, the renewal
// verdict as a gauge whose evidence links into the text, and a facts panel.
//
//   const greenlight::ArticleReport report = analyzer.analyze(text);
//   std::ofstream("report.html") << greenlight::to_html(report, text);
//
// Everything taken from the text or the report is HTML-escaped; ill-formed UTF-8 becomes U+FFFD.

#ifndef GREENLIGHT_HTML_REPORT_H_
#define GREENLIGHT_HTML_REPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "greenlight/report.h"

namespace greenlight {

// The page for one article. `text` is the text the report was made from (offsets point into it).
std::string to_html(const ArticleReport& report, std::string_view text);

// An index page for a batch: one row per article, linking to `href` of each entry.
struct HtmlIndexEntry {
  std::string href;
  const ArticleReport* report = nullptr;  // null for an input that failed
  std::string error;
};
std::string html_index(const std::vector<HtmlIndexEntry>& entries);

}  // namespace greenlight

#endif  // GREENLIGHT_HTML_REPORT_H_
