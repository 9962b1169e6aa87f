"""Notebook 02's explorer: two fronts, one enemy.

Korea and Vietnam in 1954–1973 side by side. Each event is put in a *lane* by who took
part in it, read from ``data/actors.csv`` (:func:`comrades.vocab.region_of`): the Korean
front (the two Koreas, their parties and leaders), the Vietnamese front (the war in
Indochina: the two Vietnams, Cambodia and Laos, their parties, movements and leaders),
events that joined the two fronts (Hanoi–Pyongyang ties, Seoul's troops in Vietnam),
and the great powers' own quarrels. Beneath the lanes, the course's
yearly scores of each northern state's relations with the United States show the US
pressure on each front. The plain view function :func:`two_fronts_view` answers, in
words, what happened on each front in the chosen years.

The module also draws the pilots dispute (:func:`pilots_figure`): the competing numbers
of North Korean pilots, each with the source that gives it (``data/disputes.csv``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import altair as alt
import ipywidgets as w
import pandas as pd

from comrades import data, vocab
from comrades.charts import CATEGORIES, OKABE_ITO, OUTLINE, PALETTE, make_figure, score_scale
from comrades.scores import Scores, scores_of
from comrades.tablecache import once_per_tables, shared
from comrades.untrusted import render
from comrades.vocab import score_text, signed
from comrades.widgets.base import Explorer, View, labelled
from comrades.widgets.precompute import ChartTemplate, slot

# Which front an actor belongs to. Parties and people count with their state.
KOREA, VIETNAM, ACROSS, POWERS = ("Korean front", "Vietnamese front", "Across both fronts",
                                  "Great powers")
LANES = (KOREA, ACROSS, VIETNAM, POWERS)
_LANE_PHRASE = {KOREA: "on the Korean front", ACROSS: "across both fronts",
                VIETNAM: "on the Vietnamese front", POWERS: "among the great powers"}
_LANE_OF_REGION = {"Korea": KOREA, "Indochina": VIETNAM}

# The US pressure on each front: the course's yearly scores (data/relations.csv).
US_DYADS = {"PRK-USA": KOREA, "VNM-USA": VIETNAM}

YEAR_MIN, YEAR_MAX = 1950, 1975
def phase_years() -> tuple[int, int]:
    """The first and last year of phase 02 (data/phases.csv), read when asked."""
    return vocab.phase_years("02")


_LAZY = {"PHASE_YEARS": phase_years}


def __getattr__(name: str):
    """PHASE_YEARS: read from data/phases.csv when first asked for, never at import."""
    if name in _LAZY:
        return _LAZY[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
PILOTS = "pilots"
TABLE_COLUMNS = ["event_id", "start_date", "front", "category", "US took part", "title",
                 "source_ids"]


def front_of(actors) -> str:
    """The lane of an event, from its ``actors`` cell (``"PRK;VNM"``) or a list of ids.

    The region of each actor comes from ``actors.csv`` (:func:`comrades.vocab.regions`):
    Korean and Indochinese actors together make an event across both fronts.
    """
    found = vocab.regions(actors if isinstance(actors, str) else list(actors))
    if len(found) > 1:
        return ACROSS
    return _LANE_OF_REGION[next(iter(found))] if found else POWERS


def front_events(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events with two added columns: ``front`` (the lane) and ``us`` (the USA took part)."""
    events = shared("events") if events is None else events
    ids = events["actors"].map(data.split_list)
    return events.assign(front=ids.map(front_of), us=ids.map(lambda a: "USA" in a),
                         year=events["start_date"].dt.year)


def _years(start_year: int, end_year: int) -> tuple[int, int]:
    start, end = int(start_year), int(end_year)
    return (end, start) if start > end else (start, end)


@dataclass(frozen=True)
class Selection:
    """What the student chose: years (by the year an event began), categories, US filter."""

    start: int
    end: int
    categories: tuple[str, ...] | None = CATEGORIES
    us_only: bool = False

    @classmethod
    def of(cls, start_year: int | None = None, end_year: int | None = None,
           categories=CATEGORIES, us_only: bool = False) -> Selection:
        first, last = phase_years()
        start, end = _years(first if start_year is None else start_year,
                            last if end_year is None else end_year)
        return cls(start, end, None if categories is None else tuple(categories),
                   bool(us_only))

    @property
    def span(self) -> str:
        return f"{self.start}" if self.start == self.end else f"{self.start}–{self.end}"


@dataclass(frozen=True)
class Row:
    """One event as the explorer shows it, prepared once."""

    event_id: str
    year: int
    date: str  # ISO day
    front: str
    category: str
    us: bool
    title: str
    source_ids: str


@dataclass
class Prepared:
    rows: list[Row]
    scores: Scores


def prepare(events=None, relations=None) -> Prepared:
    events = shared("events") if events is None else events
    relations = shared("relations") if relations is None else relations
    return once_per_tables(_prepare, events, relations)


def _prepare(events, relations) -> Prepared:
    table = front_events(events).sort_values(["start_date", "event_id"], kind="stable")
    rows = [Row(str(e.event_id), int(e.year), e.start_date.date().isoformat(), e.front,
                str(e.category), bool(e.us), str(e.title),
                "" if pd.isna(e.source_ids) else str(e.source_ids))
            for e in table.itertuples()]
    return Prepared(rows, scores_of(relations))


def _chosen(prepared: Prepared, sel: Selection) -> list[Row]:
    return [r for r in prepared.rows if sel.start <= r.year <= sel.end
            and (sel.categories is None or r.category in sel.categories)
            and (r.us or not sel.us_only)]


def _pressure_rows(scores: Scores, start: int, end: int) -> list[dict]:
    return [{"front": front, "dyad": dyad, "label": vocab.dyad_name(dyad), "year": year,
             "score": score, "meaning": vocab.SCORE_WORDS[score]}
            for dyad, front in US_DYADS.items()
            for year, score in scores.series(dyad, start, end)]


def _listing(rows: list[Row], limit: int = 5) -> str:
    return str(render(LISTING, rows=rows[:limit], more=len(rows) - limit))


LISTING = ("{% for r in rows %}{{ r.title }} ({{ r.year }}, {{ r.event_id }})"
           "{{ '; ' if not loop.last }}{% endfor %}{% if more > 0 %}; and {{ more }} more"
           "{% endif %}")


def pressure_sentence(scores: Scores, start: int, end: int) -> str:
    """The US scores of each front in words: '−2 (hostile or at war) since 1950'.

    "since YEAR" names the year a score was set before the chosen span; "from YEAR"
    the year it changed inside it (:meth:`~comrades.scores.Scores.steps`).
    """
    parts = []
    for dyad in US_DYADS:
        steps = scores.steps(dyad, start, end)
        if steps:
            parts.append((vocab.dyad_name(dyad),
                          [(score_text(score), "since" if year < start else "from", year)
                           for year, score in steps]))
    if not parts:
        return ""
    return " ".join(str(render(PRESSURE, parts=parts)).split())


PRESSURE = """<p><b>US pressure</b> (the course's yearly scores, −2 hostile … +2 allied):
{% for pair, words in parts %}{{ pair }}: {% for score, word, year in words %}{{ score }}
{{ word }} {{ year }}{{ ", then " if not loop.last }}{% endfor %}{{ "; " if not loop.last
}}{% endfor %}.</p>"""


def two_fronts_view(start_year: int | None = None, end_year: int | None = None,
                    categories=CATEGORIES, us_only: bool = False,
                    events: pd.DataFrame | None = None,
                    relations: pd.DataFrame | None = None) -> View:
    """What happened on each front in the chosen years, and the US pressure on each."""
    return view_of(Selection.of(start_year, end_year, categories, us_only),
                   prepare(events, relations))


def view_of(sel: Selection, prepared: Prepared) -> View:
    """The explorer's logic for one selection, from the prepared rows."""
    chosen = _chosen(prepared, sel)
    filters = []
    if sel.categories is not None and set(sel.categories) != set(CATEGORIES):
        filters.append("categories: " + (", ".join(sel.categories) or "none"))
    if sel.us_only:
        filters.append("only events in which the United States took part")
    filtered = f" ({'; '.join(filters)})" if filters else ""
    if not chosen:
        summary = (f"<p>In {sel.span}: no events match{filtered}. Widen the years or "
                   "tick more categories.</p>")
    else:
        by_lane = {lane: [r for r in chosen if r.front == lane] for lane in LANES}
        lines = [f"<li><b>{lane}</b>: {len(rows)} — {_listing(rows)}</li>"
                 for lane, rows in by_lane.items() if rows]
        us = sum(r.us for r in chosen)
        summary = (f"<p>In {sel.span}: {len(chosen)} event"
                   f"{'s' if len(chosen) != 1 else ''}{filtered}: "
                   + ", ".join(f"{len(by_lane[lane])} {_LANE_PHRASE[lane]}"
                               for lane in LANES)
                   + f". The United States took part in {us} of them.</p><ul>"
                   + "".join(lines) + "</ul>")
    summary += pressure_sentence(prepared.scores, sel.start, sel.end)
    return View(_figure(sel, chosen, prepared.scores), summary)


@cache
def _template() -> ChartTemplate:
    """Lanes of events over time above a strip of the US scores for each front."""
    domain = slot("x_domain")
    x = alt.X("start_date:T", title="Date", scale=alt.Scale(domain=domain))
    colours = alt.Scale(domain=list(CATEGORIES), range=PALETTE[:len(CATEGORIES)])
    points = alt.Chart(alt.NamedData("events")).mark_point(
        size=110, opacity=0.9, strokeWidth=2).encode(
        x=x,
        y=alt.Y("front:N", sort=list(LANES), scale=alt.Scale(domain=list(LANES)),
                title=None),
        # legends below the chart, so a narrow notebook (file browser open) shows them whole
        color=alt.Color("category:N", scale=colours, title="Category",
                        legend=alt.Legend(orient="bottom", columns=4)),
        shape=alt.Shape("us_part:N", scale=alt.Scale(domain=["yes", "no"],
                                                     range=["diamond", "circle"]),
                        title="US took part", legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("start_date:T", title="Date"), "title:N", "category:N",
                 alt.Tooltip("us_part:N", title="US took part"), "event_id:N"],
    ).properties(width=560, height=200)
    labels = [vocab.dyad_name(d) for d in US_DYADS]
    strip = alt.Chart(alt.NamedData("pressure")).mark_rect(**OUTLINE).encode(
        x=alt.X("start:T", title="Year", scale=alt.Scale(domain=domain)), x2="end:T",
        y=alt.Y("label:N", title="US pressure", sort=labels),
        color=alt.Color("score:O", scale=score_scale(), title="Score with the US",
                        legend=alt.Legend(orient="bottom")),
        tooltip=["label:N", "year:O", "score:Q", "meaning:N"],
    ).properties(width=560, height=60)
    return ChartTemplate.build(alt.vconcat(points, strip).resolve_scale(color="independent"))


def _figure(sel: Selection, chosen: list[Row], scores: Scores):
    start, end = sel.start, sel.end
    pressure = _pressure_rows(scores, start, end)
    events = [{"event_id": r.event_id, "start_date": r.date, "front": r.front,
               "category": r.category, "us_part": "yes" if r.us else "no",
               "title": r.title} for r in chosen]
    strip = [{**p, "start": f"{p['year']}-01-01", "end": f"{p['year']}-12-31"}
             for p in pressure]
    table = pd.DataFrame([(r.event_id, r.date, r.front, r.category, r.us, r.title,
                           r.source_ids) for r in chosen], columns=TABLE_COLUMNS)
    title = f"Two fronts, one enemy: {sel.span}"
    return _template().fill({"events": events, "pressure": strip},
                            _fronts_description(chosen, pressure, start, end), title, table,
                            x_domain=[f"{start}-01-01", f"{end}-12-31"])


def _fronts_description(chosen: list[Row], pressure: list[dict], start, end) -> str:
    if chosen:
        lanes = "; ".join(f"{lane}: {sum(r.front == lane for r in chosen)}"
                          for lane in LANES)
        text = (f"Timeline of {len(chosen)} events from {start} to {end} in four lanes "
                f"(top to bottom): {lanes}. Colour shows the category; a diamond marks an "
                "event in which the United States took part, a circle one without it.")
    else:
        text = f"Timeline from {start} to {end} with no events: the filters exclude all."
    if pressure:
        scores = []
        for dyad in US_DYADS:
            found = [p["score"] for p in pressure if p["dyad"] == dyad]
            if found:
                low, high = min(found), max(found)
                span = signed(low) if low == high else \
                    f"between {signed(low)} and {signed(high)}"
                scores.append(f"{vocab.dyad_name(dyad)} {span}")
        text += (" Below, a strip of yearly scores with the United States (orange and "
                 "vermillion are strained and hostile): " + "; ".join(scores) + ".")
    return text


def two_fronts_explorer(start_year: int | None = None, end_year: int | None = None,
                        us_only: bool = False) -> Explorer:
    """The explorer of lesson 02; the years default to phase 02's."""
    first, last = phase_years()
    start_year = first if start_year is None else start_year
    end_year = last if end_year is None else end_year
    prepared = prepare()
    controls = {
        "years": labelled(w.IntRangeSlider(
            value=[max(YEAR_MIN, min(start_year, YEAR_MAX)),
                   max(YEAR_MIN, min(end_year, YEAR_MAX))],
            min=YEAR_MIN, max=YEAR_MAX, description="Years",
            continuous_update=False),
            "The years to look at (events are placed by the year they began); type a "
            "year or use the arrow keys"),
        "categories": labelled(w.SelectMultiple(
            options=list(CATEGORIES), value=list(CATEGORIES), rows=len(CATEGORIES),
            description="Categories"),
            "Which kinds of event to show; Ctrl or Shift with the arrow keys and Space "
            "selects several"),
        "us_only": labelled(w.Checkbox(value=us_only,
                                       description="Only events with the United States"),
                            "Keep only events in which the United States took part"),
    }

    def view(years, categories, us_only):
        return view_of(Selection.of(years[0], years[1], categories, us_only), prepared)

    return Explorer("Two fronts, one enemy", controls, view,
                    intro="Choose the years (and, if you like, kinds of event) and read "
                          "what happened on the Korean and the Vietnamese front, what "
                          "joined them, and how hostile each northern state was to the "
                          "United States. Diamonds mark events in which the US took part.")


# --- the pilots dispute -------------------------------------------------------------

def dispute_claims(dispute_id: str = PILOTS, disputes: pd.DataFrame | None = None,
                   sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims of one dispute, each with who makes it and what kind of source it is."""
    disputes = shared("disputes") if disputes is None else disputes
    sources = shared("sources") if sources is None else sources
    rows = disputes[disputes["dispute_id"] == dispute_id].sort_values("claim_no")
    by_id = sources.set_index("source_id")

    def describe(cell, column):
        found = [str(by_id.loc[s, column]) for s in data.split_list(cell) if s in by_id.index]
        return "; ".join(dict.fromkeys(v for v in found if v and v != "<NA>"))

    return pd.DataFrame({
        "claim_no": rows["claim_no"].astype(int).to_numpy(),
        "figure": rows["figure"].round().astype("Int64").reset_index(drop=True),
        "claim": rows["claim"].to_numpy(),
        "source_ids": rows["source_ids"].to_numpy(),
        "source": [describe(c, "author") for c in rows["source_ids"]],
        "kind": [describe(c, "kind") for c in rows["source_ids"]],
        "notes": rows["notes"].fillna("").to_numpy(),
    })


_KIND_WORDS = {"article": "policy article", "archive": "archival documents",
               "news": "news agency"}


def _pilot_label(source_ids: str, sources: pd.DataFrame) -> str:
    """'Associated Press (news agency)', one per source, joined with 'and'."""
    by_id = sources.set_index("source_id")
    names = []
    for sid in data.split_list(source_ids):
        if sid in by_id.index:
            row = by_id.loc[sid]
            names.append(f"{row['author']} ({_KIND_WORDS.get(row['kind'], row['kind'])})")
        else:
            names.append(sid)
    return " and ".join(names)


def pilots_figure(disputes: pd.DataFrame | None = None,
                  sources: pd.DataFrame | None = None) -> object:
    """Competing counts of North Korean pilots, each bar labelled with its source."""
    sources = data.sources() if sources is None else sources
    claims = dispute_claims(PILOTS, disputes, sources)
    claims = claims[claims["figure"].notna()].copy()
    claims["counts"] = ["pilots killed" if "killed" in c else "pilots who served"
                        for c in claims["claim"]]
    claims["who"] = [_pilot_label(c, sources) for c in claims["source_ids"]]
    claims["bar"] = [f"{r.who}: {r.counts}" for r in claims.itertuples()]
    order = list(claims["bar"])
    y = alt.Y("bar:N", sort=order, title=None, axis=alt.Axis(labelLimit=420))
    colours = alt.Scale(domain=["pilots who served", "pilots killed"],
                        range=[OKABE_ITO["blue"], OKABE_ITO["vermillion"]])
    bars = alt.Chart(claims).mark_bar().encode(
        x=alt.X("figure:Q", title="Number claimed"), y=y,
        color=alt.Color("counts:N", scale=colours, title="What is counted"),
        tooltip=["who:N", "counts:N", "figure:Q", "claim:N", "source_ids:N"])
    labels = bars.mark_text(align="left", dx=4).encode(text="figure:Q", color=alt.value("black"))
    chart = (bars + labels).properties(width=360, height=34 * max(1, len(claims)))
    served = claims[claims["counts"] == "pilots who served"]
    killed = claims[claims["counts"] == "pilots killed"]
    description = ("Horizontal bars, one per claim about North Korean pilots in the Vietnam "
                   "War: " + "; ".join(f"{r.who}: {int(r.figure)} {r.counts}"
                                       for r in claims.itertuples()) + ".")
    if len(served) > 1:
        description += (f" The counts of pilots who served run from {int(served.figure.min())}"
                        f" to {int(served.figure.max())}, a factor of "
                        f"{served.figure.max() / served.figure.min():.1f}")
        description += (f"; the {int(killed.figure.iloc[0])} killed are agreed."
                        if len(killed) else ".")
    table = claims[["claim_no", "figure", "counts", "source", "kind", "source_ids", "claim",
                    "notes"]]
    return make_figure(chart, description, table, "How many North Korean pilots?")
