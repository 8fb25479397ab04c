"""Does training the sentence model on real news help on real news?  Cross-validated by story.

The packaged sentence model (eventwire/coding/typemodel.py) is trained on the PLV sentences and
the project's written no-event sentences.  The annotated real-news sentences
(``dev/news_sentences.jsonl``) can train it too: each sentence becomes a training sample
labelled with its first event's type, or NONE when it reports none.  To score that honestly
the news sentences are split into folds **by story** (the multi-outlet corpus's ``cluster``,
ECB+'s ``topic``: outlets covering the same story write alike, so a story never straddles the
training and the scored side); for each fold a model is trained on PLV + written + the other
folds' news sentences, the fold's articles are coded with it, and the fold's sentences are
scored as ``eventwire evaluate`` does.  Beside it, in the same run, the same folds coded with a
model trained on PLV + written alone (what is packaged).

    EVENTWIRE_SHARED_DATA=../shared/data .venv/bin/python benchmarks/news_cv.py [--folds 5]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from eventwire.evaluate_news import (  # noqa: E402
    LEVELS,
    article_subset,
    default_article_files,
    read_news_gold,
    read_output,
    score_news,
)
from eventwire.pipeline import Config  # noqa: E402
from eventwire.runner import run  # noqa: E402
from eventwire.training import (  # noqa: E402
    featurize_records,
    fit,
    gold_label,
    news_training_records,
    read_records,
    written_records,
)


def shared_data() -> Path:
    return Path(os.environ.get("EVENTWIRE_SHARED_DATA") or HERE.parent.parent / "shared" / "data")


def story_of(article_files: list[Path]) -> dict[str, str]:
    """Document id -> story key (``cluster``, else ``topic``, else the id itself)."""
    out = {}
    for f in article_files:
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    out[r["id"]] = f"{f.stem}:{r.get('cluster') or r.get('topic') or r['id']}"
    return out


def folds_by_story(gold: list[dict], stories: dict[str, str], k: int) -> list[int]:
    """Fold of each gold sentence: stories dealt round-robin in order of size (deterministic)."""
    size = Counter(stories.get(g["doc_id"], g["doc_id"]) for g in gold)
    order = sorted(size, key=lambda s: (-size[s], s))
    fold_of = {s: i % k for i, s in enumerate(order)}
    return [fold_of[stories.get(g["doc_id"], g["doc_id"])] for g in gold]


def code_and_score(gold: list[dict], files: list[Path], model_path: Path, work: Path, roles: bool = True) -> dict:
    subset = article_subset(gold, files, work / "articles.jsonl")
    out = work / "coded"
    run([subset], out, config=Config(type_model_path=str(model_path), role_model=roles), report=False, reconcile=False)
    texts, events = read_output(out)
    return score_news(gold, texts, events)


def add(total: dict, rep: dict) -> None:
    for lvl in ("sentence", *LEVELS):
        for k in ("tp", "fp", "fn"):
            total.setdefault(lvl, Counter())[k] += rep[lvl][k]


def prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validated(folds: int = 5, C: float = 1.0, news_weight: int = 1, baseline: bool = True,
                    data: Path | None = None, log=print, thresholds: dict | None = None,
                    roles: bool = True, dense: str = "glove", dense_scale: float = 0.5) -> dict:
    """Story-fold cross-validation of the news-trained model (and, with ``baseline``, of the
    packaged recipe in the same folds): ``{name: {level: Counter(tp, fp, fn)}}`` under
    ``"totals"``, and the news-trained folds' coded events (raw confidence, right or wrong) under
    ``"outcomes"`` (the input of ``benchmarks/calibrate.py``).  None without the data.  ``roles``:
    code with the packaged role model (trained on PLV spans alone, never on these sentences).
    ``dense`` and ``dense_scale``: the sentence model's dense feature (``typemodel.DENSE_KINDS``)
    and its weight."""
    data = data or shared_data()
    news_path, plv_path = data / "dev" / "news_sentences.jsonl", data / "dev" / "plv_train.jsonl"
    if not news_path.exists() or not plv_path.exists():
        return None
    gold = read_news_gold(news_path)
    files = default_article_files(news_path)
    fold = folds_by_story(gold, story_of(files), folds)
    base = read_records(plv_path) + written_records()
    news = news_training_records(gold)
    log(f"{len(base)} PLV + written records; {len(news)} news sentences in {folds} story folds "
        f"({sum(1 for r in news if gold_label(r) != 'NONE')} with an event)")
    feats = featurize_records(base + news, encode=dense != "glove")
    bfeats, nfeats = feats[:len(base)], feats[len(base):]
    blabels, nlabels = [gold_label(r) for r in base], [gold_label(r) for r in news]
    names = [PACKAGED_RECIPE, NEWS_TRAINED] if baseline else [NEWS_TRAINED]
    totals: dict[str, dict] = {n: {} for n in names}
    outcomes: list[dict] = []
    diffs: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.npz"
        if baseline:
            fit(bfeats, blabels, C=C, dense_scale=dense_scale, dense_kind=dense).save(plain)
        for k in range(folds):
            test = [g for g, f in zip(gold, fold) if f == k]
            tr = [i for i, f in enumerate(fold) if f != k]
            model = Path(tmp) / f"fold{k}.npz"
            w = news_weight
            m = fit(bfeats + [nfeats[i] for i in tr] * w, blabels + [nlabels[i] for i in tr] * w, C=C,
                    dense_scale=dense_scale, dense_kind=dense)
            for key, value in (thresholds or {}).items():
                setattr(m, key, value)
            m.save(model)
            for name in names:
                path = model if name == NEWS_TRAINED else plain
                rep = code_and_score(test, files, path, Path(tmp) / f"{k}-{path.stem}", roles=roles)
                add(totals[name], rep)
                if name == NEWS_TRAINED:
                    outcomes.extend(rep["_outcomes"])
                    diffs.extend(rep["_diffs"])
            log(f"fold {k + 1}/{folds}: {len(test)} sentences")
    return {"totals": totals, "outcomes": outcomes, "diffs": diffs}


PACKAGED_RECIPE = "PLV + written"
NEWS_TRAINED = "PLV + written + news folds"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--news-weight", type=int, default=1, help="each news sentence counts this many times")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a decision threshold of the news-trained model (e.g. min_fallback=0.4); repeatable")
    ap.add_argument("--no-roles", dest="roles", action="store_false", help="code without the learned role model")
    ap.add_argument("--dense", default="glove", choices=("glove", "encoder", "glove+encoder"),
                    help="the sentence model's dense feature: GloVe mean (default), the sentence encoder's vector "
                         "(eventwire/coding/encoder.py, needs its packages, see encoder.INSTALL) or both")
    ap.add_argument("--dense-scale", type=float, default=0.5, help="weight of the dense vector beside the sparse features")
    ap.add_argument("--no-baseline", dest="baseline", action="store_false",
                    help="score only the news-trained folds (not also the PLV + written recipe)")
    ap.add_argument("--diff", help="write the news-trained folds' per-sentence diff (as `eventwire evaluate --out`) here")
    args = ap.parse_args()
    thresholds = {k: float(v) for k, v in (x.split("=", 1) for x in args.set)}
    res = cross_validated(args.folds, args.C, args.news_weight, baseline=args.baseline,
                          log=lambda m: print(m, flush=True), thresholds=thresholds, roles=args.roles,
                          dense=args.dense, dense_scale=args.dense_scale)
    if res is None:
        print(f"skipped: development data not found under {shared_data()} (set EVENTWIRE_SHARED_DATA)")
        return 0
    if args.diff:
        with open(args.diff, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in res["diffs"])
    print(f"\n{'model':28} " + "  ".join(f"{lvl:>20}" for lvl in ("sentence", *LEVELS)))
    print(f"{'':28} " + "  ".join(f"{'P / R / F1':>20}" for _ in ("sentence", *LEVELS)))
    for name, tot in res["totals"].items():
        cells = ["{:.3f}/{:.3f}/{:.3f}".format(*prf(tot[lvl])) for lvl in ("sentence", *LEVELS)]
        print(f"{name:28} " + "  ".join(f"{c:>20}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
