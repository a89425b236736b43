// entity_dump: every entity in one or more articles, one tab-separated line each:
// file, start, end, type, canonical name, role, and the text as written.
//
//   entity_dump ARTICLE.txt... > entities.tsv

#include <greenlight/analyzer.h>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: entity_dump ARTICLE.txt...\n";
    return 2;
  }
  const greenlight::Analyzer analyzer;
  std::cout << "file\tstart\tend\ttype\tcanonical\trole\ttext\n";
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << argv[i] << ": cannot open\n";
      status = 1;
      continue;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const greenlight::ArticleReport report = analyzer.analyze(buffer.str());
    for (const greenlight::EntityReport& e : report.entities) {
      std::cout << argv[i] << "\t" << e.begin << "\t" << e.end << "\t" << e.type << "\t" << e.canonical << "\t"
                << (e.role ? *e.role : "") << "\t" << e.text << "\n";
    }
  }
  return status;
}
