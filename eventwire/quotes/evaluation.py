"""Scoring quotes and numeric claims against written gold (``eventwire evaluate-quotes`` /
``evaluate-claims``).

Gold is JSON Lines, one short article per line:

* quotes: ``{"id", "text", "quotes": [{"text": content, "speaker": name or null, "kind"}]}``
* claims: ``{"id", "text", "claims": [{"value": number, "unit": word or null}]}`` (an empty list
  when the text has numbers that are not claims)

Quote content is scored by token overlap: each gold quote is paired with the predicted quote that
shares most tokens with it (each used once); precision = shared tokens / predicted tokens,
recall = shared tokens / gold tokens, over the whole file.  A pair is a *match* when it shares at
least half of the longer one's tokens; speaker accuracy is over matches whose gold speaker is
given (right when one names the other: "Lavrov" ~ "Sergey Lavrov").  Scare quotes with no speaker
(``mixed``) are not attributions and are left out, and so is a mixed quote inside another quote
(the reported speech it belongs to is scored).  Claims: value F1 (multiset of values, equal
to a relative 1e-6; fractions below 1 to 0.001) and value+unit F1 (units compared lowercased without a plural ``s``;
"percent" = "%").
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Optional, Union

from eventwire.api import code
from eventwire.model import Article
from eventwire.pipeline import Config

_TOKEN = re.compile(r"\w+")


def _load(path: Union[str, Path], key: str) -> list[dict[str, Any]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc}") from None
            if not isinstance(rec.get("text"), str) or not isinstance(rec.get(key), list):
                raise ValueError(f"{path}:{lineno}: expected 'text' (string) and '{key}' (list)")
            rec.setdefault("id", f"line-{lineno}")
            out.append(rec)
    return out


def _code(records: list[dict[str, Any]], config=None) -> list:
    arts = [Article(doc_id=str(r["id"]), text=r["text"], published=r.get("published")) for r in records]
    return code(arts, config=config or Config())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _tokens(text: str) -> Counter:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def speaker_matches(gold: Optional[str], pred) -> bool:
    """True when the gold speaker string and the predicted speaker name each other."""
    if not gold:
        return pred is None
    if pred is None:
        return False
    g = {t.lower() for t in _TOKEN.findall(gold)}
    for cand in (pred.name, pred.text):
        if not cand:
            continue
        c = {t.lower() for t in _TOKEN.findall(cand)}
        if g and c and (g <= c or c <= g or (g & c) - {"the", "a", "of"}):
            return True
    return False


def score_quotes(gold: list[dict[str, Any]], results: list) -> dict[str, Any]:
    """Token-overlap P/R/F1 of quote content, quote-level match counts, speaker accuracy."""
    shared = n_pred = n_gold = 0
    matched = speakers_ok = speakers_scored = 0
    gold_quotes = pred_quotes = 0
    diffs = []
    for rec, res in zip(gold, results):
        preds = [q for q in res.quotes if not (q.kind == "mixed" and (q.speaker is None or any(
            o is not q and o.char_start <= q.char_start and q.char_end <= o.char_end for o in res.quotes)))]
        ptoks = [_tokens(q.text) for q in preds]
        used: set[int] = set()
        n_pred += sum(sum(t.values()) for t in ptoks)
        pred_quotes += len(preds)
        for g in rec["quotes"]:
            gt = _tokens(g["text"])
            n_gold += sum(gt.values())
            gold_quotes += 1
            best, best_i = 0, None
            for i, pt in enumerate(ptoks):
                if i not in used:
                    ov = sum((gt & pt).values())
                    if ov > best:
                        best, best_i = ov, i
            if best_i is None:
                diffs.append({"id": rec["id"], "missed": g["text"]})
                continue
            used.add(best_i)
            shared += best
            if best * 2 >= max(sum(gt.values()), sum(ptoks[best_i].values())):
                matched += 1
                if g.get("speaker"):
                    speakers_scored += 1
                    ok = speaker_matches(g["speaker"], preds[best_i].speaker)
                    speakers_ok += ok
                    if not ok:
                        sp = preds[best_i].speaker
                        diffs.append({"id": rec["id"], "quote": g["text"][:60], "gold_speaker": g["speaker"],
                                      "speaker": sp.name or sp.text if sp else None})
        for i, q in enumerate(preds):
            if i not in used:
                diffs.append({"id": rec["id"], "extra": q.text[:80], "kind": q.kind})
    p = shared / n_pred if n_pred else 0.0
    r = shared / n_gold if n_gold else 0.0
    return {"records": len(gold), "gold_quotes": gold_quotes, "predicted_quotes": pred_quotes,
            "token_precision": round(p, 4), "token_recall": round(r, 4), "token_f1": round(_f1(p, r), 4),
            "matched": matched, "quote_precision": round(matched / pred_quotes, 4) if pred_quotes else 0.0,
            "quote_recall": round(matched / gold_quotes, 4) if gold_quotes else 0.0,
            "speaker_accuracy": round(speakers_ok / speakers_scored, 4) if speakers_scored else 0.0,
            "speakers_scored": speakers_scored, "diffs": diffs}


def _unit(u: Optional[str]) -> Optional[str]:
    if u is None:
        return None
    u = u.strip().lower()
    if u in ("percent", "per cent", "pct"):
        return "%"
    return u[:-1] if len(u) > 3 and u.endswith("s") and not u.endswith("ss") else u


def _same(a: float, b: float) -> bool:
    big = max(abs(a), abs(b))
    return abs(a - b) <= (1e-3 if big < 1 else 1e-6 * big)


def score_claims(gold: list[dict[str, Any]], results: list) -> dict[str, Any]:
    """Value F1 and value+unit F1 over the file (multiset matching per record)."""
    tp_v = tp_vu = n_pred = n_gold = 0
    diffs = []
    for rec, res in zip(gold, results):
        preds = [(c.value, _unit(c.unit), c.text) for c in res.claims]
        golds = [(float(g["value"]), _unit(g.get("unit"))) for g in rec["claims"]]
        n_pred += len(preds)
        n_gold += len(golds)
        for with_unit in (False, True):
            free = list(range(len(preds)))
            for gv, gu in golds:
                hit = next((i for i in free if _same(preds[i][0], gv) and (not with_unit or preds[i][1] == gu)), None)
                if hit is None:
                    if with_unit:
                        diffs.append({"id": rec["id"], "missed": [gv, gu]})
                    continue
                free.remove(hit)
                if with_unit:
                    tp_vu += 1
                else:
                    tp_v += 1
            if with_unit:
                diffs.extend({"id": rec["id"], "extra": [preds[i][0], preds[i][1], preds[i][2]]} for i in free)
    out: dict[str, Any] = {"records": len(gold), "gold_claims": n_gold, "predicted_claims": n_pred}
    for name, tp in (("value", tp_v), ("value_unit", tp_vu)):
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        out.update({f"{name}_precision": round(p, 4), f"{name}_recall": round(r, 4), f"{name}_f1": round(_f1(p, r), 4)})
    out["diffs"] = diffs
    return out


def evaluate_quotes(gold_path: Union[str, Path], config=None) -> dict[str, Any]:
    """Code each gold text (the normal pipeline, quotes on) and score its quotes."""
    gold = _load(gold_path, "quotes")
    return score_quotes(gold, _code(gold, config))


def evaluate_claims(gold_path: Union[str, Path], config=None) -> dict[str, Any]:
    """Code each gold text (the normal pipeline, quotes on) and score its numeric claims."""
    gold = _load(gold_path, "claims")
    return score_claims(gold, _code(gold, config))
