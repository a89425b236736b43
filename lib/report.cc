// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/report.h"

#include "json_writer.h"

namespace greenlight {

namespace {
constexpr std::string_view kSchema = "greenlight.article/1";

void write_span(JsonWriter& w, std::uint32_t begin, std::uint32_t end) {
  w.key("start").value(begin).key("end").value(end);
}
}  // namespace

std::string to_json(const ArticleReport& r) {
  JsonWriter w;
  w.begin_object();
  w.key("schema").value(kSchema);
  w.key("source").value(r.source);
  w.key("title").value(r.title);

  w.key("show");
  if (r.show) {
    w.begin_object().key("title").value(r.show->title);
    write_span(w, r.show->begin, r.show->end);
    w.end_object();
  } else {
    w.null();
  }

  w.key("renewal");
  if (r.renewal) {
    w.begin_object();
    w.key("status").value(r.renewal->status);
    w.key("likelihood").value(r.renewal->likelihood);
    w.key("outlook").value(r.renewal->outlook);
    w.key("evidence").begin_array();
    for (const Evidence& e : r.renewal->evidence) {
      w.begin_object();
      write_span(w, e.begin, e.end);
      w.key("text").value(e.text).key("weight").value(e.weight);
      w.key("features").begin_array();
      for (const auto& [name, weight] : e.features)
        w.begin_object().key("name").value(name).key("weight").value(weight).end_object();
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  } else {
    w.null();
  }

  w.key("sentiment");
  if (r.sentiment) {
    w.begin_object();
    w.key("label").value(r.sentiment->label);
    w.key("score").value(r.sentiment->score);
    w.key("sentences").begin_array();
    for (const SentenceScore& s : r.sentiment->sentences) {
      w.begin_object();
      write_span(w, s.begin, s.end);
      w.key("score").value(s.score);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  } else {
    w.null();
  }

  w.key("entities").begin_array();
  for (const EntityReport& e : r.entities) {
    w.begin_object();
    w.key("text").value(e.text);
    write_span(w, e.begin, e.end);
    w.key("type").value(e.type).key("canonical").value(e.canonical).key("role").value(e.role);
    w.end_object();
  }
  w.end_array();

  w.key("dates").begin_array();
  for (const DateReport& d : r.dates) {
    w.begin_object();
    w.key("text").value(d.text);
    write_span(w, d.begin, d.end);
    w.key("value").value(d.value).key("mod").value(d.mod).key("granularity").value(d.granularity);
    w.key("begin_date").value(d.begin_date).key("end_date").value(d.end_date);
    w.key("role").value(d.role);
    w.end_object();
  }
  w.end_array();

  w.key("seasons").begin_array();
  for (int s : r.seasons) w.value(s);
  w.end_array();
  w.key("episodes").value(r.episodes);
  w.key("runtime_minutes").value(r.runtime_minutes);

  w.key("stats").begin_object();
  w.key("bytes").value(r.stats.bytes).key("tokens").value(r.stats.tokens);
  w.key("sentences").value(r.stats.sentences).key("paragraphs").value(r.stats.paragraphs);
  w.end_object();

  w.end_object();
  return std::move(w.str());
}

std::string error_json(const std::string& source, const std::string& message) {
  JsonWriter w;
  w.begin_object();
  w.key("schema").value(kSchema).key("source").value(source).key("error").value(message);
  w.end_object();
  return std::move(w.str());
}

}  // namespace greenlight
