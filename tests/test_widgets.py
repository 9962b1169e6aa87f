"""Explorers driven in plain Python, as a student's clicks would drive them."""

import ipywidgets as w

from comrades import data
from comrades.widgets import Explorer, View, lens_explorer, lens_view


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
