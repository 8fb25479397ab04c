"""Main text and metadata of an HTML page.

:func:`extract_html` uses trafilatura (comments and tables excluded) for the body and
its metadata (title, site name, author, and the publication date through htmldate
with *extensive search off*, so that a ``© 2024`` footer is never taken for a
date).  When trafilatura finds nothing (or fails: deeply nested or broken markup)
a streaming :class:`html.parser.HTMLParser` pass collects the visible text instead;
it keeps no tree, so it cannot recurse.  Nothing here ever fetches a URL.
"""
from __future__ import annotations

import html as _html
import logging
import re
from html.parser import HTMLParser
from typing import Any

__all__ = ["extract_html", "html_to_text", "DEFAULT_MAX_HTML_CHARS"]

#: pages longer than this are shrunk (scripts/styles/comments removed, then cut)
DEFAULT_MAX_HTML_CHARS = 5_000_000

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    # a library must not print through logging's last-resort handler
    logging.getLogger(_name).addHandler(logging.NullHandler())

_BLOCK_START = re.compile(r"<(script|style|svg|noscript|template)\b|<!--", re.I)
_HAS_TAG = re.compile(r"<[a-zA-Z!/?]")
_TAG = re.compile(r"<[^<>]{0,10000}>")


def _shrink(page: str, limit: int) -> str:
    """Drop <script> (except JSON-LD), <style>, <svg>, <noscript>, <template> and
    comments with a linear scan, then cut at *limit* characters."""
    lower = page.lower()
    out: list[str] = []
    total = 0
    pos = 0
    while total <= limit:
        match = _BLOCK_START.search(page, pos)
        if not match:
            out.append(page[pos:])
            break
        start = match.start()
        out.append(page[pos:start])
        total += start - pos
        if match.group(0) == "<!--":
            end = lower.find("-->", start + 4)
            pos = len(page) if end < 0 else end + 3
            continue
        tag = match.group(1).lower()
        close = lower.find(f"</{tag}", match.end())
        end = len(page) if close < 0 else lower.find(">", close)
        end = len(page) if end < 0 else end + 1
        opening = page[start:page.find(">", start) + 1 or len(page)][:300].lower()
        if tag == "script" and "ld+json" in opening:
            out.append(page[start:end])
            total += end - start
        pos = end
    shrunk = "".join(out)
    return shrunk[:limit]


class _TextCollector(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object",
                       "canvas", "select", "button", "math"})
    _BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                        "table", "section", "article", "header", "footer", "blockquote", "pre", "dd",
                        "dt", "dl", "figcaption", "figure", "title", "main", "aside", "nav", "hr",
                        "address", "details", "summary", "form", "fieldset", "legend", "caption"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip and data:
            self.parts.append(" ".join(data.split()) if not data.isspace() else " ")


def html_to_text(page: str) -> str:
    """Visible text of *page* with block elements on their own lines (no tree is built)."""
    if not _HAS_TAG.search(page[:200_000]):
        return page  # not markup at all
    collector = _TextCollector()
    try:
        collector.feed(page)
        collector.close()
        text = "".join(collector.parts)
    except Exception:  # HTMLParser is lenient, but be sure
        text = _html.unescape(_TAG.sub("\n", page))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _metadata_value(doc: Any, name: str) -> str | None:
    value = getattr(doc, name, None) if not isinstance(doc, dict) else doc.get(name)
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())[:500]
    return None


def extract_html(html: str, url: str | None = None, *,
                 max_chars: int = DEFAULT_MAX_HTML_CHARS) -> tuple[str, dict[str, Any]]:
    """``(main text, metadata)`` of an HTML page; never raises.

    ``metadata`` keys (present when found): ``title``, ``sitename``, ``date``
    (``YYYY-MM-DD``), ``author``, ``description``, ``hostname``; always
    ``extractor`` (``"trafilatura"``, ``"fallback"`` or ``"none"``); ``html_truncated``
    when the page was longer than *max_chars*; ``error`` when trafilatura failed.
    """
    meta: dict[str, Any] = {"extractor": "none"}
    if not isinstance(html, str) or not html.strip():
        return "", meta
    if "\x00" in html:
        html = html.replace("\x00", "")
    if len(html) > max_chars:
        html = _shrink(html, max_chars)
        meta["html_truncated"] = True
    text = ""
    doc = None
    try:
        import trafilatura
        from trafilatura.settings import set_date_params

        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=False, with_metadata=True,
            date_extraction_params=set_date_params(False),
        )
    except (Exception, RecursionError) as err:  # RecursionError is listed for clarity
        meta["error"] = f"{type(err).__name__}: {str(err)[:200]}"
        doc = None
    if doc is not None:
        raw = getattr(doc, "text", None)
        text = raw if isinstance(raw, str) else ""
        for key in ("title", "sitename", "date", "author", "description", "hostname"):
            value = _metadata_value(doc, key)
            if value:
                meta[key] = value
        if text:
            meta["extractor"] = "trafilatura"
    if not text.strip():
        if doc is None and "error" not in meta:
            meta.update(_metadata_only(html, url))
        try:
            text = html_to_text(html)
        except Exception as err:
            meta["error"] = f"{type(err).__name__}: {str(err)[:200]}"
            text = ""
        meta["extractor"] = "fallback" if text.strip() else "none"
    return text, meta


def _metadata_only(html: str, url: str | None) -> dict[str, Any]:
    """Metadata when the body extraction gave up (title, site name, date)."""
    found: dict[str, Any] = {}
    try:
        from trafilatura.metadata import extract_metadata
        from trafilatura.settings import set_date_params

        doc = extract_metadata(html, default_url=url, date_config=set_date_params(False))
    except (Exception, RecursionError):
        return found
    for key in ("title", "sitename", "date", "author", "description", "hostname"):
        value = _metadata_value(doc, key)
        if value:
            found[key] = value
    return found
