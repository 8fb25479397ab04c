"""Flags of a trigger: negation, modality (asserted / intended / hypothetical / future) and
attribution (who said it).  The words are cues in ``data/cues.yaml``: ``negation_words``,
``negating_verbs``, ``hypothetical_marks``, ``hypothetical_words``, ``future_words``,
``speech_verbs``."""
from __future__ import annotations

from typing import Optional

from ..model import Actor
from .context import SentenceContext
from .doers import culprit, joined_in
from .participants import actor
from .syntax import SUBJ, abstains, dominates, infinitive, is_noun, lemma1
from .triggers import Trigger

#: the act's own participants: "no" on one of them denies the act
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})


#: a coordinated verb with one of these is a clause of its own, which takes no modal of the first
_OWN_CLAUSE = frozenset({"nsubj", "nsubjpass", "aux", "auxpass"})


def negated(ctx: SentenceContext, t: Trigger) -> bool:
    """The trigger, its intent governor or the word it hangs from is negated ("did not meet",
    "no talks", "failed to deliver", "no charges were filed")."""
    lex, sets = ctx.lex, ctx.sets
    toks = [t.token] + ([t.governor] if t.governor is not None else [])
    node = t.token
    head_lemma = lemma1(node.head, lex)
    if node.dep_ == "attr" and not node.tag_.startswith("VB") and head_lemma == "be":
        toks.append(node.head)   # "there would not be any charges": the existential verb is negated
    if node.dep_ == "dobj" and not node.tag_.startswith("VB") \
            and (head_lemma in sets["light_verbs"] or head_lemma in sets["undergo_verbs"]):
        toks.append(node.head)   # "should not face charges", "did not hold talks": the verb is negated
    for _ in range(3):
        if node.dep_ in ("xcomp", "acomp") and node.head != node:
            node = node.head
            toks.append(node)
        else:
            break
    guilty = culprit(ctx, t.token) or joined_in(ctx, t.token)
    if guilty is not None:
        toks.append(guilty)     # "was not behind the attack", "is not participating in the meeting"
    words = sets["negation_words"]
    if any(c.lower_ in ("until", "till") and c.dep_ == "prep" for x in toks for c in x.children):
        return False   # "did not meet him until 2008": it happened, later ("until the army withdraws" stays)
    for x in toks:
        for c in x.children:
            if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in words):
                return True
            if c.dep_ in _ARGUMENTS and (c.lower_ in sets["negative_pronouns"]
                                         or any(d.dep_ == "det" and d.lower_ in words for d in c.children)):
                return True   # "no charges were filed", "nobody was arrested", "made no arrests"
        if lemma1(x, lex) in sets["negating_verbs"] and x != t.token:
            return True
    if t.token.dep_ == "xcomp" and (lemma1(t.token.head, lex) in sets["negating_verbs"] or (
            t.event in ("REJECT", "ACCUSE") and lemma1(t.token.head, lex) in sets["refusal_verbs"])):
        return True   # ("refused to rule out sending missiles": no refusal; "declined to charge him": no charge)
    if t.token.dep_ in ("pobj", "pcomp") and t.token.head.lower_ == "without":
        return True   # "a week goes by without a demonstration", "acted without consulting Congress"
    up = t.token.head.head if t.token.dep_ == "pcomp" else t.token.head
    if (t.token.dep_ in ("pcomp", "xcomp") or (t.token.dep_ == "dobj" and t.token.tag_ == "VBG")) and abstains(up, lex):
        return True   # "refrained from accusing Moscow", "stopped short of calling it genocide"
    if t.token.dep_ == "xcomp" and any(c.dep_ == "advmod" and c.lower_ in sets["pending_adverbs"] for c in up.children):
        return True   # "has yet to respond", "is yet to meet": not done
    if t.rule.pos == "noun" and t.token.dep_ == "dobj" and lemma1(t.token.head, lex) in sets["escape_verbs"]:
        return True   # "avoided a lengthy trial", "escaped arrest"
    return False


def _past(verb) -> bool:
    """A verb told in the past tense ("was arrested", "attacked")."""
    return verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def modality(ctx: SentenceContext, t: Trigger) -> str:
    """asserted, intended (set by an intent governor), hypothetical or future.  An intention
    under "if" or "whether" is hypothetical ("asked if the US intended to attack"), and so is
    an act that someone fears (cues.yaml ``fear_words``: "worried that Russia will invade")."""
    sets = ctx.sets
    if t.modality != "asserted":
        node = t.token
        for _ in range(4):
            if any(c.dep_ == "mark" and c.lower_ in sets["hypothetical_marks"] for c in node.children):
                return "hypothetical"
            if node.dep_ not in ("xcomp", "acomp", "conj") or node.head == node:
                break
            node = node.head
        return t.modality
    marks, hypothetical, future = sets["hypothetical_marks"], sets["hypothetical_words"], sets["future_words"]
    node = t.token
    if node.dep_ == "ROOT" and node.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) \
            and any(c.dep_ == "nsubj" for c in node.children):
        return "future"   # a headline's "Biden to meet Xi in San Francisco"
    if is_noun(node) and any(c.dep_ == "det" and c.lower_ in sets["indefinite_determiners"] for c in node.children):
        return "hypothetical"   # "not aware of any Ukrainian strikes": no act told
    proposed = lemma1(node.head, ctx.lex)
    if node.dep_ in ("acl", "relcl") and node.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) \
            and (proposed in sets["authored_nouns"] or proposed in sets["proposal_nouns"]):
        return "hypothetical"   # "vetoed a resolution to extend the inquiry", "a plan to build the wall": proposed
    if node.dep_ == "advcl" and infinitive(node) and any(
            c.dep_ == "dobj" and 0 < node.i - c.i <= 2 and lemma1(c, ctx.lex) in sets["authored_nouns"]
            for c in node.head.children):
        return "hypothetical"   # "faced calls to resign", parsed as a purpose: what is called for
    for _ in range(4):
        if node.dep_ == "ccomp" and lemma1(node.head, ctx.lex) in sets["fear_words"]:
            return "hypothetical"   # "terrified that Trump will deport them": feared, not stated
        auxes = {c.lower_ for c in node.children if c.dep_ == "aux"}
        if auxes & hypothetical and auxes & {"have", "'ve"}:
            return "hypothetical"   # "said he would have imposed a longer sentence": it was not
        for c in node.children:
            low = c.lower_
            if c.dep_ == "mark" and low in marks and not (low in sets["narrative_marks"] and _past(node)):
                return "hypothetical"   # ("seemed calm until his sister was arrested": it happened)
            if c.dep_ == "aux" and low == "would" and node.dep_ == "ccomp" \
                    and lemma1(node.head, ctx.lex) in sets["speech_verbs"]:
                return "future"   # "said it would send aid": reported intention
            if c.dep_ == "aux" and low in hypothetical:
                return "hypothetical"
            if c.dep_ == "aux" and low in future:
                return "future"
        if node.dep_ == "xcomp" and infinitive(node) and node.head.lower_ in sets["schedule_words"]:
            return "future"   # "the two leaders are due to meet next month"
        if node.dep_ == "xcomp" and infinitive(node) and node.head.lower_ in sets["speculation_words"]:
            return "hypothetical"   # "Hungary is unlikely to veto the package"
        if node.dep_ == "conj" and any(c.dep_ in _OWN_CLAUSE for c in node.children):
            break   # "... would turn up nothing, and many Democrats accused Comey": a clause of its own
        if (node.dep_ in ("xcomp", "acomp", "conj") or (node.dep_ == "ccomp" and infinitive(node))
                or (node.dep_ == "dobj" and node.tag_.startswith("NN") and lemma1(node.head, ctx.lex) in sets["light_verbs"])) \
                and node.head != node:
            # ("could resume its offensive": the noun of a light verb takes the verb's mood)
            node = node.head   # ("the bill would allow the government to detain suspects": the governor's mood)
        else:
            break
    return "asserted"


def attribution(ctx: SentenceContext, t: Trigger) -> Optional[Actor]:
    """The speaker: the subject of a verb of saying above the trigger, or "according to X"."""
    lex = ctx.lex
    node = t.token
    speech = ctx.sets["speech_verbs"]
    for _ in range(6):
        if node.head == node:
            break
        dep = node.dep_
        node = node.head
        if dep in ("ccomp", "parataxis", "xcomp", "conj", "advcl", "dobj") and lemma1(node, lex) in speech:
            subj = [c for c in node.children if c.dep_ in SUBJ]
            if subj:
                return actor(ctx, subj[0]) or Actor(text=subj[0].text)
    # "according to X"
    doc = t.token.doc
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to":
            pobj = [g for c in tok.children for g in c.children if g.dep_ == "pobj"] or \
                   [g for g in doc[tok.i + 1].children if g.dep_ == "pobj"]
            if pobj:
                return actor(ctx, pobj[0])
    # a root speech verb with the trigger in a quoted paragraph has no parse link
    root = ctx.root
    if root is not None and root != t.token and lemma1(root, lex) in speech:
        subj = [c for c in root.children if c.dep_ in SUBJ]
        if subj and not dominates(t.token, root):
            return actor(ctx, subj[0])
    return None
