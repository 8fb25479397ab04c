"""The Spark job's Python side, without a JVM: work planning, range reading, failure isolation, schemas.

``eventwire.spark.plan`` cuts a JSON Lines file into byte ranges and the workers read each range
with ``eventwire.ingest.readers.jsonl_chunk_units``: together they must give exactly the units
``iter_units`` gives, whatever the cut.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.ingest.readers import iter_units
from eventwire.model import Article, Skipped
from eventwire.pipeline import Config, Result
from eventwire.sinks.tables import ARTICLES_SCHEMA, EVENTS_SCHEMA
from eventwire.spark import plan, worker


def _lines(tmp_path: Path) -> Path:
    recs = [
        json.dumps({"id": "a", "text": "Ruritania accused Freedonia of shelling the border town on Monday."}),
        "",                                             # blank line: no unit
        "{not json",                                   # bad_json, fallback id file:line
        json.dumps(["a list"]),                         # not_an_object
        json.dumps({"id": "b", "text": "   "}),          # empty
        json.dumps({"title": "no id", "text": "Officials met in Geneva."}),   # fallback id
        json.dumps({"id": "a", "text": "A repeated id in the same range becomes a#2."}),
        json.dumps({"id": "c", "html": "<html><body><p>Police detained protesters in Tbilisi.</p></body></html>",
                    "published": "2024-03-05", "outlet": "Wire", "url": "https://example.org/c"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(recs) + "\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("Thousands protested in the capital on Sunday.", encoding="utf-8")
    return tmp_path


def _key(u) -> tuple:
    if isinstance(u, Skipped):
        return ("skipped", u.doc_id, u.reason, u.message, u.source_path)
    return ("unit", u.doc_id, u.kind, u.content, u.title, u.url, u.published, u.outlet, u.line, tuple(sorted(u.extra.items())))


@pytest.mark.parametrize("range_bytes", [None, 1, 40, 100])
def test_ranges_read_like_iter_units(tmp_path, range_bytes):
    folder = _lines(tmp_path)
    expected = [_key(u) for u in iter_units([folder])]
    tasks = plan.plan_tasks([folder], partitions=3, range_bytes=range_bytes)
    got = [_key(u) for t in tasks for u in worker.task_units(t)]
    # ids are made unique run-wide by the job (a Spark window, see test_spark.py), not by a range's reader
    expected = [(k[0], "a", *k[2:]) if k[1] == "a#2" else k for k in expected]
    assert got == expected
    if range_bytes:
        assert any(t["kind"] == "jsonl_range" for t in tasks)
    assert [t["seq"] for t in tasks] == list(range(len(tasks)))


def test_line_ranges_cover_the_file(tmp_path):
    path = _lines(tmp_path) / "feed.jsonl"
    data = path.read_bytes()
    for target in (1, 7, 50, 10_000):
        ranges = plan.line_ranges(path, target)
        assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
        assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
        assert all(data[end - 1:end] == b"\n" for _, end, _ in ranges)
        assert [first for _, _, first in ranges] == [data[:s].count(b"\n") + 1 for s, _, _ in ranges]


def test_a_document_that_fails_is_a_skipped_row(monkeypatch):
    class Pipe:
        def code_articles(self, articles):
            if any("poison" in a.text for a in articles):
                raise RuntimeError("parser crashed")
            return [Result(a, [], 1, 0) for a in articles]

    monkeypatch.setattr(worker, "get_pipeline", lambda config: Pipe())
    rows = [{"id": "ok", "text": "Officials met in Geneva on Monday."},
            {"id": "bad", "text": "A poison document makes the parser crash."},
            {"id": "empty", "text": ""}]
    results = worker._code_batch([worker._row_unit(r) for r in rows], Config())
    assert [r.record.doc_id for r in results] == ["ok", "bad", "empty"]
    assert isinstance(results[0].record, Article)
    assert (results[1].record.reason, results[1].record.message) == ("coding_error", "RuntimeError: parser crashed")
    assert results[2].record.reason == "empty"
    batch = worker._batch(results, [0, 1, 2])
    arts = [row["article"] for row in batch.to_pylist()]
    assert [(a["status"], a["reason"]) for a in arts] == [("coded", None), ("skipped", "coding_error"), ("skipped", "empty")]
    assert all(a["source_path"] is None for a in arts)


def test_spark_schemas_are_the_parquet_schemas():
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'eventwire[spark]')")
    from eventwire.spark import articles_spark_schema, events_spark_schema

    assert events_spark_schema().fieldNames() == EVENTS_SCHEMA.names
    assert articles_spark_schema().fieldNames() == ARTICLES_SCHEMA.names
    actor = dict((f.name, f.dataType.simpleString()) for f in events_spark_schema().fields)["attribution"]
    assert actor.startswith("struct<text:string,name:string,country:string")


@pytest.mark.parametrize("args, message", [
    (["/no/such/input", "--out", "OUT"], "no such file or folder"),
    (["DEMO", "--out", "OUT", "--partitions", "-1"], "--partitions"),
    (["DEMO", "--out", "OUT", "--max-chars", "10"], "--max-chars"),
])
def test_spark_command_usage_errors(tmp_path, args, message):
    """Usage errors are found before any JVM starts: exit 2, one line."""
    from typer.testing import CliRunner

    from eventwire.cli import app

    demo = Path(__file__).resolve().parents[1] / "examples" / "demo"
    args = [a.replace("DEMO", str(demo)).replace("OUT", str(tmp_path / "out")) for a in args]
    res = CliRunner().invoke(app, ["spark", *args])
    assert res.exit_code == 2
    assert message in " ".join(res.output.split())
    assert not (tmp_path / "out").exists()
