"""Each component on its own: dates, media facts, entities and renewal, and training a renewal model."""

import os

import pytest

import greenlight


def test_dates_are_normalized_with_their_role():
    dates = greenlight.DateExtractor()
    found = dates.extract("The series premiered on April 19, 2019, and a second season is due in fall 2022.")
    assert [(d.text, d.value, d.granularity) for d in found] == [
        ("April 19, 2019", "2019-04-19", "day"),
        ("fall 2022", "2022-FA", "season"),
    ]
    assert found[0].role == "premiere"
    assert found[0].begin_date == found[0].end_date == "2019-04-19"


def test_relative_dates_need_a_reference_or_a_date_line():
    dates = greenlight.DateExtractor()
    text = "The show returns next year."
    resolved = dates.extract(text, reference_date="2020-06-15")
    assert resolved[0].value == "2021" and resolved[0].relative
    with_dateline = "Published March 3, 2021\n\nThe show returns next year."
    assert dates.find_dateline(with_dateline) == "2021-03-03"
    assert dates.extract(with_dateline)[-1].value == "2022"
    with pytest.raises(greenlight.Error, match="invalid date"):
        dates.extract(text, reference_date="2021-13-01")


def test_day_first_numeric_dates_are_an_option():
    assert greenlight.DateExtractor().extract("It aired on 10/11/2018.")[0].value == "2018-10-11"
    assert greenlight.DateExtractor(us_numeric_order=False).extract("It aired on 10/11/2018.")[0].value == "2018-11-10"


def test_media_facts():
    facts = greenlight.media_facts("Season 2 will have 13 episodes of 11 minutes each, like Season 1.")
    assert facts.seasons == [1, 2]
    assert facts.episodes == 13
    assert facts.runtime_minutes == 11


def test_entities_with_types_roles_and_the_main_show():
    text = ("Netflix Renews Blue Eye Samurai for Season 2\n\n"
            "Netflix has ordered more of the animated series created by Michael Green and Amber Noizumi. "
            "Blue Eye Samurai is animated by Blue Spirit.")
    result = greenlight.EntityExtractor().extract(text)
    by_name = {m.canonical: m for m in result.mentions}
    assert by_name["Netflix"].type == "streaming"
    assert by_name["Michael Green"].type == "person" and by_name["Michael Green"].role == "creator"
    assert by_name["Blue Spirit"].type == "studio"
    assert result.main_show.title == "Blue Eye Samurai"
    for m in result.mentions:
        assert text.encode("utf-8")[m.begin:m.end].decode("utf-8") == m.text


def test_gazetteer_additions_from_python():
    text = "Lantern bought the rights to the anime this week."
    plain = greenlight.EntityExtractor().extract(text)
    assert plain.mentions == []
    extended = greenlight.EntityExtractor(entries=[("Lantern", "streaming", ["Lantern+"], "US")])
    assert extended.gazetteer_size == greenlight.EntityExtractor().gazetteer_size + 1
    assert ("Lantern", "streaming") in {(m.canonical, m.type) for m in extended.extract(text).mentions}


def test_renewal_scores_with_evidence():
    scorer = greenlight.RenewalScorer()
    renewed = scorer.score("Apple TV+ has renewed Severance for a third season, the streamer announced on Friday.",
                           show="Severance")
    assert renewed.status == "renewed"
    assert renewed.likelihood > 0.8
    assert renewed.evidence and "renewed" in renewed.evidence[0].text
    assert abs(sum(renewed.status_probabilities.values()) - 1) < 1e-6
    assert renewed.explain().startswith("renewed, ")
    cancelled = scorer.score("Netflix has cancelled 1899 after one season, ending hopes for a second.", show="1899")
    assert cancelled.status == "cancelled" and cancelled.likelihood < 0.3


LABELLED = [
    ("Hulu has renewed {} for a second season.", "renewed", None),
    ("{} has been picked up for another season by its network.", "renewed", None),
    ("The network cancelled {} after one season.", "cancelled", None),
    ("{} will not return: it has been cancelled.", "cancelled", None),
    ("There is no word yet on whether {} will be back.", "unconfirmed", "unclear"),
    ("Nobody has said whether {} gets another season.", "unconfirmed", "unclear"),
]
SHOWS = ["Harbor Lights", "Copper Fields", "The Quiet Orchard", "Night Ferry", "Glass Mountain", "Paper Kites"]


def test_training_a_renewal_model_from_python(tmp_path):
    texts, statuses, outlooks, shows = [], [], [], []
    for show in SHOWS:
        for template, status, outlook in LABELLED:
            texts.append(template.format(show))
            statuses.append(status)
            outlooks.append(outlook)
            shows.append(show)
    model = greenlight.RenewalScorer.train(texts, statuses, outlooks, shows, min_feature_count=1)
    path = os.path.join(tmp_path, "renewal.tsv")
    model.save(path)
    loaded = greenlight.RenewalScorer.load(path)
    result = loaded.score("Hulu has renewed Silver Canyon for a second season.", show="Silver Canyon")
    assert result.status == "renewed"
    assert result.likelihood == pytest.approx(model.score("Hulu has renewed Silver Canyon for a second season.",
                                                          show="Silver Canyon").likelihood)
    with pytest.raises(greenlight.Error, match="statuses"):
        greenlight.RenewalScorer.train(["a", "b"], ["renewed"])
    with pytest.raises(greenlight.Error):
        greenlight.RenewalScorer.load(os.path.join(tmp_path, "missing.tsv"))


def test_sentiment_per_sentence_and_overall():
    scorer = greenlight.SentimentScorer()
    text = "The finale was a triumph, moving and beautifully made. Critics adored it."
    result = scorer.score(text)
    assert result.label == "positive" and result.score > 0.3
    assert len(result.sentences) == 2 and all(s.score > 0 for s in result.sentences)
    assert scorer.score("The season was a dull, lifeless mess and a waste of time.").label == "negative"
    assert set(scorer.labels) >= {"negative", "positive"}


def test_training_a_sentiment_model_from_python(tmp_path):
    good = ["a wonderful, warm and funny show", "brilliant acting and a great story", "I loved every episode"]
    bad = ["a boring, clumsy and tedious show", "terrible acting and an awful story", "I hated every episode"]
    texts = good * 4 + bad * 4
    labels = ["positive"] * 12 + ["negative"] * 12
    model = greenlight.SentimentScorer.train(texts, labels)
    assert model.classify("a great and wonderful story") == "positive"
    assert model.classify("an awful and tedious story") == "negative"
    path = os.path.join(tmp_path, "sentiment.glm")
    model.save(path)
    assert greenlight.SentimentScorer.load(path).classify("a great and wonderful story") == "positive"
    with pytest.raises(greenlight.Error, match="labels"):
        greenlight.SentimentScorer.train(["a", "b"], ["positive"])
    with pytest.raises(greenlight.Error):
        greenlight.SentimentScorer.train(["a"], ["sideways"])
