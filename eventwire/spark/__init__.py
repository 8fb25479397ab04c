"""eventwire on Apache Spark: the same coding, DataFrame in, DataFrame out.

* :func:`code_dataframe` codes a DataFrame of articles (``id``, ``text`` or ``html``, optional
  ``title``, ``published``, ``outlet``, ``url``) into ``(articles_df, events_df)`` with the
  columns of ``articles.parquet`` and ``events.parquet``.
* :func:`run_spark` is ``eventwire spark``: files and folders in, Parquet tables partitioned by
  publication month out.

Needs ``pyspark`` (the ``spark`` extra) and Java 17 or 21.

Where reconciliation plugs in (not built yet; it waits for :mod:`eventwire.reconcile`): after
coding, on the cached coded rows and before writing, as one more step of :func:`run_spark`:
events get a block key (a time-window bucket of ``event_date``/``story_date`` and the sorted
pair of first source / target actor codes, the same key function the local finaliser uses),
``groupBy(block).applyInPandas`` calls the library's per-block clusterer and returns story
events (schema from the reconcile tables' pyarrow schema, as here); near-duplicate articles
come from MinHash band keys (``mapInArrow`` + ``groupBy(band)``); ``story_id`` and
``duplicate_of`` are joined back onto the articles by ``doc_id``.  No step collects on the driver.
"""
from __future__ import annotations

from .job import (
    ARTICLES_DIR,
    EVENTS_DIR,
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

__all__ = ["ARTICLES_DIR", "EVENTS_DIR", "MONTH_COLUMN", "UNKNOWN_MONTH", "SparkRunSummary", "articles_spark_schema",
           "code_dataframe", "coded_dataframe", "events_spark_schema", "get_session", "run_spark", "split_coded",
           "warm_up", "with_month"]
