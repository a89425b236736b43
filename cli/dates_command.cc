// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// greenlight dates [--date YYYY-MM-DD] [--day-first] [--no-dateline] [--jsonl] FILE|-
//
// The temporal expressions of a text as JSON lines, one per expression. With --jsonl the input
// holds one JSON object per line ({"id", "text" or "sentence", "reference_date"}) and the output
// one line per input line, {"id", "dates": [...]}, in the same order: this is how the gold-set
// evaluation (scripts/eval/dates) runs every sentence with its own reference date in one process.

#include <boost/program_options.hpp>
#include <iostream>
#include <sstream>

#include "cli.h"
#include "command_line.h"
#include "greenlight/dates.h"
#include "greenlight/error.h"
#include "greenlight/tokenizer.h"
#include "json_reader.h"
#include "json_writer.h"

namespace po = boost::program_options;

namespace greenlight::cli {

namespace {

void write_expression(JsonWriter& w, const TemporalExpression& t) {
  w.begin_object();
  w.key("begin").value(t.begin).key("end").value(t.end).key("text").value(t.text);
  w.key("value").value(t.value).key("mod").value(t.mod).key("granularity").value(t.granularity);
  w.key("begin_date");
  if (t.begin_date) w.value(t.begin_date->to_string()); else w.null();
  w.key("end_date");
  if (t.end_date) w.value(t.end_date->to_string()); else w.null();
  w.key("role").value(t.role).key("form").value(t.form).key("relative").value(t.relative);
  w.end_object();
}

// The reference date of a text: the given one, else the date line in its header (unless
// disabled: a lone sentence has no header, and its only full date is not a publication date).
std::optional<CivilDate> reference_for(const DateExtractor& dates, const Document& doc,
                                       const std::optional<CivilDate>& given, bool dateline) {
  if (given || !dateline) return given;
  return dates.find_dateline(doc);
}

}  // namespace

int dates_main(const std::vector<std::string>& args) {
  po::options_description visible("usage: greenlight dates [options] FILE|-\noptions");
  visible.add_options()("help,h", "show this help")(
      "date,d", po::value<std::string>(), "reference (publication) date, YYYY-MM-DD")(
      "day-first", "read numeric dates as day/month/year (default month/day/year)")(
      "no-dateline", "without a reference date, leave relative dates unresolved (no date-line lookup)")(
      "jsonl", "input is JSON lines {\"id\", \"text\", \"reference_date\"}; one output line per input line");
  po::variables_map vm;
  if (!parse_command_line(args, visible, {{"input", -1}}, vm)) return 0;
  auto usage = [&](const std::string& message) { return usage_error(message, visible); };
  if (!vm.count("input") || vm["input"].as<std::vector<std::string>>().size() != 1)
    throw usage("expected exactly one FILE (or - for stdin)");
  std::optional<CivilDate> given;
  if (vm.count("date")) {
    const std::string date = vm["date"].as<std::string>();
    given = CivilDate::try_parse(date);
    if (!given) throw usage("invalid --date '" + date + "': expected an existing date as YYYY-MM-DD");
  }
  DateOptions options;
  options.us_numeric_order = !vm.count("day-first");
  const DateExtractor dates(options);
  const Tokenizer tokenizer;
  const std::string path = vm["input"].as<std::vector<std::string>>()[0];
  const std::string input = read_input(path);
  const std::string name = path == "-" ? "<stdin>" : path;
  const bool dateline = !vm.count("no-dateline");

  if (!vm.count("jsonl")) {
    const Document doc = tokenizer.tokenize(input);
    for (const TemporalExpression& t : dates.extract(doc, reference_for(dates, doc, given, dateline))) {
      JsonWriter w;
      write_expression(w, t);
      std::cout << w.str() << "\n";
    }
    return 0;
  }

  std::size_t line_number = 0;
  std::istringstream lines(input);
  for (std::string line; std::getline(lines, line);) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto where = [&] { return name + ":" + std::to_string(line_number); };
    JsonValue record;
    try {
      record = parse_json(line);
    } catch (const Error& e) {
      throw Error(where() + ": " + e.what());
    }
    const JsonValue* text = record.find("text");
    if (!text) text = record.find("sentence");
    if (!text || !text->is_string()) throw Error(where() + ": expected a string field \"text\" (or \"sentence\")");
    // A "reference_date" field, even null, overrides --date for its line.
    std::optional<CivilDate> reference = given;
    if (const JsonValue* r = record.find("reference_date")) {
      if (r->is_null()) {
        reference.reset();
      } else if (!r->is_string() || !(reference = CivilDate::try_parse(r->str()))) {
        throw Error(where() + ": \"reference_date\" must be YYYY-MM-DD or null");
      }
    }
    const Document doc = tokenizer.tokenize(text->str());
    JsonWriter w;
    w.begin_object();
    if (const JsonValue* id = record.find("id"); id && id->is_string()) w.key("id").value(id->str());
    w.key("reference_date");
    if (reference) w.value(reference->to_string()); else w.null();
    w.key("dates").begin_array();
    for (const TemporalExpression& t : dates.extract(doc, reference_for(dates, doc, reference, dateline))) write_expression(w, t);
    w.end_array().end_object();
    std::cout << w.str() << "\n";
  }
  return 0;
}

}  // namespace greenlight::cli
