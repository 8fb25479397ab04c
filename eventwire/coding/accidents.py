"""Accidents and the people an act falls on: a death or injury by accident is no attack
("killed in a crash", "the bus overturned, injuring 30"), a vehicle loaded with explosives is a
bomb, and the people violence or an arrest falls on are actors though uncoded."""
from __future__ import annotations

from ..model import Actor
from .context import SentenceContext
from .participants import actorish, in_list, person
from .syntax import lemma1, np_bounds


def victims(ctx: SentenceContext, tok, tokens: list, event: str = "ASSAULT") -> list[Actor]:
    """People an act of violence or an arrest falls on, when no participant is a dictionary
    actor: names, personal pronouns and person nouns (cues.yaml ``victim_nouns``) among
    ``tokens``, as uncoded actors ("a male co-worker was wounded", "he was arrested").  None
    when the act is an accident ("killed in a crash": cues.yaml ``accident_nouns``)."""
    sets = ctx.sets
    if event in sets["accident_events"] and accidental(ctx, tok):
        return []
    out = []
    for x in tokens:
        if x.i < ctx.dateline_end or x.lower_ in sets["time_words"] or x.like_num:
            continue
        if not (x.tag_ in ("NNP", "NNPS") or x.lower_ in sets["victim_pronouns"] or person(ctx, x)):
            continue
        start, end = np_bounds(x, ctx.lex)
        span = x.doc[start:end]
        out.append(Actor(text=span.text, char_start=ctx.offset + span.start_char,
                         char_end=ctx.offset + span.end_char, score=0.0))
    return out


def armed_vehicle(ctx: SentenceContext, tok) -> bool:
    """A vehicle loaded with explosives (cues.yaml ``loaded_words``, ``weapon_heads``): "a car
    packed with explosives", "an explosives-laden truck" is a bomb, no accident."""
    sets = ctx.sets

    def weapon(g) -> bool:
        return lemma1(g, ctx.lex) in sets["weapon_heads"] or in_list(g.lower_, sets["weapon_heads"])

    for c in tok.children:
        low = c.lower_
        if c.dep_ in ("amod", "compound") and (any(low.endswith("-" + w) for w in sets["loaded_words"]) or (
                low in sets["loaded_words"] and any(weapon(g) for g in c.children))):
            return True   # "an explosives-laden truck" (one word, or three tokens)
        if c.dep_ in ("acl", "amod") and low in sets["loaded_words"] and any(
                weapon(g) for p in c.children if p.dep_ == "prep" and p.lower_ == "with"
                for g in p.children if g.dep_ == "pobj"):
            return True
    return False


def accidental(ctx: SentenceContext, tok, own: frozenset = frozenset()) -> bool:
    """A death or injury by accident: "killed in a crash", "killed by the blaze", "killed by a
    motorist" (cues.yaml ``accident_nouns``, ``accident_agents``), or told with an accident: "a
    tram overturned, injuring 40", "50 were injured when a tram derailed" (a clause above or
    below it has an ``accident_verbs`` verb).  The objects the trigger's rule names (token ids
    ``own``: "set the office on fire") are no accident."""
    sets, lex = ctx.sets, ctx.lex
    verbs = sets["accident_verbs"]

    def accident_verb(x) -> bool:
        # ("protests erupted after police killed a student", "talks collapsed": no accident)
        # (nor "a battle that erupted": the relative pronoun's noun)
        return lemma1(x, lex) in verbs and not any(
            c.dep_ == "nsubj" and lemma1(x.head if x.dep_ == "relcl" and c.lower_ in sets["relative_pronouns"] else c, lex)
            in sets["unrest_nouns"] for c in x.children)

    def armed(g) -> bool:   # "rocket fire", "army fire", "sniper fire": weapons, no accident
        return any(m.dep_ in ("compound", "amod") and (lemma1(m, lex) in sets["weapon_heads"] or actorish(ctx, m))
                   for m in g.children)

    joined = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.tag_.startswith("VB")]
    if lemma1(tok, lex) in sets["impact_verbs"]:
        doers = [c for c in tok.children if c.dep_ == "nsubj"]
        up = tok.head.head if tok.dep_ == "pcomp" else tok.head
        if not doers and tok.dep_ in ("advcl", "conj", "xcomp", "pcomp") and up.tag_.startswith("VB"):
            doers = [c for c in up.children if c.dep_ == "nsubj"]   # "the driver fled after hitting a cyclist"
        if any((c.lower_ in sets["accident_agents"] or lemma1(c, lex) in sets["accident_agents"])
               and not armed_vehicle(ctx, c) for c in doers):
            return True   # "a driver struck and killed a woman", "a car hit a cyclist" ("rammed", "ploughed into" are no accident)
    if any(c.dep_ in ("prep", "agent") and any((g.lower_ in sets["accident_nouns"] and not armed(g) and g.i not in own) or (
            c.lower_ == "by" and g.lower_ in sets["accident_agents"]) for g in c.children if g.dep_ == "pobj")
           for v in joined for c in v.children):
        return True   # "killed in a crash"; "shot and killed his father in a hunting accident"
    if any(c.dep_ == "agent" and any(g.lower_ in sets["accident_agents"] for g in c.children if g.dep_ == "pobj")
           for v in [c for c in tok.children if c.dep_ == "conj"] for c in v.children):
        return True   # "was struck and killed by a motorist": the agent hangs on the last verb
    # "were injured when a tram derailed", "killed and injured when ...", "injured after the bus
    # overturned" (also parsed as "after" + the bus + a clause on it)
    coordinated = [tok] + [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
    for v in coordinated:
        for c in v.children:
            if c.dep_ == "advcl" and (accident_verb(c) or any(g.dep_ == "advcl" and accident_verb(g) for g in c.children)):
                return True   # ... or two clauses down: "killed when he was thrown out as the train careered over"
            if c.dep_ == "prep" and any(a.dep_ in ("acl", "relcl") and accident_verb(a)
                                        for g in c.children if g.dep_ == "pobj" for a in g.children):
                return True
    if tok.dep_ == "conj" and tok.head != tok and accidental(ctx, tok.head):
        return True   # "a tram overturned, trapping five people and injuring another 40"
    if tok.dep_ == "acl" and tok.head.dep_ in ("ROOT", "nsubj") and (
            tok.head.lower_ in sets["accident_nouns"] or lemma1(tok.head, lex) in sets["inanimate_subjects"]):
        return True   # "An earthquake [parsed as the root] ..., killing at least 10 people"
    if tok.dep_ not in ("advcl", "conj", "xcomp", "acl"):
        return False
    head = tok.head
    if head.tag_.startswith("VB") and (accident_verb(head) or any(
            c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in sets["accident_nouns"] or lemma1(c, lex) in sets["inanimate_subjects"])
            for c in head.children)):
        return True   # "the tram overturned, injuring 40", "an earthquake hit southern Iran, killing ten"
    # a parse of "The bus overturned, injuring 30" as a noun phrase: a sibling clause of the same noun
    return any(c.dep_ in ("acl", "relcl") and c is not tok and accident_verb(c) for c in head.children)
