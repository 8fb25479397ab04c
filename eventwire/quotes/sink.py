"""Writing ``quotes.jsonl`` and ``claims.jsonl`` during a run, and their Parquet/DuckDB tables.

:class:`QuoteSink` is a writer step: ``open()``, ``write(result)`` per document, ``close()``.
Write a document's quotes and claims *before* its ``articles.jsonl`` line (the commit record of
:class:`~eventwire.sinks.jsonl.RunWriter`): on ``--resume`` the sink keeps only the records of
committed documents (``done``) and appends, so nothing is duplicated or lost.

:func:`finalize_quotes` is the finaliser: ``quotes.parquet`` / ``claims.parquet`` under explicit
schemas, and tables ``quotes`` and ``claims`` added to the run's DuckDB file.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Optional, Union

import pyarrow as pa

from eventwire.model import to_dict
from eventwire.sinks.jsonl import ARTICLES_FILE, dumps_line, iter_jsonl, repair_torn_tail, rewrite_filtered
from eventwire.sinks.tables import jsonl_to_parquet
from eventwire.steps import BaseStep, RunContext

QUOTES_FILE = "quotes.jsonl"
CLAIMS_FILE = "claims.jsonl"

SPEAKER_TYPE = pa.struct([("text", pa.string()), ("name", pa.string()), ("country", pa.string()),
                          ("sector", pa.string()), ("char_start", pa.int64()), ("char_end", pa.int64())])
#: one column per field of :class:`eventwire.model.Quote`
QUOTES_SCHEMA = pa.schema([
    ("id", pa.string()), ("doc_id", pa.string()), ("text", pa.string()), ("char_start", pa.int64()),
    ("char_end", pa.int64()), ("kind", pa.string()), ("speaker", SPEAKER_TYPE), ("cue", pa.string()),
    ("sentence_index", pa.int64()), ("event_ids", pa.list_(pa.string())),
])
#: one column per field of :class:`eventwire.model.Claim`
CLAIMS_SCHEMA = pa.schema([
    ("id", pa.string()), ("doc_id", pa.string()), ("value", pa.float64()), ("unit", pa.string()),
    ("about", pa.string()), ("approximate", pa.string()), ("text", pa.string()), ("char_start", pa.int64()),
    ("char_end", pa.int64()), ("speaker", SPEAKER_TYPE), ("event_id", pa.string()), ("sentence_index", pa.int64()),
])


def _committed(out_dir: Path) -> set[str]:
    path = out_dir / ARTICLES_FILE
    return {r["doc_id"] for r in iter_jsonl(path)} if path.exists() else set()


def _keep_only(path: Path, done: set[str]) -> int:
    """Drop the lines of ``path`` whose document is not in ``done`` (atomic replace); return how many."""
    if not path.exists():
        return 0
    repair_torn_tail(path)
    return rewrite_filtered(path, lambda rec: rec.get("doc_id") in done)


class QuoteSink:
    """Appends each document's quotes and claims to ``quotes.jsonl`` and ``claims.jsonl``."""

    def __init__(self, out_dir: Union[str, Path], *, resume: bool = False, done: Optional[Iterable[str]] = None) -> None:
        self.out_dir = Path(out_dir)
        self.resume = resume
        self.done = set(done) if done is not None else None
        self.n_quotes = 0
        self.n_claims = 0
        self.n_dropped = 0
        self._files: dict[str, Any] = {}

    def open(self) -> "QuoteSink":
        """Open both files: truncated for a new run; on resume, cut to committed documents and appended."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        mode = "wb"
        if self.resume:
            done = self.done if self.done is not None else _committed(self.out_dir)
            for name in (QUOTES_FILE, CLAIMS_FILE):
                self.n_dropped += _keep_only(self.out_dir / name, done)
            mode = "ab"
        self._files = {name: open(self.out_dir / name, mode) for name in (QUOTES_FILE, CLAIMS_FILE)}
        return self

    def write(self, result) -> None:
        """Write one :class:`~eventwire.pipeline.Result`'s quotes and claims (flushed)."""
        quotes = getattr(result, "quotes", None) or []
        claims = getattr(result, "claims", None) or []
        for name, records in ((QUOTES_FILE, quotes), (CLAIMS_FILE, claims)):
            if records:
                fh = self._files[name]
                fh.write(b"".join(dumps_line(to_dict(r)) for r in records))
                fh.flush()
        self.n_quotes += len(quotes)
        self.n_claims += len(claims)

    def close(self) -> None:
        for fh in self._files.values():
            try:
                fh.flush()
                os.fsync(fh.fileno())
            finally:
                fh.close()
        self._files = {}

    def __enter__(self) -> "QuoteSink":
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()


def finalize_quotes(out_dir: Union[str, Path], db_path: Optional[Union[str, Path]] = None) -> dict[str, Any]:
    """Write ``quotes.parquet`` and ``claims.parquet``; add tables ``quotes`` and ``claims`` to the
    run's DuckDB file (``eventwire.duckdb``, when it exists).  Returns paths and row counts."""
    import duckdb

    out = Path(out_dir)
    paths = {"quotes_parquet": out / "quotes.parquet", "claims_parquet": out / "claims.parquet"}
    rows = {"quotes": jsonl_to_parquet(out / QUOTES_FILE, paths["quotes_parquet"], QUOTES_SCHEMA),
            "claims": jsonl_to_parquet(out / CLAIMS_FILE, paths["claims_parquet"], CLAIMS_SCHEMA)}
    db = Path(db_path) if db_path is not None else out / "eventwire.duckdb"
    if db.exists():
        con = duckdb.connect(str(db))
        try:
            con.execute("BEGIN")
            for table in ("quotes", "claims"):
                con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_parquet($p)",
                            {"p": str(paths[f"{table}_parquet"])})
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        paths["duckdb"] = db
    return {**paths, "rows": rows}


class QuotesWriter(BaseStep):
    """Run step (a writer): each document's quotes and claims to ``quotes.jsonl`` and
    ``claims.jsonl``.  It comes before the articles writer, so a document's quotes are on disk
    before its article line commits it; on resume, lines of documents that were not committed
    are dropped first."""

    name = "quotes"

    def __init__(self) -> None:
        self.sink: Optional[QuoteSink] = None

    def open(self, out_dir: Path, resume: bool) -> None:
        self.sink = QuoteSink(out_dir, resume=resume).open()
        return None

    def write(self, result) -> None:
        self.sink.write(result)

    def close(self) -> None:
        if self.sink is not None:
            self.sink.close()

    def finish(self, ctx: RunContext) -> None:
        ctx.outputs["quotes_jsonl"] = str(ctx.out_dir / QUOTES_FILE)
        ctx.outputs["claims_jsonl"] = str(ctx.out_dir / CLAIMS_FILE)


class QuotesTables(BaseStep):
    """Run step (a finaliser, after the events' tables): ``quotes``/``claims`` as Parquet and in DuckDB."""

    name = "quotes_tables"

    def finish(self, ctx: RunContext) -> None:
        written = finalize_quotes(ctx.out_dir)
        ctx.outputs.update({k: str(v) for k, v in written.items() if isinstance(v, (str, Path))})
