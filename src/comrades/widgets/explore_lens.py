"""Notebook 00's explorer of the lens: choose how far ideology and interests align; see
what the lens (:mod:`comrades.lens`, the rule itself) predicts and which phases are
coded that way.

The chart (:func:`comrades.charts.lens_quadrant`) is built once; a redraw only moves the
outlined square and rewrites the words.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import pandas as pd

from comrades import lens, vocab
from comrades.charts import lens_description, lens_quadrant, phase_positions
from comrades.tablecache import once_per_tables, shared
from comrades.widgets.base import Explorer, View, labelled
from comrades.widgets.precompute import ChartTemplate

_OPTIONS = vocab.alignment_options()


@dataclass
class Prepared:
    phases: pd.DataFrame
    placed: pd.DataFrame
    table: pd.DataFrame
    template: ChartTemplate


def prepare(phases=None) -> Prepared:
    return once_per_tables(_prepare, shared("phases") if phases is None else phases)


def _prepare(phases) -> Prepared:
    figure = lens_quadrant(phases, 2, 2)
    template = ChartTemplate.build(figure.chart, inline={
        "chosen": lambda rows: rows == [{"ideology": 2, "interests": 2}]})
    return Prepared(phases, phase_positions(phases), figure.table, template)


def lens_view(ideology: int, interests: int, phases=None) -> View:
    """The lens's prediction for the chosen scores, and the phases coded that way."""
    return view_of(ideology, interests, prepare(phases))


def view_of(ideology: int, interests: int, prepared: Prepared) -> View:
    reading = lens.read(ideology, interests, prepared.phases)
    figure = prepared.template.fill(
        {"chosen": [{"ideology": ideology, "interests": interests}]},
        lens_description(prepared.placed, ideology, interests), "The two-factor lens",
        prepared.table)
    return View(figure, f"<p>{reading.sentence}</p>")


def lens_explorer(ideology: int = 2, interests: int = 2) -> Explorer:
    prepared = prepare()
    controls = {
        "ideology": labelled(w.SelectionSlider(
            options=_OPTIONS, value=ideology, description="Party ideology alignment",
            continuous_update=False), "How far the two ruling parties' ideas agree"),
        "interests": labelled(w.SelectionSlider(
            options=_OPTIONS, value=interests, description="State interests alignment",
            continuous_update=False), "How far the two states' security and economic "
                                      "interests agree"),
    }
    return Explorer("Explore the two-factor lens", controls,
                    lambda ideology, interests: view_of(ideology, interests, prepared),
                    intro="Code a relationship in the two drop-downs (Tab to one, then use "
                          "the arrow keys); the lens predicts the result, and the chart shows "
                          "which phases of the course are coded that way.")
