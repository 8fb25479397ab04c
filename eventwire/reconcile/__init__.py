"""Reconciliation across documents: near-duplicates, stories, story events, conflicts.

Runs after coding, on an output folder (see :func:`reconcile` and the README section
"Stories, story events and conflicting reports")::

    >>> from eventwire.reconcile import reconcile, ReconcileSettings
    >>> summary = reconcile("out/")                                  # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path
from typing import Union

from eventwire.reconcile.core import ReconcileSettings, ReconcileSummary, reconcile
from eventwire.reconcile.duplicates import DedupSettings
from eventwire.reconcile.stories import ClusterSettings


class ReconcileStep:
    """A finaliser step of a run: reconciles the output folder once, after the last document."""

    def __init__(self, settings: ReconcileSettings = ReconcileSettings()) -> None:
        self.settings = settings
        self.summary: ReconcileSummary | None = None

    def finish(self, out_dir: Union[str, Path]) -> ReconcileSummary:
        self.summary = reconcile(out_dir, self.settings)
        return self.summary


__all__ = ["ClusterSettings", "DedupSettings", "ReconcileSettings", "ReconcileStep", "ReconcileSummary", "reconcile"]
