"""Near-duplicate articles: syndicated copies and re-posts of the same text.

Each article's cleaned text is cut into word shingles (:attr:`DedupSettings.shingle`
words, lower case) and summarised by a MinHash signature (``datasketch``).  Articles are
visited in file order; an article whose
signature an LSH index finds among the originals seen so far, with an estimated Jaccard
similarity of at least :attr:`DedupSettings.threshold`, is a ``duplicate_of`` that original (the earliest one); otherwise
it becomes an original itself.  Only originals are indexed, so thousands of copies cost
one query each, and a dated original leaves the index once an article dated more than
:attr:`DedupSettings.window_days` after it has been visited (a copy is posted within days,
not months): for a folder written roughly in time order, as a crawl is, the index holds
the originals of a time window, not of the whole corpus.  Articles with fewer than :attr:`DedupSettings.min_words` words are never
called duplicates (short texts share shingles by chance).
"""
from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
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
    window_days: int = 30        # an original takes copies dated up to this many days later (0: forever)


def shingles(text: str, k: int, max_words: int) -> list[str]:
    """The distinct ``k``-word shingles of ``text``, sorted."""
    toks = [t.lower() for t in _TOKEN.findall(text or "")[:max_words]]
    if len(toks) < k:
        return [" ".join(toks)] if toks else []
    return sorted({" ".join(toks[i:i + k]) for i in range(len(toks) - k + 1)})


#: shingles are hashed (MurmurHash3, scikit-learn's FeatureHasher, in C) into this space
_HASH_SPACE = (1 << 31) - 1
_HASHER = FeatureHasher(n_features=_HASH_SPACE, input_type="string", alternate_sign=False)
_UNDATED = int(np.iinfo(np.int64).min)
_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(1)
    a = gen.randint(1, int(_PRIME), num_perm, dtype=np.uint64)
    b = gen.randint(0, int(_PRIME), num_perm, dtype=np.uint64)
    return a, b


@lru_cache(maxsize=4)
def _legacy_permutations(num_perm: int) -> Optional[np.ndarray]:
    """datasketch's own permutation parameters for ``num_perm`` (legacy scheme), built once:
    a MinHash builds them anew on every construction unless they are passed in."""
    try:
        return MinHash(num_perm=num_perm, scheme="legacy").permutations
    except TypeError:  # datasketch < 2 has no schemes
        return None


def minhash(hashvalues: np.ndarray) -> MinHash:
    """A datasketch MinHash holding ``hashvalues`` (datasketch's "legacy" universal hashing)."""
    perms = _legacy_permutations(len(hashvalues))
    if perms is None:  # datasketch < 2
        return MinHash(num_perm=len(hashvalues), hashvalues=hashvalues)
    return MinHash(num_perm=len(hashvalues), hashvalues=hashvalues, permutations=perms, scheme="legacy")


def signature(shingle_set: list[str], num_perm: int) -> MinHash:
    """The MinHash of a shingle set: MurmurHash3 of each shingle, then ``num_perm`` universal
    hash permutations ((a x + b) mod 2^61-1, the lower 32 bits), computed with NumPy."""
    return minhash(signature_values([shingle_set], num_perm)[0])


def signature_values(shingle_sets: Sequence[list[str]], num_perm: int) -> list[np.ndarray]:
    """The MinHash values of several shingle sets (as :func:`signature`; the shingles of all
    of them hashed in one call)."""
    out = [np.full(num_perm, _MAX_HASH, dtype=np.uint64) for _ in shingle_sets]
    if not any(shingle_sets):
        return out
    hashed = _HASHER.transform(shingle_sets)
    a, b = _permutations(num_perm)
    with np.errstate(over="ignore"):
        for i in range(len(shingle_sets)):
            row = hashed.indices[hashed.indptr[i]:hashed.indptr[i + 1]]
            if len(row):
                hv = np.unique(row).astype(np.uint64)
                phv = np.bitwise_and((np.outer(hv, a) + b) % _PRIME, _MAX_HASH)
                out[i] = np.minimum(out[i], phv.min(axis=0))
    return out


def sketch(texts: Sequence[str], settings: DedupSettings) -> list[Optional[np.ndarray]]:
    """The MinHash values of each text for :func:`visit`, or None for a text too short to be
    called a duplicate (fewer than :attr:`DedupSettings.min_words` words)."""
    sets = [shingles(t, settings.shingle, settings.max_words) for t in texts]
    long_enough = [i for i, sh in enumerate(sets) if len(sh) + settings.shingle - 1 >= settings.min_words]
    out: list[Optional[np.ndarray]] = [None] * len(texts)
    for i, values in zip(long_enough, signature_values([sets[i] for i in long_enough], settings.num_perm)):
        out[i] = values
    return out


@dataclass
class DedupState:
    """The originals still open for copies (their signatures), and every article's original.

    A dated original is dropped from the index once an article dated more than
    :attr:`DedupSettings.window_days` after it has been visited; undated originals stay.
    """

    settings: DedupSettings = DedupSettings()
    duplicate_of: dict[str, Optional[str]] = field(default_factory=dict)
    originals: list[str] = field(default_factory=list)          # the open originals, in visiting order
    signatures: list[np.ndarray] = field(default_factory=list)  # ... their MinHash values
    days: list[Optional[int]] = field(default_factory=list)     # ... their days (None: undated)
    lsh: Optional[MinHashLSH] = None
    rank: dict[str, int] = field(default_factory=dict)   # open original -> its visiting rank
    next_rank: int = 0
    latest: int = -(1 << 62)      # the latest day visited
    live: dict[str, tuple[np.ndarray, Optional[int]]] = field(default_factory=dict)  # signature, day
    expiry: list[tuple[int, int, str]] = field(default_factory=list)   # heap of (day, rank, doc) of dated originals

    def __post_init__(self) -> None:
        days = self.days or [None] * len(self.originals)
        self.rank = {d: i for i, d in enumerate(self.originals)}
        self.next_rank = max(self.next_rank, len(self.originals))
        self.live = {d: (sig, day) for d, sig, day in zip(self.originals, self.signatures, days)}
        self.expiry = sorted((day, self.rank[d], d) for d, day in zip(self.originals, days) if day is not None)
        self.originals, self.signatures, self.days = [], [], []    # the open dict holds them from here on
        if self.lsh is None:
            self.lsh = MinHashLSH(threshold=_lsh_threshold(self.settings), num_perm=self.settings.num_perm)
            for doc_id, (sig, _) in self.live.items():
                self.lsh.insert(doc_id, minhash(sig))

    def add(self, doc_id: str, mh: MinHash, day: Optional[int]) -> None:
        """Index a new original."""
        self.lsh.insert(doc_id, mh)
        self.rank[doc_id] = self.next_rank
        self.next_rank += 1
        self.live[doc_id] = (mh.hashvalues.copy(), day)
        if day is not None:
            heapq.heappush(self.expiry, (day, self.rank[doc_id], doc_id))

    def close_before(self, day: int) -> None:
        """Drop the dated originals older than ``day - window_days`` from the index."""
        if self.settings.window_days <= 0:
            return
        cutoff = day - self.settings.window_days
        while self.expiry and self.expiry[0][0] < cutoff:
            _, _, doc_id = heapq.heappop(self.expiry)
            self.lsh.remove(doc_id)
            del self.live[doc_id]
            del self.rank[doc_id]

    def open_originals(self) -> list[str]:
        """The open originals in visiting order."""
        return sorted(self.live, key=lambda d: self.rank[d])

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / ".dedup_state.tmp.npz"
        live = self.open_originals()
        sigs = np.stack([self.live[d][0] for d in live]) if live else np.zeros((0, self.settings.num_perm), np.uint64)
        ids = sorted(self.duplicate_of)
        np.savez_compressed(tmp, originals=np.array(live, dtype=object), signatures=sigs,
                            days=np.array([_UNDATED if self.live[d][1] is None else self.live[d][1] for d in live],
                                          dtype=np.int64),
                            ranks=np.array([self.rank[d] for d in live], dtype=np.int64),
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
            days = [None if int(x) == _UNDATED else int(x) for x in z["days"]]
            ranks = [int(x) for x in z["ranks"]]
            state = cls(settings, dup, [str(o) for o in z["originals"]], list(sigs), days,
                        next_rank=max(ranks, default=-1) + 1)
            state.rank = {str(o): r for o, r in zip(z["originals"], ranks)}
            state.expiry = sorted((e[0], state.rank[e[2]], e[2]) for e in state.expiry)
            return state
        except (OSError, ValueError, KeyError, IndexError):
            return None


def _lsh_threshold(settings: DedupSettings) -> float:
    """The LSH index looks for candidates well below the threshold (few misses); the
    signatures' estimated similarity then decides."""
    return max(0.3, settings.threshold - 0.3)


def _jaccard(mh: MinHash, signature: np.ndarray) -> float:
    return float(np.count_nonzero(mh.hashvalues == signature)) / len(signature)


def visit(state: DedupState, doc_id: str, values: Optional[np.ndarray], day: Optional[int] = None) -> Optional[str]:
    """Compare one article (visiting order: by day, undated last) with the open originals of
    ``state`` and record it; return the original it copies, or None.  ``values`` are its
    MinHash values from :func:`sketch` (None: too short to be a duplicate).  An article
    already in ``state`` keeps what it was."""
    st = state.settings
    if doc_id in state.duplicate_of:
        return state.duplicate_of[doc_id]
    if day is not None and day > state.latest:
        state.latest = day
        state.close_before(day)
    if values is None:
        state.duplicate_of[doc_id] = None
        return None
    mh = minhash(values)
    hits = sorted((o for o in state.lsh.query(mh) if _jaccard(mh, state.live[o][0]) >= st.threshold),
                  key=lambda o: (state.rank[o], o))
    if hits:
        state.duplicate_of[doc_id] = hits[0]
        return hits[0]
    state.duplicate_of[doc_id] = None
    state.add(doc_id, mh, day)
    return None


def find_duplicates(docs: Iterable[tuple], state: Optional[DedupState] = None,
                    settings: DedupSettings = DedupSettings(), *, chunk: int = 64) -> DedupState:
    """Mark near-duplicates among ``docs`` (``(doc_id, text)`` or ``(doc_id, text, day)``
    tuples in visiting order: by day, undated last), one :func:`visit` each (their MinHash
    values computed ``chunk`` at a time).

    Articles already in ``state`` are left as they are; the others are compared with the
    open originals of ``state`` and with each other.
    """
    state = state if state is not None else DedupState(settings)
    items = iter(docs)
    while batch := list(islice(items, chunk)):
        for item, values in zip(batch, sketch([item[1] for item in batch], state.settings)):
            visit(state, item[0], values, item[2] if len(item) > 2 else None)
    return state
