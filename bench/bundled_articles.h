// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// The corpus the benchmarks time: the articles shipped in the repository (data/samples and the
// gold articles in data/eval/articles), in path order, so every benchmark reads the same text.

#ifndef GREENLIGHT_BENCH_BUNDLED_ARTICLES_H_
#define GREENLIGHT_BENCH_BUNDLED_ARTICLES_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace greenlight_bench {

inline std::vector<std::string> bundled_articles() {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"data/samples", "data/eval/articles"}) {
    const std::filesystem::path path = std::filesystem::path(GREENLIGHT_SOURCE_DIR) / dir;
    if (!std::filesystem::exists(path)) continue;
    for (const auto& e : std::filesystem::directory_iterator(path))
      if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> articles;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    articles.push_back(s.str());
  }
  if (articles.empty())  // a tree without the data folders still benchmarks something
    articles.push_back("Severance Season 3: Everything We Know\n\nApple TV+ renewed Severance, created by Dan "
                       "Erickson, on March 24, 2025. The third season is expected in 2026.\n");
  return articles;
}

// The bundled articles one after another, a blank line apart, until at least `size` bytes.
inline std::string bundled_text(std::size_t size) {
  std::string unit;
  for (const std::string& a : bundled_articles()) unit += a + "\n\n";
  std::string text;
  while (text.size() < size) text += unit;
  return text;
}

}  // namespace greenlight_bench

#endif  // GREENLIGHT_BENCH_BUNDLED_ARTICLES_H_
