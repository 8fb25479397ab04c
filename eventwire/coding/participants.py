"""Participants: which tokens can name an actor, and the actor a noun phrase names.

Actors are resolved through :class:`~eventwire.resolve.actors.ActorDictionary`; the word lists
(pronouns, group heads, time words, collective actors) are cues in ``data/cues.yaml``.
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import Actor
from .context import SentenceContext
from .syntax import SUBJ, lemma1, np_bounds, objects_after, of_objects

_WORD = re.compile(r"[\w.'-]+")


def actorish(ctx: SentenceContext, tok) -> bool:
    """A name, or a word the dictionary knows ("officials", "Russians", "troops")."""
    sets = ctx.sets
    if tok.i < ctx.dateline_end or tok.lower_ in sets["time_words"]:
        return False
    if tok.lower_ in sets["group_heads"]:
        # "members of Hamas", or a group named by its modifier ("Mafia members", "party supporters");
        # a head the dictionary gives a sector is one alone ("fired tear gas at the crowd")
        known = ctx.actors.resolve(tok.text)
        if known is not None and known.sector and not any(
                c.dep_ == "prep" and c.lower_ in ("of", "from") for c in tok.children):
            return True
        return any(g.dep_ == "pobj" and actorish(ctx, g)
                   for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from") for g in c.children) \
            or any(c.dep_ == "compound" and c.i == tok.i - 1 and actorish(ctx, c) for c in tok.children) \
            or any(c.dep_ == "amod" and any(g.dep_ == "npadvmod" and actorish(ctx, g) for g in c.children)
                   for c in tok.children)   # ("the Saudi-led coalition")
    if tok.lower_ in sets["pronouns"] and not (tok.tag_ == "NNP" and tok.text.isupper() and len(tok.text) > 1):
        return False      # ("US" tagged as a name is the country, not "us")
    if tok.tag_ in ("NNP", "NNPS") and not tok.text.islower():
        return True   # (a word in lower case tagged as a name is none: "export controls on gallium")
    if not tok.tag_.startswith("NN") and tok.tag_ not in ("JJ",):
        return False
    if tok.lower_ in sets["collective_actors"]:
        return True
    known = ctx.actors.resolve(tok.text) is not None
    first = tok
    while first.i > 0 and first.nbor(-1).dep_ in ("compound", "amod") and (
            first.nbor(-1).head in (tok, tok.head) or first.i <= first.nbor(-1).head.i <= tok.i):
        first = first.nbor(-1)   # (a modifier the parse hangs on the next noun: "social" of "social media ban";
        #                           a modifier of a modifier: "foreign" of "foreign policy chief")
    if first != tok:
        phrase = tok.doc[first.i:tok.i + 1].text
        if known and ctx.actors.resolve(phrase) is None:
            return False   # a phrase that names no actor ("social media": cues non_actor_phrases)
        # a head the dictionary knows only with its modifiers ("security service")
        head_start = tok.idx - first.idx
        if not known and any(kind == "sector" and s < head_start and e == len(phrase)
                             for s, e, kind in ctx.actors.spans(phrase)):
            return True
    if known:
        return True
    # "Taliban prisoners", "Kurdish fighters": a named modifier makes the group an actor
    return any(c.dep_ in ("compound", "amod") and c.tag_.startswith(("NNP", "JJ")) and has_code(ctx, c)
               for c in tok.children)


def person(ctx: SentenceContext, tok) -> bool:
    """A person noun (cues.yaml ``victim_nouns``: "a teenager killed by police", "the woman was
    arrested"): who an act falls on, though not an actor by itself."""
    return tok.lower_ in ctx.sets["victim_nouns"]


def has_code(ctx: SentenceContext, tok) -> bool:
    """The dictionary gives this token (or span) a country."""
    a = ctx.actors.resolve(tok.text)
    return a is not None and bool(a.country)


def struck_on(ctx: SentenceContext, obj) -> bool:
    """A strike aimed "on" an actor or a site (cues.yaml ``struck_sites``): "strikes on Houthi
    targets", "strikes on militant hideouts" are attacks ("a strike on Monday" is a stoppage)."""
    return lemma1(obj, ctx.lex) == "strike" and any(
        g.dep_ == "pobj" and (actorish(ctx, g) or lemma1(g, ctx.lex) in ctx.sets["struck_sites"])
        for p in obj.children if p.dep_ == "prep" and p.lower_ == "on" for g in p.children)


def fired_at_site(ctx: SentenceContext, verb) -> bool:
    """Arms fired "at" or "on" a site of people (cues.yaml ``struck_sites``, not a test's
    ``target``): "fired rockets at northern towns", "launched missiles on the city"."""
    return any(lemma1(g, ctx.lex) in ctx.sets["struck_sites"] and lemma1(g, ctx.lex) != "target"
               for x in (verb, *(o for o in verb.children if o.dep_ == "dobj"))
               for g in objects_after(x, ("at", "on", "toward", "towards")))


def left_in_state(ctx: SentenceContext, verb) -> bool:
    """The verb leaves its object in a state (cues.yaml ``result_states``): "leaving 20
    soldiers dead", "left two villagers injured"."""
    return any(c.lower_ in ctx.sets["result_states"] and (
        c.dep_ == "oprd" or any(o.dep_ == "dobj" and c.i == o.i + 1 for o in verb.children)) for c in verb.children)


def armed(ctx: SentenceContext, tok) -> bool:
    """An armed force ("army", "rebels": cues.yaml ``armed_sectors``)."""
    return any(a.sector in ctx.sets["armed_sectors"] for a in actors_of(ctx, tok))


def armed_doer(ctx: SentenceContext, tok) -> bool:
    """The subject of the verb ``tok`` is an armed force (cues.yaml ``armed_sectors``: "Israeli
    jets struck targets", "rebels overran army posts"), or a force's weapons ("Israeli missiles
    struck targets": cues.yaml ``weapon_heads`` with a coded modifier)."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if any(c.lower_ in ctx.sets["anaphora"] for c in subjects):
        ante = antecedent(ctx, tok)   # "Hezbollah said it fired"
        subjects = [ante] if ante is not None else []
    return any(armed(ctx, c) for c in subjects) \
        or any(lemma1(c, ctx.lex) in ctx.sets["weapon_heads"] and any(
            m.dep_ in ("amod", "compound", "poss") and has_code(ctx, m) for m in c.children) for c in subjects)


def phrase_has_code(ctx: SentenceContext, tok) -> bool:
    """The dictionary gives the phrase ending at ``tok`` (its left edge to it) a country:
    "Saudi Arabia" of "Saudi Arabia's Asir region", "the United States"."""
    return has_code(ctx, tok.doc[tok.left_edge.i:tok.i + 1])


def recipient(ctx: SentenceContext, tok) -> bool:
    """With a verb that moves things ("supplied Russia with troops", "withdrew its troops"), is
    the object a recipient (a coded state or organisation) rather than the forces moved?"""
    a = actor_span(ctx, tok.doc[slice(*np_bounds(tok, ctx.lex))])
    return a is not None and bool(a.country) and a.sector not in ("MIL", "COP", "PRM")


def owned(ctx: SentenceContext, tok) -> bool:
    """A thing named by its owner's code: "a U.S. Supreme Court decision", "Islamic State
    targets", "Saudi military positions" (a left modifier the dictionary gives a country)."""
    return tok.tag_.startswith("NN") and any(
        c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and phrase_has_code(ctx, c)
        for c in tok.children)


def included(ctx: SentenceContext, tok) -> list:
    """"countries, including South Korea" -> South Korea."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("including", "like") or (c.dep_ == "prep" and c.lower_ == "as"):
            out.extend(g for g in c.children if g.dep_ == "pobj" and actorish(ctx, g))
    return out


def actors_of(ctx: SentenceContext, tok) -> list[Actor]:
    """Actors of the noun phrase headed by ``tok``; "A and B" glued into one phrase gives two."""
    start, end = np_bounds(tok, ctx.lex)
    doc = tok.doc
    heads = {c.left_edge.i for c in doc[start:end] if c.dep_ == "conj"}
    cuts = [t.i for t in doc[start:end] if (t.dep_ == "cc" or (t.text == "," and t.i + 1 in heads)) and start < t.i < end - 1
            and not (t.head.i < tok.i and t.head.dep_ in ("nmod", "compound", "amod") and not actorish(ctx, t.head))]
    # (modifiers joined inside a name are no two actors: "the African Union's peace and security council")
    if not cuts:
        a = actor(ctx, tok)
        return [a] if a else []
    out, s0 = [], start
    for c in cuts + [end]:
        part = doc[s0:c]
        while len(part) and (part[0].is_punct or part[0].dep_ == "cc"):
            part = part[1:]
        while len(part) and part[-1].is_punct:
            part = part[:-1]
        if len(part):
            a = actor_span(ctx, part)
            if a and a.country and not a.sector and part.end <= tok.i and all(
                    t.dep_ in ("amod", "nmod", "compound", "conj") for t in part):
                # "Spanish and Moroccan police": the first modifier shares the head noun
                noun = " ".join(t.text for t in doc[start:end] if t.i == tok.i or (
                    t.dep_ == "compound" and t.head.i == tok.i and t.tag_ in ("NN", "NNS")))   # ("coast guards")
                shared = ctx.actors.resolve(f"{part.text} {noun}")
                if shared is not None and shared.country == a.country:
                    a.sector = shared.sector
            if a:
                out.append(a)
        s0 = c + 1
    return out


def actor_span(ctx: SentenceContext, span) -> Optional[Actor]:
    """The actor a span names: a dictionary actor, or a name / collective noun without codes."""
    a = ctx.actors.resolve(span.text)
    if a is None and not any(t.tag_.startswith("NNP") or t.lower_ in ctx.sets["collective_actors"] for t in span):
        return None
    if a is None:
        a = Actor(text=span.text, name=span.text, score=0.0)
    a.text = span.text
    a.char_start = ctx.offset + span.start_char
    a.char_end = ctx.offset + span.end_char
    return a


def anaphoric_owner(ctx: SentenceContext, tok):
    """The possessive pronoun of cues.yaml ``possessive_anaphora`` on a noun ("its jets", "his
    government"), or None."""
    return next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ctx.sets["possessive_anaphora"]), None)


def _owners(ctx: SentenceContext, tok, a: Actor) -> Actor:
    """A coordinated "its"/"their" noun without a country takes the country of what it is joined
    to ("the Indian warship and its marine commandos"; not allies, who are others' forces)."""
    if not a.country and tok.dep_ == "conj" and lemma1(tok, ctx.lex) not in ctx.sets["ally_nouns"] \
            and anaphoric_owner(ctx, tok) is not None:
        owner = actor(ctx, tok.head)
        if owner is not None and owner.country:
            a.country = owner.country
    elif not a.country and (state := the_countrys(ctx, tok)) is not None:
        a.country = state    # "Iranian state media said the country's navy had seized a tanker"
    elif not a.country and tok.dep_ == "dobj" and (pron := anaphoric_owner(ctx, tok)) is not None \
            and pron.lower_ not in ctx.sets["personal_possessives"]:
        # a state's own: "Serbia put its army on alert", "China sent its warships" (the pronoun
        # bound by the clause's subject, when that subject is a state or body, not a person)
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        owner = actor(ctx, subj) if subj is not None and subj.lower_ not in ctx.sets["pronouns"] else None
        if owner is not None and owner.country and not a_person(ctx, subj):
            a.country = owner.country
    return a


def the_countrys(ctx: SentenceContext, tok) -> Optional[str]:
    """The country "the country's" (cues.yaml ``state_anaphora``: "the kingdom's", "the nation's")
    on ``tok`` stands for: the one country the sentence names before it, or None."""
    if not any(c.dep_ == "poss" and c.lower_ in ctx.sets["state_anaphora"]
               and [x.lower_ for x in c.children if x.dep_ == "det"] == ["the"] for c in tok.children):
        return None
    codes = {a.country for _, _, a in ctx.actors.find_all(ctx.doc[:tok.left_edge.i].text)
             if a.country and (a.entry or "").startswith(("country:", "place:"))}
    return codes.pop() if len(codes) == 1 else None


def actor(ctx: SentenceContext, tok) -> Optional[Actor]:
    """The actor of the noun phrase headed by ``tok`` (an uncoded common noun included)."""
    start, end = np_bounds(tok, ctx.lex)
    span = tok.doc[start:end]
    text = span.text
    waters = ctx.actors.cues.water_heads
    if (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.text.lower() in waters) \
            or (tok.tag_ in ("NNP", "NNPS") and tok.lower_ in waters):
        return None     # "the Gulf of Aden", "into the Red Sea": a sea, no actor (actor cues water_heads)
    a = ctx.actors.resolve(text)
    if (a is None or not a.country) and tok.tag_ in ("NNP", "NNPS"):
        # a name with its "of"-phrase: "the Organization of American States", "the Bank of England"
        of = next((g for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i == end
                   for g in c.children if g.dep_ == "pobj" and g.tag_ in ("NNP", "NNPS")), None)
        wide = ctx.actors.resolve(tok.doc[start:of.right_edge.i + 1].text) if of is not None else None
        if wide is not None and wide.country:
            a, span = wide, tok.doc[start:of.right_edge.i + 1]
            text = span.text
    if a is None or not a.country:
        named = titled_name(ctx, tok, start, end)
        if named is not None:
            a, span = named
            text = span.text
    if a is None and tok.tag_ not in ("NNP", "NNPS") and not any(t.tag_.startswith("NNP") for t in span):
        if tok.lower_ in ctx.sets["pronouns"]:
            return None
        return _owners(ctx, tok, Actor(text=text, name=text if tok.lower_ in ctx.sets["collective_actors"] else None,
                                       char_start=ctx.offset + span.start_char, char_end=ctx.offset + span.end_char,
                                       score=0.0))
    if a is None:
        a = Actor(text=text, name=text, score=0.0)
    if not a.country and a.sector:
        placed = located_in(ctx, tok)
        if placed is not None:
            a.country, a.name = placed.country, placed.name
    _owners(ctx, tok, a)
    if a.country and lemma1(tok, ctx.lex) in ctx.sets["ally_nouns"] and any(
            c.dep_ == "poss" and c.tag_ != "PRP$" for c in tok.children):
        a.country, a.name = None, None   # "Ukraine's Western allies" are not Ukraine
    a.text = text
    a.char_start = ctx.offset + span.start_char
    a.char_end = ctx.offset + span.end_char
    return a


def located_in(ctx: SentenceContext, tok) -> Optional[Actor]:
    """The country of the place after "in" that a group noun names its own ("lawmakers in Seoul",
    "prosecutors in Brazil", "demonstrators in Tbilisi"): the dictionary actor of the place, or None."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for g in c.children:
                if g.dep_ == "pobj" and g.tag_ in ("NNP", "NNPS"):
                    placed = ctx.actors.resolve(g.doc[slice(*np_bounds(g, ctx.lex))].text)
                    if placed is not None and placed.country and (placed.entry or "").startswith(("country:", "place:")):
                        return placed   # a country, a capital or a place, not a body ("in the US Senate")
    return None


def titled_name(ctx: SentenceContext, tok, start: int, end: int):
    """(actor, span) of a title whose name the parser put in apposition ("the current President
    Nicolas Maduro", "the Prime Minister, Narendra Modi,"), when the dictionary gives the name a
    country; else None.  ``start``, ``end``: the title's phrase."""
    name = next((c for c in tok.children if c.dep_ == "appos" and c.tag_ in ("NNP", "NNPS")
                 and end <= c.left_edge.i <= end + 1), None)
    if name is None:
        return None
    wider = tok.doc[start:np_bounds(name, ctx.lex)[1]]
    for text in (wider.text, tok.doc[name.left_edge.i:wider.end].text):   # title and name, or the name
        a = ctx.actors.resolve(text)
        if a is not None and a.country:
            return a, wider
    return None


def political(ctx: SentenceContext, source: list[Actor], target: list[Actor], named_target: bool = False) -> bool:
    """A participant from the actor dictionary, or a named doer in a sentence that names a
    dictionary actor somewhere (see :func:`eventwire.coding.mentions.mention`); with
    ``named_target`` a named recipient will do too ("Victoire Ingabire was arrested in Rwanda":
    no doer named).  A person named by a private trade and a nationality ("the Brazilian forward",
    "a Cuban ballerina": cues.yaml ``private_role_heads``, no sector) is no dictionary actor here."""
    if any(a.entry and not private_role(ctx, a) for a in source + target):
        return True
    if not any(a.name and not private_role(ctx, a) for a in source + (target if named_target else [])):
        return False
    return ctx.names_dict_actor()


def private_role(ctx: SentenceContext, a: Actor) -> bool:
    """A person the dictionary knows only by a nationality, named by a trade of sport, the arts
    or entertainment (cues.yaml ``private_role_heads``: "the Serbian world number one", "a Mexican
    telenovela star"; a plural in -s too)."""
    if a.sector or (a.entry or "").startswith(("person:", "org:")):
        return False
    words = (a.text or "").lower().replace("-", " ").split()
    return bool(words) and in_list(words[-1], ctx.sets["private_role_heads"])


def in_list(word: str, words: frozenset[str]) -> bool:
    """``word`` or, for a plural in -s, its singular is one of ``words``."""
    return word in words or (word.endswith("s") and word[:-1] in words)


def is_participant(ctx: SentenceContext, a: Actor) -> bool:
    """Whether an actor found in a role can be a participant: one with a country code always;
    else (a dictionary sector word in a modifier included: "jury verdicts") not when its head word is a date, a number, a unit or an abstract noun (cues.yaml
    ``non_actor_words``, ``time_words``, ``inanimate_subjects``): "Nov.", "September",
    "unanimous jury verdicts", "the strike"."""
    if a.country:
        return True
    words = [w for w in _WORD.findall(a.text.lower())]
    if not words:
        return False
    head = words[-1].rstrip(".")
    if head.replace(",", "").replace(".", "").isdigit():
        return False
    bad = ctx.lex.non_actor_heads
    if in_list(head, ctx.sets["weapon_heads"]) or in_list(head, ctx.sets["gunfire_words"]):
        return bool(a.entry)    # "police bullets", "Israeli fire" (the police, Israel), not "a bomb", "a fire"
    return not in_list(head, bad)


def crowd(ctx: SentenceContext, tokens: list) -> list[Actor]:
    """A crowd that does an act of ``crowd_events`` ("Thousands took to the streets", "hundreds
    of students marched"): a group head or a person noun among ``tokens``, as an uncoded
    civilian actor (sector CVL) named by its words."""
    sets = ctx.sets
    out = []
    for x in tokens:
        if x.i < ctx.dateline_end or x.lower_ in sets["time_words"] or x.lower_ in sets["pronouns"]:
            continue
        if x.lower_ not in sets["group_heads"] and not person(ctx, x):
            continue
        start, end = np_bounds(x, ctx.lex)
        span = x.doc[start:end]
        out.append(Actor(text=span.text, name=span.text, sector="CVL", char_start=ctx.offset + span.start_char,
                         char_end=ctx.offset + span.end_char, score=0.0))
    return out


def possessor(ctx: SentenceContext, thing) -> list:
    """Whom "his" or "her" on a thing stands for (cues.yaml ``personal_possessives``): the nearest
    subject above it that can be one person, named before it ("the prime minister fled as
    protesters stormed her residence"; not "protesters", not "police"); for "their", the nearest
    plural subject that is no state ("peacekeepers said a tank fired at their position"); []
    when there is none.  (The doer of the act itself is left out by the caller: "he attacked his
    wife".)"""
    pron = next((c for c in thing.children if c.dep_ == "poss" and (
        c.lower_ in ctx.sets["personal_possessives"] or c.lower_ == "their")), None)
    if pron is None:
        return []
    if pron.lower_ == "their":   # ("peacekeepers reported that a tank fired at their position": a plural body's)
        owner = _subject_above(ctx, pron, pron, 6, lambda c: c.tag_ in ("NNS", "NNPS") and not names_state(ctx, c))
    else:
        owner = _subject_above(ctx, pron, pron, 6, lambda c: c.tag_.startswith("NN") and a_person(ctx, c))
    return [owner] if owner is not None else []


def antecedent(ctx: SentenceContext, tok):
    """The subject of a clause above ``tok`` ("Russia said it would help": it -> Russia), named
    before the pronoun: in "He shot two men, police said" "he" is not the police.  "he" and
    "she" stand for a person, never a state, a place or a body of people; "it" never for a
    person ("the president suspended the truce after it attacked a base"), unless a state's
    person says it ("Turkey's president says it will begin an operation")."""
    pron = next((c for c in tok.children if c.dep_ in SUBJ), tok)
    personal = pron.lower_ in ctx.sets["personal_pronouns"]
    plural = pron.lower_ in ctx.sets["plural_pronouns"]
    thing = pron.lower_ in ctx.sets["impersonal_pronouns"]
    said = tok.dep_ == "ccomp" and lemma1(tok.head, ctx.lex) in ctx.sets["speech_verbs"]

    def one_person(c) -> bool:
        # (a state's person saying "it" speaks for the state: "Turkey's president says it will")
        return ctx.actors.names_person(ctx.doc[slice(*np_bounds(c, ctx.lex))].text) \
            and not (said and any(p.dep_ == "poss" and names_state(ctx, p) for p in c.children))

    return _subject_above(ctx, tok, pron, 5, lambda c: (not personal or a_person(ctx, c)) and (not plural or many(ctx, c))
                          and not (thing and one_person(c)))


def place_of(ctx: SentenceContext, noun, mod) -> bool:
    """A city named on an event noun says where it was ("the Ankara attack", "the Kabul
    bombing"), not who did it; a protest's city stands for its people ("the Athens
    demonstration": cues.yaml ``local_nouns``)."""
    return lemma1(noun, ctx.lex) not in ctx.sets["local_nouns"] and ctx.actors.place_name(mod.text)


def authored_by(ctx: SentenceContext, s):
    """The author a document subject names by its modifier ("a UN report found ...", "the
    ministry's statement accused ...": cues.yaml ``document_nouns``), or None."""
    if lemma1(s, ctx.lex) not in ctx.sets["document_nouns"]:
        return None
    return next((c for c in s.children if c.dep_ in ("compound", "poss", "amod") and c.lower_ not in ctx.sets["pronouns"]
                 and has_code(ctx, c)), None)


def named_group(ctx: SentenceContext, tok, s):
    """The group "the group" (the movement, the party ...: cues.yaml ``group_anaphora``), subject
    ``s`` of ``tok``, stands for: the group a speaker above speaks for ("a spokesman for the Houthis
    said the group had targeted ..."), else the one group the dictionary names before it ("Israel
    accused Hamas of ..., a claim the group denies"); never a state or a force ("police said the
    group robbed ...")."""
    if s.lower_ not in ctx.sets["group_anaphora"] or [c.lower_ for c in s.children] != ["the"]:
        return None
    def group(g) -> bool:
        return any("org:" in (a.entry or "") for a in actors_of(ctx, g))
    if tok.dep_ == "ccomp" and lemma1(tok.head, ctx.lex) in ctx.sets["speech_verbs"]:
        ante = antecedent(ctx, tok)
        named = [] if ante is None else [ante] + [g for p in ante.children if p.dep_ == "prep" and p.lower_ in ("for", "of")
                                                   for g in p.children if g.dep_ == "pobj"]
        named = [g for g in named if group(g)]
        if named:
            return named[0]
    heads = [g for g in s.doc[:s.i] if g.tag_ in ("NNP", "NNPS") and g.dep_ not in ("compound", "flat") and group(g)]
    if len({a.entry for g in heads for a in actors_of(ctx, g)}) == 1:
        return heads[0]
    return None


def _subject_above(ctx: SentenceContext, start, pron, steps: int, fits):
    """The first subject of a word above ``start`` (up to ``steps`` heads) that is an actor named
    before ``pron``, no pronoun, and ``fits``; None when there is none."""
    node = start
    for _ in range(steps):
        if node.head == node:
            break
        node = node.head
        for c in node.children:
            if c.dep_ in SUBJ and c.i < pron.i and c.lower_ not in ctx.sets["pronouns"] and actorish(ctx, c) and fits(c):
                return c
    return None


def many(ctx: SentenceContext, tok) -> bool:
    """Whether "they" can stand for this subject: anything but one state or place named alone
    ("Venezuela expelled diplomats after they questioned the vote": "they" is not Venezuela;
    a person or a body may speak as "they")."""
    if tok.tag_ != "NNP" or any(c.dep_ == "conj" for c in tok.children):
        return True
    return not names_state(ctx, tok)


def a_person(ctx: SentenceContext, tok) -> bool:
    """Whether "he" or "she" can stand for this subject: not a plural, a body of people
    ("police", "the army": cues.yaml ``body_nouns``), a state or a place ("Russia", "the
    Kremlin")."""
    sets = ctx.sets
    if tok.tag_ in ("NNS", "NNPS") or tok.lower_ in sets["collective_actors"] or tok.lower_ in sets["body_nouns"]:
        return False
    return not names_state(ctx, tok)


def is_state(a: Actor) -> bool:
    """A state or a place named alone ("Russia", "the Kremlin"), no body or person of it."""
    return a.sector is None and (a.entry or "").startswith(("country:", "place:"))


def names_state(ctx: SentenceContext, tok) -> bool:
    """The noun phrase headed by ``tok`` names a state or a place alone."""
    a = ctx.actors.resolve(tok.doc[slice(*np_bounds(tok, ctx.lex))].text)
    return a is not None and is_state(a)


def undergoer(ctx: SentenceContext, noun, owner) -> bool:
    """Whether the owner of an act noun underwent it: a person's or a group's, never a state's,
    before a noun of what is done to someone (cues.yaml ``patient_nouns``) with no "of"-object
    ("Navalny's arrest", "the former president's gag order"; "Russia's arrest of a reporter" is
    Russia's act)."""
    if owner.dep_ != "poss" or of_objects(noun):
        return False
    lm = lemma1(noun, ctx.lex)
    phrase = " ".join([c.lower_ for c in noun.children if c.dep_ in ("compound", "amod") and c.i == noun.i - 1] + [lm])
    patients = ctx.sets["patient_nouns"]
    return (lm in patients or phrase in patients) and not any(is_state(a) for a in actors_of(ctx, owner))


def gapped_object(ctx: SentenceContext, tok) -> bool:
    """Whether ``tok`` heads a relative clause whose object is the actor it describes: "the six
    officials it accused", "the leader whom the junta detained" (a subject of its own that is no
    relative pronoun, and no object but a relative pronoun)."""
    if tok.dep_ != "relcl" or not tok.tag_.startswith("VB") or not (actorish(ctx, tok.head) or person(ctx, tok.head)):
        return False
    rel = ctx.sets["relative_pronouns"]
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    return bool(subj) and subj[0].lower_ not in rel and not any(
        c.dep_ in ("dative", "ccomp", "xcomp", "nsubjpass") or (c.dep_ == "dobj" and c.lower_ not in rel)
        or c.tag_ == "WRB" for c in tok.children)   # ("the city of Thessaloniki, where 20,000 people marched")


def opposed(tok) -> bool:
    """A modifier after "anti-" ("anti-Trump", "anti-government"): what the noun is against."""
    doc = tok.doc
    return tok.lower_.startswith("anti-") or (
        tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "anti")


def people(ctx: SentenceContext, tok) -> bool:
    """A person noun, or a number of them ("two teenagers", "dozens of prisoners")."""
    return person(ctx, tok) or (tok.lower_ in ctx.sets["group_heads"] and any(person(ctx, g) for g in of_objects(tok)))


def placed_in(ctx: SentenceContext, tok) -> list:
    """The coded place of a thing: "positions in Syria", "positions in Saudi Arabia's Asir
    region", "villages near Manbij" (the token whose phrase the dictionary codes)."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "near"):   # ("villages near Manbij")
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                if has_code(ctx, g) or phrase_has_code(ctx, g):
                    return [g]
                owner = [o for o in g.children if o.dep_ == "poss" and phrase_has_code(ctx, o)]
                if owner:
                    return owner
    return []
