"""The realignment of 1973–1989, year by year: which coded pairs among Vietnam, North
Korea, China, Cambodia, the USSR and the USA changed score, and why.

The plain tables behind notebook 03's explorer (``comrades.widgets.realignment``) and
task 03.10, kept apart from drawing so that a task can count changes without loading a
chart library.
"""

from __future__ import annotations

import pandas as pd

from comrades import vocab
from comrades.scores import Scores, scores_of
from comrades.tablecache import shared

# The coded dyads among the six, in the order the summary and heat map list them.
DYADS = ("VNM-PRK", "VNM-CHN", "PRK-CHN", "VNM-KHM", "PRK-KHM", "VNM-SUN", "PRK-SUN",
         "VNM-USA", "PRK-USA")

COLUMNS = ["dyad", "between", "year", "score", "meaning", "score_year_before",
           "changed", "score_since", "rationale", "source_ids"]


def year_rows(year: int, scores: Scores) -> list[dict]:
    """One row per coded dyad of the six states in ``year`` (see :func:`year_table`)."""
    rows = []
    for dyad in DYADS:
        score = scores.at(dyad, year)
        if score is None:
            continue
        previous = scores.at(dyad, year - 1)
        reason = scores.reason(dyad, year)
        rows.append({
            "dyad": dyad, "between": vocab.dyad_name(dyad, year), "year": year, "score": score,
            "meaning": vocab.SCORE_WORDS[score], "score_year_before": previous,
            "changed": previous is not None and previous != score,
            "score_since": reason[0] if reason else year,
            "rationale": reason[1] if reason else "",
            "source_ids": reason[2] if reason else "",
        })
    return rows


def year_table(year: int, relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per coded dyad of the six states in ``year``: its score, the year before,
    whether it changed, and the rationale and sources of the change that set the score.

    A dyad that did not yet exist in ``year`` is left out; an empty table is returned for
    a year without scores.
    """
    relations = shared("relations") if relations is None else relations
    table = pd.DataFrame(year_rows(int(year), scores_of(relations)), columns=COLUMNS)
    return table.astype({"score_year_before": "Int64"})


def changes(year: int, relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """The dyads whose score in ``year`` differs from the year before."""
    table = year_table(year, relations)
    return table[table["changed"]].reset_index(drop=True)
