"""The maps room: offline outlines, cut to each map's frame, in the course's palette."""

import json
from pathlib import Path

import pytest
from conftest import DATA

from comrades import maps
from comrades.charts import OKABE_ITO, Figure
from comrades.data import DataError

REPO = Path(__file__).resolve().parents[1]
GEOMETRY = DATA / "geo" / "east_asia.geojson"


def _walk(node):
    """Every dict inside a spec."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _points(geometry):
    coords = geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [p for polygon in coords for ring in polygon for p in ring]
    if geometry["type"] == "MultiLineString":
        return [p for line in coords for p in line]
    raise AssertionError(geometry["type"])


def _area_features(spec):
    for node in _walk(spec):
        values = node.get("values")
        if isinstance(values, dict) and values.get("type") == "FeatureCollection":
            yield from values["features"]


# --- the shipped geometry ----------------------------------------------------------------

def test_the_geometry_is_small_regional_and_complete():
    assert GEOMETRY.stat().st_size < 100_000, "keep the shipped outlines small"
    collection = json.loads(GEOMETRY.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    ids = {(f["properties"]["kind"], f["properties"]["id"]) for f in collection["features"]}
    for iso3 in ("PRK", "KOR", "VNM", "KHM", "LAO", "THA", "CHN"):
        assert ("country", iso3) in ids
    for pair in ("PRK-KOR", "CHN-VNM", "KHM-THA"):
        assert ("border", pair) in ids
    for feature in collection["features"]:
        for x, y in _points(feature["geometry"]):
            assert 95 <= x <= 135 and 5 <= y <= 45


def test_the_geometry_s_licence_and_source_are_recorded():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "world-atlas" in readme and "2.0.2" in readme and "public domain" in readme
    assert "worldatlas" in (DATA / "sources.csv").read_text(encoding="utf-8")


def test_a_missing_geometry_file_is_named(data_copy):
    (data_copy / "geo" / "east_asia.geojson").unlink()
    with pytest.raises(DataError, match=r"data/geo/east_asia\.geojson: the file is missing"):
        maps.features()


def test_a_broken_geometry_file_is_named(data_copy):
    (data_copy / "geo" / "east_asia.geojson").write_text("{ not json", encoding="utf-8")
    with pytest.raises(DataError, match="not valid JSON"):
        maps.features()


def _shipped() -> dict:
    return json.loads(GEOMETRY.read_text(encoding="utf-8"))


def _with_first_feature(change) -> dict:
    collection = _shipped()
    change(collection["features"][0])
    return collection


def _deep(levels: int) -> str:
    return '{"type": "FeatureCollection", "features": ' + "[" * levels + "]" * levels + "}"


FAULTY_GEOMETRY = {  # issue 24.9: each is a DataError naming the file, never a raw error
    "a list at the top": (json.dumps([1, 2]), "not a GeoJSON FeatureCollection"),
    "features not a list": (json.dumps({"type": "FeatureCollection", "features": 3}),
                            "'features' must be a list"),
    "nested too deeply": (_deep(100_000), "nested too deeply"),
    "no properties": (json.dumps(_with_first_feature(lambda f: f.pop("properties"))),
                      "feature 1 has no properties"),
    "properties not an object": (json.dumps(_with_first_feature(
        lambda f: f.update(properties=[1]))), "feature 1 has no properties"),
    "no geometry": (json.dumps(_with_first_feature(lambda f: f.update(geometry=None))),
                    "feature 1 (BRN) has no geometry"),
    "an unknown geometry": (json.dumps(_with_first_feature(
        lambda f: f["geometry"].update(type="Circle"))), "type 'Circle'"),
    "a position of text": (json.dumps(_with_first_feature(
        lambda f: f["geometry"]["coordinates"][0][0].__setitem__(0, ["east", "north"]))),
        "feature 1 (BRN): a position must be two numbers"),
    "a ring one level short": (json.dumps(_with_first_feature(
        lambda f: f["geometry"].update(coordinates=[[1.0, 2.0], [3.0, 4.0]]))),
        "feature 1 (BRN)"),
}


@pytest.mark.parametrize("case", FAULTY_GEOMETRY)
def test_a_faulty_geometry_file_is_named_with_its_fault(data_copy, case):
    text, said = FAULTY_GEOMETRY[case]
    (data_copy / "geo" / "east_asia.geojson").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"data/geo/east_asia\.geojson") as raised:
        maps.features()
    assert said in str(raised.value)


def test_a_geometry_file_that_is_not_text_or_is_a_folder_is_named(data_copy):
    path = data_copy / "geo" / "east_asia.geojson"
    path.write_bytes(b"\xff\xfe" + "{}".encode("utf-16-le"))
    with pytest.raises(DataError, match="not UTF-8 text"):
        maps.features()
    path.unlink()
    path.mkdir()
    with pytest.raises(DataError, match="not a file"):
        maps.features()


def _with_altitude(node):
    """Every position of a geometry's coordinates given a third number (an altitude)."""
    if node and all(isinstance(v, int | float) for v in node):
        node.append(12.5)
    else:
        for child in node:
            _with_altitude(child)


def test_positions_with_an_altitude_are_read_as_two_dimensional(data_copy):
    collection = _shipped()
    for feature in collection["features"]:
        _with_altitude(feature["geometry"]["coordinates"])
    (data_copy / "geo" / "east_asia.geojson").write_text(json.dumps(collection),
                                                          encoding="utf-8")
    first = maps.country("VNM")["geometry"]["coordinates"][0][0][0]
    assert len(first) == 2
    assert maps.indochina().chart is not None


# --- clipping ----------------------------------------------------------------------------

def test_clip_ring_cuts_to_the_box_and_closes_the_ring():
    square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    clipped = maps.clip_ring(square, (5, -1, 20, 5))
    assert clipped[0] == clipped[-1]
    assert {tuple(p) for p in clipped} == {(5, 0), (10, 0), (10, 5), (5, 5)}
    assert maps.clip_ring(square, (20, 20, 30, 30)) == []
    inside = maps.clip_ring(square, (-1, -1, 11, 11))
    assert {tuple(p) for p in inside} == {(0, 0), (10, 0), (10, 10), (0, 10)}


def test_clip_line_keeps_only_pieces_inside():
    line = [[0, 0], [1, 0], [5, 0], [6, 0], [7, 0]]
    assert maps.clip_line(line, (-1, -1, 2, 1)) == [[[0, 0], [1, 0]]]
    assert maps.clip_line(line, (10, 10, 11, 11)) == []


def test_parallels_run_coast_to_coast():
    (west, lat), (east, _) = maps.parallel_across(17.0, ["VNM"])
    assert lat == 17.0 and 106.0 < west < 106.8 and 106.9 < east < 107.4
    (west, _), (east, _) = maps.parallel_across(38.0, ["PRK", "KOR"])
    assert 124.5 < west < 125.5 and 128.3 < east < 129.2
    with pytest.raises(ValueError):
        maps.parallel_across(30.0, ["VNM"])


# --- the maps ----------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["divided_peninsulas", "indochina"])
def figure(request):
    return getattr(maps, request.param)()


def test_a_map_is_a_figure_with_words_and_a_table(figure):
    assert isinstance(figure, Figure)
    assert len(figure.description) > 200 and "Natural Earth" in figure.description
    assert figure.table is not None and len(figure.table) >= 5
    spec = figure.chart.to_dict()  # validates against the Vega-Lite schema
    assert spec["description"] == figure.description


def test_a_map_fetches_nothing(figure):
    spec = figure.chart.to_dict()
    assert not any("url" in node for node in _walk(spec)), "all data must be inline"
    assert any(node.get("type") == "geoshape" or node.get("mark") == "geoshape"
               for node in _walk(spec))


def test_a_map_uses_the_course_palette(figure):
    allowed = {c.upper() for c in OKABE_ITO.values()} | {"#DDDDDD", "WHITE"}
    spec = figure.chart.to_dict()
    used = set()
    for node in _walk(spec):
        if isinstance(node.get("range"), list):
            used |= {str(c).upper() for c in node["range"]}
        for key in ("stroke", "color"):
            if isinstance(node.get(key), str) and node[key].startswith(("#", "white")):
                used.add(node[key].upper())
    assert used and used <= allowed, used - allowed


def test_peninsulas_colour_north_and_south_and_cut_vietnam_at_the_17th_parallel():
    spec = maps.divided_peninsulas().chart.to_dict()
    shapes = [f for f in _area_features(spec) if "role" in f["properties"]]
    roles = {(f["properties"]["id"], f["properties"]["role"]) for f in shapes}
    assert {("PRK", "north"), ("KOR", "south"), ("VNM", "north"), ("VNM", "south")} <= roles
    for feature in shapes:
        ys = [y for _, y in _points(feature["geometry"])]
        if feature["properties"]["id"] == "VNM":
            if feature["properties"]["role"] == "north":
                assert min(ys) >= 17.0
            else:
                assert max(ys) <= 17.0


def test_each_map_carries_only_what_its_frame_shows():
    frames = {"divided_peninsulas": [maps.KOREA, maps.VIETNAM], "indochina": [maps.INDOCHINA]}
    for name, boxes in frames.items():
        spec = getattr(maps, name)().chart.to_dict()
        for feature in _area_features(spec):
            points = _points(feature["geometry"])
            assert any(all(b[0] - 1e-6 <= x <= b[2] + 1e-6 and b[1] - 1e-6 <= y <= b[3] + 1e-6
                           for x, y in points) for b in boxes), feature["properties"]
        assert len(json.dumps(spec)) < 60_000


def test_indochina_names_states_as_the_course_does():
    spec = maps.indochina().chart.to_dict()
    names = {f["properties"]["id"]: f["properties"].get("name") for f in _area_features(spec)
             if "name" in f["properties"]}
    assert names["VNM"] == "Vietnam"
    assert names["CHN"] == "China (PRC)"  # actors.csv, not Natural Earth's "China"


@pytest.mark.parametrize(("lesson", "call"), [("01", "maps.divided_peninsulas("),
                                              ("02", "maps.divided_peninsulas("),
                                              ("03", "maps.indochina(")])
def test_lessons_draw_their_maps(lesson, call):
    path = next((REPO / "notebooks").glob(f"{lesson}_*.ipynb"))
    code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"]
                     if c["cell_type"] == "code")
    assert call in code
