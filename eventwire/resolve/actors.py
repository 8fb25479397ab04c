"""Actor dictionary and resolver: noun-phrase spans -> :class:`~eventwire.model.Actor`.

The dictionary is five kinds of TSV file (packaged in ``eventwire/data/actors/``; users may add
their own files in the same formats, the kind being decided by the header row):

* countries     ``code  name  aliases  demonyms  capitals``
* organisations ``id  name  aliases  country  sector``
* sector terms  ``term  sector  kind``           (kind = ``title`` or ``noun``)
* people        ``name  aliases  country  sector``
* places        ``name  aliases  country  kind``  (kind = ``region`` or ``city``; no sector column)

Places (states, provinces, regions, cities) stand for their country the way a country name does
("the West Bengal government" -> IND + GOV, "a Kansas woman" -> USA), but unlike a capital they do
not imply the national government, and they are the weakest evidence: a country name, demonym or
capital in the same phrase gives the country ("the British consulate in Karachi" -> GBR), and a
place never wins a tie for a surface form that another entry also claims.

Every surface form goes into one Aho-Corasick automaton built at load time.  Matching is
word-boundary aware, accent and hyphen insensitive, and case-aware:

* forms written in capitals only (``US``, ``U.S.``, ``WHO``, ``ICE``) match that exact case, so the
  pronoun "us" never resolves to the United States;
* single-word capitalised forms (``Turkey``, ``Pyongyang``, ``Russian``) match in any case as long
  as the first letter in the text is a capital ("turkey" the bird is not a country);
* everything else (multi-word names, lowercase sector terms) is case-insensitive, except that place
  names match only when their first letter is a capital ("New York", not "the northern territory").

:meth:`ActorDictionary.resolve` composes the mentions found inside one noun phrase: a nationality
or country before a title wins ("Former UK ambassador to North Korea Alastair Morgan" -> GBR),
the object of a directional preposition is ignored ("to North Korea"), mentions glued to
``-backed`` / ``-aligned`` are modifiers of something else ("Iran-backed Houthis" -> the Houthis), and
those glued to ``-led`` / ``-run`` give only their country ("the Saudi-led coalition" -> SAU).  Unknown
multi-token names are fuzzy matched (rapidfuzz) against people and organisations.

A person's ``~Surname`` alias names the person only right after a title or an honorific ("Speaker
Ryan", "Mrs Clinton", "Mr. Gingrich"): "Ryan" alone stays a first name.  When several people share
such a surname and all of them have one country ("~Bush", "~Gandhi"), it gives that country (and the
sector they share, if any) under the surname as written; when their countries differ it gives nothing.
"""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import Optional, Sequence

import ahocorasick
from rapidfuzz import fuzz, process

from ..model import Actor
from .actor_files import (
    DATA_DIR,
    NON_STATE_CODES,
    PACKAGED_FILES,
    SECTOR_CODES,
    ActorCues,
    Builder,
    Entry,
    Form,
    Loaded,
    Match,
    fold,
    fold_cased,
    is_cue_file,
    load_actor_cues,
    surface_key,
)

__all__ = [
    "ActorDictionary",
    "DATA_DIR",
    "PACKAGED_FILES",
    "SECTOR_CODES",
    "NON_STATE_CODES",
    "Entry",
    "default_dictionary",
]

FUZZY_THRESHOLD = 88.0
FUZZY_MIN_CHARS = 8

# the next word of a place name, when capitalised (see ActorDictionary._in_longer_name)
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'’.-]*)")
_PREV_WORD = re.compile(r"\b([A-Z][\w'’-]*)[ \t]+$")
_MODIFIER_PREFIX = re.compile(r"\b(?:pro|anti|non|ex)[-\u2010-\u2015]\s?$", re.I)
_POSSESSIVE = re.compile(r"^['\u2019](?:s\b|(?=\s|$))")
_LAST_WORD = re.compile(r"(\w+)\.?$")
_TRAILING_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
_SEPARATORS = re.compile(r",|;|&|/|\band\b|\bor\b|\bas well as\b|\balong with\b|\bplus\b", re.I)
_TOKEN = re.compile(r"\w+(?:['\u2019\-](?![sS]\b)\w+)*\.?")
_STRIP_CHARS = " \t\r\n\"'`\u2018\u2019\u201c\u201d()[]{}<>,;:!?*"


# roles that give a mention's country (a place only when none of the others is in the phrase)
_STATE_ROLES = ("name", "demonym", "capital")


def _suffix_pattern(words: Sequence[str]) -> re.Pattern:
    """A dictionary mention glued by a hyphen to one of ``words`` ("UN-led", "Hamas-run")."""
    return re.compile(r"^[-\u2010-\u2015]\s?(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


# --------------------------------------------------------------------------- the dictionary
class ActorDictionary:
    """Countries, places, organisations, people and sector terms, with a matcher and a resolver."""

    def __init__(self, loaded: Loaded, cues: Optional[ActorCues] = None) -> None:
        self.cues = cues or load_actor_cues()
        self._modifier_suffix = _suffix_pattern(self.cues.modifier_suffixes)
        self._country_only_suffix = _suffix_pattern(self.cues.country_only_suffixes)
        self._forms_by_key: dict[str, list[Form]] = {}
        for f in loaded.forms:
            self._forms_by_key.setdefault(f.key, []).append(f)
        self._country_names = dict(loaded.country_names)
        self._automaton = ahocorasick.Automaton()
        for key in self._forms_by_key:
            self._automaton.add_word(key, key)
        self._automaton.make_automaton()
        # fuzzy candidates: multi-token names of people and organisations
        fuzzy: dict[str, Form] = {}
        for key, forms in self._forms_by_key.items():
            if " " not in key or len(key) < FUZZY_MIN_CHARS:
                continue
            cands = [f for f in forms if f.role in ("person", "org") and f.mode != "exact"]
            if cands:
                fuzzy[key] = max(cands, key=lambda f: f.rank)
        self._fuzzy = fuzzy
        self._fuzzy_keys = list(fuzzy)
        self._surnames = _surname_entries(loaded.surnames)
        honorifics = "|".join(re.escape(w) for w in sorted(self.cues.honorifics, key=lambda w: (-len(w), w)))
        self._honorific_surname = (re.compile(r"(?<!\w)(?i:" + honorifics + r")\.?[ \t]+([A-Z][\w'\u2019-]*)")
                                   if honorifics else None)
        heads = "|".join(re.escape(w.capitalize()) for w in sorted(self.cues.water_heads))
        self._water = re.compile(r"\b(?:" + heads + r")\s+of\s+(?:the\s+)?$") if heads else None
        self._resolve_cached = functools.lru_cache(maxsize=100_000)(self._resolve_uncached)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_resolve_cached", None)      # a bound lru_cache does not pickle
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._resolve_cached = functools.lru_cache(maxsize=100_000)(self._resolve_uncached)

    # ----------------------------------------------------------------- construction
    @classmethod
    def load(cls, extra_paths: Sequence[str | Path] = ()) -> "ActorDictionary":
        """The packaged dictionary plus the user's files (later files take precedence on ties):
        TSV dictionaries, and YAML files that extend the resolver's word lists
        (``data/actor_cues.yaml``)."""
        if isinstance(extra_paths, (str, Path)):
            extra_paths = [extra_paths]
        cues = load_actor_cues([p for p in extra_paths if is_cue_file(Path(p))])
        builder = Builder()
        for phrase in cues.non_actor_phrases:
            builder.add(phrase, "block", None)
        for name in PACKAGED_FILES:
            builder.load_file(DATA_DIR / name)
        for path in extra_paths:
            if not is_cue_file(Path(path)):
                builder.load_file(Path(path))
        builder.add_plurals()
        return cls(builder.loaded, cues)

    # ----------------------------------------------------------------- public API
    def phrases(self) -> list[str]:
        """Every surface form: lowercased where matching is case-insensitive, as written otherwise."""
        out: set[str] = set()
        for key, forms in self._forms_by_key.items():
            for f in forms:
                if f.role != "block":
                    out.add(f.cased if f.mode == "exact" else key)
        return sorted(out)

    def find_all(self, text: str) -> list[tuple[int, int, Actor]]:
        """Every dictionary mention in ``text``: longest first, non-overlapping, word-bounded, with char offsets."""
        out = []
        for m in self._scan(text):
            if m.role == "block":
                continue
            actor = self._single(m, text[m.start:m.end])
            actor.char_start, actor.char_end = m.start, m.end
            out.append((m.start, m.end, actor))
        return out

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, kind) of every dictionary mention in ``text``: kind "sector" for a sector
        word or a title ("police", "Prime Minister"), "name" for a country, place, organisation
        or person."""
        return [(m.start, m.end, "sector" if m.role in ("noun", "title") else "name")
                for m in self._scan(text) if m.role != "block"]

    def place_name(self, text: str) -> bool:
        """``text`` is a place or a capital and nothing else ("Ankara", "Mumbai"): the city of
        "the Ankara attack" says where, not who."""
        ms = [m for m in self._scan(text) if m.role != "block"]
        return len(ms) == 1 and ms[0].role in ("capital", "place") and ms[0].start == 0 and ms[0].end == len(text)

    def names_person(self, text: str) -> bool:
        """``text`` names one person: a person of the dictionary, or a title ("Colombia's
        president", "the foreign minister") as its last word."""
        ms = [m for m in self._scan(text) if m.role != "block"]
        return any(m.role == "person" for m in ms) or bool(ms) and ms[-1].role == "title" \
            and ms[-1].end == len(text.rstrip())

    def has_phrase(self, text: str, places: bool = True, skip_sectors: frozenset = frozenset()) -> bool:
        """True when ``text`` mentions any dictionary entry, places included, or a known surname
        after an honorific ("Mr Ryan"): the pipeline's cheap pre-filter.  ``places=False``: a
        place alone does not count ("Las Vegas" names no actor; the coder's test of a sentence
        that may hold a named doer); nor does a sector word of ``skip_sectors`` ("Valley
        producers" names a business, no political actor)."""
        skip = ("block",) if places else ("block", "place")
        if any(m.role not in skip and not (m.role in ("title", "noun") and m.entry.sector in skip_sectors)
               for m in self._scan(text)):
            return True
        return self._honorific_surname is not None and any(
            surface_key(m.group(1)) in self._surnames for m in self._honorific_surname.finditer(text))

    def resolve(self, text: str) -> Optional[Actor]:
        """Resolve one noun-phrase span (as written in a sentence) to an :class:`Actor`, or None."""
        if not text or not text.strip():
            return None
        actor = self._resolve_cached(text)
        return replace(actor) if actor is not None else None

    def __len__(self) -> int:
        return len({f.entry.id for forms in self._forms_by_key.values() for f in forms if f.entry})

    def entries(self, kind: Optional[str] = None) -> list[Entry]:
        """Distinct entries, optionally of one kind (country / place / org / person / sector)."""
        seen: dict[str, Entry] = {}
        for forms in self._forms_by_key.values():
            for f in forms:
                if f.entry is not None and (kind is None or f.entry.kind == kind):
                    seen.setdefault(f.entry.id, f.entry)
        return list(seen.values())

    # ----------------------------------------------------------------- matching
    def _best_form(self, text: str, start: int, end: int, key: str) -> Optional[Form]:
        best: Optional[Form] = None
        for f in self._forms_by_key[key]:
            if f.mode == "exact":
                if " ".join(fold_cased(text[start:end]).split()) != f.cased:
                    continue
            elif f.mode == "cap" and not text[start].isupper():
                continue
            if best is None or f.rank > best.rank:
                best = f
        return best

    def _scan(self, text: str) -> list[Match]:
        folded = fold(text)
        n = len(folded)
        cands: list[Match] = []
        for end_idx, key in self._automaton.iter(folded):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end < n and folded[end].isalnum():
                continue
            form = self._best_form(text, start, end, key)
            if form is not None:
                cands.append(Match(start, end, form))
        starts = {m.start for m in cands}
        cands = [m for m in cands if m.role != "place" or not self._in_longer_name(text, m.end, starts)]
        if self._water is not None:
            # "the Gulf of Aden" is a sea: its country is no actor (cues water_heads)
            cands = [m for m in cands if not self._water.search(text, max(0, m.start - 24), m.start)]
        cands.sort(key=lambda m: (m.start - m.end, m.start))
        taken: list[Match] = []
        occupied = bytearray(n)
        for m in cands:
            if any(occupied[m.start:m.end]):
                continue
            occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
            taken.append(m)
        taken.sort(key=lambda m: m.start)
        return taken

    def _in_longer_name(self, text: str, end: int, starts: set[int]) -> bool:
        """A place followed by a capitalised word the dictionary does not know is part of a longer
        name ("Hama Amadou", "Virginia Raggi", "Sydney Morning Herald"), unless the word is an
        administrative one ("Kandahar Province", "Texas State")."""
        m = _NEXT_WORD.match(text, end)
        if m is None or m.start(1) in starts:
            return False
        return m.group(1).lower() not in self.cues.place_words

    def _common_noun(self, text: str, m: Match) -> bool:
        """Whether an organisation's alias is also a sector noun of the dictionary ("Congress",
        "congress"): with another state named before it, it is that state's body."""
        forms = self._forms_by_key.get(fold(text[m.start:m.end]), ())
        return any(f.entry is not None and f.entry.kind == "sector" for f in forms)

    @staticmethod
    def _named_before(text: str, s: int, m: Match, matches: list) -> bool:
        """A capitalised word the dictionary does not know right before the capital makes it part
        of a longer name ("Real Madrid", "Dynamo Kyiv", "East Jerusalem"): a place, no government."""
        prev = _PREV_WORD.search(text, s, m.start)
        return prev is not None and not any(x.start <= prev.start(1) < x.end for x in matches)

    def _single(self, m: Match, text: str) -> Actor:
        entry = m.entry
        sector = "GOV" if m.role == "capital" else entry.sector
        country = None if entry.kind == "sector" else entry.country
        return Actor(text=text, name=entry.name, country=country, sector=sector, entry=entry.id,
                     score=m.score)

    # ----------------------------------------------------------------- resolution
    def _resolve_uncached(self, text: str) -> Optional[Actor]:
        matches = self._scan(text)
        covered = bytearray(len(text))
        for m in matches:
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        bounds, pos = [], 0
        for sep in _SEPARATORS.finditer(text):
            if any(covered[sep.start():sep.end()]):
                continue
            bounds.append((pos, sep.start()))
            pos = sep.end()
        bounds.append((pos, len(text)))
        for s, e in bounds:
            actor = self._compose(text, s, e, matches)
            if actor is not None:
                return actor
        return None

    def _compose(self, text: str, s: int, e: int, all_matches: list[Match]) -> Optional[Actor]:
        seg_text = text[s:e].strip()
        # trim surrounding punctuation and a trailing possessive
        while s < e and text[s] in _STRIP_CHARS:
            s += 1
        while True:
            while e > s and text[e - 1] in _STRIP_CHARS:
                e -= 1
            poss = _TRAILING_POSSESSIVE.search(text, s, e)
            if poss is None or poss.start() == s:
                break
            e = poss.start()
        if s >= e:
            return None
        matches = [replace(m) for m in all_matches if m.start >= s and m.end <= e]

        for m in matches:
            after, before = text[m.end:e], text[s:m.start]
            if self._modifier_suffix.match(after) or _MODIFIER_PREFIX.search(before):
                m.skipped = True
            elif self._country_only_suffix.match(after):
                m.country_only = True
            words = [w.lower() for w in re.findall(r"\w+", before)]
            while words and words[-1] in self.cues.determiners:
                words.pop()
            if words and words[-1] in self.cues.directional_words \
                    and not (len(words) >= 2 and words[-2] in self.cues.allegiance_words):
                m.skipped = True        # ("troops sent to Syria"; "militias loyal to the Sudanese army" are its)
            if words and m.role in ("title", "noun") and m.entry.sector == "GOV" \
                    and words[-1] in self.cues.private_title_words:
                m.skipped = True        # "team president", "a hospital spokeswoman": no government office
            if _POSSESSIVE.match(after):
                m.possessive = True

        # a capitalised chunk that is a misspelt name containing an exact alias ("Amnesty Internatonal")
        for run_start, run_end in self._capitalised_runs(text, s, e, []):
            inside = [m for m in matches if m.start < run_end and m.end > run_start]
            if not inside or any(m.start < run_start or m.end > run_end for m in inside):
                continue
            if all(any(m.start <= t.start() and t.end() <= m.end for m in inside)
                   for t in _TOKEN.finditer(text, run_start, run_end)):
                continue                      # every word is already a dictionary mention
            hit = self._fuzzy_lookup(text[run_start:run_end])
            if hit is not None:
                matches = [m for m in matches if m not in inside]
                matches.append(Match(run_start, run_end, hit[0], score=hit[1], fuzzy=True))
        matches.sort(key=lambda m: m.start)
        # unknown capitalised runs: fuzzy match to people / organisations, or a name after a title
        runs = self._capitalised_runs(text, s, e, matches)
        for run_start, run_end in runs:
            hit = self._fuzzy_lookup(text[run_start:run_end])
            if hit is not None:
                form, score = hit
                m = Match(run_start, run_end, form, score=score, fuzzy=True)
            else:
                m = self._titled_surname(text, s, run_start, run_end, matches)
                if m is None:
                    continue
            if _POSSESSIVE.match(text[run_end:e]):
                m.possessive = True
            matches.append(m)
        matches.sort(key=lambda m: m.start)
        usable = [m for m in matches if not m.skipped and m.role != "block"]
        if not usable:
            return None

        head = next((m for m in usable if m.role == "person" and not m.possessive and not m.country_only), None)
        if head is None:
            head = next((m for m in usable if m.role == "org" and not m.possessive and not m.country_only), None)

        # country
        country: Optional[str] = None
        country_from: Optional[Match] = None
        before_head = [m for m in usable if head is None or m.start < head.start]
        state_mod = next((m for m in before_head if m.role in _STATE_ROLES), None)
        if state_mod is None:
            state_mod = next((m for m in before_head if m.role == "place"), None)
        if head is not None and head.entry.country:
            country, country_from = head.entry.country, head
            if head.role == "org" and head.entry.country in NON_STATE_CODES and state_mod is not None:
                country, country_from = state_mod.entry.country, state_mod
            elif head.role == "org" and state_mod is not None and state_mod.entry.country \
                    and state_mod.entry.country != head.entry.country and self._common_noun(text, head):
                # "the Peruvian Congress": a body of the state named, not the US Congress
                country, country_from = state_mod.entry.country, state_mod
        else:
            # a country name, demonym or capital beats a place ("Karachi's British consulate" -> GBR)
            for m in sorted(usable, key=lambda m: m.role == "place"):
                if m.role != "title" and m.role != "noun" and m.entry.country:
                    country, country_from = m.entry.country, m
                    break

        # sector
        sector: Optional[str] = None
        sector_term: Optional[Match] = None
        if head is not None and head.role == "person" and head.entry.sector:
            sector = head.entry.sector
        else:
            seq = [m for m in usable
                   if m.entry.sector and m.role in ("title", "noun", "org") and not m.country_only]
            if seq:
                pick = seq[-1]
                if pick.entry.sector == "GOV":
                    earlier = [m for m in seq[:-1] if m.entry.sector != "GOV"]
                    if earlier:
                        pick = earlier[-1]
                sector = pick.entry.sector
                if pick.role in ("title", "noun"):
                    sector_term = pick
            elif any(m.role == "capital" and not m.country_only
                     and (m.possessive or not text[m.end:e].strip(_STRIP_CHARS))
                     and not self._named_before(text, s, m, matches) for m in usable):
                sector = "GOV"      # "Moscow said", "Beijing's decision"; not "a Paris shop", "Real Madrid"

        # name
        name: Optional[str] = None
        if head is not None:
            name = head.entry.name
        else:
            name = self._name_after_title(text, e, usable, runs)
            if name is None and country is not None and country_from is not None:
                if country_from.entry.kind == "place":
                    name = country_from.entry.name        # "West Bengal government" -> West Bengal
                else:
                    name = self._country_names.get(country, country_from.entry.name if
                                                   country_from.entry.kind == "country" else None)
            if name is None and sector_term is not None:
                name = sector_term.entry.name
            if name is None and country is None and sector is None:
                name = next((m.entry.name for m in usable), None)

        if country is None and sector is None and name is None:
            return None
        entry_ids = list(dict.fromkeys(m.entry.id for m in usable))
        score = min((m.score for m in usable if m.fuzzy), default=1.0)
        return Actor(text=seg_text, name=name, country=country, sector=sector,
                     entry="+".join(entry_ids), score=score)

    def _capitalised_runs(self, text: str, s: int, e: int, matches: list[Match]) -> list[tuple[int, int]]:
        covered = bytearray(e - s)
        for m in matches:
            covered[m.start - s:m.end - s] = b"\x01" * (m.end - m.start)
        tokens = []
        for t in _TOKEN.finditer(text, s, e):
            if any(covered[t.start() - s:t.end() - s]):
                tokens.append(None)
                continue
            tokens.append(t)
        runs: list[tuple[int, int]] = []
        current: list[re.Match[str]] = []

        def flush() -> None:
            while current and current[-1].group().lower() in self.cues.name_particles:
                current.pop()
            if current:
                runs.append((current[0].start(), current[-1].end()))
            current.clear()

        for t in tokens:
            if t is None:
                flush()
                continue
            word = t.group()
            bare = word.rstrip(".").lower()
            if current and text[current[-1].end():t.start()].strip():
                flush()
            if word[0].isupper() and bare not in self.cues.not_name_words and bare not in self.cues.honorifics:
                current.append(t)
            elif current and bare in self.cues.name_particles:
                current.append(t)
            else:
                flush()
        flush()
        return runs

    def _titled_surname(self, text: str, s: int, run_start: int, run_end: int,
                        matches: list[Match]) -> Optional[Match]:
        """A ``~`` surname right after an honorific or a title ("Mr Ryan", "Speaker Ryan"), or None."""
        surname = text[run_start:run_end].rstrip(".")
        entry = self._surnames.get(surface_key(surname))
        if entry is None:
            return None
        before = text[s:run_start]
        stripped = before.rstrip()
        if not stripped or len(stripped) == len(before):
            return None
        word = _LAST_WORD.search(stripped)
        if word is not None and word.group(1).lower() in self.cues.honorifics:
            prefix_end, skipped = s + word.start(), False
        else:
            title = next((m for m in matches if m.role == "title" and m.end == s + len(stripped)), None)
            if title is None:
                return None
            prefix_end, skipped = title.start, title.skipped
        words = [w.lower() for w in re.findall(r"\w+", text[s:prefix_end])]
        while words and words[-1] in self.cues.determiners:
            words.pop()
        if words and words[-1] in self.cues.directional_words:
            skipped = True
        if "+" in entry.id:                  # several people of one country share the surname
            entry = replace(entry, name=surname)
        key = surface_key(surname)
        form = Form(surname, key, key, "cap", "person", entry, 0)
        return Match(run_start, run_end, form, skipped=skipped)

    def _fuzzy_lookup(self, run: str) -> Optional[tuple[Form, float]]:
        key = surface_key(run.rstrip("."))
        if " " not in key or len(key) < FUZZY_MIN_CHARS or not self._fuzzy_keys:
            return None
        hit = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if hit is None:
            return None
        choice, score, _ = hit
        return self._fuzzy[choice], round(score / 100.0, 3)

    @staticmethod
    def _name_after_title(text: str, e: int, usable: list[Match],
                          runs: list[tuple[int, int]]) -> Optional[str]:
        # the last title followed by a capitalised name, either directly or at the end of the phrase
        for title in reversed([m for m in usable if m.role == "title"]):
            for run_start, run_end in runs:
                if run_start < title.end:
                    continue
                directly_after = not text[title.end:run_start].strip()
                at_end = not text[run_end:e].strip(" .,'\u2019")
                if directly_after or at_end:
                    return text[run_start:run_end].rstrip(".")
        return None


def _surname_entries(surnames: dict[str, list[Entry]]) -> dict[str, Entry]:
    """One entry per ``~`` surname whose people share a country: the person, or (several people) an
    entry with their ids joined by ``+``, that country, and their sector if they share one."""
    out: dict[str, Entry] = {}
    for key, entries in sorted(surnames.items()):
        countries = {e.country for e in entries}
        if len(countries) != 1 or None in countries:
            continue
        if len(entries) == 1:
            out[key] = entries[0]
            continue
        sectors = {e.sector for e in entries}
        out[key] = Entry("+".join(sorted(e.id for e in entries)), "person", key, entries[0].country,
                         entries[0].sector if len(sectors) == 1 else None)
    return out


@functools.lru_cache(maxsize=1)
def default_dictionary() -> ActorDictionary:
    """The packaged dictionary, loaded once per process."""
    return ActorDictionary.load()
