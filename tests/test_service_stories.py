"""Story endpoints and story filters over a folder with issue 11's story tables (built by
:func:`service_support.add_story_tables` from the demo corpus's real events)."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from service_support import DEMO, GRAIN_DOCS, GRAIN_STORY, HOSTILE, read_jsonl, reconciled_folder

from eventwire.service import create_app
from eventwire.service.schemas import StoryDetail, StoryPage


@pytest.fixture(scope="module")
def reconciled(tmp_path_factory):
    return reconciled_folder(tmp_path_factory)


@pytest.fixture(scope="module")
def client(reconciled):
    with TestClient(create_app(reconciled[0])) as c:
        yield c


@pytest.fixture(scope="module")
def events(reconciled):
    return read_jsonl(reconciled[0] / "events.jsonl")


def test_health_and_stats_say_reconciled(client, reconciled):
    info = reconciled[1]
    assert client.get("/health").json()["reconciled"] is True
    s = client.get("/stats").json()
    assert s["reconciled"] is True
    assert s["stories"] == {"total": len(info["stories"]), "story_events": len(info["story_events"])}


def test_story_list(client, reconciled):
    info = reconciled[1]
    page = client.get("/stories", params={"limit": 1000}).json()
    StoryPage.model_validate(page)
    assert page["total"] == len(info["stories"]) == len(page["items"])
    firsts = [s["first_published"] for s in page["items"] if s["first_published"]]
    assert firsts == sorted(firsts)
    grain = next(s for s in page["items"] if s["story_id"] == GRAIN_STORY)
    assert grain["doc_ids"] == sorted(GRAIN_DOCS) and grain["n_articles"] == 3 and grain["n_outlets"] == 3
    multi = client.get("/stories", params={"min_outlets": 2}).json()["items"]
    assert [s["story_id"] for s in multi] == [GRAIN_STORY]
    by_outlet = client.get("/stories", params={"outlet": "black sea monitor"}).json()["items"]
    assert [s["story_id"] for s in by_outlet] == [GRAIN_STORY]
    by_title = client.get("/stories", params={"q": "QUAKE"}).json()["items"]
    assert by_title and all("quake" in s["title"].lower() for s in by_title)
    ordered = client.get("/stories", params={"order": "-n_articles", "limit": 1}).json()["items"]
    assert ordered[0]["story_id"] == GRAIN_STORY
    two = client.get("/stories", params={"limit": 2, "offset": 1, "order": "story_id"}).json()["items"]
    ids = sorted(s["story_id"] for s in page["items"])
    assert [s["story_id"] for s in two] == ids[1:3]


def test_story_detail(client, reconciled, events):
    info = reconciled[1]
    r = client.get(f"/stories/{GRAIN_STORY}")
    assert r.status_code == 200
    body = r.json()
    StoryDetail.model_validate(body)
    assert sorted(a["doc_id"] for a in body["articles"]) == sorted(GRAIN_DOCS)
    assert all(a["story_id"] == GRAIN_STORY for a in body["articles"])
    expected = [se for se in info["story_events"] if se["story_id"] == GRAIN_STORY]
    assert sorted(se["id"] for se in body["story_events"]) == sorted(se["id"] for se in expected)
    grain_events = {e["id"] for e in events if e["doc_id"] in GRAIN_DOCS}
    reported = [rep["event_id"] for se in body["story_events"] for rep in se["reports"]]
    assert sorted(reported) == sorted(grain_events)  # every report, once
    for se in body["story_events"]:
        assert len(se["reports"]) == se["n_reports"]
        assert all(rep["story_event_id"] == se["id"] for rep in se["reports"])
    written = [dict(c, story_event_id=se["id"]) for se in expected for c in se["conflicts"]]
    assert written, "the fixture has conflicts in the grain story"
    def canon(c):
        return json.dumps(c, sort_keys=True)

    assert sorted(map(canon, body["conflicts"])) == sorted(map(canon, written))


def test_unknown_story_is_404(client):
    for sid in ("story-none", "'; drop table stories; --"):
        r = client.get("/stories/" + quote(sid, safe=""))
        assert r.status_code == 404 and "no story" in r.json()["detail"]


def test_events_of_a_story(client, events):
    got = client.get("/events", params={"story_id": GRAIN_STORY, "limit": 1000}).json()
    assert got["items"] == [e for e in events if e["doc_id"] in GRAIN_DOCS]
    assert client.get("/events", params={"story_id": "nope"}).json()["total"] == 0


def test_min_outlets(client, reconciled, events):
    info = reconciled[1]
    for k in (1, 2, 3):
        keep_se = {se["id"] for se in info["story_events"] if se["n_independent"] >= k}
        keep = {r["event_id"] for r in info["reports"] if r["story_event_id"] in keep_se}
        got = client.get("/events", params={"min_outlets": k, "limit": 1000}).json()["items"]
        assert got == [e for e in events if e["id"] in keep]
    assert client.get("/events", params={"min_outlets": 2}).json()["total"] > 0


def test_event_detail_names_its_story_events(client, reconciled, events):
    rep = reconciled[1]["reports"][0]
    body = client.get(f"/events/{rep['event_id']}").json()
    assert body["story_event_ids"] == [rep["story_event_id"]]
    assert body["article"]["story_id"] == reconciled[1]["story_of"][rep["doc_id"]]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_story_parameters(client, hostile):
    for params in ({"q": hostile}, {"outlet": hostile}):
        r = client.get("/stories", params=params)
        assert r.status_code in (200, 422) and (r.status_code == 422 or r.json()["items"] == [])
    r = client.get("/events", params={"story_id": hostile})
    assert r.status_code in (200, 422) and (r.status_code == 422 or r.json()["items"] == [])
    assert client.get("/stories", params={"limit": 1000}).json()["total"] > 0


def test_story_parameters_are_checked(client):
    for params in ({"limit": 0}, {"limit": 1001}, {"order": "title"}, {"min_outlets": 0}, {"offset": -2}):
        assert client.get("/stories", params=params).status_code == 422, params


def test_service_on_a_folder_reconciled_by_eventwire_code(tmp_path):
    """The story endpoints over the real tables of ``eventwire code`` (which reconciles by default)."""
    import json

    import eventwire
    from eventwire.service import create_app

    out = tmp_path / "demo"
    eventwire.run([DEMO], out, report=False)
    stories = [json.loads(line) for line in (out / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    story_events = [json.loads(line) for line in (out / "story_events.jsonl").read_text(encoding="utf-8").splitlines()]
    with TestClient(create_app(out)) as c:
        assert c.get("/health").json()["reconciled"] is True
        page = c.get("/stories", params={"limit": 1000}).json()
        assert sorted(s["story_id"] for s in page["items"]) == sorted(s["story_id"] for s in stories)
        one = c.get(f"/stories/{stories[0]['story_id']}")
        assert one.status_code == 200 and one.json()["story"]["doc_ids"] == stories[0]["doc_ids"]
        best = max(se["n_independent"] for se in story_events)
        ids = {e["id"] for e in c.get("/events", params={"min_outlets": best, "limit": 1000}).json()["items"]}
        expected = {r["event_id"] for se in story_events if se["n_independent"] >= best for r in se["reports"]}
        assert ids == expected and ids
