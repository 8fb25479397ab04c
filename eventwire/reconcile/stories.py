"""Story clustering: an online, single-pass centroid clusterer over TF-IDF vectors.

Articles are visited in publication order (then by doc id; articles without a date come
last, clustered on content alone) in small batches.  Each article joins the story whose
centroid (the sum of its members' unit vectors) is most similar by cosine, when that
similarity reaches :attr:`ClusterSettings.threshold` and the story is active in time
(its last article at most :attr:`ClusterSettings.window_days` before this one); otherwise
it starts a new story.  Candidate retrieval is a sparse product of the batch with the
centroids of the stories active in the time window, so the cost grows with the number of
active stories, never with all pairs of a corpus.  Centroids are pruned to their
:attr:`ClusterSettings.centroid_terms` heaviest terms, so memory is bounded per story.

The whole state (document frequencies, centroids, story time spans) is a
:class:`StoryState`, saved with :meth:`StoryState.save` so that a later run adds
articles to the existing stories without recomputing them.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class ClusterSettings:
    """Settings of the story clusterer (see the module docstring)."""

    threshold: float = 0.25            # min similarity(article, story centroid) to join a story
    window_days: int = 10              # a story is active this many days after its last article
    batch: int = 64                    # articles scored against the centroids at once
    centroid_terms: int = 400          # terms kept per centroid
    max_words: int = 400               # words of an article's text read
    title_weight: int = 2
    name_weight: int = 1
    actor_weight: int = 1
    linkage: str = "average"           # "average": mean similarity to the members; "centroid": cosine
    merge_threshold: float = 0.15      # stories whose average similarity reaches this merge (0: off)
    merge_block: int = 1500            # stories compared at once when merging (sorted by time)
    time_weight: float = 0.02          # similarity lost per day between an article and a story's mean date ...
    time_grace: float = 1.0            # ... beyond this many days
    undated_margin: float = 0.1        # extra similarity an undated article (story) needs to join a dated one


def story_id_for(doc_id: str) -> str:
    """A story's id, derived from its first member's doc id (stable for the same input)."""
    return "st-" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:16]


@dataclass
class Story:
    """One story's clustering state."""

    story_id: str
    n: int = 0
    first_day: Optional[int] = None
    last_day: Optional[int] = None
    centroid: sparse.csr_matrix = field(default_factory=lambda: sparse.csr_matrix((1, N_FEATURES)))
    norm: float = 0.0
    day_sum: float = 0.0                # sum of the dated members' days (their mean is the story's centre)
    n_dated: int = 0

    def add_days(self, day: Optional[int], count: int = 1, day_sum: Optional[float] = None) -> None:
        if day is None:
            return
        self.n_dated += count
        self.day_sum += day * count if day_sum is None else day_sum
        self.first_day = day if self.first_day is None else min(self.first_day, day)
        self.last_day = day if self.last_day is None else max(self.last_day, day)


@dataclass
class StoryState:
    """Everything the clusterer needs to continue later (``--resume``)."""

    df: np.ndarray = field(default_factory=lambda: np.zeros(N_FEATURES, dtype=np.int64))
    n_docs: int = 0
    stories: list[Story] = field(default_factory=list)
    assignment: dict[str, str] = field(default_factory=dict)   # doc_id -> story_id

    # ----------------------------------------------------------------- persistence
    def save(self, folder: Path) -> None:
        """Write the state to ``folder`` (``stories_state.npz`` + ``stories_state.json``)."""
        folder.mkdir(parents=True, exist_ok=True)
        rows = sparse.vstack([s.centroid for s in self.stories]).tocsr() if self.stories else \
            sparse.csr_matrix((0, N_FEATURES))
        nz = np.flatnonzero(self.df)
        tmp = folder / ".stories_state.tmp.npz"
        np.savez_compressed(tmp, df_idx=nz, df_val=self.df[nz], c_data=rows.data, c_indices=rows.indices,
                            c_indptr=rows.indptr)
        tmp.replace(folder / "stories_state.npz")
        meta = {"n_docs": self.n_docs,
                "stories": [[s.story_id, s.n, s.first_day, s.last_day, s.norm, s.day_sum, s.n_dated]
                            for s in self.stories],
                "assignment": dict(sorted(self.assignment.items()))}
        tmpj = folder / ".stories_state.tmp.json"
        tmpj.write_text(json.dumps(meta, separators=(",", ":")), encoding="utf-8")
        tmpj.replace(folder / "stories_state.json")

    @classmethod
    def load(cls, folder: Path) -> Optional[StoryState]:
        """The state saved in ``folder``, or None when there is none (or it is unreadable)."""
        try:
            meta = json.loads((folder / "stories_state.json").read_text(encoding="utf-8"))
            z = np.load(folder / "stories_state.npz")
            df = np.zeros(N_FEATURES, dtype=np.int64)
            df[z["df_idx"]] = z["df_val"]
            rows = sparse.csr_matrix((z["c_data"], z["c_indices"], z["c_indptr"]),
                                     shape=(len(meta["stories"]), N_FEATURES))
        except (OSError, ValueError, KeyError):
            return None
        stories = [Story(sid, n, fd, ld, rows[i], norm, ds, nd)
                   for i, (sid, n, fd, ld, norm, ds, nd) in enumerate(meta["stories"])]
        return cls(df=df, n_docs=int(meta["n_docs"]), stories=stories, assignment=dict(meta["assignment"]))


def featurize(docs: Iterable[DocInput], settings: ClusterSettings = ClusterSettings(), *,
              chunk: int = 2000) -> tuple[list[str], list[Optional[int]], sparse.csr_matrix]:
    """Stream ``docs`` into (doc ids, days, hashed feature counts); texts are not kept."""
    ids: list[str] = []
    days: list[Optional[int]] = []
    parts: list[sparse.csr_matrix] = []
    bags: list[list[str]] = []
    for d in docs:
        ids.append(d.doc_id)
        days.append(d.day)
        bags.append(bag(d, max_words=settings.max_words, title_weight=settings.title_weight,
                        name_weight=settings.name_weight, actor_weight=settings.actor_weight))
        if len(bags) >= chunk:
            parts.append(hashed_counts(bags))
            bags = []
    if bags or not parts:
        parts.append(hashed_counts(bags) if bags else sparse.csr_matrix((0, N_FEATURES)))
    return ids, days, sparse.vstack(parts).tocsr()


def cluster(docs: Iterable[DocInput], settings: ClusterSettings = ClusterSettings(),
            state: Optional[StoryState] = None) -> StoryState:
    """Assign every article of ``docs`` not yet in ``state`` to a story; return the state.

    With ``state=None`` the clustering starts from nothing; otherwise the document
    frequencies are updated with the new articles and they join the existing stories or
    start new ones.
    """
    state = state if state is not None else StoryState()
    ids, days, counts = featurize((d for d in docs if d.doc_id not in state.assignment), settings)
    return cluster_counts(ids, days, counts, settings, state)


def cluster_counts(ids: Sequence[str], days: Sequence[Optional[int]], counts: sparse.csr_matrix,
                   settings: ClusterSettings, state: StoryState) -> StoryState:
    """:func:`cluster` on features already hashed by :func:`featurize`."""
    keep = [i for i, d in enumerate(ids) if d not in state.assignment]
    keep = sorted(keep, key=lambda i: (days[i] is None, days[i] if days[i] is not None else 0, ids[i]))
    if not keep:
        return state
    counts = counts[keep]
    state.df = state.df + document_frequency(counts)
    state.n_docs += len(keep)
    x = tfidf(counts, idf(state.df, state.n_docs))
    n_before = len(state.stories)
    for start in range(0, len(keep), settings.batch):
        sel = keep[start:start + settings.batch]
        cluster_batch(state, [ids[i] for i in sel], [days[i] for i in sel],
                       x[start:start + settings.batch], settings)
    if settings.merge_threshold > 0:
        merge_stories(state, settings, touched_from=n_before)
    return state


def merge_stories(state: StoryState, settings: ClusterSettings, *, touched_from: int = 0) -> int:
    """Average-link agglomeration of stories (the second stage of clustering).

    Stories are sorted by time and compared in overlapping blocks of
    :attr:`ClusterSettings.merge_block`; in a block the pair of time-compatible stories
    with the highest average article similarity (sum_A . sum_B / (n_A n_B)) is merged while
    it reaches :attr:`ClusterSettings.merge_threshold`.  A merged story keeps the id of the
    older one.  Only blocks holding a story at index >= ``touched_from`` are visited.
    Returns the number of merges.
    """
    alive = list(range(len(state.stories)))
    alive.sort(key=lambda k: (state.stories[k].first_day is None, state.stories[k].first_day or 0, k))
    block = max(2, settings.merge_block)
    step = max(1, block // 2)
    absorbed: dict[int, int] = {}
    for start in range(0, max(1, len(alive) - step), step):
        ks = [k for k in alive[start:start + block] if k not in absorbed]
        if len(ks) < 2 or max(ks) < touched_from:
            continue
        _merge_block(state, ks, settings, absorbed)
    if not absorbed:
        return 0

    def root(k: int) -> int:
        while k in absorbed:
            k = absorbed[k]
        return k

    rename = {state.stories[k].story_id: state.stories[root(k)].story_id for k in absorbed}
    state.assignment = {d: rename.get(s, s) for d, s in state.assignment.items()}
    state.stories = [st for k, st in enumerate(state.stories) if k not in absorbed]
    return len(absorbed)


def _merge_block(state: StoryState, ks: list[int], settings: ClusterSettings, absorbed: dict[int, int]) -> None:
    stories = [state.stories[k] for k in ks]
    cmat = sparse.vstack([s.centroid for s in stories]).tocsr()
    gram = (cmat @ cmat.T).toarray()
    n = np.array([float(s.n) for s in stories])
    first = np.array([s.first_day if s.first_day is not None else _NO_DAY for s in stories])
    last = np.array([s.last_day if s.last_day is not None else _NO_DAY for s in stories])
    dsum = np.array([s.day_sum for s in stories], dtype=float)
    ndated = np.array([float(s.n_dated) for s in stories])
    m = len(ks)
    alive = np.ones(m, dtype=bool)
    score = np.full((m, m), -1.0)
    for i in range(m):
        score[i] = _merge_row(i, gram, n, first, last, dsum, ndated, alive, settings)
    while True:
        flat = int(np.argmax(score))
        i, j = divmod(flat, m)
        if score[i, j] < settings.merge_threshold:
            break
        keep, drop = (i, j) if ks[i] < ks[j] else (j, i)
        gram[keep, :] += gram[drop, :]
        gram[:, keep] += gram[:, drop]
        n[keep] += n[drop]
        dsum[keep] += dsum[drop]
        ndated[keep] += ndated[drop]
        alive[drop] = False
        if first[drop] != _NO_DAY:
            first[keep] = first[drop] if first[keep] == _NO_DAY else min(first[keep], first[drop])
            last[keep] = last[drop] if last[keep] == _NO_DAY else max(last[keep], last[drop])
        score[drop, :] = -1.0
        score[:, drop] = -1.0
        row = _merge_row(keep, gram, n, first, last, dsum, ndated, alive, settings)
        score[keep, :] = row
        score[:, keep] = row
        a, b = stories[keep], stories[drop]
        a.centroid = _prune(_add_rows(a.centroid, b.centroid), settings.centroid_terms)
        a.norm = float(np.sqrt(np.sum(a.centroid.data ** 2)))
        a.n += b.n
        if b.first_day is not None:
            a.add_days(b.first_day, b.n_dated, b.day_sum)
            a.add_days(b.last_day, 0, 0.0)
        absorbed[ks[drop]] = ks[keep]


def _merge_row(i: int, gram: np.ndarray, n: np.ndarray, first: np.ndarray, last: np.ndarray, dsum: np.ndarray,
               ndated: np.ndarray, alive: np.ndarray, settings: ClusterSettings) -> np.ndarray:
    """Average-link similarity of story ``i`` to every story of the block (-1: cannot merge)."""
    w = settings.window_days
    avg = gram[i] / (n[i] * n)
    if first[i] != _NO_DAY:
        dated = first != _NO_DAY
        ok = ~dated | ((first[i] - w <= last) & (first - w <= last[i]))
        if settings.time_weight > 0:
            centre = dsum[i] / max(ndated[i], 1.0)
            gap = np.where(ndated > 0, np.abs(centre - dsum / np.maximum(ndated, 1.0)), 0.0)
            avg = avg - settings.time_weight * np.maximum(0.0, gap - settings.time_grace)
        avg = np.where(ok, avg, -1.0)
    elif settings.undated_margin > 0:
        avg = avg - settings.undated_margin * (ndated > 0)
    if settings.undated_margin > 0 and ndated[i] > 0:
        avg = avg - settings.undated_margin * (ndated == 0)
    avg = np.where(alive, avg, -1.0)
    avg[i] = -1.0
    return avg


def _active(state: StoryState, day: Optional[int], window: int) -> list[int]:
    if day is None:
        return list(range(len(state.stories)))
    return [i for i, s in enumerate(state.stories) if s.last_day is None or s.last_day >= day - window]


_NO_DAY = np.iinfo(np.int64).min


def cluster_batch(state: StoryState, ids: Sequence[str], days: Sequence[Optional[int]], xb: sparse.csr_matrix,
                   settings: ClusterSettings) -> None:
    b = len(ids)
    dated = [d for d in days if d is not None]
    active = _active(state, min(dated) if dated and len(dated) == b else None, settings.window_days)
    cols = list(active) + [-1] * b          # story index per column; new stories fill the tail
    width = len(active) + b
    dots = np.zeros((b, width))
    if active:
        cmat = sparse.vstack([state.stories[i].centroid for i in active]).tocsr()
        dots[:, :len(active)] = (xb @ cmat.T).toarray()
    s_in = (xb @ xb.T).toarray()
    norm2 = np.zeros(width)
    size = np.zeros(width)
    dsum = np.zeros(width)
    ndated = np.zeros(width)
    first = np.full(width, _NO_DAY)
    last = np.full(width, _NO_DAY)
    for j, k in enumerate(active):
        st = state.stories[k]
        norm2[j] = st.norm ** 2
        size[j] = st.n
        dsum[j], ndated[j] = st.day_sum, st.n_dated
        if st.first_day is not None:
            first[j], last[j] = st.first_day, st.last_day
    used = len(active)
    members: dict[int, list[int]] = {}
    w = settings.window_days
    for i, (doc_id, day) in enumerate(zip(ids, days)):
        with np.errstate(divide="ignore", invalid="ignore"):
            if settings.linkage == "centroid":
                score = np.where(norm2[:used] > 0, dots[i, :used] / np.sqrt(norm2[:used]), -1.0)
            else:
                score = np.where(size[:used] > 0, dots[i, :used] / size[:used], -1.0)
        if day is not None:
            undated = first[:used] == _NO_DAY
            ok = undated | ((first[:used] - w <= day) & (day <= last[:used] + w))
            score = np.where(ok, score, -1.0)
            if settings.time_weight > 0:
                with np.errstate(divide="ignore", invalid="ignore"):
                    gap = np.where(ndated[:used] > 0, np.abs(day - dsum[:used] / ndated[:used]), 0.0)
                score = score - settings.time_weight * np.maximum(0.0, gap - settings.time_grace)
        elif settings.undated_margin > 0:
            score = score - settings.undated_margin * (ndated[:used] > 0)
        c = int(np.argmax(score)) if used else -1
        if c < 0 or score[c] < settings.threshold:
            c = used
            used += 1
            cols[c] = len(state.stories)
            state.stories.append(Story(story_id_for(doc_id)))
        norm2[c] += 2.0 * dots[i, c] + s_in[i, i]
        dots[:, c] += s_in[:, i]
        size[c] += 1
        if day is not None:
            dsum[c] += day
            ndated[c] += 1
        if day is not None:
            first[c] = day if first[c] == _NO_DAY else min(first[c], day)
            last[c] = day if last[c] == _NO_DAY else max(last[c], day)
        k = cols[c]
        members.setdefault(k, []).append(i)
        story = state.stories[k]
        story.n += 1
        story.add_days(day)
        state.assignment[doc_id] = story.story_id
    for k, idx in sorted(members.items()):
        story = state.stories[k]
        story.centroid = _prune(_add_rows(story.centroid, xb[idx]), settings.centroid_terms)
        story.norm = float(np.sqrt(np.sum(story.centroid.data ** 2)))


def _add_rows(*mats: sparse.csr_matrix) -> sparse.csr_matrix:
    """The sum of all rows of ``mats`` as one canonical 1-row CSR matrix, in O(nnz) (scipy's
    general sparse sum and product allocate a workspace as wide as the hashed space)."""
    data = np.concatenate([m.data for m in mats])
    indices = np.concatenate([m.indices for m in mats]).astype(np.int64)
    uniq, inv = np.unique(indices, return_inverse=True)
    summed = np.bincount(inv, weights=data, minlength=len(uniq))
    return sparse.csr_matrix((summed, uniq.astype(np.int32), np.array([0, len(uniq)])), shape=(1, N_FEATURES))


def _prune(row: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    row.eliminate_zeros()
    if row.nnz <= keep:
        return row
    top = np.argpartition(-row.data, keep - 1)[:keep]
    top.sort()
    return sparse.csr_matrix((row.data[top], row.indices[top], [0, keep]), shape=row.shape)
