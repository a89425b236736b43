// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/html_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "utf8.h"

namespace greenlight {

namespace {

void escape_into(std::string& out, std::string_view s) {
  const std::string clean = utf8::sanitize(s);
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += "\xEF\xBF\xBD";
        else out.push_back(c);
    }
  }
}

std::string escape(std::string_view s) {
  std::string out;
  escape_into(out, s);
  return out;
}

std::string fixed(double v, int digits = 2) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// Colours by entity type, as displaCy does.
std::string_view type_colour(std::string_view type) {
  if (type == "studio") return "#7aecec";
  if (type == "production_company") return "#bfeeb7";
  if (type == "network") return "#feca74";
  if (type == "streaming") return "#ff9561";
  if (type == "person") return "#aa9cfc";
  if (type == "show") return "#f0d0ff";
  if (type == "character") return "#c887fb";
  return "#dddddd";
}

constexpr std::string_view kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#fafafa;color:#222}
header{background:#1f3b2d;color:#fff;padding:16px 24px}
header h1{margin:0;font-size:1.3em}
header .source{opacity:.75;font-size:.85em}
main{display:flex;gap:24px;padding:24px;align-items:flex-start}
article{flex:3;background:#fff;padding:20px 28px;border-radius:8px;box-shadow:0 1px 3px #0002;line-height:1.9;white-space:pre-wrap}
aside{flex:2;display:flex;flex-direction:column;gap:16px}
section{background:#fff;padding:16px 20px;border-radius:8px;box-shadow:0 1px 3px #0002}
section h2{font-size:1em;margin:0 0 8px}
mark.ent{padding:2px 5px;border-radius:5px;line-height:1}
mark.ent .t{font-size:.6em;font-weight:bold;text-transform:uppercase;margin-left:4px;opacity:.7}
span.date{border-bottom:2px solid #2b7de9;background:#e8f1fd}
span.date .t{font-size:.6em;color:#2b7de9;margin-left:3px}
span.sent{border-radius:3px}
span.sent:target{outline:2px solid #1f3b2d}
table{border-collapse:collapse;width:100%;font-size:.9em}
td,th{text-align:left;padding:3px 6px;border-bottom:1px solid #eee;vertical-align:top}
.verdict{font-size:1.2em;font-weight:bold}
.evidence a{color:inherit}
.pos{color:#1a7f37}.neg{color:#cf222e}
.legend span{display:inline-block;margin:2px 4px;padding:1px 6px;border-radius:4px;font-size:.75em}
)";

void append_gauge(std::string& out, double likelihood) {
  // A half-circle gauge, red (0) to green (1), with a needle at the likelihood.
  const double p = std::clamp(likelihood, 0.0, 1.0);
  const double angle = M_PI * (1 - p);
  const double x = 100 + 80 * std::cos(angle), y = 100 - 80 * std::sin(angle);
  out += "<svg viewBox=\"0 0 200 115\" width=\"220\" role=\"img\" aria-label=\"likelihood " + fixed(p) +
         "\"><defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#cf222e\"/><stop offset=\".5\" "
         "stop-color=\"#d4a72c\"/><stop offset=\"1\" stop-color=\"#1a7f37\"/></linearGradient></defs>"
         "<path d=\"M20 100 A80 80 0 0 1 180 100\" fill=\"none\" stroke=\"url(#g)\" stroke-width=\"16\"/>"
         "<line x1=\"100\" y1=\"100\" x2=\"" + fixed(x, 1) + "\" y2=\"" + fixed(y, 1) +
         "\" stroke=\"#222\" stroke-width=\"4\" stroke-linecap=\"round\"/><circle cx=\"100\" cy=\"100\" r=\"6\" "
         "fill=\"#222\"/><text x=\"100\" y=\"80\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\">" +
         fixed(p * 100, 0) + "%</text></svg>";
}

// Background for a sentence by its sentiment score in [-1, 1].
std::string sentence_background(double score) {
  const double a = std::min(0.35, std::fabs(score) * 0.35);
  if (a < 0.03) return "";
  return score > 0 ? "background:rgba(26,127,55," + fixed(a) + ")" : "background:rgba(207,34,46," + fixed(a) + ")";
}

// The article text with highlights. Spans may not overlap in HTML, so the text is cut at every
// span boundary; an entity or date that overlaps an earlier one is left unhighlighted.
void append_text(std::string& out, const ArticleReport& r, std::string_view text) {
  struct Mark {
    std::uint32_t begin, end;
    std::string open, close;
  };
  std::vector<Mark> inner;
  for (const EntityReport& e : r.entities) {
    if (e.begin >= e.end || e.end > text.size()) continue;
    inner.push_back({e.begin, e.end,
                     "<mark class=\"ent\" style=\"background:" + std::string(type_colour(e.type)) + "\" title=\"" +
                         escape(e.canonical + (e.role ? " (" + *e.role + ")" : "")) + "\">",
                     "<span class=\"t\">" + escape(e.type) + "</span></mark>"});
  }
  for (const DateReport& d : r.dates) {
    if (d.begin >= d.end || d.end > text.size()) continue;
    inner.push_back({d.begin, d.end, "<span class=\"date\" title=\"" + escape(d.value + " · " + d.role) + "\">",
                     "<span class=\"t\">" + escape(d.value) + "</span></span>"});
  }
  std::sort(inner.begin(), inner.end(), [](const Mark& a, const Mark& b) { return a.begin < b.begin; });
  std::vector<Mark> kept;
  for (Mark& m : inner)
    if (kept.empty() || m.begin >= kept.back().end) kept.push_back(std::move(m));

  // Sentences (outer spans) from the sentiment report; marks that cross a sentence edge are dropped.
  std::vector<Mark> sentences;
  if (r.sentiment) {
    for (const SentenceScore& s : r.sentiment->sentences) {
      if (s.begin >= s.end || s.end > text.size()) continue;
      if (!sentences.empty() && s.begin < sentences.back().end) continue;
      const std::string style = sentence_background(s.score);
      sentences.push_back({s.begin, s.end,
                           "<span class=\"sent\" id=\"s" + std::to_string(s.begin) + "\" title=\"sentiment " +
                               fixed(s.score) + "\"" + (style.empty() ? "" : " style=\"" + style + "\"") + ">",
                           "</span>"});
    }
  }
  // A mark must lie inside one sentence (or outside all of them) for the tags to nest.
  auto sentence_at = [&](std::uint32_t offset) -> const Mark* {
    auto it = std::upper_bound(sentences.begin(), sentences.end(), offset,
                               [](std::uint32_t o, const Mark& m) { return o < m.begin; });
    if (it == sentences.begin()) return nullptr;
    --it;
    return offset < it->end ? &*it : nullptr;
  };
  struct Event {
    std::uint32_t at;
    int order;  // at one offset: closes (mark, then sentence) before opens (sentence, then mark)
    const std::string* tag;
  };
  std::vector<Event> events;
  for (const Mark& s : sentences) {
    events.push_back({s.begin, 2, &s.open});
    events.push_back({s.end, 1, &s.close});
  }
  for (const Mark& m : kept) {
    const Mark* s_begin = sentence_at(m.begin);
    const Mark* s_last = sentence_at(m.end - 1);
    if (s_begin != s_last) continue;
    events.push_back({m.begin, 3, &m.open});
    events.push_back({m.end, 0, &m.close});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.at != b.at ? a.at < b.at : a.order < b.order; });
  std::size_t at = 0;
  for (const Event& e : events) {
    if (e.at > at) escape_into(out, text.substr(at, e.at - at));
    at = std::max<std::size_t>(at, e.at);
    out += *e.tag;
  }
  if (at < text.size()) escape_into(out, text.substr(at));
}

void append_facts(std::string& out, const ArticleReport& r) {
  out += "<section><h2>Facts</h2><table>";
  auto row = [&](std::string_view name, const std::string& value_html) {
    out += "<tr><th>" + std::string(name) + "</th><td>" + value_html + "</td></tr>";
  };
  if (r.show) row("show", escape(r.show->title));
  // Entities grouped by type, deduplicated by canonical name.
  std::map<std::string, std::map<std::string, std::string>> by_type;
  for (const EntityReport& e : r.entities) {
    std::string& roles = by_type[e.type][e.canonical];
    if (e.role && roles.find(*e.role) == std::string::npos) roles += (roles.empty() ? "" : ", ") + *e.role;
  }
  for (const char* type : {"studio", "production_company", "network", "streaming", "person", "character", "show", "other_org"}) {
    auto it = by_type.find(type);
    if (it == by_type.end()) continue;
    std::string cell;
    for (const auto& [name, roles] : it->second) {
      cell += (cell.empty() ? "" : "<br>") + escape(name);
      if (!roles.empty()) cell += " <small>(" + escape(roles) + ")</small>";
    }
    row(type, cell);
  }
  if (!r.seasons.empty()) {
    std::string s;
    for (int n : r.seasons) s += (s.empty() ? "" : ", ") + std::to_string(n);
    row("seasons", s);
  }
  if (r.episodes) row("episodes", std::to_string(*r.episodes));
  if (r.runtime_minutes) row("runtime", std::to_string(*r.runtime_minutes) + " min");
  out += "</table></section>";
  if (!r.dates.empty()) {
    out += "<section><h2>Dates</h2><table><tr><th>text</th><th>value</th><th>role</th></tr>";
    for (const DateReport& d : r.dates) {
      out += "<tr><td>" + escape(d.text) + "</td><td>" + escape(d.value) + (d.mod ? " " + escape(*d.mod) : "") +
             "</td><td>" + escape(d.role) + "</td></tr>";
    }
    out += "</table></section>";
  }
}

}  // namespace

std::string to_html(const ArticleReport& r, std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 + 8192);
  const std::string title = r.title ? *r.title : (r.source.empty() ? std::string("article") : r.source);
  out += "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width,initial-scale=1\"><title>" + escape(title) + " · greenlight</title><style>";
  out += kStyle;
  out += "</style></head><body><header><h1>" + escape(title) + "</h1><div class=\"source\">" + escape(r.source) +
         " · " + std::to_string(r.stats.sentences) + " sentences · " + std::to_string(r.stats.tokens) +
         " tokens</div></header><main><article>";
  append_text(out, r, text);
  out += "</article><aside>";
  out += "<section><h2>Renewal</h2>";
  if (r.renewal) {
    out += "<div class=\"verdict\">" + escape(r.renewal->status);
    if (r.renewal->outlook) out += " · " + escape(*r.renewal->outlook);
    out += "</div>";
    append_gauge(out, r.renewal->likelihood);
    out += "<div>likelihood of another season: " + fixed(r.renewal->likelihood) + "</div><ol class=\"evidence\">";
    for (const Evidence& e : r.renewal->evidence) {
      out += "<li><a href=\"#s" + std::to_string(e.begin) + "\">" + escape(e.text) + "</a> <span class=\"" +
             (e.weight >= 0 ? "pos" : "neg") + "\">(" + (e.weight >= 0 ? "+" : "") + fixed(e.weight) + ")</span></li>";
    }
    out += "</ol>";
  } else {
    out += "<div>not scored</div>";
  }
  out += "</section>";
  if (r.sentiment) {
    out += "<section><h2>Sentiment</h2><div class=\"verdict\">" + escape(r.sentiment->label) + " (" +
           fixed(r.sentiment->score) + ")</div></section>";
  }
  append_facts(out, r);
  out += "<section class=\"legend\"><h2>Legend</h2>";
  for (const char* type : {"studio", "production_company", "network", "streaming", "person", "show", "character", "other_org"})
    out += "<span style=\"background:" + std::string(type_colour(type)) + "\">" + type + "</span>";
  out += "<span class=\"date\" style=\"border-bottom:2px solid #2b7de9\">date</span></section>";
  out += "</aside></main></body></html>\n";
  return out;
}

std::string html_index(const std::vector<HtmlIndexEntry>& entries) {
  std::string out = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>greenlight batch</title><style>";
  out += kStyle;
  out += "</style></head><body><header><h1>greenlight: " + std::to_string(entries.size()) +
         " articles</h1></header><main><section style=\"flex:1\"><table><tr><th>article</th><th>show</th>"
         "<th>renewal</th><th>likelihood</th><th>sentiment</th></tr>";
  for (const HtmlIndexEntry& e : entries) {
    if (!e.report) {
      out += "<tr><td>" + escape(e.href) + "</td><td colspan=\"4\" class=\"neg\">" + escape(e.error) + "</td></tr>";
      continue;
    }
    const ArticleReport& r = *e.report;
    out += "<tr><td><a href=\"" + escape(e.href) + "\">" + escape(r.title ? *r.title : r.source) + "</a></td><td>" +
           (r.show ? escape(r.show->title) : "") + "</td><td>" + (r.renewal ? escape(r.renewal->status) : "") +
           "</td><td>" + (r.renewal ? fixed(r.renewal->likelihood) : "") + "</td><td>" +
           (r.sentiment ? escape(r.sentiment->label) : "") + "</td></tr>";
  }
  out += "</table></section></main></body></html>\n";
  return out;
}

}  // namespace greenlight
