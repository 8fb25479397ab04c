"""The rule-based sentence splitter (``eventwire.nlp.split_sentences``) and the pre-filter's
whole-word trigger test (``Lexicon.has_trigger``).  No spaCy model is loaded here."""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.coding.lexicon import build_lexicon
from eventwire.nlp import MAX_SENTENCE_CHARS, split_sentences

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def sents(text: str, **kw) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text, **kw)]


def check_spans(text: str, max_chars: int = MAX_SENTENCE_CHARS) -> None:
    """Invariants of every split: exact, trimmed, ordered, capped, no line joined, nothing lost."""
    spans = split_sentences(text, max_chars)
    covered = bytearray(len(text))
    prev_end = 0
    for s in spans:
        piece = text[s.start:s.end]
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= prev_end, "spans overlap or are out of order"
        assert piece == piece.strip(), f"untrimmed span {piece!r}"
        assert len(piece) <= max_chars
        assert not any(c in LINE_BREAKS for c in piece), f"a line break inside {piece!r}"
        covered[s.start:s.end] = b"\x01" * (s.end - s.start)
        prev_end = s.end
    lost = [i for i, c in enumerate(text) if not c.isspace() and not covered[i]]
    assert not lost, f"characters outside every span at {lost[:10]}"


# --------------------------------------------------------------------------- split_sentences

def test_simple_split_and_exact_offsets():
    text = "Russia attacked Ukraine. NATO condemned the strike! Will talks resume? Nobody knows."
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == [
        "Russia attacked Ukraine.", "NATO condemned the strike!", "Will talks resume?", "Nobody knows."]
    assert spans[1].start == text.index("NATO")
    check_spans(text)


@pytest.mark.parametrize("text, expected", [
    ("The U.S. Army said so. Dr. Smith agreed.", ["The U.S. Army said so.", "Dr. Smith agreed."]),
    ("Officials in the U.S. and the U.K. met. They agreed.", ["Officials in the U.S. and the U.K. met.", "They agreed."]),
    ("Mr. and Mrs. Smith left. They returned.", ["Mr. and Mrs. Smith left.", "They returned."]),
    ("Gen. Smith and Lt. Col. Jones met. Sen. Graham spoke.",
     ["Gen. Smith and Lt. Col. Jones met.", "Sen. Graham spoke."]),
    ("Talks in Washington, D.C. were held. Next.", ["Talks in Washington, D.C. were held.", "Next."]),
    ("He lives at No. 10 Downing Street. He is here.", ["He lives at No. 10 Downing Street.", "He is here."]),
])
def test_abbreviations_do_not_end_sentences(text, expected):
    assert sents(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("N. Korea fired a missile. It landed at sea.", ["N. Korea fired a missile.", "It landed at sea."]),
    ("J. Smith and A. B. Jones spoke. They left.", ["J. Smith and A. B. Jones spoke.", "They left."]),
])
def test_initials_do_not_end_sentences(text, expected):
    assert sents(text) == expected


def test_word_no_ends_a_sentence():
    # "no" is an abbreviation only before a number ("No. 10"); found splitting news text
    assert sents("Voters said no. The referendum failed.") == ["Voters said no.", "The referendum failed."]


@pytest.mark.parametrize("text, expected", [
    ('He said "We will fight." Then he left.', ['He said "We will fight."', "Then he left."]),
    ("\u201cWe will win,\u201d he said. \u201cThey will lose.\u201d  Next.",
     ["\u201cWe will win,\u201d he said.", "\u201cThey will lose.\u201d", "Next."]),
    ("He said 'enough.' Then he went.", ["He said 'enough.'", "Then he went."]),
    ('He said: "Stop!" and left. Then police came.', ['He said: "Stop!" and left.', "Then police came."]),
    ("(He left.) Then she came.", ["(He left.)", "Then she came."]),
    ("Is it true? Yes. No!  Maybe...  Then.", ["Is it true?", "Yes.", "No!", "Maybe...", "Then."]),
])
def test_quotes_and_brackets(text, expected):
    assert sents(text) == expected
    check_spans(text)


def test_lowercase_continuation_does_not_split():
    assert sents("The rate rose 2.5 percent. it was a surprise.") == ["The rate rose 2.5 percent. it was a surprise."]


@pytest.mark.parametrize("brk", list(LINE_BREAKS) + ["\r\n", "\n\n\n"])
def test_line_breaks_are_never_joined(brk):
    text = f"Headline without a full stop{brk}Body text follows here"
    assert sents(text) == ["Headline without a full stop", "Body text follows here"]
    check_spans(text)


def test_blank_and_whitespace_only_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n  ") == []
    assert sents("  padded.  ") == ["padded."]


def test_long_sentence_is_capped_at_whitespace():
    words = [f"Word{i}" for i in range(1500)]
    text = "Intro. " + " ".join(words) + "."
    pieces = sents(text)
    assert pieces[0] == "Intro."
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert len(pieces) > 2
    # cut between words: no word is split, none lost
    assert " ".join(pieces[1:]).split() == (" ".join(words) + ".").split()
    check_spans(text)


def test_cap_parameter():
    text = "alpha beta gamma delta epsilon zeta eta theta"
    assert all(len(p) <= 12 for p in sents(text, max_chars=12))
    assert " ".join(sents(text, max_chars=12)) == text
    assert sents("x" * 25, max_chars=10) == ["x" * 10, "x" * 10, "x" * 5]


def test_one_megabyte_line_without_punctuation_is_capped():
    text = ("lorem ipsum dolor sit amet " * 40_000)[:1_000_000]
    spans = split_sentences(text)
    assert len(spans) >= len(text) // MAX_SENTENCE_CHARS
    assert max(s.end - s.start for s in spans) <= MAX_SENTENCE_CHARS
    check_spans(text)
    # no whitespace at all: hard cuts at the cap
    solid = "x" * 1_000_000
    spans = split_sentences(solid)
    assert max(s.end - s.start for s in spans) <= MAX_SENTENCE_CHARS
    assert sum(s.end - s.start for s in spans) == len(solid)


@pytest.mark.parametrize("mark", [".", "!", "?", ".!?"])
def test_long_run_of_terminal_punctuation(mark):
    # this used to be quadratic in the run's length (30,000 dots took ~45 s); speed is not timed here
    text = "Word " + mark * (30_000 // len(mark)) + "x and more"
    check_spans(text)


_TOKENS = ["U.S.", "Dr.", "N.", "no.", "No.", "Mr", "said", "Iran", "talks", "\u201c", "\u201d", '"', "'", "(", ")",
           ".", "!", "?", "...", " ", " ", " ", "  ", "\n", "\r\n", "\u2028", "\t", "A", "b", "7", "x" * 30, "\u00e9t\u00e9"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=200).map("".join), st.sampled_from([5, 40, 200, MAX_SENTENCE_CHARS]))
def test_invariants_on_token_soup(text, cap):
    check_spans(text, cap)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.integers(min_value=1, max_value=300))
def test_invariants_on_any_text(text, cap):
    check_spans(text, cap)


# --------------------------------------------------------------------------- has_trigger

@pytest.fixture(scope="module")
def lexicon():
    return build_lexicon()


@pytest.fixture(scope="module")
def tiny(lexicon):
    """The packaged lexicon with a known trigger set: {protest, sanction, strike}."""
    return dataclasses.replace(lexicon, trigger_forms={"protest", "sanction", "strike"}, _automaton=None)


@pytest.mark.parametrize("text, expected", [
    ("They protest the decision.", True),
    ("PROTEST at the embassy", True),
    ("Protest", True),                               # whole text
    ("a general strike", True),                      # at the very end
    ("(protest)", True),
    ("anti-sanction lobby", True),                   # hyphen is a word boundary
    ("the protest's leaders", True),
    ("Protestant churches", False),                  # prefix of a longer word
    ("a counterprotest", False),                     # suffix of a longer word
    ("sanctioned firms", False),                     # inflections only when listed
    ("protest2", False),
    ("Protestant groups protest", True),             # a later whole-word hit counts
    ("protestprotest", False),
    ("strikes", False),
    ("", False),
    ("nothing to see", False),
])
def test_has_trigger_whole_words_case_insensitive(tiny, text, expected):
    assert tiny.has_trigger(text) is expected


def test_has_trigger_packaged_lexicon(lexicon):
    forms = lexicon.trigger_forms
    for w in ("protest", "protested", "sanctions", "accused"):
        assert w in forms, f"expected {w!r} among the packaged trigger forms"
    assert lexicon.has_trigger("Iran PROTESTED the new Sanctions.")
    assert lexicon.has_trigger("Moscow accused Kyiv of shelling the plant.")
    assert not lexicon.has_trigger("The sky was blue over the quiet harbour.")
    word = "protested"
    assert not lexicon.has_trigger("un" + word + "ly")
    assert all(" " not in f for f in forms)  # the automaton matches single words
