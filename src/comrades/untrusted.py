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

**The one HTML path.** Everything the course renders as HTML goes through
:func:`render` (a Jinja2 template with autoescape on, so every value is escaped unless
it is explicitly :func:`markup` the course itself built) or, for a single value,
:func:`text`. No module writes ``html.escape`` or builds markup from values with
f-strings: escaping is the default, not a discipline.
"""

from __future__ import annotations

import html
from functools import lru_cache

import jinja2
from markupsafe import Markup

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


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


@lru_cache(maxsize=256)
def template(source: str) -> jinja2.Template:
    """``source`` compiled once as an autoescaping template (missing names raise)."""
    return _environment().from_string(source)


def render(source: str, /, **values) -> Markup:
    """``source`` filled with ``values``, every value escaped unless it is :func:`markup`."""
    return Markup(template(source).render(**values))


def markup(trusted_html: str) -> Markup:
    """HTML the course built itself (through :func:`render` or a chart library), marked
    so that :func:`render` inserts it as it is. Never pass text read from a file here."""
    return Markup(trusted_html)
