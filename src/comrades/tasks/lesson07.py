"""Self-checks of the capstone, 07: does the two-factor lens explain the whole record?

Expected answers are computed from ``data/`` when the check runs, so they stay right
when a row is added.
"""

from __future__ import annotations

import pandas as pd

from comrades import data, lens
from comrades.check import chart_problem, checker, result, ungraded
from comrades.tasks.common import as_frame

DYAD = "VNM-PRK"


# --- 07.1: bilateral events by phase and bearing ---------------------------------------

def expected_07_1() -> pd.DataFrame:
    """Per phase: bilateral events that warmed (bearing > 0) and cooled (< 0) relations."""
    bilateral = data.events().query("scope == 'bilateral'")
    table = pd.DataFrame({
        "phase": data.phases()["phase"],
    }).set_index("phase")
    table["warming"] = bilateral[bilateral["bearing"] > 0].groupby("phase").size()
    table["cooling"] = bilateral[bilateral["bearing"] < 0].groupby("phase").size()
    return table.fillna(0).astype(int).reset_index()


@checker("07.1")
def warming_and_cooling(answer):
    checked = "the warming and cooling counts of bilateral events in each of the six phases"
    answer, problem = as_frame(answer, "one row per phase", ["phase", "warming", "cooling"])
    if answer is None:
        return False, problem, checked
    expected = expected_07_1().set_index("phase")
    mine = answer.assign(phase=answer["phase"].astype(str).str.zfill(2)).set_index("phase")
    missing = [p for p in expected.index if p not in mine.index]
    if missing:
        return False, f"Phase {missing[0]} is missing: keep every phase, with 0 where a " \
                      "phase has no such event (reindex or fillna(0)).", checked
    for phase in expected.index:
        for column in ("warming", "cooling"):
            right, got = expected.loc[phase, column], mine.loc[phase, column]
            if isinstance(got, pd.Series) or pd.isna(got) or got != right:
                return False, f"Phase {phase}, column {column}: {got!r} is off. Count " \
                              "only bilateral events, and use bearing > 0 / < 0.", checked
    return True, "All six phases are counted right.", checked


# --- 07.2: mean Vietnam–DPRK score per phase ----------------------------------------------

def expected_07_2() -> pd.Series:
    """Mean yearly VNM-PRK score over each phase's years (boundary years in both)."""
    scores = data.relations().query("dyad == @DYAD")
    means = {}
    for p in data.phases().itertuples():
        years = scores[scores["year"].between(p.start_year, p.end_year)]
        means[p.phase] = float(years["score"].mean())
    return pd.Series(means, name="mean_score")


@checker("07.2")
def mean_score_per_phase(answer):
    checked = f"the mean {DYAD} score of each phase, to two decimals"
    expected = expected_07_2()
    if isinstance(answer, pd.DataFrame) and "mean_score" in answer.columns:
        if "phase" in answer.columns:
            answer = answer.set_index("phase")
        answer = answer["mean_score"]
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if not isinstance(answer, pd.Series):
        return False, "Expected a pandas Series indexed by phase ('01'…'06'), or a dict " \
                      f"{{phase: mean}}; got {type(answer).__name__}.", checked
    answer = answer.rename(index=lambda p: str(p).zfill(2))
    for phase, right in expected.items():
        if phase not in answer.index:
            return False, f"Phase {phase} is missing from your answer.", checked
        got = pd.to_numeric(pd.Series([answer[phase]]).explode(), errors="coerce").iloc[0]
        if pd.isna(got) or abs(float(got) - right) > 0.005:
            return False, f"Phase {phase}: {answer[phase]!r} is off. Take the {DYAD} rows " \
                          "whose year lies between the phase's start_year and end_year " \
                          "(both included) and average their score.", checked
    return True, "The six means are right.", checked


# --- 07.3: the student's own chart --------------------------------------------------------

@checker("07.3")
def own_chart(answer):
    checked = "that this is an Altair chart with x and y encodings (not its design)"
    problem = chart_problem(answer, ("x", "y"))
    if problem:
        return False, problem, checked
    return True, "A valid Altair chart with x and y. Whether it makes your case is for " \
                 "you and your teacher to judge: see the rubric.", checked


# --- 07.4: the student's own coding of the six phases -------------------------------------

@checker("07.4")
def own_coding(answer):
    phases = data.phases()
    checked = "that every phase has two scores from -2 to 2; the agreement is reported"
    if not isinstance(answer, dict):
        return False, "Expected a dict {phase: (ideology, interests)}, e.g. " \
                      f"{{'01': (2, 0), …}}; got {type(answer).__name__}.", checked
    coded = {str(k).zfill(2): v for k, v in answer.items()}
    rows = []
    for p in phases.itertuples():
        pair = coded.get(p.phase)
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            return False, f"Phase {p.phase} needs a pair (ideology, interests), got " \
                          f"{pair!r}.", checked
        try:
            rows.append(lens.predict(*pair) == p.relationship)
        except ValueError as err:
            return False, f"Phase {p.phase}: {err}.", checked
    agree = sum(rows)
    return True, f"Your coding predicts the recorded relationship in {agree} of " \
                 f"{len(rows)} phases. Where it does not, is your coding or the record " \
                 "the better guide? Say so in 07.5.", checked


# --- 07.5: the argument ------------------------------------------------------------------

@checker("07.5")
def argument(answer):
    if not isinstance(answer, str) or len(answer.split()) < 30:
        return result("07.5", False, "Write your argument as text of at least a "
                      "paragraph (30 words or more), in quotation marks.",
                      "only the length of the answer")
    return ungraded("07.5", [
        "a clear verdict on the thesis that the two states were allies only when ideology "
        "and interests aligned [¶4]",
        "evidence from at least three phases, with event ids or paragraph numbers",
        "your chart (07.3) used as evidence, not decoration",
        "at least one weakness: e.g. the lens explains after the fact, or 'interests' is "
        "coded by the same people who read the outcome",
        "the 2023 forecast [¶9] tested against the events after the article",
    ])
