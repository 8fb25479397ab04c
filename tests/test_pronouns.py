"""Pronoun participants: first person inside a direct quote -> the speaker's side; third person
outside quotes -> the one earlier actor (off in the pipeline by default); unresolved pronouns
leave the coder's output exactly as it was.  Sentences written for these tests; the seed test
reads ``$EVENTWIRE_SHARED_DATA/seeds`` (default ../shared/data/seeds) and skips without it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire import pipeline as pipeline_mod
from eventwire.api import code
from eventwire.coding.pronouns import is_pronoun_actor, stands_in
from eventwire.model import Actor, Article
from eventwire.pipeline import Config, get_pipeline
from eventwire.resolve.pronouns import PronounResolver

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="module")
def pipe():
    return get_pipeline(Config())


def _events(pipe, text, doc_id="t"):
    return pipe.code_articles([Article(doc_id=doc_id, text=text)])[0].events


def _one(events, etype):
    found = [e for e in events if e.event_type == etype]
    assert len(found) == 1, [(e.event_type, e.source, e.target) for e in events]
    return found[0]


def test_first_person_in_quote_speaker_before(pipe):
    text = ('Turkish Foreign Minister Mevlut Cavusoglu said on Tuesday: "Turkey stands ready to help. '
            'Our aid is being delivered to Syria every week."')
    e = _one(_events(pipe, text), "AID")
    assert [(a.text, a.country, a.sector, a.entry) for a in e.source] == [("Our", "TUR", "GOV", "quote-speaker")]
    assert text[e.source[0].char_start:e.source[0].char_end] == "Our"
    assert [a.country for a in e.target] == ["SYR"]
    assert e.attribution is not None and e.attribution.name == "Mevlut Cavusoglu"


def test_first_person_in_quote_speaker_after(pipe):
    text = '"Our aid was delivered to Lebanon yesterday. More will follow," the Turkish foreign minister said.'
    e = _one(_events(pipe, text), "AID")
    assert [(a.country, a.entry) for a in e.source] == [("TUR", "quote-speaker")]
    assert [a.country for a in e.target] == ["LBN"]
    # the coder found no attribution ("... ," the minister said): the quote's speaker is it
    assert e.attribution is not None and e.attribution.country == "TUR"


def test_first_person_subject_of_a_readiness_in_quote(pipe):
    # "we are ready to help": the pronoun is the subject of the copula above the adjective
    text = '"We are ready to help Turkey in any way we can," the Greek prime minister said.'
    e = _one(_events(pipe, text), "AGREE")
    assert [(a.text, a.country, a.entry) for a in e.source] == [("We", "GRC", "quote-speaker")]
    assert [a.country for a in e.target] == ["TUR"]


def test_they_resolved_to_the_one_earlier_actor(pipe):
    resolver = PronounResolver(pipe.actors, pipe.quotes, third_person=True)
    text = "NATO held a summit on Monday. They condemned Iran on Tuesday."
    old = pipe.pronouns
    try:
        pipe.pronouns = resolver
        e = _one(_events(pipe, text), "ACCUSE")
    finally:
        pipe.pronouns = old
    assert [(a.text, a.country, a.entry) for a in e.source] == [("They", "IGO", "antecedent:org:NATO")]
    assert [a.country for a in e.target] == ["IRN"]
    # off in the pipeline by default: the coder's reading (no source) stands
    assert _one(_events(pipe, text), "ACCUSE").source == []


def test_ambiguous_antecedent_left_unresolved(pipe):
    resolver = PronounResolver(pipe.actors, pipe.quotes, third_person=True)
    text = "NATO and the European Union held a summit on Monday. They condemned Iran on Tuesday."
    old = pipe.pronouns
    try:
        pipe.pronouns = resolver
        events = _events(pipe, text)
    finally:
        pipe.pronouns = old
    e = _one(events, "ACCUSE")
    assert e.source == [] and [a.country for a in e.target] == ["IRN"]
    assert not any(is_pronoun_actor(a) for ev in events for a in ev.source + ev.target)


def _without_hook(monkeypatch, pipe, text):
    """What the coder gives with no pronoun hook at all."""
    with monkeypatch.context() as m:
        m.setattr(pipeline_mod, "pronoun_context", lambda ctx: ctx)
        m.setattr(pipeline_mod, "pronoun_slots", lambda ctx, ms: ms)
        return _events(pipe, text)


@pytest.mark.parametrize("text", [
    "Our aid reached Lebanon on Monday, the Turkish foreign ministry said.",      # "our" outside quotes
    "We will send troops to Mali.",                                               # "we" outside quotes
    '"We condemned them," a man told reporters in Kabul.',                        # speaker with no actor
    "Russia and China held talks. They attacked Ukraine on Monday.",             # ambiguous, third person
])
def test_unresolved_pronoun_leaves_output_unchanged(monkeypatch, pipe, text):
    events = _events(pipe, text)
    plain = _without_hook(monkeypatch, pipe, text)
    assert [(e.id, e.event_type, e.source, e.target, e.attribution) for e in events] == \
           [(e.id, e.event_type, e.source, e.target, e.attribution) for e in plain]
    assert not any(is_pronoun_actor(a) or (a.entry or "").startswith(("quote-speaker", "antecedent"))
                   for e in events for a in e.source + e.target)


def test_unchanged_events_keep_their_ids(monkeypatch, pipe):
    text = ('Russia sent aid to Syria on Monday. "Our aid is being delivered to Lebanon every week," '
            'Russian Foreign Minister Sergey Lavrov said.')
    events = _events(pipe, text)
    plain = _without_hook(monkeypatch, pipe, text)
    first = [e.id for e in plain if e.sentence_index == 0]
    assert first and first == [e.id for e in events if e.sentence_index == 0]
    e = next(e for e in events if e.sentence_index == 1 and e.event_type == "AID")
    assert [a.country for a in e.source] == ["RUS"] and [a.country for a in e.target] == ["LBN"]


def test_pronoun_only_mention_needs_a_resolved_country(monkeypatch, pipe):
    # the coder drops it (no political participant); the speaker's side makes it one
    text = 'Japanese Prime Minister Fumio Kishida said: "Talks went well. We condemned the attack in Kabul."'
    assert not [e for e in _without_hook(monkeypatch, pipe, text) if e.event_type == "ACCUSE"]
    e = _one(_events(pipe, text), "ACCUSE")
    assert [(a.text, a.country, a.entry) for a in e.source] == [("We", "JPN", "quote-speaker")]
    assert e.attribution is not None and e.attribution.name == "Fumio Kishida"
    # a speaker with no actor: the mention kept for its pronoun is dropped, as the coder drops it
    assert _events(pipe, '"We condemned the attack in Kabul," a man said.') == []


def test_plain_context_never_keeps_pronoun_only_mentions(pipe):
    from eventwire.nlp import parse

    doc = next(iter(parse(["We attacked them in Kabul."])))
    ctx = pipe.coder.context(doc)
    assert not stands_in(ctx, doc[1], "ASSAULT")
    assert not is_pronoun_actor(Actor(text="Russia", entry="country:RUS"))


@pytest.mark.skipif(not any(SEEDS.glob("003_*.txt")), reason=f"seed 003 not found at {SEEDS} (set EVENTWIRE_SHARED_DATA)")
def test_seed_lavrov_our_assistance_is_aid_rus_prk():
    path = sorted(SEEDS.glob("003_*.txt"))[0]
    events = [e for r in code(path) for e in r.events]
    aid = [e for e in events if e.event_type == "AID" and "Our humanitarian assistance" in e.sentence]
    assert aid, [(e.event_type, e.sentence[:60]) for e in events]
    e = aid[0]
    assert [a.country for a in e.source] == ["RUS"] and e.source[0].entry == "quote-speaker"
    assert [a.country for a in e.target] == ["PRK"]
    assert e.attribution is not None and "Lavrov" in (e.attribution.name or e.attribution.text)


def test_pronoun_alone_needs_a_sentence_that_names_an_actor(pipe):
    # the coder's condition for a named doer, and what the pre-filter tests before parsing:
    # without it, a sentence's events would depend on whether the pre-filter ran
    text = 'Japanese Prime Minister Fumio Kishida said: "Talks went well. We condemned the attack."'
    everything = get_pipeline(Config(prefilter=False))
    assert not [e for e in _events(pipe, text) if e.event_type == "ACCUSE"]
    assert not [e for e in _events(everything, text) if e.event_type == "ACCUSE"]
