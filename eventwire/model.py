"""The one data model every stage passes along.

``Article -> Sentence -> Mention -> Event`` (and ``Skipped`` for an input that could
not be coded).  Records are plain dataclasses so that they are cheap, picklable for
multiprocessing and trivially serialisable with :func:`to_dict`.  Field names follow
PLOVER / POLECAT where one exists (``event_type``, ``mode``, ``context``, ``source``,
``target``, actor ``country`` / ``sector``, ``event_date``, ``publisher``...).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

#: the 16 PLOVER event types (manual v2.0)
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

#: values of :attr:`Event.modality`
MODALITIES: tuple[str, ...] = ("asserted", "intended", "hypothetical", "reported", "future", "historical")


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

    event_type: str
    trigger: str
    trigger_start: int                  # char offset into Article.text
    trigger_end: int
    rule: str                           # id of the lexicon entry / pattern
    mode: Optional[str] = None
    context: list[str] = field(default_factory=list)
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    negated: bool = False
    modality: str = "asserted"
    attribution: Optional[Actor] = None
    time_text: Optional[str] = None
    place_text: Optional[str] = None
    confidence: float = 0.5


@dataclass
class Event:
    """One coded PLOVER event with its provenance."""

    id: str
    doc_id: str
    event_type: str
    mode: Optional[str]
    context: list[str]
    source: list[Actor]
    target: list[Actor]
    event_date: Optional[str]
    date_precision: Optional[str]       # day / month / year
    negated: bool
    modality: str
    attribution: Optional[Actor]
    sentence: str
    sentence_index: int
    char_start: int                     # the sentence span in Article.text
    char_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    rule: str
    confidence: float
    place: Optional[str] = None
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
