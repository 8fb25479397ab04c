"""Indirect speech: "X said (that) ...", read from the dependency parse of one sentence, and
"according to X, ..." read without one.

Only sentences with a verb of saying outside direct quotes are parsed
(:func:`needs_parse`); the pipeline hands over the parses it already made for coding.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from eventwire.quotes.lexicon import QuoteLexicon

_WORDS = re.compile(r"[a-z]+")
_SUBJECTS = ("nsubj", "nsubjpass")
#: a content shorter than this many words is not reported speech ("he said so")
MIN_CONTENT_WORDS = 3


def needs_parse(text: str, lex: QuoteLexicon) -> bool:
    """True when ``text`` has a verb of saying that can report indirect speech (a cheap scan)."""
    return any(lex.cue_forms.get(w) not in (None, *lex.direct_only) for w in _WORDS.findall(text.lower()))


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
