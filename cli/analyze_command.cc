// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// greenlight analyze [--format json|text] [--date YYYY-MM-DD] FILE...|-

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli.h"
#include "command_line.h"
#include "greenlight/analyzer.h"
#include "greenlight/error.h"
#include "greenlight/html_report.h"

namespace po = boost::program_options;

namespace greenlight::cli {

namespace {

std::string fixed(double v, const char* format = "%.2f") {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string one_line(std::string s, std::size_t max = 110) {
  for (char& c : s)
    if (c == '\n') c = ' ';
  return s.size() > max ? s.substr(0, max - 3) + "..." : s;
}

void print_text(const ArticleReport& r, std::ostream& out) {
  out << "== " << (r.source.empty() ? "<stdin>" : r.source) << "\n";
  if (r.title) out << "title:     " << *r.title << "\n";
  if (r.show) out << "show:      " << r.show->title << "\n";
  if (r.renewal) {
    out << "renewal:   " << r.renewal->status << ", likelihood of another season " << fixed(r.renewal->likelihood);
    if (r.renewal->outlook) out << " (outlook " << *r.renewal->outlook << ")";
    out << "\n";
    for (const Evidence& e : r.renewal->evidence)
      out << "           " << fixed(e.weight, "%+.2f") << "  " << one_line(e.text) << "\n";
  }
  if (r.sentiment) out << "sentiment: " << r.sentiment->label << " (" << fixed(r.sentiment->score) << ")\n";
  // Each entity once, with how often it is mentioned.
  std::vector<std::pair<const EntityReport*, int>> unique;
  for (const EntityReport& e : r.entities) {
    auto it = std::find_if(unique.begin(), unique.end(), [&](const auto& u) {
      return u.first->canonical == e.canonical && u.first->type == e.type;
    });
    if (it == unique.end()) unique.emplace_back(&e, 1);
    else ++it->second;
  }
  for (const auto& [e, count] : unique) {
    out << "entity:    " << e->type << "  " << e->canonical;
    if (e->role) out << " (" << *e->role << ")";
    if (count > 1) out << "  x" << count;
    out << "\n";
  }
  for (const DateReport& d : r.dates)
    out << "date:      " << d.value << (d.mod ? " " + *d.mod : "") << "  " << d.role << "  \"" << d.text << "\"\n";
  if (!r.seasons.empty()) {
    out << "seasons:  ";
    for (int s : r.seasons) out << " " << s;
    out << "\n";
  }
  if (r.episodes) out << "episodes:  " << *r.episodes << "\n";
  if (r.runtime_minutes) out << "runtime:   " << *r.runtime_minutes << " minutes per episode\n";
  out << "stats:     " << r.stats.bytes << " bytes, " << r.stats.paragraphs << " paragraphs, "
      << r.stats.sentences << " sentences, " << r.stats.tokens << " tokens\n";
}

}  // namespace

int analyze_main(const std::vector<std::string>& args) {
  po::options_description visible("usage: greenlight analyze [options] FILE...|-\noptions");
  visible.add_options()("help,h", "show this help")(
      "format,f", po::value<std::string>()->default_value("text"), "text, json (one object per line) or html")(
      "date,d", po::value<std::string>(), "reference (publication) date, YYYY-MM-DD")(
      "out,o", po::value<std::string>(), "html: folder for one page per input and index.html");
  po::variables_map vm;
  if (!parse_command_line(args, visible, {{"input", -1}}, vm)) return 0;
  auto usage = [&](const std::string& message) { return usage_error(message, visible); };
  const std::string format = vm["format"].as<std::string>();
  if (format != "json" && format != "text" && format != "html")
    throw usage("unknown --format '" + format + "' (text, json or html)");
  const std::string out_dir = vm.count("out") ? vm["out"].as<std::string>() : "";
  if (!out_dir.empty() && format != "html") throw usage("--out is for --format html");
  if (format == "html" && out_dir.empty() && vm["input"].as<std::vector<std::string>>().size() != 1)
    throw usage("--format html with several inputs needs --out DIR");
  if (!out_dir.empty()) std::filesystem::create_directories(out_dir);
  std::vector<std::unique_ptr<ArticleReport>> html_reports;
  std::vector<HtmlIndexEntry> index;
  if (!vm.count("input")) throw usage("expected at least one FILE (or - for stdin)");
  ArticleOptions article;
  if (vm.count("date")) {
    const std::string date = vm["date"].as<std::string>();
    const auto parsed = CivilDate::try_parse(date);
    if (!parsed) throw usage("invalid --date '" + date + "': expected an existing date as YYYY-MM-DD");
    article.reference_date = *parsed;
  }
  const Analyzer analyzer;
  int status = 0;
  for (const std::string& path : vm["input"].as<std::vector<std::string>>()) {
    article.source = path == "-" ? "<stdin>" : path;
    try {
      const std::string text = read_input(path);
      const ArticleReport report = analyzer.analyze(text, article);
      if (format == "json") {
        std::cout << to_json(report) << "\n";
      } else if (format == "html") {
        const std::string page = to_html(report, text);
        if (out_dir.empty()) {
          std::cout << page;
        } else {
          // Pages are numbered so that inputs with the same file name do not overwrite each other.
          const std::string name = std::to_string(index.size() + 1) + "-" +
                                   std::filesystem::path(path == "-" ? "stdin" : path).stem().string() + ".html";
          std::ofstream(std::filesystem::path(out_dir) / name, std::ios::binary) << page;
          html_reports.push_back(std::make_unique<ArticleReport>(report));
          index.push_back({name, html_reports.back().get(), ""});
        }
      } else {
        print_text(report, std::cout);
      }
    } catch (const Error& e) {
      // One record per input: the error takes the place of the report.
      if (format == "json") std::cout << error_json(article.source, e.what()) << "\n";
      if (!out_dir.empty()) index.push_back({article.source, nullptr, e.what()});
      std::cerr << "greenlight analyze: " << e.what() << "\n";
      status = 1;
    }
  }
  if (!out_dir.empty()) {
    std::ofstream(std::filesystem::path(out_dir) / "index.html", std::ios::binary) << html_index(index);
    std::cerr << "greenlight analyze: wrote " << index.size() << " pages and index.html to " << out_dir << "\n";
  }
  return status;
}

}  // namespace greenlight::cli
