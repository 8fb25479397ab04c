"""A whole run: a corpus to an output folder, through a list of pluggable steps.

:func:`run` streams the result of every input unit (:func:`eventwire.pipeline.iter_results`,
in input order, on ``jobs`` processes) through a list of :class:`Step` objects:

1. ``open(out_dir, resume)`` on every step, in order; a step that keeps state across an
   interrupted run returns the doc ids it already holds (those are not coded again when
   every such step holds them), other steps return ``None``;
2. ``write(result)`` on every step for each document's :class:`~eventwire.model.Result`,
   as it streams (writers: JSON Lines now; quotes and claims next);
3. ``close()`` on every step, in reverse order, also when the run fails (release files and
   locks);
4. ``finish(ctx)`` on every step, in order, once the last document is written and every
   step closed (finalisers: Parquet and DuckDB now; reconciliation and the report next).
   ``ctx`` is the :class:`RunContext`: the output folder, the config, the run's counts, and
   ``outputs``, where a step records what it wrote.

A writer implements ``write``; a finaliser implements ``finish``; :class:`BaseStep` gives the
others as no-ops.  :func:`default_steps` is the list ``run`` uses when ``steps`` is not given:
:class:`JsonlWriter` then :class:`TablesFinaliser`.  A new stage is a new step passed in
``extra_steps`` (run after the defaults), never an edit of :func:`run`::

    class Count(BaseStep):
        name = "count"
        def finish(self, ctx):
            (ctx.out_dir / "count.txt").write_text(str(ctx.counts.events))
            ctx.outputs["count"] = str(ctx.out_dir / "count.txt")

    run(["news.jsonl"], "out", extra_steps=[Count()])
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from .model import Result, RunCounts
from .pipeline import Config, iter_results
from .quotes.sink import QuotesTables, QuotesWriter
from .reconcile import ReconcileStep
from .report import ReportStep
from .sinks.jsonl import RunWriter
from .sinks.tables import finalize
from .steps import BaseStep, RunContext, Step


class JsonlWriter(BaseStep):
    """Writer step: ``articles.jsonl`` and ``events.jsonl`` through the crash-safe
    :class:`~eventwire.sinks.jsonl.RunWriter` (which also holds the folder's lock and knows,
    on resume, which documents are complete)."""

    name = "jsonl"

    def __init__(self) -> None:
        self.writer: Optional[RunWriter] = None

    def open(self, out_dir: Path, resume: bool) -> Optional[set[str]]:
        self.writer = RunWriter(out_dir, resume=resume)
        return set(self.writer.done) if resume else None

    def write(self, result: Result) -> None:
        self.writer.write(result.record, result.events, result.n_sentences)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()

    def finish(self, ctx: RunContext) -> None:
        ctx.outputs["articles_jsonl"] = str(self.writer.articles_path)
        ctx.outputs["events_jsonl"] = str(self.writer.events_path)


class TablesFinaliser(BaseStep):
    """Finaliser step: Parquet files and the DuckDB database (:func:`eventwire.sinks.tables.finalize`)
    built from the JSON Lines files."""

    name = "tables"

    def finish(self, ctx: RunContext) -> None:
        tables = finalize(ctx.out_dir)
        ctx.outputs.update({k: str(v) for k, v in tables.items() if isinstance(v, (str, Path))})


def default_steps(*, quotes: bool = True, reconcile: bool = True, report: bool = True) -> list[Step]:
    """Fresh instances of the default steps, in order: :class:`~eventwire.quotes.sink.QuotesWriter`
    (quotes and claims, written before the article line that commits a document; not with
    ``quotes=False``),
    :class:`JsonlWriter` (articles and events as they stream), :class:`TablesFinaliser` (Parquet
    and DuckDB), :class:`~eventwire.quotes.sink.QuotesTables`, then, unless switched off,
    :class:`~eventwire.reconcile.ReconcileStep` (stories, story events, conflicts) and
    :class:`~eventwire.report.ReportStep` (``report.html``, never failing the run)."""
    steps: list[Step] = [QuotesWriter(), JsonlWriter(), TablesFinaliser(), QuotesTables()] if quotes else \
        [JsonlWriter(), TablesFinaliser()]
    if reconcile:
        steps.append(ReconcileStep())
    if report:
        steps.append(ReportStep())
    return steps


@dataclass
class RunSummary:
    """What a run did: its counts (:class:`~eventwire.model.RunCounts`) and outputs."""

    out_dir: Path
    counts: RunCounts = field(default_factory=RunCounts)
    resumed_from: int = 0
    outputs: dict[str, str] = field(default_factory=dict)

    @property
    def documents(self) -> int:
        return self.counts.documents

    @property
    def coded(self) -> int:
        return self.counts.coded

    @property
    def skipped(self) -> int:
        return self.counts.skipped

    @property
    def sentences(self) -> int:
        return self.counts.sentences

    @property
    def parsed(self) -> int:
        return self.counts.parsed

    @property
    def events(self) -> int:
        return self.counts.events

    @property
    def by_type(self) -> dict[str, int]:
        return dict(self.counts.by_type)

    @property
    def skip_reasons(self) -> dict[str, int]:
        return dict(self.counts.skip_reasons)


def run(paths: Sequence[Union[str, Path]], out_dir: Union[str, Path], *, config: Config = Config(),
        jobs: int = 1, resume: bool = False, steps: Optional[Iterable[Step]] = None,
        extra_steps: Iterable[Step] = (), on_result: Optional[Callable[[Result], Any]] = None,
        reconcile: bool = True, report: bool = True) -> RunSummary:
    """Code every input unit under ``paths`` into ``out_dir`` through ``steps``.

    Args:
        paths: files and folders (a missing one raises :class:`FileNotFoundError` before anything is written).
        out_dir: the output folder (created).
        config: what changes the coding.
        jobs: worker processes (1: code in this process).
        resume: continue an interrupted run: documents every resumable step holds are not coded again.
        steps: the steps (default: :func:`default_steps`: JSON Lines as it goes, Parquet and DuckDB
            and the report at the end).
        extra_steps: steps run after ``steps`` (new writers and finalisers).
        on_result: called with each result after the steps wrote it (progress display).
        reconcile: with the default steps, reconcile the folder at the end (stories, story events).
        report: with the default steps, write ``report.html`` at the end.
            (``reconcile`` and ``report`` are ignored when ``steps`` is given.)

    Returns:
        A :class:`RunSummary`.
    """
    out = Path(out_dir)
    for p in paths:
        if not Path(p).exists():
            raise FileNotFoundError(f"input not found: {p}")
    out.mkdir(parents=True, exist_ok=True)
    chain = [*(default_steps(quotes=config.quotes, reconcile=reconcile, report=report) if steps is None else steps),
             *extra_steps]
    summary = RunSummary(out_dir=out)
    opened: list[Step] = []
    try:
        held: Optional[set[str]] = None
        for step in chain:
            ids = step.open(out, resume)
            opened.append(step)
            if ids is not None:
                held = set(ids) if held is None else held & ids
        done = held if resume and held is not None else set()
        summary.resumed_from = len(done)
        for res in iter_results(paths, config=config, jobs=jobs, skip=done):
            for step in chain:
                step.write(res)
            summary.counts.add(res.record, res.events, res.n_sentences, res.n_parsed)
            if on_result:
                on_result(res)
    finally:
        _close_all(opened)
    ctx = RunContext(out_dir=out, config=config, resume=resume, counts=summary.counts, outputs=summary.outputs)
    for step in chain:
        step.finish(ctx)
    return summary


def _close_all(steps: list[Step]) -> None:
    """Close ``steps`` in reverse order; every one is closed even when one fails (the first
    failure is raised after)."""
    failure: Optional[BaseException] = None
    for step in reversed(steps):
        try:
            step.close()
        except BaseException as exc:  # noqa: BLE001 - the others must still release their files
            failure = failure or exc
    if failure is not None:
        raise failure


__all__ = ["BaseStep", "JsonlWriter", "RunContext", "RunSummary", "Step", "TablesFinaliser",
           "default_steps", "run"]
