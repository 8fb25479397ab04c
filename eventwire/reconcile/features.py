"""Article features for story clustering: hashed word counts and their IDF.

Each article becomes a bag of feature strings: the words of its cleaned text (lower case,
English stop words removed, numbers kept: "6.1", "2016"), its title's words again (a
headline names the story), words written with a capital inside a sentence once more
(names of people and places tell two look-alike stories apart), and the canonical actors
the coder resolved (``@PRK``, ``@USA:GOV``).  The bags are hashed with scikit-learn's
:class:`~sklearn.feature_extraction.FeatureHasher` into a fixed space, so that the
document frequencies of a folder are one integer array (persisted for ``--resume``) and
the weights do not depend on the order the articles are read in.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Optional

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.preprocessing import normalize

#: size of the hashed feature space (collisions are rare at this size for news vocabularies)
N_FEATURES = 1 << 20

_BREAK = re.compile(r"[.!?\n\"“]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|\d+(?:[.,]\d+)*")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "told", "according", "reported", "reports",
                                        "mr", "mrs", "ms", "new", "news", "year", "years", "people", "time",
                                        "just", "like", "including", "week", "day", "days", "monday",
                                        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_HASHER = FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)


@dataclass
class DocInput:
    """What the story clusterer knows about one coded article."""

    doc_id: str
    text: str = ""
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None          # ISO date (YYYY-MM-DD...) or None
    actors: list[str] = field(default_factory=list)  # canonical codes the coder resolved
    day: Optional[int] = None                # days since 1970-01-01, from ``published``


def words(text: str, *, max_words: int) -> tuple[list[str], list[str]]:
    """The content words of ``text`` (at most ``max_words`` tokens read) and its names: words
    written with a capital that do not start a sentence, and pairs of such adjacent words
    ("fred_larue")."""
    out: list[str] = []
    names: list[str] = []
    prev_name: Optional[str] = None
    prev_end = -2
    for m in islice(_WORD.finditer(text or ""), max_words):
        tok = m.group()
        low = tok.lower()
        if not tok[0].isupper():      # no capital (most words): neither a name nor part of one
            prev_name = None
            if len(low) > 1 and low not in _STOP:
                out.append(low)
            continue
        start, end = m.span()
        upper = tok.isupper()
        capital = not upper or 1 < len(tok) <= 5
        stop = low in _STOP
        if capital and not stop:
            if prev_name is not None and start - prev_end <= 1:
                names.append(f"{prev_name}_{low}")
            prev_name = low
        else:
            prev_name = None
        prev_end = end
        if stop or len(low) < 2:
            continue
        out.append(low)
        if capital and not (start == 0 or _BREAK.search(text, max(0, start - 3), start) is not None):
            names.append(low)
    return out, names


def bag(doc: DocInput, *, max_words: int = 400, title_weight: int = 2, name_weight: int = 1,
        actor_weight: int = 1) -> list[str]:
    """The feature strings of one article (repeated features count more)."""
    body, names = words(doc.text, max_words=max_words)
    title, _ = words(doc.title or "", max_words=60)
    feats = body + title * title_weight + names * name_weight
    feats += [f"@{a}" for a in sorted(set(doc.actors)) for _ in range(actor_weight)]
    return feats


def hashed_counts(bags: Iterable[Sequence[str]]) -> sparse.csr_matrix:
    """Count matrix (documents x :data:`N_FEATURES`) of feature bags."""
    return _HASHER.transform(bags).tocsr()


def document_frequency(counts: sparse.csr_matrix) -> np.ndarray:
    """How many documents hold each feature (int64, length :data:`N_FEATURES`)."""
    return np.bincount(counts.indices, minlength=N_FEATURES).astype(np.int64)


def idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Smoothed inverse document frequency, as scikit-learn's ``TfidfTransformer``."""
    return np.log((1.0 + n_docs) / (1.0 + df)) + 1.0


def tfidf(counts: sparse.csr_matrix, idf_vec: np.ndarray) -> sparse.csr_matrix:
    """Sublinear TF x IDF, rows L2-normalised."""
    x = counts.astype(np.float64, copy=True)
    x.data = 1.0 + np.log(x.data)
    x.data *= idf_vec[x.indices]
    return normalize(x, norm="l2", copy=False)
