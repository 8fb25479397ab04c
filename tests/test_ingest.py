"""Unit tests for eventwire.ingest: readers, boilerplate, HTML, metadata, pipeline.

Every fixture is invented here (fictional countries, outlets and people) and
written to tmp_path; nothing is downloaded.
"""
from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from eventwire.ingest import (
    article_from_text,
    clean_text,
    detect_language,
    extract_html,
    find_outlet,
    find_published,
    iter_units,
    read_articles,
    truncate_text,
)
from eventwire.ingest.boilerplate import load_rules
from eventwire.ingest.metadata import parse_date, parse_month_day
from eventwire.ingest.readers import RawUnit, decode_bytes
from eventwire.model import Article, Skipped

# --------------------------------------------------------------- fixtures

BODY = [
    "Ruritania accused Freedonia on Thursday of sending troops across their shared border, "
    "the foreign ministry in Strelsau said.",
    "The ministry said three armoured vehicles crossed near the village of Zenda before dawn.",
    "Freedonia denied the claim.",
    '"We will defend every metre of our land," Foreign Minister Rudolf Rassendyll told reporters.',
    "The two governments signed a border treaty in 2019 after a decade of talks.",
]

ARTICLE = f"""© 2023 Strelsau Media Group LLC. All rights reserved.
Ruritania Accuses Freedonia of Border Incursion
Ruritanian soldiers patrol the border (Photo by Jane Roe/AFP via Getty Images)

Ruritania Accuses Freedonia of Border Incursion

Why though?

{BODY[0]}

What are the details?

{BODY[1]}

{BODY[2]}

Border Tensions Rise

{BODY[3]}

What else?

{BODY[4]}

Want to leave a tip?

We answer to you. Help keep our content free of advertisers and big tech censorship by leaving a tip today.
Want to join the conversation?
Already a subscriber?
Jane Roe

Jane Roe

Jane is a former staff writer for the Strelsau Herald. She resides in Zenda with her family. You can reach her via Twitter at @janeroe.
"""

SIDEBAR = """Celebrity Chef Opens New Restaurant in Strelsau Old Town
Stocks Rally on Strong Jobs Data as Markets Cheer
Local Team Wins Regional Football Championship
Freedonia Announces New Holiday Schedule for Schools
"""

ENGLISH = (
    "The foreign ministers of Ruritania and Freedonia met in Strelsau on Tuesday to discuss the "
    "disputed river border. Both sides said the talks were constructive and agreed to meet again "
    "next month. Officials said a joint commission would survey the river banks in the spring."
)
GERMAN = (
    "Die Außenminister von Ruritanien und Freedonien trafen sich am Dienstag in Strelsau, um über "
    "die umstrittene Flussgrenze zu sprechen. Beide Seiten bezeichneten die Gespräche als "
    "konstruktiv und vereinbarten ein weiteres Treffen im nächsten Monat."
)
FRENCH = (
    "Les ministres des Affaires étrangères de la Ruritanie et de la Freedonie se sont rencontrés "
    "mardi à Strelsau pour discuter de la frontière fluviale contestée. Les deux parties ont jugé "
    "les discussions constructives et ont convenu de se revoir le mois prochain."
)


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def one(paths, **kwargs):
    results = list(read_articles(paths, **kwargs))
    assert len(results) == 1, results
    return results[0]


def lines_of(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


# ============================================================ boilerplate

class TestBoilerplate:
    def test_debris_removed_and_body_kept(self):
        result = clean_text(ARTICLE + "\n\n" + SIDEBAR)
        for sentence in BODY:
            assert sentence in lines_of(result.text)
        for junk in ("©", "All rights reserved", "Photo by", "Why though?", "What are the details?",
                     "What else?", "Want to leave a tip?", "We answer to you", "Already a subscriber?",
                     "Jane Roe", "staff writer", "Celebrity Chef", "Local Team Wins", "Want to join"):
            assert junk not in result.text, junk
        assert result.title == "Ruritania Accuses Freedonia of Border Incursion"
        assert result.title not in result.text  # the repeated headline is gone too
        assert result.hints["copyright_holder"] == "Strelsau Media Group LLC"
        assert result.hints["author"] == "Jane Roe"

    def test_short_body_sentence_and_subhead_not_merged(self):
        result = clean_text(ARTICLE)
        lines = lines_of(result.text)
        assert "Freedonia denied the claim." in lines
        # the sub-head may stay, but as its own line: never glued to a sentence
        for line in lines:
            assert not line.startswith("Border Tensions Rise ")
            assert not line.endswith(" Border Tensions Rise")

    def test_removed_lines_never_in_text(self):
        result = clean_text(ARTICLE + SIDEBAR)
        kept = set(result.text.split("\n"))
        assert not kept & set(result.removed)

    def test_tass_dateline_stripped_with_hints(self):
        text = ("All news\n\nRuritania ready to help Freedonia with flood relief — minister\n\n"
                "STRELSAU, July 7. /TASS/. Ruritania is ready to send rescue teams to Freedonia, "
                "the foreign minister said on Wednesday.\n\nThe floods have displaced thousands.")
        result = clean_text(text)
        assert result.text.startswith("Ruritania is ready to send rescue teams")
        assert result.title == "Ruritania ready to help Freedonia with flood relief — minister"
        assert result.hints["dateline"] == "07-07"
        assert result.hints["dateline_agency"] == "TASS"
        assert result.hints["dateline_place"] == "STRELSAU"
        assert "dateline_date" not in result.hints
        assert "All news" not in result.text

    @pytest.mark.parametrize("line,agency,body", [
        ("STRELSAU, March 3, 2021 (Reuters) - Ruritania closed its embassy.", "Reuters",
         "Ruritania closed its embassy."),
        ("ZENDA (AP) — Protesters marched on the palace on Sunday.", "AP",
         "Protesters marched on the palace on Sunday."),
        ("(CNN) - The summit ended without a deal.", "CNN", "The summit ended without a deal."),
    ])
    def test_agency_datelines(self, line, agency, body):
        result = clean_text(line + "\nMore talks are planned.")
        assert result.hints["dateline_agency"] == agency
        assert result.text.split("\n")[0] == body

    def test_date_prefix_line_is_stripped_not_dropped(self):
        result = clean_text(" date 2020-03-27 Ruritania sent aid to Freedonia. It arrived on Monday.")
        assert result.text == "Ruritania sent aid to Freedonia. It arrived on Monday."
        assert result.hints["date_line"] == "2020-03-27"

    def test_footers_and_credits(self):
        text = "\n".join([
            "Ruritania and Freedonia agreed to a ceasefire on Friday.",
            "Zenda residents celebrate in the square. REUTERS/Jane Roe",
            "Photo: John Doe/AFP",
            "READ MORE: Freedonia election results are in",
            "Advertisement",
            "Share this article",
            "Facebook Twitter Email",
            "Monitors will arrive next week.",
            "Reporting by Jane Roe; Editing by John Doe",
            "Original Source: www.zendanews.example",
        ])
        result = clean_text(text)
        assert lines_of(result.text) == ["Ruritania and Freedonia agreed to a ceasefire on Friday.",
                                         "Monitors will arrive next week."]
        assert result.hints["source_footer"] == "www.zendanews.example"

    def test_flattened_headline_blocks(self):
        # a block of other stories opening with its label, and "More from <section>:" lists
        text = "\n".join([
            "Ruritania and Freedonia agreed to a ceasefire on Friday.",
            "Most Read Zenda singer slams ex-husband Freedonian prince attacks royal aides in interview",
            "More from World: Ruritania votes; Freedonia bans rallies; Zenda mayor resigns",
            "Monitors will arrive next week.",
        ])
        assert lines_of(clean_text(text).text) == ["Ruritania and Freedonia agreed to a ceasefire on Friday.",
                                                   "Monitors will arrive next week."]

    @pytest.mark.parametrize("sentence", [
        "Latest news from the border suggests the truce is holding.",
        "Most of the troops had left the border area by Monday.",
        "By Monday, most of the troops had left the border area.",
        "(c) the parties shall withdraw their forces within ten days.",
        "Source close to the talks said the deal was near.",
        "Copyright infringement claims were filed against the state broadcaster.",
        "Published figures show that 40 soldiers died in the clashes.",
        "What happened next shocked the delegates, officials said.",
        "Updated figures were released by the ministry on Friday.",
        "Home Minister Flavia Elphberg resigned on Tuesday.",
    ])
    def test_body_sentences_that_look_like_debris_survive(self, sentence):
        text = "Ruritania and Freedonia met in Zenda.\n" + sentence + "\nThe talks resume in June."
        assert sentence in lines_of(clean_text(text).text)

    def test_final_sentence_about_a_reporter_is_not_a_bio(self):
        text = ("Ruritania freed three journalists on Friday.\n"
                "Rupert Hentzau is a former reporter who was detained in Zenda in 2019.")
        assert "Rupert Hentzau is a former reporter" in clean_text(text).text

    def test_whitespace_and_unicode_normalisation(self):
        raw = "Cafe\u0301  talks\r\nin\u00a0Zenda\t ended.\r\n\r\n\r\n\r\nNext\x07 round\u200b in May.\x00"
        result = clean_text(raw)
        assert result.text == "Café talks\nin Zenda ended.\n\nNext round in May."

    def test_hard_wrapped_lines_are_rejoined(self):
        text = ("Ruritania's foreign minister said on Tuesday that the\n"
                "government would recall its ambassador from Freedonia.\n"
                "Freedonia did not comment.")
        lines = lines_of(clean_text(text).text)
        assert lines[0] == ("Ruritania's foreign minister said on Tuesday that the government would "
                            "recall its ambassador from Freedonia.")

    def test_one_megabyte_line_without_punctuation_is_kept(self):
        line = ("word " * 200_000).strip()
        result = clean_text(line)
        assert result.text == line

    def test_many_short_lines_do_not_raise(self):
        text = "\n".join(f"Line {i} of a long list" for i in range(50_000))
        assert isinstance(clean_text(text).text, str)

    def test_empty_and_non_string(self):
        assert clean_text("").text == ""
        assert clean_text("   \n\t\n ").text == ""
        assert clean_text(None).text == ""  # type: ignore[arg-type]

    def test_user_rules_extend_and_disable(self, tmp_path):
        user = write(tmp_path, "rules.yaml", (
            "patterns:\n"
            "  - id: zenda_promo\n"
            "    action: drop\n"
            "    regex: '^Listen to the Zenda Daily podcast.{0,80}$'\n"
            "  - id: question_subheads\n"
            "    enabled: false\n"))
        rules = load_rules(user)
        text = "Ruritania met Freedonia.\nListen to the Zenda Daily podcast now\nWhy though?\nTalks ended."
        lines = lines_of(clean_text(text, rules=rules).text)
        assert "Listen to the Zenda Daily podcast now" not in lines
        assert "Why though?" in lines  # default rule switched off

    def test_bad_user_regex_is_reported(self, tmp_path):
        user = write(tmp_path, "bad.yaml", "patterns:\n  - id: broken\n    regex: '(unclosed'\n")
        with pytest.raises(ValueError, match="broken"):
            load_rules(user)

    @pytest.mark.parametrize("content,line,needle", [
        ("patterns:\n  - id: fine\n    regex: '^ok$'\n  - id: broken\n    regex: '(unclosed'\n", 4, "bad regex"),
        ("# a comment\npatterns:\n  - action: drop\n    regex: 'x'\n", 3, "needs an id"),
        ("patterns:\n  - id: odd\n    regex: 'x'\n    action: explode\n", 2, "action in"),
        ("patterns:\n  - id: h\n    regex: '(?P<a>x)'\n    hints: {b: '{b}'}\n", 2, "unknown groups"),
        ("patterns: [\n  {id: x\n", 3, "cannot read"),
        ("- just\n- a list\n", 1, "must be a mapping"),
    ])
    def test_bad_user_rules_name_file_and_line(self, tmp_path, content, line, needle):
        user = write(tmp_path, "rules.yaml", content)
        with pytest.raises(ValueError) as err:
            load_rules(user)
        assert str(err.value).startswith(f"{user}:{line}: "), str(err.value)
        assert needle in str(err.value)

    def test_user_rules_through_config_and_api(self, tmp_path):
        """``Config.boilerplate_files`` reaches the cleaning of texts, records and files alike."""
        from eventwire.api import iter_code
        from eventwire.pipeline import Config

        user = write(tmp_path, "rules.yaml", (
            "patterns:\n  - id: zenda_promo\n    action: drop\n"
            "    regex: '^Listen to the Zenda Daily podcast.{0,80}$'\n"))
        text = ("Ruritania and Freedonia met in Zenda on Monday to discuss the border.\n"
                "Listen to the Zenda Daily podcast now\nThe talks ended without a statement.")
        (tmp_path / "a.txt").write_text(text)
        items = [text, {"id": "r", "text": text}, tmp_path / "a.txt"]
        plain = [r.record.text for r in iter_code(items, config=Config(type_model=False))]
        ruled = [r.record.text for r in iter_code(items, config=Config(type_model=False,
                                                                       boilerplate_files=(str(user),)))]
        assert all("Zenda Daily podcast" in t for t in plain)
        assert not any("Zenda Daily podcast" in t for t in ruled)
        assert all("The talks ended" in t for t in ruled)


# ============================================================== metadata

class TestMetadata:
    @pytest.mark.parametrize("value,expected", [
        ("2020-03-27", "2020-03-27"),
        ("2020-03-27T23:10:00+09:00", "2020-03-27"),
        ("Published: March 3, 2021", "2021-03-03"),
        ("Updated 12 May 2022", "2022-05-12"),
        ("Fri, 27 Mar 2020 10:00:00 GMT", "2020-03-27"),
        ("Sept. 4th, 2019", "2019-09-04"),
        ("03/04/2021", "2021-03-04"),
        ("25/12/2020", "2020-12-25"),
        ("03.04.2021", "2021-04-03"),
        ("20200327", "2020-03-27"),
        (1585267200, "2020-03-27"),
        ("2021-02-30", None),
        ("July 7", None),
        ("2024", None),
        ("3000-01-01", None),
        ("1850-05-01", None),
        ("not a date", None),
        (None, None),
        ("", None),
    ])
    def test_parse_date(self, value, expected):
        assert parse_date(value) == expected

    def test_parse_date_fuzzy_given(self):
        assert parse_date("the 27th of March, 2020", fuzzy=True) == "2020-03-27"

    def test_future_dates_rejected(self):
        future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
        assert parse_date(future) is None

    def test_month_day(self):
        assert parse_month_day("July 7") == "07-07"
        assert parse_month_day("7 Jul") == "07-07"
        assert parse_month_day("Feb 30") is None

    def test_copyright_year_is_never_a_date(self):
        text = "© 2024 Zenda Media LLC. All rights reserved.\nRuritania held elections."
        assert find_published(text, {}, None) is None
        assert find_published(text, {"copyright_year": "2024"}, None) is None

    def test_dateline_without_year_is_not_a_date(self):
        text = "STRELSAU, July 7. /TASS/. Ruritania sent aid."
        assert find_published(text, {}, None) is None

    def test_published_sources_and_order(self):
        assert find_published("Published: March 3, 2021\nRuritania voted.", {}, None) == "2021-03-03"
        assert find_published("Updated 12 May 2022\nRuritania voted.", {}, None) == "2022-05-12"
        assert find_published("SEOUL, March 3, 2021 (Reuters) - Talks resumed.", {}, None) == "2021-03-03"
        assert find_published("Talks resumed.", {"date_line": "2020-03-27"}, "2019-01-02") == "2019-01-02"
        assert find_published("Talks resumed.", {"date_line": "2020-03-27"}, "garbage") == "2020-03-27"
        assert find_published("Talks resumed.", {}, None, url="https://x.example/2018/07/09/talks") == "2018-07-09"
        assert find_published("Talks resumed.", {}, None) is None

    def test_outlets(self):
        assert find_outlet("STRELSAU, July 7. /TASS/. Aid was sent.", {}, None, None) == "TASS"
        assert find_outlet("ZENDA (Reuters) - Aid was sent.", {}, None, None) == "Reuters"
        assert find_outlet("Aid was sent.\nOriginal Source: www.zendanews.example", {}, None, None) \
            == "zendanews.example"
        assert find_outlet("© 2024 Blaze Daily LLC. All rights reserved.\nAid was sent.", {}, None, None) \
            == "Blaze Daily"
        assert find_outlet("Aid was sent.", {}, "https://www.strelsau-times.example/world/1", None) \
            == "strelsau-times.example"
        assert find_outlet("ZENDA (AP) — Aid was sent.", {}, None, "Zenda Gazette") == "Zenda Gazette"
        assert find_outlet("Aid was sent.", {}, None, None) is None

    def test_language(self):
        assert detect_language(ENGLISH)[0] == "en"
        assert detect_language(GERMAN)[0] == "de"
        assert detect_language(FRENCH)[0] == "fr"
        assert detect_language("Kim met Putin.") == ("en", 0.0)
        assert detect_language("") == ("en", 0.0)
        lang, prob = detect_language(ENGLISH)
        assert 0.5 <= prob <= 1.0


# ================================================================ readers

class TestReaders:
    def test_missing_path_raises_at_call_time(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            read_articles([tmp_path / "nope"])
        with pytest.raises(FileNotFoundError):
            iter_units([tmp_path / "nope.txt"])

    def test_empty_and_whitespace(self, tmp_path):
        write(tmp_path, "a.txt", b"")
        write(tmp_path, "b.txt", b"  \n\t\r\n  ")
        results = list(read_articles([tmp_path]))
        assert [(r.doc_id, r.reason) for r in results] == [("a.txt", "empty"), ("b.txt", "empty")]
        assert all(r.message for r in results)

    @pytest.mark.parametrize("name,data", [
        ("image.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(2000)),
        ("doc.html", b"%PDF-1.7\n" + os.urandom(2000)),
        ("archive.txt", b"PK\x03\x04" + os.urandom(500)),
        ("data.html", b"\x1f\x8b\x08\x00" + os.urandom(500)),
        ("blob.txt", bytes(range(256)) * 40),
        ("nuls.html", b"<html>" + b"\x00" * 500 + b"</html>"),
        ("controls.txt", b"\x01\x02\x03\x04\x05\x06" * 200 + b"some text"),
    ])
    def test_binary(self, tmp_path, name, data):
        write(tmp_path, name, data)
        result = one([tmp_path / name])
        assert isinstance(result, Skipped) and result.reason == "binary", result

    def test_stray_nul_bytes_are_stripped(self, tmp_path):
        write(tmp_path, "nul.txt", ENGLISH.replace("Tuesday", "Tues\x00day").encode() + b"\x00")
        result = one([tmp_path])
        assert isinstance(result, Article)
        assert "\x00" not in result.text and "Tuesday" in result.text

    def test_latin1(self, tmp_path):
        text = ENGLISH + " The café owner in Zenda said the déjà vu was real. Señor Müller agreed."
        write(tmp_path, "latin.txt", text.encode("latin-1"))
        result = one([tmp_path])
        assert isinstance(result, Article)
        assert "café" in result.text and "Müller" in result.text and "Señor" in result.text
        assert result.meta["encoding"] in ("cp1252", "latin-1")

    def test_cp1252_smart_quotes(self, tmp_path):
        text = ENGLISH + " \u201cWe are ready,\u201d the minister\u2019s aide said \u2014 twice."
        write(tmp_path, "smart.txt", text.encode("cp1252"))
        result = one([tmp_path])
        assert "\u201cWe are ready,\u201d the minister\u2019s aide said \u2014 twice." in result.text

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
    def test_bom_encodings(self, tmp_path, encoding):
        data = ENGLISH.encode(encoding)
        if encoding == "utf-16-be":
            data = codecs.BOM_UTF16_BE + data
        write(tmp_path, "bom.txt", data)
        result = one([tmp_path])
        assert isinstance(result, Article)
        assert result.text == ENGLISH

    def test_utf16_without_bom(self, tmp_path):
        write(tmp_path, "le.txt", ENGLISH.encode("utf-16-le"))
        result = one([tmp_path])
        assert isinstance(result, Article) and result.text == ENGLISH

    @pytest.mark.parametrize("text,lang", [(GERMAN, "de"), (FRENCH, "fr")])
    def test_not_english(self, tmp_path, text, lang):
        write(tmp_path, "foreign.txt", text)
        result = one([tmp_path])
        assert isinstance(result, Skipped)
        assert result.reason == f"not_english:{lang}" and result.language == lang
        accepted = one([tmp_path], languages=("en", lang))
        assert isinstance(accepted, Article) and accepted.language == lang
        everything = one([tmp_path], languages=None)
        assert isinstance(everything, Article)

    def test_other_language_filter(self, tmp_path):
        write(tmp_path, "en.txt", ENGLISH)
        result = one([tmp_path], languages=("de",))
        assert isinstance(result, Skipped) and result.reason == "language:en"

    def test_forty_megabyte_file(self, tmp_path):
        path = tmp_path / "huge.txt"
        sentence = "Ruritania and Freedonia exchanged artillery fire along the river on Monday.\n"
        block = sentence * 10_000
        with open(path, "w", encoding="utf-8") as handle:
            while handle.tell() < 40_000_000:
                handle.write(block)
        assert path.stat().st_size >= 40_000_000
        result = one([path])
        assert isinstance(result, Article)
        assert result.truncated is True
        assert len(result.text) <= 200_000
        assert result.text.endswith("Monday.")  # cut at a line boundary
        assert result.meta["input_truncated"] is True
        assert result.meta["original_bytes"] >= 40_000_000

    def test_forty_megabyte_file_memory_is_bounded(self, tmp_path):
        path = tmp_path / "huge.html"
        paragraph = "<p>Ruritania and Freedonia exchanged artillery fire along the river on Monday.</p>\n"
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("<html><body><article>")
            block = paragraph * 5_000
            while handle.tell() < 40_000_000:
                handle.write(block)
        units = iter_units([path], max_bytes=1_000_000)
        tracemalloc.start()
        try:
            unit = next(units)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert isinstance(unit, RawUnit) and unit.truncated and unit.kind == "html"
        assert len(unit.content) <= 1_000_000
        assert peak < 8_000_000, peak

    def test_max_bytes_cut_inside_a_multibyte_character(self, tmp_path):
        write(tmp_path, "cut.txt", ("Zenda café " * 100).encode())
        unit = next(iter_units([tmp_path], max_bytes=10))  # b"Zenda caf\xc3": the cut é is dropped
        assert isinstance(unit, RawUnit) and unit.content == "Zenda caf"

    def test_one_megabyte_line_file(self, tmp_path):
        write(tmp_path, "line.txt", ("ruritania freedonia border talks " * 32_000).strip())
        result = one([tmp_path])
        assert isinstance(result, (Article, Skipped))
        if isinstance(result, Article):
            assert len(result.text) <= 200_000 and result.truncated

    def test_deeply_nested_html(self, tmp_path):
        body = f"<p>{ENGLISH}</p>"
        write(tmp_path, "deep.html", "<html><body>" + "<div>" * 5000 + body + "</div>" * 5000 + "</body></html>")
        result = one([tmp_path])
        assert isinstance(result, Article)
        assert "The foreign ministers of Ruritania and Freedonia met in Strelsau" in result.text

    @pytest.mark.parametrize("page", [
        f"<html><body><p>Unclosed <b>bold <i>{ENGLISH}<div><table><tr><td>",
        f"</p></div>{ENGLISH}<<<>>><p",
        f"<!DOCTYPE html><html><head><title>x</title></head><body><!-- unclosed comment {ENGLISH}",
        f"<?xml version='1.0' encoding='latin-1'?><html><body><p>{ENGLISH}</p></body></html>",
        f"<html><body><script>var x = '</p>';{ENGLISH}",
    ])
    def test_broken_html_never_raises(self, tmp_path, page):
        write(tmp_path, "broken.html", page)
        result = one([tmp_path])
        assert isinstance(result, (Article, Skipped))

    def test_html_page_metadata(self, tmp_path):
        page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
        <title>Ruritania and Freedonia sign water pact | The Zenda Gazette</title>
        <meta property="og:site_name" content="The Zenda Gazette">
        <meta property="og:title" content="Ruritania and Freedonia sign water pact">
        </head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Ruritania and Freedonia sign water pact</h1>
        <p>STRELSAU, March 3, 2021 (Reuters) - {BODY[0]}</p><p>{BODY[1]}</p><p>{BODY[2]}</p>
        <p>{BODY[3]}</p></article>
        <aside><ul><li><a href="/a">Celebrity Chef Opens New Restaurant</a></li></ul></aside>
        <footer><p>© 2024 Zenda Gazette Media Inc. All rights reserved.</p></footer></body></html>"""
        write(tmp_path, "page.html", page)
        result = one([tmp_path])
        assert isinstance(result, Article)
        assert result.title == "Ruritania and Freedonia sign water pact"
        assert result.outlet == "The Zenda Gazette"
        assert result.published == "2021-03-03"  # from the dateline, not the © 2024 footer
        assert result.text.startswith(BODY[0])
        assert "Freedonia denied the claim." in result.text.split("\n")
        assert "©" not in result.text and "Celebrity Chef" not in result.text

    def test_html_copyright_footer_is_not_a_date(self):
        page = (f"<html><head><title>Talks</title></head><body><article><p>{ENGLISH}</p></article>"
                "<footer>© 2024 Zenda Gazette</footer></body></html>")
        text, meta = extract_html(page, None)
        assert "date" not in meta
        result = article_from_text(page)
        assert isinstance(result, Article) and result.published is None

    def test_txt_file_with_html_content(self, tmp_path):
        write(tmp_path, "page.txt", f"<!DOCTYPE html><html><body><article><p>{ENGLISH}</p></article></body></html>")
        result = one([tmp_path])
        assert isinstance(result, Article) and result.meta["kind"] == "html"
        assert "<p>" not in result.text

    def test_names_with_spaces_and_non_ascii(self, tmp_path):
        write(tmp_path, "my article.txt", ENGLISH)
        write(tmp_path, "статья über Zenda.txt", ENGLISH)
        results = list(read_articles([tmp_path]))
        assert sorted(r.doc_id for r in results) == ["my article.txt", "статья über Zenda.txt"]
        assert all(isinstance(r, Article) for r in results)

    def test_folder_walk_sorted_hidden_skipped_duplicates_disambiguated(self, tmp_path):
        write(tmp_path, "b/1.txt", ENGLISH)
        write(tmp_path, "a/1.txt", ENGLISH)
        write(tmp_path, "a/z.md", ENGLISH)
        write(tmp_path, "c.text", ENGLISH)
        write(tmp_path, ".hidden.txt", ENGLISH)
        write(tmp_path, ".git/config.txt", ENGLISH)
        write(tmp_path, "backup.txt~", ENGLISH)
        ids = [r.doc_id for r in read_articles([tmp_path])]
        assert ids == ["a/1.txt", "z.md", "b/1.txt", "c.text"]
        again = [r.doc_id for r in read_articles([tmp_path])]
        assert again == ids

    def test_same_names_from_two_inputs(self, tmp_path):
        write(tmp_path, "run1/x.txt", ENGLISH)
        write(tmp_path, "run2/x.txt", ENGLISH)
        ids = [r.doc_id for r in read_articles([tmp_path / "run1", tmp_path / "run2"])]
        assert ids == ["run1/x.txt", "run2/x.txt"]

    def test_same_file_twice_is_read_once(self, tmp_path):
        path = write(tmp_path, "x.txt", ENGLISH)
        assert len(list(read_articles([tmp_path, path]))) == 1

    def test_single_path_argument(self, tmp_path):
        path = write(tmp_path, "x.txt", ENGLISH)
        assert isinstance(one(str(path)), Article)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
    def test_fifo_is_not_read(self, tmp_path):
        os.mkfifo(tmp_path / "pipe.txt")
        result = one([tmp_path])
        assert isinstance(result, Skipped) and result.reason == "unreadable"

    def test_decode_bytes_direct(self):
        assert decode_bytes(b"plain ascii")[0] == "plain ascii"
        assert decode_bytes(b"\x89PNG\r\n\x1a\nxxxx")[1] == "binary"
        assert decode_bytes(b"caf\xe9 au lait")[0] == "café au lait"


# ================================================================= JSONL

def jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


class TestJsonl:
    def test_records_ids_and_given_metadata(self, tmp_path):
        write(tmp_path, "feed.jsonl", jsonl(
            {"id": "a1", "text": ENGLISH, "title": "Talks in Strelsau", "published": "March 3, 2021",
             "outlet": "Zenda Gazette", "url": "https://zenda.example/a1"},
            "",
            "   ",
            {"text": ENGLISH},
            {"id": "a1", "text": ENGLISH, "published": "yesterday-ish"},
            {"id": 7, "text": ENGLISH, "lang_hint": "en"},
        ))
        results = list(read_articles([tmp_path]))
        assert [r.doc_id for r in results] == ["a1", "feed.jsonl:4", "a1#2", "7"]
        first = results[0]
        assert isinstance(first, Article)
        assert first.title == "Talks in Strelsau" and first.outlet == "Zenda Gazette"
        assert first.published == "2021-03-03" and first.url == "https://zenda.example/a1"
        third = results[2]
        assert third.published is None and third.meta["given_published"] == "yesterday-ish"
        assert results[3].meta["fields"] == {"lang_hint": "en"}
        assert all(r.source_path and r.source_path.endswith("feed.jsonl") for r in results)

    def test_bad_records(self, tmp_path):
        write(tmp_path, "bad.jsonl", jsonl(
            '{"id": "x", "text": "Ruritania said',
            "[1, 2, 3]",
            '"just a string"',
            {"id": "n", "text": None},
            {"id": "num", "text": 42},
            {"id": "none"},
            {"id": "blank", "text": "   "},
            "[" * 100_000 + "]" * 100_000,
        ))
        results = list(read_articles([tmp_path]))
        got = [(r.doc_id, r.reason) for r in results]
        assert got == [("bad.jsonl:1", "bad_json"), ("bad.jsonl:2", "not_an_object"),
                       ("bad.jsonl:3", "not_an_object"), ("n", "no_text"), ("num", "no_text"),
                       ("none", "no_text"), ("blank", "empty"), ("bad.jsonl:8", "bad_json")]
        assert all(isinstance(r, Skipped) and r.message for r in results)

    def test_empty_jsonl_file(self, tmp_path):
        write(tmp_path, "none.jsonl", "\n  \n\n")
        result = one([tmp_path])
        assert (result.doc_id, result.reason) == ("none.jsonl", "empty")

    def test_html_records(self, tmp_path):
        write(tmp_path, "pages.ndjson", jsonl(
            {"id": "h", "html": f"<html><body><article><p>{ENGLISH}</p></article></body></html>"},
            {"id": "t", "text": None, "html": f"<p>{ENGLISH}</p>"},
        ))
        results = list(read_articles([tmp_path]))
        assert [r.doc_id for r in results] == ["h", "t"]
        assert all(isinstance(r, Article) and r.meta["kind"] == "html" for r in results)
        assert "<p>" not in results[0].text

    def test_long_line_is_skipped_and_stream_continues(self, tmp_path):
        write(tmp_path, "long.jsonl", jsonl({"id": "big", "text": "x" * 5000}, {"id": "ok", "text": ENGLISH}))
        results = list(read_articles([tmp_path], max_bytes=1000))
        assert [(r.doc_id, getattr(r, "reason", None)) for r in results] == [("long.jsonl:1", "too_large"),
                                                                             ("ok", None)]

    def test_utf16_jsonl_and_binary_jsonl(self, tmp_path):
        write(tmp_path, "u16.jsonl", jsonl({"id": "u", "text": ENGLISH}).encode("utf-16"))
        write(tmp_path, "zip.jsonl", b"PK\x03\x04" + os.urandom(200))
        results = list(read_articles([tmp_path]))
        assert isinstance(results[0], Article) and results[0].doc_id == "u"
        assert (results[1].doc_id, results[1].reason) == ("zip.jsonl", "binary")

    def test_json_file_object_and_array(self, tmp_path):
        write(tmp_path, "one.json", json.dumps({"id": "o", "text": ENGLISH}))
        write(tmp_path, "many.json", json.dumps([{"text": ENGLISH}, 5]))
        results = list(read_articles([tmp_path]))
        assert [(r.doc_id, getattr(r, "reason", "ok")) for r in results] == [
            ("many.json:1", "ok"), ("many.json:2", "not_an_object"), ("o", "ok")]


# ============================================================== pipeline

class TestPipeline:
    def test_article_from_text(self):
        result = article_from_text(ARTICLE, doc_id="d1", url="https://www.strelsau-herald.example/x",
                                   published="2023-05-04", source="wire")
        assert isinstance(result, Article)
        assert result.doc_id == "d1" and result.published == "2023-05-04"
        assert result.outlet == "Strelsau Media Group"  # copyright holder beats the URL
        assert result.title == "Ruritania Accuses Freedonia of Border Incursion"
        assert result.meta["fields"] == {"source": "wire"}
        assert result.source_path is None

    def test_article_from_text_edge_inputs(self):
        assert article_from_text("").reason == "empty"
        assert article_from_text(None).reason == "no_text"  # type: ignore[arg-type]
        assert article_from_text(b"\x89PNG\r\n\x1a\n....").reason == "binary"
        assert isinstance(article_from_text(ENGLISH.encode("utf-16")), Article)
        assert article_from_text("Why though?\nAdvertisement").reason == "empty_after_cleaning"

    def test_article_from_text_with_html_string(self):
        page = f"<html><body><article><p>{ENGLISH}</p></article></body></html>"
        result = article_from_text("", doc_id="h", html=page)
        assert isinstance(result, Article) and result.meta["kind"] == "html" and "<p>" not in result.text
        result = article_from_text(ENGLISH, html=page)  # text wins when both are given
        assert isinstance(result, Article) and result.meta["kind"] == "text"

    def test_body_cap_at_sentence_boundary(self):
        text = " ".join(f"Ruritania and Freedonia held talks round {i}." for i in range(2000))
        result = article_from_text(text, max_chars=1000)
        assert isinstance(result, Article) and result.truncated
        assert len(result.text) <= 1000 and result.text.endswith(".")
        assert result.meta["original_chars"] == len(text)

    def test_truncate_text(self):
        assert truncate_text("short", 10) == "short"
        assert truncate_text("aaaaaaaa\n\nbbbb cccc", 12) == "aaaaaaaa"
        assert truncate_text("aaaa\n\nbbbb cccc", 12) == "aaaa\n\nbbbb"  # keeps >= half the budget
        assert truncate_text("One two three. Four five six seven", 20) == "One two three."
        assert truncate_text("x" * 50, 10) == "x" * 10

    def test_bad_unit_becomes_skipped_not_exception(self, monkeypatch):
        import eventwire.ingest as ingest

        def boom(*args, **kwargs):
            raise RuntimeError("kaboom")

        monkeypatch.setattr(ingest, "clean_text", boom)
        result = ingest.article_from_text(ENGLISH)
        assert isinstance(result, Skipped) and result.reason == "error" and "kaboom" in result.message


def test_a_title_that_is_the_lede_sentence_stays_in_the_body() -> None:
    lede = "Kenyan police arrested four opposition lawmakers in Nairobi on Tuesday after a rally."
    body = "The interior ministry said the four would appear in court on Thursday."
    res = clean_text(f"{lede}\n{body}", title_hint=lede)
    assert res.title == lede
    assert res.text.startswith(lede) and body in res.text     # coded like any sentence
    head = "Kenya arrests four lawmakers"                        # a headline proper
    res = clean_text(f"{head}\n{lede}\n{body}", title_hint=head)
    assert res.title == head and not res.text.startswith(head)


def test_a_related_block_in_sentence_case_is_cut() -> None:
    # a line naming a block of other stories, and the headlines after it in any case, up to the
    # next line of text; the heading alone before text goes as navigation
    body = ("Ministers met in Vienna on Monday.\nRelated stories\nFlood warnings issued for the coast\n"
            "Singer cancels tour dates\nThe talks resume on Friday.\nMore stories\nThe envoy said little.")
    res = clean_text(body)
    assert res.text.split() == "Ministers met in Vienna on Monday. The talks resume on Friday. The envoy said little.".split()
    assert "Singer cancels tour dates" in res.removed


def test_inline_related_block_is_cut_from_a_body_line() -> None:
    body = ("The minister resigned on Friday. related stories STORM WARNING Floods hit the coast "
            "again as rivers burst their banks WHO KNEW? Singer reveals secret wedding in Rome "
            "\"We will rebuild,\" the mayor said. Repairs begin next week.")
    res = clean_text(body)
    assert "Singer" not in res.text and "STORM" not in res.text
    assert res.text.startswith("The minister resigned on Friday.")
    assert "\"We will rebuild,\" the mayor said. Repairs begin next week." in res.text
    assert any(r.startswith("related stories STORM WARNING") for r in res.removed)


@pytest.mark.parametrize("body, expected, cut", [
    # a headline block without a quote ends after the first full stop
    ("Talks ended late. Most Read TRAIN CHAOS Strikes halt services across the north "
     "BIG WIN Lottery couple buy a castle Ministers met again on Monday to discuss the budget. "
     "They agreed on a plan.", "Talks ended late. They agreed on a plan.", "Most Read TRAIN CHAOS"),
    # a headline before "Read more" between two body sentences
    ("The vote was delayed. Opposition vows to fight the new budget | Jane Roe Read more "
     "Lawmakers returned on Tuesday.", "The vote was delayed. Lawmakers returned on Tuesday.",
     "Opposition vows"),
    # a picture gallery, through its last caption's credit
    ("Ministers met in Nairobi on Monday. World news in pictures 3 show all World news in pictures "
     "1/3 Protesters march through Lima Reuters 2/3 A fire burns near a market in Dhaka AP 3/3 "
     "Soldiers parade in Santiago Getty The talks resumed on Tuesday.",
     "Ministers met in Nairobi on Monday. The talks resumed on Tuesday.", "World news in pictures 3 show all"),
    # a newsletter sign-up widget flattened into the line, at its start or after a teaser
    ("Get world updates directly to your inbox + Subscribe Thank you for subscribing! Could not "
     "subscribe, try again later Invalid Email The Kenyan president met the envoy on Monday.",
     "The Kenyan president met the envoy on Monday.", "Get world updates directly to your inbox"),
    ("Talks ended late. Get daily updates directly to your inbox + Subscribe Thank you for subscribing! "
     "Invalid Email Ministers met again on Monday.", "Talks ended late. Ministers met again on Monday.",
     "Invalid Email"),
])
def test_inline_blocks_are_cut_from_a_body_line(body: str, expected: str, cut: str) -> None:
    res = clean_text(body)
    assert res.text == expected
    assert any(r.startswith(cut) for r in res.removed)


def test_counters_out_of_order_are_no_gallery() -> None:
    text = "The tally 3 show all counts: 1/3 then 3/3 Reuters. It was fine."
    assert clean_text(text).text == text


def test_prose_that_uses_a_marker_phrase_is_kept() -> None:
    for text in ("It became the most read story of the week. It was fine.",
                 "Officials said more stories would follow on Monday. Nothing else changed."):
        assert clean_text(text).text == text
    # no end of the block within the limit: nothing is cut
    long_block = "Done. related stories " + " ".join(["BIG NEWS Something happened somewhere"] * 120)
    assert "BIG NEWS" in clean_text(long_block).text


def test_a_short_english_report_is_not_taken_for_another_language():
    """py3langid reads some one-sentence English reports as Nigerian Pidgin (p=0.58): under
    SHORT_LETTERS letters a non-English guess needs SHORT_CONFIDENCE."""
    from eventwire.ingest.metadata import detect_language
    assert detect_language("Ugandan police arrested two Kenyan journalists.")[0] == "en"
    assert detect_language("Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen.")[0] == "de"
