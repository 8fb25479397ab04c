"""Fit the confidence calibration map (raw confidence -> P(type and source right)).

Input: held-out outcomes written by ``benchmarks/accuracy_cv.py --outcomes FILE`` (one JSON
line per coded event: ``corpus`` plv|news, raw ``confidence``, ``type`` and ``type_source``
right or wrong; the PLV ones come from cross-validation folds, the news ones from the
packaged model on articles it never saw).  The two corpora weigh the same in the fit (real
news is what users code; PLV has ten times as many events).

Honesty: the reliability table printed is *cross-fitted*: each event's calibrated confidence
comes from a map fitted on the other folds only.  The map written (``--out``, default the
packaged ``eventwire/data/typemodel.calibration.json``) is then fitted on all outcomes.

    .venv/bin/python benchmarks/accuracy_cv.py --outcomes /tmp/outcomes.jsonl
    .venv/bin/python benchmarks/calibrate.py /tmp/outcomes.jsonl [--out FILE]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
PACKAGED = HERE.parent / "eventwire" / "data" / "typemodel.calibration.json"
TARGET = "type_source"


def weights_of(outcomes: list[dict]) -> np.ndarray:
    """Each corpus weighs the same in total."""
    corpora = sorted({o["corpus"] for o in outcomes})
    n = {c: sum(1 for o in outcomes if o["corpus"] == c) for c in corpora}
    return np.array([len(outcomes) / (len(corpora) * n[o["corpus"]]) for o in outcomes])


def cross_fit(outcomes: list[dict], folds: int = 5, seed: int = 0) -> list[float]:
    """Calibrated confidence of each outcome from a map fitted on the other folds (stratified by corpus)."""
    from eventwire.coding.calibration import fit_isotonic

    rng = np.random.default_rng(seed)
    fold = np.zeros(len(outcomes), dtype=int)
    for c in sorted({o["corpus"] for o in outcomes}):
        idx = [i for i, o in enumerate(outcomes) if o["corpus"] == c]
        perm = rng.permutation(len(idx))
        for rank, j in enumerate(perm):
            fold[idx[j]] = rank % folds
    w = weights_of(outcomes)
    out = [0.0] * len(outcomes)
    for k in range(folds):
        tr = [i for i in range(len(outcomes)) if fold[i] != k]
        cal = fit_isotonic([outcomes[i]["confidence"] for i in tr], [outcomes[i][TARGET] for i in tr], w[tr])
        for i in range(len(outcomes)):
            if fold[i] == k:
                out[i] = cal(outcomes[i]["confidence"])
    return out


def tables(outcomes: list[dict], calibrated: list[float]) -> dict:
    """Reliability tables (raw and cross-fitted calibrated confidence) per corpus."""
    from eventwire.evaluate_news import reliability

    res = {}
    for c in sorted({o["corpus"] for o in outcomes}):
        sub = [(o, p) for o, p in zip(outcomes, calibrated) if o["corpus"] == c]
        res[c] = {"raw": {k: reliability([o for o, _ in sub], k) for k in ("type", TARGET)},
                  "calibrated": {k: reliability([{**o, "confidence": p} for o, p in sub], k) for k in ("type", TARGET)},
                  "thresholds": threshold_table([p for _, p in sub], [o[TARGET] for o, _ in sub],
                                                [o["type"] for o, _ in sub])}
    return res


def threshold_table(conf: list[float], ts_right: list[bool], type_right: list[bool],
                    cuts: tuple = (0.3, 0.5, 0.6, 0.7, 0.8)) -> list[dict]:
    """Events kept at each threshold of (cross-fitted) confidence and their precision."""
    rows = []
    for t in cuts:
        keep = [i for i, c in enumerate(conf) if c >= t]
        rows.append({"threshold": t, "kept": len(keep), "share": round(len(keep) / max(1, len(conf)), 3),
                     "precision_type_source": round(sum(ts_right[i] for i in keep) / len(keep), 3) if keep else None,
                     "precision_type": round(sum(type_right[i] for i in keep) / len(keep), 3) if keep else None})
    return rows


def print_tables(res: dict, file=sys.stderr) -> None:
    for c, t in res.items():
        print(f"\n{c}: confidence bin | events | raw: P(type) P(type+source) | cross-fitted calibrated bin: "
              f"events P(type) P(type+source)", file=file)
        for a, b, x, y in zip(t["raw"]["type"], t["raw"][TARGET], t["calibrated"]["type"], t["calibrated"][TARGET]):
            print(f"  {a['bin']:>10} | {a['n']:>5} {_f(a['precision'])} {_f(b['precision'])} | "
                  f"{x['n']:>5} {_f(x['precision'])} {_f(y['precision'])}", file=file)
        print(f"  {c}: threshold on calibrated confidence -> events kept, precision (type+source, type)", file=file)
        for r in t["thresholds"]:
            print(f"    >= {r['threshold']:.1f}: {r['kept']:>5} ({r['share']:.0%})  "
                  f"{_f(r['precision_type_source'])} {_f(r['precision_type'])}", file=file)


def _f(x) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def read_outcomes(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outcomes")
    ap.add_argument("--out", default=str(PACKAGED))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="write the tables here")
    args = ap.parse_args()
    from eventwire.coding.calibration import fit_isotonic

    outs = read_outcomes(args.outcomes)
    res = tables(outs, cross_fit(outs, args.folds, args.seed))
    print_tables(res)
    counts = {c: sum(1 for o in outs if o["corpus"] == c) for c in sorted({o["corpus"] for o in outs})}
    cal = fit_isotonic([o["confidence"] for o in outs], [o[TARGET] for o in outs], weights_of(outs),
                       meta={"target": TARGET, "fitted_on": counts,
                             "note": "benchmarks/calibrate.py on held-out outcomes of benchmarks/accuracy_cv.py; "
                                     "corpora weighted equally"})
    cal.save(args.out)
    print(f"\nwrote {args.out}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
