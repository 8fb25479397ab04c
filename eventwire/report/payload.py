"""From a :class:`~eventwire.report.load.Corpus` to the JSON the page draws.

Everything the page shows is in one dict (:func:`build_payload`), embedded in the HTML and
filtered client-side.  For a large corpus what is embedded is capped (:class:`Caps`): the
story events kept are the best corroborated, each keeps a few reports (one per outlet
first), sentences are shared between reports and cut to a window around the trigger.  Counts
in the overview are always over the whole folder; ``payload["caps"]`` says what was left out.

Strings repeated across records (outlets, actors, event types) are stored once and referred
to by index.  Reports are arrays ``[sentence, outlet, published, negated, modality, attribution, confidence,
marks, figures, in_conflict, doc_id, duplicate_of]``.  Report sentences carry their marks as ``[start, end, kind]`` offsets into the
embedded sentence (kind: 0 trigger, 1 source, 2 target, 3 attribution); the page builds
the marked sentence with DOM text nodes, so no text from the corpus is ever read as HTML.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Optional

from ..model import EVENT_TYPES
from .geometry import force_layout, world_paths
from .load import Corpus


@dataclass(frozen=True)
class Caps:
    """What the page embeds and draws at most."""

    story_events: int = 8000       # story events embedded (best corroborated first)
    reports_per_event: int = 6     # reports kept per story event (one per outlet first)
    reports: int = 12000           # reports embedded in all
    sentence_chars: int = 480      # a longer sentence is cut to a window around its trigger
    timeline_points: int = 3000    # points drawn on the timeline (the page's own cap)
    network_nodes: int = 60        # actors drawn in the network
    network_edges: int = 150       # dyads drawn in the network (the page's own cap)
    outlets_listed: int = 40       # outlets named in the overview


MARK_TRIGGER, MARK_SOURCE, MARK_TARGET, MARK_ATTRIBUTION = 0, 1, 2, 3


class _Index:
    """Strings stored once, referred to by position."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._pos: dict[Any, int] = {}

    def __call__(self, key: Any, value: Any = None) -> int:
        i = self._pos.get(key)
        if i is None:
            i = self._pos[key] = len(self.items)
            self.items.append(key if value is None else value)
        return i


# --------------------------------------------------------------------------- actors

def actor_key(actor: Any) -> Optional[str]:
    """The network node of an actor: an organisation by name, else a country (ISO3/IGO code)."""
    if isinstance(actor, str):
        token = actor.strip().split(" ")[0] if actor.strip() else ""
        return token or None
    if not isinstance(actor, dict):
        return None
    entry = str(actor.get("entry") or "")
    if entry.startswith("org:") and actor.get("name"):
        return str(actor["name"])
    if actor.get("country"):
        return str(actor["country"])
    # an actor without a code ("residents", "the opposition"): shown in the story view, not a node
    text = actor.get("name") or actor.get("text")
    return "~" + " ".join(str(text).lower().split()) if text else None


def _actor_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


class _Actors:
    """Node keys with their most usual label and kind (country or organisation)."""

    def __init__(self) -> None:
        self.names: dict[str, Counter] = defaultdict(Counter)
        self.kind: dict[str, str] = {}

    def see(self, actor: Any) -> Optional[str]:
        key = actor_key(actor)
        if key is None:
            return None
        if key.startswith("~"):
            self.kind.setdefault(key, "other")
            self.names[key][str(actor.get("name") or actor.get("text"))] += 1
        elif isinstance(actor, dict):
            entry = str(actor.get("entry") or "")
            is_org = entry.startswith("org:")
            self.kind.setdefault(key, "org" if is_org else "country")
            if actor.get("name") and (is_org or entry.startswith("country:") or not self.names[key]):
                self.names[key][str(actor["name"])] += 1
        else:
            self.kind.setdefault(key, "country")
        return key

    def label(self, key: str) -> str:
        names = self.names.get(key)
        if not names:
            return key
        name = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return name if self.kind.get(key) in ("org", "other") or name == key else f"{name} ({key})"


# --------------------------------------------------------------------------- helpers

def _date(value: Any) -> str:
    s = str(value or "")[:10]
    return s if len(s) == 10 and s[4] == "-" and s[7] == "-" else ""


def _num(value: Any, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _place(event: dict[str, Any]) -> Optional[dict[str, Any]]:
    """An event's place as ``{name, country, lat, lon}`` (issue 16: a dict, or flat columns)."""
    p = event.get("place")
    if isinstance(p, dict):
        place = {"name": p.get("name") or p.get("text"), "country": p.get("country"),
                 "lat": p.get("lat"), "lon": p.get("lon")}
    elif event.get("place_name") or event.get("lat") is not None:
        place = {"name": event.get("place_name"), "country": event.get("place_country"),
                 "lat": event.get("lat"), "lon": event.get("lon")}
    elif isinstance(p, str) and p:
        place = {"name": p, "country": None, "lat": None, "lon": None}
    else:
        return None
    for k in ("lat", "lon"):
        v = place[k]
        place[k] = _num(v, float("nan")) if v is not None else None
        if place[k] is not None and not (-180.0 <= place[k] <= 180.0):
            place[k] = None
    if place["lat"] is None or place["lon"] is None or abs(place["lat"]) > 90:
        place["lat"] = place["lon"] = None
    return place


def _marks(event: dict[str, Any], sentence: str) -> list[list[int]]:
    """Offsets of trigger, source, target and attribution inside the event's sentence."""
    base = int(_num(event.get("char_start"), 0))
    n = len(sentence)
    out = []

    def add(start: Any, end: Any, kind: int) -> None:
        if start is None or end is None:
            return
        s, e = int(_num(start, -1)) - base, int(_num(end, -1)) - base
        if 0 <= s < e <= n:
            out.append([s, e, kind])

    add(event.get("trigger_start"), event.get("trigger_end"), MARK_TRIGGER)
    for kind, role in ((MARK_SOURCE, "source"), (MARK_TARGET, "target")):
        for a in _actor_list(event.get(role)):
            if isinstance(a, dict):
                add(a.get("char_start"), a.get("char_end"), kind)
    att = event.get("attribution")
    if isinstance(att, dict):
        add(att.get("char_start"), att.get("char_end"), MARK_ATTRIBUTION)
    return sorted(out)


def _window(sentence: str, marks: list[list[int]], limit: int) -> tuple[str, list[list[int]]]:
    """Cut a long sentence to ``limit`` characters around its trigger, marks shifted."""
    if len(sentence) <= limit:
        return sentence, marks
    trig = next((m for m in marks if m[2] == MARK_TRIGGER), [0, 0, 0])
    start = max(0, min(trig[0] - limit // 3, len(sentence) - limit))
    end = start + limit
    text = ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")
    shift = 1 if start else 0
    kept = [[s - start + shift, e - start + shift, k] for s, e, k in marks if s >= start and e <= end]
    return text, kept


# --------------------------------------------------------------------------- story events

def _synthesised_story_events(corpus: Corpus, docs: dict[str, dict]) -> list[dict[str, Any]]:
    """Without reconciliation: each event is its own story event with one report; the story is
    the article's ``story_id`` when there is one, else the article itself."""
    out = []
    for e in corpus.events:
        doc = docs.get(str(e.get("doc_id")), {})
        out.append({
            "id": str(e.get("id")), "story_id": str(doc.get("story_id") or e.get("doc_id")),
            "event_type": e.get("event_type"), "mode": e.get("mode"),
            "source": e.get("source"), "target": e.get("target"),
            "event_date": e.get("event_date"), "modality": e.get("modality"),
            "reports": [{"event_id": e.get("id"), "doc_id": e.get("doc_id"),
                         "outlet": e.get("publisher") or doc.get("outlet"),
                         "published": e.get("story_date") or doc.get("published"),
                         "sentence": e.get("sentence"), "negated": e.get("negated"),
                         "modality": e.get("modality"), "confidence": e.get("confidence")}],
            "n_reports": 1, "n_outlets": 1, "n_independent": 1, "corroboration": None, "conflicts": [],
        })
    return out


def _rank(se: dict[str, Any]) -> tuple:
    return (-_num(se.get("n_independent"), 1), -_num(se.get("n_reports"), 1),
            -len(se.get("conflicts") or []), str(se.get("event_date") or ""), str(se.get("id")))


def _pick_reports(reports: list[dict[str, Any]], cap: int) -> list[dict[str, Any]]:
    """At most ``cap`` reports: one per outlet first (the most confident), then the rest."""
    ordered = sorted(reports, key=lambda r: (-_num(r.get("confidence")), str(r.get("outlet") or ""),
                                            str(r.get("event_id") or "")))
    first, rest, seen = [], [], set()
    for r in ordered:
        (rest if r.get("outlet") in seen else first).append(r)
        seen.add(r.get("outlet"))
    kept = (first + rest)[:cap]
    return sorted(kept, key=lambda r: (str(r.get("published") or "9999"), str(r.get("outlet") or ""),
                                       str(r.get("event_id") or "")))


def _report_quotas(kept: list[dict[str, Any]], caps: Caps) -> list[int]:
    """Reports to embed per story event: one each first (a drawn event must lead to a sentence;
    story events beyond the budget are left out), then more for the best corroborated."""
    n = [len(se.get("reports") or []) for se in kept][:max(0, caps.reports)]
    quotas = [min(1, k) for k in n]
    left = caps.reports - sum(quotas)
    for i, k in enumerate(n):
        if left <= 0:
            break
        extra = min(caps.reports_per_event - quotas[i], k - quotas[i], left)
        if extra > 0:
            quotas[i] += extra
            left -= extra
    return quotas


def build_payload(corpus: Corpus, quad: dict[str, str], caps: Caps = Caps()) -> dict[str, Any]:
    """The page's data (see the module docstring); deterministic for the same folder."""
    docs = {str(a.get("doc_id")): a for a in corpus.articles}
    events = {str(e.get("id")): e for e in corpus.events}
    claims_by_event: dict[str, list[str]] = defaultdict(list)
    for c in corpus.claims:
        if c.get("event_id"):
            claims_by_event[str(c["event_id"])].append(str(c.get("text") or c.get("value") or ""))

    raw_se = corpus.story_events if corpus.has_stories else _synthesised_story_events(corpus, docs)
    raw_se = sorted(raw_se, key=_rank)
    kept_se = raw_se[:caps.story_events]

    types = list(EVENT_TYPES) + sorted({str(s.get("event_type")) for s in raw_se} - set(EVENT_TYPES) - {"None"})
    type_ix = {t: i for i, t in enumerate(types)}
    outlets, actors_ix, sentences, stories_ix = _Index(), _Index(), _Index(), _Index()
    actors = _Actors()
    for e in corpus.events:  # labels from every event, not only the kept ones
        for role in ("source", "target"):
            for a in _actor_list(e.get(role)):
                actors.see(a)

    reports_out: list[list[Any]] = []
    se_out: list[dict[str, Any]] = []
    quotas = _report_quotas(kept_se, caps)
    kept_se = kept_se[:len(quotas)]
    for se, quota in zip(kept_se, quotas):
        reps = list(se.get("reports") or [])
        pick = _pick_reports(reps, quota)
        conflict_ids = {str(x) for c in (se.get("conflicts") or []) for x in
                        (c.get("event_ids") or c.get("report_event_ids") or []) if isinstance(c, dict)}
        r_idx, place, countries = [], None, set()
        for r in pick:
            ev = events.get(str(r.get("event_id")), {})
            sentence = str(ev.get("sentence") or r.get("sentence") or "")
            marks = _marks(ev, sentence) if ev else []
            text, marks = _window(sentence, marks, caps.sentence_chars)
            doc = docs.get(str(r.get("doc_id") or ev.get("doc_id")), {})
            s_key = (str(r.get("doc_id") or ev.get("doc_id")), ev.get("char_start"), text) if ev else ("", None, text)
            s_i = sentences(s_key, [text, str(doc.get("title") or r.get("doc_id") or "")])
            att = r.get("attribution") or ev.get("attribution")
            att_text = att.get("text") if isinstance(att, dict) else (str(att) if att else "")
            outlet = r.get("outlet") or ev.get("publisher") or doc.get("outlet") or "(unknown outlet)"
            reports_out.append([
                s_i, outlets(str(outlet)), _date(r.get("published") or ev.get("story_date") or doc.get("published")),
                1 if (r.get("negated") if r.get("negated") is not None else ev.get("negated")) else 0,
                str(r.get("modality") or ev.get("modality") or ""), att_text or "",
                round(_num(r.get("confidence") if r.get("confidence") is not None else ev.get("confidence")), 2),
                marks, claims_by_event.get(str(r.get("event_id")), [])[:4],
                1 if str(r.get("event_id")) in conflict_ids else 0, str(r.get("doc_id") or ev.get("doc_id") or ""),
                str(doc.get("duplicate_of") or ""),
            ])
            r_idx.append(len(reports_out) - 1)
            p = _place(ev) if ev else None
            if p and place is None and p["lat"] is not None:
                place = [round(p["lat"], 3), round(p["lon"], 3), str(p["name"] or "")]
            if p and p.get("country"):
                countries.add(str(p["country"]))
        src = sorted({k for k in (actors.see(a) for a in _actor_list(se.get("source"))) if k})
        tgt = sorted({k for k in (actors.see(a) for a in _actor_list(se.get("target"))) if k})
        if not countries:   # no place: the event is counted for the countries involved
            countries = {k for k in src + tgt if len(k) == 3 and k.isupper()}
        all_outlets = sorted({str(r.get("outlet") or "(unknown outlet)") for r in reps})
        etype = str(se.get("event_type"))
        date = _date(se.get("event_date")) or _date(se.get("first_reported")) or \
            (reports_out[r_idx[0]][2] if r_idx else "")
        se_out.append({
            "id": str(se.get("id")), "s": stories_ix(str(se.get("story_id") or se.get("id"))),
            "t": type_ix.get(etype, 0), "d": date, "m": str(se.get("mode") or ""),
            "src": [actors_ix(k) for k in src], "tgt": [actors_ix(k) for k in tgt],
            "nr": int(_num(se.get("n_reports"), len(reps))), "no": int(_num(se.get("n_outlets"), len(all_outlets))),
            "ni": int(_num(se.get("n_independent"), len(all_outlets))),
            "c": None if se.get("corroboration") is None else round(_num(se.get("corroboration")), 2),
            "x": [[str(c.get("kind") or "conflict"), str(c.get("detail") or "")] if isinstance(c, dict)
                  else ["conflict", str(c)] for c in (se.get("conflicts") or [])],
            "r": r_idx, "o": [outlets(o) for o in all_outlets], "pl": place, "cc": sorted(countries),
        })

    reports_total = sum(len(s.get("reports") or []) for s in raw_se)
    first_title = {}
    for se in se_out:
        if se["r"] and se["s"] not in first_title:
            first_title[se["s"]] = sentences.items[reports_out[se["r"][0]][0]][1]
    stories = _stories(corpus, docs, stories_ix, se_out, first_title)
    nodes, edges = _network_nodes(se_out, actors_ix.items, caps)
    overview = _overview(corpus, raw_se, caps)
    return {
        "title": corpus.folder.name,
        "has_stories": corpus.has_stories,
        "source": corpus.source,
        "types": types,
        "quad": [quad.get(t, "") for t in types],
        "outlets": outlets.items,
        "actors": [[k, actors.label(k), actors.kind.get(k, "country")] for k in actors_ix.items],
        "sentences": sentences.items,
        "reports": reports_out,
        "story_events": se_out,
        "stories": stories,
        "network": {"nodes": nodes, "layout_edges": edges},
        "overview": overview,
        "map": world_paths(),
        "caps": {
            "story_events_total": len(raw_se), "story_events_kept": len(se_out),
            "reports_total": reports_total, "reports_kept": len(reports_out),
            "reports_dropped": reports_total - len(reports_out), "timeline_points": caps.timeline_points,
            "network_nodes": caps.network_nodes, "network_edges": caps.network_edges,
            "sentence_chars": caps.sentence_chars, "reports_per_event": caps.reports_per_event,
        },
    }


def _stories(corpus: Corpus, docs: dict[str, dict], stories_ix: _Index, se_out: list[dict],
             first_title: dict[int, str]) -> list[list[Any]]:
    """``[story_id, title, first, last, n_articles, n_outlets, [story event indexes]]`` per story
    (a story missing from ``stories.jsonl`` is titled by the headline of its first report)."""
    meta = {str(s.get("story_id")): s for s in corpus.stories}
    members: dict[int, list[int]] = defaultdict(list)
    for i, se in enumerate(se_out):
        members[se["s"]].append(i)
    out = []
    for i, sid in enumerate(stories_ix.items):
        m = meta.get(sid)
        if m is None:
            doc = docs.get(sid, {})
            dates = sorted(se_out[j]["d"] for j in members[i] if se_out[j]["d"])
            m = {"title": doc.get("title") or first_title.get(i) or sid, "first_published": doc.get("published") or (dates[0] if dates else ""),
                 "last_published": doc.get("published") or (dates[-1] if dates else ""),
                 "n_articles": 1 if doc else None, "n_outlets": 1 if doc else None}
        out.append([sid, str(m.get("title") or sid), _date(m.get("first_published")), _date(m.get("last_published")),
                    m.get("n_articles"), m.get("n_outlets"), members[i]])
    return out


def _network_nodes(se_out: list[dict], keys: list[str], caps: Caps) -> tuple[list[list[Any]], int]:
    """The most active actors of dyadic story events, with a force layout of their dyads."""
    degree: Counter = Counter()
    dyads: Counter = Counter()
    coded = [not k.startswith("~") for k in keys]
    for se in se_out:
        for a in se["src"]:
            for b in se["tgt"]:
                if a != b and coded[a] and coded[b]:
                    degree[a] += 1
                    degree[b] += 1
                    dyads[(min(a, b), max(a, b))] += 1
    top = sorted(degree, key=lambda a: (-degree[a], keys[a]))[:caps.network_nodes]
    top.sort(key=lambda a: keys[a])
    pos_of = {a: i for i, a in enumerate(top)}
    edges = [(pos_of[a], pos_of[b], float(n)) for (a, b), n in sorted(dyads.items()) if a in pos_of and b in pos_of]
    layout = force_layout(len(top), edges)
    return [[a, x, y, degree[a]] for a, (x, y) in zip(top, layout)], len(edges)


def _overview(corpus: Corpus, raw_se: list[dict], caps: Caps) -> dict[str, Any]:
    status = Counter(str(a.get("status") or "coded") for a in corpus.articles)
    reasons = Counter(str(a.get("reason") or "unknown").split(":")[0] for a in corpus.articles
                      if a.get("status") == "skipped")
    pub = sorted(d for d in (_date(a.get("published")) for a in corpus.articles if a.get("status") != "skipped") if d)
    ev_dates = sorted(d for d in (_date(e.get("event_date")) for e in corpus.events) if d)
    outlets = Counter(str(a.get("outlet") or "(unknown outlet)") for a in corpus.articles if a.get("status") != "skipped")
    by_type = Counter(str(e.get("event_type")) for e in corpus.events)
    undated = sum(1 for a in corpus.articles if a.get("status") != "skipped" and not _date(a.get("published")))
    return {
        "documents": len(corpus.articles), "coded": status.get("coded", 0), "skipped": status.get("skipped", 0),
        "skip_reasons": sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])),
        "published": [pub[0], pub[-1]] if pub else None, "undated_articles": undated,
        "event_dates": [ev_dates[0], ev_dates[-1]] if ev_dates else None,
        "n_outlets": len(outlets),
        "outlets": sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))[:caps.outlets_listed],
        "events": len(corpus.events), "story_events": len(raw_se),
        "by_type": sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])),
        "stories": len(corpus.stories) if corpus.stories else None,
        "quotes": len(corpus.quotes), "claims": len(corpus.claims),
    }
