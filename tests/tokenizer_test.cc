#include "greenlight/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "greenlight/error.h"
#include "utf8.h"

namespace greenlight {
namespace {

// The tokens of `text` as their original strings.
std::vector<std::string> words(std::string_view text, TokenizerOptions options = {}) {
  const Tokenizer tokenizer(options);
  const Document doc = tokenizer.tokenize(text);
  std::vector<std::string> out;
  for (const Token& t : doc.tokens()) out.emplace_back(doc.text_of(t));
  return out;
}

std::vector<std::string> sentences(std::string_view text) {
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize(text);
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences()) out.emplace_back(doc.text_of(s));
  return out;
}

using Words = std::vector<std::string>;

struct SplitCase {
  const char* text;
  Words expected;
};

class TokenBoundaries : public ::testing::TestWithParam<SplitCase> {};

TEST_P(TokenBoundaries, MatchExpected) {
  EXPECT_EQ(words(GetParam().text), GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    EnglishNews, TokenBoundaries,
    ::testing::Values(
        // Contractions and possessives split, offsets exact.
        SplitCase{"doesn't", {"does", "n't"}},
        SplitCase{"haven't", {"have", "n't"}},
        SplitCase{"can't won't", {"ca", "n't", "wo", "n't"}},
        SplitCase{"Netflix's", {"Netflix", "'s"}},
        SplitCase{"they're we've you'll she'd I'm", {"they", "'re", "we", "'ve", "you", "'ll", "she", "'d", "I", "'m"}},
        SplitCase{"Netflix\xE2\x80\x99s doesn\xE2\x80\x99t", {"Netflix", "\xE2\x80\x99s", "does", "n\xE2\x80\x99t"}},
        SplitCase{"O'Brien rock'n'roll", {"O'Brien", "rock'n'roll"}},
        SplitCase{"fans' favourite", {"fans", "'", "favourite"}},
        // Abbreviations keep their period.
        SplitCase{"Mr. Dr. St. Jr. Inc. Co. vs. etc.", {"Mr.", "Dr.", "St.", "Jr.", "Inc.", "Co.", "vs.", "etc."}},
        SplitCase{"the U.S. market", {"the", "U.S.", "market"}},
        SplitCase{"Vol. 3 and No. 1", {"Vol.", "3", "and", "No.", "1"}},
        SplitCase{"Oct. 26, 2018", {"Oct.", "26", ",", "2018"}},
        SplitCase{"J. K. Rowling", {"J.", "K.", "Rowling"}},
        // Numbers stay whole.
        SplitCase{"1,500 fans and 1.5 million views", {"1,500", "fans", "and", "1.5", "million", "views"}},
        SplitCase{"at 9:30 on 10/26/2018", {"at", "9:30", "on", "10/26/2018"}},
        SplitCase{"2018-10-26", {"2018-10-26"}},
        SplitCase{"the 2nd and 13th", {"the", "2nd", "and", "13th"}},
        SplitCase{"24/7", {"24", "/", "7"}},
        // Hyphenated words.
        SplitCase{"a 13-episode stop-motion half-hour", {"a", "13-episode", "stop-motion", "half-hour"}},
        SplitCase{"twenty-four X-Men", {"twenty-four", "X-Men"}},
        SplitCase{"2019-20", {"2019", "-", "20"}},
        SplitCase{"word -- word", {"word", "-", "-", "word"}},
        // URLs, e-mail, hashtags, mentions.
        SplitCase{"See https://www.netflix.com/title/80181392.", {"See", "https://www.netflix.com/title/80181392", "."}},
        SplitCase{"(www.crunchyroll.com)", {"(", "www.crunchyroll.com", ")"}},
        SplitCase{"netflix.com/browse", {"netflix.com/browse"}},
        SplitCase{"mail press@example.co.jp today", {"mail", "press@example.co.jp", "today"}},
        SplitCase{"#Rilakkuma trends, @netflix says", {"#Rilakkuma", "trends", ",", "@netflix", "says"}},
        SplitCase{"C# and a@", {"C", "#", "and", "a@"}},  // ICU counts "@" as a letter
        // Unicode through ICU.
        SplitCase{"Pok\xC3\xA9mon", {"Pok\xC3\xA9mon"}},
        SplitCase{"\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x94 dash", {"\xE2\x80\x9C", "Quoted", "\xE2\x80\x9D", "\xE2\x80\x94", "dash"}},
        SplitCase{"caf\xC3\xA9\xC2\xA0" "bar", {"caf\xC3\xA9", "bar"}},  // NBSP separates
        SplitCase{"", {}}, SplitCase{"   \n\t  ", {}}));

TEST(Tokenizer, OffsetsPointIntoTheOriginalText) {
  const std::string text = "  Netflix\xE2\x80\x99s  caf\xC3\xA9 doesn't\n";
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize(text);
  ASSERT_EQ(doc.tokens().size(), 5u);
  EXPECT_EQ(doc.tokens()[0].begin, 2u);
  EXPECT_EQ(doc.tokens()[1].begin, 9u);
  EXPECT_EQ(doc.tokens()[1].end, 13u);
  for (const Token& t : doc.tokens()) {
    EXPECT_LT(t.begin, t.end);
    EXPECT_LE(t.end, text.size());
  }
}

TEST(Tokenizer, KindsAreAssigned) {
  const Tokenizer tokenizer;
  const std::string text = "Season 2nd 1,500 ! $ \xF0\x9F\x98\x80 https://a.com x@y.org #tag @me \x01 word";
  const Document doc = tokenizer.tokenize(text);
  std::vector<TokenKind> kinds;
  for (const Token& t : doc.tokens()) kinds.push_back(t.kind);
  const std::vector<TokenKind> expected = {
      TokenKind::kWord,   TokenKind::kOrdinal, TokenKind::kNumber,  TokenKind::kPunctuation,
      TokenKind::kSymbol, TokenKind::kEmoji,   TokenKind::kUrl,     TokenKind::kEmail,
      TokenKind::kHashtag, TokenKind::kMention, TokenKind::kInvalid, TokenKind::kWord};
  EXPECT_EQ(kinds, expected);
}

TEST(Tokenizer, EmojiZwjSequenceIsOneToken) {
  // Family: man ZWJ woman ZWJ girl; and a flag (two regional indicators).
  const std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  const std::string flag = "\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5";
  const Tokenizer tokenizer;
  const std::string text = family + " " + flag;
  const Document doc = tokenizer.tokenize(text);
  ASSERT_EQ(doc.tokens().size(), 2u);
  EXPECT_EQ(doc.text_of(doc.tokens()[0]), family);
  EXPECT_EQ(doc.tokens()[0].kind, TokenKind::kEmoji);
  EXPECT_EQ(doc.tokens()[1].kind, TokenKind::kEmoji);
}

TEST(Tokenizer, NormalizedFormFoldsCaseQuotesAndDashes) {
  const Tokenizer tokenizer;
  const std::string text = "NETFLIX Caf\xC3\xA9 \xEF\xBC\xA1\xEF\xBC\xA2 \xE2\x80\x98x\xE2\x80\x99 \xE2\x80\x93 \xE2\x80\xA6 Stra\xC3\x9F" "e";
  const Document doc = tokenizer.tokenize(text);
  std::vector<std::string> norms;
  for (const Token& t : doc.tokens()) norms.emplace_back(doc.normalized(t));
  // Full-width AB becomes "ab"; the ellipsis becomes "..."; sharp s folds to "ss".
  EXPECT_EQ(norms, (Words{"netflix", "caf\xC3\xA9", "ab", "'", "x", "'", "-", "...", "strasse"}));
}

TEST(Tokenizer, NormalizedFormOfACopiedToken) {
  // A Token is a small value: a copy finds its normalized form as well as the original does.
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize("The BBC and Caf\xC3\xA9 Society");
  const std::vector<Token> copies(doc.tokens().begin(), doc.tokens().end());
  std::vector<std::string> norms;
  for (const Token& t : copies) norms.emplace_back(doc.normalized(t));
  EXPECT_EQ(norms, (Words{"the", "bbc", "and", "caf\xC3\xA9", "society"}));
  // A form equal to the token's own bytes is those bytes, not a copy.
  EXPECT_EQ(doc.normalized(copies[2]).data(), doc.text().data() + copies[2].begin);
}

TEST(Tokenizer, ShapeFlags) {
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize("NASA said. Netflix renews it");
  const auto tokens = doc.tokens();
  EXPECT_TRUE(tokens[0].has(kAllCaps));
  EXPECT_TRUE(tokens[0].has(kCapitalized));
  EXPECT_TRUE(tokens[0].has(kSentenceInitial));
  EXPECT_FALSE(tokens[1].has(kCapitalized));
  EXPECT_TRUE(tokens[3].has(kSentenceInitial));
  EXPECT_TRUE(tokens[3].has(kCapitalized));
  EXPECT_FALSE(tokens[3].has(kAllCaps));
  EXPECT_TRUE(tokens[3].has(kSpaceBefore));
}

TEST(Tokenizer, CliticSplitCanBeTurnedOff) {
  TokenizerOptions options;
  options.split_clitics = false;
  EXPECT_EQ(words("doesn't Netflix's", options), (Words{"doesn't", "Netflix's"}));
}

// Sentences and paragraphs.

TEST(Tokenizer, WordHashesFollowTheNormalizedForm) {
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize("Season SEASON season seasons Ｓｅａｓｏｎ");
  ASSERT_EQ(doc.word_hashes().size(), doc.tokens().size());
  ASSERT_EQ(doc.tokens().size(), 5u);
  const auto h = doc.word_hashes();
  EXPECT_EQ(h[0], h[1]);  // all "season" once normalized (case, width)
  EXPECT_EQ(h[0], h[2]);
  EXPECT_EQ(h[0], h[4]);
  EXPECT_NE(h[0], h[3]);
  EXPECT_TRUE(tokenizer.tokenize("").word_hashes().empty());
}

TEST(Sentences, EndAtTerminalPunctuation) {
  EXPECT_EQ(sentences("Netflix renewed it. Fans cheered! Will it return? Yes."),
            (Words{"Netflix renewed it.", "Fans cheered!", "Will it return?", "Yes."}));
}

TEST(Sentences, AbbreviationsDoNotEndSentences) {
  EXPECT_EQ(sentences("Mr. Kobayashi met Dr. Tabe in the U.S. last week. It went well."),
            (Words{"Mr. Kobayashi met Dr. Tabe in the U.S. last week.", "It went well."}));
  EXPECT_EQ(sentences("It premiered Oct. 26 on Netflix vs. Hulu."),
            (Words{"It premiered Oct. 26 on Netflix vs. Hulu."}));
}

TEST(Sentences, EndingAbbreviationBeforeASentenceOpener) {
  EXPECT_EQ(sentences("It was made by Warner Bros. The studio agreed."),
            (Words{"It was made by Warner Bros.", "The studio agreed."}));
}

TEST(Sentences, ClosingQuotesStayWithTheSentence) {
  EXPECT_EQ(sentences("She said \"we are done.\" Then she left."),
            (Words{"She said \"we are done.\"", "Then she left."}));
}

TEST(Sentences, LowercaseContinuationDoesNotBreak) {
  EXPECT_EQ(sentences("It was... well, fine."), (Words{"It was... well, fine."}));
}

TEST(Sentences, HeadlineLineIsItsOwnSentence) {
  EXPECT_EQ(sentences("Rilakkuma and Kaoru Season 2: Release Date\nNetflix has not said a word."),
            (Words{"Rilakkuma and Kaoru Season 2: Release Date", "Netflix has not said a word."}));
}

TEST(Sentences, WrappedLineContinues) {
  EXPECT_EQ(sentences("The series was produced by\nDwarf Studio in Tokyo."),
            (Words{"The series was produced by\nDwarf Studio in Tokyo."}));
  EXPECT_EQ(sentences("The series was produced\nwith care."), (Words{"The series was produced\nwith care."}));
}

TEST(Paragraphs, BlankLinesSeparate) {
  const Tokenizer tokenizer;
  const std::string text = "Headline Here\n\nFirst paragraph. Two sentences.\n  \n\nSecond one.";
  const Document doc = tokenizer.tokenize(text);
  ASSERT_EQ(doc.paragraphs().size(), 3u);
  EXPECT_EQ(doc.paragraphs()[1].end_sentence - doc.paragraphs()[1].first_sentence, 2u);
  EXPECT_EQ(text.substr(doc.paragraphs()[2].begin, doc.paragraphs()[2].end - doc.paragraphs()[2].begin),
            "Second one.");
  EXPECT_EQ(doc.sentence_of_token(doc.tokens().size() - 1), doc.sentences().size() - 1);
}

// Hostile input: never a crash; offsets exact; every byte accounted for.

void ExpectAllBytesCovered(std::string_view text) {
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize(text);
  std::uint32_t at = 0;
  for (const Token& t : doc.tokens()) {
    ASSERT_LE(at, t.begin);
    for (std::uint32_t i = at; i < t.begin; ++i) {
      const char c = text[i];
      // Only whitespace may lie between tokens (ASCII or Unicode white space).
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') continue;
      ASSERT_TRUE(static_cast<unsigned char>(c) >= 0x80) << "byte " << i << " dropped";
    }
    ASSERT_LT(t.begin, t.end);
    // Ill-formed bytes never reach the normalized form.
    ASSERT_EQ(utf8::sanitize(doc.normalized(t)), doc.normalized(t));
    at = t.end;
  }
  ASSERT_LE(at, text.size());
}

TEST(Hostile, InvalidUtf8BecomesInvalidTokens) {
  const std::string text = "ok \xC3 \xFF\xFE caf\xC3\xA9\xE2\x82 \xED\xA0\x80 end";  // lone lead, bad bytes, surrogate
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize(text);
  int invalid = 0;
  for (const Token& t : doc.tokens()) {
    if (t.kind == TokenKind::kInvalid) {
      ++invalid;
      EXPECT_EQ(doc.normalized(t), "\xEF\xBF\xBD");
    }
  }
  EXPECT_GE(invalid, 5);
  EXPECT_EQ(doc.text_of(doc.tokens().back()), "end");
  ExpectAllBytesCovered(text);
}

TEST(Hostile, NulBytesAndControls) {
  const std::string text("a\0b \x01\x7F c", 8);
  EXPECT_EQ(words(text), (Words{"a", std::string("\0", 1), "b", "\x01", "\x7F", "c"}));
  ExpectAllBytesCovered(text);
}

TEST(Hostile, LongRunsStayLinear) {
  // A megabyte of one repeated pattern of each kind must simply finish.
  for (const std::string unit : {"a", "-", "a-", "1/", "'", "a.", "#", "\xE2\x80\x99", "\xF0\x9F\x98\x80"}) {
    std::string text;
    while (text.size() < (1u << 20)) text += unit;
    ExpectAllBytesCovered(text);
  }
}

TEST(Hostile, NormalizedFormsMuchLongerThanTheirText) {
  // U+FDFA folds to 18 Arabic letters and spaces (33 bytes), "\xC2\xBD" to "1\xE2\x81\x84" "2": many
  // long forms close together.
  std::string text;
  while (text.size() < 70000) text += "\xEF\xB7\xBA \xC2\xBD ";
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize(text);
  ASSERT_EQ(doc.tokens().size(), 2 * text.size() / 7);
  for (const Token& t : doc.tokens()) {
    if (doc.text_of(t) == "\xC2\xBD") {
      ASSERT_EQ(doc.normalized(t), "1\xE2\x81\x84" "2");
    } else {
      ASSERT_EQ(doc.normalized(t).size(), 33u);
    }
  }
  ExpectAllBytesCovered(text);
}

TEST(Hostile, RightToLeftAndMixedScripts) {
  const std::string text = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D world \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E " "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7";
  ExpectAllBytesCovered(text);
  EXPECT_GE(words(text).size(), 4u);
}

}  // namespace
}  // namespace greenlight
