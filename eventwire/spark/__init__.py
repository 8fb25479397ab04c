"""eventwire on Apache Spark: the same coding, DataFrame in, DataFrame out.

* :func:`code_dataframe` codes a DataFrame of articles (``id``, ``text`` or ``html``, optional
  ``title``, ``published``, ``outlet``, ``url``) into ``(articles_df, events_df)`` with the
  columns of ``articles.parquet`` and ``events.parquet``.
* :func:`run_spark` is ``eventwire spark``: files and folders in, Parquet tables partitioned by
  publication month out.

Needs ``pyspark`` (the ``spark`` extra) and Java 17 or 21.
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
