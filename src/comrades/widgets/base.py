"""The wiring every explorer shares: controls → a pure view function → chart and text."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import ipywidgets as w
import traitlets

from comrades import untrusted
from comrades.charts import VEGA_LITE_MIMETYPE, Figure

# JupyterLab reads Up/Down (and letters) pressed on a focused drop-down, list or radio
# button in a notebook's output as notebook commands: Down moves to the next cell instead
# of choosing the next option, and the focus leaves the explorer. Lumino skips its
# shortcuts for keys pressed on an element marked data-lm-suppress-shortcuts (the mark
# must be on the control itself: the focused element matches the shortcut first), and
# ipywidgets offers no way to set an attribute, so this script, shown with every chart
# (a notebook the student ran is trusted, and JupyterLab runs scripts in trusted HTML),
# marks the explorer's controls once they are on the page.
KEYS_STAY = """<script>
(function (me) {
  var controls = '.explorer-controls :is(input, select, textarea, button)';
  function mark(explorer) {
    explorer.querySelectorAll(controls).forEach(function (control) {
      control.setAttribute('data-lm-suppress-shortcuts', 'true');
    });
  }
  var tries = 0;
  (function find() {
    var explorer = me.closest('.comrades-explorer');
    if (!explorer) {
      if (!me.isConnected && tries++ < 200) setTimeout(find, 50);
      return;
    }
    mark(explorer);
    if (explorer.dataset.keysStay) return;  // one watcher per explorer
    explorer.dataset.keysStay = 'true';
    // Widget views are drawn one by one: mark controls drawn after this script ran.
    new MutationObserver(function () { mark(explorer); })
      .observe(explorer, {childList: true, subtree: true});
  })();
})(document.currentScript);
</script>"""


# JupyterLab's Vega renderer, once it has drawn a chart that has no PNG beside it, draws it
# again as a PNG and puts that into the output, for a saved notebook to show without Vega;
# putting it there makes the output draw the chart a second time. An explorer's chart is
# in an Output widget, whose saved outputs are the kernel's, so the copy is never kept:
# the two extra drawings only delayed the chart after each control change (about 40 of
# 100-150 ms, `make bench`). With a PNG present the renderer does neither; the one sent
# says what a reader of a saved copy without Vega (which shows the PNG) can do. Made by
# tools/build_chart_standin.py.
CHART_STANDIN = base64.b64encode(
    resources.files("comrades.widgets").joinpath("chart-standin.png").read_bytes()).decode()


def with_standin(outputs: list[dict]) -> list[dict]:
    """``outputs`` with the stand-in picture beside each chart that has no picture."""
    return [{**o, "data": {**o["data"], "image/png": CHART_STANDIN}}
            if VEGA_LITE_MIMETYPE in o.get("data", {}) and "image/png" not in o["data"]
            else o for o in outputs]


@dataclass
class View:
    """What an explorer shows for one set of control values."""

    figure: Figure | None
    summary: str  # HTML: the answer to the student's question, in words


class Explorer:
    """Controls on top, a written summary, then the chart (with its text description).

    The title is a heading of ``level`` (3: it sits inside a lesson's ``##`` section,
    or just after a ``###`` one, without skipping a level). ``view`` is called with the
    controls' values as keyword arguments whenever one changes. A failure in ``view`` is
    shown as a message, never as a traceback, and the previous chart stays on screen.
    """

    # Set by an explorer that can put its controls back as they started (recode).
    reset: Callable[..., None]

    def __init__(self, title: str, controls: dict[str, w.ValueWidget],
                 view: Callable[..., View], intro: str = "", level: int = 3):
        self.controls = controls
        self.view = view
        self.summary = w.HTML(layout=w.Layout(min_height="2.5em"))
        self.summary.add_class("explorer-summary")
        self.output = w.Output(layout=w.Layout(min_height="320px"))
        heading = w.HTML(f"<h{level} style='margin:0'>{untrusted.text(title)}</h{level}>"
                         + (f"<p style='margin:0.2em 0'>{intro}</p>" if intro else ""))
        controls_box = w.VBox(list(controls.values()))
        controls_box.add_class("explorer-controls")
        rows = [heading, controls_box, self.summary, self.output]
        self.widget = w.VBox(rows, layout=w.Layout(border="1px solid #ccc",
                                                   padding="0.6em"))
        self.widget.add_class("comrades-explorer")
        for control in controls.values():
            control.observe(self.update, names="value")
        self.update()

    def arrange(self, box: w.Box) -> None:
        """Lay the controls out in ``box`` (which holds them) instead of one column.

        The box keeps the controls' mark, so the keyboard fix above still finds them.
        """
        box.add_class("explorer-controls")
        heading, _old, summary, output = self.widget.children
        self.widget.children = (heading, box, summary, output)

    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def update(self, change=None) -> View | None:
        try:
            view = self.view(**self.values())
        except Exception as err:  # a student's odd choice must not break the lesson
            self.summary.value = (f"<p style='color:#D55E00'>This combination cannot be "
                                  f"shown: {untrusted.text(str(err))}</p>")
            return None
        self.summary.value = view.summary
        # Output.outputs is set directly (not `with self.output:`), which works in a
        # kernel without a frontend too, so tests see what a student would.
        outputs = [] if view.figure is None else with_standin(view.figure.outputs())
        if outputs and "text/html" in outputs[-1]["data"]:
            data = outputs[-1]["data"]
            outputs[-1] = {**outputs[-1], "data": {**data,
                                                   "text/html": data["text/html"] + KEYS_STAY}}
        self.output.outputs = tuple(outputs)
        return view

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def labelled(control: w.ValueWidget, tooltip: str = "") -> w.ValueWidget:
    """Give a control room for its label (read by screen readers) and a tooltip.

    Sliders are swapped for labelled equivalents first (see :func:`accessible`), so
    every explorer's controls are named for screen readers and work from the keyboard.
    """
    control = accessible(control)
    boxes = control.children if isinstance(control, RangeInput) else (control,)
    for box in boxes:
        box.style = {"description_width": "initial"}
        if tooltip:
            box.tooltip = tooltip
    if tooltip:
        control.tooltip = tooltip
    return control


def accessible(control: w.ValueWidget) -> w.ValueWidget:
    """The same choice as ``control``, in a form screen readers can name.

    ipywidgets 8 draws a slider's handle with ``role="slider"`` but no accessible name:
    the description is not tied to it (ipywidgets issue 2650), and nothing in Python
    can add one. So an ``IntSlider`` becomes a number box, an ``IntRangeSlider`` two
    (first and last), a ``SelectionSlider`` a drop-down; each is labelled by its
    description, keeps the slider's bounds, step and value, and changes with the arrow
    keys as the slider did (a number can also be typed). Other controls pass through.
    """
    if isinstance(control, w.IntRangeSlider):
        return RangeInput(control)
    if isinstance(control, w.IntSlider):
        return w.BoundedIntText(**_number_box(control, control.value, control.description))
    if isinstance(control, w.SelectionSlider):
        return w.Dropdown(options=control.options, value=control.value,
                          description=control.description,
                          layout=w.Layout(width="min(100%, 460px)"))  # label and choice
    return control


def _number_box(slider: w.ValueWidget, value: int, description: str) -> dict:
    return {"value": value, "min": slider.min, "max": slider.max, "step": slider.step,
            "description": description, "continuous_update": False,
            "layout": w.Layout(width="auto")}


class RangeInput(w.HBox):
    """Two labelled number boxes, first and last, in place of an ``IntRangeSlider``.

    ``value`` is the ``(first, last)`` pair, as the slider's was; setting it moves the
    boxes, and typing in a box sets it. Moving one box past the other moves both, so
    ``first <= last`` always holds.
    """

    value = traitlets.Tuple()
    # Kept here, not sent to the browser: ipywidgets 8 cannot draw a box with a tooltip
    # (its view reads the description a box lacks). The boxes carry it instead.
    tooltip = traitlets.Unicode(None, allow_none=True)

    def __init__(self, slider: w.IntRangeSlider):
        first, last = slider.value
        self.description = slider.description
        self.min, self.max = slider.min, slider.max
        self.first = w.BoundedIntText(**_number_box(slider, first, f"{slider.description} from"))
        self.last = w.BoundedIntText(**_number_box(slider, last, "to"))
        self._syncing = False
        super().__init__([self.first, self.last])
        self.value = (first, last)
        for box in (self.first, self.last):
            box.observe(self._from_boxes, names="value")
        self.observe(self._to_boxes, names="value")

    def _from_boxes(self, change) -> None:
        if self._syncing:
            return
        first, last = self.first.value, self.last.value
        if first > last:  # the box just changed pushes the other along
            other = self.last if change["owner"] is self.first else self.first
            other.value = change["new"]
            return  # that change comes back here, with the pair in order
        self.value = (first, last)

    @traitlets.validate("value")
    def _in_order_and_bounds(self, proposal) -> tuple[int, int]:
        return tuple(sorted(max(self.min, min(self.max, int(v))) for v in proposal["value"]))

    def _to_boxes(self, change) -> None:
        self._syncing = True
        try:
            self.first.value, self.last.value = change["new"]
        finally:
            self._syncing = False
