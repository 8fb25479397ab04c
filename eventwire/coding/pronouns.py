"""Pronoun participants: an empty role of a coded mention filled by a pronoun, left unresolved.

The coder never makes a pronoun an actor ("we", "our", "they" name nobody by themselves), so
"Our assistance is delivered to our North Korean neighbours" is coded AID with no source, and
a mention whose only participant is a pronoun is dropped.  With a :class:`PronounContext`
(the pipeline's), the coder keeps such a mention without participants where a pronoun stands
in one of its roles (:func:`stands_in`, called at the one place the coder drops it); the
pipeline keeps those mentions away from the sentence model, then :func:`pronoun_slots` puts,
in each empty source or target, the pronoun that stands in that role, as an unresolved
:class:`~eventwire.model.Actor` with ``entry="pronoun:<word>"``.  The pipeline resolves it
(:mod:`eventwire.resolve.pronouns`: first person inside a direct quote -> the speaker) or
removes it, and drops a mention left with no participant: where no pronoun resolves, the
output is exactly the coder's.

The roles read from the parse:

* source: the pronoun subject of the trigger or of the verb that controls it ("we decided to
  send"), the possessive of a noun trigger ("our assistance"), or of the passive subject of a
  verb trigger without a ``by`` agent ("our assistance is delivered to ...");
* target: a pronoun object of the trigger ("attacked us"), the object of one of the event's
  target prepositions (cues.yaml ``event_target_preps`` / ``target_preps``: "sent aid to us"),
  or the passive subject ("we were attacked").
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Optional

from ..model import Actor, Mention
from .context import SentenceContext

PREFIX = "pronoun:"
_PRON_TAGS = ("PRP", "PRP$")
_SUBJ = ("nsubj", "csubj")
_CLIMB = ("xcomp", "conj", "acomp")


@dataclass
class PronounContext(SentenceContext):
    """A sentence context whose mentions may stand on a pronoun alone: where the coder would
    drop a mention for want of a political participant and a pronoun stands in one of its
    roles, it keeps the mention with no participants (:func:`stands_in`); the pipeline fills
    them (:func:`pronoun_slots`), resolves them, and drops the mention when none resolves."""


def pronoun_context(ctx: SentenceContext) -> PronounContext:
    """``ctx`` as a :class:`PronounContext` (the same sentence and resources)."""
    return PronounContext(**{f.name: getattr(ctx, f.name) for f in fields(ctx)})


def stands_in(ctx: SentenceContext, tok, event: str) -> bool:
    """With a :class:`PronounContext`: a pronoun is the doer or the target of the trigger
    ``tok`` (the coder keeps the mention, without participants, for the pipeline to resolve).

    As for a named doer, the sentence must name a dictionary actor somewhere (the coder's
    condition, which the pipeline's pre-filter tests before parsing: a sentence the pre-filter
    skips never holds one of these mentions)."""
    return isinstance(ctx, PronounContext) and (_source_token(tok) is not None
                                                or _target_token(ctx, tok, event) is not None) \
        and ctx.names_dict_actor()


def split_pronoun_only(mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(mentions with participants, mentions kept only for a pronoun: no participants yet)."""
    return [m for m in mentions if m.source or m.target], [m for m in mentions if not (m.source or m.target)]


def is_pronoun_actor(a: Actor) -> bool:
    """An unresolved pronoun participant made by :func:`pronoun_slots`."""
    return (a.entry or "").startswith(PREFIX)


def _pron(tok) -> bool:
    return tok.tag_ in _PRON_TAGS


def _actor(ctx: SentenceContext, tok) -> Actor:
    start = ctx.offset + tok.idx
    return Actor(text=tok.text, char_start=start, char_end=start + len(tok.text),
                 entry=PREFIX + tok.lower_, score=0.0)


def _source_token(tok) -> Optional[object]:
    """The pronoun that acts for ``tok`` (the trigger), or None."""
    if tok.tag_.startswith("NN"):
        for c in tok.children:
            if c.dep_ == "poss" and _pron(c):
                return c                                   # "our assistance"
        if tok.dep_ in ("dobj", "attr") and tok.head is not tok:
            tok = tok.head                                 # "we provided assistance"
        else:
            return None
    node = tok
    for _ in range(3):
        kids = list(node.children)
        subj = [c for c in kids if c.dep_ in _SUBJ]
        if subj:
            return subj[0] if _pron(subj[0]) else None
        passive = [c for c in kids if c.dep_ == "nsubjpass"]
        if passive:
            if any(c.dep_ == "agent" for c in kids):
                return None
            return next((c for c in passive[0].children if c.dep_ == "poss" and _pron(c)), None)
        if node.dep_ not in _CLIMB or node.head is node:
            return None
        node = node.head
    return None


def _target_token(ctx: SentenceContext, tok, event: str) -> Optional[object]:
    """The pronoun that undergoes ``tok`` (the trigger), or None."""
    preps = ctx.lex.event_target_preps(event)
    for c in tok.children:
        if c.dep_ in ("dobj", "dative", "iobj") and _pron(c) and c.tag_ == "PRP":
            return c                                       # "attacked us"
        if c.dep_ == "nsubjpass" and c.tag_ == "PRP":
            return c                                       # "we were attacked"
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj" and g.tag_ == "PRP":
                    return g                               # "sent aid to us"
    return None


def pronoun_slots(ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
    """Fill the empty source / target of each mention with the pronoun in that role (in place).

    Mentions whose roles are filled already, or that have no pronoun in an empty role, are
    left as they are; returns ``mentions``.
    """
    by_start = {ctx.offset + t.idx: t for t in ctx.doc}
    for m in mentions:
        tok = by_start.get(m.trigger_start)
        if tok is None or (m.source and m.target):
            continue
        if not m.source:
            s = _source_token(tok)
            if s is not None:
                m.source = [_actor(ctx, s)]
        if not m.target:
            t = _target_token(ctx, tok, m.event_type)
            if t is not None and not any(a.char_start == ctx.offset + t.idx for a in m.source):
                m.target = [_actor(ctx, t)]
    return mentions
