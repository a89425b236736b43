// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Data and model files compiled into the library (private). The table is generated at build time
// by cmake/embed.cmake from models/*.glm and data/{gazetteer,lexicon}/*.tsv.

#ifndef GREENLIGHT_LIB_EMBEDDED_H_
#define GREENLIGHT_LIB_EMBEDDED_H_

#include <optional>
#include <span>
#include <string_view>

namespace greenlight {

struct EmbeddedFile {
  std::string_view path;  // relative to the source tree, e.g. "models/sentiment.glm"
  std::string_view bytes;
};

std::span<const EmbeddedFile> embedded_files();

// The bytes of an embedded file, or nullopt when it was not built in.
inline std::optional<std::string_view> embedded_file(std::string_view path) {
  for (const EmbeddedFile& f : embedded_files())
    if (f.path == path) return f.bytes;
  return std::nullopt;
}

}  // namespace greenlight

#endif  // GREENLIGHT_LIB_EMBEDDED_H_
