"""End-to-end coding accuracy on the development data, by k-fold cross-validation.

For each fold the sentence model and the role model (:mod:`eventwire.rolefit`) are trained on
the other folds only (the packaged models, trained on everything, are never used here), then the fold's records are coded by the full
pipeline (rules + that model; the coder finds the actors itself) and scored with
``eventwire.evaluate``.  Figures are pooled over folds.  With ``--news`` (on when the annotated
real-news sentences are next to the data) the development news articles are coded with the
packaged model and scored too (``eventwire.evaluate_news``).  Reliability tables of confidence
(raw, and calibrated by a map cross-fitted on the other folds of these outcomes, see
``benchmarks/calibrate.py``) close the output.

    .venv/bin/python benchmarks/accuracy_cv.py [../shared/data/dev/plv_train.jsonl] [--folds 5]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "data" / "dev" / "plv_train.jsonl"


#: command-line option -> TypeModel threshold it overrides
OVERRIDES = {"relabel": "min_relabel", "margin": "margin", "ratio": "min_ratio", "specific": "min_relabel_specific",
             "none_fallback": "max_none_fallback", "drop": "min_drop", "drop_specific": "min_drop_specific",
             "fallback": "min_fallback",
             "fallback_loose": "min_fallback_loose", "generic": "min_fallback_generic",
             "temperature": "temperature"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(DEFAULT))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-written", dest="written", action="store_false",
                    help="train the folds on the development data alone (no written NONE sentences)")
    ap.add_argument("--written-events", action="store_true",
                    help="also train on the written event sentences of eventwire/data/training/")
    ap.add_argument("--no-roles", dest="roles", action="store_false",
                    help="code the folds without the learned role model (the rules' roles alone)")
    ap.add_argument("--role-threshold", action="append", default=[], metavar="NAME=VALUE",
                    help="override a threshold of every fold's role model (fill_source, fill_target, margin_source, "
                         "margin_target; 1.01 / 9 switch a use off); repeatable")
    ap.add_argument("--dense", default="glove", choices=("glove", "encoder", "glove+encoder"),
                    help="the sentence model's dense feature: GloVe mean (default), the sentence encoder's vector "
                         "(eventwire/coding/encoder.py, needs its packages, see encoder.INSTALL) or both")
    ap.add_argument("--dense-scale", type=float, default=0.5, help="weight of the dense vector beside the sparse features")
    ap.add_argument("--json", help="write the pooled figures here")
    ap.add_argument("--proxy-codes", action="store_true",
                    help="also score (source, type, target) triples against country codes that the actor "
                         "dictionary gives the gold source and target spans (the development data carry no "
                         "codes: this measures span, role and type choice, not the dictionary itself)")
    ap.add_argument("--news", dest="news", action="store_true", default=None,
                    help="also code the real-news development articles and score their annotated sentences "
                         "(default: on when ../news_sentences.jsonl is next to the data)")
    ap.add_argument("--no-news", dest="news", action="store_false")
    ap.add_argument("--no-train-news", dest="train_news", action="store_false",
                    help="do not add the annotated news sentences to every training fold (the packaged model trains on them)")
    ap.add_argument("--news-gold", default=None, help="annotated news sentences (default: news_sentences.jsonl next to DATA)")
    ap.add_argument("--outcomes", help="write each held-out coded event's raw confidence and whether its type "
                                       "and source are right here (the input of benchmarks/calibrate.py)")
    ap.add_argument("--diff", help="write the pooled per-record diff (gold vs coded, as `eventwire evaluate --out`) here")
    ap.add_argument("--relabel", type=float, default=None, help="override the model's relabel threshold")
    ap.add_argument("--margin", type=float, default=None, help="override the model's relabel margin")
    ap.add_argument("--ratio", type=float, default=None, help="override: relabel only when the model gives its type this many times the rules' type's probability")
    ap.add_argument("--specific", type=float, default=None, help="override the relabel threshold for rules that name their object")
    ap.add_argument("--none-fallback", type=float, default=None, help="override: no fallback reading when P(NONE) reaches this")
    ap.add_argument("--drop", type=float, default=None, help="override: drop the rules' readings when P(NONE) reaches this")
    ap.add_argument("--drop-specific", type=float, default=None, help="override: ... when a reading's rule names its object")
    ap.add_argument("--fallback-loose", type=float, default=None, help="override: fallback anchored on a rule word without its objects from this probability")
    ap.add_argument("--generic", type=float, default=None, help="override: fallback anchored on the main verb from this probability")
    ap.add_argument("--temperature", type=float, default=None, help="override the scale of SVM margins into probabilities")
    ap.add_argument("--fallback", type=float, default=None, help="override the model's fallback threshold")
    args = ap.parse_args()
    if not Path(args.data).exists():
        sys.exit(f"development data not found: {args.data}")
    from sklearn.model_selection import StratifiedKFold

    from eventwire import rolefit, training
    from eventwire.coding import typemodel as tm
    from eventwire.evaluate import class_scores, evaluate
    from eventwire.pipeline import Config
    from eventwire.resolve.actors import ActorDictionary

    records = training.read_records(Path(args.data))
    labels = [training.gold_label(r) for r in records]
    extra = training.written_records(events=args.written_events) if args.written else []
    news_gold = Path(args.news_gold) if args.news_gold else Path(args.data).parent / "news_sentences.jsonl"
    if args.train_news and news_gold.exists():
        # the packaged recipe: the annotated news sentences train the model too (scored only by
        # benchmarks/news_cv.py, which keeps their stories out of the training folds)
        from eventwire.evaluate_news import read_news_gold
        extra += training.news_training_records(read_news_gold(news_gold))
    xlabels = [training.gold_label(r) for r in extra]
    feats = training.featurize_records(records + extra, encode=args.dense != "glove")
    feats, xfeats = feats[:len(records)], feats[len(records):]
    role_data = rolefit.instances(records) if args.roles else []
    print(f"{len(records)} records scored; {len(extra)} written (and news) sentences join every training fold",
          file=sys.stderr)
    skf = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    y_true, y_pred = [], []
    plv_outcomes: list = []
    ts = rel = 0
    rules_only = {"ts": 0, "true": [], "pred": []}
    model_only: dict = {"true": [], "pred": []}
    diffs: list = []
    triple = Counter()
    actors = ActorDictionary.load() if args.proxy_codes else None
    with tempfile.TemporaryDirectory() as tmp:
        for k, (tr, te) in enumerate(skf.split(np.zeros(len(labels)), labels)):
            model = training.fit([feats[i] for i in tr] + xfeats, [labels[i] for i in tr] + xlabels,
                                 dense_scale=args.dense_scale, dense_kind=args.dense)
            mpath = Path(tmp) / f"fold{k}.npz"
            model.save(mpath)
            for i in te:
                model_only["true"].append(labels[i])
                model_only["pred"].append(model.best(model.proba(feats[i]))[0])
            rpath = ""
            if args.roles:     # the role model of this fold: trained on its training records only
                train_set = {int(i) for i in tr}
                role_model, _ = rolefit.train_roles([d for d in role_data if d.record in train_set], seed=args.seed)
                for name, value in (kv.split("=", 1) for kv in args.role_threshold):
                    setattr(role_model, name, float(value))
                rpath = str(Path(tmp) / f"roles{k}.npz")
                role_model.save(Path(rpath))
            fold_cfg = Config(type_model_path=str(mpath), role_model=args.roles, role_model_path=rpath)
            loaded = tm.load_type_model(mpath)
            for option, field in OVERRIDES.items():
                if getattr(args, option) is not None:
                    setattr(loaded, field, getattr(args, option))
            gold = Path(tmp) / f"fold{k}.jsonl"
            gold.write_text("".join(json.dumps(records[i]) + "\n" for i in te), encoding="utf-8")
            if args.proxy_codes:
                coded = Path(tmp) / f"fold{k}.codes.jsonl"
                coded.write_text("".join(json.dumps(r) + "\n" for r in (_with_codes(records[i], actors) for i in te)
                                         if r is not None), encoding="utf-8")
                t = evaluate(coded, config=fold_cfg)["triple"]
                for key in ("records", "tp", "fp", "fn"):
                    triple[key] += t[key]
            for cfg, sink in ((fold_cfg, None), (Config(type_model=False, role_model=False), rules_only)):
                rep = evaluate(gold, config=cfg)
                conf = rep["confusion"]
                pairs = [(g, p) for g, row in conf.items() for p, n in row.items() for _ in range(n)]
                if sink is None:
                    diffs.extend(rep["_diffs"])
                    plv_outcomes.extend(plv_outcome(d) for d in rep["_diffs"] if d["coded"])
                    y_true += [g for g, _ in pairs]
                    y_pred += [p for _, p in pairs]
                    ts += round(rep["type_and_source"] * rep["relations"])
                    rel += rep["relations"]
                else:
                    sink["true"] += [g for g, _ in pairs]
                    sink["pred"] += [p for _, p in pairs]
                    sink["ts"] += round(rep["type_and_source"] * rep["relations"])
            print(f"fold {k + 1}/{args.folds} done", file=sys.stderr)

    per_class, m = class_scores(y_true, y_pred)
    acc = sum(a == b for a, b in zip(y_true, y_pred)) / len(y_true)
    _, rm = class_scores(rules_only["true"], rules_only["pred"])
    racc = sum(a == b for a, b in zip(rules_only["true"], rules_only["pred"])) / len(y_true)
    out = {"records": len(records), "folds": args.folds, "dense": args.dense, "dense_scale": args.dense_scale,
           "pipeline": {"macro_f1": round(m, 4), "accuracy": round(acc, 4), "type_and_source": round(ts / rel, 4),
                        "no_event": Counter(y_pred)["NONE"],
                        "per_class": {k: v for k, v in per_class.items() if v["support"]},
                        "top_confusions": [f"{g} -> {p}: {n}" for (g, p), n in
                                           Counter((g, p) for g, p in zip(y_true, y_pred) if g != p).most_common(15)]},
           "model_only": {"macro_f1": round(class_scores(model_only["true"], model_only["pred"])[1], 4),
                          "accuracy": round(sum(a == b for a, b in zip(model_only["true"], model_only["pred"]))
                                            / len(y_true), 4),
                          "note": "the sentence model's type for each record, gold event assumed, no actors"},
           "rules_only": {"macro_f1": round(rm, 4), "accuracy": round(racc, 4),
                          "type_and_source": round(rules_only["ts"] / rel, 4)}}
    if args.proxy_codes:
        p = triple["tp"] / max(1, triple["tp"] + triple["fp"])
        r = triple["tp"] / max(1, triple["tp"] + triple["fn"])
        out["proxy_triple"] = {"records": triple["records"], "precision": round(p, 4), "recall": round(r, 4),
                               "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                               "note": "gold codes given by the actor dictionary to the gold spans"}
    news_gold = Path(args.news_gold) if args.news_gold else Path(args.data).resolve().parent / "news_sentences.jsonl"
    if args.news is None:
        args.news = news_gold.exists()
    outcomes = [{"corpus": "plv", **o} for o in plv_outcomes]
    if args.news and args.train_news:
        # the packaged model trains on the news sentences: score them by story folds instead
        sys.path.insert(0, str(HERE))
        from news_cv import NEWS_TRAINED, cross_validated, prf

        res = cross_validated(args.folds, baseline=False, data=news_gold.parent.parent,
                              log=lambda m: print(m, file=sys.stderr), roles=args.roles,
                              dense=args.dense, dense_scale=args.dense_scale)
        outcomes += [{"corpus": "news", **o} for o in res["outcomes"]]
        tot = res["totals"][NEWS_TRAINED]
        out["news"] = {k: dict(zip(("precision", "recall", "f1"), (round(x, 4) for x in prf(tot[k]))), **tot[k])
                       for k in ("sentence", "type", "type_source", "triple")}
        out["news"]["note"] = "story-fold CV (benchmarks/news_cv.py): PLV + written + the other folds' news sentences"
    elif args.news:
        import shutil

        from eventwire.evaluate_news import evaluate_news
        with tempfile.TemporaryDirectory() as tmp:
            # the packaged model without its calibration map: raw confidences (the map is
            # monotone, so the events and the figures are the same)
            raw_model = Path(tmp) / "typemodel.npz"
            shutil.copy(tm.MODEL_PATH, raw_model)
            rep = evaluate_news(news_gold, config=Config(type_model_path=str(raw_model), role_model=args.roles))
        outcomes += [{"corpus": "news", **o} for o in rep["_outcomes"]]
        out["news"] = {"sentences": rep["sentences"], "gold_events": rep["gold_events"],
                       **{k: {x: rep[k][x] for x in ("precision", "recall", "f1", "tp", "fp", "fn")}
                          for k in ("sentence", "type", "type_source", "triple")},
                       "note": "packaged model (trained on all PLV records); the news articles are not in its data"}
    sys.path.insert(0, str(HERE))
    from calibrate import cross_fit, print_tables, tables

    out["reliability"] = tables(outcomes, cross_fit(outcomes, seed=args.seed))
    print(json.dumps(out, indent=2))
    print_tables(out["reliability"])
    if args.outcomes:
        with open(args.outcomes, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(o) + "\n" for o in outcomes)
    if args.diff:
        with open(args.diff, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in diffs)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2), encoding="utf-8")


def plv_outcome(diff: dict) -> dict:
    """The record's most confident coded event, right or wrong (for the reliability table)."""
    main = diff["coded"][0]
    gold = diff["gold"][0] if diff["gold"] else None
    type_ok = bool(gold and gold["type_right"])
    return {"confidence": main["confidence"], "event_type": main["event_type"], "type": type_ok,
            "type_source": bool(type_ok and gold["type_and_source"])}


def _with_codes(rec: dict, actors) -> dict | None:
    """The record in the PLOVER gold-standard layout, with the codes the dictionary gives its
    gold source and target spans; None unless both sides get one."""
    ev = rec["events"][0]
    sides = {}
    for side in ("source", "target"):
        text = ev.get(f"{side}_text") or ""
        a = actors.resolve(text) if text else None
        if a is None or not a.country:
            return None
        sides[side] = [{"actorText": text, "code": a.country}]
    return {"id": rec["id"], "text": rec["text"], "event": ev["event"], **sides}


if __name__ == "__main__":
    main()
