// Fuzz target: loading a linear model file (models/*.glm) accepts it or throws greenlight::Error;
// never a crash on a truncated, corrupted or hostile file. An accepted model must predict and
// explain.

#include <cstdint>
#include <string_view>

#include "greenlight/error.h"
#include "greenlight/linear_model.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 20)) return 0;
  try {
    const auto model =
        greenlight::LinearModel::from_bytes(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.glm");
    const greenlight::SparseRow row = {{0, 1.0f}, {1, 2.0f}, {255, 1.0f}};
    (void)model.predict_proba(row);
    (void)model.explain(row, 3);
  } catch (const greenlight::Error&) {
  }
  return 0;
}
