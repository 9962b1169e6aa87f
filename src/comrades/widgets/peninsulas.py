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

import re
from dataclasses import dataclass, field

import altair as alt
import ipywidgets as w
import pandas as pd

from comrades import data, untrusted, vocab
from comrades.charts import CATEGORIES, OKABE_ITO, PALETTE
from comrades.tablecache import once_per_tables, shared
from comrades.widgets.base import Explorer, View, labelled
from comrades.widgets.precompute import ChartTemplate, slot


def phase_span() -> tuple[int, int]:
    """The first and last year of phase 01 (data/phases.csv), read when asked."""
    return vocab.phase_years("01")


_LAZY = {"FIRST_YEAR": lambda: phase_span()[0], "LAST_YEAR": lambda: phase_span()[1]}


def __getattr__(name: str):
    """FIRST_YEAR, LAST_YEAR: read from data/phases.csv when first asked for, never at
    import."""
    if name in _LAZY:
        return _LAZY[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

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

_LANE_OF_REGION = {"Korea": KOREA, "Indochina": INDOCHINA}
# Events whose actors do not name a Korean or Indochinese party but which belong to one
# peninsula all the same: E001 is the division of Korea by the USA and the USSR.
_LANE_BY_EVENT = {"E001": KOREA}

_DAY_IN_CLAIM = re.compile(r"\b(\d{1,2}) January (\d{4})\b")


# --- sorting events into lanes --------------------------------------------------------

def lane_of(event_id: str, actors, scope: str) -> str:
    """The lane of one event: its peninsula, the bilateral lane, or the wider region."""
    if scope == "bilateral":
        return BILATERAL
    if event_id in _LANE_BY_EVENT:
        return _LANE_BY_EVENT[event_id]
    found = vocab.regions(actors)  # from actors.csv; Korea before Indochina if both
    for region in ("Korea", "Indochina"):
        if region in found:
            return _LANE_OF_REGION[region]
    return REGION


def when(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str:
    """A date as precise as the data allow (:func:`comrades.vocab.when`)."""
    return vocab.when(start, end, precision)


def peninsula_events(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events beginning 1945–1954, oldest first, with a ``lane`` and a readable ``when``."""
    events = shared("events") if events is None else events
    years = events["start_date"].dt.year
    first, last = phase_span()
    chosen = events[(years >= first) & (years <= last)]
    chosen = chosen.sort_values(["start_date", "event_id"]).reset_index(drop=True)
    lanes = [lane_of(r.event_id, r.actors, r.scope) for r in chosen.itertuples()]
    dates = [when(r.start_date, r.end_date, r.precision) for r in chosen.itertuples()]
    return chosen.assign(lane=pd.Series(lanes, dtype="string"),
                         when=pd.Series(dates, dtype="string"),
                         year=chosen["start_date"].dt.year.astype(int))


# --- January 1950: who recognised the DRV ---------------------------------------------

def recognitions(events: pd.DataFrame | None = None,
                 disputes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The states that recognised the DRV in January 1950, in order of the best-attested day.

    One row per recognition event (diplomacy events of January 1950 naming ``VNM``):
    ``order``, ``state``, ``event_id``, ``date`` (the event's day), ``other_days`` (days
    other accounts give, read from ``disputes.csv``), ``disputed`` (True when another day
    is claimed), ``dispute_ids`` and ``source_ids``.
    """
    events = data.events() if events is None else events
    disputes = shared("disputes") if disputes is None else disputes
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
            "state": vocab.state_name(other[0], 1950) if other else "?",
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
    text = f"{row.state}: {vocab.long_day(row.date)}"
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

@dataclass(frozen=True)
class Selection:
    """What the student chose: a peninsula (or both), a category (or all), years."""

    country: str = "both"
    category: str = "all"
    first: int = field(default_factory=lambda: phase_span()[0])
    last: int = field(default_factory=lambda: phase_span()[1])

    @classmethod
    def of(cls, country="both", category="all", years: tuple[int, int] | None = None):
        years = phase_span() if years is None else years
        if country not in COUNTRY_CHOICES:
            raise ValueError(f"choose a peninsula among {', '.join(COUNTRY_CHOICES)}, "
                             f"not {country!r}")
        first, last = sorted(int(y) for y in years)
        return cls(country, str(category), first, last)

    @property
    def lanes(self) -> tuple[str, ...]:
        return COUNTRY_CHOICES[self.country][1]

    @property
    def label(self) -> str:
        return COUNTRY_CHOICES[self.country][0]

    @property
    def what(self) -> str:
        return "events" if self.category == "all" else f"{self.category} events"

    @property
    def span(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"

    @property
    def shows_recognitions(self) -> bool:
        """January 1950 is in range and the category admits diplomacy."""
        return self.first <= 1950 <= self.last and self.category in ("all", "diplomacy")


TABLE_COLUMNS = ["event_id", "when", "lane", "category", "title", "source_ids", "notes"]


@dataclass
class Prepared:
    """The decade's events as plain rows, the recognitions, and the chart templates."""

    rows: list[dict]
    recognised: pd.DataFrame
    recognition_sentences: list[str]
    templates: dict[tuple[str, bool], ChartTemplate]


def prepare(events=None, disputes=None) -> Prepared:
    events = shared("events") if events is None else events
    disputes = shared("disputes") if disputes is None else disputes
    return once_per_tables(_prepare, events, disputes)


def _prepare(events, disputes) -> Prepared:
    table = peninsula_events(events)
    rows = [{"event_id": str(r.event_id), "year": int(r.year), "lane": str(r.lane),
             "category": str(r.category), "title": str(r.title), "when": str(r.when),
             "start_date": r.start_date.date().isoformat(),
             "end_date": r.end_date.date().isoformat(), "spans": r.end_date > r.start_date,
             "source_ids": "" if pd.isna(r.source_ids) else str(r.source_ids),
             "notes": "" if pd.isna(r.notes) else str(r.notes)}
            for r in table.itertuples()]
    recognised = recognitions(events, disputes)
    sentences = [recognition_sentence(r) for r in recognised.itertuples()]
    templates = {(country, with_recognitions): _template(
                     COUNTRY_CHOICES[country][1],
                     recognised if with_recognitions and len(recognised) else None)
                 for country in COUNTRY_CHOICES for with_recognitions in (False, True)}
    return Prepared(rows, recognised, sentences, templates)


def _chosen(prepared: Prepared, sel: Selection) -> list[dict]:
    return [r for r in prepared.rows if r["lane"] in sel.lanes
            and sel.first <= r["year"] <= sel.last
            and (sel.category == "all" or r["category"] == sel.category)]


def _template(lanes: tuple[str, ...], recognised: pd.DataFrame | None) -> ChartTemplate:
    """The timeline for these lanes (and the January 1950 close-up), built once."""
    colour = alt.Color("category:N", title="Category",
                       scale=alt.Scale(domain=list(CATEGORIES),
                                       range=PALETTE[:len(CATEGORIES)]))
    x = alt.X("start_date:T", title="Date", scale=alt.Scale(domain=slot("x_domain")))
    y = alt.Y("lane:N", sort=list(lanes), title=None, scale=alt.Scale(domain=list(lanes)))
    bars = alt.Chart(alt.NamedData("spans")).mark_rule(strokeWidth=3).encode(  # opaque: 3:1
        x=x, x2="end_date:T", y=y, color=colour)
    points = alt.Chart(alt.NamedData("events")).mark_point(
        filled=True, size=110, opacity=0.9).encode(
        x=x, y=y, color=colour, shape=alt.Shape("category:N", legend=None),
        tooltip=[alt.Tooltip("when:N", title="When"), alt.Tooltip("title:N", title="Event"),
                 "lane:N", "category:N", "event_id:N", "source_ids:N"])
    chart = (bars + points).properties(width=640, height=55 * len(lanes))
    if recognised is not None:
        chart = alt.vconcat(chart, recognition_figure(recognised)).resolve_scale(
            color="independent", shape="independent", x="independent")
    return ChartTemplate.build(chart)


def _count(n: int, what: str) -> str:
    return f"{n} {what[:-1] if n == 1 else what}"


def _lane_counts(shown: list[dict], lanes: tuple[str, ...]) -> str:
    return "; ".join(f"{lane} {sum(r['lane'] == lane for r in shown)}" for lane in lanes)


def _side_by_side(shown: list[dict], lanes: tuple[str, ...]) -> str:
    """Per lane (bilateral aside), the first and the last event chosen: the two stories."""
    items = []
    for lane in lanes:
        rows = [r for r in shown if r["lane"] == lane]
        if lane == BILATERAL or not rows:
            continue
        first, last = rows[0], rows[-1]
        text = f"{lane}: {len(rows)}, from “{first['title']}” ({first['when']})"
        if len(rows) > 1:
            text += f" to “{last['title']}” ({last['when']})"
        items.append(f"<li>{untrusted.text(text)}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def bilateral_sentence(shown: list[dict], sel: Selection) -> str:
    """What passed between Hanoi and Pyongyang in the selection, or that nothing did.

    "Nothing passed" is said only of the events chosen: a category filter names itself,
    so the sentence never contradicts a list of recognitions shown beside it.
    """
    bilateral = [r for r in shown if r["lane"] == BILATERAL]
    if bilateral:
        named = "; ".join(f"{untrusted.text(r['title'])} ({r['when']}, {r['event_id']})"
                          for r in bilateral)
        return f"Between Hanoi and Pyongyang themselves: {named}."
    kind = "" if sel.category == "all" else f"{sel.category} "
    return (f"No {kind}event between Hanoi and Pyongyang themselves is recorded in "
            f"{sel.span}.")


def peninsulas_view(country: str = "both", category: str = "all",
                    years: tuple[int, int] | None = None,
                    events: pd.DataFrame | None = None,
                    disputes: pd.DataFrame | None = None) -> View:
    """Events of the chosen peninsula(s), category and years; the recognitions if in range."""
    return view_of(Selection.of(country, category, years), prepare(events, disputes))


def view_of(sel: Selection, prepared: Prepared) -> View:
    """The explorer's logic for one selection, from the prepared rows."""
    shown = _chosen(prepared, sel)
    label, what, span = untrusted.text(sel.label), sel.what, sel.span
    if shown:
        summary = (f"<p><b>{span}, {label}: {_count(len(shown), what)}</b> "
                   f"({untrusted.text(_lane_counts(shown, sel.lanes))}). "
                   f"{bilateral_sentence(shown, sel)}</p>"
                   + _side_by_side(shown, sel.lanes))
    else:
        summary = (f"<p><b>{span}, {label}: no {what}.</b> "
                   "Widen the years or choose another category or peninsula.</p>")
    recognised = sel.shows_recognitions and len(prepared.recognised) > 0
    if recognised:
        items = "".join(f"<li>{untrusted.text(s)}</li>" for s in prepared.recognition_sentences)
        summary += ("<p><b>Who recognised the DRV, and when (January 1950):</b></p>"
                    f"<ol>{items}</ol><p>On every account the DPRK came third, after "
                    "China and the Soviet Union, as the article says [¶5].</p>")
    return View(_figure(shown, sel, prepared, recognised), summary)


def _figure(shown: list[dict], sel: Selection, prepared: Prepared, recognised: bool):
    description = (f"Timeline from {sel.first} to {sel.last}, lanes top to bottom: "
                   f"{', '.join(sel.lanes)}. ")
    if shown:
        description += (f"{_count(len(shown), sel.what)} "
                        f"({_lane_counts(shown, sel.lanes)}): "
                        + "; ".join(f"{r['when']}, {r['lane']}: {r['title']}"
                                    for r in shown) + ". ")
    else:
        description += "No events match the filters. "
    description += "Colour and shape show the category; a bar shows how long an event lasted."
    if recognised:
        description += (" Below, a close-up of January 1950: "
                        + "; ".join(prepared.recognition_sentences)
                        + ". Diamonds mark days given by other accounts.")
    table = pd.DataFrame([[r[c] for c in TABLE_COLUMNS] for r in shown],
                         columns=TABLE_COLUMNS)
    points = [{k: r[k] for k in ("event_id", "lane", "category", "title", "when",
                                 "start_date", "end_date", "source_ids")} for r in shown]
    return prepared.templates[sel.country, recognised].fill(
        {"events": points, "spans": [p for p, r in zip(points, shown, strict=True)
                                     if r["spans"]]},
        description, f"The two peninsulas, {sel.span}: {sel.label}", table,
        x_domain=[f"{sel.first}-01-01", f"{sel.last}-12-31"])


# --- the widget --------------------------------------------------------------------------

def peninsulas_explorer(country: str = "both", category: str = "all",
                        years: tuple[int, int] | None = None):
    """The explorer of lesson 01; the years default to phase 01's."""
    first, last = phase_span()
    years = (first, last) if years is None else years
    prepared = prepare()
    present = [c for c in CATEGORIES if any(r["category"] == c for r in prepared.rows)]
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
            value=tuple(years), min=first, max=last, step=1,
            description="Years", continuous_update=False),
            "First and last year shown; include 1950 to see who recognised the DRV"),
    }
    return Explorer(
        f"Two divided peninsulas, {first}–{last}", controls,
        lambda country, category, years: view_of(
            Selection.of(country, category, years), prepared),
        intro="Choose a peninsula, a category and a range of years (Tab to a box and "
              "use the arrow keys). The summary counts the events and names anything that "
              "passed between Hanoi and Pyongyang; with 1950 in range it also says who "
              "recognised the DRV, and when.")
