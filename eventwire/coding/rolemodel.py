"""A small learned model of roles: which noun phrase of a sentence is a trigger's source,
which its target, and which neither.

The rules (:mod:`.roles`) choose roles first; the model then scores the sentence's candidate
noun phrases (:func:`candidates`: heads that can name an actor, from the parse) with features
of the dependency path from the trigger, the preposition and the word that govern the
candidate, the trigger's lemma and event type, position, voice and what the actor dictionary
knows of the phrase (:func:`features`).  :meth:`RoleModel.assign` fills a role the rules left
empty when the best candidate is probable enough, and replaces the rules' choice when another
candidate scores far above it; the mention then carries the rule id ``roles.model``.

The classifier is a multinomial logistic regression (NONE / SOURCE / TARGET) trained with
scikit-learn at build time only (:mod:`eventwire.rolefit`, run by ``eventwire train``); what
ships is ``data/roles.npz``: the feature vocabulary, the weights and the decision thresholds
chosen by cross-validation (loaded with ``allow_pickle=False``).
"""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np

from .claims import DENIAL_RULE
from .context import SentenceContext
from .participants import actorish, actors_of, is_participant, political
from .syntax import coordinated, expand, lemma1, lemmas, np_bounds, opening_participles

ROLE_MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "roles.npz"
CLASSES = ("NONE", "SOURCE", "TARGET")
RULE_ID = "roles.model"
#: the fields of :class:`RoleModel` saved as its file's thresholds
THRESHOLDS = ("fill_source", "fill_target", "margin_source", "margin_target")
_MAX_PATH = 4
_CANDIDATE_TAGS = ("NN", "NNS", "NNP", "NNPS", "JJ")
#: a margin no difference of probabilities reaches: the rules' choice is never replaced
_NEVER = 2.0
# Feature definitions of the trained model: changing them needs `eventwire train`.
_PART_DEPS = frozenset({"compound", "flat"})


def candidates(ctx: SentenceContext, trigger, extra: tuple = ()) -> list:
    """Head tokens of the noun phrases that can fill a role of ``trigger``: heads
    :func:`~.participants.actorish` accepts or whose phrase names an actor (a name, a
    collective, a dictionary entry), never a pronoun, never the trigger; plus ``extra``."""
    out, seen = [], {trigger.i}
    told = _addressees(ctx, trigger)
    for tok in _sentence_candidates(ctx):
        if tok.i in seen or tok.i in told:
            continue
        if tok.dep_ in _PART_DEPS and tok.head.i != trigger.i and tok.head.tag_.startswith("NN"):
            continue      # part of the phrase its head names ("Prime Minister X")
        if tok.tag_ == "JJ" and tok.head.i != trigger.i:
            continue      # an adjective is a candidate only on a noun trigger ("Israeli strikes")
        if tok.dep_ == "dobj" and tok.head.i == trigger.i and lemma1(tok, ctx.lex) in ctx.sets["weapon_heads"]:
            continue      # what is fired is no participant ("fired artillery shells near the island")
        seen.add(tok.i)
        out.append(tok)
    for tok in extra:
        if tok.i not in seen:
            seen.add(tok.i)
            out.append(tok)
    return sorted(out, key=lambda t: t.i)


def _under(tok, trigger) -> bool:
    """``tok`` lies in the trigger's own phrase (its subtree)."""
    return tok.i == trigger.i or trigger.is_ancestor(tok)


def _told_by_voice(trigger, chosen: list, side: str) -> bool:
    """The rules' choice for ``side`` is fixed by the grammar of a passive, which the model does
    not replace: the source is the agent of the trigger ("by Israeli forces"), the target its
    passive subject ("two soldiers were killed ...") or the noun a participle with its agent
    modifies ("Somali forces, backed by US airstrikes, ...")."""
    if not chosen:
        return False
    if side == "source":
        agents = {g.i for c in trigger.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"}
        return bool(agents) and all(x.i in agents or x.head.i in agents for x in chosen)
    if any(c.dep_ == "nsubjpass" for c in trigger.children):
        subjects = {c.i for c in trigger.children if c.dep_ == "nsubjpass"}
        return all(x.i in subjects or x.dep_ == "conj" and x.head.i in subjects for x in chosen)
    return trigger.dep_ == "acl" and trigger.tag_ == "VBN" and any(c.dep_ == "agent" for c in trigger.children) \
        and all(x.i == trigger.head.i for x in chosen)


def _asked(trigger, chosen: list) -> bool:
    """The rules' target of a request is whom it is made of, by the grammar: "urged Iran to ...",
    "called on Ethiopia to withdraw" (the model does not move it to a noun of the act asked)."""
    return bool(chosen) and all(
        x.head.i == trigger.i and x.dep_ in ("dobj", "dative")
        or x.dep_ == "pobj" and x.head.lower_ in ("on", "upon") and x.head.head.i == trigger.i for x in chosen)


def _addressees(ctx: SentenceContext, trigger) -> set[int]:
    """Who is told what the trigger reports ("a friend told the New York Post: 'as the cops
    opened fire...'"): the object of a verb of saying above the trigger, which is no role of it;
    nor is anyone in the participle that sets the scene of the saying ("Speaking in Ankara, ...")."""
    out: set[int] = set()
    for c in opening_participles(trigger.doc):
        if c.right_edge.i + 1 < trigger.i and not c.is_ancestor(trigger):
            out.update(x.i for x in c.subtree)   # "Speaking after talks with X, Y called for ...": the scene
    node = trigger
    for _ in range(6):
        if node.head.i == node.i:
            break
        dep, node = node.dep_, node.head
        if dep in ("ccomp", "parataxis", "advcl", "conj") and lemma1(node, ctx.lex) in ctx.sets["speech_verbs"]:
            out.update(c.i for c in node.children if c.dep_ in ("dobj", "dative"))
            # ... and where it was said ("Speaking at a news conference in Ankara, Erdogan said ...")
            out.update(x.i for c in node.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN")
                       and not c.is_ancestor(trigger) for x in c.subtree)
    return out


def _sentence_candidates(ctx: SentenceContext) -> list:
    """The tokens that can head a role's phrase whatever the trigger (once per sentence)."""
    cached = ctx.cache.get("roles.candidates")
    if cached is None:
        sets = ctx.sets
        cached = []
        for tok in ctx.doc:
            if tok.i < ctx.dateline_end or tok.tag_ not in _CANDIDATE_TAGS:
                continue
            if tok.lower_ in sets["pronouns"] or tok.lower_ in sets["time_words"] or tok.like_num:
                continue
            if tok.lower_ in ctx.actors.cues.water_heads and tok.tag_.startswith("NNP"):
                continue    # "in the Strait of Hormuz", "the Red Sea": waters, no actor (actor cues water_heads)
            if tok.tag_.startswith("NNP") and tok.text[:1].islower() and not actorish(ctx, tok):
                continue    # a lower-case word tagged as a name ("export controls on gallium")
            if tok.tag_ == "JJ" and tok.dep_ not in ("amod", "nmod"):
                continue
            if actorish(ctx, tok) or _names_actor(ctx, tok):
                cached.append(tok)
        ctx.cache["roles.candidates"] = cached
    return cached


def _political(ctx: SentenceContext, src: list, tgt: list, named_target: bool) -> bool:
    source = [a for x in src for a in actors_of(ctx, x) if is_participant(ctx, a)]
    target = [a for x in tgt for a in actors_of(ctx, x) if is_participant(ctx, a)]
    return political(ctx, source, target, named_target)


def _crowds_scene(ctx: SentenceContext, t, cand, filling: bool) -> bool:
    """For a crowd's act (cues.yaml ``crowd_events``), ``cand`` is no target: what the crowd chants
    ("chanted 'Thieves, thieves!'": its rule's theme object; an expulsion's object, though a
    theme of its rule, is the target PLV codes), and, where the rules found none, the streets or
    the city it filled ("marched through central London", "took to the streets of Minsk", "blocked
    roads outside the parliament in Strasbourg")."""
    if t.rule.theme_object and any(x.dep_ == "dobj" and x.head.i == t.token.i for x in (cand, cand.head)):
        return True
    return filling and (
        (cand.dep_ == "pobj" and cand.head.lower_ in ctx.sets["route_preps"] and cand.head.head.i == t.token.i)
        or (cand.dep_ == "pobj" and cand.head.lower_ in ctx.sets["scene_preps"])
        or ctx.actors.place_name(cand.doc[slice(*np_bounds(cand, ctx.lex))].text))


def _elsewhere(ctx: SentenceContext, trigger, cand) -> bool:
    """``cand`` belongs elsewhere than the trigger's act, so it fills no empty target:
    - the subject of a clause of time or cause ("failed to agree on a resolution after Russia
      vetoed the draft": cues.yaml ``clause_marks``) or of an absolute "with" ("..., with the
      United States abstaining"); and for the act of such a clause told with its own subject,
      anything outside the clause ("deploy police to Haiti once the courts allow it");
    - the object of a preposition of time ("after the burnings": cues.yaml ``when_preps``);
    - a clause with its own subject joined to the trigger's ("slammed the dialogue, but audiences
      in Brazil pushed it to the top");
    - a side of a two-sided event of the setting ("deployed troops after clashes between
      Hezbollah and Israeli forces": cues.yaml ``setting_preps``, governing.between_sides);
    - the place where a meeting is held ("refused to take part in the peace talks in Geneva");
    - for a participle that tells the outcome of the main clause, a place outside its phrase
      ("opened fire on protesters in Khartoum, killing five": where the shooting was, not whom
      the killing hit)."""
    if cand.dep_ in ("nsubj", "nsubjpass") and cand.head.i != trigger.i and _time_clause(ctx, cand.head, ("mark",)):
        return True
    if _time_clause(ctx, trigger, ("mark", "advmod")) and any(c.dep_ == "nsubj" for c in trigger.children) \
            and not _under(cand, trigger) and not any(c.dep_ in ("dobj", "dative") and c.lower_ in ctx.sets["victim_pronouns"] for c in trigger.children):
        return True    # the act of such a clause, told with its doer, takes no target from the main clause
        #                ("ready to deploy police to Haiti once the courts allow it"; but "was released after
        #                the president pardoned him" names him above)
    if cand.dep_ == "pobj" and cand.head.lower_ in ctx.sets["when_preps"]:
        return True    # when it was done, not to whom ("raised the threat level after the Koran burnings")
    own, mine = _clause(cand), _clause(trigger)
    if own is not None and mine is not None and own != mine and (
            (own.dep_ == "conj" and own.head == mine) or (mine.dep_ == "conj" and mine.head == own)):
        return True    # a clause of its own joined to the trigger's ("critics slammed the dialogue, but
        #                audiences in Brazil and Mexico pushed it to the top")
    if cand.dep_ == "nsubj" and cand.head.i != trigger.i and cand.head.dep_ == "pcomp" and cand.head.head.lower_ == "with":
        return True    # "adopted a resolution demanding a ceasefire, with the United States abstaining"
    if cand.head.lower_ == "between" and cand.head.head.dep_ == "pobj" and cand.head.head.head.lower_ in ctx.sets["setting_preps"]:
        return True    # "deployed troops after clashes between Hezbollah and Israeli forces": the sides of
        #                an event of its own (governing.between_sides)
    if cand.dep_ != "pobj" or cand.head.lower_ not in ctx.sets["locative_preps"]:
        return False
    held = cand.head.head
    if held.tag_.startswith("NN") and any(r.event == "CONSULT" for lm in lemmas(held, ctx.lex)
                                          for r in ctx.lex.noun_rules.get(lm, ())):
        return True
    return trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and not _under(cand, trigger)


def _time_clause(ctx: SentenceContext, verb, deps: tuple) -> bool:
    """``verb`` heads a clause of time or cause, its conjunction one of cues.yaml ``clause_marks``
    with a dependency label of ``deps`` ("after Russia vetoed", "once the courts allow it")."""
    return verb.dep_ == "advcl" and any(c.dep_ in deps and c.lower_ in ctx.sets["clause_marks"] for c in verb.children)


def _clause(tok):
    """The nearest verb at or above ``tok`` that has a subject of its own (its finite clause), or None."""
    while True:
        if tok.tag_.startswith("VB") and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return tok
        if tok.head == tok:
            return None
        tok = tok.head


def _keeps_people(ctx: SentenceContext, tgt: list, cand) -> bool:
    """The rules' target names people with a role ("fired tear gas at protesters in Nairobi")
    and the model's is only where it happened: the place stands in for the people hit only when
    they are unnamed ("killed 48 people in Afghanistan": cues.yaml ``unnamed_people``)."""
    while cand.dep_ == "conj" and cand.head != cand:
        cand = cand.head     # "in local sanitariums and clinics"
    if not tgt or cand.dep_ != "pobj" or cand.head.lower_ not in ctx.sets["locative_preps"]:
        return False
    return any(x.lower_ not in ctx.sets["unnamed_people"] and _names_actor(ctx, x) for x in tgt)


def _a_participant(ctx: SentenceContext, tok) -> bool:
    """The phrase ``tok`` heads gives a participant (:func:`~.participants.is_participant`)."""
    return any(is_participant(ctx, a) for a in actors_of(ctx, tok))


def _names_actor(ctx: SentenceContext, tok) -> bool:
    """The phrase ``tok`` heads names an actor (as :func:`~.participants.actor_span` reads it)."""
    if not tok.tag_.startswith("NN"):
        return False
    span, a = _phrase_actor(ctx, tok)
    return a is not None or any(t.tag_.startswith("NNP") or t.lower_ in ctx.sets["collective_actors"] for t in span)


def _phrase_actor(ctx: SentenceContext, tok) -> tuple:
    """(noun phrase, dictionary actor or None) of the phrase ``tok`` heads (once per sentence)."""
    key = ("roles.phrase", tok.i)
    got = ctx.cache.get(key)
    if got is None:
        span = tok.doc[slice(*np_bounds(tok, ctx.lex))]
        got = ctx.cache[key] = (span, ctx.actors.resolve(span.text))
    return got


def path(a, b) -> list[str]:
    """Dependency arcs from ``a`` up to the lowest common ancestor and down to ``b``:
    ``^label`` for a step up (the label of the word left), ``vlabel`` for a step down."""
    up, node = [a], a
    while node.head.i != node.i and len(up) < 40:
        node = node.head
        up.append(node)
    pos = {t.i: k for k, t in enumerate(up)}
    down, node = [], b
    while node.i not in pos and node.head.i != node.i and len(down) < 40:
        down.append(node)
        node = node.head
    if node.i not in pos:
        return ["?"]
    k = pos[node.i]
    return [f"^{t.dep_}" for t in up[:k]] + [f"v{t.dep_}" for t in reversed(down)]


def features(ctx: SentenceContext, trigger, event: str, cand, governor=None) -> list[str]:
    """Feature names of one (trigger, candidate) pair."""
    tl, voice, tpos, tdep, above = _trigger_facts(ctx, trigger)
    dep, prep, gov_i, gov_lemma, head_speaks, own = _candidate_facts(ctx, cand)
    arcs = path(trigger, cand)
    p = "_".join(arcs) if len(arcs) <= _MAX_PATH else "far"
    before = "before" if cand.i < trigger.i else "after"
    dist = abs(cand.i - trigger.i)
    bucket = "1" if dist <= 1 else "2" if dist == 2 else "3-5" if dist <= 5 else "6-10" if dist <= 10 else "11+"
    up = arcs[0] if arcs and arcs[0].startswith("^") else "-"
    f = [
        "bias", f"ev:{event}", f"path:{p}", f"path_ev:{p}:{event}", f"path_voice:{p}:{voice}",
        f"plen:{min(len(arcs), 6)}", f"up:{up}", f"up_dep:{up}:{dep}", f"dep:{dep}", f"dep_ev:{dep}:{event}",
        f"dep_voice:{dep}:{voice}", f"prep:{prep}", f"prep_ev:{prep}:{event}", f"prep_tl:{prep}:{tl}",
        f"gov:{gov_lemma}", f"gov_is_trig:{gov_i == trigger.i}",
        f"tl:{tl}", f"tl_dep:{tl}:{dep}", f"tpos:{tpos}", f"tpos_dep:{tpos}:{dep}",
        f"tdep:{tdep}", f"side:{before}", f"side_ev:{before}:{event}", f"side_voice:{before}:{voice}",
        f"dist:{bucket}", f"voice:{voice}", *own,
    ]
    if governor is not None and governor.i != trigger.i:
        gp = path(governor, cand)
        f.append(f"gpath:{'_'.join(gp) if len(gp) <= _MAX_PATH else 'far'}")
        f.append(f"glemma:{lemma1(governor, ctx.lex)}")
    if head_speaks and cand.head.i in above:
        f.append("speaker")
    return f


def _trigger_facts(ctx: SentenceContext, trigger) -> tuple:
    """(lemma, voice, POS, dependency label, ancestor ids) of a trigger (once per sentence)."""
    key = ("roles.trigger", trigger.i)
    facts = ctx.cache.get(key)
    if facts is None:
        voice = "pass" if any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children) else "act"
        facts = ctx.cache[key] = (lemma1(trigger, ctx.lex), voice, trigger.tag_[:2], trigger.dep_,
                                  frozenset(x.i for x in trigger.ancestors))
    return facts


def _candidate_facts(ctx: SentenceContext, cand) -> tuple:
    """What a candidate's features say of it whatever the trigger (once per sentence): its
    dependency label, governing preposition and word, whether it is the subject of a verb of
    saying, and its own features (dictionary, code, sector, entity label, tag, collective)."""
    key = ("roles.candidate", cand.i)
    facts = ctx.cache.get(key)
    if facts is None:
        lex = ctx.lex
        dep = cand.dep_
        prep = cand.head.lower_ if dep == "pobj" else "-"
        gov = cand.head.head if dep == "pobj" else cand.head
        a = _phrase_actor(ctx, cand)[1]
        own = [f"ner:{cand.ent_type_ or '-'}", f"ctag:{cand.tag_}", f"dict:{a is not None}",
               f"code:{bool(a and a.country)}", f"collective:{cand.lower_ in ctx.sets['collective_actors']}"]
        if a is not None and a.sector:
            own.append(f"sector:{a.sector}")
        speaks = dep in ("nsubj", "nsubjpass") and lemma1(cand.head, lex) in ctx.sets["speech_verbs"]
        facts = ctx.cache[key] = (dep, prep, gov.i, lemma1(gov, lex) if gov.i != cand.i else "-", speaks, own)
    return facts


@dataclass
class RoleModel:
    """Weights of the role classifier (``vocab`` feature -> row) and its decision thresholds."""

    vocab: list[str]
    weights: np.ndarray       # float32 [len(vocab), 3]
    bias: np.ndarray          # float32 [3]
    # thresholds (chosen by cross-validation on the training records, see eventwire.rolefit);
    # 1.0 / large margins switch a use off
    fill_source: float = 1.0   # a missing source takes the best candidate from this P(SOURCE)
    fill_target: float = 1.0   # a missing target takes the best candidate from this P(TARGET)
    margin_source: float = 2.0  # the rules' source is replaced when another candidate scores this much higher
    margin_target: float = 2.0  # ... and the same for the target
    _index: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {f: i for i, f in enumerate(self.vocab)}

    def proba(self, feature_lists: list[list[str]]) -> np.ndarray:
        """P(NONE, SOURCE, TARGET) of each feature list (binary features)."""
        z = np.tile(self.bias.astype(np.float64), (len(feature_lists), 1))
        for r, feats in enumerate(feature_lists):
            rows = sorted({self._index[f] for f in feats if f in self._index})
            if rows:
                z[r] += self.weights[rows].sum(axis=0)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def score(self, ctx: SentenceContext, t, src: list, tgt: list) -> tuple[list, np.ndarray]:
        """Candidates of trigger ``t`` (the rules' choices included) and their probabilities."""
        cands = candidates(ctx, t.token, tuple(src) + tuple(tgt))
        probs = self.proba([features(ctx, t.token, t.event, c, t.governor) for c in cands])
        return cands, probs

    def assign(self, ctx: SentenceContext, t, src: list, tgt: list) -> tuple[list, list, bool]:
        """The (source, target) tokens of trigger ``t`` after the model's word, and whether
        the model changed either."""
        if not self.can_act(bool(src), bool(tgt)):
            return src, tgt, False
        cands, probs = self.score(ctx, t, src, tgt)
        if not cands:
            return src, tgt, False
        th = self.thresholds()
        if _told_by_voice(t.token, src, "source"):
            th["margin_source"] = _NEVER     # the passive's agent did it ("were shot dead by Israeli forces")
        if _told_by_voice(t.token, tgt, "target") or (t.event == "REQUEST" and _asked(t.token, tgt)):
            th["margin_target"] = _NEVER     # the passive's subject, or the noun a participle with its agent
            #                                  modifies, undergoes it
        if t.rule.id == DENIAL_RULE.id:
            th["fill_target"] = _NEVER       # a denial said answers an accuser it does not name ("insisted
            #                                  that the army had not targeted civilians": not the army)
        k_src, k_tgt = decide([c.i for c in cands], probs, {x.i for x in src}, {x.i for x in tgt}, th)
        changed = False
        if k_src is not None:
            src, changed = expand([cands[k_src]], ctx.led_words), True
        if k_tgt is not None and _keeps_people(ctx, tgt, cands[k_tgt]):
            k_tgt = None
        if k_tgt is not None and tgt and not _a_participant(ctx, cands[k_tgt]):
            k_tgt = None   # a named target is not traded for a thing ("supply Ukraine with a Patriot system")
        if k_tgt is not None and tgt and not _under(cands[k_tgt], t.token):
            k_tgt = None   # a target the rules read in the trigger's phrase is never replaced from outside it
            #                ("summoned China's envoy after its coast guard fired water cannon at a Philippine vessel")
        if k_tgt is not None and not tgt and _elsewhere(ctx, t.token, cands[k_tgt]):
            k_tgt = None
        if k_tgt is not None and t.event in ctx.sets["crowd_events"] and _crowds_scene(ctx, t, cands[k_tgt], not tgt):
            k_tgt = None
        if k_tgt is not None:
            inside = {x.i for s in src for x in s.subtree}
            if cands[k_tgt].i not in inside:
                tgt, changed = expand([cands[k_tgt]], ctx.led_words), True
        sids = {x.i for x in src}
        return src, [x for x in tgt if x.i not in sids], changed

    def revise(self, ctx: SentenceContext, t, src: list, tgt: list, named_target: bool = False) -> tuple[list, list, bool]:
        """:meth:`assign`, kept only when the reading stays political both ways (see
        :func:`~.participants.political`): the model revises the roles of the events the rules
        code; it neither adds an event nor drops one.  A coordinated source of a reciprocal act
        keeps its empty target (:func:`~.mentions.mention` splits it)."""
        if src and not tgt and (t.event in ctx.sets["reciprocal_events"] or t.rule.mutual) and coordinated(src):
            return src, tgt, False   # "A and B agreed": the reciprocal convention makes B the target
        new_src, new_tgt, changed = self.assign(ctx, t, src, tgt)
        if changed and _political(ctx, src, tgt, named_target) and _political(ctx, new_src, new_tgt, named_target):
            return new_src, new_tgt, True
        return src, tgt, False

    def can_act(self, has_src: bool, has_tgt: bool) -> bool:
        """Whether :func:`decide` can change anything for a trigger with these roles found (a
        use is off when its threshold is above 1: probabilities never reach it)."""
        source = self.margin_source <= 1.0 if has_src else (has_tgt and self.fill_source <= 1.0)
        target = self.margin_target <= 1.0 if has_tgt else (has_src and self.fill_target <= 1.0)
        return bool(source or target)

    def thresholds(self) -> dict[str, float]:
        return {k: float(getattr(self, k)) for k in THRESHOLDS}

    def save(self, path: Path) -> None:
        """Vocabulary, weights and thresholds in one ``.npz`` file (no pickle; byte-identical
        for the same model: the archive's timestamps are fixed)."""
        meta = {"classes": list(CLASSES), "thresholds": self.thresholds()}
        arrays = {"vocab": np.array(self.vocab, dtype=str), "weights": self.weights.astype(np.float32),
                  "bias": self.bias.astype(np.float32), "meta": np.array(json.dumps(meta, sort_keys=True))}
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, arr in arrays.items():
                buf = io.BytesIO()
                np.lib.format.write_array(buf, arr, allow_pickle=False)
                zf.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), buf.getvalue(),
                            compress_type=zipfile.ZIP_DEFLATED)

    @classmethod
    def load(cls, path: Path) -> "RoleModel":
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            return cls(vocab=[str(v) for v in z["vocab"]], weights=z["weights"].astype(np.float32),
                       bias=z["bias"].astype(np.float32),
                       **{k: float(v) for k, v in (meta.get("thresholds") or {}).items() if k in THRESHOLDS})


def decide(ids: list[int], probs: np.ndarray, src: set[int], tgt: set[int],
           th: dict[str, float]) -> tuple[Optional[int], Optional[int]]:
    """Which candidate (row of ``probs``) the model puts in each role, None to keep the
    rules' choice: ``src`` / ``tgt`` are the token ids the rules chose, ``ids`` those of the
    candidates.  A role the rules left empty takes the best candidate from ``fill_*``; a role
    they filled takes another candidate that scores ``margin_*`` above their best.  A role is
    filled only when the rules found the other one."""
    out: list[Optional[int]] = []
    taken: set[int] = set()
    for col, mine, other, fill, margin in ((1, src, tgt, th["fill_source"], th["margin_source"]),
                                           (2, tgt, src, th["fill_target"], th["margin_target"])):
        order = sorted(range(len(ids)), key=lambda k: (-probs[k, col], ids[k]))
        best = next((k for k in order if ids[k] not in mine and ids[k] not in other and ids[k] not in taken), None)
        pick = None
        if best is not None:
            p = float(probs[best, col])
            if not mine:
                # a role is filled only beside one the rules found: the model revises the
                # reading of a trigger, it does not make a reading of its own
                pick = best if p >= fill and other else None
            else:
                ours = max((float(probs[k, col]) for k in range(len(ids)) if ids[k] in mine), default=0.0)
                pick = best if p - ours >= margin else None
        if pick is not None:
            taken.add(ids[pick])
        out.append(pick)
    return out[0], out[1]


_MODELS: dict[str, Optional[RoleModel]] = {}


def clear_role_model_cache(path: Optional[Path] = None) -> None:
    """Forget a loaded role model (after ``eventwire train`` rewrote its file)."""
    _MODELS.pop(str(Path(path or ROLE_MODEL_PATH)), None)


def load_role_model(path: Optional[Path] = None) -> Optional[RoleModel]:
    """The packaged role model (loaded once per process), or None when it has not been built."""
    p = Path(path or ROLE_MODEL_PATH)
    key = str(p)
    if key not in _MODELS:
        _MODELS[key] = RoleModel.load(p) if p.exists() else None
    return _MODELS[key]
