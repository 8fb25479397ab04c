"""Scores of a story clustering against gold story labels.

B-cubed precision/recall/F1 (Bagga and Baldwin 1998: per article, the share of its
cluster that shares its gold story, and the share of its gold story in its cluster),
pairwise precision/recall/F1 over same-story pairs, and the adjusted Rand index
(scikit-learn).  Only articles present in both mappings are scored.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def story_scores(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, Any]:
    """``{bcubed_p, bcubed_r, bcubed_f1, pairwise_p, pairwise_r, pairwise_f1, ari, n,
    stories_found, stories_gold}`` for predicted and gold labels keyed by article id."""
    from sklearn.metrics import adjusted_rand_score

    ids = sorted(set(pred) & set(gold))
    n = len(ids)
    if not n:
        return {"n": 0}
    joint = Counter((pred[i], gold[i]) for i in ids)
    psize = Counter(pred[i] for i in ids)
    gsize = Counter(gold[i] for i in ids)
    bp = sum(c * c / psize[p] for (p, _), c in joint.items()) / n
    br = sum(c * c / gsize[g] for (_, g), c in joint.items()) / n
    pairs_both = sum(c * (c - 1) / 2 for c in joint.values())
    pairs_pred = sum(c * (c - 1) / 2 for c in psize.values())
    pairs_gold = sum(c * (c - 1) / 2 for c in gsize.values())
    pp = pairs_both / pairs_pred if pairs_pred else 1.0
    pr = pairs_both / pairs_gold if pairs_gold else 1.0
    return {
        "n": n, "bcubed_p": bp, "bcubed_r": br, "bcubed_f1": _f1(bp, br),
        "pairwise_p": pp, "pairwise_r": pr, "pairwise_f1": _f1(pp, pr),
        "ari": float(adjusted_rand_score([gold[i] for i in ids], [pred[i] for i in ids])),
        "stories_found": len(psize), "stories_gold": len(gsize),
    }


def document_set_f1(found: set[str], gold: set[str]) -> float:
    """F1 of two sets of document ids."""
    if not found or not gold:
        return 0.0
    inter = len(found & gold)
    return _f1(inter / len(found), inter / len(gold))
