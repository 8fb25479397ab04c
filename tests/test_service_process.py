"""``eventwire serve`` as a real uvicorn process on a free port: it starts, answers, serves
concurrent clients the same events as the files, refuses an oversized body from its
Content-Length before the body is sent, codes a posted article, and stops on SIGTERM."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from cli_support import cli_env
from service_support import ROOT, demo_folder, read_jsonl


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(base: str, proc: subprocess.Popen, attempts: int = 600) -> None:
    """Poll /health until it answers (the process must stay alive meanwhile)."""
    for _ in range(attempts):
        if proc.poll() is not None:
            raise AssertionError(f"eventwire serve exited with {proc.returncode}: {proc.stderr.read()}")
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("eventwire serve did not answer /health")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = demo_folder(tmp_path_factory)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", str(folder), "--port", str(port),
                             "--max-body-mb", "1", "--no-warm"], cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, proc)
        yield base, folder, port, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_serves_the_files_events_to_concurrent_clients(server):
    base, folder, _, _ = server
    events = read_jsonl(folder / "events.jsonl")
    by_type = {}
    for e in events:
        by_type.setdefault(e["event_type"], []).append(e)

    def fetch(event_type: str) -> tuple[str, int, list]:
        r = httpx.get(base + "/events", params={"event_type": event_type, "limit": 1000}, timeout=60)
        return event_type, r.status_code, r.json()["items"]

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(fetch, sorted(by_type) * 4))
    for event_type, status, items in results:
        assert status == 200 and items == by_type[event_type]
    with httpx.Client(base_url=base, timeout=60) as c:
        assert c.get("/events", params={"limit": 1000}).json()["items"] == events
        assert c.get("/events", params={"limit": 0}).status_code == 422
        assert c.get("/events/nope").status_code == 404
        assert c.get("/stories").status_code == 404
        assert c.get("/openapi.json").status_code == 200


def test_binds_to_localhost_by_default(server):
    _, _, port, _ = server
    addrs = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
    for addr in sorted(addrs)[:1]:  # another interface of this machine, when it has one
        with socket.socket() as s:
            s.settimeout(2)
            assert s.connect_ex((addr, port)) != 0


def test_oversized_content_length_is_refused_before_the_body_is_sent(server):
    _, _, port, _ = server
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(b"POST /code HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 50000000\r\n\r\n")  # and no body at all
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = s.recv(4096)
            if not chunk:
                break
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]


def test_chunked_body_over_the_limit_is_413(server):
    base = server[0]

    def chunks():
        for _ in range(64):
            yield b"[" + b" " * 65_536

    r = httpx.post(base + "/code", content=chunks(), headers={"Content-Type": "application/json"}, timeout=60)
    assert r.status_code == 413


def test_code_over_http(server):
    base = server[0]
    r = httpx.post(base + "/code", json=[{"id": "a", "text": "Russia offered to send aid to Syria on Monday."}],
                   timeout=300)
    assert r.status_code == 200
    assert [e["event_type"] for e in r.json()["events"]] == ["AGREE"]


def test_concurrent_code_requests_get_the_answer_of_one_alone(server):
    base = server[0]
    texts = ["Russia offered to send aid to Syria on Monday.",
             "Protesters in Tbilisi accused the government of rigging the election.",
             "China and North Korea held talks in Beijing on Tuesday.",
             "The European Union imposed sanctions on Iranian oil tankers."]
    alone = [httpx.post(base + "/code", json=[{"id": "x", "text": t}], timeout=300).json() for t in texts]

    def post(i: int) -> dict:
        return httpx.post(base + "/code", json=[{"id": "x", "text": texts[i % 4]}], timeout=300).json()

    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(post, range(16)))
    assert all(together[i] == alone[i % 4] for i in range(16))
    assert sum(len(a["events"]) for a in alone) >= 3


def test_stops_gracefully_on_sigterm(server):
    proc = server[3]
    proc.terminate()
    rc = proc.wait(timeout=60)
    # uvicorn shuts down, then re-raises the signal it caught, so the exit status is SIGTERM's
    assert rc in (0, -15), rc
    assert "Finished server process" in proc.stderr.read()


def test_serve_without_a_database_is_a_usage_error(tmp_path):
    r = subprocess.run([sys.executable, "-m", "eventwire", "serve", str(tmp_path)], cwd=ROOT, env=cli_env(),
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "eventwire.duckdb" in r.stderr and "Traceback" not in r.stderr
