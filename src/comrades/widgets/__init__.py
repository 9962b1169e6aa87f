"""Interactive explorers: ipywidgets controls driving a chart from ``comrades.charts``.

Each explorer lives in a module of its own. Its logic is a plain function of the
controls' values (returning a :class:`~comrades.widgets.base.View`), so it is tested
without a browser; :class:`~comrades.widgets.base.Explorer` only wires it to widgets.
Modules are imported on first use, so a lesson pays only for the explorers it shows.

- one module per explorer: ``explore_lens`` (lesson 00; the rule itself is
  :mod:`comrades.lens`), ``peninsulas`` (01), ``two_fronts`` (02), ``realignment`` (03),
  ``hanoi_seoul`` (04), ``visits`` (05), ``recode`` (06);
- ``base`` — the wiring: controls, a written summary, the chart;
- ``precompute`` — a chart built once and refilled on each redraw (the tables and the
  scores it draws come from :mod:`comrades.tablecache` and :mod:`comrades.scores`, a
  floor below, where tasks read them too);
- ``answer`` — the answer boxes of the no-code route (``answer_box("01.9")``): a task
  answered by clicking and typing words, through the same check as a coder's variable;
- ``handin`` — the boxes of graded work: an answer saved whole, never judged there;
- ``marking`` — the teacher's marking desk: written work banded by its rubric;
- ``lab`` — the historian's lab of lesson 06: add a sourced event, see what it changes.
"""

from importlib import import_module

# explorer name -> module that defines it (and its plain view function)
_EXPLORERS = {
    "lens_explorer": "explore_lens", "lens_view": "explore_lens",
    "peninsulas_explorer": "peninsulas",
    "two_fronts_explorer": "two_fronts",
    "realignment_explorer": "realignment",
    "hanoi_seoul_explorer": "hanoi_seoul",
    "visits_explorer": "visits",
    "recode_explorer": "recode",
}
__all__ = ["Explorer", "View", *_EXPLORERS]


def __getattr__(name):
    if name in ("Explorer", "View"):
        return getattr(import_module("comrades.widgets.base"), name)
    if name in _EXPLORERS:
        return getattr(import_module(f"comrades.widgets.{_EXPLORERS[name]}"), name)
    raise AttributeError(f"module 'comrades.widgets' has no attribute '{name}'")
