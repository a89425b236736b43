// Fuzz target: the entity extractor; mentions lie inside the text, in order, without overlap.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "greenlight/entities.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 15)) return 0;
  static const greenlight::Tokenizer tokenizer;
  static const greenlight::EntityExtractor entities;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const greenlight::Document doc = tokenizer.tokenize(text);
  std::uint32_t previous_end = 0;
  for (const auto& m : entities.extract(doc).mentions) {
    if (m.begin < previous_end || m.end <= m.begin || m.end > size || m.canonical.empty()) std::abort();
    previous_end = m.end;
  }
  return 0;
}
