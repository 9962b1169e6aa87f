"""Explorers driven in plain Python, as a student's clicks would drive them."""

import base64
import struct
import zlib

import ipywidgets as w

from comrades import charts, data, widgets
from comrades.widgets import Explorer, View, lens_explorer, lens_view
from comrades.widgets.base import CHART_STANDIN, with_standin


def _html_outputs(explorer):
    return [o for o in explorer.output.outputs]


def test_lens_view_is_a_plain_function():
    view = lens_view(2, 2, data.phases())
    assert "alliance" in view.summary and "02" in view.summary
    assert "alliance" in view.figure.description


def test_lens_explorer_updates_on_every_change():
    explorer = lens_explorer()
    assert "alliance" in explorer.summary.value
    explorer.controls["interests"].value = -1
    assert "estranged" in explorer.summary.value
    explorer.controls["ideology"].value = -1
    assert "hostile" in explorer.summary.value
    outputs = _html_outputs(explorer)
    assert len(outputs) == 2
    assert "application/vnd.vegalite.v5+json" in outputs[0]["data"]
    assert "Text description" in outputs[1]["data"]["text/html"]


def test_every_control_has_a_label():
    explorer = lens_explorer()
    for control in explorer.controls.values():
        assert control.description and control.tooltip


def test_a_failing_view_shows_a_message_and_keeps_the_chart():
    slider = w.IntSlider(value=1, min=0, max=3, description="n")

    def view(n):
        if n == 3:
            raise ValueError("three is too many")
        return View(None, f"<p>n is {n}</p>")

    explorer = Explorer("test", {"n": slider}, view)
    assert explorer.summary.value == "<p>n is 1</p>"
    slider.value = 3
    assert "cannot be shown" in explorer.summary.value and "three" in explorer.summary.value
    slider.value = 2
    assert explorer.summary.value == "<p>n is 2</p>"


def test_the_docstrings_list_every_module_that_exists():
    """The package docstring (and the widgets one) name each module that exists."""
    import pkgutil
    import re

    import comrades
    from comrades import widgets

    for package in (comrades, widgets):
        modules = {m.name for m in pkgutil.iter_modules(package.__path__)}
        named = set(re.findall(r"``(\w+)``", package.__doc__))
        assert modules - named == set(), f"{package.__name__} does not mention these"


def test_table_html_escapes_hostile_cells():
    import pandas as pd

    from comrades.tables import to_html

    text = to_html(pd.DataFrame({"a": ["<script>x</script>", None], "b": [1, float("nan")]}))
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert text.count('<td style="text-align: left; vertical-align: top;"></td>') == 1
    assert text.count("<td></td>") == 1


def test_every_lens_sentence_matches_the_rule_and_the_codings():
    """All 25 cells: the predicted word is the rule's; the phases named are coded so."""
    import re

    from comrades import lens

    phases = data.phases()
    for ideology in lens.ALIGNMENT:
        for interests in lens.ALIGNMENT:
            text = lens_view(ideology, interests, phases).summary
            assert f"<b>{lens.predict(ideology, interests)}</b>" in text
            coded = phases[(phases["ideology_score"] == ideology)
                           & (phases["interest_score"] == interests)]
            named = set(re.findall(r"\b(0\d) \(", text))
            assert named == set(coded["phase"])


def test_every_explorer_chart_carries_the_standin_picture_so_jupyterlab_draws_it_once():
    """JupyterLab's Vega renderer draws a chart without a PNG twice (once more to make
    one, then again when the PNG lands in the output); an explorer sends the stand-in."""
    for name in sorted(n for n in widgets._EXPLORERS if n.endswith("_explorer")):
        explorer = getattr(widgets, name)()
        first = next(iter(explorer.controls.values()))
        for _ in range(2):  # as drawn first, and after a change
            charts_out = [o for o in explorer.output.outputs
                          if charts.VEGA_LITE_MIMETYPE in o["data"]]
            assert len(charts_out) == 1, name
            assert charts_out[0]["data"]["image/png"] == CHART_STANDIN, name
            text = [o for o in explorer.output.outputs if "text/html" in o["data"]]
            assert text and all("image/png" not in o["data"] for o in text), name
            options = getattr(first, "options", None)
            if options and not isinstance(first.value, tuple):
                values = [o[1] if isinstance(o, tuple) else o for o in options]
                first.value = values[(values.index(first.value) + 1) % len(values)]


def test_the_standin_is_a_real_png_that_says_how_to_see_the_chart():
    png = base64.b64decode(CHART_STANDIN)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert 200 <= width <= 600 and 10 <= height <= 60
    assert len(png) < 4000  # sent with every redraw
    assert zlib.crc32(png[12:29]) == struct.unpack(">I", png[29:33])[0]  # IHDR intact


def test_a_chart_that_has_a_picture_keeps_it_and_other_outputs_get_none():
    chart = {"output_type": "display_data", "metadata": {},
             "data": {charts.VEGA_LITE_MIMETYPE: {}, "image/png": "OWN"}}
    plain = {"output_type": "display_data", "metadata": {}, "data": {"text/html": "<p>"}}
    bare = {"output_type": "display_data", "metadata": {},
            "data": {charts.VEGA_LITE_MIMETYPE: {}}}
    assert with_standin([chart, plain, bare]) == [
        chart, plain, {**bare, "data": {**bare["data"], "image/png": CHART_STANDIN}}]
    assert "image/png" not in bare["data"]  # the caller's output is not changed


def test_a_static_figure_leaves_its_picture_to_jupyterlab():
    """A chart in a cell's own output is saved with the notebook: JupyterLab's PNG of it
    shows the chart where Vega cannot run (GitHub), so no stand-in there."""
    figure = charts.dyad_lines(data.relations(), ["VNM-PRK"], title="t")
    assert all("image/png" not in o["data"] for o in figure.outputs())
