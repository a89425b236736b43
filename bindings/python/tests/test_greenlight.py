"""The Python package, used as a notebook or pipeline would use it."""

import json
import os
import threading

import pytest

import greenlight

SOURCE_DIR = os.environ.get("GREENLIGHT_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SAMPLE = os.path.join(SOURCE_DIR, "data", "samples", "rilakkuma-and-kaoru-season-2.txt")


@pytest.fixture(scope="module")
def analyzer():
    return greenlight.Analyzer()


@pytest.fixture(scope="module")
def sample_text():
    with open(SAMPLE, encoding="utf-8") as f:
        return f.read()


def test_tokenize_gives_byte_and_str_offsets():
    text = "Café’s “Netflix” doesn't"
    doc = greenlight.tokenize(text)
    words = [t.text for t in doc.tokens]
    assert words == ["Café", "’s", "“", "Netflix", "”", "does", "n't"]
    for t in doc.tokens:
        assert text[t.start:t.stop] == t.text
        assert text.encode("utf-8")[t.begin:t.end].decode("utf-8") == t.text
    assert doc.tokens[1].clitic and doc.tokens[1].normalized == "'s"
    assert len(doc.sentences) == 1


def test_tokenize_without_clitic_split():
    assert [t.text for t in greenlight.tokenize("doesn't", split_clitics=False).tokens] == ["doesn't"]


def test_analyze_report_attributes_and_dict_match_the_cli_schema(analyzer, sample_text):
    report = analyzer.analyze(sample_text, reference_date="2020-06-15", source="sample")
    assert report.source == "sample"
    assert report.title.startswith("Rilakkuma and Kaoru Season 2")
    assert report.stats.bytes == len(sample_text.encode("utf-8"))
    d = report.to_dict()
    assert d["schema"] == "greenlight.article/1"
    for field in ("title", "show", "renewal", "sentiment", "entities", "dates", "seasons", "episodes",
                  "runtime_minutes", "stats"):
        assert field in d
    assert json.loads(report.to_json()) == d


def test_errors_raise_greenlight_error_with_the_message(analyzer):
    with pytest.raises(greenlight.Error, match="invalid date"):
        analyzer.analyze("text", reference_date="2021-02-30")
    small = greenlight.Analyzer(max_article_bytes=10)
    with pytest.raises(greenlight.Error, match="exceeds the limit"):
        small.analyze("x" * 11)


def test_analyze_many_keeps_order_and_reports_errors_in_place(analyzer, sample_text):
    small = greenlight.Analyzer(max_article_bytes=100)
    texts = ["Short one.", "x" * 200, "Another short one."]
    results = small.analyze_many(texts, threads=2, raise_errors=False)
    assert isinstance(results[0], greenlight.ArticleReport)
    assert isinstance(results[1], str) and "exceeds the limit" in results[1]
    assert results[2].stats.bytes == len(texts[2])
    with pytest.raises(greenlight.Error):
        small.analyze_many(texts)
    many = analyzer.analyze_many([sample_text] * 8, threads=2)
    assert [r.to_dict() for r in many] == [analyzer.analyze(sample_text, source=str(i)).to_dict() for i in range(8)]


def test_threads_share_one_analyzer(analyzer, sample_text):
    expected = analyzer.analyze(sample_text).to_json()
    results = []

    def work():
        for _ in range(20):
            results.append(analyzer.analyze(sample_text).to_json())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 80


def test_hostile_text_is_handled():
    # NUL, a lone surrogate (a str may hold one) and an emoji: invalid tokens, exact str offsets.
    text = "a\x00b \udcff x\U0001F600y"
    doc = greenlight.tokenize(text)
    kinds = [t.kind for t in doc.tokens]
    assert "invalid" in kinds
    assert doc.tokens[-1].text == "y" and text[doc.tokens[-1].start:doc.tokens[-1].stop] == "y"
    with pytest.raises(TypeError):
        greenlight.tokenize(b"bytes are not text")
