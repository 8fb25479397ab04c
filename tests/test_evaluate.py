"""The scorer every accuracy figure comes from (:mod:`eventwire.evaluate`), on small hand-made gold
files whose right answers are worked out by hand (in the comments), with given predictions:
no parsing, except for one end-to-end call of :func:`evaluate`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.evaluate import class_scores, evaluate, read_gold, score
from eventwire.model import Actor, Event

# Ruritania (RUR), Freedonia (FRE), Sylvania (SYL): made-up countries with made-up codes
PLOVER_GOLD = [
    {"id": "g1", "text": "Ruritania accused Freedonia of spying.", "event": "ACCUSE",
     "source": [{"actorText": "Ruritania", "code": "RUR"}], "target": [{"actorText": "Freedonia", "code": "FRE"}]},
    {"id": "g2", "text": "Freedonia demanded talks with Ruritania.", "event": "DEMAND",       # legacy: REQUEST
     "source": [{"actorText": "Freedonia", "code": "FRE"}], "target": [{"actorText": "Ruritania", "code": "RUR"}]},
    {"id": "g3", "text": "Ruritania troops attacked Freedonia.", "event": "FIGHT",             # legacy: ASSAULT
     "source": [{"actorText": "Ruritania troops", "code": "RUR"}],
     "target": [{"actorText": "Freedonia", "code": "FRE"}]},
    {"id": "g4", "text": "Sylvania sent aid to Freedonia.", "event": "AID",
     "source": [{"actorText": "Sylvania", "code": "SYL"}], "target": [{"actorText": "Freedonia", "code": "FRE"}]},
]

PLV_GOLD = [
    {"id": "p1", "text": "Ruritania withdrew its troops from Freedonia.",
     "events": [{"event": "YIELD", "source_text": "Ruritania", "target_text": "Freedonia"}]},
    {"id": "p2", "text": "Ruritania and Freedonia signed a treaty.",
     "events": [{"event": "AGREE", "source_text": None, "target_text": None}]},
    {"id": "p3", "text": "The weather in Zenda was fine.", "events": []},
]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _actor(text: str, phrase: str, country: str) -> Actor:
    start = text.index(phrase)
    return Actor(text=phrase, country=country, char_start=start, char_end=start + len(phrase))


def _event(doc_id: str, text: str, event_type: str, source: tuple[str, str], target: tuple[str, str],
           confidence: float) -> Event:
    return Event(id=f"{doc_id}-{event_type}", doc_id=doc_id, event_type=event_type, mode=None, context=[],
                 source=[_actor(text, *source)], target=[_actor(text, *target)], event_date=None,
                 date_precision=None, negated=False, modality="asserted", attribution=None, sentence=text,
                 sentence_index=0, char_start=0, char_end=len(text), trigger="x", trigger_start=0,
                 trigger_end=1, rules=[f"test.{event_type.lower()}"], confidence=confidence)


def _plover_predictions() -> list[list[Event]]:
    t = [r["text"] for r in PLOVER_GOLD]
    return [
        # g1: right type, right actors
        [_event("g1", t[0], "ACCUSE", ("Ruritania", "RUR"), ("Freedonia", "FRE"), 0.9)],
        # g2: nothing coded
        [],
        # g3: the most confident event (ASSAULT) is right; a weaker ACCUSE is a spare triple
        [_event("g3", t[2], "ACCUSE", ("Ruritania", "RUR"), ("Freedonia", "FRE"), 0.6),
         _event("g3", t[2], "ASSAULT", ("Ruritania troops", "RUR"), ("Freedonia", "FRE"), 0.8)],
        # g4: right actors, wrong type
        [_event("g4", t[3], "ASSAULT", ("Sylvania", "SYL"), ("Freedonia", "FRE"), 0.7)],
    ]


def test_read_gold_maps_legacy_labels_and_yield(tmp_path):
    records = read_gold(_write(tmp_path / "g.jsonl", PLOVER_GOLD))
    assert [r.relations[0].label for r in records] == ["ACCUSE", "REQUEST", "ASSAULT", "AID"]
    assert records[0].relations[0].source_codes == ("RUR",) and records[0].relations[0].target_codes == ("FRE",)
    plv = read_gold(_write(tmp_path / "p.jsonl", PLV_GOLD))
    assert plv[0].relations[0].label == "YIELD" and plv[0].relations[0].allowed == ("CONCEDE", "RETREAT")
    assert plv[2].relations == []


@pytest.mark.parametrize("line,needle", [("{not json", "not valid JSON"), ('{"id": "x"}', "needs a 'text'"),
                                         ('{"text": "t"}', "neither the PLV layout")])
def test_read_gold_errors_name_file_and_line(tmp_path, line, needle):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(PLOVER_GOLD[0]) + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=needle) as err:
        read_gold(path)
    assert str(err.value).startswith(f"{path}:3:")


def test_class_scores_by_hand():
    # A: tp 1 (row 1), fp 1 (row 4), fn 1 (row 2) -> P 1/2, R 1/2, F1 1/2, support 2
    # B: tp 1 (row 3), fp 1 (row 2), fn 0 -> P 1/2, R 1, F1 2/3, support 1
    # NONE: fn 1 (row 4) -> 0, support 1, left out of the macro average
    per_class, macro = class_scores(["A", "A", "B", "NONE"], ["A", "B", "B", "A"])
    assert per_class == {
        "A": {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2},
        "B": {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1},
        "NONE": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1},
    }
    assert macro == pytest.approx((0.5 + 0.6667) / 2)


def test_score_plover_layout_by_hand(tmp_path):
    records = read_gold(_write(tmp_path / "g.jsonl", PLOVER_GOLD))
    report = score(records, _plover_predictions(), gold="g.jsonl")
    assert report["label_space"] == "plover" and report["records"] == 4 and report["relations"] == 4
    t = report["type"]
    # gold ACCUSE REQUEST ASSAULT AID, predicted ACCUSE NONE ASSAULT ASSAULT: 2 of 4 right
    assert t["accuracy"] == 0.5 and t["no_event_coded"] == 1
    assert t["per_class"] == {
        "ACCUSE": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1},
        "AID": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1},
        "ASSAULT": {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1},
        "NONE": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0},
        "REQUEST": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1},
    }
    assert t["macro_f1"] == pytest.approx((1 + 0 + 0.6667 + 0) / 4, abs=1e-4)   # NONE is not a gold class
    assert report["confusion"] == {"ACCUSE": {"ACCUSE": 1}, "AID": {"ASSAULT": 1}, "ASSAULT": {"ASSAULT": 1},
                                   "REQUEST": {"NONE": 1}}
    # spans: every record but g2 (nothing coded) has overlapping source and target spans and codes
    assert report["actors"] == {"source_overlap": 0.75, "target_overlap": 0.75,
                                "source_country": 0.75, "target_country": 0.75}
    # right type with an overlapping source: g1 and g3 ("Ruritania troops" overlaps "Ruritania")
    assert report["type_and_source"] == 0.5
    # triples: tp g1 (RUR ACCUSE FRE), g3 (RUR ASSAULT FRE); fn g2, g4 (SYL AID FRE);
    # fp g3's spare (RUR ACCUSE FRE), g4's (SYL ASSAULT FRE) -> P 2/4, R 2/4, F1 1/2
    assert report["triple"] == {"records": 4, "precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 2, "fp": 2, "fn": 2}
    assert report["rules"] == {"test.accuse": 1, "test.assault": 2}
    diff = {d["id"]: d for d in report["_diffs"]}
    assert diff["g4"]["gold"][0]["type_right"] is False and diff["g4"]["gold"][0]["source_overlap"] is True
    assert [c["event_type"] for c in diff["g3"]["coded"]] == ["ASSAULT", "ACCUSE"]     # most confident first


def test_score_plv_layout_yield_by_hand(tmp_path):
    records = read_gold(_write(tmp_path / "p.jsonl", PLV_GOLD))
    texts = [r["text"] for r in PLV_GOLD]
    coded = [
        # p1: RETREAT is one of YIELD's types: right, written YIELD in the plv label space
        [_event("p1", texts[0], "RETREAT", ("Ruritania", "RUR"), ("Freedonia", "FRE"), 0.8)],
        # p2: CONCEDE is written YIELD too, and is wrong for AGREE
        [_event("p2", texts[1], "CONCEDE", ("Ruritania", "RUR"), ("Freedonia", "FRE"), 0.8)],
        # p3: no gold relation, nothing coded: NONE, right
        [],
    ]
    report = score(records, coded)
    assert report["label_space"] == "plv" and report["relations"] == 2
    t = report["type"]
    # gold YIELD AGREE NONE, predicted YIELD YIELD NONE
    assert t["accuracy"] == pytest.approx(0.6667, abs=1e-4)
    assert t["per_class"] == {
        "AGREE": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1},
        "NONE": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1},
        "YIELD": {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1},
    }
    assert t["macro_f1"] == pytest.approx((0 + 0.6667) / 2, abs=1e-4)
    # p1's RETREAT has the gold source; p2's gold names no source
    assert report["type_and_source"] == 0.5
    # no codes in the PLV layout: no triples scored
    assert report["triple"] == {"records": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0}
    assert report["actors"]["source_country"] is None


def test_a_gold_yield_triple_is_matched_once(tmp_path):
    """A gold YIELD accepts a coded CONCEDE and a coded RETREAT; one of them (the first in sorted
    order, so the same in every process) is the true positive, the other a false positive."""
    gold = [{"id": "y", "text": "Ruritania gave in to Freedonia and pulled back.", "event": "YIELD",
             "source": [{"actorText": "Ruritania", "code": "RUR"}], "target": [{"actorText": "Freedonia", "code": "FRE"}]}]
    records = read_gold(_write(tmp_path / "y.jsonl", gold))
    text = gold[0]["text"]
    coded = [[_event("y", text, "CONCEDE", ("Ruritania", "RUR"), ("Freedonia", "FRE"), 0.7),
              _event("y", text, "RETREAT", ("Ruritania", "RUR"), ("Freedonia", "FRE"), 0.6)]]
    # one gold triple (RUR, YIELD, FRE): the first coded triple in sorted order (CONCEDE) matches it;
    # RETREAT is a false positive
    assert score(records, coded)["triple"] == {"records": 1, "precision": 0.5, "recall": 1.0, "f1": 0.6667,
                                               "tp": 1, "fp": 1, "fn": 0}


def test_evaluate_end_to_end(tmp_path):
    """The real pipeline codes the gold texts; the report and the diff are written."""
    gold = _write(tmp_path / "gold.jsonl", [
        {"id": "e1", "text": "Russia offered to send humanitarian aid to Syria on Monday.",
         "events": [{"event": "AGREE", "source_text": "Russia", "target_text": "Syria"}]},
        {"id": "e2", "text": "The weather in Vienna was mild on Tuesday.", "events": []},
    ])
    report = evaluate(gold, out_dir=tmp_path / "out")
    assert report["records"] == 2 and report["relations"] == 1
    written = json.loads((tmp_path / "out" / "report.json").read_text())
    assert "_diffs" not in written and written["type"] == report["type"]
    diffs = [json.loads(line) for line in (tmp_path / "out" / "diff.jsonl").read_text().splitlines()]
    assert [d["id"] for d in diffs] == ["e1", "e2"]
    assert diffs[1]["coded"] == []                      # nothing to code in a weather report
    assert report["type"]["per_class"]["NONE"]["recall"] == 1.0
    assert diffs[0]["coded"] and diffs[0]["coded"][0]["event_type"] == "AGREE"
    assert report["type"]["accuracy"] == 1.0
