"""Score coded whole articles against sentences of real news annotated with their events.

The gold layout is ``dev/news_sentences.jsonl`` (see its ``ANNOTATION.md``)::

    {id, doc_id, outlet, published, text,
     events: [{type, alt_types, source, target, source_text, target_text, negated, modality, trigger}]}

Most sentences carry no event, so precision is judged as much as recall.  The articles the
sentences come from are coded whole (an output folder of ``eventwire code``: ``articles.jsonl``
and ``events.jsonl``); each gold sentence is found in its article's cleaned text and the coded
events whose trigger lies inside it are its predictions.

Scores (micro-averaged over events, with a one-to-one matching inside each sentence):

* ``sentence``: does the sentence report an event at all (precision / recall / F1);
* ``type``: a coded event matches a gold event of the same PLOVER type (``alt_types`` count);
* ``type_source``: the type matches and the source codes agree;
* ``triple``: the type matches and both source and target codes agree.

Codes agree when they share a code, or when the gold side is empty (``[]``) and nothing was
coded, or when the gold side is unresolvable (``[null]``) and the coded side has no code.  Codes
of intergovernmental bodies (``UNO``, ``EUR``, ``NATO`` ... anything that is not a state, NGO or
MNC) count as ``IGO``, as the annotation guide says.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Optional

_NON_IGO = {"NGO", "MNC"}
LEVELS = ("type", "type_source", "triple")


def _state_codes() -> frozenset[str]:
    codes = set()
    with open(Path(__file__).resolve().parent / "data" / "actors" / "countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            code = line.split("\t", 1)[0].strip()
            if len(code) == 3 and code.isupper():
                codes.add(code)
    return frozenset(codes)


def read_news_gold(path: str | Path) -> list[dict]:
    """The annotated sentences, in file order."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _normalise(code: Optional[str], states: frozenset[str]) -> Optional[str]:
    if code is None:
        return None
    code = code.upper()
    if code in states or code in _NON_IGO or code == "IGO":
        return code
    return "IGO"


def codes_agree(gold: list, coded: list, states: frozenset[str]) -> bool:
    """Do the gold codes of one role agree with the coded actors' codes (see the module doc)?"""
    g = {_normalise(c, states) for c in gold}
    c = {_normalise(x, states) for x in coded}
    g_named = g - {None}
    c_named = c - {None}
    if not gold:
        return not coded
    if g_named:
        return bool(g_named & c_named)
    return not c_named           # gold unresolvable: nothing coded with a code


def _matches(g: dict, e: dict, level: str, states: frozenset[str]) -> bool:
    types = {g["type"], *(g.get("alt_types") or [])}
    if e["event_type"] not in types:
        return False
    if level == "type":
        return True
    src = [a.get("country") for a in e.get("source") or []]
    if not codes_agree(g.get("source") or [], src, states):
        return False
    if level == "type_source":
        return True
    tgt = [a.get("country") for a in e.get("target") or []]
    return codes_agree(g.get("target") or [], tgt, states)


def _max_matching(gold: list[dict], coded: list[dict], level: str, states: frozenset[str]) -> int:
    """Size of a maximum one-to-one matching (augmenting paths; sentences hold few events)."""
    adj = [[j for j, e in enumerate(coded) if _matches(g, e, level, states)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(gold)))


def locate(sentence: str, text: str) -> Optional[tuple[int, int]]:
    """The span of ``sentence`` in ``text``, whitespace differences allowed."""
    i = text.find(sentence)
    if i >= 0:
        return i, i + len(sentence)
    words = sentence.split()
    if not words:
        return None
    m = re.search(r"\s*".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score_news(gold: list[dict], texts: dict[str, str], events_by_doc: dict[str, list[dict]]) -> dict:
    """Score coded events (dicts as in ``events.jsonl``) against annotated sentences.

    ``texts`` maps a document id to its cleaned text (``articles.jsonl``); a sentence whose
    article was not coded, or which cannot be found in it, counts as coded with nothing.
    """
    states = _state_codes()
    counts = {lvl: Counter() for lvl in LEVELS}
    sent = Counter()
    per_type = defaultdict(Counter)
    missing = 0
    diffs = []
    outcomes: list[dict] = []
    for g in gold:
        span = locate(g["text"], texts.get(g["doc_id"], "")) if g["doc_id"] in texts else None
        if span is None:
            missing += 1
            coded = []
        else:
            coded = [e for e in events_by_doc.get(g["doc_id"], ()) if span[0] <= e["trigger_start"] < span[1]]
        gold_events = g.get("events") or []
        has_g, has_c = bool(gold_events), bool(coded)
        sent["tp"] += has_g and has_c
        sent["fp"] += has_c and not has_g
        sent["fn"] += has_g and not has_c
        for lvl in LEVELS:
            tp = _max_matching(gold_events, coded, lvl, states)
            counts[lvl]["tp"] += tp
            counts[lvl]["fp"] += len(coded) - tp
            counts[lvl]["fn"] += len(gold_events) - tp
        for ge in gold_events:
            per_type[ge["type"]]["gold"] += 1
        for e in coded:
            per_type[e["event_type"]]["coded"] += 1
        hit = _max_matching(gold_events, coded, "type", states)
        for e in coded:
            outcomes.append({"confidence": e.get("confidence"), "event_type": e["event_type"],
                             "type": any(_matches(ge, e, "type", states) for ge in gold_events),
                             "type_source": any(_matches(ge, e, "type_source", states) for ge in gold_events)})
        if gold_events or coded:
            diffs.append({"id": g["id"], "text": g["text"], "matched_types": hit,
                          "gold": [{k: ge.get(k) for k in ("type", "source", "target", "trigger", "negated")}
                                   for ge in gold_events],
                          "coded": [{"event_type": e["event_type"], "trigger": e["trigger"],
                                     "source": [a.get("country") or a.get("text") for a in e.get("source") or []],
                                     "target": [a.get("country") or a.get("text") for a in e.get("target") or []],
                                     "confidence": e.get("confidence"), "rules": e.get("rules")} for e in coded]})
    report = {"sentences": len(gold), "with_events": sum(1 for g in gold if g.get("events")),
              "gold_events": sum(len(g.get("events") or []) for g in gold), "not_found": missing,
              "sentence": _prf(sent["tp"], sent["fp"], sent["fn"])}
    for lvl in LEVELS:
        report[lvl] = _prf(counts[lvl]["tp"], counts[lvl]["fp"], counts[lvl]["fn"])
    report["per_type"] = {t: dict(c) for t, c in sorted(per_type.items())}
    report["_diffs"] = diffs
    report["_outcomes"] = outcomes
    return report


def is_news_gold(path: str | Path) -> bool:
    """Whether a gold file has the news-sentence layout: records with a ``doc_id`` whose
    events carry ``type`` (the PLV layout has ``event``; the PLOVER gold-standard none)."""
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                if "doc_id" not in rec:
                    return False
                events = rec.get("events") or []
                if events:
                    return all(isinstance(e, dict) and "type" in e for e in events)
    except (OSError, ValueError):
        return False
    return False


def evaluate_news(gold_path: str | Path, article_files: Optional[Iterable[str | Path]] = None, *,
                  config=None, out_dir: Optional[str | Path] = None) -> dict:
    """Code the articles the annotated sentences come from and score them (:func:`score_news`).

    Args:
        gold_path: the annotated sentences (news-sentence layout).
        article_files: JSON Lines article files holding the sentences' documents (default:
            :func:`default_article_files`).
        config: the pipeline configuration (default: the packaged one).
        out_dir: keep the coded output and ``report.json`` / ``diff.jsonl`` here (default: a
            temporary folder, removed).

    Raises:
        ValueError: when no article file is given or found.
    """
    import tempfile

    from .pipeline import Config
    from .runner import run

    gold = read_news_gold(gold_path)
    files = [Path(f) for f in (article_files or default_article_files(gold_path))]
    if not files:
        raise ValueError(f"no article files for {gold_path}: give --articles FILE")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(out_dir) if out_dir is not None else Path(tmp)
        subset = article_subset(gold, files, Path(tmp) / "articles.jsonl")
        coded = base / "coded"
        run([subset], coded, config=config or Config(), report=False)
        texts, events = read_output(coded)
        report = score_news(gold, texts, events)
        if out_dir is not None:
            base.mkdir(parents=True, exist_ok=True)
            (base / "report.json").write_text(json.dumps({k: v for k, v in report.items() if not k.startswith("_")},
                                                         indent=2), encoding="utf-8")
            with open(base / "diff.jsonl", "w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in report["_diffs"])
    return report


def reliability(outcomes: Iterable[dict], key: str = "type",
                edges: tuple = (0.0, 0.3, 0.5, 0.7, 0.85, 1.0001)) -> list[dict]:
    """Bins of confidence: how many coded events fall in each and how many of them are right
    (``key``: ``type`` or ``type_source``)."""
    rows = []
    outs = [o for o in outcomes if o.get("confidence") is not None]
    for lo, hi in zip(edges, edges[1:]):
        inb = [o for o in outs if lo <= o["confidence"] < hi]
        right = sum(1 for o in inb if o[key])
        rows.append({"bin": f"{lo:.2f}-{min(hi, 1.0):.2f}", "n": len(inb), "right": right,
                     "precision": round(right / len(inb), 3) if inb else None})
    return rows


def read_output(out_dir: str | Path) -> tuple[dict[str, str], dict[str, list[dict]]]:
    """Texts and events of an ``eventwire code`` output folder, by document id."""
    out = Path(out_dir)
    texts: dict[str, str] = {}
    with open(out / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text"):
                texts[rec["doc_id"]] = rec["text"]
    events: dict[str, list[dict]] = defaultdict(list)
    with open(out / "events.jsonl", encoding="utf-8") as fh:
        for line in fh:
            e = json.loads(line)
            events[e["doc_id"]].append(e)
    return texts, events


def article_subset(gold: list[dict], article_files: Iterable[str | Path], dest: Path) -> Path:
    """Write the articles the gold sentences come from (and only those) to one JSONL file."""
    wanted = {g["doc_id"] for g in gold}
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest, "w", encoding="utf-8") as out:
        for f in article_files:
            with open(f, encoding="utf-8") as fh:
                for line in fh:
                    if line.strip() and json.loads(line).get("id") in wanted:
                        out.write(line if line.endswith("\n") else line + "\n")
    return dest


def default_article_files(gold_path: str | Path) -> list[Path]:
    """``../news/*.jsonl`` next to the gold file (the layout of the development data)."""
    news = Path(gold_path).resolve().parent.parent / "news"
    return sorted(news.glob("*.jsonl")) if news.is_dir() else []


def print_news_report(report: dict, console) -> None:
    from rich.table import Table

    t = Table(title=f"real news: {report['sentences']} sentences, {report['with_events']} with "
                    f"{report['gold_events']} events ({report['not_found']} not found in their article)")
    for col in ("score", "precision", "recall", "F1", "tp", "fp", "fn"):
        t.add_column(col, justify="right" if col != "score" else "left")
    for key in ("sentence", *LEVELS):
        r = report[key]
        t.add_row(key, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                  str(r["tp"]), str(r["fp"]), str(r["fn"]))
    console.print(t)


__all__ = ["read_news_gold", "score_news", "is_news_gold", "evaluate_news", "reliability", "read_output", "article_subset", "default_article_files",
           "codes_agree", "locate", "print_news_report"]
