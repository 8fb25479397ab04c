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


def force_layout(n: int, edges: list[tuple[int, int, float]], iterations: int = 300) -> list[tuple[float, float]]:
    """Positions in [0, 1]^2 of ``n`` nodes joined by ``edges`` (``(i, j, weight)``); deterministic.

    Each connected component is laid out on its own (Fruchterman-Reingold, heavier edges pull
    harder) and the components are packed in rows, largest first, each in a square cell sized by
    its node count, so small separate dyads neither drift to the corners nor overlap.
    """
    if n == 0:
        return []
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in edges:
        parent[find(i)] = find(j)
    comps: dict[int, list[int]] = {}
    for i in range(n):
        comps.setdefault(find(i), []).append(i)
    groups = sorted(comps.values(), key=lambda c: (-len(c), c[0]))
    sizes = [math.sqrt(len(c)) + 0.6 for c in groups]
    row_width = max(max(sizes), 1.15 * math.sqrt(sum(s * s for s in sizes)))
    out: list[tuple[float, float]] = [(0.0, 0.0)] * n
    x = y = row_h = used_w = 0.0
    for comp, size in zip(groups, sizes):
        if x > 0 and x + size > row_width + 1e-9:
            x, y, row_h = 0.0, y + row_h, 0.0
        local = {node: k for k, node in enumerate(comp)}
        sub = [(local[i], local[j], w) for i, j, w in edges if i in local and j in local]
        pos = _spring(len(comp), sub, iterations)
        pad = 0.3 if len(comp) > 1 else size / 2 - 0.01
        for node, (px, py) in zip(comp, pos):
            out[node] = (x + pad + px * (size - 2 * pad), y + pad + py * (size - 2 * pad))
        x += size
        row_h = max(row_h, size)
        used_w = max(used_w, x)
    width, height = used_w, y + row_h
    scale = max(width, height)
    dx, dy = (scale - width) / 2, (scale - height) / 2
    return [(round((px + dx) / scale, 4), round(1 - (py + dy) / scale, 4)) for px, py in out]


def _spring(n: int, edges: list[tuple[int, int, float]], iterations: int) -> list[tuple[float, float]]:
    """Fruchterman-Reingold positions in [0, 1]^2 of one connected component."""
    if n == 1:
        return [(0.5, 0.5)]
    if n == 2:
        return [(0.0, 0.5), (1.0, 0.5)]
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    k = 1.0 / math.sqrt(n)
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
        disp = (rep - att).sum(1) - 0.1 * pos
        length = np.sqrt((disp ** 2).sum(-1))[:, None] + 1e-9
        pos += disp / length * np.minimum(length, temp)
        temp = max(0.005, temp * 0.985)
    lo, hi = pos.min(0), pos.max(0)
    span = float(max((hi - lo).max(), 1e-9))
    pos = (pos - lo) / span + (1 - (hi - lo) / span) / 2
    return [(float(x), float(y)) for x, y in pos]
