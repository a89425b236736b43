from typing import Any, Dict, List, Optional, Union

class Error(ValueError): ...

class Token:
    text: str
    normalized: str
    kind: str
    begin: int
    end: int
    start: int
    stop: int
    capitalized: bool
    all_caps: bool
    sentence_initial: bool
    clitic: bool

class Span:
    begin: int
    end: int
    start: int
    stop: int
    first: int
    last: int
    text: str

class Document:
    tokens: List[Token]
    sentences: List[Span]
    paragraphs: List[Span]

def tokenize(text: str, split_clitics: bool = True) -> Document: ...

class ShowMention:
    title: str
    begin: int
    end: int

class Evidence:
    begin: int
    end: int
    text: str
    weight: float

class RenewalReport:
    status: str
    likelihood: float
    outlook: Optional[str]
    evidence: List[Evidence]

class SentenceScore:
    begin: int
    end: int
    score: float

class SentimentReport:
    label: str
    score: float
    sentences: List[SentenceScore]

class EntityReport:
    text: str
    begin: int
    end: int
    type: str
    canonical: str
    role: Optional[str]

class DateReport:
    text: str
    begin: int
    end: int
    value: str
    mod: Optional[str]
    granularity: str
    begin_date: Optional[str]
    end_date: Optional[str]
    role: str

class ArticleStats:
    bytes: int
    tokens: int
    sentences: int
    paragraphs: int

class ArticleReport:
    source: str
    title: Optional[str]
    show: Optional[ShowMention]
    renewal: Optional[RenewalReport]
    sentiment: Optional[SentimentReport]
    entities: List[EntityReport]
    dates: List[DateReport]
    seasons: List[int]
    episodes: Optional[int]
    runtime_minutes: Optional[int]
    stats: ArticleStats
    def to_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...

class Analyzer:
    def __init__(self, max_article_bytes: int = ...) -> None: ...
    def analyze(self, text: str, reference_date: Optional[str] = None, source: str = "",
                title: Optional[str] = None) -> ArticleReport: ...
    def analyze_many(self, texts: List[str], threads: int = 0, reference_date: Optional[str] = None,
                     raise_errors: bool = True) -> List[Union[ArticleReport, str]]: ...

__all__: List[str]
