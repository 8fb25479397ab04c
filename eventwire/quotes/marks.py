"""Quote marks found by a linear scan, paired into quoted spans.

Double marks only (straight ``"``, curly ``“ ”``, low ``„``, guillemets ``« »``): single marks
are apostrophes far more often than quotes, and a single-marked quote inside a double-marked one
(a nested quote) stays part of the outer quote.  A straight mark opens when it follows a space,
a paragraph start or an opening bracket, and closes otherwise.

Paragraphs follow the news convention for long quotes: a quote that runs over several
paragraphs has no closing mark at the end of each paragraph, and each next paragraph opens with
a mark again; the closing mark comes at the end of the last one.  A mark that cannot be paired
(an opening mark whose paragraph ends with no continuation, a stray closing mark) is dropped.
"""
from __future__ import annotations

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
    out: list[Quoted] = []
    open_at: int | None = None
    depth = 0               # curly marks nest: “a “b” c” is one quote
    paras = 1
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            if open_at is not None:
                # a quote still open at a paragraph end continues only if the next paragraph opens with a mark
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and text[j] in _ALL and _is_opening(text, j):
                    paras += 1
                    i = j + 1
                    continue
                open_at, depth = None, 0
            i += 1
            continue
        if ch in _ALL:
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
        i += 1
    return out
