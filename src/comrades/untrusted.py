"""Values that come from a student's or a teacher's file are data, never code.

Two places turn data into code if nobody stops them:

* **HTML.** A pandas ``Styler`` renders cell values as markup unless told otherwise, so
  an item id such as ``03.<img src=x onerror=…>`` in a student's export would run
  script in the teacher's JupyterLab. :func:`comrades.tables.show` is the one way the
  course shows a table (every cell and every label escaped); :func:`text` escapes a
  single value for HTML the course writes itself.
* **Spreadsheets.** A CSV cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return is read as a formula by Excel, LibreOffice and Google Sheets (the
  OWASP "CSV injection" rule). :func:`csv_cell` prefixes such a cell with a single
  quote, which a spreadsheet shows as text; :func:`csv_value` takes the quote off again
  when the course reads its own file back. A cell that itself begins with a quote gets
  one more, so the round trip is exact for every value (``-3`` stays ``-3``).
"""

from __future__ import annotations

import html

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def csv_cell(value) -> str:
    """``value`` as a CSV cell no spreadsheet will run as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS + (QUOTE,)):
        return QUOTE + text
    return text


def csv_value(cell: str) -> str:
    """The value a :func:`csv_cell` cell was made from."""
    return cell[1:] if cell.startswith(QUOTE) else cell


def csv_row(values) -> list[str]:
    """Every cell of a row through :func:`csv_cell`."""
    return [csv_cell(value) for value in values]


def text(value) -> str:
    """Any value as HTML text (``<`` becomes ``&lt;``, quotes are escaped too)."""
    return html.escape("" if value is None else str(value), quote=True)
