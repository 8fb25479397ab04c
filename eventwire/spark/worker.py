"""What runs in Spark's Python workers: raw units in, coded rows (Arrow record batches) out.

Each Python worker process loads the pipeline once (:func:`eventwire.pipeline.get_pipeline`
caches it per process, and Spark reuses its Python workers between tasks) and codes documents
in batches of :data:`BATCH_DOCS`.  Articles are built from records by the JSON Lines reader's
own functions (:func:`eventwire.ingest.readers.record_unit`,
:func:`~eventwire.ingest.readers.jsonl_chunk_units`, :func:`eventwire.ingest.unit_to_article`)
and rows by the sinks' record functions (:func:`eventwire.sinks.jsonl.article_record`,
:func:`eventwire.model.to_dict`), so a row is the record ``eventwire code`` writes.
A document that cannot be coded becomes a ``skipped`` row with its reason; a task never fails
because of a document.
"""
from __future__ import annotations

import os
import resource
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Optional, Union

import pyarrow as pa

from eventwire.ingest import unit_to_article
from eventwire.ingest.readers import (
    DEFAULT_MAX_BYTES,
    JSON_SUFFIXES,
    JSONL_SUFFIXES,
    RawUnit,
    UniqueIds,
    iter_units,
    jsonl_chunk_units,
    record_unit,
)
from eventwire.model import Article, Skipped, to_dict
from eventwire.pipeline import Config, Result, get_pipeline
from eventwire.sinks.jsonl import article_record

from .schemas import CODED_ARROW_SCHEMA

#: documents coded together (one parser pass), as ``eventwire code`` batches them
BATCH_DOCS = 32
#: a batch is also cut when its raw content reaches this many characters
BATCH_CHARS = 4_000_000
#: lines of a JSON Lines range per task stay below 2**SEQ_BITS (order key: task << SEQ_BITS | k)
SEQ_BITS = 24

Unit = Union[RawUnit, Skipped]


# --------------------------------------------------------------------------- coding

def _code_batch(records: list[Unit], config: Config) -> list[Result]:
    """One :class:`~eventwire.pipeline.Result` per unit, in order (the single call into the
    library: switch it to ``eventwire.api.iter_code`` when that lands)."""
    pipe = get_pipeline(config)
    built: list[Union[Article, Skipped]] = []
    for unit in records:
        if isinstance(unit, Skipped):
            built.append(unit)
            continue
        try:
            built.append(unit_to_article(unit, max_chars=config.max_chars))
        except Exception as exc:  # noqa: BLE001 - unit_to_article never raises; belt and braces
            built.append(Skipped(doc_id=unit.doc_id, reason="ingest_error", message=f"{type(exc).__name__}: {exc}",
                                 source_path=unit.source_path))
    articles = [r for r in built if isinstance(r, Article)]
    try:
        coded = iter(pipe.code_articles(articles))
    except Exception:  # noqa: BLE001 - one bad document must not sink the batch: one by one
        coded = iter([_code_one(pipe, a) for a in articles])
    return [next(coded) if isinstance(r, Article) else Result(r) for r in built]


def _code_one(pipe, article: Article) -> Result:
    try:
        return pipe.code_articles([article])[0]
    except Exception as exc:  # noqa: BLE001
        return Result(Skipped(doc_id=article.doc_id, reason="coding_error", message=f"{type(exc).__name__}: {exc}",
                              source_path=article.source_path, language=article.language))


def peak_rss() -> int:
    """This process's peak resident memory, in bytes (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def cpu_seconds() -> float:
    """User + system CPU seconds of this process so far."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def _batch(results: list[Result], seqs: list[Optional[int]]) -> pa.RecordBatch:
    pid, rss, cpu = os.getpid(), peak_rss(), cpu_seconds()
    rows = [{"seq": seq,
             "article": article_record(res.record, res.n_sentences if res.coded else None, len(res.events)),
             "events": [to_dict(e) for e in res.events],
             "worker_pid": pid, "worker_peak_rss": rss, "worker_cpu_s": cpu}
            for res, seq in zip(results, seqs)]
    return pa.RecordBatch.from_pylist(rows, schema=CODED_ARROW_SCHEMA)


def _code_stream(units: Iterable[tuple[Optional[int], Unit]], config: Config) -> Iterator[pa.RecordBatch]:
    """Code ``(seq, unit)`` pairs in batches; one record batch of coded rows per batch."""
    batch: list[Unit] = []
    seqs: list[Optional[int]] = []
    size = 0
    for seq, unit in units:
        batch.append(unit)
        seqs.append(seq)
        size += len(getattr(unit, "content", "") or "")
        if len(batch) >= BATCH_DOCS or size >= BATCH_CHARS:
            yield _batch(_code_batch(batch, config), seqs)
            batch, seqs, size = [], [], 0
    if batch:
        yield _batch(_code_batch(batch, config), seqs)


# --------------------------------------------------------------------------- DataFrame rows

def _row_unit(row: dict[str, Any]) -> Unit:
    source_path = row.get("source_path") or ""
    line = row.get("line")
    record = {k: row.get(k) for k in ("id", "text", "html", "title", "published", "outlet", "url") if row.get(k) is not None}
    fallback = f"row:{line}" if line is not None else "row"
    where = f"Line {line}" if line is not None else "The record"
    unit = record_unit(record, fallback, UniqueIds(), Path(source_path) if source_path else "", where, line)
    if not source_path:
        unit.source_path = None
    return unit


def code_article_batches(batches: Iterable[pa.RecordBatch], config: Config) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body of :func:`eventwire.spark.code_dataframe`: rows of articles in, coded rows out."""
    def units() -> Iterator[tuple[Optional[int], Unit]]:
        for rb in batches:
            for row in rb.to_pylist():
                line = row.get("line")
                yield (int(line) if line is not None else None), _row_unit(row)

    yield from _code_stream(units(), config)


# --------------------------------------------------------------------------- file tasks

class _KeepIds:
    """A claimer that makes an id valid but not unique: the job makes ids unique run-wide
    (:func:`eventwire.spark.job.unique_id_renames`), so a range must not claim on its own."""

    def claim(self, doc_id: str) -> str:
        return UniqueIds().claim(doc_id)


def task_units(task: dict[str, Any], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Unit]:
    """The units of one task, read by the readers' own functions: every unit of a file, or of
    a byte range of a JSON Lines file.  Ids of a range are not made unique (the job does it
    run-wide); the ``renames`` of the task (unit index -> id), when given, are applied.
    Never raises (an unreadable file or range is one skipped unit)."""
    path, name = task["path"], task["name"]
    renames = dict(task.get("renames") or ())
    try:
        if task["kind"] == "jsonl_range":
            with open(path, "rb") as fh:
                fh.seek(task["start"])
                data = fh.read(task["end"] - task["start"])
            units: Iterable[Unit] = jsonl_chunk_units(data, task["first_line"], name, path, _KeepIds(), max_bytes=max_bytes)
        else:
            units = _file_units(path, name, max_bytes)
        for k, unit in enumerate(units):
            if k in renames:
                unit.doc_id = renames[k]
            yield unit
    except Exception as exc:  # noqa: BLE001 - a bad file never fails the job
        yield Skipped(doc_id=name if task["kind"] != "jsonl_range" else f"{name}:{task['first_line']}",
                      reason="unreadable", message=f"Unexpected error while reading: {type(exc).__name__}: {exc}",
                      source_path=path)


def _file_units(path: str, name: str, max_bytes: int) -> Iterator[Unit]:
    suffix = os.path.splitext(path)[1].lower()
    base = os.path.basename(path)
    for unit in iter_units([path], max_bytes=max_bytes):
        if suffix not in JSONL_SUFFIXES and suffix not in JSON_SUFFIXES:
            unit.doc_id = name          # a plain file: the id the whole input listing gave it
        elif unit.doc_id.startswith(base + ":") and name != base:
            unit.doc_id = name + unit.doc_id[len(base):]   # fallback ids: the listing's prefix
        yield unit


#: the id pass's output: every unit's order key and doc id (no content)
IDS_ARROW_SCHEMA = pa.schema([("task", pa.int64()), ("k", pa.int64()), ("doc_id", pa.string())])


def task_ids(batches: Iterable[pa.RecordBatch], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body of the id pass: ``(task, k, doc_id)`` of every unit of every task."""
    for rb in batches:
        for task in rb.to_pylist():
            if task["kind"] != "jsonl_range" and os.path.splitext(task["path"])[1].lower() not in JSONL_SUFFIXES | JSON_SUFFIXES:
                rows = [{"task": task["seq"], "k": 0, "doc_id": task["name"]}]   # a plain file: one unit, no reading
            else:
                rows = [{"task": task["seq"], "k": k, "doc_id": u.doc_id} for k, u in enumerate(task_units(task, max_bytes))]
            yield pa.RecordBatch.from_pylist(rows, schema=IDS_ARROW_SCHEMA)


def code_task_batches(batches: Iterable[pa.RecordBatch], config: Config,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body of :func:`eventwire.spark.run_spark`: tasks in, coded rows out."""
    def units() -> Iterator[tuple[Optional[int], Unit]]:
        for rb in batches:
            for task in rb.to_pylist():
                for k, unit in enumerate(task_units(task, max_bytes)):
                    yield (task["seq"] << SEQ_BITS) + k, unit

    yield from _code_stream(units(), config)
