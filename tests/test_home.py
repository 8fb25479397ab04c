"""The article's home country for uncoded domestic actors (eventwire/resolve/home.py)."""
from __future__ import annotations

from collections import Counter

import pytest

from eventwire.model import Actor, Article, Event
from eventwire.resolve.actors import ActorDictionary
from eventwire.resolve.home import HomeCountry, HomeSettings, dominant

GREEK = ("Greek police fired tear gas in Athens on Sunday. The Greek government said the unrest "
         "in Athens would be investigated. Protesters marched to the parliament in Athens, and "
         "police officers arrested twelve of them.")
BALANCED = "France and Germany met in Brussels. Paris and Berlin agreed on a plan."


@pytest.fixture(scope="module")
def home() -> HomeCountry:
    return HomeCountry(ActorDictionary.load())


def _event(etype: str, source: list[Actor], target: list[Actor], trigger: str = "marched",
           negated: bool = False) -> Event:
    return Event(id="e", doc_id="d", event_type=etype, mode=None, context=[], source=source, target=target,
                 event_date=None, date_precision=None, negated=negated, modality="asserted", attribution=None,
                 sentence="", sentence_index=0, char_start=0, char_end=0, trigger=trigger, trigger_start=0,
                 trigger_end=0, rules=["r"], confidence=0.5)


def test_dominant_needs_count_share_and_lead() -> None:
    s = HomeSettings(min_mentions=3, min_share=0.5, min_lead=2.0)
    assert dominant(Counter(GRC=4, TUR=1), s) == "GRC"
    assert dominant(Counter(GRC=2), s) is None                    # too few mentions
    assert dominant(Counter(GRC=4, TUR=3), s) is None             # no lead over the runner-up
    assert dominant(Counter(GRC=4, TUR=2, ITA=2, FRA=2), s) is None   # under half of all
    assert dominant(Counter(), s) is None


def test_uncoded_domestic_actors_take_the_home_country(home: HomeCountry) -> None:
    art = Article(doc_id="d", text=GREEK, title="Riots in Athens")
    assert home.home(art) == "GRC"
    protesters = Actor(text="Protesters", score=0.0)
    police = Actor(text="police officers", sector="COP", score=0.0)
    ev = [_event("PROTEST", [protesters], []), _event("COERCE", [police], [Actor(text="twelve of them")])]
    assert home.assign(art, ev) == 3
    assert protesters.country == "GRC" and protesters.entry == "home:GRC" and protesters.score == 0.5
    assert police.country == "GRC" and police.sector == "COP"
    assert all("actor.home" in e.rules for e in ev)


def test_coded_pronoun_and_anonymous_actors_are_left_alone(home: HomeCountry) -> None:
    art = Article(doc_id="d", text=GREEK)
    turkey = Actor(text="Ankara", country="TUR", entry="x")
    pron = Actor(text="they", entry="pronoun:they", score=0.0)
    gunmen = Actor(text="the masked gunmen", score=0.0)
    bomber = Actor(text="a suicide bomber", score=0.0)
    ev = [_event("ACCUSE", [turkey], [pron]), _event("ASSAULT", [gunmen, bomber], [])]
    assert home.assign(art, ev) == 0
    assert turkey.country == "TUR" and pron.country is None and gunmen.country is None and bomber.country is None
    assert ev[0].rules == ["r"]


def test_no_dominant_country_changes_nothing(home: HomeCountry) -> None:
    art = Article(doc_id="d", text=BALANCED)
    people = Actor(text="officials", score=0.0)
    assert home.home(art) is None
    assert home.assign(art, [_event("CONSULT", [people], [])]) == 0
    assert people.country is None


def test_a_doerless_arrest_gets_the_home_police(home: HomeCountry) -> None:
    art = Article(doc_id="d", text=GREEK)
    arrested = _event("COERCE", [], [Actor(text="a student", score=0.0)], trigger="arrested")
    cleared = _event("COERCE", [], [Actor(text="a man", score=0.0)], trigger="arrested", negated=True)
    attacked = _event("ASSAULT", [], [Actor(text="a student", score=0.0)], trigger="attacked")
    home.assign(art, [arrested, cleared, attacked])
    (src,) = arrested.source
    assert (src.country, src.sector, src.entry, src.text) == ("GRC", "COP", "home:implicit:COP", "")
    assert cleared.source == [] and attacked.source == []   # negated; not a state act


def test_the_police_who_tell_of_a_doerless_arrest_made_it(home: HomeCountry) -> None:
    for text in (GREEK, BALANCED):   # with a home country and without one
        art = Article(doc_id="d", text=text)
        arrested = _event("COERCE", [], [Actor(text="two men", score=0.0)], trigger="arrested")
        arrested.attribution = Actor(text="Kenyan police", country="KEN", sector="COP")
        shot = _event("ASSAULT", [], [Actor(text="a man", score=0.0)], trigger="shot")
        shot.attribution = Actor(text="Kenyan police", country="KEN", sector="COP")
        home.assign(art, [arrested, shot])
        assert [(a.text, a.country) for a in arrested.source] == [("Kenyan police", "KEN")]
        assert "actor.teller" in arrested.rules
        assert shot.source == []   # who tells of a shooting did not shoot


def test_settings_file_rejects_unknown_keys(tmp_path) -> None:
    bad = tmp_path / "home.yaml"
    bad.write_text("min_mentions: 3\nmin_shar: 0.5\n")
    with pytest.raises(ValueError, match="min_shar"):
        HomeSettings.load(bad)


def test_pipeline_codes_protesters_with_the_story_country() -> None:
    from eventwire import code
    (res,) = code(GREEK + " Thousands of protesters clashed with riot police in Athens on Monday.")
    coded = [a for e in res.events for a in e.source + e.target if (a.entry or "").startswith("home:")]
    assert coded and all(a.country == "GRC" for a in coded)


def test_config_switch_turns_it_off() -> None:
    from eventwire.api import code
    from eventwire.pipeline import Config
    (res,) = code(GREEK + " Thousands of protesters clashed with riot police in Athens on Monday.",
               config=Config(home_country=False))
    assert not [a for e in res.events for a in e.source + e.target if (a.entry or "").startswith("home:")]


def test_without_a_home_country_the_event_place_lends_its_country() -> None:
    from eventwire.api import code
    (res,) = code("Police arrested twelve students in Nairobi on Tuesday.")
    (ev,) = [e for e in res.events if e.event_type == "COERCE"]
    assert ev.place is not None and ev.place.country == "KEN"
    assert [(a.country, a.entry) for a in ev.source] == [("KEN", "home:place:KEN")]
    # ("Police in Nairobi arrested ...": the coder reads the place of the police themselves)
    (res,) = code("Police in Nairobi arrested twelve students on Tuesday.")
    (ev,) = [e for e in res.events if e.event_type == "COERCE"]
    assert [(a.country, a.entry) for a in ev.source] == [("KEN", "sector:police")]
    # a country named once as a party is no home: the protesters are where they protest
    (res,) = code("Protesters in Paris denounced Israel's war in Gaza.")
    (ev,) = [e for e in res.events if e.event_type == "ACCUSE"]
    assert ev.source[0].country == "FRA" and ev.target[0].country == "ISR"


def test_other_states_and_international_bodies_are_not_the_homes_own(home: HomeCountry) -> None:
    art = Article(doc_id="d", text=GREEK)
    others = [Actor(text="other countries", score=0.0), Actor(text="aid agencies", score=0.0),
              Actor(text="foreign ambassadors", score=0.0)]
    officials = Actor(text="officials", score=0.0)
    home.assign(art, [_event("REQUEST", [officials], others)])
    assert officials.country == "GRC" and all(a.country is None for a in others)


def test_a_protest_told_without_its_protesters_is_the_home_publics(home: HomeCountry) -> None:
    # "anti-government protests continued": the home country's public protests (implicit CVL)
    art = Article(doc_id="d", text=GREEK)
    gov = Actor(text="government", sector="GOV", score=0.0)
    ev = _event("PROTEST", [], [gov], trigger="protests")
    police = Actor(text="police", sector="COP", entry="sector:police", score=1.0)
    ev.attribution = police      # the police telling of a protest did not protest
    home.assign(art, [ev])
    assert [(a.country, a.sector, a.entry) for a in ev.source] == [("GRC", "CVL", "home:implicit:CVL")]


def test_a_pair_told_by_its_number_is_the_homes_only_in_a_story_of_one_country(home: HomeCountry) -> None:
    # "the two leaders announced the agreement": in a story of one country both are its own; in a
    # story that names other countries too, the pair it named before (home_country.yaml pair_share)
    mixed = Article(doc_id="d", text=GREEK + " Turkey and Bulgaria sent observers.")
    assert home.home(mixed) == "GRC"

    def run(art: Article) -> tuple:
        pair = Actor(text="The two leaders", sector="GOV", score=0.0)
        both = Actor(text="both sides", score=0.0)
        officers = Actor(text="two police officers", sector="COP", score=0.0)
        home.assign(art, [_event("SUPPORT", [pair], [both]), _event("PROTEST", [officers], [])])
        return pair.country, both.country, officers.country

    assert run(Article(doc_id="d", text=GREEK)) == ("GRC", "GRC", "GRC")
    assert run(mixed) == (None, None, "GRC")


def test_foreign_named_participants_keep_no_home_code(home: HomeCountry) -> None:
    # (home_country.yaml foreign_modifiers, office_words; regions among foreign_heads)
    art = Article(doc_id="d", text=GREEK)
    western = Actor(text="Western officials", sector="GOV", score=0.0)
    visiting = Actor(text="visiting delegates", score=0.0)
    europe = Actor(text="Europe", score=0.0)
    minister = Actor(text="the foreign minister", sector="GOV", score=0.0)
    home.assign(art, [_event("CONSULT", [minister], [western, visiting]), _event("SUPPORT", [europe], [])])
    assert (western.country, visiting.country, europe.country) == (None, None, None)
    assert minister.country == "GRC"


def test_an_envoy_summoned_without_a_doer_is_summoned_by_the_government(home: HomeCountry) -> None:
    art = Article(doc_id="d", text=GREEK)
    envoy = _event("ACCUSE", [], [Actor(text="the Turkish ambassador", country="TUR", sector="GOV")], trigger="summoned")
    suspect = _event("ACCUSE", [], [Actor(text="a former minister", country="GRC", sector="GOV")], trigger="summoned")
    home.assign(art, [envoy, suspect])
    assert [(a.country, a.sector) for a in envoy.source] == [("GRC", "GOV")]
    assert [(a.country, a.sector) for a in suspect.source] == [("GRC", "JUD")]   # the home's own: a court


def test_foreign_ministers_in_the_plural_are_many_states(home: HomeCountry) -> None:
    art = Article(doc_id="d", text=GREEK)
    ministers = Actor(text="Foreign ministers", sector="GOV", score=0.0)
    home.assign(art, [_event("CONSULT", [ministers], [])])
    assert ministers.country is None
