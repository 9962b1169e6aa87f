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


# --- what a mutation run of comrades.tables found untested (second run) ---------------------

def test_numbers_show_whole_as_whole_and_fractions_as_they_are():
    frame = pd.DataFrame({"whole": [3.0, 4.0], "part": [2.5, 0.125],
                          "when": pd.to_datetime(["1979-01-07 14:30", "1979-01-08 09:05"])})
    for page in (tables.show(frame).to_html(), tables.to_html(frame)):
        assert ">3<" in page and "3.0" not in page
        assert ">2.5<" in page and ">0.125<" in page
        assert "1979-01-07 14:30" in page and "1979-01-08 09:05" in page


def test_a_table_of_exactly_the_limit_has_no_note_and_one_more_has():
    at = pd.DataFrame({"n": range(tables.MAX_ROWS)})
    over = pd.DataFrame({"n": range(tables.MAX_ROWS + 1)})
    for render in (lambda f, **k: tables.show(f, **k).to_html(), tables.to_html):
        assert "The first" not in render(at)
        page = render(over, caption="Counts.")
        assert f"Counts. The first {tables.MAX_ROWS} of {tables.MAX_ROWS + 1} rows." in page


def test_the_direct_html_names_its_index_in_the_header_and_each_row():
    frame = pd.DataFrame({"score": [1, -2]}, index=pd.Index(["VNM-PRK", "VNM-KOR"],
                                                             name="pair"))
    page = tables.to_html(frame, caption="Scores")
    assert '<thead><tr><th scope="col">pair</th><th scope="col">score</th></tr>' in page
    assert '<tr><th scope="row">VNM-PRK</th><td>1</td></tr>' in page
    assert "<caption>Scores</caption>" in page
    plain = tables.to_html(frame.reset_index(drop=True))
    assert 'scope="row"' not in plain and "<caption>" not in plain
    assert '<tr><td>1</td></tr><tr><td>-2</td></tr>' in plain.replace("−", "-")


def test_an_index_is_shown_as_named_columns_without_clashing():
    frame = pd.DataFrame({"phase": ["a"], "n": [1]}, index=pd.Index(["02"], name="phase"))
    page = tables.show(frame).to_html()
    assert "phase (index)" in page and page.count(">phase<") == 1
    two = pd.DataFrame({"n": [1]}, index=pd.MultiIndex.from_tuples([("x", "y")]))
    page = tables.show(two, index=True).to_html()
    assert ">level_0<" in page and ">level_1<" in page
    page = tables.show(pd.DataFrame({"n": [5]}), index=True).to_html()
    assert ">index<" in page
    assert ">index<" not in tables.show(pd.DataFrame({"n": [5]})).to_html()


def test_a_region_name_falls_back_on_columns_and_skips_a_blank_first_value():
    three = tables.show(pd.DataFrame({"a": [None], "b": [1], "c": [2]}), caption="")
    assert 'aria-label="Table of a, b, c, 1 row"' in three._repr_html_()
    four = tables.show(pd.DataFrame({"a": ["x"], "b": [1], "c": [2], "d": [3]}))
    assert 'aria-label="Table of a, b, c, …, 1 row, starting with x"' in four._repr_html_()
    for blank in (float("nan"), pd.NA, pd.NaT):
        page = tables.show(pd.DataFrame({"a": [blank]}))._repr_html_()
        assert 'aria-label="Table of a, 1 row"' in page
