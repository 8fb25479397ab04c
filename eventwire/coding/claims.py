"""Events made by saying: a verb of saying whose clause denies ("insisted it had done nothing
wrong": REJECT) or judges an actor ("said Clinton was corrupt": ACCUSE; "said the speech was
magnanimous": SUPPORT), a quote that judges an actor with no verb of saying in it, and a
deadline given to an actor ("gave Russia until Friday to release him": THREATEN).  Each
gives a :class:`~.lexicon.Trigger` on the verb (or the copula) with its target already known.
The word lists are cues (``data/cues.yaml``: ``denial_speech_verbs``, ``denial_phrases``,
``pejorative_words``, ``praise_words``, ``bare_blame_words``, ``failure_verbs``, ``critic_nouns``).
"""
from __future__ import annotations

from dataclasses import replace

from .context import SentenceContext
from .lexicon import Rule, Trigger
from .participants import actorish, actors_of, person
from .syntax import compound_texts, lemma1, lemmas

#: the rule of a denial made by saying (:func:`denial_claims`)
DENIAL_RULE = Rule(id="reject.denial_claim", event="REJECT", pos="verb", head="say", confidence=0.55)


def denial_claims(ctx: SentenceContext, taken: set[int], match=None) -> list[Trigger]:
    """Verbs of saying whose clause denies ("insisted it had done nothing wrong", "said the
    report was false"): REJECT by the speaker (cues.yaml ``denial_speech_verbs``,
    ``denial_phrases``); with ``match`` (the rule matcher of :mod:`.triggers`), also a verb of
    insisting whose clause says a hostile act was not done.  Not on a word that is already a
    trigger."""
    pattern = ctx.lex.denial_pattern
    if pattern is None:
        return []
    out: dict[int, Trigger] = {}
    clearing = ctx.lex.clearing_pattern
    for tok, c in said_clauses(ctx, taken):
        if tok.i in out:
            continue
        said = ctx.doc[c.left_edge.i:c.right_edge.i + 1].text
        if not pattern.search(said):
            if match is not None and _insisted_not_done(ctx, tok, c, match):
                # "the minister insisted that the army had not targeted civilians": a denial of
                # the act, which is no act of its own (its word is consumed)
                out[tok.i] = Trigger(tok, DENIAL_RULE, {c.i}, event="REJECT", mode=DENIAL_RULE.mode)
            continue
        cleared = _cleared(ctx, tok, c) if clearing is not None and clearing.search(said) else []
        if cleared:
            # "prosecutors announced that the senator had no case to answer": the authority clears them
            out[tok.i] = Trigger(tok, CLEARED_RULE, event="ACCUSE", mode=CLEARED_RULE.mode, targets=cleared)
        else:
            out[tok.i] = Trigger(tok, DENIAL_RULE, event="REJECT", mode=DENIAL_RULE.mode)
    return list(out.values())


def _insisted_not_done(ctx: SentenceContext, verb, clause, match) -> bool:
    """A verb of insisting (cues.yaml ``insisting_verbs``) whose clause says a hostile act
    (``conflictual_events``, or an accusation: ``match`` is the trigger finder's rule matcher)
    was not done."""
    if lemma1(verb, ctx.lex) not in ctx.sets["insisting_verbs"]:
        return False
    if not any(x.dep_ == "neg" or x.lower_ == "never" for x in clause.children):
        return False
    m = match(clause, ctx.lex)
    return m is not None and (m[0].event in ctx.sets["conflictual_events"] or m[0].event == "ACCUSE")


#: the rule of a clearing said by an authority (:func:`denial_claims`): a negated ACCUSE
CLEARED_RULE = Rule(id="accuse.cleared_claim", event="ACCUSE", pos="verb", head="say", mode="investigate",
                    negates=True, confidence=0.55)


def _cleared(ctx: SentenceContext, verb, clause) -> list:
    """The actors an authority (a speaker of cues.yaml ``teller_sectors``) says are clear of
    blame: the subject of the clause, when it is an actor other than the speaker."""
    said_by = [a for x in verb.children if x.dep_ in ("nsubj", "nsubjpass") for a in actors_of(ctx, x)]
    if not said_by or not all(a.sector in ctx.sets["teller_sectors"] for a in said_by):
        return []
    return [x for x in clause.children if x.dep_ in ("nsubj", "nsubjpass") and (actorish(ctx, x) or person(ctx, x))
            and x.lower_ not in ctx.sets["pronouns"]]


def said_clauses(ctx: SentenceContext, taken: set[int]):
    """(verb of saying, the clause it reports) of the sentence (cues.yaml ``denial_speech_verbs``),
    on verbs that are not already triggers."""
    verbs = ctx.sets["denial_speech_verbs"]
    for tok in ctx.doc:
        if tok.i in taken or not tok.tag_.startswith("VB") or lemma1(tok, ctx.lex) not in verbs:
            continue
        for c in tok.children:
            if c.dep_ == "ccomp":
                yield tok, c
            elif c.dep_ == "prep" and c.lower_ == "in":
                # "said in a report that Russian forces had committed war crimes": the document's
                # content clause
                for g in c.children:
                    if g.dep_ == "pobj" and lemma1(g, ctx.lex) in ctx.sets["document_nouns"]:
                        yield from ((tok, a) for a in g.children if a.dep_ == "acl" and any(
                            m.dep_ == "mark" and m.lower_ == "that" for m in a.children))


#: the rules of a judgement made by saying (:func:`judgement_claims`): words of cues.yaml
#: ``pejorative_words`` condemn, words of ``praise_words`` praise
ACCUSE_CLAIM = Rule(id="accuse.claim", event="ACCUSE", pos="verb", head="say", mode="disapprove", confidence=0.5)
CLAIM_RULES = (("pejorative_words", ACCUSE_CLAIM),
               ("praise_words", Rule(id="support.claim", event="SUPPORT", pos="verb", head="say", confidence=0.5)))


def judgement_claims(ctx: SentenceContext, taken: set[int]) -> list[Trigger]:
    """Verbs of saying whose clause judges an actor: "said Clinton was corrupt", "tweeted that
    the president's plan was reckless" (ACCUSE), "said Trump's victory speech was magnanimous"
    (SUPPORT); by the speaker, with the clause's subject (or its owner: "the president's plan")
    as target (cues.yaml ``denial_speech_verbs``, ``pejorative_words``, ``praise_words``; a
    failure said of an actor condemns it too: ``failure_verbs``; so does what critics say:
    ``critic_nouns``).  Not
    on a word that is already a trigger, and only where the judged is an actor: "said the
    weather was a disaster" is no event."""
    out: dict[int, Trigger] = {}
    for tok, c in said_clauses(ctx, taken):
        if tok.i in out:
            continue
        bare = ctx.sets["bare_blame_words"]
        rule = next((r for key, r in CLAIM_RULES if any(_judges(w, ctx.sets[key], bare) for w in c.subtree)), None)
        if rule is None and lemma1(c, ctx.lex) in ctx.sets["failure_verbs"] and not any(
                x.dep_ == "neg" or (x.dep_ == "xcomp" and x.i in taken) for x in c.children):
            # (a failed act that is coded itself is told, not blamed: "negotiators failed to agree
            # on an exchange, a source said" is the agreement negated)
            rule = ACCUSE_CLAIM    # "said the government has again failed to protect its citizens"
        speakers = [x for x in tok.children if x.dep_ == "nsubj" and lemma1(x, ctx.lex) in ctx.sets["critic_nouns"]]
        if rule is None and speakers:
            rule = ACCUSE_CLAIM    # "critics say he has used the uprising as an excuse"
        if rule is None:
            continue
        subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
        if speakers and all(x.lower_ in ctx.sets["pronouns"] for x in subj):
            # "Mr Erdogan's critics say he ...": whom the critics criticise
            subj = [m for sp in speakers for m in sp.children if m.dep_ in ("poss", "compound") and actorish(ctx, m)]
        who = [x for x in subj if actorish(ctx, x)] or \
              [p for x in subj for p in x.children if p.dep_ == "poss" and actorish(ctx, p)] or \
              [g for x in subj for p in x.children if p.dep_ == "prep" and p.lower_ == "by"
               for g in p.children if g.dep_ == "pobj" and actorish(ctx, g)]   # "an announcement by the FBI"
        if who:
            # the judging words are the claim's, no acts of their own ("said Iran was a threat")
            said_words = {w.i for key, r in CLAIM_RULES if r is rule for w in c.subtree if _judges(w, ctx.sets[key], bare)}
            out[tok.i] = Trigger(tok, rule, said_words, event=rule.event, mode=rule.mode, targets=who)
    return list(out.values())


#: the rule of a threat made by saying what someone will pay or face (:func:`threat_claims`)
THREAT_CLAIM = Rule(id="threaten.claim", event="THREATEN", pos="verb", head="say", mode="violence", confidence=0.55)


def threat_claims(ctx: SentenceContext, taken: set[int]) -> list[Trigger]:
    """Verbs of saying whose clause tells what an actor will pay or face (cues.yaml
    ``outcome_verbs``, ``threat_outcomes``): "the army chief said India would pay a heavy price
    for any aggression" is the speaker's threat to India.  A clause in the past ("said Iran had
    paid a price") tells, it does not threaten."""
    out = []
    sets = ctx.sets
    for tok, c in said_clauses(ctx, taken):
        if lemma1(c, ctx.lex) not in sets["outcome_verbs"] or not any(
                x.dep_ == "aux" and (x.lower_ in sets["future_words"] or x.lower_ == "would") for x in c.children):
            continue
        if not any(x.dep_ == "dobj" and threat_outcome(ctx, x) for x in c.children):
            continue
        who = [x for x in c.children if x.dep_ == "nsubj" and actorish(ctx, x)]
        if who:
            out.append(Trigger(tok, THREAT_CLAIM, event="THREATEN", mode=THREAT_CLAIM.mode, targets=who))
    return out


def threat_outcome(ctx: SentenceContext, tok) -> bool:
    """Whether a noun names what a threatened party will pay or face (cues.yaml
    ``threat_outcomes``: "severe consequences", "a heavy price"; "a higher price for fuel" is none)."""
    return bool((lemmas(tok, ctx.lex) | compound_texts(tok, ctx.lex)) & ctx.sets["threat_outcomes"])


#: the rules of a judgement inside a quote whose speaker the sentence does not name: those of
#: a judgement by saying (accuse.quoted, support.quoted), on the copula, with no source
QUOTED_RULES = tuple((key, replace(r, id=r.id.replace(".claim", ".quoted"), head="be", confidence=0.45, unsourced=True))
                     for key, r in CLAIM_RULES)
_OPENING_QUOTES = "\"\u201c\u2018'"


def quoted_judgements(ctx: SentenceContext, taken: set[int]) -> list[Trigger]:
    """A quoted sentence that judges an actor with no verb of saying in it ("\u201cHillary Clinton
    is guilty, she knows it ...\u201d"): ACCUSE (or SUPPORT) of the actor by the speaker, whom the
    sentence does not name (cues.yaml ``pejorative_words``, ``praise_words``)."""
    text = ctx.text.lstrip()
    if not text or text[0] not in _OPENING_QUOTES:
        return []
    speech = ctx.sets["denial_speech_verbs"] | ctx.sets["speech_verbs"]
    if any(t.tag_.startswith("VB") and lemma1(t, ctx.lex) in speech for t in ctx.doc):
        return []      # "\u201cX is corrupt,\u201d Y said": the speaker's judgement (judgement_claims)
    out = []
    for cop in ctx.doc:
        if cop.i in taken or cop.dep_ not in ("ROOT", "ccomp", "conj", "parataxis") or lemma1(cop, ctx.lex) != "be":
            continue
        said = [c for c in cop.children if c.dep_ in ("acomp", "attr")]
        rule = next((r for key, r in QUOTED_RULES if any(_judges(w, ctx.sets[key]) for c in said for w in c.subtree)),
                    None)
        who = [x for x in cop.children if x.dep_ == "nsubj" and x.tag_ in ("NNP", "NNPS") and actorish(ctx, x)]
        if rule is not None and who:
            out.append(Trigger(cop, rule, event=rule.event, mode=rule.mode, targets=who))
    return out


def _judges(tok, words: frozenset[str], bare: frozenset[str] = frozenset()) -> bool:
    """A word of judgement said of something: a predicate, an attribute or a modifier; a word of
    ``bare`` only as a bare predicate ("said the rebels were responsible", not "the persons
    responsible for the explosion" or "is responsible for setting policy")."""
    if tok.lower_ in bare and (tok.dep_ != "acomp" or any(c.dep_ == "prep" for c in tok.children)):
        return False
    two_words = tok.i > 0 and f"{tok.nbor(-1).lower_} {tok.lower_}" in words    # "to blame", "witch hunt"
    if tok.dep_ == "xcomp" and two_words and not any(c.dep_ == "neg" for c in (*tok.children, *tok.head.children)):
        return True    # "said Russia was to blame"
    if tok.dep_ not in ("acomp", "attr", "amod", "oprd", "ccomp", "conj", "appos", "dobj") or any(
            c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in (*tok.children, *tok.head.children)):
        return False   # "said she was not corrupt", "committed no criminal wrongdoing": no judgement
    return tok.lower_ in words or two_words


#: the rule of a deadline given to an actor (:func:`ultimatums`)
ULTIMATUM_RULE = Rule(id="threaten.deadline", event="THREATEN", pos="verb", head="give", confidence=0.6)


def ultimatums(ctx: SentenceContext, taken: set[int]) -> list[Trigger]:
    """A deadline given to an actor to do something ("gave Russia until Friday to release the
    journalist", "gave the junta 48 hours to step down": cues.yaml ``deadline_verbs``,
    ``deadline_units``): THREATEN by the giver, the actor its target; what it is told to do is
    the ultimatum's (consumed), no act of its own.  Not on a word that is already a trigger."""
    sets = ctx.sets
    out = []
    for tok in ctx.doc:
        if tok.i in taken or not tok.tag_.startswith("VB") or lemma1(tok, ctx.lex) not in sets["deadline_verbs"]:
            continue
        kids = list(tok.children)
        told = [c for c in kids if c.dep_ in ("dobj", "dative") and actorish(ctx, c)]
        until = any(c.dep_ == "prep" and c.lower_ in ("until", "till", "by") for c in kids)
        span = any(c.dep_ in ("dobj", "npadvmod") and c.lower_ in sets["deadline_units"] for c in kids)
        todo = [c for c in kids if c.dep_ in ("advcl", "xcomp", "relcl") and c.tag_ == "VB"
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        if not told or not (until or span) or not todo:
            continue
        out.append(Trigger(tok, ULTIMATUM_RULE, {w.i for c in todo for w in c.subtree}, event="THREATEN",
                           targets=told))
    return out
