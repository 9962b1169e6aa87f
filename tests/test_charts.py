"""Chart builders: every figure has words, data, a colour-blind-safe palette, and
renders as Vega-Lite v5 (what JupyterLab 4 draws offline)."""

import colorsys

import pandas as pd
import pytest
from conftest import REPO

from comrades import charts, data


def _spec(figure):
    return figure.chart.to_dict()


def _phases():
    return data.phases()


def test_renderer_is_offline_vega_lite_v5():
    import altair as alt

    assert alt.renderers.active == "mimetype"
    bundle = charts.lens_quadrant(_phases()).chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.vegalite.v5+json" in bundle


def test_palette_is_okabe_ito():
    assert set(charts.RELATIONSHIP_COLOURS) <= set(charts.OKABE_ITO_PUBLISHED.values())
    assert set(charts.PALETTE[:7]) <= set(charts.OKABE_ITO.values())
    assert charts.OKABE_ITO.keys() == charts.OKABE_ITO_PUBLISHED.keys()
    for name, published in charts.OKABE_ITO_PUBLISHED.items():
        # a darkened mark colour keeps its Okabe-Ito hue
        assert abs(_hue(charts.OKABE_ITO[name]) - _hue(published)) < 0.02, name


def test_charts_switch_the_actions_menu_off():
    """The renderer's "…" menu is an unnamed <summary> (axe-core: summary-name)."""
    import altair as alt

    bundle = alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a")._repr_mimebundle_()
    metadata = bundle[1] if isinstance(bundle, tuple) else {}
    assert metadata[charts.VEGA_LITE_MIMETYPE]["embed_options"]["actions"] is False
    chart_output = charts.lens_quadrant(_phases()).outputs()[0]
    assert chart_output["metadata"][charts.VEGA_LITE_MIMETYPE]["embed_options"] == {
        "actions": False}


@pytest.mark.parametrize("build", [
    lambda: charts.lens_quadrant(_phases(), 2, 2),
    lambda: charts.timeline(data.events(), _phases()),
    lambda: charts.dyad_lines(data.relations(), ["VNM-PRK", "VNM-KOR"]),
    lambda: charts.dyad_heatmap(data.relations(), ["VNM-PRK", "VNM-CHN"], 1970, 1985, 1979),
    lambda: charts.bar(pd.DataFrame({"phase": ["01", "02"], "events": [3, 5]}),
                       "phase", "events"),
])
def test_every_figure_describes_itself_and_carries_its_data(build):
    figure = build()
    spec = _spec(figure)
    assert spec["description"] == figure.description
    assert len(figure.description) > 40
    assert figure.table is not None and len(figure.table) > 0
    # the display path skips Altair's validation for speed; this is what keeps it honest
    assert figure.mimebundles()[0][charts.VEGA_LITE_MIMETYPE] == spec
    assert figure.mimebundles()[1]["text/plain"] == figure.description
    details = figure.details_html()
    assert "<details" in details and "Text description and data" in details
    assert "<table" in details


def test_lens_description_names_the_choice_and_every_phase():
    figure = charts.lens_quadrant(_phases(), 2, -1)
    assert "estranged" in figure.description
    for phase in _phases()["phase"]:
        assert phase in figure.description


def test_phases_coded_alike_share_one_label():
    phases = pd.DataFrame({"phase": ["01", "06"], "title": ["a", "b"],
                           "ideology_score": [2, 2], "interest_score": [0, 0],
                           "relationship": ["measured", "measured"]})
    placed = charts.phase_positions(phases)
    assert list(placed["label"]) == ["01, 06"]


def test_heatmap_describes_the_highlighted_year():
    figure = charts.dyad_heatmap(data.relations(), ["VNM-PRK"], 1975, 1980, 1979)
    assert "In 1979: Vietnam–North Korea" in figure.description
    assert "VNM-PRK" not in figure.description


def test_empty_timeline_says_so():
    figure = charts.timeline(data.events().iloc[:0])
    assert "no events" in figure.description


def test_long_tables_are_cut_in_the_text_view():
    figure = charts.dyad_lines(data.relations(), ["VNM-PRK"])
    assert "The first 5 of" in figure.details_html(max_rows=5)


# --- contrast: every mark against the white chart background (WCAG 2.1, 1.4.11) -------

WHITE = (1.0, 1.0, 1.0)
GRAPHICS_MIN = 3.0  # non-text contrast, 1.4.11
TEXT_MIN = 4.5  # text, 1.4.3
NAMED = {"black": "#000000", "white": "#FFFFFF"}


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = NAMED.get(colour.lower(), colour).lstrip("#")
    assert len(colour) == 6, f"not a #RRGGBB colour: {colour}"
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _hue(colour: str) -> float:
    return colorsys.rgb_to_hls(*_rgb(colour))[0]


def _luminance(rgb) -> float:
    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, opacity: float = 1.0) -> float:
    """WCAG contrast ratio of ``colour`` (drawn at ``opacity``) against white."""
    rgb = tuple(opacity * c + (1 - opacity) * w for c, w in zip(_rgb(colour), WHITE, strict=True))
    lighter, darker = sorted((_luminance(rgb), _luminance(WHITE)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula():
    assert contrast("#000000") == pytest.approx(21)
    assert contrast("#FFFFFF") == pytest.approx(1)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)
    assert contrast("#F0E442") < 1.4  # Okabe-Ito yellow on white: the finding


def _channel_colours(channel) -> list[str] | None:
    """Colours a colour channel can take; None when left to Vega's default scheme."""
    if channel is None:
        return []
    if "value" in channel:
        return [] if channel["value"] is None else [channel["value"]]
    found = []
    conditions = channel.get("condition", [])
    for condition in conditions if isinstance(conditions, list) else [conditions]:
        found += _channel_colours(condition) or []
    if "field" in channel or "aggregate" in channel:
        scale = channel.get("scale") or {}
        if "range" not in scale:
            return None
        found += list(scale["range"])
    return found


# Vega-Lite draws point-like marks at 0.7 opacity unless told otherwise.
DEFAULT_OPACITY = {"point": 0.7, "circle": 0.7, "square": 0.7, "tick": 0.7}


def _opacity(mark: dict, encoding: dict, key: str) -> float:
    """How opaque the fill (or stroke) is drawn: the mark's opacity times its own."""
    opacity = mark.get("opacity", DEFAULT_OPACITY.get(mark["type"], 1.0))
    channel = encoding.get("opacity") or {}
    if "value" in channel:
        opacity = channel["value"]
    elif "scale" in channel and "range" in channel["scale"]:
        opacity = min(channel["scale"]["range"])
    return opacity * mark.get(key, 1.0)


def _marks(spec: dict, encoding: dict | None = None):
    """Every (mark, encoding) drawn by a Vega-Lite spec, layers and concats included."""
    encoding = {**(encoding or {}), **spec.get("encoding", {})}
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from _marks(part, encoding)
    if "spec" in spec:
        yield from _marks(spec["spec"], encoding)
    if "mark" in spec:
        mark = spec["mark"] if isinstance(spec["mark"], dict) else {"type": spec["mark"]}
        yield mark, encoding


def mark_problems(spec: dict) -> list[str]:
    """Marks a sighted reader could miss: below 3:1 (text 4.5:1) on white.

    A mark passes by its own colours, or by an outline of at least 3:1. Marks with
    ``aria: false`` are decoration (e.g. phase bands) and are exempt.
    """
    problems = []
    for mark, encoding in _marks(spec):
        kind = mark["type"]
        if mark.get("aria") is False:
            continue
        stroke = mark.get("stroke")
        if stroke and mark.get("strokeWidth", 1) > 0 and contrast(
                stroke, _opacity(mark, encoding, "strokeOpacity")) >= GRAPHICS_MIN:
            continue  # outlined: the outline is the edge that must be seen
        colours = []
        for key in ("color", "fill", "stroke"):
            if mark.get(key):
                colours.append(mark[key])
            found = _channel_colours(encoding.get(key))
            if found is None:
                problems.append(f"{kind}: {key} uses Vega's default colours")
            else:
                colours += found
        if not colours:  # Vega-Lite's default mark colour
            colours = ["#4C78A8"]
        least = TEXT_MIN if kind == "text" else GRAPHICS_MIN
        key = "fillOpacity" if mark.get("filled", kind not in ("line", "rule")) else "strokeOpacity"
        opacity = _opacity(mark, encoding, key)
        for colour in colours:
            if colour and contrast(colour, opacity) < least:
                problems.append(f"{kind} in {colour} at opacity {opacity}: "
                                f"{contrast(colour, opacity):.2f}:1 < {least}:1")
    return problems


def _figures():
    """Every chart the course draws: the builders, the teacher's and student's pages,
    and every explorer at each value of its choice controls."""
    from comrades import classroom, myprogress, widgets

    yield "lens_quadrant", charts.lens_quadrant(_phases(), 2, 2)
    yield "timeline", charts.timeline(data.events(), _phases())
    yield "dyad_lines", charts.dyad_lines(data.relations(), sorted(set(
        data.relations()["dyad"]))[:7])
    yield "dyad_heatmap", charts.dyad_heatmap(data.relations(), ["VNM-PRK", "VNM-CHN"],
                                              1970, 1985, 1979)
    yield "bar", charts.bar(pd.DataFrame({"phase": ["01", "02"], "events": [3, 5],
                                          "kind": ["a", "b"]}), "phase", "events", "kind")
    results = classroom.read_exports(str(REPO / "docs" / "class_example"))
    yield "classroom overview", classroom.overview_chart(results)
    missed = classroom.missed_most(results)
    yield "classroom missed", classroom.missed_chart(missed, sorted(missed["lesson"])[0])
    yield "my progress", myprogress.chart(myprogress.summary([]))
    for name in widgets.__all__:
        if not name.endswith("_explorer"):
            continue
        explorer = getattr(widgets, name)()
        yield from _explorer_views(name, explorer)


def _explorer_views(name, explorer):
    def current():
        for output in explorer.output.outputs:
            if charts.VEGA_LITE_MIMETYPE in output["data"]:
                return output["data"][charts.VEGA_LITE_MIMETYPE]
        return None

    yield name, current()
    for key, control in explorer.controls.items():
        options = getattr(control, "options", None)
        if isinstance(control.value, bool):
            control.value = not control.value
            yield f"{name} {key}={control.value}", current()
        elif options and not isinstance(control.value, tuple):
            for option in options:
                control.value = option[1] if isinstance(option, tuple) else option
                yield f"{name} {key}={control.value}", current()


def test_every_mark_colour_has_3_to_1_contrast_on_white():
    problems = []
    seen = 0
    for name, figure in _figures():
        if figure is None:
            continue
        spec = figure if isinstance(figure, dict) else figure.chart.to_dict(validate=False)
        seen += 1
        problems += [f"{name.split()[0]}: {p}" for p in mark_problems(spec)]
    assert seen > 20, "too few charts were checked"
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_check_catches_a_yellow_point_and_accepts_an_outlined_one():
    import altair as alt

    frame = pd.DataFrame({"x": [1]})
    yellow = alt.Chart(frame).mark_point(filled=True, color="#F0E442").encode(x="x:Q")
    assert mark_problems(yellow.to_dict())
    outlined = alt.Chart(frame).mark_point(filled=True, color="#F0E442",
                                           **charts.OUTLINE).encode(x="x:Q")
    assert not mark_problems(outlined.to_dict())
    default = alt.Chart(frame).mark_point().encode(x="x:Q", color="x:N")
    assert mark_problems(default.to_dict())
    # Vega-Lite's default 0.7 opacity for points counts: vermillion passes only opaque
    vermillion = charts.OKABE_ITO["vermillion"]
    assert mark_problems(alt.Chart(frame).mark_point(filled=True, color=vermillion)
                         .encode(x="x:Q").to_dict())
    assert not mark_problems(alt.Chart(frame).mark_point(filled=True, color=vermillion,
                                                         opacity=1).encode(x="x:Q").to_dict())
