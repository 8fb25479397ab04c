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
