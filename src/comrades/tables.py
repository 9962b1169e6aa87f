"""One way to show a table: readable, accessible, and safe with any text in it.

``show(frame)`` returns a pandas Styler that displays like a DataFrame, with three
differences that matter in a lesson:

- the index is hidden, unless it is named (then its name heads its column), so no
  header cell is left empty (axe-core's ``empty-table-header``);
- text columns are left-aligned (pandas and JupyterLab right-align every cell, which
  makes a sentence hard to read); numbers stay right-aligned;
- every cell and label is HTML-escaped: a table may hold text from a student's or a
  teacher's file.

Missing values show as blank cells, dates without a time as ``YYYY-MM-DD``, and long
tables are cut after ``max_rows`` rows with a caption that says so.
"""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

MAX_ROWS = 60


def show(frame: pd.DataFrame, caption: str = "", max_rows: int = MAX_ROWS) -> Styler:
    """``frame`` as an accessible, escaped, left-aligned-text table (a Styler)."""
    named_index = any(name is not None for name in frame.index.names)
    shown = frame.head(max_rows) if len(frame) > max_rows else frame
    if not named_index:  # a hidden index need not be unique, as the Styler wants
        shown = shown.reset_index(drop=True)
    notes = [caption] if caption else []
    if len(frame) > max_rows:
        notes.append(f"The first {max_rows} of {len(frame)} rows.")
    styler = shown.style.format(na_rep="", escape="html")
    styler = styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    if not named_index:
        styler = styler.hide(axis="index")
    for column, formatter in _formatters(shown).items():
        styler = styler.format(formatter, subset=[column], na_rep="")
    styler = styler.set_table_styles(_alignment(shown), overwrite=False)
    if notes:
        styler = styler.set_caption(" ".join(notes))
    return styler


def to_html(frame: pd.DataFrame, caption: str = "", max_rows: int = MAX_ROWS) -> str:
    """The same table as an HTML string, for pages built from several parts."""
    return show(frame, caption, max_rows).to_html()


def is_text(column: pd.Series) -> bool:
    """Columns of words (not numbers, dates or booleans) are read left to right."""
    return not (pd.api.types.is_numeric_dtype(column)
                or pd.api.types.is_datetime64_any_dtype(column)
                or pd.api.types.is_bool_dtype(column))


def _alignment(frame: pd.DataFrame) -> list[dict]:
    styles = []
    for position, name in enumerate(frame.columns):
        if is_text(frame[name]):
            styles.append({"selector": f"td.col{position}, th.col_heading.col{position}",
                           "props": "text-align: left; vertical-align: top;"})
    return styles


def _formatters(frame: pd.DataFrame) -> dict:
    """Dates shown as dates; whole floats (a column with gaps) shown without ``.0``."""
    formatters = {}
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            dates = column.dropna()
            midnight = bool((dates == dates.dt.normalize()).all())
            formatters[name] = "{:%Y-%m-%d}" if midnight else "{:%Y-%m-%d %H:%M}"
        elif pd.api.types.is_float_dtype(column):
            whole = bool((column.dropna() % 1 == 0).all())
            formatters[name] = "{:.0f}" if whole else "{:g}"
    return formatters
