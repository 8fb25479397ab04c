"""Tests for the actor dictionary (eventwire/data/actors/*.tsv) and eventwire.resolve.actors."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.model import Actor
from eventwire.resolve.actors import (
    DATA_DIR,
    NON_STATE_CODES,
    SECTOR_CODES,
    ActorDictionary,
    default_dictionary,
)

ONTOLOGY = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover" / "ontology.json"


@pytest.fixture(scope="module")
def d() -> ActorDictionary:
    return default_dictionary()


def _rows(name: str) -> list[dict[str, str]]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=False)) for ln in lines[1:]]


def _split(v: str) -> list[str]:
    return [p for p in v.split("|") if p]


COUNTRIES = _rows("countries.tsv")
ORGS = _rows("organizations.tsv")
PEOPLE = _rows("people.tsv")
SECTORS = _rows("sectors.tsv")


def check(actor: Actor | None, country=..., sector=..., name=...) -> Actor:
    assert actor is not None
    if country is not ...:
        assert actor.country == country, actor
    if sector is not ...:
        assert actor.sector == sector, actor
    if name is not ...:
        assert actor.name == name, actor
    return actor


# --------------------------------------------------------------------------- the data files
class TestDataFiles:
    def test_files_start_with_a_comment_and_have_the_documented_header(self):
        expected = {
            "countries.tsv": "code\tname\taliases\tdemonyms\tcapitals",
            "organizations.tsv": "id\tname\taliases\tcountry\tsector",
            "sectors.tsv": "term\tsector\tkind",
            "people.tsv": "name\taliases\tcountry\tsector",
        }
        for name, header in expected.items():
            lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
            assert lines[0].startswith("#")
            first = next(ln for ln in lines if not ln.startswith("#"))
            assert first == header
            n = header.count("\t") + 1
            for ln in lines:
                if not ln.startswith("#"):
                    assert ln.count("\t") + 1 == n, (name, ln)

    def test_every_un_member_and_observer_plus_kos_twn_hkg(self):
        codes = [r["code"] for r in COUNTRIES]
        assert len(codes) == len(set(codes)) == 193 + 2 + 3
        for code in ("PRK", "KOR", "USA", "GBR", "RUS", "CHN", "VAT", "PSE", "KOS", "TWN", "HKG", "SSD", "COD",
                     "COG", "TLS", "MNE", "TUV", "NRU", "SWZ", "MKD", "CIV", "CPV", "FSM", "PLW", "KNA"):
            assert code in codes, code
        assert all(len(c) == 3 and c.isupper() for c in codes)

    def test_codes_are_plover_codes(self):
        for r in ORGS:
            assert r["sector"] == "" or r["sector"] in SECTOR_CODES, r
            assert r["country"] == "" or len(r["country"]) == 3, r
        for r in PEOPLE:
            assert r["sector"] in SECTOR_CODES, r
        for r in SECTORS:
            assert r["sector"] in SECTOR_CODES and r["kind"] in ("title", "noun"), r
        assert {r["sector"] for r in SECTORS} >= {"GOV", "MIL", "COP", "JUD", "LEG", "REB", "CVL", "JRN", "EDU",
                                                  "MED", "BUS", "CRM", "REF", "LAB", "REL", "PTY", "SPY", "UAF"}

    @pytest.mark.skipif(not ONTOLOGY.exists(), reason="../shared/data/plover/ontology.json not present")
    def test_sector_and_non_state_codes_match_the_ontology(self):
        onto = json.loads(ONTOLOGY.read_text(encoding="utf-8"))
        assert {s["code"] for s in onto["sector_codes"]} == set(SECTOR_CODES)
        assert {a["code"] for a in onto["actor_codes"]["non_state"]} == set(NON_STATE_CODES)

    def test_sizes(self):
        assert len(ORGS) >= 150
        assert len(PEOPLE) >= 150
        assert len(SECTORS) >= 250

    def test_no_surface_form_is_claimed_by_two_entries(self, d):
        clashes = {}
        for key, forms in d._forms_by_key.items():
            ids = {f.entry.id for f in forms if f.entry is not None}
            if len(ids) > 1:
                clashes[key] = ids
        # "Congress" (capitalised: the US Congress) vs "congress" (any legislature) is deliberate
        assert set(clashes) == {"congress"}, clashes

    def test_ambiguous_forms_are_left_out(self):
        surfaces = set()
        for r in COUNTRIES:
            surfaces.update([r["name"], *_split(r["aliases"]), *_split(r["demonyms"])])
        for bad in ("Korean", "Koreans", "Korea", "Congolese"):
            assert bad not in surfaces
        people_aliases = {a for r in PEOPLE for a in _split(r["aliases"])}
        for bad in ("Kim", "Lee", "Moon", "Bush", "Clinton", "Johnson"):
            assert bad not in people_aliases


# --------------------------------------------------------------------------- loading
class TestLoading:
    def test_default_dictionary_is_built_once(self):
        assert default_dictionary() is default_dictionary()

    def test_pickles_for_worker_processes(self, d):
        import pickle

        d2 = pickle.loads(pickle.dumps(d))
        check(d2.resolve("Russian Foreign Minister Sergey Lavrov"), country="RUS", name="Sergey Lavrov")
        assert [a.country for _, _, a in d2.find_all("Seoul and Pyongyang")] == ["KOR", "PRK"]

    def test_entries(self, d):
        assert len(d.entries("country")) == len(COUNTRIES)
        assert len(d.entries("org")) == len(ORGS)
        assert len(d.entries("person")) == len(PEOPLE)


# --------------------------------------------------------------------------- countries
class TestCountries:
    @pytest.mark.parametrize("row", COUNTRIES, ids=lambda r: r["code"])
    def test_names_aliases_demonyms_round_trip(self, d, row):
        for surface in [row["name"], *_split(row["aliases"])]:
            a = check(d.resolve(surface), country=row["code"], sector=None, name=row["name"])
            assert a.entry == f"country:{row['code']}"
            check(d.resolve(f"{surface}'s"), country=row["code"])
            check(d.resolve(f"the {surface}"), country=row["code"])
        for dem in _split(row["demonyms"]):
            check(d.resolve(dem), country=row["code"], sector=None)
            check(d.resolve(f"{dem} officials"), country=row["code"], sector="GOV")
            check(d.resolve(f"{dem} troops"), country=row["code"], sector="MIL")

    @pytest.mark.parametrize("row", [r for r in COUNTRIES if r["capitals"]], ids=lambda r: r["code"])
    def test_capitals_are_government_metonyms(self, d, row):
        for cap in _split(row["capitals"]):
            check(d.resolve(cap), country=row["code"], sector="GOV")
            check(d.resolve(f"{cap}'s"), country=row["code"], sector="GOV")

    @pytest.mark.parametrize("row", COUNTRIES, ids=lambda r: r["code"])
    def test_found_inside_a_sentence(self, d, row):
        sentence = f"On Monday {row['name']} said it would respond."
        hits = d.find_all(sentence)
        assert any(a.country == row["code"] and sentence[s:e] == row["name"] for s, e, a in hits), hits

    @pytest.mark.parametrize("text, code, sector", [
        ("North Korea", "PRK", None), ("N. Korea", "PRK", None), ("DPRK", "PRK", None),
        ("Democratic People's Republic of Korea", "PRK", None), ("Pyongyang", "PRK", "GOV"),
        ("Pyongyang's", "PRK", "GOV"), ("Washington", "USA", "GOV"), ("the White House", "USA", "GOV"),
        ("the Kremlin", "RUS", "GOV"), ("Moscow", "RUS", "GOV"), ("Seoul", "KOR", "GOV"),
        ("Downing Street", "GBR", "GOV"), ("the Elysee", "FRA", "GOV"), ("the Élysée", "FRA", "GOV"),
        ("Russia's", "RUS", None), ("Russia\u2019s", "RUS", None), ("Britain", "GBR", None),
        ("Great Britain", "GBR", None), ("U.K.", "GBR", None), ("America", "USA", None),
        ("United States of America", "USA", None), ("U.S.A.", "USA", None), ("the U.S.", "USA", None),
        ("Republic of Korea", "KOR", None), ("S. Korea", "KOR", None), ("ROK", "KOR", None),
        ("Congo", "COG", None), ("Republic of the Congo", "COG", None), ("DR Congo", "COD", None),
        ("DRC", "COD", None), ("the Democratic Republic of the Congo", "COD", None), ("Kinshasa", "COD", "GOV"),
        ("Georgia", "GEO", None), ("Sudan", "SDN", None), ("South Sudan", "SSD", None),
        ("Niger", "NER", None), ("Nigeria", "NGA", None), ("Guinea", "GIN", None), ("Guinea-Bissau", "GNB", None),
        ("Guinea Bissau", "GNB", None), ("Equatorial Guinea", "GNQ", None), ("Papua New Guinea", "PNG", None),
        ("Côte d'Ivoire", "CIV", None), ("Cote d\u2019Ivoire", "CIV", None), ("Ivory Coast", "CIV", None),
        ("Burma", "MMR", None), ("Turkiye", "TUR", None), ("Türkiye", "TUR", None), ("Kyiv", "UKR", "GOV"),
        ("Kiev", "UKR", "GOV"), ("Holy See", "VAT", None), ("the Vatican", "VAT", "GOV"), ("Kosovo", "KOS", None),
        ("Taiwan", "TWN", None), ("Taipei", "TWN", "GOV"), ("Hong Kong", "HKG", None), ("Palestine", "PSE", None),
        ("the Gaza Strip", "PSE", None), ("Trinidad and Tobago", "TTO", None), ("Bosnia and Herzegovina", "BIH", None),
        ("Saint Vincent and the Grenadines", "VCT", None), ("East Timor", "TLS", None), ("Swaziland", "SWZ", None),
        ("NORTH KOREA", "PRK", None), ("north korea", "PRK", None), ("UAE", "ARE", None),
        ("the United Arab Emirates", "ARE", None), ("Soviet Union", "RUS", None),
    ])
    def test_examples(self, d, text, code, sector):
        check(d.resolve(text), country=code, sector=sector)

    @pytest.mark.parametrize("text, code", [
        ("North Korean", "PRK"), ("North Koreans", "PRK"), ("American", "USA"), ("Americans", "USA"),
        ("British", "GBR"), ("Briton", "GBR"), ("Britons", "GBR"), ("Russian", "RUS"), ("Russians", "RUS"),
        ("South Korean", "KOR"), ("Filipino", "PHL"), ("Philippine", "PHL"), ("Dutch", "NLD"), ("Swiss", "CHE"),
        ("Emirati", "ARE"), ("Saudi", "SAU"), ("Palestinians", "PSE"), ("Burmese", "MMR"), ("Ivorian", "CIV"),
        ("Nigerien", "NER"), ("Nigerian", "NGA"), ("South Sudanese", "SSD"), ("Sudanese", "SDN"),
        ("Taiwanese", "TWN"), ("Kosovar", "KOS"), ("Georgian", "GEO"),
    ])
    def test_demonyms(self, d, text, code):
        check(d.resolve(text), country=code, sector=None)

    @pytest.mark.parametrize("text", ["Korean", "Koreans", "Korea", "Congolese", "African", "European"])
    def test_ambiguous_demonyms_do_not_pick_a_country(self, d, text):
        a = d.resolve(text)
        assert a is None or a.country is None

    def test_lowercase_common_words_are_not_countries(self, d):
        for word in ("turkey", "china", "chad", "jordan", "guinea", "us", "who", "care", "ice"):
            assert d.resolve(word) is None, word
        assert d.find_all("we ate turkey on fine china with us") == []


# --------------------------------------------------------------------------- the pronoun "us"
class TestUsVersusUS:
    def test_pronoun_us_is_not_the_united_states(self, d):
        assert d.resolve("us") is None
        assert d.resolve("Us") is None
        assert d.find_all("They told us that the talks would resume, and it let us go.") == []

    def test_acronym_us_is(self, d):
        check(d.resolve("US"), country="USA")
        check(d.resolve("the US"), country="USA")
        check(d.resolve("US officials"), country="USA", sector="GOV")
        text = "The US told us it would not attend."
        hits = d.find_all(text)
        assert [(text[s:e], a.country) for s, e, a in hits] == [("US", "USA")]

    def test_who_pronoun_versus_the_who(self, d):
        assert d.find_all("the man who said it") == []
        check(d.resolve("WHO"), country="IGO", name="World Health Organization")


# --------------------------------------------------------------------------- organisations
class TestOrganisations:
    @pytest.mark.parametrize("row", ORGS, ids=lambda r: r["id"])
    def test_names_and_aliases_round_trip(self, d, row):
        for surface in [row["name"], *_split(row["aliases"])]:
            a = check(d.resolve(surface), country=row["country"] or None, name=row["name"])
            assert a.entry == f"org:{row['id']}"
            assert a.sector == (row["sector"] or None)

    @pytest.mark.parametrize("text, code, sector, name", [
        ("the World Health Organization", "IGO", ..., "World Health Organization"),
        ("the UN-led COVAX", "IGO", ..., "COVAX"),
        ("the UN\u2013led COVAX", "IGO", ..., "COVAX"),
        ("COVAX", "IGO", ..., "COVAX"),
        ("the United Nations", "UNO", None, "United Nations"),
        ("The UN", "UNO", None, ...), ("the U.N. Security Council", "UNO", None, ...),
        ("UNICEF", "UNO", None, ...), ("the World Food Program (WFP)", "UNO", None, "World Food Programme"),
        ("NATO", "IGO", None, ...), ("Nato", "IGO", None, ...), ("the European Union", "EUR", None, ...),
        ("the EU", "EUR", None, ...), ("The European Commission", "EUR", None, ...),
        ("the European Parliament", "EUR", "LEG", ...), ("the IMF", "IGO", None, ...),
        ("The Africa Union", "IGO", None, "African Union"), ("the Red Cross", "NGO", None, ...),
        ("Doctors Without Borders", "NGO", "MED", ...), ("Médecins Sans Frontières", "NGO", "MED", ...),
        ("Amnesty International", "NGO", None, ...), ("Human Rights Watch", "NGO", None, ...),
        ("KCNA", "PRK", "JRN", ...), ("Xinhua", "CHN", "JRN", ...), ("Yonhap", "KOR", "JRN", ...),
        ("TASS", "RUS", "JRN", ...), ("Reuters", "GBR", "JRN", ...),
        ("the Pentagon", "USA", "MIL", ...), ("the State Department", "USA", "GOV", ...),
        ("The U.S. State Department", "USA", "GOV", ...), ("the FBI", "USA", "COP", ...),
        ("the CIA", "USA", "SPY", ...), ("Mossad", "ISR", "SPY", ...), ("the IDF", "ISR", "MIL", ...),
        ("The Israel Defense Forces", "ISR", "MIL", ...), ("Hamas", "PSE", "REB", ...),
        ("Hezbollah", "LBN", "REB", ...), ("the Taliban", "AFG", "REB", ...), ("ISIS", "IMG", "REB", ...),
        ("Islamic State", "IMG", "REB", ...), ("al-Qaeda", "IMG", "REB", ...), ("Al Qaeda", "IMG", "REB", ...),
        ("the Workers' Party of Korea", "PRK", "PTY", ...), ("the Workers\u2019 Party of Korea", "PRK", "PTY", ...),
        ("The Libyan National Army (LNA)", "LBY", "MIL", ...), ("ICE", "USA", "COP", ...),
        ("Immigration and Customs Enforcement", "USA", "COP", ...), ("The ACLU", "USA", "SOC", ...),
        ("Members of the New People's Army", "PHL", "REB", ...),
        ("the international community", None, None, "international community"),
    ])
    def test_examples(self, d, text, code, sector, name):
        check(d.resolve(text), country=code, sector=sector, name=name)

    @pytest.mark.parametrize("text, code, sector", [
        ("Taliban militants", "AFG", "REB"), ("Taliban leaders", "AFG", "REB"), ("Hamas officials", "PSE", "REB"),
        ("Pentagon officials", "USA", "MIL"), ("UN peacekeepers", "UNO", "MIL"), ("EU officials", "EUR", "GOV"),
        ("Iranian-backed Houthis", "YEM", "REB"), ("the Chinese Red Cross", "CHN", ...),
        ("Hamas-run health ministry", "PSE", "GOV"),
    ])
    def test_organisation_with_modifiers(self, d, text, code, sector):
        check(d.resolve(text), country=code, sector=sector)


# --------------------------------------------------------------------------- people
class TestPeople:
    @pytest.mark.parametrize("row", PEOPLE, ids=lambda r: r["name"])
    def test_names_and_aliases_round_trip(self, d, row):
        for surface in [row["name"], *_split(row["aliases"])]:
            if surface.startswith("~"):
                continue                  # a surname after a title or honorific only: see below
            a = check(d.resolve(surface), country=row["country"], sector=row["sector"], name=row["name"])
            assert a.entry == f"person:{row['name']}"
            assert a.score == 1.0

    @pytest.mark.parametrize("row", [r for r in PEOPLE if "~" in r["aliases"]], ids=lambda r: r["name"])
    def test_tilde_surnames_name_the_person_after_an_honorific_only(self, d, row):
        for surname in [a[1:] for a in _split(row["aliases"]) if a.startswith("~")]:
            sharing = [r for r in PEOPLE if f"~{surname}" in _split(r["aliases"])]
            assert d.resolve(surname) is None or d.resolve(surname).entry != f"person:{row['name']}"
            a = d.resolve(f"Mr {surname}")
            if len(sharing) == 1:
                check(a, country=row["country"], sector=row["sector"], name=row["name"])
                assert a.entry == f"person:{row['name']}"
            elif len({r["country"] for r in sharing}) == 1:
                check(a, country=row["country"], name=surname)
                assert f"person:{row['name']}" in a.entry.split("+")
            else:
                assert a is None or a.country is None

    @pytest.mark.parametrize("text, name, code, sector", [
        ("Russian Foreign Minister Sergey Lavrov", "Sergey Lavrov", "RUS", "GOV"),
        ("Russian Foreign Minister Sergei Lavrov", "Sergey Lavrov", "RUS", "GOV"),
        ("U.S. Defense Chief Pete Hegseth", "Pete Hegseth", "USA", "GOV"),
        ("US President Joe Biden", "Joe Biden", "USA", "GOV"),
        ("U.S. President Donald Trump", "Donald Trump", "USA", "GOV"),
        ("North Korean leader Kim Jong Un", "Kim Jong Un", "PRK", "GOV"),
        ("Kim Jong-un", "Kim Jong Un", "PRK", "GOV"), ("Kim Jong-Un", "Kim Jong Un", "PRK", "GOV"),
        ("KIM JONG UN", "Kim Jong Un", "PRK", "GOV"),
        ("Kim Yo-jong, the leader's sister", "Kim Yo Jong", "PRK", "GOV"),
        ("Turkish President Recep Tayyip Erdogan", "Recep Tayyip Erdogan", "TUR", "GOV"),
        ("President Recep Tayyip Erdoğan of Turkey", "Recep Tayyip Erdogan", "TUR", "GOV"),
        ("UN Secretary-General Antonio Guterres", "Antonio Guterres", "UNO", "GOV"),
        ("UN Secretary-General António Guterres", "Antonio Guterres", "UNO", "GOV"),
        ("WHO chief Tedros Adhanom Ghebreyesus", "Tedros Adhanom Ghebreyesus", "IGO", ...),
        ("Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelensky", "UKR", "GOV"),
        ("Zelensky", "Volodymyr Zelensky", "UKR", "GOV"), ("Putin", "Vladimir Putin", "RUS", "GOV"),
        ("Putin's", "Vladimir Putin", "RUS", "GOV"), ("Xi", "Xi Jinping", "CHN", "GOV"),
        ("former Afghan president Hamid Karzai", "Hamid Karzai", "AFG", "GOV"),
        ("Kim Jong Un's sister Kim Yo Jong", "Kim Yo Jong", "PRK", "GOV"),
        ("Venezuelan opposition leader Juan Guaido", "Juan Guaido", "VEN", "OPP"),
    ])
    def test_titles_and_known_names(self, d, text, name, code, sector):
        check(d.resolve(text), country=code, sector=sector, name=name)

    @pytest.mark.parametrize("text, name, code, sector", [
        ("Former UK ambassador to North Korea Alastair Morgan", "Alastair Morgan", "GBR", "GOV"),
        ("Algerian Ambassador Amine Kherbi", "Amine Kherbi", "DZA", "GOV"),
        ("Ethiopian Minister of Foreign Affairs Gedu Andargachew", "Gedu Andargachew", "ETH", "GOV"),
        ("German journalist Mesale Tolu", "Mesale Tolu", "DEU", "JRN"),
        ("Brazilian General Augusto Heleno", "Augusto Heleno", "BRA", "MIL"),
        ("Chilean Foreign Minister Ana Perez", "Ana Perez", "CHL", "GOV"),
        ("President Herrera of Mexico", "Herrera", "MEX", "GOV"),
        ("Nepali police chief Ram Thapa", "Ram Thapa", "NPL", "COP"),
        ("Kenyan judge Grace Otieno", "Grace Otieno", "KEN", "JUD"),
    ])
    def test_titles_with_unknown_names(self, d, text, name, code, sector):
        check(d.resolve(text), country=code, sector=sector, name=name)

    @pytest.mark.parametrize("text, code", [
        ("Russia's ambassador to North Korea", "RUS"), ("the Chinese ambassador to Washington", "CHN"),
        ("Japan's envoy to the United Nations", "JPN"), ("the British envoy to Pyongyang", "GBR"),
        ("US special envoy Zalmay Khalilzad", "USA"),
    ])
    def test_nationality_before_the_title_beats_the_destination(self, d, text, code):
        check(d.resolve(text), country=code, sector="GOV")

    def test_destination_alone_is_not_the_actor(self, d):
        a = d.resolve("the ambassador to North Korea")
        check(a, country=None, sector="GOV")


# --------------------------------------------------------------------------- fuzzy matching
class TestFuzzy:
    @pytest.mark.parametrize("text, name", [
        ("Kim Jung Un", "Kim Jong Un"), ("Kim Yo Jung", "Kim Yo Jong"), ("Sergey Lavrow", "Sergey Lavrov"),
        ("Benjamin Netanyahoo", "Benjamin Netanyahu"), ("Emanuel Macron", "Emmanuel Macron"),
        ("Narendra Modie", "Narendra Modi"), ("Antony Blinkin", "Antony Blinken"),
        ("North Korean leader Kim Jung Un", "Kim Jong Un"), ("Vladimer Putin", "Vladimir Putin"),
        ("World Heath Organization", "World Health Organization"),
        ("Amnesty Internatonal", "Amnesty International"),
    ])
    def test_misspellings(self, d, text, name):
        a = check(d.resolve(text), name=name)
        assert a.score <= 1.0
        if name.split()[-1] not in text:          # a matched surname alias is exact, not fuzzy
            assert 0.88 <= a.score < 1.0

    def test_kim_jung_un_is_fuzzy(self, d):
        a = check(d.resolve("Kim Jung Un"), country="PRK", sector="GOV", name="Kim Jong Un")
        assert 0.88 <= a.score < 1.0
        assert a.entry == "person:Kim Jong Un"

    @pytest.mark.parametrize("text", ["Kim", "Lee", "Moon", "Kin", "Pution", "Kim Jong Sik", "Alastair Morgan",
                                      "John Smith", "Maria Garcia", "Jeenbekov", "Park Chan-wook"])
    def test_no_fuzzy_match_for_short_or_unknown_names(self, d, text):
        assert d.resolve(text) is None


# --------------------------------------------------------------------------- sector terms
class TestSectors:
    @pytest.mark.parametrize("row", SECTORS, ids=lambda r: r["term"])
    def test_every_term(self, d, row):
        a = check(d.resolve(row["term"]), country=None, sector=row["sector"])
        assert a.entry == f"sector:{row['term']}"
        check(d.resolve(f"Peruvian {row['term']}"), country="PER", sector=row["sector"])

    @pytest.mark.parametrize("text, code, sector", [
        ("South Korean officials", "KOR", "GOV"), ("Burmese authorities", "MMR", "GOV"),
        ("Israeli troops", "ISR", "MIL"), ("protesters", None, "CVL"), ("the protesters", None, "CVL"),
        ("The Israeli military", "ISR", "MIL"), ("the Afghan government", "AFG", "GOV"),
        ("Sudan's government", "SDN", "GOV"), ("the government of Iraq", "IRQ", "GOV"),
        ("Authorities in Pakistan", "PAK", "GOV"), ("A court in Argentina", "ARG", "JUD"),
        ("An Israeli court", "ISR", "JUD"), ("Italian police", "ITA", "COP"), ("Iran's parliament", "IRN", "LEG"),
        ("A group of British lawmakers", "GBR", "LEG"), ("Chinese state media", "CHN", "JRN"),
        ("Syrian government forces", "SYR", "MIL"), ("Russian armed forces", "RUS", "MIL"),
        ("the Iraqi army", "IRQ", "MIL"), ("The Nigerian Army", "NGA", "MIL"), ("Cambodian troops", "KHM", "MIL"),
        ("Iraqi warplanes", "IRQ", "MIL"), ("Turkish police", "TUR", "COP"), ("unknown gunmen", None, "UAF"),
        ("gunmen", None, "UAF"), ("refugees", None, "REF"), ("Syrian refugees", "SYR", "REF"),
        ("Egyptian Foreign Ministry", "EGY", "GOV"), ("the Russian Defense Ministry", "RUS", "GOV"),
        ("South Korean health officials", "KOR", "MED"), ("opposition lawmakers", None, "LEG"),
        ("Pakistani opposition leader", "PAK", "OPP"), ("police spokesman", None, "COP"),
        ("army spokesman", None, "MIL"), ("anti-government protesters", None, "CVL"),
        ("pro-Russian rebels", None, "REB"), ("North Korean hackers", "PRK", "CRM"), ("aid organisations", None, "SOC"),
        ("US intelligence officials", "USA", "SPY"), ("Palestinian militants", "PSE", "REB"),
        ("the strikers", None, "LAB"), ("Public workers in Brazil", "BRA", "LAB"),
        ("Delhi Police", "IND", "COP"), ("the North Korean people", "PRK", "CVL"), ("warlords", None, "REB"),
    ])
    def test_composition(self, d, text, code, sector):
        check(d.resolve(text), country=code, sector=sector)

    def test_sector_only_name_is_the_term(self, d):
        check(d.resolve("protesters"), country=None, sector="CVL", name="protesters")


# --------------------------------------------------------------------------- resolve() behaviour
class TestResolve:
    @pytest.mark.parametrize("text, code", [
        ("Jordan and Britain", "JOR"), ("India and Pakistan", "IND"), ("Turkey and Russia", "TUR"),
        ("Germany and UNICEF", "DEU"), ("the US, Canada and Mexico", "USA"), ("Seoul or Tokyo", "KOR"),
        ("Jeenbekov and Indian Prime Minister Narendra Modi", "IND"),
    ])
    def test_coordination_returns_the_first_resolvable_conjunct(self, d, text, code):
        check(d.resolve(text), country=code)

    def test_coordination_inside_a_name_is_not_split(self, d):
        check(d.resolve("Antigua and Barbuda"), country="ATG")
        check(d.resolve("Bill & Melinda Gates Foundation"), country="NGO")

    def test_text_is_the_span_as_written(self, d):
        assert d.resolve("  the Kremlin ").text == "the Kremlin"
        assert d.resolve("Jordan and Britain").text == "Jordan"
        assert d.resolve("Pyongyang's").text == "Pyongyang's"

    def test_entry_ids(self, d):
        assert d.resolve("North Korea").entry == "country:PRK"
        assert d.resolve("the World Health Organization").entry == "org:WHO"
        assert d.resolve("Sergey Lavrov").entry == "person:Sergey Lavrov"
        assert d.resolve("officials").entry == "sector:officials"
        assert d.resolve("South Korean officials").entry == "country:KOR+sector:officials"

    @pytest.mark.parametrize("text", ["", "   ", "the", "said", "it", "they", "us", "Latin America",
                                      "the South China Sea", "Alastair Morgan", "12",
                                      "the Cleveland Indians", "aid to North Korea"])
    def test_nothing_recognised(self, d, text):
        assert d.resolve(text) is None

    def test_results_are_copies(self, d):
        a = d.resolve("Pyongyang")
        a.country = "XXX"
        a.char_start = 5
        b = d.resolve("Pyongyang")
        assert b.country == "PRK" and b.char_start is None

    def test_resolve_is_cached_and_consistent(self, d):
        texts = [f"Former UK ambassador to North Korea Person{i} Smith" for i in range(300)]
        first = [d.resolve(tx) for tx in texts]
        again = [d.resolve(tx) for tx in texts]
        assert all(a == b and a is not b for a, b in zip(first, again))
        assert all(a.country == "GBR" for a in first)

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=80))
    def test_never_raises(self, text):
        a = default_dictionary().resolve(text)
        assert a is None or isinstance(a, Actor)


# --------------------------------------------------------------------------- find_all()
class TestFindAll:
    def test_offsets_longest_match_and_kinds(self, d):
        text = ("South Korean officials said Pyongyang did not respond to offers from Washington, "
                "the World Health Organization or the UN\u2013led COVAX.")
        hits = d.find_all(text)
        got = [(text[s:e], a.country, a.sector) for s, e, a in hits]
        assert got == [
            ("South Korean", "KOR", None), ("officials", None, "GOV"), ("Pyongyang", "PRK", "GOV"),
            ("Washington", "USA", "GOV"), ("World Health Organization", "IGO", "MED"), ("UN", "UNO", None),
            ("COVAX", "IGO", None),
        ]
        for s, e, a in hits:
            assert (a.char_start, a.char_end) == (s, e) and a.text == text[s:e]

    def test_word_boundaries(self, d):
        # US places (places.tsv), not India and Oman
        assert [a.country for _, _, a in d.find_all("Indiana and Omaha and Romania")] == ["USA", "USA", "ROU"]
        assert [a.country for _, _, a in d.find_all("Koreans in Omani waters")] == ["OMN"]
        assert [a.country for _, _, a in d.find_all("USAID and the US-led coalition")] == ["USA", "USA"]

    def test_longest_match_wins(self, d):
        text = "the Democratic Republic of the Congo and South Sudan and Papua New Guinea"
        assert [a.country for _, _, a in d.find_all(text)] == ["COD", "SSD", "PNG"]

    def test_non_actor_phrases_are_not_reported(self, d):
        text = "Latin America and the South China Sea, near New Mexico"
        assert [(text[s:e], a.country) for s, e, a in d.find_all(text)] == [("New Mexico", "USA")]

    def test_a_sea_named_after_a_place_is_no_actor(self, d):
        """cues water_heads: "the Gulf of Aden" is no Yemeni actor; Aden alone still is."""
        text = "Indian ships patrol the Gulf of Aden and the Bay of Bengal; Aden is in Yemen"
        assert [(text[s:e], a.country) for s, e, a in d.find_all(text)] == [
            ("Indian", "IND"), ("Aden", "YEM"), ("Yemen", "YEM")]

    def test_a_party_of_guests_is_no_political_party(self, d):
        assert d.resolve("an office Christmas party") is None
        assert d.resolve("the ruling party").sector == "PTY"

    def test_a_private_body_s_office_is_no_government(self, d):
        """cues private_title_words: a team's president or a club's officials hold no state office."""
        assert d.resolve("team president Joe Bloggs") is None
        assert d.resolve("club officials") is None
        assert d.resolve("the Kenyan team officials").sector is None
        assert d.resolve("the Kenyan team officials").country == "KEN"
        assert d.resolve("state officials").sector == "GOV"
        assert d.resolve("President Ruto").sector == "GOV"

    def test_offsets_survive_unicode(self, d):
        text = "İstanbul talks: Türkiye’s Erdoğan met Zelenskyy in Kyiv."
        hits = d.find_all(text)
        assert [(text[s:e], a.country) for s, e, a in hits] == [
            ("İstanbul", "TUR"), ("Türkiye", "TUR"), ("Erdoğan", "TUR"), ("Zelenskyy", "UKR"), ("Kyiv", "UKR")]

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(["North Korea", "us", "US", "said", "the", "Pyongyang's", "officials", ",",
                                     "Kim Jong-un", "İ", "ß", "—", "WHO", "who", "x"]), max_size=20))
    def test_spans_are_consistent(self, parts):
        text = " ".join(parts)
        last = 0
        for s, e, a in default_dictionary().find_all(text):
            assert last <= s < e <= len(text)
            assert a.text == text[s:e]
            last = e


# --------------------------------------------------------------------------- phrases()
def test_phrases(d):
    ph = d.phrases()
    assert len(ph) == len(set(ph)) > 2000
    for p in ("north korea", "pyongyang", "US", "U.S.", "WHO", "officials", "kim jong un", "sergei lavrov"):
        assert p in ph, p
    assert "us" not in ph and "who" not in ph
    assert "latin america" not in ph


# --------------------------------------------------------------------------- user files
class TestUserFiles:
    def test_extra_files_extend_the_dictionary(self, tmp_path):
        (tmp_path / "c.tsv").write_text(
            "# my countries\ncode\tname\taliases\tdemonyms\tcapitals\nXKX\tFreedonia\tRepublic of Freedonia\t"
            "Freedonian|Freedonians\tFreedonia City\n", encoding="utf-8")
        (tmp_path / "o.tsv").write_text(
            "id\tname\taliases\tcountry\tsector\nFLF\tFreedonian Liberation Front\tFLF\tXKX\tREB\n", encoding="utf-8")
        (tmp_path / "p.tsv").write_text(
            "name\taliases\tcountry\tsector\nRufus T. Firefly\tFirefly\tXKX\tGOV\n", encoding="utf-8")
        (tmp_path / "s.tsv").write_text(
            "term\tsector\tkind\ngrand vizier\tGOV\ttitle\nzealots\tREB\tnoun\n", encoding="utf-8")
        d = ActorDictionary.load([tmp_path / "c.tsv", tmp_path / "o.tsv", str(tmp_path / "p.tsv"), tmp_path / "s.tsv"])
        check(d.resolve("Freedonia"), country="XKX", sector=None)
        check(d.resolve("Freedonia City"), country="XKX", sector="GOV")
        check(d.resolve("Freedonian zealots"), country="XKX", sector="REB")
        check(d.resolve("the FLF"), country="XKX", sector="REB", name="Freedonian Liberation Front")
        check(d.resolve("Freedonian Grand Vizier Rufus T. Firefly"), country="XKX", sector="GOV",
              name="Rufus T. Firefly")
        check(d.resolve("Firefly"), name="Rufus T. Firefly")
        check(d.resolve("North Korea"), country="PRK")          # packaged entries are still there
        assert default_dictionary().resolve("Freedonia") is None  # the default one is untouched

    def test_user_entries_take_precedence_on_ties(self, tmp_path):
        f = tmp_path / "orgs.tsv"
        f.write_text("id\tname\taliases\tcountry\tsector\nMYCIA\tCulinary Institute of America\tCIA\tUSA\tEDU\n",
                     encoding="utf-8")
        d = ActorDictionary.load([f])
        check(d.resolve("CIA"), sector="EDU", name="Culinary Institute of America")

    def test_columns_in_any_order_and_extra_columns(self, tmp_path):
        f = tmp_path / "people.tsv"
        f.write_text("country\tname\tsector\tnote\taliases\nMNG\tBat Erdene\tGOV\tx\t\n", encoding="utf-8")
        check(ActorDictionary.load([f]).resolve("Bat Erdene"), country="MNG", sector="GOV")

    @pytest.mark.parametrize("content, message", [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("foo\tbar\nx\ty\n", "header"),
        ("term\tsector\tkind\nwizards\tMAG\tnoun\n", "sector code"),
        ("term\tsector\tkind\nwizards\tGOV\tverb\n", "kind"),
        ("term\tsector\tkind\nwizards\tGOV\tnoun\textra\n", "columns"),
        ("code\tname\taliases\tdemonyms\tcapitals\nxx\tNowhere\t\t\t\n", "code"),
        ("code\tname\taliases\tdemonyms\tcapitals\n\tNowhere\t\t\t\n", "code"),
        ("id\tname\taliases\tcountry\tsector\nX\tX Org\t\tIGO\tNOPE\n", "sector"),
        ("name\taliases\tcountry\tsector\nJane Doe\t\tUnited States\tGOV\n", "code"),
        # places: a state's code (not IGO), a known kind, a name
        ("name\taliases\tcountry\tkind\nAtlantis\t\t\tcity\n", "country"),
        ("name\taliases\tcountry\tkind\nAtlantis\t\tIGO\tcity\n", "country"),
        ("name\taliases\tcountry\tkind\nAtlantis\t\tgrc\tcity\n", "code"),
        ("name\taliases\tcountry\tkind\nAtlantis\t\tGRC\tvillage\n", "kind"),
        ("name\taliases\tcountry\tkind\n\tAtlantis\tGRC\tcity\n", "name"),
    ])
    def test_bad_files_raise_value_error(self, tmp_path, content, message):
        f = tmp_path / "bad.tsv"
        f.write_text(content, encoding="utf-8")
        with pytest.raises(ValueError, match=message) as exc:
            ActorDictionary.load([f])
        assert "bad.tsv" in str(exc.value)

    def test_missing_file_raises_value_error(self, tmp_path):
        with pytest.raises(ValueError, match="not found"):
            ActorDictionary.load([tmp_path / "nope.tsv"])


# --------------------------------------------------------------------------- places
PLACES = _rows("places.tsv")


class TestPlaces:
    def test_file_starts_with_a_comment_and_has_the_documented_header(self):
        lines = (DATA_DIR / "places.tsv").read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("#")
        assert next(ln for ln in lines if not ln.startswith("#")) == "name\taliases\tcountry\tkind"
        for ln in lines:
            if not ln.startswith("#"):
                assert ln.count("\t") == 3, ln

    def test_codes_kinds_and_no_duplicates(self):
        countries = {r["code"] for r in COUNTRIES}
        assert len(PLACES) >= 900
        assert {r["kind"] for r in PLACES} == {"region", "city"}
        names = [r["name"] for r in PLACES]
        assert len(names) == len(set(names))
        surfaces = [s.lower() for r in PLACES for s in [r["name"], *_split(r["aliases"])]]
        assert len(surfaces) == len(set(surfaces))
        for r in PLACES:
            assert r["country"] in countries and r["country"] not in NON_STATE_CODES, r
            assert r["name"] == r["name"].strip() and r["name"][0].isupper(), r

    def test_us_states(self):
        states = {r["name"] for r in PLACES if r["country"] == "USA" and r["kind"] == "region"}
        assert len(states) == 50 - 1        # Georgia left out; Washington only as "Washington State"
        assert {"Kansas", "Maryland", "New Mexico", "Washington State", "West Virginia"} <= states
        assert "Georgia" not in states

    def test_entries(self, d):
        assert len(d.entries("place")) == len(PLACES)
        assert all(e.sector is None and e.id == f"place:{e.name}" for e in d.entries("place"))

    @pytest.mark.parametrize("row", PLACES, ids=lambda r: r["name"])
    def test_names_and_aliases_round_trip(self, d, row):
        for surface in [row["name"], *_split(row["aliases"])]:
            a = check(d.resolve(surface), country=row["country"], sector=None, name=row["name"])
            assert a.entry == f"place:{row['name']}"
            check(d.resolve(f"{surface} officials"), country=row["country"], sector="GOV")
            sentence = f"On Monday police in {surface} said two people were hurt."
            assert any(a.country == row["country"] and sentence[s:e] == surface
                       for s, e, a in d.find_all(sentence))

    @pytest.mark.parametrize("text, code, sector, name", [
        ("the West Bengal government", "IND", "GOV", "West Bengal"),
        ("Sichuan authorities", "CHN", "GOV", "Sichuan"),
        ("Alberta's premier", "CAN", "GOV", "Alberta"),
        ("Kandahar police chief", "AFG", "COP", "Kandahar"),
        ("Texas lawmakers", "USA", "LEG", "Texas"),
        ("the Donetsk regional administration", "UKR", ..., "Donetsk"),
        ("Sindh Chief Minister Murad Ali Shah", "PAK", "GOV", "Murad Ali Shah"),
        ("New Mexico Governor Michelle Lujan Grisham", "USA", "GOV", "Michelle Lujan Grisham"),
        ("Delta State governor", "NGA", "GOV", "Delta State"),
        ("Idlib rebels", "SYR", "REB", "Idlib"),
        ("the Michigan Department of Environmental Quality", "USA", "GOV", "Michigan"),
    ])
    def test_region_with_a_sector_word(self, d, text, code, sector, name):
        a = check(d.resolve(text), country=code, sector=sector, name=name)
        assert "place:" in a.entry

    @pytest.mark.parametrize("text, code", [
        ("Mumbai", "IND"), ("Karachi", "PAK"), ("Mosul", "IRQ"), ("St. Petersburg", "RUS"), ("São Paulo", "BRA"),
        ("Sao Paulo", "BRA"), ("Johannesburg", "ZAF"), ("Chicago", "USA"), ("a Kansas woman", "USA"),
        ("a Michigan town", "USA"), ("Aleppo", "SYR"), ("Mariupol's", "UKR"),
        ("Moscow region", "RUS"), ("Washington state", "USA"), ("New Mexico", "USA"), ("New South Wales", "AUS"),
        ("the Niger Delta", "NGA"), ("Benin City", "NGA"), ("Inner Mongolia", "CHN"), ("İstanbul", "TUR"),
    ])
    def test_places_give_a_country_and_no_government(self, d, text, code):
        check(d.resolve(text), country=code, sector=None)

    def test_a_city_is_not_a_capital(self, d):
        check(d.resolve("Karachi"), country="PAK", sector=None)
        check(d.resolve("Islamabad"), country="PAK", sector="GOV")
        check(d.resolve("Moscow region"), country="RUS", sector=None)
        check(d.resolve("Moscow"), country="RUS", sector="GOV")
        check(d.resolve("Washington state"), country="USA", sector=None)
        check(d.resolve("Washington"), country="USA", sector="GOV")
        check(d.resolve("Mumbai police"), country="IND", sector="COP")

    def test_closed_circuit_television_is_no_broadcaster(self, d):
        assert d.resolve("CCTV footage") is None
        check(d.resolve("CCTV"), country="CHN", sector="JRN")

    def test_candidates_for_office_are_a_partys(self, d):
        check(d.resolve("the Democratic candidate"), sector="PTY")
        check(d.resolve("the presidential nominee"), sector="PTY")
        check(d.resolve("the opposition candidate"), sector="OPP")

    def test_a_capital_before_a_noun_is_a_place_not_its_government(self, d):
        # "a Paris shop", "the Moscow metro": where a thing is; "Beijing's decision" stays the government's
        check(d.resolve("a Paris shop"), country="FRA", sector=None)
        check(d.resolve("the Moscow metro"), country="RUS", sector=None)
        check(d.resolve("a Nairobi lawyer"), country="KEN", sector=None)
        check(d.resolve("Beijing's decision"), country="CHN", sector="GOV")
        check(d.resolve("Kabul hospital"), country="AFG", sector="MED")
        # a capital after a capitalised word the dictionary does not know ends a longer name
        check(d.resolve("Real Madrid"), country="ESP", sector=None)
        check(d.resolve("Dynamo Kyiv"), country="UKR", sector=None)

    @pytest.mark.parametrize("text, code", [
        ("the British consulate in Karachi", "GBR"), ("Karachi's British consulate", "GBR"),
        ("Chinese workers in Balochistan", "CHN"), ("the Kandahar UNICEF office", "AFG"),
    ])
    def test_a_country_in_the_phrase_beats_the_place(self, d, text, code):
        check(d.resolve(text), country=code)

    @pytest.mark.parametrize("text", ["Punjab", "Victoria", "Hyderabad", "Kashmir", "Crimea", "Golan Heights",
                                      "Kurdistan", "Somaliland", "Macau", "Kurdish", "the northern territory",
                                      "new york"])
    def test_ambiguous_disputed_or_lowercase_names_do_not_resolve(self, d, text):
        assert d.resolve(text) is None

    def test_left_out_names_keep_their_old_meaning(self, d):
        check(d.resolve("Punjab police"), country=None, sector="COP")
        check(d.resolve("Georgia"), country="GEO")
        check(d.resolve("Tripoli"), country="LBY", sector="GOV")
        a = d.resolve("Kurdish prisoner")
        assert a is None or a.country is None
        surfaces = {s for r in PLACES for s in [r["name"], *_split(r["aliases"])]}
        for bad in ("Punjab", "Georgia", "Victoria", "Washington", "Delhi", "Hyderabad", "Birmingham", "Crimea",
                    "Kashmir", "Niger", "Plateau", "Delta", "Rivers", "Nice", "Perth", "Kurdistan", "Galicia"):
            assert bad not in surfaces, bad

    def test_pre_filter_sees_places(self, d):
        assert d.has_phrase("It snowed in Kandahar.")
        assert not d.has_phrase("It snowed in Punjab.")

    def test_non_actor_phrases_around_places(self, d):
        assert d.resolve("the Kyoto Protocol") is None
        assert d.resolve("the Kansas City Royals") is None
        check(d.resolve("the New York Times"), country="USA", sector="JRN", name="New York Times")


class TestUserPlaces:
    def test_a_user_places_file(self, tmp_path):
        f = tmp_path / "my_places.tsv"
        f.write_text("# my places\nname\taliases\tcountry\tkind\nTromsø\tTromso\tNOR\tcity\n"
                     "Lapland\t\tFIN\tregion\n", encoding="utf-8")
        d = ActorDictionary.load([f])
        a = check(d.resolve("Tromsø police"), country="NOR", sector="COP", name="Tromsø")
        assert a.entry == "place:Tromsø+sector:police"
        check(d.resolve("Tromso"), country="NOR", sector=None)
        check(d.resolve("Lapland authorities"), country="FIN", sector="GOV")
        assert d.has_phrase("Snow fell in Tromso.")
        assert {e.name for e in d.entries("place")} >= {"Tromsø", "Lapland", "West Bengal"}
        check(d.resolve("Mumbai"), country="IND")                 # packaged places are still there
        assert default_dictionary().resolve("Tromso") is None      # the default one is untouched

    def test_places_lose_ties_to_countries_organisations_and_people(self, tmp_path):
        f = tmp_path / "places.tsv"
        f.write_text("name\taliases\tcountry\tkind\nParis\tParis Texas\tUSA\tcity\n"
                     "Jordan\t\tUSA\tcity\nPutin\t\tUSA\tcity\nSpringfield\t\tUSA\tcity\n", encoding="utf-8")
        d = ActorDictionary.load([f])
        check(d.resolve("Paris"), country="FRA", sector="GOV")
        check(d.resolve("Jordan"), country="JOR")
        check(d.resolve("Putin"), name="Vladimir Putin")
        check(d.resolve("Paris Texas"), country="USA", sector=None)
        check(d.resolve("Springfield"), country="USA", sector=None)


class TestPlacesInsideLongerNames:
    """A place followed by a capitalised word the dictionary does not know is part of another
    name, not the place; administrative words and titles continue it."""

    @pytest.mark.parametrize("text", ["Virginia Raggi", "Sydney Morning Herald", "Hama Amadou"])
    def test_not_the_place(self, d, text):
        a = d.resolve(text)
        assert a is None or a.country is None, a

    @pytest.mark.parametrize("text, code", [
        ("Kandahar Province", "AFG"), ("Texas Governor Greg Abbott", "USA"), ("Sindh Chief Minister", "PAK"),
        ("Kandahar police", "AFG"), ("Mosul", "IRQ")])
    def test_still_the_place(self, d, text, code):
        check(d.resolve(text), country=code)


# --------------------------------------------------------------------------- the resolver's word lists

def test_a_user_yaml_file_extends_the_resolvers_word_lists(tmp_path):
    """A YAML file among the actor files adds to data/actor_cues.yaml's lists."""
    assert default_dictionary().resolve("the Georgia Aquarium").country == "GEO"
    path = tmp_path / "mine.yaml"
    path.write_text("non_actor_phrases: [Georgia Aquarium]\nmodifier_suffixes: [trained]\n", encoding="utf-8")
    d = ActorDictionary.load([path])
    assert d.resolve("the Georgia Aquarium") is None
    assert d.resolve("Georgia") is not None
    # "Russia-trained fighters": Russia now only modifies the fighters, who have no country
    trained = d.resolve("Russia-trained fighters")
    assert (trained.country, trained.sector) == (None, "REB")
    assert default_dictionary().resolve("Russia-trained fighters").country == "RUS"
    assert "Latin America" in d.cues.non_actor_phrases and "backed" in d.cues.modifier_suffixes


def test_a_bad_actor_word_list_file_is_reported_with_file_and_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("# mine\nplace_words: [province]\nnon_actor_words: [x]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{re.escape(str(path))}:3: unknown section 'non_actor_words'"):
        ActorDictionary.load([path])


# --------------------------------------------------------------------------- '~' surnames
class TestTitledSurnames:
    """A people row's ``~Surname`` alias names the person only after a title or an honorific."""

    @pytest.mark.parametrize("text", ["Mr Ryan", "Mr. Ryan", "Speaker Ryan", "House Speaker Ryan", "Mr Ryan's"])
    def test_after_a_title_or_honorific(self, d, text):
        a = check(d.resolve(text), country="USA", sector="LEG", name="Paul Ryan")
        assert "person:Paul Ryan" in a.entry.split("+")

    @pytest.mark.parametrize("text", ["Ryan", "Ryan Succop", "Mr Ryan Succop", "Mr Smith"])
    def test_not_alone_nor_inside_another_name(self, d, text):
        a = d.resolve(text)
        assert a is None or "Paul Ryan" not in (a.entry or ""), a

    def test_the_object_of_a_directional_word_is_not_the_actor(self, d):
        assert d.resolve("talks with Mr Ryan") is None

    @pytest.mark.parametrize("text", ["Mrs Clinton", "President Bush", "Mr. Bush"])
    def test_a_surname_several_people_of_one_country_share_gives_the_country(self, d, text):
        a = check(d.resolve(text), country="USA", sector="GOV", name=text.split()[-1])
        assert len(a.entry.split("+")) >= 2

    def test_prefilter_sees_an_honorific_and_a_known_surname(self, d):
        assert d.has_phrase("Mr Gingrich's ally said Mr Ryan was wrong")
        assert not d.has_phrase("Mr Succop kicked a field goal")

    def test_user_files_shared_surnames_and_honorifics(self, tmp_path):
        (tmp_path / "p.tsv").write_text(
            "name\taliases\tcountry\tsector\nAnna Zorg\t~Zorg\tFRA\tGOV\nBen Zorg\t~Zorg\tFRA\tLEG\n"
            "Cara Quux\t~Quux\tFRA\tGOV\nDan Quux\t~Quux\tDEU\tGOV\n", encoding="utf-8")
        (tmp_path / "cues.yaml").write_text("honorifics: [senhor]\n", encoding="utf-8")
        d = ActorDictionary.load([tmp_path / "p.tsv", tmp_path / "cues.yaml"])
        a = check(d.resolve("Ms Zorg"), country="FRA", sector=None, name="Zorg")
        assert a.entry == "person:Anna Zorg+person:Ben Zorg"
        check(d.resolve("Senator Zorg"), country="FRA", sector="LEG", name="Zorg")   # the title's sector
        assert d.resolve("Mr Quux") is None                       # two countries: nothing
        check(d.resolve("Senhor Zorg"), country="FRA")            # a user's honorific
        assert d.resolve("Zorg") is None

    def test_a_tilde_alias_must_be_a_capitalised_surname(self, tmp_path):
        p = tmp_path / "p.tsv"
        p.write_text("name\taliases\tcountry\tsector\nAnna Zorg\t~zorg\tFRA\tGOV\n", encoding="utf-8")
        with pytest.raises(ValueError, match=r"p\.tsv:2:"):
            ActorDictionary.load([p])


@pytest.mark.parametrize("text, country, sector", [
    ("the KLA", "KOS", "REB"),
    ("Basque separatists of ETA", "ESP", "REB"),
    ("the Iraqi National Congress", "IRQ", "PTY"),       # a party, not the US Congress
    ("Chechen separatists", "RUS", "REB"),
    ("Uighur activists", "CHN", "CVL"),
])
def test_armed_groups_parties_and_regional_peoples(d, text, country, sector):
    a = d.resolve(text)
    assert (a.country, a.sector) == (country, sector)


def test_an_all_capitals_acronym_is_not_a_given_name(d):
    assert d.resolve("Ira Glass") is None or d.resolve("Ira Glass").sector != "REB"


@pytest.mark.parametrize("text, country, sector", [
    ("the Department of Agriculture", None, "GOV"),      # a government department by its capitalised name
    ("the Seattle Police Department", "USA", "COP"),     # a police department is the police
    ("a department store chain", None, "BUS"),
    ("a Canadian gold miner", "CAN", "BUS"),              # businesses by their trade or size
    ("a German chemical giant", "DEU", "BUS"),
    ("a Japanese carrier", "JPN", "BUS"),
    ("the American aircraft carrier", "USA", "MIL"),      # a warship is no business
    ("the policymakers", None, "GOV"),
])
def test_departments_and_businesses_by_trade(d, text, country, sector):
    a = d.resolve(text)
    assert (a.country, a.sector) == (country, sector)


def test_a_side_loyal_to_a_state_is_that_states():
    # actor cues allegiance_words: "to" after them names whom the side belongs to
    d = default_dictionary()
    check(d.resolve("gunmen loyal to the Malian junta"), country="MLI")
    # ... and after any other word "to" names where, not whose ("troops sent to Syria")
    assert d.resolve("troops sent to Syria").country is None
