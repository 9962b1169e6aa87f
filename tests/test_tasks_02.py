"""Lesson 02's exercise checks: the solutions pass, typical mistakes get targeted hints."""

import altair as alt
import pandas as pd
import pytest

from comrades import data
from comrades.check import FAILED, PASSED, UNANSWERED, UNGRADED, check


def _check(task, answer):
    return check(task, answer, record=False)


@pytest.fixture
def events():
    return data.events()


@pytest.fixture
def pilots_joined():
    pilots = data.disputes().query("dispute_id == 'pilots'")
    pilots = pilots.assign(source_id=pilots["source_ids"].str.split(";")).explode("source_id")
    joined = pilots.merge(data.sources(), on="source_id")
    return joined[["claim_no", "figure", "source_id", "author", "kind"]]


def test_every_task_is_registered_and_unanswered_by_default():
    for k in range(1, 10):
        assert _check(f"02.{k}", ...).status == UNANSWERED


# --- 02.1 ------------------------------------------------------------------------------

def test_02_1_solution_passes(events):
    answer = len(events[(events["phase"] == "02") & (events["scope"] == "bilateral")])
    assert answer == 9
    assert _check("02.1", answer).status == PASSED


def test_02_1_typical_mistakes(events):
    phase = events[events["phase"] == "02"]
    assert "keep only scope 'bilateral'" in _check("02.1", len(phase)).message
    everywhere = int((events["scope"] == "bilateral").sum())
    assert "every phase" in _check("02.1", everywhere).message
    regional = int((phase["scope"] == "regional").sum())
    assert "regional" in _check("02.1", regional).message
    assert "Expected a number" in _check("02.1", ["9"]).message


# --- 02.2 ------------------------------------------------------------------------------

def test_02_2_solution_passes(events):
    by_id = events.set_index("event_id")
    days = (by_id.at["E039", "start_date"] - by_id.at["E038", "start_date"]).days
    assert _check("02.2", days).status == PASSED and days == 7


def test_02_2_typical_mistakes():
    assert "sign is reversed" in _check("02.2", -7).message
    assert ".days" in _check("02.2", pd.Timedelta(days=7)).message
    assert "too high" in _check("02.2", 8).message


# --- 02.3 ------------------------------------------------------------------------------

def test_02_3_solution_passes_as_series_frame_or_dict(events):
    counts = events[events["phase"] == "02"]["category"].value_counts()
    assert _check("02.3", counts).status == PASSED
    assert "diplomacy" in _check("02.3", counts).message
    frame = counts.rename("n").reset_index()
    assert _check("02.3", frame).status == PASSED
    assert _check("02.3", counts.to_dict()).status == PASSED


def test_02_3_typical_mistakes(events):
    every_phase = events["category"].value_counts()
    result = _check("02.3", every_phase)
    assert result.status == FAILED and ("you have" in result.message
                                        or "filter the phase" in result.message)
    counts = events[events["phase"] == "02"]["category"].value_counts()
    assert "is missing" in _check("02.3", counts.drop("aid")).message
    assert "Expected a pandas Series" in _check("02.3", 5).message


# --- 02.4 ------------------------------------------------------------------------------

RIGHT_ORDER = ["E022", "E025", "E029", "E033", "E038", "E044"]


def test_02_4_solution_passes():
    assert _check("02.4", RIGHT_ORDER).status == PASSED


def test_02_4_typical_mistakes():
    swapped = ["E022", "E025", "E033", "E029", "E038", "E044"]
    assert "Position 3" in _check("02.4", swapped).message
    assert "not one of the six" in _check("02.4", [*RIGHT_ORDER[:5], "E045"]).message
    assert "Expected 6" in _check("02.4", RIGHT_ORDER[:5]).message
    assert "event ids as strings" in _check("02.4", [1958, 1961]).message


# --- 02.5 ------------------------------------------------------------------------------

def test_02_5_solution_passes(pilots_joined):
    result = _check("02.5", pilots_joined)
    assert result.status == PASSED and "All 5 rows" in result.message


def test_02_5_typical_mistakes(pilots_joined):
    pilots = data.disputes().query("dispute_id == 'pilots'")
    assert "explode" in _check("02.5", pilots).message          # not split, not joined
    first_source = pilots.assign(source_id=pilots["source_ids"].str.split(";").str[0])
    one_per_claim = first_source.merge(data.sources(), on="source_id")
    assert "one row per claim (4)" in _check("02.5", one_per_claim).message
    wrong = pilots_joined.copy()
    wrong.loc[wrong["claim_no"] == 1, "figure"] = 20
    assert "Claim 1: the figure" in _check("02.5", wrong).message
    assert "lacks the column" in _check("02.5", pilots_joined.drop(columns="kind")).message
    assert "Expected a pandas DataFrame" in _check("02.5", "pilots").message


# --- 02.6 ------------------------------------------------------------------------------

def test_02_6_solution_passes(pilots_joined):
    chart = alt.Chart(pilots_joined).mark_bar().encode(
        x=alt.X("figure:Q"), y=alt.Y("author:N"), color="claim_no:N", yOffset="claim_no:N")
    assert _check("02.6", chart).status == PASSED
    upright = alt.Chart(pilots_joined).mark_bar().encode(x="source_id:N", y="figure:Q")
    assert _check("02.6", upright).status == PASSED


def test_02_6_typical_mistakes(pilots_joined):
    base = alt.Chart(pilots_joined)
    assert "mark_bar" in _check("02.6", base.mark_point().encode(
        x="figure:Q", y="author:N")).message
    assert "Put 'figure'" in _check("02.6", base.mark_bar().encode(
        x="claim_no:Q", y="author:N")).message
    assert "nominal" in _check("02.6", base.mark_bar().encode(
        x="figure:Q", y="claim_no:Q")).message
    no_14 = alt.Chart(pilots_joined[pilots_joined["figure"] > 14]).mark_bar().encode(
        x="figure:Q", y="author:N")
    assert "14" in _check("02.6", no_14).message
    layered = base.mark_bar().encode(x="figure:Q", y="author:N") + base.mark_text()
    assert "one alt.Chart" in _check("02.6", layered).message
    assert "Expected an Altair chart" in _check("02.6", pilots_joined).message


# --- 02.7 and 02.9: free text -------------------------------------------------------------

@pytest.mark.parametrize("task", ["02.7", "02.9"])
def test_free_text_is_ungraded_with_key_points(task):
    text = ("The article says 200 but AP counts personnel; a 1967 Soviet memo says 100. "
            "All agree 14 were killed. Ideology and interests were shared [¶5]; aid fell "
            "in 1973, but the figure is disputed.")
    result = _check(task, text)
    assert result.status == UNGRADED
    assert "key points" in result.message and "(1)" in result.message
    assert "short" in result.message        # under 40 words
    assert "seems to touch on" in result.message


@pytest.mark.parametrize("task", ["02.7", "02.9"])
def test_free_text_must_be_text(task):
    result = _check(task, 200)
    assert result.status == FAILED and "as text in quotes" in result.message


def test_02_7_names_the_points_touched():
    result = _check("02.7", "The Soviet memo of 1967 counted pilots; fourteen died.")
    assert "what each source is" in result.message and "the agreed 14" in result.message


# --- 02.8 ------------------------------------------------------------------------------

def test_02_8_solution_passes():
    result = _check("02.8", {"ideology": 2, "interests": 2, "relationship": "alliance"})
    assert result.status == PASSED and "course's coding" in result.message


def test_02_8_a_different_but_consistent_coding_passes_and_asks_for_a_justification():
    result = _check("02.8", {"ideology": 1, "interests": 2, "relationship": "Alliance"})
    assert result.status == PASSED and "Task 02.9" in result.message


def test_02_8_typical_mistakes():
    inconsistent = _check("02.8", {"ideology": 2, "interests": 0, "relationship": "alliance"})
    assert "the lens predicts measured" in inconsistent.message
    wrong_record = _check("02.8", {"ideology": 2, "interests": 1, "relationship": "cordial"})
    assert "the record" in wrong_record.message and "same enemy" in wrong_record.message
    assert "lacks the key 'relationship'" in _check(
        "02.8", {"ideology": 2, "interests": 2}).message
    assert "whole number from -2 to 2" in _check(
        "02.8", {"ideology": 3, "interests": 2, "relationship": "alliance"}).message
    assert "must be one of" in _check(
        "02.8", {"ideology": 2, "interests": 2, "relationship": "friends"}).message
    assert "Expected a dict" in _check("02.8", (2, 2)).message
