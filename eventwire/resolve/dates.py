"""Event dates from English temporal expressions, anchored on the publication date.

Two steps:

* :func:`find_time_expressions` scans a sentence with regular expressions built
  from ``eventwire/data/time_expressions.yaml`` (vocabulary + ordered patterns).
  A cheap first pass finds anchor words (weekday/month names, "week", "ago",
  "yesterday", 4-digit numbers, ...); the full pattern alternation is only tried
  at the few word starts just before each anchor word.  The patterns avoid
  nested/adjacent quantifiers and the candidate starts never overlap, so the scan
  is linear in the sentence length (about 0.1 s for 1 MB of plain words).
* :func:`resolve_expression` turns one expression into ``(iso, precision)``.
  Everything the scanner can find is resolved by our own code (fast, and it follows
  news conventions dateparser does not know).  Other strings fall back to
  ``dateparser`` -- imported lazily, results cached.

Conventions (news report the past):

* ISO output: ``YYYY-MM-DD`` for precision ``day`` *and* ``week``, ``YYYY-MM`` for
  ``month``, ``YYYY`` for ``year``.  A ``week`` date is always the Monday of that
  (ISO) week.
* A bare weekday ("on Wednesday", "Thursday's") is the most recent such day on or
  before the anchor (0-6 days back: "on Wednesday" published on a Wednesday is that
  day).  "last Wednesday" / "this past Wednesday" is 1-7 days back, "next
  Wednesday" 1-7 days ahead.
* "last week" -> Monday of the previous week; "this week" / "earlier this week"
  -> Monday of the anchor's week; "N weeks ago" / "a few weeks ago" -> Monday of
  the week containing anchor - N weeks ("a few" = 3).
* Weekends: "over the weekend", "the past weekend", "this past weekend" are the most
  recent weekend whose Saturday is on/before the anchor; "last weekend" is the
  same except when published on a Saturday/Sunday (then the weekend before);
  "this weekend" is the weekend of the anchor's week, "next weekend" the one after.
  A weekend resolves to precision ``week`` with the Monday of its ISO week (the
  event may be Saturday or Sunday: claiming a day would be false precision).
* A month or day without a year takes the anchor's year unless that is more than
  7 days after the anchor; then the previous year.  "last March" is the most recent
  March before the anchor's month, "next March" the next one after it.
* Month-only expressions keep month precision ("in late March", "mid-April", "at
  the end of February" -> ``YYYY-MM``); no day is invented.  Likewise "early 2021"
  -> ``2021``.
* "the day before" / "the previous day" are approximated as anchor - 1 day (the
  story's reference date is not tracked).
* Expressions needing the anchor resolve to ``None`` when the anchor is ``None``;
  expressions with an explicit year do not need it.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..datafiles import load_yaml

__all__ = [
    "TimeExpr",
    "ResolvedDate",
    "find_time_expressions",
    "resolve_expression",
    "resolve_sentence_date",
]

_DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "time_expressions.yaml"

# dateparser fallback: skipped for long strings (a time expression is short and
# dateparser's cost grows with the input).
_DATEPARSER_MAX_CHARS = 80
# how far before an anchor word an expression may start ("towards the very
# beginning of early ..." is ~40 characters)
_MAX_PREFIX = 100
# "a month without a year takes the anchor's year unless more than ~7 days after it"
_FUTURE_SLACK = _dt.timedelta(days=7)


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str  # == sentence[start:end]


@dataclass(frozen=True)
class ResolvedDate:
    date: str  # "2020-03-25" (day / week), "2020-01" (month), "2020" (year)
    precision: str  # "day" | "week" | "month" | "year"
    text: str
    start: int
    end: int


# --------------------------------------------------------------------------- grammar


@dataclass(frozen=True)
class _Grammar:
    regex: re.Pattern[str]  # the full alternation (IGNORECASE, on the original text)
    anchors: re.Pattern[str]  # anchor words (case-sensitive, on ASCII-lowercased text)
    kinds: dict[str, str]  # pattern id -> kind
    group_names: dict[str, tuple[str, ...]]  # pattern id -> inner group names (unprefixed)
    weekdays: dict[str, int]
    months: dict[str, int]
    numbers: dict[str, int]
    relative_days: dict[str, int]
    relative_words: dict[str, int]


_PLACEHOLDER = re.compile(r"\{([A-Z]+)\}")
_GROUP_NAME = re.compile(r"\(\?P<([a-z_]+)>")
_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text.strip().lower())


def _alt(phrases: Any) -> str:
    """A non-capturing alternation of phrases, as a character trie.

    The trie keeps the regex engine from re-trying every word at every position,
    and its greedy optional tails prefer the longest phrase ("the day before
    yesterday" over "the day before"), backtracking to shorter ones.
    """
    root: dict[str, dict] = {}
    for phrase in {_norm(str(p)) for p in phrases}:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + emit(root) + ")"


def _month_alt(names: dict[str, int], case_sensitive: set[str], abbrev: bool) -> str:
    dot = r"\.?" if abbrev else ""
    exact = [f"{re.escape(n.capitalize())}|{re.escape(n.upper())}" for n in sorted(names) if n in case_sensitive]
    parts = [_alt(n for n in names if n not in case_sensitive) + dot]
    if exact:
        # Capitalised or UPPER only: "may" / "march" are also verbs.
        parts.append("(?-i:" + "|".join(exact) + ")" + dot)
    return "(?:" + "|".join(parts) + ")"


@functools.lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    data = load_yaml(_DATA_FILE.read_text(encoding="utf-8"))
    full = {str(k).lower(): int(v) for k, v in data["months"]["full"].items()}
    abbr = {str(k).lower(): int(v) for k, v in data["months"]["abbreviations"].items()}
    case_sensitive = {str(w).lower() for w in data.get("case_sensitive_months", [])}
    numbers = {_norm(str(k)): int(v) for k, v in data["numbers"].items()}
    rdays = {_norm(str(k)): int(v) for k, v in data["relative_days"].items()}
    parts = data["period_parts"]
    full_alt = _month_alt(full, case_sensitive, abbrev=False)
    abbr_alt = _month_alt(abbr, case_sensitive, abbrev=True)
    placeholders = {
        "WEEKDAY": _alt(data["weekdays"]),
        # full names before abbreviations: "June" must not stop at "Jun"
        "MONTH": f"(?:{full_alt}|{abbr_alt})",
        "MONTHNAME": full_alt,
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?!\d)",
        # a 4-digit year 1800-2199, not the start of an ISO date
        "YEAR": r"(?:1[89]|2[01])\d\d(?!\d|-\d\d-\d)",
        "NUM": r"(?:\d{1,3}|" + _alt(numbers) + ")",
        "RDAY": _alt(rdays),
        "POD": _alt(data["parts_of_day"]),
        "PREP": _alt(data["prepositions"]) + r"\s+",
        "PART": r"(?:" + _alt(parts["prepositions"]) + r"\s+)?the\s+(?:very\s+)?"
        + _alt(parts["parts"]) + r"\s+of\s+",
        "QUAL": _alt(data["qualifiers"]) + r"(?:-|\s+)",
        "SEASON": _alt(data["seasons"]),
    }

    def expand(match: re.Match[str]) -> str:
        return placeholders[match.group(1)]

    alternatives = []
    kinds: dict[str, str] = {}
    group_names: dict[str, tuple[str, ...]] = {}
    for pat in data["patterns"]:
        pid = str(pat["id"])
        body = _PLACEHOLDER.sub(expand, str(pat["regex"]))
        names = tuple(dict.fromkeys(_GROUP_NAME.findall(body)))
        # prefix inner group names so they are unique across the alternation
        body = _GROUP_NAME.sub(lambda m, pid=pid: f"(?P<{pid}__{m.group(1)}>", body)
        alternatives.append(f"(?P<{pid}>{body})")
        kinds[pid] = str(pat["kind"])
        group_names[pid] = names
    source = r"\b(?:" + "\n|".join(alternatives) + r")(?!\w)"
    anchor_words = [*data["anchor_words"], *data["weekdays"], *full, *abbr]
    return _Grammar(
        regex=re.compile(source, re.IGNORECASE | re.VERBOSE),
        anchors=re.compile(r"\b(?:" + _alt(anchor_words) + r"|\d{4})\b"),
        kinds=kinds,
        group_names=group_names,
        weekdays={str(w).lower(): i for i, w in enumerate(data["weekdays"])},
        months={**abbr, **full},
        numbers=numbers,
        relative_days=rdays,
        relative_words={_norm(str(k)): int(v) for k, v in data["relative_words"].items()},
    )


def _outer_id(m: re.Match[str], g: _Grammar) -> str:
    # the outer (?P<id>...) wrapper is the last group to close
    pid = m.lastgroup
    assert pid is not None and pid in g.kinds
    return pid


def _groups(m: re.Match[str], pid: str, g: _Grammar) -> dict[str, str]:
    out = {}
    for name in g.group_names[pid]:
        value = m.group(f"{pid}__{name}")
        if value is not None:
            out[name] = value
    return out


# --------------------------------------------------------------------------- finding


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WORD_START = re.compile(r"\b\w")


def _scan(sentence: str) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of the full grammar, left to right.

    Same result as ``regex.finditer`` (every pattern contains an anchor word) but
    the expensive alternation is only tried at word starts in
    ``(previous anchor word, this anchor word]`` (at most ``_MAX_PREFIX`` chars back,
    never before the end of the previous match): a match starting at or before the
    previous anchor word would also cover that word and was tried for it already.
    Every word start is thus tried at most once.
    """
    g = _grammar()
    # ASCII-only lowercasing keeps offsets identical (str.lower() may not)
    lowered = sentence.translate(_ASCII_LOWER)
    last_end = 0
    previous_anchor = -1
    for a in g.anchors.finditer(lowered):
        at = a.start()
        lo = max(last_end, previous_anchor + 1, at - _MAX_PREFIX)
        previous_anchor = at
        if at < last_end:
            continue
        for w in _WORD_START.finditer(sentence, lo, at + 1):
            m = g.regex.match(sentence, w.start())
            if m is not None and m.end() > at:
                last_end = m.end()
                yield m
                break


def find_time_expressions(sentence: str) -> list[TimeExpr]:
    """All non-overlapping time expressions, left to right.

    At a given start the first pattern listed in the data file wins; offsets are
    exact (``sentence[start:end] == text``) and include leading prepositions kept by
    the patterns ("on Wednesday", "in January of 2020", "Back on March 1").
    """
    if not sentence:
        return []
    return [TimeExpr(m.start(), m.end(), m.group(0)) for m in _scan(sentence)]


# --------------------------------------------------------------------------- resolving


def _monday(d: _dt.date) -> _dt.date:
    return d - _dt.timedelta(days=d.weekday())


def _day(d: _dt.date) -> tuple[str, str]:
    return d.isoformat(), "day"


def _week(d: _dt.date) -> tuple[str, str]:
    return _monday(d).isoformat(), "week"


def _month(year: int, month: int) -> tuple[str, str] | None:
    if not 1 <= year <= 9999:
        return None
    return f"{year:04d}-{month:02d}", "month"


def _year(year: int) -> tuple[str, str] | None:
    if not 1 <= year <= 9999:
        return None
    return f"{year:04d}", "year"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _resolve_day(gr: dict[str, str], g: _Grammar, anchor: _dt.date | None):
    day = int(gr["day"])
    month = int(gr["mon"]) if "mon" in gr else g.months[_norm(gr["month"]).rstrip(".")]
    if "year" in gr:
        year = int(gr["year"])
    elif anchor is None:
        return None
    else:
        year = anchor.year
        try:
            if _dt.date(year, month, day) > anchor + _FUTURE_SLACK:
                year -= 1
        except ValueError:  # Feb 29 in a non-leap anchor year, June 31, ...
            return None
    try:
        return _day(_dt.date(year, month, day))
    except ValueError:
        return None


def _resolve_month(gr: dict[str, str], g: _Grammar, anchor: _dt.date | None):
    month = g.months[_norm(gr["month"]).rstrip(".")]
    if "year" in gr:
        return _month(int(gr["year"]), month)
    if anchor is None:
        return None
    rel = _norm(gr.get("rel", ""))
    if rel in ("last", "this past"):  # the most recent such month before the anchor's month
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year
        if _dt.date(year, month, 1) > anchor + _FUTURE_SLACK:
            year -= 1
    return _month(year, month)


def _resolve_relative_unit(gr: dict[str, str], g: _Grammar, anchor: _dt.date | None):
    if anchor is None:
        return None
    offset = g.relative_words[_norm(gr["rel"])]
    unit = gr["unit"].lower()
    if unit == "week":
        return _week(anchor + _dt.timedelta(weeks=offset))
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, offset))
    return _year(anchor.year + offset)


def _resolve_weekend(gr: dict[str, str], g: _Grammar, anchor: _dt.date | None):
    if anchor is None:
        return None
    rel = _norm(gr["rel"])
    this_week = _monday(anchor)
    if rel == "this":
        monday = this_week
    elif rel == "next":
        monday = this_week + _dt.timedelta(weeks=1)
    else:
        # most recent Saturday on or before the anchor (the weekend in progress counts)
        saturday = anchor - _dt.timedelta(days=(anchor.weekday() - 5) % 7)
        if rel == "last" and anchor.weekday() >= 5:
            saturday -= _dt.timedelta(weeks=1)  # "last weekend" written on a weekend
        monday = _monday(saturday)
    return monday.isoformat(), "week"


def _resolve_ago(gr: dict[str, str], g: _Grammar, anchor: _dt.date | None):
    if anchor is None:
        return None
    num_text = _norm(gr["num"])
    n = int(num_text) if num_text.isdigit() else g.numbers[num_text]
    unit = gr["unit"].lower()
    if unit == "day":
        return _day(anchor - _dt.timedelta(days=n))
    if unit == "week":
        return _week(anchor - _dt.timedelta(weeks=n))
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, -n))
    return _year(anchor.year - n)


def _resolve_relative_day(gr: dict[str, str], g: _Grammar, anchor: _dt.date | None):
    if anchor is None:
        return None
    return _day(anchor + _dt.timedelta(days=g.relative_days[_norm(gr["rday"])]))


def _resolve_weekday(gr: dict[str, str], g: _Grammar, anchor: _dt.date | None):
    if anchor is None:
        return None
    target = g.weekdays[gr["weekday"].lower()]
    back = (anchor.weekday() - target) % 7  # 0..6 days back, the anchor day itself counts
    rel = _norm(gr.get("rel", ""))
    if rel in ("last", "this past"):
        return _day(anchor - _dt.timedelta(days=back or 7))  # 1..7 days back
    if rel == "next":
        return _day(anchor + _dt.timedelta(days=(target - anchor.weekday()) % 7 or 7))
    return _day(anchor - _dt.timedelta(days=back))


def _resolve_year(gr: dict[str, str], g: _Grammar, anchor: _dt.date | None):
    return _year(int(gr["year"]))


_RESOLVERS = {
    "day": _resolve_day,
    "month": _resolve_month,
    "year": _resolve_year,
    "relative_unit": _resolve_relative_unit,
    "weekend": _resolve_weekend,
    "ago": _resolve_ago,
    "relative_day": _resolve_relative_day,
    "weekday": _resolve_weekday,
}


def _resolve_match(m: re.Match[str], anchor: _dt.date | None) -> tuple[str, str] | None:
    g = _grammar()
    pid = _outer_id(m, g)
    try:
        return _RESOLVERS[g.kinds[pid]](_groups(m, pid, g), g, anchor)
    except (OverflowError, ValueError, KeyError):
        # dates beyond 0001..9999, or a vocabulary word the resolver does not map
        return None


def _as_date(anchor: _dt.date | None) -> _dt.date | None:
    if isinstance(anchor, _dt.datetime):
        return anchor.date()
    return anchor


# ---- dateparser fallback (lazy import, cached) ----

# two unrelated bases: if both give the same date the expression is absolute
_PROBE_BASES = (_dt.date(2003, 5, 14), _dt.date(2011, 11, 2))


@functools.lru_cache(maxsize=256)
def _dateparser_for(base: _dt.date):
    from dateparser.date import DateDataParser  # slow import: only when needed

    return DateDataParser(
        languages=["en"],
        settings={
            # noon, so that "5 minutes ago" stays on the anchor day
            "RELATIVE_BASE": _dt.datetime(base.year, base.month, base.day, 12, 0),
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


def _dateparser(expr: str, base: _dt.date) -> tuple[str, str] | None:
    try:
        data = _dateparser_for(base).get_date_data(expr)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    d = data.date_obj
    if d is None:
        return None
    period = data.period or "day"
    try:
        if period == "year":
            return _year(d.year)
        if period == "month":
            return _month(d.year, d.month)
        if period == "week":
            return _week(d.date())
        return _day(d.date())
    except (OverflowError, ValueError):
        return None


@functools.lru_cache(maxsize=65536)
def _resolve_cached(expr: str, anchor: _dt.date | None) -> tuple[str, str] | None:
    text = expr.strip()
    if not text:
        return None
    m = _grammar().regex.fullmatch(text)
    if m is not None:
        return _resolve_match(m, anchor)
    # an expression with extra words around it ("Thursday's report", "March 5, 2021
    # at 3pm"): the first known expression inside it that resolves
    for m in _scan(text):
        resolved = _resolve_match(m, anchor)
        if resolved is not None:
            return resolved
    if len(text) > _DATEPARSER_MAX_CHARS or not any(c.isalnum() for c in text):
        return None
    if anchor is not None:
        return _dateparser(text, anchor)
    first = _dateparser(text, _PROBE_BASES[0])
    if first is None or first != _dateparser(text, _PROBE_BASES[1]):
        return None  # relative (or unparseable) and no anchor
    return first


def resolve_expression(expr: str, anchor: _dt.date | None) -> tuple[str, str] | None:
    """``(iso, precision)`` for one temporal expression, or ``None``.

    ``anchor`` is the publication date (a ``datetime`` is reduced to its date).
    Expressions the scanner knows -- the whole string, else the first one inside it
    that resolves -- follow our own rules; anything else goes to dateparser (lazily
    imported; results cached on ``(expr, anchor)``).  Without an anchor, a
    dateparser result is kept only if it does not depend on the relative base.
    """
    return _resolve_cached(expr, _as_date(anchor))


_WORD_REST = re.compile(r"\w*")


def _distance(start: int, end: int, near: int, near_end: int) -> int:
    """Characters between an expression and the trigger word ``[near, near_end)``."""
    if start >= near_end:
        return start - near_end
    if end <= near:
        return near - end
    return 0


_WEEKDAY_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_PAST_WORD = re.compile(r"\b(?:last|past|ago|earlier|previous)\b", re.I)


def _forward_weekday(expr: str, resolved: tuple[str, str], anchor: _dt.date) -> tuple[str, str]:
    """A bare weekday in a sentence about a planned event: the coming one."""
    if resolved[1] != "day" or not _WEEKDAY_WORD.search(expr) or _PAST_WORD.search(expr):
        return resolved
    day = _dt.date.fromisoformat(resolved[0])
    if day < anchor:
        day += _dt.timedelta(days=7)
    return day.isoformat(), "day"


def resolve_sentence_date(
    sentence: str, anchor: _dt.date | None, near: int | None = None, future: bool = False
) -> ResolvedDate | None:
    """The event date of a sentence.

    Among the expressions that resolve, picks the one closest to the word starting
    at char offset ``near`` (the event trigger; distance counts the characters
    between the expression and that word, ties go to the earlier expression), or
    the first one when ``near`` is None.  ``None`` when no expression resolves (for
    instance only relative expressions and ``anchor`` is None).
    """
    if not sentence:
        return None
    anchor = _as_date(anchor)
    near_end = 0
    if near is not None:
        near_end = near + 1
        if 0 <= near < len(sentence):
            near_end = max(near_end, _WORD_REST.match(sentence, near).end())
    best: ResolvedDate | None = None
    best_distance = 0
    for m in _scan(sentence):
        distance = 0 if near is None else _distance(m.start(), m.end(), near, near_end)
        if best is not None and distance >= best_distance:
            if m.start() >= near_end:
                break  # later expressions are only farther away
            continue
        resolved = _resolve_match(m, anchor)
        if resolved is None:
            continue
        if future and anchor is not None:
            resolved = _forward_weekday(m.group(0), resolved, anchor)
        best = ResolvedDate(resolved[0], resolved[1], m.group(0), m.start(), m.end())
        best_distance = distance
        if near is None:
            break
    return best
