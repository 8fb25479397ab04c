"""Read-only access to an output folder's ``eventwire.duckdb`` for the service.

One read-only DuckDB connection is opened per served folder; every request works on its
own cursor (:meth:`Database.cursor`), which DuckDB gives its own connection state, so
concurrent requests in the threadpool never share one.  The folder's layout (which
tables exist, which columns they have) is read once at start-up: the story tables of
``eventwire reconcile`` are optional and the endpoints that need them say so.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import duckdb

from ..sinks.tables import DERIVED_EVENT_COLUMNS, DUCKDB_FILE

#: columns of the ``events`` table that are derived for SQL users (not in ``events.jsonl``)

#: the tables written by ``eventwire reconcile`` (issue 11)
STORY_TABLES: tuple[str, ...] = ("stories", "story_events", "story_event_reports")

NOT_RECONCILED = "this folder was not reconciled; run eventwire reconcile DIR"


class NotReconciled(LookupError):
    """The served folder has no story tables (``eventwire reconcile`` was not run)."""

    def __init__(self, what: str = "") -> None:
        super().__init__(f"{what}: {NOT_RECONCILED}" if what else NOT_RECONCILED)


class NoDatabase(FileNotFoundError):
    """The folder has no ``eventwire.duckdb``."""


class Database:
    """The served folder's DuckDB file, opened read-only.

    Args:
        out_dir (str | Path): an ``eventwire code`` output folder.

    Raises:
        NoDatabase: the folder has no ``eventwire.duckdb``.
    """

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / DUCKDB_FILE
        if not self.path.is_file():
            raise NoDatabase(f"no {DUCKDB_FILE} in {self.out_dir} (run eventwire code first)")
        self._con: Optional[duckdb.DuckDBPyConnection] = self._connect()
        self._lock = threading.Lock()
        self.columns: dict[str, dict[str, str]] = self._read_layout(self._con)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.path), read_only=True)

    # -- layout --------------------------------------------------------------------
    @staticmethod
    def _read_layout(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall()
        layout: dict[str, dict[str, str]] = {}
        for table, column, dtype in rows:
            layout.setdefault(table, {})[column] = dtype
        return layout

    def has(self, table: str, column: Optional[str] = None) -> bool:
        """Whether ``table`` (and ``column`` in it) exists."""
        cols = self.columns.get(table)
        return cols is not None and (column is None or column in cols)

    @property
    def reconciled(self) -> bool:
        """True when the story tables of ``eventwire reconcile`` are present."""
        return all(self.has(t) for t in STORY_TABLES)

    def require_stories(self, what: str = "") -> None:
        """Raise :class:`NotReconciled` unless the story tables exist."""
        if not self.reconciled:
            raise NotReconciled(what)

    @property
    def event_columns(self) -> list[str]:
        """The ``events`` columns that make an ``events.jsonl`` record, in table order."""
        return [c for c in self.columns.get("events", {}) if c not in DERIVED_EVENT_COLUMNS]

    @property
    def outlets_column(self) -> Optional[str]:
        """The story-event column counting outlets: independent ones when known."""
        for col in ("n_independent", "n_outlets"):
            if self.has("story_events", col):
                return col
        return None

    def is_list(self, table: str, column: str) -> bool:
        """Whether ``table.column`` is a DuckDB list (``VARCHAR[]`` ...)."""
        return self.columns.get(table, {}).get(column, "").endswith("[]")

    # -- access --------------------------------------------------------------------
    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request (closed afterwards); reopens the database
        after :meth:`close` (an application's lifespan may be entered again)."""
        with self._lock:  # creating a cursor touches the shared connection object
            if self._con is None:
                self._con = self._connect()
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def fetch(self, sql: str, params: Any = None) -> list[dict[str, Any]]:
        """Run one parameterised query on a fresh cursor; rows as dicts."""
        with self.cursor() as cur:
            res = cur.execute(sql, params or [])
            names = [d[0] for d in res.description]
            return [dict(zip(names, row)) for row in res.fetchall()]

    def scalar(self, sql: str, params: Any = None) -> Any:
        """The first column of the first row of a parameterised query (None when empty)."""
        with self.cursor() as cur:
            row = cur.execute(sql, params or []).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        """Close the connection (the next :meth:`cursor` opens it again)."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
