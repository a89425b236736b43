// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// greenlight::Error: the one exception type the library throws. Its message names the problem and,
// where there is one, where it is (file, line, byte offset):
//
//   try {
//     auto model = greenlight::LinearModel::load("sentiment.glm");
//   } catch (const greenlight::Error& e) {
//     std::cerr << e.what() << "\n";  // "sentiment.glm: checksum mismatch (file is corrupted)"
//   }

#ifndef GREENLIGHT_ERROR_H_
#define GREENLIGHT_ERROR_H_

#include <stdexcept>
#include <string>

namespace greenlight {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace greenlight

#endif  // GREENLIGHT_ERROR_H_
