"""Notebook 03's explorer: the bloc breaks apart. Choose a year of 1973–1989 and see who
stood with whom among Vietnam, North Korea, China, Cambodia, the USSR and the USA, and
what changed since the year before, with the course's rationale for each change.

The scores are the yearly dyad scores of ``data/relations.csv`` (the course's coding,
-2 hostile … +2 allied). Only the pairs that the data codes are drawn: every coded
dyad of the period includes Vietnam or North Korea, so China–Cambodia, China–USSR and
the like are not shown (the description says so).
"""

from __future__ import annotations

import html

import altair as alt
import ipywidgets as w
import pandas as pd

from comrades import data
from comrades.charts import OKABE_ITO, Figure, dyad_heatmap, make_figure
from comrades.widgets.base import Explorer, View, labelled

FIRST_YEAR, LAST_YEAR = 1973, 1989

# The six states, placed as on a map: the two protagonists in the middle.
ACTORS = ("VNM", "PRK", "CHN", "KHM", "SUN", "USA")
SHORT_NAMES = {"VNM": "Vietnam", "PRK": "North Korea", "CHN": "China",
               "KHM": "Cambodia", "SUN": "USSR", "USA": "USA"}
POSITIONS = {"SUN": (1.0, 3.0), "CHN": (2.0, 2.2), "PRK": (3.2, 3.0),
             "VNM": (1.8, 0.8), "KHM": (0.6, 0.0), "USA": (3.6, 0.6)}
# The coded dyads among the six, in the order the summary and heat map list them.
DYADS = ("VNM-PRK", "VNM-CHN", "PRK-CHN", "VNM-KHM", "PRK-KHM", "VNM-SUN", "PRK-SUN",
         "VNM-USA", "PRK-USA")
SCORE_WORDS = {-2: "hostile", -1: "strained", 0: "neutral", 1: "friendly", 2: "allied"}
# Okabe–Ito colours, -2 … 2; neutral is grey so that it shows on a white background.
EDGE_COLOURS = [OKABE_ITO["vermillion"], OKABE_ITO["orange"], OKABE_ITO["grey"],
                OKABE_ITO["sky blue"], OKABE_ITO["blue"]]
VIEWS = (("Network of the six states", "network"),
         ("Heat map, 1973–1989", "heatmap"))


def pair_name(dyad: str) -> str:
    """'VNM-PRK' -> 'Vietnam–North Korea'."""
    return "–".join(SHORT_NAMES.get(code, code) for code in dyad.split("-"))


def signed(score: int) -> str:
    """+2, +1, 0, -1, -2: a score as the summary writes it."""
    return f"{int(score):+d}" if int(score) else "0"


def _score_text(score) -> str:
    return "no score" if score is None or pd.isna(score) else \
        f"{SCORE_WORDS[int(score)]} ({signed(score)})"


def year_table(year: int, relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per coded dyad of the six states in ``year``: its score, the year before,
    whether it changed, and the rationale and sources of the change that set the score.

    A dyad that did not yet exist in ``year`` is left out; an empty table is returned for
    a year without scores.
    """
    relations = data.relations() if relations is None else relations
    columns = ["dyad", "between", "year", "score", "meaning", "score_year_before",
               "changed", "score_since", "rationale", "source_ids"]
    rows = []
    for dyad in DYADS:
        history = relations[(relations["dyad"] == dyad)
                            & (relations["year"] <= year)].sort_values("year")
        if history.empty or int(history["year"].iloc[-1]) != year:
            continue
        score = int(history["score"].iloc[-1])
        before = history[history["year"] == year - 1]
        previous = int(before["score"].iloc[0]) if len(before) else None
        # The row that set the current score: the last row with a rationale.
        reasons = history[history["rationale"].fillna("") != ""]
        reason = reasons.iloc[-1] if len(reasons) else None
        rows.append({
            "dyad": dyad, "between": pair_name(dyad), "year": year, "score": score,
            "meaning": SCORE_WORDS[score], "score_year_before": previous,
            "changed": previous is not None and previous != score,
            "score_since": int(reason["year"]) if reason is not None else year,
            "rationale": "" if reason is None else str(reason["rationale"]),
            "source_ids": "" if reason is None else str(reason["source_ids"] or ""),
        })
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({"score_year_before": "Int64"})


def changes(year: int, relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """The dyads whose score in ``year`` differs from the year before."""
    table = year_table(year, relations)
    return table[table["changed"]].reset_index(drop=True)


def partners(table: pd.DataFrame, actor: str) -> dict[str, list[str]]:
    """For one state, its friends (score ≥ 1), adversaries (≤ −1) and neutrals in a year."""
    found = {"with": [], "against": [], "neutral": []}
    for row in table.itertuples():
        a, b = row.dyad.split("-")
        if actor not in (a, b):
            continue
        other = SHORT_NAMES[b if a == actor else a]
        label = f"{other} ({signed(row.score)})"
        key = "with" if row.score >= 1 else "against" if row.score <= -1 else "neutral"
        found[key].append(label)
    return found


def year_events(year: int, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events that begin in ``year`` and involve at least one of the six states."""
    events = data.events() if events is None else events
    involved = events["actors"].fillna("").map(
        lambda cell: any(a in data.split_list(cell) for a in ACTORS))
    chosen = events[(events["start_date"].dt.year == year) & involved]
    return chosen.sort_values("start_date").reset_index(drop=True)


def network_figure(table: pd.DataFrame, year: int) -> Figure:
    """The six states as points, each coded pair as a line coloured and dashed by score."""
    nodes = pd.DataFrame([{"actor": a, "name": SHORT_NAMES[a], "x": POSITIONS[a][0],
                           "y": POSITIONS[a][1]} for a in ACTORS])
    edges = table.assign(
        x=[POSITIONS[d.split("-")[0]][0] for d in table["dyad"]],
        y=[POSITIONS[d.split("-")[0]][1] for d in table["dyad"]],
        x2=[POSITIONS[d.split("-")[1]][0] for d in table["dyad"]],
        y2=[POSITIONS[d.split("-")[1]][1] for d in table["dyad"]],
        hostile=[("hostile or strained" if s < 0 else "neutral" if s == 0 else
                  "friendly or allied") for s in table["score"]],
        width=[1.5 + 1.5 * abs(int(s)) for s in table["score"]],
        label=[signed(s) + (" new" if c else "") for s, c in
               zip(table["score"], table["changed"], strict=True)],
        before=[("—" if pd.isna(p) else signed(p)) for p in table["score_year_before"]],
    )
    edges = edges.assign(mx=(edges["x"] + edges["x2"]) / 2, my=(edges["y"] + edges["y2"]) / 2)
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[0, 4.2]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-0.4, 3.4]))
    tooltip = [alt.Tooltip("between:N", title="Pair"), alt.Tooltip("score:Q", title="Score"),
               alt.Tooltip("meaning:N", title="Meaning"),
               alt.Tooltip("before:N", title=f"Score in {year - 1}"),
               alt.Tooltip("rationale:N", title="Why (last change)")]
    lines = alt.Chart(edges).mark_rule(opacity=0.9).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        color=alt.Color("score:O", title="Score", scale=alt.Scale(
            domain=[-2, -1, 0, 1, 2], range=EDGE_COLOURS)),
        strokeWidth=alt.StrokeWidth("width:Q", legend=None, scale=None),
        strokeDash=alt.StrokeDash("hostile:N", title="Line", scale=alt.Scale(
            domain=["friendly or allied", "neutral", "hostile or strained"],
            range=[[1, 0], [2, 4], [8, 4]])),
        tooltip=tooltip)
    labels = alt.Chart(edges).mark_text(fontSize=12, fontWeight="bold", dy=-7).encode(
        x=alt.X("mx:Q", axis=None, scale=alt.Scale(domain=[0, 4.2])),
        y=alt.Y("my:Q", axis=None, scale=alt.Scale(domain=[-0.4, 3.4])),
        text="label:N", tooltip=tooltip)
    points = alt.Chart(nodes).mark_circle(size=500, color=OKABE_ITO["black"]).encode(
        x=x, y=y, tooltip=[alt.Tooltip("name:N", title="State")])
    names = alt.Chart(nodes).mark_text(fontSize=13, dy=-20).encode(x=x, y=y, text="name:N")
    chart = alt.layer(lines, labels, points, names).properties(width=520, height=380)
    if len(table):
        pairs = "; ".join(f"{r.between} {_score_text(r.score)}"
                          + (f", changed from {signed(r.score_year_before)}" if r.changed
                             else "") for r in table.itertuples())
    else:
        pairs = "no coded pair"
    description = (
        f"Network of six states in {year}: Vietnam, North Korea, China, Cambodia, the "
        "USSR and the USA. Each line joins a pair the course codes; its colour and dash "
        "give the score (solid blue: friendly or allied; dotted grey: neutral; dashed "
        "orange to vermillion: strained or hostile), its width grows with the strength, "
        "and its label gives the score, marked 'new' when it changed since the year "
        f"before. Pairs in {year}: {pairs}. Pairs that do not include Vietnam or North "
        "Korea (for example China–Cambodia or China–USSR) are not coded in the data and "
        "are not drawn.")
    return make_figure(chart, description, table, f"Who stood with whom in {year}")


def realignment_view(year: int, view: str = "network", relations: pd.DataFrame | None = None,
                     events: pd.DataFrame | None = None) -> View:
    """The alignments of ``year`` and what changed since the year before, in words."""
    relations = data.relations() if relations is None else relations
    events = data.events() if events is None else events
    year = int(year)
    table = year_table(year, relations)
    if table.empty:
        return View(None, f"<p>No relationship scores are coded for {year}; choose a year "
                          f"from {FIRST_YEAR} to {LAST_YEAR}.</p>")
    parts = [f"<p><b>In {year}</b>, as the course codes it:</p><ul>"]
    for actor in ("VNM", "PRK"):
        found = partners(table, actor)
        parts.append(
            f"<li><b>{SHORT_NAMES[actor]}</b> stood with "
            f"{html.escape(', '.join(found['with']) or 'no one among these states')}; "
            f"against {html.escape(', '.join(found['against']) or 'no one')}"
            + (f"; neutral towards {html.escape(', '.join(found['neutral']))}"
               if found["neutral"] else "") + ".</li>")
    parts.append("</ul>")
    vp = table[table["dyad"] == "VNM-PRK"]
    if len(vp):
        parts.append(f"<p>Vietnam–North Korea: <b>{_score_text(vp['score'].iloc[0])}</b>.</p>")
    moved = table[table["changed"]]
    if moved.empty:
        parts.append(f"<p><b>No change since {year - 1}</b>: every score carries over.</p>")
    else:
        parts.append(f"<p><b>What changed since {year - 1}</b> ({len(moved)} of "
                     f"{len(table)} pairs):</p><ul>")
        for r in moved.itertuples():
            parts.append(
                f"<li>{html.escape(r.between)}: {signed(r.score_year_before)} → "
                f"{signed(r.score)} ({r.meaning}). {html.escape(r.rationale)} "
                f"<small>[{html.escape(r.source_ids.replace(';', ', '))}]</small></li>")
        parts.append("</ul>")
    happened = year_events(year, events)
    if len(happened):
        listed = "; ".join(f"{html.escape(e.title)} ({e.event_id})"
                           for e in happened.itertuples())
        parts.append(f"<p>Events of {year} in the data ({len(happened)}): {listed}.</p>")
    if year >= 1979:
        parts.append("<p><small>From 1979 'Cambodia' means the government in Phnom Penh "
                     "that Vietnam installed.</small></p>")
    if view == "heatmap":
        figure = dyad_heatmap(relations, list(DYADS), FIRST_YEAR, LAST_YEAR,
                              highlight_year=year if FIRST_YEAR <= year <= LAST_YEAR else None,
                              title="Who stood with whom, 1973–1989")
    else:
        figure = network_figure(table, year)
    return View(figure, "".join(parts))


def realignment_explorer(year: int = 1979, view: str = "network") -> Explorer:
    relations, events = data.relations(), data.events()
    controls = {
        "year": labelled(w.IntSlider(
            value=year, min=FIRST_YEAR, max=LAST_YEAR, step=1, description="Year",
            continuous_update=False),
            "Choose a year from 1973 to 1989 (arrow keys move one year)"),
        "view": labelled(w.ToggleButtons(
            options=VIEWS, value=view, description="Show"),
            "The network shows the chosen year; the heat map shows every year, "
            "with the chosen one outlined"),
    }
    return Explorer(
        "The bloc breaks apart, 1973–1989", controls,
        lambda year, view: realignment_view(year, view, relations, events),
        intro="Type a year in the box (or Tab to it and use the arrow keys). The text "
              "says who stood with whom and what changed since the year before, with the "
              "course's reason for each change; the chart shows the same as a network of "
              "six states or as a heat map of every year.")
