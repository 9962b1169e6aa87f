"""The one place text from a student's or teacher's file is made safe: for a
spreadsheet (a formula is never run) and for HTML (markup is never live)."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from comrades import untrusted


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "'quoted"])
def test_a_cell_that_a_spreadsheet_would_run_is_quoted_and_read_back(value):
    cell = untrusted.csv_cell(value)
    assert cell == "'" + value and untrusted.csv_value(cell) == value


@pytest.mark.parametrize(("value", "cell"), [(None, ""), ("", ""), ("plain", "plain"),
                                             (12, "12"), (1.5, "1.5"), ("a=b", "a=b")])
def test_an_ordinary_cell_is_left_as_it_is(value, cell):
    assert untrusted.csv_cell(value) == cell and untrusted.csv_value(cell) == cell


def test_a_row_is_made_safe_cell_by_cell():
    assert untrusted.csv_row(["=A1", None, 3]) == ["'=A1", "", "3"]


@pytest.mark.parametrize(("value", "html"), [
    (None, ""), ("", ""), ("<b>", "&lt;b&gt;"), ('"x"', "&quot;x&quot;"),
    ("'y'", "&#x27;y&#x27;"), ("a & b", "a &amp; b"), (3, "3")])
def test_text_is_escaped_for_html_quotes_included(value, html):
    assert untrusted.text(value) == html


def test_a_template_escapes_its_values_but_not_its_own_markup():
    shown = untrusted.render("<p>{{ name }}</p>", name="<script>alert(1)</script>")
    assert shown == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert isinstance(shown, Markup)
    trusted = untrusted.render("<div>{{ part }}</div>", part=untrusted.markup("<em>ok</em>"))
    assert trusted == "<div><em>ok</em></div>"


def test_html_is_escaped_in_one_place_only():
    """Issue 24.1 / 25.2: every value the course puts into HTML is escaped by
    ``untrusted.text`` or a ``untrusted.render`` template; no module calls
    ``html.escape`` (or imports ``escape``) itself."""
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "src" / "comrades"
    found = [f"{path.relative_to(package)}:{n}" for path in sorted(package.rglob("*.py"))
             if path.name != "untrusted.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"\bhtml\.escape\(|from html import[^\n]*\bescape\b|"
                          r"markupsafe\.escape\(", line)]
    assert not found, found
