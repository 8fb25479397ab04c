"""Code PLOVER events in one parsed sentence.

The steps, each a small function:

1. :func:`find_triggers` — every token that matches a lexicon rule (verb with its particle and
   object constraints, noun with its modifiers);
2. :func:`govern` — triggers under another word are folded into it: "ready to help" and
   "offered to assist" become AGREE, "refused to meet" REJECT, "urged X to release" REQUEST,
   "threatened to strike" THREATEN; a noun trigger that is the object of a verb trigger
   ("launched an attack", "refused offers") belongs to the verb;
3. roles from the dependency parse: subject (active, passive ``by``-agent, control chains,
   relative clauses, possessives and actor modifiers of noun triggers), target (direct object,
   dative, prepositional objects by event type), coordination ("Jordan and Britain");
4. flags: negation, modality (asserted / intended / hypothetical / future), attribution
   (the subject of a verb of saying above the trigger, or "according to X").

Actors are resolved through :class:`~eventwire.resolve.actors.ActorDictionary`; an event is
kept only when one of its participants is a known actor or a proper noun.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..model import Actor, Mention
from ..nlp import dateline_length
from .lexicon import Lexicon, Rule

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
CLIMB = {"xcomp", "advcl", "conj", "acomp", "relcl", "acl", "pcomp", "ccomp", "parataxis", "oprd"}
NP_LEFT = {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "npadvmod", "punct"}
# heads whose "of"-phrase names the actor: "hundreds of protesters", "a group of rebels"
GROUP_HEADS = {"hundreds", "thousands", "dozens", "scores", "millions", "tens", "group", "groups", "crowd",
               "crowds", "members", "member", "number", "network", "coalition", "band", "bunch", "delegation",
               "some", "many", "most", "all", "several", "majority", "handful", "contingent", "unit", "units",
               "followers", "supporters", "loyalists", "associates"}
LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "along", "throughout", "around", "within"}
PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "who", "which",
            "that", "this", "these", "those", "one", "whom", "what"}
RELATIVE = {"who", "which", "that", "whom"}
ANAPHORA = {"it", "they", "he", "she", "we"}
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tonight",
              "yesterday", "tomorrow", "january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "week", "weekend", "month", "year", "day"}
# dependency links through which a trigger is governed by the word above it
GOVERNED = {"xcomp", "acomp", "acl", "dobj", "pobj", "prep", "ccomp", "nsubjpass", "pcomp", "nsubj"}


@dataclass
class Trigger:
    token: object               # spaCy Token
    rule: Rule
    consumed: set = field(default_factory=set)   # token indices used as the rule's object
    absorbed: list = field(default_factory=list)  # Triggers folded into this one
    event: str = ""
    mode: Optional[str] = None
    modality: str = "asserted"
    governor: object = None      # token of an intent word above it


# --------------------------------------------------------------------------- helpers

_LEMMA_MEMO: dict[tuple[int, int], set[str]] = {}   # (doc id, token index) -> lemmas; reset per sentence


def _lemmas(tok, lex: Lexicon) -> set[str]:
    key = (id(tok.doc), tok.i)
    got = _LEMMA_MEMO.get(key)
    if got is None:
        got = _LEMMA_MEMO[key] = _lemmas_uncached(tok, lex)
    return got


def _lemmas_uncached(tok, lex: Lexicon) -> set[str]:
    low = tok.lower_
    tag = tok.tag_
    if tag.startswith("VB") or tag in ("JJ", "VBN"):
        found = lex.morph.verb_lemmas(low)
        if found:
            return found
    if tag.startswith("NN"):
        found = lex.morph.noun_lemmas(low)
        if found:
            return found
    return {low}


def _is_verbal(tok) -> bool:
    return tok.tag_.startswith("VB") or (tok.tag_ == "JJ" and tok.dep_ in ("ROOT", "conj", "xcomp", "advcl"))


def _is_noun(tok) -> bool:
    return tok.tag_.startswith("NN")


def _objects(tok) -> list:
    """Direct objects of a verb, objects of its particle-preposition, passive subjects, attrs."""
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "dative"):
            out.append(c)
            out.extend(x for x in c.conjuncts)
            out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj")
        elif c.dep_ in ("prep", "prt") and c.dep_ != "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    out.append(g)
                    out.extend(x for x in g.conjuncts)
        elif c.dep_ == "xcomp" and c.tag_.startswith("NN"):
            out.append(c)
    return out


def _match_rule(tok, lex: Lexicon) -> Optional[tuple[Rule, set]]:
    lemmas = _lemmas(tok, lex)
    if _is_verbal(tok) or tok.tag_ == "VBN":
        pool = [r for lm in lemmas for r in lex.verb_rules.get(lm, ())]
        if pool:
            pool.sort(key=lambda r: -r.specificity)
            objs = None
            for rule in pool:
                if rule.particle and not _has_particle(tok, rule.particle):
                    continue
                if rule.objects:
                    if objs is None:
                        objs = [(o, _lemmas(o, lex) | _compound_texts(o, lex)) for o in _objects(tok)]
                    hit = {o.i for o, ls in objs if ls & rule.objects}
                    if not hit:
                        continue
                    return rule, hit
                return rule, set()
    if _is_noun(tok):
        pool = [r for lm in lemmas for r in lex.noun_rules.get(lm, ())]
        pool.sort(key=lambda r: -r.specificity)
        for rule in pool:
            if rule.rest and not _has_modifiers(tok, rule.rest):
                continue
            if rule.objects:
                continue
            return rule, set()
    return None


def _compound_texts(tok, lex: Lexicon) -> set[str]:
    """Multiword forms of an object noun for rule matching: with its compound modifiers
    ("hunger strike"), with the adjective next to it ("martial law", "joint exercise"), and
    each with the noun's lemma ("internet services" -> "internet service")."""
    heads = {tok.lower_} | _lemmas(tok, lex)
    out = set()
    mods = [c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    if mods:
        out |= {" ".join(mods + [h]) for h in heads}
        out |= {"-".join(mods + [h]) for h in heads}     # "cease-fire", split by the tokenizer
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.head == tok and prev.dep_ in ("amod", "compound"):
        out |= {f"{prev.lower_} {h}" for h in heads}
    return out or {tok.lower_}


def _has_particle(tok, particle: str) -> bool:
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "advmod", "dobj", "dative") and c.lower_ == particle:
            return True
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.lower_ == particle


def _has_modifiers(tok, words: tuple[str, ...]) -> bool:
    i = tok.i - len(words)
    if i < 0:
        return False
    return all(tok.doc[i + k].lower_ == w for k, w in enumerate(words))


# --------------------------------------------------------------------------- the coder

_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b(?! (?:year|month|day|week))")


_WORDS = re.compile(r"[a-z]+")


def _dateline_end(doc, text: str) -> int:
    """Token index where a leading dateline ("GENEVA, March 4 (Wirewatch) -") ends, else 0."""
    n = dateline_length(text)
    if not n:
        return 0
    for t in doc:
        if t.idx >= n:
            return t.i
    return 0


class SentenceCoder:
    """Codes events in parsed sentences; holds the lexicon and the actor dictionary."""

    def __init__(self, lexicon: Lexicon, actors) -> None:
        self.lex = lexicon
        self.actors = actors
        self.sets = lexicon.sets

    # -- 1. triggers ------------------------------------------------------------------
    def find_triggers(self, doc) -> list[Trigger]:
        found = []
        forms = self.lex.trigger_forms
        for tok in doc:
            if tok.lower_ not in forms:
                continue
            m = _match_rule(tok, self.lex)
            if m:
                rule, consumed = m
                if rule.event in ("ASSAULT", "COERCE", "MOBILIZE") and self._figurative(tok):
                    continue
                if rule.event == "REQUEST" and _lemma1(tok, self.lex) in self.sets["intent_verbs"] \
                        and any(c.dep_ == "xcomp" for c in tok.children) \
                        and not any(c.dep_ in ("dobj", "dative") for c in tok.children):
                    continue  # "seeking to maintain ties" is an intention, not a request
                if rule.pos == "noun" and not self._noun_heads_event(tok):
                    continue
                if rule.actor_object and not any(self._actorish(o) for o in tok.children
                                                 if o.dep_ in ("dobj", "dative", "nsubjpass")):
                    continue
                if rule.pos == "verb" and tok.tag_ == "VBN" and tok.dep_ in ("amod", "acl") \
                        and not any(c.dep_ == "agent" for c in tok.children) and rule.event in ("ASSAULT", "COERCE"):
                    continue  # "soldiers wounded in the war": a state, not a reported act
                found.append(Trigger(tok, rule, consumed, event=rule.event, mode=rule.mode))
        # objects consumed by a verb rule ("launched an attack") are not triggers of their own
        consumed = {i for t in found for i in t.consumed}
        return [t for t in found if t.token.i not in consumed]

    def _noun_heads_event(self, tok) -> bool:
        """A noun trigger counts where news uses it for an event: as a clause's subject or
        object, as a headline root, or with its own actor ("Israeli strikes", "Pyongyang's
        refusal", "offers from Washington")."""
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "ROOT", "appos", "conj"):
            return True
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.lower_ not in PRONOUNS:
                a = self.actors.resolve(c.text)
                if a is not None and (a.country or a.name):
                    return True
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "against", "on"):
                if any(g.dep_ == "pobj" and self._actorish(g) for g in c.children):
                    return True
        return False

    def _figurative(self, tok) -> bool:
        """"fighting the pandemic", "battle against corruption": no violence."""
        fig = self.sets["figurative_objects"]
        for o in _objects(tok) + [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]:
            if o.lower_ in fig or (_lemmas(o, self.lex) & fig):
                return True
        return False

    # -- 2. governors ------------------------------------------------------------------
    def govern(self, triggers: list[Trigger]) -> list[Trigger]:
        by_index = {t.token.i: t for t in triggers}
        frame = self.lex.frame_verbs
        coop, conflict = self.sets["cooperative_events"], self.sets["conflictual_events"]
        intent_words = self.sets["intent_verbs"] | self.sets["intent_adjectives"]
        absorbed: set[int] = set()
        # innermost first, so chains fold bottom-up
        for t in sorted(triggers, key=lambda t: -_depth(t.token)):
            node = t.token
            for _ in range(4):
                dep, head = node.dep_, node.head
                purpose = dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
                if head == node or (dep not in GOVERNED and not purpose):
                    break
                gov = by_index.get(head.i)
                hlemma = _lemma1(head, self.lex)
                if dep == "nsubj" and (gov is None or gov.event != t.event or t.rule.pos != "noun"):
                    break
                if gov is not None and head.i not in absorbed:
                    if dep == "ccomp" and hlemma not in frame:
                        break
                    self._fold(gov, t, frame, coop, conflict)
                    absorbed.add(t.token.i)
                    break
                if hlemma in intent_words and dep in ("xcomp", "acomp", "acl"):
                    t.modality = "intended"
                    t.governor = head
                    if t.event in coop or (hlemma in self.sets["promise_words"] and t.event not in conflict):
                        t.event, t.mode = "AGREE", None
                    elif t.event in conflict:
                        t.event, t.mode = "THREATEN", _threat_mode(t.event)
                if dep in ("ccomp", "dobj", "nsubjpass", "nsubj"):
                    break
                node = head
        return [t for t in triggers if t.token.i not in absorbed]

    def _fold(self, gov: Trigger, inner: Trigger, frame, coop, conflict) -> None:
        gov.absorbed.append(inner)
        glemma = _lemma1(gov.token, self.lex)
        fevent = frame.get(glemma)
        if fevent is None and gov.event in ("AGREE", "REJECT", "REQUEST", "THREATEN", "ACCUSE"):
            fevent = gov.event
        if fevent in ("REJECT", "REQUEST"):
            gov.event = fevent
            gov.mode = gov.mode or _request_mode(inner.event)
        elif fevent == "AGREE":
            gov.event = "THREATEN" if inner.event in conflict and glemma in ("vow", "pledge", "promise") else "AGREE"
            gov.modality = "intended"
        elif fevent == "THREATEN":
            gov.event = "THREATEN"
            gov.mode = gov.mode or _threat_mode(inner.event)
        elif fevent is None:
            # a light/other trigger governing a more specific one: the inner one carries the meaning
            if inner.rule.specificity >= gov.rule.specificity and gov.rule.pos == "verb" and inner.rule.pos == "noun":
                gov.event, gov.mode = inner.event, inner.mode

    # -- 3. roles -------------------------------------------------------------------------
    def subjects(self, tok, depth: int = 0) -> tuple[list, list]:
        """(sources, passive-targets) of a verb or noun trigger."""
        if depth > 5:
            return [], []
        subj = [c for c in tok.children if c.dep_ in SUBJ]
        passive = [c for c in tok.children if c.dep_ in PASS_SUBJ]
        agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if passive:
            targets = [p for p in _expand(passive) if self._actorish(p)]
            if not targets:
                # "China's offer was welcomed by Nepal": the offer's author is the target
                targets = [c for p in passive for c in p.children if c.dep_ == "poss" and self._actorish(c)]
            return _expand(agents), targets
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and _is_noun(tok.head):
            return _expand(agents), [tok.head] if self._actorish(tok.head) else []
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and _is_noun(tok.head) and self._actorish(tok.head):
            return _expand([tok.head]), []
        if subj:
            s = subj[0]
            if s.lower_ in RELATIVE and tok.dep_ == "relcl":
                return _expand([tok.head]), []
            if s.lower_ in ANAPHORA:
                ante = self._antecedent(tok)
                if ante is not None:
                    return _expand([ante]), []
            if _is_noun(s) and not self._actorish(s) and _match_rule(s, self.lex):
                # "Israeli strikes on Gaza killed 12": the event noun's own actor is the source
                return self.subjects(s, depth + 1)
            return _expand([s]), []
        if _is_noun(tok):
            mods = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                    and c.lower_ not in PRONOUNS and (c.tag_.startswith("NNP") or self._has_code(c))]
            if mods:
                return _expand(mods[:1]), []
            by = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                  for g in c.children if g.dep_ == "pobj"]
            # noun as object of a light verb: the verb's subject ("made an offer", "stepped up attacks");
            # of a verb of undergoing, the subject is the target ("Iran faced sanctions from the EU")
            if tok.dep_ in ("dobj", "attr"):
                head = tok.head
                hl = _lemma1(head, self.lex) if head != tok else ""
                if hl in self.sets["undergo_verbs"]:
                    return _expand(by[:1]), self.subjects(head, depth + 1)[0]
                if hl in self.sets["light_verbs"] and not by:
                    return self.subjects(head, depth + 1)
            if by:
                return _expand(by[:1]), []
            return [], []
        if tok.dep_ in CLIMB and tok.head != tok:
            if tok.dep_ == "relcl":
                return _expand([tok.head]), []
            if tok.dep_ == "acl" and _is_noun(tok.head):
                return self.subjects(tok.head, depth + 1)
            return self.subjects(tok.head, depth + 1)
        return [], []

    def targets(self, t: Trigger, exclude: set[int]) -> list:
        preps = frozenset(t.rule.target_preps) | self.lex.event_target_preps(t.event)
        if t.event == "REQUEST":
            # "demanded that Kenya withdraw": the one asked is the subject of what is asked
            for inner in t.absorbed:
                if inner.token.dep_ in ("ccomp", "xcomp") and not any(c.dep_ in ("dobj", "dative")
                                                                      for c in t.token.children):
                    s, _ = self.subjects(inner.token)
                    s = [x for x in s if x.i not in exclude and self._actorish(x)]
                    if s:
                        return s
        out = self._targets_of(t.token, preps, exclude, theme=t.rule.theme_object)
        if not out and t.event not in ("ACCUSE",):
            for inner in t.absorbed:
                out = self._targets_of(inner.token, preps | self.lex.event_target_preps(inner.event), exclude)
                if not out:
                    s, _ = self.subjects(inner.token)
                    if inner.rule.pos == "noun":
                        out = [x for x in s if x.i not in exclude]
                if out:
                    break
        return out

    def _targets_of(self, tok, preps, exclude, theme: bool = False) -> list:
        direct, prepositional = [], []
        for c in tok.children:
            if c.dep_ == "dative" and c.tag_ == "IN":
                # "sent aid to Syria" parsed with "to" as the dative
                prepositional.extend(g for g in c.children if g.dep_ == "pobj" and self._actorish(g))
            elif c.dep_ in ("dobj", "dative", "attr", "iobj"):
                if self._actorish(c) and not (theme and c.dep_ == "dobj" and not self._recipient(c)):
                    direct.append(c)
                else:
                    found = self._prep_objects(c, preps)
                    if not found and not theme and c.dep_ == "dobj" and self._owned(c):
                        found = [c]
                    prepositional.extend(found)
            elif c.dep_ in ("prep", "prt") and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ == "pobj":
                        if self._actorish(g):
                            prepositional.append(g)
                        else:
                            found = self._prep_objects(g, preps)
                            prepositional.extend(found or ([g] if self._owned(g) else []))
            elif c.dep_ == "xcomp" and not c.tag_.startswith("VB") and self._actorish(c):
                direct.append(c)
        if _is_noun(tok):
            prepositional.extend(self._prep_objects(tok, preps))
        out = [x for x in _expand(direct + prepositional) if x.i not in exclude]
        return out[:4]

    def _prep_objects(self, tok, preps) -> list:
        out = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    if self._actorish(g):
                        out.append(g)
                    for x in [g, *g.conjuncts]:
                        out.extend(self._included(x))
            elif c.dep_ == "poss" and self._actorish(c) and c.lower_ not in PRONOUNS:
                out.append(c)
        return out

    def _antecedent(self, tok):
        """The subject of a clause above ``tok`` ("Russia said it would help": it -> Russia)."""
        node = tok
        for _ in range(5):
            if node.head == node:
                break
            node = node.head
            for c in node.children:
                if c.dep_ in SUBJ and c.lower_ not in PRONOUNS and self._actorish(c):
                    return c
        return None

    def _recipient(self, tok) -> bool:
        """With a verb that moves things ("supplied Russia with troops", "withdrew its troops"), is
        the object a recipient (a coded state or organisation) rather than the forces moved?"""
        a = self._actor_span(tok.doc[slice(*_np_bounds(tok))], 0)
        return a is not None and bool(a.country) and a.sector not in ("MIL", "COP", "PRM")

    def _owned(self, tok) -> bool:
        """A thing named by its owner's code: "a U.S. Supreme Court decision", "Islamic State
        targets", "Saudi military positions" (a left modifier the dictionary gives a country)."""
        return tok.tag_.startswith("NN") and any(
            c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and self._has_code(tok.doc[c.left_edge.i:c.i + 1])
            for c in tok.children)

    def _has_code(self, tok) -> bool:
        """The dictionary gives this token (or span) a country."""
        a = self.actors.resolve(tok.text)
        return a is not None and bool(a.country)

    def _included(self, tok) -> list:
        """"countries, including South Korea" -> South Korea."""
        out = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("including", "like") or (c.dep_ == "prep" and c.lower_ == "as"):
                out.extend(g for g in c.children if g.dep_ == "pobj" and self._actorish(g))
        return out

    # -- actors --------------------------------------------------------------------------
    def _is_sports(self, doc) -> bool:
        sports = self.sets["sports_words"]
        text = self._text
        return sum(1 for w in _WORDS.findall(text.lower()) if w in sports) >= 2 or bool(_SCORE.search(text))

    def _actorish(self, tok) -> bool:
        """A name, or a word the dictionary knows ("officials", "Russians", "troops")."""
        if tok.i < getattr(self, "_dateline_end", 0) or tok.lower_ in TIME_WORDS:
            return False
        if tok.lower_ in GROUP_HEADS:
            return any(g.dep_ == "pobj" and self._actorish(g)
                       for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from") for g in c.children)
        if tok.lower_ in PRONOUNS:
            return False
        if tok.tag_ in ("NNP", "NNPS"):
            return True
        if not tok.tag_.startswith("NN") and tok.tag_ not in ("JJ",):
            return False
        if tok.lower_ in self.sets["collective_actors"]:
            return True
        if self.actors.resolve(tok.text) is not None:
            return True
        # "Taliban prisoners", "Kurdish fighters": a named modifier makes the group an actor
        return any(c.dep_ in ("compound", "amod") and c.tag_.startswith(("NNP", "JJ")) and self._has_code(c)
                   for c in tok.children)

    def actors_of(self, tok, offset: int) -> list[Actor]:
        """Actors of the noun phrase headed by ``tok``; "A and B" glued into one phrase gives two."""
        start, end = _np_bounds(tok)
        doc = tok.doc
        cuts = [t.i for t in doc[start:end] if t.dep_ == "cc" and start < t.i < end - 1]
        if not cuts:
            a = self.actor(tok, offset)
            return [a] if a else []
        out, s0 = [], start
        for c in cuts + [end]:
            part = doc[s0:c]
            while len(part) and (part[0].is_punct or part[0].dep_ == "cc"):
                part = part[1:]
            while len(part) and part[-1].is_punct:
                part = part[:-1]
            if len(part):
                a = self._actor_span(part, offset)
                if a:
                    out.append(a)
            s0 = c + 1
        return out

    def _actor_span(self, span, offset: int) -> Optional[Actor]:
        a = self.actors.resolve(span.text)
        if a is None and not any(t.tag_.startswith("NNP") or t.lower_ in self.sets["collective_actors"] for t in span):
            return None
        if a is None:
            a = Actor(text=span.text, name=span.text, score=0.0)
        a.text = span.text
        a.char_start = offset + span.start_char
        a.char_end = offset + span.end_char
        return a

    def actor(self, tok, offset: int) -> Optional[Actor]:
        start, end = _np_bounds(tok)
        span = tok.doc[start:end]
        text = span.text
        a = self.actors.resolve(text)
        if a is None and tok.tag_ not in ("NNP", "NNPS") and not any(t.tag_.startswith("NNP") for t in span):
            if tok.lower_ in PRONOUNS:
                return None
            return Actor(text=text, name=text if tok.lower_ in self.sets["collective_actors"] else None,
                         char_start=offset + span.start_char, char_end=offset + span.end_char, score=0.0)
        if a is None:
            a = Actor(text=text, name=text, score=0.0)
        a.text = text
        a.char_start = offset + span.start_char
        a.char_end = offset + span.end_char
        return a

    # -- 4. flags ---------------------------------------------------------------------------
    def negated(self, t: Trigger) -> bool:
        toks = [t.token] + ([t.governor] if t.governor is not None else [])
        node = t.token
        for _ in range(3):
            if node.dep_ in ("xcomp", "acomp") and node.head != node:
                node = node.head
                toks.append(node)
            else:
                break
        for x in toks:
            for c in x.children:
                if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in ("no", "never")):
                    return True
            if _lemma1(x, self.lex) in self.sets["negating_verbs"] and x != t.token:
                return True
        if t.token.dep_ == "xcomp" and _lemma1(t.token.head, self.lex) in self.sets["negating_verbs"]:
            return True
        return False

    def modality(self, t: Trigger) -> str:
        if t.modality != "asserted":
            return t.modality
        node = t.token
        for _ in range(4):
            for c in node.children:
                low = c.lower_
                if c.dep_ == "mark" and low in ("if", "unless", "whether", "until"):
                    return "hypothetical"
                if c.dep_ == "aux" and low == "would" and node.dep_ == "ccomp" \
                        and _lemma1(node.head, self.lex) in self.sets["speech_verbs"]:
                    return "future"   # "said it would send aid": reported intention
                if c.dep_ == "aux" and low in ("could", "would", "might", "may", "should"):
                    return "hypothetical"
                if c.dep_ == "aux" and low in ("will", "shall", "'ll"):
                    return "future"
            if node.dep_ in ("xcomp", "acomp", "conj") and node.head != node:
                node = node.head
            else:
                break
        return "asserted"

    def attribution(self, t: Trigger, offset: int) -> Optional[Actor]:
        node = t.token
        speech = self.sets["speech_verbs"]
        for _ in range(6):
            if node.head == node:
                break
            dep = node.dep_
            node = node.head
            if dep in ("ccomp", "parataxis", "xcomp", "conj", "advcl", "dobj") and _lemma1(node, self.lex) in speech:
                subj = [c for c in node.children if c.dep_ in SUBJ]
                if subj:
                    return self.actor(subj[0], offset) or Actor(text=subj[0].text)
        # "according to X"
        doc = t.token.doc
        for tok in doc:
            if tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to":
                pobj = [g for c in tok.children for g in c.children if g.dep_ == "pobj"] or \
                       [g for g in doc[tok.i + 1].children if g.dep_ == "pobj"]
                if pobj:
                    return self.actor(pobj[0], offset)
        # the trigger's own speech verb: "X said on Tuesday it would send aid" handled above;
        # a root speech verb with the trigger in a quoted paragraph has no parse link
        root = self._root
        if root is not None and root != t.token and _lemma1(root, self.lex) in speech:
            subj = [c for c in root.children if c.dep_ in SUBJ]
            if subj and not _dominates(t.token, root):
                return self.actor(subj[0], offset)
        return None

    # -- the whole sentence ------------------------------------------------------------------
    def code(self, doc, offset: int = 0, text: Optional[str] = None) -> list[Mention]:
        """Mentions in one parsed sentence; ``offset`` = the sentence start in Article.text;
        ``text`` = the sentence string the doc was parsed from (saves rebuilding ``doc.text``)."""
        self._text = text if text is not None else doc.text
        self._dateline_end = _dateline_end(doc, self._text)
        self._root = next((x for x in doc if x.dep_ == "ROOT"), None)
        _LEMMA_MEMO.clear()
        self._sports = self._is_sports(doc)
        self._dict_actor: Optional[bool] = None
        triggers = self.govern(self.find_triggers(doc))
        mentions = [m for m in (self.mention(t, doc, offset) for t in triggers) if m is not None]
        return _dedupe(self.conventions(self.reported_demands(doc, offset, mentions)))

    def conventions(self, mentions: list[Mention]) -> list[Mention]:
        """PLOVER's reading of future acts: "will meet", "said it would send aid" are AGREE,
        "will not lift the embargo" is REJECT, "will boycott the elections", "will impose
        sanctions" are THREATEN (the types in cues.yaml ``future_as_agree``,
        ``future_refusal_as_reject``, ``future_as_threaten``); the rule id records the change."""
        turn = self.sets["future_as_agree"]
        refuse = self.sets["future_refusal_as_reject"]
        threat = self.sets["future_as_threaten"]
        for m in mentions:
            if m.modality == "future" and m.negated and m.event_type in refuse:
                m.event_type, m.mode, m.negated = "REJECT", None, False
                m.rule += "+future.reject"
            elif m.modality == "future" and not m.negated and m.event_type in turn:
                m.event_type, m.mode = "AGREE", None
                m.rule += "+future.agree"
            elif m.modality == "future" and not m.negated and m.event_type in threat:
                m.event_type, m.mode = "THREATEN", _threat_mode(m.event_type)
                m.rule += "+future.threaten"
        return mentions

    def reported_demands(self, doc, offset: int, mentions: list[Mention]) -> list[Mention]:
        """"X said (that) Y must / should do Z": a REQUEST by X of Y (cue words in cues.yaml,
        ``demand_modals``); readings of the demanded act Z itself are dropped."""
        modals = self.sets["demand_modals"]
        speech = self.sets["speech_verbs"]
        for v in doc:
            if not v.tag_.startswith("VB") or _lemma1(v, self.lex) not in speech:
                continue
            subj = [c for c in v.children if c.dep_ in SUBJ]
            for clause in v.children:
                if clause.dep_ != "ccomp" or not subj:
                    continue
                modal = next((a for a in clause.children if a.dep_ == "aux" and a.lower_ in modals), None)
                if modal is None or any(c.dep_ == "neg" for c in clause.children):
                    continue
                source = [a for x in subj for a in self.actors_of(x, offset)]
                target = [a for x in clause.children if x.dep_ in SUBJ | PASS_SUBJ
                          for a in self.actors_of(x, offset)]
                if not self._political(source, target):
                    continue
                inside = {x.idx + offset for x in clause.subtree}
                mentions = [m for m in mentions if m.trigger_start not in inside]
                mentions.append(Mention(
                    event_type="REQUEST", trigger=modal.text, trigger_start=offset + modal.idx,
                    trigger_end=offset + modal.idx + len(modal.text), rule="request.must",
                    source=source, target=target, modality="asserted",
                    confidence=0.6 if any(a.country for a in source) else 0.5))
        return mentions

    def _political(self, source: list[Actor], target: list[Actor], named_target: bool = False) -> bool:
        """A participant from the actor dictionary, or a named doer in a sentence that names a
        dictionary actor somewhere (see :meth:`mention`); with ``named_target`` a named
        recipient will do too ("Victoire Ingabire was arrested in Rwanda": no doer named)."""
        if any(a.entry for a in source + target):
            return True
        if not any(a.name for a in source + (target if named_target else [])):
            return False
        if self._dict_actor is None:
            self._dict_actor = self.actors.has_phrase(self._text)
        return self._dict_actor

    def _loose_types(self, tok, bare: bool = False) -> set[str]:
        return loose_types(tok, self.lex, bare)

    def fallback(self, doc, event_types: Sequence[str], offset: int, confidence: float,
                 loose: bool = True, generic: bool = False) -> Optional[Mention]:
        """A mention for a type the sentence model chose where no rule could read the sentence.

        It is anchored on a trigger word of that type whose rule's conditions failed ("declared
        a unilateral ceasefire", "will not end the strike"), the highest in the parse first; a
        noun lends the roles of the verb it depends on, unless that verb only reports speech.
        ``event_types``: the model's type, or the types its label stands for (YIELD);
        ``loose``: also anchor on words whose rules name objects that are not there ("made",
        "issued"), not only on words that report an act by themselves ("suspended");
        ``generic``: when no such word is there, anchor on the main verb (the clause reported by
        a verb of saying: "Hungary says it will not accept ..." anchors on "accept"), for a model
        sure enough of its type.
        """
        forms = self.lex.trigger_forms
        speech = self.sets["speech_verbs"]
        cands = []
        for t in doc:
            if t.lower_ not in forms or t.tag_[:2] not in ("VB", "NN"):
                continue
            hit = next((e for e in event_types if e in self._loose_types(t, bare=not loose)), None)
            if hit:
                cands.append((_depth(t), not t.tag_.startswith("VB"), t.i, t, hit))
        cands.sort(key=lambda c: c[:3])
        main = self._root
        if main is not None and _lemma1(main, self.lex) in speech:
            main = next((c for c in main.children if c.dep_ == "ccomp" and c.tag_.startswith("VB")), None)
        if main is not None and main.tag_.startswith("VB") and main.lower_ in forms \
                and all(c[3] != main for c in cands) and self._loose_types(main, bare=True):
            # the main verb is a trigger word of another type ("suspended publication" read as
            # COERCE): the sentence reports an act, the model names its type
            cands.append((0, False, main.i, main, event_types[0]))
        for _, _, _, anchor, event in cands:
            tok = node = anchor
            for _ in range(4):
                if tok.tag_.startswith("VB") or node.head == node:
                    break
                node = node.head
                if node.tag_.startswith("VB"):
                    if _lemma1(node, self.lex) not in speech:
                        tok = node
                    break
            # a noun reported by a verb of saying ("USAID announced a suspension of aid") takes
            # that verb's subject as its doer
            gov = node if tok == anchor and node != anchor and node.tag_.startswith("VB") else None
            m = self._model_reading(tok, anchor, event, gov, doc, offset, confidence)
            if m is not None:
                return m
        if not generic:
            return None
        anchor, gov = None, None
        if main is not None and main.tag_.startswith("VB") and _lemma1(main, self.lex) not in speech:
            anchor = main
        elif self._root is not None and self._root.tag_.startswith("VB"):
            # "Germany announced a sixfold increase in funding": the announced noun, with the
            # announcer as its doer
            anchor = next((c for c in self._root.children if c.dep_ == "dobj" and c.tag_.startswith("NN")), None)
            gov = self._root
        if anchor is None or any(c[3] == anchor for c in cands):
            return None
        m = self._model_reading(anchor, anchor, event_types[0], gov, doc, offset, confidence)
        if m is not None and m.event_type == "REJECT" and m.negated:
            m.negated = False    # "will not accept refugees": the refusal is the event
        return m

    def _model_reading(self, tok, anchor, event: str, gov, doc, offset: int, confidence: float) -> Optional[Mention]:
        """The mention of the model's ``event`` on ``tok`` (the word ``anchor`` or the verb it
        lends its roles from), rule ``model.sentence``; a named victim will do as participant."""
        rule = Rule(id="model.sentence", event=event, pos="verb", head=anchor.lower_, confidence=confidence)
        return self.mention(Trigger(tok, rule, event=event, governor=gov), doc, offset, named_target=True)

    def mention(self, t: Trigger, doc, offset: int, named_target: bool = False) -> Optional[Mention]:
        """Roles and flags of one trigger; None without a political participant: one must be in
        the actor dictionary, or the doer must be named ("Dhurata Ali", "the Hirak movement") or a
        collective ("protesters") in a sentence that names a dictionary actor somewhere (an
        exchange between unknown names alone is not political event data: "Verstappen passed
        Raikkonen").  The pipeline's pre-filter tests the sentence condition, cheaply, before parsing."""
        src_toks, pass_targets = self.subjects(t.token)
        if not src_toks and t.governor is not None:
            src_toks, _ = self.subjects(t.governor)
            node = t.governor
            for _ in range(3):
                if src_toks or not _is_noun(node) or node.dep_ not in ("pobj", "dobj", "prep", "attr", "appos"):
                    break
                node = node.head if node.dep_ != "pobj" else node.head.head
                if node.tag_.startswith("VB"):
                    src_toks, _ = self.subjects(node)
        exclude = {x.i for x in src_toks}
        tgt_toks = pass_targets or self.targets(t, exclude)
        node = t.token
        for _ in range(3):   # "sent a letter to X, ... offering cooperation": X is the target
            if tgt_toks or node.dep_ not in ("advcl", "conj", "xcomp") or not node.head.tag_.startswith("VB"):
                break
            node = node.head
            tgt_toks = self._targets_of(node, frozenset(("to", "with")), exclude)
        tgt_toks = [x for x in tgt_toks if x.i not in exclude]
        if src_toks and all(_lemma1(x, self.lex) in self.sets["inanimate_subjects"] for x in src_toks):
            return None   # the doer is a thing ("the earthquake killed", "the measures bar")
        if self._sports and t.event in ("ASSAULT", "COERCE", "MOBILIZE", "SANCTION"):
            return None
        source = [a for x in src_toks for a in self.actors_of(x, offset)]
        target = [a for x in tgt_toks for a in self.actors_of(x, offset)]
        if not self._political(source, target, named_target):
            return None
        if t.rule.if_target and target:
            t.event, t.mode = t.rule.if_target, None
        if not target and len(source) >= 2 and t.event in self.sets["reciprocal_events"] \
                and _coordinated(src_toks) and self._reciprocal(t):
            source, target = source[:-1], source[-1:]     # "A and B agreed": A -> B
        modality = self.modality(t)
        if modality == "asserted" and t.event == "AGREE" and _lemma1(t.token, self.lex) in self.sets["offer_words"]:
            modality = "intended"
        attribution = self.attribution(t, offset)
        conf = t.rule.confidence
        conf += 0.1 if any(a.country for a in source) else -0.1
        conf += 0.05 if any(a.country for a in target) else 0.0
        conf -= 0.1 if modality == "hypothetical" else 0.0
        # a relative clause gives background ("freed two ex-ministers who face charges"): the
        # main clause's event is the one the sentence reports
        conf -= 0.15 if _in_relative_clause(t.token) else 0.0
        return Mention(
            event_type=t.event, trigger=t.token.text,
            trigger_start=offset + t.token.idx, trigger_end=offset + t.token.idx + len(t.token.text),
            rule=t.rule.id + ("+" + "+".join(i.rule.id for i in t.absorbed) if t.absorbed else ""),
            mode=t.mode or self._mode(t, doc), context=self._context(t, doc), source=source, target=target,
            negated=self.negated(t), modality=modality, attribution=attribution,
            confidence=round(max(0.05, min(conf, 0.99)), 3),
        )

    def _reciprocal(self, t: Trigger) -> bool:
        """A trigger that names a two-sided act: its word, its objects or what it absorbed
        ("agreed", "signed a pact", "failed to reach agreement"; cues.yaml ``reciprocal_words``)."""
        words = self.sets["reciprocal_words"]
        toks = [t.token, *(i.token for i in t.absorbed)]
        toks += [c for x in list(toks) for c in x.children if c.dep_ in ("dobj", "xcomp", "pobj", "prep")]
        toks += [g for x in list(toks) if x.dep_ in ("xcomp", "prep") for g in x.children if g.dep_ in ("dobj", "pobj")]
        return any(x.lower_ in words or (_lemmas(x, self.lex) & words) for x in toks)

    def mode_of(self, doc, event: str, trigger_char: int) -> Optional[str]:
        """The mode of ``event`` read from the sentence's words, for a mention relabelled by the
        sentence model (``trigger_char``: its trigger's offset in the sentence)."""
        tok = next((x for x in doc if x.idx == trigger_char), None)
        if tok is None:
            return None
        rule = Rule(id="model.sentence", event=event, pos="verb", head=tok.lower_)
        return self._mode(Trigger(tok, rule, event=event), doc)

    def _mode(self, t: Trigger, doc) -> Optional[str]:
        table = {"AID": self.lex.aid_mode_words, "ASSAULT": self.lex.assault_mode_words}.get(t.event)
        if not table:
            return None
        for scope in ([x for x in t.token.subtree if x != t.token] + [i.token for i in t.absorbed], list(doc)):
            votes: dict[str, int] = {}
            for tok in scope:
                keys = {tok.lower_, *_lemmas(tok, self.lex)}
                if tok.i > 0:
                    keys |= {f"{tok.doc[tok.i - 1].lower_} {k}" for k in list(keys)}
                for key in keys:
                    for mode in table.get(key, ()):
                        votes[mode] = votes.get(mode, 0) + 1
            if votes:
                return max(votes.items(), key=lambda kv: kv[1])[0]
        return None

    def _context(self, t: Trigger, doc) -> list[str]:
        ctx = list(t.rule.context)
        words = self.lex.context_words
        for tok in doc:
            for key in {tok.lower_, *_lemmas(tok, self.lex)}:
                for c in words.get(key, ()):
                    if c not in ctx:
                        ctx.append(c)
        return ctx[:4]


def loose_types(tok, lex: Lexicon, bare: bool = False) -> set[str]:
    """Event types of the rules on this word, their object conditions aside (a phrasal
    rule still needs its particle: "spoke" alone is not "speak with"); ``bare``: only rules
    without object conditions (a verb that reports an act by itself, not "have" or "make")."""
    if tok.lower_ not in lex.trigger_forms:
        return set()
    table = lex.verb_rules if tok.tag_.startswith("VB") else lex.noun_rules
    return {r.event for lm in _lemmas(tok, lex) for r in table.get(lm, ())
            if (not r.particle or _has_particle(tok, r.particle)) and not (bare and r.objects)}


def _in_relative_clause(tok) -> bool:
    node = tok
    for _ in range(12):
        if node.dep_ == "relcl":
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def _coordinated(toks: list) -> bool:
    """One subject "A and B" (split into its parts or glued into one phrase)."""
    if len(toks) == 1:
        return any(c.dep_ == "cc" for c in toks[0].subtree)
    first = {toks[0].i} | {c.i for c in toks[0].conjuncts}
    return all(x.i in first for x in toks)


def _lemma1(tok, lex: Lexicon) -> str:
    ls = _lemmas(tok, lex)
    return min(ls) if len(ls) > 1 else next(iter(ls))


def _depth(tok) -> int:
    d = 0
    while tok.head != tok and d < 50:
        tok = tok.head
        d += 1
    return d


def _dominates(a, b) -> bool:
    """True when ``a`` is an ancestor of ``b``."""
    return any(x == a for x in b.ancestors)


_LED = {"led", "backed", "sponsored", "funded", "run", "brokered"}


def _led_appos(tok):
    """"the UN-led COVAX" parsed as UN + appos COVAX: the actor is COVAX."""
    for c in tok.rights:
        if c.dep_ == "appos" and any(x.lower_ in _LED for x in tok.doc[tok.i + 1:c.i]):
            return c
    return tok


def _expand(toks: list) -> list:
    """Add coordinated actors: "Jordan and Britain" -> [Jordan, Britain]."""
    out, seen = [], set()
    for t in toks:
        for x in [_led_appos(t), *t.conjuncts]:
            if x.i not in seen and (x.tag_.startswith("NN") or x.tag_ in ("PRP", "CD", "JJ")):
                seen.add(x.i)
                out.append(x)
    return out


def _np_bounds(tok) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``tok`` (left modifiers + head + 'of'-phrase)."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in NP_LEFT or c.dep_ == "poss":
            start = min(start, c.left_edge.i)
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == end and _is_sector_head(tok):
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                end = pobj[0].i + 1
                for g in pobj[0].rights:
                    if g.dep_ in ("compound", "flat") and g.i == end:
                        end += 1
            break
        if c.dep_ in ("compound", "flat", "case") and c.i == end:
            end = c.i + 1
    doc = tok.doc
    while end - 1 > start and doc[end - 1].tag_ == "POS":
        end -= 1
    if end - 1 == tok.i and tok.tag_ == "POS":
        end = tok.i
    while start < tok.i and (doc[start].is_punct or doc[start].dep_ == "cc" or doc[start].lower_ in ("the", "a", "an")):
        start += 1
    while end - 1 > tok.i and doc[end - 1].is_punct:
        end -= 1
    return start, end


_SECTOR_HEADS = {"ministry", "minister", "government", "president", "leader", "department", "ambassador",
                 "secretary", "prime", "foreign", "embassy", "army", "navy", "forces", "head", "chief",
                 "parliament", "people", "republic", "kingdom", "state", "states", "office", "council"}


def _is_sector_head(tok) -> bool:
    return tok.lower_ in _SECTOR_HEADS or tok.lower_ in GROUP_HEADS


def _request_mode(event: str) -> Optional[str]:
    return {"AID": "assist", "CONSULT": "meet", "RETREAT": "yield", "CONCEDE": "yield",
            "COOPERATE": "assist", "SUPPORT": "assist"}.get(event)


def _threat_mode(event: str) -> Optional[str]:
    return {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "MOBILIZE": "violence"}.get(event)


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    best: dict[tuple, Mention] = {}
    for m in mentions:
        key = (m.event_type, tuple(a.country or a.text for a in m.source), tuple(a.country or a.text for a in m.target))
        if key not in best or m.confidence > best[key].confidence:
            best[key] = m
    return sorted(best.values(), key=lambda m: m.trigger_start)
