from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

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

class TemporalExpression:
    text: str
    begin: int
    end: int
    value: str
    mod: Optional[str]
    granularity: str
    begin_date: Optional[str]
    end_date: Optional[str]
    role: str
    form: str
    relative: bool

class DateExtractor:
    def __init__(self, us_numeric_order: bool = True) -> None: ...
    def extract(self, text: str, reference_date: Optional[str] = None, use_dateline: bool = True) -> List[TemporalExpression]: ...
    def find_dateline(self, text: str) -> Optional[str]: ...

class MediaFacts:
    seasons: List[int]
    episodes: Optional[int]
    runtime_minutes: Optional[int]
    seasons_so_far: Optional[int]

def media_facts(text: str) -> MediaFacts: ...

class EntityMention:
    text: str
    begin: int
    end: int
    type: str
    canonical: str
    role: Optional[str]

class ShowTitle:
    title: str
    begin: int
    end: int

class EntityResult:
    mentions: List[EntityMention]
    main_show: Optional[ShowTitle]

class EntityExtractor:
    gazetteer_size: int
    def __init__(self, entries: Sequence[Tuple[str, str, List[str], str]] = ..., gazetteer_tsv: str = "",
                 builtin_gazetteer: bool = True) -> None: ...
    def extract(self, text: str, headline: Optional[str] = None) -> EntityResult: ...

class RenewalEvidence:
    begin: int
    end: int
    text: str
    weight: float
    features: List[Tuple[str, float]]

class RenewalResult:
    status: str
    likelihood: float
    outlook: Optional[str]
    status_probabilities: Dict[str, float]
    evidence: List[RenewalEvidence]
    def explain(self, max_items: int = 3) -> str: ...

class RenewalScorer:
    def __init__(self) -> None: ...
    @staticmethod
    def load(path: str) -> "RenewalScorer": ...
    @staticmethod
    def train(texts: Sequence[str], statuses: Sequence[str], outlooks: Optional[Sequence[Optional[str]]] = None,
              shows: Optional[Sequence[Optional[str]]] = None, l2: float = ..., epochs: int = ...,
              learning_rate: float = ..., min_feature_count: int = ...) -> "RenewalScorer": ...
    def save(self, path: str) -> None: ...
    def score(self, text: str, show: Optional[str] = None) -> RenewalResult: ...

class SentenceSentiment:
    begin: int
    end: int
    score: float

class SentimentResult:
    label: str
    score: float
    sentences: List[SentenceSentiment]

class SentimentScorer:
    labels: List[str]
    def __init__(self) -> None: ...
    @staticmethod
    def load(path: str) -> "SentimentScorer": ...
    @staticmethod
    def train(texts: Sequence[str], labels: Sequence[Any], dev_texts: Optional[Sequence[str]] = None,
              dev_labels: Optional[Sequence[Any]] = None, l2: float = ..., max_iterations: int = ...) -> "SentimentScorer": ...
    def save(self, path: str) -> None: ...
    def score(self, text: str) -> SentimentResult: ...
    def classify(self, text: str) -> str: ...
