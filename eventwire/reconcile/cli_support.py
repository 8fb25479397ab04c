"""What the ``eventwire reconcile`` and ``eventwire evaluate-stories`` commands do, apart from parsing options."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Optional

from rich.console import Console
from rich.table import Table

from eventwire.reconcile.core import ReconcileSettings, ReconcileSummary, reconcile
from eventwire.reconcile.evaluate import score_stories, score_story_events_file
from eventwire.reconcile.rules import load_rules


def reconcile_settings(threshold: float, merge_threshold: float, window_days: int, dup_threshold: float,
                       rules: Optional[Path], resume: bool, tables: bool,
                       undated_margin: Optional[float] = None) -> ReconcileSettings:
    """Settings from the command-line options (a ValueError names a bad one)."""
    for name, v in (("--threshold", threshold), ("--merge-threshold", merge_threshold),
                    ("--dup-threshold", dup_threshold)):
        if not 0 <= v <= 1:
            raise ValueError(f"{name} must be between 0 and 1")
    if window_days < 0:
        raise ValueError("--window-days must be 0 or more")
    base = ReconcileSettings()
    stories = replace(base.stories, threshold=threshold, merge_threshold=merge_threshold, window_days=window_days)
    if undated_margin is not None:
        stories = replace(stories, undated_margin=undated_margin)
    return replace(base, stories=stories,
                   duplicates=replace(base.duplicates, threshold=max(0.05, dup_threshold)),
                   rules_file=str(rules) if rules else None, resume=resume, tables=tables)


def run_reconcile(folder: Path, settings: ReconcileSettings) -> ReconcileSummary:
    """Validate the rules file first (a clear error), then reconcile."""
    load_rules(settings.rules_file)
    return reconcile(folder, settings)


def print_reconcile_summary(s: ReconcileSummary, console: Console) -> None:
    t = Table(title=f"eventwire reconcile: {s.out_dir}", show_header=False, box=None)
    t.add_row("articles", f"{s.articles:,}" + (f" ({s.resumed:,} kept their story)" if s.resumed else ""))
    t.add_row("near-duplicates", f"{s.duplicates:,}")
    t.add_row("stories", f"{s.stories:,} ({s.multi_article_stories:,} with several articles)")
    t.add_row("story events", f"{s.story_events:,} ({s.corroborated:,} from >= 2 independent sources)")
    t.add_row("conflicts", f"{s.conflicts:,}")
    console.print(t)


def evaluate_stories(gold: Path, folder: Path, settings: ReconcileSettings,
                     story_events: Optional[Path] = None) -> dict[str, Any]:
    """Reconcile a folder holding the coded gold articles and score it."""
    reconcile(folder, settings)
    scores = score_stories(folder, gold)
    if story_events is not None:
        scores["story_events"] = score_story_events_file(folder, story_events)
    return scores


def print_story_scores(scores: dict[str, Any], console: Console) -> None:
    t = Table(title="stories", show_header=False, box=None)
    if not scores.get("n"):
        t.add_row("articles scored", "0 (no gold id matched a coded article)")
    else:
        t.add_row("articles scored", f"{scores['n']:,}" + (f" ({scores['missing']} gold articles not coded)"
                                                          if scores.get("missing") else ""))
        t.add_row("B-cubed P / R / F1", f"{scores['bcubed_p']:.3f} / {scores['bcubed_r']:.3f} / {scores['bcubed_f1']:.3f}")
        t.add_row("pairwise P / R / F1",
                  f"{scores['pairwise_p']:.3f} / {scores['pairwise_r']:.3f} / {scores['pairwise_f1']:.3f}")
        t.add_row("ARI", f"{scores['ari']:.3f}")
        t.add_row("stories found / gold", f"{scores['stories_found']} / {scores['stories_gold']}")
    se = scores.get("story_events")
    if se:
        t.add_row("story events: mean document-set F1", f"{se['mean_f1']:.3f} over {se['events']} events "
                  f"reported by >= 2 articles ({se['share_f1_ge_0_5']:.0%} at F1 >= 0.5)")
        t.add_row("conflict pairs found", f"{se['conflicts_found']} / {se['conflicts_gold']}")
    console.print(t)
