"""The whole pipeline, end to end: the real seed articles, the demo corpus, the Python API.

The seeds are not part of the repository (``../shared/data/seeds``, or
``$EVENTWIRE_SHARED_DATA/seeds``): their tests skip when the folder is absent.  Their text is read at run time; only names and short phrases are
used here as expectations.  The demo corpus (``examples/demo``, described in
``examples/README.md``) ships with the repository.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Optional

import duckdb
import pyarrow.parquet as pq
import pytest

import eventwire
from eventwire.model import DATE_PRECISIONS, EVENT_TYPES, MODALITIES, Actor, Article, Event
from eventwire.pipeline import Config, Result
from eventwire.runner import run

REPO = Path(__file__).resolve().parents[1]
#: the shared development data (not in the repository): $EVENTWIRE_SHARED_DATA, else ../shared/data
SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")
SEEDS = SHARED / "seeds"
DEMO = REPO / "examples" / "demo"

#: every corpus is run twice: as shipped (rules + the sentence type model) and with the rules alone,
#: so that a miss can be told apart as the rules' or the model's
CONFIGS = {"default": Config(), "rules": Config(type_model=False)}

#: expectations the rules meet but the type model currently relabels away (as shipped);
#: kept strict, marked xfail (not strict) on the default run only, listed in the coder report
#: (empty now: "The European Union called on the authorities to ..." was relabelled ACCUSE while
#: "called on" found no target; with its target the model keeps REQUEST)
MODEL_REGRESSIONS: dict[str, str] = {}


def known_model_regression(request, out: "Out", key: str) -> None:
    if out.cfg == "default" and key in MODEL_REGRESSIONS:
        request.applymarker(pytest.mark.xfail(reason=MODEL_REGRESSIONS[key], strict=False))


needs_seeds = pytest.mark.skipif(not (SEEDS.is_dir() and any(SEEDS.glob("*.txt"))),
                                 reason=f"seed articles not found at {SEEDS} (../shared/data/seeds is not in the repo)")


# --------------------------------------------------------------------------- helpers

def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class Out:
    """One finished run folder, read back."""

    def __init__(self, summary, out: Path, cfg: str = "default") -> None:
        self.cfg = cfg
        self.summary = summary
        self.dir = out
        self.articles = {a["doc_id"]: a for a in _jsonl(out / "articles.jsonl")}
        self.events = _jsonl(out / "events.jsonl")

    def doc(self, prefix: str) -> dict:
        (doc_id,) = [d for d in self.articles if d.startswith(prefix)]
        return self.articles[doc_id]

    def events_of(self, prefix: str) -> list[dict]:
        doc_id = self.doc(prefix)["doc_id"]
        return [e for e in self.events if e["doc_id"] == doc_id]


def _countries(actors: list[dict]) -> list[Optional[str]]:
    return [a["country"] for a in actors]


def find(events: list[dict], etype: str, source: Optional[list] = None, target: Optional[list] = None,
         **flags) -> list[dict]:
    """Events of ``etype`` ("AGREE|SUPPORT": either) whose source / target countries include the given ones."""
    out = []
    for e in events:
        if e["event_type"] not in etype.split("|"):
            continue
        if source is not None and not set(source) <= set(_countries(e["source"])):
            continue
        if target is not None and not set(target) <= set(_countries(e["target"])):
            continue
        if any(e.get(k) != v for k, v in flags.items()):
            continue
        out.append(e)
    return out


def _show(events: list[dict]) -> str:
    return "\n".join(f"  {e['event_type']} {_countries(e['source'])} -> {_countries(e['target'])} "
                     f"neg={e['negated']} | {e['sentence'][:90]}" for e in events)


def check_run_consistency(o: Out) -> None:
    """What holds for any run: provenance, ids, and the four outputs agreeing."""
    for name in ("articles.jsonl", "events.jsonl", "events.parquet", "eventwire.duckdb"):
        assert (o.dir / name).is_file(), name
    assert o.summary.events == len(o.events)
    assert o.summary.documents == len(o.articles)
    for e in o.events:
        text = o.articles[e["doc_id"]]["text"]
        assert text[e["char_start"]:e["char_end"]] == e["sentence"], e["id"]
        assert text[e["trigger_start"]:e["trigger_end"]] == e["trigger"], e["id"]
        assert e["char_start"] <= e["trigger_start"] < e["trigger_end"] <= e["char_end"]
        for a in e["source"] + e["target"]:
            if a["char_start"] is not None:
                assert text[a["char_start"]:a["char_end"]] == a["text"], (e["id"], a)
        assert e["event_type"] in EVENT_TYPES and e["modality"] in MODALITIES
        assert e["date_precision"] is None or e["date_precision"] in DATE_PRECISIONS
    ids = [e["id"] for e in o.events]
    assert len(ids) == len(set(ids)), "event ids are not unique"
    # per-article event counts agree with the events file
    per_doc = Counter(e["doc_id"] for e in o.events)
    for doc_id, a in o.articles.items():
        assert a["n_events"] == per_doc.get(doc_id, 0), doc_id
    assert pq.read_table(o.dir / "events.parquet").num_rows == len(o.events)
    con = duckdb.connect(str(o.dir / "eventwire.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from events").fetchone()[0] == len(o.events)
        assert con.execute("select count(*) from articles").fetchone()[0] == len(o.articles)
        db_ids = {r[0] for r in con.execute("select id from events").fetchall()}
        assert db_ids == set(ids)
    finally:
        con.close()


# --------------------------------------------------------------------------- (a) seeds

@pytest.fixture(scope="module", params=list(CONFIGS))
def seeds(request, tmp_path_factory) -> Out:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    out = tmp_path_factory.mktemp(f"seeds-{request.param}")
    return Out(run([SEEDS], out, config=CONFIGS[request.param]), out, request.param)


@needs_seeds
def test_seeds_all_coded(seeds):
    assert seeds.summary.documents == 5 and seeds.summary.coded == 5 and seeds.summary.skipped == 0
    assert len(seeds.articles) == 5
    assert all(a["status"] == "coded" for a in seeds.articles.values())
    assert sum(seeds.summary.by_type.values()) == seeds.summary.events > 0


@needs_seeds
def test_seeds_outputs_agree(seeds):
    check_run_consistency(seeds)


@needs_seeds
def test_seeds_no_event_from_sidebar_headlines(seeds):
    for e in seeds.events:
        for word in ("Hegseth", "Honduras", "Antifa", "Maduro", "AUKUS", "Nasralla", "Autopen", "H-1B"):
            assert word not in e["sentence"], (word, e["sentence"])


@needs_seeds
def test_seeds_publication_dates(seeds):
    assert seeds.doc("002_")["published"] == "2020-03-27"
    published = seeds.doc("001_")["published"]
    assert published is None or not published.startswith("2024"), published  # "© 2024" is not a date


@needs_seeds
def test_seed_004_north_korea_aids_russia(seeds):
    evs = seeds.events_of("004_")
    assert find(evs, "AID", source=["PRK"], target=["RUS"]), _show(evs)


@needs_seeds
def test_seed_003_russia_ready_to_help_north_korea(seeds):
    evs = seeds.events_of("003_")
    hits = find(evs, "AGREE", source=["RUS"], target=["PRK"])
    assert hits, _show(evs)
    assert any(e["attribution"] and "Lavrov" in e["attribution"]["text"] for e in hits), _show(hits)
    assert any(e["modality"] == "intended" for e in hits)


@needs_seeds
def test_seeds_north_korea_requests_help(seeds):
    evs = seeds.events_of("001_") + seeds.events_of("002_")
    assert find(evs, "REQUEST", source=["PRK"]), _show(evs)


@needs_seeds
def test_seed_000_north_korea_rejects_help(seeds):
    evs = seeds.events_of("000_")
    assert find(evs, "REJECT", source=["PRK"]), _show(evs)


@needs_seeds
def test_seed_002_trump_letter_offers_cooperation(seeds):
    evs = seeds.events_of("002_")
    coop = [e for e in evs if "USA" in _countries(e["source"])
            and (e["event_type"] in ("AGREE", "COOPERATE", "SUPPORT") or e["modality"] == "intended")]
    assert coop, _show(evs)
    assert any("Trump" in a["text"] for e in coop for a in e["source"])


@needs_seeds
def test_seed_000_joint_exercises_agreement(seeds, request):
    known_model_regression(request, seeds, "seed000-AGREE-KOR/USA")
    evs = seeds.events_of("000_")
    # a concluded agreement is SUPPORT in PLOVER (CAMEO 057, "sign formal agreement"), a promise
    # is AGREE; the PLV gold data code "agreed to undertake a joint exercise" as SUPPORT
    # "South Korea and the United States agreed": a reciprocal act, coded KOR -> USA
    hits = find(evs, "AGREE|SUPPORT", source=["KOR"], target=["USA"])
    assert hits, _show(evs)


@needs_seeds
def test_seed_000_did_not_respond_is_negated(seeds):
    evs = seeds.events_of("000_")
    neg = [e for e in evs if e["negated"]]
    assert neg, _show(evs)
    assert any("did not respond" in e["sentence"] and "PRK" in _countries(e["source"]) for e in neg), _show(neg)


@needs_seeds
def test_seed_event_ids_stable_across_runs(seeds, tmp_path):
    again = Out(run([SEEDS], tmp_path / "again", config=CONFIGS[seeds.cfg]), tmp_path / "again")
    assert [e["id"] for e in again.events] == [e["id"] for e in seeds.events]
    assert [(e["event_type"], e["sentence"]) for e in again.events] == \
           [(e["event_type"], e["sentence"]) for e in seeds.events]


# --------------------------------------------------------------------------- (b) demo corpus

@pytest.fixture(scope="module", params=list(CONFIGS))
def demo(request, tmp_path_factory) -> Out:
    out = tmp_path_factory.mktemp(f"demo-{request.param}")
    return Out(run([DEMO], out, config=CONFIGS[request.param]), out, request.param)


def test_demo_all_coded(demo):
    assert demo.summary.documents == 10 and demo.summary.coded == 10
    assert len({a["source_path"] for a in demo.articles.values()}) == 9   # 10 articles in 9 files
    check_run_consistency(demo)


def test_demo_publication_dates(demo):
    want = {"01_": "2024-03-04", "02_": "2024-03-04", "03_": "2024-01-17", "04_": "2024-10-12",
            "05_": "2024-12-16", "06_": None, "07_": "2024-11-04", "08_": "2024-09-11",
            "bsm-": "2024-03-05", "hld-": "2024-06-27"}
    got = {p: (demo.doc(p)["published"] or None) and demo.doc(p)["published"][:10] for p in want}
    assert got == want


def test_demo_no_event_from_debris(demo):
    debris = ("©", "Related:", "Source:", "Subscribe", "Most read", "Chile Recalls Ambassador",
              "Opposition Leader Arrested", "Mongolian President Hosts", "Serbia Expels Croatian",
              "Kazakh Senate Approves", "Rugby: Georgia", "Pilots' Strike", "Kenya Swears In",
              "Peru's Interior Minister Resigns", "Wheat futures", "Ulsan HD", "Brent crude")
    for e in demo.events:
        for d in debris:
            assert d not in e["sentence"], (d, e["sentence"])


def test_demo_no_absolute_date_without_publication_date(demo):
    # 06 has no publication date: "on Sunday", "last week" cannot become calendar dates
    assert all(e["event_date"] is None for e in demo.events_of("06_"))


# (file prefix, type, source countries, target countries, extra fields)
DEMO_EXPECTED = [
    ("01_", "ACCUSE", ["UKR"], ["RUS"], {}),
    ("01_", "REJECT", ["RUS"], None, {}),
    ("01_", "REQUEST", ["RUS"], None, {}),
    ("02_", "AGREE|SUPPORT", ["RUS"], ["UKR"], {}),         # reached an agreement: see test_seed_000_joint...
    ("02_", "REQUEST", ["UKR"], ["UNO"], {}),
    ("02_", "CONSULT", ["TUR"], None, {}),
    ("02_", "ACCUSE", ["UKR"], ["RUS"], {}),
    ("03_", "REQUEST", ["NPL"], ["IGO"], {}),
    ("03_", "AGREE", ["IND", "CHN"], None, {}),             # both offered relief: two sources, not a dyad
    ("03_", "AGREE", ["KOR", "GBR"], None, {}),
    ("03_", "REJECT", ["NPL"], None, {}),
    ("03_", "AID", ["NPL"], None, {}),                       # passive: delivered ... by the Nepal Red Cross
    ("04_", "THREATEN", ["PRK"], None, {}),
    ("05_", "ACCUSE", ["IRN"], ["EUR"], {}),
    ("06_", "ACCUSE", ["KGZ"], ["TJK"], {}),
    ("06_", "REJECT", ["TJK"], None, {}),
    ("06_", "MOBILIZE", ["KGZ"], None, {}),
    ("06_", "AGREE", ["RUS"], None, {}),                    # offered to host talks
    ("07_", "REQUEST", ["EUR"], None, {}),
    ("07_", "PROTEST", None, None, {}),
    ("07_", "COERCE", None, None, {}),
    ("08_", "AID", ["UNO"], ["SDN"], {}),                   # passive: delivered to Port Sudan by UNICEF
    ("08_", "AGREE", ["SAU", "DNK"], None, {}),
    ("08_", None, ["SDN"], None, {"negated": True}),        # the RSF did not respond
    ("08_", "REJECT", ["SDN"], None, {}),
    ("bsm-", "ACCUSE", ["UKR"], ["RUS"], {}),
    ("bsm-", "REJECT", ["RUS"], None, {}),
    ("bsm-", "AGREE", ["TUR"], None, {}),
    ("hld-", "REQUEST", ["BGD"], ["IND"], {}),
]


@pytest.mark.parametrize("prefix, etype, source, target, extra", [
    pytest.param(*x, id=f"{x[0]}{x[1] or 'negated'}-{'/'.join(x[2] or [])}") for x in DEMO_EXPECTED])
def test_demo_expected_events(demo, request, prefix, etype, source, target, extra):
    known_model_regression(request, demo, f"{prefix}{etype}-{'/'.join(source or [])}")
    evs = demo.events_of(prefix)
    if etype is None:
        hits = [e for e in evs if set(source) <= set(_countries(e["source"]))
                and all(e[k] == v for k, v in extra.items())]
    else:
        hits = find(evs, etype, source=source, target=target, **extra)
    assert hits, f"{prefix}: no {etype} {source} -> {target} among\n{_show(evs)}"


def test_demo_no_response_is_no_act_or_a_refusal(demo):
    """"North Korea did not respond to a request from Seoul": the rules read a response not given
    (negated); a sentence model sure of a refusal makes it REJECT, which happened (not negated)."""
    evs = [e for e in demo.events_of("04_") if "did not respond" in e["sentence"] and "PRK" in _countries(e["source"])]
    assert evs and all(e["negated"] != (e["event_type"] == "REJECT") for e in evs), _show(evs)


def test_demo_reported_speech_attribution(demo):
    (threat,) = find(demo.events_of("04_"), "THREATEN", source=["PRK"])
    assert threat["attribution"] and "state media" in threat["attribution"]["text"]
    (req,) = find(demo.events_of("02_"), "REQUEST", source=["UKR"], target=["UNO"])
    assert req["attribution"] is not None


def test_demo_compound_sources_are_two_actors(demo):
    """"Saudi Arabia and Denmark pledged to fund ...": a joint pledge, not an act between the two
    (not a reciprocal word in cues.yaml), so both are sources."""
    (e,) = find(demo.events_of("08_"), "AGREE", source=["SAU", "DNK"])
    assert [a["text"] for a in e["source"]] == ["Saudi Arabia", "Denmark"]


def test_demo_reciprocal_agreement_is_a_dyad(demo):
    """"Russia and Ukraine reached an agreement": the first party is the source, the second the target."""
    hits = find(demo.events_of("02_"), "AGREE|SUPPORT", source=["RUS"], target=["UKR"])
    assert hits and all([a["country"] for a in e["source"]] == ["RUS"] for e in hits)


# --------------------------------------------------------------------------- (c) Python API

def test_api_code_text():
    results = eventwire.code("Germany delivered aid to Ukraine on Monday.")
    assert len(results) == 1
    (res,) = results
    assert isinstance(res, Result) and res.coded and isinstance(res.record, Article)
    assert res.n_sentences == 1 and res.n_parsed == 1
    (e,) = res.events
    assert isinstance(e, Event)
    assert e.event_type == "AID" and e.trigger == "delivered"
    assert all(isinstance(a, Actor) for a in e.source + e.target)
    assert [a.country for a in e.source] == ["DEU"] and [a.country for a in e.target] == ["UKR"]
    assert res.record.text[e.char_start:e.char_end] == e.sentence


def test_api_code_dicts_carry_metadata():
    results = eventwire.code([
        {"id": "inv-1", "text": "Iran detained a British journalist on Monday.", "published": "2024-02-07",
         "outlet": "Invented Wire"},
        "The weather in Oslo was mild for the season.",
    ])
    assert [r.record.doc_id for r in results] == ["inv-1", "text-2"]
    (e,) = results[0].events
    assert (e.event_type, e.story_date, e.publisher) == ("COERCE", "2024-02-07", "Invented Wire")
    assert e.event_date == "2024-02-05"      # the Monday before a Wednesday publication date
    assert results[1].coded and results[1].events == []


def test_api_code_folder():
    results = eventwire.code([DEMO])
    assert len(results) == 10 and all(r.coded for r in results)
    assert all(isinstance(e, Event) for r in results for e in r.events)
    assert sum(len(r.events) for r in results) > 20


def test_api_code_single_path():
    results = eventwire.code(DEMO / "03_northgate_nepal_quake.txt")
    assert len(results) == 1 and results[0].record.published == "2024-01-17"
    assert any(e.event_type == "REQUEST" for e in results[0].events)
