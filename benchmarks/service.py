"""Load on ``eventwire serve``: GET /events with filters and POST /code under concurrent clients.

    python benchmarks/service.py                                  # demo corpus coded to a temp folder
    python benchmarks/service.py --folder /path/to/output-folder  # an existing output folder
    python benchmarks/service.py --clients 20 --get-requests 2000 --code-requests 200 --max-seconds 120

The real service runs as a subprocess (``python -m eventwire serve FOLDER --port P``, one
uvicorn worker, the coder loaded at start-up).  ``--clients`` threads, each with its own
keep-alive ``httpx.Client``, send requests until the scenario's count is reached or
``--max-seconds`` have passed.  Scenarios:

* ``GET /health`` — the floor (framework and HTTP overhead), the baseline of the GET ratio;
* ``GET /events`` — a rotation of filtered queries (type, source/target country, actor text,
  date range, outlet, negated, modality, date order, a second page through a cursor, CSV);
* ``POST /code`` — one article per request (``--articles-per-request``), taken in turn from
  ``--source`` (JSONL with ``text``; default: the demo corpus's feed and texts).  Its baseline
  is the library call (``eventwire.code``) on the same articles in this process, one at a time.

For each: requests, errors (any status but 200, or a transport error: must be zero), wall
time, requests/s, p50 / p99 latency.  Exit status 1 when there was an error.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"

#: the filtered queries of the GET /events scenario (taken in turn)
EVENT_QUERIES: list[dict[str, Any]] = [
    {"limit": 100},
    {"event_type": "AGREE"},
    {"event_type": ["ACCUSE", "REJECT"], "negated": "false"},
    {"source_country": "RUS"},
    {"target_country": ["UKR", "USA"]},
    {"actor": "minister"},
    {"date_from": "2016-01-01", "date_to": "2024-12-31", "order": "date"},
    {"modality": ["intended", "future"]},
    {"limit": 1000, "order": "-date"},
    {"format": "csv", "limit": 500},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


class Scenario:
    """Run ``make_request(client, i)`` ``count`` times over ``clients`` threads, bounded in time."""

    def __init__(self, name: str, base: str, make_request: Callable[[httpx.Client, int], httpx.Response],
                 count: int, clients: int, max_seconds: float) -> None:
        self.name, self.base, self.make_request = name, base, make_request
        self.count, self.clients, self.max_seconds = count, clients, max_seconds
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self._next = 0
        self._lock = threading.Lock()

    def _take(self, deadline: float) -> Optional[int]:
        with self._lock:
            if self._next >= self.count or time.perf_counter() > deadline:
                return None
            self._next += 1
            return self._next - 1

    def _worker(self, deadline: float) -> None:
        with httpx.Client(base_url=self.base, timeout=600) as client:
            while (i := self._take(deadline)) is not None:
                t0 = time.perf_counter()
                try:
                    r = self.make_request(client, i)
                    ok = r.status_code == 200
                    why = f"{r.status_code} {r.text[:200]}"
                except httpx.HTTPError as exc:
                    ok, why = False, f"{type(exc).__name__}: {exc}"
                dt = time.perf_counter() - t0
                with self._lock:
                    self.latencies.append(dt)
                    if not ok:
                        self.errors.append(why)

    def run(self) -> dict[str, Any]:
        t0 = time.perf_counter()
        deadline = t0 + self.max_seconds
        threads = [threading.Thread(target=self._worker, args=(deadline,)) for _ in range(self.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        n = len(self.latencies)
        return {"scenario": self.name, "requests": n, "errors": len(self.errors), "wall_s": round(wall, 2),
                "req_per_s": round(n / wall, 1) if wall else None,
                "p50_ms": round(1000 * percentile(self.latencies, 0.50), 1),
                "p99_ms": round(1000 * percentile(self.latencies, 0.99), 1),
                "first_errors": self.errors[:3]}


def load_articles(source: Optional[Path], n: int) -> list[dict[str, Any]]:
    """``n`` articles to post (cycled), each with a distinct id."""
    items: list[dict[str, Any]] = []
    if source is not None:
        with open(source, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                items.append({k: rec.get(k) for k in ("text", "title", "published", "outlet", "url") if rec.get(k)})
    else:
        for line in (DEMO / "feed.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            items.append({k: rec[k] for k in ("text", "title", "published", "outlet") if rec.get(k)})
        for p in sorted(DEMO.glob("*.txt")):
            items.append({"text": p.read_text(encoding="utf-8")})
    if not items:
        raise SystemExit("no articles to post")
    return [{**items[i % len(items)], "id": f"bench-{i}"} for i in range(n)]


def start_server(folder: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", str(folder), "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        if proc.poll() is not None:
            raise SystemExit(f"eventwire serve exited: {proc.stderr.read()}")
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    proc.terminate()
    raise SystemExit("eventwire serve did not start")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folder", type=Path, help="output folder to serve (default: the demo corpus, coded now)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--get-requests", type=int, default=2000, help="requests of each GET scenario")
    ap.add_argument("--code-requests", type=int, default=200, help="requests of the POST /code scenario")
    ap.add_argument("--articles-per-request", type=int, default=1)
    ap.add_argument("--source", type=Path, help="JSONL of articles to post (default: the demo corpus)")
    ap.add_argument("--max-seconds", type=float, default=120.0, help="time bound of each scenario")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    tmp = None
    folder = args.folder
    if folder is None:
        import eventwire

        tmp = tempfile.TemporaryDirectory(prefix="eventwire-service-bench-")
        folder = Path(tmp.name)
        eventwire.run([DEMO], folder)
    load = os.getloadavg()
    port = free_port()
    proc = start_server(folder, port)
    base = f"http://127.0.0.1:{port}"
    rows: list[dict[str, Any]] = []
    try:
        per = args.articles_per_request
        articles = load_articles(args.source, args.code_requests * per)
        # the coder loads in the background at start-up: wait for it before timing
        httpx.post(base + "/code", json=articles[:1], timeout=600).raise_for_status()
        first = httpx.get(base + "/events", params={"limit": 5}).json()
        cursor = first["next_cursor"]
        queries = EVENT_QUERIES + ([{"limit": 5, "cursor": cursor}] if cursor else [])

        rows.append(Scenario("GET /health", base, lambda c, i: c.get("/health"), args.get_requests,
                             args.clients, args.max_seconds).run())
        rows.append(Scenario("GET /events (filters)", base, lambda c, i: c.get("/events", params=queries[i % len(queries)]),
                             args.get_requests, args.clients, args.max_seconds).run())
        rows.append(Scenario(f"POST /code ({per} article{'s' * (per > 1)})", base,
                             lambda c, i: c.post("/code", json=articles[i * per:(i + 1) * per]),
                             args.code_requests, args.clients, args.max_seconds).run())
    finally:
        proc.terminate()
        proc.wait(timeout=60)

    # baseline of POST /code: the library call on the same articles, one request's worth at a time
    import eventwire

    n_lib = rows[-1]["requests"]
    t0 = time.perf_counter()
    for i in range(n_lib):
        eventwire.code(articles[i * per:(i + 1) * per])
    lib_rate = n_lib / (time.perf_counter() - t0) if n_lib else float("nan")
    if tmp is not None:
        tmp.cleanup()

    print(f"folder: {folder if args.folder else 'examples/demo (coded to a temp folder)'}; clients: {args.clients}; "
          f"cores: {os.cpu_count()}; load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'scenario':32} {'requests':>9} {'errors':>7} {'wall s':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for r in rows:
        print(f"{r['scenario']:32} {r['requests']:>9,} {r['errors']:>7} {r['wall_s']:>8.2f} {r['req_per_s']:>8.1f} "
              f"{r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f}")
    health, events, code = rows
    print(f"ratio GET /events / GET /health (req/s): {events['req_per_s'] / health['req_per_s']:.2f}x")
    print(f"library eventwire.code, same articles, sequential: {lib_rate:.1f} calls/s; "
          f"ratio POST /code / library: {code['req_per_s'] / lib_rate:.2f}x")
    errors = sum(r["errors"] for r in rows)
    for r in rows:
        for e in r["first_errors"]:
            print(f"error in {r['scenario']}: {e}")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "library_calls_per_s": lib_rate, "load": load}, indent=2))
    print("errors: 0" if not errors else f"errors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
