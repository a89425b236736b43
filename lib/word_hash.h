// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// The hash of a word (a token's normalized form) that the annotators key their word tables by
// (private to the library). Inline: every token of a document is hashed once or twice, and an
// out-of-line byte loop cost more than the lookups it serves. Values are not stable across
// versions: tables are hashed when they are built or loaded, never stored by hash.

#ifndef GREENLIGHT_LIB_WORD_HASH_H_
#define GREENLIGHT_LIB_WORD_HASH_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace greenlight {

// The first (up to) eight bytes of a word, little-endian, zero-padded: compared as one integer.
inline std::uint64_t word_head(std::string_view w) {
  // Fixed-size loads (a memcpy of variable length is a call): overlapping ones for 4 to 7 bytes.
  const char* p = w.data();
  const std::size_t n = w.size();
  std::uint64_t x = 0;
  if (n >= 8) {
    std::memcpy(&x, p, 8);
  } else if (n >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    x = lo | (static_cast<std::uint64_t>(hi) << (8 * (n - 4)));
  } else if (n > 0) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i); };
    x = byte(0) | byte(n / 2) | byte(n - 1);
  }
  return x;
}

// MurmurHash3's finalizer.
inline std::uint64_t hash_mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

// Eight bytes at a time: a word is usually one or two steps.
inline std::uint64_t word_hash(std::string_view word) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ word.size();
  for (; word.size() >= 8; word.remove_prefix(8)) h = hash_mix(h ^ word_head(word));
  return hash_mix(h ^ word_head(word) ^ 0xa0761d6478bd642full);
}
// word_hash of a word shorter than eight bytes from its size and word_head.
inline std::uint64_t short_word_hash(std::size_t size, std::uint64_t head) {
  return hash_mix((0x9e3779b97f4a7c15ull ^ size) ^ head ^ 0xa0761d6478bd642full);
}

}  // namespace greenlight

#endif  // GREENLIGHT_LIB_WORD_HASH_H_
