"""PLOVER event type -> quad class (``eventwire/data/quad_classes.tsv``, extendable by user files)."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Sequence, Union

#: the four classes, in the order the page lists them
QUAD_CLASSES: tuple[str, ...] = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def _parse(text: str, where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    header_seen = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not header_seen:
            header_seen = True
            if cells[:2] == ["event_type", "quad_class"]:
                continue
            raise ValueError(f"{where}:{n}: the first row must be the header 'event_type<TAB>quad_class'")
        if len(cells) != 2 or not cells[0]:
            raise ValueError(f"{where}:{n}: expected 2 tab-separated columns (event_type, quad_class), got {len(cells)}")
        if cells[1] not in QUAD_CLASSES:
            raise ValueError(f"{where}:{n}: unknown quad class {cells[1]!r} (one of {', '.join(QUAD_CLASSES)})")
        out[cells[0].upper()] = cells[1]
    return out


def load_quad_classes(extra: Sequence[Union[str, "os.PathLike[str]"]] = ()) -> dict[str, str]:
    """The packaged mapping, updated by each file of ``extra`` in turn (same TSV format)."""
    packaged = resources.files("eventwire").joinpath("data/quad_classes.tsv")
    mapping = _parse(packaged.read_text(encoding="utf-8"), "eventwire/data/quad_classes.tsv")
    for path in extra:
        mapping.update(_parse(Path(path).read_text(encoding="utf-8"), str(path)))
    return mapping
