"""Self-checks of the exercises of lesson 02 · Allies against a common enemy (1954–1973).

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
    field_and_type,
    free_text,
    read_coding,
    same_number,
    single_chart_spec,
)

PHASE = "02"
# Task 02.2: days from the seizure of the Pueblo to the start of the Tet Offensive.
PUEBLO, TET = "E038", "E039"
# Task 02.4: six events of the phase, given to students in this shuffled order.
ORDER_EVENTS = ["E044", "E025", "E038", "E022", "E029", "E033"]
# Tasks 02.5 and 02.6: the pilots dispute joined to its sources.
DISPUTE = "pilots"
JOIN_COLUMNS = ("claim_no", "figure", "source_id", "author", "kind")


# --- helpers ----------------------------------------------------------------------------

def _phase_events() -> pd.DataFrame:
    events = data.events()
    return events[events["phase"] == PHASE]


# --- 02.1 filter and count ----------------------------------------------------------------

@checker("02.1")
def bilateral_events(answer):
    events = data.events()
    phase = _phase_events()
    expected = int((phase["scope"] == "bilateral").sum())
    checked = f"that the count is {expected}, the bilateral events of phase '{PHASE}'"
    value = as_number(answer)
    if value is not None and value != expected:
        if value == len(phase):
            return False, "That is every event of the phase: keep only scope 'bilateral'.", \
                checked
        if value == int((events["scope"] == "bilateral").sum()):
            return False, f"You counted every phase: keep only phase '{PHASE}' (a string, " \
                          "with its leading zero).", checked
        if value == int((phase["scope"] == "regional").sum()):
            return False, "You counted the regional events: keep scope 'bilateral'.", checked
    passed, message, _ = expect_number(answer, expected, unit="number of events")
    return passed, message, checked


# --- 02.2 a date calculation --------------------------------------------------------------

@checker("02.2")
def pueblo_to_tet(answer):
    events = data.events().set_index("event_id")
    start, end = events.at[PUEBLO, "start_date"], events.at[TET, "start_date"]
    expected = int((end - start).days)
    checked = (f"that the number of days from {start.date()} ({PUEBLO}) to {end.date()} "
               f"({TET}) is {expected}")
    if isinstance(answer, pd.Timedelta):
        return False, (f"That is a Timedelta ({_short(answer)}); give the number of days, "
                       "e.g. with .days."), checked
    value = as_number(answer)
    if value is not None and value == -expected:
        return False, "The sign is reversed: subtract the earlier date from the later one.", \
            checked
    passed, message, _ = expect_number(answer, expected, unit="number of days")
    return passed, message, checked


# --- 02.3 group and count -----------------------------------------------------------------

def expected_categories() -> pd.Series:
    return _phase_events()["category"].value_counts().sort_index().astype(int)


@checker("02.3")
def events_per_category(answer):
    expected = expected_categories()
    checked = (f"the number of phase-{PHASE} events in each of the {len(expected)} "
               "categories that occur")
    if isinstance(answer, pd.DataFrame):
        if "category" in answer.columns and answer.shape[1] == 2:
            other = [c for c in answer.columns if c != "category"][0]
            answer = answer.set_index("category")[other]
        elif answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        else:
            return False, ("Give a Series indexed by category (e.g. from .value_counts()), "
                           "or a DataFrame with a 'category' column and one count column."), \
                checked
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if not isinstance(answer, pd.Series):
        return False, (f"Expected a pandas Series indexed by category, got "
                       f"{type(answer).__name__}."), checked
    mine = {str(k): v for k, v in list(answer.items())[:100]}
    for category, count in expected.items():
        if category not in mine:
            return False, f"The category {category!r} is missing.", checked
        if not same_number(mine[category], count):
            return False, (f"{category}: you have {_short(mine[category])}, the data has "
                           f"{count}."), checked
    extra = [k for k, v in mine.items() if k not in expected.index and as_number(v) != 0]
    if extra:
        return False, (f"{extra[0]!r} has no events in phase {PHASE}: did you filter the "
                       "phase?"), checked
    top = expected.idxmax()
    return True, (f"All {len(expected)} categories are right; the most common is {top} "
                  f"({expected.max()})."), checked


# --- 02.4 order -------------------------------------------------------------------------

@checker("02.4")
def order_of_events(answer):
    return common.order_of_events(answer, ORDER_EVENTS, example="E022")


# --- 02.5 join two tables -----------------------------------------------------------------

def expected_join() -> pd.DataFrame:
    disputes = data.disputes()
    claims = disputes[disputes["dispute_id"] == DISPUTE].assign(
        source_id=lambda t: t["source_ids"].str.split(";")).explode("source_id")
    joined = claims.merge(data.sources(), on="source_id", how="left")
    return joined[list(JOIN_COLUMNS)].sort_values(["claim_no", "source_id"]) \
        .reset_index(drop=True)


@checker("02.5")
def claims_with_sources(answer):
    expected = expected_join()
    checked = (f"one row per claim and source of '{DISPUTE}' ({len(expected)} rows) with "
               "the figure, and the author and kind of the source")
    frame, problem = as_frame(answer, f"the claims of '{DISPUTE}' with their sources",
                               JOIN_COLUMNS)
    if frame is None:
        if isinstance(answer, pd.DataFrame) and "source_ids" in answer.columns \
                and "source_id" not in answer.columns:
            problem += (" Split source_ids into one source_id per row (.str.split(';') "
                        "then .explode) before joining with sources on source_id.")
        return False, problem, checked
    claims = int((data.disputes()["dispute_id"] == DISPUTE).sum())
    if len(frame) == claims and claims != len(expected):
        return False, (f"You have one row per claim ({claims}); a claim with two sources "
                       "needs two rows. Split source_ids and explode before the join."), \
            checked
    if len(frame) != len(expected):
        return False, (f"Expected {len(expected)} rows, one per claim and source; yours has "
                       f"{len(frame)}. Keep only dispute_id '{DISPUTE}'."), checked
    mine = {(as_number(r.claim_no), str(r.source_id)): r for r in frame.itertuples()}
    for row in expected.itertuples():
        got = mine.get((float(row.claim_no), row.source_id))
        if got is None:
            return False, f"No row for claim {row.claim_no} and source {row.source_id}.", \
                checked
        if not same_number(got.figure, row.figure):
            return False, (f"Claim {row.claim_no}: the figure is {_short(got.figure)}, the "
                           f"data says {row.figure:g}."), checked
        if str(got.author) != str(row.author) or str(got.kind) != str(row.kind):
            return False, (f"Source {row.source_id}: author or kind does not match "
                           "sources.csv; join on source_id."), checked
    kinds = ", ".join(sorted(set(expected["kind"])))
    return True, (f"All {len(expected)} rows are right: the figures come from sources of "
                  f"the kinds {kinds}."), checked


# --- 02.6 a chart of their own ------------------------------------------------------------

@checker("02.6")
def pilots_chart(answer):
    checked = ("a single alt.Chart with a bar mark, the figure on one axis (quantitative) "
               "and a column naming the source on the other, drawing the pilots claims")
    spec, problem = single_chart_spec(answer, "bar")
    if spec is None:
        return False, problem, checked
    encoding = spec.get("encoding") or {}
    (x, x_kind), (y, y_kind) = field_and_type(encoding, "x"), field_and_type(encoding, "y")
    if "figure" not in (x, y):
        return False, (f"Put 'figure' on x or y (found x = {x or 'nothing'}, "
                       f"y = {y or 'nothing'})."), checked
    other, other_kind = (y, y_kind) if x == "figure" else (x, x_kind)
    figure_kind = x_kind if x == "figure" else y_kind
    if figure_kind not in (None, "quantitative", "Q"):
        return False, f"Encode figure as a quantity ('figure:Q'), not {figure_kind}.", \
            checked
    table = answer.data
    if not isinstance(table, pd.DataFrame):
        return False, "Give the chart a pandas DataFrame, e.g. alt.Chart(my_rows).", checked
    if other is None or other not in table.columns:
        return False, ("Put a column naming the source (e.g. author or source_id) on the "
                       "other axis."), checked
    if other_kind in ("quantitative", "Q"):
        return False, f"{other} should be nominal ('{other}:N'), one bar per source.", checked
    if "figure" not in table.columns:
        return False, "The chart's data needs the column 'figure'.", checked
    figures = set(pd.to_numeric(table["figure"], errors="coerce").dropna().astype(int))
    disputes = data.disputes()
    expected = {int(f) for f in
                disputes[disputes["dispute_id"] == DISPUTE]["figure"].dropna()}
    missing = sorted(expected - figures)
    if missing:
        return False, (f"The figure {missing[0]} of the pilots dispute is not in the "
                       "chart's data."), checked
    extra = sorted(figures - expected)
    if extra:
        return False, f"{extra[0]} is not a figure of the pilots dispute.", checked
    return True, (f"A bar chart of the {len(expected)} figures, one bar per {other}: read "
                  "it beside the claims, since the bars do not all count the same thing."), \
        checked


# --- 02.7 source criticism (free text) ---------------------------------------------------

@checker("02.7")
def pilot_sources(answer):
    return free_text("02.7", answer, [
        "Name each source and what it is: the article (a 2023 policy bulletin, a secondary "
        "source whose links to evidence the course's copy lost) says about 200; "
        "Pribbenow's translated Soviet memo of 1967 and a Vietnamese general say about "
        "100; AP (2019, a news agency) says about 90 pilots among 200–400 personnel.",
        "What is counted: pilots only, or all personnel sent; AP's 200–400 overlaps the "
        "article's 200.",
        "When and with what access: a 1967 document sees one moment; the DPRK confirmed the "
        "pilots only in 2001 (E083), so outsiders estimated.",
        "What is agreed (14 killed) and what follows: the range, not one winner; the "
        "argument needs only that pilots were sent.",
    ], {"what each source is": r"article|bulletin|memo|soviet|general|ap\b|associated",
        "what is counted": r"personnel|count|crew|staff|mechanic",
        "time or access": r"1967|2001|access|secre|confirm|time|rotat",
        "the agreed 14": r"\b14\b|fourteen"})


# --- 02.8 code the phase on the two factors ----------------------------------------------

@checker("02.8")
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
        hint = (" Did the two states face the same enemy, backing the same kind of "
                "southern state [¶5]?" if scores["interests"] < 2 else "")
        return False, (f"Your codes consistently predict {relationship}, but the record "
                       f"of 1958–1973 is {recorded}: a joint declaration, aid and North "
                       f"Korean pilots [¶5].{hint}"), checked
    course = course_coding(PHASE)
    same = (scores["ideology"], scores["interests"]) == course
    return True, (f"Your coding predicts {recorded}, which matches the record. "
                  + ("It is also the course's coding." if same else
                     course_coding_note(course, "difference in Task 02.9"))), checked


# --- 02.9 justify the coding (free text) -------------------------------------------------

@checker("02.9")
def justify_the_coding(answer):
    return free_text("02.9", answer, [
        "Ideology: both Marxist-Leninist party-states; the 1958 declaration pledged a "
        "common cause of building socialism [¶5]. But Juche (1955, E018) and the "
        "Sino-Soviet split complicate 'shared'.",
        "Interests: both divided after 1954 with US-backed southern states; Kim linked a US "
        "setback in Vietnam to relief for Korea [¶5].",
        "The test: aid fell soon after the US left in 1973 while ideology stayed [¶6], so "
        "interests did the work.",
        "Weakness: the alliance's depth rests partly on the disputed 200 pilots; the "
        "article's links to evidence are lost in the course's copy; no treaty of alliance "
        "appears in the data.",
    ], {"ideology": r"ideolog|socialis|marx|juche", "interests": r"interest|divided|enemy|us-",
        "the 1973 test": r"1973|aid|withdr", "a weakness": r"weak|disput|however|but|lost",
        "evidence": r"¶\d|e0\d\d|\[\d"})
