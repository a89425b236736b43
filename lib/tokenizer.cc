// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// How the tokenizer is fast: text is cut at ASCII whitespace into "regions". A region made only of
// printable ASCII (nearly all of English news) is segmented by ICU's UAX #29 word rules written out
// for ASCII (ascii_segment below); any other region goes to ICU's word BreakIterator over a UText,
// with ill-formed bytes and control characters cut out first so ICU never sees them. The segments of
// a region then go through the same deliberate merges and splits (URLs, dates, hyphens, clitics...)
// whichever path made them.
//
// Most regions need none of that: words, numbers and punctuation no rule looks at. block() finds
// them 64 bytes at a time from SSE2 bit masks (whitespace, letters, digits, the bytes rules care
// about) and emits their tokens straight from the masks; fast_region does the same byte by byte for
// regions longer than a block. Both emit exactly what the rules would for such a region.
//
// The Document stays small: a Token is 12 bytes and its normalized form is stored only when it
// differs from the text (upper case, non-ASCII, invalid bytes). Sentences are derived from the tokens
// rather than from ICU's sentence iterator (which costs about as much as the whole tokenizer),
// visiting only the tokens that may start or end one.

#include "greenlight/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cstring>
#include <memory>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "greenlight/error.h"
#include "utf8.h"
#include "word_hash.h"

namespace greenlight {

static_assert(sizeof(Token) == 12, "a Token is 12 bytes: see tokenizer.h");

std::string_view to_string(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord: return "word";
    case TokenKind::kNumber: return "number";
    case TokenKind::kOrdinal: return "ordinal";
    case TokenKind::kPunctuation: return "punctuation";
    case TokenKind::kSymbol: return "symbol";
    case TokenKind::kEmoji: return "emoji";
    case TokenKind::kUrl: return "url";
    case TokenKind::kEmail: return "email";
    case TokenKind::kHashtag: return "hashtag";
    case TokenKind::kMention: return "mention";
    case TokenKind::kInvalid: return "invalid";
  }
  return "unknown";
}

std::size_t Document::sentence_of_token(std::size_t token_index) const {
  auto it = std::upper_bound(sentences_.begin(), sentences_.end(), token_index,
                             [](std::size_t i, const Sentence& s) { return i < s.first_token; });
  return it == sentences_.begin() ? 0 : static_cast<std::size_t>(it - sentences_.begin()) - 1;
}

std::size_t Document::memory_bytes() const {
  return sizeof(Document) + tokens_.capacity() * sizeof(Token) +
         sentences_.capacity() * sizeof(Sentence) + paragraphs_.capacity() * sizeof(Paragraph) +
         normalized_.capacity() + norm_blocks_.capacity() * sizeof(std::uint32_t) +
         word_hashes_.capacity() * sizeof(std::uint64_t);
}

namespace {

// ---------------------------------------------------------------------------------------------
// ASCII character classes.

enum Cls : std::uint8_t {
  kSpace,      // ASCII whitespace: region separator
  kLetter,     // A-Z a-z @
  kDigit,      // 0-9
  kUnder,      // _  (UAX #29 ExtendNumLet)
  kPeriod,     // .  (MidNumLet)
  kApos,       // '  (Single_Quote, treated as MidNumLetQ)
  kMidNum,     // , ;
  kPunct,      // other ASCII punctuation
  kSym,        // ASCII symbols: $ + < = > ^ ` | ~
  kControl,    // C0 controls other than whitespace, DEL
  kHigh,       // bytes >= 0x80
};

constexpr std::array<Cls, 256> make_classes() {
  std::array<Cls, 256> t{};
  for (int c = 0; c < 256; ++c) {
    Cls k = kPunct;
    if (c >= 0x80) k = kHigh;
    else if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') k = kSpace;
    else if (c < 0x20 || c == 0x7F) k = kControl;
    // ICU's word rules add "@" to ALetter (e-mail addresses and handles stay whole).
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') k = kLetter;
    else if (c >= '0' && c <= '9') k = kDigit;
    else if (c == '_') k = kUnder;
    else if (c == '.') k = kPeriod;
    else if (c == '\'') k = kApos;
    else if (c == ',' || c == ';') k = kMidNum;
    else if (c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '`' ||
             c == '|' || c == '~')
      k = kSym;
    t[c] = k;
  }
  return t;
}
constexpr std::array<Cls, 256> kCls = make_classes();

// Index of the first byte at or after p that is not [A-Za-z0-9_] (or n). Words are short and their
// ends unpredictable: comparing 16 bytes at once trades a mispredicted branch per word for a few
// vector instructions.
inline std::uint32_t skip_alnum(const char* t, std::uint32_t p, std::uint32_t n) {
#if defined(__SSE2__)
  while (p + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + p));
    const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    // Signed compares: bytes >= 0x80 are negative and so never in range.
    const __m128i is_letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                            _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
    const __m128i is_digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                           _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const __m128i is_under = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
    const unsigned mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(is_letter, is_digit), is_under)));
    if (mask != 0xFFFF) return p + static_cast<std::uint32_t>(__builtin_ctz(~mask));
    p += 16;
  }
#endif
  while (p < n && kCls[static_cast<unsigned char>(t[p])] >= kLetter &&
         kCls[static_cast<unsigned char>(t[p])] <= kUnder && t[p] != '@')
    ++p;
  return p;
}

// Bytes that send a region down the general path: anything a merge or split rule looks at.
constexpr std::array<std::uint8_t, 256> make_slow_bytes() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = c >= 0x80 || c < 0x20 || c == 0x7F || c == '\'' || c == '-' || c == '/' || c == ':' ||
           c == '#' || c == '@' || c == '.';
  }
  return t;
}
constexpr std::array<std::uint8_t, 256> kSlowByte = make_slow_bytes();

inline Cls cls(char c) { return kCls[static_cast<unsigned char>(c)]; }
inline bool is_alnum(Cls c) { return c == kLetter || c == kDigit || c == kUnder; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline char lower(char c) { return is_upper(c) ? static_cast<char>(c + 32) : c; }

// A segment of a region before it becomes a token.
struct Seg {
  std::uint32_t b, e;
  TokenKind kind;
  bool kind_fixed;     // kind decided by a rule (url, hashtag, invalid...)
  std::uint8_t flags;  // kSpaceBefore / kNewlineBefore / kClitic
};

bool equals_lower(std::string_view s, std::string_view lower_word) {
  if (s.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (lower(s[i]) != lower_word[i]) return false;
  return true;
}

// Abbreviations that keep their period. "Always" ones never end a sentence by themselves: titles
// and words that need something after them. The others end a sentence when a typical sentence
// opener follows ("... Warner Bros. The studio ...").
constexpr std::string_view kTitleAbbreviations[] = {
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
    "mt", "ft", "vs", "v", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "approx", "fig", "cf", "ca", "feat", "ft", "rev", "hon", "messrs", "mme", "mlle",
    "esp", "incl", "dept", "est"};
constexpr std::string_view kEndingAbbreviations[] = {"jr", "sr", "inc", "co", "corp", "ltd", "bros",
                                                     "etc", "al", "llc", "plc", "intl"};
// Only before a number: "No. 1", "Vol. 3", "Ep. 12", "pp. 4".
constexpr std::string_view kNumberAbbreviations[] = {"no", "nos", "vol", "vols", "ep", "eps",
                                                     "pt", "p", "pp", "ch", "art", "nr"};

// Bit (c - 'a') of entry n: some abbreviation above has n letters and starts with c. Most words
// before a period fail this test, which saves scanning the lists.
constexpr std::array<std::uint32_t, 8> make_abbreviation_starts() {
  std::array<std::uint32_t, 8> t{};
  auto add = [&t](std::string_view w) {
    if (w.size() < t.size()) t[w.size()] |= 1u << (w[0] - 'a');
  };
  for (std::string_view w : kTitleAbbreviations) add(w);
  for (std::string_view w : kEndingAbbreviations) add(w);
  for (std::string_view w : kNumberAbbreviations) add(w);
  return t;
}
constexpr std::array<std::uint32_t, 8> kAbbreviationStarts = make_abbreviation_starts();

template <std::size_t N>
bool in_list(std::string_view word, const std::string_view (&list)[N]) {
  for (std::string_view w : list)
    if (equals_lower(word, w)) return true;
  return false;
}

// A large buffer about to be filled: ask for transparent huge pages, so that filling it takes one
// page fault per 2 MB rather than per 4 KB (the faults cost more than the tokenizing of a large text).
// Only whole 2 MB pages inside the buffer are advised; the contents do not change.
void advise_huge_pages(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  if (bytes < 2 * kHuge) return;
  const std::uintptr_t b = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t e = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (e > b) madvise(reinterpret_cast<void*>(b), e - b, MADV_HUGEPAGE);  // advisory: failure is fine
#else
  (void)data;
  (void)bytes;
#endif
}

thread_local std::unique_ptr<icu::BreakIterator> tl_word_iterator;

icu::BreakIterator* word_iterator() {
  if (!tl_word_iterator) {
    UErrorCode status = U_ZERO_ERROR;
    tl_word_iterator.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !tl_word_iterator)
      throw Error(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
  }
  return tl_word_iterator.get();
}

inline bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

inline bool has_letter(std::string_view s) {
  for (char c : s)
    if (cls(c) == kLetter || static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

// Is a segment a word-like piece: starts with an ASCII letter/digit or a non-ASCII letter/digit?
bool wordlike(std::string_view s) {
  if (s.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return is_alnum(cls(s[0]));
  char32_t cp;
  if (utf8::decode(reinterpret_cast<const unsigned char*>(s.data()), s.size(), &cp) <= 0) return false;
  return u_isalnum(cp) || u_hasBinaryProperty(cp, UCHAR_ALPHABETIC);
}

bool is_ordinal_suffix(std::string_view s) {
  return equals_lower(s, "st") || equals_lower(s, "nd") || equals_lower(s, "rd") || equals_lower(s, "th");
}

// Straightens quotes and unifies dashes after NFKC case folding.
char32_t unify_punctuation(char32_t cp) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: case 0xFF07:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0xFF02:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
    case 0xFE58: case 0xFE63: case 0xFF0D:
      return '-';
    default:
      return cp;
  }
}

const icu::Normalizer2* nfkc_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) throw Error(std::string("ICU NFKC_Casefold unavailable: ") + u_errorName(status));
    return n;
  }();
  return instance;
}

bool is_terminal(std::string_view norm) {
  if (norm.empty()) return false;
  for (std::size_t i = 0; i < norm.size();) {
    const unsigned char c = static_cast<unsigned char>(norm[i]);
    if (c == '.' || c == '!' || c == '?') { ++i; continue; }
    if (norm.substr(i, 3) == "\xE3\x80\x82") { i += 3; continue; }  // 。
    return false;
  }
  return true;
}

bool is_closing(std::string_view norm) {
  return norm == "\"" || norm == "'" || norm == ")" || norm == "]" || norm == "}" ||
         norm == "\xC2\xBB" /* » */ || norm == "\xE3\x80\x8D" /* 」 */ || norm == "\xE3\x80\x8F" /* 』 */;
}

// Words that commonly open a sentence: after "Inc." or "Jr." they signal a sentence break.
bool is_sentence_opener(std::string_view norm) {
  static constexpr std::string_view kOpeners[] = {
      "the", "a", "an", "it", "its", "he", "she", "they", "we", "i", "you", "this", "that", "these",
      "those", "there", "but", "and", "so", "in", "on", "at", "for", "as", "after", "while", "when",
      "if", "meanwhile", "however", "his", "her", "their", "our", "my", "what", "who", "why", "how",
      "now", "then", "still", "also", "fans", "season", "both", "no", "not", "one", "all", "since"};
  for (std::string_view w : kOpeners)
    if (norm == w) return true;
  return false;
}

bool starts_lower(std::string_view text) {
  if (text.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(text[0]);
  if (c < 0x80) return is_lower(text[0]);
  char32_t cp;
  if (utf8::decode(reinterpret_cast<const unsigned char*>(text.data()), text.size(), &cp) <= 0) return false;
  return u_islower(cp);
}

bool continues_line(std::string_view norm) {
  static constexpr std::string_view kJoiners[] = {",", ";", "-", "(", "and", "or", "the", "a", "an",
                                                  "of", "to", "by", "with", "for", "in", "on", "&"};
  for (std::string_view w : kJoiners)
    if (norm == w) return true;
  return false;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The builder does the per-call work; it owns nothing that outlives tokenize().

class DocumentBuilder {
 public:
  DocumentBuilder(std::string_view text, const TokenizerOptions& options, Document& doc)
      : text_(text), options_(options), doc_(doc) {}

  void run();

 private:
  // Region handling.
  // `maybe_url`: false when the region has none of ":" "@" "." "/", without which it cannot be one.
  void do_region(std::uint32_t b, std::uint32_t e, bool ascii_only, bool maybe_url = true);
  bool fast_path_applies(std::uint32_t b, std::uint32_t e) const;
  static constexpr std::uint32_t kSlowRegion = 0xFFFFFFFFu;
  std::uint32_t fast_region(std::uint32_t b);
  std::uint32_t block(std::uint32_t base);
  std::uint32_t scalar_step(std::uint32_t i);
  inline void whitespace(std::uint32_t i);
  inline std::uint8_t begin_region();
  std::uint32_t general_region(std::uint32_t b, std::uint8_t region_flags);
  inline void emit_fast(std::uint32_t b, std::uint32_t e);
  inline void emit_single(std::uint32_t at);
  inline std::uint16_t norm_position(std::uint32_t token_begin);
  char* norm_slot(Token& t, std::uint32_t size);
  inline std::uint16_t store_lowercase(std::uint32_t b, std::uint32_t e);
  void grow_store(std::size_t need, std::uint32_t at_byte);
  void ascii_segment(std::uint32_t b, std::uint32_t e);
  void icu_segment(std::uint32_t b, std::uint32_t e);
  void segment_valid(std::uint32_t b, std::uint32_t e, bool has_high);
  void push(std::uint32_t b, std::uint32_t e, TokenKind kind = TokenKind::kWord, bool fixed = false) {
    segs_.push_back(Seg{b, e, kind, fixed, pending_flags_});
    pending_flags_ = 0;
  }
  bool try_whole_url_or_email(std::uint32_t b, std::uint32_t e);
  void apply_merges();
  void split_clitics();
  void emit_apostrophe_word(std::uint32_t b, std::uint32_t e);
  void emit_segments();
  void classify_and_emit(const Seg& s);
  void normalize(Token& t);
  void split_sentences(bool all);
  bool next_is_number(std::uint32_t after) const;

  std::string_view sv(std::uint32_t b, std::uint32_t e) const { return text_.substr(b, e - b); }

  std::string_view text_;
  const TokenizerOptions& options_;
  Document& doc_;
  std::vector<Seg> segs_;
  std::vector<std::uint32_t> paragraph_starts_;  // token indices
  // Tokens split_sentences must look at (it skips the others): those after a line break, and
  // those that may end a sentence.
  std::vector<std::uint32_t> candidates_;
  // Where split_sentences resumes: paragraph, candidate, first token of the open sentence, first
  // token a candidate may be (those before were passed over), and the open paragraph.
  std::size_t split_paragraph_ = 0, split_candidate_ = 0;
  std::uint32_t split_start_ = 0, split_next_ = 0;
  bool paragraph_open_ = false;
  Paragraph paragraph_;
  int newlines_ = 0;     // line breaks in the whitespace before the next region
  bool space_ = false;   // whitespace before the next region
  std::uint8_t pending_flags_ = 0;
  std::uint32_t norm_used_ = 0;  // bytes of doc_.normalized_ in use (its size runs ahead)
  std::uint32_t norm_block_ = 0xFFFFFFFFu;  // the 64 bytes of text whose forms are being stored
  std::string scratch_;
  icu::BreakIterator* words_ = nullptr;  // lazily, one per thread
  UText* utext_ = nullptr;
};

void DocumentBuilder::run() {
  const std::uint32_t n = static_cast<std::uint32_t>(text_.size());
  doc_.tokens_.reserve(n / 4 + 16);
  advise_huge_pages(doc_.tokens_.data(), doc_.tokens_.capacity() * sizeof(Token));
  // Sizes from English reviews and news, with room to spare: a token every 5 bytes; a stored form
  // (a capital letter) for one token in ten, of some ten bytes; a candidate for sentence ends every
  // 60 bytes, a sentence every 120. Growing past them costs a copy, not a failure.
  doc_.normalized_.resize(n / 4 + 64);
  doc_.norm_blocks_.resize((n >> Document::kNormBlockBits) + 1);
  candidates_.reserve(n / 32 + 16);
  doc_.sentences_.reserve(n / 100 + 4);
  paragraph_starts_.push_back(0);
  std::uint32_t i = 0;
  while (i < n) {
#if defined(__SSE2__)
    i = block(i);
#else
    i = scalar_step(i);
#endif
    // Sentences follow closely, while the tokens they look at are still in the cache.
    if (candidates_.size() - split_candidate_ >= 64) split_sentences(false);
  }
  if (utext_) utext_close(utext_);
  doc_.normalized_.resize(norm_used_);
  split_sentences(true);
  doc_.word_hashes_.resize(doc_.tokens_.size());
  std::uint64_t* hash = doc_.word_hashes_.data();
  for (const Token& t : doc_.tokens_) {
    const std::string_view w = doc_.normalized(t);
    *hash++ = w.size() < 8 ? short_word_hash(w.size(), word_head(w)) : word_hash(w);
  }
}

inline void DocumentBuilder::whitespace(std::uint32_t i) {
  const char c = text_[i];
  space_ = true;
  if (c == '\n' || (c == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n')) || c == '\f' || c == '\v')
    ++newlines_;
}

// At the first byte of a region: a paragraph break after a blank line; the flags of its first token.
inline std::uint8_t DocumentBuilder::begin_region() {
  if (newlines_ >= 2 && !doc_.tokens_.empty()) paragraph_starts_.push_back(doc_.tokens_.size());
  const std::uint8_t flags = (space_ ? kSpaceBefore : 0) | (newlines_ > 0 ? kNewlineBefore : 0);
  pending_flags_ = flags;
  newlines_ = 0;
  space_ = false;
  return flags;
}

// One whitespace byte, or one region, without vector instructions.
std::uint32_t DocumentBuilder::scalar_step(std::uint32_t i) {
  if (cls(text_[i]) == kSpace) {
    whitespace(i);
    return i + 1;
  }
  return general_region(i, begin_region());
}

// The region starting at b, byte by byte. Returns its end.
std::uint32_t DocumentBuilder::general_region(std::uint32_t b, std::uint8_t region_flags) {
  // Optimistic fast path: emit while scanning; on the first byte a rule cares about, roll back
  // what this region emitted and take the general path.
  const std::size_t token_mark = doc_.tokens_.size(), candidate_mark = candidates_.size();
  const std::uint32_t norm_mark = norm_used_, norm_block_mark = norm_block_;
  std::uint32_t j = fast_region(b);
  if (j == kSlowRegion) {
    doc_.tokens_.resize(token_mark);
    candidates_.resize(candidate_mark);
    norm_used_ = norm_mark;
    norm_block_ = norm_block_mark;
    pending_flags_ = region_flags;
    bool ascii_only = true;
    const std::uint32_t n = static_cast<std::uint32_t>(text_.size());
    for (j = b; j < n; ++j) {
      const Cls k = cls(text_[j]);
      if (k == kSpace) break;
      if (k == kHigh || k == kControl) ascii_only = false;
    }
    do_region(b, j, ascii_only);
  }
  return j;
}

void DocumentBuilder::grow_store(std::size_t need, std::uint32_t at_byte) {
  if (need > 0xFFFFFFF0u)
    throw Error("normalized forms of the text exceed the tokenizer's 4 GB limit at byte " + std::to_string(at_byte));
  doc_.normalized_.resize(std::max(need, doc_.normalized_.size() * 2));
}

// Token::norm for a form about to be stored at norm_used_ (tokens come in order of their begin).
inline std::uint16_t DocumentBuilder::norm_position(std::uint32_t token_begin) {
  const std::uint32_t block = token_begin >> Document::kNormBlockBits;
  if (block != norm_block_) {
    norm_block_ = block;
    doc_.norm_blocks_[block] = norm_used_;
  }
  const std::uint32_t position = norm_used_ - doc_.norm_blocks_[block];
  // Earlier forms of the block belong to tokens within its 64 bytes: at most some 2 KB.
  if (position >= Token::kNormIsText)
    throw Error("normalized forms overflow their index at byte " + std::to_string(token_begin));
  return static_cast<std::uint16_t>(position);
}

char* DocumentBuilder::norm_slot(Token& t, std::uint32_t size) {
  // 16 bytes of slack past every form, for stores of whole vectors.
  const std::size_t need = std::size_t{norm_used_} + sizeof size + size + 16;
  if (need > doc_.normalized_.size()) grow_store(need, t.begin);
  t.norm = norm_position(t.begin);
  char* out = doc_.normalized_.data() + norm_used_;
  std::memcpy(out, &size, sizeof size);
  norm_used_ += static_cast<std::uint32_t>(sizeof size + size);
  return out + sizeof size;
}

// Stores the lower-case form of ASCII text[b, e) and returns its position (for Token::norm).
// Takes and returns plain numbers so that the caller's Token stays in registers.
inline std::uint16_t DocumentBuilder::store_lowercase(std::uint32_t b, std::uint32_t e) {
  const std::uint32_t size = e - b;
  const std::size_t need = std::size_t{norm_used_} + sizeof size + size + 16;
  if (need > doc_.normalized_.size()) grow_store(need, b);
  const std::uint16_t at = norm_position(b);
  char* out = doc_.normalized_.data() + norm_used_;
  std::memcpy(out, &size, sizeof size);
  out += sizeof size;
  norm_used_ += static_cast<std::uint32_t>(sizeof size + size);
  const char* src = text_.data() + b;
#if defined(__SSE2__)
  if (size <= 16 && b + 16 <= text_.size()) {
    // The whole word in one vector; the bytes written past it are slack.
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src));
    const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
    return at;
  }
#endif
  for (std::uint32_t k = 0; k < size; ++k) out[k] = lower(src[k]);
  return at;
}

namespace {

// Is a period right after `word` (letters and digits) plain punctuation, not an abbreviation's?
inline bool plain_period_after(std::string_view word) {
  if (word.empty()) return true;
  if (word.size() > 6) return true;
  if (word.size() == 1 && is_upper(word[0])) return false;
  const char first = lower(word[0]);
  if (first < 'a' || first > 'z' || !((kAbbreviationStarts[word.size()] >> (first - 'a')) & 1)) return true;
  return !in_list(word, kTitleAbbreviations) && !in_list(word, kEndingAbbreviations) &&
         !in_list(word, kNumberAbbreviations);
}

}  // namespace

// A region of printable ASCII whose only special byte is a final period: is that period plain
// punctuation (not an abbreviation's)?
bool DocumentBuilder::fast_path_applies(std::uint32_t b, std::uint32_t e) const {
  std::uint32_t k = e - 1;
  while (k > b && is_alnum(cls(text_[k - 1]))) --k;
  return plain_period_after(sv(k, e - 1));
}


__attribute__((always_inline)) inline void DocumentBuilder::emit_single(std::uint32_t at) {
  const std::uint8_t flags = pending_flags_;
  pending_flags_ = 0;
  const char c = text_[at];
  if ((flags & kNewlineBefore) || c == '.' || c == '!' || c == '?')
    candidates_.push_back(static_cast<std::uint32_t>(doc_.tokens_.size()));
  doc_.tokens_.push_back(
      Token{at, at + 1, cls(c) == kSym ? TokenKind::kSymbol : TokenKind::kPunctuation, flags, Token::kNormIsText});
}

__attribute__((always_inline)) inline void DocumentBuilder::emit_fast(std::uint32_t b, std::uint32_t e) {
  const char* t = text_.data();
  const Cls first = cls(t[b]);
  if (first != kLetter && first != kUnder && first != kDigit) {
    emit_single(b);
    return;
  }
  std::uint8_t flags = pending_flags_;
  pending_flags_ = 0;
  TokenKind kind = TokenKind::kWord;
  int upper = 0;
  bool any_lower = false;
  for (std::uint32_t k = b; k < e; ++k) {
    upper += is_upper(t[k]);
    any_lower |= is_lower(t[k]);
  }
  if (first == kDigit) {
    std::uint32_t k = b;
    while (k < e && (is_digit(t[k]) || cls(t[k]) == kMidNum)) ++k;
    if (k == e) kind = TokenKind::kNumber;
    else if (is_ordinal_suffix(sv(k, e)) && all_digits(sv(b, k))) kind = TokenKind::kOrdinal;
  } else if (is_upper(t[b])) {
    // All caps needs a capital first, as in classify_and_emit ("_IT" is not).
    flags |= kCapitalized;
    if (upper >= 2 && !any_lower) flags |= kAllCaps;
  }
  const std::uint16_t norm = upper > 0 ? store_lowercase(b, e) : Token::kNormIsText;
  if (flags & kNewlineBefore) candidates_.push_back(static_cast<std::uint32_t>(doc_.tokens_.size()));
  doc_.tokens_.push_back(Token{b, e, kind, flags, norm});
}

#if defined(__SSE2__)
namespace {

// Bit i of each mask describes byte i of a 64-byte block.
struct Block {
  std::uint64_t space, newline, alnum, upper, lower, digit, join, apos;
  std::uint64_t slow;     // bytes a rule looks at where they stand
  std::uint64_t period;   // periods that are not in `slow`: see block()
  std::uint64_t colon_slash;  // ":" "/" (with a period, the region may be a URL)
  std::uint64_t unusual;  // bytes >= 0x80 and control characters
  std::uint64_t url;      // bytes a URL or e-mail address needs: ":" "@" "." "/"
};

inline Block classify64(const char* p) {
  Block k{};
  std::uint64_t high = 0, always = 0, dash = 0, slash = 0, colon = 0, hash = 0;
  for (int part = 0; part < 4; ++part) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * part));
    auto eq = [&](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
    // Signed compares: bytes >= 0x80 are negative and so never in an ASCII range.
    auto in = [&](char lo, char hi) {
      return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                           _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
    };
    auto bits = [&](__m128i m) {
      return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(m))) << (16 * part);
    };
    const __m128i space = _mm_or_si128(eq(' '), in('\t', '\r'));
    const __m128i upper = in('A', 'Z'), lower = in('a', 'z'), digit = in('0', '9');
    const __m128i control = _mm_or_si128(_mm_andnot_si128(space, in(0, 0x1F)), eq(0x7F));
    high |= bits(v);  // the sign bit
    always |= bits(_mm_or_si128(control, eq('@')));
    k.period |= bits(eq('.'));
    k.unusual |= bits(_mm_or_si128(control, v));
    k.url |= bits(_mm_or_si128(_mm_or_si128(eq(':'), eq('@')), _mm_or_si128(eq('.'), eq('/'))));
    k.apos |= bits(eq('\''));
    dash |= bits(eq('-'));
    slash |= bits(eq('/'));
    colon |= bits(eq(':'));
    hash |= bits(eq('#'));
    k.space |= bits(space);
    k.newline |= bits(_mm_andnot_si128(eq(' '), _mm_andnot_si128(eq('\t'), space)));
    k.upper |= bits(upper);
    k.lower |= bits(lower);
    k.digit |= bits(digit);
    k.alnum |= bits(_mm_or_si128(_mm_or_si128(upper, lower), _mm_or_si128(digit, eq('_'))));
    k.join |= bits(_mm_or_si128(eq(','), eq(';')));
  }
  // Bit i of `x << 1` tells of byte i - 1, of `x >> 1` of byte i + 1. (At the block's start the
  // byte before is whitespace; at its end the byte after is unknown, but a region that reaches the
  // end is not handled from these masks.)
  const std::uint64_t between_alnum = (k.alnum << 1) & (k.alnum >> 1);
  const std::uint64_t between_digits = (k.digit << 1) & (k.digit >> 1);
  // "," or ";" between digits joins them ("1,500"), as in ascii_segment.
  k.join &= between_digits;
  // The neighbours that make fast_region leave a byte to the rules: stop-motion, O'Brien, 10/26,
  // 9:30, https://, #1, U.S, 1.5. (Apostrophes between letters or digits, and the other periods,
  // are looked at again by the caller.)
  const std::uint64_t letter = k.upper | k.lower;
  const std::uint64_t between_letters = (letter << 1) & (letter >> 1);
  const std::uint64_t period_joins = k.period & (between_letters | between_digits);
  k.slow = high | always | period_joins | ((k.apos | dash) & between_alnum) | (slash & (k.digit << 1)) |
           (colon & (between_digits | (slash >> 1))) | (hash & ((k.alnum | high) >> 1));
  k.period &= ~period_joins;
  k.colon_slash = colon | slash;
  return k;
}

}  // namespace

// Whitespace and regions straight from the bit masks of 64 bytes: words, numbers, punctuation that
// no rule looks at, words joined by apostrophes (split by emit_apostrophe_word) and periods after
// words that are not abbreviations. A region some other rule may apply to goes to do_region, one
// that fills the block to general_region. Emits exactly what do_region would. Returns where it
// stopped: at the start of a region that runs past the block, or past the block.
std::uint32_t DocumentBuilder::block(std::uint32_t base) {
  const std::uint32_t n = static_cast<std::uint32_t>(text_.size());
  const char* src = text_.data() + base;
  char padded[64];
  if (n - base < 64) {
    // The last block: whitespace after the end of the text ends its last region.
    std::memset(padded, ' ', sizeof padded);
    std::memcpy(padded, src, n - base);
    src = padded;
  }
  const Block k = classify64(src);
  const std::uint32_t limit = std::min<std::uint32_t>(64, n - base);
  auto range = [](unsigned from, unsigned size) { return ((std::uint64_t{1} << size) - 1) << from; };
  unsigned pos = 0;
  while (pos < limit) {
    if ((k.space >> pos) & 1) {
      const std::uint64_t rest = ~k.space >> pos;
      const unsigned ws = rest ? static_cast<unsigned>(__builtin_ctzll(rest)) : 64 - pos;
      space_ = true;
      if ((k.newline >> pos) & (ws == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << ws) - 1)) {
        for (unsigned q = pos; q < pos + ws && q < limit; ++q) whitespace(base + q);
      }
      pos += ws;
      continue;
    }
    const std::uint64_t rest = k.space >> pos;
    if (rest == 0) {
      // The region runs past the block: start the next block at it, unless it fills this one.
      if (pos > 0) return base + pos;
      return general_region(base, begin_region());
    }
    const unsigned size = static_cast<unsigned>(__builtin_ctzll(rest));
    begin_region();
    const unsigned end = pos + size;
    const std::uint64_t in_region = range(pos, size);
    std::uint64_t joined = 0;  // apostrophes inside words: "doesn't", "O'Brien", "rock'n'roll"
    const std::uint64_t slow = k.slow & in_region, periods = k.period & in_region;
    if (slow | periods) {
      // Apostrophes between letters or digits join them as in ascii_segment; the word they make
      // takes the apostrophe path below. (No rule merges across them: the others need bytes that
      // are not in such a region.) A period that joins nothing is punctuation unless the word
      // before it is an abbreviation, or the region may be a URL: "www." or a period before "/"
      // or ":" (https://, netflix.com/title). Anything else goes to the rules.
      bool rules = (slow & ~k.apos) != 0;
      if (!rules && periods) {
        if (periods & ~(std::uint64_t{1} << (end - 1))) {
          const std::string_view r = sv(base + pos, base + end);
          rules = (k.colon_slash & in_region) != 0 || r.find("www.") != std::string_view::npos ||
                  r.find("WWW.") != std::string_view::npos;
        }
        for (std::uint64_t m = periods; m != 0 && !rules; m &= m - 1) {
          // The letters and digits right before the period (as fast_path_applies finds them).
          const unsigned at = static_cast<unsigned>(__builtin_ctzll(m));
          const std::uint64_t stops = ~k.alnum & range(pos, at - pos);
          const unsigned from = stops ? 64 - static_cast<unsigned>(__builtin_clzll(stops)) : pos;
          rules = !plain_period_after(sv(base + from, base + at));
        }
      }
      if (rules) {
        do_region(base + pos, base + end, !(k.unusual & in_region), (k.url & in_region) != 0);
        pos += size;
        continue;
      }
      const std::uint64_t letter = k.upper | k.lower;
      joined = slow & k.apos & (((letter << 1) & (letter >> 1)) | ((k.digit << 1) & (k.digit >> 1)));
    }
    const std::uint64_t word = (k.alnum | k.join | joined) & range(pos, end - pos);
    unsigned p = pos;
    while (p < end) {
      if (!((word >> p) & 1)) {
        emit_single(base + p);
        ++p;
        continue;
      }
      const unsigned q = p + static_cast<unsigned>(__builtin_ctzll(~(word >> p)));
      if (joined & range(p, q - p)) {
        emit_apostrophe_word(base + p, base + q);
        p = q;
        continue;
      }
      const std::uint64_t r = range(p, q - p);
      const std::uint32_t b = base + p, e = base + q;
      std::uint8_t flags = pending_flags_;
      pending_flags_ = 0;
      TokenKind kind = TokenKind::kWord;
      const std::uint64_t upper = k.upper & r;
      if ((k.digit >> p) & 1) {
        if (((k.digit | k.join) & r) == r) {
          kind = TokenKind::kNumber;
        } else {
          std::uint32_t d = b;
          while (d < e && (is_digit(text_[d]) || cls(text_[d]) == kMidNum)) ++d;
          if (is_ordinal_suffix(sv(d, e)) && all_digits(sv(b, d))) kind = TokenKind::kOrdinal;
        }
      } else if ((k.upper >> p) & 1) {
        flags |= kCapitalized;
        if ((upper & (upper - 1)) != 0 && !(k.lower & r)) flags |= kAllCaps;  // two or more
      }
      const std::uint16_t norm = upper ? store_lowercase(b, e) : Token::kNormIsText;
      if (flags & kNewlineBefore) candidates_.push_back(static_cast<std::uint32_t>(doc_.tokens_.size()));
      doc_.tokens_.push_back(Token{b, e, kind, flags, norm});
      p = q;
    }
    pos += size;
  }
  return base + std::min<std::uint32_t>(pos, limit);
}
#endif

// The common case, without the segment list: a region of printable ASCII whose only byte that a
// rule looks at is a final period that is not an abbreviation's. Emits runs of letters and digits
// ("1,500" joins, as in ascii_segment) and single punctuation characters straight into the document.
// Returns the region's end, or kSlowRegion when the region needs the general path.
std::uint32_t DocumentBuilder::fast_region(std::uint32_t b) {
  const char* t = text_.data();
  const std::uint32_t n = static_cast<std::uint32_t>(text_.size());
  std::uint32_t p = b;
  while (p < n) {
    const unsigned char c = static_cast<unsigned char>(t[p]);
    const Cls k = kCls[c];
    if (k == kSpace) break;
    if (kSlowByte[c]) {
      // Most of these bytes are plain punctuation where they stand; a rule applies only next to
      // particular neighbours.
      const char prev = p > b ? t[p - 1] : ' ';
      const char next = p + 1 < n ? t[p + 1] : ' ';
      bool plain = false;
      switch (c) {
        case '.': plain = cls(next) == kSpace && fast_path_applies(b, p + 1); break;
        // 10/26. (A URL needs "://", "@" or a period before its end, which do not pass here.)
        case '/': plain = !is_digit(prev); break;
        case '-': plain = !is_alnum(cls(prev)) || !is_alnum(cls(next)); break;  // stop-motion
        case '\'': plain = !is_alnum(cls(prev)) || !is_alnum(cls(next)); break;  // doesn't, O'Brien
        case ':': plain = !(is_digit(prev) && is_digit(next)) && next != '/'; break;  // 9:30, https://
        case '#': plain = !is_alnum(cls(next)) && static_cast<unsigned char>(next) < 0x80; break;
        default: break;
      }
      if (plain) {
        emit_fast(p, p + 1);
        ++p;
        continue;
      }
      return kSlowRegion;
    }
    if (!is_alnum(k)) {
      emit_fast(p, p + 1);
      ++p;
      continue;
    }
    std::uint32_t q = p + 1;
    for (;;) {
      q = skip_alnum(t, q, n);
      if (q + 1 < n && cls(t[q]) == kMidNum && is_digit(t[q - 1]) && is_digit(t[q + 1])) {
        q += 2;
        continue;
      }
      break;
    }
    emit_fast(p, q);
    p = q;
  }
  return p;
}

void DocumentBuilder::do_region(std::uint32_t b, std::uint32_t e, bool ascii_only, bool maybe_url) {
  segs_.clear();
  if (!maybe_url || !try_whole_url_or_email(b, e)) {
    if (ascii_only) {
      ascii_segment(b, e);
    } else {
      // Cut out ill-formed bytes and control characters; segment the valid runs between them.
      const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
      std::uint32_t run = b;
      bool has_high = false;
      std::uint32_t i = b;
      while (i < e) {
        if (s[i] < 0x80) {
          if (cls(static_cast<char>(s[i])) == kControl) {
            if (run < i) segment_valid(run, i, has_high);
            push(i, i + 1, TokenKind::kInvalid, true);
            run = i + 1;
            has_high = false;
          }
          ++i;
          continue;
        }
        char32_t cp;
        const int len = utf8::decode(s + i, e - i, &cp);
        if (len < 0 || (cp >= 0x80 && cp <= 0x9F) || cp == 0x85) {
          if (run < i) segment_valid(run, i, has_high);
          const std::uint32_t bad = len < 0 ? -len : len;
          push(i, i + bad, TokenKind::kInvalid, true);
          i += bad;
          run = i;
          has_high = false;
          continue;
        }
        has_high = true;
        i += len;
      }
      if (run < e) segment_valid(run, e, has_high);
    }
  }
  apply_merges();
  if (options_.split_clitics) split_clitics();
  emit_segments();
}

void DocumentBuilder::segment_valid(std::uint32_t b, std::uint32_t e, bool has_high) {
  if (has_high) icu_segment(b, e);
  else ascii_segment(b, e);
}

// ICU's UAX #29 word rules restricted to printable ASCII (WB5-WB13b): letters, digits and "_" join;
// "." and "'" join letters on both sides; "." "'" "," ";" join digits on both sides.
void DocumentBuilder::ascii_segment(std::uint32_t b, std::uint32_t e) {
  const char* t = text_.data();
  std::uint32_t p = b;
  while (p < e) {
    Cls c = cls(t[p]);
    if (!is_alnum(c)) {
      push(p, p + 1);
      ++p;
      continue;
    }
    std::uint32_t q = p + 1;
    Cls last = c;
    for (;;) {
      while (q < e && is_alnum(cls(t[q]))) last = cls(t[q++]);
      if (q + 1 < e) {
        const Cls m = cls(t[q]);
        const Cls next = cls(t[q + 1]);
        if (last == kLetter && next == kLetter && (m == kPeriod || m == kApos)) {
          q += 2;
          last = kLetter;
          continue;
        }
        if (last == kDigit && next == kDigit && (m == kPeriod || m == kApos || m == kMidNum)) {
          q += 2;
          last = kDigit;
          continue;
        }
      }
      break;
    }
    push(p, q);
    p = q;
  }
}

void DocumentBuilder::icu_segment(std::uint32_t b, std::uint32_t e) {
  if (!words_) words_ = word_iterator();
  UErrorCode status = U_ZERO_ERROR;
  utext_ = utext_openUTF8(utext_, text_.data() + b, e - b, &status);
  words_->setText(utext_, status);
  if (U_FAILURE(status)) throw Error(std::string("ICU word segmentation failed: ") + u_errorName(status));
  const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
  std::int32_t start = words_->first();
  for (std::int32_t end = words_->next(); end != icu::BreakIterator::DONE;
       start = end, end = words_->next()) {
    // Drop whitespace (NBSP, ideographic space, line separators) but remember it was there.
    std::uint32_t sb = b + start;
    const std::uint32_t se = b + end;
    while (sb < se) {
      char32_t cp;
      const int len = utf8::decode(s + sb, se - sb, &cp);
      if (len <= 0 || !u_isUWhiteSpace(cp)) break;
      pending_flags_ |= kSpaceBefore;
      if (cp == 0x2028 || cp == 0x2029) pending_flags_ |= kNewlineBefore;
      sb += len;
    }
    if (sb < se) push(sb, se);
  }
}

// Finds a URL or e-mail address filling the region (after opening and before closing punctuation).
bool DocumentBuilder::try_whole_url_or_email(std::uint32_t b, std::uint32_t e) {
  if (e - b < 5) return false;
  std::string_view r = sv(b, e);
  const bool scheme = r.find("://") != std::string_view::npos;
  const std::size_t at = r.find('@');
  std::size_t www = r.find("www.");
  if (www == std::string_view::npos) www = r.find("WWW.");
  if (!scheme && at == std::string_view::npos && www == std::string_view::npos) {
    // Bare domain with a path: netflix.com/title/80181392
    const std::size_t slash = r.find('/');
    if (slash == std::string_view::npos) return false;
    const std::size_t dot = r.rfind('.', slash);
    if (dot == std::string_view::npos || slash - dot < 3 || slash - dot > 5) return false;
    for (std::size_t i = dot + 1; i < slash; ++i)
      if (!is_lower(r[i])) return false;
  }
  // Trim openers and closers.
  std::uint32_t ub = b, ue = e;
  auto opener = [](char c) { return c == '(' || c == '[' || c == '<' || c == '"' || c == '\''; };
  auto closer = [](char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
           c == ']' || c == '>' || c == '"' || c == '\'';
  };
  while (ub < ue && opener(text_[ub])) ++ub;
  while (ue > ub && closer(text_[ue - 1])) --ue;
  if (ue - ub < 5) return false;
  std::string_view u = sv(ub, ue);
  TokenKind kind;
  if (at != std::string_view::npos && !scheme) {
    // name@domain.tld
    const std::size_t a = u.find('@');
    if (a == std::string_view::npos || a == 0 || u.find('@', a + 1) != std::string_view::npos) return false;
    for (std::size_t i = 0; i < a; ++i) {
      const char c = u[i];
      if (!(is_alnum(cls(c)) || c == '.' || c == '%' || c == '+' || c == '-')) return false;
    }
    const std::size_t dot = u.rfind('.');
    if (dot == std::string_view::npos || dot < a + 2 || u.size() - dot < 3) return false;
    for (std::size_t i = a + 1; i < u.size(); ++i) {
      const char c = u[i];
      if (!(is_alnum(cls(c)) || c == '.' || c == '-')) return false;
    }
    kind = TokenKind::kEmail;
  } else {
    if (scheme) {
      const std::size_t s = u.find("://");
      if (s == 0) return false;
      for (std::size_t i = 0; i < s; ++i)
        if (cls(u[i]) != kLetter) return false;
      if (s + 3 >= u.size()) return false;
    } else if (www != std::string_view::npos && u.substr(0, 4) != "www." && u.substr(0, 4) != "WWW.") {
      if (at == std::string_view::npos && u.find('/') == std::string_view::npos) return false;
      if (u.find('.') == std::string_view::npos) return false;
    }
    // URLs hold printable ASCII (IRIs may hold more: accept any non-space byte).
    kind = TokenKind::kUrl;
  }
  // Balance a trailing ")" that belongs to the URL: en.wikipedia.org/wiki/Foo_(TV_series)
  if (kind == TokenKind::kUrl && ue < e && text_[ue] == ')' && u.find('(') != std::string_view::npos &&
      std::count(u.begin(), u.end(), '(') > std::count(u.begin(), u.end(), ')'))
    ++ue;
  for (std::uint32_t i = b; i < ub; ++i) push(i, i + 1);
  push(ub, ue, kind, true);
  // Trailing punctuation: one segment per character, as ICU would give.
  for (std::uint32_t i = ue; i < e; ++i) push(i, i + 1);
  return true;
}

bool DocumentBuilder::next_is_number(std::uint32_t after) const {
  std::size_t i = after;
  while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
  return i < text_.size() && (is_digit(text_[i]) || text_[i] == '#');
}

void DocumentBuilder::apply_merges() {
  if (segs_.size() < 2) {
    // A lone "Mr" cannot merge; a lone word is the common case.
    return;
  }
  std::vector<Seg>& s = segs_;
  std::size_t out = 0;
  auto adjacent = [&](std::size_t i) { return i + 1 < s.size() && s[i].e == s[i + 1].b && !s[i + 1].kind_fixed; };
  auto is_char = [&](std::size_t i, char c) { return i < s.size() && s[i].e - s[i].b == 1 && text_[s[i].b] == c; };
  for (std::size_t i = 0; i < s.size();) {
    Seg cur = s[i];
    std::size_t next = i + 1;
    if (!cur.kind_fixed) {
      const std::string_view w = sv(cur.b, cur.e);
      // #hashtag: the sign must not follow a word character ("C#"). (@mentions are already whole.)
      if (w == "#" && adjacent(i) && wordlike(sv(s[i + 1].b, s[i + 1].e)) &&
          (out == 0 || s[out - 1].e != cur.b || !wordlike(sv(s[out - 1].b, s[out - 1].e)))) {
        cur.e = s[i + 1].e;
        cur.kind = TokenKind::kHashtag;
        cur.kind_fixed = true;
        next = i + 2;
      } else if (all_digits(w)) {
        // 10/26/2018, 2018/10/26, 9:30, 9:30:15, 2018-10-26
        if (is_char(i + 1, '/') && adjacent(i) && i + 4 < s.size() + 0 && adjacent(i + 1) &&
            all_digits(sv(s[i + 2].b, s[i + 2].e)) && adjacent(i + 2) && is_char(i + 3, '/') &&
            adjacent(i + 3) && all_digits(sv(s[i + 4].b, s[i + 4].e)) && w.size() <= 4 &&
            s[i + 2].e - s[i + 2].b <= 2 && s[i + 4].e - s[i + 4].b <= 4) {
          cur.e = s[i + 4].e;
          cur.kind = TokenKind::kNumber;
          next = i + 5;
        } else if (is_char(i + 1, ':') && adjacent(i) && w.size() <= 2 && i + 2 < s.size() &&
                   adjacent(i + 1) && s[i + 2].e - s[i + 2].b == 2 && all_digits(sv(s[i + 2].b, s[i + 2].e))) {
          cur.e = s[i + 2].e;
          next = i + 3;
          if (is_char(i + 3, ':') && adjacent(i + 2) && i + 4 < s.size() && adjacent(i + 3) &&
              s[i + 4].e - s[i + 4].b == 2 && all_digits(sv(s[i + 4].b, s[i + 4].e))) {
            cur.e = s[i + 4].e;
            next = i + 5;
          }
        } else if (w.size() == 4 && is_char(i + 1, '-') && adjacent(i) && i + 4 < s.size() &&
                   adjacent(i + 1) && s[i + 2].e - s[i + 2].b == 2 && all_digits(sv(s[i + 2].b, s[i + 2].e)) &&
                   adjacent(i + 2) && is_char(i + 3, '-') && adjacent(i + 3) &&
                   s[i + 4].e - s[i + 4].b == 2 && all_digits(sv(s[i + 4].b, s[i + 4].e))) {
          cur.e = s[i + 4].e;
          next = i + 5;
        }
      }
      if (next == i + 1 && wordlike(w)) {
        // Hyphenated words: stop-motion, 13-episode, half-hour, X-Men (some part has a letter).
        std::size_t j = i;
        bool letter = has_letter(w);
        while (is_char(j + 1, '-') && adjacent(j) && adjacent(j + 1) && wordlike(sv(s[j + 2].b, s[j + 2].e))) {
          letter = letter || has_letter(sv(s[j + 2].b, s[j + 2].e));
          j += 2;
        }
        if (j > i && letter) {
          cur.e = s[j].e;
          next = j + 1;
        } else if (j > i) {
          // A chain of numbers joined by hyphens ("2019-20") stays split; skip past all of it so a
          // long chain is scanned once, not once per link.
          for (std::size_t k = i; k < j; ++k) s[out++] = s[k];
          cur = s[j];
          next = j + 1;
        } else if (is_char(i + 1, '.') && adjacent(i)) {
          // Abbreviations keep their period: Mr. U.S. Oct. J. (initial), No. 5
          const bool initial = w.size() == 1 && is_upper(w[0]);
          const bool dotted = w.size() >= 3 && w[1] == '.' && cls(w[0]) == kLetter;  // U.S, e.g, a.m
          if (initial || dotted || in_list(w, kTitleAbbreviations) || in_list(w, kEndingAbbreviations) ||
              (in_list(w, kNumberAbbreviations) && next_is_number(s[i + 1].e))) {
            cur.e = s[i + 1].e;
            next = i + 2;
          }
        }
      }
    }
    s[out++] = cur;
    i = next;
  }
  s.resize(out);
}

// doesn't -> does n't; Netflix's -> Netflix 's; they're -> they 're (ASCII or U+2019 apostrophes).
namespace {

// Where a contraction or possessive splits: "does|n't", "Netflix|'s"; npos when it does not.
std::size_t clitic_cut(std::string_view w) {
  // Find the last apostrophe (' or U+2019).
  std::size_t apos = std::string_view::npos;
  std::size_t apos_len = 0;
  for (std::size_t k = w.size(); k-- > 1;) {
    if (w[k] == '\'') { apos = k; apos_len = 1; break; }
    if (k + 2 < w.size() + 0 && static_cast<unsigned char>(w[k]) == 0xE2 && static_cast<unsigned char>(w[k + 1]) == 0x80 &&
        static_cast<unsigned char>(w[k + 2]) == 0x99) { apos = k; apos_len = 3; break; }
  }
  if (apos == std::string_view::npos || apos == 0) return std::string_view::npos;
  const std::string_view tail = w.substr(apos + apos_len);
  std::size_t cut = std::string_view::npos;
  if (equals_lower(tail, "t") && apos >= 2 && lower(w[apos - 1]) == 'n') {
    cut = apos - 1;  // n't
  } else if (equals_lower(tail, "s") || equals_lower(tail, "re") || equals_lower(tail, "ve") ||
             equals_lower(tail, "ll") || equals_lower(tail, "d") || equals_lower(tail, "m")) {
    cut = apos;
  }
  return cut == 0 ? std::string_view::npos : cut;
}

}  // namespace

void DocumentBuilder::split_clitics() {
  for (std::size_t i = 0; i < segs_.size(); ++i) {
    Seg& seg = segs_[i];
    if (seg.kind_fixed || seg.e - seg.b < 3) continue;
    const std::size_t cut = clitic_cut(sv(seg.b, seg.e));
    if (cut == std::string_view::npos) continue;
    Seg rest = seg;
    rest.b = seg.b + static_cast<std::uint32_t>(cut);
    rest.flags = kClitic;
    seg.e = rest.b;
    segs_.insert(segs_.begin() + i + 1, rest);
    ++i;
  }
}

// A word of letters and digits joined by apostrophes, split as split_clitics would and emitted as
// emit_segments would, without the segment list.
void DocumentBuilder::emit_apostrophe_word(std::uint32_t b, std::uint32_t e) {
  Seg seg{b, e, TokenKind::kWord, false, pending_flags_};
  pending_flags_ = 0;
  const std::size_t cut = options_.split_clitics && e - b >= 3 ? clitic_cut(sv(b, e)) : std::string_view::npos;
  if (cut == std::string_view::npos) {
    classify_and_emit(seg);
    return;
  }
  Seg rest = seg;
  rest.b = b + static_cast<std::uint32_t>(cut);
  rest.flags = kClitic;
  seg.e = rest.b;
  classify_and_emit(seg);
  classify_and_emit(rest);
}

void DocumentBuilder::emit_segments() {
  for (const Seg& s : segs_) classify_and_emit(s);
}

void DocumentBuilder::classify_and_emit(const Seg& s) {
  Token t;
  t.begin = s.b;
  t.end = s.e;
  t.flags = s.flags;
  const std::string_view w = sv(s.b, s.e);
  const unsigned char c0 = static_cast<unsigned char>(w[0]);
  if (s.kind_fixed) {
    t.kind = s.kind;
  } else if (s.flags & kClitic) {
    t.kind = TokenKind::kWord;  // 's n't 're: words that begin with an apostrophe
  } else if (c0 < 0x80) {
    switch (cls(w[0])) {
      case kLetter:
        if (w[0] == '@') {
          t.kind = w.size() > 1 && has_letter(w.substr(1)) && w.find('@', 1) == std::string_view::npos
                       ? TokenKind::kMention
                       : TokenKind::kPunctuation;
          break;
        }
        [[fallthrough]];
      case kUnder:
        t.kind = TokenKind::kWord;
        break;
      case kDigit: {
        std::size_t k = 0;
        while (k < w.size() && (is_digit(w[k]) || w[k] == ',' || w[k] == '.' || w[k] == '/' ||
                                w[k] == ':' || w[k] == '-' || w[k] == '\'' || w[k] == ';'))
          ++k;
        if (k == w.size()) t.kind = TokenKind::kNumber;
        else if (is_ordinal_suffix(w.substr(k)) && all_digits(w.substr(0, k))) t.kind = TokenKind::kOrdinal;
        else t.kind = TokenKind::kWord;
        break;
      }
      case kSym: t.kind = TokenKind::kSymbol; break;
      case kControl: t.kind = TokenKind::kInvalid; break;
      default: t.kind = TokenKind::kPunctuation; break;
    }
  } else {
    char32_t cp;
    utf8::decode(reinterpret_cast<const unsigned char*>(w.data()), w.size(), &cp);
    if (u_hasBinaryProperty(cp, UCHAR_EXTENDED_PICTOGRAPHIC) || u_hasBinaryProperty(cp, UCHAR_REGIONAL_INDICATOR)) {
      t.kind = TokenKind::kEmoji;
    } else {
      const std::int8_t type = u_charType(cp);
      switch (type) {
        case U_DECIMAL_DIGIT_NUMBER:
          t.kind = TokenKind::kNumber;
          break;
        case U_DASH_PUNCTUATION: case U_START_PUNCTUATION: case U_END_PUNCTUATION:
        case U_CONNECTOR_PUNCTUATION: case U_OTHER_PUNCTUATION: case U_INITIAL_PUNCTUATION:
        case U_FINAL_PUNCTUATION:
          t.kind = TokenKind::kPunctuation;
          break;
        case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL:
        case U_FORMAT_CHAR: case U_PRIVATE_USE_CHAR: case U_UNASSIGNED:
          t.kind = TokenKind::kSymbol;
          break;
        case U_CONTROL_CHAR:
          t.kind = TokenKind::kInvalid;
          break;
        default:
          t.kind = TokenKind::kWord;
          break;
      }
    }
  }
  // Shape.
  if (c0 < 0x80) {
    if (is_upper(w[0])) t.flags |= kCapitalized;
  } else if (t.kind == TokenKind::kWord) {
    char32_t cp;
    utf8::decode(reinterpret_cast<const unsigned char*>(w.data()), w.size(), &cp);
    if (u_isupper(cp) || u_istitle(cp)) t.flags |= kCapitalized;
  }
  if (t.kind == TokenKind::kWord && (t.flags & kCapitalized)) {
    int letters = 0;
    bool any_lower = false;
    for (char c : w) {
      if (is_upper(c)) ++letters;
      else if (is_lower(c)) any_lower = true;
    }
    if (letters >= 2 && !any_lower) t.flags |= kAllCaps;
  }
  normalize(t);
  if ((t.flags & kNewlineBefore) || t.kind == TokenKind::kPunctuation || t.kind == TokenKind::kSymbol ||
      text_[t.end - 1] == '.')
    candidates_.push_back(static_cast<std::uint32_t>(doc_.tokens_.size()));
  doc_.tokens_.push_back(t);
}

void DocumentBuilder::normalize(Token& t) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  if (t.kind == TokenKind::kInvalid) {
    std::memcpy(norm_slot(t, kReplacement.size()), kReplacement.data(), kReplacement.size());
    return;
  }
  const std::string_view w = sv(t.begin, t.end);
  bool ascii = true, upper = false;
  for (char c : w) {
    ascii &= static_cast<unsigned char>(c) < 0x80;
    upper |= is_upper(c);
  }
  if (ascii) {
    if (upper) t.norm = store_lowercase(t.begin, t.end);
    return;
  }
  // Common single characters without a trip through ICU.
  std::string& form = scratch_;
  form.clear();
  char32_t cp;
  const int len = utf8::decode(reinterpret_cast<const unsigned char*>(w.data()), w.size(), &cp);
  if (len > 0 && static_cast<std::size_t>(len) == w.size() && unify_punctuation(cp) != cp) {
    form.push_back(static_cast<char>(unify_punctuation(cp)));
  } else {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<std::int32_t>(w.size())));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = nfkc_casefold()->normalize(u, status);
    if (U_FAILURE(status)) folded = u;
    for (std::int32_t i = 0; i < folded.length();) {
      const UChar32 c = folded.char32At(i);
      utf8::append(form, unify_punctuation(static_cast<char32_t>(c)));
      i += U16_LENGTH(c);
    }
    if (form == w) return;
  }
  std::memcpy(norm_slot(t, static_cast<std::uint32_t>(form.size())), form.data(), form.size());
}

// Sentences and paragraphs of the tokens so far. Unless `all`, stops at the first candidate whose
// decision needs a token not emitted yet (or the end of the open paragraph), to resume there.
void DocumentBuilder::split_sentences(bool all) {
  auto& tokens = doc_.tokens_;
  auto& sentences = doc_.sentences_;
  const std::uint32_t available = static_cast<std::uint32_t>(tokens.size());
  if (all) paragraph_starts_.push_back(available);
  const std::vector<std::uint32_t>& candidates = candidates_;
  std::size_t& c = split_candidate_;
  std::uint32_t& start = split_start_;
  std::uint32_t& next_index = split_next_;
  auto close = [&](std::uint32_t end_token) {
    if (end_token <= start) return;
    Sentence s;
    s.first_token = start;
    s.end_token = end_token;
    s.begin = tokens[start].begin;
    s.end = tokens[end_token - 1].end;
    tokens[start].flags |= kSentenceInitial;
    sentences.push_back(s);
    start = end_token;
  };
  for (; split_paragraph_ + 1 < paragraph_starts_.size() || !all; ++split_paragraph_) {
    const std::uint32_t pb = paragraph_starts_[split_paragraph_];
    // The end of a paragraph is known once the next one has started.
    const bool end_known = split_paragraph_ + 1 < paragraph_starts_.size();
    const std::uint32_t pe = end_known ? paragraph_starts_[split_paragraph_ + 1] : available;
    if (pb >= pe) {
      if (!end_known) return;
      continue;
    }
    if (!paragraph_open_) {
      paragraph_open_ = true;
      paragraph_.begin = tokens[pb].begin;
      paragraph_.first_sentence = static_cast<std::uint32_t>(sentences.size());
      start = pb;
      next_index = pb;
    }
    // Only candidates can start or end a sentence; the loop below visits them in order, and the
    // tokens between them only as the neighbours of one.
    for (; c < candidates.size() && candidates[c] < pe; ++c) {
      const std::uint32_t i = candidates[c];
      if (i < next_index) continue;
      // Wait for the token after a candidate: the paragraph may go on.
      if (!end_known && i + 1 >= pe) return;
      const Token& t = tokens[i];
      // A line without final punctuation followed by a line that does not continue it: a headline.
      // (Closing here again on resuming is harmless.)
      if (i > start && (t.flags & kNewlineBefore)) {
        const std::string_view prev = doc_.normalized(tokens[i - 1]);
        if (!starts_lower(doc_.text_of(t)) && !continues_line(prev)) {
          close(i);
        }
      }
      const char last = text_[t.end - 1];
      bool ends = (t.kind == TokenKind::kPunctuation || t.kind == TokenKind::kSymbol) &&
                  is_terminal(doc_.normalized(t));
      if (!ends && last == '.' && t.kind == TokenKind::kWord && t.end - t.begin > 1 &&
          i + 1 < pe && is_sentence_opener(doc_.normalized(tokens[i + 1])) &&
          (tokens[i + 1].flags & kCapitalized)) {
        // "... Warner Bros. The studio said" : an abbreviation that also ends a sentence.
        const std::string_view w = doc_.text_of(t);
        const std::string_view stem = w.substr(0, w.size() - 1);
        ends = in_list(stem, kEndingAbbreviations) || (stem.size() >= 3 && stem[1] == '.');
      }
      if (!ends) continue;
      std::uint32_t j = i + 1;
      while (j < pe && (is_terminal(doc_.normalized(tokens[j])) ||
                        (!(tokens[j].flags & kSpaceBefore) && is_closing(doc_.normalized(tokens[j])))))
        ++j;
      if (j >= pe) {
        if (!end_known) return;
        break;
      }
      const Token& next = tokens[j];
      const std::string_view next_norm = doc_.normalized(next);
      next_index = j;
      if (starts_lower(doc_.text_of(next))) continue;
      if (next_norm == "," || next_norm == ";" || next_norm == ":" || next_norm == ")") continue;
      close(j);
    }
    if (!end_known) return;
    close(pe);
    paragraph_.end = tokens[pe - 1].end;
    paragraph_.end_sentence = static_cast<std::uint32_t>(sentences.size());
    doc_.paragraphs_.push_back(paragraph_);
    paragraph_open_ = false;
  }
}

Tokenizer::Tokenizer(TokenizerOptions options) : options_(options) {
  nfkc_casefold();  // fail at construction, not at first use, if ICU data is missing
  word_iterator();
}

Document Tokenizer::tokenize(std::string_view text) const {
  if (text.size() > kMaxTextBytes)
    throw Error("text of " + std::to_string(text.size()) + " bytes is larger than the tokenizer's limit of " +
                std::to_string(kMaxTextBytes) + " bytes");
  Document doc;
  doc.text_ = text;
  DocumentBuilder(text, options_, doc).run();
  return doc;
}

}  // namespace greenlight
