"""Resolve the pronoun participants the coder left (:mod:`eventwire.coding.pronouns`).

Per article, once its mentions are coded (only articles that have a pronoun participant pay
for this), the article's quotes are found without a parse where none is kept
(:meth:`eventwire.quotes.extract.QuoteExtractor.quotes`) and each pronoun participant gets:

* a first-person word inside a direct quote (quotes.yaml ``first_person``): the speaker's
  side — country, sector and name of the quote's speaker, ``entry="quote-speaker"``
  (:func:`eventwire.quotes.speakers.speaker_for_offset`);
* a third-person subject pronoun outside quotes (quotes.yaml ``third_person``): the one
  compatible actor of the nearest earlier sentence that names any, ``entry="antecedent:..."``
  (:func:`eventwire.quotes.speakers.antecedent_for`), unless the pronoun's own sentence names
  a compatible actor before it (the coder's reading of that sentence stands);
* otherwise nothing: the participant is removed, and the mention is the coder's as it was
  (a mention the coder kept only for its pronoun has no participant left: the pipeline drops it).

A mention kept only for its pronoun (no other participant) needs a resolved actor with a
country (the coder's own test of a political participant, made strict), and a resolved
speaker becomes the event's attribution when the coder found none or a bare pronoun
("...," he said).
Third-person resolution is off by default (``third_person=False``): on the regression corpora
it resolved 0 of 5 right ("They looted businesses" -> the EU), so the pipeline resolves first
person in direct quotes only.

A resolved participant that names the same country as the other side of the event is not
taken (no "RUS -> RUS" made by a pronoun).  The text and offsets stay the pronoun's.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

from ..coding.pronouns import is_pronoun_actor
from ..model import Actor, Article, Mention, Quote, Sentence
from ..quotes.speakers import antecedent_for, speaker_for_offset


class PronounResolver:
    """Resolves pronoun participants with a quote extractor (read-only: thread-safe)."""

    def __init__(self, actors, extractor, third_person: bool = False) -> None:
        self.actors = actors
        self.extractor = extractor           # eventwire.quotes.extract.QuoteExtractor
        self.lex = extractor.lex
        self.third_person = third_person     # off by default: see the module docstring

    @staticmethod
    def needed(mentions: Sequence[Mention]) -> bool:
        """True when a participant of ``mentions`` is a pronoun waiting to be resolved."""
        return any(is_pronoun_actor(a) for m in mentions for a in m.source + m.target)

    def resolve(self, article: Article, sentences: Sequence[Sentence], docs: dict,
                mentions: Sequence[Mention], quotes: Optional[list[Quote]] = None) -> int:
        """Resolve or remove the pronoun participants of ``mentions`` (in place); returns how
        many were resolved.  ``docs``: parses by sentence index, where the coder kept any;
        ``quotes``: the article's quotes when the caller found them already."""
        if not self.needed(mentions):
            return 0
        if quotes is None:
            quotes = self.extractor.quotes(article, sentences, docs)
        done = 0
        for m in mentions:
            alone = all(is_pronoun_actor(a) for a in m.source + m.target)
            for side, other in (("source", "target"), ("target", "source")):
                actors = getattr(m, side)
                if not any(is_pronoun_actor(a) for a in actors):
                    continue
                kept = []
                for a in actors:
                    if not is_pronoun_actor(a):
                        kept.append(a)
                        continue
                    r = self.actor_for(article.text, sentences, quotes, a)
                    if r is None or (alone and not r.country) \
                            or (r.country and any(o.country == r.country for o in getattr(m, other))):
                        continue
                    kept.append(r)
                    done += 1
                    if r.entry == "quote-speaker" and _bare(m.attribution):
                        m.attribution = speaker_for_offset(quotes, a.char_start or 0)
                setattr(m, side, kept)
        return done

    def actor_for(self, text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote],
                  a: Actor) -> Optional[Actor]:
        """The actor a pronoun participant stands for, or None (no guess)."""
        word = a.text.lower()
        at = a.char_start or 0
        found = None
        entry = None
        if word in self.lex.first_person:
            found = speaker_for_offset(quotes, at)
            entry = "quote-speaker"
        elif self.third_person and word in self.lex.third_person:
            found = antecedent_for(text, sentences, at, word, self.actors, self.lex, quotes)
            if found is not None and self._named_before(text, sentences, at):
                found = None
            entry = f"antecedent:{found.entry}" if found is not None else None
        if found is None or not (found.country or found.sector):
            return None
        return replace(found, text=a.text, char_start=a.char_start, char_end=a.char_end, entry=entry, score=1.0)

    def _named_before(self, text: str, sentences: Sequence[Sentence], at: int) -> bool:
        """The pronoun's own sentence names an actor before it."""
        sent = next((s for s in sentences if s.char_start <= at < s.char_end), None)
        return sent is not None and any(True for _ in self.actors.find_all(text[sent.char_start:at]))


def _bare(attribution: Optional[Actor]) -> bool:
    """No attribution, or one that names nobody ("..., he said" read as the pronoun alone)."""
    return attribution is None or not (attribution.name or attribution.country or attribution.sector)
