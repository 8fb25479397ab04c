"""Property tests for eventwire.resolve.dates (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.resolve import dates
from eventwire.resolve.dates import find_time_expressions, resolve_expression, resolve_sentence_date

SETTINGS = settings(max_examples=200, deadline=None)

anchors = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))

# Token soup close to the grammar, so that generated text actually contains
# (and nearly contains) time expressions.
TOKENS = [
    "on", "in", "at", "the", "of", "end", "early", "late", "mid", "mid-", "last", "this", "next",
    "past", "earlier", "later", "over", "weekend", "week", "month", "year", "day", "days", "weeks",
    "ago", "a", "few", "couple", "two", "several", "yesterday", "today", "tomorrow", "night",
    "before", "Back", "Monday", "Wednesday", "Thursday's", "Sunday", "January", "February",
    "March", "march", "May", "may", "June", "Sept.", "Dec", "1", "1st", "29", "29th", "31",
    "2019", "2020", "1899", "2200", "2021-03-15", "2021-02-30", "3/15/2021", "summer", "troops",
    "said", ",", ".", "'s", "-",
]
separators = st.sampled_from([" ", " ", " ", "  ", ", ", "\n", "-", ""])


@st.composite
def token_soup(draw):
    tokens = draw(st.lists(st.sampled_from(TOKENS), max_size=25))
    out = []
    for tok in tokens:
        out.append(tok)
        out.append(draw(separators))
    return "".join(out)


sentences = st.one_of(st.text(max_size=300), token_soup())


def check_iso(iso: str, precision: str) -> None:
    if precision in ("day", "week"):
        d = dt.date.fromisoformat(iso)
        if precision == "week":
            assert d.weekday() == 0
    elif precision == "month":
        assert len(iso) == 7
        dt.datetime.strptime(iso, "%Y-%m")
    else:
        assert precision == "year"
        assert len(iso) == 4 and iso.isdigit() and int(iso) >= 1


@SETTINGS
@given(sentences)
def test_find_never_raises_and_offsets_match(sentence):
    found = find_time_expressions(sentence)
    previous_end = 0
    for e in found:
        assert 0 <= e.start < e.end <= len(sentence)
        assert sentence[e.start:e.end] == e.text
        assert e.start >= previous_end  # sorted, non-overlapping
        previous_end = e.end


@SETTINGS
@given(sentences, anchors, st.one_of(st.none(), st.integers(min_value=-5, max_value=400)))
def test_resolve_sentence_never_raises_and_is_well_formed(sentence, anchor, near):
    r = resolve_sentence_date(sentence, anchor, near=near)
    if r is None:
        return
    assert 0 <= r.start < r.end <= len(sentence)
    assert sentence[r.start:r.end] == r.text
    check_iso(r.date, r.precision)
    # the chosen expression is one of those found, and resolves the same way alone
    assert (r.start, r.end, r.text) in {(e.start, e.end, e.text) for e in find_time_expressions(sentence)}
    assert resolve_expression(r.text, anchor) == (r.date, r.precision)


@SETTINGS
@given(token_soup())
def test_two_stage_scan_equals_plain_finditer(sentence):
    """The anchor-word pre-filter must not change what the full grammar finds."""
    g = dates._grammar()
    # (the pre-filter only looks _MAX_PREFIX chars back; token soups are shorter)
    plain = [m.span() for m in g.regex.finditer(sentence)]
    assert [m.span() for m in dates._scan(sentence)] == plain


@SETTINGS
@given(token_soup(), anchors)
def test_found_expressions_resolve_without_raising(sentence, anchor):
    for e in find_time_expressions(sentence):
        r = resolve_expression(e.text, anchor)
        if r is not None:
            check_iso(*r)
            if anchor is None:
                # without an anchor only expressions with an explicit year resolve
                assert any(ch.isdigit() for ch in e.text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40), anchors)
def test_resolve_expression_arbitrary_text(expr, anchor):
    """Arbitrary strings may reach the dateparser fallback: never raise, well-formed output."""
    r = resolve_expression(expr, anchor)
    if r is not None:
        check_iso(*r)


@SETTINGS
@given(st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
       st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_bare_weekday_is_within_the_past_six_days(day, anchor):
    iso, precision = resolve_expression(f"on {day}", anchor)
    d = dt.date.fromisoformat(iso)
    assert precision == "day"
    assert 0 <= (anchor - d).days <= 6
    assert d.strftime("%A") == day


@SETTINGS
@given(st.sampled_from(["January", "March", "June", "August", "December"]),
       st.integers(min_value=1, max_value=28),
       st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_month_day_without_year_is_at_most_a_week_ahead(month, day, anchor):
    iso, _ = resolve_expression(f"{month} {day}", anchor)
    delta = (dt.date.fromisoformat(iso) - anchor).days
    assert -366 <= delta <= 7
