"""Notebook 04's explorer: Hanoi between Pyongyang and Seoul.

Students choose a span of years and the pairs of states (dyads) to compare. The chart
draws each pair's yearly score from ``data/relations.csv`` as a step line and marks the
events that began in those years and involve both members of a chosen pair. The summary
answers the question "what moved each line in the chosen years, and who says so": every
change of score with the course's reason and its sources, then the events behind it.

Speed: :func:`prepare` turns the tables into plain Python lookups once, and the chart is
built once (:data:`_TEMPLATE`); a redraw fills in rows and values, without pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import altair as alt
import ipywidgets as w
import pandas as pd

from comrades import data, untrusted, vocab
from comrades.charts import OKABE_ITO
from comrades.scores import Scores, crossings, level_years, scores_of
from comrades.tablecache import once_per_tables, shared
from comrades.vocab import score_text, signed
from comrades.widgets.base import Explorer, View, labelled
from comrades.widgets.precompute import ChartTemplate, range_slot, slot

# Every dyad of relations.csv, in the order the control lists them; each keeps its colour
# whatever else is chosen. Yellow, the palest Okabe-Ito colour, goes to the last.
DYADS = ("VNM-PRK", "VNM-KOR", "VNM-CHN", "VNM-USA", "VNM-SUN",
         "PRK-CHN", "PRK-SUN", "PRK-USA", "VNM-KHM", "PRK-KHM")
_COLOUR_ORDER = ("vermillion", "blue", "orange", "bluish green", "reddish purple",
                 "sky blue", "black", "grey", "yellow", "vermillion")
DYAD_COLOURS = {d: OKABE_ITO[c] for d, c in zip(DYADS, _COLOUR_ORDER, strict=True)}
_DASHES = ([1, 0], [8, 3], [3, 2], [8, 3, 2, 3], [1, 0], [8, 3], [3, 2], [8, 3, 2, 3],
           [1, 0], [2, 4])
DYAD_DASHES = dict(zip(DYADS, _DASHES, strict=True))

YEARS = (1948, 2025)
DEFAULT_YEARS = (1986, 2001)
DEFAULT_DYADS = ("VNM-PRK", "VNM-KOR")
MAX_LISTED = 8  # events listed per dyad in the summary; the table has them all
TABLE_COLUMNS = ["when", "what", "pair", "detail", "sources"]


def dyad_name(dyad: str) -> str:
    """'VNM-PRK' -> 'Vietnam–North Korea' (names from actors.csv)."""
    return vocab.dyad_name(dyad)


# --- the selection ---------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    """What the student chose: a span of years, the pairs, and whether to add context."""

    start: int
    end: int
    dyads: tuple[str, ...]
    context: bool = False

    @classmethod
    def of(cls, years=DEFAULT_YEARS, dyads=DEFAULT_DYADS, context: bool = False):
        """From the controls' values: years in any order, pairs deduplicated and checked."""
        start, end = sorted(int(y) for y in years)
        return cls(start, end, tuple(_check_dyads(dyads)), bool(context))

    @property
    def span(self) -> str:
        return f"{self.start}" if self.start == self.end else f"{self.start}–{self.end}"


def _check_dyads(dyads) -> list[str]:
    if isinstance(dyads, str):
        dyads = [dyads]
    chosen = list(dict.fromkeys(dyads or []))
    unknown = [d for d in chosen if d not in DYADS]
    if unknown:
        raise ValueError(f"unknown pair {unknown[0]!r}; choose from {', '.join(DYADS)}")
    return chosen


# --- sources and events ----------------------------------------------------------------

def source_label(source_id: str, sources: pd.DataFrame) -> str:
    """A short, readable name for a source id: 'Khang X. Vu (2023)', 'Britannica, …'."""
    return _source_labels(sources).get(source_id, source_id)


def _source_labels(sources: pd.DataFrame) -> dict[str, str]:
    return once_per_tables(_build_source_labels, sources)


def _build_source_labels(sources: pd.DataFrame) -> dict[str, str]:
    labels = {}
    for row in sources.itertuples():
        if row.kind == "reference":
            labels[row.source_id] = f"{row.author}, “{row.title}”"
        else:
            labels[row.source_id] = (f"{row.author} ({int(row.year)})" if pd.notna(row.year)
                                     else str(row.author))
    return labels


def who_says(source_ids, sources: pd.DataFrame) -> str:
    labels = _source_labels(sources)
    return "; ".join(labels.get(s, s) for s in data.split_list(source_ids)) \
        or "no source recorded"


def when(event) -> str:
    """An event's date as precisely as the data knows it (:func:`comrades.vocab.when`)."""
    return vocab.event_when(event)


def involves(actor_ids, dyad: str, bearing=0) -> bool:
    """Does an event with these actors belong to ``dyad``? Both members must take part
    (``SUN`` counts ``RUS``); for Vietnam–North Korea, an event the course codes as moving
    that relationship (``bearing`` not 0) counts too."""
    left, _, right = dyad.partition("-")
    ids = set(actor_ids)
    both = bool(ids & vocab.members(left)) and bool(ids & vocab.members(right))
    return both or (dyad == "VNM-PRK" and bool(bearing))


def dyad_events(events: pd.DataFrame, dyad: str, start: int, end: int) -> pd.DataFrame:
    """Events that began in the chosen years and name both members of ``dyad``.

    For Vietnam–North Korea, events the course codes as moving that relationship
    (``bearing`` not 0) count too, e.g. Vietnam's withdrawal from Cambodia.
    """
    dyad = _check_dyads([dyad])[0]
    keep = [start <= e.start_date.year <= end
            and involves(data.split_list(e.actors), dyad, 0 if pd.isna(e.bearing)
                         else e.bearing) for e in events.itertuples()]
    return events[keep].sort_values(["start_date", "event_id"])


@dataclass(frozen=True)
class Event:
    event_id: str
    year: int
    x: float          # the date as a fraction of years, for the chart
    when: str
    title: str
    sources: str
    dyads: frozenset[str]  # the pairs it belongs to


@dataclass
class Prepared:
    """The tables as lookups, built once: scores, events with their pairs, sources."""

    scores: Scores
    events: list[Event]
    sources: pd.DataFrame


def prepare(relations=None, events=None, sources=None) -> Prepared:
    relations = shared("relations") if relations is None else relations
    events = shared("events") if events is None else events
    sources = shared("sources") if sources is None else sources
    return once_per_tables(_prepare, relations, events, sources)


def _prepare(relations, events, sources) -> Prepared:
    rows = []
    for e in events.sort_values(["start_date", "event_id"]).itertuples():
        ids = data.split_list(e.actors)
        bearing = 0 if pd.isna(e.bearing) else int(e.bearing)
        day = e.start_date
        rows.append(Event(
            str(e.event_id), int(day.year), day.year + (day.dayofyear - 1) / 366, when(e),
            str(e.title), who_says(e.source_ids, sources),
            frozenset(d for d in DYADS if involves(ids, d, bearing))))
    return Prepared(scores_of(relations), rows, sources)


# --- what the data say ---------------------------------------------------------------

def turning_points(relations: pd.DataFrame, dyads, start: int, end: int) -> pd.DataFrame:
    """Each change of score in the chosen years: dyad, year, before, after, reason, sources.

    A change is a year whose score differs from the year before (or a dyad's first year,
    when its record begins inside the span; ``before`` is then empty).
    """
    scores = scores_of(relations)
    rows = [{"dyad": c.dyad, "year": c.year, "before": c.before, "after": c.after,
             "rationale": c.rationale or None, "source_ids": c.source_ids or None}
            for dyad in _check_dyads(dyads) for c in scores.changes(dyad, start, end)]
    return pd.DataFrame(rows, columns=["dyad", "year", "before", "after", "rationale",
                                       "source_ids"])


def score_at(relations: pd.DataFrame, dyad: str, year: int):
    """The score of ``dyad`` in ``year``, or None before its record starts."""
    return scores_of(relations).at(dyad, year)


def crossing_sentence(scores: Scores, chosen, start: int, end: int) -> str:
    """Whether the first two chosen lines change places in the years shown, in words.

    Said only when their order really flips (:func:`~comrades.scores.crossings`);
    years in which they are level are said as such.
    """
    if len(chosen) < 2:
        return ""
    a, b = chosen[:2]
    line_a, line_b = scores.series(a, start, end), scores.series(b, start, end)
    swaps = crossings(line_a, line_b)
    names = f"The {dyad_name(a)} and {dyad_name(b)} lines"
    if swaps:
        return (f"{names} change places in {_and(swaps)}: compare what moved each of them "
                f"{'in that year' if len(swaps) == 1 else 'then'}.")
    level = level_years(line_a, line_b)
    if level and len(level) < len(line_a):
        return (f"{names} are level in {_runs(level)}, but their order never flips in "
                f"{start}–{end}.")
    return ""


def _and(years) -> str:
    words = [str(y) for y in years]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _runs(years: list[int]) -> str:
    """[2000, 2001, 2002, 2003, 2007] -> '2000–2003 and 2007'."""
    runs, first, last = [], years[0], years[0]
    for y in years[1:]:
        if y == last + 1:
            last = y
            continue
        runs.append((first, last))
        first = last = y
    runs.append((first, last))
    return _and([f"{a}–{b}" if a != b else str(a) for a, b in runs])


# --- the view ------------------------------------------------------------------------

def hanoi_seoul_view(years=DEFAULT_YEARS, dyads=DEFAULT_DYADS, context: bool = False,
                     relations=None, events=None, sources=None) -> View:
    """What moved each chosen pair's score in the chosen years, and who says so.

    ``years`` is a (first, last) pair; ``dyads`` a list such as ``["VNM-PRK", "VNM-KOR"]``;
    ``context`` also marks every other event of those years on the chart.
    """
    return view_of(Selection.of(years, dyads, context), prepare(relations, events, sources))


def view_of(chosen: Selection, prepared: Prepared) -> View:
    """The explorer's logic for one selection, from the prepared lookups."""
    if not chosen.dyads:
        return View(None, "<p>Choose at least one pair of states to compare (hold "
                          "<kbd>Ctrl</kbd> or <kbd>Shift</kbd> to choose several).</p>")
    start, end, scores = chosen.start, chosen.end, prepared.scores
    matched = {d: [e for e in prepared.events if start <= e.year <= end and d in e.dyads]
               for d in chosen.dyads}
    n = len(chosen.dyads)
    parts = [f"<p><b>{chosen.span}, {n} pair{'s' * (n > 1)}.</b> "
             "Scores run from −2 (hostile) to +2 (allied); they are the course's reading of "
             "the sources, each change with its reason and who says so.</p>"]
    parts += [_dyad_summary(d, scores, matched[d], prepared.sources, chosen)
              for d in chosen.dyads]
    crossing = crossing_sentence(scores, chosen.dyads, start, end)
    if crossing:
        parts.append(f"<p>{untrusted.text(crossing)}</p>")
    return View(_figure(chosen, prepared, matched), "".join(parts))


def _dyad_summary(dyad, scores: Scores, matched, sources, chosen: Selection) -> str:
    start, end = chosen.start, chosen.end
    name = f"<b>{untrusted.text(dyad_name(dyad))}</b> ({dyad})"
    first, last = scores.at(dyad, start), scores.at(dyad, end)
    if last is None:
        record = scores.years(dyad)
        begins = record[0] if record else "a later year"
        return (f"<p>{name}: no scores in {chosen.span}; this pair's record begins in "
                f"{begins}.</p>")
    mine = scores.changes(dyad, start, end)
    if not mine:
        why = ""
        reason = scores.reason(dyad, start)
        if reason:
            year, rationale, source_ids = reason
            why = (f" It was set in {year}: {untrusted.text(rationale)} "
                   f"<i>Who says so:</i> {untrusted.text(who_says(source_ids, sources))}.")
        text = f"<p>{name}: no change; steady at {score_text(last)} throughout.{why}</p>"
    else:
        opening = (f"{score_text(first)} in {start}" if first is not None
                   else f"no record before {mine[0].year}")
        n = len(mine)
        text = (f"<p>{name}: {opening}, {score_text(last)} in {end}; {n} change"
                f"{'s' * (n > 1)}:</p><ul>")
        for c in mine:
            before = "start" if c.before is None else signed(c.before)
            text += (f"<li><b>{c.year}</b>: {before} → {score_text(c.after)}. "
                     f"{untrusted.text(c.rationale or 'No reason recorded.')} "
                     f"<i>Who says so:</i> "
                     f"{untrusted.text(who_says(c.source_ids, sources))}.</li>")
        text += "</ul>"
    if matched:
        items = [f"<li>{e.event_id} {untrusted.text(e.title)} ({untrusted.text(e.when)}; "
                 f"{untrusted.text(e.sources)})</li>" for e in matched[:MAX_LISTED]]
        if len(matched) > MAX_LISTED:
            items.append(f"<li>and {len(matched) - MAX_LISTED} more in the table under "
                         "the chart</li>")
        label = "Events naming both sides" + (" or coded as moving this relationship"
                                              if dyad == "VNM-PRK" else "")
        text += f"<p><i>{label}:</i></p><ul>" + "".join(items) + "</ul>"
    else:
        text += "<p><i>No event in the data names both sides in these years.</i></p>"
    return text


# --- the chart -----------------------------------------------------------------------

@cache
def _template() -> ChartTemplate:
    """The chart, built once: step lines, event rules, event labels."""
    x = alt.X("year:Q", title="Year", scale=alt.Scale(domain=slot("x_domain")),
              axis=alt.Axis(format="d", tickMinStep=1))
    pairs = alt.Scale(domain=slot("pairs"), range=range_slot("colours"))
    dashes = alt.Scale(domain=slot("pairs"), range=range_slot("dashes"))
    lines = alt.Chart(alt.NamedData("lines")).mark_line(
        interpolate="step-after", strokeWidth=2.5).encode(
        x=x, y=alt.Y("drawn:Q", scale=alt.Scale(domain=[-2.3, 2.3]),
                     title="Score (−2 hostile … +2 allied)",
                     axis=alt.Axis(values=[-2, -1, 0, 1, 2])),
        color=alt.Color("pair:N", title="Pair", scale=pairs),
        strokeDash=alt.StrokeDash("pair:N", title="Pair", scale=dashes),
        tooltip=[alt.Tooltip("pair:N", title="Pair"), alt.Tooltip("year:Q", format="d"),
                 "score:Q", "meaning:N", "rationale:N"])
    tooltip = ["event_id:N", "when:N", "title:N", "pair:N", "sources:N"]
    rule = alt.Chart(alt.NamedData("marks")).mark_rule(
        color=OKABE_ITO["grey"], strokeDash=[2, 2]).encode(
        x="x:Q", opacity=alt.condition("datum.pair == 'context'", alt.value(0.35),
                                       alt.value(0.9)), tooltip=tooltip)
    labels = alt.Chart(alt.NamedData("labels")).mark_text(
        angle=90, align="left", baseline="middle", dx=2, dy=-5, fontSize=10,
        color="#444444").encode(x="x:Q", y=alt.Y("label_y:Q", scale=None, axis=None),
                                text="event_id:N", tooltip=tooltip)
    chart = alt.layer(lines, rule, labels).resolve_scale(y="independent")
    return ChartTemplate.build(chart.properties(width=640, height=280))


def _stagger(marks: list[dict], gap: float = 0.45, levels: int = 3) -> list[dict]:
    """Label heights (pixels from the top) so that labels of close events do not overlap."""
    placed, last_x, level = [], None, 0
    for mark in sorted(marks, key=lambda m: m["x"]):
        level = (level + 1) % levels if last_x is not None and mark["x"] - last_x < gap else 0
        placed.append({**mark, "label_y": level * 34})
        last_x = mark["x"]
    return placed


def _figure(chosen: Selection, prepared: Prepared, matched: dict[str, list[Event]]):
    start, end, scores = chosen.start, chosen.end, prepared.scores
    n = len(chosen.dyads)
    offset = {d: (i - (n - 1) / 2) * 0.05 for i, d in enumerate(chosen.dyads)}
    lines = []
    for dyad in chosen.dyads:
        series = scores.series(dyad, start, end)
        for year, score in series:
            reason = scores.reason(dyad, year)
            rationale = reason[1] if reason and reason[0] == year else "(unchanged)"
            lines.append({"pair": dyad_name(dyad), "dyad": dyad, "year": year,
                          "score": score, "meaning": vocab.SCORE_WORDS[score],
                          "drawn": score + offset[dyad], "rationale": rationale})
        if series:  # a step needs a point at the end of the last year
            lines.append({**lines[-1], "year": series[-1][0] + 1,
                          "rationale": "(end of the chosen years)"})
    marks: dict[str, dict] = {}
    for dyad, found in matched.items():
        for e in found:
            mark = marks.setdefault(e.event_id, {
                "event_id": e.event_id, "x": e.x, "when": e.when, "title": e.title,
                "pair": dyad, "sources": e.sources})
            if dyad not in mark["pair"].split(", "):
                mark["pair"] += f", {dyad}"
    shown = sorted(marks.values(), key=lambda m: m["x"])
    context = []
    if chosen.context:
        context = [{"event_id": e.event_id, "x": e.x, "when": e.when, "title": e.title,
                    "pair": "context", "sources": e.sources}
                   for e in prepared.events
                   if start <= e.year <= end and e.event_id not in marks]
    description = _description(chosen, scores, shown, len(context))
    title = f"Hanoi between Pyongyang and Seoul, {start}–{end}"
    return _template().fill(
        {"lines": lines, "marks": shown + context, "labels": _stagger(shown)},
        description, title, _table(chosen, prepared, shown + context),
        x_domain=[start, end + 1], pairs=[dyad_name(d) for d in chosen.dyads],
        colours=[DYAD_COLOURS[d] for d in chosen.dyads],
        dashes=[DYAD_DASHES[d] for d in chosen.dyads])


def _description(chosen: Selection, scores: Scores, shown: list[dict], context: int) -> str:
    parts = []
    for dyad in chosen.dyads:
        series = scores.series(dyad, chosen.start, chosen.end)
        if not series:
            parts.append(f"{dyad_name(dyad)} ({dyad}): no scores in these years")
            continue
        steps = [f"{signed(series[0][1])} in {series[0][0]}"]
        steps += [f"{signed(c.after)} from {c.year}"
                  for c in scores.changes(dyad, series[0][0] + 1, chosen.end)]
        parts.append(f"{dyad_name(dyad)} ({dyad}): " + ", ".join(steps))
    events = (f" Dashed vertical lines mark {len(shown)} events naming both sides of a "
              "chosen pair: " + "; ".join(f"{m['event_id']} {m['title']} ({m['when']})"
                                          for m in shown) + "."
              if shown else " No event naming both sides of a chosen pair is marked.")
    if context:
        events += f" Fainter lines mark {context} other events of those years, for context."
    return (f"Step lines of yearly relationship scores from {chosen.start} to {chosen.end}, "
            "−2 (hostile) to +2 (allied); lines with equal scores are drawn slightly "
            "apart. " + "; ".join(parts) + "." + events)


def _table(chosen: Selection, prepared: Prepared, marks: list[dict]) -> pd.DataFrame:
    rows = []
    for dyad in chosen.dyads:
        for c in prepared.scores.changes(dyad, chosen.start, chosen.end):
            before = "start" if c.before is None else signed(c.before)
            rows.append((c.year, {
                "when": str(c.year), "what": "score change", "pair": dyad,
                "detail": f"{before} → {signed(c.after)}: {c.rationale}",
                "sources": who_says(c.source_ids, prepared.sources)}))
    rows += [(m["x"], {"when": m["when"], "what": "event", "pair": m["pair"],
                       "detail": f"{m['event_id']} {m['title']}", "sources": m["sources"]})
             for m in marks]
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame([r for _, r in rows], columns=TABLE_COLUMNS)


# --- the widget ------------------------------------------------------------------------

def hanoi_seoul_explorer(years=DEFAULT_YEARS, dyads=DEFAULT_DYADS,
                         context: bool = False) -> Explorer:
    prepared = prepare()
    controls = {
        "years": labelled(w.IntRangeSlider(
            value=tuple(sorted(years)), min=YEARS[0], max=YEARS[1], step=1,
            description="Years", continuous_update=False),
            "The first and last year to show; type a year or use the arrow keys"),
        "dyads": labelled(w.SelectMultiple(
            options=[(f"{dyad_name(d)} ({d})", d) for d in DYADS],
            value=tuple(_check_dyads(dyads)), rows=6, description="Pairs to compare",
            layout=w.Layout(width="30em")),
            "Choose one or more pairs of states; hold Ctrl or Shift (or use Shift+arrow "
            "keys) to choose several"),
        "context": labelled(w.Checkbox(
            value=context, description="Also mark every other event of these years",
            indent=False, layout=w.Layout(width="auto")),
            "Fainter lines for regional events that name neither pair"),
    }
    return Explorer(
        "Hanoi between Pyongyang and Seoul", controls,
        lambda years, dyads, context: view_of(Selection.of(years, dyads, context),
                                              prepared),
        intro="Choose the years and the pairs of states to compare. The summary says what "
              "moved each line in those years and who says so; hover over a line or a "
              "dashed event marker for details, or open <i>Text description and data</i>.")
