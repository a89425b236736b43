// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// UTF-8 decoding helpers shared by the tokenizer, the JSON writer and the bindings (private).

#ifndef GREENLIGHT_LIB_UTF8_H_
#define GREENLIGHT_LIB_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace greenlight::utf8 {

// Decodes one code point at s[0..n). Returns its length (1..4) and sets *cp; or, for ill-formed
// input, returns the negated length of the maximal ill-formed subpart (Unicode 3.9, "U+FFFD
// substitution of maximal subparts"), which is always at least 1, and sets *cp to U+FFFD.
inline int decode(const unsigned char* s, std::size_t n, char32_t* cp) {
  const unsigned char c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  *cp = 0xFFFD;
  int len;
  char32_t value;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    value = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    value = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no encoded surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    value = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return -1;
  }
  for (int i = 1; i < len; ++i) {
    if (static_cast<std::size_t>(i) >= n) return -i;
    const unsigned char b = s[i];
    if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) return -i;
    value = (value << 6) | (b & 0x3F);
  }
  *cp = value;
  return len;
}

inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// `text` with every ill-formed subpart replaced by U+FFFD.
inline std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    if (s[i] < 0x80) {
      out.push_back(static_cast<char>(s[i++]));
      continue;
    }
    char32_t cp;
    const int len = decode(s + i, text.size() - i, &cp);
    if (len > 0) {
      out.append(text.data() + i, len);
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      i += -len;
    }
  }
  return out;
}

// Number of code points (each ill-formed subpart counts as one) in text[0..byte_offset).
inline std::size_t count_code_points(std::string_view text, std::size_t byte_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0, count = 0;
  while (i < byte_offset && i < text.size()) {
    if (s[i] < 0x80) {
      ++i;
    } else {
      char32_t cp;
      const int len = decode(s + i, text.size() - i, &cp);
      i += len > 0 ? len : -len;
    }
    ++count;
  }
  return count;
}

}  // namespace greenlight::utf8

#endif  // GREENLIGHT_LIB_UTF8_H_
