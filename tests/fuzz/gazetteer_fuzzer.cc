// Fuzz target: the gazetteer TSV reader (run-time additions) accepts a file or names the bad line.

#include <cstdint>
#include <string_view>

#include "greenlight/entities.h"
#include "greenlight/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 16)) return 0;
  try {
    greenlight::EntityExtractor::parse_gazetteer(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.tsv");
  } catch (const greenlight::Error&) {
  }
  return 0;
}
