// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "json_reader.h"

#include <cstdlib>

#include "greenlight/error.h"
#include "utf8.h"

namespace greenlight {

namespace {

constexpr int kMaxDepth = 256;

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  JsonValue parse_document() {
    skip_space();
    JsonValue v = parse_value(0);
    skip_space();
    if (p_ != s_.size()) fail("unexpected data after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error("invalid JSON at byte " + std::to_string(p_) + ": " + what);
  }

  void skip_space() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\n' || s_[p_] == '\r')) ++p_;
  }

  bool consume(std::string_view word) {
    if (s_.substr(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  JsonValue parse_value(int depth) {
    if (depth > kMaxDepth) fail("nesting deeper than " + std::to_string(kMaxDepth));
    if (p_ >= s_.size()) fail("unexpected end of input");
    JsonValue v;
    switch (s_[p_]) {
      case '{': {
        ++p_;
        auto object = std::make_shared<JsonObject>();
        skip_space();
        if (p_ < s_.size() && s_[p_] == '}') {
          ++p_;
        } else {
          for (;;) {
            skip_space();
            if (p_ >= s_.size() || s_[p_] != '"') fail("expected a string key");
            std::string key = parse_string();
            skip_space();
            if (p_ >= s_.size() || s_[p_] != ':') fail("expected ':' after a key");
            ++p_;
            skip_space();
            (*object)[std::move(key)] = parse_value(depth + 1);
            skip_space();
            if (p_ < s_.size() && s_[p_] == ',') { ++p_; continue; }
            if (p_ < s_.size() && s_[p_] == '}') { ++p_; break; }
            fail("expected ',' or '}' in an object");
          }
        }
        v.value = std::move(object);
        return v;
      }
      case '[': {
        ++p_;
        auto array = std::make_shared<JsonArray>();
        skip_space();
        if (p_ < s_.size() && s_[p_] == ']') {
          ++p_;
        } else {
          for (;;) {
            skip_space();
            array->push_back(parse_value(depth + 1));
            skip_space();
            if (p_ < s_.size() && s_[p_] == ',') { ++p_; continue; }
            if (p_ < s_.size() && s_[p_] == ']') { ++p_; break; }
            fail("expected ',' or ']' in an array");
          }
        }
        v.value = std::move(array);
        return v;
      }
      case '"':
        v.value = parse_string();
        return v;
      case 't':
        if (!consume("true")) fail("invalid literal");
        v.value = true;
        return v;
      case 'f':
        if (!consume("false")) fail("invalid literal");
        v.value = false;
        return v;
      case 'n':
        if (!consume("null")) fail("invalid literal");
        return v;
      default:
        v.value = parse_number();
        return v;
    }
  }

  double parse_number() {
    const std::size_t start = p_;
    if (p_ < s_.size() && s_[p_] == '-') ++p_;
    auto digits = [&] {
      const std::size_t from = p_;
      while (p_ < s_.size() && s_[p_] >= '0' && s_[p_] <= '9') ++p_;
      return p_ > from;
    };
    if (!digits()) fail("invalid value");
    if (p_ < s_.size() && s_[p_] == '.') {
      ++p_;
      if (!digits()) fail("invalid number");
    }
    if (p_ < s_.size() && (s_[p_] == 'e' || s_[p_] == 'E')) {
      ++p_;
      if (p_ < s_.size() && (s_[p_] == '+' || s_[p_] == '-')) ++p_;
      if (!digits()) fail("invalid number");
    }
    return std::strtod(std::string(s_.substr(start, p_ - start)).c_str(), nullptr);
  }

  unsigned hex4() {
    if (p_ + 4 > s_.size()) fail("truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[p_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else fail("invalid \\u escape");
    }
    return v;
  }

  std::string parse_string() {
    ++p_;  // opening quote
    std::string out;
    for (;;) {
      if (p_ >= s_.size()) fail("unterminated string");
      const char c = s_[p_];
      if (c == '"') {
        ++p_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
      if (c != '\\') {
        // Copy a run of plain bytes at once.
        std::size_t q = p_;
        while (q < s_.size() && s_[q] != '"' && s_[q] != '\\' && static_cast<unsigned char>(s_[q]) >= 0x20) ++q;
        out.append(s_.data() + p_, q - p_);
        p_ = q;
        continue;
      }
      ++p_;
      if (p_ >= s_.size()) fail("unterminated escape");
      const char e = s_[p_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          char32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.substr(p_, 2) == "\\u") {
              p_ += 2;
              const char32_t low = hex4();
              cp = (low >= 0xDC00 && low <= 0xDFFF) ? 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD;
            } else {
              cp = 0xFFFD;  // lone surrogate
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          utf8::append(out, cp);
          break;
        }
        default:
          fail("invalid escape");
      }
    }
  }

  std::string_view s_;
  std::size_t p_ = 0;
};

}  // namespace

JsonValue parse_json(std::string_view text) { return Parser(text).parse_document(); }

}  // namespace greenlight
