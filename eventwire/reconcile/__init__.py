"""Reconciliation across documents: near-duplicates, stories, story events, conflicts.

Runs after coding, on an output folder (see :func:`reconcile` and the README section
"Stories, story events and conflicting reports")::

    >>> from eventwire.reconcile import reconcile, ReconcileSettings
    >>> summary = reconcile("out/")                                  # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import replace

from eventwire.reconcile.core import ReconcileSettings, ReconcileSummary, reconcile
from eventwire.reconcile.duplicates import DedupSettings
from eventwire.reconcile.stories import ClusterSettings
from eventwire.steps import BaseStep, RunContext


class ReconcileStep(BaseStep):
    """A finaliser step of a run: reconciles the output folder once, after the last document and
    the tables (a resumed run continues the saved reconciliation state)."""

    name = "reconcile"

    def __init__(self, settings: ReconcileSettings = ReconcileSettings()) -> None:
        self.settings = settings
        self.summary: ReconcileSummary | None = None

    def finish(self, ctx: RunContext) -> None:
        self.summary = reconcile(ctx.out_dir, replace(self.settings, resume=ctx.resume or self.settings.resume))
        ctx.outputs.update(self.summary.outputs)


__all__ = ["ClusterSettings", "DedupSettings", "ReconcileSettings", "ReconcileStep", "ReconcileSummary", "reconcile"]
