"""Ingestion: raw scraped files in, clean :class:`~eventwire.model.Article` records out.

``read_articles(paths)`` streams one :class:`Article` or :class:`Skipped` per input
unit (a file, or a JSON Lines record)::

    unit (readers) -> HTML extraction (html) -> boilerplate removal (boilerplate)
    -> publication date / outlet (metadata) -> language check -> length cap

``Skipped.reason`` vocabulary (machine readable; ``message`` is a sentence):

==========================  =====================================================
``empty``                   file / record empty or whitespace only
``binary``                  binary content (signature, NUL or control bytes)
``undecodable``             not UTF-8/16/32 nor a recognisable single-byte encoding
``unreadable``              OS error, not a regular file
``too_large``               a JSON Lines line (or .json file) over ``max_bytes``
``bad_json``                a JSON Lines line that is not valid JSON
``not_an_object``           valid JSON that is not an object
``no_text``                 a record without a string ``text`` and without ``html``
``empty_after_cleaning``    nothing left once boilerplate was removed
``not_english:<lang>``      detected language not accepted (``language:<lang>``
                            when ``languages`` does not include English)
``error``                   unexpected failure while processing one unit
==========================  =====================================================
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..model import Article, Skipped
from .boilerplate import CleanResult, clean_text, rules_for
from .decode import decode_bytes, looks_like_html
from .html import extract_html
from .metadata import detect_language, find_outlet, find_published, parse_date
from .readers import iter_units
from .records import DocIds, RawUnit, record_unit

__all__ = [
    "read_articles",
    "article_from_text",
    "article_from_record",
    "unit_to_article",
    "truncate_text",
    "iter_units",
    "RawUnit",
    "clean_text",
    "CleanResult",
    "extract_html",
    "find_published",
    "find_outlet",
    "detect_language",
]

DEFAULT_MAX_CHARS = 200_000
_HINTS_IN_META = ("dateline", "dateline_date", "dateline_place", "dateline_agency", "author",
                  "copyright_holder", "source_footer")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]{0,3}(?=\s)")


def truncate_text(text: str, max_chars: int) -> str:
    """Cut *text* to at most *max_chars* at a paragraph break, else a line break, else
    a sentence end, else a space (each only if it keeps at least half the budget)."""
    if len(text) <= max_chars:
        return text
    half = max_chars // 2
    window = text[: max_chars + 1]
    for sep in ("\n\n", "\n"):
        cut = window.rfind(sep, 0, max_chars + 1)
        if cut >= half:
            return text[:cut].rstrip()
    ends = [m.end() for m in _SENTENCE_END.finditer(window, half, max_chars + 1)]
    ends = [e for e in ends if e <= max_chars]
    if ends:
        return text[: ends[-1]].rstrip()
    cut = window.rfind(" ", half, max_chars + 1)
    return text[: cut if cut >= half else max_chars].rstrip()


def _languages(languages: Iterable[str] | str | None) -> frozenset[str]:
    if languages is None:
        return frozenset()
    if isinstance(languages, str):
        languages = [languages]
    return frozenset(str(x).strip().lower() for x in languages if str(x).strip())


def _one_line(value: Any) -> str | None:
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return None


def unit_to_article(unit: RawUnit, *, max_chars: int | None = DEFAULT_MAX_CHARS,
                    languages: Iterable[str] | str | None = ("en",),
                    boilerplate: Sequence[str | Path] = ()) -> Article | Skipped:
    """Process one :class:`RawUnit` into an :class:`Article` (or :class:`Skipped`);
    never raises.  Usable on its own, e.g. in worker processes.  *boilerplate*: the
    user's rule files, merged over the packaged ones (:func:`~.boilerplate.rules_for`)."""
    try:
        return _process(unit, max_chars, _languages(languages), tuple(map(str, boilerplate)))
    except Exception as err:  # one bad unit must never stop a run
        return Skipped(doc_id=unit.doc_id, reason="error", source_path=unit.source_path,
                       message=f"Unexpected error while processing: {type(err).__name__}: {str(err)[:300]}")


def _process(unit: RawUnit, max_chars: int | None, languages: frozenset[str],
             boilerplate: tuple[str, ...]) -> Article | Skipped:
    meta: dict[str, Any] = {"kind": unit.kind}
    if unit.encoding:
        meta["encoding"] = unit.encoding
    if unit.line is not None:
        meta["line"] = unit.line
    if unit.truncated:
        meta["input_truncated"] = True
        meta["original_bytes"] = unit.original_bytes
    if unit.extra:
        meta["fields"] = dict(unit.extra)
    hints: dict[str, Any] = {}
    html_title = None
    if unit.kind == "html":
        text, page = extract_html(unit.content, unit.url)
        meta["extractor"] = page.get("extractor")
        if page.get("html_truncated"):
            meta["html_truncated"] = True
        for source, target in (("title", "html_title"), ("sitename", "sitename"), ("date", "html_date"),
                               ("author", "html_author")):
            if page.get(source):
                hints[target] = page[source]
        html_title = _one_line(page.get("title"))
    else:
        text = unit.content
    unit.content = ""  # release the raw page early; the unit is consumed
    pre_capped = False
    raw_chars = len(text)
    if max_chars is not None:
        if max_chars < 1:
            raise ValueError("max_chars must be positive (or None for no limit)")
        cap = max(2 * max_chars, 100_000)
        if len(text) > cap:  # do not clean megabytes that will be cut anyway
            cut = text.rfind("\n", 0, cap)
            text = text[: cut if cut >= cap // 2 else cap]
            pre_capped = True
    given_title = _one_line(unit.title)
    cleaned = clean_text(text, rules=rules_for(boilerplate), title_hint=given_title or html_title)
    del text
    hints = {**cleaned.hints, **hints}
    body = cleaned.text
    title = given_title or html_title or cleaned.title
    if not body.strip():
        return Skipped(doc_id=unit.doc_id, reason="empty_after_cleaning", source_path=unit.source_path,
                       message=f"No article text left after removing boilerplate "
                               f"({len(cleaned.removed)} line(s) removed).")
    lang, prob = detect_language(f"{title}\n{body[:6_000]}" if title else body[:6_000])
    if languages and lang not in languages:
        prefix = "not_english" if "en" in languages else "language"
        accepted = ", ".join(sorted(languages))
        return Skipped(doc_id=unit.doc_id, reason=f"{prefix}:{lang}", source_path=unit.source_path,
                       language=lang, message=f"Article language detected as '{lang}' (p={prob:.2f}); "
                                              f"only {accepted} accepted.")
    published = find_published(None, hints, unit.published, url=unit.url)
    if unit.published and parse_date(unit.published, fuzzy=True) is None:
        meta["given_published"] = unit.published
    outlet = find_outlet(None, hints, unit.url, unit.outlet)
    truncated = unit.truncated or pre_capped
    if max_chars is not None and len(body) > max_chars:
        meta["original_chars"] = raw_chars if pre_capped else len(body)
        body = truncate_text(body, max_chars)
        truncated = True
    elif pre_capped:
        meta["original_chars"] = raw_chars
    meta["language_prob"] = prob
    meta["removed_lines"] = len(cleaned.removed)
    for key in _HINTS_IN_META:
        if hints.get(key):
            meta[key] = hints[key]
    if hints.get("html_date"):
        meta["html_date"] = hints["html_date"]
    return Article(doc_id=unit.doc_id, text=body, title=title, outlet=outlet, published=published,
                   url=_one_line(unit.url), language=lang, source_path=unit.source_path,
                   truncated=truncated, meta=meta)


def read_articles(paths: Sequence[str | Path] | str | Path, *, max_bytes: int = 20_000_000,
                  max_chars: int | None = DEFAULT_MAX_CHARS,
                  languages: Iterable[str] | str | None = ("en",),
                  boilerplate: Sequence[str | Path] = ()) -> Iterator[Article | Skipped]:
    """Stream an :class:`Article` or :class:`Skipped` for every unit under *paths*.

    *paths*: files and/or folders (walked recursively, sorted, hidden files
    skipped).  Raises :class:`FileNotFoundError` at call time for a missing path;
    never raises for a bad file.  *max_bytes* caps what is read of one file;
    *max_chars* caps the cleaned body (cut at a paragraph / sentence boundary,
    ``Article.truncated=True``, ``meta["original_chars"]``); *languages*: accepted
    ISO 639-1 codes (``None`` or empty accepts every language); *boilerplate*: the
    user's boilerplate rule files.
    """
    units = iter_units(paths, max_bytes=max_bytes)  # validates paths now
    rules_for(boilerplate)  # a bad rule file raises now, not once per unit
    langs = _languages(languages)
    if max_chars is not None and max_chars < 1:
        raise ValueError("max_chars must be positive (or None for no limit)")

    def generate() -> Iterator[Article | Skipped]:
        for unit in units:
            if isinstance(unit, Skipped):
                yield unit
            else:
                yield unit_to_article(unit, max_chars=max_chars, languages=langs, boilerplate=boilerplate)

    return generate()


def article_from_text(text: str | bytes, doc_id: str = "text-1", *, title: str | None = None,
                      url: str | None = None, published: str | None = None, outlet: str | None = None,
                      html: bool | str | None = None, source_path: str | None = None,
                      max_chars: int | None = DEFAULT_MAX_CHARS,
                      languages: Iterable[str] | str | None = ("en",), boilerplate: Sequence[str | Path] = (),
                      **fields: Any) -> Article | Skipped:
    """One :class:`Article` (or :class:`Skipped`) from a text given directly.

    *title* / *url* / *published* / *outlet* are given metadata (they win over what
    is found; an invalid *published* is ignored).  *html*: ``True`` treats *text*
    as HTML (default: when it starts like an HTML document); a string is the page
    itself, used when *text* is empty (as with a JSON Lines record's ``html``).
    Other keyword arguments are kept in ``Article.meta["fields"]``.  Bytes are
    decoded like files are.  *boilerplate*: the user's boilerplate rule files.
    """
    if isinstance(html, str):
        if text is None or (isinstance(text, str) and not text.replace("\x00", "").strip()):
            text, html = html, True
        else:
            html = None
    encoding = None
    if isinstance(text, (bytes, bytearray)):
        decoded, encoding, message = decode_bytes(bytes(text), html=bool(html))
        if decoded is None:
            return Skipped(doc_id=doc_id, reason=encoding, message=message, source_path=source_path)
        text = decoded
    if not isinstance(text, str):
        return Skipped(doc_id=doc_id, reason="no_text", source_path=source_path,
                       message=f"Expected a string, got {type(text).__name__}.")
    if not text.replace("\x00", "").strip():
        return Skipped(doc_id=doc_id, reason="empty", message="The text is empty.", source_path=source_path)
    if html is None:
        html = looks_like_html(text)
    published_value = published if isinstance(published, str) else (
        str(published) if isinstance(published, (int, float)) and not isinstance(published, bool) else None)
    unit = RawUnit(doc_id=doc_id, source_path=source_path or "", kind="html" if html else "text", content=text,
                   title=_one_line(title), url=_one_line(url), published=published_value,
                   outlet=_one_line(outlet), encoding=encoding,
                   extra={k: v for k, v in fields.items() if isinstance(v, (str, int, float, bool))})
    result = unit_to_article(unit, max_chars=max_chars, languages=languages, boilerplate=boilerplate)
    if source_path is None:
        result.source_path = None
    return result


def article_from_record(record: Any, fallback_id: str, *, ids: DocIds | None = None,
                        source_path: str | None = None, max_chars: int | None = DEFAULT_MAX_CHARS,
                        languages: Iterable[str] | str | None = ("en",),
                        boilerplate: Sequence[str | Path] = ()) -> Article | Skipped:
    """One :class:`Article` (or :class:`Skipped`) from a record given directly: a dict with
    ``text`` or ``html`` and optional ``id``, ``title``, ``url``, ``published``, ``outlet``
    (other scalar fields go to ``Article.meta["fields"]``).

    The same path as a JSON Lines line (:func:`eventwire.ingest.records.record_unit`), so a
    record gives the same article from a file and from Python.  *fallback_id* is the doc
    id when the record has none; *ids* makes doc ids unique across calls (``id#2``).
    """
    unit = record_unit(record, fallback_id, ids if ids is not None else DocIds(), source_path or "",
                       "The record", None)
    result = unit if isinstance(unit, Skipped) else \
        unit_to_article(unit, max_chars=max_chars, languages=languages, boilerplate=boilerplate)
    if source_path is None:
        result.source_path = None
    return result
