"""Reconciliation, step by step, on small written examples: near-duplicates, stories, story
events, conflicts, corroboration, the rules file and the story scores."""
from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.reconcile.conflicts import corroboration, find_conflicts, n_independent
from eventwire.reconcile.duplicates import DedupSettings, DedupState, find_duplicates
from eventwire.reconcile.features import DocInput, words
from eventwire.reconcile.inputs import day_number
from eventwire.reconcile.metrics import document_set_f1, story_scores
from eventwire.reconcile.rules import RulesError, load_rules
from eventwire.reconcile.stories import ClusterSettings, StoryState, cluster, story_id_for
from eventwire.reconcile.story_events import date_range, link_intents, mention_of, merge_story
from eventwire.reconcile.stream import cluster_streamed

RULES = load_rules()

QUAKE = ("A strong earthquake struck the mountain town of Valdora early on Tuesday, destroying hundreds of "
         "houses and killing at least twelve people, the regional governor Ana Petrel said. Rescue teams from "
         "the capital searched the rubble of the old market through the night while aftershocks shook Valdora. "
         "The governor asked the army to send tents, water and field hospitals to the valley.")
STRIKE = ("Dock workers at the port of Samsund walked out on Tuesday in a strike over wages, halting container "
          "ships and ferries, the union leader Oskar Brandt said. The port authority called the strike illegal "
          "and said talks with the union would resume on Friday. Shipping companies diverted cargo to other "
          "harbours while pickets blocked the gates of Samsund terminal.")


def doc(doc_id: str, text: str, published: str | None = None, title: str | None = None, **kw) -> DocInput:
    return DocInput(doc_id=doc_id, text=text, title=title, published=published, day=day_number(published), **kw)


def variant(text: str, n: int) -> str:
    """The same story told a little differently: every n-th sentence left out, word order of the rest kept."""
    sents = text.split(". ")
    return ". ".join(s for i, s in enumerate(sents) if i % n != 1)


# --------------------------------------------------------------------------- near-duplicates

def test_a_syndicated_copy_is_a_duplicate_of_the_first_article():
    edited = QUAKE.replace("early on Tuesday", "early Tuesday")
    st = find_duplicates([("a", QUAKE), ("b", edited), ("c", STRIKE)])
    assert st.duplicate_of == {"a": None, "b": "a", "c": None}


def test_short_texts_are_never_duplicates():
    st = find_duplicates([("a", "Talks resumed on Friday."), ("b", "Talks resumed on Friday.")])
    assert st.duplicate_of == {"a": None, "b": None}


def test_thousands_of_copies_are_all_duplicates_of_one_original():
    items = [("orig", QUAKE)] + [(f"copy{i:04d}", QUAKE + f" Update {i}.") for i in range(2000)]
    st = find_duplicates(items)
    assert st.open_originals() == ["orig"]
    assert all(st.duplicate_of[f"copy{i:04d}"] == "orig" for i in range(2000))


def test_dedup_state_survives_save_and_load(tmp_path):
    st = find_duplicates([("a", QUAKE), ("c", STRIKE)])
    st.save(tmp_path)
    again = DedupState.load(tmp_path, DedupSettings())
    st2 = find_duplicates([("b", QUAKE + " More soon.")], again)
    assert st2.duplicate_of["b"] == "a" and st2.duplicate_of["a"] is None


def test_originals_leave_the_index_after_their_window():
    # a feed in time order: the quake original stays open for copies while the dates advance
    # within the window, and leaves the index once an article 31 days later is visited
    items = [("q", QUAKE, 100), ("s", STRIKE, 110), ("q-copy", QUAKE + " More soon.", 125),
             ("s-late", STRIKE, 141), ("q-late", QUAKE + " More soon.", 142), ("u", QUAKE, None)]
    st = find_duplicates(items, settings=DedupSettings(window_days=30))
    assert st.duplicate_of["q-copy"] == "q"
    assert st.duplicate_of["s-late"] is None and st.duplicate_of["q-late"] is None   # a new original each
    assert st.open_originals() == ["s-late", "q-late"]          # "q" and "s" have left the index
    assert st.duplicate_of["u"] == "q-late"                    # undated: against the open originals
    forever = find_duplicates(items, settings=DedupSettings(window_days=0))
    assert forever.duplicate_of["s-late"] == "s" and forever.duplicate_of["q-late"] == "q"


def test_a_saved_dedup_state_keeps_only_open_originals_and_their_dates(tmp_path):
    settings = DedupSettings(window_days=30)
    st = find_duplicates([("q", QUAKE, 100), ("s", STRIKE, 140)], settings=settings)
    assert st.open_originals() == ["s"]
    st.save(tmp_path)
    again = DedupState.load(tmp_path, settings)
    assert again.open_originals() == ["s"] and again.duplicate_of == {"q": None, "s": None}
    st2 = find_duplicates([("s2", STRIKE + " More soon.", 150), ("n", QUAKE, 200)], again)
    assert st2.duplicate_of["s2"] == "s" and st2.open_originals() == ["n"]


# --------------------------------------------------------------------------- stories

def corpus() -> list[DocInput]:
    return [
        doc("q1", QUAKE, "2024-05-07", "Earthquake kills twelve in Valdora", outlet="A"),
        doc("q2", variant(QUAKE, 2), "2024-05-07", "Valdora quake: rescuers search rubble", outlet="B"),
        doc("q3", variant(QUAKE, 3), "2024-05-08", "Governor Petrel asks army for tents after quake", outlet="C"),
        doc("s1", STRIKE, "2024-05-07", "Samsund dock workers strike over wages", outlet="A"),
        doc("s2", variant(STRIKE, 2), "2024-05-08", "Port of Samsund halted by strike", outlet="B"),
    ]


def test_articles_of_one_story_share_a_story_and_stories_stay_apart():
    st = cluster(corpus())
    a = st.assignment
    assert a["q1"] == a["q2"] == a["q3"]
    assert a["s1"] == a["s2"]
    assert a["q1"] != a["s1"]
    # the id is derived from the first member (by date, then doc id)
    assert a["q1"] == story_id_for("q1") and a["s1"] == story_id_for("s1")


def test_an_article_without_a_date_is_clustered_on_content():
    st = cluster([*corpus(), doc("u1", variant(STRIKE, 3), None, "Strike at Samsund")])
    assert st.assignment["u1"] == st.assignment["s1"]


def test_the_same_words_months_later_are_another_story():
    st = cluster([*corpus(), doc("late", QUAKE, "2024-11-20", "Earthquake kills twelve in Valdora")])
    assert st.assignment["late"] != st.assignment["q1"]


def test_a_one_article_story_and_an_empty_text():
    st = cluster([doc("only", QUAKE, "2024-05-07"), doc("empty", "", "2024-05-07")])
    assert st.assignment["only"] != st.assignment["empty"]
    assert len(st.stories) == 2


def test_clustering_is_deterministic_whatever_the_input_order():
    docs = corpus()
    one = cluster(docs).assignment
    two = cluster(list(reversed(docs))).assignment
    assert one == two


def test_resumed_state_adds_articles_without_moving_the_old_ones(tmp_path):
    docs = corpus()
    st = cluster(docs[:3] + docs[3:4])
    st.save(tmp_path)
    before = dict(st.assignment)
    loaded = StoryState.load(tmp_path)
    assert loaded.assignment == before
    st2 = cluster(docs + [doc("q4", variant(QUAKE, 4), "2024-05-09", "Valdora counts its dead")], state=loaded)
    assert all(st2.assignment[d] == s for d, s in before.items())
    assert st2.assignment["s2"] == before["s1"]
    assert st2.assignment["q4"] == before["q1"]


def test_names_are_features():
    body, names = words("The governor Ana Petrel said. Rescuers from Valdora came", max_words=100)
    assert "ana_petrel" in names and "valdora" in names
    assert "the" not in body and "governor" in body


def test_cluster_settings_are_used():
    # a threshold no pair reaches: every article its own story
    st = cluster(corpus(), replace(ClusterSettings(), threshold=1.01, merge_threshold=0.0))
    assert len(set(st.assignment.values())) == 5


# --------------------------------------------------------------------------- story events

def actor(code=None, sector=None, name=None, entry="x"):
    return {"text": code or sector or "?", "name": name or code, "country": code, "sector": sector,
            "char_start": 0, "char_end": 1, "entry": entry if code or name else f"sector:{sector}", "score": 1.0}


def event(eid, doc_id, etype, src=(), tgt=(), *, date=None, precision=None, negated=False, modality="asserted",
          trigger="seized", sentence="", mode=None, attribution=None, published="2025-03-11"):
    return {"id": eid, "doc_id": doc_id, "event_type": etype, "mode": mode, "context": [],
            "source": [actor(c) for c in src], "target": [actor(c) for c in tgt], "event_date": date,
            "date_precision": precision, "negated": negated, "modality": modality, "attribution": attribution,
            "sentence": sentence or f"{etype} {trigger}", "sentence_index": 0, "char_start": 0, "char_end": 1,
            "trigger": trigger, "trigger_start": 0, "trigger_end": 1, "rules": ["r"], "confidence": 0.8,
            "story_date": published, "publisher": None}


ARTICLES = {"d1": {"outlet": "Coastline Wire", "published": "2025-03-11"},
            "d2": {"outlet": "North Atlantic Herald", "published": "2025-03-12"},
            "d3": {"outlet": "Harbour Line Daily", "published": "2025-03-12"},
            "d4": {"outlet": "Fjord Times", "published": "2025-03-13"}}


def drafts(events):
    return merge_story("st-x", [mention_of(e, ARTICLES[e["doc_id"]], RULES) for e in events])


def test_reports_of_one_act_merge_whatever_the_date_wording():
    evs = [event("e1", "d1", "COERCE", ["NOR"], ["ISL"], date="2025-03-10", precision="day"),
           event("e2", "d2", "COERCE", ["NOR"], [], date="2025-03-11", precision="day"),   # "Monday" a day off
           event("e3", "d4", "COERCE", [], ["ISL"], date="2025-03", precision="month"),
           event("e4", "d2", "COERCE", ["ISL"], ["NOR"], date="2025-03-10", precision="day")]  # other direction
    ds = drafts(evs)
    assert [sorted(m.event["id"] for m in d.mentions) for d in ds] == [["e1", "e2", "e3"], ["e4"]]
    assert ds[0].source == {"NOR"} and ds[0].target == {"ISL"}


def test_an_intention_and_its_deed_stay_apart_but_linked():
    evs = [event("e1", "d1", "AID", ["RUS"], ["PRK"], modality="intended", trigger="ready to help"),
           event("e2", "d2", "AID", ["RUS"], ["PRK"], trigger="delivered")]
    ds = drafts(evs)
    assert len(ds) == 2
    links = link_intents(ds)
    assert links[ds[0].id] == [ds[1].id] and links[ds[1].id] == [ds[0].id]


def test_different_modes_and_types_do_not_merge():
    evs = [event("e1", "d1", "AID", ["RUS"], ["PRK"], mode="humanitarian"),
           event("e2", "d2", "AID", ["RUS"], ["PRK"], mode="military"),
           event("e3", "d3", "SANCTION", ["RUS"], ["PRK"])]
    assert len(drafts(evs)) == 3


def test_story_precision_dates_reach_back_from_publication():
    lo, hi = date_range("2020-03-27", "story", "2020-03-27", RULES)
    jan = date_range("2020-01", "month", None, RULES)
    assert lo <= jan[0] and jan[1] <= hi


def test_negation_conflict():
    evs = [event("e1", "d1", "AID", ["CHN"], ["PRK"]), event("e2", "d2", "AID", ["CHN"], ["PRK"], negated=True)]
    ds = drafts(evs)
    assert len(ds) == 1
    kinds = [c["kind"] for c in find_conflicts(ds, RULES)]
    assert kinds == ["negation"]


def test_a_denial_by_the_alleged_actor_is_a_conflict():
    evs = [event("e1", "d1", "AID", ["CHN"], ["PRK"], trigger="transferred",
                 sentence="Chinese ships transferred oil to North Korean vessels at sea."),
           event("e2", "d2", "ASSAULT", ["USA"], ["SYR"], trigger="struck", sentence="US jets struck a depot."),
           event("e3", "d4", "REJECT", ["CHN"], [], trigger="denied",
                 sentence="Beijing denied that its ships sold oil to North Korean vessels.")]
    ds = drafts(evs)
    conf = [c for c in find_conflicts(ds, RULES) if c["kind"] == "denial"]
    assert len(conf) == 1
    aid = next(d for d in ds if d.event_type == "AID")
    rej = next(d for d in ds if d.event_type == "REJECT")
    assert conf[0]["story_event_ids"] == [aid.id, rej.id]
    assert "e1" in conf[0]["event_ids"] and "e3" in conf[0]["event_ids"]


def test_a_refusal_that_is_not_a_denial_is_no_conflict():
    evs = [event("e1", "d1", "AID", ["CHN"], ["PRK"], sentence="China sent rice to North Korea."),
           event("e2", "d2", "REJECT", ["CHN"], [], trigger="declined", sentence="China declined to comment on rice.")]
    assert not [c for c in find_conflicts(drafts(evs), RULES) if c["kind"] == "denial"]


def test_dates_beyond_precision_and_different_actors_are_conflicts():
    evs = [event("e1", "d1", "COERCE", ["NOR"], ["ISL"], date="2025-03-10", precision="day"),
           event("e2", "d2", "COERCE", ["NOR"], ["ISL"], date="2025-03-05", precision="day"),
           event("e3", "d3", "ASSAULT", ["USA"], ["AFG"], date="2016-11-03", precision="day"),
           event("e4", "d4", "ASSAULT", ["IGO"], ["AFG"], date="2016-11-03", precision="day")]
    kinds = sorted(c["kind"] for c in find_conflicts(drafts(evs), RULES))
    assert kinds == ["actors", "date"]


def test_different_figures_from_claims_are_a_conflict():
    evs = [event("e1", "d1", "ASSAULT", ["AFG"], ["DEU"]), event("e2", "d2", "ASSAULT", ["AFG"], ["DEU"])]
    claims = {"e1": [{"id": "c1", "doc_id": "d1", "value": 2, "unit": "people", "about": "killed", "event_id": "e1"}],
              "e2": [{"id": "c2", "doc_id": "d2", "value": 6, "unit": "people", "about": "killed", "event_id": "e2"}]}
    conf = [c for c in find_conflicts(drafts(evs), RULES, claims) if c["kind"] == "figures"]
    assert len(conf) == 1 and conf[0]["claim_ids"] == ["c1", "c2"]


# --------------------------------------------------------------------------- corroboration

def test_corroboration_grows_with_independent_outlets_and_copies_add_nothing():
    outlets = {d: a["outlet"] for d, a in ARTICLES.items()}
    one = drafts([event("e1", "d1", "AID", ["CHN"], ["PRK"])])[0]
    two = drafts([event("e1", "d1", "AID", ["CHN"], ["PRK"]), event("e2", "d2", "AID", ["CHN"], ["PRK"])])[0]
    copy = drafts([event("e1", "d1", "AID", ["CHN"], ["PRK"]), event("e3", "d3", "AID", ["CHN"], ["PRK"])])[0]
    dup = {"d3": "d1"}
    c1 = corroboration(one, {}, outlets, RULES)
    assert corroboration(two, {}, outlets, RULES) > c1
    assert corroboration(copy, dup, outlets, RULES) == c1
    assert n_independent(copy, dup, outlets) == 1 and n_independent(two, {}, outlets) == 2


def test_corroboration_weighs_official_sources_above_reportedly():
    outlets = {d: a["outlet"] for d, a in ARTICLES.items()}
    official = actor("CHN", "GOV")
    off = drafts([event("e1", "d1", "AID", ["CHN"], ["PRK"], attribution=official)])[0]
    rep = drafts([event("e1", "d1", "AID", ["CHN"], ["PRK"], modality="reported")])[0]
    assert corroboration(off, {}, outlets, RULES) > corroboration(rep, {}, outlets, RULES)


# --------------------------------------------------------------------------- rules file, scores

def test_a_bad_rules_file_names_the_file_and_key(tmp_path):
    bad = tmp_path / "mine.yaml"
    bad.write_text("per_source: 3\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"mine\.yaml: per_source"):
        load_rules(bad)
    unknown = tmp_path / "typo.yaml"
    unknown.write_text("denial_trigger: [deny]\n", encoding="utf-8")
    with pytest.raises(RulesError, match="unknown key"):
        load_rules(unknown)


def test_a_user_rules_file_overrides_keys(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("denial_triggers: [disavowed]\n", encoding="utf-8")
    assert load_rules(mine).denial_triggers == frozenset({"disavowed"})


def test_story_scores_on_a_known_example():
    gold = {"a": "X", "b": "X", "c": "Y", "d": "Y"}
    assert story_scores(gold, gold)["bcubed_f1"] == 1.0
    merged = story_scores({k: "one" for k in gold}, gold)
    assert merged["bcubed_p"] == 0.5 and merged["bcubed_r"] == 1.0
    assert merged["stories_found"] == 1 and merged["stories_gold"] == 2
    assert document_set_f1({"a", "b"}, {"a"}) == pytest.approx(2 / 3)


def _stories_as_arrays(st: StoryState) -> list:
    return [(s.story_id, s.n, s.first_day, s.last_day, round(s.norm, 12), s.centroid.indices.tolist(),
             [round(v, 12) for v in s.centroid.data.tolist()]) for s in st.stories]


@pytest.mark.parametrize("batch", [1, 2, 64])
def test_the_streamed_clusterer_gives_the_in_memory_stories(tmp_path, batch):
    settings = ClusterSettings(batch=batch)
    docs = [*corpus(), doc("u1", variant(STRIKE, 3), None, "Strike at Samsund"),
            doc("late", QUAKE, "2024-11-20", "Earthquake kills twelve in Valdora"), doc("empty", "", "2024-05-07")]
    mem = cluster(docs, settings)
    streamed = cluster_streamed(list(reversed(docs)), tmp_path / "work", settings, chunk=3)
    assert streamed.assignment == mem.assignment
    assert _stories_as_arrays(streamed) == _stories_as_arrays(mem)
    assert (streamed.df == mem.df).all() and streamed.n_docs == mem.n_docs
    assert not any((tmp_path / "work").iterdir())      # the spill file is gone


def test_the_streamed_clusterer_resumes_a_saved_state(tmp_path):
    docs = corpus()
    extra = doc("q4", variant(QUAKE, 4), "2024-05-09", "Valdora counts its dead")
    mem = cluster(docs + [extra], state=cluster(docs[:4]))
    streamed = cluster_streamed(docs + [extra], tmp_path, state=cluster_streamed(docs[:4], tmp_path))
    assert streamed.assignment == mem.assignment
    assert _stories_as_arrays(streamed) == _stories_as_arrays(mem)


def test_a_negated_report_of_the_same_act_in_another_story_event_is_a_conflict():
    said = "Party leaders accused the election commission of favouring the governor in the count."
    evs = [event("e1", "d1", "ACCUSE", ["ISL"], ["NOR"], trigger="accused", date="2025-03-01", precision="day",
                 sentence=said),
           event("e2", "d2", "ACCUSE", ["ISL"], ["NOR"], trigger="accuses", date="2025-03-01", precision="day",
                 sentence=said),
           # dated a week later, so it does not merge with the asserted reports
           event("e3", "d3", "ACCUSE", [], ["NOR"], trigger="accuse", negated=True, date="2025-03-08",
                 precision="day", sentence="The party did not accuse the election commission of favouring anyone."),
           # the same actors, another verb: not the same act
           event("e4", "d3", "ACCUSE", [], ["NOR"], trigger="criticised", negated=True, date="2025-03-20",
                 precision="day", sentence="The party has not criticised the election commission's count.")]
    ds = drafts(evs)
    assert len(ds) == 3
    conf = [c for c in find_conflicts(ds, RULES) if c["kind"] == "negation"]
    assert len(conf) == 1
    assert conf[0]["event_ids"] == ["e1", "e2", "e3"]
    asserted = next(d for d in ds if "e1" in {m.event["id"] for m in d.mentions})
    assert conf[0]["story_event_ids"][0] == asserted.id


def test_a_negated_report_sharing_no_words_is_no_conflict():
    evs = [event("e1", "d1", "AID", ["CHN"], ["PRK"], trigger="shipped", date="2025-03-01", precision="day",
                 sentence="Chinese tankers shipped fuel to the northern port."),
           event("e2", "d2", "AID", ["CHN"], ["PRK"], trigger="shipped", negated=True, date="2025-03-20",
                 precision="day", sentence="Beijing has never shipped rice by air.")]
    assert [c for c in find_conflicts(drafts(evs), RULES) if c["kind"] == "negation"] == []


def test_home_country_codes_make_no_date_conflict() -> None:
    """Two acts of "officials" of the story's country (codes from the home country, not the
    dictionary) on different days are two acts, not one act reported on conflicting dates."""
    from eventwire.reconcile.conflicts import find_conflicts
    from eventwire.reconcile.rules import load_rules
    from eventwire.reconcile.story_events import Mention as RMention
    from eventwire.reconcile.story_events import StoryEventDraft

    def draft(i: str, day: int, entry: str) -> StoryEventDraft:
        actor = {"text": "officials", "country": "PER", "entry": entry}
        ev = {"id": f"e{i}", "event_type": "ACCUSE", "source": [actor], "target": [dict(actor)],
              "date_precision": "day"}
        m = RMention(ev, "o", None, (frozenset({"PER"}), frozenset()), (frozenset({"PER"}), frozenset()),
                     (day, day), False)
        return StoryEventDraft("s", "ACCUSE", False, [m], None, {"PER"}, {"PER"}, (day, day), f"se{i}")

    rules = load_rules()
    assert find_conflicts([draft("1", 100, "home:PER"), draft("2", 120, "home:PER")], rules) == []
    found = find_conflicts([draft("1", 100, "country:PER"), draft("2", 120, "country:PER")], rules)
    assert [c["kind"] for c in found] == ["date"]
