"""Notebook 03's explorer: the bloc breaks apart. Choose a year of 1973–1989 and see who
stood with whom among Vietnam, North Korea, China, Cambodia, the USSR and the USA, and
what changed since the year before, with the course's rationale for each change.

The scores are the yearly dyad scores of ``data/relations.csv`` (the course's coding,
-2 hostile … +2 allied). Only the pairs that the data codes are drawn: every coded
dyad of the period includes Vietnam or North Korea, so China–Cambodia, China–USSR and
the like are not shown (the description says so).
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import ipywidgets as w
import pandas as pd

from comrades import data, vocab
from comrades.charts import (
    OKABE_ITO,
    Figure,
    dyad_heatmap,
    heatmap_description,
    with_pair_names,
)
from comrades.realignments import COLUMNS, DYADS, year_rows
from comrades.scores import Scores, scores_of
from comrades.tablecache import once_per_tables, shared
from comrades.untrusted import render
from comrades.vocab import signed
from comrades.widgets.base import Explorer, View, labelled
from comrades.widgets.precompute import ChartTemplate


def phase_span() -> tuple[int, int]:
    """The first and last year of phase 03 (data/phases.csv), read when asked."""
    return vocab.phase_years("03")


def heatmap_title() -> str:
    first, last = phase_span()
    return f"Who stood with whom, {first}–{last}"


def views() -> tuple[tuple[str, str], ...]:
    """The two ways to show the years, as the drop-down lists them."""
    first, last = phase_span()
    return (("Network of the six states", "network"), (f"Heat map, {first}–{last}", "heatmap"))


_LAZY = {"FIRST_YEAR": lambda: phase_span()[0], "LAST_YEAR": lambda: phase_span()[1],
         "HEATMAP_TITLE": heatmap_title, "VIEWS": views}


def __getattr__(name: str):
    """FIRST_YEAR, LAST_YEAR, HEATMAP_TITLE, VIEWS: read from data/phases.csv when
    first asked for, never at import."""
    if name in _LAZY:
        return _LAZY[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The six states, placed as on a map: the two protagonists in the middle.
ACTORS = ("VNM", "PRK", "CHN", "KHM", "SUN", "USA")
POSITIONS = {"SUN": (1.0, 3.0), "CHN": (2.0, 2.2), "PRK": (3.2, 3.0),
             "VNM": (1.8, 0.8), "KHM": (0.6, 0.0), "USA": (3.6, 0.6)}
# Okabe–Ito colours, -2 … 2; neutral is grey so that it shows on a white background.
EDGE_COLOURS = [OKABE_ITO["vermillion"], OKABE_ITO["orange"], OKABE_ITO["grey"],
                OKABE_ITO["sky blue"], OKABE_ITO["blue"]]


def state(actor: str, year: int | None = None) -> str:
    """A state's plain name (actors.csv): the USSR of these years is "Soviet Union"."""
    return vocab.state_name(actor, phase_span()[0] if year is None else year)


def pair_name(dyad: str, year: int | None = None) -> str:
    """'VNM-PRK' -> 'Vietnam–North Korea'."""
    return vocab.dyad_name(dyad, phase_span()[0] if year is None else year)


def _score_text(score) -> str:
    return "no score" if score is None or pd.isna(score) else \
        f"{vocab.SCORE_WORDS[int(score)]} ({signed(score)})"


def partners(table, actor: str) -> dict[str, list[str]]:
    """For one state, its friends (score ≥ 1), adversaries (≤ −1) and neutrals in a year.

    ``table`` is a :func:`year_table` or its rows (:func:`year_rows`).
    """
    rows = table.to_dict("records") if isinstance(table, pd.DataFrame) else table
    found: dict[str, list[str]] = {"with": [], "against": [], "neutral": []}
    for row in rows:
        a, b = row["dyad"].split("-")
        if actor not in (a, b):
            continue
        label = f"{state(b if a == actor else a, row['year'])} ({signed(row['score'])})"
        score = row["score"]
        found["with" if score >= 1 else "against" if score <= -1 else "neutral"].append(label)
    return found


def year_events(year: int, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events that begin in ``year`` and involve at least one of the six states."""
    events = data.events() if events is None else events
    involved = events["actors"].fillna("").map(
        lambda cell: any(a in data.split_list(cell) for a in ACTORS))
    chosen = events[(events["start_date"].dt.year == year) & involved]
    return chosen.sort_values("start_date").reset_index(drop=True)


def _network_template() -> ChartTemplate:
    """The six states as points, each coded pair as a line coloured and dashed by score."""
    nodes = pd.DataFrame([{"actor": a, "name": state(a), "x": POSITIONS[a][0],
                           "y": POSITIONS[a][1]} for a in ACTORS])
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[0, 4.2]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-0.4, 3.4]))
    tooltip = [alt.Tooltip("between:N", title="Pair"), alt.Tooltip("score:Q", title="Score"),
               alt.Tooltip("meaning:N", title="Meaning"),
               alt.Tooltip("before:N", title="Score the year before"),
               alt.Tooltip("rationale:N", title="Why (last change)")]
    edges = alt.NamedData("edges")
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
    return ChartTemplate.build(alt.layer(lines, labels, points, names).properties(
        width=520, height=380))


def _edge(row: dict) -> dict:
    (x, y), (x2, y2) = (POSITIONS[a] for a in row["dyad"].split("-"))
    score, before = row["score"], row["score_year_before"]
    return {"between": row["between"], "score": score, "meaning": row["meaning"],
            "rationale": row["rationale"], "x": x, "y": y, "x2": x2, "y2": y2,
            "mx": (x + x2) / 2, "my": (y + y2) / 2,
            "hostile": ("hostile or strained" if score < 0 else "neutral" if score == 0
                        else "friendly or allied"),
            "width": 1.5 + 1.5 * abs(score),
            "label": signed(score) + (" new" if row["changed"] else ""),
            "before": "—" if before is None else signed(before)}


def network_figure(rows, year: int, prepared: Prepared | None = None) -> Figure:
    """The network of one year; ``rows`` is a :func:`year_table` or its rows."""
    rows = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else rows
    rows = [{**r, "score_year_before": None if pd.isna(r["score_year_before"])
             else int(r["score_year_before"])} for r in rows]
    prepared = prepared or prepare()
    if rows:
        pairs = "; ".join(f"{r['between']} {_score_text(r['score'])}"
                          + (f", changed from {signed(r['score_year_before'])}"
                             if r["changed"] else "") for r in rows)
    else:
        pairs = "no coded pair"
    names = [state(a, year) for a in ACTORS]
    description = (
        f"Network of six states in {year}: {', '.join(names[:-1])} and {names[-1]}. "
        "Each line joins a pair the course codes; its colour and dash "
        "give the score (solid blue: friendly or allied; dotted grey: neutral; dashed "
        "orange to vermillion: strained or hostile), its width grows with the strength, "
        "and its label gives the score, marked 'new' when it changed since the year "
        f"before. Pairs in {year}: {pairs}. Pairs that do not include Vietnam or North "
        f"Korea (for example China–Cambodia or China–{state('SUN', year)}) are not coded "
        "in the data and are not drawn.")
    table = pd.DataFrame(rows, columns=COLUMNS).astype({"score_year_before": "Int64"})
    return prepared.network.fill({"edges": [_edge(r) for r in rows]}, description,
                                 f"Who stood with whom in {year}", table)


@dataclass
class Prepared:
    """Scores, events and the two charts of the explorer, prepared once."""

    scores: Scores
    events: list[tuple[int, str, str, frozenset]]  # year, id, title, actors
    network: ChartTemplate
    heatmap: ChartTemplate | None
    heatmap_rows: pd.DataFrame


def prepare(relations=None, events=None) -> Prepared:
    relations = shared("relations") if relations is None else relations
    events = shared("events") if events is None else events
    return once_per_tables(_prepare, relations, events)


def _prepare(relations, events) -> Prepared:
    rows = [(int(e.start_date.year), str(e.event_id), str(e.title),
             frozenset(data.split_list(e.actors)))
            for e in events.sort_values("start_date", kind="stable").itertuples()]
    first, last = phase_span()
    shown = with_pair_names(relations[relations["dyad"].isin(DYADS)
                                      & relations["year"].between(first, last)])
    heatmap = None
    if len(shown):
        figure = dyad_heatmap(relations, list(DYADS), first, last, highlight_year=first,
                              title=heatmap_title())
        heatmap = ChartTemplate.build(figure.chart, inline={
            "highlight": lambda rows: rows == [{"year": first}]})
    return Prepared(scores_of(relations), rows, _network_template(), heatmap, shown)


def _heatmap_figure(heatmap: ChartTemplate, shown: pd.DataFrame, year: int) -> Figure:
    first, last = phase_span()
    highlight = year if first <= year <= last else None
    description = heatmap_description(shown, list(DYADS), first, last, highlight)
    return heatmap.fill(
        {"highlight": [] if highlight is None else [{"year": highlight}]}, description,
        heatmap_title(), shown[["pair", "year", "score", "rationale"]])


def realignment_view(year: int, view: str = "network", relations: pd.DataFrame | None = None,
                     events: pd.DataFrame | None = None) -> View:
    """The alignments of ``year`` and what changed since the year before, in words."""
    return view_of(int(year), view, prepare(relations, events))


def view_of(year: int, view: str, prepared: Prepared) -> View:
    rows = year_rows(year, prepared.scores)
    if not rows:
        first, last = phase_span()
        return View(None, f"<p>No relationship scores are coded for {year}; choose a year "
                          f"from {first} to {last}.</p>")
    states = [(state(actor, year), partners(rows, actor)) for actor in ("VNM", "PRK")]
    vp = [r for r in rows if r["dyad"] == "VNM-PRK"]
    moved = [dict(r, before=signed(r["score_year_before"]), after=signed(r["score"]),
                  sources=r["source_ids"].replace(";", ", ")) for r in rows if r["changed"]]
    happened = [(i, t) for y, i, t, actors in prepared.events
                if y == year and actors & set(ACTORS)]
    summary = render(SUMMARY, year=year, states=states, moved=moved, pairs=len(rows),
                     pair_score=_score_text(vp[0]["score"]) if vp else "",
                     happened=happened)
    if view == "heatmap" and prepared.heatmap is not None:
        figure = _heatmap_figure(prepared.heatmap, prepared.heatmap_rows, year)
    else:
        figure = network_figure(rows, year, prepared)
    return View(figure, " ".join(str(summary).split()))


# Every name, rationale and title below comes from the data: escaped by the template.
SUMMARY = """<p><b>In {{ year }}</b>, as the course codes it:</p><ul>
{% for name, found in states %}<li><b>{{ name }}</b> stood with
{{ found["with"] | join(", ") or "no one among these states" }}; against
{{ found["against"] | join(", ") or "no one" }}{% if found["neutral"] %}; neutral towards
{{ found["neutral"] | join(", ") }}{% endif %}.</li>
{% endfor %}</ul>
{% if pair_score %}<p>Vietnam–North Korea: <b>{{ pair_score }}</b>.</p>{% endif %}
{% if not moved %}<p><b>No change since {{ year - 1 }}</b>: every score carries over.</p>
{% else %}<p><b>What changed since {{ year - 1 }}</b> ({{ moved | length }} of {{ pairs }}
pairs):</p><ul>{% for r in moved %}<li>{{ r.between }}: {{ r.before }} → {{ r.after }}
({{ r.meaning }}). {{ r.rationale }} <small>[{{ r.sources }}]</small></li>{% endfor %}</ul>
{% endif %}
{% if happened %}<p>Events of {{ year }} in the data ({{ happened | length }}):
{% for event_id, title in happened %}{{ title }} ({{ event_id }}){{ "; " if not loop.last
}}{% endfor %}.</p>{% endif %}
{% if year >= 1979 %}<p><small>From 1979 'Cambodia' means the government in Phnom Penh
that Vietnam installed.</small></p>{% endif %}"""


def realignment_explorer(year: int = 1979, view: str = "network") -> Explorer:
    """The explorer of lesson 03, over the years of phase 03."""
    first, last = phase_span()
    prepared = prepare()
    controls = {
        "year": labelled(w.IntSlider(
            value=year, min=first, max=last, step=1, description="Year",
            continuous_update=False),
            "Choose a year from 1973 to 1989 (arrow keys move one year)"),
        "view": labelled(w.ToggleButtons(
            options=views(), value=view, description="Show"),
            "The network shows the chosen year; the heat map shows every year, "
            "with the chosen one outlined"),
    }
    return Explorer(
        f"The bloc breaks apart, {first}–{last}", controls,
        lambda year, view: view_of(int(year), view, prepared),
        intro="Type a year in the box (or Tab to it and use the arrow keys). The text "
              "says who stood with whom and what changed since the year before, with the "
              "course's reason for each change; the chart shows the same as a network of "
              "six states or as a heat map of every year.")
