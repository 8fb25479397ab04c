"""How news reports answers, anaphora and the shape of wire copy: patterns added from reading
real news (rules alone, as in test_coder).  Every sentence here was written for this file."""
from __future__ import annotations

import pytest
from test_coder import Case, _params, check, code  # noqa: F401  (the fixture is reused)

ANSWERS: list[Case] = [
    # an accusation told before its denial stands, and the denial answers the accuser
    # (conventions.answered_charges; cues.yaml denying_verbs, charge_nouns)
    Case("Ukraine accused Belarus of training Russian conscripts, a charge Minsk denies.", "REJECT",
         ["BLR:GOV"], ["UKR"], trigger="denies", also={"ACCUSE"}),
    Case("Ukraine accused Belarus of training Russian conscripts, a charge Minsk denies.", "ACCUSE",
         ["UKR"], ["BLR"], trigger="accused", also={"REJECT"}),
    Case("Lebanese officials accused Israel of using phosphorus shells, which the Israeli army denies.",
         "REJECT", ["ISR:MIL"], ["LBN:GOV"], trigger="denies", also={"ACCUSE"}),
    # "a claim the group denied": the one group named before
    Case("Pakistan accused the Taliban of sheltering militants, a claim the group has denied.", "REJECT",
         ["AFG:REB"], ["PAK"], trigger="denied", also={"ACCUSE"}),
]


def test_a_charge_before_a_plural_subject_is_no_part_of_it(code):  # noqa: F811
    # "a charge officials deny": the parser hangs "a charge" on "officials" (syntax.np_bounds)
    ms = code("Activists accused the police of beating detainees, a charge officials deny.")
    assert [a.text for m in ms if m.event_type == "REJECT" for a in m.source] == ["officials"]
    assert [a.text for m in ms if m.event_type == "ACCUSE" for a in m.source] == ["Activists"]


def test_the_group_stands_for_one_group_named_before(code):  # noqa: F811
    # ... never for a state or a force, and not when two groups are named
    ms = code("Police said the group robbed three banks in Lagos.")
    assert not [a for m in ms for a in m.source if a.country]
    ms = code("Hezbollah and the Houthis issued statements after the group attacked an Israeli checkpoint.")
    assert [a.country for m in ms if m.trigger == "attacked" for a in m.source] == [None]
    ms = code("Hezbollah issued a statement after the group attacked an Israeli checkpoint.")
    assert [a.country for m in ms if m.trigger == "attacked" for a in m.source] == ["LBN"]


WRITINGS: list[Case] = [
    # a writing's "-ing" verb is its author's act (cues.yaml document_nouns)
    Case("The Arab League adopted a resolution condemning Israel's annexation plans.", "ACCUSE",
         ["IGO"], ["ISR"], trigger="condemning"),
    Case("The Nigerian senate passed a motion urging the president to declare a state of emergency.", "REQUEST",
         ["NGA:LEG"], [":GOV"], trigger="urging"),
    # ... and adopting one is no support that swallows it
    Case("The European Parliament approved a resolution urging Hungary to restore judicial independence.",
         "REQUEST", ["EUR:LEG"], ["HUN"], trigger="urging", also={"SUPPORT"}),
]


def test_the_act_answered_is_no_part_of_the_answer(code):  # noqa: F811
    # "in retaliation for the Peshawar bombing" (cues.yaml answer_nouns); a city on an attack
    # noun says where it was, a protest's city stands for its people (cues.yaml local_nouns)
    ms = code("Pakistani jets bombed militant hideouts in Afghanistan in retaliation for the Peshawar bombing.")
    assert [m.trigger for m in ms] == ["bombed"]
    assert not [a for m in ms for a in m.source + m.target if a.text == "Peshawar"]
    ms = code("Police detained dozens of people after the Athens demonstration turned violent.")
    assert [a.country for m in ms if m.trigger == "demonstration" for a in m.source] == ["GRC"]


def test_a_missile_fired_into_the_sea_has_no_target(code):  # noqa: F811
    # a sea is no actor (actor cues water_heads)
    ms = code("Iran test-fired a ballistic missile into the Gulf of Oman on Friday.")
    assert [(m.event_type, m.target) for m in ms] == [("MOBILIZE", [])]


@pytest.fixture(scope="module")
def full():
    """The whole coder: rules, role model and sentence model."""
    from eventwire.pipeline import Config, get_pipeline

    pipe = get_pipeline(Config())

    def run(text: str):
        ctx = pipe.coder.context(next(iter(pipe.parse([text]))), offset=0, text=text)
        return pipe.arbiter(ctx, pipe.coder.code_context(ctx))
    return run


def test_the_models_keep_what_the_grammar_fixes(full):
    # a mutual act of two named sides keeps them as its dyad, a request whom it is made of, and a
    # weapon's launch with no target stays a test (the sentence model does not make it an attack)
    ms = full("Sudan's army and the Rapid Support Forces traded accusations after a hospital in El Fasher was shelled.")
    assert [[a.sector for a in m.target] for m in ms if m.trigger == "traded"] == [["PRM"]]
    ms = full("The African Union endorsed a resolution calling on Ethiopia to withdraw its troops from Somalia.")
    assert [a.country for m in ms if m.trigger == "calling" for a in m.target] == ["ETH"]
    ms = full("North Korea fired a ballistic missile into the sea off its east coast on Thursday, Japan's defence ministry said.")
    assert [m.event_type for m in ms] == ["MOBILIZE"]


def test_an_act_only_plotted_is_no_event(code):  # noqa: F811
    # (cues.yaml plot_words): neither done nor declared
    assert code("Police in Madrid foiled a plot to bomb the central railway station.") == []
    ms = code("German police arrested a teenager who allegedly plotted to attack a Christmas market.")
    assert [m.event_type for m in ms] == ["COERCE"]
    # ... while a plan declared is an intention
    ms = code("Ethiopia plans to send troops to the Somali border.")
    assert [m.modality for m in ms] == ["intended"]


def test_a_subpoena_is_an_investigation(code):  # noqa: F811
    ms = code("Senate Democrats subpoenaed the former national security adviser on Tuesday.")
    assert [(m.event_type, m.mode) for m in ms] == [("ACCUSE", "investigate")]


def test_students_occupying_a_library_protest(code):  # noqa: F811
    ms = code("Students occupied the university library to protest the tuition increase.")
    assert [m.event_type for m in ms] == ["PROTEST"]


@pytest.mark.parametrize("text", [
    "The rapper was arrested on suspicion of assault early Saturday in Atlanta.",
    "Prosecutors charged the billionaire with fraud and money laundering.",
    "The pastor was detained at the airport on his return from abroad.",
])
def test_people_named_by_their_trade_undergo_the_law(code, text):  # noqa: F811
    # (cues.yaml victim_nouns): an arrest or a charge of someone named by their trade
    ms = code(text)
    assert [len(m.target) for m in ms] == [1]


def test_figures_of_success_and_teams_releasing_players(code):  # noqa: F811
    # "killed it on stage" (cues.yaml figurative_objects); a team's release of players
    # (sports_strict_excluded_events; actor cues: "Premier League" holds no premier)
    assert code("The Irish comedian killed it at the festival in Edinburgh on Saturday.") == []
    assert code("The Premier League club released nine players and retained its coach ahead of the new season.") == []


REPORTS: list[Case] = [
    # a number "of" people: the people counted undergo it (roles.targets_of, syntax.expand)
    Case("Nigerian troops killed four of the kidnappers in a gunfight in Zamfara state.", "ASSAULT",
         ["NGA:MIL"], [None], trigger="killed"),
    # the teller's plea joined by the parse to what it tells
    Case("The Dutch foreign ministry said two of its nationals had been detained in Venezuela and called for their release.",
         "REQUEST", ["NLD:GOV"], [], trigger="called", also={"COERCE"}, attribution="Dutch foreign ministry"),
    # nationals are civilians
    Case("Russia detained a dual national on treason charges.", "COERCE", ["RUS"], [":CVL"], trigger="detained"),
    # "neutralised" fighters are attacked; an answer to aggression is force, and a future one a threat
    Case("The Nigerien army said it had neutralised 15 jihadists near the Malian border.", "ASSAULT",
         ["NER:MIL"], [":REB"], trigger="neutralised", attribution="Nigerien army"),
    Case("Venezuela said it would respond to any provocation from Guyana.", "THREATEN", ["VEN"], [],
         modality="future", trigger="respond", attribution="Venezuela"),
]


def test_a_warning_of_what_another_side_does_is_no_threat(code):  # noqa: F811
    # mentions.forecast: the warned-of act is another side's, with nothing the warned will face
    ms = code("Sandu urged EU leaders to speed up accession talks, warning that Russia was plotting a coup in Moldova.")
    assert "THREATEN" not in [m.event_type for m in ms]
    ms = code("The Indian army chief warned that Pakistan would pay a heavy price for any attack.")
    assert [m.event_type for m in ms] == ["THREATEN"]


def test_where_a_speaker_spoke_is_no_role(full):
    # the role model takes no participant from the participle that sets the scene of the saying
    ms = full("Speaking at a news conference in Nairobi, Ruto said Kenya would not accept foreign interference.")
    assert not [a for m in ms for a in m.target if a.text == "Nairobi"]


BODIES: list[Case] = [
    # "the leaders of A and B": one each, and a meeting between them (syntax.np_bounds,
    # participants.actors_of)
    Case("The prime ministers of Greece and Turkey met in Athens on Thursday.", "CONSULT",
         ["GRC:GOV"], ["TUR"], trigger="met"),
    Case("Erdogan spoke by phone with the leaders of Sweden, Finland and Denmark.", "CONSULT",
         ["TUR:GOV"], ["SWE:GOV", "FIN", "DNK"], trigger="spoke"),
    # joining an alliance or a bloc
    Case("Sweden formally joined NATO on Thursday after Hungary ratified its bid.", "COOPERATE",
         ["SWE"], ["IGO"], trigger="joined", also={"SUPPORT"}),
]


def test_a_states_protest_is_diplomatic(code):  # noqa: F811
    # "protests from Pristina": a state's protest is an accusation; a crowd's stays a protest
    ms = code("Romania's protest over the detention of its border guards went unanswered.")
    assert [m.event_type for m in ms if m.trigger == "protest"] == ["ACCUSE"]
    ms = code("Thousands of Romanians joined the protests in Bucharest.")
    assert [m.event_type for m in ms] == ["PROTEST"]


def test_several_subjects_the_nearest(code):  # noqa: F811
    # a misparse with several subjects: the nearest, unless a name that goes on the one before
    ms = code("Bolivia's electoral tribunal declared Arce the winner, a result the opposition and several "
              "neighbouring governments rejected.")
    assert [a.text for m in ms if m.trigger == "rejected" for a in m.source][:1] == ["opposition"]
    ms = code("A court in the Russian capital Moscow ordered the release of a French researcher.")
    assert [a.sector for m in ms for a in m.source] == ["JUD"]


def test_headline_shapes(code):  # noqa: F811
    # the parse may lose a preposition of cause into the noun's phrase: the protests are the
    # setting of the execution; a video of hostages is no release of them
    ms = code("Saudi Arabia Executes Two Men Over 2011 Protests")
    assert [m.event_type for m in ms] == ["ASSAULT"]
    assert code("Islamic Jihad Releases Video of Two Israeli Hostages") == []
    ms = code("Islamic Jihad released two Israeli hostages on Friday.")
    assert [m.event_type for m in ms] == ["RETREAT"]


def test_the_streets_a_crowd_filled_are_no_target(full):
    # (cues.yaml route_preps, for the role model's added targets)
    ms = full("Tens of thousands of people marched through central Madrid on Sunday against the amnesty law.")
    assert [m.target for m in ms if m.event_type == "PROTEST"] == [[]]


def test_children_and_worshippers_are_targets(full):
    # people named by school, faith or trade are actors the role model keeps over the place
    # (sectors.tsv: schoolchildren EDU, pilgrims REL, herdsmen AGR)
    ms = full("Gunmen abducted 287 schoolchildren in northern Nigeria.")
    assert [a.sector for m in ms for a in m.target] == ["EDU"]
    ms = full("Suspected herdsmen killed 12 pilgrims in Plateau state.")
    assert [a.sector for m in ms for a in m.target] == ["REL"]


def test_protests_a_country_has_are_its_peoples(code):  # noqa: F811
    # (cues.yaml occurrence_verbs): no diplomatic protest
    ms = code("The unrest has spread to Portugal and Spain, which have had protests of their own.")
    assert [m.event_type for m in ms] == ["PROTEST"]


def test_a_relative_subject_among_several(code):  # noqa: F811
    # "the man who they say hit": the relative pronoun's antecedent did it
    ms = code("Prosecutors charged the driver who they say struck and killed a police officer.")
    assert [a.text for m in ms if m.trigger == "struck" for a in m.source] == ["driver"]


SERIES: list[Case] = [
    # "a flurry of missile tests", "a wave of drone attacks on Kyiv": the acts of a series are
    # the verb's (cues.yaml measure_nouns)
    Case("Iran has carried out a series of missile tests since January.", "MOBILIZE", ["IRN"], [],
         trigger="tests"),
    Case("Russia launched a fresh wave of drone attacks on Odesa overnight.", "ASSAULT", ["RUS"], ["UKR"],
         trigger="launched"),
]


def test_a_participle_that_sets_the_scene(full):
    # "Speaking after talks with X, Y called for ...": X is no role of the call, and the talks do
    # not make the call a meeting (arbiter.clause_of, rolemodel._addressees)
    ms = full("Speaking after talks with his Qatari counterpart in Doha, the Turkish foreign minister "
              "called for an immediate ceasefire.")
    assert [(m.event_type, m.target) for m in ms] == [("REQUEST", [])]


def test_what_sanctions_target_and_names_in_lower_case(full):
    # "targeting its gas sector" is no attack (cues.yaml figurative_objects); a lower-case word
    # tagged as a name is no participant the role model adds ("export controls on gallium")
    ms = full("The EU adopted a new package of sanctions against Iran, targeting its oil sector.")
    assert [m.event_type for m in ms] == ["SANCTION"]
    ms = full("China announced export controls on antimony and graphite.")
    assert [m.target for m in ms] == [[]]


@pytest.mark.parametrize("text", [
    "Slovakia is unlikely to block the new sanctions package, diplomats said.",
    "The Pentagon said it had no knowledge of any Israeli strikes on Iranian soil.",
])
def test_a_guess_and_any_act_are_no_deed(code, text):  # noqa: F811
    # (cues.yaml speculation_words, indefinite_determiners): hypothetical
    ms = code(text)
    assert ms and all(m.modality == "hypothetical" for m in ms)


def test_figures_of_rivalry_and_processions(code):  # noqa: F811
    # "fired the opening shot in a price war" (assault.fire unless_object); pilgrims marching are
    # no protest (protest.verb unless_subject); "holding firm" holds no one (fixed_phrases)
    assert code("The budget airline fired the opening shot in a fare war with its Irish rival.") == []
    assert code("Thousands of pilgrims marched into the cathedral at the end of the Camino.") == []
    assert code("The Irish defence held firm through a late siege on their own line.") == []


def test_the_crowd_is_a_target(code):  # noqa: F811
    # a group head the dictionary gives a sector is an actor alone
    ms = code("Riot police fired rubber bullets at the crowd on Saturday.")
    assert [a.sector for m in ms for a in m.target] == ["CVL"]


CONDEMNED: list[Case] = [
    # the act condemned "by" someone: its doer is the target, alone (preps.prep_objects)
    Case("Qatar condemned the killing of a Palestinian journalist by Israeli forces.", "ACCUSE",
         ["QAT"], ["ISR:MIL"], trigger="condemned", also={"ASSAULT"}),
    Case("Egypt condemned the storming of the compound by Israeli settlers.", "ACCUSE",
         ["EGY"], ["ISR"], trigger="condemned"),
    # a coded modifier of a phrase word stays the doer ("Turkish drone strikes")
    Case("According to a monitoring group, Turkish drone strikes killed four Kurdish fighters near Qamishli.",
         "ASSAULT", ["TUR"], [":REB"], trigger="killed", attribution="monitoring group"),
]


def test_a_main_verb_hung_on_its_subject_with_an_infinitive(code):  # noqa: F811
    # "The Qatari emir offered to mediate ...", parsed as a noun with a participle: the noun offers
    ms = code("The Qatari emir offered to mediate between Israel and Hamas.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("AGREE", ["QAT"])]


ABROAD: list[Case] = [
    # forces that arrive in another country are deployed there (rule option abroad)
    Case("Several hundred Rwandan troops arrived in Mozambique to fight insurgents in Cabo Delgado.",
         "MOBILIZE", ["RWA:MIL"], ["MOZ"], trigger="arrived"),
    # a rebel seizure of a provincial capital is an attack
    Case("M23 rebels seized the provincial capital of Bukavu on Sunday.", "ASSAULT", ["COD:REB"], ["COD"],
         trigger="seized"),
]


def test_police_arriving_at_home_are_no_deployment(code):  # noqa: F811
    assert code("Scottish police officers arrived in Glasgow on Friday.") == []


def test_one_of_them_is_one_person(code):  # noqa: F811
    # "one of the passengers" is no body of people (syntax.expand counts only numbers above one)
    assert code("One of the passengers called her husband from the overturned carriage.") == []


def test_a_team_named_like_a_sector_word(code):  # noqa: F811
    # "the Nationals" (capitalised) are a team; "Yemeni nationals" are civilians
    assert code("The Nationals offered the pitcher a seven-year deal, and the Orioles made a rival offer.") == []
    ms = code("Somali pirates seized 14 Yemeni nationals off the coast of Puntland.")
    assert [a.sector for m in ms for a in m.target] == ["CVL"]


def test_protesters_chanting_protest(code):  # noqa: F811
    # (rule protest.q.chant): what they chant is no target
    ms = code("Protesters outside the parliament chanted \"resign, resign\" late into the night.")
    assert [(m.event_type, m.target) for m in ms] == [("PROTEST", [])]
    assert code("The fans chanted his name as he walked onto the pitch.") == []


def test_the_city_a_crowd_filled_is_no_target(full):
    # a crowd's act takes no place name as an added target ("took to the streets of Minsk")
    ms = full("Hundreds of people took to the streets of Tbilisi to protest against the foreign agents law.")
    assert [m.target for m in ms if m.event_type == "PROTEST"] == [[]]


def test_what_a_crowd_chants_is_no_target(full):
    ms = full("In the main square, demonstrators chanted \"Traitors, traitors!\" as riot police looked on.")
    assert [m.target for m in ms if m.event_type == "PROTEST"] == [[]]


# every list of cases above, read by the rules as test_coder reads its own
@pytest.mark.parametrize("case", _params(ANSWERS + WRITINGS + REPORTS + BODIES + SERIES + CONDEMNED + ABROAD))
def test_cases(code, case):  # noqa: F811
    check(code, case)
