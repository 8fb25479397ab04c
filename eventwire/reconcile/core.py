"""The reconciliation stage over a finished output folder: :func:`reconcile`.

Steps: near-duplicates (:mod:`~eventwire.reconcile.duplicates`), stories
(:mod:`~eventwire.reconcile.stories`), story events and conflicts
(:mod:`~eventwire.reconcile.story_events`, :mod:`~eventwire.reconcile.conflicts`), then
the outputs (``stories.jsonl``, ``story_events.jsonl``, ``articles.jsonl`` rewritten with
``story_id``/``duplicate_of``, Parquet and DuckDB tables: :mod:`~eventwire.reconcile.tables`).

Memory: ``articles.jsonl`` is read once for near-duplicates and the clusterer's first pass
together; texts are never held, hashed features are spilled to disk
(:mod:`~eventwire.reconcile.stream`), and what is kept per article is a small metadata tuple
(plus a MinHash signature for an original still open for copies).  Events are spread over
bucket files by story and reconciled one bucket at a time; the tables are written after the
per-article state is released.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Optional, Union

from eventwire.reconcile.conflicts import corroboration, find_conflicts, n_independent, source_key
from eventwire.reconcile.duplicates import DedupSettings, DedupState, sketch, visit
from eventwire.reconcile.features import DocInput
from eventwire.reconcile.inputs import actors_by_doc, iter_docs
from eventwire.reconcile.rules import Rules, load_rules
from eventwire.reconcile.stories import ClusterSettings, StoryState, story_id_for
from eventwire.reconcile.story_events import StoryEventDraft, link_intents, majority, mention_of, merge_story
from eventwire.reconcile.stream import cluster_streamed
from eventwire.reconcile.tables import STORIES_FILE, STORY_EVENTS_FILE, release_memory, write_tables
from eventwire.sinks.jsonl import (
    ARTICLE_KEYS,
    ARTICLES_FILE,
    EVENTS_FILE,
    LOCK_FILE,
    atomic_path,
    dumps_line,
    iter_jsonl,
)

try:
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

CLAIMS_FILE = "claims.jsonl"
STATE_DIR = ".reconcile"
#: keys added to every ``articles.jsonl`` record
ARTICLE_EXTRA_KEYS = ("story_id", "duplicate_of")
#: event bucket files (by story) while story events are built
N_BUCKETS = 32
#: articles whose MinHash signatures are computed at once
SKETCH_BATCH = 64
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "story": 4}


@dataclass(frozen=True)
class ReconcileSettings:
    """Options of :func:`reconcile` (the CLI's ``eventwire reconcile`` options)."""

    stories: ClusterSettings = ClusterSettings()
    duplicates: DedupSettings = DedupSettings()
    rules_file: Optional[str] = None     # a user YAML overriding keys of data/reconcile.yaml
    resume: bool = False                 # keep the saved clustering state; add new articles only
    tables: bool = True                  # write Parquet + DuckDB tables
    save_state: bool = True              # keep out_dir/.reconcile/ for a later --resume

    def fingerprint(self) -> str:
        """Changes when a setting that shapes the clustering state changes."""
        raw = json.dumps([asdict(self.stories), asdict(self.duplicates)], sort_keys=True)
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass
class ReconcileSummary:
    out_dir: Path
    articles: int = 0            # coded articles reconciled
    duplicates: int = 0          # of them near-duplicates of another
    stories: int = 0
    multi_article_stories: int = 0
    story_events: int = 0
    corroborated: int = 0        # story events with >= 2 independent sources
    conflicts: int = 0
    resumed: int = 0             # articles that kept their story from the saved state
    outputs: dict[str, str] = field(default_factory=dict)


class ReconcileLocked(RuntimeError):
    """The folder is in use by another eventwire run."""


def reconcile(out_dir: Union[str, Path], settings: ReconcileSettings = ReconcileSettings()) -> ReconcileSummary:
    """Reconcile a coded output folder: near-duplicates, stories, story events, conflicts.

    Reads ``articles.jsonl`` and ``events.jsonl`` (and ``claims.jsonl`` when present);
    writes ``stories.jsonl``, ``story_events.jsonl``, adds ``story_id`` and
    ``duplicate_of`` to every record of ``articles.jsonl`` (atomically), and the
    ``stories``, ``story_events`` and ``story_event_reports`` tables.  Running it twice on
    the same folder gives the same files.  With ``settings.resume`` the saved state of a
    previous call is kept: articles added since join its stories or start new ones.
    """
    out = Path(out_dir)
    if not (out / ARTICLES_FILE).exists():
        raise FileNotFoundError(f"{out}: no {ARTICLES_FILE} (not an eventwire output folder)")
    with _folder_lock(out):
        return _reconcile(out, settings)


class _folder_lock:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.fh = None

    def __enter__(self) -> _folder_lock:
        if fcntl is not None:
            self.fh = open(self.out / LOCK_FILE, "a+b")
            try:
                fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                self.fh.close()
                raise ReconcileLocked(f"{self.out} is in use by another eventwire run") from None
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.fh is not None:
            fcntl.flock(self.fh.fileno(), fcntl.LOCK_UN)
            self.fh.close()


def _reconcile(out: Path, settings: ReconcileSettings) -> ReconcileSummary:
    summary = ReconcileSummary(out_dir=out)
    _reconcile_records(out, settings, summary)
    # the per-article state is gone here: hand its memory back before DuckDB takes its share
    release_memory(collect=True)
    if settings.tables:
        summary.outputs.update({k: str(v) for k, v in write_tables(out).items()})
    summary.outputs.update({"stories": str(out / STORIES_FILE), "story_events": str(out / STORY_EVENTS_FILE)})
    return summary


def _reconcile_records(out: Path, settings: ReconcileSettings, summary: ReconcileSummary) -> None:
    """Near-duplicates, stories and story events: every JSON Lines output."""
    rules = load_rules(settings.rules_file)
    state_dir = out / STATE_DIR
    dedup, stories = _load_state(state_dir, settings)

    # 1. near-duplicates and 2. stories, in one reading of articles.jsonl (in file order): each
    # article is compared with the open originals; an original goes on to the clusterer's
    # first pass (the earliest article of a group becomes its original below)
    meta: dict[str, tuple[Optional[str], Optional[str], Optional[str]]] = {}   # doc -> outlet, published, title
    known = set(dedup.duplicate_of) if dedup is not None else set()
    dedup = dedup if dedup is not None else DedupState(settings.duplicates)
    actors = actors_by_doc(out)

    stories = cluster_streamed(_originals(out, actors, dedup, meta), state_dir, settings.stories, stories)
    duplicate_of = _earliest_originals(dedup.duplicate_of, meta)
    summary.resumed = sum(1 for d in meta if d in known)
    # copies take their original's story
    story_of = {d: stories.assignment.get(dedup.duplicate_of.get(d) or d) for d in meta}
    for d, s in story_of.items():   # an original dropped from the state (e.g. a changed text) is its own story
        if s is None:
            story_of[d] = story_id_for(d)
    if settings.save_state:
        _save_state(state_dir, settings, dedup, stories)
    del dedup, stories   # the signatures and centroids are on disk (for --resume) or done with

    # 3. articles.jsonl gets story_id and duplicate_of
    _rewrite_articles(out, story_of, duplicate_of)

    # 4. story events, per bucket of stories
    claims = _load_claims(out)
    outlet_of = {d: m[0] for d, m in meta.items()}
    _write_story_outputs(out, meta, story_of, duplicate_of, outlet_of, actors, claims, rules, summary)

    summary.articles = len(meta)
    summary.duplicates = sum(1 for v in duplicate_of.values() if v)


def _originals(out: Path, actors: dict[str, list[str]], dedup: DedupState,
               meta: dict[str, tuple[Optional[str], Optional[str], Optional[str]]]) -> Iterator[DocInput]:
    """The coded articles of ``out`` in file order, each recorded in ``meta`` and visited by the
    near-duplicate index; those that are no copy are yielded."""
    docs = iter_docs(out, actors)
    while batch := list(islice(docs, SKETCH_BATCH)):
        for d, values in zip(batch, sketch([d.text for d in batch], dedup.settings)):
            meta[d.doc_id] = (_intern(d.outlet), _intern(d.published), d.title)
            if not visit(dedup, d.doc_id, values, d.day):
                yield d


def _load_state(state_dir: Path, settings: ReconcileSettings) -> tuple[Optional[DedupState], StoryState]:
    if not settings.resume:
        return None, StoryState()
    try:
        saved = json.loads((state_dir / "settings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, StoryState()
    if saved.get("fingerprint") != settings.fingerprint():
        return None, StoryState()   # other settings: the state cannot be continued
    dedup = DedupState.load(state_dir, settings.duplicates)
    stories = StoryState.load(state_dir)
    if dedup is None or stories is None:
        return None, StoryState()
    return dedup, stories


def _save_state(state_dir: Path, settings: ReconcileSettings, dedup: DedupState, stories: StoryState) -> None:
    state_dir.mkdir(parents=True, exist_ok=True)
    dedup.save(state_dir)
    stories.save(state_dir)
    tmp = state_dir / ".settings.tmp.json"
    tmp.write_text(json.dumps({"fingerprint": settings.fingerprint()}), encoding="utf-8")
    tmp.replace(state_dir / "settings.json")


def _intern(value: Optional[str]) -> Optional[str]:
    """One string object for the many articles sharing an outlet or a date."""
    return sys.intern(value) if isinstance(value, str) else value


def _earliest_originals(dup: dict[str, Optional[str]], meta: dict[str, tuple]) -> dict[str, Optional[str]]:
    """duplicate_of per article, pointing at the earliest article of its group (publication
    date, then doc id); the earliest itself gets None."""
    groups: dict[str, list[str]] = defaultdict(list)
    for d, o in dup.items():
        if d in meta:
            groups[o or d].append(d)
    result: dict[str, Optional[str]] = {}
    for members in groups.values():
        head = min(members, key=lambda d: (meta[d][1] or "9999", d))
        for d in members:
            result[d] = None if d == head else head
    return result


def _rewrite_articles(out: Path, story_of: dict[str, str], duplicate_of: dict[str, Optional[str]]) -> None:
    """Add ``story_id``/``duplicate_of`` to every record (null for skipped inputs), atomically."""
    path = out / ARTICLES_FILE
    keys = ARTICLE_KEYS + ARTICLE_EXTRA_KEYS
    with atomic_path(path, "reconcile.tmp") as tmp, open(tmp, "wb") as fh:
        for rec in iter_jsonl(path):
            doc = rec.get("doc_id")
            coded = rec.get("status") == "coded"
            rec["story_id"] = story_of.get(doc) if coded else None
            rec["duplicate_of"] = duplicate_of.get(doc) if coded else None
            ordered = {k: rec.get(k) for k in keys}
            ordered.update({k: v for k, v in rec.items() if k not in ordered})
            fh.write(dumps_line(ordered))
        fh.flush()
        os.fsync(fh.fileno())


def _load_claims(out: Path) -> dict[str, list[dict[str, Any]]]:
    path = out / CLAIMS_FILE
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not path.exists():
        return {}
    try:
        for c in iter_jsonl(path):
            if isinstance(c, dict) and c.get("event_id") and c.get("value") is not None:
                found[str(c["event_id"])].append(c)
    except (OSError, ValueError):
        return {}
    return dict(found)


#: the start of an event line as the run's writer lays it out: its id, then its doc id (no escapes)
_EVENT_HEAD = re.compile(rb'\{"id":"[^"\\]*","doc_id":"([^"\\]*)"[,}]')


def _event_doc_id(raw: bytes) -> str:
    """An event line's doc id, read from the line's head when it has the writer's layout
    (routing events to their story's bucket needs nothing else), else parsed."""
    m = _EVENT_HEAD.match(raw)
    return m.group(1).decode("utf-8") if m else json.loads(raw)["doc_id"]


def _bucket(story_id: str) -> int:
    return int(hashlib.sha1(story_id.encode("utf-8")).hexdigest()[:8], 16) % N_BUCKETS


def _write_story_outputs(out: Path, meta: dict[str, tuple], story_of: dict[str, str],
                         duplicate_of: dict[str, Optional[str]], outlet_of: dict[str, Optional[str]],
                         actors: dict[str, list[str]], claims: dict[str, list[dict[str, Any]]], rules: Rules,
                         summary: ReconcileSummary) -> None:
    work = out / STATE_DIR / "buckets"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    handles = {}
    try:
        if (out / EVENTS_FILE).exists():
            with open(out / EVENTS_FILE, "rb") as src:
                for raw in src:
                    if not raw.strip() or not raw.endswith(b"\n"):
                        continue
                    doc = _event_doc_id(raw)
                    sid = story_of.get(doc)
                    if sid is None:
                        continue
                    b = _bucket(sid)
                    if b not in handles:
                        handles[b] = open(work / f"{b:02d}.jsonl", "wb")
                    handles[b].write(raw)
        for fh in handles.values():
            fh.close()
        members: dict[str, list[str]] = defaultdict(list)
        for d, s in story_of.items():
            members[s].append(d)
        by_bucket: dict[int, list[str]] = defaultdict(list)
        for s in members:
            by_bucket[_bucket(s)].append(s)
        tmp_s = out / f".{STORIES_FILE}.tmp"
        tmp_e = out / f".{STORY_EVENTS_FILE}.tmp"
        with open(tmp_s, "wb") as fs, open(tmp_e, "wb") as fe:
            for b in range(N_BUCKETS):
                events: dict[str, list[dict[str, Any]]] = defaultdict(list)
                path = work / f"{b:02d}.jsonl"
                if path.exists():
                    for ev in iter_jsonl(path):
                        events[story_of[ev["doc_id"]]].append(ev)
                for sid in sorted(by_bucket.get(b, ())):
                    docs = sorted(members[sid], key=lambda d: (meta[d][1] or "9999", d))
                    recs = _story_events(sid, events.get(sid, []), meta, duplicate_of, outlet_of, claims, rules)
                    for r in recs:
                        fe.write(dumps_line(r))
                    fs.write(dumps_line(_story_record(sid, docs, meta, actors, events.get(sid, []))))
                    summary.stories += 1
                    summary.multi_article_stories += len(docs) > 1
                    summary.story_events += len(recs)
                    summary.corroborated += sum(1 for r in recs if r["n_independent"] >= 2)
                    summary.conflicts += sum(1 for r in recs for c in r["conflicts"] if c["story_event_ids"][0] == r["id"])
                del events
            for fh in (fs, fe):
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp_s, out / STORIES_FILE)
        os.replace(tmp_e, out / STORY_EVENTS_FILE)
    finally:
        for fh in handles.values():
            fh.close()
        shutil.rmtree(work, ignore_errors=True)


def _story_record(sid: str, docs: list[str], meta: dict[str, tuple], actors: dict[str, list[str]],
                  events: list[dict[str, Any]]) -> dict[str, Any]:
    dates = sorted(meta[d][1] for d in docs if meta[d][1])
    outlets = sorted({meta[d][0] for d in docs if meta[d][0]})
    titled = [d for d in docs if meta[d][2]]
    actor_counts = Counter(a for d in docs for a in actors.get(d, ()))
    return {
        "story_id": sid,
        "title": meta[titled[0]][2] if titled else None,
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
        "doc_ids": docs,
        "outlets": outlets,
        "n_articles": len(docs),
        "n_outlets": len(outlets),
        "actors": [a for a, _ in sorted(actor_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]],
        "event_types": dict(sorted(Counter(e["event_type"] for e in events).items())),
    }


def _story_events(sid: str, events: list[dict[str, Any]], meta: dict[str, tuple],
                  duplicate_of: dict[str, Optional[str]], outlet_of: dict[str, Optional[str]],
                  claims: dict[str, list[dict[str, Any]]], rules: Rules) -> list[dict[str, Any]]:
    if not events:
        return []
    articles = {d: {"outlet": meta[d][0], "published": meta[d][1]} for d in {e["doc_id"] for e in events}}
    mentions = [mention_of(e, articles[e["doc_id"]], rules) for e in events]
    drafts = merge_story(sid, mentions)
    conflicts = find_conflicts(drafts, rules, claims)
    links = link_intents(drafts)
    by_draft: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in conflicts:
        for i in c["story_event_ids"]:
            by_draft[i].append(c)
    return [_story_event_record(d, duplicate_of, outlet_of, rules, by_draft.get(d.id, []), links.get(d.id, []))
            for d in drafts]


def _story_event_record(d: StoryEventDraft, duplicate_of: dict[str, Optional[str]],
                        outlet_of: dict[str, Optional[str]], rules: Rules, conflicts: list[dict[str, Any]],
                        linked: list[str]) -> dict[str, Any]:
    reports = []
    for m in d.mentions:
        ev = m.event
        att = ev.get("attribution") or None
        reports.append({
            "event_id": ev["id"], "doc_id": ev["doc_id"], "outlet": m.outlet, "published": m.published,
            "sentence": ev.get("sentence"), "negated": bool(ev.get("negated")), "modality": ev.get("modality"),
            "attribution": (att.get("name") or att.get("text")) if att else None,
            "confidence": ev.get("confidence"),
        })
    dated = [m.event for m in d.mentions if m.event.get("event_date")]
    best = min((_PRECISION_RANK.get(e.get("date_precision") or "day", 5) for e in dated), default=None)
    top = [e for e in dated if _PRECISION_RANK.get(e.get("date_precision") or "day", 5) == best]
    event_date = majority([e["event_date"] for e in top])
    published = sorted(m.published for m in d.mentions if m.published)
    return {
        "id": d.id, "story_id": d.story_id, "event_type": d.event_type,
        "mode": majority([m.event.get("mode") for m in d.mentions]),
        "source": sorted(d.source), "target": sorted(d.target),
        "event_date": event_date,
        "date_precision": majority([e.get("date_precision") for e in top if e["event_date"] == event_date]),
        "modality": majority([m.event.get("modality") for m in d.mentions], "asserted"),
        "reports": reports, "n_reports": len(reports),
        "n_outlets": len({m.outlet or f"doc:{m.event['doc_id']}" for m in d.mentions}),
        "n_independent": n_independent(d, duplicate_of, outlet_of),
        "first_reported": published[0] if published else None,
        "corroboration": corroboration(d, duplicate_of, outlet_of, rules),
        "conflicts": conflicts,
        "linked": linked,
    }


__all__ = ["ReconcileSettings", "ReconcileSummary", "reconcile", "source_key"]
