"""What quotes and numeric claims add to an end-to-end run.

Codes the same corpus with ``eventwire code`` (the real CLI, as a subprocess) with and without
``--no-quotes``, alternating the order over ``--rounds`` rounds in one session, and prints the
median wall time of each and their ratio (the issue's budget: at most 1.10).  The corpus is the
multi-outlet news sample (``../shared/data/news/multi_outlet_96.jsonl``, or ``--source``)
replicated to ``--articles`` records with distinct ids, written to a temporary folder.

    python benchmarks/quotes.py --articles 192 --rounds 3 --jobs 1

The machine may be shared: read the ratio, not the absolute times, and repeat when it is noisy.
``--in-process`` also times, in this process, the coding of the corpus (quotes off) and the quote
and claim extraction alone on the same articles and events, the fastest of ``--rounds`` each:
less exposed to the noise of other processes than whole runs.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")


def build_corpus(source: Path, n: int, workdir: Path) -> Path:
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if isinstance(r.get("text"), str) and r["text"].strip()]
    path = workdir / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            rec = dict(records[i % len(records)])
            rec["id"] = f"{rec.get('id', 'doc')}-{i}"
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def timed_run(corpus: Path, out: Path, jobs: int, quotes: bool) -> float:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "eventwire", "code", str(corpus), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    if not quotes:
        cmd.append("--no-quotes")
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def in_process(source: Path, n: int, rounds: int) -> None:
    """Fastest-of-``rounds`` coding time (quotes off) against extraction time alone."""
    sys.path.insert(0, str(REPO))
    from eventwire.ingest import article_from_text
    from eventwire.pipeline import Config, get_pipeline
    from eventwire.quotes.extract import extract_batch

    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    arts = [article_from_text(r["text"], doc_id=f"d{i}") for i, r in enumerate(records[i % len(records)] for i in range(n))]
    pipe = get_pipeline(Config(quotes=False))
    quotes = get_pipeline(Config()).quotes
    code_t, extract_t = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        results = [r for i in range(0, len(arts), 32) for r in pipe.code_articles(arts[i:i + 32])]
        code_t.append(time.perf_counter() - t0)
        sents = [pipe.sentences(a) for a in arts]
        t0 = time.perf_counter()
        extract_batch(quotes, arts, sents, [{} for _ in arts], [r.events for r in results])
        extract_t.append(time.perf_counter() - t0)
    c, e = min(code_t), min(extract_t)
    print(f"in process: coding {c:.2f} s, quotes and claims {e:.2f} s (fastest of {rounds}): "
          f"ratio {(c + e) / c:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, default=SHARED / "news" / "multi_outlet_96.jsonl")
    ap.add_argument("--articles", type=int, default=192)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--in-process", action="store_true", help="Also time coding and extraction in this process.")
    args = ap.parse_args()
    if not args.source.exists():
        raise SystemExit(f"corpus not found: {args.source} (set EVENTWIRE_SHARED_DATA or --source)")
    work = Path(tempfile.mkdtemp(prefix="eventwire-quotes-bench-"))
    try:
        corpus = build_corpus(args.source, args.articles, work)
        times: dict[bool, list[float]] = {True: [], False: []}
        for r in range(args.rounds):
            for quotes in ((False, True) if r % 2 == 0 else (True, False)):
                times[quotes].append(timed_run(corpus, work / f"out-{quotes}", args.jobs, quotes))
        out = work / "out-True"
        n_quotes = sum(1 for _ in open(out / "quotes.jsonl", encoding="utf-8"))
        n_claims = sum(1 for _ in open(out / "claims.jsonl", encoding="utf-8"))
        without, with_ = statistics.median(times[False]), statistics.median(times[True])
        print(f"articles {args.articles}, jobs {args.jobs}, rounds {args.rounds}")
        print(f"without quotes: median {without:.2f} s  {[round(t, 2) for t in times[False]]}")
        print(f"with quotes:    median {with_:.2f} s  {[round(t, 2) for t in times[True]]}  "
              f"({n_quotes} quotes, {n_claims} claims)")
        print(f"ratio with/without: {with_ / without:.3f} (budget 1.10); per round: "
              f"{[round(b / a, 3) for a, b in zip(times[False], times[True])]}")
        if args.in_process:
            in_process(args.source, args.articles, args.rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
