"""Build data/geo/east_asia.geojson from world-atlas (Natural Earth) TopoJSON.

Run once by a course author, never by a lesson (the lessons read the result):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    PYTHONPATH=src python tools/build_map_geometry.py package/countries-50m.json

It decodes the TopoJSON, simplifies each arc once (so neighbours still share their
border), rounds to 0.01°, keeps the countries of East and Southeast Asia cut to the
region, and adds the shared borders the maps highlight as line features.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from comrades.maps import clip_geometry

REGION = (95.0, 5.0, 135.0, 45.0)
TOLERANCE = 0.025  # degrees, Douglas-Peucker
# ISO 3166 numeric → alpha-3, for the countries that reach into the region.
COUNTRIES = {"156": "CHN", "408": "PRK", "410": "KOR", "392": "JPN", "643": "RUS",
             "496": "MNG", "704": "VNM", "418": "LAO", "116": "KHM", "764": "THA",
             "104": "MMR", "158": "TWN", "608": "PHL", "458": "MYS", "356": "IND",
             "360": "IDN", "096": "BRN", "050": "BGD", "064": "BTN"}
BORDERS = [("PRK", "KOR"), ("CHN", "VNM"), ("KHM", "THA")]
OUT = Path(__file__).resolve().parents[1] / "data" / "geo" / "east_asia.geojson"


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, keeping both ends."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    best, index = -1.0, 0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        dist = (abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm if norm
                else ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5)
        if dist > best:
            best, index = dist, i
    if best <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[:index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def _rounded(points):
    out = []
    for x, y in points:
        p = [round(x, 2), round(y, 2)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def _ring(indexes, arcs):
    ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def _arc_ids(geometry) -> set[int]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return {i if i >= 0 else ~i for polygon in polygons for ring in polygon for i in ring}


def build(topology: dict) -> dict:
    arcs = [_rounded(simplify(a, TOLERANCE)) for a in decode_arcs(topology)]
    geometries = {g["id"]: g for g in topology["objects"]["countries"]["geometries"]
                  if g.get("id") in COUNTRIES}
    features = []
    for numeric, geometry in sorted(geometries.items(), key=lambda kv: COUNTRIES[kv[0]]):
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        coords = [[_ring(ring, arcs) for ring in polygon] for polygon in polygons]
        clipped = clip_geometry({"type": "MultiPolygon", "coordinates": coords}, REGION)
        if clipped:
            features.append({"type": "Feature", "geometry": clipped, "properties": {
                "kind": "country", "id": COUNTRIES[numeric],
                "name": geometry["properties"]["name"]}})
    by_iso = {COUNTRIES[k]: g for k, g in geometries.items()}
    for left, right in BORDERS:
        shared = sorted(_arc_ids(by_iso[left]) & _arc_ids(by_iso[right]))
        features.append({"type": "Feature", "properties": {
            "kind": "border", "id": f"{left}-{right}", "name": f"{left}-{right} border"},
            "geometry": {"type": "MultiLineString", "coordinates": [arcs[i] for i in shared]}})
    return {"type": "FeatureCollection",
            "properties": {"source": "Natural Earth 1:50m admin-0 countries (public domain) "
                                     "via world-atlas 2.0.2 (ISC); see data/README.md"},
            "features": features}


if __name__ == "__main__":
    topology = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(build(topology), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size:,} bytes")
