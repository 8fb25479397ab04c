"""Conflicting reports within a story, and the corroboration score of a story event.

Conflict kinds (each ``{kind, detail, story_event_ids, event_ids}``):

``negation``
    the same act asserted by some reports and negated by others: within one story event, or
    a story event that only negated reports build against an asserted one of the same type,
    compatible actors and the same trigger verb, sharing most content words with it (at
    least :data:`NEGATED_OVERLAP`).
``denial``
    an act and its denial by the alleged actor: a REJECT story event whose trigger is a
    denial word (rules file ``denial_triggers``) by X, against an act of the same story whose
    source is X (or unknown, when its sentences share at least :data:`UNATTRIBUTED_OVERLAP`
    content words with the denial); among several such acts, the ones whose sentences share
    most content words with the denial.  A denial by X of an ACCUSE act against X (the
    accused reject the accusation) is a ``denial`` too, and so is a denial whose target is the
    source of a statement (ACCUSE, CONSULT, REQUEST, AGREE: "dismissed the FBI's conclusion").
``date``
    two story events of the same type, mode and actors (both sides known) whose dates
    cannot overlap, even within their precision.
``actors``
    two story events of the same type and target, at overlapping dates known to the day,
    whose sources are known and disjoint (the same act, ascribed to different actors).
``figures``
    reports of one story event giving different values for the same quantity (the
    ``claims.jsonl`` records of the quotes-and-claims stage, when the folder has them).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Optional

from eventwire.reconcile.rules import Rules
from eventwire.reconcile.story_events import StoryEventDraft

_WORD = re.compile(r"[a-z]{4,}")
#: content words a denial must share with an act whose source is unknown to be its denial
UNATTRIBUTED_OVERLAP = 3
#: content words a negated story event must share with an asserted one to contradict it
NEGATED_OVERLAP = 2
_COMMON = frozenset("that this with from have been were their there they would said says about after "
                    "also into over than what when which while will could other some more most".split())


def attribution_kind(event: dict[str, Any], rules: Rules) -> str:
    """``official`` | ``named`` | ``outlet`` | ``unresolved`` (see the rules file)."""
    a = event.get("attribution")
    if not a:
        return "outlet"
    if (a.get("sector") in rules.official_sectors) or (a.get("country") in rules.official_sectors):
        return "official"
    if a.get("country") or a.get("entry"):
        return "named"
    return "unresolved"


def source_key(doc_id: str, duplicate_of: dict[str, Optional[str]], outlet_of: dict[str, Optional[str]]) -> str:
    """The independent source of an article: its original's outlet (a copy is no new source)."""
    orig = duplicate_of.get(doc_id) or doc_id
    return outlet_of.get(orig) or outlet_of.get(doc_id) or f"doc:{orig}"


def corroboration(draft: StoryEventDraft, duplicate_of: dict[str, Optional[str]],
                  outlet_of: dict[str, Optional[str]], rules: Rules) -> float:
    """The documented corroboration score of a story event, in [0, 1] (rounded to 3 places)."""
    asserting: dict[str, float] = {}
    negating: set[str] = set()
    for m in draft.mentions:
        ev = m.event
        src = source_key(ev["doc_id"], duplicate_of, outlet_of)
        if ev.get("negated"):
            negating.add(src)
            continue
        w = rules.modality(ev.get("modality")) * rules.attribution(attribution_kind(ev, rules))
        asserting[src] = max(asserting.get(src, 0.0), w)
    p_none = 1.0
    for w in asserting.values():
        p_none *= 1.0 - rules.per_source * w
    sources = set(asserting) | negating
    share = len(negating) / len(sources) if sources else 0.0
    return round((1.0 - p_none) * (1.0 - rules.negation_penalty * share), 3)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _COMMON}


def _ids(d: StoryEventDraft) -> list[str]:
    return sorted(m.event["id"] for m in d.mentions)


def find_conflicts(drafts: Sequence[StoryEventDraft], rules: Rules,
                   claims: Optional[dict[str, list[dict[str, Any]]]] = None) -> list[dict[str, Any]]:
    """Every conflict among the story events of one story (see the module docstring)."""
    out: list[dict[str, Any]] = []
    for d in drafts:
        neg = [m.event["id"] for m in d.mentions if m.event.get("negated")]
        pos = [m.event["id"] for m in d.mentions if not m.event.get("negated")]
        if neg and pos:
            out.append({"kind": "negation", "detail": f"{d.event_type} asserted by {len(pos)} report(s), "
                        f"negated by {len(neg)}", "story_event_ids": [d.id], "event_ids": sorted(pos + neg)})
    out += _negated_acts(drafts)
    out += _denials(drafts, rules)
    out += _pairs(drafts)
    if claims:
        out += _figures(drafts, claims)
    return out


def _sentence_words(d: StoryEventDraft) -> set[str]:
    return set().union(*(_words(m.event.get("sentence") or "") for m in d.mentions))


def _trigger_stems(d: StoryEventDraft) -> set[str]:
    """The first five letters of the trigger words of a story event's reports ("accuse" and
    "accused" are one verb)."""
    return {str(m.event.get("trigger") or "").lower()[:5] for m in d.mentions} - {""}


def _sides_agree(a: set[str], b: set[str]) -> bool:
    return not a or not b or bool(a & b)


def _negated_acts(drafts: Sequence[StoryEventDraft]) -> list[dict[str, Any]]:
    """A story event only negated ("did not accuse") against asserted ones of the same type,
    compatible actors and the same trigger verb ("accused") that it did not merge with (other
    wording of the actors, another date): the asserted ones whose sentences share most content
    words with it, at least :data:`NEGATED_OVERLAP`."""
    out = []
    for n in drafts:
        if not n.mentions or not all(m.event.get("negated") for m in n.mentions):
            continue
        words = _sentence_words(n)
        stems = _trigger_stems(n)
        scored = []
        for a in drafts:
            if a is n or a.event_type != n.event_type or a.intent != n.intent or \
                    all(m.event.get("negated") for m in a.mentions):
                continue
            if not (_sides_agree(a.source, n.source) and _sides_agree(a.target, n.target)):
                continue
            if not (stems & _trigger_stems(a)):
                continue
            scored.append((len(words & _sentence_words(a)), a))
        top = max((s for s, _ in scored), default=0)
        if top < NEGATED_OVERLAP:
            continue
        for s, a in scored:
            if s == top:
                pos = [m.event["id"] for m in a.mentions if not m.event.get("negated")]
                out.append({"kind": "negation", "detail": f"{a.event_type} asserted by {len(pos)} report(s), "
                            f"negated by {len(n.mentions)} report(s) of another story event",
                            "story_event_ids": [a.id, n.id], "event_ids": sorted(pos) + _ids(n)})
    return out


def _denials(drafts: Sequence[StoryEventDraft], rules: Rules) -> list[dict[str, Any]]:
    out = []
    for d in drafts:
        if d.event_type != "REJECT":
            continue
        denial = [m for m in d.mentions if str(m.event.get("trigger") or "").lower() in rules.denial_triggers]
        if not denial:
            continue
        words = set().union(*(_words(m.event.get("sentence") or "") for m in denial))
        scored = []
        for act in drafts:
            if act is d or act.event_type == "REJECT":
                continue
            overlap = len(words & set().union(*(_words(m.event.get("sentence") or "") for m in act.mentions)))
            own = bool(d.source) and (bool(act.source & d.source) or
                                      (not act.source and overlap >= UNATTRIBUTED_OVERLAP))
            if own and d.target and act.target and not (d.target & act.target) and not (d.target & act.source):
                own = False
            # the accused deny an accusation ("X denied acting with partisan intent")
            accused = act.event_type == "ACCUSE" and (
                bool(act.target & d.source) if d.source else overlap >= UNATTRIBUTED_OVERLAP)
            # a denial of what X said or found ("dismissed the FBI's conclusion"): its target is the act's source
            disputed = bool(d.target & act.source) and act.event_type in ("ACCUSE", "CONSULT", "REQUEST", "AGREE")
            if own or accused or disputed:
                scored.append((overlap, "denial" if own else "rejected accusation" if accused else "disputed", act))
        if not scored:
            continue
        top = max(s for s, _, _ in scored)
        if top < 1:
            continue
        who = ", ".join(sorted(d.source)) or "?"
        for s, kind, act in scored:
            if s == top:
                verb = {"denial": "denied", "rejected accusation": "rejected the accusation",
                        "disputed": "disputed"}[kind]
                out.append({"kind": "denial", "detail": f"{who} {verb}: {act.event_type} "
                            f"({', '.join(sorted(act.source)) or '?'} -> {', '.join(sorted(act.target)) or '?'})",
                            "story_event_ids": [act.id, d.id],
                            "event_ids": _ids(act) + sorted(m.event["id"] for m in denial)})
    return out


def _coded(d: StoryEventDraft, side: str) -> set[str]:
    """The codes of one side that the dictionary gave (not the article's home country, which
    domestic actors share: two acts of "officials" and "protesters" of one country are not
    one act told twice)."""
    return {str(a["country"]) for m in d.mentions for a in m.event.get(side) or ()
            if a.get("country") and not str(a.get("entry") or "").startswith("home:")}


def _pairs(drafts: Sequence[StoryEventDraft]) -> list[dict[str, Any]]:
    out = []
    by_type: dict[tuple, list[StoryEventDraft]] = defaultdict(list)
    for d in drafts:
        by_type[(d.event_type, d.intent)].append(d)
    for group in by_type.values():
        for i, da in enumerate(group):
            for db in group[i + 1:]:
                # compare the sides the dictionary coded (see _coded); the draft's codes name them
                a = replace(da, source=_coded(da, "source") & da.source, target=_coded(da, "target") & da.target)
                b = replace(db, source=_coded(db, "source") & db.source, target=_coded(db, "target") & db.target)
                exact = all(m.event.get("date_precision") in ("day", "month", "year", "week")
                            for m in a.mentions + b.mentions if m.dates)
                if a.source and a.source == b.source and a.target and a.target == b.target and \
                        (a.mode or "") == (b.mode or "") and a.dates and b.dates and exact and \
                        (a.dates[1] < b.dates[0] or b.dates[1] < a.dates[0]):
                    out.append({"kind": "date", "detail": f"{a.event_type} "
                                f"{', '.join(sorted(a.source))} -> {', '.join(sorted(a.target))} reported on "
                                "dates that do not overlap", "story_event_ids": [a.id, b.id],
                                "event_ids": _ids(a) + _ids(b)})
                elif a.target and a.target == b.target and a.source and b.source and \
                        not (a.source & b.source) and a.dates and b.dates and exact and \
                        not (a.dates[1] < b.dates[0] or b.dates[1] < a.dates[0]) and \
                        (a.dates[1] - a.dates[0] <= 3) and (b.dates[1] - b.dates[0] <= 3):
                    out.append({"kind": "actors", "detail": f"{a.event_type} against "
                                f"{', '.join(sorted(a.target))} ascribed to {', '.join(sorted(a.source))} "
                                f"and to {', '.join(sorted(b.source))}", "story_event_ids": [a.id, b.id],
                                "event_ids": _ids(a) + _ids(b)})
    return out


def _figures(drafts: Sequence[StoryEventDraft], claims: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    out = []
    for d in drafts:
        values: dict[tuple, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for m in d.mentions:
            for c in claims.get(m.event["id"], ()):
                key = (str(c.get("unit") or ""), str(c.get("about") or ""))
                values[key][str(c.get("value"))].append(str(c.get("id")))
        for (unit, about), vals in sorted(values.items()):
            if len(vals) > 1:
                shown = ", ".join(sorted(vals))
                out.append({"kind": "figures", "detail": f"{about or unit or 'figure'}: {shown}",
                            "story_event_ids": [d.id],
                            "event_ids": sorted({m.event["id"] for m in d.mentions
                                                 if any(str(c.get('value')) in vals for c in claims.get(m.event['id'], ()))}),
                            "claim_ids": sorted(i for ids in vals.values() for i in ids)})
    return out


def n_independent(draft: StoryEventDraft, duplicate_of: dict[str, Optional[str]],
                  outlet_of: dict[str, Optional[str]]) -> int:
    """Independent sources reporting a story event (outlets after folding near-duplicates)."""
    return len({source_key(m.event["doc_id"], duplicate_of, outlet_of) for m in draft.mentions})
