"""A sports article's events: only those that concern the state survive (cues.yaml
``sports_article``, ``sports_article_sectors``, ``sports_article_contexts``).  The articles here
were written for this file."""
from __future__ import annotations

import pytest

from eventwire import api
from eventwire.coding.context import is_sports_article
from eventwire.coding.lexicon import build_lexicon

BOXING = ("Kovacs keeps his belts in Cardiff\n"
          "The Hungarian heavyweight champion defended his title with a sixth-round knockout of the "
          "Welsh challenger on Saturday, his 31st win in 32 bouts. The referee stopped the fight after "
          "a flurry of punches. Kovacs will defend his crown against the American Dion Marsh in "
          "Budapest in the spring, his promoter said, and the two camps met on Sunday to agree terms. "
          "The stadium was sold out and the fans sang long after the final bell.")

ARREST = ("Winger arrested before playoff game\n"
          "Dallas receiver Tory Banks was arrested on suspicion of drunken driving early on Tuesday, "
          "two days before the team's playoff game against Denver, police said. The coach said the "
          "team would decide on his role for the game after speaking to him. Banks, 27, has scored "
          "nine touchdowns this season and led the league in yards after the catch.")

VOTE = ("Senate race tightens in Ohio\n"
        "The Ohio senator accused her Republican rival of lying about her record on Monday as polls "
        "showed the race within two points. Her campaign said the victory of her opponent in the "
        "primary had been funded by outside money, and she called on the state party to condemn "
        "his attacks. Both campaigns will hold rallies in Columbus this weekend.")


@pytest.fixture(scope="module")
def lex():
    return build_lexicon()


def test_what_reads_as_a_sports_article(lex):
    assert is_sports_article(BOXING, lex)
    assert is_sports_article(ARREST, lex)
    assert not is_sports_article(VOTE, lex)       # a race, a victory and rallies: an election
    assert not is_sports_article("Brazil beat Argentina 2-0 in the final.", lex)   # too short to judge


def _events(text: str):
    title, body = text.split("\n", 1)
    return api.code([{"id": "a", "title": title, "text": body}])[0].events


def test_title_fights_and_meetings_of_a_sports_article_go():
    assert _events(BOXING) == []


def test_a_players_arrest_stays():
    assert "COERCE" in [e.event_type for e in _events(ARREST)]


def test_an_election_article_keeps_its_events():
    assert "ACCUSE" in [e.event_type for e in _events(VOTE)]


def test_a_transfer_sentence_alone_keeps_no_deal():
    text = "Barcelona have agreed to sell the Uruguayan winger to a Saudi club for 35 million euros."
    assert api.code([{"id": "t", "text": text}])[0].events == []


def test_a_team_of_officials_is_no_sports_sentence():
    text = "The Kenyan president said his team had asked the transition team of the opposition to meet on Monday."
    assert "REQUEST" in [e.event_type for e in api.code([{"id": "t", "text": text}])[0].events]
