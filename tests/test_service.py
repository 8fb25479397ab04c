"""The service's read endpoints over a real output folder (the demo corpus coded here):
``/events`` equal to ``events.jsonl``, filters against the same filter written in Python,
paging, CSV, provenance, actors, stats, report, and requests that must be refused."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from service_support import HOSTILE, copy_folder, demo_folder, read_jsonl

from eventwire.service import create_app
from eventwire.service.queries import encode_cursor
from eventwire.service.schemas import EventDetail, EventPage, Stats


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return demo_folder(tmp_path_factory)


@pytest.fixture(scope="module")
def client(folder):
    with TestClient(create_app(folder)) as c:
        yield c


@pytest.fixture(scope="module")
def events(folder) -> list[dict]:
    return read_jsonl(folder / "events.jsonl")


@pytest.fixture(scope="module")
def articles(folder) -> list[dict]:
    return read_jsonl(folder / "articles.jsonl")


def all_pages(client, params: dict, limit: int = 7) -> list[dict]:
    """Every event matching ``params``, following next_cursor."""
    out, cursor = [], None
    while True:
        r = client.get("/events", params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        page = r.json()
        out += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return out


def test_health(client, events):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "database": "eventwire.duckdb", "events": len(events), "reconciled": False,
                        "report_renderer": r.json()["report_renderer"]}


def test_events_equal_events_jsonl(client, events):
    assert len(events) > 20
    got = all_pages(client, {})
    assert got == events  # same records, same keys and values, same order
    page = client.get("/events", params={"limit": 1000}).json()
    assert page["items"] == events and page["total"] == len(events) and page["next_cursor"] is None
    EventPage.model_validate(page)


def test_offset_paging_matches_cursor_paging_and_is_stable(client, events):
    by_offset = []
    for off in range(0, len(events), 9):
        by_offset += client.get("/events", params={"limit": 9, "offset": off}).json()["items"]
    assert by_offset == events
    first = client.get("/events", params={"limit": 5, "order": "date"}).json()
    again = client.get("/events", params={"limit": 5, "order": "date"}).json()
    assert first == again
    second = client.get("/events", params={"limit": 5, "order": "date", "cursor": first["next_cursor"]}).json()
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}


@pytest.mark.parametrize("order", ["date", "-date"])
def test_date_orders_page_through_everything_sorted(client, events, order):
    got = all_pages(client, {"order": order}, limit=6)
    assert sorted(e["id"] for e in got) == sorted(e["id"] for e in events)
    keys = [e["event_date"] or "" for e in got]
    assert keys == sorted(keys, reverse=order == "-date")


def test_bad_cursors_are_422(client):
    good = client.get("/events", params={"limit": 2}).json()["next_cursor"]
    for params in ({"cursor": "not-a-cursor"}, {"cursor": "e30"}, {"cursor": good, "order": "date"},
                   {"cursor": good, "offset": 3}, {"cursor": "eyJvIjoiZmlsZSIsImsiOlsieCJdfQ"},
                   {"cursor": encode_cursor("file", [-1])}, {"cursor": encode_cursor("file", [2**70])},
                   {"cursor": encode_cursor("date", [3, 4]), "order": "date"}):
        r = client.get("/events", params=params)
        assert r.status_code == 422, (params, r.text)
        assert "cursor" in r.json()["detail"]


def _countries(actors):
    return {a["country"] for a in actors}


def _overlaps(d, lo, hi):
    return d is not None and (lo is None or d >= lo[:len(d)]) and (hi is None or d <= hi[:len(d)])


FILTERS = [
    ({"event_type": "AGREE"}, lambda e: e["event_type"] == "AGREE"),
    ({"event_type": ["AID", "REQUEST"]}, lambda e: e["event_type"] in ("AID", "REQUEST")),
    ({"source_country": "RUS"}, lambda e: "RUS" in _countries(e["source"])),
    ({"source_country": "rus"}, lambda e: "RUS" in _countries(e["source"])),
    ({"target_country": ["UKR", "SDN"]}, lambda e: _countries(e["target"]) & {"UKR", "SDN"}),
    ({"actor": "ukrain"}, lambda e: any("ukrain" in (a["text"] or "").lower() or "ukrain" in (a["name"] or "").lower()
                                        or (a["country"] or "") == "UKRAIN" for a in e["source"] + e["target"])),
    ({"actor": "who"}, lambda e: any("who" in (a["text"] or "").lower() or "who" in (a["name"] or "").lower()
                                     or (a["country"] or "") == "WHO" for a in e["source"] + e["target"])),
    ({"date_from": "2024-03-01", "date_to": "2024-06-30"}, lambda e: _overlaps(e["event_date"], "2024-03-01", "2024-06-30")),
    ({"date_from": "2024-10-01"}, lambda e: _overlaps(e["event_date"], "2024-10-01", None)),
    ({"outlet": "the meridian post"}, lambda e: (e["publisher"] or "").lower() == "the meridian post"),
    ({"negated": "true"}, lambda e: e["negated"]),
    ({"negated": "false"}, lambda e: not e["negated"]),
    ({"modality": ["intended", "future"]}, lambda e: e["modality"] in ("intended", "future")),
    ({"doc_id": "03_northgate_nepal_quake.txt"}, lambda e: e["doc_id"] == "03_northgate_nepal_quake.txt"),
    ({"event_type": "ACCUSE", "source_country": "UKR", "negated": "false"},
     lambda e: e["event_type"] == "ACCUSE" and "UKR" in _countries(e["source"]) and not e["negated"]),
]


@pytest.mark.parametrize("params,keep", FILTERS, ids=[str(p) for p, _ in FILTERS])
def test_filters_match_the_same_filter_on_events_jsonl(client, events, params, keep):
    expected = [e for e in events if keep(e)]
    got = all_pages(client, params, limit=5)
    assert got == expected
    assert client.get("/events", params=params).json()["total"] == len(expected)


def test_filters_select_something(client, events):
    # the fixtures above would pass vacuously on an empty selection: make sure most do not
    nonempty = sum(bool([e for e in events if keep(e)]) for _, keep in FILTERS)
    assert nonempty >= len(FILTERS) - 2


def test_csv(client, events):
    r = client.get("/events", params={"limit": 10, "event_type": "AGREE"}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    agree = [e for e in events if e["event_type"] == "AGREE"]
    assert [row["id"] for row in rows] == [e["id"] for e in agree[:10]]
    assert r.headers["x-total-count"] == str(len(agree))
    first, ev = rows[0], agree[0]
    assert first["sentence"] == ev["sentence"] and first["trigger"] == ev["trigger"]
    assert first["source_country"] == (ev["source"][0]["country"] if ev["source"] else "")
    assert first["negated"] == str(ev["negated"]).lower()
    # the next page through the header's cursor continues where this one stopped
    if len(agree) > 10:
        nxt = client.get("/events", params={"event_type": "AGREE", "cursor": r.headers["x-next-cursor"], "format": "csv"})
        assert list(csv.DictReader(io.StringIO(nxt.text)))[0]["id"] == agree[10]["id"]
    as_param = client.get("/events", params={"limit": 10, "event_type": "AGREE", "format": "csv"})
    assert as_param.text == r.text


def test_event_provenance(client, events, articles):
    text = {a["doc_id"]: a["text"] for a in articles}
    for ev in events[::7]:
        r = client.get(f"/events/{ev['id']}")
        assert r.status_code == 200
        body = r.json()
        EventDetail.model_validate(body)
        assert body["event"] == ev
        p = body["provenance"]
        doc = text[p["doc_id"]]
        assert doc[p["char_start"]:p["char_end"]] == p["sentence"] == ev["sentence"]
        assert doc[p["trigger_start"]:p["trigger_end"]] == p["trigger"]
        assert p["rules"] == ev["rules"]
        art = next(a for a in articles if a["doc_id"] == ev["doc_id"])
        assert body["article"]["title"] == art["title"] and body["article"]["outlet"] == art["outlet"]
        assert body["article"]["url"] == art["url"]


def test_unknown_ids_are_404(client):
    for url in ("/events/0000000000", "/events/%27%3B%20drop%20table%20events%3B%20--"):
        r = client.get(url)
        assert r.status_code == 404 and "no event" in r.json()["detail"]
    assert client.get("/nowhere").status_code == 404


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 1001}, {"limit": -5}, {"limit": "ten"}, {"offset": -1}, {"offset": "x"},
    {"event_type": "BOMBARD"}, {"modality": "certain"}, {"date_from": "yesterday"}, {"date_to": "2024-13-45"},
    {"negated": "perhaps"}, {"order": "id; drop table events"}, {"min_outlets": 0}, {"actor": ""},
    {"source_country": "X" * 40}, {"date_from": "2024-05-01", "date_to": "2024-01-01"},
])
def test_bad_parameters_are_422(client, params):
    r = client.get("/events", params=params)
    assert r.status_code == 422, r.text
    assert r.json()["detail"]


def test_other_endpoints_check_their_parameters(client):
    for url, params in (("/actors", {"limit": 1001}), ("/actors", {"order": "text"}), ("/actors", {"role": "boss"}),
                        ("/actors", {"offset": -1})):
        assert client.get(url, params=params).status_code == 422, (url, params)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_are_data(client, events, hostile):
    for key in ("actor", "outlet", "doc_id", "source_country", "target_country"):
        r = client.get("/events", params={key: hostile})
        assert r.status_code in (200, 422), (key, r.text)
        if r.status_code == 200:
            assert r.json()["items"] == [], (key, hostile)
    r = client.get("/actors", params={"q": hostile})
    assert r.status_code in (200, 422)
    assert client.get("/events/" + quote(hostile, safe="")).status_code in (404, 422)
    # the tables are still there
    assert client.get("/events", params={"limit": 1000}).json()["items"] == events
    assert client.get("/stats").json()["actors"]["mentions"] > 0


def test_like_wildcards_are_matched_literally(client):
    assert client.get("/events", params={"actor": "%"}).json()["total"] == 0
    assert client.get("/actors", params={"q": "_"}).json()["total"] == 0


def test_actors(client, events):
    page = client.get("/actors", params={"limit": 1000}).json()
    mentions = sum(len(e["source"]) + len(e["target"]) + (e["attribution"] is not None) for e in events)
    assert sum(a["n_mentions"] for a in page["items"]) == mentions
    assert page["total"] == len(page["items"])
    counts = [a["n_events"] for a in page["items"]]
    assert counts == sorted(counts, reverse=True)
    rus = next(a for a in page["items"] if a["country"] == "RUS" and a["name"] == "Russia")
    as_source = sum(1 for e in events for a in e["source"] if a["country"] == "RUS" and a["name"] == "Russia")
    assert rus["n_source"] == as_source
    by_name = client.get("/actors", params={"order": "name", "limit": 1000}).json()["items"]
    names = [a["name"] for a in by_name if a["name"] is not None]
    assert names == sorted(names)
    ukr = client.get("/actors", params={"q": "ukrain"}).json()["items"]
    assert ukr and all("ukrain" in (a["name"] or "").lower() or a["country"] == "UKR" for a in ukr)
    targets = client.get("/actors", params={"role": "target", "country": "ukr"}).json()["items"]
    assert targets and all(a["country"] == "UKR" and a["n_source"] == 0 and a["n_target"] > 0 for a in targets)
    paged = client.get("/actors", params={"limit": 3, "offset": 3}).json()["items"]
    assert paged == page["items"][3:6]


def test_stats(client, events, articles):
    s = client.get("/stats").json()
    Stats.model_validate(s)
    assert s["articles"]["total"] == len(articles)
    assert s["articles"]["by_status"] == {"coded": len(articles)}
    assert s["events"]["total"] == len(events)
    by_type: dict[str, int] = {}
    for e in events:
        by_type[e["event_type"]] = by_type.get(e["event_type"], 0) + 1
    assert s["events"]["by_type"] == by_type
    assert s["events"]["negated"] == sum(e["negated"] for e in events)
    dates = sorted(a["published"] for a in articles if a["published"])
    assert (s["articles"]["published_from"], s["articles"]["published_to"]) == (dates[0], dates[-1])
    assert s["reconciled"] is False and s["stories"] is None


def test_stories_on_a_folder_not_reconciled(client):
    for url in ("/stories", "/stories/story-1"):
        r = client.get(url)
        assert r.status_code == 404 and "eventwire reconcile" in r.json()["detail"]
    for params in ({"story_id": "story-1"}, {"min_outlets": 2}):
        r = client.get("/events", params=params)
        assert r.status_code == 422 and "eventwire reconcile" in r.json()["detail"]


def test_report(folder, tmp_path, monkeypatch):
    import eventwire.service.app as service_app

    folder = copy_folder(folder, tmp_path / "without-report")
    (folder / "report.html").unlink(missing_ok=True)      # eventwire code writes one: this folder has none
    def failing_render(out_dir):
        raise service_app.ReportInputError(f"{out_dir} cannot be read")

    monkeypatch.setattr(service_app, "render_report", failing_render)
    with TestClient(create_app(folder)) as c:
        r = c.get("/report")
        assert r.status_code == 404 and "eventwire report" in r.json()["detail"]
    calls = []

    def fake_render(out_dir):
        calls.append(Path(out_dir))
        return "<!doctype html><title>rendered</title>"

    monkeypatch.setattr(service_app, "render_report", fake_render)
    with TestClient(create_app(folder)) as c:
        for _ in range(2):
            r = c.get("/report")
            assert r.status_code == 200 and "rendered" in r.text and r.headers["content-type"].startswith("text/html")
    assert calls == [folder]  # rendered once, then cached
    copy = copy_folder(folder, tmp_path / "with-report")
    (copy / "report.html").write_text("<!doctype html><title>from file</title>", encoding="utf-8")
    with TestClient(create_app(copy)) as c:
        r = c.get("/report")
        assert r.status_code == 200 and "from file" in r.text


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) >= {"/events", "/events/{event_id}", "/stories", "/stories/{story_id}", "/actors",
                                  "/stats", "/report", "/health", "/code"}
    assert "EventOut" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_no_database(tmp_path):
    from eventwire.service.db import NoDatabase

    with pytest.raises(NoDatabase, match="eventwire code"):
        create_app(tmp_path)
