"""The coding stage alone (rules, no sentence model, no learned role model) on invented sentences.

Every sentence here was written for this file.  Cases come in families: each of the 16
PLOVER types in several wordings, then the grammar the coder has to get right whatever
the type (passive voice, control chains, offers vs deeds, compound actors, prepositional
targets, reported speech, negation, hypotheticals, possessive noun triggers), and the
provenance of what it reports (trigger and actor char offsets).

An actor is written ``"USA"`` (country), ``"USA:GOV"`` (country and sector), ``":GOV"``
(sector, no country) or ``None`` (no country, any sector).  Assertions are strict: the
expected type fires exactly once with exactly these sources and targets, no other type
fires (unless listed in ``also``), and the flags (negation, modality, attribution) hold.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import pytest

from eventwire.model import EVENT_TYPES, Actor, Mention
from eventwire.nlp import load_model
from eventwire.pipeline import Config, get_pipeline


@pytest.fixture(scope="module")
def code():
    """``code(text, offset=0) -> list[Mention]`` with the rules alone."""
    pipe = get_pipeline(Config(type_model=False, role_model=False))
    nlp = load_model()

    def _code(text: str, offset: int = 0) -> list[Mention]:
        return pipe.coder.code(nlp(text), offset=offset)

    return _code


@dataclass
class Case:
    text: str
    event: str
    source: list
    target: list
    negated: bool = False
    modality: str = "asserted"
    attribution: Optional[str] = None    # a substring of the attribution's text
    mode: Optional[str] = None
    trigger: Optional[str] = None
    also: set = field(default_factory=set)   # other event types the sentence may yield


def _matches(actor: Actor, spec: Optional[str]) -> bool:
    if spec is None:
        return actor.country is None
    country, _, sector = spec.partition(":")
    return actor.country == (country or None) and (not sector or actor.sector == sector)


def _fmt(m: Mention) -> str:
    def acts(xs):
        return [f"{a.text}={a.country}:{a.sector}" for a in xs]

    att = m.attribution.text if m.attribution else None
    return (f"{m.event_type} {acts(m.source)} -> {acts(m.target)} trigger={m.trigger!r} neg={m.negated} "
            f"modality={m.modality} attribution={att!r} mode={m.mode} rules={m.rules}")


def check(code, case: Case) -> Mention:
    mentions = code(case.text)
    got = "\n  ".join(_fmt(m) for m in mentions) or "(no mention)"
    allowed = {case.event} | set(case.also)
    assert {m.event_type for m in mentions} <= allowed, f"unexpected types:\n  {got}"
    hits = [m for m in mentions if m.event_type == case.event
            and len(m.source) == len(case.source) and all(map(_matches, m.source, case.source))]
    assert len(hits) == 1, f"want one {case.event} from {case.source}, got:\n  {got}"
    m = hits[0]
    assert len(m.target) == len(case.target) and all(map(_matches, m.target, case.target)), \
        f"want target {case.target}, got:\n  {got}"
    assert m.negated is case.negated, got
    assert m.modality == case.modality, got
    if case.attribution is None:
        assert m.attribution is None, got
    else:
        assert m.attribution is not None and case.attribution in m.attribution.text, got
    if case.mode is not None:
        assert m.mode == case.mode, got
    if case.trigger is not None:
        assert m.trigger == case.trigger, got
    return m


def _params(cases: list[Case]):
    return [pytest.param(c, id=c.text[:48]) for c in cases]


# --------------------------------------------------------------------------- the 16 types

TYPES: list[Case] = [
    # AGREE
    # a reciprocal act of a coordinated subject is a dyad, first party to last (cues.yaml reciprocal_events)
    Case("Japan and Australia agreed to hold joint naval drills next month.", "AGREE", ["JPN"], ["AUS"],
         modality="intended", trigger="agreed"),
    # a concluded agreement is SUPPORT (PLOVER codes signing/concluding agreements there; promising is AGREE)
    Case("Greece and Turkey reached a deal on fishing rights.", "SUPPORT", ["GRC"], ["TUR"]),
    Case("Vietnam promised Laos that it would reopen the border crossing.", "AGREE", ["VNM"], ["LAO"],
         modality="intended"),
    # signing an agreement is SUPPORT in PLOVER ("signing/ratifying an agreement"); promising to is AGREE
    Case("Chile signed a trade agreement with Peru on Friday.", "SUPPORT", ["CHL"], ["PER"]),
    Case("India agreed to supply vaccines to Nepal.", "AGREE", ["IND"], ["NPL"], modality="intended"),
    # CONSULT
    Case("The president of Brazil met with the Argentine president in Buenos Aires.", "CONSULT",
         ["BRA:GOV"], ["ARG:GOV"], trigger="met"),
    Case("Finland's prime minister visited Estonia on Tuesday.", "CONSULT", ["FIN:GOV"], ["EST"], mode="visit"),
    Case("China and Japan held talks on maritime security.", "CONSULT", ["CHN"], ["JPN"]),
    Case("The Indian foreign minister spoke with his Pakistani counterpart by phone.", "CONSULT",
         ["IND:GOV"], ["PAK:GOV"], mode="phone"),
    Case("Mexico received the Guatemalan president.", "CONSULT", ["MEX"], ["GTM:GOV"], mode="visit"),
    Case("The Indonesian president welcomed the Australian prime minister.", "CONSULT",
         ["IDN:GOV"], ["AUS:GOV"]),
    # SUPPORT
    Case("France praised Morocco for its role in the talks.", "SUPPORT", ["FRA"], ["MAR"]),
    Case("Poland expressed support for Lithuania.", "SUPPORT", ["POL"], ["LTU"]),
    Case("Spain recognized Palestine as a state.", "SUPPORT", ["ESP"], ["PSE"]),
    Case("Italy endorsed Albania's application.", "SUPPORT", ["ITA"], ["ALB"]),
    # CONCEDE
    Case("Serbia apologized to Croatia for the incident.", "CONCEDE", ["SRB"], ["HRV"]),
    Case("Japan apologized to South Korea for wartime abuses.", "CONCEDE", ["JPN"], ["KOR"]),
    # COOPERATE
    Case("Colombia cooperated with Ecuador on border security.", "COOPERATE", ["COL"], ["ECU"]),
    Case("Mongolia worked with Russia on the railway.", "COOPERATE", ["MNG"], ["RUS"]),
    # a prisoner swap frees captives: RETREAT (release) in PLOVER
    Case("Colombia and Venezuela exchanged prisoners.", "RETREAT", ["COL", "VEN"], []),
    # PLOVER: cooperation reported as a future intention is AGREE (modality stays "future")
    Case("Russia and Belarus will hold joint military exercises.", "AGREE", ["RUS"], ["BLR"],
         modality="future"),
    # AID
    Case("Germany delivered aid to Ukraine.", "AID", ["DEU"], ["UKR"], trigger="delivered"),
    Case("Norway sent humanitarian aid to Sudan.", "AID", ["NOR"], ["SDN"], mode="humanitarian"),
    Case("France provided military assistance to Chad.", "AID", ["FRA"], ["TCD"], mode="military"),
    Case("The United States provided $50 million in humanitarian assistance to Yemen.", "AID", ["USA"], ["YEM"]),
    # asylum and peacekeeping are AID in PLOVER (CAMEO 075, 074)
    Case("Canada accepted 2,000 Syrian refugees last year.", "AID", ["CAN"], ["SYR:REF"], trigger="accepted"),
    Case("Uganda opened its borders to refugees from South Sudan.", "AID", ["UGA"], [":REF"], trigger="opened"),
    Case("Ghanaian peacekeepers arrived in Mali on Monday.", "AID", ["GHA"], [], mode="military",
         trigger="peacekeepers"),
    # RETREAT
    Case("Iran freed two French citizens on Monday.", "RETREAT", ["IRN"], ["FRA:CVL"], mode="release"),
    Case("Armenia released Azerbaijani soldiers.", "RETREAT", ["ARM"], ["AZE:MIL"], mode="release"),
    Case("Ecuador freed a Peruvian journalist.", "RETREAT", ["ECU"], ["PER:JRN"]),
    Case("The rebels released the Nigerian hostages.", "RETREAT", [":REB"], ["NGA"]),
    # a hyphenated object split by the tokenizer still matches ("cease-fire")
    Case("Colombia announced a unilateral cease-fire on Sunday.", "RETREAT", ["COL"], [], mode="ceasefire",
         trigger="announced"),
    # "followers of" a named leader are people the release is about
    Case("Niger released six followers of opposition leader Moussa Tandja.", "RETREAT", ["NER"], [None],
         mode="release"),
    # REQUEST
    Case("Ukraine asked Germany for more air defense systems.", "REQUEST", ["UKR"], ["DEU"]),
    Case("The European Union urged Serbia to release the detained journalists.", "REQUEST", ["EUR"], ["SRB"],
         trigger="urged"),
    Case("The Philippines urged China to stop harassing its ships.", "REQUEST", ["PHL"], ["CHN"]),
    Case("Iraq called for the withdrawal of Turkish troops.", "REQUEST", ["IRQ"], ["TUR:MIL"]),
    # ACCUSE
    Case("Ukraine accused Russia of shelling the port.", "ACCUSE", ["UKR"], ["RUS"], trigger="accused"),
    Case("China criticized Japan over the release of treated water.", "ACCUSE", ["CHN"], ["JPN"]),
    Case("Armenia blamed Azerbaijan for the border clash.", "ACCUSE", ["ARM"], ["AZE"]),
    # a thing named by its owner's code stands for the owner: the decision of a U.S. court
    Case("Iran condemned a U.S. Supreme Court decision.", "ACCUSE", ["IRN"], ["USA:JUD"]),
    # a verbal attack is criticism, not violence
    Case("Brazil's president launched a scathing attack on Argentina's government.", "ACCUSE",
         ["BRA:GOV"], ["ARG:GOV"], mode="disapprove", trigger="launched"),
    Case("Venezuela condemned the United States for the seizure of its plane.", "ACCUSE", ["VEN"], ["USA"]),
    Case("Gambia filed a lawsuit against Myanmar at the International Court of Justice.", "ACCUSE",
         ["GMB"], ["MMR"]),
    Case("Moldova accused Russia of interfering in its election.", "ACCUSE", ["MDA"], ["RUS"]),
    # REJECT
    Case("Hungary rejected the proposal from Brussels.", "REJECT", ["HUN"], ["EUR"]),
    Case("Tajikistan denied the allegations by Kyrgyzstan.", "REJECT", ["TJK"], ["KGZ"]),
    Case("Poland rejected Germany's request.", "REJECT", ["POL"], ["DEU"]),
    Case("Kosovo rejected the demands of Serbia.", "REJECT", ["KOS"], ["SRB"]),
    Case("North Korea turned down an offer of talks from South Korea.", "REJECT", ["PRK"], ["KOR"]),
    # THREATEN
    Case("Russia warned Finland against joining the alliance.", "THREATEN", ["RUS"], ["FIN"]),
    Case("Iran threatened Israel with retaliation.", "THREATEN", ["IRN"], ["ISR"]),
    Case("Turkey gave Sweden an ultimatum.", "THREATEN", ["TUR"], ["SWE"]),
    Case("North Korea threatened the United States with nuclear strikes.", "THREATEN", ["PRK"], ["USA"]),
    # PROTEST
    Case("Thousands of Armenians protested against the government in Yerevan.", "PROTEST", ["ARM"], [":GOV"],
         mode="demo"),
    Case("Farmers protested against the European Union in Brussels.", "PROTEST", [":AGR"], ["EUR"]),
    Case("Students staged a protest against Serbia's president.", "PROTEST", [":EDU"], ["SRB:GOV"]),
    Case("Thousands of Serbians rallied against the government.", "PROTEST", ["SRB"], [":GOV"]),
    # SANCTION
    Case("Japan imposed new sanctions against North Korea.", "SANCTION", ["JPN"], ["PRK"]),
    Case("The United States sanctioned Russian officials.", "SANCTION", ["USA"], ["RUS:GOV"]),
    Case("Britain expelled a Russian diplomat.", "SANCTION", ["GBR"], ["RUS:GOV"]),
    Case("Australia suspended aid to Myanmar.", "SANCTION", ["AUS"], ["MMR"]),
    Case("The United States imposed tariffs against China.", "SANCTION", ["USA"], ["CHN"]),
    # MOBILIZE
    Case("North Korea test-fired a ballistic missile.", "MOBILIZE", ["PRK"], [], mode="weapons"),
    Case("Iran tested a new missile.", "MOBILIZE", ["IRN"], [], mode="weapons"),
    Case("North Korea launched a ballistic missile.", "MOBILIZE", ["PRK"], []),
    # COERCE
    Case("Iran detained a British journalist.", "COERCE", ["IRN"], ["GBR:JRN"], mode="arrest"),
    Case("Belarus banned Polish newspapers.", "COERCE", ["BLR"], ["POL"], mode="censor"),
    Case("Russia arrested an American journalist.", "COERCE", ["RUS"], ["USA:JRN"]),
    Case("Venezuela arrested Colombian soldiers.", "COERCE", ["VEN"], ["COL:MIL"]),
    Case("Russian police arrested dozens of protesters in Moscow.", "COERCE", ["RUS:COP"], [None]),
    # the place of a restriction names whom it falls on (cues.yaml located_target_events)
    Case("The Georgian government imposed a curfew in Tbilisi.", "COERCE", ["GEO:GOV"], ["GEO"], mode="restrict"),
    # ASSAULT
    Case("Israeli jets bombed Gaza.", "ASSAULT", ["ISR:MIL"], ["PSE"], mode="aerial"),
    Case("Russia attacked Ukraine.", "ASSAULT", ["RUS"], ["UKR"]),
    Case("Al-Shabaab fighters ambushed Kenyan troops.", "ASSAULT", ["SOM:REB"], ["KEN:MIL"]),
    Case("Israel attacked Hezbollah in Lebanon.", "ASSAULT", ["ISR"], ["LBN"]),
    Case("Militants killed five Nigerian soldiers.", "ASSAULT", [":REB"], ["NGA:MIL"]),
    Case("Sudanese paramilitaries attacked Chadian refugees.", "ASSAULT", ["SDN"], ["TCD:REF"]),
]


@pytest.mark.parametrize("case", _params(TYPES))
def test_event_types(code, case):
    check(code, case)


def test_every_plover_type_has_two_wordings():
    counts = {t: sum(c.event == t for c in TYPES) for t in EVENT_TYPES}
    assert all(n >= 2 for n in counts.values()), counts


# --------------------------------------------------------------------------- active vs passive

PASSIVE: list[Case] = [
    Case("Aid was delivered to Haiti by Canada.", "AID", ["CAN"], ["HTI"], trigger="delivered"),
    Case("Food supplies were sent to Gaza by Egypt.", "AID", ["EGY"], ["PSE"]),
    Case("Two Kenyan aid workers were abducted by Al-Shabaab fighters.", "ASSAULT", ["SOM:REB"], ["KEN"],
         mode="abduct"),
    Case("The Russian ambassador was expelled by Poland.", "SANCTION", ["POL"], ["RUS:GOV"]),
    Case("Ukraine was attacked by Russia overnight.", "ASSAULT", ["RUS"], ["UKR"]),
]


@pytest.mark.parametrize("case", _params(PASSIVE))
def test_passive_voice(code, case):
    check(code, case)


@pytest.mark.parametrize("active, passive", [
    ("Canada delivered aid to Haiti.", "Aid was delivered to Haiti by Canada."),
    ("Russia attacked Ukraine.", "Ukraine was attacked by Russia overnight."),
    ("Poland expelled the Russian ambassador.", "The Russian ambassador was expelled by Poland."),
])
def test_active_and_passive_agree(code, active, passive):
    def key(ms):
        return [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in ms]

    assert key(code(active)) == key(code(passive))


# --------------------------------------------------------------------------- control chains

CONTROL: list[Case] = [
    Case("Turkey is ready to help Syria.", "AGREE", ["TUR"], ["SYR"], modality="intended", trigger="help"),
    Case("Germany is willing to meet with China.", "AGREE", ["DEU"], ["CHN"], modality="intended"),
    Case("Japan offered to assist Indonesia.", "AGREE", ["JPN"], ["IDN"], modality="intended"),
    Case("Kazakhstan agreed to cooperate with Uzbekistan on water management.", "AGREE", ["KAZ"], ["UZB"],
         modality="intended"),
    # targets of mediation "between X and Y" are both sides (issue 13; ANNOTATION.md: mediation is CONSULT,
    # an intended CONSULT is AGREE)
    Case("Turkey is willing to mediate between Russia and Ukraine.", "AGREE", ["TUR"], ["RUS", "UKR"],
         modality="intended"),
    Case("South Korea and the United States agreed to expand joint military exercises.", "AGREE",
         ["KOR"], ["USA"], modality="intended"),
    # a conflictual deed under a vow is a threat, not an agreement
    Case("Iran vowed to attack Israel.", "THREATEN", ["IRN"], ["ISR"], modality="intended"),
    Case("Belgium refused to extradite the suspect to Morocco.", "REJECT", ["BEL"], ["MAR"]),
    Case("Iran refused to meet with American negotiators.", "REJECT", ["IRN"], ["USA:GOV"], mode="meet"),
]


@pytest.mark.parametrize("case", _params(CONTROL))
def test_control_chains(code, case):
    check(code, case)


# --------------------------------------------------------------------------- offers vs deeds

@pytest.mark.parametrize("offer, deed, src, tgt", [
    ("Jordan and Britain pledged aid to Lebanon.", "Jordan and Britain delivered aid to Lebanon.",
     ["JOR", "GBR"], ["LBN"]),
    ("Norway promised humanitarian aid to Sudan.", "Norway sent humanitarian aid to Sudan.", ["NOR"], ["SDN"]),
    ("France offered military assistance to Chad.", "France provided military assistance to Chad.",
     ["FRA"], ["TCD"]),
    ("Germany pledged aid to Ukraine.", "Germany delivered aid to Ukraine.", ["DEU"], ["UKR"]),
])
def test_offer_is_agree_and_deed_is_aid(code, offer, deed, src, tgt):
    check(code, Case(offer, "AGREE", src, tgt, modality="intended"))
    check(code, Case(deed, "AID", src, tgt))


# --------------------------------------------------------------------------- compound actors

COMPOUND: list[Case] = [
    Case("Jordan and Britain pledged food aid to Lebanon.", "AGREE", ["JOR", "GBR"], ["LBN"], modality="intended"),
    Case("Germany, France and Italy condemned Iran.", "ACCUSE", ["DEU", "FRA", "ITA"], ["IRN"]),
    Case("Russia and China vetoed the resolution.", "REJECT", ["RUS", "CHN"], []),   # not reciprocal: two sources
    Case("Russia and China praised the resolution.", "SUPPORT", ["RUS", "CHN"], []),
    Case("Japan and South Korea held talks with the United States.", "CONSULT", ["JPN", "KOR"], ["USA"]),
    Case("Germany and France will coordinate with Italy on migration.", "AGREE", ["DEU", "FRA"], ["ITA"],
         modality="future"),
]


@pytest.mark.parametrize("case", _params(COMPOUND))
def test_compound_actors(code, case):
    check(code, case)


def test_compound_actor_spans_are_separate(code):
    text = "Jordan and Britain pledged food aid to Lebanon."
    (m,) = code(text)
    assert [a.text for a in m.source] == ["Jordan", "Britain"]
    assert [text[a.char_start:a.char_end] for a in m.source] == ["Jordan", "Britain"]


# --------------------------------------------------------------------------- prepositional targets

PREP_TARGETS: list[Case] = [
    Case("Nepal requested aid from the World Bank.", "REQUEST", ["NPL"], ["IGO"], mode="assist"),
    Case("Ghana requested assistance from the International Monetary Fund.", "REQUEST", ["GHA"], ["IGO"]),
    Case("Lebanon appealed to the United Nations for help.", "REQUEST", ["LBN"], ["UNO"]),
    Case("Israel denied the accusation from Egypt.", "REJECT", ["ISR"], ["EGY"]),
    Case("Serbia apologized to Croatia for the incident.", "CONCEDE", ["SRB"], ["HRV"]),
    Case("Colombia cooperated with Ecuador on border security.", "COOPERATE", ["COL"], ["ECU"]),
]


@pytest.mark.parametrize("case", _params(PREP_TARGETS))
def test_prepositional_targets(code, case):
    check(code, case)


# --------------------------------------------------------------------------- reported speech

REPORTED: list[Case] = [
    Case("Lavrov said Russia is ready to help North Korea.", "AGREE", ["RUS"], ["PRK"], modality="intended",
         attribution="Lavrov"),
    Case("Russia is ready to help Syria, Lavrov said.", "AGREE", ["RUS"], ["SYR"], modality="intended",
         attribution="Lavrov"),
    Case("The Japanese prime minister told reporters that Japan will provide aid to the Philippines.", "AGREE",
         ["JPN"], ["PHL"], modality="future", attribution="Japanese prime minister"),
    Case("According to state media, North Korea threatened to attack South Korea.", "THREATEN", ["PRK"], ["KOR"],
         attribution="state media", mode="violence"),
    Case("A spokesman for the Chinese foreign ministry said China opposed the new sanctions.", "REJECT",
         ["CHN"], [], attribution="spokesman"),
    # both sides of "mediate between X and Y" are targets (issue 13; see the Turkey case above)
    Case("The Saudi foreign minister said Riyadh is willing to mediate between Sudan and Chad.", "AGREE",
         ["SAU"], ["SDN", "TCD"], modality="intended", attribution="Saudi foreign minister"),
]


@pytest.mark.parametrize("case", _params(REPORTED))
def test_reported_speech(code, case):
    check(code, case)


def test_reported_speech_source_is_the_embedded_subject_not_the_speaker(code):
    text = "Kenya's foreign minister said Kenya would send aid to Somalia."
    (m,) = code(text)
    # a reported future act of aid is AGREE in PLOVER; its doer is still the embedded subject
    assert (m.event_type, [a.country for a in m.source], [a.country for a in m.target]) == ("AGREE", ["KEN"], ["SOM"])
    assert m.source[0].text == "Kenya" and m.source[0].char_start == text.index("Kenya would")
    assert m.attribution is not None and m.attribution.text == "Kenya's foreign minister"
    assert text[m.attribution.char_start:m.attribution.char_end] == m.attribution.text


# --------------------------------------------------------------------------- negation

NEGATED: list[Case] = [
    Case("Iran did not respond to France's request.", "AGREE", ["IRN"], ["FRA"], negated=True, trigger="respond"),
    Case("Serbia has not agreed to Kosovo's plan.", "AGREE", ["SRB"], ["KOS"], negated=True),
    Case("Israel has not agreed to a ceasefire with Hamas.", "AGREE", ["ISR"], ["PSE"], negated=True),
    Case("Pakistan never accepted India's offer of aid.", "AGREE", ["PAK"], ["IND"], negated=True),
    Case("Iraq failed to deliver the promised oil to Jordan.", "AID", ["IRQ"], ["JOR"], negated=True),
]


@pytest.mark.parametrize("case", _params(NEGATED))
def test_negation(code, case):
    check(code, case)


@pytest.mark.parametrize("text", [
    "Iran responded to France's request.",
    "Serbia agreed to Kosovo's plan.",
    "Iraq delivered the promised oil to Jordan.",
])
def test_affirmative_counterparts_are_not_negated(code, text):
    ms = code(text)
    assert ms and not any(m.negated for m in ms), [_fmt(m) for m in ms]


# --------------------------------------------------------------------------- hypotheticals

HYPOTHETICAL: list[Case] = [
    Case("The United States could impose sanctions against Turkey if it buys the missiles.", "SANCTION",
         ["USA"], ["TUR"], modality="hypothetical"),
    Case("Israel would attack Iran if it builds a nuclear weapon.", "ASSAULT", ["ISR"], ["IRN"],
         modality="hypothetical"),
    Case("If Serbia recognizes Kosovo, the European Union may lift its sanctions.", "SUPPORT", ["SRB"], ["KOS"],
         modality="hypothetical", also={"CONCEDE"}),
    Case("If Serbia recognizes Kosovo, the European Union may lift its sanctions.", "CONCEDE", ["EUR"], [],
         modality="hypothetical", also={"SUPPORT"}),
    Case("Hungary may veto the aid package.", "REJECT", ["HUN"], [], modality="hypothetical"),
]


@pytest.mark.parametrize("case", _params(HYPOTHETICAL))
def test_hypothetical(code, case):
    check(code, case)


def test_hypothetical_lowers_confidence(code):
    (sure,) = code("The United States imposed sanctions against Turkey.")
    (maybe,) = code("The United States could impose sanctions against Turkey if it buys the missiles.")
    assert maybe.confidence < sure.confidence


# --------------------------------------------------------------------------- possessive noun triggers

POSSESSIVE: list[Case] = [
    Case("Egypt's refusal to open the crossing angered Israel.", "REJECT", ["EGY"], [], trigger="refusal"),
    Case("Iran's threat against Israel alarmed Washington.", "THREATEN", ["IRN"], ["ISR"], trigger="threat"),
]


@pytest.mark.parametrize("case", _params(POSSESSIVE))
def test_possessive_noun_triggers(code, case):
    check(code, case)


# --------------------------------------------------------------------------- sentences without events

@pytest.mark.parametrize("text", [
    "The weather in Oslo was mild for the season.",
    "Wheat futures closed slightly higher in Chicago.",
    "The committee will publish its annual report in May.",
])
def test_no_event(code, text):
    assert code(text) == []


# --------------------------------------------------------------------------- provenance

ALL = TYPES + PASSIVE + CONTROL + COMPOUND + PREP_TARGETS + REPORTED + NEGATED + HYPOTHETICAL + POSSESSIVE
PREFIX = "Lead paragraph of an invented wire report.\n\n"


@pytest.mark.parametrize("case", _params(ALL))
def test_offsets_point_into_the_article(code, case):
    """With the sentence at an offset in an article, every reported span is that article's text."""
    article = PREFIX + case.text
    mentions = code(case.text, offset=len(PREFIX))
    assert mentions
    for m in mentions:
        assert article[m.trigger_start:m.trigger_end] == m.trigger
        assert m.trigger_end - m.trigger_start == len(m.trigger) > 0
        actors = m.source + m.target + ([m.attribution] if m.attribution else [])
        for a in actors:
            assert a.char_start is not None and a.char_end is not None, a
            assert article[a.char_start:a.char_end] == a.text, a
            assert len(PREFIX) <= a.char_start < a.char_end <= len(article)


def test_trigger_offsets_at_sentence_start(code):
    text = "Germany delivered aid to Ukraine."
    (m,) = code(text)
    assert (m.trigger, m.trigger_start, m.trigger_end) == ("delivered", 8, 17)
    assert [(a.text, a.char_start, a.char_end) for a in m.source] == [("Germany", 0, 7)]
    assert [(a.text, a.char_start, a.char_end) for a in m.target] == [("Ukraine", 25, 32)]


def test_mentions_are_typed_and_ordered(code):
    ms = code("Mali ordered French troops to leave, and France withdrew its soldiers from Mali.")
    assert [m.event_type for m in ms] == ["REQUEST", "RETREAT"]
    assert [m.trigger_start for m in ms] == sorted(m.trigger_start for m in ms)
    for m in ms:
        assert isinstance(m, Mention) and m.event_type in EVENT_TYPES
        assert 0.05 <= m.confidence <= 0.99
        assert m.rules and all(m.rules)


@pytest.mark.parametrize("text, source, target", [
    ("Kenya's foreign minister said Somalia should withdraw its troops from the border.", "KEN", "SOM"),
    ("The United States said on Friday that Iran must free the detained sailors.", "USA", "IRN"),
    ("Germany's chancellor told reporters the Serbian government must recognise the court's ruling.", "DEU", "SRB"),
])
def test_reported_demand_is_a_request_by_the_speaker(code, text, source, target):
    ms = code(text)
    req = [m for m in ms if m.rules == ["request.must"]]
    assert len(req) == 1, [(m.event_type, m.rules) for m in ms]
    assert req[0].event_type == "REQUEST"
    assert [a.country for a in req[0].source] == [source]
    assert [a.country for a in req[0].target] == [target]
    # the demanded act itself is not coded as if it had happened
    assert not [m for m in ms if m.trigger_start > req[0].trigger_start and m.event_type != "REQUEST"]


@pytest.mark.parametrize("text", [
    "Officials said Pyongyang did not respond to offers of aid.",          # no modal
    "Analysts said the talks should not be expected to produce a deal.",   # negated, no actor demanded of
])
def test_no_reported_demand_without_a_positive_modal(code, text):
    assert not [m for m in code(text) if m.rules == ["request.must"]]


@pytest.mark.parametrize("text, rule_id, event", [
    ("Serbia said it would not withdraw its troops from the border.", "future.reject", "REJECT"),
    ("Clinton said he will not lift the embargo on Cuba.", "future.reject", "REJECT"),
    ("India will send medical teams to Nepal.", "future.agree", "AGREE"),
    ("Venezuela's opposition parties said they would boycott the presidential election.", "future.threaten",
     "THREATEN"),
    ("Canada will impose sanctions on Iranian officials.", "future.threaten", "THREATEN"),
])
def test_plover_conventions_for_future_acts(code, text, rule_id, event):
    (m,) = [m for m in code(text) if m.rules[-1] == rule_id]
    assert m.event_type == event and m.modality == "future" and not m.negated


def test_a_future_conflictual_act_keeps_what_is_threatened_as_mode(code):
    (m,) = [m for m in code("Canada will impose sanctions on Iranian officials.") if m.event_type == "THREATEN"]
    assert m.mode == "relations" and [a.country for a in m.source] == ["CAN"]


def test_a_refused_conflictual_act_is_not_a_threat(code):
    assert not [m for m in code("Canada will not impose sanctions on Iran.") if m.event_type == "THREATEN"]


def test_until_clause_is_not_a_reported_act(code):
    ms = code("Clinton has said he will not lift the embargo until Vietnam helps.")
    assert [m.modality for m in ms if m.event_type == "AID"] in ([], ["hypothetical"])


def test_a_relative_clause_gives_background_not_the_main_event(code):
    """'... who face charges': the release is what the sentence reports; the charges are
    background, less sure than the same words in a main clause."""
    ms = code("Kenya freed two Ugandan journalists who face charges of espionage.")
    top = max(ms, key=lambda m: m.confidence)
    assert top.event_type == "RETREAT" and top.trigger == "freed", ms
    (rel,) = [m for m in ms if m.event_type == "ACCUSE"]
    (main,) = [m for m in code("Two Ugandan journalists face charges of espionage.") if m.event_type == "ACCUSE"]
    assert rel.confidence < main.confidence


# --------------------------------------------------------------------------- user cue files

def _user_lexicon(tmp_path, text: str) -> str:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_user_lexicon_file_extends_the_cues(tmp_path):
    """``cues:`` in a user lexicon file adds words to cues.yaml's lists: "hardly" negates."""
    nlp = load_model()
    text = "Russia hardly attacked Ukraine on Monday."
    default = get_pipeline(Config(type_model=False, role_model=False)).coder.code(nlp(text))
    assert [(m.event_type, m.negated) for m in default] == [("ASSAULT", False)]
    path = _user_lexicon(tmp_path, "# my additions\ncues:\n  negation_words: [hardly, scarcely]\n")
    pipe = get_pipeline(Config(type_model=False, role_model=False, lexicons=(path,)))
    assert {"hardly", "scarcely", "no", "never"} <= pipe.lexicon.sets["negation_words"]
    assert [(m.event_type, m.negated) for m in pipe.coder.code(nlp(text))] == [("ASSAULT", True)]


def test_a_user_lexicon_file_extends_tables_and_maps(tmp_path):
    from eventwire.coding.lexicon import build_lexicon

    path = _user_lexicon(tmp_path, "cues:\n  frame_verbs:\n    REJECT: [rebuff]\n  threat_modes:\n    PROTEST: boycott\n"
                                   "rules:\n  - {id: my.rule, event: PROTEST, verb: picket}\n")
    lex = build_lexicon((path,))
    assert lex.frame_verbs["rebuff"] == "REJECT" and lex.frame_verbs["refuse"] == "REJECT"
    assert lex.threat_modes == {**build_lexicon().threat_modes, "PROTEST": "boycott"}
    assert "rebuffed" in lex.morph.verb and "picketed" in lex.trigger_forms


@pytest.mark.parametrize("text,where,what", [
    ("rules: []\ncues:\n  negation_word: [hardly]\n", 3, "unknown section 'negation_word'"),
    ("cues:\n  negation_words:\n    hardly: 1\n", 3, "expected a list of words"),
    ("cues:\n  frame_verbs: [rebuff]\n", 2, "section 'frame_verbs' must be a mapping"),
    ("cues:\n  negation_words: [hardly, [x]]\n", 2, "expected a word"),
    ("cues: [a]\n", 1, "expected a mapping"),
])
def test_a_bad_user_cue_file_is_reported_with_file_and_line(tmp_path, text, where, what):
    from eventwire.coding.lexicon import build_lexicon

    path = _user_lexicon(tmp_path, text)
    with pytest.raises(ValueError) as err:
        build_lexicon((path,))
    assert f"{path}:{where}:" in str(err.value) and what in str(err.value)


# --- real-news conventions (dev/ANNOTATION.md): violence and arrests with no named doer,
# --- non-actor participants, targets after "at" and hosts of visits.  Sentences written here.

def _types(ms):
    return sorted(m.event_type for m in ms)


@pytest.mark.parametrize("text, etype, victim", [
    ("Officers said the cashier was shot twice in the chest during the robbery late on Friday.", "ASSAULT", "cashier"),
    ("Two teenagers were stabbed outside a nightclub, and a third man was wounded as he tried to help.",
     "ASSAULT", "teenagers"),
    ("He was arrested at his flat on Thursday and remains in custody pending a hearing.", "COERCE", "He"),
    ("Marta Kowalski was detained at the airport after landing on an overnight flight.", "COERCE", "Marta Kowalski"),
])
def test_violence_and_arrests_without_a_named_doer_are_coded(code, text, etype, victim):
    """ANNOTATION.md: an anonymous attacker's code is null; an arrest is COERCE by the police.
    The person hit is the (uncoded) target; no source is invented."""
    ms = [m for m in code(text) if m.event_type == etype]
    assert ms, _types(code(text))
    assert ms[0].source == [] and ms[0].target and victim in ms[0].target[0].text
    assert all(a.country is None for a in ms[0].target)


@pytest.mark.parametrize("text", [
    "Three people were killed in a car crash on the coastal motorway on Sunday night.",
    "A pensioner was killed in a house fire in the early hours, the fire service said.",
    "The striker was shot down by the keeper in the final minute of the match as the team lost the game.",
    "The documentary was shot in Morocco and Spain over two summers.",
])
def test_accidents_sport_and_film_are_not_violence(code, text):
    assert not [m for m in code(text) if m.event_type in ("ASSAULT", "COERCE")]


def test_a_participant_is_never_a_date_or_an_abstract_noun(code):
    """ANNOTATION.md: participants are actors; "verdicts", "Nov." or "the strike" are not."""
    for text in ("Death sentences in the state can only be handed down by unanimous jury verdicts, prosecutors said.",
                 "Greece was paralysed by the strike and cut off from the outside world on Nov. 5."):
        for m in code(text):
            for a in m.source + m.target:
                assert not any(w in a.text.lower() for w in ("verdict", "strike", "nov.")), (text, m)


@pytest.mark.parametrize("text, src, tgt", [
    ("The Turkish president hit out at Germany on Tuesday over the arrests of journalists.", "TUR", "DEU"),
    ("Speaking in Rome, the French foreign minister lashed out at Russia for its veto.", "FRA", "RUS"),
])
def test_criticism_targets_after_at(code, text, src, tgt):
    ms = [m for m in code(text) if m.event_type == "ACCUSE"]
    assert ms and [a.country for a in ms[0].source] == [src] and [a.country for a in ms[0].target] == [tgt]


@pytest.mark.parametrize("text, src, tgt", [
    ("The Japanese prime minister arrived in Canberra on Monday on a three-day official visit.", "JPN", "AUS"),
    ("Chinese President Xi Jinping flew to Moscow for talks with his Russian counterpart.", "CHN", "RUS"),
])
def test_arriving_on_a_visit_is_consult_with_the_host(code, text, src, tgt):
    ms = [m for m in code(text) if m.event_type == "CONSULT"]
    assert ms and [a.country for a in ms[0].source] == [src] and tgt in [a.country for a in ms[0].target]


@pytest.mark.parametrize("text, src, tgt", [
    ("Qatar mediated between Israel and Hamas for a week before the truce.", ["QAT"], ["ISR", "PSE"]),
    ("Fresh talks between Russia and Ukraine opened in Istanbul on Monday.", ["RUS"], ["UKR"]),
])
def test_between_x_and_y_gives_both_sides(code, text, src, tgt):
    """ANNOTATION.md: mediation is CONSULT; the parties of talks "between A and B" are A -> B."""
    ms = [m for m in code(text) if m.event_type == "CONSULT"]
    assert ms, _types(code(text))
    assert [a.country for a in ms[0].source] == src
    assert sorted(map(str, (a.country for a in ms[0].target))) == sorted(map(str, tgt))


# --------------------------------------------------------------------------- adjective triggers

ADJECTIVES: list[Case] = [
    Case("Poland's president was sharply critical of Hungary's veto on Monday.", "ACCUSE",
         ["POL"], ["HUN"], trigger="critical", mode="disapprove"),
    Case("Canada has remained supportive of Ukraine throughout the talks.", "SUPPORT", ["CAN"], ["UKR"],
         trigger="supportive"),
    Case("Tokyo was furious with Seoul over the court ruling.", "ACCUSE", ["JPN"], ["KOR"], trigger="furious"),
]


@pytest.mark.parametrize("case", _params(ADJECTIVES))
def test_adjective_triggers(code, case):
    check(code, case)


def test_adjectives_used_attributively_or_without_their_preposition_are_no_events(code):
    for text in ("Egypt called it a critical moment for the region.",
                 "Kenya's supportive neighbours watched the vote.",
                 "The French minister said he was grateful."):
        assert not [m for m in code(text) if m.trigger in ("critical", "supportive", "grateful")], text


def test_an_adjective_rule_needs_its_preposition(tmp_path):
    from eventwire.coding.lexicon import build_lexicon
    bad = tmp_path / "adj.yaml"
    bad.write_text('rules:\n- {id: my.adj, event: ACCUSE, adj: ["critical"]}\n')
    with pytest.raises(ValueError, match="my.adj"):
        build_lexicon([bad])


def test_a_crowd_protests(code):
    for text, words in (("Thousands took to the streets of Lima on Saturday.", "Thousands"),
                        ("Dozens of nurses protested outside the Polish parliament.", "Dozens of nurses")):
        (m,) = [m for m in code(text) if m.event_type == "PROTEST"]
        assert [a.text for a in m.source] == [words] and m.source[0].sector in ("CVL", "MED") and not m.source[0].country
    # a crowd that watches, in a sentence naming no actor of the dictionary, does nothing political
    assert not [m for m in code("Thousands watched the parade in the rain.") if m.event_type == "PROTEST"]


def test_firing_people_is_no_attack_firing_weapons_is(code):
    assert not [m for m in code("Toyota fired 300 workers in Japan last year.") if m.event_type == "ASSAULT"]
    (m,) = [m for m in code("Syrian troops fired rockets at Turkish positions.") if m.event_type == "ASSAULT"]
    assert m.source[0].country == "SYR" and m.target and m.target[0].country == "TUR"


DENIALS: list[Case] = [
    Case("Vietnam's foreign ministry insisted it had done nothing wrong.", "REJECT", ["VNM"], [],
         trigger="insisted"),
    Case("Rwanda maintained that it had no role in the rebel offensive.", "REJECT", ["RWA"], [],
         trigger="maintained", also={"ASSAULT"}),
    Case("The Venezuelan government said the report was false.", "REJECT", ["VEN"], [], trigger="said"),
]


@pytest.mark.parametrize("case", _params(DENIALS))
def test_denials_made_by_saying(code, case):
    m = check(code, case)
    assert "reject.denial_claim" in m.rules


def test_saying_without_a_denial_is_no_rejection(code):
    assert not [m for m in code("Officials in Lima said the road was open again.") if m.event_type == "REJECT"]


def test_help_is_aid_only_when_someone_is_helped(code):
    (m,) = [m for m in code("Turkey helped Syrian refugees in Gaziantep with food and tents.") if m.event_type == "AID"]
    assert m.source[0].country == "TUR"
    assert not [m for m in code("Brazil's president said the reform would help heal the divisions.")
                if m.event_type == "AID"]


def test_a_key_given_twice_in_a_cue_file_is_an_error_not_a_lost_list(tmp_path):
    """YAML keeps only the last value of a repeated key; a lexicon that silently dropped the
    first list would code differently from what its file says."""
    from eventwire.coding.lexicon import build_lexicon

    path = _user_lexicon(tmp_path, "cues:\n  frame_verbs:\n    REJECT: [rebuff]\n    REJECT: [spurn]\n")
    with pytest.raises(ValueError) as err:
        build_lexicon((path,))
    assert str(path) in str(err.value) and "duplicate key 'REJECT' (first at line 3)" in str(err.value)
