"""Columnar outputs built at the end of a run from the JSON Lines files.

* ``events.parquet`` / ``articles.parquet``: written with pyarrow under an explicit
  schema (:data:`EVENTS_SCHEMA`, :data:`ARTICLES_SCHEMA`), streaming the JSONL in
  bounded batches (rows *and* bytes), so a large corpus's texts never sit in RAM at once.
* ``eventwire.duckdb``: tables ``articles``, ``events`` (+ flat ``source_country``,
  ``source_sector``, ``target_country``, ``target_sector`` of the first actor; ``place_name``,
  ``place_country``, ``lat``, ``lon`` of the event place) and
  ``actors`` (one row per actor occurrence), loaded from the Parquet files in one go and
  swapped in atomically.

Every file is written under a temporary name and ``os.replace``-d into place, so a
crash never leaves a half-written table where a complete one was.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional, Union

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.sinks.jsonl import ARTICLE_KEYS, ARTICLES_FILE, EVENTS_FILE, atomic_path, iter_jsonl

ARTICLES_PARQUET = "articles.parquet"
EVENTS_PARQUET = "events.parquet"
DUCKDB_FILE = "eventwire.duckdb"

#: rows per Parquet batch / row group
BATCH_ROWS = 5_000
#: a batch is also cut when its JSON size reaches this many bytes (long article texts)
BATCH_BYTES = 64 * 1024 * 1024
#: DuckDB's memory cap while building the database (it spills to a temp dir beyond it)
DUCKDB_MEMORY_LIMIT = "512MB"

ACTOR_TYPE = pa.struct([
    ("text", pa.string()),
    ("name", pa.string()),
    ("country", pa.string()),
    ("sector", pa.string()),
    ("char_start", pa.int64()),
    ("char_end", pa.int64()),
    ("entry", pa.string()),
    ("score", pa.float64()),
])

#: :class:`eventwire.model.Place`
PLACE_TYPE = pa.struct([
    ("text", pa.string()),
    ("name", pa.string()),
    ("country", pa.string()),
    ("admin1", pa.string()),
    ("lat", pa.float64()),
    ("lon", pa.float64()),
    ("feature", pa.string()),
    ("precision", pa.string()),
    ("source", pa.string()),
    ("char_start", pa.int64()),
    ("char_end", pa.int64()),
])

#: one column per field of :class:`eventwire.model.Event`, in the same order
EVENTS_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("doc_id", pa.string()),
    ("event_type", pa.string()),
    ("mode", pa.string()),
    ("context", pa.list_(pa.string())),
    ("source", pa.list_(ACTOR_TYPE)),
    ("target", pa.list_(ACTOR_TYPE)),
    ("event_date", pa.string()),
    ("date_precision", pa.string()),
    ("negated", pa.bool_()),
    ("modality", pa.string()),
    ("attribution", ACTOR_TYPE),
    ("sentence", pa.string()),
    ("sentence_index", pa.int64()),
    ("char_start", pa.int64()),
    ("char_end", pa.int64()),
    ("trigger", pa.string()),
    ("trigger_start", pa.int64()),
    ("trigger_end", pa.int64()),
    ("rules", pa.list_(pa.string())),
    ("confidence", pa.float64()),
    ("place", PLACE_TYPE),
    ("time_text", pa.string()),
    ("story_date", pa.string()),
    ("publisher", pa.string()),
    ("dead", pa.float64()),
    ("injured", pa.float64()),
    ("size", pa.float64()),
])

_ARTICLE_TYPES: dict[str, pa.DataType] = {"truncated": pa.bool_(), "original_chars": pa.int64(), "n_sentences": pa.int64(),
                                          "n_events": pa.int64()}
#: the keys of ``articles.jsonl`` (:data:`~eventwire.sinks.jsonl.ARTICLE_KEYS`), in order
ARTICLES_SCHEMA = pa.schema([(k, _ARTICLE_TYPES.get(k, pa.string())) for k in ARTICLE_KEYS])

PathLike = Union[str, Path]


# --------------------------------------------------------------------------- helpers

def _tmp_path(final: Path) -> Path:
    """A per-process temporary sibling of ``final`` (same file system, so os.replace is atomic;
    created with the normal umask permissions, unlike mkstemp's 0600)."""
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    return tmp


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _iter_batches(path: Path, schema: pa.Schema, batch_rows: int, batch_bytes: int) -> Iterator[pa.RecordBatch]:
    """Stream ``path`` (JSONL) as record batches of at most ``batch_rows`` rows / ~``batch_bytes``."""
    if not path.exists():
        return
    rows: list[dict[str, Any]] = []
    size = 0
    for rec in iter_jsonl(path):
        rows.append(rec)
        size += _approx_size(rec)
        if len(rows) >= batch_rows or size >= batch_bytes:
            yield pa.RecordBatch.from_pylist(rows, schema=schema)
            rows, size = [], 0
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def _approx_size(rec: dict[str, Any]) -> int:
    text = rec.get("text") or ""
    sent = rec.get("sentence") or ""
    return 512 + len(text) + len(sent)


def _write_one(jsonl: Path, final: Path, schema: pa.Schema, batch_rows: int, batch_bytes: int) -> int:
    n = 0
    with atomic_path(final) as tmp:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for batch in _iter_batches(jsonl, schema, batch_rows, batch_bytes):
                writer.write_batch(batch)
                n += batch.num_rows
        _fsync_file(tmp)
    return n


# --------------------------------------------------------------------------- Parquet

def write_parquet(out_dir: PathLike, *, batch_rows: int = BATCH_ROWS,
                  batch_bytes: int = BATCH_BYTES) -> dict[str, Path]:
    """Write ``articles.parquet`` and ``events.parquet`` from the run's JSONL files.

    Missing JSONL files give empty (schema-only) Parquet files.
    Returns ``{"articles": path, "events": path}``.
    """
    out = Path(out_dir)
    paths = {"articles": out / ARTICLES_PARQUET, "events": out / EVENTS_PARQUET}
    _write_one(out / ARTICLES_FILE, paths["articles"], ARTICLES_SCHEMA, batch_rows, batch_bytes)
    _write_one(out / EVENTS_FILE, paths["events"], EVENTS_SCHEMA, batch_rows, batch_bytes)
    return paths


def _stale(parquet: Path, jsonl: Path) -> bool:
    if not parquet.exists():
        return True
    # ">=": on file systems with coarse timestamps an equal mtime may hide a later append
    return jsonl.exists() and jsonl.stat().st_mtime_ns >= parquet.stat().st_mtime_ns


# --------------------------------------------------------------------------- DuckDB

_FIRST = "CASE WHEN len({col}) > 0 THEN {col}[1].{field} END"

#: the flat columns the DuckDB ``events`` table adds to the Parquet ones (not in ``events.jsonl``)
DERIVED_EVENT_COLUMNS: tuple[str, ...] = ("source_country", "source_sector", "target_country", "target_sector",
                                          "place_name", "place_country", "lat", "lon")

_EVENTS_SQL = f"""
CREATE TABLE events AS
SELECT *,
       {_FIRST.format(col='source', field='country')} AS source_country,
       {_FIRST.format(col='source', field='sector')}  AS source_sector,
       {_FIRST.format(col='target', field='country')} AS target_country,
       {_FIRST.format(col='target', field='sector')}  AS target_sector,
       place.name AS place_name, place.country AS place_country, place.lat AS lat, place.lon AS lon
FROM read_parquet($events)
"""

# position is 0-based (the index in the event's source/target list; 0 for attribution)
_ACTOR_COLS = "a.text, a.name, a.country, a.sector, a.entry, a.score, a.char_start, a.char_end"
_ACTORS_SQL = f"""
CREATE TABLE actors AS
WITH src AS (
    SELECT id, doc_id, unnest(source) AS a, generate_subscripts(source, 1) - 1 AS position
    FROM events
), tgt AS (
    SELECT id, doc_id, unnest(target) AS a, generate_subscripts(target, 1) - 1 AS position
    FROM events
), att AS (
    SELECT id, doc_id, attribution AS a, 0 AS position FROM events WHERE attribution IS NOT NULL
)
SELECT event_id, doc_id, role, position::INTEGER AS position, text, name, country, sector,
       entry, score, char_start, char_end
FROM (
    SELECT id AS event_id, doc_id, 'source' AS role, 0 AS role_order, position, {_ACTOR_COLS} FROM src
    UNION ALL
    SELECT id, doc_id, 'target', 1, position, {_ACTOR_COLS} FROM tgt
    UNION ALL
    SELECT id, doc_id, 'attribution', 2, position, {_ACTOR_COLS} FROM att
)
ORDER BY event_id, role_order, position
"""


def write_duckdb(out_dir: PathLike, db_path: Optional[PathLike] = None, *,
                 memory_limit: str = DUCKDB_MEMORY_LIMIT, threads: Optional[int] = None) -> Path:
    """Build ``eventwire.duckdb`` (or ``db_path``) from the run's Parquet files.

    The Parquet files are (re)written first when missing or older than the JSONL.  The
    database is built under a temporary name and atomically replaces any old one.
    Tables: ``articles``, ``events`` (as in Parquet + ``source_country``,
    ``source_sector``, ``target_country``, ``target_sector`` of the first actor; ``place_name``,
    ``place_country``, ``lat``, ``lon`` of the event place) and
    ``actors`` (``event_id, doc_id, role, position, text, name, country, sector, entry,
    score, char_start, char_end``; ``role`` is 'source' | 'target' | 'attribution',
    ``position`` 0-based).  ``threads`` caps DuckDB's threads (default: DuckDB's, one per core).
    """
    out = Path(out_dir)
    if _stale(out / ARTICLES_PARQUET, out / ARTICLES_FILE) or _stale(out / EVENTS_PARQUET, out / EVENTS_FILE):
        write_parquet(out)
    return _build_duckdb(out, db_path, memory_limit, threads)


def _build_duckdb(out: Path, db_path: Optional[PathLike], memory_limit: str, threads: Optional[int] = None) -> Path:
    import duckdb

    final = Path(db_path) if db_path is not None else out / DUCKDB_FILE
    final.parent.mkdir(parents=True, exist_ok=True)
    art_pq, ev_pq = out / ARTICLES_PARQUET, out / EVENTS_PARQUET

    tmp = _tmp_path(final)
    wal = Path(str(tmp) + ".wal")
    wal.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(f"SET memory_limit = '{memory_limit}'")  # spill to disk beyond this
            if threads:
                con.execute(f"SET threads = {int(threads)}")
            con.execute("BEGIN")
            con.execute("CREATE TABLE articles AS SELECT * FROM read_parquet($articles)",
                        {"articles": str(art_pq)})
            con.execute(_EVENTS_SQL, {"events": str(ev_pq)})
            con.execute(_ACTORS_SQL)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        wal.unlink(missing_ok=True)
        _fsync_file(tmp)
        Path(str(final) + ".wal").unlink(missing_ok=True)  # a stale WAL would replay onto the new db
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)
        raise
    return final


def table_counts(db_path: PathLike) -> dict[str, int]:
    """Row counts of the ``articles``, ``events`` and ``actors`` tables."""
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "events", "actors")}
    finally:
        con.close()


def finalize(out_dir: PathLike, db_path: Optional[PathLike] = None, *,
             memory_limit: str = DUCKDB_MEMORY_LIMIT) -> dict[str, Any]:
    """Write the Parquet files and the DuckDB database; return paths and row counts.

    ``{"articles_parquet": Path, "events_parquet": Path, "duckdb": Path,
    "rows": {"articles": int, "events": int, "actors": int}}``
    """
    pq_paths = write_parquet(out_dir)
    db = _build_duckdb(Path(out_dir), db_path, memory_limit)
    return {
        "articles_parquet": pq_paths["articles"],
        "events_parquet": pq_paths["events"],
        "duckdb": db,
        "rows": table_counts(db),
    }


def jsonl_to_parquet(jsonl: PathLike, final: PathLike, schema: pa.Schema, *, batch_rows: int = BATCH_ROWS,
                     batch_bytes: int = BATCH_BYTES) -> int:
    """Stream a JSON Lines file into a Parquet file under ``schema`` (atomically); return the rows.

    Keys a record lacks are null; keys the schema lacks are dropped.  A missing JSONL file
    gives an empty (schema-only) Parquet file.
    """
    return _write_one(Path(jsonl), Path(final), schema, batch_rows, batch_bytes)
