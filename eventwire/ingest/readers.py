"""Turn input paths into raw units (one article each), streaming.

:func:`iter_units` accepts any mix of files and folders.  Folders are walked
recursively in sorted order (hidden files and folders skipped, symlinked folders not
followed).  Each file is one unit (``.html`` / ``.htm`` / ``.xhtml`` -> ``kind="html"``,
anything else -> ``"text"``, or ``"html"`` when it starts like an HTML document),
except JSON Lines (``.jsonl`` / ``.ndjson``: one unit per non-blank line) and
``.json`` (an object, or an array of objects; otherwise read as JSON Lines).

Only one file's content is held at a time, and at most *max_bytes* of it: a larger
file is cut (``RawUnit.truncated``).  JSON Lines files are read line by line; a line
longer than *max_bytes* is skipped (``too_large``).

A missing input path raises :class:`FileNotFoundError` when :func:`iter_units` is
called.  A bad *file* never raises: it becomes a :class:`~eventwire.model.Skipped`
with one of these ``reason`` values::

    empty, binary, undecodable, unreadable, too_large,
    bad_json, not_an_object, no_text
"""
from __future__ import annotations

import codecs
import io
import json
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Skipped
from .decode import (
    MAX_NUL_FRACTION,
    SNIFF_BYTES,
    decode_bytes,
    is_blank,
    looks_like_html,
    magic_signature,
    utf16_without_bom,
)
from .records import DocIds, RawUnit, record_unit, skipped

__all__ = ["RawUnit", "InputFile", "collect_files", "iter_units", "decode_bytes", "DEFAULT_MAX_BYTES",
           "HTML_SUFFIXES", "JSONL_SUFFIXES", "JSON_SUFFIXES", "UniqueIds", "list_inputs", "splittable_jsonl",
           "jsonl_chunk_units", "record_unit"]

DEFAULT_MAX_BYTES = 20_000_000
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonlines"})
JSON_SUFFIXES = frozenset({".json"})


# ------------------------------------------------------------ walking

@dataclass
class InputFile:
    """A file to read: its path, the input root it was found under, and its doc id."""

    path: Path
    root: Path
    rel: str
    root_name: str
    doc_id: str = ""


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.endswith("~")


def _walk(root: Path) -> list[InputFile]:
    found = []
    root_name = root.resolve().name
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not _hidden(d))
        for name in filenames:
            if _hidden(name):
                continue
            path = Path(dirpath) / name
            found.append(InputFile(path, root, path.relative_to(root).as_posix(), root_name))
    found.sort(key=lambda e: e.rel.split("/"))
    return found


def collect_files(paths: Sequence[str | Path]) -> list[InputFile]:
    entries: list[InputFile] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            entries.extend(_walk(path))
        elif path.exists() or path.is_symlink():
            parent = path.parent
            entries.append(InputFile(path, parent, path.name, parent.resolve().name))
        else:
            raise FileNotFoundError(2, "No such file or directory", str(raw))
    unique, seen = [], set()
    for entry in entries:  # the same file named twice (a folder and a file in it) is read once
        try:
            key = str(entry.path.resolve())
        except (OSError, RuntimeError):
            key = str(entry.path)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    # doc ids: the file name; the path relative to the input root for names that
    # occur more than once; that path prefixed by the root's name if still ambiguous
    names: dict[str, int] = {}
    for entry in unique:
        names[entry.path.name] = names.get(entry.path.name, 0) + 1
    rels: dict[str, int] = {}
    for entry in unique:
        entry.doc_id = entry.path.name if names[entry.path.name] == 1 else entry.rel
        rels[entry.doc_id] = rels.get(entry.doc_id, 0) + 1
    for entry in unique:
        if rels[entry.doc_id] > 1 and entry.root_name:
            entry.doc_id = f"{entry.root_name}/{entry.rel}"
    return unique


# ------------------------------------------------------------ file units

def _open_regular(path: Path) -> tuple[BinaryIO | None, int, str]:
    """Open a regular file for reading; (None, 0, message) when that is not possible."""
    try:
        info = os.stat(path)
    except OSError as err:
        return None, 0, f"Cannot read file: {err.strerror or err}."
    if not stat.S_ISREG(info.st_mode):
        return None, 0, "Not a regular file (device, pipe or socket)."
    try:
        return open(path, "rb"), info.st_size, ""  # noqa: SIM115 - closed by the caller
    except OSError as err:
        return None, 0, f"Cannot read file: {err.strerror or err}."


def _file_unit(entry: InputFile, doc_id: str, max_bytes: int) -> RawUnit | Skipped:
    path = entry.path
    handle, size, problem = _open_regular(path)
    if handle is None:
        return skipped(doc_id, "unreadable", problem, path)
    try:
        with handle:
            head = handle.read(SNIFF_BYTES)
            what = magic_signature(head)
            if what:  # do not read the rest of a binary file
                return skipped(doc_id, "binary", f"File content is a {what}, not text.", path)
            rest = handle.read(max(0, max_bytes - len(head)) + 1) if len(head) == SNIFF_BYTES else b""
    except OSError as err:
        return skipped(doc_id, "unreadable", f"Cannot read file: {err.strerror or err}.", path)
    data = head + rest
    truncated = len(data) > max_bytes
    if truncated:
        data = data[:max_bytes]
    del head, rest
    if not data:
        return skipped(doc_id, "empty", "File is empty (0 bytes).", path)
    suffix = path.suffix.lower()
    is_html = suffix in HTML_SUFFIXES
    text, encoding, message = decode_bytes(data, truncated=truncated, html=is_html or b"<" in data[:1024])
    del data
    if text is None:
        return skipped(doc_id, encoding, message, path)
    if is_blank(text):
        return skipped(doc_id, "empty", "File contains only whitespace.", path)
    kind = "html" if is_html or looks_like_html(text) else "text"
    return RawUnit(doc_id=doc_id, source_path=str(path), kind=kind, content=text, truncated=truncated,
                   original_bytes=max(size, max_bytes + 1) if truncated else size, encoding=encoding)


# ------------------------------------------------------------ JSON records

def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; bytes None when the line is longer than max_bytes."""
    number = 0
    while True:
        chunk = handle.readline(max_bytes + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # skip the rest of the long line
                chunk = handle.readline(1_048_576)
            yield number, None
            continue
        yield number, chunk


def _decode_line(raw: bytes, encoding: str) -> str:
    if encoding != "utf-8":
        return raw.decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


def _parse(text: str) -> tuple[Any, str]:
    try:
        return json.loads(text, strict=False), ""
    except RecursionError:
        return None, "it is nested too deeply"
    except ValueError as err:  # JSONDecodeError, or an integer too long to convert
        msg = getattr(err, "msg", None)
        return None, f"{msg} (column {err.colno})" if msg and hasattr(err, "colno") else str(err)[:200]


def _line_units(numbered: Iterator[tuple[int, bytes | None]], shift: int, name: str, path: str | Path,
                ids: DocIds, max_bytes: int) -> Iterator[RawUnit | Skipped]:
    """The units of numbered UTF-8 lines (line ``n`` is line ``n + shift`` of the file); blank
    lines give nothing, a line over ``max_bytes`` or not JSON is a skipped unit."""
    for n, raw in numbered:
        number = n + shift
        where = f"Line {number}"
        fallback = f"{name}:{number}"
        if raw is None:
            yield skipped(ids.claim(fallback), "too_large", f"{where} is longer than {max_bytes:,} bytes; skipped.", path)
            continue
        text = _decode_line(raw, "utf-8")
        if number == 1:
            text = text.lstrip("\ufeff")
        if not text.strip():
            continue
        record, error = _parse(text)
        if error:
            yield skipped(ids.claim(fallback), "bad_json", f"{where} is not valid JSON: {error}.", path)
            continue
        yield record_unit(record, fallback, ids, path, where, number)


def _jsonl_units(entry: InputFile, ids: DocIds, max_bytes: int) -> Iterator[RawUnit | Skipped]:
    path, name = entry.path, entry.doc_id
    handle, _size, problem = _open_regular(path)
    if handle is None:
        yield skipped(ids.claim(name), "unreadable", problem, path)
        return
    with handle:
        try:
            head = handle.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(handle, "peek") else b""
        except OSError as err:
            yield skipped(ids.claim(name), "unreadable", f"Cannot read file: {err.strerror or err}.", path)
            return
        what = magic_signature(head)
        if what:
            yield skipped(ids.claim(name), "binary", f"File content is a {what}, not JSON Lines.", path)
            return
        encoding = "utf-8"
        stream: Any = handle
        for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
            if head.startswith(bom):
                encoding = enc
                break
        if encoding == "utf-8" and utf16_without_bom(head):
            encoding = utf16_without_bom(head) or "utf-8"
        if encoding != "utf-8":  # re-encode UTF-16/32 to UTF-8 lines on the fly
            text_stream = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline=None)
            stream = _Utf8Lines(text_stream)
        elif head and head.count(0) > max(8, MAX_NUL_FRACTION * len(head)):
            yield skipped(ids.claim(name), "binary", "File contains NUL bytes; it is not JSON Lines.", path)
            return
        units = 0
        try:
            for unit in _line_units(_lines(stream, max_bytes), 0, name, path, ids, max_bytes):
                units += 1
                yield unit
        except OSError as err:
            units += 1
            yield skipped(ids.claim(name), "unreadable", f"Reading stopped: {err.strerror or err}.", path)
        if not units:
            yield skipped(ids.claim(name), "empty", "JSON Lines file has no records (empty or blank lines only).", path)


class _Utf8Lines:
    """Minimal binary-readline view over a text stream (for UTF-16/32 JSON Lines)."""

    def __init__(self, stream: io.TextIOWrapper) -> None:
        self._stream = stream

    def readline(self, limit: int = -1) -> bytes:
        # characters, not bytes: a UTF-8 line is at most 4x longer, close enough for a cap
        return self._stream.readline(limit).encode("utf-8", errors="replace")


def _json_units(entry: InputFile, ids: DocIds, max_bytes: int) -> Iterator[RawUnit | Skipped]:
    """A .json file: one object, or an array of objects; else treated as JSON Lines."""
    unit = _file_unit(entry, entry.doc_id, max_bytes)
    if isinstance(unit, Skipped):
        unit.doc_id = ids.claim(unit.doc_id)
        yield unit
        return
    if unit.truncated:
        yield skipped(ids.claim(entry.doc_id), "too_large",
                    f"JSON file is larger than {max_bytes:,} bytes and cannot be parsed in part.", entry.path)
        return
    record, error = _parse(unit.content.lstrip("\ufeff"))
    del unit
    if error:
        yield from _jsonl_units(entry, ids, max_bytes)
        return
    if isinstance(record, list):
        for index, item in enumerate(record, 1):
            yield record_unit(item, f"{entry.doc_id}:{index}", ids, entry.path, f"Item {index}", index)
    else:
        yield record_unit(record, entry.doc_id, ids, entry.path, "The file", None)


# ------------------------------------------------------------------ API

def iter_units(paths: Sequence[str | Path] | str | Path, *,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawUnit | Skipped]:
    """Yield one :class:`RawUnit` or :class:`~eventwire.model.Skipped` per input unit.

    Raises :class:`FileNotFoundError` *immediately* (not on first iteration) when an
    input path does not exist.  Order is deterministic: inputs in the given order,
    files inside a folder sorted by relative path.  Doc ids are unique within one
    call (a repeated id gets ``#2``, ``#3``...).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if max_bytes < 1:
        raise ValueError("max_bytes must be positive")
    entries = collect_files(list(paths))
    return _generate(entries, max_bytes)


def _generate(entries: list[InputFile], max_bytes: int) -> Iterator[RawUnit | Skipped]:
    ids = DocIds()
    for entry in entries:
        suffix = entry.path.suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES:
                yield from _jsonl_units(entry, ids, max_bytes)
            elif suffix in JSON_SUFFIXES:
                yield from _json_units(entry, ids, max_bytes)
            else:
                unit = _file_unit(entry, ids.claim(entry.doc_id), max_bytes)
                yield unit
        except Exception as err:  # a bad file never stops the run
            yield skipped(ids.claim(entry.doc_id), "unreadable",
                        f"Unexpected error while reading: {type(err).__name__}: {err}", entry.path)


# ------------------------------------------------- distributed readers (Spark)

#: public name of the doc-id claimer (a repeated id gets ``#2``, ``#3``...)
UniqueIds = DocIds


def list_inputs(paths: Sequence[str | Path] | str | Path) -> list[tuple[Path, str]]:
    """``(path, doc id)`` of every input file under *paths*, in reading order, without
    reading any content: the ids :func:`iter_units` gives plain files (and the prefix of a
    JSON Lines record's fallback id).  Raises :class:`FileNotFoundError` like it."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return [(e.path, e.doc_id) for e in collect_files(list(paths))]


def splittable_jsonl(head: bytes) -> bool:
    """True when a JSON Lines file starting with *head* (its first 8 KB) is UTF-8 text whose
    lines can be read from any line boundary (no binary signature, no UTF-16/32, no NULs)."""
    if magic_signature(head) or head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE,
                                                 codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return False
    return not (head and head.count(0) > max(8, MAX_NUL_FRACTION * len(head)))


def jsonl_chunk_units(data: bytes, first_line: int, name: str, path: str | Path, ids: DocIds, *,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawUnit | Skipped]:
    """The units of a run of whole lines of a UTF-8 JSON Lines file (see
    :func:`splittable_jsonl`), numbered from *first_line*, exactly as :func:`iter_units`
    reads them; *name* is the file's doc id (fallback ids are ``name:line``), *ids* claims
    unique doc ids.  Lets several workers read one large file, each a byte range."""
    yield from _line_units(_lines(io.BytesIO(data), max_bytes), first_line - 1, name, path, ids, max_bytes)
