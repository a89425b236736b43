// Fuzz target: the JSON reader (JSONL batch inputs, gold files) accepts or rejects with
// greenlight::Error, never crashes or recurses without bound.

#include <cstdint>
#include <string_view>

#include "greenlight/error.h"
#include "json_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 16)) return 0;
  try {
    greenlight::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const greenlight::Error&) {
  }
  return 0;
}
