"""Altair chart builders, each with a text description and a colour-blind-safe palette.

Every builder returns a :class:`Figure`: the Altair chart, a plain-language description
of what it shows (also set as the chart's ARIA description), and the table it draws, so
a student can read the chart as text or as data. Displaying a Figure shows all three;
the description and table sit in a collapsible "Text description and data" section.

Renderer (set once, here): Altair 5.5's ``mimetype`` renderer. It emits a Vega-Lite v5
spec that JupyterLab 4 draws with its built-in renderer, offline, without extra
packages. Altair 6 emits v6, which JupyterLab 4.6 does not draw; its offline
alternative needs ``anywidget`` and ``vl-convert-python`` (see README, design notes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import altair as alt
import pandas as pd

from comrades import tables, untrusted
from comrades.lens import ALIGNMENT, RELATIONSHIPS, predict, predictions
from comrades.vocab import dyad_name, signed

# The chart actions menu ("…": save as SVG/PNG, view source, open in the online Vega
# editor) is switched off: its <summary> has no accessible name, and one of its links
# leads off the machine. The text description and data table below every chart stay.
EMBED_OPTIONS = {"actions": False}
alt.renderers.enable("mimetype", embed_options=EMBED_OPTIONS)
VEGA_LITE_MIMETYPE = f"application/vnd.vegalite.v{alt.SCHEMA_VERSION.split('.')[0][1:]}+json"

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
# form of colour blindness. These are the published values; on a white chart four of
# them (orange, sky blue, yellow, grey) fall below the 3:1 contrast WCAG 2.1 (1.4.11)
# asks of graphical objects, so they are used only for outlined surfaces.
OKABE_ITO_PUBLISHED = {
    "orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00",
    "reddish purple": "#CC79A7", "black": "#000000", "grey": "#999999",
}
# The colours for marks (points, lines, bars, rules): the same hues, darkened (HLS
# lightness only) where needed until they keep 3.1:1 on white even when drawn at 90%
# opacity, as overlapping points are. tests/test_charts.py checks every mark of every
# chart, explorers included, against 3:1.
OKABE_ITO = {**OKABE_ITO_PUBLISHED,
             "orange": "#B47C00", "sky blue": "#1B8FD0", "bluish green": "#009B71",
             "yellow": "#92890C", "reddish purple": "#C6689C", "grey": "#868686"}
PALETTE = list(OKABE_ITO.values())
# Surfaces (heat-map cells, the lens's squares) keep the lighter published colours, so
# black text on them stays legible; a dark outline gives each one its 3:1 edge.
RELATIONSHIP_COLOURS = [OKABE_ITO_PUBLISHED[c] for c in
                        ("blue", "sky blue", "yellow", "orange", "vermillion")]
SCORE_COLOURS = [OKABE_ITO_PUBLISHED["vermillion"], OKABE_ITO_PUBLISHED["orange"], "#F7F7F7",
                 OKABE_ITO_PUBLISHED["sky blue"], OKABE_ITO_PUBLISHED["blue"]]  # -2 .. 2
OUTLINE = {"stroke": "#595959", "strokeWidth": 0.75}
CATEGORIES = ("diplomacy", "military", "aid", "ideology", "economy", "culture", "conflict")


class VegaLiteChart(Protocol):
    """What a :class:`Figure` draws: an Altair chart, or a spec filled in without Altair
    (``comrades.widgets.precompute.FilledChart``)."""

    def to_dict(self, validate: bool = True) -> dict[str, Any]: ...


@dataclass
class Figure:
    """A chart with the words and the data that make it readable without sight."""

    chart: VegaLiteChart
    description: str
    table: pd.DataFrame | None = field(default=None, repr=False)

    def details_html(self, max_rows: int = 60) -> str:
        text = f"<p>{untrusted.text(self.description)}</p>"
        if self.table is not None and len(self.table):
            text += tables.to_html(self.table, max_rows=max_rows)
        return ("<details class='comrades-figure-text'>"
                "<summary>Text description and data</summary>" + text + "</details>")

    def mimebundles(self) -> list[dict]:
        """The chart and its text view as display bundles, ready for a frontend.

        The spec is built without Altair's JSON-schema validation, which costs more
        than building the chart: every builder here is validated by the tests
        (``tests/test_charts.py``), so an explorer redraws at interactive speed.
        """
        spec = self.chart.to_dict(validate=False)
        return [{VEGA_LITE_MIMETYPE: spec, "text/plain": f"<Chart: {self.description[:100]}>"},
                {"text/html": self.details_html(), "text/plain": self.description}]

    def outputs(self) -> list[dict]:
        """The bundles as notebook display outputs, with the renderer's embed options."""
        metadata = {VEGA_LITE_MIMETYPE: {"embed_options": EMBED_OPTIONS}}
        return [{"output_type": "display_data", "data": bundle,
                 "metadata": metadata if VEGA_LITE_MIMETYPE in bundle else {}}
                for bundle in self.mimebundles()]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for output in self.outputs():
            display(output["data"], metadata=output["metadata"], raw=True)


def make_figure(chart, description: str, table=None, title: str | None = None) -> Figure:
    """Wrap a finished Altair chart with its description (also its ARIA label) and data.

    Legends go below the chart (four entries to a row), so a chart fits a notebook
    narrowed by the file browser: a chart wider than its cell scrolls sideways, and
    that scrolling region cannot be reached from the keyboard (axe-core:
    scrollable-region-focusable).
    """
    props = {"description": description}
    if title:
        props["title"] = title
    chart = (chart.properties(**props).configure_view(stroke=None)
             .configure_legend(orient="bottom", columns=4))
    return Figure(chart, description, table)


def relationship_scale() -> alt.Scale:
    return alt.Scale(domain=list(RELATIONSHIPS), range=RELATIONSHIP_COLOURS)


def score_scale() -> alt.Scale:
    return alt.Scale(domain=[-2, -1, 0, 1, 2], range=SCORE_COLOURS)


# --- the two-factor lens --------------------------------------------------------------

def lens_grid() -> pd.DataFrame:
    """Every pair of scores with the lens's prediction: the background of the quadrant."""
    rows = [{"ideology": i, "interests": s, "prediction": predict(i, s),
             "ideology_label": ALIGNMENT[i], "interests_label": ALIGNMENT[s]}
            for i in ALIGNMENT for s in ALIGNMENT]
    return pd.DataFrame(rows)


def lens_quadrant(phases: pd.DataFrame, ideology: int | None = None,
                  interests: int | None = None) -> Figure:
    """The lens as a 5×5 map, phases placed on it, the student's choice outlined."""
    axis_values = list(ALIGNMENT)
    label_expr = ("{" + ", ".join(f"'{k}': '{v}'" for k, v in ALIGNMENT.items())
                  + "}[datum.value]")
    x = alt.X("ideology:O", sort=axis_values, title="Party ideology: alignment",
              axis=alt.Axis(labelExpr=label_expr, labelAngle=0))
    y = alt.Y("interests:O", sort=list(reversed(axis_values)),
              title="State interests: alignment", axis=alt.Axis(labelExpr=label_expr))
    background = alt.Chart(lens_grid()).mark_rect(fillOpacity=0.55, **OUTLINE).encode(
        x=x, y=y,
        color=alt.Color("prediction:N", scale=relationship_scale(),
                        title="Lens predicts"),
        tooltip=[alt.Tooltip("ideology_label:N", title="Ideology"),
                 alt.Tooltip("interests_label:N", title="Interests"),
                 alt.Tooltip("prediction:N", title="Predicted")],
    )
    placed = phase_positions(phases)
    labels = alt.Chart(placed).mark_text(fontSize=13, fontWeight="bold").encode(
        x=x, y=y, text="label:N",
        tooltip=[alt.Tooltip("titles:N", title="Phase"),
                 alt.Tooltip("relationship:N", title="Recorded relationship")],
    )
    layers = [background, labels]
    if ideology is not None and interests is not None:
        chosen = pd.DataFrame([{"ideology": ideology, "interests": interests}])
        layers.append(alt.Chart(chosen).mark_rect(fill=None, stroke="black",
                                                  strokeWidth=3).encode(x=x, y=y))
    description = lens_description(placed, ideology, interests)
    table = phases[["phase", "title", "start_year", "end_year", "ideology", "interests",
                    "relationship"]].assign(
        predicted=predictions(phases))
    chart = alt.layer(*layers).properties(width=380, height=320)
    return make_figure(chart, description, table, "The two-factor lens")


def lens_description(placed: pd.DataFrame, ideology: int | None = None,
                     interests: int | None = None) -> str:
    """The words of :func:`lens_quadrant`; ``placed`` is :func:`phase_positions`."""
    where = ("" if ideology is None or interests is None else
             f" The outlined square is your choice: ideology {ALIGNMENT[ideology]}, "
             f"interests {ALIGNMENT[interests]}, for which the lens predicts "
             f"{predict(ideology, interests)}.")
    return (
        "A five-by-five grid. Across: how far the two parties' ideology is aligned, from "
        "opposed to shared. Up: how far the two states' interests are aligned. Each "
        "square is coloured by the relationship the lens predicts; only the top-right "
        "column of shared interests with shared or partly shared ideology predicts an "
        "alliance. Phase numbers mark where the course codes each phase: "
        + "; ".join(f"{r.label} at ideology {ALIGNMENT[r.ideology]}, interests "
                    f"{ALIGNMENT[r.interests]}" for r in placed.itertuples())
        + "." + where)


def phase_positions(phases: pd.DataFrame) -> pd.DataFrame:
    """One label per occupied square: phases coded alike share a square ("01, 06")."""
    rows = []
    for (ideo, inter), group in phases.groupby(["ideology_score", "interest_score"]):
        rows.append({"ideology": int(ideo), "interests": int(inter),
                     "label": ", ".join(group["phase"]),
                     "titles": "; ".join(f"{p.phase} {p.title}"
                                         for p in group.itertuples()),
                     "relationship": ", ".join(group["relationship"])})
    return pd.DataFrame(rows)


# --- time ------------------------------------------------------------------------------

def phase_bands(phases: pd.DataFrame) -> alt.Chart:
    """Alternating shaded bands, one per phase, to lay behind a chart over years."""
    bands = phases.assign(start=pd.to_datetime(phases["start_year"].astype(str) + "-01-01"),
                          end=pd.to_datetime(phases["end_year"].astype(str) + "-12-31"),
                          shade=[i % 2 for i in range(len(phases))])
    base = alt.Chart(bands)
    # Shaded by opacity, not colour, so the bands never share (and spoil) the colour
    # scale of the chart laid over them.
    # Decorative (aria=False): the phase labels and the description carry the phases.
    rect = base.mark_rect(color=OKABE_ITO["grey"], aria=False).encode(
        x="start:T", x2="end:T",
        opacity=alt.Opacity("shade:N", scale=alt.Scale(range=[0.14, 0.04]), legend=None),
        tooltip=[alt.Tooltip("phase:N"), alt.Tooltip("title:N")])
    text = base.mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=10,
                          color="#444444").encode(x="start:T", y=alt.value(0),
                                                  text="phase:N")
    return rect + text


def timeline(events: pd.DataFrame, phases: pd.DataFrame | None = None,
             lane: str = "scope", colour: str = "category",
             title: str = "Events") -> Figure:
    """Events as points over time, in lanes (e.g. bilateral / regional), with phases."""
    shown = events.assign(year=events["start_date"].dt.year)
    columns = ["event_id", "start_date", "title", lane, colour]
    columns = list(dict.fromkeys(columns))
    colour_scale = (alt.Scale(domain=list(CATEGORIES), range=PALETTE[:len(CATEGORIES)])
                    if colour == "category" else alt.Scale(range=PALETTE))
    # opacity 1: Vega-Lite would draw points, outline too, at 0.7
    points = alt.Chart(shown).mark_point(filled=True, size=90, opacity=1, fillOpacity=0.85,
                                         **OUTLINE).encode(
        x=alt.X("start_date:T", title="Date"),
        y=alt.Y(f"{lane}:N", title=lane.replace("_", " ").capitalize()),
        color=alt.Color(f"{colour}:N", scale=colour_scale,
                        title=colour.replace("_", " ").capitalize()),
        shape=alt.Shape(f"{colour}:N", legend=None),
        tooltip=[alt.Tooltip("start_date:T", title="Date"), "title:N", f"{colour}:N",
                 "event_id:N"],
    )
    chart = points if phases is None else phase_bands(phases) + points
    chart = chart.properties(width=640, height=max(90, 45 * shown[lane].nunique()))
    if len(shown):
        span = f"from {shown['year'].min()} to {shown['year'].max()}"
        counts = shown[lane].value_counts()
        lanes = "; ".join(f"{n} {k}" for k, n in counts.items())
        description = (f"Timeline of {len(shown)} events {span}, in lanes by {lane}: "
                       f"{lanes}. Colour and shape show the {colour}.")
    else:
        description = "Timeline with no events: the filters exclude every event."
    table = shown[columns].assign(start_date=shown["start_date"].dt.date)
    return make_figure(chart, description, table, title)


# --- dyads -----------------------------------------------------------------------------

def _year_span(table: pd.DataFrame) -> list[int]:
    """The years a table covers, so an axis does not pad out to round decades."""
    if table.empty:
        return [1945, 2025]
    return [int(table["year"].min()), int(table["year"].max())]


def dyad_lines(relations: pd.DataFrame, dyads: list[str],
               title: str = "Relations over time") -> Figure:
    """Yearly relationship scores of chosen dyads as step lines (-2 hostile … 2 allied)."""
    shown = with_pair_names(relations[relations["dyad"].isin(dyads)])
    names = [dyad_name(d) for d in dyads]
    chart = alt.Chart(shown).mark_line(interpolate="step-after", strokeWidth=2.5).encode(
        x=alt.X("year:Q", axis=alt.Axis(format="d"), title="Year",
                scale=alt.Scale(domain=_year_span(shown), nice=False)),
        y=alt.Y("score:Q", scale=alt.Scale(domain=[-2, 2]),
                title="Score (-2 hostile … 2 allied)",
                axis=alt.Axis(values=[-2, -1, 0, 1, 2])),
        color=alt.Color("pair:N", title="Pair",
                        scale=alt.Scale(domain=names, range=PALETTE[:len(dyads)])),
        strokeDash=alt.StrokeDash("pair:N", legend=None),
        tooltip=["pair:N", "year:Q", "score:Q", "rationale:N"],
    ).properties(width=640, height=240)
    parts = []
    for dyad in dyads:
        rows = shown[shown["dyad"] == dyad].sort_values("year")
        if len(rows):
            changes = rows[rows["score"].diff().fillna(1) != 0]
            steps = ", ".join(f"{signed(r.score)} from {r.year}" for r in changes.itertuples())
            parts.append(f"{dyad_name(dyad)}: {steps}")
    description = ("Step lines of yearly scores, -2 (hostile) to +2 (allied). "
                   + ("; ".join(parts) if parts else "No dyad selected.") + ".")
    # The text view lists the years in which a score changed, with the reason; the
    # unchanged years between them add rows but no information.
    ordered = shown.sort_values(["dyad", "year"])
    changed = ordered.groupby("dyad")["score"].diff().fillna(1) != 0
    table = ordered.loc[changed, ["pair", "year", "score", "rationale", "source_ids"]]
    return make_figure(chart, description, table, title)


def dyad_heatmap(relations: pd.DataFrame, dyads: list[str], start: int, end: int,
                 highlight_year: int | None = None,
                 title: str = "Who stood with whom") -> Figure:
    """Dyads × years, each cell coloured by score, a chosen year outlined."""
    shown = with_pair_names(
        relations[relations["dyad"].isin(dyads) & relations["year"].between(start, end)])
    x = alt.X("year:O", title="Year")
    y = alt.Y("pair:N", sort=[dyad_name(d) for d in dyads], title=None)
    cells = alt.Chart(shown).mark_rect(**OUTLINE).encode(
        x=x, y=y,
        color=alt.Color("score:O", scale=score_scale(), title="Score"),
        tooltip=["pair:N", "year:O", "score:Q", "rationale:N"])
    chart = cells
    if highlight_year is not None:
        mark = alt.Chart(pd.DataFrame({"year": [highlight_year]})).mark_rect(
            fill=None, stroke="black", strokeWidth=2).encode(x=x)
        chart = cells + mark
    chart = chart.properties(width=max(300, 18 * (end - start + 1)), height=30 * len(dyads))
    description = heatmap_description(shown, dyads, start, end, highlight_year)
    return make_figure(chart, description, shown[["pair", "year", "score", "rationale"]], title)


def with_pair_names(relations: pd.DataFrame) -> pd.DataFrame:
    """Scores with a ``pair`` column of plain names ('Vietnam–North Korea') for legends."""
    names = {d: dyad_name(d) for d in relations["dyad"].unique()}
    return relations.assign(pair=relations["dyad"].map(names))


def heatmap_description(shown: pd.DataFrame, dyads: list[str], start: int, end: int,
                        highlight_year: int | None = None) -> str:
    """The words of :func:`dyad_heatmap` (an explorer that redraws it reuses them)."""
    if highlight_year is not None:
        year_rows = shown[shown["year"] == highlight_year]
        state = "; ".join(f"{dyad_name(r.dyad)} {signed(r.score)}"
                          for r in year_rows.itertuples())
        focus = f" In {highlight_year}: {state or 'no scores'}."
    else:
        focus = ""
    return (f"Heat map of relationship scores from {start} to {end} for "
            f"{', '.join(dyad_name(d) for d in dyads)}; blue is friendly or allied, "
            f"orange to vermillion is strained or hostile.{focus}")


def bar(table: pd.DataFrame, x: str, y: str, colour: str | None = None,
        title: str = "", description: str = "") -> Figure:
    """A plain bar chart of a small summary table, e.g. events per phase."""
    enc = {"x": alt.X(f"{x}:N", title=x.replace("_", " ")),
           "y": alt.Y(f"{y}:Q", title=y.replace("_", " ")),
           "tooltip": [f"{x}:N", f"{y}:Q"]}
    if colour:
        enc["color"] = alt.Color(f"{colour}:N", scale=alt.Scale(range=PALETTE))
    chart = alt.Chart(table).mark_bar().encode(**enc).properties(width=420, height=220)
    if not description:
        description = (f"Bar chart of {y.replace('_', ' ')} by {x.replace('_', ' ')}: "
                       + "; ".join(f"{getattr(r, x)}: {getattr(r, y)}"
                                   for r in table.itertuples()) + ".")
    return make_figure(chart, description, table, title)
