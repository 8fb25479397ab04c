"""Sentence case for Title Case headlines, for the parser's eyes only.

"North Korea Fires Ballistic Missile Into Sea" reaches the tagger as a run of proper nouns: no
verb, so no event.  The parser is given the same headline in sentence case, "North Korea fires
ballistic missile into sea": the first word and every name the actor dictionary knows ("North
Korea", "Islamic State", "Turkey") keep their capitals, and a capitalised common word (one of the
rules' words, a word of the cue lists, an English stop word, a sector word such as "Police") is
lowered.  Only first letters change, so every character offset is the same in both texts; the
pipeline puts the headline's own spelling back into what it reports (:func:`restore`).

A sentence is a Title Case headline when it ends without a full stop and at least
``TITLE_SHARE`` of its words of four letters or more (at least ``TITLE_MIN_WORDS`` of them) are
capitalised and not all in capitals.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable

TITLE_MIN_WORDS = 3
TITLE_SHARE = 0.8
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_STOPS = frozenset(".!?…")


def is_title_case(text: str) -> bool:
    """Whether ``text`` reads as a Title Case headline ("Kenya Deploys Police Officers to Haiti")."""
    t = text.rstrip()
    if not t or t[-1] in _STOPS:
        return False
    long = [w for w in _WORD.findall(t) if len(w) >= 4]
    if len(long) < TITLE_MIN_WORDS:
        return False
    titled = sum(1 for w in long if w[0].isupper() and not w.isupper())
    return titled >= TITLE_SHARE * len(long)


def common_words(lexicon=None) -> frozenset[str]:
    """Lower-case words that are no names: English stop words, the words of the rules (every
    inflected trigger form), the words of the cue lists (multiword entries split) and the common
    headline words of ``data/tokenizer.yaml`` (``headline_words``)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from .coding.lexicon import DATA, default_lexicon
    from .datafiles import load_yaml

    lex = lexicon if lexicon is not None else default_lexicon()
    extra = (load_yaml(DATA / "tokenizer.yaml") or {}).get("headline_words") or ()
    words = set(STOP_WORDS) | set(lex.trigger_forms) | {str(w).lower() for w in extra}
    for values in lex.sets.values():
        for v in values:
            if isinstance(v, str):
                words.update(v.lower().split())
    return frozenset(w for w in words if w.replace("-", "").isalpha())


def _common(word: str, vocab: frozenset[str]) -> bool:
    w = word.lower()
    return w in vocab or (w.endswith("s") and w[:-1] in vocab) or (w.endswith("es") and w[:-2] in vocab) \
        or (w.endswith("ies") and w[:-3] + "y" in vocab)


class Recaser:
    """``recaser(text)``: ``text`` in sentence case when it is a Title Case headline, else
    ``text`` itself; the result has the same length, character for character.  It reads the
    names of ``actors`` and the words of ``lexicon`` (the packaged ones when not given), loaded
    only when a first headline needs them: a pipeline passes its own, so nothing loads twice."""

    def __init__(self, lexicon=None, actors=None) -> None:
        self.lexicon, self.actors = lexicon, actors
        self._vocab: frozenset[str] | None = None

    def __call__(self, text: str) -> str:
        if not is_title_case(text):
            return text
        if self._vocab is None:
            self._vocab = common_words(self.lexicon)
        if self.actors is None:
            from .resolve.actors import default_dictionary
            self.actors = default_dictionary()
        names = bytearray(len(text))     # characters of names the dictionary knows: kept as written
        sector = bytearray(len(text))    # characters of its sector words ("Police", "Officials"): lowered
        for start, end, kind in self.actors.spans(text):
            (sector if kind == "sector" else names)[start:end] = b"\x01" * (end - start)
        chars = list(text)
        for k, m in enumerate(_WORD.finditer(text)):
            w, at = m.group(), m.start()
            if k == 0 or names[at] or not (w[0].isupper() and w[1:] == w[1:].lower()) or len(w) < 2:
                continue
            if sector[at] or _common(w, self._vocab):
                chars[at] = w[0].lower()
        return "".join(chars)


@functools.lru_cache(maxsize=1)
def _packaged() -> Recaser:
    return Recaser()


def sentence_case(text: str) -> str:
    """:class:`Recaser` with the packaged lexicon and actor dictionary."""
    return _packaged()(text)


def restore(mentions: Iterable, text: str, offset: int) -> None:
    """Put the spelling of ``text`` (the sentence as written, starting at ``offset`` in the
    article) back into mentions coded from its sentence-cased parse: their triggers' and
    participants' texts, read again at their character offsets."""
    def spelt(start, end, current):
        if start is None or end is None or not (offset <= start <= end <= offset + len(text)):
            return current
        return text[start - offset:end - offset]

    for m in mentions:
        m.trigger = spelt(m.trigger_start, m.trigger_end, m.trigger)
        for a in [*m.source, *m.target, *([m.attribution] if m.attribution is not None else [])]:
            a.text = spelt(a.char_start, a.char_end, a.text)
