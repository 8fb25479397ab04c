"""More shapes of wire copy: tolls of alleged acts, misread participles of allegiance, fire sent
at places, namings, attempts on lives, fire taken, diplomatic representations.  Rules alone,
as in test_coder; every sentence here was written for this file."""
from __future__ import annotations

import pytest
from test_coder import Case, _params, check, code  # noqa: F401  (the fixture is reused)

CASES: list[Case] = [
    # the toll of an alleged act, hung on the accusation, is alleged too (governing.govern)
    Case("Georgia accused Russian-backed forces of shelling its villages, wounding three civilians.", "ACCUSE",
         ["GEO"], [None], trigger="accused"),
    # arms fired at a place of people are an attack (participants.fired_at_site)
    Case("Militants fired mortars at several Syrian army positions overnight.", "ASSAULT", [":REB"], ["SYR:MIL"],
         trigger="fired"),
    Case("Hamas fired rockets at southern towns on Saturday.", "ASSAULT", ["PSE:REB"], [], trigger="fired"),
    # a legal procedure opened against a state (triggers.yaml accuse.q.investigate)
    Case("Brussels opened an infringement procedure against Poland on Wednesday.", "ACCUSE",
         ["EUR"], ["POL"], trigger="opened", mode="investigate"),
    # an attempt on someone's life
    Case("Gunmen made an attempt on the life of the Haitian president in 2019.", "ASSAULT",
         [":UAF"], ["HTI:GOV"], trigger="attempt"),
    # fire taken from armed men is an attack on the subject; "fire" from lawmakers is words
    Case("A Ukrainian border post came under fire from Russian troops.", "ASSAULT",
         ["RUS:MIL"], ["UKR"], trigger="came"),
    Case("The Kenyan president came under fire from opposition lawmakers over the tax increases.", "ACCUSE",
         [":LEG"], ["KEN:GOV"], trigger="came"),
    Case("A UN food convoy came under attack from armed men in Darfur.", "ASSAULT",
         ["SDN:UAF"], ["UNO"], trigger="came"),
    # representations lodged with a state are a diplomatic protest, and no actor
    Case("Japan lodged strong representations with China over the detention of its citizen.", "ACCUSE",
         ["JPN"], ["CHN"], trigger="lodged", also={"COERCE"}),
    # a main verb tagged as a participle on the subject named with a relative clause
    # troops sent to another country aid it; sent at home they are deployed
    Case("Rwanda sent a thousand troops to Mozambique in July 2021.", "AID", ["RWA"], ["MOZ"],
         trigger="sent"),
    Case("The president sent troops to the streets of the capital.", "MOBILIZE", [":GOV"], [], trigger="sent"),
    # a refusal to rule out is no refusal
    Case("The chancellor declined to rule out sending tanks to Ukraine.", "REJECT", [":GOV"], ["UKR"],
         negated=True, trigger="rule"),
    # a search operation is a coercion, no attack
    Case("Indian troops launched a search operation in Kashmir's Kupwara district.", "COERCE", ["IND:MIL"], [],
         trigger="launched"),
    # "Spanish and Moroccan police": the first modifier shares the head noun's sector
    Case("Greek and Turkish coast guards exchanged warnings near the islet on Sunday.", "THREATEN",
         ["GRC:MIL"], ["TUR:MIL"], trigger="exchanged"),
    # a thing hit "near" a coded place names the target
    Case("Unidentified drones struck fuel depots near Belgorod overnight.", "ASSAULT", [":MIL"], ["RUS"],
         trigger="struck"),
    # bandits are criminals
    Case("Armed bandits kidnapped 40 villagers in Katsina state, Nigerian police said.", "ASSAULT",
         [":CRM"], [":CVL"], trigger="kidnapped", attribution="Nigerian police"),
    # a vessel driven off is coerced (diplomats expelled are sanctioned)
    Case("Japan's coast guard said it had expelled a Chinese fishing boat from its waters.", "COERCE",
         ["JPN:MIL"], ["CHN"], trigger="expelled", attribution="coast guard"),
    # brokering is a third party's mediation, no dyad of its brokers
    Case("Oman and Qatar brokered the prisoner swap between Washington and Tehran.", "CONSULT",
         ["OMN", "QAT"], ["USA:GOV", "IRN:GOV"], mode="third-party", trigger="brokered"),
    # an answer given "by" an act is that act
    Case("Beijing retaliated by banning exports of gallium to the United States.", "SANCTION",
         ["CHN:GOV"], ["USA"], trigger="retaliated"),
    # a vowed answer is a threat
    Case("Manila vowed a firm response to any further aggression in its waters.", "THREATEN", ["PHL:GOV"], [],
         trigger="vowed"),
    # arms fired at a hospital are an attack
    Case("Rebels fired mortars at a hospital in Khartoum, killing four.", "ASSAULT", [":REB"], ["SDN"],
         trigger="fired", also={"ASSAULT"}),
    Case("Kazakhstan, which chairs the regional bloc this year, offered to host talks between Armenia and Azerbaijan.",
         "AGREE", ["KAZ"], ["ARM", "AZE"], modality="intended", trigger="offered"),
    # a strike by workers is a protest (triggers protest.strike.n, cues strikers); an army's, an attack
    Case("The strike by dock workers has paralysed ports along the east coast.", "PROTEST", [":LAB"], [],
         trigger="strike", mode="strike"),
    Case("The nurses' strike entered its second week on Monday.", "PROTEST", [":MED"], [], trigger="strike"),
    # what a sum is given as names whom it is for
    Case("The EU pledged 50 billion euros in support for Ukraine over the next four years.", "AGREE",
         ["EUR"], ["UKR"], modality="intended", trigger="pledged"),
    Case("Saudi Arabia deposited 3 billion dollars in loans to Pakistan's central bank.", "AID",
         ["SAU"], ["PAK"], trigger="deposited"),
    # what an act is done under is its setting (cues setting_preps): a refusal, no threat
    # who withdraws is the "of" object, and "from" names the place left (cues departure_nouns)
    Case("The withdrawal of Russian troops from Kherson was completed on Friday.", "RETREAT",
         ["RUS:MIL"], ["UKR"], trigger="withdrawal"),
    Case("Washington announced the withdrawal of 1,000 troops from Niger.", "RETREAT",
         ["USA"], ["NER"], trigger="withdrawal", attribution="Washington"),
    # an answer given with force is the force; stones are thrown at someone
    Case("Police in Nairobi responded with tear gas and rubber bullets.", "ASSAULT", ["KEN:COP"], [],
         trigger="responded"),
    Case("Demonstrators hurled stones at the police outside the parliament.", "PROTEST", [":CVL"], [":COP"],
         trigger="hurled", mode="riot"),
    # a sum in any currency (cues currencies)
    Case("Norway gave 1 billion kroner in humanitarian aid to Sudan last year.", "AID", ["NOR"], ["SDN"],
         trigger="gave"),
    # a hostile act insisted never done is the speaker's denial (cues insisting_verbs)
    Case("The minister insisted that the army had not targeted civilians.", "REJECT", [":GOV"], [],
         trigger="insisted"),
    Case("Moscow maintains that its forces have never attacked civilian infrastructure.", "REJECT", ["RUS:GOV"], [],
         trigger="maintains"),
    # a decision not to charge is a negated accusation, no refusal (ANNOTATION.md)
    Case("The attorney general refused to prosecute the former minister.", "ACCUSE", [":JUD"], [":GOV"],
         negated=True, trigger="prosecute"),
    Case("Prosecutors declined to bring charges against the police officer.", "ACCUSE", [":JUD"], [":COP"],
         negated=True, trigger="bring"),
    # standing by someone supports them, also when promised in a clause
    Case("The German chancellor promised that Berlin would continue to stand by Ukraine.", "AGREE",
         ["DEU:GOV"], ["UKR"], modality="intended", trigger="promised"),
    Case("Gulf states rallied behind Qatar during the dispute.", "SUPPORT", [":"], ["QAT"], trigger="rallied"),
    # put out of office or power (triggers coerce.q.office)
    Case("Peru's Congress voted to remove President Castillo from office.", "COERCE", ["PER:LEG"], [":GOV"],
         trigger="remove"),
    Case("The army ousted the elected government from power in 2021.", "COERCE", [":MIL"], [":GOV"],
         trigger="ousted"),
    # a coalition led by a state is the state's (actor_cues country_only_suffixes)
    Case("Saudi-led coalition air strikes hit a prison in northern Yemen on Friday.", "ASSAULT", ["SAU"], [],
         trigger="hit"),
    # naming someone a danger or a threat condemns them (cues pejorative_words)
    Case("Pyongyang called the United States a warmonger.", "ACCUSE", ["PRK:GOV"], ["USA"], trigger="called"),
    Case("NATO called Russia the most significant threat to allies' security.", "ACCUSE", ["IGO"], ["RUS"],
         trigger="called"),
    # a test of a missile is a show of force; an attack beaten back is answered with force
    Case("Kim Jong Un oversaw the test of a new solid-fuel intercontinental ballistic missile.", "MOBILIZE",
         ["PRK:GOV"], [], trigger="test", mode="weapons"),
    Case("Chad's army repelled an attack by Boko Haram fighters on a military base.", "ASSAULT",
         ["TCD:MIL"], ["NGA:REB"], trigger="repelled"),
    Case("Taipei will not negotiate under threat, the Taiwanese president said.", "REJECT", ["TWN:GOV"], [],
         trigger="negotiate", modality="future", attribution="Taiwanese president"),
]


def test_a_misread_participle_of_allegiance_is_no_act(code):  # noqa: F811
    # "Hackers linked to X broke into": the parser reads "linked" as the verb (syntax.misread_participle)
    ms = code("Hackers linked to North Korean intelligence broke into the networks of two defence firms.")
    assert "COOPERATE" not in [m.event_type for m in ms]
    assert not [a for m in ms for a in m.target if a.country == "PRK"]
    ms = code("Militants linked to al-Shabaab attacked a town in Kenya, killing four police officers.")
    assert [[a.country for a in m.target] for m in ms if m.trigger == "attacked"] == [["KEN"]]


def test_a_naming_is_no_act_of_the_namer(code):  # noqa: F811
    # "called the raid a violation": no strike called, and the raid named is not the namer's
    ms = code("Venezuela called the raid a flagrant violation of its sovereignty.")
    assert [(m.event_type, m.trigger) for m in ms] == [("ACCUSE", "called")]
    ms = code("The union called a general strike for Monday.")
    assert [m.event_type for m in ms] == ["PROTEST"]


def test_people_taking_shelter_are_given_none(code):  # noqa: F811
    # (cues.yaml objectless_other_verbs)
    ms = code("Dozens of families sheltering in a Gaza school were killed in the strike, medics said.")
    assert "AID" not in [m.event_type for m in ms]
    ms = code("Moldova sheltered thousands of Ukrainian refugees in 2022.")
    assert [m.event_type for m in ms] == ["AID"]


def test_thanks_for_an_act_and_an_agreement_condemned(code):  # noqa: F811
    # the act thanked for is the thanked side's, and an agreement named an aggression is no
    # agreement of the namer's
    ms = code("Kyiv thanked Canada for its latest package of military aid.")
    assert [(m.event_type, [a.country for a in m.target]) for m in ms] == [("SUPPORT", ["CAN"])]
    ms = code("Belgrade called the accord an act of aggression.")
    assert [m.event_type for m in ms] == ["ACCUSE"]


def test_a_battle_that_erupts_is_no_accident(code):  # noqa: F811
    ms = code("A gunfight erupted near the border post, killing three Pakistani soldiers.")
    assert [(m.event_type, m.source) for m in ms] == [("ASSAULT", [])]


def test_what_is_done_with_an_absolute_phrase_is_undergone(code):  # noqa: F811
    # "with a police van torched": the van underwent it, no doer named
    ms = code("Rioters fought police in Marseille overnight, with a police car torched near the port.")
    assert not [m for m in ms if m.trigger == "torched" and m.source]


def test_names_with_their_of_phrase_and_a_bodys_their(code):  # noqa: F811
    # "the Organization of American States" is one name; "their position" a plural body's
    ms = code("The Organization of American States condemned the arrests in Caracas.")
    assert [a.country for m in ms for a in m.source] == ["IGO"]
    ms = code("UN peacekeepers said an Israeli tank had fired at their watchtower.")
    assert [[a.country for a in m.target] for m in ms] == [["UNO"]]
    # critics of the arts are no opposition
    assert code("The singer accused a music critic of bias in a post on Sunday.") == []


def test_a_states_allies_and_a_coup_named(code):  # noqa: F811
    # "Ukraine's allies" are not Ukraine; raids named a coup are condemned, not the namer's raids
    ms = code("Israel's Western allies suspended arms sales to the country.")
    assert [a.country for m in ms for a in m.source] == [None]
    ms = code("The African Union called the arrests an attempted coup.")
    assert [(m.event_type, m.trigger) for m in ms] == [("ACCUSE", "called")]


def test_speaking_to_the_press_is_no_talks(code):  # noqa: F811
    # (cues.yaml interview_verbs, press_sectors)
    assert code("Speaking to Reuters, the Iranian minister said aid had not arrived.") == []
    ms = code("The Iranian minister spoke to his Iraqi counterpart on Monday.")
    assert [m.event_type for m in ms] == ["CONSULT"]


def test_a_contest_of_votes_is_no_attack(code):  # noqa: F811
    # (cues.yaml figurative_objects; armed_objects keep an armed doer's attack)
    assert code("Erdogan beat his rival Kilicdaroglu in the runoff.") == []
    ms = code("Militants bombed a polling station in Kandahar during the election.")
    assert [m.event_type for m in ms] == ["ASSAULT"]


def test_one_person_is_never_both_sides(code):  # noqa: F811
    # a name read on both sides (here by the parse of an appositive) is one side only; someone
    # named by that person's name ("Erdogan's successor") is another
    ms = code("Erdogan met President Erdogan's envoys in Ankara.")
    assert [[a.text for a in m.target] for m in ms] == [["President Erdogan's envoys"]]
    ms = code("Biden met Biden in Delaware.")
    assert all(not m.target for m in ms)


def test_a_told_verb_joined_to_a_promise_is_its_own_act(code):  # noqa: F811
    ms = code("The Armenian prime minister offered to sign the treaty and urged Baku to respond.")
    assert sorted(m.event_type for m in ms) == ["AGREE", "REQUEST"]


@pytest.mark.parametrize("case", _params(CASES))
def test_cases(code, case):  # noqa: F811
    check(code, case)


def test_an_armys_strike_stays_an_attack(code):  # noqa: F811
    ms = code("Israel said the strike by its air force killed a senior Hamas commander.")
    assert "PROTEST" not in [m.event_type for m in ms]
    ms = code("The strike on the port killed four dock workers.")
    assert "PROTEST" not in [m.event_type for m in ms]


def test_a_company_responding_with_words_uses_no_force(code):  # noqa: F811
    assert code("The company responded with a statement on Friday.") == []


def test_a_share_of_output_is_no_target(code):  # noqa: F811
    ms = code("Argentina's new president has pledged to cut public spending by five percent of GDP.")
    assert [a.text for m in ms for a in m.target] == []


def test_a_currency_list_makes_no_rule_a_judgement(code):  # noqa: F811
    # (lexicon.JUDGING_LISTS: only lists of judging words do; "send a team to investigate" is
    # still what the sending is for)
    ms = code("France has sent seven military experts to Saudi Arabia to investigate the attacks.")
    assert [m.event_type for m in ms] == ["ACCUSE"]


def test_only_a_hostile_act_insisted_undone_is_a_denial(code):  # noqa: F811
    ms = code("The minister insisted that the army would not withdraw from the town.")
    assert "REJECT" in [m.event_type for m in ms] and all(m.trigger != "insisted" for m in ms)
    ms = code("China refused to condemn Russia's invasion.")
    assert [(m.event_type, m.negated) for m in ms] == [("REJECT", False)]


def test_it_is_never_a_person_named_before(code):  # noqa: F811
    # (cues impersonal_pronouns; a state's person still lends the state: "Turkey's president says it")
    ms = code("Colombia's president suspended the ceasefire with the rebel group after it attacked a military base.")
    assert not [m for m in ms if m.trigger == "attacked" and [a.text for a in m.source] == ["Colombia's president"]]
    ms = code("Turkey's president says it will begin a new military operation against Kurdish fighters in Syria.")
    assert [[a.country for a in m.source] for m in ms] == [["TUR"]]


def test_being_in_power_is_no_removal(code):  # noqa: F811
    assert code("The party has been in power since 1994.") == []


def test_the_party_of_a_settings_deal_is_no_target(code):  # noqa: F811
    ms = code("Cuba released more than 500 prisoners under a deal with the Vatican.")
    assert [(m.event_type, [a.country for a in m.target]) for m in ms] == [("RETREAT", [None])]


def test_a_clash_between_named_sides_is_its_own_event(code):  # noqa: F811
    # an event noun of the setting that names its two sides is not folded into the main act
    ms = code("The Lebanese army deployed troops along the southern border after clashes between Hezbollah "
              "and Israeli forces.")
    got = {(m.event_type, tuple(a.country for a in m.source), tuple(a.country for a in m.target)) for m in ms}
    assert ("MOBILIZE", ("LBN",), ()) in got and ("ASSAULT", ("LBN",), ("ISR",)) in got


def test_a_judging_word_said_is_no_act_of_its_own(code):  # noqa: F811
    ms = code("Officials said Iran was a threat to regional stability.")
    assert [(m.event_type, [a.country for a in m.target]) for m in ms] == [("ACCUSE", ["IRN"])]


def test_an_interaction_is_no_participant(code):  # noqa: F811
    ms = code("China firmly opposes any form of official interaction between the US and Taiwan.")
    assert [a.text for m in ms for a in m.target if "interaction" in a.text] == []


def test_only_a_sum_given_in_a_form_names_whom_it_is_for(code):  # noqa: F811
    # (cues money_nouns, currencies: "four months of training in the hills of X" is no sum)
    ms = code("The actor said the role required four months of horseback training in the hills of Andalusia.")
    assert [a.text for m in ms for a in m.target] == []


def test_a_states_own_forces_are_its_own(code):  # noqa: F811
    # "its" on the object is bound by a state subject (participants._owners); a person's "his" is not
    ms = code("Azerbaijan put its troops on full combat alert near the border with Armenia.")
    assert [(m.event_type, [(a.country, a.sector) for a in m.target]) for m in ms] == [("MOBILIZE", [("AZE", "MIL")])]
    assert [a.country for m in code("The president put his guard on alert.") for a in m.target] in ([], [None])


def test_a_state_striking_targets_somewhere_attacks(code):  # noqa: F811
    # (triggers.state_in_place; a state's own emissions targets stay a figure)
    ms = code("Russia struck targets across Ukraine overnight.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("ASSAULT", ["RUS"])]
    assert code("Britain hit its emissions targets last year.") == []


def test_rockets_fired_by_an_armed_group_are_an_attack_not_a_test(code):  # noqa: F811
    # (cues irregular_force_sectors: armed groups hold no weapons tests; states' launches stay MOBILIZE)
    assert [m.event_type for m in code("Islamic Jihad fired a barrage of rockets on Sunday.")] == ["ASSAULT"]
    assert [m.event_type for m in code("Pakistan test-fired a ballistic missile on Friday.")] == ["MOBILIZE"]


def test_a_failure_coded_itself_is_no_accusation_by_the_teller(code):  # noqa: F811
    ms = code("After two days of talks, the negotiators failed to agree on a ceasefire, a diplomat said.")
    assert [m.event_type for m in ms] == ["AGREE"] and ms[0].negated
    ms = code("The opposition said the government has again failed to protect its citizens.")
    assert [m.event_type for m in ms] == ["ACCUSE"]


def test_a_participle_with_its_own_doer_is_its_doers_act(code):  # noqa: F811
    # "rescued the crew of a tanker seized by Houthi rebels": the seizure is the rebels' own event
    ms = code("The coast guard rescued the crew of a tanker seized by Houthi rebels.")
    got = {(m.event_type, tuple(a.country for a in m.source)) for m in ms}
    assert ("COERCE", ("YEM",)) in got and len(ms) == 2


def test_the_one_asked_is_the_subject_of_what_is_asked(code):  # noqa: F811
    # "demanded that French troops leave": an asked act that is no event word names the asked too
    ms = code("Burkina Faso's junta demanded that French special forces leave within a month.")
    assert [(m.event_type, [a.country for a in m.target]) for m in ms] == [("REQUEST", ["FRA"])]


def test_a_claim_denied_answers_whoever_made_it(code):  # noqa: F811
    # (conventions.answered_charges: a claim told by its speaker, restated as "a claim ... denied")
    ms = code("The separatists said they had downed an army drone, a claim the military denied.")
    denial = [m for m in ms if m.event_type == "REJECT"]
    assert [[a.text for a in m.target] for m in denial] == [["separatists"]]


def test_appealing_a_ruling_is_no_request(code):  # noqa: F811
    assert [m.event_type for m in code("The Kenyan government will appeal the High Court ruling.")] == []
    assert [m.event_type for m in code("The Kenyan opposition appealed for calm.")] == ["REQUEST"]


def test_the_countrys_forces_are_the_country_named(code):  # noqa: F811
    # (participants.the_countrys, cues state_anaphora: one country named before it)
    ms = code("Egyptian state television said the country's air force had struck militant camps.")
    assert [(a.country, a.sector) for m in ms for a in m.source] == [("EGY", "MIL")]


def test_a_truce_suspended_and_drills_announced(code):  # noqa: F811
    ms = code("The Philippine president suspended the ceasefire with the communist rebels.")
    assert [(m.event_type, m.mode) for m in ms] == [("SANCTION", "discontinue")]
    assert [m.event_type for m in code("Moscow announced naval drills in the Baltic Sea.")] == ["MOBILIZE"]


def test_a_plea_to_a_charge_is_no_request(code):  # noqa: F811
    # (cues plea_answers; a guilty plea stays a concession)
    assert code("The former governor pleaded not guilty to bribery charges.") == []
    assert [m.event_type for m in code("The former governor pleaded guilty to bribery charges.")] == ["CONCEDE"]


def test_a_cooperation_deal_revoked_and_a_rights_office_ordered_out(code):  # noqa: F811
    ms = code("Mali's junta revoked its defence cooperation deal with France.")
    assert [(m.event_type, [a.country for a in m.target]) for m in ms] == [("SANCTION", ["FRA"])]
    ms = code("Burundi ordered the UN human rights office to leave the country.")
    assert [(m.event_type, m.mode) for m in ms][:1] == [("SANCTION", "expel")]


def test_trade_words_that_look_like_events_give_nothing(code):  # noqa: F811
    # (actor cues non_actor_phrases: drug candidates; cues not_event_nouns: grocery delivery;
    # figurative_objects: what businesses fight over; sports_words: football)
    for text in ("A Dutch drugmaker dropped its lead vaccine candidate after a failed trial in Germany.",
                 "Walmart expanded same-day grocery delivery to 30 more U.S. cities.",
                 "Netflix stepped up its battle with Disney for subscribers in India.",
                 "Japan's veteran striker retired from international football, a week after his side were "
                 "beaten by Iran in Doha."):
        assert code(text) == [], text


def test_what_is_done_without_is_no_object(code):  # noqa: F811
    # "the talks ended without agreement" ends no agreement (syntax.objects skips "without")
    ms = code("Talks between Armenia and Azerbaijan ended without agreement in Washington.")
    assert [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in ms] \
        == [("CONSULT", ["ARM"], ["AZE"])]


def test_an_event_that_shows_something_is_still_an_event(code):  # noqa: F811
    # a noun subject of a verb of saying with an object of its own is no document speaking
    ms = code("The visit by the Indian prime minister to Kyiv underlined the two countries' ties.")
    assert [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in ms] \
        == [("CONSULT", ["IND"], ["UKR"])]


def test_fire_with_a_coded_owner_names_the_shooter(code):  # noqa: F811
    # (cues gunfire_words: "Israeli fire" is Israel's, "a fire" no one's)
    ms = code("Three Palestinians were killed by Israeli fire near the border fence.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("ASSAULT", ["ISR"])]
    assert code("Three people were killed by a fire in Athens.") == []


def test_diplomats_taken_out_of_a_country_are_a_withdrawal_of_relations(code):  # noqa: F811
    # PLOVER SANCTION, mode withdraw ("non-military resources (aid, observers, diplomats)")
    for text in ("Germany evacuated its diplomats from Sudan after the fighting began.",
                 "Canada withdrew its diplomats from Haiti."):
        assert [m.event_type for m in code(text)] == ["SANCTION"], text


def test_crimes_said_of_an_actor_and_reports_by_their_author(code):  # noqa: F811
    # (cues pejorative_words: war crimes, atrocities; claims.said_clauses: "said in a report that";
    # participants.authored_by: "a UN report" is the UN's)
    ms = code("The UN said in a report that Sudanese paramilitaries had committed war crimes in Darfur.")
    assert [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in ms] \
        == [("ACCUSE", ["UNO"], ["SDN"])]
    ms = code("An EU report accused Chinese hackers of stealing data.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms][:1] == [("ACCUSE", ["EUR"])]


def test_drones_sent_at_someone_attack_them_and_what_is_fired_is_no_target(code):  # noqa: F811
    # (triggers.yaml assault.q.drones; theme_object on the rules of things fired)
    ms = code("Russia launched dozens of attack drones at Ukraine overnight.")
    assert [(m.event_type, [a.country for a in m.target]) for m in ms] == [("ASSAULT", ["UKR"])]
    ms = code("The Houthis fired drones and missiles at a Liberian-flagged tanker.")
    assert all("drones" not in a.text and "missiles" not in a.text for m in ms for a in m.target)


def test_titles_of_several_words_and_names_with_joined_modifiers(code):  # noqa: F811
    # (participants.actorish reads a modifier of a modifier: "foreign policy chief"; actors_of
    # cuts no name at a joined pair of its modifiers: "peace and security council")
    ms = code("The EU's foreign policy chief called Israel's plan unacceptable.")
    assert [(m.event_type, [(a.country, a.sector) for a in m.source]) for m in ms] == [("ACCUSE", [("EUR", "GOV")])]
    ms = code("The African Union's peace and security council condemned the coup in Niger.")
    assert [[a.country for a in m.source] for m in ms] == [["IGO"]]


def test_a_deadline_given_to_an_actor_is_an_ultimatum(code):  # noqa: F811
    # (claims.ultimatums, cues deadline_verbs / deadline_units; what it is told to do is the
    # ultimatum's, no act of its own)
    ms = code("Washington gave Tehran until Sunday to free the detained sailors or face new sanctions.")
    assert [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in ms] \
        == [("THREATEN", ["USA"], ["IRN"])]
    ms = code("The regional bloc gave Mali's junta 48 hours to release the detained president.")
    assert [(m.event_type, [a.country for a in m.target]) for m in ms] == [("THREATEN", ["MLI"])]


def test_broadcasts_stopped_by_strikers_are_their_strike(code):  # noqa: F811
    ms = code("Journalists walked off the job across Greece, suspending radio news broadcasts.")
    assert [m.event_type for m in ms] == ["PROTEST"]


def test_money_announced_and_what_others_run_paid_for_are_aid(code):  # noqa: F811
    # (triggers.yaml aid.q.money with announce/unveil; aid.q.fund)
    ms = code("Japan announced $500 million in new humanitarian aid for Afghanistan.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms][:1] == [("AID", ["JPN"])]
    ms = code("The Netherlands financed the reconstruction of a hospital in Yemen.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("AID", ["NLD"])]
    assert code("The company announced $300 million in quarterly profits.") == []


def test_gathering_for_a_summit_and_two_sides_discussing(code):  # noqa: F811
    # (consult.q.gather; "discuss" among reciprocal_words: coordinated sides make a dyad)
    ms = code("Leaders of the G20 gathered in New Delhi for their annual summit.")
    assert [(m.event_type, [a.country for a in m.source]) for m in ms] == [("CONSULT", ["IGO"])]
    ms = code("The Indian and Chinese defence ministers discussed the border dispute in Moscow.")
    assert [([a.country for a in m.source], [a.country for a in m.target]) for m in ms] == [(["IND"], ["CHN"])]


def test_held_without_bail_on_a_judges_order_is_custody(code):  # noqa: F811
    # (syntax.objects: a participle's "without" keeps its object; an active verb's does not)
    ms = code("The judge ordered him held without bail pending a hearing next month.")
    assert [m.event_type for m in ms] == ["COERCE"]


def test_sides_acting_on_each_other_make_a_dyad(code):  # noqa: F811
    for text in ("Serbia and Kosovo blamed each other for the violence in the north.",
                 "Armenia and Azerbaijan accused one another of violating the truce."):
        ms = code(text)
        assert [(m.event_type, len(m.source), len(m.target)) for m in ms] == [("ACCUSE", 1, 1)], text


def test_forces_crossing_into_another_country(code):  # noqa: F811
    # (mobilize.q.cross, abroad; "eastern Congo" is the DRC's east)
    ms = code("Rwandan troops crossed into eastern Congo to pursue the rebels.")
    assert [(m.event_type, [a.country for a in m.target]) for m in ms] == [("MOBILIZE", ["COD"])]
    assert code("Kenyan troops crossed into northern Kenya.") == []
