"""Where ``eventwire code`` spends its time: cProfile of the real CLI, in one process.

    .venv/bin/python benchmarks/profile_cli.py --articles 500 [--top 25] [--stats OUT.prof]

Builds the same replicated corpus as ``throughput.py`` (in a temp folder), runs
``eventwire code CORPUS --out DIR --jobs 1 --quiet`` under cProfile in this process and prints
the top functions by cumulative and by own time.  The profiler's clock is CPU time
(``time.process_time``), so other load on the machine does not skew the shares.  Open the
``--stats`` file with ``python -m pstats`` or snakeviz for more.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_SOURCE, load_source, write_corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--stats", type=Path, help="write the raw profile here")
    args = ap.parse_args()

    from eventwire.cli import main as cli_main

    work = Path(tempfile.mkdtemp(prefix="eventwire-prof-"))
    try:
        corpus, _ = write_corpus(load_source(args.source), args.articles, work, "jsonl")
        sys.argv = ["eventwire", "code", str(corpus), "--out", str(work / "out"), "--jobs", "1", "--quiet"]
        prof = cProfile.Profile(time.process_time)
        t0, c0 = time.perf_counter(), time.process_time()
        prof.enable()
        try:
            cli_main()
        except SystemExit as exc:
            if exc.code not in (0, None):
                print(f"eventwire exited with {exc.code}", file=sys.stderr)
                return 1
        finally:
            prof.disable()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{args.articles} articles, --jobs 1: {wall:.1f} s wall, {cpu:.1f} s CPU "
          f"({args.articles / cpu:.1f} articles per CPU-second)")
    if args.stats:
        prof.dump_stats(str(args.stats))
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(args.top)
        print(f"\n=== top {args.top} by {key} ===")
        print(buf.getvalue().strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
