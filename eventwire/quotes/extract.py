"""Quotes and numeric claims of one article, linked to its events.

:class:`QuoteExtractor` is loaded once per process (word lists, the actor dictionary).  Per batch
of articles, :func:`extract_batch` parses in one ``nlp.pipe`` call the sentences that need it and
that the coder did not parse already (those with a verb of saying outside direct quotes), then
:meth:`QuoteExtractor.extract` builds an article's :class:`~eventwire.model.Quote` and
:class:`~eventwire.model.Claim` records, links them to its events (an event whose trigger lies
inside a quote; the event nearest a number in its sentence) and sets the events' PLOVER
magnitudes (``dead``, ``injured``, ``size``).
"""
from __future__ import annotations

import bisect
import hashlib
import logging
import re
from typing import Callable, Optional, Sequence

from eventwire.model import Article, Claim, Event, Quote, Sentence, Speaker
from eventwire.quotes.claims import ClaimScanner, Number
from eventwire.quotes.indirect import according_to, from_parse, from_words, inside, needs_parse
from eventwire.quotes.lexicon import load_number_lexicon, load_quote_lexicon
from eventwire.quotes.marks import quoted_spans
from eventwire.quotes.quotes import Found, QuoteFinder
from eventwire.quotes.speakers import SpeakerResolver

_WORDS = re.compile(r"[a-z]+")
log = logging.getLogger(__name__)


def _id(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]


class _Item:
    """A quote being assembled: content span, kind, speaker span, cue."""

    __slots__ = ("start", "end", "kind", "sp", "cue", "speaker")

    def __init__(self, start: int, end: int, kind: str, sp: Optional[tuple[int, int]], cue: Optional[str]) -> None:
        self.start, self.end, self.kind, self.sp, self.cue = start, end, kind, sp, cue
        self.speaker: Optional[Speaker] = None


class QuoteExtractor:
    """Finds quotes and claims (loaded once per process; no state kept between articles)."""

    def __init__(self, actors, quote_files: Sequence[str] = (), number_files: Sequence[str] = (),
                 parse_indirect: bool = False) -> None:
        self.actors = actors
        self.parse_indirect = parse_indirect     # parse sentences for indirect speech (slower)
        self.lex = load_quote_lexicon(tuple(map(str, quote_files)))
        self.nlex = load_number_lexicon(tuple(map(str, number_files)))
        self.finder = QuoteFinder(self.lex)
        self.scanner = ClaimScanner(self.nlex)
        self._dead = self.nlex.lists["magnitude_dead"]
        self._injured = self.nlex.lists["magnitude_injured"]
        self._size = self.nlex.lists["magnitude_size"]

    # ------------------------------------------------------------------ parsing
    def to_parse(self, article: Article, sentences: Sequence[Sentence], parsed: set[int]) -> list[Sentence]:
        """Sentences worth parsing for indirect speech that are not parsed yet (none unless
        ``parse_indirect``: by default unparsed sentences are read by :func:`from_words`)."""
        if not self.parse_indirect:
            return []
        direct = [(q.start, q.end) for q in quoted_spans(article.text)]
        return [s for s in sentences if s.index not in parsed and needs_parse(s.text, self.lex)
                and not (inside(s.char_start, direct) and inside(s.char_end - 1, direct))]

    # ------------------------------------------------------------------ quotes
    def quotes(self, article: Article, sentences: Sequence[Sentence], docs: dict) -> list[Quote]:
        """The article's quotes (``docs``: spaCy parses by sentence index, where there are any)."""
        text = article.text
        found: list[Found] = self.finder.find(text, quoted_spans(text))
        items = [_Item(f.start, f.end, f.kind, f.frame.speaker if f.frame else None, f.frame.cue if f.frame else None)
                 for f in found]
        direct = [(f.start, f.end) for f in found if f.kind == "direct"]
        marked = [(f.start - 1, f.end + 1) for f in found]
        frames = frozenset(f.frame.cue_at for f in found if f.frame is not None and f.frame.cue_at >= 0)
        for s in sentences:
            got = 0
            doc = docs.get(s.index)
            if doc is not None:
                for (cs, ce), (ss, se), cue in from_parse(doc, s.char_start, self.lex):
                    if inside(cs, direct) or inside(ss, marked):
                        continue
                    ce = self._cut_at_quote(text, cs, ce, found)
                    if ce <= cs:
                        continue
                    items.append(_Item(cs, ce, "indirect", (ss, se), cue))
                    got += 1
            if got:
                continue
            has_marks = any(s.char_start <= a < s.char_end for a, _ in marked)
            acc = None if has_marks else according_to(s.text, s.char_start, self.lex)
            if acc is None:
                # the words, where nobody parsed or the parse found no complement ("told a briefing
                # that ..." read as a relative clause); next to quote marks only "said that ..."
                acc = from_words(self.finder, s.text, s.char_start, frames)
                if acc is not None and (inside(acc[0][0], direct) or inside(acc[1][0], marked)):
                    acc = None
            if acc is not None:
                (cs, ce), sp, cue = acc
                ce = self._cut_at_quote(text, cs, ce, found)
                if ce > cs:
                    items.append(_Item(cs, ce, "indirect", sp, cue))
        items.sort(key=lambda it: (it.start, it.end))
        resolver = SpeakerResolver(self.actors, self.lex, text)
        for it in items:
            if it.sp is not None:
                it.speaker = resolver.build(*it.sp)
        self._inherit(text, items)
        starts = [s.char_start for s in sentences]
        out = []
        for it in items:
            content = text[it.start:it.end]
            out.append(Quote(id=_id(article.doc_id, "quote", it.start, it.end, it.kind), doc_id=article.doc_id,
                             text=content, char_start=it.start, char_end=it.end, kind=it.kind, speaker=it.speaker,
                             cue=it.cue, sentence_index=max(0, bisect.bisect_right(starts, it.start) - 1)))
        return out

    def _cut_at_quote(self, text: str, cs: int, ce: int, found: list[Found]) -> int:
        """End reported content before a direct quote that follows it in the sentence
        ("said the march would go ahead, adding: "..."" -> "the march would go ahead")."""
        for f in found:
            if f.kind == "direct" and cs < f.start <= ce:
                ce = f.start - 1
                words = text[cs:ce].rstrip(" ,;:—–\"“").split()
                while words and (self.lex.cue(words[-1].strip(",;:")) or words[-1] in (",", ":")):
                    words.pop()
                return cs + len(" ".join(words)) if words and text[cs:].startswith(" ".join(words)) else \
                    cs + len(text[cs:ce].rstrip(" ,;:—–\"“"))
        return ce

    @staticmethod
    def _inherit(text: str, items: list[_Item]) -> None:
        """A direct quote with no frame continues the speaker of the quote before it (same or
        previous paragraph), or takes the one after it (same or next paragraph); a scare quote
        inside reported speech takes that speaker."""
        def para(pos: int) -> int:
            return text.count("\n\n", 0, pos) + text.count("\n", 0, pos)

        direct = [it for it in items if it.kind == "direct"]
        for i, it in enumerate(direct):
            if it.speaker is not None or it.sp is not None:
                continue
            prev = next((d for d in reversed(direct[:i]) if d.speaker is not None), None)
            if prev is not None and para(it.start) - para(prev.end) <= 2 and "\n" not in text[prev.end:it.start].strip("\n ") \
                    or prev is not None and para(it.start) - para(prev.end) <= 1:
                it.speaker, it.cue = prev.speaker, None
                continue
            nxt = next((d for d in direct[i + 1:] if d.sp is not None and d.speaker is not None), None)
            if nxt is not None and para(nxt.start) - para(it.end) <= 1:
                it.speaker = nxt.speaker
        reported = [it for it in items if it.kind == "indirect" and it.speaker is not None]
        for it in items:
            if it.kind == "mixed" and it.speaker is None:
                host = next((r for r in reported if r.start <= it.start < r.end + 1), None)
                if host is not None:
                    it.speaker, it.cue = host.speaker, host.cue

    # ------------------------------------------------------------------ claims
    def magnitude(self, text: str, n: Number) -> Optional[str]:
        """'dead', 'injured' or 'size' when the words around a number say so."""
        after = _WORDS.findall(text[n.end:n.end + 60].lower())[:4]
        before = text[max(0, n.start - 40):n.start].lower()
        near = set(after) | set(_WORDS.findall(before)[-1:])
        if near & self._dead or re.search(r"\b(?:death toll|toll)\b[^.]{0,20}$", before):
            return "dead"
        if near & self._injured:
            return "injured"
        if n.unit in self._size:
            return "size"
        return None

    def claims(self, article: Article, sentences: Sequence[Sentence], quotes: Sequence[Quote],
               events: Sequence[Event]) -> list[Claim]:
        """The article's numeric claims; sets the events' ``dead``/``injured``/``size``."""
        text = article.text
        starts = [s.char_start for s in sentences]
        out = []
        spoken = sorted((q for q in quotes if q.speaker is not None), key=lambda q: q.char_end - q.char_start)
        for n in self.scanner.scan(text):
            si = max(0, bisect.bisect_right(starts, n.start) - 1)
            q = next((q for q in spoken if q.char_start <= n.start < q.char_end), None)
            here = [e for e in events if e.sentence_index == si]
            event = min(here, key=lambda e: (abs(e.trigger_start - n.start), e.id)) if here else None
            mag = self.magnitude(text, n)
            if mag is not None:
                for e in here:
                    if getattr(e, mag) is None:
                        setattr(e, mag, n.value)
            out.append(Claim(id=_id(article.doc_id, "claim", n.start, n.end), doc_id=article.doc_id, value=n.value,
                             unit=n.unit, about=n.about, approximate=n.approximate, text=text[n.start:n.end],
                             char_start=n.start, char_end=n.end, speaker=q.speaker if q else None,
                             event_id=event.id if event else None, sentence_index=si))
        return out

    def extract(self, article: Article, sentences: Sequence[Sentence], docs: dict,
                events: Sequence[Event], quotes: Optional[list[Quote]] = None) -> tuple[list[Quote], list[Claim]]:
        """Quotes and claims of one article, linked to ``events`` (whose magnitudes it sets);
        ``quotes``: the article's quotes when the caller found them already (same parses)."""
        if quotes is None or self.parse_indirect:
            quotes = self.quotes(article, sentences, docs)
        for q in quotes:
            q.event_ids = [e.id for e in sorted(events, key=lambda e: (e.trigger_start, e.id))
                           if q.char_start <= e.trigger_start < q.char_end]
        return quotes, self.claims(article, sentences, quotes, events)


def extract_batch(extractor: QuoteExtractor, articles: Sequence[Article], sentences: Sequence[Sequence[Sentence]],
                  docs: Sequence[dict], events: Sequence[Sequence[Event]],
                  parse: Optional[Callable] = None, batch_size: int = 128,
                  found: Optional[Sequence[Optional[list[Quote]]]] = None) -> list[tuple[list[Quote], list[Claim]]]:
    """Quotes and claims of a batch: one parser call for the sentences still to parse.

    ``docs[k]`` maps sentence index -> spaCy ``Doc`` for what the coder parsed already (it is
    completed in place); ``parse`` defaults to :func:`eventwire.nlp.parse`; ``found[k]``: article
    k's quotes when the caller found them already (``None`` where not).
    """
    if parse is None:
        from eventwire.nlp import parse
    todo = [(k, s) for k, a in enumerate(articles) for s in extractor.to_parse(a, sentences[k], set(docs[k]))]
    if todo:
        for (k, s), doc in zip(todo, parse((s.text for _, s in todo), batch_size=batch_size)):
            docs[k][s.index] = doc
    out = []
    for k, a in enumerate(articles):
        try:
            out.append(extractor.extract(a, sentences[k], docs[k], events[k], found[k] if found else None))
        except Exception:  # noqa: BLE001 - quotes never cost an article its events
            log.warning("quotes and claims of %s failed; the article keeps its events", a.doc_id, exc_info=True)
            out.append(([], []))
    return out
