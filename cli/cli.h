// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// The greenlight command-line program: one function per subcommand (private to the CLI).

#ifndef GREENLIGHT_CLI_CLI_H_
#define GREENLIGHT_CLI_CLI_H_

#include <string>
#include <vector>

namespace greenlight::cli {

// Each returns the process exit status: 0 success, 1 failure of the work, 2 usage error.
int tokenize_main(const std::vector<std::string>& args);
int analyze_main(const std::vector<std::string>& args);
int batch_main(const std::vector<std::string>& args);
int renewal_main(const std::vector<std::string>& args);
int explain_main(const std::vector<std::string>& args);
int dates_main(const std::vector<std::string>& args);
int train_main(const std::vector<std::string>& args);
int eval_main(const std::vector<std::string>& args);

// Reads a whole file, or stdin for "-". Throws greenlight::Error naming the file on failure.
std::string read_input(const std::string& path);

// Thrown for a usage error: the message is printed with the subcommand's usage, exit status 2.
struct UsageError {
  std::string message;
};

}  // namespace greenlight::cli

#endif  // GREENLIGHT_CLI_CLI_H_
