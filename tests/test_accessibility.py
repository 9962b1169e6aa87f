"""Accessibility at the source, without a browser: the table helper and the controls.

The browser test (tests/test_browser.py) runs axe-core and the keyboard over the real
pages; these tests pin down the pieces it relies on.
"""

import re

import ipywidgets as w
import pandas as pd
import pytest

from comrades import tables, widgets
from comrades.widgets.base import Explorer, RangeInput, View, accessible, labelled

HOSTILE = '<img src=x onerror="alert(1)">'


def _header_cells(html: str) -> list[str]:
    return re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", html, flags=re.S)


# --- tables ---------------------------------------------------------------------------

def test_table_hides_an_unnamed_index_so_no_header_is_empty():
    frame = pd.DataFrame({"term": ["Juche"], "count": [3]}, index=[41])
    html = tables.to_html(frame)
    assert [cell.strip() for cell in _header_cells(html)] == ["term", "count"]
    assert ">41<" not in html


def test_table_shows_a_named_index_under_its_name():
    frame = pd.DataFrame({"count": [3, 4]}, index=pd.Index(["01", "02"], name="phase"))
    html = tables.to_html(frame)
    headers = [cell.strip() for cell in _header_cells(html)]
    assert "phase" in headers and "01" in headers
    assert all(headers), f"an empty header cell: {headers}"


def test_table_left_aligns_text_and_leaves_numbers_right():
    frame = pd.DataFrame({"definition": ["a long sentence"], "year": [1950],
                          "share": [0.5]})
    styles = tables.show(frame).table_styles
    left = " ".join(s["selector"] for s in styles
                    if ("text-align", "left") in s["props"])
    assert "td.col0" in left and "th.col_heading.col0" in left
    assert "col1" not in left and "col2" not in left
    assert "text-align: left" in tables.to_html(frame)


def test_table_escapes_every_cell_and_label():
    frame = pd.DataFrame({HOSTILE: [HOSTILE]}, index=pd.Index([HOSTILE], name="who"))
    html = tables.to_html(frame)
    assert "<img" not in html and html.count("&lt;img") == 3


def test_table_shows_gaps_blank_dates_as_dates_and_whole_floats_without_decimals():
    frame = pd.DataFrame({"when": pd.to_datetime(["2019-02-26", None]),
                          "figure": [87.0, None], "note": ["x", None]})
    html = tables.to_html(frame)
    assert "2019-02-26<" in html and "00:00" not in html
    assert ">87<" in html and "nan" not in html.lower() and "NaT" not in html


def test_long_tables_are_cut_and_say_so():
    frame = pd.DataFrame({"n": range(100)})
    html = tables.to_html(frame, max_rows=10)
    assert "The first 10 of 100 rows." in html and ">10<" not in html


# --- controls ---------------------------------------------------------------------------

def test_a_slider_becomes_a_labelled_number_box_with_its_bounds():
    box = accessible(w.IntSlider(value=1975, min=1973, max=1989, step=1, description="Year"))
    assert isinstance(box, w.BoundedIntText)
    assert (box.min, box.max, box.value, box.description) == (1973, 1989, 1975, "Year")
    box.value = 1900
    assert box.value == 1973


def test_a_selection_slider_becomes_a_labelled_drop_down():
    options = [("opposed", -2), ("mixed", 0), ("shared", 2)]
    menu = accessible(w.SelectionSlider(options=options, value=0, description="Ideology"))
    assert isinstance(menu, w.Dropdown)
    assert menu.value == 0 and menu.description == "Ideology"
    assert [label for label, _ in options] == list(menu.options and menu._options_labels)


def test_a_range_slider_becomes_two_labelled_boxes_that_stay_in_order():
    years = accessible(w.IntRangeSlider(value=(1950, 1960), min=1945, max=2025,
                                        description="Years"))
    assert isinstance(years, RangeInput)
    first, last = years.children
    assert first.description == "Years from" and last.description == "to"
    seen = []
    years.observe(lambda change: seen.append(change["new"]), names="value")
    last.value = 1970
    assert years.value == (1950, 1970)
    first.value = 1980  # past the last year: the last year moves along
    assert years.value == (1980, 1980) and (first.value, last.value) == (1980, 1980)
    years.value = (2030, 1940)  # set from code: sorted and clamped
    assert years.value == (1945, 2025) and (first.value, last.value) == (1945, 2025)
    assert seen[-1] == (1945, 2025)
    assert all(a[0] <= a[1] for a in seen)


def test_other_controls_pass_through_and_every_box_gets_the_tooltip():
    menu = w.Dropdown(options=["a", "b"], description="Pick")
    assert accessible(menu) is menu
    years = labelled(w.IntRangeSlider(value=(1950, 1960), min=1945, max=2025,
                                      description="Years"), "First and last year")
    assert all(box.tooltip == "First and last year" for box in years.children)
    # a box's tooltip, sent to the browser, breaks its view in ipywidgets 8
    assert years.tooltip == "First and last year" and "tooltip" not in years.get_state()


def _descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _descendants(child)


SLIDERS = (w.IntSlider, w.IntRangeSlider, w.FloatSlider, w.FloatRangeSlider,
           w.SelectionSlider, w.SelectionRangeSlider)


@pytest.mark.parametrize("name", [n for n in widgets.__all__ if n.endswith("_explorer")])
def test_no_explorer_shows_an_unnamed_slider_and_titles_are_h3(name):
    explorer = getattr(widgets, name)()
    found = [type(c).__name__ for c in _descendants(explorer.widget) if isinstance(c, SLIDERS)]
    assert not found, f"{name} shows sliders, whose handles have no accessible name: {found}"
    heading = explorer.widget.children[0].value
    assert heading.startswith("<h3") and "<h4" not in heading


def test_explorer_heading_level_can_follow_a_deeper_section():
    explorer = Explorer("Title", {}, lambda: View(None, "summary"), level=4)
    assert explorer.widget.children[0].value.startswith("<h4")


def test_explorer_keeps_arrow_keys_for_its_controls():
    """The page-side mark that stops JupyterLab reading Up/Down on a focused drop-down
    as "next cell" comes with every chart an explorer draws (the browser test presses
    the keys)."""
    from comrades.widgets.base import KEYS_STAY

    explorer = widgets.lens_explorer()
    html = explorer.output.outputs[-1]["data"]["text/html"]
    assert html.endswith(KEYS_STAY) and "Text description" in html
    assert "data-lm-suppress-shortcuts" in KEYS_STAY and ".explorer-controls" in KEYS_STAY
    assert "explorer-controls" in explorer.widget.children[1]._dom_classes


def test_a_wide_table_scrolls_inside_a_region_the_keyboard_can_focus():
    """axe-core's scrollable-region-focusable, seen on the class summary's whole table."""
    frame = pd.DataFrame({f"a_long_column_name_{i}": ["x" * 40] for i in range(12)})
    shown = tables.show(frame, caption="Every item")
    page = shown._repr_html_()
    assert page.startswith('<div class="comrades-table" role="region" tabindex="0"')
    assert 'aria-label="Every item"' in page and "overflow-x: auto" in page
    chained = shown.format({"a_long_column_name_0": "{}"})._repr_html_()
    assert 'tabindex="0"' in chained, "styling further keeps the focusable region"
    named = ("Table of a_long_column_name_0, a_long_column_name_1, a_long_column_name_2, "
             "…, 1 row, starting with " + "x" * 40)
    assert f'aria-label="{named}"' in tables.show(frame)._repr_html_()


def test_the_styled_table_escapes_cells_labels_index_names_and_caption():
    """Each place a Styler writes as it is: a cell, a column label, an index value, the
    index's name and the caption (issue 24, item 4; removing any one escape fails)."""
    import re

    frame = pd.DataFrame({"<b>label</b>": ["<i>cell</i>"]},
                         index=pd.Index(["<u>row</u>"], name="<em>name</em>"))
    page = tables.show(frame, caption="<script>caption</script>")._repr_html_()
    assert not re.search(r"<(b|i|u|em|script)>", page), page
    for shown in ("&lt;b&gt;label", "&lt;i&gt;cell", "&lt;u&gt;row", "&lt;em&gt;name",
                  "&lt;script&gt;caption"):
        assert shown in page, shown
    assert frame.index.name == "<em>name</em>", "the caller's frame is left as it was"


def test_each_table_region_is_named_after_its_table():
    """Two tables on a page are two regions with two names (axe-core landmark-unique)."""
    first = tables.show(pd.DataFrame({"event": [1], "year": [2]}))._repr_html_()
    second = tables.show(pd.DataFrame({"pair": [1]}))._repr_html_()
    assert 'aria-label="Table of event, year, 1 row, starting with 1"' in first
    assert 'aria-label="Table of pair, 1 row, starting with 1"' in second
    later = tables.show(pd.DataFrame({"event": [7, 8], "year": [2, 3]}))._repr_html_()
    assert 'aria-label="Table of event, year, 2 rows, starting with 7"' in later
    empty = tables.show(pd.DataFrame({"event": []}))._repr_html_()
    assert 'aria-label="Table of event, 0 rows"' in empty
    captioned = tables.show(pd.DataFrame({"a": [1]}), caption="Scores & words")._repr_html_()
    assert 'aria-label="Scores &amp; words"' in captioned
