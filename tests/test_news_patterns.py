"""How news reports criticism, violence, meetings and the courts: patterns added from reading
real news (rules alone, as in test_coder).  Every sentence here was written for this file."""
from __future__ import annotations

import pytest
from test_coder import Case, _params, check, code  # noqa: F401  (the fixture is reused)

from eventwire.coding.lexicon import build_lexicon

NEWS: list[Case] = [
    # an evaluative name or adjective given to someone (cues.yaml pejorative_words, rule accuse.call)
    Case("Republicans called the Venezuelan leader a dictator.", "ACCUSE", ["USA:PTY"], ["VEN:GOV"],
         trigger="called"),
    Case("The Chinese foreign ministry branded the Japanese statement a provocation.", "ACCUSE", ["CHN:GOV"], ["JPN"],
         trigger="branded"),
    # a condemnation made by saying: the clause's subject (or its owner) is the target
    Case("The Iranian foreign minister said the American plan was illegal and cruel.", "ACCUSE",
         ["IRN:GOV"], ["USA"], trigger="said"),
    Case("Brazil's president told reporters that the Argentine government was corrupt.", "ACCUSE",
         ["BRA:GOV"], ["ARG:GOV"], trigger="told"),
    # ... and a judgement of praise (cues.yaml praise_words)
    Case("The Indian prime minister said the Japanese leader's decision was courageous.", "SUPPORT",
         ["IND:GOV"], ["JPN:GOV"], trigger="said"),
    Case("The French president called the German chancellor a true friend.", "SUPPORT", ["FRA:GOV"], ["DEU:GOV"],
         trigger="called"),
    # "opened fire on": "fire" is the idiom's word, not a figurative object
    Case("Syrian soldiers opened fire on Kurdish fighters near the border.", "ASSAULT", ["SYR:MIL"], [None],
         trigger="opened"),
    Case("Indian and Pakistani troops exchanged fire across the Line of Control.", "ASSAULT",
         ["IND"], ["PAK:MIL"], trigger="exchanged"),
    # meetings named by their form
    Case("The German chancellor convened a crisis meeting with French ministers.", "CONSULT",
         ["DEU:GOV"], ["FRA:GOV"], trigger="convened"),
    Case("The Kenyan president and the Ethiopian prime minister held a joint press conference in Nairobi.",
         "CONSULT", ["KEN:GOV"], ["ETH:GOV"], trigger="held"),
    # an admission of guilt in court is a verbal concession
    Case("A former Peruvian minister pleaded guilty to corruption charges in Lima.", "CONCEDE", ["PER:GOV"], [],
         trigger="pleaded"),
    # a court's verb with no doer named falls on its person, as an arrest does
    Case("Turkish police arrested a Swedish journalist and charged him with espionage.", "COERCE",
         ["TUR:COP"], ["SWE:JRN"], also={"ACCUSE"}),
]


@pytest.mark.parametrize("case", _params(NEWS))
def test_news_patterns(code, case):  # noqa: F811
    check(code, case)


def test_doerless_charge_falls_on_the_named_person(code):  # noqa: F811
    ms = code("Police in Ohio said Marla Quenby was charged with fraud on Tuesday.")
    charged = [m for m in ms if m.trigger == "charged"]
    assert [m.event_type for m in charged] == ["ACCUSE"]
    assert [a.text for a in charged[0].target] == ["Marla Quenby"]
    # the police who tell of the charge are its source (the news gold names the teller)
    assert [(a.text, a.sector) for a in charged[0].source] == [("Police", "COP")]


def test_accusation_between_unknown_names_stays_no_event(code):  # noqa: F811
    assert code("Zorbat Quillon accused Merrin Vosk of hiding the figures.") == []


def test_a_condemnation_needs_an_actor_condemned(code):  # noqa: F811
    assert [m for m in code("The Nigerian minister said the weather was a disaster.") if m.event_type == "ACCUSE"] == []


def test_party_names_resolve_to_their_country(code):  # noqa: F811
    ms = code("Democrats criticized the Russian government on Monday.")
    assert [(m.event_type, [(a.country, a.sector) for a in m.source]) for m in ms] == [("ACCUSE", [("USA", "PTY")])]


def test_rule_objects_may_name_a_cue_list(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("cues:\n  pejorative_words: [scoundrel]\n"
                 "rules:\n- {id: mine.call, event: ACCUSE, verb: [nickname], object: ['@pejorative_words']}\n",
                 encoding="utf-8")
    lex = build_lexicon([f])
    rule = next(r for r in lex.rules if r.id == "mine.call")
    assert "scoundrel" in rule.objects and "liar" in rule.objects
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n- {id: bad.call, event: ACCUSE, verb: [nickname], object: ['@no_such_list']}\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="no_such_list"):
        build_lexicon([bad])


def test_a_person_noun_is_the_target_of_a_passive_act(code):  # noqa: F811
    ms = code("A teenager was shot dead by Kenyan police in Nairobi.")
    assert [(m.event_type, [a.country for a in m.source], [a.text for a in m.target]) for m in ms] == \
        [("ASSAULT", ["KEN"], ["teenager"])]
    ms = code("Israeli police detained a woman accused of incitement.")
    assert [a.text for m in ms if m.event_type == "COERCE" for a in m.target] == ["woman"]


def test_an_unnamed_investigation_is_the_authorities_act(code):  # noqa: F811
    """cues.yaml authority_acts: the police or the courts as an implicit source, no text."""
    ms = code("An investigation into the collapse was opened on Monday.")
    assert [(m.event_type, [(a.text, a.sector, a.entry) for a in m.source]) for m in ms] == \
        [("ACCUSE", [("", "COP", "implicit:COP")])]
    ms = code("The case was heard in his absence.")
    assert [(m.event_type, [a.sector for a in m.source]) for m in ms] == [("ACCUSE", ["JUD"])]


def test_a_named_doer_is_no_authority(code):  # noqa: F811
    ms = code("The landlord sent his son upstairs to investigate the smell of gas.")
    assert all(a.entry != "implicit:COP" for m in ms for a in m.source)


def test_the_home_country_fills_the_unnamed_authority():
    from eventwire import code as code_texts
    text = ("Kenyan police were at the scene in Nairobi. Kenya's government said the bridge was safe. "
            "An investigation into the collapse was opened on Monday, officials in Kenya said.")
    events = [e for r in code_texts([text]) for e in r.events if e.trigger == "opened"]
    assert [(e.event_type, [(a.country, a.sector, a.entry) for a in e.source]) for e in events] == \
        [("ACCUSE", [("KEN", "COP", "home:implicit:COP")])]


def test_a_meeting_named_as_the_setting_is_a_meeting_of_the_clauses_doers(code):  # noqa: F811
    ms = code("Heading into the meeting, the Kenyan and Ugandan presidents struck a conciliatory tone.")
    assert [(m.event_type, m.trigger, [a.country for a in m.source], [a.country for a in m.target], m.rules)
            for m in ms] == [("CONSULT", "meeting", ["KEN"], ["UGA"], ["consult.noun.setting"])]
    # not where the sentence reports a meeting already, nor without a doer
    assert [m.trigger for m in code("Before the summit, Chile and Peru signed a fishing accord.")
            if m.event_type == "CONSULT"] == []
    assert code("The meeting in Nairobi lasted an hour.") == []


def test_who_is_under_an_act_is_its_target(code):  # noqa: F811
    ms = code("The Russian minister is under investigation by Swiss prosecutors.")
    assert [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in ms] == \
        [("ACCUSE", ["CHE"], ["RUS"])]
    ms = code("Israeli troops came under attack in Gaza.")
    assert [(m.event_type, m.source, [a.country for a in m.target]) for m in ms] == [("ASSAULT", [], ["ISR"])]


@pytest.mark.parametrize("text, n", [
    ("The Egyptian and Sudanese presidents spoke by phone on Sunday.", 1),
    ("Obama and Trump spoke in the Oval Office for ninety minutes.", 1),
    ("The two leaders talked for an hour in Geneva, Russian officials said.", 1),
    ("The Kenyan president spoke at a rally in Nairobi.", 0),
])
def test_speaking_together_is_a_meeting(code, text, n):  # noqa: F811
    assert len([m for m in code(text) if m.event_type == "CONSULT"]) == n


def test_a_courts_business_between_private_people_is_coded():
    from eventwire import code as code_texts
    text = "In April 2003, Marlo Vintner pleaded guilty to fraud charges at a federal hearing."
    events = [e for r in code_texts([text]) for e in r.events]
    assert [(e.event_type, [a.text for a in e.source]) for e in events] == [("CONCEDE", ["Marlo Vintner"])]


def test_the_person_an_act_noun_falls_on_is_its_target(code):  # noqa: F811
    ms = code("The riots in Athens were sparked by the Greek police killing of a teenager.")
    assert [(m.event_type, [a.country for a in m.source], [a.text for a in m.target]) for m in ms
            if m.event_type == "ASSAULT"] == [("ASSAULT", ["GRC"], ["teenager"])]


@pytest.mark.parametrize("text", [
    "The Kenyan opposition seized the opportunity to press its case.",
    "The French president struck a conciliatory tone in Berlin.",
])
def test_figurative_objects_make_no_violence(code, text):  # noqa: F811
    assert [m for m in code(text) if m.event_type in ("ASSAULT", "COERCE")] == []


# "no" on a participant denies the act (cues.yaml negation_words, negative_pronouns)
NEGATED: list[Case] = [
    Case("No charges were filed against the Kenyan opposition leader.", "ACCUSE", [":JUD"], ["KEN"],
         negated=True, trigger="filed"),
    Case("No protesters were arrested by Greek police.", "COERCE", ["GRC:COP"], [None],
         negated=True, trigger="arrested"),
    # a court's sentence is a penalty, whatever it is for
    Case("A Russian court sentenced a Ukrainian journalist on Friday.", "SANCTION", ["RUS:JUD"], ["UKR:JRN"],
         trigger="sentenced"),
]


@pytest.mark.parametrize("case", _params(NEGATED))
def test_negated_and_court_patterns(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("text", [
    # accidents: deaths told as what a crash, a blaze or an overturned vehicle did
    "The bus overturned on a mountain road in Bolivia, injuring 30 passengers.",
    "Seven people were killed and 50 others were injured when a tram derailed in the Polish capital.",
    "Forty Indian pilgrims were injured after the bus overturned on a sharp bend.",
    # natural disasters are no attacks
    "An earthquake hit southern Iran on Sunday, killing at least ten people.",
    "The tremor struck a Chilean mining town, injuring five people.",
    "Japan is regularly struck by damaging quakes.",
    "The Kenyan farmer was killed by the blaze that destroyed his house.",
    # passives with no doer that name another act (cues.yaml passive_other_verbs)
    "The former Thai prime minister was admitted to hospital on Monday.",
    "Italian police were called to the scene shortly after midnight.",
    # figurative objects of violent and coercive verbs
    "The former Nigerian governor was fired from his job at the ministry last year.",
    "The Brazilian senator battled a long illness before his death.",
    "Republicans in the US Congress seized on the news within hours.",
    # asking a question is no request
    "Reporters asked the Russian foreign minister whether Moscow would comment.",
    # event nouns out of their event sense (cues.yaml not_event_nouns, noun_preps)
    "The Kenyan interior ministry's press release named no suspects.",
    "Calls to the Nigerian embassy were not answered on Monday.",
    # a thing as the doer: no attack
    "No one was hurt when the blaze hit the Greek church.",
    # calling the police is no consultation; ignoring problems is no refusal
    "The woman ran to a shop in Toronto to call police.",
    "Canadian police were called by neighbours on Saturday.",
    "It is the same Washington thinking that has ignored big challenges for decades.",
])
def test_no_event_in_accidents_figures_and_other_senses(code, text):  # noqa: F811
    assert [(m.event_type, m.trigger) for m in code(text)] == []


def test_a_doer_keeps_the_passive_phone_call(code):  # noqa: F811
    ms = code("The Japanese prime minister was phoned by the American president on Monday.")
    assert [(m.event_type, m.trigger) for m in ms] == [("CONSULT", "phoned")]


def test_he_is_not_the_police_who_report_it(code):  # noqa: F811
    """A pronoun's antecedent is named before it, and "he" is a person: in "He shot ..., police
    said" the police are who report the shooting, not who shot."""
    ms = code("He shot two men outside a bar in Chicago, Chicago police said.")
    shot = [m for m in ms if m.trigger == "shot"]
    assert [m.event_type for m in shot] == ["ASSAULT"]
    assert all(a.country is None for a in shot[0].source)
    assert [a.text for a in shot[0].source] == ["He"]


def test_an_earlier_title_is_still_the_antecedent(code):  # noqa: F811
    ms = code("The Iranian foreign minister said he would meet his Saudi counterpart.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("AGREE", ["IRN"])]


def test_a_state_is_not_he(code):  # noqa: F811
    assert code("Russia said he would attend the summit in Geneva.") == []


def test_violence_by_an_unnamed_pronoun_doer_is_reported(code):  # noqa: F811
    ms = code("Nearly a hundred workers were in the Ohio plant when she began shooting.")
    assert [(m.event_type, [a.text for a in m.source], [a.country for a in m.source]) for m in ms] \
        == [("ASSAULT", ["she"], [None])]


@pytest.mark.parametrize("text", [
    "The teachers' strike in Kenya entered its second week.",
    "A 24-hour strike by French rail workers halted trains on Tuesday.",
])
def test_a_labour_strike_is_a_protest(code, text):  # noqa: F811
    assert [m.event_type for m in code(text)] == ["PROTEST"]


def test_a_negated_existential_negates_its_event_noun(code):  # noqa: F811
    ms = code("The US Justice Department said there would not be any charges against the senator.")
    assert [(m.event_type, m.negated) for m in ms] == [("ACCUSE", True)]


@pytest.mark.parametrize("text", [
    "The Dutch prosecutor said the former minister should not face criminal charges.",
    "Prosecutors in Lisbon decided that the mayor would not face corruption charges.",
])
def test_a_negated_verb_of_undergoing_negates_its_event_noun(code, text):  # noqa: F811
    assert [(m.event_type, m.negated) for m in code(text) if m.trigger == "charges"] == [("ACCUSE", True)]


def test_the_owner_of_the_support_expressed_is_no_target(code):  # noqa: F811
    ms = code("The Kenyan foreign minister reaffirmed the Kenyan government's support for the Somali peace process.")
    assert [m.event_type for m in ms] == ["SUPPORT"]
    assert "Kenyan government" not in [a.text for a in ms[0].target]
    ms = code("The Swiss envoy expressed Switzerland's solidarity with the people of Lebanon.")
    assert [(m.event_type, [a.country for a in m.target]) for m in ms] == [("SUPPORT", ["LBN"])]


def test_a_citizens_vote_is_no_event_and_a_legislatures_is(code):  # noqa: F811
    assert code("His grandparents voted for the Labour candidate in Leeds.") == []
    ms = code("The Bolivian senate voted for the amnesty law on Tuesday.")
    assert [(m.event_type, m.source[0].country) for m in ms] == [("SUPPORT", "BOL")]


def test_who_is_told_is_no_target_of_what_is_quoted(code):  # noqa: F811
    ms = code("\"Our inspectors have been working to review the contracts,\" the Polish minister wrote to parliament.")
    assert [(m.event_type, m.target) for m in ms] == [("ACCUSE", [])]
    ms = code("The Greek prime minister told reporters in Athens as he condemned the bombing.")
    assert [(m.event_type, m.target) for m in ms] == [("ACCUSE", [])]


@pytest.mark.parametrize("text", [
    "The Chilean interior ministry did not respond to a request for comment.",
    "The Nigerian army did not immediately reply to requests for comment on Friday.",
])
def test_a_reporters_request_for_comment_is_no_event(code, text):  # noqa: F811
    assert code(text) == []


def test_a_request_for_talks_is_still_answered(code):  # noqa: F811
    assert [m.event_type for m in code("Iran rejected the Omani request for talks.")] == ["REJECT"]


def test_keeping_a_strike_going_is_protest_and_a_force_s_strikes_attack(code):  # noqa: F811
    ms = code("Doctors in Zimbabwe extended their strike for a third week.")
    assert [m.event_type for m in ms] == ["PROTEST"]
    ms = code("The Turkish army resumed its strikes on Kurdish positions.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("ASSAULT", ["TUR"])]


def test_a_decree_is_what_it_does_not_a_word_of_support(code):  # noqa: F811
    assert code("The Brazilian president signed an executive order on Monday.") == []
    ms = code("The Moldovan president signed a decree granting citizenship to six Ukrainian volunteers.")
    assert "SUPPORT" not in [m.event_type for m in ms]


def test_wrongdoing_committed_is_no_pledge(code):  # noqa: F811
    ms = code("Belgian prosecutors said the minister had committed no wrongdoing.")
    assert "AGREE" not in [m.event_type for m in ms]
    assert code("The Belgian minister committed no wrongdoing, the report found.") == []


def test_a_stone_is_no_doer(code):  # noqa: F811
    ms = code("A Bolivian police officer was hit by a stone during the protest in La Paz.")
    assert [(m.event_type, m.source) for m in ms] == [("ASSAULT", [])]


def test_who_is_the_donor_gives_the_aid(code):  # noqa: F811
    ms = code("Norway remains the biggest donor of humanitarian aid to Somalia.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("AID", ["NOR"])]
    # "there will be no deal": the expletive names no doer
    ms = code("The Irish minister warned there would be no trade deal with Britain.")
    assert all(a.country != "IRL" for m in ms if m.trigger == "deal" for a in m.source)


def test_what_a_vetoed_resolution_would_do_is_only_proposed(code):  # noqa: F811
    ms = code("China vetoed a draft resolution to impose sanctions on Myanmar.")
    assert ("REJECT", "asserted") in [(m.event_type, m.modality) for m in ms]
    assert all(m.modality == "hypothetical" for m in ms if m.trigger == "impose")


def test_the_people_a_participle_follows_are_the_object(code):  # noqa: F811
    ms = code("Pakistan says it will not accept any Afghan refugees fleeing a new wave of fighting in Kunar province.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("REJECT", ["PAK"])]


def test_an_actors_targets_and_rocket_fire_are_war(code):  # noqa: F811
    ms = code("Turkey strikes PKK targets in northern Iraq after rocket fire")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("ASSAULT", ["TUR"])]
    # a sales target and a fire stay what they are
    assert code("The Japanese carmaker hit its sales targets in March.") == []
    assert code("Four Nigerian traders were killed in a fire at a market in Lagos.") == []


def test_prosecutors_who_tell_of_a_charge_made_it(code):  # noqa: F811
    ms = code("Portuguese prosecutors said the former mayor was charged with fraud.")
    assert [(m.event_type, [a.text for a in m.source]) for m in ms] == [("ACCUSE", ["Portuguese prosecutors"])]


def test_the_opposition_is_a_party_not_a_refusal(code):  # noqa: F811
    ms = code("Zimbabwe's opposition called for a general strike on Monday.")
    assert [m.event_type for m in ms] == ["PROTEST"]


def test_a_politicians_attack_on_a_person_is_in_words(code):  # noqa: F811
    ms = code("Obama attacked Mr. Trump in a speech in Ohio.")
    assert [(m.event_type, m.rules[-1]) for m in ms] == [("ACCUSE", "accuse.spoken")]
    ms = code("Putin attacked Ukraine in February.")
    assert [m.event_type for m in ms] == ["ASSAULT"]


def test_a_judgement_denied_is_no_accusation(code):  # noqa: F811
    assert code("The Peruvian senator said the Bolivian president was not corrupt.") == []
    ms = code("The Peruvian senator said the Bolivian president was corrupt.")
    assert [m.event_type for m in ms] == ["ACCUSE"]


def test_customers_and_their_company_make_commerce(code):  # noqa: F811
    assert code("Irish shoppers praised the company for cutting prices.") == []
    ms = code("The Irish government praised the company for cutting prices.")
    assert [m.event_type for m in ms] == ["SUPPORT"]


def test_dismissing_an_official_is_no_refusal(code):  # noqa: F811
    assert code("The Iraqi prime minister dismissed the army chief on Sunday.") == []
    assert [m.event_type for m in code("Iraq dismissed the Turkish allegations as baseless.")] == ["REJECT"]


def test_aid_to_people_and_sanctions_on_actors_stay(code):  # noqa: F811
    assert [m.event_type for m in code("The Red Cross is providing food to 300,000 people in Yemen.")] == ["AID"]
    assert [m.event_type for m in code("The EU sanctioned three Belarusian officials.")] == ["SANCTION"]


@pytest.mark.parametrize("text", [
    # a shooting in a hunting accident (the accident hangs on the joined verb)
    "In 1998 the Irish senator shot and wounded his brother in a hunting accident in Kerry.",
    # a forecast: "it could rain" is no act of the warner
    "The Kenyan ministry warned that it could rain heavily in Nairobi on Sunday.",
    # compromising security is no concession
    "The Danish minister's use of a private phone compromised national security.",
    # setting out is no arson
    "The Kenyan commuters who set out this morning on their journey to work were delayed.",
    # a reward offered is no promise
    "Kenyan police offered a reward for information about the attackers.",
    # journalists gathering information investigate no one
    "Kenyan journalists gathered information about the minister.",
    # a meal with no one is no meeting (needs_target)
    "The Irish senator had dinner at a hotel in Galway on Friday.",
    # weather kills no one on purpose; a company's market is no target
    "Heavy monsoon rains killed at least 40 people in eastern Nepal over the weekend.",
    "We have no plans to retreat from the Indian market, the German carmaker's chief said.",
    # people in general (generic_people), "make the case", a thing "sanctioned"
    "In our busy society, people are still trying to shame women for it.",
    "People are being warned to avoid the area around the station.",
    "The Chilean senator said the witness would not be the one to make the case.",
    "The clinic has not been sanctioned by the court.",
    # businesses named by their trade or size, their rivals and partners: commerce
    "A Canadian gold miner rejected an unsolicited takeover approach from a larger rival.",
    "A Spanish fashion chain agreed a supply deal with a Turkish textile maker.",
    "The Indonesian ride-hailing firm rebuffed a merger proposal from a Malaysian rival.",
    "A German chemical giant will close two of its plants.",
    # showing something is no demonstration
    "The Canadian funding demonstrates the strength of the partnership.",
    # emergency services answering a call (cues.yaml emergency_services; rule attribute unless_subject)
    "Kenyan police and firefighters responded to calls about a gas leak.",
    # directing a film is no order
    "The Iranian director directed the documentary about the war.",
    # a driver who strikes someone is in an accident (cues.yaml impact_verbs)
    "A Kenyan driver struck and killed a pedestrian in Nairobi.",
    # a politician's targets are policies, no figure of violence ("initiatives", plural, is a figurative object)
    "The Peruvian president can more easily target key opposition initiatives like the pension reform.",
    # the killing a storm's clause goes on to tell is the storm's, even parsed on a noun
    "Typhoon Hagupit battered the central Philippines overnight, tearing roofs from hundreds of homes and killing at least nine people.",
    # where a business does it is no party to it (a place after "in"), nor are the stores it targets
    "A Vietnamese electronics manufacturer will invest $2 billion in a Thai plant.",
    "A Czech discount chain is targeting 200 new stores in Hungary.",
    # markets are no actors
    "Shares of the Japanese lender rallied after the results.",
])
def test_other_senses_and_people_in_general_make_no_event(code, text):  # noqa: F811
    assert code(text) == []


def test_can_makes_an_act_hypothetical(code):  # noqa: F811
    ms = code("The Turkish parliament can impose sanctions on Syria.")
    assert [(m.event_type, m.modality) for m in ms] == [("SANCTION", "hypothetical")]


def test_a_call_for_calm_is_still_a_request(code):  # noqa: F811
    ms = code("The UN made a call for calm in Mali on Friday.")
    assert [m.event_type for m in ms] == ["REQUEST"]


CLEARED: list[Case] = [
    # a decision not to charge or prosecute is a negated ACCUSE (ANNOTATION.md; rule attribute negated)
    Case("A Kenyan court acquitted the former minister of corruption charges.", "ACCUSE", ["KEN:JUD"], [None],
         negated=True, trigger="acquitted"),
    Case("The Brazilian federal police cleared the senator of any wrongdoing in March.", "ACCUSE", ["BRA:COP"],
         [None], negated=True, trigger="cleared"),
]


@pytest.mark.parametrize("case", _params(CLEARED))
def test_clearance_is_a_negated_accusation(code, case):  # noqa: F811
    check(code, case)


def test_clearing_a_square_is_no_clearance(code):  # noqa: F811
    ms = code("Belarusian police cleared the square of protesters in Minsk.")
    assert "ACCUSE" not in [m.event_type for m in ms]


def test_qu_counts_as_a_consonant_when_a_final_consonant_doubles():
    from eventwire.coding.lexicon import verb_forms
    assert {"acquitted", "acquitting", "equipped"} <= verb_forms("acquit", {}) | verb_forms("equip", {})


def test_a_prefixed_irregular_verb_inflects_as_its_stem(code):  # noqa: F811
    from eventwire.coding.lexicon import verb_forms
    irregular = {"take": ["took", "taken"], "run": ["ran", "run"]}
    assert {"retook", "retaken", "overran"} <= verb_forms("retake", irregular) | verb_forms("overrun", irregular)
    ms = code("Somali troops retook the port town of Kismayo from al-Shabaab fighters.")
    assert [(m.event_type, m.trigger) for m in ms] == [("ASSAULT", "retook")]


def test_a_place_alone_makes_no_political_participant(code):  # noqa: F811
    """Two unknown names and a city: a sports or celebrity meeting, not event data."""
    assert code("Team owner Zorbat Quillon met personally with agent Merrin Vosk in Las Vegas.") == []
    # ... while a dictionary actor in the sentence still lets a named doer act
    ms = code("Zorbat Quillon met the Kenyan foreign minister in Nairobi.")
    assert [m.event_type for m in ms] == ["CONSULT"]


def test_a_judged_meeting_keeps_its_own_event(code):  # noqa: F811
    ms = code("The French president called the meeting excellent.")
    assert sorted(m.event_type for m in ms) == ["CONSULT", "SUPPORT"]


def test_praise_of_a_person_by_naming(code):  # noqa: F811
    ms = code("The Kenyan president called his Ugandan counterpart a very good man.")
    assert [(m.event_type, m.trigger) for m in ms] == [("SUPPORT", "called")]


def test_a_concession_speech_is_a_concession(code):  # noqa: F811
    ms = code("The Peruvian candidate delivered her concession speech in Lima.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("CONCEDE", ["PER"])]


def test_welcoming_a_decision_supports_its_maker(code):  # noqa: F811
    ms = code("The Kenyan government welcomed the decision of the African Union.")
    assert [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in ms] \
        == [("SUPPORT", ["KEN"], ["IGO"])]


def test_naming_with_a_superlative_is_a_judgement_not_a_call(code):  # noqa: F811
    ms = code("The Venezuelan president called the American leader \"the worst president in history\".")
    assert [(m.event_type, m.trigger) for m in ms] == [("ACCUSE", "called")]


def test_a_date_is_no_particle(code):  # noqa: F811
    """'called Putin on Tuesday' is a phone call, not a 'call on'."""
    ms = code("The French president called the Russian president on Tuesday.")
    assert [(m.event_type, m.trigger) for m in ms] == [("CONSULT", "called")]


def test_not_until_a_date_is_no_negation(code):  # noqa: F811
    """'did not meet him until 2008': they met, later; 'will not ... until X happens' stays a refusal."""
    met = code("The Greek foreign minister did not meet the Turkish envoy until 2008.")
    assert [(m.event_type, m.negated) for m in met] == [("CONSULT", False)]
    refused = code("Iran will not resume talks with the European Union until sanctions are lifted.")
    assert [(m.event_type, m.trigger) for m in refused if m.trigger == "resume"] == [("REJECT", "resume")]


def test_refuting_a_claim_is_a_denial(code):  # noqa: F811
    ms = code("Russia refuted the American claims on Tuesday.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("REJECT", ["RUS"])]


def test_ignoring_a_demand_is_a_refusal(code):  # noqa: F811
    ms = code("The Greek prime minister ignored calls by opposition leaders to hold early elections.")
    assert [(m.event_type, m.trigger) for m in ms] == [("REJECT", "ignored")]


@pytest.mark.parametrize("text", [
    "Kenyan troops committed crimes in Somalia, the report said.",
    "The court looked into crimes committed in Somalia by Kenyan troops.",
])
def test_committing_a_crime_is_no_commitment(code, text):  # noqa: F811
    """Rule attribute unless_object: 'committed crimes' is no pledge."""
    assert "AGREE" not in [m.event_type for m in code(text)]


@pytest.mark.parametrize("text, source, target", [
    ("Macron and Scholz held a brief photo opportunity in Berlin.", "FRA", "DEU"),
    ("The Kenyan president and the Ugandan president spoke for an hour in Kampala.", "KEN", "UGA"),
])
def test_a_two_sided_subject_is_source_and_target(code, text, source, target):  # noqa: F811
    (m,) = [m for m in code(text) if m.event_type == "CONSULT"]
    assert ([a.country for a in m.source], [a.country for a in m.target]) == ([source], [target])


def test_a_coordinated_clause_with_its_own_subject_takes_no_modal_of_the_first(code):  # noqa: F811
    ms = code("The ministry insisted the inquiry would find nothing, and Polish opposition lawmakers "
              "accused the Hungarian government of a cover-up.")
    (m,) = [m for m in ms if m.trigger == "accused"]
    assert (m.event_type, m.modality) == ("ACCUSE", "asserted")
    # without a subject of its own the second verb shares the first's modal
    ms = code("The Hungarian president will meet the Polish envoy and discuss the border.")
    assert ms and {m.modality for m in ms} == {"future"}


@pytest.mark.parametrize("text, event", [
    ("Police barricaded the avenue in front of the precinct in Brooklyn.", "COERCE"),
    ("Turkish riot police blocked the road to Taksim Square.", "COERCE"),
    ("Farmers barricaded the main road into Lima on Monday.", "PROTEST"),
])
def test_blocking_a_road_is_a_protest_unless_the_state_does_it(code, text, event):  # noqa: F811
    assert {m.event_type for m in code(text)} == {event}


@pytest.mark.parametrize("text", [
    "Turkish riot police stood outside the parliament building in Ankara.",
    "Kerry was sworn in as Secretary of State March 18, 2013.",
    "The Watergate tapes captured the White House chief of staff telling Nixon about the break-in.",
])
def test_no_event_in_kinds_months_and_recordings(code, text):  # noqa: F811
    assert code(text) == []


@pytest.mark.parametrize("text", [
    "The Kenyan police chief declined to confirm reports of the suspects' links to al-Shabaab.",
    "The Kremlin declined to discuss the matter with Ukrainian reporters.",
    "Iraqi officials refused to comment on the report.",
    "The flaw lets Russian hackers execute code on the ministry's computers.",
    "The Indian navy rescued the crew, a Defence Ministry release said.",
])
def test_no_event_in_silence_documents_and_code(code, text):  # noqa: F811
    assert [m.event_type for m in code(text) if m.event_type in ("REJECT", "CONSULT", "ASSAULT", "RETREAT")] == []


def test_a_refusal_of_an_act_stays_a_refusal(code):  # noqa: F811
    assert {m.event_type for m in code("Iran refused to allow the inspectors into the site.")} == {"REJECT"}


def test_an_investigation_into_someone_names_its_participant(code):  # noqa: F811
    ms = code("The new review was prompted by an unrelated investigation into a former Kenyan governor.")
    assert [(m.event_type, [a.country for a in m.target]) for m in ms] == [("ACCUSE", ["KEN"])]


def test_a_dated_participle_reports_an_act(code):  # noqa: F811
    assert [m.event_type for m in code("Egypt's interior ministry named the 12 protesters arrested on Friday in Cairo.")] \
        == ["COERCE"]
    assert code("Egypt's interior ministry named the 12 protesters arrested in Cairo.") == []


def test_reluctance_negates_the_act(code):  # noqa: F811
    (m,) = [m for m in code("Kenyan police have been reluctant to detain the Somali suspects.") if m.trigger == "detain"]
    assert (m.event_type, m.negated) == ("COERCE", True)


@pytest.mark.parametrize("text, n", [
    ("Paramedics rushed to her side and took her to a hospital in Nairobi, Kenyan police said.", 0),
    ("Republican senators rallied to the Kenyan president's side after the vote.", 1),
])
def test_rushing_to_someones_side_is_physical(code, text, n):  # noqa: F811
    assert len([m for m in code(text) if m.event_type == "SUPPORT"]) == n


def test_a_feared_act_is_hypothetical_not_a_threat(code):  # noqa: F811
    feared = code("Ukrainian officials fear that Russia will invade again this winter.")
    assert [(m.event_type, m.modality) for m in feared] == [("ASSAULT", "hypothetical")]
    stated = code("Russia will invade Ukraine again, the Russian president said.")
    assert [m.event_type for m in stated] == ["THREATEN"]


def test_a_bus_veering_off_the_road_is_an_accident(code):  # noqa: F811
    assert code("Two Peruvian soldiers were killed when their bus veered off the road near Cusco.") == []


def test_a_participles_small_clause_subject_undergoes_it(code):  # noqa: F811
    (m,) = code("Greek protesters want the police banned from carrying guns.")
    assert (m.event_type, m.source, [a.text for a in m.target]) == ("COERCE", [], ["police"])


def test_the_place_of_a_thing_hit_names_the_target(code):  # noqa: F811
    (m,) = code("Yemeni rebels hit military positions in Saudi Arabia's Asir region with a missile.")
    assert (m.event_type, [a.country for a in m.target]) == ("ASSAULT", ["SAU"])
    # an actor hit is the target whatever its place
    (m,) = code("Yemeni rebels attacked Saudi soldiers in Yemen's Saada province.")
    assert [a.country for a in m.target] == ["SAU"]


def test_the_state_left_is_the_expeller(code):  # noqa: F811
    (m,) = code("The Mexican activist was deported from the United States last week.")
    assert ([a.country for a in m.source], [a.country for a in m.target]) == (["USA"], ["MEX"])


@pytest.mark.parametrize("text, source, target", [
    ("The Kenyan foreign minister was seen speaking to the Ugandan president in Nairobi.", "KEN", "UGA"),
    ("The US secretary of state is set to ask the Kenyan government to extradite the men.", "USA", "KEN"),
])
def test_who_undergoes_a_governing_verb_does_the_governed_act(code, text, source, target):  # noqa: F811
    m = code(text)[0]
    assert ([a.country for a in m.source], [a.country for a in m.target]) == ([source], [target])


def test_a_passive_governed_act_stays_passive(code):  # noqa: F811
    (m,) = code("Two Kenyan soldiers are believed to have been killed near the Somali border.")
    assert (m.source, [a.country for a in m.target]) == ([], ["KEN"])


@pytest.mark.parametrize("text", [
    "Obama questioned the Kenyan senator's fitness to occupy the nation's highest office.",
])
def test_occupying_an_office_is_holding_it(code, text):  # noqa: F811
    assert "COERCE" not in {m.event_type for m in code(text)}


@pytest.mark.parametrize("text, n", [
    ("The Kenyan prosecutor began opening statements, talking about the night of the shooting.", 0),
    ("The Russian president talked to the Turkish president by phone on Monday.", 1),
])
def test_talking_about_something_is_no_meeting(code, text, n):  # noqa: F811
    assert len([m for m in code(text) if m.event_type == "CONSULT"]) == n


@pytest.mark.parametrize("text", [
    "The Kenyan police spokesman, who declined to give his name, said the suspects had fled.",
    "The Ugandan minister spoke to reporters outside parliament in Kampala.",
])
def test_no_event_in_anonymity_and_press_talk(code, text):  # noqa: F811
    assert [m.event_type for m in code(text) if m.event_type in ("REJECT", "CONSULT")] == []


def test_a_plural_reciprocal_noun_splits_a_two_sided_subject(code):  # noqa: F811
    (m,) = code("Kenya and Uganda launched war games near the border.")
    assert ([a.country for a in m.source], [a.country for a in m.target]) == (["KEN"], ["UGA"])


@pytest.mark.parametrize("text", [
    # a feeling fought back is no fight (cues.yaml figurative_objects)
    "The Kenyan minister's widow, who fought back tears, thanked the police in Nairobi.",
    # a relative clause hung on the place of a disaster: the quake killed, not the island
    "Kenyan soldiers brought tents to survivors of a flood in the Tana valley that killed 40 people.",
])
def test_no_assault_in_feelings_and_disasters(code, text):  # noqa: F811
    assert "ASSAULT" not in {m.event_type for m in code(text)}


def test_a_relative_clause_of_people_keeps_its_doer(code):  # noqa: F811
    """The disaster check needs a noun that does such acts: "fired tear gas at demonstrators
    who attacked them" is still the demonstrators' attack ("fire" is a verb there)."""
    ms = code("Kenyan police fired tear gas at demonstrators who attacked them with stones in Nairobi.")
    assert {m.trigger for m in ms if m.event_type == "ASSAULT"} >= {"fired", "attacked"}


@pytest.mark.parametrize("text, target", [
    # a small clause the parser reads as a clause of its own ("hostage" as a verb, "captive" as
    # an adverbial): its subject is the verb's object
    ("Gunmen took two Kenyan engineers hostage near the border.", "KEN"),
    ("Rebels held two Ugandan engineers captive for a month.", "UGA"),
])
def test_taking_people_hostage(code, text, target):  # noqa: F811
    (m,) = [m for m in code(text) if m.event_type == "ASSAULT"]
    assert target in {a.country for a in m.target}


def test_a_noun_that_names_the_group_is_no_act(code):  # noqa: F811
    """"the Kenyan opposition" is a group (cues group_name_nouns); "opposition to" an act."""
    assert [m.event_type for m in code("The Kenyan opposition called for new elections.")] == ["REQUEST"]
    assert "REJECT" in {m.event_type for m in code("Kenya voiced strong opposition to the Ugandan plan.")}


def test_a_phrasal_verb_is_not_read_as_its_plain_verb(code):  # noqa: F811
    """"called for new elections" is REQUEST's "call for" alone, no "called X a liar" (ACCUSE):
    the sentence model finds no word of ACCUSE to relabel it to (triggers.loose_types)."""
    from eventwire.coding.triggers import loose_types
    from eventwire.nlp import parse
    from eventwire.pipeline import Config, get_pipeline
    lex = get_pipeline(Config(type_model=False, role_model=False)).lexicon
    for text, has_accuse in (("Kenya called for new elections.", False), ("Kenya called the vote a fraud.", True)):
        (tok,) = [t for t in next(iter(parse([text]))) if t.lower_ == "called"]
        assert ("ACCUSE" in loose_types(tok, lex)) == has_accuse


def test_a_policy_attacked_by_a_politician_is_criticism(code):  # noqa: F811
    """A past participle with its agent takes the noun it modifies as its object (syntax.objects)."""
    ms = code("The Kenyan reform effort, repeatedly attacked by the Ugandan president, was dropped.")
    assert [m.event_type for m in ms if m.trigger == "attacked"] == ["ACCUSE"]


def test_fighting_for_a_cause_is_no_attack(code):  # noqa: F811
    assert "ASSAULT" not in {m.event_type for m in code("The Kenyan activist kept fighting for women's rights.")}


def test_a_phrasal_idiom_is_no_act(code):  # noqa: F811
    """"seized on the letter" exploits it (cues.yaml idiom_phrasals): no seizure."""
    assert "COERCE" not in {m.event_type for m in code("The Kenyan opposition seized on the minister's letter.")}
    assert "COERCE" in {m.event_type for m in code("Kenyan police seized the minister's letter.")}


def test_a_credit_in_brackets_is_no_doer(code):  # noqa: F811
    (m,) = [m for m in code("(The Nairobi Star) The Kenyan president and the Ugandan president met on Monday.")
            if m.event_type == "CONSULT"]
    assert {a.country for a in m.source + m.target} == {"KEN", "UGA"}


#: (sentence, event type, how many events of that type the rules code in it)
COUNTS = [
    # a prepositional verb keeps its preposition next to it ...
    ("The Kenyan woman called police to her flat in Nairobi for the noise.", "REQUEST", 0),
    # ... but these take their object first (cues.yaml split_phrasal_verbs)
    ("Kenyan prosecutors charged the Ugandan businessman with fraud.", "ACCUSE", 1),
    # standing by a finding keeps to it: no support of anyone
    ("The Kenyan ministry said it was standing by its original assessment.", "SUPPORT", 0),
    ("The Kenyan president stood by his Ugandan ally.", "SUPPORT", 1),
    # held without bail: custody
    ("The Ugandan opposition leader was held without bail in Kampala.", "COERCE", 1),
    # violence done to oneself is no event between actors (cues.yaml reflexive_pronouns)
    ("The Kenyan opposition leader's bodyguard shot himself in Nairobi.", "ASSAULT", 0),
    # meeting a need or a deadline is no meeting
    ("The Kenyan government said the plan would meet the needs of Ugandan refugees.", "CONSULT", 0),
    ("The Kenyan president met with the Ugandan president in Nairobi on Friday.", "CONSULT", 1),
    # calling the authorities reports something to them: no consultation
    ("A Kenyan farmer saw the device near the Ugandan border and called authorities.", "CONSULT", 0),
]


@pytest.mark.parametrize("text, event, n", COUNTS)
def test_how_many_events_of_a_type(code, text, event, n):  # noqa: F811
    assert len([m for m in code(text) if m.event_type == event]) == n


@pytest.mark.parametrize("text", [
    "The Kenyan opposition cast doubt on the Ugandan president's claims.",
    "Kenyan lawmakers raised serious questions about the Ugandan minister's role in the deal.",
])
def test_casting_doubt_is_criticism(code, text):  # noqa: F811
    assert "ACCUSE" in {m.event_type for m in code(text)}


@pytest.mark.parametrize("text, event", [
    # agreeing with a view or a decision endorses it; with a party, it is an agreement
    ("The Kenyan opposition agreed with the Ugandan court's decision.", "SUPPORT"),
    ("Kenya agreed with Uganda to reopen the border.", "AGREE"),
])
def test_agreeing_with(code, text, event):  # noqa: F811
    assert [m.event_type for m in code(text) if m.trigger == "agreed"] == [event]


def test_a_law_that_requires_is_no_request(code):  # noqa: F811
    assert "REQUEST" not in {m.event_type for m in code("The Kenyan minister said court rulings require a Ugandan permit.")}


@pytest.mark.parametrize("text, event, target", [
    # a headline's bare participle reports an act that falls on its subject
    ("Kenyan troops attacked near Ugandan border", "ASSAULT", "KEN"),
    ("Three Kenyan soldiers wounded in Somalia", "ASSAULT", "KEN"),
])
def test_headline_participles(code, text, event, target):  # noqa: F811
    (m,) = [m for m in code(text) if m.event_type == event]
    assert target in {a.country for a in m.target} and not any(a.country == target for a in m.source)


def test_a_sentence_with_its_stop_is_no_headline(code):  # noqa: F811
    """"Kenyan police shot and killed a Ugandan man": the coordinated verb's object is both verbs'."""
    ms = code("Kenyan police shot and killed a Ugandan man")
    assert {a.country for m in ms for a in m.source} == {"KEN"}


PHRASAL_TARGETS: list[Case] = [
    # a phrasal verb's own preposition names whom the act is on
    Case("The Ghanaian union called on the Nigerian government to withdraw the levy.", "REQUEST",
         ["GHA:LAB"], ["NGA:GOV"], trigger="called"),
    Case("Chilean scientists called upon the Peruvian ministry to publish the data.", "REQUEST",
         ["CHL:EDU"], ["PER:GOV"], trigger="called"),
    # ... but "charged with" names the charge, not whom
    Case("Mexican police charged a Guatemalan smuggler with fraud.", "ACCUSE", ["MEX:COP"], ["GTM"],
         trigger="charged"),
    # a promise of a hostile act that is no event word by itself is a threat (cues.yaml hostile_aims)
    Case("The Houthi rebels vowed to punish Saudi Arabia.", "THREATEN", ["YEM:REB"], ["SAU"],
         trigger="vowed", mode="violence"),
    Case("The Malian junta pledged to crush the Tuareg rebellion.", "THREATEN", ["MLI:MIL"], [],
         trigger="pledged", mode="violence", also={"PROTEST"}),
    # a weapon shown at someone is a threat of force
    Case("A Colombian guerrilla pointed a rifle at Venezuelan soldiers.", "THREATEN", ["COL:REB"], ["VEN:MIL"],
         trigger="pointed", mode="violence"),
]


@pytest.mark.parametrize("case", _params(PHRASAL_TARGETS))
def test_phrasal_targets_and_threats(code, case):  # noqa: F811
    check(code, case)


def test_a_promise_to_dismantle_ones_own_is_no_threat(code):  # noqa: F811
    assert [m.event_type for m in code("North Korea pledged to dismantle its nuclear test site.")] == ["AGREE"]


@pytest.mark.parametrize("text, trigger, source, target", [
    # a passive verb without a subject of its own: its doer is its agent, and who undergoes it
    # is the subject of the verb it continues
    ("The Somali pirates fled but were captured by the Indian navy.", "captured", ["Indian navy"], ["Somali pirates"]),
    ("The Kenyan minister is due to be sentenced by a Nairobi court.", "sentenced", ["Nairobi court"],
     ["Kenyan minister"]),
    ("Arrested by Kenyan police on Monday, the Ugandan journalist was later released.", "Arrested",
     ["Kenyan police"], ["Ugandan journalist"]),
])
def test_a_passive_without_its_own_subject(code, text, trigger, source, target):  # noqa: F811
    (m,) = [m for m in code(text) if m.trigger == trigger]
    assert [a.text for a in m.source] == source and [a.text for a in m.target] == target


def test_a_passive_never_takes_the_subject_above_it(code):  # noqa: F811
    """Parsed with the passive's subject lost, "destroyed" hangs from "apologized": Palin is
    not the arsonist."""
    ms = code("Sarah Palin apologized after the evangelical church she attends was nearly destroyed by arsonists.")
    assert not any(m.trigger == "destroyed" and any("Palin" in a.text for a in m.source) for m in ms)


def test_would_have_is_no_reported_intention(code):  # noqa: F811
    """"said he would have imposed a longer sentence": it was not imposed, and it is no threat."""
    ms = code("The Mexican judge said he would have imposed a longer sentence on the smuggler.")
    assert ms and all(m.modality == "hypothetical" and m.event_type != "THREATEN" for m in ms)


@pytest.mark.parametrize("text, trigger, source, target", [
    # coordinated verbs share the object the parser hangs on the last one
    ("Kenyan police arrested and charged two Ugandan journalists.", "arrested", ["Kenyan police"],
     ["two Ugandan journalists"]),
    ("The Indian navy fired at and sank a Somali pirate boat.", "fired", ["Indian navy"], ["Somali pirate boat"]),
    # the object of a verb of causing or asking does the act of the infinitive after it ...
    ("The fire damaged the church, leading the Alaskan governor to apologize to the pastors.", "apologize",
     ["Alaskan governor"], ["pastors"]),
    # ... but the subject does it after other verbs ("use X to" names an instrument)
    ("Kenyan police used a helicopter to arrest the Ugandan smugglers.", "arrest", ["Kenyan police"],
     ["Ugandan smugglers"]),
])
def test_shared_objects_and_controlled_doers(code, text, trigger, source, target):  # noqa: F811
    (m,) = [m for m in code(text) if m.trigger == trigger]
    assert [a.text for a in m.source] == source and [a.text for a in m.target] == target


def test_verbs_not_joined_directly_keep_their_own_objects(code):  # noqa: F811
    ms = code("The Kenyan gunman returned on Thursday evening, shot two Ugandan guards and fled.")
    assert not any(m.trigger == "returned" and m.target for m in ms)


def test_a_media_link_word_before_a_dateline_is_no_subject(code):  # noqa: F811
    (m,) = [m for m in code("Photo KUNDUZ, Afghanistan -- Taliban insurgents attacked the German consulate.")
            if m.event_type == "ASSAULT"]
    assert [a.text for a in m.source] == ["Taliban insurgents"]


@pytest.mark.parametrize("text", [
    "Belarusian riot police dispersed the protesters with tear gas.",
    "Kenyan police broke up the students' rally outside parliament.",
])
def test_dispersing_a_protest_is_coercion(code, text):  # noqa: F811
    assert "COERCE" in {m.event_type for m in code(text)}


def test_a_meeting_that_broke_up_is_no_coercion(code):  # noqa: F811
    assert "COERCE" not in {m.event_type for m in code("The Kenyan and Ugandan delegations' meeting broke up without a deal.")}


@pytest.mark.parametrize("text", [
    "Protesters hanged an effigy of the Kenyan president outside parliament.",
    "Students in Brasilia beat a pinata of the Brazilian president.",
])
def test_what_is_done_to_an_effigy_is_a_protest(code, text):  # noqa: F811
    assert {m.event_type for m in code(text)} == {"PROTEST"}


def test_an_accident_two_clauses_down_is_no_attack(code):  # noqa: F811
    ms = code("A Kenyan passenger was killed when he was thrown through a window as the train careered over.")
    assert "ASSAULT" not in {m.event_type for m in ms}
    assert "ASSAULT" in {m.event_type for m in code("A Kenyan soldier was killed when he was shot by rebels as the convoy crossed the border.")}


@pytest.mark.parametrize("text", [
    "The Kenyan president vowed that those responsible would be found and brought to justice.",
    "The Kenyan president vowed to hunt down the Somali attackers.",
])
def test_a_vow_of_justice_or_pursuit_is_a_threat(code, text):  # noqa: F811
    assert "THREATEN" in {m.event_type for m in code(text)}


def test_the_models_fallback_skips_a_word_in_its_other_sense():
    """"was admitted to hospital" is no act for the rules; nor is it an anchor of the model's own reading."""
    from eventwire.api import code as api_code

    (res,) = api_code("The Kenyan opposition leader was admitted to hospital in Nairobi on Monday.")
    assert not any(e.trigger == "admitted" for e in res.events)


@pytest.mark.parametrize("text, trigger, source, target", [
    # an active verb joined to a passive one: who underwent the first does the second
    ("Kenyan police were called to the border and arrested two Ugandan smugglers.", "arrested",
     ["Kenyan police"], ["two Ugandan smugglers"]),
    ("The Ugandan families are supported by Kenyan officials and have asked the Somali government for help.",
     "asked", ["Ugandan families"], ["Somali government"]),
    # ... a participle sharing the passive stays passive
    ("Two Ugandan journalists were detained and charged with espionage.", "charged", [""],
     ["Two Ugandan journalists"]),
])
def test_a_verb_joined_to_a_passive(code, text, trigger, source, target):  # noqa: F811
    (m,) = [m for m in code(text) if m.trigger == trigger]
    assert [a.text for a in m.source] == source and [a.text for a in m.target] == target


@pytest.mark.parametrize("text, threat", [
    # a warning that foretells names no act of the warner: no threat
    ("The Kenyan finance minister warned that inflation could rise further next year.", False),
    ("The Ugandan health minister has warned the death toll may well increase.", False),
    # a threat names an act, the warner's side, or whom it is addressed to
    ("The Kenyan president warned that his army would respond to any incursion.", True),
    ("The Kenyan president warned that Nairobi would expel the Ugandan envoy.", True),
    ("The Kenyan president warned the Ugandan government that Nairobi would close the border.", True),
    ("The Ugandan army warned that it would not tolerate any incursion.", True),
])
def test_a_forecast_is_no_threat(code, text, threat):  # noqa: F811
    assert ("THREATEN" in {m.event_type for m in code(text)}) is threat


@pytest.mark.parametrize("text, event", [
    # the police blocking a crowd restrict it; a parliament blocking a bill refuses it
    ("Kenyan riot police blocked the marchers outside parliament.", "COERCE"),
    ("Kenyan opposition senators blocked the finance bill on Tuesday.", "REJECT"),
])
def test_blocking_by_the_police_is_coercion(code, text, event):  # noqa: F811
    assert {m.event_type for m in code(text) if m.trigger.startswith("block")} == {event}


@pytest.mark.parametrize("text, violent", [
    ("The Kenyan president will fight to maintain the protections of the forest law.", False),
    ("Ugandan troops fought to retake the town from the rebels.", True),
])
def test_a_fight_to_keep_a_law_is_no_violence(code, text, violent):  # noqa: F811
    types = {m.event_type for m in code(text)}
    assert bool(types & {"ASSAULT", "THREATEN"}) is violent


@pytest.mark.parametrize("text, asked", [
    # what a plea asks to be done: no word of an act done, for the sentence model's relabelling
    ("The Kenyan senator called on the justice ministry to look at its procedures.", "to look at its procedures"),
    ("Ugandan lawyers asked the judge to reduce the sentence.", "to reduce the sentence"),
    # a telephone call is no plea
    ("The Kenyan foreign minister called the Ugandan president to discuss the border.", ""),
    ("On Monday the Kenyan foreign minister called the Ugandan president to discuss the border.", ""),
])
def test_what_a_plea_asks_for(text, asked):
    from eventwire.coding.arbiter import aims
    from eventwire.nlp import load_model
    from eventwire.pipeline import Config, get_pipeline

    pipe = get_pipeline(Config(type_model=False, role_model=False))
    doc = load_model()(text)
    ctx = pipe.coder.context(doc, 0, text)
    (m,) = [m for m in pipe.coder.code_context(ctx) if m.trigger in ("called", "asked")]
    m.event_type = "REQUEST"    # as the rules may read "called X to discuss" too
    assert " ".join(w.text for w in aims(ctx, m)) == asked


@pytest.mark.parametrize("text, event", [
    # a promise to undo another's work is a threat; to undo one's own, a promise
    ("During the campaign, the Kenyan opposition leader vowed to dismantle President Ruto's housing levy.", "THREATEN"),
    ("The Ugandan opposition promised to repeal the president's media law.", "THREATEN"),
    ("The Kenyan government pledged to repeal its own media law.", "AGREE"),
])
def test_a_promise_to_undo_anothers_work(code, text, event):  # noqa: F811
    assert {m.event_type for m in code(text)} == {event}


def test_a_plea_to_the_public_has_no_inner_target(code):  # noqa: F811
    """"asked anyone with information to call the ATF": the ATF is called, not asked."""
    (m,) = [m for m in code("Kenyan police asked anyone with information to call the Ugandan embassy.")
            if m.event_type == "REQUEST"]
    assert m.target == []


@pytest.mark.parametrize("text, event", [
    ("The Kenyan defence did not call any witnesses.", None),        # a court's witnesses: no telephone call
    ("Kenyan police said they have made an arrest in the murder case.", "COERCE"),   # an arrest, not a case filed
    ("A Kenyan pedestrian was struck and killed by a motorist in Nairobi.", None),  # a road death
])
def test_other_senses_of_calls_cases_topics_and_roads(code, text, event):  # noqa: F811
    assert {m.event_type for m in code(text)} == ({event} if event else set())


@pytest.mark.parametrize("text, source", [
    # violence by someone named only by a person noun is reported, the doer uncoded
    ("A former employee opened fire at the Kenyan embassy's Christmas party.", "former employee"),
    ("In Nairobi a gunman shot two Ugandan tourists.", "gunman"),
])
def test_a_person_noun_as_the_doer_of_violence(code, text, source):  # noqa: F811
    (m,) = [m for m in code(text) if m.event_type == "ASSAULT"]
    assert [a.text for a in m.source] == [source]


def test_an_event_noun_after_a_verb_of_talk_is_its_topic(code):  # noqa: F811
    assert "ASSAULT" not in {m.event_type for m in code("Two Kenyan men were discussing the shooting outside the court.")}


def test_a_participle_after_with_has_no_doer(code):  # noqa: F811
    ms = code("Six Kenyan soldiers died in the Somali bombing, with more than 100 others wounded.")
    assert not any(m.trigger == "wounded" and m.source for m in ms)


@pytest.mark.parametrize("text, source", [
    # a weapon names no doer, unless a word before it names the force that used it
    ("A bomb exploded at a Kenyan police station, killing two officers.", []),
    ("The Kenyan student was killed by police bullets in Nairobi.", ["police bullets"]),
])
def test_weapons_as_doers(code, text, source):  # noqa: F811
    (m,) = [m for m in code(text) if m.event_type == "ASSAULT"]
    assert [a.text for a in m.source] == source


def test_there_were_explosions_names_no_speaker_as_doer(code):  # noqa: F811
    from eventwire.coding.roles import subjects
    from eventwire.nlp import load_model
    from eventwire.pipeline import Config, get_pipeline

    text = "The Afghan police spokesman said that there were two explosions at the German consulate."
    pipe = get_pipeline(Config(type_model=False, role_model=False))
    doc = load_model()(text)
    ctx = pipe.coder.context(doc, 0, text)
    (were,) = [t for t in doc if t.lower_ == "were"]
    assert subjects(ctx, were) == ([], [])


@pytest.mark.parametrize("text, trigger, source", [
    # the doer of a gerund after "by", "after", "before" ... is the doer of the verb above it
    ("Kenyan riot police responded by firing tear gas at the protesters.", "firing", ["Kenyan riot police"]),
    ("Ugandan police chased the smugglers for an hour before arresting them near the Kenyan border.",
     "arresting", ["Ugandan police"]),
    ("After meeting the Ugandan president, the Kenyan foreign minister flew to Addis Ababa.", "meeting",
     ["Kenyan foreign minister"]),
])
def test_the_doer_of_a_gerund_after_a_preposition(code, text, trigger, source):  # noqa: F811
    (m,) = [m for m in code(text) if m.trigger == trigger]
    assert [a.text for a in m.source] == source


def test_prevented_from_attacking_is_not_the_preventers_attack(code):  # noqa: F811
    ms = code("The Indian navy prevented Somali pirates from attacking a Kenyan ship.")
    assert not any(m.trigger == "attacking" and any("navy" in a.text for a in m.source) for m in ms)


@pytest.mark.parametrize("text", [
    "The former Kenyan minister died in Nairobi a week after suffering a heart attack.",
    "Emergency workers at the scene after a tram overturned in Nairobi, trapping five people and injuring 40.",
])
def test_illness_and_accidents_are_no_attacks(code, text):  # noqa: F811
    assert "ASSAULT" not in {m.event_type for m in code(text)}


@pytest.mark.parametrize("text, event", [
    # making an actor act against its will is coercion; being forced by circumstance is no one's act
    ("Indian fighter jets forced a Georgian cargo plane to land in Jaipur.", "COERCE"),
    ("Kenyan police forced the Ugandan opposition leader out of the country.", "COERCE"),
    ("Kenyan office workers were forced to hide inside their offices.", None),
    ("The earthquake forced Kenyan villagers to spend the night in tents.", None),
    # an arrest after a fire is still an arrest
    ("Kenyan police detained 18 people following a fire that killed 19.", "COERCE"),
    ("Bolivian authorities declared a state of siege in Pando.", "COERCE"),
])
def test_coercion_by_force(code, text, event):  # noqa: F811
    types = {m.event_type for m in code(text)} - {"ASSAULT"}
    assert types == ({event} if event else set())


@pytest.mark.parametrize("text", [
    '"The Kenyan government is determined to wreak havoc on our economy," said the opposition leader.',
    "The Ugandan senator tweeted that the Kenyan president's plan was reckless.",
])
def test_more_words_and_verbs_of_judgement(code, text):  # noqa: F811
    assert "ACCUSE" in {m.event_type for m in code(text)}


@pytest.mark.parametrize("text, trigger, source, target", [
    # a reduced passive between commas: who is named before it underwent it
    ("Kamau, shot in the neck, remained in a Nairobi hospital, Kenyan police said.", "shot", [], ["Kamau"]),
    # ... and does the verb joined to it
    ("The Kenyan government, pushed to the brink of default, agreed to cut spending.", "agreed",
     ["Kenyan government"], []),
    # an infinitive after "the first X": the copula's subject does it; after "an honour", no one named
    ("Kenya was the first country to recognise the new Somali government.", "recognise", ["Kenya"],
     ["new Somali government"]),
    ("Kenya became one of the first countries to recognise the new Somali government.", "recognise", ["Kenya"],
     ["new Somali government"]),
    ('The Kenyan president has said it was a "great honour" to meet the Ugandan president at State House.',
     "meet", [], ["Ugandan president"]),
])
def test_roles_of_reduced_passives_and_infinitives(code, text, trigger, source, target):  # noqa: F811
    (m,) = [m for m in code(text) if m.trigger == trigger]
    assert [a.text for a in m.source] == source and [a.text for a in m.target] == target


def test_a_forecast_reads_only_the_core_of_its_clause(code):  # noqa: F811
    """"despite the rescue package's efforts": an adverbial phrase names no act foretold."""
    ms = code("The IMF chief warned that the Kenyan crisis could spread to other countries despite the rescue "
              "package's efforts to contain it.")
    assert "THREATEN" not in {m.event_type for m in ms}


def test_an_earthquake_parsed_as_the_root_kills_by_accident(code):  # noqa: F811
    ms = code("An earthquake with a magnitude of at least 5.9 hit southern Iran on Sunday, killing at least 10 "
              "people and injuring many others.")
    assert not any(m.trigger in ("killing", "injuring") for m in ms)


@pytest.mark.parametrize("text", [
    "Kenyan police searched the laptop of the opposition senator.",
    "Kenyan authorities seized the senator's computer as part of an investigation into a report.",
])
def test_searches_and_seizures_of_belongings(code, text):  # noqa: F811
    assert "COERCE" in {m.event_type for m in code(text)}


def test_a_toll_left_by_an_attack_is_no_withdrawal(code):  # noqa: F811
    ms = code("A Taliban assault left two American soldiers and three Afghan soldiers dead near Kunduz.")
    assert "RETREAT" not in {m.event_type for m in ms}


def test_what_one_declines_to_discuss_is_no_event(code):  # noqa: F811
    assert code("The Kenyan pastor declined to say whether the church had received threats from Ugandan rebels.") == []


@pytest.mark.parametrize("text, event", [
    # a blockade cuts a place off by force (PLV codes it ASSAULT); a state of siege is emergency rule
    ("The Kenyan government imposed a blockade on the Somali port of Kismayo.", "ASSAULT"),
    ("Ugandan troops blockaded the opposition leader's headquarters in Kampala.", "ASSAULT"),
    ("The Bolivian president declared a state of siege in Pando.", "COERCE"),
    # taking a building by force is fighting
    ("Iraqi troops captured the mosque in Mosul from the militants.", "ASSAULT"),
])
def test_blockades_and_captures(code, text, event):  # noqa: F811
    assert event in {m.event_type for m in code(text)}


def test_the_second_of_two_alleged_acts_is_alleged_too(code):  # noqa: F811
    ms = code("Kenyan prosecutors accused the Ugandan soldier of killing two villagers and wounding a third.")
    assert {m.event_type for m in ms} == {"ACCUSE"}


@pytest.mark.parametrize("text, event", [
    ("Iranian demonstrators burned an American flag outside the Swiss embassy in Tehran.", "PROTEST"),
    ("The young Kenyan protesters promised to remain on the streets of Nairobi.", "THREATEN"),
])
def test_flags_burned_and_streets_held(code, text, event):  # noqa: F811
    assert event in {m.event_type for m in code(text)}


@pytest.mark.parametrize("text, asks", [
    # a plea verb in the passive asks for nothing without what is asked ("very encouraged by")
    ('"I have been very encouraged by the Kenyan president\'s interest in the talks," he said.', False),
    ("The Kenyan minister was asked about the Ugandan elections.", False),
    ("Kenya was urged by the UN to hold talks with the rebels.", True),
])
def test_a_passive_plea_needs_what_it_asks(code, text, asks):  # noqa: F811
    assert ("REQUEST" in {m.event_type for m in code(text)}) is asks


@pytest.mark.parametrize("text, event", [
    ("Afghan troops called in air support when surrounded by Taliban fighters.", "REQUEST"),
    # the object parsed as the subject of an infinitive after it
    ("Bolivian authorities declared a state of siege in Bolivia to begin at midnight on Friday.", "COERCE"),
])
def test_calls_for_armed_help_and_infinitive_objects(code, text, event):  # noqa: F811
    assert event in {m.event_type for m in code(text)}


@pytest.mark.parametrize("text, protest", [
    ("Thieves smashed the window of a jewellery shop in central Nairobi and fled.", False),
    ("Kenyan protesters smashed shop windows in central Nairobi.", True),
])
def test_damage_done_by_thieves_is_no_protest(code, text, protest):  # noqa: F811
    assert ("PROTEST" in {m.event_type for m in code(text)}) is protest


@pytest.mark.parametrize("case", _params([
    # a rule with recipient_subject: the subject receives, the giver after "from" / "of" is the source
    Case("The Kenyan president received strong support from Ugandan lawmakers for the plan.", "SUPPORT",
         ["UGA:LEG"], ["KEN:GOV"], trigger="received"),
    Case("The Ethiopian government secured the backing of the African Union.", "SUPPORT",
         ["IGO"], ["ETH:GOV"], trigger="secured"),
    # a promise to undo part of another's work is a threat ("some of X's reforms")
    Case("The Kenyan opposition leader vowed to repeal some of the Kenyan president's reforms.", "THREATEN",
         ["KEN:OPP"], ["KEN:GOV"], trigger="vowed", modality="intended"),
]))
def test_receiving_and_undoing(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("text", [
    # a way of speaking is no talks
    "Voters in Kenya have opted for the opposition leader's blunt talk after years of caution.",
    # allowed with no one allowing: a circumstance, no concession of access
    "Then, Kenyan journalists were allowed to photograph the president's arrival at the palace.",
])
def test_no_event_in_ways_of_speaking_and_doerless_permission(code, text):  # noqa: F811
    assert code(text) == [], [m.event_type for m in code(text)]


def test_permission_by_a_named_authority_is_still_access(code):  # noqa: F811
    mentions = code("Sudan allowed United Nations inspectors into Darfur.")
    assert [m.event_type for m in mentions] == ["RETREAT"]


@pytest.mark.parametrize("case", _params([
    # who claims an attack did it (cues.yaml responsibility_nouns)
    Case("Al-Shabaab claimed responsibility for the bombing in Mogadishu.", "ASSAULT", ["SOM:REB"], [],
         trigger="bombing", attribution="Al-Shabaab"),
    Case("The Islamic State group took credit for the suicide bombing in Kabul.", "ASSAULT", ["IMG:REB"], [],
         trigger="bombing"),
    # a plural event noun the tagger reads as a verb ("airstrikes" as VBZ after "for")
    Case("The rebels said the ambush was revenge for Nato airstrikes against a village.", "ASSAULT", ["IGO"], [],
         trigger="airstrikes", attribution="rebels"),
]))
def test_claims_of_responsibility_and_mistagged_nouns(code, case):  # noqa: F811
    check(code, case)


def test_no_one_claiming_an_attack_names_no_doer(code):  # noqa: F811
    assert code("No group has claimed responsibility for the blast in Kabul.") == []


def test_a_preposition_before_the_verb_is_not_its_particle(code):  # noqa: F811
    """"In giving ..., parliament has given" is no "give in" (a phrasal verb's second word follows it)."""
    text = "In giving the ministries the power to act, the Kenyan parliament has given the public a gift."
    assert "CONCEDE" not in {m.event_type for m in code(text) if m.trigger == "given"}
    assert "CONCEDE" in {m.event_type for m in code("The Kenyan government gave in to the strikers' demands.")}


def test_a_reduced_relative_parsed_as_a_clause_falls_on_its_noun(code):  # noqa: F811
    """"says the woman accused of killing ... is": the participle has no subject of its own."""
    text = "A neighbour says the man accused of shooting two Kenyan police officers is a quiet person."
    accusations = [m for m in code(text) if m.event_type == "ACCUSE"]
    assert len(accusations) == 1 and not accusations[0].source
    assert [a.text for a in accusations[0].target] == ["man"]


@pytest.mark.parametrize("text, protest", [
    # a rule's subject condition (triggers.yaml protest.crowd, cues.yaml protester_nouns)
    ("About 2,000 marchers headed for the Kenyan parliament on Tuesday.", True),
    ("Thousands of demonstrators surged toward the presidential palace in Nairobi.", True),
    ("The Kenyan president headed for the airport on Tuesday.", False),
    ("Kenyan troops moved toward the Somali border.", False),
])
def test_a_crowd_of_protesters_on_the_move(code, text, protest):  # noqa: F811
    assert ("PROTEST" in {m.event_type for m in code(text)}) is protest


def test_a_rule_with_a_subject_condition_gives_no_loose_type():
    from eventwire.coding.triggers import loose_types
    from eventwire.nlp import load_model
    lex = build_lexicon()
    doc = load_model()("The convoy headed north.")
    assert "PROTEST" not in loose_types(doc[2], lex)


def test_a_verb_of_everyday_use_gives_no_loose_type_without_its_objects():
    # cues.yaml vague_verbs: "used" names an assault only with the riot weapons of assault.use
    from eventwire.coding.triggers import loose_types
    from eventwire.nlp import load_model
    lex = build_lexicon()
    doc = load_model()("The building was used by tax officials.")
    assert loose_types(doc[3], lex) == set()
    doc = load_model()("Police stormed the building.")
    assert "ASSAULT" in loose_types(doc[1], lex)


@pytest.mark.parametrize("case", _params([
    # receiving material support is aid from the giver (aid.q.receive, cues.yaml material_support)
    Case("The Somali army has received logistical support from the Turkish military.", "AID",
         ["TUR:MIL"], ["SOM:MIL"], trigger="received"),
    Case("The Ukrainian army obtained weapons from Poland.", "AID", ["POL"], ["UKR:MIL"], trigger="obtained"),
    # ... words of support stay SUPPORT
    Case("The Kenyan president received strong support from Ugandan lawmakers.", "SUPPORT",
         ["UGA:LEG"], ["KEN:GOV"], trigger="received"),
]))
def test_receiving_aid(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("case", _params([
    # what a commander orders by name is the commander's act (cues.yaml command_verbs)
    Case("The Kenyan president ordered air strikes on Somali militants.", "ASSAULT", ["KEN:GOV"], ["SOM:REB"],
         trigger="ordered", also={"ASSAULT"}),
    Case("A Nairobi court ordered the release of the Ugandan opposition leader.", "RETREAT", ["KEN:JUD"],
         ["UGA:OPP"], trigger="ordered"),
    # an order to someone to act stays a request
    Case("Kenyan police ordered the Ugandan journalist to appear for questioning.", "REQUEST", ["KEN:COP"],
         ["UGA:JRN"], trigger="ordered", also={"ACCUSE"}),
]))
def test_orders_by_name_and_orders_to_act(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("case", _params([
    # answering what someone put forward is an act towards its author (cues.yaml authored_nouns)
    Case("The Nepali government accepted the demands by Maoist rebels.", "AGREE", ["NPL:GOV"], [":REB"],
         trigger="accepted", also={"RETREAT"}),
    Case("The Kenyan government rejected calls from the opposition for early elections.", "REJECT",
         ["KEN:GOV"], [":OPP"], trigger="rejected"),
]))
def test_answers_go_to_the_author(code, case):  # noqa: F811
    check(code, case)


def test_who_underwent_a_headline_passive_did_not_do_the_gerund_after_it(code):  # noqa: F811
    """"One person treated ... after shooting near demonstration": the patient fired no shot."""
    text = ("One person treated for 'life-threatening' injuries by emergency services after shooting near "
            "demonstration Five people have been hurt, one critically, after a shooting near the scene of "
            "protests against President William Ruto in the Kenyan city of Mombasa.")
    assert not any(a.text == "One person" for m in code(text) for a in m.source)


@pytest.mark.parametrize("text, mobilize", [
    ("Kenya reinforced its troops along the Somali border.", True),
    ("Kenya reinforced its commitment to Somali refugees with a new grant.", False),
])
def test_reinforcing_forces_not_commitments(code, text, mobilize):  # noqa: F811
    assert ("MOBILIZE" in {m.event_type for m in code(text)}) is mobilize


def test_a_flattened_picture_credit_is_no_part_of_an_actor(code):  # noqa: F811
    """cues.yaml caption_labels: "AFP" of "Image copyright AFP Image caption" names no French actor."""
    text = "Image copyright AFP Image caption Kenyan protesters gathered outside parliament in Nairobi."
    sources = [a for m in code(text) for a in m.source]
    assert sources and all(a.country == "KEN" and "caption" not in a.text for a in sources)


def test_a_past_tense_tagged_as_a_participle_keeps_its_doer(code):  # noqa: F811
    text = "Kenyan riot police positioned at street corners responded by firing tear gas at the protesters."
    assert any(m.event_type == "ASSAULT" and any(a.sector == "COP" for a in m.source) for m in code(text))


@pytest.mark.parametrize("case", _params([
    # the coded actor a promised or refused act (no trigger of its own) is done to
    Case("The Japanese government has agreed to provide Sri Lanka with new technology.", "AGREE",
         ["JPN:GOV"], ["LKA"], trigger="agreed"),
]))
def test_promised_acts_name_their_target(code, case):  # noqa: F811
    check(code, case)


def test_a_promised_act_on_a_thing_names_no_target(code):  # noqa: F811
    mentions = code("The Kenyan government has agreed to set up a new research institute in Nairobi.")
    assert [m.event_type for m in mentions] == ["AGREE"]
    assert all(a.country for a in mentions[0].target)


@pytest.mark.parametrize("case", _params([
    # the one asked is the subject of the clause on the request noun; "US" tagged as a name is no "us"
    Case("Kenya renewed its call for Uganda to withdraw its troops.", "REQUEST", ["KEN"], ["UGA"],
         trigger="renewed", also={"RETREAT"}),
    Case("Iran has repeated its demand that US lift sanctions on exports of Iranian oil to Asia.",
         "REQUEST", ["IRN"], ["USA"], trigger="repeated"),
]))
def test_the_one_asked_by_a_request_noun(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("text, event", [
    ("The Wells Fargo branch evacuated at 1:30 p.m., a Kenyan police spokesman said.", "AID"),
    ("Kenyan officials said the changes target the heart of the Kenyan constitution.", "ASSAULT"),
])
def test_no_aid_in_a_building_emptied_and_no_attack_by_changes(code, text, event):  # noqa: F811
    assert event not in {m.event_type for m in code(text)}


def test_a_sea_named_after_a_place_is_no_participant():
    """The role model may pick any noun: "Aden" of "the Gulf of Aden" resolves to no actor."""
    from eventwire.coding.participants import actor
    from eventwire.nlp import load_model
    from eventwire.pipeline import Config, get_pipeline
    pipe = get_pipeline(Config(type_model=False, role_model=False))
    doc = load_model()("The Kenyan navy patrolling the Gulf of Aden thwarted an attack on a cargo ship.")
    ctx = pipe.coder.context(doc)
    aden = next(t for t in doc if t.text == "Aden")
    assert actor(ctx, aden) is None
    assert actor(ctx, next(t for t in doc if t.text == "navy")).country == "KEN"


@pytest.mark.parametrize("case", _params([
    # a failure said of an actor condemns it (cues.yaml failure_verbs); its owner after "by" is the target
    Case('"The Kenyan government has again failed to protect its citizens," the opposition leader said.',
         "ACCUSE", [":OPP"], ["KEN:GOV"], trigger="said"),
    Case('"Another late statement by the Ugandan army failed to explain the deaths," the Kenyan minister said.',
         "ACCUSE", ["KEN:GOV"], ["UGA:MIL"], trigger="said"),
]))
def test_saying_an_actor_failed_condemns_it(code, case):  # noqa: F811
    check(code, case)


def test_a_failure_of_a_thing_is_no_accusation(code):  # noqa: F811
    assert code("Kenyan officials said the rocket failed to reach orbit.") == []


def test_evacuating_staff_is_aid(code):  # noqa: F811
    mentions = code("Kenyan soldiers evacuated the embassy staff from Juba on Sunday.")
    assert [m.event_type for m in mentions] == ["AID"]


@pytest.mark.parametrize("text, accuse", [
    # questioning a suspect is an investigation of them; questioning residents accuses no one
    ("Kenyan police questioned the opposition leader for six hours.", True),
    ("Dozens of Kenyan police officers fanned out around the block, questioning residents.", False),
])
def test_questioning_suspects_not_residents(code, text, accuse):  # noqa: F811
    assert ("ACCUSE" in {m.event_type for m in code(text)}) is accuse


def test_asking_a_quoted_question_is_no_request(code):  # noqa: F811
    assert "REQUEST" not in {m.event_type for m in code('The Kenyan president asks: "Somebody in the police?"')}


@pytest.mark.parametrize("case", _params([
    # a concession stated as a future intention is AGREE, as PLV codes it (cues.yaml future_as_agree)
    Case("The Somali rebels said they will release the two Kenyan pilots on Monday.", "AGREE", ["SOM:REB"],
         ["KEN"], trigger="release", modality="future", attribution="Somali rebels"),
    # ... and refused, a REJECT
    Case("The Somali rebels said they will not release the two Kenyan pilots.", "REJECT", ["SOM:REB"],
         ["KEN"], trigger="release", modality="future", attribution="Somali rebels"),
]))
def test_future_concessions(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("text, event", [
    # welcoming an offer or a visit praises it (support.welcome), as PLV codes it
    ("The German chancellor welcomed the American invitation to the Russian president.", "SUPPORT"),
    ("Kenya accepted the Ugandan offer of talks.", "AGREE"),
])
def test_welcoming_praises_accepting_agrees(code, text, event):  # noqa: F811
    assert event in {m.event_type for m in code(text)}


@pytest.mark.parametrize("text, support", [
    # a verb of posture with a preposition of place is posture (cues.yaml posture_verbs)
    ("Police say the Kenyan student was standing outside his home with five other young men.", False),
    ("Kenya stands with Uganda in its fight against the rebels.", True),
])
def test_standing_somewhere_is_no_support(code, text, support):  # noqa: F811
    assert ("SUPPORT" in {m.event_type for m in code(text)}) is support


@pytest.mark.parametrize("case", _params([
    # a plea for punishment of a named party condemns it, as PLV codes it (cues.yaml punitive_events)
    Case("Kenyan lawmakers have called for sanctions against Uganda over the border killings.", "ACCUSE",
         ["KEN:LEG"], ["UGA"], trigger="called", mode="disapprove"),
    # a plea for anything else stays a request
    Case("Kenyan lawmakers have called for new talks with Uganda.", "REQUEST", ["KEN:LEG"], [],
         trigger="called", also={"CONSULT"}),
]))
def test_calls_for_sanctions_condemn(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("case", _params([
    # what critics say of an actor is criticism (cues.yaml critic_nouns); critics are the opposition
    Case("Kenyan critics say President Ruto has ignored the drought in the north.", "ACCUSE", ["KEN:OPP"],
         ["KEN:GOV"], trigger="say"),
    Case("President Ruto's critics say he has used the protests as an excuse to silence the press.", "ACCUSE",
         ["KEN:OPP"], ["KEN:GOV"], trigger="say"),
]))
def test_what_critics_say_is_criticism(code, case):  # noqa: F811
    check(code, case)


def test_what_officials_say_is_no_criticism(code):  # noqa: F811
    assert "ACCUSE" not in {m.event_type for m in code("Kenyan officials say the president will travel to Uganda.")}


def test_a_fixed_phrase_is_no_act(code):  # noqa: F811
    """cues.yaml fixed_phrases: "as opposed to" opposes nothing."""
    text = "Kenyan voters chose the president's plan, as opposed to the opposition's."
    assert "REJECT" not in {m.event_type for m in code(text)}


@pytest.mark.parametrize("case", _params([
    Case("The chairwoman of the Arab League denounced the bombing of the market.", "ACCUSE", ["IGO"], []),
    Case("Residents of Lahore marched against the fuel tax.", "PROTEST", ["PAK:CVL"], []),
    Case("The spokesman of the Chilean foreign ministry rejected the Bolivian claim.", "REJECT", ["CHL:GOV"], ["BOL"]),
]))
def test_an_office_or_a_people_of_a_named_body(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("case", _params([
    Case("Hezbollah and the Lebanese army were guilty of violating the truce.", "ASSAULT", ["LBN"], ["LBN:MIL"]),
    Case("The Sinaloa cartel is responsible for the killings of Mexican journalists.", "ASSAULT", ["MEX:CRM"], ["MEX:JRN"]),
    Case("Boko Haram was behind the bombing of the Nigerian market.", "ASSAULT", ["NGA"], ["NGA"]),
]))
def test_the_guilty_party_did_the_act(code, case):  # noqa: F811
    check(code, case)


def test_not_behind_an_attack_is_negated(code):  # noqa: F811
    ms = [m for m in code("Somali officials said al-Shabaab was not behind the bombing.") if m.event_type == "ASSAULT"]
    assert [m.negated for m in ms] == [True]


def test_a_court_finding_guilty_is_the_courts_act(code):  # noqa: F811
    # (a conviction is PLOVER's SANCTION, mode convict)
    ms = code("A Kenyan court found two Somali men guilty of attacking the mall.")
    assert [(m.event_type, m.mode) for m in ms] == [("SANCTION", "convict")]


@pytest.mark.parametrize("text, victim", [
    ("A Chechen activist died as a result of torture in a Russian police station.", "Chechen activist"),
    ("A jailed Egyptian blogger died after torture, his family said.", "jailed Egyptian blogger"),
    ("Three Iraqi soldiers died in the ISIS attack on the checkpoint.", "Three Iraqi soldiers"),
])
def test_who_died_of_an_act_underwent_it(code, text, victim):  # noqa: F811
    ms = [m for m in code(text) if m.event_type == "ASSAULT"]
    assert ms and [a.text for a in ms[0].target] == [victim]


def test_dying_of_an_illness_is_no_event(code):  # noqa: F811
    assert code("The exiled Cuban poet died of cancer in Madrid.") == []


@pytest.mark.parametrize("text, target", [
    ("Two Kenyan students were charged on Monday.", "Two Kenyan students"),
    ("Man charged after Swansea woman found dead", "Man"),
    ("Two men charged over the shooting appeared in a Belfast court.", "Two men"),
])
def test_a_bare_charge_undergone(code, text, target):  # noqa: F811
    ms = [m for m in code(text) if m.event_type == "ACCUSE"]
    assert ms and [a.text for a in ms[0].target] == [target]


@pytest.mark.parametrize("text", [
    "Protesters charged at police lines",
    "Customers were charged a fee.",
    "The phone battery was charged overnight.",
])
def test_charging_at_or_a_price_is_no_charge(code, text):  # noqa: F811
    assert "ACCUSE" not in [m.event_type for m in code(text)]


def test_an_operation_is_what_it_is_for(code):  # noqa: F811
    ms = code("Turkish police launched operations to detain 40 Syrian smugglers.")
    assert [m.event_type for m in ms] == ["COERCE"]
    ms = code("The Libyan general ended a campaign to seize the capital.")
    assert "COERCE" not in [m.event_type for m in ms]


@pytest.mark.parametrize("text, assault", [
    ("She kept fighting for the care of our children, the Kenyan senator said.", False),
    ("Norway spends billions fighting the root causes of migration, the Norwegian minister said.", False),
    ("The Libyan rebels fought for control of the port.", True),
])
def test_fighting_for_a_cause_is_no_attack(code, text, assault):  # noqa: F811
    assert ("ASSAULT" in [m.event_type for m in code(text)]) is assault


@pytest.mark.parametrize("case", _params([
    Case("The Venezuelan president has questioned the Colombian leader's legitimacy.", "ACCUSE", ["VEN:GOV"], ["COL:GOV"]),
    Case("The Kenyan opposition disputed the government's figures.", "ACCUSE", ["KEN:OPP"], [None]),
]))
def test_doubting_someones_standing_or_word(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("text", [
    "A Japanese carmaker agreed a battery supply deal with a Korean chipmaker.",
    "The Swiss insurers rejected a takeover offer from a German lender.",
])
def test_deals_between_businesses_are_commerce(code, text):  # noqa: F811
    assert code(text) == []


@pytest.mark.parametrize("text, event", [
    ("The Iraqi oil ministry rejected a bid from a French refiner.", "REJECT"),
    ("The IMF executive board approved a loan to a Pakistani lender.", "AID"),
])
def test_a_state_or_a_body_makes_a_deal_political(code, text, event):  # noqa: F811
    assert event in [m.event_type for m in code(text)]


@pytest.mark.parametrize("case", _params([
    Case("The last British soldiers left Basra on Tuesday.", "RETREAT", ["GBR:MIL"], ["IRQ"]),
    Case("The African Union has sent election observers to Malawi.", "AID", ["IGO"], ["MWI"]),
    Case("Jordan has decided to lift the curfew in Zarqa.", "CONCEDE", ["JOR"], []),
]))
def test_leaving_observing_and_deciding(code, case):  # noqa: F811
    check(code, case)


def test_leaving_a_base_on_patrol_is_no_withdrawal(code):  # noqa: F811
    assert "RETREAT" not in [m.event_type for m in code("Kenyan troops left the base at dawn to patrol the border.")]


@pytest.mark.parametrize("case", _params([
    Case("The Venezuelan president said that lifting the ban on foreign aid is out of the question.", "REJECT",
         ["VEN:GOV"], []),
    Case("The Greek prime minister said a new bailout was off the table.", "REJECT", ["GRC:GOV"], []),
]))
def test_ruling_something_out_rejects_it(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("case", _params([
    Case("Two Syrian rebels took part in the attack on the checkpoint.", "ASSAULT", ["SYR:REB"], []),
    Case("Mongolian troops participate in peacekeeping operations in South Sudan.", "AID", ["MNG:MIL"], []),
    Case("Chile is not participating in the Lima meeting.", "CONSULT", ["CHL"], [], negated=True),
]))
def test_who_takes_part_in_an_act_does_it(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("case", _params([
    Case("The Egyptian president ordered the opposition leader arrested.", "COERCE", ["EGY:GOV"], [":OPP"]),
    Case("A Turkish judge has ordered six Kurdish journalists jailed while they are investigated.", "COERCE",
         ["TUR:JUD"], [":JRN"], also={"ACCUSE"}),
]))
def test_ordering_someone_jailed_is_the_orderers_act(code, case):  # noqa: F811
    check(code, case)


def test_ordering_someone_to_act_stays_a_request(code):  # noqa: F811
    assert [m.event_type for m in code("The Kenyan court ordered the minister to appear.")] == ["REQUEST"]


def test_a_quoted_judgement_with_no_speaker_named(code):  # noqa: F811
    ms = code("\u201cMaduro is a dictator, everyone in Caracas knows it.\u201d")
    assert [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in ms] == \
        [("ACCUSE", [], ["VEN"])]


def test_a_quoted_judgement_of_a_thing_is_no_event(code):  # noqa: F811
    assert code("\u201cThe weather in Caracas is a disaster.\u201d") == []


@pytest.mark.parametrize("case", _params([
    Case("Norway summoned the Russian ambassador to complain about the jamming of its radar.", "ACCUSE",
         ["NOR"], ["RUS:GOV"]),
]))
def test_what_a_sending_is_for_is_the_act(code, case):  # noqa: F811
    check(code, case)


def test_a_team_sent_to_investigate_investigates(code):  # noqa: F811
    ms = code("Canada will send a team of investigators to Ghana to investigate the crash.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("ACCUSE", ["CAN"])]


ROLES_AND_READINGS: list[Case] = [
    # a business's employee who shoots is no business act (cues.yaml commerce_doer_events)
    Case("A former Kenyan bank employee opened fire at his workplace in Nairobi.", "ASSAULT", ["KEN:BUS"], [],
         trigger="opened"),
    # workers who strike stop work (triggers.yaml protest.strike.v)
    Case("Kenyan teachers struck for a third day over pay.", "PROTEST", ["KEN:EDU"], [], trigger="struck", mode="strike"),
    # "until" in a past narrative is no condition (cues.yaml narrative_marks)
    Case("The town was calm until Egyptian police arrested the mayor.", "COERCE", ["EGY:COP"], [":GOV"],
         trigger="arrested"),
    # a search for evidence investigates (triggers.yaml accuse.q.search)
    Case("Kenyan police searched the area for evidence.", "ACCUSE", ["KEN:COP"], [], trigger="searched"),
    # a call is what it is made for: "called X to congratulate him" praises
    Case("Modi called the new Nepali prime minister to congratulate him.", "SUPPORT", ["IND:GOV"], ["NPL:GOV"],
         trigger="called"),
    # a noun's object is its "of" phrase: a suspension of aid is a sanction (triggers.yaml sanction.q.cutoff)
    Case("Norway announced a suspension of aid to Mali.", "SANCTION", ["NOR"], ["MLI"], trigger="suspension",
         attribution="Norway"),
    # saying who was responsible blames them (cues.yaml pejorative_words)
    Case("The Colombian army said ELN rebels were responsible.", "ACCUSE", ["COL:MIL"], ["COL:REB"], trigger="said"),
    # a title with its name in apposition is the named person ("the Prime Minister, Narendra Modi,")
    Case("The Prime Minister, Narendra Modi, visited Dhaka on Friday.", "CONSULT", ["IND:GOV"], ["BGD"],
         trigger="visited"),
    # summoning a foreign envoy is a diplomatic protest, whatever its stated purpose
    Case("Hungary summoned the Dutch ambassador to protest the remarks.", "ACCUSE", ["HUN"], ["NLD:GOV"],
         trigger="summoned", also={"PROTEST"}),
    # what is protested against is not done by the protesters
    Case("Thousands of Chileans protested the killing of a student.", "PROTEST", ["CHL"], [":EDU"],
         trigger="protested"),
    # an army's targets are no figure of speech (cues.yaml armed_objects)
    Case("Ethiopian jets struck targets in the Tigray region overnight.", "ASSAULT", ["ETH:MIL"], ["ETH"],
         trigger="struck", also={"MOBILIZE"}),
    # forces deployed with no doer named are the doers (cues.yaml deployment_verbs)
    Case("Chadian troops were deployed to the Sudanese border.", "MOBILIZE", ["TCD:MIL"], ["SDN"],
         trigger="deployed"),
    # what an "anti-" noun is against is its target
    Case("Anti-Erdogan protesters marched through Istanbul.", "PROTEST", [":CVL"], ["TUR:GOV"], trigger="marched"),
    # the people a court's verb falls on are its target, counted or not (cues.yaml
    # victim_legal_verbs); "men", "women" and "children" are the plurals of their nouns
    Case("Kenyan prosecutors charged three men with arson.", "ACCUSE", ["KEN:JUD"], [None], trigger="charged"),
    Case("The suspect faces murder charges, Kenyan police said.", "ACCUSE", ["KEN:COP"], [None], trigger="charges",
         attribution="Kenyan police"),
    Case("Ghanaian prosecutors indicted three women on Tuesday.", "ACCUSE", ["GHA:JUD"], [None], trigger="indicted"),
    # the people a release frees are its target, counted or not (cues.yaml person_object_modes)
    Case("The Eritrean government freed 42 prisoners on Thursday.", "RETREAT", ["ERI:GOV"], [None],
         trigger="freed", mode="release"),
    Case("Scores of detainees were released by Ethiopian forces over the weekend.", "RETREAT", ["ETH:MIL"], [None],
         trigger="released", mode="release"),
    # a measure of a two-sided act is that act (cues.yaml measure_nouns): the parties split
    Case("Serbia and Kosovo began a fresh round of talks in Brussels.", "CONSULT", ["SRB"], ["KOS"],
         trigger="began"),
    Case("Peru and Chile held a series of meetings on fishing rights.", "CONSULT", ["PER"], ["CHL"],
         trigger="held"),
    # what is shared or sent in a promised or refused act is no target; its recipient is
    Case("Spain and Morocco agreed to share intelligence on smuggling networks.", "AGREE", ["ESP"], ["MAR"],
         trigger="agreed", modality="intended"),
    Case("The Belgian government refused to send soldiers to Mali.", "REJECT", ["BEL:GOV"], ["MLI"],
         trigger="refused"),
    # criticism by a verb of force said of an actor (rule accuse.blast)
    Case("The Kenyan opposition leader blasted the World Bank over the loan terms.", "ACCUSE", ["KEN:OPP"],
         ["IGO"], trigger="blasted"),
    # a supplier cutting off energy discontinues an exchange (rule sanction.flows)
    Case("Algeria cut off gas supplies to Spain on Friday.", "SANCTION", ["DZA"], ["ESP"], trigger="cut",
         mode="discontinue"),
    # a warning that the warner itself will act is a threat, not a forecast
    Case("Beijing warned that it would take resolute measures against Taipei.", "THREATEN", ["CHN:GOV"], [],
         trigger="warned"),
    # being open to or ready for talks is an intention: AGREE
    Case("The Sudanese army said it was open to talks with the RSF.", "AGREE", ["SDN:MIL"], ["SDN:PRM"],
         modality="intended", attribution="Sudanese army"),
    # the doer of an undergone act told by a clause of time of the same type
    Case("At least 12 villagers were killed when Nigerian jets bombed a market in Borno.", "ASSAULT",
         ["NGA:MIL"], [None], trigger="killed", also={"ASSAULT"}),
    Case("Seven Malian soldiers died in an ambush by jihadist fighters near Gao.", "ASSAULT", [None], ["MLI:MIL"],
         trigger="ambush"),
    # what erupts after a killing is unrest, no accident
    Case("Protests erupted in Nairobi after Kenyan police killed a student.", "ASSAULT", ["KEN:COP"], [None],
         trigger="killed"),
    # the people a state strips of their rights are its opponents (sector OPP)
    Case("Belarus stripped 40 opponents of their citizenship.", "COERCE", ["BLR"], [":OPP"], trigger="stripped"),
    # hitting someone with sanctions (rule sanction.hitwith)
    Case("Canada hit Iran with fresh sanctions on Friday.", "SANCTION", ["CAN"], ["IRN"], trigger="hit",
         mode="discontinue"),
    # arson: what is set on fire is the target (rule assault.arson)
    Case("Arsonists set fire to a church in the Nigerian city of Jos.", "ASSAULT", [None], [":REL"], trigger="set"),
    # the police gathering evidence investigate (rule accuse.q.gather)
    Case("Kenyan police are gathering evidence against the opposition leader.", "ACCUSE", ["KEN:COP"], [":OPP"],
         trigger="gathering"),
    # a subject the parser hangs on the auxiliary is the subject
    Case("Oman and Kuwait are mediating between Yemen and Saudi Arabia.", "CONSULT", ["OMN", "KWT"], ["YEM", "SAU"],
         trigger="mediating"),
    # the owner of an event noun made it when an actor by its modifiers
    Case("The Austrian chancellor's visit to Ankara was cut short.", "CONSULT", ["AUT:GOV"], ["TUR"], trigger="visit"),
    # "without" negates the act it governs
    Case("The Hungarian prime minister acted without consulting the European Commission.", "CONSULT",
         ["HUN:GOV"], ["EUR"], negated=True, trigger="consulting"),
    # the person killed is the target before the place of the event noun absorbed
    Case("A bomb explosion at a Kenyan market killed a police officer.", "ASSAULT", [], [":COP"], trigger="killed"),
    # who goes on trial is tried by the courts (rule accuse.q.ontrial)
    Case("The former Peruvian president went on trial for corruption.", "ACCUSE", [":JUD"], ["PER:GOV"], trigger="went"),
    # a meal with someone is a meeting (rule consult.meal, needs_target)
    Case("The Japanese prime minister had lunch with the Australian foreign minister in Tokyo.", "CONSULT",
         ["JPN:GOV"], ["AUS:GOV"], trigger="had"),
    Case("The Mexican president and the Canadian prime minister had dinner in Ottawa.", "CONSULT", ["MEX:GOV"], ["CAN:GOV"],
         trigger="had"),
]


@pytest.mark.parametrize("case", _params(ROLES_AND_READINGS))
def test_roles_and_readings(code, case):  # noqa: F811
    check(code, case)


# Written for this file from the kinds of sentences in wire politics and local news.
VOWS_BLAME_AND_COURTS: list[Case] = [
    # an object complement the parser hangs on the object ("found X guilty")
    Case("A jury found the police officer guilty of manslaughter.", "SANCTION", [":JUD"], [":COP"], trigger="found"),
    # a promise of harm is a threat (rule threaten.vow)
    Case("Hezbollah vowed revenge for the killing of its commander.", "THREATEN", ["LBN"], [], trigger="vowed"),
    Case("The Iranian foreign ministry promised a harsh response to any Israeli attack.", "THREATEN", ["IRN:GOV"],
         ["ISR"], trigger="promised", modality="intended"),
    Case("North Korea threatened retaliation against the United States.", "THREATEN", ["PRK"], ["USA"],
         trigger="threatened"),
    # joining the protesters is protesting; they are no target (rule protest.join)
    Case("Georgian opposition leaders joined thousands of demonstrators outside parliament.", "PROTEST",
         ["GEO:OPP"], [], trigger="joined"),
    # "X is to blame" said by someone: the speaker blames X
    Case("The Afghan minister said Pakistan was to blame for the attack.", "ACCUSE", ["AFG:GOV"], ["PAK"],
         trigger="said"),
    Case("Kenya's president concluded that the opposition was to blame for the violence.", "ACCUSE", ["KEN:GOV"],
         [":OPP"], trigger="concluded"),
    # a warning to a state stays a threat
    Case("Russia warned NATO to stay out of the conflict.", "THREATEN", ["RUS"], ["IGO"], trigger="warned"),
    # troops rescuing migrants give aid; a rescuer's daily work does not (below)
    Case("Greek coast guard vessels rescued 40 migrants off Lesbos.", "AID", ["GRC"], [":REF"], trigger="rescued"),
    # stopping a vessel is a seizure (rules coerce.intercept, coerce.board: boarding by a force)
    Case("The Turkish coast guard intercepted a boat carrying migrants near Bodrum.", "COERCE", ["TUR"], [],
         trigger="intercepted", mode="seize"),
    Case("US forces boarded an Iranian tanker in the Gulf of Oman.", "COERCE", ["USA:MIL"], ["IRN"], trigger="boarded"),
    # what a law would let someone do is hypothetical: the mood of the verb that allows it
    Case("The bill would allow the Hungarian government to detain migrants for 90 days.", "COERCE", ["HUN:GOV"],
         [":REF"], trigger="detain", modality="hypothetical"),
    # riot weapons or force used on people (rule assault.use)
    Case("Thai police used water cannon against student demonstrators in Bangkok.", "ASSAULT", ["THA:COP"],
         ["THA:CVL"], trigger="used", mode="violence"),
    # the main verb the parser hangs on its subject after a clause between commas
    Case("The Venezuelan opposition leader, who fled to Spain last year, called on the army to abandon Maduro.",
         "REQUEST", ["VEN:OPP"], [":MIL"], trigger="called"),
    # breaking into networks (rule coerce.hack.into); weapons handed to a state are aid (aid.q.hand)
    Case("Russian hackers breached the networks of several Lithuanian ministries.", "COERCE", ["RUS"], [],
         trigger="breached", mode="cyber"),
    Case("The Netherlands handed over the first F-16 jets to Ukraine.", "AID", ["NLD"], ["UKR"], trigger="handed"),
    # a main verb the parser hangs on its subject noun as a past-tense modifier with an object
    Case("The Malian rebels handed over their weapons to the army.", "RETREAT", ["MLI:REB"], [":MIL"],
         trigger="handed"),
    # what someone is called on to do is not done ("faced calls to resign", parsed as a purpose)
    Case("The Estonian prime minister faced calls to resign after the defeat.", "RETREAT", ["EST:GOV"], [],
         trigger="resign", modality="hypothetical"),
    # a group named by its modifier or counted as a pair (cues.yaml group_heads)
    Case("Italian police seized 40 alleged Mafia members on Tuesday.", "COERCE", ["ITA:COP"], [":CRM"],
         trigger="seized"),
    Case("Kenyan police arrested a pair of suspected smugglers in Mombasa.", "COERCE", ["KEN:COP"], [":CRM"],
         trigger="arrested"),
    # facing counts or misdemeanours is being charged (rule accuse.q.facecount)
    Case("The former Nigerian governor faces two felony counts.", "ACCUSE", [], ["NGA:GOV"], trigger="faces"),
    Case("The former Nigerian governor faces two counts of fraud.", "ACCUSE", [], ["NGA:GOV"], trigger="faces"),
    # support put behind a candidate (support.q.weight target_preps; candidates are a party's)
    Case("The Kenyan singer put her support behind the opposition candidate.", "SUPPORT", ["KEN"], [":OPP"],
         trigger="put"),
    # the doer's own act noun names no target ("an Israeli air strike ... killed": not Israel)
    Case("An Israeli air strike on a house in Rafah killed 12 members of one family.", "ASSAULT", ["ISR"], [],
         trigger="killed", mode="aerial"),
    # revoking agreements cuts ties (sanction.suspend); military rulers are the military
    Case("Niger's military rulers revoked the defence agreements with the European Union.", "SANCTION",
         ["NER:MIL"], ["EUR"], trigger="revoked"),
    # a group noun named with its place after "in" takes the place's country
    Case("Prosecutors in Brazil indicted the former president.", "ACCUSE", ["BRA:JUD"], [":GOV"], trigger="indicted"),
    Case("Police in Moscow detained 50 protesters.", "COERCE", ["RUS:COP"], [":CVL"], trigger="detained"),
    # staying away from work is a strike (rule protest.q.stayaway)
    Case("Nigerian doctors stayed away from work for a third day.", "PROTEST", ["NGA:MED"], [], trigger="stayed"),
]


@pytest.mark.parametrize("case", _params(VOWS_BLAME_AND_COURTS))
def test_vows_blame_and_courts(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("text", [
    # advice to the public is no threat (threaten.warn: unless_object, unless_doing)
    "The US embassy warned Americans to avoid the area around the stadium.",
    "Kenyan police warned drivers to stay away from the flooded bridge.",
    "Health officials warned residents that the water was unsafe.",
    # staying away from a place is no strike
    "Hundreds of residents stayed away from the flooded bridge.",
    # no blame when it is denied
    "The Afghan minister said Pakistan was not to blame for the attack.",
    # a private person's plea or help to people in general (cues.yaml private_plea_events)
    "Mr Hale urged people not to travel without warm clothes.",
    "Mr Hale always went out of his way to help people, said Ms Amos, a neighbour.",
    # rescuers at work (cues.yaml rescuer_words) and candidates running for office
    "Firefighters rescued two children from the burning house in Leeds.",
    "A passer-by helped the injured officer until an ambulance arrived.",
    "The Brazilian senator, who is seeking re-election, spoke at a rally in Recife.",
    "The Venezuelan president is seeking a third six-year term.",
    # boarding a ship or a plane as a traveller
    "Dutch tourists boarded a ferry to Crete.",
    # what is published is no one freed (retreat.release unless_object)
    "Kenyan police released the names of the two victims.",
    # papers delivered are no aid (cues.yaml paper_objects)
    "The reporter delivered a package of documents to the Kenyan embassy.",
    # asking for privacy or asking questions is no political request
    "The families of the two Kenyan officers requested privacy, a police spokesman said.",
    "Turkish detectives never asked the witness such leading questions.",
    # people of sport and the arts named by a nationality make no political event by themselves
    # (cues.yaml private_role_heads)
    "The Mexican telenovela star and her co-star have agreed to divorce.",
])
def test_no_event_in_advice_and_private_pleas(code, text):  # noqa: F811
    assert [(m.event_type, m.trigger) for m in code(text)] == []


CORDONS_TRIALS_AND_WARNINGS: list[Case] = [
    # a cordon or checkpoints put up restrict movement (rule coerce.q.cordon); a police cordon
    # has the police as its doer
    Case("Kenyan police set up a cordon around the French embassy after the bomb threat.", "COERCE", ["KEN:COP"],
         [], trigger="set", mode="restrict"),
    Case("Colombian troops set up checkpoints on every road into the town.", "COERCE", ["COL:MIL"], [],
         trigger="set"),
    # who is on trial undergoes the courts' accusation (cues.yaml on_acts)
    Case("The former Bolivian interior minister is on trial for bribery in La Paz.", "ACCUSE", [":JUD"],
         ["BOL:GOV"], trigger="trial"),
    # a part of a crowd is a crowd (cues.yaml group_heads)
    Case("About half of the Serbian students broke away and marched to parliament.", "PROTEST", ["SRB:EDU"],
         [":LEG"], trigger="marched"),
    # what a warned party is told it will face or pay is a threat (cues.yaml threat_outcomes)
    Case("The Chinese defence ministry warned that Taiwan would pay a heavy price for the arms deal.", "THREATEN",
         ["CHN:GOV"], [], trigger="warned"),
]


@pytest.mark.parametrize("case", _params(CORDONS_TRIALS_AND_WARNINGS))
def test_cordons_trials_and_warnings(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("text", [
    # a noun of time on the verb is never the rule's object: no threat is set
    "Staff set up a first-aid tent after the threat of rain.",
    # clinical trials and suspects awaiting trial name no accusation
    "The vaccine trials began in three Brazilian cities in March.",
    "Several suspects awaiting trial in Lima fell ill with the flu.",
    # a forecast of prices is no threat
    "Indian doctors warned that the price of medicines would rise.",
    # cables and actions are no attackers
    "The new cables hit the Egyptian coast at Alexandria.",
    "Monday's actions were another assault on the law.",
])
def test_no_event_in_times_trials_and_things(code, text):  # noqa: F811
    assert [(m.event_type, m.trigger) for m in code(text)] == []


STATES_BODIES_AND_SHOWS_OF_FORCE: list[Case] = [
    # a legislature named by its state is that state's, not the US Congress
    Case("The Peruvian Congress voted to impeach the president on Thursday.", "ACCUSE", ["PER:LEG"], [":GOV"],
         trigger="impeach"),
    # criticism drawn from someone is theirs (rule accuse.q.draw); praise won is support
    Case("Uganda's parliament passed the bill, drawing condemnation from Washington.", "ACCUSE", ["USA:GOV"],
         ["UGA:LEG"], trigger="drawing"),
    Case("The Kenyan plan has won praise from the African Union.", "SUPPORT", ["IGO"], ["KEN"], trigger="won"),
    # a vow's second verb is vowed too
    Case("The Bolivian rebels vowed to regroup and attack the capital.", "THREATEN", ["BOL:REB"], [],
         trigger="vowed", modality="intended"),
    # troops put on a state of alert (the "of" phrase of a noun of degree)
    Case("Serbia put its troops on the highest state of alert.", "MOBILIZE", ["SRB"], ["SRB:MIL"], trigger="put"),
    # a leader overseeing a missile test tests it (cues.yaml light_verbs; rule mobilize.test.of)
    Case("Kim Jong Un oversaw the launch of a new ballistic missile.", "MOBILIZE", ["PRK:GOV"], [],
         trigger="launch", mode="weapons"),
    # warning shots are a show of force (rule threaten.shots)
    Case("Greek coast guard officers fired warning shots at a Turkish fishing boat.", "THREATEN", ["GRC"], ["TUR"],
         trigger="fired"),
    # troops surrounding a palace (rule coerce.cordon)
    Case("Bolivian troops surrounded the presidential palace in La Paz.", "COERCE", ["BOL:MIL"], [],
         trigger="surrounded", also={"ASSAULT"}),
]


@pytest.mark.parametrize("case", _params(STATES_BODIES_AND_SHOWS_OF_FORCE))
def test_states_bodies_and_shows_of_force(code, case):  # noqa: F811
    check(code, case)


@pytest.mark.parametrize("text", [
    # a wall or a fence surrounding a building does nothing
    "The car hit the high outer wall surrounding the Turkish consulate.",
    # a test of a vaccine is no weapons test
    "The test of the new Cuban vaccine was a success.",
])
def test_no_event_in_walls_and_vaccine_tests(code, text):  # noqa: F811
    assert [(m.event_type, m.trigger) for m in code(text)] == []


def test_a_trial_falls_on_its_defendant_and_an_escaped_act_is_negated(code):  # noqa: F811
    ms = code("The trial of the two officers accused of beating a Kenyan student began on Monday.")
    trial = [m for m in ms if m.trigger == "trial"]
    assert [(m.event_type, [a.sector for a in m.source], [a.text for a in m.target]) for m in trial] == \
        [("ACCUSE", ["JUD"], ["two officers"])]
    avoided = [m for m in code("The former Kenyan minister avoided a lengthy trial on the other charges.")
               if m.trigger == "trial"]
    assert [(m.event_type, m.negated) for m in avoided] == [("ACCUSE", True)]
    escaped = [m for m in code("The Kenyan opposition leader escaped arrest by fleeing to Uganda.")
               if m.trigger == "arrest"]
    assert [(m.event_type, m.negated) for m in escaped] == [("COERCE", True)]


@pytest.mark.parametrize("text", [
    # a player signed is sport, not an agreement
    "Liverpool signed the Dutch defender on a five-year contract.",
    # animals and drivers attack no one (cues.yaml inanimate_subjects, accident_agents)
    "A dog attacked a seven-year-old boy in a park in Leeds.",
    "The driver fled the scene after hitting a cyclist, police said.",
    # what an act caused is no act of its doer (cues.yaml result_verbs); leaving a group is no
    # breaking of ties
    "The Kenyan aide left the hearing early, raising new questions about the minister's role.",
    # rescuers freeing trapped people release no one (retreat.release unless_subject)
    "Kenyan firefighters worked through the night to free people trapped inside the bus.",
    # an event helps, no one gives aid (cues.yaml benefit_verbs)
    "It is not clear that the Kenyan court's ruling will help the opposition.",
    # a company's retaliation against its staff is no attack
    "The Kenyan company retaliated against the striking workers.",
    # an athlete disqualified is sport
    "The Kenyan sprinter was disqualified from the final in Paris.",
    # payments frozen between businesses are commerce (cues.yaml commerce_events)
    "A Kenyan retailer froze payments to its suppliers.",
    # films and runways are no targets of violence
    "The documentary is built from home videos shot by East German families in Berlin.",
    "The French designer stormed the Paris runway with a collection of recycled nets.",
    "The two Kenyan aides broke off from the group for a walk.",
])
def test_no_event_in_transfers_animals_and_traffic(code, text):  # noqa: F811
    assert [(m.event_type, m.trigger) for m in code(text)] == []


MEASURES_RALLIES_AND_EXECUTIONS: list[Case] = [
    # a punitive measure as the doer of a verb of blow is that measure (cues.yaml blow_verbs,
    # blow_measures), not an attack
    Case("Russian banks were hit by new US sanctions.", "SANCTION", ["USA"], ["RUS:BUS"], trigger="hit"),
    Case("Kenyan exporters were hit by new Ugandan restrictions.", "COERCE", ["UGA"], ["KEN:BUS"], trigger="hit"),
    # crowds rallying in support of someone demonstrate (rule protest.q.rallyfor)
    Case("Thousands of Polish students rallied in support of the opposition.", "PROTEST", ["POL:EDU"], [],
         trigger="rallied"),
    # a town taken from someone: they are the target (assault.capture's target_preps)
    Case("The Syrian army recaptured the town from the rebels.", "ASSAULT", ["SYR:MIL"], [":REB"],
         trigger="recaptured"),
    # what someone is said to be going to pay or face is the speaker's threat (claims.threat_claims)
    Case("The Pakistani army chief said India would pay a heavy price for any aggression.", "THREATEN",
         ["PAK:MIL"], ["IND"], trigger="said", also={"ASSAULT"}),
    # aircraft and drones brought down (rule assault.down): their owner is the target
    Case("Ukraine said it downed 20 Russian drones overnight.", "ASSAULT", ["UKR"], ["RUS"], trigger="downed",
         attribution="Ukraine"),
    # transfers of money frozen are cut flows (sanction.flows)
    Case("Israel froze the transfer of tax revenues to the Palestinian Authority.", "SANCTION", ["ISR"], ["PSE:GOV"],
         trigger="froze"),
    # speaking in support of someone backs them (rule support.q.speakfor)
    Case("The Kenyan minister spoke passionately in support of the opposition candidate.", "SUPPORT", ["KEN:GOV"],
         [":OPP"], trigger="spoke"),
    # a vehicle loaded with explosives is a bomb, no road accident
    Case("An explosives-laden truck hit a Somali army checkpoint.", "ASSAULT", [], ["SOM:MIL"], trigger="hit"),
    # a no-confidence motion against someone accuses them; disqualifying a known actor restricts them
    Case("The opposition filed a no-confidence motion against the Pakistani prime minister.", "ACCUSE", [":OPP"],
         ["PAK:GOV"], trigger="motion"),
    Case("The Thai election commission disqualified the former prime minister.", "COERCE", ["THA"], [":GOV"],
         trigger="disqualified"),
    # whom a bare infinitive's subject names is helped or allowed ("help Kenya rebuild")
    Case("The Japanese government helped Kenya rebuild its railways.", "AID", ["JPN:GOV"], ["KEN"], trigger="helped"),
    Case("Ethiopia allowed the World Food Programme to deliver food in Tigray.", "RETREAT", ["ETH"], ["UNO"],
         trigger="allowed", also={"AID"}),
    # a refusal promised is a refusal, intended (cues.yaml refusal_events), no promise to cooperate
    Case("The Nigerian senator pledged to block the nomination.", "REJECT", ["NGA:LEG"], [], trigger="pledged",
         modality="intended"),
    # waving a threat or criticism away rejects it (rule reject.q.brushoff)
    Case("The Kremlin brushed off the threat of new EU sanctions.", "REJECT", ["RUS:GOV"], ["EUR"], trigger="brushed"),
    # retaliation is an attack, with tariffs a sanction (assault.retaliate, sanction.q.retaliate)
    Case("Israel retaliated with air strikes on Gaza.", "ASSAULT", ["ISR"], ["PSE"], trigger="retaliated"),
    Case("China retaliated with tariffs on US soybeans.", "SANCTION", ["CHN"], ["USA"], trigger="retaliated"),
    # the state diplomats are expelled from expels them, the diplomats are the target
    Case("The expulsion of Russian diplomats from Germany marked a new low in relations.", "SANCTION", ["DEU"],
         ["RUS:GOV"], trigger="expulsion"),
    # fighting between two sides: the first is the source (ASSAULT's target prepositions, outbreak_verbs)
    Case("Fighting between the Sudanese army and the rebels continued for a third day.", "ASSAULT", ["SDN:MIL"],
         [":REB"], trigger="Fighting"),
    Case("Clashes erupted between Kenyan police and protesters in Nairobi.", "ASSAULT", ["KEN:COP"], [":CVL"],
         trigger="Clashes"),
    # drills held alone are a show of force; with another force, or by two sides, cooperation
    Case("China held military drills near Taiwan.", "MOBILIZE", ["CHN"], [], trigger="held", also=set()),
    Case("Japan held naval drills with the US navy.", "COOPERATE", ["JPN"], ["USA:MIL"], trigger="held"),
    Case("The war game was staged by Kenyan marines and Ugandan forces.", "COOPERATE", ["KEN:MIL"], ["UGA:MIL"],
         trigger="staged"),
    # readiness to render help is a promise of aid (through the light verb to the intent word)
    Case("Russia is ready to render the required assistance to North Korea.", "AGREE", ["RUS"], ["PRK"],
         trigger="assistance", modality="intended"),
    # a headline's "X to do Y" is what X will do (a future meeting is AGREE)
    Case("Kenya to hold talks with Ethiopia on border", "AGREE", ["KEN"], ["ETH"], trigger="hold",
         modality="future"),
    # executions by hanging (rule assault.hang)
    Case("Iran hanged a protester on Thursday.", "ASSAULT", ["IRN"], [":CVL"], trigger="hanged", mode="targeted"),
]


@pytest.mark.parametrize("case", _params(MEASURES_RALLIES_AND_EXECUTIONS))
def test_measures_rallies_and_executions(code, case):  # noqa: F811
    check(code, case)


def test_a_politician_rallying_support_lobbies_and_a_suicide_is_no_execution(code):  # noqa: F811
    assert [m.event_type for m in code("The Polish senator rallied support for the bill.")] == ["SUPPORT"]
    assert code("The Iranian prisoner hanged himself in his cell.") == []
    # a dearer price said of fuel, or one paid in the past, threatens no one
    assert code("The Kenyan minister said farmers would pay a higher price for fuel.") == []
    assert code("Kenyan analysts said Uganda had paid a heavy price for the war.") == []


RELATIVES_SETTINGS_AND_MOODS: list[Case] = [
    # a passive relative clause on a person falls on that person (cues.yaml person_relative_pronouns)
    Case("The Belarusian opposition leader, who was arrested last week, began a hunger strike.", "COERCE", [],
         ["BLR:OPP"], trigger="arrested", also={"PROTEST"}),
    # an act after a preposition of setting is the setting, not the act ("jailed during protests")
    Case("Belarusian police jailed the candidate during anti-government protests in Minsk.", "COERCE",
         ["BLR:COP"], [":PTY"], trigger="jailed"),
    # the noun of a light verb takes the verb's mood
    Case("If the talks fail, the Azerbaijani army could resume its offensive.", "ASSAULT", ["AZE:MIL"], [],
         trigger="offensive", modality="hypothetical", also={"CONSULT"}),
]


@pytest.mark.parametrize("case", _params(RELATIVES_SETTINGS_AND_MOODS))
def test_relatives_settings_and_moods(code, case):  # noqa: F811
    check(code, case)


def test_an_authority_clearing_someone_is_a_negated_accusation(code):  # noqa: F811
    # said by the police or the courts of someone else (cues.yaml clearing_phrases)
    ms = code("Kenyan prosecutors announced that the former minister had no case to answer.")
    assert [(m.event_type, m.negated, [a.sector for a in m.source], [a.sector for a in m.target]) for m in ms] == \
        [("ACCUSE", True, ["JUD"], ["GOV"])]
    # said by the one accused, it stays a denial
    ms = code("The Kenyan minister insisted he had done nothing wrong.")
    assert [(m.event_type, m.negated) for m in ms] == [("REJECT", False)]
    # an investigation completed was done; a feeling is no request
    ms = code("The Kenyan police said they had completed their investigation into the killing.")
    assert "ACCUSE" in [m.event_type for m in ms]
    assert code('"I have been very encouraged by the talks," the Kenyan president said.') == []


HYPHENS_CAPS_AND_ROUTS: list[Case] = [
    # a hyphenated verb is kept whole by the tokenizer (data/tokenizer.yaml whole_verbs): parsed
    # as a verb, not as a modifier of the noun after it
    Case("Pyongyang test-fired three cruise missiles off its west coast on Sunday.", "MOBILIZE", ["PRK:GOV"],
         [], trigger="test-fired", mode="weapons"),
    Case("Iran test-launched a new solid-fuel rocket last month.", "MOBILIZE", ["IRN"], [],
         trigger="test-launched"),
    Case("The Canadian government re-imposed sanctions on Haitian gang leaders.", "SANCTION", ["CAN:GOV"],
         ["HTI"], trigger="re-imposed"),
    Case("Mexico and Chile co-sponsored the motion at the General Assembly.", "SUPPORT", ["MEX", "CHL"], [],
         trigger="co-sponsored"),
    # a cap on the price of another state's goods (rule sanction.q.pricecap)
    Case("The Group of Seven set a price cap on Iranian crude exports.", "SANCTION", ["IGO"], ["IRN"],
         trigger="set"),
    # armed men driven out or beaten back are attacked (rule assault.q.driveout); the object may
    # come before "out" (cues.yaml split_phrasal_verbs)
    Case("Malian soldiers drove the jihadists out of three villages near Mopti.", "ASSAULT", ["MLI:MIL"],
         [":REB"], trigger="drove"),
    Case("Kurdish fighters beat back the Turkish troops near Kobani.", "ASSAULT", [":REB"], ["TUR:MIL"],
         trigger="beat"),
    # "out of" read with "out" as a preposition still names what is walked out of
    Case("Zambian teachers walked out of schools in a dispute over wages.", "PROTEST", ["ZMB:EDU"], [],
         trigger="walked"),
    Case("The Zimbabwean opposition walked out of the budget session.", "SANCTION", ["ZWE:OPP"], [],
         trigger="walked"),
    # people fired at while marching: they are the target, and their march is their own act
    Case("Guinean gendarmes fired tear gas at opposition supporters marching to the stadium.", "ASSAULT",
         ["GIN:COP"], [":OPP"], trigger="fired", also={"PROTEST"}),
]


@pytest.mark.parametrize("case", _params(HYPHENS_CAPS_AND_ROUTS))
def test_hyphens_caps_and_routs(code, case):  # noqa: F811
    check(code, case)


def test_marchers_fired_at_protest_and_a_price_cap_at_home_is_no_sanction(code):  # noqa: F811
    ms = code("Guinean gendarmes fired tear gas at opposition supporters marching to the stadium.")
    assert [(m.event_type, [a.sector for a in m.source]) for m in ms if m.event_type == "PROTEST"] == [("PROTEST", ["OPP"])]
    assert code("The Zambian government set a price cap on maize meal.") == []
    # a car driven out of a garage is no rout
    assert code("The Zambian minister drove his car out of the garage.") == []


def test_the_tokenizer_keeps_hyphenated_verbs_whole():
    from eventwire.nlp import load_model, whole_words
    assert {"test-fire", "test-fired", "Test-fired", "re-imposed"} <= set(whole_words())
    doc = load_model()("Seoul said the North test-fired a missile.")
    assert [t.text for t in doc if "fire" in t.text] == ["test-fired"]
    assert [t.tag_ for t in doc if t.text == "test-fired"][0].startswith("VB")


WEAPONS_SETTINGS_AND_VETOES: list[Case] = [
    # a force's weapons hitting "targets" are the force's attack (participants.armed_doer)
    Case("Turkish drones hit targets near the Syrian town of Qamishli.", "ASSAULT", ["TUR"], [], trigger="hit"),
    # who was killed or wounded in an attack or in clashes: the doer of the event noun
    # (roles.doer_of_clause)
    Case("Four Malian soldiers were killed in a jihadist ambush by JNIM fighters.", "ASSAULT", ["IMG:REB"],
         ["MLI:MIL"], trigger="killed"),
    Case("Six Somali policemen were wounded in an Ethiopian air strike.", "ASSAULT", ["ETH"], ["SOM:COP"],
         trigger="wounded"),
    Case("Dozens of Armenian villagers were injured during clashes with Azerbaijani troops.", "ASSAULT",
         ["AZE:MIL"], ["ARM"], trigger="injured"),
    # a veto cast is a refusal (rule reject.q.veto)
    Case("France cast a veto against the draft resolution on Libya.", "REJECT", ["FRA"], [], trigger="cast"),
    # a name given in a free relative judges no one ("what it called ...")
    Case("Moscow launched what it called a counter-terrorist operation in Chechnya.", "ASSAULT", ["RUS:GOV"], [],
         trigger="launched"),
]


@pytest.mark.parametrize("case", _params(WEAPONS_SETTINGS_AND_VETOES))
def test_weapons_settings_and_vetoes(code, case):  # noqa: F811
    check(code, case)


def test_a_setting_without_a_doer_and_a_way_pushed_are_no_attackers(code):  # noqa: F811
    # an attack with no doer named leaves the doer unnamed; a crash is no attack
    ms = code("Three Kenyan police officers were killed in the attack.")
    assert [(m.event_type, m.source) for m in ms] == [("ASSAULT", [])]
    assert code("Two Kenyan ministers were injured in a car crash.") == []
    # "pushed her way back through the workers" expels no one
    assert code("The Kenyan minister pushed his way back through the crowd of workers.") == []


NUMBERS_JUDGEMENTS_AND_SPREADING_PROTESTS: list[Case] = [
    # an event noun after a number's "of" holds the number's place ("made dozens of arrests")
    Case("Ugandan police made dozens of arrests in Kampala on Friday.", "COERCE", ["UGA:COP"], [],
         trigger="arrests"),
    # a judgement after "as", parsed on "as" or on the object
    Case("The Malawian president described the strike as illegal.", "ACCUSE", ["MWI:GOV"], [],
         trigger="described"),
    Case("Mr Ruto described the opposition leaders as \"totally unqualified\" to govern.", "ACCUSE",
         ["KEN:GOV"], [":OPP"], trigger="described"),
    # whom protests that go on or break out are against, named on the verb (cues.yaml outbreak_verbs)
    Case("Protests continued against the Peruvian government in Lima.", "PROTEST", [], ["PER:GOV"],
         trigger="Protests"),
]


@pytest.mark.parametrize("case", _params(NUMBERS_JUDGEMENTS_AND_SPREADING_PROTESTS))
def test_numbers_judgements_and_spreading_protests(code, case):  # noqa: F811
    check(code, case)


def test_the_kingdom_a_speaker_names_and_a_measures_imposer(code):  # noqa: F811
    # "the kingdom" in what a state's ministry says is that state (cues.yaml state_anaphora) ...
    ms = code("The Jordanian foreign ministry said the kingdom firmly rejects the annexation plan.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("REJECT", ["JOR"])]
    # ... only as the speaker's: "after the country cut ties" is the country last named
    ms = code("Beijing welcomed Honduras after the country cut ties with Taiwan.")
    assert [a.country for m in ms if m.trigger == "cut" for a in m.source] != ["CHN"]
    # a measure's imposer, named on the participle, is who the measure hits with
    ms = code("The sanctions, announced by Canada and Australia, target senior Iranian officials.")
    hit = [m for m in ms if m.trigger == "target"]
    assert [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in hit] == \
        [("SANCTION", ["CAN", "AUS"], ["IRN"])]
    ms = code("The duties imposed by Ottawa hit Chinese steelmakers.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms if m.trigger == "hit"] == [("SANCTION", ["CAN"])]


CALLS_AND_BRIEFINGS: list[Case] = [
    # a call or a visit received is the caller's (rule consult.q.receivecall)
    Case("The Omani sultan received a phone call from the Egyptian president.", "CONSULT", ["EGY:GOV"],
         ["OMN:GOV"], trigger="received"),
    # briefing a body or a leader is consultation (rule consult.q.brief) ...
    Case("The UN special envoy briefed the Security Council on the fighting in Darfur.", "CONSULT", ["UNO"],
         ["UNO"], trigger="briefed"),
]


@pytest.mark.parametrize("case", _params(CALLS_AND_BRIEFINGS))
def test_calls_and_briefings(code, case):  # noqa: F811
    check(code, case)


def test_briefing_reporters_and_welcoming_a_visit_are_no_consultation(code):  # noqa: F811
    # ... briefing reporters is none, and a visit welcomed is support
    assert [m.trigger for m in code("The Omani foreign minister briefed reporters in Muscat.")] == []
    ms = code("Oman and Jordan welcomed the IAEA visit.")
    assert "CONSULT" not in [m.event_type for m in ms]


REASONS_OWNERS_AND_PURPOSES: list[Case] = [
    # an event word in a reason phrase is the reason, not the act (cues.yaml reason_nouns)
    Case("Ghanaian police arrested nine men in connection with the attack on the market.", "COERCE",
         ["GHA:COP"], [None], trigger="arrested"),
    # "its"/"their" forces of a state that speaks are the state's (cues.yaml possessive_anaphora)
    Case("Azerbaijan's defence ministry said its troops had shelled Armenian positions.", "ASSAULT",
         ["AZE:GOV"], ["ARM"], trigger="shelled", attribution="defence ministry"),
    # a purpose clause parsed on the object is the doer's purpose (not a curfew's)
    Case("Thousands of Guineans defied a curfew to demonstrate against the junta.", "PROTEST", ["GIN"],
         [":MIL"], trigger="demonstrate", also={"REJECT"}),
]


@pytest.mark.parametrize("case", _params(REASONS_OWNERS_AND_PURPOSES))
def test_reasons_owners_and_purposes(code, case):  # noqa: F811
    check(code, case)


def test_an_owner_that_is_no_state_and_a_proposals_content_stay(code):  # noqa: F811
    # "its workers" of a company stay the workers
    ms = code("The Ghanaian company said its workers had gone on strike.")
    assert [(m.event_type, [a.text for a in m.source]) for m in ms] == [("PROTEST", ["its workers"])]
    # the content of a decision is no purpose of its maker
    ms = code("Ghana's parliament approved a plan to deploy troops to Mali.")
    assert all([a.text for a in m.source] != ["Ghana's parliament"] or m.trigger != "deploy" for m in ms) or \
        any(m.trigger == "deploy" and m.modality != "asserted" for m in ms)


def test_acts_done_to_protest_and_calls_that_are_no_talks(code):  # noqa: F811
    # an act done to protest is the protest (cues.yaml protest_means_events)
    ms = code("Chilean students occupied the university campus to protest the reform.")
    assert [(m.event_type, [a.sector for a in m.source]) for m in ms] == [("PROTEST", ["EDU"])]
    # truckers are workers (the actor dictionary's sector words)
    ms = code("Chilean truckers blockaded the main highway south of Santiago.")
    assert [(m.event_type, [a.sector for a in m.source]) for m in ms] == [("PROTEST", ["LAB"])]
    # a distress call, or a call with no caller named, is no consultation
    assert code("The Chilean navy received a distress call from a fishing boat.") == []
    assert code("The Chilean minister took the call.") == []
    # the means someone needs for an act are no act of theirs
    assert code("Chilean prosecutors need more leeway to strike jurors.") == []


def test_acts_done_jointly_and_shared_intelligence_are_cooperation(code):  # noqa: F811
    # (rule cooperate.jointly, cues.yaml joint_adverbs): only with the adverb
    ms = code("Chile and Peru jointly patrolled the border last month.")
    assert [m.event_type for m in ms] == ["COOPERATE"]
    assert [m.event_type for m in code("Chilean soldiers patrolled the border last month.")] == ["MOBILIZE"]
    # a modifier that names what is shared is no doer (cues.yaml theme_modifiers)
    ms = code("Chile and Peru resumed intelligence sharing.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("COOPERATE", ["CHL", "PER"])]


def test_a_perfect_infinitive_after_a_belief_and_a_scheduled_meeting(code):  # noqa: F811
    # "is believed to have killed": the subject did it (a perfect infinitive is active)
    ms = code("The Sudanese army is believed to have killed dozens of civilians.")
    assert [([a.sector for a in m.source], [a.sector for a in m.target]) for m in ms] == [(["MIL"], ["CVL"])]
    # a meeting "due to" happen is to come (cues.yaml schedule_words): a future meeting is AGREE
    ms = code("The Sudanese and Chadian presidents are due to meet in Doha next week.")
    assert [(m.event_type, m.modality) for m in ms] == [("AGREE", "future")]


def test_ships_by_their_prefix_and_craft_by_who_launched_them(code):  # noqa: F811
    # a navy's ship prefix names the navy ("INS", "USS", "HMS" in the actor dictionary)
    ms = code("INS Kolkata intercepted two missiles over the Arabian Sea.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("ASSAULT", ["IND"])]
    # craft and weapons "launched by" an actor: the act is on that actor (cues.yaml craft_heads)
    ms = code("HMS Richmond shot down two drones launched by the Houthis.")
    assert [(m.event_type, [a.country for a in m.source], [a.text for a in m.target]) for m in ms] == \
        [("ASSAULT", ["GBR"], ["Houthis"])]


def test_its_forces_joined_to_a_state_are_the_states(code):  # noqa: F811
    ms = code("The Malian army and its drone operators attacked the rebels.")
    assert [[a.country for a in m.source] for m in ms] == [["MLI", "MLI"]]
    # allies are others' forces
    ms = code("The Malian army and its allies attacked the rebels.")
    assert [[a.country for a in m.source] for m in ms] == [["MLI", None]]


def test_a_participle_after_a_relative_clause_continues_it(code):  # noqa: F811
    # "the officers, who fired 11 rounds, striking Gray": the relative clause's doer strikes
    ms = code("Kaplan aimed a rifle at Kenyan police officers, who fired six rounds, wounding Kaplan.")
    assert [(m.trigger, [a.sector for a in m.source]) for m in ms if m.trigger == "wounding"] == [("wounding", ["COP"])]
    # a pluperfect relative clause is background: the main clause's doer goes on
    ms = code("Kenyan police fired at the gunmen, who had stormed the mall, killing two attackers.")
    assert [(m.trigger, [a.sector for a in m.source]) for m in ms if m.trigger == "killing"] == [("killing", ["COP"])]


def test_a_reduced_passive_after_if_falls_on_the_subject_above(code):  # noqa: F811
    # "would close the strait if attacked": Oman would be attacked, it attacks no one
    ms = code("Oman warned that it would close its airspace if attacked.")
    hit = [m for m in ms if m.trigger == "attacked"]
    assert [([a.country for a in m.source], [a.country for a in m.target], m.modality) for m in hit] == \
        [([], ["OMN"], "hypothetical")]


def test_concern_voiced_over_someones_act_is_disapproval(code):  # noqa: F811
    # (rule accuse.q.concern; the target is whose act the thing is: roles.prep_objects deep)
    ms = code("Algeria voiced alarm over Morocco's purchase of Israeli drones.")
    assert [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in ms] == \
        [("ACCUSE", ["DZA"], ["MAR"])]
    ms = code("Tunisia expressed concern over the expulsion of Tunisian workers by Libya.")
    assert [m.event_type for m in ms if m.trigger == "expressed"] == ["ACCUSE"]
    # concern for someone is sympathy, and concern about a trend blames no one; concern over the
    # deaths of a state's own people blames no one of them (cues.yaml suffering_nouns)
    assert code("The Algerian minister expressed concern for the families of the victims.") == []
    assert code("Algiers raised concerns over the deaths of Algerian migrants in the desert.") == []
    assert code("Algerian doctors expressed concern about the rise in obesity.") == []


def test_his_government_is_the_speakers_state(code):  # noqa: F811
    # (cues.yaml personal_possessives: "his"/"her" stand for a person named above)
    ms = code("The Indian minister said his government would investigate the killings.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("ACCUSE", ["IND"])]


FIRES_EXPULSIONS_AND_OWNERS: list[Case] = [
    # "set X on fire", with "on fire" parsed on the object's phrase (syntax.trailing_pobj)
    Case("Protesters in Bolivia set part of the electoral office on fire after the count was suspended.",
         "ASSAULT", ["BOL:CVL"], [], trigger="set"),
    # expelling by force is an attack; a legislature's vote to expel is not (rule assault.q.expelforce)
    Case("The Somali army expelled the militants from two villages near Baidoa.", "ASSAULT", ["SOM:MIL"], [None],
         trigger="expelled"),
    Case("Chad's parliament voted to expel French troops from the country.", "SANCTION", ["TCD:LEG"], ["FRA:MIL"],
         trigger="expel"),
    # "his"/"her" on what is hit stands for the person named above (participants.possessor)
    Case("The Kenyan opposition leader said police had fired tear gas at his convoy.", "ASSAULT",
         [":COP"], ["KEN:OPP"], trigger="fired", also={"COERCE"}, attribution="opposition leader"),
    Case("Peru's president left the capital as demonstrators stormed her palace.", "ASSAULT",
         [":CVL"], ["PER:GOV"], trigger="stormed"),
    # freezing one's part in a body is a sanction
    Case("Belarus froze its participation in the arms treaty, the foreign ministry said.", "SANCTION",
         ["BLR"], [], trigger="froze", attribution="foreign ministry"),
    # an act done "in protest" is the protest, whatever the act
    Case("Romanian farmers dumped potatoes outside the Romanian agriculture ministry in protest.", "PROTEST",
         ["ROU:AGR"], [], trigger="dumped"),
]


@pytest.mark.parametrize("case", _params(FIRES_EXPULSIONS_AND_OWNERS))
def test_fires_expulsions_and_owners(code, case):  # noqa: F811
    check(code, case)


def test_a_possessive_is_not_the_doers_own_or_a_bodys(code):  # noqa: F811
    # "his" of the doer's own clause stays unresolved, and a body of people is no "his"
    ms = code("Indian police said the suspect had attacked his neighbour with an axe.")
    assert [[a.text for a in m.target] for m in ms if m.trigger == "attacked"] == [["his neighbour"]]
    ms = code("Turkish police seized his passport at the airport.")
    assert [m.target for m in ms if m.trigger == "seized"] == [[]]


def test_a_clause_with_its_own_subject_takes_no_target_from_the_clause_above(code):  # noqa: F811
    # "fled to India as protesters stormed ...": India is where she fled, not what was stormed
    ms = code("The Sri Lankan president fled to the Maldives as protesters stormed the streets of Colombo.")
    assert all("MDV" not in [a.country for a in m.target] for m in ms if m.trigger == "stormed")


CALLS_AND_TRADED_WORDS: list[Case] = [
    # a call named as the setting of what is told is talks with whom it was (settings.setting,
    # cues.yaml call_nouns)
    Case("The Egyptian president told his Turkish counterpart in a phone call that Cairo hoped for stability.",
         "CONSULT", ["EGY:GOV"], ["TUR:GOV"], trigger="call", attribution="Egyptian president"),
    Case("The Japanese prime minister said in a phone call with the South Korean president that Tokyo valued the ties.",
         "CONSULT", ["JPN:GOV"], ["KOR:GOV"], trigger="call", attribution="Japanese prime minister"),
    # accusations or threats traded: each side at the other (rules accuse.q.trade, threaten.q.trade)
    Case("Sudan and South Sudan traded accusations over the attack on the oil field.", "ACCUSE",
         ["SDN"], ["SSD"], trigger="traded", also={"ASSAULT"}),
    Case("Greece and Turkey exchanged warnings over drilling rights in the Aegean.", "THREATEN",
         ["GRC"], ["TUR"], trigger="exchanged"),
]


@pytest.mark.parametrize("case", _params(CALLS_AND_TRADED_WORDS))
def test_calls_and_traded_words(code, case):  # noqa: F811
    check(code, case)


def test_a_call_with_the_press_is_no_talks(code):  # noqa: F811
    # an interview by phone, and a call with no one named, are no talks
    assert code("The Egyptian minister told the Associated Press in a phone call that Cairo hoped for stability.") == []
    assert code("The Egyptian minister said in a phone call that Cairo hoped for stability.") == []
    # "a call" alone is no setting of talks: it is also a call for something
    assert "CONSULT" not in [m.event_type for m in code("Macron told Scholz during a call for unity that Paris hoped for calm.")]


def test_a_judgement_at_the_end_of_a_told_clause_is_the_tellers(code):  # noqa: F811
    # (cues.yaml speaker_participles): the teller blames, the told clause's doer does not
    ms = code("Baku denied that its soldiers had fired on the village, blaming Armenian troops instead.")
    assert [([a.country for a in m.source], [a.country for a in m.target]) for m in ms if m.trigger == "blaming"] == \
        [(["AZE"], ["ARM"])]
    # an act at the end of a told clause stays its doer's
    ms = code("The Nigerian army said soldiers had ambushed the bandits, killing their leader.")
    assert [[a.text for a in m.source] for m in ms if m.trigger == "killing"] == [["soldiers"]]


SERVICES_RELATIVES_AND_HANDOVERS: list[Case] = [
    # a head the dictionary knows only with its modifier is an actor ("security service")
    Case("Georgia's security service said it had arrested a retired general.", "COERCE", ["GEO:SPY"], [":MIL"],
         trigger="arrested", attribution="security service"),
    # a relative clause whose object is the actor it describes (roles.gapped_object)
    Case("Britain froze the assets of four Iranian generals it accused of plotting attacks.", "ACCUSE",
         ["GBR"], ["IRN:MIL"], trigger="accused", also={"SANCTION"}),
    Case("The Peruvian activist whom the army detained last year went on trial.", "COERCE",
         [":MIL"], ["PER:CVL"], trigger="detained", also={"ACCUSE"}),
    # a handover names the side it goes to after "to"
    Case("Honduras extradited a former police chief to the United States on Wednesday.", "COOPERATE",
         ["HND"], [":COP", "USA"], trigger="extradited"),
]


@pytest.mark.parametrize("case", _params(SERVICES_RELATIVES_AND_HANDOVERS))
def test_services_relatives_and_handovers(code, case):  # noqa: F811
    check(code, case)


def test_they_is_never_one_state_named_alone(code):  # noqa: F811
    # "they" does not stand for Chile; it may stand for a named group or a person speaking
    ms = code("Chile recalled two envoys after they criticised the election.")
    assert [[a.text for a in m.source] for m in ms if m.trigger == "criticised"] in ([], [[]])
    ms = code("Hezbollah said they had fired rockets at an Israeli base.")
    assert [[a.country for a in m.source] for m in ms if m.trigger == "fired"] == [["LBN"]]


def test_a_senders_from_is_the_nearest_nouns(code):  # noqa: F811
    # "warnings from Paris" are Paris's; the protests beside them are not
    ms = code("The assembly adopted the law despite weeks of strikes and warnings from Paris.")
    assert not any(m.trigger == "strikes" and m.source for m in ms)
    # a "by" agent stays with both nouns it follows
    ms = code("Raids and arrests by Ethiopian police have alarmed rights groups.")
    assert any(m.trigger == "Raids" and [a.country for a in m.source] == ["ETH"] for m in ms)



def test_a_war_is_no_doer(code):  # noqa: F811
    # a toll of a war or a conflict is no one's act (cues.yaml inanimate_subjects)
    assert code("The conflict has killed more than 9,000 people in northern Mozambique since 2017.") == []


def test_what_an_act_is_done_with_is_no_target(code):  # noqa: F811
    # weapons and craft after "with" (cues.yaml weapon_heads, craft_heads) are no target
    ms = code("Ukrainian forces attacked a Russian airbase in Crimea with missiles and drones.")
    assert [[a.text for a in m.target] for m in ms if m.trigger == "attacked"] == [["Russian airbase"]]
    # ... and a post of an army is no figure of speech
    ms = code("Hezbollah said it had fired rockets at an Israeli army post.")
    assert [(m.event_type, [a.country for a in m.target]) for m in ms] == [("ASSAULT", ["ISR"])]


def test_the_group_a_spokesman_speaks_for(code):  # noqa: F811
    # "the group" told by a named group's spokesman is that group (cues.yaml group_anaphora)
    ms = code("A spokesman for Hezbollah said the group had fired rockets at an Israeli army post.")
    assert [[a.country for a in m.source] for m in ms if m.trigger == "fired"] == [["LBN"]]
    # ... never a force's: "the group" after the police is someone else
    ms = code("Police in Lagos said the group had attacked a bus station.")
    assert not any(a.sector == "COP" for m in ms for a in m.source)


def test_social_media_is_no_press(code):  # noqa: F811
    # a phrase that names no actor stays none when the parse splits it (actor_cues non_actor_phrases)
    ms = code("Students blocked a highway in Dhaka over a social media ban.")
    assert not any(a.sector == "JRN" for m in ms for a in m.source + m.target)


AGREED_SANCTIONS_AND_RELEASED_KIN: list[Case] = [
    # a body that agrees or approves sanctions adopts them (rule sanction.q.agree)
    Case("EU Ministers Agree Fresh Sanctions On Belarus", "SANCTION", ["EUR:GOV"], ["BLR"], trigger="Agree"),
    Case("The Council approved new sanctions against Myanmar's generals.", "SANCTION", [None], ["MMR:MIL"],
         trigger="approved"),
    # a person freed is released, though no actor by name (participants_hold: actor_object)
    Case("The Eritrean authorities freed the opposition leader's brother on Monday.", "RETREAT", ["ERI:GOV"],
         [None], trigger="freed"),
]


@pytest.mark.parametrize("case", _params(AGREED_SANCTIONS_AND_RELEASED_KIN))
def test_agreed_sanctions_and_released_kin(code, case):  # noqa: F811
    check(code, case)


def test_a_lower_case_word_tagged_as_a_name_is_no_actor(code):  # noqa: F811
    # minerals and goods are no targets of controls on them
    ms = code("Beijing imposed export controls on antimony and graphite.")
    assert [(m.event_type, m.target) for m in ms] == [("SANCTION", [])]


@pytest.mark.parametrize("text,target", [
    # whose arrest, detention or killing it is underwent it (cues.yaml patient_nouns)
    ("The activist's arrest in Minsk drew protests from the European Union.", "activist"),
    ("The Saudi journalist's abduction strained relations between Ankara and Riyadh.", "Saudi journalist"),
    ("An appeals court upheld the senator's gag order on Monday.", "senator"),
])
def test_the_owner_of_what_is_done_to_someone_underwent_it(code, text, target):  # noqa: F811
    ms = [m for m in code(text) if m.event_type in ("COERCE", "ASSAULT")]
    assert len(ms) == 1 and [a.text for a in ms[0].target] == [target] and ms[0].source == []


def test_a_states_act_noun_is_its_own(code):  # noqa: F811
    # a state's arrest, or one with an "of"-object, is the owner's act
    ms = code("Belarus's arrest of the Polish journalist drew condemnation from Warsaw.")
    arrests = [m for m in ms if m.trigger == "arrest"]
    assert [a.country for a in arrests[0].source] == ["BLR"] and [a.country for a in arrests[0].target] == ["POL"]


@pytest.mark.parametrize("text,trigger", [
    # holding back from an act, or an act still to come, is no act done (cues.yaml abstain_verbs,
    # pending_adverbs); the one who held back is its would-be doer
    ("The Australian minister stopped short of accusing Beijing of espionage.", "accusing"),
    ("Kenya's president has refrained from criticising Uganda over the arrests.", "criticising"),
    ("The Syrian government has yet to respond to the Turkish proposal.", "respond"),
])
def test_an_act_held_back_or_still_to_come_is_negated(code, text, trigger):  # noqa: F811
    ms = [m for m in code(text) if m.trigger == trigger]
    assert len(ms) == 1 and ms[0].negated and ms[0].source and ms[0].source[0].country is not None


WEIGHED_ACTS: list[Case] = [
    # an act weighed is intended, not done (cues.yaml deliberation_verbs): a conflictual one threatens
    Case("Canada is considering sanctions against Venezuelan officials.", "THREATEN", ["CAN"], ["VEN:GOV"],
         modality="intended", trigger="sanctions"),
    Case("Seoul is weighing talks with Pyongyang.", "AGREE", ["KOR:GOV"], ["PRK:GOV"], modality="intended",
         trigger="talks"),
]


@pytest.mark.parametrize("case", _params(WEIGHED_ACTS))
def test_weighed_acts(code, case):  # noqa: F811
    check(code, case)


def test_weighing_anothers_proposal_is_no_intention(code):  # noqa: F811
    # a definite object is another's act weighed ("considering the proposal"), not one's own
    assert code("Hamas is considering the proposal.") == []


def test_a_side_named_by_whom_it_belongs_to(code):  # noqa: F811
    # "forces loyal to X", "fighters from X" take X's code (cues.yaml affiliation_heads, affiliation_words)
    ms = code("Militias loyal to the Sudanese army attacked a market in Omdurman.")
    assert [a.country for m in ms if m.trigger == "attacked" for a in m.source] == ["SDN"]
    ms = code("Fighters from the Houthi movement seized a cargo ship in the Red Sea.")
    assert [a.country for m in ms if m.trigger == "seized" for a in m.source] == ["YEM"]


def test_strikes_on_a_side_are_air_strikes(code):  # noqa: F811
    # "launched strikes on X" is an attack; a labour strike "on Monday" stays a protest
    ms = code("Pakistan launched strikes on militant hideouts in Afghanistan.")
    assert [m.event_type for m in ms] == ["ASSAULT"]
    ms = code("Teachers in Nigeria launched a strike on Monday over unpaid salaries.")
    assert [m.event_type for m in ms] == ["PROTEST"]


def test_leaving_people_dead_is_no_withdrawal(code):  # noqa: F811
    # (cues.yaml result_states)
    ms = code("Armenian and Azerbaijani troops clashed on the border, leaving six soldiers dead.")
    assert "RETREAT" not in [m.event_type for m in ms]
    # ... and an order to close is a restriction
    ms = code("The Iranian judiciary ordered the closure of two newspapers.")
    assert [m.event_type for m in ms] == ["COERCE"]


def test_where_an_act_was_done_is_not_what_it_was_done_to(code):  # noqa: F811
    # (cues.yaml place_preps): seizing a passport at an airport captures no airport
    ms = code("Egyptian police seized the activist's laptop at Cairo airport.")
    assert [m.event_type for m in ms] == ["COERCE"]
    # ... while the airport seized is captured
    ms = code("Sudanese paramilitaries seized the airport in Nyala.")
    assert [m.event_type for m in ms] == ["ASSAULT"]


def test_a_rule_naming_its_object_needs_a_surer_model_to_be_dropped():
    # TypeModel.min_drop_specific: a reading whose rule names its object ("test-fired a missile")
    # is dropped only when the model is surer of no event than for a bare word
    from eventwire.coding.typemodel import TypeModel

    assert TypeModel.__dataclass_fields__["min_drop_specific"].default > TypeModel.__dataclass_fields__["min_drop"].default


def test_what_talks_are_about_is_no_act(code):  # noqa: F811
    # (cues.yaml topic_preps, topic_events): the truce talked about is no truce
    ms = code("The Qatari envoy arrived in Cairo for talks with Egyptian officials on the Sudan truce.")
    assert [m.event_type for m in ms] == ["CONSULT"]


def test_what_a_protest_is_for_is_its_aim():
    # the sentence model does not relabel a protest by the words of its purpose ("to oppose")
    from eventwire.pipeline import Config, get_pipeline

    pipe = get_pipeline(Config())
    text = "The protesters had gathered outside parliament to oppose a finance bill."
    ctx = pipe.coder.context(next(iter(pipe.parse([text]))), offset=0, text=text)
    ms = pipe.arbiter(ctx, pipe.coder.code_context(ctx))
    assert [m.event_type for m in ms] == ["PROTEST"]
