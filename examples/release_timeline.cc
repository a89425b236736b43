// release_timeline: the dates in a set of articles on one timeline, sorted by their normalized
// start, with what each is the date of and where it was read.
//
//   release_timeline [--date YYYY-MM-DD] ARTICLE.txt...
//
// --date is the reference date for relative expressions ("next spring") when an article has no
// date line of its own.

#include <greenlight/analyzer.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

struct Entry {
  std::string sort_key, value, role, show, text, file;
};

int main(int argc, char** argv) {
  greenlight::ArticleOptions article;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--date" && i + 1 < argc) article.reference_date = greenlight::CivilDate::parse(argv[++i]);
    else files.push_back(arg);
  }
  if (files.empty()) {
    std::cerr << "usage: release_timeline [--date YYYY-MM-DD] ARTICLE.txt...\n";
    return 2;
  }
  const greenlight::Analyzer analyzer;
  std::vector<Entry> entries;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << file << ": cannot open\n";
      continue;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const greenlight::ArticleReport report = analyzer.analyze(buffer.str(), article);
    const std::string show = report.show ? report.show->title : "";
    for (const greenlight::DateReport& d : report.dates) {
      // Unresolved dates ("XXXX-10-26", "UNRESOLVED") sort last.
      entries.push_back({d.begin_date ? *d.begin_date : "~" + d.value, d.value + (d.mod ? " " + *d.mod : ""), d.role,
                         show, d.text, file});
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.sort_key < b.sort_key; });
  for (const Entry& e : entries)
    std::cout << e.value << "\t" << e.role << "\t" << e.show << "\t\"" << e.text << "\"\t" << e.file << "\n";
  std::cerr << entries.size() << " dates\n";
  return 0;
}
