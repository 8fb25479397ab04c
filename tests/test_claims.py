"""Numeric claims: values, units, approximators, what is not a claim, and bad input (no parser needed)."""
from __future__ import annotations

import pytest

from eventwire.quotes.claims import MAX_VALUE, ClaimScanner
from eventwire.quotes.lexicon import load_number_lexicon


@pytest.fixture(scope="module")
def scan():
    sc = ClaimScanner(load_number_lexicon())
    return lambda text: [(text[n.start:n.end], n.value, n.unit, n.approximate) for n in sc.scan(text)]


@pytest.mark.parametrize("text, expected", [
    ("Cases went past 2.2 million cases last week.", [("2.2 million", 2200000, "cases", None)]),
    ("A dozen protesters were detained.", [("A dozen", 12, "protesters", None)]),
    ("Half a dozen ships were seized.", [("Half a dozen", 6, "ships", None)]),
    ("The army sent 11,000 troops.", [("11,000", 11000, "troops", None)]),
    ("The bank lent $20 million to the city.", [("$20 million", 20000000, "USD", None)]),
    ("Support fell to 15% in May.", [("15%", 15, "%", None)]),
    ("Inflation hit 11.3 percent.", [("11.3 percent", 11.3, "%", None)]),
    ("The EU pledged €1.5 billion.", [("€1.5 billion", 1500000000, "EUR", None)]),
    ("It budgeted 3bn euros.", [("3bn euros", 3000000000, "EUR", None)]),
    ("It pledged USD 20 million.", [("USD 20 million", 20000000, "USD", None)]),
    ("It tested at least 590 citizens.", [("590", 590, "citizens", "at least")]),
    ("They seized approximately 200 long-range artillery pieces.", [("200", 200, "pieces", "approximately")]),
    ("Up to 400 migrants were rescued.", [("400", 400, "migrants", "up to")]),
    ("Twenty-five aid trucks crossed.", [("Twenty-five", 25, "trucks", None)]),
    ("Exports rose to 2.1 million barrels a day.", [("2.1 million barrels", 2100000, "barrels", None)]),
    ("The fire destroyed 150 hectares of forest.", [("150 hectares", 150, "hectares", None)]),
    ("The party won 54 of the 120 seats.", [("54", 54, "seats", None), ("120", 120, "seats", None)]),
    ("At least 23 people were killed and 41 injured.", [("23", 23, "people", "at least"), ("41", 41, None, None)]),
    ("The US will send 31 Abrams tanks.", [("31", 31, "tanks", None)]),
])
def test_values_units_approximators(scan, text, expected):
    assert scan(text) == expected


@pytest.mark.parametrize("text", [
    "The ceasefire was agreed on 12 June 2023 in Doha.",          # dates and years
    "Talks resume on March 1, officials said.",
    "The vote is in 2024.",
    "The meeting starts at 10:30 a.m. and ends at 3 pm.",          # times
    "Call +44 20 7946 0958 for details.",                          # phone numbers
    "The No. 1 priority is electricity.",                          # identifiers
    "The COVID-19 pandemic and the G7 summit.",
    "Flight 17 and Resolution 2397 were discussed.",
    "By JOHN MARSH, 3 min read. Updated 2 hours ago.",             # page furniture
    "Photo 1 of 5.",
    "John Smith, 45, was arrested.",                               # ages
    "The 45-year-old suspect was detained.",
    "It was the 29th attack this year.",                           # ordinals
    "Tens of thousands marched; hundreds of people were hurt.",    # not a definite number
])
def test_not_claims(scan, text):
    assert scan(text) == []


def test_odd_separators(scan):
    assert scan("Officials counted 1.000.000 ballots.") == [("1.000.000", 1000000, "ballots", None)]
    assert scan("The army said 1 000 reservists were called up.") == [("1 000", 1000, "reservists", None)]


def test_ranges_take_the_low_end(scan):
    assert scan("Between 10–12 soldiers were wounded.") == [("10–12", 10, "soldiers", "range")]
    assert scan("Some 20-30 boats left.")[0][:2] == ("20-30", 20)


def test_fractions(scan):
    ((text, value, unit, _),) = scan("Only 1/3 of the aid arrived.")
    assert text == "1/3" and value == pytest.approx(1 / 3, rel=1e-3) and unit is None
    ((text, value, _, approx),) = scan("Nearly two-thirds of voters agreed.")
    assert text == "two-thirds" and value == pytest.approx(2 / 3, rel=1e-3) and approx == "nearly"
    assert scan("A ratio of 3/0 is no number.") == []                 # a zero denominator: no crash


def test_no_absurd_values(scan):
    long_number = "9" * 40
    out = scan(f"The code {long_number} and 1,000,000,000,000,000,000 units.")
    assert all(v <= MAX_VALUE for _, v, _, _ in out)


def test_hostile_input_does_not_crash(scan):
    for text in ["", "1" * 10_000, "1." * 5_000, "$" * 1000, "10–" * 2000, "1/" * 3000, ",1" * 4000, "\u00a01" * 3000]:
        scan(text)
