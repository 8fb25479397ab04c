"""Event places: where each coded event happened, from the text, offline, with coordinates.

For an event, in this order (the first that gives a place wins):

1. ``sentence``: a place in a locative role in the event's sentence, found on the sentence's
   dependency parse: the object of a locative preposition ("in Amman", "near the border town of
   Rafah", "at the UN headquarters in Geneva"), a place modifying such a phrase ("at a Kabul
   hospital"), a city or region the trigger verb takes as object ("shelled Donetsk"), or
   "X-based".  Phrases attached to the trigger's clause come before other locative phrases of the
   sentence, then the nearer to the trigger;
2. ``dateline``: the article's wire dateline ("SEOUL, Dec. 29 (Reuters) -");
3. ``article``: the country, when every place the article names in a locative role lies in one
   country.

Otherwise the place is None: an actor's nationality alone never gives a place.

A name with several gazetteer entries (Paris, Texas and Paris, France; Georgia the country and
the US state) is resolved by a qualifier in the text ("Paris, Texas"), then by the countries and
regions the article names and the countries of the event's actors, then by the entries' priors
(our files, countries, population).  Names that are also common words ("Nice", "Reading") are
taken only with a qualifier or in a dateline (see :mod:`eventwire.resolve.gazetteer`).

The pipeline calls :meth:`PlaceResolver.candidates` where it has each sentence's parse, and
:meth:`PlaceResolver.assign` once an article's events are built.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from eventwire.datafiles import load_yaml
from eventwire.model import Article, Event, Place
from eventwire.nlp import dateline_length
from eventwire.resolve.gazetteer import (
    PLACE_DATA_DIR,
    Gazetteer,
    GazPlace,
    fold,
    load_gazetteer,
)

__all__ = ["Candidate", "Context", "PlaceResolver", "Locatives", "load_locatives", "locate"]

# scores added to an entry's prior when choosing among the entries of one name
QUALIFIER_BONUS = 10.0
ARTICLE_COUNTRY_BONUS = 2.0
ARTICLE_REGION_BONUS = 1.0
ACTOR_COUNTRY_BONUS = 2.0
NAMESAKE_CITY_BONUS = 2.0
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'\u2019.-]*)")
_PREV_WORD = re.compile(r"\b([A-Z][\w'\u2019-]*\.?)[ \t]+$")
#: a qualifier: ", Texas" / ", France" right after the name
_QUALIFIER_GAP = re.compile(r"^,\s*$")
_POSSESSIVE = re.compile(r"^['\u2019]s?\b")
# the dateline's place: leading words in capitals, then an optional ", Qualifier"
_DATELINE_PLACE = re.compile(r"^\s*([A-Z][A-Z.'\- ]*[A-Z.])(?:\s*,\s*([A-Z][A-Za-z.' ]{1,30}?)(?=\s*[,(\-—–/]|\s+\d))?")


@dataclass(frozen=True)
class Locatives:
    """The word lists of ``data/places/locative.yaml``."""

    prepositions: frozenset[str]
    noun_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    based: re.Pattern
    of_noun: re.Pattern          # "the city of " right before a name: a qualifier
    admin_words: frozenset[str]
    continuations: frozenset[str]
    before_name: frozenset[str]  # capitalised words that may stand right before a place name
    ends_phrase: re.Pattern      # what may follow a name that ends a locative phrase (no parse)

    @property
    def text_pattern(self) -> re.Pattern:
        """A locative phrase ending right before a name, for text without a parse."""
        return _text_pattern(self)


@functools.lru_cache(maxsize=4)
def _text_pattern(loc: Locatives) -> re.Pattern:
    preps = "|".join(sorted(loc.prepositions, key=len, reverse=True))
    nouns = "|".join(sorted(loc.place_nouns, key=len, reverse=True))
    return re.compile(rf"\b(?:{preps})\s+(?:the\s+|a\s+)?(?:(?:[\w-]+\s+){{0,2}}(?:{nouns})\s+of\s+)?$", re.I)


@functools.lru_cache(maxsize=1)
def load_locatives() -> Locatives:
    """Read ``data/places/locative.yaml`` once per process."""
    data = load_yaml(PLACE_DATA_DIR / "locative.yaml") or {}
    suffixes = "|".join(re.escape(s) for s in sorted(data.get("based_suffixes") or []))
    return Locatives(
        frozenset(w.lower() for w in data.get("prepositions") or []),
        frozenset(w.lower() for w in data.get("noun_prepositions") or []),
        frozenset(w.lower() for w in data.get("place_nouns") or []),
        re.compile(rf"^\s?[-\u2010-\u2015]\s?(?:{suffixes})\b", re.I),
        re.compile(r"\b(?:" + "|".join(sorted(w.lower() for w in data.get("place_nouns") or [])) + r")\s+of\s+$",
                   re.I),
        frozenset(w.lower() for w in data.get("admin_words") or []),
        frozenset(w.lower() for w in data.get("continuations") or []),
        frozenset(w.lower() for key in ("prepositions", "noun_prepositions", "place_nouns", "continuations",
                                        "before_name") for w in data.get(key) or []),
        re.compile(r"^(?:\s*(?:[.,;:!?)\"'\u201d\u2019]|$)|\s+(?:" + "|".join(sorted(
            {re.escape(w.lower()) for w in data.get("after_name") or []})) + r")\b)", re.I),
    )


@dataclass(frozen=True)
class Candidate:
    """A place name of the event's sentence in a locative role (not yet resolved)."""

    start: Optional[int]         # char offsets into Article.text (None: not in the text)
    end: Optional[int]
    text: str
    key: str
    tier: int                    # 0: attached to the trigger's clause; 1: elsewhere in the sentence
    distance: int                # tokens from the trigger
    qualifier: Optional[str] = None   # "Texas" in "Paris, Texas"
    qualified: bool = False      # "the city of Split": a common word is a place here
    region: bool = False         # "Kandahar Province": the region, not its namesake city


@dataclass
class Context:
    """What an article tells about where it is: countries and regions it names, its dateline."""

    countries: Counter
    regions: frozenset[str]
    dateline: Optional[Place]
    article_country: Optional[Place]


class PlaceResolver:
    """Finds and resolves event places (the gazetteer is built by the first resolver of a process and shared)."""

    def __init__(self, place_files: Sequence[str] = ()) -> None:
        self.place_files = tuple(str(p) for p in place_files)
        self.loc = load_locatives()
        # built here, once per process (a forked worker inherits its parent's); a bad user file
        # raises ValueError with file:line
        self.gazetteer: Gazetteer = load_gazetteer(self.place_files)

    # ------------------------------------------------------------------ sentence level
    def candidates(self, doc, text: str, offset: int, trigger_start: int) -> list[Candidate]:
        """Place names of one parsed sentence in a locative role, best first.

        ``doc`` is the spaCy parse of ``text``; ``offset`` is where ``text`` starts in the
        article; ``trigger_start`` is the event trigger's article offset.
        """
        gaz = self.gazetteer
        found = gaz.scan(text)
        if not found:
            return []
        trig = _token_at(doc, trigger_start - offset)
        out: list[Candidate] = []
        skip_next = False
        for i, (s, e, key) in enumerate(found):
            if skip_next:
                skip_next = False
                continue
            if _POSSESSIVE.match(text[e:e + 3]):
                continue                                   # "China's decision": an actor, not a place
            qualifier = None
            if i + 1 < len(found) and _QUALIFIER_GAP.match(text[e:found[i + 1][0]]):
                qualifier = found[i + 1][2]                # "Wonsan, North Korea", "Paris, Texas"
                skip_next = True
            nxt = _NEXT_WORD.match(text, e)
            region = False
            if nxt is not None:
                word = nxt.group(1).lower()
                region = word in self.loc.admin_words
                if not (region or word in self.loc.continuations):
                    continue                               # "Paris Saint-Germain", "Jordan Peterson"
            prev = _PREV_WORD.search(text, 0, s)
            if prev is not None and prev.start(1) > 0 and prev.group(1).lower() not in self.loc.before_name:
                continue                                   # "George W Bush", "Laura Bush"
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            role = self._role(span.root, trig, gaz.candidates(key))
            qualified = bool(self.loc.of_noun.search(text[max(0, s - 40):s]))
            if role is None and self.loc.based.match(text[e:e + 20]):
                role = 1                                   # "a Moscow-based group"
            if role is None:
                continue
            dist = abs(span.root.i - trig.i) if trig is not None else 0
            out.append(Candidate(s + offset, e + offset, text[s:e], key, role, dist, qualifier, qualified, region))
        out.sort(key=lambda c: (c.tier, c.distance, c.start))
        return out

    def _role(self, tok, trig, entries: Sequence[GazPlace]) -> Optional[int]:
        """0 when ``tok`` is locative in the trigger's clause, 1 when locative elsewhere or only
        modifying a participant ("a Cairo court"), None otherwise."""
        loc = self.loc
        cur = tok
        demoted = 0
        for _ in range(8):
            dep = cur.dep_
            if dep in ("compound", "amod", "nmod") and cur.head.i != cur.i:
                head = cur.head
                if head.lower_ in loc.place_nouns and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
                    demoted = 1                            # "the Sinai town of El Arish": El Arish is the place
                if head.lower_ not in loc.place_nouns and (not entries or entries[0].feature == "country"):
                    return None                            # "in the US election": the country qualifies a thing
                if head.dep_ in ("nsubj", "nsubjpass", "dobj") and trig is not None and head.head.i == trig.i \
                        and head.lower_ not in loc.place_nouns:
                    return 1                               # "a Cairo court sentenced": where the participant is
                cur = head
                continue
            if dep in ("appos", "conj", "flat") and cur.head.i != cur.i:
                cur = cur.head
                continue
            if dep == "pobj":
                prep = cur.head
                word = prep.lower_
                if word == "of" and prep.head.lower_ in loc.place_nouns and prep.head.i != cur.i:
                    cur = prep.head                        # "the border town of X", "outskirts of X"
                    continue
                if word in loc.prepositions or (word in loc.noun_prepositions and cur.i != tok.i
                                                and cur.lower_ in loc.place_nouns):
                    return (0 if trig is not None and _same_clause(prep, trig) else 1) + demoted
                return None
            if dep in ("dobj", "nsubjpass") and trig is not None and cur.head.i == trig.i and \
                    (cur.i == tok.i or cur.lower_ in loc.place_nouns) and _is_local(entries):
                return 1 + demoted                         # "shelled Donetsk", "shelled the outskirts of Aleppo"
            return None
        return None

    # ------------------------------------------------------------------ article level
    def context(self, article: Article) -> Context:
        """Countries and regions the article names, its dateline place, its one locative country."""
        gaz = self.gazetteer
        text = article.text
        countries: Counter = Counter()
        regions: set[str] = set()
        located: set[str] = set()
        pattern = self.loc.text_pattern
        for s, e, key in gaz.scan(text):
            entries = gaz.candidates(key)
            if not entries or gaz.is_common(key):
                continue
            top = entries[0]
            if any(p.country != top.country for p in entries):
                continue                                   # "Paris", "Georgia": the question, not the context
            if top.origin != "geonames" or top.feature in ("country", "region"):
                countries[top.country] += 1
                if top.feature == "region":
                    regions.add(fold(top.name))
                elif top.admin1:
                    regions.add(fold(top.admin1))          # "Atlanta" tells the article is in Georgia
            if pattern.search(text[max(0, s - 60):s]) and self.loc.ends_phrase.match(text[e:e + 30]):
                if top.origin != "geonames" or top.feature == "country" or len(entries) == 1:
                    located.add(top.country)
        article_country = None
        if len(located) == 1:
            (code,) = located
            p = gaz.country_place.get(code)
            if p is not None:
                article_country = _to_place(p, p.name, "article", None, None)
        ctx = Context(countries, frozenset(regions), None, article_country)
        ctx.dateline = self._dateline(text, str((article.meta or {}).get("dateline_place") or ""), ctx)
        return ctx

    def _dateline(self, text: str, stripped: str, ctx: Context) -> Optional[Place]:
        """The dateline's place: the one ingest stripped (``meta["dateline_place"]``), or one still
        heading the text."""
        start: Optional[int] = 0
        if stripped:
            head, start = stripped, None
        else:
            n = dateline_length(text[:200])
            if not n:
                return None
            head = text[:n]
        m = _DATELINE_PLACE.match(head + " -")
        if not m:
            return None
        name = m.group(1).strip(" .-")
        qualifier = " ".join(fold(m.group(2)).split()) if m.group(2) else None
        s = None if start is None else m.start(1)
        cand = Candidate(s, None if s is None else s + len(name), name, " ".join(fold(name).split()), 0, 0,
                         qualifier, True)
        return self._resolve(cand, ctx, (), "dateline")

    # ------------------------------------------------------------------ resolution
    def _resolve(self, cand: Candidate, ctx: Context, actor_countries: Iterable[str],
                 source: str) -> Optional[Place]:
        gaz = self.gazetteer
        entries = gaz.candidates(cand.key)
        if not entries:
            return None
        if gaz.is_common(cand.key) and not cand.qualified and cand.qualifier is None:
            return None
        q_countries: set[str] = set()
        q_regions: set[str] = set()
        if cand.qualifier:
            for p in gaz.candidates(cand.qualifier):
                if p.feature == "country":
                    q_countries.add(p.country)
                elif p.feature == "region":
                    q_regions.add(fold(p.name))
        actors = set(actor_countries)
        counts = ctx.countries + Counter(actors)
        total = max(1, sum(counts.values()))

        def score(p: GazPlace) -> float:
            s = p.prior
            if (p.admin1 and fold(p.admin1) in q_regions) or (p.country in q_countries and p.feature != "country"):
                s += QUALIFIER_BONUS
            # the article's countries and regions count by (the square of) the country's share of the article's
            # unambiguous places and actors, so that one passing mention ("Chicago wheat
            # futures" in a story about Russia and Ukraine) does not move "Geneva" to Illinois
            share = (counts.get(p.country, 0) / total) ** 2     # a minor country counts little
            s += ARTICLE_COUNTRY_BONUS * share
            if fold(p.admin1 or (p.name if p.feature == "region" else "")) in ctx.regions:
                s += ARTICLE_REGION_BONUS * max(share, 0.5 if p.country in actors else 0.0)
            if p.country in actors:
                s += ACTOR_COUNTRY_BONUS
            if p.feature == "region" and cand.region:
                s += QUALIFIER_BONUS
            elif p.feature == "city" and not cand.region and any(
                    q.feature == "region" and q.country == p.country and q.prior > p.prior for q in entries):
                s += NAMESAKE_CITY_BONUS                   # "outside Kandahar": the city, not the province
            return s

        best = max(entries, key=lambda p: (score(p), p.population, -entries.index(p)))
        if cand.qualifier and (q_countries or q_regions) and score(best) < QUALIFIER_BONUS and \
                gaz.is_common(cand.key):
            return None                                    # "Reading, Spain": no such Reading
        return _to_place(best, cand.text, source, cand.start, cand.end)

    def assign(self, article: Article, events: list[Event], candidates: Sequence[Sequence[Candidate]]) -> Optional[Context]:
        """Set ``place`` on each of ``events`` (``candidates[i]`` from :meth:`candidates` for event
        i); returns the article's :class:`Context` (None without events)."""
        if not events:
            return None
        ctx = self.context(article)
        # the countries the article's events name as actors are context too: an article about
        # Russia and Ukraine that mentions "Chicago wheat futures" once still means Switzerland's Geneva
        ctx.countries.update(c for e in events for c in _actor_countries(e))
        for event, cands in zip(events, candidates):
            event.place = self.place(ctx, cands, _actor_countries(event))
        return ctx

    def place(self, ctx: Context, cands: Sequence[Candidate], actor_countries: Iterable[str] = ()) -> Optional[Place]:
        """The place of one event: its sentence's candidates, else the dateline, else the article's country."""
        actor_countries = tuple(actor_countries)
        for cand in cands:
            found = self._resolve(cand, ctx, actor_countries, "sentence")
            if found is not None:
                return found
        if ctx.dateline is not None:
            return ctx.dateline
        return ctx.article_country


def _to_place(p: GazPlace, text: str, source: str, start: Optional[int], end: Optional[int]) -> Place:
    return Place(text=text, name=p.name, country=p.country, admin1=p.admin1, lat=p.lat, lon=p.lon,
                 feature=p.feature, precision=p.precision, source=source, char_start=start, char_end=end)


def _is_local(entries: Sequence[GazPlace]) -> bool:
    """A city, region or site, and not a capital that stands for its government ("accused Washington")."""
    return bool(entries) and entries[0].feature in ("city", "region", "site") and entries[0].origin != "countries.tsv"


def _actor_countries(event: Event) -> list[str]:
    actors = [*event.source, *event.target, *([event.attribution] if event.attribution else [])]
    return sorted({a.country for a in actors if a.country})


def _token_at(doc, char: int):
    for tok in doc:
        if tok.idx <= char < tok.idx + max(len(tok.text), 1):
            return tok
    return None


def _clause_head(tok):
    cur = tok
    for _ in range(12):
        if cur.tag_.startswith("VB") or cur.tag_ == "MD" or cur.dep_ == "ROOT" or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _same_clause(prep, trig) -> bool:
    """The locative phrase attaches to the trigger, its clause, or a noun of the trigger's phrase."""
    if prep.head.i == trig.i:
        return True
    return _clause_head(prep).i == _clause_head(trig).i


def locate(sentence: str, trigger: str, *, article_text: Optional[str] = None, actor_countries: Iterable[str] = (),
           resolver: Optional[PlaceResolver] = None) -> Optional[Place]:
    """The place of the event whose trigger word is ``trigger`` in ``sentence`` (parsed here).

    ``article_text`` (containing ``sentence``) gives the dateline and the article's context; a
    convenience for tests and notebooks: the pipeline calls :class:`PlaceResolver` directly::

        >>> locate("Police clashed with protesters in Amman on Friday.", "clashed").name
        'Amman'
    """
    from eventwire.nlp import parse

    resolver = resolver or PlaceResolver()
    text = article_text if article_text is not None else sentence
    offset = max(text.find(sentence), 0)
    t = re.search(rf"\b{re.escape(trigger)}\b", sentence)
    trigger_start = offset + (t.start() if t else 0)
    doc = next(parse([sentence]))
    cands = resolver.candidates(doc, sentence, offset, trigger_start)
    ctx = resolver.context(Article(doc_id="locate", text=text))
    return resolver.place(ctx, cands, actor_countries)
