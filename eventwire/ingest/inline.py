"""Link blocks that sit inside a paragraph line, where scraping flattened a page.

Two kinds of real pages, after text extraction, leave lists of other stories' headlines in the
middle of a body line, where the line rules of :mod:`eventwire.ingest.boilerplate` cannot see
them:

* a marker ("Related stories", "Most read", "You may also like": ``inline_block_markers`` in
  ``data/boilerplate.yaml``) followed by headlines, each behind a capitalised kicker
  ("STREET BEATING Supporters leave man covered in blood ... HE'S GONE SOFT! Fans slam ...").
  Headlines carry no full stop, so the block runs from the marker to the first double quote
  that opens the body again, or else through the first sentence that ends with a full stop
  (that sentence may be the body's first one: one body sentence is the price of the dozen
  headlines that would otherwise be coded as events).  No end within
  ``inline_block_max_chars``: nothing is cut.
* a headline followed by "Read more" between two sentences of the body ("... resolved. Clinton
  retains edge in final sprint Read more As campaigning continued, ..."): the headline (no
  sentence punctuation) and the marker go.
* a picture gallery: its title, "N show all", the title again, then N captions each behind
  its counter "k/N" ("UK news in pictures 19 show all UK news in pictures 1/19 The Palm House
  is illuminated ... Getty 2/19 ..."); galleries on news pages carry other stories.  The block
  runs through the last caption, to its photo credit (a news agency or picture library:
  ``gallery_credits`` in ``data/boilerplate.yaml``) when one closes it within twice the other
  captions' median length, else through the first
  sentence that ends with a full stop.  Counters 1/N ... N/N must all be there, in order.

* a newsletter sign-up widget flattened into the text ("Get daily updates directly to your inbox
  + Subscribe Thank you for subscribing! Could not subscribe, try again later Invalid Email
  Hillary Clinton received ..."): the regexes of ``inline_widgets`` are cut wherever they match.

Every cut goes to ``removed``.
"""
from __future__ import annotations

import functools
import re
from typing import Any

_ABBREV = frozenset("mr mrs ms dr st jr sr vs gen col lt sgt rep sen gov prof no inc ltd co corp".split())
# the headline between the end of a body sentence and "Read more"
_READ_MORE = re.compile(r"(?<=[.!?\"”’] )[^.!?\"“”\n]{12,220}? Read more:? ?(?=[A-Z\"“']|$)")
# a body sentence's full stop: not "...", not an abbreviation or an initial
_STOP = re.compile(r"(?<![.])([\w)\"'’”]+)\.(?=[\s\"”’]|$)(?!\.)")
_OPEN_QUOTE = re.compile(r" [\"“](?=[A-Z])")
_GALLERY = re.compile(r"\b(\d{1,3}) show all ")


@functools.lru_cache(maxsize=8)
def _credits(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """The regex of the photo credits that close a gallery caption (``gallery_credits``)."""
    alt = "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)
    return re.compile(rf"\b(?:{alt})\b") if alt else None


@functools.lru_cache(maxsize=8)
def _widgets(regexes: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex of the sign-up widgets cut wherever they sit in a line (``inline_widgets``)."""
    alt = "|".join(f"(?:{r})" for r in regexes if r)
    return re.compile(alt) if alt else None


def markers_pattern(markers) -> re.Pattern[str] | None:
    """The regex of the block markers, followed by a capitalised word or a quote (case-insensitive marker)."""
    words = sorted({str(m).strip() for m in markers or () if str(m).strip()}, key=lambda m: (-len(m), m))
    if not words:
        return None
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?i:\b(?:{alt})\b)\s+(?=\S)")


def _opens_block(line: str, m: re.Match) -> bool:
    """A marker inside a sentence ("the most read story") is prose: a block marker is followed
    by a capitalised kicker or a quote, or is capitalised itself right after a sentence's end
    ("... difficulties. Related Stories email cleared Why has ...")."""
    nxt = line[m.end():m.end() + 1]
    if nxt.isupper() or nxt in "'‘\"“":
        return True
    before = line[:m.start()].rstrip()
    return line[m.start()].isupper() and (not before or before[-1] in ".!?\"”’")


def _block_end(line: str, start: int, limit: int) -> int | None:
    """Where the body resumes after a headline block that starts at ``start``, or None."""
    window = line[start:start + limit]
    stop = None
    for m in _STOP.finditer(window):
        word = m.group(1).lower().strip("\"'’”)")
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue                            # "Mr.", "U.S." initials
        stop = m.end()
        break
    quote = _OPEN_QUOTE.search(window)
    if quote is not None and (stop is None or quote.start() < stop):
        return start + quote.start() + 1
    return start + stop if stop is not None else None


def _gallery(line: str, m: re.Match, limit: int, credits: re.Pattern[str] | None) -> tuple[int, int] | None:
    """The (start, end) of the picture gallery whose "N show all" ``m`` found, or None."""
    n = int(m.group(1))
    if n < 2:
        return None
    # the counters 1/N ... N/N in order, each within ``limit`` characters of the one before
    counters, pos = [], m.end()
    for c in re.finditer(rf"(?<![\d/])(\d{{1,3}})/{n}(?![\d/])", line[:m.end() + limit * n]):
        if c.start() < m.end() or int(c.group(1)) != len(counters) + 1:
            continue
        if c.end() > pos + limit:
            return None
        counters.append(c)
        pos = c.end()
        if len(counters) == n:
            break
    else:
        return None
    title = line[m.end():counters[0].start()].strip()
    before = line[:m.start()].rstrip()
    start = m.start() - (len(title) + 1) if title and before.endswith(title) else m.start()
    gaps = sorted(b.start() - a.end() for a, b in zip(counters, counters[1:]))
    median = gaps[len(gaps) // 2]
    last = counters[-1].end()
    credit = credits.search(line, last, last + 2 * median + 20) if credits is not None else None
    end = credit.end() if credit is not None else _block_end(line, last, limit)
    return (max(0, start), end) if end is not None else None


def _cut_galleries(line: str, removed: list[str], limit: int, credits: re.Pattern[str] | None) -> str:
    pos = 0
    while True:
        m = _GALLERY.search(line, pos)
        if m is None:
            return line
        span = _gallery(line, m, limit, credits)
        if span is None:
            pos = m.end()
            continue
        start, end = span
        removed.append(line[start:end].strip())
        line = (line[:start].rstrip() + " " + line[end:].lstrip()).strip()
        pos = start


def cut_inline_blocks(line: str, settings: dict[str, Any], removed: list[str],
                      markers: re.Pattern[str] | None) -> str:
    """``line`` without its inline link blocks and picture galleries (see the module doc)."""
    if not line:
        return line
    widgets = _widgets(tuple(str(w) for w in settings.get("inline_widgets") or ()))
    if widgets is not None:
        def cut(m: re.Match) -> str:
            removed.append(m.group(0).strip())
            return " "
        line = " ".join(widgets.sub(cut, line).split())
    if " show all " in line:
        line = _cut_galleries(line, removed, int(settings.get("inline_block_max_chars", 2500)) * 4,
                              _credits(tuple(str(w) for w in settings.get("gallery_credits") or ())))
    if "Read more" in line:
        def drop(m: re.Match) -> str:
            removed.append(m.group(0).strip())
            return ""
        line = _READ_MORE.sub(drop, line)
    if markers is None:
        return line
    limit = int(settings.get("inline_block_max_chars", 2500))
    pos = 0
    while True:
        m = markers.search(line, pos)
        if m is None or m.start() == 0:
            # a marker opening the line is the line rules' business
            if m is None:
                return line
            pos = m.end()
            continue
        end = _block_end(line, m.end(), limit) if _opens_block(line, m) else None
        if end is None:
            pos = m.end()
            continue
        removed.append(line[m.start():end].strip())
        line = (line[:m.start()].rstrip() + " " + line[end:].lstrip()).strip()
        pos = m.start()
