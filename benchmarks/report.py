"""Build time and size of the HTML report for a corpus of 5,000 articles / 25,000 events.

The corpus is synthesised by replicating a coded output folder (default: examples/demo coded
into a temp folder; or ``--from DIR``, e.g. a folder coded from the multi-outlet news) with new
document and event ids, dates shifted by a day per copy and outlets varied, until it holds
``--articles`` articles; events are then cut to ``--events``.  Parquet and DuckDB are built with
the normal finaliser, so the report reads DuckDB as after a real run.  Two variants:

* ``plain``: no reconciliation output (one story event per event);
* ``stories``: a synthetic ``story_events.jsonl`` (issue 11 layout) where every five copies of
  an event are one story event reported by five outlets, to load the caps on reports.

Prints, per variant: load, aggregation and render times, the total, the page size, and what was
embedded; plus the time to merely parse ``events.jsonl`` with ``json`` as the in-run baseline
(the machine is shared and noisy: read ratios, not absolute seconds)::

    python benchmarks/report.py [--from DIR] [--articles 5000] [--events 25000] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.report import render_payload  # noqa: E402
from eventwire.report.load import load_corpus  # noqa: E402
from eventwire.report.payload import build_payload  # noqa: E402
from eventwire.report.quad import load_quad_classes  # noqa: E402
from eventwire.sinks.jsonl import ARTICLE_KEYS  # noqa: E402
from eventwire.sinks.tables import finalize  # noqa: E402


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(x) for x in fh if x.strip()]


def shift(date: str | None, days: int) -> str | None:
    import datetime as dt

    if not date or len(date) < 10:
        return date
    try:
        return (dt.date.fromisoformat(date[:10]) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return date


def synthesise(src: Path, dst: Path, n_articles: int, n_events: int, stories: bool) -> tuple[int, int]:
    articles, events = read_jsonl(src / "articles.jsonl"), read_jsonl(src / "events.jsonl")
    dst.mkdir(parents=True, exist_ok=True)
    n_a = n_e = 0
    copies: dict[str, list[dict]] = {}
    with open(dst / "articles.jsonl", "w", encoding="utf-8") as fa, open(dst / "events.jsonl", "w", encoding="utf-8") as fe:
        k = 0
        while n_a < n_articles:
            for a in articles:
                if n_a >= n_articles:
                    break
                doc = f"{a['doc_id']}~{k}"
                rec = {key: a.get(key) for key in ARTICLE_KEYS}
                rec.update(doc_id=doc, published=shift(a.get("published"), k),
                           outlet=f"{a.get('outlet') or 'outlet'} {k % 7}" if a.get("outlet") else None)
                fa.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n_a += 1
                for e in events:
                    if e["doc_id"] != a["doc_id"] or n_e >= n_events:
                        continue
                    ev = dict(e, id=f"{e['id']}~{k}", doc_id=doc, event_date=shift(e.get("event_date"), k),
                              story_date=rec["published"], publisher=rec["outlet"])
                    fe.write(json.dumps(ev, ensure_ascii=False) + "\n")
                    n_e += 1
                    copies.setdefault(e["id"], []).append(ev)
            k += 1
    if stories:
        with open(dst / "story_events.jsonl", "w", encoding="utf-8") as fs:
            for orig, evs in sorted(copies.items()):
                for i in range(0, len(evs), 5):
                    group = evs[i:i + 5]
                    first = group[0]
                    reports = [{"event_id": e["id"], "doc_id": e["doc_id"], "outlet": e["publisher"],
                                "published": e["story_date"], "sentence": e["sentence"], "negated": e["negated"],
                                "modality": e["modality"], "attribution": None, "confidence": e["confidence"]}
                               for e in group]
                    n_out = len({r["outlet"] for r in reports})
                    fs.write(json.dumps({
                        "id": f"se-{orig}-{i}", "story_id": f"st-{first['doc_id']}", "event_type": first["event_type"],
                        "mode": first["mode"], "source": first["source"], "target": first["target"],
                        "event_date": first["event_date"], "date_precision": first["date_precision"],
                        "modality": first["modality"], "reports": reports, "n_reports": len(reports),
                        "n_outlets": n_out, "n_independent": n_out, "first_reported": first["story_date"],
                        "corroboration": round(min(1.0, 0.2 * n_out), 2),
                        "conflicts": [{"kind": "negation", "detail": "asserted and negated"}]
                        if any(e["negated"] for e in group) and not all(e["negated"] for e in group) else [],
                    }, ensure_ascii=False) + "\n")
    finalize(dst)
    return n_a, n_e


def measure(folder: Path) -> dict:
    t0 = time.perf_counter()
    corpus = load_corpus(folder)
    t1 = time.perf_counter()
    payload = build_payload(corpus, load_quad_classes())
    t2 = time.perf_counter()
    html = render_payload(payload)
    t3 = time.perf_counter()
    (folder / "report.html").write_text(html, encoding="utf-8")
    t4 = time.perf_counter()
    read_jsonl(folder / "events.jsonl")
    t5 = time.perf_counter()
    return {"load": t1 - t0, "aggregate": t2 - t1, "render": t3 - t2, "write": t4 - t3, "total": t4 - t0,
            "json_baseline": t5 - t4, "bytes": len(html.encode("utf-8")), "caps": payload["caps"],
            "source": corpus.source}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from", dest="src", type=Path, default=None, help="A coded output folder to replicate.")
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--events", type=int, default=25000)
    ap.add_argument("--keep", type=Path, default=None, help="Keep the synthesised folders here.")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ew-report-bench-"))
    try:
        src = args.src
        if src is None:
            from eventwire.runner import run

            src = work / "seed"
            run([ROOT / "examples" / "demo"], src, jobs=1, report=False)
        base = args.keep or work
        for variant in ("plain", "stories"):
            folder = base / variant
            shutil.rmtree(folder, ignore_errors=True)
            n_a, n_e = synthesise(src, folder, args.articles, args.events, stories=variant == "stories")
            m = measure(folder)
            c = m["caps"]
            print(f"{variant:8s} {n_a:,} articles, {n_e:,} events (read from {m['source']}): "
                  f"build {m['total']:.2f} s (load {m['load']:.2f}, aggregate {m['aggregate']:.2f}, "
                  f"render {m['render']:.2f}, write {m['write']:.2f}); "
                  f"{m['total'] / max(m['json_baseline'], 1e-9):.1f}x the time to json-parse events.jsonl "
                  f"({m['json_baseline']:.2f} s); page {m['bytes'] / 1e6:.1f} MB; "
                  f"embedded {c['story_events_kept']:,}/{c['story_events_total']:,} story events, "
                  f"{c['reports_kept']:,}/{c['reports_total']:,} reports")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
