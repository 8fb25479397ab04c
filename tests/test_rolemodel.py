"""The learned role model (eventwire.coding.rolemodel, eventwire.rolefit) on sentences written
for this file: candidate noun phrases, gold-span labels, the decision rule, its use by the
coder, and a deterministic rebuild."""
from __future__ import annotations

import json

import numpy as np
import pytest

from eventwire import rolefit
from eventwire.coding.coder import SentenceCoder
from eventwire.coding.rolemodel import (
    CLASSES,
    ROLE_MODEL_PATH,
    RULE_ID,
    RoleModel,
    candidates,
    decide,
    features,
    load_role_model,
    path,
)
from eventwire.nlp import load_model
from eventwire.pipeline import Config, get_pipeline

OFF = {"fill_source": 1.01, "fill_target": 1.01, "margin_source": 9.0, "margin_target": 9.0}


@pytest.fixture(scope="module")
def pipe():
    return get_pipeline(Config(type_model=False, role_model=False))


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


def test_candidates_are_actor_phrases_not_dates_pronouns_or_the_trigger(pipe, nlp):
    doc = nlp("On Monday they said Egyptian mediators hosted talks between Israeli officials and Hamas in Cairo.")
    ctx = pipe.coder.context(doc)
    words = [c.text for c in candidates(ctx, _tok(doc, "talks"))]
    assert {"mediators", "officials", "Hamas", "Cairo"} <= set(words)
    assert "Monday" not in words and "they" not in words and "talks" not in words
    assert "Egyptian" not in words and "Israeli" not in words     # modifiers of a phrase, not phrases


def test_waters_are_no_candidate_but_places_are(pipe, nlp):
    # a place stands in for the country an act falls on, as PLV codes it ("the summit in Lima",
    # "a curfew in parts of Kashmir"); waters name no actor
    doc = nlp("Iran seized an oil tanker in the Strait of Hormuz.")
    ctx = pipe.coder.context(doc)
    assert "Strait" not in [c.text for c in candidates(ctx, _tok(doc, "seized"))]
    doc = nlp("Indian authorities imposed a curfew in parts of Kashmir.")
    ctx = pipe.coder.context(doc)
    assert "Kashmir" in [c.text for c in candidates(ctx, _tok(doc, "imposed"))]


def test_candidates_include_the_rules_choice_and_stay_in_order(pipe, nlp):
    doc = nlp("The ministry condemned the raid on the village.")
    ctx = pipe.coder.context(doc)
    village = _tok(doc, "village")
    out = candidates(ctx, _tok(doc, "condemned"), (village,))
    assert village in out
    assert [c.i for c in out] == sorted(c.i for c in out)


def test_path_goes_up_to_the_common_head_and_down(nlp):
    doc = nlp("The ministers signed the accord in Geneva.")
    signed, ministers, geneva = _tok(doc, "signed"), _tok(doc, "ministers"), _tok(doc, "Geneva")
    assert path(signed, ministers) == ["vnsubj"]
    assert path(ministers, signed) == ["^nsubj"]
    assert path(ministers, geneva) == ["^nsubj", "vprep", "vpobj"]


def test_features_name_the_preposition_voice_and_side(pipe, nlp):
    doc = nlp("Aid was delivered to the refugees by the Red Cross.")
    ctx = pipe.coder.context(doc)
    f = features(ctx, _tok(doc, "delivered"), "AID", _tok(doc, "refugees"))
    assert "prep:to" in f and "voice:pass" in f and "side:after" in f and "ev:AID" in f
    assert "path:vprep_vpobj" in f


def test_gold_spans_split_and_ignore_case():
    text = "The Navy and the Coast Guard rescued the crew."
    assert rolefit.gold_spans(text, "the navy; the Coast Guard") == [(0, 8), (13, 28)]
    assert rolefit.gold_spans(text, None) == [] and rolefit.gold_spans(text, "nobody here") == []


def test_labels_come_from_gold_spans_by_head_then_overlap(pipe, nlp):
    text = "The Kenyan government expelled two Ugandan diplomats on Friday."
    doc = nlp(text)
    ctx = pipe.coder.context(doc)
    cands = candidates(ctx, _tok(doc, "expelled"))
    labels = rolefit.label_candidates(cands, pipe.lexicon, rolefit.gold_spans(text, "The Kenyan government"),
                                      rolefit.gold_spans(text, "two Ugandan diplomats"))
    got = dict(zip([c.text for c in cands], labels))
    assert got["government"] == "SOURCE" and got["diplomats"] == "TARGET"
    # a gold span that covers no head still labels the phrase it overlaps
    labels = rolefit.label_candidates(cands, pipe.lexicon, rolefit.gold_spans(text, "Kenyan"), [])
    assert dict(zip([c.text for c in cands], labels))["government"] == "SOURCE"


def test_decide_fills_a_missing_role_only_beside_one_the_rules_found():
    ids = [1, 5, 9]
    probs = np.array([[0.1, 0.8, 0.1], [0.2, 0.1, 0.7], [0.9, 0.05, 0.05]])
    th = {**OFF, "fill_target": 0.6}
    assert decide(ids, probs, {1}, set(), th) == (None, 1)     # target filled with token 5
    assert decide(ids, probs, set(), set(), th) == (None, None)  # no role found: no reading of its own
    assert decide(ids, probs, {1}, set(), {**th, "fill_target": 0.75}) == (None, None)   # unsure: keep


def test_decide_replaces_a_role_only_by_a_clear_margin():
    ids = [1, 5, 9]
    probs = np.array([[0.1, 0.85, 0.05], [0.6, 0.3, 0.1], [0.2, 0.1, 0.7]])
    th = {**OFF, "margin_source": 0.4}
    assert decide(ids, probs, {5}, {9}, th) == (0, None)       # 0.85 - 0.3 >= 0.4: token 1 replaces 5
    assert decide(ids, probs, {5}, {9}, {**th, "margin_source": 0.6}) == (None, None)
    assert decide(ids, probs, {1}, {9}, {**OFF, "margin_target": 0.1}) == (None, None)   # the rules' best


def _model(tmp_path, weights: dict, **th) -> RoleModel:
    vocab = sorted(weights)
    m = RoleModel(vocab=vocab, weights=np.array([weights[v] for v in vocab], dtype=np.float32),
                  bias=np.zeros(3, dtype=np.float32), **{**OFF, **th})
    m.save(tmp_path / "roles.npz")
    return RoleModel.load(tmp_path / "roles.npz")


def _targets(coder, nlp, text: str, trigger: str) -> list:
    """The target texts of each mention of ``text`` whose trigger is ``trigger``."""
    return [[a.text for a in m.target] for m in coder.code(nlp(text)) if m.trigger == trigger]


def test_model_round_trip_and_probabilities(tmp_path):
    m = _model(tmp_path, {"prep:on": [0.0, 0.0, 3.0], "dep:nsubj": [0.0, 2.0, 0.0]}, fill_target=0.6)
    assert m.thresholds()["fill_target"] == pytest.approx(0.6)
    p = m.proba([["prep:on"], ["dep:nsubj", "unknown"], []])
    assert p.shape == (3, len(CLASSES)) and np.allclose(p.sum(axis=1), 1.0)
    assert p[0].argmax() == 2 and p[1].argmax() == 1 and np.allclose(p[2], 1 / 3)


def test_coder_takes_the_models_target_and_records_it(tmp_path, pipe, nlp):
    text = "Officials in Lagos said protesters rallied on parliament."
    doc = nlp(text)
    before = [m for m in pipe.coder.code(doc) if m.trigger == "rallied"]
    assert before and not before[0].target          # the rules find no target here
    sure = SentenceCoder(pipe.lexicon, pipe.actors, _model(tmp_path, {"prep:on": [0.0, 0.0, 4.0]}, fill_target=0.6))
    after = [m for m in sure.code(doc) if m.trigger == "rallied"][0]
    assert [a.text for a in after.target] == ["parliament"] and RULE_ID in after.rules
    assert [a.text for a in after.source] == [a.text for a in before[0].source]


def test_coder_keeps_the_rules_roles_when_the_model_is_unsure(tmp_path, pipe, nlp):
    doc = nlp("Officials in Lagos said protesters marched on parliament.")
    unsure = SentenceCoder(pipe.lexicon, pipe.actors, _model(tmp_path, {"prep:on": [0.0, 0.0, 0.5]}, fill_target=0.6))
    rules = [(m.event_type, [a.text for a in m.source], [a.text for a in m.target]) for m in pipe.coder.code(doc)]
    got = unsure.code(doc)
    assert [(m.event_type, [a.text for a in m.source], [a.text for a in m.target]) for m in got] == rules
    assert not any(RULE_ID in m.rules for m in got)


def test_a_place_never_displaces_people_with_a_role(tmp_path, pipe, nlp):
    """The model may put a place where the rules found unnamed people ("killed 48 people in
    Kabul", PLV's convention), not where they found people with a role."""
    eager = SentenceCoder(pipe.lexicon, pipe.actors, _model(tmp_path, {"prep:in": [0.0, 0.0, 6.0]}, margin_target=0.2))

    def target(text):
        return [[a.text for a in m.target] for m in eager.code(nlp(text)) if m.event_type == "ASSAULT"]

    assert target("Kenyan riot police fired tear gas at protesters in Nairobi.") == [["protesters"]]
    assert target("Afghan gunmen killed 48 people in Kabul.") == [["Kabul"]]
    # nor the second of two places
    sure = SentenceCoder(pipe.lexicon, pipe.actors, _model(tmp_path, {"dep:conj": [0.0, 0.0, 6.0]}, margin_target=0.2))
    got = [[a.text for a in m.target] for m in sure.code(nlp("Kenyan riot police fired tear gas at protesters in Nairobi and Mombasa."))
           if m.event_type == "ASSAULT"]
    assert got == [["protesters"]]


def test_the_grammar_of_a_passive_fixes_its_roles(tmp_path, pipe, nlp):
    """The noun a participle with its agent modifies undergoes the act, and the agent does it:
    the model does not replace them, however sure ("Somali forces, backed by US airstrikes")."""
    eager = SentenceCoder(pipe.lexicon, pipe.actors,
                          _model(tmp_path, {"prep:from": [0.0, 0.0, 6.0], "dep:nsubj": [0.0, 6.0, 0.0]},
                                 margin_target=0.2, margin_source=0.2))
    doc = nlp("Somali forces, backed by US airstrikes, recaptured a town from al-Shabaab militants.")
    got = [m for m in eager.code(doc) if m.trigger == "backed"][0]
    assert [a.text for a in got.target] == ["Somali forces"] and [a.text for a in got.source] == ["US airstrikes"]
    # an active trigger's roles stay open to the model
    doc = nlp("Kenya accused Somalia of sheltering fighters from al-Shabaab.")
    got = [m for m in eager.code(doc) if m.trigger == "accused"][0]
    assert RULE_ID in got.rules


def test_a_target_in_the_triggers_phrase_is_never_replaced_from_outside_it(tmp_path, pipe, nlp):
    eager = SentenceCoder(pipe.lexicon, pipe.actors,
                          _model(tmp_path, {"dep:dobj": [0.0, 0.0, 6.0]}, margin_target=0.2))
    doc = nlp("The Philippines summoned China's envoy after its coast guard fired water cannon at a Philippine vessel.")
    got = [m for m in eager.code(doc) if m.trigger == "fired"][0]
    assert [a.text for a in got.target] == ["Philippine vessel"]


def test_the_model_never_adds_an_event_the_rules_drop(tmp_path, pipe, nlp):
    doc = nlp("The storm hit the coast of the island on Sunday.")
    eager = SentenceCoder(pipe.lexicon, pipe.actors,
                          _model(tmp_path, {"bias": [0.0, 5.0, 5.0]}, fill_source=0.1, fill_target=0.1,
                                 margin_source=0.0, margin_target=0.0))
    assert len(eager.code(doc)) == len(pipe.coder.code(doc))


RECORDS = [
    ("Chile recalled its ambassador from Peru.", "REJECT", "Chile", "Peru"),
    ("The Dutch government summoned the Turkish envoy.", "ACCUSE", "The Dutch government", "the Turkish envoy"),
    ("Brazil sent food aid to Haiti.", "AID", "Brazil", "Haiti"),
    ("Police arrested twelve protesters in Minsk.", "COERCE", "Police", "twelve protesters"),
    ("Japan accused China of violating its airspace.", "ACCUSE", "Japan", "China"),
    ("The rebels attacked an army base near Goma.", "ASSAULT", "The rebels", "an army base"),
    ("Ghana hosted talks with Togo on the border.", "CONSULT", "Ghana", "Togo"),
    ("Canada imposed sanctions on Iranian officials.", "SANCTION", "Canada", "Iranian officials"),
    ("The union threatened to strike against the mining company.", "THREATEN", "The union", "the mining company"),
    ("Poland offered help to Lithuania.", "AGREE", "Poland", "Lithuania"),
    ("India and Nepal signed a trade agreement.", "AGREE", "India", "Nepal"),
    ("Spain criticised Morocco over the migrants.", "ACCUSE", "Spain", "Morocco"),
]


def _records():
    return [{"id": f"r{k}", "text": t, "events": [{"event": e, "source_text": s, "target_text": g}]}
            for k, (t, e, s, g) in enumerate(RECORDS)]


def test_training_rebuilds_the_same_file(tmp_path):
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    rep = rolefit.build_role_model(_records(), a)
    rolefit.build_role_model(_records(), b)
    assert a.read_bytes() == b.read_bytes()
    assert rep["instances"] > 0 and set(rep["thresholds"]) == set(OFF)
    model = load_role_model(a)
    assert model is not None and model.vocab == sorted(model.vocab)
    data = rolefit.instances(_records())
    labels = [lab for d in data for lab in d.labels]
    assert "SOURCE" in labels and "TARGET" in labels


def test_packaged_role_model_loads_with_thresholds():
    if not ROLE_MODEL_PATH.exists():
        pytest.skip("no packaged role model (run `eventwire train`)")
    m = load_role_model()
    assert m is not None and m.weights.shape == (len(m.vocab), len(CLASSES))
    with np.load(ROLE_MODEL_PATH, allow_pickle=False) as z:
        assert set(json.loads(str(z["meta"]))["thresholds"]) == set(OFF)


@pytest.mark.slow
def test_train_command_rebuilds_the_role_model_beside_the_type_model(tmp_path):
    from eventwire.training import train_from_file

    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    reports = [train_from_file(data, out=tmp_path / f"m{k}" / "typemodel.npz", written=False) for k in range(2)]
    first, second = (tmp_path / f"m{k}" / "roles.npz" for k in range(2))
    assert first.exists() and first.read_bytes() == second.read_bytes()
    assert reports[0]["roles"]["path"] == str(first)


def test_a_reciprocal_act_of_two_parties_keeps_its_dyad(tmp_path, pipe, nlp):
    doc = nlp("Chile and Peru signed a fishing agreement with the support of the United Nations.")
    eager = SentenceCoder(pipe.lexicon, pipe.actors, _model(tmp_path, {"bias": [0.0, 0.0, 5.0]}, fill_target=0.1))
    rules = [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in pipe.coder.code(doc)]
    got = [(m.event_type, [a.country for a in m.source], [a.country for a in m.target]) for m in eager.code(doc)]
    assert got == rules and any(s == ["CHL"] and t == ["PER"] for _, s, t in got)


def test_thresholds_are_the_most_cautious_within_tolerance(monkeypatch):
    """Of the grid points whose cross-validated F1 is within TOLERANCE of the best, the highest
    fill and margin are taken; a use that does not lift its role's F1 by MIN_GAIN stays off."""
    from eventwire import rolefit

    def fake_scores(data, probs, th):
        f, m = th["fill_target"], th["margin_target"]
        target = 0.60 if f > 1 and m > 1 else 0.80 - 0.01 * (f - 0.35) * 10 - 0.002 * (m - 0.2) * 10
        return {"SOURCE": {"f1": 0.9}, "TARGET": {"f1": target}}

    monkeypatch.setattr(rolefit, "role_scores", fake_scores)
    th, _ = rolefit.choose_thresholds([], [])
    assert th["fill_target"] == 0.35                      # one step more costs 0.01 > TOLERANCE
    assert th["margin_target"] == 0.4                     # two steps cost 0.004 <= TOLERANCE
    assert (th["fill_source"], th["margin_source"]) == (1.01, 9.0)   # no gain: off


def test_a_passives_subject_is_its_target_by_grammar(tmp_path, pipe, nlp):
    """"Two soldiers were killed ... in Burkina Faso": the passive's subject underwent the act,
    and no place the model prefers replaces it."""
    eager = SentenceCoder(pipe.lexicon, pipe.actors, _model(tmp_path, {"prep:in": [0.0, 0.0, 6.0]}, margin_target=0.2))
    doc = nlp("Two soldiers were killed when their convoy was ambushed by militants in the north of Burkina Faso.")
    got = [m for m in eager.code(doc) if m.trigger == "killed"][0]
    assert [a.text for a in got.target] == ["Two soldiers"] and RULE_ID not in got.rules


def test_no_target_is_filled_from_another_clause_or_a_venue(tmp_path, pipe, nlp):
    """An empty target is not filled with the subject of a clause of time, the place of the
    main clause for a participle that tells its outcome, or where a meeting is held."""
    eager = SentenceCoder(pipe.lexicon, pipe.actors,
                          _model(tmp_path, {"prep:in": [0.0, 0.0, 6.0], "dep:nsubj": [0.0, 0.0, 6.0]}, fill_target=0.3))

    assert _targets(eager, nlp, "The Security Council failed to agree on a resolution after Russia vetoed the draft.", "agree") == [[]]
    assert _targets(eager, nlp, "The rebels have refused to take part in the peace talks in Geneva.", "refused") == [[]]
    for text, trigger in [("Security forces opened fire on demonstrators in Khartoum, killing at least five.", "killing"),
                          ("Hundreds of farmers blocked roads outside the parliament in Strasbourg to protest.", "blocked")]:
        assert all("Khartoum" not in t and "Strasbourg" not in t for t in _targets(eager, nlp, text, trigger))
    # a place in the trigger's own clause stays open to it ("killed 48 people in Kabul")
    assert _targets(eager, nlp, "Afghan gunmen attacked a checkpoint in Kabul.", "attacked") != [[]]


def test_a_named_target_is_not_traded_for_a_thing(tmp_path, pipe, nlp):
    """"supply Ukraine with a Patriot system": a model that prefers what comes after "with" does
    not replace the state supplied by the weapon (no participant: the event would lose its target)."""
    eager = SentenceCoder(pipe.lexicon, pipe.actors, _model(tmp_path, {"prep:with": [0.0, 0.0, 6.0]}, margin_target=0.2))
    got = [m for m in eager.code(nlp("Canada agreed to supply Poland with another Patriot air defence system."))
           if m.event_type == "AGREE"][0]
    assert [a.country for a in got.target] == ["POL"]


def test_a_clause_of_time_with_its_own_doer_takes_no_target_from_outside(tmp_path, pipe, nlp):
    """"... once the courts allow it": the courts' act takes nothing of the main clause; a pronoun
    object still names someone above ("released after the president pardoned him")."""
    eager = SentenceCoder(pipe.lexicon, pipe.actors,
                          _model(tmp_path, {"prep:to": [0.0, 0.0, 6.0], "dep:nsubjpass": [0.0, 0.0, 6.0]}, fill_target=0.3))

    assert _targets(eager, nlp, "Benin's president said he would send 2,000 soldiers to Haiti once parliament allows it.",
                   "allows") in ([[]], [])
    assert _targets(eager, nlp, "The dissident Anatoly Koval was released after the president pardoned him.", "pardoned") \
        == [["dissident Anatoly Koval"]]


def test_no_target_from_a_joined_clause_or_a_time(tmp_path, pipe, nlp):
    """A clause with its own subject joined by "but"/"and" holds its own participants, and the
    object of a preposition of time (cues.yaml ``when_preps``) is when, not whom."""
    eager = SentenceCoder(pipe.lexicon, pipe.actors,
                          _model(tmp_path, {"prep:in": [0.0, 0.0, 6.0], "prep:after": [0.0, 0.0, 6.0]}, fill_target=0.3))

    assert _targets(eager, nlp, "The opposition condemned the budget, but voters in Peru and Chile backed it.", "condemned") == [[]]
    assert _targets(eager, nlp, "Danish police raised the alert level after the Stockholm bombings.", "raised") == [[]]
