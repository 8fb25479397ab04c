"""Indirect speech: "X said (that) ...", and "according to X, ...".

Where the coder parsed a sentence already, the dependency parse gives the speaker (the subject
of the verb of saying) and the content (its clausal complement): :func:`from_parse`.  Other
sentences are not parsed for quotes (that would cost a parse per "said"): :func:`from_words`
reads the two common shapes from the words, with the same speaker rules as direct quotes.
:func:`needs_parse` tells which sentences a parse would serve, for callers that want it.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from eventwire.quotes.lexicon import QuoteLexicon
from eventwire.quotes.quotes import QuoteFinder, sentence_tokens, word_of

_WORDS = re.compile(r"[a-z]+")
_SUBJECTS = ("nsubj", "nsubjpass")
#: a content shorter than this many words is not reported speech ("he said so")
MIN_CONTENT_WORDS = 3


def needs_parse(text: str, lex: QuoteLexicon) -> bool:
    """True when ``text`` has a verb of saying that can report indirect speech (a cheap scan)."""
    return not lex.indirect_forms.isdisjoint(_WORDS.findall(text.lower()))


def _edges(tokens) -> tuple[int, int]:
    toks = list(tokens)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].lower_ == "that" and toks[0].dep_ == "mark"):
        toks = toks[1:]
    if not toks:
        return 0, 0
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def from_parse(doc, offset: int, lex: QuoteLexicon) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
    """``[((content_start, content_end), (speaker_start, speaker_end), cue)]`` of a parsed sentence
    (offsets into the article: ``offset`` is where the sentence starts)."""
    out = []
    if not needs_parse(doc.text, lex):
        return out
    for tok in doc:
        verb = lex.cue_forms.get(tok.lower_)
        if verb is None or verb in lex.direct_only or not tok.tag_.startswith("VB"):
            continue
        comps = [c for c in tok.children if c.dep_ == "ccomp"]
        subj = [c for c in tok.children if c.dep_ in _SUBJECTS]
        if not subj and tok.dep_ in ("advcl", "xcomp", "conj") and tok.tag_ == "VBG":
            subj = [c for c in tok.head.children if c.dep_ in _SUBJECTS]   # "..., saying that ..."
        if not comps or not subj:
            continue
        comp = comps[0]
        cs, ce = _edges(t for t in comp.subtree)
        if ce - cs <= 0 or len(doc.text[cs - 0:ce].split()) < MIN_CONTENT_WORDS:
            continue
        # the content is the clause, without the frame when the clause comes first
        ss, se = _edges(subj[0].subtree)
        if se <= ss:
            continue
        out.append(((offset + cs, offset + ce), (offset + ss, offset + se), tok.text))
    return out


def according_to(text: str, offset: int, lex: QuoteLexicon) -> Optional[tuple[tuple[int, int], tuple[int, int], str]]:
    """"According to X, content." or "Content, according to X." in one sentence, or None."""
    for phrase in lex.according_to:
        m = re.search(rf"(?:^|,\s*)({re.escape(phrase)})\s+([^,.;:]{{2,150}}?)\s*(?:,|\.?\s*$)", text, re.I)
        if not m:
            continue
        sp = (offset + m.start(2), offset + m.end(2))
        if m.start(1) <= 3:             # at the start: the content follows the comma
            cs, ce = m.end(), len(text.rstrip(" .!?"))
        else:                           # at the end: the content is before it
            cs, ce = 0, m.start()
        content = text[cs:ce].strip(" ,")
        if len(content.split()) < MIN_CONTENT_WORDS:
            return None
        cs = text.index(content, cs)
        return (offset + cs, offset + cs + len(content)), sp, m.group(1).lower()
    return None


def inside(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    """True when ``pos`` lies in one of ``spans``."""
    return any(s <= pos < e for s, e in spans)


_TIME_WORDS = frozenset("""on in at today yesterday tonight monday tuesday wednesday thursday friday saturday sunday
a an the statement interview week weekend morning evening night earlier later last this""".split())


def from_words(finder: QuoteFinder, text: str, offset: int,
               frames: frozenset[int] = frozenset()) -> Optional[tuple[tuple[int, int], tuple[int, int], str]]:
    """Indirect speech read from the words alone, for a sentence nobody parsed:
    "X said (on Tuesday) (that) content." or "Content, X said (on Tuesday)." (offsets into the article).

    ``finder`` is the :class:`~eventwire.quotes.quotes.QuoteFinder` whose speaker rules it reuses;
    ``frames`` holds the offsets of cue words that frame a direct quote already (not read again).
    """
    lex = finder.lex
    if not needs_parse(text, lex):
        return None                                     # no verb of saying: nothing to read
    toks = sentence_tokens(text)
    for k in range(min(len(toks), 25)):
        if not finder.is_cue(toks, k):
            continue
        verb = lex.cue(word_of(toks[k]))
        if offset + toks[k][0] in frames:
            return None
        if verb in lex.direct_only or word_of(toks[k]).endswith("ing"):
            continue
        rest = [t for t in toks[k + 1:] if t[2] not in ".!?"]
        # "Content, X said (on Tuesday)."
        comma = max((i for i in range(k) if toks[i][2] == ","), default=None)
        if comma is not None and len(rest) <= 4 and all(word_of(t) in _TIME_WORDS or t[2][0].isupper() for t in rest):
            sp = finder.speaker_before(toks[comma + 1:], k - comma - 1) or \
                (finder.speaker_after(toks, k) if k == comma + 1 else None)
            if sp is not None and comma >= MIN_CONTENT_WORDS:
                return (offset + toks[0][0], offset + toks[comma - 1][1]), (offset + sp[0], offset + sp[1]), toks[k][2]
            return None
        # "X said (on Tuesday) (that) content"
        sp = finder.speaker_before(toks, k)
        if sp is None:
            return None
        j = k + 1
        words = [word_of(t) for t in toks[j:j + 7]]
        if "that" in words:
            j += words.index("that") + 1
        else:
            if verb == "tell" and j < len(toks):
                j += 1                                  # the one told: "told reporters", "told Reuters"
            while j < len(toks) and (word_of(toks[j]) in _TIME_WORDS or toks[j][2] == ","):
                if word_of(toks[j]) in ("a", "an", "the") and not (j + 1 < len(toks) and word_of(toks[j + 1]) in _TIME_WORDS):
                    break
                j += 1
        body = [t for t in toks[j:] if t[2] not in ".!?" or t is not toks[-1]]
        if len(body) < MIN_CONTENT_WORDS:
            return None
        end = body[-1][1]
        while text[end - 1] in ".!?":
            end -= 1
        return (offset + body[0][0], offset + end), (offset + sp[0], offset + sp[1]), toks[k][2]
    return None
