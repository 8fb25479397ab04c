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


@pytest.mark.parametrize("case", _params(ANSWERS))
def test_answers(code, case):  # noqa: F811
    check(code, case)


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
