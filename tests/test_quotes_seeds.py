"""The seeds (../shared/data/seeds, or $EVENTWIRE_SHARED_DATA/seeds): the long direct quotes have their
speakers and the headline figures are claims with the right values.  Skips when the data is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.api import code

SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DATA") or Path(__file__).resolve().parents[1].parent / "shared" / "data")
SEEDS = SHARED / "seeds"

pytestmark = pytest.mark.skipif(not (SEEDS.is_dir() and any(SEEDS.glob("*.txt"))),
                                reason=f"seed articles not found at {SEEDS} (set EVENTWIRE_SHARED_DATA)")


@pytest.fixture(scope="module")
def results():
    return {r.record.doc_id: r for r in code([p for p in sorted(SEEDS.glob("*.txt"))])}


def _quote(results, start: str):
    for r in results.values():
        for q in r.quotes:
            if q.kind == "direct" and q.text.startswith(start):
                return q
    raise AssertionError(f"no direct quote starting {start!r}")


@pytest.mark.parametrize("start, name, country", [
    ("During our embassy", "Sergey Lavrov", "RUS"),      # "...," he said (after Lavrov told reporters)
    ("Our embassy regularly reports", "Sergey Lavrov", "RUS"),
    ("When we offered our friends", "Alexander Matsegora", None),
    ("One of the clear examples", "Alexander Matsegora", None),
    ("In case the infectious disease", "Kim Jong Un", "PRK"),
    ("Fortunately, up until now", "Pak Myong Su", None),
    ("There's not enough medicine", "Nagi Shafik", None),
])
def test_long_quotes_have_their_speakers(results, start, name, country):
    q = _quote(results, start)
    assert q.speaker is not None and q.speaker.name == name
    if country:
        assert q.speaker.country == country


def test_source_quotes_are_attributed(results):
    assert _quote(results, "North Koreans need assistance").speaker.text == "One source"
    assert _quote(results, "The government has testing kits").speaker.text == "A source"


@pytest.mark.parametrize("value, unit", [(2_200_000, "cases"), (590, "citizens"), (11_000, "troops"), (200, "pieces")])
def test_headline_figures_are_claims(results, value, unit):
    claims = [c for r in results.values() for c in r.claims]
    assert any(c.value == value and c.unit == unit for c in claims), [(c.value, c.unit) for c in claims]


def test_no_years_or_dates_among_the_claims(results):
    values = {c.value for r in results.values() for c in r.claims}
    assert not values & {2019, 2020, 2022, 2023, 2024, 29}       # years, "June 29", "March 1"
    assert not any(c.text.startswith(("19", "2019")) for r in results.values() for c in r.claims)  # COVID-19/2019
