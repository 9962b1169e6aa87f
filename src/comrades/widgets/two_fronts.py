"""Notebook 02's explorer: two fronts, one enemy.

Korea and Vietnam in 1954–1973 side by side. Each event is put in a *lane* by who took
part in it: the Korean front (the two Koreas and their leaders), the Vietnamese front
(the two Vietnams), events that joined the two fronts (Hanoi–Pyongyang ties, Seoul's
troops in Vietnam), and the great powers' own quarrels. Beneath the lanes, the course's
yearly scores of each northern state's relations with the United States show the US
pressure on each front. The plain view function :func:`two_fronts_view` answers, in
words, what happened on each front in the chosen years.

The module also draws the pilots dispute (:func:`pilots_figure`): the competing numbers
of North Korean pilots, each with the source that gives it (``data/disputes.csv``).
"""

from __future__ import annotations

import html

import altair as alt
import ipywidgets as w
import pandas as pd

from comrades import data
from comrades.charts import CATEGORIES, OKABE_ITO, OUTLINE, PALETTE, make_figure, score_scale
from comrades.widgets.base import Explorer, View, labelled

# Which front an actor belongs to. Parties and people count with their state.
KOREA_ACTORS = frozenset({"PRK", "KOR", "WPK", "KIM_IL_SUNG", "KIM_JONG_IL", "KIM_JONG_UN",
                          "PAEK_NAM_SUN", "KIM_YONG_NAM", "RI_YONG_HO", "KIM_SONG_NAM"})
VIETNAM_ACTORS = frozenset({"VNM", "RVN", "CPV", "HO_CHI_MINH", "PHAM_VAN_DONG",
                            "NGUYEN_PHU_TRONG", "NONG_DUC_MANH", "PHAM_BINH_MINH", "TO_LAM"})

KOREA, VIETNAM, ACROSS, POWERS = ("Korean front", "Vietnamese front", "Across both fronts",
                                  "Great powers")
LANES = (KOREA, ACROSS, VIETNAM, POWERS)
_LANE_PHRASE = {KOREA: "on the Korean front", ACROSS: "across both fronts",
                VIETNAM: "on the Vietnamese front", POWERS: "among the great powers"}

# The US pressure on each front: the course's yearly scores (data/relations.csv).
US_DYADS = {"PRK-USA": KOREA, "VNM-USA": VIETNAM}
SCORE_WORDS = {-2: "hostile or at war", -1: "strained", 0: "no relations or neutral",
               1: "friendly", 2: "allied"}

YEAR_MIN, YEAR_MAX = 1950, 1975
PHASE_YEARS = (1954, 1973)
PILOTS = "pilots"


def front_of(actors) -> str:
    """The lane of an event, from its ``actors`` cell (``"PRK;VNM"``) or a list of ids."""
    ids = set(data.split_list(actors)) if not isinstance(actors, list | set | tuple) \
        else set(actors)
    korea, vietnam = bool(ids & KOREA_ACTORS), bool(ids & VIETNAM_ACTORS)
    if korea and vietnam:
        return ACROSS
    if korea:
        return KOREA
    if vietnam:
        return VIETNAM
    return POWERS


def front_events(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events with two added columns: ``front`` (the lane) and ``us`` (the USA took part)."""
    events = data.events() if events is None else events
    ids = events["actors"].map(data.split_list)
    return events.assign(front=ids.map(front_of), us=ids.map(lambda a: "USA" in a),
                         year=events["start_date"].dt.year)


def _years(start_year: int, end_year: int) -> tuple[int, int]:
    start, end = int(start_year), int(end_year)
    return (end, start) if start > end else (start, end)


def select(events: pd.DataFrame, start_year: int, end_year: int,
           categories=None, us_only: bool = False) -> pd.DataFrame:
    """The events of the chosen years (by start year), categories and US filter."""
    start, end = _years(start_year, end_year)
    table = front_events(events) if "front" not in events else events
    chosen = table[table["year"].between(start, end)]
    if categories is not None:
        chosen = chosen[chosen["category"].isin(list(categories))]
    if us_only:
        chosen = chosen[chosen["us"]]
    return chosen.sort_values("start_date").reset_index(drop=True)


def us_pressure(relations: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """Yearly scores of PRK-USA and VNM-USA in the chosen years, with the front named."""
    start, end = _years(start_year, end_year)
    rows = relations[relations["dyad"].isin(list(US_DYADS))
                     & relations["year"].between(start, end)]
    rows = rows.assign(front=rows["dyad"].map(US_DYADS),
                       meaning=rows["score"].map(lambda s: SCORE_WORDS.get(int(s), "")))
    return rows[["front", "dyad", "year", "score", "meaning", "rationale", "source_ids"]] \
        .sort_values(["dyad", "year"]).reset_index(drop=True)


def _span(start: int, end: int) -> str:
    return f"In {start}" if start == end else f"In {start}–{end}"


def _listing(rows: pd.DataFrame, limit: int = 5) -> str:
    items = [f"{html.escape(r.title)} ({r.year}, {r.event_id})"
             for r in rows.head(limit).itertuples()]
    more = len(rows) - limit
    return "; ".join(items) + (f"; and {more} more" if more > 0 else "")


def _pressure_sentence(pressure: pd.DataFrame) -> str:
    parts = []
    for dyad in US_DYADS:
        rows = pressure[pressure["dyad"] == dyad]
        if not len(rows):
            continue
        steps = rows[rows["score"].diff().fillna(1) != 0]
        change = ", then ".join(f"{int(r.score):+d} ({SCORE_WORDS[int(r.score)]}) from "
                                f"{r.year}" for r in steps.itertuples())
        who = "North Korea–US" if dyad == "PRK-USA" else "North Vietnam–US"
        parts.append(f"{who}: {change}")
    if not parts:
        return ""
    return ("<p><b>US pressure</b> (the course's yearly scores, −2 hostile … +2 allied): "
            + "; ".join(parts) + ".</p>")


def two_fronts_view(start_year: int = PHASE_YEARS[0], end_year: int = PHASE_YEARS[1],
                    categories=CATEGORIES, us_only: bool = False,
                    events: pd.DataFrame | None = None,
                    relations: pd.DataFrame | None = None) -> View:
    """What happened on each front in the chosen years, and the US pressure on each."""
    events = data.events() if events is None else events
    relations = data.relations() if relations is None else relations
    start, end = _years(start_year, end_year)
    chosen = select(events, start, end, categories, us_only)
    pressure = us_pressure(relations, start, end)
    filters = []
    if categories is not None and set(categories) != set(CATEGORIES):
        filters.append("categories: " + (", ".join(categories) or "none"))
    if us_only:
        filters.append("only events in which the United States took part")
    filtered = f" ({'; '.join(filters)})" if filters else ""
    if not len(chosen):
        summary = (f"<p>{_span(start, end)}: no events match{filtered}. Widen the years or "
                   "tick more categories.</p>")
    else:
        counts = chosen["front"].value_counts()
        lines = []
        for lane in LANES:
            rows = chosen[chosen["front"] == lane]
            if len(rows):
                lines.append(f"<li><b>{lane}</b>: {len(rows)} — {_listing(rows)}</li>")
        us = int(chosen["us"].sum())
        summary = (f"<p>{_span(start, end)}: {len(chosen)} event"
                   f"{'s' if len(chosen) != 1 else ''}{filtered}: "
                   + ", ".join(f"{counts.get(lane, 0)} {_LANE_PHRASE[lane]}"
                               for lane in LANES)
                   + f". The United States took part in {us} of them.</p><ul>"
                   + "".join(lines) + "</ul>")
    summary += _pressure_sentence(pressure)
    return View(fronts_figure(chosen, pressure, start, end), summary)


def fronts_figure(chosen: pd.DataFrame, pressure: pd.DataFrame, start: int,
                  end: int) -> object:
    """Lanes of events over time above a strip of the US scores for each front."""
    domain = [pd.Timestamp(f"{start}-01-01"), pd.Timestamp(f"{end}-12-31")]
    x = alt.X("start_date:T", title="Date", scale=alt.Scale(domain=domain))
    table = chosen.assign(us_part=chosen["us"].map({True: "yes", False: "no"}))
    colours = alt.Scale(domain=list(CATEGORIES), range=PALETTE[:len(CATEGORIES)])
    points = alt.Chart(table).mark_point(size=110, opacity=0.9, strokeWidth=2).encode(
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
    years = pressure.assign(start=pd.to_datetime(pressure["year"].astype(str) + "-01-01"),
                            end=pd.to_datetime(pressure["year"].astype(str) + "-12-31"),
                            label=pressure["dyad"].map({"PRK-USA": "North Korea–US",
                                                        "VNM-USA": "North Vietnam–US"}))
    strip = alt.Chart(years).mark_rect(**OUTLINE).encode(
        x=alt.X("start:T", title="Year", scale=alt.Scale(domain=domain)), x2="end:T",
        y=alt.Y("label:N", title="US pressure",
                sort=["North Korea–US", "North Vietnam–US"]),
        color=alt.Color("score:O", scale=score_scale(), title="Score with the US",
                        legend=alt.Legend(orient="bottom")),
        tooltip=["label:N", "year:O", "score:Q", "meaning:N"],
    ).properties(width=560, height=60)
    chart = alt.vconcat(points, strip).resolve_scale(color="independent")
    description = _fronts_description(chosen, pressure, start, end)
    shown = chosen.assign(start_date=chosen["start_date"].dt.date)[
        ["event_id", "start_date", "front", "category", "us", "title", "source_ids"]
    ].rename(columns={"us": "US took part"})
    return make_figure(chart, description, shown,
                       f"Two fronts, one enemy: {start}–{end}" if start != end
                       else f"Two fronts, one enemy: {start}")


def _fronts_description(chosen, pressure, start, end) -> str:
    if len(chosen):
        counts = chosen["front"].value_counts()
        lanes = "; ".join(f"{lane}: {counts.get(lane, 0)}" for lane in LANES)
        text = (f"Timeline of {len(chosen)} events from {start} to {end} in four lanes "
                f"(top to bottom): {lanes}. Colour shows the category; a diamond marks an "
                "event in which the United States took part, a circle one without it.")
    else:
        text = f"Timeline from {start} to {end} with no events: the filters exclude all."
    if len(pressure):
        scores = []
        for dyad in US_DYADS:
            rows = pressure[pressure["dyad"] == dyad]
            if len(rows):
                low, high = int(rows["score"].min()), int(rows["score"].max())
                span = f"{low:+d}" if low == high else f"between {low:+d} and {high:+d}"
                scores.append(f"{dyad} {span}")
        text += (" Below, a strip of yearly scores with the United States (orange and "
                 "vermillion are strained and hostile): " + "; ".join(scores) + ".")
    return text


def two_fronts_explorer(start_year: int = PHASE_YEARS[0], end_year: int = PHASE_YEARS[1],
                        us_only: bool = False) -> Explorer:
    events, relations = front_events(data.events()), data.relations()
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
        return two_fronts_view(years[0], years[1], categories, us_only, events, relations)

    return Explorer("Two fronts, one enemy", controls, view,
                    intro="Choose the years (and, if you like, kinds of event) and read "
                          "what happened on the Korean and the Vietnamese front, what "
                          "joined them, and how hostile each northern state was to the "
                          "United States. Diamonds mark events in which the US took part.")


# --- the pilots dispute -------------------------------------------------------------

def dispute_claims(dispute_id: str = PILOTS, disputes: pd.DataFrame | None = None,
                   sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims of one dispute, each with who makes it and what kind of source it is."""
    disputes = data.disputes() if disputes is None else disputes
    sources = data.sources() if sources is None else sources
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
