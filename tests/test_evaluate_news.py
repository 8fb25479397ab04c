"""The real-news scorer (eventwire.evaluate_news) on hand-made gold whose answers are worked out by hand."""
from __future__ import annotations

import pytest

from eventwire.evaluate_news import codes_agree, locate, score_news

STATES = frozenset({"USA", "RUS", "PRK", "CHN"})


def _event(doc, start, etype, src=(), tgt=()):
    return {"doc_id": doc, "trigger_start": start, "event_type": etype, "trigger": "x",
            "source": [{"country": c, "text": c or "someone"} for c in src],
            "target": [{"country": c, "text": c or "someone"} for c in tgt]}


@pytest.mark.parametrize("gold, coded, expected", [
    (["USA"], ["USA"], True),
    (["USA"], ["RUS", "USA"], True),        # one shared code is enough
    (["USA"], ["RUS"], False),
    ([], [], True),                          # no such role, none coded
    ([], ["USA"], False),                    # no such role, one coded
    ([None], [], True),                      # unresolvable gold, nothing coded
    ([None], [None], True),                  # unresolvable gold, an actor without a code
    ([None], ["USA"], False),
    (["IGO"], ["UNO"], True),                # UN bodies count as IGO
    (["IGO"], ["EUR"], True),
    (["NGO"], ["UNO"], False),
])
def test_codes_agree(gold, coded, expected):
    assert codes_agree(gold, coded, STATES) is expected


def test_locate_allows_whitespace_differences():
    text = "Intro.  Russia  sent aid\nto Syria. End."
    assert locate("Russia sent aid to Syria.", text) == (8, 34)   # "Intro.  " is 8 characters; the double space inside counts
    assert locate("Not there.", text) is None


def test_score_by_hand():
    # doc d1: "A. B. C." -- three gold sentences
    text = "Russia sent aid to North Korea. It rained. China denied it."
    gold = [
        {"id": "s1", "doc_id": "d1", "text": "Russia sent aid to North Korea.",
         "events": [{"type": "AID", "alt_types": [], "source": ["RUS"], "target": ["PRK"]}]},
        {"id": "s2", "doc_id": "d1", "text": "It rained.", "events": []},
        {"id": "s3", "doc_id": "d1", "text": "China denied it.",
         "events": [{"type": "REJECT", "alt_types": ["ACCUSE"], "source": ["CHN"], "target": [None]}]},
        {"id": "s4", "doc_id": "missing", "text": "Not coded.",
         "events": [{"type": "ASSAULT", "alt_types": [], "source": [None], "target": [None]}]},
    ]
    events = {"d1": [
        _event("d1", 7, "AID", ["RUS"], ["CHN"]),        # s1: type and source right, target wrong
        _event("d1", 32, "ACCUSE", ["USA"]),             # s2: a false event
        _event("d1", 49, "ACCUSE", ["CHN"], [None]),     # s3: alt type, source right, target unresolvable: triple right
    ]}
    r = score_news(gold, {"d1": text}, events)
    assert r["not_found"] == 1
    # sentences: s1 tp, s2 fp, s3 tp, s4 fn
    assert (r["sentence"]["tp"], r["sentence"]["fp"], r["sentence"]["fn"]) == (2, 1, 1)
    # three gold events (s1 AID, s3 REJECT, s4 ASSAULT); type: s1 and s3 match, s2's event is a
    # false positive, s4's gold is missed
    assert (r["type"]["tp"], r["type"]["fp"], r["type"]["fn"]) == (2, 1, 1)
    assert r["type"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["type"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert (r["type_source"]["tp"], r["type_source"]["fp"], r["type_source"]["fn"]) == (2, 1, 1)
    # triple: only s3 (s1's target is wrong)
    assert (r["triple"]["tp"], r["triple"]["fp"], r["triple"]["fn"]) == (1, 2, 2)
    assert r["triple"]["f1"] == pytest.approx(1 / 3, abs=1e-4)


def test_matching_is_one_to_one():
    text = "Protesters rallied and rallied again."
    gold = [{"id": "s", "doc_id": "d", "text": text,
             "events": [{"type": "PROTEST", "alt_types": [], "source": [None], "target": []}]}]
    coded = {"d": [_event("d", 11, "PROTEST"), _event("d", 23, "PROTEST")]}
    r = score_news(gold, {"d": text}, coded)
    assert (r["type"]["tp"], r["type"]["fp"], r["type"]["fn"]) == (1, 1, 0)
    # the second gold event cannot reuse one coded event
    gold[0]["events"].append({"type": "PROTEST", "alt_types": [], "source": [None], "target": []})
    r = score_news(gold, {"d": text}, {"d": coded["d"][:1]})
    assert (r["type"]["tp"], r["type"]["fp"], r["type"]["fn"]) == (1, 0, 1)


# --- news-sentence layout detection, per-event outcomes, reliability, `eventwire evaluate` ---

import json  # noqa: E402

from eventwire.evaluate_news import is_news_gold, reliability  # noqa: E402


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_is_news_gold_tells_layouts_apart(tmp_path):
    news = _write(tmp_path / "news.jsonl", [
        {"id": "s1", "doc_id": "d1", "text": "Nothing happened.", "events": []},
        {"id": "s2", "doc_id": "d1", "text": "X met Y.", "events": [{"type": "CONSULT", "source": [], "target": []}]}])
    plv = _write(tmp_path / "plv.jsonl", [{"id": "p1", "text": "X met Y.", "events": [{"event": "CONSULT"}]}])
    assert is_news_gold(news)
    assert not is_news_gold(plv)
    assert not is_news_gold(tmp_path / "missing.jsonl")


def test_score_news_records_each_coded_event_outcome():
    text = "Russia accused the United States. Russia met China."
    gold = [{"id": "g1", "doc_id": "d", "text": "Russia accused the United States.",
             "events": [{"type": "ACCUSE", "source": ["RUS"], "target": ["USA"]}]},
            {"id": "g2", "doc_id": "d", "text": "Russia met China.", "events": []}]
    coded = [dict(_event("d", 7, "ACCUSE", ["CHN"], ["USA"]), confidence=0.9),   # right type, wrong source
             dict(_event("d", 41, "CONSULT", ["RUS"], ["CHN"]), confidence=0.2)]  # no gold event there
    rep = score_news(gold, {"d": text}, {"d": coded})
    outs = sorted(rep["_outcomes"], key=lambda o: -o["confidence"])
    assert [(o["type"], o["type_source"]) for o in outs] == [(True, False), (False, False)]


def test_reliability_bins_by_hand():
    outs = [{"confidence": c, "type": t, "type_source": ts} for c, t, ts in
            [(0.1, False, False), (0.2, True, False), (0.75, True, True), (0.8, True, False), (0.95, True, True)]]
    rows = {r["bin"]: r for r in reliability(outs, "type_source", edges=(0.0, 0.5, 0.9, 1.0001))}
    assert rows["0.00-0.50"] == {"bin": "0.00-0.50", "n": 2, "right": 0, "precision": 0.0}
    assert rows["0.50-0.90"]["n"] == 2 and rows["0.50-0.90"]["precision"] == 0.5
    assert rows["0.90-1.00"]["precision"] == 1.0


def test_cli_evaluate_codes_the_articles_of_news_gold(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    art = ("Police in Paris arrested three protesters on Tuesday. "
           "The weather was mild and the shops stayed open late.")
    articles = _write(tmp_path / "articles.jsonl", [{"id": "doc-a", "text": art, "title": "Arrests in Paris"},
                                                      {"id": "doc-b", "text": "Not annotated at all."}])
    gold = _write(tmp_path / "gold.jsonl", [
        {"id": "s1", "doc_id": "doc-a", "text": "Police in Paris arrested three protesters on Tuesday.",
         "events": [{"type": "COERCE", "alt_types": [], "source": ["FRA"], "target": ["FRA"]}]},
        {"id": "s2", "doc_id": "doc-a", "text": "The weather was mild and the shops stayed open late.", "events": []}])
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["evaluate", str(gold), "--articles", str(articles), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "type_source" in res.output and "triple" in res.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["sentences"] == 2 and report["gold_events"] == 1 and report["not_found"] == 0
    assert report["type"]["tp"] + report["type"]["fn"] == 1
    coded_docs = {json.loads(line)["doc_id"] for line in (out / "coded" / "articles.jsonl").open(encoding="utf-8")}
    assert coded_docs == {"doc-a"}          # only the articles the gold sentences come from


def test_cli_evaluate_news_without_articles_is_a_usage_error(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    gold = _write(tmp_path / "gold.jsonl", [{"id": "s1", "doc_id": "d", "text": "X met Y.",
                                             "events": [{"type": "CONSULT", "source": [], "target": []}]}])
    res = CliRunner().invoke(app, ["evaluate", str(gold)])
    assert res.exit_code != 0
