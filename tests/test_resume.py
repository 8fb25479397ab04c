"""Kill a ``--jobs 2`` run with SIGKILL, ``--resume`` it, and compare with an uninterrupted run.

Every document must be coded exactly once across the two runs, with the same doc ids and the
same event ids as the uninterrupted run, no duplicate event, and files that parse.  Also: a
torn last line (a write cut by the kill) is repaired by the next ``--resume``.
"""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import check_outputs, cli_env, read_jsonl, run_cli

COUNTRIES = ["Germany", "France", "Japan", "Brazil", "Kenya", "India", "Canada", "Egypt", "Turkey", "Mexico",
             "Poland", "Nigeria"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEMPLATES = [
    "{a} offered to send aid to {b} on {day}.",
    "{a} accused {b} of violating the ceasefire on {day}.",
    "The foreign minister of {a} met her counterpart from {b} in the capital on {day}.",
    "{a} imposed sanctions on {b} after talks collapsed on {day}.",
    "Police in {a} arrested dozens of protesters on {day}.",
    "{a} and {b} agreed to resume trade negotiations on {day}.",
    "{a} threatened to expel diplomats from {b} on {day}.",
]
FILLER = ["Officials said further talks were planned.", "The statement did not give details.",
          "Analysts said the move could raise tensions in the region.", "Markets were calm after the news."]
N_JSONL, N_FILES = 120, 30


def article(i: int) -> str:
    """A short English news-style article, different for every ``i``."""
    a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i * 5 + 3) % len(COUNTRIES)]
    if a == b:
        b = COUNTRIES[(i + 1) % len(COUNTRIES)]
    day = DAYS[i % len(DAYS)]
    first = TEMPLATES[i % len(TEMPLATES)].format(a=a, b=b, day=day)
    second = TEMPLATES[(i // len(TEMPLATES) + 2) % len(TEMPLATES)].format(a=b, b=a, day=DAYS[(i + 2) % 5])
    third = TEMPLATES[(i + 4) % len(TEMPLATES)].format(a=a, b=COUNTRIES[(i + 7) % len(COUNTRIES)], day=day)
    return f"{first} {second} {FILLER[i % len(FILLER)]} {third} Report number {i} was filed from the capital."


def build_corpus(d: Path) -> list[str]:
    """One JSON Lines file and a folder of files; returns every doc id, in input order."""
    (d / "files").mkdir(parents=True)
    ids = []
    with open(d / "wire.jsonl", "w", encoding="utf-8") as fh:
        for i in range(N_JSONL):
            rec = {"text": article(i), "published": f"2024-05-{i % 28 + 1:02d}"}
            if i % 3:  # some records with an id, the others named by file and line
                rec["id"] = f"w{i:03d}"
            fh.write(json.dumps(rec) + "\n")
            ids.append(rec.get("id", f"wire.jsonl:{i + 1}"))
    for i in range(N_FILES):
        name = f"story {i:02d}.txt"
        (d / "files" / name).write_text(article(N_JSONL + i), encoding="utf-8")
        ids.append(name)
    return ids


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus and an uninterrupted ``--jobs 2`` run of it (the reference)."""
    base = tmp_path_factory.mktemp("resume")
    ids = build_corpus(base / "in")
    ran = run_cli(["code", "in/files", "in/wire.jsonl", "--out", "ref", "--jobs", "2", "--quiet"], cwd=base)
    assert ran.returncode == 0, ran.stderr[-3000:]
    articles, events = check_outputs(base / "ref")
    assert sorted(a["doc_id"] for a in articles) == sorted(ids)
    assert len(events) > len(ids)  # the articles do carry events
    return base, ids, articles, events


def _same_as_reference(out: Path, ref_articles: list[dict], ref_events: list[dict]) -> None:
    articles, events = check_outputs(out)  # includes: every doc id once, no duplicate event id
    assert sorted(a["doc_id"] for a in articles) == sorted(a["doc_id"] for a in ref_articles)
    assert {e["id"] for e in events} == {e["id"] for e in ref_events}
    # not just the ids: the records themselves are the same (ids are stable across runs)
    assert {a["doc_id"]: a for a in articles} == {a["doc_id"]: a for a in ref_articles}
    assert {e["id"]: e for e in events} == {e["id"]: e for e in ref_events}


def _complete_lines(path: Path) -> list[dict]:
    """The lines a killed run left, but for a torn last one; each must be valid JSON."""
    if not path.exists():
        return []
    data = path.read_bytes()
    return [json.loads(line) for line in data[: data.rfind(b"\n") + 1].splitlines() if line.strip()]


def _children(pid: int) -> list[int]:
    import psutil

    try:
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _wait_gone(pids: list[int], timeout: float) -> list[int]:
    import psutil

    deadline = time.monotonic() + timeout
    alive = [p for p in pids if psutil.pid_exists(p)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [p for p in alive if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
    return alive


def test_sigkill_then_resume_codes_every_document_once(corpus):
    base, ids, ref_articles, ref_events = corpus
    out = base / "killed"
    articles_path = out / "articles.jsonl"
    cmd = [sys.executable, "-m", "eventwire", "code", "in/files", "in/wire.jsonl", "--out", "killed",
           "--jobs", "2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=base, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if articles_path.exists() and b"\n" in articles_path.read_bytes():
                break  # documents are done, and (batches of 32 at a time) most are not
            time.sleep(0.01)
        assert proc.poll() is None, "the run ended before it could be killed"
        workers = _children(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    # the workers die with the parent: no orphan keeps coding or holds the folder's lock
    assert not _wait_gone(workers, timeout=10), "worker processes outlived the killed run"
    assert "Traceback" not in stderr, stderr[-3000:]

    done = _complete_lines(articles_path)
    assert 1 <= len(done) < len(ids), len(done)
    _complete_lines(out / "events.jsonl")
    assert not (out / "eventwire.duckdb").exists()  # killed before the end

    resumed = run_cli(["code", "in/files", "in/wire.jsonl", "--out", "killed", "--jobs", "2", "--resume",
                       "--quiet"], cwd=base)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert "Traceback" not in resumed.stderr
    _same_as_reference(out, ref_articles, ref_events)
    # what the killed run finished was kept, not coded again: its records are still first, in order
    assert [a["doc_id"] for a in read_jsonl(articles_path)][: len(done)] == [a["doc_id"] for a in done]


def test_torn_last_lines_are_repaired_on_resume(corpus):
    """A kill in the middle of writing: the last document's events are written, its article
    record only half, and half an event line of the next document follows."""
    base, _, ref_articles, ref_events = corpus
    out = base / "torn"
    shutil.copytree(base / "ref", out)
    for name in ("articles.parquet", "events.parquet", "eventwire.duckdb"):
        (out / name).unlink()
    art_lines = (out / "articles.jsonl").read_bytes().splitlines(keepends=True)
    last = json.loads(art_lines[-1])
    assert last["n_events"] > 0
    (out / "articles.jsonl").write_bytes(b"".join(art_lines[:-1]) + art_lines[-1][: len(art_lines[-1]) // 2])
    with open(out / "events.jsonl", "ab") as fh:
        fh.write(json.dumps(ref_events[0]).encode()[:40])
    ran = run_cli(["code", "in/files", "in/wire.jsonl", "--out", "torn", "--jobs", "1", "--resume", "--quiet"],
                  cwd=base)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert "Traceback" not in ran.stderr
    _same_as_reference(out, ref_articles, ref_events)
    assert read_jsonl(out / "articles.jsonl")[-1]["doc_id"] == last["doc_id"]  # coded again, once


def test_resume_of_a_finished_run_codes_nothing(corpus):
    base, _, ref_articles, ref_events = corpus
    out = base / "again"
    shutil.copytree(base / "ref", out)
    before = (out / "articles.jsonl").read_bytes()
    ran = run_cli(["code", "in/files", "in/wire.jsonl", "--out", "again", "--jobs", "2", "--resume", "--quiet"],
                  cwd=base)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert (out / "articles.jsonl").read_bytes() == before
    _same_as_reference(out, ref_articles, ref_events)

