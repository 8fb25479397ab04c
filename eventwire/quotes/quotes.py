"""Quotes: quoted spans attributed to speakers, and indirect speech from the parse.

Direct quotes come from the quote-mark scan (:mod:`eventwire.quotes.marks`) and a frame next to
them, read word by word (no parse):

* after the closing mark: ``"...," Lavrov said`` / ``"...," said Lavrov`` / ``"...," he told
  reporters`` / ``"...," Pak Myong Su, President of the Board said Wednesday``;
* before the opening mark: ``Lavrov said: "..."`` / ``One source told Reuters, "..."`` /
  ``..., saying, "..."`` (the speaker is the sentence's subject) / ``According to X, "..."`` /
  ``KCNA quoted Kim Jong Un as saying, "..."``.

A quote with no frame is the previous quote's speaker continuing when it is whole sentences
("...," he said. "More words."), and a scare quote (``mixed``) when it is a short fragment inside
a sentence.  A quoted fragment inside reported speech (``X said that the deal was "dead"``) is
``mixed`` too, with that speaker.

Indirect speech comes from the dependency parse of the sentences that contain a verb of saying
and are not inside a direct quote: the verb's subject is the speaker, its clausal complement the
content ("Lavrov said that Russia is ready to help").  "According to X, ..." is read without a
parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from eventwire.quotes.lexicon import QuoteLexicon
from eventwire.quotes.marks import OPENING, STRAIGHT, Quoted

_TOKEN = re.compile(r"[A-Za-z0-9](?:[\w’'\-]|\.(?=\w))*\.?|[,;:.!?—–]")
_SENT_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z“\"‘(])")
_QUOTED_AS = re.compile(r"\b(?:quoted|cited)\s+(.{2,120}?)\s+as\s+(?:saying|telling|writing|stating)\b", re.S)
_MAX_SPEAKER_WORDS = 20


@dataclass
class Frame:
    """What attributes a quote: the speaker's span (offsets into the text) and the cue."""

    speaker: Optional[tuple[int, int]]
    cue: str
    mixed: bool = False      # the quote sits inside reported speech ("said that ... "quoted"")
    cue_at: int = -1         # offset of the cue word (-1 for phrases)


@dataclass
class Found:
    """A quote before it becomes a record."""

    start: int
    end: int
    kind: str
    frame: Optional[Frame]


def sentence_tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens ``(start, end, text)`` of ``text[start:end]``."""
    end = len(text) if end is None else end
    return _tokens(text, start, end)


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]


def word_of(tok: tuple[int, int, str]) -> str:
    """A token's word, lowercased, without a final period."""
    return tok[2].rstrip(".").lower()


_word = word_of


class QuoteFinder:
    """Finds the direct and mixed quotes of one text (no parse)."""

    def __init__(self, lexicon: QuoteLexicon) -> None:
        self.lex = lexicon

    # ------------------------------------------------------------------ frames
    def _plausible(self, toks: list) -> Optional[tuple[int, int]]:
        """The span of ``toks`` when it can be a speaker: no clause words in its first comma segment,
        at most 12 words before an appositive, not only function words; else None."""
        while toks and toks[-1][2] in ",;:.":
            toks = toks[:-1]
        if not toks:
            return None
        first = []
        for t in toks:
            if t[2] == ",":
                break
            first.append(_word(t))
        if len(first) > 12 or any(w in self.lex.speaker_reject for w in first):
            return None
        if all(w in self.lex.cue_blockers or w in self.lex.speaker_stop for w in first):
            return None
        last = toks[-1][2]
        cut = last.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,2}\.", last)
        return toks[0][0], toks[-1][1] - (1 if cut else 0)

    def is_cue(self, toks: list, k: int) -> bool:
        """True when token ``k`` is a verb of saying in lower case, not a noun after a determiner."""
        t = toks[k]
        return bool(self.lex.cue(_word(t))) and t[2][0].islower() and not (
            k > 0 and _word(toks[k - 1]) in self.lex.cue_blockers)

    def speaker_after(self, toks: list, k: int) -> Optional[tuple[int, int]]:
        span = []
        for t in toks[k + 1:k + 1 + _MAX_SPEAKER_WORDS]:
            w = _word(t)
            if t[2] in ",;:.!?—–" or (span and w in self.lex.speaker_stop) or self.lex.cue(w):
                break
            span.append(t)
        return self._plausible(span) if span else None

    def speaker_before(self, toks: list, k: int) -> Optional[tuple[int, int]]:
        words = toks[:k]
        while words and (_word(words[-1]) in self.lex.speaker_skip or words[-1][2] in ",—–"):
            words = words[:-1]
        if not words or len(words) > _MAX_SPEAKER_WORDS:
            return None
        # comma segments: "Last week, Lavrov" -> "Lavrov"; "Nagi Shafik, a former official" keeps both
        segs: list[list] = [[]]
        for t in words:
            if t[2] == ",":
                segs.append([])
            else:
                segs[-1].append(t)
        # an age is no speaker segment ("Greg Kojak, 36, said")
        segs = [s for s in segs if s and not (len(s) == 1 and s[0][2][0].isdigit())]
        if not segs:
            return None
        chosen = segs[-1]
        if len(segs) > 1 and not (len(chosen) == 1 and _word(chosen[0]) in self.lex.pronouns):
            first = _word(chosen[0])
            if chosen[0][2][0].islower() or first in ("a", "an", "the", "former", "who"):
                chosen = segs[-2] + chosen
            elif all(t[2][0].isupper() for t in segs[-2]) and chosen[0][2][0].isupper() \
                    and _word(segs[-2][0]) not in ("on", "in", "at", "last", "earlier", "however", "meanwhile"):
                chosen = segs[-2] + chosen          # "Pak Myong Su, President of the Board said"
        while chosen and _word(chosen[0]) in self.lex.speaker_skip:
            chosen = chosen[1:]
        span = self._plausible(chosen)
        if span is None and chosen:
            # a clause ran into the frame ("... the team at Mercedes are He added"): keep a pronoun
            # or the capitalised name right before the cue
            if _word(chosen[-1]) in self.lex.pronouns:
                return chosen[-1][0], chosen[-1][1]
            run = []
            for t in reversed(chosen):
                if not t[2][0].isupper():
                    break
                run.insert(0, t)
            if len(run) >= 2:
                return run[0][0], run[-1][1]
        return span

    def tail_frame(self, text: str, q: Quoted, limit: int) -> Optional[Frame]:
        """The frame after the closing mark (``"...," Lavrov said``), or None."""
        content = text[q.start:q.end].rstrip()
        end = q.close_mark + 1
        m = _SENT_END.search(text, end, limit)
        stop = m.start() + 1 if m else limit
        toks = _tokens(text, end, stop)
        if not toks or toks[0][2] == "." or word_of(toks[0]) in ("and", "but", "or"):
            return None                            # '"..." and said ...': a second verb, not a frame
        ends_sentence = content.endswith((".", "…")) and not content.endswith("..")
        qa = _QUOTED_AS.search(text, end, stop)
        if qa and qa.start() - end < 80:
            return Frame((qa.start(1), qa.end(1)), "quoted as saying")
        for k, t in enumerate(toks[:_MAX_SPEAKER_WORDS + 1]):
            if not self.is_cue(toks, k):
                continue
            if k == 0 or not toks[:k] or all(x[2] in ",—–" for x in toks[:k]):
                return Frame(self.speaker_after(toks, k), t[2].rstrip("."), cue_at=t[0])
            if ends_sentence and toks[0][2][0].isupper():
                return None                        # a new sentence, not a frame
            return Frame(self.speaker_before(toks, k), t[2].rstrip("."), cue_at=t[0])
        return None

    def head_frame(self, text: str, q: Quoted, floor: int) -> Optional[Frame]:
        """The frame before the opening mark (``Lavrov said: "..."``), or None."""
        start = floor
        for m in _SENT_END.finditer(text, floor, q.open_mark):
            start = m.end()
        head = text[start:q.open_mark]
        stripped = head.rstrip()
        if not stripped:
            return None
        for phrase in self.lex.according_to:
            m = re.search(rf"\b{re.escape(phrase)}\s+([^,:]{{2,150}}?)\s*[,:]?\s*$", head, re.I)
            if m:
                return Frame((start + m.start(1), start + m.end(1)), phrase)
        qa = _QUOTED_AS.search(text, start, q.open_mark)
        if qa:
            return Frame((qa.start(1), qa.end(1)), "quoted as saying")
        toks = _tokens(text, start, q.open_mark)
        for k in range(len(toks) - 1, max(-1, len(toks) - 9), -1):
            t = toks[k]
            if not self.is_cue(toks, k):
                continue
            after = [_word(x) for x in toks[k + 1:]]
            mixed = "that" in after
            if len(after) > 6 or not mixed and not stripped.endswith((",", ":", "—", "–", t[2])):
                return None
            if _word(t).endswith("ing") and k > 0:
                # "..., saying, "..."": the sentence's subject said it
                for j in range(k):
                    if self.lex.cue(_word(toks[j])) and not _word(toks[j]).endswith("ing"):
                        return Frame(self.speaker_before(toks, j), t[2], mixed, t[0])
                return Frame(self._leading_name(toks[:k]), t[2], mixed, t[0])
            sp = self.speaker_before(toks, k)
            if sp is None:
                sp = self.speaker_after(toks, k)
            return Frame(sp, t[2].rstrip("."), mixed, t[0])
        return None

    @staticmethod
    def _leading_name(toks: list) -> Optional[tuple[int, int]]:
        run = []
        for t in toks:
            if t[2][0].isupper() or (run and _word(t) in ("of", "the", "for")):
                run.append(t)
            elif run:
                break
        return (run[0][0], run[-1][1]) if run else None

    # ------------------------------------------------------------------ quotes
    def find(self, text: str, quoted: list[Quoted]) -> list[Found]:
        """Attribute each quoted span, or call it a continuation or a scare quote."""
        out: list[Found] = []
        for i, q in enumerate(quoted):
            para_start = text.rfind("\n", 0, q.open_mark) + 1
            para_end = text.find("\n", q.close_mark)
            para_end = len(text) if para_end < 0 else para_end
            nxt = quoted[i + 1].open_mark if i + 1 < len(quoted) else para_end
            prev_close = quoted[i - 1].close_mark + 1 if i > 0 else 0
            frame = self.tail_frame(text, q, min(para_end, nxt, q.close_mark + 400))
            if frame is None:
                frame = self.head_frame(text, q, max(para_start, prev_close, q.open_mark - 400))
            content = text[q.start:q.end].strip()
            words = len(content.split())
            at_start = not text[para_start:q.open_mark].strip() or bool(
                re.search(r"[.!?]\s*$", text[max(para_start, prev_close - 1):q.open_mark]))
            whole = content[:1].isupper() and content.endswith((".", "!", "?", ",", ".”", "…"))
            if frame is not None:
                kind = "mixed" if frame.mixed and not (whole and words > self.lex.max_scare_words) else "direct"
                if kind == "direct" and words <= 2 and not content[:1].isupper():
                    kind = "mixed"
            elif at_start and whole:
                kind = "direct"
            else:
                kind = "mixed"
            out.append(Found(q.start, q.end, kind, frame))
        return out


def is_quote_mark(ch: str) -> bool:
    """True for the double quote marks the scan pairs."""
    return ch in OPENING or ch in "”»" or ch == STRAIGHT
