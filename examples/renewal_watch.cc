// renewal_watch: a folder of articles (or files) to a table per show: latest renewal status,
// likelihood of another season, the next known premiere or release date, and the networks and
// streamers involved.
//
//   renewal_watch [--date YYYY-MM-DD] FOLDER_OR_FILES...
//
// Articles are read in name order; for a show covered by several articles, the last one read
// gives the status (name files so they sort by publication, e.g. 2020-06-15-title.txt). "Next
// date" is the earliest premiere/release date on or after --date (default: today).

#include <greenlight/analyzer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

struct ShowRow {
  std::string status = "-";
  double likelihood = -1;
  std::string next_date;
  std::set<std::string> outlets;
  int articles = 0;
};

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  greenlight::ArticleOptions article;
  const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  greenlight::CivilDate reference{static_cast<int>(today.year()), static_cast<int>(static_cast<unsigned>(today.month())),
                                  static_cast<int>(static_cast<unsigned>(today.day()))};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--date" && i + 1 < argc) {
      reference = greenlight::CivilDate::parse(argv[++i]);
    } else if (fs::is_directory(arg)) {
      for (const auto& e : fs::directory_iterator(arg))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    } else {
      files.emplace_back(arg);
    }
  }
  if (files.empty()) {
    std::cerr << "usage: renewal_watch [--date YYYY-MM-DD] FOLDER_OR_FILES...\n";
    return 2;
  }
  std::sort(files.begin(), files.end());
  const greenlight::Analyzer analyzer;
  std::map<std::string, ShowRow> shows;
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << path.string() << ": cannot open\n";
      continue;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const greenlight::ArticleReport report = analyzer.analyze(text, article);
    const std::string show = report.show ? report.show->title : (report.title ? *report.title : path.filename().string());
    ShowRow& row = shows[show];
    ++row.articles;
    if (report.renewal) {
      row.status = report.renewal->status + (report.renewal->outlook ? " (" + *report.renewal->outlook + ")" : "");
      row.likelihood = report.renewal->likelihood;
    }
    for (const greenlight::EntityReport& e : report.entities)
      if (e.type == "network" || e.type == "streaming") row.outlets.insert(e.canonical);
    for (const greenlight::DateReport& d : report.dates) {
      if ((d.role != "premiere" && d.role != "release") || !d.begin_date) continue;
      if (*d.begin_date < reference.to_string()) continue;
      if (row.next_date.empty() || *d.begin_date < row.next_date) row.next_date = *d.begin_date;
    }
  }
  std::printf("%-40s %-24s %10s  %-10s  %s\n", "show", "status", "likelihood", "next date", "networks");
  for (const auto& [show, row] : shows) {
    std::string outlets;
    for (const std::string& o : row.outlets) outlets += (outlets.empty() ? "" : ", ") + o;
    char likelihood[16] = "-";
    if (row.likelihood >= 0) std::snprintf(likelihood, sizeof likelihood, "%.2f", row.likelihood);
    std::printf("%-40.40s %-24.24s %10s  %-10s  %s\n", show.c_str(), row.status.c_str(), likelihood,
                row.next_date.empty() ? "-" : row.next_date.c_str(), outlets.c_str());
  }
  return 0;
}
