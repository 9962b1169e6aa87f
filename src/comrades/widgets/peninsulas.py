"""Notebook 01's explorer: the two divided peninsulas side by side, 1945–1954.

The question a student asks: *what happened in Korea and in Vietnam in these years, and
did anything happen between Hanoi and Pyongyang?* Events are sorted into lanes (Korea,
Vietnam and Indochina, the two states' own bilateral ties, the wider region) on one
shared time axis, so the two peninsulas can be read against each other. When January
1950 is in range, the view also answers *who recognised the Democratic Republic of
Vietnam (DRV), and when*, with the disputed days of ``data/disputes.csv`` shown as
disputed rather than settled.

:func:`peninsulas_view` is the logic (a plain function of the controls' values and the
tables); :func:`peninsulas_explorer` wires it to ipywidgets.
"""

from __future__ import annotations

import html
import re

import altair as alt
import ipywidgets as w
import pandas as pd

from comrades import data
from comrades.charts import CATEGORIES, OKABE_ITO, PALETTE, make_figure
from comrades.widgets.base import Explorer, View, labelled

FIRST_YEAR, LAST_YEAR = 1945, 1954

# Lanes of the timeline, top to bottom, and the colour of each (Okabe–Ito).
KOREA, INDOCHINA, BILATERAL, REGION = ("Korea", "Vietnam and Indochina",
                                       "Hanoi–Pyongyang", "Wider region")
LANES = (KOREA, INDOCHINA, BILATERAL, REGION)

# Which lanes each choice of the "Peninsula" control shows. Bilateral events belong to
# both peninsulas; wider-region events (Japan's surrender, the founding of the PRC) are
# shown with both peninsulas only.
COUNTRY_CHOICES = {
    "both": ("Both peninsulas", LANES),
    "korea": ("Korea", (KOREA, BILATERAL)),
    "vietnam": ("Vietnam and Indochina", (INDOCHINA, BILATERAL)),
}

_KOREAN_ACTORS = {"PRK", "KOR", "WPK", "KIM_IL_SUNG"}
_INDOCHINESE_ACTORS = {"VNM", "RVN", "KHM", "LAO", "CPV", "HO_CHI_MINH", "SIHANOUK"}
# Events whose actors do not name a Korean or Indochinese party but which belong to one
# peninsula all the same: E001 is the division of Korea by the USA and the USSR.
_LANE_BY_EVENT = {"E001": KOREA}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
           "Dec")
_DAY_IN_CLAIM = re.compile(r"\b(\d{1,2}) January (\d{4})\b")


# --- sorting events into lanes --------------------------------------------------------

def lane_of(event_id: str, actors, scope: str) -> str:
    """The lane of one event: its peninsula, the bilateral lane, or the wider region."""
    if scope == "bilateral":
        return BILATERAL
    if event_id in _LANE_BY_EVENT:
        return _LANE_BY_EVENT[event_id]
    names = set(data.split_list(actors))
    if names & _KOREAN_ACTORS:
        return KOREA
    if names & _INDOCHINESE_ACTORS:
        return INDOCHINA
    return REGION


def when(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str:
    """A date as precise as the data allow: '21 Jul 1954', 'Oct 1950', '13 Mar–7 May 1954'."""
    def day(ts):
        return f"{ts.day} {_MONTHS[ts.month - 1]} {ts.year}"

    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision == "month":
        first = f"{_MONTHS[start.month - 1]} {start.year}"
        last = f"{_MONTHS[end.month - 1]} {end.year}"
        return first if first == last else f"{first}–{last}"
    return day(start) if start == end else f"{day(start)}–{day(end)}"


def peninsula_events(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events beginning 1945–1954, oldest first, with a ``lane`` and a readable ``when``."""
    events = data.events() if events is None else events
    years = events["start_date"].dt.year
    chosen = events[(years >= FIRST_YEAR) & (years <= LAST_YEAR)]
    chosen = chosen.sort_values(["start_date", "event_id"]).reset_index(drop=True)
    lanes = [lane_of(r.event_id, r.actors, r.scope) for r in chosen.itertuples()]
    dates = [when(r.start_date, r.end_date, r.precision) for r in chosen.itertuples()]
    return chosen.assign(lane=pd.Series(lanes, dtype="string"),
                         when=pd.Series(dates, dtype="string"),
                         year=chosen["start_date"].dt.year.astype(int))


# --- January 1950: who recognised the DRV ---------------------------------------------

def recognitions(events: pd.DataFrame | None = None, disputes: pd.DataFrame | None = None,
                 actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """The states that recognised the DRV in January 1950, in order of the best-attested day.

    One row per recognition event (diplomacy events of January 1950 naming ``VNM``):
    ``order``, ``state``, ``event_id``, ``date`` (the event's day), ``other_days`` (days
    other accounts give, read from ``disputes.csv``), ``disputed`` (True when another day
    is claimed), ``dispute_ids`` and ``source_ids``.
    """
    events = data.events() if events is None else events
    disputes = data.disputes() if disputes is None else disputes
    actors = data.actors() if actors is None else actors
    names = dict(zip(actors["actor_id"], actors["name_en"], strict=True))
    january = events[(events["start_date"].dt.year == 1950)
                     & (events["start_date"].dt.month == 1)
                     & (events["category"] == "diplomacy")
                     & events["actors"].map(lambda a: "VNM" in data.split_list(a))]
    rows = []
    for event in january.sort_values(["start_date", "event_id"]).itertuples():
        other = [a for a in data.split_list(event.actors) if a != "VNM"]
        claims = disputes[disputes["event_id"] == event.event_id]
        days = set()
        for claim in claims["claim"].dropna():
            for day, year in _DAY_IN_CLAIM.findall(str(claim)):
                if int(year) == 1950 and int(day) != event.start_date.day:
                    days.add(int(day))
        rows.append({
            "state": names.get(other[0], other[0]) if other else "?",
            "event_id": event.event_id,
            "date": event.start_date,
            "other_days": sorted(days),
            "disputed": bool(days),
            "dispute_ids": sorted(set(claims["dispute_id"].dropna())),
            "source_ids": str(event.source_ids),
        })
    table = pd.DataFrame(rows, columns=["state", "event_id", "date", "other_days",
                                        "disputed", "dispute_ids", "source_ids"])
    table.insert(0, "order", range(1, len(table) + 1))
    return table


def _day_list(days: list[int]) -> str:
    words = [str(d) for d in days]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def recognition_sentence(row) -> str:
    """One recognition in words, the dispute included: 'China: 18 January 1950 (…)'."""
    text = f"{row.state}: {row.date.day} January {row.date.year}"
    if row.disputed:
        text += (f" (disputed: other accounts give {_day_list(row.other_days)} January; "
                 f"see {', '.join(row.dispute_ids)})")
    return text + f" [{row.event_id}]"


def recognition_figure(table: pd.DataFrame):
    """A close-up of January 1950: each state's best-attested day, and the disputed days."""
    points = []
    for row in table.itertuples():
        points.append({"state": row.state, "order": row.order, "date": row.date,
                       "claim": "best-attested day", "event_id": row.event_id})
        for day in row.other_days:
            points.append({"state": row.state, "order": row.order,
                           "date": pd.Timestamp(1950, 1, day),
                           "claim": "day in other accounts (disputed)",
                           "event_id": row.event_id})
    shown = pd.DataFrame(points, columns=["state", "order", "date", "claim", "event_id"])
    spans = (shown.groupby(["state", "order"], as_index=False)
             .agg(first=("date", "min"), last=("date", "max")))
    y = alt.Y("state:N", sort=list(table["state"]), title="Recognised the DRV")
    x = alt.X("date:T", title="January 1950",
              scale=alt.Scale(domain=["1950-01-14", "1950-02-02"]),
              axis=alt.Axis(format="%d %b", tickCount=10))
    claims = ["best-attested day", "day in other accounts (disputed)"]
    # The faint link between one state's claimed days is decoration (aria=False): the
    # dots carry the days.
    rule = alt.Chart(spans).mark_rule(strokeWidth=6, opacity=0.35, aria=False,
                                      color=OKABE_ITO["grey"]).encode(
        x=alt.X("first:T"), x2="last:T", y=y)
    dots = alt.Chart(shown).mark_point(size=160, filled=True, opacity=1).encode(
        x=x, y=y,
        color=alt.Color("claim:N", scale=alt.Scale(domain=claims, range=[
            OKABE_ITO["blue"], OKABE_ITO["vermillion"]]), title="Day"),
        shape=alt.Shape("claim:N", scale=alt.Scale(domain=claims,
                                                   range=["circle", "diamond"]), title="Day"),
        tooltip=["state:N", alt.Tooltip("date:T", format="%d %B %Y"), "claim:N",
                 "event_id:N"])
    chart = (rule + dots).properties(width=640, height=40 * max(1, len(table)))
    return chart


# --- the view --------------------------------------------------------------------------

def _filter(table: pd.DataFrame, country: str, category: str,
            years: tuple[int, int]) -> pd.DataFrame:
    if country not in COUNTRY_CHOICES:
        raise ValueError(f"choose a peninsula among {', '.join(COUNTRY_CHOICES)}, "
                         f"not {country!r}")
    first, last = sorted(int(y) for y in years)
    lanes = COUNTRY_CHOICES[country][1]
    keep = table["lane"].isin(lanes) & table["year"].between(first, last)
    if category != "all":
        keep &= table["category"] == category
    return table[keep].reset_index(drop=True)


def _timeline_chart(shown: pd.DataFrame, lanes: tuple[str, ...], first: int, last: int):
    colour = alt.Color("category:N", title="Category",
                       scale=alt.Scale(domain=list(CATEGORIES),
                                       range=PALETTE[:len(CATEGORIES)]))
    x = alt.X("start_date:T", title="Date",
              scale=alt.Scale(domain=[f"{first}-01-01", f"{last}-12-31"]))
    y = alt.Y("lane:N", sort=list(lanes), title=None, scale=alt.Scale(domain=list(lanes)))
    spans = shown[shown["end_date"] > shown["start_date"]]
    bars = alt.Chart(spans).mark_rule(strokeWidth=3).encode(  # opaque: 3:1 on white
        x=x, x2="end_date:T", y=y, color=colour)
    points = alt.Chart(shown).mark_point(filled=True, size=110, opacity=0.9).encode(
        x=x, y=y, color=colour, shape=alt.Shape("category:N", legend=None),
        tooltip=[alt.Tooltip("when:N", title="When"), alt.Tooltip("title:N", title="Event"),
                 "lane:N", "category:N", "event_id:N", "source_ids:N"])
    return (bars + points).properties(width=640, height=55 * len(lanes))


def _count(n: int, what: str) -> str:
    return f"{n} {what[:-1] if n == 1 else what}"


def _lane_counts(shown: pd.DataFrame, lanes: tuple[str, ...]) -> str:
    counts = shown["lane"].value_counts()
    return "; ".join(f"{lane} {int(counts.get(lane, 0))}" for lane in lanes)


def _side_by_side(shown: pd.DataFrame, lanes: tuple[str, ...]) -> str:
    """Per lane (bilateral aside), the first and the last event chosen: the two stories."""
    items = []
    for lane in lanes:
        rows = shown[shown["lane"] == lane]
        if lane == BILATERAL or not len(rows):
            continue
        first, last = rows.iloc[0], rows.iloc[-1]
        text = f"{lane}: {len(rows)}, from “{first['title']}” ({first['when']})"
        if len(rows) > 1:
            text += f" to “{last['title']}” ({last['when']})"
        items.append(f"<li>{html.escape(text)}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def peninsulas_view(country: str = "both", category: str = "all",
                    years: tuple[int, int] = (FIRST_YEAR, LAST_YEAR),
                    events: pd.DataFrame | None = None,
                    disputes: pd.DataFrame | None = None,
                    actors: pd.DataFrame | None = None) -> View:
    """Events of the chosen peninsula(s), category and years; the recognitions if in range."""
    events = data.events() if events is None else events
    table = peninsula_events(events)
    shown = _filter(table, country, category, years)
    first, last = sorted(int(y) for y in years)
    label, lanes = COUNTRY_CHOICES[country]
    what = "events" if category == "all" else f"{category} events"
    span = str(first) if first == last else f"{first}–{last}"
    if len(shown):
        bilateral = shown[shown["lane"] == BILATERAL]
        summary = (f"<p><b>{span}, {html.escape(label)}: {_count(len(shown), what)}</b> "
                   f"({html.escape(_lane_counts(shown, lanes))}). ")
        if len(bilateral):
            named = "; ".join(f"{html.escape(str(r.title))} ({r.when}, {r.event_id})"
                              for r in bilateral.itertuples())
            summary += f"Between Hanoi and Pyongyang themselves: {named}.</p>"
        else:
            summary += ("Nothing in this selection passed between Hanoi and Pyongyang "
                        "themselves.</p>")
        summary += _side_by_side(shown, lanes)
    else:
        summary = (f"<p><b>{span}, {html.escape(label)}: no {what}.</b> "
                   "Widen the years or choose another category or peninsula.</p>")
    recognised = None
    if first <= 1950 <= last:
        recognised = recognitions(events, disputes, actors)
        if len(recognised):
            items = "".join(f"<li>{html.escape(recognition_sentence(r))}</li>"
                            for r in recognised.itertuples())
            summary += ("<p><b>Who recognised the DRV, and when (January 1950):</b></p>"
                        f"<ol>{items}</ol><p>The article lists the Soviet Union before "
                        "China and gives no days [¶5]; the dates put China first. On every "
                        "account the DPRK came third, which is the article's point.</p>")
    return View(_figure(shown, lanes, first, last, recognised, label, what), summary)


def _figure(shown, lanes, first, last, recognised, label, what):
    chart = _timeline_chart(shown, lanes, first, last)
    description = (f"Timeline from {first} to {last}, lanes top to bottom: "
                   f"{', '.join(lanes)}. ")
    if len(shown):
        description += (f"{_count(len(shown), what)} ({_lane_counts(shown, lanes)}): "
                        + "; ".join(f"{r.when}, {r.lane}: {r.title}"
                                    for r in shown.itertuples()) + ". ")
    else:
        description += "No events match the filters. "
    description += "Colour and shape show the category; a bar shows how long an event lasted."
    if recognised is not None and len(recognised):
        chart = alt.vconcat(chart, recognition_figure(recognised)).resolve_scale(
            color="independent", shape="independent", x="independent")
        description += (" Below, a close-up of January 1950: "
                        + "; ".join(recognition_sentence(r) for r in recognised.itertuples())
                        + ". Diamonds mark days given by other accounts.")
    table = shown[["event_id", "when", "lane", "category", "title", "source_ids",
                   "notes"]].fillna("")
    title = f"The two peninsulas, {first}–{last}: {label}"
    return make_figure(chart, description, table, title)


# --- the widget --------------------------------------------------------------------------

def peninsulas_explorer(country: str = "both", category: str = "all",
                        years: tuple[int, int] = (FIRST_YEAR, LAST_YEAR)):
    events, disputes, actors = data.events(), data.disputes(), data.actors()
    present = [c for c in CATEGORIES if c in set(peninsula_events(events)["category"])]
    controls = {
        "country": labelled(w.Dropdown(
            options=[(label, key) for key, (label, _) in COUNTRY_CHOICES.items()],
            value=country, description="Peninsula"),
            "Show the events of Korea, of Vietnam and Indochina, or of both; events "
            "between Hanoi and Pyongyang are shown with either"),
        "category": labelled(w.Dropdown(
            options=[("All categories", "all")] + [(c.capitalize(), c) for c in present],
            value=category, description="Category"),
            "Show only one kind of event: diplomacy, military, conflict…"),
        "years": labelled(w.IntRangeSlider(
            value=tuple(years), min=FIRST_YEAR, max=LAST_YEAR, step=1,
            description="Years", continuous_update=False),
            "First and last year shown; include 1950 to see who recognised the DRV"),
    }
    return Explorer(
        "Two divided peninsulas, 1945–1954", controls,
        lambda country, category, years: peninsulas_view(country, category, years,
                                                         events, disputes, actors),
        intro="Choose a peninsula, a category and a range of years (Tab to a box and "
              "use the arrow keys). The summary counts the events and names anything that "
              "passed between Hanoi and Pyongyang; with 1950 in range it also says who "
              "recognised the DRV, and when.")
