"""greenlight: shows, studios, people, dates, sentiment and renewal odds from entertainment news.

    >>> import greenlight
    >>> analyzer = greenlight.Analyzer()          # load once, share between threads
    >>> report = analyzer.analyze(text, reference_date="2020-06-15")
    >>> report.title, report.stats.sentences
    >>> report.to_dict()                          # schema greenlight.article/1, as the CLI prints it

Every failure raises greenlight.Error with the library's message.
"""

from ._greenlight import (
    Analyzer,
    ArticleReport,
    ArticleStats,
    DateReport,
    Document,
    EntityReport,
    Error,
    Evidence,
    RenewalReport,
    SentenceScore,
    SentimentReport,
    ShowMention,
    Span,
    Token,
    tokenize,
)

__all__ = [
    "Analyzer",
    "ArticleReport",
    "ArticleStats",
    "DateReport",
    "Document",
    "EntityReport",
    "Error",
    "Evidence",
    "RenewalReport",
    "SentenceScore",
    "SentimentReport",
    "ShowMention",
    "Span",
    "Token",
    "tokenize",
]
