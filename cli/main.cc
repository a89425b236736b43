// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli.h"
#include "greenlight/error.h"

namespace greenlight::cli {

std::string read_input(const std::string& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    if (std::cin.bad()) throw Error("<stdin>: read error");
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open: " + std::strerror(errno));
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(path + ": read error");
  return data;
}

}  // namespace greenlight::cli

namespace {

constexpr const char* kUsage =
    "usage: greenlight <command> [options]\n"
    "\n"
    "commands:\n"
    "  analyze FILE...|-      analyze articles (--format json|text)\n"
    "  batch INPUT --out F    analyze a folder or JSONL file, one output line per input\n"
    "  renewal train|cv|eval  train and evaluate the renewal models on labelled passages\n"
    "  explain FILE|-         the renewal and sentiment evidence for one article\n"
    "  dates FILE|-           temporal expressions as JSON lines (--date, --jsonl)\n"
    "  tokenize FILE|-        print paragraphs, sentences and tokens with byte offsets\n"
    "  train --task sentiment --train FILE --out MODEL   train a sentiment model on label<TAB>text lines\n"
    "  eval --model MODEL --data FILE                    accuracy, macro-F1 and confusion of a model\n"
    "\n"
    "Run 'greenlight <command> --help' for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace greenlight::cli;
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "tokenize") return tokenize_main(args);
    if (command == "analyze") return analyze_main(args);
    if (command == "batch") return batch_main(args);
    if (command == "renewal") return renewal_main(args);
    if (command == "explain") return explain_main(args);
    if (command == "dates") return dates_main(args);
    if (command == "train") return train_main(args);
    if (command == "eval") return eval_main(args);
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
    std::cerr << "greenlight: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "greenlight " << command << ": " << e.message << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "greenlight " << command << ": " << e.what() << "\n";
    return 1;
  }
}
