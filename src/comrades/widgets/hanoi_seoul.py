"""Notebook 04's explorer: Hanoi between Pyongyang and Seoul.

Students choose a span of years and the pairs of states (dyads) to compare. The chart
draws each pair's yearly score from ``data/relations.csv`` as a step line and marks the
events that began in those years and involve both members of a chosen pair. The summary
answers the question "what moved each line in the chosen years, and who says so": every
change of score with the course's reason and its sources, then the events behind it.
"""

from __future__ import annotations

import html

import altair as alt
import ipywidgets as w
import pandas as pd

from comrades import data
from comrades.charts import OKABE_ITO, make_figure
from comrades.widgets.base import Explorer, View, labelled

# Names of the states that appear in relations.csv's dyads.
STATE_NAMES = {"VNM": "Vietnam", "PRK": "North Korea", "KOR": "South Korea",
               "CHN": "China", "USA": "United States", "SUN": "USSR/Russia",
               "KHM": "Cambodia"}

# relations.csv's scale (data/README.md).
SCORE_MEANING = {-2: "hostile / at war", -1: "strained", 0: "none / neutral",
                 1: "friendly", 2: "allied"}

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

# Actors that count as a member of a dyad when matching events (SUN means Russia
# after 1991 in relations.csv, so an event naming RUS belongs to the same dyad).
_ALIASES = {"SUN": {"SUN", "RUS"}}

YEARS = (1948, 2025)
DEFAULT_YEARS = (1986, 2001)
DEFAULT_DYADS = ("VNM-PRK", "VNM-KOR")
MAX_LISTED = 8  # events listed per dyad in the summary; the table has them all


def dyad_name(dyad: str) -> str:
    """'VNM-PRK' -> 'Vietnam–North Korea'."""
    left, _, right = dyad.partition("-")
    return f"{STATE_NAMES.get(left, left)}–{STATE_NAMES.get(right, right)}"


def source_label(source_id: str, sources: pd.DataFrame) -> str:
    """A short, readable name for a source id: 'Khang X. Vu (2023)', 'Britannica, …'."""
    rows = sources[sources["source_id"] == source_id]
    if rows.empty:
        return source_id
    row = rows.iloc[0]
    if row["kind"] == "reference":
        return f"{row['author']}, “{row['title']}”"
    year = row["year"]
    return f"{row['author']} ({int(year)})" if pd.notna(year) else str(row["author"])


def who_says(source_ids, sources: pd.DataFrame) -> str:
    return "; ".join(source_label(s, sources) for s in data.split_list(source_ids)) \
        or "no source recorded"


def when(event) -> str:
    """An event's date as precisely as the data knows it."""
    start, end, precision = event.start_date, event.end_date, event.precision
    if precision == "year":
        return (f"{start.year} (year only)" if start.year == end.year
                else f"{start.year}–{end.year} (years only)")
    if precision == "month":
        text = start.strftime("%b %Y")
        return text if (start.year, start.month) == (end.year, end.month) \
            else f"{text}–{end.strftime('%b %Y')}"
    text = f"{start.day} {start.strftime('%b %Y')}"
    if start == end:
        return text
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {start.strftime('%b %Y')}"
    return f"{text} – {end.day} {end.strftime('%b %Y')}"


def _check_dyads(dyads) -> list[str]:
    if isinstance(dyads, str):
        dyads = [dyads]
    chosen = list(dict.fromkeys(dyads or []))
    unknown = [d for d in chosen if d not in DYADS]
    if unknown:
        raise ValueError(f"unknown pair {unknown[0]!r}; choose from {', '.join(DYADS)}")
    return chosen


def _years(years) -> tuple[int, int]:
    start, end = (int(y) for y in years)
    return (start, end) if start <= end else (end, start)


def turning_points(relations: pd.DataFrame, dyads, start: int, end: int) -> pd.DataFrame:
    """Each change of score in the chosen years: dyad, year, before, after, reason, sources.

    A change is a year whose score differs from the year before (or a dyad's first year,
    when its record begins inside the span; ``before`` is then empty).
    """
    rows = []
    for dyad in _check_dyads(dyads):
        series = relations[relations["dyad"] == dyad].sort_values("year")
        previous = series["score"].shift(1)
        moved = series.assign(before=previous)[
            series["year"].between(start, end)
            & (previous.isna() | (series["score"] != previous))]
        rows.append(moved[["dyad", "year", "before", "score", "rationale", "source_ids"]]
                    .rename(columns={"score": "after"}))
    columns = ["dyad", "year", "before", "after", "rationale", "source_ids"]
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.concat(rows, ignore_index=True)[columns]


def dyad_events(events: pd.DataFrame, dyad: str, start: int, end: int) -> pd.DataFrame:
    """Events that began in the chosen years and name both members of ``dyad``.

    For Vietnam–North Korea, events the course codes as moving that relationship
    (``bearing`` not 0) count too, e.g. Vietnam's withdrawal from Cambodia.
    """
    left, _, right = _check_dyads([dyad])[0].partition("-")
    lefts, rights = _ALIASES.get(left, {left}), _ALIASES.get(right, {right})
    in_years = events["start_date"].dt.year.between(start, end)
    actors = events["actors"].map(lambda cell: set(data.split_list(cell)))
    both = actors.map(lambda a: bool(a & lefts) and bool(a & rights))
    if dyad == "VNM-PRK":
        both = both | (events["bearing"].fillna(0) != 0)
    return events[in_years & both].sort_values(["start_date", "event_id"])


def score_at(relations: pd.DataFrame, dyad: str, year: int):
    """The score of ``dyad`` in ``year``, or None before its record starts."""
    row = relations[(relations["dyad"] == dyad) & (relations["year"] == year)]
    return None if row.empty else int(row["score"].iloc[0])


def signed(score) -> str:
    """+1, 0, −2: a score as the course prints it."""
    score = int(score)
    return "0" if score == 0 else f"+{score}" if score > 0 else f"−{-score}"


def _fmt(score) -> str:
    return f"{signed(score)} ({SCORE_MEANING[int(score)]})"


def hanoi_seoul_view(years=DEFAULT_YEARS, dyads=DEFAULT_DYADS, context: bool = False,
                     relations=None, events=None, sources=None) -> View:
    """What moved each chosen pair's score in the chosen years, and who says so.

    ``years`` is a (first, last) pair; ``dyads`` a list such as ``["VNM-PRK", "VNM-KOR"]``;
    ``context`` also marks every other event of those years on the chart.
    """
    relations = data.relations() if relations is None else relations
    events = data.events() if events is None else events
    sources = data.sources() if sources is None else sources
    start, end = _years(years)
    chosen = _check_dyads(dyads)
    if not chosen:
        return View(None, "<p>Choose at least one pair of states to compare (hold "
                          "<kbd>Ctrl</kbd> or <kbd>Shift</kbd> to choose several).</p>")
    scores = relations[relations["dyad"].isin(chosen) & relations["year"].between(start, end)]
    changes = turning_points(relations, chosen, start, end)
    matched = {d: dyad_events(events, d, start, end) for d in chosen}

    span = f"{start}" if start == end else f"{start}–{end}"
    parts = [f"<p><b>{span}, {len(chosen)} pair{'s' * (len(chosen) > 1)}.</b> "
             "Scores run from −2 (hostile) to +2 (allied); they are the course's reading of "
             "the sources, each change with its reason and who says so.</p>"]
    for dyad in chosen:
        parts.append(_dyad_summary(dyad, relations, changes, matched[dyad], sources,
                                   start, end))
    crossing = _crossing(relations, chosen, start, end)
    if crossing:
        parts.append(f"<p>{crossing}</p>")
    figure = _figure(scores, changes, matched, events, sources, chosen, start, end, context)
    return View(figure, "".join(parts))


def _dyad_summary(dyad, relations, changes, matched, sources, start, end) -> str:
    name = f"<b>{html.escape(dyad_name(dyad))}</b> ({dyad})"
    first, last = score_at(relations, dyad, start), score_at(relations, dyad, end)
    record = relations[relations["dyad"] == dyad]
    if last is None:
        begins = int(record["year"].min()) if len(record) else "a later year"
        span = f"{start}" if start == end else f"{start}–{end}"
        return (f"<p>{name}: no scores in {span}; this pair's record begins in "
                f"{begins}.</p>")
    mine = changes[changes["dyad"] == dyad]
    if mine.empty:
        setter = record[(record["year"] <= start) & record["rationale"].notna()]
        why = ""
        if len(setter):
            row = setter.sort_values("year").iloc[-1]
            why = (f" It was set in {int(row['year'])}: {html.escape(str(row['rationale']))} "
                   f"<i>Who says so:</i> {html.escape(who_says(row['source_ids'], sources))}.")
        text = f"<p>{name}: no change; steady at {_fmt(last)} throughout.{why}</p>"
    else:
        opening = (f"{_fmt(first)} in {start}" if first is not None
                   else f"no record before {int(mine['year'].iloc[0])}")
        n = len(mine)
        text = (f"<p>{name}: {opening}, {_fmt(last)} in {end}; {n} change"
                f"{'s' * (n > 1)}:</p><ul>")
        for row in mine.itertuples():
            before = "start" if pd.isna(row.before) else signed(row.before)
            text += (f"<li><b>{row.year}</b>: {before} → {_fmt(row.after)}. "
                     f"{html.escape(str(row.rationale))} <i>Who says so:</i> "
                     f"{html.escape(who_says(row.source_ids, sources))}.</li>")
        text += "</ul>"
    if len(matched):
        items = [f"<li>{e.event_id} {html.escape(str(e.title))} ({html.escape(when(e))}; "
                 f"{html.escape(who_says(e.source_ids, sources))})</li>"
                 for e in matched.head(MAX_LISTED).itertuples()]
        if len(matched) > MAX_LISTED:
            items.append(f"<li>and {len(matched) - MAX_LISTED} more in the table under "
                         "the chart</li>")
        label = "Events naming both sides" + (" or coded as moving this relationship"
                                              if dyad == "VNM-PRK" else "")
        text += f"<p><i>{label}:</i></p><ul>" + "".join(items) + "</ul>"
    else:
        text += "<p><i>No event in the data names both sides in these years.</i></p>"
    return text


def _crossing(relations, chosen, start, end) -> str:
    """Where the first two chosen lines swap places, said in one sentence."""
    if len(chosen) < 2:
        return ""
    a, b = chosen[:2]
    wide = relations[relations["dyad"].isin([a, b])].pivot(index="year", columns="dyad",
                                                          values="score")
    wide = wide.loc[(wide.index >= start - 1) & (wide.index <= end)].dropna()
    if len(wide) < 2:
        return ""
    sign = (wide[a] - wide[b]).astype(int).map(lambda x: (x > 0) - (x < 0))
    swaps = [int(y) for y, s, p in zip(sign.index[1:], sign.iloc[1:], sign.iloc[:-1],
                                       strict=True) if s != p and s != 0 and int(y) >= start]
    if not swaps:
        return ""
    years = " and ".join(", ".join(str(y) for y in swaps).rsplit(", ", 1))
    return (f"The {dyad_name(a)} and {dyad_name(b)} lines change places in {years}: "
            f"compare what moved each of them {'in that year' if len(swaps) == 1 else 'then'}.")


def _stagger(marks: pd.DataFrame, gap: float = 0.45, levels: int = 3) -> pd.DataFrame:
    """Label heights (pixels from the top) so that labels of close events do not overlap."""
    marks = marks.sort_values("x")
    heights, last_x, level = [], None, 0
    for x in marks["x"]:
        level = (level + 1) % levels if last_x is not None and x - last_x < gap else 0
        heights.append(level * 34)
        last_x = x
    return marks.assign(label_y=heights)


def _year_fraction(dates: pd.Series) -> pd.Series:
    return dates.dt.year + (dates.dt.dayofyear - 1) / 366


def _figure(scores, changes, matched, events, sources, chosen, start, end, context):
    offset = {d: (i - (len(chosen) - 1) / 2) * 0.05 for i, d in enumerate(chosen)}
    lines = scores.assign(
        drawn=[s + offset[d] for s, d in zip(scores["score"], scores["dyad"], strict=True)],
        meaning=scores["score"].map(lambda s: SCORE_MEANING[int(s)]),
        rationale=scores["rationale"].fillna("(unchanged)"))
    lines = lines[["dyad", "year", "score", "meaning", "drawn", "rationale"]]
    x = alt.X("year:Q", title="Year", scale=alt.Scale(domain=[start, end + 1]),
              axis=alt.Axis(format="d", tickMinStep=1))
    colour = alt.Color("dyad:N", title="Pair",
                       scale=alt.Scale(domain=chosen, range=[DYAD_COLOURS[d] for d in chosen]))
    dash = alt.StrokeDash("dyad:N", title="Pair",
                          scale=alt.Scale(domain=chosen, range=[DYAD_DASHES[d] for d in chosen]))
    # A step needs a point at the end of the last year, so the final score is drawn too.
    tail = lines.sort_values("year").groupby("dyad").tail(1).assign(
        year=lambda t: t["year"] + 1, rationale="(end of the chosen years)")
    drawn = pd.concat([lines, tail], ignore_index=True)
    layer_lines = alt.Chart(drawn).mark_line(interpolate="step-after", strokeWidth=2.5).encode(
        x=x, y=alt.Y("drawn:Q", scale=alt.Scale(domain=[-2.3, 2.3]),
                     title="Score (−2 hostile … +2 allied)",
                     axis=alt.Axis(values=[-2, -1, 0, 1, 2])),
        color=colour, strokeDash=dash,
        tooltip=["dyad:N", alt.Tooltip("year:Q", format="d"), "score:Q", "meaning:N",
                 "rationale:N"])

    marked = pd.concat([m.assign(pair=d) for d, m in matched.items()], ignore_index=True)
    marked = marked.groupby("event_id", as_index=False).agg(
        {"start_date": "first", "end_date": "first", "precision": "first", "title": "first",
         "source_ids": "first", "pair": lambda p: ", ".join(dict.fromkeys(p))}) \
        if len(marked) else marked.assign(pair=pd.Series(dtype="string"))
    if context:
        others = events[events["start_date"].dt.year.between(start, end)
                        & ~events["event_id"].isin(marked.get("event_id", []))]
        marked = pd.concat([marked, others.assign(pair="context")], ignore_index=True)
    marks = pd.DataFrame({
        "event_id": marked.get("event_id", pd.Series(dtype="string")),
        "x": _year_fraction(marked["start_date"]) if len(marked) else [],
        "when": [when(e) for e in marked.itertuples()],
        "title": marked.get("title", pd.Series(dtype="string")),
        "pair": marked.get("pair", pd.Series(dtype="string")),
        "sources": [who_says(s, sources) for s in marked.get("source_ids", [])],
    })
    layers = [layer_lines]
    if len(marks):
        rule = alt.Chart(marks).mark_rule(color=OKABE_ITO["grey"], strokeDash=[2, 2]).encode(
            x="x:Q", opacity=alt.condition("datum.pair == 'context'", alt.value(0.35),
                                           alt.value(0.9)),
            tooltip=["event_id:N", "when:N", "title:N", "pair:N", "sources:N"])
        labels = alt.Chart(_stagger(marks[marks["pair"] != "context"])).mark_text(
            angle=90, align="left", baseline="middle", dx=2, dy=-5, fontSize=10,
            color="#444444").encode(x="x:Q", y=alt.Y("label_y:Q", scale=None, axis=None),
                                    text="event_id:N",
                                    tooltip=["event_id:N", "when:N", "title:N", "sources:N"])
        layers += [rule, labels]
    chart = alt.layer(*layers).resolve_scale(y="independent").properties(width=640,
                                                                          height=280)

    description = _description(lines, changes, marks, chosen, start, end)
    table = _table(changes, marks, sources)
    return make_figure(chart, description, table,
                       f"Hanoi between Pyongyang and Seoul, {start}–{end}")


def _description(lines, changes, marks, chosen, start, end) -> str:
    parts = []
    for dyad in chosen:
        rows = lines[lines["dyad"] == dyad].sort_values("year")
        if rows.empty:
            parts.append(f"{dyad}: no scores in these years")
            continue
        steps = [f"{signed(rows['score'].iloc[0])} in {int(rows['year'].iloc[0])}"]
        mine = changes[(changes["dyad"] == dyad) & (changes["year"] > rows["year"].iloc[0])]
        steps += [f"{signed(r.after)} from {r.year}" for r in mine.itertuples()]
        parts.append(f"{dyad}: " + ", ".join(steps))
    shown = marks[marks["pair"] != "context"]
    events = (f" Dashed vertical lines mark {len(shown)} events naming both sides of a "
              "chosen pair: " + "; ".join(f"{r.event_id} {r.title} ({r.when})"
                                          for r in shown.itertuples()) + "."
              if len(shown) else " No event naming both sides of a chosen pair is marked.")
    context = len(marks) - len(shown)
    if context:
        events += f" Fainter lines mark {context} other events of those years, for context."
    return (f"Step lines of yearly relationship scores from {start} to {end}, −2 (hostile) "
            f"to +2 (allied); lines with equal scores are drawn slightly apart. "
            + "; ".join(parts) + "." + events)


def _table(changes, marks, sources) -> pd.DataFrame:
    moved = pd.DataFrame({
        "when": changes["year"].astype(str),
        "sort": changes["year"].astype(float),
        "what": "score change",
        "pair": changes["dyad"],
        "detail": [f"{'start' if pd.isna(b) else signed(b)} → {signed(a)}: {r}"
                   for b, a, r in zip(changes["before"], changes["after"],
                                      changes["rationale"], strict=True)],
        "sources": [who_says(s, sources) for s in changes["source_ids"]],
    })
    happened = pd.DataFrame({
        "when": marks["when"], "sort": marks["x"], "what": "event",
        "pair": marks["pair"], "detail": marks["event_id"] + " " + marks["title"],
        "sources": marks["sources"]})
    frames = [f for f in (moved, happened) if len(f)]
    if not frames:
        return pd.DataFrame(columns=["when", "what", "pair", "detail", "sources"])
    table = pd.concat(frames, ignore_index=True).sort_values("sort", kind="stable")
    return table.drop(columns="sort").reset_index(drop=True)


def hanoi_seoul_explorer(years=DEFAULT_YEARS, dyads=DEFAULT_DYADS,
                         context: bool = False) -> Explorer:
    relations, events, sources = data.relations(), data.events(), data.sources()
    controls = {
        "years": labelled(w.IntRangeSlider(
            value=_years(years), min=YEARS[0], max=YEARS[1], step=1,
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
        lambda years, dyads, context: hanoi_seoul_view(years, dyads, context,
                                                       relations, events, sources),
        intro="Choose the years and the pairs of states to compare. The summary says what "
              "moved each line in those years and who says so; hover over a line or a "
              "dashed event marker for details, or open <i>Text description and data</i>.")
