"""The runner's step protocol and the streaming API: custom writers and finalisers plug into
:func:`eventwire.runner.run` without editing it; :func:`eventwire.iter_code` keeps input order,
reads dicts as the JSON Lines reader does, and isolates a bad document."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventwire
from eventwire.api import iter_code
from eventwire.ingest import read_articles
from eventwire.model import Article, Result
from eventwire.pipeline import Config, Pipeline
from eventwire.runner import BaseStep, JsonlWriter, RunContext, Step, TablesFinaliser, default_steps, run

RULES = Config(type_model=False)
TEXTS = [
    "Russia accused Ukraine on Monday of shelling the border town of Belgorod.",
    "The weather in Vienna was mild on Tuesday, and markets were calm.",
    "Russia offered to send humanitarian aid to Syria after the earthquake.",
]


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "news.jsonl").write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n"
                                               for i, t in enumerate(TEXTS)), encoding="utf-8")
    return folder


class Recorder(BaseStep):
    """A writer and finaliser that records every call."""

    name = "recorder"

    def __init__(self, held: set[str] | None = None) -> None:
        self.calls: list[tuple] = []
        self.held = held

    def open(self, out_dir, resume):
        self.calls.append(("open", Path(out_dir).name, resume))
        return self.held

    def write(self, result: Result) -> None:
        self.calls.append(("write", result.record.doc_id, len(result.events)))

    def close(self) -> None:
        self.calls.append(("close",))

    def finish(self, ctx: RunContext) -> None:
        # a finaliser sees what the default writer wrote, closed and complete
        lines = (ctx.out_dir / "events.jsonl").read_text(encoding="utf-8").splitlines()
        self.calls.append(("finish", ctx.counts.documents, ctx.counts.events, len(lines)))
        (ctx.out_dir / "recorded.txt").write_text(str(len(lines)), encoding="utf-8")
        ctx.outputs["recorded"] = str(ctx.out_dir / "recorded.txt")


def test_default_steps_are_the_jsonl_writer_then_the_tables_then_the_later_stages():
    from eventwire.quotes.sink import QuotesTables, QuotesWriter
    from eventwire.reconcile import ReconcileStep
    from eventwire.report import ReportStep

    steps = default_steps()
    assert [type(s) for s in steps] == [QuotesWriter, JsonlWriter, TablesFinaliser, QuotesTables, ReconcileStep,
                                        ReportStep]
    assert [type(s) for s in default_steps(quotes=False, reconcile=False, report=False)] == [JsonlWriter,
                                                                                           TablesFinaliser]
    assert all(isinstance(s, Step) for s in steps) and isinstance(Recorder(), Step)


def test_a_custom_step_sees_every_result_in_order_then_finishes(tmp_path):
    rec = Recorder()
    summary = run([_corpus(tmp_path / "in")], tmp_path / "out", config=RULES, extra_steps=[rec])
    writes = [c for c in rec.calls if c[0] == "write"]
    assert [c[1] for c in writes] == ["d0", "d1", "d2"]
    assert rec.calls[0] == ("open", "out", False)
    assert rec.calls[-2:] == [("close",), ("finish", 3, summary.events, summary.events)]
    assert sum(c[2] for c in writes) == summary.events > 0
    # the defaults ran too, and every step's outputs are in the summary
    assert (tmp_path / "out" / "eventwire.duckdb").exists()
    assert {"articles_jsonl", "events_jsonl", "duckdb", "events_parquet", "recorded"} <= set(summary.outputs)
    assert summary.documents == summary.coded == 3 and summary.skipped == 0


def test_steps_replace_the_defaults(tmp_path):
    rec = Recorder()
    summary = run([_corpus(tmp_path / "in")], tmp_path / "out", config=RULES, steps=[JsonlWriter()],
                  extra_steps=[rec])
    assert (tmp_path / "out" / "events.jsonl").exists()
    assert not (tmp_path / "out" / "eventwire.duckdb").exists()      # no TablesFinaliser
    assert "duckdb" not in summary.outputs and summary.outputs["recorded"]


def test_summary_counts_come_from_one_tally(tmp_path):
    """RunSummary's figures are the run's RunCounts, and agree with what RunWriter wrote."""
    folder = _corpus(tmp_path / "in")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    jsonl = JsonlWriter()
    summary = run([folder], tmp_path / "out", config=RULES, steps=[jsonl])
    written = jsonl.writer.counts
    assert (summary.documents, summary.coded, summary.skipped, summary.events) == \
        (written.documents, written.coded, written.skipped, written.events) == (4, 3, 1, summary.events)
    assert summary.skip_reasons == {"empty": 1} and summary.by_type == dict(written.by_type)
    assert summary.sentences >= summary.parsed > 0


def test_a_failing_step_still_closes_the_others(tmp_path):
    class Boom(BaseStep):
        name = "boom"

        def write(self, result):
            raise RuntimeError("step failed")

    rec = Recorder()
    with pytest.raises(RuntimeError, match="step failed"):
        run([_corpus(tmp_path / "in")], tmp_path / "out", config=RULES, extra_steps=[rec, Boom()])
    assert rec.calls[-1] == ("close",)           # closed, never finished
    # the JSON Lines writer released the folder's lock: a new run can use it
    run([tmp_path / "in"], tmp_path / "out", config=RULES, steps=[JsonlWriter()])


def test_resume_skips_what_every_resumable_step_holds(tmp_path):
    folder = _corpus(tmp_path / "in")
    run([folder], tmp_path / "out", config=RULES, steps=[JsonlWriter()])
    # a second resumable step that holds only d0: d1 and d2 are coded again for it, but the
    # JSON Lines writer (which holds all three) ignores documents it already wrote
    rec = Recorder(held={"d0"})
    summary = run([folder], tmp_path / "out", config=RULES, resume=True, steps=[JsonlWriter(), rec])
    assert summary.resumed_from == 1
    assert [c[1] for c in rec.calls if c[0] == "write"] == ["d1", "d2"]


# --------------------------------------------------------------------------- iter_code

def test_iter_code_keeps_input_order_across_kinds(tmp_path):
    folder = _corpus(tmp_path / "in")
    items = [TEXTS[0], folder / "news.jsonl", {"id": "rec", "text": TEXTS[2]},
             Article(doc_id="art", text=TEXTS[1], language="en")]
    got = [r.record.doc_id for r in iter_code(items, config=RULES)]
    assert got == ["text-1", "d0", "d1", "d2", "rec", "art"]
    assert [r.record.doc_id for r in eventwire.code(items, config=RULES)] == got


def test_iter_code_is_lazy(tmp_path):
    """The first result comes before the input is exhausted (a stream, not a list)."""
    seen = []

    def items():
        for i in range(100):
            seen.append(i)
            yield TEXTS[i % len(TEXTS)]

    first = next(iter_code(items(), config=RULES, batch_docs=4))
    assert first.record.doc_id == "text-1" and len(seen) < 100


def test_a_dict_becomes_the_article_a_jsonl_line_becomes(tmp_path):
    record = {"id": " r1 ", "text": TEXTS[0], "title": "Border row", "published": 20240304,
              "outlet": "Zenda Post", "url": "https://zenda.example/a", "section": "world", "ignored": [1, 2]}
    (tmp_path / "one.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    from_file = next(read_articles([tmp_path / "one.jsonl"]))
    from_api = next(iter_code([record], config=RULES)).record
    assert isinstance(from_api, Article) and from_api.source_path is None
    for name in ("doc_id", "text", "title", "outlet", "published", "url", "language", "truncated"):
        assert getattr(from_api, name) == getattr(from_file, name), name
    assert from_api.meta["fields"] == from_file.meta["fields"] == {"section": "world"}
    bad = [r.record for r in iter_code([{"id": "x"}, {"id": "x", "text": "  "}, {"text": None}], config=RULES)]
    assert [(b.doc_id, b.reason) for b in bad] == [("x", "no_text"), ("x#2", "empty"), ("text-3", "no_text")]


def test_iter_code_isolates_a_document_that_fails_to_code(tmp_path, monkeypatch):
    real = Pipeline.code_articles

    def code_articles(self, articles):
        if any("EXPLODE" in a.text for a in articles):
            raise RuntimeError("simulated coding bug")
        return real(self, articles)

    monkeypatch.setattr(Pipeline, "code_articles", code_articles)
    texts = [TEXTS[0], TEXTS[1] + " EXPLODE.", TEXTS[2]]
    results = list(iter_code(texts, config=RULES))
    assert [r.record.doc_id for r in results] == ["text-1", "text-2", "text-3"]
    assert [r.coded for r in results] == [True, False, True]
    assert results[1].record.reason == "coding_error" and "simulated coding bug" in results[1].record.message
    assert results[0].events and results[2].events
