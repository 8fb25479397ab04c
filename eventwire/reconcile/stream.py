"""Story clustering in two streaming passes, with flat memory.

:func:`~eventwire.reconcile.stories.cluster_counts` needs the hashed feature counts of
every new article at once (a sparse matrix that grows with the corpus, and its TF-IDF
copy).  :func:`cluster_streamed` gives the same stories without holding them:

1. **First pass** (file order): each article's bag of features is hashed; the counts are
   added to the document frequencies (one fixed-size array, :data:`N_FEATURES` integers)
   and appended to a spill file on disk.  In memory stay only, per article, its doc id,
   its day and the position of its row in the spill file (a few dozen bytes).
2. **Second pass** (publication order, then doc id): the rows are read back by position,
   one batch of :attr:`ClusterSettings.batch` articles at a time, weighted with the final
   IDF and clustered (:func:`~eventwire.reconcile.stories.cluster_batch`).

The order, the batches and the arithmetic are those of ``cluster_counts``, so the stories
are identical; the spill file is deleted afterwards.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Optional

import numpy as np
from scipy import sparse

from eventwire.reconcile.features import (
    N_FEATURES,
    DocInput,
    bag,
    document_frequency,
    hashed_counts,
    idf,
    tfidf,
)
from eventwire.reconcile.stories import ClusterSettings, StoryState, cluster_batch, merge_stories

SPILL_FILE = "features.spill"
_NO_DAY = np.iinfo(np.int64).max      # undated articles sort last


def cluster_streamed(docs: Iterable[DocInput], work_dir: Path, settings: ClusterSettings = ClusterSettings(),
                     state: Optional[StoryState] = None, *, chunk: int = 256) -> StoryState:
    """:func:`~eventwire.reconcile.stories.cluster` without the corpus's feature matrix in memory.

    ``work_dir`` receives a temporary spill file of hashed feature counts (removed on return).
    """
    state = state if state is not None else StoryState()
    work_dir.mkdir(parents=True, exist_ok=True)
    spill = work_dir / SPILL_FILE
    try:
        ids, days, pos, nnz, df = _first_pass((d for d in docs if d.doc_id not in state.assignment),
                                              spill, settings, chunk)
        if not ids:
            return state
        state.df = state.df + df
        del df
        state.n_docs += len(ids)
        idf_vec = idf(state.df, state.n_docs)
        order = np.array(sorted(range(len(ids)), key=lambda i: (days[i], ids[i])), dtype=np.int64)
        n_before = len(state.stories)
        with open(spill, "rb") as fh:
            for start in range(0, len(order), settings.batch):
                sel = order[start:start + settings.batch]
                xb = tfidf(_read_rows(fh, pos[sel], nnz[sel]), idf_vec)
                cluster_batch(state, [ids[i] for i in sel],
                              [None if days[i] == _NO_DAY else int(days[i]) for i in sel], xb, settings)
        if settings.merge_threshold > 0:
            merge_stories(state, settings, touched_from=n_before)
        return state
    finally:
        spill.unlink(missing_ok=True)


def _first_pass(docs: Iterable[DocInput], spill: Path, settings: ClusterSettings,
                chunk: int) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Hash every article into ``spill``; return (ids, days, row positions, row sizes, df)."""
    ids: list[str] = []
    days: list[int] = []
    pos: list[np.ndarray] = []
    nnz: list[np.ndarray] = []
    df = np.zeros(N_FEATURES, dtype=np.int64)
    offset = 0
    bags: list[list[str]] = []

    def flush() -> None:
        nonlocal offset, df
        counts = hashed_counts(bags)
        df += document_frequency(counts)
        sizes = np.diff(counts.indptr).astype(np.int64)
        # one row = its int32 column indices, then its float64 counts
        rows = np.empty(counts.nnz * 12, dtype=np.uint8)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]) if len(sizes) else sizes
        for s, n in zip(starts.tolist(), sizes.tolist()):
            rows[12 * s:12 * s + 4 * n] = np.frombuffer(counts.indices[s:s + n].astype(np.int32).tobytes(), np.uint8)
            rows[12 * s + 4 * n:12 * (s + n)] = np.frombuffer(counts.data[s:s + n].astype(np.float64).tobytes(),
                                                              np.uint8)
        fh.write(rows.tobytes())
        pos.append(offset + 12 * starts)
        nnz.append(sizes)
        offset += rows.size
        bags.clear()

    with open(spill, "wb") as fh:
        for d in docs:
            ids.append(d.doc_id)
            days.append(_NO_DAY if d.day is None else d.day)
            bags.append(bag(d, max_words=settings.max_words, title_weight=settings.title_weight,
                            name_weight=settings.name_weight, actor_weight=settings.actor_weight))
            if len(bags) >= chunk:
                flush()
        if bags:
            flush()
    return ids, np.array(days, dtype=np.int64), _concat(pos), _concat(nnz), df


def _concat(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _read_rows(fh, pos: np.ndarray, nnz: np.ndarray) -> sparse.csr_matrix:
    """The spilled rows at ``pos`` (``nnz`` entries each) as one CSR matrix, in that order."""
    indices, data = [], []
    for p, n in zip(pos.tolist(), nnz.tolist()):
        fh.seek(p)
        raw = fh.read(12 * n)
        indices.append(np.frombuffer(raw, dtype=np.int32, count=n))
        data.append(np.frombuffer(raw, dtype=np.float64, count=n, offset=4 * n))
    indptr = np.concatenate([[0], np.cumsum(nnz)]).astype(np.int64)
    ind = np.concatenate(indices) if indices else np.zeros(0, dtype=np.int32)
    dat = np.concatenate(data) if data else np.zeros(0)
    return sparse.csr_matrix((dat, ind, indptr), shape=(len(nnz), N_FEATURES))
