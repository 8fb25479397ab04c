"""Governing words: triggers under another word are folded into it.

"ready to help" and "offered to assist" become AGREE, "refused to meet" REJECT, "urged X to
release" REQUEST, "threatened to strike" THREATEN; a noun trigger that is the object of a verb
trigger ("launched an attack", "refused offers") belongs to the verb (:func:`govern`, after
:func:`.triggers.find_triggers`).  The word lists are cues in ``data/cues.yaml`` (``frame_verbs``,
``intent_verbs``, ``framing_events``, ``hostile_aims``, ...).
"""
from __future__ import annotations

from .context import SentenceContext
from .doers import ordered_done
from .lexicon import Lexicon, Trigger
from .participants import actorish
from .syntax import GOVERNED, depth, infinitive, lemma1, lemmas, objects_after, of_objects


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
        # a participle told with its own doer ("rescued the crew of a ship hijacked by pirates")
        # is that doer's act, which only a framing word (an accusation, a denial) takes in, and
        # the act on the thing it made ("rejected an appeal filed by his lawyers": whose it is)
        agented = t.token.dep_ == "acl" and t.token.tag_ == "VBN" and t.token.head.dep_ != "dobj" and any(
            c.dep_ == "agent" and any(actorish(ctx, g) for g in c.children if g.dep_ == "pobj") for c in t.token.children)
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
            if dep == "prep" and node.lower_ in sets["setting_preps"] and t.rule.pos == "noun" \
                    and between_sides(ctx, t.token):
                break   # "deployed troops after clashes between Hezbollah and Israeli forces": an event of its own
            if dep == "nsubj" and (gov is None or gov.event != t.event or t.rule.pos != "noun"):
                break
            if gov is not None and head.i not in absorbed:
                if agented and gov.event not in sets["framing_events"]:
                    break
                if dep == "ccomp" and (hlemma not in lex.frame_verbs or gov.event == "REJECT" and node.i < head.i):
                    break   # (an accusation told before its denial stands: "X accused Y of Z, a charge Y denies")
                if gov.rule.judges or (gov.event == "SUPPORT" and dep == "prep" and node.lower_ == "for"
                                       and any(c.dep_ == "dobj" for c in head.children)):
                    break   # "called the meeting excellent": a judgement of the meeting, and the meeting;
                    #         "thanked Britain for its aid": the aid is Britain's
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
        gov = into.get(t.token.head.i) if t.token.dep_ == "conj" and t.token.i not in absorbed and not (
            t.token.tag_ in ("VBD", "VBZ") and t.token.head.tag_ in ("VB", "VBG")) else None
        #   (a told verb joined to a bare one is the subject's own act: "offered to pardon the
        #   protesters and called for dialogue")
        if gov is None and t.token.dep_ == "advcl" and t.token.tag_ == "VBG" and t.token.i not in absorbed:
            # "accused Azerbaijan of opening fire on its positions, wounding two soldiers": the
            # toll of the act alleged, hung on the accusation, is alleged too
            gov = by_index.get(t.token.head.i)
            if gov is None or gov.event != "ACCUSE" or t.event not in conflict or not any(
                    conflict & {x.event, x.rule.if_target} and x.token.i < t.token.i and x.token.head.lower_ == "of"
                    for x in gov.absorbed):
                gov = None
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


def between_sides(ctx: SentenceContext, tok) -> bool:
    """An event noun that names its sides after "between" ("clashes between Hezbollah and
    Israeli forces")."""
    return any(actorish(ctx, g) for g in objects_after(tok, ("between",)))


def hostile_aim(tok, lex: Lexicon, words: bool = True) -> bool:
    """A promise of a hostile act that is no event word by itself (cues.yaml ``hostile_aims``;
    only with ``words``: when the promise governs no event word): "vowed to retaliate",
    "pledged to crush the uprising" are threats; or of undoing another's work (``undoing_verbs``,
    an event word or not): "vowed to dismantle Mr Obama's legacy"."""
    if lemma1(tok, lex) not in lex.sets["threat_promise_verbs"]:
        return False
    phrases = lex.sets["hostile_aim_phrases"]
    if words and any(c.dep_ == "dobj" and lemmas(c, lex) & lex.sets["threat_outcomes"] for c in tok.children):
        return True   # "vowed a stern response to any provocation", "promised retaliation"
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
    if glemma in lex.sets["threat_response_verbs"] and inner.token.dep_ == "pcomp" and inner.token.head.lower_ == "by" \
            and inner.token.head.head == gov.token and inner.rule.pos == "verb":
        gov.event, gov.mode = inner.event, inner.mode   # "retaliated by banning oil sales": the answer is the ban
        return
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
