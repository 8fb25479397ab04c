"""Trigger lexicon and grammatical cues, loaded from the data files in ``eventwire/data``.

The lexicon knows every inflected form of its words (we generate them: the reduced spaCy
pipeline runs without a lemmatizer, which costs a third of the parse time), and builds one
Aho-Corasick automaton over those forms: the pre-filter that decides which sentences need
the parser at all.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import ahocorasick
import yaml

from ..datafiles import WORDS, compose_yaml, load_yaml, merge_sections, read_sections, shape_of
from ..model import EVENT_TYPES

DATA = Path(__file__).resolve().parent.parent / "data"


# --------------------------------------------------------------------------- morphology

def _load_irregular() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in (DATA / "irregular_verbs.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("lemma\t"):
            continue
        lemma, forms = line.split("\t")
        out[lemma] = forms.split("|")
    return out


@functools.lru_cache(maxsize=1)
def irregular_verbs() -> dict[str, list[str]]:
    """The irregular verb forms of ``data/irregular_verbs.tsv`` (lemma -> forms)."""
    return _load_irregular()


_VOWELS = set("aeiou")


_VERB_PREFIXES = ("re", "over", "under", "out", "mis", "with", "up", "fore")


def verb_forms(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    """Every inflection of a (single-word) verb; over-generation is harmless here."""
    forms = {lemma}
    forms.update(irregular.get(lemma, ()))
    if lemma not in irregular:
        # a prefixed irregular verb inflects as its stem: retake -> retook, overrun -> overran
        for prefix in _VERB_PREFIXES:
            if lemma.startswith(prefix) and lemma[len(prefix):] in irregular:
                forms.update(prefix + f for f in irregular[lemma[len(prefix):]])
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.update({lemma + "d", lemma[:-1] + "ing", lemma + "ing"})
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        forms.update({lemma[:-1] + "ied", lemma + "ing"})
    else:
        forms.update({lemma + "ed", lemma + "ing"})
        # consonant-vowel-consonant endings double: ban -> banned, expel -> expelled
        # ("qu" is a consonant: acquit -> acquitted, equip -> equipped)
        if len(lemma) >= 3 and lemma[-1] not in _VOWELS | {"w", "x", "y"} and lemma[-2] in _VOWELS \
                and (lemma[-3] not in _VOWELS or lemma[-4:-2] == "qu"):
            forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    return forms


def noun_forms(lemma: str) -> set[str]:
    forms = {lemma}
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("man"):
        forms.add(lemma[:-3] + "men")     # man -> men, policeman -> policemen, woman -> women
    elif lemma.endswith("child"):
        forms.add(lemma + "ren")
    return forms


class Morphology:
    """Maps surface forms back to the lemmas we know (verbs and nouns kept apart)."""

    def __init__(self) -> None:
        self.irregular = _load_irregular()
        self.verb: dict[str, set[str]] = {}
        self.noun: dict[str, set[str]] = {}

    def add_verb(self, lemma: str) -> set[str]:
        forms = verb_forms(lemma, self.irregular)
        for f in forms:
            self.verb.setdefault(f, set()).add(lemma)
        return forms

    def add_noun(self, lemma: str) -> set[str]:
        forms = noun_forms(lemma)
        for f in forms:
            self.noun.setdefault(f, set()).add(lemma)
        return forms

    def verb_lemmas(self, form: str) -> set[str]:
        return self.verb.get(form, set())

    def noun_lemmas(self, form: str) -> set[str]:
        return self.noun.get(form, set())


# --------------------------------------------------------------------------- rules

@dataclass(frozen=True)
class Rule:
    id: str
    event: str
    pos: str                        # "verb" | "noun" | "adj"
    head: str                       # lemma of the trigger word
    particle: Optional[str] = None  # second word of "call for", "pull out"
    rest: tuple[str, ...] = ()      # modifiers before the head of a multiword noun ("hunger" strike)
    objects: frozenset[str] = frozenset()
    mode: Optional[str] = None
    context: tuple[str, ...] = ()
    confidence: float = 0.6
    target_preps: tuple[str, ...] = ()
    actor_object: bool = False      # fires only with an actor as its object
    abroad: bool = False            # ... of another country than its subject's ("troops arrived in Haiti")
    theme_object: bool = False      # its object is what is moved or given, not the target
    if_target: Optional[str] = None  # event type when a target is found
    if_authority: Optional[str] = None  # event type when the doer is the state's force ("police blocked the road")
    mutual: bool = False            # fires only on a two-sided subject ("Obama and Trump spoke")
    joint: bool = False             # fires only with an adverb of cues.yaml joint_adverbs ("will jointly develop")
    negates: bool = False           # reports the act not done ("cleared of wrongdoing": ACCUSE, negated)
    unless: frozenset[str] = frozenset()  # objects that make it another act ("committed crimes" is no pledge)
    judges: bool = False            # objects from a cue list of judgements (JUDGING_LISTS: "called the meeting excellent"):
    #                                 the thing judged keeps its own event
    firm: bool = False              # the word names its act ("apologized"): the sentence model never relabels it
    needs_doer: bool = False        # fires only with a doer in the sentence ("forced X to", not "were forced to")
    recipient_subject: bool = False  # its subject receives the act ("won the backing of X": X is the source)
    subjects: frozenset[str] = frozenset()  # fires only when its subject is one of these nouns ("marchers headed for")
    unless_subjects: frozenset[str] = frozenset()  # subjects that make it another act ("police responded to the call")
    unless_doing: frozenset[str] = frozenset()  # what its object is told to do that makes it another act
    #                                 ("warned residents to avoid the area" is advice, no threat)
    passive: bool = False           # fires only when its subject undergoes it ("were charged", a headline's "Man charged")
    unsourced: bool = False         # the source is a speaker the sentence does not name (a quote's judgement)
    needs_target: bool = False      # fires only with a target or a two-sided doer ("had lunch with X")

    @property
    def specificity(self) -> int:
        return (2 if self.objects or self.subjects or self.joint else 0) + (1 if self.particle or self.rest else 0)


#: the cue lists of judging words: a rule whose objects name one judges what it names
JUDGING_LISTS = frozenset({"@pejorative_words", "@praise_words"})


@dataclass
class Trigger:
    """A token that matched a rule, with what governing words made of it."""

    token: object               # spaCy Token
    rule: Rule
    consumed: set = field(default_factory=set)   # token indices used as the rule's object
    absorbed: list = field(default_factory=list)  # Triggers folded into this one
    event: str = ""
    mode: Optional[str] = None
    modality: str = "asserted"
    governor: object = None      # token of an intent word above it
    targets: list = field(default_factory=list)   # target tokens the finder already knows (claims)


@dataclass
class Lexicon:
    rules: list[Rule]
    cues: dict
    morph: Morphology
    verb_rules: dict[str, list[Rule]] = field(default_factory=dict)
    noun_rules: dict[str, list[Rule]] = field(default_factory=dict)
    adj_rules: dict[str, list[Rule]] = field(default_factory=dict)   # "critical of": head -> rules
    trigger_forms: set[str] = field(default_factory=set)
    _automaton: Optional[ahocorasick.Automaton] = None
    _lemma_memo: dict = field(default_factory=dict, repr=False)

    # -- cue helpers ------------------------------------------------------------------
    @functools.cached_property
    def not_event_nouns(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """cues.yaml ``not_event_nouns`` by head word: the words before it ("press release" ->
        release: (("press",),))."""
        out: dict[str, list] = {}
        for phrase in self.cues.get("not_event_nouns") or ():
            *rest, head = phrase.lower().split()
            out.setdefault(head, []).append(tuple(rest))
        return {k: tuple(v) for k, v in out.items()}

    @functools.cached_property
    def clearing_pattern(self) -> Optional[re.Pattern]:
        """Whole-word pattern of cues.yaml ``clearing_phrases`` (None when empty)."""
        return words_pattern(self.cues.get("clearing_phrases") or ())

    @functools.cached_property
    def blow_measures(self) -> dict[str, str]:
        """cues.yaml ``blow_measures``: a punitive measure's noun -> its event type."""
        return {w.lower(): event for event, words in (self.cues.get("blow_measures") or {}).items() for w in words}

    @functools.cached_property
    def noun_preps(self) -> dict[str, frozenset[str]]:
        """cues.yaml ``noun_preps``: an event noun and the prepositions it needs."""
        return {k.lower(): frozenset(v) for k, v in (self.cues.get("noun_preps") or {}).items()}

    @functools.cached_property
    def denial_pattern(self) -> Optional[re.Pattern]:
        """Whole-word pattern of cues.yaml ``denial_phrases`` (None when empty)."""
        return words_pattern(self.cues.get("denial_phrases") or ())

    @functools.cached_property
    def sets(self) -> dict[str, frozenset[str]]:
        """Every word-list section of the cues (cues.yaml and the user's files) as a set, by
        name: a new list in cues.yaml needs no code to be read."""
        return {k: frozenset(v) for k, v in self.cues.items() if shape_of(v) == WORDS}

    @functools.cached_property
    def non_actor_heads(self) -> frozenset[str]:
        """Head words that never name an actor: cues.yaml ``non_actor_words``, ``time_words``,
        ``inanimate_subjects`` and ``recording_nouns``."""
        sets = self.sets
        return sets["non_actor_words"] | sets["time_words"] | sets["inanimate_subjects"] | sets["recording_nouns"]

    @functools.cached_property
    def idiom_particles(self) -> dict[str, tuple[str, ...]]:
        """Verb lemma -> the particles that make it an idiom of no event (cues.yaml
        ``idiom_phrasals``: "seize" -> ("on", "upon")), read once."""
        out: dict[str, tuple[str, ...]] = {}
        for phrase in sorted(self.sets["idiom_phrasals"]):
            verb, _, particle = phrase.partition(" ")
            out[verb] = out.get(verb, ()) + (particle,)
        return out

    @functools.cached_property
    def fixed_phrase_index(self) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
        """Word -> (its position, the phrase's words) for each phrase of cues.yaml
        ``fixed_phrases`` it is in ("opposed" -> ((1, ("as", "opposed", "to")),)), read once."""
        out: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = {}
        for phrase in sorted(self.sets["fixed_phrases"]):
            words = tuple(phrase.split())
            for k, w in enumerate(words):
                out[w] = out.get(w, ()) + ((k, words),)
        return out

    @functools.cached_property
    def request_modes(self) -> dict[str, str]:
        """Mode of a REQUEST by the type of the act asked for (cues.yaml ``request_modes``)."""
        return {str(k): str(v) for k, v in (self.cues.get("request_modes") or {}).items()}

    @functools.cached_property
    def threat_modes(self) -> dict[str, str]:
        """Mode of a THREATEN by the type of the act threatened (cues.yaml ``threat_modes``)."""
        return {str(k): str(v) for k, v in (self.cues.get("threat_modes") or {}).items()}

    def splits(self, rule: Rule) -> bool:
        """A phrasal rule of cues.yaml ``split_phrasal_verbs``: its object may come before its
        second word ("charged him with murder", "set the car on fire")."""
        return f"{rule.head} {rule.particle}" in self.sets["split_phrasal_verbs"]

    def lemmas(self, low: str, tag: str) -> frozenset[str]:
        """The lemmas of a word form (lower case) with its part-of-speech tag: the lexicon's own
        lemmas of a verb or noun form, else the form itself.  A pure function of its arguments,
        memoised in a dict shared by all threads (a racing write stores the same value)."""
        key = (low, tag)
        got = self._lemma_memo.get(key)
        if got is None:
            got = self._lemma_memo[key] = frozenset(self._lemmas_uncached(low, tag))
        return got

    def _lemmas_uncached(self, low: str, tag: str) -> set[str]:
        if tag.startswith("VB") or tag in ("JJ", "VBN"):
            found = self.morph.verb_lemmas(low)
            if found:
                return found
        if tag.startswith("NN"):
            found = self.morph.noun_lemmas(low)
            if found:
                return found
        return {low}

    @functools.cached_property
    def authority_acts(self) -> dict[str, str]:
        """Trigger lemma -> sector of the authority that does it unnamed (cues.yaml ``authority_acts``)."""
        return {str(w).lower(): str(sector) for sector, words in (self.cues.get("authority_acts") or {}).items()
                for w in words or ()}

    @functools.cached_property
    def frame_verbs(self) -> dict[str, str]:
        out = {}
        for event, words in self.cues.get("frame_verbs", {}).items():
            for w in words:
                out[w] = event
        return out

    @functools.cached_property
    def context_words(self) -> dict[str, list[str]]:
        return _invert(self.cues.get("contexts", {}))

    @functools.cached_property
    def aid_mode_words(self) -> dict[str, list[str]]:
        return _invert(self.cues.get("aid_modes", {}))

    @functools.cached_property
    def assault_mode_words(self) -> dict[str, list[str]]:
        return _invert(self.cues.get("assault_modes", {}))

    def event_target_preps(self, event: str) -> frozenset[str]:
        return frozenset(self.cues.get("event_target_preps", {}).get(event, ())) or self.sets["target_preps"]

    # -- pre-filter ---------------------------------------------------------------------
    def automaton(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            a = ahocorasick.Automaton()
            # the pre-filter's words: trigger forms, and the phrases of a denial or a judgement
            # made by saying ("insisted it had done nothing wrong", "said Clinton was corrupt": no
            # trigger word, see claims.denial_claims and judgement_claims), and what a threat says
            # will be paid ("would pay a heavy price": claims.threat_claims)
            said = {str(w).lower() for k in ("denial_phrases", "pejorative_words", "praise_words", "threat_outcomes")
                    for w in self.cues.get(k, ())}
            for f in self.trigger_forms | said:
                a.add_word(f, len(f))
            a.make_automaton()
            self._automaton = a
        return self._automaton

    @functools.cached_property
    def victim_pattern(self) -> Optional[re.Pattern]:
        """Whole-word pattern of cues.yaml ``victim_trigger_forms`` (None when empty)."""
        return words_pattern(self.cues.get("victim_trigger_forms") or ())

    def has_victim_trigger(self, text: str) -> bool:
        """True when ``text`` has a word of violence or arrest that is coded without a named doer."""
        pat = self.victim_pattern
        return bool(pat and pat.search(text))

    def has_trigger(self, text: str) -> bool:
        """True when ``text`` contains a trigger form as a whole word (case-insensitive)."""
        low = text.lower()
        n = len(low)
        for end, length in self.automaton().iter(low):
            start = end - length + 1
            if (start == 0 or not low[start - 1].isalnum()) and (end + 1 >= n or not low[end + 1].isalnum()):
                return True
        return False


def words_pattern(words: Sequence) -> Optional[re.Pattern]:
    """One case-insensitive regex of ``words`` (phrases allowed: any run of spaces matches their
    spaces), each matched as a whole word, longest first; None when there are none."""
    forms = sorted({str(w).lower() for w in words}, key=lambda f: (-len(f), f))
    if not forms:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r")(?![\w-])",
                      re.IGNORECASE)


def _invert(table: dict[str, list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, words in table.items():
        for w in words:
            out.setdefault(str(w).lower(), []).append(key)
    return out


def _as_list(v) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]


def _words(r: dict, key: str, source: str, cues: dict) -> frozenset[str]:
    """A rule's word list under ``key`` (``object``, ``unless_object``); ``"@name"`` stands for
    the words of the cue list ``name`` (``object: ["@pejorative_words"]``), so one word list
    serves rules and cues alike."""
    out = set()
    for o in _as_list(r.get(key)):
        if o.startswith("@"):
            words = cues.get(o[1:])
            if not isinstance(words, list):
                raise ValueError(f"{source}: rule {r['id']!r}: {key} {o!r} names no word list of cues.yaml")
            out.update(str(w).lower() for w in words)
        else:
            out.add(o.lower())
    return frozenset(out)


def _parse_rules(doc: dict, source: str, cues: dict) -> list[Rule]:
    if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
        raise ValueError(f"{source}: a lexicon file must be a mapping with a 'rules' list (or a 'cues' mapping)")
    rules = []
    for i, r in enumerate(doc["rules"]):
        if not isinstance(r, dict) or "id" not in r or "event" not in r:
            raise ValueError(f"{source}: rule #{i + 1} needs an 'id' and an 'event'")
        event = str(r["event"]).upper()
        if event not in EVENT_TYPES:
            raise ValueError(f"{source}: rule {r['id']!r} has unknown event type {event!r}")
        pos = "verb" if "verb" in r else "noun" if "noun" in r else "adj" if "adj" in r else None
        if pos is None:
            raise ValueError(f"{source}: rule {r['id']!r} needs 'verb', 'noun' or 'adj'")
        objects = _words(r, "object", source, cues)
        unless = _words(r, "unless_object", source, cues)
        judges = any(str(o) in JUDGING_LISTS for o in _as_list(r.get("object")))
        for phrase in _as_list(r[pos]):
            words = phrase.lower().split()
            if not words:
                continue
            if pos == "adj" and len(words) != 2:
                raise ValueError(f"{source}: rule {r['id']!r}: an 'adj' phrase is an adjective and its "
                                 f"preposition (\"critical of\"), not {phrase!r}")
            rules.append(Rule(
                id=str(r["id"]), event=event, pos=pos,
                # verbs: "call for" = head + particle; nouns: "hunger strike" = modifiers + head
                head=words[-1] if pos == "noun" else words[0],
                particle=words[1] if pos != "noun" and len(words) > 1 else None,
                rest=tuple(words[:-1]) if pos == "noun" else (),
                objects=objects, mode=r.get("mode"), context=tuple(_as_list(r.get("context"))),
                confidence=float(r.get("confidence", 0.6)),
                target_preps=tuple(_as_list(r.get("target_preps"))),
                actor_object=bool(r.get("actor_object", False)) or bool(r.get("abroad", False)),
                abroad=bool(r.get("abroad", False)),
                theme_object=bool(r.get("theme_object", False)),
                if_target=str(r["if_target"]).upper() if r.get("if_target") else None,
                if_authority=str(r["if_authority"]).upper() if r.get("if_authority") else None,
                mutual=bool(r.get("mutual", False)),
                joint=bool(r.get("joint", False)),
                negates=bool(r.get("negated", False)),
                unless=unless,
                judges=judges,
                firm=bool(r.get("firm", False)),
                needs_doer=bool(r.get("needs_doer", False)),
                recipient_subject=bool(r.get("recipient_subject", False)),
                subjects=_words(r, "subject", source, cues),
                unless_subjects=_words(r, "unless_subject", source, cues),
                unless_doing=_words(r, "unless_doing", source, cues),
                passive=bool(r.get("passive", False)),
                needs_target=bool(r.get("needs_target", False)),
            ))
    return rules


def build_lexicon(extra: Sequence[str | Path] = ()) -> Lexicon:
    """Load the packaged lexicon plus any user lexicon files.

    A user file has the shape of ``triggers.yaml`` (a ``rules:`` list) and may also carry a
    ``cues:`` mapping whose sections extend those of ``cues.yaml`` (a list gains words, a table
    such as ``frame_verbs`` or ``assault_modes`` gains words per name, a map such as
    ``threat_modes`` gains or replaces names); either part may be left out.  Errors name the
    file and line."""
    cues = load_yaml((DATA / "cues.yaml").read_text(encoding="utf-8"))
    shapes = {k: shape_of(v) for k, v in cues.items()}
    docs = [(load_yaml((DATA / "triggers.yaml").read_text(encoding="utf-8")), "triggers.yaml")]
    for path in extra:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
            doc = load_yaml(text)
            node = compose_yaml(text)
        except (OSError, yaml.YAMLError) as exc:
            raise ValueError(f"cannot read lexicon file {p}: {exc}") from exc
        if isinstance(doc, dict) and "cues" in doc:
            section = next(v for k, v in node.value if k.value == "cues")
            cues = merge_sections(cues, read_sections(section, str(p), shapes))
            if "rules" not in doc:
                continue
        docs.append((doc, str(p)))
    # rules are read once every cue list is known ("@name" objects name cue lists)
    rules = [rule for doc, source in docs for rule in _parse_rules(doc, source, cues)]
    morph = Morphology()
    lex = Lexicon(rules=rules, cues=cues, morph=morph)
    for rule in rules:
        if rule.pos == "verb":
            forms = morph.add_verb(rule.head)
            lex.verb_rules.setdefault(rule.head, []).append(rule)
        elif rule.pos == "adj":
            forms = {rule.head}
            lex.adj_rules.setdefault(rule.head, []).append(rule)
        else:
            forms = morph.add_noun(rule.head)
            lex.noun_rules.setdefault(rule.head, []).append(rule)
        lex.trigger_forms.update(forms)
        for obj in rule.objects | rule.unless | rule.subjects | rule.unless_subjects:
            for w in obj.split()[-1:]:
                morph.add_noun(w)
        for verb in rule.unless_doing:
            morph.add_verb(verb.split()[0])
    # the cue words need their inflections too
    for key in ("speech_verbs", "intent_verbs", "negating_verbs", "light_verbs", "undergo_verbs", "accident_verbs",
                "question_verbs", "passive_other_verbs", "object_control_verbs", "hostile_aims", "copulas",
                "death_verbs", "launch_verbs", "participation_verbs", "vehicle_verbs", "deployment_verbs", "impact_verbs",
                "abstain_verbs", "deliberation_verbs", "plot_words", "objectless_other_verbs"):
        for w in cues.get(key, ()):
            morph.add_verb(str(w).split()[0])
    for key in ("responsibility_nouns", "critic_nouns", "figurative_objects", "armed_objects", "struck_sites",
                "document_nouns", "charge_nouns", "answer_nouns", "local_nouns", "civil_sites"):
        for w in cues.get(key, ()):
            morph.add_noun(str(w).lower())
    for words in cues.get("frame_verbs", {}).values():
        for w in words:
            morph.add_verb(str(w).split()[0])
    for table in ("contexts", "aid_modes", "assault_modes"):
        for words in cues.get(table, {}).values():
            for w in words:
                if " " not in str(w):
                    morph.add_noun(str(w).lower())
    for rs in list(lex.verb_rules.values()) + list(lex.noun_rules.values()) + list(lex.adj_rules.values()):
        rs.sort(key=lambda r: -r.specificity)
    # everything derived is built now: the lexicon is read-only from here on (shared by threads)
    for prop in ("sets", "denial_pattern", "authority_acts", "frame_verbs", "fixed_phrase_index", "context_words", "aid_mode_words", "assault_mode_words", "request_modes",
                 "threat_modes", "not_event_nouns", "noun_preps", "non_actor_heads"):
        getattr(lex, prop)
    lex.automaton()
    return lex


@functools.lru_cache(maxsize=8)
def default_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    return build_lexicon(extra)
