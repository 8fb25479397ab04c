"""Event places: accuracy on our place gold, the cost in throughput, and the gazetteer's memory.

Three measurements, one run:

1. **gold** (``tests/data/places_gold.jsonl``, sentences written by us, one event each with its
   trigger word and the place it happened, or null): the place of the event found by
   :func:`eventwire.resolve.places.locate` (the sentence parsed, the trigger given) against the
   gold name (accent- and case-insensitive; the text as written counts too).  Precision = right
   places / places given; recall = right places / gold records that name a place.  The same
   records are coded end to end (``eventwire.code``) and the events whose sentence holds the
   gold trigger are scored the same way;
2. **throughput**: the same articles (``--articles``, from ``../shared/data/news/*.jsonl``,
   repeated when fewer) coded in this process by two pipelines, places off and on, batch by
   batch in alternating order (the machine's noise falls on both); the ratio of the summed times,
   and (steadier on a noisy machine) the time spent inside the place finder over the time without;
3. **memory**: the gazetteer built in a fresh process: Python heap (tracemalloc) after the build
   and at its peak, and the growth of the process's resident set.

Run: ``EVENTWIRE_SHARED_DATA=/work/shared/data python benchmarks/places.py --articles 1000``
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from eventwire.api import code  # noqa: E402
from eventwire.model import Article  # noqa: E402
from eventwire.pipeline import Config, Pipeline  # noqa: E402
from eventwire.resolve.gazetteer import fold  # noqa: E402
from eventwire.resolve.places import PlaceResolver, locate  # noqa: E402

GOLD = REPO / "tests" / "data" / "places_gold.jsonl"
SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")

_MEMORY_PROBE = """
import json, sys, tracemalloc, psutil
proc = psutil.Process()
import eventwire.resolve.gazetteer as g, ahocorasick, numpy  # imports outside the measure
rss0 = proc.memory_info().rss
tracemalloc.start()
gaz = g.load_gazetteer()
cur, peak = tracemalloc.get_traced_memory()
print(json.dumps({"entries": len(gaz), "heap_mb": cur / 2**20, "heap_peak_mb": peak / 2**20,
                  "rss_growth_mb": (proc.memory_info().rss - rss0) / 2**20}))
"""
_RSS_PROBE = """
import json, time, psutil
proc = psutil.Process()
import eventwire.resolve.gazetteer as g, ahocorasick, numpy
rss0 = proc.memory_info().rss
t = time.perf_counter()
gaz = g.load_gazetteer()
print(json.dumps({"load_s": time.perf_counter() - t, "rss_growth_mb": (proc.memory_info().rss - rss0) / 2**20}))
"""


def same(place, gold: str) -> bool:
    return place is not None and fold(gold) in (fold(place.name), fold(place.text))


def score(pairs: list[tuple[object, dict]]) -> dict:
    given = sum(1 for p, _ in pairs if p is not None)
    with_place = sum(1 for _, g in pairs if g["place"])
    right = sum(1 for p, g in pairs if g["place"] and same(p, g["place"]))
    null_right = sum(1 for p, g in pairs if not g["place"] and p is None)
    return {"records": len(pairs), "gold_with_place": with_place, "given": given, "right": right,
            "precision": round(right / given, 3) if given else None,
            "recall": round(right / with_place, 3) if with_place else None,
            "null_kept": f"{null_right}/{len(pairs) - with_place}"}


def gold_figures(show: bool) -> dict:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    resolver = PlaceResolver()
    direct = []
    for r in records:
        p = locate(r["text"].split(" - ", 1)[-1] if " - " in r["text"][:40] else r["text"], r["trigger"],
                   article_text=r["text"], resolver=resolver)
        direct.append((p, r))
        if show and not (same(p, r["place"]) if r["place"] else p is None):
            print(f"  miss {r['id']}: gold={r['place']!r} got={p and (p.name, p.country, p.source)} | {r['text']}")
    coded = code([{"id": r["id"], "text": r["text"]} for r in records])
    e2e = []
    for r, res in zip(records, coded):
        events = [e for e in res.events if r["trigger"].lower() in e.trigger.lower() or
                  r["trigger"].lower() in e.sentence[e.trigger_start - e.char_start:].lower()[:40]]
        if events:
            e2e.append((events[0].place, r))
    return {"direct": score(direct), "end_to_end": score(e2e) | {"records_with_event": len(e2e)}}


def corpus(n: int) -> list[Article]:
    rows = []
    for path in sorted((SHARED / "news").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if rec.get("text"):
                    rows.append(rec)
    if not rows:
        raise SystemExit(f"no articles under {SHARED / 'news'} (set EVENTWIRE_SHARED_DATA)")
    return [Article(doc_id=f"{i}-{rows[i % len(rows)]['id']}", text=rows[i % len(rows)]["text"],
                    published=rows[i % len(rows)].get("published")) for i in range(n)]


def throughput(n: int, batch: int) -> dict:
    off = Pipeline(Config(places=False))
    on = Pipeline(Config(places=True))
    spent = [0.0]
    for name in ("candidates", "assign"):
        setattr(on.places, name, _timed(getattr(on.places, name), spent))
    arts = corpus(n)
    times = {"off": 0.0, "on": 0.0}
    events = {"off": 0, "on": 0}
    placed = 0
    off.code_articles(arts[:4])   # warm both (spaCy's first batch is slower)
    on.code_articles(arts[:4])
    for k in range(0, len(arts), batch):
        chunk = arts[k:k + batch]
        order = ("off", "on") if (k // batch) % 2 == 0 else ("on", "off")
        for which in order:
            pipe = off if which == "off" else on
            t = time.perf_counter()
            res = pipe.code_articles(chunk)
            times[which] += time.perf_counter() - t
            events[which] += sum(len(r.events) for r in res)
            if which == "on":
                placed += sum(1 for r in res for e in r.events if e.place is not None)
    return {"articles": n, "seconds_off": round(times["off"], 2), "seconds_on": round(times["on"], 2),
            "ratio_on_off": round(times["on"] / times["off"], 4), "events": events["on"],
            "events_with_place": placed, "seconds_in_places": round(spent[0], 2),
            "places_share_of_off": round(spent[0] / times["off"], 4)}


def _timed(fn, spent: list[float]):
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t
    return wrapper


def memory() -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    heap = json.loads(subprocess.run([sys.executable, "-c", _MEMORY_PROBE], capture_output=True, text=True,
                                     env=env, check=True).stdout)
    rss = json.loads(subprocess.run([sys.executable, "-c", _RSS_PROBE], capture_output=True, text=True,
                                    env=env, check=True).stdout)
    return {"entries": heap["entries"], "heap_mb": round(heap["heap_mb"], 1),
            "heap_peak_mb": round(heap["heap_peak_mb"], 1), "rss_growth_mb": round(rss["rss_growth_mb"], 1),
            "load_s": round(rss["load_s"], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    out = {"memory": memory(), "gold": gold_figures(args.show_misses)}
    print(json.dumps(out, indent=1), flush=True)
    if not args.skip_throughput:
        out["throughput"] = throughput(args.articles, args.batch)
        print(json.dumps({"throughput": out["throughput"]}, indent=1))


if __name__ == "__main__":
    main()
