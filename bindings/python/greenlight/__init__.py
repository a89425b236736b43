"""greenlight: shows, studios, people, dates, sentiment and renewal odds from entertainment news.

    >>> import greenlight
    >>> analyzer = greenlight.Analyzer()          # load once, share between threads
    >>> report = analyzer.analyze(text, reference_date="2020-06-15")
    >>> report.title, report.stats.sentences
    >>> report.to_dict()                          # schema greenlight.article/1, as the CLI prints it

Each component also works on its own:

    >>> greenlight.DateExtractor().extract("It returns in fall 2022.")[0].value      # '2022-FA'
    >>> greenlight.EntityExtractor().extract(text).mentions
    >>> greenlight.RenewalScorer().score(text).explain()
    >>> greenlight.SentimentScorer().score(text).label
    >>> model = greenlight.RenewalScorer.train(texts, statuses, outlooks); model.save("renewal.tsv")

Every failure raises greenlight.Error with the library's message.
"""

from ._greenlight import (
    Analyzer,
    ArticleReport,
    ArticleStats,
    DateExtractor,
    DateReport,
    Document,
    EntityExtractor,
    EntityMention,
    EntityReport,
    EntityResult,
    Error,
    Evidence,
    MediaFacts,
    RenewalEvidence,
    RenewalReport,
    RenewalResult,
    RenewalScorer,
    SentenceScore,
    SentenceSentiment,
    SentimentReport,
    SentimentResult,
    SentimentScorer,
    ShowMention,
    ShowTitle,
    Span,
    TemporalExpression,
    Token,
    media_facts,
    tokenize,
)

__all__ = [
    "Analyzer",
    "ArticleReport",
    "ArticleStats",
    "DateExtractor",
    "DateReport",
    "Document",
    "EntityExtractor",
    "EntityMention",
    "EntityReport",
    "EntityResult",
    "Error",
    "Evidence",
    "MediaFacts",
    "RenewalEvidence",
    "RenewalReport",
    "RenewalResult",
    "RenewalScorer",
    "SentenceScore",
    "SentenceSentiment",
    "SentimentReport",
    "SentimentResult",
    "SentimentScorer",
    "ShowMention",
    "ShowTitle",
    "Span",
    "TemporalExpression",
    "Token",
    "media_facts",
    "tokenize",
]
