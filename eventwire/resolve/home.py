"""The home country of an article, given to its domestic actors that have no code.

News names domestic actors without their country: "police officers", "protesters",
"journalists", "many Democrats", "a top aide", a person the dictionary does not know
("Schiff", "Veatriki"). An article about Greek riots that names Greece, Athens and the Greek
police again and again tells the reader that its police and its protesters are Greek, and
PLOVER codes them so (GRC), as event datasets code domestic actors by the country of the story.

An article has a home country when one country dominates the dictionary actors and places it
names (its text and title, and the countries and regions of the place resolver's context): at least ``min_mentions`` mentions and ``min_share`` of all
country-coded mentions, and ``min_lead`` times the runner-up (``data/home_country.yaml``;
international organisations do not count). Each participant of the article's events that has
no country code, is not a pronoun left unresolved, and has passed the coder's participant test
(never a date, number or abstract noun) and is not an anonymous doer ("a suicide bomber", "the
gunmen", "pirates": ``anonymous_heads``) nor one seldom the home's own ("other countries", "aid
agencies", "ambassadors": ``foreign_heads``) then gets that country; its ``entry`` says so
(``home:<code>``, score ``score``), and the event's ``rules`` gain ``actor.home``.  A state act reported without its doer ("he
was arrested": ``implicit_authorities``) gets the home country's police or courts as source
(actor text "", entry ``home:implicit:<sector>``); so does the coder's own unnamed authority of
an investigation or a court's act (entry ``implicit:<sector>``, cues.yaml ``authority_acts``).
When the police or the courts tell of such an act themselves ("Kenyan police said two men were
arrested", "police said he was charged": the news gold codes the teller), the teller is its
doer (rule ``actor.teller``), with or without a home country.  An article with no home country lends, event
by event, the country of the event's place when its sentence or dateline names it ("Police
arrested twelve protesters in Nairobi": entry ``home:place:KEN``; "Police in Nairobi" is read by
the coder, :func:`eventwire.coding.participants.located_in`).  An article
with no dominant country changes nothing.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional, Sequence

from ..datafiles import load_yaml
from ..model import Actor, Article, Event

HOME_FILE = Path(__file__).resolve().parent.parent / "data" / "home_country.yaml"
RULE = "actor.home"
TELLER_RULE = "actor.teller"
PREFIX = "home:"


@dataclass(frozen=True)
class HomeSettings:
    min_mentions: int = 3
    min_share: float = 0.5
    min_lead: float = 2.0
    score: float = 0.5
    not_countries: frozenset[str] = frozenset()   # codes that are no country (IGO, NGO, ...)
    anonymous_heads: frozenset[str] = frozenset()  # "bomber", "gunman": anonymous doers keep no code
    foreign_heads: frozenset[str] = frozenset()    # "countries", "agencies", "ambassadors": not the home's
    foreign_modifiers: frozenset[str] = frozenset()  # "Western officials", "foreign troops": not the home's
    office_words: frozenset[str] = frozenset()     # ... but "the foreign minister" is the home's office
    implicit: tuple = ()       # ((event type, sector, trigger words), ...): the state's doerless acts
    place_sources: frozenset[str] = frozenset({"sentence", "dateline"})  # places that stand in for a home
    pair_heads: frozenset[str] = frozenset()   # "the two leaders", "both sides": a pair named before
    pair_share: float = 0.8    # ... the home's own only when the home makes this share of the country mentions

    @classmethod
    def load(cls, path: Path = HOME_FILE) -> "HomeSettings":
        data = load_yaml(path) or {}
        known = {"min_mentions", "min_share", "min_lead", "score", "not_countries", "anonymous_heads",
                 "foreign_heads", "foreign_modifiers", "office_words", "implicit_authorities", "pair_heads",
                 "pair_share"}
        bad = sorted(set(data) - known)
        if bad:
            raise ValueError(f"{path}: unknown keys {bad} (known: {sorted(known)})")
        kw = {k: data[k] for k in ("min_mentions", "min_share", "min_lead", "score", "pair_share") if k in data}
        return cls(**kw, not_countries=frozenset(str(c).upper() for c in data.get("not_countries") or ()),
                   anonymous_heads=frozenset(str(w).lower() for w in data.get("anonymous_heads") or ()),
                   foreign_heads=frozenset(str(w).lower() for w in data.get("foreign_heads") or ()),
                   foreign_modifiers=frozenset(str(w).lower() for w in data.get("foreign_modifiers") or ()),
                   office_words=frozenset(str(w).lower() for w in data.get("office_words") or ()),
                   pair_heads=frozenset(str(w).lower() for w in data.get("pair_heads") or ()),
                   implicit=tuple((str(t), str(sector), frozenset(str(w).lower() for w in words or ()))
                                  for t, by_sector in sorted((data.get("implicit_authorities") or {}).items())
                                  for sector, words in sorted((by_sector or {}).items())))


class HomeCountry:
    """Finds an article's home country with the actor dictionary (read-only: thread-safe)."""

    def __init__(self, actors, settings: Optional[HomeSettings] = None,
                 tellers: frozenset[str] = frozenset({"COP", "JUD"})) -> None:
        self.actors = actors
        self.tellers = tellers   # sectors that tell of their own doerless act (cues.yaml ``teller_sectors``)
        self.settings = settings or HomeSettings.load()

    def counts(self, texts: Iterable[str]) -> Counter:
        """Country codes of the dictionary mentions in ``texts``."""
        out: Counter = Counter()
        skip = self.settings.not_countries
        for text in texts:
            for _, _, a in self.actors.find_all(text or ""):
                code = (a.country or "").upper()
                if len(code) == 3 and code not in skip:
                    out[code] += 1
        return out

    def home(self, article: Article, where=None) -> Optional[str]:
        """The article's dominant country, or None.  ``where``: the article's place context
        (:class:`eventwire.resolve.places.Context`), whose country mentions count too."""
        return dominant(self.article_counts(article, where), self.settings)

    def article_counts(self, article: Article, where=None) -> Counter:
        """Country mentions of the article (text, title and, with ``where``, its place context)."""
        counts = self.counts((article.title or "", article.text))
        if where is not None:
            # the two scans see many of the same names ("Athens" as an actor and as a place):
            # a country counts as often as the scan that saw it most
            for c, n in where.countries.items():
                if c not in self.settings.not_countries and n > counts[c]:
                    counts[c] = n
        return counts

    def assign(self, article: Article, events: Sequence[Event], where=None) -> int:
        """Give the home country to the uncoded participants of ``events`` (in place); returns
        how many actors got it.  ``where``: as for :meth:`home`."""
        done = 0
        # the state's doer of each event, unnamed: the coder's ("an investigation was opened") or
        # that of an act reported without its doer ("he was arrested": implicit_authorities)
        sectors = []
        for e in events:
            teller = e.attribution
            sector = next((a.sector for a in e.source if _implicit(a)), None) or self.implicit_sector(e)
            if teller is not None and sector in self.tellers and teller.sector in self.tellers and (teller.text or "").strip():
                # "Kenyan police said two men were arrested": the police tell of their own act
                e.source = [replace(teller)]
                if TELLER_RULE not in e.rules:
                    e.rules.append(TELLER_RULE)
                done += 1
                sector = None
            sectors.append(sector)
        if not any(_open(a) or _implicit(a) for e in events for a in e.source + e.target) and not any(sectors):
            return done
        counts = self.article_counts(article, where)
        home = dominant(counts, self.settings)
        # "the two leaders" are the home's own only in a story of one country
        pairs_home = home is not None and counts[home] >= self.settings.pair_share * sum(counts.values())
        for e, sector in zip(events, sectors):
            hit = False
            # no home country: the country of the event's own place ("Police arrested twelve
            # protesters in Nairobi": Kenyan police), when the sentence or the dateline gives it
            code, entry = home, PREFIX + (home or "")
            if home is None:
                place = e.place
                if place is None or place.source not in self.settings.place_sources or not place.country \
                        or place.country.upper() in self.settings.not_countries:
                    continue
                code, entry = place.country, f"{PREFIX}place:{place.country}"
            for a in e.source + e.target:
                if _open(a) and not self.anonymous(a) and (pairs_home or not self.pair(a)):
                    a.country, a.entry, a.score = code, entry, self.settings.score
                    hit = True
                    done += 1
            if sector:
                if sector != "GOV" and e.target and all(a.sector == "GOV" and a.country and a.country != code
                                                        for a in e.target):
                    sector = "GOV"   # another state's envoy "was summoned": the government summons, no court
                e.source = [Actor(text="", name=f"{sector} ({code})", country=code, sector=sector,
                                  entry=f"{PREFIX}implicit:{sector}", score=self.settings.score)]
                hit = True
                done += 1
            if hit and RULE not in e.rules:
                e.rules.append(RULE)
        return done


    def implicit_sector(self, e: Event) -> Optional[str]:
        """The sector of the implicit state doer of ``e`` (a target, no source, a trigger word of
        ``implicit_authorities``), or None."""
        if e.source or not e.target or e.negated:
            return None
        word = (e.trigger or "").lower()
        return next((sector for t, sector, words in self.settings.implicit if t == e.event_type and word in words), None)

    def pair(self, a: Actor) -> bool:
        """A pair told by its number ("the two leaders", "both sides": ``pair_heads``)."""
        words = re.findall(r"[a-z]+", (a.text or "").lower())
        return bool(words) and bool(set(words[:-1]) & {"two", "both"}) and _head_in(words[-1], self.settings.pair_heads)

    def anonymous(self, a: Actor) -> bool:
        """An anonymous doer ("a suicide bomber", "the gunmen") or a participant seldom the home's
        own ("other countries", "aid agencies", "Western officials"): head word in ``anonymous_heads``
        or ``foreign_heads``, or a word of ``foreign_modifiers`` before it that does not name an
        office (``office_words``: "the foreign minister")."""
        words = re.findall(r"[a-z]+", (a.text or "").lower())
        if not words:
            return True
        st = self.settings
        if any(w in st.foreign_modifiers and words[i + 1] not in st.office_words for i, w in enumerate(words[:-1])):
            return True
        return _head_in(words[-1], st.anonymous_heads) or _head_in(words[-1], st.foreign_heads)


def dominant(counts: Counter, settings: HomeSettings) -> Optional[str]:
    """The code that dominates ``counts`` by the settings' three tests, or None."""
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    total = sum(counts.values())
    if n >= settings.min_mentions and n >= settings.min_share * total and n >= settings.min_lead * second:
        return top
    return None


def _implicit(a: Actor) -> bool:
    """The coder's unnamed authority with no code yet (eventwire.coding.mentions.IMPLICIT)."""
    return not a.country and (a.entry or "").startswith("implicit:")


def _open(a: Actor) -> bool:
    """An actor with no code that is a named or common-noun participant (not a pronoun)."""
    return not a.country and not (a.entry or "").startswith("pronoun:") and bool((a.text or "").strip())


def _head_in(head: str, heads: frozenset[str]) -> bool:
    """A head word, or its singular ("gunmen", "agencies", "leaders"), is one of ``heads``."""
    return head in heads or (head.endswith("s") and head[:-1] in heads) \
        or (head.endswith("ies") and head[:-3] + "y" in heads) \
        or (head.endswith("men") and head[:-3] + "man" in heads)
