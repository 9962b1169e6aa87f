"""Offline maps of the two divided peninsulas and of Indochina, 1978–1989.

The outlines are Natural Earth's (public domain), shipped in ``data/geo/east_asia.geojson``
(see ``data/README.md``, *Maps*, and ``tools/build_map_geometry.py``). Every map is an
Altair ``geoshape`` whose data sit inline in the chart: nothing is fetched, and each map
carries only the outlines it shows, cut to its own frame. Like every chart of the course,
a map is a :class:`comrades.charts.Figure` with a text description and a table of what is
drawn, in the course's colour-blind-safe palette.

    from comrades import maps
    maps.divided_peninsulas()     # lessons 01 and 02
    maps.indochina()              # lesson 03
"""

from __future__ import annotations

import json
from functools import lru_cache

import altair as alt
import pandas as pd

from comrades import data
from comrades.charts import OKABE_ITO, Figure, make_figure
from comrades.data import DataError
from comrades.paths import data_dir

GEOMETRY = "geo/east_asia.geojson"
BBox = tuple[float, float, float, float]  # west, south, east, north (degrees)

KOREA: BBox = (124.0, 33.0, 131.2, 43.2)
VIETNAM: BBox = (102.0, 8.3, 109.8, 23.5)
INDOCHINA: BBox = (97.2, 8.3, 111.0, 24.2)

NORTH, SOUTH, OTHER = "north", "south", "other"
COLOURS = {NORTH: OKABE_ITO["vermillion"], SOUTH: OKABE_ITO["blue"],
           OTHER: "#DDDDDD"}
LINE = OKABE_ITO["black"]

# Known places, longitude and latitude in degrees.
PLACES = {"Pyongyang": (125.75, 39.02), "Seoul": (126.98, 37.57), "Hanoi": (105.85, 21.03),
          "Saigon": (106.70, 10.78), "Phnom Penh": (104.92, 11.56), "Bangkok": (100.50, 13.75)}


# --- geometry ---------------------------------------------------------------------------

def _clip_edge(points, inside, cross):
    out = []
    for i, current in enumerate(points):
        previous = points[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(cross(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(cross(previous, current))
    return out


def _at_x(x):
    return lambda a, b: [x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])]


def _at_y(y):
    return lambda a, b: [a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y]


def clip_ring(ring: list, box: BBox) -> list:
    """A polygon ring cut to a rectangle (Sutherland–Hodgman); [] if nothing is left.

    The ring may be open or closed; the result is closed. Parts outside the box become
    edges along it, which is what a map frame needs.
    """
    west, south, east, north = box
    points = [list(p) for p in ring]
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    for inside, cross in ((lambda p: p[0] >= west, _at_x(west)),
                          (lambda p: p[0] <= east, _at_x(east)),
                          (lambda p: p[1] >= south, _at_y(south)),
                          (lambda p: p[1] <= north, _at_y(north))):
        if not points:
            return []
        points = _clip_edge(points, inside, cross)
    points = [[round(x, 3), round(y, 3)] for x, y in points]
    return points + points[:1] if len(points) >= 3 else []


def clip_line(line: list, box: BBox) -> list[list]:
    """The pieces of a line that lie inside a rectangle (vertices inside are kept)."""
    west, south, east, north = box
    pieces, piece = [], []
    for x, y in line:
        if west <= x <= east and south <= y <= north:
            piece.append([x, y])
        elif piece:
            pieces.append(piece)
            piece = []
    if piece:
        pieces.append(piece)
    return [p for p in pieces if len(p) >= 2]


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def clip_geometry(geometry: dict, box: BBox) -> dict | None:
    """A Polygon, MultiPolygon or (Multi)LineString cut to a rectangle; None if empty."""
    if geometry["type"] in ("LineString", "MultiLineString"):
        lines = ([geometry["coordinates"]] if geometry["type"] == "LineString"
                 else geometry["coordinates"])
        pieces = [p for line in lines for p in clip_line(line, box)]
        return {"type": "MultiLineString", "coordinates": pieces} if pieces else None
    polygons = []
    for polygon in _polygons(geometry):
        outer = clip_ring(polygon[0], box)
        if outer:
            holes = [h for h in (clip_ring(r, box) for r in polygon[1:]) if h]
            polygons.append([outer, *holes])
    return {"type": "MultiPolygon", "coordinates": polygons} if polygons else None


# How deep each kind of geometry nests its positions (GeoJSON, RFC 7946 §3.1).
DEPTH = {"LineString": 2, "MultiLineString": 3, "Polygon": 3, "MultiPolygon": 4}


@lru_cache(maxsize=4)
def _geometry(path_text: str, stamp: int) -> dict:
    del stamp  # part of the cache key only: a rebuilt file is read again

    def fault(reason: str) -> DataError:
        return DataError(f"data/{GEOMETRY}", reason)

    try:
        with open(path_text, encoding="utf-8") as handle:
            collection = json.load(handle)
    except FileNotFoundError:
        raise fault("the file is missing") from None
    except IsADirectoryError:
        raise fault("not a file (a folder has its name)") from None
    except UnicodeDecodeError:
        raise fault("not UTF-8 text; save it as UTF-8") from None
    except RecursionError:
        raise fault("nested too deeply to read") from None
    except json.JSONDecodeError as err:
        raise fault(f"not valid JSON (line {err.lineno}: {err.msg})") from None
    except OSError as err:
        raise fault(f"cannot be read ({err.strerror})") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise fault("not a GeoJSON FeatureCollection")
    if not isinstance(collection.get("features"), list):
        raise fault("'features' must be a list")
    features = [_checked(feature, n, fault)
                for n, feature in enumerate(collection["features"], start=1)]
    return {**collection, "features": features}


def _checked(feature, number: int, fault) -> dict:
    """A feature with kind and id, its positions made two-dimensional (an altitude, which
    GeoJSON allows as a third number, is dropped); or a DataError naming the feature."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        raise fault(f"feature {number} has no properties (an object with kind and id)")
    name = f"feature {number} ({props.get('id', 'no id')})"
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict):
        raise fault(f"{name} has no geometry")
    kind = geometry.get("type")
    depth = DEPTH.get(kind) if isinstance(kind, str) else None
    if depth is None:
        raise fault(f"{name}: geometry type {str(geometry.get('type'))[:40]!r} is not one of "
                    f"{', '.join(DEPTH)}")
    coordinates = _flat_positions(geometry.get("coordinates"), depth)
    if coordinates is None:
        raise fault(f"{name}: a position must be two numbers (longitude, latitude), nested "
                    f"{depth - 1} lists deep in a {geometry['type']}")
    return {**feature, "geometry": {**geometry, "coordinates": coordinates}}


def _flat_positions(node, depth: int):
    """``node`` as nested lists ``depth`` deep whose innermost lists are positions of two
    numbers (more numbers: the first two); None when it is not that shape."""
    if not isinstance(node, list):
        return None
    if depth == 1:
        if len(node) < 2 or not all(isinstance(v, int | float) and not isinstance(v, bool)
                                    for v in node):
            return None
        return node[:2]
    children = [_flat_positions(child, depth - 1) for child in node]
    return None if any(child is None for child in children) else children


def features() -> list[dict]:
    """Every feature of the shipped geometry (countries and shared borders)."""
    path = data_dir() / GEOMETRY
    stamp = path.stat().st_mtime_ns if path.exists() else 0
    return _geometry(str(path), stamp)["features"]


def _feature(kind: str, key: str) -> dict:
    for feature in features():
        props = feature["properties"]
        if props.get("kind") == kind and props.get("id") == key:
            return feature
    raise DataError(f"data/{GEOMETRY}", f"no {kind} '{key}' in the map geometry")


def country(iso3: str) -> dict:
    return _feature("country", iso3)


def border(pair: str) -> dict:
    """A shared border, e.g. ``border("PRK-KOR")``."""
    return _feature("border", pair)


def border_within(pair: str, box: BBox) -> list:
    """The lines of ``border(pair)`` inside ``box``: the border a map draws."""
    clipped = clip_geometry(border(pair)["geometry"], box)
    if clipped is None:
        raise DataError(f"data/{GEOMETRY}", f"the border {pair} lies outside its map")
    return clipped["coordinates"]


def _crossings(geometry: dict, latitude: float) -> list[float]:
    """Longitudes where a line of latitude crosses the outline of a country."""
    xs = []
    for polygon in _polygons(geometry):
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
                if (y1 - latitude) * (y2 - latitude) < 0:
                    xs.append(x1 + (x2 - x1) * (latitude - y1) / (y2 - y1))
    return xs


def parallel_across(latitude: float, iso3s: list[str]) -> list[list[float]]:
    """A line of latitude from the western to the eastern coast of these countries."""
    xs = [x for iso3 in iso3s for x in _crossings(country(iso3)["geometry"], latitude)]
    if not xs:
        raise ValueError(f"latitude {latitude} does not cross {', '.join(iso3s)}")
    return [[round(min(xs), 3), latitude], [round(max(xs), 3), latitude]]


# --- drawing ----------------------------------------------------------------------------

def _names() -> dict[str, str]:
    """State names as the course writes them (actors.csv); others from Natural Earth."""
    actors = data.actors().query("kind == 'state'")
    return dict(zip(actors["actor_id"], actors["name_en"], strict=True))


def _shape(geometry, props: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _areas(box: BBox, roles: dict[str, tuple[str, str]],
           split: dict[str, list[tuple[BBox, str, str]]] | None = None) -> list[dict]:
    """Countries inside a frame, each with a role (north/south/other) and a legend label.

    ``roles`` maps an ISO code to (role, label); every other country is grey "other".
    ``split`` cuts a country into parts, each with its own role and label.
    """
    names, shapes = _names(), []
    for feature in features():
        props = feature["properties"]
        if props.get("kind") != "country":
            continue
        iso3 = props["id"]
        parts = (split or {}).get(iso3) or [(box, *roles.get(iso3, (OTHER, "Other countries")))]
        for part_box, role, label in parts:
            frame = (max(box[0], part_box[0]), max(box[1], part_box[1]),
                     min(box[2], part_box[2]), min(box[3], part_box[3]))
            clipped = clip_geometry(feature["geometry"], frame)
            if clipped:
                shapes.append(_shape(clipped, {"id": iso3, "role": role, "label": label,
                                               "name": names.get(iso3, props["name"])}))
    return shapes


def _area_layer(shapes: list[dict], labels: list[str], colours: list[str]) -> alt.Chart:
    values = alt.Data(values={"type": "FeatureCollection", "features": shapes},
                      format=alt.DataFormat(property="features", type="json"))
    return alt.Chart(values).mark_geoshape(stroke="white", strokeWidth=0.6).encode(
        color=alt.Color("properties.label:N", title=None,
                        scale=alt.Scale(domain=labels, range=colours),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        tooltip=[alt.Tooltip("properties.name:N", title="Country"),
                 alt.Tooltip("properties.label:N", title="On this map")])


def _line_layer(lines: list[tuple[list, str]], dash: list[int] | None = None,
                width: float = 2.0) -> alt.Chart:
    shapes = [_shape({"type": "MultiLineString", "coordinates": coords}, {"label": label})
              for coords, label in lines]
    values = alt.Data(values={"type": "FeatureCollection", "features": shapes},
                      format=alt.DataFormat(property="features", type="json"))
    mark = {"filled": False, "stroke": LINE, "strokeWidth": width}
    if dash:
        mark["strokeDash"] = dash
    return alt.Chart(values).mark_geoshape(**mark).encode(
        tooltip=[alt.Tooltip("properties.label:N", title="Line")])


def _text_layer(rows: list[dict], **mark) -> alt.Chart:
    style = {"fontSize": 11, "align": "left", "dx": 5, "color": LINE, **mark}
    return alt.Chart(alt.Data(values=rows)).mark_text(**style).encode(
        longitude="lon:Q", latitude="lat:Q", text="text:N")


def _places(names: list[str]) -> tuple[alt.Chart, alt.Chart]:
    rows = [{"text": n, "lon": PLACES[n][0], "lat": PLACES[n][1]} for n in names]
    dots = alt.Chart(alt.Data(values=rows)).mark_circle(size=30, color=LINE, opacity=1).encode(
        longitude="lon:Q", latitude="lat:Q", tooltip=alt.Tooltip("text:N", title="City"))
    return dots, _text_layer(rows)


def _panel(layers: list[alt.Chart], title: str, width: int, height: int) -> alt.LayerChart:
    return alt.layer(*layers).project(type="mercator").properties(
        title=title, width=width, height=height)


PENINSULA_LABELS = ["North: DPRK (from 1948) and DRV (north of the 1954 line)",
                    "South: ROK (from 1948) and State of Vietnam / RVN (south of the line)",
                    "Other countries"]


def divided_peninsulas(title: str = "Two divided peninsulas") -> Figure:
    """Korea (38th parallel, 1953 line) beside Vietnam (the 1954 line at the 17th parallel)."""
    north, south, other = PENINSULA_LABELS
    korea_areas = _areas(KOREA, {"PRK": (NORTH, north), "KOR": (SOUTH, south)})
    vn_split = {"VNM": [((VIETNAM[0], 17.0, VIETNAM[2], VIETNAM[3]), NORTH, north),
                        ((VIETNAM[0], VIETNAM[1], VIETNAM[2], 17.0), SOUTH, south)]}
    vietnam_areas = _areas(VIETNAM, {}, split=vn_split)
    colours = [COLOURS[NORTH], COLOURS[SOUTH], COLOURS[OTHER]]
    line38 = parallel_across(38.0, ["PRK", "KOR"])
    line17 = parallel_across(17.0, ["VNM"])
    dmz = border_within("PRK-KOR", KOREA)
    korea = _panel([
        _area_layer(korea_areas, PENINSULA_LABELS, colours),
        _line_layer([([line38], "38th parallel: the 1945 line between Soviet and US zones")],
                    dash=[5, 3], width=1.5),
        _line_layer([(dmz, "Military Demarcation Line of the 1953 armistice (centre of the DMZ)")],
                    width=3),
        *_places(["Pyongyang", "Seoul"]),
        _text_layer([{"text": "38th parallel", "lon": line38[0][0] - 0.1, "lat": 37.72}],
                    align="right", dx=0, fontStyle="italic"),
        _text_layer([{"text": "1953 line (DMZ)", "lon": 128.45, "lat": 38.75}],
                    fontStyle="italic"),
    ], "Korea: 38th parallel (1945) and armistice line (1953)", 280, 330)
    vietnam = _panel([
        _area_layer(vietnam_areas, PENINSULA_LABELS, colours),
        _line_layer([([line17], "17th parallel: the provisional military demarcation "
                                "line of 1954")], width=3),
        *_places(["Hanoi", "Saigon"]),
        _text_layer([{"text": "17th parallel (1954)", "lon": line17[1][0] + 0.15,
                      "lat": 17.0}], fontStyle="italic"),
    ], "Vietnam: the 17th parallel line (1954)", 280, 420)
    chart = alt.hconcat(korea, vietnam).resolve_scale(color="shared")
    description = (
        "Two maps side by side. Left, the Korean peninsula: North Korea (vermillion) and "
        "South Korea (blue), with a dashed line of latitude at the 38th parallel, where the "
        "Soviet and US zones met in 1945, and a thick black line for the Military "
        "Demarcation Line of the 1953 armistice, the centre of the Demilitarized Zone; it "
        "runs close to the 38th parallel, south of it in the west and north of it in the "
        "east. Pyongyang and Seoul are marked. Right, Vietnam: the north (vermillion) and "
        "the south (blue) of the thick black line at the 17th parallel, the provisional "
        f"military demarcation line of 1954, which ran {_span(line17)} across Vietnam's "
        "narrow waist from the Laos border to the sea. Hanoi and Saigon are marked. Grey "
        "areas are other countries. Outlines: Natural Earth, public domain.")
    table = pd.DataFrame([
        {"feature": "North Korea / North Vietnam", "drawn as": "vermillion area",
         "meaning": north},
        {"feature": "South Korea / South Vietnam", "drawn as": "blue area", "meaning": south},
        {"feature": "38th parallel", "drawn as": "dashed black line",
         "meaning": "line of latitude 38° N across Korea: the 1945 zone boundary"},
        {"feature": "1953 line", "drawn as": "thick black line",
         "meaning": "North–South Korean boundary: the armistice's Military Demarcation Line"},
        {"feature": "17th parallel", "drawn as": "thick black line",
         "meaning": f"latitude 17° N across Vietnam ({_span(line17)}): the 1954 line"},
    ])
    return make_figure(chart, description, table, title=title)


def _span(line: list[list[float]]) -> str:
    (west, _), (east, _) = line
    return f"from {west:.1f}° E to {east:.1f}° E"


INDOCHINA_ROLES = {
    "VNM": ("vietnam", "Vietnam"),
    "KHM": ("cambodia", "Cambodia: Vietnamese troops, December 1978 – September 1989"),
    "THA": ("thailand", "Thailand: Cambodian refugee camps along its border"),
    "CHN": ("china", "China: attacked Vietnam in February–March 1979"),
    "LAO": ("laos", "Laos"),
}
INDOCHINA_COLOURS = [OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["sky blue"],
                     OKABE_ITO["orange"], OKABE_ITO["bluish green"], COLOURS[OTHER]]


def indochina(title: str = "Indochina, 1978–1989") -> Figure:
    """Vietnam, Cambodia, Laos, Thailand and southern China, with the two contested borders."""
    roles = {k: v for k, v in INDOCHINA_ROLES.items()}
    areas = _areas(INDOCHINA, roles)
    labels = [label for _, label in INDOCHINA_ROLES.values()] + ["Other countries"]
    china_border = border_within("CHN-VNM", INDOCHINA)
    thai_border = border_within("KHM-THA", INDOCHINA)
    chart = _panel([
        _area_layer(areas, labels, INDOCHINA_COLOURS),
        _line_layer([(china_border, "China–Vietnam border: China's attack of 1979")], width=3),
        _line_layer([(thai_border, "Cambodia–Thailand border: resistance bases and "
                                   "refugee camps through the 1980s")], dash=[6, 3], width=3),
        *_places(["Hanoi", "Phnom Penh", "Bangkok"]),
    ], title, 420, 470)
    description = (
        "A map of mainland Southeast Asia and southern China. Vietnam is blue; Cambodia, "
        "which Vietnamese troops invaded in December 1978 and left by September 1989, is "
        "vermillion; Laos is green; Thailand is light blue; southern China is orange; other "
        "countries are grey. A thick black line marks the China–Vietnam border, across which "
        "China attacked in February–March 1979. A dashed black line marks the "
        "Cambodia–Thailand border, near which Cambodian refugees were encamped and the "
        "resistance to the Vietnamese-backed government had its bases in the 1980s. "
        "Hanoi, Phnom Penh and Bangkok are "
        "marked. Outlines: Natural Earth, public domain.")
    table = pd.DataFrame([{"feature": name, "drawn as": colour, "meaning": label}
                          for name, colour, label in [
        ("Vietnam", "blue area", INDOCHINA_ROLES["VNM"][1]),
        ("Cambodia", "vermillion area", INDOCHINA_ROLES["KHM"][1]),
        ("Thailand", "light blue area", INDOCHINA_ROLES["THA"][1]),
        ("China", "orange area", INDOCHINA_ROLES["CHN"][1]),
        ("Laos", "green area", INDOCHINA_ROLES["LAO"][1]),
        ("China–Vietnam border", "thick black line", "China's attack of 1979"),
        ("Cambodia–Thailand border", "dashed black line",
         "resistance bases and refugee camps, 1979–1989")]])
    return make_figure(chart, description, table, title=title)
