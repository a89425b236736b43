// The private JSON reader and writer: round trips, escapes, and clear errors on bad input.

#include <gtest/gtest.h>

#include "greenlight/error.h"
#include "greenlight/report.h"
#include "json_reader.h"
#include "json_writer.h"

namespace greenlight {
namespace {

TEST(JsonReader, ParsesObjectsArraysAndEscapes) {
  const JsonValue v = parse_json(R"( {"id": "a\"b", "n": -1.5e2, "ok": true, "none": null,
                                      "list": [1, "x\u00e9\ud83d\ude00"]} )");
  EXPECT_EQ(v.find("id")->str(), "a\"b");
  EXPECT_EQ(v.find("n")->number(), -150);
  EXPECT_TRUE(v.find("none")->is_null());
  EXPECT_EQ(v.find("list")->array()[1].str(), "x\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(v.find("missing"), nullptr);
}

TEST(JsonReader, ErrorsNameTheByteOffset) {
  for (const char* bad : {"{\"a\": }", "{\"a\" 1}", "[1, 2", "\"abc", "{} x", "tru", "{\"a\":\"\x01\"}"}) {
    try {
      parse_json(bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("at byte"), std::string::npos) << e.what();
    }
  }
}

TEST(JsonReader, DeepNestingIsRejectedNotACrash) {
  EXPECT_THROW(parse_json(std::string(100000, '[')), Error);
}

TEST(JsonWriter, EscapesAndReplacesInvalidUtf8) {
  ArticleReport report;
  report.source = "a\"b\\c\n\x01\xFF";
  const JsonValue v = parse_json(to_json(report));
  EXPECT_EQ(v.find("source")->str(), "a\"b\\c\n\x01\xEF\xBF\xBD");
  EXPECT_TRUE(v.find("show")->is_null());
  EXPECT_EQ(parse_json(error_json("id", "bad \"thing\"")).find("error")->str(), "bad \"thing\"");
}

}  // namespace
}  // namespace greenlight
