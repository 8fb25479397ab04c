"""Quotes: frames, kinds, speakers, links to events, bad input, the pronoun hooks and the word lists."""
from __future__ import annotations

import pytest

from eventwire.api import code
from eventwire.model import Sentence
from eventwire.pipeline import Config
from eventwire.quotes.lexicon import load_number_lexicon, load_quote_lexicon
from eventwire.quotes.marks import quoted_spans
from eventwire.quotes.speakers import antecedent_for, speaker_for_offset
from eventwire.resolve.actors import default_dictionary


def quotes_of(text: str):
    (res,) = code(text)
    return res.quotes


def only(text: str, kind: str | None = None):
    qs = [q for q in quotes_of(text) if kind is None or q.kind == kind]
    assert len(qs) == 1, [(q.kind, q.text) for q in qs]
    return qs[0]


@pytest.mark.parametrize("text, content, kind, cue, speaker_name", [
    ("“We will not accept any conditions,” said Foreign Minister Tomas Reyes on Monday.",
     "We will not accept any conditions,", "direct", "said", "Tomas Reyes"),
    ("\"The talks were constructive,\" Tomas Reyes told reporters after the meeting.",
     "The talks were constructive,", "direct", "told", "Tomas Reyes"),
    ("Hiro Tanaka, the prime minister, said: “We stand with our allies.”",
     "We stand with our allies.", "direct", "said", "Hiro Tanaka"),
    ("One source told Reuters, \"Supplies are running low and they have asked for help.\"",
     "Supplies are running low and they have asked for help.", "direct", "told", None),
    ("“Fortunately nobody was hurt,” Pak Chol Min, head of the regional board, said Wednesday.",
     "Fortunately nobody was hurt,", "direct", "said", "Pak Chol Min"),
    ("State media quoted Kim Jong Un as saying, “We must be vigilant.”",
     "We must be vigilant.", "direct", "quoted as saying", "Kim Jong Un"),
    ("Ambassador Ilya Orlov praised the talks, saying, “Our friendship grows stronger every year.”",
     "Our friendship grows stronger every year.", "direct", "saying", "Ilya Orlov"),
])
def test_direct_frames(text, content, kind, cue, speaker_name):
    q = only(text, kind)
    assert (q.text, q.cue) == (content, cue)
    assert text[q.char_start:q.char_end] == content
    assert (q.speaker.name if q.speaker else None) == speaker_name
    assert text[q.speaker.char_start:q.speaker.char_end] == q.speaker.text


def test_title_and_nationality_resolve_through_the_dictionary():
    q = only("“Our aid will reach the region,” Russian Foreign Minister Sergey Lavrov said.", "direct")
    assert (q.speaker.name, q.speaker.country, q.speaker.sector) == ("Sergey Lavrov", "RUS", "GOV")


def test_indirect_speech_and_according_to():
    q = only("Health Minister Rui Costa warned that hospitals were running out of beds.")
    assert (q.kind, q.text, q.cue, q.speaker.name) == ("indirect", "hospitals were running out of beds", "warned",
                                                      "Rui Costa")
    q = only("The ceasefire is holding in most districts, according to a United Nations spokesman.")
    assert (q.kind, q.text, q.cue) == ("indirect", "The ceasefire is holding in most districts", "according to")
    assert q.speaker.text == "a United Nations spokesman"
    q = only("According to police, the crowd dispersed peacefully after midnight.")
    assert (q.text, q.speaker.text) == ("the crowd dispersed peacefully after midnight", "police")


def test_multi_sentence_quote_and_continuation_keep_the_speaker():
    text = ("“Our soldiers are ready. Our people are united,” the general told state television. "
            "“Nobody should doubt our resolve.”")
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert [q.text for q in qs] == ["Our soldiers are ready. Our people are united,", "Nobody should doubt our resolve."]
    assert [q.speaker.text for q in qs] == ["the general", "the general"]
    assert qs[1].cue is None


def test_multi_paragraph_quote_is_one_quote():
    text = ("The mayor spoke for an hour.\n\n“We rebuilt the school in a year. We rebuilt the clinic.\n\n"
            "“And we will rebuild the bridge,” Mayor Ana Duarte said.")
    q = only(text, "direct")
    assert q.text.startswith("We rebuilt the school") and q.text.endswith("rebuild the bridge,")
    assert q.speaker.name == "Ana Duarte"


def test_quote_opened_in_one_paragraph_and_attributed_in_the_next():
    text = "“There will be no retreat. Not one step.”\n“We hold the line,” the commander said."
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert len(qs) == 2 and all(q.speaker is not None and q.speaker.text == "the commander" for q in qs)


def test_scare_quotes_are_mixed():
    q = only("The ministry dismissed the plan as a “deal seriously” flawed from the start.")
    assert q.kind == "mixed" and q.text == "deal seriously" and q.speaker is None
    # a fragment inside reported speech is mixed, with that speaker
    qs = quotes_of("Senator Ruth Kline insisted the bill was “dead on arrival” in the Senate.")
    mixed = [q for q in qs if q.kind == "mixed"]
    assert mixed[0].text == "dead on arrival" and mixed[0].speaker.name == "Ruth Kline"


def test_pronoun_and_title_speakers_take_the_nearest_compatible_speaker():
    text = ("Russian Foreign Minister Sergey Lavrov told reporters that Russia was ready to help. "
            "“We are ready to send vaccines,” he said. “Our embassy reports regularly,” the minister added.")
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert [(q.speaker.text, q.speaker.name, q.speaker.country) for q in qs] == [
        ("he", "Sergey Lavrov", "RUS"), ("the minister", "Sergey Lavrov", "RUS")]
    # a person named earlier, not as a speaker
    q = only("Mayor Ana Duarte visited the site on Friday.\n“The water is safe again,” she said.", "direct")
    assert q.speaker.name == "Ana Duarte"
    # a bare surname takes the full name given before
    qs = quotes_of("Nagi Shafik, a former aid official, told the paper that supplies were short. "
                   "“There is not enough medicine,” Shafik said.")
    assert qs[-1].speaker.name == "Nagi Shafik"


def test_events_inside_a_quote_are_linked_and_first_person_takes_the_speaker():
    text = "“Our humanitarian assistance is regularly delivered to our North Korean neighbours,” said Lavrov."
    (res,) = code(text)
    q = next(q for q in res.quotes if q.kind == "direct")
    assert q.event_ids and set(q.event_ids) <= {e.id for e in res.events}
    actor = speaker_for_offset(res.quotes, text.index("Our"))
    assert (actor.country, actor.sector, actor.name) == ("RUS", "GOV", "Sergey Lavrov")
    assert speaker_for_offset(res.quotes, text.index("said")) is None


def test_quotes_off():
    (res,) = code("“We are ready,” Lavrov said.", config=Config(quotes=False))
    assert res.quotes == [] and res.claims == []


# --------------------------------------------------------------------------- bad input

def test_unbalanced_marks_do_not_crash():
    for text in ["“Never closed, he said.", "closed” only. And “another", "\"\"\"\"\"", "“”“”", "\" x \" y \" z",
                 "“a\n\nb\n\n“c", "”" * 500 + "“" * 500]:
        res = code(text)[0]
        for q in res.quotes:
            assert 0 <= q.char_start <= q.char_end <= len(text)


def test_a_five_thousand_word_quote():
    body = " ".join(["word"] * 5000)
    text = f"“{body}.” the spokesman said. The army said 3,000 troops left."
    (res,) = code(text)
    long = [q for q in res.quotes if q.kind == "direct"]
    assert len(long) == 1 and len(long[0].text.split()) == 5000 and long[0].speaker.text == "the spokesman"
    assert [c.value for c in res.claims] == [3000]


def test_nested_quotes():
    assert [(t.start, t.end) for t in quoted_spans("“He said “no” twice,” she said.")] == [(1, 20)]
    q = only("“They told us “leave now”, and we left,” a resident said.", "direct")
    assert q.text == "They told us “leave now”, and we left," and q.speaker.text == "a resident"
    # straight marks cannot nest: no crash, every offset in range
    text = "\"He said \"no\" twice,\" she said."
    for q in code(text)[0].quotes:
        assert text[q.char_start:q.char_end] == q.text


# --------------------------------------------------------------------------- pronoun hooks

def _sentences(text: str) -> list[Sentence]:
    from eventwire.nlp import split_sentences

    return [Sentence("d", i, text[s.start:s.end], s.start, s.end) for i, s in enumerate(split_sentences(text))]


@pytest.mark.parametrize("text, pronoun, expected", [
    ("North Korea fired a missile on Monday. It said the test was a success.", "It", "PRK"),
    ("Russia and China held talks. They agreed to meet again. It said nothing more.", "It", None),   # ambiguous
    ("The weather was fine. It rained later.", "It", None),                                          # nothing to refer to
    ("Police officers arrived at noon. They arrested two men.", "They", "COP"),
    ("Sergey Lavrov met his counterpart. He said talks were useful.", "He", "RUS"),
])
def test_antecedent_for(text, pronoun, expected):
    sents = _sentences(text)
    off = text.rindex(pronoun)
    got = antecedent_for(text, sents, off, pronoun, default_dictionary(), load_quote_lexicon())
    assert (got.country or got.sector if got else None) == expected
    if got is not None:
        assert text[got.char_start:got.char_end] == got.text


def test_antecedent_for_ignores_pronouns_inside_direct_quotes():
    text = "Russia sent aid. “It will continue,” Lavrov said."
    (res,) = code(text)
    off = text.index("It")
    assert antecedent_for(text, _sentences(text), off, "It", default_dictionary(), load_quote_lexicon(),
                          quotes=res.quotes) is None


# --------------------------------------------------------------------------- word lists

def test_user_word_lists_extend_ours(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("cue_verbs:\n  - grumble\n  - opine\ndirect_only: [opine]\n", encoding="utf-8")
    lex = load_quote_lexicon((str(extra),))
    assert lex.cue("grumbled") == "grumble" and lex.cue("said") == "say" and "opine" in lex.direct_only
    nums = tmp_path / "nums.yaml"
    nums.write_text("number_words:\n  a gross: 144\nmeasure_units: [furlongs]\n", encoding="utf-8")
    nlex = load_number_lexicon((str(nums),))
    assert nlex.number_words["a gross"] == 144 and "furlongs" in nlex.lists["measure_units"]


@pytest.mark.parametrize("body, line, message", [
    ("cue_verbs:\n  - say\nspeakr_stop: [on]\n", 3, "unknown key"),
    ("direct_only: think\n", 1, "expected a list"),
    ("cue_verbs:\n  - [1, 2]\n", 1, "expected a verb"),
])
def test_bad_quote_word_list_names_file_and_line(tmp_path, body, line, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"bad.yaml:{line}: .*{message}"):
        load_quote_lexicon((str(bad),))


def test_bad_number_word_list_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("scales:\n  lots: many\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.yaml:2: lots: scales: expected a non-negative number"):
        load_number_lexicon((str(bad),))
