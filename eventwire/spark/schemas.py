"""Spark schemas of eventwire's outputs, derived from the Parquet schemas of the one data model.

:data:`~eventwire.sinks.tables.EVENTS_SCHEMA` and :data:`~eventwire.sinks.tables.ARTICLES_SCHEMA`
(pyarrow) are the only definition; this module converts them.  The coding step of a Spark job
produces one row per input document (:data:`CODED_ARROW_SCHEMA`): its ``articles.parquet``
record, its events, and the worker's process id and peak memory (for the job's statistics).
"""
from __future__ import annotations

import pyarrow as pa

from eventwire.sinks.tables import ARTICLES_SCHEMA, EVENTS_SCHEMA

#: the partition column of the written tables: ``YYYY-MM`` of the publication date, or 'unknown'
MONTH_COLUMN = "published_month"
UNKNOWN_MONTH = "unknown"

#: columns of the input DataFrame that :func:`eventwire.spark.code_dataframe` reads
INPUT_COLUMNS = ("id", "text", "html", "title", "published", "outlet", "url", "source_path", "line")

#: one row per document: the article record, its events, and worker statistics
CODED_ARROW_SCHEMA = pa.schema([
    ("seq", pa.int64()),
    ("article", pa.struct(list(ARTICLES_SCHEMA))),
    ("events", pa.list_(pa.struct(list(EVENTS_SCHEMA)))),
    ("worker_pid", pa.int64()),
    ("worker_peak_rss", pa.int64()),
    ("worker_cpu_s", pa.float64()),     # CPU seconds the worker process had used when the row was made
])

#: a work item of :func:`eventwire.spark.run_spark`: a file, or a byte range of a JSON Lines file
TASK_ARROW_SCHEMA = pa.schema([
    ("seq", pa.int64()),            # order of the task in the input (keeps the reading order)
    ("path", pa.string()),
    ("name", pa.string()),          # the file's doc id
    ("kind", pa.string()),          # 'file' (every unit of the file) or 'jsonl_range'
    ("start", pa.int64()),          # byte range of whole lines (jsonl_range)
    ("end", pa.int64()),
    ("first_line", pa.int64()),     # line number of the range's first line
])


def spark_schema(schema: pa.Schema):
    """The Spark ``StructType`` of a pyarrow schema."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def events_spark_schema():
    """``events.parquet``'s columns as a Spark schema."""
    return spark_schema(EVENTS_SCHEMA)


def articles_spark_schema():
    """``articles.parquet``'s columns as a Spark schema."""
    return spark_schema(ARTICLES_SCHEMA)
