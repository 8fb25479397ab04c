"""The per-article pipeline: ``Article -> Sentence -> Mention -> Event``.

* :class:`Config` is everything that changes what is coded.
* :class:`Pipeline` holds what is loaded once per process (lexicon, actor dictionary, the
  sentence model) and codes batches of articles: split sentences, pre-filter them (only
  sentences that can carry an event go to the parser), parse the survivors with one
  ``nlp.pipe`` call per batch, code mentions, resolve dates, build events.
* :func:`get_pipeline` is the process's pipeline for a config; :func:`code_records` codes a
  batch of ingested records with one bad document isolated as a ``coding_error``;
  :func:`iter_results` streams the results of every input unit under paths (on worker
  processes through :mod:`eventwire.pool`).

The public entry points are :func:`eventwire.api.code` / :func:`eventwire.api.iter_code`
(texts, dicts, articles, paths) and :func:`eventwire.runner.run` (a corpus to a folder).
"""
from __future__ import annotations

import datetime as _dt
import functools
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from .coding.arbiter import Arbiter
from .coding.coder import SentenceCoder
from .coding.context import is_sports_article, off_the_field
from .coding.lexicon import build_lexicon
from .coding.pronouns import pronoun_context, pronoun_slots, split_pronoun_only
from .coding.rolemodel import load_role_model
from .coding.typemodel import load_type_model
from .headcase import Recaser, restore
from .ingest import unit_to_article
from .ingest.boilerplate import rules_for
from .ingest.readers import iter_units
from .model import Article, Event, Mention, Result, Sentence, Skipped
from .nlp import dateline_length, parse, split_sentences
from .pool import map_batches
from .quotes.extract import QuoteExtractor, extract_batch
from .resolve.actors import ActorDictionary
from .resolve.dates import resolve_sentence_date
from .resolve.home import HomeCountry
from .resolve.places import PlaceResolver
from .resolve.pronouns import PronounResolver


@dataclass(frozen=True)
class Config:
    """Everything that changes what is coded (hashable: it keys the per-process cache)."""

    lexicons: tuple[str, ...] = ()       # extra trigger lexicon files (YAML)
    actor_files: tuple[str, ...] = ()    # extra actor dictionary files (TSV)
    prefilter: bool = True               # parse only sentences that contain a trigger word
    max_chars: int = 200_000             # cap of one document's coded text
    parse_batch: int = 128               # sentences per nlp.pipe batch
    type_model: bool = True              # let the trained sentence model arbitrate event types
    type_model_path: str = ""            # another model file (default: the packaged one)
    boilerplate_files: tuple[str, ...] = ()  # extra boilerplate rule files (YAML), over the packaged ones
    places: bool = True                  # find each event's place (eventwire.resolve.places)
    place_files: tuple[str, ...] = ()    # extra place files (TSV with lat/lon)
    home_country: bool = True            # uncoded domestic actors take the article's home country
    role_model: bool = True              # let the learned role model revise the rules' source and target
    role_model_path: str = ""            # another role model file (default: the packaged one)


    quotes: bool = True                  # find quotes and numeric claims (eventwire.quotes)




class Pipeline:
    """Stages loaded once; :meth:`code_articles` codes a batch of articles."""

    def __init__(self, config: Config = Config()) -> None:
        self.config = config
        self.boilerplate = rules_for(config.boilerplate_files)   # a bad user file fails here, with file:line
        self.lexicon = build_lexicon(config.lexicons)
        self.actors = ActorDictionary.load(config.actor_files)
        # Title Case headlines parsed in sentence case, with this pipeline's own words and names
        self.parse = functools.partial(parse, recase=Recaser(self.lexicon, self.actors))
        roles = None
        if config.role_model:
            roles = load_role_model(Path(config.role_model_path) if config.role_model_path else None)
        self.coder = SentenceCoder(self.lexicon, self.actors, roles)
        self.type_model = None
        self.arbiter = None
        if config.type_model:
            self.type_model = load_type_model(Path(config.type_model_path) if config.type_model_path else None)
            if self.type_model is not None:
                self.arbiter = Arbiter(self.type_model, self.lexicon)
        self.places = PlaceResolver(config.place_files) if config.places else None
        self.home = HomeCountry(self.actors, tellers=self.lexicon.sets["teller_sectors"]) if config.home_country else None
        self.quotes = QuoteExtractor(self.actors) if config.quotes else None
        self.pronouns = PronounResolver(self.actors, self.quotes or QuoteExtractor(self.actors))

    # -- stages ----------------------------------------------------------------------
    def sentences(self, article: Article) -> list[Sentence]:
        """Sentence spans of the cleaned text; a leading wire dateline is not part of its sentence."""
        out = []
        for i, s in enumerate(split_sentences(article.text)):
            start = s.start + dateline_length(article.text[s.start:s.end])
            out.append(Sentence(article.doc_id, i, article.text[start:s.end], start, s.end))
        return out

    def can_carry_event(self, text: str) -> bool:
        """Cheap necessary conditions of an event (see :meth:`SentenceCoder.mention`): a trigger
        word and a dictionary actor (country, capital, demonym, organisation, person or sector
        word) somewhere in the sentence."""
        return self.lexicon.has_trigger(text) and (self.actors.has_phrase(text)
                                                   or self.lexicon.has_victim_trigger(text))

    def candidates(self, sentences: list[Sentence]) -> list[Sentence]:
        """Sentences worth parsing: with the pre-filter, only those that can carry an event."""
        if not self.config.prefilter:
            return sentences
        return [s for s in sentences if self.can_carry_event(s.text)]

    def code_articles(self, articles: Sequence[Article]) -> list[Result]:
        """Code a batch: one parser pass over the candidate sentences of all articles."""
        per_doc = [self.sentences(a) for a in articles]
        todo: list[tuple[int, Sentence]] = []
        for k, sents in enumerate(per_doc):
            todo.extend((k, s) for s in self.candidates(sents))
        mentions: list[list[tuple[Sentence, Mention, list]]] = [[] for _ in articles]
        parsed = [0] * len(articles)
        kept: list[dict] = [{} for _ in articles]      # parses the quote finder may reuse
        docs = self.parse((s.text for _, s in todo), batch_size=self.config.parse_batch)
        sporty = [is_sports_article(f"{a.title or ''}\n{a.text}", self.lexicon) for a in articles]
        for (k, sent), doc in zip(todo, docs):
            parsed[k] += 1
            if self.quotes is not None:
                kept[k][sent.index] = doc
            ctx = self.coder.context(doc, offset=sent.char_start, text=sent.text)
            ms, held = split_pronoun_only(self.coder.code_context(pronoun_context(ctx)))
            if doc.text != sent.text:
                restore(ms + held, sent.text, sent.char_start)   # a headline parsed in sentence case
            if self.arbiter is not None:
                ms = self.arbiter(ctx, ms)
            ms = pronoun_slots(ctx, ms + held)
            if sporty[k] or ctx.sports_strict:
                ms = off_the_field(ms, self.lexicon)     # a sports article, or a sentence of one
            mentions[k].extend((sent, m, self.places.candidates(doc, sent.text, sent.char_start, m.trigger_start)
                                if self.places else []) for m in ms)
        results = []
        found: list[Optional[list]] = [None] * len(articles)   # quotes found for the pronouns, reused below
        for k, article in enumerate(articles):
            ms = [m for _, m, _ in mentions[k]]
            if self.pronouns.needed(ms):
                found[k] = self.pronouns.extractor.quotes(article, per_doc[k], kept[k])
                self.pronouns.resolve(article, per_doc[k], kept[k], ms, quotes=found[k])
            mentions[k] = [x for x in mentions[k] if x[1].source or x[1].target]
            events = [self.event(article, s, m) for s, m, _ in mentions[k]]
            where = None
            if self.places is not None:
                where = self.places.assign(article, events, [c for _, _, c in mentions[k]])
            if self.home is not None:
                self.home.assign(article, events, where)
            results.append(Result(article, events, len(per_doc[k]), parsed[k]))
        if self.quotes is not None:
            extracted = extract_batch(self.quotes, articles, per_doc, kept, [r.events for r in results],
                                      parse=self.parse, batch_size=self.config.parse_batch, found=found)
            for r, (quotes, claims) in zip(results, extracted):
                r.quotes, r.claims = quotes, claims
        return results

    def event(self, article: Article, sent: Sentence, m: Mention) -> Event:
        anchor = _iso_date(article.published)
        when = resolve_sentence_date(sent.text, anchor, near=m.trigger_start - sent.char_start,
                                     future=m.modality == "future")
        event_date, precision, time_text = (when.date, when.precision, when.text) if when else (None, None, None)
        if event_date is None and anchor is not None:
            event_date, precision = article.published, "story"
        return Event(
            id=event_id(article.doc_id, sent.index, m),
            doc_id=article.doc_id, event_type=m.event_type, mode=m.mode, context=list(m.context),
            source=m.source, target=m.target, event_date=event_date, date_precision=precision,
            negated=m.negated, modality=m.modality, attribution=m.attribution,
            sentence=sent.text, sentence_index=sent.index, char_start=sent.char_start, char_end=sent.char_end,
            trigger=m.trigger, trigger_start=m.trigger_start, trigger_end=m.trigger_end,
            rules=list(m.rules), confidence=m.confidence, time_text=time_text,
            story_date=article.published, publisher=article.outlet,
        )


def event_id(doc_id: str, sentence_index: int, m: Mention) -> str:
    """Stable across runs: the same document, sentence, trigger and type give the same id."""
    key = f"{doc_id}\x1f{sentence_index}\x1f{m.trigger_start}\x1f{m.event_type}\x1f" + \
          "|".join(a.country or a.text for a in m.source) + "\x1f" + "|".join(a.country or a.text for a in m.target)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _iso_date(value: Optional[str]) -> Optional[_dt.date]:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------- per process

_PIPELINES: dict[Config, Pipeline] = {}


def get_pipeline(config: Config = Config()) -> Pipeline:
    """The process's pipeline for ``config`` (models load once per process)."""
    p = _PIPELINES.get(config)
    if p is None:
        p = _PIPELINES[config] = Pipeline(config)
    return p


def warm_worker(config: Config) -> None:
    """Worker initializer: load the pipeline once, before the first batch."""
    get_pipeline(config)


def code_records(pipe: Pipeline, records: Sequence[Union[Article, Skipped]]) -> list[Result]:
    """Code the articles among ``records`` in one batch; one :class:`Result` per record, in order.

    A batch that fails is coded again one article at a time, and an article that fails on its
    own becomes a ``Skipped`` with reason ``coding_error``: one bad document never stops a run.
    """
    articles = [r for r in records if isinstance(r, Article)]
    try:
        coded = iter(pipe.code_articles(articles) if articles else ())
    except Exception:  # noqa: BLE001 - one bad batch must not stop a run: retry one by one
        coded = iter([_code_one(pipe, a) for a in articles])
    return [next(coded) if isinstance(r, Article) else Result(r) for r in records]


def _code_one(pipe: Pipeline, article: Article) -> Result:
    try:
        return pipe.code_articles([article])[0]
    except Exception as exc:  # noqa: BLE001
        return Result(Skipped(doc_id=article.doc_id, reason="coding_error", message=f"{type(exc).__name__}: {exc}",
                              source_path=article.source_path, language=article.language))


def code_units(units: list, config: Config) -> list[Result]:
    """Worker body: raw units -> articles (or skips) -> coded results, order kept."""
    pipe = get_pipeline(config)
    return code_records(pipe, [u if isinstance(u, Skipped) else _safe_ingest(u, config) for u in units])


def _safe_ingest(unit: Any, config: Config) -> Union[Article, Skipped]:
    try:
        return unit_to_article(unit, max_chars=config.max_chars, boilerplate=config.boilerplate_files)
    except Exception as exc:  # noqa: BLE001
        return Skipped(doc_id=unit.doc_id, reason="ingest_error", message=f"{type(exc).__name__}: {exc}",
                       source_path=getattr(unit, "source_path", None))


def crashed(unit: Any) -> Result:
    """The result of a unit whose worker process died twice while coding it."""
    return Result(Skipped(doc_id=unit.doc_id, reason="worker_crash", source_path=getattr(unit, "source_path", None),
                          message="The worker process coding this document died (killed, out of memory or crashed)."))


def iter_results(paths: Sequence[Union[str, Path]], *, config: Config = Config(), jobs: int = 1,
                 batch_docs: int = 32, skip: Optional[set[str]] = None) -> Iterator[Result]:
    """Stream results for every input unit under ``paths`` (files and folders), in input order.

    ``jobs`` > 1 codes batches in worker processes (each loads the models once; see
    :func:`eventwire.pool.map_batches` for bounded read-ahead and crash isolation: a unit
    that kills its worker twice is skipped as ``worker_crash``); the parent only reads files
    and writes results.  ``skip`` holds doc ids already done (``--resume``); they are not
    coded again.
    """
    def batches() -> Iterator[list]:
        batch: list = []
        size = 0
        for unit in iter_units([str(p) for p in paths]):
            if skip and unit.doc_id in skip:
                continue
            batch.append(unit)
            size += len(getattr(unit, "content", "") or "")
            if len(batch) >= batch_docs or size > 4_000_000:
                yield batch
                batch, size = [], 0
        if batch:
            yield batch

    if jobs <= 1:
        for b in batches():
            yield from code_units(b, config)
        return
    yield from map_batches(batches(), code_units, jobs, args=(config,), on_crash=crashed,
                           initializer=warm_worker, initargs=(config,))


__all__ = ["Config", "Pipeline", "Result", "code_records", "event_id", "get_pipeline", "iter_results"]
