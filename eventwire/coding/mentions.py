"""One trigger -> one :class:`~eventwire.model.Mention`: its roles, actors, flags, mode,
context and confidence, or None when no political participant takes part."""
from __future__ import annotations

from typing import Optional

from ..model import Actor, Mention
from .accidents import accidental, armed_vehicle, victims
from .claims import threat_outcome
from .context import SentenceContext
from .conventions import context, mode, reciprocal
from .flags import attribution, modality, negated
from .participants import (
    actorish,
    actors_of,
    antecedent,
    armed,
    crowd,
    fired_at_site,
    has_code,
    is_participant,
    person,
    political,
)
from .pronouns import stands_in
from .rolemodel import RULE_ID
from .roles import subjects, targets, targets_of
from .syntax import (
    PASS_SUBJ,
    active_form,
    coordinated,
    in_relative_clause,
    is_noun,
    lemma1,
    lemmas,
    misread_participle,
    np_bounds,
)
from .triggers import Trigger, match_rule

#: entry prefix of an unnamed authority as source ("implicit:COP"); the home country fills its code
IMPLICIT = "implicit:"


def authority(ctx: SentenceContext, t: Trigger) -> Optional[str]:
    """The sector of the authority that does ``t``'s act when none is named (cues.yaml
    ``authority_acts``): the trigger's lemma, an object it matched ("opened an investigation"),
    or a trigger it absorbed; None for other acts and for events of other types."""
    if t.event != "ACCUSE":
        return None
    acts = ctx.lex.authority_acts
    toks = [t.token, *(t.token.doc[i] for i in t.consumed), *(x.token for x in t.absorbed)]
    return next((acts[lm] for x in toks for lm in sorted(lemmas(x, ctx.lex)) if lm in acts), None)


def phrase_words(t: Trigger) -> set[int]:
    """Token indices of the modifiers a multiword rule phrase names: the words before a noun
    rule's head ("joint press" of "joint press conference"), and the compound modifiers of the
    objects a verb rule matched as a multiword object."""
    out: set[int] = set()
    for trig in (t, *t.absorbed):
        tok, rule = trig.token, trig.rule
        if rule.pos == "noun" and rule.rest:
            out.update(range(max(0, tok.i - len(rule.rest)), tok.i))
        for o in (tok.doc[i] for i in trig.consumed):
            mods = [c for c in o.children if c.dep_ in ("compound", "amod") and c.i < o.i]
            if mods and (o.lower_ in rule.objects or " ".join([*(c.lower_ for c in mods), o.lower_]) in rule.objects):
                out.update(c.i for c in mods)
    return out


def _named(actors: list[Actor]) -> list[Actor]:
    """The actors that are names or dictionary actors (not bare common nouns)."""
    return [a for a in actors if a.name or a.entry]


def violent_doer(ctx: SentenceContext, t: Trigger, src_toks: list) -> Optional[list[Actor]]:
    """The unnamed doer of an act of violence told with a personal pronoun or a person noun
    ("she began shooting", "he opened fire on the others", "a former employee opened fire at
    the party"), as an uncoded actor: the act is reported though who did it has no code
    (cues.yaml ``violent_doer_events``, ``doer_pronouns``)."""
    if t.event not in ctx.sets["violent_doer_events"] or not t.token.tag_.startswith("VB") \
            or len(src_toks) != 1 or any(c.dep_ == "auxpass" for c in t.token.children):
        return None
    x = src_toks[0]
    if x.lower_ in ctx.sets["doer_pronouns"]:
        return [Actor(text=x.text, char_start=ctx.offset + x.idx, char_end=ctx.offset + x.idx + len(x.text), score=0.0)]
    if x.i < ctx.dateline_end or not person(ctx, x) or not (t.token.tag_ in ("VB", "VBD", "VBZ", "VBP", "VBG")
                                                          or active_form(t.token)):
        return None   # "with 100 others wounded": a participle's noun underwent it
    start, end = np_bounds(x, ctx.lex)
    span = x.doc[start:end]
    return [Actor(text=span.text, char_start=ctx.offset + span.start_char, char_end=ctx.offset + span.end_char, score=0.0)]


def headline_passive(ctx: SentenceContext, t: Trigger) -> bool:
    """Whether the trigger is a headline's participle: "Kenyan journalist detained in Uganda",
    "Man charged with arson", "Three killed in Kabul bombing" (no final stop, a past form with
    a subject but no auxiliary and no object, an act that falls on someone: cues.yaml
    ``victim_events``, ``victim_legal_verbs``).  Its subject undergoes the act."""
    tok = t.token
    if not ctx.headline or tok.tag_ not in ("VBN", "VBD") or tok.dep_ != "ROOT":
        return False
    if not (t.event in ctx.sets["victim_events"] or lemma1(tok, ctx.lex) in ctx.sets["victim_legal_verbs"]):
        return False
    # "officers shot and killed a teenager": a coordinated verb's object is this one's too
    return not any(c.dep_ in ("aux", "auxpass", "dobj", "dative", "ccomp", "xcomp")
                   or (c.dep_ == "conj" and c.tag_.startswith("VB")) for c in tok.children)


def commerce(ctx: SentenceContext, event: str, source: list[Actor], target: list[Actor]) -> bool:
    """A deal, offer or refusal between businesses alone, or between a business and its
    customers (cues.yaml ``commerce_sectors``, ``commerce_codes``, ``commerce_events``,
    ``commerce_people``): no political event ("the board rejected a bid from a U.S. buyout
    firm", "consumers praised the company"); with a state, a body or a union on either side it
    is one.  A name the dictionaries do not know dealing with a business is taken for a business
    ("Qantas agreed a codeshare with a Japanese carrier")."""
    sets = ctx.sets
    actors = source + target
    people = sets["commerce_people"]

    def business(a: Actor) -> bool:
        return a.sector in sets["commerce_sectors"] or a.country in sets["commerce_codes"]

    def last_token(a: Actor):   # the head of the actor's phrase in the parse, or None
        if a.char_start is None or a.char_end is None:
            return None
        span = ctx.doc.char_span(a.char_start - ctx.offset, a.char_end - ctx.offset, alignment_mode="expand")
        return span[-1] if span is not None and len(span) else None

    def market(a: Actor) -> bool:   # a business, or its customers ("consumers praised the company")
        if business(a):
            return True
        head, tok = head_word(a), last_token(a)
        if tok is not None and not a.sector and (
                # a name the parser takes for an organisation's ("Qantas")
                (not a.entry and not a.country and tok.ent_type_ == "ORG")
                # where a business does it ("invest in a Mexican plant", "stores in Romania")
                or (tok.dep_ == "pobj" and tok.head.lower_ in sets["locative_preps"])):
            return True
        return (not a.entry or a.entry.startswith(("sector:", "country:"))) and (head in people or head.rstrip("s") in people)

    if event in sets["commerce_doer_events"] and (not source or any(head_word(a) in sets["victim_nouns"] for a in source)):
        return False    # "Tory Banks was arrested", "a company employee shot two women": only a business's own act
    return event in sets["commerce_events"] and any(business(a) for a in actors) \
        and all(market(a) and a.country not in sets["public_body_codes"] for a in actors)


def generic_only(ctx: SentenceContext, t: Trigger, actors: list[Actor]) -> bool:
    """A verbal act between people in general ("people are trying to shame women", "people have
    been asked to avoid the area"): every participant is one of cues.yaml ``generic_people``
    with no country, in an act of ``generic_people_events``; violence, arrests, protest, aid and
    pleas by or for them stay events ("providing food to 300,000 people", "people seeking refuge"),
    unless the only other side is someone the dictionary does not know (``private_plea_events``:
    "Mr Gaskin urged people not to go unprepared")."""
    sets = ctx.sets
    if not actors or "legal" in (t.rule.context or ()):
        return False
    generic = [a for a in actors if not a.country and head_word(a) in sets["generic_people"]]
    if t.event in sets["generic_people_events"]:
        return len(generic) == len(actors)
    # an unknown person's plea or help to people in general (cues.yaml private_plea_events)
    return t.event in sets["private_plea_events"] and 0 < len(generic) < len(actors) and all(
        a in generic or not (a.country or a.sector or a.entry) for a in actors)


def head_word(a: Actor) -> str:
    """The last word before any "of"-phrase of an actor's text, lower case ("family members of
    nine women": "members")."""
    words = (a.text or "").lower().split(" of ")[0].split()
    return words[-1] if words else ""


def each_other(tok) -> bool:
    """The act is done by its sides to each other ("blamed each other", "accused one another")."""
    pairs = {("other", "each"), ("another", "one"), ("one", "another")}
    return any((x.lower_, d.lower_) in pairs for c in tok.children if c.dep_ in ("dobj", "prep")
               for x in c.subtree for d in x.children)


def inanimate(ctx: SentenceContext, tok) -> bool:
    """A thing, not an actor (cues.yaml ``inanimate_subjects``): "the earthquake", "falling
    branches", a storm's name ("Cyclone Rema", "Typhoon Marlo"); not an acronym ("ICE")."""
    words = ctx.sets["inanimate_subjects"]
    if tok.text.isupper() and len(tok.text) > 1:
        return False
    if armed_vehicle(ctx, tok):
        return False   # "a car packed with explosives": a weapon, its user unnamed
    if lemma1(tok, ctx.lex) in ctx.sets["gunfire_words"] and any(
            c.dep_ in ("amod", "compound", "poss") and (has_code(ctx, c) or armed(ctx, c)) for c in tok.children):
        return False   # "killed by Israeli fire", "army shelling": the shooter's act
    if lemma1(tok, ctx.lex) in words:
        return True
    return tok.tag_ in ("NNP", "NNPS") and any(c.dep_ == "compound" and c.i == tok.i - 1 and lemma1(c, ctx.lex) in words
                                                for c in tok.children)


def thing_did(ctx: SentenceContext, tok) -> bool:
    """The clause a participle continues has a thing as its subject ("the typhoon battered the
    coast, tearing roofs and killing 12": the killing is the typhoon's)."""
    if tok.dep_ not in ("conj", "advcl", "xcomp") or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    for node in list(tok.ancestors)[:4]:    # (the parse may hang the participle on a noun)
        subj = [c for c in node.children if c.dep_ == "nsubj"] if node.tag_.startswith("VB") else []
        if subj:
            return all(inanimate(ctx, x) for x in subj)
    return False


def measure_doer(ctx: SentenceContext, t: Trigger):
    """The event type of the punitive measure that is the doer of a verb of blow (cues.yaml
    ``blow_verbs``, ``blow_measures``): "Russian banks were hit by new US sanctions", "tariffs
    imposed by Washington hit Chinese exporters" report the measure, not an attack; or None."""
    if t.event not in ctx.sets["accident_events"] or lemma1(t.token, ctx.lex) not in ctx.sets["blow_verbs"]:
        return None
    tok = t.token
    doers = [c for c in tok.children if c.dep_ == "nsubj"] or [
        g for a in tok.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    kinds = {x: ctx.lex.blow_measures.get(lemma1(x, ctx.lex)) for x in doers}
    found = {k for k in kinds.values() if k}
    if len(found) != 1 or any(k is None and actorish(ctx, x) for x, k in kinds.items()):
        return None
    return found.pop()


def inanimate_antecedent(ctx: SentenceContext, tok) -> bool:
    """Whether a relative clause's noun is the place or time of a thing that does such acts
    ("an earthquake on a Gulf island that killed 10 people", "the fire at the plant which
    injured four"): the parse hangs the clause on the nearer noun, the doer is the thing."""
    if tok.dep_ != "relcl":
        return False
    noun = tok.head
    for _ in range(2):
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            return False
        noun = noun.head.head
        if not noun.tag_.startswith("NN"):
            return False
        if lemma1(noun, ctx.lex) in ctx.sets["inanimate_subjects"]:
            return True
    return False


def forecast(ctx: SentenceContext, t: Trigger) -> bool:
    """A warning to no one in particular whose that-clause names no act of any rule, no refusal
    and no doer of the warner's side (cues.yaml ``forecast_verbs``): "warned the death toll may
    well increase"."""
    if t.absorbed or lemma1(t.token, ctx.lex) not in ctx.sets["forecast_verbs"]:
        return False
    sets = ctx.sets
    clauses = [c for c in t.token.children if c.dep_ == "ccomp" and c.tag_.startswith("VB")]
    if not clauses or any(c.dep_ in ("dobj", "dative") and actorish(ctx, c) for c in t.token.children):
        return False   # a warning to someone: "warned the German government that ..."
    warners = subjects(ctx, t.token)[0]
    side = {a.country for x in warners for a in actors_of(ctx, x) if a.country}
    for c in clauses:
        if lemma1(c, ctx.lex) in sets["threat_response_verbs"] | sets["hostile_aims"]:
            return False
        for s in (x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")):
            if s.lower_ in sets["own_side_words"] or any(p.dep_ == "poss" and p.lower_ in sets["own_side_words"]
                                                         for p in s.children):
                return False   # "warned that his government would expel him"
            if side & {a.country for a in actors_of(ctx, s)}:
                return False   # the US ambassador "warned that Washington would consider ..."
            if s.lower_ in sets["anaphora"] and len(warners) == 1 and any(
                    x.dep_ == "aux" and (x.lower_ in sets["future_words"] or x.lower_ == "would") for x in c.children) \
                    and antecedent(ctx, c) in warners:
                return False   # "Beijing warned that it would take resolute measures" ("it could affect": a forecast)
            others = {a.country for a in actors_of(ctx, s) if a.country} if actorish(ctx, s) else set()
            if side and others and not others & side and not any(
                    w.dep_ == "dobj" and threat_outcome(ctx, w) for w in _core(c)):
                return True    # "warning that Russia was preparing a new offensive": what another side does
        if any(w.dep_ == "neg" or w.lower_ in sets["negation_words"] or match_rule(w, ctx.lex)
               or (w.dep_ == "dobj" and threat_outcome(ctx, w)) for w in _core(c)):
            return False   # "warned that Moscow would face severe consequences": a threat
    return True


#: the rule id of a state's protest, made an accusation (:func:`mention`)
OFFICIAL_PROTEST = "accuse.official"
def state_protest(ctx: SentenceContext, t: Trigger, source: list[Actor]) -> bool:
    """The word "protest" said of states only, by name or by capital ("protests from Pristina",
    "Japan's protest over the buoy", "Japan protests the survey ship"): a diplomatic protest.  A
    verb needs its object; a noun under a verb of occurrence is the people's (cues.yaml
    ``occurrence_verbs``: "Italy and Spain have had protests of their own")."""
    if t.event != "PROTEST" or lemma1(t.token, ctx.lex) != "protest" or not source:
        return False
    if not (any(c.dep_ == "dobj" for c in t.token.children) if t.rule.pos == "verb"
            else lemma1(t.token.head, ctx.lex) not in ctx.sets["occurrence_verbs"]):
        return False
    return all((a.entry or "").startswith("country:") and (a.sector == "GOV" or (a.sector is None and a.text == a.name))
               for a in source)


#: the rule id of an attack in words (:func:`spoken_attack`)
SPOKEN_RULE = "accuse.spoken"


def spoken_attack(ctx: SentenceContext, t: Trigger, source: list[Actor], tgt_toks: list, target: list[Actor]) -> bool:
    """An attack in words: a politician's "attack" on a person ("Mr Trump attacked Mrs Clinton",
    "the president clashed with the speaker"): a verb of cues.yaml ``verbal_attack_verbs``, a
    source of known people of ``political_sectors``, and a person, a personal pronoun or a
    person noun as the target ("Putin attacked Ukraine" stays an attack)."""
    sets = ctx.sets
    if lemma1(t.token, ctx.lex) not in sets["verbal_attack_verbs"] or not source:
        return False
    if not all((a.entry or "").startswith("person:") and a.sector in sets["political_sectors"] for a in source):
        return False
    if target:   # known people, or names the dictionary does not know ("Ryan")
        return all((a.entry or "").startswith("person:") or (not a.entry and a.text[:1].isupper()) for a in target)
    objs = [c for c in t.token.children if c.dep_ == "dobj"]
    return bool(objs) and all(x.lower_ in sets["victim_pronouns"] for x in objs)   # "attacked them"


def press_inquiry(ctx: SentenceContext, t: Trigger) -> bool:
    """A reporter's request ("did not respond to a request for comment", "a request for comment
    was not returned"): the request noun, or the noun the trigger answers, is "for" one of
    cues.yaml ``press_inquiries`` ("apologize for comments" is no request).  PLV codes a refusal
    of interviews as REJECT, so interviews are not among them."""
    words = ctx.sets["press_inquiries"]
    nouns = [t.token, *(i.token for i in t.absorbed)]
    nouns += [g for x in list(nouns) for c in x.children if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "to")
              for g in ([c] if c.dep_ == "dobj" else [x for x in c.children if x.dep_ == "pobj"])]
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(g.dep_ == "pobj" and g.lower_ in words for g in c.children)
               for x in nouns if is_noun(x) for c in x.children)


def _core(tok) -> list:
    """A clause's verbs, their objects and negations, without its adverbial phrases ("the crisis
    could spread despite the rescue package's efforts": "rescue" is no act foretold)."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ in ("xcomp", "ccomp", "conj", "dobj", "attr", "acomp",
                                                          "prt", "neg", "aux", "auxpass", "nsubj", "nsubjpass"))
    return out


def mention(ctx: SentenceContext, t: Trigger, named_target: bool = False) -> Optional[Mention]:
    """Roles and flags of one trigger; None without a political participant: one must be in
    the actor dictionary, or the doer must be named ("Dhurata Ali", "the Hirak movement") or a
    collective ("protesters") in a sentence that names a dictionary actor somewhere (an
    exchange between unknown names alone is not political event data: "Verstappen passed
    Raikkonen").  The pipeline's pre-filter tests the sentence condition, cheaply, before parsing."""
    lex, sets, offset = ctx.lex, ctx.sets, ctx.offset
    src_toks, pass_targets = ([], []) if t.rule.unsourced else subjects(ctx, t.token)
    if src_toks and headline_passive(ctx, t):
        src_toks, pass_targets = [], src_toks    # "Kenyan journalist detained in Uganda"
    if not src_toks and t.governor is not None:
        src_toks, _ = subjects(ctx, t.governor)
        node = t.governor
        for _ in range(3):
            if src_toks or not is_noun(node) or node.dep_ not in ("pobj", "dobj", "prep", "attr", "appos"):
                break
            node = node.head if node.dep_ != "pobj" else node.head.head
            if node.tag_.startswith("VB"):
                src_toks, _ = subjects(ctx, node)
    if t.rule.recipient_subject:
        # "Obama received support from environmentalists": the giver is the source
        givers = [g for h in (t.token, *(c for c in t.token.children if c.dep_ == "dobj"), *(t.token.doc[i] for i in t.consumed))
                  for p in h.children if p.dep_ in ("prep", "agent") and p.lower_ in ("from", "of", "by")
                  for g in p.children if g.dep_ == "pobj" and (actorish(ctx, g) or person(ctx, g))]
        # (no giver in "faces two counts of fraud": the charge)
        src_toks, pass_targets = givers[:1], pass_targets or src_toks
    exclude = {x.i for x in src_toks}
    tgt_toks = pass_targets or [x for x in t.targets if x.i not in exclude] or targets(ctx, t, exclude)
    node = t.token
    for _ in range(3):   # "sent a letter to X, ... offering cooperation": X is the target
        if tgt_toks or node.dep_ not in ("advcl", "conj", "xcomp") or not node.head.tag_.startswith("VB"):
            break
        if lemma1(node.head, lex) in sets["speech_verbs"] and (
                node.i < node.head.i or any(c.dep_ == "mark" for c in node.children)):
            break   # who is told is no target of what is quoted before it or of a clause of time
            #         ("'... to review the emails,' Comey wrote to Congress"; "told parliament as he condemned")
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) or misread_participle(node.head):
            break   # a clause with its own subject is its own act ("fled to India as protesters stormed her home"),
            #         and a participle misread as the verb names no target ("Gunmen linked to the Islamic State attacked")
        node = node.head
        tgt_toks = targets_of(ctx, node, frozenset(("to", "with")), exclude)
    tgt_toks = [x for x in tgt_toks if x.i not in exclude]
    # the words of the trigger's own phrase are no participants ("press" of "held a joint press
    # conference", "police" of "police cordon" as a rule's multiword noun)
    phrase = phrase_words(t)
    if phrase:   # (a phrase word's own coded modifier stays: "Turkish" of "Turkish drone strikes")
        src_toks = [y for x in src_toks for y in ([x] if x.i not in phrase else [
            c for c in x.children if c.dep_ in ("amod", "compound", "poss") and c.i not in phrase and has_code(ctx, c)])]
        tgt_toks = [x for x in tgt_toks if x.i not in phrase]
    by_model = False
    rule_targeted = bool(tgt_toks)   # (a type that depends on a target takes only the rules' own)
    if ctx.roles is not None:   # the learned role model (coding.rolemodel) may revise the rules' roles
        src_toks, tgt_toks, by_model = ctx.roles.revise(ctx, t, src_toks, tgt_toks, named_target)
    if lemma1(t.token, lex) in sets["benefit_verbs"] and any(
            c.dep_ == "nsubj" and is_noun(c) and not actorish(ctx, c) and match_rule(c, lex) for c in t.token.children):
        return None   # "Comey's exoneration will help Clinton": an event helps, no one gives aid
    measure = measure_doer(ctx, t)
    if measure is not None:
        t.event, t.mode = measure, None   # "hit by new US sanctions": the sanctions' act
    elif src_toks and all(inanimate(ctx, x) for x in src_toks):
        return None   # the doer is a thing ("the earthquake killed", "the measures bar", "Cyclone Rema battered")
    if t.token.tag_ == "VBG" and t.token.dep_ in ("advcl", "conj", "xcomp") and not t.rule.recipient_subject \
            and lemma1(t.token, lex) in sets["result_verbs"] and not any(c.dep_ == "nsubj" for c in t.token.children):
        return None   # "met privately, raising new questions about his role": what the act caused
    if not src_toks and t.token.dep_ == "acl" and t.token.tag_ == "VBG" and inanimate(ctx, t.token.head):
        return None   # "the wall surrounding the consulate": a thing's, no act
    if not src_toks and t.event in sets["accident_events"] and thing_did(ctx, t.token):
        return None   # "Typhoon Marlo battered the Philippines, tearing roofs and killing 12"
    if t.event in sets["victim_events"] and any(c.dep_ == "dobj" and c.lower_ in sets["reflexive_pronouns"]
                                                for c in t.token.children):
        return None   # "hanged himself in his cell", "shot himself": no act on another
    if inanimate_antecedent(ctx, t.token):
        return None   # "survivors of an earthquake on the island that killed 10": the relative's doer is the quake
    if any(c.dep_ == "dobj" for c in t.token.children) and any(
            c.dep_ == "nsubj" and c.lower_ in sets["recording_nouns"] for c in t.token.children):
        return None   # a recording's subject: "the tapes captured Haldeman telling Nixon"
    if t.rule.needs_doer and not any(actorish(ctx, x) for x in src_toks):
        return None   # "workers were forced to hide": circumstance, no one's act
    if forecast(ctx, t):
        return None   # "warned that the crisis could spread": a forecast, no threat
    if press_inquiry(ctx, t):
        return None   # "did not respond to a request for comment": the reporter's request
    if (ctx.sports and t.event in sets["sports_excluded_events"]
            or ctx.sports_strict and t.event in sets["sports_strict_excluded_events"]) \
            and not sets["sports_article_contexts"].intersection(t.rule.context or ()):
        return None     # "Arsenal crushed Chelsea"; a player's arrest stays
    if t.event in sets["accident_events"] and accidental(ctx, t.token, frozenset(t.consumed)):
        return None   # "three people were killed in a car crash"
    source = [a for x in src_toks for a in actors_of(ctx, x) if is_participant(ctx, a)]
    if t.event in sets["crowd_events"] and not ctx.sports and not any(a.entry or a.name for a in source):
        source = crowd(ctx, src_toks) or source     # "Thousands took to the streets"
    target = [a for x in tgt_toks for a in actors_of(ctx, x) if is_participant(ctx, a)
              and not (x.tag_ == "NNP" and (a.entry or "").startswith("person:") and any(a.entry == s.entry for s in source))]
    #         (no one person named on both sides: "Trump has pledged ... Mr Trump's plane" read across a
    #         caption; "Obama praised Obama's successor" keeps the successor)
    sector = authority(ctx, t)
    # someone named as the doer, known or not ("sent his son upstairs to investigate")
    doers = [x for x in src_toks if actorish(ctx, x) or person(ctx, x)] if sector else []
    if generic_only(ctx, t, source + target):
        return None   # "people are still trying to shame women": no one in particular
    if commerce(ctx, t.event, source, target):
        return None   # "a Japanese refiner agreed a supply deal with a U.S. shale producer": business
    if not political(ctx, source, target, named_target):
        # violence or an arrest with no dictionary actor: the people it falls on ("a co-worker was
        # wounded", "he was arrested"; an unnamed doer's code is null) -- rule triggers only, the
        # model's fallback readings keep the stricter test
        hit = []
        # a court's verb falls on its person only when no doer is named ("was charged with
        # murder"); "Quillon accused Vosk" between two unknown names stays no event
        falls_on = t.event in sets["victim_events"] or (not src_toks and lemma1(t.token, lex) in sets["victim_legal_verbs"])
        if not named_target and falls_on and not ctx.sports and t.token.tag_.startswith("VB"):
            # "the woman accused of killing": a participle's noun is who it falls on
            # "he was arrested and charged": a participle joined to a passive shares its subject
            on = [c for c in t.token.children if c.dep_ in PASS_SUBJ] or tgt_toks \
                or ([t.token.head] if t.token.dep_ == "acl" and t.token.tag_ == "VBN" else []) \
                or ([c for c in t.token.head.children if c.dep_ in PASS_SUBJ]
                    if t.token.dep_ == "conj" and t.token.tag_ == "VBN" and not active_form(t.token) else [])
            hit = victims(ctx, t.token, on, t.event)
        doer = violent_doer(ctx, t, src_toks) if falls_on and not ctx.sports and not named_target else None
        if hit or doer:
            target = target if any(a.name for a in target) else hit
            source = _named(source) or doer or []
        elif stands_in(ctx, t.token, t.event):
            source, target = [], []     # a pronoun stands in: resolved by the pipeline, or dropped
        elif not ctx.sports and (
                # a court's business between private people ("Gigante pleaded guilty", "Lopez
                # was found guilty of murder"): the state's process, coded as arrests are
                ("legal" in (t.rule.context or ()) and any(a.name for a in source + target))
                # "an investigation was opened", "the case was heard": the state's act, unnamed
                or (sector and not doers and not named_target)):
            # whom it falls on may be a person noun ("the suspect faces murder charges")
            source, target = _named(source), _named(target) or victims(ctx, t.token, tgt_toks, t.event)
        else:
            return None
    if sector and not source and not doers:
        speaker = attribution(ctx, t)
        if speaker is not None and speaker.sector in sets["teller_sectors"] and is_participant(ctx, speaker):
            # "prosecutors said he was charged", "police said he was charged": the authority that
            # tells of the act did it (as the news gold codes it: "Staunton Police Chief Jim
            # Williams announced X was arrested and charged")
            source = [speaker]
        else:
            # the police or the courts, unnamed: the home country's (eventwire/resolve/home.py)
            source = [Actor(text="", name=sector, sector=sector, entry=IMPLICIT + sector, score=0.0)]
    if t.event == "PROTEST" and source and all(a.sector in sets["non_protest_sectors"] for a in source):
        return None   # "thieves smashed the shop window": a crime, no protest
    relabelled: list[str] = []
    if state_protest(ctx, t, source):
        t.event, t.mode = "ACCUSE", "disapprove"   # "protests from Pristina": a state's is diplomatic
        relabelled.append(OFFICIAL_PROTEST)
    if t.rule.if_target and ((target and rule_targeted) or (t.rule.if_target == "ASSAULT" and (
            fired_at_site(ctx, t.token) or (source and all(a.sector in sets["irregular_force_sectors"] for a in source))))):
        t.event, t.mode = t.rule.if_target, None   # (armed groups hold no weapons tests: "Hezbollah fired rockets")
    if t.rule.if_authority and any(a.sector in sets["force_sectors"] for a in source):
        t.event, t.mode = t.rule.if_authority, None   # "police barricaded the avenue": no protest
    if target and all(any(c.dep_ == "poss" and c.lower_ == "their" for c in x.children) for x in tgt_toks) \
            and len(source) >= 2 and t.event in sets["reciprocal_events"] and coordinated(src_toks):
        target = []   # "A and B signed a pact allowing their troops to train": the sides' own, the pact between them
    if not target and len(source) >= 2 and coordinated(src_toks) and (
            ((t.event in sets["reciprocal_events"] or t.rule.mutual) and reciprocal(ctx, t)) or each_other(t.token)):
        source, target = source[:-1], source[-1:]     # "A and B agreed", "A and B blamed each other": A -> B
    elif not source and len(target) >= 2 and t.event in sets["reciprocal_events"] \
            and any(x.head.lower_ == "between" for x in tgt_toks):
        source, target = target[:1], target[1:]       # "talks between A and B": A -> B
    if t.event == "CONSULT" and target and lemma1(t.token, lex) in sets["interview_verbs"] \
            and all(a.sector in sets["press_sectors"] for a in target):
        return None   # "Speaking to IRNA, they said ...": an interview, no talks
    if t.rule.needs_target and not (target and (rule_targeted or not by_model or len(source) >= 2)):
        return None   # "the senator had dinner at home": no one met (the rules' own target, not the role model's)
    spoken = t.event == "ASSAULT" and spoken_attack(ctx, t, source, tgt_toks, target)
    if spoken:
        t.event, t.mode = "ACCUSE", "disapprove"   # "Trump attacked Clinton", "clashed with Ryan": words
    mod = modality(ctx, t)
    if mod == "asserted" and t.event == "AGREE" and lemma1(t.token, lex) in sets["offer_words"]:
        mod = "intended"
    said_by = attribution(ctx, t)
    conf = t.rule.confidence
    conf += 0.1 if any(a.country for a in source) else -0.1
    conf += 0.05 if any(a.country for a in target) else 0.0
    conf -= 0.1 if mod == "hypothetical" else 0.0
    conf -= 0.1 if any((a.entry or "").startswith(IMPLICIT) for a in source) else 0.0   # a doer inferred, not read
    # a relative clause gives background ("freed two ex-ministers who face charges"): the
    # main clause's event is the one the sentence reports
    conf -= 0.15 if in_relative_clause(t.token) else 0.0
    return Mention(
        event_type=t.event, trigger=t.token.text,
        trigger_start=offset + t.token.idx, trigger_end=offset + t.token.idx + len(t.token.text),
        rules=[t.rule.id, *(i.rule.id for i in t.absorbed), *([RULE_ID] if by_model else []),
               *([SPOKEN_RULE] if spoken else []), *relabelled],
        mode=t.mode or mode(ctx, t), context=context(ctx, t), source=source, target=target,
        negated=t.rule.negates or negated(ctx, t), modality=mod, attribution=said_by,
        confidence=round(max(0.05, min(conf, 0.99)), 3),
    )
