"""Dates written in text: ISO dates, "March 3, 2021", "3 March 2021", epoch seconds, a
month-day without a year ("July 7"), and ``/2021/03/03/`` URL paths.

Shared by :mod:`eventwire.ingest.boilerplate` (datelines, date lines) and
:mod:`eventwire.ingest.metadata` (the publication date).  Dates are plain ISO
``YYYY-MM-DD``; anything before 1900 or after tomorrow is rejected; nothing here raises on
odd input.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

__all__ = ["date_from_url", "parse_date", "parse_month_day"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# every regex below is linear: alternations of literals, bounded repetitions
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_DATE_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")),
    ("ymd", re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")),
    ("mdy_name", re.compile(
        rf"\b({_MONTH})\.?\s{{1,3}}(\d{{1,2}}){_ORD},?\s{{1,3}}(\d{{4}})(?!\d)", re.I)),
    ("dmy_name", re.compile(
        rf"(?<!\d)(\d{{1,2}}){_ORD}\s{{1,3}}(?:of\s{{1,3}})?({_MONTH})\.?,?\s{{1,3}}(\d{{4}})(?!\d)", re.I)),
    ("numeric", re.compile(r"(?<!\d)(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?!\d)")),
)
_MONTH_DAY_RES = (
    ("md", re.compile(rf"\b({_MONTH})\.?\s{{1,3}}(\d{{1,2}}){_ORD}(?!\d)", re.I)),
    ("dm", re.compile(rf"(?<!\d)(\d{{1,2}}){_ORD}\s{{1,3}}(?:of\s{{1,3}})?({_MONTH})\b", re.I)),
)
_URL_DATE_RES = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$|[-_])"),
    re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})(?:/|$|[-_])"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$|[-_])"),
)
_MIN_YEAR = 1900


def _month_number(name: str) -> int | None:
    return _MONTHS.get(name[:3].lower())


def _make_date(year: int, month: int, day: int) -> str | None:
    try:
        value = _dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None
    if year < _MIN_YEAR or value > _dt.date.today() + _dt.timedelta(days=1):
        return None
    return value.isoformat()


def _from_epoch(seconds: float) -> str | None:
    try:
        stamp = _dt.datetime.fromtimestamp(seconds, tz=_dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return _make_date(stamp.year, stamp.month, stamp.day)


def parse_date(value: Any, *, fuzzy: bool = False) -> str | None:
    """Return the first valid calendar date in *value* as ``YYYY-MM-DD``, else ``None``.

    Understands ISO dates and datetimes, ``2021/03/03``, ``March 3, 2021``,
    ``3 March 2021``, ``Fri, 27 Mar 2020 10:00:00 GMT``, ``03/04/2021`` (US order
    unless the first number is > 12; ``03.04.2021`` is day-first), ``YYYYMMDD`` and
    epoch seconds / milliseconds given as numbers.  A bare year or a month/day
    without a year is *not* a date.  ``fuzzy=True`` falls back to ``dateparser``
    (strict, all of day/month/year required) for other formats.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
        if 1e8 <= number < 1e10:
            return _from_epoch(number)
        if 1e11 <= number < 1e13:
            return _from_epoch(number / 1000.0)
        return None
    if not isinstance(value, str):
        return None
    text = value.strip()[:200]
    if not text:
        return None
    if text.isdigit():
        if len(text) == 8:
            return _make_date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) in (9, 10, 12, 13):
            return parse_date(int(text))
        return None
    for kind, regex in _DATE_RES:
        for match in regex.finditer(text):
            groups = match.groups()
            if kind == "ymd":
                found = _make_date(int(groups[0]), int(groups[1]), int(groups[2]))
            elif kind == "mdy_name":
                month = _month_number(groups[0])
                found = month and _make_date(int(groups[2]), month, int(groups[1]))
            elif kind == "dmy_name":
                month = _month_number(groups[1])
                found = month and _make_date(int(groups[2]), month, int(groups[0]))
            else:  # numeric: 03/04/2021 is US month-first, 03.04.2021 day-first
                first, sep, second, year = int(groups[0]), groups[1], int(groups[2]), int(groups[3])
                if sep == "." or first > 12:
                    found = _make_date(year, second, first)
                else:
                    found = _make_date(year, first, second)
            if found:
                return found
    if fuzzy:
        return _dateparser(text)
    return None


def _dateparser(text: str) -> str | None:
    if len(text) > 80 or not re.search(r"\d{4}", text):
        return None  # no year, no date (keeps dateparser from inventing one)
    try:
        import dateparser
    except ImportError:  # pragma: no cover - declared dependency
        return None
    try:
        parsed = dateparser.parse(text, languages=["en"], settings={
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        })
    except Exception:  # dateparser raises assorted errors on junk
        return None
    if parsed is None:
        return None
    return _make_date(parsed.year, parsed.month, parsed.day)


def parse_month_day(value: Any) -> str | None:
    """``"July 7"`` / ``"7 July"`` -> ``"07-07"`` (a partial date: no year); else ``None``."""
    if not isinstance(value, str):
        return None
    text = value.strip()[:100]
    for kind, regex in _MONTH_DAY_RES:
        match = regex.search(text)
        if not match:
            continue
        name, day = (match.group(1), match.group(2)) if kind == "md" else (match.group(2), match.group(1))
        month = _month_number(name)
        day_number = int(day)
        if month is None:
            continue
        try:
            _dt.date(2000, month, day_number)  # leap year: Feb 29 is a valid month-day
        except ValueError:
            continue
        return f"{month:02d}-{day_number:02d}"
    return None


def date_from_url(url: str | None) -> str | None:
    if not isinstance(url, str) or not url:
        return None
    path = url[:2000]
    for regex in _URL_DATE_RES:
        match = regex.search(path)
        if match:
            found = _make_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if found:
                return found
    return None
