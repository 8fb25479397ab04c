"""A small sentence-level event-type model that arbitrates between the rules' readings.

Features are hashed (CRC32, no vocabulary file): lower-cased word unigrams and bigrams of
the sentence, plus what the dependency coder saw — the event types and rule ids that fired,
the trigger words, the root verb, negation — and the lexicon's event types of every trigger
word whether or not its rule fired; beside them, the mean GloVe vector of the sentence's
content words (:mod:`eventwire.coding.vectors`).  The classifier is a linear SVM (one-vs-rest,
balanced class weights) trained with scikit-learn at build time only; what ships is its weights
in a NumPy ``.npz`` file (loaded with ``allow_pickle=False``: no code in the model file), so
prediction is a sparse dot product in NumPy.

The decision thresholds (``min_relabel``, ``min_fallback``, ``temperature``, ...) are saved in
the model file with the weights. Training lives in :mod:`eventwire.training`: rebuild the model
with ``eventwire train ../shared/data/dev/plv_train.jsonl`` (``--cv 5`` prints cross-validated
figures first).
"""
from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np

from ..model import Mention
from .calibration import Calibration, calibration_path, load_calibration
from .syntax import lemma1
from .triggers import loose_types
from .vectors import sentence_vector

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "typemodel.npz"
NONE = "NONE"
N_FEATURES = 1 << 20
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
#: PLV's YIELD stands for CONCEDE or RETREAT
YIELD = ("CONCEDE", "RETREAT")
# Feature definitions of the trained model (not cue lists: changing them changes the features the
# saved weights were fitted on, so it needs `eventwire train`).
_NEG = {"not", "n't", "never", "no"}
_MODALS = {"will", "would", "could", "may", "might", "shall", "must", "should", "can"}
_GOVERNED_BY = {"xcomp", "ccomp", "dobj", "pobj"}


def feature_index(feature: str) -> int:
    """The hashed column of a feature name."""
    return zlib.crc32(feature.encode("utf-8")) % N_FEATURES


def sentence_features(doc, mentions: list[Mention], lex, text: Optional[str] = None) -> list[str]:
    """Hashed-feature names of one parsed sentence: words, bigrams, the rules' readings and
    the main verbs with their complements ("root:refuse", "vd:impose:dobj:sanction")."""
    text = doc.text if text is None else text
    words = _TOKEN.findall(text.lower())
    feats = [f"w:{w}" for w in words]
    feats += [f"b:{a}_{b}" for a, b in zip(words, words[1:])]
    for m in mentions:
        feats.append(f"ev:{m.event_type}")
        for part in m.rules:
            feats.append(f"rule:{part}")
        feats.append(f"trig:{m.trigger.lower()}")
        feats.append(f"trigev:{m.trigger.lower()}:{m.event_type}")
        if m.negated:
            feats.append(f"neg:{m.event_type}")
        if m.modality != "asserted":
            feats.append(f"mod:{m.modality}:{m.event_type}")
    if not mentions:
        feats.append("ev:NONE")
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None:
        feats.append(f"root:{root.lower_}")
        feats.append(f"rootl:{lemma1(root, lex)}")
        for c in root.children:
            if c.dep_ in ("dobj", "xcomp", "prep", "prt", "ccomp", "attr", "acomp", "neg", "aux", "auxpass"):
                feats.append(f"rc:{c.dep_}:{lemma1(c, lex)}")
                for gc in c.children:
                    if gc.dep_ in ("dobj", "pobj", "xcomp"):
                        feats.append(f"rcc:{c.dep_}:{gc.dep_}:{lemma1(gc, lex)}")
    for t in doc:
        # the lexicon's event types of every trigger word, whether or not its rule's conditions
        # hold: a semantic class that carries to words the training sentences never used
        # ("lt:REJECT"), with its negation, modal and governing word ("ltgov:refuse:AGREE")
        if t.tag_[:2] in ("VB", "NN"):
            types = loose_types(t, lex)
            if types:
                neg = any(c.dep_ == "neg" or c.lower_ in _NEG for c in t.children)
                modal = any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children)
                gov = lemma1(t.head, lex) if t.dep_ in _GOVERNED_BY and t.head.i != t.i else None
                for ty in types:
                    feats.append(f"lt:{ty}")
                    if neg:
                        feats.append(f"ltneg:{ty}")
                    if modal:
                        feats.append(f"ltmod:{ty}")
                    if gov:
                        feats.append(f"ltgov:{gov}:{ty}")
        if t.tag_.startswith("VB"):
            vl = lemma1(t, lex)
            feats.append(f"v:{vl}")
            for c in t.children:
                if c.dep_ in ("dobj", "prt", "xcomp"):
                    feats.append(f"vd:{vl}:{c.dep_}:{lemma1(c, lex)}")
    return feats


@dataclass
class Sample:
    """What the model sees of one sentence: hashed-feature names, the word-vector mean and the
    sentence's text (for a model that reads the sentence encoder's vector, ``encoded``, which
    is computed from the text when not given)."""

    feats: list[str]
    vector: Optional[np.ndarray] = None
    text: str = ""
    encoded: Optional[np.ndarray] = None


def sample(doc, mentions: list[Mention], lex, text: Optional[str] = None) -> Sample:
    """What the model sees of one parsed sentence and the rules' readings of it."""
    return Sample(sentence_features(doc, mentions, lex, text), sentence_vector(doc), doc.text if text is None else text)


#: the dense features a model can read: GloVe's mean vector (the default), the sentence
#: encoder's vector (:mod:`eventwire.coding.encoder`, an optional experimental feature) or both
DENSE_KINDS = ("glove", "encoder", "glove+encoder")


def dense_input(x: Sample, kind: str) -> Optional[np.ndarray]:
    """The dense feature vector of a sample for a model of this kind (None when a part is missing)."""
    parts = []
    if kind in ("glove", "glove+encoder"):
        parts.append(x.vector)
    if kind in ("encoder", "glove+encoder"):
        if x.encoded is None:
            from .encoder import encode_one  # optional: loaded only when a model reads it

            x.encoded = encode_one(x.text)
        parts.append(x.encoded)
    if any(p is None for p in parts):
        return None
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


@dataclass
class TypeModel:
    classes: list[str]
    cols: np.ndarray          # int64 feature indices, sorted
    weights: np.ndarray       # float32 [len(cols), len(classes)]
    bias: np.ndarray          # float32 [len(classes)]
    dense: Optional[np.ndarray] = None  # float32 [vectors.DIM, len(classes)]: word-vector weights
    dense_scale: float = 0.5  # the vector's weight beside the unit-length sparse features (chosen by CV)
    dense_kind: str = "glove"  # which vector `dense` weighs (DENSE_KINDS)
    # Thresholds, chosen by 5-fold CV on the development data (benchmarks/accuracy_cv.py):
    # the model's type usually beats the rules' (the old, cautious 0.2 / 0.45 bars cost ~0.03
    # macro-F1), but not when the model is unsure (below 0.15, or not 1.5 times the rules'
    # type: long news sentences of several clauses, where the rules' reading of the main verb
    # is the better guide; ~0.004 macro-F1 on the dev sentences); a trigger sentence the rules
    # cannot read gets the model's type, anchored on a trigger word, unless the model reads
    # it as reporting no event.
    min_relabel: float = 0.15   # relabel the rules' reading when the model is this sure of another type
    margin: float = 0.0         # ... and prefers it by at least this much
    min_ratio: float = 1.5      # ... and gives it this many times the probability of the rules' type
    min_relabel_specific: float = 0.15  # the same for rules that name their object
    min_fallback: float = 0.5   # code a trigger sentence with no rule reading (on a verb that reports an act)
    min_fallback_loose: float = 0.5  # ... also anchored on a word whose rule's objects are missing
    min_fallback_generic: float = 0.5  # ... also anchored on the main verb when no trigger word of the type is there
    temperature: float = 5.0    # scales the SVM margins into pseudo-probabilities
    max_none_fallback: float = 0.5  # no fallback reading when the model gives NONE this much
    # raw confidence -> P(type and source right): NAME.calibration.json next to the model file
    # (see eventwire.coding.calibration); not saved in the .npz
    calibration: Optional[Calibration] = None
    min_drop: float = 0.5       # drop the rules' readings when the model is this sure of NONE
    min_drop_specific: float = 0.65  # ... when one of them is a rule that names its object ("test-fired a missile")

    def proba(self, x: "Sample | list[str]") -> np.ndarray:
        feats = x.feats if isinstance(x, Sample) else x
        vector = dense_input(x, self.dense_kind) if isinstance(x, Sample) and self.dense is not None else None
        # the same L2-normalised counts as in training
        idx, counts = np.unique(np.fromiter((feature_index(f) for f in feats), dtype=np.int64, count=len(feats)),
                                return_counts=True)
        vals = counts / (np.sqrt((counts.astype(np.float64) ** 2).sum()) or 1.0)
        pos = np.clip(np.searchsorted(self.cols, idx), 0, len(self.cols) - 1)
        hit = self.cols[pos] == idx
        z = self.bias + (self.weights[pos[hit]] * vals[hit, None]).sum(axis=0)
        if self.dense is not None and vector is not None:
            z = z + self.dense_scale * (vector @ self.dense)
        z = self.temperature * (z - z.max())
        e = np.exp(z)
        return e / e.sum()

    def best(self, probs: np.ndarray) -> tuple[str, float]:
        k = int(np.argmax(probs))
        return self.classes[k], float(probs[k])

    def best_event(self, probs: np.ndarray) -> tuple[str, float]:
        """The most probable event type (never NONE)."""
        order = np.argsort(-probs)
        k = next(int(i) for i in order if self.classes[int(i)] != NONE)
        return self.classes[k], float(probs[k])

    def p_none(self, probs: np.ndarray) -> float:
        return float(probs[self.classes.index(NONE)]) if NONE in self.classes else 0.0

    def p_of(self, probs: np.ndarray, event_type: str) -> float:
        label = "YIELD" if event_type in YIELD and "YIELD" in self.classes else event_type
        return float(probs[self.classes.index(label)]) if label in self.classes else 0.0

    def to_event_type(self, label: str, mentions: list[Mention]) -> str:
        if label != "YIELD":
            return label
        for m in mentions:
            if m.event_type in YIELD:
                return m.event_type
        return "RETREAT"

    def thresholds(self) -> dict[str, float]:
        """The decision thresholds, as saved in the model file."""
        return {k: float(getattr(self, k)) for k in THRESHOLDS}

    def save(self, path: Path) -> None:
        """Weights and thresholds in one ``.npz`` file (no pickle)."""
        extra = {} if self.dense is None else {"dense": self.dense}
        meta = {"n_features": N_FEATURES, "dense_scale": self.dense_scale,
                "vectors": _VECTOR_NAMES[self.dense_kind] if extra else None, "thresholds": self.thresholds()}
        np.savez_compressed(path, classes=np.array(self.classes), cols=self.cols, weights=self.weights,
                            bias=self.bias, **extra, meta=np.array(json.dumps(meta, sort_keys=True)))

    @classmethod
    def load(cls, path: Path) -> "TypeModel":
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"])) if "meta" in z.files else {}
            return cls(classes=[str(c) for c in z["classes"]], cols=z["cols"].astype(np.int64),
                       weights=z["weights"].astype(np.float32), bias=z["bias"].astype(np.float32),
                       dense=z["dense"].astype(np.float32) if "dense" in z.files else None,
                       dense_scale=float(meta.get("dense_scale", 0.5)),
                       dense_kind=_dense_kind(meta, path),
                       # a file saved before the thresholds were stored keeps the defaults above
                       **{k: float(v) for k, v in (meta.get("thresholds") or {}).items() if k in THRESHOLDS})


#: dense kind -> the name of its vectors in the model file's metadata (and back)
_VECTOR_NAMES = {"glove": "glove-6B-50d", "encoder": "all-MiniLM-L6-v2", "glove+encoder": "glove-6B-50d+all-MiniLM-L6-v2"}
_DENSE_OF = {v: k for k, v in _VECTOR_NAMES.items()}

def _dense_kind(meta: dict, path: Path) -> str:
    name = meta.get("vectors") or "glove-6B-50d"
    if name not in _DENSE_OF:
        raise ValueError(f"{path}: unknown vectors {name!r} in the model file (known: {', '.join(sorted(_DENSE_OF))})")
    return _DENSE_OF[name]


#: the fields of :class:`TypeModel` saved in its file's metadata (``thresholds``)
THRESHOLDS = ("min_relabel", "margin", "min_ratio", "min_relabel_specific", "min_fallback", "min_fallback_loose",
              "min_fallback_generic", "temperature", "max_none_fallback", "min_drop", "min_drop_specific")

_MODEL: dict[str, Optional[TypeModel]] = {}   # path -> model, loaded once per process (read-only after load)


def clear_model_cache(path: Optional[Path] = None) -> None:
    """Forget a loaded model (after ``eventwire train`` rewrote its file)."""
    _MODEL.pop(str(Path(path or MODEL_PATH)), None)


def load_type_model(path: Optional[Path] = None) -> Optional[TypeModel]:
    """The packaged model, or None when it has not been built (rules alone then)."""
    p = Path(path or MODEL_PATH)
    key = str(p)
    if key not in _MODEL:
        model = TypeModel.load(p) if p.exists() else None
        if model is not None:
            model.calibration = load_calibration(calibration_path(p))
        _MODEL[key] = model
    return _MODEL[key]


