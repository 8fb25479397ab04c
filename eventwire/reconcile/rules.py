"""The reconciliation rules data file (``eventwire/data/reconcile.yaml``), loaded and validated."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

from eventwire.datafiles import load_yaml
from eventwire.model import MODALITIES

DEFAULT_RULES = Path(__file__).resolve().parents[1] / "data" / "reconcile.yaml"


class RulesError(ValueError):
    """A reconciliation rules file is invalid (the message names the file and key)."""


@dataclass(frozen=True)
class Rules:
    intent_modalities: frozenset[str]
    denial_triggers: frozenset[str]
    day_tolerance: int
    story_lookback_days: int
    per_source: float
    negation_penalty: float
    modality_weight: tuple[tuple[str, float], ...]
    attribution_weight: tuple[tuple[str, float], ...]
    official_sectors: frozenset[str]

    def modality(self, m: Optional[str]) -> float:
        return dict(self.modality_weight).get(m or "asserted", 1.0)

    def attribution(self, kind: str) -> float:
        return dict(self.attribution_weight)[kind]


def _check(cond: bool, path: Path, key: str, msg: str) -> None:
    if not cond:
        raise RulesError(f"{path}: {key}: {msg}")


def _validate(raw: dict[str, Any], path: Path) -> Rules:
    for key in ("intent_modalities", "denial_triggers", "official_sectors"):
        v = raw.get(key)
        _check(isinstance(v, list) and all(isinstance(x, str) for x in v), path, key, "expected a list of words")
    for m in raw["intent_modalities"]:
        _check(m in MODALITIES, path, "intent_modalities", f"unknown modality {m!r} (one of {', '.join(MODALITIES)})")
    for key in ("day_tolerance", "story_lookback_days"):
        _check(isinstance(raw.get(key), int) and raw[key] >= 0, path, key, "expected a whole number >= 0")
    for key in ("per_source", "negation_penalty"):
        _check(isinstance(raw.get(key), (int, float)) and 0 <= raw[key] <= 1, path, key, "expected a number in [0, 1]")
    mw = raw.get("modality_weight")
    _check(isinstance(mw, dict) and set(mw) <= set(MODALITIES), path, "modality_weight",
           f"expected a mapping of modalities ({', '.join(MODALITIES)}) to weights")
    aw = raw.get("attribution_weight")
    _check(isinstance(aw, dict) and set(aw) == {"official", "named", "outlet", "unresolved"}, path,
           "attribution_weight", "expected weights for official, named, outlet, unresolved")
    for key, table in (("modality_weight", mw), ("attribution_weight", aw)):
        for k, v in table.items():
            _check(isinstance(v, (int, float)) and 0 <= v <= 1, path, f"{key}.{k}", "expected a number in [0, 1]")
    return Rules(frozenset(raw["intent_modalities"]), frozenset(w.lower() for w in raw["denial_triggers"]),
                 raw["day_tolerance"], raw["story_lookback_days"], float(raw["per_source"]),
                 float(raw["negation_penalty"]), tuple(sorted((k, float(v)) for k, v in mw.items())),
                 tuple(sorted((k, float(v)) for k, v in aw.items())), frozenset(raw["official_sectors"]))


@lru_cache(maxsize=8)
def load_rules(user_file: Optional[Union[str, Path]] = None) -> Rules:
    """The packaged rules, with the keys of ``user_file`` (if given) replacing them."""
    raw = load_yaml(DEFAULT_RULES)
    path = DEFAULT_RULES
    if user_file is not None:
        path = Path(user_file)
        extra = load_yaml(path)
        _check(isinstance(extra, dict), path, "(top)", "expected a mapping of keys to values")
        unknown = sorted(set(extra) - set(raw))
        _check(not unknown, path, ", ".join(unknown), "unknown key(s)")
        raw = {**raw, **extra}
    return _validate(raw, path)
