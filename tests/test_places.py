"""Event places: the gazetteer, the locative roles, the fallbacks and the outputs.

Sentences are written for these tests; the seed check reads ``../shared/data/seeds`` (or
``$EVENTWIRE_SHARED_DATA/seeds``) and skips when it is absent.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from eventwire.api import code
from eventwire.model import Article, Event, Place
from eventwire.pipeline import Config
from eventwire.resolve.gazetteer import fold, known_country_codes, load_gazetteer, read_place_file
from eventwire.resolve.places import PlaceResolver, locate
from eventwire.runner import run

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")
SEED_WONSAN = SHARED / "seeds" / "004_9edff2facc8fa178.txt"


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver()


def where(resolver: PlaceResolver, sentence: str, trigger: str, article: str | None = None,
          actors: tuple[str, ...] = ()) -> Place | None:
    return locate(sentence, trigger, article_text=article, actor_countries=actors, resolver=resolver)


# --------------------------------------------------------------------------- locative roles

@pytest.mark.parametrize("sentence, trigger, name, country, feature", [
    # the locative phrase that governs the event
    ("Police clashed with protesters in Amman on Friday.", "clashed", "Amman", "JOR", "city"),
    ("Two soldiers were killed in an ambush outside Kandahar on Sunday.", "killed", "Kandahar", "AFG", "city"),
    # through a place noun and "of"
    ("Troops fired on a crowd near the border town of Kilis, witnesses said.", "fired", "Kilis", "TUR", "city"),
    ("Gunmen attacked a checkpoint on the outskirts of Mosul.", "attacked", "Mosul", "IRQ", "city"),
    # a locative phrase inside another
    ("Leaders met at the UN headquarters in Geneva to discuss the crisis.", "met", "Geneva", "CHE", "city"),
    # a place modifying the locative phrase
    ("A bomb exploded at a Kabul hospital, killing six.", "exploded", "Kabul", "AFG", "city"),
    # the trigger verb's object that names a city
    ("Israeli jets bombed Gaza overnight.", "bombed", "Gaza", "PSE", "city"),
    # X-based
    ("A Moscow-based rights group accused the government of torture.", "accused", "Moscow", "RUS", "city"),
    # only a country, in a locative role
    ("Protesters rallied across Syria demanding reforms.", "rallied", "Syria", "SYR", "country"),
    # a place with a qualifier: the first is the place, the second qualifies it
    ("Russian orphans are being housed in Wonsan, North Korea, reports said.", "housed", "Wonsan", "PRK", "city"),
])
def test_locative_phrase(resolver, sentence, trigger, name, country, feature) -> None:
    p = where(resolver, sentence, trigger)
    assert p is not None
    assert (fold(p.name), p.country, p.feature, p.source) == (fold(name), country, feature, "sentence")
    assert p.lat is not None and p.lon is not None
    assert sentence[p.char_start:p.char_end] == p.text


def test_trigger_clause_beats_other_locative_phrases(resolver) -> None:
    s = "After talks in Vienna ended, Iranian officials accused Washington of sabotage in Tehran on Monday."
    p = where(resolver, s, "accused")
    assert p is not None and p.name == "Tehran"


def test_nationality_alone_gives_no_place(resolver) -> None:
    assert where(resolver, "Russian diplomats criticized the plan.", "criticized") is None
    # a country as actor, not as location
    assert where(resolver, "China accused Japan of provocations.", "accused") is None
    assert where(resolver, "The mayor of Paris met the protesters on Monday.", "met") is None


@pytest.mark.parametrize("sentence, trigger", [
    ("Paris Saint-Germain fans clashed with police after the match.", "clashed"),       # part of a longer name
    ("Unlike George W Bush, the president criticized the ruling.", "criticized"),      # a surname, not Bush (Egypt)
    ("Clinton blamed Comey for her defeat in the US election.", "blamed"),              # a country qualifying a thing
    ("Lawmakers accused Washington of hypocrisy.", "accused"),                          # a capital as actor
])
def test_names_that_are_not_event_places(resolver, sentence, trigger) -> None:
    assert where(resolver, sentence, trigger) is None


def test_seat_of_government_is_a_site_in_the_capital(resolver) -> None:
    p = where(resolver, "Obama and Trump met at the White House on Thursday.", "met")
    assert p is not None and (p.name, p.country, p.feature, p.precision) == ("White House", "USA", "site", "site")
    assert p.lat == pytest.approx(38.9, abs=0.1)


# --------------------------------------------------------------------------- fallbacks

def test_dateline_in_text(resolver) -> None:
    art = "SEOUL, Dec. 29 (Reuters) - North Korea test-fired two missiles, the military said."
    p = where(resolver, "North Korea test-fired two missiles, the military said.", "test-fired", article=art)
    assert p is not None
    assert (p.name, p.country, p.source, p.text) == ("Seoul", "KOR", "dateline", "SEOUL")
    assert art[p.char_start:p.char_end] == "SEOUL"


def test_dateline_stripped_by_ingest_is_used() -> None:
    res = code([{"id": "d1", "text": "KABUL, March 3 (Reuters) - Taliban fighters attacked a police post, officials said."}])
    events = res[0].events
    assert events, "the coder should find the attack"
    p = events[0].place
    assert p is not None and (p.name, p.country, p.source) == ("Kabul", "AFG", "dateline")


def test_sentence_place_beats_dateline(resolver) -> None:
    art = "SEOUL, Dec. 29 (Reuters) - Protesters clashed with police in Busan on Sunday."
    p = where(resolver, "Protesters clashed with police in Busan on Sunday.", "clashed", article=art)
    assert p is not None and (p.name, p.source) == ("Busan", "sentence")


def test_article_country_when_only_that_is_known(resolver) -> None:
    art = ("Fighting broke out in Syria last week. The government accused rebels of breaking the truce. "
           "Talks are planned.")
    p = where(resolver, "The government accused rebels of breaking the truce.", "accused", article=art)
    assert p is not None and (p.name, p.feature, p.source) == ("Syria", "country", "article")
    # two countries in locative roles: not known
    art2 = "Fighting broke out in Syria and in Iraq. The government accused rebels of breaking the truce."
    assert where(resolver, "The government accused rebels of breaking the truce.", "accused", article=art2) is None


# --------------------------------------------------------------------------- ambiguity

def test_paris_texas_versus_paris_france(resolver) -> None:
    fr = where(resolver, "Protesters gathered in Paris on Monday.", "gathered")
    assert fr is not None and fr.country == "FRA"
    tx = where(resolver, "Protesters gathered in Paris, Texas, on Monday.", "gathered")
    assert tx is not None and (tx.country, tx.admin1) == ("USA", "Texas")
    art = "The Texas governor spoke on Sunday. Protesters gathered in Paris on Monday."
    ctx = where(resolver, "Protesters gathered in Paris on Monday.", "gathered", article=art)
    assert ctx is not None and ctx.country == "USA"


def test_a_passing_mention_does_not_move_a_world_city(resolver) -> None:
    # one US city in a story about Egypt and Turkey: Geneva is still Switzerland's (written for this test)
    s = "Egyptian and Turkish negotiators met in Geneva on Tuesday."
    art = ("Wheat prices fell in Chicago on the news. Egyptian officials said Turkey would help. "
           "Turkish ships sailed from Istanbul to Alexandria. " + s)
    place = where(resolver, s, "met", article=art, actors=("EGY", "TUR"))
    assert place is not None and place.country == "CHE"


def test_georgia_country_versus_us_state(resolver) -> None:
    s = "Thousands protested in Georgia against the new law."
    country = where(resolver, s, "protested")
    assert country is not None and (country.country, country.feature) == ("GEO", "country")
    art = "Atlanta police braced for crowds. " + s
    state = where(resolver, s, "protested", article=art)
    assert state is not None and (state.country, state.feature) == ("USA", "region")
    assert where(resolver, s, "protested", actors=("USA",)).country == "USA"


@pytest.mark.parametrize("sentence, trigger", [
    ("Reading the statement, the minister condemned the attack.", "condemned"),
    ("Nice weather did not stop thousands from protesting in the capital.", "protesting"),
    ("Most protesters were arrested in the evening.", "arrested"),
    ("Police arrested dozens at Mobile phone shops.", "arrested"),
    ("The rebels agreed to a deal in principle on Bath salts.", "agreed"),
])
def test_common_words_are_not_places(resolver, sentence, trigger) -> None:
    assert where(resolver, sentence, trigger) is None


def test_common_word_town_with_a_qualifier(resolver) -> None:
    p = where(resolver, "Police arrested protesters in Split, Croatia, on Friday.", "arrested")
    assert p is not None and (p.name, p.country) == ("Split", "HRV")
    p = where(resolver, "Fighting broke out near the port city of Split.", "Fighting")
    assert p is not None and p.country == "HRV"


def test_kosovo_has_the_dictionarys_code() -> None:
    # GeoNames' XKX is KOS, as in PLOVER and countries.tsv
    assert {p.country for p in load_gazetteer().candidates("Prizren")} == {"KOS"}


def test_common_word_list_is_derived_from_data() -> None:
    gaz = load_gazetteer()
    for word in ("Nice", "Reading", "Split", "Most", "Of", "Police", "Mobile", "Bath"):
        assert gaz.candidates(word), word          # the town is in the gazetteer...
        assert gaz.is_common(word), word           # ...and never matched alone
    for name in ("Paris", "Mosul", "Kabul", "Wonsan", "Georgia"):
        assert not gaz.is_common(name), name


# --------------------------------------------------------------------------- user place files

def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("# my places\nname\taliases\tcountry\tkind\tlat\tlon\tadmin1\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    return path


def test_user_place_file(tmp_path: Path) -> None:
    f = _write(tmp_path / "mine.tsv", [
        "Yongbyon Nuclear Complex\tYongbyon\tPRK\tsite\t39.7967\t125.7542\tNorth Pyongan",
        "Camp Delta\t\tCUB\tsite\t19.9\t-75.1\t",
    ])
    r = PlaceResolver((str(f),))
    p = locate("Inspectors saw new activity at Yongbyon on Tuesday.", "saw", resolver=r)
    assert p is not None
    assert (p.name, p.country, p.feature, p.precision, p.admin1) == (
        "Yongbyon Nuclear Complex", "PRK", "site", "site", "North Pyongan")
    assert (p.lat, p.lon) == (39.7967, 125.7542)
    # the packaged gazetteer knows the name (places.tsv) but not where it is
    p = locate("Inspectors saw new activity at Yongbyon on Tuesday.", "saw", resolver=PlaceResolver())
    assert p is not None and p.country == "PRK" and p.lat is None and p.precision is None


@pytest.mark.parametrize("row, message", [
    ("Somewhere\t\tXXX\tcity\t1\t2\t", "mine.tsv:3: country 'XXX'"),
    ("Somewhere\t\tFRA\ttown\t1\t2\t", "mine.tsv:3: kind must be one of"),
    ("Somewhere\t\tFRA\tcity\t91\t2\t", "mine.tsv:3: lat '91' is outside"),
    ("Somewhere\t\tFRA\tcity\tnorth\t2\t", "mine.tsv:3: lat 'north' is not a number"),
    ("Somewhere\t\tFRA\tcity\t45\t\t", "mine.tsv:3: give both lat and lon"),
    ("\t\tFRA\tcity\t45\t2\t", "mine.tsv:3: a place row needs a name"),
    ("A\tB\tFRA\tcity\t1\t2\tX\textra", "mine.tsv:3: 8 tab-separated columns"),
])
def test_bad_place_file(tmp_path: Path, row: str, message: str) -> None:
    f = _write(tmp_path / "mine.tsv", [row])
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        read_place_file(f, known_country_codes())
    with pytest.raises(ValueError, match="mine.tsv:3"):
        PlaceResolver((str(f),))


def test_bad_place_header(tmp_path: Path) -> None:
    f = tmp_path / "h.tsv"
    f.write_text("name\tcountry\nX\tFRA\n", encoding="utf-8")
    with pytest.raises(ValueError, match="h.tsv: the header lacks the column"):
        PlaceResolver((str(f),))


def test_cli_rejects_bad_place_file(tmp_path: Path) -> None:
    f = _write(tmp_path / "mine.tsv", ["Somewhere\t\tFRA\tcity\t91\t2\t"])
    doc = tmp_path / "a.txt"
    doc.write_text("Police clashed with protesters in Amman on Friday.", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", "eventwire", "code", str(doc), "--out", str(tmp_path / "out"),
                           "--places", str(f), "--quiet", "--jobs", "1"], capture_output=True, text=True, env=env)
    assert proc.returncode == 2
    assert "mine.tsv:3" in proc.stderr


# --------------------------------------------------------------------------- outputs

def test_places_in_jsonl_parquet_duckdb(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "p1", "text": "Police clashed with protesters in Amman on Friday."}) + "\n"
                   + json.dumps({"id": "p2", "text": "Russian diplomats criticized the plan."}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    run([src], out, config=Config(type_model=False))
    events = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    by_doc = {e["doc_id"]: e for e in events}
    assert by_doc["p1"]["place"]["name"] == "Amman"
    assert by_doc["p1"]["place"]["lat"] == pytest.approx(31.955, abs=0.01)
    table = pq.read_table(out / "events.parquet")
    assert table.schema.field("place").type.get_field_index("lat") >= 0
    con = duckdb.connect(str(out / "eventwire.duckdb"), read_only=True)
    rows = dict(con.execute("SELECT doc_id, place_name FROM events").fetchall())
    lat = con.execute("SELECT lat, lon, place_country FROM events WHERE doc_id = 'p1'").fetchone()
    con.close()
    assert rows["p1"] == "Amman"
    assert rows.get("p2") is None
    assert lat[2] == "JOR" and lat[0] == pytest.approx(31.955, abs=0.01)


def test_places_off() -> None:
    res = code(["Police clashed with protesters in Amman on Friday."], config=Config(places=False, type_model=False))
    assert res[0].events and all(e.place is None for e in res[0].events)


def test_assign_sets_place_on_every_event(resolver) -> None:
    art = Article(doc_id="x", text="Nothing here.")
    ev = Event(id="e", doc_id="x", event_type="PROTEST", mode=None, context=[], source=[], target=[],
               event_date=None, date_precision=None, negated=False, modality="asserted", attribution=None,
               sentence="Nothing here.", sentence_index=0, char_start=0, char_end=13, trigger="Nothing",
               trigger_start=0, trigger_end=7, rules=["r"], confidence=0.5)
    resolver.assign(art, [ev], [[]])
    assert ev.place is None


# --------------------------------------------------------------------------- the seed

@pytest.mark.skipif(not SEED_WONSAN.exists(), reason=f"seed article not found: {SEED_WONSAN} "
                    "(set EVENTWIRE_SHARED_DATA to the shared data folder)")
def test_seed_russian_orphans_housed_in_wonsan() -> None:
    res = code([SEED_WONSAN])
    events = [e for r in res for e in r.events if "Wonsan" in e.sentence]
    assert events, "the coder produces an event in the Wonsan sentence"
    for e in events:
        assert e.place is not None
        assert (e.place.name, e.place.country, e.place.source) == ("Wonsan", "PRK", "sentence")
        assert e.place.lat == pytest.approx(39.15, abs=0.05) and e.place.lon == pytest.approx(127.44, abs=0.05)
