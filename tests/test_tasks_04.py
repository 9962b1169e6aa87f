"""Lesson 04's exercise checks: the solutions pass, typical mistakes get targeted hints."""

import altair as alt
import pandas as pd
import pytest

from comrades import data
from comrades.check import FAILED, PASSED, UNANSWERED, UNGRADED, check
from comrades.tasks import lesson04


def run(task, answer):
    return check(task, answer, record=False)


def _vietnam_events():
    events = data.events()
    names = events["actors"].map(lambda cell: "VNM" in data.split_list(cell))
    return events[(events["phase"] == "04") & names].sort_values("start_date")


# --- 04.1 --------------------------------------------------------------------------------

def test_04_1_solution_passes():
    answer = _vietnam_events()[["event_id", "start_date", "title", "actors"]]
    result = run("04.1", answer)
    assert result.status == PASSED and "8 events" in result.message


def test_04_1_hints():
    good = _vietnam_events()[["event_id", "start_date", "title"]]
    assert "DataFrame" in run("04.1", list(good["event_id"])).message
    assert "'start_date'" in run("04.1", good[["event_id", "title"]]).message
    # forgot the phase filter: an event of another phase slips in
    events = data.events()
    vnm = events[events["actors"].map(lambda c: "VNM" in data.split_list(c))]
    result = run("04.1", vnm.sort_values("start_date")[["event_id", "start_date", "title"]])
    assert result.status == FAILED and "filter on the phase column" in result.message
    # forgot the actor filter
    phase = events[events["phase"] == "04"].sort_values("start_date")
    assert "do not include VNM" in run("04.1", phase).message
    # missing a row, and unsorted
    assert "missing" in run("04.1", good.iloc[1:]).message
    assert "not sorted" in run("04.1", good.iloc[::-1]).message


# --- 04.2 --------------------------------------------------------------------------------

def test_04_2_solution_and_hints():
    dates = data.events().set_index("event_id")["start_date"]
    days = (dates["E073"] - dates["E072"]).days
    assert days == 120
    assert run("04.2", days).status == PASSED
    assert "wrong sign" in run("04.2", -days).message
    assert "both end days" in run("04.2", days + 1).message
    assert "too low" in run("04.2", 90).message
    assert "Expected a number" in run("04.2", "four months").message
    assert run("04.2", ...).status == UNANSWERED


# --- 04.3 --------------------------------------------------------------------------------

def test_04_3_solution_passes_as_series_or_dict():
    rel = data.relations().sort_values(["dyad", "year"])
    rel = rel[rel["dyad"].isin(["VNM-PRK", "VNM-KOR", "VNM-CHN", "VNM-USA"])]
    rel["moved"] = rel.groupby("dyad")["score"].diff().fillna(0) != 0
    series = rel[rel["moved"] & rel["year"].between(1989, 2000)].groupby("dyad").size()
    assert run("04.3", series).status == PASSED
    assert run("04.3", series.to_frame("n")).status == PASSED
    answer = {"VNM-PRK": 3, "VNM-KOR": 1, "VNM-CHN": 1, "VNM-USA": 1}
    assert run("04.3", answer).status == PASSED


def test_04_3_hints():
    # filtered the years first, so the change of 1989 was lost
    result = run("04.3", {"VNM-PRK": 2, "VNM-KOR": 1, "VNM-CHN": 1, "VNM-USA": 1})
    assert result.status == FAILED and "1988" in result.message
    # counted every year instead of changes
    assert "differs from the year before" in run(
        "04.3", {"VNM-PRK": 12, "VNM-KOR": 12, "VNM-CHN": 12, "VNM-USA": 12}).message
    assert "VNM-USA is missing" in run("04.3", {"VNM-PRK": 3, "VNM-KOR": 1,
                                                "VNM-CHN": 1}).message
    assert "not a number" in run("04.3", {"VNM-PRK": "three", "VNM-KOR": 1,
                                          "VNM-CHN": 1, "VNM-USA": 1}).message
    assert "dict or a pandas Series" in run("04.3", [3, 1, 1, 1]).message


# --- 04.4 --------------------------------------------------------------------------------

def _changes():
    rel = data.relations()
    return rel[(rel["dyad"] == "VNM-PRK") & rel["year"].between(1989, 2000)
               & rel["rationale"].notna()]


def test_04_4_solution_passes():
    changes = _changes()
    per_source = changes.assign(source_id=changes["source_ids"].str.split(";")) \
        .explode("source_id")
    answer = per_source.merge(data.sources()[["source_id", "author"]], on="source_id")
    result = run("04.4", answer[["year", "author"]])
    assert result.status == PASSED and "6 sources of the 3 changes" in result.message


def test_04_4_hints():
    changes = _changes()
    # merged the whole sources table: its year column collides
    exploded = changes.assign(source_id=changes["source_ids"].str.split(";")) \
        .explode("source_id")
    clash = exploded.merge(data.sources(), on="source_id")
    assert "'year'" in run("04.4", clash).message
    # no join: source ids instead of authors
    ids = exploded.rename(columns={"source_id": "author"})[["year", "author"]]
    assert "source ids" in run("04.4", ids).message
    # lists not exploded
    lists = changes.assign(author=changes["source_ids"].str.split(";"))[["year", "author"]]
    assert "explode" in run("04.4", lists).message
    # every year kept, not only the changes
    everything = data.relations().query("dyad == 'VNM-PRK' and 1989 <= year <= 1990")
    extra = pd.DataFrame({"year": [1989, 1989, 1990], "author": ["Khang X. Vu",
                                                                 "Los Angeles Times",
                                                                 "Khang X. Vu"]})
    assert len(everything) == 2
    assert "Only years in which the score changed" in run("04.4", extra).message
    partial = pd.DataFrame({"year": [1989, 1992], "author": ["Khang X. Vu", "Khang X. Vu"]})
    assert "missing" in run("04.4", partial).message


# --- 04.5 --------------------------------------------------------------------------------

def test_04_5_solution_passes_and_a_swap_is_located():
    right = lesson04.order_titles()
    assert right[0].startswith("Hanoi pledges") and right[-1].endswith("in Hanoi")
    assert run("04.5", right).status == PASSED
    wrong = right.copy()
    wrong[6], wrong[7] = wrong[7], wrong[6]  # Hanoi before Beijing
    result = run("04.5", wrong)
    assert result.status == FAILED and "Position 7" in result.message
    assert "Expected 10" in run("04.5", right[:9]).message


# --- 04.6 --------------------------------------------------------------------------------

def _pair(years=(1985, 2005), dyads=("VNM-PRK", "VNM-KOR")):
    rel = data.relations()
    return rel[rel["dyad"].isin(dyads) & rel["year"].between(*years)]


def test_04_6_solution_passes():
    chart = alt.Chart(_pair()).mark_line(interpolate="step-after").encode(
        x="year:Q", y="score:Q", color="dyad:N")
    assert run("04.6", chart).status == PASSED


def test_04_6_hints():
    assert "mark_line" in run("04.6", alt.Chart(_pair()).mark_bar().encode(
        x="year:Q", y="score:Q", color="dyad:N")).message
    assert "Encode color" in run("04.6", alt.Chart(_pair()).mark_line().encode(
        x="year:Q", y="score:Q")).message
    assert "x shows 'score'" in run("04.6", alt.Chart(_pair()).mark_line().encode(
        x="score:Q", y="year:Q", color="dyad:N")).message
    assert "VNM-PRK and VNM-KOR only" in run("04.6", alt.Chart(data.relations()).mark_line()
                                             .encode(x="year:Q", y="score:Q",
                                                     color="dyad:N")).message
    assert "1985 to 2005" in run("04.6", alt.Chart(_pair((1989, 2000))).mark_line().encode(
        x="year:Q", y="score:Q", color="dyad:N")).message
    assert "Expected an Altair Chart" in run("04.6", _pair()).message


# --- 04.7 --------------------------------------------------------------------------------

def test_04_7_course_coding_and_an_alternative_pass():
    result = run("04.7", {"ideology": 2, "interests": -1})
    assert result.status == PASSED and "course's coding" in result.message
    result = run("04.7", {"ideology": 1, "interests": -1})
    assert result.status == PASSED and "rationale" in result.message


def test_04_7_hints():
    result = run("04.7", {"ideology": 2, "interests": 2})
    assert result.status == FAILED and "'alliance'" in result.message
    assert "'estranged'" in result.message
    assert "lacks the key 'interests'" in run("04.7", {"ideology": 2}).message
    assert "from -2 to 2" in run("04.7", {"ideology": 3, "interests": -1}).message
    assert "Expected a dict" in run("04.7", (2, -1)).message


# --- 04.8 --------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", ["Kim Il-sung died in 1994 and the stall is weak " * 10,
                                    "too short", 42])
def test_04_8_is_ungraded_with_key_points(answer):
    result = run("04.8", answer)
    assert result.status == UNGRADED
    assert "Dong-A Ilbo" in result.message and "alternative" in result.message


def test_04_8_unanswered():
    assert run("04.8", ...).status == UNANSWERED
