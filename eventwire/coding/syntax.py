"""Token helpers over a spaCy dependency parse: lemmas, word classes, objects, depth, noun
phrase bounds.  Pure functions of their arguments (no state); the word lists they need come
from the lexicon's cues (``eventwire/data/cues.yaml``)."""
from __future__ import annotations

import re
from typing import Optional

from ..nlp import dateline_length
from .lexicon import Lexicon

#: dependency labels of subjects (active) and passive subjects
SUBJ = frozenset({"nsubj", "csubj"})
PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
#: links through which a clause takes the subject of the clause above it
CLIMB = frozenset({"xcomp", "advcl", "conj", "acomp", "relcl", "acl", "pcomp", "ccomp", "parataxis", "oprd"})
#: left modifiers that belong to a noun phrase
NP_LEFT = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "npadvmod", "punct"})
#: dependency links through which a trigger is governed by the word above it
GOVERNED = frozenset({"xcomp", "acomp", "acl", "dobj", "pobj", "prep", "ccomp", "nsubjpass", "pcomp", "nsubj"})


def lemmas(tok, lex: Lexicon) -> frozenset[str]:
    """The lexicon's lemmas of a token (see :meth:`Lexicon.lemmas`)."""
    return lex.lemmas(tok.lower_, "NNS" if mistagged_noun(tok) else tok.tag_)


def lemma1(tok, lex: Lexicon) -> str:
    """One lemma of a token: the smallest when the form has several."""
    ls = lemmas(tok, lex)
    return min(ls) if len(ls) > 1 else next(iter(ls))


def abstains(verb, lex: Lexicon) -> bool:
    """A verb of holding back from the act after it (cues.yaml ``abstain_verbs``: "refrained
    from", "avoided", "stopped short of", where the parse hangs "of" on "short")."""
    if verb.dep_ == "advmod" and verb.head != verb:
        verb = verb.head
    lm = lemma1(verb, lex)
    return lm in lex.sets["abstain_verbs"] or any(
        f"{lm} {c.lower_}" in lex.sets["abstain_verbs"] for c in verb.children if c.dep_ in ("advmod", "prt"))


def talked_about(tok, lex: Lexicon) -> bool:
    """An event noun named as the topic of talks, a deal or a report ("talks with Saudi officials
    on the Gaza ceasefire", "an agreement on a prisoner exchange": cues.yaml ``topic_preps``,
    ``topic_events``, ``content_nouns``): what was talked about, no act of its own."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in lex.sets["topic_preps"] or not tok.head.head.tag_.startswith("NN"):
        return False
    holder = tok.head.head
    if holder.dep_ == "pobj" and holder.head.lower_ in ("with", "between"):
        holder = holder.head.head   # ("talks with Saudi officials on the ceasefire": parsed on the officials)
    held = lemmas(holder, lex)
    return bool(held & lex.sets["content_nouns"]) or any(
        r.event in lex.sets["topic_events"] for lm in held for r in lex.noun_rules.get(lm, ()))


def is_verbal(tok) -> bool:
    return (tok.tag_.startswith("VB") and not mistagged_noun(tok)) or \
        (tok.tag_ == "JJ" and tok.dep_ in ("ROOT", "conj", "xcomp", "advcl"))


def mistagged_noun(tok) -> bool:
    """A plural noun the tagger took for a verb: "in retaliation for Nato airstrikes" (VBZ as the
    object of a preposition, or with a determiner or a compound of its own)."""
    return tok.tag_ == "VBZ" and (tok.dep_ == "pobj" or any(c.dep_ in ("det", "compound") for c in tok.children))


def active_form(tok) -> bool:
    """A finite verb, or a participle with an auxiliary of its own that is not passive ("and
    surrounded the building", "and have asked"), not a participle sharing a passive ("was
    arrested and charged")."""
    kids = [c.dep_ for c in tok.children]
    return "auxpass" not in kids and (tok.tag_ in ("VBD", "VBZ", "VBP") or "aux" in kids)


def undergone(verb, gerund) -> bool:
    """Whether the subject of ``verb`` underwent it, so did not do ``gerund`` (the gerund after a
    preposition on ``verb``): a passive or a participle modifying a noun; a participle with no
    auxiliary is a headline's passive ("One person treated ... after shooting near
    demonstration") unless the gerund acts on something (then it is a past tense the tagger
    missed: "riot police ... responded by firing tear gas")."""
    if verb.tag_ != "VBN":
        return False
    kids = [c.dep_ for c in verb.children]
    return verb.dep_ == "acl" or "auxpass" in kids or (
        "aux" not in kids and not any(c.dep_ == "dobj" for c in gerund.children))


def existential(tok) -> bool:
    """A clause of "there is / there were": its subject names no doer ("there were two explosions")."""
    return any(c.dep_ == "expl" for c in tok.children)


def infinitive(tok) -> bool:
    """A verb with its "to": "to begin", "an honour to meet"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def objects_after(x, preps, deps: tuple[str, ...] = ("prep",)) -> list:
    """The objects of ``preps`` on ``x`` ("troops arrived in Haiti" -> Haiti; ``deps``: the
    dependency labels a preposition may have, "dative" for "sent troops to Belarus")."""
    return [g for p in x.children if p.dep_ in deps and p.lower_ in preps for g in p.children if g.dep_ == "pobj"]


def of_objects(x) -> list:
    """The objects of an "of" after ``x``: "a state of siege" -> siege."""
    return objects_after(x, ("of",))


def counted_head(tok, group_heads: frozenset):
    """The word of number a plural noun is counted by ("dozens" of "made dozens of arrests"),
    or None."""
    if tok.dep_ == "pobj" and tok.tag_ in ("NNS", "NNPS") and tok.head.lower_ == "of" and tok.head.head.lower_ in group_heads:
        return tok.head.head
    return None


def opening_participles(doc) -> list:
    """The participles that open the sentence and end at a comma, setting its scene ("Speaking
    after talks with X, Y called for ...", "Asked about the raid, the minister said ..."): the
    clauses (dependency advcl) among the first word and its heads."""
    out, node = [], doc[0] if len(doc) else None
    for _ in range(50):
        if node is None:
            break
        end = node.right_edge.i + 1
        if node.dep_ == "advcl" and node.tag_ in ("VBG", "VBN") and end < len(doc) and doc[end].text == ",":
            out.append(node)
        node = None if node.head.i == node.i else node.head
    return out


def misread_participle(tok) -> bool:
    """A participle after its noun parsed as the clause's verb, with the real verb hung on it
    ("Gunmen linked to the Islamic State attacked a village", "Hackers linked to X broke into":
    a finite verb with a subject before it, no object or auxiliary, a preposition next, and a
    second finite verb joined with no "and" and no conjunction of its own)."""
    if tok.tag_ not in ("VBD", "VBN") or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].dep_ not in ("prep", "agent") \
            or not any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children) \
            or any(c.dep_ in ("dobj", "aux", "auxpass", "cc") for c in tok.children):
        return False
    return any(v.dep_ in ("conj", "advcl") and v.tag_ in ("VBD", "VBZ", "VBP") and v.i > tok.i + 2
               and not any(x.dep_ in ("mark", "nsubj", "cc") for x in v.children) for v in tok.children)


def is_noun(tok) -> bool:
    return tok.tag_.startswith("NN") or mistagged_noun(tok)


#: nouns of degree whose "of" phrase is what a verb puts something in ("on the highest state of
#: alert", "to the highest level of readiness")
_STATE_NOUNS = frozenset({"state", "level", "levels"})

#: adverbs of a phrasal verb that the parser may give the verb's preposition
_ADVERB_PARTICLES = frozenset({"away", "out", "off", "back"})


_NAMING_WH = frozenset({"what", "whatever"})


def naming_clause(tok) -> bool:
    """A verb of naming in a free relative: "(launched) what it called anti-terrorist
    operations" names a thing, it judges no one."""
    return tok.dep_ in ("ccomp", "relcl") and any(c.lower_ in _NAMING_WH and c.dep_ == "dobj" for c in tok.children)


def objects(tok) -> list:
    """Direct objects of a verb, objects of its particle-preposition, passive subjects, attrs,
    the noun a past participle with its agent modifies ("the efforts attacked by Palin"; "the
    only party registered in Turkmenistan" is a state, no act on an object)."""
    out = [tok.head] if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.tag_.startswith("NN") \
        and any(c.dep_ == "agent" for c in tok.children) else []
    active = tok.tag_ != "VBN" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    for c in tok.children:
        if c.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "dative"):
            out.append(c)
            out.extend(x for x in c.conjuncts)
            out.extend(of_objects(c))
            # "called the leader a dictator": the second object is parsed as an apposition
            out.extend(a for a in c.children if a.dep_ == "appos" and c.dep_ == "dobj")
            # "described the decision as illegal", with "as" parsed on the object
            out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ == "as" and c.dep_ == "dobj"
                       for g in p.children if g.dep_ in ("pobj", "amod", "acomp"))
            # "found the former officer guilty": an object complement parsed as the object's
            # adjective after it
            out.extend(a for a in c.children if a.dep_ == "amod" and a.i > c.i and c.dep_ == "dobj")
        elif c.dep_ in ("prep", "prt") and c.dep_ != "agent" and not (c.lower_ == "without" and active):
            # (what an active verb is done without is none of its objects: "the talks ended without
            # agreement"; "was held without bail" is a custody)
            for g in c.children:
                if g.dep_ == "pobj" or (g.dep_ in ("amod", "acomp") and c.lower_ == "as"):
                    # ("described him as unfit", parsed with the adjective on "as")
                    out.append(g)
                    out.extend(x for x in g.conjuncts)
                    if g.lower_ in _STATE_NOUNS:
                        out.extend(of_objects(g))   # "put its troops on the highest state of alert"
            if c.dep_ == "prep" and c.lower_ in _ADVERB_PARTICLES:
                # "walked out of the talks" parsed with "out" as a preposition: its own preposition's object
                out.extend(g for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj")
        elif c.dep_ == "xcomp" and c.tag_.startswith("NN"):
            out.append(c)
        elif c.dep_ == "advmod" and c.lower_ in _ADVERB_PARTICLES:
            # "stayed away from work", "pulled out of the deal": the particle's own preposition
            out.extend(g for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj")
        elif c.dep_ == "ccomp" and naming_clause(c):
            # "launched what it called anti-terrorist operations": the name given is the object
            out.extend(n for n in c.children if n.dep_ == "oprd")
        elif c.dep_ == "ccomp" and (infinitive(c) or (c.tag_ == "VBG" and not any(x.dep_ == "aux" for x in c.children))):
            # "declared a state of siege to begin at midnight", "will not accept refugees fleeing
            # the violence", parsed with the object as the subject of the infinitive or participle
            for x in c.children:
                if x.dep_ == "nsubj" and tok.i < x.i < c.i:
                    out.append(x)
                    out.extend(of_objects(x))
        elif small_clause(c):
            # the clause's subject is the verb's object
            out.append(c)
            out.extend(x for x in c.children if x.dep_ == "nsubj")
    return out


def bare_clause(c) -> bool:
    """A bare or to-infinitive after a verb whose subject the parser gives it ("helped Kenya
    rebuild", "allowed the WFP to deliver"): no modal, no "that", no passive."""
    return c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VB" and not any(
        x.dep_ in ("mark", "auxpass") or (x.dep_ == "aux" and x.lower_ != "to") for x in c.children)


def small_clause(c) -> bool:
    """Whether a dependent parsed as a clause is a small clause's predicate: "took two officers
    hostage" (hostage/VBP with its own subject), "held the engineers captive" (captive/JJ)."""
    return c.dep_ in ("ccomp", "xcomp", "advcl") and c.tag_ in ("JJ", "NN", "NNS", "VBP") \
        and not any(x.dep_ in ("aux", "auxpass", "mark", "dobj") for x in c.children)


def compound_texts(tok, lex: Lexicon) -> set[str]:
    """Multiword forms of an object noun for rule matching: with its compound modifiers
    ("hunger strike"), with the adjective next to it ("martial law", "joint exercise"), and
    each with the noun's lemma ("internet services" -> "internet service")."""
    heads = {tok.lower_} | lemmas(tok, lex)
    out = set()
    mods = [c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    if mods:
        out |= {" ".join(mods + [h]) for h in heads}
        out |= {"-".join(mods + [h]) for h in heads}     # "cease-fire", split by the tokenizer
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.head == tok and prev.dep_ in ("amod", "compound"):
        out |= {f"{prev.lower_} {h}" for h in heads}
        # all the modifiers before it: "joint press conference", "suicide car bomb"
        first = prev.i
        while first > 0 and tok.doc[first - 1].head == tok and tok.doc[first - 1].dep_ in ("amod", "compound"):
            first -= 1
        if first < prev.i:
            left = " ".join(t.lower_ for t in tok.doc[first:tok.i])
            out |= {f"{left} {h}" for h in heads}
    return out or {tok.lower_}


def has_particle(tok, particle: str, when: frozenset = frozenset(), split: bool = True) -> bool:
    """The verb's second word ("call for", "crack down") is attached to it or follows it; a
    preposition whose object is a word of ``when`` (cues.yaml ``time_words``) only dates the act
    ("called on Tuesday" is no "call on"); it never comes before the verb.  Unless ``split``, a preposition after the verb's
    direct object is not its second word: "called police to the flat for the smell" is no
    "call for", "withdrew peacekeepers from Syria" no "withdraw from"."""
    for c in tok.children:
        # (a preposition before the verb opens another phrase: "In giving ..., Congress has given")
        if c.dep_ in ("prt", "prep", "advmod", "dobj", "dative") and c.lower_ == particle and c.i > tok.i:
            if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lower_ in when for g in c.children):
                continue
            if not split and c.dep_ == "prep" and any(d.dep_ == "dobj" and d.i < c.i for d in tok.children):
                continue
            if any(d.dep_ == "prt" and d.lower_ != particle and tok.i < d.i < c.i for d in tok.children):
                continue   # "backing up with his hands down": the verb has its own particle first
            return True
    if split and any(trailing_pobj(d, particle, when) is not None for d in tok.children if d.dep_ == "dobj"):
        return True   # "set part of the building on fire": the parser put the preposition on the object
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.lower_ != particle:
        return False
    after = tok.nbor(2) if tok.i + 2 < len(tok.doc) else None
    return after is None or after.lower_ not in when


def trailing_pobj(obj, particle: str, when: frozenset = frozenset()):
    """The object of a preposition ``particle`` in the chain of prepositional phrases after a
    direct object ("part of the building on fire": fire), not in a clause inside it, not a
    time word; None when there is none."""
    node = obj
    for _ in range(4):
        prep = next((c for c in node.children if c.dep_ == "prep" and c.i > node.i), None)
        if prep is None:
            return None
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if prep.lower_ == particle:
            return pobj if pobj is not None and pobj.lower_ not in when else None
        if pobj is None:
            return None
        node = pobj
    return None


#: tokens a multiword trigger's words may have between them: "teachers' strike", "24-hour strike"
_JOINERS = frozenset({"'", "’", "'s", "’s", "-"})


def has_modifiers(tok, words: tuple[str, ...]) -> bool:
    """The words just before ``tok`` are ``words`` (possessive marks and hyphens aside)."""
    i = tok.i - 1
    for w in reversed(words):
        while i >= 0 and tok.doc[i].lower_ in _JOINERS and tok.doc[i].lower_ != w:
            i -= 1
        if i < 0 or tok.doc[i].lower_ != w:
            return False
        i -= 1
    return True


def token_at(doc, char: int):
    """The token of ``doc`` that starts at character ``char`` (of the doc's text), or None."""
    return next((t for t in doc if t.idx == char), None)


def depth(tok) -> int:
    d = 0
    while tok.head != tok and d < 50:
        tok = tok.head
        d += 1
    return d


def dominates(a, b) -> bool:
    """True when ``a`` is an ancestor of ``b``."""
    return any(x == a for x in b.ancestors)


def in_relative_clause(tok) -> bool:
    node = tok
    for _ in range(12):
        if node.dep_ == "relcl":
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def coordinated(toks: list) -> bool:
    """One subject "A and B" (split into its parts or glued into one phrase)."""
    if len(toks) == 1:
        return any(c.dep_ == "cc" for c in toks[0].subtree)
    first = {toks[0].i} | {c.i for c in toks[0].conjuncts}
    return all(x.i in first for x in toks)


def led_appos(tok, led: frozenset[str]):
    """"the UN-led COVAX" parsed as UN + appos COVAX: the actor is COVAX (``led``: the words
    between them that say so, ``appositive_suffixes`` of data/actor_cues.yaml)."""
    for c in tok.rights:
        if c.dep_ == "appos" and any(x.lower_ in led for x in tok.doc[tok.i + 1:c.i]):
            return c
    return tok


def expand(toks: list, led: frozenset[str]) -> list:
    """Add coordinated actors: "Jordan and Britain" -> [Jordan, Britain]; see :func:`led_appos`."""
    out, seen = [], set()
    for t in toks:
        if t.tag_ == "CD" and t.lower_ != "one":   # "two of its citizens": the people counted ("one of the
            #                                             passengers" is one person, no body of people)
            t = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS")), t)
        for x in [led_appos(t, led), *t.conjuncts]:
            if x.i not in seen and (x.tag_.startswith("NN") or x.tag_ in ("PRP", "CD", "JJ")):
                seen.add(x.i)
                out.append(x)
    return out


def is_sector_head(tok, lex: Lexicon) -> bool:
    return tok.lower_ in lex.sets["sector_heads"] or tok.lower_ in lex.sets["group_heads"]


def _affiliation_end(tok, end: int, lex: Lexicon) -> int:
    """End of a side named after a group's head: "forces loyal to Khalifa Haftar", "fighters
    from the Islamic State group", "troops from Chad" (cues.yaml ``affiliation_heads``,
    ``affiliation_words``; "from" only before a name)."""
    if tok.lower_ not in lex.sets["affiliation_heads"]:
        return end
    for c in tok.rights:
        if c.i != end:
            continue
        prep = c if c.dep_ == "prep" and c.lower_ == "from" else next(
            (p for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "with")), None) \
            if c.dep_ == "amod" and c.lower_ in lex.sets["affiliation_words"] else None
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None and pobj.right_edge.i - c.i <= 8 and (
                prep.lower_ != "from" or any(x.tag_ in ("NNP", "NNPS") for x in pobj.subtree)):
            return pobj.right_edge.i + 1
    return end


def np_bounds(tok, lex: Lexicon) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``tok`` (left modifiers + head + 'of'-phrase)."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in NP_LEFT or c.dep_ == "poss":
            start = min(start, c.left_edge.i)
    doc = tok.doc
    if tok.tag_ in ("NNS", "NNPS") and tok.dep_ != "compound" and start + 2 <= tok.i and doc[start].lower_ in ("a", "an") \
            and doc[start + 1].tag_ == "NN" and doc[start + 1].dep_ in ("compound", "nmod"):
        start = doc[start + 1].i + 1     # "a charge officials deny": "a charge" is a phrase of its own
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == end and is_sector_head(tok, lex):
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                end = pobj[0].i + 1
                for g in pobj[0].rights:
                    if g.dep_ in ("compound", "flat") and g.i == end:
                        end += 1
                if tok.tag_ in ("NNS", "NNPS") and pobj[0].tag_ in ("NNP", "NNPS") and pobj[0].conjuncts:
                    # "the leaders of France and Germany": one each (actors_of splits at "and")
                    end = max(end, max(x.i for x in pobj[0].conjuncts) + 1)
            break
        if c.dep_ in ("compound", "flat", "case") and c.i == end:
            end = c.i + 1
    end = max(end, _affiliation_end(tok, end, lex))
    labels = lex.sets["caption_labels"]
    for k in range(start + 1, tok.i):
        if f"{doc[k - 1].lower_} {doc[k].lower_}" in labels:
            start = k + 1     # "Image copyright AFP Image caption Protesters": a flattened picture credit
    while end - 1 > start and doc[end - 1].tag_ == "POS":
        end -= 1
    if end - 1 == tok.i and tok.tag_ == "POS":
        end = tok.i
    while start < tok.i and (doc[start].is_punct or doc[start].dep_ == "cc" or doc[start].lower_ in ("the", "a", "an")):
        start += 1
    while end - 1 > tok.i and doc[end - 1].is_punct:
        end -= 1
    return start, end


#: a leading credit in brackets: "(The Washington Post) President-elect Donald Trump ...",
#: "(Photo: Susan Walsh, AP) One Trump backer ...", "(CNN) Italian police ..."
_CREDIT = re.compile(r"^\s*\((?:photo|picture|image|video)?:?[^()]{1,60}\)\s+(?=[A-Z\"'“])", re.IGNORECASE)


def dateline_end(doc, text: str) -> int:
    """Token index where a leading dateline ("GENEVA, March 4 (Wirewatch) -") or a credit in
    brackets ("(The Washington Post) ...": no actor of the sentence) ends, else 0."""
    credit = _CREDIT.match(text[:80])
    n = dateline_length(text) or (credit.end() if credit else 0)
    if not n:
        return 0
    for t in doc:
        if t.idx >= n:
            return t.i
    return 0


def root_of(doc) -> Optional[object]:
    """The sentence's root token, or None."""
    return next((x for x in doc if x.dep_ == "ROOT"), None)
