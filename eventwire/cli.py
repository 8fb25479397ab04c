"""``eventwire`` command line: a thin shell over :func:`eventwire.runner.run` and :mod:`eventwire.evaluate`.

Exit codes: 0 the run completed (skipped documents included), 2 usage error (missing input,
bad option: one line on stderr, no traceback), 1 internal failure (the traceback goes to
``DIR/eventwire-error.log``, not to the terminal).
"""
from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
import traceback
from functools import partial
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from .evaluate import evaluate, print_report
from .ingest.readers import JSONL_SUFFIXES, collect_files
from .pipeline import Config, get_pipeline
from .runner import run as run_all
from .sinks.jsonl import OutputLocked
from .training import train_from_file

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news articles into sourced PLOVER political event data.")
err = Console(stderr=True)


ERROR_LOG = "eventwire-error.log"


def _say(label: str, message: str) -> None:
    """One line on stderr, never wrapped, never read as markup."""
    err.print(f"[red]{label}:[/red] {escape(' '.join(str(message).split()))}", highlight=False, soft_wrap=True)


def _usage_error(message: str) -> None:
    _say("error", message)
    raise typer.Exit(2)


def _log_failure(folder: Optional[Path]) -> Path:
    """Append the current exception's traceback to ``folder/eventwire-error.log`` (or, when
    that cannot be written, to one in the temp folder); return the log's path."""
    entry = (f"=== {datetime.datetime.now().isoformat(timespec='seconds')} eventwire "
             f"{' '.join(sys.argv[1:])}\n{traceback.format_exc()}\n")
    for where in ([folder] if folder is not None else []) + [Path(tempfile.gettempdir())]:
        log = where / ERROR_LOG
        try:
            with open(log, "a", encoding="utf-8", errors="replace") as fh:
                fh.write(entry)
            return log
        except OSError:
            continue
    return Path(ERROR_LOG)  # pragma: no cover - not even the temp folder is writable


def count_units(paths: List[Path]) -> int:
    """How many input units there are (files, JSONL lines): the progress bar's total."""
    total = 0
    for f in (e.path for e in collect_files(paths)):
        if f.suffix.lower() in JSONL_SUFFIXES:
            try:
                with open(f, "rb") as fh:
                    last = b""
                    for chunk in iter(lambda: fh.read(1 << 20), b""):
                        total += chunk.count(b"\n")
                        last = chunk
                    if last and not last.endswith(b"\n"):
                        total += 1
            except OSError:
                total += 1
        else:
            total += 1
    return total


@app.command("code")
def code_cmd(
    inputs: List[Path] = typer.Argument(..., help="Files (.txt, .html, .jsonl) and folders, in any mix."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: number of cores)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run in --out."),
    lexicon: List[Path] = typer.Option([], "--lexicon", help="Extra trigger lexicon file (YAML); repeatable."),
    actors: List[Path] = typer.Option(
        [], "--actors",
        help="Extra actor dictionary file (TSV of countries, organisations, people, sector terms or places, "
             "told apart by the header row); repeatable."),
    boilerplate: List[Path] = typer.Option(
        [], "--boilerplate",
        help="Extra boilerplate rule file (YAML, the layout of eventwire/data/boilerplate.yaml) merged over "
             "the packaged rules; repeatable."),
    places: List[Path] = typer.Option(
        [], "--places",
        help="Extra place file (TSV: name aliases country kind lat lon [admin1]); repeatable."),
    no_places: bool = typer.Option(False, "--no-places", help="Do not look for event places."),
    no_prefilter: bool = typer.Option(False, "--no-prefilter", help="Parse every sentence (slower)."),
    rules_only: bool = typer.Option(False, "--rules-only", help="Do not use the trained models (event type, roles)."),
    max_chars: int = typer.Option(200_000, "--max-chars", help="Cap on the characters coded per document."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    no_report: bool = typer.Option(False, "--no-report", help="Do not write report.html at the end."),
    no_quotes: bool = typer.Option(False, "--no-quotes", help="Do not find quotes and numeric claims."),
    no_reconcile: bool = typer.Option(False, "--no-reconcile",
                                      help="Do not group the articles into stories and story events at the end."),
) -> None:
    """Code articles into events: writes articles.jsonl, events.jsonl, quotes.jsonl, claims.jsonl, Parquet
    and DuckDB to --out, then stories.jsonl and story_events.jsonl (see 'eventwire reconcile') and report.html."""
    for p in [*inputs, *lexicon, *actors, *boilerplate, *places]:
        if not p.exists():
            _usage_error(f"no such file or folder: {p}")
    if jobs < 0:
        _usage_error("--jobs must be 0 (all cores) or more")
    if max_chars < 1000:
        _usage_error("--max-chars must be at least 1000")
    if out.exists() and not out.is_dir():
        _usage_error(f"--out {out} exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _usage_error(f"cannot create the output folder {out}: {exc.strerror or exc}")
    if not os.access(out, os.W_OK | os.X_OK):
        _usage_error(f"the output folder {out} is not writable")
    jobs = jobs or (os.cpu_count() or 1)
    started = time.perf_counter()
    try:
        run = partial(run_all, reconcile=not no_reconcile, report=not no_report)
        config = Config(lexicons=tuple(map(str, lexicon)), actor_files=tuple(map(str, actors)),
                        boilerplate_files=tuple(map(str, boilerplate)),
                        prefilter=not no_prefilter, max_chars=max_chars, type_model=not rules_only, role_model=not rules_only,
                        places=not no_places, place_files=tuple(map(str, places)),
                        quotes=not no_quotes)
        try:
            # fail early, with a clear message, on a bad user lexicon or dictionary
            get_pipeline(config)
        except ValueError as exc:
            _usage_error(str(exc))
        try:
            if quiet or not err.is_terminal and os.environ.get("EVENTWIRE_PROGRESS") != "1":
                summary = _run_plain(run, inputs, out, config, jobs, resume, quiet)
            else:
                summary = _run_with_progress(run, inputs, out, config, jobs, resume)
        except OutputLocked as exc:
            _usage_error(str(exc))
        if not quiet:
            _print_summary(summary, time.perf_counter() - started)
        if summary.outputs.get("report_error"):
            _say("warning", f"report.html was not written: {summary.outputs['report_error']}")
    except typer.Exit:
        raise
    except Exception:  # noqa: BLE001 - internal failure: traceback to a log file, exit 1
        log = _log_failure(out)
        _say("internal error", f"the run stopped; details in {log}. Rerun with --resume to continue.")
        raise typer.Exit(1) from None


def _run_plain(run, inputs, out, config, jobs, resume, quiet):
    state = {"n": 0, "t": time.perf_counter()}

    def tick(_res) -> None:
        state["n"] += 1
        if not quiet and state["n"] % 1000 == 0:
            rate = state["n"] / max(1e-9, time.perf_counter() - state["t"])
            err.print(f"  {state['n']:,} documents ({rate:,.1f}/s)", highlight=False)

    return run(inputs, out, config=config, jobs=jobs, resume=resume, on_result=tick)


def _run_with_progress(run, inputs, out, config, jobs, resume):
    total = count_units(list(inputs))
    columns = [TextColumn("[bold]coding[/bold]"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(), TextColumn("ETA"),
               TimeRemainingColumn()]
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("coding", total=total or None, rate="-")
        t0 = time.perf_counter()
        state = {"n": 0}

        def tick(_res) -> None:
            state["n"] += 1
            rate = state["n"] / max(1e-9, time.perf_counter() - t0)
            progress.update(task, advance=1, rate=f"{rate:,.1f}")

        summary = run(inputs, out, config=config, jobs=jobs, resume=resume, on_result=tick)
        if summary.resumed_from:
            progress.update(task, completed=total)
    return summary


def _print_summary(s, seconds: float) -> None:
    t = Table(title=f"eventwire: {s.out_dir}", show_header=False, box=None)
    t.add_row("documents read", f"{s.documents:,}" + (f" (+{s.resumed_from:,} from the earlier run)" if s.resumed_from else ""))
    t.add_row("coded", f"{s.coded:,}")
    t.add_row("skipped", f"{s.skipped:,}" + (" (" + ", ".join(f"{k}: {v}" for k, v in sorted(s.skip_reasons.items())) + ")"
                                          if s.skip_reasons else ""))
    t.add_row("sentences", f"{s.sentences:,} ({s.parsed:,} parsed)")
    t.add_row("events", f"{s.events:,}")
    for k, v in sorted(s.by_type.items(), key=lambda kv: -kv[1]):
        t.add_row(f"  {k}", f"{v:,}")
    t.add_row("time", f"{seconds:,.1f} s ({s.documents / max(seconds, 1e-9):,.1f} docs/s)")
    t.add_row("outputs", ", ".join(sorted(p.name for p in s.out_dir.iterdir() if p.is_file() and not p.name.startswith("."))))
    err.print(t)


@app.command("report")
def report_cmd(
    folder: Path = typer.Argument(..., help="An output folder of 'eventwire code'."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="The page to write (default: FOLDER/report.html)."),
    quad_classes: List[Path] = typer.Option(
        [], "--quad-classes", help="Extra event type -> quad class file (TSV, as eventwire/data/quad_classes.tsv); repeatable."),
    max_story_events: int = typer.Option(8000, "--max-story-events", help="Story events embedded at most (best corroborated first)."),
) -> None:
    """Write one self-contained HTML page (works offline) of a coded output folder."""
    from .report import Caps, ReportInputError, build_report

    if not folder.is_dir():
        _usage_error(f"no such folder: {folder}")
    for p in quad_classes:
        if not p.exists():
            _usage_error(f"no such file: {p}")
    if max_story_events < 1:
        _usage_error("--max-story-events must be at least 1")
    started = time.perf_counter()
    try:
        path = build_report(folder, output, caps=Caps(story_events=max_story_events), quad_files=quad_classes)
    except (ReportInputError, ValueError) as exc:
        _usage_error(str(exc))
    except OSError as exc:
        _usage_error(f"cannot write the report: {exc.strerror or exc}")
    err.print(f"{path} ({path.stat().st_size / 1e6:,.1f} MB, {time.perf_counter() - started:,.1f} s)",
              highlight=False, soft_wrap=True)


@app.command("evaluate")
def evaluate_cmd(
    gold: Path = typer.Argument(..., help="Gold records (PLV or PLOVER gold-standard JSONL)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for report.json and diff.jsonl."),
    rules_only: bool = typer.Option(False, "--rules-only", help="Do not use the trained models (event type, roles)."),
    limit: int = typer.Option(0, "--limit", help="Score only the first N records."),
    articles: Optional[list[Path]] = typer.Option(
        None, "--articles", help="News-sentence gold only: article file(s) the sentences come from "
                                 "(repeatable; default: ../news/*.jsonl next to the gold file)."),
) -> None:
    """Code each gold record's text with the normal pipeline and score it.

    A gold file of annotated real-news sentences (records with ``doc_id``, events with ``type``)
    is scored by coding the whole articles they come from (sentence, type, type+source, triple).
    """
    if not gold.exists():
        _usage_error(f"no such file: {gold}")
    from .evaluate_news import evaluate_news, is_news_gold, print_news_report

    if is_news_gold(gold):
        try:
            news = evaluate_news(gold, articles or None, config=Config(type_model=not rules_only, role_model=not rules_only), out_dir=out)
        except (ValueError, FileNotFoundError) as exc:
            _usage_error(str(exc))
        print_news_report(news, Console())
        return
    try:
        report = evaluate(gold, out_dir=out, config=Config(type_model=not rules_only, role_model=not rules_only), limit=limit or None)
    except ValueError as exc:
        _usage_error(str(exc))
    print_report(report, Console())


@app.command("reconcile")
def reconcile_cmd(
    folder: Path = typer.Argument(..., help="An output folder of 'eventwire code'."),
    resume: bool = typer.Option(False, "--resume", help="Keep the saved stories; only add new articles to them."),
    threshold: float = typer.Option(0.25, "--threshold", help="Similarity for an article to join a story."),
    merge_threshold: float = typer.Option(0.15, "--merge-threshold", help="Similarity for two stories to merge (0: off)."),
    window_days: int = typer.Option(10, "--window-days", help="Days a story stays open after its last article."),
    undated_margin: float = typer.Option(0.1, "--undated-margin",
                                         help="Extra similarity an undated article needs to join a dated story."),
    dup_threshold: float = typer.Option(0.8, "--dup-threshold", help="Shingle similarity of a near-duplicate."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="YAML overriding keys of data/reconcile.yaml."),
    tables: bool = typer.Option(True, "--tables/--no-tables", help="Write the Parquet files and DuckDB tables."),
) -> None:
    """Group a coded folder's articles into stories and their events into story events, with conflicts."""
    from .reconcile.cli_support import print_reconcile_summary, reconcile_settings, run_reconcile

    if not (folder / "articles.jsonl").exists():
        _usage_error(f"{folder} is not an eventwire output folder (no articles.jsonl)")
    if rules is not None and not rules.exists():
        _usage_error(f"no such file: {rules}")
    try:
        settings = reconcile_settings(threshold, merge_threshold, window_days, dup_threshold, rules, resume, tables,
                                      undated_margin)
        summary = run_reconcile(folder, settings)
    except (ValueError, RuntimeError) as exc:
        _usage_error(str(exc))
    except Exception:  # noqa: BLE001 - internal failure: traceback to a log file, exit 1
        log = _log_failure(folder)
        _say("internal error", f"reconciliation stopped; details in {log}")
        raise typer.Exit(1) from None
    print_reconcile_summary(summary, err)


@app.command("evaluate-stories")
def evaluate_stories_cmd(
    gold: Path = typer.Argument(..., help="Articles with gold story labels (JSONL with id, text, cluster)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for the coded, reconciled articles."),
    story_events: Optional[Path] = typer.Option(None, "--story-events",
                                                help="Gold story events (dev/story_events.json layout) to score too."),
    threshold: float = typer.Option(0.25, "--threshold", help="Similarity for an article to join a story."),
    merge_threshold: float = typer.Option(0.15, "--merge-threshold", help="Similarity for two stories to merge."),
    window_days: int = typer.Option(10, "--window-days", help="Days a story stays open after its last article."),
    rules_only: bool = typer.Option(False, "--rules-only", help="Do not use the trained models (event type, roles)."),
) -> None:
    """Code gold-labelled articles, reconcile them, and print B-cubed, pairwise F1 and ARI of the stories."""
    from .reconcile.cli_support import evaluate_stories, print_story_scores, reconcile_settings

    for p in [gold, *([story_events] if story_events else [])]:
        if not p.exists():
            _usage_error(f"no such file: {p}")
    import tempfile

    from .pipeline import Config, run

    try:
        settings = reconcile_settings(threshold, merge_threshold, window_days, 0.8, None, False, True)
    except ValueError as exc:
        _usage_error(str(exc))
    with tempfile.TemporaryDirectory(prefix="eventwire-stories-") as tmp:
        folder = out or Path(tmp)
        run([gold], folder, config=Config(type_model=not rules_only, role_model=not rules_only), jobs=1, reconcile=False)
        scores = evaluate_stories(gold, folder, settings, story_events=story_events)
    print_story_scores(scores, Console())


@app.command("train")
def train_cmd(
    data: Path = typer.Argument(Path("../shared/data/dev/plv_train.jsonl"), help="Training records (PLV layout)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write the model (default: the packaged one; "
                                                           "the role model goes to roles.npz beside it)."),
    folds: int = typer.Option(0, "--cv", help="Also report k-fold cross-validated figures."),
    written: bool = typer.Option(True, "--written/--no-written",
                                 help="Add the project's written sentences (eventwire/data/training/) to the training data."),
    news: Optional[Path] = typer.Option(None, "--news",
                                        help="Annotated real-news sentences to train on too (default: news_sentences.jsonl "
                                             "next to DATA, when there)."),
    no_news: bool = typer.Option(False, "--no-news", help="Train without real-news sentences."),
    roles: bool = typer.Option(True, "--roles/--no-roles", help="Also rebuild the role model from the records' gold spans."),
) -> None:
    """Rebuild the packaged event-type model (and the role model) from the development data."""
    if not data.exists():
        _usage_error(f"no such file: {data}")
    if news is not None and not news.exists():
        _usage_error(f"no such file: {news}")
    if news is None and not no_news and (data.parent / "news_sentences.jsonl").exists():
        news = data.parent / "news_sentences.jsonl"
    train_from_file(data, out=out, folds=folds, console=Console(), written=written, news=None if no_news else news,
                    roles=roles)


@app.command("serve")
def serve_cmd(
    folder: Path = typer.Argument(..., help="An output folder of 'eventwire code' (with eventwire.duckdb)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port."),
    max_body_mb: float = typer.Option(32.0, "--max-body-mb", min=0.001, help="Largest request body (413 beyond)."),
    warm: bool = typer.Option(True, "--warm/--no-warm", help="Load the coder at start-up, not on the first POST /code."),
) -> None:
    """Serve a folder's events over HTTP, read-only (FastAPI; API docs at /docs)."""
    from .service import serve
    from .sinks.tables import DUCKDB_FILE

    if not (folder / DUCKDB_FILE).is_file():
        _usage_error(f"no {DUCKDB_FILE} in {folder} (run eventwire code first)")
    serve(folder, host=host, port=port, max_body_bytes=int(max_body_mb * 1024 * 1024), warm=warm)


@app.command("spark")
def spark_cmd(
    inputs: List[Path] = typer.Argument(..., help="Files (.txt, .html, .jsonl) and folders, in any mix."),
    out: str = typer.Option(..., "--out", "-o",
                            help="Output folder, or a URL Spark writes to (hdfs://, s3a://): articles/ and events/ tables."),
    master: Optional[str] = typer.Option(None, "--master", help="Spark master (default: the configured one, else local[*])."),
    partitions: int = typer.Option(0, "--partitions", help="Coding tasks (default: 4 per core)."),
    lexicon: List[Path] = typer.Option([], "--lexicon", help="Extra trigger lexicon file (YAML); repeatable."),
    actors: List[Path] = typer.Option([], "--actors", help="Extra actor dictionary file (TSV); repeatable."),
    rules_only: bool = typer.Option(False, "--rules-only", help="Do not use the trained models (event type, roles)."),
    max_chars: int = typer.Option(200_000, "--max-chars", help="Cap on the characters coded per document."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary."),
    no_reconcile: bool = typer.Option(False, "--no-reconcile",
                                      help="Skip stories, story events and conflicts (reconciled block by block)."),
) -> None:
    """Code articles on Apache Spark: Parquet tables partitioned by published_month in --out."""
    for p in [*inputs, *lexicon, *actors]:
        if not p.exists():
            _usage_error(f"no such file or folder: {p}")
    if partitions < 0:
        _usage_error("--partitions must be 0 (4 per core) or more")
    if max_chars < 1000:
        _usage_error("--max-chars must be at least 1000")
    local_out = Path(out) if "://" not in out else None
    if local_out is not None and local_out.exists() and not local_out.is_dir():
        _usage_error(f"--out {out} exists and is not a folder")
    try:
        from .spark import run_spark
    except ImportError as exc:
        _usage_error(f"eventwire spark needs pyspark (pip install 'eventwire[spark]'): {exc}")
    from .pipeline import Config

    config = Config(lexicons=tuple(map(str, lexicon)), actor_files=tuple(map(str, actors)),
                    max_chars=max_chars, type_model=not rules_only, role_model=not rules_only)
    try:
        s = run_spark(inputs, out, config=config, master=master, partitions=partitions, reconcile=not no_reconcile)
    except Exception:  # noqa: BLE001 - internal failure: traceback to a log file, exit 1
        if local_out is not None:
            local_out.mkdir(parents=True, exist_ok=True)
        log = _log_failure(local_out)
        _say("internal error", f"the Spark job failed; details in {log}")
        raise typer.Exit(1) from None
    if not quiet:
        t = Table(title=f"eventwire spark: {s.out_dir}", show_header=False, box=None)
        t.add_row("documents", f"{s.documents:,} ({s.tasks:,} tasks)")
        t.add_row("coded", f"{s.coded:,}")
        t.add_row("skipped", f"{s.skipped:,}" + (" (" + ", ".join(f"{k}: {v}" for k, v in sorted(s.skip_reasons.items()))
                                                 + ")" if s.skip_reasons else ""))
        t.add_row("events", f"{s.events:,}")
        if s.reconcile is not None:
            r = s.reconcile
            t.add_row("stories", f"{r.stories:,} ({r.story_events:,} story events, {r.conflicts:,} conflicts, "
                                 f"{r.duplicates:,} near-duplicates; {r.blocks:,} blocks, largest {r.largest_block:,})")
        t.add_row("time", ", ".join(f"{k} {v:,.1f} s" for k, v in s.seconds.items()))
        t.add_row("worker peak memory", ", ".join(f"{v / 2**20:,.0f} MB" for _, v in sorted(s.worker_peak_rss.items())))
        t.add_row("outputs", ", ".join(sorted(s.outputs.values())))
        err.print(t)


def _print_scores(title: str, report: dict, keys: list[str], show_diffs: int) -> None:
    t = Table(title=title, show_header=False, box=None)
    for k in keys:
        t.add_row(k, str(report[k]))
    Console().print(t)
    for d in report["diffs"][:show_diffs]:
        Console().print(d, highlight=False)


@app.command("evaluate-quotes")
def evaluate_quotes_cmd(
    gold: Path = typer.Argument(..., help="Gold quotes (JSONL: id, text, quotes [{text, speaker, kind}])."),
    diffs: int = typer.Option(0, "--diffs", help="Also print the first N differences."),
) -> None:
    """Score quotes: content precision/recall/F1 by token overlap, speaker accuracy on matched quotes."""
    if not gold.exists():
        _usage_error(f"no such file: {gold}")
    from .quotes.evaluation import evaluate_quotes

    try:
        report = evaluate_quotes(gold)
    except ValueError as exc:
        _usage_error(str(exc))
    _print_scores(f"quotes: {gold}", report, ["records", "gold_quotes", "predicted_quotes", "token_precision",
                  "token_recall", "token_f1", "quote_precision", "quote_recall", "speaker_accuracy"], diffs)


@app.command("evaluate-claims")
def evaluate_claims_cmd(
    gold: Path = typer.Argument(..., help="Gold claims (JSONL: id, text, claims [{value, unit}])."),
    diffs: int = typer.Option(0, "--diffs", help="Also print the first N differences."),
) -> None:
    """Score numeric claims: value F1 and value+unit F1."""
    if not gold.exists():
        _usage_error(f"no such file: {gold}")
    from .quotes.evaluation import evaluate_claims

    try:
        report = evaluate_claims(gold)
    except ValueError as exc:
        _usage_error(str(exc))
    _print_scores(f"claims: {gold}", report, ["records", "gold_claims", "predicted_claims", "value_precision",
                  "value_recall", "value_f1", "value_unit_precision", "value_unit_recall", "value_unit_f1"], diffs)


def _click_exceptions():
    """The exceptions module of the click that typer runs on (recent typer vendors click)."""
    try:
        from typer._click import exceptions
    except ImportError:  # typer that uses the click package
        from click import exceptions
    return exceptions


def main() -> None:
    """Entry point: usage errors are one line on stderr (exit 2), never a traceback."""
    cx = _click_exceptions()
    try:
        rc = app(standalone_mode=False)
    except getattr(cx, "NoArgsIsHelpError", ()) as exc:  # bare ``eventwire``: the help
        exc.show()
        sys.exit(exc.exit_code)
    except cx.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        _say("error", exc.format_message() + hint)
        sys.exit(2)
    except cx.ClickException as exc:
        _say("error", exc.format_message())
        sys.exit(exc.exit_code)
    except typer.Abort:
        _say("error", "aborted")
        sys.exit(1)
    except Exception:  # noqa: BLE001 - a command without an output folder failed
        log = _log_failure(None)
        _say("internal error", f"details in {log}")
        sys.exit(1)
    if rc == 130:
        err.print("interrupted; rerun with --resume to continue", highlight=False)
    sys.exit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
