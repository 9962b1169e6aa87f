"""Lesson 06's exercise checks: the solutions pass, typical mistakes get targeted hints."""

import altair as alt
import pandas as pd
import pytest

from comrades import data, lens
from comrades.check import FAILED, PASSED, UNANSWERED, UNGRADED, check


def _check(task, answer):
    return check(task, answer, record=False)


def _passes(task, answer):
    result = _check(task, answer)
    assert result.status == PASSED, result.message
    return result


def _fails(task, answer, *words):
    result = _check(task, answer)
    assert result.status == FAILED, result.message
    for word in words:
        assert word in result.message, result.message
    return result


@pytest.fixture(scope="module")
def events():
    return data.events()


@pytest.fixture(scope="module")
def by_phase(events):
    return events.groupby("phase")["bearing"].agg(events="count",
                                                  mean_bearing="mean").reset_index()


@pytest.fixture(scope="module")
def sources_after(events):
    after = events.query("start_date > '2023-03-31'")
    pairs = after.assign(source_id=after["source_ids"].map(data.split_list)).explode(
        "source_id")
    return pairs.merge(data.sources(), on="source_id")[["event_id", "source_id", "kind"]]


@pytest.mark.parametrize("task", [f"06.{n}" for n in range(1, 11)])
def test_every_task_starts_unanswered(task):
    assert _check(task, ...).status == UNANSWERED


# --- 06.1 -------------------------------------------------------------------------------

def test_06_1_count_after_the_article(events):
    expected = int((events["start_date"] > "2023-03-31").sum())
    assert expected == 8  # Putin's visit to Hanoi (E119) included
    _passes("06.1", expected)
    _passes("06.1", "8")
    _fails("06.1", 9, "the article itself")
    _fails("06.1", 3, "bilateral")
    _fails("06.1", 11, "every event of phase 06")
    _fails("06.1", "seven", "Expected a number")


# --- 06.2 -------------------------------------------------------------------------------

def test_06_2_group_by_phase(by_phase):
    result = _passes("06.2", by_phase)
    assert "05" in result.message and "03" in result.message
    _passes("06.2", by_phase.set_index("phase"))
    _passes("06.2", by_phase.round(2))


def test_06_2_mistakes(by_phase):
    _fails("06.2", [1, 2, 3], "DataFrame")
    _fails("06.2", by_phase.drop(columns="mean_bearing"), "mean_bearing")
    _fails("06.2", by_phase.iloc[1:], "Phase 01 is missing")
    summed = by_phase.assign(mean_bearing=by_phase["mean_bearing"] * by_phase["events"])
    _fails("06.2", summed, "sum")
    numeric = by_phase.assign(phase=by_phase["phase"].astype(int))
    _fails("06.2", numeric, "strings")
    _fails("06.2", pd.concat([by_phase, by_phase.iloc[:1]]), "more than once")


# --- 06.3 -------------------------------------------------------------------------------

def test_06_3_days_between_party_chiefs(events):
    visits = events.set_index("event_id")
    days = (visits.at["E108", "start_date"] - visits.at["E089", "start_date"]).days
    _passes("06.3", days)
    _passes("06.3", days + 1)
    _fails("06.3", 18, "years")
    _fails("06.3", days - 30, "too low")
    _fails("06.3", -days, "earlier date")


# --- 06.4 -------------------------------------------------------------------------------

def test_06_4_join(sources_after):
    result = _passes("06.4", sources_after)
    assert "news" in result.message
    _passes("06.4", sources_after.iloc[::-1])


def test_06_4_mistakes(events, sources_after):
    _fails("06.4", sources_after.drop(columns="kind"), "kind")
    _fails("06.4", sources_after.iloc[1:], "missing")
    unsplit = events.query("start_date > '2023-03-31'").rename(
        columns={"source_ids": "source_id"}).assign(kind="news")
    _fails("06.4", unsplit[["event_id", "source_id", "kind"]], "split")
    with_article = pd.concat([pd.DataFrame([{"event_id": "E101", "source_id": "vu2023",
                                             "kind": "article"}]), sources_after])
    _fails("06.4", with_article, "the article itself")
    wrong_kind = sources_after.assign(kind="book")
    _fails("06.4", wrong_kind, "merge on source_id")
    _fails("06.4", pd.concat([sources_after, sources_after.iloc[:1]]), "more than once")


# --- 06.5 -------------------------------------------------------------------------------

def test_06_5_chart(by_phase):
    chart = alt.Chart(by_phase).mark_bar().encode(x="phase:N", y="mean_bearing:Q")
    _passes("06.5", chart)
    _passes("06.5", alt.Chart(by_phase).mark_bar().encode(
        x=alt.X("phase:N"), y=alt.Y("mean_bearing:Q", title="mean"), tooltip=["events:Q"]))


def test_06_5_mistakes(by_phase):
    _fails("06.5", by_phase, "Altair chart")
    _fails("06.5", alt.Chart(by_phase).mark_line().encode(x="phase:N", y="mean_bearing:Q"),
           "mark_bar")
    _fails("06.5", alt.Chart(by_phase).mark_bar().encode(x="phase:N", y="events:Q"),
           "mean_bearing")
    base = alt.Chart(by_phase).mark_bar().encode(x="phase:N", y="mean_bearing:Q")
    _fails("06.5", base + base, "one alt.Chart")
    _fails("06.5", alt.Chart(by_phase.iloc[:3]).mark_bar().encode(
        x="phase:N", y="mean_bearing:Q"), "missing")
    _fails("06.5", alt.Chart("data.csv").mark_bar().encode(x="phase:N", y="mean_bearing:Q"),
           "DataFrame")


# --- 06.6 -------------------------------------------------------------------------------

def test_06_6_order():
    _passes("06.6", ["E102", "E103", "E104", "E107", "E108"])
    _fails("06.6", ["E103", "E102", "E104", "E107", "E108"], "Position 1")
    _fails("06.6", ["E102", "E103", "E104", "E107"], "Expected 5")
    _fails("06.6", ["E102", "E103", "E104", "E107", "E101"], "E101 is not one")
    _fails("06.6", [102, 103, 104, 107, 108], "strings")
    _fails("06.6", "E102 E103 E104 E107 E108", "list")


# --- 06.7 -------------------------------------------------------------------------------

def test_06_7_defensible_codings():
    course = _passes("06.7", {"ideology": 2, "interests": 1, "relationship": "cordial"})
    assert "also the course's" in course.message
    colder = _passes("06.7", {"ideology": 2, "interests": 0,
                              "relationship": lens.predict(2, 0)})
    assert "recoding" in colder.message and "06.8" in colder.message
    _passes("06.7", {"ideology": "2", "interests": 1.0, "relationship": " Cordial "})


def test_06_7_mistakes():
    _fails("06.7", (2, 1), "dict")
    _fails("06.7", {"ideology": 2, "interests": 1}, "relationship")
    _fails("06.7", {"ideology": 3, "interests": 1, "relationship": "cordial"}, "-2 to 2")
    _fails("06.7", {"ideology": 2, "interests": 1, "relationship": "friendly"},
           "one of alliance")
    _fails("06.7", {"ideology": 2, "interests": 1, "relationship": "measured"},
           "predicts cordial")
    _fails("06.7", {"ideology": 2, "interests": 2, "relationship": "alliance"},
           "does not support an alliance")
    _fails("06.7", {"ideology": 2, "interests": -1, "relationship": "estranged"},
           "hardly estranged")


# --- 06.8 and 06.10: free text -----------------------------------------------------------

@pytest.mark.parametrize("task", ["06.8", "06.10"])
def test_free_text_is_ungraded_with_key_points(task):
    text = ("Both parties talk party to party (E103) but Hanoi upgraded with Washington "
            "(E102) while Pyongyang allied with Moscow (E104); news agencies and official "
            "texts show visits, not private talks, so a negative forecast is hard to refute; "
            "archives and trade figures would help. ") * 2
    result = _check(task, text)
    assert result.status == UNGRADED and "(1)" in result.message
    assert "seems to touch on" in result.message
    short = _check(task, "Friendly.")
    assert short.status == UNGRADED and "short" in short.message
    _fails(task, 42, "as text")


# --- 06.9 -------------------------------------------------------------------------------

def test_06_9_agreement():
    recoded = data.phases()
    recoded.loc[recoded["phase"] == "06", "interest_score"] = 0
    share = lens.agreement(recoded)
    assert share == pytest.approx(5 / 6)
    _passes("06.9", share)
    _passes("06.9", 0.83)
    _fails("06.9", 83.3, "percentage")
    _fails("06.9", 1.0, "course's codings")
    _fails("06.9", 0.8, "multiple of 1/6")
    _fails("06.9", 4 / 6, "too low")
    _fails("06.9", "most", "Expected a number")
