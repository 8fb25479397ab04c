"""How the trigger rules alone read the project's written event sentences.

``eventwire/data/training/written_[a-d].jsonl`` hold ~85 invented sentences per PLOVER type,
written per CAMEO code.  They do not train the sentence model; they are the workbench of the
lexicon: this script codes each with the rules alone (no sentence model) and prints, per type,
how many come out with the right type and what the others became (NONE: no event coded).
The lexicon was extended against these sentences, so they measure coverage, not held-out
accuracy (for that, see ``accuracy_cv.py``, whose rules-only line was not tuned on).

    .venv/bin/python benchmarks/rules_on_written.py [--lexicon EXTRA.yaml ...] [--show TYPE] [--limit N]
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lexicon", action="append", default=[], help="extra trigger rules (YAML), repeatable")
    ap.add_argument("--show", help="print the misses of this type (PLV label, e.g. YIELD)")
    ap.add_argument("--limit", type=int, default=40)
    args = ap.parse_args()

    from eventwire import training
    from eventwire.coding import typemodel as tm
    from eventwire.nlp import parse
    from eventwire.pipeline import Config, get_pipeline

    pipe = get_pipeline(Config(type_model=False, role_model=False, lexicons=tuple(args.lexicon)))
    recs = [r for r in training.written_records(events=True) if training.gold_label(r) != tm.NONE]
    conf: Counter = Counter()
    misses = defaultdict(list)
    for rec, doc in zip(recs, parse([r["text"] for r in recs])):
        gold = training.gold_label(rec)
        ms = pipe.coder.code(doc, text=rec["text"])
        got = max(ms, key=lambda m: m.confidence).event_type if ms else "NONE"
        got = "YIELD" if got in tm.YIELD else got
        conf[gold, got] += 1
        if got != gold:
            misses[gold].append((got, rec["text"]))
    total = Counter()
    right = Counter()
    for (gold, got), n in conf.items():
        total[gold] += n
        right[gold] += n if gold == got else 0
    print(f"rules alone on {len(recs)} written event sentences: accuracy {sum(right.values()) / len(recs):.3f}")
    for gold in sorted(total):
        wrong = Counter({got: n for (g, got), n in conf.items() if g == gold and got != gold})
        print(f"  {gold:<10} {right[gold]:>3}/{total[gold]:<3}  " + ", ".join(f"{k} {v}" for k, v in wrong.most_common(4)))
    for got, text in misses.get(args.show or "", [])[: args.limit]:
        print(f"{got:<10} | {text}")


if __name__ == "__main__":
    main()
