"""eventwire on Apache Spark: the same coding, DataFrame in, DataFrame out.

* :func:`code_dataframe` codes a DataFrame of articles (``id``, ``text`` or ``html``, optional
  ``title``, ``published``, ``outlet``, ``url``) into ``(articles_df, events_df)`` with the
  columns of ``articles.parquet`` and ``events.parquet``.
* :func:`run_spark` is ``eventwire spark``: files and folders in, Parquet tables partitioned by
  publication month out.

Needs ``pyspark`` (the ``spark`` extra) and Java 17 or 21.

Reconciliation (:mod:`eventwire.spark.stories`): after coding, on the cached coded rows,
articles are grouped into blocks (connected components of shared actor, proper-name and
MinHash band keys within a time window) and :func:`eventwire.reconcile.reconcile` runs on
each block in a worker; ``stories``, ``story_events`` and ``story_event_reports`` tables are
written and the articles get ``story_id`` and ``duplicate_of``.  Nothing is collected on the
driver but counts.
"""
from __future__ import annotations

from .job import (
    ARTICLES_DIR,
    EVENTS_DIR,
    STORIES_DIR,
    STORY_EVENT_REPORTS_DIR,
    STORY_EVENTS_DIR,
    SparkRunSummary,
    code_dataframe,
    coded_dataframe,
    get_session,
    run_spark,
    split_coded,
    warm_up,
    with_month,
)
from .schemas import MONTH_COLUMN, UNKNOWN_MONTH, articles_spark_schema, events_spark_schema
from .stories import ReconcileRunSummary, reconcile_coded

__all__ = ["ARTICLES_DIR", "EVENTS_DIR", "MONTH_COLUMN", "STORIES_DIR", "STORY_EVENTS_DIR", "STORY_EVENT_REPORTS_DIR",
           "UNKNOWN_MONTH", "ReconcileRunSummary", "SparkRunSummary", "articles_spark_schema", "code_dataframe",
           "coded_dataframe", "events_spark_schema", "get_session", "reconcile_coded", "run_spark", "split_coded",
           "warm_up", "with_month"]
