"""Self-checks of the exercises of lesson 03 · From estrangement to enmity (1973–1989).

Tasks about the data compute their expected answer from ``data/`` when the check runs,
so they stay right if a row is added or corrected. Every checker returns
``(passed, message, checked)`` or a :class:`CheckResult` and is written not to raise,
whatever it is given.
"""

from __future__ import annotations

import pandas as pd

from comrades import data
from comrades.check import _short, as_number, checker, expect_number
from comrades.tasks import common
from comrades.tasks.common import (
    as_frame,
    course_coding,
    course_coding_note,
    encoded_field,
    free_text,
    read_coding,
    same_number,
    single_chart_spec,
)

PHASE = "03"
# Task 03.2: five events of the phase, given to students in this shuffled order.
ORDER_EVENTS = ["E059", "E055", "E062", "E060", "E058"]
# Task 03.3: the two years compared.
YEAR_BEFORE, YEAR_AFTER = 1975, 1979
# Task 03.4: the occupation runs from the start of E055 to the end of E064.
INVASION, LAST_TROOPS = "E055", "E064"
# Task 03.5: the pairs and years to chart.
CHART_DYADS = ("VNM-PRK", "VNM-KHM", "PRK-KHM")
CHART_YEARS = (1973, 1989)
# Task 03.8: the disputed troop numbers of 1989.
DISPUTE = "cambodia_troops_1989"
DISPUTE_COLUMNS = ("claim_no", "figure", "event_id", "title", "start_date")


# --- 03.1 filter and count ----------------------------------------------------------------

@checker("03.1")
def harmful_events(answer):
    events = data.events()
    phase = events[events["phase"] == PHASE]
    expected = int((phase["bearing"] < 0).sum())
    value = as_number(answer)
    checked = f"that the count is {expected}, the phase-{PHASE} events with bearing below 0"
    if value is not None and value != expected:
        if value == len(phase):
            return False, "That is every event of the phase: keep only those with a " \
                          "bearing below 0.", checked
        if value == int((phase["bearing"] <= 0).sum()):
            return False, "You included bearing 0, which means neutral or context: keep " \
                          "only bearings below 0.", checked
        if value == int((events["bearing"] < 0).sum()):
            return False, f"You counted every phase: keep only phase '{PHASE}' (a string).", \
                checked
        if value == int(((phase["bearing"] < 0) & (phase["scope"] == "bilateral")).sum()):
            return False, "You kept only bilateral events: regional events count too.", \
                checked
        if value == int((phase["bearing"] == -2).sum()):
            return False, "You kept only bearing -2: -1 is below 0 too.", checked
    passed, message, _ = expect_number(answer, expected, unit="number of events")
    return passed, message, checked


# --- 03.2 order -------------------------------------------------------------------------

@checker("03.2")
def order_of_events(answer):
    return common.order_of_events(answer, ORDER_EVENTS, example="E055")


# --- 03.3 compare two years ---------------------------------------------------------------

def expected_comparison() -> pd.DataFrame:
    relations = data.relations()
    wide = relations[relations["year"].isin([YEAR_BEFORE, YEAR_AFTER])].pivot(
        index="dyad", columns="year", values="score").dropna()
    table = pd.DataFrame({"dyad": wide.index,
                          f"score_{YEAR_BEFORE}": wide[YEAR_BEFORE].astype(int).to_numpy(),
                          f"score_{YEAR_AFTER}": wide[YEAR_AFTER].astype(int).to_numpy()})
    table["change"] = table[f"score_{YEAR_AFTER}"] - table[f"score_{YEAR_BEFORE}"]
    return table.reset_index(drop=True)


@checker("03.3")
def compare_years(answer):
    expected = expected_comparison()
    columns = list(expected.columns)
    checked = (f"one row per dyad ({len(expected)}) with its scores in {YEAR_BEFORE} and "
               f"{YEAR_AFTER} and the change")
    frame, problem = as_frame(answer, "one row per dyad", columns)
    if frame is None:
        return False, problem, checked
    dyads = [str(d) for d in frame["dyad"].tolist()[:200]]
    missing = [d for d in expected["dyad"] if d not in dyads]
    if missing:
        return False, f"The dyad {missing[0]} is missing ({len(missing)} missing in all).", \
            checked
    extra = [d for d in dyads if d not in set(expected["dyad"])]
    if extra:
        return False, f"{_short(extra[0])} is not a dyad of relations.csv.", checked
    if len(dyads) != len(set(dyads)):
        return False, "Some dyad appears more than once: one row per dyad.", checked
    mine = frame.assign(dyad=dyads).set_index("dyad")
    for row in expected.itertuples(index=False):
        for column in columns[1:]:
            value = mine.at[row.dyad, column]
            right = getattr(row, column)
            if not same_number(value, right):
                hint = (" The change is the later score minus the earlier one."
                        if column == "change" else "")
                return False, (f"{row.dyad}: {column} is {_short(value)}, but the data "
                               f"says {right}.{hint}"), checked
    return True, (f"All {len(expected)} dyads are right. "
                  f"{int((expected['change'] != 0).sum())} of them changed between "
                  f"{YEAR_BEFORE} and {YEAR_AFTER}."), checked


# --- 03.4 a date calculation --------------------------------------------------------------

@checker("03.4")
def occupation_days(answer):
    events = data.events().set_index("event_id")
    start = events.at[INVASION, "start_date"]
    end = events.at[LAST_TROOPS, "end_date"]
    expected = int((end - start).days)
    checked = (f"that the number of days from {start.date()} ({INVASION} start) to "
               f"{end.date()} ({LAST_TROOPS} end) is {expected} (±1)")
    value = as_number(answer)
    if value is not None:
        if abs(value - expected / 365.25) < 1.5:
            return False, "That looks like years: the task asks for days.", checked
        other = int((events.at[LAST_TROOPS, "start_date"] - start).days)
        if abs(value - other) <= 1 and abs(value - expected) > 1:
            return False, (f"You used the start of {LAST_TROOPS}; the last troops left on "
                           "its end_date."), checked
    passed, message, _ = expect_number(answer, expected, unit="number of days", tolerance=1)
    return passed, message, checked


# --- 03.5 a chart of their own ------------------------------------------------------------

@checker("03.5")
def realignment_chart(answer):
    checked = ("a single alt.Chart with a line mark, x = year, y = score, colour = dyad, "
               f"drawing {', '.join(CHART_DYADS)} from {CHART_YEARS[0]} to {CHART_YEARS[1]}")
    spec, problem = single_chart_spec(answer, "line")
    if spec is None:
        return False, problem, checked
    encoding = spec.get("encoding") or {}
    for channel, field in (("x", "year"), ("y", "score"), ("color", "dyad")):
        found = encoded_field(encoding, channel)
        if found != field:
            return False, (f"Encode {field!r} on {channel} (found "
                           f"{repr(found) if found else 'nothing'})."), checked
    table = answer.data
    if not isinstance(table, pd.DataFrame):
        return False, "Give the chart a pandas DataFrame, e.g. alt.Chart(my_rows).", checked
    if not {"dyad", "year", "score"} <= set(table.columns):
        return False, "The chart's data needs the columns dyad, year and score.", checked
    dyads = set(map(str, table["dyad"].unique()))
    if dyads != set(CHART_DYADS):
        missing = sorted(set(CHART_DYADS) - dyads)
        extra = sorted(dyads - set(CHART_DYADS))
        what = (f"{missing[0]} is missing" if missing else f"{extra[0]} should not be there")
        return False, f"The chart should draw exactly {', '.join(CHART_DYADS)}: {what}.", \
            checked
    years = pd.to_numeric(table["year"], errors="coerce")
    if years.isna().any() or years.min() != CHART_YEARS[0] or years.max() != CHART_YEARS[1]:
        return False, (f"Keep the years {CHART_YEARS[0]} to {CHART_YEARS[1]} (yours run "
                       f"from {_short(years.min())} to {_short(years.max())})."), checked
    expected = CHART_YEARS[1] - CHART_YEARS[0] + 1
    if len(table) != expected * len(CHART_DYADS):
        return False, (f"Expected {expected * len(CHART_DYADS)} rows (one per dyad and "
                       f"year), the chart has {len(table)}."), checked
    return True, "A line chart of the three pairs, 1973–1989, encoded as asked.", checked


# --- 03.6 code the phase on the two factors ----------------------------------------------

@checker("03.6")
def code_the_phase(answer):
    phases = data.phases().set_index("phase")
    recorded = str(phases.at[PHASE, "relationship"])
    checked = (f"that your two codes are whole numbers from -2 to 2, that the lens "
               f"predicts the relationship you name, and that it is the recorded one "
               f"({recorded})")
    scores, relationship, problem = read_coding(answer)
    if scores is None:
        return False, problem, checked
    if relationship != recorded:
        hint = (" Were the two states' interests merely apart, or on opposite sides of a "
                "war over Cambodia [¶6]?" if scores["interests"] > -2 else "")
        return False, (f"Your codes consistently predict {relationship}, but the record "
                       f"of 1979–1988 is {recorded}: public condemnation and opposite sides "
                       f"over Cambodia [¶6].{hint}"), checked
    course = course_coding(PHASE)
    same = (scores["ideology"], scores["interests"]) == course
    return True, (f"Your coding predicts {recorded}, which matches the record. "
                  + ("It is also the course's coding." if same else
                     course_coding_note(course, "difference in Task 03.7"))), checked


# --- 03.7 justify the coding (free text) -------------------------------------------------

@checker("03.7")
def justify_the_coding(answer):
    return free_text("03.7", answer, [
        "Interests: the common enemy left in 1973 and aid was cut; after 1975 Cambodia set "
        "Hanoi's Indochina design against Pyongyang's friendship; in 1979 Pyongyang backed "
        "the Khmer Rouge and kept silent on China's war, Hanoi condemned it [¶6].",
        "Ideology: both stayed communist, but Hanoi claimed superiority over Juche, so the "
        "shared ideology was contested [¶6].",
        "Weakness: the rule makes opposed interests enough for hostility, so the phase "
        "cannot show what ideology added; the article dates neither the ideological claim "
        "nor the repair.",
        "Evidence named by event id or paragraph.",
    ], {"interests": r"interest|cambodia|khmer|china", "ideology": r"ideolog|juche",
        "a weakness": r"weak|thin|undated|not dated|cannot|however",
        "evidence": r"¶\d|e0\d\d|\[\d"})


# --- 03.8 join two tables -----------------------------------------------------------------

def expected_dispute() -> pd.DataFrame:
    disputes = data.disputes()
    claims = disputes[disputes["dispute_id"] == DISPUTE]
    joined = claims.merge(data.events(), on="event_id", how="left")
    return joined[list(DISPUTE_COLUMNS)].reset_index(drop=True)


@checker("03.8")
def dispute_joined(answer):
    expected = expected_dispute()
    checked = (f"one row per claim of '{DISPUTE}' ({len(expected)}) with its figure and "
               "the title and date of the event it is attached to")
    frame, problem = as_frame(answer, f"the claims of {DISPUTE}", DISPUTE_COLUMNS)
    if frame is None:
        return False, problem, checked
    if len(frame) != len(expected):
        return False, (f"Expected {len(expected)} rows, one per claim of '{DISPUTE}'; "
                       f"yours has {len(frame)}."), checked
    mine = frame.sort_values("claim_no").reset_index(drop=True) \
        if frame["claim_no"].map(lambda v: as_number(v) is not None).all() else frame
    for i, row in expected.iterrows():
        got = mine.iloc[i]
        if not same_number(got["claim_no"], row["claim_no"]):
            return False, f"Row {i + 1}: claim_no should be {row['claim_no']}.", checked
        if not same_number(got["figure"], row["figure"]):
            return False, (f"Claim {row['claim_no']}: the figure is {_short(got['figure'])}, "
                           f"the data says {row['figure']:g}."), checked
        if str(got["event_id"]) != str(row["event_id"]) or \
                str(got["title"]) != str(row["title"]):
            return False, (f"Claim {row['claim_no']}: the event columns do not match "
                           f"event {row['event_id']} ('{row['title']}'); join on event_id."), \
                checked
        try:
            same_day = pd.Timestamp(got["start_date"]) == row["start_date"]
        except (ValueError, TypeError):
            same_day = False
        if not same_day:
            return False, (f"Claim {row['claim_no']}: start_date should be the event's, "
                           f"{row['start_date'].date()}."), checked
    gap = expected["figure"].max() - expected["figure"].min()
    return True, (f"Both claims are joined to '{expected['title'].iloc[0]}'. The figure "
                  f"column differs by {gap:,.0f} between them; read the notes too: a "
                  "figure can be the midpoint of a range, not a number anyone gave."), checked


# --- 03.9 source criticism (free text) ---------------------------------------------------

@checker("03.9")
def troop_numbers(answer):
    return free_text("03.9", answer, [
        "Name who gives each figure: Hanoi about 50,000; US estimates 60,000–70,000.",
        "Each side may have had a motive to shade the number: Hanoi to show its withdrawal "
        "was far advanced, Washington, at odds with Hanoi, to doubt it.",
        "Neither figure is confirmed by the other; a midpoint is not evidence.",
        "What would settle it: independent counts (e.g. observers of the withdrawal, later "
        "archives, Cambodian records), and how each side defined 'troops'.",
    ], {"who gave each figure": r"hanoi|vietnam|us |united states|american|washington",
        "motive or bias": r"motiv|bias|interest|propaganda|reason to|want",
        "further evidence": r"archive|observer|independent|record|evidence|verify"})
