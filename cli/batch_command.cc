// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// greenlight batch INPUT --out FILE.jsonl [--threads N] [--resume] [--strict] [--date YYYY-MM-DD]
//
// INPUT is a folder of .txt files (ids are the file names) or a JSONL file (or - for stdin) whose
// lines hold {"id": ..., "text": ..., "date": "YYYY-MM-DD"?}. Every input yields exactly one output
// line: the report, or an error record {"schema", "source", "error"} that says what went wrong
// and where. Inputs are read and analyzed a chunk at a time, so memory stays bounded whatever the
// input size, and results are written in input order.
//
// Integrity: each record is one write() of a whole line to a file opened for appending. If the
// process is killed, at most the last line is torn; --resume drops a torn last line, skips the
// ids already written and appends the rest.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_set>

#include "../lib/json_reader.h"
#include "../lib/utf8.h"
#include "cli.h"
#include "command_line.h"
#include "greenlight/analyzer.h"
#include "greenlight/error.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace greenlight::cli {

namespace {

struct Item {
  std::string id;
  std::string text;
  std::optional<CivilDate> date;
  std::optional<std::string> error;  // set when the input could not be read
};

// Produces the inputs one at a time from a folder or a JSONL stream.
class InputSource {
 public:
  InputSource(const std::string& path, std::size_t max_bytes) : max_bytes_(max_bytes) {
    if (path != "-" && fs::is_directory(path)) {
      for (const auto& entry : fs::recursive_directory_iterator(path)) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") files_.push_back(entry.path());
      }
      std::sort(files_.begin(), files_.end());
      root_ = path;
      total_ = files_.size();
    } else if (path == "-") {
      stream_ = &std::cin;
      name_ = "<stdin>";
    } else {
      file_.open(path, std::ios::binary);
      if (!file_) throw Error(path + ": cannot open: " + std::strerror(errno));
      stream_ = &file_;
      name_ = path;
      std::error_code ec;
      total_bytes_ = fs::file_size(path, ec);
    }
  }

  std::optional<Item> next() {
    if (!stream_) {
      if (index_ >= files_.size()) return std::nullopt;
      const fs::path& p = files_[index_++];
      Item item;
      item.id = fs::relative(p, root_).string();
      std::error_code ec;
      const auto size = fs::file_size(p, ec);
      if (ec) {
        item.error = item.id + ": cannot read: " + ec.message();
      } else if (size > max_bytes_) {
        item.error = item.id + ": " + std::to_string(size) + " bytes exceeds the limit of " +
                     std::to_string(max_bytes_) + " bytes (--max-bytes)";
      } else {
        std::ifstream in(p, std::ios::binary);
        if (!in) {
          item.error = item.id + ": cannot open: " + std::strerror(errno);
        } else {
          item.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
          if (in.bad()) item.error = item.id + ": read error";
        }
      }
      bytes_read_ += item.text.size();
      return item;
    }
    std::string line;
    while (std::getline(*stream_, line)) {
      ++line_number_;
      bytes_read_ += line.size() + 1;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank lines are not inputs
      return parse_line(line);
    }
    return std::nullopt;
  }

  std::size_t total() const { return total_; }  // number of inputs when known (folders), else 0
  std::uint64_t total_bytes() const { return total_bytes_; }
  std::uint64_t bytes_read() const { return bytes_read_; }

 private:
  Item parse_line(const std::string& line) {
    Item item;
    const std::string where = name_ + ":" + std::to_string(line_number_);
    item.id = where;  // until the line tells us its id
    if (line.size() > max_bytes_ * 2 + 1024) {
      item.error = where + ": line of " + std::to_string(line.size()) + " bytes exceeds the limit (--max-bytes)";
      return item;
    }
    JsonValue v;
    try {
      v = parse_json(line);
    } catch (const Error& e) {
      item.error = where + ": " + e.what();
      return item;
    }
    if (!v.is_object()) {
      item.error = where + ": expected a JSON object with \"id\" and \"text\"";
      return item;
    }
    if (const JsonValue* id = v.find("id")) {
      if (id->is_string()) item.id = id->str();
      else if (id->is_number()) item.id = std::to_string(static_cast<long long>(id->number()));
    }
    const JsonValue* text = v.find("text");
    if (!text || !text->is_string()) {
      item.error = where + ": missing string field \"text\"";
      return item;
    }
    item.text = text->str();
    if (item.text.size() > max_bytes_) {
      item.error = where + ": text of " + std::to_string(item.text.size()) + " bytes exceeds the limit of " +
                   std::to_string(max_bytes_) + " bytes (--max-bytes)";
      item.text.clear();
      return item;
    }
    if (const JsonValue* date = v.find("date"); date && !date->is_null()) {
      const auto parsed = date->is_string() ? CivilDate::try_parse(date->str()) : std::nullopt;
      if (!parsed) {
        item.error = where + ": invalid \"date\" (expected an existing date as YYYY-MM-DD)";
        return item;
      }
      item.date = parsed;
    }
    return item;
  }

  std::size_t max_bytes_;
  std::vector<fs::path> files_;
  fs::path root_;
  std::size_t index_ = 0;
  std::size_t total_ = 0;
  std::istream* stream_ = nullptr;
  std::ifstream file_;
  std::string name_;
  std::uint64_t line_number_ = 0;
  std::uint64_t total_bytes_ = 0;
  std::uint64_t bytes_read_ = 0;
};

// Byte offset of the first ill-formed UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  while (i < s.size()) {
    if (p[i] < 0x80) { ++i; continue; }
    char32_t cp;
    const int len = utf8::decode(p + i, s.size() - i, &cp);
    if (len < 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

// Reads the ids already in an output file, and cuts off a torn last line.
std::unordered_set<std::string> ids_done(const std::string& out_path) {
  std::unordered_set<std::string> done;
  std::ifstream in(out_path, std::ios::binary);
  if (!in) return done;
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  const std::size_t last_newline = content.rfind('\n');
  const std::size_t complete = last_newline == std::string::npos ? 0 : last_newline + 1;
  if (complete < content.size()) {
    std::cerr << "greenlight batch: dropping a torn last line of " << content.size() - complete << " bytes in "
              << out_path << "\n";
    if (::truncate(out_path.c_str(), static_cast<off_t>(complete)) != 0)
      throw Error(out_path + ": cannot truncate the torn last line: " + std::strerror(errno));
  }
  std::size_t start = 0;
  while (start < complete) {
    const std::size_t end = content.find('\n', start);
    try {
      const JsonValue v = parse_json(std::string_view(content).substr(start, end - start));
      if (const JsonValue* source = v.find("source"); source && source->is_string()) done.insert(source->str());
    } catch (const Error&) {
      // A complete but unparsable line cannot come from us; leave it and let the input be redone.
    }
    start = end + 1;
  }
  return done;
}

void write_all(int fd, const std::string& data, const std::string& path) {
  std::size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(path + ": write failed: " + std::strerror(errno));
    }
    off += static_cast<std::size_t>(n);
  }
}

std::string format_duration(double seconds) {
  const long s = static_cast<long>(seconds);
  std::ostringstream out;
  out << s / 3600 << ":" << (s / 60 % 60 < 10 ? "0" : "") << s / 60 % 60 << ":" << (s % 60 < 10 ? "0" : "") << s % 60;
  return out.str();
}

}  // namespace

int batch_main(const std::vector<std::string>& args) {
  po::options_description visible("usage: greenlight batch [options] INPUT --out FILE.jsonl\n"
                                  "INPUT: a folder of .txt files, or a JSONL file (- for stdin) of {\"id\", \"text\", \"date\"?}\noptions");
  visible.add_options()("help,h", "show this help")(
      "out,o", po::value<std::string>(), "output JSONL file: one line per input")(
      "threads,t", po::value<unsigned>()->default_value(0), "worker threads (0: all cores)")(
      "resume", "keep the records already in --out and analyze only the missing ids")(
      "strict", "reject input that is not valid UTF-8 (default: analyze it, invalid bytes as U+FFFD)")(
      "date,d", po::value<std::string>(), "reference date for inputs without their own, YYYY-MM-DD")(
      "max-bytes", po::value<std::size_t>()->default_value(64u << 20), "largest input accepted")(
      "progress", po::value<std::string>()->default_value("auto"), "progress bar on stderr: auto|always|never");
  po::variables_map vm;
  if (!parse_command_line(args, visible, {{"input", -1}}, vm)) return 0;
  auto usage = [&](const std::string& message) { return usage_error(message, visible); };
  if (!vm.count("input") || vm["input"].as<std::vector<std::string>>().size() != 1)
    throw usage("expected exactly one INPUT (a folder, a JSONL file, or - for stdin)");
  if (!vm.count("out")) throw usage("--out FILE.jsonl is required");
  std::optional<CivilDate> default_date;
  if (vm.count("date")) {
    default_date = CivilDate::try_parse(vm["date"].as<std::string>());
    if (!default_date) throw usage("invalid --date '" + vm["date"].as<std::string>() + "': expected YYYY-MM-DD");
  }
  const std::string progress_mode = vm["progress"].as<std::string>();
  if (progress_mode != "auto" && progress_mode != "always" && progress_mode != "never")
    throw usage("--progress must be auto, always or never");
  const bool show_progress = progress_mode == "always" || (progress_mode == "auto" && ::isatty(2));
  const std::string input = vm["input"].as<std::vector<std::string>>()[0];
  const std::string out_path = vm["out"].as<std::string>();
  const bool strict = vm.count("strict") > 0;
  const std::size_t max_bytes = vm["max-bytes"].as<std::size_t>();
  unsigned threads = vm["threads"].as<unsigned>();
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());

  std::unordered_set<std::string> done;
  if (vm.count("resume")) done = ids_done(out_path);
  const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | (vm.count("resume") ? 0 : O_TRUNC), 0644);
  if (fd < 0) throw Error(out_path + ": cannot open for writing: " + std::strerror(errno));

  AnalyzerOptions analyzer_options;
  analyzer_options.max_article_bytes = max_bytes;
  const Analyzer analyzer(analyzer_options);
  InputSource source(input, max_bytes);

  // A chunk is analyzed in parallel, then written in input order.
  constexpr std::size_t kChunkItems = 512;
  constexpr std::size_t kChunkBytes = 32u << 20;
  std::uint64_t written = 0, skipped = 0, errors = 0, bytes = 0;
  const auto started = std::chrono::steady_clock::now();
  auto report_progress = [&](bool final) {
    if (!show_progress) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double rate = elapsed > 0 ? bytes / 1e6 / elapsed : 0;
    double fraction = -1;
    if (source.total()) fraction = static_cast<double>(written + skipped) / source.total();
    else if (source.total_bytes()) fraction = static_cast<double>(source.bytes_read()) / source.total_bytes();
    std::ostringstream line;
    line << "\r";
    if (fraction >= 0) {
      const int width = 30;
      const int filled = static_cast<int>(std::min(1.0, fraction) * width);
      line << "[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] "
           << static_cast<int>(fraction * 100) << "% ";
    }
    line << written << " written";
    if (skipped) line << ", " << skipped << " resumed";
    if (errors) line << ", " << errors << " errors";
    line << ", " << static_cast<int>(rate * 10) / 10.0 << " MB/s";
    if (fraction > 0 && fraction < 1) line << ", ETA " << format_duration(elapsed / fraction * (1 - fraction));
    line << (final ? "\n" : "   ");
    std::cerr << line.str() << std::flush;
  };

  for (;;) {
    std::vector<Item> chunk;
    std::size_t chunk_bytes = 0;
    while (chunk.size() < kChunkItems && chunk_bytes < kChunkBytes) {
      std::optional<Item> item = source.next();
      if (!item) break;
      if (done.count(item->id)) {
        ++skipped;
        continue;
      }
      if (!item->error && strict) {
        const std::size_t bad = first_invalid_utf8(item->text);
        if (bad != std::string_view::npos)
          item->error = item->id + ": not valid UTF-8 at byte " + std::to_string(bad) + " (--strict)";
      }
      chunk_bytes += item->text.size();
      chunk.push_back(std::move(*item));
    }
    if (chunk.empty()) break;

    std::vector<std::string_view> texts;
    std::vector<ArticleOptions> articles;
    std::vector<std::size_t> positions;  // chunk index of each analyzed text
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      if (chunk[i].error) continue;
      ArticleOptions a;
      a.source = chunk[i].id;
      a.reference_date = chunk[i].date ? chunk[i].date : default_date;
      texts.push_back(chunk[i].text);
      articles.push_back(std::move(a));
      positions.push_back(i);
    }
    std::vector<ArticleResult> results = analyzer.analyze_batch(texts, articles, threads);
    std::vector<std::string> lines(chunk.size());
    for (std::size_t k = 0; k < positions.size(); ++k) {
      const std::size_t i = positions[k];
      if (auto* report = std::get_if<ArticleReport>(&results[k])) {
        lines[i] = to_json(*report);
      } else {
        chunk[i].error = chunk[i].id + ": " + std::get<std::string>(results[k]);
      }
    }
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      if (chunk[i].error) {
        lines[i] = error_json(chunk[i].id, *chunk[i].error);
        ++errors;
      }
      lines[i].push_back('\n');
      write_all(fd, lines[i], out_path);  // one write per record: a kill tears at most this line
      ++written;
      bytes += chunk[i].text.size();
    }
    report_progress(false);
  }
  if (::close(fd) != 0) throw Error(out_path + ": close failed: " + std::strerror(errno));
  report_progress(true);
  std::cerr << "greenlight batch: " << written << " records written to " << out_path << " (" << errors
            << " errors" << (skipped ? ", " + std::to_string(skipped) + " already done" : "") << ")\n";
  return 0;
}

}  // namespace greenlight::cli
