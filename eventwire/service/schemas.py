"""Request and response models of the service (they make its OpenAPI document).

Response models list the fields eventwire writes today and allow extra ones, so a
column added to a table later (a new event field, a story attribute) is passed through
rather than dropped.  Request models forbid unknown fields: a misspelt key is a 422,
not a silently ignored option.
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..model import EVENT_TYPES, MODALITIES

#: the largest article (its ``text`` or ``html``) ``POST /code`` accepts, in UTF-8 bytes
MAX_ARTICLE_BYTES = 2_000_000
#: the most articles one ``POST /code`` request may carry
MAX_ARTICLES = 100

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
Modality = Literal[MODALITIES]  # type: ignore[valid-type]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


# --------------------------------------------------------------------------- events

class ActorOut(_Open):
    """A resolved actor: the span as written and its canonical code."""

    text: Optional[str] = None
    name: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    char_start: Optional[int] = None
    char_end: Optional[int] = None
    entry: Optional[str] = None
    score: Optional[float] = None


class PlaceOut(_Open):
    """Where an event happened (``eventwire.resolve.places``)."""

    text: Optional[str] = None
    name: Optional[str] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    feature: Optional[str] = None
    precision: Optional[str] = None
    source: Optional[str] = None
    char_start: Optional[int] = None
    char_end: Optional[int] = None


class EventOut(_Open):
    """One coded PLOVER event, as in ``events.jsonl``."""

    id: str
    doc_id: str
    event_type: str
    mode: Optional[str] = None
    context: Optional[list[str]] = None
    source: Optional[list[ActorOut]] = None
    target: Optional[list[ActorOut]] = None
    event_date: Optional[str] = None
    date_precision: Optional[str] = None
    negated: Optional[bool] = None
    modality: Optional[str] = None
    attribution: Optional[ActorOut] = None
    sentence: Optional[str] = None
    sentence_index: Optional[int] = None
    char_start: Optional[int] = None
    char_end: Optional[int] = None
    trigger: Optional[str] = None
    trigger_start: Optional[int] = None
    trigger_end: Optional[int] = None
    rules: Optional[list[str]] = None
    confidence: Optional[float] = None
    place: Optional[PlaceOut] = None
    time_text: Optional[str] = None
    story_date: Optional[str] = None
    publisher: Optional[str] = None
    dead: Optional[float] = None
    injured: Optional[float] = None
    size: Optional[float] = None


class EventPage(BaseModel):
    """A page of events; follow ``next_cursor`` (``?cursor=``) for the next one."""

    items: list[EventOut]
    total: int = Field(description="events matching the filters, over all pages")
    limit: int
    offset: int
    next_cursor: Optional[str] = Field(None, description="pass as ?cursor= for the next page; null on the last")


class ArticleRef(_Open):
    """The article an event was coded from."""

    doc_id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None
    story_id: Optional[str] = None
    duplicate_of: Optional[str] = None


class Provenance(BaseModel):
    """Where an event comes from: the sentence, its offsets into the article text, the
    trigger and the rule that fired."""

    doc_id: str
    sentence_index: Optional[int] = None
    sentence: Optional[str] = None
    char_start: Optional[int] = None
    char_end: Optional[int] = None
    trigger: Optional[str] = None
    trigger_start: Optional[int] = None
    trigger_end: Optional[int] = None
    rules: Optional[list[str]] = None
    confidence: Optional[float] = None
    attribution: Optional[ActorOut] = None
    time_text: Optional[str] = None


class EventDetail(BaseModel):
    """One event with its provenance and its article."""

    event: EventOut
    provenance: Provenance
    article: Optional[ArticleRef] = None
    story_event_ids: list[str] = Field(default_factory=list, description="story events reporting it (reconciled folders)")


# --------------------------------------------------------------------------- actors, stats

class ActorSummary(BaseModel):
    """A canonical actor (country code + name) and how often it appears."""

    country: Optional[str] = None
    name: Optional[str] = None
    sectors: list[str] = Field(default_factory=list)
    n_events: int
    n_mentions: int
    n_source: int
    n_target: int
    n_attribution: int


class ActorPage(BaseModel):
    items: list[ActorSummary]
    total: int
    limit: int
    offset: int


class Stats(BaseModel):
    """Counts of the served folder."""

    articles: dict[str, Any]
    events: dict[str, Any]
    actors: dict[str, Any]
    reconciled: bool
    stories: Optional[dict[str, Any]] = None


class Health(BaseModel):
    status: Literal["ok"]
    database: str = Field(description="file name of the served database")
    events: int
    reconciled: bool
    report_renderer: bool = Field(description="whether GET /report can render a page when report.html is absent")


class Error(BaseModel):
    detail: Any = Field(description="what was wrong with the request")


# --------------------------------------------------------------------------- stories

class StoryOut(_Open):
    """A story: one news story covered by one or more outlets (columns of ``stories``)."""

    story_id: str
    title: Optional[str] = None
    first_published: Optional[str] = None
    last_published: Optional[str] = None
    n_articles: Optional[int] = None
    n_outlets: Optional[int] = None


class StoryPage(BaseModel):
    items: list[StoryOut]
    total: int
    limit: int
    offset: int


class StoryEventOut(_Open):
    """One real act merged from the reports of several articles."""

    id: str
    story_id: str
    event_type: Optional[str] = None
    reports: list[dict[str, Any]] = Field(default_factory=list)
    conflicts: list[Any] = Field(default_factory=list)


class StoryDetail(BaseModel):
    story: StoryOut
    articles: list[ArticleRef]
    story_events: list[StoryEventOut]
    conflicts: list[dict[str, Any]] = Field(description="every story event's conflicts, with its story_event_id")


# --------------------------------------------------------------------------- POST /code

class ArticleIn(BaseModel):
    """An article to code: ``text`` or ``html`` (at most 2,000,000 UTF-8 bytes) plus metadata."""

    model_config = ConfigDict(extra="forbid")

    id: Optional[str] = Field(None, max_length=500, description="document id (default: text-N)")
    text: Optional[str] = None
    html: Optional[str] = None
    title: Optional[str] = Field(None, max_length=10_000)
    published: Optional[str] = Field(None, max_length=100, description="publication date, e.g. 2024-03-04")
    outlet: Optional[str] = Field(None, max_length=1_000)
    url: Optional[str] = Field(None, max_length=10_000)

    @model_validator(mode="after")
    def _check(self) -> "ArticleIn":
        if self.text is None and self.html is None:
            raise ValueError("an article needs 'text' or 'html'")
        for name in ("id", "text", "html", "title", "published", "outlet", "url"):
            value = getattr(self, name)
            if value is None:
                continue
            try:
                size = len(value.encode("utf-8"))
            except UnicodeEncodeError as exc:  # a lone surrogate escape such as "\ud800"
                raise ValueError(f"'{name}' is not valid Unicode: {exc.reason} at position {exc.start}") from None
            if name in ("text", "html") and size > MAX_ARTICLE_BYTES:
                raise ValueError(f"'{name}' is {size:,} bytes; at most {MAX_ARTICLE_BYTES:,} per article")
        return self


class CodedArticle(BaseModel):
    """What became of one posted article (``status`` 'coded' or 'skipped' with a reason)."""

    doc_id: str
    status: Literal["coded", "skipped"]
    reason: Optional[str] = None
    message: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None
    language: Optional[str] = None
    truncated: Optional[bool] = None
    n_sentences: int = 0
    n_events: int = 0


class CodeResponse(BaseModel):
    """Coded articles and their events (quotes and claims when the coder produces them)."""

    articles: list[CodedArticle]
    events: list[EventOut]
    quotes: list[dict[str, Any]] = Field(default_factory=list)
    claims: list[dict[str, Any]] = Field(default_factory=list)
