"""Chart builders: every figure has words, data, a colour-blind-safe palette, and
renders as Vega-Lite v5 (what JupyterLab 4 draws offline)."""

import pandas as pd
import pytest

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
    assert set(charts.RELATIONSHIP_COLOURS) <= set(charts.OKABE_ITO.values())
    assert set(charts.PALETTE[:7]) <= set(charts.OKABE_ITO.values())


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
    assert "In 1979: VNM-PRK" in figure.description


def test_empty_timeline_says_so():
    figure = charts.timeline(data.events().iloc[:0])
    assert "no events" in figure.description


def test_long_tables_are_cut_in_the_text_view():
    figure = charts.dyad_lines(data.relations(), ["VNM-PRK"])
    assert "more rows" in figure.details_html(max_rows=5)
