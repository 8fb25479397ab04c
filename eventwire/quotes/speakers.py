"""Speakers: a span of text -> :class:`~eventwire.model.Speaker`, and pronouns resolved.

* :class:`SpeakerResolver` turns the words before or after a cue ("Russian Foreign Minister
  Sergey Lavrov", "Pak Myong Su, President of the State Sanitary Inspection Board", "he", "the
  minister", "Shafik") into a speaker: the actor dictionary gives country and sector from titles
  and nationalities; a person's name is the dictionary's or the capitalised words left over; a
  pronoun or a definite title ("the minister") takes the nearest compatible speaker before it; a
  bare surname takes the full name given earlier.
* :func:`speaker_for_offset` and :func:`antecedent_for` are pure functions the coder can call to
  give a pronoun participant an actor: first-person words inside a direct quote are the
  speaker's side; a third-person subject pronoun outside quotes is the one compatible actor of
  the nearest previous sentence that names any (none when two differ: no guess).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional, Sequence

from eventwire.model import Actor, Quote, Speaker
from eventwire.quotes.lexicon import QuoteLexicon

#: capitalised words that start a phrase without being part of a name
_NOT_NAME = frozenset("""the a an one two three some another his her their its our my your this that these those
former senior top chief acting deputy interim new late mr mrs ms dr""".split())
_CAP_WORD = re.compile(r"[A-Z][\w’'.\-]*")
_DEFINITE = re.compile(r"^(?:the|this|that)\s+[a-z][a-z\s\-]*$", re.I)


def _kind_of(speaker: Speaker, entry: str) -> str:
    """'person' (a named person or a title: "the minister") or 'group' (organisations, countries, plurals)."""
    if "person:" in entry:
        return "person"
    if entry.startswith(("org:", "country:")) or speaker.text.lower().endswith("s"):
        return "group"
    if speaker.name or entry.startswith("sector:") or "+sector:" in entry:
        return "person"
    return "group"


class SpeakerResolver:
    """Builds speakers for one article, remembering the ones already seen (for pronouns)."""

    def __init__(self, actors, lexicon: QuoteLexicon, text: str) -> None:
        self.actors = actors
        self.lexicon = lexicon
        self.text = text
        self.seen: list[tuple[int, Speaker, str]] = []   # (offset, speaker, person|group)

    # ------------------------------------------------------------------ naming
    def person_name(self, span: str) -> Optional[str]:
        """The capitalised name words of ``span`` that no dictionary entry explains ("Ambassador
        Alexander Matsegora" -> "Alexander Matsegora"), from its first comma segment."""
        head = span.split(",")[0]
        covered = [(s, e) for s, e, a in self.actors.find_all(head) if "person:" not in (a.entry or "")]
        runs: list[list[str]] = [[]]
        for m in _CAP_WORD.finditer(head):
            inside = any(s <= m.start() < e for s, e in covered)
            gap = head[runs[-1][-1][1]:m.start()] if runs[-1] else ""
            if inside or m.group(0).lower() in _NOT_NAME or (runs[-1] and gap.strip()):
                runs.append([])
            if not inside and m.group(0).lower() not in _NOT_NAME:
                runs[-1].append((m.start(), m.end()))
        runs = [r for r in runs if r and not re.search(r"['’]s?$", head[r[-1][0]:r[-1][1]])]
        # capitalised words before a common noun modify it, they name no one ("Multiple reports",
        # "A London Ambulance Service spokesman", "Hillary superfan Katy Perry" -> Katy Perry)
        runs = [r for r in runs if not re.match(r"\s+[a-z]", head[r[-1][1]:])]
        if not runs:
            return None
        best = runs[-1]
        return head[best[0][0]:best[-1][1]].strip(".")

    def build(self, start: int, end: int) -> Optional[Speaker]:
        """The speaker written at ``text[start:end]`` (offsets into the article), or None."""
        span = self.text[start:end]
        lead = len(span) - len(span.lstrip(" ,;:—–-"))
        span = span.strip(" ,;:—–-")
        start += lead
        end = start + len(span)
        if not span or len(span) > 200 or not re.search(r"[A-Za-z]", span):
            return None
        low = span.lower()
        pron = self.lexicon.pronouns.get(low)
        if pron is not None:
            return self._from_pronoun(span, start, end, pron)
        if _DEFINITE.match(span):
            head = low.split()[-1]
            for _, sp, _kind in reversed(self.seen):
                if head in sp.text.lower() and sp is not None:
                    found = replace(sp, text=span, char_start=start, char_end=end)
                    self.seen.append((start, found, _kind))
                    return found
        actor = self.actors.resolve(span)
        entry = (actor.entry or "") if actor else ""
        name = actor.name if actor is not None and "person:" in entry else self.person_name(span)
        if name is None and entry.startswith("org:"):
            name = actor.name
        sp = Speaker(text=span, name=name, country=actor.country if actor else None,
                     sector=actor.sector if actor else None, char_start=start, char_end=end)
        if name and " " not in name and (actor is None or "person:" not in entry):
            # a bare surname takes the full name (and codes) given earlier
            for _, prev, _kind in reversed(self.seen):
                if prev.name and prev.name.split()[-1] == name and prev.name != name:
                    sp = replace(prev, text=span, char_start=start, char_end=end)
                    break
        kind = _kind_of(sp, entry)
        self.seen.append((start, sp, kind))
        return sp

    def _from_pronoun(self, span: str, start: int, end: int, kind: str) -> Speaker:
        want = "person" if kind == "person" else "group"
        for off, prev, pkind in reversed(self.seen):
            if off < start and pkind == want and (prev.name or prev.country or prev.sector):
                sp = Speaker(text=span, name=prev.name, country=prev.country, sector=prev.sector,
                             char_start=start, char_end=end)
                self.seen.append((start, sp, pkind))
                return sp
        if want == "person":
            named = self.mentioned_person(start)
            if named is not None:
                sp = Speaker(text=span, name=named.name, country=named.country, sector=named.sector,
                             char_start=start, char_end=end)
                self.seen.append((start, sp, "person"))
                return sp
        return Speaker(text=span, char_start=start, char_end=end)

    def mentioned_person(self, pos: int, window: int = 400) -> Optional[Speaker]:
        """The nearest person named before ``pos`` (not only speakers): a dictionary person, or a
        title followed by a capitalised name ("Mayor Ana Duarte spoke ..." -> Ana Duarte)."""
        lo = max(0, pos - window)
        chunk = self.text[lo:pos]
        best: Optional[tuple[int, int]] = None
        for s, e, actor in self.actors.find_all(chunk):
            entry = actor.entry or ""
            if "person:" in entry:
                cand = (s, e)
            elif entry.startswith("sector:") and (m := re.match(r"\s+((?:[A-Z][\w’'\-]+\s?){2,4})", chunk[e:])):
                cand = (s, e + m.end(1))
            else:
                continue
            if best is None or cand[0] > best[0]:
                best = cand
        if best is None:
            return None
        span = chunk[best[0]:best[1]].strip()
        actor = self.actors.resolve(span)
        name = actor.name if actor is not None and "person:" in (actor.entry or "") else self.person_name(span)
        if not name:
            return None
        return Speaker(text=span, name=name, country=actor.country if actor else None,
                       sector=actor.sector if actor else None, char_start=lo + best[0], char_end=lo + best[1])


# --------------------------------------------------------------------------- pronoun hooks

def speaker_for_offset(quotes: Sequence[Quote], char_offset: int) -> Optional[Actor]:
    """The speaker's actor for a first-person word at ``char_offset`` inside a direct quote.

    ``quotes`` are the article's quotes (:func:`eventwire.quotes.extract.extract_article`).
    Returns None outside direct quotes or when the speaker is unknown or resolves to nothing.
    """
    for q in quotes:
        if q.kind == "direct" and q.char_start <= char_offset < q.char_end and q.speaker is not None:
            s = q.speaker
            if not (s.country or s.name or s.sector):
                return None
            return Actor(text=s.text, name=s.name, country=s.country, sector=s.sector,
                         char_start=s.char_start, char_end=s.char_end, entry="quote-speaker")
    return None


def _compatible(actor: Actor, kind: str) -> bool:
    entry = actor.entry or ""
    if kind == "person":
        return "person:" in entry
    if kind == "thing":
        return entry.startswith(("country:", "org:")) and "person:" not in entry
    if kind == "group":
        return entry.startswith("org:") or (entry.startswith("sector:") and actor.text.lower().endswith("s"))
    return False


def antecedent_for(text: str, sentences: Sequence, char_offset: int, pronoun: str, actors,
                   lexicon: QuoteLexicon, quotes: Sequence[Quote] = (), max_back: int = 3) -> Optional[Actor]:
    """The actor a third-person subject pronoun outside quotes stands for, when unambiguous.

    Args:
        text (str): the article text.
        sentences: the article's sentences (objects with ``char_start``/``char_end``), in order.
        char_offset (int): where the pronoun is, into ``text``.
        pronoun (str): the pronoun as written ("it", "they", "he").
        actors (ActorDictionary): the dictionary used to find actors.
        lexicon (QuoteLexicon): gives the pronoun's kind (person, group, thing).
        quotes: the article's quotes; a pronoun inside a direct quote gets None here
            (see :func:`speaker_for_offset`), and actors inside direct quotes are not antecedents.
        max_back (int): how many previous sentences to look at.

    RETURNS (Actor or None): the one compatible actor of the nearest previous sentence that has
    any (offsets into ``text``); None when that sentence has two different ones, or none is found.
    """
    kind = lexicon.third_person.get(pronoun.lower())
    if kind is None:
        return None
    direct = [(q.char_start, q.char_end) for q in quotes if q.kind == "direct"]
    if any(s <= char_offset < e for s, e in direct):
        return None
    idx = next((i for i, s in enumerate(sentences) if s.char_start <= char_offset < s.char_end), None)
    if idx is None:
        return None
    for j in range(idx - 1, max(-1, idx - 1 - max_back), -1):
        sent = sentences[j]
        found: dict[tuple, Actor] = {}
        for s, e, actor in actors.find_all(text[sent.char_start:sent.char_end]):
            a0 = sent.char_start + s
            if any(qs <= a0 < qe for qs, qe in direct) or not _compatible(actor, kind):
                continue
            key = (actor.country, actor.sector, actor.name)
            found.setdefault(key, replace(actor, char_start=a0, char_end=sent.char_start + e))
        if len(found) == 1:
            return next(iter(found.values()))
        if len(found) > 1:
            return None
    return None
