"""Reading the actor dictionary's files: the TSV dictionaries (file:line errors) and the
resolver's word lists (``data/actor_cues.yaml``, extended by a user's YAML file); the surface
forms they give, normalised for matching.  :mod:`eventwire.resolve.actors` builds the matcher.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from ..datafiles import WORDS, compose_yaml, load_yaml, merge_sections, read_sections

#: directory of the packaged dictionary files
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
#: load order: later files win ties between forms of the same role (places are loaded before the
#: countries, organisations and people, and lose ties to them whatever the order: see ``Form.rank``)
PACKAGED_FILES: tuple[str, ...] = (
    "sectors.tsv", "places.tsv", "countries.tsv", "organizations.tsv", "people.tsv",
)

#: PLOVER sector codes (manual v2.0)
SECTOR_CODES: frozenset[str] = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
)
#: PLOVER actor codes that are not states
NON_STATE_CODES: frozenset[str] = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})

_HEADERS: dict[str, tuple[str, ...]] = {
    "countries": ("code", "name", "aliases", "demonyms", "capitals"),
    "organizations": ("id", "name", "aliases", "country", "sector"),
    "sectors": ("term", "sector", "kind"),
    "people": ("name", "aliases", "country", "sector"),
    "places": ("name", "aliases", "country", "kind"),
}
PLACE_KINDS: tuple[str, ...] = ("region", "city")
# roles of a surface form, with their priority when one form belongs to several entries
_ROLE_RANK = {"block": 9, "person": 7, "org": 6, "name": 5, "capital": 4, "demonym": 3, "title": 2, "noun": 2,
              "place": 1}
_MODE_RANK = {"exact": 3, "cap": 2, "ci": 1}


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


def fold_cased(text: str) -> str:
    """Same-length normalisation keeping case: quotes unified, dashes and whitespace -> space, accents off."""
    return text.translate(_FOLD)


def fold(text: str) -> str:
    """Same-length, lowercased :func:`fold_cased` (offsets into the result are offsets into ``text``)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


def surface_key(surface: str) -> str:
    return " ".join(fold(surface).split())


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
class Form:
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
class Match:
    start: int
    end: int
    form: Form
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
class Loaded:
    forms: list[Form] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)
    #: surnames that name a person only after a title or honorific (people's ``~`` aliases), by key
    surnames: dict[str, list[Entry]] = field(default_factory=dict)


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


class Builder:
    def __init__(self) -> None:
        self.loaded = Loaded()
        self.seq = 0

    def add(self, surface: str, role: str, entry: Optional[Entry]) -> None:
        surface = surface.strip()
        key = surface_key(surface)
        if not key:
            return
        self.seq += 1
        cased = " ".join(fold_cased(surface).split())
        mode = _mode(surface, key)
        if role == "place" and mode == "ci":
            mode = "cap"                 # "New York", "Northern Territory": a capital first letter
        self.loaded.forms.append(Form(surface, key, cased, mode, role, entry, self.seq))

    def add_surname(self, path: Path, lineno: int, surname: str, entry: Entry) -> None:
        """A ``~Surname`` alias: the surname names the person only after a title or an honorific
        ("Speaker Ryan", "Mrs Clinton"); see ``ActorDictionary`` for surnames several people share."""
        key = surface_key(surname)
        if not key or not surname.strip()[:1].isupper():
            raise ValueError(f"{path}:{lineno}: a '~' alias needs a capitalised surname, not {surname!r}")
        listed = self.loaded.surnames.setdefault(key, [])
        if entry not in listed:
            listed.append(entry)

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
                    if surface.startswith("~"):
                        self.add_surname(path, lineno, surface[1:], entry)
                    else:
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



# --------------------------------------------------------------------------- the resolver's word lists
ACTOR_CUES = Path(__file__).resolve().parent.parent / "data" / "actor_cues.yaml"
_CUE_SECTIONS = ("non_actor_phrases", "modifier_suffixes", "country_only_suffixes", "place_words",
                 "appositive_suffixes", "directional_words", "determiners", "name_particles", "not_name_words",
                 "honorifics", "water_heads", "private_title_words", "allegiance_words")
# ... the sections read as sets of lower-case words (the first three keep their order: tuples)
_SET_SECTIONS = _CUE_SECTIONS[3:]


@dataclass(frozen=True)
class ActorCues:
    """The resolver's word lists (see ``data/actor_cues.yaml`` for what each one does)."""

    non_actor_phrases: tuple[str, ...]
    modifier_suffixes: tuple[str, ...]
    country_only_suffixes: tuple[str, ...]
    place_words: frozenset[str]
    appositive_suffixes: frozenset[str]
    directional_words: frozenset[str]
    determiners: frozenset[str]
    name_particles: frozenset[str]
    not_name_words: frozenset[str]
    honorifics: frozenset[str]
    water_heads: frozenset[str] = frozenset()
    private_title_words: frozenset[str] = frozenset()
    allegiance_words: frozenset[str] = frozenset()


def is_cue_file(path: Path) -> bool:
    """A user's actor file in YAML is a word-list file (the dictionaries are TSV)."""
    return Path(path).suffix.lower() in (".yaml", ".yml")


def load_actor_cues(extra_paths=()) -> ActorCues:
    """The packaged word lists, extended by the user's YAML files (ValueError with file:line)."""
    cues = load_yaml(ACTOR_CUES)
    shapes = {k: WORDS for k in _CUE_SECTIONS}
    for path in extra_paths:
        p = Path(path)
        try:
            node = compose_yaml(p.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ValueError(f"cannot read actor word-list file {p}: {exc}") from exc
        if node is None:
            continue
        cues = merge_sections(cues, read_sections(node, str(p), shapes))
    return ActorCues(non_actor_phrases=tuple(cues["non_actor_phrases"]),
                     modifier_suffixes=tuple(w.lower() for w in cues["modifier_suffixes"]),
                     country_only_suffixes=tuple(w.lower() for w in cues["country_only_suffixes"]),
                     **{k: frozenset(w.lower() for w in cues[k]) for k in _SET_SECTIONS})
