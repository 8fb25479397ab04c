"""PLOVER conventions applied to the rules' readings, and the mode and context of an event.

* :func:`conventions` — future acts: "will meet" is AGREE, "will not lift the embargo" REJECT,
  "will impose sanctions" THREATEN (cues.yaml ``future_as_agree``,
  ``future_refusal_as_reject``, ``future_as_threaten``);
* :func:`reported_demands` — "X said Y must / should do Z" is a REQUEST by X of Y (cues.yaml
  ``demand_modals``);
* :func:`answered_charges` — "X accused Y of Z, a charge Y denies": the denial answers X
  (cues.yaml ``denying_verbs``, ``charge_nouns``);
* :func:`mode` and :func:`context` — read from the sentence's words (cues.yaml ``aid_modes``,
  ``assault_modes``, ``contexts``).

Every choice here is deterministic: words are visited in sentence order and, within one token,
phrases first, then in alphabetical order (never in set order, which changes with Python's
per-process string hashing).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from ..model import Mention
from .context import SentenceContext
from .lexicon import Lexicon, Rule
from .participants import actors_of, political
from .syntax import PASS_SUBJ, SUBJ, compound_texts, lemma1, lemmas, of_objects, token_at
from .triggers import Trigger


def conventions(mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """PLOVER's reading of future acts (see the module docstring); the rule ids record the change."""
    sets = lex.sets
    turn, refuse, threat = sets["future_as_agree"], sets["future_refusal_as_reject"], sets["future_as_threaten"]
    for m in mentions:
        if m.modality == "future" and m.negated and m.event_type in refuse:
            m.event_type, m.mode, m.negated = "REJECT", None, False
            m.rules.append("future.reject")
        elif m.modality == "future" and not m.negated and m.event_type in turn:
            m.event_type, m.mode = "AGREE", None
            m.rules.append("future.agree")
        elif m.modality == "future" and not m.negated and m.event_type in threat:
            m.event_type, m.mode = "THREATEN", lex.threat_modes.get(m.event_type)
            m.rules.append("future.threaten")
    return mentions


def reported_demands(ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
    """"X said (that) Y must / should do Z": a REQUEST by X of Y; readings of the demanded act
    Z itself are dropped."""
    lex, offset = ctx.lex, ctx.offset
    modals = ctx.sets["demand_modals"]
    speech = ctx.sets["speech_verbs"]
    for v in ctx.doc:
        if not v.tag_.startswith("VB") or lemma1(v, lex) not in speech:
            continue
        subj = [c for c in v.children if c.dep_ in SUBJ]
        for clause in v.children:
            if clause.dep_ != "ccomp" or not subj:
                continue
            modal = next((a for a in clause.children if a.dep_ == "aux" and a.lower_ in modals), None)
            if modal is None or any(c.dep_ == "neg" for c in clause.children):
                continue
            source = [a for x in subj for a in actors_of(ctx, x)]
            target = [a for x in clause.children if x.dep_ in SUBJ | PASS_SUBJ for a in actors_of(ctx, x)]
            if not political(ctx, source, target):
                continue
            inside = {x.idx + offset for x in clause.subtree}
            mentions = [m for m in mentions if m.trigger_start not in inside]
            mentions.append(Mention(
                event_type="REQUEST", trigger=modal.text, trigger_start=offset + modal.idx,
                trigger_end=offset + modal.idx + len(modal.text), rules=["request.must"],
                source=source, target=target, modality="asserted",
                confidence=0.6 if any(a.country for a in source) else 0.5))
    return mentions


def answered_charges(ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
    """A denial told after the accusation it answers, in a clause that restates it ("X accused Y
    of Z, a charge Y denies", "..., which Y rejects"): its target is the accuser, never someone in
    the alleged act; the same for a claim told by its speaker ("the rebels said they had shot
    down a helicopter, a claim the army denied": the rebels)."""
    # (end of the accusation or claim, who made it)
    accusations = [(m.trigger_end, m.source) for m in mentions if m.event_type == "ACCUSE" and m.source and not m.negated]
    accusations += [(m.trigger_end, [m.attribution]) for m in mentions if m.event_type != "REJECT"
                    and m.attribution is not None and (m.attribution.country or m.attribution.sector)]
    if not accusations:
        return mentions
    doc, offset, sets = ctx.doc, ctx.offset, ctx.sets
    for m in mentions:
        tok = token_at(doc, m.trigger_start - offset)
        if m.event_type != "REJECT" or tok is None or lemma1(tok, ctx.lex) not in sets["denying_verbs"]:
            continue
        told = [a for a in accusations if a[0] <= m.trigger_start]
        if not told:
            continue
        end, accusers = max(reversed(told), key=lambda a: a[0])   # (the last told of those ending last)
        words = [t for t in doc if end - offset <= t.idx < tok.idx]
        comma = next((k for k, t in enumerate(words) if t.text == ","), None)
        if comma is None or not any(t.lower_ == "which" or lemma1(t, ctx.lex) in sets["charge_nouns"]
                                    for t in words[comma + 1:comma + 4]):
            continue
        if {a.text for a in m.source} & {x.text for x in accusers}:
            continue
        m.target = [replace(a) for a in accusers]
        m.rules.append("reject.answer")
    return mentions


def reciprocal(ctx: SentenceContext, t: Trigger) -> bool:
    """A trigger that names a two-sided act: its word, its objects or what it absorbed
    ("agreed", "signed a pact", "failed to reach agreement"; cues.yaml ``reciprocal_words``)."""
    if t.rule.mutual:
        return True       # "Obama and Trump spoke": the rule fires on two-sided subjects only
    if lemma1(t.token, ctx.lex) in ctx.sets["mediation_verbs"]:
        return False      # "Egypt, Qatar and the US brokered the truce": the mediators are no sides of it
    words = ctx.sets["reciprocal_words"]
    toks = [t.token, *(i.token for i in t.absorbed)]
    toks += [c for x in list(toks) for c in x.children if c.dep_ in ("dobj", "xcomp", "pobj", "prep")]
    toks += [g for x in list(toks) if x.dep_ in ("xcomp", "prep") for g in x.children if g.dep_ in ("dobj", "pobj")]
    toks += [g for x in list(toks) if x.lower_ in ctx.sets["measure_nouns"] or lemma1(x, ctx.lex) in ctx.sets["measure_nouns"]
             for g in of_objects(x)]   # "began a new round of talks"
    if any(x.lower_ in words or (lemmas(x, ctx.lex) & words) for x in toks):
        return True
    # a noun with its modifiers (syntax.compound_texts): "held a photo opportunity", "a joint statement"
    phrases = {p for x in toks if x.tag_.startswith("NN") for p in compound_texts(x, ctx.lex)}
    return bool(phrases & words) or any(p.startswith("joint ") for p in phrases)


def mode_of(ctx: SentenceContext, event: str, trigger_char: int) -> Optional[str]:
    """The mode of ``event`` read from the sentence's words, for a mention relabelled by the
    sentence model (``trigger_char``: its trigger's offset in the sentence)."""
    tok = token_at(ctx.doc, trigger_char)
    if tok is None:
        return None
    rule = Rule(id="model.sentence", event=event, pos="verb", head=tok.lower_)
    return mode(ctx, Trigger(tok, rule, event=event))


def mode(ctx: SentenceContext, t: Trigger) -> Optional[str]:
    """The mode most words vote for, first in the trigger's phrase, then in the sentence; a tie
    goes to the mode voted for first: in sentence order and, within one word, a two-word phrase
    before a single word ("car bomb" -> explosives before "bomb" -> aerial), then alphabetically."""
    lex = ctx.lex
    table = {"AID": lex.aid_mode_words, "ASSAULT": lex.assault_mode_words}.get(t.event)
    if not table:
        return None
    for scope in ([x for x in t.token.subtree if x != t.token] + [i.token for i in t.absorbed], list(ctx.doc)):
        votes: dict[str, int] = {}
        for tok in scope:
            keys = {tok.lower_, *lemmas(tok, lex)}
            if tok.i > 0:
                keys |= {f"{tok.doc[tok.i - 1].lower_} {k}" for k in list(keys)}
            for key in sorted(keys, key=_specific_first):
                for m in table.get(key, ()):
                    votes[m] = votes.get(m, 0) + 1
        if votes:
            return max(votes.items(), key=lambda kv: kv[1])[0]
    return None


def context(ctx: SentenceContext, t: Trigger) -> list[str]:
    """Up to four PLOVER contexts: the rule's own, then those the sentence's words name."""
    out = list(t.rule.context)
    words = ctx.lex.context_words
    for tok in ctx.doc:
        for key in sorted({tok.lower_, *lemmas(tok, ctx.lex)}, key=_specific_first):
            for c in words.get(key, ()):
                if c not in out:
                    out.append(c)
    return out[:4]


def _specific_first(key: str) -> tuple[int, str]:
    """Sort key of the words read on one token: phrases before single words, then alphabetical."""
    return -key.count(" "), key


def dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per (type, sources, targets): the most confident, in sentence order."""
    best: dict[tuple, Mention] = {}
    for m in mentions:
        key = (m.event_type, tuple(a.country or a.text for a in m.source), tuple(a.country or a.text for a in m.target))
        if key not in best or m.confidence > best[key].confidence:
            best[key] = m
    # one doer's act told twice, once with whom it hit ("killed when Nigerian jets bombed a
    # market"): the reading without a target adds nothing (the same doer's words, both told as done)
    def act(m: Mention) -> Optional[tuple]:
        """Type and doers of a reading told as done, else None."""
        done = m.source and m.modality == "asserted" and not m.negated
        return (m.event_type, tuple(a.text for a in m.source)) if done else None

    aimed = {act(m) for m in best.values() if m.target} - {None}
    kept = [m for m in best.values() if m.target or act(m) not in aimed]
    return sorted(kept, key=lambda m: m.trigger_start)
