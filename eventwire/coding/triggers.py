"""Triggers: the words that match a lexicon rule, and how governing words fold them.

1. :func:`find_triggers` — every token that matches a lexicon rule (verb with its particle and
   object constraints, noun with its modifiers and its "of"-phrase), and the events made by
   saying (:mod:`.claims`: "denied any role", "said Clinton was corrupt");
2. :func:`govern` — triggers under another word are folded into it: "ready to help" and
   "offered to assist" become AGREE, "refused to meet" REJECT, "urged X to release" REQUEST,
   "threatened to strike" THREATEN; a noun trigger that is the object of a verb trigger
   ("launched an attack", "refused offers") belongs to the verb.

The word lists and event-type groups are cues in ``data/cues.yaml`` (``frame_verbs``,
``intent_verbs``, ``request_modes``, ``threat_modes``, ``figurative_events``, ...).
"""
from __future__ import annotations

from typing import Optional

from .claims import denial_claims, judgement_claims, quoted_judgements, threat_claims
from .context import SentenceContext
from .doers import abroad, noun_heads_event, ordered_done, plotted, timed, undergoes
from .lexicon import Lexicon, Rule, Trigger
from .participants import actorish, armed, armed_doer, has_code, left_in_state, person, struck_on
from .settings import setting
from .syntax import (
    GOVERNED,
    bare_clause,
    compound_texts,
    depth,
    has_modifiers,
    has_particle,
    infinitive,
    is_noun,
    is_verbal,
    lemma1,
    lemmas,
    naming_clause,
    objects,
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
            if rule.objects and not any(lemmas(g, lex) & rule.objects for g in of_objects(tok)):
                continue    # a noun's object is its "of" phrase ("a suspension of aid")
            return rule, set()
    return None


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
            if rule.event == "REQUEST" and lemma1(tok, lex) in sets["question_verbs"] and question(ctx, tok):
                continue  # "asked whether the US would attack", "when asked by reporters": a question
            if rule.event == "REJECT" and lemma1(tok, lex) in sets["refusal_verbs"]:
                quiet = [c for c in tok.children if c.dep_ in ("xcomp", "dobj") and (
                    lemma1(c, lex) in sets["no_comment_verbs"]
                    or any(o.dep_ == "dobj" and o.lower_ in sets["no_comment_objects"] for o in c.children))]
                if quiet:
                    silent.update(w.i for c in quiet for w in c.subtree)   # "declined to say whether ... threats"
                    continue  # "declined to comment", "refused to discuss it": no refusal of an act, no talks
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
            if rule.mode == "phone" and any(c.dep_ == "oprd" for c in tok.children):
                continue  # "called Obama 'the worst president'": naming, not a phone call
            if rule.pos == "verb" and not (rule.objects or rule.particle) and other_sense(tok, lex):
                continue  # "was admitted to hospital", "police were called to the scene"
            found.append(Trigger(tok, rule, consumed, event=rule.event, mode=rule.mode))
    found.extend(denial_claims(ctx, {t.token.i for t in found}))
    found.extend(judgement_claims(ctx, {t.token.i for t in found}))
    found.extend(quoted_judgements(ctx, {t.token.i for t in found}))
    found.extend(threat_claims(ctx, {t.token.i for t in found}))
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
                                     for o in (*tok.children, *bare_clause_subjects(tok), *(
                                         g for p in tok.children if p.dep_ == "prep" and p.lower_ in rule.target_preps
                                         for g in p.children if g.dep_ == "pobj"))   # ("arrived in Haiti")
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
    if tok.dep_ == "nsubj" and lemma1(tok.head, lex) in ctx.sets["speech_verbs"] and word not in lex.authority_acts:
        # a document that speaks: "a Defence Ministry release said" (an investigation or an
        # indictment that says something is still the authorities' act)
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
    sentence model's own readings alike)."""
    return lemma1(tok, lex) in lex.sets["passive_other_verbs"] and passive_doerless(tok)


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
    for o in objects(tok) + [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]:
        if o.dep_ == "pobj" and o.head.lower_ not in preps and o.head.head == tok:
            continue   # "detained 18 people following a fire": a time, not what is fought
        lm = lemma1(o, ctx.lex)     # (the cue nouns are inflected: "initiatives", "posts")
        if o.i in own or particle and o.lower_ == particle or (lm in ctx.sets["armed_objects"] and (
                armed_doer(ctx, tok) or any(c.dep_ in ("compound", "poss", "amod") and has_code(ctx, c)
                                            or c.dep_ == "compound" and armed(ctx, c) for c in o.children))):
            continue   # (an actor's or an army's targets are no figure: "Israel strikes Hezbollah targets",
            #           "an army post"; "the Chinese market" and "key Obama initiatives" are)
        if o.lower_ in fig or lm in fig or (lemmas(o, ctx.lex) | compound_texts(o, ctx.lex)) & fig \
                or f"{lemma1(tok, ctx.lex)} {o.lower_}" in fig:
            return True   # (a verb and its object as one figure: "killed it on stage", "the opening shot")
    return False


def govern(ctx: SentenceContext, triggers: list[Trigger]) -> list[Trigger]:
    """Fold triggers into the trigger or intent word that governs them (innermost first)."""
    lex, sets = ctx.lex, ctx.sets
    by_index = {t.token.i: t for t in triggers}
    intent_words = sets["intent_verbs"] | sets["intent_adjectives"]
    conflict = sets["conflictual_events"]
    absorbed: set[int] = set()
    into: dict[int, Trigger] = {}
    # innermost first, so chains fold bottom-up
    for t in sorted(triggers, key=lambda t: -depth(t.token)):
        node, written = t.token, False
        for _ in range(4):
            dep, head = node.dep_, node.head
            written = written or (dep == "acl" and node.tag_ == "VBG" and lemma1(head, lex) in sets["document_nouns"])
            if dep == "conj" and node.tag_.startswith("VB") and head.dep_ == "xcomp" and head.i not in by_index:
                node = head   # "vowed to slash spending and close the bank": the vow's second verb
                continue
            purpose = dep == "advcl" and infinitive(node)
            if head == node or (dep not in GOVERNED and not purpose):
                break
            if dep == "pcomp" and node.tag_ == "VBG" and any(c.dep_ == "nsubj" and c.i < node.i for c in node.children):
                break   # "fired at protesters marching on parliament": the marchers' own act
            if dep == "prep" and lemma1(head, lex) in sets["answer_nouns"] \
                    and not any(c.lower_ in ("any", "every", "future") for c in t.token.children):
                break   # "bombed ... in retaliation for the Ankara attack": the act answered, no part of it
                #         ("a harsh response to any attack" stays the threat's)
            gov = by_index.get(head.i)
            hlemma = lemma1(head, lex)
            if dep == "nsubj" and (gov is None or gov.event != t.event or t.rule.pos != "noun"):
                break
            if gov is not None and head.i not in absorbed:
                if dep == "ccomp" and (hlemma not in lex.frame_verbs or gov.event == "REJECT" and node.i < head.i):
                    break   # (an accusation told before its denial stands: "X accused Y of Z, a charge Y denies")
                if gov.rule.judges:
                    break   # "called the meeting excellent": a judgement of the meeting, and the meeting
                if written and gov.event in sets["cooperative_events"]:
                    break   # "approved a resolution urging ...": the resolution's act is its adopters'
                fold(lex, gov, t)
                absorbed.add(t.token.i)
                into[t.token.i] = gov
                break
            if (hlemma in intent_words and (dep in ("xcomp", "acomp", "acl") or (  # "open to talks", "ready for talks"
                    dep == "prep" and node.lower_ in ("to", "for") and hlemma in sets["intent_adjectives"]))) \
                    or (dep == "dobj" and hlemma in sets["deliberation_verbs"] and weighed(t, node, lex)):
                t.modality = "intended"
                t.governor = head
                if t.event in sets["refusal_events"]:
                    pass   # "vowed to veto the bill": a refusal promised is a refusal, no cooperation
                elif t.event in sets["cooperative_events"] or (hlemma in sets["promise_words"] and t.event not in conflict):
                    t.event, t.mode = "AGREE", None
                elif t.event in conflict:
                    t.event, t.mode = "THREATEN", lex.threat_modes.get(t.event)
            if dep in ("ccomp", "dobj", "nsubjpass", "nsubj") and not (
                    dep == "dobj" and gov is None and hlemma in sets["light_verbs"] and head.dep_ == "xcomp"
                    and lemma1(head.head, lex) in intent_words):
                break   # ("ready to render the required assistance": through the light verb to the intent)
            node = head
    for t in sorted(triggers, key=lambda t: t.token.i):
        gov = into.get(t.token.head.i) if t.token.dep_ == "conj" and t.token.i not in absorbed else None
        if gov is not None and gov.event in sets["framing_events"]:
            # "accused of killing two co-workers and injuring a third": the second act is what
            # is alleged too
            gov.absorbed.append(t)
            absorbed.add(t.token.i)
            into[t.token.i] = gov
    for t in triggers:
        if t.event == "AGREE" and hostile_aim(t.token, lex, words=not t.absorbed):
            t.event, t.mode = "THREATEN", lex.threat_modes.get("ASSAULT")
    return [t for t in triggers if t.token.i not in absorbed]


def hostile_aim(tok, lex: Lexicon, words: bool = True) -> bool:
    """A promise of a hostile act that is no event word by itself (cues.yaml ``hostile_aims``;
    only with ``words``: when the promise governs no event word): "vowed to retaliate",
    "pledged to crush the uprising" are threats; or of undoing another's work (``undoing_verbs``,
    an event word or not): "vowed to dismantle Mr Obama's legacy"."""
    if lemma1(tok, lex) not in lex.sets["threat_promise_verbs"]:
        return False
    phrases = lex.sets["hostile_aim_phrases"]
    for c in tok.children:
        if c.dep_ not in ("xcomp", "ccomp") or not c.tag_.startswith("VB"):
            continue
        for v in (c, *(x for x in c.children if x.dep_ == "conj" and x.tag_.startswith("VB"))):
            lm = lemma1(v, lex)
            if words and (lm in lex.sets["hostile_aims"] or any(f"{lm} {w.lower_}" in phrases for w in v.subtree if w.i > v.i)):
                return True   # "vowed that those responsible would be found and brought to justice"
            if lm in lex.sets["undoing_verbs"] and any(
                    any(p.dep_ == "poss" and p.tag_ in ("NNP", "NNPS", "NN", "NNS") for p in x.children)
                    for o in v.children if o.dep_ == "dobj" for x in (o, *of_objects(o))):
                return True   # "vowed to dismantle (some of) Mr Obama's legacy": undoing another's work
    return False


def weighed(t: Trigger, noun, lex: Lexicon) -> bool:
    """An act noun weighed as one's own (the object of cues.yaml ``deliberation_verbs``): "is
    considering sanctions against", "weighing talks with"; of ``weighed_events`` only, with no
    definite article and no noun of another's proposal ("considering the proposal")."""
    sets = lex.sets
    return t.rule.pos == "noun" and t.event in sets["weighed_events"] \
        and not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in noun.children) \
        and not any(lm in sets["proposal_nouns"] or lm in sets["authored_nouns"] for lm in lemmas(noun, lex))


def reason(tok, gov, lex: Lexicon) -> bool:
    """Whether ``tok`` is the event word of a reason phrase under ``gov`` (cues.yaml
    ``reason_nouns``): "arrested 15 people in connection with the attack"."""
    node = tok
    for _ in range(4):
        if node.dep_ not in ("pobj", "prep") or node.head == gov:
            return False
        node = node.head
        if node.dep_ == "pobj" and node.lower_ in lex.sets["reason_nouns"]:
            return True
    return False


def fold(lex: Lexicon, gov: Trigger, inner: Trigger) -> None:
    """``inner`` is governed by the trigger ``gov``: ``gov`` takes the type the frame gives."""
    gov.absorbed.append(inner)
    glemma = lemma1(gov.token, lex)
    fevent = lex.frame_verbs.get(glemma)
    if fevent is None and gov.event in lex.sets["framing_events"]:
        fevent = gov.event
    if glemma in lex.sets["command_verbs"] and inner.token.head == gov.token and (
            (inner.rule.pos == "noun" and inner.token.dep_ == "dobj") or ordered_done(inner.token)):
        # "Netanyahu ordered massive attacks", "the court ordered the tanker's release", "the
        # judge ordered nine politicians jailed": the orderer's own act (an order to someone,
        # "ordered X to appear", stays a request)
        gov.event, gov.mode = inner.event, inner.mode
        return
    if (glemma in lex.sets["vehicle_verbs"] or gov.mode == "phone") and inner.token.head == gov.token \
            and inner.token.dep_ in ("advcl", "xcomp") and infinitive(inner.token) and gov.event != "ACCUSE":
        # "summoned the ambassador to complain", "will send a team to investigate", "phoned Morrison
        # to congratulate him": the act is what the sending or the call is for
        gov.event, gov.mode = inner.event, inner.mode
        return
    if inner.event == "PROTEST" and inner.token.dep_ == "advcl" and inner.token.head == gov.token \
            and infinitive(inner.token) and gov.event in lex.sets["protest_means_events"]:
        # "students occupied the campus to protest the war", "blocked the road to demonstrate":
        # the act is a protest's means
        gov.event, gov.mode = "PROTEST", inner.mode
        return
    if fevent == "REQUEST" and inner.event in lex.sets["punitive_events"] and inner.rule.pos == "noun" \
            and glemma in lex.sets["plea_verbs"] and any(
                c.dep_ == "prep" and c.lower_ in ("against", "on") for c in inner.token.children):
        # "called for sanctions against Moscow": a condemnation of Moscow, as PLV codes it
        gov.event, gov.mode = "ACCUSE", "disapprove"
    elif fevent in ("REJECT", "REQUEST"):
        gov.event = fevent
        gov.mode = gov.mode or lex.request_modes.get(inner.event)
    elif fevent == "AGREE" and inner.event in lex.sets["refusal_events"] and inner.token.dep_ == "xcomp":
        gov.event, gov.mode = inner.event, inner.mode   # "vowed to veto the bill": a refusal promised
        gov.modality = "intended"
    elif fevent == "AGREE":
        gov.event = "THREATEN" if inner.event in lex.sets["conflictual_events"] \
            and glemma in lex.sets["threat_promise_verbs"] else "AGREE"
        gov.modality = "intended"
    elif fevent == "THREATEN":
        gov.event = "THREATEN"
        gov.mode = gov.mode or lex.threat_modes.get(inner.event)
    elif fevent is None:
        # a light/other trigger governing a more specific one: the inner one carries the meaning
        # ("discussing the shooting" names a topic: cues topic_verbs keep their own reading)
        setting = (inner.token.dep_ == "pobj" and inner.token.head.lower_ in lex.sets["setting_preps"]) \
            or inner.token.left_edge.lower_ in lex.sets["setting_preps"] or reason(inner.token, gov.token, lex)
        # (the parse may lose the preposition into the noun's phrase: "executes man over 2022 protests")
        if inner.rule.specificity >= gov.rule.specificity and gov.rule.pos == "verb" and inner.rule.pos == "noun" \
                and glemma not in lex.sets["topic_verbs"] and not setting:
            # ("jailed during anti-government protests": the protests are the setting, not the act)
            gov.event, gov.mode = inner.event, inner.mode
        elif inner.rule.pos == "verb" and inner.token.dep_ in ("acl", "advcl", "xcomp") and infinitive(inner.token) \
                and glemma in lex.sets["launch_verbs"] \
                and any(lemma1(gov.token.doc[i], lex) in lex.sets["operation_nouns"] for i in gov.consumed):
            # "launched operations to detain 110 suspects": the operation is what it is for
            gov.event, gov.mode = inner.event, inner.mode
