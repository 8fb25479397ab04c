"""Fixtures of the service tests: a coded output folder, and a copy with story tables.

The story tables follow the layout of issue 11 (``stories``, ``story_events``,
``story_event_reports``, ``articles.story_id``); they are built here from the demo
corpus's real events with a simple written grouping (the three grain-corridor articles
are one story, every other article a story of its own; within a story, events of the
same type between the same first source and target countries are one story event), so
the story endpoints run on real rows before ``eventwire reconcile`` exists.
"""
from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"

#: the demo articles that report the Black Sea grain-corridor deal
GRAIN_STORY = "story-grain"
GRAIN_DOCS = ("01_wirewatch_grain_talks.txt", "02_meridian_grain_talks.html", "bsm-2024-0305-017")

HOSTILE = ("'; drop table events; --", "\" OR 1=1 --", "%", "_", "\\", "x' UNION SELECT * FROM articles --",
           "Robert'); DROP TABLE actors;--", "\u202e\u0000?", "../../etc/passwd", "🙂" * 50)

CONFLICT = pa.struct([("kind", pa.string()), ("detail", pa.string()), ("event_ids", pa.list_(pa.string()))])


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def code_demo(out: Path) -> Path:
    """Code the demo corpus into ``out`` with the library call (JSONL, Parquet, DuckDB)."""
    import eventwire

    eventwire.run([DEMO], out, reconcile=False)   # the story tables come from add_story_tables (or real ones: test_service_real_stories)
    return out


def _first(actors: list[dict], key: str):
    return actors[0].get(key) if actors else None


def add_story_tables(out: Path) -> dict[str, Any]:
    """Add issue 11's story tables to ``out/eventwire.duckdb``; return what was written."""
    articles = read_jsonl(out / "articles.jsonl")
    events = read_jsonl(out / "events.jsonl")
    story_of = {a["doc_id"]: (GRAIN_STORY if a["doc_id"] in GRAIN_DOCS else f"story-{i:02d}")
                for i, a in enumerate(sorted(articles, key=lambda a: a["doc_id"]))}
    by_doc = {a["doc_id"]: a for a in articles}

    groups: dict[tuple, list[dict]] = defaultdict(list)
    for ev in events:
        key = (story_of[ev["doc_id"]], ev["event_type"], _first(ev["source"], "country"), _first(ev["target"], "country"))
        groups[key].append(ev)
    story_events, reports = [], []
    for k, (key, evs) in enumerate(sorted(groups.items(), key=lambda kv: tuple(str(x) for x in kv[0]))):
        sid = f"se-{k:03d}"
        outlets = sorted({e["publisher"] for e in evs if e["publisher"]})
        conflicts = []
        if len({e["negated"] for e in evs}) > 1:
            conflicts.append({"kind": "negated", "detail": "asserted by some reports and negated by others",
                              "event_ids": sorted(e["id"] for e in evs)})
        dates = sorted({e["event_date"] for e in evs if e["event_date"]})
        if key[0] == GRAIN_STORY and len(dates) > 1:
            conflicts.append({"kind": "dates", "detail": f"reports date it {dates[0]} and {dates[-1]}",
                              "event_ids": sorted(e["id"] for e in evs)})
        story_events.append({
            "id": sid, "story_id": key[0], "event_type": key[1], "mode": evs[0]["mode"],
            "source": [key[2]] if key[2] else [], "target": [key[3]] if key[3] else [],
            "event_date": dates[0] if dates else None, "date_precision": evs[0]["date_precision"],
            "modality": evs[0]["modality"], "n_reports": len(evs), "n_outlets": len(outlets),
            "n_independent": len(outlets), "first_reported": min((e["story_date"] or "9999") for e in evs),
            "corroboration": round(min(1.0, 0.4 * len(outlets)), 2), "conflicts": conflicts,
        })
        for e in evs:
            reports.append({"story_event_id": sid, "event_id": e["id"], "doc_id": e["doc_id"],
                            "outlet": e["publisher"], "published": e["story_date"], "sentence": e["sentence"],
                            "negated": e["negated"], "modality": e["modality"], "confidence": e["confidence"]})
    stories = []
    for story in sorted(set(story_of.values())):
        docs = sorted(d for d, s in story_of.items() if s == story)
        pubs = sorted(by_doc[d]["published"] for d in docs if by_doc[d]["published"])
        outlets = sorted({by_doc[d]["outlet"] for d in docs if by_doc[d]["outlet"]})
        stories.append({"story_id": story, "title": by_doc[docs[0]]["title"],
                        "first_published": pubs[0] if pubs else None, "last_published": pubs[-1] if pubs else None,
                        "doc_ids": docs, "outlets": outlets, "n_articles": len(docs), "n_outlets": len(outlets)})
    se_schema = pa.schema([
        ("id", pa.string()), ("story_id", pa.string()), ("event_type", pa.string()), ("mode", pa.string()),
        ("source", pa.list_(pa.string())), ("target", pa.list_(pa.string())), ("event_date", pa.string()),
        ("date_precision", pa.string()), ("modality", pa.string()), ("n_reports", pa.int64()),
        ("n_outlets", pa.int64()), ("n_independent", pa.int64()), ("first_reported", pa.string()),
        ("corroboration", pa.float64()), ("conflicts", pa.list_(CONFLICT))])
    tables = {
        "stories": pa.Table.from_pylist(stories),
        "story_events": pa.Table.from_pylist(story_events, schema=se_schema),
        "story_event_reports": pa.Table.from_pylist(reports),
    }
    con = duckdb.connect(str(out / "eventwire.duckdb"))
    try:
        for name, tbl in tables.items():
            con.register("staged", tbl)
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM staged")
            con.unregister("staged")
        con.execute("ALTER TABLE articles ADD COLUMN story_id VARCHAR")
        con.executemany("UPDATE articles SET story_id = ? WHERE doc_id = ?", [[s, d] for d, s in story_of.items()])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {"story_of": story_of, "stories": stories, "story_events": story_events, "reports": reports}


def copy_folder(src: Path, dst: Path) -> Path:
    """A copy of an output folder (files only)."""
    dst.mkdir(parents=True, exist_ok=True)
    for p in src.iterdir():
        if p.is_file() and not p.name.startswith("."):
            shutil.copy2(p, dst / p.name)
    return dst


_CACHE: dict[str, Path] = {}


def demo_folder(tmp_path_factory) -> Path:
    """The demo corpus coded once per test session (shared by the service test files)."""
    if "demo" not in _CACHE:
        _CACHE["demo"] = code_demo(tmp_path_factory.mktemp("service-demo"))
    return _CACHE["demo"]


def reconciled_folder(tmp_path_factory) -> tuple[Path, dict[str, Any]]:
    """A copy of :func:`demo_folder` with the story tables added."""
    if "reconciled" not in _CACHE:
        out = copy_folder(demo_folder(tmp_path_factory), tmp_path_factory.mktemp("service-reconciled"))
        _CACHE["reconciled_info"] = add_story_tables(out)  # type: ignore[assignment]
        _CACHE["reconciled"] = out
    return _CACHE["reconciled"], _CACHE["reconciled_info"]  # type: ignore[return-value]
