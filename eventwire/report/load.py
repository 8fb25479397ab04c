"""Reading a finished output folder for the report.

Tables come from ``eventwire.duckdb`` when it is there (read-only), else from the JSON Lines
files.  Every table is optional except what a coding run always writes (``articles``,
``events``); ``stories``, ``story_events`` (issue 11), ``quotes``, ``claims`` (issue 12) and an
event's ``place`` (issue 16) are used when present.  Article texts are never loaded: the report
needs only each article's metadata and each event's sentence.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

DUCKDB_FILE = "eventwire.duckdb"

#: article columns the report reads (never ``text``)
ARTICLE_COLUMNS = ("doc_id", "status", "reason", "title", "outlet", "published", "story_id", "duplicate_of")


@dataclass
class Corpus:
    """What the report reads from one output folder."""

    folder: Path
    source: str                                   # "duckdb" or "jsonl"
    articles: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    stories: list[dict[str, Any]] = field(default_factory=list)
    story_events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    has_stories: bool = False


class ReportInputError(ValueError):
    """The folder is not an eventwire output folder (no articles or events)."""


def load_corpus(folder: str | Path) -> Corpus:
    """Read ``folder`` (an ``eventwire code`` output folder) into a :class:`Corpus`."""
    out = Path(folder)
    if not out.is_dir():
        raise ReportInputError(f"not a folder: {out}")
    db = out / DUCKDB_FILE
    if db.exists():
        try:
            corpus = _load_duckdb(out, db)
        except _DuckDBUnusable:
            corpus = _load_jsonl(out)
    else:
        corpus = _load_jsonl(out)
    if not any((out / name).exists() for name in ("articles.jsonl", "events.jsonl", DUCKDB_FILE)):
        raise ReportInputError(f"{out} holds neither articles nor events (articles.jsonl, events.jsonl "
                               f"or {DUCKDB_FILE}): is it an 'eventwire code' output folder?")
    corpus.has_stories = bool(corpus.story_events)
    return corpus


class _DuckDBUnusable(Exception):
    pass


# --------------------------------------------------------------------------- JSON Lines

def _iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSON Lines file; a bad line (a torn tail, a stray write) is skipped."""
    if not path.exists():
        return
    with open(path, "rb") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict):
                yield rec


def _load_jsonl(out: Path) -> Corpus:
    c = Corpus(folder=out, source="jsonl")
    c.articles = [{k: r.get(k) for k in ARTICLE_COLUMNS} for r in _iter_jsonl(out / "articles.jsonl")]
    c.events = list(_iter_jsonl(out / "events.jsonl"))
    c.stories = list(_iter_jsonl(out / "stories.jsonl"))
    c.story_events = list(_iter_jsonl(out / "story_events.jsonl"))
    c.quotes = list(_iter_jsonl(out / "quotes.jsonl"))
    c.claims = list(_iter_jsonl(out / "claims.jsonl"))
    return c


# --------------------------------------------------------------------------- DuckDB

def _rows(con, table: str, columns: Optional[tuple[str, ...]] = None) -> Optional[list[dict[str, Any]]]:
    """Rows of ``table`` as dicts (None when the table does not exist)."""
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if table not in have:
        return None
    cols = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]
    if columns is not None:
        cols = [c for c in cols if c in columns]
    if not cols:
        return []
    # identifiers come from the database's own catalogue, quoted; no text from outside
    sql = "SELECT " + ", ".join('"' + c.replace('"', '""') + '"' for c in cols) + f' FROM "{table}"'
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    out = []
    while True:
        chunk = cur.fetchmany(5000)
        if not chunk:
            break
        out.extend(dict(zip(names, row)) for row in chunk)
    return out


def _load_duckdb(out: Path, db: Path) -> Corpus:
    import duckdb

    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:  # locked by a writer, or not a DuckDB file
        raise _DuckDBUnusable(str(exc)) from exc
    try:
        c = Corpus(folder=out, source="duckdb")
        c.articles = _rows(con, "articles", ARTICLE_COLUMNS) or []
        c.events = _rows(con, "events") or []
        c.quotes = _rows(con, "quotes") or list(_iter_jsonl(out / "quotes.jsonl"))
        c.claims = _rows(con, "claims") or list(_iter_jsonl(out / "claims.jsonl"))
        c.stories = _rows(con, "stories") or list(_iter_jsonl(out / "stories.jsonl"))
        story_events = _rows(con, "story_events")
        if story_events and "reports" not in story_events[0]:
            reports = _rows(con, "story_event_reports") or []
            by_se: dict[str, list] = {}
            for r in reports:
                key = r.get("story_event_id") or r.get("story_event") or r.get("se_id")
                by_se.setdefault(str(key), []).append(r)
            for se in story_events:
                se["reports"] = by_se.get(str(se.get("id")), [])
            if not reports and (out / "story_events.jsonl").exists():
                story_events = None      # the nested JSONL is the better source
        c.story_events = story_events or list(_iter_jsonl(out / "story_events.jsonl"))
    except duckdb.Error as exc:
        raise _DuckDBUnusable(str(exc)) from exc
    finally:
        con.close()
    if not c.articles and (out / "articles.jsonl").exists():
        raise _DuckDBUnusable("empty articles table")
    return c
