// Fuzz target: the tokenizer never crashes, and its Document is consistent: tokens in order,
// inside the text, never empty; sentences and paragraphs cover their tokens.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "greenlight/tokenizer.h"
#include "utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 16)) return 0;  // larger inputs add time, not coverage
  static const greenlight::Tokenizer tokenizer;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const greenlight::Document doc = tokenizer.tokenize(text);
  std::uint32_t previous_end = 0;
  for (const greenlight::Token& t : doc.tokens()) {
    if (t.begin < previous_end || t.begin >= t.end || t.end > size) std::abort();
    const std::string_view norm = doc.normalized(t);
    if (greenlight::utf8::sanitize(norm) != norm) std::abort();  // ill-formed bytes never get through
    previous_end = t.end;
  }
  std::uint32_t next_token = 0;
  for (const greenlight::Sentence& s : doc.sentences()) {
    if (s.first_token != next_token || s.end_token <= s.first_token) std::abort();
    next_token = s.end_token;
  }
  if (next_token != doc.tokens().size()) std::abort();
  return 0;
}
