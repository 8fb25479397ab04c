"""The scorers of evaluate-quotes / evaluate-claims, and the figures on our written gold (a floor
that catches regressions; the current figures are in the README)."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from eventwire.model import Claim, Quote, Speaker
from eventwire.quotes.evaluation import (
    evaluate_claims,
    evaluate_quotes,
    score_claims,
    score_quotes,
    speaker_matches,
)

GOLD = Path(__file__).resolve().parent / "data"


def _q(text: str, speaker: str | None, kind: str = "direct") -> Quote:
    sp = Speaker(speaker, speaker) if speaker else None
    return Quote("i", "d", text, 0, len(text), kind, sp, "said", 0)


def test_score_quotes_by_token_overlap():
    gold = [{"id": "1", "text": "", "quotes": [{"text": "we are ready to help", "speaker": "Sergey Lavrov"},
                                               {"text": "never again", "speaker": "Ana Duarte"}]}]
    res = [NS(quotes=[_q("we are ready", "Lavrov"), _q("a scare", None, "mixed"), _q("other words here", "X")])]
    r = score_quotes(gold, res)
    assert (r["token_precision"], r["token_recall"]) == (pytest.approx(3 / 6, abs=1e-4), pytest.approx(3 / 7, abs=1e-4))
    assert r["matched"] == 1 and r["speaker_accuracy"] == 1.0 and r["predicted_quotes"] == 2


def test_score_claims_value_and_unit():
    gold = [{"id": "1", "text": "", "claims": [{"value": 12, "unit": "protesters"}, {"value": 0.5, "unit": None}]}]
    res = [NS(claims=[Claim("a", "d", 12, "protester", None, None, "12", 0, 2, None, None),
                      Claim("b", "d", 2020, None, None, None, "2020", 0, 4, None, None)])]
    r = score_claims(gold, res)
    assert r["value_precision"] == 0.5 and r["value_recall"] == 0.5 and r["value_unit_f1"] == 0.5


def test_speaker_matching():
    assert speaker_matches("Lavrov", Speaker("he", "Sergey Lavrov"))
    assert not speaker_matches("Ana Duarte", Speaker("she", None))
    assert speaker_matches(None, None)


def test_figures_on_the_written_gold():
    q = evaluate_quotes(GOLD / "quotes_gold.jsonl")
    assert q["gold_quotes"] >= 40 and q["token_f1"] >= 0.9 and q["speaker_accuracy"] >= 0.85
    c = evaluate_claims(GOLD / "claims_gold.jsonl")
    assert c["gold_claims"] >= 40 and c["value_f1"] >= 0.9 and c["value_unit_f1"] >= 0.85
