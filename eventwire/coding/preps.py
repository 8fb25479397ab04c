"""Actors named after the prepositions of a word (its targets' places in the parse): "sent aid to
Syria", "accepted the demands by protesters", "voiced alarm over NATO's expansion" (used by the
roles, :mod:`eventwire.coding.roles`)."""
from __future__ import annotations

from .context import SentenceContext
from .participants import actorish, included, owned
from .syntax import lemma1, of_objects


def prep_objects(ctx: SentenceContext, tok, preps, owner: bool = True, deep: bool = False) -> list:
    """Actors after ``preps`` on ``tok`` (and its own owner); ``deep``: also the owner of a thing
    after them (its possessor, or who its "of"-phrase names)."""
    out = []
    if lemma1(tok, ctx.lex) in ctx.sets["authored_nouns"]:
        # "accepted the demands by protesters", "conceded to the demands of the truck drivers":
        # the author of what is answered
        preps = preps | {"by", "of", "from"}
    if deep and "by" not in preps:
        # "condemned the killing of a journalist by Israeli forces": whose act it is, alone
        agents = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                  for g in c.children if g.dep_ == "pobj" and actorish(ctx, g)]
        if agents:
            return agents
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                if actorish(ctx, g):
                    out.append(g)
                elif deep:
                    # "voiced alarm over NATO's expansion", "concern over the deployment of US
                    # missiles": whose act the thing is
                    # (the people a death or an arrest befell are whom an inquiry is into, not
                    # whom concern over it is about: "raised concerns over the deaths of Bangladeshi
                    # nationals" blames no Bangladeshi)
                    by = [x for p in g.children if p.dep_ == "prep" and p.lower_ == "by"
                          for x in p.children if x.dep_ == "pobj" and actorish(ctx, x)]   # "... by Libya"
                    befell = lemma1(g, ctx.lex) in ctx.sets["suffering_nouns"] and lemma1(tok, ctx.lex) not in ctx.lex.authority_acts
                    if by or befell:
                        out.extend(by)
                    else:
                        ofs = of_objects(g)
                        out.extend([p for p in g.children if p.dep_ == "poss" and actorish(ctx, p)
                                    and p.lower_ not in ctx.sets["pronouns"]]
                                   or [x for x in ofs if actorish(ctx, x)] or [x for x in ofs if owned(ctx, x)])
                for x in [g, *g.conjuncts]:
                    out.extend(included(ctx, x))
        elif owner and c.dep_ == "poss" and actorish(ctx, c) and c.lower_ not in ctx.sets["pronouns"]:
            out.append(c)
    return out
