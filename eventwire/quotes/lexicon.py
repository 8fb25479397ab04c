"""The word lists of quotes and numeric claims, read from data files.

Two packaged files, each extendable by the user's own files of the same shape:

* ``eventwire/data/quotes.yaml`` — verbs of saying (every form), "according to" phrases,
  pronouns, the words that start and end a speaker span (:class:`QuoteLexicon`);
* ``eventwire/data/numbers.yaml`` — number words, scales, fractions, currencies, units,
  approximators, what is not a claim, and the words of PLOVER magnitudes (:class:`NumberLexicon`).

A user file adds to ours: lists are extended, maps are merged (the user's key wins).  A file
of the wrong shape raises :class:`ValueError` naming the file and the line of the bad key.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from eventwire.datafiles import load_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
QUOTES_FILE = DATA_DIR / "quotes.yaml"
NUMBERS_FILE = DATA_DIR / "numbers.yaml"

_QUOTE_LISTS = ("direct_only", "according_to", "first_person", "speaker_skip", "speaker_stop", "speaker_reject",
                "cue_blockers")
_QUOTE_MAPS = ("pronouns", "third_person")
_NUMBER_MAPS = ("number_words", "scales", "fractions", "currency_symbols", "currency_words")
_NUMBER_LISTS = ("one_nouns", "currency_codes", "percent_words", "measure_units", "approximators",
                 "not_claim_before", "not_claim_after", "not_units", "credit_words", "months", "year_before", "magnitude_dead",
                 "magnitude_injured", "magnitude_size")


def _line_of(text: str, key: str) -> int:
    m = re.search(rf"^\s*-?\s*{re.escape(str(key))}\s*:", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _fail(path: Path, text: str, key: str, what: str) -> ValueError:
    return ValueError(f"{path}:{_line_of(text, key)}: {key}: {what}")


def _read(path: Path) -> tuple[dict[str, Any], str]:
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = load_yaml(text)
    except Exception as exc:  # noqa: BLE001 - yaml errors carry their own line
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ValueError(f"{path}:{line}: not valid YAML: {exc}") from None
    if data is None:
        return {}, text
    if not isinstance(data, dict):
        raise ValueError(f"{path}:1: expected a mapping of named word lists")
    return data, text


def _words(path: Path, text: str, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise _fail(path, text, key, "expected a list of words")
    return [str(v).lower() for v in value]


def _regular_forms(verb: str) -> list[str]:
    stem = verb[:-1] if verb.endswith("e") else verb
    third = verb + "es" if verb.endswith(("s", "sh", "ch", "x", "z")) else verb + "s"
    past = verb + "d" if verb.endswith("e") else verb + "ed"
    return [verb, third, past, stem + "ing"]


@dataclass(frozen=True)
class QuoteLexicon:
    """Word lists of quotes (see ``data/quotes.yaml``)."""

    cue_forms: dict[str, str]            # inflected form -> verb
    direct_only: frozenset[str]          # verbs that cue direct quotes only
    according_to: tuple[str, ...]
    pronouns: dict[str, str]             # pronoun -> person | group | thing
    first_person: frozenset[str]
    third_person: dict[str, str]
    speaker_skip: frozenset[str]
    speaker_stop: frozenset[str]
    speaker_reject: frozenset[str]
    cue_blockers: frozenset[str]
    max_scare_words: int
    indirect_forms: frozenset[str]       # forms of the verbs that can report indirect speech

    def cue(self, word: str) -> str | None:
        """The verb of saying ``word`` is a form of, or None."""
        return self.cue_forms.get(word.lower())


@dataclass(frozen=True)
class NumberLexicon:
    """Word lists of numeric claims (see ``data/numbers.yaml``)."""

    number_words: dict[str, float]
    scales: dict[str, float]
    fractions: dict[str, float]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    lists: dict[str, frozenset[str]]

    def has(self, name: str, word: str) -> bool:
        return word.lower() in self.lists[name]


def _merge(paths: Sequence[Path], maps: Sequence[str], lists: Sequence[str],
           special: Sequence[str] = ()) -> tuple[dict[str, Any], list[tuple[Path, str, dict[str, Any]]]]:
    merged: dict[str, Any] = {k: {} for k in maps}
    merged.update({k: [] for k in lists})
    raw = []
    for path in paths:
        data, text = _read(Path(path))
        raw.append((Path(path), text, data))
        for key, value in data.items():
            if key in maps:
                if not isinstance(value, dict):
                    raise _fail(path, text, key, "expected a mapping")
                merged[key].update({str(k): v for k, v in value.items()})
            elif key in lists:
                merged[key].extend(_words(path, text, key, value))
            elif key not in special:
                raise _fail(path, text, key, "unknown key (expected one of "
                            + ", ".join(sorted([*maps, *lists, *special])) + ")")
    return merged, raw


@functools.lru_cache(maxsize=8)
def load_quote_lexicon(extra: tuple[str, ...] = ()) -> QuoteLexicon:
    """The packaged ``quotes.yaml`` plus the user's files ``extra``."""
    merged, raw = _merge([QUOTES_FILE, *map(Path, extra)], _QUOTE_MAPS, _QUOTE_LISTS, ("cue_verbs", "max_scare_words"))
    forms: dict[str, str] = {}
    max_scare = 8
    for path, text, data in raw:
        for item in data.get("cue_verbs") or []:
            if isinstance(item, str):
                for f in _regular_forms(item.lower()):
                    forms.setdefault(f, item.lower())
            elif isinstance(item, dict) and len(item) == 1:
                verb, irregular = next(iter(item.items()))
                verb = str(verb).lower()
                for f in [verb, *_words(path, text, verb, irregular)]:
                    forms.setdefault(f, verb)
            else:
                raise _fail(path, text, "cue_verbs", f"expected a verb or 'verb: [forms]', got {item!r}")
        if "max_scare_words" in data:
            if not isinstance(data["max_scare_words"], int):
                raise _fail(path, text, "max_scare_words", "expected a whole number")
            max_scare = data["max_scare_words"]
    for key in _QUOTE_MAPS:
        for word, kind in merged[key].items():
            if not isinstance(kind, list):
                raise ValueError(f"{key}: {word}: expected a list of pronouns")
    return QuoteLexicon(
        cue_forms=forms, direct_only=frozenset(merged["direct_only"]),
        according_to=tuple(sorted(set(merged["according_to"]), key=lambda s: (-len(s), s))),
        pronouns={p.lower(): kind for kind, ps in merged["pronouns"].items() for p in ps},
        first_person=frozenset(merged["first_person"]),
        third_person={p.lower(): kind for kind, ps in merged["third_person"].items() for p in ps},
        speaker_skip=frozenset(merged["speaker_skip"]), speaker_stop=frozenset(merged["speaker_stop"]),
        speaker_reject=frozenset(merged["speaker_reject"]), cue_blockers=frozenset(merged["cue_blockers"]),
        max_scare_words=max_scare,
        indirect_forms=frozenset(f for f, v in forms.items() if v not in set(merged["direct_only"])),
    )


@functools.lru_cache(maxsize=8)
def load_number_lexicon(extra: tuple[str, ...] = ()) -> NumberLexicon:
    """The packaged ``numbers.yaml`` plus the user's files ``extra``."""
    merged, raw = _merge([NUMBERS_FILE, *map(Path, extra)], _NUMBER_MAPS, _NUMBER_LISTS)
    for path, text, data in raw:
        for key in ("number_words", "scales", "fractions"):
            for word, value in (data.get(key) or {}).items():
                if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                    raise _fail(path, text, word, f"{key}: expected a non-negative number, got {value!r}")
        for key in ("currency_symbols", "currency_words"):
            for word, value in (data.get(key) or {}).items():
                if not (isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value)):
                    raise _fail(path, text, word, f"{key}: expected an ISO 4217 code, got {value!r}")
    return NumberLexicon(
        number_words={k.lower(): float(v) for k, v in merged["number_words"].items()},
        scales={k.lower(): float(v) for k, v in merged["scales"].items()},
        fractions={k.lower(): float(v) for k, v in merged["fractions"].items()},
        currency_symbols=dict(merged["currency_symbols"]),
        currency_words={k.lower(): v for k, v in merged["currency_words"].items()},
        lists={k: frozenset(merged[k]) for k in _NUMBER_LISTS},
    )
