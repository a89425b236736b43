// Fuzz target: the date extractor and media facts on arbitrary text, with and without a
// reference date; every value is well formed and every interval ordered.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "greenlight/dates.h"
#include "greenlight/media_facts.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > (1u << 15)) return 0;
  static const greenlight::Tokenizer tokenizer;
  static const greenlight::DateExtractor dates;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const greenlight::Document doc = tokenizer.tokenize(text);
  std::optional<greenlight::CivilDate> reference;
  if (data[0] & 1) reference = greenlight::CivilDate{1990 + data[0] / 4, 1 + data[0] % 12, 1 + data[0] % 28};
  for (const auto& t : dates.extract(doc, reference)) {
    if (t.value.empty() || t.end <= t.begin || t.end > text.size()) std::abort();
    if (t.begin_date && t.end_date && *t.end_date < *t.begin_date) std::abort();
  }
  (void)dates.find_dateline(doc);
  (void)greenlight::extract_media_facts(doc);
  return 0;
}
