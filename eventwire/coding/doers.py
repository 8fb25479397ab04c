"""Who did, or underwent, an act a word names, read from the words around it: a guilty party
("the rebels were guilty of violating the truce"), a claim of responsibility, a death from an
act ("died after torture"), taking part ("troops participate in peacekeeping operations"), an
act undergone ("came under attack", "two students were charged"), an order carried out ("ordered
nine politicians jailed") and a reported act dated by its own modifier.  Used by the trigger
finder (:mod:`eventwire.coding.triggers`), the roles (:mod:`eventwire.coding.roles`) and the flags
(:mod:`eventwire.coding.flags`); cue lists in ``cues.yaml``."""
from __future__ import annotations

from .context import SentenceContext
from .participants import actorish, actors_of, person
from .syntax import counted_head, infinitive, is_noun, lemma1, objects_after, of_objects

__all__ = ["abroad", "claimed", "culprit", "death_by", "joined_in", "noun_heads_event", "ordered_done", "plotted", "timed", "under_act",
           "undergoes"]


def timed(ctx: SentenceContext, tok) -> bool:
    """A word dated by its own modifier ("seized on Tuesday", "arrested last week", "killed
    yesterday"): a reported act, not a state."""
    times = ctx.sets["time_words"]
    for c in tok.children:
        if c.dep_ == "npadvmod" and c.lower_ in times:
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lower_ in times for g in c.children):
            return True
    return False


def under_act(ctx: SentenceContext, tok) -> bool:
    """A noun after "under" that a clause's subject undergoes: "would be under investigation",
    "came under fire", "is under attack", or after "on" for cues.yaml ``on_acts`` ("is on trial
    for murder"); the subject is the target (see roles.subjects)."""
    head = tok.head
    if tok.dep_ != "pobj" or head.dep_ != "prep" or not head.head.tag_.startswith("VB"):
        return False
    return head.lower_ == "under" or (head.lower_ == "on" and tok.lower_ in ctx.sets["on_acts"])


def claimed(ctx: SentenceContext, tok):
    """The verb of "claimed responsibility for" / "took credit for" whose "for" governs the noun
    ``tok`` (cues.yaml ``responsibility_nouns``), or None."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "for" or not is_noun(tok):
        return None
    up = tok.head.head
    if up.dep_ == "dobj" and lemma1(up, ctx.lex) in ctx.sets["responsibility_nouns"]:
        return up.head
    if up.tag_.startswith("VB") and any(c.dep_ == "dobj" and lemma1(c, ctx.lex) in ctx.sets["responsibility_nouns"]
                                        for c in up.children):
        return up
    return None


def culprit(ctx: SentenceContext, tok):
    """The copula whose subject did the act ``tok`` names, or None: "the rebels were guilty of
    violating the truce", "the cartel is responsible for the killings" (cues.yaml
    ``culpability_words``), "the group was behind the attack".  A court's "found guilty of" is
    not one: the court's verdict is the event."""
    if tok.dep_ not in ("pobj", "pcomp") or tok.head.dep_ != "prep":
        return None
    prep, up = tok.head, tok.head.head
    if prep.lower_ in ("of", "for") and up.dep_ == "acomp" and up.lower_ in ctx.sets["culpability_words"]:
        verb = up.head
    elif prep.lower_ == "behind" and tok.dep_ == "pobj":
        verb = up
    else:
        return None
    if not verb.tag_.startswith("VB") or lemma1(verb, ctx.lex) not in ctx.sets["copulas"]:
        return None
    return verb


def death_by(ctx: SentenceContext, tok):
    """The verb of dying (cues.yaml ``death_verbs``) whose subject the act named by the noun
    ``tok`` befell, or None: "a prisoner died after torture", "died as a result of the
    beating", "died due to torture", "two soldiers died in the attack"."""
    if not is_noun(tok):
        return None
    node = tok
    for _ in range(3):
        if node.dep_ != "pobj":
            return None
        prep = node.head.head if node.head.dep_ == "pcomp" else node.head    # "due to"
        up = prep.head
        if up.tag_.startswith("VB"):
            return up if lemma1(up, ctx.lex) in ctx.sets["death_verbs"] else None
        node = up       # "as a result of"
    return None


def joined_in(ctx: SentenceContext, tok):
    """The verb of taking part whose subject takes part in the act the noun ``tok`` names, or
    None: "Azerbaijani troops participate in peacekeeping operations", "took part in the
    attack" (cues.yaml ``participation_verbs``; "take part")."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "in" or not is_noun(tok):
        return None
    verb = tok.head.head
    if not verb.tag_.startswith("VB"):
        return None
    if lemma1(verb, ctx.lex) in ctx.sets["participation_verbs"] or any(
            c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children):
        return verb
    return None


def undergoes(ctx: SentenceContext, tok) -> bool:
    """A person or an actor undergoes the verb: its passive subject ("two students were charged
    on Monday", "he was charged") or the subject of a headline's bare participle ("Man charged
    after woman found dead"; "protesters charged at police lines" is the active verb)."""
    def bare() -> bool:   # no object and no movement: "charged at police lines" is the active verb
        return not any(c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ctx.sets["motion_preps"])
                       for c in tok.children)

    if any(c.dep_ == "auxpass" for c in tok.children) and not any(c.dep_ in ("dobj", "dative") for c in tok.children):
        subj = [c for c in tok.children if c.dep_ == "nsubjpass"]     # ("were charged a fee": a price)
    elif tok.dep_ == "acl" and tok.tag_ == "VBN" and is_noun(tok.head) and bare():
        subj = [tok.head]       # "two men charged over the stabbing appeared in court"
    elif ctx.headline and tok.dep_ == "ROOT" and tok.tag_ in ("VBN", "VBD") and bare():
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
    else:
        return False
    return any(actorish(ctx, x) or person(ctx, x) or x.lower_ in ctx.sets["personal_pronouns"] for x in subj)


def ordered_done(tok) -> bool:
    """A participle's small clause under a verb of command: "ordered nine politicians jailed",
    "ordered the building demolished" (no auxiliary, no object of its own)."""
    return tok.dep_ in ("ccomp", "xcomp", "oprd") and tok.tag_ in ("VBN", "VBD") \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) \
        and not any(c.dep_ in ("aux", "auxpass", "dobj", "dative") for c in tok.children)


def plotted(ctx: SentenceContext, tok) -> bool:
    """An act only plotted ("plotted to attack a synagogue", "a plot to kill the president",
    "accused of conspiring to bomb ..."; cues.yaml ``plot_words``): neither done nor declared,
    no event."""
    plots = ctx.sets["plot_words"]
    for _ in range(3):
        if tok.dep_ == "conj":
            tok = tok.head      # "plotted to kidnap and kill"
            continue
        if not infinitive(tok):
            return False
        if tok.dep_ in ("advcl", "xcomp") and any(     # "foiled a plot to attack", the parse hanging it on the verb
                c.dep_ == "dobj" and c.i == tok.i - 2 and lemma1(c, ctx.lex) in plots for c in tok.head.children):
            return True
        return tok.dep_ in ("xcomp", "acl") and lemma1(tok.head, ctx.lex) in plots
    return False


def noun_heads_event(ctx: SentenceContext, tok) -> bool:
    """A noun trigger counts where news uses it for an event: as a clause's subject or
    object, as a headline root, or with its own actor ("Israeli strikes", "Pyongyang's
    refusal", "offers from Washington", "an investigation into Weiner", "clashes between Hezbollah
    and Israeli forces").  A noun that also
    names a group (cues.yaml ``group_name_nouns``: "the Kenyan opposition called for ...") is an
    act only with its own target or actor ("opposition to the plan", "Germany's opposition")."""
    if tok.lower_ in ctx.sets["group_name_nouns"] and not any(
            c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("to", "against", "from", "by")) for c in tok.children):
        return False
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "ROOT", "appos", "conj"):
        return True
    counted = counted_head(tok, ctx.sets["group_heads"]) or counted_head(tok, ctx.sets["measure_nouns"])
    if counted is not None and counted.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
        return True     # "made dozens of arrests", "a series of missile tests": the number's place
    if under_act(ctx, tok) or claimed(ctx, tok) is not None or culprit(ctx, tok) is not None \
            or death_by(ctx, tok) is not None or joined_in(ctx, tok) is not None:
        return True     # "would be under investigation", "came under attack", "claimed responsibility for the attack",
        #                 "was behind the attack", "died after torture", "took part in the attack"
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.lower_ not in ctx.sets["pronouns"]:
            a = ctx.actors.resolve(c.text)
            if a is not None and (a.country or a.name):
                return True
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "against", "on", "into", "between"):
            # ("after clashes between Hezbollah and Israeli forces": its two sides)
            if any(g.dep_ == "pobj" and actorish(ctx, g) for g in c.children):
                return True
    return False


def abroad(ctx: SentenceContext, tok, preps) -> bool:
    """The subject of ``tok`` is of one country and the object of its ``preps`` of another ("Kenyan
    police officers arrived in Haiti"; "police officers arrived in Manchester" is no deployment)."""
    subj, verb = [], tok
    for _ in range(3):   # ("offered to send troops to Uganda": the subject of the verb above)
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if subj or verb.dep_ not in ("xcomp", "conj", "advcl", "acomp") or verb.head == verb:
            break
        verb = verb.head
    home = {a.country for s in subj for x in (s, *of_objects(s)) for a in actors_of(ctx, x) if a.country}
    # (or the place of that object: "contribute troops to the security force in Afghanistan")
    there = {a.country for g in objects_after(tok, preps, ("prep", "dative")) for x in (g, *objects_after(g, ("in",)))
             for a in actors_of(ctx, x) if a.country}
    return bool(home) and bool(there) and not home & there
