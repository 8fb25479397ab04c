"""Sentence-level event-type model (filled in by the accuracy work); absent model = rules only."""
from __future__ import annotations

from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "typemodel.npz"


def load_type_model():
    if not MODEL_PATH.exists():
        return None
    return None
