#include <greenlight/analyzer.h>
#include <greenlight/tokenizer.h>

#include <iostream>

int main() {
  const greenlight::Tokenizer tokenizer;
  const greenlight::Document doc = tokenizer.tokenize("Netflix renewed the show. Fans cheered.");
  const greenlight::Analyzer analyzer;
  const greenlight::ArticleReport report = analyzer.analyze("Show Season 2: Release Date\n\nNo news yet.");
  std::cout << doc.sentences().size() << " " << report.stats.sentences << "\n";
  return doc.sentences().size() == 2 && report.stats.sentences == 2 ? 0 : 1;
}
