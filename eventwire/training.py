"""Training the sentence model (:mod:`eventwire.coding.typemodel`): features of the training
sentences, a linear SVM fitted with scikit-learn, cross-validation; ``eventwire train`` also
rebuilds the role model (:mod:`eventwire.rolefit`) from the same records.  Only ``eventwire train`` and
the benchmarks import this module; coding needs the saved model file alone.

Rebuild the packaged model with ``eventwire train ../shared/data/dev/plv_train.jsonl``
(``--cv 5`` prints cross-validated figures first).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import numpy as np

from .coding.typemodel import (
    MODEL_PATH,
    N_FEATURES,
    NONE,
    Sample,
    TypeModel,
    clear_model_cache,
    dense_input,
    feature_index,
    sample,
)
from .model import EVENT_TYPES
from .nlp import parse
from .pipeline import Config, get_pipeline

#: sentences written for this project (PLV layout, one relation each): ``written_none.jsonl``
#: holds sentences that report no event (background, statistics, profiles, analysis, sport,
#: web debris), the model's NONE class; the other files hold ~85 sentences per event type,
#: written per CAMEO code, which check the rules (benchmarks/rules_on_written.py) but do not
#: train the model: they follow the CAMEO-to-PLOVER table, whose conventions the gold annotators
#: do not always share, and 5-fold CV on the development data scores them lower
WRITTEN_DIR = Path(__file__).resolve().parent / "data" / "training"


def gold_label(rec: dict) -> Optional[str]:
    """The event type (or NONE, YIELD) of a PLV-layout record, or None when it has no usable label."""
    evs = rec.get("events") or []
    if not evs:
        return None
    label = str(evs[0].get("event") or "").upper()
    return label if label in EVENT_TYPES or label in ("YIELD", NONE) else None


def read_records(path: Path) -> list[dict]:
    """PLV-layout training records with a usable label (others are skipped)."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                if isinstance(r, dict) and isinstance(r.get("text"), str) and gold_label(r):
                    out.append(r)
    return out


def written_records(directory: Path = WRITTEN_DIR, events: bool = False) -> list[dict]:
    """The project's own written sentences (``eventwire/data/training/*.jsonl``): the NONE ones
    (what the model trains on), and with ``events`` also those that report an event."""
    recs = [r for f in sorted(Path(directory).glob("*.jsonl")) for r in read_records(f)]
    return recs if events else [r for r in recs if gold_label(r) == NONE]


#: the PLV classes fold PLOVER's two yielding types into one (the model's label YIELD)
_YIELD_TYPES = ("CONCEDE", "RETREAT")


def news_training_records(gold: list[dict]) -> list[dict]:
    """Annotated real-news sentences (``dev/news_sentences.jsonl`` layout) as PLV-layout training
    records: the first event's type (CONCEDE and RETREAT as YIELD), or NONE when the sentence
    reports no event.  Sentences whose first event has no known type are left out."""
    out = []
    for g in gold:
        events = g.get("events") or []
        label = str(events[0].get("type") or "").upper() if events else NONE
        label = "YIELD" if label in _YIELD_TYPES else label
        if label == NONE or label in EVENT_TYPES or label == "YIELD":
            out.append({"id": g.get("id"), "text": g["text"], "events": [{"event": label}]})
    return out


def featurize_records(records: list[dict], encode: bool = False) -> list[Sample]:
    """Parse and rule-code each record's text; return what the model sees of it (the rules'
    view included).  With ``encode`` the sentence encoder's vectors are computed too, in
    batches (:mod:`eventwire.coding.encoder`, an optional experimental feature)."""
    pipe = get_pipeline(Config(type_model=False, role_model=False))
    samples = [sample(doc, pipe.coder.code(doc), pipe.lexicon) for doc in parse([r["text"] for r in records])]
    if encode:
        from .coding.encoder import encode as encode_texts

        for s, v in zip(samples, encode_texts([s.text for s in samples])):
            s.encoded = v
    return samples


def _matrix(feature_lists: list[list[str]]):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for i, feats in enumerate(feature_lists):
        counts: dict[int, float] = {}
        for f in feats:
            j = feature_index(f)
            counts[j] = counts.get(j, 0.0) + 1.0
        norm = sum(v * v for v in counts.values()) ** 0.5 or 1.0
        for j, v in counts.items():
            rows.append(i)
            cols.append(j)
            vals.append(v / norm)
    return csr_matrix((vals, (rows, cols)), shape=(len(feature_lists), N_FEATURES), dtype=np.float64)


def fit(samples: list[Sample], labels: list[str], C: float = 1.0, dense_scale: float = 0.5,
        dense_kind: str = "glove") -> TypeModel:
    """A linear SVM (one-vs-rest, balanced class weights) on L2-normalised hashed counts and,
    when every sample has one, the dense vector of ``dense_kind`` (``DENSE_KINDS``: the
    word-vector mean, the sentence encoder's vector or both) scaled by ``dense_scale``."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.svm import LinearSVC

    X = _matrix([s.feats for s in samples])
    used = np.unique(X.nonzero()[1])
    X = X[:, used]                                      # fit on the columns that occur: much faster
    vectors = [dense_input(s, dense_kind) for s in samples]
    dense = all(v is not None for v in vectors) and bool(vectors)
    if dense:
        X = hstack([X, csr_matrix(dense_scale * np.vstack(vectors))]).tocsr()
    clf = LinearSVC(C=C, class_weight="balanced")
    clf.fit(X, labels)
    W = clf.coef_.T.astype(np.float32)                  # [n_used (+ DIM), n_classes]
    b = clf.intercept_.astype(np.float32)
    if len(clf.classes_) == 2:                          # a binary SVM has one score: class 1's; class 0's is its negative
        W, b = np.hstack([-W, W]), np.concatenate([-b, b])
    n = len(used)
    return TypeModel(classes=[str(c) for c in clf.classes_], cols=used.astype(np.int64), weights=W[:n],
                     bias=b, dense=W[n:] if dense else None,
                     dense_scale=dense_scale, dense_kind=dense_kind)


def train_from_file(data: Path, out: Optional[Path] = None, folds: int = 0, console=None, C: float = 1.0,
                    written: bool = True, news: Optional[Path] = None, roles: bool = True) -> dict:
    """Train on PLV-layout records (plus, by default, the project's written NONE sentences, and
    the annotated real-news sentences of ``news`` when given: :func:`news_training_records`);
    optionally report k-fold cross-validation first (folds over ``data`` only: the written and
    news sentences are always training data, never scored here; ``benchmarks/news_cv.py``
    scores the news ones by story folds).  With ``roles`` the role model is rebuilt from the
    PLV records' gold spans too (never from the news sentences): the packaged ``roles.npz``, or
    ``roles.npz`` next to ``out`` when ``out`` is given."""
    records = read_records(Path(data))
    extra = written_records() if written else []
    if news is not None:
        from .evaluate_news import read_news_gold

        extra = extra + news_training_records(read_news_gold(news))
    labels = [gold_label(r) for r in records]
    xlabels = [gold_label(r) for r in extra]
    feats = featurize_records(records + extra)
    feats, xfeats = feats[:len(records)], feats[len(records):]
    report: dict = {"records": len(records), "written": len(extra)}
    if folds and folds > 1:
        report["cv"] = cross_validate(feats, labels, folds, C=C, extra=(xfeats, xlabels))
        if console:
            console.print(f"{folds}-fold CV on {len(records)} records (+{len(extra)} written / news sentences in "
                          f"every training fold): accuracy {report['cv']['accuracy']:.3f}, "
                          f"macro-F1 {report['cv']['macro_f1']:.3f}")
    model = fit(feats + xfeats, labels + xlabels, C=C)
    target = Path(out or MODEL_PATH)
    target.parent.mkdir(parents=True, exist_ok=True)
    model.save(target)
    clear_model_cache(target)
    report["model"] = str(target)
    report["bytes"] = target.stat().st_size
    if console:
        console.print(f"model written to {target} ({report['bytes'] / 1e6:.2f} MB, {len(model.cols):,} features, "
                      f"{len(model.classes)} classes, {len(records)} + {len(extra)} written records)")
    if roles:
        from .rolefit import build_role_model

        report["roles"] = build_role_model(records, Path(out).parent / "roles.npz" if out else None, console=console)
    return report


def cross_validate(feats: list[Sample], labels: list[str], folds: int = 5, C: float = 1.0, seed: int = 0,
                   extra: tuple[list, list] = ([], [])) -> dict:
    """Stratified k-fold CV over ``feats``; ``extra`` (features, labels) joins every training fold.
    Scores count only the types of the scored records (a NONE prediction is a miss)."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    y = np.array(labels)
    pred = np.empty(len(y), dtype=object)
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for tr, te in skf.split(np.zeros(len(y)), y):
        m = fit([feats[i] for i in tr] + list(extra[0]), [labels[i] for i in tr] + list(extra[1]), C=C)
        for i in te:
            pred[i] = m.best(m.proba(feats[i]))[0]
    gold = sorted(set(labels))
    return {"accuracy": float(accuracy_score(y, pred.astype(str))),
            "macro_f1": float(f1_score(y, pred.astype(str), labels=gold, average="macro"))}
