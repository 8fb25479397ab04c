"""Raw units and JSON records: the one path from a record (a dict with ``text`` or ``html``
and optional ``id``, ``title``, ``url``, ``published``, ``outlet``) to a :class:`RawUnit`.

The JSON Lines / JSON readers (:mod:`eventwire.ingest.readers`) and the Python API
(:func:`eventwire.api.iter_code` on dicts, through
:func:`eventwire.ingest.article_from_record`) both go through :func:`record_unit`, so a
record becomes the same article whichever way it comes in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Skipped
from .decode import is_blank

__all__ = ["DocIds", "RawUnit", "RECORD_FIELDS", "no_surrogates", "record_field", "record_unit", "skipped",
           "valid_id"]


@dataclass
class RawUnit:
    """One article before extraction and cleaning.

    ``kind`` is ``"text"`` or ``"html"``; ``title`` / ``url`` / ``published`` /
    ``outlet`` are what a JSON Lines record gave (None for plain files).
    ``truncated`` is True when the input was cut at *max_bytes*; ``original_bytes``
    is then the input's full size.
    """

    doc_id: str
    source_path: str
    kind: str
    content: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    truncated: bool = False
    original_bytes: int | None = None
    encoding: str | None = None
    line: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_id(doc_id: str) -> str:
    """A doc id that is valid Unicode, so that it is written as it is and a resumed run finds
    it again: a file name byte that is not UTF-8 (kept by Python as a lone surrogate) becomes
    ``\\xe9``, a lone surrogate from a JSON ``\\ud800`` escape ``\\ud800``."""
    if not _SURROGATE.search(doc_id):
        return doc_id
    return _SURROGATE.sub(lambda m: (f"\\x{ord(m.group()) - 0xDC00:02x}" if "\udc80" <= m.group() <= "\udcff"
                                     else f"\\u{ord(m.group()):04x}"), doc_id)


def no_surrogates(text: str) -> str:
    """Lone surrogates (JSON ``\\ud800`` escapes) cannot be written as UTF-8: each becomes U+FFFD
    (one character for one, so offsets hold)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


class DocIds:
    """Makes doc ids unique within a run: the second ``x`` becomes ``x#2``."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def claim(self, doc_id: str) -> str:
        doc_id = valid_id(doc_id)
        if doc_id not in self._seen:
            self._seen[doc_id] = 1
            return doc_id
        n = self._seen[doc_id]
        while True:
            n += 1
            candidate = f"{doc_id}#{n}"
            if candidate not in self._seen:
                self._seen[doc_id] = n
                self._seen[candidate] = 1
                return candidate


def skipped(doc_id: str, reason: str, message: str, path: Path | str) -> Skipped:
    """A :class:`~eventwire.model.Skipped` for an input unit read from ``path``."""
    return Skipped(doc_id=doc_id, reason=reason, message=message, source_path=str(path))


RECORD_FIELDS = ("title", "url", "published", "outlet")


def record_field(record: dict[str, Any], key: str) -> str | None:
    """A record's metadata field as a one-line string (a numeric ``published`` as digits), or None."""
    value = record.get(key)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if key == "published" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    return None


def record_unit(record: Any, fallback_id: str, ids: DocIds, path: Path | str, where: str,
                line: int | None) -> RawUnit | Skipped:
    """One JSON record as a :class:`RawUnit`, or a :class:`~eventwire.model.Skipped` saying why not.

    Args:
        record: the parsed JSON value (an object with ``text`` or ``html`` is a unit).
        fallback_id: the doc id when the record has no usable ``id``.
        ids: the run's doc ids (a repeated id becomes ``id#2``).
        path: where it was read (``source_path``).
        where: how messages name the record ("Line 3", "Item 2").
        line: its line or item number, kept in ``Article.meta["line"]``.
    """
    if not isinstance(record, dict):
        kind = {list: "an array", str: "a string", int: "a number", float: "a number",
                bool: "a boolean", type(None): "null"}.get(type(record), type(record).__name__)
        return skipped(ids.claim(fallback_id), "not_an_object",
                       f"{where} is valid JSON but {kind}, not an object with a 'text' field.", path)
    raw_id = record.get("id")
    if isinstance(raw_id, str) and raw_id.strip():
        doc_id = raw_id.strip()
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    else:
        doc_id = fallback_id
    doc_id = ids.claim(doc_id)
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and not is_blank(text):
        kind, content = "text", no_surrogates(text)
    elif isinstance(html, str) and not is_blank(html):
        kind, content = "html", no_surrogates(html)
    elif isinstance(text, str) or isinstance(html, str):
        return skipped(doc_id, "empty", f"{where}: the record's text is empty.", path)
    else:
        got = "missing" if "text" not in record else ("null" if text is None else type(text).__name__)
        return skipped(doc_id, "no_text", f"{where}: the record has no usable 'text' (it is {got}) and no 'html'.", path)
    extra = {k: v for k, v in record.items()
             if k not in ("id", "text", "html", *RECORD_FIELDS) and isinstance(v, (str, int, float, bool)) and len(str(v)) <= 500}
    return RawUnit(doc_id=doc_id, source_path=str(path), kind=kind, content=content,
                   title=record_field(record, "title"), url=record_field(record, "url"),
                   published=record_field(record, "published"), outlet=record_field(record, "outlet"),
                   line=line, extra=extra)
