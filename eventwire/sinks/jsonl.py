"""Durable, resumable JSON Lines output of a coding run.

A run writes two append-only files in its output directory:

``articles.jsonl``
    one record per input unit (coded :class:`~eventwire.model.Article` or
    :class:`~eventwire.model.Skipped`), all with the same key set (:data:`ARTICLE_KEYS`).
``events.jsonl``
    one :class:`~eventwire.model.Event` per line (:func:`eventwire.model.to_dict`).

Ordering makes the pair crash-safe: for each document its events are written *first*
and its article record *last*, each flushed to the OS, so an article line is the
"commit record" of its document.  After a SIGKILL, :class:`RunWriter` with
``resume=True`` cuts off a torn last line, keeps only documents whose article record
is present (and whose event count matches the record's ``n_events``) and drops the
other events, so re-coding the unfinished documents duplicates nothing.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Optional, Union

from eventwire.model import Article, Event, RunCounts, Skipped, to_dict

try:  # POSIX only; on other platforms the run lock is skipped
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

ARTICLES_FILE = "articles.jsonl"
EVENTS_FILE = "events.jsonl"
LOCK_FILE = ".eventwire.lock"

#: keys of every ``articles.jsonl`` record, in order
ARTICLE_KEYS: tuple[str, ...] = (
    "doc_id", "status", "reason", "message", "title", "outlet", "published", "url", "language",
    "source_path", "truncated", "original_chars", "text", "n_sentences", "n_events",
)


class OutputLocked(RuntimeError):
    """The output folder is in use by another run (it holds the folder's lock)."""


# --------------------------------------------------------------------------- records

def article_record(item: Union[Article, Skipped], n_sentences: Optional[int], n_events: int) -> dict[str, Any]:
    """The ``articles.jsonl`` record of a coded article or a skipped input.

    Fields that do not apply (``reason``/``message`` of a coded article; ``title``,
    ``text``, ``truncated``, ``n_sentences``, ``n_events`` ... of a skipped one) are null.
    """
    rec: dict[str, Any] = dict.fromkeys(ARTICLE_KEYS)
    rec["doc_id"] = item.doc_id
    rec["source_path"] = item.source_path
    rec["language"] = item.language
    if isinstance(item, Article):
        rec.update(
            status="coded", title=item.title, outlet=item.outlet, published=item.published,
            url=item.url, truncated=bool(item.truncated), text=item.text,
            original_chars=item.meta.get("original_chars") if item.truncated else None,
            n_sentences=n_sentences, n_events=n_events,
        )
    elif isinstance(item, Skipped):
        rec.update(status="skipped", reason=item.reason, message=item.message)
    else:
        raise TypeError(f"expected Article or Skipped, got {type(item).__name__}")
    return rec


def dumps_line(obj: Any) -> bytes:
    """One JSON Lines line (UTF-8, trailing ``\\n``).

    JSON escapes ``\\n``/``\\r`` inside strings, so a record is always exactly one line.
    Lone surrogates (undecodable input smuggled through ``surrogateescape``) cannot be
    encoded as UTF-8; they are replaced by ``?`` (one character, so offsets still hold).
    """
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    try:
        b = s.encode("utf-8")
    except UnicodeEncodeError:
        b = s.encode("utf-8", errors="replace")
    return b + b"\n"


def iter_jsonl(path: Union[str, Path], *, tolerate_torn_tail: bool = True) -> Iterator[dict[str, Any]]:
    """Stream the records of a JSON Lines file (bounded memory).

    Blank lines are skipped.  A last line without a trailing newline that does not parse
    (a torn write) is skipped with a warning when ``tolerate_torn_tail``; any other bad
    line raises :class:`ValueError` naming the file and line number.
    """
    path = Path(path)
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                yield json.loads(raw)
            except ValueError as exc:
                if tolerate_torn_tail and not raw.endswith(b"\n"):
                    log.warning("%s: ignoring torn last line %d", path, lineno)
                    return
                raise ValueError(f"{path}:{lineno}: invalid JSON line: {exc}") from None


# --------------------------------------------------------------------------- file helpers

@contextlib.contextmanager
def atomic_path(final: Path, suffix: str = "tmp") -> Iterator[Path]:
    """Yield a per-process temporary sibling of ``final`` to write; on success it replaces
    ``final`` (same directory, so ``os.replace`` is atomic), on any error it is removed.  A
    stale sibling of an earlier crash is removed first."""
    tmp = final.with_name(f".{final.name}.{os.getpid()}.{suffix}")
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def repair_torn_tail(path: Union[str, Path], *, chunk: int = 1 << 16) -> int:
    """Truncate ``path`` back to just after its last ``\\n``; return the bytes removed.

    Reads backwards from the end in chunks, so it is cheap on large files.  A file with
    no newline at all is truncated to empty.  A missing file is left alone (returns 0).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return 0
    if size == 0:
        return 0
    with open(path, "r+b") as fh:
        pos = size
        keep = 0
        while pos > 0:
            start = max(0, pos - chunk)
            fh.seek(start)
            buf = fh.read(pos - start)
            i = buf.rfind(b"\n")
            if i >= 0:
                keep = start + i + 1
                break
            pos = start
        if keep == size:
            return 0
        fh.truncate(keep)
        fh.flush()
        os.fsync(fh.fileno())
    log.warning("%s: removed a torn last line (%d bytes)", path, size - keep)
    return size - keep


def rewrite_filtered(path: Path, keep_line: Any) -> int:
    """Stream ``path`` through a temp file keeping lines for which ``keep_line(rec)`` is
    true, then atomically replace it.  Returns the number of lines dropped."""
    dropped = 0
    with atomic_path(path) as tmp, open(tmp, "wb") as out, open(path, "rb") as src:
        for raw in src:
            if not raw.strip():
                continue
            if keep_line(json.loads(raw)):
                out.write(raw)
            else:
                dropped += 1
        out.flush()
        os.fsync(out.fileno())
    _fsync_dir(path.parent)
    return dropped


# --------------------------------------------------------------------------- writer

class RunWriter:
    """Append the output of a run to ``out_dir/articles.jsonl`` and ``out_dir/events.jsonl``.

    ``resume=False`` starts a fresh run (both files truncated).  ``resume=True`` keeps
    what a previous (possibly killed) run wrote: it repairs torn last lines, loads
    :attr:`done` (doc_ids with a complete article record) and :attr:`event_ids`, and
    drops the events -- and article records -- of documents that were not completely
    written, so that the caller can simply re-code every input whose doc_id is not in
    :attr:`done`.

    Counters (:attr:`n_docs`, :attr:`n_coded`, :attr:`n_skipped`, :attr:`n_events`,
    :attr:`by_type`) count what *this* writer wrote; ``n_resumed`` is ``len(done)`` at
    open time.  A holder of the writer has an exclusive lock on the directory.
    """

    def __init__(self, out_dir: Union[str, Path], *, resume: bool = False, fsync_every: int = 200) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.articles_path = self.out_dir / ARTICLES_FILE
        self.events_path = self.out_dir / EVENTS_FILE
        self.resume = resume
        self.fsync_every = max(1, int(fsync_every))

        self.done: set[str] = set()
        self.event_ids: set[str] = set()
        self.counts = RunCounts()      # what this writer wrote (this session)
        self.n_resumed = 0
        self.n_dropped_events = 0      # orphan events removed on resume
        self.n_dropped_articles = 0    # incomplete article records removed on resume
        self.n_duplicate_docs = 0      # write() calls ignored because the doc_id was done

        self._lock_fh = None
        self._articles = None
        self._events = None
        self._since_sync = 0
        self.closed = False

        self._acquire_lock()
        try:
            if resume:
                self._recover()
                mode = "ab"
            else:
                mode = "wb"
            self._events = open(self.events_path, mode)
            self._articles = open(self.articles_path, mode)
            _fsync_dir(self.out_dir)
        except BaseException:
            self._close_files()
            self._release_lock()
            raise
        self.n_resumed = len(self.done)

    # ------------------------------------------------------------------ locking
    def _acquire_lock(self) -> None:
        if fcntl is None:  # pragma: no cover
            return
        fh = open(self.out_dir / LOCK_FILE, "a+b")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise OutputLocked(f"{self.out_dir} is in use by another eventwire run") from None
        self._lock_fh = fh

    def _release_lock(self) -> None:
        if self._lock_fh is not None:
            try:
                fcntl.flock(self._lock_fh.fileno(), fcntl.LOCK_UN)
            finally:
                self._lock_fh.close()
                self._lock_fh = None

    # ------------------------------------------------------------------ resume
    def _recover(self) -> None:
        repair_torn_tail(self.events_path)
        repair_torn_tail(self.articles_path)

        # 1. article records: doc_id -> expected number of events (None = unknown)
        expected: dict[str, Optional[int]] = {}
        bad: set[str] = set()
        if self.articles_path.exists():
            for rec in iter_jsonl(self.articles_path, tolerate_torn_tail=False):
                doc_id = rec["doc_id"]
                if doc_id in expected:          # duplicated record: distrust the document
                    bad.add(doc_id)
                    continue
                n = rec.get("n_events", None)
                expected[doc_id] = 0 if rec.get("status") == "skipped" else n

        # 2. events: count per document, detect duplicate ids
        counts: Counter[str] = Counter()
        seen_ids: set[str] = set()
        if self.events_path.exists():
            for ev in iter_jsonl(self.events_path, tolerate_torn_tail=False):
                doc_id = ev["doc_id"]
                counts[doc_id] += 1
                if ev["id"] in seen_ids:
                    bad.add(doc_id)
                seen_ids.add(ev["id"])

        # a document is done when its article record exists and all its events are there
        for doc_id, n in expected.items():
            if n is not None and counts.get(doc_id, 0) != n:
                bad.add(doc_id)
        done = set(expected) - bad
        orphans = set(counts) - done

        incomplete = bad & expected.keys()
        if incomplete:
            log.warning("%s: %d incomplete document(s) will be re-coded", self.out_dir, len(incomplete))
            self.n_dropped_articles = rewrite_filtered(self.articles_path, lambda rec: rec["doc_id"] in done)
        if orphans:
            self.n_dropped_events = rewrite_filtered(
                self.events_path, lambda ev: ev["doc_id"] in done)
            log.warning("%s: dropped %d event(s) of %d unfinished document(s)",
                        self.out_dir, self.n_dropped_events, len(orphans))
            self.event_ids = {ev["id"] for ev in iter_jsonl(self.events_path, tolerate_torn_tail=False)}
        else:
            self.event_ids = seen_ids
        self.done = done

    # ------------------------------------------------------------------ writing
    def write(self, article_or_skipped: Union[Article, Skipped], events: Iterable[Event],
              n_sentences: int) -> None:
        """Write one document: its events, then its article record (flushed).

        A doc_id already in :attr:`done` is ignored (counted in ``n_duplicate_docs``).
        Raises :class:`ValueError` -- before writing anything -- when an event belongs to
        another document, an event id was already written, or a ``Skipped`` has events.
        """
        if self.closed:
            raise ValueError("RunWriter is closed")
        item = article_or_skipped
        if not isinstance(item, (Article, Skipped)):
            raise TypeError(f"expected Article or Skipped, got {type(item).__name__}")
        doc_id = item.doc_id
        if doc_id in self.done:
            self.n_duplicate_docs += 1
            log.warning("doc_id %r already written; ignored", doc_id)
            return
        events = list(events)
        if events and isinstance(item, Skipped):
            raise ValueError(f"skipped document {doc_id!r} cannot have events")
        ids: set[str] = set()
        for ev in events:
            if ev.doc_id != doc_id:
                raise ValueError(f"event {ev.id!r} has doc_id {ev.doc_id!r}, expected {doc_id!r}")
            if ev.id in self.event_ids or ev.id in ids:
                raise ValueError(f"duplicate event id {ev.id!r} (document {doc_id!r})")
            ids.add(ev.id)
        rec = article_record(item, n_sentences, len(events))
        art_line = dumps_line(rec)
        ev_lines = b"".join(dumps_line(to_dict(ev)) for ev in events)

        if ev_lines:
            self._events.write(ev_lines)
            self._events.flush()
        self._articles.write(art_line)
        self._articles.flush()

        self.done.add(doc_id)
        self.event_ids |= ids
        self.counts.add(item, events, n_sentences or 0)
        self._since_sync += 1
        if self._since_sync >= self.fsync_every:
            self.sync()

    @property
    def n_docs(self) -> int:
        """Documents written by this writer (this session)."""
        return self.counts.documents

    @property
    def n_coded(self) -> int:
        """Coded articles written by this writer."""
        return self.counts.coded

    @property
    def n_skipped(self) -> int:
        """Skipped inputs written by this writer."""
        return self.counts.skipped

    @property
    def n_events(self) -> int:
        """Events written by this writer."""
        return self.counts.events

    @property
    def by_type(self) -> Counter[str]:
        """Events written by this writer, per event type."""
        return self.counts.by_type

    def sync(self) -> None:
        """Flush and fsync both files (events first, so they are never behind articles)."""
        for fh in (self._events, self._articles):
            if fh is not None and not fh.closed:
                fh.flush()
                os.fsync(fh.fileno())
        self._since_sync = 0

    def _close_files(self) -> None:
        for fh in (self._events, self._articles):
            if fh is not None and not fh.closed:
                fh.close()

    def close(self) -> None:
        """Flush + fsync both files and release the directory lock (idempotent)."""
        if self.closed:
            return
        try:
            self.sync()
        finally:
            self._close_files()
            self._release_lock()
            self.closed = True

    def __enter__(self) -> RunWriter:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return (f"RunWriter({str(self.out_dir)!r}, docs={self.n_docs}, coded={self.n_coded}, "
                f"skipped={self.n_skipped}, events={self.n_events}, resumed={self.n_resumed})")

