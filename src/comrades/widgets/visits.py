"""Notebook 05's explorer: high-level visits between Hanoi and Pyongyang, by level,
direction and year, with Kim Jong-un's 2019 visit in context.

The visits are not a table of their own: they are *derived* from ``data/events.csv`` by
:func:`comrades.visit_record.classify_visits`, whose rules are written out there so that
a student can read, test and dispute them.

The data record only the visits the course could source (see data/README.md, "Left
out"): the count is of *recorded* visits, not of every visit that took place.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import ipywidgets as w
import pandas as pd

from comrades import data, untrusted
from comrades.charts import OKABE_ITO, phase_bands
from comrades.tablecache import once_per_tables, shared
from comrades.visit_record import (
    ALL,
    DIRECTIONS,
    FIRST_YEAR,
    HANOI_SUMMIT,
    HEAD,
    KIM_2019,
    LAST_YEAR,
    LEVELS,
    MINISTER,
    OTHER,
    TOP_LEADER,
    UNCLEAR,
    classify_visits,
    select_visits,
)
from comrades.widgets.base import Explorer, View, labelled
from comrades.widgets.precompute import ChartTemplate, slot

LEVEL_COLOURS = {HEAD: OKABE_ITO["vermillion"], MINISTER: OKABE_ITO["blue"],
                 OTHER: OKABE_ITO["bluish green"]}
def _kind(direction: str, level: str) -> str:
    """'' for every visit, else '(foreign minister, Hanoi → Pyongyang)' and the like."""
    parts = [p for p in (level, direction) if p != ALL]
    return f" ({', '.join(parts)})" if parts else ""


def _who(chosen: pd.DataFrame) -> str:
    return "; ".join(f"{r.visitor} ({r.year}, {r.event_id})" for r in chosen.itertuples())


def _largest_gap(chosen: pd.DataFrame) -> str:
    years = sorted(chosen["year"].unique())
    if len(years) < 2:
        return ""
    gaps = [(b - a, a, b) for a, b in zip(years, years[1:], strict=False)]
    size, a, b = max(gaps)
    unit = "year" if size == 1 else "years"
    return f" The longest gap in this selection is {size} {unit}, from {a} to {b}."


def _day(value) -> str:
    return f"{value.day} {value:%B %Y}"


def context_2019(visits: pd.DataFrame, events: pd.DataFrame | None = None,
                 actors: pd.DataFrame | None = None) -> str:
    """Kim Jong-un's 2019 visit set against the earlier visits of ``visits`` (all of them,
    not only those selected): the last of the same kind, and the last by a DPRK leader."""
    events = data.events() if events is None else events
    actors = data.actors() if actors is None else actors
    row = visits[visits["event_id"] == KIM_2019]
    if row.empty:
        return "Kim Jong-un's 2019 visit is not among the recorded visits."
    kim = row.iloc[0]
    before = visits[visits["date"] < kim["date"]]
    same = before[(before["direction"] == kim["direction"]) & (before["level"] == kim["level"])]
    text = f"Kim Jong-un's official visit ({_day(kim['date'])}, {KIM_2019}) "
    if same.empty:
        text += "has no earlier visit of its kind in the data."
    else:
        last = same.iloc[-1]
        text += (f"was the first {kim['level']} visit {kim['direction']} since "
                 f"{last['visitor']} in {last['year']} ({last['event_id']}).")
    described = actors.set_index("actor_id")["description"].reindex(before["visitor_id"])
    leaders = before[described.fillna("").str.contains(TOP_LEADER).to_numpy()]
    if len(leaders) and (same.empty or leaders.iloc[-1]["event_id"] != same.iloc[-1]["event_id"]):
        top = leaders.iloc[-1]
        text += (f" The last visit by the DPRK's ruling leader, rather than its nominal head "
                 f"of state, "
                 f"was {top['visitor']}'s in {top['year']} ({top['event_id']}), "
                 f"{kim['year'] - top['year']} years earlier [¶1].")
    summit = events[events["event_id"] == HANOI_SUMMIT]
    if len(summit):
        s = summit.iloc[0]
        text += (f" The visit followed the Trump–Kim summit in Hanoi ({s['start_date'].day}–"
                 f"{_day(s['end_date'])}, {HANOI_SUMMIT}), which ended without a deal [¶8]; "
                 "that was a US–DPRK meeting, so it is not counted as a bilateral visit.")
    return text


def visits_summary(chosen: pd.DataFrame, direction: str, level: str,
                   years: tuple[int, int], visits: pd.DataFrame | None = None,
                   events: pd.DataFrame | None = None) -> str:
    """The answer in words: how many visits of that kind, when, and who came.

    ``visits`` (all recorded visits) sets the 2019 visit in context when it is selected.
    """
    start, end = sorted(int(y) for y in years)
    kind = _kind(direction, level)
    if chosen.empty:
        return (f"<p>No recorded visits{untrusted.text(kind)} between {start} and {end}. "
                "The course's data hold only sourced visits, so this means none is "
                "recorded, not necessarily that none took place.</p>")
    n = len(chosen)
    text = (f"<p><b>{n} recorded visit{'s' if n != 1 else ''}{untrusted.text(kind)}</b> "
            f"between {start} and {end}")
    if direction == ALL:
        counts = chosen["direction"].value_counts()
        text += " (" + ", ".join(f"{counts.get(d, 0)} {d}" for d in DIRECTIONS) + ")"
    text += f". When: {', '.join(str(y) for y in chosen['year'])}."
    text += untrusted.text(_largest_gap(chosen))
    text += f" Who: {untrusted.text(_who(chosen))}.</p>"
    if KIM_2019 in set(chosen["event_id"]):
        every = chosen if visits is None else visits
        text += f"<p>{untrusted.text(context_2019(every, events))}</p>"
    return text


@dataclass
class Prepared:
    """The recorded visits, the summit and the phases, prepared once for redraws."""

    visits: pd.DataFrame
    events: pd.DataFrame
    phases: pd.DataFrame
    summit: list[dict]


def prepare(visits=None, events=None, phases=None) -> Prepared:
    events = shared("events") if events is None else events
    phases = shared("phases") if phases is None else phases
    visits = once_per_tables(classify_visits, events) if visits is None else visits
    return once_per_tables(_prepare, visits, events, phases)


def _prepare(visits, events, phases) -> Prepared:
    summit = events[events["event_id"] == HANOI_SUMMIT]
    marker = [{"date": d.date().isoformat(), "label": "Trump–Kim summit, Hanoi"}
              for d in summit["start_date"]]
    return Prepared(visits, events, phases, marker)


def _template(phases: pd.DataFrame) -> ChartTemplate:
    """Visits as points over time in two lanes (direction), coloured by level, over the
    phases; built once, with the phase bands' rows replaced on each redraw."""
    x = alt.X("date:T", title="Year", scale=alt.Scale(domain=slot("x_domain")))
    points = alt.Chart(alt.NamedData("visits")).mark_point(
        filled=True, size=140, opacity=0.9).encode(
        x=x,
        y=alt.Y("direction:N", sort=list(DIRECTIONS), title="Direction",
                scale=alt.Scale(domain=list(DIRECTIONS))),
        color=alt.Color("level:N", title="Level", scale=alt.Scale(
            domain=list(LEVELS), range=[LEVEL_COLOURS[v] for v in LEVELS])),
        shape=alt.Shape("level:N", title="Level", scale=alt.Scale(
            domain=list(LEVELS), range=["diamond", "circle", "triangle-up"])),
        tooltip=[alt.Tooltip("date:T", title="Date"), "visitor:N", "level:N",
                 "direction:N", "title:N", "event_id:N"])
    rule = alt.Chart(alt.NamedData("summit")).mark_rule(
        color=OKABE_ITO["grey"], strokeDash=[4, 3]).encode(x="date:T", tooltip="label:N")
    # The phase bands have a colour scale of their own (grey shades, no legend).
    chart = alt.layer(phase_bands(phases.head(1)), rule, points).resolve_scale(
        color="independent").properties(width=640, height=150)
    return ChartTemplate.build(chart, inline={"bands": lambda rows: "shade" in rows[0]})


def band_rows(phases: pd.DataFrame, start: int, end: int) -> list[dict]:
    """The phase bands of :func:`comrades.charts.phase_bands`, clipped to the years shown."""
    rows: list[dict] = []
    for p in phases.itertuples():
        if p.end_year < start or p.start_year > end:
            continue
        rows.append({"phase": p.phase, "title": p.title,
                     "start": f"{max(int(p.start_year), start)}-01-01",
                     "end": f"{min(int(p.end_year), end)}-12-31", "shade": len(rows) % 2})
    return rows


def visits_view(direction: str = ALL, level: str = ALL,
                years: tuple[int, int] = (FIRST_YEAR, LAST_YEAR),
                visits: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                phases: pd.DataFrame | None = None) -> View:
    """The explorer's logic: the chosen visits as a summary in words and a chart."""
    return view_of(direction, level, years, prepare(visits, events, phases))


def view_of(direction: str, level: str, years, prepared: Prepared) -> View:
    if direction not in (ALL, *DIRECTIONS, UNCLEAR):
        raise ValueError(f"direction must be 'all' or one of {', '.join(DIRECTIONS)}")
    if level not in (ALL, *LEVELS):
        raise ValueError(f"level must be 'all' or one of {', '.join(LEVELS)}")
    visits = prepared.visits
    chosen = select_visits(visits, direction, level, years)
    start, end = sorted(int(y) for y in years)
    summary = visits_summary(chosen, direction, level, (start, end), visits,
                             prepared.events)
    if chosen.empty:
        description = (f"Two lanes, one per direction, from {start} to {end}: empty, because "
                       "no recorded visit matches the choice.")
    else:
        description = (f"Two lanes, one per direction, from {start} to {end}, each visit a "
                       "point coloured and shaped by level (diamond: head of state/party; "
                       "circle: foreign minister; triangle: other). "
                       + "; ".join(f"{r.year}: {r.visitor}, {r.level}, {r.direction}"
                                   for r in chosen.itertuples()) + ".")
        if start <= 2019 <= end and prepared.summit:
            description += " A dashed line marks the Trump–Kim summit in Hanoi, February 2019."
    points = [{"date": str(r.date), "direction": r.direction, "level": r.level,
               "visitor": r.visitor, "title": r.title, "event_id": r.event_id}
              for r in chosen.itertuples()]
    table = chosen[["event_id", "date", "direction", "level", "visitor", "title",
                    "source_ids", "rule"]]
    figure = once_per_tables(_template, prepared.phases).fill(
        {"visits": points, "bands": band_rows(prepared.phases, start, end),
         "summit": prepared.summit if start <= 2019 <= end else []},
        description, f"High-level visits, {start}–{end}", table,
        x_domain=[f"{start}-01-01", f"{end}-12-31"])
    return View(figure, summary)


def visits_explorer(direction: str = ALL, level: str = ALL,
                    years: tuple[int, int] = (1954, LAST_YEAR)) -> Explorer:
    """Choose a direction, a level and a span of years; read how many visits, when, who."""
    prepared = prepare()
    controls = {
        "direction": labelled(w.Dropdown(
            options=[("both directions", ALL)] + [(d, d) for d in DIRECTIONS],
            value=direction, description="Direction"),
            "Who travelled: North Koreans to Vietnam, or Vietnamese to North Korea"),
        "level": labelled(w.Dropdown(
            options=[("all levels", ALL)] + [(v, v) for v in LEVELS], value=level,
            description="Level of the visitor"),
            "Head of state or party leader, foreign minister, or another official"),
        "years": labelled(w.IntRangeSlider(
            value=years, min=FIRST_YEAR, max=LAST_YEAR, step=1, description="Years",
            continuous_update=False),
            "The span of years to count; type a year or use the arrow keys"),
    }
    return Explorer(
        "Who visited whom, and when?", controls,
        lambda direction, level, years: view_of(direction, level, years, prepared),
        intro="Pick a direction, a level and a span of years. The summary counts the "
              "recorded visits of that kind and names the visitors; open <i>Text "
              "description and data</i> for each visit's source and how it was "
              "classified.")
