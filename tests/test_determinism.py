"""Same input, same output, byte for byte, in every process.

Python salts string hashes per process (``PYTHONHASHSEED``), so any choice that follows the
iteration order of a set or dict of strings can differ from one run to the next.  The same
texts are coded in two processes with different hash seeds and the output files compared
byte for byte: the demo corpus, and when the shared data is present
(``$EVENTWIRE_SHARED_DATA``, else ``../shared/data``) the seed articles and the first 200
development sentences.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")
DEV_SENTENCES = 200
SEEDS = (1, 12345)


def _inputs(tmp: Path) -> list[Path]:
    paths = [REPO / "examples" / "demo"]
    if (SHARED / "seeds").is_dir():
        paths.append(SHARED / "seeds")
    dev = SHARED / "dev" / "plv_train.jsonl"
    if dev.is_file():
        with open(dev, encoding="utf-8") as fh:
            head = [line for _, line in zip(range(DEV_SENTENCES), fh)]
        (tmp / "dev.jsonl").write_text("".join(head), encoding="utf-8")
        paths.append(tmp / "dev.jsonl")
    return paths


def _differences(a: Path, b: Path) -> list[str]:
    """Readable differences between two events.jsonl files (for the failure message)."""
    def load(path: Path) -> dict[str, dict]:
        return {e["id"]: e for e in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    x, y = load(a), load(b)
    out = [f"only with seed {SEEDS[0]}: {k}" for k in sorted(x.keys() - y.keys())]
    out += [f"only with seed {SEEDS[1]}: {k}" for k in sorted(y.keys() - x.keys())]
    for k in sorted(x.keys() & y.keys()):
        fields = {f: (x[k].get(f), y[k].get(f)) for f in sorted(set(x[k]) | set(y[k])) if x[k].get(f) != y[k].get(f)}
        if fields:
            out.append(f"{k} ({x[k]['doc_id']}): {fields}")
    if not out and list(x) != list(y):
        out.append("same events in a different order")
    return out


@pytest.mark.slow
def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    paths = [str(p) for p in _inputs(tmp_path)]
    procs = []
    for seed in SEEDS:
        env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(REPO)}
        env.pop("EVENTWIRE_PROGRESS", None)
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "eventwire", "code", *paths, "--out", str(tmp_path / f"out-{seed}"),
             "--jobs", "1", "--quiet"], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    for proc in procs:
        _, err = proc.communicate()
        assert proc.returncode == 0, err.decode("utf-8", "replace")[-3000:]
    first, second = (tmp_path / f"out-{seed}" for seed in SEEDS)
    assert (first / "articles.jsonl").read_bytes() == (second / "articles.jsonl").read_bytes()
    events = (first / "events.jsonl").read_bytes()
    assert events, "nothing was coded"
    assert events == (second / "events.jsonl").read_bytes(), \
        "events differ between hash seeds:\n" + "\n".join(_differences(first / "events.jsonl", second / "events.jsonl"))
