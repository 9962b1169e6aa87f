"""Exercise checks of lesson 01: the solution passes, typical mistakes get targeted hints."""

import altair as alt
import pandas as pd
import pytest

from comrades import data
from comrades.check import FAILED, PASSED, UNANSWERED, UNGRADED, check


def _run(task, answer):
    return check(task, answer, record=False)


@pytest.fixture(scope="module")
def events():
    return data.events()


@pytest.fixture(scope="module")
def decade(events):
    return events[events["start_date"].dt.year.between(1945, 1954)]


def test_every_task_is_unanswered_at_first():
    for task in [f"01.{n}" for n in range(1, 9)]:
        assert _run(task, ...).status == UNANSWERED


# --- 01.1 filter by date ------------------------------------------------------------------

def test_01_1_solution_passes(decade):
    assert _run("01.1", len(decade)).status == PASSED
    assert _run("01.1", "18").status == PASSED  # the State of Vietnam (E112) included


def test_01_1_filtering_by_phase_is_explained(events):
    by_phase = int((events["phase"] == "01").sum())
    result = _run("01.1", by_phase)
    assert result.status == FAILED and "phase 01" in result.message
    assert "boundary year" in result.message


def test_01_1_a_table_instead_of_a_number(decade):
    result = _run("01.1", decade)
    assert result.status == FAILED and "len(table)" in result.message
    assert "too high" in _run("01.1", 30).message


# --- 01.2 count by group ------------------------------------------------------------------

def test_01_2_solution_passes_in_several_forms(decade):
    counts = decade["category"].value_counts()
    assert _run("01.2", counts).status == PASSED
    assert _run("01.2", counts.to_dict()).status == PASSED
    assert _run("01.2", decade.groupby("category").size().reset_index(name="n")).passed
    assert "diplomacy" in _run("01.2", counts).message


def test_01_2_hints(events, decade):
    whole = _run("01.2", events["category"].value_counts())
    assert whole.status == FAILED and "whole table" in whole.message
    wrong = decade["category"].value_counts().to_dict()
    wrong["diplomacy"] -= 1
    assert "'diplomacy'" in _run("01.2", wrong).message
    missing = decade["category"].value_counts().drop("ideology")
    assert "'ideology' is missing" in _run("01.2", missing).message
    assert "Series" in _run("01.2", [1, 2, 3]).message
    assert "no 'category' column" in _run("01.2", pd.DataFrame({"x": [1]})).message


# --- 01.3 a date calculation ----------------------------------------------------------------

def test_01_3_solution_passes(events):
    dates = events.set_index("event_id")["start_date"]
    gap = dates["E010"] - dates["E008"]
    assert _run("01.3", gap.days).status == PASSED
    assert _run("01.3", gap).status == PASSED  # a Timedelta is accepted too


def test_01_3_a_disputed_day_is_recognised():
    for wrong in (14, 12):  # from 17 or 19 January
        result = _run("01.3", wrong)
        assert result.status == FAILED and "disputes.csv" in result.message
    assert "number" in _run("01.3", "thirteen days").message


# --- 01.4 join ------------------------------------------------------------------------------

def _january(events):
    start = events["start_date"]
    return events[(start.dt.year == 1950) & (start.dt.month == 1)]


def test_01_4_solution_passes(events):
    joined = _january(events).merge(data.disputes(), on="event_id")
    assert _run("01.4", joined[["event_id", "title", "dispute_id"]]).status == PASSED
    assert _run("01.4", joined.drop_duplicates(["event_id", "dispute_id"])).passed


def test_01_4_hints(events):
    joined = _january(events).merge(data.disputes(), on="event_id")
    result = _run("01.4", joined[["event_id", "dispute_id"]])
    assert result.status == FAILED and "'title'" in result.message
    partial = joined[joined["event_id"] != "E009"]
    assert "E009 / ussr_recognition is missing" in _run("01.4", partial).message
    everything = events.merge(data.disputes(), on="event_id")
    assert "should not be there" in _run("01.4", everything).message
    assert "DataFrame" in _run("01.4", "E008").message


# --- 01.5 chart -----------------------------------------------------------------------------

def test_01_5_solution_passes(decade):
    chart = alt.Chart(decade).mark_point().encode(x="start_date:T", y="scope:N",
                                                  color="category:N")
    assert _run("01.5", chart).status == PASSED
    layered = chart + alt.Chart(decade).mark_rule().encode(x="start_date:T")
    assert _run("01.5", layered).status == PASSED
    by_year = alt.Chart(decade.assign(year=decade["start_date"].dt.year)).mark_bar().encode(
        x="year:O", y="count():Q", color="category:N")
    assert _run("01.5", by_year).status == PASSED


def test_01_5_hints(decade):
    no_colour = alt.Chart(decade).mark_point().encode(x="start_date:T", y="scope:N")
    assert "colour" in _run("01.5", no_colour).message
    wrong_x = alt.Chart(decade).mark_point().encode(x="category:N", y="scope:N",
                                                    color="category:N")
    assert "x axis should show time" in _run("01.5", wrong_x).message
    bare = alt.Chart(decade).mark_point()
    assert "no encodings" in _run("01.5", bare).message
    assert "Altair chart" in _run("01.5", decade).message


# --- 01.6 order -----------------------------------------------------------------------------

def test_01_6_solution_passes():
    right = ["E003", "E006", "E010", "E011", "E014", "E017"]
    assert _run("01.6", right).status == PASSED


def test_01_6_hints():
    swapped = ["E006", "E003", "E010", "E011", "E014", "E017"]
    assert "Position 1" in _run("01.6", swapped).message
    assert "Expected 6" in _run("01.6", ["E003", "E006"]).message
    lower = ["e003", "e006", "e010", "e011", "e014", "e017"]
    assert "as they appear in the data" in _run("01.6", lower).message


# --- 01.7 code the phase ---------------------------------------------------------------------

def test_01_7_course_coding_and_a_defensible_recoding_pass():
    course = _run("01.7", {"ideology": 2, "interests": 0, "prediction": "measured"})
    assert course.status == PASSED and "course's own coding" in course.message
    recoded = _run("01.7", {"ideology": 2, "interests": 1, "prediction": "cordial"})
    assert recoded.status == PASSED and "defensible recoding" in recoded.message


def test_01_7_hints():
    assert "predicts 'measured'" in _run(
        "01.7", {"ideology": 2, "interests": 0, "prediction": "alliance"}).message
    assert "same communist ideology" in _run(
        "01.7", {"ideology": 0, "interests": 0, "prediction": "measured"}).message
    assert "clashed" in _run(
        "01.7", {"ideology": 2, "interests": -2, "prediction": "hostile"}).message
    assert "'prediction'" in _run("01.7", {"ideology": 2, "interests": 0}).message
    assert "whole number" in _run(
        "01.7", {"ideology": 2.5, "interests": 0, "prediction": "measured"}).message
    assert "dict" in _run("01.7", [2, 0, "measured"]).message


# --- 01.8 free text --------------------------------------------------------------------------

def test_01_8_is_ungraded_with_key_points():
    text = ("The evidence is thin: the article gives the phase a few lines, and both "
            "states faced the United States after 1950, so interests might be coded as "
            "partly shared.")
    result = _run("01.8", text)
    assert result.status == UNGRADED and "key points" in result.message
    assert "thin evidence" in result.message and "short" in result.message
    assert _run("01.8", 42).status == FAILED
