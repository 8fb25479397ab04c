"""Blocking for reconciliation on Spark, without a JVM: which articles can meet in one block.

Two articles meet when they share a block key (:func:`eventwire.spark.stories.block_keys`):
an actor or a proper name in overlapping time buckets, or a MinHash band of the same text.
"""
from __future__ import annotations

from eventwire.spark.stories import block_keys, proper_names

WIRE = ("Ruritanian border guards closed the crossing at Zenda on Tuesday after shelling damaged the customs "
        "post, the interior ministry in Strelsau said. Traders waiting on the Freedonian side were told the "
        "crossing would stay shut until engineers had inspected the bridge and the road beyond it, and the "
        "ministry said talks with Freedonia on reopening it would start next week.")


def _event(*countries: str) -> dict:
    return {"source": [{"country": countries[0]}], "target": [{"country": c} for c in countries[1:]]}


def _keys(published, text=WIRE, title="Ruritania closes Zenda crossing", events=()) -> set[str]:
    art = {"doc_id": "x", "status": "coded", "published": published, "title": title, "text": text}
    return set(block_keys(art, list(events), window_days=10, min_words=30, num_perm=128, shingle=5, max_words=2000))


def test_articles_days_apart_share_actor_and_name_keys_within_the_window():
    a = _keys("2020-01-03", events=[_event("RUR", "FRE")])
    b = _keys("2020-01-12", text="Freedonia protested on Sunday.", title="Zenda crossing stays shut",
              events=[_event("FRE", "RUR")])
    shared = a & b
    assert any(k.startswith(("RUR|", "FRE|")) for k in shared)
    assert any(k.startswith("name|zenda|") for k in shared)


def test_articles_far_apart_in_time_share_no_key_but_a_copy_of_the_text():
    a = _keys("2020-01-03", events=[_event("RUR")])
    far = _keys("2020-03-20", title="Other news", text="Nothing in common here at all.", events=[_event("RUR")])
    copy = _keys("2020-03-20", title="Other title", events=[])
    assert not a & far
    assert any(k.startswith("band|") for k in a & copy)   # a syndicated copy months later still meets


def test_undated_and_actorless_articles_have_keys():
    undated = _keys(None, events=[_event("RUR")])
    assert "RUR|undated" in undated
    bare = _keys("2020-01-03", text="too short.", title="", events=[])
    assert bare and all(k.startswith("-|") for k in bare)   # time only: no actors, no names, too short for bands


def test_proper_names_are_frequent_capitalised_words_not_stop_words():
    names = proper_names("Zenda crossing closed", "The guards at Zenda and Strelsau said The crossing. Zenda again.")
    assert names[0] == "zenda" and "strelsau" in names and "the" not in names
