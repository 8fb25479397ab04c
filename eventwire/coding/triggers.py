"""Triggers: the words that match a lexicon rule.

:func:`find_triggers` finds every token that matches a lexicon rule (verb with its particle and
object constraints, noun with its modifiers and its "of"-phrase), and the events made by saying
(:mod:`.claims`: "denied any role", "said Clinton was corrupt"); :mod:`.governing` then folds
the triggers that other words govern.

The word lists and event-type groups are cues in ``data/cues.yaml`` (``figurative_events``,
``plot_words``, ``feeling_participles``, ...).
"""
from __future__ import annotations

from typing import Optional

from .claims import denial_claims, judgement_claims, quoted_judgements, threat_claims, ultimatums
from .context import SentenceContext
from .doers import abroad, noun_heads_event, plotted, timed, undergoes
from .lexicon import Lexicon, Rule, Trigger
from .participants import actorish, armed, armed_doer, has_code, left_in_state, names_state, person, struck_on
from .settings import setting
from .syntax import (
    bare_clause,
    compound_texts,
    has_modifiers,
    has_particle,
    infinitive,
    is_noun,
    is_verbal,
    lemma1,
    lemmas,
    misread_participle,
    naming_clause,
    objects,
    objects_after,
    of_objects,
    talked_about,
    trailing_pobj,
)

#: where an adjective trigger is said of its clause's subject ("was / remained / grew critical of")
PREDICATIVE = frozenset({"acomp", "oprd", "ROOT", "conj", "xcomp", "ccomp"})


def idiom(tok, lms, lex: Lexicon) -> bool:
    """Whether the verb is used as a phrasal idiom of no event (cues.yaml ``idiom_phrasals``:
    "seized on the letter" exploits it, "struck up a friendship" begins one), or a verb of
    posture is meant as such: with a preposition of place it stands somewhere ("was standing
    outside his home with five other men" stands with no one: ``posture_verbs``,
    ``posture_place_preps``), or the word is part of a fixed phrase (``fixed_phrases``: "as opposed
    to")."""
    idioms = lex.idiom_particles
    doc = tok.doc
    for k, words in lex.fixed_phrase_index.get(tok.lower_, ()):
        start = tok.i - k
        if start >= 0 and tuple(t.lower_ for t in doc[start:start + len(words)]) == words:
            return True   # "as opposed to": no opposition
    if set(lms) & lex.sets["posture_verbs"] and any(
            c.dep_ == "prep" and c.lower_ in lex.sets["posture_place_preps"] for c in tok.children):
        return True
    return any(has_particle(tok, particle, lex.sets["time_words"], split=False)
               for lm in lms for particle in idioms.get(lm, ()))


def match_rule(tok, lex: Lexicon, skip: frozenset = frozenset()) -> Optional[tuple[Rule, set]]:
    """The most specific rule whose conditions hold on ``tok``, with the object tokens it used
    (verb rules of ``skip``, ids, left out)."""
    lms = sorted(lemmas(tok, lex))
    if is_verbal(tok) or tok.tag_ == "VBN":
        pool = [r for lm in lms for r in lex.verb_rules.get(lm, ()) if r.id not in skip]
        if pool and idiom(tok, lms, lex):
            return None   # "Trump seized on the letter": no seizure
        if pool:
            pool.sort(key=lambda r: -r.specificity)
            objs = None          # (object token, its forms), read once, when a rule asks
            for rule in pool:
                if rule.particle and not particle_holds(tok, rule, lex):
                    continue
                if rule.subjects and not any(lemmas(x, lex) & rule.subjects for x in clause_subjects(tok)):
                    continue
                if rule.unless_subjects and any(lemmas(x, lex) & rule.unless_subjects for x in clause_subjects(tok)):
                    continue
                if rule.joint and not any(c.dep_ == "advmod" and c.lower_ in lex.sets["joint_adverbs"] for c in tok.children):
                    continue   # "will jointly develop a fighter jet": only done together
                if rule.unless_doing and told_to(tok, lex) & rule.unless_doing:
                    continue   # "warned residents to avoid the area": advice
                if (rule.unless or rule.objects) and objs is None:
                    objs = [(o, lemmas(o, lex) | compound_texts(o, lex)) for o in objects(tok) if not _when(o, tok, lex)]
                if rule.unless and (any(ls & rule.unless for _, ls in objs)
                                    # "crimes committed by": the noun a participle modifies
                                    or (tok.dep_ == "acl" and tok.tag_ == "VBN" and lemmas(tok.head, lex) & rule.unless)):
                    continue
                if rule.judges and naming_clause(tok):
                    continue   # "launched what it called anti-terrorist operations": a name, no judgement
                if rule.objects:
                    hit = {o.i for o, ls in objs if ls & rule.objects and not placed(o, tok, rule, lex)}
                    if not hit and rule.particle and lex.splits(rule):
                        # "set part of the building on fire": the particle's noun, parsed on the object
                        hit = {g.i for d in tok.children if d.dep_ == "dobj"
                               for g in [trailing_pobj(d, rule.particle)] if g is not None and lemmas(g, lex) & rule.objects}
                    if not hit and rule.judges:
                        # "called him the worst president": the judging word modifies the object
                        hit = {o.i for o, _ in objs if any(a.dep_ == "amod" and a.lower_ in rule.objects
                                                           for a in o.children)}
                    if not hit:
                        continue
                    return rule, hit
                return rule, set()
    if tok.tag_ in ("JJ", "JJR") and tok.dep_ in PREDICATIVE:
        # "was highly critical of the plan": the adjective with its preposition, said of a subject
        for rule in lex.adj_rules.get(tok.lower_, ()):
            if any(c.dep_ == "prep" and c.lower_ == rule.particle for c in tok.children):
                return rule, set()
    if is_noun(tok):
        pool = [r for lm in lms for r in lex.noun_rules.get(lm, ())]
        pool.sort(key=lambda r: -r.specificity)
        for rule in pool:
            if rule.rest and not has_modifiers(tok, rule.rest):
                continue
            if rule.subjects and not any(lemmas(x, lex) & rule.subjects for x in noun_doers(tok)):
                continue    # "the strike by dock workers", "the teachers' strike": who does it
            if rule.objects and not any(lemmas(g, lex) & rule.objects
                                        for g in of_objects(tok) + objects_after(tok, rule.target_preps)):
                continue    # a noun's object is its "of" phrase ("a suspension of aid"), or its
                #             target's ("an attempt on his life")
            return rule, set()
    return None


def noun_doers(tok) -> list:
    """Who a noun's act is done by, as the phrase tells: its possessor, its noun modifiers, the
    object of its "by" or "of" ("the dockers' strike", "a miners strike", "the strike by dock
    workers", "a strike of teachers")."""
    out = [c for c in tok.children if c.dep_ == "poss" or c.dep_ == "compound" and c.tag_.startswith("NN")]
    return out + objects_after(tok, ("by", "of"))


def placed(o, tok, rule: Rule, lex: Lexicon) -> bool:
    """An object of a preposition of place (cues.yaml ``place_preps``) on a verb with a direct
    object of its own: where the act was done, not what it was done to ("seized his passport
    at the airport" captured no airport)."""
    return o.dep_ == "pobj" and o.head.head == tok and o.head.lower_ in lex.sets["place_preps"] \
        and o.head.lower_ != rule.particle and any(c.dep_ == "dobj" for c in tok.children) \
        and not any(lm in lex.noun_rules for lm in lemmas(o, lex))   # ("in protest", "in retaliation": no place)


def _when(o, tok, lex: Lexicon) -> bool:
    """Whether an object candidate is the noun of a preposition of time on the verb itself
    (cues.yaml ``time_preps``): "set up a cordon after the threat" sets no threat."""
    return o.dep_ == "pobj" and o.head.head == tok and o.head.lower_ in lex.sets["time_preps"]


def bare_clause_subjects(tok) -> list:
    """The subject of a bare infinitive after a verb, its object in meaning: "help Kenya rebuild
    its railways", "let the prisoners go"."""
    return [x for c in tok.children if bare_clause(c) for x in c.children if x.dep_ == "nsubj" and tok.i < x.i < c.i]


def told_to(tok, lex: Lexicon) -> set[str]:
    """Lemmas of what a verb tells its object to do: its infinitive complements ("warned
    residents to avoid the area" -> avoid)."""
    return {lm for c in tok.children if c.dep_ in ("xcomp", "ccomp") and infinitive(c) for lm in lemmas(c, lex)}


def clause_subjects(tok) -> list:
    """The subject of a verb, or of the verb it is joined to or continues ("marchers headed for
    the tower, shouting", "gathered and marched"), with its conjuncts."""
    if tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD", "VBG"):
        return [tok.head, *of_objects(tok.head)]    # "2,000 marchers headed for parliament", parsed as a phrase
    for node in (tok, tok.head) if tok.dep_ in ("conj", "advcl", "xcomp") else (tok,):
        subj = [c for c in node.children if c.dep_ == "nsubj"]
        if subj:
            return [x for s in subj for x in (s, *s.conjuncts, *of_objects(s))]   # "thousands of demonstrators"
    return []


def particle_holds(tok, rule: Rule, lex: Lexicon) -> bool:
    """Whether a phrasal rule's second word is there (:func:`~.syntax.has_particle`); only the
    phrasal verbs of cues.yaml ``split_phrasal_verbs`` may have their object before it
    ("charged him with murder", "fired rockets at the town")."""
    return has_particle(tok, rule.particle, lex.sets["time_words"], split=lex.splits(rule))


def loose_types(tok, lex: Lexicon, bare: bool = False) -> set[str]:
    """Event types of the rules on this word, their object conditions aside (a phrasal
    rule still needs its particle: "spoke" alone is not "speak with", and a verb used with its
    particle is that phrasal verb alone: "called for new elections" is no "called X a liar"; a
    rule with a ``subject`` condition is left out); ``bare``: only rules without object conditions (a verb that reports an act by itself, not
    "have" or "make"), as always for the verbs of cues.yaml ``vague_verbs`` ("used", "boarded")."""
    if tok.lower_ not in lex.trigger_forms:
        return set()
    table = lex.verb_rules if tok.tag_.startswith("VB") else lex.noun_rules
    # (a rule that names its subject says nothing of the word alone: "move", "head")
    lms = lemmas(tok, lex)
    rules = [r for lm in lms for r in table.get(lm, ()) if not r.subjects]
    phrasal = [r for r in rules if r.particle and particle_holds(tok, r, lex)]
    # (a verb of everyday use names no act without its rule's objects: cues.yaml vague_verbs)
    bare = bare or (table is lex.verb_rules and bool(lms & lex.sets["vague_verbs"]))
    return {r.event for r in (phrasal or [r for r in rules if not r.particle]) if not (bare and r.objects)}


def find_triggers(ctx: SentenceContext) -> list[Trigger]:
    """Every token of the sentence that matches a rule whose conditions hold."""
    lex, sets = ctx.lex, ctx.sets
    found = []
    settings = []      # meeting nouns that head no event phrase ("heading into the meeting")
    forms = lex.trigger_forms
    silent = set()     # what a refusal to speak governs ("declined to discuss"): no trigger
    for tok in ctx.doc:
        if tok.lower_ not in forms or tok.i in silent:
            continue
        if tok.dep_ == "acomp" and tok.lower_ in sets["feeling_participles"]:
            continue   # "I have been very encouraged by the interest": a feeling, no request
        m = match_rule(tok, lex)
        if m:
            rule, consumed = m
            if (rule.event in sets["figurative_events"] and figurative(ctx, tok, rule.particle, consumed)) or plotted(ctx, tok):
                continue   # (a figure of speech, or an act only plotted: "a plot to kill the president")
            if rule.event == "REQUEST" and lemma1(tok, lex) in sets["intent_verbs"] \
                    and any(c.dep_ == "xcomp" for c in tok.children) \
                    and not any(c.dep_ in ("dobj", "dative") for c in tok.children):
                continue  # "seeking to maintain ties" is an intention, not a request
            if rule.event == "REQUEST" and lemma1(tok, lex) in sets["plea_verbs"] and not rule.objects \
                    and (tok.dep_ == "acomp" or any(c.dep_ in ("auxpass", "agent") for c in tok.children)) \
                    and not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "for")
                                for c in tok.children):
                continue  # "was very encouraged by the interest", "was asked about the case": nothing asked for
            if rule.event == "REQUEST" and any(c.dep_ == "acomp" and c.lower_ in sets["plea_answers"] for c in tok.children):
                continue  # "pleaded not guilty to the charges": an answer to a charge, no plea for anything
            if rule.event == "REQUEST" and lemma1(tok, lex) in sets["question_verbs"] and question(ctx, tok):
                continue  # "asked whether the US would attack", "when asked by reporters": a question
            if rule.event == "REJECT" and lemma1(tok, lex) in sets["refusal_verbs"]:
                quiet = [c for c in tok.children if c.dep_ in ("xcomp", "dobj") and (
                    lemma1(c, lex) in sets["no_comment_verbs"]
                    or any(o.dep_ == "dobj" and o.lower_ in sets["no_comment_objects"] for o in c.children))]
                if quiet:
                    silent.update(w.i for c in quiet for w in c.subtree)   # "declined to say whether ... threats"
                    continue  # "declined to comment", "refused to discuss it": no refusal of an act, no talks
                refused = [(c, sub) for c in tok.children if c.dep_ == "xcomp" and (sub := match_rule(c, lex)) is not None]
                if any(sub[0].event == "REJECT" for _, sub in refused):
                    continue  # "refused to rule out sending missiles": a refusal refused (flags.negated), none of its own
                if any(sub[0].event == "ACCUSE"
                       and ({lemma1(c, lex)} | {lemma1(ctx.doc[i], lex) for i in sub[1]}) & lex.authority_acts.keys()
                       for c, sub in refused):
                    continue  # "prosecutors declined to bring charges": a decision not to charge, the
                    #           charge negated (flags.negated), no refusal of its own
            if rule.pos == "noun" and (not noun_sense(ctx, tok, rule.rest) or talked_about(tok, lex)):
                continue  # "a press release", "calls to his office were not answered", "talks on a ceasefire"
            if rule.pos == "noun" and rule.event == "ACCUSE" and any(
                    c.dep_ == "relcl" and lemma1(c, lex) in sets["denying_verbs"] for c in tok.children):
                continue  # "a charge the Kremlin denies": the accusation told before, denied
            if rule.pos == "noun" and not noun_heads_event(ctx, tok):
                if lemma1(tok, lex) in sets["setting_nouns"]:
                    settings.append((tok, rule))
                continue
            skip: set[str] = set()
            while rule is not None and not participants_hold(ctx, tok, rule):
                # the word's next rule, if any ("China held drills" is no joint exercise but a
                # show of force: mobilize.drills after cooperate.exercise2)
                skip.add(rule.id)
                m = match_rule(tok, lex, skip=frozenset(skip))
                rule, consumed = m if m is not None and m[0].pos == rule.pos else (None, set())
            if rule is None:
                continue
            if rule.pos == "verb" and tok.tag_ == "VBN" and tok.dep_ in ("amod", "acl") \
                    and not any(c.dep_ == "agent" for c in tok.children) and not timed(ctx, tok) \
                    and rule.event in sets["state_participle_events"] \
                    and not (ctx.headline and tok.head.dep_ == "ROOT"):
                continue  # "soldiers wounded in the war": a state, not a reported act ("members seized on
                #           Tuesday" is one, and so is a headline's "Kenyan journalist detained in Uganda")
            if rule.pos == "verb" and tok.lower_ in sets["affiliation_words"] and (
                    tok.dep_ in ("acl", "amod") or misread_participle(tok)):
                continue  # "hackers linked to Russian military intelligence": whose they are, no act
            if not rule.judges and rule.pos == "verb" and any(c.dep_ == "oprd" and c.i not in consumed for c in tok.children) \
                    and any(c.dep_ == "dobj" for c in tok.children):
                # "called Obama 'the worst president'": naming, not a phone call; "called the
                # strike a breach of the ceasefire": no strike called, but the naming's rule if any
                named = match_rule(tok, lex, skip=frozenset(r.id for r in lex.verb_rules.get(lemma1(tok, lex), ()) if not r.judges))
                if named is None:
                    continue
                rule, consumed = named
            if rule.pos == "verb" and not (rule.objects or rule.particle) and other_sense(tok, lex):
                continue  # "was admitted to hospital", "police were called to the scene"
            found.append(Trigger(tok, rule, consumed, event=rule.event, mode=rule.mode))
    found.extend(denial_claims(ctx, {t.token.i for t in found}, match_rule))
    found.extend(judgement_claims(ctx, {t.token.i for t in found}))
    found.extend(quoted_judgements(ctx, {t.token.i for t in found}))
    found.extend(threat_claims(ctx, {t.token.i for t in found}))
    found.extend(ultimatums(ctx, {t.token.i for t in found}))
    found.extend(setting(ctx, settings, found))
    # objects consumed by a verb rule ("launched an attack") are not triggers of their own
    consumed = {i for t in found for i in t.consumed}
    return [t for t in found if t.token.i not in consumed]


def participants_hold(ctx: SentenceContext, tok, rule: Rule) -> bool:
    """The conditions a rule sets on the word's participants: two sides for a ``mutual`` rule
    ("the US and Jordan held drills"), an actor as the object for ``actor_object``, and for a
    ``passive`` rule someone who undergoes it ("the man charged at the officers": no charge)."""
    if rule.mutual and not two_sided(ctx, tok):
        return False
    if rule.actor_object and not any(actorish(ctx, o) or person(ctx, o)   # ("released the president's son")
                                     for o in (*tok.children, *bare_clause_subjects(tok),
                                               *objects_after(tok, rule.target_preps))   # ("arrived in Haiti")
                                     if o.dep_ in ("dobj", "dative", "nsubjpass", "pobj") or o.head != tok):
        return False
    if rule.abroad and not abroad(ctx, tok, rule.target_preps):
        return False
    if rule.event == "PROTEST" and any(struck_on(ctx, o) for o in objects(tok)):
        return False   # "launched strikes on Houthi targets": air strikes, no labour strike
    if rule.event == "RETREAT" and left_in_state(ctx, tok):
        return False   # "clashed, leaving 20 soldiers dead": what the act left, no withdrawal
    return not rule.passive or undergoes(ctx, tok)


def noun_sense(ctx: SentenceContext, tok, phrase: tuple = ()) -> bool:
    """Whether an event noun is used in its event sense: not the modifier of one of cues.yaml
    ``kind_heads`` ("riot police"), not a month ("March 18"), not the subject of a verb of
    saying ("the release said"), not in a phrase of ``not_event_nouns`` ("press release"),
    and with one of its ``noun_preps`` when it has some ("calls for calm", not "calls to his
    office"); a rule's multiword noun (its words before ``tok``: ``phrase``) is its own sense:
    "a phone call" is no call for anything, and it is a call."""
    lex = ctx.lex
    if tok.dep_ == "compound" and tok.head.tag_.startswith("NN") and lemma1(tok.head, lex) in ctx.sets["kind_heads"]:
        return False   # it names a kind of force, person or thing: "riot police", "assault rifles"
    if tok.lower_ in ctx.sets["time_words"] and tok.text[:1].isupper() and (
            any(c.like_num for c in tok.children) or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].like_num)):
        return False   # the month: "sworn in on March 18", "March 2009"
    word = lemma1(tok, lex)
    if tok.dep_ == "nsubj" and lemma1(tok.head, lex) in ctx.sets["speech_verbs"] and word not in lex.authority_acts \
            and not any(c.dep_ == "dobj" for c in tok.head.children):
        # a document that speaks: "a Defence Ministry release said" (an investigation or an
        # indictment that says something is still the authorities' act; an event that shows
        # something is one: "the visit underlined the two countries' close ties")
        return False
    for words in lex.not_event_nouns.get(word, ()):
        if words != phrase and has_modifiers(tok, words):
            return False
    preps = None if phrase else lex.noun_preps.get(word)
    return not preps or any(c.dep_ == "prep" and c.lower_ in preps for c in tok.children)


def question(ctx: SentenceContext, tok) -> bool:
    """A verb of asking that asks a question, not for an act: its clause opens with "if",
    "whether" or a wh-word ("asked whether the US would attack"), it asks "about" something, or
    it is an interviewer's "when asked" (cues.yaml ``question_marks``), or a colon opens a
    quoted question after it."""
    marks = ctx.sets["question_marks"]
    for c in tok.children:
        if c.dep_ in ("ccomp", "advcl") and c.i > tok.i and any(
                g.dep_ in ("mark", "advmod", "nsubj", "dobj") and g.lower_ in marks and g.i < c.i for g in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "about":
            return True
    doc = tok.doc
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":" and any(t.text == "?" for t in doc[tok.i + 2:]):
        return True     # 'Nixon asks: "Somebody in the FBI?"'
    return tok.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ == "when" for c in tok.children)


def passive_doerless(tok) -> bool:
    """A passive verb with no by-agent ("was admitted", "were called in")."""
    kids = [c.dep_ for c in tok.children]
    return "auxpass" in kids and "agent" not in kids


def other_sense(tok, lex: Lexicon) -> bool:
    """A verb of cues.yaml ``passive_other_verbs`` used passive without a doer: "was admitted
    to hospital", "police were called to the scene" report no act (for the rules and for the
    sentence model's own readings alike); or one of ``objectless_other_verbs`` with no object:
    "people sheltering in the building" give no shelter."""
    lm = lemma1(tok, lex)
    return (lm in lex.sets["passive_other_verbs"] and passive_doerless(tok)) or (
        lm in lex.sets["objectless_other_verbs"] and not any(c.dep_ in ("dobj", "nsubjpass", "dative") for c in tok.children))


def two_sided(ctx: SentenceContext, tok) -> bool:
    """A verb done together: coordinated actors as subject ("Obama and Trump spoke"), "the two
    leaders", "both sides", or "each other" / "one another" after it."""
    def side(x) -> bool:
        return actorish(ctx, x) or lemma1(x, ctx.lex) in ctx.sets["ally_nouns"]

    doers = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    doers += [g for a in tok.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    for c in doers:
        # coordinated actors or allies ("the US and its allies", "staged by US marines and Jordanian forces")
        others = [x for x in c.children if x.dep_ == "conj"]
        if others and all(side(x) for x in (c, *others)) and any(actorish(ctx, x) for x in (c, *others)):
            return True
        if c.tag_ == "NNS" and any(m.lower_ in ("two", "both") for m in c.children if m.dep_ in ("nummod", "det", "predet")):
            return True
        # "the Egyptian and Sudanese presidents"
        if c.tag_ == "NNS" and any(m.dep_ in ("amod", "compound", "nmod") and any(x.dep_ == "conj" for x in m.children)
                                   for m in c.children):
            return True
    after = {x.lower_ for x in tok.subtree if x.i > tok.i}
    return {"each", "other"} <= after or {"one", "another"} <= after


def figurative(ctx: SentenceContext, tok, particle: Optional[str] = None, own: frozenset = frozenset()) -> bool:
    """"fighting the pandemic", "battle against corruption", "fight to keep the law": no violence.  The rule's own
    second word is not an object ("opened fire on": "fire" is not a figurative target), nor are
    the objects its rule names (token ids ``own``: "set the cars on fire")."""
    fig = ctx.sets["figurative_objects"]
    if lemma1(tok, ctx.lex) in ctx.sets["struggle_verbs"]:
        for c in tok.children:
            if c.dep_ == "xcomp" and c.tag_ == "VB" and lemma1(c, ctx.lex) not in ctx.sets["hostile_aims"] \
                    and not loose_types(c, ctx.lex, bare=True) & ctx.sets["figurative_events"]:
                return True   # "will fight to maintain the protections"; "fought to retake the town" stays
    preps = ctx.sets["figurative_preps"]
    # (a noun's aim may hang on its verb: "stepped up its battle with Disney for subscribers")
    aims = [g for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "for"
            for g in c.children if g.dep_ == "pobj"] if tok.dep_ == "dobj" and tok.tag_.startswith("NN") else []
    for o in objects(tok) + [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"] + aims:
        if o.dep_ == "pobj" and o.head.lower_ not in preps and o.head.head == tok:
            continue   # "detained 18 people following a fire": a time, not what is fought
        lm = lemma1(o, ctx.lex)     # (the cue nouns are inflected: "initiatives", "posts")
        if o.i in own or particle and o.lower_ == particle or (lm in ctx.sets["armed_objects"] and (
                armed_doer(ctx, tok) or state_in_place(ctx, tok)
                or any(c.dep_ in ("compound", "poss", "amod") and has_code(ctx, c)
                                            or c.dep_ == "compound" and armed(ctx, c) for c in o.children))):
            continue   # (an actor's or an army's targets are no figure: "Israel strikes Hezbollah targets",
            #           "an army post", "Israel struck targets in Gaza"; "the Chinese market" and "key
            #           Obama initiatives" are)
        if o.lower_ in fig or lm in fig or (lemmas(o, ctx.lex) | compound_texts(o, ctx.lex)) & fig \
                or f"{lemma1(tok, ctx.lex)} {o.lower_}" in fig:
            return True   # (a verb and its object as one figure: "killed it on stage", "the opening shot")
    return False


def state_in_place(ctx: SentenceContext, tok) -> bool:
    """The verb ``tok`` has a state for its subject and a coded place after one of cues.yaml
    ``locative_preps`` ("Israel struck targets in Gaza", "Russia hit targets across Ukraine"): a
    state's blow somewhere, not a figure ("China hit its emissions targets")."""
    return any(c.dep_ == "nsubj" and names_state(ctx, c) for c in tok.children) and any(
        c.dep_ == "prep" and (c.lower_ in ctx.sets["locative_preps"] or c.lower_ == "across")
        and any(g.dep_ == "pobj" and has_code(ctx, g.doc[g.left_edge.i:g.i + 1]) for g in c.children)
        for c in tok.children)
