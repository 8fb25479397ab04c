"""Reconciliation of whole output folders: outputs, tables, bad input, a second run, --resume,
the command line, and (slow) the pipeline on the written example story, the demo corpus and
the seeds."""
from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import numpy as np
import pytest

from eventwire.model import Actor, Article, Event, Skipped
from eventwire.reconcile import ReconcileSettings, ReconcileStep, reconcile
from eventwire.sinks.jsonl import RunWriter

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")
SEEDS = SHARED / "seeds"
EXAMPLE = REPO / "examples" / "reconcile" / "trawler_story.jsonl"
DEMO = REPO / "examples" / "demo"

STORY_KEYS = ["story_id", "title", "first_published", "last_published", "doc_ids", "outlets", "n_articles",
              "n_outlets", "actors", "event_types"]
STORY_EVENT_KEYS = ["id", "story_id", "event_type", "mode", "source", "target", "event_date", "date_precision",
                    "modality", "reports", "n_reports", "n_outlets", "n_independent", "first_reported",
                    "corroboration", "conflicts", "linked"]
REPORT_KEYS = ["event_id", "doc_id", "outlet", "published", "sentence", "negated", "modality", "attribution",
               "confidence"]

FLOOD = ("Floods swept through the river city of Marenvale on Sunday after three days of rain, forcing "
         "thousands of families from their homes, the mayor Lidia Sorn said. The army sent boats and "
         "helicopters to lift people from rooftops in the old quarter of Marenvale. Officials said the river "
         "rose four metres in a night and that the water supply plant was cut off. Aid groups asked for "
         "clean water, blankets and medicine for the shelters set up in schools.")
TALKS = ("Trade ministers of Norway and Chile met in Santiago on Monday and agreed to lower tariffs on "
         "salmon and copper, the Chilean ministry said. The deal still needs the approval of both "
         "parliaments. Exporters welcomed the accord, which ends four years of talks over quotas and "
         "fishing licences, and said it would help small firms in the south of Chile.")


def variant(text: str, n: int) -> str:
    sents = text.split(". ")
    return ". ".join(s for i, s in enumerate(sents) if i % n != 1)


def art(doc_id, text, published=None, outlet=None, title=None) -> Article:
    return Article(doc_id=doc_id, text=text, title=title, outlet=outlet, published=published)


def ev(doc_id, n, etype, src, tgt, *, negated=False, trigger="sent", sentence="x", date=None, precision=None) -> Event:
    actors = lambda codes: [Actor(text=c, name=c, country=c, entry=c) for c in codes]  # noqa: E731
    return Event(id=f"{doc_id}-e{n}", doc_id=doc_id, event_type=etype, mode=None, context=[],
                 source=actors(src), target=actors(tgt), event_date=date, date_precision=precision,
                 negated=negated, modality="asserted", attribution=None, sentence=sentence, sentence_index=n,
                 char_start=0, char_end=1, trigger=trigger, trigger_start=n, trigger_end=n + 1, rules=["r"],
                 confidence=0.7)


def write(folder: Path, docs, *, resume=False) -> None:
    with RunWriter(folder, resume=resume) as w:
        for item, events in docs:
            w.write(item, events, 3)


def base_docs():
    return [
        (art("f1", FLOOD, "2024-04-07", "Lake Wire", "Marenvale flooded"),
         [ev("f1", 0, "AID", ["XYZ"], ["ABC"]), ev("f1", 1, "REQUEST", [], ["IGO"])]),
        (art("f2", FLOOD, "2024-04-07", "Harbour Daily", "Marenvale flooded"),          # a syndicated copy
         [ev("f2", 0, "AID", ["XYZ"], ["ABC"]), ev("f2", 1, "REQUEST", [], ["IGO"])]),
        (art("f3", variant(FLOOD, 2), "2024-04-08", "River Post", "Army boats in Marenvale"),
         [ev("f3", 0, "AID", ["XYZ"], ["ABC"], negated=True)]),
        (art("t1", TALKS, "2024-04-08", "Lake Wire", "Norway and Chile cut tariffs"),
         [ev("t1", 0, "AGREE", ["NOR"], ["CHL"])]),
        (art("u1", variant(TALKS, 3), None, None, "Salmon and copper deal"), []),   # no date, no outlet, no events
        (Skipped(doc_id="bad", reason="empty"), []),
    ]


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def folder(tmp_path):
    out = tmp_path / "out"
    write(out, base_docs())
    return out


def test_outputs_records_and_tables(folder):
    summary = reconcile(folder)
    arts = {a["doc_id"]: a for a in jsonl(folder / "articles.jsonl")}
    assert all(a["story_id"] for a in arts.values() if a["status"] == "coded")
    assert arts["bad"]["story_id"] is None and arts["bad"]["duplicate_of"] is None
    assert arts["f2"]["duplicate_of"] == "f1" and arts["f1"]["duplicate_of"] is None
    assert arts["f1"]["story_id"] == arts["f2"]["story_id"] == arts["f3"]["story_id"]
    assert arts["t1"]["story_id"] == arts["u1"]["story_id"] != arts["f1"]["story_id"]
    assert summary.articles == 5 and summary.duplicates == 1 and summary.stories == 2

    stories = {s["story_id"]: s for s in jsonl(folder / "stories.jsonl")}
    assert all(list(s) == STORY_KEYS for s in stories.values())
    flood = stories[arts["f1"]["story_id"]]
    assert flood["doc_ids"] == ["f1", "f2", "f3"] and flood["n_outlets"] == 3
    assert flood["first_published"] == "2024-04-07" and flood["last_published"] == "2024-04-08"
    assert flood["event_types"] == {"AID": 3, "REQUEST": 2}

    ses = jsonl(folder / "story_events.jsonl")
    assert all(list(s) == STORY_EVENT_KEYS for s in ses)
    assert all(list(r) == REPORT_KEYS for s in ses for r in s["reports"])
    aid = next(s for s in ses if s["event_type"] == "AID")
    assert aid["n_reports"] == 3 and aid["n_outlets"] == 3 and aid["n_independent"] == 2
    assert [c["kind"] for c in aid["conflicts"]] == ["negation"]
    assert 0 < aid["corroboration"] < 1

    con = duckdb.connect(str(folder / "eventwire.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM stories").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM story_events").fetchone()[0] == len(ses)
        assert con.execute("SELECT count(*) FROM story_event_reports").fetchone()[0] == sum(s["n_reports"] for s in ses)
        assert con.execute("SELECT count(*) FROM articles WHERE story_id IS NULL AND status = 'coded'").fetchone()[0] == 0
        assert con.execute("SELECT duplicate_of FROM articles WHERE doc_id = 'f2'").fetchone()[0] == "f1"
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 6
        # the README's queries
        three = con.execute(README_QUERY_INDEPENDENT.replace(">= 3", ">= 2")).fetchall()
        assert [r[1] for r in three] == ["AID"]
        conflicting = con.execute(README_QUERY_CONFLICTS).fetchall()
        assert [r[0] for r in conflicting] == [flood["story_id"]]
    finally:
        con.close()


README_QUERY_INDEPENDENT = """
SELECT story_id, event_type, source, target, event_date, n_independent, corroboration
FROM story_events WHERE n_independent >= 3 ORDER BY corroboration DESC
"""
README_QUERY_CONFLICTS = """
SELECT s.story_id, s.title, count(*) AS conflicts, list(DISTINCT c.kind) AS kinds
FROM stories s JOIN (SELECT story_id, unnest(conflicts) AS c FROM story_events) USING (story_id)
GROUP BY s.story_id, s.title ORDER BY conflicts DESC
"""


def test_tables_are_built_even_when_duckdb_runs_out_of_memory(folder):
    # a step that runs out of DuckDB memory is run again with twice the limit
    from eventwire.reconcile.tables import write_tables

    reconcile(folder, ReconcileSettings(tables=False))
    with pytest.raises(duckdb.OutOfMemoryException):   # the limit really is too small
        con = duckdb.connect()
        con.execute("SET memory_limit = '1MB'")
        con.execute("SELECT count(*) FROM (SELECT range % 1000 AS k FROM range(2000000) ORDER BY random())").fetchall()
    write_tables(folder, memory_limit="1MB")
    con = duckdb.connect(str(folder / "eventwire.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM stories").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM articles WHERE story_id IS NOT NULL").fetchone()[0] == 5
    finally:
        con.close()


def test_readme_holds_the_queries():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert " ".join(README_QUERY_INDEPENDENT.split()) in " ".join(readme.split())
    assert " ".join(README_QUERY_CONFLICTS.split()) in " ".join(readme.split())


def test_reconciling_twice_gives_the_same_files(folder):
    reconcile(folder)
    first = {n: (folder / n).read_bytes() for n in ("articles.jsonl", "stories.jsonl", "story_events.jsonl")}
    reconcile(folder)
    assert {n: (folder / n).read_bytes() for n in first} == first
    reconcile(folder, ReconcileSettings(resume=True))   # nothing new: the same again
    assert {n: (folder / n).read_bytes() for n in first} == first


def test_resume_adds_articles_to_existing_stories(tmp_path):
    out = tmp_path / "out"
    docs = base_docs()
    write(out, docs[:4])
    reconcile(out, ReconcileSettings(resume=True))
    before = {a["doc_id"]: a["story_id"] for a in jsonl(out / "articles.jsonl")}
    # the run goes on: RunWriter reads the reconciled articles.jsonl back as its commit records
    with RunWriter(out, resume=True) as w:
        assert w.done == set(before)
        w.write(art("f4", variant(FLOOD, 3), "2024-04-09", "Valley News", "Marenvale counts the damage"),
                [ev("f4", 0, "AID", ["XYZ"], ["ABC"])], 3)
        w.write(*docs[4], 3)
    summary = reconcile(out, ReconcileSettings(resume=True))
    after = {a["doc_id"]: a["story_id"] for a in jsonl(out / "articles.jsonl")}
    assert summary.resumed == 4
    assert all(after[d] == s for d, s in before.items())
    assert after["f4"] == before["f1"] and after["u1"] == before["t1"]
    aid = next(s for s in jsonl(out / "story_events.jsonl") if s["event_type"] == "AID")
    assert aid["n_reports"] == 4


def _varied_docs():
    """Two stories told over days by several outlets, copies among them, a late retelling, an
    undated article and one without words."""
    def retold(text: str, i: int) -> str:   # two of the sentences: six tellings of FLOOD, three of TALKS
        sents = text.split(". ")
        keep = list(itertools.combinations(range(len(sents)), 2))[i % (len(sents) * (len(sents) - 1) // 2)]
        return ". ".join(sents[j] for j in keep) + f". Update {i}."

    docs = []
    for i in range(12):
        day = f"2024-04-{7 + i // 3:02d}"
        docs.append((art(f"f{i:02d}", retold(FLOOD, i), day, f"outlet{i % 4}", "Marenvale"),
                     [ev(f"f{i:02d}", 0, "AID", ["XYZ"], ["ABC"])]))
        docs.append((art(f"t{i:02d}", retold(TALKS, i), day, f"outlet{i % 5}", "Tariffs cut"),
                     [ev(f"t{i:02d}", 0, "AGREE", ["NOR"], ["CHL"])]))
    docs += [(art("late", FLOOD, "2024-09-01", "Lake Wire", "Marenvale, months on"), []),
             (art("copy", FLOOD, "2024-09-02", "Harbour Daily", "Marenvale, months on"), []),
             (art("undated", variant(TALKS, 4), None, None, "Salmon deal"), []),
             (art("empty", "", "2024-04-08", "Lake Wire"), [])]
    return docs


@pytest.mark.parametrize("batch, window", [(1, 1), (2, 3), (64, 10)])
def test_one_streamed_reading_gives_the_stories_of_the_separate_in_memory_steps(tmp_path, batch, window):
    # reconcile() reads articles.jsonl once: near-duplicates and the clusterer's first pass
    # together, the features spilled to disk; the same as deduplicating every article first
    # and clustering the originals' feature matrix in memory
    from eventwire.reconcile.duplicates import find_duplicates
    from eventwire.reconcile.inputs import actors_by_doc, iter_docs
    from eventwire.reconcile.stories import ClusterSettings, StoryState, cluster

    out = tmp_path / "out"
    write(out, _varied_docs())
    stories = ClusterSettings(batch=batch, window_days=window)
    reconcile(out, ReconcileSettings(stories=stories, tables=False))
    got = {a["doc_id"]: a["story_id"] for a in jsonl(out / "articles.jsonl") if a["status"] == "coded"}

    actors = actors_by_doc(out)
    dedup = find_duplicates((d.doc_id, d.text, d.day) for d in iter_docs(out))
    mem = cluster((d for d in iter_docs(out, actors) if not dedup.duplicate_of[d.doc_id]), stories)
    want = {d: mem.assignment[dedup.duplicate_of[d] or d] for d in dedup.duplicate_of}
    assert got == want
    assert got["copy"] == got["late"] and len(set(got.values())) >= 2
    saved = StoryState.load(out / ".reconcile")      # document frequencies and centroids too
    assert saved.n_docs == mem.n_docs and (saved.df == mem.df).all()
    assert [(s.story_id, s.n, s.first_day, s.last_day, s.centroid.indices.tolist()) for s in saved.stories] == \
        [(s.story_id, s.n, s.first_day, s.last_day, s.centroid.indices.tolist()) for s in mem.stories]
    assert all(np.allclose(a.centroid.data, b.centroid.data, rtol=0, atol=1e-12)
               for a, b in zip(saved.stories, mem.stories))
    assert not (out / ".reconcile" / "features.spill").exists()


def test_thousands_of_near_identical_copies(tmp_path):
    out = tmp_path / "out"
    docs = [(art("orig", FLOOD, "2024-04-07", "Lake Wire"), [ev("orig", 0, "AID", ["XYZ"], ["ABC"])])]
    docs += [(art(f"c{i:04d}", FLOOD + f" Updated {i}.", "2024-04-07", f"site{i % 50}"),
              [ev(f"c{i:04d}", 0, "AID", ["XYZ"], ["ABC"])]) for i in range(1500)]
    write(out, docs)
    summary = reconcile(out, ReconcileSettings(tables=False))
    arts = jsonl(out / "articles.jsonl")
    assert summary.duplicates == 1500 and summary.stories == 1
    # all published the same day: the lowest id of the group is the original
    assert {a["duplicate_of"] for a in arts} == {None, "c0000"}
    (se,) = jsonl(out / "story_events.jsonl")
    assert se["n_reports"] == 1501 and se["n_independent"] == 1


def test_one_outlet_no_dates_no_events(tmp_path):
    out = tmp_path / "out"
    write(out, [(art("a", FLOOD, None, "Only Wire"), []), (art("b", TALKS, None, "Only Wire"), []),
                (art("c", "", None, "Only Wire"), [])])
    summary = reconcile(out)
    assert summary.stories == 3 and summary.story_events == 0
    assert all(a["story_id"] for a in jsonl(out / "articles.jsonl"))
    assert (out / "story_events.jsonl").read_bytes() == b""


def test_a_folder_without_articles(tmp_path):
    out = tmp_path / "out"
    write(out, [])
    summary = reconcile(out)
    assert summary.articles == 0 and (out / "stories.jsonl").exists()
    with pytest.raises(FileNotFoundError):
        reconcile(tmp_path / "nowhere")


def test_the_finaliser_step(folder):
    from eventwire.model import RunCounts
    from eventwire.pipeline import Config
    from eventwire.runner import RunContext

    step = ReconcileStep(replace(ReconcileSettings(), tables=False))
    ctx = RunContext(out_dir=folder, config=Config(), resume=False, counts=RunCounts())
    step.finish(ctx)
    assert step.summary.stories == 2 and ctx.outputs


def _cli(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "eventwire", *args], cwd=cwd, env=env, capture_output=True,
                          text=True)


def test_cli_reconcile(folder, tmp_path):
    r = _cli("reconcile", str(folder), "--threshold", "0.3", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "stories" in r.stderr and (folder / "stories.jsonl").exists()
    bad = _cli("reconcile", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert bad.returncode == 2 and "not an eventwire output folder" in bad.stderr
    worse = _cli("reconcile", str(folder), "--threshold", "3", cwd=tmp_path)
    assert worse.returncode == 2 and "--threshold" in worse.stderr


# --------------------------------------------------------------------------- slow: with the coder

@pytest.mark.slow
def test_the_written_example_end_to_end(tmp_path):
    from eventwire.runner import run

    out = tmp_path / "out"
    run([EXAMPLE], out)
    arts = {a["doc_id"]: a for a in jsonl(out / "articles.jsonl")}
    assert arts["hld-0312-017"]["duplicate_of"] == "cw-0311-001"
    trawler = {arts[d]["story_id"] for d in ("cw-0311-001", "hld-0312-017", "nah-0312-044", "ft-0313-008")}
    assert len(trawler) == 1 and arts["cw-0312-090"]["story_id"] not in trawler
    ses = jsonl(out / "story_events.jsonl")
    kinds = {c["kind"] for s in ses for c in s["conflicts"]}
    assert "denial" in kinds
    denial = next(c for s in ses for c in s["conflicts"] if c["kind"] == "denial")
    assert "NOR" in denial["detail"]


@pytest.mark.slow
def test_the_demo_corpus_end_to_end(tmp_path):
    from eventwire.runner import run

    out = tmp_path / "out"
    run([DEMO], out)
    arts = [a for a in jsonl(out / "articles.jsonl") if a["status"] == "coded"]
    assert arts and all(a["story_id"] for a in arts)
    stories = jsonl(out / "stories.jsonl")
    assert sum(s["n_articles"] for s in stories) == len(arts)
    # the two grain-corridor reports of 2024-03-04/05 are one story
    grain = {a["story_id"] for a in arts if "grain" in (a["title"] or "").lower()}
    assert len(grain) == 1


@pytest.mark.slow
@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS} (set EVENTWIRE_SHARED_DATA)")
def test_the_seeds_border_closure_is_one_story_event(tmp_path):
    from eventwire.runner import run

    out = tmp_path / "out"
    run([SEEDS], out)
    closures = [s for s in jsonl(out / "story_events.jsonl")
                if s["event_type"] == "COERCE" and "PRK" in s["source"] and s["mode"] == "restrict"]
    best = max(closures, key=lambda s: len({r["doc_id"] for r in s["reports"]}))
    assert len({r["doc_id"] for r in best["reports"]}) >= 3
    assert best["n_independent"] >= 3
