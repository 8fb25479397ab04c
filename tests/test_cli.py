"""``eventwire`` on the command line, run as a user would: a subprocess on the demo folder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo"
SCRIPT = Path(sys.executable).parent / "eventwire"


def _run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    env.pop("EVENTWIRE_PROGRESS", None)
    return subprocess.run([sys.executable, "-m", "eventwire", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "out"
    proc = _run("code", str(DEMO), "--out", str(out), "--jobs", "2")
    return proc, out


def test_code_exits_zero(demo_run):
    proc, _ = demo_run
    assert proc.returncode == 0, proc.stderr


def test_code_writes_outputs(demo_run):
    _, out = demo_run
    for name in ("articles.jsonl", "events.jsonl", "articles.parquet", "events.parquet", "eventwire.duckdb"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    articles = [json.loads(x) for x in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines() if x]
    events = [json.loads(x) for x in (out / "events.jsonl").read_text(encoding="utf-8").splitlines() if x]
    assert len(articles) == 10 and all(a["status"] == "coded" for a in articles)
    assert events
    con = duckdb.connect(str(out / "eventwire.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from events").fetchone()[0] == len(events)
    finally:
        con.close()


def test_code_prints_summary_to_stderr(demo_run):
    proc, out = demo_run
    assert proc.stdout.strip() == "", "the summary belongs on stderr"
    err = proc.stderr
    assert "documents read" in err and "events" in err
    lines = {ln.split()[0]: ln.split()[1] for ln in err.splitlines() if len(ln.split()) == 2}
    assert lines.get("coded") == "10", err
    events = [json.loads(x) for x in (out / "events.jsonl").read_text(encoding="utf-8").splitlines() if x]
    by_type: dict[str, int] = {}
    for e in events:
        by_type[e["event_type"]] = by_type.get(e["event_type"], 0) + 1
    for etype, n in by_type.items():     # the events-by-type rows match the output
        assert lines.get(etype) == str(n), (etype, n, err)
    assert "Traceback" not in err


def test_code_missing_input_is_a_usage_error(tmp_path):
    proc = _run("code", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert "no such file" in proc.stderr and "Traceback" not in proc.stderr


def test_code_boilerplate_file_extends_the_rules(tmp_path):
    """``--boilerplate FILE`` merges the user's rules over the packaged ones; a bad file is a
    usage error naming ``file:line``."""
    text = ("Ruritania accused Freedonia of shelling the border town of Zenda on Monday.\n"
            "Listen to the Zenda Daily podcast now\nThe talks ended without a statement.\n")
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": text}) + "\n")
    rules = tmp_path / "rules.yaml"
    rules.write_text("patterns:\n  - id: zenda_promo\n    action: drop\n"
                     "    regex: '^Listen to the Zenda Daily podcast.{0,80}$'\n")
    for name, extra in (("plain", []), ("ruled", ["--boilerplate", str(rules)])):
        proc = _run("code", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / name), "--jobs", "1", "--quiet",
                    *extra)
        assert proc.returncode == 0, proc.stderr
    texts = {name: json.loads((tmp_path / name / "articles.jsonl").read_text())["text"] for name in ("plain", "ruled")}
    assert "Zenda Daily podcast" in texts["plain"] and "Zenda Daily podcast" not in texts["ruled"]

    bad = tmp_path / "bad.yaml"
    bad.write_text("patterns:\n  - id: fine\n    regex: '^ok$'\n  - id: broken\n    regex: '(unclosed'\n")
    proc = _run("code", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "bad"), "--boilerplate", str(bad))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{bad}:4:" in proc.stderr.replace("\n", "") and "broken" in proc.stderr


def test_help():
    proc = _run("--help")
    assert proc.returncode == 0, proc.stderr
    assert "code" in proc.stdout and "PLOVER" in proc.stdout


def test_code_help():
    proc = _run("code", "--help")
    assert proc.returncode == 0, proc.stderr
    for option in ("--out", "--jobs", "--resume", "--rules-only", "--lexicon"):
        assert option in proc.stdout, option


@pytest.mark.skipif(not SCRIPT.exists(), reason=f"console script not installed at {SCRIPT}")
def test_console_script_help():
    proc = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COLUMNS": "120"})
    assert proc.returncode == 0 and "code" in proc.stdout
