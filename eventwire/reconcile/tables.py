"""Parquet files and DuckDB tables of reconciliation.

* ``stories.parquet``, ``story_events.parquet`` (``reports`` and ``conflicts`` nested);
  ``articles.parquet`` rewritten with ``story_id`` and ``duplicate_of``.
* In ``eventwire.duckdb`` (built first by :func:`eventwire.sinks.tables.write_duckdb` when
  missing), in one transaction: ``articles`` replaced (with the two new columns),
  ``stories``, ``story_events`` (as in Parquet, plus ``n_conflicts``) and
  ``story_event_reports`` (one row per report: ``story_event_id, story_id, event_type``
  and the report's fields).
"""
from __future__ import annotations

import ctypes
import gc
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventwire.sinks.jsonl import ARTICLES_FILE, EVENTS_FILE
from eventwire.sinks.tables import (
    ARTICLES_PARQUET,
    ARTICLES_SCHEMA,
    DUCKDB_FILE,
    EVENTS_PARQUET,
    EVENTS_SCHEMA,
    jsonl_to_parquet,
    write_duckdb,
)

STORIES_FILE = "stories.jsonl"
STORY_EVENTS_FILE = "story_events.jsonl"
STORIES_PARQUET = "stories.parquet"
STORY_EVENTS_PARQUET = "story_events.parquet"

#: ``articles.jsonl`` after reconciliation
ARTICLES_RECONCILED_SCHEMA = ARTICLES_SCHEMA.append(pa.field("story_id", pa.string())).append(
    pa.field("duplicate_of", pa.string()))

STORIES_SCHEMA = pa.schema([
    ("story_id", pa.string()),
    ("title", pa.string()),
    ("first_published", pa.string()),
    ("last_published", pa.string()),
    ("doc_ids", pa.list_(pa.string())),
    ("outlets", pa.list_(pa.string())),
    ("n_articles", pa.int64()),
    ("n_outlets", pa.int64()),
    ("actors", pa.list_(pa.string())),
    ("event_types", pa.map_(pa.string(), pa.int64())),
])

REPORT_TYPE = pa.struct([
    ("event_id", pa.string()),
    ("doc_id", pa.string()),
    ("outlet", pa.string()),
    ("published", pa.string()),
    ("sentence", pa.string()),
    ("negated", pa.bool_()),
    ("modality", pa.string()),
    ("attribution", pa.string()),
    ("confidence", pa.float64()),
])

CONFLICT_TYPE = pa.struct([
    ("kind", pa.string()),
    ("detail", pa.string()),
    ("story_event_ids", pa.list_(pa.string())),
    ("event_ids", pa.list_(pa.string())),
    ("claim_ids", pa.list_(pa.string())),
])

STORY_EVENTS_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("story_id", pa.string()),
    ("event_type", pa.string()),
    ("mode", pa.string()),
    ("source", pa.list_(pa.string())),
    ("target", pa.list_(pa.string())),
    ("event_date", pa.string()),
    ("date_precision", pa.string()),
    ("modality", pa.string()),
    ("reports", pa.list_(REPORT_TYPE)),
    ("n_reports", pa.int64()),
    ("n_outlets", pa.int64()),
    ("n_independent", pa.int64()),
    ("first_reported", pa.string()),
    ("corroboration", pa.float64()),
    ("conflicts", pa.list_(CONFLICT_TYPE)),
    ("linked", pa.list_(pa.string())),
])

_STORIES_SQL = "CREATE OR REPLACE TABLE stories AS SELECT * FROM read_parquet($p)"
_STORY_EVENTS_SQL = ("CREATE OR REPLACE TABLE story_events AS "
                     "SELECT *, len(conflicts) AS n_conflicts FROM read_parquet($p)")
_REPORTS_SQL = """
CREATE OR REPLACE TABLE story_event_reports AS
SELECT id AS story_event_id, story_id, event_type, r.event_id, r.doc_id, r.outlet, r.published,
       r.sentence, r.negated, r.modality, r.attribution, r.confidence
FROM (SELECT id, story_id, event_type, unnest(reports) AS r FROM story_events)
ORDER BY story_event_id, r.published, r.doc_id, r.event_id
"""


#: DuckDB's memory limit while the reconciliation tables are built (it spills to disk beyond it),
#: below the coding run's: reconciliation keeps its memory flat
RECONCILE_DUCKDB_MEMORY_LIMIT = "96MB"
#: a table step that runs out of memory under the limit is retried with twice the limit, up to this (MB)
RECONCILE_DUCKDB_MAX_MB = 2048
#: DuckDB threads while the reconciliation tables are built (each thread holds its own buffers)
RECONCILE_DUCKDB_THREADS = 1
#: JSON Lines read per Parquet batch (the parsed batch is a few times larger in memory)
RECONCILE_BATCH_BYTES = 16 * 1024 * 1024
RECONCILE_BATCH_ROWS = 2_000


def release_memory(*, collect: bool = False) -> None:
    """Hand freed memory back to the system: Arrow's pool and the C heap (glibc
    ``malloc_trim``; elsewhere that step does nothing); with ``collect``, Python's cyclic
    garbage first."""
    if collect:
        gc.collect()
    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def write_tables(out_dir: Path, *, memory_limit: str = RECONCILE_DUCKDB_MEMORY_LIMIT) -> dict[str, Path]:
    """Write the Parquet files and add the tables to ``eventwire.duckdb``; return the paths.

    Each step streams (Parquet in bounded batches of JSON Lines, DuckDB under ``memory_limit``)
    and gives its memory back before the next one, so that the steps' peaks do not add up.
    """
    out = Path(out_dir)
    paths = {"stories_parquet": out / STORIES_PARQUET, "story_events_parquet": out / STORY_EVENTS_PARQUET,
             "articles_parquet": out / ARTICLES_PARQUET}
    batch = {"batch_rows": RECONCILE_BATCH_ROWS, "batch_bytes": RECONCILE_BATCH_BYTES}
    jsonl_to_parquet(out / STORIES_FILE, paths["stories_parquet"], STORIES_SCHEMA, **batch)
    jsonl_to_parquet(out / STORY_EVENTS_FILE, paths["story_events_parquet"], STORY_EVENTS_SCHEMA, **batch)
    jsonl_to_parquet(out / ARTICLES_FILE, paths["articles_parquet"], ARTICLES_RECONCILED_SCHEMA, **batch)
    release_memory()
    db = out / DUCKDB_FILE
    if not db.exists():   # the run's own tables (articles, events, actors) first
        events_pq = out / EVENTS_PARQUET
        if not _newer(events_pq, out / EVENTS_FILE):   # in small batches here, not the run's large ones
            jsonl_to_parquet(out / EVENTS_FILE, events_pq, EVENTS_SCHEMA, **batch)
            release_memory()
        _with_more_memory(lambda limit: write_duckdb(out, memory_limit=limit, threads=RECONCILE_DUCKDB_THREADS),
                          memory_limit)
        release_memory()
        if not _newer(paths["articles_parquet"], out / ARTICLES_FILE):   # rewritten without story_id
            jsonl_to_parquet(out / ARTICLES_FILE, paths["articles_parquet"], ARTICLES_RECONCILED_SCHEMA, **batch)
            release_memory()
    _with_more_memory(lambda limit: _add_tables(db, paths, limit), memory_limit)
    release_memory()
    paths["duckdb"] = db
    return paths


def _with_more_memory(step: Callable[[str], Any], memory_limit: str) -> Any:
    """``step(memory_limit)``; on DuckDB's out-of-memory error (a query whose working set does
    not spill), again with twice the limit, up to :data:`RECONCILE_DUCKDB_MAX_MB`.  Each step
    is one transaction or a file replaced atomically: a failed attempt leaves nothing behind."""
    import duckdb

    m = re.fullmatch(r"\s*(\d+)\s*(MB|MiB|GB|GiB)\s*", memory_limit, flags=re.IGNORECASE)
    mb = int(m.group(1)) * (1024 if m.group(2).lower().startswith("g") else 1) if m else None
    while True:
        try:
            return step(memory_limit)
        except duckdb.OutOfMemoryException:
            if mb is None or mb >= RECONCILE_DUCKDB_MAX_MB:
                raise
            mb = min(2 * mb, RECONCILE_DUCKDB_MAX_MB)
            memory_limit = f"{mb}MB"
            release_memory()


def _newer(parquet: Path, jsonl: Path) -> bool:
    """Whether ``parquet`` was written after ``jsonl`` last changed (as the run's table builder
    judges it: an equal time counts as older)."""
    if not parquet.exists():
        return False
    return not jsonl.exists() or jsonl.stat().st_mtime_ns < parquet.stat().st_mtime_ns


def _add_tables(db: Path, paths: dict[str, Path], memory_limit: str) -> None:
    import duckdb

    con = duckdb.connect(str(db))
    try:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute(f"SET threads = {RECONCILE_DUCKDB_THREADS}")
        con.execute("BEGIN")
        con.execute("CREATE OR REPLACE TABLE articles AS SELECT * FROM read_parquet($p)",
                    {"p": str(paths["articles_parquet"])})
        con.execute(_STORIES_SQL, {"p": str(paths["stories_parquet"])})
        con.execute(_STORY_EVENTS_SQL, {"p": str(paths["story_events_parquet"])})
        con.execute(_REPORTS_SQL)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
