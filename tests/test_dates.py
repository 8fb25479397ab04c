"""Event dates from temporal expressions (eventwire.resolve.dates).

Example sentences are written for these tests.  Unless stated otherwise the
publication date (anchor) is Wednesday 2022-07-06.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from eventwire.resolve import dates
from eventwire.resolve.dates import (
    ResolvedDate,
    TimeExpr,
    find_time_expressions,
    resolve_expression,
    resolve_sentence_date,
)

WED = dt.date(2022, 7, 6)  # a Wednesday


def texts(sentence: str) -> list[str]:
    return [e.text for e in find_time_expressions(sentence)]


# ------------------------------------------------------------------ resolving


@pytest.mark.parametrize(
    "expr, iso, precision",
    [
        # weekdays: most recent on/before the anchor, anchor day itself = 0 days back
        ("on Wednesday", "2022-07-06", "day"),
        ("Wednesday", "2022-07-06", "day"),
        ("on Monday", "2022-07-04", "day"),
        ("on Sunday", "2022-07-03", "day"),
        ("Thursday", "2022-06-30", "day"),  # 6 days back, not tomorrow
        ("late on Tuesday", "2022-07-05", "day"),
        ("Tuesday night", "2022-07-05", "day"),
        ("last Wednesday", "2022-06-29", "day"),
        ("last Friday", "2022-07-01", "day"),
        ("this past Monday", "2022-07-04", "day"),
        ("next Monday", "2022-07-11", "day"),
        ("next Wednesday", "2022-07-13", "day"),
        # relative days
        ("yesterday", "2022-07-05", "day"),
        ("today", "2022-07-06", "day"),
        ("tomorrow", "2022-07-07", "day"),
        ("last night", "2022-07-05", "day"),
        ("yesterday morning", "2022-07-05", "day"),
        ("the day before", "2022-07-05", "day"),
        ("the day before yesterday", "2022-07-04", "day"),
        # relative weeks / months / years
        ("last week", "2022-06-27", "week"),
        ("this week", "2022-07-04", "week"),
        ("earlier this week", "2022-07-04", "week"),
        ("next week", "2022-07-11", "week"),
        ("last month", "2022-06", "month"),
        ("earlier this month", "2022-07", "month"),
        ("later this month", "2022-07", "month"),
        ("next month", "2022-08", "month"),
        ("last year", "2021", "year"),
        ("earlier this year", "2022", "year"),
        ("at the end of last year", "2021", "year"),
        # ago
        ("two days ago", "2022-07-04", "day"),
        ("10 days ago", "2022-06-26", "day"),
        ("a week ago", "2022-06-27", "week"),
        ("a few weeks ago", "2022-06-13", "week"),  # "a few" = 3
        ("a couple of months ago", "2022-05", "month"),
        ("18 months ago", "2021-01", "month"),
        ("three years ago", "2019", "year"),
        # weekends -> Monday of the weekend's ISO week, precision week
        ("over the weekend", "2022-06-27", "week"),
        ("last weekend", "2022-06-27", "week"),
        ("this past weekend", "2022-06-27", "week"),
        ("this weekend", "2022-07-04", "week"),
        ("next weekend", "2022-07-11", "week"),
        # month + day, no year: anchor's year
        ("June 29", "2022-06-29", "day"),
        ("29 June", "2022-06-29", "day"),
        ("on June 29", "2022-06-29", "day"),
        ("on the 29th of June", "2022-06-29", "day"),
        ("Back on March 1", "2022-03-01", "day"),
        ("March 1st", "2022-03-01", "day"),
        ("Jan. 5", "2022-01-05", "day"),
        ("July 10", "2022-07-10", "day"),  # 4 days ahead: still this year
        ("July 20", "2021-07-20", "day"),  # 14 days ahead: last year
        ("December 25", "2021-12-25", "day"),
        ("on Monday, June 27", "2022-06-27", "day"),
        # explicit dates
        ("June 29, 2022", "2022-06-29", "day"),
        ("29 June 2022", "2022-06-29", "day"),
        ("Sept. 11, 2001", "2001-09-11", "day"),
        ("Tuesday 28 June 2022", "2022-06-28", "day"),
        ("2021-03-15", "2021-03-15", "day"),
        ("on 2021-03-15", "2021-03-15", "day"),
        # months: month precision, never a day
        ("in January", "2022-01", "month"),
        ("in July", "2022-07", "month"),
        ("in August", "2021-08", "month"),  # would be in the future: last year
        ("in January of 2020", "2020-01", "month"),
        ("January 2020", "2020-01", "month"),
        ("in late March 2020", "2020-03", "month"),
        ("Oct 2019", "2019-10", "month"),
        ("at the end of February", "2022-02", "month"),
        ("by the end of March 2023", "2023-03", "month"),
        ("in late March", "2022-03", "month"),
        ("mid-April", "2022-04", "month"),
        ("early May", "2022-05", "month"),
        ("last March", "2022-03", "month"),
        ("last July", "2021-07", "month"),
        ("next March", "2023-03", "month"),
        # years
        ("in 2019", "2019", "year"),
        ("in early 2021", "2021", "year"),
        ("mid-2021", "2021", "year"),
        ("since 1998", "1998", "year"),
        ("in the summer of 2019", "2019", "year"),
    ],
)
def test_resolve_with_anchor(expr, iso, precision):
    assert resolve_expression(expr, WED) == (iso, precision)


def test_expression_is_found_whole():
    """Every expression of the table above is one scanner match (not only a resolve)."""
    for expr in ["on Wednesday", "Back on March 1", "in January of 2020", "over the weekend",
                 "a few weeks ago", "at the end of February", "the day before yesterday",
                 "Tuesday 28 June 2022", "in the summer of 2019", "late on Tuesday"]:
        assert texts(expr) == [expr]


def test_weekday_possessive_on_friday_anchor():
    friday = dt.date(2022, 7, 8)
    r = resolve_sentence_date("Thursday's report blamed the militia for the raid.", friday)
    assert r == ResolvedDate("2022-07-07", "day", "Thursday's", 0, 10)


def test_weekday_same_day_and_week_wrap():
    sunday = dt.date(2022, 7, 3)
    assert resolve_expression("on Sunday", sunday) == ("2022-07-03", "day")
    assert resolve_expression("on Monday", sunday) == ("2022-06-27", "day")
    assert resolve_expression("last Sunday", sunday) == ("2022-06-26", "day")


@pytest.mark.parametrize(
    "anchor, expr, iso",
    [
        (dt.date(2022, 7, 3), "over the weekend", "2022-06-27"),  # Sunday: the weekend in progress
        (dt.date(2022, 7, 2), "over the weekend", "2022-06-27"),  # Saturday
        (dt.date(2022, 7, 4), "over the weekend", "2022-06-27"),  # Monday: the one just ended
        (dt.date(2022, 7, 3), "last weekend", "2022-06-20"),  # written on a weekend: the one before
        (dt.date(2022, 7, 4), "last weekend", "2022-06-27"),
    ],
)
def test_weekends(anchor, expr, iso):
    assert resolve_expression(expr, anchor) == (iso, "week")


def test_year_boundaries():
    jan3 = dt.date(2022, 1, 3)
    assert resolve_expression("in December", jan3) == ("2021-12", "month")
    assert resolve_expression("December 30", jan3) == ("2021-12-30", "day")
    assert resolve_expression("January 8", jan3) == ("2022-01-08", "day")
    assert resolve_expression("last month", jan3) == ("2021-12", "month")
    assert resolve_expression("last week", jan3) == ("2021-12-27", "week")
    assert resolve_expression("next month", dt.date(2022, 12, 1)) == ("2023-01", "month")
    assert resolve_expression("14 months ago", jan3) == ("2020-11", "month")


def test_invalid_days():
    assert resolve_expression("June 31", WED) is None
    assert resolve_expression("Feb. 29", WED) is None  # 2022 is not a leap year
    assert resolve_expression("Feb. 29", dt.date(2024, 3, 10)) == ("2024-02-29", "day")
    assert resolve_expression("February 29, 2020", None) == ("2020-02-29", "day")


def test_datetime_anchor_is_reduced_to_its_date():
    assert resolve_expression("yesterday", dt.datetime(2022, 7, 6, 23, 59)) == ("2022-07-05", "day")


# ------------------------------------------------------------------ no anchor


@pytest.mark.parametrize(
    "expr",
    ["on Wednesday", "Thursday's", "yesterday", "last week", "last month", "last year",
     "over the weekend", "a few weeks ago", "two days ago", "earlier this month", "June 29",
     "in January", "at the end of February", "mid-April", "Back on March 1", "the day before"],
)
def test_relative_without_anchor_is_none(expr):
    assert resolve_expression(expr, None) is None


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("in January of 2020", ("2020-01", "month")),
        ("January 2020", ("2020-01", "month")),
        ("June 29, 2022", ("2022-06-29", "day")),
        ("2021-03-15", ("2021-03-15", "day")),
        ("in 2019", ("2019", "year")),
        ("in early 2021", ("2021", "year")),
    ],
)
def test_absolute_without_anchor(expr, expected):
    assert resolve_expression(expr, None) == expected


def test_sentence_without_anchor_skips_relative_expressions():
    s = "On Monday, survivors recalled the bombing in 2019."
    r = resolve_sentence_date(s, None, near=0)
    assert r is not None and (r.date, r.precision, r.text) == ("2019", "year", "in 2019")
    assert resolve_sentence_date("Rebels shelled the port on Monday.", None) is None


# ------------------------------------------------------------------ dateparser fallback


def test_expression_with_extra_words():
    friday = dt.date(2022, 7, 8)
    assert resolve_expression("Thursday's report", friday) == ("2022-07-07", "day")
    assert resolve_expression("  on Wednesday  ", WED) == ("2022-07-06", "day")


def test_dateparser_fallback_for_unknown_forms():
    assert resolve_expression("15.03.2021", None) == ("2021-03-15", "day")
    assert resolve_expression("2 weeks from now", WED) == ("2022-07-18", "week")
    assert resolve_expression("an hour ago", WED) == ("2022-07-06", "day")
    assert resolve_expression("in 5 days", WED) == ("2022-07-11", "day")
    assert resolve_expression("in 5 days", None) is None  # relative: needs the anchor
    assert resolve_expression("the ministry building", WED) is None
    assert resolve_expression("", WED) is None
    assert resolve_expression("   ", None) is None


# ------------------------------------------------------------------ finding


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Police said on Wednesday that two people were detained.", ["on Wednesday"]),
        ("Protesters gathered outside parliament last week and again on Sunday.",
         ["last week", "on Sunday"]),
        ("The ceasefire announced on June 29, 2022 collapsed within days.", ["on June 29, 2022"]),
        ("Talks that began in January of 2020 stalled in late March.",
         ["in January of 2020", "in late March"]),
        ("The ministry, citing Thursday's report, closed the border.", ["Thursday's"]),
        ("Back on March 1 the rebels had offered a truce.", ["Back on March 1"]),
        ("Troops withdrew at the end of February, a few weeks ago by some accounts.",
         ["at the end of February", "a few weeks ago"]),
        ("Fighting resumed over the weekend, two days ago according to locals.",
         ["over the weekend", "two days ago"]),
        ("The 29 June vote and the mid-April strike were both cited.", ["29 June", "mid-April"]),
        ("Prices rose earlier this year and fell earlier this month.",
         ["earlier this year", "earlier this month"]),
        ("The order, dated 2021-03-15, was revoked.", ["2021-03-15"]),
        ("The camp was set up in 2019 and expanded in early 2021.", ["in 2019", "in early 2021"]),
        ("On Monday, June 27 the court met.", ["On Monday, June 27"]),
        # not dates
        ("Officials may 5 times over reject it; crowds march 3 miles.", []),
        ("Markets are closed on Wednesdays and at weekends.", []),
        ("The siege lasted a week and displaced 2,000 people.", []),
        ("The form was filed on 3/15/2021.", []),
        ("", []),
    ],
)
def test_find_time_expressions(sentence, expected):
    found = find_time_expressions(sentence)
    assert [e.text for e in found] == expected
    for e in found:
        assert isinstance(e, TimeExpr)
        assert sentence[e.start:e.end] == e.text


def test_may_and_march_capitalised_are_months():
    assert texts("Elections were held in May and a curfew began in MARCH.") == ["in May", "in MARCH"]


def test_long_unpunctuated_sentence_is_handled():
    # linear-time scanning is what lets this finish; speed itself is measured outside the tests
    filler = "the convoy moved slowly along the river road while officials argued "
    sentence = (filler * 14000 + "on Wednesday ")[: 1_000_000]
    found = find_time_expressions(sentence)
    resolve_sentence_date(sentence, WED, near=len(sentence) // 2)
    assert [e.text for e in found] in ([], ["on Wednesday"])
    # a prefix is only looked for up to ~100 characters before the month name
    spaces = "in" + " " * 1_000_000 + "March 2020"
    assert texts(spaces) == ["March 2020"]


# ------------------------------------------------------------------ near / sentence


def test_near_picks_closest_expression():
    s = "The minister said on Wednesday that artillery shelled the town last week."
    said = s.index("said")
    shelled = s.index("shelled")
    r = resolve_sentence_date(s, WED, near=shelled)
    assert r == ResolvedDate("2022-06-27", "week", "last week", s.index("last week"), len(s) - 1)
    r = resolve_sentence_date(s, WED, near=said)
    assert r is not None and (r.text, r.date, r.precision) == ("on Wednesday", "2022-07-06", "day")
    # no trigger offset: the first expression
    r = resolve_sentence_date(s, WED)
    assert r is not None and r.text == "on Wednesday"


def test_near_inside_expression_and_ties():
    s = "Yesterday and tomorrow"
    assert resolve_sentence_date(s, WED, near=3).text == "Yesterday"
    assert resolve_sentence_date(s, WED, near=len(s) - 1).text == "tomorrow"
    # equidistant: the earlier one
    s2 = "today x tomorrow"
    assert resolve_sentence_date(s2, WED, near=s2.index("x")).text == "today"


def test_sentence_without_expression():
    assert resolve_sentence_date("Rebels shelled the port.", WED) is None
    assert resolve_sentence_date("", WED) is None
    assert resolve_sentence_date("The vote on June 31 was annulled.", WED) is None


# ------------------------------------------------------------------ data file


def test_data_file_patterns():
    data = yaml.safe_load(dates._DATA_FILE.read_text(encoding="utf-8"))
    ids = [p["id"] for p in data["patterns"]]
    assert len(ids) == len(set(ids))
    assert {p["kind"] for p in data["patterns"]} <= set(dates._RESOLVERS)
