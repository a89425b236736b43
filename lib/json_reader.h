// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// A small JSON reader (private) for JSONL inputs and gold files: objects, arrays, strings (with
// \uXXXX escapes and surrogate pairs), numbers, booleans and null. Errors name the byte offset.
// Nesting is capped so hostile input cannot exhaust the stack.

#ifndef GREENLIGHT_LIB_JSON_READER_H_
#define GREENLIGHT_LIB_JSON_READER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace greenlight {

struct JsonValue;
using JsonObject = std::map<std::string, JsonValue, std::less<>>;
using JsonArray = std::vector<JsonValue>;

struct JsonValue {
  std::variant<std::nullptr_t, bool, double, std::string, std::shared_ptr<JsonArray>,
               std::shared_ptr<JsonObject>>
      value = nullptr;

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(value); }
  bool is_string() const { return std::holds_alternative<std::string>(value); }
  bool is_number() const { return std::holds_alternative<double>(value); }
  bool is_object() const { return std::holds_alternative<std::shared_ptr<JsonObject>>(value); }
  bool is_array() const { return std::holds_alternative<std::shared_ptr<JsonArray>>(value); }
  const std::string& str() const { return std::get<std::string>(value); }
  double number() const { return std::get<double>(value); }
  const JsonObject& object() const { return *std::get<std::shared_ptr<JsonObject>>(value); }
  const JsonArray& array() const { return *std::get<std::shared_ptr<JsonArray>>(value); }

  // Member of an object, or nullptr when absent (or when this is not an object).
  const JsonValue* find(std::string_view key) const {
    if (!is_object()) return nullptr;
    const JsonObject& o = object();
    auto it = o.find(key);
    return it == o.end() ? nullptr : &it->second;
  }
};

// Parses one JSON document filling all of `text` (surrounding whitespace allowed). Throws
// greenlight::Error("... at byte N") on malformed input.
JsonValue parse_json(std::string_view text);

}  // namespace greenlight

#endif  // GREENLIGHT_LIB_JSON_READER_H_
