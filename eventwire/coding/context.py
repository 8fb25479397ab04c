"""What the coder knows about the one sentence it is coding.

A :class:`SentenceContext` is made per sentence and passed along to every step (triggers,
roles, participants, flags, conventions, the arbiter); nothing about a sentence is kept on the
coder or in module globals, so one coder can code sentences from many threads at once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .lexicon import Lexicon
from .syntax import dateline_end, root_of

_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b(?! (?:year|month|day|week))")
_WORDS = re.compile(r"[a-z]+")


#: the last characters of a sentence that is no headline
HEADLINE_ENDS = frozenset(".!?:;\"'”’)…")


@dataclass
class SentenceContext:
    """One parsed sentence with the shared, read-only resources that code it.

    ``offset``: the sentence start in ``Article.text``; ``text``: the string it was parsed from;
    ``dateline_end``: token index where a leading dateline ends; ``sports``: the sentence reads
    as a sports report (cues.yaml ``sports_words`` or a score such as "3-1"), ``sports_strict``:
    it has two different sports words (see :func:`sports_reading`); ``roles``: the
    learned role model (:class:`~eventwire.coding.rolemodel.RoleModel`) that may revise the
    rules' roles, or None.
    """

    lex: Lexicon
    actors: object                 # resolve.actors.ActorDictionary
    doc: object                    # spaCy Doc
    text: str
    offset: int = 0
    root: object = None
    dateline_end: int = 0
    sports: bool = False
    sports_strict: bool = False
    roles: object = None           # rolemodel.RoleModel (or None: the rules' roles alone)
    cache: dict = field(default_factory=dict, repr=False)   # per-sentence values a step computes once
    _dict_actor: Optional[bool] = field(default=None, repr=False)

    @classmethod
    def build(cls, lex: Lexicon, actors, doc, offset: int = 0, text: Optional[str] = None,
              roles: object = None) -> "SentenceContext":
        text = doc.text if text is None else text
        sports, strict = sports_reading(text, lex)
        return cls(lex=lex, actors=actors, doc=doc, text=text, offset=offset, root=root_of(doc),
                   dateline_end=dateline_end(doc, text), sports=sports, sports_strict=strict, roles=roles)

    @property
    def sets(self) -> dict[str, frozenset[str]]:
        return self.lex.sets

    @property
    def led_words(self) -> frozenset[str]:
        """Words of "the UN-led COVAX" (the actor dictionary's ``appositive_suffixes``)."""
        return self.actors.cues.appositive_suffixes

    @property
    def headline(self) -> bool:
        """The sentence reads as a headline or a caption: it ends without a stop or a quote
        ("Kenyan journalist detained in Uganda"), where a bare participle reports an act."""
        text = self.text.rstrip()
        return bool(text) and text[-1] not in HEADLINE_ENDS

    def names_dict_actor(self) -> bool:
        """The sentence names a dictionary actor other than a place or a business (cues.yaml
        ``commerce_sectors``) somewhere (computed once per sentence)."""
        if self._dict_actor is None:
            self._dict_actor = self.actors.has_phrase(self.text, places=False,
                                                      skip_sectors=self.sets["commerce_sectors"])
        return self._dict_actor


def is_sports_article(text: str, lex: Lexicon) -> bool:
    """The article reads as a sports report: at least ``sports_article_words`` different sports
    words, making up ``sports_article_share`` of its words or more, in an article of
    ``sports_article_length`` words or more (cues.yaml; a coach's firing or a boxer's title
    defence, whose sentences often carry no sports word of their own)."""
    limits = lex.cues.get("sports_article") or {}
    words = _WORDS.findall(text.lower())
    if len(words) < float(limits.get("length", 50)):
        return False
    sports = lex.sets["sports_words"]
    hits = [w for w in words if w in sports]
    return len(set(hits)) >= float(limits.get("words", 3)) and len(hits) >= float(limits.get("share", 0.02)) * len(words)


def off_the_field(mentions: list, lex: Lexicon) -> list:
    """The mentions of a sports article that concern the state: one of its participants is of a
    sector of the state or of politics (cues.yaml ``sports_article_sectors``) or an
    intergovernmental body, or the act is the law's (``sports_article_contexts``: a player's
    arrest, charge or plea stays).  Signings, title defences and meetings between players,
    coaches and clubs go."""
    keep = lex.sets["sports_article_sectors"]
    bodies = lex.sets["public_body_codes"]
    law = lex.sets["sports_article_contexts"]
    return [m for m in mentions if law.intersection(m.context or ())
            or any(a.sector in keep or a.country in bodies for a in (*m.source, *m.target))]


def sports_reading(text: str, lex: Lexicon) -> tuple[bool, bool]:
    """Whether the sentence reads as a sports report, from one scan of its words: (two sports
    words or a score, two different sports words -- "the transition team ... my team" is no
    report for the second, nor "A.D. 640-890")."""
    sports = lex.sets["sports_words"]
    hits = [w for w in _WORDS.findall(text.lower()) if w in sports]
    return len(hits) >= 2 or bool(_SCORE.search(text)), len(set(hits)) >= 2
