"""The wiring every explorer shares: controls → a pure view function → chart and text."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as w

from comrades.charts import Figure


@dataclass
class View:
    """What an explorer shows for one set of control values."""

    figure: Figure | None
    summary: str  # HTML: the answer to the student's question, in words


class Explorer:
    """Controls on top, a written summary, then the chart (with its text description).

    ``view`` is called with the controls' values as keyword arguments whenever one
    changes. A failure in ``view`` is shown as a message, never as a traceback, and the
    previous chart stays on screen.
    """

    def __init__(self, title: str, controls: dict[str, w.ValueWidget],
                 view: Callable[..., View], intro: str = ""):
        self.controls = controls
        self.view = view
        self.summary = w.HTML(layout=w.Layout(min_height="2.5em"))
        self.summary.add_class("explorer-summary")
        self.output = w.Output(layout=w.Layout(min_height="320px"))
        heading = w.HTML(f"<h4 style='margin:0'>{html.escape(title)}</h4>"
                         + (f"<p style='margin:0.2em 0'>{intro}</p>" if intro else ""))
        rows = [heading, w.VBox(list(controls.values())), self.summary, self.output]
        self.widget = w.VBox(rows, layout=w.Layout(border="1px solid #ccc",
                                                   padding="0.6em"))
        self.widget.add_class("comrades-explorer")
        for control in controls.values():
            control.observe(self.update, names="value")
        self.update()

    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def update(self, change=None) -> View | None:
        try:
            view = self.view(**self.values())
        except Exception as err:  # a student's odd choice must not break the lesson
            self.summary.value = (f"<p style='color:#D55E00'>This combination cannot be "
                                  f"shown: {html.escape(str(err))}</p>")
            return None
        self.summary.value = view.summary
        # Output.outputs is set directly (not `with self.output:`), which works in a
        # kernel without a frontend too, so tests see what a student would.
        outputs = [] if view.figure is None else view.figure.mimebundles()
        self.output.outputs = tuple({"output_type": "display_data", "data": bundle,
                                     "metadata": {}} for bundle in outputs)
        return view

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def labelled(control: w.ValueWidget, tooltip: str = "") -> w.ValueWidget:
    """Give a control room for its label (read by screen readers) and a tooltip."""
    control.style = {"description_width": "initial"}
    if isinstance(control, w.SelectionSlider | w.IntSlider | w.IntRangeSlider
                  | w.SelectionRangeSlider):
        # wide enough for the label, a usable track and the full read-out
        control.layout.width = "min(100%, 620px)"
    if tooltip:
        control.tooltip = tooltip
    return control
