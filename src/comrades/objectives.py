"""The learning objectives of every lesson, by id, and what assesses each.

Each lesson's *Overview* states its objectives, each led by its id in bold (``**O1**``);
the primer's are the coding skills the exercises assess. Every quiz question (the
``objective`` field of a bank, e.g. ``objective = "O2"``) and every exercise task (the
``objective`` given to ``comrades.check.register``) names the objective it serves, as
a full id such as ``"02-O2"`` or ``"P-O3"``. ``coverage()`` says which items serve each
objective; a test fails when an objective has none or an item names an unknown one.

The texts here are short labels for reports; the lesson states each objective in full.
"""

from __future__ import annotations

import re

PRIMER = "P"  # the lesson id of the data primer (notebooks/00b_data_primer.ipynb)

OBJECTIVES: dict[str, dict[str, str]] = {
    "00": {"O1": "describe the 2019 visit and why it mattered",
           "O2": "state the puzzle: shared ideology did not keep the two together",
           "O3": "explain the two-factor lens and dual-role elites in one's own words",
           "O4": "use the lens to predict a relationship and place each phase on it"},
    PRIMER: {"O1": "select and sort rows of a table by a date or a value",
             "O2": "count rows, and count and average them by group (groupby, agg)",
             "O3": "join two tables, splitting a list of ids first (explode, merge)",
             "O4": "reshape a long table into a wide one (pivot) and name its columns",
             "O5": "compute the time between two dates",
             "O6": "draw bar, line and point charts in Altair, with colour and tooltips"},
    "01": {"O1": "tell the story of the two peninsulas, 1945–1954, side by side",
           "O2": "say who recognised the DRV in January 1950, in what order, and why "
                 "some dates are disputed",
           "O3": "explain why relations were measured: shared ideology, no shared interest",
           "O4": "read and judge the course's coding of phase 01 on the lens",
           "O5": "weigh Szalontai's reading against Vu's, with evidence"},
    "02": {"O1": "tell the story of the alliance, 1954–1973",
           "O2": "explain Kim Il-sung's link between the two fronts",
           "O3": "weigh competing figures for the North Korean pilots",
           "O4": "code phase 02 on the lens and judge how well it explains the alliance",
           "O5": "weigh Tuong Vu's reading against Khang Vu's, with evidence"},
    "03": {"O1": "explain why the end of the American war removed the common interest",
           "O2": "describe the quarrels over Cambodia and over Juche",
           "O3": "trace the realignment of 1975–1979 year by year in the data",
           "O4": "weigh how far the lens explains phase 03",
           "O5": "weigh Morris's reading against Vu's, with evidence"},
    "04": {"O1": "explain why leaving Cambodia let Hanoi and Pyongyang mend fences",
           "O2": "place Vietnam's recognition of South Korea among the realignments "
                 "of 1989–1995",
           "O3": "use the explorer to compare Vietnam's relations with the two Koreas",
           "O4": "read the 1990s through the lens and judge that reading",
           "O5": "weigh Nguyễn and Robinson's reading against Vu's, with evidence"},
    "05": {"O1": "tell the story of re-engagement, 2000–2019, with dates and sources",
           "O2": "explain how strains sat beside renewed visits",
           "O3": "count and compare high-level visits, and say what counts can show",
           "O4": "explain with the lens why ties became cordial but not an alliance",
           "O5": "weigh Lê Thu Hương's reading against Vu's, with evidence"},
    "06": {"O1": "summarise 1945–2025 as a sequence of codings on the two factors",
           "O2": "recode the phases and judge where the lens is strong and weak",
           "O3": "explain how dual-role elites and the US presence underpin the forecast",
           "O4": "test the 2023 forecast against the record after it",
           "O5": "weigh Đỗ Diệu Khuê's reading against Vu's, with evidence"},
    "07": {"O1": "build the evidence of the whole relationship from the course's data",
           "O2": "code every phase and compare the lens's predictions with the record",
           "O3": "argue from evidence whether the lens explains the whole relationship"},
}

OBJECTIVE_ID = re.compile(r"(?P<lesson>\d\d|P)-(?P<local>O\d+)")


def full_id(lesson: str, objective: str) -> str:
    """``"02-O3"`` from ``("02", "O3")``; a full id is returned as it is."""
    objective = str(objective).strip()
    return objective if OBJECTIVE_ID.fullmatch(objective) else f"{lesson}-{objective}"


def known(objective_id: str) -> bool:
    match = OBJECTIVE_ID.fullmatch(str(objective_id))
    return match is not None and match["local"] in OBJECTIVES.get(match["lesson"], {})


def all_ids() -> list[str]:
    return [f"{lesson}-{local}" for lesson, items in OBJECTIVES.items() for local in items]


def text(objective_id: str) -> str:
    match = OBJECTIVE_ID.fullmatch(objective_id)
    if not match or not known(objective_id):
        raise KeyError(objective_id)
    return OBJECTIVES[match["lesson"]][match["local"]]
