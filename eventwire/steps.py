"""The protocol of a run's steps (see :mod:`eventwire.runner`): what a writer or a finaliser is.

A step is any object with ``name`` and the four methods of :class:`Step`; :class:`BaseStep`
gives them all as no-ops, so a stage subclasses it and overrides what it needs.  Stages that
plug into a run (quotes and claims writers, reconciliation, the report) import this module,
never :mod:`eventwire.runner`, so that the runner can list them as defaults without a cycle.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Protocol, runtime_checkable

from .model import Result, RunCounts
from .pipeline import Config


@dataclass
class RunContext:
    """What a finaliser is given: the run's folder, config, counts, and the outputs so far."""

    out_dir: Path
    config: Config
    resume: bool
    counts: RunCounts
    outputs: dict[str, str] = field(default_factory=dict)   # name -> path of each output written


@runtime_checkable
class Step(Protocol):
    """One thing a run does with results as they stream (a writer) or at the end (a finaliser)."""

    name: str

    def open(self, out_dir: Path, resume: bool) -> Optional[set[str]]:
        """Prepare to write into ``out_dir``; on ``resume``, return the doc ids already done
        (or ``None`` when the step keeps nothing across runs)."""

    def write(self, result: Result) -> None:
        """Take one document's result, in input order, as it streams."""

    def close(self) -> None:
        """Release files and locks; called after the last document, and also when the run fails."""

    def finish(self, ctx: RunContext) -> None:
        """Work over what the run wrote (after every step closed); record outputs in ``ctx.outputs``."""


class BaseStep:
    """A step that does nothing: subclass it and override what the step needs."""

    name = "step"

    def open(self, out_dir: Path, resume: bool) -> Optional[set[str]]:
        return None

    def write(self, result: Result) -> None:
        return None

    def close(self) -> None:
        return None

    def finish(self, ctx: RunContext) -> None:
        return None


__all__ = ["BaseStep", "RunContext", "Step"]
