"""Roles from the dependency parse: who acts (source) and on whom (target).

Subjects: active, passive ``by``-agent, control chains, relative clauses, possessives and actor
modifiers of noun triggers, anaphora resolved to a subject above.  Targets: direct object,
dative, prepositional objects by event type (cues.yaml ``target_preps``,
``event_target_preps``), coordination ("Jordan and Britain").
"""
from __future__ import annotations

from .context import SentenceContext
from .doers import claimed, culprit, death_by, joined_in, ordered_done, under_act
from .participants import (
    a_person,
    actorish,
    actors_of,
    anaphoric_owner,
    antecedent,
    authored_by,
    gapped_object,
    has_code,
    named_group,
    opposed,
    owned,
    people,
    person,
    phrase_has_code,
    place_of,
    placed_in,
    possessor,
    recipient,
    undergoer,
)
from .preps import prep_objects
from .syntax import (
    CLIMB,
    PASS_SUBJ,
    SUBJ,
    abstains,
    active_form,
    bare_clause,
    counted_head,
    existential,
    expand,
    infinitive,
    is_noun,
    lemma1,
    lemmas,
    of_objects,
    small_clause,
    undergone,
)
from .triggers import Trigger, match_rule

#: marks of time before a reduced passive ("will respond when provoked"), besides hypothetical_marks
_REDUCED_TIME_MARKS = frozenset({"when", "once", "after", "until"})


def subjects(ctx: SentenceContext, tok, depth: int = 0) -> tuple[list, list]:
    """(sources, passive-targets) of a verb or noun trigger."""
    if depth > 5:
        return [], []
    lex, sets = ctx.lex, ctx.sets
    # a credit before the sentence ("(The Washington Post) Trump and Obama met") is no subject
    subj = [c for c in tok.children if c.dep_ in SUBJ and c.i >= ctx.dateline_end] or \
        [g for c in tok.children if c.dep_ == "aux" for g in c.children if g.dep_ in SUBJ and g.i >= ctx.dateline_end]
    # (the parser sometimes hangs the subject on the auxiliary: "Egypt and Qatar are mediating")
    if len(subj) > 1 and all(c.i < tok.i and c.lower_ not in sets["relative_pronouns"] for c in subj):
        # several subjects, a misparse: the nearest ("declared Maduro the winner, a result the
        # opposition rejected"), unless it is a name that goes on the phrase before it ("a court
        # in the Turkish capital Ankara ordered", "Prime Minister Lee Nak-yon holds")
        # (not with a relative pronoun among them: "the man who they say hit")
        near, before = subj[-1], subj[-2]
        gap = near.left_edge.i - before.right_edge.i
        edge = before.right_edge
        goes_on = near.tag_ == "NNP" and not any(c.dep_ == "det" for c in near.children) \
            and edge.i > before.i and not edge.is_punct and (gap == 1 or (gap == 2 and near.left_edge.nbor(-1).text == "-"))
        subj = [before] if goes_on else [near]
    passive = [c for c in tok.children if c.dep_ in PASS_SUBJ and c.i >= ctx.dateline_end]
    if tok.dep_ == "relcl" and is_noun(tok.head):
        # "the opposition leader, who was arrested last week": who undergoes it is the noun
        passive = [tok.head if c.lower_ in sets["person_relative_pronouns"] else c for c in passive]
    if subj and tok.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("aux", "auxpass", "dobj", "dative") for c in tok.children) \
            and subj[0].i == tok.i - 2 and tok.nbor(-1).text == "," \
            and any(c.dep_ == "conj" and c.tag_.startswith("VB") for c in tok.children):
        passive, subj = subj, []     # "Dalton, shot in the neck, remained in intensive care": a reduced passive
    if subj and tok.tag_ in ("VBN", "VBD") and any(c.dep_ == "mark" and c.lower_ == "with" for c in tok.children) \
            and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in tok.children):
        passive, subj = subj, []     # "with one police van torched": an absolute passive
    if subj and tok.tag_ == "VBN" and tok.dep_ in ("ccomp", "xcomp") and lemma1(tok.head, lex) in sets["small_clause_verbs"] \
            and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        passive, subj = subj, []     # a participle's small clause: "they want police banned" (police undergo it)
    if subj and tok.tag_ == "VBN" and tok.dep_ == "ccomp" and subj[0].i == tok.i - 1 \
            and lemma1(tok, lex) in sets["victim_legal_verbs"] \
            and not any(c.dep_ in ("aux", "auxpass", "dobj", "dative", "ccomp") for c in tok.children):
        # "says the woman accused of killing two co-workers is ...": a reduced relative parsed as
        # a clause; a participle without an auxiliary has no subject of its own
        passive, subj = subj, []
    agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if passive and not agents and lemma1(tok, lex) in sets["expel_verbs"]:
        # "two inspectors were expelled from North Korea": the state they leave expelled them
        agents = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                  for g in c.children if g.dep_ == "pobj" and phrase_has_code(ctx, g)]
    if passive and not agents:
        agents = doer_of_clause(ctx, tok)
    if passive and not agents and lemma1(tok, lex) in sets["deployment_verbs"]:
        # "2,000 Russian soldiers were deployed along the corridor": the forces sent are the doers
        return expand([p for p in passive if actorish(ctx, p)], ctx.led_words), []
    if passive:
        targets = [p for p in expand(passive, ctx.led_words) if actorish(ctx, p) or person(ctx, p)]
        if not targets:
            # "China's offer was welcomed by Nepal": the offer's author is the target
            targets = [c for p in passive for c in p.children if c.dep_ == "poss" and actorish(ctx, c)]
        return expand(agents, ctx.led_words), targets
    if tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBN") and tok.head.dep_ == "ROOT" and tok.head.i >= ctx.dateline_end \
            and not subj:
        takes = any(c.dep_ == "dobj" or (c.dep_ == "xcomp" and infinitive(c)) for c in tok.children)
        if (tok.tag_ == "VBD" and (takes or (tok.i > 0 and tok.nbor(-1).text == ","))) \
                or (tok.tag_ == "VBN" and takes and not any(c.dep_ == "agent" for c in tok.children)):
            # the parser's main verb hung on its subject ("The rebels handed over their weapons", "The
            # opposition leader, who fled to Spain last year, called on the army to ...", "The emir offered
            # to host talks"; tagged a participle, with an object of its own: "Malaysia, which chairs
            # ASEAN, offered to host talks"): the noun does the act
            return expand([tok.head], ctx.led_words) if actorish(ctx, tok.head) or person(ctx, tok.head) else [], []
    if tok.dep_ == "acl" and (tok.tag_ == "VBN" or (tok.tag_ == "VBD" and not any(c.dep_ in ("dobj", "conj") for c in tok.children))) \
            and is_noun(tok.head):   # (a participle tagged as a past tense: "Kamau, shot in the neck, ...")
        return expand(agents, ctx.led_words), [tok.head] if actorish(ctx, tok.head) or person(ctx, tok.head) else []
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and is_noun(tok.head) and actorish(ctx, tok.head):
        return expand([tok.head], ctx.led_words), []
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and not subj and lemma1(tok.head, lex) in sets["document_nouns"]:
        # "passed a resolution calling on Russia to withdraw": the document says what its author does
        return subjects(ctx, tok.head, depth + 1)[0] or (
            subjects(ctx, tok.head.head, depth + 1)[0] if tok.head.dep_ == "dobj" else []), []
    if subj:
        s = subj[0]
        if s.lower_ in sets["relative_pronouns"] and tok.dep_ == "relcl":
            h = tok.head
            if is_noun(h) and not actorish(ctx, h) and match_rule(h, lex):
                # "Israeli air strikes which killed 30 civilians": the strikes' own actor
                return subjects(ctx, h, depth + 1)[0], []
            return expand([h], ctx.led_words), []
        if s.lower_ in sets["anaphora"] or (
                # "the ministry said the kingdom rejects ...": the speaker's state (only there:
                # "after the country broke off links" is the country last named)
                s.lower_ in sets["state_anaphora"] and [c.lower_ for c in s.children] == ["the"]
                and tok.dep_ == "ccomp" and lemma1(tok.head, lex) in sets["speech_verbs"]):
            ante = antecedent(ctx, tok)
            if ante is not None:
                return expand([ante], ctx.led_words), []
        named = named_group(ctx, tok, s)
        if named is not None:
            return expand([named], ctx.led_words), []
        author = authored_by(ctx, s)
        if author is not None:
            return expand([author], ctx.led_words), []
        owner = anaphoric_owner(ctx, s) if is_noun(s) else None
        if owner is not None and not has_code(ctx, s):
            # "Israel's military said its jets had struck": the owner is the subject above
            ante = antecedent(ctx, tok)
            if ante is not None and any(a.country and a.sector not in sets["commerce_sectors"] for a in actors_of(ctx, ante)) \
                    and (a_person(ctx, ante) if owner.lower_ in sets["personal_possessives"] else
                         not (owner.lower_ == "its" and a_person(ctx, ante))):
                # (a state's: "the company said its workers" stays, and "its" is no person's)
                return expand([ante], ctx.led_words), []
        if is_noun(s) and not actorish(ctx, s) and match_rule(s, lex):
            # "Israeli strikes on Gaza killed 12": the event noun's own actor is the source
            return subjects(ctx, s, depth + 1)
        if is_noun(s) and not actorish(ctx, s) and lemma1(s, lex) in lex.blow_measures:
            # "tariffs imposed by Washington hit Chinese exporters": a measure's imposer, if named
            return subjects(ctx, s, depth + 1)[0] or expand([s], ctx.led_words), []
        return expand([s], ctx.led_words), []
    guilty = culprit(ctx, tok) or joined_in(ctx, tok)
    if guilty is not None:
        # "the rebels were guilty of violating the truce", "the group was behind the attack",
        # "troops participate in peacekeeping operations"
        return subjects(ctx, guilty, depth + 1)[0], []
    claim = claimed(ctx, tok)
    if claim is not None:
        # "the Taliban claimed responsibility for the attack": the claimer did it
        return subjects(ctx, claim, depth + 1)[0], []
    if is_noun(tok) and under_act(ctx, tok):
        # "his rival would be under investigation": who is under it is the target
        by = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        return expand(by[:1], ctx.led_words), subjects(ctx, tok.head.head, depth + 1)[0]
    if is_noun(tok):
        mods = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod") and not opposed(c)
                and c.lower_ not in sets["pronouns"] and not (c.dep_ == "compound" and (
                    c.lower_ in sets["theme_modifiers"] or place_of(ctx, tok, c)))
                and (c.tag_.startswith("NNP") or has_code(ctx, c.doc[c.left_edge.i:c.i + 1])
                                                         or (c.dep_ in ("compound", "poss") and actorish(ctx, c)))]
        # "Saudi-led coalition air strikes": the leader named on the participle
        mods = [next((g for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod") and g.i < c.i), c)
                if c.tag_ == "VBN" else c for c in mods]
        # (a sender's "from" not past a noun joined on: "protests and warnings from Brussels" are
        # Brussels' warnings; "attacks and kidnappings by militants" are both the militants')
        leaving = lemma1(tok, lex) in sets["departure_nouns"]
        by = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
              and not (c.lower_ == "from" and (leaving or any(j.dep_ == "conj" and tok.i < j.i < c.i for j in tok.children)))
              for g in c.children if g.dep_ == "pobj"]
        dying = death_by(ctx, tok)
        if dying is not None:
            # "a prisoner died after torture", "two soldiers died in the Taliban attack", "died in
            # an ambush by militants": who died underwent it
            return expand(mods[:1] or [g for g in by[:1] if actorish(ctx, g)], ctx.led_words), \
                subjects(ctx, dying, depth + 1)[0]
        if mods and undergoer(ctx, tok, mods[0]):
            # "Navalny's arrest", "the journalist's detention": whose it is underwent it
            return expand([g for g in by[:1] if actorish(ctx, g)], ctx.led_words), expand(mods[:1], ctx.led_words)
        if mods:
            # "Russia's invasion", "Israeli strikes", "the police killing of a teenager"
            return expand(mods[:1], ctx.led_words), []
        if not by:
            # "the sanctions, announced by the United States and Britain, target ...": the agent
            # of a participle of authorship on the noun (cues.yaml author_participles)
            by = [g for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                  and lemma1(c, lex) in sets["author_participles"]
                  for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj" and actorish(ctx, g)]
        if not by:
            # "the arrest of the opposition leader by Belarusian police": the parser hangs the
            # agent on the "of" object
            # ("the expulsion of Russian diplomats from Germany": the state they leave expels them)
            agent_preps = ("by", "from") if lemma1(tok, lex) in sets["expel_verbs"] else ("by",)
            by = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                  for o in c.children if o.dep_ == "pobj"
                  for b in o.children if b.dep_ == "prep" and b.lower_ in agent_preps
                  for g in b.children if g.dep_ == "pobj" and actorish(ctx, g)]
        # noun as object of a light verb: the verb's subject ("made an offer", "stepped up attacks");
        # of a verb of undergoing, the subject is the target ("Iran faced sanctions from the EU")
        counted = counted_head(tok, sets["group_heads"]) or counted_head(tok, sets["measure_nouns"])
        place = counted if counted is not None and match_rule(tok, lex) else tok   # "made dozens of arrests"
        if place.dep_ in ("dobj", "attr"):
            head = place.head
            hl = lemma1(head, lex) if head != place else ""
            if hl in sets["undergo_verbs"]:
                return expand(by[:1], ctx.led_words), subjects(ctx, head, depth + 1)[0]
            if hl in sets["light_verbs"] and not by and not any(
                    c.dep_ == "oprd" and any(w.lower_ in sets["pejorative_words"] for w in c.subtree) for c in head.children):
                # (not an act condemned by its naming: "Kyiv called the strike a breach", "called the
                # agreement an act of aggression")
                return subjects(ctx, head, depth + 1)
            if place.dep_ == "attr" and hl in sets["copulas"] and not by and not existential(head):
                # "the United States remains the largest donor of aid to Iraq": who is it
                return subjects(ctx, head, depth + 1)[0], []
        if by:
            return expand(by[:1], ctx.led_words), []
        if leaving:
            # "the withdrawal of US troops from Afghanistan": who leaves, and "from" where (the
            # target) is no sender
            return expand([g for g in of_objects(tok) if actorish(ctx, g)][:1], ctx.led_words), []
        return [], []
    if agents or any(c.dep_ == "auxpass" for c in tok.children):
        # a passive verb without a subject of its own: its doer is its agent or no one, never
        # the subject of the clause above ("after the church she attends was destroyed by
        # arsonists", parsed without a subject); who undergoes it is the subject of the verb it
        # continues ("tried to attack the ships but were challenged by the navy", "is expected
        # to be arraigned", "Arrested by the CHP, he was booked")
        undergo = []
        if tok.dep_ in ("xcomp", "conj", "advcl") and tok.head != tok:
            s, p = subjects(ctx, tok.head, depth + 1)
            undergo = [x for x in (p or s) if actorish(ctx, x) or person(ctx, x)]
        return expand(agents, ctx.led_words), undergo
    if tok.dep_ == "advcl" and tok.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in tok.children) \
            and any(c.dep_ == "mark" and (c.lower_ in sets["hypothetical_marks"] or c.lower_ in _REDUCED_TIME_MARKS)
                    for c in tok.children):
        # "would close the strait if attacked", "will respond when provoked": a reduced passive,
        # whose subject above undergoes it
        above = subjects(ctx, tok.head, depth + 1)[0]
        return [], [x for x in above if actorish(ctx, x) or person(ctx, x)]
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i >= 2 and tok.doc[tok.i - 1].text == ",":
        # "the officers, who fired 11 rounds, striking Gray": the participle parsed on the main
        # verb belongs to the relative clause that ends just before it
        rel = next((v for v in tok.doc[tok.head.i + 1:tok.i - 1] if v.dep_ == "relcl" and v.tag_.startswith("VB")
                    and v.right_edge.i == tok.i - 2 and not any(a.dep_ == "aux" and a.lower_ == "had" for a in v.children)),
                   None)   # (a pluperfect clause is background: "the gunmen, who had stormed the hotel, killing two")
        doers = [x for x in subjects(ctx, rel, depth + 1)[0] if actorish(ctx, x) or person(ctx, x)] if rel is not None else []
        if doers:
            return doers, []
        said = tok.head.head
        if tok.head.dep_ == "ccomp" and lemma1(tok, lex) in sets["speaker_participles"] \
                and (lemma1(said, lex) in sets["speech_verbs"] or lemma1(said, lex) in sets["denying_verbs"]):
            # "Moscow denied its troops had shelled the plant, blaming Ukrainian forces": a word
            # of judgement at the end of what is told is the teller's, not the told clause's doer's
            return subjects(ctx, said, depth + 1)[0], []
    if tok.dep_ in CLIMB and tok.head != tok:
        if tok.dep_ == "ccomp" and existential(tok):
            return [], []   # "said that there were two explosions": the speaker set off none
        if tok.dep_ == "relcl":
            attr = tok.head
            if attr.dep_ == "pobj" and attr.head.lower_ == "of" and attr.head.head.dep_ == "attr":
                attr = attr.head.head     # "became one of the first countries to close its borders"
            if infinitive(tok) and attr.dep_ == "attr":
                # "Kenya was the first country to recognise it": the copula's subject; "it was a
                # great honour to meet Obama": no one named
                held = [c for c in attr.head.children if c.dep_ in SUBJ and c.lower_ not in sets["expletive_pronouns"]
                        and c.lower_ not in sets["pronouns"]]
                if held or not (actorish(ctx, tok.head) or person(ctx, tok.head)):
                    return expand(held, ctx.led_words), []
            if infinitive(tok) and attr.dep_ == "dobj" and attr.head.tag_.startswith("VB") and match_rule(attr.head, lex) \
                    and not (actorish(ctx, attr) or person(ctx, attr)) and not lemmas(attr, lex) & (
                        sets["content_nouns"] | sets["authored_nouns"] | sets["proposal_nouns"]):
                # "thousands defied a curfew to demonstrate": a purpose clause parsed on the
                # object of an act, whose doer is the act's ("need leeway to strike jurors" is none)
                return subjects(ctx, attr.head, depth + 1)[0], []
            return expand([tok.head], ctx.led_words), []
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.lower_ in ctx.sets["manner_preps"]:
            # "followed up the meeting by heading to Capitol Hill", "responded by firing tear gas":
            # the doer of the verb above the preposition ("prevented pirates from attacking",
            # "talked about destroying evidence" are not)
            above = tok.head.head
            if above.tag_.startswith("VB") and not undergone(above, tok):
                return subjects(ctx, above, depth + 1)[0], []
            return [], []   # (who underwent the verb above did not do it: "one person treated after shooting")
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and abstains(tok.head.head, lex):
            # "the minister refrained from accusing Moscow": the one who held back
            above = tok.head.head.head if tok.head.head.dep_ == "advmod" else tok.head.head
            return subjects(ctx, above, depth + 1)[0], []
        if tok.dep_ == "conj" and active_form(tok) and tok.head.dep_ == "ccomp" and lemma1(tok, lex) in sets["plea_verbs"] \
                and lemma1(tok.head.head, lex) in sets["speech_verbs"] and any(c.dep_ == "auxpass" for c in tok.head.children):
            # "the ministry said two citizens had been detained and called for their release": the
            # teller's plea, joined by the parse to what it tells
            return subjects(ctx, tok.head.head, depth + 1)[0], []
        if tok.dep_ == "conj" and active_form(tok):
            # an active verb joined to a passive one: who underwent the first does the second
            # ("police were called and surrounded the building", "the families are supported by
            # officers and have asked for privacy", "the government, pushed to the brink, agreed");
            # "was arrested and charged" stays passive
            _, undergo = subjects(ctx, tok.head, depth + 1)
            if undergo:
                return undergo, []
        if tok.dep_ == "xcomp" and tok.tag_ == "VB" and any(c.dep_ == "aux" for c in tok.children) \
                and not any(c.dep_ == "auxpass" for c in tok.children):
            led = [c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i
                   and (actorish(ctx, c) or person(ctx, c))] \
                if lemma1(tok.head, lex) in sets["object_control_verbs"] else []
            if led:
                # "the fire led Ms. Palin to apologize", "the scandal forced the minister to
                # resign": the object of the verb above does the act
                return expand(led, ctx.led_words), []
        perfect = tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("have", "having") for c in tok.children)
        if tok.dep_ == "xcomp" and (tok.tag_ in ("VB", "VBG") or perfect) \
                and not any(c.dep_ == "auxpass" for c in tok.children):
            # ("the army is believed to have killed dozens": a perfect infinitive is active too)
            held = [c for c in tok.head.children if c.dep_ in PASS_SUBJ]
            if held:
                # "Kushner was seen speaking to McDonough", "he was forced to resign": who
                # undergoes the governing verb does the governed (active) act; "is believed to
                # have been injured" stays passive
                return expand(held, ctx.led_words), []
        return subjects(ctx, tok.head, depth + 1)
    return [], []


def targets(ctx: SentenceContext, t: Trigger, exclude: set[int]) -> list:
    """Target tokens of a trigger (not in ``exclude``: the source's tokens; nor, for a rule of
    force whose object is what is fired, that object: "launched dozens of drones at Ukraine")."""
    lex = ctx.lex
    if t.rule.theme_object and t.rule.event in ctx.sets["fired_object_events"]:
        exclude = exclude | set(t.consumed)
    preps = frozenset(t.rule.target_preps) | lex.event_target_preps(t.event)
    if t.rule.particle in ctx.sets["target_preps"] \
            and f"{t.rule.head} {t.rule.particle}" not in ctx.sets["matter_phrasal_verbs"]:
        # a phrasal verb's own preposition names whom the act is on: "called on the government
        # to resign", "sided with the rebels"
        preps |= {t.rule.particle}
    for inner in t.absorbed:
        if ordered_done(inner.token) and inner.token.head == t.token:
            # "the judge ordered nine politicians jailed": who is jailed
            s = [x for x in inner.token.children if x.dep_ in ("nsubj", "nsubjpass") and x.i not in exclude
                 and (actorish(ctx, x) or person(ctx, x))]
            if s:
                return expand(s, ctx.led_words)
    if t.event == "REQUEST":
        # "demanded that Kenya withdraw": the one asked is the subject of what is asked (an act
        # word or not: "demanded that French troops leave")
        asked = [x.token for x in t.absorbed] + [c for c in t.token.children if c.dep_ == "ccomp" and c.tag_.startswith("VB")]
        for inner in asked:
            if inner.dep_ in ("ccomp", "xcomp") and not any(c.dep_ in ("dobj", "dative")
                                                            for c in t.token.children):
                s, _ = subjects(ctx, inner)
                s = [x for x in s if x.i not in exclude and actorish(ctx, x)]
                if s:
                    return s
    if t.event == "REQUEST":
        # "reiterated its demand that the US ease sanctions", "renewed its call for Uganda to
        # withdraw": the one asked is the subject of the clause on the request noun
        nouns = [c for c in t.token.children if c.dep_ == "dobj"] + [x.token for x in t.absorbed if x.rule.pos == "noun"]
        for n in nouns:
            for c in n.children:
                if c.dep_ in ("acl", "ccomp", "advcl") and c.tag_.startswith("VB"):
                    s = [x for x in c.children if x.dep_ == "nsubj" and x.i not in exclude and actorish(ctx, x)]
                    if s:
                        return expand(s, ctx.led_words)
    out = targets_of(ctx, t.token, preps, exclude, theme=t.rule.theme_object, event=t.event,
                     act_nouns=t.rule.objects)
    if not out and gapped_object(ctx, t.token) and t.token.head.i not in exclude:
        out = expand([t.token.head], ctx.led_words)   # "six officials it accused of supplying drones"
    addressed = t.event == "REQUEST" and any(c.dep_ in ("dobj", "dative") for c in t.token.children)
    if not out and t.event in ctx.sets["victim_events"] and not t.rule.theme_object:
        # "an explosion at a bank killed a police officer": the person hit, before the place of
        # the event noun the trigger absorbed
        out = [c for c in t.token.children if c.dep_ == "dobj" and people(ctx, c) and c.i not in exclude]
    if not out and t.event not in ctx.sets["no_inner_target_events"] and not addressed:
        # (a plea to someone who is no actor has no target: "police asked anyone with
        # information to call the ATF" is not a request to the ATF)
        for inner in t.absorbed:
            if inner.token.i in exclude:
                continue   # "an Israeli air strike ... killed 12": the doer's own act noun names no target
            if inner.token.dep_ == "pobj" and inner.token.head.lower_ in ctx.sets["setting_preps"] \
                    and inner.token.head.head.i == t.token.i:
                continue   # "released 500 prisoners under a deal with the Vatican": the setting's party
            own = frozenset(inner.rule.target_preps)   # ("promised that Berlin would continue to stand by Ukraine")
            out = targets_of(ctx, inner.token, preps | lex.event_target_preps(inner.event) | own, exclude,
                             theme=inner.rule.theme_object, event=inner.event, act_nouns=inner.rule.objects)
            if not out and inner.rule.pos == "noun":
                # "ordered the release of the opposition leader": whom the named act falls on
                out = [g for g in of_objects(inner.token) if g.i not in exclude and actorish(ctx, g)]
            if not out:
                s, _ = subjects(ctx, inner.token)
                if inner.rule.pos == "noun":
                    out = [x for x in s if x.i not in exclude]
            if out:
                break
    if not out and t.event == "THREATEN" and not t.absorbed:
        # "vowed to retaliate against Saudi Arabia": whom the hostile aim is against
        for c in t.token.children:
            if c.dep_ == "xcomp":
                out = targets_of(ctx, c, preps | lex.event_target_preps("ASSAULT"), exclude)
                break
    if not out and t.event in ("AGREE", "REJECT") and t.rule.pos == "verb":
        # "agreed to provide Sri Lanka with the technology", "refused to meet the envoy": the
        # actor the promised or refused act is done to (an act that is no trigger of its own)
        for c in t.token.children:
            if c.dep_ == "xcomp" and c.tag_.startswith("VB") and not any(x.token == c for x in t.absorbed):
                out = [x for x in targets_of(ctx, c, preps, exclude) if phrase_has_code(ctx, x)]
                break
    if not out and not any(c.dep_ in ("dobj", "dative") for c in t.token.children):
        # "police arrested and charged Sharron Smith": coordinated verbs share the object the
        # parser hangs on the last one
        doc = t.token.doc
        for c in t.token.children:
            # only verbs joined directly ("shot and killed", "beat and reportedly stabbed"), not
            # "returned Thursday evening, gunned down two women"
            if c.dep_ == "conj" and c.tag_.startswith("VB") and c.i > t.token.i \
                    and all(doc[k].dep_ in ("cc", "advmod", "prt", "punct")
                        or (doc[k].dep_ == "prep" and doc[k].n_lefts + doc[k].n_rights == 0)
                        for k in range(t.token.i + 1, c.i)) \
                    and not any(g.dep_ in SUBJ | PASS_SUBJ for g in c.children):
                out = expand([g for g in c.children if g.dep_ == "dobj" and g.i not in exclude
                              and (actorish(ctx, g) or person(ctx, g))], ctx.led_words)
                break
    if not out and (t.event in ctx.sets["victim_events"] or lemma1(t.token, lex) in ctx.sets["victim_legal_verbs"]
                    or (t.rule.mode in ctx.sets["person_object_modes"]
                        and lemma1(t.token, lex) not in ctx.sets["reciprocal_words"])):
        # "the police killing of a teenager", "freed 37 prisoners", "dozens of prisoners were
        # freed by the rebels", "prosecutors charged three men": the person the act falls on
        # (the object of violence and arrests was tried above; their passive subject is
        # mentions.victims')
        if t.event not in ctx.sets["victim_events"]:
            out = [c for c in t.token.children if c.dep_ in ("dobj", *PASS_SUBJ) and people(ctx, c) and c.i not in exclude]
        if not out and is_noun(t.token):
            out = [g for c in t.token.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "against")
                   for g in c.children if g.dep_ == "pobj" and person(ctx, g) and g.i not in exclude]
    if not out and is_noun(t.token) and t.token.dep_ == "nsubj" and lemma1(t.token.head, lex) in ctx.sets["outbreak_verbs"]:
        # "clashes erupted between police and protesters", "protests continued against the
        # government": the sides named on the verb
        out = targets_of(ctx, t.token.head, frozenset({"between"} | ({"against"} & lex.event_target_preps(t.event))),
                         exclude)
    if not out:
        # "the anti-Trump rally", "anti-Putin protesters marched": whom the act is against
        holders = [t.token] + [c for c in t.token.children if c.dep_ in SUBJ]
        out = [m for h in holders for m in h.children if opposed(m) and m.i not in exclude and has_code(ctx, m)]
    if not out and t.event in ctx.sets["located_target_events"]:
        # "hit military positions in Saudi Arabia's Asir region": what the act falls on is a
        # thing, its place names the target's country
        hit = [c for c in t.token.children if c.dep_ == "dobj" and not actorish(ctx, c)]
        out = [p for c in hit for p in placed_in(ctx, c) if p.i not in exclude]
        if not out and any(lemma1(c, lex) in ctx.sets["civil_sites"] for c in hit):
            # "attacked a village in Niger", with the place parsed on the verb
            out = [p for p in placed_in(ctx, t.token) if p.i not in exclude]
    return out


def doer_of_clause(ctx: SentenceContext, tok) -> list:
    """The doer of an undergone act told by a clause of time of the same type: "30 people were
    killed when Russian missiles struck a shopping centre", "were detained as police raided the
    camp" (the clause's actor subject)."""
    own = match_rule(tok, ctx.lex)
    if own is None:
        return []
    for c in tok.children:
        if c.dep_ != "advcl" or not any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "after")
                                        for m in c.children):
            continue
        other = match_rule(c, ctx.lex)
        if other is not None and other[0].event == own[0].event:
            return [x for x in c.children if x.dep_ in SUBJ and actorish(ctx, x)]
    for c in tok.children:
        # "were killed in an Israeli air strike", "wounded during clashes with police": the doer
        # of the event noun the act happened in (its own doer, or whom it was fought with)
        if c.dep_ != "prep" or c.lower_ not in ("in", "during"):
            continue
        for g in c.children:
            other = match_rule(g, ctx.lex) if g.dep_ == "pobj" and is_noun(g) else None
            if other is None or other[0].event != own[0].event:
                continue
            doers = [x for x in subjects(ctx, g)[0] if actorish(ctx, x)]
            return doers or [x for p in g.children if p.dep_ == "prep" and p.lower_ == "with"
                             for x in p.children if x.dep_ == "pobj" and actorish(ctx, x)]
    return []


def targets_of(ctx: SentenceContext, tok, preps, exclude, theme: bool = False, event: str = "",
               act_nouns: frozenset = frozenset()) -> list:
    """Objects and prepositional objects (through ``preps``) of ``tok`` that can be targets.
    An object of the rule (``act_nouns``) that names an act of ``event`` itself has its owner as
    its doer, no target ("reiterated the Ethiopian government's support to the talks")."""
    direct, prepositional = [], []
    for c in tok.children:
        if c.dep_ == "dative" and c.tag_ == "IN":
            # "sent aid to Syria" parsed with "to" as the dative
            prepositional.extend(g for g in c.children if g.dep_ == "pobj" and actorish(ctx, g))
        elif c.dep_ in ("dobj", "dative", "attr", "iobj"):
            lm = lemma1(c, ctx.lex)
            launcher = [g for v in c.children if v.dep_ == "acl" and v.tag_ == "VBN"
                        for a in v.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"
                        and actorish(ctx, g)] \
                if not theme and (lm in ctx.sets["weapon_heads"] or lm in ctx.sets["craft_heads"]) else []
            if launcher:
                direct.extend(launcher)   # "shot down three drones launched by the Houthis": the Houthis
            elif actorish(ctx, c) and not (theme and c.dep_ == "dobj" and not recipient(ctx, c)):
                direct.append(c)
            else:
                own_act = c.dep_ == "dobj" and lm in act_nouns and lm not in ctx.sets["authored_nouns"] \
                    and any(r.event == event for r in ctx.lex.noun_rules.get(lm, ()))
                found = prep_objects(ctx, c, preps, owner=not own_act, deep=event == "ACCUSE")
                if not found and c.dep_ == "dobj" and not own_act and (
                        lm in ctx.sets["money_nouns"] or lm in ctx.sets["currencies"] or any(x.tag_ == "$" for x in c.children)):
                    # "pledged 50 billion euros in support for Ukraine": what a sum is given as
                    # names whom it is for
                    found = [x for p in c.children if p.dep_ == "prep" and p.lower_ == "in"
                             for g in p.children if g.dep_ == "pobj" for x in prep_objects(ctx, g, preps)]
                if not found and not theme and c.dep_ == "dobj" and owned(ctx, c) and not own_act:
                    found = [c]
                if not found and not theme and c.dep_ == "dobj" and not own_act:
                    found = possessor(ctx, c)   # "stormed her residence": the person named above
                if not found and not theme and (c.tag_ in ("DT", "CD", "JJ") or lm in ctx.sets["measure_nouns"]):
                    # a part of what is owned: "repeal some of the president's reforms"; a series'
                    # acts: "launched a wave of drone attacks on Kyiv"
                    for x in of_objects(c):
                        found = prep_objects(ctx, x, preps) or (
                            [x] if owned(ctx, x) or person(ctx, x) or actorish(ctx, x) else [])   # "two of the guards"
                        if found:
                            break
                prepositional.extend(found)
        elif c.dep_ in ("prep", "prt") and c.lower_ in preps:
            if not any(g.dep_ in ("pobj", "pcomp") for g in c.children):
                # "fired tear gas at protesters marching on parliament", parsed as a clause of the
                # verb with the preposition left bare: the clause's subject after it
                prepositional.extend(x for g in tok.children if g.dep_ == "advcl" and g.tag_ == "VBG"
                                     for x in g.children if x.dep_ == "nsubj" and x.left_edge.i == c.i + 1
                                     and (actorish(ctx, x) or person(ctx, x)))
            for g in c.children:
                if g.dep_ == "pcomp" and g.tag_ == "VBG":
                    # ... or as a clause after "at": its subject is the object of the preposition
                    prepositional.extend(x for x in g.children if x.dep_ == "nsubj" and x.i < g.i
                                         and (actorish(ctx, x) or person(ctx, x)))
                if g.dep_ == "pobj":
                    if c.lower_ == "with" and (lemma1(g, ctx.lex) in ctx.sets["weapon_heads"]
                                               or lemma1(g, ctx.lex) in ctx.sets["craft_heads"]):
                        continue   # what it was done with: "targeted a destroyer with drones"
                    if actorish(ctx, g):
                        prepositional.append(g)
                    else:
                        found = prep_objects(ctx, g, preps)
                        prepositional.extend(found or ([g] if owned(ctx, g) else []) or possessor(ctx, g))
        elif c.dep_ == "xcomp" and not c.tag_.startswith("VB") and actorish(ctx, c):
            direct.append(c)
        elif bare_clause(c) and not theme:
            # "helped Kenya rebuild its railways": the bare infinitive's subject is helped
            direct.extend(x for x in c.children if x.dep_ == "nsubj" and tok.i < x.i < c.i
                          and (actorish(ctx, x) or person(ctx, x)))
        elif small_clause(c):
            # "took two transport officers hostage": the small clause's subject
            direct.extend(x for x in c.children if x.dep_ == "nsubj" and (actorish(ctx, x) or person(ctx, x)))
    if is_noun(tok):
        prepositional.extend(prep_objects(ctx, tok, preps))
    out = [x for x in expand(direct + prepositional, ctx.led_words) if x.i not in exclude]
    return out[:4]
