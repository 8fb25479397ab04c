"""Calibrated confidence: a monotone map from the coder's raw confidence to the probability
that an event's type and source are right.

The map is data: ``typemodel.calibration.json`` next to the sentence model (any model file
``NAME.npz`` may have its ``NAME.calibration.json``), written by
``benchmarks/calibrate.py`` from held-out development outcomes (the cross-validated PLV
predictions and the annotated real-news sentences, see :mod:`eventwire.evaluate_news`)::

    {"version": 1, "method": "isotonic", "target": "type_source",
     "x": [raw confidences, increasing], "y": [probabilities, non-decreasing], "fitted_on": {...}}

Between knots the map is linear (the isotonic fit's own interpolation); outside them it is
flat.  A small floor on the slope keeps the map strictly increasing, so the order of events by
confidence (which the pipeline and the scorers use) never changes.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

#: the least rise of the map per unit of raw confidence (keeps the order of events)
MIN_SLOPE = 0.02


@dataclass
class Calibration:
    """A monotone piecewise-linear map of raw confidence to probability."""

    x: list[float]
    y: list[float]
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.x) != len(self.y) or len(self.x) < 2:
            raise ValueError("calibration: x and y need the same length, at least 2")
        if any(b < a for a, b in zip(self.x, self.x[1:])):
            raise ValueError("calibration: x must be increasing")
        # strictly increasing y, with at least MIN_SLOPE between knots (order-preserving)
        ys = [min(1.0, max(0.0, float(self.y[0])))]
        for (x0, x1), y in zip(zip(self.x, self.x[1:]), self.y[1:]):
            ys.append(max(float(y), ys[-1] + MIN_SLOPE * (x1 - x0)))
        self._x = np.asarray(self.x, dtype=np.float64)
        self._y = np.asarray(ys, dtype=np.float64)

    def __call__(self, raw: float) -> float:
        """The probability for one raw confidence (flat beyond the knots, with the slope floor)."""
        r = float(raw)
        p = float(np.interp(r, self._x, self._y))
        if r < self._x[0]:
            p -= MIN_SLOPE * (self._x[0] - r)
        elif r > self._x[-1]:
            p += MIN_SLOPE * (r - self._x[-1])
        return round(min(1.0, max(0.0, p)), 6)

    def to_json(self) -> dict:
        return {"version": 1, "method": self.meta.get("method", "isotonic"),
                "target": self.meta.get("target", "type_source"),
                "x": [round(v, 6) for v in self.x], "y": [round(v, 6) for v in self.y],
                **{k: v for k, v in self.meta.items() if k not in ("method", "target")}}

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_calibration(path: str | Path) -> Optional[Calibration]:
    """The map in ``path``, or None when the file does not exist.

    Raises:
        ValueError: ``path:1: ...`` when the file is not a valid calibration map.
    """
    p = Path(path)
    if not p.exists():
        return None
    try:
        d = json.loads(p.read_text(encoding="utf-8"))
        return Calibration([float(v) for v in d["x"]], [float(v) for v in d["y"]],
                           {k: v for k, v in d.items() if k not in ("x", "y")})
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{p}:1: not a calibration map ({exc})") from exc


def calibration_path(model_path: str | Path) -> Path:
    """``NAME.calibration.json`` next to the model file ``NAME.npz``."""
    p = Path(model_path)
    return p.with_name(p.stem + ".calibration.json")


#: a fitted probability is never certain: the bins at the ends hold few events (a lowest bin
#: all wrong would otherwise map its events to 0.0, and a highest bin all right to 1.0)
P_FLOOR, P_CEIL = 0.01, 0.99


def fit_isotonic(raw: Sequence[float], right: Sequence[bool], weights: Optional[Sequence[float]] = None,
                 meta: Optional[dict] = None) -> Calibration:
    """An isotonic map fitted on (raw confidence, right or wrong) pairs (scikit-learn, at fit time only)."""
    from sklearn.isotonic import IsotonicRegression

    ir = IsotonicRegression(y_min=P_FLOOR, y_max=P_CEIL, increasing=True, out_of_bounds="clip")
    ir.fit(np.asarray(raw, dtype=np.float64), np.asarray(right, dtype=np.float64),
           sample_weight=None if weights is None else np.asarray(weights, dtype=np.float64))
    xs, ys = [float(v) for v in ir.X_thresholds_], [float(v) for v in ir.y_thresholds_]
    if len(xs) < 2:
        xs, ys = [0.0, 1.0], [ys[0] if ys else 0.5] * 2
    return Calibration(xs, ys, {"method": "isotonic", **(meta or {})})


__all__ = ["Calibration", "load_calibration", "calibration_path", "fit_isotonic", "MIN_SLOPE", "P_CEIL", "P_FLOOR"]
