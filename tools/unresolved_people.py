"""List the person names spaCy's NER finds in a corpus that the actor dictionary does not resolve.

A maintenance aid for ``eventwire/data/actors/people.tsv``: run it over news articles, read the
most frequent unresolved names, and add the public figures among them (with their country and
sector) to the dictionary.  Not part of the package; needs the spaCy model with its NER component
(the pipeline itself runs without it).

    PYTHONPATH=$PWD python tools/unresolved_people.py /path/news/*.jsonl /path/seeds/*.txt [--top 200]

Inputs: ``.jsonl`` files with a ``text`` field (and an optional ``title``), or plain ``.txt`` files.
Output (stdout, tab-separated): count, name, and what the dictionary gives for it now
(``-`` when nothing; ``name/country/sector`` when it resolves without a country, for example a
title with an unknown name).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from eventwire.nlp import MODEL_NAME
from eventwire.resolve.actors import default_dictionary


def _texts(path: Path):
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    yield "\n".join(t for t in (row.get("title"), row.get("text")) if t)
    else:
        yield path.read_text(encoding="utf-8", errors="replace")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--top", type=int, default=300, help="how many names to print")
    ap.add_argument("--all", action="store_true", help="also list names that resolve (with their code)")
    args = ap.parse_args(argv)

    import spacy

    nlp = spacy.load(MODEL_NAME, exclude=["lemmatizer"])
    dictionary = default_dictionary()
    counts: Counter[str] = Counter()
    texts = [t for p in args.paths for t in _texts(p)]
    for doc in nlp.pipe(texts, batch_size=32):
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                name = " ".join(ent.text.split()).strip(" '’\"")
                if name.endswith(("'s", "’s")):
                    name = name[:-2]
                if name:
                    counts[name] += 1
    shown = 0
    for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        actor = dictionary.resolve(name)
        resolved = actor is not None and actor.country is not None
        if resolved and not args.all:
            continue
        what = "-" if actor is None else f"{actor.name}/{actor.country}/{actor.sector}"
        print(f"{n}\t{name}\t{what}")
        shown += 1
        if shown >= args.top:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
