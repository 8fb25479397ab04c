"""Score the coder against gold PLOVER records.

Two layouts are read:

* PLV (``{id, text, events: [{event, event_plover16, source_text, target_text}]}``):
  YIELD counts as CONCEDE or RETREAT;
* the PLOVER gold-standard layout (``{id, text, event, source: [{actorText, code, sector}],
  target: [...]}``) with its older labels DEMAND -> REQUEST, DISAPPROVE / INVESTIGATE ->
  ACCUSE, FIGHT -> ASSAULT.

Each gold text is coded with the normal pipeline (:meth:`eventwire.pipeline.Pipeline.code_articles`).  The report
gives event-type accuracy, per-class precision / recall / F1, macro-F1 and a confusion
matrix (one predicted type per record: the most confident coded event, ``NONE`` when
nothing was coded), source / target span overlap and country agreement, the share of gold
relations coded with the right type and an overlapping source, full (source, type, target)
triple precision / recall / F1 on records with country codes, and a per-record diff.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

from rich.table import Table

from .model import EVENT_TYPES, Article, Event
from .pipeline import Config, get_pipeline

LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
          "COOPERATION": "COOPERATE"}
YIELD = ("CONCEDE", "RETREAT")


@dataclass
class GoldRelation:
    label: str                    # the label in the gold's own space (YIELD kept as YIELD)
    allowed: tuple[str, ...]      # PLOVER-16 types that count as right
    source_text: Optional[str] = None
    target_text: Optional[str] = None
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()


@dataclass
class GoldRecord:
    id: str
    text: str
    relations: list[GoldRelation] = field(default_factory=list)


def _allowed(label: str) -> tuple[str, ...]:
    label = LEGACY.get(label.upper(), label.upper())
    if label == "YIELD":
        return YIELD
    return (label,)


def read_gold(path: str | Path) -> list[GoldRecord]:
    """Read PLV or PLOVER gold-standard JSONL (the layout is detected per record)."""
    out: list[GoldRecord] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
            if not isinstance(r, dict) or not isinstance(r.get("text"), str):
                raise ValueError(f"{path}:{n}: a gold record needs a 'text' string")
            rec = GoldRecord(id=str(r.get("id") or f"gold-{n}"), text=r["text"])
            if isinstance(r.get("events"), list):                  # PLV layout
                for e in r["events"]:
                    label = str(e.get("event") or "").upper()
                    if not label:
                        continue
                    allowed = tuple(e.get("event_plover16") or ()) or _allowed(label)
                    rec.relations.append(GoldRelation(label=label, allowed=tuple(a.upper() for a in allowed),
                                                      source_text=e.get("source_text"), target_text=e.get("target_text")))
            elif r.get("event"):                                     # PLOVER gold-standard layout
                label = LEGACY.get(str(r["event"]).upper(), str(r["event"]).upper())
                src = r.get("source") or []
                tgt = r.get("target") or []
                src = src if isinstance(src, list) else [src]
                tgt = tgt if isinstance(tgt, list) else [tgt]
                rec.relations.append(GoldRelation(
                    label=label, allowed=_allowed(label),
                    source_text="; ".join(a.get("actorText", "") for a in src if isinstance(a, dict)) or None,
                    target_text="; ".join(a.get("actorText", "") for a in tgt if isinstance(a, dict)) or None,
                    source_codes=tuple(_code(a) for a in src if isinstance(a, dict) and _code(a)),
                    target_codes=tuple(_code(a) for a in tgt if isinstance(a, dict) and _code(a)),
                ))
            else:
                raise ValueError(f"{path}:{n}: neither the PLV layout ('events') nor the gold-standard layout ('event')")
            out.append(rec)
    return out


def _code(actor: dict) -> Optional[str]:
    c = actor.get("code") or actor.get("country")
    if not c or not isinstance(c, str) or c.strip() in ("", "***", "---"):
        return None
    return c.strip().upper()[:3]


def gold_spans(text: str, phrase: Optional[str]) -> list[tuple[int, int]]:
    """Character ranges of a gold span ("A; B" for several; "none" for no role) in ``text``."""
    out = []
    for part in (phrase or "").split("; "):
        part = part.strip()
        if not part or part.lower() == "none":
            continue
        i = text.find(part)
        if i < 0:
            i = text.lower().find(part.lower())
        if i >= 0:
            out.append((i, i + len(part)))
    return out


def _overlaps(actors: Iterable, spans: list[tuple[int, int]]) -> bool:
    for a in actors:
        s, e = a.char_start, a.char_end
        if s is None or e is None:
            continue
        if any(s < ge and gs < e for gs, ge in spans):
            return True
    return False


def _label_space(records: list[GoldRecord]) -> str:
    return "plv" if any(r.label == "YIELD" for rec in records for r in rec.relations) else "plover"


def _to_space(event_type: str, space: str) -> str:
    if space == "plv" and event_type in YIELD:
        return "YIELD"
    return event_type


def class_scores(y_true: list[str], y_pred: list[str]) -> tuple[dict, float]:
    """Per-class precision / recall / F1 and the macro-F1 over the classes present in the gold."""
    per_class = {}
    for lab in sorted(set(y_true) | set(y_pred)):
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p == lab)
        fp = sum(1 for t, p in zip(y_true, y_pred) if t != lab and p == lab)
        fn = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": tp + fn}
    gold_classes = [lab for lab, v in per_class.items() if v["support"] > 0 and lab != "NONE"]
    macro = sum(per_class[lab]["f1"] for lab in gold_classes) / max(1, len(gold_classes))
    return per_class, macro


def evaluate(gold: str | Path, *, out_dir: Optional[str | Path] = None, config: Optional[Config] = None,
             limit: Optional[int] = None) -> dict:
    """Code every gold text and score it (:func:`score`); writes ``report.json`` and
    ``diff.jsonl`` to ``out_dir``."""
    records = read_gold(gold)[: limit or None]
    pipe = get_pipeline(config or Config())
    articles = [Article(doc_id=r.id, text=r.text, language="en") for r in records]
    results = []
    for i in range(0, len(articles), 64):
        results.extend(pipe.code_articles(articles[i:i + 64]))
    report = score(records, [res.events for res in results], gold=str(gold))
    if out_dir:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        public = {k: v for k, v in report.items() if k != "_diffs"}
        (out / "report.json").write_text(json.dumps(public, indent=2), encoding="utf-8")
        with open(out / "diff.jsonl", "w", encoding="utf-8") as fh:
            for d in report["_diffs"]:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return report


def _triple_key(triple: tuple) -> tuple:
    return tuple("" if x is None else x for x in triple)


def score(records: Sequence[GoldRecord], coded: Sequence[Sequence[Event]], *, gold: str = "") -> dict:
    """Score coded events against gold records (one list of events per record, same order).

    The record's predicted type is its most confident event's (``NONE`` when nothing was
    coded), in the gold's label space (``plv`` when a gold label is YIELD: CONCEDE and
    RETREAT are then written YIELD); a prediction in a relation's allowed types counts as
    the gold label.  Triples: every (source code, type, target code) of a relation with
    codes on both sides is a true positive when a coded (source country, type, target
    country) has its codes and an allowed type (the first such, in sorted order, is marked
    matched), else a false negative; coded triples with both countries that no gold triple
    matched are false positives.

    Returns:
        The report (see :func:`evaluate`); ``report["_diffs"]`` holds the per-record diff.
    """
    space = _label_space(list(records))
    y_true, y_pred = [], []
    n_rel = src_overlap = tgt_overlap = type_and_source = 0
    src_code_total = src_code_right = tgt_code_total = tgt_code_right = 0
    trip_tp = trip_fp = trip_fn = 0
    trip_records = 0
    rules = Counter()
    diffs = []
    for rec, rec_events in zip(records, coded):
        events = sorted(rec_events, key=lambda e: -e.confidence)
        main = events[0] if events else None
        pred = _to_space(main.event_type, space) if main else "NONE"
        gold_label = rec.relations[0].label if rec.relations else "NONE"
        y_true.append(gold_label)
        y_pred.append(pred if not (main and main.event_type in rec.relations[0].allowed) else gold_label)
        if main:
            rules[main.rules[0]] += 1
        rec_diff = {"id": rec.id, "text": rec.text, "gold": [], "coded": [
            {"event_type": e.event_type, "source": [a.text for a in e.source], "target": [a.text for a in e.target],
             "source_country": [a.country for a in e.source], "target_country": [a.country for a in e.target],
             "trigger": e.trigger, "rules": e.rules, "confidence": e.confidence, "negated": e.negated,
             "modality": e.modality} for e in events]}
        gold_triples, coded_triples = set(), set()
        for rel in rec.relations:
            n_rel += 1
            sspans, tspans = gold_spans(rec.text, rel.source_text), gold_spans(rec.text, rel.target_text)
            s_ok = any(_overlaps(e.source, sspans) for e in events)
            t_ok = any(_overlaps(e.target, tspans) for e in events)
            src_overlap += s_ok
            tgt_overlap += t_ok
            ts_ok = any(e.event_type in rel.allowed and _overlaps(e.source, sspans) for e in events)
            type_and_source += ts_ok
            if rel.source_codes:
                src_code_total += 1
                src_code_right += any(a.country in rel.source_codes for e in events for a in e.source)
            if rel.target_codes:
                tgt_code_total += 1
                tgt_code_right += any(a.country in rel.target_codes for e in events for a in e.target)
            if rel.source_codes and rel.target_codes:
                for s in rel.source_codes:
                    for t in rel.target_codes:
                        gold_triples.add((s, rel.allowed, t))
            rec_diff["gold"].append({"event": rel.label, "source": rel.source_text, "target": rel.target_text,
                                     "source_codes": list(rel.source_codes), "target_codes": list(rel.target_codes),
                                     "type_right": bool(main and main.event_type in rel.allowed),
                                     "source_overlap": s_ok, "target_overlap": t_ok, "type_and_source": ts_ok})
        if gold_triples:
            trip_records += 1
            for e in events:
                for a in e.source or [None]:
                    for b in e.target or [None]:
                        coded_triples.add((a.country if a else None, e.event_type, b.country if b else None))
            matched = set()
            ordered = sorted(coded_triples, key=_triple_key)    # sorted: the same match in every process
            for (s, allowed, t) in sorted(gold_triples):
                hit = next((c for c in ordered if c[0] == s and c[2] == t and c[1] in allowed), None)
                if hit:
                    trip_tp += 1
                    matched.add(hit)
                else:
                    trip_fn += 1
            trip_fp += len([c for c in coded_triples if c not in matched and c[0] and c[2]])
        diffs.append(rec_diff)

    per_class, macro = class_scores(y_true, y_pred)
    confusion = defaultdict(Counter)
    for t, p in zip(y_true, y_pred):
        confusion[t][p] += 1
    tp_p = trip_tp / (trip_tp + trip_fp) if trip_tp + trip_fp else 0.0
    tp_r = trip_tp / (trip_tp + trip_fn) if trip_tp + trip_fn else 0.0
    report = {
        "gold": gold, "records": len(records), "relations": n_rel, "label_space": space,
        "type": {"accuracy": round(sum(t == p for t, p in zip(y_true, y_pred)) / max(1, len(y_true)), 4),
                 "macro_f1": round(macro, 4), "per_class": per_class,
                 "no_event_coded": sum(1 for p in y_pred if p == "NONE")},
        "actors": {"source_overlap": round(src_overlap / max(1, n_rel), 4),
                   "target_overlap": round(tgt_overlap / max(1, n_rel), 4),
                   "source_country": round(src_code_right / src_code_total, 4) if src_code_total else None,
                   "target_country": round(tgt_code_right / tgt_code_total, 4) if tgt_code_total else None},
        "type_and_source": round(type_and_source / max(1, n_rel), 4),
        "triple": {"records": trip_records, "precision": round(tp_p, 4), "recall": round(tp_r, 4),
                   "f1": round(2 * tp_p * tp_r / (tp_p + tp_r), 4) if tp_p + tp_r else 0.0,
                   "tp": trip_tp, "fp": trip_fp, "fn": trip_fn},
        "confusion": {t: dict(c) for t, c in sorted(confusion.items())},
        "rules": dict(rules.most_common()),
        "_diffs": diffs,
    }
    return report


def print_report(report: dict, console) -> None:
    t = report["type"]
    a = report["actors"]
    console.print(f"[bold]{report['gold']}[/bold]: {report['records']} records, {report['relations']} relations "
                  f"({report['label_space']} labels)")
    console.print(f"event type: accuracy {t['accuracy']:.3f}, macro-F1 {t['macro_f1']:.3f} "
                  f"({t['no_event_coded']} records with no event coded)")
    console.print(f"type + overlapping source: {report['type_and_source']:.3f}; source overlap {a['source_overlap']:.3f}, "
                  f"target overlap {a['target_overlap']:.3f}; source country "
                  f"{a['source_country'] if a['source_country'] is not None else '-'}, target country "
                  f"{a['target_country'] if a['target_country'] is not None else '-'}")
    tr = report["triple"]
    console.print(f"(source, type, target) triples on {tr['records']} records with codes: "
                  f"P {tr['precision']:.3f} R {tr['recall']:.3f} F1 {tr['f1']:.3f}")
    table = Table("class", "precision", "recall", "F1", "support")
    for lab, v in report["type"]["per_class"].items():
        table.add_row(lab, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", str(v["support"]))
    console.print(table)
    labels = sorted(report["confusion"])
    cols = sorted({p for row in report["confusion"].values() for p in row} | set(labels))
    lines = ["confusion matrix (rows: gold, columns: coded, first 4 letters)",
             "          " + "".join(f"{c[:4]:>5}" for c in cols)]
    for g in labels:
        lines.append(f"{g[:9]:<10}" + "".join(f"{report['confusion'][g].get(c, '') or '.':>5}" for c in cols))
    console.print("\n".join(lines), highlight=False, soft_wrap=True)


__all__ = ["read_gold", "evaluate", "score", "print_report", "class_scores", "GoldRecord", "GoldRelation", "EVENT_TYPES"]
