"""Spark ``local[2]`` against ``eventwire code --jobs 2`` on the same corpus, in the same run.

1. corpus: the multi-outlet news sample (``../shared/data/news/multi_outlet_96.jsonl``, or
   ``--source``) replicated to ``--articles`` records with new ids, one JSONL file outside the
   repository (``--workdir``, default a fresh ``/tmp/eventwire-bench-spark-*``);
2. ``eventwire code CORPUS --jobs 2 --quiet`` (the real CLI, a subprocess), and the same on a
   one-article corpus: its start-up (interpreter, models, the output files);
3. the Spark job in a child process: session (JVM start-up), warm-up (the pipeline loaded in
   each Python worker), then :func:`eventwire.spark.run_spark` timed as coding (to the cached
   coded rows) and writing (both Parquet tables, partitioned by ``published_month``); the peak
   memory of each Python worker is its own ``ru_maxrss``;
4. the two runs' event ids are compared (they must be the same);
5. reconciliation, as its own line: ``eventwire reconcile`` on the CLI's output folder (one
   process) against the Spark job's reconciliation step (block keys, connected components,
   the library's reconcile per block; timed from the cached coded rows to the counted
   outputs, writing excluded), and how many stories are the same (as doc-id sets, with the
   same story ids) and how many story events have the same id.

Reported: articles/s of each, their ratio (Spark without start-up against the CLI's wall time,
and against the CLI's wall time less its start-up), and the time split.  See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from throughput import eventwire_command, load_source, measure, reconcile_command, write_corpus  # noqa: E402

SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")
DEFAULT_SOURCE = SHARED / "news" / "multi_outlet_96.jsonl"


def spark_child(args: argparse.Namespace) -> None:
    """Run in a child process: the Spark job, its timings as one JSON line on stdout."""
    t0 = time.perf_counter()
    from eventwire.spark import get_session, run_spark, warm_up

    spark = get_session(args.master, app_name="eventwire-bench", conf={
        "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "4", "spark.driver.memory": "1g"})
    spark.sparkContext.setLogLevel("ERROR")
    session_s = time.perf_counter() - t0
    warm_s = warm_up(spark)
    s = run_spark([args.child_input], args.child_out, spark=spark, partitions=args.partitions)
    spark.stop()
    r = s.reconcile
    print(json.dumps({"reconcile_s": s.seconds.get("reconcile", 0.0), "blocks": r.blocks if r else 0,
                      "largest_block": r.largest_block if r else 0, "rounds": r.rounds if r else 0,
                      "converged": r.converged if r else None, "purged_keys": r.purged_keys if r else 0,
                      "session_s": session_s, "warm_up_s": warm_s, "coding_s": s.seconds["coding"],
                      "writing_s": s.seconds["writing"], "tasks": s.tasks, "documents": s.documents,
                      "events": s.events, "worker_peak_rss_mb": sorted(round(v / 2**20) for v in s.worker_peak_rss.values()),
                      "worker_cpu_s": round(sum(s.worker_cpu_s.values()), 1)}))


def compare_stories(local: Path, spark: Path) -> dict:
    """Stories and story events of the CLI's folder against the Spark tables (counts)."""
    import duckdb

    con = duckdb.connect()
    try:
        def rows(sql: str, p: str) -> list[tuple]:
            return con.execute(sql, {"p": p}).fetchall()
        sql_st = "SELECT story_id, list_sort(doc_ids) FROM read_parquet($p)"
        sql_ev = "SELECT id FROM read_parquet($p)"
        want = {(a, tuple(b)) for a, b in rows(sql_st, str(local / "stories.parquet"))}
        got = {(a, tuple(b)) for a, b in rows(sql_st, str(spark / "stories" / "**" / "*.parquet"))}
        want_ev = {r[0] for r in rows(sql_ev, str(local / "story_events.parquet"))}
        got_ev = {r[0] for r in rows(sql_ev, str(spark / "story_events" / "**" / "*.parquet"))}
    finally:
        con.close()
    return {"stories_local": len(want), "stories_spark": len(got), "stories_same": len(want & got),
            "story_events_local": len(want_ev), "story_events_spark": len(got_ev),
            "story_events_same_id": len(want_ev & got_ev)}


def event_ids(paths: list[Path]) -> list[str]:
    import duckdb

    con = duckdb.connect()
    try:
        return sorted(r[0] for p in paths for r in con.execute(
            "SELECT id FROM read_parquet($p, hive_partitioning = true)", {"p": str(p)}).fetchall())
    finally:
        con.close()


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--jobs", type=int, default=2, help="eventwire code --jobs, and the cores of local[N]")
    ap.add_argument("--partitions", type=int, default=0, help="Spark coding tasks (default: 4 per core)")
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--json", type=Path, help="also write every figure to this file")
    ap.add_argument("--child-input", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--master", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_input:
        spark_child(args)
        return 0
    if not args.source.exists():
        print(f"{args.source} not found (set EVENTWIRE_SHARED_DATA or --source)", file=sys.stderr)
        return 2
    work = args.workdir or Path(tempfile.mkdtemp(prefix="eventwire-bench-spark-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    try:
        source = load_source(args.source)
        corpus, _ = write_corpus(source, args.articles, work, "jsonl")
        one, _ = write_corpus(source, 1, work, "jsonl")
        n = args.articles
        print(f"corpus: {n:,} articles ({corpus}); load average before: {os.getloadavg()[0]:.2f}", flush=True)

        startup = measure("eventwire code (1 article)", eventwire_command(one, work / "code-1", args.jobs), pss=False, env=env)
        code = measure(f"eventwire code --jobs {args.jobs}", eventwire_command(corpus, work / "code", args.jobs),
                       pss=False, env=env)
        rec = measure("eventwire reconcile", reconcile_command(work / "code"), pss=False, env=env)
        cmd = [sys.executable, __file__, "--child-input", str(corpus), "--child-out", str(work / "spark"),
               "--partitions", str(args.partitions), "--master", f"local[{args.jobs}]"]
        spark = measure(f"spark local[{args.jobs}]", cmd, pss=False, env=env)
        sp = json.loads(spark.stdout.strip().splitlines()[-1])

        steady = sp["coding_s"] + sp["writing_s"]
        startup_s = sp["session_s"] + sp["warm_up_s"]
        code_rate = n / code.wall_s
        code_rate_less = n / max(1e-9, code.wall_s - startup.wall_s)
        spark_rate = n / steady
        same = event_ids([work / "spark" / "events" / "**" / "*.parquet"]) == event_ids([work / "code" / "events.parquet"])
        figures = {
            "articles": n, "load_average_before": code.loadavg_before,
            "eventwire_code": {"wall_s": code.wall_s, "cpu_s": code.cpu_s, "articles_per_s": code_rate,
                               "startup_s (1-article run)": startup.wall_s,
                               "articles_per_s_less_startup": code_rate_less, "peak_rss_mb": code.peak_rss_mb},
            "spark": {"process_wall_s": spark.wall_s, "cpu_s": spark.cpu_s, "jvm_and_session_s": sp["session_s"],
                      "first_pipeline_load_s": sp["warm_up_s"],
                      "startup_s": startup_s, "coding_s": sp["coding_s"], "writing_s": sp["writing_s"],
                      "articles_per_s (coding+writing)": spark_rate, "tasks": sp["tasks"],
                      "worker_peak_rss_mb": sp["worker_peak_rss_mb"], "tree_peak_rss_mb": spark.peak_rss_mb,
                      "python_workers_cpu_s": sp["worker_cpu_s"]},
            "ratio_spark_over_code": spark_rate / code_rate,
            "ratio_spark_over_code_less_startup": spark_rate / code_rate_less,
            "same_event_ids": same, "events": sp["events"],
            "reconcile": {"eventwire_reconcile_wall_s": rec.wall_s, "spark_reconcile_s": sp["reconcile_s"],
                          "spark_blocks": sp["blocks"], "spark_largest_block": sp["largest_block"],
                          "label_rounds": sp["rounds"], "converged": sp["converged"],
                          "purged_keys": sp["purged_keys"],
                          **compare_stories(work / "code", work / "spark")},
        }
        print(f"{'':34}{'wall s':>9}{'CPU s':>9}{'articles/s':>12}")
        print(f"{'eventwire code --jobs ' + str(args.jobs):34}{code.wall_s:9.1f}{code.cpu_s:9.1f}{code_rate:12.1f}")
        print(f"{'  its start-up (1-article run)':34}{startup.wall_s:9.1f}")
        print(f"{'spark local[' + str(args.jobs) + '] coding + writing':34}{steady:9.1f}{'':9}{spark_rate:12.1f}")
        print(f"{'  JVM start-up + session':34}{sp['session_s']:9.1f}")
        print(f"{'  first pipeline load (warm-up)':34}{sp['warm_up_s']:9.1f}")
        print(f"{'  coding':34}{sp['coding_s']:9.1f}")
        print(f"{'  writing (Parquet by month)':34}{sp['writing_s']:9.1f}")
        print(f"{'  whole child process':34}{spark.wall_s:9.1f}")
        print(f"CPU seconds per article: eventwire code {code.cpu_s / n:.3f} (whole process tree), Spark Python "
              f"workers {sp['worker_cpu_s'] / n:.3f} (warm-up included; the JVM's not)")
        print(f"ratio Spark / eventwire code (articles/s): {figures['ratio_spark_over_code']:.2f}x "
              f"({figures['ratio_spark_over_code_less_startup']:.2f}x against the CLI less its start-up)")
        print(f"Python worker peak RSS (MB): {sp['worker_peak_rss_mb']}; Spark process tree peak RSS "
              f"{spark.peak_rss_mb:,.0f} MB (JVM included); eventwire code tree peak RSS {code.peak_rss_mb:,.0f} MB")
        print(f"events: {sp['events']:,}; same event ids as eventwire code: {same}")
        rc = figures["reconcile"]
        print(f"{'reconciliation: eventwire reconcile':34}{rec.wall_s:9.1f}   (one process, its start-up included)")
        print(f"{'reconciliation: spark local[' + str(args.jobs) + ']':34}{sp['reconcile_s']:9.1f}   "
              f"({sp['blocks']:,} blocks, largest {sp['largest_block']:,} articles, {sp['rounds']} label rounds, "
              f"converged {sp['converged']}, {sp['purged_keys']} hub keys purged)")
        print(f"stories: {rc['stories_same']:,} of {rc['stories_local']:,} the same on Spark ({rc['stories_spark']:,} "
              f"there); story events with the same id: {rc['story_events_same_id']:,} of {rc['story_events_local']:,} "
              f"({rc['story_events_spark']:,} there)")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        return 0 if same else 1
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
