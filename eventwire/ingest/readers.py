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
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Skipped

__all__ = ["RawUnit", "iter_units", "decode_bytes", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 20_000_000
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonlines"})
JSON_SUFFIXES = frozenset({".json"})
_SNIFF_BYTES = 8192


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


# ----------------------------------------------------------------- decoding

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (DOC/XLS)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM media"),
    (b"\xca\xfe\xba\xbe", "Java class / Mach-O"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"PAR1", "Parquet file"),
    (b"ARROW1", "Arrow file"),
    (b"\x00\x00\x01\x00", "ICO image"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: C0 control bytes that do not occur in text (NUL included; TAB LF VT FF CR ESC excluded)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x1B), *range(0x1C, 0x20), 0x7F])
_MAX_NUL_FRACTION = 0.01
_MAX_CONTROL_FRACTION = 0.05
#: single-byte Western guesses that charset-normalizer confuses; cp1252 decodes them
_LATIN_GUESSES = frozenset({
    "cp1252", "windows-1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "iso8859_2", "mac_latin2",
    "mac_roman", "cp850", "cp437", "cp858", "iso8859_9", "cp1254", "iso8859_3", "iso8859_4",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_16", "cp1257", "mac_iceland", "mac_turkish",
    "cp1258", "ascii", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be",
})
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)


def _magic(head: bytes) -> str | None:
    for signature, what in _MAGIC:
        if head.startswith(signature):
            return what
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "MP4/MOV media"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NULs sit on every other byte (ASCII-range UTF-16)."""
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0:half * 2:2], sample[1:half * 2:2]
    nul_even, nul_odd = even.count(0), odd.count(0)
    if nul_odd >= 0.4 * half and nul_even <= 0.05 * half:
        return "utf-16-le"
    if nul_even >= 0.4 * half and nul_odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _decode_strict_or_replace(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        # tolerate a few bad sequences, not a wrong guess
        return text if text.count("\ufffd") <= max(8, len(text) // 200) else None


def _utf8(data: bytes, truncated: bool) -> str | None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        # final=False tolerates a multi-byte character cut at the truncation point
        return decoder.decode(data, final=not truncated)
    except UnicodeDecodeError:
        return None


def _html_charset(data: bytes) -> str | None:
    match = _HTML_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _charset_normalizer(sample: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
        return best.encoding if best is not None else None
    except Exception:  # charset-normalizer must not break reading
        return None


def _guess_single_byte(data: bytes) -> tuple[str | None, str | None]:
    """Legacy encodings.  Western text has few high bytes (accents): read it as
    cp1252.  Text in another script (Cyrillic, Greek, CJK...) is mostly high
    bytes: trust charset-normalizer's guess there, which is unreliable on the
    former (it calls a French latin-1 text mac_latin2).  When cp1252 cannot decode
    the bytes either, charset-normalizer's guess (any) is the last resort."""
    sample = data[:131_072]
    letters = len(sample) - sum(sample.count(c) for c in b" \t\r\n0123456789.,;:!?'\"()-")
    high = len(sample) - len(sample.translate(None, bytes(range(0x80, 0x100))))
    guess = _charset_normalizer(sample) if high > 0.3 * max(1, letters) else None
    if guess and guess not in _LATIN_GUESSES:
        text = _decode_strict_or_replace(data, guess)
        if text is not None:
            return text, guess
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    guess = guess or _charset_normalizer(sample)
    if guess and not guess.startswith(("utf_16", "utf_32")):
        text = _decode_strict_or_replace(data, guess)
        if text is not None:
            return text, guess
    return None, None


def decode_bytes(data: bytes, *, truncated: bool = False, html: bool = False) -> tuple[str | None, str, str]:
    """Decode file bytes to text.

    Returns ``(text, encoding, "")`` or ``(None, reason, message)`` with reason
    ``"binary"`` or ``"undecodable"``.  Order: known binary signatures; BOMs (UTF-8,
    UTF-16, UTF-32); BOM-less UTF-16; NUL / control-byte ratio; strict UTF-8; an
    HTML ``<meta charset>``; charset-normalizer's guess (Western guesses are read as
    cp1252, else latin-1).  A few stray NUL bytes in text are tolerated (and later
    removed by cleaning).
    """
    head = data[:_SNIFF_BYTES]
    what = _magic(head)
    if what:
        return None, "binary", f"File content is a {what}, not text."
    if truncated and data[:4] in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):
        data = data[: len(data) - len(data) % 4]
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if truncated and encoding == "utf-16":
                data = data[: len(data) - len(data) % 2]
            text = _decode_strict_or_replace(data, encoding)
            if text is None:
                return None, "undecodable", f"File starts with a {encoding.upper()} byte-order mark but does not decode as {encoding.upper()}."
            return text, encoding, ""
    utf16 = _utf16_without_bom(head)
    if utf16:
        text = _decode_strict_or_replace(data[: len(data) - len(data) % 2], utf16)
        if text is not None and text.count("\x00") <= len(text) // 100:
            return text, utf16, ""
    sample = data[:1_048_576]
    nul = sample.count(0)
    if nul > max(8, _MAX_NUL_FRACTION * len(sample)):
        return None, "binary", f"File contains {nul:,} NUL bytes in its first {len(sample):,} bytes; it is not text."
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_FRACTION * len(sample) and controls > 2:
        share = controls / max(1, len(sample))
        return None, "binary", f"{share:.0%} of the file's bytes are control characters; it is not text."
    text = _utf8(data, truncated)
    if text is not None:
        return text, "utf-8", ""
    if html:
        declared = _html_charset(data)
        if declared and declared != "utf-8":
            text = _decode_strict_or_replace(data, declared)
            if text is not None:
                return text, declared, ""
    text, encoding = _guess_single_byte(data)
    if text is None or encoding is None:
        return None, "undecodable", "File is not UTF-8, UTF-16 or a recognisable single-byte encoding."
    return text, encoding, ""


def _blank(text: str) -> bool:
    return not text.replace("\x00", "").strip().strip("\ufeff\u200b\u2060")


_HTML_START = re.compile(r"\s{0,200}(?:<\?xml[^>]{0,200}>\s{0,200})?(?:<!--.{0,2000}?-->\s{0,200})?<(?:!doctype\s+html|html[\s>])",
                         re.I | re.S)


def _looks_like_html(text: str) -> bool:
    return _HTML_START.match(text[:4000].lstrip("\ufeff")) is not None


# ------------------------------------------------------------ walking

@dataclass
class _Entry:
    path: Path
    root: Path
    rel: str
    root_name: str
    doc_id: str = ""


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.endswith("~")


def _walk(root: Path) -> list[_Entry]:
    found = []
    root_name = root.resolve().name
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not _hidden(d))
        for name in filenames:
            if _hidden(name):
                continue
            path = Path(dirpath) / name
            found.append(_Entry(path, root, path.relative_to(root).as_posix(), root_name))
    found.sort(key=lambda e: e.rel.split("/"))
    return found


def _collect(paths: Sequence[str | Path]) -> list[_Entry]:
    entries: list[_Entry] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            entries.extend(_walk(path))
        elif path.exists() or path.is_symlink():
            parent = path.parent
            entries.append(_Entry(path, parent, path.name, parent.resolve().name))
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


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_id(doc_id: str) -> str:
    """A doc id that is valid Unicode, so that it is written as it is and a resumed run finds
    it again: a file name byte that is not UTF-8 (kept by Python as a lone surrogate) becomes
    ``\\xe9``, a lone surrogate from a JSON ``\\ud800`` escape ``\\ud800``."""
    if not _SURROGATE.search(doc_id):
        return doc_id
    return _SURROGATE.sub(lambda m: (f"\\x{ord(m.group()) - 0xDC00:02x}" if "\udc80" <= m.group() <= "\udcff"
                                     else f"\\u{ord(m.group()):04x}"), doc_id)


def _no_surrogates(text: str) -> str:
    """Lone surrogates (JSON ``\\ud800`` escapes) cannot be written as UTF-8: each becomes U+FFFD
    (one character for one, so offsets hold)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


class _Ids:
    """Makes doc ids unique within a run: the second ``x`` becomes ``x#2``."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def claim(self, doc_id: str) -> str:
        doc_id = _valid_id(doc_id)
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


# ------------------------------------------------------------ file units

def _skip(doc_id: str, reason: str, message: str, path: Path | str) -> Skipped:
    return Skipped(doc_id=doc_id, reason=reason, message=message, source_path=str(path))


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


def _file_unit(entry: _Entry, doc_id: str, max_bytes: int) -> RawUnit | Skipped:
    path = entry.path
    handle, size, problem = _open_regular(path)
    if handle is None:
        return _skip(doc_id, "unreadable", problem, path)
    try:
        with handle:
            head = handle.read(_SNIFF_BYTES)
            what = _magic(head)
            if what:  # do not read the rest of a binary file
                return _skip(doc_id, "binary", f"File content is a {what}, not text.", path)
            rest = handle.read(max(0, max_bytes - len(head)) + 1) if len(head) == _SNIFF_BYTES else b""
    except OSError as err:
        return _skip(doc_id, "unreadable", f"Cannot read file: {err.strerror or err}.", path)
    data = head + rest
    truncated = len(data) > max_bytes
    if truncated:
        data = data[:max_bytes]
    del head, rest
    if not data:
        return _skip(doc_id, "empty", "File is empty (0 bytes).", path)
    suffix = path.suffix.lower()
    is_html = suffix in HTML_SUFFIXES
    text, encoding, message = decode_bytes(data, truncated=truncated, html=is_html or b"<" in data[:1024])
    del data
    if text is None:
        return _skip(doc_id, encoding, message, path)
    if _blank(text):
        return _skip(doc_id, "empty", "File contains only whitespace.", path)
    kind = "html" if is_html or _looks_like_html(text) else "text"
    return RawUnit(doc_id=doc_id, source_path=str(path), kind=kind, content=text, truncated=truncated,
                   original_bytes=max(size, max_bytes + 1) if truncated else size, encoding=encoding)


# ------------------------------------------------------------ JSON records

_FIELDS = ("title", "url", "published", "outlet")


def _field(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if key == "published" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    return None


def _record_unit(record: Any, fallback_id: str, ids: _Ids, path: Path, where: str,
                 line: int | None) -> RawUnit | Skipped:
    if not isinstance(record, dict):
        kind = {list: "an array", str: "a string", int: "a number", float: "a number",
                bool: "a boolean", type(None): "null"}.get(type(record), type(record).__name__)
        return _skip(ids.claim(fallback_id), "not_an_object",
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
    if isinstance(text, str) and not _blank(text):
        kind, content = "text", _no_surrogates(text)
    elif isinstance(html, str) and not _blank(html):
        kind, content = "html", _no_surrogates(html)
    elif isinstance(text, str) or isinstance(html, str):
        return _skip(doc_id, "empty", f"{where}: the record's text is empty.", path)
    else:
        got = "missing" if "text" not in record else ("null" if text is None else type(text).__name__)
        return _skip(doc_id, "no_text", f"{where}: the record has no usable 'text' (it is {got}) and no 'html'.", path)
    extra = {k: v for k, v in record.items()
             if k not in ("id", "text", "html", *_FIELDS) and isinstance(v, (str, int, float, bool)) and len(str(v)) <= 500}
    return RawUnit(doc_id=doc_id, source_path=str(path), kind=kind, content=content,
                   title=_field(record, "title"), url=_field(record, "url"),
                   published=_field(record, "published"), outlet=_field(record, "outlet"),
                   line=line, extra=extra)


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


def _jsonl_units(entry: _Entry, ids: _Ids, max_bytes: int) -> Iterator[RawUnit | Skipped]:
    path, name = entry.path, entry.doc_id
    handle, _size, problem = _open_regular(path)
    if handle is None:
        yield _skip(ids.claim(name), "unreadable", problem, path)
        return
    with handle:
        try:
            head = handle.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(handle, "peek") else b""
        except OSError as err:
            yield _skip(ids.claim(name), "unreadable", f"Cannot read file: {err.strerror or err}.", path)
            return
        what = _magic(head)
        if what:
            yield _skip(ids.claim(name), "binary", f"File content is a {what}, not JSON Lines.", path)
            return
        encoding = "utf-8"
        stream: Any = handle
        for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
            if head.startswith(bom):
                encoding = enc
                break
        if encoding == "utf-8" and _utf16_without_bom(head):
            encoding = _utf16_without_bom(head) or "utf-8"
        if encoding != "utf-8":  # re-encode UTF-16/32 to UTF-8 lines on the fly
            text_stream = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline=None)
            stream = _Utf8Lines(text_stream)
        elif head and head.count(0) > max(8, _MAX_NUL_FRACTION * len(head)):
            yield _skip(ids.claim(name), "binary", "File contains NUL bytes; it is not JSON Lines.", path)
            return
        units = 0
        try:
            for number, raw in _lines(stream, max_bytes):
                where = f"Line {number}"
                fallback = f"{name}:{number}"
                if raw is None:
                    units += 1
                    yield _skip(ids.claim(fallback), "too_large",
                                f"{where} is longer than {max_bytes:,} bytes; skipped.", path)
                    continue
                text = _decode_line(raw, "utf-8")
                if number == 1:
                    text = text.lstrip("\ufeff")
                if not text.strip():
                    continue
                units += 1
                record, error = _parse(text)
                if error:
                    yield _skip(ids.claim(fallback), "bad_json", f"{where} is not valid JSON: {error}.", path)
                    continue
                yield _record_unit(record, fallback, ids, path, where, number)
        except OSError as err:
            units += 1
            yield _skip(ids.claim(name), "unreadable", f"Reading stopped: {err.strerror or err}.", path)
        if not units:
            yield _skip(ids.claim(name), "empty", "JSON Lines file has no records (empty or blank lines only).", path)


class _Utf8Lines:
    """Minimal binary-readline view over a text stream (for UTF-16/32 JSON Lines)."""

    def __init__(self, stream: io.TextIOWrapper) -> None:
        self._stream = stream

    def readline(self, limit: int = -1) -> bytes:
        # characters, not bytes: a UTF-8 line is at most 4x longer, close enough for a cap
        return self._stream.readline(limit).encode("utf-8", errors="replace")


def _json_units(entry: _Entry, ids: _Ids, max_bytes: int) -> Iterator[RawUnit | Skipped]:
    """A .json file: one object, or an array of objects; else treated as JSON Lines."""
    unit = _file_unit(entry, entry.doc_id, max_bytes)
    if isinstance(unit, Skipped):
        unit.doc_id = ids.claim(unit.doc_id)
        yield unit
        return
    if unit.truncated:
        yield _skip(ids.claim(entry.doc_id), "too_large",
                    f"JSON file is larger than {max_bytes:,} bytes and cannot be parsed in part.", entry.path)
        return
    record, error = _parse(unit.content.lstrip("\ufeff"))
    del unit
    if error:
        yield from _jsonl_units(entry, ids, max_bytes)
        return
    if isinstance(record, list):
        for index, item in enumerate(record, 1):
            yield _record_unit(item, f"{entry.doc_id}:{index}", ids, entry.path, f"Item {index}", index)
    else:
        yield _record_unit(record, entry.doc_id, ids, entry.path, "The file", None)


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
    entries = _collect(list(paths))
    return _generate(entries, max_bytes)


def _generate(entries: list[_Entry], max_bytes: int) -> Iterator[RawUnit | Skipped]:
    ids = _Ids()
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
            yield _skip(ids.claim(entry.doc_id), "unreadable",
                        f"Unexpected error while reading: {type(err).__name__}: {err}", entry.path)


# ------------------------------------------------- distributed readers (Spark)

#: public name of the doc-id claimer (a repeated id gets ``#2``, ``#3``...)
UniqueIds = _Ids


def list_inputs(paths: Sequence[str | Path] | str | Path) -> list[tuple[Path, str]]:
    """``(path, doc id)`` of every input file under *paths*, in reading order, without
    reading any content: the ids :func:`iter_units` gives plain files (and the prefix of a
    JSON Lines record's fallback id).  Raises :class:`FileNotFoundError` like it."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return [(e.path, e.doc_id) for e in _collect(list(paths))]


def splittable_jsonl(head: bytes) -> bool:
    """True when a JSON Lines file starting with *head* (its first 8 KB) is UTF-8 text whose
    lines can be read from any line boundary (no binary signature, no UTF-16/32, no NULs)."""
    if _magic(head) or head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE,
                                        codecs.BOM_UTF16_BE)) or _utf16_without_bom(head):
        return False
    return not (head and head.count(0) > max(8, _MAX_NUL_FRACTION * len(head)))


def jsonl_chunk_units(data: bytes, first_line: int, name: str, path: str | Path, ids: _Ids, *,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawUnit | Skipped]:
    """The units of a run of whole lines of a UTF-8 JSON Lines file (see
    :func:`splittable_jsonl`), numbered from *first_line*, exactly as :func:`iter_units`
    reads them; *name* is the file's doc id (fallback ids are ``name:line``), *ids* claims
    unique doc ids.  Lets several workers read one large file, each a byte range."""
    for offset, raw in _lines(io.BytesIO(data), max_bytes):
        number = first_line + offset - 1
        where, fallback = f"Line {number}", f"{name}:{number}"
        if raw is None:
            yield _skip(ids.claim(fallback), "too_large", f"{where} is longer than {max_bytes:,} bytes; skipped.", path)
            continue
        text = _decode_line(raw, "utf-8")
        if number == 1:
            text = text.lstrip("\ufeff")
        if not text.strip():
            continue
        record, error = _parse(text)
        if error:
            yield _skip(ids.claim(fallback), "bad_json", f"{where} is not valid JSON: {error}.", path)
            continue
        yield _record_unit(record, fallback, ids, Path(path), where, number)


def record_unit(record: Any, fallback_id: str, ids: _Ids, source_path: str | Path = "",
                line: int | None = None) -> RawUnit | Skipped:
    """The unit of one JSON object (``id``, ``text`` or ``html``, ``title``, ``url``,
    ``published``, ``outlet``), exactly as a JSON Lines line holding it is read."""
    where = f"Line {line}" if line is not None else "The record"
    return _record_unit(record, fallback_id, ids, Path(source_path) if source_path else "", where, line)
