"""``POST /code`` (the library call on posted articles, nothing written) and the request
limits: malformed and mistyped bodies 422, too many or too large articles 422, a body
over the limit 413 from its Content-Length and while it streams."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from service_support import demo_folder

import eventwire
from eventwire.model import to_dict
from eventwire.service import create_app
from eventwire.service.schemas import MAX_ARTICLE_BYTES, CodeResponse

ARTICLE = {
    "id": "posted-1",
    "title": "Ministers agree on river data",
    "published": "2024-06-27",
    "outlet": "Example Wire",
    "url": "https://example.org/a",
    "text": "India and Bangladesh signed an agreement on sharing river data on Thursday, officials said. "
            "Protesters in Dhaka accused the government of ignoring farmers.",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return demo_folder(tmp_path_factory)


@pytest.fixture(scope="module")
def client(folder):
    with TestClient(create_app(folder, max_body_bytes=4 * MAX_ARTICLE_BYTES)) as c:
        yield c


def test_code_returns_what_the_library_returns(client, folder):
    before = (folder / "eventwire.duckdb").stat().st_mtime_ns, client.get("/stats").json()
    r = client.post("/code", json=[ARTICLE, {"text": "   "}, {"html": "<html><body><p>Russia offered to send aid "
                                                                "to Syria on Monday.</p></body></html>"}])
    assert r.status_code == 200, r.text
    body = r.json()
    CodeResponse.model_validate(body)
    assert [a["doc_id"] for a in body["articles"]] == ["posted-1", "text-2", "text-3"]
    assert [a["status"] for a in body["articles"]] == ["coded", "skipped", "coded"]
    assert body["articles"][1]["reason"] == "empty"
    first = body["articles"][0]
    assert (first["title"], first["outlet"], first["published"], first["url"]) == (
        ARTICLE["title"], ARTICLE["outlet"], ARTICLE["published"], ARTICLE["url"])
    lib = eventwire.code([dict(ARTICLE)])[0]
    expected = [to_dict(e) for e in lib.events]
    assert expected and [e for e in body["events"] if e["doc_id"] == "posted-1"] == expected
    assert first["n_events"] == len(expected)
    assert any(e["doc_id"] == "text-3" for e in body["events"])
    # the quotes and claims of the same library call come back too
    assert [q for q in body["quotes"] if q["doc_id"] == "posted-1"] == [to_dict(q) for q in lib.quotes]
    assert [c for c in body["claims"] if c["doc_id"] == "posted-1"] == [to_dict(c) for c in lib.claims]
    # nothing was written to the served folder
    assert (folder / "eventwire.duckdb").stat().st_mtime_ns == before[0]
    assert client.get("/stats").json() == before[1]


def test_an_article_that_fails_to_code_is_skipped_not_fatal(client, monkeypatch):
    import eventwire.service.coding as coding

    real = coding.library_code

    def flaky(items):
        if any(i["id"] == "bad" for i in items):
            raise RuntimeError("boom")
        return real(items)

    monkeypatch.setattr(coding, "library_code", flaky)
    r = client.post("/code", json=[ARTICLE, {"id": "bad", "text": "Whatever."}])
    assert r.status_code == 200
    arts = r.json()["articles"]
    assert arts[0]["status"] == "coded" and arts[0]["n_events"] > 0
    assert arts[1] == {**arts[1], "doc_id": "bad", "status": "skipped", "reason": "coding_error"}
    assert "boom" in arts[1]["message"]


@pytest.mark.parametrize("body", [
    b"{not json", b"[{\"text\": \"a\"}", b"", b"null", b"\"text\"", b"{\"text\": \"a\"}", b"[1, 2]",
    b"[{\"text\": 5}]", b"[{\"text\": [\"a\"]}]", b"[{\"title\": \"no text\"}]", b"[{\"text\": \"a\", \"colour\": 1}]",
    b"[{\"text\": \"a\", \"published\": {\"y\": 2024}}]", "[{\"text\": \"\\ud800\"}]".encode(), "[{\"text\": \"a\", \"title\": \"\\udfff\"}]".encode(),
    b"\xff\xfe[]",
])
def test_malformed_or_mistyped_bodies_are_422(client, body):
    r = client.post("/code", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422, (body, r.text)
    assert r.json()["detail"]


def test_too_many_articles_is_422(client):
    r = client.post("/code", json=[{"text": "a"}] * 101)
    assert r.status_code == 422 and "100" in json.dumps(r.json())


def test_duplicate_ids_are_422(client):
    r = client.post("/code", json=[{"id": "x", "text": "a"}, {"id": "x", "text": "b"}])
    assert r.status_code == 422 and "unique" in r.json()["detail"]


def test_an_article_over_2mb_is_422(client):
    r = client.post("/code", json=[{"text": "é" * (MAX_ARTICLE_BYTES // 2 + 1)}])  # 2 bytes a character
    assert r.status_code == 422 and "2,000,000" in json.dumps(r.json())


def test_wrong_method_and_media_type(client):
    assert client.get("/code").status_code == 405
    r = client.post("/code", content=b"text=a", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 422


@pytest.fixture(scope="module")
def small(folder):
    with TestClient(create_app(folder, max_body_bytes=10_000)) as c:
        yield c


def test_body_over_the_limit_is_413_from_content_length(small):
    r = small.post("/code", json=[{"text": "x" * 20_000}])
    assert r.status_code == 413
    assert "limit is 10,000 bytes" in r.json()["detail"]


def test_body_over_the_limit_is_413_while_streaming(small):
    sent = []

    def chunks():
        for _ in range(100):
            sent.append(1)
            yield b"x" * 1000

    r = small.post("/code", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413, r.text
    assert "too large" in r.json()["detail"]


def test_body_limit_applies_to_every_route(small):
    r = small.request("GET", "/events", content=b"x" * 20_000)
    assert r.status_code == 413


def test_within_the_limit_is_served(small):
    assert small.post("/code", json=[{"text": "   "}]).status_code == 200
