"""Try-it tasks of the data primer (notebooks/00b_data_primer.ipynb), ids P.1 … P.6.

Each practises one technique the exercises use, on data the exercises do not ask about,
so the primer never hands out an exercise's answer.
"""

from __future__ import annotations

import pandas as pd

from comrades import data
from comrades.check import register
from comrades.tasks.kinds import Channel, Chart, Column, Count, Days, Table, rows_problem

DECADE = (1960, 1969)  # P.1: events that begin in the 1960s
VISIT = "E096"  # P.3: Kim Jong-un's official visit of 2019, joined to its sources
PIVOT_DYADS, PIVOT_YEARS = ["VNM-PRK", "VNM-KOR"], (1990, 1995)  # P.4
FIRST, SECOND = "E020", "E021"  # P.5: Hồ Chí Minh's visit, then Kim Il-sung's
LINE_DYAD = "VNM-PRK"  # P.6


def sixties() -> pd.DataFrame:
    events = data.events()
    return events[events["start_date"].dt.year.between(*DECADE)]


def per_phase() -> pd.DataFrame:
    counts = data.events()["phase"].value_counts()
    return pd.DataFrame({"phase": counts.index.astype(str), "count": counts.to_numpy()})


def visit_sources() -> pd.DataFrame:
    events = data.events()
    visit = events[events["event_id"] == VISIT].assign(
        source_id=lambda t: t["source_ids"].str.split(";")).explode("source_id")
    return visit.merge(data.sources(), on="source_id")[["source_id", "author"]]


def wide_scores() -> pd.DataFrame:
    relations = data.relations()
    chosen = relations[relations["dyad"].isin(PIVOT_DYADS)
                       & relations["year"].between(*PIVOT_YEARS)]
    return chosen.pivot(index="year", columns="dyad", values="score").reset_index()


def days_between_visits() -> int:
    events = data.events().set_index("event_id")
    return int((events.at[SECOND, "start_date"] - events.at[FIRST, "start_date"]).days)


def line_rows() -> pd.DataFrame:
    relations = data.relations()
    return relations[relations["dyad"] == LINE_DYAD][["year", "score"]]


register("P.1", Count(lambda: len(sixties()), f"number of events that begin in "
                      f"{DECADE[0]}–{DECADE[1]}"), objective="O1")
register("P.2", Table(per_phase, keys=[Column("phase", "phase")],
                      values=[Column("count", "whole")], what="the events counted by phase",
                      row="phase", series=True), objective="O2")
register("P.3", Table(visit_sources, keys=[Column("source_id", "id")],
                      values=[Column("author", "text")],
                      what=f"the sources of {VISIT} with their authors", row="source"),
         objective="O3")
register("P.4", Table(wide_scores, keys=[Column("year", "whole")],
                      values=[Column(d, "whole") for d in PIVOT_DYADS],
                      what="the scores of Vietnam–North Korea and Vietnam–South Korea, "
                           "one row per year",
                      row="year"), objective="O4")
register("P.5", Days(days_between_visits, f"number of days from {FIRST} to {SECOND}"),
         objective="O5")
register("P.6", Chart(("line",), channels=[
    Channel(("x",), ("year",), say="put year on x"),
    Channel(("y",), ("score",), say="put score on y"),
], rows=rows_problem(Table(line_rows, keys=[Column("year", "whole")],
                           what=f"the Vietnam–North Korea ({LINE_DYAD}) scores",
                           row="year"))), objective="O6")
