"""Bytes to text: binary signatures, byte-order marks, BOM-less UTF-16, UTF-8, a page's
declared charset, then a guessed single-byte encoding (:func:`decode_bytes`).

Also the sniffing helpers the readers share: :func:`magic_signature` (what a binary file
is), :func:`utf16_without_bom`, :func:`is_blank` and :func:`looks_like_html`.
"""
from __future__ import annotations

import codecs
import re

__all__ = ["decode_bytes", "is_blank", "looks_like_html", "magic_signature", "utf16_without_bom",
           "MAX_NUL_FRACTION", "SNIFF_BYTES"]

#: bytes read to sniff a file's kind
SNIFF_BYTES = 8192

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
MAX_NUL_FRACTION = 0.01
_MAX_CONTROL_FRACTION = 0.05
#: single-byte Western guesses that charset-normalizer confuses; cp1252 decodes them
_LATIN_GUESSES = frozenset({
    "cp1252", "windows-1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "iso8859_2", "mac_latin2",
    "mac_roman", "cp850", "cp437", "cp858", "iso8859_9", "cp1254", "iso8859_3", "iso8859_4",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_16", "cp1257", "mac_iceland", "mac_turkish",
    "cp1258", "ascii", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be",
})
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)


def magic_signature(head: bytes) -> str | None:
    """What a binary file is ('PDF document', 'PNG image'...), from its first bytes; None for text."""
    for signature, what in _MAGIC:
        if head.startswith(signature):
            return what
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "MP4/MOV media"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media"
    return None


def utf16_without_bom(sample: bytes) -> str | None:
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
    head = data[:SNIFF_BYTES]
    what = magic_signature(head)
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
    utf16 = utf16_without_bom(head)
    if utf16:
        text = _decode_strict_or_replace(data[: len(data) - len(data) % 2], utf16)
        if text is not None and text.count("\x00") <= len(text) // 100:
            return text, utf16, ""
    sample = data[:1_048_576]
    nul = sample.count(0)
    if nul > max(8, MAX_NUL_FRACTION * len(sample)):
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


def is_blank(text: str) -> bool:
    return not text.replace("\x00", "").strip().strip("\ufeff\u200b\u2060")


_HTML_START = re.compile(r"\s{0,200}(?:<\?xml[^>]{0,200}>\s{0,200})?(?:<!--.{0,2000}?-->\s{0,200})?<(?:!doctype\s+html|html[\s>])",
                         re.I | re.S)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document (a doctype or an ``<html>`` tag)."""
    return _HTML_START.match(text[:4000].lstrip("\ufeff")) is not None
