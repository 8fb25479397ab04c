"""Property tests: ingestion never raises, and its outputs keep their invariants."""
from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from eventwire.ingest import article_from_text, clean_text, read_articles, truncate_text
from eventwire.ingest.metadata import detect_language, find_outlet, find_published, parse_date
from eventwire.ingest.readers import decode_bytes
from eventwire.model import Article, Skipped

SETTINGS = settings(max_examples=int(os.environ.get("EVENTWIRE_HYPOTHESIS_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text that stresses cleaning: any unicode, plus debris-like and structural pieces
PIECES = st.sampled_from([
    "\n", "\n\n", "\r\n", "\r", "\t", " ", "\x00", "\x0b", "\x0c", "\u2028", "\u00a0", "\ufeff", "\u200b",
    "e\u0301", "\ud800", "©", "© 2024 Zenda Media LLC. All rights reserved.", "Why though?",
    "(Photo by Jane Roe/AFP via Getty Images)", "date 2020-03-27 ", "STRELSAU, July 7. /TASS/. ",
    "ZENDA (Reuters) - ", "Original Source: www.zenda.example", "Want to leave a tip?", "Jane Roe",
    "Jane is a staff writer. You can reach her at @jane.", "Big Headline About Things\n",
    "Ruritania sent troops.", "By Jane Roe", "Advertisement", ".", "!", "?", "\u201c", "\u201d",
])
MESSY_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=40).map("".join)


def _check_clean(text: str) -> None:
    result = clean_text(text)
    body = result.text
    assert isinstance(body, str)
    assert "\x00" not in body and "\r" not in body
    assert not any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in body)
    assert not any("\ud800" <= ch <= "\udfff" for ch in body)
    assert body == body.strip()
    assert "\n\n\n" not in body
    assert unicodedata.is_normalized("NFC", body)
    kept = set(body.split("\n"))
    assert not kept & set(result.removed), kept & set(result.removed)
    if result.title is not None:
        assert result.title and result.title not in kept
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in result.hints.items())


@SETTINGS
@given(st.text(max_size=2000))
def test_clean_text_arbitrary_text(text):
    _check_clean(text)


@SETTINGS
@given(MESSY_TEXT)
def test_clean_text_messy_text(text):
    _check_clean(text)


WORDS = st.sampled_from(["ruritania", "freedonia", "troops", "border", "minister", "said", "on", "the",
                         "talks", "aid", "sanctions", "protest", "in", "zenda", "after", "a", "vote"])
SENTENCE = st.tuples(st.sampled_from(["Ruritania", "Freedonia", "The minister", "Officials", "Protesters"]),
                     st.lists(WORDS, min_size=2, max_size=15),
                     st.sampled_from([".", "!", "?", '."', ".\u201d"])).map(
    lambda t: t[0] + " " + " ".join(t[1]) + t[2])
DEBRIS = st.sampled_from([
    "© 2024 Zenda Media LLC. All rights reserved.", "Why though?", "What are the details?",
    "Ruritanian soldiers patrol the border (Photo by Jane Roe/AFP via Getty Images)", "Advertisement",
    "Want to leave a tip?", "Already a subscriber?", "Original Source: www.zenda.example", "All news",
    "Share this article", "READ MORE: Zenda votes", "Reporting by Jane Roe; Editing by John Doe",
])


@SETTINGS
@given(st.lists(DEBRIS, max_size=4), st.lists(SENTENCE, min_size=1, max_size=12), st.lists(DEBRIS, max_size=4),
       st.sampled_from(["\n", "\n\n"]))
def test_body_sentences_survive_debris(head, body, tail, sep):
    result = clean_text(sep.join([*head, *body, *tail]))
    lines = result.text.split("\n")
    for sentence in body:
        assert sentence in lines, (sentence, result.text)
    for junk in head + tail:
        assert junk not in lines


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".jsonl", ".json", ".md", ""]))
def test_read_articles_arbitrary_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        results = list(read_articles([folder], max_chars=500))
    ids = [r.doc_id for r in results]
    assert len(ids) == len(set(ids))
    if suffix not in (".jsonl", ".json"):
        assert len(results) == 1
    for result in results:
        assert isinstance(result, (Article, Skipped))
        if isinstance(result, Article):
            assert result.text and "\x00" not in result.text
            assert len(result.text) <= 500
            assert result.published is None or parse_date(result.published) == result.published
        else:
            assert result.reason and result.message


@SETTINGS
@given(st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "html", "title", "url", "published", "outlet", "x"]),
                    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), MESSY_TEXT,
                              st.lists(st.integers(), max_size=3)), max_size=6),
    st.text(max_size=50)), max_size=8))
def test_read_articles_arbitrary_jsonl(records):
    import json

    lines = [json.dumps(r) if isinstance(r, dict) else r.replace("\n", " ") for r in records]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        results = list(read_articles([folder], languages=None))
    ids = [r.doc_id for r in results]
    assert len(ids) == len(set(ids))
    assert 1 <= len(results) <= max(1, len(records))


@SETTINGS
@given(st.one_of(st.text(max_size=300), MESSY_TEXT), st.one_of(st.none(), st.text(max_size=30)),
       st.one_of(st.none(), st.text(max_size=40)))
def test_article_from_text_and_metadata_never_raise(text, published, url):
    result = article_from_text(text, published=published, url=url, languages=None)
    assert isinstance(result, (Article, Skipped))
    found = find_published(text, {"date_line": published}, published, url=url)
    assert found is None or parse_date(found) == found
    outlet = find_outlet(text, {"copyright_holder": published}, url, None)
    assert outlet is None or isinstance(outlet, str)
    lang, prob = detect_language(text)
    assert isinstance(lang, str) and 0.0 <= prob <= 1.0


@SETTINGS
@given(st.binary(max_size=2000))
def test_decode_bytes_never_raises(data):
    text, encoding, message = decode_bytes(data)
    if text is None:
        assert encoding in ("binary", "undecodable") and message
    else:
        assert isinstance(text, str) and encoding


@SETTINGS
@given(st.text(max_size=500), st.integers(min_value=1, max_value=600))
def test_truncate_text_is_a_bounded_prefix(text, limit):
    assume(text == text.strip())
    cut = truncate_text(text, limit)
    assert len(cut) <= limit
    assert text.startswith(cut)
    if len(text) <= limit:
        assert cut == text
