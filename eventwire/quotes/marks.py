"""Quote marks found by a linear scan, paired into quoted spans.

Double marks (straight ``"``, curly ``“ ”``, low ``„``, guillemets ``« »``) first.  A straight mark
opens when it follows a space, a paragraph start or an opening bracket, and closes otherwise.
Single marks (``‘ ’`` and ``'``, the British convention) are apostrophes far more often than
quotes, so outside double-marked quotes only (a nested quote stays part of the outer one) and
within one paragraph, a single mark opens only at the start of a word and closes only after
punctuation or before punctuation or a line end ("'We are ready,' he said"; not "soldiers' pay").

Paragraphs follow the news convention for long quotes: a quote that runs over several
paragraphs has no closing mark at the end of each paragraph, and each next paragraph opens with
a mark again; the closing mark comes at the end of the last one.  A mark that cannot be paired
(an opening mark whose paragraph ends with no continuation, a stray closing mark) is dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
_ALL = OPENING + CLOSING + STRAIGHT


@dataclass(frozen=True)
class Quoted:
    """A quoted span: ``start``/``end`` of the content (marks excluded), into the text."""

    start: int
    end: int
    open_mark: int          # offset of the opening mark
    close_mark: int         # offset of the closing mark
    paragraphs: int = 1     # how many paragraphs it runs over


def _is_opening(text: str, i: int) -> bool:
    ch = text[i]
    if ch in OPENING:
        return True
    if ch in CLOSING:
        return False
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if before.isspace() or before in "([{—–-/:" or before in OPENING:
        return not after.isspace()
    return False


def quoted_spans(text: str) -> list[Quoted]:
    """Every paired quote in ``text``, in order (see the module docstring)."""
    doubles = _double_spans(text)
    singles = _single_spans(text, doubles)
    return sorted(doubles + singles, key=lambda q: q.open_mark)


_SINGLE_OPEN = "‘'"
_SINGLE_CLOSE = "’'"
_CLOSE_BEFORE = ",.!?…"
_CLOSE_AFTER = ",.;:!?)”\"—–\n"


_SINGLE_MARKS = re.compile("[\n‘’']")
_DOUBLE_MARKS = re.compile("[\n" + _ALL + "]")


def _single_spans(text: str, doubles: list[Quoted]) -> list[Quoted]:
    out: list[Quoted] = []
    n = len(text)
    # the regions outside double-marked quotes
    regions, pos = [], 0
    for q in doubles:
        regions.append((pos, q.open_mark))
        pos = q.close_mark + 1
    regions.append((pos, n))
    for lo, hi in regions:
        open_at: int | None = None
        for m in _SINGLE_MARKS.finditer(text, lo, hi):
            i = m.start()
            ch = text[i]
            if ch == "\n":
                open_at = None
                continue
            before = text[i - 1] if i > 0 else "\n"
            after = text[i + 1] if i + 1 < n else "\n"
            if ch in _SINGLE_OPEN and (before.isspace() or before in "([—–-") and after.isalnum():
                open_at = i
            elif ch in _SINGLE_CLOSE and open_at is not None and not before.isspace() \
                    and (before in _CLOSE_BEFORE or after in _CLOSE_AFTER or i + 1 >= n):
                if text[open_at + 1:i].strip():
                    out.append(Quoted(open_at + 1, i, open_at, i, 1))
                open_at = None
    return out


def _double_spans(text: str) -> list[Quoted]:
    out: list[Quoted] = []
    open_at: int | None = None
    depth = 0               # curly marks nest: “a “b” c” is one quote
    paras = 1
    n = len(text)
    skip = -1               # marks up to here are read already (a paragraph's continuation mark)
    for m in _DOUBLE_MARKS.finditer(text):
        i = m.start()
        if i <= skip:
            continue
        ch = text[i]
        if ch == "\n":
            if open_at is not None:
                # a quote still open at a paragraph end continues only if the next paragraph opens with a mark
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and text[j] in _ALL and _is_opening(text, j):
                    paras += 1
                    skip = j
                    continue
                open_at, depth = None, 0
            continue
        if _is_opening(text, i):
            if open_at is not None and ch in OPENING and text[open_at] in OPENING:
                depth += 1
            else:
                # an opening mark while open: the earlier one was stray (or a nested straight quote)
                open_at, paras, depth = i, 1, 0
        elif depth > 0 and ch in CLOSING:
            depth -= 1
        elif open_at is not None:
            s, e = open_at + 1, i
            if text[s:e].strip():
                out.append(Quoted(s, e, open_at, i, paras))
            open_at = None
    return out
