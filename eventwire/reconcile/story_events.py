"""Story events: the event mentions of one story that report the same real act, merged.

Within a story, a mention joins an existing story event when all of these hold:

* the same PLOVER ``event_type``, and the same ``mode`` when both have one;
* the same kind of act: an intention (modality in ``intent_modalities`` of the rules
  file) never merges with a deed; the two are *linked* instead (``linked``);
* compatible actors on each side, in the same direction: the canonical codes (country or
  organisation, else the resolved name) overlap, or one side is missing; actors known
  only by sector must share a sector; when both name resolved people or organisations,
  one name is shared;
* compatible dates: day dates within ``day_tolerance`` days, a month or year date
  containing the other, an article-dated ("story") event on or up to
  ``story_lookback_days`` before the publication date.

Negated mentions merge with their asserted counterparts (the conflict is recorded).
Among the compatible story events the mention joins the one sharing most actors.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from eventwire.reconcile.rules import Rules

_EPOCH = _dt.date(1970, 1, 1)


def _days(iso: str) -> Optional[int]:
    try:
        return (_dt.date.fromisoformat(iso) - _EPOCH).days
    except ValueError:
        return None


def date_range(event_date: Optional[str], precision: Optional[str], published: Optional[str],
               rules: Rules) -> Optional[tuple[int, int]]:
    """The days (first, last) an event may have happened on, from its date and precision."""
    if not event_date:
        return None
    s = str(event_date)
    if precision == "story":
        end = _days(s[:10])
        return None if end is None else (end - rules.story_lookback_days, end)
    if len(s) >= 10 and precision in (None, "day"):
        d = _days(s[:10])
        return None if d is None else (d - rules.day_tolerance, d + rules.day_tolerance)
    if precision == "week" and len(s) >= 10:
        d = _days(s[:10])
        return None if d is None else (d - 3 - rules.day_tolerance, d + 6 + rules.day_tolerance)
    if len(s) >= 7 and precision in ("month", "day", "week"):
        first = _days(s[:7] + "-01")
        if first is None:
            return None
        y, m = int(s[:4]), int(s[5:7])
        nxt = _days(f"{y + (m == 12)}-{m % 12 + 1:02d}-01")
        return (first, nxt - 1)
    if len(s) >= 4 and s[:4].isdigit():
        first, last = _days(s[:4] + "-01-01"), _days(s[:4] + "-12-31")
        return None if first is None else (first, last)
    return None


def actor_keys(actors: Sequence[dict[str, Any]]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(canonical codes, sectors of actors known only by sector, names of the people and
    organisations the dictionary resolved) of one side of an event."""
    codes, sectors, names = set(), set(), set()
    for a in actors or ():
        entry = str(a.get("entry") or "")
        if a.get("name") and ("person:" in entry or "org:" in entry):
            names.add(str(a["name"]))
        code = a.get("country") or (a.get("name") if a.get("entry") and not str(a.get("entry")).startswith("sector:")
                                    else None)
        if code:
            codes.add(str(code))
        elif a.get("sector"):
            sectors.add(str(a["sector"]))
    return frozenset(codes), frozenset(sectors), frozenset(names)


def sides_compatible(a: tuple[frozenset, ...], b: tuple[frozenset, ...]) -> bool:
    """Two sides of an act are compatible: codes overlap, or one side has none (and sectors,
    when both sides only have sectors, overlap); when both sides name people or
    organisations, a name is shared (Clinton and Comey are both USA, not the same actor)."""
    ca, sa, na = (tuple(a) + (frozenset(),))[:3]
    cb, sb, nb = (tuple(b) + (frozenset(),))[:3]
    if na and nb and not (na & nb):
        return False
    if ca and cb:
        return bool(ca & cb)
    if not ca and not cb and sa and sb:
        return bool(sa & sb)
    return True


@dataclass
class Mention:
    """One event of ``events.jsonl`` as reconciliation sees it."""

    event: dict[str, Any]
    outlet: Optional[str]
    published: Optional[str]
    source: tuple[frozenset, frozenset]
    target: tuple[frozenset, frozenset]
    dates: Optional[tuple[int, int]]
    intent: bool


@dataclass
class StoryEventDraft:
    """A story event being built."""

    story_id: str
    event_type: str
    intent: bool
    mentions: list[Mention] = field(default_factory=list)
    mode: Optional[str] = None
    source: set[str] = field(default_factory=set)
    target: set[str] = field(default_factory=set)
    dates: Optional[tuple[int, int]] = None
    id: str = ""
    # the sectors and names of its mentions' sources and targets (kept as mentions are added)
    source_sectors: set[str] = field(default_factory=set)
    source_names: set[str] = field(default_factory=set)
    target_sectors: set[str] = field(default_factory=set)
    target_names: set[str] = field(default_factory=set)

    def accepts(self, m: Mention) -> int:
        """-1 when ``m`` cannot join; else how many actor codes it shares (higher is better)."""
        ev = m.event
        if ev["event_type"] != self.event_type or m.intent != self.intent:
            return -1
        if self.mode and ev.get("mode") and ev["mode"] != self.mode:
            return -1
        src = (self.source, self.source_sectors, self.source_names)
        tgt = (self.target, self.target_sectors, self.target_names)
        if not (sides_compatible(src, m.source) and sides_compatible(tgt, m.target)):
            return -1
        if self.dates and m.dates and (m.dates[1] < self.dates[0] or m.dates[0] > self.dates[1]):
            return -1
        return len(self.source & m.source[0]) + len(self.target & m.target[0])

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.mode = self.mode or m.event.get("mode")
        self.source |= m.source[0]
        self.target |= m.target[0]
        self.source_sectors.update(m.source[1])
        self.target_sectors.update(m.target[1])
        if len(m.source) > 2:
            self.source_names.update(m.source[2])
        if len(m.target) > 2:
            self.target_names.update(m.target[2])
        if m.dates:
            # keep the narrowest window all reports agree on
            self.dates = m.dates if self.dates is None else \
                (max(self.dates[0], m.dates[0]), min(self.dates[1], m.dates[1]))


def mention_of(event: dict[str, Any], article: dict[str, Any], rules: Rules) -> Mention:
    return Mention(event=event, outlet=article.get("outlet") or event.get("publisher"),
                   published=article.get("published") or event.get("story_date"),
                   source=actor_keys(event.get("source") or []), target=actor_keys(event.get("target") or []),
                   dates=date_range(event.get("event_date"), event.get("date_precision"),
                                    article.get("published"), rules),
                   intent=(event.get("modality") or "asserted") in rules.intent_modalities)


def merge_story(story_id: str, mentions: Sequence[Mention]) -> list[StoryEventDraft]:
    """Merge the mentions of one story into story events (deterministic: mentions are taken
    by publication date, doc id and sentence; ties between story events go to the older)."""
    drafts: list[StoryEventDraft] = []
    order = sorted(mentions, key=lambda m: (m.published or "9999", m.event["doc_id"], m.event["sentence_index"],
                                            m.event["trigger_start"], m.event["id"]))
    for m in order:
        best, best_score = None, -1
        for d in drafts:
            s = d.accepts(m)
            if s > best_score:
                best, best_score = d, s
        if best is None:
            best = StoryEventDraft(story_id, m.event["event_type"], m.intent)
            drafts.append(best)
        best.add(m)
    for d in drafts:
        first = d.mentions[0].event["id"]
        d.id = "se-" + hashlib.sha1(f"{story_id}\x1f{first}".encode("utf-8")).hexdigest()[:16]
    return drafts


def link_intents(drafts: Sequence[StoryEventDraft]) -> dict[str, list[str]]:
    """story event id -> ids of its intention/deed counterparts (same type, compatible actors)."""
    links: dict[str, list[str]] = {}
    for a in drafts:
        if not a.intent:
            continue
        for b in drafts:
            if b.intent or b.event_type != a.event_type:
                continue
            sa = (frozenset(a.source), frozenset())
            sb = (frozenset(b.source), frozenset())
            ta = (frozenset(a.target), frozenset())
            tb = (frozenset(b.target), frozenset())
            if (a.source or a.target) and sides_compatible(sa, sb) and sides_compatible(ta, tb):
                links.setdefault(a.id, []).append(b.id)
                links.setdefault(b.id, []).append(a.id)
    return {k: sorted(set(v)) for k, v in links.items()}


def majority(values: Sequence[Optional[str]], default: Optional[str] = None) -> Optional[str]:
    """The most frequent non-null value (ties: the smallest), else ``default``."""
    c = Counter(v for v in values if v)
    if not c:
        return default
    top = max(c.values())
    return min(v for v, n in c.items() if n == top)
