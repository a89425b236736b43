// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Tokenizer: UTF-8 text to a Document of paragraphs, sentences and tokens.
//
// Usage:
//
//   greenlight::Tokenizer tokenizer;               // load once
//   std::string text = "Netflix's Rilakkuma and Kaoru premiered April 19, 2019.";
//   greenlight::Document doc = tokenizer.tokenize(text);
//   for (const greenlight::Token& t : doc.tokens())
//     std::cout << doc.text_of(t) << " -> " << doc.normalized(t) << "\n";
//
// Every span is a byte range [begin, end) into the caller's original text; nothing is ever dropped
// except whitespace, so invalid bytes and control characters come back as `kInvalid` tokens.
//
// Word boundaries follow ICU's UAX #29 word break rules, with these deliberate differences (each
// one is a documented class that the ICU comparison test allows):
//   - clitics split:     "doesn't" -> "does" "n't"; "Netflix's" -> "Netflix" "'s"; 're 've 'll 'd 'm
//   - merged wholes:     URLs, e-mail addresses, #hashtags, @mentions, numeric dates (10/26/2018),
//                        times (9:30), hyphenated words (13-episode, stop-motion), ISO dates
//                        (2018-10-26), abbreviations with their period (Mr., U.S., Oct., vs., etc.)
// Sentences end at . ! ? and ellipses (not after abbreviations), at a line that has no final
// punctuation followed by a line that does not continue it (headlines), and at paragraph breaks
// (blank lines).
//
// Thread safety: a Tokenizer is immutable after construction; tokenize() may be called from many
// threads at once. A Document is a value; it refers to (does not copy) the caller's text, which must
// outlive it.

#ifndef GREENLIGHT_TOKENIZER_H_
#define GREENLIGHT_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace greenlight {

enum class TokenKind : std::uint8_t {
  kWord,         // letters, possibly with digits, hyphens, inner apostrophes or periods
  kNumber,       // 2019, 1,500, 1.5, 10/26/2018, 9:30, 2018-10-26
  kOrdinal,      // 2nd, 13th
  kPunctuation,  // Unicode general category P*
  kSymbol,       // Unicode general category S* that is not an emoji ($, %, +, ©)
  kEmoji,        // Extended_Pictographic sequences, flags, keycaps
  kUrl,          // https://..., www..., netflix.com/title/1
  kEmail,        // name@example.com
  kHashtag,      // #Rilakkuma
  kMention,      // @netflix
  kInvalid,      // ill-formed UTF-8, or a control character (NUL included)
};

// Lower-case English name of a kind ("word", "number", ...), as used in JSON output.
std::string_view to_string(TokenKind kind);

// Bits of Token::flags.
enum TokenFlag : std::uint8_t {
  kCapitalized = 1 << 0,      // first character is upper or title case
  kAllCaps = 1 << 1,          // at least two letters, all upper case
  kSentenceInitial = 1 << 2,  // first token of its sentence
  kSpaceBefore = 1 << 3,      // whitespace (of any kind) right before the token
  kNewlineBefore = 1 << 4,    // a line break in the whitespace before the token
  kClitic = 1 << 5,           // split-off part of a contraction or possessive: 's n't 're 've 'll 'd 'm
};

// 12 bytes: English text makes about one token per five bytes, so tokens are most of a Document.
struct Token {
  // `norm` when the normalized form is the token's own bytes (most tokens: lower-case words,
  // numbers, ASCII punctuation), so nothing is stored for it.
  static constexpr std::uint16_t kNormIsText = 0xFFFF;

  std::uint32_t begin = 0;  // byte offsets into the original text
  std::uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  std::uint8_t flags = 0;
  // Where Document::normalized finds the normalized form: kNormIsText, or a position in the
  // Document's store of forms that differ from the text, counted from the first form stored for
  // the 64 bytes of text the token starts in. Read it through Document::normalized.
  std::uint16_t norm = kNormIsText;

  bool has(TokenFlag flag) const { return (flags & flag) != 0; }
  std::uint32_t size() const { return end - begin; }
};

struct Sentence {
  std::uint32_t begin = 0;  // byte offsets of its first and past its last token
  std::uint32_t end = 0;
  std::uint32_t first_token = 0;  // token index range [first_token, end_token)
  std::uint32_t end_token = 0;
};

struct Paragraph {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t first_sentence = 0;  // sentence index range [first_sentence, end_sentence)
  std::uint32_t end_sentence = 0;
};

class Document {
 public:
  Document() = default;

  // The caller's text this document was made from.
  std::string_view text() const { return text_; }

  std::span<const Token> tokens() const { return tokens_; }
  std::span<const Sentence> sentences() const { return sentences_; }
  std::span<const Paragraph> paragraphs() const { return paragraphs_; }

  // The tokens of one sentence.
  std::span<const Token> tokens(const Sentence& s) const {
    return std::span<const Token>(tokens_).subspan(s.first_token, s.end_token - s.first_token);
  }

  // The original bytes of a token or sentence.
  std::string_view text_of(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }
  std::string_view text_of(const Sentence& s) const { return text_.substr(s.begin, s.end - s.begin); }

  // NFKC + case-folded form with curly quotes turned straight and dashes turned into "-";
  // ill-formed bytes and control characters become U+FFFD. Points into the caller's text when the
  // form is the token's own bytes, else into this document.
  std::string_view normalized(const Token& t) const {
    if (t.norm == Token::kNormIsText) return text_of(t);
    // Stored forms are preceded by their 32-bit length.
    const char* form = normalized_.data() + norm_blocks_[t.begin >> kNormBlockBits] + t.norm;
    std::uint32_t size;
    std::memcpy(&size, form, sizeof size);
    return std::string_view(form + sizeof size, size);
  }

  // A 64-bit hash of each token's normalized form, by token index: the annotators key their word
  // tables on it, so that a document's tokens are hashed once for all of them. Values may change
  // between versions of the library: use them within a process, never store them.
  std::span<const std::uint64_t> word_hashes() const { return word_hashes_; }

  // Index of the sentence holding token `token_index` (binary search).
  std::size_t sentence_of_token(std::size_t token_index) const;

  // Bytes held by this document (not counting the caller's text).
  std::size_t memory_bytes() const;

 private:
  friend class Tokenizer;
  friend class DocumentBuilder;
  std::string_view text_;
  std::vector<Token> tokens_;
  std::vector<Sentence> sentences_;
  std::vector<Paragraph> paragraphs_;
  std::string normalized_;  // the forms that differ from the text, each after its length
  // For each 64 bytes of text, where the forms of the tokens starting there begin in normalized_.
  // (Those tokens but the last lie within the 64 bytes, so their forms fit a 16-bit Token::norm.)
  static constexpr int kNormBlockBits = 6;
  std::vector<std::uint32_t> norm_blocks_;
  std::vector<std::uint64_t> word_hashes_;  // by token
};

struct TokenizerOptions {
  // Split contractions and possessives into their parts ("does" "n't"). Off keeps ICU's whole word.
  bool split_clitics = true;
};

class Tokenizer {
 public:
  // Largest text accepted: offsets are 32-bit.
  static constexpr std::size_t kMaxTextBytes = 0xFFFFFFF0u;

  explicit Tokenizer(TokenizerOptions options = {});

  // Tokenizes `text` (UTF-8; ill-formed input is allowed). Throws greenlight::Error if the text is
  // larger than kMaxTextBytes.
  Document tokenize(std::string_view text) const;

  const TokenizerOptions& options() const { return options_; }

 private:
  TokenizerOptions options_;
};

}  // namespace greenlight

#endif  // GREENLIGHT_TOKENIZER_H_
