"""Code PLOVER events in one parsed sentence: the orchestrator of the coding steps.

Each step is a module of its own, and every step takes the sentence's
:class:`~eventwire.coding.context.SentenceContext` (nothing about a sentence is kept on the
coder, so one coder serves many threads):

1. :mod:`.triggers` — words that match a lexicon rule, folded into the words that govern them;
2. :mod:`.roles` and :mod:`.participants` — source and target from the dependency parse, and
   the actors their noun phrases name;
3. :mod:`.flags` — negation, modality and attribution;
4. :mod:`.conventions` — PLOVER's conventions (future acts, reported demands), mode and context;
5. :mod:`.arbiter` — the sentence model's word (used by the pipeline after :meth:`SentenceCoder.code`).

Actors are resolved through :class:`~eventwire.resolve.actors.ActorDictionary`; an event is
kept only when one of its participants is a known actor or a proper noun.
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..model import Mention
from . import arbiter, conventions
from .context import SentenceContext
from .governing import govern
from .lexicon import Lexicon
from .mentions import mention
from .triggers import find_triggers


class SentenceCoder:
    """Codes events in parsed sentences with a lexicon and an actor dictionary (both read-only
    after load: one coder can be used from many threads at once)."""

    def __init__(self, lexicon: Lexicon, actors, roles=None) -> None:
        self.lex = lexicon
        self.actors = actors
        self.roles = roles       # the learned role model (coding.rolemodel.RoleModel) or None

    def context(self, doc, offset: int = 0, text: Optional[str] = None) -> SentenceContext:
        """The per-sentence context of ``doc``: ``offset`` = the sentence start in Article.text;
        ``text`` = the sentence string the doc was parsed from (default ``doc.text``)."""
        return SentenceContext.build(self.lex, self.actors, doc, offset, text, self.roles)

    def code(self, doc, offset: int = 0, text: Optional[str] = None) -> list[Mention]:
        """Mentions in one parsed sentence (the rules alone)."""
        return self.code_context(self.context(doc, offset, text))

    def code_context(self, ctx: SentenceContext) -> list[Mention]:
        triggers = govern(ctx, find_triggers(ctx))
        mentions = [m for m in (mention(ctx, t) for t in triggers) if m is not None]
        return conventions.dedupe(conventions.conventions(
            conventions.answered_charges(ctx, conventions.reported_demands(ctx, mentions)), self.lex))

    def conventions(self, mentions: list[Mention]) -> list[Mention]:
        """PLOVER's reading of future acts (see :func:`eventwire.coding.conventions.conventions`)."""
        return conventions.conventions(mentions, self.lex)

    def fallback(self, doc, event_types: Sequence[str], offset: int, confidence: float,
                 loose: bool = True, generic: bool = False, text: Optional[str] = None) -> Optional[Mention]:
        """A mention for a type the sentence model chose (see :func:`eventwire.coding.arbiter.fallback`)."""
        return arbiter.fallback(self.context(doc, offset, text), event_types, confidence, loose, generic)

    def mode_of(self, doc, event: str, trigger_char: int) -> Optional[str]:
        """The mode of ``event`` read from the sentence's words (see :func:`~.conventions.mode_of`)."""
        return conventions.mode_of(self.context(doc), event, trigger_char)
