"""Scoring a reconciled folder against gold stories and gold story events.

* :func:`score_stories`: the folder's ``story_id`` per article against the ``cluster`` of a
  gold JSON Lines file (``id`` = the article's doc id; a null cluster is a story of its own).
* :func:`score_story_events`: for each annotated event reported by two or more articles
  (``dev/story_events.json`` layout), the document-set F1 of the best story event (the
  documents of its reports); a gold conflict pair counts as found when a conflict record
  joins story events holding a document of each side, one of them the best match of a side.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Optional, Union

from eventwire.reconcile.metrics import document_set_f1, story_scores
from eventwire.reconcile.tables import STORY_EVENTS_FILE
from eventwire.sinks.jsonl import ARTICLES_FILE, iter_jsonl


def gold_clusters(gold_path: Union[str, Path]) -> dict[str, str]:
    """article id -> gold story (``cluster``) of a gold JSON Lines file."""
    out = {}
    for rec in iter_jsonl(gold_path):
        doc = str(rec.get("id"))
        out[doc] = str(rec["cluster"]) if rec.get("cluster") is not None else f"(alone) {doc}"
    return out


def predicted_stories(out_dir: Union[str, Path]) -> dict[str, str]:
    """doc id -> story id of the coded articles of a reconciled folder."""
    return {r["doc_id"]: r["story_id"] for r in iter_jsonl(Path(out_dir) / ARTICLES_FILE)
            if r.get("status") == "coded" and r.get("story_id")}


def score_stories(out_dir: Union[str, Path], gold_path: Union[str, Path]) -> dict[str, Any]:
    """B-cubed, pairwise and ARI scores of a reconciled folder (see :func:`story_scores`);
    gold articles the folder does not hold as coded are counted in ``missing``."""
    gold = gold_clusters(gold_path)
    pred = predicted_stories(out_dir)
    scores = story_scores(pred, gold)
    scores["missing"] = len(set(gold) - set(pred))
    return scores


def score_story_events(story_events: Iterable[dict[str, Any]], gold: list[dict[str, Any]],
                       stories: Optional[set[str]] = None) -> dict[str, Any]:
    """``{events, mean_f1, share_f1_ge_0_5, conflicts_gold, conflicts_found, per_event}``."""
    ses = list(story_events)
    docs = {s["id"]: {r["doc_id"] for r in s["reports"]} for s in ses}
    gold = [g for g in gold if stories is None or g["story"] in stories]
    best: dict[str, tuple[float, Optional[str]]] = {}
    for g in gold:
        gd = set(g["docs"])
        cand = [(document_set_f1(d, gd), sid) for sid, d in docs.items() if d & gd]
        best[g["eid"]] = max(cand, key=lambda t: (t[0], t[1])) if cand else (0.0, None)
    multi = [g for g in gold if len(g["docs"]) >= 2]
    f1s = [best[g["eid"]][0] for g in multi]
    by_eid = {g["eid"]: g for g in gold}
    pairs = sorted({tuple(sorted((g["eid"], o))) for g in gold for o in g.get("conflicts_with") or ()
                    if o in by_eid})
    conflicts = [c for s in ses for c in s.get("conflicts") or ()]
    found = 0
    for a, b in pairs:
        da, db = set(by_eid[a]["docs"]), set(by_eid[b]["docs"])
        ids = {best[a][1], best[b][1]}
        for c in conflicts:
            cd = set().union(*(docs.get(i, set()) for i in c["story_event_ids"]))
            if cd & da and cd & db and ids & set(c["story_event_ids"]):
                found += 1
                break
    return {"events": len(multi), "mean_f1": sum(f1s) / len(f1s) if f1s else 0.0,
            "share_f1_ge_0_5": sum(f >= 0.5 for f in f1s) / len(f1s) if f1s else 0.0,
            "conflicts_gold": len(pairs), "conflicts_found": found,
            "per_event": {g["eid"]: round(best[g["eid"]][0], 3) for g in multi}}


def score_story_events_file(out_dir: Union[str, Path], gold_json: Union[str, Path]) -> dict[str, Any]:
    """:func:`score_story_events` of a reconciled folder's ``story_events.jsonl``."""
    gold = json.loads(Path(gold_json).read_text(encoding="utf-8"))
    return score_story_events(iter_jsonl(Path(out_dir) / STORY_EVENTS_FILE), gold)
