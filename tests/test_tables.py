"""Every table the course shows goes through comrades.tables: long tables are cut with a
note, gaps are blank, dates are dates, and whatever a cell holds is text, never markup,
in a formatted column too (what a mutation run of the module found untested)."""

from __future__ import annotations

import pandas as pd
import pytest

from comrades import tables

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize("render", ["show", "to_html"])
def test_a_long_table_is_cut_with_a_note_and_a_table_at_the_limit_is_not(render):
    def html(frame, **kw):
        shown = getattr(tables, render)(frame, caption="Events", max_rows=5, **kw)
        return shown if isinstance(shown, str) else shown.to_html()

    long, exact = pd.DataFrame({"n": range(7)}), pd.DataFrame({"n": range(5)})
    assert html(long).count("<tr") == 1 + 5
    assert html(exact).count("<tr") == 1 + 5
    if render == "show":
        assert "The first 5 of 7 rows." in html(long)
        assert "The first" not in html(exact) and "Events" in html(exact)


def test_gaps_are_blank_and_dates_are_dates():
    frame = pd.DataFrame({"when": pd.to_datetime(["1979-01-07", None]),
                          "score": [1.0, None], "who": ["Hanoi", None]})
    for html in (tables.show(frame).to_html(), tables.to_html(frame)):
        assert "1979-01-07" in html and "00:00" not in html
        for gap in ("nan", "NaN", "None", "&lt;NA&gt;", "NaT"):
            assert gap not in html, gap


def test_text_in_a_formatted_column_is_escaped():
    frame = pd.DataFrame({"share": [0.5, HOSTILE], "name": [HOSTILE, "Ana"]})
    html = tables.show(frame, formats={"share": "{:.0%}"}).to_html()
    assert "50%" in html and "<img" not in html and "&lt;img" in html
    html = tables.show(frame.set_index("name")).to_html()
    assert "<img" not in html
