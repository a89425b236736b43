// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// greenlight explain [--date YYYY-MM-DD] FILE|-: the renewal verdict and the sentiment of one
// article, with the sentences that drove each, in readable form.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli.h"
#include "greenlight/analyzer.h"

namespace greenlight::cli {

int explain_main(const std::vector<std::string>& args) {
  std::string path;
  ArticleOptions article;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::cout << "usage: greenlight explain [--date YYYY-MM-DD] FILE|-\n";
      return 0;
    }
    if (args[i] == "--date" && i + 1 < args.size()) {
      const auto d = CivilDate::try_parse(args[++i]);
      if (!d) throw UsageError{"invalid --date '" + args[i] + "': expected YYYY-MM-DD"};
      article.reference_date = *d;
    } else if (path.empty()) {
      path = args[i];
    } else {
      throw UsageError{"expected one FILE\nusage: greenlight explain [--date YYYY-MM-DD] FILE|-"};
    }
  }
  if (path.empty()) throw UsageError{"expected a FILE (or - for stdin)\nusage: greenlight explain [--date YYYY-MM-DD] FILE|-"};
  const std::string text = read_input(path);
  article.source = path;
  const Analyzer analyzer;
  const ArticleReport r = analyzer.analyze(text, article);
  auto one_line = [](std::string s) {
    for (char& c : s)
      if (c == '\n') c = ' ';
    return s.size() > 140 ? s.substr(0, 137) + "..." : s;
  };
  if (r.title) std::cout << *r.title << "\n\n";
  if (r.show) std::cout << "show: " << r.show->title << "\n";
  if (r.renewal) {
    char head[96];
    std::snprintf(head, sizeof head, "renewal: %s, likelihood of another season %.2f", r.renewal->status.c_str(),
                  r.renewal->likelihood);
    std::cout << head << (r.renewal->outlook ? " (outlook " + *r.renewal->outlook + ")" : "") << "\n";
    std::cout << "  sentences that moved the likelihood (contribution to its log-odds):\n";
    for (const Evidence& e : r.renewal->evidence) {
      char w[16];
      std::snprintf(w, sizeof w, "%+6.2f", e.weight);
      std::cout << "  " << w << "  '" << one_line(e.text) << "'\n";
      std::string features;
      for (const auto& [name, weight] : e.features) {
        char f[32];
        std::snprintf(f, sizeof f, " %+.2f", weight);
        features += (features.empty() ? "" : ",") + std::string(" ") + name + f;
      }
      if (!features.empty()) std::cout << "          features:" << features << "\n";
    }
  }
  if (r.sentiment) {
    char head[96];
    std::snprintf(head, sizeof head, "sentiment: %s (%.2f)", r.sentiment->label.c_str(), r.sentiment->score);
    std::cout << "\n" << head << "\n";
    std::vector<SentenceScore> s = r.sentiment->sentences;
    std::sort(s.begin(), s.end(), [](const SentenceScore& a, const SentenceScore& b) { return std::abs(a.score) > std::abs(b.score); });
    for (std::size_t i = 0; i < s.size() && i < 5; ++i) {
      char w[16];
      std::snprintf(w, sizeof w, "%+6.2f", s[i].score);
      std::cout << "  " << w << "  '" << one_line(std::string(text.substr(s[i].begin, s[i].end - s[i].begin))) << "'\n";
    }
  }
  return 0;
}

}  // namespace greenlight::cli
