"""An executed notebook as a static HTML fragment, with nothing loaded from elsewhere.

* Vega-Lite charts become inline SVG (``vl-convert-python``), with their description as
  the SVG's accessible name.
* Widgets are drawn from the widget state nbclient saved: boxes, text and HTML as they
  are, an Output widget's outputs (an explorer's default chart and summary), a choice
  as the list of its options, a slider or a field as its label and value. Buttons are
  left out: nothing can be clicked in a reading copy. A quiz shows its questions and
  options only: its feedback area is empty until a student answers, so no answer or
  explanation is in the saved state.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache
from typing import Any, cast

from comrades import untrusted

VEGA_LITE = re.compile(r"application/vnd\.vegalite\.v\d+\+json")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
Links = Callable[[str], str]


# mistune and Pygments come with JupyterLab; the site extra declares them. Imported when
# first used, so importing this module needs neither.
@cache
def _markdown() -> Callable[[str], str]:
    import mistune

    # mistune types a call for every renderer; the default HTML renderer returns text
    return cast(Callable[[str], str],
                mistune.create_markdown(escape=False, plugins=["table", "strikethrough"]))


@cache
def _formatter():
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(cssclass="highlight")


def code_html(source: str) -> str:
    from pygments import highlight
    from pygments.lexers import PythonLexer

    return highlight(source, PythonLexer(), _formatter())


def code_css() -> str:
    return _formatter().get_style_defs(".highlight")


def notebook_html(notebook: Any, links: Links) -> str:
    """The cells of an executed ``notebook``: markdown, code and outputs."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    parts = []
    extension: int | None = None  # the level of the (extension) heading we are under
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            extension = _extension_level(cell.source, extension)
        kind = " extension" if extension is not None else ""
        if cell.cell_type == "markdown":
            parts.append(f'<div class="cell markdown{kind}">'
                         f"{markdown_html(cell.source, links)}</div>")
        elif cell.cell_type == "code":
            code = code_html(cell.source) if cell.source.strip() else ""
            outputs = "".join(output_html(o, state) for o in cell.get("outputs", []))
            parts.append(f'<div class="cell code{kind}"><details class="source"><summary>Code'
                         f"</summary>{code}</details>{outputs}</div>")
    return "\n".join(parts)


def _extension_level(markdown: str, current: int | None) -> int | None:
    """After this cell, the heading level of the (extension) section we are in, if any: a
    heading marked "(extension)" opens one; a heading of the same or a higher level closes
    it. Print hides these cells, so a printed lesson is its core."""
    for line in markdown.splitlines():
        heading = re.match(r"^(#{1,6})\s", line)
        if not heading:
            continue
        level = len(heading.group(1))
        if current is not None and level <= current:
            current = None
        if current is None and "(extension)" in line:
            current = level
    return current


def markdown_html(text: str, links: Links) -> str:
    """Markdown as HTML: headings get ids, and every ``href`` passes through ``links``."""
    rendered = _markdown()(text)
    rendered = re.sub(r"<(h[1-6])>(.*?)</\1>", _heading, rendered)
    return relink(rendered, links)


def _heading(match: re.Match) -> str:
    tag, inner = match.group(1), match.group(2)
    return f'<{tag} id="{slug(inner)}">{inner}</{tag}>'


def slug(inner_html: str) -> str:
    """A heading's anchor, as JupyterLab makes it: its text with spaces as hyphens."""
    text = html.unescape(re.sub(r"<[^>]+>", "", inner_html)).strip()
    return untrusted.text(text.replace(" ", "-"))


def relink(fragment: str, links: Links) -> str:
    """Every ``<a href>`` rewritten by ``links``; a link it maps to "" becomes plain text."""
    def one(match: re.Match) -> str:
        before, href, after, words = match.groups()
        target = links(html.unescape(href))
        if not target:
            return f'<span class="offsite" title="not part of the reading copy">{words}</span>'
        return f'<a{before}href="{untrusted.text(target)}"{after}>{words}</a>'

    return re.sub(r'<a([^>]*?)href="([^"]*)"([^>]*)>(.*?)</a>', one, fragment, flags=re.S)


def output_html(output: Any, state: dict) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return f'<pre class="stream">{untrusted.text(output.get("text", ""))}</pre>'
    if kind == "error":
        return (f'<pre class="error">{untrusted.text(output.get("ename", ""))}: '
                f'{untrusted.text(output.get("evalue", ""))}</pre>')
    return bundle_html(output.get("data", {}), state)


def bundle_html(data: dict, state: dict) -> str:
    """The richest form of one display bundle that the site can show without scripts."""
    view = data.get(WIDGET_VIEW)
    if view and view.get("model_id") in state:
        return widget_html(view["model_id"], state)
    for mime, value in data.items():
        if VEGA_LITE.fullmatch(mime):
            return chart_svg(value)
    if "image/svg+xml" in data:
        return f'<div class="figure">{_text(data["image/svg+xml"])}</div>'
    if "text/html" in data:
        return f'<div class="html-output">{_text(data["text/html"])}</div>'
    if "image/png" in data:
        return f'<img alt="" src="data:image/png;base64,{_text(data["image/png"]).strip()}">'
    if "text/plain" in data and not view:
        return f'<pre class="plain">{untrusted.text(_text(data["text/plain"]))}</pre>'
    return ""


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def chart_svg(spec: dict) -> str:
    """A Vega-Lite chart as inline SVG, named for screen readers by its description."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec)
    label = untrusted.text(str(spec.get("description") or spec.get("title") or "Chart"))
    svg = re.sub(r"<svg\b", f'<svg role="img" aria-label="{label}"', svg, count=1)
    return f'<figure class="chart">{svg}</figure>'


# -- widgets ------------------------------------------------------------------------------
_BOXES = {"VBoxModel", "BoxModel", "GridBoxModel", "AccordionModel", "TabModel"}
_CHOICES = {"RadioButtonsModel", "SelectModel", "SelectMultipleModel", "ToggleButtonsModel"}
_PICKED = {"DropdownModel", "SelectionSliderModel", "SelectionRangeSliderModel"}
_FIELDS = {"TextModel", "TextareaModel", "IntTextModel", "FloatTextModel",
           "BoundedIntTextModel", "BoundedFloatTextModel"}
QUIZ_NOTE = ('<p class="site-note"><em>In the reading copy the questions are shown '
             "without their answers: launch the notebook to answer them and get feedback."
             "</em></p>")


def widget_html(model_id: str, state: dict, depth: int = 0) -> str:
    """One widget and its children as static HTML (see the module's docstring)."""
    model = state.get(model_id.removeprefix("IPY_MODEL_"))
    if not model or depth > 30:
        return ""
    name, s = model.get("model_name", ""), model.get("state", {})
    if name in _BOXES or name == "HBoxModel":
        inner = "".join(widget_html(c, state, depth + 1) for c in s.get("children", []))
        box = "hbox" if name == "HBoxModel" else "vbox"
        if "quiz" in s.get("_dom_classes", []):
            inner += QUIZ_NOTE
        return f'<div class="widget {box} {_classes(s)}">{inner}</div>'
    if name in ("HTMLModel", "HTMLMathModel"):
        return f'<div class="widget {_classes(s)}">{s.get("value", "")}</div>'
    if name == "LabelModel":
        return f'<div class="widget">{untrusted.text(str(s.get("value", "")))}</div>'
    if name == "OutputModel":
        return "".join(output_html(o, state) for o in s.get("outputs", []))
    return _control_html(name, s)


def _classes(s: dict) -> str:
    """A widget's own CSS classes (its ``_dom_classes``), escaped."""
    return " ".join(untrusted.text(c) for c in s.get("_dom_classes", []))


def _control_html(name: str, s: dict) -> str:
    """A control (a choice, a check box, a slider, a field) with its value as saved."""
    label = untrusted.text(str(s.get("description", "")))
    if name in _CHOICES:
        items = "".join(f"<li>{untrusted.text(str(o))}</li>" for o in s.get("_options_labels", []))
        return f'<div class="widget choice">{_label(label)}<ul>{items}</ul></div>'
    if name in _PICKED:
        return _control(label, " – ".join(map(str, _picked(s))))
    if name == "CheckboxModel":
        mark = "☑" if s.get("value") else "☐"
        return f'<div class="widget">{mark} {label}</div>'
    if name.endswith("SliderModel") or name.endswith("ProgressModel"):
        value = s.get("value")
        shown = " – ".join(map(str, value)) if isinstance(value, list) else str(value)
        return _control(label, shown)
    if name in _FIELDS:
        return _control(label, str(s.get("value") or "") or "\u2003" * 6, field=True)
    return ""


def _picked(s: dict) -> list:
    """The labels of the options a selection widget has picked (one or several)."""
    labels = s.get("_options_labels", [])
    index = s.get("index")
    return [labels[i] for i in (index if isinstance(index, list) else [index])
            if isinstance(i, int) and 0 <= i < len(labels)]


def _label(label: str) -> str:
    return f'<span class="widget-label">{label}</span>' if label else ""


def _control(label: str, value: str, field: bool = False) -> str:
    css = "field" if field else "value"
    return (f'<div class="widget control">{_label(label)} '
            f'<span class="{css}">{untrusted.text(value)}</span></div>')
