// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "command_line.h"

#include <iostream>
#include <sstream>

namespace po = boost::program_options;

namespace greenlight::cli {

UsageError usage_error(const std::string& message, const po::options_description& visible) {
  std::ostringstream s;
  s << message << "\n" << visible;
  return UsageError{s.str()};
}

bool parse_command_line(const std::vector<std::string>& args, const po::options_description& visible,
                        const std::vector<std::pair<std::string, int>>& positional, po::variables_map& vm) {
  po::options_description all;
  all.add(visible);
  po::positional_options_description order;
  for (const auto& [name, count] : positional) {
    if (count == 1) all.add_options()(name.c_str(), po::value<std::string>());
    else all.add_options()(name.c_str(), po::value<std::vector<std::string>>());
    order.add(name.c_str(), count);
  }
  try {
    po::store(po::command_line_parser(args).options(all).positional(order).run(), vm);
  } catch (const po::error& e) {
    throw usage_error(e.what(), visible);
  }
  if (vm.count("help")) {
    std::cout << visible;
    return false;
  }
  return true;
}

}  // namespace greenlight::cli
