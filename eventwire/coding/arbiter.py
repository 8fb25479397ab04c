"""The sentence model's word on the rules' readings: relabelling, dropping, and readings of its
own where no rule could read a trigger sentence (the fallback).

The thresholds belong to the model and are stored in its file
(:class:`~eventwire.coding.typemodel.TypeModel`: ``min_relabel``, ``min_fallback``, ...).
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..model import Mention
from .context import SentenceContext
from .conventions import conventions, mode_of
from .lexicon import Rule
from .mentions import mention
from .settings import SETTING
from .syntax import depth, existential, infinitive, lemma1, opening_participles, token_at
from .triggers import Trigger, loose_types, other_sense
from .typemodel import YIELD, TypeModel, sample

#: what an act not done or not yet done can be ("failed to reach agreement" is REJECT, "will
#: release the hostages" AGREE, "vowed to dismantle" THREATEN): the model may relabel such a
#: reading to one of them with no word of the type in the sentence
STANCE_TYPES = frozenset({"AGREE", "THREATEN", "REJECT"})


def fallback(ctx: SentenceContext, event_types: Sequence[str], confidence: float,
             loose: bool = True, generic: bool = False) -> Optional[Mention]:
    """A mention for a type the sentence model chose where no rule could read the sentence.

    It is anchored on a trigger word of that type whose rule's conditions failed ("declared
    a unilateral ceasefire", "will not end the strike"), the highest in the parse first; a
    noun lends the roles of the verb it depends on, unless that verb only reports speech.
    ``event_types``: the model's type, or the types its label stands for (YIELD);
    ``loose``: also anchor on words whose rules name objects that are not there ("made",
    "issued"), not only on words that report an act by themselves ("suspended");
    ``generic``: when no such word is there, anchor on the main verb (the clause reported by
    a verb of saying: "Hungary says it will not accept ..." anchors on "accept"), for a model
    sure enough of its type.
    """
    lex, doc = ctx.lex, ctx.doc
    forms = lex.trigger_forms
    speech = ctx.sets["speech_verbs"]
    cands = []
    for t in doc:
        if t.lower_ not in forms or t.tag_[:2] not in ("VB", "NN"):
            continue
        if other_sense(t, lex):
            continue    # "was admitted to hospital": no act, as for the rules
        hit = next((e for e in event_types if e in loose_types(t, lex, bare=not loose)), None)
        if hit and lemma1(t, lex) in speech and hit not in loose_types(t, lex, bare=True):
            continue    # a verb of saying whose rule's objects are not there ("announced a tenfold
            #             increase" is no announced sum): the generic reading takes its object
        if hit:
            cands.append((depth(t), not t.tag_.startswith("VB"), t.i, t, hit))
    cands.sort(key=lambda c: c[:3])
    main = ctx.root
    if main is not None and lemma1(main, lex) in speech:
        main = next((c for c in main.children if c.dep_ == "ccomp" and c.tag_.startswith("VB")), None)
    if main is not None and (lemma1(main, lex) in ctx.sets["state_verbs"] or other_sense(main, lex)):
        main = None     # "the pirates had a cache of arms", "Felt was bitter": a state, no act to anchor on
    if main is not None and main.tag_.startswith("VB") and main.lower_ in forms \
            and all(c[3] != main for c in cands) and loose_types(main, lex, bare=True):
        # the main verb is a trigger word of another type ("suspended publication" read as
        # COERCE): the sentence reports an act, the model names its type
        cands.append((0, False, main.i, main, event_types[0]))
    for _, _, _, anchor, event in cands:
        tok = node = anchor
        for _ in range(4):
            if tok.tag_.startswith("VB") or node.head == node:
                break
            node = node.head
            if node.tag_.startswith("VB"):
                if lemma1(node, lex) not in speech and not existential(node):
                    tok = node    # ("there were two explosions": the noun is the act's word)
                break
        # a noun reported by a verb of saying ("USAID announced a suspension of aid") takes
        # that verb's subject as its doer
        gov = node if tok == anchor and node != anchor and node.tag_.startswith("VB") else None
        m = model_reading(ctx, tok, anchor, event, gov, confidence)
        if m is not None:
            return m
    if not generic:
        return None
    anchor, gov = None, None
    there = [c for c in main.children if c.dep_ in ("attr", "nsubj") and c.tag_.startswith("NN")] \
        if main is not None and existential(main) else []
    if there:
        anchor = there[0]     # "there were two large explosions": the noun names the act
    elif main is not None and main.tag_.startswith("VB") and lemma1(main, lex) not in speech:
        anchor = main
    elif ctx.root is not None and ctx.root.tag_.startswith("VB"):
        # "Germany announced a sixfold increase in funding": the announced noun, with the
        # announcer as its doer
        anchor = next((c for c in ctx.root.children if c.dep_ == "dobj" and c.tag_.startswith("NN")), None)
        gov = ctx.root
    if anchor is None or any(c[3] == anchor for c in cands):
        return None
    m = model_reading(ctx, anchor, anchor, event_types[0], gov, confidence)
    if m is not None and m.event_type == "REJECT" and m.negated:
        m.negated = False    # "will not accept refugees": the refusal is the event
    return m


def model_reading(ctx: SentenceContext, tok, anchor, event: str, gov, confidence: float) -> Optional[Mention]:
    """The mention of the model's ``event`` on ``tok`` (the word ``anchor`` or the verb it
    lends its roles from), rule ``model.sentence``; a named victim will do as participant."""
    rule = Rule(id="model.sentence", event=event, pos="verb", head=anchor.lower_, confidence=confidence)
    return mention(ctx, Trigger(tok, rule, event=event, governor=gov), named_target=True)


#: dependents that head a clause of their own when they have their own subject
_CLAUSES = frozenset({"conj", "advcl", "relcl", "ccomp", "parataxis"})


def aims(ctx: SentenceContext, m: Mention) -> list:
    """The words of what a plea asks to be done (cues.yaml ``plea_verbs``), or of what a protest
    is for ("gathered to oppose the bill"): "called on the
    department to look at its procedures", "asked the judge to reduce the sentence": a
    description of the act wanted, no word of an act done.  "called Lavrov to discuss" is a
    telephone call (a plea by "call" has its "on" or "for"), and "called for an investigation"
    keeps its noun (PLV codes such calls ACCUSE)."""
    trig = token_at(ctx.doc, m.trigger_start - ctx.offset)
    if m.event_type == "PROTEST" and trig is not None:
        # "gathered outside parliament to oppose a finance bill": what a protest is for names its aim
        return [w for c in trig.children if c.dep_ in ("advcl", "xcomp") and infinitive(c) for w in c.subtree]
    if m.event_type != "REQUEST" or trig is None or lemma1(trig, ctx.lex) not in ctx.sets["plea_verbs"]:
        return []
    if lemma1(trig, ctx.lex) == "call" and not any(c.lower_ in ("on", "for", "upon") and c.i == trig.i + 1
                                                   for c in trig.children):
        return []
    return [w for c in trig.children if c.dep_ in ("xcomp", "ccomp") for w in c.subtree]


def clause_of(ctx: SentenceContext, m: Mention) -> list:
    """The words of a mention's clause: the sentence, less the clauses with their own subject
    (coordinated, adverbial, relative, complement) and the participle that opens the sentence, that
    do not hold the mention's trigger
    ("insisted the inquiry would find nothing, and many Democrats accused Comey"; "fired shots
    at the mechanic who was using a radio to alert police": other clauses, other acts); a
    trigger inside such a clause has that clause alone."""
    doc = ctx.doc
    trig = token_at(doc, m.trigger_start - ctx.offset)
    if trig is None:
        return list(doc)
    own = [t for t in doc if t.dep_ in _CLAUSES and t.tag_.startswith("VB")
           and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
    # ... and a participle set before the clause, which sets its scene ("Speaking after talks with
    # his Egyptian counterpart, the minister called for a halt")
    own += [t for t in opening_participles(doc) if t.right_edge.i + 1 < trig.i]
    words = set(doc)
    for c in own:
        sub = set(c.subtree)
        words = words & sub if trig in sub else words - sub
    return [t for t in doc if t in words]


class Arbiter:
    """Weighs the rules' readings of a sentence with the sentence model (shared, read-only)."""

    def __init__(self, model: TypeModel, lexicon) -> None:
        self.model = model
        self.lex = lexicon
        # rules that name their object ("imposed sanctions", "reached an agreement") are not relabelled
        self.specific_rules = frozenset(r.id for r in lexicon.rules if r.objects)
        # rules whose words name their act ("apologized"): never relabelled
        self.firm_rules = frozenset(r.id for r in lexicon.rules if r.firm)
        # rules that choose their type by whether a target is named ("fired a missile" MOBILIZE,
        # "fired a missile at a ship" ASSAULT): the model does not make a targetless one the other
        self.targeted_types = {r.id: r.if_target for r in lexicon.rules if r.if_target}

    def __call__(self, ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
        """:meth:`arbitrate`, then the PLOVER conventions on what it made; confidences then
        become probabilities through the model's calibration map, when it has one."""
        out = conventions(self.arbitrate(ctx, mentions), self.lex)
        cal = self.model.calibration
        if cal is not None:
            for m in out:
                m.confidence = cal(m.confidence)
        return out

    def worded(self, ctx: SentenceContext, types: Sequence[str], mention: Optional[Mention] = None) -> bool:
        """Whether a word of the sentence is a trigger of one of these types (its rule's
        objects aside). The model relabels a rule's reading only to a type the sentence has a
        word for: on news it otherwise reads the topic, not the act ("apologised if the fire
        was connected to ..." is no accusation). With ``mention``, the word must be in that
        mention's clause (:func:`clause_of`): a word of another coordinated clause reports an
        act of its own ("insisted the inquiry would find nothing, and many accused Comey"),
        and a noun's compound modifier names a kind, no act ("assault rifles", "riot police"),
        and the object of a preposition of cause or time names the setting (cues.yaml
        ``setting_preps``: "executed a man over the protests" is no protest)."""
        if mention is None:
            return any(e in types for t in ctx.doc for e in loose_types(t, self.lex))
        asked = set(aims(ctx, mention))
        setting = ctx.sets["setting_preps"]
        return any(e in types for t in clause_of(ctx, mention) if t not in asked for e in loose_types(t, self.lex)
                   if not (t.dep_ == "compound" and t.head.tag_.startswith("NN"))
                   and not (t.dep_ == "pobj" and t.head.lower_ in setting))

    def arrest(self, m: Mention) -> bool:
        """Whether a reading is a capture of people by anyone but an armed group outside the
        state, or a seizure by the police or the courts (cues ``capture_modes``,
        ``irregular_force_sectors``, ``confiscating_sectors``): an arrest or a confiscation,
        COERCE, which the model does not relabel by the sentence's topic ("the navy captured 23
        pirates", "cops took her into custody", "police seized weapons" are no attacks; "pirates
        seized the crew" is an abduction, ASSAULT).  An arrest rule's target is people; a
        seizure's only when the target is a person noun ("12 Yemeni nationals") or an armed
        group's ("seized 26 pirates"), not a building ("occupied the County Headquarters"):
        an army's seizure of a town or a tanker is ASSAULT in PLV."""
        sets = self.lex.sets
        irregular = sets["irregular_force_sectors"]
        if m.event_type != "COERCE" or m.mode not in sets["capture_modes"] or any(a.sector in irregular for a in m.source):
            return False
        if m.mode == "arrest":
            return bool(m.target)
        return any(a.sector in irregular or (a.text.split() or [""])[-1].lower() in sets["victim_nouns"] for a in m.target) \
            or any(a.sector in sets["confiscating_sectors"] for a in m.source)

    def arbitrate(self, ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
        """The most confident mention is relabelled when the model is sure of another type and
        gives the rules' type little weight; confidences blend rule prior and model; a sentence
        with a trigger word but no rule reading gets one on its main verb when the model is sure.
        """
        tm = self.model
        probs = tm.proba(sample(ctx.doc, mentions, self.lex, ctx.text))
        p_none = tm.p_none(probs)
        label, p = tm.best_event(probs)
        etype = tm.to_event_type(label, mentions)
        if not mentions:
            # a reading of the main verb, only where the pre-filter's conditions hold (a trigger
            # word; mention() then needs a dictionary actor), so pre-filtering loses nothing;
            # never where the model reads the sentence as reporting no event
            if p >= tm.min_fallback and p_none < tm.max_none_fallback and self.lex.has_trigger(ctx.text):
                # YIELD stands for RETREAT or CONCEDE: the reading to_event_type chose first
                types = (etype, *(t for t in YIELD if t != etype)) if label == "YIELD" else (etype,)
                m = fallback(ctx, types, confidence=round(p * 0.8, 3),
                             loose=p >= tm.min_fallback_loose, generic=p >= tm.min_fallback_generic)
                return [m] if m else []
            return []
        specific = any(m.rules and m.rules[0] in self.specific_rules for m in mentions)
        if p_none >= (tm.min_drop_specific if specific else tm.min_drop):
            return []     # the rules fired on words, the model is sure no event is reported
        for m in mentions:
            m.confidence = round(0.5 * m.confidence + 0.5 * tm.p_of(probs, m.event_type), 3)
        top = max(mentions, key=lambda m: m.confidence)
        # a rule that names its object ("imposed sanctions") needs a surer model to be overruled
        bar = tm.min_relabel_specific if top.rules[0] in self.specific_rules else tm.min_relabel
        p_rule = tm.p_of(probs, top.event_type)
        if top.modality == "intended" and etype in self.lex.sets["future_as_agree"]:
            return mentions   # "ready to help", "offered aid": an intended cooperative act is AGREE, whatever the model
        if top.rules[0].endswith(SETTING):
            return mentions   # a meeting named as a setting: the model reads the clause's act, not the noun
        if self.arrest(top) or top.rules[0] in self.firm_rules or (
                not top.target and self.targeted_types.get(top.rules[0]) == etype):
            return mentions
        if etype != top.event_type and p >= bar and p - p_rule >= tm.margin and p >= tm.min_ratio * p_rule \
                and (self.worded(ctx, YIELD if label == "YIELD" else (etype,), top)
                     or (etype in STANCE_TYPES and (top.negated or top.modality != "asserted"))):
            same = [m for m in mentions if m.event_type == etype]
            if same:
                same[0].confidence = max(same[0].confidence, round(p, 3))
            else:
                if top.negated and etype == "REJECT":
                    top.negated = False   # "did not respond to their requests" read as a refusal: it happened
                top.event_type = etype
                top.mode = mode_of(ctx, etype, top.trigger_start - ctx.offset)
                top.rules.append("model.sentence")
                top.confidence = round(p * 0.9, 3)
        return mentions
