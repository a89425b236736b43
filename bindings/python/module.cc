// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// _greenlight: the pybind11 extension behind the `greenlight` Python package. Thin: it converts
// arguments while holding the GIL, then releases the GIL for all C++ work, so Python threads
// scale. Offsets are given both as UTF-8 byte offsets (begin/end, as in C++ and JSON) and as
// Python str indices (start/stop).

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <optional>
#include <tuple>
#include <string>
#include <vector>

#include "greenlight/analyzer.h"
#include "greenlight/calendar.h"
#include "greenlight/dates.h"
#include "greenlight/entities.h"
#include "greenlight/error.h"
#include "greenlight/media_facts.h"
#include "greenlight/renewal.h"
#include "greenlight/sentiment.h"
#include "greenlight/report.h"
#include "greenlight/tokenizer.h"
#include "utf8.h"

namespace py = pybind11;
using namespace greenlight;

namespace {

// A Python str as UTF-8. Lone surrogates (which a str may hold) are kept as their 3-byte encoding
// rather than rejected: the tokenizer reports them as invalid tokens and offsets stay exact.
std::string to_utf8(const py::handle& text) {
  if (!PyUnicode_Check(text.ptr())) throw py::type_error("expected a str");
  py::object bytes = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(text.ptr(), "utf-8", "surrogatepass"));
  if (!bytes) throw py::error_already_set();
  return std::string(PyBytes_AS_STRING(bytes.ptr()), PyBytes_GET_SIZE(bytes.ptr()));
}

// Maps UTF-8 byte offsets of a text to Python str (code point) indices.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text) : offsets_(text.size() + 1, 0) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = 0, cp = 0;
    while (i < text.size()) {
      char32_t c;
      int len = s[i] < 0x80 ? 1 : utf8::decode(s + i, text.size() - i, &c);
      if (len < 0 && s[i] == 0xED && i + 2 < text.size() && s[i + 1] >= 0xA0 && s[i + 1] <= 0xBF &&
          s[i + 2] >= 0x80 && s[i + 2] <= 0xBF)
        len = 3;  // an encoded surrogate: one Python character
      const std::size_t n = len > 0 ? len : -len;
      for (std::size_t k = 0; k < n; ++k) offsets_[i + k] = cp;
      i += n;
      ++cp;
    }
    offsets_[text.size()] = cp;
  }
  std::size_t operator()(std::uint32_t byte) const { return offsets_[std::min<std::size_t>(byte, offsets_.size() - 1)]; }

 private:
  std::vector<std::size_t> offsets_;
};

struct PyToken {
  std::string text, normalized, kind;
  std::uint32_t begin, end;
  std::size_t start, stop;
  bool capitalized, all_caps, sentence_initial, clitic;
};

struct PySpan {
  std::uint32_t begin, end;
  std::size_t start, stop;
  std::size_t first_token, end_token;  // token index range (sentences) or sentence range (paragraphs)
  std::string text;
};

struct PyDocument {
  std::vector<PyToken> tokens;
  std::vector<PySpan> sentences, paragraphs;
};

std::optional<CivilDate> parse_date_arg(const std::optional<std::string>& date) {
  if (!date) return std::nullopt;
  return CivilDate::parse(*date);  // throws greenlight::Error naming the bad value
}

PyDocument tokenize(const Tokenizer& tokenizer, const std::string& text) {
  const Document doc = tokenizer.tokenize(text);
  const CodePointIndex cp(text);
  PyDocument out;
  out.tokens.reserve(doc.tokens().size());
  for (const Token& t : doc.tokens()) {
    out.tokens.push_back(PyToken{utf8::sanitize(doc.text_of(t)), std::string(doc.normalized(t)),
                                 std::string(to_string(t.kind)), t.begin, t.end, cp(t.begin), cp(t.end),
                                 t.has(kCapitalized), t.has(kAllCaps), t.has(kSentenceInitial), t.has(kClitic)});
  }
  for (const Sentence& s : doc.sentences())
    out.sentences.push_back(PySpan{s.begin, s.end, cp(s.begin), cp(s.end), s.first_token, s.end_token,
                                   utf8::sanitize(doc.text_of(s))});
  for (const Paragraph& p : doc.paragraphs())
    out.paragraphs.push_back(PySpan{p.begin, p.end, cp(p.begin), cp(p.end), p.first_sentence, p.end_sentence,
                                    utf8::sanitize(doc.text().substr(p.begin, p.end - p.begin))});
  return out;
}

py::object json_loads(const std::string& json) { return py::module_::import("json").attr("loads")(json); }

// The standalone components each tokenize their input with one shared default tokenizer, which is
// immutable and thread-safe like them.
const Tokenizer& default_tokenizer() {
  static const Tokenizer tokenizer;
  return tokenizer;
}

std::optional<std::string> date_string(const std::optional<CivilDate>& d) {
  return d ? std::optional<std::string>(d->to_string()) : std::nullopt;
}

std::vector<std::string> string_list(const std::optional<py::sequence>& items, std::size_t n, const char* what) {
  std::vector<std::string> out;
  if (!items) return std::vector<std::string>(n);
  for (const py::handle& item : *items) out.push_back(item.is_none() ? std::string() : to_utf8(item));
  if (out.size() != n)
    throw Error(std::string(what) + ": " + std::to_string(out.size()) + " values for " + std::to_string(n) + " texts");
  return out;
}

}  // namespace

PYBIND11_MODULE(_greenlight, m) {
  m.doc() = "greenlight: shows, studios, people, dates, sentiment and renewal odds from entertainment news";

  static py::exception<Error> error(m, "Error", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      error(e.what());
    }
  });

  py::class_<PyToken>(m, "Token", "A token: its text, normalized form, kind and offsets.")
      .def_readonly("text", &PyToken::text)
      .def_readonly("normalized", &PyToken::normalized, "NFKC + case fold, quotes and dashes unified")
      .def_readonly("kind", &PyToken::kind, "word, number, ordinal, punctuation, symbol, emoji, url, email, hashtag, mention or invalid")
      .def_readonly("begin", &PyToken::begin, "UTF-8 byte offset of the first byte")
      .def_readonly("end", &PyToken::end, "UTF-8 byte offset past the last byte")
      .def_readonly("start", &PyToken::start, "str index of the first character")
      .def_readonly("stop", &PyToken::stop, "str index past the last character")
      .def_readonly("capitalized", &PyToken::capitalized)
      .def_readonly("all_caps", &PyToken::all_caps)
      .def_readonly("sentence_initial", &PyToken::sentence_initial)
      .def_readonly("clitic", &PyToken::clitic, "split-off 's, n't, 're, 've, 'll, 'd, 'm")
      .def("__repr__", [](const PyToken& t) { return "Token(" + t.kind + ", '" + t.text + "', " + std::to_string(t.start) + ")"; });

  py::class_<PySpan>(m, "Span", "A sentence or paragraph: offsets, text and the range of its parts.")
      .def_readonly("begin", &PySpan::begin)
      .def_readonly("end", &PySpan::end)
      .def_readonly("start", &PySpan::start)
      .def_readonly("stop", &PySpan::stop)
      .def_readonly("first", &PySpan::first_token, "index of the first token (sentence) or sentence (paragraph)")
      .def_readonly("last", &PySpan::end_token, "index past the last token (sentence) or sentence (paragraph)")
      .def_readonly("text", &PySpan::text)
      .def("__repr__", [](const PySpan& s) { return "Span(" + std::to_string(s.start) + ", " + std::to_string(s.stop) + ")"; });

  py::class_<PyDocument>(m, "Document", "Paragraphs, sentences and tokens of a text.")
      .def_readonly("tokens", &PyDocument::tokens)
      .def_readonly("sentences", &PyDocument::sentences)
      .def_readonly("paragraphs", &PyDocument::paragraphs);

  m.def(
      "tokenize",
      [](const py::str& py_text, bool split_clitics) {
        const std::string text = to_utf8(py_text);
        py::gil_scoped_release release;
        static const Tokenizer with_split(TokenizerOptions{true});
        static const Tokenizer without_split(TokenizerOptions{false});
        return tokenize(split_clitics ? with_split : without_split, text);
      },
      py::arg("text"), py::arg("split_clitics") = true,
      "Tokenizes text into a Document of paragraphs, sentences and tokens (offsets in bytes and in str indices).");

  // Report value types: read-only attributes named as in the JSON schema.
  py::class_<ShowMention>(m, "ShowMention")
      .def_readonly("title", &ShowMention::title)
      .def_readonly("begin", &ShowMention::begin)
      .def_readonly("end", &ShowMention::end);
  py::class_<Evidence>(m, "Evidence")
      .def_readonly("begin", &Evidence::begin)
      .def_readonly("end", &Evidence::end)
      .def_readonly("text", &Evidence::text)
      .def_readonly("weight", &Evidence::weight)
      .def_readonly("features", &Evidence::features, "the sentence's strongest features: (name, contribution)");
  py::class_<RenewalReport>(m, "RenewalReport")
      .def_readonly("status", &RenewalReport::status, "renewed, cancelled, ended or unconfirmed")
      .def_readonly("likelihood", &RenewalReport::likelihood, "calibrated probability of another season")
      .def_readonly("outlook", &RenewalReport::outlook, "likely, unlikely or unclear (unconfirmed only)")
      .def_readonly("evidence", &RenewalReport::evidence);
  py::class_<SentenceScore>(m, "SentenceScore")
      .def_readonly("begin", &SentenceScore::begin)
      .def_readonly("end", &SentenceScore::end)
      .def_readonly("score", &SentenceScore::score);
  py::class_<SentimentReport>(m, "SentimentReport")
      .def_readonly("label", &SentimentReport::label)
      .def_readonly("score", &SentimentReport::score)
      .def_readonly("sentences", &SentimentReport::sentences);
  py::class_<EntityReport>(m, "EntityReport")
      .def_readonly("text", &EntityReport::text)
      .def_readonly("begin", &EntityReport::begin)
      .def_readonly("end", &EntityReport::end)
      .def_readonly("type", &EntityReport::type)
      .def_readonly("canonical", &EntityReport::canonical)
      .def_readonly("role", &EntityReport::role)
      .def("__repr__", [](const EntityReport& e) { return "EntityReport(" + e.type + ", '" + e.canonical + "')"; });
  py::class_<DateReport>(m, "DateReport")
      .def_readonly("text", &DateReport::text)
      .def_readonly("begin", &DateReport::begin)
      .def_readonly("end", &DateReport::end)
      .def_readonly("value", &DateReport::value)
      .def_readonly("mod", &DateReport::mod)
      .def_readonly("granularity", &DateReport::granularity)
      .def_readonly("begin_date", &DateReport::begin_date)
      .def_readonly("end_date", &DateReport::end_date)
      .def_readonly("role", &DateReport::role)
      .def("__repr__", [](const DateReport& d) { return "DateReport('" + d.text + "', " + d.value + ")"; });
  py::class_<ArticleStats>(m, "ArticleStats")
      .def_readonly("bytes", &ArticleStats::bytes)
      .def_readonly("tokens", &ArticleStats::tokens)
      .def_readonly("sentences", &ArticleStats::sentences)
      .def_readonly("paragraphs", &ArticleStats::paragraphs);
  py::class_<ArticleReport>(m, "ArticleReport", "Everything greenlight found in one article.")
      .def_readonly("source", &ArticleReport::source)
      .def_readonly("title", &ArticleReport::title)
      .def_readonly("show", &ArticleReport::show)
      .def_readonly("renewal", &ArticleReport::renewal)
      .def_readonly("sentiment", &ArticleReport::sentiment)
      .def_readonly("entities", &ArticleReport::entities)
      .def_readonly("dates", &ArticleReport::dates)
      .def_readonly("seasons", &ArticleReport::seasons)
      .def_readonly("episodes", &ArticleReport::episodes)
      .def_readonly("runtime_minutes", &ArticleReport::runtime_minutes)
      .def_readonly("stats", &ArticleReport::stats)
      .def("to_json", [](const ArticleReport& r) { return to_json(r); },
           "The report as one line of JSON, schema greenlight.article/1 (as the CLI prints it).")
      .def("to_dict", [](const ArticleReport& r) { return json_loads(to_json(r)); },
           "The report as a dict with the fields of schema greenlight.article/1.")
      .def("__repr__", [](const ArticleReport& r) {
        return "ArticleReport(source='" + r.source + "', title=" + (r.title ? "'" + *r.title + "'" : "None") + ")";
      });


  // Components on their own, for callers that need one answer without the whole analysis.
  py::class_<TemporalExpression>(m, "TemporalExpression", "A date or period in the text, normalized.")
      .def_readonly("text", &TemporalExpression::text)
      .def_readonly("begin", &TemporalExpression::begin, "UTF-8 byte offset")
      .def_readonly("end", &TemporalExpression::end, "UTF-8 byte offset past the end")
      .def_readonly("value", &TemporalExpression::value, "TIMEX3-style value: 2019-04-26, 2019-04, 2022-FA, 2021-Q3, 201X...")
      .def_readonly("mod", &TemporalExpression::mod, "START, MID, END or None")
      .def_readonly("granularity", &TemporalExpression::granularity)
      .def_property_readonly("begin_date", [](const TemporalExpression& t) { return date_string(t.begin_date); })
      .def_property_readonly("end_date", [](const TemporalExpression& t) { return date_string(t.end_date); })
      .def_readonly("role", &TemporalExpression::role, "premiere, release, renewal_announcement, production or other")
      .def_readonly("form", &TemporalExpression::form, "full_date, partial_date, relative, season, range...")
      .def_readonly("relative", &TemporalExpression::relative, "resolved against the reference date (or could not be)")
      .def("__repr__", [](const TemporalExpression& t) { return "TemporalExpression('" + t.text + "', " + t.value + ")"; });

  py::class_<DateExtractor>(m, "DateExtractor", "Finds and normalizes dates. Immutable; extract() is thread-safe.")
      .def(py::init([](bool us_numeric_order) {
             DateOptions options;
             options.us_numeric_order = us_numeric_order;
             return DateExtractor(options);
           }),
           py::arg("us_numeric_order") = true)
      .def(
          "extract",
          [](const DateExtractor& dates, const py::str& py_text, const std::optional<std::string>& reference_date,
             bool use_dateline) {
            const std::string text = to_utf8(py_text);
            std::optional<CivilDate> reference = parse_date_arg(reference_date);
            py::gil_scoped_release release;
            const Document doc = default_tokenizer().tokenize(text);
            if (!reference && use_dateline) reference = dates.find_dateline(doc);
            return dates.extract(doc, reference);
          },
          py::arg("text"), py::arg("reference_date") = py::none(), py::arg("use_dateline") = true,
          "Temporal expressions in text order. Relative dates ('next spring') resolve against reference_date "
          "('YYYY-MM-DD'), else the article's own date line when use_dateline, else stay unresolved.")
      .def(
          "find_dateline",
          [](const DateExtractor& dates, const py::str& py_text) {
            const std::string text = to_utf8(py_text);
            py::gil_scoped_release release;
            return date_string(dates.find_dateline(default_tokenizer().tokenize(text)));
          },
          py::arg("text"), "The publication date from a date line near the top ('Published March 3, 2021'), or None.");

  py::class_<MediaFacts>(m, "MediaFacts", "Seasons, episode count and runtime stated in a text.")
      .def_readonly("seasons", &MediaFacts::seasons, "season numbers mentioned, sorted")
      .def_readonly("episodes", &MediaFacts::episodes, "the first episode count stated")
      .def_readonly("runtime_minutes", &MediaFacts::runtime_minutes, "the first per-episode runtime stated")
      .def_readonly("seasons_so_far", &MediaFacts::seasons_so_far, "'ran for three seasons'");
  m.def(
      "media_facts",
      [](const py::str& py_text) {
        const std::string text = to_utf8(py_text);
        py::gil_scoped_release release;
        return extract_media_facts(default_tokenizer().tokenize(text));
      },
      py::arg("text"), "Season numbers, episode count and runtime in a text.");

  py::class_<EntityMention>(m, "EntityMention", "One mention of a studio, network, streamer, person, show or character.")
      .def_readonly("text", &EntityMention::text)
      .def_readonly("begin", &EntityMention::begin)
      .def_readonly("end", &EntityMention::end)
      .def_readonly("type", &EntityMention::type)
      .def_readonly("canonical", &EntityMention::canonical)
      .def_readonly("role", &EntityMention::role)
      .def("__repr__", [](const EntityMention& e) { return "EntityMention(" + e.type + ", '" + e.canonical + "')"; });
  py::class_<ShowTitle>(m, "ShowTitle").def_readonly("title", &ShowTitle::title).def_readonly("begin", &ShowTitle::begin).def_readonly("end", &ShowTitle::end);
  py::class_<EntityResult>(m, "EntityResult")
      .def_readonly("mentions", &EntityResult::mentions, "every mention in text order; mentions of one entity share its canonical name")
      .def_readonly("main_show", &EntityResult::main_show, "the show the article is about, or None");
  py::class_<EntityExtractor>(m, "EntityExtractor",
                              "Typed entities from the built-in gazetteer, patterns and context. Immutable; extract() is thread-safe.")
      .def(py::init([](const std::vector<std::tuple<std::string, std::string, std::vector<std::string>, std::string>>& entries,
                       const std::string& gazetteer_tsv, bool builtin_gazetteer) {
             EntityOptions options;
             options.builtin_gazetteer = builtin_gazetteer;
             options.extra_gazetteer_tsv = gazetteer_tsv;
             for (const auto& [name, kind, aliases, country] : entries)
               options.extra_entries.push_back(GazetteerEntry{name, kind, aliases, country});
             py::gil_scoped_release release;
             return std::make_unique<EntityExtractor>(options);
           }),
           py::arg("entries") = std::vector<std::tuple<std::string, std::string, std::vector<std::string>, std::string>>{},
           py::arg("gazetteer_tsv") = "", py::arg("builtin_gazetteer") = true,
           "entries: extra (name, kind, aliases, country) tuples, kind one of studio, production_company, network, "
           "streaming, other_org; gazetteer_tsv: a TSV file in the format of data/gazetteer/orgs.tsv.")
      .def(
          "extract",
          [](const EntityExtractor& extractor, const py::str& py_text, const std::optional<std::string>& headline) {
            const std::string text = to_utf8(py_text);
            py::gil_scoped_release release;
            const Document doc = default_tokenizer().tokenize(text);
            return headline ? extractor.extract(doc, *headline) : extractor.extract(doc);
          },
          py::arg("text"), py::arg("headline") = py::none(),
          "Entities of the text; headline names the article's title when the text does not start with it.")
      .def_property_readonly("gazetteer_size", &EntityExtractor::gazetteer_size);

  py::class_<RenewalEvidenceItem>(m, "RenewalEvidence", "A sentence and how much it moved the likelihood.")
      .def_readonly("begin", &RenewalEvidenceItem::begin)
      .def_readonly("end", &RenewalEvidenceItem::end)
      .def_readonly("text", &RenewalEvidenceItem::text)
      .def_readonly("weight", &RenewalEvidenceItem::weight, "contribution to the log-odds of another season")
      .def_readonly("features", &RenewalEvidenceItem::features, "its strongest features and their contributions");
  py::class_<RenewalResult>(m, "RenewalResult")
      .def_readonly("status", &RenewalResult::status, "renewed, cancelled, ended or unconfirmed")
      .def_readonly("likelihood", &RenewalResult::likelihood, "calibrated probability of another season")
      .def_readonly("outlook", &RenewalResult::outlook, "likely, unlikely or unclear (unconfirmed only)")
      .def_property_readonly("status_probabilities", [](const RenewalResult& r) {
        py::dict d;
        const char* names[] = {"renewed", "cancelled", "ended", "unconfirmed"};
        for (int i = 0; i < 4; ++i) d[names[i]] = r.status_probabilities[i];
        return d;
      })
      .def_readonly("evidence", &RenewalResult::evidence, "strongest first")
      .def("explain", &RenewalResult::explain, py::arg("max_items") = 3,
           "One line for a person: \"unconfirmed, 0.41: 'Neither Netflix ...' (-1.3), ...\"");
  py::class_<RenewalScorer>(m, "RenewalScorer",
                            "Renewal status and likelihood of another season. Immutable; score() is thread-safe.")
      .def(py::init([] {
             py::gil_scoped_release release;
             return RenewalScorer::load_default();
           }),
           "The model compiled into the library.")
      .def_static("load", [](const std::string& path) { return RenewalScorer::load(path); }, py::arg("path"))
      .def_static(
          "train",
          [](const py::sequence& texts, const py::sequence& statuses, const std::optional<py::sequence>& outlooks,
             const std::optional<py::sequence>& shows, double l2, int epochs, double learning_rate, int min_feature_count) {
            std::vector<RenewalExample> examples(py::len(texts));
            const std::vector<std::string> status = string_list(statuses, examples.size(), "statuses");
            const std::vector<std::string> outlook = string_list(outlooks, examples.size(), "outlooks");
            const std::vector<std::string> show = string_list(shows, examples.size(), "shows");
            for (std::size_t i = 0; i < examples.size(); ++i)
              examples[i] = RenewalExample{to_utf8(texts[i]), status[i], outlook[i], show[i]};
            RenewalTrainOptions options;
            options.l2 = l2;
            options.epochs = epochs;
            options.learning_rate = learning_rate;
            options.min_feature_count = min_feature_count;
            py::gil_scoped_release release;
            return RenewalScorer::train(examples, options);
          },
          py::arg("texts"), py::arg("statuses"), py::arg("outlooks") = py::none(), py::arg("shows") = py::none(),
          py::arg("l2") = RenewalTrainOptions{}.l2, py::arg("epochs") = RenewalTrainOptions{}.epochs,
          py::arg("learning_rate") = RenewalTrainOptions{}.learning_rate,
          py::arg("min_feature_count") = RenewalTrainOptions{}.min_feature_count,
          "Trains a model from passages and their labels: statuses renewed/cancelled/ended/unconfirmed; outlooks "
          "likely/unlikely/unclear for unconfirmed ones (None or '' otherwise); shows: each passage's main show title.")
      .def("save", &RenewalScorer::save, py::arg("path"))
      .def(
          "score",
          [](const RenewalScorer& scorer, const py::str& py_text, const std::optional<std::string>& show) {
            const std::string text = to_utf8(py_text);
            py::gil_scoped_release release;
            const Document doc = default_tokenizer().tokenize(text);
            RenewalSubject subject;
            if (show) {
              subject = RenewalScorer::subject_from_title(doc, *show);
            } else if (!doc.sentences().empty()) {
              const auto& first = doc.sentences().front();
              if (const auto title = show_from_headline(doc.text().substr(first.begin, first.end - first.begin)))
                subject = RenewalScorer::subject_from_title(doc, *title);
            }
            return scorer.score(doc, subject);
          },
          py::arg("text"), py::arg("show") = py::none(),
          "Scores one article about `show` (default: the show its headline names).");


  py::class_<SentenceSentiment>(m, "SentenceSentiment")
      .def_readonly("begin", &SentenceSentiment::begin)
      .def_readonly("end", &SentenceSentiment::end)
      .def_readonly("score", &SentenceSentiment::score, "P(positive) - P(negative), in [-1, 1]");
  py::class_<SentimentResult>(m, "SentimentResult")
      .def_readonly("label", &SentimentResult::label, "negative, neutral, positive or mixed")
      .def_readonly("score", &SentimentResult::score, "[-1, 1]")
      .def_readonly("sentences", &SentimentResult::sentences);
  py::class_<SentimentScorer>(m, "SentimentScorer",
                              "Sentiment per sentence and per article. Immutable; score() is thread-safe.")
      .def(py::init([] {
             py::gil_scoped_release release;
             return SentimentScorer::load_default();
           }),
           "The model compiled into the library.")
      .def_static("load", [](const std::string& path) { return SentimentScorer::load(path); }, py::arg("path"),
                  "A model written by save() or `greenlight train --task sentiment`.")
      .def_static(
          "train",
          [](const py::sequence& texts, const py::sequence& labels, const std::optional<py::sequence>& dev_texts,
             const std::optional<py::sequence>& dev_labels, double l2, int max_iterations) {
            auto labelled = [](const py::sequence& t, const py::sequence& l, const char* what) {
              if (py::len(t) != py::len(l))
                throw Error(std::string(what) + ": " + std::to_string(py::len(l)) + " labels for " +
                            std::to_string(py::len(t)) + " texts");
              std::vector<LabeledText> out;
              for (std::size_t i = 0; i < py::len(t); ++i)
                out.push_back(LabeledText{normalize_sentiment_label(to_utf8(py::str(l[i]))), to_utf8(t[i])});
              return out;
            };
            const std::vector<LabeledText> train = labelled(texts, labels, "labels");
            std::optional<std::vector<LabeledText>> dev;
            if (dev_texts || dev_labels) {
              if (!dev_texts || !dev_labels) throw Error("dev_texts and dev_labels go together");
              dev = labelled(*dev_texts, *dev_labels, "dev_labels");
            }
            SentimentTrainOptions options;
            options.train.l2 = l2;
            options.train.max_iterations = max_iterations;
            py::gil_scoped_release release;
            return SentimentScorer(train_sentiment(train, dev ? &*dev : nullptr, options));
          },
          py::arg("texts"), py::arg("labels"), py::arg("dev_texts") = py::none(), py::arg("dev_labels") = py::none(),
          py::arg("l2") = TrainOptions{}.l2, py::arg("max_iterations") = TrainOptions{}.max_iterations,
          "Trains a model: labels negative/neutral/positive (or 0/1, neg/pos); with a dev set, early stopping "
          "and calibration on it.")
      .def("save", [](const SentimentScorer& s, const std::string& path) { s.model().save(path); }, py::arg("path"))
      .def_property_readonly("labels", [](const SentimentScorer& s) { return s.model().labels(); })
      .def(
          "score",
          [](const SentimentScorer& scorer, const py::str& py_text) {
            const std::string text = to_utf8(py_text);
            py::gil_scoped_release release;
            return scorer.score(default_tokenizer().tokenize(text));
          },
          py::arg("text"), "Scores of each sentence and of the whole text, and its label.")
      .def(
          "classify",
          [](const SentimentScorer& scorer, const py::str& py_text) {
            const std::string text = to_utf8(py_text);
            py::gil_scoped_release release;
            return scorer.classify(default_tokenizer().tokenize(text));
          },
          py::arg("text"), "The model's most probable label for the text as a whole.");

  // Benchmark seam (bench/python_bench.py): seconds for `repeat` analyses done entirely in C++,
  // to compare with the same calls made from Python.
  m.def("_time_cxx_analyze", [](const Analyzer& analyzer, const py::str& py_text, int repeat) {
    const std::string text = to_utf8(py_text);
    py::gil_scoped_release release;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < repeat; ++i) {
      ArticleReport report = analyzer.analyze(text);
      asm volatile("" : : "r"(&report) : "memory");
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  });

  py::class_<Analyzer>(m, "Analyzer",
                       "Analyzes articles. Load once and reuse: analyze() is thread-safe and releases the GIL.")
      .def(py::init([](std::size_t max_article_bytes) {
             AnalyzerOptions options;
             options.max_article_bytes = max_article_bytes;
             py::gil_scoped_release release;
             return std::make_unique<Analyzer>(options);
           }),
           py::arg("max_article_bytes") = AnalyzerOptions{}.max_article_bytes)
      .def(
          "analyze",
          [](const Analyzer& analyzer, const py::str& py_text, const std::optional<std::string>& reference_date,
             const std::string& source, const std::optional<std::string>& title) {
            const std::string text = to_utf8(py_text);
            ArticleOptions article;
            article.reference_date = parse_date_arg(reference_date);
            article.source = source;
            article.title = title;
            py::gil_scoped_release release;
            return analyzer.analyze(text, article);
          },
          py::arg("text"), py::arg("reference_date") = py::none(), py::arg("source") = "",
          py::arg("title") = py::none(),
          "Analyzes one article. reference_date ('YYYY-MM-DD') resolves relative dates such as 'next year'.")
      .def(
          "analyze_many",
          [](const Analyzer& analyzer, const py::iterable& py_texts, unsigned threads,
             const std::optional<std::string>& reference_date, bool raise_errors) {
            const std::optional<CivilDate> date = parse_date_arg(reference_date);
            std::vector<std::string> texts;
            for (const py::handle& t : py_texts) texts.push_back(to_utf8(t));
            std::vector<ArticleResult> results;
            {
              py::gil_scoped_release release;
              std::vector<std::string_view> views(texts.begin(), texts.end());
              std::vector<ArticleOptions> articles(texts.size());
              for (std::size_t i = 0; i < texts.size(); ++i) {
                articles[i].reference_date = date;
                articles[i].source = std::to_string(i);
              }
              results = analyzer.analyze_batch(views, articles, threads);
            }
            py::list out;
            for (std::size_t i = 0; i < results.size(); ++i) {
              if (auto* report = std::get_if<ArticleReport>(&results[i])) {
                out.append(py::cast(std::move(*report)));
              } else {
                const std::string message = "input " + std::to_string(i) + ": " + std::get<std::string>(results[i]);
                if (raise_errors) throw Error(message);
                out.append(py::cast(message));
              }
            }
            return out;
          },
          py::arg("texts"), py::arg("threads") = 0, py::arg("reference_date") = py::none(),
          py::arg("raise_errors") = true,
          "Analyzes many articles on `threads` threads (0: all cores); results in input order. With "
          "raise_errors=False a failed input yields its error message (a str) in its place.");
}
