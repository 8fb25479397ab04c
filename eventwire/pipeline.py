"""The library call behind the CLI, the service and the Spark job.

``Article -> Sentence -> Mention -> Event``:

* :class:`Pipeline` holds what is loaded once per process (lexicon, actor dictionary, the
  spaCy parser) and codes batches of articles: split sentences, pre-filter them (only
  sentences with a trigger word go to the parser), parse the survivors with one
  ``nlp.pipe`` call per batch, code mentions, resolve dates, build events.
* :func:`code` is the documented entry point for Python users: texts or paths in, typed
  :class:`Result` records out.
* :func:`run` streams a corpus to an output folder (what ``eventwire code`` does), in
  bounded memory, on ``jobs`` processes, resumable.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

from .model import Actor, Article, Event, Mention, Sentence, Skipped


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


@dataclass
class Result:
    """What became of one input unit."""

    record: Union[Article, Skipped]
    events: list[Event] = field(default_factory=list)
    n_sentences: int = 0
    n_parsed: int = 0

    @property
    def coded(self) -> bool:
        return isinstance(self.record, Article)


class Pipeline:
    """Stages loaded once; :meth:`code_articles` codes a batch of articles."""

    def __init__(self, config: Config = Config()) -> None:
        from .coding.coder import SentenceCoder
        from .coding.lexicon import build_lexicon
        from .resolve.actors import ActorDictionary

        self.config = config
        self.lexicon = build_lexicon(config.lexicons)
        self.actors = ActorDictionary.load(config.actor_files)
        self.coder = SentenceCoder(self.lexicon, self.actors)
        # rules that name their object ("imposed sanctions", "reached an agreement") are not relabelled
        self._specific_rules = {r.id for r in self.lexicon.rules if r.objects}
        self.type_model = None
        if config.type_model:
            from .coding.typemodel import load_type_model

            self.type_model = load_type_model(Path(config.type_model_path) if config.type_model_path else None)

    # -- stages ----------------------------------------------------------------------
    def sentences(self, article: Article) -> list[Sentence]:
        """Sentence spans of the cleaned text; a leading wire dateline is not part of its sentence."""
        from .nlp import dateline_length, split_sentences

        out = []
        for i, s in enumerate(split_sentences(article.text)):
            start = s.start + dateline_length(article.text[s.start:s.end])
            out.append(Sentence(article.doc_id, i, article.text[start:s.end], start, s.end))
        return out

    def can_carry_event(self, text: str) -> bool:
        """Cheap necessary conditions of an event (see :meth:`SentenceCoder.mention`): a trigger
        word and a dictionary actor (country, capital, demonym, organisation, person or sector
        word) somewhere in the sentence."""
        return self.lexicon.has_trigger(text) and self.actors.has_phrase(text)

    def candidates(self, sentences: list[Sentence]) -> list[Sentence]:
        """Sentences worth parsing: with the pre-filter, only those that can carry an event."""
        if not self.config.prefilter:
            return sentences
        return [s for s in sentences if self.can_carry_event(s.text)]

    def code_articles(self, articles: Sequence[Article]) -> list[Result]:
        """Code a batch: one parser pass over the candidate sentences of all articles."""
        from .nlp import parse

        per_doc = [self.sentences(a) for a in articles]
        todo: list[tuple[int, Sentence]] = []
        for k, sents in enumerate(per_doc):
            todo.extend((k, s) for s in self.candidates(sents))
        mentions: list[list[tuple[Sentence, Mention]]] = [[] for _ in articles]
        parsed = [0] * len(articles)
        docs = parse((s.text for _, s in todo), batch_size=self.config.parse_batch)
        for (k, sent), doc in zip(todo, docs):
            parsed[k] += 1
            ms = self.coder.code(doc, offset=sent.char_start, text=sent.text)
            if self.type_model is not None:
                ms = self.coder.conventions(self.arbitrate(doc, sent, ms))
            mentions[k].extend((sent, m) for m in ms)
        results = []
        for k, article in enumerate(articles):
            events = [self.event(article, s, m) for s, m in mentions[k]]
            results.append(Result(article, events, len(per_doc[k]), parsed[k]))
        return results

    def arbitrate(self, doc, sent: Sentence, mentions: list[Mention]) -> list[Mention]:
        """Let the sentence model weigh the rules' readings (see :mod:`eventwire.coding.typemodel`).

        The most confident mention is relabelled when the model is sure of another type and
        gives the rules' type little weight; confidences blend rule prior and model; a sentence
        with a trigger word but no rule reading gets one on its main verb when the model is sure.
        """
        from .coding.typemodel import YIELD, sample

        tm = self.type_model
        probs = tm.proba(sample(doc, mentions, self.lexicon, sent.text))
        p_none = tm.p_none(probs)
        label, p = tm.best_event(probs)
        etype = tm.to_event_type(label, mentions)
        if not mentions:
            # a reading of the main verb, only where the pre-filter's conditions hold (a trigger
            # word; mention() then needs a dictionary actor), so pre-filtering loses nothing;
            # never where the model reads the sentence as reporting no event
            if p >= tm.min_fallback and p_none < tm.max_none_fallback and self.lexicon.has_trigger(sent.text):
                # YIELD stands for RETREAT or CONCEDE: the reading to_event_type chose first
                types = (etype, *(t for t in YIELD if t != etype)) if label == "YIELD" else (etype,)
                m = self.coder.fallback(doc, types, sent.char_start, confidence=round(p * 0.8, 3),
                                        loose=p >= tm.min_fallback_loose, generic=p >= tm.min_fallback_generic)
                return [m] if m else []
            return []
        if p_none >= tm.min_drop:
            return []     # the rules fired on words, the model is sure no event is reported
        for m in mentions:
            m.confidence = round(0.5 * m.confidence + 0.5 * tm.p_of(probs, m.event_type), 3)
        top = max(mentions, key=lambda m: m.confidence)
        # a rule that names its object ("imposed sanctions") needs a surer model to be overruled
        bar = tm.min_relabel_specific if top.rule.split("+")[0] in self._specific_rules else tm.min_relabel
        p_rule = tm.p_of(probs, top.event_type)
        if top.modality == "intended" and etype in self.lexicon.sets["future_as_agree"]:
            return mentions   # "ready to help", "offered aid": an intended cooperative act is AGREE, whatever the model
        if etype != top.event_type and p >= bar and p - p_rule >= tm.margin and p >= tm.min_ratio * p_rule:
            same = [m for m in mentions if m.event_type == etype]
            if same:
                same[0].confidence = max(same[0].confidence, round(p, 3))
            else:
                top.event_type = etype
                top.mode = self.coder.mode_of(doc, etype, top.trigger_start - sent.char_start)
                top.rule += "+model.sentence"
                top.confidence = round(p * 0.9, 3)
        return mentions

    def event(self, article: Article, sent: Sentence, m: Mention) -> Event:
        from .resolve.dates import resolve_sentence_date

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
            rule=m.rule, confidence=m.confidence, time_text=time_text,
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


def _code_units(units: list, config: Config) -> list[Result]:
    """Worker body: raw units -> articles (or skips) -> coded results, order kept."""
    from .ingest import unit_to_article

    pipe = get_pipeline(config)
    records = [u if isinstance(u, Skipped) else _safe_ingest(unit_to_article, u, config) for u in units]
    articles = [r for r in records if isinstance(r, Article)]
    try:
        coded = iter(pipe.code_articles(articles))
    except Exception:  # noqa: BLE001 - one bad batch must not stop a run: retry one by one
        coded = iter([_code_one(pipe, a) for a in articles])
    return [next(coded) if isinstance(r, Article) else Result(r) for r in records]


def _safe_ingest(fn: Callable, unit, config: Config):
    try:
        return fn(unit, max_chars=config.max_chars)
    except Exception as exc:  # noqa: BLE001
        return Skipped(doc_id=unit.doc_id, reason="ingest_error", message=f"{type(exc).__name__}: {exc}",
                       source_path=getattr(unit, "source_path", None))


def _code_one(pipe: Pipeline, article: Article) -> Result:
    try:
        return pipe.code_articles([article])[0]
    except Exception as exc:  # noqa: BLE001
        return Result(Skipped(doc_id=article.doc_id, reason="coding_error", message=f"{type(exc).__name__}: {exc}",
                              source_path=article.source_path, language=article.language))


# --------------------------------------------------------------------------- public API

def code(items: Union[str, os.PathLike, Iterable[Union[str, os.PathLike, Article, dict]]], *,
         config: Config = Config()) -> list[Result]:
    """Code texts, articles or files; returns one :class:`Result` per input unit.

    ``items`` may be a single text, a path, or an iterable mixing texts (``str``), paths
    (``pathlib.Path``; folders are walked), :class:`Article` objects and dicts with
    ``text``/``html`` and optional ``id``, ``title``, ``published``, ``outlet``, ``url``::

        >>> from eventwire import code
        >>> [e.event_type for r in code("Russia offered to send aid to Syria.") for e in r.events]
        ['AGREE']
    """
    from .ingest import article_from_text

    if isinstance(items, (str, os.PathLike)):
        items = [items]
    pipe = get_pipeline(config)
    results: list[Result] = []
    paths: list[Path] = []
    pending: list = []

    def flush() -> None:
        arts = [p for p in pending if isinstance(p, Article)]
        coded = iter(pipe.code_articles(arts)) if arts else iter(())
        results.extend(next(coded) if isinstance(p, Article) else Result(p) for p in pending)
        pending.clear()

    for n, item in enumerate(items, 1):
        if isinstance(item, Path):
            paths.append(item)
            continue
        if isinstance(item, Article):
            pending.append(item)
        elif isinstance(item, dict):
            meta = {k: item.get(k) for k in ("title", "published", "outlet", "url")}
            pending.append(article_from_text(item.get("text") or "", doc_id=str(item.get("id") or f"text-{n}"),
                                             html=item.get("html"), max_chars=config.max_chars, **meta))
        else:
            pending.append(article_from_text(str(item), doc_id=f"text-{n}", max_chars=config.max_chars))
    flush()
    if paths:
        results.extend(iter_results(paths, config=config, jobs=1))
    return results


def iter_results(paths: Sequence[Union[str, Path]], *, config: Config = Config(), jobs: int = 1,
                 batch_docs: int = 32, skip: Optional[set[str]] = None) -> Iterator[Result]:
    """Stream results for every input unit under ``paths`` (files and folders), in input order.

    ``jobs`` > 1 codes batches in worker processes (each loads the models once); the parent
    only reads files and writes results.  Submission is bounded: at most
    ``_IN_FLIGHT_PER_JOB * jobs`` batches are read ahead of the consumer (being coded, or
    coded and waiting to be consumed), so memory stays flat whatever the corpus size and
    however slow the consumer.  A worker that dies (killed, out of memory, a crash in native
    code) does not stop or hang the run: the batches it took down are coded again one unit
    at a time in fresh workers, and a unit that kills its worker again is skipped
    (``worker_crash``).  ``skip`` holds doc ids already done (``--resume``); they are not
    coded again.
    """
    from .ingest.readers import iter_units

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
            yield from _code_units(b, config)
        return
    yield from _pooled(batches(), config, jobs)


#: batches submitted but not yet consumed, per worker process
_IN_FLIGHT_PER_JOB = 2
#: batches a pool codes per worker before it is replaced (bounds the parser's vocabulary growth)
_BATCHES_PER_WORKER = 200
#: units in a row that kill their worker before the run gives up (the workers cannot work at all)
_MAX_CRASHES_IN_A_ROW = 3


def _pooled(batches: Iterator[list], config: Config, jobs: int) -> Iterator[Result]:
    """Code ``batches`` on ``jobs`` worker processes; results in input order (see :func:`iter_results`)."""
    from collections import deque
    from concurrent.futures.process import BrokenProcessPool

    window: deque = deque()          # (batch, future), in input order
    pool = None
    submitted = 0
    exhausted = False
    finished = False
    try:
        while True:
            while not exhausted and len(window) < jobs * _IN_FLIGHT_PER_JOB and \
                    (pool is None or submitted < jobs * _BATCHES_PER_WORKER):
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                if pool is None:
                    pool, submitted = _new_pool(config, jobs), 0
                window.append((batch, pool.submit(_code_units, batch, config)))
                submitted += 1
            if not window:
                if exhausted:
                    finished = True
                    return
                _close_pool(pool)    # drained and old: the next batch starts a fresh pool
                pool = None
                continue
            batch, future = window.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                lost = [batch, *(b for b, _ in window)]
                window.clear()
                _close_pool(pool, kill=True)
                pool = None
                yield from _code_isolated(lost, config)
                continue
            yield from results
    finally:
        for _, future in window:
            future.cancel()
        if pool is not None:
            _close_pool(pool, kill=not finished)


def _code_isolated(batches: list[list], config: Config) -> Iterator[Result]:
    """Code the units of batches lost with a dead worker one at a time, each in a worker of
    its own pool, so that a unit that kills its worker again is identified and skipped."""
    from concurrent.futures.process import BrokenProcessPool

    pool = None
    crashes = 0
    try:
        for unit in (u for b in batches for u in b):
            if pool is None:
                pool = _new_pool(config, 1)
            try:
                results = pool.submit(_code_units, [unit], config).result()
                crashes = 0
            except BrokenProcessPool:
                _close_pool(pool, kill=True)
                pool = None
                crashes += 1
                if crashes >= _MAX_CRASHES_IN_A_ROW:
                    raise RuntimeError(f"worker processes died on {crashes} documents in a row "
                                       f"(the last: {unit.doc_id!r}); giving up") from None
                results = [Result(Skipped(
                    doc_id=unit.doc_id, reason="worker_crash", source_path=getattr(unit, "source_path", None),
                    message="The worker process coding this document died (killed, out of memory or crashed)."))]
            yield from results
    finally:
        if pool is not None:
            _close_pool(pool)


def _new_pool(config: Config, jobs: int):
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers inherit the models the parent may have loaded already
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    return ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(config, os.getpid()))


def _close_pool(pool, *, kill: bool = False) -> None:
    """Shut ``pool`` down; ``kill`` ends its workers at once (run aborted, or pool broken)."""
    if kill:
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                proc.kill()
            except (OSError, ValueError, AttributeError):
                pass
    pool.shutdown(wait=True, cancel_futures=True)


def _init_worker(config: Config, parent_pid: Optional[int] = None) -> None:
    import signal

    # Ctrl-C is the parent's business; a worker must not print a KeyboardInterrupt traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent_pid is not None:
        _die_with_parent(parent_pid)
    try:
        get_pipeline(config)
    except Exception:  # noqa: BLE001 - raised again by the first task, and so reported by the parent
        pass


def _die_with_parent(parent_pid: int) -> None:
    """Linux: have the kernel SIGKILL this worker when the parent dies (e.g. ``kill -9``), so
    that no orphan keeps coding, printing tracebacks or holding the output folder's lock."""
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover
        return
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


# --------------------------------------------------------------------------- whole runs

@dataclass
class RunSummary:
    out_dir: Path
    documents: int = 0
    coded: int = 0
    skipped: int = 0
    sentences: int = 0
    parsed: int = 0
    events: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    skip_reasons: dict[str, int] = field(default_factory=dict)
    resumed_from: int = 0
    outputs: dict[str, str] = field(default_factory=dict)


def run(paths: Sequence[Union[str, Path]], out_dir: Union[str, Path], *, config: Config = Config(),
        jobs: int = 1, resume: bool = False, on_result: Optional[Callable[[Result], None]] = None,
        reconcile: bool = True) -> RunSummary:
    """Code every input unit under ``paths`` into ``out_dir`` (JSONL as it goes; Parquet and DuckDB at the end),
    then reconcile the folder (stories, story events; :func:`eventwire.reconcile.reconcile`) unless
    ``reconcile=False``; with ``resume`` the saved reconciliation state is continued."""
    from .sinks.jsonl import RunWriter
    from .sinks.tables import finalize

    out = Path(out_dir)
    for p in paths:
        if not Path(p).exists():
            raise FileNotFoundError(f"input not found: {p}")
    out.mkdir(parents=True, exist_ok=True)
    summary = RunSummary(out_dir=out)
    with RunWriter(out, resume=resume) as writer:
        done = set(writer.done) if resume else set()
        summary.resumed_from = len(done)
        for res in iter_results(paths, config=config, jobs=jobs, skip=done):
            writer.write(res.record, res.events, res.n_sentences)
            summary.documents += 1
            summary.sentences += res.n_sentences
            summary.parsed += res.n_parsed
            summary.events += len(res.events)
            if res.coded:
                summary.coded += 1
            else:
                summary.skipped += 1
                key = res.record.reason.split(":")[0]
                summary.skip_reasons[key] = summary.skip_reasons.get(key, 0) + 1
            for e in res.events:
                summary.by_type[e.event_type] = summary.by_type.get(e.event_type, 0) + 1
            if on_result:
                on_result(res)
    tables = finalize(out)
    summary.outputs = {k: str(v) for k, v in tables.items() if isinstance(v, (str, Path))}
    if reconcile:
        from .reconcile import ReconcileSettings
        from .reconcile import reconcile as reconcile_folder

        summary.outputs.update(reconcile_folder(out, ReconcileSettings(resume=resume)).outputs)
    return summary


__all__ = ["Config", "Pipeline", "Result", "RunSummary", "code", "iter_results", "run", "get_pipeline", "Actor"]
