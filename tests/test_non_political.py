"""Sentences that report no political event but use the words of one ("fired a volley", "a
hostile takeover bid", "the storm killed 12"), written for this project (tests/data/non_political:
sport, business, culture and accidents; 450 sentences).  The coder may code a few of them -- a
share is a regression guard, not a target: it was 14% when the set was written (62 of 450)."""
from __future__ import annotations

import json
from pathlib import Path

from eventwire import api

DATA = Path(__file__).resolve().parent / "data" / "non_political"


def _records() -> list[dict]:
    return [json.loads(line) for f in sorted(DATA.glob("*.jsonl")) for line in f.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_the_set_is_well_formed():
    recs = _records()
    assert len(recs) == 450
    assert len({r["id"] for r in recs}) == len(recs)
    assert {r["events"][0]["event"] for r in recs} == {"NONE"}


def test_few_non_political_sentences_get_an_event():
    recs = _records()
    results = api.code([{"id": r["id"], "text": r["text"]} for r in recs])
    with_events = [r.record.doc_id for r in results if r.events]
    assert len(with_events) / len(recs) < 0.18, with_events
