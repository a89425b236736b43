// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Command-line parsing shared by the subcommands (private to the CLI): each declares the options
// its usage shows and its positional arguments; parsing, --help and usage errors work the same
// way everywhere.

#ifndef GREENLIGHT_CLI_COMMAND_LINE_H_
#define GREENLIGHT_CLI_COMMAND_LINE_H_

#include <boost/program_options.hpp>
#include <string>
#include <utility>
#include <vector>

#include "cli.h"

namespace greenlight::cli {

// The error for a bad command line: `message`, then the subcommand's options.
UsageError usage_error(const std::string& message, const boost::program_options::options_description& visible);

// Parses `args` into `vm`: the `visible` options plus the positional arguments, each (name, count)
// in order; a count of 1 gives a std::string, -1 a std::vector<std::string> of the rest. Returns
// false when --help was asked (the options are printed on stdout); throws UsageError on a
// malformed command line.
bool parse_command_line(const std::vector<std::string>& args, const boost::program_options::options_description& visible,
                        const std::vector<std::pair<std::string, int>>& positional,
                        boost::program_options::variables_map& vm);

}  // namespace greenlight::cli

#endif  // GREENLIGHT_CLI_COMMAND_LINE_H_
