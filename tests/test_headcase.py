"""Title Case headlines are parsed in sentence case (eventwire/headcase.py).  Every headline
here was written for this file."""
from __future__ import annotations

import pytest

from eventwire.headcase import is_title_case, restore, sentence_case
from eventwire.model import Actor, Mention


@pytest.mark.parametrize("text", [
    "Kenya Deploys Police Officers to Haiti",
    "Chad Expels French Ambassador Over Remarks",
    "Protesters Clash With Police in Lusaka",
])
def test_title_case_headlines_are_recognised(text):
    assert is_title_case(text)


@pytest.mark.parametrize("text", [
    "Kenya deployed police officers to Haiti.",               # a sentence
    "Kenya Deploys Police Officers to Haiti.",                # ends with a full stop
    "KENYA DEPLOYS POLICE OFFICERS TO HAITI",                 # all capitals
    "Kenyan police deployed to Haiti",                        # a headline in sentence case
    "Ruto in Haiti",                                          # too short to tell
])
def test_other_text_is_no_title_case_headline(text):
    assert not is_title_case(text)


def test_sentence_case_lowers_common_words_and_keeps_names():
    text = "Chad Expels French Ambassador Over Remarks by Prime Minister"
    out = sentence_case(text)
    assert len(out) == len(text)
    assert out == "Chad expels French ambassador over remarks by prime minister"
    # a country that is also a common word, a multiword name and the first word keep their capitals
    assert sentence_case("Turkey Detains Islamic State Members in Georgia") == \
        "Turkey detains Islamic State members in Georgia"
    # any other text is returned as it is
    assert sentence_case("Chad expelled the French ambassador.") == "Chad expelled the French ambassador."


def test_restore_puts_the_headlines_spelling_back():
    text = "Chad Expels French Ambassador"
    m = Mention(event_type="SANCTION", trigger="expels", trigger_start=105, trigger_end=111, rules=["r"],
                source=[Actor(text="Chad", char_start=100, char_end=104)],
                target=[Actor(text="French ambassador", char_start=112, char_end=129),
                        Actor(text="implicit", char_start=None, char_end=None)])
    restore([m], text, 100)
    assert m.trigger == "Expels"
    assert [a.text for a in m.target] == ["French Ambassador", "implicit"]


def test_a_title_case_headline_is_coded_as_its_sentence_case_form():
    from eventwire.nlp import parse
    from eventwire.pipeline import Config, get_pipeline

    pipe = get_pipeline(Config(type_model=False, role_model=False))
    text = "Zambia Deploys Police Officers to Malawi Border"
    doc = next(parse([text]))
    assert doc.text == "Zambia deploys police officers to Malawi border"
    ms = pipe.coder.code_context(pipe.coder.context(doc, 0, text))
    restore(ms, text, 0)
    assert [(m.event_type, m.trigger, [a.country for a in m.source]) for m in ms] == [("MOBILIZE", "Deploys", ["ZMB"])]


def test_a_recaser_reads_the_names_it_is_given():
    from eventwire.headcase import Recaser

    class Names:   # a dictionary that knows "Grain Corridor" as a name
        def spans(self, text):
            at = text.find("Grain Corridor")
            return [(at, at + len("Grain Corridor"), "name")] if at >= 0 else []

    recase = Recaser(actors=Names())
    assert recase("Kenya Backs Grain Corridor Deal") == "Kenya backs Grain Corridor deal"
    assert recase("Kenya backed the deal.") == "Kenya backed the deal."


def test_the_pipeline_parses_with_its_own_recaser():
    from eventwire.headcase import Recaser
    from eventwire.pipeline import Config, get_pipeline

    pipe = get_pipeline(Config(type_model=False, role_model=False))
    recase = pipe.parse.keywords["recase"]
    assert isinstance(recase, Recaser) and recase.actors is pipe.actors and recase.lexicon is pipe.lexicon
    assert next(pipe.parse(["Zambia Deploys Police Officers to Malawi Border"])).text == \
        "Zambia deploys police officers to Malawi border"
