// Word boundaries agree with ICU's UAX #29 word break iterator except for the deliberate classes
// documented in tokenizer.h. Every boundary where the two differ must be explained by one of them:
//   merges (ICU has a boundary, we do not): url, email, hashtag, mention, numeric date or time,
//     ISO date, hyphenated word, abbreviation period;
//   splits (we have a boundary, ICU does not): a clitic ('s n't 're 've 'll 'd 'm), an invalid
//     byte or control character cut out before ICU runs.
// Runs over the fixtures below and, when the public data is present, over all 50,000 IMDB reviews.

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <gtest/gtest.h>

#include <memory>
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "greenlight/tokenizer.h"
#include "test_util.h"
#include "utf8.h"

namespace greenlight {
namespace {

// Non-whitespace ICU segments as byte ranges, leading whitespace trimmed.
std::vector<std::pair<std::uint32_t, std::uint32_t>> icu_segments(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  UText* ut = utext_openUTF8(nullptr, text.data(), text.size(), &status);
  bi->setText(ut, status);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::int32_t start = bi->first();
  for (std::int32_t end = bi->next(); end != icu::BreakIterator::DONE; start = end, end = bi->next()) {
    std::uint32_t b = start;
    while (b < static_cast<std::uint32_t>(end)) {
      char32_t cp;
      const int len = utf8::decode(s + b, end - b, &cp);
      if (len <= 0 || !u_isUWhiteSpace(cp)) break;
      b += len;
    }
    if (b < static_cast<std::uint32_t>(end)) out.emplace_back(b, end);
  }
  utext_close(ut);
  return out;
}

bool is_merge_class(std::string_view token_text, TokenKind kind) {
  if (kind == TokenKind::kUrl || kind == TokenKind::kEmail || kind == TokenKind::kHashtag ||
      kind == TokenKind::kMention)
    return true;
  return token_text.find('-') != std::string_view::npos || token_text.find('/') != std::string_view::npos ||
         token_text.find(':') != std::string_view::npos || token_text.back() == '.';
}

struct Deviation {
  std::uint32_t offset;
  std::string what;
};

std::vector<Deviation> compare_with_icu(std::string_view text, std::size_t max_report = 20) {
  const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize(text);
  // Sorted, unique boundary offsets of each side.
  std::vector<std::uint32_t> icu_bounds, our_bounds;
  for (auto [b, e] : icu_segments(text)) icu_bounds.insert(icu_bounds.end(), {b, e});
  for (const Token& t : doc.tokens()) our_bounds.insert(our_bounds.end(), {t.begin, t.end});
  for (auto* v : {&icu_bounds, &our_bounds}) v->erase(std::unique(v->begin(), v->end()), v->end());
  auto contains = [](const std::vector<std::uint32_t>& v, std::uint32_t x) {
    return std::binary_search(v.begin(), v.end(), x);
  };
  std::vector<Deviation> deviations;
  // Token containing (strictly inside) or starting at an offset.
  auto token_at = [&](std::uint32_t offset) -> const Token* {
    auto tokens = doc.tokens();
    auto it = std::upper_bound(tokens.begin(), tokens.end(), offset,
                               [](std::uint32_t o, const Token& t) { return o < t.begin; });
    if (it == tokens.begin()) return nullptr;
    return &*(it - 1);
  };
  auto context = [&](std::uint32_t offset) {
    const std::uint32_t from = offset > 30 ? offset - 30 : 0;
    return "..." + utf8::sanitize(text.substr(from, 60)) + "...";
  };
  for (std::uint32_t b : icu_bounds) {
    if (contains(our_bounds, b)) continue;
    const Token* t = token_at(b);
    if (t && t->begin < b && b < t->end && is_merge_class(doc.text_of(*t), t->kind)) continue;
    if (deviations.size() < max_report)
      deviations.push_back({b, "merged without a documented reason: " + context(b)});
    else
      deviations.push_back({b, ""});
  }
  for (std::uint32_t b : our_bounds) {
    if (contains(icu_bounds, b)) continue;
    const Token* t = token_at(b);
    if (t && t->begin == b && (t->has(kClitic) || t->kind == TokenKind::kInvalid)) continue;
    if (t && t->kind == TokenKind::kInvalid && t->end == b) continue;
    // The piece a clitic was split from ends where the clitic starts.
    if (t && t->end == b) {
      const auto index = static_cast<std::size_t>(t - doc.tokens().data());
      if (index + 1 < doc.tokens().size() && doc.tokens()[index + 1].begin == b &&
          (doc.tokens()[index + 1].has(kClitic) || doc.tokens()[index + 1].kind == TokenKind::kInvalid))
        continue;
      // Trailing punctuation trimmed from a URL or e-mail, or the end of a merged whole.
      if (is_merge_class(doc.text_of(*t), t->kind)) continue;
    }
    if (t && t->begin == b && b > 0) {
      const auto index = static_cast<std::size_t>(t - doc.tokens().data());
      if (index > 0 && is_merge_class(doc.text_of(doc.tokens()[index - 1]), doc.tokens()[index - 1].kind)) continue;
    }
    if (deviations.size() < max_report)
      deviations.push_back({b, "split without a documented reason: " + context(b)});
    else
      deviations.push_back({b, ""});
  }
  return deviations;
}

std::string describe(const std::vector<Deviation>& deviations) {
  std::ostringstream s;
  s << deviations.size() << " deviation(s)\n";
  for (const Deviation& d : deviations)
    if (!d.what.empty()) s << "  at byte " << d.offset << ": " << d.what << "\n";
  return s.str();
}

TEST(TokenizerVersusIcu, OwnFixtures) {
  const char* fixtures[] = {
      "Netflix's Rilakkuma and Kaoru doesn't have a second season, and fans aren't happy.",
      "It premiered on 10/26/2018 at 9:30 p.m. in the U.S., Mr. Kobayashi said (see www.netflix.com).",
      "The 13-episode stop-motion series cost $1,500,000; it's 1.5 hours total... #Rilakkuma @netflix",
      "Caf\xC3\xA9 \xE2\x80\x9Cquotes\xE2\x80\x9D \xE2\x80\x94 en\xE2\x80\x93" "dash \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x82\xA2\xE3\x83\x8B\xE3\x83\xA1 \xF0\x9F\x98\x80\xF0\x9F\x91\x8D",
      "a_b a.b 1.5 1,5 a'b 1'5 a.1 1.a _x x_ 3rd 2018-10-26 e-mail: fan@example.com",
      "bad \xFF bytes \xC3 and \xED\xA0\x80 surrogate, nul \x01 control",
  };
  for (const char* f : fixtures) {
    const auto deviations = compare_with_icu(f);
    EXPECT_TRUE(deviations.empty()) << f << "\n" << describe(deviations);
  }
}

TEST(TokenizerVersusIcu, ImdbReviews) {
  const std::string path = testing::shared_data_path("sentiment/imdb/imdb_50k.tsv.gz");
  if (path.empty()) GTEST_SKIP() << "public IMDB data not present";
  const std::string tsv = testing::run_command("gzip -dc '" + path + "'");
  ASSERT_GT(tsv.size(), 60u << 20);
  const auto deviations = compare_with_icu(tsv);
  EXPECT_TRUE(deviations.empty()) << describe(deviations);
}

}  // namespace
}  // namespace greenlight
