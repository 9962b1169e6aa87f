"""Notebook 00's explorer: choose how far ideology and interests align; see the lens."""

from __future__ import annotations

import ipywidgets as w

from comrades import data, lens
from comrades.charts import lens_quadrant
from comrades.widgets.base import Explorer, View, labelled

_OPTIONS = [(f"{label} ({score:+d})", score) for score, label in lens.ALIGNMENT.items()]


def lens_view(ideology: int, interests: int, phases=None) -> View:
    """The lens's prediction for the chosen scores, and the phases coded that way."""
    phases = data.phases() if phases is None else phases
    reading = lens.read(ideology, interests, phases)
    return View(lens_quadrant(phases, ideology, interests), f"<p>{reading.sentence}</p>")


def lens_explorer(ideology: int = 2, interests: int = 2) -> Explorer:
    phases = data.phases()
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
                    lambda ideology, interests: lens_view(ideology, interests, phases),
                    intro="Code a relationship in the two drop-downs (Tab to one, then use "
                          "the arrow keys); the lens predicts the result, and the chart shows "
                          "which phases of the course are coded that way.")
