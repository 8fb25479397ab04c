"""Geometry of the report: the world map's SVG paths and the actor network's layout.

The map uses the Natural Earth projection (Šavrič et al. 2015; the polynomial that d3's
``geoNaturalEarth1`` uses), applied here to the packaged Natural Earth outlines
(``eventwire/data/world_110m.json``) so the page carries ready SVG paths; the page's script
projects event points with the same formula (:data:`PROJECTION_JS`).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

#: SVG width of the map; its height follows from the projection's aspect
MAP_WIDTH = 960.0
#: the projection's x extent at the equator (radians * polynomial at phi=0) is pi * 0.8707
_X_MAX = math.pi * 0.8707
#: latitude range drawn (Antarctica is left out: no events happen there that a map would show)
_LAT_MIN, _LAT_MAX = -58.0, 84.0


def _project(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


_, _Y_TOP = _project(0.0, _LAT_MAX)
_, _Y_BOTTOM = _project(0.0, _LAT_MIN)
_SCALE = MAP_WIDTH / (2 * _X_MAX)
MAP_HEIGHT = round((_Y_TOP - _Y_BOTTOM) * _SCALE, 1)


def to_svg(lon: float, lat: float) -> tuple[float, float]:
    """Projected SVG coordinates of a point."""
    x, y = _project(lon, lat)
    return round((x + _X_MAX) * _SCALE, 1), round((_Y_TOP - y) * _SCALE, 1)


#: the same projection in JavaScript (the page places event points with it)
PROJECTION_JS = f"""function projectLonLat(lon, lat) {{
  var lam = lon * Math.PI / 180, phi = lat * Math.PI / 180, p2 = phi * phi, p4 = p2 * p2;
  var x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  var y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  return [(x + {_X_MAX!r}) * {_SCALE!r}, ({_Y_TOP!r} - y) * {_SCALE!r}];
}}"""


@lru_cache(maxsize=1)
def world_paths() -> dict[str, Any]:
    """``{"width", "height", "source", "countries": [[iso3, name, svg_path_d], ...]}`` (sorted by code)."""
    raw = json.loads(resources.files("eventwire").joinpath("data/world_110m.json").read_text(encoding="utf-8"))
    countries = []
    for code, c in sorted(raw["countries"].items()):
        if code == "ATA":
            continue
        parts = []
        for ring in c["rings"]:
            ring = _unwrap(ring)
            pts = [to_svg(lon, max(_LAT_MIN, min(_LAT_MAX, lat))) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
        countries.append([code, c["name"], "".join(parts)])
    return {"width": MAP_WIDTH, "height": MAP_HEIGHT, "source": raw.get("source", ""), "countries": countries}


def _unwrap(ring: list[list[float]]) -> list[list[float]]:
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) is pinned to the side
    where most of its points are, so no stripe is drawn across the map."""
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:])):
        return ring
    east = sum(1 for lon, _ in ring if lon > 0) * 2 >= len(ring)
    return [[180.0 if east and lon < 0 else -180.0 if not east and lon > 0 else lon, lat] for lon, lat in ring]


def force_layout(n: int, edges: list[tuple[int, int, float]], iterations: int = 400) -> list[tuple[float, float]]:
    """Fruchterman-Reingold positions in [0, 1]^2 of ``n`` nodes; deterministic.

    ``edges`` are ``(i, j, weight)``; heavier edges pull harder (log-weighted).  Nodes start
    on a circle in index order, so the same input always gives the same picture.
    """
    if n == 0:
        return []
    if n == 1:
        return [(0.5, 0.5)]
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    k = 1.2 / math.sqrt(n)
    w = np.zeros((n, n))
    for i, j, weight in edges:
        if i != j:
            w[i, j] += 1 + math.log1p(weight)
            w[j, i] = w[i, j]
    temp = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta ** 2).sum(-1)) + 1e-6
        rep = (k * k / dist ** 2)[:, :, None] * delta
        att = (w * dist / k)[:, :, None] * delta
        disp = (rep - att).sum(1)
        disp -= 0.4 * pos * np.sqrt((pos ** 2).sum(-1))[:, None]   # gravity keeps components together
        length = np.sqrt((disp ** 2).sum(-1))[:, None] + 1e-9
        pos += disp / length * np.minimum(length, temp)
        temp = max(0.005, temp * 0.985)
    lo, hi = pos.min(0), pos.max(0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    pos = (pos - lo) / span
    return [(round(float(x), 4), round(float(y), 4)) for x, y in pos]
