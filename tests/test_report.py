"""The HTML report's builder: loading, aggregation, caps, escaping, determinism, CLI and run hook.

The page itself is opened in a real browser in ``test_report_browser.py``.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from report_fixture import HOSTILE_OUTLET, HOSTILE_SENTENCE, write_duckdb, write_fixture

from eventwire.report import Caps, ReportInputError, ReportStep, build_report, load_corpus, render_report
from eventwire.report.geometry import force_layout, to_svg, world_paths
from eventwire.report.payload import build_payload
from eventwire.report.quad import QUAD_CLASSES, load_quad_classes

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"


@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory) -> Path:
    return write_fixture(tmp_path_factory.mktemp("report") / "out")


@pytest.fixture(scope="module")
def payload(fixture_dir):
    return build_payload(load_corpus(fixture_dir), load_quad_classes())


@pytest.fixture(scope="module")
def page(fixture_dir) -> str:
    return render_report(fixture_dir)


def embedded_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="ew-data">(.*?)</script>', html, re.S)
    assert m, "the data block is missing"
    return json.loads(m.group(1))


# --------------------------------------------------------------------------- data

def test_quad_classes_cover_every_plover_type():
    from eventwire.model import EVENT_TYPES

    quad = load_quad_classes()
    assert set(quad) == set(EVENT_TYPES)
    assert set(quad.values()) == set(QUAD_CLASSES)
    assert quad["ASSAULT"] == "material_conflict" and quad["AGREE"] == "verbal_cooperation"


def test_quad_file_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "q.tsv"
    bad.write_text("event_type\tquad_class\nASSAULT\tmaterial_conflict\nAID\tfriendly\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"q\.tsv:3: unknown quad class 'friendly'"):
        load_quad_classes([bad])
    good = tmp_path / "ok.tsv"
    good.write_text("# mine\nevent_type\tquad_class\nREQUEST\tverbal_conflict\n", encoding="utf-8")
    assert load_quad_classes([good])["REQUEST"] == "verbal_conflict"


def test_world_map_is_packaged_natural_earth():
    m = world_paths()
    codes = {c[0] for c in m["countries"]}
    assert {"RUS", "USA", "CHN", "PRK", "KOR", "FJI", "BRA"} <= codes and "ATA" not in codes
    assert "Natural Earth" in m["source"]
    # no ring jumps across the map (antimeridian crossings are pinned to one side)
    for code, _, d in m["countries"]:
        for part in d.split("M")[1:]:
            xs = [float(p.split(",")[0]) for p in part.rstrip("Z").split("L")]
            assert max(xs) - min(xs) < 0.9 * m["width"], code
    x, y = to_svg(0, 0)
    assert abs(x - m["width"] / 2) < 1 and 0 < y < m["height"]


def test_force_layout_is_deterministic_and_bounded():
    edges = [(0, 1, 3.0), (1, 2, 1.0), (3, 4, 2.0)]
    a, b = force_layout(5, edges), force_layout(5, edges)
    assert a == b and len(a) == 5
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in a)
    assert force_layout(0, []) == [] and force_layout(1, []) == [(0.5, 0.5)]


def test_story_events_reports_and_conflicts(payload):
    assert payload["has_stories"] is True
    by_id = {s["id"]: s for s in payload["story_events"]}
    aid = by_id["se-oil-aid"]
    assert payload["types"][aid["t"]] == "AID"
    assert (aid["nr"], aid["no"], aid["ni"], aid["c"]) == (3, 3, 2, 0.72)
    assert aid["x"] and aid["x"][0][0] == "denial"
    assert len(aid["r"]) == 3
    outlets = {payload["outlets"][payload["reports"][r][1]] for r in aid["r"]}
    assert outlets == {"Harbour Ledger", "Coastline Wire", HOSTILE_OUTLET}
    # the best corroborated story event comes first
    assert payload["story_events"][0]["id"] == "se-oil-aid"
    # stories keep their reconciled titles and members
    titles = {s[1]: s for s in payload["stories"]}
    assert len(titles["Ships Pass Oil To North Korea At Sea"][6]) == 3
    # the figure of the claims file rides on its report
    assert any("600,000 barrels" in r[8] for r in payload["reports"])
    # the syndicated copy says what it copies
    assert any(r[11] == "b" for r in payload["reports"])


def test_marks_point_at_trigger_and_actors(payload):
    kinds = {0: set(), 1: set(), 2: set(), 3: set()}
    for r in payload["reports"]:
        text = payload["sentences"][r[0]][0]
        for s, e, k in r[7]:
            kinds[k].add(text[s:e])
    assert {"transferred", "sold", "denied", "seized", "met", "accused"} <= kinds[0]
    assert {"Chinese ships", "China", "Beijing", "South Korea"} <= kinds[1]
    assert {"North Korean vessels", "North Korea", "Russia"} <= kinds[2]
    assert kinds[3] == {"South Korean officials"}


def test_place_with_coordinates_goes_to_the_map(payload):
    seize = next(s for s in payload["story_events"] if s["id"] == "se-oil-seize")
    assert seize["pl"] == [34.76, 127.66, "Yeosu"] and seize["cc"] == ["KOR"]
    aid = next(s for s in payload["story_events"] if s["id"] == "se-oil-aid")
    assert aid["pl"] is None and aid["cc"] == ["CHN", "PRK"]   # no place: the countries involved


def test_network_has_only_coded_actors(payload):
    keys = [payload["actors"][n[0]][0] for n in payload["network"]["nodes"]]
    assert set(keys) == {"CHN", "PRK", "RUS"}
    assert not any(k.startswith("~") for k in keys)     # "Activists" is no country or organisation


def test_overview_counts_the_whole_folder(payload):
    o = payload["overview"]
    assert (o["documents"], o["coded"], o["skipped"]) == (6, 5, 1)
    assert o["skip_reasons"] == [["not_english", 1]] or o["skip_reasons"] == [("not_english", 1)]
    assert o["published"] == ["2017-12-29", "2018-01-04"]
    assert o["events"] == 7 and o["story_events"] == 5 and o["claims"] == 1
    assert dict(map(tuple, o["by_type"]))["AID"] == 3


def test_duckdb_and_jsonl_give_the_same_payload(tmp_path):
    a = write_fixture(tmp_path / "jsonl")
    b = write_fixture(tmp_path / "db")
    write_duckdb(b)
    ca, cb = load_corpus(a), load_corpus(b)
    assert (ca.source, cb.source) == ("jsonl", "duckdb")
    pa, pb = build_payload(ca, load_quad_classes()), build_payload(cb, load_quad_classes())
    for key in pa:
        if key not in ("title", "source"):
            assert pa[key] == pb[key], key


def test_without_stories_each_event_is_its_own_story_event(tmp_path):
    folder = write_fixture(tmp_path / "out")
    for name in ("stories.jsonl", "story_events.jsonl"):
        (folder / name).unlink()
    p = build_payload(load_corpus(folder), load_quad_classes())
    assert p["has_stories"] is False
    assert len(p["story_events"]) == 7 and all(s["nr"] == 1 and len(s["r"]) == 1 for s in p["story_events"])
    html = render_report(folder)
    assert "each coded event is shown" in html and "its own story event with one report" in html


# --------------------------------------------------------------------------- caps

def test_caps_are_applied_and_reported(tmp_path):
    folder = write_fixture(tmp_path / "out")
    caps = Caps(story_events=3, reports_per_event=2, reports=4, sentence_chars=40)
    p = build_payload(load_corpus(folder), load_quad_classes(), caps)
    assert len(p["story_events"]) <= 3 and len(p["reports"]) <= 4
    assert all(len(s["r"]) <= 2 for s in p["story_events"])
    # every embedded story event leads to at least one sentence
    assert all(s["r"] for s in p["story_events"])
    c = p["caps"]
    assert c["story_events_total"] == 5 and c["story_events_kept"] == len(p["story_events"])
    assert c["reports_dropped"] == c["reports_total"] - c["reports_kept"] > 0
    # one report per outlet first: the AID story event keeps two different outlets
    aid = p["story_events"][0]
    assert len({p["reports"][r][1] for r in aid["r"]}) == 2
    # cut sentences keep their marks on the right words
    for r in p["reports"]:
        text = p["sentences"][r[0]][0]
        assert len(text) <= 42
        for s, e, k in r[7]:
            assert 0 <= s < e <= len(text)
            if k == 0:
                assert text[s:e] in {"transferred", "sold", "denied", "seized", "met", "accused"}


# --------------------------------------------------------------------------- the page

def test_hostile_text_is_escaped(page):
    # nothing from the corpus can close the data block or open a tag
    assert page.count('<script type="application/json" id="ew-data">') == 1
    assert "<script>alert(1)" not in page and "</script><script>alert" not in page
    assert '<img src=x onerror' not in page
    assert "&lt;img src=x onerror=" in page                # the outlet option, escaped by Jinja2
    data = embedded_data(page)
    assert HOSTILE_SENTENCE in [s[0] for s in data["sentences"]]   # and the text itself is intact
    assert HOSTILE_OUTLET in data["outlets"]
    # the page's script never feeds corpus text to innerHTML
    js = (ROOT / "eventwire" / "report" / "static" / "report.js").read_text(encoding="utf-8")
    assert re.findall(r"innerHTML\s*=\s*([^;]+);", js) == ['""']


def test_page_loads_nothing_from_elsewhere(page):
    from plotly.offline import get_plotlyjs

    plotly_js = get_plotlyjs()
    assert plotly_js in page                     # the library is inlined whole
    # (its own strings name hosts it never reaches here; the SVG namespace is a name, not a request)
    ours = page.replace(plotly_js, "").replace("http://www.w3.org/2000/svg", "")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", ours)
    assert not re.search(r"""@import|url\(\s*["']?(?:https?:)?//|https?://""", ours)
    assert "connect-src 'none'" in page          # and the page's CSP forbids fetching anyway


def test_render_is_deterministic_across_processes(fixture_dir, tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"r{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        code = "import sys; from eventwire.report import build_report; build_report(sys.argv[1], sys.argv[2])"
        subprocess.run([sys.executable, "-c", code, str(fixture_dir), str(out)], check=True, env=env)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_build_report_writes_default_path_atomically(tmp_path):
    folder = write_fixture(tmp_path / "out")
    path = build_report(folder)
    assert path == folder / "report.html" and path.stat().st_size > 1_000_000
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_empty_and_odd_folders(tmp_path):
    with pytest.raises(ReportInputError):
        load_corpus(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ReportInputError):
        load_corpus(tmp_path / "empty")
    # a run where every document was skipped, with a torn last line
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "articles.jsonl").write_text('{"doc_id": "x", "status": "skipped", "reason": "empty"}\n{"doc_', encoding="utf-8")
    (odd / "events.jsonl").write_text("", encoding="utf-8")
    data = embedded_data(render_report(odd))
    assert data["overview"]["skipped"] == 1 and data["story_events"] == []


def test_report_step_never_fails_a_run(tmp_path):
    from eventwire.model import RunCounts
    from eventwire.pipeline import Config
    from eventwire.runner import RunContext

    step = ReportStep()
    assert step.build(tmp_path / "nope") is None and "ReportInputError" in step.error
    ctx = RunContext(out_dir=tmp_path / "nope", config=Config(), resume=False, counts=RunCounts())
    ReportStep().finish(ctx)
    assert ctx.outputs.keys() == {"report_error"}
    assert ReportStep(enabled=False).build(tmp_path) is None


def test_cli_report(fixture_dir, tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    out = tmp_path / "page.html"
    res = CliRunner().invoke(app, ["report", str(fixture_dir), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.exists() and "eventwire report" in out.read_text(encoding="utf-8")[:2000]
    res = CliRunner().invoke(app, ["report", str(tmp_path / "missing")])
    assert res.exit_code == 2


@pytest.mark.skipif(not DEMO.is_dir(), reason="examples/demo is missing")
def test_run_writes_report_unless_told_not_to(tmp_path):
    from eventwire.runner import run

    files = [DEMO / "01_wirewatch_grain_talks.txt", DEMO / "03_northgate_nepal_quake.txt"]
    summary = run(files, tmp_path / "with", jobs=1)
    assert (tmp_path / "with" / "report.html").is_file()
    assert summary.outputs["report"].endswith("report.html")
    data = embedded_data((tmp_path / "with" / "report.html").read_text(encoding="utf-8"))
    # the run reconciles before the report: one dot per story event (events of one act merged)
    n_story_events = len((tmp_path / "with" / "story_events.jsonl").read_text(encoding="utf-8").splitlines())
    assert len(data["story_events"]) == n_story_events > 0 and n_story_events <= summary.events
    run(files, tmp_path / "without", jobs=1, report=False)
    assert not (tmp_path / "without" / "report.html").exists()
