"""Spark DataFrames in and out: :func:`code_dataframe` and the ``eventwire spark`` job (:func:`run_spark`).

The coding step is one ``mapInArrow`` (:mod:`eventwire.spark.worker`): each Python worker
loads the pipeline once and codes Arrow batches of documents.  Its output has one row per
document (the article record and its events); the articles and events DataFrames are
projections of it, with exactly the columns of ``articles.parquet`` and ``events.parquet``.
Nothing is collected on the driver but counts.
"""
from __future__ import annotations

import functools
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence, Union

from eventwire.pipeline import Config
from eventwire.reconcile import ReconcileSettings

from .plan import plan_tasks
from .schemas import (
    CODED_ARROW_SCHEMA,
    INPUT_COLUMNS,
    MONTH_COLUMN,
    TASK_ARROW_SCHEMA,
    UNKNOWN_MONTH,
    spark_schema,
)
from .stories import ReconcileRunSummary, reconcile_coded
from .worker import IDS_ARROW_SCHEMA, code_article_batches, code_task_batches, task_ids

#: the written tables, under the output folder (each partitioned by ``published_month``)
ARTICLES_DIR = "articles"
EVENTS_DIR = "events"
#: the reconciliation tables (partitioned by the month of their first publication date)
STORIES_DIR = "stories"
STORY_EVENTS_DIR = "story_events"
STORY_EVENT_REPORTS_DIR = "story_event_reports"
_SORT_KEYS = {ARTICLES_DIR: ["doc_id"], EVENTS_DIR: ["id"], STORIES_DIR: ["story_id"], STORY_EVENTS_DIR: ["id"],
              STORY_EVENT_REPORTS_DIR: ["story_event_id", "event_id"]}


def get_session(master: Optional[str] = None, app_name: str = "eventwire", conf: Optional[dict[str, str]] = None):
    """The active Spark session, or a new one (``master`` or, when none is configured, ``local[*]``)."""
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if not master and not SparkConf().contains("spark.master") and SparkSession.getActiveSession() is None:
        master = "local[*]"
    if master:
        builder = builder.master(master)
    if (master or "").startswith("local") and not os.environ.get("PYSPARK_PYTHON") \
            and not (conf or {}).get("spark.pyspark.python"):
        # local workers run this interpreter (Spark's default is the 'python3' on the PATH)
        os.environ["PYSPARK_PYTHON"] = sys.executable
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


# --------------------------------------------------------------------------- DataFrames

def coded_dataframe(df, config: Config = Config()):
    """One row per article of ``df``: ``seq``, ``article`` (the ``articles.parquet`` record),
    ``events`` (list of ``events.parquet`` records), ``worker_pid``, ``worker_peak_rss``.

    ``df`` has ``id`` and ``text`` or ``html``, and optionally ``title``, ``published``,
    ``outlet``, ``url``, ``source_path`` and ``line`` (the ``seq`` of the row); other
    columns are ignored.
    """
    from pyspark.sql import functions as F

    if "id" not in df.columns or not ({"text", "html"} & set(df.columns)):
        raise ValueError(f"the articles DataFrame needs 'id' and 'text' or 'html' columns; it has {df.columns}")
    cols = [(F.col(c).cast("long") if c == "line" else F.col(c).cast("string")).alias(c)
            for c in INPUT_COLUMNS if c in df.columns]
    fn = functools.partial(code_article_batches, config=config)
    return df.select(*cols).mapInArrow(fn, spark_schema(CODED_ARROW_SCHEMA))


def split_coded(coded):
    """``(articles_df, events_df)`` of a coded DataFrame, with the Parquet outputs' columns."""
    from pyspark.sql import functions as F

    articles = coded.select("article.*")
    events = coded.select(F.explode("events").alias("e")).select("e.*")
    return articles, events


def code_dataframe(df, config: Config = Config(), *, persist: bool = True):
    """Code a DataFrame of articles; returns ``(articles_df, events_df)``.

    The columns are those of ``articles.parquet`` and ``events.parquet`` (the same records as
    ``eventwire code`` writes for the same JSON Lines records).  A document that cannot be
    coded is an article row with ``status='skipped'`` and its ``reason``.  With ``persist``
    the coded rows are cached (call ``unpersist()`` on either result's source when done), so
    using both DataFrames codes each article once.
    """
    coded = coded_dataframe(df, config)
    if persist:
        coded = coded.persist()
    return split_coded(coded)


def with_month(df, date_column: str):
    """``df`` with :data:`MONTH_COLUMN`: ``YYYY-MM`` of ``date_column``, or ``'unknown'``."""
    from pyspark.sql import functions as F

    col = F.col(date_column)
    return df.withColumn(MONTH_COLUMN, F.when(col.rlike(r"^\d{4}-\d{2}"), F.substring(col, 1, 7))
                         .otherwise(F.lit(UNKNOWN_MONTH)))


# --------------------------------------------------------------------------- the job

@dataclass
class SparkRunSummary:
    """What :func:`run_spark` did (counts are aggregated on the executors)."""

    out_dir: Union[str, Path]
    tasks: int = 0
    documents: int = 0
    coded: int = 0
    skipped: int = 0
    events: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    skip_reasons: dict[str, int] = field(default_factory=dict)
    worker_peak_rss: dict[int, int] = field(default_factory=dict)   # pid -> bytes
    worker_cpu_s: dict[int, float] = field(default_factory=dict)    # pid -> CPU seconds at its last batch
    seconds: dict[str, float] = field(default_factory=dict)         # startup, warm_up, coding, writing
    outputs: dict[str, str] = field(default_factory=dict)
    reconcile: Optional[ReconcileRunSummary] = None                 # blocks, stories... (None: not run)


def _tasks_dataframe(spark, tasks: list[dict[str, Any]], partitions: int):
    rows = [tuple(t[f.name] for f in TASK_ARROW_SCHEMA) for t in tasks]
    rdd = spark.sparkContext.parallelize(rows, max(1, min(partitions, len(rows))))
    return spark.createDataFrame(rdd, spark_schema(TASK_ARROW_SCHEMA))


def with_unique_ids(tasks_df, partitions: int):
    """The tasks with a ``renames`` column (unit index -> doc id) that makes doc ids unique
    run-wide as :func:`eventwire.ingest.readers.iter_units` does within one call: the n-th unit
    (in reading order) with an id already used is renamed ``<id>#<n>``.  One cheap pass reads
    the ids (no coding); the ranking is a Spark window, nothing is collected on the driver."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    ids = tasks_df.mapInArrow(task_ids, spark_schema(IDS_ARROW_SCHEMA))
    ranked = ids.withColumn("n", F.row_number().over(Window.partitionBy("doc_id").orderBy("task", "k")))
    renames = (ranked.where(F.col("n") > 1)
               .groupBy("task")
               .agg(F.map_from_entries(F.collect_list(F.struct(
                   "k", F.concat("doc_id", F.lit("#"), F.col("n").cast("string"))))).alias("renames")))
    joined = tasks_df.join(renames, tasks_df["seq"] == renames["task"], "left").drop("task")
    return joined.repartition(max(1, partitions))   # the join's shuffle would leave few, uneven tasks


def warm_up(spark, config: Config = Config(), workers: Optional[int] = None) -> float:
    """Load the pipeline in the Python workers (one tiny article each); returns the seconds taken."""
    n = workers or spark.sparkContext.defaultParallelism
    started = time.perf_counter()
    # a sentence that exercises every stage (parser, coder, type model, actors, dates)
    text = "Russia offered on Monday to send aid to Syria, the Kremlin said."
    rows = [(f"warm-up-{i}", text) for i in range(n)]
    df = spark.createDataFrame(spark.sparkContext.parallelize(rows, n), "id string, text string")
    coded_dataframe(df, config).select("seq").count()
    return time.perf_counter() - started


def run_spark(paths: Sequence[Union[str, Path]], out_dir: Union[str, Path], *, config: Config = Config(),
              master: Optional[str] = None, partitions: int = 0, spark=None, warm: bool = False,
              conf: Optional[dict[str, str]] = None, reconcile: bool = True,
              reconcile_settings: Optional[ReconcileSettings] = None) -> SparkRunSummary:
    """Code every input unit under ``paths`` on Spark; write ``out_dir/articles`` and
    ``out_dir/events`` as Parquet partitioned by ``published_month``.

    ``paths`` must be readable by the driver (which lists them and cuts large JSON Lines files
    into byte ranges) and by every executor at the same path (a local disk in local mode; a
    shared mount such as NFS or ``/dbfs`` on a cluster).  ``out_dir`` is anything Spark
    writes to (a folder, ``hdfs://``, ``s3a://``...).  ``partitions``: coding tasks (default:
    4 per core of the session).  ``warm``: load the pipeline in the workers before coding (so
    that the coding time excludes it).  With ``reconcile`` (the default) the coded rows are
    also reconciled block by block (:mod:`eventwire.spark.stories`): ``out_dir/stories``,
    ``out_dir/story_events``, ``out_dir/story_event_reports``, and the articles get
    ``story_id`` and ``duplicate_of``.  Overwrites the tables.  Raises
    :class:`FileNotFoundError` for a missing input.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    out = str(out_dir).rstrip("/")
    for p in paths:
        if not Path(p).exists():
            raise FileNotFoundError(f"input not found: {p}")
    summary = SparkRunSummary(out_dir=out_dir)
    started = time.perf_counter()
    own_session = spark is None
    spark = spark or get_session(master, conf=conf)
    summary.seconds["startup"] = time.perf_counter() - started
    if warm:
        summary.seconds["warm_up"] = warm_up(spark, config)
    partitions = partitions or 4 * spark.sparkContext.defaultParallelism
    if own_session and "spark.sql.shuffle.partitions" not in (conf or {}) \
            and not spark.sparkContext.getConf().contains("spark.sql.shuffle.partitions"):
        spark.conf.set("spark.sql.shuffle.partitions", str(partitions))   # not Spark's 200 for reconciliation's joins

    started = time.perf_counter()
    tasks = plan_tasks(paths, partitions)
    summary.tasks = len(tasks)
    fn = functools.partial(code_task_batches, config=config)
    tasks_df = with_unique_ids(_tasks_dataframe(spark, tasks, partitions), min(partitions, len(tasks)))
    coded = tasks_df.mapInArrow(fn, spark_schema(CODED_ARROW_SCHEMA))
    coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
    block_out = None
    try:
        totals = coded.agg(F.count("*").alias("documents"),
                           F.sum(F.when(F.col("article.status") == "coded", 1).otherwise(0)).alias("coded"),
                           F.sum(F.size("events")).alias("events")).first()
        summary.documents, summary.coded = int(totals["documents"]), int(totals["coded"] or 0)
        summary.events = int(totals["events"] or 0)
        summary.skipped = summary.documents - summary.coded
        summary.seconds["coding"] = time.perf_counter() - started

        articles, events = split_coded(coded)
        tables = [(ARTICLES_DIR, articles, "published"), (EVENTS_DIR, events, "story_date")]
        if reconcile:
            started = time.perf_counter()
            summary.reconcile = ReconcileRunSummary()
            stories, story_events, reports, links, block_out = reconcile_coded(
                coded, reconcile_settings or ReconcileSettings(), summary.reconcile)
            tables[0] = (ARTICLES_DIR, articles.join(links, "doc_id", "left")
                         .select(*articles.columns, "story_id", "duplicate_of"), "published")
            tables += [(STORIES_DIR, stories, "first_published"), (STORY_EVENTS_DIR, story_events, "first_reported"),
                       (STORY_EVENT_REPORTS_DIR, reports, "published")]
            summary.seconds["reconcile"] = time.perf_counter() - started
        started = time.perf_counter()
        if "://" not in out:
            Path(out).mkdir(parents=True, exist_ok=True)
        for name, df, date in tables:
            key = _SORT_KEYS[name]
            (with_month(df, date).sortWithinPartitions(MONTH_COLUMN, *key)
             .write.mode("overwrite").option("compression", "zstd")
             .partitionBy(MONTH_COLUMN).parquet(f"{out}/{name}"))
            summary.outputs[name] = f"{out}/{name}"
        summary.seconds["writing"] = time.perf_counter() - started

        reasons = articles.where(F.col("status") == "skipped").groupBy(
            F.split("reason", ":").getItem(0).alias("r")).count().collect()
        summary.skip_reasons = {r["r"]: int(r["count"]) for r in reasons}
        summary.by_type = {r["event_type"]: int(r["count"]) for r in events.groupBy("event_type").count().collect()}
        rss = coded.groupBy("worker_pid").agg(F.max("worker_peak_rss").alias("rss"),
                                              F.max("worker_cpu_s").alias("cpu")).collect()
        summary.worker_peak_rss = {int(r["worker_pid"]): int(r["rss"]) for r in rss}
        summary.worker_cpu_s = {int(r["worker_pid"]): float(r["cpu"]) for r in rss}
    finally:
        if block_out is not None:
            block_out.unpersist()
        coded.unpersist()
    return summary
