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
the object of a directional preposition is ignored ("to North Korea"), and mentions glued to
``-led`` / ``-backed`` are modifiers of something else ("the UN-led COVAX" -> COVAX).  Unknown
multi-token names are fuzzy matched (rapidfuzz) against people and organisations.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional, Sequence

import ahocorasick
from rapidfuzz import fuzz, process

from eventwire.model import Actor

__all__ = [
    "ActorDictionary",
    "DATA_DIR",
    "PACKAGED_FILES",
    "SECTOR_CODES",
    "NON_STATE_CODES",
    "default_dictionary",
]

#: directory of the packaged dictionary files
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
#: load order: later files win ties between forms of the same role (places are loaded before the
#: countries, organisations and people, and lose ties to them whatever the order: see ``_Form.rank``)
PACKAGED_FILES: tuple[str, ...] = (
    "sectors.tsv", "places.tsv", "countries.tsv", "organizations.tsv", "people.tsv",
)

#: PLOVER sector codes (manual v2.0)
SECTOR_CODES: frozenset[str] = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
)
#: PLOVER actor codes that are not states
NON_STATE_CODES: frozenset[str] = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})

FUZZY_THRESHOLD = 88.0
FUZZY_MIN_CHARS = 8

# Phrases that contain a dictionary form but name no actor; they consume their span so that the
# shorter form inside is not matched ("Latin America" is not the United States).
_NON_ACTOR_PHRASES: tuple[str, ...] = (
    "Latin America", "Latin American", "Latin Americans", "South America", "South American",
    "North America", "North American", "Central America", "Central American", "the Americas",
    "Native American", "Native Americans", "African American", "African Americans",
    "Asian American", "Asian Americans", "New England", "George Washington", "South China Sea", "East China Sea",
    "Sea of Japan", "Gulf of Mexico", "Indian Ocean", "Arabian Sea", "Irish Sea", "Korean Peninsula",
    "Georgia Tech", "Turkey Point", "Paris Agreement", "Paris climate agreement", "American Indian",
    "American Indians", "Cleveland Indians", "Kansas City Royals", "Kyoto Protocol", "Montreal Protocol",
    "Istanbul Convention",
)

_HEADERS: dict[str, tuple[str, ...]] = {
    "countries": ("code", "name", "aliases", "demonyms", "capitals"),
    "organizations": ("id", "name", "aliases", "country", "sector"),
    "sectors": ("term", "sector", "kind"),
    "people": ("name", "aliases", "country", "sector"),
    "places": ("name", "aliases", "country", "kind"),
}
PLACE_KINDS: tuple[str, ...] = ("region", "city")
# the next word of a place name, when capitalised (see ActorDictionary._in_longer_name)
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'’.-]*)")
# capitalised words that continue a place name rather than make it part of another name
_PLACE_WORDS = frozenset({
    "province", "provinces", "state", "states", "region", "regions", "county", "city", "district", "districts",
    "governorate", "oblast", "krai", "territory", "territories", "prefecture", "municipality", "department",
    "division", "valley", "area", "areas", "island", "islands", "river", "mountains", "metropolitan", "capital",
    "airport", "port", "border", "chief", "deputy", "high", "regional", "provincial", "assembly", "on", "in",
    "and", "or", "the", "of", "was", "is", "has", "had", "will", "would",
})

# roles of a surface form, with their priority when one form belongs to several entries
_ROLE_RANK = {"block": 9, "person": 7, "org": 6, "name": 5, "capital": 4, "demonym": 3, "title": 2, "noun": 2,
              "place": 1}
# roles that give a mention's country (a place only when none of the others is in the phrase)
_STATE_ROLES = ("name", "demonym", "capital")
_MODE_RANK = {"exact": 3, "cap": 2, "ci": 1}

_DIRECTIONAL = frozenset(
    "to toward towards against with into onto on near than versus vs about over between among amid "
    "via despite like without".split()
)
_DETERMINERS = frozenset("the a an this that these those its their his her our your".split())
_MODIFIER_SUFFIX = re.compile(
    r"^[-\u2010-\u2015]\s?(?:led|backed|sponsored|supported|brokered|funded|allied|aligned|linked|"
    r"affiliated|inspired|friendly|leaning)\b",
    re.I,
)
_COUNTRY_ONLY_SUFFIX = re.compile(
    r"^[-\u2010-\u2015]\s?(?:run|controlled|owned|based|held|administered|operated|appointed|installed|"
    r"ruled|governed|dominated)\b",
    re.I,
)
_MODIFIER_PREFIX = re.compile(r"\b(?:pro|anti|non|ex)[-\u2010-\u2015]\s?$", re.I)
_POSSESSIVE = re.compile(r"^['\u2019](?:s\b|(?=\s|$))")
_TRAILING_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
_SEPARATORS = re.compile(r",|;|&|/|\band\b|\bor\b|\bas well as\b|\balong with\b|\bplus\b", re.I)
_TOKEN = re.compile(r"\w+(?:['\u2019\-](?![sS]\b)\w+)*\.?")
_NAME_PARTICLES = frozenset(
    "al el bin bint ibn abu de da del della der di du dos das la le van von ter ten y".split()
)
_NOT_NAME_WORDS = frozenset(
    "former ex then acting outgoing incoming new the a an top senior veteran late current interim "
    "mr mrs ms dr sir lord lady madam his her their its both all some".split()
)
_STRIP_CHARS = " \t\r\n\"'`\u2018\u2019\u201c\u201d()[]{}<>,;:!?*"


# --------------------------------------------------------------------------- normalisation
def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for c in "\u2018\u2019\u201b\u2032\u00b4`":
        table[ord(c)] = "'"
    for c in "\u201c\u201d\u201e\u2033":
        table[ord(c)] = '"'
    for c in "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\t\n\r\f\v\u00a0\u2009\u202f":
        table[ord(c)] = " "
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = "".join(b for b in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(b))
        if len(base) == 1 and base != ch and base.isascii():
            table[cp] = base
    return table


_FOLD = _build_fold_table()


def _fold_cased(text: str) -> str:
    """Same-length normalisation keeping case: quotes unified, dashes and whitespace -> space, accents off."""
    return text.translate(_FOLD)


def _fold(text: str) -> str:
    """Same-length, lowercased :func:`_fold_cased` (offsets into the result are offsets into ``text``)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


def _key(surface: str) -> str:
    return " ".join(_fold(surface).split())


def _mode(surface: str, key: str) -> str:
    if any(c.isupper() for c in surface) and not any(c.islower() for c in surface):
        return "exact"
    if " " not in key and surface[:1].isupper():
        return "cap"
    return "ci"


def _split(field_value: str) -> list[str]:
    return [p.strip() for p in field_value.split("|") if p.strip()]


# --------------------------------------------------------------------------- records
@dataclass(frozen=True)
class Entry:
    """One dictionary entry (a country, place, organisation, person or sector term)."""

    id: str                      # "country:PRK", "org:WHO", "person:Sergey Lavrov", "sector:officials",
                                 # "place:West Bengal"
    kind: str                    # country / org / person / sector / place
    name: str
    country: Optional[str] = None
    sector: Optional[str] = None


@dataclass(frozen=True)
class _Form:
    surface: str
    key: str
    cased: str
    mode: str
    role: str                    # name, demonym, capital, place, org, person, title, noun, block
    entry: Optional[Entry]
    seq: int

    @property
    def rank(self) -> tuple[int, int, int]:
        # a place loses every tie, whatever its case mode: existing countries, organisations,
        # people and sector terms keep their surface forms
        return (0 if self.role == "place" else _MODE_RANK[self.mode], _ROLE_RANK[self.role], self.seq)


@dataclass
class _Match:
    start: int
    end: int
    form: _Form
    score: float = 1.0
    skipped: bool = False        # object of a directional preposition, or "X-led" / "pro-X"
    country_only: bool = False   # "Hamas-run ...", "Moscow-based ...": gives the country, nothing else
    possessive: bool = False
    fuzzy: bool = False

    @property
    def role(self) -> str:
        return self.form.role

    @property
    def entry(self) -> Entry:
        assert self.form.entry is not None
        return self.form.entry


@dataclass
class _Loaded:
    forms: list[_Form] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- file reading
def _read_tsv(path: Path) -> tuple[str, list[str], list[tuple[int, list[str]]]]:
    """Return (kind, header, rows) of one dictionary file; ValueError on anything malformed."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ValueError(f"actor dictionary file not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read actor dictionary file {path}: {exc}") from exc
    header: Optional[list[str]] = None
    rows: list[tuple[int, list[str]]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if len(cells) > len(header):
            raise ValueError(
                f"{path}:{lineno}: {len(cells)} tab-separated columns, the header has {len(header)}"
            )
        rows.append((lineno, cells + [""] * (len(header) - len(cells))))
    if header is None:
        raise ValueError(f"{path}: empty actor dictionary file (no header row)")
    cols = set(header)
    for kind in ("countries", "organizations", "sectors", "people", "places"):
        if set(_HEADERS[kind]) <= cols and (kind != "people" or "id" not in cols):
            return kind, header, rows
    expected = "; ".join(f"{k}: {' '.join(v)}" for k, v in _HEADERS.items())
    raise ValueError(
        f"{path}: unrecognised actor dictionary header {header!r}; expected the tab-separated columns of "
        f"one of ({expected})"
    )


def _check_code(path: Path, lineno: int, value: str, what: str) -> Optional[str]:
    if not value:
        return None
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise ValueError(f"{path}:{lineno}: {what} {value!r} is not a three-letter upper-case code")
    return value


def _check_sector(path: Path, lineno: int, value: str, required: bool = False) -> Optional[str]:
    if not value:
        if required:
            raise ValueError(f"{path}:{lineno}: missing sector code")
        return None
    if value not in SECTOR_CODES:
        raise ValueError(
            f"{path}:{lineno}: unknown PLOVER sector code {value!r} (expected one of {' '.join(sorted(SECTOR_CODES))})"
        )
    return value


class _Builder:
    def __init__(self) -> None:
        self.loaded = _Loaded()
        self.seq = 0

    def add(self, surface: str, role: str, entry: Optional[Entry]) -> None:
        surface = surface.strip()
        key = _key(surface)
        if not key:
            return
        self.seq += 1
        cased = " ".join(_fold_cased(surface).split())
        mode = _mode(surface, key)
        if role == "place" and mode == "ci":
            mode = "cap"                 # "New York", "Northern Territory": a capital first letter
        self.loaded.forms.append(_Form(surface, key, cased, mode, role, entry, self.seq))

    def load_file(self, path: Path) -> None:
        kind, header, rows = _read_tsv(path)
        col = {name: i for i, name in enumerate(header)}

        def get(cells: list[str], name: str) -> str:
            return cells[col[name]]

        for lineno, cells in rows:
            if kind == "countries":
                code = _check_code(path, lineno, get(cells, "code"), "country code")
                name = get(cells, "name")
                if not code or not name:
                    raise ValueError(f"{path}:{lineno}: a country row needs both code and name")
                entry = Entry(f"country:{code}", "country", name, code, None)
                self.loaded.country_names.setdefault(code, name)
                self.add(name, "name", entry)
                for alias in _split(get(cells, "aliases")):
                    self.add(alias, "name", entry)
                for dem in _split(get(cells, "demonyms")):
                    self.add(dem, "demonym", entry)
                for cap in _split(get(cells, "capitals")):
                    self.add(cap, "capital", entry)
            elif kind == "organizations":
                oid, name = get(cells, "id"), get(cells, "name")
                if not oid or not name:
                    raise ValueError(f"{path}:{lineno}: an organisation row needs both id and name")
                country = _check_code(path, lineno, get(cells, "country"), "country")
                sector = _check_sector(path, lineno, get(cells, "sector"))
                entry = Entry(f"org:{oid}", "org", name, country, sector)
                for surface in [name, *_split(get(cells, "aliases"))]:
                    self.add(surface, "org", entry)
            elif kind == "people":
                name = get(cells, "name")
                if not name:
                    raise ValueError(f"{path}:{lineno}: a person row needs a name")
                country = _check_code(path, lineno, get(cells, "country"), "country")
                sector = _check_sector(path, lineno, get(cells, "sector"))
                entry = Entry(f"person:{name}", "person", name, country, sector)
                for surface in [name, *_split(get(cells, "aliases"))]:
                    self.add(surface, "person", entry)
            elif kind == "places":
                name = get(cells, "name")
                if not name:
                    raise ValueError(f"{path}:{lineno}: a place row needs a name")
                country = _check_code(path, lineno, get(cells, "country"), "country")
                if not country or country in NON_STATE_CODES:
                    raise ValueError(
                        f"{path}:{lineno}: a place row needs the three-letter code of its country "
                        f"(not {get(cells, 'country')!r})"
                    )
                place_kind = get(cells, "kind").lower()
                if place_kind not in PLACE_KINDS:
                    raise ValueError(f"{path}:{lineno}: kind must be 'region' or 'city', not {place_kind!r}")
                entry = Entry(f"place:{name}", "place", name, country, None)
                for surface in [name, *_split(get(cells, "aliases"))]:
                    self.add(surface, "place", entry)
            else:  # sectors
                term = get(cells, "term")
                if not term:
                    raise ValueError(f"{path}:{lineno}: a sector row needs a term")
                sector = _check_sector(path, lineno, get(cells, "sector"), required=True)
                term_kind = get(cells, "kind").lower() or "noun"
                if term_kind not in ("title", "noun"):
                    raise ValueError(f"{path}:{lineno}: kind must be 'title' or 'noun', not {term_kind!r}")
                self.add(term, term_kind, Entry(f"sector:{term}", "sector", term, None, sector))

    def add_plurals(self) -> None:
        """Regular plurals of single-word sector terms that no file lists ("warlord" -> "warlords")."""
        known = {f.key for f in self.loaded.forms}
        for f in list(self.loaded.forms):
            if f.role not in ("title", "noun") or " " in f.key or f.mode == "exact" or not f.key.isalpha():
                continue
            k = f.key
            if k.endswith("man"):
                plural = k[:-3] + "men"
            elif k.endswith("y") and k[-2:-1] not in "aeiou":
                plural = k[:-1] + "ies"
            elif k.endswith(("s", "x", "sh", "ch")):
                plural = k + "es"
            else:
                plural = k + "s"
            if plural not in known:
                known.add(plural)
                self.add(plural if f.mode == "ci" else plural.capitalize(), f.role, f.entry)


# --------------------------------------------------------------------------- the dictionary
class ActorDictionary:
    """Countries, places, organisations, people and sector terms, with a matcher and a resolver."""

    def __init__(self, loaded: _Loaded) -> None:
        self._forms_by_key: dict[str, list[_Form]] = {}
        for f in loaded.forms:
            self._forms_by_key.setdefault(f.key, []).append(f)
        self._country_names = dict(loaded.country_names)
        self._automaton = ahocorasick.Automaton()
        for key in self._forms_by_key:
            self._automaton.add_word(key, key)
        self._automaton.make_automaton()
        # fuzzy candidates: multi-token names of people and organisations
        fuzzy: dict[str, _Form] = {}
        for key, forms in self._forms_by_key.items():
            if " " not in key or len(key) < FUZZY_MIN_CHARS:
                continue
            cands = [f for f in forms if f.role in ("person", "org") and f.mode != "exact"]
            if cands:
                fuzzy[key] = max(cands, key=lambda f: f.rank)
        self._fuzzy = fuzzy
        self._fuzzy_keys = list(fuzzy)
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
        """The packaged dictionary plus the user's files (later files take precedence on ties)."""
        if isinstance(extra_paths, (str, Path)):
            extra_paths = [extra_paths]
        builder = _Builder()
        for phrase in _NON_ACTOR_PHRASES:
            builder.add(phrase, "block", None)
        for name in PACKAGED_FILES:
            builder.load_file(DATA_DIR / name)
        for path in extra_paths:
            builder.load_file(Path(path))
        builder.add_plurals()
        return cls(builder.loaded)

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

    def has_phrase(self, text: str) -> bool:
        """True when ``text`` mentions any dictionary entry, places included (the pipeline's cheap pre-filter)."""
        return any(m.role != "block" for m in self._scan(text))

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
    def _best_form(self, text: str, start: int, end: int, key: str) -> Optional[_Form]:
        best: Optional[_Form] = None
        for f in self._forms_by_key[key]:
            if f.mode == "exact":
                if " ".join(_fold_cased(text[start:end]).split()) != f.cased:
                    continue
            elif f.mode == "cap" and not text[start].isupper():
                continue
            if best is None or f.rank > best.rank:
                best = f
        return best

    def _scan(self, text: str) -> list[_Match]:
        folded = _fold(text)
        n = len(folded)
        cands: list[_Match] = []
        for end_idx, key in self._automaton.iter(folded):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end < n and folded[end].isalnum():
                continue
            form = self._best_form(text, start, end, key)
            if form is not None:
                cands.append(_Match(start, end, form))
        starts = {m.start for m in cands}
        cands = [m for m in cands if m.role != "place" or not self._in_longer_name(text, m.end, starts)]
        cands.sort(key=lambda m: (m.start - m.end, m.start))
        taken: list[_Match] = []
        occupied = bytearray(n)
        for m in cands:
            if any(occupied[m.start:m.end]):
                continue
            occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
            taken.append(m)
        taken.sort(key=lambda m: m.start)
        return taken

    @staticmethod
    def _in_longer_name(text: str, end: int, starts: set[int]) -> bool:
        """A place followed by a capitalised word the dictionary does not know is part of a longer
        name ("Hama Amadou", "Virginia Raggi", "Sydney Morning Herald"), unless the word is an
        administrative one ("Kandahar Province", "Texas State")."""
        m = _NEXT_WORD.match(text, end)
        if m is None or m.start(1) in starts:
            return False
        return m.group(1).lower() not in _PLACE_WORDS

    def _single(self, m: _Match, text: str) -> Actor:
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

    def _compose(self, text: str, s: int, e: int, all_matches: list[_Match]) -> Optional[Actor]:
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
            if _MODIFIER_SUFFIX.match(after) or _MODIFIER_PREFIX.search(before):
                m.skipped = True
            elif _COUNTRY_ONLY_SUFFIX.match(after):
                m.country_only = True
            words = [w.lower() for w in re.findall(r"\w+", before)]
            while words and words[-1] in _DETERMINERS:
                words.pop()
            if words and words[-1] in _DIRECTIONAL:
                m.skipped = True
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
                matches.append(_Match(run_start, run_end, hit[0], score=hit[1], fuzzy=True))
        matches.sort(key=lambda m: m.start)
        # unknown capitalised runs: fuzzy match to people / organisations, or a name after a title
        runs = self._capitalised_runs(text, s, e, matches)
        for run_start, run_end in runs:
            hit = self._fuzzy_lookup(text[run_start:run_end])
            if hit is not None:
                form, score = hit
                m = _Match(run_start, run_end, form, score=score, fuzzy=True)
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
        country_from: Optional[_Match] = None
        before_head = [m for m in usable if head is None or m.start < head.start]
        state_mod = next((m for m in before_head if m.role in _STATE_ROLES), None)
        if state_mod is None:
            state_mod = next((m for m in before_head if m.role == "place"), None)
        if head is not None and head.entry.country:
            country, country_from = head.entry.country, head
            if head.role == "org" and head.entry.country in NON_STATE_CODES and state_mod is not None:
                country, country_from = state_mod.entry.country, state_mod
        else:
            # a country name, demonym or capital beats a place ("Karachi's British consulate" -> GBR)
            for m in sorted(usable, key=lambda m: m.role == "place"):
                if m.role != "title" and m.role != "noun" and m.entry.country:
                    country, country_from = m.entry.country, m
                    break

        # sector
        sector: Optional[str] = None
        sector_term: Optional[_Match] = None
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
            elif any(m.role == "capital" and not m.country_only for m in usable):
                sector = "GOV"

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

    @staticmethod
    def _capitalised_runs(text: str, s: int, e: int, matches: list[_Match]) -> list[tuple[int, int]]:
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
            while current and current[-1].group().lower() in _NAME_PARTICLES:
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
            if word[0].isupper() and bare not in _NOT_NAME_WORDS:
                current.append(t)
            elif current and bare in _NAME_PARTICLES:
                current.append(t)
            else:
                flush()
        flush()
        return runs

    def _fuzzy_lookup(self, run: str) -> Optional[tuple[_Form, float]]:
        key = _key(run.rstrip("."))
        if " " not in key or len(key) < FUZZY_MIN_CHARS or not self._fuzzy_keys:
            return None
        hit = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if hit is None:
            return None
        choice, score, _ = hit
        return self._fuzzy[choice], round(score / 100.0, 3)

    @staticmethod
    def _name_after_title(text: str, e: int, usable: list[_Match],
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


@functools.lru_cache(maxsize=1)
def default_dictionary() -> ActorDictionary:
    """The packaged dictionary, loaded once per process."""
    return ActorDictionary.load()
