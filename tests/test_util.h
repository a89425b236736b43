// Helpers shared by the tests: data locations come from CMake (GREENLIGHT_SOURCE_DIR,
// GREENLIGHT_SHARED_DATA), never from the working directory.
#ifndef GREENLIGHT_TESTS_TEST_UTIL_H_
#define GREENLIGHT_TESTS_TEST_UTIL_H_

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace greenlight::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(GREENLIGHT_SOURCE_DIR) + "/" + relative;
}

// Path under the public data folder, or "" when the data is not present on this machine.
inline std::string shared_data_path(const std::string& relative) {
  const std::string path = std::string(GREENLIGHT_SHARED_DATA) + "/" + relative;
  return std::filesystem::exists(path) ? path : std::string();
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Output of a shell command (used for gzip -dc and for running the CLI).
inline std::string run_command(const std::string& command, int* status = nullptr) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buf[1 << 16];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int rc = pclose(pipe);
  if (status) *status = rc;
  return out;
}

}  // namespace greenlight::testing

#endif  // GREENLIGHT_TESTS_TEST_UTIL_H_
