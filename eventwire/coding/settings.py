"""Meetings named as the setting of what a sentence tells ("Heading into the meeting, Obama and
Trump struck conciliatory notes", "told his Saudi counterpart in a phone call"): the words are
cues.yaml ``setting_nouns``, ``call_nouns`` and ``press_sectors``."""
from __future__ import annotations

from .context import SentenceContext
from .lexicon import Rule, Trigger
from .participants import actorish, actors_of
from .syntax import lemma1

#: suffix of the rule id of a meeting read as a setting (:func:`setting`)
SETTING = ".setting"


def setting(ctx: SentenceContext, settings: list, found: list[Trigger]) -> list[Trigger]:
    """A meeting named as the setting of what the sentence tells ("Heading into the meeting,
    Obama and Trump struck conciliatory notes", "Mr Obama called the meeting excellent"): the
    meeting between the clause's doers, read on the first such noun (cues.yaml
    ``setting_nouns``) when the sentence has no other trigger; the clause's verb lends the
    roles, at a lower confidence than a meeting reported as an act."""
    if found:
        return []     # the sentence reports acts of its own ("remained supportive ... throughout the talks")
    for tok, rule in settings:
        if rule.event != "CONSULT":
            continue     # "during a call" is no setting of talks ("call" is also a call for something)
        gov = tok.head
        while gov.head != gov and not gov.tag_.startswith("VB"):
            gov = gov.head
        if gov.tag_.startswith("VB") and gov != tok:
            told = []
            if lemma1(tok, ctx.lex) in ctx.sets["call_nouns"]:
                # a call is talks only with whom it was, named: "told his Saudi counterpart in a
                # phone call", "said in a call with Scholz" ("told Reuters in a phone call" is an
                # interview)
                if lemma1(gov, ctx.lex) not in ctx.sets["speech_verbs"]:
                    continue
                told = [x for x in _callees(ctx, gov, tok) if not any(
                    a.sector in ctx.sets["press_sectors"] for a in actors_of(ctx, x))]
                if not told:
                    continue
            weak = Rule(id=rule.id + SETTING, event=rule.event, pos="noun", head=rule.head, rest=rule.rest,
                        mode=rule.mode, context=rule.context, confidence=round(rule.confidence - 0.1, 2))
            return [Trigger(tok, weak, event=rule.event, mode=rule.mode, governor=gov, targets=told)]
    return []


def _callees(ctx: SentenceContext, verb, call) -> list:
    """Actors told something (the object of ``verb``) or called with ("a call with X")."""
    told = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    told += [g for p in call.children if p.dep_ == "prep" and p.lower_ == "with" for g in p.children if g.dep_ == "pobj"]
    return [x for x in told if actorish(ctx, x)]
