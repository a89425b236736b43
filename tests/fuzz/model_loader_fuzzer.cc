// Fuzz target: loading a renewal model file accepts it or throws greenlight::Error; never a
// crash on a truncated, corrupted or hostile file.

#include <cstdint>
#include <string_view>

#include "greenlight/error.h"
#include "greenlight/renewal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 16)) return 0;
  try {
    const auto scorer = greenlight::RenewalScorer::from_string(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.tsv");
    static const greenlight::Tokenizer tokenizer;
    const greenlight::Document doc = tokenizer.tokenize("Netflix has renewed the show for a second season.");
    (void)scorer.score(doc, greenlight::RenewalSubject{});
  } catch (const greenlight::Error&) {
  }
  return 0;
}
