"""Publication date, outlet and language of an article.

All functions are pure and never raise on odd input.  They look at, in order: the
metadata a caller *gave* (JSON Lines fields), the *hints* that
:func:`eventwire.ingest.boilerplate.clean_text` collected while it removed debris
(date lines, datelines, copyright lines, "Original Source" footers, HTML metadata),
then the text itself, then the URL.

Rules that matter for event data:

* a copyright year is never a publication date;
* a month/day without a year (``"VIENTIANE, July 7. /TASS/."``) is not a date
  (``find_published`` returns ``None``; the month-day survives as ``hints["dateline"]``);
* dates are plain ISO ``YYYY-MM-DD``; anything before 1900 or after tomorrow is
  rejected.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from typing import Any

from .boilerplate import extract_hints
from .datetext import date_from_url, parse_date, parse_month_day

__all__ = [
    "parse_date",
    "parse_month_day",
    "find_published",
    "find_outlet",
    "normalize_outlet",
    "detect_language",
]

#: hint keys that carry a publication date, most reliable first
_DATE_HINTS = ("html_date", "date_line", "dateline_date", "updated_line")


def _text_hints(text: Any) -> dict[str, str]:
    if not isinstance(text, str) or not text.strip():
        return {}
    try:
        return extract_hints(text)
    except Exception:  # never let a bad rule file break metadata lookup
        return {}


def find_published(
    text: str | None,
    hints: Mapping[str, Any] | None = None,
    given: Any = None,
    *,
    url: str | None = None,
) -> str | None:
    """Publication date as ``YYYY-MM-DD`` or ``None``.

    Order: a valid *given* value (normalised; an invalid one is ignored), the hints
    (``html_date`` from the page's metadata, an explicit ``date 2020-03-27`` /
    ``Published: March 3, 2021`` line, a dateline that has a year, an
    ``Updated 12 May 2022`` line), the same kinds of line found in *text*, then a
    ``/2021/03/03/`` URL path.  Never a copyright year; never a date without a year.
    """
    found = parse_date(given, fuzzy=True) if given is not None else None
    if found:
        return found
    hints = hints or {}
    for key in _DATE_HINTS:
        found = parse_date(hints.get(key))
        if found:
            return found
    scanned = _text_hints(text)
    for key in _DATE_HINTS:
        found = parse_date(scanned.get(key))
        if found:
            return found
    return date_from_url(url)


# ---------------------------------------------------------------- outlets

_LEGAL_SUFFIX = re.compile(
    r"(?:,?\s(?:LLC|L\.L\.C\.|Inc\.?|Incorporated|Ltd\.?|Limited|Corp\.?|Corporation|Co\.|GmbH|AG"
    r"|S\.A\.|SA|PLC|plc|LP|LLP|L\.P\.|Pty\.? Ltd\.?|N\.V\.|B\.V\.|S\.p\.A\.|AB|ASA))+\.?$"
)
_OUTLET_PREFIX = re.compile(r"^(?:provided by|by|the staff of|source:)\s", re.I)
_OUTLET_JUNK = re.compile(
    r"\s(?:and/or its affiliates|and its licensors|all rights reserved)\b.{0,40}$", re.I)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\d?\.|m\.|amp\.|mobile\.)?([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,5})(?::\d+)?(?:[/?#].*)?$",
                     re.I)


def _domain(value: str) -> str | None:
    match = _DOMAIN.match(value.strip()[:500])
    if not match:
        return None
    host = match.group(1).lower().strip(".")
    if "." not in host or not re.search(r"[a-z]", host.rsplit(".", 1)[-1]):
        return None  # "3.14" or an IP address is no domain
    return host


def normalize_outlet(value: Any, kind: str = "name") -> str | None:
    """Tidy an outlet string: a domain or URL becomes ``newser.com``; a copyright
    holder loses ``LLC`` / ``Inc.`` / ``Provided by`` and ``All rights reserved``."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())[:200].strip(" .,;:|-–—")
    if not text:
        return None
    if kind == "url" or (" " not in text and "." in text):
        host = _domain(text)
        if host:
            return host
        if kind == "url":
            return None
    text = _OUTLET_JUNK.sub("", text)
    text = _OUTLET_PREFIX.sub("", text)
    text = _LEGAL_SUFFIX.sub("", text).strip(" .,;:|-–—")
    if not re.search(r"[^\W\d_]", text) or len(text) > 100:
        return None
    return text


def _outlet_from_hints(hints: Mapping[str, Any]) -> str | None:
    for key, kind in (("sitename", "name"), ("source_footer", "name"), ("copyright_holder", "name")):
        found = normalize_outlet(hints.get(key), kind)
        if found:
            return found
    return None


def find_outlet(
    text: str | None,
    hints: Mapping[str, Any] | None = None,
    url: str | None = None,
    given: Any = None,
) -> str | None:
    """Publisher of the article, or ``None``.

    Order: *given*; the page's site name (HTML); an ``Original Source:
    www.newser.com`` footer (-> ``newser.com``); a ``© 2024 Blaze Media LLC``
    holder (-> ``Blaze Media``); the URL's domain; a dateline's agency (``/TASS/``,
    ``(Reuters) -``, ``(AP) —``); then the same lines looked for in *text*.
    """
    if isinstance(given, str) and given.strip():
        return " ".join(given.split())[:200]
    hints = hints or {}
    found = _outlet_from_hints(hints)
    if found:
        return found
    found = normalize_outlet(url, "url") if url else None
    if found:
        return found
    found = normalize_outlet(hints.get("dateline_agency"))
    if found:
        return found
    scanned = _text_hints(text)
    return _outlet_from_hints(scanned) or normalize_outlet(scanned.get("dateline_agency"))


# --------------------------------------------------------------- language

_IDENTIFIER = None
_IDENTIFIER_LOCK = threading.Lock()
#: fewer letters than this and the text is too short to judge: assume English
MIN_LETTERS = 40
#: a non-English guess below this (normalised) probability is not trusted
MIN_CONFIDENCE = 0.5
#: ... nor, in a text of fewer letters than SHORT_LETTERS, one below SHORT_CONFIDENCE: a
#: one-sentence English report ("Ugandan police arrested two Kenyan journalists.") reads as
#: Nigerian Pidgin at 0.58
SHORT_LETTERS = 200
SHORT_CONFIDENCE = 0.9
_SAMPLE_CHARS = 6_000


def _identifier():
    global _IDENTIFIER
    if _IDENTIFIER is None:
        with _IDENTIFIER_LOCK:
            if _IDENTIFIER is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENTIFIER


def detect_language(text: str | None) -> tuple[str, float]:
    """``(ISO 639-1 code, probability)`` with py3langid (probabilities normalised).

    Lenient towards English: a text with fewer than ``MIN_LETTERS`` letters, or one
    whose best non-English guess is below ``MIN_CONFIDENCE`` (``SHORT_CONFIDENCE`` under
    ``SHORT_LETTERS`` letters), gives ``("en", 0.0)`` (0.0 = "assumed, not measured").  Only
    the first 6,000 characters are read.
    """
    if not isinstance(text, str):
        return "en", 0.0
    sample = text[:_SAMPLE_CHARS]
    letters = 0
    for ch in sample:
        if ch.isalpha():
            letters += 1
            if letters >= SHORT_LETTERS:
                break
    if letters < MIN_LETTERS:
        return "en", 0.0
    try:
        lang, prob = _identifier().classify(sample)
    except Exception:  # a broken model must not stop ingestion
        return "en", 0.0
    prob = float(prob)
    if prob != prob:  # NaN
        prob = 0.0
    if lang != "en" and prob < (SHORT_CONFIDENCE if letters < SHORT_LETTERS else MIN_CONFIDENCE):
        return "en", 0.0
    return str(lang), round(max(0.0, min(1.0, prob)), 4)
