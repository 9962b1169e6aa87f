"""One way to show a table: readable, accessible, and safe with any text in it.

``show(frame)`` returns a pandas Styler that displays like a DataFrame (and can be
styled further, e.g. with ``.bar``); ``to_html(frame)`` writes the same table as an HTML
string by hand, for the text view under every chart, which an explorer rebuilds at each
control change and where a Styler would cost more than the whole redraw. Both follow the
same rules, and the tests hold them to it:

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

import html
import numbers

import pandas as pd
from pandas.io.formats.style import Styler

from comrades.untrusted import markup, render
from comrades.untrusted import text as _escape

MAX_ROWS = 60


class ScrollableTable(Styler):
    """A Styler shown inside a region that scrolls sideways and takes keyboard focus.

    A table wider than its notebook cell would otherwise make the output area scroll,
    and a scrolling area with nothing focusable in it cannot be reached from the
    keyboard (axe-core: ``scrollable-region-focusable``). ``tabindex="0"`` lets a
    keyboard user focus the region and scroll it with the arrow keys.
    """

    def _repr_html_(self) -> str | None:
        inner = super()._repr_html_()
        if inner is None:
            return None
        return str(render(REGION, label=self.region_name(), inner=markup(inner)))

    def region_name(self) -> str:
        """The region's accessible name: the table's caption (which :func:`show` has
        already escaped for the Styler), else its columns, its size and its first value, so that
        two tables on a page are two distinct regions (axe-core: landmark-unique), even
        two views of one table such as the data primer shows."""
        if isinstance(self.caption, str) and self.caption:
            return html.unescape(self.caption)
        columns = [str(c) for c in self.data.columns]
        if not columns:
            return "Table"
        shown = ", ".join(columns[:3]) + (", …" if len(columns) > 3 else "")
        rows = len(self.data)
        named = f"Table of {shown}, {rows} row{'s' * (rows != 1)}"
        first = str(self.data.iat[0, 0]) if rows else ""
        if not first or first in ("nan", "None", "<NA>", "NaT") or len(first) > 40:
            return named
        return f"{named}, starting with {first}"


REGION = ('<div class="comrades-table" role="region" tabindex="0" aria-label="{{ label }}" '
          'style="overflow-x: auto; max-width: 100%;">{{ inner }}</div>')


def show(frame: pd.DataFrame, caption: str = "", max_rows: int = MAX_ROWS,
         formats: dict[str, str] | None = None, index: bool = False) -> Styler:
    """``frame`` as an accessible, escaped, left-aligned-text table (a Styler).

    ``formats`` maps columns to format strings for their numbers (e.g.
    ``{"share": "{:.0%}"}``); any other value in such a column is shown as escaped text.
    A named index (a phase, a dyad) is shown as the first columns, headed by its names;
    with ``index`` an unnamed one is too, headed "index" as pandas' ``reset_index`` names
    it. Every header cell thus has a name (axe-core: empty-table-header).
    """
    if index or any(name is not None for name in frame.index.names):
        frame = _index_as_columns(frame)
    shown = (frame.head(max_rows) if len(frame) > max_rows else frame).reset_index(drop=True)
    notes = [caption] if caption else []
    if len(frame) > max_rows:
        notes.append(f"The first {max_rows} of {len(frame)} rows.")
    styler = ScrollableTable(shown).format(na_rep="", escape="html")
    styler = styler.format_index(escape="html", axis=1).hide(axis="index")
    for column, formatter in {**_formatters(shown), **(formats or {})}.items():
        styler = styler.format(_only_numbers(formatter) if column in (formats or {})
                               else formatter, subset=[column], na_rep="", escape="html")
    styler = styler.set_table_styles(_alignment(shown), overwrite=False)
    if notes:  # the Styler writes its caption as it is, too
        styler = styler.set_caption(_escape(" ".join(notes)))
    return styler


def _index_as_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The index as ordinary leading columns; a level without a name is "index" (or
    "level_N"), one whose name a column already has gets " (index)" added."""
    names = [name if name is not None else ("index" if frame.index.nlevels == 1
                                            else f"level_{n}")
             for n, name in enumerate(frame.index.names)]
    names = [f"{name} (index)" if name in frame.columns else name for name in names]
    return frame.rename_axis(index=names).reset_index()


def show_dataframes() -> None:
    """Show every table this kernel displays through :func:`show`, its index as named
    columns (for the data primer, whose plain pandas tables a screen reader cannot name:
    pandas leaves the index's header cell empty)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        html = shell.display_formatter.formatters["text/html"]
        html.for_type(pd.DataFrame, lambda frame: show(frame, index=True)._repr_html_())


def to_html(frame: pd.DataFrame, caption: str = "", max_rows: int = MAX_ROWS) -> str:
    """The same table as an HTML string, written directly (fast enough for a redraw)."""
    named_index = any(name is not None for name in frame.index.names)
    shown = frame.head(max_rows)
    formats = _formatters(shown)
    left = {name: is_text(shown[name]) for name in shown.columns}
    align = ' style="text-align: left; vertical-align: top;"'
    index_head = "".join(f'<th scope="col">{_escape(name)}</th>' for name in
                         shown.index.names) if named_index else ""
    head = index_head + "".join(f'<th scope="col"{align if left[name] else ""}>'
                                f"{_escape(name)}</th>" for name in shown.columns)
    rows = []
    for label, values in zip(shown.index, shown.itertuples(index=False, name=None),
                             strict=True):
        labels = label if isinstance(label, tuple) else (label,)
        cells = "".join(f'<th scope="row">{_escape(value)}</th>' for value in labels) \
            if named_index else ""
        cells += "".join(f"<td{align if left[name] else ''}>"
                         f"{_cell(value, formats.get(name))}</td>"
                         for name, value in zip(shown.columns, values, strict=True))
        rows.append(f"<tr>{cells}</tr>")
    notes = [caption] if caption else []
    if len(frame) > max_rows:
        notes.append(f"The first {max_rows} of {len(frame)} rows.")
    caption_html = f"<caption>{_escape(' '.join(notes))}</caption>" if notes else ""
    return (f'<table class="dataframe comrades-data">{caption_html}<thead><tr>{head}</tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table>")


def _cell(value, spec: str | None) -> str:
    """One cell as escaped text; a gap is blank."""
    try:
        missing = bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array in a cell
        missing = False
    if missing:
        return ""
    if spec is not None:
        try:
            return _escape(spec.format(value))
        except (TypeError, ValueError):
            pass
    return _escape(value)


def _only_numbers(spec: str):
    """``spec`` for numbers; any other value (a student's text, say) as it is."""
    def format_value(value) -> str:
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            return spec.format(value)
        return str(value)
    return format_value


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
