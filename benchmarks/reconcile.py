"""Reconciliation figures: story clustering, story events, the seeds, speed and memory at scale.

Inputs are coded output folders (``articles.jsonl`` + ``events.jsonl``) of the development
sets, by default the regression corpora coded with the starting code
(``/work/baseline/base/{news96,ecb,seeds}``; ``--coded DIR`` points elsewhere: it must hold
``news96/``, ``ecb/`` and ``seeds/``), and the gold files of ``../shared/data``
(``EVENTWIRE_SHARED_DATA`` overrides).  Each folder is copied to a temporary folder first.

Printed, in order:

1. story clustering on ``news/multi_outlet_96.jsonl`` and ``news/ecbplus_dev.jsonl``:
   eventwire with its default settings; the baseline the issue cites (scikit-learn TF-IDF,
   average-link agglomerative clustering on cosine distance) with its threshold chosen on
   the other set (leave-one-set-out) and on the set itself; and eventwire with its two
   thresholds chosen on the other set from a small grid;
2. story events on ``dev/story_events.json`` (mean document-set F1 of the best story event
   per annotated event reported by >= 2 articles; conflict pairs found);
3. the seeds: the story event of North Korea's border closure and the seeds backing it;
4. time per 1,000 articles (the two dev sets reconciled with tables);
5. a synthetic scale run (``--scale N``, default 50,000; 0 skips it): the dev articles
   replicated into N articles (new ids, outlets and dates: every replica of a story is moved
   by 40 days; words dropped at random; one article in ten an exact copy of a recent one,
   with its date), reconciled in a child process: wall time and peak RSS, against a run of
   N/5 to show how memory grows.

Figures are noisy (a shared machine): compare ratios measured in the same run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from eventwire.reconcile import ReconcileSettings, reconcile  # noqa: E402
from eventwire.reconcile.evaluate import gold_clusters, score_stories, score_story_events_file  # noqa: E402
from eventwire.reconcile.metrics import story_scores  # noqa: E402

SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")
DEFAULT_CODED = Path("/work/baseline/base")
SETS = {"news96": "news/multi_outlet_96.jsonl", "ecb": "news/ecbplus_dev.jsonl"}
BASELINE_GRID = [0.7, 0.75, 0.8, 0.85, 0.9]
OUR_GRID = [(t, m) for t in (0.2, 0.25, 0.3) for m in (0.12, 0.14, 0.15, 0.16, 0.18)]


def copy_folder(src: Path, dst: Path) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for name in ("articles.jsonl", "events.jsonl"):
        shutil.copy(src / name, dst / name)
    return dst


def baseline_scores(gold_path: Path) -> dict[float, float]:
    """TF-IDF + average-link B-cubed F1 per distance threshold."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    rows = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    ids = [str(r["id"]) for r in rows]
    texts = [(r.get("title") or "") + "\n" + (r.get("text") or "") for r in rows]
    gold = gold_clusters(gold_path)
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts).toarray()
    out = {}
    for t in BASELINE_GRID:
        labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                         distance_threshold=t).fit_predict(x)
        out[t] = story_scores({i: str(lab) for i, lab in zip(ids, labels)}, gold)["bcubed_f1"]
    return out


def ours(folder: Path, gold_path: Path, settings: ReconcileSettings) -> dict:
    reconcile(folder, replace(settings, tables=False, save_state=False))
    return score_stories(folder, gold_path)


def fmt(s: dict) -> str:
    return (f"B3 P/R/F1 {s['bcubed_p']:.3f}/{s['bcubed_r']:.3f}/{s['bcubed_f1']:.3f}  pairwise F1 "
            f"{s['pairwise_f1']:.3f}  ARI {s['ari']:.3f}  stories {s['stories_found']}/{s['stories_gold']}")


def clustering(work: Path, coded: Path) -> None:
    print("== story clustering (B-cubed F1) ==")
    folders = {k: copy_folder(coded / k, work / k) for k in SETS}
    golds = {k: SHARED / v for k, v in SETS.items()}
    base = {k: baseline_scores(golds[k]) for k in SETS}
    grid = {k: {tm: ours(folders[k], golds[k], _settings(*tm))["bcubed_f1"] for tm in OUR_GRID} for k in SETS}
    for k in SETS:
        other = next(o for o in SETS if o != k)
        s = ours(folders[k], golds[k], ReconcileSettings())
        print(f"{k:7} eventwire (defaults)                 {fmt(s)}")
        t_other = max(base[other], key=base[other].get)
        t_self = max(base[k], key=base[k].get)
        print(f"{k:7} baseline TF-IDF+avg-link, t from {other:6} ({t_other}): F1 {base[k][t_other]:.3f};"
              f"  t chosen on itself ({t_self}): F1 {base[k][t_self]:.3f}")
        if k == "ecb":
            no_margin = ReconcileSettings()
            no_margin = replace(no_margin, stories=replace(no_margin.stories, undated_margin=0.0))
            print(f"{k:7} eventwire, undated_margin 0 (undated articles join dated stories as easily) "
                  f"F1 {ours(folders[k], golds[k], no_margin)['bcubed_f1']:.3f}")
        tm_other = max(grid[other], key=grid[other].get)
        tm_self = max(grid[k], key=grid[k].get)
        print(f"{k:7} eventwire, thresholds from {other:6} {tm_other}: F1 {grid[k][tm_other]:.3f};"
              f"  chosen on itself {tm_self}: F1 {grid[k][tm_self]:.3f}")


def _settings(threshold: float, merge: float) -> ReconcileSettings:
    base = ReconcileSettings()
    return replace(base, stories=replace(base.stories, threshold=threshold, merge_threshold=merge))


def story_events(work: Path, coded: Path) -> None:
    print("== story events (dev/story_events.json, news96) ==")
    folder = copy_folder(coded / "news96", work / "se-news96")
    reconcile(folder, replace(ReconcileSettings(), tables=False))
    r = score_story_events_file(folder, SHARED / "dev" / "story_events.json")
    print(f"annotated events reported by >= 2 articles: {r['events']}; mean document-set F1 of the best story "
          f"event {r['mean_f1']:.3f}; {100 * r['share_f1_ge_0_5']:.0f}% at F1 >= 0.5; "
          f"conflict pairs found {r['conflicts_found']}/{r['conflicts_gold']}")


def seeds(work: Path, coded: Path) -> None:
    print("== seeds: North Korea's border closure ==")
    folder = copy_folder(coded / "seeds", work / "seeds")
    reconcile(folder, replace(ReconcileSettings(), tables=False))
    best = None
    for line in open(folder / "story_events.jsonl", encoding="utf-8"):
        se = json.loads(line)
        if se["event_type"] == "COERCE" and "PRK" in se["source"] and se["mode"] == "restrict":
            docs = sorted({r["doc_id"] for r in se["reports"]})
            if best is None or len(docs) > len(best[1]):
                best = (se, docs)
    if best is None:
        print("no COERCE/restrict story event with source PRK")
        return
    se, docs = best
    print(f"story event {se['id']}: COERCE restrict PRK, date {se['event_date']} ({se['date_precision']}), "
          f"{len(docs)} seed articles: {', '.join(d[:3] for d in docs)}; n_independent {se['n_independent']}; "
          f"corroboration {se['corroboration']}")


def timing(work: Path, coded: Path) -> None:
    print("== time per 1,000 articles (news96 + ecb, with tables) ==")
    total, cpu, n = 0.0, 0.0, 0
    for k in SETS:
        folder = copy_folder(coded / k, work / f"t-{k}")
        t0, c0 = time.perf_counter(), time.process_time()
        s = reconcile(folder)
        total += time.perf_counter() - t0
        cpu += time.process_time() - c0
        n += s.articles
    print(f"{n} articles in {total:.1f} s wall, {cpu:.1f} s CPU: {1000 * cpu / n:.1f} CPU s "
          f"({1000 * total / n:.1f} wall s) per 1,000 articles")


# --------------------------------------------------------------------------- scale

def synthesize(coded: Path, out: Path, n: int, seed: int = 7) -> None:
    """``n`` articles (and their events) replicated from the dev sets (see the module docstring)."""
    rng = random.Random(seed)
    src = []
    events: dict[str, list[dict]] = {}
    for k in SETS:
        for line in open(coded / k / "events.jsonl", encoding="utf-8"):
            ev = json.loads(line)
            events.setdefault(ev["doc_id"], []).append(ev)
        src += [json.loads(line) for line in open(coded / k / "articles.jsonl", encoding="utf-8")]
    src = [a for a in src if a["status"] == "coded"]
    out.mkdir(parents=True, exist_ok=True)
    written: list[dict] = []
    with open(out / "articles.jsonl", "w", encoding="utf-8") as fa, open(out / "events.jsonl", "w", encoding="utf-8") as fe:
        i = 0
        while i < n:
            rep = i // len(src)
            a = dict(src[i % len(src)])
            doc = f"{a['doc_id']}-r{rep:04d}"
            if written and rng.random() < 0.1:
                a = dict(rng.choice(written[-500:]))     # a copy keeps its original's (moved) date
                a["outlet"] = f"copy-{rep}"
            else:
                words = a["text"].split(" ")
                a["text"] = " ".join(w for w in words if rng.random() > 0.1)
                a["outlet"] = f"{a.get('outlet') or 'outlet'}-{rep % 7}"
                day = a.get("published") or "2016-11-10"
                a["published"] = (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=40 * rep)).isoformat()
            a.update(doc_id=doc)
            written.append(a)
            for ev in events.get(src[i % len(src)]["doc_id"], ()):
                e = dict(ev, doc_id=doc, id=f"{ev['id']}-r{rep:04d}-{i}")
                fe.write(json.dumps(e) + "\n")
            a["n_events"] = len(events.get(src[i % len(src)]["doc_id"], ()))
            fa.write(json.dumps(a) + "\n")
            i += 1
            if len(written) > 1000:
                written = written[-500:]


def scale_child(folder: str) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    s = reconcile(folder)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall_s": wall, "cpu_s": cpu, "peak_rss_mb": rss, "articles": s.articles, "stories": s.stories,
                      "duplicates": s.duplicates, "story_events": s.story_events}))


def scale(work: Path, coded: Path, n: int) -> None:
    print("== scale: synthetic corpora reconciled in a child process (with tables) ==")
    for size in (max(1000, n // 5), n):
        folder = work / f"scale-{size}"
        synthesize(coded, folder, size)
        out = subprocess.run([sys.executable, __file__, "--scale-child", str(folder)], capture_output=True,
                             text=True, check=True, env={**os.environ, "PYTHONPATH": str(REPO)})
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{size:>7,} articles: {r['wall_s']:.1f} s wall, {r['cpu_s']:.1f} s CPU "
              f"({1000 * r['cpu_s'] / size:.2f} CPU s per 1,000), peak RSS "
              f"{r['peak_rss_mb']:.0f} MB; {r['stories']:,} stories, {r['duplicates']:,} near-duplicates, "
              f"{r['story_events']:,} story events")
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--coded", type=Path, default=DEFAULT_CODED)
    ap.add_argument("--scale", type=int, default=50_000)
    ap.add_argument("--scale-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.scale_child:
        scale_child(args.scale_child)
        return 0
    for k in ("news96", "ecb", "seeds"):
        if not (args.coded / k / "articles.jsonl").exists():
            print(f"coded folder missing: {args.coded / k}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="eventwire-reconcile-bench-") as tmp:
        work = Path(tmp)
        clustering(work, args.coded)
        story_events(work, args.coded)
        seeds(work, args.coded)
        timing(work, args.coded)
        if args.scale:
            scale(work, args.coded, args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
