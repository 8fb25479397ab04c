"""The one data model every stage passes along.

``Article -> Sentence -> Mention -> Event`` (and ``Skipped`` for an input that could
not be coded); :class:`Result` is what became of one input unit, :class:`RunCounts` counts
a run's results.  Records are plain dataclasses so that they are cheap, picklable for
multiprocessing and trivially serialisable with :func:`to_dict`.  Field names follow
PLOVER / POLECAT where one exists (``event_type``, ``mode``, ``context``, ``source``,
``target``, actor ``country`` / ``sector``, ``event_date``, ``publisher``...).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Optional, Union, get_args

#: a PLOVER event type (manual v2.0)
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
#: the 16 PLOVER event types, in the manual's order
EVENT_TYPES: tuple[str, ...] = get_args(EventType)

#: how an event is reported: done (``asserted``), offered or planned (``intended``: "offered
#: to send aid"), conditional or possible (``hypothetical``: "could", "if"), or announced for
#: later (``future``: "will", "said it would")
Modality = Literal["asserted", "intended", "hypothetical", "future"]
#: values of :attr:`Event.modality`
MODALITIES: tuple[str, ...] = get_args(Modality)

#: how precise :attr:`Event.event_date` is: a date in the text resolved to a ``day``, a ``week``
#: (its Monday), a ``month`` or a ``year``; ``story`` when the text gave no date and the
#: publication date stands in
DatePrecision = Literal["day", "week", "month", "year", "story"]
#: values of :attr:`Event.date_precision` (None when there is no date at all)
DATE_PRECISIONS: tuple[str, ...] = get_args(DatePrecision)


@dataclass
class Article:
    """One input unit (a file or a JSON Lines record) after cleaning."""

    doc_id: str
    text: str                          # cleaned body; all char offsets point into it
    title: Optional[str] = None
    outlet: Optional[str] = None       # publisher
    published: Optional[str] = None    # ISO date (YYYY-MM-DD) or None when unknown
    url: Optional[str] = None
    language: Optional[str] = None
    source_path: Optional[str] = None
    truncated: bool = False            # True when the body was capped before coding
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Skipped:
    """An input unit that was not coded, and why (``reason`` is machine readable)."""

    doc_id: str
    reason: str                        # e.g. "empty", "binary", "not_english:de", "bad_json"
    message: str = ""                  # human explanation
    source_path: Optional[str] = None
    language: Optional[str] = None


@dataclass
class Actor:
    """A resolved actor: the span as written, and its canonical code."""

    text: str                          # as it appears in the sentence
    name: Optional[str] = None         # canonical name ("North Korea", "Sergey Lavrov")
    country: Optional[str] = None      # ISO 3166 alpha-3, or IGO / NGO / MNC / UNO / EUR ...
    sector: Optional[str] = None       # GOV, MIL, CVL, ... (PLOVER sector codes)
    char_start: Optional[int] = None   # into Article.text
    char_end: Optional[int] = None
    entry: Optional[str] = None        # id of the dictionary entry that resolved it
    score: float = 1.0                 # 1.0 exact, lower for fuzzy matches


@dataclass
class Sentence:
    doc_id: str
    index: int                          # sentence index within the article
    text: str
    char_start: int                     # into Article.text
    char_end: int


@dataclass
class Mention:
    """A trigger that fired in a sentence, with the roles found for it (pre-resolution)."""

    event_type: EventType
    trigger: str
    trigger_start: int                  # char offset into Article.text
    trigger_end: int
    rules: list[str]                    # ids of the rules that made it, first the trigger's (provenance)
    mode: Optional[str] = None
    context: list[str] = field(default_factory=list)
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    negated: bool = False
    modality: Modality = "asserted"
    attribution: Optional[Actor] = None
    confidence: float = 0.5


@dataclass
class Event:
    """One coded PLOVER event with its provenance."""

    id: str
    doc_id: str
    event_type: EventType
    mode: Optional[str]
    context: list[str]
    source: list[Actor]
    target: list[Actor]
    event_date: Optional[str]
    date_precision: Optional[DatePrecision]
    negated: bool
    modality: Modality
    attribution: Optional[Actor]
    sentence: str
    sentence_index: int
    char_start: int                     # the sentence span in Article.text
    char_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    rules: list[str]                    # ids of the rules that made it, first the trigger's (provenance)
    confidence: float
    place: Optional[Place] = None
    time_text: Optional[str] = None
    story_date: Optional[str] = None    # publication date of the article
    publisher: Optional[str] = None
    dead: Optional[float] = None        # PLOVER magnitudes, where the sentence gives them
    injured: Optional[float] = None
    size: Optional[float] = None        # crowd or force size


def to_dict(record: Any) -> dict[str, Any]:
    """Serialise any record of this module to a JSON-ready dict."""
    return asdict(record)


@dataclass
class Result:
    """What became of one input unit: its record (coded or skipped) and its events."""

    record: Union[Article, Skipped]
    events: list[Event] = field(default_factory=list)
    n_sentences: int = 0
    n_parsed: int = 0
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    @property
    def coded(self) -> bool:
        """True when the unit was coded (its record is an :class:`Article`)."""
        return isinstance(self.record, Article)


@dataclass
class RunCounts:
    """Counts of a run's documents, sentences and events: the one place they are counted.

    :class:`~eventwire.sinks.jsonl.RunWriter` and the runner's
    :class:`~eventwire.runner.RunSummary` both count through :meth:`add`.
    """

    documents: int = 0
    coded: int = 0
    skipped: int = 0
    sentences: int = 0
    parsed: int = 0
    events: int = 0
    by_type: Counter = field(default_factory=Counter)
    skip_reasons: Counter = field(default_factory=Counter)

    def add(self, record: Union[Article, Skipped], events: Sequence[Event], n_sentences: int = 0,
            n_parsed: int = 0) -> None:
        """Count one document (a coded ``Article`` or a ``Skipped``) and its events."""
        self.documents += 1
        self.sentences += n_sentences
        self.parsed += n_parsed
        self.events += len(events)
        if isinstance(record, Article):
            self.coded += 1
        else:
            self.skipped += 1
            self.skip_reasons[record.reason.split(":")[0]] += 1
        self.by_type.update(e.event_type for e in events)


@dataclass
class Place:
    """Where an event took place (:mod:`eventwire.resolve.places`).

    ``source`` says how it was found: ``sentence`` (a locative phrase of the event's sentence),
    ``dateline`` (the article's wire dateline) or ``article`` (the one country the article
    names in a locative role).  ``precision`` says what the coordinates stand for: ``city``,
    ``site``, ``region`` or ``country`` (a representative point), or None without coordinates.
    """

    text: str                           # as written ("Wonsan", "SEOUL")
    name: str                           # canonical name
    country: Optional[str] = None       # ISO 3166 alpha-3
    admin1: Optional[str] = None        # first-level region, when known
    lat: Optional[float] = None
    lon: Optional[float] = None
    feature: str = "city"               # city / region / country / site
    precision: Optional[str] = None
    source: str = "sentence"            # sentence / dateline / article
    char_start: Optional[int] = None    # into Article.text
    char_end: Optional[int] = None


@dataclass
class Speaker:
    """Who said a quote or gave a number: the span as written and what it resolves to."""

    text: str                           # as written ("he", "Russian Foreign Minister Sergey Lavrov")
    name: Optional[str] = None          # person or organisation name ("Sergey Lavrov")
    country: Optional[str] = None
    sector: Optional[str] = None
    char_start: Optional[int] = None    # into Article.text
    char_end: Optional[int] = None


@dataclass
class Quote:
    """A quote: direct ("..." he said), indirect (he said that ...) or mixed (a scare quote)."""

    id: str
    doc_id: str
    text: str                           # the content, without the quote marks
    char_start: int                     # of the content, into Article.text
    char_end: int
    kind: str                           # direct | indirect | mixed
    speaker: Optional[Speaker]
    cue: Optional[str]                  # said, told, according to, added ...
    sentence_index: int
    event_ids: list[str] = field(default_factory=list)


@dataclass
class Claim:
    """A number given in an article ("2.2 million cases", "$20 million")."""

    id: str
    doc_id: str
    value: float                        # normalised: "2.2 million" -> 2200000
    unit: Optional[str]                 # counted word ("troops"), ISO currency ("USD") or "%"
    about: Optional[str]                # what is counted (the words after the number)
    approximate: Optional[str]          # "about", "more than", "up to", "range" ... or None
    text: str                           # as written
    char_start: int
    char_end: int
    speaker: Optional[Speaker]
    event_id: Optional[str]
    sentence_index: int = 0
