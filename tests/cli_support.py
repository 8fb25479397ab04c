"""Helpers for the end-to-end CLI tests: run ``python -m eventwire`` and check its output folder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float  # peak resident memory of the process and the workers it waited for


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("EVENTWIRE_PROGRESS", None)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def run_cli(args: list[str], *, cwd: Path, timeout: float = 180, prelude: Optional[str] = None) -> Ran:
    """Run ``python -m eventwire ARGS`` (or, with ``prelude``, that Python code and then the CLI's
    ``main()`` in the same process: how a test makes the internals misbehave) and wait for it."""
    if prelude is None:
        cmd = [sys.executable, "-m", "eventwire", *args]
    else:
        code = f"{prelude}\nimport sys\nfrom eventwire.cli import main\nsys.argv = ['eventwire', *sys.argv[1:]]\nmain()\n"
        cmd = [sys.executable, "-c", code, *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=cli_env())
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)  # wait4: also the peak memory of the process tree
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        ran = Ran(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                  usage.ru_maxrss / 1024)
    assert not timed_out.is_set(), f"timed out after {timeout}s: {args}\n{ran.stderr[-2000:]}"
    return ran


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every line of a finished output file: complete (newline-terminated) and valid JSON."""
    data = path.read_bytes()
    assert not data or data.endswith(b"\n"), f"{path.name}: torn last line"
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def check_outputs(out: Path) -> tuple[list[dict], list[dict]]:
    """Check that a finished run's files agree with each other; return (articles, events)."""
    import duckdb
    import pyarrow.parquet as pq

    articles = read_jsonl(out / "articles.jsonl")
    events = read_jsonl(out / "events.jsonl")
    doc_ids = [a["doc_id"] for a in articles]
    assert len(doc_ids) == len(set(doc_ids)), "a document was written twice"
    event_ids = [e["id"] for e in events]
    assert len(event_ids) == len(set(event_ids)), "duplicate event ids"
    by_doc: dict[str, int] = {}
    for e in events:
        by_doc[e["doc_id"]] = by_doc.get(e["doc_id"], 0) + 1
    for a in articles:
        assert a["status"] in ("coded", "skipped"), a
        if a["status"] == "coded":
            assert a["reason"] is None and a["n_events"] == by_doc.get(a["doc_id"], 0), a["doc_id"]
        else:
            assert a["reason"] and a["message"], a
            assert by_doc.get(a["doc_id"], 0) == 0, a["doc_id"]
    assert set(by_doc) <= set(doc_ids), "events of a document without an article record"

    ev_table = pq.read_table(out / "events.parquet")
    assert ev_table.num_rows == len(events)
    assert sorted(ev_table.column("id").to_pylist()) == sorted(event_ids)
    art_table = pq.read_table(out / "articles.parquet")
    assert art_table.column("doc_id").to_pylist() == doc_ids
    con = duckdb.connect(str(out / "eventwire.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(articles)
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == len(events)
        assert con.execute("SELECT count(DISTINCT id) FROM events").fetchone()[0] == len(events)
        con.execute("SELECT count(*) FROM actors").fetchone()
    finally:
        con.close()
    assert not (out / "eventwire-error.log").exists()
    return articles, events
