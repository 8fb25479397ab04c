"""A small written output folder with reconciled stories (issue 11 layout), for the report's tests.

Two invented stories: ships transferring oil at sea (three outlets, a syndicated copy, the
alleged actor's denial flagged as a conflict, a seizure with coordinates, a figure), and a
meeting of envoys whose report carries hostile text (``</script>``, markup in an outlet name).
Offsets are computed from the sentences, so they point where the coder's would.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

HOSTILE_SENTENCE = ('Activists wrote "</script><script>alert(1)</script><b>bold</b>" & accused Russia of '
                    'jamming the talks.')
HOSTILE_OUTLET = '<img src=x onerror="alert(2)">Relay'


def _actor(sentence: str, offset: int, text: str, name: str, country: str, sector: Optional[str] = None,
           entry: Optional[str] = None) -> dict[str, Any]:
    i = sentence.index(text)
    return {"text": text, "name": name, "country": country, "sector": sector, "char_start": offset + i,
            "char_end": offset + i + len(text), "entry": entry or f"country:{country}", "score": 1.0}


def _event(eid: str, doc: dict, sentence: str, etype: str, trigger: str, source: list, target: list, *,
           date: str, negated: bool = False, modality: str = "asserted", attribution: Optional[tuple] = None,
           place: Optional[dict] = None, confidence: float = 0.8) -> dict[str, Any]:
    offset = doc["text"].index(sentence)
    t = sentence.index(trigger)
    return {
        "id": eid, "doc_id": doc["doc_id"], "event_type": etype, "mode": None, "context": [],
        "source": [_actor(sentence, offset, *a) for a in source],
        "target": [_actor(sentence, offset, *a) for a in target],
        "event_date": date, "date_precision": "day", "negated": negated, "modality": modality,
        "attribution": _actor(sentence, offset, *attribution) if attribution else None,
        "sentence": sentence, "sentence_index": doc["text"][:offset].count(". "),
        "char_start": offset, "char_end": offset + len(sentence), "trigger": trigger,
        "trigger_start": offset + t, "trigger_end": offset + t + len(trigger), "rules": ["fixture"],
        "confidence": confidence, "place": place, "time_text": None, "story_date": doc["published"],
        "publisher": doc["outlet"],
    }


def _doc(doc_id: str, outlet: str, published: str, title: str, sentences: list[str], story: str,
         duplicate_of: Optional[str] = None) -> dict[str, Any]:
    return {"doc_id": doc_id, "status": "coded", "reason": None, "message": None, "title": title, "outlet": outlet,
            "published": published, "url": None, "language": "en", "source_path": None, "truncated": False,
            "original_chars": None, "text": " ".join(sentences), "n_sentences": len(sentences), "n_events": 0,
            "story_id": story, "duplicate_of": duplicate_of}


def _report(ev: dict, doc: dict) -> dict[str, Any]:
    return {"event_id": ev["id"], "doc_id": ev["doc_id"], "outlet": doc["outlet"], "published": doc["published"],
            "sentence": ev["sentence"], "negated": ev["negated"], "modality": ev["modality"],
            "attribution": ev["attribution"]["text"] if ev["attribution"] else None, "confidence": ev["confidence"]}


def write_fixture(folder: Path) -> Path:
    """Write the fixture output folder (JSON Lines files only) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    CHN = ("Chinese ships", "China", "CHN")
    s_a = ("Chinese ships transferred oil to North Korean vessels at sea on Thursday, "
           "South Korean officials said.")
    s_b = "China's vessels sold 600,000 barrels of oil to North Korea in violation of sanctions."
    s_d1 = "Beijing denied that its ships sold oil to North Korea."
    s_d2 = "South Korea seized a Hong Kong-flagged tanker in the port of Yeosu."
    s_e = "Russian and Chinese envoys met in Beijing to discuss the crisis."
    docs = [
        _doc("a", "Harbour Ledger", "2017-12-29", "Ships Pass Oil To North Korea At Sea", [s_a], "story-oil"),
        _doc("b", "Coastline Wire", "2017-12-29", "Oil Sold To North Korea, Report Says", [s_b], "story-oil"),
        _doc("c", HOSTILE_OUTLET, "2017-12-30", "Oil Sold To North Korea, Report Says", [s_b], "story-oil", "b"),
        _doc("d", "Northern Post", "2017-12-30", "Beijing Denies Oil Sales As Seoul Seizes Tanker", [s_d1, s_d2],
             "story-oil"),
        _doc("e", "Northern Post", "2018-01-04", "Envoys Meet In Beijing <script>x</script>", [s_e, HOSTILE_SENTENCE],
             "story-envoys"),
        {"doc_id": "f", "status": "skipped", "reason": "not_english:de", "message": "German", **{
            k: None for k in ("title", "outlet", "published", "url", "language", "source_path", "truncated",
                              "original_chars", "text", "n_sentences", "n_events", "story_id", "duplicate_of")}},
    ]
    by = {d["doc_id"]: d for d in docs}
    yeosu = {"text": "Yeosu", "name": "Yeosu", "country": "KOR", "admin1": None, "lat": 34.76, "lon": 127.66,
             "feature": "city", "precision": "city", "source": "sentence"}
    ev = {
        "ea": _event("ea", by["a"], s_a, "AID", "transferred", [CHN], [("North Korean vessels", "North Korea", "PRK")],
                     date="2017-12-28", attribution=("South Korean officials", "South Korea", "KOR", "GOV")),
        "eb": _event("eb", by["b"], s_b, "AID", "sold", [("China", "China", "CHN")], [("North Korea", "North Korea", "PRK")],
                     date="2017-12-28"),
        "ec": _event("ec", by["c"], s_b, "AID", "sold", [("China", "China", "CHN")], [("North Korea", "North Korea", "PRK")],
                     date="2017-12-28"),
        "ed": _event("ed", by["d"], s_d1, "REJECT", "denied", [("Beijing", "China", "CHN")], [], date="2017-12-30"),
        "ee": _event("ee", by["d"], s_d2, "COERCE", "seized", [("South Korea", "South Korea", "KOR")], [],
                     date="2017-12-29", place=yeosu),
        "ef": _event("ef", by["e"], s_e, "CONSULT", "met", [("Russian", "Russia", "RUS")], [("Chinese", "China", "CHN")],
                     date="2018-01-03"),
        "eg": _event("eg", by["e"], HOSTILE_SENTENCE, "ACCUSE", "accused", [("Activists", "Activists", None, "CVL", "sector:activists")],
                     [("Russia", "Russia", "RUS")], date="2018-01-03"),
    }
    ev["eg"]["source"][0]["country"] = None
    for d in docs:
        d["n_events"] = sum(1 for e in ev.values() if e["doc_id"] == d["doc_id"]) if d["status"] == "coded" else None
    story_events = [
        {"id": "se-oil-aid", "story_id": "story-oil", "event_type": "AID", "mode": None,
         "source": ev["eb"]["source"], "target": ev["eb"]["target"], "event_date": "2017-12-28", "date_precision": "day",
         "modality": "asserted", "reports": [_report(ev[k], by[ev[k]["doc_id"]]) for k in ("ea", "eb", "ec")],
         "n_reports": 3, "n_outlets": 3, "n_independent": 2, "first_reported": "2017-12-29", "corroboration": 0.72,
         "conflicts": [{"kind": "denial", "detail": "China (the alleged actor) denied it: REJECT by CHN",
                        "story_event_ids": ["se-oil-aid", "se-oil-deny"], "event_ids": ["ed"]}]},
        {"id": "se-oil-deny", "story_id": "story-oil", "event_type": "REJECT", "mode": None,
         "source": ev["ed"]["source"], "target": [], "event_date": "2017-12-30", "date_precision": "day",
         "modality": "asserted", "reports": [_report(ev["ed"], by["d"])], "n_reports": 1, "n_outlets": 1,
         "n_independent": 1, "first_reported": "2017-12-30", "corroboration": 0.3,
         "conflicts": [{"kind": "denial", "detail": "denies se-oil-aid", "story_event_ids": ["se-oil-aid", "se-oil-deny"]}]},
        {"id": "se-oil-seize", "story_id": "story-oil", "event_type": "COERCE", "mode": None,
         "source": ev["ee"]["source"], "target": [], "event_date": "2017-12-29", "date_precision": "day",
         "modality": "asserted", "reports": [_report(ev["ee"], by["d"])], "n_reports": 1, "n_outlets": 1,
         "n_independent": 1, "first_reported": "2017-12-30", "corroboration": 0.3, "conflicts": []},
        {"id": "se-envoys", "story_id": "story-envoys", "event_type": "CONSULT", "mode": None,
         "source": ev["ef"]["source"], "target": ev["ef"]["target"], "event_date": "2018-01-03", "date_precision": "day",
         "modality": "asserted", "reports": [_report(ev["ef"], by["e"])], "n_reports": 1, "n_outlets": 1,
         "n_independent": 1, "first_reported": "2018-01-04", "corroboration": 0.3, "conflicts": []},
        {"id": "se-hostile", "story_id": "story-envoys", "event_type": "ACCUSE", "mode": None,
         "source": ev["eg"]["source"], "target": ev["eg"]["target"], "event_date": "2018-01-03", "date_precision": "day",
         "modality": "asserted", "reports": [_report(ev["eg"], by["e"])], "n_reports": 1, "n_outlets": 1,
         "n_independent": 1, "first_reported": "2018-01-04", "corroboration": 0.3, "conflicts": []},
    ]
    stories = [
        {"story_id": "story-oil", "title": "Ships Pass Oil To North Korea At Sea", "first_published": "2017-12-29",
         "last_published": "2017-12-30", "doc_ids": ["a", "b", "c", "d"],
         "outlets": ["Coastline Wire", "Harbour Ledger", "Northern Post", HOSTILE_OUTLET], "n_articles": 4,
         "n_outlets": 4, "actors": ["CHN", "PRK", "KOR"], "event_types": {"AID": 3, "REJECT": 1, "COERCE": 1}},
        {"story_id": "story-envoys", "title": "Envoys Meet In Beijing <script>x</script>", "first_published": "2018-01-04",
         "last_published": "2018-01-04", "doc_ids": ["e"], "outlets": ["Northern Post"], "n_articles": 1,
         "n_outlets": 1, "actors": ["RUS", "CHN"], "event_types": {"CONSULT": 1, "ACCUSE": 1}},
    ]
    claims = [{"id": "c1", "doc_id": "b", "value": 600000, "unit": "barrels", "about": "oil", "approximate": None,
               "text": "600,000 barrels", "char_start": s_b.index("600,000"), "char_end": s_b.index("600,000") + 15,
               "speaker": None, "event_id": "eb"}]

    def dump(name: str, rows: list) -> None:
        with open(folder / name, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    dump("articles.jsonl", docs)
    dump("events.jsonl", list(ev.values()))
    dump("stories.jsonl", stories)
    dump("story_events.jsonl", story_events)
    dump("claims.jsonl", claims)
    dump("quotes.jsonl", [])
    return folder


def write_duckdb(folder: Path) -> Path:
    """Add ``eventwire.duckdb`` with one table per JSON Lines file (nested columns kept)."""
    import duckdb

    db = folder / "eventwire.duckdb"
    con = duckdb.connect(str(db))
    try:
        for name in ("articles", "events", "stories", "story_events", "claims"):
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_json_auto(?, format='newline_delimited')",
                        [str(folder / f"{name}.jsonl")])
    finally:
        con.close()
    return db
