// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// A small streaming JSON writer (private). Keys and values are escaped; ill-formed UTF-8 in string
// values becomes U+FFFD so the output is always valid JSON.

#ifndef GREENLIGHT_LIB_JSON_WRITER_H_
#define GREENLIGHT_LIB_JSON_WRITER_H_

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "utf8.h"

namespace greenlight {

class JsonWriter {
 public:
  std::string& str() { return out_; }

  JsonWriter& begin_object() { value_prefix(); out_.push_back('{'); first_ = true; return *this; }
  JsonWriter& end_object() { out_.push_back('}'); first_ = false; return *this; }
  JsonWriter& begin_array() { value_prefix(); out_.push_back('['); first_ = true; return *this; }
  JsonWriter& end_array() { out_.push_back(']'); first_ = false; return *this; }

  JsonWriter& key(std::string_view k) {
    if (!first_) out_.push_back(',');
    write_string(k);
    out_.push_back(':');
    after_key_ = true;
    return *this;
  }

  JsonWriter& value(std::string_view s) { value_prefix(); write_string(s); return *this; }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b) { value_prefix(); out_.append(b ? "true" : "false"); return *this; }
  JsonWriter& value(std::int64_t v) { value_prefix(); out_.append(std::to_string(v)); return *this; }
  JsonWriter& value(std::uint64_t v) { value_prefix(); out_.append(std::to_string(v)); return *this; }
  JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
  JsonWriter& value(unsigned v) { return value(static_cast<std::uint64_t>(v)); }
  JsonWriter& value(double v) {
    value_prefix();
    if (!std::isfinite(v)) {
      out_.append("null");
    } else {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6g", v);
      out_.append(buf);
    }
    return *this;
  }
  JsonWriter& null() { value_prefix(); out_.append("null"); return *this; }
  template <typename T>
  JsonWriter& value(const std::optional<T>& v) {
    if (v) return value(*v);
    return null();
  }

 private:
  void value_prefix() {
    if (!after_key_ && !first_) out_.push_back(',');
    after_key_ = false;
    first_ = false;
  }

  void write_string(std::string_view s) {
    out_.push_back('"');
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t i = 0;
    while (i < s.size()) {
      const unsigned char c = p[i];
      if (c >= 0x80) {
        char32_t cp;
        const int len = utf8::decode(p + i, s.size() - i, &cp);
        if (len > 0) {
          out_.append(s.data() + i, len);
          i += len;
        } else {
          out_.append("\xEF\xBF\xBD");
          i += -len;
        }
        continue;
      }
      switch (c) {
        case '"': out_.append("\\\""); break;
        case '\\': out_.append("\\\\"); break;
        case '\n': out_.append("\\n"); break;
        case '\r': out_.append("\\r"); break;
        case '\t': out_.append("\\t"); break;
        case '\b': out_.append("\\b"); break;
        case '\f': out_.append("\\f"); break;
        default:
          if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out_.append(buf);
          } else {
            out_.push_back(static_cast<char>(c));
          }
      }
      ++i;
    }
    out_.push_back('"');
  }

  std::string out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace greenlight

#endif  // GREENLIGHT_LIB_JSON_WRITER_H_
