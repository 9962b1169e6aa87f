"""Self-checks of lesson 04's exercises: Mended fences, then a stall (1989–2000).

Where a task is about the data, the expected answer is computed from ``data/`` when the
check runs, so the checks stay right if a row is added or corrected.
"""

from __future__ import annotations

import pandas as pd

from comrades import data, lens
from comrades.check import (
    UNGRADED,
    CheckResult,
    _short,
    as_number,
    checker,
    expect_number,
    expect_sequence,
    numbered,
)
from comrades.tasks.common import as_frame

PHASE = "04"
COMPARED = ("VNM-PRK", "VNM-KOR", "VNM-CHN", "VNM-USA")
FIRST, LAST = 1989, 2000

# Task 04.5: ten events of the phase, named by their titles in data/events.csv.
ORDER_IDS = ("E062", "E064", "E065", "E067", "E068", "E069", "E072", "E073", "E077", "E080")


# --- 04.1 filter: the phase's events that name Vietnam --------------------------------

def vietnam_events() -> pd.DataFrame:
    events = data.events()
    names_vietnam = events["actors"].map(lambda cell: "VNM" in data.split_list(cell))
    return events[(events["phase"] == PHASE) & names_vietnam].sort_values("start_date")


@checker("04.1")
def phase_events_naming_vietnam(answer):
    checked = ("the event_id values against the phase-04 events whose actors include VNM, "
               "and that start_date never goes backwards")
    answer, problem = as_frame(answer, "the phase's events that name Vietnam",
                               ["event_id", "title", "start_date"])
    if answer is None:
        return False, problem, checked
    expected = vietnam_events()
    want = list(expected["event_id"])
    got = [str(x) for x in answer["event_id"].tolist()]
    extra = [e for e in got if e not in want]
    missing = [e for e in want if e not in got]
    if extra:
        events = data.events().set_index("event_id")
        detail = ""
        if extra[0] in events.index:
            row = events.loc[extra[0]]
            if row["phase"] != PHASE:
                detail = f" It belongs to phase {row['phase']}: filter on the phase column."
            else:
                detail = " Its actors do not include VNM."
        return False, f"{extra[0]} should not be in the table.{detail}", checked
    if missing:
        return False, (f"{len(missing)} event{'s are' if len(missing) > 1 else ' is'} "
                       f"missing, e.g. {missing[0]}. An event names Vietnam when 'VNM' is "
                       "one of the ';'-separated items of its actors cell."), checked
    if len(got) != len(want):
        return False, "Some events appear more than once.", checked
    dates = pd.to_datetime(answer["start_date"], errors="coerce")
    if dates.isna().any() or not dates.is_monotonic_increasing:
        return False, "The rows are not sorted by start_date, earliest first.", checked
    return True, f"All {len(want)} events, in date order.", checked


# --- 04.2 a date calculation -------------------------------------------------------------

def days_beijing_to_hanoi() -> int:
    events = data.events().set_index("event_id")
    return int((events.loc["E073", "start_date"] - events.loc["E072", "start_date"]).days)


@checker("04.2")
def days_between_recognitions(answer):
    expected = days_beijing_to_hanoi()
    value = as_number(answer)
    passed, message, checked = expect_number(answer, expected, unit="number of days")
    if value is not None and not passed:
        if value == -expected:
            message = "Right size, wrong sign: subtract the earlier date from the later one."
        elif value == expected + 1:
            message += " You seem to count both end days; count the days in between."
        elif abs(value - expected) <= 3:
            message += " Close: compute it with pandas Timestamps rather than by hand."
    return passed, message, checked


# --- 04.3 group: how often did each line move? -------------------------------------------

def changes_per_dyad() -> dict[str, int]:
    rel = data.relations().sort_values(["dyad", "year"])
    rel = rel[rel["dyad"].isin(COMPARED)]
    moved = rel.groupby("dyad")["score"].diff().fillna(0) != 0
    counted = rel[moved & rel["year"].between(FIRST, LAST)].groupby("dyad").size()
    return {d: int(counted.get(d, 0)) for d in COMPARED}


@checker("04.3")
def score_changes(answer):
    expected = changes_per_dyad()
    checked = f"the number of score changes in {FIRST}–{LAST} for {', '.join(COMPARED)}"
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        return False, (f"Expected a dict or a pandas Series keyed by dyad, got "
                       f"{type(answer).__name__}."), checked
    answer = {str(k): v for k, v in answer.items()}
    for dyad, count in expected.items():
        if dyad not in answer:
            return False, f"{dyad} is missing from your answer.", checked
        value = as_number(answer[dyad])
        if value is None:
            return False, f"The value for {dyad} is not a number: {_short(answer[dyad])}.", \
                checked
        if value != count:
            hint = ""
            if dyad == "VNM-PRK" and value == count - 1:
                hint = (" Did you select the years before comparing each year with the one "
                        "before? The change of 1989 is measured against 1988.")
            elif value > count:
                hint = " Count only years whose score differs from the year before."
            return False, f"{dyad}: {_short(answer[dyad])} is not right.{hint}", checked
    return True, "Right: " + ", ".join(f"{d} {n}" for d, n in expected.items()) + ".", \
        checked


# --- 04.4 join: who says so? -----------------------------------------------------------

def vnm_prk_sources() -> set[tuple[int, str]]:
    rel = data.relations()
    changes = rel[(rel["dyad"] == "VNM-PRK") & rel["year"].between(FIRST, LAST)
                  & rel["rationale"].notna()]
    pairs = changes.assign(source_id=changes["source_ids"].map(data.split_list)) \
        .explode("source_id").merge(data.sources()[["source_id", "author"]], on="source_id")
    return {(int(y), str(a)) for y, a in zip(pairs["year"], pairs["author"], strict=True)}


@checker("04.4")
def sources_of_changes(answer):
    checked = "the (year, author) pairs against relations.csv joined to sources.csv"
    answer, problem = as_frame(answer, "one row per year and author", ["year", "author"])
    if answer is None:
        return False, problem, checked
    expected = vnm_prk_sources()
    if any(isinstance(a, list | tuple) for a in answer["author"]):
        return False, ("Some author cells hold lists: give one row per source (split "
                       "source_ids and use explode before merging)."), checked
    authors = [str(a) for a in answer["author"]]
    source_ids = set(data.sources()["source_id"])
    if any(";" in a or a in source_ids for a in authors):
        return False, ("The author column holds source ids: split source_ids, explode, "
                       "then merge with data.sources() on source_id to get each "
                       "source's author."), checked
    years = [as_number(y) for y in answer["year"]]
    if any(y is None for y in years):
        return False, "The year column should hold whole years such as 1992.", checked
    got = {(int(y), a) for y, a in zip(years, authors, strict=True)}
    extra, missing = sorted(got - expected), sorted(expected - got)
    if extra:
        year, author = extra[0]
        why = (" Only years in which the score changed have sources."
               if year not in {y for y, _ in expected} else "")
        return False, f"({year}, {author!r}) should not be there.{why}", checked
    if missing:
        year, author = missing[0]
        return False, f"A source of the {year} change is missing ({len(missing)} in all).", \
            checked
    return True, f"All {len(expected)} sources of the {len({y for y, _ in expected})} " \
                 "changes.", checked


# --- 04.5 order the events ------------------------------------------------------------

def order_titles() -> list[str]:
    events = data.events().set_index("event_id").loc[list(ORDER_IDS)]
    return list(events.sort_values("start_date")["title"])


@checker("04.5")
def order_of_events(answer):
    return expect_sequence(answer, order_titles(), what="events")


# --- 04.6 a chart of their own ------------------------------------------------------------

@checker("04.6")
def own_chart(answer):
    import altair as alt

    checked = ("that it is an Altair line chart of the VNM-PRK and VNM-KOR scores for "
               "1985–2005 with x = year, y = score and colour = dyad")
    if isinstance(answer, alt.LayerChart | alt.HConcatChart | alt.VConcatChart):
        return False, "Make a single alt.Chart (no layers) for this task.", checked
    if not isinstance(answer, alt.Chart):
        return False, f"Expected an Altair Chart, got {type(answer).__name__}.", checked
    mark = answer.mark if isinstance(answer.mark, str) else getattr(answer.mark, "type", "")
    if mark != "line":
        return False, f"Use mark_line() (your chart uses {mark!r}).", checked
    spec = answer.to_dict(validate=False).get("encoding", {})
    for channel, field in (("x", "year"), ("y", "score"), ("color", "dyad")):
        got = spec.get(channel, {}).get("field")
        if got is None:
            return False, f"Encode {channel} (it should show {field!r}).", checked
        if got != field:
            return False, f"{channel} shows {got!r}; it should show {field!r}.", checked
    table = answer.data
    if not isinstance(table, pd.DataFrame):
        return False, "Pass a DataFrame to alt.Chart(...).", checked
    if not {"dyad", "year", "score"} <= set(table.columns):
        return False, "The chart's data needs the columns dyad, year and score.", checked
    dyads = set(table["dyad"].astype(str))
    if dyads != {"VNM-PRK", "VNM-KOR"}:
        return False, (f"The data should hold VNM-PRK and VNM-KOR only; it holds "
                       f"{', '.join(sorted(dyads)) or 'no dyad'}."), checked
    years = pd.to_numeric(table["year"], errors="coerce")
    if years.min() != 1985 or years.max() != 2005 or len(table) != 2 * 21:
        return False, ("Keep the years 1985 to 2005, both included (21 years per dyad); "
                       f"yours run {_short(years.min())}–{_short(years.max())} in "
                       f"{len(table)} rows."), checked
    return True, "A line chart of both dyads, 1985–2005, with the right encodings.", checked


# --- 04.7 code the phase on the lens -----------------------------------------------------

@checker("04.7")
def code_the_phase(answer):
    checked = ("that your two codings make the lens predict the relationship recorded for "
               "phase 04")
    if not isinstance(answer, dict):
        return False, ('Expected a dict such as {"ideology": 1, "interests": 0}, got '
                       f"{type(answer).__name__}."), checked
    scores = {}
    for key in ("ideology", "interests"):
        if key not in answer:
            return False, f"Your dict lacks the key {key!r}.", checked
        value = as_number(answer[key])
        if value is None or value != int(value) or not -2 <= value <= 2:
            return False, f"{key} must be a whole number from -2 to 2, not " \
                          f"{_short(answer[key])}.", checked
        scores[key] = int(value)
    phase = data.phases().set_index("phase").loc[PHASE]
    recorded = str(phase["relationship"])
    predicted = lens.predict(scores["ideology"], scores["interests"])
    course = (int(phase["ideology_score"]), int(phase["interest_score"]))
    if predicted != recorded:
        return False, (f"With ideology {scores['ideology']:+d} and interests "
                       f"{scores['interests']:+d} the lens predicts {predicted!r}, but the "
                       f"record for {FIRST}–{LAST} is {recorded!r}. Which factor was "
                       "really out of line in the 1990s?"), checked
    same = (scores["ideology"], scores["interests"]) == course
    note = ("It is also the course's coding." if same else
            f"The course codes it ideology {course[0]:+d}, interests {course[1]:+d}; "
            "compare your justification with the rationale in data/phases.csv.")
    return True, f"Your coding predicts {predicted!r}, as recorded. {note}", checked


# --- 04.8 source criticism (free text) ----------------------------------------------------

KEY_POINTS_04_8 = (
    "The evidence for the stall is thin and mostly an absence: the article's word "
    "'stalled' [¶6] and 'almost a decade of estrangement' [¶8], and a 2000 newspaper "
    "report (Dong-A Ilbo) that Paek Nam-sun's visit was the first senior DPRK visit since "
    "Kim Yong-nam's in 1992.",
    "The timing supports the article: the score falls in the year Hanoi recognised Seoul "
    "(22 Dec 1992) and recovers only with the 2000 visit.",
    "An alternative fits the same evidence: Pyongyang's own crises in the same years "
    "(NPT withdrawal announced 1993, Kim Il-sung's death 1994, the Agreed Framework, Kim "
    "Jong-il's succession to 1997) may have cut its senior travel everywhere.",
    "To decide, one would need comparisons (DPRK visits to other states in 1993–1999), "
    "statements by either side about Seoul, or trade and aid figures; the course's data "
    "hold none of these.",
)


@checker("04.8")
def stall_evidence(answer):
    if not isinstance(answer, str):
        return CheckResult("04.8", UNGRADED, "Write your answer as text in quotes; it is "
                           "not graded automatically. Key points of a model answer: "
                           + numbered(KEY_POINTS_04_8),
                           "nothing: free text is for you and your teacher to judge")
    words = len(answer.split())
    lead = (f"Your answer has {words} words. " if words >= 40 else
            f"Your answer has only {words} words; aim for 80–150. ")
    return CheckResult("04.8", UNGRADED, lead + "Compare it with the key points of a model "
                       "answer: " + numbered(KEY_POINTS_04_8),
                       "nothing: free text is for you and your teacher to judge")
