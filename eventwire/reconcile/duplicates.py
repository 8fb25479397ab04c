"""Near-duplicate articles: syndicated copies and re-posts of the same text.

Each article's cleaned text is cut into word shingles (:attr:`DedupSettings.shingle`
words, lower case) and summarised by a MinHash signature (``datasketch``).  Articles are
visited in the stories' order (publication date, then doc id); an article whose
signature an LSH index finds among the originals seen so far, with an estimated Jaccard
similarity of at least :attr:`DedupSettings.threshold`, is a ``duplicate_of`` that original (the earliest one); otherwise
it becomes an original itself.  Only originals are indexed, so thousands of copies cost
one query each.  Articles with fewer than :attr:`DedupSettings.min_words` words are never
called duplicates (short texts share shingles by chance).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np
from datasketch import MinHash, MinHashLSH
from sklearn.feature_extraction import FeatureHasher

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DedupSettings:
    """Settings of near-duplicate detection."""

    threshold: float = 0.8       # estimated Jaccard similarity of shingle sets
    num_perm: int = 128
    shingle: int = 5             # words per shingle
    min_words: int = 30
    max_words: int = 2000        # words of an article read


def shingles(text: str, k: int, max_words: int) -> list[str]:
    """The distinct ``k``-word shingles of ``text``, sorted."""
    toks = [t.lower() for t in _TOKEN.findall(text or "")[:max_words]]
    if len(toks) < k:
        return [" ".join(toks)] if toks else []
    return sorted({" ".join(toks[i:i + k]) for i in range(len(toks) - k + 1)})


#: shingles are hashed (MurmurHash3, scikit-learn's FeatureHasher, in C) into this space
_HASH_SPACE = (1 << 31) - 1
_HASHER = FeatureHasher(n_features=_HASH_SPACE, input_type="string", alternate_sign=False)
_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(1)
    a = gen.randint(1, int(_PRIME), num_perm, dtype=np.uint64)
    b = gen.randint(0, int(_PRIME), num_perm, dtype=np.uint64)
    return a, b


def minhash(hashvalues: np.ndarray) -> MinHash:
    """A datasketch MinHash holding ``hashvalues`` (datasketch's "legacy" universal hashing)."""
    try:
        return MinHash(num_perm=len(hashvalues), hashvalues=hashvalues, scheme="legacy")
    except TypeError:  # datasketch < 2 has no schemes
        return MinHash(num_perm=len(hashvalues), hashvalues=hashvalues)


def signature(shingle_set: list[str], num_perm: int) -> MinHash:
    """The MinHash of a shingle set: MurmurHash3 of each shingle, then ``num_perm`` universal
    hash permutations ((a x + b) mod 2^61-1, the lower 32 bits), computed with NumPy."""
    values = np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    if shingle_set:
        hv = np.unique(_HASHER.transform([shingle_set]).indices).astype(np.uint64)
        a, b = _permutations(num_perm)
        with np.errstate(over="ignore"):
            phv = np.bitwise_and((np.outer(hv, a) + b) % _PRIME, _MAX_HASH)
        values = np.minimum(values, phv.min(axis=0))
    return minhash(values)


@dataclass
class DedupState:
    """The originals seen so far (their signatures), and every article's original."""

    settings: DedupSettings = DedupSettings()
    duplicate_of: dict[str, Optional[str]] = field(default_factory=dict)
    originals: list[str] = field(default_factory=list)
    signatures: list[np.ndarray] = field(default_factory=list)
    lsh: Optional[MinHashLSH] = None
    rank: dict[str, int] = field(default_factory=dict)   # original -> its visiting rank

    def __post_init__(self) -> None:
        self.rank = {d: i for i, d in enumerate(self.originals)}
        if self.lsh is None:
            self.lsh = MinHashLSH(threshold=_lsh_threshold(self.settings), num_perm=self.settings.num_perm)
            for doc_id, sig in zip(self.originals, self.signatures):
                self.lsh.insert(doc_id, minhash(sig))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / ".dedup_state.tmp.npz"
        sigs = np.stack(self.signatures) if self.signatures else np.zeros((0, self.settings.num_perm), np.uint64)
        ids = sorted(self.duplicate_of)
        np.savez_compressed(tmp, originals=np.array(self.originals, dtype=object), signatures=sigs,
                            ids=np.array(ids, dtype=object),
                            dup=np.array([self.duplicate_of[i] or "" for i in ids], dtype=object))
        tmp.replace(folder / "dedup_state.npz")

    @classmethod
    def load(cls, folder: Path, settings: DedupSettings) -> Optional[DedupState]:
        try:
            z = np.load(folder / "dedup_state.npz", allow_pickle=True)
            sigs = z["signatures"]
            if sigs.shape[1] != settings.num_perm:
                return None
            dup = {str(i): (str(d) or None) for i, d in zip(z["ids"], z["dup"])}
            return cls(settings, dup, [str(o) for o in z["originals"]], list(sigs))
        except (OSError, ValueError, KeyError, IndexError):
            return None


def _lsh_threshold(settings: DedupSettings) -> float:
    """The LSH index looks for candidates well below the threshold (few misses); the
    signatures' estimated similarity then decides."""
    return max(0.3, settings.threshold - 0.3)


def _jaccard(mh: MinHash, signature: np.ndarray) -> float:
    return float(np.count_nonzero(mh.hashvalues == signature)) / len(signature)


def find_duplicates(docs: Iterable[tuple[str, str]], state: Optional[DedupState] = None,
                    settings: DedupSettings = DedupSettings()) -> DedupState:
    """Mark near-duplicates among ``docs`` (``(doc_id, text)`` pairs in visiting order).

    Articles already in ``state`` are left as they are; the others are compared with the
    originals of ``state`` and with each other.
    """
    state = state if state is not None else DedupState(settings)
    st = state.settings
    for doc_id, text in docs:
        if doc_id in state.duplicate_of:
            continue
        sh = shingles(text, st.shingle, st.max_words)
        if len(sh) + st.shingle - 1 < st.min_words:
            state.duplicate_of[doc_id] = None
            continue
        mh = signature(sh, st.num_perm)
        hits = sorted((o for o in state.lsh.query(mh) if _jaccard(mh, state.signatures[state.rank[o]]) >= st.threshold),
                      key=lambda o: (state.rank[o], o))
        if hits:
            state.duplicate_of[doc_id] = hits[0]
            continue
        state.duplicate_of[doc_id] = None
        state.lsh.insert(doc_id, mh)
        state.rank[doc_id] = len(state.originals)
        state.originals.append(doc_id)
        state.signatures.append(mh.hashvalues.copy())
    return state
