"""Tests of the output sinks: JSONL run writer (durable, resumable), Parquet, DuckDB."""
from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.model import Actor, Article, Event, Skipped, to_dict
from eventwire.sinks.jsonl import (
    ARTICLE_KEYS,
    RunWriter,
    dumps_line,
    iter_jsonl,
    repair_torn_tail,
)
from eventwire.sinks.tables import (
    ACTOR_TYPE,
    ARTICLES_SCHEMA,
    EVENTS_SCHEMA,
    finalize,
    write_duckdb,
    write_parquet,
)

UNICODE_TEXT = (
    "Zürich — «Ministre» a dit: 北京 rejects Kyiv's proposal. "
    "طهران تهدد 🚀 emoji, line\nbreak, tab\t, quote \" and \\ backslash, "
    "sep\u2028para\u2029, nbsp\u00a0end."
)


# --------------------------------------------------------------------------- fixtures

def make_article(doc_id: str, text: str = "Country Alpha accused Country Beta of shelling.", **kw) -> Article:
    defaults = dict(title=f"Title {doc_id}", outlet="The Daily Test", published="2023-04-05",
                    url=f"https://example.test/{doc_id}", language="en",
                    source_path=f"/in/{doc_id}.txt", truncated=False, meta={"x": 1})
    defaults.update(kw)
    return Article(doc_id=doc_id, text=text, **defaults)


def make_event(doc_id: str, n: int, event_type: str = "ACCUSE", *, n_src: int = 1, n_tgt: int = 1,
               attribution: bool = False, sentence: str = "Alpha accused Beta.") -> Event:
    src = [Actor(text=f"Alpha{i}", name="Alphaland", country="ALP", sector="GOV", char_start=0,
                 char_end=5, entry=f"alp-{i}", score=1.0) for i in range(n_src)]
    tgt = [Actor(text=f"Beta{i}", name=None, country="BET" if i == 0 else None, sector="MIL",
                 char_start=14, char_end=18, entry=None, score=0.8) for i in range(n_tgt)]
    att = Actor(text="officials", sector="GOV", score=0.9) if attribution else None
    return Event(
        id=f"{doc_id}-e{n}", doc_id=doc_id, event_type=event_type, mode="military", context=["conflict"],
        source=src, target=tgt, event_date="2023-04-04", date_precision="day", negated=False,
        modality="reported" if attribution else "asserted", attribution=att, sentence=sentence,
        sentence_index=n, char_start=0, char_end=len(sentence), trigger="accused", trigger_start=6,
        trigger_end=13, rules=["accuse.v.1"], confidence=0.75, place=None, time_text="yesterday",
        story_date="2023-04-05", publisher="The Daily Test",
    )


def read_lines(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n")
    return [json.loads(line) for line in raw.split(b"\n") if line]


def write_sample(out: Path) -> None:
    with RunWriter(out) as w:
        w.write(make_article("d1"), [make_event("d1", 0), make_event("d1", 1, "THREATEN", n_src=2,
                                                                            attribution=True)], 3)
        w.write(Skipped(doc_id="d2", reason="not_english:de", message="German text",
                        source_path="/in/d2.txt", language="de"), [], 0)
        w.write(make_article("d3"), [], 1)
        w.write(make_article("d4"), [make_event("d4", 0, "AID", n_src=0, n_tgt=3)], 2)


# --------------------------------------------------------------------------- JSONL

def test_write_and_read_back(tmp_path: Path) -> None:
    out = tmp_path / "run"
    with RunWriter(out) as w:
        evs = [make_event("d1", 0), make_event("d1", 1, "THREATEN", attribution=True)]
        w.write(make_article("d1"), evs, 3)
        w.write(Skipped(doc_id="d2", reason="empty", message="no text", source_path="/in/d2"), [], 0)
        w.write(make_article("d3", truncated=True), [], 1)
        assert (w.n_docs, w.n_coded, w.n_skipped, w.n_events) == (3, 2, 1, 2)
        assert w.by_type == Counter({"ACCUSE": 1, "THREATEN": 1})
        assert w.done == {"d1", "d2", "d3"}
        assert w.event_ids == {"d1-e0", "d1-e1"}

    arts = read_lines(out / "articles.jsonl")
    assert [a["doc_id"] for a in arts] == ["d1", "d2", "d3"]
    for a in arts:
        assert tuple(a) == ARTICLE_KEYS
    a1, s2, a3 = arts
    assert a1["status"] == "coded" and a1["reason"] is None and a1["message"] is None
    assert a1["n_events"] == 2 and a1["n_sentences"] == 3 and a1["truncated"] is False
    assert a1["published"] == "2023-04-05" and a1["text"].startswith("Country Alpha")
    assert s2 == {**dict.fromkeys(ARTICLE_KEYS), "doc_id": "d2", "status": "skipped", "reason": "empty",
                  "message": "no text", "source_path": "/in/d2"}
    assert a3["truncated"] is True and a3["n_events"] == 0

    events = read_lines(out / "events.jsonl")
    assert events == [to_dict(e) for e in evs]
    assert events[1]["attribution"]["text"] == "officials"
    assert events[0]["attribution"] is None
    assert set(events[0]["source"][0]) == {"text", "name", "country", "sector", "char_start", "char_end",
                                           "entry", "score"}


def test_fresh_run_truncates(tmp_path: Path) -> None:
    write_sample(tmp_path)
    with RunWriter(tmp_path) as w:
        assert w.done == set()
        w.write(make_article("z"), [], 0)
    assert [a["doc_id"] for a in read_lines(tmp_path / "articles.jsonl")] == ["z"]
    assert read_lines(tmp_path / "events.jsonl") == []


def test_write_validation(tmp_path: Path) -> None:
    with RunWriter(tmp_path) as w:
        with pytest.raises(ValueError, match="doc_id"):
            w.write(make_article("a"), [make_event("other", 0)], 1)
        with pytest.raises(ValueError, match="skipped"):
            w.write(Skipped("s", "empty"), [make_event("s", 0)], 0)
        with pytest.raises(ValueError, match="duplicate event id"):
            w.write(make_article("a"), [make_event("a", 0), make_event("a", 0)], 1)
        with pytest.raises(TypeError):
            w.write("not a record", [], 0)  # type: ignore[arg-type]
        assert w.n_docs == 0  # nothing half-written by the failures
        w.write(make_article("a"), [make_event("a", 0)], 1)
        w.write(make_article("a"), [make_event("a", 1)], 1)  # already done: ignored
        assert w.n_duplicate_docs == 1 and w.n_docs == 1
    assert len(read_lines(tmp_path / "events.jsonl")) == 1
    assert len(read_lines(tmp_path / "articles.jsonl")) == 1


def test_directory_lock(tmp_path: Path) -> None:
    with RunWriter(tmp_path):
        with pytest.raises(RuntimeError, match="in use"):
            RunWriter(tmp_path, resume=True)
    with RunWriter(tmp_path, resume=True) as w:  # released on close
        assert w.done == set()


def test_resume_on_empty_dir(tmp_path: Path) -> None:
    with RunWriter(tmp_path / "new", resume=True) as w:
        assert w.done == set() and w.event_ids == set()
        w.write(make_article("a"), [], 0)
    assert (tmp_path / "new" / "events.jsonl").read_bytes() == b""


def test_torn_line_repair(tmp_path: Path) -> None:
    write_sample(tmp_path)
    arts_before = (tmp_path / "articles.jsonl").read_bytes()
    # a SIGKILL in the middle of writing the next document's event, then mid article line
    with open(tmp_path / "events.jsonl", "ab") as fh:
        fh.write(dumps_line(to_dict(make_event("d5", 0)))[:37])
    with open(tmp_path / "articles.jsonl", "ab") as fh:
        fh.write(b'{"doc_id":"d9","status":"co')

    with RunWriter(tmp_path, resume=True) as w:
        assert w.done == {"d1", "d2", "d3", "d4"}
        assert w.event_ids == {"d1-e0", "d1-e1", "d4-e0"}
        assert w.n_resumed == 4
        w.write(make_article("d5"), [make_event("d5", 0)], 1)
        assert w.n_docs == 1  # counters count this session only

    assert (tmp_path / "articles.jsonl").read_bytes().startswith(arts_before)
    arts = read_lines(tmp_path / "articles.jsonl")
    events = read_lines(tmp_path / "events.jsonl")
    assert [a["doc_id"] for a in arts] == ["d1", "d2", "d3", "d4", "d5"]
    assert [e["id"] for e in events] == ["d1-e0", "d1-e1", "d4-e0", "d5-e0"]


def test_repair_torn_tail_unit(tmp_path: Path) -> None:
    p = tmp_path / "f.jsonl"
    p.write_bytes(b"")
    assert repair_torn_tail(p) == 0
    p.write_bytes(b'{"a":1}\n{"a":2}\n')
    assert repair_torn_tail(p) == 0
    p.write_bytes(b'{"a":1}\n' + b"x" * 100_000)  # torn tail longer than one read chunk
    assert repair_torn_tail(p, chunk=4096) == 100_000
    assert p.read_bytes() == b'{"a":1}\n'
    p.write_bytes(b'{"a":')  # no complete line at all
    repair_torn_tail(p)
    assert p.read_bytes() == b""
    assert repair_torn_tail(tmp_path / "missing") == 0


def test_resume_drops_orphan_events(tmp_path: Path) -> None:
    write_sample(tmp_path)
    # doc d5 was interrupted after two of its events but before its article record
    with open(tmp_path / "events.jsonl", "ab") as fh:
        fh.write(dumps_line(to_dict(make_event("d5", 0))))
        fh.write(dumps_line(to_dict(make_event("d5", 1))))
        fh.write(dumps_line(to_dict(make_event("d5", 2)))[:-20])  # torn third one

    with RunWriter(tmp_path, resume=True) as w:
        assert "d5" not in w.done
        assert w.done == {"d1", "d2", "d3", "d4"}
        assert w.n_dropped_events == 2
        assert not any(e.startswith("d5") for e in w.event_ids)
        # re-coding the document duplicates nothing
        w.write(make_article("d5"), [make_event("d5", 0), make_event("d5", 1), make_event("d5", 2)], 2)

    events = read_lines(tmp_path / "events.jsonl")
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids))
    assert ids == ["d1-e0", "d1-e1", "d4-e0", "d5-e0", "d5-e1", "d5-e2"]
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))
    assert (tmp_path / "events.jsonl").stat().st_mode == (tmp_path / "articles.jsonl").stat().st_mode


def test_resume_drops_doc_with_missing_events(tmp_path: Path) -> None:
    """An article record whose events did not all reach the disk (e.g. power loss between
    fsyncs) is not trusted: the record and its remaining events are removed."""
    write_sample(tmp_path)
    lines = (tmp_path / "events.jsonl").read_bytes().splitlines(keepends=True)
    assert json.loads(lines[1])["id"] == "d1-e1"
    (tmp_path / "events.jsonl").write_bytes(b"".join(lines[:1] + lines[2:]))

    with RunWriter(tmp_path, resume=True) as w:
        assert w.done == {"d2", "d3", "d4"}
        assert w.n_dropped_articles == 1 and w.n_dropped_events == 1
    assert [a["doc_id"] for a in read_lines(tmp_path / "articles.jsonl")] == ["d2", "d3", "d4"]
    assert [e["id"] for e in read_lines(tmp_path / "events.jsonl")] == ["d4-e0"]


def test_resume_after_sigkill(tmp_path: Path) -> None:
    """A real writer process killed with SIGKILL mid-run leaves a resumable directory."""
    out = tmp_path / "run"
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_sinks import make_article, make_event
        from eventwire.sinks.jsonl import RunWriter
        w = RunWriter({str(out)!r}, fsync_every=10**9)
        i = 0
        while True:
            d = f"doc{{i}}"
            w.write(make_article(d, "x" * 20000), [make_event(d, k, sentence="s" * 30000) for k in range(i % 4)], 1)
            i += 1
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parent.parent)
    try:
        deadline = time.monotonic() + 30
        arts = out / "articles.jsonl"
        while time.monotonic() < deadline and (not arts.exists() or arts.stat().st_size < 2_000_000):
            assert proc.poll() is None, "writer process died"
            time.sleep(0.01)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()

    with RunWriter(out, resume=True) as w:
        done = set(w.done)
        assert len(done) > 10
        n = len(done)
        w.write(make_article(f"doc{n}"), [make_event(f"doc{n}", k) for k in range(n % 4)], 1)
    arts = read_lines(out / "articles.jsonl")
    events = read_lines(out / "events.jsonl")
    assert [a["doc_id"] for a in arts] == [f"doc{i}" for i in range(n + 1)]
    per_doc = Counter(e["doc_id"] for e in events)
    for a in arts:
        assert per_doc.get(a["doc_id"], 0) == a["n_events"] == int(a["doc_id"][3:]) % 4
    assert len({e["id"] for e in events}) == len(events)


_KILL_SCRIPT = """
import os, signal, sys
from eventwire.sinks import jsonl
sys.path.insert(0, {tests!r})
from test_sinks import make_article, make_event

where = {where!r}

class Dying:
    # wraps a file: the first write is cut in half (or dropped), flushed, then the process dies
    def __init__(self, fh):
        self.fh = fh
    def write(self, b):
        self.fh.write(b[: len(b) // 2] if where.endswith("torn") else b"")
        self.fh.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    def __getattr__(self, name):
        return getattr(self.fh, name)

w = jsonl.RunWriter({out!r}, fsync_every=10**9)
for i in range(5):
    w.write(make_article(f"doc{{i}}"), [make_event(f"doc{{i}}", k) for k in range(i % 3)], 1)
if where == "events_torn":
    w._events = Dying(w._events)
else:  # "between": events flushed, article record never written; "article_torn"
    w._articles = Dying(w._articles)
w.write(make_article("doc5"), [make_event("doc5", k) for k in range(3)], 1)
raise SystemExit("not killed")
"""


@pytest.mark.parametrize("where", ["events_torn", "between", "article_torn"])
def test_resume_after_deterministic_sigkill(tmp_path: Path, where: str) -> None:
    out = tmp_path / "run"
    script = _KILL_SCRIPT.format(tests=str(Path(__file__).parent), where=where, out=str(out))
    proc = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parent.parent)
    assert proc.returncode == -signal.SIGKILL
    tail = (out / ("events.jsonl" if where == "events_torn" else "articles.jsonl")).read_bytes()
    assert tail.endswith(b"\n") == (where == "between")
    # doc5's three events are one write: cut in half, one complete orphan line remains

    with RunWriter(out, resume=True) as w:
        assert w.done == {f"doc{i}" for i in range(5)}
        assert w.n_dropped_events == (1 if where == "events_torn" else 3)
        w.write(make_article("doc5"), [make_event("doc5", k) for k in range(3)], 1)
    arts = read_lines(out / "articles.jsonl")
    events = read_lines(out / "events.jsonl")
    assert [a["doc_id"] for a in arts] == [f"doc{i}" for i in range(6)]
    assert [e["id"] for e in events] == [f"doc{i}-e{k}" for i in range(6) for k in range((i % 3) if i < 5 else 3)]
    assert finalize(out)["rows"]["events"] == len(events)


# --------------------------------------------------------------------------- Parquet / DuckDB

def test_events_schema_matches_model() -> None:
    assert EVENTS_SCHEMA.names == [f.name for f in dataclasses.fields(Event)]
    assert [f.name for f in ACTOR_TYPE] == [f.name for f in dataclasses.fields(Actor)]
    assert tuple(ARTICLES_SCHEMA.names) == ARTICLE_KEYS


def test_parquet(tmp_path: Path) -> None:
    write_sample(tmp_path)
    paths = write_parquet(tmp_path)
    assert paths == {"articles": tmp_path / "articles.parquet", "events": tmp_path / "events.parquet"}

    ev = pq.read_table(paths["events"])
    assert ev.schema.remove_metadata() == EVENTS_SCHEMA
    assert ev.schema.field("source").type == pa.list_(ACTOR_TYPE)
    assert ev.schema.field("attribution").type == ACTOR_TYPE
    assert ev.num_rows == 3
    assert ev.to_pylist() == read_lines(tmp_path / "events.jsonl")

    art = pq.read_table(paths["articles"])
    assert art.schema.remove_metadata() == ARTICLES_SCHEMA
    assert art.to_pylist() == read_lines(tmp_path / "articles.jsonl")


def test_parquet_batches(tmp_path: Path) -> None:
    with RunWriter(tmp_path) as w:
        for i in range(23):
            w.write(make_article(f"a{i}", "t" * 1000), [make_event(f"a{i}", k) for k in range(i % 3)], 1)
    write_parquet(tmp_path, batch_rows=5)
    assert pq.ParquetFile(tmp_path / "articles.parquet").metadata.num_row_groups == 5
    assert pq.read_table(tmp_path / "events.parquet").num_rows == sum(i % 3 for i in range(23))
    write_parquet(tmp_path, batch_rows=10**6, batch_bytes=4000)  # byte bound cuts batches too
    assert pq.ParquetFile(tmp_path / "articles.parquet").metadata.num_row_groups >= 5
    assert pq.read_table(tmp_path / "articles.parquet").num_rows == 23


def test_duckdb(tmp_path: Path) -> None:
    write_sample(tmp_path)
    res = finalize(tmp_path)
    assert res["duckdb"] == tmp_path / "eventwire.duckdb"
    assert res["articles_parquet"].exists() and res["events_parquet"].exists()
    # d1: 1+1 and 2+1+attribution; d4: 0 + 3
    assert res["rows"] == {"articles": 4, "events": 3, "actors": 2 + 4 + 3}

    con = duckdb.connect(str(res["duckdb"]), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"articles", "events", "actors"} <= tables
        cols = {r[0]: r[1] for r in con.execute("DESCRIBE events").fetchall()}
        assert list(cols)[: len(EVENTS_SCHEMA)] == EVENTS_SCHEMA.names
        assert cols["source"].endswith("[]") and cols["source"].startswith("STRUCT(")
        assert cols["attribution"].startswith("STRUCT(")
        for c in ("source_country", "source_sector", "target_country", "target_sector"):
            assert cols[c] == "VARCHAR"
        actor_cols = [r[0] for r in con.execute("DESCRIBE actors").fetchall()]
        assert actor_cols[:8] == ["event_id", "doc_id", "role", "position", "text", "name", "country", "sector"]
        art_cols = [r[0] for r in con.execute("DESCRIBE articles").fetchall()]
        assert tuple(art_cols) == ARTICLE_KEYS

        flat = con.execute("SELECT id, source_country, source_sector, target_country, target_sector "
                           "FROM events ORDER BY id").fetchall()
        assert flat == [("d1-e0", "ALP", "GOV", "BET", "MIL"), ("d1-e1", "ALP", "GOV", "BET", "MIL"),
                        ("d4-e0", None, None, "BET", "MIL")]

        rows = con.execute("""
            SELECT e.event_type, a.role, count(*) AS n, min(a.position), max(a.position)
            FROM events e JOIN actors a ON a.event_id = e.id
            GROUP BY ALL ORDER BY ALL
        """).fetchall()
        assert rows == [("ACCUSE", "source", 1, 0, 0), ("ACCUSE", "target", 1, 0, 0),
                        ("AID", "target", 3, 0, 2),
                        ("THREATEN", "attribution", 1, 0, 0), ("THREATEN", "source", 2, 0, 1),
                        ("THREATEN", "target", 1, 0, 0)]
        # articles x events join
        n = con.execute("SELECT count(*) FROM articles ar JOIN events e USING (doc_id) "
                        "WHERE ar.status = 'coded' AND ar.n_events > 0").fetchone()[0]
        assert n == 3
        skipped = con.execute("SELECT doc_id, reason, n_events FROM articles WHERE status='skipped'").fetchall()
        assert skipped == [("d2", "not_english:de", None)]
    finally:
        con.close()


def test_duckdb_replaced_atomically(tmp_path: Path) -> None:
    write_sample(tmp_path)
    finalize(tmp_path)
    with RunWriter(tmp_path) as w:  # a fresh, smaller run in the same directory
        w.write(make_article("only"), [make_event("only", 0)], 1)
    res = finalize(tmp_path)
    assert res["rows"] == {"articles": 1, "events": 1, "actors": 2}
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".wal"))]
    assert leftovers == []
    # replaced files keep ordinary (umask) permissions, like the JSONL files
    mode = (tmp_path / "events.jsonl").stat().st_mode & 0o777
    for name in ("events.parquet", "articles.parquet", "eventwire.duckdb"):
        assert (tmp_path / name).stat().st_mode & 0o777 == mode


def test_write_duckdb_builds_missing_or_stale_parquet(tmp_path: Path) -> None:
    write_sample(tmp_path)
    db = write_duckdb(tmp_path, tmp_path / "sub" / "x.duckdb")
    assert (tmp_path / "events.parquet").exists()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 3
    con.close()
    time.sleep(0.01)
    with RunWriter(tmp_path, resume=True) as w:
        w.write(make_article("d5"), [make_event("d5", 0)], 1)
    db = write_duckdb(tmp_path, tmp_path / "sub" / "x.duckdb")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 4
    con.close()


@pytest.mark.parametrize("only_skipped", [False, True])
def test_zero_events(tmp_path: Path, only_skipped: bool) -> None:
    if only_skipped:
        with RunWriter(tmp_path) as w:
            w.write(Skipped("s1", "binary"), [], 0)
            w.write(make_article("a1"), [], 0)
    else:
        with RunWriter(tmp_path):
            pass
    res = finalize(tmp_path)
    assert res["rows"] == {"articles": 2 if only_skipped else 0, "events": 0, "actors": 0}
    assert pq.read_table(res["events_parquet"]).schema.remove_metadata() == EVENTS_SCHEMA
    assert pq.read_table(res["articles_parquet"]).schema.remove_metadata() == ARTICLES_SCHEMA
    con = duckdb.connect(str(res["duckdb"]), read_only=True)
    try:
        ev_cols = [r[0] for r in con.execute("DESCRIBE events").fetchall()]
        assert ev_cols == EVENTS_SCHEMA.names + ["source_country", "source_sector", "target_country",
                                                 "target_sector", "place_name", "place_country", "lat", "lon"]
        assert [r[0] for r in con.execute("DESCRIBE actors").fetchall()][:4] == [
            "event_id", "doc_id", "role", "position"]
        assert con.execute("SELECT count(*) FROM events e JOIN actors a ON a.event_id = e.id").fetchone()[0] == 0
    finally:
        con.close()


def test_finalize_without_jsonl(tmp_path: Path) -> None:
    res = finalize(tmp_path)
    assert res["rows"] == {"articles": 0, "events": 0, "actors": 0}


# --------------------------------------------------------------------------- Unicode

def test_unicode_round_trip(tmp_path: Path) -> None:
    ev = make_event("ü-1", 0, sentence=UNICODE_TEXT)
    ev.source[0].text = "北京"
    ev.source[0].name = "Pékin"
    with RunWriter(tmp_path) as w:
        w.write(make_article("ü-1", UNICODE_TEXT, title="Titre «été» 🚀"), [ev], 1)
    raw = (tmp_path / "articles.jsonl").read_bytes()
    assert raw.count(b"\n") == 1  # newlines, U+2028 etc. never split a record
    (a,) = read_lines(tmp_path / "articles.jsonl")
    assert a["text"] == UNICODE_TEXT and a["title"] == "Titre «été» 🚀"
    assert "北京".encode() in raw  # written as UTF-8, not \\u escapes
    (e,) = read_lines(tmp_path / "events.jsonl")
    assert e["sentence"] == UNICODE_TEXT and e["source"][0]["text"] == "北京"

    res = finalize(tmp_path)
    assert pq.read_table(res["articles_parquet"]).column("text").to_pylist() == [UNICODE_TEXT]
    con = duckdb.connect(str(res["duckdb"]), read_only=True)
    try:
        assert con.execute("SELECT text FROM articles").fetchone()[0] == UNICODE_TEXT
        assert con.execute("SELECT sentence FROM events").fetchone()[0] == UNICODE_TEXT
        assert con.execute("SELECT name FROM actors WHERE text = '北京'").fetchone()[0] == "Pékin"
        assert con.execute("SELECT doc_id FROM events").fetchone()[0] == "ü-1"
    finally:
        con.close()


def test_lone_surrogate_does_not_break_output(tmp_path: Path) -> None:
    text = "bad byte \udcff here"
    with RunWriter(tmp_path) as w:
        w.write(make_article("s", text), [], 0)
    (a,) = read_lines(tmp_path / "articles.jsonl")
    assert a["text"] == "bad byte ? here" and len(a["text"]) == len(text)
    assert finalize(tmp_path)["rows"]["articles"] == 1


@settings(max_examples=60, deadline=None)
@given(st.text(), st.dictionaries(st.text(max_size=5), st.text(max_size=20), max_size=3))
def test_jsonl_line_round_trip(text: str, extra: dict) -> None:
    line = dumps_line({"text": text, **extra})
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line) == {"text": text, **extra}


def test_iter_jsonl_errors(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_bytes(b'{"a":1}\n\n{"a":2}\n{"a":')
    assert list(iter_jsonl(p)) == [{"a": 1}, {"a": 2}]  # torn tail tolerated
    with pytest.raises(ValueError, match="x.jsonl:4"):
        list(iter_jsonl(p, tolerate_torn_tail=False))
    p.write_bytes(b'{"a":1}\nnot json\n{"a":2}\n')
    with pytest.raises(ValueError, match="x.jsonl:2"):
        list(iter_jsonl(p))
